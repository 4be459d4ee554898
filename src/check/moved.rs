//! With a baseline that has pages: the pages the change touched (added, changed,
//! removed, moved), and a `moved-without-redirect` error for every page URL of the
//! baseline that now leads nowhere, so links, alerts' `runbook_url`s and bookmarks
//! keep working.
//!
//! 1. A page whose site path is in both is *changed* when its file or fingerprint
//!    differs.
//! 2. A page of the baseline whose site path is gone is matched with a new page (a
//!    site path the baseline did not have): the same title counts most, then a similar
//!    text, then the same file name. A match is *moved*, the rest *removed*; new pages
//!    left unmatched are *added*.
//! 3. A gone site path that is no page, alias, file or `[check] removed-urls` entry of
//!    the site is a `moved-without-redirect` error: at the matched page's file, asking
//!    for the alias; or at `book.toml`, asking for an alias on the page that replaces
//!    it or an entry in `[check] removed-urls`. Section pages opsbook generated for a
//!    folder have no file to put an alias in and are left out of this step.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::baseline::{Baseline, BaselinePage};
use super::pages::{PageEntry, similar};
use crate::diagnostic::{Diagnostic, Rule};
use crate::site::Site;

/// What happened to a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Change {
    /// A new page.
    Added,
    /// The same URL, another text or file.
    Changed,
    /// A new URL for a page of the baseline.
    Moved,
    /// Gone, with no page like it.
    Removed,
}

/// One page the change touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PageChange {
    /// What happened.
    pub change: Change,
    /// The page's title (the baseline's for a removed page).
    pub title: String,
    /// Its Markdown file now; none for a removed page or a generated section.
    pub source: Option<String>,
    /// Its site path now (none for a removed page).
    pub path: Option<String>,
    /// Its link now, base path included.
    pub url: Option<String>,
    /// Its file in the baseline (for changed, removed and moved pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_source: Option<String>,
    /// Its site path in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    /// Its link in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_url: Option<String>,
    /// Whether the old URL still leads somewhere (moved and removed pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirected: Option<bool>,
}

/// The document `check --changed-pages` writes: the pages the change touched.
#[derive(Serialize)]
struct ChangedPages<'a> {
    format: u32,
    baseline: &'a str,
    pages: &'a [PageChange],
}

/// `changed-pages.json`: `changes` against the baseline named `baseline`.
pub(crate) fn changed_pages_json(baseline: &str, changes: &[PageChange]) -> String {
    let document = ChangedPages { format: 1, baseline, pages: changes };
    let mut json = serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}

/// A site path as links from the site's root write it: `/a/b/`.
fn slash(path: &str) -> String {
    format!("/{}", path.trim_start_matches('/'))
}

fn plural(word: &str, n: usize) -> String {
    if n == 1 { word.to_string() } else { format!("{word}es") }
}

/// A site path as a key: no slashes around it, no `index.html` at its end.
fn key(path: &str) -> &str {
    let path = path.trim_matches('/');
    path.strip_suffix("index.html").unwrap_or(path).trim_end_matches('/')
}

/// The site path of a baseline page: its `path`, or its `url` without the base path.
fn old_path(site: &Site, page: &BaselinePage) -> String {
    match &page.path {
        Some(path) => path.clone(),
        None => site.config.base_url.site_path(&page.url).unwrap_or(&page.url).trim_start_matches('/').to_string(),
    }
}

fn file_name(source: Option<&str>) -> Option<&str> {
    source.map(|s| s.rsplit('/').next().unwrap_or(s)).filter(|name| !name.starts_with("_index."))
}

/// How much `new` looks like `old`, and why; none when not at all.
fn likeness(old: &BaselinePage, new: &PageEntry) -> Option<(u8, &'static str)> {
    if !old.title.is_empty() && old.title.to_lowercase() == new.title.to_lowercase() {
        return Some((3, "the same title"));
    }
    if !old.similarity.is_empty() && similar(&old.similarity, &new.similarity) {
        return Some((2, "a similar text"));
    }
    let old_name = file_name(old.source.as_deref());
    (old_name.is_some() && old_name == file_name(new.source.as_deref())).then_some((1, "the same file name"))
}

