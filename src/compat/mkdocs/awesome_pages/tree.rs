//! The navigation the awesome-pages plugin starts from, as a tree of shared nodes (a
//! page or section may stand in it twice, as one object does in MkDocs): MkDocs's own
//! of the docs folder (`nest_paths`), or the one `mkdocs.yml`'s `nav` writes, its `...`
//! rest entries filled with the pages that `nav` leaves out (`plugin.py`'s
//! `_generate_rest_blocks` and `_insert_rest`).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::meta::RestList;
use crate::compat::mkdocs::files::{dirname_to_title, order_key};
use crate::content::nav_file::{NavEntry, NavLink};

/// A node's place in [`Tree::nodes`].
pub(super) type Id = usize;

/// Where a section comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// A folder of the docs (MkDocs's navigation, a rest entry's): its `.pages` applies.
    Folder,
    /// `mkdocs.yml`'s `nav`: left as written.
    Written,
    /// A `.pages` file's `Title: [items]`.
    Virtual,
}

/// What a node is.
#[derive(Debug, Clone)]
pub(super) enum Kind {
    /// A page, by its path relative to the docs folder.
    Page(String),
    Section(Origin),
    /// A link, as the navigation is to show it.
    Link(NavLink),
    /// A rest entry of `mkdocs.yml`'s `nav`, as written, until filled.
    Rest(String),
}

/// A page, section or link.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub(super) kind: Kind,
    pub(super) title: Option<String>,
    pub(super) children: Vec<Id>,
    /// Where `mkdocs.yml` writes it (1:1 elsewhere).
    pub(super) at: (usize, usize),
}

/// Every node made.
#[derive(Debug, Default)]
pub(super) struct Tree {
    pub(super) nodes: Vec<Node>,
}

impl Tree {
    pub(super) fn add(&mut self, kind: Kind, title: Option<String>, children: Vec<Id>) -> Id {
        self.nodes.push(Node { kind, title, children, at: (1, 1) });
        self.nodes.len() - 1
    }

    /// MkDocs's navigation of `pages` without `nav:` (`nest_paths`): in `get_files`'
    /// order, each page in a section per folder, titled by the folder's name (two
    /// folders of one title share their section, as in MkDocs).
    pub(super) fn default_nav(&mut self, pages: &[String]) -> Vec<Id> {
        let mut ordered: Vec<&String> = pages.iter().collect();
        ordered.sort_by(|a, b| order_key(a).cmp(&order_key(b)));
        let mut top = Vec::new();
        let mut sections: HashMap<(Option<Id>, String), Id> = HashMap::new();
        for page in ordered {
            let mut branch: Option<Id> = None;
            let folders = page.rsplit_once('/').map_or("", |(folders, _)| folders);
            for part in folders.split('/').filter(|part| !part.is_empty()) {
                let title = dirname_to_title(part);
                branch = Some(match sections.get(&(branch, title.clone())) {
                    Some(&id) => id,
                    None => {
                        let id = self.add(Kind::Section(Origin::Folder), Some(title.clone()), Vec::new());
                        self.children_of(branch, &mut top).push(id);
                        sections.insert((branch, title), id);
                        id
                    }
                });
            }
            let id = self.add(Kind::Page(page.clone()), None, Vec::new());
            self.children_of(branch, &mut top).push(id);
        }
        top
    }

    fn children_of<'t>(&'t mut self, branch: Option<Id>, top: &'t mut Vec<Id>) -> &'t mut Vec<Id> {
        match branch {
            Some(id) => &mut self.nodes[id].children,
            None => top,
        }
    }

    /// The nodes of `mkdocs.yml`'s `nav` (`_data_to_navigation`): a page listed twice is
    /// one node, titled where first listed; a path that is no page is a link, as
    /// written; a rest entry (`rests` holds them) a placeholder, once.
    pub(super) fn written_nav(&mut self, entries: &[NavEntry], pages: &BTreeSet<String>, rests: &RestList) -> Vec<Id> {
        let mut written = Written { pages, rests, by_path: HashMap::new(), placed: HashSet::new() };
        self.written(entries, &mut written)
    }

