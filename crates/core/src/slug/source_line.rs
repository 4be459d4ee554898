//! The heading ids Hugo makes (Goldmark's, `markup.goldmark.parser.autoIDType`, older
//! `autoHeadingIDType`), each from the heading's Markdown source line; a repeated id gets
//! `-1`, `-2`… and an empty one is `heading` (Hugo's `idFactory.Generate`):
//! - `github`, the default: trimmed, `-` and the space a `-`, letters, decimal digits and
//!   `_` kept, each lower-cased alone, the rest dropped;
//! - `github-ascii`: the same once the accents are removed (decomposed, nonspacing marks
//!   dropped), only ASCII kept;
//! - `blackfriday`: letters and numbers lower-cased, each run of other characters between
//!   two of them one `-`.
//!
//! More: docs/architecture.md, "Notes by module" (slug).

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;

/// Go's `unicode.ToLower`: one character to one character.
fn lower_one(c: char) -> char {
    match c {
        '\u{130}' => 'i',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// Go's `unicode.IsLetter(r) || unicode.IsDigit(r)`.
fn is_letter_or_digit(c: char) -> bool {
    use GeneralCategory as C;
    matches!(
        get_general_category(c),
        C::UppercaseLetter
            | C::LowercaseLetter
            | C::TitlecaseLetter
            | C::ModifierLetter
            | C::OtherLetter
            | C::DecimalNumber
    )
}

/// `source` as Goldmark's `github` type keeps it, `ascii` keeping only ASCII.
fn github_type(source: &str, ascii: bool) -> String {
    let mut out = String::with_capacity(source.len());
    for c in source.trim().chars() {
        match c {
            _ if ascii && !c.is_ascii() => {}
            '-' | ' ' => out.push('-'),
            '_' => out.push('_'),
            _ if is_letter_or_digit(c) => out.push(lower_one(c)),
            _ => {}
        }
    }
    if out.is_empty() { "heading".to_string() } else { out }
}

/// The id of Hugo's `github` type (the default) for a heading whose source line, without
/// its `#` marks, is `source`.
pub fn source_line_heading_id(source: &str) -> String {
    github_type(source, false)
}

/// The id of Hugo's `github-ascii` type: accents removed (Hugo's `text.RemoveAccents`:
/// decomposed, nonspacing marks dropped, composed again), then only ASCII kept.
pub fn source_line_ascii_heading_id(source: &str) -> String {
    let unaccented: String =
        source.nfd().filter(|c| get_general_category(*c) != GeneralCategory::NonspacingMark).nfc().collect();
    github_type(&unaccented, true)
}

/// The id of Hugo's `blackfriday` type (Blackfriday v1's `SanitizedAnchorName`).
pub fn source_line_runs_heading_id(source: &str) -> String {
    use GeneralCategory as C;
    let mut out = String::with_capacity(source.len());
    let mut dash = false;
    for c in source.chars() {
        let kept = is_letter_or_digit(c) || matches!(get_general_category(c), C::LetterNumber | C::OtherNumber);
        if kept {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(lower_one(c));
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "heading".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hugo's `TestSanitizeAnchorName` (gohugoio/hugo `markup/goldmark/autoid_test.go` at
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934), the `github` type: every case.
    #[test]
    fn makes_the_ids_of_hugo_s_github_type() {
        let cases = [
            ("God is good: 神真美好", "god-is-good-神真美好"),
            ("Number 32", "number-32"),
            ("Question?", "question"),
            ("1+2=3", "123"),
            ("Special !\"#$%&(parens)=?´* chars", "special-parens-chars"),
            ("Resumé", "resumé"),
            ("One-Hyphen", "one-hyphen"),
            ("Multiple--Hyphens", "multiple--hyphens"),
            ("Trailing hyphen-", "trailing-hyphen-"),
            ("Many   spaces  here", "many---spaces--here"),
            ("Forward/slash", "forwardslash"),
            ("Backward\\slash", "backwardslash"),
            ("Under_score", "under_score"),
            ("Nonbreaking\u{a0}Space", "nonbreakingspace"),
            ("Tab\tSpace", "tabspace"),
            ("Trailing Space ", "trailing-space"),
        ];
        for (text, id) in cases {
            assert_eq!(source_line_heading_id(text), id, "{text:?}");
        }
    }

    /// `TestSanitizeAnchorNameAsciiOnly` (same file and commit): the `github-ascii` type.
    #[test]
    fn makes_the_ids_of_hugo_s_github_ascii_type() {
        assert_eq!(source_line_ascii_heading_id("god is神真美好 good"), "god-is-good");
        assert_eq!(source_line_ascii_heading_id("Resumé"), "resume");
        assert_eq!(source_line_ascii_heading_id("Re\u{301}sume\u{301}"), "resume");
        assert_eq!(source_line_ascii_heading_id("神真美好"), "heading");
        // The input of `BenchmarkSanitizeAnchorNameAsciiOnly`, whose id is 12 bytes long.
        assert_eq!(source_line_ascii_heading_id("God is good: 神真美好"), "god-is-good-");
    }

    /// `TestSanitizeAnchorNameBlackfriday` (same file and commit), and the input of its
    /// benchmark, whose id is 24 bytes long: the `blackfriday` type.
    #[test]
    fn makes_the_ids_of_hugo_s_blackfriday_type() {
        assert_eq!(source_line_runs_heading_id("Let's try this, shall we?"), "let-s-try-this-shall-we");
        assert_eq!(source_line_runs_heading_id("God is good: 神真美好"), "god-is-good-神真美好");
        assert_eq!(source_line_runs_heading_id("God is good: 神真美好").len(), 24);
        assert_eq!(source_line_runs_heading_id("  x² and ½ -- Ⅻ  "), "x²-and-½-ⅻ");
        assert_eq!(source_line_runs_heading_id("!!!"), "heading");
    }

    #[test]
    fn makes_the_ids_hugo_makes_from_the_source_line() {
        let cases = [
            ("Escalation for ledger db", "escalation-for-ledger-db"),
            ("What's next?", "whats-next"),
            ("Step 1: check `pg_stat`", "step-1-check-pg_stat"),
            ("[Links](https://example.org/a) too", "linkshttpsexampleorga-too"),
            ("*Emphasis* and **strong**", "emphasis-and-strong"),
            ("A &amp; B", "a-amp-b"),
            ("A -- B", "a----b"),
            ("  trimmed  ", "trimmed"),
            ("Über uns", "über-uns"),
            ("U\u{308}ber", "uber"),
            ("İstanbul", "istanbul"),
            ("😄 emoji", "-emoji"),
            ("x² and ½", "x-and-"),
            ("!!!", "heading"),
        ];
        for (text, id) in cases {
            assert_eq!(source_line_heading_id(text), id, "{text:?}");
        }
    }
}
