//! Hugo's own URL cases, ported as tables and built by the build's own steps
//! ([`crate::site::tests::page_urls`]): gohugoio/hugo at commit
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934, `hugolib/page_permalink_test.go`
//! (`TestPermalink`, `TestRelativeURLInFrontMatter`), `hugolib/site_test.go`
//! (`TestShouldAlwaysHaveUglyURLs`: `url: /ugly.html`) and
//! `config/allconfig/allconfig_integration_test.go` (`TestMapUglyURLs`). A case gives
//! the page's site path: where Hugo writes its file, from the site's root (`baseURL`'s
//! path and `canonifyURLs` change the link, not the file's place in the site).

use crate::site::tests::misplaced;

/// `TestPermalink`: (file, `slug`, `url`, `uglyURLs`, the page's path after `baseURL`).
/// The 20 rows of the table differ also by `baseURL` and `canonifyURLs`, which give the
/// same site path: each distinct case is here once, and the row numbers it stands for.
const PERMALINK_CASES: &[(&str, &str, &str, &str, bool, &str)] = &[
    ("0, 1, 2, 5", "x/y/z/boofar.md", "", "", false, "/x/y/z/boofar/"),
    ("3, 7, 8, 10", "x/y/z/boofar.md", "", "", true, "/x/y/z/boofar.html"),
    ("4, 6", "x/y/z/boofar.md", "boofar", "", false, "/x/y/z/boofar/"),
    ("9, 11", "x/y/z/boofar.md", "boofar", "", true, "/x/y/z/boofar.html"),
    ("12, 15, 16", "x/y/z/boofar.md", "booslug", "", true, "/x/y/z/booslug.html"),
    ("13, 14", "x/y/z/boofar.md", "booslug", "", false, "/x/y/z/booslug/"),
    ("17", "x/y/z/boo-makeindex.md", "", "", true, "/x/y/z/boo-makeindex.html"),
    ("18", "x/y/z/boofar.md", "", "/z/y/q/", false, "/z/y/q/"),
    ("19", "x/y/z/boofar.md", "test", "/z/:slug/", false, "/z/test/"),
];

#[test]
fn pages_are_where_hugos_permalink_tests_put_them() {
    let mut wrong = Vec::new();
    for (n, (rows, file, slug, url, ugly, expected)) in PERMALINK_CASES.iter().enumerate() {
        let config = format!("baseURL = \"http://barnew/boo/\"\nuglyURLs = {ugly}\n");
        let page = format!("---\ntitle: Page\nslug: \"{slug}\"\nurl: \"{url}\"\n---\n# Page\n");
        let files = [("hugo.toml", config.as_str()), (&format!("content/{file}"), page.as_str())];
        wrong.extend(
            misplaced(&format!("hugo-permalink-{n}"), &files, file, expected).map(|w| format!("rows {rows}: {w}")),
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_relative_url_is_read_from_the_root_as_hugos_tests_read_it() {
    // `TestRelativeURLInFrontMatter`, the default language's pages (the handbook's
    // content folder is its `contentDir`): a `url` without a leading `/` is from the
    // root, and a `..` cannot climb above it.
    let page = |url: &str| format!("---\ntitle: A page\nurl: \"{url}\"\n---\n# A page\n");
    let files = [
        ("hugo.toml", "baseURL = \"https://example.com\"\n"),
        ("content/blog/page1.md", &page("myblog/p1/")),
        ("content/blog/page2.md", &page("../../../../../myblog/p2/")),
        ("content/blog/page3.md", &page("../myblog/../myblog/p3/")),
        ("content/blog/_index.md", &page("this-is-my-english-blog")),
    ];
    let urls = crate::site::tests::page_urls("hugo-relative-url", &files);
    let found: Vec<(&str, &str)> = urls.iter().map(|(path, url)| (path.as_str(), url.as_str())).collect();
    assert_eq!(
        found,
        [
            ("blog/_index.md", "/this-is-my-english-blog/"),
            ("blog/page1.md", "/myblog/p1/"),
            ("blog/page2.md", "/myblog/p2/"),
            ("blog/page3.md", "/myblog/p3/"),
        ]
    );
}

#[test]
fn ugly_urls_publish_pages_at_their_html_file_as_hugos_tests_expect() {
    // `TestShouldAlwaysHaveUglyURLs` (uglyURLs = true): `sect/doc1.md` is
    // `sect/doc1.html`, `url: /ugly.html` is `ugly.html`, the home page stays `/`.
    let files = [
        ("hugo.toml", "baseURL = \"http://auth/bub\"\nuglyURLs = true\n"),
        ("content/_index.md", "# Home\n"),
        ("content/sect/doc1.md", "---\nmarkup: markdown\n---\n# title\n"),
        ("content/sect/doc2.md", "---\nurl: /ugly.html\nmarkup: markdown\n---\n# title\n"),
    ];
    let urls = crate::site::tests::page_urls("hugo-ugly", &files);
    assert_eq!(urls["sect/doc1.md"], "/sect/doc1.html");
    assert_eq!(urls["sect/doc2.md"], "/ugly.html");
    assert_eq!(urls["_index.md"], "/");
    // uglyURLs = false: the same pages in folders, `url: /ugly.html` still the file.
    let files = [("hugo.toml", "uglyURLs = false\n"), files[1], files[2], files[3]];
    let urls = crate::site::tests::page_urls("hugo-pretty", &files);
    assert_eq!(urls["sect/doc1.md"], "/sect/doc1/");
    assert_eq!(urls["sect/doc2.md"], "/ugly.html");
}

#[test]
fn ugly_urls_by_section_cover_only_the_sections_named_true() {
    // `TestMapUglyURLs`: `[uglyurls] posts = true` covers `posts`, not `blog`.
    let files = [
        ("hugo.toml", "[uglyurls]\n  posts = true\n"),
        ("content/posts/first.md", "# First\n"),
        ("content/blog/second.md", "# Second\n"),
        ("content/third.md", "# Third\n"),
    ];
    let urls = crate::site::tests::page_urls("hugo-ugly-map", &files);
    assert_eq!(urls["posts/first.md"], "/posts/first.html");
    assert_eq!(urls["blog/second.md"], "/blog/second/");
    assert_eq!(urls["third.md"], "/third/");
}

#[test]
fn a_url_ending_in_a_name_with_index_html_is_that_file() {
    // Hugo's `url` with a dot and no trailing `/` is the file as written
    // (`resources/page/page_paths.go`, `CreateTargetPaths`): only a whole `index.html`
    // is the folder's page.
    let files = [
        ("hugo.toml", "baseURL = \"https://example.com\"\n"),
        ("content/a.md", "---\nurl: /x/testindex.html\n---\n# A\n"),
        ("content/b.md", "---\nurl: /y/index.html\n---\n# B\n"),
    ];
    let urls = crate::site::tests::page_urls("hugo-index-html", &files);
    assert_eq!(urls["a.md"], "/x/testindex.html");
    assert_eq!(urls["b.md"], "/y/");
}
