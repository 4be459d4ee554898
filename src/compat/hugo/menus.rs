//! Hugo's `main` menu, which Docsy draws as the bar across the top of every page:
//! opsbook shows it as the handbook's menu ([`crate::site::menu`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::site::key;
use crate::site::menu::MenuLink;
use crate::site::{PageId, Site};

/// The files of `config/_default/` that hold the `menus` table by themselves.
pub(crate) const MENU_FILES: [&str; 6] = [
    "config/_default/menus.toml",
    "config/_default/menus.yaml",
    "config/_default/menus.yml",
    "config/_default/menu.toml",
    "config/_default/menu.yaml",
    "config/_default/menu.yml",
];

/// The menu opsbook shows: Docsy's top bar.
const MAIN: &str = "main";

/// An entry of the `main` menu, as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entry {
    /// `identifier`: the key children name as their `parent`.
    pub identifier: String,
    /// `name`: the text shown.
    pub name: String,
    /// `pageRef`: the page it links to.
    pub page_ref: String,
    /// `url`: where it links when no page is found.
    pub url: String,
    /// `weight`: its place; 0 is none.
    pub weight: i64,
    /// `parent`: the key of the entry it goes under.
    pub parent: String,
}

impl Entry {
    /// The entry of a map of its fields (names without regard to case, numbers as text
    /// or numbers, as Hugo's weak decoding reads them).
    fn of(map: &Map<String, Value>) -> Entry {
        let text = |name: &str| match key(map, name) {
            Some(Value::String(text)) => text.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let weight = match key(map, "weight") {
            Some(Value::Number(n)) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)).unwrap_or(0),
            Some(Value::String(text)) => text.trim().parse().unwrap_or(0),
            _ => 0,
        };
        Entry {
            identifier: text("identifier"),
            name: text("name"),
            page_ref: text("pageRef"),
            url: text("url"),
            weight,
            parent: text("parent"),
        }
    }

    /// `identifier`, else `name`.
    fn key(&self) -> &str {
        if self.identifier.is_empty() { &self.name } else { &self.identifier }
    }
}

/// The `main` menu's entries of the configuration `config` and of a `menus` file of its
/// own (`own`, which wins).
pub(crate) fn config_entries(config: Option<&Value>, own: Option<&Value>) -> Vec<Entry> {
    let menus = own.or_else(|| {
        let map = config?.as_object()?;
        key(map, "menus").or_else(|| key(map, "menu"))
    });
    let Some(main) = menus.and_then(Value::as_object).and_then(|menus| key(menus, MAIN)) else { return Vec::new() };
    match main {
        Value::Array(entries) => entries.iter().filter_map(Value::as_object).map(Entry::of).collect(),
        Value::Object(entry) => vec![Entry::of(entry)],
        _ => Vec::new(),
    }
}

/// The `main` menu's entry of a page whose front matter `menu` is `menu`, if it has one;
/// `Err` says why `menu` is not a menu.
pub(crate) fn page_entry(menu: &Value) -> Result<Option<Entry>, &'static str> {
    match menu {
        Value::String(name) => Ok(name.trim().eq_ignore_ascii_case(MAIN).then(Entry::default)),
        Value::Array(names) => {
            if names.iter().any(|name| !name.is_string()) {
                return Err("a list of menus holds their names");
            }
            Ok(names
                .iter()
                .any(|name| name.as_str().is_some_and(|n| n.trim().eq_ignore_ascii_case(MAIN)))
                .then(Entry::default))
        }
        Value::Object(menus) => match key(menus, MAIN) {
            Some(Value::Object(entry)) => Ok(Some(Entry::of(entry))),
            Some(Value::Null) => Ok(Some(Entry::default())),
            Some(_) => Err("a menu's entry is a map of its fields (`weight`, `name`, `parent`, `identifier`)"),
            None => Ok(None),
        },
        Value::Null => Ok(None),
        _ => Err("`menu` is a menu's name, a list of names or a map of menus to entries"),
    }
}

/// A page as a menu entry reads it: its link, its `linkTitle` (else title) and weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// The link, base path included.
    pub url: String,
    /// `linkTitle`, else the title.
    pub link_title: String,
    /// `weight`, 0 without one.
    pub weight: i64,
}

