//! Each page's navigation, two ways: `nav`, the entries as template values, and
//! `nav_html`, the entries as the built-in theme shows them; and the navigation's branch
//! files ([`branch_json`]), from which the theme's script unfolds any section in place.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::OnceLock;

use tera::Value;

use super::fingerprint::{Gathered, hash_str, hash_value};
use super::views::NavView;
use crate::html::push_escaped;
use crate::site::Site;
use crate::site::nav::NavItem;
use crate::site::nav_tree::NodeKind;

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
}

/// An entry that is neither current nor open.
struct Entry {
    value: Value,
    html: String,
    /// The hash of `value` and `html`, which [`NavCache::page_nav_key`] reads.
    hash: u128,
}

impl NavCache {
    /// An empty cache for the pages of `site`. The site must not change while it is used.
    pub fn new(site: &Site) -> Self {
        NavCache { entries: (0..site.pages.len()).map(|_| OnceLock::new()).collect() }
    }

    /// A cache that keeps nothing, for a single page.
    pub fn empty() -> Self {
        NavCache { entries: Vec::new() }
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
        let mut html = String::with_capacity(items.len() * 120 + 64);
        html.push_str("<ul class=\"nav-tree\" data-nav=\"");
        push_escaped(&mut html, &site.config.base_url.href(crate::site::nav::BRANCH_FOLDER));
        html.push_str("\">\n");
        for item in items {
            if item.group_start {
                push_group_label(&mut html, site, item);
            }
            match self.shared(site, item) {
                Some(entry) => {
                    // Whether an entry starts its group depends on the window the page
                    // shows: the shared value says it does not, and the first entry of a
                    // group gets a value of its own.
                    if with_entries {
                        entries.push(if item.group_start { value(site, item) } else { entry.value.clone() });
                    }
                    html.push_str(&entry.html);
                }
                None => {
                    if with_entries {
                        entries.push(value(site, item));
                    }
                    push_entry_html(&mut html, site, item);
                }
            }
        }
        html.push_str("</ul>");
        let entries = if with_entries { Value::from(entries) } else { Value::none() };
        PageNav { entries, html }
    }

    /// A hash of the navigation [`NavCache::page_nav_with`] makes of `items` (of its
    /// `html`, and of its `entries` when `with_entries`), made without the page's whole
    /// navigation: a shared entry counts by its hash.
    pub(crate) fn page_nav_key(&self, site: &Site, items: &[NavItem], with_entries: bool) -> u128 {
        let mut hasher = Gathered::default();
        hash_str(&site.config.base_url.href(crate::site::nav::BRANCH_FOLDER), &mut hasher);
        hasher.update(&[u8::from(with_entries)]);
        let mut html = String::new();
        for item in items {
            html.clear();
            if item.group_start {
                push_group_label(&mut html, site, item);
            }
            match self.shared(site, item) {
                Some(entry) => hasher.update(&entry.hash.to_le_bytes()),
                None => push_entry_html(&mut html, site, item),
            }
            hash_str(&html, &mut hasher);
            if with_entries && (item.group_start || self.shared(site, item).is_none()) {
                hash_value(&value(site, item), &mut hasher);
            }
        }
        hasher.digest128()
    }

    /// The shared entry of `item`, when it is neither current, open, a "more" entry nor
    /// a node of the navigation file's tree; made the first time a page shows it.
    fn shared(&self, site: &Site, item: &NavItem) -> Option<&Entry> {
        let shared = !item.current && !item.open && item.more == 0 && item.node.is_none();
        let cell = self.entries.get(item.id).filter(|_| shared)?;
        Some(cell.get_or_init(|| {
            let value = value(site, &NavItem { group_start: false, ..item.clone() });
            let html = entry_html(site, item);
            let mut hasher = Gathered::default();
            hash_value(&value, &mut hasher);
            hash_str(&html, &mut hasher);
            Entry { value, html, hash: hasher.digest128() }
        }))
    }
}

/// The template value of an entry.
fn value(site: &Site, item: &NavItem) -> Value {
    let page = &site.pages[item.id];
    let (title, url) = label_and_link(site, item);
    Value::from_serializable(&NavView {
        title,
        url,
        depth: item.depth,
        current: item.current,
        open: item.open,
        has_children: item.has_children,
        more: item.more,
        internal: page.internal && leads_to_its_page(site, item),
        branch: (unfolds(item) && item.node.is_none() && site.nav_tree.is_none())
            .then(|| crate::site::nav::branch_name(&page.site_path)),
        group: (item.more == 0).then(|| crate::site::nav::group(site, item.id)).flatten(),
        group_start: item.group_start,
        kind: tree_node(site, item).and_then(|node| text_kind(&node.kind)),
        number: tree_node(site, item).and_then(|node| node.number.as_deref()),
    })
}

