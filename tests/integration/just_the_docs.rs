//! A Jekyll site of the Just the Docs theme: the sidebar is the tree its pages'
//! `parent` titles make, ordered by `nav_order` and `title`, with the theme's external
//! links and collections; another Jekyll site keeps its folders' sidebar.

use crate::util::{self, Site};

const CONFIG: &str = "title: Ops\npermalink: pretty\ntheme: just-the-docs\nnav_sort: case_insensitive\n\
collections:\n  runbooks:\n    output: true\n\
just_the_docs:\n  collections:\n    runbooks:\n      name: Run books\n\
nav_external_links:\n  - title: Status\n    url: https://status.example.org/\n";

fn site(name: &str, config: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("_config.yml", config),
            ("content/index.md", "---\ntitle: Home\nnav_order: 1\n---\n# Home\n"),
            ("content/about.md", "---\ntitle: about us\n---\n# About\n"),
            ("content/guide/setup.md", "---\ntitle: Setup\nparent: Guide\nnav_order: 2\n---\n# Setup\n"),
            ("content/guide/index.md", "---\ntitle: Guide\nnav_order: 2\n---\n# Guide\n"),
            ("content/guide/intro.md", "---\ntitle: Intro\nparent: Guide\nnav_order: 1\n---\n# Intro\n"),
            ("content/guide/deep.md", "---\ntitle: Deep\nparent: Setup\ngrand_parent: Guide\n---\n# Deep\n"),
            ("content/hidden.md", "---\ntitle: Hidden\nnav_exclude: true\n---\n# Hidden\n"),
            ("content/_runbooks/db.md", "---\ntitle: Database\n---\n# Database\n"),
            ("content/_runbooks/failover.md", "---\ntitle: Failover\nparent: Database\n---\n# Failover\n"),
        ],
    )
}

#[test]
fn the_sidebar_is_the_tree_of_the_pages_parents() {
    let site = site("just-the-docs-nav", CONFIG);
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = util::nav_outline(&site.read("public/guide/deep/index.html"));
    let expected = ["Home", "Guide", "  Intro", "  Setup", "    Deep", "about us", "Status", "Run books"];
    assert_eq!(nav, expected, "{}", run.stderr);
    let nav = util::nav_outline(&site.read("public/runbooks/failover/index.html"));
    assert_eq!(
        nav[nav.len().saturating_sub(3)..],
        ["Run books", "  Database", "    Failover"],
        "{nav:?} {}",
        run.stderr
    );
    assert!(site.exists("public/hidden/index.html"), "a page out of the navigation is still built");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// A parent that names no page is a warning at its key; the build goes on.
#[test]
fn a_parent_that_names_no_page_is_a_warning() {
    let site = site("just-the-docs-orphan", CONFIG);
    site.write("content/orphan.md", "---\ntitle: Orphan\nparent: Nobody\n---\n# Orphan\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("content/orphan.md:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("`parent: Nobody` names no page"), "{}", run.stderr);
}

/// Without the theme, the folders make the sidebar.
#[test]
fn another_theme_keeps_the_folders_sidebar() {
    let site = site(
        "just-the-docs-minima",
        "title: Ops\npermalink: pretty\ntheme: minima\ncollections:\n  runbooks:\n    output: true\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = util::nav_outline(&site.read("public/guide/deep/index.html"));
    assert_eq!(nav, ["Guide", "  Intro", "  Setup", "  Deep", "about us", "Runbooks"], "{}", run.stderr);
    // The collection's folder is its documents' folder, `/runbooks/`; Jekyll publishes
    // nothing at `/_runbooks/`.
    assert!(site.exists("public/runbooks/index.html") && !site.exists("public/_runbooks"), "{}", run.stderr);
}

/// A published collection `just_the_docs.collections` does not name is a section of
/// its own, with a note; a post in a nested `_posts` folder is not in the sidebar.
#[test]
fn a_collection_the_settings_leave_out_stays_a_section() {
    let config = CONFIG.replace("    output: true\n", "    output: true\n  reviews:\n    output: true\n");
    let site = site("just-the-docs-unnamed", &config);
    site.write("content/_reviews/outage.md", "---\ntitle: Outage\n---\n# Outage\n");
    site.write("content/blog/_posts/2024-01-01-post.md", "---\ntitle: Post\n---\n# Post\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = util::nav_outline(&site.read("public/reviews/outage/index.html"));
    let expected = ["Home", "Guide", "about us", "Status", "Run books", "Reviews", "  Outage"];
    assert_eq!(nav, expected, "{}", run.stderr);
    assert!(run.stderr.contains("(reviews) are left out of the theme's sidebar"), "{}", run.stderr);
    assert!(run.stderr.contains("_config.yml:3:1"), "at the `theme` key: {}", run.stderr);
}

/// `_config.yml`'s `defaults:` give pages their `permalink`, `parent` and `nav_order`
/// under their own front matter: a scope with a type wins over one without.
#[test]
fn front_matter_defaults_reach_the_urls_and_the_sidebar() {
    let defaults = concat!(
        "defaults:\n  - scope: {path: ops}\n    values: {parent: Nobody, nav_order: 9}\n",
        "  - scope: {path: /ops, type: pages}\n    values: {permalink: /:basename/, parent: Guide, nav_order: 5}\n",
    );
    let site = site("just-the-docs-defaults", &format!("{CONFIG}{defaults}"));
    site.write("content/ops/a.md", "---\ntitle: A\n---\n# A\n");
    site.write("content/ops/b.md", "---\ntitle: B\nnav_order: 3\npermalink: /kept/b/\n---\n# B\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/a/index.html"), "{}", run.stderr);
    assert!(site.exists("public/kept/b/index.html"), "{}", run.stderr);
    assert!(!site.exists("public/ops/a/index.html"));
    let nav = util::nav_outline(&site.read("public/a/index.html"));
    let expected = ["Home", "Guide", "  Intro", "  Setup", "  B", "  A", "about us", "Status", "Run books"];
    assert_eq!(nav, expected, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}