/// An entry made whole: the name, link and weight it shows with.
#[derive(Debug, Clone)]
struct Resolved {
    entry: Entry,
    url: Option<String>,
}

/// The `main` menu of `config` entries and `pages` (each page's entry and the page),
/// `resolve` finding the page a `pageRef` names, `known` saying whether a site path is a
/// page or file of the handbook, `base_path` (`/` or `/handbook/`) prefixed to a
/// configured path from the root (see the module documentation).
pub(crate) fn assemble(
    config: &[Entry],
    pages: &[(Entry, Target)],
    resolve: &dyn Fn(&str) -> Option<Target>,
    known: &dyn Fn(&str) -> bool,
    base_path: &str,
) -> Vec<MenuLink> {
    let mut flat: Vec<Resolved> = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut add = |resolved: Resolved, replace: bool| {
        let entry_key = resolved.entry.key().to_string();
        match keys.get(&entry_key) {
            Some(&at) if replace => flat[at] = resolved,
            Some(_) => {}
            None => {
                keys.insert(entry_key, flat.len());
                flat.push(resolved);
            }
        }
    };
    for entry in config {
        let page = (!entry.page_ref.is_empty()).then(|| resolve(&entry.page_ref)).flatten();
        let resolved = match page {
            Some(target) => with_page(entry.clone(), &target),
            None => Resolved { url: configured_url(&entry.url, known, base_path), entry: entry.clone() },
        };
        add(resolved, true);
    }
    for (entry, target) in pages {
        add(with_page(entry.clone(), target), false);
    }
    tree(flat)
}

/// `entry` linking to the page `target`, named and weighed by it when it is not.
fn with_page(mut entry: Entry, target: &Target) -> Resolved {
    if entry.name.is_empty() {
        entry.name = target.link_title.clone();
    }
    if entry.weight == 0 {
        entry.weight = target.weight;
    }
    Resolved { url: Some(target.url.clone()), entry }
}

/// A configured `url`: a path from the root gets the base path when it is `known`, and
/// is no link when not; others stay, but a script's (`javascript:`, `vbscript:`,
/// `data:`) is no link.
fn configured_url(url: &str, known: &dyn Fn(&str) -> bool, base_path: &str) -> Option<String> {
    let scheme: String =
        url.split(':').next().unwrap_or("").chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if url.is_empty()
        || (url.contains(':') && ["javascript", "vbscript", "data"].contains(&scheme.to_ascii_lowercase().as_str()))
    {
        return None;
    }
    Some(match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => {
            known(rest.split(['#', '?']).next().unwrap_or(rest)).then(|| format!("{base_path}{rest}"))?
        }
        _ => url.to_string(),
    })
}

/// The tree of the `flat` entries: children under their parent (made when missing),
/// each level in Hugo's order. Entries whose parents lead round in a circle are in no
/// level, as in Hugo.
fn tree(mut flat: Vec<Resolved>) -> Vec<MenuLink> {
    let known: std::collections::HashSet<String> = flat.iter().map(|r| r.entry.key().to_string()).collect();
    let mut missing: Vec<String> = Vec::new();
    for resolved in &flat {
        let parent = &resolved.entry.parent;
        if !parent.is_empty() && !known.contains(parent) && !missing.contains(parent) {
            missing.push(parent.clone());
        }
    }
    for name in missing {
        flat.push(Resolved { entry: Entry { name, ..Entry::default() }, url: None });
    }
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (at, resolved) in flat.iter().enumerate() {
        children.entry(resolved.entry.parent.as_str()).or_default().push(at);
    }
    let mut seen = vec![false; flat.len()];
    level(&flat, &children, "", &mut seen, 0)
}

/// The deepest level of the menu kept: a chain of parents deeper than this is cut, so
/// that no configuration can exhaust the stack.
const MAX_DEPTH: usize = 16;

