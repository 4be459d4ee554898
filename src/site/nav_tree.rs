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
//!    section on the path down to the page (the sections around its first entry); of a
//!    long level of a [`NavTree::windowed`] tree, [`MAX_SIBLINGS`] and a count.
//! 3. [`pages_in_order`] is the reading order the file gives, first entry first.

use super::{PageId, Site};
use crate::content::nav_file::PagesNav;
use crate::content::{NavEntry, NavLink};

/// The navigation file's tree.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct NavTree {
    /// Every node; [`NavNode::children`] and [`NavTree::top`] index into it.
    pub nodes: Vec<NavNode>,
    /// The top-level nodes, in order.
    pub top: Vec<usize>,
    /// What the pages' front matter made the tree of, when it made it (the kind's
    /// [`crate::content::nav_file::NavFileKind::pages_nav`]); `None` for a file's tree.
    pub made_of: Option<&'static PagesNav>,
}

impl NavTree {
    /// Whether the pages' front matter made the tree: a change of the pages makes it
    /// again.
    pub(crate) fn made_of_pages(&self) -> bool {
        self.made_of.is_some()
    }

    /// The front matter keys the tree was made of: a page that changes one of them
    /// changes the whole tree (none for a file's tree).
    pub(crate) fn keys(&self) -> &'static [&'static str] {
        self.made_of.map_or(&[], |made| made.keys)
    }

    /// Whether a long level shows a window of its entries (see the module's step 2): a
    /// tree the pages make may hold every page on one level, a file's levels are as
    /// long as it writes them.
    pub(crate) fn windowed(&self) -> bool {
        self.made_of_pages()
    }

    /// Whether a page read again as `new` changes the tree, made of the pages' front
    /// matter, that `old` was placed in.
    pub(crate) fn moves(&self, old: &crate::content::SourcePage, new: &crate::content::SourcePage) -> bool {
        self.keys().iter().any(|key| {
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
    /// For a "more" entry, the last of a level longer than [`MAX_SIBLINGS`] in a
    /// [`NavTree::windowed`] tree: how many of its entries are not shown (`node` is then
    /// the level's parent node, or 0 on the top level); 0 for the others.
    pub more: usize,
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
    // A long level of a windowed tree shows the entries around the one on the path.
    let on_path = level.iter().position(|node| path.contains(node));
    let (start, end) = match tree.windowed() {
        true => window(level.len(), on_path.unwrap_or(0)),
        false => (0, level.len()),
    };
    for &node in &level[start..end] {
        let on_path = path.contains(&node);
        let is_current = on_path && tree.nodes[node].kind == NodeKind::Page(current);
        let open = on_path && !tree.nodes[node].children.is_empty();
        items.push(TreeItem { node, depth, current: is_current, open, more: 0 });
        if open {
            push_level(tree, (&tree.nodes[node].children, Some(node)), depth + 1, path, current, items);
        }
    }
    let hidden = level.len() - (end - start);
    if hidden > 0 {
        items.push(TreeItem { node: parent.unwrap_or(0), depth, current: false, open: false, more: hidden });
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the windowed trees of these tests are made of.
    static MADE_OF_PAGES: PagesNav = PagesNav { keys: &["parent"], unlisted_help: "" };

    /// A windowed tree: a top level of `top` pages (ids 1 and on), the first of which
    /// holds `below` pages (ids 1000 and on).
    fn long_levels(top: usize, below: usize) -> NavTree {
        let page = |id: usize| NavNode { kind: NodeKind::Page(id), title: None, children: Vec::new(), number: None };
        let mut tree = NavTree { made_of: Some(&MADE_OF_PAGES), ..NavTree::default() };
        tree.nodes.extend((0..below).map(|at| page(1000 + at)));
        let children: Vec<usize> = (0..below).collect();
        for at in 0..top {
            tree.top.push(tree.nodes.len());
            let children = if at == 0 { children.clone() } else { Vec::new() };
            tree.nodes.push(NavNode { children, ..page(1 + at) });
        }
        tree
    }

    /// The pages an item list shows, and its "more" entries as (node, count).
    fn shown(items: &[TreeItem], tree: &NavTree) -> (Vec<PageId>, Vec<(usize, usize)>) {
        let pages = items.iter().filter(|i| i.more == 0).filter_map(|i| first_page(tree, i.node)).collect();
        (pages, items.iter().filter(|i| i.more > 0).map(|i| (i.node, i.more)).collect())
    }

    #[test]
    fn a_long_level_shows_the_entries_around_the_page_and_a_count_of_the_rest() {
        let tree = long_levels(3, 60);
        let (pages, more) = shown(&items(&tree, 1055), &tree);
        let below: Vec<PageId> = (1010..1060).collect();
        assert_eq!(pages[..2], [1, 1010]);
        assert_eq!(pages[1..51], below[..]);
        assert_eq!(pages[51..], [2, 3]);
        let parent = tree.top[0];
        assert_eq!(more, [(parent, 10)], "the 10 entries before the window, counted under the page's parent");
        let unwindowed = NavTree { made_of: None, ..tree.clone() };
        let (pages, more) = shown(&items(&unwindowed, 1055), &unwindowed);
        assert_eq!((pages.len(), more.len()), (63, 0), "a file's level is as long as it writes it");
    }

    #[test]
    fn a_long_top_level_is_windowed_too() {
        let tree = long_levels(60, 0);
        let (pages, more) = shown(&items(&tree, 56), &tree);
        assert_eq!(pages, (11..61).collect::<Vec<PageId>>());
        assert_eq!(more, [(0, 10)]);
        let (pages, more) = shown(&items(&tree, 1), &tree);
        assert_eq!((pages[0], pages.len(), more), (1, 50, vec![(0, 10)]));
    }
}
