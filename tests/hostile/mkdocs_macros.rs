//! Hostile inputs to the Jinja reading of an MkDocs site with mkdocs-macros-plugin, whose
//! expressions are read in code too: openings never closed, strings never ended and
//! escapes cut short, by the tens of thousands in a fenced block and in prose. Each page
//! is read in bounded time, the code stays code, and a literal still writes its text.

use std::time::{Duration, Instant};

use crate::util::Site;

const MKDOCS: &str = "site_name: x\ndocs_dir: content\nplugins:\n  - search\n  - macros\n";

#[test]
fn unclosed_expressions_and_strings_in_code_and_prose_are_read_in_bounded_time() {
    let mut page = String::from("# Open\n\n```\n");
    page.push_str(&"{{ '{{ \"\\x\n".repeat(20_000));
    page.push_str("```\n\nProse {{ '}}' }} then ");
    page.push_str(&"{{ {'a': [ ( '\\".repeat(20_000));
    page.push_str("\n\n## End\n\n`{{ 'kept' }}`\n");
    let site = Site::with_files(
        "mkdocs-macros-open",
        &[("mkdocs.yml", MKDOCS), ("content/index.md", "# Home\n"), ("content/open.md", &page)],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    run.expect_code(0);
    let html = site.read("public/open/index.html");
    assert!(html.contains("Prose }} then"), "a literal's `}}` ends nothing: {html}");
    assert!(html.contains("<code>kept</code>"), "the last literal still writes its text: {html}");
    assert!(html.contains("id=\"end\""), "the page renders to its end");
}