/// Appends the name of `item`'s group, the line above the group's first entry.
fn push_group_label(html: &mut String, site: &Site, item: &NavItem) {
    let Some(group) = crate::site::nav::group(site, item.id) else { return };
    html.push_str("<li class=\"nav-group\" style=\"--depth: ");
    html.push_str(&item.depth.to_string());
    html.push_str("\"><span>");
    push_escaped(html, group);
    html.push_str("</span></li>\n");
}

/// Whether an entry names its section's branch file: a section whose pages the page
/// does not list (not on its path), or a level's "more" entry. The navigation file's
/// sections have none: their entry leads to their first page, which lists them.
fn unfolds(item: &NavItem) -> bool {
    item.has_children && (!item.open || item.more > 0) && item.node.is_none()
}

/// Whether the entry is the count of the rest of a long level of the navigation file's
/// tree: no page or branch file lists them, so it is text, not a link.
fn counts_the_rest(site: &Site, item: &NavItem) -> bool {
    item.more > 0 && site.nav_tree.is_some()
}

/// The entry's node of the navigation file's tree, when it stands for one.
fn tree_node<'s>(site: &'s Site, item: &NavItem) -> Option<&'s crate::site::nav_tree::NavNode> {
    item.node.and_then(|n| site.nav_tree.as_deref().map(|tree| &tree.nodes[n]))
}

/// Whether the entry is its page's own (not a section's or a link's of the navigation
/// file's tree).
fn leads_to_its_page(site: &Site, item: &NavItem) -> bool {
    let node = tree_node(site, item);
    node.is_none_or(|node| matches!(node.kind, NodeKind::Page(_)))
}

/// The kind of a node that is no link, as a template value names it.
fn text_kind(kind: &NodeKind) -> Option<&'static str> {
    match kind {
        NodeKind::Heading => Some("heading"),
        NodeKind::Separator => Some("separator"),
        NodeKind::Draft => Some("draft"),
        _ => None,
    }
}

/// An entry's name and link: those of its page, or of its node of the navigation
/// file's tree (its title there, else its page's; a section's first page; a link's
/// address).
fn label_and_link<'s>(site: &'s Site, item: &NavItem) -> (&'s str, String) {
    let page = &site.pages[item.id];
    let Some(node) = tree_node(site, item) else {
        // A count of a tree's level links nowhere.
        let url = if counts_the_rest(site, item) { String::new() } else { site.href(item.id) };
        return (nav_title(page), url);
    };
    let title = node.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    match &node.kind {
        NodeKind::Link(url) => (title.unwrap_or(url), url.clone()),
        // A page entry without a title of its own is named by the page's title, as
        // MkDocs names it (not by a section entry that names its folder).
        NodeKind::Page(_) => (title.unwrap_or(&page.title), site.href(item.id)),
        NodeKind::Section => (title.unwrap_or_else(|| nav_title(page)), site.href(item.id)),
        NodeKind::Heading | NodeKind::Separator | NodeKind::Draft => (title.unwrap_or(""), String::new()),
    }
}

/// The HTML of an entry, one line.
fn entry_html(site: &Site, item: &NavItem) -> String {
    let mut html = String::with_capacity(160);
    push_entry_html(&mut html, site, item);
    html
}

/// Appends ` data-b="<name>"`, the name of section `page`'s branch file.
fn push_branch(html: &mut String, page: &crate::site::Page) {
    html.push_str("\" data-b=\"");
    html.push_str(&crate::site::nav::branch_name(&page.site_path));
}

