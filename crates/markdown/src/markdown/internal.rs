//! Internal blocks inside a page: parts of a public page that only the internal build
//! shows. Two ways to write one:
//!
//! ```markdown
//! <!-- internal -->
//! Anything: paragraphs, headings, lists, code.
//! <!-- /internal -->
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// What the filter does with internal blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Leave them out (a public build).
    Drop,
    /// Show them, marked (an internal build).
    Mark,
}

/// The HTML that opens a marked block, labelled `label` (the Markdown words'
/// `md_internal`, in the language of the page's text).
pub(super) fn block_open(label: &str) -> String {
    format!("<div class=\"internal-block\">\n<p class=\"internal-label\">{}</p>\n", crate::html::escape(label))
}

/// The HTML that opens a marked `[!INTERNAL]` callout, labelled `label`.
fn callout_open(label: &str) -> String {
    format!(
        "<div class=\"callout callout-internal internal-block\" role=\"note\">\n\
         <p class=\"callout-title internal-label\">{}</p>\n",
        crate::html::escape(label)
    )
}

type Item<'a> = (Event<'a>, Range<usize>);

/// A block being dropped or marked.
#[derive(Debug)]
struct Open {
    /// A comment pair (`true`) or a quote.
    comment: bool,
    /// The nesting depth inside the block.
    depth: usize,
    /// Where it opened.
    offset: usize,
}

/// The parser's events with internal blocks dropped or marked.
pub struct InternalBlocks<'a, I: Iterator<Item = Item<'a>>> {
    inner: I,
    text: &'a str,
    mode: Mode,
    depth: usize,
    open: Vec<Open>,
    queue: VecDeque<Item<'a>>,
    /// The end of the `[!INTERNAL]` line of a quote being marked: its text is left out.
    marker_line_end: Option<usize>,
    /// The label of a marked block ("Internal", in the language of the page's text).
    label: &'a str,
    /// Problems: the byte offset and the message.
    pub problems: Vec<(usize, String)>,
    /// The byte ranges of the outermost internal blocks, as they close: from the
    /// opening marker to the end of the closing one (or of the quote).
    pub blocks: Vec<Range<usize>>,
}

