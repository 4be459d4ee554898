//! Walks `content/`: every Markdown file (`.md`, `.markdown`, `.mdx`) is a page, every folder a section, everything
//! else an asset copied as it is, except Docusaurus category files ([`super::category`]),
//! which are read and not copied. Hidden files and editor leftovers are skipped, and so
//! are `_includes/` folders, whose files pages include ([`INCLUDES_FOLDER`]).
//!
//! Symbolic links are followed while they stay inside the handbook's folder (a linked
//! folder of shared pages works); one that resolves outside it, into a hidden folder
//! or into an output folder is a `symlink-outside-root` error at the link
//! ([`Confinement::check_published`]), and is neither read nor copied, so a build never
//! publishes a file of the machine it runs on. Link loops are reported by the walk, not
//! followed. Every link followed is recorded with what it resolves to
//! ([`ContentFiles::links`]): a linked file keeps the audience of its real place. A
//! named pipe, socket or device is an `unreadable-file` error at its path, and is
//! neither read nor copied: reading it may never end.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::confine::Confinement;
use crate::diagnostic::{Diagnostic, Rule};

/// The files found under `content/`, as content-relative paths with `/` separators,
/// in a stable order (sorted by name, folder by folder).
#[derive(Debug, Default, Clone)]
pub struct ContentFiles {
    /// Markdown files.
    pub pages: Vec<String>,
    /// Every other file.
    pub assets: Vec<String>,
    /// Every folder below `content/` (not `content/` itself).
    pub dirs: Vec<String>,
    /// The Docusaurus category files read (never published), one per folder.
    pub categories: Vec<super::Category>,
    /// The navigation file of another tool (`mkdocs.yml`, `SUMMARY.md`), read after the
    /// walk by [`super::nav_file::find_nav_file`].
    pub nav_file: Option<super::NavFile>,
    /// The content paths of the files and folders of folders mounted by `[[sources]]`
    /// -> the index of their source ([`super::mounts`]).
    pub mounted: std::collections::HashMap<String, usize>,
    /// The symbolic links followed, each as its content path and the path it resolves
    /// to: what the audience rules read through them ([`Confinement::content_path_of`]).
    pub links: Vec<(String, PathBuf)>,
    /// Where includes look their files up, as the other tools' configurations beside
    /// `book.toml` say, read after the walk ([`super::include_roots`]).
    pub(crate) include_roots: std::sync::Arc<super::include_roots::IncludeRoots>,
}

/// The folder of files only included by pages (Jekyll's `_includes`): anywhere under
/// `content/`, it is neither pages nor assets.
pub(crate) const INCLUDES_FOLDER: &str = "_includes";

/// Whether a file or folder name is hidden or an editor's temporary file.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Whether a path names a Markdown page.
pub(crate) fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx")
}

/// Lists the pages, assets and folders under `root/content` (the content folder of the
/// handbook, `content` unless book.toml names another, relative to the root `root`).
/// Unreadable entries and links out of the root become diagnostics; the walk goes on.
pub(crate) fn walk_content(
    root: &Path,
    content: &str,
    output_dir: Option<&Path>,
    diagnostics: &mut Vec<Diagnostic>,
) -> ContentFiles {
    let mut files = ContentFiles::default();
    let content_dir = &root.join(content);
    let content_prefix = &format!("{content}/");
    let confine = Confinement::new(root).map(|c| match output_dir {
        Some(dir) => c.excluding(dir),
        None => c,
    });
    let Some(confine) = confine else {
        let message = format!("cannot resolve the handbook's folder {}", root.display());
        diagnostics.push(Diagnostic::error(Rule::UnreadableFile, content_prefix, 0, 0, message));
        return files;
    };
    if let Some(d) = confine.check_published(content_dir, content_prefix.trim_end_matches('/')) {
        diagnostics.push(d);
        return files;
    }
    let mut walker = WalkDir::new(content_dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        e.depth() == 0
            || !e
                .file_name()
                .to_str()
                .is_some_and(|name| is_ignored_name(name) || (name == INCLUDES_FOLDER && e.file_type().is_dir()))
    });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| relative(content_dir, p)).unwrap_or_default();
                diagnostics.push(Diagnostic::error(
                    Rule::UnreadableFile,
                    format!("{content_prefix}{path}"),
                    0,
                    0,
                    format!("cannot read: {}", e.io_error().map_or_else(|| e.to_string(), ToString::to_string)),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(content_dir, entry.path());
        if entry.path_is_symlink() {
            if let Some(d) = confine.check_published(entry.path(), &format!("{content_prefix}{rel}")) {
                diagnostics.push(d);
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
            if let Some(target) = confine.resolve(entry.path()) {
                files.links.push((rel.clone(), target));
            }
        }
        if entry.file_name().to_str().is_none() {
            diagnostics.push(Diagnostic::error(
                Rule::UnreadableFile,
                format!("{content_prefix}{rel}"),
                0,
                0,
                "the file name is not valid UTF-8; rename the file",
            ));
            continue;
        }
        if !entry.file_type().is_dir() && !entry.file_type().is_file() {
            diagnostics.push(not_regular(&format!("{content_prefix}{rel}"), entry.file_type()));
            continue;
        }
        if entry.file_type().is_dir() {
            files.dirs.push(rel);
        } else if entry.file_name().to_str().is_some_and(super::category::is_category_file) {
            let category =
                super::category::read_category(entry.path(), &rel, &format!("{content_prefix}{rel}"), diagnostics);
            // `_category_.json` wins over `_category_.yml`: the walk sorts it first.
            if !files.categories.iter().any(|c| c.dir == category.dir) {
                files.categories.push(category);
            }
        } else if is_markdown(&rel) {
            files.pages.push(rel);
        } else {
            files.assets.push(rel);
        }
    }
    files
}

/// The `unreadable-file` error of a file that is no regular file (a named pipe, a
/// socket, a device): it is neither read nor copied, since reading it may never end.
pub(crate) fn not_regular(shown: &str, file_type: std::fs::FileType) -> Diagnostic {
    let why = crate::fs::ReadError::NotRegular(crate::fs::describe(file_type));
    Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, format!("cannot read: {why}"))
        .with_help("opsbook reads and publishes regular files only: remove it, or put a file in its place")
}

fn relative(base: &Path, path: &Path) -> String {
    crate::fs::slash_path(path.strip_prefix(base).unwrap_or(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_hidden_and_editor_files() {
        for name in [".git", ".#notes.md", "notes.md~", ".notes.md.swp", "notes.swp", "#notes.md#", "4913"] {
            assert!(is_ignored_name(name), "{name}");
        }
        for name in ["notes.md", "diagram.png", "_index.md"] {
            assert!(!is_ignored_name(name), "{name}");
        }
    }

    #[test]
    fn recognises_markdown() {
        assert!(is_markdown("a/b.md"));
        assert!(is_markdown("a/B.MD"));
        assert!(is_markdown("x.markdown"));
        assert!(is_markdown("x.mdx"), "MDX pages are pages");
    }
}
