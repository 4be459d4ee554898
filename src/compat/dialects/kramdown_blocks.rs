//! kramdown's block rules, on the pages of a site whose Markdown kramdown read (Jekyll's
//! default), between the line-based and the inline stage ([`super`]):
//!
//! 1. a block-level HTML tag opening a line starts an HTML block that runs to its
//!    matching end tag, blank lines included: its blank lines become empty comments, so
//!    that CommonMark's HTML block does not end there; text after the end tag is a new
//!    block. Its `markdown` attribute says what its content is ([`content_model`]):
//!    blocks (Markdown between the two tags), spans (one paragraph whose `<p>` the
//!    element's own tags stand for) or raw HTML, whose elements that start a line are
//!    read the same way; an element never closed runs to the end of the page, where it
//!    is closed, with an `unclosed-html` warning;
//! 2. kramdown's tables ([`super::kramdown_tables`]);
//! 3. the extensions `{::nomarkdown}…{:/}` (raw output), `{::comment}…{:/}` (dropped)
//!    and `{::options … /}` (consumed), as blocks and inside lines.
//!
//! Outside code only; an element nested deeper than [`MAX_DEPTH`] is read as raw.

use std::ops::Range;

use super::scan::code_ranges;
use super::{Collected, Output, Problem};
use crate::markdown::has_text;

/// How deep `markdown="1"` elements are read as Markdown inside each other.
const MAX_DEPTH: usize = 16;

/// The longest start tag read, across lines.
const MAX_TAG: usize = 4096;

/// Elements kramdown reads as span HTML: never the start of an HTML block.
const SPAN_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del", "dfn", "em", "i", "img", "input",
    "ins", "kbd", "label", "mark", "option", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp", "select", "small",
    "span", "strong", "sub", "sup", "time", "tt", "u", "var",
];

/// Elements without content.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content kramdown reads as spans under `markdown="1"`
/// (`HTML_CONTENT_MODEL_SPAN`).
const SPAN_CONTENT: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del", "dfn", "dt", "em", "h1", "h2", "h3",
    "h4", "h5", "h6", "i", "ins", "label", "legend", "optgroup", "p", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby",
    "select", "small", "span", "strong", "sub", "sup", "th", "tt",
];

/// Elements whose content kramdown reads as blocks under `markdown="1"`
/// (`HTML_CONTENT_MODEL_BLOCK`).
const BLOCK_CONTENT: &[&str] = &[
    "address",
    "applet",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "figcaption",
    "footer",
    "form",
    "header",
    "hgroup",
    "iframe",
    "li",
    "main",
    "map",
    "menu",
    "nav",
    "noscript",
    "object",
    "section",
    "summary",
    "td",
];

/// `text` with kramdown's HTML blocks and extensions made CommonMark, or `None` when
/// nothing changes.
pub(super) fn rewrite(text: &str, collected: &mut Collected) -> Option<Output> {
    if !(has_text(text, "{:")
        || has_text(text, "\n<")
        || has_text(text, " <")
        || text.starts_with('<')
        || has_text(text, "|"))
    {
        return None;
    }
    let code = code_ranges(text);
    let mut scan = Scan { text, code: &code, edits: Vec::new(), collected };
    scan.blocks(0..text.len(), 0);
    if scan.edits.is_empty() {
        return None;
    }
    let mut edits = scan.edits;
    edits.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = Output { text: String::with_capacity(text.len() + 64), ..Output::default() };
    let mut at = 0;
    for (range, with) in edits {
        if range.start < at {
            continue;
        }
        out.push("", &text[at..range.start], at);
        out.push(&with, "", range.start);
        at = range.end;
    }
    out.push("", &text[at..], at);
    Some(out)
}

/// The scan of a page: its code, and the edits found.
struct Scan<'t, 'c> {
    text: &'t str,
    code: &'t [Range<usize>],
    edits: Vec<(Range<usize>, String)>,
    collected: &'c mut Collected,
}

/// A start tag: its lower-case name, its length, whether it closes itself, and its
/// `markdown` attribute (where it is, with the white space before it, and its value).
struct StartTag {
    name: String,
    len: usize,
    self_closing: bool,
    markdown: Option<(Range<usize>, String)>,
}

/// What an element's content is read as.
#[derive(PartialEq, Eq, Clone, Copy)]
enum Content {
    Raw,
    Blocks,
    Spans,
}

