//! The HTML a page's body leaves open, after which the browser hides the rest of the
//! page: a comment, a tag without its `>`, a raw-text element (`<script>`, `<textarea>`,
//! `<iframe>`…), or a `<template>`, `<details>` or `<div>` never closed. The
//! `unclosed-html` rule.
//!
//! The body writer hands [`RawHtml`] each piece of raw HTML it writes, with its place in
//! the source; [`RawHtml::unclosed`] reads them with html5ever's tokenizer, as the
//! browser does, for the warnings. [`closers`] reads the written body and closes what
//! it leaves open at its end, so a page can hide its own body but never the handbook's
//! navigation and footer. More: docs/architecture.md, "Notes by module".

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// What every `unclosed-html` message ends with: where the page's HTML is closed.
const CLOSED_AT_END: &str = " (opsbook closes it where the body ends, so the navigation and footer show)";

/// The raw HTML of one body, piece by piece, with the source offset of each piece.
#[derive(Default)]
pub(super) struct RawHtml {
    /// The pieces, one after the other.
    text: String,
    /// Where each piece starts in `text`, and its offset in the text the parser read;
    /// `None` when the piece is not that text as written (a filled placeholder), so a
    /// place inside it is the piece's own.
    pieces: Vec<(usize, usize, bool)>,
}

/// Something the body leaves open: what it is, and where it opens in the parser's text.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unclosed {
    pub(super) offset: usize,
    pub(super) message: String,
    pub(super) help: String,
}

impl RawHtml {
    /// Records `html`, found at `offset` of the parser's text; `exact` when it is that
    /// text as written.
    pub(super) fn push(&mut self, html: &str, offset: usize, exact: bool) {
        if html.contains('<') || !self.pieces.is_empty() {
            self.pieces.push((self.text.len(), offset, exact));
            self.text.push_str(html);
        }
    }

    /// What the pieces leave open, the first opened first.
    pub(super) fn unclosed(&self) -> Vec<Unclosed> {
        if self.pieces.is_empty() {
            return Vec::new();
        }
        let sink = self.read();
        let mut found: Vec<Unclosed> = Vec::new();
        for (name, piece) in sink.open.into_inner() {
            let message = if name == "div" {
                format!("`<div>` is never closed: it takes in the rest of the page's body{CLOSED_AT_END}")
            } else {
                format!(
                    "`<{name}>` is never closed: the rest of the page's body is inside it and hidden{CLOSED_AT_END}"
                )
            };
            found.push(self.at_tag(piece, &name, message, format!("close it with `</{name}>`")));
        }
        if let Some((name, piece)) = sink.raw.into_inner() {
            let message = format!(
                "`<{name}>` is never closed: the browser reads the rest of the page's body as its text{CLOSED_AT_END}"
            );
            found.push(self.at_tag(piece, &name, message, format!("close it with `</{name}>`")));
        }
        if sink.comment_open.get() {
            found.push(self.at_comment(sink.last_token.get()));
        } else if let Some(piece) = sink.tag_open.get() {
            let (start, offset, _) = self.pieces[piece];
            let at = self.text[start..].find('<').map_or(offset, |i| offset + i);
            let message = format!(
                "an HTML tag is never closed with `>`: the browser reads the rest of the page's body into the tag{CLOSED_AT_END}"
            );
            found.push(Unclosed { offset: at, message, help: "end the tag with `>`".into() });
        }
        found.sort_by_key(|u| u.offset);
        found
    }

    /// The pieces, read by the tokenizer as the browser reads them one after the other.
    fn read(&self) -> Sink {
        let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
        let input = BufferQueue::default();
        for (index, &(start, _, _)) in self.pieces.iter().enumerate() {
            let end = self.pieces.get(index + 1).map_or(self.text.len(), |p| p.0);
            tokenizer.sink.piece.set(index);
            input.push_back(self.text[start..end].into());
            // The sink never asks for a script to run, so the tokenizer reads it all.
            let _ = tokenizer.feed(&input);
        }
        tokenizer.sink.ending.set(true);
        tokenizer.end();
        tokenizer.sink
    }

    /// The piece `index`: its text and its offset in the parser's text, if exact.
    fn piece(&self, index: usize) -> (&str, usize, bool) {
        let (start, offset, exact) = self.pieces[index];
        let end = self.pieces.get(index + 1).map_or(self.text.len(), |p| p.0);
        (&self.text[start..end], offset, exact)
    }

