//! The navigation tree: sections' children ordered by weight (or category position),
//! then date (newest first), then title, then URL (in a Hugo handbook Hugo's default
//! order: a weight of 0 is none, and `linkTitle` is the title); the reading
//! order behind previous/next links; and each page's own view of the tree.
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;

use super::{PageId, Site};

use super::nav_tree::window;

/// The folder of the navigation's branch files ([`branch_path`]).
pub(crate) const BRANCH_FOLDER: &str = "nav/";

/// The name of the branch file of the section at `site_path`: 12 hexadecimal digits of
/// its site path's FNV-1a hash, the same from build to build, so that a page whose
/// navigation did not change keeps its HTML.
pub(crate) fn branch_name(site_path: &str) -> String {
    format!("{:012x}", crate::hash::fnv1a(crate::hash::FNV_OFFSET, site_path.as_bytes()) >> 16)
}

/// The site path of the branch file of the section at `site_path`: `nav/<name>.json`,
/// the list of all the section's entries of the navigation ([`branches`]).
pub(crate) fn branch_path(site_path: &str) -> String {
    format!("{BRANCH_FOLDER}{}.json", branch_name(site_path))
}

/// The sections that have a branch file: every page the navigation shows entries under.
pub(crate) fn branches(site: &Site) -> impl Iterator<Item = PageId> + '_ {
    (0..site.pages.len()).filter(|&id| !shown_children(site, id).is_empty())
}

/// Orders every section and computes the reading order.
pub(super) fn arrange(site: &mut Site) {
    let count = site.pages.len();
    for page in &mut site.pages {
        page.children.clear();
    }
    for id in 0..count {
        // The generated index pages (tags, owners, review) are not part of the tree.
        if let Some(parent) = site.pages[id].parent.filter(|_| !site.pages[id].origin.is_generated()) {
            site.pages[parent].children.push(id);
        }
    }
    // Whether a level is grouped does not depend on its order.
    site.nav_grouped =
        if reads_groups(site) { (0..count).filter(|&id| divides(site, id)).collect() } else { Default::default() };
    let strip = site.strip_prefixes;
    let keys: Vec<SortKey> = (0..count).map(|id| SortKey::of(site, id, strip)).collect();
    for page in &mut site.pages {
        page.children.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    }
    set_reading_order(site);
}

/// Whether the handbook's pages name their navigation group with `section`: a
/// Middleman handbook's (see the module documentation).
pub(crate) fn reads_groups(site: &Site) -> bool {
    site.old_tool.groups_by_section()
}

/// Whether the shown pages of `node` name more than one group, or one and none (a
/// subsection counts when its page names one), and no navigation file orders them.
fn divides(site: &Site, node: PageId) -> bool {
    let children = shown_children(site, node);
    if children.iter().any(|&child| site.pages[child].nav_rank.is_some()) {
        return false;
    }
    let mut groups = children
        .iter()
        .map(|&child| (site.pages[child].origin.is_section(), site.pages[child].source.front.nav_group.as_deref()))
        .filter(|&(section, group)| !section || group.is_some())
        .map(|(_, group)| group);
    groups.next().is_some_and(|first| groups.any(|group| group != first))
}

/// The group page `id` is listed under in its folder's navigation: its `section`, when
/// its folder's level is grouped (see the module documentation).
pub(crate) fn group(site: &Site, id: PageId) -> Option<&str> {
    let parent = site.pages[id].parent?;
    if !site.nav_grouped.contains(&parent) {
        return None;
    }
    site.pages[id].source.front.nav_group.as_deref()
}

