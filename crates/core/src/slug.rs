//! Slugs and ids: URL path segments from file names, heading ids from heading text, and
//! the diacritics folding both share.
//!
//! More: docs/architecture.md, "Notes by module".

use serde::Deserialize;
use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::char_table::CharTable;

mod kramdown;
mod source_line;
pub use kramdown::{kramdown_gfm_heading_id, kramdown_heading_id, kramdown_source_line, kramdown_typography};
pub use source_line::{source_line_ascii_heading_id, source_line_heading_id, source_line_runs_heading_id};

/// The rule that turns a heading into its id: `[markdown] heading-ids` in `book.toml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIdStyle {
    /// opsbook's own rule, GitHub's with combining marks kept and `section` for no text.
    #[default]
    Opsbook,
    /// GitHub's rule, from the heading's text (not the alt text of its images).
    Github,
    /// Hugo's (Goldmark's `github` type), from the heading's Markdown source.
    #[serde(rename = "hugo")]
    SourceLine,
    /// Hugo's `github-ascii` type: `hugo` on a site whose configuration names it.
    #[serde(skip)]
    SourceLineAscii,
    /// Hugo's `blackfriday` type: `hugo` on a site whose configuration names it.
    #[serde(skip)]
    SourceLineRuns,
    /// Docusaurus's (github-slugger), from the heading's text, image alt text included.
    #[serde(rename = "docusaurus")]
    TextWithAlt,
    /// Python-Markdown's `toc` `slugify` (MkDocs's), ASCII only.
    #[serde(rename = "python-markdown")]
    PythonMarkdown,
    /// Python-Markdown's `toc` `slugify_unicode`.
    #[serde(rename = "python-markdown-unicode")]
    PythonMarkdownUnicode,
    /// The GOV.UK Tech Docs Template's (Middleman with Redcarpet), from the heading's
    /// text as HTML, images left out.
    #[serde(rename = "tech-docs")]
    TechDocs,
    /// kramdown's (Jekyll with `input: kramdown`), from the heading's source line.
    Kramdown,
    /// kramdown's with `auto_id_stripping`, from the heading's text without code.
    #[serde(rename = "kramdown-stripped")]
    KramdownStripped,
    /// kramdown-parser-gfm's (Jekyll's default `input: GFM`), from the heading's text.
    #[serde(rename = "kramdown-gfm")]
    KramdownGfm,
    /// No id but the author's (kramdown's `auto_ids: false`).
    None,
}

impl HeadingIdStyle {
    /// Whether the rule is one of Hugo's, which read the heading's Markdown source line.
    pub fn is_source_line(self) -> bool {
        matches!(self, HeadingIdStyle::SourceLine | HeadingIdStyle::SourceLineAscii | HeadingIdStyle::SourceLineRuns)
    }

    /// Whether the rule is kramdown's, whose repeats are numbered from the first id.
    pub fn is_kramdown(self) -> bool {
        matches!(self, HeadingIdStyle::Kramdown | HeadingIdStyle::KramdownStripped | HeadingIdStyle::KramdownGfm)
    }
}

/// Letters that Unicode does not decompose into a base letter and a mark.
fn fold_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// Whether a base letter belongs to the scripts whose accents are dropped (Latin,
/// Greek, Cyrillic). Marks on other scripts (Japanese dakuten, Devanagari vowel signs)
/// change the letter and are kept.
fn folds_marks(base: char) -> bool {
    (base as u32) < 0x0530
}

/// The characters beyond ASCII that [`fold`] keeps as they are, each asked once
/// ([`CharTable`]): no mark, no special letter, no decomposition, its own lower case
/// (every kana and ideograph).
static FOLDS_AS_ITSELF: CharTable = CharTable::new(folds_as_itself);

/// Whether [`fold`] writes `c` as it is, whatever comes before it.
fn folds_as_itself(c: char) -> bool {
    let mut decomposed = (0, true);
    decompose_canonical(c, |d| decomposed = (decomposed.0 + 1, decomposed.1 && d == c));
    !c.is_ascii()
        && !is_combining_mark(c)
        && fold_special(c).is_none()
        && decomposed == (1, true)
        && crate::char_table::is_own_lowercase(c)
}

