//! Snapshot tests of pages with includes, one per dialect, and of where links and
//! problems in included text are located.

use std::collections::HashMap;

use super::*;
use crate::content::include_files::MemoryFiles;

fn handbook() -> MemoryFiles {
    let files = [
        (
            "content/runbooks/snippets/check.md",
            "Check [the db runbook](../db.md) first.\n\n![diagram](../diagram.png)\n",
        ),
        (
            "content/runbooks/listing.sh",
            "#!/bin/sh\n# ANCHOR: restart\nsystemctl restart db\n# ANCHOR_END: restart\necho done\n",
        ),
        ("content/runbooks/config.yaml", "replicas: 3\n"),
        ("content/runbooks/broken.md", "A [missing](nowhere.md) link.\n"),
        ("_includes/contact.md", "Page **{{ include.team }}** on call.\n"),
        ("_includes/checks.md", "Before you start:\n\n{% include_relative snippets/check.md %}\n"),
        ("snippets/footer.md", "---\n\n*Reviewed quarterly.*\n"),
    ];
    MemoryFiles(files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect::<HashMap<_, _>>())
}

fn render_including(text: &str) -> Rendered {
    let files = handbook();
    render_markdown(&MarkdownInput {
        highlight: None,
        collect_text: false,
        internal_blocks: internal::Mode::Drop,
        includes: Some(&files),
        ..test_input(text)
    })
}

#[test]
fn renders_mdbook_includes_in_code_fences() {
    let out = render_including(
        "```sh\n{{#include listing.sh:restart}}\n```\n\n```sh\n{{#include listing.sh::1}}\n{{#include listing.sh:5}}\n```\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn renders_hugo_includes_and_readfile() {
    let out = render_including(
        "## Before\n\n{{% include \"snippets/check.md\" %}}\n\n{{< readfile file=\"config.yaml\" code=\"true\" lang=\"yaml\" >}}\n\nShown as written: {{%/* include \"x.md\" */%}}\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn renders_mkdocs_snippets() {
    let out = render_including(
        "Steps:\n\n1. Look:\n\n    --8<-- \"snippets/check.md:1\"\n\n--8<-- \"snippets/footer.md\"\n\n;--8<-- \"shown.md\"\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn renders_jekyll_includes_with_parameters() {
    let out =
        render_including("{% include contact.md team=\"Databases\" %}\n\n{% include_relative snippets/check.md %}\n");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn include_relative_in_an_included_file_is_read_from_the_page_s_folder() {
    // Jekyll's `IncludeRelativeTag#page_path`: the page being rendered, not the include
    // (`_includes/checks.md`) the tag is written in.
    let out = render_including("{% include checks.md %}\n");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out.html.contains("Before you start:") && out.html.contains("Check <a"), "{}", out.html);
}

#[test]
fn resolves_included_links_from_the_included_files_folder() {
    let out = render_including("Intro.\n\n{{#include snippets/check.md}}\n");
    assert!(out.html.contains("href=\"/handbook/runbooks/db/\""), "{}", out.html);
    assert!(out.html.contains("src=\"/handbook/runbooks/diagram.png\""), "{}", out.html);
    assert_eq!(out.assets, ["runbooks/diagram.png"]);
    let link = &out.links[0];
    assert_eq!((link.line, link.column, link.file.as_deref()), (1, 7, Some("content/runbooks/snippets/check.md")));
}

#[test]
fn locates_problems_of_included_text_in_the_included_file() {
    let out = render_including("Intro.\n\n{{#include broken.md}}\n\n{{#include gone.md}}\n");
    let found: Vec<String> = out.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "error[broken-link]: content/runbooks/broken.md:1:3: no page `content/runbooks/nowhere.md` (included from content/runbooks/page.md:7)",
            "error[include]: content/runbooks/page.md:9:1: no file `gone.md` to include (looked for `content/runbooks/gone.md`)",
        ]
    );
}