    fn written(&mut self, entries: &[NavEntry], written: &mut Written<'_>) -> Vec<Id> {
        let mut ids = Vec::with_capacity(entries.len());
        for entry in entries {
            let id = match &entry.link {
                NavLink::None => {
                    let children = self.written(&entry.children, written);
                    self.add(Kind::Section(Origin::Written), entry.title.clone(), children)
                }
                NavLink::Page(value) if entry.title.is_none() && written.rests.contains(value) => {
                    if !written.placed.insert(value.clone()) {
                        continue;
                    }
                    self.add(Kind::Rest(value.clone()), None, Vec::new())
                }
                NavLink::Page(path) if written.pages.contains(&crate::content::nav_file::join("", path)) => {
                    let path = crate::content::nav_file::join("", path);
                    if let Some(&id) = written.by_path.get(&path) {
                        ids.push(id);
                        continue;
                    }
                    let id = self.add(Kind::Page(path.clone()), entry.title.clone(), Vec::new());
                    written.by_path.insert(path, id);
                    id
                }
                link => self.add(Kind::Link(link.clone()), entry.title.clone(), Vec::new()),
            };
            self.nodes[id].at = (entry.line, entry.column);
            ids.push(id);
        }
        ids
    }

    /// The pages under `items` (and their sections) that `written` does not list, for
    /// each rest entry in `rests`' order: each page to the first entry that takes its
    /// path; a folder's as a section of the folder's title, or, for a `| flat` entry,
    /// without it.
    pub(super) fn rest_blocks(&mut self, items: &[Id], written: &HashSet<String>, rests: &RestList) -> Vec<Vec<Id>> {
        let mut blocks = vec![Vec::new(); rests.len()];
        for &id in items {
            match self.nodes[id].kind.clone() {
                Kind::Page(path) if !written.contains(&path) => {
                    if let Some(slot) = rests.ordered().position(|rest| rest.matches(Some(&path))) {
                        blocks[slot].push(id);
                    }
                }
                Kind::Section(_) => {
                    let children = self.nodes[id].children.clone();
                    let inner = self.rest_blocks(&children, written, rests);
                    for ((block, found), rest) in blocks.iter_mut().zip(inner).zip(rests.ordered()) {
                        if found.is_empty() {
                            continue;
                        }
                        if rest.flat {
                            block.extend(found);
                        } else {
                            let title = self.nodes[id].title.clone();
                            block.push(self.add(Kind::Section(Origin::Folder), title, found));
                        }
                    }
                }
                _ => {}
            }
        }
        blocks
    }

    /// `items` with each rest placeholder replaced by its block of `blocks` (none for
    /// an entry that another one that takes everything replaced, as in the plugin).
    pub(super) fn insert_rest(&mut self, items: Vec<Id>, blocks: &[Vec<Id>], rests: &RestList) -> Vec<Id> {
        let mut out = Vec::with_capacity(items.len());
        for id in items {
            match self.nodes[id].kind.clone() {
                Kind::Rest(value) => {
                    out.extend(rests.slot(&value).map(|slot| blocks[slot].clone()).unwrap_or_default())
                }
                Kind::Section(Origin::Written) => {
                    let children = std::mem::take(&mut self.nodes[id].children);
                    self.nodes[id].children = self.insert_rest(children, blocks, rests);
                    out.push(id);
                }
                _ => out.push(id),
            }
        }
        out
    }

    /// The paths of the pages in and under `items`.
    pub(super) fn pages_under(&self, items: &[Id], into: &mut HashSet<String>) {
        for &id in items {
            match &self.nodes[id].kind {
                Kind::Page(path) => {
                    into.insert(path.clone());
                }
                Kind::Section(_) => self.pages_under(&self.nodes[id].children, into),
                _ => {}
            }
        }
    }
}

/// What reading `mkdocs.yml`'s `nav` needs and keeps.
struct Written<'a> {
    pages: &'a BTreeSet<String>,
    rests: &'a RestList,
    /// The node of each page listed.
    by_path: HashMap<String, Id>,
    /// The rest entries placed.
    placed: HashSet<String>,
}
