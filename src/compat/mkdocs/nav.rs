//! Reads the `nav:` of an MkDocs configuration (`mkdocs.yml`) into [`NavEntry`]s, and
//! its `docs_dir`. Every other key is ignored.
//!
//! 1. YAML tags that MkDocs configurations carry for Python (`!!python/name:…`,
//!    `!ENV`, `!relative`) are blanked out first, keeping every column, so that they
//!    read as the plain value after them (or nothing) instead of failing the parse.
//! 2. The file is parsed with locations ([`crate::content::front_matter::parse_yaml_documents`]).
//! 3. Each item of `nav` is `page.md` or `https://…` (no title), or a one-key mapping
//!    `Title: page.md`, `Title: https://…` or `Title: [items]` (a section). Anything
//!    else is a problem at its line and column, and is skipped.

use crate::content::nav_file::{NavEntry, NavLink};
use crate::content::node::{Located, Node};
use crate::content::site_data::JinjaPages;

/// What [`parse_mkdocs`] read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MkDocsNav {
    /// The entries of `nav`, paths relative to the docs folder (empty without `nav`).
    pub entries: Vec<NavEntry>,
    /// `docs_dir`, when set.
    pub docs_dir: Option<String>,
    /// The line of `docs_dir` (1 without it).
    pub docs_dir_line: usize,
    /// Entries that could not be read: line, column, message.
    pub problems: Vec<(usize, usize, String)>,
    /// `use_directory_urls` (`true` unless set to `false`): pages at `page/`, not
    /// `page.html`.
    pub directory_urls: bool,
}

/// Parses the text of an `mkdocs.yml`; a file that is not YAML is an error at its
/// line and column.
pub(crate) fn parse_mkdocs(text: &str) -> Result<MkDocsNav, (usize, usize, String)> {
    let plain = blank_tags(text);
    let documents =
        crate::content::front_matter::parse_yaml_documents(&plain).map_err(|e| (e.line, e.column, e.message))?;
    let mut nav = MkDocsNav { docs_dir_line: 1, directory_urls: true, ..MkDocsNav::default() };
    let Some(Node::Map(keys)) = documents.into_iter().next() else { return Ok(nav) };
    for (key, value) in keys {
        match key.value.as_str() {
            "docs_dir" => {
                if let Node::Text(dir) = &value.value {
                    nav.docs_dir = Some(dir.clone());
                    nav.docs_dir_line = key.line;
                }
            }
            "use_directory_urls" => nav.directory_urls = value.value != Node::Bool(false),
            "nav" => match value.value {
                Node::List(items) => nav.entries = read_items(items, &mut nav.problems),
                Node::Null => {}
                _ => nav.problems.push((key.line, key.column, "`nav` must be a list of entries".into())),
            },
            _ => {}
        }
    }
    Ok(nav)
}

fn read_items(items: Vec<Located<Node>>, problems: &mut Vec<(usize, usize, String)>) -> Vec<NavEntry> {
    items.into_iter().filter_map(|item| read_item(item, problems)).collect()
}

fn read_item(item: Located<Node>, problems: &mut Vec<(usize, usize, String)>) -> Option<NavEntry> {
    let (line, column) = (item.line, item.column);
    let entry = |title: Option<String>, link: NavLink, children: Vec<NavEntry>| NavEntry {
        title,
        link,
        children,
        number: None,
        file: None,
        line,
        column,
    };
    match item.value {
        Node::Text(target) => Some(entry(None, link_of(&target), Vec::new())),
        Node::Map(mut pairs) if pairs.len() == 1 => {
            let (title, value) = pairs.remove(0);
            let title = Some(title.value.trim().to_string()).filter(|t| !t.is_empty());
            match value.value {
                Node::Text(target) => Some(NavEntry {
                    number: None,
                    file: None,
                    line: value.line,
                    column: value.column,
                    ..entry(title, link_of(&target), Vec::new())
                }),
                Node::List(children) => Some(entry(title, NavLink::None, read_items(children, problems))),
                _ => {
                    problems.push((
                        value.line,
                        value.column,
                        "a nav entry's value must be a path, an address or a list of entries".into(),
                    ));
                    None
                }
            }
        }
        _ => {
            problems.push((line, column, "a nav entry must be a path, or one `Title: value` pair".into()));
            None
        }
    }
}

