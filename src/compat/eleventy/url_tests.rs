//! Eleventy's own URL cases, ported as a table and built by the build's own steps
//! ([`crate::site::tests::page_urls`]): 11ty/eleventy `test/TemplatePermalinkTest.js`
//! at commit f77b4cb34e54848d1a606485a462d077c646a20b, the cases of a page's href from
//! its `permalink` ("Simple straight permalink", "Permalink without filename") and from
//! its input path (`generate`: "Permalink generate", "... with subfolders",
//! "Permalink matching folder and filename"). A `permalink` of a case is the front
//! matter of a page `page.md`; a `generate(dir, name)` case is the page `dir/name.md`.

use crate::site::tests::{misplaced, page_with};

/// (test, page's content path, its `permalink` or none, Eleventy's href).
const CASES: &[(&str, &str, &str, &str)] = &[
    ("Simple straight permalink", "page.md", "permalinksubfolder/test.html", "/permalinksubfolder/test.html"),
    ("Simple straight permalink", "page.md", "./permalinksubfolder/test.html", "/permalinksubfolder/test.html"),
    ("Simple straight permalink", "page.md", "./testindex.html", "/testindex.html"),
    (
        "Simple straight permalink",
        "page.md",
        "./permalinksubfolder/testindex.html",
        "/permalinksubfolder/testindex.html",
    ),
    ("Permalink without filename", "page.md", "permalinksubfolder/", "/permalinksubfolder/"),
    ("Permalink without filename", "page.md", "./permalinksubfolder/", "/permalinksubfolder/"),
    ("Permalink without filename", "page.md", "/permalinksubfolder/", "/permalinksubfolder/"),
    ("Permalink generate", "index.md", "", "/"),
    ("Permalink generate", "test.md", "", "/test/"),
    ("Permalink generate with subfolders", "permalinksubfolder/index.md", "", "/permalinksubfolder/"),
    ("Permalink generate with subfolders", "permalinksubfolder/test.md", "", "/permalinksubfolder/test/"),
    ("Permalink matching folder and filename", "component/component.md", "", "/component/"),
];

#[test]
fn pages_are_where_eleventy_s_permalink_tests_put_them() {
    let mut wrong = Vec::new();
    for (n, (test, path, permalink, href)) in CASES.iter().enumerate() {
        let files = [
            (".eleventy.js", "module.exports = {};\n"),
            (&format!("content/{path}"), &page_with("permalink", permalink)),
        ];
        wrong.extend(
            misplaced(&format!("eleventy-{n}"), &files, path, href).map(|w| format!("{test} ({permalink}): {w}")),
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
