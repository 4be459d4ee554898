//! Hugo's page lookup against the tables of Hugo's own tests (gohugoio/hugo at
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934): `hugolib/pagecollections_test.go`,
//! `hugolib/site_test.go` and `tpl/tplimpl/shortcodes_integration_test.go`.

use super::{Contents, Found, HugoPaths, Lookup, hugo_path};

/// A site of page files and folders with a section page of no file.
struct Site {
    pages: Vec<&'static str>,
    folders: Vec<&'static str>,
}

impl Contents for Site {
    fn is_page(&self, path: &str) -> bool {
        self.pages.contains(&path)
    }
    fn page_paths(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        Box::new(self.pages.iter().copied())
    }
    fn is_folder_page(&self, folder: &str) -> bool {
        self.folders.contains(&folder)
    }
}

fn find(site: &Site, from: Option<&str>, is_ref: bool, reference: &str) -> Found {
    Lookup { from, is_ref, languages: &[], language: None }.find(site, reference)
}

fn page(path: &str) -> Found {
    Found::Page(path.to_string())
}

/// The site of `TestGetPage`.
fn get_page_site() -> Site {
    Site {
        pages: vec![
            "_index.md",
            "about.md",
            "sect0/page1.md",
            "sect1/page1.md",
            "sect2/_index.md",
            "sect3/_index.md",
            "sect3/page1.md",
            "sect3/unique.md",
            "sect3/Unique2.md",
            "sect3/sect7/_index.md",
            "sect3/subsect/deep.md",
            "sect3/b1/index.md",
            "sect3/index/index.md",
            "sect4/page2.md",
            "sect5/page3.md",
            "sect7/somesubpage.md",
            "sect7/page9.md",
            "section_bundle_overlap/_index.md",
            "section_bundle_overlap_bundle/index.md",
        ],
        folders: vec!["sect0", "sect1", "sect4", "sect5", "sect7", "sect3/subsect"],
    }
}

/// `TestGetPage`'s table, taxonomies left out: (name, from `sect3`'s page, paths, what
/// they find).
#[test]
fn finds_pages_as_hugos_get_page_test_expects() {
    let site = get_page_site();
    let nothing = Found::Nothing;
    let sect3 = Some("sect3/_index.md");
    #[rustfmt::skip]
    let table: Vec<(&str, Option<&str>, Vec<&str>, Found)> = vec![
        ("Root relative, no slash, home", None, vec![""], page("_index.md")),
        ("Root relative, no slash, root page", None, vec!["about.md", "ABOUT.md"], page("about.md")),
        ("Root relative, no slash, section", None, vec!["sect3"], page("sect3/_index.md")),
        ("Root relative, no slash, section page", None, vec!["sect3/page1.md"], page("sect3/page1.md")),
        ("Root relative, no slash, sub section", None, vec!["sect3/sect7"], page("sect3/sect7/_index.md")),
        ("Root relative, no slash, nested page", None, vec!["sect3/subsect/deep.md"], page("sect3/subsect/deep.md")),
        ("Short ref, unique", None, vec!["unique.md", "unique"], page("sect3/unique.md")),
        ("Short ref, unique, upper case", None, vec!["Unique2.md", "unique2.md", "unique2"], page("sect3/Unique2.md")),
        ("Short ref, ambiguous", None, vec!["page1.md"], Found::Ambiguous),
        ("Section, ambiguous", None, vec!["sect7"], page("sect7/")),
        ("Absolute, home", None, vec!["/", ""], page("_index.md")),
        ("Absolute, page", None, vec!["/about.md", "/about"], page("about.md")),
        ("Absolute, sect", None, vec!["/sect3"], page("sect3/_index.md")),
        ("Absolute, page in subsection", None, vec!["/sect3/page1.md", "/Sect3/Page1.md"], page("sect3/page1.md")),
        ("Absolute, section, subsection with same name", None, vec!["/sect3/sect7"], page("sect3/sect7/_index.md")),
        ("Absolute, page, deep", None, vec!["/sect3/subsect/deep.md"], page("sect3/subsect/deep.md")),
        ("Absolute, unique", None, vec!["/sect3/unique.md"], page("sect3/unique.md")),
        ("Absolute, unique, case", None, vec!["/sect3/Unique2.md", "/sect3/unique2.md", "/sect3/unique2", "/sect3/Unique2"], page("sect3/Unique2.md")),
        ("Absolute, missing page", None, vec!["/missing-page.md"], nothing.clone()),
        ("Absolute, missing section", None, vec!["/missing-section"], nothing.clone()),
        ("Dot relative, home", sect3, vec![".."], page("_index.md")),
        ("Dot relative, home, slash", sect3, vec!["../"], page("_index.md")),
        ("Dot relative about", sect3, vec!["../about.md"], page("about.md")),
        ("Dot", sect3, vec!["."], page("sect3/_index.md")),
        ("Dot slash", sect3, vec!["./"], page("sect3/_index.md")),
        ("Page relative, no dot", sect3, vec!["page1.md"], page("sect3/page1.md")),
        ("Page relative, dot", sect3, vec!["./page1.md"], page("sect3/page1.md")),
        ("Up and down another section", sect3, vec!["../sect4/page2.md"], page("sect4/page2.md")),
        ("Rel sect7", sect3, vec!["sect7"], page("sect3/sect7/_index.md")),
        ("Rel sect7 dot", sect3, vec!["./sect7"], page("sect3/sect7/_index.md")),
        ("Dot deep", sect3, vec!["./subsect/deep.md"], page("sect3/subsect/deep.md")),
        ("Dot dot inner", sect3, vec!["./subsect/../../sect7/page9.md"], page("sect7/page9.md")),
        ("Dot unique", sect3, vec!["./unique.md"], page("sect3/unique.md")),
        ("Dot sect", sect3, vec!["./sect2"], nothing.clone()),
        ("Abs, ignore context, home", sect3, vec!["/"], page("_index.md")),
        ("Abs, ignore context, about", sect3, vec!["/about.md"], page("about.md")),
        ("Abs, ignore context, page in section", sect3, vec!["/sect4/page2.md"], page("sect4/page2.md")),
        ("Abs, ignore context, page subsect deep", sect3, vec!["/sect3/subsect/deep.md"], page("sect3/subsect/deep.md")),
        ("Abs, ignore context, page deep", sect3, vec!["/subsect/deep.md"], nothing.clone()),
        ("Bundle regular", None, vec!["sect3/b1", "sect3/b1/index.md"], page("sect3/b1/index.md")),
        ("Bundle index name", None, vec!["sect3/index/index.md", "sect3/index"], page("sect3/index/index.md")),
        ("Section and bundle overlap", None, vec!["section_bundle_overlap_bundle"], page("section_bundle_overlap_bundle/index.md")),
    ];
    let mut cases = 0;
    for (name, from, paths, expected) in table {
        for path in paths {
            // Hugo runs each case with a context only when the table gives one; the
            // site's lookup (no page) takes bare names as `ref` does.
            assert_eq!(find(&site, from, from.is_none(), path), expected, "{name}: {path:?}");
            cases += 1;
        }
    }
    assert_eq!(cases, 54);
}

