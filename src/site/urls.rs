//! URLs: every folder gets a slugged path segment, every page its section's path plus
//! its own slug (`slug` in front matter, else the file name), with a trailing `/`
//! (pretty URLs: `runbooks/db-failover/` is written to `runbooks/db-failover/index.html`).
//! In a handbook that strips number prefixes ([`crate::content::prefix`]), file and folder
//! names lose theirs first: `02-guides/01-intro.md` is `guides/intro/`.
//! Assets keep their file names inside the slugged folders. Aliases are read and checked
//! against every output in [`super::outputs`].

use rayon::prelude::*;

use super::{Asset, Page, PageId};
use crate::content::SourcePage;
use crate::content::prefix::strip_number_prefix;
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::FxHashMap;
use crate::slug::slugify;

/// Gives every page its URL and returns the assets with theirs. Assets in folders that
/// are not part of the site (draft sections) are left out.
pub(super) fn assign_urls(
    pages: &mut [Page],
    by_dir: &FxHashMap<String, PageId>,
    all_dirs: &[&str],
    asset_paths: &[String],
    strip: bool,
) -> Vec<Asset> {
    let mut dirs: Vec<&str> = all_dirs.to_vec();
    dirs.sort_by_key(|d| (d.matches('/').count() + usize::from(!d.is_empty()), *d));
    let mut dir_urls: FxHashMap<&str, String> = FxHashMap::default();
    for dir in dirs {
        if dir.is_empty() {
            dir_urls.insert("", String::new());
            continue;
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let section = by_dir.get(dir).map(|&id| &pages[id]);
        let segment = match section.and_then(|page| slug_of(&page.source).filter(|_| page.origin.has_file())) {
            Some(slug) => slugify(&slug.value),
            None => slugify(strip_number_prefix(name, strip)),
        };
        let parent_url = dir_urls.get(parent).cloned().unwrap_or_default();
        dir_urls.insert(dir, format!("{parent_url}{segment}/"));
    }
    let section_of: FxHashMap<PageId, &str> = by_dir.iter().map(|(dir, &id)| (id, dir.as_str())).collect();
    // Each page's URL on its own (slugging its name), on every core.
    pages.par_iter_mut().enumerate().for_each(|(id, page)| {
        page.site_path = match section_of.get(&id) {
            Some(dir) => dir_urls.get(dir).cloned().unwrap_or_default(),
            None => {
                let base = dir_urls.get(page.source.dir()).map_or("", String::as_str);
                let tail = permalink_tail(&page.source, base).unwrap_or_else(|| page_tail(&page.source, strip));
                format!("{base}{tail}")
            }
        };
    });
    asset_paths
        .iter()
        .filter_map(|path| {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            let base = dir_urls.get(dir)?;
            Some(Asset { source: path.clone(), url: format!("{base}{name}") })
        })
        .collect()
}

/// A page's `slug`, unless it has a `permalink`: in Jekyll a permalink is the page's
/// whole URL, and `slug` only fills the `:slug` and `:title` of a permalink pattern
/// (<https://jekyllrb.com/docs/permalinks/>), so pages that share a `slug` under their
/// own permalinks do not share a URL.
fn slug_of(page: &SourcePage) -> Option<&crate::content::Located<String>> {
    page.front.slug.as_ref().filter(|_| page.front.permalink.is_none())
}

/// The last segment of a page's URL: its `slug`, else its file name without the
/// extension and (when `strip`) its number prefix, slugged.
pub(super) fn page_segment(page: &SourcePage, strip: bool) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = html_stem(stem).unwrap_or(stem);
    slug_of(page).map_or_else(|| slugify(strip_number_prefix(stem, strip)), |s| slugify(&s.value))
}

/// The end of a page's URL after its section's: `segment/`, or `segment.html` for a
/// `name.html.md` page without a `slug` (Middleman's convention, kept by the GitLab
/// handbook: `foo.html.md` is served at `foo.html`).
fn page_tail(page: &SourcePage, strip: bool) -> String {
    let name = page.path.rsplit('/').next().unwrap_or(&page.path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let segment = page_segment(page, strip);
    if slug_of(page).is_none() && html_stem(stem).is_some() { format!("{segment}.html") } else { format!("{segment}/") }
}

/// `name` without a `.html` ending, if it has one.
pub(super) fn html_stem(name: &str) -> Option<&str> {
    let cut = name.len().checked_sub(5)?;
    (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".html") && cut > 0).then(|| &name[..cut])
}

