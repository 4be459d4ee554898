//! The chapters of an mdBook book: the Markdown files its `SUMMARY.md` lists are its
//! only pages. A `.md` file it does not list is neither rendered nor copied (mdBook's
//! HTML renderer copies the source folder "except `md`"), so opsbook publishes no page
//! of it either; other files stay files. Read after the walk, before the pages are
//! loaded ([`super::MdBook`]'s `read`), from the navigation file the layer found.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::compat::interface::ListedPages;
use crate::config::Config;
use crate::content::nav_file::{NavFileKind, NavLink};
use crate::content::{ContentFiles, NavEntry};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The chapters of the book whose walk found `files`, when its navigation file is a
/// `SUMMARY.md`: the files it lists, the only pages; a note at it counts the files it
/// leaves out.
pub(crate) fn read(config: &Config, files: &ContentFiles, diagnostics: &mut Vec<Diagnostic>) -> Option<ListedPages> {
    let nav = files.nav_file.as_ref().filter(|nav| nav.kind == NavFileKind::Summary)?;
    let listed = NavEntry::flatten(&nav.entries)
        .into_iter()
        .filter_map(|entry| match &entry.link {
            NavLink::Page(path) => Some(path.clone()),
            _ => None,
        })
        .collect();
    let mounts = config.sources.list.iter().map(|source| source.mount.clone()).collect();
    // mdBook renders `404.md` as the 404 page without an entry (`[output.html] input-404`).
    let chapters = ListedPages { listed, mounts, unlisted_page: "404.md" };
    let left_out = files.pages.iter().filter(|path| chapters.leaves_out(path)).count();
    if left_out > 0 {
        let files = if left_out == 1 { "1 Markdown file is" } else { &format!("{left_out} Markdown files are") };
        let message = format!("{files} not listed in {}: no page, as mdBook publishes none", nav.file);
        diagnostics.push(
            Diagnostic::error(Rule::NavFile, &nav.file, 0, 0, message)
                .with_severity(Severity::Note)
                .with_help("list a file in SUMMARY.md to publish it; a link to one that is not listed is broken"),
        );
    }
    Some(chapters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_unlisted_markdown_but_the_404_page_other_files_and_mounts() {
        let listed = ["intro.md", "ops/db.md"].map(String::from).into_iter().collect();
        let chapters = ListedPages { listed, mounts: vec!["vendor".into()], unlisted_page: "404.md" };
        for kept in ["intro.md", "ops/db.md", "404.md", "notes.markdown", "page.html", "vendor/a.md"] {
            assert!(!chapters.leaves_out(kept), "{kept}");
        }
        for left in ["README.md", "ops/README.md", "changelogs/2019.md", "vendors/a.md"] {
            assert!(chapters.leaves_out(left), "{left}");
        }
    }
}
