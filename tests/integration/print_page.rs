//! "print this section". The largest sections with 1 to 100 pages
//! beneath them get a generated page at `/print/<section>/` holding the section page and
//! every page beneath it, in reading order, for audits and outages; the section links to
//! it, and a section inside one links to its part of it. It is a copy: not in
//! the sitemap or the search index, marked `noindex`, and its copied content is not
//! checked a second time.

use crate::util;

use util::{Site, between, link_texts, main_of};

fn handbook(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("content/_index.md", "# Home\n\nThe handbook.\n"),
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\n---\n\nWhat to do when it breaks.\n"),
            (
                "content/runbooks/disk.md",
                "---\ntitle: Disk full\nweight: 1\n---\n\nFree some space.\n\n```console\n$ df -h /\n```\n\nSee [the cache](cache.md#steps).\n",
            ),
            ("content/runbooks/cache.md", "---\ntitle: Cache flush\nweight: 2\n---\n\n## Steps\n\nFlush it.\n"),
            ("content/runbooks/deep/_index.md", "---\ntitle: Deep\nweight: 3\n---\n\nDeeper runbooks.\n"),
            ("content/runbooks/deep/kernel.md", "# Kernel panic\n\nReboot.\n"),
            ("content/about.md", "# About\n\nA page, not a section.\n"),
        ],
    )
}

#[test]
fn a_section_has_a_print_page_with_every_page_beneath_it_in_reading_order() {
    let site = handbook("print-section");
    site.build(&[]).expect_code(0);
    let page = site.read("public/print/runbooks/index.html");
    let main = main_of(&page);
    assert!(main.contains(r#"<h1 class="page-title">Runbooks</h1>"#), "{main}");
    let titles: Vec<&str> = main
        .split(r#"<h2 class="printed-title""#)
        .skip(1)
        .filter_map(|rest| rest.split('>').nth(1)?.split('<').next())
        .collect();
    assert_eq!(titles, ["Runbooks", "Disk full", "Cache flush", "Deep", "Kernel panic"]);
    // The content as on its own page: highlighted code, links, headings.
    assert!(main.contains("Free some space."), "{main}");
    assert!(main.contains(r#"<pre class="code" data-lang="console">"#), "{main}");
    assert!(main.contains(r##"href="/runbooks/cache/#steps""##), "{main}");
    assert!(main.contains("Reboot."), "{main}");
    // A table of contents to the printed pages.
    let contents = between(main, r#"<nav class="print-contents""#, "</nav>");
    assert_eq!(link_texts(contents), ["Runbooks", "Disk full", "Cache flush", "Deep", "Kernel panic"]);
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    // Each page is printed once: a subsection has no print page of its own but links to
    // its part of its section's; the home page and plain pages have none.
    assert!(!site.exists("public/print/runbooks/deep/index.html"));
    let deep = site.read("public/runbooks/deep/index.html");
    let (_, after) = deep.split_once(r#" href="/print/runbooks/#"#).expect("a link to the section's print page");
    let anchor = after.split('"').next().unwrap_or_default();
    // Named by its site path, not by a page number: a link to it survives pages added
    // or deleted elsewhere.
    assert_eq!(anchor, "print-runbooks.deep");
    assert!(
        after.starts_with(&format!(r#"{anchor}" title="Print this section"><span>Print this section</span></a>"#)),
        "{after}"
    );
    assert!(main.contains(&format!(r#"<section class="printed-page" id="{anchor}""#)), "{anchor}");
    assert!(!site.exists("public/print/index.html"));
    assert!(!site.exists("public/print/about/index.html"));
}

#[test]
fn the_section_links_its_print_page_beside_its_title() {
    let site = handbook("print-link");
    site.build(&[]).expect_code(0);
    let section = site.read("public/runbooks/index.html");
    let meta = between(main_of(&section), r#"<div class="page-meta">"#, "</div>");
    // An icon, named by its hidden text and a tooltip.
    assert!(
        meta.contains(r#"<a class="page-tool tool-print" href="/print/runbooks/" title="Print this section"><span>Print this section</span></a>"#),
        "{meta}"
    );
    let page = site.read("public/runbooks/disk/index.html");
    assert!(!page.contains("Print this section"), "only section pages link it");
}

#[test]
fn the_print_page_is_left_out_of_the_sitemap_and_the_search_index() {
    let site = handbook("print-hidden");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.org/\"\n");
    site.build(&[]).expect_code(0);
    let sitemap = site.read("public/sitemap.xml");
    assert!(!sitemap.contains("/print/"), "{sitemap}");
    for file in site.files_under("public/search") {
        assert!(!site.read(&format!("public/search/{file}")).contains("print/"), "{file}");
    }
}

#[test]
fn a_broken_link_is_reported_once_not_again_from_the_print_page() {
    let site = handbook("print-links");
    site.write("content/runbooks/cache.md", "---\ntitle: Cache flush\n---\n\nSee [the gone page](gone.md).\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(run.stderr.matches("error[broken-link]").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/runbooks/cache.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("print.html"), "{}", run.stderr);
}

#[test]
fn content_at_the_print_url_keeps_it() {
    let site = handbook("print-fight");
    site.write("content/print/runbooks.md", "# Printing runbooks\n\nOur own page.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.read("public/print/runbooks/index.html").contains("Our own page."));
    assert!(site.read("public/handbook-print/runbooks/index.html").contains("Disk full"));
    let section = site.read("public/runbooks/index.html");
    assert!(section.contains(r#" href="/handbook-print/runbooks/" title="Print this section">"#), "{section}");
}

#[test]
fn a_section_with_more_than_a_hundred_pages_is_printed_by_its_subsections() {
    let mut files = vec![
        ("content/_index.md".to_string(), "# Home\n".to_string()),
        ("content/big/_index.md".to_string(), "# Big\n".to_string()),
        ("content/big/small/_index.md".to_string(), "# Small\n".to_string()),
    ];
    for i in 0..100 {
        files.push((format!("content/big/small/p{i}.md"), format!("# Page {i}\n")));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::with_files("print-bound", &files);
    site.build(&[]).expect_code(0);
    // 101 pages beneath `big/` (the subsection and its 100 pages): no print page, no link.
    assert!(!site.exists("public/print/big/index.html"));
    assert!(!site.read("public/big/index.html").contains("Print this section"));
    // 100 beneath `big/small/`: printed.
    assert!(site.exists("public/print/big/small/index.html"));
    assert!(site.read("public/big/small/index.html").contains("Print this section"));
}

#[test]
fn each_page_is_printed_once() {
    let site = handbook("print-once");
    site.build(&[]).expect_code(0);
    let printed: usize = site
        .files_under("public/print")
        .iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| site.read(&format!("public/print/{f}")).matches("Reboot.").count())
        .sum();
    assert_eq!(printed, 1);
}