/// `TestGetPage`'s "Bundle regular" with a language's file name (`index.en.md`).
#[test]
fn reads_a_language_suffix_as_hugos_get_page_test_expects() {
    let site = get_page_site();
    let languages = ["en".to_string()];
    let lookup = Lookup { from: None, is_ref: false, languages: &languages, language: Some("en") };
    assert_eq!(lookup.find(&site, "sect3/b1/index.en.md"), page("sect3/b1/index.md"));
}

/// `TestGetPageRelative`, `TestGetPageIssue12120`, `TestGetPageBundleToRegular`,
/// `TestPageGetPageVariations` and `TestGetPageIndexIndex`: a page's `.GetPage`.
#[test]
fn finds_pages_from_a_page_as_hugos_get_page_tests_expect() {
    let relative = Site {
        pages: vec!["what/_index.md", "what/members.md", "where/_index.md", "where/members.md", "who/_index.md"],
        folders: vec![],
    };
    assert_eq!(find(&relative, Some("what/_index.md"), false, "members.md"), page("what/members.md"));
    assert_eq!(find(&relative, Some("where/_index.md"), false, "members.md"), page("where/members.md"));
    // `who/members.md` is a draft: no page.
    assert_eq!(find(&relative, Some("who/_index.md"), false, "members.md"), Found::Nothing);

    let bundles = Site { pages: vec!["s1/p1/index.md", "s1/p2.md"], folders: vec!["s1"] };
    assert_eq!(find(&bundles, Some("s1/p1/index.md"), false, "p2.md"), page("s1/p2.md"));
    assert_eq!(find(&bundles, Some("s1/p2.md"), false, "p1"), page("s1/p1/index.md"));
    assert_eq!(find(&bundles, Some("s1/p1/index.md"), false, "p2"), page("s1/p2.md"));
    assert_eq!(find(&bundles, Some("s1/p2.md"), false, "p2"), page("s1/p2.md"));

    let variations = Site {
        pages: vec!["_index.md", "s1/_index.md", "s1/p1/index.md", "s1/p2.md", "s2/p3/index.md", "p2.md"],
        folders: vec!["s2"],
    };
    let home = Some("_index.md");
    for (path, expected) in [
        ("/s1", "s1/_index.md"),
        ("/s1/", "s1/_index.md"),
        ("/s1/p2.md", "s1/p2.md"),
        ("/s1/p2", "s1/p2.md"),
        ("/s1/p1/index.md", "s1/p1/index.md"),
        ("/s1/p1", "s1/p1/index.md"),
    ] {
        assert_eq!(find(&variations, home, false, path), page(expected), "{path}");
    }
    for (from, path, expected) in [
        ("s1/p1/index.md", "../p2", "p2.md"),
        ("s1/p1/index.md", "../p2.md", "s1/p2.md"),
        ("s1/p2.md", "../p2", "p2.md"),
        ("s1/p2.md", "../p2.md", "p2.md"),
        ("s1/p2.md", "p1/index.md", "s1/p1/index.md"),
        ("s1/p2.md", "../s2/p3/index.md", "s2/p3/index.md"),
    ] {
        assert_eq!(find(&variations, Some(from), false, path), page(expected), "{from}: {path}");
    }

    let index_index = Site { pages: vec!["mysect/index/index.md"], folders: vec!["mysect"] };
    for path in ["mysect/index/index.md", "mysect/index"] {
        assert_eq!(find(&index_index, None, false, path), page("mysect/index/index.md"), "{path}");
    }
}

