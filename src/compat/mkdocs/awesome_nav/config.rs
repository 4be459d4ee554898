//! A folder's `.nav.yml` as the awesome-nav plugin reads it (`nav/config.py`): its keys,
//! what a folder inherits from the folder above, and the items of its `nav`.

use std::rc::Rc;

use globset::{GlobBuilder, GlobMatcher};

use crate::content::node::{Located, Node};

/// What `sort` says (`sort.by`, `sort.direction`, ...), each key unset until written.
#[derive(Debug, Clone, Default)]
pub(super) struct SortModel {
    pub(super) by: Option<By>,
    pub(super) descending: Option<bool>,
    pub(super) natural: Option<bool>,
    pub(super) sections: Option<Sections>,
    pub(super) ignore_case: Option<bool>,
}

/// `sort.by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum By {
    Path,
    Filename,
    Title,
}

/// `sort.sections`: where the folders go among the pages a pattern finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sections {
    First,
    Last,
    Mixed,
}

/// The keys of a `.nav.yml` (or of a pattern's options), each unset until written.
#[derive(Debug, Clone, Default)]
pub(super) struct Model {
    pub(super) title: Option<String>,
    pub(super) hide: bool,
    pub(super) flatten: Option<bool>,
    pub(super) preserve_names: Option<bool>,
    pub(super) use_index_title: Option<bool>,
    pub(super) sort: SortModel,
    /// `ignore`; `None` inherits the folder above's.
    pub(super) ignore: Option<Vec<String>>,
    /// `nav`; `None` is the plugin's default: the folder's index, then everything.
    pub(super) nav: Option<Vec<Item>>,
    pub(super) append_unmatched: Option<bool>,
}

/// An item of a `nav` list.
#[derive(Debug, Clone)]
pub(super) enum Item {
    /// A file, a folder or a glob pattern, as written (`guide.md`, `ops`, `*.md`).
    Name(String),
    /// `Title: value`: a titled file or folder, else a link.
    Titled(String, String),
    /// `Title: [items]`: a section of its own.
    Section(String, Vec<Item>),
    /// `glob: pattern` with its own options.
    Pattern { glob: String, options: Box<Model>, ignore_no_matches: bool },
}

/// A folder's settings, with what it inherits resolved (`NavConfig`).
#[derive(Debug)]
pub(super) struct Settings {
    /// The folder, relative to the docs folder (`""` for the docs folder).
    pub(super) dir: String,
    pub(super) nav: Vec<Item>,
    pub(super) title: Option<String>,
    pub(super) hide: bool,
    pub(super) flatten: bool,
    pub(super) preserve_names: bool,
    pub(super) use_index_title: bool,
    pub(super) by: By,
    pub(super) descending: bool,
    pub(super) natural: bool,
    pub(super) sections: Sections,
    pub(super) ignore_case: bool,
    /// The `ignore` patterns, made absolute.
    pub(super) ignore: Vec<Glob>,
    pub(super) append_unmatched: bool,
    /// Where the settings were written, for warnings (`docs/ops/.nav.yml`).
    pub(super) file: Option<Rc<str>>,
}

/// A glob as awesome-nav matches it (wcmatch with `GLOBSTAR` and `EXTGLOB`): `*` stays
/// within a name, `**` crosses folders, `@(a|b)` is either; a pattern that ends with `/`
/// matches folders only.
#[derive(Debug, Clone)]
pub(super) struct Glob {
    matcher: Option<GlobMatcher>,
    folders_only: bool,
}

impl Glob {
    /// `pattern` made absolute under `dir`; `Err` names what cannot be read.
    pub(super) fn new(dir: &str, pattern: &str) -> Result<Glob, String> {
        let folders_only = pattern.ends_with('/');
        let pattern = pattern.trim_end_matches('/');
        let absolute = if dir.is_empty() { pattern.to_string() } else { format!("{dir}/{pattern}") };
        let translated = extglob_to_braces(&absolute)?;
        let matcher = GlobBuilder::new(&translated)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("the pattern {pattern:?} cannot be read: {}", e.kind()))?
            .compile_matcher();
        Ok(Glob { matcher: Some(matcher), folders_only })
    }

    /// A glob that matches nothing (one that could not be read).
    pub(super) fn nothing() -> Glob {
        Glob { matcher: None, folders_only: false }
    }

    /// Whether it matches the file or folder `path` (relative to the docs folder).
    pub(super) fn matches(&self, path: &str, is_dir: bool) -> bool {
        (is_dir || !self.folders_only) && self.matcher.as_ref().is_some_and(|m| m.is_match(path))
    }
}

