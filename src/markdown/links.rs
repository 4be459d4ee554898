//! Link rewriting: the [`LinkResolver`] the site model provides turns a link written in
//! a page (`../runbooks/db.md#steps`, `diagram.png`, `/runbooks/`) into the URL it has
//! in the built site; this module applies it to Markdown links, images and the `href`
//! and `src` attributes of raw HTML.

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// Not for opsbook to touch: another site, `mailto:`, an empty destination.
    External,
    /// `#anchor` within the same page.
    Fragment(String),
    /// Another page of the handbook (or the same one).
    Page {
        /// The target page's id in the site model.
        id: usize,
        /// The URL to write, base path included.
        href: String,
        /// The `#anchor` part, if any.
        anchor: Option<String>,
    },
    /// A file copied from `content/` or a static folder, or an extra file.
    File {
        /// The URL to write, base path included.
        href: String,
        /// The site path of the file when it is copied from `content/` (an asset), so the
        /// build knows which pages use which files.
        asset: Option<String>,
    },
    /// A page or file left out of this build because it is internal: a public page
    /// may not link to it (`link-to-internal`).
    Internal {
        /// What the link points to, e.g. "`content/ops/vault.md` is internal".
        message: String,
    },
    /// Nothing by that name: a broken link.
    Broken {
        /// What is wrong, e.g. "no page `content/runbooks/db.md`".
        message: String,
        /// Whether the target looks like a file rather than a page (`missing-asset`).
        asset: bool,
        /// A likely intended target, if one is close.
        suggestion: Option<String>,
    },
}

/// Every link and image destination in a piece of Markdown, and every `href` and `src`
/// of its raw HTML (entities decoded), in order: what a page or block links to, for
/// the parts of a page that are not rendered.
pub(crate) fn destinations(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, LinkType, Parser, Tag};
    let mut found = Vec::new();
    let mut scan = super::html_scan::HtmlScan::default();
    for event in Parser::new_ext(markdown, super::parser_options()) {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, .. }) if link_type != LinkType::Email => {
                found.push(dest_url.into_string());
            }
            Event::Start(Tag::Image { dest_url, .. }) => found.push(dest_url.into_string()),
            Event::Start(Tag::HtmlBlock) => scan.at_block(),
            Event::Html(html) | Event::InlineHtml(html) => found.extend(
                scan.attributes(&html, LINK_ATTRIBUTES)
                    .into_iter()
                    .map(|a| crate::html::decode_entities(&html[a.start..a.end])),
            ),
            _ => {}
        }
    }
    found
}

/// Resolves link destinations written in a page whose folder (relative to `content/`)
/// is `from_dir`.
pub(crate) trait LinkResolver: Sync {
    /// Resolves one destination as written in the Markdown (still percent-encoded).
    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution;
    /// The content path of the page a reference of the old tool's (Hugo's `ref`),
    /// written on the page the links are written on, names by the tool's page lookup; a
    /// folder's section page ends in `/`. `None` where the tool has none or it finds none.
    fn page_reference(&self, _reference: &str) -> Option<String> {
        None
    }
}

/// Whether a destination points outside the handbook: a scheme (`https:`, `mailto:`) or
/// a protocol-relative `//host` URL.
pub(crate) fn is_external(destination: &str) -> bool {
    if destination.starts_with("//") {
        return true;
    }
    let Some(colon) = destination.find(':') else {
        return false;
    };
    let scheme = &destination[..colon];
    !scheme.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
/// Whether a content path names a Markdown page.
pub(crate) fn is_markdown_path(path: &str) -> bool {
    crate::content::walk::is_markdown(path)
}

pub(crate) use crate::percent::percent_encode_path;

/// One attribute value found in a piece of HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlAttribute {
    /// Which of the names asked for it is (an index into them).
    pub name: usize,
    /// Byte range of the value inside the HTML text.
    pub start: usize,
    /// End of the value.
    pub end: usize,
}

/// The attributes that hold links; each candidate of a `srcset` is a value of its own.
pub(crate) const LINK_ATTRIBUTES: &[&str] = &["href", "src", "srcset"];
/// The attributes that name a link target.
pub(crate) const ID_ATTRIBUTES: &[&str] = &["id", "name"];

/// Finds the values of the attributes `names` (quoted with `"` or `'`, names without
/// case) in a piece of HTML, outside its comments and its scripts' text
/// ([`super::html_scan`]).
pub(crate) fn find_attributes(html: &str, names: &[&str]) -> Vec<HtmlAttribute> {
    super::html_scan::HtmlScan::default().attributes(html, names)
}

