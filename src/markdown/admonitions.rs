//! Admonitions in the Docusaurus and MkDocs dialects, rendered as the same callouts as
//! GitHub alerts (`> [!NOTE]`):
//!
//! ```markdown
//! :::warning[Before you start]      ::::note          !!! tip "Title"
//! Body, in Markdown.                :::tip inner          Body, indented by four spaces.
//! :::                               :::
//!                                   ::::              ??? note "Closed"   ???+ info
//! ```
//!
//! These dialects are line-based, and pulldown-cmark reads a `:::` line as a paragraph
//! and an MkDocs body as indented code, so an event filter alone cannot see them. This
//! is a pre-pass over the source instead, run before parsing only when the page has a
//! marker (other pages are parsed from their own text, byte for byte as before):
//!
//! 1. walk the lines, skipping fenced code (a `:::` in a code block stays code);
//! 2. replace each opening and closing marker line by a one-line HTML comment,
//!    `<!--opsbook-admonition:N-->`, which CommonMark reads as an HTML block of that line
//!    alone (it interrupts a paragraph and leaves the next line to the body);
//! 3. take the four spaces of indentation off an MkDocs body, rewrite it the same way
//!    (admonitions nest), and add a closing comment line after it;
//! 4. keep, for each line written, where it came from in the source, so that every
//!    diagnostic of the page ([`Rewrite::source_offset`]) points at the line and column of
//!    the file, not of the rewritten text.
//!
//! The body writer turns comment `N` into its HTML ([`Rewrite::html`]): a
//! `<div class="callout callout-KIND">` with a `callout-title`, or for `???` a
//! `<details>` with the title as `<summary>`. A `:::` block never closed is closed at the
//! end of the page and reported at its opening line (rule `admonition`).

use crate::html::escape;

/// The text of a placeholder comment, before its number.
const MARKER: &str = "<!--opsbook-admonition:";

/// A page's source with its admonition markers rewritten.
#[derive(Debug)]
pub(crate) struct Rewrite {
    /// The text to parse.
    pub text: String,
    /// The HTML of each placeholder comment, by number.
    html: Vec<String>,
    /// For each line of `text`: where it starts, where its text came from in the source,
    /// how many bytes of indentation were added before that text, and its source length.
    lines: Vec<LineOrigin>,
    /// Problems: the byte offset in the source and the message.
    pub problems: Vec<(usize, String)>,
}

#[derive(Debug, Clone, Copy)]
struct LineOrigin {
    start: usize,
    source: usize,
    prefix: usize,
    len: usize,
}

/// One line of the source to rewrite: `prefix` spaces, then `text`, which starts at
/// byte `source` of the source.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    prefix: usize,
    text: &'t str,
    source: usize,
}

impl Rewrite {
    /// The HTML of a placeholder comment, if `html` is one.
    pub(crate) fn html(&self, html: &str) -> Option<&str> {
        let number = html.trim().strip_prefix(MARKER)?.strip_suffix("-->")?;
        self.html.get(number.parse::<usize>().ok()?).map(String::as_str)
    }

    /// The byte offset in the source of byte `offset` of the rewritten text.
    pub(crate) fn source_offset(&self, offset: usize) -> usize {
        let at = self.lines.partition_point(|l| l.start <= offset).saturating_sub(1);
        let Some(line) = self.lines.get(at) else { return offset };
        let column = (offset - line.start.min(offset)).saturating_sub(line.prefix).min(line.len);
        line.source + column
    }
}

/// Rewrites the admonitions of `text`, or `None` when it has none.
pub(crate) fn rewrite(text: &str) -> Option<Rewrite> {
    if !text.contains(":::") && !text.contains("!!!") && !text.contains("???") {
        return None;
    }
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        lines.push(Line { prefix: 0, text: content.strip_suffix('\r').unwrap_or(content), source: at });
        at += raw.len();
    }
    let mut out = Rewrite {
        text: String::with_capacity(text.len() + 64),
        html: Vec::new(),
        lines: Vec::new(),
        problems: Vec::new(),
    };
    let changed = out.rewrite_lines(&lines, text.len());
    changed.then_some(out)
}

/// The number of columns of leading whitespace (a tab counts four) and its bytes.
fn indentation(line: &str) -> (usize, usize) {
    let mut columns = 0;
    for (i, c) in line.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, i),
        }
    }
    (columns, line.len())
}

