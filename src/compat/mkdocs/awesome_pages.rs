//! The navigation of an MkDocs site that lists the awesome-pages plugin: each folder's
//! `.pages` (or the plugin's `filename`) titles, hides, sorts, arranges and collapses
//! the folder's section, as the plugin does (`navigation.py`, `plugin.py`).
//!
//! 1. The navigation to start from: MkDocs's own of the docs folder, or the one
//!    `mkdocs.yml`'s `nav` writes, its `...` entries filled with the pages it leaves
//!    out ([`tree`]).
//! 2. Each section of a folder gets the `.pages` of the folder its items share
//!    (`NavigationMeta`); a section `nav` writes gets none.
//! 3. From the top down, each list of items is sorted (`order`, `sort_type`,
//!    `order_by`), arranged by its `.pages`'s `nav` (named items where named, `...`
//!    entries filled with the rest), and each section in it is hidden, retitled,
//!    arranged in turn, dropped when empty and replaced by its one item when collapsed.
//!
//! More: docs/architecture.md, "Notes by module".

mod meta;
#[cfg(test)]
mod tests;
mod tree;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use meta::{Meta, NavItem, OrderBy, Rest, RestList};
pub(crate) use meta::{Options, options};
use tree::{Id, Kind, Origin, Tree};

use super::awesome_nav::Problem;
use super::natsort::{self, Chunk};
use crate::content::nav_file::{NavEntry, NavLink};

/// The files the plugin arranges and how to read what it needs of them.
pub(crate) struct Docs<'a> {
    /// The Markdown pages, relative to the docs folder.
    pub(crate) pages: &'a [String],
    /// `mkdocs.yml` as diagnostics name it.
    pub(crate) config_file: &'a str,
    /// The text of the settings file at a path relative to the docs folder, and its
    /// name as diagnostics show it, when there is one.
    pub(crate) read: &'a dyn Fn(&str) -> Option<(String, String)>,
    /// The text of a page, by its path, for the titles `order_by: title` sorts by.
    pub(crate) text: &'a dyn Fn(&str) -> Option<String>,
}

/// How many sections are arranged at the most, and how many entries the navigation
/// holds beyond four for each page: a section named many times over in nested `.pages`
/// files would otherwise multiply its subtree with each level.
const BUDGET: usize = 100_000;

/// The navigation the plugin makes of `docs` with `options`, from `written`
/// (`mkdocs.yml`'s `nav`), as entries whose paths are relative to the docs folder;
/// `None` when it changes nothing (no settings file, no `...` in `nav`, no sorting or
/// collapsing option). What the plugin would log or fail on is in `problems`.
pub(crate) fn navigation(
    docs: &Docs<'_>,
    options: &Options,
    written: &[NavEntry],
    problems: &mut Vec<Problem>,
) -> Option<Vec<NavEntry>> {
    let (entries, changed) = arrange(docs, options, written, problems);
    changed.then_some(entries)
}

fn arrange(
    docs: &Docs<'_>,
    options: &Options,
    written: &[NavEntry],
    problems: &mut Vec<Problem>,
) -> (Vec<NavEntry>, bool) {
    let pages: BTreeSet<String> = docs.pages.iter().cloned().collect();
    let mut arranging = Arranging::new(docs, options);
    let mut rests = RestList::default();
    written_rests(written, &mut rests, &mut arranging.problems, docs.config_file);
    let items = if !rests.is_empty() {
        let default = arranging.tree.default_nav(docs.pages);
        let listed = arranging.tree.written_nav(written, &pages, &rests);
        let mut listed_pages = HashSet::new();
        arranging.tree.pages_under(&listed, &mut listed_pages);
        let blocks = arranging.tree.rest_blocks(&default, &listed_pages, &rests);
        arranging.tree.insert_rest(listed, &blocks, &rests)
    } else if !written.is_empty() {
        arranging.tree.written_nav(written, &pages, &rests)
    } else {
        arranging.tree.default_nav(docs.pages)
    };
    let root = arranging.gather(&items);
    let file = root.file.as_deref().unwrap_or(&options.filename).to_string();
    for (key, set, (line, column)) in
        [("title", root.title.is_some(), root.title_at), ("hide", root.hide.is_some(), root.hide_at)]
    {
        if set {
            let message = format!("`{key}` has no effect in the top folder's `{}`", options.filename);
            arranging.problems.push((file.clone(), line, column, message));
        }
    }
    let items = arranging.process_children(items, options.collapse_single_pages, &root);
    let cap = BUDGET.max(4 * docs.pages.len());
    let mut left = cap;
    let entries = arranging.entries(&items, &mut left);
    if left == 0 || arranging.budget == 0 {
        arranging.over_budget(docs.config_file, cap);
    }
    let changed = arranging.found_file
        || !rests.is_empty()
        || options.order.is_some()
        || options.natural
        || options.order_by.is_some()
        || options.collapse_single_pages;
    problems.append(&mut arranging.problems);
    (entries, changed)
}

