//! Navigation files of other tools: MkDocs's `mkdocs.yml` (its `nav:`) and mdBook's
//! `SUMMARY.md`. When a handbook has one, it orders and names the navigation; the site
//! applies it (`site/nav_file.rs`). This module finds the file and reads it
//! into a tree of [`NavEntry`], paths made relative to `content/`. Here `content/` is the
//! content folder, whatever book.toml names it (`src/` in an mdBook repository).
//!
//! 1. `SUMMARY.md` at the top of `content/` is mdBook's summary ([`super::summary`]) and
//!    is not a page. It wins over an `mkdocs.yml`.
//! 2. Else an `mkdocs.yml` (or `mkdocs.yaml`) is read ([`super::mkdocs`]): beside
//!    `book.toml`, its paths are relative to `content/` (opsbook's pages folder, whatever
//!    its `docs_dir` says: a note when they differ); at the top of `content/` (an MkDocs repository copied in
//!    whole), they are relative to its `docs_dir` (`docs` unless set) inside `content/`.
//!    One at the top of `content/` is not published.
//! 3. A file that cannot be read as one is an error at the file; a build without it
//!    orders the navigation as if it were not there. The `mkdocs.yml` beside `book.toml`
//!    is confined like the content (`confine::Confinement`): a link leading out of the
//!    handbook or into a hidden folder is refused, not read.

use std::path::Path;

use super::ContentFiles;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};

/// The tool a navigation file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavFileKind {
    /// MkDocs's `mkdocs.yml`.
    MkDocs,
    /// mdBook's `SUMMARY.md`.
    Summary,
}

/// A navigation file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct NavFile {
    /// The file as diagnostics name it (`mkdocs.yml`, `content/SUMMARY.md`).
    pub file: String,
    /// Which tool's file it is.
    pub kind: NavFileKind,
    /// The top-level entries, in order.
    pub entries: Vec<NavEntry>,
    /// The folder the entries' paths were relative to, relative to `content/` (`""`
    /// for `content/` itself): the section the top-level entries belong to.
    pub root_dir: String,
    /// MkDocs's `use_directory_urls` (`true` for a `SUMMARY.md`, which has none).
    pub directory_urls: bool,
}

/// One entry of a navigation file: a page, a link, a section of entries, or a chapter
/// (a page with entries under it).
#[derive(Debug, Clone, PartialEq)]
pub struct NavEntry {
    /// The title written in the file.
    pub title: Option<String>,
    /// What the entry links to.
    pub link: NavLink,
    /// The entries under it.
    pub children: Vec<NavEntry>,
    /// 1-based line of the entry in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// What a navigation entry links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NavLink {
    /// Nothing: a section title, an mdBook part title or draft chapter.
    None,
    /// A Markdown file, relative to `content/` (resolved by [`find_nav_file`]; relative
    /// to the file's folder as the parsers return it).
    Page(String),
    /// An address outside the handbook.
    External(String),
}

impl NavEntry {
    /// Every entry of `entries` and below, depth first.
    pub(crate) fn flatten(entries: &[NavEntry]) -> Vec<&NavEntry> {
        let mut all = Vec::new();
        let mut stack: Vec<&NavEntry> = entries.iter().rev().collect();
        while let Some(entry) = stack.pop() {
            all.push(entry);
            stack.extend(entry.children.iter().rev());
        }
        all
    }
}

/// The names MkDocs's configuration may have.
const MKDOCS_FILES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];

/// Whether a file beside `book.toml` named `name` is one the build reads to arrange the
/// navigation: an MkDocs configuration, or a Docusaurus one ([`super::prefix`]).
pub(crate) fn is_root_file(name: &str) -> bool {
    MKDOCS_FILES.contains(&name) || super::prefix::DOCUSAURUS_FILES.contains(&name)
}

