//! mdBook's directives that no preprocessor of opsbook's runs: `{{#title …}}`, and the
//! directives of a book's own preprocessors (`{{#installer_table}}`). mdBook's own
//! `{{#include}}`, `{{#rustdoc_include}}` and `{{#playground}}` are written in place
//! before this (`markdown::includes`: one still here was escaped, and stays as written);
//! any other `{{#name …}}` (or closing `{{#/name}}`) left in the text becomes a
//! placeholder with a note that it is a preprocessor's (in a book's code it stays as
//! written, with the note), unless the old tool would have left it as written ([`crate::content::site_data::TextRules::directives_are_text`]). An escaped one,
//! `\{{#name …}}`, shows as written without its backslash, in code too, as mdBook shows
//! it (its `links.rs` removes the backslash of any escaped directive). [`title_directive`]
//! finds the title a `{{#title …}}` gives the page's `<title>`.

use super::Page;
use super::finder::Finder;
use super::tokens::{Kind, Token};

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
    // A closing directive names its preprocessor's block with a `/` (`{{#/tab }}`, the
    // tabs preprocessor of kubernetes-sigs/cluster-api's books): mdBook's own `links.rs`
    // reads no such name, which leaves it to the book's preprocessor.
    let slash = usize::from(rest.starts_with('/'));
    let name_len =
        rest[slash..].find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-').unwrap_or(rest.len() - slash);
    if name_len == 0 {
        return None;
    }
    let name_len = slash + name_len;
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
    // In a book with a preprocessor of its own a directive in code stays as written, with
    // its warning: the preprocessor would have replaced it there too.
    let unrun = !rules.directives_are_text && (!in_code || rules.directives_in_code);
    unrun.then(|| Token { range: at..end + 2, kind: Kind::Directive(&rest[..name_len]), in_code })
}

/// The title the last `{{#title …}}` of `text` gives the page's `<title>`, found as
/// mdBook's links preprocessor finds its directives: anywhere in the text, code included,
/// `{{` and white space, `#name`, white space, the arguments up to the first `}`, which
/// must open `}}`; an escaped one, `\{{#…` up to the line's last `}}`, is text. Each
/// search for a `}` or a line's end starts after the one before, so the scan is linear.
pub(crate) fn title_directive(text: &str) -> Option<&str> {
    let mut title = None;
    let mut at = 0;
    // The next `}` at or after a position; the end of the current line and its last `}}`.
    let mut brace: Option<usize> = None;
    let (mut line_end, mut line_close) = (0, None);
    while let Some(found) = text.get(at..).and_then(|rest| rest.find("{{")) {
        let open = at + found;
        at = open + 1;
        let inner = &text[open + 2..];
        if text[..open].ends_with('\\') && inner.starts_with('#') {
            if line_end <= open {
                line_end = inner.find('\n').map_or(text.len(), |i| open + 2 + i);
                line_close = text[open + 2..line_end].rfind("}}").map(|i| open + 2 + i);
            }
            if let Some(close) = line_close.filter(|&close| close >= open + 2) {
                at = close + 2;
                continue;
            }
        }
        let Some(named) = inner.trim_start().strip_prefix('#') else { continue };
        let name_len = named.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(named.len());
        let (name, args) = named.split_at(name_len);
        let argument = args.trim_start();
        let from = text.len() - argument.len();
        if name.is_empty() || argument.len() == args.len() || argument.is_empty() {
            continue;
        }
        if brace.is_none_or(|b| b < from) {
            brace = text[from..].find('}').map(|i| from + i);
        }
        let Some(close) = brace else { break };
        if close == from || !text[close..].starts_with("}}") {
            continue;
        }
        if name == "title" {
            title = Some(text[from..close].trim()).filter(|t| !t.is_empty());
        }
        at = close + 2;
    }
    title
}

#[cfg(test)]
mod tests {
    use super::title_directive;

    #[test]
    fn finds_the_last_title_directive_that_is_not_escaped() {
        let cases = [
            ("{{#title My Title}}\n# My Chapter\n", Some("My Title")),
            ("# Chapter\n", None),
            ("{{ #title  Spaced out }}", Some("Spaced out")),
            ("{{#title First}} {{#title Second}}", Some("Second")),
            ("\\{{#title Escaped}}", None),
            ("\\{{#title Escaped}} and {{#title Kept}}", None),
            ("\\{{#title Escaped}}\n{{#title Kept}}", Some("Kept")),
            ("```\n{{#title In code}}\n```", Some("In code")),
            ("{{#title Over\ntwo lines}}", Some("Over\ntwo lines")),
            ("{{#title}} {{#titles x}} {{#title a } b}}", None),
            ("{{#include x.md}} {{#title After}}", Some("After")),
        ];
        for (text, title) in cases {
            assert_eq!(title_directive(text), title, "{text}");
        }
    }
}