/// The rest entries of `mkdocs.yml`'s `nav` (`_find_rest`), each once.
fn written_rests(entries: &[NavEntry], rests: &mut RestList, problems: &mut Vec<Problem>, file: &str) {
    for entry in entries {
        if let (None, NavLink::Page(value)) = (&entry.title, &entry.link)
            && let Some((rest, problem)) = Rest::parse(value)
        {
            let (line, column) = (entry.line, entry.column);
            if rests.contains(&rest.value) {
                let message = format!("the rest entry {value:?} is written twice: MkDocs stops the build here");
                problems.push((file.to_string(), line, column, message));
            } else {
                rests.push(Rc::new(rest));
            }
            problems.extend(problem.map(|problem| (file.to_string(), line, column, problem)));
        }
        written_rests(&entry.children, rests, problems, file);
    }
}

/// An item of a `.pages`'s `nav` before its rest entries are filled.
enum Slot {
    Item(Id),
    Rest(String),
    Virtual(String, Vec<Slot>),
}

/// The state of one run.
struct Arranging<'a> {
    docs: &'a Docs<'a>,
    options: &'a Options,
    tree: Tree,
    /// Each section's settings (none for a section of a `.pages`).
    metas: HashMap<Id, Rc<Meta>>,
    /// Each settings file's, by its path, read once.
    loaded: HashMap<String, Rc<Meta>>,
    /// Each page's title, read once.
    titles: HashMap<String, String>,
    /// Whether any settings file was read.
    found_file: bool,
    /// How many more sections may be arranged.
    budget: usize,
    problems: Vec<Problem>,
}

impl<'a> Arranging<'a> {
    fn new(docs: &'a Docs<'a>, options: &'a Options) -> Self {
        Arranging {
            docs,
            options,
            tree: Tree::default(),
            metas: HashMap::new(),
            loaded: HashMap::new(),
            titles: HashMap::new(),
            found_file: false,
            budget: BUDGET,
            problems: Vec::new(),
        }
    }

    /// The settings of the list `items`, and of each section under it
    /// (`_gather_metadata`): the `.pages` of the folder that all its pages and
    /// sections' folders are in, if they share one.
    fn gather(&mut self, items: &[Id]) -> Rc<Meta> {
        let mut dirs = Vec::new();
        for &id in items {
            match self.tree.nodes[id].kind.clone() {
                Kind::Page(path) => dirs.push(dirname(&path).to_string()),
                Kind::Section(origin) => {
                    let children = self.tree.nodes[id].children.clone();
                    let meta = self.gather(&children);
                    if origin == Origin::Written {
                        self.metas.insert(id, Rc::default());
                        continue;
                    }
                    if let Some(path) = &meta.path {
                        dirs.push(dirname(dirname(path)).to_string());
                    }
                    self.metas.insert(id, meta);
                }
                _ => {}
            }
        }
        match dirs.first().filter(|first| dirs.iter().all(|dir| dir == *first)) {
            Some(dir) => {
                let path = if dir.is_empty() {
                    self.options.filename.clone()
                } else {
                    format!("{dir}/{}", self.options.filename)
                };
                self.load(&path)
            }
            None => Rc::default(),
        }
    }

    fn load(&mut self, path: &str) -> Rc<Meta> {
        if let Some(meta) = self.loaded.get(path) {
            return meta.clone();
        }
        let mut meta = Meta::default();
        if let Some((shown, text)) = (self.docs.read)(path) {
            self.found_file = true;
            let shown: Rc<str> = shown.into();
            let mut faults = Vec::new();
            let parsed = crate::content::front_matter::parse_yaml_documents(&text)
                .map_err(|e| (e.line, e.column, e.message))
                .and_then(|documents| match documents.into_iter().next() {
                    Some(node) => meta::read_meta(&crate::content::node::Located::new(node, 1, 1), &mut faults),
                    None => Ok(Meta::default()),
                });
            match parsed {
                Ok(read) => meta = read,
                Err((line, column, message)) => {
                    let message = format!("{message}: MkDocs stops the build here; the folder is arranged without it");
                    faults.push((line, column, message));
                }
            }
            self.problems
                .extend(faults.into_iter().map(|(line, column, message)| (shown.to_string(), line, column, message)));
            meta.file = Some(shown);
        }
        meta.path = Some(path.to_string());
        let meta = Rc::new(meta);
        self.loaded.insert(path.to_string(), meta.clone());
        meta
    }

