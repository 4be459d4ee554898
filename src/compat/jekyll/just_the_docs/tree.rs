//! The tree of one name space (the site's pages, or one collection's documents), as
//! the theme's Liquid builds it: `components/nav/{pages,links,children}.html` from
//! v0.10 (any depth, `ancestor`), `components/nav.html` of v0.4 to v0.9 and `nav.html`
//! before (three levels, children only under `has_children`).

use std::collections::{HashMap, HashSet};

use super::order;
use super::page::{NavPage, Rules, Value, ValueKey, Version, short, truthy};
use crate::content::nav_file::{NavEntry, NavLink};

/// A warning: file, line, column, message.
pub(crate) type Problem = (String, usize, usize, String);

/// How many entries the tree holds at least before it is cut (pages titled alike
/// multiply the children of their title). An entry costs one, and one more for each
/// [`TITLE_BYTES`] of its title, which each entry copies.
pub(crate) const BUDGET: usize = 100_000;

/// The bytes of a title an entry's cost counts as one entry.
pub(crate) const TITLE_BYTES: usize = 256;

/// How deep the tree goes: far more than any sidebar shows.
const MAX_DEPTH: usize = 32;

/// The entries of the pages `members` of `pages` (in Jekyll's order), within `budget`.
pub(crate) fn build(
    pages: &[NavPage],
    members: &[usize],
    rules: &Rules,
    budget: &mut usize,
    problems: &mut Vec<Problem>,
) -> Vec<NavEntry> {
    let titled: Vec<usize> = members.iter().copied().filter(|&id| pages[id].title.is_some()).collect();
    let mut groups: HashMap<&str, Vec<usize>> = HashMap::new();
    for &id in &titled {
        groups.entry(pages[id].parent_text()).or_default().push(id);
    }
    let top: Vec<usize> = match rules.version {
        Version::Current => groups.get("").cloned().unwrap_or_default(),
        _ => titled.iter().copied().filter(|&id| pages[id].parent.is_none()).collect(),
    };
    let top_titles: HashSet<ValueKey<'_>> =
        top.iter().filter_map(|&id| Some(pages[id].title.as_ref()?.key())).collect();
    let mut walk = Walk {
        pages,
        rules,
        groups: &groups,
        top_titles: &top_titles,
        budget,
        cut: None,
        placed: HashMap::new(),
        expanded: HashSet::new(),
        reported: HashSet::new(),
        problems: Vec::new(),
    };
    let top = order::sorted(top, pages, rules);
    let entries = walk.links(&top, &mut Vec::new());
    problems.append(&mut walk.problems);
    let (placed, expanded, cut, reported) = (walk.placed, walk.expanded, walk.cut, walk.reported);
    if let Some(id) = cut {
        let message = "the navigation is cut here: pages that share a title each list every page whose `parent` \
                       names it, which makes too many entries (or titles too long)";
        let (line, column) = pages[id].key_at();
        problems.push((pages[id].file.clone(), line, column, message.to_string()));
        return entries;
    }
    let by_title: HashMap<&str, usize> =
        titled.iter().rev().filter_map(|&p| Some((pages[p].title.as_ref()?.text(), p))).collect();
    for &id in &titled {
        let page = &pages[id];
        let Some((parent, line, column)) = &page.parent else { continue };
        let times = placed.get(&id).copied().unwrap_or(0);
        if times == 1 || page.nav_exclude || reported.contains(&id) {
            continue;
        }
        let name = short(parent.text());
        let message = if times > 1 {
            format!(
                "`parent: {name}` names {times} pages that list this page: Just the Docs shows it under each; \
                 add `grand_parent` (or `ancestor`) to say which"
            )
        } else if !by_title.contains_key(parent.text()) {
            format!(
                "`parent: {name}` names no page with that title here: Just the Docs leaves the page out of its navigation"
            )
        } else if expanded.contains(parent.text()) {
            format!(
                "no page titled `{name}` takes this page (its `grand_parent`, its `ancestor` or the theme's levels): \
                 Just the Docs leaves it out of its navigation"
            )
        } else if let Some(circle) = circle(pages, &by_title, id) {
            format!("the pages' parents make a circle ({circle}): none of them is in the navigation")
        } else {
            continue;
        };
        problems.push((page.file.clone(), *line, *column, message));
    }
    entries
}

/// The titles of the circle of parents above page `id`, when there is one; `by_title`
/// gives the first page of each title.
fn circle(pages: &[NavPage], by_title: &HashMap<&str, usize>, id: usize) -> Option<String> {
    let mut seen: Vec<&str> = vec![pages[id].title.as_ref()?.text()];
    let mut at = id;
    for _ in 0..MAX_DEPTH {
        let parent = pages[at].parent.as_ref()?.0.text();
        let closes = seen.contains(&parent);
        seen.push(parent);
        if closes {
            return Some(seen.into_iter().map(short).collect::<Vec<_>>().join(" → "));
        }
        at = *by_title.get(parent)?;
    }
    None
}

