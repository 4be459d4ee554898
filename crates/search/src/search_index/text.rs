//! Text handling for search, identical in Rust and in the browser (`search.js`).
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};

/// Splits text into folded words: the reference that the index's fast splitter and
/// the browser's follow (the tests compare them). A stretch of CJK characters gives its
/// bigrams, or itself when it is one character (which the index then leaves out, as
/// every word of one character).
#[cfg(test)]
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).flat_map(cjk_pieces).map(crate::slug::fold)
}

/// The pieces of a run of letters and digits, for [`words`]: its stretches of other
/// characters whole, its stretches of CJK characters as bigrams (one character alone).
#[cfg(test)]
fn cjk_pieces(run: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let end = |k: usize| chars.get(k).map_or(run.len(), |&(at, _)| at);
    let mut pieces = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let cjk = is_cjk(chars[k].1);
        let mut j = k;
        while j < chars.len() && is_cjk(chars[j].1) == cjk {
            j += 1;
        }
        if !cjk || j - k == 1 {
            pieces.push(&run[end(k)..end(j)]);
        } else {
            pieces.extend((k..j - 1).map(|m| &run[end(m)..end(m + 2)]));
        }
        k = j;
    }
    pieces
}

/// The characters of Chinese, Japanese and Korean writing, as inclusive ranges of code
/// points, ascending: Hangul Jamo; the ideographic iteration and closing marks and
/// number zero (`々`, `〆`, `〇`), Hangzhou numerals, the kana repeat marks and the
/// other letters of the CJK Symbols block; Hiragana and Katakana (with the prolonged
/// sound mark `ー`); Hangul Compatibility Jamo; Katakana Phonetic Extensions; CJK Unified
/// Ideographs Extension A; CJK Unified Ideographs; Hangul Jamo Extended-A; Hangul
/// Syllables and Hangul Jamo Extended-B; CJK Compatibility Ideographs; halfwidth
/// Katakana and Hangul; the Kana Extended, Supplement and Small Kana blocks; CJK
/// Unified Ideographs Extensions B to I and the Compatibility Ideographs Supplement.
/// These scripts do not separate their words with spaces: a stretch of these characters
/// within a run of letters is indexed as overlapping pairs of characters (bigrams), as
/// Lucene's CJKBigramFilter does. Only letters and digits are split into words at all,
/// so the marks and symbols of these blocks (`、`, `。`, `・`) still separate words.
/// `search-analysis.js` has the same ranges (`CJK`; a test compares them).
pub(crate) const CJK_RANGES: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x3005, 0x3007),
    (0x3021, 0x3029),
    (0x3031, 0x3035),
    (0x3038, 0x303C),
    (0x3041, 0x30FF),
    (0x3131, 0x318F),
    (0x31F0, 0x31FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
    (0xF900, 0xFAFF),
    (0xFF66, 0xFFDC),
    (0x1AFF0, 0x1B16F),
    (0x20000, 0x2FA1F),
    (0x30000, 0x323AF),
];

/// Whether `c` is a character of Chinese, Japanese or Korean writing ([`CJK_RANGES`]).
#[inline]
pub(crate) fn is_cjk(c: char) -> bool {
    let n = c as u32;
    if n < 0x1100 {
        return false;
    }
    let k = CJK_RANGES.partition_point(|&(_, hi)| hi < n);
    CJK_RANGES.get(k).is_some_and(|&(lo, _)| lo <= n)
}

/// Whether a folded term is a CJK bigram: its own stem, never a stop word, never taken
/// for a typing mistake.
pub(crate) fn is_cjk_term(term: &str) -> bool {
    term.chars().next().is_some_and(is_cjk)
}

/// The characters that join the words of an identifier (`/` joins the parts of a key
/// such as `argocd.argoproj.io/sync-wave`).
const JOINERS: &[u8] = b"_.-/";
/// The longest identifier indexed whole, in characters.
const MAX_IDENTIFIER: usize = 64;

/// Whether the character at byte `i` of `text` is a letter or a digit.
fn word_char_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return b.is_ascii_alphanumeric();
    }
    text[i..].chars().next().is_some_and(crate::char_table::is_alphanumeric)
}

