//! Applies a navigation file of another tool (`mkdocs.yml`'s `nav:`, mdBook's
//! `SUMMARY.md`, read by [`crate::content::nav_file`]) to the pages: it orders and names
//! the navigation, winning over `weight`, `sidebar_position`, category positions and
//! number prefixes. The tree stays the folders': the file says where each page and
//! section stands among its siblings, not which section it belongs to.
//!
//! 1. Each entry, depth first, gets the next rank. A page entry gives its page that rank
//!    and its title as the page's navigation name; a file that is no page is a
//!    `nav-file` problem at the entry, at the severity of `[check] links` (a link that
//!    leads nowhere: MkDocs warns, GitBook greys the entry out, mdBook makes the file),
//!    and the entry is left out (a page left out of this build, a draft or internal
//!    page, is skipped).
//! 2. A section entry (a title over entries, no page) names the folder that holds all its
//!    pages, when no page listed elsewhere is in that folder: MkDocs's `On call:
//!    [oncall/a.md, oncall/b.md]` is the title of `oncall/`.
//!    Such a folder nested deeper than its entry (MkDocs's top-level `Courses:
//!    [training/courses/a.md]`) is lifted to the section of the entry around it, or to
//!    the file's root folder: only upwards, so URLs never change.
//! 3. A section not ranked yet takes the rank of its first ranked page, up to the home
//!    page.
//! 4. Every other page is built but left out of the navigation, as MkDocs does; a note
//!    at the file says how many.

use std::collections::HashSet;

use super::{Index, Page, PageId, PageOrigin};
use crate::content::{NavEntry, NavFile, NavLink};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// Orders and names `pages` by `nav` (see the module documentation).
pub(super) fn apply_nav_file(
    pages: &mut [Page],
    index: &Index,
    nav: &NavFile,
    content_prefix: &str,
    severity: Severity,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if nav.entries.is_empty() {
        // An `mkdocs.yml` without `nav`: MkDocs orders the files itself, and so do we.
        return;
    }
    let entries = NavEntry::flatten(&nav.entries);
    let listed: HashSet<&str> = entries.iter().filter_map(|e| page_path(e)).collect();
    for (rank, entry) in entries.iter().enumerate() {
        match &entry.link {
            NavLink::Page(path) => match index.by_path.get(path.as_str()) {
                Some(&id) => place(&mut pages[id], rank, entry),
                None if index.left_out.contains_key(path.as_str()) => {}
                None => diagnostics.push(missing(nav, entry, path, content_prefix).with_severity(severity)),
            },
            NavLink::None if !entry.children.is_empty() => {
                if let Some(id) = section_page(entry, index, &listed) {
                    place(&mut pages[id], rank, entry);
                }
            }
            _ => {}
        }
    }
    if let Some(&root) = index.by_dir.get(&nav.root_dir) {
        lift_sections(pages, index, &listed, &nav.entries, root);
    }
    let mut ranked: Vec<(usize, PageId)> =
        pages.iter().enumerate().filter_map(|(id, page)| page.nav_rank.map(|rank| (rank, id))).collect();
    ranked.sort_unstable();
    for (rank, id) in ranked {
        let mut next = pages[id].parent;
        while let Some(parent) = next.filter(|&p| pages[p].nav_rank.is_none()) {
            pages[parent].nav_rank = Some(rank);
            next = pages[parent].parent;
        }
    }
    let mut unlisted = 0;
    for (id, page) in pages.iter_mut().enumerate() {
        if id != 0 && page.nav_rank.is_none() && !page.origin.is_generated() {
            page.nav_unlisted = true;
            unlisted += usize::from(page.origin != PageOrigin::Folder);
        }
    }
    if unlisted > 0 {
        let pages = if unlisted == 1 { "1 page is" } else { &format!("{unlisted} pages are") };
        diagnostics.push(
            Diagnostic::error(
                Rule::NavFile,
                &nav.file,
                0,
                0,
                format!("{pages} not listed in {}: built, but left out of the navigation", nav.file),
            )
            .with_severity(Severity::Note)
            .with_help("list them in the file to show them in the navigation"),
        );
    }
}

