//! The text of an incident's or maintenance's updates: Markdown whose links are read
//! as the links of the page's body are, from the page's folder (`../runbooks/db.md`,
//! `/runbooks/db/`). A link that leads nowhere, or to a page left out of the build, is
//! an error at the update's `text` in the page's front matter, and is shown as its
//! text alone, so the pages that show the update (the event's own, `/status/`) carry
//! no broken link of their own.

use crate::content::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule};
use crate::markdown::links::{LinkResolver, Resolution, destinations};
use crate::site::{PageId, Site};

/// An update's Markdown, written on page `page`, as HTML: raw HTML is shown as text,
/// links lead where the body's would, and a link that leads nowhere is its text.
pub(crate) fn update_html(site: &Site, page: PageId, text: &str) -> String {
    use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
    let links = site.links_from(page);
    let dir = site.pages[page].source.dir();
    let mut dropped = Vec::new();
    let events = Parser::new_ext(text, crate::markdown::parser_options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let href = match links.resolve(dir, &dest_url) {
                Resolution::Page { href, .. } | Resolution::File { href, .. } => Some(CowStr::from(href)),
                Resolution::External | Resolution::Fragment(_) => Some(dest_url),
                Resolution::Internal { .. } | Resolution::Broken { .. } => None,
            };
            dropped.push(href.is_none());
            href.map(|dest_url| Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => (!dropped.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Link)),
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The links of page `id`'s updates that lead nowhere (`broken-link`) or to a page
/// left out (`link-to-internal`): errors at the update's `text`.
pub(super) fn check_update_links(site: &Site, id: PageId, diagnostics: &mut Vec<Diagnostic>) {
    let page = &site.pages[id];
    let Some(Located { value: Node::List(items), .. }) = page.source.front.field("updates").map(|f| &f.value) else {
        return;
    };
    let links = site.links_from(id);
    for item in items {
        let Some(text) = item.value.get("text") else { continue };
        let Some(written) = text.value.as_text() else { continue };
        for destination in destinations(&written) {
            let (rule, why) = match links.resolve(page.source.dir(), &destination) {
                Resolution::Broken { message, .. } => (Rule::BrokenLink, message),
                Resolution::Internal { message } => (Rule::LinkToInternal, message),
                _ => continue,
            };
            let message = format!("the `text` of an update links to `{destination}`: {why}");
            diagnostics.push(Diagnostic::error(rule, &page.source.file, text.line, text.column, message));
        }
    }
}
