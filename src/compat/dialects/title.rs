//! The titles of callouts, collapsible sections and tabs, which the old tools read as
//! Markdown.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::html::escape;

/// The characters that may give a title Markdown or HTML: without any, the title is
/// plain text.
const MARKUP: &[u8] = b"*_`[]<>&!\\~#{";

/// The HTML of a title written in Markdown.
pub(crate) fn title_html(markdown: &str) -> String {
    if !markdown.bytes().any(|b| MARKUP.contains(&b)) {
        return escape(markdown);
    }
    let mut html = String::with_capacity(markdown.len() + 32);
    let parser = pulldown_cmark::Parser::new_ext(markdown.trim(), crate::markdown::parser_options());
    pulldown_cmark::html::push_html(&mut html, parser);
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|inner| inner.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_titles_are_escaped_as_before() {
        assert_eq!(title_html("Before you start"), "Before you start");
        assert_eq!(title_html("Say \"hi\""), "Say &quot;hi&quot;");
    }

    #[test]
    fn markdown_titles_are_rendered_without_their_paragraph() {
        assert_eq!(title_html("**Best Practices**"), "<strong>Best Practices</strong>");
        assert_eq!(title_html("Maven (`pom.xml`)"), "Maven (<code>pom.xml</code>)");
        assert_eq!(title_html("See [the runbook](db.md)"), "See <a href=\"db.md\">the runbook</a>");
    }

    #[test]
    fn a_heading_in_a_summary_stays_a_heading() {
        assert_eq!(title_html("### Failure is certain {.practice}"), "<h3 class=\"practice\">Failure is certain</h3>");
    }
}