    /// `items` sorted, arranged by `meta` and with their sections arranged in turn
    /// (`_process_children`); `collapse` is `collapse_single_pages` where they stand.
    fn process_children(&mut self, mut items: Vec<Id>, collapse: bool, meta: &Meta) -> Vec<Id> {
        self.order(&mut items, meta);
        let items = self.arrange(items, meta);
        self.process_child_sections(items, collapse)
    }

    fn process_child_sections(&mut self, items: Vec<Id>, collapse: bool) -> Vec<Id> {
        let mut out = Vec::with_capacity(items.len());
        for id in items {
            match self.tree.nodes[id].kind {
                Kind::Section(Origin::Virtual) => {
                    let children = std::mem::take(&mut self.tree.nodes[id].children);
                    self.tree.nodes[id].children = self.process_child_sections(children, collapse);
                    out.push(id);
                }
                Kind::Section(_) => out.extend(self.process_section(id, collapse)),
                _ => out.push(id),
            }
        }
        out
    }

    /// A section as its settings make it (`_process_section`): none when hidden or
    /// left empty, its one item when collapsed; one `nav` writes keeps its place.
    fn process_section(&mut self, id: Id, collapse: bool) -> Option<Id> {
        if self.budget == 0 {
            return None;
        }
        self.budget -= 1;
        let meta = self.metas.get(&id).cloned().unwrap_or_default();
        if meta.hide == Some(true) {
            return None;
        }
        let collapse = meta.collapse_single_pages.unwrap_or(collapse);
        if let Some(title) = &meta.title {
            self.tree.nodes[id].title = Some(title.clone());
        }
        let children = self.tree.nodes[id].children.clone();
        let children = self.process_children(children, collapse, &meta);
        self.tree.nodes[id].children = children.clone();
        if matches!(self.tree.nodes[id].kind, Kind::Section(Origin::Written)) {
            return Some(id);
        }
        match children.as_slice() {
            [] => None,
            [only] if meta.collapse.unwrap_or(collapse) => Some(*only),
            _ => Some(id),
        }
    }

    /// Sorts `items` as `meta` and the options say (`_order`): by the name or the title,
    /// naturally or not, ignoring case or not, either way; not at all unless one says.
    fn order(&mut self, items: &mut Vec<Id>, meta: &Meta) {
        let options = self.options;
        let order = meta.order.or(options.order);
        let natural = meta.natural || options.natural;
        let order_by = meta.order_by.or(options.order_by);
        if items.len() < 2 || (order.is_none() && !natural && order_by.is_none()) {
            return;
        }
        let ignore_case = meta.ignore_case == Some(true) || options.ignore_case;
        let keys: Vec<Option<Vec<Chunk>>> = items
            .iter()
            .map(|&id| {
                let text = match order_by {
                    Some(OrderBy::Title) => Some(self.item_title(id)),
                    _ => self.item_path(id).map(|path| basename(&path).to_string()),
                };
                text.map(|text| {
                    let text = if ignore_case { text.to_lowercase() } else { text };
                    if natural { natsort::key(&text, false) } else { vec![Chunk::Text(text)] }
                })
            })
            .collect();
        let mut places: Vec<usize> = (0..items.len()).collect();
        let descending = order == Some(meta::Order::Desc);
        places.sort_by(|&a, &b| if descending { keys[b].cmp(&keys[a]) } else { keys[a].cmp(&keys[b]) });
        *items = places.into_iter().map(|place| items[place]).collect();
    }

    /// `items` arranged by `meta`'s `nav` (`_nav`): each named item where named (titled
    /// there when the name is), a link for a titled name that is no item, a section for
    /// `Title: [items]`, and each `...` entry filled with the items no name took that it
    /// takes (patterns first, then the one that takes everything). Without `nav`, as
    /// they are.
    fn arrange(&mut self, items: Vec<Id>, meta: &Meta) -> Vec<Id> {
        let Some(nav) = &meta.nav else { return items };
        let mut by_name = HashMap::new();
        for &id in &items {
            by_name.insert(self.item_path(id).map(|path| basename(&path).to_string()), id);
        }
        let mut used = HashSet::new();
        let mut rests = RestList::default();
        let slots = self.slots(nav, &by_name, (&mut used, &mut rests), meta);
        let mut blocks = vec![Vec::new(); rests.len()];
        for &id in items.iter().filter(|id| !used.contains(*id)) {
            let name = self.item_path(id).map(|path| basename(&path).to_string());
            if let Some(slot) = rests.ordered().position(|rest| rest.matches(name.as_deref())) {
                blocks[slot].push(id);
            }
        }
        self.expand(slots, &rests, &blocks)
    }

