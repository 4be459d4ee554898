//! The pages as the theme's navigation reads them: their front matter values as Liquid
//! compares them, and the rules of a theme version.

use crate::content::front_fields::Fields;
use crate::content::node::{Located, Node};

/// Which version's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// Up to v0.3.1: three levels, every `nav_order` sorted together, then the rest by
    /// title.
    V02,
    /// v0.3.2 and v0.3.3: three levels, numeric `nav_order`s first, text ones ordered
    /// with the titles.
    V03,
    /// v0.4.0.rc1 and rc2: v0.3.3's order and v0.4's levels.
    V04Rc,
    /// v0.4 to v0.9: three levels.
    V04,
    /// v0.10 and after.
    Current,
}

impl Version {
    /// The version of a tag or gem version (`v0.4.1`, `0.10.0`, `v0.4.0.rc2`); `None`
    /// for another reference (a branch, a commit).
    pub(crate) fn of(reference: &str) -> Option<Version> {
        let mut parts = reference.trim().trim_start_matches('v').split(['.', '-']);
        let mut number = || parts.next().map(|n| n.parse::<u32>().ok());
        let (Some(Some(major)), Some(Some(minor))) = (number(), number()) else { return None };
        let patch = number().flatten();
        let early_candidate = matches!(parts.next(), Some("rc1" | "rc2"));
        Some(match (major, minor, patch) {
            (0, 0..=2, _) | (0, 3, Some(0 | 1)) => Version::V02,
            (0, 3, _) => Version::V03,
            (0, 4, Some(0)) if early_candidate => Version::V04Rc,
            (0, 4..=9, _) => Version::V04,
            _ => Version::Current,
        })
    }

    /// Whether the version orders text `nav_order`s with the titles (v0.3.2 to
    /// v0.4.0.rc2).
    pub(crate) fn texts_with_titles(self) -> bool {
        matches!(self, Version::V03 | Version::V04Rc)
    }

    /// Whether a page's second level takes every page whose `parent` names it,
    /// whatever its `grand_parent` (up to v0.3.3).
    pub(crate) fn any_second_level(self) -> bool {
        matches!(self, Version::V02 | Version::V03)
    }
}

/// The rules of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rules {
    pub version: Version,
    /// `nav_sort: case_insensitive`.
    pub case_insensitive: bool,
    /// Jekyll 4's `sort` reads text that is a number as that number.
    pub numeric_strings: bool,
}

/// A front matter value as Liquid compares it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A number, and its text.
    Num(f64, String),
    Text(String),
    Bool(bool),
    /// A list or a mapping, as text.
    Other(String),
}

impl Value {
    fn of(node: &Node) -> Option<Value> {
        Some(match node {
            Node::Null => return None,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Num(n.as_f64().unwrap_or(0.0), n.to_string()),
            Node::Text(text) => Value::Text(text.clone()),
            other => Value::Other(other.to_json().to_string()),
        })
    }

    /// Ruby's `to_s`.
    pub(crate) fn text(&self) -> &str {
        match self {
            Value::Num(_, text) | Value::Text(text) | Value::Other(text) => text,
            Value::Bool(true) => "true",
            Value::Bool(false) => "false",
        }
    }

    /// Liquid's `==`.
    pub(super) fn same(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Num(a, _), Value::Num(b, _)) => a == b,
            _ => self == other,
        }
    }

    /// What [`Value::same`] compares, to look values up by.
    pub(super) fn key(&self) -> ValueKey<'_> {
        match self {
            // `-0.0 == 0.0`.
            Value::Num(n, _) if *n == 0.0 => ValueKey::Num(0),
            Value::Num(n, _) => ValueKey::Num(n.to_bits()),
            Value::Text(text) => ValueKey::Text(text),
            Value::Bool(b) => ValueKey::Bool(*b),
            Value::Other(text) => ValueKey::Other(text),
        }
    }
}

