//! The content plugins of a Docusaurus configuration beyond the default docs: each
//! further instance of the docs plugin (`id`, `path`, `routeBasePath`, `sidebarPath`)
//! and each blog (the classic preset's `blog`, every instance of the blog plugin). Each
//! folder is mounted where Docusaurus published it ([`mount_instances`]), so a site
//! builds without `[[sources]]` tables, and each docs instance's sidebar file is named
//! for the navigation ([`docs_sidebars`]).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::{Config, Source};
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::js_literal::{self, Located};
use crate::compat::docusaurus::plugins::{DOCS_PLUGIN, clean_folder};

/// The default of both plugins' `path` and `routeBasePath`: the docs'.
const DOCS_DEFAULT: &str = "docs";

/// A further docs instance: its folder, where it was published, and its sidebar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocsInstance {
    /// `path`, from the root, without `./` or a trailing `/`.
    pub path: String,
    /// `routeBasePath`, without its slashes.
    pub route: String,
    /// `sidebarPath`, from the root, when written as a string.
    pub sidebar: Option<String>,
    /// The line and column of the instance's options.
    pub at: (usize, usize),
}

/// The docs plugin's options objects in the configuration `text`: the default
/// instance's (the preset's `docs:`, or a plugin without `id`), then the others', each
/// with its `id`.
fn docs_options(text: &str) -> Result<(Option<Located>, Vec<Located>), js_literal::Problem> {
    let mut default = None;
    let mut others = Vec::new();
    for options in js_literal::plugin_options(text, "docs", DOCS_PLUGIN)? {
        match options.get("id").and_then(Located::str) {
            Some(id) if id != "default" => others.push(options),
            _ if default.is_none() => default = Some(options),
            _ => {}
        }
    }
    Ok((default, others))
}

/// The sidebar file the default docs instance names (`sidebarPath`), from the root.
pub(crate) fn default_sidebar(text: &str) -> Option<String> {
    let (default, _) = docs_options(text).ok()?;
    default.as_ref().and_then(|options| options.get("sidebarPath")).and_then(Located::str).map(clean_folder)
}

/// The docs instances of the configuration `text` but the default one.
pub(crate) fn docs_instances(text: &str) -> Result<Vec<DocsInstance>, js_literal::Problem> {
    let (_, others) = docs_options(text)?;
    Ok(others
        .iter()
        .map(|options| {
            let text_of = |key: &str| options.get(key).and_then(Located::str);
            DocsInstance {
                path: clean_folder(text_of("path").unwrap_or(DOCS_DEFAULT)),
                route: text_of("routeBasePath").unwrap_or(DOCS_DEFAULT).trim_matches('/').to_string(),
                sidebar: text_of("sidebarPath").map(clean_folder),
                at: (options.line, options.column),
            }
        })
        .collect())
}

/// The sidebar file of each further docs instance of the configuration `text` that is
/// mounted and names one: `(mount, sidebar file from the root)`.
pub(crate) fn docs_sidebars(config: &Config, text: &str) -> Vec<(String, String)> {
    let instances = docs_instances(text).unwrap_or_default();
    instances
        .into_iter()
        .filter_map(|instance| {
            let source = config.sources.list.iter().find(|s| s.folder.trim_matches('/') == instance.path)?;
            Some((source.mount.trim_matches('/').to_string(), instance.sidebar?))
        })
        .collect()
}

/// Mounts each further docs instance's folder and each blog's folder at its route
/// ([`mount_once`]). A folder or route no `[[sources]]` table could mount (absolute, out
/// of the handbook, hidden, the site's root, in the content folder) is a warning at the
/// plugin's options.
pub(crate) fn mount_instances(config: &mut Config, name: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    let docs = match docs_instances(text) {
        Ok(docs) => docs,
        Err((line, column, message)) => {
            let note = format!("cannot read the docs plugins' options ({message}): only the docs folder is read");
            diagnostics
                .push(Diagnostic::error(Rule::ConfigSyntax, name, line, column, note).with_severity(Severity::Note));
            Vec::new()
        }
    };
    let blogs = crate::compat::docusaurus::blog::blog_plugins(text, name, &mut Vec::new());
    let wanted = docs
        .iter()
        .map(|docs| (docs.path.clone(), docs.route.clone(), docs.at))
        .chain(blogs.into_iter().map(|blog| (blog.path, blog.route, blog.at)));
    for (folder, route, (line, column)) in wanted {
        if let Err(why) = mount_once(config, &folder, &route) {
            let message = format!("the plugin's folder is not mounted at `/{route}/`: {why}");
            diagnostics.push(
                Diagnostic::error(Rule::ConfigField, name, line, column, message)
                    .with_severity(Severity::Warning)
                    .with_help("mount it with a `[[sources]]` table in book.toml"),
            );
        }
    }
}

/// Adds the source `folder` at `route`, as a `[[sources]]` table would, when a table
/// could ([`crate::config::mountable`]); nothing when a mount of `book.toml` has the
/// folder or the place, the content folder has a folder at the route, or the folder is
/// missing.
pub(crate) fn mount_once(config: &mut Config, folder: &str, route: &str) -> Result<(), String> {
    let content = config.content_folder.trim_end_matches('/').to_string();
    let Some((folder, mount)) = crate::config::mountable(folder, route, &content, &config.sources.list)? else {
        return Ok(());
    };
    if config.root.join(&content).join(&mount).exists() || !config.root.join(&folder).is_dir() {
        return Ok(());
    }
    config.sources.list.push(Source {
        folder,
        mount,
        repository: None,
        subdir: String::new(),
        internal: false,
        line: 0,
        path_at: (0, 0),
    });
    Ok(())
}

#[cfg(test)]
#[path = "instances_tests.rs"]
mod tests;
