//! Links to the repository's own files outside the content folder (a handbook moved out
//! of a plain GitHub repository into `content/`): with `[handbook] repository` they
//! lead to the repository's web view, as GitHub's view of the Markdown had them; without
//! it they stay broken links that say what would link them.

use crate::old_tool_links::{handbook, hrefs};

const PAGE: &str = "# Guide\n\n[licence](/LICENSE) [template](/.github/PULL_REQUEST_TEMPLATE.md)\n\
    [readme](../../README.md) [generator](../../generator/) [line](/LICENSE#L3)\n";

/// A repository whose handbook is in `content/`, its own files at the root.
const FILES: &[(&str, &str)] = &[
    ("content/_index.md", "# Home\n"),
    ("content/guide/setup.md", PAGE),
    ("LICENSE", "licence"),
    ("README.md", "# The repository\n"),
    (".github/PULL_REQUEST_TEMPLATE.md", "template"),
    ("generator/main.go", "package main\n"),
];

#[test]
fn repository_files_link_to_the_web_view() {
    let site = handbook("repository-files", "repository = \"https://github.com/kestrel/handbook\"\n", FILES);
    site.build(&[]).expect_code(0);
    let blob = "https://github.com/kestrel/handbook/blob/main";
    assert_eq!(
        hrefs(&site, "public/guide/setup/index.html"),
        [
            format!("{blob}/LICENSE"),
            format!("{blob}/.github/PULL_REQUEST_TEMPLATE.md"),
            format!("{blob}/README.md"),
            "https://github.com/kestrel/handbook/tree/main/generator".to_string(),
            format!("{blob}/LICENSE#L3"),
        ]
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(!run.stderr.contains("missing-asset"), "{}", run.stderr);
}

#[test]
fn without_a_repository_the_link_says_what_would_link_it() {
    let site = handbook("repository-files-hint", "", FILES);
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "`LICENSE` is a file of the repository outside the content folder; `[handbook] repository` \
             in book.toml would link it to the repository's web view\n --> content/guide/setup.md:3:1"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`generator` is a folder of the repository"), "{}", run.stderr);
}
