//! Which sidebar files a Docusaurus site's navigation is read from: the default docs
//! instance's (its `sidebarPath`, else `sidebars.js` beside `book.toml` or at the top of
//! the content folder), then each further docs instance's, its entries made paths of
//! its mount and grouped as one section ([`super::instances`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use super::instances;
use crate::config::Config;
use crate::content::ContentFiles;
use crate::content::nav_file::{NavEntry, NavFile, NavFileKind, NavLink, resolve};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The names Docusaurus's sidebars file may have.
pub(crate) const SIDEBAR_FILES: [&str; 4] = ["sidebars.js", "sidebars.ts", "sidebars.mjs", "sidebars.cjs"];

/// What a sidebar problem's help says.
const ITEMS_HELP: &str = "see the items of a sidebar in the guide's page on moving a handbook";

/// The navigation of a Docusaurus site's sidebar files, if it has one: `Some(None)` when
/// the default one is there but not usable. A sidebar file in the content folder or a
/// mounted one is taken out of its assets.
pub(crate) fn find_sidebars(
    config: &Config,
    files: &mut ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Option<NavFile>> {
    let root = &config.root;
    let site = super::site::site_config(config, diagnostics);
    let site = site.as_ref().as_ref();
    let named = site.and_then(super::site::SiteConfig::default_sidebar);
    let named = named.map(|name| with_extension(root, &name));
    // A `sidebarPath` that names no file gives Docusaurus no sidebar, and opsbook the
    // folders' navigation.
    if named.as_ref().is_some_and(|name| std::fs::symlink_metadata(root.join(name)).is_err()) {
        return None;
    }
    let beside = named.or_else(|| {
        SIDEBAR_FILES
            .iter()
            .find(|name| std::fs::symlink_metadata(root.join(name)).is_ok_and(|m| !m.is_dir()))
            .map(|name| name.to_string())
    });
    let (entries, shown, base) = if let Some(name) = beside {
        take_out_of_assets(config, files, &name);
        (read_sidebar(config, &root.join(&name), &name, diagnostics), name, "")
    } else {
        let at = files.assets.iter().position(|a| SIDEBAR_FILES.contains(&a.as_str()))?;
        let name = files.assets.remove(at);
        let shown = format!("{}{name}", config.content_prefix());
        let base = if files.dirs.iter().any(|d| d == "docs") { "docs" } else { "" };
        (read_sidebar(config, &config.content_dir().join(&name), &shown, diagnostics), shown, base)
    };
    let Some(mut entries) = entries else { return Some(None) };
    entries = resolve(entries, base);
    if base.is_empty() {
        for (mount, file) in site.map(|site| instances::docs_sidebars(config, site)).unwrap_or_default() {
            let file = with_extension(root, &file);
            take_out_of_assets(config, files, &file);
            if let Some(found) = read_sidebar(config, &root.join(&file), &file, diagnostics) {
                entries.push(instance_section(resolve(found, &mount), &mount, &file));
            }
        }
    }
    Some(Some(NavFile {
        file: shown,
        kind: NavFileKind::Sidebars,
        entries,
        root_dir: base.to_string(),
        directory_urls: true,
    }))
}

/// Takes the sidebar file `file` (from the root) out of the assets when it lies in the
/// content folder or a mounted one: Docusaurus reads it, it publishes no copy.
fn take_out_of_assets(config: &Config, files: &mut ContentFiles, file: &str) {
    if let Some(path) = config.content_path(&config.root.join(file)) {
        files.assets.retain(|asset| *asset != path);
    }
}

/// The file `name` names from `root` as Node's `require.resolve` finds a module: as
/// written, else with the first of its extensions that is a file (`./sidebars` is
/// `sidebars.js`).
fn with_extension(root: &Path, name: &str) -> String {
    const EXTENSIONS: [&str; 5] = [".js", ".json", ".ts", ".mjs", ".cjs"];
    if root.join(name).is_file() {
        return name.to_string();
    }
    EXTENSIONS
        .iter()
        .map(|extension| format!("{name}{extension}"))
        .find(|file| root.join(file).is_file())
        .unwrap_or_else(|| name.to_string())
}

/// The entries of a docs instance's sidebar (of file `file`), as one section of the
/// navigation: its doc ids are ids of its mount's pages.
fn instance_section(mut entries: Vec<NavEntry>, mount: &str, file: &str) -> NavEntry {
    fn mount_ids(entries: &mut [NavEntry], mount: &str, file: &str) {
        for entry in entries {
            if let NavLink::DocId(id) = &entry.link {
                entry.link = NavLink::DocId(format!("{mount}/{}", id.trim_start_matches('/')));
            }
            entry.file = Some(file.to_string());
            mount_ids(&mut entry.children, mount, file);
        }
    }
    mount_ids(&mut entries, mount, file);
    let (line, column) = entries.first().map_or((0, 0), |e| (e.line, e.column));
    let file = Some(file.to_string());
    NavEntry { title: None, link: NavLink::None, children: entries, number: None, file, line, column }
}

/// The entries of the sidebar file at `path` (named `shown`), read confined and
/// size-limited; its problems are warnings, and `None` when it cannot be used.
fn read_sidebar(config: &Config, path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<NavEntry>> {
    if let Some(Err(why)) = config.confinement().map(|c| c.readable(path).map(|_| ())) {
        diagnostics.push(Diagnostic::error(
            Rule::SymlinkOutsideRoot,
            shown,
            0,
            0,
            format!("the file is not read: {why}"),
        ));
        return None;
    }
    let text = crate::compat::hidden_file::read_as(config, path, None, shown, diagnostics)?;
    // A `sidebars.json` is the object itself.
    let text = if shown.ends_with(".json") { format!("module.exports = {text}") } else { text };
    let help = "write the sidebar as object and array literals, or remove the file to keep the folders' navigation";
    match super::sidebars::parse_sidebars(&text) {
        Ok((entries, problems)) => {
            diagnostics.extend(problems.into_iter().map(|(line, column, message)| {
                Diagnostic::error(Rule::NavFile, shown, line, column, message)
                    .with_severity(Severity::Warning)
                    .with_help(ITEMS_HELP)
            }));
            Some(entries)
        }
        Err((line, column, message)) => {
            diagnostics.push(
                Diagnostic::error(Rule::NavFile, shown, line, column, message)
                    .with_severity(Severity::Warning)
                    .with_help(help),
            );
            None
        }
    }
}