/// What kramdown reads the content of the element `name` as, by its `markdown`
/// attribute (`HTML_MARKDOWN_ATTR_MAP` in `parser/kramdown/html.rb`): `"1"` the
/// element's own model, `"block"`, `"span"`, `"0"` raw; raw without one, as kramdown
/// reads HTML without `parse_block_html`.
fn content_model(name: &str, markdown: Option<&str>) -> Content {
    match markdown {
        Some("1") if BLOCK_CONTENT.contains(&name) => Content::Blocks,
        Some("1") if SPAN_CONTENT.contains(&name) => Content::Spans,
        Some("block") => Content::Blocks,
        Some("span") => Content::Spans,
        _ => Content::Raw,
    }
}

impl Scan<'_, '_> {
    fn in_code(&self, at: usize) -> bool {
        let i = self.code.partition_point(|r| r.end <= at);
        self.code.get(i).is_some_and(|r| r.start <= at)
    }

    /// Reads the blocks of `range`, elements `depth` deep.
    fn blocks(&mut self, range: Range<usize>, depth: usize) {
        let text = self.text;
        let mut at = range.start;
        // Whether the line follows a blank line or starts the range: where a table may start.
        let mut boundary = true;
        while at < range.end {
            let end = text[at..range.end].find('\n').map_or(range.end, |i| at + i);
            let next = (end + 1).min(range.end);
            let indent = text[at..end].len() - text[at..end].trim_start_matches(' ').len();
            let start = at + indent;
            let handled = match text.as_bytes().get(start) {
                _ if indent > 3 || self.in_code(start) => None,
                Some(b'<') => self.html_block(start, range.end, depth),
                Some(b'{') => self.block_extension(at, start, range.end),
                Some(_) if boundary && has_text(&text[at..end], "|") => self.table(at, range.end),
                _ => None,
            };
            boundary = text[at..end].trim().is_empty();
            if let Some(after) = handled {
                boundary = false;
                at = after.max(at + 1);
                continue;
            }
            self.span_extensions(at..end);
            at = if next == end { range.end } else { next };
        }
    }

    /// Reads the HTML block whose start tag is at `start`; where to read on, or `None`
    /// when none starts there.
    fn html_block(&mut self, start: usize, limit: usize, depth: usize) -> Option<usize> {
        let text = self.text;
        let tag = start_tag(
            &text[start..crate::char_boundary::floor_char_boundary(text, limit.min(start.saturating_add(MAX_TAG)))],
        )?;
        let name = tag.name.as_str();
        if tag.self_closing
            || SPAN_ELEMENTS.contains(&name)
            || VOID_ELEMENTS.contains(&name)
            || super::RAW_TEXT_ELEMENTS.contains(&name)
        {
            return None;
        }
        let body = start + tag.len;
        let content = content_model(name, tag.markdown.as_ref().map(|(_, value)| value.as_str()));
        if let Some((range, _)) = &tag.markdown
            && content != Content::Spans
        {
            self.edits.push((start + range.start..start + range.end, String::new()));
        }
        let close = matching_close(text, body, limit, name);
        let (close_start, close_end) = match &close {
            Some(close) => (close.start, close.end),
            None => {
                // No line in the text: this stage reads the body after templates and
                // includes, whose lines are not the file's; the warning's place is.
                let message =
                    format!("`<{name}>` has no end tag: kramdown runs it to the end of the page and closes it there");
                self.collected.problems.push((start, Problem::UnclosedHtml, message));
                let newline = if text[..limit].ends_with('\n') { "" } else { "\n" };
                self.edits.push((limit..limit, format!("{newline}</{name}>\n")));
                (limit, limit)
            }
        };
        match (content, &close) {
            (Content::Blocks, _) if depth < MAX_DEPTH => self.block_content(body, close.as_ref(), limit, depth),
            (Content::Spans, Some(close)) => self.span_content(start, &tag, close.clone()),
            (Content::Spans, None) => {
                if let Some((range, _)) = &tag.markdown {
                    self.edits.push((start + range.start..start + range.end, String::new()));
                }
                self.raw_content(body, close_start, depth);
            }
            _ => self.raw_content(body, close_start, depth),
        }
        if close.is_none() {
            return Some(limit);
        }
        // Text after the end tag on its line is a block of its own, and so is the next line.
        let line_end = text[close_end..limit].find('\n').map_or(limit, |i| close_end + i);
        if !text[close_end..line_end].trim().is_empty() {
            self.edits.push((close_end..close_end, "\n\n".into()));
            return Some(close_end);
        }
        let next = (line_end + 1).min(limit);
        let next_end = text[next..limit].find('\n').map_or(limit, |i| next + i);
        if next < limit && !text[next..next_end].trim().is_empty() {
            self.edits.push((next..next, "\n".into()));
        }
        Some(next)
    }

