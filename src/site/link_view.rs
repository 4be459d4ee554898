//! The view of a page as a link (title, URL, description, kind), which the templates
//! see in lists, neighbours and the status page alike, an owner or a tag as a link, and
//! a page's review badge: borrowed, serialisable views of the model, shared by the
//! renderer's views and a feature's (`crate::status::views`, `crate::alerts::views`).

use serde::Serialize;

use super::review::Review;
use super::strings::{Words, say};
use super::{GeneratedPage, PageId, Site};
use crate::slug::slugify;

/// A link to another page, as lists and neighbours show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LinkView<'a> {
    /// The title.
    pub title: &'a str,
    /// The link, base path included.
    pub url: String,
    /// The description.
    pub description: &'a str,
    /// The description rendered as inline Markdown, where the old tool's lists showed it
    /// so ([`LinkView::in_section_list`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
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
            description_html: None,
            kind: &page.kind,
            is_section: page.origin.is_section(),
            internal: page.internal,
        }
    }

    /// The view of page `id` in its section's list of pages: the description of its
    /// front matter (already the audience's) as inline Markdown where the old tool showed
    /// it so; a summary of its text stays text.
    pub(crate) fn in_section_list(site: &'a Site, id: PageId) -> Self {
        let mut view = Self::of(site, id);
        let written = site.pages[id].source.front.description.as_deref().filter(|d| !d.is_empty());
        if let Some(description) = written.filter(|_| site.old_tool.markdown_list_descriptions()) {
            view.description_html = Some(crate::markdown::inline_html(description));
        }
        view
    }
}

/// A name with a link: an owner or a tag.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct NamedLink {
    /// The name as written.
    pub name: String,
    /// Its page (or its entry on a page).
    pub url: Option<String>,
}

/// The review badge.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewView {
    /// `fresh`, `due-soon`, `overdue` or `never`; nothing when no period applies.
    pub status: Option<String>,
    /// The status in words: "Reviewed", "Review due soon", "Review overdue", "Never reviewed".
    pub label: String,
    /// When the page was last reviewed.
    pub last_reviewed: Option<String>,
    /// When the next review is due.
    pub due: Option<String>,
    /// The review period in words ("90 days").
    pub every: Option<String>,
    /// Days until the due date (negative when overdue).
    pub days_left: Option<i64>,
    /// Days past the due date, when overdue.
    pub days_overdue: Option<i64>,
}

impl ReviewView {
    /// The view of a review state, in `words`.
    pub(crate) fn of(words: &Words, review: &Review) -> Self {
        ReviewView {
            status: review.status.map(|s| serde_plain(&s)),
            label: say(words, review.status.map_or("Reviewed", |s| s.label())).to_string(),
            last_reviewed: review.last_reviewed.map(|d| d.to_string()),
            due: review.due.map(|d| d.to_string()),
            every: review.every.map(|p| crate::site::strings::period_text(words, p)),
            days_left: review.days_left,
            days_overdue: review.days_left.filter(|d| *d < 0).map(|d| -d),
        }
    }
}

fn serde_plain<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The link from page `reader` to an owner's entry on the owners page of its language.
pub(crate) fn owner_link(site: &Site, reader: PageId, owner: &str) -> NamedLink {
    let slug = slugify(owner);
    let url = site
        .generated_page_for(&GeneratedPage::Owners, reader)
        .filter(|_| site.indexes.owners.contains_key(&slug))
        .map(|page| format!("{}#{slug}", site.href(page)));
    NamedLink { name: owner.to_string(), url }
}