/// A code fence opening or closing on `line`: its character and length.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let (columns, bytes) = indentation(line);
    let rest = &line[bytes..];
    let c = rest.chars().next().filter(|c| (*c == '`' || *c == '~') && columns < 4)?;
    let len = rest.chars().take_while(|x| *x == c).count();
    (len >= 3).then(|| (c, len, rest[len..].trim()))
}

/// An opening Docusaurus marker: the number of colons, the type and the title.
fn docusaurus_open(rest: &str) -> Option<(usize, &str, Option<String>)> {
    let colons = rest.chars().take_while(|c| *c == ':').count();
    if colons < 3 {
        return None;
    }
    let after = rest[colons..].trim_start();
    let (kind, tail) = split_kind(after)?;
    let tail = tail.trim();
    let title = if let Some(bracketed) = tail.strip_prefix('[') {
        Some(bracketed.split_once(']').map_or(bracketed, |(t, _)| t).trim().to_string())
    } else if let Some(attrs) = tail.strip_prefix('{') {
        let value = attrs.split_once("title=").map(|(_, v)| v.trim_start_matches(['"', '\'']));
        value.map(|v| v.split(['"', '\'', '}']).next().unwrap_or("").to_string())
    } else {
        (!tail.is_empty()).then(|| tail.to_string())
    };
    Some((colons, kind, title))
}