    /// The place of the start tag `<name` the tokenizer read in piece `index`.
    fn at_tag(&self, index: usize, name: &str, message: String, help: String) -> Unclosed {
        let (text, offset, exact) = self.piece(index);
        let lower = text.to_ascii_lowercase();
        let inside = lower.rfind(&format!("<{name}")).filter(|_| exact).unwrap_or(0);
        Unclosed { offset: offset + inside, message, help }
    }

    /// The place of the comment left open: the first `<!--` after the last `-->` of the
    /// piece that gave the last token, else of a piece after it (inside a comment the
    /// tokenizer gives none).
    fn at_comment(&self, last_token: usize) -> Unclosed {
        let message = format!(
            "an HTML comment `<!--` is never closed: the browser hides the rest of the page's body{CLOSED_AT_END}"
        );
        let help = "close it with `-->`, on the line where it should end".to_string();
        let first = (last_token..self.pieces.len()).find_map(|index| {
            let (text, offset, exact) = self.piece(index);
            let after = text.rfind("-->").map_or(0, |i| i + 3);
            let open = text[after..].find("<!--")?;
            Some(if exact { offset + after + open } else { offset })
        });
        Unclosed { offset: first.unwrap_or(self.pieces[last_token].1), message, help }
    }
}

/// The HTML that closes what the written body `html` leaves open, innermost first: the
/// comment or tag it ends in, the raw-text element, then the elements around it; empty
/// when nothing is. Read from the body as written, whose Markdown tags close a tag that
/// raw HTML left without its `>`.
pub fn closers(html: &str) -> String {
    let body = RawHtml { text: html.to_string(), pieces: vec![(0, 0, false)] };
    let sink = body.read();
    let mut closers = String::new();
    if sink.comment_open.get() {
        closers.push_str("-->");
    } else if sink.tag_open.get().is_some() {
        // Ends an attribute value in either quotes, or none, and then the tag.
        closers.push_str("'\">");
    }
    if let Some((name, _)) = sink.raw.into_inner() {
        closers.push_str(&format!("</{name}>"));
    }
    for (name, _) in sink.open.into_inner().iter().rev() {
        closers.push_str(&format!("</{name}>"));
    }
    closers
}

