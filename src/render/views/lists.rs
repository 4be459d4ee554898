//! Lists of pages: a section's children and catalog, and the generated index pages
//! (owners, tags, one tag, review, alerts, status, a section to print).

use serde::Serialize;

use super::LinkView;
use super::page::{ActionItemView, NamedLink, ReviewView, owner_link};
use crate::config::{CatalogLayout, Kind, severity_level};
use crate::dates::format_duration;
use crate::site::catalog::{catalog_kind, incidents_newest_first, open_action_items, pages_of_kind};
use crate::site::indexes::review_queue;
use crate::site::{GeneratedPage, PageId, Site};

/// `section`: the children of a section page, and its catalog.
#[derive(Debug, Serialize)]
pub(crate) struct SectionView<'a> {
    /// Pages and subsections, in navigation order.
    pub children: Vec<LinkView<'a>>,
    /// The children the catalog does not list (the theme shows these as cards below it,
    /// so no page is listed twice).
    pub other_children: Vec<LinkView<'a>>,
    /// On a grouped level ([`crate::site::nav::group`]): `other_children` by group, the
    /// pages without one first; otherwise none.
    pub groups: Option<Vec<GroupView<'a>>>,
    /// The catalog of the section's `default_kind`, if it has one.
    pub catalog: Option<CatalogView<'a>>,
    /// The link to the section's print page, when it has one.
    pub print_url: Option<String>,
    /// When the section is a blog: its first page of posts.
    pub blog: Option<crate::blog::views::BlogListView<'a>>,
    /// When its pages are dated and many: its pages by year.
    pub years: Option<Vec<crate::blog::views::YearGroup<'a>>>,
}

/// The pages of one navigation group of a section.
#[derive(Debug, Serialize)]
pub(crate) struct GroupView<'a> {
    /// The group's name; none for the pages without a group.
    pub title: Option<&'a str>,
    /// The id of the group's heading: its name as a heading's id, made unique on the page.
    pub id: String,
    /// Its pages, in navigation order.
    pub children: Vec<LinkView<'a>>,
}

/// `children` cut into runs of one group, each heading's id made as the handbook makes
/// heading ids and unique among the page's own anchors and the theme's ids; none when
/// `section` is not grouped.
fn groups<'a>(site: &'a Site, section: PageId, children: &[(PageId, LinkView<'a>)]) -> Option<Vec<GroupView<'a>>> {
    if !site.nav_grouped.contains(&section) {
        return None;
    }
    // A group's heading is opsbook's: it gets an id when the handbook's headings get none.
    let style = match site.old_tool.heading_ids() {
        crate::slug::HeadingIdStyle::None => crate::slug::HeadingIdStyle::Opsbook,
        style => style,
    };
    let mut ids = crate::markdown::headings::HeadingIds::new(style);
    for id in site.pages[section]
        .rendered
        .anchors
        .iter()
        .map(String::as_str)
        .chain(crate::render::theme::THEME_IDS.iter().copied())
    {
        ids.reserve(id);
    }
    let mut out: Vec<GroupView<'a>> = Vec::new();
    for (id, link) in children {
        let title = crate::site::nav::group(site, *id);
        match out.last_mut() {
            Some(last) if last.title == title => last.children.push(link.clone()),
            _ => {
                let id =
                    title.map(|t| ids.assign(&crate::markdown::headings::HeadingText::plain(t))).unwrap_or_default();
                out.push(GroupView { title, id, children: vec![link.clone()] });
            }
        }
    }
    Some(out)
}

/// A section's catalog.
#[derive(Debug, Serialize)]
pub(crate) struct CatalogView<'a> {
    /// The kind it lists.
    pub kind: &'a str,
    /// How it lists them: `pages`, `services` or `incidents` (the kind's catalog layout).
    pub layout: &'static str,
    /// Every page of the kind beneath the section: title, url, owners, review, fields.
    pub entries: Vec<CatalogEntry<'a>>,
    /// In the incidents layout: every open action item, overdue first.
    pub action_items: Vec<RollupItem<'a>>,
    /// The same items grouped by the review they come from, the group with the most
    /// urgent item first, so the roll-up names each incident once.
    pub action_item_groups: Vec<RollupGroup<'a>>,
}

/// The open action items of one review, in the roll-up.
#[derive(Debug, Serialize)]
pub(crate) struct RollupGroup<'a> {
    /// The review.
    pub rca: LinkView<'a>,
    /// Its open items, overdue first.
    pub items: Vec<ActionItemView>,
}

