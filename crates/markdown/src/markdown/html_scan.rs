//! Raw HTML read piece by piece as a browser's tokenizer reads it, as far as links and
//! ids need: a comment and the text of a raw-text element (`<script>`, `<style>`,
//! `<textarea>`…) hold no tag, so no link and no id, whatever they look like
//! (`` `<a href="${url}">` `` in a script's string). The state carries from one piece to
//! the next: the lines of an HTML block, the inline HTML of a page's paragraphs, the
//! lines of a page written in HTML.

use super::html_attributes::{HtmlAttribute, ends_a_name, find_attributes_in, leaves_tag_open};

/// The elements whose content the browser reads as text until their end tag
/// ([`crate::html_pass::raw_kind`]), but `<noscript>`: its links are links to a reader
/// without scripts.
const RAW_TEXT: [&str; 9] =
    ["script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title", "plaintext"];

/// Where a reading of raw HTML stands between two pieces of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HtmlScan {
    /// Inside a tag (`<div` on one line, its attributes on the next).
    pub in_tag: bool,
    /// Inside a comment, until `-->`.
    comment: bool,
    /// Inside the text of a raw-text element, until its end tag.
    raw: Option<&'static str>,
    /// Inside the start tag of a raw-text element, whose text starts after the tag.
    opening: Option<&'static str>,
}

/// A part of a piece that the browser reads as markup: its byte range, and whether it
/// starts inside a tag.
pub type Markup = (usize, usize, bool);

impl HtmlScan {
    /// A new reading at the start of a block: no tag is open (a comment or a script
    /// still is).
    pub fn at_block(&mut self) {
        self.in_tag = false;
        self.opening = None;
    }

    /// The parts of `html` read as markup, outside comments and raw text; the state
    /// moves to the end of the piece.
    pub fn markup(&mut self, html: &str) -> Vec<Markup> {
        let bytes = html.as_bytes();
        let mut parts = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if self.comment {
                let Some(end) = memchr::memmem::find(&bytes[at..], b"-->") else { break };
                (at, self.comment) = (at + end + 3, false);
            } else if let Some(name) = self.raw {
                let Some(end) = end_tag(bytes, at, name) else { break };
                (at, self.raw) = (end, None);
            } else if let Some(name) = self.opening.take() {
                let Some(end) = tag_end(bytes, at) else {
                    parts.push((at, bytes.len(), true));
                    self.opening = Some(name);
                    break;
                };
                parts.push((at, end, true));
                (at, self.in_tag, self.raw) = (end, false, Some(name));
            } else {
                at = self.markup_from(html, at, &mut parts);
            }
        }
        parts
    }

    /// Reads markup from `at` to the next comment or raw-text element, pushing the part
    /// read; returns where the reading goes on.
    fn markup_from(&mut self, html: &str, at: usize, parts: &mut Vec<Markup>) -> usize {
        let bytes = html.as_bytes();
        let starts_in_tag = self.in_tag;
        let mut next = at;
        while let Some(found) = memchr::memchr(b'<', &bytes[next..]) {
            let open = next + found;
            if bytes[open..].starts_with(b"<!--") {
                parts.push((at, open, starts_in_tag));
                (self.in_tag, self.comment) = (false, true);
                // `<!-->` is a whole comment: the search for its end starts at its `-`.
                return open + 2;
            }
            if let Some(name) = raw_start(bytes, open) {
                let Some(end) = tag_end(bytes, open) else {
                    parts.push((at, bytes.len(), starts_in_tag));
                    (self.in_tag, self.opening) = (true, Some(name));
                    return bytes.len();
                };
                parts.push((at, end, starts_in_tag));
                (self.in_tag, self.raw) = (false, Some(name));
                return end;
            }
            next = open + 1;
        }
        parts.push((at, bytes.len(), starts_in_tag));
        self.in_tag = leaves_tag_open(&html[at..], starts_in_tag);
        bytes.len()
    }

    /// The values of the attributes `names` in `html`'s markup ([`Self::markup`]).
    pub fn attributes(&mut self, html: &str, names: &[&str]) -> Vec<HtmlAttribute> {
        attributes_in(html, &self.markup(html), names)
    }
}

