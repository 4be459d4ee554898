//! Walks `content/`: every Markdown file (`.md`, `.markdown`, `.mdx`) is a page, and so
//! is a file of another tool's page formats (Middleman's `.html.md.erb`, Eleventy's
//! `.njk`, an `.html` file with front matter: [`super::formats`]); every folder is a
//! section, everything else an asset copied as it is, except Docusaurus category files ([`super::category`]),
//! which are read and not copied. Hidden files and editor leftovers are skipped, and so
//! are `_includes/` folders, whose files pages include ([`super::include_roots::INCLUDES_FOLDER`]).
//!
//! Symbolic links are followed while they stay inside the handbook's folder (a linked
//! folder of shared pages works); one that resolves outside it, into a hidden folder
//! or into an output folder is a `symlink-outside-root` error at the link
//! ([`super::confine::Located::check_published`]), and is neither read nor copied, so a build never
//! publishes a file of the machine it runs on. Link loops are reported by the walk, not
//! followed. Every link followed is recorded with what it resolves to
//! ([`ContentFiles::links`]): a linked file keeps the audience of its real place. A
//! named pipe, socket or device is an `unreadable-file` error at its path, and is
//! neither read nor copied: reading it may never end.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::confine::{Confined, Confinement, Located as _};
use super::include_roots::INCLUDES_FOLDER;
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
    /// walk by the compatibility layer ([`super::nav_file`]).
    pub nav_file: Option<super::NavFile>,
    /// The content paths of the files and folders of folders mounted by `[[sources]]`
    /// -> the index of their source ([`super::mounts`]).
    pub mounted: std::collections::HashMap<String, usize>,
    /// The symbolic links followed, each as its content path and the path it resolves
    /// to: what the audience rules read through them ([`Confinement::content_path_of`]).
    pub links: Vec<(String, PathBuf)>,
    /// The languages the old tool's configuration lists, the default first, read after
    /// the walk ([`super::languages::listed`]).
    pub tool_languages: Vec<String>,
    /// The paths of the site a language plugin keeps in the default language only, `Some`
    /// when the handbook's languages are the plugin's ([`super::languages::arrange`]).
    pub language_plugin_exclusions: Option<Vec<String>>,
    /// Whether the old tool read number prefixes off the names of files and folders (a
    /// Docusaurus site), which `[content] number-prefixes = "auto"` follows; answered
    /// after the walk by the compatibility layer ([`super::prefix`]).
    pub prefixed_names: bool,
    /// Where includes look their files up, as the other tools' configurations beside
    /// `book.toml` say, read after the walk ([`super::include_roots`]).
    pub include_roots: std::sync::Arc<super::include_roots::IncludeRoots>,
    /// The files of `assets` the old tool processes through its templates (Jekyll's that
    /// open with front matter), found after the walk ([`TemplateFile`]).
    pub template_files: TemplateFiles,
    /// The bytes of the page files the compatibility layer read while it sorted the walk,
    /// by content path: each file is read once, and the page is read from them.
    pub read_ahead: ReadAhead,
}

/// The bytes of page files read already, by content path ([`ContentFiles::read_ahead`]).
pub type ReadAhead = std::collections::HashMap<String, Vec<u8>>;

/// A file the old tool processes through its templates though it is no page: its front
/// matter, which its template reads as the page's variables, and the site path its
/// `permalink` names, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateFile {
    /// Its front matter, as the template's `page` (with `url` and `path` added).
    pub front: serde_json::Value,
    /// Its site path, when its `permalink` names one.
    pub permalink: Option<String>,
}

/// The files the old tool processes through its templates, by content path.
pub type TemplateFiles = std::collections::BTreeMap<String, TemplateFile>;

/// Whether the content path `path` is in a `_posts` folder: a post, whatever the tool
/// (Jekyll's rule, which opsbook's own blogs follow).
pub fn in_posts_folder(path: &str) -> bool {
    in_folder_named(path, "_posts")
}

/// Whether the content path `path` is inside a folder named `name`, at any depth.
pub fn in_folder_named(path: &str, name: &str) -> bool {
    path.rsplit_once('/').is_some_and(|(dir, _)| dir.split('/').any(|part| part == name))
}

/// GitBook's folder of uploaded files, `.gitbook/assets/`: published (links to it are
/// written `../.gitbook/assets/x.png`), though hidden, in a GitBook book.
pub const UPLOADS_FOLDER: [&str; 2] = [".gitbook", "assets"];

/// Whether the content folder (of the handbook at `root`) is a GitBook book that keeps
/// GitBook's folder `.gitbook/assets/`: its navigation file, `SUMMARY.md`, or GitBook's
/// configuration, `.gitbook.yaml`, in the content folder or beside `book.toml`, says it
/// is one. Only that hidden folder is walked in it: `.git`, `.env`, the rest of
/// `.gitbook/` and every other hidden name stay out.
fn keeps_hidden_uploads(root: &Path, content_dir: &Path) -> bool {
    let named = content_dir.join("SUMMARY.md").is_file()
        || content_dir.join(".gitbook.yaml").is_file()
        || root.join(".gitbook.yaml").is_file();
    named && content_dir.join(UPLOADS_FOLDER[0]).join(UPLOADS_FOLDER[1]).is_dir()
}