/// Finds and reads the handbook's navigation file (see the module documentation), and
/// takes a `SUMMARY.md` out of the pages and an `mkdocs.yml` in `content/` out of the
/// assets.
pub(crate) fn find_nav_file(
    config: &Config,
    files: &mut ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<NavFile> {
    let root = &config.root;
    let content_dir = &config.content_dir();
    let prefix = config.content_prefix();
    if let Some(at) = files.pages.iter().position(|p| p == "SUMMARY.md") {
        files.pages.remove(at);
        let shown = format!("{prefix}SUMMARY.md");
        let text = read(&content_dir.join("SUMMARY.md"), &shown, diagnostics)?;
        let (entries, problems) = super::summary::parse_summary(&text);
        diagnostics.extend(problems.into_iter().map(|(line, column, message)| {
            Diagnostic::error(Rule::NavFile, &shown, line, column, message)
                .with_help("see the format of SUMMARY.md in the guide's page on navigation")
        }));
        return Some(NavFile {
            file: shown,
            kind: NavFileKind::Summary,
            entries: resolve(entries, ""),
            root_dir: String::new(),
            directory_urls: true,
        });
    }
    // Any file but a folder: one that is no regular file is an error when it is read.
    if let Some(name) = MKDOCS_FILES.iter().find(|name| std::fs::metadata(root.join(name)).is_ok_and(|m| !m.is_dir())) {
        let path = root.join(name);
        // Beside book.toml, not walked with the content: confined here.
        let confined = super::confine::Confinement::new(root).map(|c| c.check_readable(&path));
        if let Some(Err(why)) = confined {
            let message = format!("the file is not read: {why}");
            diagnostics.push(Diagnostic::error(Rule::SymlinkOutsideRoot, *name, 0, 0, message));
            return None;
        }
        let text = read(&path, name, diagnostics)?;
        let nav = parse_mkdocs(&text, name, diagnostics)?;
        let content = config.content_folder.as_str();
        let docs_dir = nav.docs_dir.as_deref().map(|d| d.trim_start_matches("./").trim_matches('/'));
        if let Some(dir) = docs_dir.filter(|d| *d != content) {
            diagnostics.push(
                Diagnostic::error(
                    Rule::NavFile,
                    *name,
                    nav.docs_dir_line,
                    1,
                    format!("`docs_dir` is `{dir}`, but opsbook reads pages from {content}/: the nav's paths are read from there"),
                )
                .with_severity(crate::diagnostic::Severity::Note)
                .with_help(format!(
                    "set `[build] content-dir = \"{dir}\"` in book.toml, so MkDocs and opsbook read the same files"
                )),
            );
        }
        return Some(NavFile {
            file: name.to_string(),
            kind: NavFileKind::MkDocs,
            entries: resolve(nav.entries, ""),
            root_dir: String::new(),
            directory_urls: nav.directory_urls,
        });
    }
    let at = files.assets.iter().position(|a| MKDOCS_FILES.contains(&a.as_str()))?;
    let name = files.assets.remove(at);
    let shown = format!("{prefix}{name}");
    let text = read(&content_dir.join(&name), &shown, diagnostics)?;
    let nav = parse_mkdocs(&text, &shown, diagnostics)?;
    let docs_dir = nav.docs_dir.as_deref().unwrap_or("docs").trim_matches('/').trim_start_matches("./");
    let docs_dir = if docs_dir == "." { "" } else { docs_dir };
    let found = docs_dir.is_empty() || files.dirs.iter().any(|d| d == docs_dir);
    if !found {
        diagnostics.push(
            Diagnostic::error(
                Rule::NavFile,
                &shown,
                nav.docs_dir_line,
                1,
                format!("`docs_dir` is `{docs_dir}`, but {prefix} has no folder `{docs_dir}/`: the nav is not used"),
            )
            .with_help("set `docs_dir` to the folder of the pages, relative to mkdocs.yml"),
        );
        return None;
    }
    Some(NavFile {
        file: shown,
        kind: NavFileKind::MkDocs,
        entries: resolve(nav.entries, docs_dir),
        root_dir: docs_dir.to_string(),
        directory_urls: nav.directory_urls,
    })
}

fn read(path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match crate::fs::read_text(path, crate::fs::FileKind::Config) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(e) => {
            diagnostics.push(Diagnostic::error(Rule::NavFile, shown, 0, 0, format!("cannot read the file: {e}")));
            None
        }
    }
}

fn parse_mkdocs(text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<super::mkdocs::MkDocsNav> {
    match super::mkdocs::parse_mkdocs(text) {
        Ok(nav) => {
            diagnostics.extend(nav.problems.iter().map(|(line, column, message)| {
                Diagnostic::error(Rule::NavFile, shown, *line, *column, message.clone())
                    .with_help("an entry of `nav` is `- page.md`, `- Title: page.md`, `- Title: https://…` or `- Section: [entries]`")
            }));
            Some(nav)
        }
        Err((line, column, message)) => {
            diagnostics.push(Diagnostic::error(Rule::NavFile, shown, line, column, message));
            None
        }
    }
}

/// Makes the pages' paths relative to `content/`: joined onto `base`, `.` and `..`
/// resolved, an `#anchor` dropped.
fn resolve(entries: Vec<NavEntry>, base: &str) -> Vec<NavEntry> {
    entries
        .into_iter()
        .map(|mut entry| {
            if let NavLink::Page(path) = &entry.link {
                entry.link = NavLink::Page(join(base, path));
            }
            entry.children = resolve(std::mem::take(&mut entry.children), base);
            entry
        })
        .collect()
}

/// `path` (relative to `base`, `/`-separated) relative to `content/`; one that climbs
/// above `content/` stays as written, and names no page.
pub(crate) fn join(base: &str, path: &str) -> String {
    let path = path.split(['#', '?']).next().unwrap_or(path);
    let decoded = crate::percent::percent_decode(path);
    let relative = decoded.trim_start_matches('/');
    crate::site_path::join_relative(base, relative).unwrap_or(decoded).trim_end_matches('/').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_paths_onto_the_docs_folder() {
        assert_eq!(join("docs", "a/b.md"), "docs/a/b.md");
        assert_eq!(join("docs", "./a/../b.md#part"), "docs/b.md");
        assert_eq!(join("", "/a%20b.md"), "a b.md");
    }

    #[test]
    fn flattens_depth_first() {
        let leaf = |title: &str| NavEntry {
            title: Some(title.into()),
            link: NavLink::None,
            children: Vec::new(),
            line: 1,
            column: 1,
        };
        let mut a = leaf("a");
        a.children = vec![leaf("a1"), leaf("a2")];
        let entries = vec![a, leaf("b")];
        let titles: Vec<_> = NavEntry::flatten(&entries).iter().map(|e| e.title.clone().unwrap_or_default()).collect();
        assert_eq!(titles, ["a", "a1", "a2", "b"]);
    }
}
