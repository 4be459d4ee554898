//! `_config.yml`'s `defaults:`, the front matter values Jekyll gives every page, post
//! and document whose path and type a set's `scope` names; the page's own front matter
//! wins (jekyll/jekyll `lib/jekyll/frontmatter_defaults.rb`, `FrontmatterDefaults#all`).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::content::fields::FieldOrigin;
use crate::content::front_matter::{Field, Fields};
use crate::content::node::{Located, Node};
use crate::content::{FrontMatter, SourcePage};
use crate::diagnostic::Diagnostic;

type Entries = Vec<(Located<String>, Located<Node>)>;

/// One set of `defaults:`.
#[derive(Debug, Clone, PartialEq)]
struct DefaultSet {
    /// `scope: path`, its leading `/` removed (`""`: every path).
    path: String,
    /// `scope: type` (`pages`, `posts`, `drafts` or a collection's label).
    kind: Option<String>,
    /// `values:`.
    values: Entries,
}

/// The sets of `defaults:`, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontDefaults {
    sets: Vec<DefaultSet>,
    /// `collections_dir`, which a scope's path is read without ([`strip_collections_dir`]).
    collections_dir: String,
    /// The configuration file they were read from, for diagnostics.
    pub file: String,
}

impl FrontDefaults {
    /// Reads `defaults:` of `_config.yml`'s top-level `keys`, of a site whose
    /// `collections_dir` is `collections_dir`; a set without a `values` mapping is left
    /// out, as Jekyll leaves it out (`valid?`).
    pub(crate) fn read(keys: &[(Located<String>, Located<Node>)], collections_dir: &str) -> FrontDefaults {
        let Some(Node::List(sets)) = keys.iter().find(|(k, _)| k.value == "defaults").map(|(_, v)| &v.value) else {
            return FrontDefaults::default();
        };
        let sets = sets.iter().filter_map(|set| {
            let Node::Map(entries) = &set.value else { return None };
            let Some(Node::Map(values)) = entry(entries, "values") else { return None };
            let scope = match entry(entries, "scope") {
                Some(Node::Map(scope)) => scope.as_slice(),
                _ => &[],
            };
            let text = |key| match entry(scope, key) {
                Some(Node::Text(text)) => Some(text.clone()),
                _ => None,
            };
            let kind = text("type").map(|kind| match kind.as_str() {
                "page" | "post" | "draft" => format!("{kind}s"),
                _ => kind,
            });
            Some(DefaultSet {
                path: sanitize(&text("path").unwrap_or_default()).to_string(),
                kind,
                values: values.clone(),
            })
        });
        FrontDefaults { sets: sets.collect(), collections_dir: collections_dir.to_string(), file: String::new() }
    }

    /// Whether there is no set.
    pub(crate) fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// The default values of the page at `path` of type `kind` (a document's path from
    /// `collections_dir`, its `relative_path`; a page's content path), merged as Jekyll's
    /// `all` merges them: a set of a longer path, then one with a type, wins.
    pub(crate) fn all(&self, path: &str, kind: &str) -> Entries {
        let document = kind != "pages";
        let mut defaults = Entries::new();
        let mut old: Option<&DefaultSet> = None;
        for set in self.sets.iter().filter(|set| set.kind.as_ref().is_none_or(|k| k == kind)) {
            if !self.applies_path(&set.path, path, document) {
                continue;
            }
            if has_precedence(old, set) {
                defaults = deep_merge(defaults, &set.values);
                old = Some(set);
            } else {
                defaults = deep_merge(set.values.clone(), &defaults);
            }
        }
        defaults
    }
}

/// Gives the page read, `page`, the defaults of `site` that apply to it, under its own
/// front matter; a problem of a default value is `defaults.file`'s, at its line.
/// `is_collection` tells the labels of the site's collections.
pub(crate) fn apply(
    defaults: &FrontDefaults,
    is_collection: &dyn Fn(&str) -> bool,
    page: &mut SourcePage,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if defaults.is_empty() {
        return;
    }
    let (path, kind) = defaults.path_and_kind(is_collection, &page.path);
    let values = defaults.all(path, &kind);
    if values.is_empty() {
        return;
    }
    // Read once: the page's own fields were checked when it was read; a value from a
    // default stands nowhere in the page's file, so what is said of it later names the
    // page as a whole (line 0), and its problems are `defaults.file`'s.
    let own = &page.front.fields;
    let origin = |field: &Field| match own.get(&field.key) {
        Some(_) => FieldOrigin::PageAgain,
        None => FieldOrigin::Elsewhere,
    };
    let (front, problems) = FrontMatter::from_fields_with(under_fields(own, values), &page.file, &origin);
    diagnostics.extend(problems.into_iter().map(|mut problem| {
        problem.path.clone_from(&defaults.file);
        problem
    }));
    page.front = front;
}

