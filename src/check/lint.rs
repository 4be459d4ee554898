//! The lints only `opsbook check` runs, after the site is checked (the step `lint`):
//! the CODEOWNERS file ([`super::codeowners`]), pages without an owner, and the files of
//! the content folder ([`super::assets`]). Each rule has the level `[check]` gives it
//! (`Config::lint`); a rule that is off costs nothing.

use std::path::Path;

use super::TemplateScan;
use super::codeowners::{Dialect, lint_codeowners};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::Site;
use crate::site::codeowners::find;
use crate::site::git;

/// Runs the lints on `site`, whose templates added `scans` (by page id).
pub(crate) fn lint_handbook<S: AsRef<TemplateScan>>(site: &Site, scans: &[S], diagnostics: &mut Vec<Diagnostic>) {
    let lint = site.config.lint;
    let owners_on = lint.codeowners.is_some() || lint.require_owners.is_some();
    let repository = site.repository.as_ref().filter(|_| owners_on);
    // The file the build read (which reported a refused one already).
    let codeowners = owners_on
        .then(|| {
            let roots: Vec<&Path> =
                [site.config.root.as_path()].into_iter().chain(repository.map(|r| r.toplevel.as_path())).collect();
            find(&roots, &mut Vec::new())
        })
        .flatten();
    if let (Some(severity), Some(found)) = (lint.codeowners, &codeowners) {
        let files = repository
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