    /// Reads the kramdown table whose first line starts at `line`: where to read on, or
    /// `None` when none starts there.
    fn table(&mut self, line: usize, limit: usize) -> Option<usize> {
        let found = super::kramdown_tables::read(self.text, line, limit)?;
        if let Some(sections) = found.sections {
            let rest = &self.text[line..];
            let indent = &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()];
            self.collected.source = String::new();
            let marker = self.collected.block(String::new(), 0);
            if let Some(placeholder) = self.collected.placeholders.last_mut() {
                placeholder.attributes = vec![super::kramdown_tables::sections_attribute(sections)];
            }
            self.edits.push((line..line, format!("{indent}{marker}\n")));
        }
        self.edits.extend(found.edits);
        let mut at = line;
        while at < found.end {
            let end = self.text[at..found.end].find('\n').map_or(found.end, |i| at + i);
            self.span_extensions(at..end);
            at = end + 1;
        }
        Some(found.end)
    }

    /// Reads a block extension at `start` (its line from `line`): where to read on, or
    /// `None` when none is there (kramdown then shows the text as written).
    fn block_extension(&mut self, line: usize, start: usize, limit: usize) -> Option<usize> {
        let text = self.text;
        let (name, len, closed, html) = extension_start(&text[start..limit])?;
        let tag_line_end = text[start..limit].find('\n').map_or(limit, |i| start + i);
        if !text[start + len..tag_line_end].trim().is_empty() {
            return None;
        }
        let after_tag = (tag_line_end + 1).min(limit);
        let (body, end) = if closed {
            (None, after_tag)
        } else {
            let (stop_line, stop_end) = block_stop(text, after_tag, limit, name)?;
            (Some(text[after_tag..stop_line].trim_end_matches(['\n', '\r'])), stop_end)
        };
        let with = match (name, body) {
            ("nomarkdown", Some(body)) if html => {
                self.collected.source = text[start..end].to_string();
                format!("{}\n", self.collected.block(body.to_string(), 0))
            }
            ("comment" | "options" | "nomarkdown", _) => String::new(),
            _ => return None,
        };
        self.edits.push((line..end, with));
        Some(end)
    }

    /// The span extensions of the line `range`, outside code.
    fn span_extensions(&mut self, range: Range<usize>) {
        let text = self.text;
        let mut at = range.start;
        while let Some(found) = text[at..range.end].find("{::") {
            let start = at + found;
            at = start + 3;
            if self.in_code(start) {
                continue;
            }
            let Some((name, len, closed, html)) = extension_start(&text[start..]) else { continue };
            let (body, end) = if closed {
                (None, start + len)
            } else {
                // kramdown looks for the stop tag anywhere after; a paragraph is the
                // furthest opsbook looks.
                let from = start + len;
                let paragraph_end = text[from..].find("\n\n").map_or(text.len(), |i| from + i);
                let Some((stop, stop_len)) = span_stop(&text[from..paragraph_end], name) else { continue };
                (Some(&text[from..from + stop]), from + stop + stop_len)
            };
            let with = match (name, body) {
                ("nomarkdown", Some(body)) if html => {
                    self.collected.source = text[start..end].to_string();
                    self.collected.inline(body.to_string())
                }
                ("comment" | "options" | "nomarkdown", _) => String::new(),
                _ => continue,
            };
            self.edits.push((start..end, with));
            at = end.max(at);
            if at >= range.end {
                break;
            }
        }
    }
}

/// The start tag at the start of `text`: `<name attributes>` or `<name … />`.
fn start_tag(text: &str) -> Option<StartTag> {
    let rest = text.strip_prefix('<')?;
    let name_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':' || c == '_'))?;
    if name_len == 0 || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    let mut at = 1 + name_len;
    let mut markdown = None;
    loop {
        let spaced = text[at..].len() - text[at..].trim_start().len();
        let attr_start = at;
        at += spaced;
        match text.as_bytes().get(at)? {
            b'>' => return Some(StartTag { name, len: at + 1, self_closing: false, markdown }),
            b'/' if text[at + 1..].starts_with('>') => {
                return Some(StartTag { name, len: at + 2, self_closing: true, markdown });
            }
            _ if spaced == 0 => return None,
            _ => {}
        }
        let key_len = text[at..].find(|c: char| c.is_whitespace() || matches!(c, '=' | '>' | '/' | '"' | '\''))?;
        if key_len == 0 {
            return None;
        }
        let key = &text[at..at + key_len];
        at += key_len;
        let mut value = String::new();
        let before_eq = text[at..].len() - text[at..].trim_start().len();
        if text[at + before_eq..].starts_with('=') {
            at += before_eq + 1;
            at += text[at..].len() - text[at..].trim_start().len();
            match text.as_bytes().get(at)? {
                q @ (b'"' | b'\'') => {
                    let close = text[at + 1..].find(*q as char)?;
                    value = text[at + 1..at + 1 + close].to_string();
                    at += close + 2;
                }
                _ => {
                    let len = text[at..].find(|c: char| c.is_whitespace() || c == '>')?;
                    value = text[at..at + len].to_string();
                    at += len;
                }
            }
        }
        if key.eq_ignore_ascii_case("markdown") {
            markdown = Some((attr_start..at, value));
        }
    }
}