/// What the tokenizer's tokens say is open.
#[derive(Default)]
struct Sink {
    /// The piece being read.
    piece: Cell<usize>,
    /// Whether the input has all been given: a comment emitted now was never closed.
    ending: Cell<bool>,
    /// The piece that gave the last token other than a parse error.
    last_token: Cell<usize>,
    /// How deep inside `<svg>` or `<math>` the tokens are.
    foreign: Cell<usize>,
    /// The raw-text element being read, and the piece of its start tag.
    raw: RefCell<Option<(String, usize)>>,
    /// The `<template>`, `<details>` and `<div>` elements open, outermost first.
    open: RefCell<Vec<(String, usize)>>,
    comment_open: Cell<bool>,
    /// The piece of a tag the end of the input cut off.
    tag_open: Cell<Option<usize>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let piece = self.piece.get();
        match token {
            Token::ParseError(_) => {
                // At the end, a tag cut off ("Saw EOF in state TagName" and the like);
                // inside a raw-text element, the element is what is open.
                let ending = self.ending.get() && self.raw.borrow().is_none();
                if ending && !self.comment_open.get() && self.tag_open.get().is_none() {
                    self.tag_open.set(Some(self.last_token.get()));
                }
                return TokenSinkResult::Continue;
            }
            Token::CommentToken(_) if self.ending.get() => {
                self.comment_open.set(true);
                self.tag_open.set(None);
                return TokenSinkResult::Continue;
            }
            Token::EOFToken => return TokenSinkResult::Continue,
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag if name == "svg" || name == "math" => {
                        if !tag.self_closing {
                            self.foreign.set(self.foreign.get() + 1);
                        }
                    }
                    TagKind::EndTag if name == "svg" || name == "math" => {
                        self.foreign.set(self.foreign.get().saturating_sub(1));
                    }
                    TagKind::StartTag if self.foreign.get() > 0 => {}
                    TagKind::StartTag => {
                        if let Some(kind) = crate::html_pass::raw_kind(name) {
                            *self.raw.borrow_mut() = Some((name.to_string(), piece));
                            self.last_token.set(piece);
                            return kind;
                        }
                        if matches!(name, "template" | "details" | "div") {
                            self.open.borrow_mut().push((name.to_string(), piece));
                        }
                    }
                    TagKind::EndTag => {
                        let mut raw = self.raw.borrow_mut();
                        if raw.as_ref().is_some_and(|(open, _)| open == name) {
                            *raw = None;
                        }
                        let mut open = self.open.borrow_mut();
                        if let Some(at) = open.iter().rposition(|(open, _)| open == name) {
                            open.truncate(at);
                        }
                    }
                }
            }
            _ => {}
        }
        self.last_token.set(piece);
        TokenSinkResult::Continue
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `pieces` (each at the offset of its first byte in their concatenation)
    /// leave open: each place and the start of its message.
    fn unclosed(pieces: &[&str]) -> Vec<(usize, String)> {
        let mut raw = RawHtml::default();
        let mut offset = 0;
        for piece in pieces {
            raw.push(piece, offset, true);
            offset += piece.len();
        }
        raw.unclosed().into_iter().map(|u| (u.offset, u.message.split(':').next().unwrap_or("").to_string())).collect()
    }

    /// Pieces of raw HTML, and the place and message of each thing they leave open.
    type Case<'c> = (&'c [&'c str], &'c [(usize, &'c str)]);

    #[test]
    fn finds_what_the_browser_leaves_open() {
        let cases: &[Case<'_>] = &[
            (&["<!-- a -->\n", "<p>x</p>\n"], &[]),
            (&["<p>\n", "<!-- open\n", "more\n"], &[(4, "an HTML comment `<!--` is never closed")]),
            (&["<!-- a --> b <!-- c <!-- d\n"], &[(13, "an HTML comment `<!--` is never closed")]),
            (&["<textarea>\n", "## Lost\n"], &[(0, "`<textarea>` is never closed")]),
            (&["<textarea>\n", "</textarea>\n"], &[]),
            (&["<TITLE>x</title>\n", "<script>if (a < b) {}</script>\n", "<style>p{}</style>\n"], &[]),
            (&["<svg><title>t</svg>\n", "<svg><style>s</svg>\n"], &[]),
            (&["<xmp>\n"], &[(0, "`<xmp>` is never closed")]),
            (&["x <plaintext>\n", "</plaintext>\n"], &[(2, "`<plaintext>` is never closed")]),
            (&["<details>\n", "<summary>s</summary>\n"], &[(0, "`<details>` is never closed")]),
            (&["<div>\n", "<div>\n", "</div>\n"], &[(0, "`<div>` is never closed")]),
            (&["<template><div></template>\n"], &[]),
            (&["<a href=\"x\n"], &[(0, "an HTML tag is never closed with `>`")]),
            (&["<script>\n", "<!-- -->\n"], &[(0, "`<script>` is never closed")]),
            (&["<script><!--\n"], &[(0, "`<script>` is never closed")]),
        ];
        for (pieces, expected) in cases {
            let expected: Vec<(usize, String)> = expected.iter().map(|(o, m)| (*o, m.to_string())).collect();
            assert_eq!(unclosed(pieces), expected, "{pieces:?}");
        }
    }

    #[test]
    fn what_is_left_open_is_closed_where_the_body_ends() {
        let cases: &[(&str, &str)] = &[
            ("<!-- a -->\n<p>x</p>\n", ""),
            ("<p>\n<!-- open\nmore\n", "-->"),
            ("<textarea>\n## Lost\n", "</textarea>"),
            ("<div>\n<iframe src=\"x\"/>\n<p>after</p>\n", "</iframe></div>"),
            ("<details>\n<div>\n<summary>s</summary>\n", "</div></details>"),
            ("<template><div>\n", "</div></template>"),
            ("<a href=\"x\ntext\n", "'\">"),
            ("<a href='x\n", "'\">"),
            ("<a href=x\n", "'\">"),
            ("<a\n", "'\">"),
            ("<div><a title=\"t\n", "'\"></div>"),
            ("<script>if (a < b) {\n", "</script>"),
            ("<xmp>\n", "</xmp>"),
            // A Markdown tag after a raw tag left without its `>` ends it.
            ("<p><A {%{/*`=== \"t\"\n</p>\n<p>x</p>\n", ""),
        ];
        for (html, expected) in cases {
            let found = closers(html);
            assert_eq!(found, *expected, "{html:?}");
            // With the closers and a footer after them, nothing is open: the footer is
            // an element of its own, as the browser reads it.
            let whole = format!("{html}{found}<footer><div></div></footer>\n");
            assert_eq!(closers(&whole), "", "{html:?}");
            let mut raw = RawHtml::default();
            raw.push(&whole, 0, true);
            assert_eq!(raw.unclosed(), Vec::new(), "{html:?}");
        }
    }

    #[test]
    fn text_without_tags_is_not_read() {
        let mut raw = RawHtml::default();
        raw.push("plain\n", 0, true);
        assert!(raw.pieces.is_empty());
    }
}