/// The entries under the entry keyed `parent` ("" for the top level), ordered, each with
/// its own children down to [`MAX_DEPTH`]; `seen` keeps an entry from being placed twice.
fn level(
    flat: &[Resolved],
    children: &HashMap<&str, Vec<usize>>,
    parent: &str,
    seen: &mut [bool],
    depth: usize,
) -> Vec<MenuLink> {
    if depth >= MAX_DEPTH {
        return Vec::new();
    }
    let mut ids: Vec<usize> = children.get(parent).cloned().unwrap_or_default();
    ids.retain(|&id| !seen[id]);
    for &id in &ids {
        seen[id] = true;
    }
    ids.sort_by(|&a, &b| order(&flat[a].entry, &flat[b].entry));
    ids.iter()
        .map(|&id| {
            let entry = &flat[id].entry;
            let key = entry.key();
            let children = if key.is_empty() { Vec::new() } else { level(flat, children, key, seen, depth + 1) };
            MenuLink { name: entry.name.clone(), url: flat[id].url.clone(), children }
        })
        .collect()
}

/// Hugo's menu order: weight, a weight of 0 last; then name without regard to case (then
/// with it); then identifier.
fn order(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if a.weight == b.weight {
        let by_name = a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.name.cmp(&b.name));
        return by_name.then_with(|| a.identifier.cmp(&b.identifier));
    }
    match (a.weight, b.weight) {
        (_, 0) => Ordering::Less,
        (0, _) => Ordering::Greater,
        (a, b) => a.cmp(&b),
    }
}

/// The page a `pageRef` names: a content path with or without its extension, or a
/// section's folder, from the content folder (`/docs/setup`, `docs/_index.md`, `/`).
fn page_of_ref(site: &Site, page_ref: &str) -> Option<PageId> {
    let path = page_ref.trim().trim_start_matches('/').trim_end_matches('/');
    if path.is_empty() {
        return ["_index.md", "index.md"].iter().find_map(|p| site.page_by_path(p));
    }
    [path.to_string(), format!("{path}.md"), format!("{path}/_index.md"), format!("{path}/index.md")]
        .iter()
        .find_map(|candidate| site.page_by_path(candidate))
}

/// The page `id` as a menu entry reads it.
fn target_of(site: &Site, id: PageId) -> Target {
    let page = &site.pages[id];
    let front = &page.source.front;
    let link_title = match front.field("linkTitle").map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) if !text.trim().is_empty() => text.clone(),
        _ => page.title.clone(),
    };
    let weight = match front.field("weight").map(|f| &f.value.value) {
        Some(crate::content::Node::Number(n)) => n.as_f64().map_or(0, |w| w as i64),
        _ => 0,
    };
    Target { url: site.href(id), link_title, weight }
}

/// The `main` menu of `site`: its configuration's entries and its pages'.
pub(crate) fn main_menu(site: &Site) -> Vec<MenuLink> {
    let pages: Vec<(Entry, Target)> = (0..site.pages.len())
        .filter(|&id| site.pages[id].origin.has_file())
        .filter_map(|id| {
            let menu = site.pages[id].source.front.field("menu")?.value.value.to_json();
            Some((page_entry(&menu).ok()??, target_of(site, id)))
        })
        .collect();
    if site.old_tool.hugo_menu.is_empty() && pages.is_empty() {
        return Vec::new();
    }
    let resolve = |page_ref: &str| page_of_ref(site, page_ref).map(|id| target_of(site, id));
    let known = |path: &str| site.target_of(path).is_some();
    assemble(&site.old_tool.hugo_menu, &pages, &resolve, &known, site.config.base_url.path())
}

/// A warning at each page's front matter `menu` that is no menu.
pub(crate) fn menu_warnings(pages: &[crate::site::Page], diagnostics: &mut Vec<crate::diagnostic::Diagnostic>) {
    for page in pages.iter().filter(|page| page.origin.has_file()) {
        let Some(field) = page.source.front.field("menu") else { continue };
        let Err(why) = page_entry(&field.value.value.to_json()) else { continue };
        let message = format!("front matter field `menu` is not read: {why}; the page is in no menu");
        diagnostics.push(super::field_warning(page, field, message));
    }
}

#[cfg(test)]
mod tests;
