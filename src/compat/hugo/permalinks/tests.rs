//! Hugo's own test tables, ported: gohugoio/hugo at commit
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934, `resources/page/permalinks_test.go`
//! (`testdataPermalinks`, `TestPermalinkExpansionMultiSection`,
//! `TestPermalinkExpansionSliceSyntax`), `common/paths/path_test.go` (`TestSanitize`) and
//! `helpers/path_test.go` (`TestMakePath`, `TestMakePathSanitized`).

use super::*;
use crate::compat::hugo::dates;

/// The page of `TestPermalinkExpansion`: `/test-page/index.md`, path `/posts/test-page`.
fn test_page() -> PageValues<'static> {
    PageValues {
        date: Moment::parse("2012-04-06 03:01:59").unwrap(),
        title: "Spf13 Vim 3.0 Release and new website",
        slug: Some("The Slug"),
        file_name: "index",
        folder_name: "test-page",
        base_name: "test-page",
        sections: vec!["a", "b", "c"],
        section_slugs: vec!["a-slug", "b-slug", "c-slug"],
    }
}

#[test]
fn expands_every_token_as_hugo_s_permalink_table_says() {
    // (pattern, expected) of `testdataPermalinks`, the valid ones; `:section` is the
    // test page's `blue`, the first of its sections here.
    let table = [
        (":title", "spf13-vim-3.0-release-and-new-website"),
        ("/:year-:month-:title", "/2012-04-spf13-vim-3.0-release-and-new-website"),
        ("/:year/:yearday/:month/:monthname/:day/:weekday/:weekdayname/", "/2012/97/04/April/06/5/Friday/"),
        ("/:title/", "/spf13-vim-3.0-release-and-new-website/"),
        ("/:slug/", "/the-slug/"),
        ("/:slugorfilename/", "/the-slug/"),
        ("/:filename/", "/test-page/"),
        ("/:06-:1-:2-:Monday", "/12-4-6-Friday"),
        ("/:2006_01_02_15_04_05.000", "/2012_04_06_03_01_59.000"),
        ("/:sections/", "/a/b/c/"),
        ("/:sections[last]/", "/c/"),
        ("/:sections[0]/:sections[last]/", "/a/c/"),
        ("/\\:filename", "/:filename"),
        ("/special\\::slug/", "/special:the-slug/"),
        ("/:contentbasename/", "/test-page/"),
        ("/:sectionslugs/", "/a-slug/b-slug/c-slug/"),
        ("/:sectionslugs[0]/:sectionslugs[last]/", "/a-slug/c-slug/"),
        ("/:sectionslugs[last]/", "/c-slug/"),
    ];
    let page = test_page();
    for (pattern, expected) in table {
        assert_eq!(expand(pattern, &page).as_deref(), Ok(expected), "{pattern}");
    }
    let blue = PageValues { sections: vec!["blue"], ..test_page() };
    assert_eq!(expand("/:section/", &blue).as_deref(), Ok("/blue/"));
    let my_slug = PageValues { section_slugs: vec!["my-slug"], ..test_page() };
    assert_eq!(expand("/:sectionslug/", &my_slug).as_deref(), Ok("/my-slug/"));
    // `:slugorcontentbasename`: no slug, a slug, and a section's `_index.md`.
    let no_slug = PageValues { slug: None, ..test_page() };
    assert_eq!(expand("/:slugorcontentbasename/", &no_slug).as_deref(), Ok("/test-page/"));
    let slugged = PageValues { slug: Some("myslug"), ..test_page() };
    assert_eq!(expand("/:slugorcontentbasename/", &slugged).as_deref(), Ok("/myslug/"));
    let section = PageValues { slug: None, title: "mytitle", file_name: "_index", ..test_page() };
    assert_eq!(expand("/:slugorcontentbasename/", &section).as_deref(), Ok("/test-page/"));
    // The failures that are Hugo's unknown attributes.
    for pattern in ["/blog/:fred", "/:TITLE", "/:linkTitle/"] {
        assert!(expand(pattern, &page).is_err(), "{pattern}");
    }
}

