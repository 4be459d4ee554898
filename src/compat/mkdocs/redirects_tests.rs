//! The redirects plugin's own cases: mkdocs/mkdocs-redirects `tests/test_plugin.py` at
//! commit d0e3d52 (both `testdata` tables, each with and without `use_directory_urls`),
//! each built as a handbook of its own with the build's own steps.

use super::*;
use crate::site::tests::old_tool_site;

/// (old page, new page, link written without `use_directory_urls`, link written with it).
const TARGETS: &[(&str, &str, &str, &str)] = &[
    ("old.md", "index.md", "index.html", "../"),
    ("old.md", "README.md", "index.html", "../"),
    ("old.md", "new.md", "new.html", "../new/"),
    ("old.md", "new/index.md", "new/index.html", "../new/"),
    ("old.md", "new/README.md", "new/index.html", "../new/"),
    ("foo/old.md", "foo/new.md", "new.html", "../new/"),
    ("foo/fizz/old.md", "foo/bar/new.md", "../bar/new.html", "../../bar/new/"),
    ("fizz/old.md", "foo/bar/new.md", "../foo/bar/new.html", "../../foo/bar/new/"),
    ("foo.md", "foo/index.md", "foo/index.html", "./"),
    ("foo.md", "foo/README.md", "foo/index.html", "./"),
    ("foo.md", "the/fake.md", "fake/destination/index.html", "../fake/destination/"),
    ("old.md", "index.md#hash", "index.html#hash", "../#hash"),
    ("old.md", "README.md#hash", "index.html#hash", "../#hash"),
    ("old.md", "new.md#hash", "new.html#hash", "../new/#hash"),
    ("old.md", "new/index.md#hash", "new/index.html#hash", "../new/#hash"),
    ("old.md", "new/README.md#hash", "new/index.html#hash", "../new/#hash"),
    ("foo/old.md", "foo/new.md#hash", "new.html#hash", "../new/#hash"),
    ("foo/fizz/old.md", "foo/bar/new.md#hash", "../bar/new.html#hash", "../../bar/new/#hash"),
    ("fizz/old.md", "foo/bar/new.md#hash", "../foo/bar/new.html#hash", "../../foo/bar/new/#hash"),
    ("foo.md", "foo/index.md#hash", "foo/index.html#hash", "./#hash"),
    ("foo.md", "foo/README.md#hash", "foo/index.html#hash", "./#hash"),
    ("foo.md", "the/fake.md#hash", "fake/destination/index.html#hash", "../fake/destination/#hash"),
    ("foo.md", "100%.md", "100%25.html", "../100%25/"),
    ("foo/fizz/old.md", "https://example.org/old.md", "https://example.org/old.md", "https://example.org/old.md"),
];

/// (old page, file written without `use_directory_urls`, file written with it), the new
/// page being `new.md`.
const WRITTEN: &[(&str, &str, &str)] = &[
    ("old.md", "old.html", "old/index.html"),
    ("README.md", "index.html", "index.html"),
    ("100%.md", "100%.html", "100%/index.html"),
    ("foo/fizz/old.md", "foo/fizz/old.html", "foo/fizz/old/index.html"),
    ("foo/fizz/index.md", "foo/fizz/index.html", "foo/fizz/index.html"),
];

/// A handbook whose `mkdocs.yml` maps `old` to `new`, holding the page `page`, and the
/// diagnostics at `mkdocs.yml`.
fn handbook(
    n: usize,
    directory_urls: bool,
    (old, new): (&str, &str),
    page: &str,
) -> (crate::site::Site, Vec<crate::diagnostic::Diagnostic>) {
    let config = format!(
        "site_name: Ops\nuse_directory_urls: {directory_urls}\nplugins:\n  - redirects:\n      redirect_maps:\n        '{old}': '{new}'\n"
    );
    let page_file = format!("content/{page}");
    let mut files = vec![("mkdocs.yml", config.as_str())];
    if !page.is_empty() {
        files.push((&page_file, "# Page\n"));
    }
    let (site, diagnostics) = old_tool_site(&format!("mkdocs-redirects-{n}-{directory_urls}"), &files, true);
    (site, diagnostics.into_iter().filter(|d| d.path == "mkdocs.yml").collect())
}

/// The link the redirect at site path `from` of `site` writes, and the file it is written to.
fn written(site: &crate::site::Site, from: &str) -> Option<(String, String)> {
    let file = crate::site_path::alias_file(from);
    if let Some((_, url)) = site.mapped_redirects.to_urls.iter().find(|(path, _)| path == from) {
        return Some((file, url.clone()));
    }
    if let Some(&(_, id)) = site.aliases.iter().find(|(path, _)| path == from) {
        let href = site.mapped_redirects.hrefs.get(from).cloned().unwrap_or_else(|| site.href(id));
        return Some((file, href));
    }
    // A folder without a page of its own took the redirect.
    let folder = site.page_by_url(from)?;
    site.pages[folder].redirect.clone().map(|href| (file, href))
}