/// The type a scope names the page at content path `path` by: `posts`, `drafts`, the
/// label of its collection, else `pages`.
fn page_kind(is_collection: &dyn Fn(&str) -> bool, path: &str) -> String {
    let folders = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    if folders.split('/').any(|folder| folder == "_posts") {
        return "posts".to_string();
    }
    if folders.split('/').any(|folder| folder == "_drafts") {
        return "drafts".to_string();
    }
    let label = folders.split('/').next().and_then(|folder| folder.strip_prefix('_'));
    match label.filter(|label| is_collection(label)) {
        Some(label) => label.to_string(),
        None => "pages".to_string(),
    }
}

/// The page's own `fields` over `defaults` (Jekyll's `deep_merge_hashes(defaults, data)`).
pub(crate) fn under_fields(fields: &Fields, defaults: Entries) -> Fields {
    let mut merged: Vec<Field> = Vec::with_capacity(fields.0.len() + defaults.len());
    for (key, value) in defaults {
        match fields.get(&key.value) {
            Some(own) => merged.push(Field { value: merged_value(value, &own.value), ..own.clone() }),
            None => merged.push(Field { key: key.value, line: key.line, column: key.column, value }),
        }
    }
    let own = fields.0.iter().filter(|field| !merged.iter().any(|m| m.key == field.key));
    let mut all: Vec<Field> = own.cloned().collect();
    all.extend(merged);
    Fields::from(all)
}

fn entry<'a>(entries: &'a [(Located<String>, Located<Node>)], key: &str) -> Option<&'a Node> {
    entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| &v.value)
}

/// `over` merged onto `under`: mappings key by key, anything else `over`'s.
fn merged_value(under: Located<Node>, over: &Located<Node>) -> Located<Node> {
    match (under.value, &over.value) {
        (Node::Map(under), Node::Map(over_entries)) => {
            Located { value: Node::Map(deep_merge(under, over_entries)), line: over.line, column: over.column }
        }
        _ => over.clone(),
    }
}

/// `Utils.deep_merge_hashes(under, over)`.
fn deep_merge(mut under: Entries, over: &Entries) -> Entries {
    for (key, value) in over {
        match under.iter().position(|(k, _)| k.value == key.value) {
            Some(at) => {
                let old = std::mem::replace(&mut under[at].1, Located::new(Node::Null, 0, 0));
                under[at].1 = merged_value(old, value);
            }
            None => under.push((key.clone(), value.clone())),
        }
    }
    under
}

/// `sanitize_path`: without a leading `/`.
fn sanitize(path: &str) -> &str {
    path.strip_prefix('/').unwrap_or(path)
}

impl FrontDefaults {
    /// The path and type `all` is given for the page at content path `path`: a post's or
    /// a collection's document's path from `collections_dir`, a page's content path.
    fn path_and_kind<'p>(&self, is_collection: &dyn Fn(&str) -> bool, path: &'p str) -> (&'p str, String) {
        let inside = strip_collections_dir(path, &self.collections_dir);
        let kind = page_kind(is_collection, inside);
        if kind == "pages" { (path, kind) } else { (inside, kind) }
    }

    /// `applies_path?`: `""` every path; a glob (`*`) the paths below what it matches
    /// from the site's root, read without `collections_dir` (a document's `path` is from
    /// it, a page's is not); else the paths that begin with `scope` without
    /// `collections_dir`.
    fn applies_path(&self, scope: &str, path: &str, document: bool) -> bool {
        if scope.is_empty() {
            return true;
        }
        if !scope.contains('*') {
            return path.starts_with(strip_collections_dir(scope, &self.collections_dir));
        }
        // What the glob matches is stripped of `collections_dir` when it lies inside it,
        // and then must begin the page's path.
        let dir = &self.collections_dir;
        let inside = scope.trim_end_matches('/').split('/').count() > dir.split('/').count();
        if dir.is_empty() {
            glob_covers(scope, path)
        } else if document {
            inside && glob_covers(scope, &format!("{dir}/{path}"))
        } else {
            !(inside && strip_collections_dir(path, dir) != path) && glob_covers(scope, path)
        }
    }
}

/// `strip_collections_dir`: `path` without `dir/` at its start.
fn strip_collections_dir<'p>(path: &'p str, dir: &str) -> &'p str {
    crate::site_path::inside(dir, path).unwrap_or(path)
}

/// Whether the glob `scope` matches `path` or a folder above it.
fn glob_covers(scope: &str, path: &str) -> bool {
    // `Dir.glob` lists what the pattern matches, segment by segment; the page lies in
    // it or below one of its entries.
    let pattern: Vec<&str> = scope.trim_end_matches('/').split('/').collect();
    let segments: Vec<&str> = path.split('/').collect();
    segments.len() >= pattern.len()
        && pattern
            .iter()
            .zip(&segments)
            .all(|(p, s)| (!s.starts_with('.') || p.starts_with('.')) && crate::compat::fnmatch::fnmatch(p, s))
}

/// `has_precedence?`: a longer path wins, then, at the same length, a set with a type
/// or over one without.
fn has_precedence(old: Option<&DefaultSet>, new: &DefaultSet) -> bool {
    let Some(old) = old else { return true };
    if new.path.len() != old.path.len() {
        new.path.len() >= old.path.len()
    } else {
        new.kind.is_some() || old.kind.is_none()
    }
}

#[cfg(test)]
#[path = "front_defaults_tests.rs"]
mod tests;
