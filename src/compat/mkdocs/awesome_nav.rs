//! The navigation of an MkDocs site that lists the awesome-nav plugin: each folder's
//! `.nav.yml` arranges the folder (its `nav` names files, folders, patterns, links and
//! sections; `title`, `hide`, `sort`, `ignore`, `flatten_single_child_sections`, ...),
//! resolved in the plugin's order: named pages first, then named folders (the deepest
//! first), then patterns, each taking only what no earlier item took.
//!
//! More: docs/architecture.md, "Notes by module".

mod config;
mod sort;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use config::{Glob, Item, Model, Settings};

use super::files::dirname_to_title;
use crate::content::nav_file::{NavEntry, NavLink};

/// The files the plugin arranges and how to read what it needs of them.
pub(crate) struct Docs<'a> {
    /// The Markdown pages, relative to the docs folder.
    pub(crate) pages: &'a [String],
    /// The settings file's name (the plugin's `filename` option, `.nav.yml`).
    pub(crate) filename: &'a str,
    /// The text of the file at a path relative to the docs folder, and its name as
    /// diagnostics show it, when there is one.
    pub(crate) read: &'a dyn Fn(&str) -> Option<(String, String)>,
    /// The `title` of a page's front matter, by its path.
    pub(crate) title: &'a dyn Fn(&str) -> Option<String>,
}

/// A problem of a settings file: the file as shown, line, column and what is wrong.
pub(crate) type Problem = (String, usize, usize, String);

/// The navigation the plugin makes of `docs`, as entries whose paths are relative to
/// the docs folder; what it would log is in `problems`.
pub(crate) fn navigation(docs: &Docs<'_>, problems: &mut Vec<Problem>) -> Vec<NavEntry> {
    resolved(docs, problems).into_iter().map(Resolved::entry).collect()
}

fn resolved(docs: &Docs<'_>, problems: &mut Vec<Problem>) -> Vec<Resolved> {
    let mut arranging = Arranging::new(docs);
    let root = arranging.settings("", None);
    for (key, set) in [("title", root.title.is_some()), ("hide", root.hide)] {
        if set {
            let file = root.file.as_deref().unwrap_or(docs.filename).to_string();
            problems.push((file, 1, 1, format!("`{key}` has no effect at the top level")));
        }
    }
    arranging.unvisited.remove(&(String::new(), true));
    let items = arranging.parse(&root.nav, &root);
    let resolved = arranging.resolve(items);
    problems.append(&mut arranging.problems);
    resolved
}

/// An item of a folder's `nav` before it is resolved, or what it became.
enum Slot {
    Page { path: String, title: Option<String> },
    Dir { path: String, settings: Rc<Settings>, title: Option<String> },
    Pattern { glob: String, settings: Rc<Settings>, ignore_no_matches: bool },
    Link { title: String, url: String },
    Section { title: String, dir: String, children: Vec<Slot> },
    Done(Vec<Resolved>),
}

/// An entry of the navigation made.
#[derive(Debug, Clone)]
enum Resolved {
    Page { path: String, title: Option<String> },
    Section { title: String, dir: String, children: Vec<Resolved> },
    Link { title: String, url: String },
}

impl Resolved {
    fn entry(self) -> NavEntry {
        let (title, link, children) = match self {
            Resolved::Page { path, title } => (title, NavLink::Page(path), Vec::new()),
            Resolved::Section { title, children, .. } => {
                (Some(title), NavLink::None, children.into_iter().map(Resolved::entry).collect())
            }
            Resolved::Link { title, url } => (Some(title), NavLink::External(url), Vec::new()),
        };
        NavEntry { title, link, children, number: None, file: None, line: 1, column: 1 }
    }
}

/// The state of one run: what is not in the navigation yet, each folder's settings.
struct Arranging<'a> {
    docs: &'a Docs<'a>,
    pages: BTreeSet<String>,
    dirs: BTreeSet<String>,
    /// Files (`false`) and folders (`true`) no item has taken yet.
    unvisited: BTreeSet<(String, bool)>,
    /// Each folder's model, read once.
    models: HashMap<String, (Model, Option<Rc<str>>)>,
    problems: Vec<Problem>,
}