/// The `base_path` of `pymdownx.snippets` in the `markdown_extensions` of an
/// `mkdocs.yml` (a folder or a list of them, relative to the file's folder), as plain
/// relative paths (`.` is `""`, the file's folder); `None` when it names none, or none
/// that stays inside that folder. pymdownx reads its snippets from there
/// (`SnippetPreprocessor.get_snippet_path`), `.` unless set.
pub(crate) fn snippet_base_paths(text: &str) -> Option<Vec<String>> {
    let (_, settings) =
        named_entries(text, "markdown_extensions")?.into_iter().find(|(name, _)| name == "pymdownx.snippets")?;
    let Node::Map(settings) = settings else { return None };
    let (_, base) = settings.into_iter().find(|(key, _)| key.value == "base_path")?;
    let written: Vec<String> = match base.value {
        Node::Text(path) => vec![path],
        Node::List(items) => items
            .into_iter()
            .filter_map(|item| match item.value {
                Node::Text(path) => Some(path),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let plain: Vec<String> = written.iter().filter_map(|path| plain_folder(path)).collect();
    (!plain.is_empty()).then_some(plain)
}

/// Reads into `roots` where the includes of `mkdocs.yml`'s text (its
/// `markdown_extensions`) read files: `pymdownx.snippets`' `base_path`s
/// ([`snippet_base_paths`]), and markdown-include's ([`markdown_include_bases`]).
pub(crate) fn read_include_roots(text: &str, roots: &mut crate::content::include_roots::IncludeRoots) {
    roots.snippet_bases = snippet_base_paths(text).unwrap_or_default();
    roots.markdown_include = markdown_include_bases(text);
}

/// The folders markdown-include's `{!file!}` reads from when `mkdocs.yml`'s text
/// configures `markdown_include.include`: its `base_path` (`.`, the file's folder,
/// unless set), as a plain relative path; none when it leaves that folder.
pub(crate) fn markdown_include_bases(text: &str) -> Option<Vec<String>> {
    let (_, settings) =
        named_entries(text, "markdown_extensions")?.into_iter().find(|(name, _)| name == "markdown_include.include")?;
    let written = match settings {
        Node::Map(settings) => settings.into_iter().find(|(key, _)| key.value == "base_path").map(|(_, v)| v.value),
        _ => None,
    };
    Some(match written {
        Some(Node::Text(path)) => plain_folder(&path).into_iter().collect(),
        Some(_) => Vec::new(),
        None => vec![String::new()],
    })
}

/// The entries of the list `key` of `mkdocs.yml`'s text (`markdown_extensions`,
/// `plugins`), each with its settings (`Null` for a name alone): a list of names or
/// one-key mappings, or one mapping of them all.
pub(super) fn named_entries(text: &str, key: &str) -> Option<Vec<(String, Node)>> {
    let documents = crate::content::front_matter::parse_yaml_documents(&blank_tags(text)).ok()?;
    let Some(Node::Map(keys)) = documents.into_iter().next() else { return None };
    let (_, extensions) = keys.into_iter().find(|(found, _)| found.value == key)?;
    Some(match extensions.value {
        Node::List(items) => items
            .into_iter()
            .filter_map(|item| match item.value {
                Node::Text(name) => Some((name, Node::Null)),
                Node::Map(mut pairs) if pairs.len() == 1 => {
                    let (name, value) = pairs.remove(0);
                    Some((name.value, value.value))
                }
                _ => None,
            })
            .collect(),
        Node::Map(pairs) => pairs.into_iter().map(|(name, value)| (name.value, value.value)).collect(),
        _ => return None,
    })
}

/// `site_url` of `mkdocs.yml`'s text: the address the site is published at, its
/// subfolder included (<https://www.mkdocs.org/user-guide/configuration/#site_url>).
pub(crate) fn site_url(text: &str) -> Option<String> {
    let documents = crate::content::front_matter::parse_yaml_documents(&blank_tags(text)).ok()?;
    let Some(Node::Map(keys)) = documents.into_iter().next() else { return None };
    keys.into_iter().find(|(key, _)| key.value == "site_url").and_then(|(_, value)| match value.value {
        Node::Text(url) => Some(url),
        _ => None,
    })
}

/// Whether `mkdocs.yml`'s text enables the Markdown extension `name` (`def_list`,
/// Python-Markdown's name, or with its package, `markdown.extensions.def_list`).
pub(crate) fn has_extension(text: &str, name: &str) -> bool {
    let qualified = format!("markdown.extensions.{name}");
    named_entries(text, "markdown_extensions")
        .is_some_and(|list| list.iter().any(|(n, _)| *n == name || *n == qualified))
}

/// The name of awesome-nav's settings files (its `filename` option, `.nav.yml` unless
/// set) when `mkdocs.yml`'s text lists the plugin in `plugins`.
pub(crate) fn awesome_nav_filename(text: &str) -> Option<String> {
    let (_, options) = named_entries(text, "plugins")?.into_iter().find(|(name, _)| name == "awesome-nav")?;
    let written = match options {
        Node::Map(options) => {
            options.into_iter().find(|(key, _)| key.value == "filename").and_then(|(_, v)| match v.value {
                Node::Text(name) if !name.is_empty() && !name.contains('/') && name != ".." => Some(name),
                _ => None,
            })
        }
        _ => None,
    };
    Some(written.unwrap_or_else(|| ".nav.yml".to_string()))
}

/// The settings of the plugin `name` when `mkdocs.yml`'s text lists it in `plugins`
/// (`Null` for its name alone), each value at its line and column.
pub(crate) fn plugin_settings(text: &str, name: &str) -> Option<Node> {
    named_entries(text, "plugins")?.into_iter().find(|(found, _)| found == name).map(|(_, settings)| settings)
}

/// The pages mkdocs-macros-plugin renders, by its `render_by_default` setting (`true`
/// unless written `false`), when `plugins` enables it.
pub(crate) fn macros_pages(text: &str) -> JinjaPages {
    let plugins = named_entries(text, "plugins").unwrap_or_default();
    let Some((_, settings)) = plugins.iter().find(|(name, _)| name == "macros") else { return JinjaPages::None };
    let by_default = match settings {
        Node::Map(pairs) => pairs.iter().find(|(key, _)| key.value == "render_by_default").map(|(_, v)| &v.value),
        _ => None,
    };
    if by_default == Some(&Node::Bool(false)) { JinjaPages::OptIn } else { JinjaPages::ByDefault }
}

/// A relative folder path with `.` segments dropped (`./docs/` is `docs`, `.` is `""`),
/// or `None` for an absolute path or one with `..` or a hidden part.
fn plain_folder(path: &str) -> Option<String> {
    let path = path.trim();
    if path.starts_with('/') || path.contains('\\') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            hidden if hidden.starts_with('.') => return None,
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// A page path, or an address: one with a scheme (`https:`, `mailto:`) or a `//` host,
/// or an absolute path, which MkDocs takes to point outside the docs (`get_navigation`
/// in `structure/nav.py`, with `validation.nav.absolute_links` at its default).
fn link_of(target: &str) -> NavLink {
    let target = target.trim();
    let scheme = target.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
    });
    if scheme || target.starts_with('/') {
        NavLink::External(target.to_string())
    } else {
        NavLink::Page(target.to_string())
    }
}

/// `text` with every YAML tag (`!name`, `!!name`, `!<…>`) that starts a value replaced
/// by spaces, outside quotes and comments.
pub(super) fn blank_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        let mut blanking = false;
        for (at, c) in line.char_indices() {
            if blanking && !(c.is_whitespace() || ",]}".contains(c)) {
                out.push(' ');
                continue;
            }
            blanking = false;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') if previous.is_whitespace() || "[{,:-".contains(previous) => quote = Some(c),
                (None, '#') if previous.is_whitespace() => {
                    out.push_str(&line[at..]);
                    break;
                }
                (None, '!') if previous.is_whitespace() || "[{,".contains(previous) => {
                    blanking = true;
                    out.push(' ');
                    previous = ' ';
                    continue;
                }
                _ => {}
            }
            out.push(c);
            previous = c;
        }
    }
    out
}

