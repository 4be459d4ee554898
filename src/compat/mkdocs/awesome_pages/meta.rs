//! A folder's `.pages` as the awesome-pages plugin reads it (`meta.py`): its keys, the
//! items of its `nav` (names, `Title: name-or-link`, `Title: [items]` sections and
//! `...` rest entries, plain, `| flat`, `| glob` or `| regex=`), and the plugin's
//! options in `mkdocs.yml` (`plugin.py`'s `config_scheme`).

use std::rc::Rc;
use std::sync::LazyLock;

use globset::{GlobBuilder, GlobMatcher};
use regex::Regex;

use crate::content::node::{Located, Node};

/// A problem: line, column and what is wrong.
pub(super) type Fault = (usize, usize, String);

/// `order`: ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    Asc,
    Desc,
}

/// `order_by`: the file or folder name, or the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OrderBy {
    Filename,
    Title,
}

/// A folder's `.pages` (`Meta`), each key unset until written.
#[derive(Debug, Clone, Default)]
pub(super) struct Meta {
    pub(super) title: Option<String>,
    pub(super) nav: Option<Vec<NavItem>>,
    pub(super) collapse: Option<bool>,
    pub(super) collapse_single_pages: Option<bool>,
    pub(super) hide: Option<bool>,
    pub(super) ignore_case: Option<bool>,
    pub(super) order: Option<Order>,
    /// `sort_type: natural`.
    pub(super) natural: bool,
    pub(super) order_by: Option<OrderBy>,
    /// Where `title` and `hide` are written, for the warnings at the top level.
    pub(super) title_at: (usize, usize),
    pub(super) hide_at: (usize, usize),
    /// The settings file's path relative to the docs folder, when the folder's pages
    /// share one folder (the plugin's `Meta.path`).
    pub(super) path: Option<String>,
    /// The file as diagnostics name it, when it was read.
    pub(super) file: Option<Rc<str>>,
}

/// An item of a `nav` (`MetaNavItem`).
#[derive(Debug, Clone)]
pub(super) enum NavItem {
    /// A file or folder name of the folder (`2.md`, `ops`), titled or not; a link when
    /// titled and no item has that name.
    Name { value: String, title: Option<String>, at: (usize, usize) },
    /// `Title: [items]`: a section of its own.
    Section { title: String, items: Vec<NavItem> },
    /// `...`: the items nothing else names.
    Rest(Rc<Rest>),
}

/// A rest entry (`MetaNavRestItem`): `...`, `... | flat`, `... | glob`,
/// `... | regex=expression`; equal when written the same.
#[derive(Debug)]
pub(super) struct Rest {
    /// As written.
    pub(super) value: String,
    /// `| flat`: in `mkdocs.yml`, the pages without their folders' sections.
    pub(super) flat: bool,
    pub(super) kind: RestKind,
}

/// What a rest entry takes.
#[derive(Debug)]
pub(super) enum RestKind {
    All,
    /// wcmatch's `globmatch` with `GLOBSTAR`; `None` when it cannot be read.
    Glob(Option<GlobMatcher>),
    /// Python's `re.search`; `None` when it cannot be read.
    Regex(Option<Regex>),
}

/// The plugin's own expression of a rest entry: a text that starts with `...`.
static REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\.{3}\s*(?:\|\s*(flat)\s*)?\s*(?:\|\s*(?:(regex|glob)=)?(.*))?").expect("a valid expression")
});

impl Rest {
    /// The rest entry `value` is, if it is one, with what cannot be read of its pattern.
    pub(super) fn parse(value: &str) -> Option<(Rest, Option<String>)> {
        let found = REST.captures(value)?;
        let flat = found.get(1).is_some();
        let pattern = found.get(3).map(|m| m.as_str().to_string());
        let (kind, problem) = match (found.get(2).map(|m| m.as_str()), &pattern) {
            (Some("regex"), Some(pattern)) => {
                match regex::RegexBuilder::new(pattern).size_limit(1 << 20).nest_limit(64).build() {
                    Ok(regex) => (RestKind::Regex(Some(regex)), None),
                    Err(e) => (RestKind::Regex(None), Some(format!("the expression {pattern:?} cannot be read: {e}"))),
                }
            }
            (_, Some(pattern)) => match glob(pattern) {
                Ok(glob) => (RestKind::Glob(Some(glob)), None),
                Err(why) => (RestKind::Glob(None), Some(why)),
            },
            (_, None) => (RestKind::All, None),
        };
        Some((Rest { value: value.to_string(), flat, kind }, problem))
    }

    /// The glob or expression written after `|`.
    #[cfg(test)]
    pub(super) fn pattern(&self) -> Option<&str> {
        REST.captures(&self.value)?.get(3).map(|m| m.as_str())
    }

