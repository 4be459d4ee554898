//! Each page's navigation, two ways: `nav`, the entries as template values, and
//! `nav_html`, the entries as the built-in theme shows them.
//!
//! A handbook of thousands of pages shows the same entries on many pages (every page of
//! a section lists its siblings and the top-level sections), so an entry that is neither
//! the current page nor on the path to it is made once per render, on first use, and
//! shared: its template value by reference count, its HTML by copying a short string.
//! Only the few entries that differ from page to page are made for each page. Writing
//! the HTML here, not in a template loop, takes the largest part of template time away
//! on big handbooks; a theme that overrides `partials/nav.html` still gets `nav`.

use std::sync::OnceLock;

use tera::Value;

use super::views::NavView;
use crate::html::push_escaped;
use crate::site::Site;
use crate::site::nav::NavItem;

/// A page's navigation, ready for its template.
pub struct PageNav {
    /// `nav`: the entries.
    pub entries: Value,
    /// `nav_html`: the `<ul class="nav-tree">` the built-in theme shows.
    pub html: String,
}

/// The shared entries of one render of the site, by page id.
pub struct NavCache {
    entries: Vec<OnceLock<Entry>>,
    /// The entries of the children of a top-level section that is not on the page's
    /// path, by the section's id: `folded`, the built-in theme shows them collapsed.
    closed: Vec<OnceLock<Folded>>,
}

/// An entry that is neither current nor open.
struct Entry {
    value: Value,
    html: String,
}

/// The folded entries under a top-level section.
struct Folded {
    values: Vec<Value>,
    html: String,
}