impl<'a, I: Iterator<Item = Item<'a>>> InternalBlocks<'a, I> {
    /// Filters `inner`, the offset events of `text`.
    pub fn new(inner: I, text: &'a str, mode: Mode) -> Self {
        InternalBlocks {
            inner,
            text,
            mode,
            depth: 0,
            open: Vec::new(),
            queue: VecDeque::new(),
            marker_line_end: None,
            label: "Internal",
            problems: Vec::new(),
            blocks: Vec::new(),
        }
    }

    /// The filter with marked blocks labelled `label` rather than "Internal".
    pub fn labelled(self, label: &'a str) -> Self {
        InternalBlocks { label, ..self }
    }

    fn pull(&mut self) -> Option<Item<'a>> {
        self.queue.pop_front().or_else(|| self.inner.next())
    }

    fn dropping(&self) -> bool {
        self.mode == Mode::Drop && !self.open.is_empty()
    }

    /// The next event as the body writer should see it, or `None` for one to leave out.
    fn step(&mut self, (event, range): Item<'a>) -> Option<Item<'a>> {
        match event {
            Event::Start(Tag::HtmlBlock) => self.html_block(range),
            Event::InlineHtml(ref html) if marker(html).is_some() => {
                self.problem(
                    range.start,
                    "an internal marker must stand on a line of its own, with blank lines around it",
                );
                (!self.dropping()).then_some((event, range))
            }
            Event::Start(Tag::BlockQuote(None)) if self.is_internal_quote(&range) => {
                self.depth += 1;
                if self.dropping() {
                    return None;
                }
                self.open.push(Open { comment: false, depth: self.depth, offset: range.start });
                match self.mode {
                    Mode::Drop => None,
                    Mode::Mark => {
                        self.marker_line_end = Some(line_end(self.text, range.start));
                        Some((Event::Html(callout_open(self.label).into()), range))
                    }
                }
            }
            Event::Start(tag) => {
                self.depth += 1;
                if self.dropping() {
                    return None;
                }
                // In a marked callout, the paragraph that starts on the marker's line
                // starts after it.
                if let (Some(end), Tag::Paragraph) = (self.marker_line_end, &tag)
                    && range.start < end
                {
                    return self.paragraph_after_marker(range, end);
                }
                Some((Event::Start(tag), range))
            }
            Event::End(end) => self.end(end, range),
            other => {
                if self.dropping() {
                    return None;
                }
                if let Some(end) = self.marker_line_end
                    && range.start <= end
                {
                    return None;
                }
                Some((other, range))
            }
        }
    }

    /// The paragraph of a marked callout that holds the `[!INTERNAL]` line: its events
    /// on that line are left out, and it is left out whole when nothing else is in it.
    fn paragraph_after_marker(&mut self, start: Range<usize>, marker_end: usize) -> Option<Item<'a>> {
        self.marker_line_end = None;
        loop {
            let (event, range) = self.pull()?;
            if range.start <= marker_end && !matches!(event, Event::End(_)) {
                continue;
            }
            if matches!(event, Event::End(TagEnd::Paragraph)) {
                self.depth -= 1;
                return None;
            }
            self.queue.push_front((event, range));
            return Some((Event::Start(Tag::Paragraph), start));
        }
    }

    fn end(&mut self, end: TagEnd, range: Range<usize>) -> Option<Item<'a>> {
        let depth = self.depth;
        self.depth = self.depth.saturating_sub(1);
        let Some(open) = self.open.last() else { return Some((Event::End(end), range)) };
        if depth > open.depth || (depth == open.depth && open.comment) {
            // Inside the block; or, for a comment pair, the container it opened in ends
            // before `<!-- /internal -->`.
            if depth == open.depth {
                let offset = open.offset;
                self.problem(
                    offset,
                    "this internal block is not closed before the list, quote or block around it ends: \
                     put `<!-- /internal -->` at the same level as `<!-- internal -->`",
                );
                self.pop_open(range.start);
                return self.close_then((Event::End(end), range));
            }
            return (!self.dropping()).then_some((Event::End(end), range));
        }
        // The end of an internal quote.
        self.pop_open(range.end);
        match self.mode {
            Mode::Drop => None,
            Mode::Mark => Some((Event::Html("</div>\n".into()), range)),
        }
    }

    /// When a marked block closes: its closing HTML, then `next`.
    fn close_then(&mut self, next: Item<'a>) -> Option<Item<'a>> {
        match self.mode {
            Mode::Drop => (!self.dropping()).then_some(next),
            Mode::Mark => {
                let range = next.1.clone();
                self.queue.push_front(next);
                Some((Event::Html("</div>\n".into()), range))
            }
        }
    }

    /// An HTML block: a marker, or ordinary HTML (passed on whole).
    fn html_block(&mut self, start: Range<usize>) -> Option<Item<'a>> {
        let mut events = vec![(Event::Start(Tag::HtmlBlock), start.clone())];
        let mut html = String::new();
        while let Some((event, range)) = self.pull() {
            let done = matches!(event, Event::End(TagEnd::HtmlBlock));
            if let Event::Html(ref text) = event {
                html.push_str(text);
            }
            events.push((event, range));
            if done {
                break;
            }
        }
        let trimmed = html.trim();
        match marker(trimmed) {
            Some(opens) if trimmed.len() == marker_length(trimmed) => {
                if opens {
                    self.open_comment(start.start)
                } else {
                    self.close_comment(start.start, start.end)
                }
            }
            found => {
                if found.is_some() || contains_marker(trimmed) {
                    self.problem(
                        start.start,
                        "an internal marker must stand on a line of its own, with blank lines around it",
                    );
                }
                if self.dropping() {
                    return None;
                }
                // The block's end passes through `end`, which counts it out.
                self.depth += 1;
                let first = events.remove(0);
                self.queue.extend(events);
                Some(first)
            }
        }
    }

    fn open_comment(&mut self, offset: usize) -> Option<Item<'a>> {
        if let Some(open) = self.open.iter().find(|o| o.comment) {
            let (line, _) = crate::diagnostic::line_column(self.text, open.offset);
            self.problem(
                offset,
                &format!("an internal block is already open (line {line} of the body); close it first"),
            );
            return None;
        }
        let dropping = self.dropping();
        self.open.push(Open { comment: true, depth: self.depth, offset });
        match self.mode {
            Mode::Mark if !dropping => Some((Event::Html(block_open(self.label).into()), offset..offset)),
            _ => None,
        }
    }

    /// `<!-- /internal -->` from `offset` to `end`: the block it closes ends with it.
    fn close_comment(&mut self, offset: usize, end: usize) -> Option<Item<'a>> {
        match self.open.last() {
            Some(open) if open.comment && open.depth == self.depth => {
                self.pop_open(end);
                match self.mode {
                    Mode::Mark => Some((Event::Html("</div>\n".into()), offset..offset)),
                    Mode::Drop => None,
                }
            }
            Some(open) if open.comment => {
                self.problem(offset, "this `<!-- /internal -->` is not at the level of its `<!-- internal -->`");
                None
            }
            _ => {
                self.problem(offset, "`<!-- /internal -->` without an `<!-- internal -->` before it");
                None
            }
        }
    }

    /// Closes the innermost open block at `end`, noting the range of an outermost one.
    fn pop_open(&mut self, end: usize) {
        if let Some(open) = self.open.pop()
            && self.open.is_empty()
        {
            self.blocks.push(open.offset..end);
        }
    }

    fn is_internal_quote(&self, range: &Range<usize>) -> bool {
        // A marker's line is short: only the first bytes after the quote's start are
        // read, so that quotes nested thousands deep on one line cost one pass over it.
        let end = crate::char_boundary::floor_char_boundary(self.text, range.start.saturating_add(MARKER_LINE));
        let Some(head) = self.text.get(range.start..end.max(range.start)) else {
            return false;
        };
        let line = match memchr::memchr(b'\n', head.as_bytes()) {
            Some(at) => &head[..at],
            None if end == self.text.len() => head,
            None => return false,
        };
        let content = line.trim_start().trim_start_matches('>').trim();
        content.eq_ignore_ascii_case("[!internal]")
    }

    fn problem(&mut self, offset: usize, message: &str) {
        self.problems.push((offset, message.to_string()));
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for InternalBlocks<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        loop {
            let Some(item) = self.pull() else {
                if let Some(open) = self.open.last() {
                    let offset = open.offset;
                    self.pop_open(self.text.len());
                    self.problem(offset, "this internal block is never closed with `<!-- /internal -->`");
                    if self.mode == Mode::Mark {
                        return Some((Event::Html("</div>\n".into()), self.text.len()..self.text.len()));
                    }
                }
                return None;
            };
            if let Some(item) = self.step(item) {
                return Some(item);
            }
        }
    }
}