impl<'a> Arranging<'a> {
    fn new(docs: &'a Docs<'a>) -> Self {
        let pages: BTreeSet<String> = docs.pages.iter().cloned().collect();
        let mut dirs = BTreeSet::from([String::new()]);
        for page in &pages {
            let mut at = page.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                dirs.insert(parent.to_string());
                at = parent;
            }
        }
        let unvisited =
            pages.iter().map(|p| (p.clone(), false)).chain(dirs.iter().map(|d| (d.clone(), true))).collect();
        Arranging { docs, pages, dirs, unvisited, models: HashMap::new(), problems: Vec::new() }
    }

    /// The settings of folder `dir` under `parent`'s, from its settings file.
    fn settings(&mut self, dir: &str, parent: Option<&Settings>) -> Rc<Settings> {
        if !self.models.contains_key(dir) {
            let read = self.read_model(dir);
            self.models.insert(dir.to_string(), read);
        }
        let (model, file) = self.models[dir].clone();
        let mut problems = Vec::new();
        let settings = Settings::new(&model, dir, file.clone(), parent, &mut problems);
        self.report(file.as_deref(), problems);
        Rc::new(settings)
    }

    fn read_model(&mut self, dir: &str) -> (Model, Option<Rc<str>>) {
        let path = join(dir, self.docs.filename);
        let Some((shown, text)) = (self.docs.read)(&path) else { return (Model::default(), None) };
        let shown: Rc<str> = shown.into();
        let parsed = crate::content::front_matter::parse_yaml_documents(&text)
            .map_err(|e| (e.line, e.column, e.message))
            .and_then(|documents| match documents.into_iter().next() {
                Some(node) => config::read_model(&crate::content::node::Located::new(node, 1, 1)),
                None => Ok(Model::default()),
            });
        match parsed {
            Ok(model) => (model, Some(shown)),
            Err((line, column, message)) => {
                let message = format!("{message}: the folder is arranged by the plugin's defaults");
                self.problems.push((shown.to_string(), line, column, message));
                (Model::default(), Some(shown))
            }
        }
    }

    fn report(&mut self, file: Option<&str>, problems: Vec<String>) {
        let file = file.unwrap_or(self.docs.filename);
        self.problems.extend(problems.into_iter().map(|message| (file.to_string(), 1, 1, message)));
    }

    /// The items of a folder's (or section's) `nav`, read from folder `settings.dir`.
    fn parse(&mut self, items: &[Item], settings: &Rc<Settings>) -> Vec<Slot> {
        let dir = settings.dir.clone();
        items
            .iter()
            .map(|item| match item {
                Item::Name(name) => {
                    let path = join(&dir, name);
                    match self.object(&path) {
                        Some(false) => Slot::Page { path, title: None },
                        Some(true) => Slot::Dir { settings: self.settings(&path, Some(settings)), path, title: None },
                        None => {
                            Slot::Pattern { glob: name.clone(), settings: settings.clone(), ignore_no_matches: false }
                        }
                    }
                }
                Item::Titled(title, value) => {
                    let path = join(&dir, value);
                    match self.object(&path) {
                        Some(false) => Slot::Page { path, title: Some(title.clone()) },
                        Some(true) => Slot::Dir {
                            settings: self.settings(&path, Some(settings)),
                            path,
                            title: Some(title.clone()),
                        },
                        None => Slot::Link { title: title.clone(), url: value.clone() },
                    }
                }
                Item::Section(title, children) => {
                    Slot::Section { title: title.clone(), dir: dir.clone(), children: self.parse(children, settings) }
                }
                Item::Pattern { glob, options, ignore_no_matches } => {
                    let mut problems = Vec::new();
                    let local = Settings::new(options, &dir, settings.file.clone(), Some(settings), &mut problems);
                    self.report(settings.file.as_deref(), problems);
                    Slot::Pattern {
                        glob: glob.clone(),
                        settings: Rc::new(local),
                        ignore_no_matches: *ignore_no_matches,
                    }
                }
            })
            .collect()
    }

    /// Whether `path` is a page (`false`) or a folder (`true`) of the docs.
    fn object(&self, path: &str) -> Option<bool> {
        if self.pages.contains(path) {
            Some(false)
        } else if self.dirs.contains(path) {
            Some(true)
        } else {
            None
        }
    }

    /// `slots` resolved in the plugin's order (`resolve_in_priority_order`): the pages,
    /// then the folders, deepest first, then the patterns, each in the order written.
    fn resolve(&mut self, mut slots: Vec<Slot>) -> Vec<Resolved> {
        let mut queue = Vec::new();
        queue_of(&slots, &mut Vec::new(), &mut queue);
        queue.sort_by_key(|(priority, _)| *priority);
        for (_, at) in queue {
            let slot = slot_at(&mut slots, &at);
            let taken = std::mem::replace(slot, Slot::Done(Vec::new()));
            *slot = Slot::Done(self.resolve_one(taken));
        }
        flatten(slots)
    }

    fn resolve_one(&mut self, slot: Slot) -> Vec<Resolved> {
        match slot {
            Slot::Page { path, title } => {
                self.unvisited.remove(&(path.clone(), false));
                vec![Resolved::Page { path, title }]
            }
            Slot::Dir { path, settings, title } => self.resolve_dir(&path, &settings, title),
            Slot::Pattern { glob, settings, ignore_no_matches } => {
                self.resolve_pattern(&glob, &settings, ignore_no_matches)
            }
            other => flatten(vec![other]),
        }
    }

    /// A folder's section (`NavDirectory.resolve`): none when it is empty, its one child
    /// when `flatten_single_child_sections` holds and the child is no link.
    fn resolve_dir(&mut self, dir: &str, settings: &Rc<Settings>, title: Option<String>) -> Vec<Resolved> {
        self.unvisited.remove(&(dir.to_string(), true));
        let title = title.or_else(|| settings.title.clone()).unwrap_or_else(|| self.folder_title(dir, settings));
        let items = self.parse(&settings.nav, settings);
        let children = self.resolve(items);
        match children.len() {
            0 => Vec::new(),
            1 if settings.flatten && !matches!(children[0], Resolved::Link { .. }) => children,
            _ => vec![Resolved::Section { title, dir: dir.to_string(), children }],
        }
    }

    /// A folder's generated title: its name as written with `preserve_directory_names`,
    /// else its `index.md`'s title with `use_index_title`, else MkDocs's
    /// `dirname_to_title`.
    fn folder_title(&self, dir: &str, settings: &Settings) -> String {
        let name = dir.rsplit('/').next().unwrap_or(dir);
        if settings.preserve_names {
            return name.to_string();
        }
        let index = join(dir, "index.md");
        if settings.use_index_title
            && self.pages.contains(&index)
            && let Some(title) = (self.docs.title)(&index)
        {
            return title;
        }
        dirname_to_title(name)
    }

    /// What a pattern finds among the files and folders no item took yet, resolved and
    /// sorted (`NavPattern.resolve`).
    fn resolve_pattern(&mut self, glob: &str, settings: &Rc<Settings>, ignore_no_matches: bool) -> Vec<Resolved> {
        let matcher = match Glob::new(&settings.dir, glob) {
            Ok(matcher) => matcher,
            Err(why) => {
                self.report(settings.file.as_deref(), vec![why]);
                return Vec::new();
            }
        };
        let found: Vec<(String, bool)> = self
            .unvisited
            .iter()
            .filter(|(path, is_dir)| {
                matcher.matches(path, *is_dir) && !settings.ignore.iter().any(|i| i.matches(path, *is_dir))
            })
            .cloned()
            .collect();
        let mut slots = Vec::new();
        for (path, is_dir) in found {
            if !is_dir {
                slots.push(Slot::Page { path, title: None });
                continue;
            }
            let own = self.settings(&path, Some(settings));
            if !own.hide {
                slots.push(Slot::Dir { path, settings: own, title: None });
            }
        }
        if slots.is_empty() && !ignore_no_matches {
            let message = format!("the nav item '{glob}' matches no files or folders");
            self.report(settings.file.as_deref(), vec![message]);
        }
        let mut items = self.resolve(slots);
        sort::sort(&mut items, settings, self.docs.title);
        items
    }
}