/// A [`Value`] as a set holds it: values that are [`Value::same`] have one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ValueKey<'a> {
    Num(u64),
    Text(&'a str),
    Bool(bool),
    Other(&'a str),
}

/// Whether a value is true to Liquid (set, and not `false`).
pub(super) fn truthy(value: &Option<Value>) -> bool {
    !matches!(value, None | Some(Value::Bool(false)))
}

/// The front matter keys the navigation reads.
pub(crate) const KEYS: [&str; 8] =
    ["title", "parent", "grand_parent", "ancestor", "nav_order", "nav_exclude", "has_children", "child_nav_order"];

/// A page as the navigation reads it.
#[derive(Debug, Clone)]
pub(crate) struct NavPage {
    pub path: String,
    /// As diagnostics name it.
    pub file: String,
    pub title: Option<Value>,
    /// The line and column of the `title` key (1:1 without one).
    pub title_at: (usize, usize),
    /// `parent`, and the line and column of its key.
    pub parent: Option<(Value, usize, usize)>,
    pub grand_parent: Option<Value>,
    pub ancestor: Option<Value>,
    pub nav_order: Option<Value>,
    pub nav_exclude: bool,
    pub has_children: Option<Value>,
    /// `child_nav_order: desc` or `reversed`.
    pub reversed: bool,
    /// A collection's document (the order of the site's pages is by file name).
    pub document: bool,
}

impl NavPage {
    /// The page at `path` (`file` as shown) with front matter `fields`; a collection's
    /// `document` without a `title` gets Jekyll's, made of its file name.
    /// `text` is the page's, where a `y` or `n` the YAML reader took for a boolean is
    /// read again as the text Jekyll's reader keeps.
    pub(crate) fn read(path: &str, file: &str, (fields, text): (&Fields, &str), document: bool) -> NavPage {
        let of = |node: &Located<Node>| match &node.value {
            Node::Bool(_) => match written(text, node) {
                Some(word) if word.eq_ignore_ascii_case("y") || word.eq_ignore_ascii_case("n") => {
                    Some(Value::Text(word.to_string()))
                }
                _ => Value::of(&node.value),
            },
            other => Value::of(other),
        };
        let value = |key: &str| fields.get(key).and_then(|field| of(&field.value));
        let parent = fields.get("parent").and_then(|f| Some((of(&f.value)?, f.line, f.column)));
        let name = path.rsplit('/').next().unwrap_or(path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        let title = value("title").or_else(|| document.then(|| Value::Text(titleize_slug(stem))));
        let title_at = fields.get("title").map_or((1, 1), |f| (f.line, f.column));
        NavPage {
            path: path.to_string(),
            file: file.to_string(),
            title,
            title_at,
            parent,
            grand_parent: value("grand_parent").filter(|v| *v != Value::Bool(false)),
            ancestor: value("ancestor").filter(|v| *v != Value::Bool(false)),
            nav_order: value("nav_order"),
            nav_exclude: value("nav_exclude") == Some(Value::Bool(true)),
            has_children: value("has_children"),
            reversed: value("child_nav_order").is_some_and(|v| matches!(v.text(), "desc" | "reversed")),
            document,
        }
    }

    /// The line and column of the key that places the page: its `parent`, else its
    /// `title`.
    pub(super) fn key_at(&self) -> (usize, usize) {
        self.parent.as_ref().map_or(self.title_at, |(_, line, column)| (*line, *column))
    }

    pub(super) fn parent_text(&self) -> &str {
        self.parent.as_ref().map_or("", |(value, _, _)| value.text())
    }
}

/// A title as a message shows it: its first 60 characters.
pub(super) fn short(title: &str) -> &str {
    title.char_indices().nth(60).map_or(title, |(at, _)| &title[..at])
}

/// The word written at `node`'s place in `text`, up to a space or a comment.
fn written<'t>(text: &'t str, node: &Located<Node>) -> Option<&'t str> {
    let line = text.lines().nth(node.line.checked_sub(1)?)?;
    let rest = line.get(line.char_indices().nth(node.column.checked_sub(1)?)?.0..)?;
    rest.split([' ', '\t', '#']).next()
}

/// Jekyll's `Utils.titleize_slug`: the words between `-`s capitalised (the first
/// letter upper case, the others lower case), joined by spaces.
pub(crate) fn titleize_slug(slug: &str) -> String {
    let capitalised = slug.split('-').map(|word| {
        let mut chars = word.chars();
        let first = chars.next().map(|first| first.to_uppercase().collect::<String>()).unwrap_or_default();
        first + &chars.as_str().to_lowercase()
    });
    capitalised.collect::<Vec<_>>().join(" ")
}
