//! The Just the Docs theme's navigation: each page names its parent by title (`parent`,
//! `grand_parent`, `ancestor`), and the theme's Liquid arranges and orders the sidebar
//! from those keys, `nav_order` and `title` ([`tree`], [`order`]). `_config.yml` says
//! which theme and version, `nav_sort`, `nav_external_links` and
//! `just_the_docs.collections`; `Gemfile.lock` the theme's and Jekyll's versions.
//!
//! More: docs/architecture.md, "The compatibility layer".

mod order;
mod page;
#[cfg(test)]
mod tests;
mod tree;

use std::sync::Arc;

use page::{NavPage, Rules, Version, titleize_slug};

use crate::compat::old_tool::text_of;
use crate::content::SourcePage;
use crate::content::nav_file::{NavEntry, NavFile, NavFileKind, NavLink};
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// What `_config.yml` (and the gems) say of the theme's navigation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Theme {
    /// The rules of the theme's version.
    pub rules: Rules,
    /// `nav_external_links`: title and address of each.
    pub external: Vec<(String, String)>,
    /// `just_the_docs.collections`, in order: label, `name`, `nav_exclude`; `None`
    /// when not set.
    pub collections: Option<Vec<(String, String, bool)>>,
    /// `nav_enabled: false`: the theme shows no sidebar.
    pub nav_disabled: bool,
}

