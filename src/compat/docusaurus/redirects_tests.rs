//! The client-redirects plugin's own cases: facebook/docusaurus
//! `packages/docusaurus-plugin-client-redirects/src/__tests__/writeRedirectFiles.test.ts`
//! (`createToUrl`, `toRedirectFiles`) and `collectRedirects.test.ts` (the option
//! `redirects`, `trailingSlash`, paths that do not exist, redirects over existing
//! paths), as stored by the search service (the versions with `createToUrl` writing a
//! relative address as it is, and `collectRedirects(context, trailingSlash)`); the
//! collecting cases built as handbooks of their own with the build's own steps.

use super::*;
use crate::site::tests::old_tool_site;

const PLAIN: Paths<'static> = Paths { trailing_slash: None, docs_route: None };

/// (`from`, `trailingSlash`, the file written) of `toRedirectFiles`.
const FILES: &[(&str, Option<bool>, &str)] = &[
    ("/abc", None, "abc/index.html"),
    ("/def", None, "def/index.html"),
    ("/ijk", None, "ijk/index.html"),
    ("/abc.html", None, "abc.html/index.html"),
    ("/def", None, "def/index.html"),
    ("/xyz", None, "xyz/index.html"),
    ("/abc.html", Some(true), "abc.html/index.html"),
    ("/def", Some(true), "def/index.html"),
    ("/xyz", Some(true), "xyz/index.html"),
    ("/abc.html", Some(false), "abc.html.html"),
    ("/def", Some(false), "def/index.html"),
    ("/xyz", Some(false), "xyz/index.html"),
];

#[test]
fn the_plugin_writes_each_redirect_at_its_file() {
    for &(from, trailing_slash, file) in FILES {
        let path = redirect_path(from, Paths { trailing_slash, ..PLAIN });
        assert_eq!(crate::site_path::alias_file(&path), file, "{from} ({trailing_slash:?})");
    }
}

/// `createToUrl`: a pathname is the site's (its base path is the handbook's), anything
/// else is written as it is.
#[test]
fn a_pathname_is_the_site_s_and_anything_else_is_written_as_it_is() {
    let site = |path: &str| Some(RedirectTo::SitePath { path: path.to_string(), rest: String::new() });
    let url = |url: &str| Some(RedirectTo::Url(url.to_string()));
    assert_eq!(target("/docs/something/else", PLAIN), site("docs/something/else"));
    assert_eq!(target("/docs/something/else/", PLAIN), site("docs/something/else/"));
    assert_eq!(target("docs/something/else", PLAIN), url("docs/something/else"));
    assert_eq!(target("./docs/something/else", PLAIN), url("./docs/something/else"));
    assert_eq!(target("https://docs/something/else", PLAIN), url("https://docs/something/else"));
    // Not an address of the site, nor one opsbook would write.
    for refused in ["javascript:alert(1)", "//host/x", "", "/a\nb"] {
        assert_eq!(target(refused, PLAIN), None, "{refused:?}");
    }
    let docs = Paths { docs_route: Some("docs/"), ..PLAIN };
    assert_eq!(target("/docs/something/else", docs), site("something/else"));
    assert_eq!(redirect_path("/docs/old", docs), "old/");
}

/// A handbook whose Docusaurus configuration is `config`, with a page for each route of
/// `routes` (`/` is the handbook's home); the redirects written, as `(site path, where
/// it leads)`, and the warnings at the configuration.
fn collected(n: usize, config: &str, routes: &[&str]) -> (Vec<(String, String)>, Vec<String>) {
    let pages: Vec<(String, &str)> = routes
        .iter()
        .filter(|route| **route != "/")
        .map(|route| (format!("content/{}.md", crate::percent::percent_decode(route.trim_matches('/'))), "# Page\n"))
        .collect();
    let mut files = vec![("docusaurus.config.js", config)];
    files.extend(pages.iter().map(|(path, text)| (path.as_str(), *text)));
    let (site, diagnostics) = old_tool_site(&format!("docusaurus-redirects-{n}"), &files, true);
    let mut written: Vec<(String, String)> = site
        .aliases
        .iter()
        .map(|(from, id)| {
            let rest =
                site.mapped_redirects.hrefs.get(from).and_then(|href| href.find(['?', '#']).map(|at| &href[at..]));
            (from.clone(), format!("/{}{}", site.pages[*id].site_path, rest.unwrap_or("")))
        })
        .chain(site.mapped_redirects.to_urls.iter().cloned())
        .collect();
    written.sort();
    let warnings = diagnostics.iter().filter(|d| d.path == "docusaurus.config.js").map(|d| d.message.clone()).collect();
    (written, warnings)
}

fn plugin(options: &str) -> String {
    format!("module.exports = {{\n  plugins: [\n    ['@docusaurus/plugin-client-redirects', {options}],\n  ],\n}};\n")
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    list.sort();
    list
}