/// Lower-cases `text` and drops the diacritics of Latin, Greek and Cyrillic letters
/// (`Übergabe` -> `ubergabe`), whether the text is composed (NFC) or decomposed (NFD).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return out;
    }
    let mut after_folding_base = false;
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            after_folding_base = true;
            continue;
        }
        if FOLDS_AS_ITSELF.get(c) {
            out.push(c);
            after_folding_base = folds_marks(c);
            continue;
        }
        if is_combining_mark(c) {
            if !after_folding_base {
                out.push(c);
            }
            continue;
        }
        if let Some(s) = fold_special(c) {
            out.push_str(s);
            after_folding_base = true;
            continue;
        }
        let mut base = None;
        let mut only_marks = true;
        decompose_canonical(c, |d| match base {
            None => base = Some(d),
            Some(_) => only_marks &= is_combining_mark(d),
        });
        let base = base.unwrap_or(c);
        after_folding_base = folds_marks(base);
        if after_folding_base && only_marks {
            out.extend(base.to_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A clean URL path segment for a file or folder name.
pub fn slugify(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_alphanumeric() || c == '_' {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    if out.is_empty() { "page".to_string() } else { out }
}

/// The GitHub-style id of a heading with this text.
pub fn heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_ascii() {
            // The same rules, without the Unicode tables: no ASCII character combines.
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                out.push(c.to_ascii_lowercase());
            } else if c == ' ' {
                out.push('-');
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if is_combining_mark(c) {
            out.push(c);
        }
    }
    if out.is_empty() { "section".to_string() } else { out }
}

/// The id GitHub and github-slugger (Docusaurus) give a heading with this text: see
/// the module documentation. Not trimmed, and empty when nothing is kept.
pub fn github_heading_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            ' ' | '-' => out.push('-'),
            _ if is_word(c, false) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether `c` is a word character of a regular expression's Unicode classes: a letter,
/// a mark, a decimal or letter number, connector punctuation, and other numbers (`²`)
/// when `other_numbers` (Ruby's `\p{Word}` has them, github-slugger's class not).
fn is_word(c: char, other_numbers: bool) -> bool {
    use GeneralCategory as C;
    match get_general_category(c) {
        C::UppercaseLetter
        | C::LowercaseLetter
        | C::TitlecaseLetter
        | C::ModifierLetter
        | C::OtherLetter
        | C::NonspacingMark
        | C::SpacingMark
        | C::EnclosingMark
        | C::DecimalNumber
        | C::LetterNumber
        | C::ConnectorPunctuation => true,
        C::OtherNumber => other_numbers,
        _ => false,
    }
}

/// The id Python-Markdown's `toc` extension gives a heading whose text, without its
/// tags and with its entities read, is `text`: `slugify`, or `slugify_unicode` when
/// `unicode` (see the module documentation). Empty when nothing is kept.
pub fn python_markdown_heading_id(text: &str, unicode: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Python's `\s` and `str.strip()`: Unicode white space and the ASCII separators.
    let space = |c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c);
    // Python's `\w`: letters, numbers of every kind, `_`; marks are not word characters.
    let word = |c: char| {
        use GeneralCategory as C;
        c == '_'
            || matches!(
                get_general_category(c),
                C::UppercaseLetter
                    | C::LowercaseLetter
                    | C::TitlecaseLetter
                    | C::ModifierLetter
                    | C::OtherLetter
                    | C::DecimalNumber
                    | C::LetterNumber
                    | C::OtherNumber
            )
    };
    let kept: String = if unicode {
        text.chars().filter(|&c| word(c) || space(c) || c == '-').collect()
    } else {
        text.nfkd().filter(|&c| c.is_ascii() && (word(c) || space(c) || c == '-')).collect()
    };
    let lower = kept.trim_matches(space).to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let mut in_run = false;
    for c in lower.chars() {
        if c == '-' || space(c) {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out
}

/// The id Python-Markdown's `toc` tries after `id` is taken (its `unique`): `name_n`
/// becomes `name_{n+1}`, anything else gets `_1`.
pub fn next_python_markdown_id(id: &str) -> String {
    if let Some((stem, digits)) = id.rsplit_once('_')
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        return format!("{stem}_{}", increment_decimal(digits));
    }
    format!("{id}_1")
}

/// `digits` plus one, written without leading zeros, as Python's `int(digits) + 1` is,
/// whatever its length.
fn increment_decimal(digits: &str) -> String {
    let mut out: Vec<u8> = digits.trim_start_matches('0').bytes().collect();
    let mut at = out.len();
    loop {
        if at == 0 {
            out.insert(0, b'1');
            break;
        }
        at -= 1;
        if out[at] == b'9' {
            out[at] = b'0';
        } else {
            out[at] += 1;
            break;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The GOV.UK Tech Docs Template's id of a heading whose shown text is `text`
/// (alphagov/tech-docs-gem `lib/govuk_tech_docs/unique_identifier_generator.rb`,
/// `heading_slug`): the text as Redcarpet escapes it into HTML, lower-cased as Ruby's
/// `downcase` does, every run of characters other than `0-9a-z` one `-`, no `-` at
/// either end. Tags are removed there; the text here has none.
pub fn tech_docs_heading_id(text: &str) -> String {
    let mut html = String::with_capacity(text.len() + 8);
    for c in text.trim().chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#39;"),
            _ => html.extend(c.to_lowercase()),
        }
    }
    let mut id = String::with_capacity(html.len());
    for c in html.chars() {
        if c.is_ascii_digit() || c.is_ascii_lowercase() {
            id.push(c);
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_string()
}

/// A readable title from a file or folder name: `database-failover` -> `Database failover`.
pub fn title_from_name(name: &str) -> String {
    let spaced = if name.contains(' ') { name.to_string() } else { name.replace(['-', '_'], " ") };
    let trimmed = spaced.trim();
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold`] as it was before [`FOLDS_AS_ITSELF`]: every character through the tables.
    fn fold_through_the_tables(text: &str) -> String {
        let mut out = String::new();
        let mut after_folding_base = false;
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
                after_folding_base = true;
            } else if is_combining_mark(c) {
                if !after_folding_base {
                    out.push(c);
                }
            } else if let Some(s) = fold_special(c) {
                out.push_str(s);
                after_folding_base = true;
            } else {
                let mut base = None;
                let mut only_marks = true;
                decompose_canonical(c, |d| match base {
                    None => base = Some(d),
                    Some(_) => only_marks &= is_combining_mark(d),
                });
                let base = base.unwrap_or(c);
                after_folding_base = folds_marks(base);
                if after_folding_base && only_marks {
                    out.extend(base.to_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
        out
    }

    #[test]
    fn folds_every_character_as_the_tables_do() {
        for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
            for text in [format!("é{c}\u{301}"), format!("{c}\u{301}"), format!("日{c}")] {
                assert_eq!(fold(&text), fold_through_the_tables(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn slugifies_spaces_and_accents() {
        assert_eq!(
            slugify("PM2019-009 - Kubernetes network IP starvation"),
            "pm2019-009-kubernetes-network-ip-starvation"
        );
        assert_eq!(slugify("Übergabe Straße"), "ubergabe-strasse");
        assert_eq!(slugify("Recommended Reads"), "recommended-reads");
        assert_eq!(slugify("KubePodCrashLooping"), "kubepodcrashlooping");
        assert_eq!(slugify("日本語 ページ"), "日本語-ページ");
        assert_eq!(slugify("???"), "page");
        assert_eq!(slugify("snake_case"), "snake_case");
    }

    #[test]
    fn folds_diacritics_both_ways() {
        assert_eq!(fold("Übergabe"), "ubergabe");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(fold("plain"), "plain");
        assert_eq!(fold("U\u{308}bergabe"), "ubergabe");
        assert_eq!(fold("ページ"), "ページ");
        assert_eq!(fold("Ελλάδα"), "ελλαδα");
    }

    #[test]
    fn makes_github_heading_ids() {
        assert_eq!(heading_id("Escalation for ledger db"), "escalation-for-ledger-db");
        assert_eq!(heading_id("What's next?"), "whats-next");
        assert_eq!(heading_id("Step 1: check `pg_stat`"), "step-1-check-pg_stat");
        assert_eq!(heading_id("A -- B"), "a----b");
        assert_eq!(heading_id("Über uns"), "über-uns");
        assert_eq!(heading_id("!!!"), "section");
    }

    #[test]
    fn makes_the_ids_github_and_docusaurus_make() {
        // Heading text -> id, as github-slugger's fixtures and GitHub show them.
        let cases = [
            ("Escalation for ledger db", "escalation-for-ledger-db"),
            ("What's next?", "whats-next"),
            ("Step 1: check pg_stat", "step-1-check-pg_stat"),
            ("A -- B", "a----b"),
            ("Limits & Retries", "limits--retries"),
            ("  spaced  ", "--spaced--"),
            ("Über uns", "über-uns"),
            ("Привет non-latin 你好", "привет-non-latin-你好"),
            ("😄 emoji", "-emoji"),
            ("⚠️ Warning", "\u{fe0f}-warning"),
            ("x² and ½", "x-and-"),
            ("Ⅻ roman", "ⅻ-roman"),
            ("tab\there", "tabhere"),
            ("non\u{a0}breaking", "nonbreaking"),
            ("U\u{308}ber", "u\u{308}ber"),
            ("İstanbul", "i\u{307}stanbul"),
            ("ΣΑΣ", "σας"),
            ("!!!", ""),
        ];
        for (text, id) in cases {
            assert_eq!(github_heading_id(text), id, "{text:?}");
        }
    }

    /// Python-Markdown's `slugify` and `slugify_unicode` on the heading texts of
    /// tests/test_syntax/extensions/test_toc.py (Python-Markdown/markdown at
    /// bb50627dc07fde6ee5ed7478464062c537ebad2c), each as `toc` passes it: its tags
    /// stripped and its entities read.
    #[test]
    fn makes_the_ids_python_markdown_makes() {
        let upstream = [
            ("Header 1", false, "header-1"),
            ("Foo & bar", false, "foo-bar"),
            ("Foo > & bar", false, "foo-bar"),
            ("Foo Bar Baz.", false, "foo-bar-baz"),
            ("Some Header with markup.", false, "some-header-with-markup"),
            ("This is code.", false, "this-is-code"),
            ("This is code and this too.", false, "this-is-code-and-this-too"),
            ("<test>", false, "test"),
            ("escaped_character", false, "escaped_character"),
            ("foo@example.org", false, "fooexampleorg"),
            ("Header 1 not in TOC", false, "header-1-not-in-toc"),
            ("Théâtre", false, "theatre"),
            ("Unicode ヘッダー", true, "unicode-ヘッダー"),
        ];
        // The rule's other steps, as Python evaluates them.
        let derived = [
            ("Unicode ヘッダー", false, "unicode"),
            ("žlutý kůň", false, "zluty-kun"),
            ("A -- B", false, "a-b"),
            ("  - edge -  ", false, "-edge-"),
            ("x² and ½", false, "x2-and-12"),
            ("x² and ½", true, "x²-and-½"),
            ("U\u{308}ber", true, "uber"),
            ("İstanbul", true, "i\u{307}stanbul"),
            ("ΣΑΣ", true, "σας"),
            ("tab\there", false, "tab-here"),
            ("!!!", false, ""),
        ];
        for (text, unicode, id) in upstream.into_iter().chain(derived) {
            assert_eq!(python_markdown_heading_id(text, unicode), id, "{text:?} {unicode}");
        }
    }

    /// test_toc.py's `testTOCUniqueFunc` and `testUniqueIds`, and `unique`'s rule for an
    /// id that already ends in a number (Python-Markdown/markdown at
    /// bb50627dc07fde6ee5ed7478464062c537ebad2c, markdown/extensions/toc.py).
    #[test]
    fn numbers_repeated_ids_as_python_markdown_does() {
        assert_eq!(next_python_markdown_id("foo"), "foo_1");
        assert_eq!(next_python_markdown_id("header_1"), "header_2");
        assert_eq!(next_python_markdown_id(""), "_1");
        assert_eq!(next_python_markdown_id("a_1_09"), "a_1_10");
        assert_eq!(next_python_markdown_id("v_"), "v__1");
        assert_eq!(next_python_markdown_id("x_99999999999999999999999"), "x_100000000000000000000000");
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(title_from_name("database-failover"), "Database failover");
        assert_eq!(title_from_name("PM2020-001 - Inotify"), "PM2020-001 - Inotify");
    }
}
