//! The content of an HTML block as kramdown reads it (`handle_kramdown_html_tag` in
//! `parser/kramdown/html.rb`): blocks, spans, or raw HTML whose inner elements are read
//! by their own `markdown` attribute (`parse_raw_html`), which is never written out.

use std::ops::Range;

use super::{Content, MAX_DEPTH, MAX_TAG, Scan, StartTag, VOID_ELEMENTS, blank_lines, content_model, matching_close};
use crate::markdown::paragraph_attributes::UNWRAPPED;

impl Scan<'_, '_> {
    /// Markdown blocks from `body` to the end tag `close` (or `limit`, never closed).
    pub(super) fn block_content(&mut self, body: usize, close: Option<&Range<usize>>, limit: usize, depth: usize) {
        let end = close.map_or(limit, |close| close.start);
        self.edits.push((body..body, "\n\n".into()));
        self.blocks(body..end, depth + 1);
        if close.is_some() {
            self.edits.push((end..end, "\n\n".into()));
        }
    }

    /// The element of the start tag `tag` at `start`, ending with `close`, read as spans:
    /// one paragraph, whose `<p>` its own tags stand for (the start tag without its
    /// `markdown` attribute), its lines unindented, blank ones dropped and those that
    /// would open a CommonMark block escaped, as text in spans opens none.
    pub(super) fn span_content(&mut self, start: usize, tag: &StartTag, close: Range<usize>) {
        let text = self.text;
        let body = start + tag.len;
        let mut open = text[start..body].to_string();
        if let Some((range, _)) = &tag.markdown {
            open.replace_range(range.clone(), "");
        }
        self.collected.source = text[start..body].to_string();
        let marker = self.collected.inline(open);
        if let Some(placeholder) = self.collected.placeholders.last_mut() {
            placeholder.attributes = vec![(UNWRAPPED.to_string(), String::new())];
        }
        self.edits.push((start..body, format!("\n\n{marker}")));
        let mut at = body;
        while at < close.start {
            let end = text[at..close.start].find('\n').map_or(close.start, |i| at + i);
            let line = &text[at..end];
            let indent = line.len() - line.trim_start().len();
            if line.trim().is_empty() {
                self.edits.push((at..(end + 1).min(close.start), String::new()));
            } else {
                if indent > 0 {
                    self.edits.push((at..at + indent, String::new()));
                }
                if let Some(escape) = block_start(&line[indent..]) {
                    self.edits.push((at + indent + escape..at + indent + escape, "\\".into()));
                }
            }
            at = end + 1;
        }
        self.collected.source = text[close.clone()].to_string();
        let end_marker = self.collected.inline(text[close.clone()].to_string());
        self.edits.push((close, end_marker));
    }

    /// Raw HTML from `from` to `to`: its blank lines kept inside the block, and its
    /// elements with a `markdown` attribute read as it says where their start tag opens
    /// a line (kramdown reads one inside a line too: opsbook only drops its attribute).
    pub(super) fn raw_content(&mut self, from: usize, to: usize, depth: usize) {
        let text = self.text;
        let mut run = from;
        let mut at = from;
        // The tags after the last `markdown` in the text hold none (as written in lower case).
        let last = memchr::memmem::rfind(&text.as_bytes()[from..to], b"markdown").map_or(from, |i| from + i);
        while depth < MAX_DEPTH && at < last {
            let Some(found) = text[at..last].find('<') else { break };
            let i = at + found;
            at = i + 1;
            if let Some(comment) = text[i..to].strip_prefix("<!--") {
                at = comment.find("-->").map_or(to, |e| i + 4 + e + 3);
                continue;
            }
            let window = crate::char_boundary::floor_char_boundary(text, to.min(i.saturating_add(MAX_TAG)));
            let Some(tag) = super::start_tag(&text[i..window]) else { continue };
            let body = i + tag.len;
            at = body;
            let Some((attribute, value)) = &tag.markdown else { continue };
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let content = content_model(&tag.name, Some(value));
            let opens_line = text[line_start..i].trim().is_empty();
            let close = match content {
                Content::Raw => None,
                _ if !opens_line || tag.self_closing || VOID_ELEMENTS.contains(&tag.name.as_str()) => None,
                _ => matching_close(text, body, to, &tag.name),
            };
            let Some(close) = close else {
                self.edits.push((i + attribute.start..i + attribute.end, String::new()));
                continue;
            };
            self.raw_blank_lines(run, i);
            if content == Content::Blocks {
                self.edits.push((i + attribute.start..i + attribute.end, String::new()));
                self.block_content(body, Some(&close), to, depth);
            } else {
                self.span_content(i, &tag, close.clone());
                self.edits.push((close.end..close.end, "\n\n".into()));
            }
            run = close.end;
            at = close.end;
        }
        self.raw_blank_lines(run, to);
    }

    /// The blank lines of raw HTML from the line after `from` to `to`, kept inside its block.
    fn raw_blank_lines(&mut self, from: usize, to: usize) {
        for blank in blank_lines(self.text, from, to) {
            self.edits.push((blank, "<!---->".into()));
        }
    }
}

/// Where a backslash keeps `line` (unindented) from opening a CommonMark block inside a
/// paragraph: a heading, a quote, a list item, a fence, a rule or a setext underline.
fn block_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let first = *bytes.first()?;
    let spaced = |at: usize| bytes.get(at).is_none_or(|b| *b == b' ' || *b == b'\t');
    let only = |c: u8| line.trim_end().bytes().all(|b| b == c || b == b' ' || b == b'\t');
    match first {
        b'#' => {
            let run = bytes.iter().take_while(|b| **b == b'#').count();
            (run <= 6 && spaced(run)).then_some(0)
        }
        b'>' => Some(0),
        b'-' | b'+' | b'*' if spaced(1) => Some(0),
        b'-' | b'*' | b'_' | b'=' if only(first) => Some(0),
        b'`' | b'~' if line.starts_with("```") || line.starts_with("~~~") => Some(0),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            (digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')')) && spaced(digits + 1)).then_some(digits)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::block_start;

    #[test]
    fn finds_the_lines_that_would_open_a_block() {
        assert_eq!(block_start("# Title"), Some(0));
        assert_eq!(block_start("#hashtag"), None);
        assert_eq!(block_start("> quoted"), Some(0));
        assert_eq!(block_start("- item"), Some(0));
        assert_eq!(block_start("*emphasis*"), None);
        assert_eq!(block_start("---"), Some(0));
        assert_eq!(block_start("==="), Some(0));
        assert_eq!(block_start("12. twelve"), Some(2));
        assert_eq!(block_start("2024 was"), None);
        assert_eq!(block_start("```sh"), Some(0));
        assert_eq!(block_start("plain"), None);
    }
}