/// Where the end tag of the element `name` whose content starts at `from` is, counting
/// the same elements nested inside and passing over comments.
fn matching_close(text: &str, from: usize, limit: usize, name: &str) -> Option<Range<usize>> {
    let mut depth = 0usize;
    let mut at = from;
    while let Some(found) = text[at..limit].find('<') {
        let i = at + found;
        let rest = &text[i..limit];
        if let Some(comment) = rest.strip_prefix("<!--") {
            at = comment.find("-->").map_or(i + 4, |e| i + 4 + e + 3);
            continue;
        }
        at = i + 1;
        if let Some(after) = rest.strip_prefix("</") {
            let matches = after.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name));
            let tail = if matches { after[name.len()..].trim_start() } else { "" };
            if matches && tail.starts_with('>') {
                if depth == 0 {
                    return Some(i..limit - tail.len() + 1);
                }
                depth -= 1;
            }
        } else if rest[1..].get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && let Some(tag) = start_tag(&rest[..crate::char_boundary::floor_char_boundary(rest, MAX_TAG)])
            && tag.name == name
            && !tag.self_closing
        {
            depth += 1;
            at = i + tag.len;
        }
    }
    None
}

/// The white-space-only lines from the line after `from` to `to`, without their ends.
fn blank_lines(text: &str, from: usize, to: usize) -> Vec<Range<usize>> {
    let Some(first) = text[from..to].find('\n') else { return Vec::new() };
    let mut lines = Vec::new();
    let mut at = from + first + 1;
    while let Some(len) = text[at..to].find('\n') {
        if text[at..at + len].trim().is_empty() {
            lines.push(at..at + len);
        }
        at += len + 1;
    }
    lines
}

/// An extension's start at the start of `text`: `{::name}`, `{::name attrs}` or
/// `{::name … /}` (kramdown's `EXT_START_STR`): its name, length, and whether it closes
/// itself.
fn extension_start(text: &str) -> Option<(&str, usize, bool, bool)> {
    let rest = text.strip_prefix("{::")?;
    let name_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let close = rest[name_len..].find('}')?;
    let inside = &rest[name_len..name_len + close];
    if !inside.is_empty() && !inside.starts_with(char::is_whitespace) && inside != "/" {
        return None;
    }
    Some((&rest[..name_len], 3 + name_len + close + 1, inside.ends_with('/'), for_html(inside)))
}

/// Whether a `{::nomarkdown}` with the options `inside` is for HTML: its `type` names
/// `html`, or it has none (kramdown's HTML converter, `convert_raw`).
fn for_html(inside: &str) -> bool {
    let Some(at) = inside.find("type=") else { return true };
    let value = &inside[at + 5..];
    let Some(quote) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) else { return true };
    let value = value[1..].split(quote).next().unwrap_or("");
    value.trim().is_empty() || value.split_whitespace().any(|t| t == "html")
}

/// The stop tag `{:/}` or `{:/name}` alone on a line from `from`: where its line
/// starts and ends (with its line end).
fn block_stop(text: &str, from: usize, limit: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while at < limit {
        let end = text[at..limit].find('\n').map_or(limit, |i| at + i);
        let line = text[at..end].trim_end();
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent <= 3 && stop_len(&line[indent..], name) == Some(line.len() - indent) {
            return Some((at, (end + 1).min(limit)));
        }
        at = end + 1;
    }
    None
}

/// The first stop tag of `name` in `text`: where, and its length.
fn span_stop(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while let Some(found) = text[at..].find("{:/") {
        let i = at + found;
        if let Some(len) = stop_len(&text[i..], name) {
            return Some((i, len));
        }
        at = i + 3;
    }
    None
}

/// The length of the stop tag of `name` at the start of `text`: `{:/}` or `{:/name}`.
fn stop_len(text: &str, name: &str) -> Option<usize> {
    let rest = text.strip_prefix("{:/")?;
    if rest.starts_with('}') {
        return Some(4);
    }
    (rest.strip_prefix(name)?.starts_with('}')).then_some(4 + name.len())
}

mod elements;
#[cfg(test)]
mod tests;
