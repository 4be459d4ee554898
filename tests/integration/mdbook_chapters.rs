//! An mdBook book publishes the chapters its `SUMMARY.md` lists and nothing else of its
//! Markdown files, and its home page is its first chapter (or its listed `README.md`).

use crate::util;

use util::{Site, main_of, redirect_of};

fn book(name: &str, summary: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::empty(name);
    site.write("book.toml", "[book]\ntitle = \"Book\"\n[check]\nlinks = \"warn\"\n");
    site.write("src/SUMMARY.md", summary);
    for (path, text) in files {
        site.write(path, text);
    }
    site
}

#[test]
fn publishes_only_the_listed_chapters_and_leads_home_to_the_first() {
    let summary = "# Summary\n\n- [Draft]()\n- [Welcome](welcome.md)\n- [Ops](ops/README.md)\n    - [Db](ops/db.md)\n";
    let files = [
        ("src/welcome.md", "# Welcome\n\nSee [the notes](notes.md) and [the map](map.txt).\n"),
        ("src/README.md", "# Readme for GitHub\n"),
        ("src/notes.md", "# Notes\n"),
        ("src/ops/README.md", "# Ops\n"),
        ("src/ops/db.md", "# Db\n"),
        ("src/ops/old.md", "# Old\n"),
        ("src/map.txt", "north\n"),
    ];
    let site = book("mdbook-chapters", summary, &files);
    let run = site.build(&[]);
    run.expect_code(0);
    for published in ["welcome.html", "ops/index.html", "ops/db.html", "map.txt"] {
        assert!(site.exists(&format!("public/{published}")), "{published}: {:?}", site.files_under("public"));
    }
    for absent in ["notes.html", "notes.md", "README.html", "ops/old.html", "ops/old.md"] {
        assert!(!site.exists(&format!("public/{absent}")), "{absent}");
    }
    assert_eq!(redirect_of(&site, "public/index.html"), "/welcome.html");
    assert!(
        run.stderr.contains(
            "note[nav-file]: 3 Markdown files are not listed in src/SUMMARY.md: no page, as mdBook publishes none"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("warning[broken-link]: no page `src/notes.md`"), "{}", run.stderr);
}

/// mdBook's `first_chapter_is_copied_as_index_even_if_not_first_elem`
/// (`tests/testsuite/rendering.rs` and its fixture's `SUMMARY.md`, rust-lang/mdBook
/// 641d06abe7d10d981ed61dd2711a30e4119666cd): drafts before it, the first chapter with a
/// file is the home page's.
#[test]
fn the_first_chapter_with_a_file_is_the_home_page_s() {
    let summary = "# Summary\n\n---\n\n- [None of these should be treated as the \"index chapter\"]()\n\n\
                   # Part 1\n\n- [Not this either]()\n- [Chapter 1](./chapter_1.md)\n- [And not this]()\n";
    let site = book("mdbook-first-chapter", summary, &[("src/chapter_1.md", "# Chapter 1\n")]);
    site.build(&[]).expect_code(0);
    assert_eq!(redirect_of(&site, "public/index.html"), "/chapter_1.html");
}

/// mdBook's `readme_to_index` (`tests/testsuite/index.rs`, fixture `index/basic_readme`,
/// rust-lang/mdBook 641d06abe7d10d981ed61dd2711a30e4119666cd): a listed `README.md`, in
/// any case, is its folder's `index.html`, the book's own at the root. (The fixture's
/// `first/README`, without an extension, is no page of opsbook's: left out here.)
#[test]
fn a_listed_readme_is_its_folder_s_index_and_the_home_page() {
    let summary = "# Summary\n\n[Intro](./README.md)\n\n- [Second](second/Readme.md)\n";
    let files = [("src/README.md", "# Intro\n"), ("src/second/Readme.md", "# Second\n")];
    let site = book("mdbook-readme-index", summary, &files);
    site.build(&[]).expect_code(0);
    assert!(main_of(&site.read("public/index.html")).contains("Intro"));
    assert!(main_of(&site.read("public/second/index.html")).contains("Second"));
    assert!(!site.exists("public/README.html"));
}

/// mdBook's `redirects_are_emitted_correctly` and `redirect_existing_page`
/// (`tests/testsuite/redirects.rs` and their books, rust-lang/mdBook
/// 641d06abe7d10d981ed61dd2711a30e4119666cd): `[output.html.redirect]` writes a page that
/// redirects at each old path, to a page of the book or an address; a fragment's entry is
/// a note; an entry over a chapter is left out with a warning, where mdBook fails.
#[test]
fn output_html_redirect_writes_the_old_pages() {
    let site = book(
        "mdbook-redirects",
        "- [Chapter 1](chapter_1.md)\n- [Ops](ops/db.md)\n",
        &[("src/chapter_1.md", "# Chapter 1\n"), ("src/ops/db.md", "# Db\n\n## Restore\n")],
    );
    site.write(
        "book.toml",
        "[book]\ntitle = \"Book\"\n\n[output.html.redirect]\n\"/overview.html\" = \"index.html\"\n\
         \"/overview.html#old\" = \"index.html#new\"\n\"/nested/page.html\" = \"https://rust-lang.org/\"\n\
         \"/tasks/restore.html\" = \"../ops/db.html#restore\"\n\"/chapter_1.html\" = \"ops/db.html\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(redirect_of(&site, "public/overview.html"), "/chapter_1.html");
    assert_eq!(redirect_of(&site, "public/nested/page.html"), "https://rust-lang.org/");
    assert_eq!(redirect_of(&site, "public/tasks/restore.html"), "/ops/db.html#restore");
    assert!(run.stderr.contains("1 redirect of a fragment (`/overview.html#old`) is not written"), "{}", run.stderr);
    assert!(run.stderr.contains("book.toml:9:1"), "{}", run.stderr);
    assert!(run.stderr.contains("the redirect from /chapter_1.html is left out"), "{}", run.stderr);
    assert!(main_of(&site.read("public/chapter_1.html")).contains("Chapter 1"));
}
