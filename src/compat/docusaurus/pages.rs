//! A Docusaurus site's pages plugin (`@docusaurus/plugin-content-pages`, in the classic
//! preset): every file of `src/pages/` is a route of the site, `foo.md` at `/foo` and
//! `hello/index.md` at `/hello/` (`fileToPath`), beside the docs
//! (<https://docusaurus.io/docs/creating-pages>). The folder is mounted at the root
//! ([`mount`]), so its Markdown and MDX pages are pages of the handbook there; its React
//! pages (`.js`, `.jsx`, `.ts`, `.tsx`), which opsbook cannot render, and the modules
//! beside them (`.css`) are left out ([`drop_code`]) with one note ([`note`]), and so are
//! the files the plugin's default `exclude` leaves out (named with `_`, in `__tests__/`,
//! `*.test.js`: the tool's `leaves_out`). A page of the content folder at the same path
//! wins, as the docs did at the site's root in opsbook.

use crate::config::{Config, Source};
use crate::content::ContentFiles;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The plugin's default `path`, from the site's folder.
pub(crate) const FOLDER: &str = "src/pages";

/// The extensions of the files of the folder that are code: React pages and the modules
/// they import, neither published.
const CODE: [&str; 10] = ["js", "jsx", "ts", "tsx", "mjs", "cjs", "css", "scss", "sass", "less"];

/// The extensions of the pages the plugin makes routes of that opsbook cannot render.
const REACT_PAGES: [&str; 4] = ["js", "jsx", "ts", "tsx"];

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, extension)| extension)
}

/// Mounts [`FOLDER`] at the root when the site has it and nothing mounts it yet (it is
/// no content folder, nor inside one).
pub(crate) fn mount(config: &mut Config) {
    let content = config.content_folder.trim_end_matches('/');
    let taken = config.sources.list.iter().any(|s| s.folder == FOLDER || s.mount.is_empty());
    let overlaps = content == FOLDER || content.starts_with("src/pages/") || FOLDER.starts_with(&format!("{content}/"));
    if taken || overlaps || !config.root.join(FOLDER).is_dir() {
        return;
    }
    config.sources.list.push(Source::mounted(FOLDER.to_string(), String::new()));
}

/// The index of the pages folder's source, when it is mounted.
fn source_index(config: &Config) -> Option<usize> {
    config.sources.list.iter().position(|s| s.folder == FOLDER && s.mount.is_empty())
}

/// One note naming the React pages of the folder the walk found (`index.js`, …),
/// which are left out, when there are any.
pub(crate) fn note(config: &Config, files: &ContentFiles, leaves_out: &dyn Fn(&str) -> bool) -> Option<Diagnostic> {
    let i = source_index(config)?;
    let react: Vec<&String> = files
        .assets
        .iter()
        .filter(|path| files.mounted.get(path.as_str()) == Some(&i) && REACT_PAGES.contains(&extension(path)))
        .filter(|path| !leaves_out(path) && !path.contains(".test."))
        .collect();
    let first = react.first()?;
    let shown: Vec<String> = react.iter().take(3).map(|path| format!("`{FOLDER}/{path}`")).collect();
    let more = if react.len() > 3 { format!(" and {} more", react.len() - 3) } else { String::new() };
    let message = format!(
        "{} page(s) of `{FOLDER}/` are React components, which opsbook cannot render: {}{more} left out, with no page at their routes; its Markdown pages are published at the root",
        react.len(),
        shown.join(", ")
    );
    Some(
        Diagnostic::error(Rule::UnsupportedSyntax, format!("{FOLDER}/{first}"), 1, 1, message)
            .with_severity(Severity::Note)
            .with_help("write what such a page shows as a Markdown page of `src/pages/` or of the docs"),
    )
}

/// Takes the folder's code files out of `files`, and the folders of it that hold no
/// page once they are gone.
pub(crate) fn drop_code(config: &Config, files: &mut ContentFiles) {
    let Some(i) = source_index(config) else { return };
    let ours = |path: &str, files: &ContentFiles| files.mounted.get(path) == Some(&i);
    let code: std::collections::HashSet<String> =
        files.assets.iter().filter(|p| ours(p, files) && CODE.contains(&extension(p))).cloned().collect();
    files.assets.retain(|path| !code.contains(path));
    // The folders that hold a page or a file that is left: each path's folders.
    let mut held = std::collections::HashSet::new();
    for path in files.pages.iter().chain(&files.assets) {
        let mut dir = path.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if !held.insert(parent.to_string()) {
                break;
            }
            dir = parent;
        }
    }
    let empty: std::collections::HashSet<String> =
        files.dirs.iter().filter(|dir| ours(dir, files) && !held.contains(dir.as_str())).cloned().collect();
    files.dirs.retain(|dir| !empty.contains(dir));
    for path in code.iter().chain(&empty) {
        files.mounted.remove(path);
    }
}