/// Sorts the children of `parents` again (their titles or weights changed) and the
/// reading order with them; whether the order changed.
pub(super) fn resort(site: &mut Site, parents: &[PageId]) -> bool {
    // Only titles and weights change here: whether a level is grouped stays (a new
    // group, a hidden page or a navigation file is a whole build).
    let strip = site.strip_prefixes;
    for &parent in parents {
        let mut keyed: Vec<(PageId, SortKey)> =
            site.pages[parent].children.iter().map(|&id| (id, SortKey::of(site, id, strip))).collect();
        keyed.sort_by(|a, b| a.1.cmp(&b.1));
        site.pages[parent].children = keyed.into_iter().map(|(id, _)| id).collect();
    }
    let before = std::mem::take(&mut site.order);
    set_reading_order(site);
    before != site.order
}

/// The reading order (depth first, from the home page; where the sidebar is the
/// navigation file's tree, the home page, then the tree's pages in its order, then the
/// rest depth first) and each page's place in it.
fn set_reading_order(site: &mut Site) {
    let count = site.pages.len();
    let mut order = Vec::with_capacity(count);
    let mut placed = vec![false; count];
    placed[0] = true;
    order.push(0);
    for id in super::nav_tree::of(site).map(super::nav_tree::pages_in_order).unwrap_or_default() {
        if !std::mem::replace(&mut placed[id], true) {
            order.push(id);
        }
    }
    let mut stack: Vec<PageId> = site.pages[0].children.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        if !std::mem::replace(&mut placed[id], true) {
            order.push(id);
        }
        stack.extend(site.pages[id].children.iter().rev());
    }
    let mut position = vec![usize::MAX; count];
    for (i, &id) in order.iter().enumerate() {
        position[id] = i;
    }
    site.order = order;
    site.position = position;
}

/// A page's place among its siblings: its place in the navigation file (`mkdocs.yml`,
/// `SUMMARY.md`), which wins over everything; then, on a grouped level, the entries
/// without a group before each group by its name; else its `weight`, else its folder's
/// category `position`, else the number prefix of its name when the handbook strips
/// them (one scale, lower first); then the pages without any, by title and URL.
struct SortKey {
    listed: Option<usize>,
    /// The group (`section`), folded then as written: none first.
    group: Option<(String, String)>,
    order: Option<f64>,
    /// Dated pages (posts, minutes) come newest first, before the pages without a date.
    newest: Option<std::cmp::Reverse<crate::dates::Date>>,
    title: String,
    site_path: String,
}

impl SortKey {
    fn of(site: &Site, id: PageId, strip: bool) -> SortKey {
        let page = &site.pages[id];
        let position = page.category.as_ref().and_then(|c| c.position);
        let prefix = || {
            let name = super::source_name(page);
            strip.then(|| crate::content::prefix::split_number_prefix(name)).flatten().map(|(n, _)| n as f64)
        };
        // Hugo's default order (`resources/page/pages_sort.go`): a weight of 0 is none,
        // and its `linkTitle` names the page.
        let link_titles = site.old_tool.orders_by_link_title();
        let weight = page.source.front.weight.filter(|&w| !(link_titles && w == 0.0));
        let title = if link_titles { page.source.front.nav_label.as_deref() } else { None };
        SortKey {
            listed: page.nav_rank,
            group: group(site, id).map(|group| (crate::slug::fold(group), group.to_string())),
            order: weight.or(position).or_else(prefix),
            newest: page.date.map(std::cmp::Reverse),
            title: crate::slug::fold(title.unwrap_or(&page.title)),
            site_path: page.site_path.clone(),
        }
    }

    fn cmp(&self, other: &SortKey) -> std::cmp::Ordering {
        let some_first = |a: bool, b: bool| b.cmp(&a);
        let listed = match (self.listed, other.listed) {
            (Some(a), Some(b)) => a.cmp(&b),
            (a, b) => some_first(a.is_some(), b.is_some()),
        };
        let order = match (self.order, other.order) {
            (Some(a), Some(b)) => a.total_cmp(&b),
            (a, b) => some_first(a.is_some(), b.is_some()),
        };
        let newest = match (self.newest, other.newest) {
            (Some(a), Some(b)) => a.cmp(&b),
            (a, b) => some_first(a.is_some(), b.is_some()),
        };
        listed
            .then_with(|| self.group.cmp(&other.group))
            .then(order)
            .then(newest)
            .then_with(|| self.title.cmp(&other.title))
            .then_with(|| self.site_path.cmp(&other.site_path))
    }
}

