//! Names with spaces, `#` and `%`, published where the tools that keep names publish
//! them (each case from the tool's own tests, named with file and commit), and every
//! link to them percent-encoded: `foo bar.md` of an MkDocs site is `foo bar.html`,
//! linked as `foo%20bar.html`.

use crate::util::{Site, between, links_in};

/// Every link of a page's body but those to its own headings.
fn hrefs(site: &Site, page: &str) -> Vec<String> {
    let body = between(&site.read(page), " class=\"content\">", "</div>").to_string();
    links_in(&body).into_iter().filter(|l| !l.starts_with('#')).collect()
}

/// mkdocs/mkdocs `mkdocs/tests/structure/file_tests.py` at 2862536793b3c67d9d83c33e0dd6d50a791928f8,
/// `test_file_name_with_space`: `foo bar.md` is written to `foo bar.html` and its URL is
/// `foo%20bar.html`; with directory URLs, at `foo bar/`. Linked both ways Markdown can
/// write the name (`%20`, and `<...>` with the space).
#[test]
fn mkdocs_publishes_a_name_with_a_space_as_its_file_tests_say() {
    for (directory_urls, file, url) in
        [(false, "foo bar.html", "/foo%20bar.html"), (true, "foo bar/index.html", "/foo%20bar/")]
    {
        let config = format!("site_name: X\ndocs_dir: content\nuse_directory_urls: {directory_urls}\n");
        let site = Site::with_files(
            &format!("mkdocs-space-{directory_urls}"),
            &[
                ("mkdocs.yml", config.as_str()),
                ("content/index.md", "# Home\n\n[one](foo%20bar.md) and [two](<foo bar.md>)\n"),
                ("content/foo bar.md", "# Foo bar\n"),
            ],
        );
        let run = site.build(&[]);
        run.expect_code(0);
        assert!(site.exists(&format!("public/{file}")), "{:?}", site.files_under("public"));
        assert_eq!(hrefs(&site, "public/index.html"), [url, url]);
        assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
        site.run(&["check"]).expect_code(0);
    }
}

/// jekyll/jekyll `test/test_page.rb` at 202df571314ba1d18e9fccd81d12aaad4a703c38, "create
/// URL with non-alphabetic characters": the page `+/%# +.md` is at `/+/%25%23%20+.html`.
#[test]
fn jekyll_publishes_a_name_with_percent_hash_and_space_as_its_page_tests_say() {
    let site = Site::with_files(
        "jekyll-escapes",
        &[
            ("_config.yml", "title: X\n"),
            ("content/index.md", "---\n---\n# Home\n\n[odd](+/%25%23%20+.md)\n"),
            ("content/+/%# +.md", "---\n---\n# Odd\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/+/%# +.html"), "{:?}", site.files_under("public"));
    assert_eq!(hrefs(&site, "public/index.html"), ["/+/%25%23%20+.html"]);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}

/// A name that a file name cannot hold on every system (`?`, `"`), other whitespace
/// than a space, or spaces only, is slugged as before; opsbook's own handbooks slug
/// every name.
#[test]
fn names_no_url_can_keep_are_slugged() {
    let site = Site::with_files(
        "mkdocs-slugged",
        &[
            ("mkdocs.yml", "site_name: X\ndocs_dir: content\n"),
            ("content/index.md", "# Home\n\n[q](why%3F.md) [t](tab%09name.md)\n"),
            ("content/why?.md", "# Why\n"),
            ("content/tab\tname.md", "# Tab\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/why/index.html") && site.exists("public/tab-name/index.html"));
    let own = Site::with_files("own-spaces", &[("content/disk full.md", "# Disk full\n")]);
    own.build(&[]).expect_code(0);
    assert!(own.exists("public/disk-full/index.html"), "{:?}", own.files_under("public"));
}
