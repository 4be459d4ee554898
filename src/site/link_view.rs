//! The view of a page as a link (title, URL, description, kind), which the templates
//! see in lists, neighbours and the status page alike: a borrowed, serialisable view of
//! the model, shared by the renderer's views and a feature's (`crate::status::views`).

use serde::Serialize;

use super::{PageId, Site};

/// A link to another page, as lists and neighbours show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView<'a> {
    /// The title.
    pub title: &'a str,
    /// The link, base path included.
    pub url: String,
    /// The description.
    pub description: &'a str,
    /// The kind.
    pub kind: &'a str,
    /// Whether it is a section.
    pub is_section: bool,
    /// Whether it is internal (only in an internal build).
    pub internal: bool,
}

impl<'a> LinkView<'a> {
    /// The view of page `id` as a link.
    pub(crate) fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        LinkView {
            title: &page.title,
            url: site.href(id),
            description: page.description(),
            kind: &page.kind,
            is_section: page.origin.is_section(),
            internal: page.internal,
        }
    }
}