/// The values of the attributes `names` of the tags in markup that starts inside a tag
/// when `inside_tag` (the second line of `<div\nid="x">`: its first word may be an
/// attribute). A tag's attributes are read as the browser reads them: a name, then `=`
/// and a value; what looks like an attribute inside another one's quoted value
/// (`data-html="<a href='x'>"`) or in the text between tags is none. Only quoted values
/// are taken.
pub(super) fn find_attributes_in(html: &str, names: &[&str], inside_tag: bool) -> Vec<HtmlAttribute> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    let mut in_tag = inside_tag;
    while at < bytes.len() {
        if !in_tag {
            let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|o| at + o) else { break };
            let name_at = open + 1 + usize::from(bytes.get(open + 1) == Some(&b'/'));
            at = name_at;
            if bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                at += bytes[name_at..].iter().take_while(|&&b| !ends_a_name(b)).count();
                in_tag = true;
            }
            continue;
        }
        at += bytes[at..].iter().take_while(|&&b| b.is_ascii_whitespace() || b == b'/').count();
        match bytes.get(at) {
            None => break,
            Some(b'>') => {
                in_tag = false;
                at += 1;
                continue;
            }
            _ => {}
        }
        let name_start = at;
        at += 1 + bytes[at + 1..].iter().take_while(|&&b| !ends_a_name(b) && b != b'=').count();
        let name = &bytes[name_start..at];
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        at += bytes[at..].iter().take_while(|b| b.is_ascii_whitespace()).count();
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(at) else {
            // An unquoted value ends at a space or the tag's end.
            at += bytes[at..].iter().take_while(|&&b| !b.is_ascii_whitespace() && b != b'>').count();
            continue;
        };
        let start = at + 1;
        let Some(len) = memchr::memchr(quote, &bytes[start..]) else { break };
        at = start + len + 1;
        let Some(which) = names.iter().position(|n| n.as_bytes().eq_ignore_ascii_case(name)) else { continue };
        if names[which].eq_ignore_ascii_case("srcset") {
            push_srcset_candidates(bytes, start, start + len, which, &mut found);
        } else {
            found.push(HtmlAttribute { name: which, start, end: start + len });
        }
    }
    found
}

/// Whether `b` ends a tag's or an attribute's name.
fn ends_a_name(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/' || b == b'>'
}

/// The URL of each image candidate of a `srcset` value at `start..end` of `bytes`
/// ([`crate::html_pass::srcset_urls`]).
fn push_srcset_candidates(bytes: &[u8], start: usize, end: usize, name: usize, found: &mut Vec<HtmlAttribute>) {
    // The value lies between two ASCII quotes of a `&str`, so it is one too.
    let value = std::str::from_utf8(&bytes[start..end]).unwrap_or_default();
    for url in crate::html_pass::srcset_urls(value) {
        found.push(HtmlAttribute { name, start: start + url.start, end: start + url.end });
    }
}

/// Whether raw HTML that starts inside a tag when `inside_tag` ends inside one: its
/// last `<` opens a tag (a letter follows) after its last `>`. Quoted `>` in an
/// attribute's value are not told apart, as a browser's tag of one line would.
pub(super) fn leaves_tag_open(html: &str, inside_tag: bool) -> bool {
    let bytes = html.as_bytes();
    let last_close = memchr::memrchr(b'>', bytes);
    let last_open =
        memchr::memrchr_iter(b'<', bytes).find(|&i| bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic()));
    match (last_open, last_close) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => inside_tag,
    }
}

/// Finds the `href` and `src` values in a piece of raw HTML.
pub(crate) fn find_link_attributes(html: &str) -> Vec<HtmlAttribute> {
    find_attributes(html, LINK_ATTRIBUTES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_external_links() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:ops@example.org"));
        assert!(is_external("//cdn.example.org/x.js"));
        assert!(!is_external("runbooks/db.md"));
        assert!(!is_external("db.md#step:1"));
        assert!(!is_external("/runbooks/"));
    }

    #[test]
    fn finds_href_and_src_in_raw_html() {
        let html = r#"<a class="x" href="a.md">x</a><img src='b.png' alt="src=c"><link data-href="no">"#;
        let values: Vec<_> = find_link_attributes(html).iter().map(|a| &html[a.start..a.end]).collect();
        assert_eq!(values, ["a.md", "b.png"]);
        let html = r#"<img srcset="a.png, b.png 2x,c.png 640w , d,e.png" src="f.png"><source srcset='g.png'>"#;
        let values: Vec<_> = find_link_attributes(html).iter().map(|a| &html[a.start..a.end]).collect();
        assert_eq!(values, ["a.png", "b.png", "c.png", "d,e.png", "f.png", "g.png"]);
        let html = "<h2 id='x'>T</h2><a NAME = \"y\">Text = z</a>";
        let ids: Vec<_> = find_attributes(html, ID_ATTRIBUTES).iter().map(|a| &html[a.start..a.end]).collect();
        assert_eq!(ids, ["x", "y"]);
        // Inside another attribute's value, or in the text between tags, nothing is one.
        let html = r#"<div data-html="<a href='no'>" title='x src="no"'>href="no" <img alt=a src="yes"></div>"#;
        let values: Vec<_> = find_link_attributes(html).iter().map(|a| &html[a.start..a.end]).collect();
        assert_eq!(values, ["yes"]);
        // A line that goes on inside a tag: its first word is an attribute.
        let values: Vec<_> = find_attributes_in("href=\"a\"> b href=\"no\"", LINK_ATTRIBUTES, true)
            .iter()
            .map(|a| (a.start, a.end))
            .collect();
        assert_eq!(values, [(6, 7)]);
    }
}