/// One page in a catalog.
#[derive(Debug, Serialize)]
pub(crate) struct CatalogEntry<'a> {
    /// The page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// Its owners.
    pub owners: Vec<NamedLink>,
    /// Its review state.
    pub review: Option<ReviewView>,
    /// Runbooks: the service.
    pub service: Option<&'a str>,
    /// Runbooks and RCAs: the severity.
    pub severity: Option<&'a str>,
    /// RCAs: the incident date.
    pub incident_date: Option<String>,
    /// In the incidents layout: the status (draft when not set).
    pub status: Option<&'a str>,
    /// RCAs: how long the incident lasted.
    pub duration: Option<String>,
    /// RCAs: how many action items are open.
    pub open_items: usize,
}

/// An open action item in the roll-up.
#[derive(Debug, Serialize)]
pub(crate) struct RollupItem<'a> {
    /// The item.
    #[serde(flatten)]
    pub item: ActionItemView,
    /// The review it comes from.
    pub rca: LinkView<'a>,
}

impl<'a> SectionView<'a> {
    /// The view of section page `id`.
    pub(crate) fn of(site: &'a Site, id: PageId) -> Self {
        let page = &site.pages[id];
        let catalog = catalog_kind(site, id).map(|kind| catalog(site, id, kind));
        let listed: Vec<&str> = catalog.iter().flat_map(|c| c.entries.iter().map(|e| e.link.url.as_str())).collect();
        // The home page of another language is no section of the home page's: the
        // default language's list leaves it out, as its navigation does.
        let children: Vec<PageId> =
            page.children.iter().copied().filter(|&c| !(id == 0 && site.is_language_home(c))).collect();
        let other: Vec<(PageId, LinkView)> = children
            .iter()
            .map(|&c| (c, LinkView::in_section_list(site, c)))
            .filter(|(_, link)| !listed.contains(&link.url.as_str()))
            .collect();
        SectionView {
            children: children.iter().map(|&c| LinkView::of(site, c)).collect(),
            groups: groups(site, id, &other),
            other_children: other.into_iter().map(|(_, link)| link).collect(),
            catalog,
            blog: crate::blog::views::blog_list(site, id, 1),
            years: crate::blog::views::years(site, id),
            print_url: crate::site::generated::print_page_of(site, id).map(|(print, own)| {
                let href = site.href(print);
                if own {
                    href
                } else {
                    format!("{href}#{}", crate::percent::percent_encode_path(&print_anchor(site, id)))
                }
            }),
        }
    }
}