/// The values of the attributes `names` in the `parts` of `html`.
pub fn attributes_in(html: &str, parts: &[Markup], names: &[&str]) -> Vec<HtmlAttribute> {
    let mut found = Vec::new();
    for &(start, end, in_tag) in parts {
        found.extend(find_attributes_in(&html[start..end], names, in_tag).into_iter().map(|a| HtmlAttribute {
            start: a.start + start,
            end: a.end + start,
            ..a
        }));
    }
    found
}

/// The raw-text element whose start tag opens at `open`, if one does.
fn raw_start(bytes: &[u8], open: usize) -> Option<&'static str> {
    let name_start = open + 1;
    let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = &bytes[name_start..name_start + name_len];
    if !bytes.get(name_start + name_len).copied().is_none_or(ends_a_name) {
        return None;
    }
    RAW_TEXT.into_iter().find(|raw| raw.as_bytes().eq_ignore_ascii_case(name))
}

/// Where the tag that is open at `from` ends (after its `>`), a `>` in a quoted
/// attribute value left aside; `None` when it goes on past `bytes`.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return Some(at + 1),
            b'=' => {
                at += 1;
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                if let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) {
                    at += 1 + memchr::memchr(quote, &bytes[at + 1..])?;
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    None
}

/// Where the end tag of raw-text element `name` starts at or after `from` (`<plaintext>`
/// has none).
fn end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    if name == "plaintext" {
        return None;
    }
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"</") {
        let open = at + found;
        let name_end = open + 2 + name.len();
        let named = bytes.get(open + 2..name_end).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let ends = bytes.get(name_end).copied().is_none_or(ends_a_name);
        if named && ends {
            return Some(open);
        }
        at = open + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::links::LINK_ATTRIBUTES;

    fn links(scan: &mut HtmlScan, html: &str) -> Vec<String> {
        scan.attributes(html, LINK_ATTRIBUTES).iter().map(|a| html[a.start..a.end].to_string()).collect()
    }

    #[test]
    fn reads_no_link_in_a_comment_or_a_script() {
        let mut scan = HtmlScan::default();
        let html =
            r#"<a href="a"><!-- <a href="b"> --><script src="c">let x = `<a href="${d}">`;</script><a href="e">"#;
        assert_eq!(links(&mut scan, html), ["a", "c", "e"]);
        let html = r#"<STYLE type="x">p{}</a href="f"></style ><img src="g"><textarea><a href="h"></textarea>"#;
        assert_eq!(links(&mut scan, html), ["g"]);
        // `<noscript>` is markup: its links are read. `<scripts>` is no script.
        assert_eq!(links(&mut scan, r#"<noscript><a href="i"></noscript><scripts src="j">"#), ["i", "j"]);
        assert_eq!(links(&mut scan, r#"<!--><a href="k"><!---><a href="l">"#), ["k", "l"]);
        assert_eq!(scan, HtmlScan::default());
    }

    #[test]
    fn carries_its_state_from_piece_to_piece() {
        let mut scan = HtmlScan::default();
        assert_eq!(links(&mut scan, "<script\n"), Vec::<String>::new());
        assert!(scan.in_tag);
        assert_eq!(links(&mut scan, "  src=\"a.js\" data-x=\"1>2\">\n"), ["a.js"]);
        assert_eq!(links(&mut scan, "render(`<a href=\"${x}\">`);\n"), Vec::<String>::new());
        assert_eq!(links(&mut scan, "</script><!-- <img src=\"b\">\n"), Vec::<String>::new());
        assert_eq!(links(&mut scan, "<img src=\"c\"> --><div\n"), Vec::<String>::new());
        assert!(scan.in_tag);
        assert_eq!(links(&mut scan, "href=\"d\">\n"), ["d"]);
        assert!(!scan.in_tag);
        scan.markup("<plaintext><a href=\"e\"></plaintext>");
        assert_eq!(links(&mut scan, "<a href=\"f\">"), Vec::<String>::new());
    }
}