/// One entry of a page's navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavItem {
    /// The page the entry links to.
    pub id: PageId,
    /// 0 for top-level entries.
    pub depth: usize,
    /// Whether the entry is the page being rendered.
    pub current: bool,
    /// Whether the entry is on the path to the page (its children are shown).
    pub open: bool,
    /// Whether the entry is a section with children.
    pub has_children: bool,
    /// For a "more" entry: how many entries of `id`'s children are not shown.
    pub more: usize,
    /// Whether the entry is the first shown of its [`group`]: the group's name goes
    /// above it.
    pub group_start: bool,
    /// For an entry of the navigation file's tree ([`super::nav_tree`]): its node, which
    /// names it and says where it leads (`id` is then the page it leads to, a section's
    /// first page, or the home page for a link).
    pub node: Option<usize>,
}

/// The navigation entries of page `current`, in display order.
pub(crate) fn nav_items(site: &Site, current: PageId) -> Vec<NavItem> {
    if let Some(tree) = super::nav_tree::of(site) {
        return super::nav_tree::items(tree, current)
            .into_iter()
            .map(|item| match item.more {
                // A count of the level's entries not shown, as text: the tree has no page
                // or branch file that lists them (`id` only chooses its words).
                more @ 1.. => NavItem {
                    id: super::nav_tree::first_page(tree, item.node).unwrap_or(0),
                    depth: item.depth,
                    current: false,
                    open: false,
                    has_children: true,
                    more,
                    group_start: false,
                    node: None,
                },
                0 => NavItem {
                    id: super::nav_tree::first_page(tree, item.node).unwrap_or(0),
                    depth: item.depth,
                    current: item.current,
                    open: item.open,
                    has_children: !tree.nodes[item.node].children.is_empty(),
                    more: 0,
                    group_start: false,
                    node: Some(item.node),
                },
            })
            .collect();
    }
    let mut path = ancestors(site, current);
    path.push(current);
    let mut items = Vec::new();
    // A handbook of several languages: each language's pages, from its home page.
    push_level(site, site.language_home(current), 0, &path, current, &mut items);
    items
}

fn push_level(site: &Site, node: PageId, depth: usize, path: &[PageId], current: PageId, items: &mut Vec<NavItem>) {
    let children = shown_children(site, node);
    let on_path = children.iter().position(|c| path.contains(c));
    let (start, end) = window(children.len(), on_path.unwrap_or(0));
    let mut previous = None;
    for &child in &children[start..end] {
        let open = path.contains(&child);
        let has_children = !shown_children(site, child).is_empty();
        let group = group(site, child);
        let group_start = group.is_some() && previous != Some(group);
        previous = Some(group);
        let is_current = child == current;
        let item =
            NavItem { id: child, depth, current: is_current, open, has_children, more: 0, group_start, node: None };
        items.push(item);
        if open && has_children {
            push_level(site, child, depth + 1, path, current, items);
        }
    }
    let hidden = children.len() - (end - start);
    if hidden > 0 {
        items.push(NavItem {
            id: node,
            depth,
            current: false,
            open: false,
            has_children: true,
            more: hidden,
            group_start: false,
            node: None,
        });
    }
}

/// The children of `node` the navigation shows: all but those hidden by `toc_hide`,
/// `bookHidden` or `sidebar_class_name: hidden`, or left out of the handbook's
/// navigation file (they are still built and in the reading order).
pub(crate) fn shown_children(site: &Site, node: PageId) -> Cow<'_, [PageId]> {
    let children = &site.pages[node].children;
    let hidden = |&id: &PageId| {
        site.pages[id].source.front.nav_hidden
            || site.pages[id].nav_unlisted
            || (node == 0 && site.is_language_home(id))
    };
    if children.iter().any(hidden) {
        Cow::Owned(children.iter().copied().filter(|id| !hidden(id)).collect())
    } else {
        Cow::Borrowed(children)
    }
}