/// The longest line of a quote marker `> [!INTERNAL]` read, from the quote's start.
const MARKER_LINE: usize = 256;

/// `Some(true)` for `<!-- internal -->`, `Some(false)` for `<!-- /internal -->` (any
/// spacing and case), at the start of `html`.
pub(super) fn marker(html: &str) -> Option<bool> {
    let inner = html.trim().strip_prefix("<!--")?;
    let end = inner.find("-->")?;
    match inner[..end].trim().to_ascii_lowercase().as_str() {
        "internal" => Some(true),
        "/internal" => Some(false),
        _ => None,
    }
}

/// The length of the marker comment at the start of `html`.
fn marker_length(html: &str) -> usize {
    html.find("-->").map_or(0, |i| i + 3)
}

/// Whether `html` holds a marker anywhere (a marker sharing its line with other HTML).
///
/// One pass, linear in the length of `html` however many `<!--` it holds:
/// 1. each `<!--` ends at the first `-->` after it, so walk the `-->`s in order;
/// 2. of the `<!--`s that end at one `-->`, only the last can be a marker (an earlier
///    one has the later `<!--` in its text), so look back for it, no further than the
///    previous `-->`.
///
/// The searches are on bytes: the look-back starts 3 bytes before the previous `-->`,
/// which may be inside a character (a placeholder or an emoji before it),
/// and every place found is an ASCII `<` or `-`, so the slices stay on characters.
pub(super) fn contains_marker(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut previous_end: usize = 0;
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&bytes[from..], b"-->").map(|i| from + i) {
        // A `<!--` whose text starts after the previous `-->` began (`at - 3 + 4`).
        let lower = previous_end.saturating_sub(3);
        if let Some(open) = memchr::memmem::rfind(&bytes[lower..at], b"<!--").map(|i| lower + i)
            && open + 4 <= at
            && html.get(open..).and_then(marker).is_some()
        {
            return true;
        }
        previous_end = at;
        from = at + 3;
    }
    false
}

/// The offset of the end of the line that holds `offset`.
fn line_end(text: &str, offset: usize) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr(b'\n', bytes.get(offset..).unwrap_or_default()).map_or(text.len(), |i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look-back before a `-->` that follows a character of two
    /// or four bytes (an emoji, a dialect's placeholder) started inside it, a panic.
    #[test]
    fn finds_markers_after_comments_that_end_in_multibyte_characters() {
        assert!(contains_marker("<!-- a 😀--><!-- internal -->"));
        assert!(contains_marker("<!-- \u{E000}1\u{E001}é--><!-- internal -->"));
        assert!(!contains_marker("<!-- éé--><!-- x -->"));
        for text in ["😀--><!--internal-->", "é-->é-->é<!--/internal-->", "<!-- 𝄞-->𝄞<!-- 𝄞-->"] {
            let _ = contains_marker(text);
        }
    }

    #[test]
    fn finds_markers_among_other_comments() {
        assert!(contains_marker("<div><!-- internal --></div>"));
        assert!(contains_marker("<!-- a <!-- /INTERNAL -->"));
        assert!(contains_marker("<!-- a --><!--internal-->"));
        assert!(!contains_marker("<!-- internal notes -->"));
        assert!(!contains_marker("<!-- a --> internal -->"));
        assert!(!contains_marker("<!-->internal -->"));
        assert!(!contains_marker("<!-- internal"));
    }

    /// 480 KB of `<!--` in one HTML block took 19 s with one scan per `<!--`.
    #[test]
    fn scans_many_comment_openers_in_linear_time() {
        let started = std::time::Instant::now();
        let html = "<!--".repeat(200_000);
        assert!(!contains_marker(&html));
        let closed = "<!-- x -->".repeat(100_000);
        assert!(!contains_marker(&closed));
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }
}
