//! Finds and reads the handbook's navigation file, the first there is: mdBook's
//! `SUMMARY.md` in the content folder, MkDocs's `mkdocs.yml` beside `book.toml`,
//! Docusaurus's `sidebars.js` beside it or at the top of the content folder, an
//! `mkdocs.yml` at the top of the content folder. Each tool's reader gives entries
//! relative to the file's folder; they are handed to the core's
//! [`crate::content::nav_file`] made relative to `content/`.

use std::path::Path;

use super::mdbook::summary::Rules;
use crate::config::Config;
use crate::content::ContentFiles;
use crate::content::nav_file::{NavEntry, NavFile, NavFileKind, resolve};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The names MkDocs's configuration may have.
const MKDOCS_FILES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];

/// Whose rules the `SUMMARY.md` is read by: GitBook's in a GitBook book (its
/// `.gitbook.yaml` and no mdBook `[book]` table), mdBook's otherwise.
fn summary_rules(config: &Config) -> Rules {
    match super::gitbook::is_book(config) {
        true => Rules::GitBook,
        false => Rules::MdBook,
    }
}

/// Finds and reads the handbook's navigation file (see the module documentation), and
/// takes a `SUMMARY.md` out of the pages and an `mkdocs.yml` in `content/` out of the
/// assets, and with an `mkdocs.yml` the files its settings leave out of the docs
/// folder ([`super::mkdocs::exclude`]).
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
        let text = read(config, &content_dir.join("SUMMARY.md"), &shown, diagnostics)?;
        let (mut entries, problems) = super::mdbook::summary::parse_summary(&text, summary_rules(config));
        if !config.section_labels {
            drop_numbers(&mut entries);
        }
        diagnostics.extend(problems.into_iter().map(|(line, column, message)| {
            Diagnostic::error(Rule::NavFile, &shown, line, column, message)
                .with_help("see the format of SUMMARY.md in the guide's page on navigation")
        }));
        // mdBook refuses a file listed twice; GitBook and a plain SUMMARY.md list the
        // page again, which opsbook keeps at its first place.
        let severity = if config.book_table { Severity::Error } else { Severity::Warning };
        diagnostics.extend(super::mdbook::summary::listed_twice(&entries).into_iter().map(
            |(line, column, message)| {
                Diagnostic::error(Rule::NavFile, &shown, line, column, message).with_severity(severity).with_help(
                    "list each file once: an mdBook book with it does not build, and its sidebar keeps the first place",
                )
            },
        ));
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
        let confined = config.confinement().map(|c| c.readable(&path).map(|_| ()));
        if let Some(Err(why)) = confined {
            let message = format!("the file is not read: {why}");
            diagnostics.push(Diagnostic::error(Rule::SymlinkOutsideRoot, *name, 0, 0, message));
            return None;
        }
        let text = read(config, &path, name, diagnostics)?;
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
        let exclusions = super::mkdocs::exclude::read(&text, name, diagnostics);
        super::mkdocs::exclude::leave_out(files, "", &exclusions);
        let entries = plugin_nav(config, files, &text, (name, nav.entries), "", diagnostics);
        return Some(NavFile {
            file: name.to_string(),
            kind: NavFileKind::NavKey,
            entries: resolve(entries, ""),
            root_dir: String::new(),
            directory_urls: nav.directory_urls,
        });
    }
    if let Some(nav) = super::docusaurus::sidebar_files::find_sidebars(config, files, diagnostics) {
        return nav;
    }
    let at = files.assets.iter().position(|a| MKDOCS_FILES.contains(&a.as_str()))?;
    let name = files.assets.remove(at);
    let shown = format!("{prefix}{name}");
    let text = read(config, &content_dir.join(&name), &shown, diagnostics)?;
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
    let exclusions = super::mkdocs::exclude::read(&text, &shown, diagnostics);
    super::mkdocs::exclude::leave_out(files, docs_dir, &exclusions);
    let entries = plugin_nav(config, files, &text, (&shown, nav.entries), docs_dir, diagnostics);
    Some(NavFile {
        file: shown,
        kind: NavFileKind::NavKey,
        entries: resolve(entries, docs_dir),
        root_dir: docs_dir.to_string(),
        directory_urls: nav.directory_urls,
    })
}

