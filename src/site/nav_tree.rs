//! The navigation exactly as a navigation file nests it, for a file that is the
//! sidebar ([`super::source_rules::SourceRules::nests_navigation`]): each section entry a
//! heading named by its title over its entries, at any depth; each page where the file
//! puts it, whatever its folder; each address a link. The folders' tree stays what
//! URLs, section pages and branch files are made of; only the sidebar and the reading
//! order follow this one.
//!
//! 1. [`build`] turns the file's entries into nodes: a page entry whose file is a page
//!    is that page, one whose page this build leaves out is left out, and one that
//!    names no file is a link to its path (reported by [`super::nav_file`]); an address
//!    is a link, a title over entries a section (left out with no entry); a heading, a
//!    separator and an entry without a page stay what they are.
//! 2. [`items`] lists a page's entries: every top-level entry, and the entries of each
//!    section on the path down to the page (the sections around its first entry).
//! 3. [`pages_in_order`] is the reading order the file gives: its pages, first entry
//!    first.

use super::{PageId, Site};
use crate::content::{NavEntry, NavLink};

/// The navigation file's tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct NavTree {
    /// Every node; [`NavNode::children`] and [`NavTree::top`] index into it.
    pub nodes: Vec<NavNode>,
    /// The top-level nodes, in order.
    pub top: Vec<usize>,
    /// The front matter keys the tree was made of, when pages' front matter made it
    /// ([`crate::content::nav_file::NavFileKind::front_matter_keys`]).
    pub keys: &'static [&'static str],
}

impl NavTree {
    /// Whether a page read again as `new` changes the tree, made of the pages' front
    /// matter, that `old` was placed in.
    pub(crate) fn moves(&self, old: &crate::content::SourcePage, new: &crate::content::SourcePage) -> bool {
        self.keys.iter().any(|key| {
            let value = |page: &crate::content::SourcePage| page.front.fields.get(key).map(|f| f.value.value.clone());
            value(old) != value(new)
        })
    }
}

/// How many entries of a level the navigation shows at most, around the page's own.
pub(crate) const MAX_SIBLINGS: usize = 50;

/// The range of a level's entries to show: all of them, or [`MAX_SIBLINGS`] around `focus`.
pub(crate) fn window(len: usize, focus: usize) -> (usize, usize) {
    if len <= MAX_SIBLINGS {
        return (0, len);
    }
    let start = focus.saturating_sub(MAX_SIBLINGS / 2).min(len - MAX_SIBLINGS);
    (start, start + MAX_SIBLINGS)
}

/// One entry of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NavNode {
    /// What it is.
    pub kind: NodeKind,
    /// Its title in the file (a page without one is named by its own title).
    pub title: Option<String>,
    /// The entries under a section, in order.
    pub children: Vec<usize>,
    /// The number shown before its title (mdBook's `1.2.`).
    pub number: Option<String>,
}

/// What a node stands for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeKind {
    /// A page of the handbook.
    Page(PageId),
    /// A section: a title over entries.
    Section,
    /// An address, outside the handbook or not one of its pages.
    Link(String),
    /// A heading over the entries after it: text, not a link.
    Heading,
    /// A line between entries.
    Separator,
    /// An entry without a page: its title as text, over its entries.
    Draft,
}

/// What a page entry's path names in the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A page.
    Page(PageId),
    /// A page the build leaves out.
    LeftOut,
    /// No page.
    Missing,
}

/// The tree of `entries` (see the module's step 1); `target` says what a content path
/// names.
pub(crate) fn build(entries: &[NavEntry], target: &dyn Fn(&str) -> Target) -> NavTree {
    let mut tree = NavTree::default();
    tree.top = add(&mut tree, entries, target);
    tree
}

fn add(tree: &mut NavTree, entries: &[NavEntry], target: &dyn Fn(&str) -> Target) -> Vec<usize> {
    let mut level = Vec::new();
    for entry in entries {
        let children = add(tree, &entry.children, target);
        let kind = match &entry.link {
            NavLink::Page(path) => match target(path) {
                Target::Page(id) => NodeKind::Page(id),
                Target::LeftOut => continue,
                // A page file the build did not load may be another audience's (a
                // source left out of this build): its title never reaches the sidebar.
                Target::Missing if crate::content::formats::is_page_name(path) => continue,
                Target::Missing => NodeKind::Link(path.clone()),
            },
            NavLink::External(url) => NodeKind::Link(url.clone()),
            NavLink::Heading => NodeKind::Heading,
            NavLink::Separator => NodeKind::Separator,
            NavLink::Draft => NodeKind::Draft,
            _ if !children.is_empty() => NodeKind::Section,
            _ => continue,
        };
        level.push(tree.nodes.len());
        tree.nodes.push(NavNode { kind, title: entry.title.clone(), children, number: entry.number.clone() });
    }
    level
}