#[test]
fn the_plugin_s_links_from_the_old_page_to_the_new() {
    let mut wrong = Vec::new();
    for (n, &(old, new, plain, directory)) in TARGETS.iter().enumerate() {
        for (directory_urls, expected) in [(false, plain), (true, directory)] {
            let from =
                crate::site::urls::without_index_file(&dest_path(old, directory_urls).expect("a path")).to_string();
            let page = new.split('#').next().unwrap_or(new);
            let found = if page == "the/fake.md" {
                // A page whose URL is not its file's (the case sets it by hand): the link to it.
                let fragment = new.find('#').map_or("", |at| &new[at..]);
                Some(relative_href(&from, "fake/destination/", directory_urls, fragment))
            } else if dest_path(old, directory_urls) == dest_path(page, directory_urls) {
                // The old page's file is the new page's (`foo.md` and `foo/index.md` with
                // directory URLs): a redirect to itself, which the build leaves out with a
                // warning; the link the plugin computes for it.
                let (_, warnings) = handbook(n, directory_urls, (old, new), page);
                assert!(warnings.iter().any(|d| d.message.contains("already used by")), "{warnings:?}");
                let fragment = new.find('#').map_or("", |at| &new[at..]);
                Some(relative_href(&from, &from, directory_urls, fragment))
            } else {
                let page = if page.starts_with("https:") { "" } else { page };
                let (site, warnings) = handbook(n, directory_urls, (old, new), page);
                assert!(warnings.is_empty(), "{old} -> {new}: {warnings:?}");
                written(&site, &from).map(|(_, href)| href)
            };
            if found.as_deref() != Some(expected) {
                wrong.push(format!("{old} -> {new} ({directory_urls}): {found:?}, not {expected}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_plugin_writes_the_old_page_s_file() {
    let mut wrong = Vec::new();
    for (n, &(old, plain, directory)) in WRITTEN.iter().enumerate() {
        for (directory_urls, expected) in [(false, plain), (true, directory)] {
            let from =
                crate::site::urls::without_index_file(&dest_path(old, directory_urls).expect("a path")).to_string();
            let (site, warnings) = handbook(100 + n, directory_urls, (old, "new.md"), "new.md");
            assert!(warnings.is_empty(), "{old}: {warnings:?}");
            let found = written(&site, &from).map(|(file, _)| file);
            if found.as_deref() != Some(expected) {
                wrong.push(format!("{old} ({directory_urls}): {found:?}, not {expected}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn what_the_plugin_warns_about_is_a_warning_at_its_line() {
    let text = "plugins:\n  - redirects:\n      redirect_maps:\n        'old.txt': 'new.md'\n        '../up.md': 'new.md'\n        'a.md': 'https://example.org/a b'\n        'b.md': 'new.md#a b'\n        'c.md': [1]\n";
    let mut diagnostics = Vec::new();
    let maps = redirect_maps(text, "mkdocs.yml", true, &mut diagnostics);
    assert_eq!(maps.len(), 1, "{maps:?}");
    assert_eq!(maps[0].from, "old.txt");
    let places: Vec<(usize, usize)> = diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(places, [(4, 9), (5, 9), (6, 17), (7, 17), (8, 17)], "{diagnostics:?}");
    let mut diagnostics = Vec::new();
    assert!(
        redirect_maps("plugins:\n  - redirects:\n      redirect_maps: 3\n", "mkdocs.yml", true, &mut diagnostics)
            .is_empty()
    );
    assert_eq!(diagnostics.len(), 1);
    assert!(redirect_maps("plugins:\n  - search\n", "mkdocs.yml", true, &mut diagnostics).is_empty());
}

#[test]
fn a_redirect_over_a_page_or_to_no_page_is_left_out_with_a_warning() {
    let config = "site_name: Ops\nplugins:\n  - redirects:\n      redirect_maps:\n        'a.md': 'b.md'\n        'c.md': 'gone.md'\n";
    let files = [("mkdocs.yml", config), ("content/a.md", "# A\n"), ("content/b.md", "# B\n")];
    let (site, diagnostics) = old_tool_site("mkdocs-redirects-clash", &files, true);
    assert!(site.aliases.is_empty(), "{:?}", site.aliases);
    let mut at: Vec<(usize, String)> =
        diagnostics.iter().filter(|d| d.path == "mkdocs.yml").map(|d| (d.line, d.message.clone())).collect();
    at.sort();
    assert_eq!(at.len(), 2, "{at:?}");
    assert!(at[0].0 == 5 && at[0].1.contains("already used by `content/a.md`"), "{at:?}");
    assert!(at[1].0 == 6 && at[1].1.contains("`gone.md` does not exist"), "{at:?}");
}