impl NavCache {
    /// An empty cache for the pages of `site`. The site must not change while it is used.
    pub fn new(site: &Site) -> Self {
        NavCache {
            entries: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
            closed: (0..site.pages.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// A cache that keeps nothing, for a single page.
    pub fn empty() -> Self {
        NavCache { entries: Vec::new(), closed: Vec::new() }
    }

    /// The navigation made of `items` (a page's [`crate::site::nav::nav_items`]).
    pub fn page_nav(&self, site: &Site, items: &[NavItem]) -> PageNav {
        self.page_nav_with(site, items, true)
    }

    /// The navigation made of `items`, with its entries as template values only when
    /// `with_entries` (a theme that shows the navigation only as `nav_html` never reads
    /// them): `entries` is then none.
    pub fn page_nav_with(&self, site: &Site, items: &[NavItem], with_entries: bool) -> PageNav {
        let mut entries = Vec::with_capacity(if with_entries { items.len() } else { 0 });
        let mut html = String::with_capacity(items.len() * 120 + 32);
        html.push_str("<ul class=\"nav-tree\">\n");
        for item in items {
            let shared = !item.current && !item.open && item.more == 0;
            match self.entries.get(item.id).filter(|_| shared) {
                Some(cell) => {
                    let entry =
                        cell.get_or_init(|| Entry { value: value(site, item), html: entry_html(site, item, false) });
                    if with_entries {
                        entries.push(entry.value.clone());
                    }
                    html.push_str(&entry.html);
                }
                None => {
                    if with_entries {
                        entries.push(value(site, item));
                    }
                    push_entry_html(&mut html, site, item, false);
                }
            }
            if item.depth == 0 && item.has_children && !item.open && item.more == 0 {
                let fresh;
                let folded = match self.closed.get(item.id) {
                    Some(cell) => cell.get_or_init(|| folded_children(site, item.id)),
                    None => {
                        fresh = folded_children(site, item.id);
                        &fresh
                    }
                };
                if with_entries {
                    entries.extend(folded.values.iter().cloned());
                }
                html.push_str(&folded.html);
            }
        }
        html.push_str("</ul>");
        let entries = if with_entries { Value::from(entries) } else { Value::none() };
        PageNav { entries, html }
    }
}

/// How many pages of a top-level section off the page's path the navigation lists,
/// folded, before a "more" entry: enough to unfold and pick from, few enough that every
/// page of a big handbook does not carry the whole tree.
pub(crate) const MAX_FOLDED: usize = 12;

/// The entries of top-level section `id`'s children (at most [`MAX_FOLDED`], then a
/// "more" entry), `folded`: `theme.js` folds them under a toggle; without scripts they
/// show, indented.
fn folded_children(site: &Site, id: crate::site::PageId) -> Folded {
    let children = crate::site::nav::shown_children(site, id);
    let shown = children.len().min(MAX_FOLDED);
    let mut items: Vec<NavItem> = children[..shown]
        .iter()
        .map(|&child| {
            let has_children = !crate::site::nav::shown_children(site, child).is_empty();
            NavItem { id: child, depth: 1, current: false, open: false, has_children, more: 0 }
        })
        .collect();
    if children.len() > shown {
        items.push(NavItem {
            id,
            depth: 1,
            current: false,
            open: false,
            has_children: true,
            more: children.len() - shown,
        });
    }
    let mut folded = Folded { values: Vec::with_capacity(items.len()), html: String::new() };
    for item in &items {
        folded.values.push(value_of(site, item, true));
        folded.html.push_str(&entry_html(site, item, true));
    }
    folded
}

/// The template value of an entry.
fn value(site: &Site, item: &NavItem) -> Value {
    value_of(site, item, false)
}

/// The template value of an entry, `folded` under a closed top-level section or not.
fn value_of(site: &Site, item: &NavItem, folded: bool) -> Value {
    let page = &site.pages[item.id];
    Value::from_serializable(&NavView {
        title: nav_title(page),
        url: site.href(item.id),
        depth: item.depth,
        current: item.current,
        open: item.open,
        has_children: item.has_children,
        more: item.more,
        internal: page.internal,
        folded,
    })
}

/// The HTML of an entry, one line; `folded` under a closed top-level section or not.
fn entry_html(site: &Site, item: &NavItem, folded: bool) -> String {
    let mut html = String::with_capacity(160);
    push_entry_html(&mut html, site, item, folded);
    html
}

/// Appends the HTML of an entry to `html`, as [`entry_html`] makes it.
fn push_entry_html(html: &mut String, site: &Site, item: &NavItem, folded: bool) {
    let page = &site.pages[item.id];
    html.push_str("<li class=\"nav-item");
    if folded {
        html.push_str(" in-closed");
    }
    if item.more > 0 {
        html.push_str(" nav-more\" style=\"--depth: ");
        html.push_str(&item.depth.to_string());
        html.push_str("\"><a href=\"");
        push_escaped(html, &site.href(item.id));
        html.push_str("\">");
        html.push_str(&item.more.to_string());
        html.push_str(" more in ");
        push_escaped(html, nav_title(page));
        html.push_str("…</a></li>\n");
        return;
    }
    for (on, class) in [(item.current, " current"), (item.open, " open"), (item.has_children, " has-children")] {
        if on {
            html.push_str(class);
        }
    }
    html.push_str("\" style=\"--depth: ");
    html.push_str(&item.depth.to_string());
    html.push_str("\"><a href=\"");
    push_escaped(html, &site.href(item.id));
    html.push('"');
    if item.current {
        html.push_str(" aria-current=\"page\"");
    }
    html.push('>');
    push_escaped(html, nav_title(page));
    html.push_str("</a>");
    if page.internal {
        html.push_str("<span class=\"internal-badge\">Internal</span>");
    }
    html.push_str("</li>\n");
}

/// A page's name in the navigation: its title in the navigation file (`mkdocs.yml`,
/// `SUMMARY.md`), else its `sidebar_label` or `linkTitle`, else its title.
fn nav_title(page: &crate::site::Page) -> &str {
    [page.nav_title.as_deref(), page.source.front.nav_label.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|label| !label.is_empty())
        .unwrap_or(&page.title)
}