impl Theme {
    /// The theme's settings, when `theme` or `remote_theme` names Just the Docs.
    pub(crate) fn read(keys: &[(Located<String>, Located<Node>)]) -> Option<Theme> {
        let version = match (text_of(keys, "theme"), text_of(keys, "remote_theme")) {
            (Some(theme), _) if theme.trim() == "just-the-docs" => Version::Current,
            (_, Some(remote)) => {
                let (repo, reference) = remote.trim().split_once('@').unwrap_or((remote.trim(), ""));
                if repo.rsplit('/').next() != Some("just-the-docs") {
                    return None;
                }
                Version::of(reference).unwrap_or(Version::Current)
            }
            _ => return None,
        };
        let case_insensitive = text_of(keys, "nav_sort").is_some_and(|sort| sort == "case_insensitive");
        let rules = Rules { version, case_insensitive, numeric_strings: true };
        let value = |key: &str| keys.iter().find(|(k, _)| k.value == key).map(|(_, v)| &v.value);
        let external = match value("nav_external_links") {
            Some(Node::List(links)) => links
                .iter()
                .filter_map(|link| match &link.value {
                    Node::Map(link) => Some((text_of(link, "title")?.to_string(), text_of(link, "url")?.to_string())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let collections = match value("just_the_docs") {
            Some(Node::Map(settings)) => settings.iter().find(|(k, _)| k.value == "collections").map(|(_, v)| {
                let Node::Map(entries) = &v.value else { return Vec::new() };
                let entry = |(label, value): &(Located<String>, Located<Node>)| {
                    let Node::Map(settings) = &value.value else { return (label.value.clone(), String::new(), false) };
                    let name = text_of(settings, "name").unwrap_or_default().to_string();
                    let excluded =
                        settings.iter().any(|(k, v)| k.value == "nav_exclude" && v.value == Node::Bool(true));
                    (label.value.clone(), name, excluded)
                };
                entries.iter().map(entry).collect()
            }),
            _ => None,
        };
        let nav_disabled = value("nav_enabled") == Some(&Node::Bool(false));
        Some(Theme { rules, external, collections, nav_disabled })
    }

    /// Reads the versions `Gemfile.lock` (or a `Gemfile`) pins: the theme gem's, when
    /// `theme` names it without one, and Jekyll's (3 sorts numeric text as text).
    pub(crate) fn read_gems(&mut self, text: &str) {
        for line in text.lines().map(str::trim) {
            if let Some(version) = line.strip_prefix("just-the-docs (").and_then(|v| v.strip_suffix(')')) {
                self.rules.version = Version::of(version).unwrap_or(self.rules.version);
            }
            let jekyll_3 = line.starts_with("jekyll (3.") || line.starts_with("github-pages");
            if jekyll_3 || line.starts_with("gem \"github-pages\"") || line.starts_with("gem 'github-pages'") {
                self.rules.numeric_strings = false;
            }
        }
    }
}

/// The label of the published collection a content path is in, if any.
pub(crate) type CollectionOf<'a> = dyn Fn(&str) -> Option<String> + 'a;

/// The navigation the theme `theme` makes of the pages `loaded` of a Jekyll site whose
/// published collections are `labels`, in order (`collection_of` names a page's); what
/// it runs into goes to `diagnostics`.
pub(crate) fn navigation(
    theme: &Theme,
    (labels, collection_of): (&[String], &CollectionOf<'_>),
    loaded: &[Arc<SourcePage>],
    diagnostics: &mut Vec<Diagnostic>,
) -> NavFile {
    let mut pages: Vec<NavPage> = Vec::with_capacity(loaded.len());
    let mut spaces: Vec<Vec<usize>> = vec![Vec::new()];
    spaces.resize(labels.len() + 1, Vec::new());
    for page in loaded {
        let collection = collection_of(&page.path);
        let space = match &collection {
            Some(label) => labels.iter().position(|l| l == label).map_or(usize::MAX, |at| at + 1),
            None if page.path.starts_with('_') => usize::MAX,
            None => 0,
        };
        if space == usize::MAX {
            continue;
        }
        spaces[space].push(pages.len());
        pages.push(NavPage::read(&page.path, &page.file, (&page.front.fields, &page.text), collection.is_some()));
    }
    let mut problems = Vec::new();
    let mut budget = tree::BUDGET.max(4 * pages.len());
    let mut built = |members: &mut Vec<usize>, problems: &mut Vec<tree::Problem>| {
        order::jekyll_order(members, &pages);
        tree::build(&pages, members, &theme.rules, &mut budget, problems)
    };
    let mut entries = built(&mut spaces[0], &mut problems);
    let top_pages = !entries.is_empty();
    entries
        .extend(theme.external.iter().map(|(title, url)| entry(Some(title.clone()), NavLink::External(url.clone()))));
    let configured = theme.collections.clone().unwrap_or_default();
    let named: Vec<(usize, String)> = configured
        .iter()
        .filter(|(_, _, excluded)| !excluded)
        .filter_map(|(label, name, _)| Some((labels.iter().position(|l| l == label)? + 1, name.clone())))
        .collect();
    // Collections the theme's settings do not name: a site that publishes them shows
    // them with a layout of its own, which is not read; each stays a section.
    let unnamed: Vec<(usize, String)> = match &theme.collections {
        Some(_) => Vec::new(),
        None => (1..=labels.len()).map(|at| (at, titleize_slug(&labels[at - 1]))).collect(),
    };
    if !unnamed.is_empty() && unnamed.iter().any(|(at, _)| !spaces[*at].is_empty()) {
        let message = "the collections are not named in `just_the_docs.collections`, so the theme's sidebar leaves \
                       them out: a layout of the site's own showed them; each is a section of opsbook's";
        diagnostics.push(Diagnostic::error(Rule::NavFile, "_config.yml", 0, 0, message).with_severity(Severity::Note));
    }
    let sections = named.len() + unnamed.len();
    for (at, name) in named.into_iter().chain(unnamed) {
        let children = built(&mut spaces[at], &mut problems);
        if sections > 1 || top_pages {
            entries.push(NavEntry { children, ..entry(Some(name), NavLink::None) });
        } else {
            entries.extend(children);
        }
    }
    report(theme, problems, diagnostics);
    NavFile {
        file: "_config.yml".to_string(),
        kind: NavFileKind::ParentTitles,
        entries,
        root_dir: String::new(),
        directory_urls: true,
    }
}

/// An entry without entries under it.
fn entry(title: Option<String>, link: NavLink) -> NavEntry {
    NavEntry { title, link, children: Vec::new(), number: None, file: None, line: 0, column: 0 }
}

fn report(theme: &Theme, problems: Vec<tree::Problem>, diagnostics: &mut Vec<Diagnostic>) {
    let help = "see Just the Docs in the guide's page on moving a handbook";
    diagnostics.extend(problems.into_iter().map(|(file, line, column, message)| {
        Diagnostic::error(Rule::NavFile, file, line, column, message).with_severity(Severity::Warning).with_help(help)
    }));
    if theme.nav_disabled {
        let message = "`nav_enabled: false`: Just the Docs shows no sidebar; opsbook keeps its own";
        diagnostics.push(Diagnostic::error(Rule::NavFile, "_config.yml", 0, 0, message).with_severity(Severity::Note));
    }
}
