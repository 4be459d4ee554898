//! The lints only `opsbook check` runs, after the site is checked (the step `lint`):
//! the CODEOWNERS file ([`super::codeowners`]), pages without an owner, and the files of
//! the content folder ([`super::assets`]). Each rule has the level `[check]` gives it
//! (`Config::lint`); a rule that is off costs nothing.

use std::path::{Path, PathBuf};

use super::TemplateScan;
use super::codeowners::{Dialect, lint_codeowners};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::Site;
use crate::site::codeowners::LOCATIONS;
use crate::site::git;

/// Runs the lints on `site`, whose templates added `scans` (by page id).
pub(crate) fn lint_handbook<S: AsRef<TemplateScan>>(site: &Site, scans: &[S], diagnostics: &mut Vec<Diagnostic>) {
    let lint = site.config.lint;
    let owners_on = lint.codeowners.is_some() || lint.require_owners.is_some();
    let repository = owners_on.then(|| git::locate(&site.config.root)).flatten();
    let codeowners = owners_on.then(|| find_codeowners(&site.config.root, repository.as_ref())).flatten();
    if let (Some(severity), Some(found)) = (lint.codeowners, &codeowners) {
        let files = repository
            .as_ref()
            .and_then(|r| git::list_files(&r.toplevel))
            .unwrap_or_else(|| walk_files(&found.root, &site.config.output_dir));
        let dialect = Dialect::of(found.location, &found.text);
        let found = lint_codeowners(&found.text, &found.shown, dialect, &files);
        diagnostics.extend(found.into_iter().map(|d| d.with_severity(severity)));
    }
    if let Some(severity) = lint.require_owners {
        pages_without_owner(site, codeowners.as_ref().map(|c| c.shown.as_str()), severity, diagnostics);
    }
    super::assets::lint_assets(site, scans, diagnostics);
}

/// The CODEOWNERS file a build reads.
struct Found {
    /// The folder it was found under.
    root: PathBuf,
    /// Its place under that folder, one of [`LOCATIONS`].
    location: &'static str,
    /// Its path as diagnostics name it: from the handbook's root, or absolute.
    shown: String,
    text: String,
}

/// Finds the CODEOWNERS file as `CodeOwners::load` does: the first of [`LOCATIONS`]
/// under the handbook's root, then under the repository's. One that leads out of the
/// repository (reported by the build) is left alone.
fn find_codeowners(root: &Path, repository: Option<&git::Location>) -> Option<Found> {
    let mut roots = vec![root.to_path_buf()];
    roots.extend(repository.map(|r| r.toplevel.clone()));
    let confine = crate::content::walk::Confinement::new(roots.last()?)?;
    for (i, folder) in roots.iter().enumerate() {
        for &location in LOCATIONS {
            let path = folder.join(location);
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let shown = if i == 0 { location.to_string() } else { path.display().to_string() };
            if confine.check(&path, &shown).is_some() {
                continue;
            }
            return Some(Found { root: folder.clone(), location, shown, text });
        }
    }
    None
}

/// The files under `root` (outside git), from `root`, `/`-separated: its `.git` folder,
/// the output folder and symbolic links to folders left out.
fn walk_files(root: &Path, output_dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut folders = vec![(root.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if name != ".git" && path != output_dir {
                    folders.push((path, format!("{prefix}{name}/")));
                }
            } else if !kind.is_symlink() || path.is_file() {
                files.push(format!("{prefix}{name}"));
            }
        }
    }
    files.sort();
    files
}

/// `page-without-owner`: a page of a file with no owner from front matter or CODEOWNERS.
/// Pages whose kind requires owners already have their `front-matter-field` error, and
/// a page that only redirects shows nothing to own.
fn pages_without_owner(site: &Site, codeowners: Option<&str>, severity: Severity, diagnostics: &mut Vec<Diagnostic>) {
    for page in &site.pages {
        if !page.origin.has_file() || !page.owners.is_empty() || page.source.front.redirect_to.is_some() {
            continue;
        }
        let required = site.config.kinds.get(&page.kind).is_some_and(|k| k.required.iter().any(|f| f == "owners"));
        if required {
            continue;
        }
        let message = match codeowners {
            Some(file) => format!("the page has no owner: no `owners` field, and no line of {file} matches it"),
            None => "the page has no owner: no `owners` field, and the handbook has no CODEOWNERS file".to_string(),
        };
        diagnostics.push(
            Diagnostic::error(Rule::PageWithoutOwner, &page.source.file, 0, 0, message)
                .with_severity(severity)
                .with_help("add `owners: [\"@team\"]` to its front matter, or a CODEOWNERS line that matches it"),
        );
    }
}