    /// Whether it takes the item at `path` (`None` for a link or a section of no folder).
    pub(super) fn matches(&self, path: Option<&str>) -> bool {
        match &self.kind {
            RestKind::All => true,
            RestKind::Glob(glob) => path.zip(glob.as_ref()).is_some_and(|(path, glob)| glob.is_match(path)),
            RestKind::Regex(regex) => path.zip(regex.as_ref()).is_some_and(|(path, regex)| regex.is_match(path)),
        }
    }
}

/// A glob as wcmatch's `globmatch` reads it with `GLOBSTAR`: `*` within a name, `**`
/// through folders, no braces.
fn glob(pattern: &str) -> Result<GlobMatcher, String> {
    let literal_braces = pattern.replace('{', "\\{").replace('}', "\\}");
    GlobBuilder::new(&literal_braces)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
        .map(|glob| glob.compile_matcher())
        .map_err(|e| format!("the pattern {pattern:?} cannot be read: {}", e.kind()))
}

/// The rest entries of one `nav` in the order they take items (`RestItemList`): the
/// patterns as written, then the one that takes everything (the last written).
#[derive(Debug, Default)]
pub(super) struct RestList {
    patterns: Vec<Rc<Rest>>,
    all: Option<Rc<Rest>>,
}

impl RestList {
    pub(super) fn push(&mut self, rest: Rc<Rest>) {
        match rest.kind {
            RestKind::All => self.all = Some(rest),
            _ => self.patterns.push(rest),
        }
    }

    /// The entries in the order they are tried.
    pub(super) fn ordered(&self) -> impl Iterator<Item = &Rc<Rest>> {
        self.patterns.iter().chain(self.all.as_ref())
    }

    /// The place in [`Self::ordered`] of the entry written as `value`.
    pub(super) fn slot(&self, value: &str) -> Option<usize> {
        self.ordered().position(|rest| rest.value == value)
    }

    pub(super) fn contains(&self, value: &str) -> bool {
        self.slot(value).is_some()
    }

    pub(super) fn len(&self) -> usize {
        self.patterns.len() + usize::from(self.all.is_some())
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The keys of a `.pages` read from its YAML `node`; `Err` is the first value the
/// plugin would refuse, at its line and column (MkDocs then stops; opsbook arranges
/// the folder by the defaults).
pub(super) fn read_meta(node: &Located<Node>, problems: &mut Vec<Fault>) -> Result<Meta, Fault> {
    let mut meta = Meta::default();
    let entries = match &node.value {
        Node::Null => return Ok(meta),
        Node::Map(entries) => entries,
        _ => return Err(at(node, "a `.pages` holds a mapping of settings".into())),
    };
    let mut arrange = None;
    for (key, value) in entries {
        if value.value == Node::Null {
            continue;
        }
        match key.value.as_str() {
            "title" => match &value.value {
                Node::Text(title) => (meta.title, meta.title_at) = (Some(title.clone()), (key.line, key.column)),
                _ => return Err(at(value, "`title` is a text".into())),
            },
            "arrange" => arrange = Some(read_arrange(value, problems)?),
            "nav" => meta.nav = Some(read_nav(value, problems)?),
            "collapse" => meta.collapse = Some(flag(value, "collapse")?),
            "collapse_single_pages" => meta.collapse_single_pages = Some(flag(value, "collapse_single_pages")?),
            "hide" => (meta.hide, meta.hide_at) = (Some(flag(value, "hide")?), (key.line, key.column)),
            "ignore_case" => meta.ignore_case = Some(flag(value, "ignore_case")?),
            "order" => meta.order = Some(order(value)?),
            "sort_type" => meta.natural = choice(value, "sort_type", &["natural"])? == "natural",
            "order_by" => meta.order_by = Some(order_by(value)?),
            // Like the plugin, other keys are not read.
            _ => {}
        }
    }
    if meta.nav.is_none() {
        meta.nav = arrange;
    }
    Ok(meta)
}

/// `arrange`, the older `nav`: a list of names, a `...` added at the end unless written.
fn read_arrange(node: &Located<Node>, problems: &mut Vec<Fault>) -> Result<Vec<NavItem>, Fault> {
    let Node::List(list) = &node.value else { return Err(at(node, "`arrange` is a list of names".into())) };
    if !list.iter().all(|item| matches!(item.value, Node::Text(_))) {
        return Err(at(node, "`arrange` is a list of names".into()));
    }
    if list.iter().filter(|item| item.value == Node::Text("...".into())).count() > 1 {
        return Err(at(node, "`arrange` has `...` twice".into()));
    }
    let mut items = list.iter().map(|item| nav_item(item, problems)).collect::<Result<Vec<_>, _>>()?;
    if !items.iter().any(|item| matches!(item, NavItem::Rest(rest) if rest.value == "...")) {
        items.push(NavItem::Rest(Rc::new(Rest::parse("...").expect("a rest entry").0)));
    }
    Ok(items)
}

/// `nav`: a list of items, no rest entry written twice.
fn read_nav(node: &Located<Node>, problems: &mut Vec<Fault>) -> Result<Vec<NavItem>, Fault> {
    let Node::List(list) = &node.value else { return Err(at(node, "`nav` is a list".into())) };
    let mut seen = Vec::new();
    let mut items = Vec::with_capacity(list.len());
    for item in list {
        let read = nav_item(item, problems)?;
        if let NavItem::Rest(rest) = &read {
            if seen.contains(&rest.value) {
                return Err(at(item, format!("the rest entry {:?} is written twice", rest.value)));
            }
            seen.push(rest.value.clone());
        }
        items.push(read);
    }
    Ok(items)
}

/// An item of `nav` (`MetaNavItem.from_yaml`).
fn nav_item(node: &Located<Node>, problems: &mut Vec<Fault>) -> Result<NavItem, Fault> {
    match &node.value {
        Node::Text(value) => Ok(match Rest::parse(value) {
            Some((rest, problem)) => {
                problems.extend(problem.map(|problem| at(node, problem)));
                NavItem::Rest(Rc::new(rest))
            }
            None => NavItem::Name { value: value.clone(), title: None, at: (node.line, node.column) },
        }),
        Node::Map(entries) if entries.len() == 1 => {
            let (title, value) = &entries[0];
            match &value.value {
                Node::Text(target) => Ok(NavItem::Name {
                    value: target.clone(),
                    title: Some(title.value.clone()),
                    at: (value.line, value.column),
                }),
                Node::List(list) => Ok(NavItem::Section {
                    title: title.value.clone(),
                    items: list.iter().map(|item| nav_item(item, problems)).collect::<Result<_, _>>()?,
                }),
                _ => Err(at(value, format!("`{}` names a file, a folder, a link or a list of items", title.value))),
            }
        }
        _ => Err(at(node, "an item of `nav` is a name, `...`, `Title: value` or `Title: [items]`".into())),
    }
}

fn order(node: &Located<Node>) -> Result<Order, Fault> {
    Ok(if choice(node, "order", &["asc", "desc"])? == "asc" { Order::Asc } else { Order::Desc })
}

fn order_by(node: &Located<Node>) -> Result<OrderBy, Fault> {
    Ok(if choice(node, "order_by", &["filename", "title"])? == "title" { OrderBy::Title } else { OrderBy::Filename })
}

/// A text that is one of `choices`.
fn choice<'n>(node: &'n Located<Node>, key: &str, choices: &[&str]) -> Result<&'n str, Fault> {
    match &node.value {
        Node::Text(word) if choices.contains(&word.as_str()) => Ok(word),
        _ => Err(at(
            node,
            format!("`{key}` is {}", choices.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(" or ")),
        )),
    }
}