/// One entry of a page's navigation made from the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TreeItem {
    /// The node.
    pub node: usize,
    /// 0 for top-level entries.
    pub depth: usize,
    /// Whether the entry is the page being rendered.
    pub current: bool,
    /// Whether the entry is a section on the path to the page (its entries are shown).
    pub open: bool,
    /// For a "more" entry, the last of a level longer than
    /// [`MAX_SIBLINGS`]: how many of its entries are not shown (`node` is
    /// then the level's parent node, if it has one).
    pub more: usize,
    /// For a "more" entry, whether the level is the top one.
    pub top: bool,
}

/// The entries of the navigation of page `current` (see the module's step 2).
pub(crate) fn items(tree: &NavTree, current: PageId) -> Vec<TreeItem> {
    let mut path = Vec::new();
    find_path(tree, &tree.top, current, &mut path);
    let mut items = Vec::new();
    push_level(tree, (&tree.top, None), 0, &path, current, &mut items);
    items
}

/// Fills `path` with the nodes from the top down to the first entry of page `current`;
/// whether there is one below `level`.
fn find_path(tree: &NavTree, level: &[usize], current: PageId, path: &mut Vec<usize>) -> bool {
    for &node in level {
        path.push(node);
        if tree.nodes[node].kind == NodeKind::Page(current)
            || find_path(tree, &tree.nodes[node].children, current, path)
        {
            return true;
        }
        path.pop();
    }
    false
}

fn push_level(
    tree: &NavTree,
    (level, parent): (&[usize], Option<usize>),
    depth: usize,
    path: &[usize],
    current: PageId,
    items: &mut Vec<TreeItem>,
) {
    // A tree the pages' front matter makes may hold a level of every page: a long level
    // shows the entries around the one on the path, as the folders' do. A file's levels
    // are as long as it writes them.
    let on_path = level.iter().position(|node| path.contains(node));
    let (start, end) = match tree.keys.is_empty() {
        true => (0, level.len()),
        false => window(level.len(), on_path.unwrap_or(0)),
    };
    for &node in &level[start..end] {
        let on_path = path.contains(&node);
        let is_current = on_path && tree.nodes[node].kind == NodeKind::Page(current);
        let open = on_path && !tree.nodes[node].children.is_empty();
        items.push(TreeItem { node, depth, current: is_current, open, more: 0, top: false });
        if open {
            push_level(tree, (&tree.nodes[node].children, Some(node)), depth + 1, path, current, items);
        }
    }
    let hidden = level.len() - (end - start);
    if hidden > 0 {
        let node = parent.unwrap_or(0);
        items.push(TreeItem { node, depth, current: false, open: false, more: hidden, top: parent.is_none() });
    }
}

/// The pages of the tree in the order of their first entries.
pub(crate) fn pages_in_order(tree: &NavTree) -> Vec<PageId> {
    let mut pages = Vec::new();
    let mut seen = crate::hash::FastHashSet::default();
    let mut stack: Vec<usize> = tree.top.iter().rev().copied().collect();
    while let Some(node) = stack.pop() {
        if let NodeKind::Page(id) = tree.nodes[node].kind
            && seen.insert(id)
        {
            pages.push(id);
        }
        stack.extend(tree.nodes[node].children.iter().rev());
    }
    pages
}

/// The page a node leads to: its page, or a section's first page.
pub(crate) fn first_page(tree: &NavTree, node: usize) -> Option<PageId> {
    match tree.nodes[node].kind {
        NodeKind::Page(id) => Some(id),
        NodeKind::Link(_) | NodeKind::Heading | NodeKind::Separator => None,
        NodeKind::Section | NodeKind::Draft => {
            tree.nodes[node].children.iter().find_map(|&child| first_page(tree, child))
        }
    }
}

/// The tree of `site`'s navigation file, when the sidebar follows it.
pub(crate) fn of(site: &Site) -> Option<&NavTree> {
    site.nav_tree.as_deref()
}
