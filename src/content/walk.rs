//! Walks `content/`: every Markdown file (`.md`, `.markdown`, `.mdx`) is a page, every folder a section, everything
//! else an asset copied as it is, except Docusaurus category files ([`super::category`]),
//! which are read and not copied. Hidden files and editor leftovers are skipped, and so
//! are `_includes/` folders, whose files pages include ([`INCLUDES_FOLDER`]).
//!
//! Symbolic links are followed while they stay inside the handbook's folder (a linked
//! folder of shared pages works); one that resolves outside it is a
//! `symlink-outside-root` error at the link, and is neither read nor copied, so a
//! build never publishes a file of the machine it runs on. Link loops are reported
//! by the walk, not followed. A named pipe, socket or device is an `unreadable-file`
//! error at its path, and is neither read nor copied: reading it may never end.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

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
    if let Some(d) = confine.check(content_dir, content_prefix.trim_end_matches('/')) {
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
        if entry.path_is_symlink()
            && let Some(d) = confine.check_published(entry.path(), &format!("{content_prefix}{rel}"))
        {
            diagnostics.push(d);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
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

/// The handbook's root, resolved, to tell links that stay inside it from links that
/// lead out.
pub(crate) struct Confinement {
    root: PathBuf,
    /// Folders inside the root that nothing published may come from (the output).
    excluded: Vec<PathBuf>,
    /// The root as messages name it.
    name: &'static str,
}

impl Confinement {
    /// The confinement of `root`; `None` when the root itself cannot be resolved (then
    /// nothing under it can be read either).
    pub(crate) fn new(root: &Path) -> Option<Confinement> {
        Some(Confinement {
            root: std::fs::canonicalize(root).ok()?,
            excluded: Vec::new(),
            name: "the handbook's folder",
        })
    }

    /// The confinement of a folder outside the handbook that the command line names
    /// (`check --rules ../alerting/rules`): what it holds may be read, nothing its links
    /// lead to elsewhere.
    pub(crate) fn of_given_folder(dir: &Path) -> Option<Confinement> {
        let name = "the folder given on the command line";
        Some(Confinement { root: std::fs::canonicalize(dir).ok()?, excluded: Vec::new(), name })
    }

    /// The same, with `dir` (an output folder, when it exists) out of bounds too.
    pub(crate) fn excluding(mut self, dir: &Path) -> Confinement {
        self.excluded.extend(std::fs::canonicalize(dir).ok());
        self
    }

    /// [`Confinement::check`] for a file or folder that a build publishes: a link may
    /// also not lead into a hidden file or folder of the root (`.git/config`, `.env`),
    /// which the walk itself never publishes, nor into an excluded folder (the output,
    /// which may hold an earlier internal build).
    pub(crate) fn check_published(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        if let Some(d) = self.check(path, shown) {
            return Some(d);
        }
        let target = std::fs::canonicalize(path).ok()?;
        let inside = target.strip_prefix(&self.root).ok()?;
        let hidden = inside.components().any(|c| c.as_os_str().to_str().is_none_or(is_ignored_name));
        let why = if hidden {
            "a hidden file or folder (such as `.git/`), which a build never publishes"
        } else if self.excluded.iter().any(|dir| target.starts_with(dir)) {
            "the output folder, which may hold an earlier build"
        } else {
            return None;
        };
        let message = format!(
            "this symbolic link leads into {why} (`{}`): it is not read or published",
            crate::fs::slash_path(inside)
        );
        Some(
            Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, message)
                .with_help("copy the file into the handbook, or link to something that is published"),
        )
    }

    /// Whether a file may be read to be included in a page: `Err` says why not (it
    /// resolves, through symbolic links, outside the root, into a hidden file or folder,
    /// or into an excluded folder).
    pub(crate) fn check_readable(&self, path: &Path) -> Result<(), String> {
        let target = std::fs::canonicalize(path).map_err(|e| format!("it cannot be resolved: {e}"))?;
        let Ok(inside) = target.strip_prefix(&self.root) else {
            return Err(format!("it leads outside {} (to {})", self.name, target.display()));
        };
        if inside.components().any(|c| c.as_os_str().to_str().is_none_or(is_ignored_name)) {
            let shown = crate::fs::slash_path(inside);
            return Err(format!("it leads into a hidden file or folder (`{shown}`), which opsbook never reads"));
        }
        if self.excluded.iter().any(|dir| target.starts_with(dir)) {
            return Err("it is in the output folder, which may hold an earlier build".to_string());
        }
        Ok(())
    }

    /// Whether a new file may be written at `path`: the longest part of it that exists,
    /// resolved through symbolic links, must be a folder inside the root and not hidden
    /// or excluded (the rest, made anew, holds no link). `Err` says why not.
    pub(crate) fn check_writable(&self, path: &Path) -> Result<(), String> {
        let mut existing = path;
        while std::fs::symlink_metadata(existing).is_err() {
            existing = existing.parent().ok_or_else(|| format!("{} has no folder that exists", path.display()))?;
        }
        if existing != path {
            return self.check_readable(existing);
        }
        Err(format!("{} exists already", path.display()))
    }

    /// A `symlink-outside-root` error when `path` (a link, or a path through one)
    /// resolves outside the root; `shown` is the path as diagnostics name it.
    pub(crate) fn check(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        // A broken link does not resolve: the walk reports it as unreadable.
        let target = std::fs::canonicalize(path).ok()?;
        if target.starts_with(&self.root) {
            return None;
        }
        Some(
            Diagnostic::error(
                Rule::SymlinkOutsideRoot,
                shown,
                0,
                0,
                format!(
                    "this symbolic link leads outside the handbook's folder (to {}): it is not read or published",
                    target.display()
                ),
            )
            .with_help("copy the file into the handbook, or link to something inside it"),
        )
    }
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