fn flag(node: &Located<Node>, key: &str) -> Result<bool, Fault> {
    match &node.value {
        Node::Bool(value) => Ok(*value),
        _ => Err(at(node, format!("`{key}` is `true` or `false`"))),
    }
}

fn at<T>(node: &Located<T>, message: String) -> Fault {
    (node.line, node.column, message)
}

/// The plugin's options (`Options`), from its entry in `mkdocs.yml`'s `plugins`.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// `filename`: the settings files' name, a plain name (`.pages`).
    pub(super) filename: String,
    pub(super) collapse_single_pages: bool,
    /// `strict`: a name that is not found stops MkDocs's build (`true` unless set).
    pub(super) strict: bool,
    pub(super) order: Option<Order>,
    pub(super) natural: bool,
    pub(super) order_by: Option<OrderBy>,
    pub(super) ignore_case: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            filename: ".pages".into(),
            collapse_single_pages: false,
            strict: true,
            order: None,
            natural: false,
            order_by: None,
            ignore_case: false,
        }
    }
}

/// The options of the plugin when `mkdocs.yml`'s text lists `awesome-pages` in
/// `plugins`, with a problem for each value it refuses (the default is kept).
pub(crate) fn options(text: &str) -> Option<(Options, Vec<Fault>)> {
    let settings = super::super::nav::plugin_settings(text, "awesome-pages")?;
    let mut options = Options::default();
    let mut problems = Vec::new();
    let Node::Map(entries) = settings else { return Some((options, problems)) };
    for (key, value) in &entries {
        if value.value == Node::Null && key.value != "filename" {
            continue;
        }
        let read = match key.value.as_str() {
            "filename" => match &value.value {
                Node::Text(name) if !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".." => {
                    options.filename = name.clone();
                    Ok(())
                }
                _ => Err(at(value, "`filename` is a file name, without a folder".into())),
            },
            "collapse_single_pages" => flag(value, &key.value).map(|v| options.collapse_single_pages = v),
            "strict" => flag(value, &key.value).map(|v| options.strict = v),
            "ignore_case" => flag(value, &key.value).map(|v| options.ignore_case = v),
            "order" => order(value).map(|v| options.order = Some(v)),
            "sort_type" => choice(value, "sort_type", &["natural"]).map(|_| options.natural = true),
            "order_by" => order_by(value).map(|v| options.order_by = Some(v)),
            _ => Ok(()),
        };
        problems.extend(read.err());
    }
    Some((options, problems))
}
