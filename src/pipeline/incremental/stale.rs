//! Pages brought up to date after the edit that made them stale is served: the part of
//! an incremental rebuild ([`super::rebuild_deferring`]) left for later.
//!
//! An edit to a title, a weight or a field shown in lists changes the HTML of many
//! pages besides the edited one (the navigation of a section, every tag, owner and
//! review page listing it). The rebuild renders the edited pages at once and leaves the
//! others stale, each with how to bring it up to date ([`How`]): its navigation spliced
//! into its served HTML, or the page rendered again. [`StaleInput`] holds what that
//! takes (the new model, the templates, the served HTML of the pages to splice), so the
//! dev server can render them on another thread, one at a time, on request or in the
//! background ([`StaleInput::render`]); the result ([`Fresh`]) is the same bytes a whole
//! build gives.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::hash::FastHashMap;
use crate::pipeline::RenderedPage;
use crate::render::{NavCache, Renderer};
use crate::site::{PageId, Site};

/// How a stale page is brought up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// Only its navigation changed: splice the new one into its served HTML.
    Splice,
    /// Render it through its template again.
    Render,
}

/// What [`super::rebuild_deferring`] is told of the pages left stale by earlier edits,
/// and tells back of the pages it leaves stale.
#[derive(Debug, Default)]
pub(crate) struct Defer {
    /// Render at once only when the pages to bring up to date are no more than this
    /// many and none is a generated list (owners, tags, review, print pages); else
    /// render the changed pages and leave the others stale. `None`: never leave a page
    /// stale.
    pub above: Option<usize>,
    /// Pages still stale from earlier edits (their served HTML and records are those of
    /// before): the rebuild renders them, splices them or leaves them stale again.
    pub stale: BTreeMap<PageId, How>,
    /// Out: the pages the rebuild left stale.
    pub later: BTreeMap<PageId, How>,
}

/// What a stale page's served HTML and record are, to splice it.
#[derive(Debug, Clone)]
pub(crate) struct Served {
    /// The HTML served.
    pub html: Arc<[u8]>,
    /// Where its navigation stands in it.
    pub nav_at: Range<usize>,
}

/// What rendering the stale pages needs, on any thread.
pub(crate) struct StaleInput {
    /// The model the pages are brought up to date with (the session's, shared).
    pub site: Arc<Site>,
    renderer: Arc<Renderer>,
    /// The stale pages, how each is brought up to date, and for those spliced what is
    /// served of them.
    pub pages: BTreeMap<PageId, (How, Option<Served>)>,
    /// The site path of each stale page's file -> the page.
    pub by_path: FastHashMap<String, PageId>,
    /// The navigation entries shared by the pages rendered.
    nav: NavCache,
}

/// A stale page brought up to date.
#[derive(Debug, Clone)]
pub(crate) struct Fresh {
    /// The page.
    pub id: PageId,
    /// Its file's site path.
    pub path: String,
    /// Its new HTML; `None` when it did not change, or its template failed.
    pub bytes: Option<Arc<[u8]>>,
    /// What changed of its record.
    pub change: Change,
}

/// What changed of a stale page's record.
#[derive(Debug, Clone)]
pub(crate) enum Change {
    /// Nothing: the HTML served is current.
    Nothing,
    /// Rendered again: the new record.
    Rendered(Box<RenderedPage>),
    /// The navigation at `at` replaced by one of `len` bytes.
    Spliced {
        /// Where the previous navigation stood.
        at: Range<usize>,
        /// The new navigation's length.
        len: usize,
    },
    /// Its template failed: the problem (the page keeps its previous HTML).
    Failed(Box<Diagnostic>),
}

impl StaleInput {
    /// What bringing `pages` of `site` up to date takes; `served` gives the served HTML
    /// and the navigation's place of a page to splice (`None`: render it).
    pub(crate) fn new(
        site: Arc<Site>,
        renderer: Arc<Renderer>,
        pages: &BTreeMap<PageId, How>,
        served: impl Fn(PageId, &str) -> Option<Served>,
    ) -> StaleInput {
        let mut by_path = FastHashMap::with_capacity_and_hasher(pages.len(), Default::default());
        let pages = pages
            .iter()
            .map(|(&id, &how)| {
                let path = crate::site_path::alias_file(&site.pages[id].site_path);
                let spliced = (how == How::Splice).then(|| served(id, &path)).flatten();
                let how = if spliced.is_some() { How::Splice } else { How::Render };
                by_path.insert(path, id);
                (id, (how, spliced))
            })
            .collect();
        let nav = NavCache::new(&site);
        StaleInput { site, renderer, pages, by_path, nav }
    }

    /// The site path of page `id`'s file.
    pub(crate) fn path(&self, id: PageId) -> String {
        crate::site_path::alias_file(&self.site.pages[id].site_path)
    }

    /// Brings stale page `id` up to date: the bytes a whole build gives it.
    pub(crate) fn render(&self, id: PageId) -> Fresh {
        let path = self.path(id);
        // A folder's page whose file content takes is not written.
        if self.site.page_file(id).is_none() {
            return Fresh { id, path, bytes: None, change: Change::Nothing };
        }
        if let Some((How::Splice, Some(served))) = self.pages.get(&id) {
            return self.splice(id, path, served);
        }
        let site = &self.site;
        let (mut page, problem) = super::super::write::render_or_redirect(site, &self.renderer, id, || {
            super::super::page::render_page(site, &self.renderer, id, &self.nav)
        });
        if let Some(problem) = problem {
            return Fresh { id, path, bytes: None, change: Change::Failed(Box::new(problem)) };
        }
        let html = std::mem::take(&mut page.html);
        Fresh { id, path, bytes: Some(Arc::from(html.into_bytes())), change: Change::Rendered(Box::new(page)) }
    }

    /// Splices the navigation of `site` into the served HTML of page `id`, in place of
    /// the one it shows: the bytes its template would give, since the navigation is all
    /// that changed of it.
    fn splice(&self, id: PageId, path: String, served: &Served) -> Fresh {
        let new = self.nav.page_nav(&self.site, &crate::site::nav::nav_items(&self.site, id)).html;
        match splice_nav(&served.html, served.nav_at.clone(), &new) {
            Some((bytes, change)) => Fresh { id, path, bytes: Some(Arc::from(bytes)), change },
            None => Fresh { id, path, bytes: None, change: Change::Nothing },
        }
    }
}

/// `html` with the navigation at `at` replaced by `new`, and the change to its record;
/// `None` when the navigation is `new` already.
pub(crate) fn splice_nav(html: &[u8], at: Range<usize>, new: &str) -> Option<(Vec<u8>, Change)> {
    if html.get(at.clone()) == Some(new.as_bytes()) {
        return None;
    }
    let mut bytes = Vec::with_capacity(html.len() - at.len() + new.len());
    bytes.extend_from_slice(&html[..at.start]);
    bytes.extend_from_slice(new.as_bytes());
    bytes.extend_from_slice(&html[at.end..]);
    Some((bytes, Change::Spliced { at, len: new.len() }))
}

impl Change {
    /// Brings the record of the page to what its new HTML is.
    pub(crate) fn apply(self, record: &mut RenderedPage) {
        match self {
            Change::Nothing | Change::Failed(_) => {}
            Change::Rendered(page) => *record = *page,
            Change::Spliced { at, len } => {
                // What follows the navigation moved by the difference in length.
                let shift = |offset: usize| if offset >= at.end { offset + len - at.len() } else { offset };
                record.nav_at = Some(at.start..at.start + len);
                record.content_at = record.content_at.map(shift);
            }
        }
    }
}
