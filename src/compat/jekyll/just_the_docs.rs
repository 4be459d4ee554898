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

use crate::compat::interface::text_of;
use crate::content::SourcePage;
use crate::content::nav_file::{NavEntry, NavFile, NavFileKind, NavLink, PagesNav};
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// What `_config.yml` (and the gems) say of the theme's navigation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Theme {
    /// The rules of the theme's version.
    pub rules: Rules,
    /// `theme` names the gem, whose version the gems pin (not `remote_theme`).
    pub gem: bool,
    /// The configuration file, as diagnostics name it.
    pub file: String,
    /// The line and column of the key that names the theme.
    pub at: (usize, usize),
    /// `nav_external_links`: title and address of each.
    pub external: Vec<(String, String)>,
    /// `just_the_docs.collections`, in order: label, `name`, `nav_exclude`; `None`
    /// when not set.
    pub collections: Option<Vec<(String, String, bool)>>,
    /// The line and column of `nav_enabled: false` (the theme shows no sidebar).
    pub nav_disabled: Option<(usize, usize)>,
}

impl Theme {
    /// The theme's settings, when `theme` or `remote_theme` names Just the Docs.
    pub(crate) fn read(keys: &[(Located<String>, Located<Node>)]) -> Option<Theme> {
        let key_at =
            |name: &str| keys.iter().find(|(k, _)| k.value == name).map_or((1, 1), |(k, _)| (k.line, k.column));
        let (version, gem, at) = match (text_of(keys, "theme"), text_of(keys, "remote_theme")) {
            (Some(theme), _) if theme.trim() == "just-the-docs" => (Version::Current, true, key_at("theme")),
            (_, Some(remote)) => {
                let (repo, reference) = remote.trim().split_once('@').unwrap_or((remote.trim(), ""));
                if repo.rsplit('/').next() != Some("just-the-docs") {
                    return None;
                }
                (Version::of(reference).unwrap_or(Version::Current), false, key_at("remote_theme"))
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
        let nav_disabled = keys
            .iter()
            .find(|(k, v)| k.value == "nav_enabled" && v.value == Node::Bool(false))
            .map(|(k, _)| (k.line, k.column));
        let file = super::CONFIG_FILES[0].to_string();
        Some(Theme { rules, gem, file, at, external, collections, nav_disabled })
    }

    /// Reads the versions `Gemfile.lock` or a `Gemfile`, `text`, pins: the theme gem's,
    /// when `theme` names it, and Jekyll's (3 sorts numeric text as text). A site of
    /// `remote_theme` without either is built by GitHub Pages, with Jekyll 3.
    pub(crate) fn read_gems(&mut self, text: Option<&str>) {
        let Some(text) = text else {
            self.rules.numeric_strings &= self.gem;
            return;
        };
        for gem in super::gems::read(text) {
            let version = gem.version.as_deref().filter(|_| gem.name == "just-the-docs" && self.gem);
            if let Some(version) = version {
                let number = version.trim_start_matches(['=', '~', '>', '<', ' ']);
                self.rules.version = Version::of(number).unwrap_or(self.rules.version);
            }
            let jekyll_3 =
                gem.locked && gem.name == "jekyll" && gem.version.as_deref().is_some_and(|v| v.starts_with("3."));
            if jekyll_3 || gem.name.starts_with("github-pages") {
                self.rules.numeric_strings = false;
            }
        }
    }
}

/// What the theme's navigation is made of.
static PAGES_NAV: PagesNav = PagesNav {
    keys: &page::KEYS,
    unlisted_help: "give them a `title` (and a `parent` that names a page) to show them in the navigation",
};

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
        // A folder whose name starts with `_` (a nested `_posts`, `_drafts`) holds no
        // page of `site.html_pages`.
        let hidden = || page.path.split('/').any(|segment| segment.starts_with('_'));
        let space = match &collection {
            Some(label) => labels.iter().position(|l| l == label).map_or(usize::MAX, |at| at + 1),
            None if hidden() => usize::MAX,
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
    let configured = theme.collections.as_deref().unwrap_or_default();
    let named: Vec<(usize, String)> = configured
        .iter()
        .filter(|(_, _, excluded)| !excluded)
        .filter_map(|(label, name, _)| Some((labels.iter().position(|l| l == label)? + 1, name.clone())))
        .collect();
    // Published collections the theme's settings do not name: a site that shows them
    // does so with a layout of its own, which is not read; each stays a section.
    let unnamed: Vec<(usize, String)> = (1..=labels.len())
        .filter(|&at| !configured.iter().any(|(label, _, _)| *label == labels[at - 1]))
        .map(|at| (at, titleize_slug(&labels[at - 1])))
        .collect();
    let shown: Vec<&str> =
        unnamed.iter().filter(|(at, _)| !spaces[*at].is_empty()).map(|(at, _)| labels[at - 1].as_str()).collect();
    if !shown.is_empty() {
        let message = format!(
            "collections not named in `just_the_docs.collections` ({}) are left out of the theme's sidebar: a \
             layout of the site's own showed them; each is a section of opsbook's",
            shown.join(", ")
        );
        let (line, column) = theme.at;
        diagnostics
            .push(Diagnostic::error(Rule::NavFile, &theme.file, line, column, message).with_severity(Severity::Note));
    }
    // The theme's count: every collection its settings name, shown or not.
    let sections = configured.len() + unnamed.len();
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
        file: theme.file.clone(),
        kind: NavFileKind::ParentTitles(&PAGES_NAV),
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
    if let Some((line, column)) = theme.nav_disabled {
        let message = "`nav_enabled: false`: Just the Docs shows no sidebar; opsbook keeps its own";
        diagnostics
            .push(Diagnostic::error(Rule::NavFile, &theme.file, line, column, message).with_severity(Severity::Note));
    }
}
