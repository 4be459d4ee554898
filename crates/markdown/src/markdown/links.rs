//! Link rewriting: the [`LinkResolver`] the site model provides turns a link written in
//! a page (`../runbooks/db.md#steps`, `diagram.png`, `/runbooks/`) into the URL it has
//! in the built site; this module applies it to Markdown links, images and the `href`
//! and `src` attributes of raw HTML.

/// What a link destination turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
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
pub fn destinations(markdown: &str) -> Vec<String> {
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
pub trait LinkResolver: Sync {
    /// Resolves one destination as written in the Markdown (still percent-encoded).
    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution;
    /// The content path of the page a reference of the old tool's (Hugo's `ref`),
    /// written on the page the links are written on, names by the tool's page lookup; a
    /// folder's section page ends in `/`. `None` where the tool has none or it finds none.
    fn page_reference(&self, _reference: &str) -> Option<String> {
        None
    }
    /// The files that belong to the page the links are written on (Hugo's page
    /// resources): for a folder's `index` page every file of its folder and below, for
    /// its `_index` page the files of its folder; none for any other page.
    fn page_files(&self) -> Vec<PageFile> {
        Vec::new()
    }
}

/// A file of a page's own ([`LinkResolver::page_files`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageFile {
    /// Its path below the page's folder, as written (`images/spruce.jpg`).
    pub name: String,
    /// Its width and height in pixels, when it is an image the build measured.
    pub size: Option<(u32, u32)>,
}

/// Whether a destination points outside the handbook: a scheme (`https:`, `mailto:`) or
/// a protocol-relative `//host` URL.
pub fn is_external(destination: &str) -> bool {
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

#[cfg(any(test, feature = "test-hooks"))]
/// Whether a content path names a Markdown page.
pub fn is_markdown_path(path: &str) -> bool {
    crate::content::walk::is_markdown(path)
}

pub use super::html_attributes::HtmlAttribute;
pub use crate::percent::percent_encode_path;

/// The attributes that hold links; each candidate of a `srcset` is a value of its own.
pub const LINK_ATTRIBUTES: &[&str] = &["href", "src", "srcset"];
/// The attributes that name a link target.
pub const ID_ATTRIBUTES: &[&str] = &["id", "name"];

/// Finds the values of the attributes `names` (quoted with `"` or `'`, names without
/// case) in a piece of HTML, outside its comments and its scripts' text
/// ([`super::html_scan`]).
pub fn find_attributes(html: &str, names: &[&str]) -> Vec<HtmlAttribute> {
    super::html_scan::HtmlScan::default().attributes(html, names)
}

/// Finds the `href` and `src` values in a piece of raw HTML.
pub fn find_link_attributes(html: &str) -> Vec<HtmlAttribute> {
    find_attributes(html, LINK_ATTRIBUTES)
}

#[cfg(test)]
mod tests {
    use super::super::html_attributes::find_attributes_in;
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