/// The entries of an MkDocs site's navigation: `nav` as `mkdocs.yml` (named `shown`)
/// writes it, or the one a navigation plugin that its text `text` lists makes of the
/// Markdown pages of the docs folder `docs_dir` (relative to `content/`) and the
/// settings files in its folders: awesome-nav's `.nav.yml` in place of `nav`, else
/// awesome-pages' `.pages` over it.
fn plugin_nav(
    config: &Config,
    files: &ContentFiles,
    text: &str,
    (shown, written): (&str, Vec<NavEntry>),
    docs_dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<NavEntry> {
    use super::mkdocs::{awesome_nav, awesome_pages};
    let mut problems = Vec::new();
    let folder;
    let (entries, plugin) = if let Some(filename) = super::mkdocs::nav::awesome_nav_filename(text) {
        if !written.is_empty() {
            let message = "`nav` is replaced by the one awesome-nav makes of the folders' settings files";
            diagnostics.push(Diagnostic::error(Rule::NavFile, shown, 0, 0, message).with_severity(Severity::Note));
        }
        folder = DocsFolder::new(config, files, docs_dir);
        let title = |page: &str| super::mkdocs::files::meta_title(&folder.page_text(page)?);
        let read = |path: &str| folder.settings_file(path);
        let docs = awesome_nav::Docs { pages: &folder.pages, filename: &filename, read: &read, title: &title };
        (awesome_nav::navigation(&docs, &mut problems), "awesome-nav's")
    } else if let Some((options, faults)) = awesome_pages::options(text) {
        problems.extend(faults.into_iter().map(|(line, column, message)| (shown.to_string(), line, column, message)));
        folder = DocsFolder::new(config, files, docs_dir);
        let (read, page_text) = (|path: &str| folder.settings_file(path), |page: &str| folder.page_text(page));
        let docs = awesome_pages::Docs { pages: &folder.pages, config_file: shown, read: &read, text: &page_text };
        let made = awesome_pages::navigation(&docs, &options, &written, &mut problems);
        (made.unwrap_or(written), "awesome-pages'")
    } else {
        return written;
    };
    diagnostics.append(&mut folder.read_problems.borrow_mut());
    diagnostics.extend(problems.into_iter().map(|(file, line, column, message)| {
        Diagnostic::error(Rule::NavFile, file, line, column, message)
            .with_severity(Severity::Warning)
            .with_help(format!("see {plugin} settings in the guide's page on moving a handbook"))
    }));
    entries
}

/// The docs folder of an MkDocs site as its navigation plugins read it.
struct DocsFolder<'c> {
    config: &'c Config,
    /// The docs folder relative to `content/`, and as a prefix of its paths (`docs/`).
    docs_dir: &'c str,
    prefix: String,
    /// Its Markdown pages, as MkDocs has them, relative to it.
    pages: Vec<String>,
    /// What reading the settings files ran into.
    read_problems: std::cell::RefCell<Vec<Diagnostic>>,
}

impl<'c> DocsFolder<'c> {
    fn new(config: &'c Config, files: &ContentFiles, docs_dir: &'c str) -> Self {
        let prefix = if docs_dir.is_empty() { String::new() } else { format!("{docs_dir}/") };
        let pages: Vec<String> = files
            .pages
            .iter()
            .filter_map(|page| page.strip_prefix(prefix.as_str()))
            .filter(|page| MARKDOWN_EXTENSIONS.iter().any(|ext| page.rsplit_once('.').is_some_and(|(_, e)| e == *ext)))
            .map(str::to_string)
            .collect();
        let pages = super::mkdocs::files::without_shadowed_readmes(pages);
        DocsFolder { config, docs_dir, prefix, pages, read_problems: Default::default() }
    }

    /// The text of the settings file at `path` in the docs folder, hidden by name, and
    /// its name as diagnostics show it: read confined (not when a link leads there)
    /// and size-limited.
    fn settings_file(&self, path: &str) -> Option<(String, String)> {
        let full = self.config.content_dir().join(self.docs_dir).join(path);
        std::fs::symlink_metadata(&full).ok().filter(|m| !m.is_dir())?;
        let shown = format!("{}{}{path}", self.config.content_prefix(), self.prefix);
        let relative = Path::new(&self.config.content_folder).join(self.docs_dir).join(path);
        let text = super::hidden_file::read_as(
            self.config,
            &full,
            Some(&relative),
            &shown,
            &mut self.read_problems.borrow_mut(),
        )?;
        Some((shown, text))
    }

    /// The text of the page at `page` in the docs folder.
    fn page_text(&self, page: &str) -> Option<String> {
        read(self.config, &self.config.content_dir().join(self.docs_dir).join(page), page, &mut Vec::new())
    }
}

/// The extensions MkDocs reads as Markdown pages (`mkdocs.utils.markdown_extensions`).
const MARKDOWN_EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "mkdn", "mkd"];

/// The text of the navigation file at `path`, confined; an error names what went wrong.
fn read(config: &Config, path: &Path, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    super::hidden_file::read_as(config, path, None, shown, diagnostics)
}

fn parse_mkdocs(text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<super::mkdocs::nav::MkDocsNav> {
    match super::mkdocs::nav::parse_mkdocs(text) {
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

/// Takes the numbers off `entries` and the entries under them.
fn drop_numbers(entries: &mut [NavEntry]) {
    for entry in entries {
        entry.number = None;
        drop_numbers(&mut entry.children);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::docusaurus::sidebar_files::SIDEBAR_FILES;

    #[test]
    fn every_file_read_beside_book_toml_is_watched() {
        for name in MKDOCS_FILES.iter().chain(&SIDEBAR_FILES) {
            assert!(crate::content::nav_file::is_root_file(name), "{name}");
        }
    }
}
