//! Docusaurus's own URL cases, ported as tables: facebook/docusaurus
//! `packages/docusaurus-plugin-content-docs/src/__tests__/slug.test.ts` at commit
//! 0bbabb7ec75861be244e50e02310ebbac229cbb8 (`getSlug`: a doc's URL from its folder,
//! its file name and its `slug`), built by the build's own steps
//! ([`crate::site::tests::page_urls`]), and `numberPrefix.test.ts` at commit
//! 023e970054c1ad7723d98139cf355f2160c4af44 (which names lose a number prefix),
//! through [`crate::content::prefix::strip_number_prefix`].
//!
//! `docs.test.ts`'s `isConventionalDocIndex` table (`isCategoryIndex`: which doc is its
//! folder's page) is ported as sites too. opsbook publishes the docs folder at the root
//! and a doc `/dir/doc` at `dir/doc/` (the file Docusaurus writes, `dir/doc/index.html`),
//! its names' case kept as Docusaurus keeps it.

use crate::content::prefix::strip_number_prefix;
use crate::site::tests::{misplaced, page_urls, page_with};

/// (test, doc's path in the docs folder, its `slug` or none, `getSlug`'s URL).
const SLUG_CASES: &[(&str, &str, &str, &str)] = &[
    ("defaults to dirname/id", "dir/doc.md", "", "/dir/doc"),
    ("defaults to dirname/id", "dir/subdir/doc.md", "", "/dir/subdir/doc"),
    ("handles conventional doc indexes", "dir/subdir/index.md", "", "/dir/subdir/"),
    ("handles conventional doc indexes", "dir/subdir/inDEx.mdx", "", "/dir/subdir/"),
    ("handles conventional doc indexes", "dir/subdir/readme.md", "", "/dir/subdir/"),
    ("handles conventional doc indexes", "dir/subdir/reADMe.mdx", "", "/dir/subdir/"),
    ("handles conventional doc indexes", "dir/subdir/subdir.md", "", "/dir/subdir/"),
    ("handles conventional doc indexes", "dir/subdir/suBDir.mdx", "", "/dir/subdir/"),
    (
        "ignores conventional doc index when explicit slug front matter is provided",
        "dir/subdir/index.md",
        "/my/frontMatterSlug",
        "/my/frontMatterSlug",
    ),
    ("can strip dir number prefixes", "001-dir1/002-dir2/doc.md", "", "/dir1/dir2/doc"),
    ("handles current dir", "doc.md", "", "/doc"),
    ("resolves absolute slug front matter", "doc.md", "/abc/def", "/abc/def"),
    ("resolves absolute slug front matter", "any/doc.md", "/abc/def", "/abc/def"),
    ("resolves absolute slug front matter", "any/any/doc.md", "/abc/def", "/abc/def"),
    ("resolves relative slug front matter", "doc.md", "abc/def", "/abc/def"),
    ("resolves relative slug front matter", "dir/doc.md", "abc/def", "/dir/abc/def"),
    ("resolves relative slug front matter", "nonSlashedDir/doc.md", "abc/def", "/nonSlashedDir/abc/def"),
    ("resolves relative slug front matter", "dir/subdir/doc.md", "abc/def", "/dir/subdir/abc/def"),
    ("resolves relative slug front matter", "dir/doc.md", "./abc/def", "/dir/abc/def"),
    ("resolves relative slug front matter", "dir/doc.md", "./abc/../def", "/dir/def"),
    ("resolves relative slug front matter", "dir/subdir/doc.md", "../abc/def", "/dir/abc/def"),
    ("resolves relative slug front matter", "dir/subdir/doc.md", "../../../../../abc/../def", "/def"),
];

