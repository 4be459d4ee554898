//! The body of a page written in HTML (Eleventy's `.njk`, an `.html` page with front
//! matter, Middleman's `.html.erb`: [`crate::content::formats`]): its template tags were
//! rewritten by the dialects ([`super::dialects`], with no Markdown code, since the old
//! tool ran its templates over the whole file), and the rest is written as it is, never
//! read as Markdown (an indented line of HTML is no code block there).
//!
//! 1. Line by line, the internal blocks' markers (`<!-- internal -->` and
//!    `<!-- /internal -->`, each alone on its line, as in a Markdown page) drop what is
//!    between them (public build) or frame it (internal build); a marker that shares its
//!    line, is never closed or closes nothing is an `internal-block` error.
//! 2. Each placeholder gets its HTML; one inside a tag (a Liquid variable in an
//!    attribute) gets none, so the markup stays whole (its warning says so).
//! 3. Links and images in the HTML are resolved, rewritten and recorded like a Markdown
//!    page's raw HTML, at their own lines and columns, and its `id`s are anchors.
//! 4. The text between the tags (not scripts or styles) is the page's search text.
//! 5. What it leaves open is reported and closed as on a Markdown page ([`super::open_html`]).

use pulldown_cmark::CowStr;

use super::rewrite;
use super::{BodyWriter, internal};
use crate::diagnostic::Rule;
use crate::html::decode_entities;

impl<'a> BodyWriter<'a> {
    /// Writes the page's HTML body (see the module documentation).
    pub(super) fn run_html(&mut self) {
        let text = self.input.text;
        let mut html = String::with_capacity(text.len() + 64);
        let mut text_state = TextState::default();
        // Where the open internal blocks opened, innermost last.
        let mut open: Vec<usize> = Vec::new();
        let drop = self.input.internal_blocks == internal::Mode::Drop;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            match internal::marker(line) {
                Some(opens) if line.trim().len() == line.trim_start().find("-->").map_or(0, |i| i + 3) => {
                    if opens {
                        open.push(start);
                        if !drop && open.len() == 1 {
                            html.push_str(&internal::block_open(self.input.words.say("md_internal")));
                        }
                    } else if open.pop().is_none() {
                        self.internal_problem(start, "`<!-- /internal -->` without an `<!-- internal -->` before it");
                    } else if !drop && open.is_empty() {
                        html.push_str("</div>\n");
                    }
                    continue;
                }
                _ if internal::contains_marker(line) => {
                    self.internal_problem(start, "an internal marker must stand on a line of its own in an HTML page");
                    continue;
                }
                _ => {}
            }
            if drop && !open.is_empty() {
                continue;
            }
            self.html_line(line, start, &mut html, &mut text_state);
        }
        if let Some(&first) = open.first() {
            self.internal_problem(first, "this internal block is never closed with `<!-- /internal -->`");
            if !drop {
                html.push_str("</div>\n");
            }
        }
        let lost = std::mem::take(&mut self.open_blocks.closers);
        for close in lost.iter().rev() {
            self.raw_html.push(close, text.len(), false);
        }
        html.extend(lost.into_iter().rev());
        // What the page left open ends with its body, as on a Markdown page.
        let left_open = self.report_unclosed_html();
        if self.input.write_html {
            if left_open {
                let closers = super::open_html::closers(&html);
                html.push_str(&closers);
            }
            self.out.html = html;
        }
        self.report_rewrite_problems();
    }

    /// An `internal-block` error at `offset`.
    fn internal_problem(&mut self, offset: usize, message: &str) {
        let d = self.location(offset).diagnostic(Rule::InternalBlock, message.to_string());
        self.out.diagnostics.push(d);
    }

    /// Writes one line of the page at `offset`: its placeholders filled, its links
    /// rewritten, its text noted for search.
    fn html_line(&mut self, line: &'a str, offset: usize, html: &mut String, state: &mut TextState) {
        let mut rest = line;
        let mut at = offset;
        loop {
            let inline = rest.find(rewrite::INLINE_OPEN);
            let block = rest.find(rewrite::MARKER);
            let (found, open, close) = match (inline, block) {
                (Some(i), Some(b)) if b < i => (b, rewrite::MARKER, "-->"),
                (Some(i), _) => (i, "\u{E000}", "\u{E001}"),
                (None, Some(b)) => (b, rewrite::MARKER, "-->"),
                (None, None) => break,
            };
            let Some((number, tail)) = rest[found + open.len()..].split_once(close) else { break };
            self.html_piece(&rest[..found], at, html, state);
            let placeholder = self.rewrite.and_then(|r| r.placeholder(number));
            // In a `<pre>`, where no block may stand, a construct alone on its line
            // takes its inline form.
            let filled = match placeholder {
                Some(p) if state.pre > 0 && p.inline.is_some() => p.inline.as_deref(),
                Some(p) => p.html_in(&mut self.open_blocks),
                None => None,
            };
            // Inside a tag, a placeholder's HTML would break the tag: it writes nothing.
            if let Some(filled) = filled.filter(|_| !state.in_tag).map(str::to_string) {
                self.raw_html.push(&filled, at + found, false);
                let filled = self.rewrite_html(filled.into(), at + found, true);
                self.note_html_ids(&filled);
                html.push_str(&filled);
            }
            let consumed = found + open.len() + number.len() + close.len();
            at += consumed;
            rest = tail;
        }
        self.html_piece(rest, at, html, state);
    }

    /// Writes a piece of the page's HTML at `offset` (no placeholder in it).
    fn html_piece(&mut self, piece: &'a str, offset: usize, html: &mut String, state: &mut TextState) {
        if piece.is_empty() {
            return;
        }
        self.raw_html.push(piece, offset, true);
        let rewritten = self.raw_html_read(CowStr::Borrowed(piece), offset, false);
        html.push_str(&rewritten);
        let text = state.text_of(piece);
        if !text.trim().is_empty() {
            self.note_text(&decode_entities(&text));
        }
        self.note_break(true);
    }
}

