//! Handbooks whose pages are not in `content/`: an mdBook repository built with its own
//! `book.toml` and `src/`, and `[build] content-dir` naming another folder (a MkDocs-like
//! `docs/`), through build, check, the output folder's safety check and serve.

use crate::util;

use util::{Server, Site, main_of, save, sidebar_lines};

const MDBOOK_TOML: &str = "[book]
title = \"Kestrel Ops Book\"
authors = [\"Ana\", \"Bo\"]
description = \"How Kestrel runs production.\"
language = \"en\"
src = \"src\"

[build]
build-dir = \"book\"
create-missing = false

[output.html]
git-repository-url = \"https://github.com/kestrel/ops-book\"
mathjax-support = true

[preprocessor.mermaid]
command = \"mdbook-mermaid\"

[rust]
edition = \"2021\"
";

const SUMMARY: &str = "# Summary\n\n[Introduction](README.md)\n\n# Operations\n\n- [Paging people](ops/paging.md)\n- [Databases](ops/db.md)\n";

fn mdbook_repository(name: &str) -> Site {
    let site = Site::empty(name);
    site.write("book.toml", MDBOOK_TOML);
    site.write("src/SUMMARY.md", SUMMARY);
    site.write("src/README.md", "# Introduction\n\nSee [paging](ops/paging.md).\n");
    site.write("src/ops/paging.md", "# Paging\n\nPage the [database team](db.md).\n");
    site.write("src/ops/db.md", "# Database failover\n\nPromote the replica.\n");
    site
}

#[test]
fn builds_an_mdbook_repository_with_its_own_book_toml() {
    let site = mdbook_repository("mdbook-repo");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.exists("book"), "mdBook's build-dir is not opsbook's output");
    // mdBook's URLs: `ops/db.md` is at `ops/db.html`.
    let db = site.read("public/ops/db.html");
    assert!(db.contains("Kestrel Ops Book"), "the title comes from [book]");
    assert!(
        db.contains(r#"href="https://github.com/kestrel/ops-book/edit/main/src/ops/db.md""#),
        "the repository comes from [output.html] and pages are in src/: {db}"
    );
    let sidebar = ["Introduction", "# Operations", "1. Paging people", "2. Databases"];
    assert_eq!(sidebar_lines(&db), sidebar, "the sidebar is src/SUMMARY.md");
    assert!(!site.exists("public/summary/index.html"), "SUMMARY.md is not a page");
    let home = site.read("public/index.html");
    assert!(home.contains("How Kestrel runs production."), "the description comes from [book]");
    // One note for everything opsbook leaves unread, at the first of it.
    assert_eq!(run.stderr.matches("note[").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("note[config-field]: this is mdBook's book.toml"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> book.toml:3:1\n"), "at `authors`: {}", run.stderr);
    for unread in ["`[preprocessor.mermaid]`", "`[rust]`", "`[build] build-dir`", "`[output.html]`"] {
        assert!(run.stderr.contains(unread), "{unread}: {}", run.stderr);
    }
}

#[test]
fn a_title_directive_is_the_page_s_whole_document_title() {
    let site = mdbook_repository("mdbook-title");
    site.write("src/ops/db.md", "{{#title Failing over the database}}\n# Database failover\n\nPromote the replica.\n");
    site.write("src/README.md", "# Introduction\n\n{{#title Kestrel: start here}}\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let db = site.read("public/ops/db.html");
    assert!(db.contains("<title>Failing over the database</title>"), "{db}");
    assert!(!db.contains("{{#title"), "the directive leaves nothing: {db}");
    assert!(main_of(&db).contains("id=\"database-failover\">Database failover<"), "the heading stays: {db}");
    let sidebar = ["Introduction", "# Operations", "1. Paging people", "2. Databases"];
    assert_eq!(sidebar_lines(&db), sidebar, "the sidebar keeps SUMMARY.md's names");
    let paging = site.read("public/ops/paging.html");
    assert!(paging.contains("<title>Paging · Kestrel Ops Book</title>"), "without one: {paging}");
    assert!(site.read("public/index.html").contains("<title>Kestrel: start here</title>"), "the home page too");

    let plain = Site::with_files("title-plain", &[("content/a.md", "{{#title Not mdBook}}\n# A\n")]);
    plain.build(&[]);
    let a = plain.read("public/a/index.html");
    assert!(!a.contains("<title>Not mdBook"), "only an mdBook book reads it: {a}");
}

#[test]
fn diagnostics_of_an_mdbook_repository_name_src() {
    let site = mdbook_repository("mdbook-diagnostics");
    site.write("src/ops/db.md", "# Database failover\n\nSee [nothing](missing.md).\n");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[broken-link]: no page `src/ops/missing.md`\n --> src/ops/db.md:3:5\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("content/"), "{}", run.stderr);
}

#[test]
fn content_dir_builds_a_mkdocs_like_tree_and_names_its_files() {
    let site = Site::with_files(
        "content-dir-docs",
        &[
            ("docs/index.md", "# Home\n\n[Runbook](runbooks/disk.md)\n"),
            ("docs/runbooks/disk.md", "---\ntitle: Disk full\n---\nFree space. ![chart](chart.png)\n"),
            ("docs/runbooks/chart.png", "png"),
            ("docs/page.md", "# Page\n\nA [broken](nowhere.md) link.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Docs\"\n[build]\ncontent-dir = \"docs\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> docs/page.md:3:3\n"), "{}", run.stderr);
    site.write("docs/page.md", "# Page\n\nA [fixed](index.md) link.\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.read("public/runbooks/disk/index.html").contains("Free space."));
    assert_eq!(site.read("public/runbooks/chart.png"), "png");
    assert!(!run.stderr.contains("error[") && !run.stderr.contains("warning["), "{}", run.stderr);
}

#[test]
fn refuses_an_output_folder_inside_the_content_folder() {
    let site = mdbook_repository("mdbook-output-in-src");
    let run = site.build(&["--out", "src/site"]);
    run.expect_code(2);
    assert!(run.stderr.contains("it is or is inside the handbook's src/ folder"), "{}", run.stderr);
    assert!(site.exists("src/SUMMARY.md"));
}

#[test]
fn a_content_folder_outside_the_root_is_an_error_at_its_key() {
    let site = Site::with_files("content-dir-outside", &[("content/a.md", "# A\n")]);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n\n[build]\ncontent-dir = \"../x\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[config-field]: `[build] content-dir` is \"../x\": it must stay inside the handbook's root (no `..`)\n --> book.toml:5:1\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_content_folder_is_named() {
    let site = Site::with_files("content-dir-missing", &[]);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\ncontent-dir = \"pages\"\n");
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(run.stderr.contains("no pages/ folder in"), "{}", run.stderr);
}

#[test]
fn new_writes_into_the_content_folder() {
    let site = mdbook_repository("mdbook-new");
    site.write("src/templates/runbook.md", "---\ntitle: x\n---\n## Steps\n");
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(0);
    assert!(run.stdout.contains("src/runbooks/disk-full.md") || run.stderr.contains("src/runbooks/disk-full.md"));
    assert!(site.exists("src/runbooks/disk-full.md"));
    assert!(!site.exists("content"));
}

#[test]
fn serve_rebuilds_on_a_change_in_the_content_folder() {
    let site = mdbook_repository("mdbook-serve");
    let server = Server::start(&site, &[]);
    server.wait_for("the first build", |s| s.get("/ops/db.html").1.contains("Promote the replica."));
    save(&site, "src/ops/db.md", "# Database failover\n\nPromote the replica twice.\n");
    server.wait_for("the edit", |s| s.get("/ops/db.html").1.contains("Promote the replica twice."));
    save(&site, "src/ops/new.md", "# New\n\nA new page.\n");
    // As in mdBook, a file is a page once SUMMARY.md lists it.
    save(&site, "src/SUMMARY.md", &format!("{SUMMARY}- [New](ops/new.md)\n"));
    server.wait_for("the new page", |s| s.get("/ops/new.html").1.contains("A new page."));
}

#[test]
fn includes_look_in_the_content_folder_and_keep_its_internal_pages_out() {
    let site = Site::with_files(
        "content-dir-includes",
        &[
            ("docs/shared/note.md", "Reviewed every quarter.\n"),
            ("docs/runbooks/page.md", "# Page\n\n--8<-- \"shared/note.md\"\n"),
            ("docs/vault/_index.md", "---\nvisibility: internal\n---\n# Vault\n"),
            ("docs/vault/keys.md", "---\ntitle: Keys\n---\nCANARY-KEYS\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Docs\"\n[build]\ncontent-dir = \"docs\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.read("public/runbooks/page/index.html").contains("Reviewed every quarter."));
    site.write("docs/public.md", "# Public\n\n{{#include vault/keys.md}}\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("`docs/vault/keys.md` is internal"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> docs/public.md:3:1\n"), "{}", run.stderr);
}

#[test]
fn a_plain_github_repository_builds_from_docs_with_its_readmes_as_folder_pages() {
    // The set-up of the guide's "A plain GitHub repository": the pages moved into docs/.
    let site = Site::with_files(
        "plain-github",
        &[
            ("docs/README.md", "# Payments on-call\n\nStart with [setup](setup.md) and the [runbooks](runbooks/).\n"),
            ("docs/setup.md", "# Setup\n\n![chart](chart.png) Back to [the start](README.md).\n"),
            ("docs/chart.png", "png"),
            ("docs/runbooks/README.md", "# Runbooks\n\nSee [disk](disk.md) and [setup](../setup.md).\n"),
            ("docs/runbooks/disk.md", "# Disk full\n\nFree space.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Payments on-call\"\n\n[build]\ncontent-dir = \"docs\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("error[") && !run.stderr.contains("warning["), "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/setup/\"") && home.contains("href=\"/runbooks/\""), "{home}");
    let runbooks = site.read("public/runbooks/index.html");
    assert!(runbooks.contains("href=\"/runbooks/disk/\"") && runbooks.contains("href=\"/setup/\""), "{runbooks}");
    assert!(site.read("public/setup/index.html").contains("href=\"/\""));
    assert_eq!(site.read("public/chart.png"), "png");
}

#[test]
fn a_summary_mdbook_would_refuse_is_reported_at_its_lines() {
    let site = mdbook_repository("mdbook-summary-problems");
    site.write(
        "src/SUMMARY.md",
        "# Summary\n\n- [Paging people](ops/paging.md)\n- Databases\n\n[Introduction](README.md)\n\n- [Database failover](ops/db.md)\n",
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    for (message, place) in [
        ("a chapter must be a link, `- [Title](file.md)` (or `- [Title]()` for a draft)", "src/SUMMARY.md:4:3"),
        ("a suffix chapter (a link after the numbered chapters) cannot be followed by a list", "src/SUMMARY.md:8:1"),
    ] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
        assert!(run.stderr.contains(&format!("--> {place}")), "{place}: {}", run.stderr);
    }
}
