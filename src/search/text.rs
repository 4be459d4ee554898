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
pub(crate) fn stemmer_for(language: &str) -> Option<Stemmer> {
    language_of(language).map(|(algorithm, _)| Stemmer::create(algorithm))
}

/// The name of the browser's stemmer for a BCP 47 language tag (`german`: the file
/// `themes/default/stemmers/german.js`), for every language but English (which
/// `search-analysis.js` stems itself), if rust-stemmers has one.
pub(crate) fn algorithm_name(language: &str) -> Option<&'static str> {
    language_of(language).map(|(_, name)| name).filter(|name| !name.is_empty())
}

/// The stop words of a language (English only, so far).
pub(crate) fn stop_words(language: &str) -> &'static [&'static str] {
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
mod tests {
    use super::*;

    #[test]
    fn splits_and_folds_words() {
        let found: Vec<String> = words("Übergabe: kafka-consumer_groups.sh, pg_stat (v2)").collect();
        assert_eq!(found, ["ubergabe", "kafka", "consumer", "groups", "sh", "pg", "stat", "v2"]);
        // CJK text gives its bigrams (a whole word before CJK text was split in bigrams).
        let found: Vec<String> = words("日本語 ÉCOLE").collect();
        assert_eq!(found, ["日本", "本語", "ecole"]);
    }

    fn plain_terms(text: &str) -> Vec<(String, bool)> {
        let mut found = Vec::new();
        for_each_marked_term(text, &mut String::new(), |t, plain| found.push((t.to_string(), plain)));
        found
    }

    fn terms_of(text: &str) -> Vec<String> {
        plain_terms(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn cjk_text_gives_overlapping_bigrams_as_plain_words() {
        // Japanese: katakana, hiragana and kanji in one stretch; the prolonged sound mark
        // is a letter of the stretch.
        assert_eq!(terms_of("イベント"), ["イベ", "ベン", "ント"]);
        assert_eq!(terms_of("データ"), ["デー", "ータ"]);
        assert_eq!(terms_of("追跡され"), ["追跡", "跡さ", "され"]);
        // Chinese.
        assert_eq!(terms_of("数据库备份"), ["数据", "据库", "库备", "备份"]);
        // Korean: syllables; a space ends a stretch as it ends a word.
        assert_eq!(terms_of("데이터베이스 백업"), ["데이", "이터", "터베", "베이", "이스", "백업"]);
        // Halfwidth katakana, and an ideograph beyond the Basic Multilingual Plane.
        assert_eq!(terms_of("ｲﾍﾞﾝﾄ 𠮷野家"), ["ｲﾍ", "ﾍﾞ", "ﾞﾝ", "ﾝﾄ", "𠮷野", "野家"]);
        // Punctuation of CJK text separates stretches: `、`, `。`, `・`.
        assert_eq!(terms_of("収集、追跡。ログ・データ"), ["収集", "追跡", "ログ", "デー", "ータ"]);
        // Every bigram is a plain word: a quoted phrase is matched against them in order.
        assert!(plain_terms("すべてのデータはイベントとして").iter().all(|(_, plain)| *plain));
        // Bigrams are their own stems, never stop words, in any language.
        for language in ["en", "ja", "de", "zh-Hans"] {
            let analyzer = Analyzer::new(language);
            assert_eq!(analyzer.stem("イベ").as_deref(), Some("イベ"), "{language}");
            assert_eq!(analyzer.stem("数据").as_deref(), Some("数据"), "{language}");
        }
        assert!(is_cjk_term("ント") && !is_cjk_term("event") && !is_cjk_term("ga4"));
    }

    #[test]
    fn letters_next_to_cjk_text_are_words_of_their_own() {
        assert_eq!(
            terms_of("ga4で収集されるすべてのデータ"),
            ["ga4", "で収", "収集", "集さ", "され", "れる", "るす", "すべ", "べて", "ての", "のデ", "デー", "ータ"]
        );
        assert_eq!(terms_of("Kubernetesのノード"), ["kubernetes", "のノ", "ノー", "ード"]);
        // An ASCII word in camel case keeps its parts; other letters are folded.
        assert_eq!(terms_of("KubePodのアラート"), ["kubepod", "kube", "pod", "のア", "アラ", "ラー", "ート"]);
        assert_eq!(terms_of("Übergabeの手順"), ["ubergabe", "の手", "手順"]);
        // Stretches alternate: each gives its own pieces.
        assert_eq!(terms_of("v2の設定とAPIキー"), ["v2", "の設", "設定", "定と", "api", "キー"]);
        // An identifier next to CJK text gives its words, not itself whole (it would be a
        // clause); one without CJK characters is kept.
        assert_eq!(terms_of("設定はconfig.ymlにある"), ["設定", "定は", "config", "yml", "にあ", "ある"]);
        assert_eq!(terms_of("config.yml を"), ["config", "yml", "config.yml"]);
    }

    #[test]
    fn a_cjk_character_alone_gives_no_term() {
        // One character is no bigram, and the index holds no word of one character.
        assert_eq!(terms_of("社"), Vec::<String>::new());
        assert_eq!(terms_of("A社 B社"), Vec::<String>::new());
        assert_eq!(terms_of("社 のデータ"), ["のデ", "デー", "ータ"]);
        assert_eq!(terms_of("ab日cd"), ["ab", "cd"]);
        // The reference splitter gives it, and every caller drops it as a short word.
        assert_eq!(words("A社").collect::<Vec<_>>(), ["a", "社"]);
    }

    #[test]
    fn latin_text_is_split_as_before() {
        // Nothing of the CJK handling touches text without CJK characters.
        for text in ["Übergabe: kafka-consumer_groups.sh", "naïve café", "Ελλάδα Москва", "HTTPServer 10.0.0.1"]
        {
            let old: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().nth(1).is_some())
                .map(crate::slug::fold)
                .collect();
            let plain: Vec<String> = plain_terms(text).into_iter().filter(|(_, p)| *p).map(|(t, _)| t).collect();
            assert_eq!(plain, old, "{text:?}");
        }
        assert!(!"aé ßΩЖ٣ अ ก".chars().any(is_cjk), "letters of other scripts are not CJK");
    }

    #[test]
    fn cjk_ranges_are_sorted_and_match_the_browser() {
        assert!(CJK_RANGES.windows(2).all(|w| w[0].1 < w[1].0) && CJK_RANGES.iter().all(|r| r.0 <= r.1));
        for (lo, hi) in CJK_RANGES {
            for n in [*lo, *hi] {
                assert!(char::from_u32(n).is_some_and(is_cjk), "{n:x}");
            }
            assert!(!char::from_u32(lo - 1).is_some_and(is_cjk), "{:x}", lo - 1);
        }
        for c in ['イ', 'ー', 'ひ', '漢', '々', '한', 'ㄱ', 'ｱ', '丽', '𠀀', '豈'] {
            assert!(is_cjk(c), "{c}");
        }
        // search-analysis.js has the same ranges, written as a class of its regex `CJK`.
        let class: String = CJK_RANGES.iter().map(|(lo, hi)| format!("\\u{{{lo:X}}}-\\u{{{hi:X}}}")).collect();
        let script = include_str!("../../themes/default/static/search-analysis.js");
        let line = format!("var CJK = /[{class}]/u;");
        assert!(script.contains(&line), "search-analysis.js lacks {line}");
    }

    #[test]
    fn finds_words_identifiers_and_camel_case_parts() {
        let terms = |text: &str| {
            let mut found = Vec::new();
            for_each_term(text, &mut String::new(), |t| found.push(t.to_string()));
            found
        };
        assert_eq!(terms("pg_stat_replication."), ["pg", "stat", "replication", "pg_stat_replication"]);
        assert_eq!(terms("KubePodCrashLooping"), ["kubepodcrashlooping", "kube", "pod", "crash", "looping"]);
        assert_eq!(terms("HTTPServer at 10.0.0.1"), ["httpserver", "http", "server", "at", "10", "10.0.0.1"]);
        assert_eq!(terms("CVE-2024-3094 a--b"), ["cve", "2024", "3094", "cve-2024-3094"]);
        assert_eq!(
            terms("Straße-Ü x on-call 2026-11-22 us-east-1"),
            ["strasse", "on", "call", "2026", "11", "22", "us", "east", "us-east-1"]
        );
        // Flags whole, after their words; a `--` inside a word or after a joiner is none.
        assert_eq!(terms("`--keep-pvc` --insecure"), ["keep", "pvc", "--keep-pvc", "insecure", "--insecure"]);
        assert_eq!(terms("a--bc x.--yz"), ["bc", "yz"]);
        assert_eq!(terms("--v2 --set=a_b"), ["v2", "--v2", "set", "--set", "a_b"]);
        // A key with a slash: its dotted part and itself whole; words joined by slashes
        // alone are not kept, with letters and digits they are.
        assert_eq!(
            terms("argocd.argoproj.io/sync-wave and/or apps/v1"),
            [
                "argocd",
                "argoproj",
                "io",
                "sync",
                "wave",
                "argocd.argoproj.io",
                "argocd.argoproj.io/sync-wave",
                "and",
                "or",
                "apps",
                "v1",
                "apps/v1"
            ]
        );
        for text in [
            "Übergabe: kafka-consumer_groups.sh, pg_stat (v2)",
            "日本語 ÉCOLE a I",
            "naïve café x",
            "",
            "ga4で収集されるすべてのデータはイベントとして追跡され",
            "A社 Kubernetesのノード 데이터베이스",
        ] {
            let plain: Vec<String> = words(text).filter(|w| w.chars().nth(1).is_some()).collect();
            let found: Vec<String> = terms(text).into_iter().filter(|t| !is_identifier(t)).collect();
            assert_eq!(found, plain, "{text:?}");
        }
    }

    /// Words, identifiers and their joiners among private-use
    /// characters, combining marks, characters of four bytes, controls and right-to-left
    /// marks never make the splitter slice inside a character, and every term it gives
    /// has two characters or more.
    #[test]
    fn hostile_unicode_around_words_never_breaks_the_splitter() {
        use crate::test_support::hostile_text::{Random, seed_and_count, unicode};
        const PIECES: &[&str] = &[
            "KubePod",
            "pg_stat",
            "10.0.0.1",
            "CVE-2024-3094",
            "Über",
            "x",
            "_",
            ".",
            "-",
            " ",
            "HTTPServer",
            "é-",
            "イベント",
            "日",
            "한국어",
            "ga4で",
            "ｲﾍﾞ",
            "𠮷",
        ];
        let (seed, texts) = seed_and_count(0x0b5b_00c5, "OPSBOOK_PROPERTY_PAGES", 3000);
        for n in 0..texts * 4 {
            let mut random = Random(seed ^ n.wrapping_mul(0x2545_f491_4f6c_dd1d));
            let mut text = String::new();
            for _ in 0..random.below(12) {
                text.push_str(&unicode(&mut random));
                text.push_str(random.pick(PIECES));
            }
            let terms = crate::panics::catch(|| {
                let mut terms = Vec::new();
                for_each_term(&text, &mut String::new(), |t| terms.push(t.to_string()));
                terms
            });
            let terms = terms.unwrap_or_else(|caught| panic!("{text:?}: {caught:?}"));
            assert!(terms.iter().all(|t| t.chars().count() >= 2), "{text:?}: {terms:?}");
        }
    }

    /// The terms of a word list (`tests/js/fixtures/analysis-words.txt`), line by line,
    /// as the index of a handbook in `language` has them: `[line, [[term, stem or null], ...]]`,
    /// or with `stems_only` (the lists of other languages, kept small) only the stems of
    /// each line's terms, `[stem or null, ...]`.
    fn fixture_terms(list: &str, language: &str, stems_only: bool) -> String {
        let analyzer = Analyzer::new(language);
        let mut out = String::from("[\n");
        let lines: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
        for (n, line) in lines.iter().enumerate() {
            let mut terms = Vec::new();
            for_each_term(line, &mut String::new(), |t| {
                let stem = analyzer.stem(t).map(|s| s.into_owned());
                terms.push(if stems_only { serde_json::json!(stem) } else { serde_json::json!([t, stem]) })
            });
            let row = if stems_only { serde_json::json!(terms) } else { serde_json::json!([line, terms]) };
            out.push_str(&row.to_string());
            out.push_str(if n + 1 < lines.len() { ",\n" } else { "\n" });
        }
        out.push_str("]\n");
        out
    }

    /// Writes the terms of the word list `words` (under `tests/js/fixtures/`) to `terms`
    /// when `OPSBOOK_UPDATE_FIXTURES=1`, and says whether the file holds them, with the
    /// number of lines of the list.
    fn fixture_is_current(words: &str, terms: &str, language: &str) -> (bool, usize) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js/fixtures");
        let list = std::fs::read_to_string(dir.join(words)).unwrap_or_else(|_| panic!("the word list {words}"));
        let expected = fixture_terms(&list, language, language != "en");
        let path = dir.join(terms);
        if std::env::var("OPSBOOK_UPDATE_FIXTURES").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &expected).expect("write the fixture");
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        (current == expected, list.lines().filter(|l| !l.is_empty()).count())
    }

    /// The browser's analysis (`static/search-analysis.js`) is checked against this
    /// file by `tests/js/analysis.test.cjs`; `OPSBOOK_UPDATE_FIXTURES=1` rewrites it.
    #[test]
    fn js_analysis_fixture_is_current() {
        let (current, _) = fixture_is_current("analysis-words.txt", "analysis-terms.json", "en");
        assert!(
            current,
            "tests/js/fixtures/analysis-terms.json is stale: run OPSBOOK_UPDATE_FIXTURES=1 cargo test --lib js_analysis_fixture"
        );
    }

    /// The languages besides English that the index stems, by the tag their fixture is
    /// named for (`tests/js/fixtures/languages/de.txt`), one per Snowball algorithm.
    const FIXTURE_LANGUAGES: &[&str] =
        &["de", "fr", "es", "it", "nl", "pt", "sv", "no", "da", "fi", "ru", "hu", "ro", "tr", "ar", "el", "ta"];

    /// The browser's stemmers (`themes/default/stemmers/`) are checked against these
    /// files by `tests/js/analysis.test.cjs`: the terms of each language's word list
    /// (`tests/js/make-language-words.mjs` writes the lists); `OPSBOOK_UPDATE_FIXTURES=1`
    /// rewrites them.
    #[test]
    fn js_language_fixtures_are_current() {
        let mut stale = Vec::new();
        for language in FIXTURE_LANGUAGES {
            assert!(stemmer_for(language).is_some(), "{language} has a stemmer");
            let words = format!("languages/{language}.txt");
            let (current, lines) = fixture_is_current(&words, &format!("languages/{language}.json"), language);
            assert!(lines >= 300, "{words} has {lines} words, fewer than 300");
            if !current {
                stale.push(*language);
            }
        }
        assert!(
            stale.is_empty(),
            "the fixtures of {stale:?} in tests/js/fixtures/languages/ are stale: run OPSBOOK_UPDATE_FIXTURES=1 cargo test --lib js_language_fixtures"
        );
    }

    #[test]
    fn stems_english_and_drops_stop_words() {
        let analyzer = Analyzer::new("en");
        assert_eq!(analyzer.stem("failing").as_deref(), Some("fail"));
        assert_eq!(analyzer.stem("failed").as_deref(), Some("fail"));
        assert_eq!(analyzer.stem("failover").as_deref(), Some("failov"));
        assert_eq!(analyzer.stem("the"), None);
        let german = Analyzer::new("de-CH");
        assert_eq!(german.stem("ubergaben").as_deref(), Some("ubergab"));
        let unknown = Analyzer::new("tlh");
        assert_eq!(unknown.stem("qapla").as_deref(), Some("qapla"));
    }
}