#[test]
fn collects_redirects_from_plugin_option_redirects() {
    let options = "{ redirects: [
      { from: '/someLegacyPath', to: '/somePath' },
      { from: '/someLegacyPath2', to: '/some Path2' },
      { from: '/someLegacyPath3', to: '/some%20Path3' },
      { from: ['/someLegacyPathArray1', '/someLegacyPathArray2'], to: '/' },
      { from: '/localQS', to: '/somePath?a=1&b=2' },
      { from: '/localAnchor', to: '/somePath#anchor' },
      { from: '/localQSAnchor', to: '/somePath?a=1&b=2#anchor' },
      { from: '/absolute', to: 'https://docusaurus.io/somePath' },
      { from: '/absoluteQS', to: 'https://docusaurus.io/somePath?a=1&b=2' },
      { from: '/absoluteAnchor', to: 'https://docusaurus.io/somePath#anchor' },
      { from: '/absoluteQSAnchor', to: 'https://docusaurus.io/somePath?a=1&b=2#anchor' },
    ] }";
    let (written, warnings) = collected(0, &plugin(options), &["/", "/somePath", "/some%20Path2", "/some Path3"]);
    assert_eq!(warnings, Vec::<String>::new());
    let expected = pairs(&[
        ("someLegacyPath/", "/somePath/"),
        ("someLegacyPath2/", "/some Path2/"),
        ("someLegacyPath3/", "/some Path3/"),
        ("someLegacyPathArray1/", "/"),
        ("someLegacyPathArray2/", "/"),
        ("localQS/", "/somePath/?a=1&b=2"),
        ("localAnchor/", "/somePath/#anchor"),
        ("localQSAnchor/", "/somePath/?a=1&b=2#anchor"),
        ("absolute/", "https://docusaurus.io/somePath"),
        ("absoluteQS/", "https://docusaurus.io/somePath?a=1&b=2"),
        ("absoluteAnchor/", "https://docusaurus.io/somePath#anchor"),
        ("absoluteQSAnchor/", "https://docusaurus.io/somePath?a=1&b=2#anchor"),
    ]);
    assert_eq!(written, expected);
}

/// `trailingSlash` applied to `to` before it is looked up, both ways.
#[test]
fn collects_redirects_with_the_site_s_trailing_slash() {
    for (n, (setting, to)) in [("true", "/somePath"), ("false", "/somePath/")].iter().enumerate() {
        let config = plugin(&format!(
            "{{ redirects: [{{ from: '/someLegacyPath', to: '{to}' }}, {{ from: ['/someLegacyPathArray1', '/someLegacyPathArray2'], to: '/' }}] }}"
        ))
        .replace("module.exports = {\n", &format!("module.exports = {{\n  trailingSlash: {setting},\n"));
        let (written, warnings) = collected(10 + n, &config, &["/", "/somePath"]);
        assert_eq!(warnings, Vec::<String>::new(), "{setting}");
        let expected =
            pairs(&[("someLegacyPath/", "/somePath/"), ("someLegacyPathArray1/", "/"), ("someLegacyPathArray2/", "/")]);
        assert_eq!(written, expected, "{setting}");
    }
}

/// Paths that do not exist are left out with a warning each (the plugin stops the
/// build); of two redirects from one path the first is kept.
#[test]
fn a_redirect_to_no_page_is_left_out_with_a_warning() {
    let options = "{ redirects: [
      { from: '/someLegacyPath', to: '/' },
      { from: '/someLegacyPath', to: '/this/path/does/not/exist2' },
      { from: '/someLegacyPath', to: '/this/path/does/not/exist3' },
      { from: '/someLegacyPath', to: '/this/path/does/not/exist4?a=b#anchor' },
    ] }";
    let (written, warnings) = collected(20, &plugin(options), &["/", "/someExistingPath", "/anotherExistingPath"]);
    assert_eq!(written, pairs(&[("someLegacyPath/", "/")]));
    assert_eq!(warnings.iter().filter(|w| w.contains("leads to no page of the site")).count(), 3, "{warnings:?}");
}

/// A redirect from a path a page has is left out with a warning, as the plugin ignores
/// it; `createRedirects`, a function, and the extensions options are not run.
#[test]
fn a_redirect_over_a_page_and_what_needs_code_are_warnings() {
    let options = "{ redirects: [{ from: '/path-three', to: '/path-one' }, { from: '/path-two', to: '/path-one' }],
      createRedirects(existingPath) { return undefined; },
      fromExtensions: ['html'],
    }";
    let (written, warnings) = collected(30, &plugin(options), &["/", "/path-one", "/path-two"]);
    assert_eq!(written, pairs(&[("path-three/", "/path-one/")]));
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("already used by `content/path-two.md`")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("`createRedirects` is not read")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.contains("`fromExtensions` is not read")), "{warnings:?}");
}

/// `isValidPathname` refuses a `from` with a domain, a query or a part `new URL` changes.
#[test]
fn a_from_that_is_no_pathname_is_refused() {
    for good in ["/", "/a", "/a/b/", "/docs/some%20thing", "/abc.html"] {
        assert!(valid_pathname(good), "{good}");
    }
    for bad in ["a", "//abc", "https://google.com/", "/def?queryString=toto", "/a#b", "/a/../b", "/a b", "/é"] {
        assert!(!valid_pathname(bad), "{bad}");
    }
}
