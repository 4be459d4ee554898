//! Hugo's `main` menu, which Docsy draws as the bar across the top of every page:
//! opsbook shows it as the handbook's menu ([`crate::site::menu`]). Entries come from
//! the configuration ([`config`]), the top-level sections (`sectionPagesMenu`) and the
//! pages' front matter, in that order, the first of a key kept; [`assemble`] nests
//! and orders them.
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod config;
pub(crate) mod site_menu;

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::site::key;
use crate::site::menu::MenuLink;

pub(crate) use config::ConfiguredMenus;
pub(crate) use site_menu::{main_menu, menu_warnings, site_warnings};

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
    /// `title`: the link's title (shown on hover); the page's title when it names none.
    pub title: String,
    /// `pre` and `post`: the HTML before and after the name, shown as its text.
    pub pre: String,
    /// See `pre`.
    pub post: String,
    /// The configuration file it is written in, for warnings; empty for a page's.
    pub file: String,
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
            title: text("title"),
            pre: text_of_html(key(map, "pre").and_then(Value::as_str).unwrap_or_default()),
            post: text_of_html(key(map, "post").and_then(Value::as_str).unwrap_or_default()),
            file: String::new(),
        }
    }

    /// The entries of a menu as written: a list of entries, or one.
    fn all_of(menu: &Value) -> Vec<Entry> {
        match menu {
            Value::Array(entries) => entries.iter().filter_map(Value::as_object).map(Entry::of).collect(),
            Value::Object(entry) => vec![Entry::of(entry)],
            _ => Vec::new(),
        }
    }

    /// `identifier`, else `name`.
    fn key(&self) -> &str {
        if self.identifier.is_empty() { &self.name } else { &self.identifier }
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

/// A page as a menu entry reads it: its link, its `linkTitle` (else title), title and
/// weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Target {
    /// The link, base path included.
    pub url: String,
    /// `linkTitle`, else the title.
    pub link_title: String,
    /// The title.
    pub title: String,
    /// `weight`, 0 without one.
    pub weight: i64,
}

/// An entry made whole: the name, link and weight it shows with.
#[derive(Debug, Clone)]
struct Resolved {
    entry: Entry,
    url: Option<String>,
}

/// The menu [`assemble`] makes, and the entries it could not place as written.
#[derive(Debug, Default)]
pub(crate) struct Assembled {
    /// The menu.
    pub menu: Vec<MenuLink>,
    /// The configuration's entries (their places in it) whose `pageRef` names no page:
    /// they link to their `url`, or nowhere, as in Hugo.
    pub dead_refs: Vec<usize>,
    /// The pages' entries (their places) whose key an earlier entry has: Hugo leaves
    /// them out with a warning.
    pub duplicates: Vec<usize>,
}

/// The `main` menu of `config` entries, the top-level `sections`' and the `pages'`
/// (each entry with its page), `resolve` finding the page a `pageRef` names, `known`
/// saying whether a site path is a page or file of the handbook, `base_path` (`/` or
/// `/handbook/`) prefixed to a configured path from the root. As Hugo's `assembleMenus`:
/// 1. the configuration's entries in menu order, a later one of a key replacing the
///    earlier (Hugo sorts them as it reads them);
/// 2. each section whose key is not taken yet;
/// 3. each page's entry whose key is not taken yet, the others left out;
/// 4. the tree of them ([`tree`]).
pub(crate) fn assemble(
    config: &[Entry],
    sections: &[(Entry, Target)],
    pages: &[(Entry, Target)],
    resolve: &dyn Fn(&str) -> Option<Target>,
    known: &dyn Fn(&str) -> bool,
    base_path: &str,
) -> Assembled {
    let mut assembled = Assembled::default();
    let mut flat: Vec<Resolved> = Vec::new();
    let mut keys: HashMap<String, usize> = HashMap::new();
    let mut order_read: Vec<usize> = (0..config.len()).collect();
    order_read.sort_by(|&a, &b| order(&config[a], &config[b]));
    for at in order_read {
        let entry = &config[at];
        let page = (!entry.page_ref.is_empty()).then(|| resolve(&entry.page_ref)).flatten();
        if page.is_none() && !entry.page_ref.is_empty() {
            assembled.dead_refs.push(at);
        }
        let resolved = match page {
            Some(target) => with_page(entry.clone(), &target),
            None => Resolved { url: configured_url(&entry.url, known, base_path), entry: entry.clone() },
        };
        match keys.get(resolved.entry.key()) {
            Some(&was) => flat[was] = resolved,
            None => {
                keys.insert(resolved.entry.key().to_string(), flat.len());
                flat.push(resolved);
            }
        }
    }
    assembled.dead_refs.sort_unstable();
    for (at, (entry, target)) in sections.iter().chain(pages).enumerate() {
        let resolved = with_page(entry.clone(), target);
        if keys.contains_key(resolved.entry.key()) {
            if let Some(page) = at.checked_sub(sections.len()) {
                assembled.duplicates.push(page);
            }
            continue;
        }
        keys.insert(resolved.entry.key().to_string(), flat.len());
        flat.push(resolved);
    }
    assembled.menu = tree(flat);
    assembled
}

/// `entry` linking to the page `target`, named, titled and weighed by it when it is
/// not (Hugo's `SetPageValues`).
fn with_page(mut entry: Entry, target: &Target) -> Resolved {
    if entry.name.is_empty() {
        entry.name = target.link_title.clone();
    }
    if entry.title.is_empty() {
        entry.title = target.title.clone();
    }
    if entry.weight == 0 {
        entry.weight = target.weight;
    }
    Resolved { url: Some(target.url.clone()), entry }
}

/// The text of `html`, its tags left out: an entry's `pre` and `post` as text.
fn text_of_html(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
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
            MenuLink {
                name: entry.name.clone(),
                url: flat[id].url.clone(),
                title: Some(entry.title.clone()).filter(|title| !title.is_empty() && *title != entry.name),
                pre: entry.pre.clone(),
                post: entry.post.clone(),
                children,
            }
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

#[cfg(test)]
mod tests;