/// The admonition type at the start of `text` (letters, digits, `-`, `_`) and the rest.
fn split_kind(text: &str) -> Option<(&str, &str)> {
    let len = text.find(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_').unwrap_or(text.len());
    (len > 0).then(|| text.split_at(len))
}

/// A closing Docusaurus marker: its number of colons.
fn docusaurus_close(rest: &str) -> Option<usize> {
    let colons = rest.chars().take_while(|c| *c == ':').count();
    (colons >= 3 && rest[colons..].trim().is_empty()).then_some(colons)
}

/// An MkDocs marker: collapsible (`None` for `!!!`, else whether open), type, title.
fn mkdocs_open(rest: &str) -> Option<(Option<bool>, &str, Option<String>)> {
    let (collapsible, after) = if let Some(after) = rest.strip_prefix("!!!") {
        (None, after)
    } else if let Some(after) = rest.strip_prefix("???+") {
        (Some(true), after)
    } else {
        (Some(false), rest.strip_prefix("???")?)
    };
    // Python-Markdown allows no space (`!!!tip`) and extra classes (`!!! tip inline`).
    let after = after.trim();
    let (kind, tail) = split_kind(after)?;
    let tail = tail.trim_start_matches(|c: char| c != '"').trim();
    let title = tail.strip_prefix('"').map(|t| t.split_once('"').map_or(t, |(t, _)| t).to_string());
    Some((collapsible, kind, title))
}

/// The theme's callout class and the default title of an admonition type.
fn callout_kind(kind: &str) -> (&'static str, String) {
    let lower = kind.to_ascii_lowercase();
    let class = match lower.as_str() {
        "tip" | "hint" | "success" | "check" | "done" => "tip",
        "important" => "important",
        "warning" | "caution" | "attention" => "warning",
        "danger" | "error" | "failure" | "fail" | "missing" | "bug" => "caution",
        _ => "note",
    };
    let mut title: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
    title.push_str(lower.get(1..).unwrap_or(""));
    (class, title)
}

impl Rewrite {
    /// Writes one line of output that came from `source` (`prefix` spaces, `text`).
    fn push_line(&mut self, prefix: usize, text: &str, source: usize, len: usize) {
        self.lines.push(LineOrigin { start: self.text.len(), source, prefix, len });
        self.text.extend(std::iter::repeat_n(' ', prefix));
        self.text.push_str(text);
        self.text.push('\n');
    }

    /// Writes a placeholder comment for `html`, indented by `indent` spaces.
    fn push_marker(&mut self, indent: usize, html: String, source: usize, len: usize) {
        let comment = format!("{MARKER}{}-->", self.html.len());
        self.html.push(html);
        self.push_line(indent, &comment, source, len);
    }

    /// Rewrites `lines`; `end` is the source offset of their end. Returns whether any
    /// marker was found.
    fn rewrite_lines(&mut self, lines: &[Line<'_>], end: usize) -> bool {
        let mut changed = false;
        let mut fenced: Option<(char, usize)> = None;
        let mut open: Vec<(usize, usize, usize)> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if let Some((c, len)) = fenced {
                if fence(line.text).is_some_and(|(d, n, info)| d == c && n >= len && info.is_empty()) {
                    fenced = None;
                }
                self.push_line(line.prefix, line.text, line.source, line.text.len());
                continue;
            }
            if let Some((c, len, _)) = fence(line.text) {
                fenced = Some((c, len));
                self.push_line(line.prefix, line.text, line.source, line.text.len());
                continue;
            }
            let (columns, bytes) = indentation(line.text);
            let indent = line.prefix + columns;
            let rest = &line.text[bytes..];
            let len = line.text.len();
            if let Some(colons) = docusaurus_close(rest) {
                changed = true;
                // A closing fence closes the innermost block; a stray one is dropped.
                if open.pop().is_some() {
                    self.push_marker(indent, "</div>\n".into(), line.source, len);
                } else {
                    let message = format!("this `{}` closes no admonition", ":".repeat(colons));
                    self.problems.push((line.source + bytes, message));
                    self.push_line(0, "", line.source, len);
                }
            } else if let Some((colons, kind, title)) = docusaurus_open(rest) {
                changed = true;
                open.push((colons, line.source + bytes, indent));
                let (class, default) = callout_kind(kind);
                let title = title.filter(|t| !t.is_empty()).unwrap_or(default);
                let html = super::blocks::callout_div(class, &escape(&title));
                self.push_marker(indent, html, line.source, len);
            } else if let Some((collapsible, kind, title)) = mkdocs_open(rest) {
                changed = true;
                // The body: the following lines indented four more, and blank lines
                // between them.
                let mut body_end = i;
                let mut j = i;
                while j < lines.len() {
                    let (c, _) = indentation(lines[j].text);
                    if lines[j].text.trim().is_empty() {
                        j += 1;
                    } else if lines[j].prefix + c >= indent + 4 {
                        j += 1;
                        body_end = j;
                    } else {
                        break;
                    }
                }
                let body: Vec<Line<'_>> = lines[i..body_end].iter().map(|l| dedent(*l, indent + 4, indent)).collect();
                let (class, default) = callout_kind(kind);
                let (open_html, close_html) = match collapsible {
                    None => {
                        let title = match title {
                            Some(t) if t.is_empty() => String::new(),
                            Some(t) => format!("<p class=\"callout-title\">{}</p>\n", escape(&t)),
                            None => format!("<p class=\"callout-title\">{}</p>\n", escape(&default)),
                        };
                        (format!("<div class=\"callout callout-{class}\" role=\"note\">\n{title}"), "</div>\n")
                    }
                    Some(is_open) => {
                        let title = title.filter(|t| !t.is_empty()).unwrap_or(default);
                        let attr = if is_open { " open" } else { "" };
                        (
                            format!(
                                "<details class=\"callout callout-{class}\"{attr}>\n<summary class=\"callout-title\">{}</summary>\n",
                                escape(&title)
                            ),
                            "</details>\n",
                        )
                    }
                };
                self.push_marker(indent, open_html, line.source, len);
                let body_source_end = lines.get(body_end).map_or(end, |l| l.source);
                self.rewrite_lines(&body, body_source_end);
                self.push_marker(indent, close_html.into(), body_source_end, 0);
                i = body_end;
            } else {
                self.push_line(line.prefix, line.text, line.source, len);
            }
        }
        for (colons, source, indent) in open.into_iter().rev() {
            let fence = ":".repeat(colons);
            self.problems.push((
                source,
                format!("this admonition is never closed with `{fence}`; it runs to the end of the page"),
            ));
            self.push_marker(indent, "</div>\n".into(), end, 0);
        }
        changed
    }
}

/// `line` with `columns` columns of indentation taken off, `keep` of them put back as
/// spaces. Blank lines become empty.
fn dedent(line: Line<'_>, columns: usize, keep: usize) -> Line<'_> {
    if line.text.trim().is_empty() {
        return Line { prefix: 0, text: "", source: line.source };
    }
    let mut taken = line.prefix;
    let mut bytes = 0;
    for (i, c) in line.text.char_indices() {
        if taken >= columns {
            break;
        }
        match c {
            ' ' => taken += 1,
            '\t' => taken += 4 - taken % 4,
            _ => break,
        }
        bytes = i + c.len_utf8();
    }
    Line { prefix: keep + taken.saturating_sub(columns), text: &line.text[bytes..], source: line.source + bytes }
}
