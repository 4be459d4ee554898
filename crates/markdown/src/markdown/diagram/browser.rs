//! Diagrams the build cannot draw, drawn by the reader's browser: a Mermaid diagram of a
//! type `mermaid-svg` does not read, or one it cannot parse (its parser lags behind
//! Mermaid's own: `par` blocks, some node shapes, class-style `:::`), is drawn by
//! Mermaid itself, the script opsbook carries (`themes/default/vendor/mermaid/`).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::html::push_escaped;
use crate::markdown::words::MarkdownWords;

/// The figure of a Mermaid diagram drawn by the reader's browser, its note (shown until
/// the browser draws it) said in `words`.
pub fn browser_figure(source: &str, words: &MarkdownWords) -> String {
    let mut html = String::with_capacity(source.len() + 400);
    html.push_str("<figure class=\"diagram diagram-browser\" data-mermaid=\"\">\n<p class=\"diagram-note\">");
    push_escaped(&mut html, words.say("md_diagram_in_browser"));
    html.push_str("</p>");
    super::push_source_summary(&mut html, words, " open");
    push_source(&mut html, source, "mermaid");
    html.push_str("</details>\n</figure>\n");
    html
}

/// The figure of a diagram shown as its source in `language`, under the one-line
/// `note` (text).
pub fn source_figure(source: &str, language: &str, note: &str) -> String {
    let mut html = String::with_capacity(source.len() + 300);
    html.push_str("<figure class=\"diagram diagram-code\">\n<p class=\"diagram-note\">");
    push_escaped(&mut html, note);
    html.push_str("</p>\n");
    push_source(&mut html, source, language);
    html.push_str("</figure>\n");
    html
}

/// The source of a diagram as a code block in `language`.
fn push_source(html: &mut String, source: &str, language: &str) {
    html.push_str("<pre class=\"code\" data-lang=\"");
    html.push_str(language);
    html.push_str("\"><code class=\"language-");
    html.push_str(language);
    html.push_str("\">");
    push_escaped(html, source);
    html.push_str("</code></pre>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_figure_reads_without_javascript() {
        let html = browser_figure("flowchart LR\n  A -->|x| B@{ shape: cyl }\n", MarkdownWords::english());
        assert!(
            html.starts_with(
                "<figure class=\"diagram diagram-browser\" data-mermaid=\"\">\n<p class=\"diagram-note\">"
            )
        );
        assert!(html.contains("<details class=\"diagram-source\" open><summary>Diagram source</summary><pre class=\"code\" data-lang=\"mermaid\"><code class=\"language-mermaid\">flowchart LR\n  A --&gt;|x| B@{ shape: cyl }\n</code></pre></details>"), "{html}");
    }

    #[test]
    fn a_source_figure_says_what_it_shows() {
        let html =
            source_figure("@startuml\nA -> B\n@enduml\n", "plantuml", "A PlantUML diagram, shown as its source.");
        assert_eq!(
            html,
            "<figure class=\"diagram diagram-code\">\n<p class=\"diagram-note\">A PlantUML diagram, shown as its source.</p>\n<pre class=\"code\" data-lang=\"plantuml\"><code class=\"language-plantuml\">@startuml\nA -&gt; B\n@enduml\n</code></pre></figure>\n"
        );
    }
}