/// `ref` and `relref`: `TestRelRefWithTrailingSlash`, `TestRefIssues`,
/// `TestRefUnderscoreSection` (`hugolib/site_test.go`), `TestRefShortcode` and
/// `TestRelRefShortcode` (`lang`, `tpl/tplimpl/shortcodes_integration_test.go`).
#[test]
fn finds_references_as_hugos_ref_tests_expect() {
    let trailing = Site { pages: vec!["_index.md", "docs/5.3/examples/_index.md"], folders: vec![] };
    assert_eq!(find(&trailing, Some("_index.md"), true, "/docs/5.3/examples/"), page("docs/5.3/examples/_index.md"));

    let issues = Site {
        pages: vec!["post/b1/index.md", "post/b2/index.md", "post/nested-a/content-a.md", "post/nested-b/content-b.md"],
        folders: vec!["post", "post/nested-a", "post/nested-b"],
    };
    assert_eq!(find(&issues, Some("post/b1/index.md"), true, "b2"), page("post/b2/index.md"));
    assert_eq!(
        find(&issues, Some("post/nested-a/content-a.md"), true, "content-b"),
        page("post/nested-b/content-b.md")
    );
    // A page's `.GetPage` takes no bare name from elsewhere.
    assert_eq!(find(&issues, Some("post/nested-a/content-a.md"), false, "content-b"), Found::Nothing);

    let underscore = Site { pages: vec!["_index.md", "definitions/_/_index.md"], folders: vec!["definitions"] };
    assert_eq!(find(&underscore, Some("_index.md"), true, "definitions/_"), page("definitions/_/_index.md"));

    let languages = ["en".to_string(), "de".to_string()];
    let site = Site { pages: vec!["_index.en.md", "s1/p1.en.md", "s1/p1.de.md"], folders: vec!["s1"] };
    // The page's language (`en`), then `lang="en"` and `lang="de"`.
    for (language, expected) in [("en", "s1/p1.en.md"), ("en", "s1/p1.en.md"), ("de", "s1/p1.de.md")] {
        let lookup =
            Lookup { from: Some("_index.en.md"), is_ref: true, languages: &languages, language: Some(language) };
        assert_eq!(lookup.find(&site, "/s1/p1.md"), page(expected), "{language}");
    }
}

/// Hugo's path of a file, as `hugolib/pagecollections_test.go` compares pages.
#[test]
fn makes_hugos_path_of_a_file() {
    let languages = ["en".to_string()];
    for (path, expected) in [
        ("_index.md", "/"),
        ("Sect3/Unique2.md", "/sect3/unique2"),
        ("sect3/b1/index.en.md", "/sect3/b1"),
        ("sect3/index/index.md", "/sect3/index"),
        ("docs/5.3/examples/_index.md", "/docs/5.3/examples"),
        ("a/v1.2.md", "/a/v1.2"),
    ] {
        assert_eq!(hugo_path(path, &languages), expected, "{path}");
    }
}

/// The index a site's lookups read answers as comparing every page does.
#[test]
fn the_index_of_hugo_paths_answers_as_the_comparison_of_every_page() {
    let languages = vec!["de".to_string()];
    let pages = ["docs/_index.md", "docs/a.md", "docs/a.de.md", "Blog/Post/index.md", "other/a.md", "b.html"];
    let site = Site { pages: pages.to_vec(), folders: Vec::new() };
    let index = HugoPaths::of(pages.iter().copied(), &languages);
    for key in ["/docs", "/docs/a", "/blog/post", "/b", "/other/a", "/none"] {
        assert_eq!(index.page_of_key(key), site.page_of_key(key, &languages), "{key}");
    }
    for name in ["a", "post", "docs", "b", "none"] {
        assert_eq!(index.page_named(name), site.page_named(name, &languages), "{name}");
    }
    assert_eq!(index.page_named("a"), Found::Ambiguous);
    assert_eq!(index.page_of_key("/docs/a"), Some("docs/a.md".to_string()));
}