/// What a run of letters and digits holds, beyond its end.
#[derive(Clone, Copy)]
struct Run {
    /// Where it ends (a byte index).
    end: usize,
    /// Whether every character is ASCII.
    ascii: bool,
    /// Whether it has an ASCII upper-case letter.
    upper: bool,
    /// Whether it has a CJK character ([`is_cjk`]).
    cjk: bool,
}

/// The run of letters and digits starting at byte `i`: one pass that also notes what
/// [`emit_word`] needs, so a lower-case ASCII word (most words) is neither scanned
/// again nor copied.
fn run_at(text: &str, mut i: usize) -> Run {
    let bytes = text.as_bytes();
    let (mut ascii, mut upper, mut cjk) = (true, false, false);
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_lowercase() || b.is_ascii_digit() {
            i += 1;
        } else if b.is_ascii_uppercase() {
            upper = true;
            i += 1;
        } else if b.is_ascii() {
            break;
        } else {
            match text[i..].chars().next() {
                Some(c) if crate::char_table::is_alphanumeric(c) => {
                    ascii = false;
                    cjk = cjk || is_cjk(c);
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
    }
    Run { end: i, ascii, upper, cjk }
}

/// Where the parts of an ASCII word in camel case start (`KubePod`: 0, 4), or nothing
/// when it is not in camel case: a part starts at an upper-case letter after a
/// lower-case letter or digit, and at the last of a run of upper-case letters followed
/// by a lower-case one (`HTTPServer`: `HTTP`, `Server`).
fn camel_starts(word: &[u8]) -> Vec<usize> {
    let (lower, upper) = (|b: u8| b.is_ascii_lowercase(), |b: u8| b.is_ascii_uppercase());
    let camel = word.windows(2).any(|w| lower(w[0]) && upper(w[1]))
        || word.windows(3).any(|w| upper(w[0]) && upper(w[1]) && lower(w[2]));
    if !camel || !word.iter().all(u8::is_ascii_alphanumeric) {
        return Vec::new();
    }
    let mut starts = vec![0];
    for j in 1..word.len() {
        let after_lower = (lower(word[j - 1]) || word[j - 1].is_ascii_digit()) && upper(word[j]);
        let run_end = upper(word[j - 1]) && upper(word[j]) && word.get(j + 1).is_some_and(|&b| lower(b));
        if after_lower || run_end {
            starts.push(j);
        }
    }
    starts
}

/// Calls `found` with every term of `text` the index holds, in order: each folded word
/// of two characters or more, then the parts of a word in camel case (two characters
/// or more), and after the words of an identifier (words joined by single `_`, `.` or
/// `-`), the identifier folded, of at most [`MAX_IDENTIFIER`] characters, when
/// [`is_kept_identifier`]. ASCII words
/// are lower-cased into `buffer`, others go through [`fold`](crate::slug::fold).
#[cfg(test)]
pub(crate) fn for_each_term(text: &str, buffer: &mut String, mut found: impl FnMut(&str)) {
    for_each_marked_term(text, buffer, |term, _| found(term));
}

/// [`for_each_term`], telling of each term whether it is a plain word (`true`: a word
/// as [`words`] splits the text, of two characters or more) or one of the terms added
/// after it (a camel-case part, an identifier): the plain words, in order, are what a
/// quoted phrase is matched against ([`super::pairs`]).
pub(crate) fn for_each_marked_term(text: &str, buffer: &mut String, mut found: impl FnMut(&str, bool)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        if !word_char_at(text, i) {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let start = i;
        let mut parts = 0;
        let mut cjk = false;
        loop {
            let from = i;
            let run = run_at(text, i);
            i = run.end;
            parts += 1;
            cjk |= run.cjk;
            emit_word(&text[from..i], run, buffer, &mut found);
            if i + 1 < bytes.len() && JOINERS.contains(&bytes[i]) && word_char_at(text, i + 1) {
                i += 1;
                continue;
            }
            break;
        }
        if !cjk {
            emit_identifiers(text, start, &text[start..i], parts, &mut found);
        }
    }
}

/// The identifiers of a run of words joined by joiners (`identifier`, of `parts` words,
/// at byte `start` of `text`), after its words ([`for_each_marked_term`]): each part
/// between slashes that is an identifier itself (`argocd.argoproj.io`), the whole run,
/// each when [`is_kept_identifier`] and of at most [`MAX_IDENTIFIER`] characters, and a
/// command-line flag whole (`--keep-pvc`, `--insecure`: the run right after `--` that
/// follows no word) whatever its joiners.
fn emit_identifiers(text: &str, start: usize, identifier: &str, parts: usize, found: &mut impl FnMut(&str, bool)) {
    let short = |id: &str| id.len() <= MAX_IDENTIFIER || id.chars().count() <= MAX_IDENTIFIER;
    if identifier.contains('/') {
        for segment in identifier.split('/') {
            if segment.bytes().any(|b| JOINERS.contains(&b)) && is_kept_identifier(segment) && short(segment) {
                found(&crate::slug::fold(segment), false);
            }
        }
    }
    if parts > 1 && is_kept_identifier(identifier) && short(identifier) {
        found(&crate::slug::fold(identifier), false);
    }
    let before = &text[..start];
    let flag = before.strip_suffix("--").is_some_and(|rest| {
        rest.chars().next_back().is_none_or(|c| !(c.is_alphanumeric() || c.is_ascii() && JOINERS.contains(&(c as u8))))
    });
    if flag && identifier.chars().any(char::is_alphabetic) && short(identifier) {
        found(&format!("--{}", crate::slug::fold(identifier)), false);
    }
}

/// Whether an identifier is indexed whole: when its words are joined by `_`
/// (`pg_stat_replication`), by `.` with letters in it (`net.ipv4`,
/// `argocd.argoproj.io/sync-wave`) or two dots or more (`10.0.0.1`, `1.2.3`), or by `-`
/// or `/` with letters and digits both in it (`CVE-2024-3094`, `us-east-1`, `apps/v1`).
/// Words joined by hyphens or slashes alone (`on-call`, `and/or`), dates (`2026-11-22`)
/// and decimal numbers (`99.95`) are found by their words, and would only grow the
/// index.
fn is_kept_identifier(identifier: &str) -> bool {
    let bytes = identifier.as_bytes();
    let letters = identifier.chars().any(char::is_alphabetic);
    let dots = bytes.iter().filter(|&&b| b == b'.').count();
    bytes.contains(&b'_') || (letters && dots > 0) || dots >= 2 || (letters && bytes.iter().any(u8::is_ascii_digit))
}

/// One word of [`for_each_term`], and its camel-case parts (`run` tells what it holds);
/// a run with CJK characters, its pieces ([`emit_cjk_run`]).
fn emit_word(word: &str, run: Run, buffer: &mut String, found: &mut impl FnMut(&str, bool)) {
    if run.cjk {
        emit_cjk_run(word, buffer, found);
    } else if run.ascii && !run.upper {
        // Lower case already, and no camel case without upper case.
        if word.len() >= 2 {
            found(word, true);
        }
    } else if run.ascii {
        if word.len() < 2 {
            return;
        }
        buffer.clear();
        buffer.push_str(word);
        buffer.make_ascii_lowercase();
        found(buffer, true);
        let starts = camel_starts(word.as_bytes());
        for (k, &from) in starts.iter().enumerate() {
            let to = starts.get(k + 1).copied().unwrap_or(word.len());
            if to - from >= 2 {
                buffer.clear();
                buffer.push_str(&word[from..to]);
                buffer.make_ascii_lowercase();
                found(buffer, false);
            }
        }
    } else if word.chars().nth(1).is_some() {
        found(&crate::slug::fold(word), true);
    }
}

/// A run of letters and digits with CJK characters: each stretch of CJK characters as
/// its bigrams (`イベント`: `イベ`, `ベン`, `ント`; one character alone gives nothing),
/// each stretch of other characters as a word of its own (`ga4で収集`: `ga4`, then
/// `で収`, `収集`), all plain words. CJK characters have no case and keep their accents
/// (`slug::fold` leaves them as they are), so the bigrams are not folded.
fn emit_cjk_run(word: &str, buffer: &mut String, found: &mut impl FnMut(&str, bool)) {
    let mut rest = word;
    while let Some(first) = rest.chars().next() {
        let cjk = is_cjk(first);
        let end = rest.char_indices().find(|&(_, c)| is_cjk(c) != cjk).map_or(rest.len(), |(k, _)| k);
        let (stretch, tail) = rest.split_at(end);
        if cjk {
            let mut previous = None;
            for (k, c) in stretch.char_indices() {
                if let Some(from) = previous {
                    found(&stretch[from..k + c.len_utf8()], true);
                }
                previous = Some(k);
            }
        } else {
            let upper = stretch.bytes().any(|b| b.is_ascii_uppercase());
            let run = Run { end: stretch.len(), ascii: stretch.is_ascii(), upper, cjk: false };
            emit_word(stretch, run, buffer, found);
        }
        rest = tail;
    }
}

/// Whether a folded term is an identifier (its own stem).
pub(crate) fn is_identifier(term: &str) -> bool {
    term.bytes().any(|b| JOINERS.contains(&b))
}

/// English stop words: too common to help a search. The client ignores them too (the
/// list is in the manifest).
pub(crate) const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "its", "no", "not",
    "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will",
    "with",
];

/// The languages rust-stemmers stems: primary BCP 47 subtags, the algorithm, and the name
/// of the browser's stemmer (`themes/default/stemmers/NAME.js`; English has none, as
/// `search-analysis.js` stems it itself).
const LANGUAGES: &[(&[&str], Algorithm, &str)] = &[
    (&["en"], Algorithm::English, ""),
    (&["de"], Algorithm::German, "german"),
    (&["fr"], Algorithm::French, "french"),
    (&["es"], Algorithm::Spanish, "spanish"),
    (&["it"], Algorithm::Italian, "italian"),
    (&["nl"], Algorithm::Dutch, "dutch"),
    (&["pt"], Algorithm::Portuguese, "portuguese"),
    (&["sv"], Algorithm::Swedish, "swedish"),
    (&["no", "nb", "nn"], Algorithm::Norwegian, "norwegian"),
    (&["da"], Algorithm::Danish, "danish"),
    (&["fi"], Algorithm::Finnish, "finnish"),
    (&["ru"], Algorithm::Russian, "russian"),
    (&["hu"], Algorithm::Hungarian, "hungarian"),
    (&["ro"], Algorithm::Romanian, "romanian"),
    (&["tr"], Algorithm::Turkish, "turkish"),
    (&["ar"], Algorithm::Arabic, "arabic"),
    (&["el"], Algorithm::Greek, "greek"),
    (&["ta"], Algorithm::Tamil, "tamil"),
];

/// The row of [`LANGUAGES`] for a BCP 47 language tag, if rust-stemmers has one.
fn language_of(language: &str) -> Option<(Algorithm, &'static str)> {
    let primary = language.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(tags, _, _)| tags.contains(&primary.as_str()))
        .map(|&(_, algorithm, name)| (algorithm, name))
}

