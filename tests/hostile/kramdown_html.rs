//! Hostile inputs: kramdown's HTML blocks, which run to their matching end tag on a
//! Jekyll site's pages. Deep nesting, thousands of tags never closed and a block of a
//! mebibyte are read in one pass within the time limit, with no panic: an element never
//! closed runs to the end of its page with a warning at its line, and the previous
//! output of a failed build is kept.

#![cfg(unix)]

use std::time::Instant;

use crate::reads::run_bounded;
use crate::util::{Site, panicked};

/// A Jekyll site holding `pages` under `content/` (each opens with front matter, which
/// makes a page of it in Jekyll).
fn jekyll(name: &str, pages: &[(&str, &str)]) -> Site {
    let mut files = vec![("content/index.md", "---\n---\n# Home\n")];
    files.extend_from_slice(pages);
    let site = Site::with_files(name, &files);
    site.write("_config.yml", "title: Test\n");
    site
}

#[test]
fn deep_unclosed_and_huge_html_blocks_build_in_one_pass_with_located_warnings() {
    let deep =
        format!("---\n---\n# Deep\n\n{}x\n\n{}", "<div markdown=\"1\">\n\n".repeat(5_000), "</div>\n\n".repeat(5_000));
    let unclosed = format!("---\n---\n# Open\n\n{}", "<section>\n\n".repeat(10_000));
    let huge = format!("---\n---\n# Huge\n\n<div>\n{}</div>\n\nAfter.\n", "<p>row</p>\n\n".repeat(90_000));
    let site = jekyll(
        "kramdown-html-hostile",
        &[("content/deep.md", &deep), ("content/unclosed.md", &unclosed), ("content/huge.md", &huge)],
    );
    let started = Instant::now();
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
    // One warning for the outermost element never closed, at its line.
    assert!(run.stderr.contains("content/unclosed.md:5:1"), "{}", run.stderr);
    assert!(run.stderr.contains("`<section>` has no end tag"), "{}", run.stderr);
    let html = site.read("public/huge.html");
    assert!(html.contains("<p>After.</p>"), "the text after the block is Markdown again");
    assert!(!html.contains("&lt;p&gt;row"), "no row is shown as code");
    let html = site.read("public/unclosed.html");
    assert!(!html.contains("&lt;section"), "the tags are HTML, not text");
}

#[test]
fn a_failed_build_keeps_the_previous_output() {
    let site = jekyll("kramdown-html-previous", &[("content/page.md", "---\n---\n<div>\n\nA\n</div>\n")]);
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = site.read("public/page.html");
    site.write("content/page.md", "---\ntitle: [unclosed\n---\n<div>\n\nB\n");
    let run = site.build(&[]);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/page.html"), before);
}
