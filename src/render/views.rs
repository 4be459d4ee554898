//! The data templates see: borrowed, serialisable views of the site model, so that a
//! page's context holds only what that page shows (its own content, its navigation
//! entries, its neighbours), never the whole site.
//!
//! | variable | what |
//! |---|---|
//! | `site` | title, description, language, `root` (the base path), `base_url`, `version` |
//! | `page` | the page: title, description, url, permalink, kind, owners, tags, extra, content, toc... |
//! | `nav` | the navigation entries: title, url, depth, current, open, has_children, more |
//! | `breadcrumbs` | the section pages above this one: title, url |
//! | `prev`, `next` | the neighbours in reading order, or nothing |
//! | `section` | on section pages: `children`, the pages and subsections, in order |

use serde::Serialize;
use serde_json::{Map, Value};

use crate::markdown::TocEntry;
use crate::site::nav::{ancestors, nav_items, neighbours};
use crate::site::{PageId, Site};

/// `site`: the handbook as a whole.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// The handbook's title.
    pub title: &'a str,
    /// One sentence about it.
    pub description: &'a str,
    /// The language, for `<html lang>`.
    pub language: &'a str,
    /// The base path every URL starts with (`/` or `/handbook/`).
    pub root: &'a str,
    /// The absolute base URL, when one is configured.
    pub base_url: Option<String>,
    /// The opsbook version that built the site.
    pub version: &'static str,
}

impl<'a> SiteView<'a> {
    /// The view of `site`.
    pub fn of(site: &'a Site) -> Self {
        let config = &site.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            root: config.base_url.path(),
            base_url: config.base_url.absolute(""),
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// `page`: the page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// The title.
    pub title: &'a str,
    /// The description (front matter, else the first paragraph).
    pub description: &'a str,
    /// The link to the page, base path included.
    pub url: String,
    /// The absolute URL, when the base URL has a host.
    pub permalink: Option<String>,
    /// The path in the site, without the base path.
    pub path: &'a str,
    /// The kind.
    pub kind: &'a str,
    /// Owners from front matter.
    pub owners: &'a [String],
    /// Tags.
    pub tags: &'a [String],
    /// The fields opsbook does not read itself.
    pub extra: Map<String, Value>,
    /// The body as HTML.
    pub content: &'a str,
    /// The table of contents.
    pub toc: &'a [TocEntry],
    /// Whether the body opens with the page's `#` title (the template then does not
    /// repeat it).
    pub title_in_body: bool,
    /// Words of text.
    pub word_count: usize,
    /// Minutes to read, at 200 words a minute, at least 1.
    pub reading_minutes: usize,
    /// Whether this is a section's page.
    pub is_section: bool,
    /// The source file relative to the root (`content/runbooks/db.md`); empty for the
    /// generated page of a folder without one.
    pub source: &'a str,
}

impl<'a> PageView<'a> {
    /// The view of page `id`.
    pub fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        let front = &page.source.front;
        PageView {
            title: &page.title,
            description: page.description(),
            url: site.href(id),
            permalink: site.config.base_url.absolute(&page.url),
            path: &page.url,
            kind: &page.kind,
            owners: &front.owners,
            tags: &front.tags,
            extra: front.extra(),
            content: &page.rendered.html,
            toc: &page.rendered.toc,
            title_in_body: page.rendered.title_heading.is_some(),
            word_count: page.rendered.word_count,
            reading_minutes: page.rendered.word_count.div_ceil(200).max(1),
            is_section: page.is_section,
            source: if page.generated { "" } else { &page.source.file },
        }
    }
}

/// A link to another page, as lists and neighbours show it.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
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
}

impl<'a> LinkView<'a> {
    /// The view of page `id` as a link.
    pub fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        LinkView {
            title: &page.title,
            url: site.href(id),
            description: page.description(),
            kind: &page.kind,
            is_section: page.is_section,
        }
    }
}

/// One navigation entry.
#[derive(Debug, Serialize)]
pub struct NavView<'a> {
    /// The title.
    pub title: &'a str,
    /// The link.
    pub url: String,
    /// 0 for top-level entries.
    pub depth: usize,
    /// Whether this is the page being rendered.
    pub current: bool,
    /// Whether this entry is on the path to the page.
    pub open: bool,
    /// Whether this entry has children.
    pub has_children: bool,
    /// For a "more" entry (a link to a section whose entries are not all shown): how
    /// many are hidden; otherwise 0.
    pub more: usize,
}

/// `section`: the children of a section page.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Pages and subsections, in navigation order.
    pub children: Vec<LinkView<'a>>,
}

/// Everything one page's template sees besides `site`.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The page.
    pub page: PageView<'a>,
    /// Its navigation entries.
    pub nav: Vec<NavView<'a>>,
    /// The section pages above it.
    pub breadcrumbs: Vec<LinkView<'a>>,
    /// The previous page in reading order.
    pub prev: Option<LinkView<'a>>,
    /// The next page in reading order.
    pub next: Option<LinkView<'a>>,
    /// On section pages, the children.
    pub section: Option<SectionView<'a>>,
}

impl<'a> PageContext<'a> {
    /// The context of page `id`.
    pub fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        let nav = nav_items(site, id)
            .into_iter()
            .map(|item| NavView {
                title: &site.pages[item.id].title,
                url: site.href(item.id),
                depth: item.depth,
                current: item.current,
                open: item.open,
                has_children: item.has_children,
                more: item.more,
            })
            .collect();
        let (prev, next) = neighbours(site, id);
        PageContext {
            page: PageView::of(site, id),
            nav,
            breadcrumbs: ancestors(site, id).into_iter().map(|a| LinkView::of(site, a)).collect(),
            prev: prev.map(|p| LinkView::of(site, p)),
            next: next.map(|n| LinkView::of(site, n)),
            section: page
                .is_section
                .then(|| SectionView { children: page.children.iter().map(|&c| LinkView::of(site, c)).collect() }),
        }
    }
}

impl<'a> PageView<'a> {
    /// A page that has no Markdown source, such as 404.html.
    pub fn special(site: &'a Site, title: &'a str, path: &'a str) -> Self {
        PageView {
            title,
            description: &site.config.description,
            url: site.config.base_url.href(path),
            permalink: site.config.base_url.absolute(path),
            path,
            kind: "page",
            owners: &[],
            tags: &[],
            extra: Map::new(),
            content: "",
            toc: &[],
            title_in_body: false,
            word_count: 0,
            reading_minutes: 1,
            is_section: false,
            source: "",
        }
    }
}
