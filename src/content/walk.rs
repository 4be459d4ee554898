//! Walks `content/`: every Markdown file is a page, every folder a section, everything
//! else an asset copied as it is. Hidden files and editor leftovers are skipped.

use std::path::Path;

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
}

/// Whether a file or folder name is hidden or an editor's temporary file.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Whether a path names a Markdown page.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Lists the pages, assets and folders under `content_dir`. Unreadable entries become
/// diagnostics; the walk goes on.
pub fn walk_content(content_dir: &Path, content_prefix: &str, diagnostics: &mut Vec<Diagnostic>) -> ContentFiles {
    let mut files = ContentFiles::default();
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    for entry in walker {
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
        if entry.file_type().is_dir() {
            files.dirs.push(rel);
        } else if is_markdown(&rel) {
            files.pages.push(rel);
        } else {
            files.assets.push(rel);
        }
    }
    files
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
        assert!(!is_markdown("x.mdx"));
    }
}