/// One walk down the tree.
struct Walk<'a> {
    pages: &'a [NavPage],
    rules: &'a Rules,
    /// The titled pages by their `parent`'s text (`""` for none).
    groups: &'a HashMap<&'a str, Vec<usize>>,
    /// The titles of the top level's pages.
    top_titles: &'a HashSet<ValueKey<'a>>,
    budget: &'a mut usize,
    /// The page the budget ran out at.
    cut: Option<usize>,
    /// How many times each page is in the tree.
    placed: HashMap<usize, usize>,
    /// The titles of the pages whose children were looked for.
    expanded: HashSet<&'a str>,
    /// The pages a warning of the walk was given for, each once.
    reported: HashSet<usize>,
    problems: Vec<Problem>,
}

impl<'a> Walk<'a> {
    /// The entries of `nodes` and below (`links.html`); `ancestors` are the titles above.
    fn links(&mut self, nodes: &[usize], ancestors: &mut Vec<&'a Value>) -> Vec<NavEntry> {
        let mut out = Vec::with_capacity(nodes.len());
        for &id in nodes {
            let page = &self.pages[id];
            let Some(title) = &page.title else { continue };
            if page.nav_exclude {
                continue;
            }
            // From v0.10, whose levels go as deep as the parents do.
            if self.rules.version == Version::Current && ancestors.iter().any(|above| above.same(title)) {
                let message = format!(
                    "the page has the title of a page above it (`{}`): Just the Docs shows ∞ in its place; it is left out",
                    short(title.text())
                );
                self.report(id, message);
                continue;
            }
            let cost = 1 + title.text().len() / TITLE_BYTES;
            if *self.budget < cost {
                self.cut.get_or_insert(id);
                break;
            }
            *self.budget -= cost;
            *self.placed.entry(id).or_default() += 1;
            let mut children = self.children(id, ancestors);
            // `child_nav_order` from v0.4.0.rc1.
            let reverses = page.reversed && !self.rules.version.any_second_level();
            if reverses {
                children.reverse();
            }
            let children = if children.is_empty() {
                Vec::new()
            } else if ancestors.len() + 1 >= MAX_DEPTH {
                let message =
                    format!("the navigation is cut at {MAX_DEPTH} levels: this page and those below are left out");
                self.report(children[0], message);
                Vec::new()
            } else {
                ancestors.push(title);
                let below = self.links(&children, ancestors);
                ancestors.pop();
                below
            };
            let link = NavLink::Page(page.path.clone());
            out.push(NavEntry {
                title: Some(title.text().to_string()),
                link,
                children,
                number: None,
                file: Some(page.file.clone()),
                line: page.title_at.0,
                column: page.title_at.1,
            });
        }
        out
    }

    /// A warning at page `id`'s `parent` key, the first time the walk meets it.
    fn report(&mut self, id: usize, message: String) {
        if self.reported.insert(id) {
            let page = &self.pages[id];
            let (line, column) = page.key_at();
            self.problems.push((page.file.clone(), line, column, message));
        }
    }

    /// The children of page `id` (`children.html`, or the levels of the older versions),
    /// sorted.
    fn children(&mut self, id: usize, ancestors: &[&Value]) -> Vec<usize> {
        let node = &self.pages[id];
        let Some(title) = &node.title else { return Vec::new() };
        let shows = match self.rules.version {
            Version::Current => node.has_children != Some(Value::Bool(false)),
            _ => truthy(&node.has_children) && ancestors.len() < 2,
        };
        if !shows {
            return Vec::new();
        }
        self.expanded.insert(title.text());
        let candidates = self.groups.get(title.text()).map_or(&[][..], Vec::as_slice);
        let pages = self.pages;
        let keep = |&&child: &&usize| {
            let child = &pages[child];
            match self.rules.version {
                Version::Current => self.current_child(node, child, ancestors),
                _ => match ancestors.first() {
                    None => self.rules.version.any_second_level() || child.grand_parent.is_none(),
                    Some(top) => child.grand_parent.as_ref().is_some_and(|g| g.text() == top.text()),
                },
            }
        };
        let children: Vec<usize> = candidates.iter().filter(keep).copied().collect();
        order::sorted(children, self.pages, self.rules)
    }

    /// Whether `child` is a child of `node` under `ancestors` (`children.html`).
    fn current_child(&self, node: &NavPage, child: &NavPage, ancestors: &[&Value]) -> bool {
        if let Some(grand_parent) = &child.grand_parent {
            let parent = node.parent.as_ref().map(|(value, _, _)| value);
            if !parent.is_some_and(|parent| parent.same(grand_parent)) {
                return false;
            }
        }
        if let Some(ancestor) = &child.ancestor
            && !node.title.as_ref().is_some_and(|title| title.same(ancestor))
            && !ancestors.iter().any(|above| above.same(ancestor))
        {
            return false;
        }
        // Backwards compatibility with three-level sites: a page that could be on the
        // second level is not taken on the third.
        let could_be_second = child.parent.as_ref().is_some_and(|(p, _, _)| self.top_titles.contains(&p.key()));
        !(child.grand_parent.is_none() && child.ancestor.is_none() && could_be_second && !ancestors.is_empty())
    }
}
