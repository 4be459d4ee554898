//! The data templates see: borrowed, serialisable views of the site model, so that a
//! page's context holds only what that page shows (its own content, its navigation
//! entries, its neighbours), never the whole site.
//!
//! | variable | what |
//! |---|---|
//! | `site` | title, description, language, `root` (the base path), `base_url`, `version`, `audience`, `menu` |
//! | `page` | the page: title, description, url, permalink, kind, owners, tags, extra, content, toc, internal... |
//! | `nav` | the navigation entries: title, url, depth, current, open, has_children, more, internal, branch |
//! | `breadcrumbs` | the section pages above this one: title, url |
//! | `prev`, `next` | the neighbours in reading order, or nothing |
//! | `section` | on section pages: `children`, the pages and subsections, in order, and the `catalog` |
//! | `index` | on generated pages (owners, tags, review): what they list |
//! | `lang` | in a handbook of several languages: `code`, `text`, `fallback`, `original_url`, `canonical`, `alternates` and `hreflang` (code, name, url, href, current, fallback), `x_default`, `home`, `search_url` and `search_index` (the page's language's search page and index folder); else nothing |
//! | `t` | the theme's words in the page's language (`crate::render::strings`) |

pub(crate) mod language;
mod lists;
mod page;

use serde::Serialize;

pub(crate) use crate::site::link_view::LinkView;
pub(crate) use lists::{IndexView, SectionView};
pub(crate) use page::PageView;

use crate::site::nav::{ancestors, neighbours};
use crate::site::{GeneratedPage, PageId, Site};

/// `site`: the handbook as a whole.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    /// The handbook's title.
    pub title: &'a str,
    /// One sentence about it.
    pub description: &'a str,
    /// The language, for `<html lang>`.
    pub language: &'a str,
    /// The base path every URL starts with (`/` or `/handbook/`): the link to the home
    /// page. Templates see it as `site.root`, part of the documented theme variables.
    #[serde(rename = "root")]
    pub base_path: &'a str,
    /// The absolute base URL, when one is configured.
    pub base_url: Option<String>,
    /// The opsbook version that built the site.
    pub version: &'static str,
    /// The link to `/owners/`, when there is one.
    pub owners_url: Option<String>,
    /// The link to `/tags/`, when there is one.
    pub tags_url: Option<String>,
    /// The link to `/review/`, when there is one.
    pub review_url: Option<String>,
    /// The link to `/alerts/`, when the handbook has alerts.
    pub alerts_url: Option<String>,
    /// The link to `/status/`, when the handbook has a status page.
    pub status_url: Option<String>,
    /// The link to the search page, when search is enabled.
    pub search_url: Option<String>,
    /// The search page's site path when it is not `search/` (configured with `[search]
    /// page`, or moved because content has `/search/`): the search box's `data-page`,
    /// where `search.js` sends "All N results".
    pub search_page: Option<&'a str>,
    /// With peers and search, the search box's choice checked at first: `local` ("this
    /// handbook"), or `all` for a site of the community alone (`build --community`);
    /// `None` without "all handbooks" (`search/community.json`, `crate::peers::search`).
    pub community_search: Option<&'static str>,
    /// The absolute URL of `feed.xml`, when there is one (the base URL has a host).
    pub feed_url: Option<String>,
    /// Who the site is built for: `public` or `internal`.
    pub audience: &'static str,
    /// The status page's overall status, when the handbook has one.
    pub status: Option<crate::status::views::OverallView>,
    /// The handbook's menu ([`crate::site::menu`]): the links across the top of every
    /// page; empty for most handbooks.
    pub menu: Vec<crate::site::menu::MenuLink>,
}

impl<'a> SiteView<'a> {
    /// The view of `site` as the pages of language `code` see it (`None`: the default
    /// language's, or the one language's): its indexes are that language's.
    pub(crate) fn of(site: &'a Site, code: Option<&str>) -> Self {
        let config = &site.config;
        let generated_href = |page: GeneratedPage| site.generated_page_in(&page, code).map(|id| site.href(id));
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            base_path: config.base_url.path(),
            base_url: config.base_url.absolute(""),
            version: env!("CARGO_PKG_VERSION"),
            owners_url: generated_href(GeneratedPage::Owners),
            tags_url: generated_href(GeneratedPage::Tags),
            review_url: generated_href(GeneratedPage::Review),
            alerts_url: generated_href(GeneratedPage::Alerts),
            status_url: generated_href(GeneratedPage::Status),
            search_url: generated_href(GeneratedPage::Search),
            search_page: site
                .generated_page(&GeneratedPage::Search)
                .map(|id| site.pages[id].site_path.as_str())
                .filter(|path| *path != "search/"),
            community_search: crate::site::extra_files::ExtraFile::CommunitySearch
                .exists(config, false, false)
                .then_some(if config.community_site { "all" } else { "local" }),
            feed_url: config.base_url.absolute("feed.xml"),
            audience: config.audience.name(),
            status: crate::status::views::OverallView::of(site, code),
            menu: site.old_tool.main_menu(site, code),
        }
    }
}