/// The end of a page's URL from its `permalink` (Jekyll, Eleventy), when the permalink
/// keeps the page in its own section (`base`, the section's site path): it then works as
/// a `slug`, `/a/b/` giving `b/` and `/a/b.html` giving `b.html`. Other permalinks are
/// left to [`permalink_warnings`].
fn permalink_tail(page: &SourcePage, base: &str) -> Option<String> {
    let permalink = page.front.permalink.as_ref()?;
    let path = permalink.value.trim().trim_matches('/');
    let (parent, last) = path.rsplit_once('/').map_or(("", path), |(parent, last)| (parent, last));
    let file = html_stem(last).filter(|_| !permalink.value.trim().ends_with('/'));
    let slug = slugify(file.unwrap_or(last));
    let tail = if file.is_some() { format!("{slug}.html") } else { format!("{slug}/") };
    (base.strip_suffix('/').unwrap_or(base) == parent && !slug.is_empty()).then_some(tail)
}

/// A warning for each `permalink` that does not keep its page in its own section (or
/// is on a section's page), which opsbook does not follow.
pub(super) fn permalink_warnings(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    for page in pages.iter().filter(|page| page.origin.has_file()) {
        let Some(permalink) = &page.source.front.permalink else { continue };
        let wanted = permalink.value.trim().trim_matches('/');
        if page.site_path.trim_end_matches('/') == wanted || page.site_path == wanted {
            continue;
        }
        diagnostics.push(
            Diagnostic::error(
                Rule::FrontMatterField,
                &page.source.file,
                permalink.line,
                permalink.column,
                format!(
                    "`permalink: {}` moves the page out of its section; it stays at /{}",
                    permalink.value, page.site_path
                ),
            )
            .with_severity(crate::diagnostic::Severity::Warning)
            .with_help("opsbook follows a `permalink` only within the page's own section; add an `aliases` entry for the old URL"),
        );
    }
}

/// The note for a page `unlisted` that the book's `SUMMARY.md` does not list, whose URL
/// the page `kept` has: mdBook and GitBook publish only the files their summary lists.
pub(super) fn unlisted_gives_way(unlisted: &Page, kept: &Page, nav: &Option<crate::content::NavFile>) -> Diagnostic {
    let summary = nav.as_ref().map_or("SUMMARY.md", |nav| nav.file.as_str());
    let file = if unlisted.origin.has_file() { &unlisted.source.file } else { &kept.source.file };
    Diagnostic::error(
        Rule::DuplicateUrl,
        file,
        0,
        0,
        format!(
            "`{}` has the URL of `{}`, and {summary} does not list it: it is left out, as mdBook and GitBook publish only the files their summary lists",
            unlisted.source.file, kept.source.file
        ),
    )
    .with_severity(crate::diagnostic::Severity::Note)
}

/// The diagnostic for a page whose URL another page already has: at the second
/// page's file (its `slug`, when it has one); at the first's when the second is a folder
/// without a page; at the second folder itself when both are (two folders whose names
/// differ only in case or punctuation, `Runbooks/` and `runbooks/`), since its name is
/// what must change.
pub(super) fn duplicate_url(first: &Page, second: &Page) -> Diagnostic {
    let (line, column) = second.source.front.slug.as_ref().map_or((1, 1), |s| (s.line, s.column));
    let (file, line, column) = if second.origin.has_file() {
        (second.source.file.as_str(), line, column)
    } else if first.origin.has_file() {
        (first.source.file.as_str(), 1, 1)
    } else {
        (second.source.file.as_str(), 0, 0)
    };
    let other = if file == second.source.file { &first.source.file } else { &second.source.file };
    Diagnostic::error(
        Rule::DuplicateUrl,
        file,
        line,
        column,
        format!("`{file}` and `{other}` both map to the URL /{}", second.site_path),
    )
    .with_help("rename one of the files, or give one of them a different `slug`")
}