fn catalog<'a>(site: &'a Site, section: PageId, kind: &'a Kind) -> CatalogView<'a> {
    let mut pages = pages_of_kind(site, section, &kind.name);
    match kind.catalog {
        CatalogLayout::Incidents => pages = incidents_newest_first(site, pages),
        CatalogLayout::Services => pages.sort_by(|&a, &b| {
            let key = |id: PageId| {
                let values = &site.pages[id].values;
                let level = values.text("severity").and_then(severity_level).unwrap_or(u8::MAX);
                (values.text("service").unwrap_or("~"), level, site.pages[id].title.as_str())
            };
            key(a).cmp(&key(b))
        }),
        CatalogLayout::Pages => {}
    }
    let incidents = kind.catalog == CatalogLayout::Incidents;
    let open = if incidents { open_action_items(site, &pages) } else { Vec::new() };
    let mut action_item_groups: Vec<(PageId, RollupGroup<'a>)> = Vec::new();
    for &(rca, item) in &open {
        let view = ActionItemView::of(site, section, item);
        match action_item_groups.iter_mut().find(|(id, _)| *id == rca) {
            Some((_, group)) => group.items.push(view),
            None => action_item_groups.push((rca, RollupGroup { rca: LinkView::of(site, rca), items: vec![view] })),
        }
    }
    let action_items = open
        .into_iter()
        .map(|(rca, item)| RollupItem { item: ActionItemView::of(site, section, item), rca: LinkView::of(site, rca) })
        .collect();
    let action_item_groups = action_item_groups.into_iter().map(|(_, group)| group).collect();
    let entries = pages
        .iter()
        .map(|&id| {
            let page = &site.pages[id];
            let values = &page.values;
            CatalogEntry {
                link: LinkView::of(site, id),
                owners: page.owners.iter().map(|o| owner_link(site, section, o)).collect(),
                review: page.review.as_ref().map(|r| ReviewView::of(site.words_for(section), r)),
                service: values.text("service"),
                severity: values.text("severity"),
                incident_date: values.date("incident_date").map(|d| d.to_string()),
                status: incidents.then(|| values.text("status").unwrap_or("draft")),
                duration: values.duration().map(format_duration),
                open_items: values.action_items().iter().filter(|i| i.is_open()).count(),
            }
        })
        .collect();
    CatalogView { kind: &kind.name, layout: kind.catalog.name(), entries, action_items, action_item_groups }
}

/// `index`: what a generated page lists.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub(crate) enum IndexView<'a> {
    /// `/owners/`.
    Owners {
        /// Every owner with their pages, by name.
        owners: Vec<OwnerEntry<'a>>,
    },
    /// `/tags/`.
    Tags {
        /// Every tag with its page and count.
        tags: Vec<TagEntry>,
    },
    /// `/tags/<tag>/`.
    Tag {
        /// The tag.
        name: String,
        /// Its pages.
        pages: Vec<LinkView<'a>>,
    },
    /// `/review/`.
    Review {
        /// Pages overdue, never reviewed or due soon, most urgent first.
        pages: Vec<ReviewEntry<'a>>,
    },
    /// `/search/`: the results are found in the browser.
    Search,
    /// `/alerts/`.
    Alerts {
        /// Every alert with its runbook, by name.
        alerts: Vec<crate::alerts::views::AlertEntry<'a>>,
    },
    /// `/status/`.
    Status {
        /// The status page (`None` only if the model has none).
        status: Option<Box<crate::status::views::StatusView<'a>>>,
    },
    /// `/community/`.
    Community {
        /// The peers (`None` only if the model has none).
        community: Option<Box<crate::peers::views::CommunityView>>,
    },
    /// `/print/<section>/`.
    Print {
        /// The section.
        section: LinkView<'a>,
        /// The section page and every page beneath it, in reading order.
        pages: Vec<PrintedPage<'a>>,
    },
    /// `/authors/`.
    Authors {
        /// Every author, by slug.
        authors: Vec<crate::blog::views::AuthorView<'a>>,
    },
    /// `/authors/<slug>/`.
    Author {
        /// The author.
        author: Option<crate::blog::views::AuthorView<'a>>,
    },
    /// `<blog>/page/<n>/`.
    BlogPage {
        /// Its posts.
        list: Option<crate::blog::views::BlogListView<'a>>,
    },
}

/// A page on a section's print page.
#[derive(Debug, Serialize)]
pub(crate) struct PrintedPage<'a> {
    /// Its page id, for a build that renders its content again ([`super::Bodies`]).
    #[serde(skip)]
    pub id: PageId,
    /// The page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// The id of its part of the print page, which a section inside links to.
    pub anchor: String,
    /// How deep below the section it is (0 for the section page).
    pub depth: usize,
    /// Its rendered Markdown, as on its own page.
    pub content: &'a str,
    /// Its owners.
    pub owners: Vec<NamedLink>,
}

/// The id of page `id`'s part of the print page that holds it: made of its site path
/// (`print-runbooks.db`), not of its page id, so that a link to it stays when pages come
/// or go elsewhere in the handbook; a space, which an id cannot hold, is `_`.
fn print_anchor(site: &Site, id: PageId) -> String {
    format!("print-{}", site.pages[id].site_path.trim_end_matches('/').replace('/', ".").replace(' ', "_"))
}

/// An owner on `/owners/`.
#[derive(Debug, Serialize)]
pub(crate) struct OwnerEntry<'a> {
    /// As written.
    pub name: &'a str,
    /// The anchor of their entry.
    pub slug: &'a str,
    /// Their pages.
    pub pages: Vec<LinkView<'a>>,
}