/// Whether a folder at `depth` named `name` is the uploads' parent `.gitbook` (depth 1)
/// or a folder of it.
fn in_uploads_parent(depth: usize, name: Option<&str>, path: &Path) -> bool {
    match depth {
        1 => name == Some(UPLOADS_FOLDER[0]),
        _ => path.parent().and_then(Path::file_name) == Some(UPLOADS_FOLDER[0].as_ref()),
    }
}

pub use crate::fs::confine::is_ignored_name;

/// Whether a path names a Markdown page.
pub fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".mdx")
}

/// How much of an `.html` file the walk reads to see whether it opens with front matter.
const HEAD_BYTES: u64 = 1024;

/// Whether the file at content path `rel` (on disk at `disk`) is a page: Markdown, a
/// template format of another tool, or an `.html` file with front matter
/// ([`super::formats`]). An `.html` file that cannot be read is a file: copying it
/// reports why.
fn is_page(rel: &str, disk: impl FnOnce() -> Option<Confined>) -> bool {
    use super::formats::{ByName, opens_with_front_matter, page_format};
    match page_format(rel) {
        ByName::Page(_) => true,
        ByName::File => false,
        ByName::PageWithFrontMatter => {
            use std::io::Read;
            let Some(Ok((file, _))) = disk().map(|disk| crate::fs::open_regular(&disk, crate::fs::FileKind::Page))
            else {
                return false;
            };
            let mut head = Vec::with_capacity(HEAD_BYTES as usize);
            file.take(HEAD_BYTES).read_to_end(&mut head).is_ok() && opens_with_front_matter(&head)
        }
    }
}

/// Lists the pages, assets and folders under `root/content` (the content folder of the
/// handbook, `content` unless book.toml names another, relative to the root `root`).
/// Unreadable entries and links out of the root become diagnostics; the walk goes on.
pub fn walk_content(
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
    let uploads = keeps_hidden_uploads(root, content_dir);
    let mut walker = WalkDir::new(content_dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_str();
        if uploads && e.file_type().is_dir() && e.depth() <= 2 && in_uploads_parent(e.depth(), name, e.path()) {
            // Only `.gitbook/assets/` of GitBook's folder is walked.
            return e.depth() == 1 || name == Some(UPLOADS_FOLDER[1]);
        }
        if uploads && e.depth() == 2 && e.path().parent().and_then(Path::file_name) == Some(UPLOADS_FOLDER[0].as_ref())
        {
            return false;
        }
        !name.is_some_and(|name| is_ignored_name(name) || (name == INCLUDES_FOLDER && e.file_type().is_dir()))
    });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| relative(content_dir, p)).unwrap_or_default();
                // A link to nothing (into a `node_modules/` not installed here) is no
                // content: it is left out, and links to it are judged like any link.
                if let Some(d) = dangling_link(e.path(), &format!("{content_prefix}{path}")) {
                    diagnostics.push(d);
                    continue;
                }
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
            let category = super::category::read_category(
                confine.walked(entry.path()),
                &rel,
                &format!("{content_prefix}{rel}"),
                diagnostics,
            );
            // `_category_.json` wins over `_category_.yml`: the walk sorts it first.
            if !files.categories.iter().any(|c| c.dir == category.dir) {
                files.categories.push(category);
            }
        } else if is_page(&rel, || confine.walked(entry.path())) {
            files.pages.push(rel);
        } else {
            files.assets.push(rel);
        }
    }
    files
}

/// The `unreadable-file` warning of a symbolic link at `path` whose target does not
/// exist, named `shown`, when it is no page by its name (a folder, an image, a
/// stylesheet); `None` for any other path. Nothing is read or published for it. A page
/// that cannot be read stays an error, so that `serve` keeps the last good version
/// while an editor saves it (for a moment, a link to nothing).
pub fn dangling_link(path: Option<&Path>, shown: &str) -> Option<Diagnostic> {
    let path = path?;
    let target = std::fs::read_link(path).ok()?;
    if path.exists() || !matches!(super::formats::page_format(shown), super::formats::ByName::File) {
        return None;
    }
    let message = format!("a symbolic link to nothing (`{}`): it is left out", crate::fs::slash_path(&target));
    Some(
        Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message)
            .with_severity(crate::diagnostic::Severity::Warning)
            .with_help("its target is not in this checkout (a dependency not installed?); remove the link, or put the file there"),
    )
}

/// The `unreadable-file` error of a file that is no regular file (a named pipe, a
/// socket, a device): it is neither read nor copied, since reading it may never end.
pub fn not_regular(shown: &str, file_type: std::fs::FileType) -> Diagnostic {
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