    fn slots(
        &mut self,
        nav: &[NavItem],
        by_name: &HashMap<Option<String>, Id>,
        (used, rests): (&mut HashSet<Id>, &mut RestList),
        meta: &Meta,
    ) -> Vec<Slot> {
        let mut slots = Vec::with_capacity(nav.len());
        for item in nav {
            match item {
                NavItem::Rest(rest) => {
                    rests.push(rest.clone());
                    slots.push(Slot::Rest(rest.value.clone()));
                }
                NavItem::Section { title, items } => {
                    let inner = self.slots(items, by_name, (&mut *used, &mut *rests), meta);
                    slots.push(Slot::Virtual(title.clone(), inner));
                }
                NavItem::Name { value, title, at } => match (by_name.get(&Some(value.clone())), title) {
                    (Some(&id), _) => {
                        if let Some(title) = title {
                            self.tree.nodes[id].title = Some(title.clone());
                        }
                        used.insert(id);
                        slots.push(Slot::Item(id));
                    }
                    (None, Some(title)) => {
                        let link = NavLink::External(value.clone());
                        slots.push(Slot::Item(self.tree.add(Kind::Link(link), Some(title.clone()), Vec::new())));
                    }
                    (None, None) => self.not_found(value, *at, meta),
                },
            }
        }
        slots
    }

    fn not_found(&mut self, value: &str, (line, column): (usize, usize), meta: &Meta) {
        let file = meta.file.as_deref().unwrap_or(&self.options.filename).to_string();
        let mut message = format!("the nav entry {value:?} names no file or folder here");
        if self.options.strict {
            message.push_str(": with the plugin's `strict` (on unless set), MkDocs stops the build here");
        }
        self.problems.push((file, line, column, message));
    }

    fn expand(&mut self, slots: Vec<Slot>, rests: &RestList, blocks: &[Vec<Id>]) -> Vec<Id> {
        let mut out = Vec::with_capacity(slots.len());
        for slot in slots {
            match slot {
                Slot::Item(id) => out.push(id),
                Slot::Rest(value) => {
                    out.extend(rests.slot(&value).map(|slot| blocks[slot].clone()).unwrap_or_default())
                }
                Slot::Virtual(title, inner) => {
                    let children = self.expand(inner, rests, blocks);
                    out.push(self.tree.add(Kind::Section(Origin::Virtual), Some(title), children));
                }
            }
        }
        out
    }

    /// The path a section or page is named by (`_get_item_path`): a section's folder,
    /// when its items share one; none for a link.
    fn item_path(&self, id: Id) -> Option<String> {
        match &self.tree.nodes[id].kind {
            Kind::Page(path) => Some(path.clone()),
            Kind::Section(_) => self.metas.get(&id)?.path.as_deref().map(|path| dirname(path).to_string()),
            _ => None,
        }
    }

    /// The title `order_by: title` sorts by (`_get_item_title`): a section's from its
    /// settings, else the one it has; a page's as MkDocs reads it from the file.
    fn item_title(&mut self, id: Id) -> String {
        let node = &self.tree.nodes[id];
        let own = match node.kind {
            Kind::Section(_) => self.metas.get(&id).and_then(|meta| meta.title.clone()).or_else(|| node.title.clone()),
            _ => node.title.clone(),
        };
        if let Some(title) = own {
            return title;
        }
        let Kind::Page(path) = &node.kind else { return "None".to_string() };
        if let Some(title) = self.titles.get(path) {
            return title.clone();
        }
        let path = path.clone();
        let title = crate::compat::mkdocs::files::page_title(&path, &(self.docs.text)(&path).unwrap_or_default());
        self.titles.insert(path, title.clone());
        title
    }

    /// The entries of `items`, at most `left` of them.
    fn entries(&self, items: &[Id], left: &mut usize) -> Vec<NavEntry> {
        let mut out = Vec::with_capacity(items.len());
        for &id in items {
            if *left == 0 {
                break;
            }
            *left -= 1;
            let node = &self.tree.nodes[id];
            let (link, children) = match &node.kind {
                Kind::Page(path) => (NavLink::Page(path.clone()), Vec::new()),
                Kind::Section(_) => (NavLink::None, self.entries(&node.children, left)),
                Kind::Link(link) => (link.clone(), Vec::new()),
                Kind::Rest(_) => continue,
            };
            let (line, column) = node.at;
            out.push(NavEntry { title: node.title.clone(), link, children, number: None, file: None, line, column });
        }
        out
    }

    fn over_budget(&mut self, file: &str, cap: usize) {
        let message = format!(
            "the navigation is cut at {cap} entries or {BUDGET} sections: the `{}` files name sections too many times over",
            self.options.filename
        );
        self.problems.push((file.to_string(), 1, 1, message));
    }
}

/// The folder of `path` (`""` for the docs folder).
fn dirname(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The last name of `path`.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
