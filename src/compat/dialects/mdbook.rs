//! mdBook's directives that no preprocessor of opsbook's runs: `{{#title …}}`, and the
//! directives of a book's own preprocessors (`{{#installer_table}}`). mdBook's own
//! `{{#include}}`, `{{#rustdoc_include}}` and `{{#playground}}` are written in place
//! before this (`markdown::includes`: one still here was escaped, and stays as written);
//! any other `{{#name …}}` left in the text becomes a
//! placeholder with a note that it is a preprocessor's, unless the old tool would have
//! left it as written ([`crate::content::site_data::TextRules::directives_are_text`]). An escaped one,
//! `\{{#name …}}`, shows as written without its backslash, in code too, as mdBook shows
//! it (its `links.rs` removes the backslash of any escaped directive).

use super::Page;
use super::inline::{Kind, Token};
use super::scan::Finder;

/// The directive at `at`, if one starts there: `{{#name args}}` on one line, or its
/// escape.
pub(super) fn token<'t>(
    text: &'t str,
    at: usize,
    finder: &mut Finder,
    in_code: bool,
    page: Page<'_>,
) -> Option<Token<'t>> {
    let rest = text.get(at..)?.strip_prefix("{{#")?;
    let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-').unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let end = finder.find(text, "}}", at + 3).filter(|end| end - at <= 400 && !text[at..*end].contains('\n'))?;
    let escaped = text[..at].ends_with('\\');
    if escaped {
        let written = text[at..end + 2].to_string();
        return Some(Token { range: at - 1..end + 2, kind: Kind::Literal(written), in_code });
    }
    // The include step's own directives: one left in the text was escaped there (the step
    // removed its backslash), and shows as written.
    if matches!(&rest[..name_len], "include" | "rustdoc_include" | "playground") {
        return None;
    }
    let rules = page.templating.map(|t| t.site.data.text).unwrap_or_default();
    if &rest[..name_len] == "title"
        && rules.title_directive_is_empty
        && rest[name_len..].starts_with(char::is_whitespace)
    {
        return Some(Token { range: at..end + 2, kind: Kind::Drop, in_code });
    }
    let as_written = rules.directives_are_text;
    (!in_code && !as_written).then(|| Token { range: at..end + 2, kind: Kind::Directive(&rest[..name_len]), in_code })
}