#[test]
fn the_first_matching_rule_of_the_list_form_wins() {
    // `TestPermalinkExpansionMultiSection`.
    let list = serde_json::json!([
        { "target": { "kind": "page", "path": "/posts/**" }, "pattern": "/:slug" },
        { "target": { "kind": "page", "path": "/blog/**" }, "pattern": "/:section/:year" },
        { "target": { "kind": "page", "path": "/recipes/**" }, "pattern": "/:slugorfilename" },
        { "target": { "kind": "page", "path": "/special/**" }, "pattern": "/special\\::slug" },
    ]);
    let rules = read_rules(&list).unwrap();
    let page = PageValues {
        date: Moment::parse("2012-04-06").unwrap(),
        title: "Page Title",
        sections: vec!["blue"],
        ..test_page()
    };
    let fallback = PageValues {
        title: "Page Title",
        slug: None,
        folder_name: "page-filename",
        base_name: "page-filename",
        ..test_page()
    };
    let url = |path: &str, page: &PageValues<'_>| expand(&rule_for(&rules, Kind::Page, path)?.pattern, page).ok();
    assert_eq!(url("/posts/my-page", &page).as_deref(), Some("/the-slug"));
    assert_eq!(url("/blog/my-page", &page).as_deref(), Some("/blue/2012"));
    assert_eq!(url("/posts/my-page", &fallback).as_deref(), Some("/page-title"));
    assert_eq!(url("/recipes/my-page", &fallback).as_deref(), Some("/page-filename"));
    assert_eq!(url("/special/my-page", &page).as_deref(), Some("/special:the-slug"));
    assert_eq!(url("/other/my-page", &page), None);
}

#[test]
fn reads_the_map_forms_of_permalinks() {
    let old = serde_json::json!({ "posts": "/:year/:slug/", "/": "/:filename/" });
    let rules = read_rules(&old).unwrap();
    assert_eq!(rule_for(&rules, Kind::Page, "/posts/a").map(|r| r.pattern.as_str()), Some("/:year/:slug/"));
    assert_eq!(rule_for(&rules, Kind::Page, "/posts/2024/a").map(|r| r.pattern.as_str()), Some("/:year/:slug/"));
    assert_eq!(rule_for(&rules, Kind::Page, "/about").map(|r| r.pattern.as_str()), Some("/:filename/"));
    assert!(rule_for(&rules, Kind::Page, "/postscript/a").is_none());
    assert!(rule_for(&rules, Kind::Section, "/posts").is_none(), "the old form names pages and terms");
    let kinds = serde_json::json!({ "page": { "docs": "/d/:slug/" }, "section": { "docs": "/d/" } });
    let rules = read_rules(&kinds).unwrap();
    assert_eq!(rule_for(&rules, Kind::Section, "/docs").map(|r| r.pattern.as_str()), Some("/d/"));
    assert_eq!(rule_for(&rules, Kind::Page, "/docs/x").map(|r| r.pattern.as_str()), Some("/d/:slug/"));
    assert!(read_rules(&serde_json::json!({ "pages": { "a": "/x/" } })).is_err());
    assert!(read_rules(&serde_json::json!({ "a": "/:nope/" })).unwrap_err().contains(":nope"));
    // A glob that would take exponential time is refused.
    let braces = serde_json::json!([{ "target": { "path": "{a,b}".repeat(30) }, "pattern": "/:slug/" }]);
    assert!(read_rules(&braces).unwrap_err().contains("longer path glob"));
    let stars = serde_json::json!([{ "target": { "path": "**a".repeat(30) }, "pattern": "/:slug/" }]);
    assert!(read_rules(&stars).unwrap_err().contains("longer path glob"));
}