#[cfg(test)]
mod tree_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn titles_and_links(entries: &[NavEntry]) -> Vec<(String, NavLink, usize)> {
        NavEntry::flatten(entries)
            .into_iter()
            .map(|e| (e.title.clone().unwrap_or_default(), e.link.clone(), e.children.len()))
            .collect()
    }

    #[test]
    fn reads_every_form_of_nav_entry() {
        let text = "site_name: X\nnav:\n  - index.md\n  - Start: 'start.md'\n  - Ops:\n    - ops/index.md\n    - Paging: ops/paging.md\n  - Status: https://status.example.org/\n";
        let nav = parse_mkdocs(text).unwrap();
        assert!(nav.problems.is_empty(), "{:?}", nav.problems);
        let page = |p: &str| NavLink::Page(p.into());
        assert_eq!(
            titles_and_links(&nav.entries),
            [
                (String::new(), page("index.md"), 0),
                ("Start".into(), page("start.md"), 0),
                ("Ops".into(), NavLink::None, 2),
                (String::new(), page("ops/index.md"), 0),
                ("Paging".into(), page("ops/paging.md"), 0),
                ("Status".into(), NavLink::External("https://status.example.org/".into()), 0),
            ]
        );
        assert_eq!((nav.entries[1].line, nav.entries[1].column), (4, 12));
        assert_eq!((nav.entries[0].line, nav.entries[0].column), (3, 5));
    }

    #[test]
    fn ignores_python_tags_and_other_keys() {
        let text = "docs_dir: pages\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n      x: !ENV [HOME, '/']\nnav:\n  - A: a.md # a comment with !bang\n";
        let nav = parse_mkdocs(text).unwrap();
        assert_eq!(nav.docs_dir.as_deref(), Some("pages"));
        assert_eq!(nav.entries.len(), 1);
        assert_eq!(nav.entries[0].link, NavLink::Page("a.md".into()));
    }

    #[test]
    fn reads_whether_awesome_nav_arranges_the_navigation_and_its_file_name() {
        assert_eq!(awesome_nav_filename("plugins:\n  - search\n  - awesome-nav\n").as_deref(), Some(".nav.yml"));
        let named = "plugins:\n  - awesome-nav:\n      filename: nav.yaml\n";
        assert_eq!(awesome_nav_filename(named).as_deref(), Some("nav.yaml"));
        let escaping = "plugins:\n  - awesome-nav:\n      filename: ../x.yml\n";
        assert_eq!(awesome_nav_filename(escaping).as_deref(), Some(".nav.yml"));
        assert_eq!(awesome_nav_filename("plugins:\n  - awesome-pages\n"), None);
    }

    #[test]
    fn reads_the_site_url() {
        assert_eq!(
            site_url("site_name: x\nsite_url: https://example.com/foo/\n").as_deref(),
            Some("https://example.com/foo/")
        );
        assert_eq!(site_url("site_name: x\nsite_url:\n"), None);
        assert_eq!(site_url("site_name: x\n"), None);
        assert_eq!(site_url("site_url: [1]\n"), None);
    }

    #[test]
    fn reads_the_snippets_base_path() {
        let text = "markdown_extensions:\n  - admonition\n  - pymdownx.snippets:\n      base_path: [docs, ./includes/, ../up, .]\n      check_paths: true\n";
        assert_eq!(snippet_base_paths(text), Some(vec!["docs".into(), "includes".into(), String::new()]));
        let one = "markdown_extensions:\n  pymdownx.snippets:\n    base_path: snippets\n";
        assert_eq!(snippet_base_paths(one), Some(vec!["snippets".into()]));
        assert_eq!(snippet_base_paths("markdown_extensions:\n  - pymdownx.snippets\n"), None);
        assert_eq!(snippet_base_paths("nav: []\n"), None);
    }

    #[test]
    fn reads_markdown_include_s_base_path_and_the_macros_plugin() {
        let configured = "markdown_extensions:\n  - markdown_include.include:\n      base_path: ./docs/shared\n";
        assert_eq!(markdown_include_bases(configured), Some(vec!["docs/shared".into()]));
        let default = "markdown_extensions:\n  - markdown_include.include\n  - toc\n";
        assert_eq!(markdown_include_bases(default), Some(vec![String::new()]));
        let outside = "markdown_extensions:\n  - markdown_include.include:\n      base_path: ../up\n";
        assert_eq!(markdown_include_bases(outside), Some(Vec::new()));
        assert_eq!(markdown_include_bases("markdown_extensions:\n  - toc\n"), None);
        assert_eq!(macros_pages("plugins:\n  - search\n  - macros:\n      module_name: m\n"), JinjaPages::ByDefault);
        assert_eq!(macros_pages("plugins:\n  macros: {}\n"), JinjaPages::ByDefault);
        assert_eq!(macros_pages("plugins:\n  - search\nmarkdown_extensions:\n  - macros\n"), JinjaPages::None);
        assert_eq!(macros_pages("plugins:\n  - macros:\n      render_by_default: false\n"), JinjaPages::OptIn);
        assert_eq!(macros_pages("plugins:\n  - macros:\n      render_by_default: true\n"), JinjaPages::ByDefault);
    }

    #[test]
    fn reports_entries_it_cannot_read_where_they_stand() {
        let nav = parse_mkdocs("nav:\n  - 3\n  - A: {b: c}\n  - B: b.md\n").unwrap();
        assert_eq!(nav.entries.len(), 1);
        assert_eq!(nav.problems.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), [(2, 5), (3, 8)]);
        assert!(parse_mkdocs("nav: [a\n").is_err());
        let nav = parse_mkdocs("nav: x\n").unwrap();
        assert_eq!(nav.problems, [(1, 1, "`nav` must be a list of entries".to_string())]);
    }
}