/// A tag on `/tags/`.
#[derive(Debug, Serialize)]
pub(crate) struct TagEntry {
    /// As first written.
    pub name: String,
    /// Its page.
    pub url: String,
    /// How many pages carry it.
    pub count: usize,
}

/// A page on `/review/`.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewEntry<'a> {
    /// The page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// Its owners.
    pub owners: Vec<NamedLink>,
    /// Its review state.
    pub review: Option<ReviewView>,
}

impl<'a> IndexView<'a> {
    /// The list generated page `id`, which is `index`, shows: in a handbook of several
    /// languages, the pages of its language's site, each at its address there.
    pub(crate) fn of(site: &'a Site, id: PageId, index: &GeneratedPage) -> Self {
        let here = |ids: &[PageId]| site.in_language_of(id, ids);
        let words = site.words_for(id);
        let links = |ids: &[PageId]| here(ids).into_iter().map(|page| LinkView::of(site, page)).collect();
        let owners = |page: PageId| site.pages[page].owners.iter().map(|o| owner_link(site, id, o)).collect();
        match index {
            GeneratedPage::Owners => IndexView::Owners {
                owners: site
                    .indexes
                    .owners
                    .iter()
                    .map(|(slug, owner)| OwnerEntry { name: &owner.name, slug, pages: links(&owner.pages) })
                    .collect(),
            },
            GeneratedPage::Tags => IndexView::Tags {
                tags: site
                    .indexes
                    .tags
                    .iter()
                    .map(|(slug, tag)| TagEntry {
                        name: tag.name.clone(),
                        url: site
                            .href(site.generated_page_for(&GeneratedPage::Tag(slug.clone()), id).unwrap_or(tag.page)),
                        count: tag.pages.len(),
                    })
                    .collect(),
            },
            GeneratedPage::Tag(slug) => {
                let tag = site.indexes.tags.get(slug);
                IndexView::Tag {
                    name: tag.map(|t| t.name.clone()).unwrap_or_default(),
                    pages: tag.map(|t| links(&t.pages)).unwrap_or_default(),
                }
            }
            GeneratedPage::Search => IndexView::Search,
            GeneratedPage::Status => {
                IndexView::Status { status: crate::status::views::StatusView::of(site, Some(id)).map(Box::new) }
            }
            GeneratedPage::Alerts => IndexView::Alerts { alerts: crate::alerts::views::alerts_index(site, id) },
            GeneratedPage::Community => {
                let of =
                    |peers| Box::new(crate::peers::views::CommunityView::of_handbook(peers, &site.config, site.now));
                IndexView::Community { community: site.peers.as_deref().map(of) }
            }
            GeneratedPage::Print(section) => {
                let mut order = Vec::new();
                push_section_pages(site, *section, 0, &mut order);
                IndexView::Print {
                    section: LinkView::of(site, *section),
                    pages: order
                        .into_iter()
                        .map(|(page, depth)| PrintedPage {
                            id: page,
                            link: LinkView::of(site, page),
                            anchor: print_anchor(site, page),
                            depth,
                            content: &site.pages[page].rendered.html,
                            owners: owners(page),
                        })
                        .collect(),
                }
            }
            GeneratedPage::Authors => IndexView::Authors { authors: crate::blog::views::authors_view(site, id) },
            GeneratedPage::Author(slug) => {
                IndexView::Author { author: crate::blog::views::author_page_view(site, id, slug) }
            }
            GeneratedPage::BlogPage(section, n) => {
                IndexView::BlogPage { list: crate::blog::views::blog_list(site, *section, *n) }
            }
            // Each page's owners and review are its original's, which the model counts.
            GeneratedPage::Review => IndexView::Review {
                pages: review_queue(site)
                    .into_iter()
                    .filter_map(|page| {
                        Some(ReviewEntry {
                            link: LinkView::of(site, site.version_for(page, id)?),
                            owners: owners(page),
                            review: site.pages[page].review.as_ref().map(|r| ReviewView::of(words, r)),
                        })
                    })
                    .collect(),
            },
        }
    }
}

/// Page `id` and the pages beneath it, depth first in navigation order.
fn push_section_pages(site: &Site, id: PageId, depth: usize, order: &mut Vec<(PageId, usize)>) {
    order.push((id, depth));
    for &child in &site.pages[id].children {
        push_section_pages(site, child, depth + 1, order);
    }
}