/// Compares the pages of `site` (`current`, as [`super::pages::site_pages`] lists them)
/// with those of `baseline`, adding a `moved-without-redirect` error for every URL that
/// broke; returns the pages that changed, sorted by what happened and site path. No
/// pages in the baseline: nothing.
pub(crate) fn compare(
    site: &Site,
    current: &[PageEntry],
    baseline: &Baseline,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<PageChange> {
    let Some(old_pages) = &baseline.pages else { return Vec::new() };
    let old: Vec<(String, &BaselinePage)> = old_pages.iter().map(|p| (old_path(site, p), p)).collect();
    let old_keys: HashSet<&str> = old.iter().map(|(path, _)| key(path)).collect();
    let now: HashMap<&str, &PageEntry> = current.iter().map(|p| (key(&p.path), p)).collect();
    let redirects = redirected_paths(site);
    let leads = |path: &str| redirects.contains(key(path)) || site.target_of(path).is_some();
    // The baseline aliases of a page that lead nowhere now, written as URLs.
    let lost_aliases =
        |page: &BaselinePage| -> Vec<String> { page.aliases.iter().filter(|a| !leads(a)).map(|a| slash(a)).collect() };
    let mut changes = Vec::new();
    let mut gone = Vec::new();
    for (path, page) in &old {
        let Some(entry) = now.get(key(path)) else {
            gone.push((path.as_str(), *page));
            continue;
        };
        let lost = lost_aliases(page);
        if let (false, Some(file)) = (lost.is_empty(), &entry.source) {
            diagnostics.push(
                Diagnostic::error(
                    Rule::MovedWithoutRedirect,
                    file,
                    0,
                    0,
                    format!(
                        "the {} {} of this page in the baseline no longer redirect{} here",
                        plural("alias", lost.len()),
                        lost.join(", "),
                        if lost.len() == 1 { "s" } else { "" }
                    ),
                )
                .with_help(format!("add \"aliases: [{}]\" to {file}", lost.join(", "))),
            );
        }
        if entry.source != page.source || (!page.fingerprint.is_empty() && entry.fingerprint != page.fingerprint) {
            changes.push(change(Change::Changed, Some(entry), Some((path.as_str(), page))));
        }
    }
    let mut fresh: Vec<&PageEntry> = current.iter().filter(|p| !old_keys.contains(key(&p.path))).collect();
    for (path, page) in gone {
        let best = fresh
            .iter()
            .enumerate()
            .filter_map(|(i, new)| likeness(page, new).map(|(score, why)| (score, std::cmp::Reverse(i), why)))
            .max();
        let matched = best.map(|(_, std::cmp::Reverse(i), why)| (fresh.remove(i), why));
        let leads_somewhere = leads(path);
        let mut entry = change(
            if matched.is_some() { Change::Moved } else { Change::Removed },
            matched.map(|(new, _)| new),
            Some((path, page)),
        );
        entry.redirected = Some(leads_somewhere);
        changes.push(entry);
        let mut broken = lost_aliases(page);
        if !leads_somewhere {
            broken.insert(0, slash(path));
        }
        if !broken.is_empty() && page.source.is_some() {
            diagnostics.push(broken_url(&broken, page, matched));
        }
    }
    changes.extend(fresh.into_iter().map(|new| change(Change::Added, Some(new), None)));
    changes.sort_by(|a, b| {
        let place = |c: &PageChange| c.path.clone().or_else(|| c.old_path.clone()).unwrap_or_default();
        (a.change as u8, place(a)).cmp(&(b.change as u8, place(b)))
    });
    changes
}

/// The site paths that redirect (aliases, alerts) or were removed on purpose, as keys.
fn redirected_paths(site: &Site) -> HashSet<String> {
    let mut paths: HashSet<String> = site.aliases.iter().map(|(path, _)| key(path).to_string()).collect();
    for url in &site.config.removed_urls {
        let path = site.config.base_url.site_path(url).unwrap_or(url);
        paths.insert(key(path).to_string());
        paths.insert(key(url).to_string());
    }
    paths
}

fn change(change: Change, new: Option<&PageEntry>, old: Option<(&str, &BaselinePage)>) -> PageChange {
    PageChange {
        change,
        title: new.map(|n| n.title.clone()).or_else(|| old.map(|(_, o)| o.title.clone())).unwrap_or_default(),
        source: new.and_then(|n| n.source.clone()),
        path: new.map(|n| n.path.clone()),
        url: new.map(|n| n.url.clone()),
        old_source: old.and_then(|(_, o)| o.source.clone()),
        old_path: old.map(|(path, _)| path.to_string()),
        old_url: old.map(|(_, o)| o.url.clone()),
        redirected: None,
    }
}

/// The `moved-without-redirect` error of an old URL: at the page that took its place, or
/// at `book.toml`.
fn broken_url(urls: &[String], old: &BaselinePage, matched: Option<(&PageEntry, &str)>) -> Diagnostic {
    let alias = urls.join(", ");
    let was = old.source.as_deref().map(|s| format!(" ({s} in the baseline)")).unwrap_or_default();
    match matched {
        Some((new, why)) => {
            let file = new.source.as_deref().unwrap_or("book.toml");
            Diagnostic::error(
                Rule::MovedWithoutRedirect,
                file,
                0,
                0,
                format!(
                    "the page {}{was} moved here (to /{}, {why}) without a redirect from {}",
                    urls[0],
                    new.path,
                    if urls.len() == 1 { "its old URL".to_string() } else { alias.clone() }
                ),
            )
            .with_help(format!("add \"aliases: [{alias}]\" to {file}"))
        }
        None => Diagnostic::error(
            Rule::MovedWithoutRedirect,
            "book.toml",
            0,
            0,
            format!("the page {}{was} is gone, and no page looks like it", urls[0]),
        )
        .with_help(format!(
            "add \"aliases: [{alias}]\" to the page that replaces it, or, if it is gone on purpose, \
             add {} to `removed-urls` under [check] in book.toml",
            urls.iter().map(|url| format!("\"{url}\"")).collect::<Vec<_>>().join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(title: &str, source: &str) -> BaselinePage {
        BaselinePage { title: title.into(), source: Some(source.into()), ..BaselinePage::default() }
    }

    fn new(title: &str, source: &str) -> PageEntry {
        PageEntry {
            path: String::new(),
            url: String::new(),
            source: Some(source.into()),
            title: title.into(),
            aliases: Vec::new(),
            fingerprint: String::new(),
            similarity: String::new(),
        }
    }

    #[test]
    fn matches_by_title_then_file_name() {
        let page = old("DB failover", "content/db.md");
        assert_eq!(likeness(&page, &new("db failover", "content/x.md")), Some((3, "the same title")));
        assert_eq!(likeness(&page, &new("Other", "content/ops/db.md")), Some((1, "the same file name")));
        assert_eq!(likeness(&page, &new("Other", "content/x.md")), None);
        assert_eq!(likeness(&old("A", "content/a/_index.md"), &new("B", "content/b/_index.md")), None);
    }

    #[test]
    fn keys_ignore_slashes_and_index_html() {
        assert_eq!(key("/a/b/"), "a/b");
        assert_eq!(key("a/b/index.html"), "a/b");
        assert_eq!(key(""), "");
    }
}
