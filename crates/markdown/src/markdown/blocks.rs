//! The HTML of the blocks the body writer writes itself: code blocks (highlighted, or
//! escaped when the language is unknown), GitHub alert callouts, and the footnotes
//! section at the end of a page.

use std::collections::HashMap;

use pulldown_cmark::BlockQuoteKind;

use super::highlight;
use super::words::MarkdownWords;
use crate::html::{escape, push_escaped};

/// How the opening of a table's wrapper starts ([`table_wrap_open`]), which attribute
/// lines find it by.
pub const TABLE_WRAP_START: &str = "<div class=\"table-wrap\" ";

/// The opening of the wrapper that lets a wide table scroll: focusable (keyboard users
/// scroll it with the arrow keys) and named for screen readers in `words`.
pub(super) fn table_wrap_open(words: &MarkdownWords) -> String {
    format!("{TABLE_WRAP_START}tabindex=\"0\" role=\"region\" aria-label=\"{}\">", escape(words.say("md_table")))
}

/// A task list's checkbox, labelled with its state in `words`.
pub(super) fn task_marker(done: bool, words: &MarkdownWords) -> String {
    let (checked, key) = if done { (" checked=\"\"", "md_done") } else { ("", "md_not_done") };
    format!("<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n", escape(words.say(key)))
}

/// The language of a fence's info string: `bash` in "```bash title=x" or "```{.bash}".
pub(super) fn fence_language(info: &str) -> &str {
    let first = info.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("");
    first.trim_matches(|c| c == '{' || c == '}' || c == '.')
}

/// The HTML of a code block: highlighted when the language is known, escaped otherwise.
/// The buffer is sized once the highlighted HTML is made (about three times the code),
/// so that neither is copied into a buffer that grows.
pub fn code_block_html(code: &str, language: &str, highlight: Option<highlight::Highlighter<'_>>) -> String {
    const CLOSE: &str = "</code></pre>\n";
    if language.is_empty() {
        let mut out = String::with_capacity(code.len() + code.len() / 8 + 64);
        out.push_str("<pre class=\"code\"><code>");
        push_escaped(&mut out, code);
        out.push_str(CLOSE);
        return out;
    }
    let language = escape(language);
    let highlighted = highlight.and_then(|highlighter| highlighter.highlight(code, &language));
    let inner = highlighted.as_ref().map_or(code.len() + code.len() / 8, String::len);
    let mut out = String::with_capacity(inner + 2 * language.len() + 64);
    out.push_str("<pre class=\"code\" data-lang=\"");
    out.push_str(&language);
    out.push_str("\"><code class=\"language-");
    out.push_str(&language);
    out.push_str("\">");
    match highlighted {
        Some(html) => out.push_str(&html),
        None => push_escaped(&mut out, code),
    }
    out.push_str(CLOSE);
    out
}

/// The opening of the callout of a GitHub alert of `kind`, titled in `words`.
pub(super) fn callout_open(kind: BlockQuoteKind, words: &MarkdownWords) -> String {
    let class = match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    };
    callout_div(class, &escape(&words.callout_title(class)))
}

/// The opening of a callout of the theme's class `class` (`note`, `tip`...), titled with
/// `title_html` (already escaped): GitHub alerts and the other tools' admonitions alike.
pub fn callout_div(class: &str, title_html: &str) -> String {
    format!("<div class=\"callout callout-{class}\" role=\"note\">\n<p class=\"callout-title\">{title_html}</p>\n")
}

/// A footnote label made safe for an id.
pub(super) fn footnote_key(label: &str) -> String {
    label.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
}

/// Appends the footnotes section: definitions in the order of their first reference
/// (unreferenced ones last), each with a link back to the text.
pub(super) fn push_footnotes(
    html: &mut String,
    mut notes: Vec<(String, String)>,
    numbers: &HashMap<String, usize>,
    anchors: &mut Vec<String>,
    words: &MarkdownWords,
) {
    let unnumbered = numbers.len() + 1;
    notes.sort_by_key(|(label, _)| numbers.get(label).copied().unwrap_or(unnumbered));
    html.push_str("<section class=\"footnotes\" role=\"doc-endnotes\">\n<ol>\n");
    for (label, body) in notes {
        let key = footnote_key(&label);
        let backref = if numbers.contains_key(&label) {
            let label = escape(words.say("md_back_to_text"));
            format!(" <a href=\"#fnref-{key}\" class=\"footnote-backref\" aria-label=\"{label}\">↩</a>")
        } else {
            String::new()
        };
        let body = body.trim_end();
        let body = match body.strip_suffix("</p>") {
            Some(inner) => format!("{inner}{backref}</p>"),
            None => format!("{body}{backref}"),
        };
        html.push_str(&format!("<li id=\"fn-{key}\">{body}</li>\n"));
        anchors.push(format!("fn-{key}"));
    }
    html.push_str("</ol>\n</section>\n");
}

/// Whether a piece of inline raw HTML ends a word for the search text, and whether it
/// also ends a block: `<br>` ends a line of a block (`recovery<br />object store` is two
/// words, as a hard line break makes them), an HTML block element written inline
/// (`<p>`, `</td>`, `<li>`...) ends a block. `None` for any other HTML: an inline
/// element (`<b>`, `<span>`) may stand inside a word.
pub fn html_break(html: &str) -> Option<bool> {
    const BLOCKS: &[&str] = &[
        "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "dt", "dd", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
    ];
    let tag = html.trim_start().strip_prefix('<')?;
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
    let name = tag[..end].to_ascii_lowercase();
    if name == "br" {
        Some(false)
    } else if BLOCKS.contains(&name.as_str()) {
        Some(true)
    } else {
        None
    }
}