/// wcmatch's `@(a|b)` and `?(a|b)` as globset's `{a,b}` and `{a,b,}`; its other
/// extended forms (`!(…)`, `+(…)`, `*(…)`) and a group inside a group are refused.
fn extglob_to_braces(pattern: &str) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    let mut depth = 0usize;
    let mut optional = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '@' | '?' | '!' | '+' | '*' if chars.peek() == Some(&'(') => {
                if c != '@' && c != '?' || depth > 0 {
                    return Err(format!("the pattern {pattern:?} uses `{c}(…)`, which opsbook does not read"));
                }
                chars.next();
                depth += 1;
                optional.push(c == '?');
                out.push('{');
            }
            '|' if depth > 0 => out.push(','),
            ')' if depth > 0 => {
                depth -= 1;
                if optional.pop() == Some(true) {
                    out.push(',');
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    if depth > 0 {
        return Err(format!("the pattern {pattern:?} opens a group it does not close"));
    }
    Ok(out)
}

impl Settings {
    /// The settings of folder `dir` from `model`, under `parent`'s.
    pub(super) fn new(
        model: &Model,
        dir: &str,
        file: Option<Rc<str>>,
        parent: Option<&Settings>,
        problems: &mut Vec<String>,
    ) -> Settings {
        let inherit = |own: Option<bool>, from: fn(&Settings) -> bool| own.or(parent.map(from)).unwrap_or(false);
        let sort = &model.sort;
        // Each sort key falls back to the parent's when unset or false (`or` in Python).
        let by = sort.by.or(parent.map(|p| p.by)).unwrap_or(By::Path);
        let descending = sort.descending.or(parent.map(|p| p.descending)).unwrap_or(false);
        let natural = sort.natural.or(parent.map(|p| p.natural)).unwrap_or(true);
        let sections = sort.sections.or(parent.map(|p| p.sections)).unwrap_or(Sections::Last);
        let ignore_case = sort.ignore_case == Some(true) || parent.is_some_and(|p| p.ignore_case);
        let mut ignore = Vec::new();
        for pattern in model.ignore.clone().unwrap_or_else(|| vec![INHERIT.to_string()]) {
            if pattern == INHERIT {
                ignore.extend(parent.map(|p| p.ignore.clone()).unwrap_or_default());
                continue;
            }
            let glob = match pattern.strip_prefix('/') {
                Some(rooted) => Glob::new(dir, rooted),
                None if dir.is_empty() => Glob::new("**", &pattern),
                None => Glob::new(&format!("{dir}/**"), &pattern),
            };
            ignore.push(glob.unwrap_or_else(|why| {
                problems.push(why);
                Glob::nothing()
            }));
        }
        let append_unmatched = inherit(model.append_unmatched, |p| p.append_unmatched);
        let mut nav = model.nav.clone().unwrap_or_else(default_nav);
        if append_unmatched {
            nav.push(Item::Pattern { glob: "*".into(), options: Box::default(), ignore_no_matches: true });
        }
        Settings {
            dir: dir.to_string(),
            nav,
            title: model.title.clone(),
            hide: model.hide,
            flatten: inherit(model.flatten, |p| p.flatten),
            preserve_names: inherit(model.preserve_names, |p| p.preserve_names),
            use_index_title: inherit(model.use_index_title, |p| p.use_index_title),
            by,
            descending,
            natural,
            sections,
            ignore_case,
            ignore,
            append_unmatched,
            file,
        }
    }
}

/// The word of an `ignore` list that stands for the folder above's patterns.
const INHERIT: &str = "$inherit";

/// The `nav` of a folder without one: its index page, then everything else.
fn default_nav() -> Vec<Item> {
    vec![
        Item::Pattern { glob: "@(index.md|README.md)".into(), options: Box::default(), ignore_no_matches: true },
        Item::Pattern { glob: "*".into(), options: Box::default(), ignore_no_matches: true },
    ]
}

/// The keys of a `.nav.yml` read from its YAML `node`; `Err` is the first key whose
/// value the plugin would refuse, at its line and column (the plugin then uses the
/// defaults for the whole folder).
pub(super) fn read_model(node: &Located<Node>) -> Result<Model, (usize, usize, String)> {
    let mut model = Model::default();
    let entries = match &node.value {
        Node::Null => return Ok(model),
        Node::Map(entries) => entries,
        _ => return Err(at(node, "a `.nav.yml` holds a mapping of settings".into())),
    };
    for (key, value) in entries {
        match key.value.as_str() {
            "title" => model.title = Some(text(value, "title")?),
            "hide" => model.hide = flag(value, "hide")?,
            "nav" => model.nav = Some(items(value)?),
            _ => read_option(&mut model, key, value)?,
        }
    }
    Ok(model)
}

/// A key that a folder's settings and a pattern's options share.
fn read_option(model: &mut Model, key: &Located<String>, value: &Located<Node>) -> Result<(), (usize, usize, String)> {
    match key.value.as_str() {
        "flatten_single_child_sections" => model.flatten = Some(flag(value, &key.value)?),
        "preserve_directory_names" => model.preserve_names = Some(flag(value, &key.value)?),
        "use_index_title" => model.use_index_title = Some(flag(value, &key.value)?),
        "append_unmatched" => model.append_unmatched = Some(flag(value, &key.value)?),
        "ignore" => {
            model.ignore = match &value.value {
                Node::Null => None,
                Node::List(list) => Some(list.iter().map(|p| text(p, "ignore")).collect::<Result<_, _>>()?),
                _ => Some(vec![text(value, "ignore")?]),
            }
        }
        "sort" => model.sort = read_sort(value)?,
        // Like the plugin's settings model, other keys are ignored.
        _ => {}
    }
    Ok(())
}

fn read_sort(node: &Located<Node>) -> Result<SortModel, (usize, usize, String)> {
    let mut sort = SortModel::default();
    let Node::Map(entries) = &node.value else { return Err(at(node, "`sort` holds a mapping".into())) };
    for (key, value) in entries {
        let word = || text(value, &key.value);
        match key.value.as_str() {
            "by" => {
                sort.by = Some(match word()?.as_str() {
                    "path" => By::Path,
                    "filename" => By::Filename,
                    "title" => By::Title,
                    _ => return Err(at(value, "`sort.by` is `path`, `filename` or `title`".into())),
                })
            }
            "direction" => {
                sort.descending = Some(match word()?.as_str() {
                    "asc" => false,
                    "desc" => true,
                    _ => return Err(at(value, "`sort.direction` is `asc` or `desc`".into())),
                })
            }
            "type" => {
                sort.natural = Some(match word()?.as_str() {
                    "natural" => true,
                    "alphabetical" => false,
                    _ => return Err(at(value, "`sort.type` is `natural` or `alphabetical`".into())),
                })
            }
            "sections" => {
                sort.sections = Some(match word()?.as_str() {
                    "first" => Sections::First,
                    "last" => Sections::Last,
                    "mixed" => Sections::Mixed,
                    _ => return Err(at(value, "`sort.sections` is `first`, `last` or `mixed`".into())),
                })
            }
            "ignore_case" => sort.ignore_case = Some(flag(value, "ignore_case")?),
            _ => {}
        }
    }
    Ok(sort)
}

/// The items of a `nav` list.
fn items(node: &Located<Node>) -> Result<Vec<Item>, (usize, usize, String)> {
    let Node::List(list) = &node.value else { return Err(at(node, "`nav` holds a list".into())) };
    list.iter().map(item).collect()
}

fn item(node: &Located<Node>) -> Result<Item, (usize, usize, String)> {
    let entries = match &node.value {
        Node::Text(name) if !name.is_empty() => return Ok(Item::Name(name.clone())),
        Node::Map(entries) => entries,
        _ => return Err(at(node, "an item of `nav` is a name, `Title: value` or `glob: pattern`".into())),
    };
    if entries.iter().any(|(key, _)| key.value == "glob") {
        let mut options = Model::default();
        let (mut glob, mut ignore_no_matches) = (String::new(), false);
        for (key, value) in entries {
            match key.value.as_str() {
                "glob" => glob = text(value, "glob")?,
                "ignore_no_matches" => ignore_no_matches = flag(value, "ignore_no_matches")?,
                _ => read_option(&mut options, key, value)?,
            }
        }
        return Ok(Item::Pattern { glob, options: Box::new(options), ignore_no_matches });
    }
    match entries.as_slice() {
        [(title, value)] if !title.value.is_empty() => match &value.value {
            Node::Text(target) if !target.is_empty() => Ok(Item::Titled(title.value.clone(), target.clone())),
            Node::List(_) => Ok(Item::Section(title.value.clone(), items(value)?)),
            _ => Err(at(value, format!("`{}` names a file, a folder, a link or a list of items", title.value))),
        },
        _ => Err(at(node, "an item of `nav` has one title".into())),
    }
}

fn text(node: &Located<Node>, key: &str) -> Result<String, (usize, usize, String)> {
    match &node.value {
        Node::Text(text) if !text.is_empty() => Ok(text.clone()),
        _ => Err(at(node, format!("`{key}` is a text"))),
    }
}

fn flag(node: &Located<Node>, key: &str) -> Result<bool, (usize, usize, String)> {
    match &node.value {
        Node::Bool(value) => Ok(*value),
        _ => Err(at(node, format!("`{key}` is `true` or `false`"))),
    }
}

fn at<T>(node: &Located<T>, message: String) -> (usize, usize, String) {
    (node.line, node.column, message)
}