#[test]
fn docs_are_where_docusaurus_s_slug_tests_put_them() {
    let mut wrong = Vec::new();
    for (n, (test, path, slug, url)) in SLUG_CASES.iter().enumerate() {
        let files = [
            ("docusaurus.config.js", "module.exports = {};\n"),
            (&format!("content/{path}"), &page_with("slug", slug)),
        ];
        let expected = if url.ends_with('/') { url.to_string() } else { format!("{url}/") };
        wrong.extend(
            misplaced(&format!("docusaurus-{n}"), &files, path, &expected).map(|w| format!("{test} ({slug}): {w}")),
        );
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// "resolves absolute slug front matter" with the docs root's own path, `/`, from folders
/// below it: the doc is the docs' home; and "ignores conventional doc index when explicit
/// slug front matter is provided": a `README.md` with a slug is no folder's page, so it
/// leaves the docs' root to that doc.
#[test]
fn a_root_slug_below_the_docs_root_is_the_docs_home() {
    for (n, doc) in ["any/doc.md", "any/any/doc.md"].into_iter().enumerate() {
        let files = [
            ("docusaurus.config.js", "module.exports = {};\n"),
            (&format!("content/{doc}"), &page_with("slug", "/")),
            ("content/README.md", &page_with("slug", "/readme")),
            ("content/any/other.md", "# Other\n"),
        ];
        let urls = page_urls(&format!("docusaurus-root-slug-{n}"), &files);
        assert_eq!((urls[doc].as_str(), urls["README.md"].as_str()), ("/", "/readme/"), "{doc}");
        assert_eq!(urls["any/other.md"], "/any/other/");
    }
}

/// `docs.test.ts` `describe('isConventionalDocIndex')` (facebook/docusaurus, the version
/// that tests `isCategoryIndex`), each case a doc in a site: (test, doc's path, URL).
/// The cases without an extension are ported as `.md` files (a page needs one);
/// `the index` (a name with a space) is left to the rule for spaces.
const CATEGORY_INDEX_CASES: &[(&str, &str, &str)] = &[
    ("supports readme", "doesNotMatter/readme.md", "/doesNotMatter/"),
    ("supports readme", "doesNotMatter/readme.mdx", "/doesNotMatter/"),
    ("supports readme", "doesNotMatter/README.md", "/doesNotMatter/"),
    ("supports readme", "doesNotMatter/ReAdMe.md", "/doesNotMatter/"),
    ("supports index", "doesNotMatter/index.md", "/doesNotMatter/"),
    ("supports index", "doesNotMatter/index.mdx", "/doesNotMatter/"),
    ("supports index", "doesNotMatter/INDEX.md", "/doesNotMatter/"),
    ("supports index", "doesNotMatter/InDeX.md", "/doesNotMatter/"),
    (
        "supports <categoryName>/<categoryName>.md",
        "doesNotMatter/someCategory/someCategory.md",
        "/doesNotMatter/someCategory/",
    ),
    ("supports <categoryName>/<categoryName>.md", "someCategory/someCategory.md", "/someCategory/"),
    ("supports <categoryName>/<categoryName>.md", "someCategory/someCategory.mdx", "/someCategory/"),
    ("supports <categoryName>/<categoryName>.md", "some_category/SOME_CATEGORY.md", "/some_category/"),
    ("supports <categoryName>/<categoryName>.md", "some_category/some_category.md", "/some_category/"),
    ("reject other cases", "someCategory/some_Category.md", "/someCategory/some_Category/"),
    ("reject other cases", "doesNotMatter/read_me.md", "/doesNotMatter/read_me/"),
];

#[test]
fn a_folder_s_page_is_the_doc_docusaurus_s_category_index_tests_name() {
    let mut wrong = Vec::new();
    for (n, (test, path, url)) in CATEGORY_INDEX_CASES.iter().enumerate() {
        let files = [
            ("docusaurus.config.js", "module.exports = {};\n"),
            (&format!("content/{path}"), "# Page\n"),
            ("content/doesNotMatter/other.md", "# Other\n"),
        ];
        wrong.extend(misplaced(&format!("docusaurus-index-{n}"), &files, path, url).map(|w| format!("{test}: {w}")));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn keeps_number_prefixes_when_the_site_keeps_them() {
    // "can strip dir number prefixes", `stripDirNumberPrefixes: false`.
    let files = [
        ("book.toml", "[handbook]\ntitle = \"T\"\n[content]\nnumber-prefixes = \"keep\"\n"),
        ("docusaurus.config.js", "module.exports = {};\n"),
        ("content/001-dir1/002-dir2/doc.md", "# Doc\n"),
    ];
    let urls = page_urls("docusaurus-keep", &files);
    assert_eq!(urls["001-dir1/002-dir2/doc.md"], "/001-dir1/002-dir2/doc/");
}

/// `numberPrefix.test.ts` `IgnoredNumberPrefixPatterns`: names that keep what they start with.
const IGNORED_NUMBER_PREFIXES: &[&str] = &[
    "MyDoc",
    "a1-My Doc",
    "My Doc-000",
    "My Doc - 1",
    "My Doc - 02",
    "Hey - 03 - My Doc",
    "00abc01-My Doc",
    "My 001- Doc",
    "My -001 Doc",
    "2021-01-31 - Doc",
    "31-01-2021 - Doc",
    "2021_01_31 - Doc",
    "31_01_2021 - Doc",
    "2021.01.31 - Doc",
    "31.01.2021 - Doc",
    "2021-01 - Doc",
    "2021_01 - Doc",
    "2021.01 - Doc",
    "01-2021 - Doc",
    "01_2021 - Doc",
    "01.2021 - Doc",
    "2021-01-31",
    "2021-01",
    "21-01-31",
    "21-01",
    "2021_01_31",
    "2021_01",
    "21_01_31",
    "21_01",
    "01_31",
    "01",
    "2021",
    "8.0",
    "8.0.0",
    "14.2.16",
    "18.2",
    "8.0 - Doc",
    "8.0.0 - Doc",
    "8_0",
    "8_0_0",
    "14_2_16",
    "18_2",
];

/// `numberPrefix.test.ts` "strips number prefix if present": every name is `My Doc`'s.
const STRIPPED_NUMBER_PREFIXES: &[&str] = &[
    "1-My Doc",
    "01-My Doc",
    "001-My Doc",
    "001 - My Doc",
    "001      -    My Doc",
    "999      -        My Doc",
    "1---My Doc",
    "01---My Doc",
    "001---My Doc",
    "001 --- My Doc",
    "001      ---    My Doc",
    "999      ---        My Doc",
    "1___My Doc",
    "01___My Doc",
    "001___My Doc",
    "001 ___ My Doc",
    "001      ___    My Doc",
    "999      ___        My Doc",
    "1.My Doc",
    "01.My Doc",
    "001.My Doc",
    "001 . My Doc",
    "001      .    My Doc",
    "999      .       My Doc",
    "0046036 - My Doc",
];

#[test]
fn strips_number_prefixes_as_docusaurus_s_tests_say() {
    for name in STRIPPED_NUMBER_PREFIXES {
        assert_eq!(strip_number_prefix(name, true), "My Doc", "{name:?}");
    }
    for name in IGNORED_NUMBER_PREFIXES {
        assert_eq!(strip_number_prefix(name, true), *name, "{name:?}");
    }
    // "strips number prefixes in paths": each folder's and the file's.
    let path = "0-MyRootFolder0/1 - MySubFolder1/2.  MyDeepFolder2/3 _MyDoc3";
    let stripped: Vec<&str> = path.split('/').map(|name| strip_number_prefix(name, true)).collect();
    assert_eq!(stripped.join("/"), "MyRootFolder0/MySubFolder1/MyDeepFolder2/MyDoc3");
}