/// One navigation entry.
#[derive(Debug, Serialize)]
pub(crate) struct NavView<'a> {
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
    /// For a "more" entry (a link to a section whose entries are not all shown; in a
    /// navigation file's tree, a count without a link, `url` empty): how many are
    /// hidden; otherwise 0.
    pub more: usize,
    /// Whether the page is internal (only in an internal build).
    pub internal: bool,
    /// For a section whose pages this page's navigation does not list (and for a "more"
    /// entry): the name of its branch file, `nav/<name>.json` under the site's root, which
    /// lists them all; otherwise none.
    pub branch: Option<String>,
    /// On a grouped level: the group the entry is listed under; otherwise left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<&'a str>,
    /// Whether the entry is the first of its group this page shows: its group's name
    /// goes above it. Left out when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub group_start: bool,
    /// For an entry of a navigation file that is no link: `heading` (a part title over
    /// the entries after it), `separator` or `draft` (a title without a page, its `url`
    /// empty); otherwise left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// The number the navigation file gives the entry (mdBook's `1.2.`); otherwise left
    /// out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
}

/// Everything one page's template sees besides `site` and the navigation ([`super::nav`]).
#[derive(Debug, Serialize)]
pub(crate) struct PageContext<'a> {
    /// The page.
    pub page: PageView<'a>,
    /// The section pages above it.
    pub breadcrumbs: Vec<LinkView<'a>>,
    /// The previous page in reading order.
    pub prev: Option<LinkView<'a>>,
    /// The next page in reading order.
    pub next: Option<LinkView<'a>>,
    /// On section pages, the children and the catalog.
    pub section: Option<SectionView<'a>>,
    /// On generated pages, what they list.
    pub index: Option<IndexView<'a>>,
    /// In a handbook of several languages, the page's ([`language`]).
    pub lang: Option<language::LanguageView<'a>>,
}

impl<'a> PageContext<'a> {
    /// The context of page `id`.
    pub(crate) fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        let (prev, next) = neighbours(site, id);
        // In a handbook of several languages, a page's neighbours and crumbs are its language's.
        let home = site.language_home(id);
        let prev = prev.filter(|&p| site.language_home(p) == home);
        let next = next.filter(|&n| site.language_home(n) == home);
        let mut crumbs = ancestors(site, id);
        match crumbs.iter().position(|&a| a == home) {
            Some(at) => drop(crumbs.drain(..at)),
            // A language's home page has nothing above it, as the home page has not.
            None if home == id => crumbs.clear(),
            None => {}
        }
        PageContext {
            page: PageView::of(site, id),
            breadcrumbs: crumbs.into_iter().map(|a| LinkView::of(site, a)).collect(),
            prev: prev.map(|p| LinkView::of(site, p)),
            next: next.map(|n| LinkView::of(site, n)),
            section: page.origin.is_section().then(|| SectionView::of(site, id)),
            index: page.origin.generated().map(|generated| IndexView::of(site, id, generated)),
            lang: language::LanguageView::of(site, id),
        }
    }

    /// Shows the Markdown content of `bodies` where the site model holds none: the
    /// page's own body, and on a print page those of the pages it shows.
    pub(crate) fn use_bodies(&mut self, bodies: Bodies<'a>) {
        if let Some(own) = bodies.own {
            self.page.use_body(own);
        }
        if let (Some(printed), Some(IndexView::Print { pages, .. })) = (bodies.printed, self.index.as_mut()) {
            for page in pages {
                if let Some(body) = printed.get(&page.id) {
                    page.content = body;
                }
            }
        }
    }
}

/// The Markdown content of pages, when the site model does not hold it: a build into an
/// output folder renders each page's body just before its template and drops it once
/// the page is written.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Bodies<'a> {
    /// The page's own body.
    pub own: Option<&'a crate::markdown::Rendered>,
    /// On a print page, the body of each page it shows, by page id.
    pub printed: Option<&'a std::collections::HashMap<PageId, String>>,
}