#[test]
fn slices_sections_as_hugo_does() {
    // `TestPermalinkExpansionSliceSyntax`.
    let four = ["a", "b", "c", "d"];
    let one = ["a"];
    /// A cut, the list it cuts, and what Hugo gives.
    type Case<'a> = (&'a str, &'a [&'a str], Option<&'a [&'a str]>);
    let table: [Case<'_>; 20] = [
        ("[1:3]", &four, Some(&["b", "c"])),
        ("[1:]", &four, Some(&["b", "c", "d"])),
        ("[:2]", &four, Some(&["a", "b"])),
        ("[0:2]", &four, Some(&["a", "b"])),
        ("[:]", &four, Some(&four)),
        ("", &four, Some(&four)),
        ("[last]", &four, Some(&["d"])),
        ("[:last]", &four, Some(&["a", "b", "c"])),
        ("[last]", &one, Some(&["a"])),
        ("[:last]", &one, Some(&[])),
        ("[1:last]", &one, Some(&[])),
        ("[1]", &one, Some(&[])),
        ("[1:5]", &four, Some(&["b", "c", "d"])),
        ("[-1:5]", &four, Some(&four)),
        ("[5:]", &four, Some(&[])),
        ("[5:32]", &four, Some(&[])),
        ("[:1]", &[], None),
        ("[]", &four, None),
        ("[1:}", &four, None),
        ("foo", &four, None),
    ];
    for (cut, list, expected) in table {
        assert_eq!(slice(cut, list).as_deref(), expected, "{cut} of {list:?}");
    }
}

#[test]
fn sanitizes_names_as_hugo_s_path_tests_say() {
    // `TestSanitize`.
    let sanitize_table = [
        ("  Foo bar  ", "Foo-bar"),
        ("Foo.Bar/foo_Bar-Foo", "Foo.Bar/foo_Bar-Foo"),
        ("fOO,bar:foobAR", "fOObarfoobAR"),
        ("FOo/BaR.html", "FOo/BaR.html"),
        ("FOo/Ba---R.html", "FOo/Ba---R.html"),
        ("FOo/Ba       R.html", "FOo/Ba-R.html"),
        ("трям/трям", "трям/трям"),
        ("은행", "은행"),
        ("Банковский кассир", "Банковский-кассир"),
        ("संस्कृत", "संस्कृत"),
        ("a%C3%B1ame", "a%C3%B1ame"),
        ("this+is+a+test", "this+is+a+test"),
        ("~foo", "~foo"),
    ];
    // `TestMakePath`, but its one case that removes accents (`removePathAccents`,
    // off by default).
    let make_path_table = [
        ("dot.slash/backslash\\underscore_pound#plus+hyphen-", "dot.slash/backslash\\underscore_pound#plus+hyphen-"),
        ("abcXYZ0123456789", "abcXYZ0123456789"),
        ("%20 %2", "%20-2"),
        ("foo- bar", "foo-bar"),
        ("  Foo bar  ", "Foo-bar"),
        ("Foo.Bar/foo_Bar-Foo", "Foo.Bar/foo_Bar-Foo"),
        ("fOO,bar:foobAR", "fOObarfoobAR"),
        ("FOo/BaR.html", "FOo/BaR.html"),
        ("трям/трям", "трям/трям"),
        ("은행", "은행"),
        ("संस्कृत", "संस्कृत"),
        ("a%C3%B1ame", "a%C3%B1ame"),
        ("this+is+a+test", "this+is+a+test"),
        ("~foo", "~foo"),
        ("foo--bar", "foo--bar"),
        ("foo@bar", "foo@bar"),
    ];
    for (input, expected) in sanitize_table.into_iter().chain(make_path_table) {
        assert_eq!(sanitize(input), expected, "{input}");
    }
    // `TestMakePathSanitized`: lower-cased.
    let lowered = [
        ("  FOO bar  ", "foo-bar"),
        ("Foo.Bar/fOO_bAr-Foo", "foo.bar/foo_bar-foo"),
        ("FOO,bar:FooBar", "foobarfoobar"),
        ("foo/BAR.HTML", "foo/bar.html"),
        ("трям/трям", "трям/трям"),
        ("은행", "은행"),
    ];
    for (input, expected) in lowered {
        assert_eq!(urlize(input), expected, "{input}");
    }
}

#[test]
fn go_layouts_write_the_date_and_plain_words_are_not_layouts() {
    let date = Moment::parse("2012-04-06 15:01:59").unwrap();
    assert_eq!(dates::format(date, "Jan_January_Mon_002_03_3_PM_pm_15"), "Apr_April_Fri_097_03_3_PM_pm_15");
    assert_eq!(dates::format(Moment::zero(), "year"), "1");
    assert_eq!(dates::format(Moment::zero(), "2006_01_02_Monday"), "0001_01_01_Monday");
    assert!(dates::is_layout("2017"), "Hugo reads it as a layout too");
    assert!(!dates::is_layout("fred") && !dates::is_layout("TITLE"));
}
