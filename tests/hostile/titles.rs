//! Hostile inputs: mdBook's `{{#title …}}`, which names a page's whole `<title>`: markup
//! in it is text there, and a page full of unclosed or escaped directives is read in
//! bounded time.

use std::time::{Duration, Instant};

use crate::util::{Site, between, panicked};

fn book(name: &str, page: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[book]\ntitle = \"Book\"\n"),
            ("src/SUMMARY.md", "- [Page](page.md)\n"),
            ("src/page.md", page),
        ],
    )
}

#[test]
fn the_markup_of_a_title_directive_is_text_in_the_title() {
    let site = book("title-markup", "{{#title </title><script>alert(1)</script> & co}}\n# Page\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/page.html");
    let title = between(&page, "<title>", "</title>");
    assert!(title.contains("&lt;script&gt;alert(1)&lt;") && title.contains("&amp; co"), "{title}");
    assert!(!page.contains("<script>alert(1)"), "{page}");
}

#[test]
fn pages_full_of_unclosed_or_escaped_title_directives_are_read_in_bounded_time() {
    let unclosed = format!("# Page\n\n{}}}\n", "{{#title a ".repeat(50_000));
    let escaped = format!("# Page\n\n{}\n", "\\{{#title a ".repeat(50_000));
    for (name, text) in [("title-unclosed", unclosed), ("title-escaped", escaped)] {
        let site = book(name, &text);
        let started = Instant::now();
        let run = site.build(&[]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        assert!(started.elapsed() < Duration::from_secs(20), "{name}: {:?}", started.elapsed());
        let page = site.read("public/page.html");
        assert!(page.contains("<title>Page · Book</title>"), "{name}: no title directive is whole");
    }
}