/// The section page of the folder that section `entry` stands for, if any.
fn section_page(entry: &NavEntry, index: &Index, listed: &HashSet<&str>) -> Option<PageId> {
    let dir = section_folder(entry, listed)?;
    index.by_dir.get(&dir).copied().filter(|&id| id != 0)
}

/// Makes the folder of each section entry of `entries` a child of `parent` (the
/// section of the entry around them) when it lies deeper below it.
fn lift_sections(pages: &mut [Page], index: &Index, listed: &HashSet<&str>, entries: &[NavEntry], parent: PageId) {
    for entry in entries.iter().filter(|e| e.link == NavLink::None && !e.children.is_empty()) {
        let section = section_page(entry, index, listed);
        if let Some(id) = section
            && pages[id].parent != Some(parent)
            && is_below(pages, id, parent)
        {
            pages[id].parent = Some(parent);
        }
        lift_sections(pages, index, listed, &entry.children, section.unwrap_or(parent));
    }
}

/// Whether `ancestor` is above page `id`.
fn is_below(pages: &[Page], id: PageId, ancestor: PageId) -> bool {
    let mut next = pages[id].parent;
    let mut steps = 0;
    while let Some(parent) = next {
        if parent == ancestor {
            return true;
        }
        steps += 1;
        if steps > pages.len() {
            return false;
        }
        next = pages[parent].parent;
    }
    false
}

/// Gives a page or section its place and name, unless an earlier entry did.
fn place(page: &mut Page, rank: usize, entry: &NavEntry) {
    if page.nav_rank.is_none() {
        page.nav_rank = Some(rank);
        page.nav_title = entry.title.clone();
    }
}

fn page_path(entry: &NavEntry) -> Option<&str> {
    match &entry.link {
        NavLink::Page(path) => Some(path),
        _ => None,
    }
}

/// The folder that holds every page of section `entry`, if no page of `listed` outside
/// the section is in it.
fn section_folder(entry: &NavEntry, listed: &HashSet<&str>) -> Option<String> {
    let own: HashSet<&str> = NavEntry::flatten(&entry.children).into_iter().filter_map(page_path).collect();
    let mut dirs = own.iter().map(|path| path.rsplit_once('/').map_or("", |(dir, _)| dir));
    let first = dirs.next()?;
    let common = dirs.fold(first, |common, dir| {
        let mut common = common;
        while !(dir == common || dir.starts_with(&format!("{common}/")) || common.is_empty()) {
            common = common.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
        common
    });
    let folder = format!("{common}/");
    let alone = listed.iter().filter(|path| path.starts_with(&folder)).all(|path| own.contains(path));
    (!common.is_empty() && alone).then(|| common.to_string())
}

fn missing(nav: &NavFile, entry: &NavEntry, path: &str, content_prefix: &str) -> Diagnostic {
    Diagnostic::error(
        Rule::NavFile,
        &nav.file,
        entry.line,
        entry.column,
        format!("{} lists `{path}`, which is no page under {content_prefix}", nav.file),
    )
    .with_help("fix the path (it is relative to the folder of the pages), or remove the entry")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, link: NavLink, children: Vec<NavEntry>) -> NavEntry {
        NavEntry { title: Some(title.into()), link, children, line: 1, column: 1 }
    }

    #[test]
    fn finds_the_folder_of_a_section() {
        let page = |p: &str| entry(p, NavLink::Page(p.into()), Vec::new());
        let oncall = entry("On call", NavLink::None, vec![page("d/oncall/a.md"), page("d/oncall/deep/b.md")]);
        let listed: HashSet<&str> = ["d/oncall/a.md", "d/oncall/deep/b.md", "d/x.md"].into();
        assert_eq!(section_folder(&oncall, &listed).as_deref(), Some("d/oncall"));
        let mixed = entry("Mixed", NavLink::None, vec![page("d/oncall/a.md"), page("d/x.md")]);
        assert_eq!(section_folder(&mixed, &listed), None, "d/ holds pages listed elsewhere");
        let listed: HashSet<&str> = ["d/oncall/a.md", "d/oncall/other.md"].into();
        let part = entry("Part", NavLink::None, vec![page("d/oncall/a.md")]);
        assert_eq!(section_folder(&part, &listed), None, "another section lists a page of d/oncall/");
    }
}