/// When a slot is resolved: its class, minus its depth, its index in its list.
type Priority = (u8, isize, usize);

/// The resolvable slots of `slots` and of the sections in them, each with its priority
/// and place: `(class, -depth, index)`, the class 1 for pages, 2 for folders, 3 for
/// patterns.
fn queue_of(slots: &[Slot], at: &mut Vec<usize>, queue: &mut Vec<(Priority, Vec<usize>)>) {
    for (index, slot) in slots.iter().enumerate() {
        at.push(index);
        let priority = match slot {
            Slot::Page { .. } => Some((1, 0, index)),
            Slot::Dir { path, .. } => Some((2, -(path.split('/').count() as isize), index)),
            Slot::Pattern { .. } => Some((3, 0, index)),
            Slot::Section { children, .. } => {
                queue_of(children, at, queue);
                None
            }
            Slot::Link { .. } | Slot::Done(_) => None,
        };
        if let Some(priority) = priority {
            queue.push((priority, at.clone()));
        }
        at.pop();
    }
}

fn slot_at<'s>(slots: &'s mut [Slot], at: &[usize]) -> &'s mut Slot {
    let (first, rest) = at.split_first().expect("a slot's place has an index");
    let slot = &mut slots[*first];
    match (rest.is_empty(), slot) {
        (true, slot) => slot,
        (false, Slot::Section { children, .. }) => slot_at(children, rest),
        (false, slot) => slot,
    }
}

/// The resolved entries of `slots`, a list in a slot spliced into its place.
fn flatten(slots: Vec<Slot>) -> Vec<Resolved> {
    let mut out = Vec::new();
    for slot in slots {
        match slot {
            Slot::Done(list) => out.extend(list),
            Slot::Link { title, url } => out.push(Resolved::Link { title, url }),
            Slot::Section { title, dir, children } => {
                out.push(Resolved::Section { title, dir, children: flatten(children) })
            }
            Slot::Page { path, title } => out.push(Resolved::Page { path, title }),
            Slot::Dir { .. } | Slot::Pattern { .. } => {}
        }
    }
    out
}

/// `path` under folder `dir` (`""` is the docs folder), `./` steps dropped.
fn join(dir: &str, path: &str) -> String {
    let joined = if dir.is_empty() { path.to_string() } else { format!("{dir}/{path}") };
    joined.split('/').filter(|part| !part.is_empty() && *part != ".").collect::<Vec<_>>().join("/")
}