/// Where the writing of an HTML page is: inside a tag, or in a script or style whose
/// text is no page text.
#[derive(Debug, Default)]
struct TextState {
    in_tag: bool,
    /// The element whose content is not text (`script`, `style`), until its end tag.
    skipping: Option<&'static str>,
    /// The tag being read, lowercased, to find `script` and `style`.
    tag: String,
    /// How many `<pre>` elements are open.
    pre: usize,
}

impl TextState {
    /// The text of `piece` outside tags, scripts and styles, following on from the
    /// pieces before it.
    fn text_of(&mut self, piece: &str) -> String {
        let mut text = String::new();
        for c in piece.chars() {
            if self.in_tag {
                if c == '>' {
                    self.in_tag = false;
                    self.end_tag();
                    // A tag parts words (`</p><p>`), as a block does in the browser.
                    text.push(' ');
                } else if self.tag.len() < 16 {
                    self.tag.push(c.to_ascii_lowercase());
                }
            } else if c == '<' {
                self.in_tag = true;
                self.tag.clear();
            } else if self.skipping.is_none() {
                text.push(c);
            }
        }
        text.push(' ');
        text
    }

    /// Notes where a script or style starts and ends, at the end of a tag.
    fn end_tag(&mut self) {
        let name: String = self.tag.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '/').collect();
        match (self.skipping, name.as_str()) {
            (None, "script") => self.skipping = Some("/script"),
            (None, "style") => self.skipping = Some("/style"),
            (Some(end), name) if name == end => self.skipping = None,
            (None, "pre") => self.pre += 1,
            (None, "/pre") => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_text_between_tags() {
        let mut state = TextState::default();
        let text =
            state.text_of("<p class=\"a\">Hello <b>world</b></p><script>var x = 1;</script><style>p{}</style>Bye");
        assert_eq!(text.split_whitespace().collect::<Vec<_>>(), ["Hello", "world", "Bye"]);
        let mut state = TextState::default();
        assert_eq!(state.text_of("<a href=\"x").trim(), "");
        assert!(state.in_tag);
        assert_eq!(state.text_of("\">in").trim(), "in");
    }
}