/// The stemmer for a BCP 47 language tag, if rust-stemmers has one.
pub fn stemmer_for(language: &str) -> Option<Stemmer> {
    language_of(language).map(|(algorithm, _)| Stemmer::create(algorithm))
}

/// The name of the browser's stemmer for a BCP 47 language tag (`german`: the file
/// `themes/default/stemmers/german.js`), for every language but English (which
/// `search-analysis.js` stems itself), if rust-stemmers has one.
pub fn algorithm_name(language: &str) -> Option<&'static str> {
    language_of(language).map(|(_, name)| name).filter(|name| !name.is_empty())
}

/// The stop words of a language (English only, so far).
pub fn stop_words(language: &str) -> &'static [&'static str] {
    if language.starts_with("en") { ENGLISH_STOP_WORDS } else { &[] }
}

/// Turns folded words into stems.
pub(crate) struct Analyzer {
    stemmer: Option<Stemmer>,
    stop_words: &'static [&'static str],
}

impl Analyzer {
    /// The analyzer for a language.
    pub(crate) fn new(language: &str) -> Self {
        Analyzer { stemmer: stemmer_for(language), stop_words: stop_words(language) }
    }

    /// The stem of a folded word, or `None` for a stop word.
    pub(crate) fn stem<'w>(&self, word: &'w str) -> Option<Cow<'w, str>> {
        if is_identifier(word) || is_cjk_term(word) {
            return Some(Cow::Borrowed(word));
        }
        if self.stop_words.contains(&word) {
            return None;
        }
        Some(match &self.stemmer {
            Some(stemmer) => stemmer.stem(word),
            None => Cow::Borrowed(word),
        })
    }
}

#[cfg(test)]
mod tests;
