//! What `_config.yml` and the gems of a Jekyll site say of the files Jekyll reads:
//! `include:`, `exclude:`, `markdown_ext:`, the plugins, and whether
//! jekyll-optional-front-matter makes pages of Markdown without front matter
//! ([`super::published`] applies them).
//!
//! More: docs/architecture.md, "Notes by module" (`compat/jekyll/published.rs`).

use super::entry_filter::{EntryFilter, base_name};
use crate::content::node::{Located, Node};

/// Jekyll's `DEFAULT_EXCLUDES`, added to every `exclude:` (`Configuration#add_default_excludes`).
const DEFAULT_EXCLUDES: [&str; 11] = [
    ".sass-cache",
    ".jekyll-cache",
    ".ruby-lsp",
    "gemfiles",
    "Gemfile",
    "Gemfile.lock",
    "node_modules",
    "vendor/bundle/",
    "vendor/cache/",
    "vendor/gems/",
    "vendor/ruby/",
];

/// Jekyll's `markdown_ext` unless set.
const MARKDOWN_EXT: &str = "markdown,mkdown,mkdn,mkd,md";

/// The plugin's gem, and the gem of GitHub Pages, which turns it on
/// (github/pages-gem `lib/github-pages/plugins.rb`, `DEFAULT_PLUGINS`).
const PLUGIN: &str = "jekyll-optional-front-matter";
const GITHUB_PAGES: &str = "github-pages";

/// The names the plugin makes no page of (its `FILENAME_BLACKLIST`), upper-cased,
/// without extension.
const NO_PAGE_NAMES: [&str; 8] = [
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CODE_OF_CONDUCT",
    "CONTRIBUTING",
    "ISSUE_TEMPLATE",
    "PULL_REQUEST_TEMPLATE",
];

/// What `_config.yml` (and the gems) say of the files Jekyll reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct FileSettings {
    /// `include:`.
    pub include: Vec<String>,
    /// `exclude:` with Jekyll's defaults.
    pub exclude: Vec<String>,
    /// `plugins:` and `gems:` (Jekyll 3's name).
    pub plugins: Vec<String>,
    /// `markdown_ext:`, lower-cased.
    pub markdown_ext: Vec<String>,
    /// `optional_front_matter: {enabled: false}` or `require_front_matter: true`.
    pub plugin_disabled: bool,
    /// Whether jekyll-optional-front-matter makes pages of Markdown files without front
    /// matter ([`FileSettings::read_gems`]).
    pub optional_front_matter: bool,
}

impl FileSettings {
    /// Reads the settings of `_config.yml`'s top-level `keys`.
    pub(crate) fn read(keys: &[(Located<String>, Located<Node>)]) -> FileSettings {
        let value = |key: &str| keys.iter().find(|(k, _)| k.value == key).map(|(_, v)| &v.value);
        let texts = |key: &str| texts_of(keys, key);
        let mut exclude: Vec<String> = texts("exclude");
        for default in DEFAULT_EXCLUDES {
            if !exclude.iter().any(|e| e == default) {
                exclude.push(default.to_string());
            }
        }
        let markdown_ext = crate::compat::interface::text_of(keys, "markdown_ext").unwrap_or(MARKDOWN_EXT);
        let enabled = match value("optional_front_matter") {
            Some(Node::Map(settings)) => {
                !settings.iter().any(|(k, v)| k.value == "enabled" && v.value == Node::Bool(false))
            }
            _ => true,
        };
        FileSettings {
            include: texts("include"),
            exclude,
            plugins: [texts("plugins"), texts("gems")].concat(),
            markdown_ext: markdown_ext.split(',').map(|e| e.trim().to_ascii_lowercase()).collect(),
            plugin_disabled: !enabled || value("require_front_matter") == Some(&Node::Bool(true)),
            optional_front_matter: false,
        }
    }

    /// Adds to `plugins:` the `gems` of the `Gemfile` (or, without one, `Gemfile.lock`)
    /// Jekyll requires as plugins (its `:jekyll_plugins` group, and `github-pages`),
    /// and sets [`FileSettings::optional_front_matter`]: on when they name the plugin or
    /// `github-pages`, unless `_config.yml` turns it off.
    pub(crate) fn read_gems(&mut self, gems: &[super::gems::Gem]) {
        let required = gems.iter().filter(|g| g.jekyll_plugin || g.name == GITHUB_PAGES);
        self.plugins.extend(required.map(|g| g.name.clone()));
        self.optional_front_matter = (self.lists(PLUGIN) || self.lists(GITHUB_PAGES)) && !self.plugin_disabled;
    }

    /// Whether the plugin `name` is listed in `plugins:` or required by the gems.
    pub(crate) fn lists(&self, name: &str) -> bool {
        self.plugins.iter().any(|p| p == name)
    }

    /// The entry filter of `include:` and `exclude:`.
    pub(crate) fn filter(&self) -> EntryFilter<'_> {
        EntryFilter { include: &self.include, exclude: &self.exclude }
    }

    /// Whether the content path `path` names a Markdown file by `markdown_ext`.
    pub(crate) fn is_markdown(&self, path: &str) -> bool {
        let name = base_name(path);
        name.rsplit_once('.').is_some_and(|(_, ext)| self.markdown_ext.iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// Whether the plugin leaves the Markdown file at `path` a copy: its name without
    /// extension is one of [`NO_PAGE_NAMES`], and `include:` does not name it.
    pub(crate) fn no_page_name(&self, path: &str, is_dir: &dyn Fn(&str) -> bool) -> bool {
        let name = base_name(path);
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        NO_PAGE_NAMES.contains(&stem.to_ascii_uppercase().as_str()) && !self.filter().included(path, is_dir)
    }
}

/// The texts of the list at `key` of `entries`, trimmed (none unless it is a list).
pub(crate) fn texts_of(entries: &[(Located<String>, Located<Node>)], key: &str) -> Vec<String> {
    match entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| &v.value) {
        Some(Node::List(items)) => items
            .iter()
            .filter_map(|item| match &item.value {
                Node::Text(text) => Some(text.trim().to_string()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
