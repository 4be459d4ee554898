//! MkDocs's own URL cases, ported as a table and built by the build's own steps
//! ([`crate::site::tests::page_urls`]): mkdocs/mkdocs
//! `mkdocs/tests/structure/file_tests.py` at commit
//! 2862536793b3c67d9d83c33e0dd6d50a791928f8, the cases of a Markdown page's
//! `dest_uri` with and without `use_directory_urls` (`test_md_file`,
//! `test_md_file_nested`, `test_md_index_file`, `test_md_readme_index_file`,
//! `test_md_index_file_nested`) and of a name with a space (`test_file_name_with_space`:
//! `foo bar.md` is written to `foo bar.html`, its `url` is `foo%20bar.html`). A case
//! gives MkDocs's URL of the page, from the site's root (`/foo/` for `foo/index.html`).

use crate::site::tests::misplaced;

/// (test, `use_directory_urls`, page's path in `docs_dir`, MkDocs's `dest_uri` as a site path).
const CASES: &[(&str, bool, &str, &str)] = &[
    ("test_md_file", true, "foo.md", "/foo/"),
    ("test_md_file", false, "foo.md", "/foo.html"),
    ("test_md_file_nested", true, "foo/bar.md", "/foo/bar/"),
    ("test_md_file_nested", false, "foo/bar.md", "/foo/bar.html"),
    ("test_md_index_file", true, "index.md", "/"),
    ("test_md_index_file", false, "index.md", "/"),
    ("test_md_readme_index_file", true, "README.md", "/"),
    ("test_md_readme_index_file", false, "README.md", "/"),
    ("test_md_index_file_nested", true, "foo/index.md", "/foo/"),
    ("test_md_index_file_nested", false, "foo/index.md", "/foo/"),
    ("test_file_name_with_space", false, "foo bar.md", "/foo%20bar.html"),
    ("test_file_name_with_space (directory URLs)", true, "foo bar.md", "/foo%20bar/"),
];

#[test]
fn pages_are_where_mkdocs_file_tests_put_them() {
    let mut wrong = Vec::new();
    for (n, (test, directory_urls, path, url)) in CASES.iter().enumerate() {
        let config = format!("site_name: Ops\nuse_directory_urls: {directory_urls}\n");
        let files = [("mkdocs.yml", config.as_str()), (&format!("content/{path}"), "# Page\n")];
        wrong.extend(
            misplaced(&format!("mkdocs-{n}"), &files, path, url).map(|w| format!("{test} ({directory_urls}): {w}")),
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