/// Appends the HTML of an entry to `html`, as [`entry_html`] makes it.
fn push_entry_html(html: &mut String, site: &Site, item: &NavItem) {
    let node = tree_node(site, item);
    if let Some(kind) = node.and_then(|node| text_kind(&node.kind)) {
        push_text_entry(html, site, item, kind);
        return;
    }
    let page = &site.pages[item.id];
    html.push_str("<li class=\"nav-item");
    if counts_the_rest(site, item) {
        html.push_str(" nav-more\" style=\"--depth: ");
        html.push_str(&item.depth.to_string());
        html.push_str("\"><span>");
        let more = crate::site::strings::word(site.words_for(item.id), "nav_more_count");
        push_escaped(html, &more.replace("{n}", &item.more.to_string()));
        html.push_str("</span></li>\n");
        return;
    }
    if item.more > 0 {
        html.push_str(" nav-more");
        push_branch(html, page);
        html.push_str("\" style=\"--depth: ");
        html.push_str(&item.depth.to_string());
        html.push_str("\"><a href=\"");
        push_escaped(html, &site.href(item.id));
        html.push_str("\">");
        let more = crate::site::strings::word(site.words_for(item.id), "nav_more");
        let shown = more.replace("{n}", &item.more.to_string());
        let (before, after) = shown.split_once("{title}").unwrap_or((&shown, ""));
        push_escaped(html, before);
        push_escaped(html, nav_title(page));
        push_escaped(html, after);
        html.push_str("</a></li>\n");
        return;
    }
    let section = item.node.is_some() && item.has_children;
    for (on, class) in [
        (item.current, " current"),
        (item.open, " open"),
        (item.has_children, " has-children"),
        (section, " nav-section"),
    ] {
        if on {
            html.push_str(class);
        }
    }
    if unfolds(item) {
        push_branch(html, page);
    }
    if let Some(group) = crate::site::nav::group(site, item.id).filter(|_| item.node.is_none()) {
        html.push_str("\" data-g=\"");
        push_escaped(html, group);
    }
    html.push_str("\" style=\"--depth: ");
    html.push_str(&item.depth.to_string());
    html.push_str("\"><a href=\"");
    let (title, url) = label_and_link(site, item);
    push_escaped(html, &url);
    html.push('"');
    if item.current {
        html.push_str(" aria-current=\"page\"");
    }
    html.push('>');
    push_number(html, node.and_then(|node| node.number.as_deref()));
    push_escaped(html, title);
    html.push_str("</a>");
    if page.internal && leads_to_its_page(site, item) {
        html.push_str("<span class=\"internal-badge\">");
        push_escaped(html, crate::site::strings::word(site.words_for(item.id), "internal"));
        html.push_str("</span>");
    }
    html.push_str("</li>\n");
}

/// Appends a chapter's number before its title, as mdBook's `toc.rs` writes it: hidden
/// from screen readers, which read the title alone.
fn push_number(html: &mut String, number: Option<&str>) {
    if let Some(number) = number {
        html.push_str("<strong aria-hidden=\"true\">");
        push_escaped(html, number);
        html.push_str("</strong> ");
    }
}

/// Appends an entry of the navigation file's tree that is no link: a part title (a
/// heading of the sidebar, drawn as a group's name), a separator (a line, hidden from
/// screen readers) or a draft (its title as text, greyed, `.nav-draft` of the theme's
/// stylesheet).
fn push_text_entry(html: &mut String, site: &Site, item: &NavItem, kind: &str) {
    let (title, _) = label_and_link(site, item);
    let depth = item.depth.to_string();
    match kind {
        "separator" => {
            html.push_str("<li class=\"nav-separator\" aria-hidden=\"true\" style=\"--depth: ");
            html.push_str(&depth);
            html.push_str("\"><hr></li>\n");
        }
        "heading" => {
            html.push_str("<li class=\"nav-group nav-part\" style=\"--depth: ");
            html.push_str(&depth);
            html.push_str("\"><span role=\"heading\" aria-level=\"2\">");
            push_escaped(html, title);
            html.push_str("</span></li>\n");
        }
        _ => {
            html.push_str("<li class=\"nav-item nav-draft");
            if item.open {
                html.push_str(" open");
            }
            html.push_str("\" style=\"--depth: ");
            html.push_str(&depth);
            html.push_str("\"><span>");
            push_number(html, tree_node(site, item).and_then(|node| node.number.as_deref()));
            push_escaped(html, title);
            html.push_str("</span></li>\n");
        }
    }
}

/// The branch file of section `id` ([`crate::site::nav::branch_path`]): every entry the
/// navigation shows under it, in order, as a JSON array of arrays: `[title, url]`, then
/// for a section with entries of its own the name of its branch file, then `1` for an
/// internal page (an internal build's), then on a grouped level the entry's group; `""`
/// stands for no branch and `0` for a public page before what follows them.
pub(crate) fn branch_json(site: &Site, id: crate::site::PageId) -> String {
    let children = crate::site::nav::shown_children(site, id);
    let entries: Vec<serde_json::Value> = children
        .iter()
        .map(|&child| {
            let page = &site.pages[child];
            let mut entry = vec![serde_json::Value::from(nav_title(page)), serde_json::Value::from(site.href(child))];
            let unfolds = !crate::site::nav::shown_children(site, child).is_empty();
            let group = crate::site::nav::group(site, child);
            if unfolds || page.internal || group.is_some() {
                let name = if unfolds { crate::site::nav::branch_name(&page.site_path) } else { String::new() };
                entry.push(name.into());
            }
            if page.internal || group.is_some() {
                entry.push(u8::from(page.internal).into());
            }
            if let Some(group) = group {
                entry.push(group.into());
            }
            serde_json::Value::from(entry)
        })
        .collect();
    serde_json::Value::from(entries).to_string()
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
