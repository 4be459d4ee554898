//! Mermaid diagrams written as raw HTML, the forms Mermaid's own page script draws
//! (`mermaid.run()` looks for `.mermaid`, docs: "Usage", *Calling `mermaid.run`*) and the
//! one GitHub writes for a `mermaid` fence (`<pre lang="mermaid">`):
//!
//! ```markdown
//! <pre class="mermaid">            <div class="mermaid">          <pre lang="mermaid">
//! graph TD                         sequenceDiagram                 flowchart LR
//!   A --> B                          A->>B: hi                       A --&gt; B
//! </pre>                           </div>                         </pre>
//! ```
//!
//! The first stage ([`super::admonitions`]) rewrites each into a `mermaid` fence, so the
//! diagram is drawn like any other ([`crate::markdown::diagram`]): the lines between the
//! tags (and text after the opening tag or before the closing one, on their lines) are
//! the source, its entities decoded as Mermaid decodes the element's HTML.

/// The closing tag of the Mermaid element `line` opens, if it opens one: `<pre` or
/// `<div` with the class `mermaid`, or `<pre lang="mermaid">`; and where its content
/// starts in the line.
pub(super) fn opening(line: &str) -> Option<(&'static str, usize)> {
    let close = if line.starts_with("<pre") {
        "</pre>"
    } else if line.starts_with("<div") {
        "</div>"
    } else {
        return None;
    };
    let end = line.find('>')?;
    let tag = &line[4..end];
    if !tag.starts_with([' ', '\t']) {
        return None;
    }
    let class = attribute(tag, "class").is_some_and(|c| c.split_whitespace().any(|w| w == "mermaid"));
    let lang = close == "</pre>" && attribute(tag, "lang") == Some("mermaid");
    (class || lang).then_some((close, end + 1))
}

/// The value of the attribute `name` in a tag's inside, quoted with `"` or `'`.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else { continue };
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        return value[1..].split_once(quote).map(|(v, _)| v);
    }
    None
}

/// The source written between the tags, entities decoded (`--&gt;` is `-->`).
pub(super) fn source(html: &str) -> String {
    let decoded = crate::html::decode_entities(html);
    let trimmed = decoded.trim_matches('\n');
    // The source's own indentation, common to its lines, is no part of it.
    let indent =
        trimmed.lines().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0);
    let mut out = String::with_capacity(trimmed.len() + 1);
    for line in trimmed.lines() {
        out.push_str(line.get(indent..).unwrap_or(line.trim_start()));
        out.push('\n');
    }
    out
}

/// A fence for `source`: longer than any run of backticks in it.
pub(super) fn fence(source: &str) -> String {
    let longest = source.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_elements_mermaid_draws() {
        assert_eq!(opening("<pre class=\"mermaid\">"), Some(("</pre>", 21)));
        assert_eq!(opening("<div class='diagram mermaid' align=\"center\">graph TD"), Some(("</div>", 44)));
        assert_eq!(opening("<pre lang=\"mermaid\">"), Some(("</pre>", 20)));
        assert_eq!(opening("<div lang=\"mermaid\">"), None);
        assert_eq!(opening("<pre class=\"mermaid-like\">"), None);
        assert_eq!(opening("<prefix class=\"mermaid\">"), None);
        assert_eq!(opening("<div data-class=\"mermaid\">"), None);
    }

    #[test]
    fn decodes_the_source_and_drops_its_indentation() {
        assert_eq!(source("\n    graph TD\n      A --&gt; B\n"), "graph TD\n  A --> B\n");
        assert_eq!(fence("a ``` b"), "````");
        assert_eq!(fence("a"), "```");
    }
}
