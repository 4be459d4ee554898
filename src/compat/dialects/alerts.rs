//! Alerts written with more on their marker line than GitHub reads, Hugo's extended
//! syntax (docs: "Blockquote render hooks", *Alerts*: `AlertType`, `AlertTitle`,
//! `AlertSign`, Hugo 0.134), which Obsidian's callouts share:
//!
//! ```markdown
//! > [!NOTE] Update as of 2026-01-05      > [!WARNING]+ Radiation hazard
//! >                                      > Do not approach without protective gear.
//! > The new body.
//! ```
//!
//! More: docs/architecture.md, "Notes by module".

use super::title::title_html;
use crate::html::escape;

/// An alert marker with more than GitHub reads.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Marker<'t> {
    /// The quote markers and spaces before the `[!`, as written (`> `, `> > `).
    pub prefix: &'t str,
    /// The alert's type as written.
    pub kind: &'t str,
    /// `+` (open) or `-` (closed) for a collapsible alert.
    pub sign: Option<char>,
    /// The text after the marker, trimmed, and its byte offset in the line.
    pub text: &'t str,
    /// Where `text` starts in the line.
    pub text_at: usize,
}

/// The alert marker that starts `line` (indentation taken off), if one does and
/// pulldown-cmark would not read it as an alert itself.
pub(super) fn marker(line: &str) -> Option<Marker<'_>> {
    let mut prefix_len = 0;
    let bytes = line.as_bytes();
    while bytes.get(prefix_len) == Some(&b'>') {
        prefix_len += 1;
        while matches!(bytes.get(prefix_len), Some(b' ' | b'\t')) {
            prefix_len += 1;
        }
    }
    if prefix_len == 0 {
        return None;
    }
    let rest = line[prefix_len..].strip_prefix("[!")?;
    let kind_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let kind = &rest[..kind_len];
    let after = rest[kind_len..].strip_prefix(']')?;
    // `[!INTERNAL]` is opsbook's own internal callout, which the internal-block filter
    // reads from the quote as written (`markdown::internal`): never an alert.
    if kind.is_empty() || kind.eq_ignore_ascii_case("internal") {
        return None;
    }
    let sign = after.chars().next().filter(|c| matches!(c, '+' | '-'));
    let after = &after[sign.map_or(0, char::len_utf8)..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let text = after.trim();
    let github = ["note", "tip", "important", "warning", "caution"].iter().any(|t| t.eq_ignore_ascii_case(kind));
    if github && sign.is_none() && text.is_empty() {
        return None;
    }
    let text_at = line.len() - after.trim_start().len();
    Some(Marker { prefix: &line[..prefix_len], kind, sign, text, text_at })
}

/// The opening HTML of the callout of `marker` with the title `title` (Markdown), or
/// the type's own title; and its closing tag.
pub(super) fn callout(
    marker: &Marker<'_>,
    title: Option<&str>,
    words: &crate::markdown::MarkdownWords,
) -> (String, &'static str) {
    let lower = marker.kind.to_ascii_lowercase();
    let (class, default) = match lower.as_str() {
        // GitHub's five, as the callouts pulldown-cmark's alerts become.
        "caution" => ("caution", words.callout_title("caution")),
        _ => callout_kind(marker.kind, words),
    };
    let title = title.map_or_else(|| escape(&default), title_html);
    match marker.sign {
        None => (crate::markdown::blocks::callout_div(class, &title), "</div>\n"),
        Some(sign) => {
            let open = if sign == '+' { " open" } else { "" };
            let html = format!(
                "<details class=\"callout callout-{class}\"{open}>\n<summary class=\"callout-title\">{title}</summary>\n"
            );
            (html, "</details>\n")
        }
    }
}

/// The theme's callout class of an admonition type, and its default title in `words`.
pub(super) fn callout_kind(kind: &str, words: &crate::markdown::MarkdownWords) -> (&'static str, String) {
    let lower = kind.to_ascii_lowercase();
    let class = match lower.as_str() {
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "caution" | "attention" => "warning",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => "note",
    };
    (class, words.callout_title(&lower))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_github_leaves_to_hugo() {
        assert_eq!(marker("> [!NOTE]"), None);
        assert_eq!(marker("> [!NOTE]x"), None);
        assert_eq!(marker("> [!]"), None);
        let m = marker("> [!note] Update as of today").expect("a title");
        assert_eq!((m.prefix, m.kind, m.sign, m.text, m.text_at), ("> ", "note", None, "Update as of today", 10));
        let m = marker(">> [!WARNING]- Hazard").expect("a sign");
        assert_eq!((m.prefix, m.sign, m.text), (">> ", Some('-'), "Hazard"));
        assert_eq!(marker("> [!abstract]").map(|m| m.kind), Some("abstract"));
        assert_eq!(marker("> [!INTERNAL]"), None);
        assert_eq!(marker("> [!internal] Title"), None);
    }

    #[test]
    fn makes_callouts_and_collapsible_ones() {
        let m = marker("> [!CAUTION] **Gone** for good").expect("a marker");
        assert_eq!(
            callout(&m, Some(m.text), crate::markdown::MarkdownWords::english()).0,
            "<div class=\"callout callout-caution\" role=\"note\">\n<p class=\"callout-title\"><strong>Gone</strong> for good</p>\n"
        );
        let m = marker("> [!tip]+").expect("a marker");
        assert_eq!(
            callout(&m, None, crate::markdown::MarkdownWords::english()),
            (
                "<details class=\"callout callout-tip\" open>\n<summary class=\"callout-title\">Tip</summary>\n".into(),
                "</details>\n"
            )
        );
    }
}
