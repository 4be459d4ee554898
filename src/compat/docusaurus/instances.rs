//! The content plugins of a Docusaurus configuration beyond the default docs: each
//! further instance of the docs plugin (`id`, `path`, `routeBasePath`, `sidebarPath`)
//! and each blog (the classic preset's `blog`, every instance of the blog plugin). Each
//! folder is mounted where Docusaurus published it ([`mount_instances`]), so a site
//! builds without `[[sources]]` tables, and each docs instance's sidebar file is named
//! for the navigation ([`docs_sidebars`]). The options are parsed once a build
//! ([`super::site`]).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::{Config, Source};
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::site::SiteConfig;

/// The sidebar file of each further docs instance of `site` that is mounted and names
/// one: `(mount, sidebar file from the root)`.
pub(crate) fn docs_sidebars(config: &Config, site: &SiteConfig) -> Vec<(String, String)> {
    site.docs
        .iter()
        .filter_map(|instance| {
            let source = config.sources.list.iter().find(|s| s.folder.trim_matches('/') == instance.path)?;
            Some((source.mount.trim_matches('/').to_string(), instance.sidebar.clone()?))
        })
        .collect()
}

/// Mounts each further docs instance's folder and each blog's folder of `site` at its
/// route ([`mount_once`]), then the pages plugin's folder at the root ([`super::pages`]). A folder or route no `[[sources]]` table could mount
/// (absolute, out of the handbook, hidden, the site's root, in the content folder) is a
/// warning at the plugin's options.
pub(crate) fn mount_instances(config: &mut Config, site: &SiteConfig, diagnostics: &mut Vec<Diagnostic>) {
    let wanted = site
        .docs
        .iter()
        .map(|docs| (&docs.path, &docs.route, docs.at))
        .chain(site.blogs.iter().map(|blog| (&blog.path, &blog.route, blog.at)));
    for (folder, route, (line, column)) in wanted {
        if let Err(why) = mount_once(config, folder, route) {
            let message = format!("the plugin's folder is not mounted at `/{route}/`: {why}");
            diagnostics.push(
                Diagnostic::error(Rule::ConfigField, site.name, line, column, message)
                    .with_severity(Severity::Warning)
                    .with_help("mount it with a `[[sources]]` table in book.toml"),
            );
        }
    }
    super::pages::mount(config);
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
    config.sources.list.push(Source::mounted(folder, mount));
    Ok(())
}

#[cfg(test)]
#[path = "instances_tests.rs"]
mod tests;
