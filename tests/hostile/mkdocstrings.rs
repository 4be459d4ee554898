//! Hostile inputs to mkdocstrings' autodoc lines on an MkDocs site with the plugin: an
//! identifier that would close the placeholder's attribute and open a script, one of a
//! megabyte, and tens of thousands of autodoc lines each with options. The identifier
//! is escaped wherever it is written, the warnings are bounded, and the page is read in
//! bounded time to its end.

use std::time::{Duration, Instant};

use crate::util::Site;

const MKDOCS: &str = "site_name: x\ndocs_dir: content\nplugins:\n  - mkdocstrings\n";

#[test]
fn autodoc_identifiers_are_escaped_and_many_blocks_read_in_bounded_time() {
    let mut page = String::from("# Objects\n\n::: x\"><script>alert(1)</script>\n\n");
    page.push_str(&format!("::: {}\n\n", "a.".repeat(500_000)));
    page.push_str(&"::: m.Object\n    options:\n      show_root_heading: true\n\n".repeat(20_000));
    page.push_str("## End\n");
    let site = Site::with_files(
        "mkdocstrings-hostile",
        &[("mkdocs.yml", MKDOCS), ("content/index.md", "# Home\n"), ("content/objects.md", &page)],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    let html = site.read("public/objects/index.html");
    assert!(!html.contains("<script>alert(1)"), "the identifier is escaped: {}", &html[..html.len().min(4000)]);
    assert!(
        html.contains("id=\"x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""),
        "{}",
        &html[..html.len().min(4000)]
    );
    assert!(!html.contains("show_root_heading"), "the options are never shown");
    assert!(run.stderr.len() < 1 << 20, "the warnings are bounded: {} bytes", run.stderr.len());
    assert!(
        html.contains("id=\"end\"") || run.stderr.contains("budget"),
        "the page renders to its end or says why not"
    );
}
