//! A GitBook book read by GitBook's own rules in a real build: its reusable content
//! (`{% include "../.gitbook/includes/a.md" %}`, a path relative to the page) written in
//! place with its blocks read, and its `SUMMARY.md` of page groups and entries without
//! a link, which an mdBook book refuses.

use crate::util::{Site, main_of};

const SUMMARY: &str =
    "# Table of contents\n\n* [Home](README.md)\n\n## Operations\n\n* Runbooks\n  * [Restart](ops/restart.md)\n";

/// A GitBook book in `docs/` with one reusable block, included twice levels deep.
fn gitbook(extra: &[(&str, &str)]) -> Site {
    let mut files = vec![
        ("book.toml", "[handbook]\ntitle = \"Test\"\n\n[build]\ncontent-dir = \"docs\"\n\n[check]\nlinks = \"warn\"\n"),
        ("docs/.gitbook.yaml", "root: ./\n"),
        ("docs/SUMMARY.md", SUMMARY),
        ("docs/README.md", "# Home\n\n{% include \".gitbook/includes/on-call.md\" %}\n"),
        (
            "docs/ops/restart.md",
            "# Restart\n\nBefore.\n\n{% include \"../.gitbook/includes/on-call.md\" %}\n\nAfter.\n",
        ),
        (
            "docs/.gitbook/includes/on-call.md",
            "---\ntitle: On call\n---\n\n{% hint style=\"warning\" %}\nPage the **on-call** first.\n{% endhint %}\n",
        ),
    ];
    files.extend_from_slice(extra);
    Site::with_files("gitbook-book", &files)
}

#[test]
fn reusable_content_is_written_in_place_with_its_blocks_read() {
    let site = gitbook(&[]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("nav-file"), "the summary's groups and titles are GitBook's: {}", run.stderr);
    let restart = site.read("public/ops/restart/index.html");
    let main = main_of(&restart);
    assert!(main.contains("<strong>on-call</strong>"), "the included Markdown is rendered: {main}");
    assert!(main.contains("callout"), "the included file's hint is a callout: {main}");
    assert!(!main.contains("{%") && !main.contains("title: On call"), "no tag or front matter left: {main}");
    assert!(main.find("Before.") < main.find("on-call") && main.find("on-call") < main.find("After."), "{main}");
    let home = site.read("public/index.html");
    assert!(main_of(&home).contains("<strong>on-call</strong>"), "a path from the content root reads it too");
    assert!(!site.exists("public/.gitbook/includes/on-call.md"), "reusable content is no page or asset");
}

#[test]
fn a_missing_reusable_file_and_a_cycle_are_errors_at_the_tag() {
    let site = gitbook(&[
        ("docs/gone.md", "# Gone\n\nText.\n\n  {% include \".gitbook/includes/none.md\" %}\n"),
        ("docs/.gitbook/includes/loop.md", "Loop.\n\n{% include \"loop.md\" %}\n"),
        ("docs/loop.md", "# Loop\n\n{% include \".gitbook/includes/loop.md\" %}\n"),
    ]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("docs/gone.md:5:3"), "{}", run.stderr);
    assert!(run.stderr.contains("include cycle"), "{}", run.stderr);
    assert!(run.stderr.contains("docs/.gitbook/includes/loop.md:3:1"), "{}", run.stderr);
}
