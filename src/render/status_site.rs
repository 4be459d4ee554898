//! The pages of the status site (`opsbook build --status-site`): the status page at
//! the site's root and the page of each incident and maintenance, through the theme's
//! `status-site/index.html` and `status-site/event.html`, which extend
//! `status-site/base.html`: the status page's title and the handbook's icon, no navigation, search,
//! owners, edit links or review notes, and a link back to the handbook only when
//! `[status] handbook-url` is set. The views are the status page's own
//! ([`super::views::status`]), made with the status site's base URL
//! ([`crate::config::BaseUrl::for_status_site`]), so their links are the status site's.
//!
//! What the templates see: `site` (as on every page), `status_site` (`title`,
//! `handbook_url`), `page` (`title`, `content`: the page's Markdown as HTML, and
//! `status_incident` on an event's page, as on the handbook's) and, on the status
//! page, `index.status`.

use serde::Serialize;
use tera::Context;

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::site::{PageId, Site};
use crate::status::views::{PanelView, StatusView, panel};

/// The template of the status site's status page.
pub(crate) const INDEX_TEMPLATE: &str = "status-site/index.html";
/// The template of an incident's or maintenance's page.
pub(crate) const EVENT_TEMPLATE: &str = "status-site/event.html";

/// A page of the status site.
pub(crate) enum StatusSitePage<'a> {
    /// The status page, with the HTML of its own Markdown (an `_index.md` at its URL).
    Index {
        /// The page's id in the handbook.
        id: PageId,
        /// Its Markdown as HTML.
        content: &'a str,
    },
    /// An incident's or maintenance's page.
    Event {
        /// The page's id in the handbook.
        id: PageId,
        /// Its Markdown as HTML.
        content: &'a str,
    },
}

/// `status_site`.
#[derive(Serialize)]
struct StatusSiteView<'a> {
    /// The status page's title.
    title: &'a str,
    /// The link back to the handbook, when `[status] handbook-url` is set.
    handbook_url: Option<String>,
}

/// `page`.
#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    content: &'a str,
    status_incident: Option<PanelView<'a>>,
}

/// `index`.
#[derive(Serialize)]
struct IndexView<'a> {
    status: Option<StatusView<'a>>,
}

impl Renderer {
    /// Renders `page` of the status site of `site` (whose base URL is the status
    /// site's).
    pub(crate) fn render_status_site(&self, site: &Site, page: StatusSitePage<'_>) -> Result<String, Diagnostic> {
        let handbook_url = site.config.base_url.handbook_link();
        let title = site.status().map_or(site.config.title.as_str(), |status| status.title.as_str());
        let (template, id, content, index) = match page {
            StatusSitePage::Index { id, content } => (INDEX_TEMPLATE, id, content, StatusView::of(site, None)),
            StatusSitePage::Event { id, content } => (EVENT_TEMPLATE, id, content, None),
        };
        let mut status_incident = panel(site, id);
        if let Some(panel) = status_incident.as_mut().filter(|_| handbook_url.is_none()) {
            // An incident review is a page of the handbook, linked only where it is.
            panel.rca = None;
        }
        let mut context = Context::new();
        if let Some(words) = &self.default_words {
            context.insert_value("t", words.clone());
        }
        context.insert("status_site", &StatusSiteView { title, handbook_url });
        context.insert("page", &PageView { title: &site.pages[id].title, content, status_incident });
        context.insert("index", &IndexView { status: index });
        self.render(template, &context)
    }
}