/// The section pages above `id`, from the home page down.
pub(crate) fn ancestors(site: &Site, id: PageId) -> Vec<PageId> {
    let mut chain = Vec::new();
    let mut next = site.pages[id].parent;
    while let Some(parent) = next {
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
        next = site.pages[parent].parent;
    }
    chain.reverse();
    chain
}

/// The pages before and after `id` in reading order.
pub(crate) fn neighbours(site: &Site, id: PageId) -> (Option<PageId>, Option<PageId>) {
    let Some(&i) = site.position.get(id) else {
        return (None, None);
    };
    if i == usize::MAX {
        return (None, None);
    }
    let previous = i.checked_sub(1).map(|j| site.order[j]);
    let next = site.order.get(i + 1).copied();
    (previous, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_branch_file_is_named_by_its_section_s_site_path_alone() {
        assert_eq!(branch_name("runbooks/"), branch_name("runbooks/"));
        assert_ne!(branch_name("runbooks/"), branch_name("runbooks/db/"));
        assert_eq!(branch_name("").len(), 12);
        assert!(branch_path("de/runbooks/").starts_with("nav/") && branch_path("x/").ends_with(".json"));
    }

    /// `TestDefaultSort` of gohugoio/hugo `resources/page/pages_sort_test.go` at commit
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934: (dates as hours ago, link titles,
    /// weights) and the link title that sorts first. A weight of 0 is none here
    /// ([`SortKey::of`] in a Hugo handbook).
    #[test]
    fn sorts_as_hugo_s_default_sort_table_says() {
        /// Days ago, link titles, weights, and the link title that sorts first.
        type Case = ([i64; 4], [&'static str; 4], [Option<f64>; 4], &'static str);
        let table: [Case; 4] = [
            ([0, 1, 2, 3], ["b", "a", "c", "d"], [Some(4.0), Some(3.0), Some(2.0), Some(1.0)], "d"),
            ([0, 1, 2, 3], ["b", "a", "d", "c"], [None, None, None, Some(1.0)], "c"),
            ([2, 3, 0, 1], ["a", "b", "c", "d"], [Some(1.0); 4], "c"),
            ([2, 2, 2, 2], ["b", "c", "a", "d"], [Some(1.0); 4], "a"),
        ];
        let today = crate::dates::Date::from_ymd(2024, 6, 1).unwrap();
        for (hours, titles, weights, first) in table {
            let mut keys: Vec<SortKey> = (0..4)
                .map(|i| SortKey {
                    listed: None,
                    group: None,
                    order: weights[i],
                    newest: Some(std::cmp::Reverse(today.add_days(-hours[i]))),
                    title: titles[i].to_string(),
                    site_path: format!("p{i}/"),
                })
                .collect();
            keys.sort_by(SortKey::cmp);
            assert_eq!(keys[0].title, first, "{titles:?}");
        }
        // `finally by link title`: the rest in order too.
        let mut keys: Vec<SortKey> = ["b", "c", "a", "d"]
            .iter()
            .map(|t| SortKey {
                listed: None,
                group: None,
                order: Some(1.0),
                newest: None,
                title: t.to_string(),
                site_path: String::new(),
            })
            .collect();
        keys.sort_by(SortKey::cmp);
        assert_eq!(keys.iter().map(|k| k.title.as_str()).collect::<Vec<_>>(), ["a", "b", "c", "d"]);
    }

    #[test]
    fn shows_everything_on_small_levels_and_a_window_on_large_ones() {
        assert_eq!(window(10, 3), (0, 10));
        assert_eq!(window(200, 0), (0, super::super::nav_tree::MAX_SIBLINGS));
        assert_eq!(window(200, 100), (75, 125));
        assert_eq!(window(200, 199), (150, 200));
    }
}
