//! The titles of callouts, collapsible sections and tabs, which the old tools read as
//! Markdown.
//!
//! More: docs/architecture.md, "Notes by module".

/// The HTML of a title written in Markdown ([`crate::markdown::inline_html`]).
pub(crate) fn title_html(markdown: &str) -> String {
    crate::markdown::inline_html(markdown)
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
