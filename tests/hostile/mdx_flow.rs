//! Hostile inputs to MDX's flow elements: elements nested tens of thousands deep, tags
//! never closed or never ended; each page is read in bounded time, and an element left
//! open is a located warning on a page that still renders.

use std::time::{Duration, Instant};

use crate::util::Site;

const CONFIG: &str = "module.exports = { title: 'x', presets: [['classic', { docs: {} }]] };\n";

#[test]
fn a_never_closed_element_is_a_located_warning_and_the_page_renders() {
    let page =
        "# Open\n\nText.\n\n<details>\n<summary>Never closed</summary>\n```sh\na\n\nb\n```\n\n## Later\n\nThe rest.\n";
    let site = Site::with_files(
        "mdx-flow-unclosed",
        &[("docusaurus.config.js", CONFIG), ("content/_index.md", "# Home\n"), ("content/open.md", page)],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[unclosed-html]"), "{}", run.stderr);
    assert!(run.stderr.contains("content/open.md:5:1"), "the warning is at the tag: {}", run.stderr);
    let html = site.read("public/open/index.html");
    assert!(html.contains("id=\"later\">Later") && html.contains("The rest."), "the page renders: {html}");
}

#[test]
fn deep_nesting_and_unended_tags_are_read_in_bounded_time() {
    let depth = 20_000;
    let mut page = String::from("# Deep\n\n");
    for i in 0..depth {
        page.push_str(&format!("<div>\nLevel {i}\n"));
    }
    page.push_str(&"</div>\n".repeat(depth));
    // A tag whose attribute never ends, then one without `>`, at the end.
    page.push_str("<span title=\"never\n\nmore text\n<div class={{open\n");
    let site = Site::with_files(
        "mdx-flow-deep",
        &[("docusaurus.config.js", CONFIG), ("content/_index.md", "# Home\n"), ("content/deep.md", &page)],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    run.expect_code(0);
    let html = site.read("public/deep/index.html");
    assert!(html.contains("<p>Level 19999</p>"), "the innermost text is Markdown");
}

/// Text elements of a site's own components amid a line: twenty thousand nested on one
/// line, one opened in a link's text and closed after it, one across table cells. Each
/// is an inline placeholder whose spans balance; the page renders, its text all there,
/// and no placeholder is a block that splits the paragraph.
#[test]
fn text_elements_nested_deep_or_across_inline_markup_stay_inline_and_balanced() {
    let depth = 20_000;
    let page = format!(
        "# Inline\n\nx {}core{} z\n\n[a <C>x](#end) y</C> and | <D>x | y</D> |\n\n## End\n",
        "<B>".repeat(depth),
        "</B>".repeat(depth)
    );
    let site = Site::with_files(
        "mdx-text-deep",
        &[("docusaurus.config.js", CONFIG), ("content/_index.md", "# Home\n"), ("content/inline.mdx", &page)],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    let html = site.read("public/inline/index.html");
    let body = &html[html.find("<h1").expect("the title")..html.find("id=\"end\"").expect("the last heading")];
    assert!(!body.contains("unsupported-block"), "inline only");
    assert_eq!(body.matches("<span class=\"unsupported\"").count(), depth + 2);
    assert_eq!(body.matches("<span").count(), body.matches("</span>").count(), "the spans balance");
    for text in ["core</span>", "</span> z</p>", "x</a> y</span> and", "x | y</span> |</p>"] {
        assert!(body.contains(text), "{text}");
    }
}
