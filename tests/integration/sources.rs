//! One handbook from several repositories: `[[sources]]` mounts a folder of
//! another repository (here a nested clone, as a submodule checkout is) into the
//! content tree. Its pages take edit links, last-commit dates and CODEOWNERS from their
//! own repository; links cross between the sources; a URL two sources claim is a
//! `duplicate-url` error naming both files; a broken `[[sources]]` table is an error at
//! its place in book.toml; an internal source stays out of the public build.

use crate::util;

use util::git::{commit_all, git, head};
use util::{Server, Site, between, link_texts, main_of, save};

const BOOK: &str = r#"[handbook]
title = "Cloud Stack"
repository = "https://github.com/kestrel/handbook"

[[sources]]
path = "vendor/osism/docs"
mount = "osism"
repository = "https://github.com/osism/osism.github.io"
branch = "main"
subdir = "docs"
"#;

/// A handbook repository committed on 2026-01-02, holding (ignored by it, as a
/// submodule's files are) a clone of a second repository committed on 2025-07-08 and
/// 2025-08-09, mounted at `osism`.
fn two_repositories(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[
            ("book.toml", BOOK),
            (".gitignore", "vendor/\npublic/\n"),
            (".github/CODEOWNERS", "* @handbook-team\n"),
            ("content/_index.md", "# Home\n"),
            ("content/ops/_index.md", "# Operations\n"),
            ("content/ops/deploy.md", "# Deploy\n\nFirst [set up the testbed](../osism/guides/setup.md).\n"),
        ],
    );
    git(&site.root, &["init", "-q", "-b", "main"], "2026-01-01T00:00:00Z");
    commit_all(&site.root, "start", "2026-01-02T03:04:05Z");
    let other = site.root.join("vendor/osism");
    site.write("vendor/osism/README.md", "# The OSISM documentation\n");
    site.write("vendor/osism/.github/CODEOWNERS", "* @osism\n/docs/guides/ @osism-docs\n");
    site.write("vendor/osism/docs/index.md", "# OSISM\n\nRead the [guides](guides/setup.md).\n");
    site.write("vendor/osism/docs/guides/setup.md", "# Set up\n\nOld.\n");
    site.write(
        "vendor/osism/docs/guides/upgrade.md",
        "# Upgrade\n\nAfter [setting up](setup.md), see [deploying](../../ops/deploy.md) and [home](../index.md).\n",
    );
    git(&other, &["init", "-q", "-b", "main"], "2025-07-01T00:00:00Z");
    commit_all(&other, "start", "2025-07-08T09:10:11Z");
    site.write("vendor/osism/docs/guides/setup.md", "# Set up\n\nNew.\n");
    commit_all(&other, "change setup", "2025-08-09T10:11:12Z");
    site
}

#[test]
fn mounted_pages_link_date_and_own_by_their_own_repository() {
    let site = two_repositories("sources-two");
    let other_head = head(&site.root.join("vendor/osism"));
    site.write("content/osism/local.md", "# Our notes on OSISM\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("error"), "{}", run.stderr);

    let setup = site.read("public/osism/guides/setup/index.html");
    assert!(
        setup.contains(r#"href="https://github.com/osism/osism.github.io/edit/main/docs/guides/setup.md""#),
        "edit link into the mounted repository: {setup}"
    );
    assert!(setup.contains(r#"href="https://github.com/osism/osism.github.io/commits/main/docs/guides/setup.md""#));
    assert!(setup.contains(r#"<time datetime="2025-08-09T10:11:12Z">2025-08-09</time>"#), "its own last commit");
    assert!(setup.contains(&format!("https://github.com/osism/osism.github.io/commit/{other_head}")));
    assert!(setup.contains(">@osism-docs</a>"), "`/docs/guides/` of its CODEOWNERS, through the mount");
    assert!(!setup.contains("@handbook-team"), "the handbook's CODEOWNERS does not apply");

    let upgrade = site.read("public/osism/guides/upgrade/index.html");
    assert!(upgrade.contains(r#"<time datetime="2025-07-08T09:10:11Z">2025-07-08</time>"#), "{upgrade}");
    let home = site.read("public/osism/index.html");
    assert!(home.contains(">@osism</a>"), "`*` of the mounted CODEOWNERS");
    assert!(home.contains(r#"href="https://github.com/osism/osism.github.io/edit/main/docs/index.md""#));

    let local = site.read("public/osism/local/index.html");
    assert!(
        local.contains(r#"href="https://github.com/kestrel/handbook/edit/main/content/osism/local.md""#),
        "a file of content/ under the mount stays the handbook's: {local}"
    );
    assert!(local.contains(">@handbook-team</a>"));

    let deploy = site.read("public/ops/deploy/index.html");
    assert!(deploy.contains(r#"href="https://github.com/kestrel/handbook/edit/main/content/ops/deploy.md""#));
    assert!(deploy.contains(r#"<time datetime="2026-01-02T03:04:05Z">2026-01-02</time>"#), "{deploy}");
    assert!(deploy.contains(">@handbook-team</a>"));
}

#[test]
fn links_resolve_across_sources() {
    let site = two_repositories("sources-links");
    site.build(&[]).expect_code(0);
    let deploy = main_of(&site.read("public/ops/deploy/index.html")).to_string();
    assert!(deploy.contains(r#"<a href="/osism/guides/setup/">set up the testbed</a>"#), "{deploy}");
    let upgrade = site.read("public/osism/guides/upgrade/index.html");
    let body = between(&upgrade, "<p>After", "</p>");
    assert!(body.contains(r#"<a href="/osism/guides/setup/">setting up</a>"#), "{body}");
    assert!(body.contains(r#"<a href="/osism/">home</a>"#), "{body}");
    assert!(body.contains(r#"<a href="/ops/deploy/">deploying</a>"#), "into the main content: {body}");
    let index = main_of(&site.read("public/osism/index.html")).to_string();
    assert!(index.contains(r#"<a href="/osism/guides/setup/">guides</a>"#), "{index}");
}

#[test]
fn check_names_a_mounted_file_by_its_own_path() {
    let site = two_repositories("sources-check");
    site.write("vendor/osism/docs/guides/broken.md", "# Broken\n\nSee [nothing](missing.md).\n");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(run.stderr.contains(" --> vendor/osism/docs/guides/broken.md:3:5\n"), "{}", run.stderr);
    assert!(run.stderr.contains("no page `vendor/osism/docs/guides/missing.md`"), "{}", run.stderr);
}

#[test]
fn a_url_two_sources_claim_is_a_duplicate_naming_both_files() {
    let site = two_repositories("sources-duplicate");
    site.write("content/osism/guides/setup.md", "# Our own setup\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[duplicate-url]"), "{}", run.stderr);
    let line = run.stderr.lines().find(|l| l.contains("error[duplicate-url]")).unwrap_or_default();
    assert!(line.contains("`content/osism/guides/setup.md`"), "{line}");
    assert!(line.contains("`vendor/osism/docs/guides/setup.md`"), "{line}");
    assert!(line.contains("are both the file `osism/guides/setup.md` of the content tree"), "{line}");
    assert!(!site.exists("public/osism"), "a build with errors writes nothing");

    // Another file name, the same URL: the rule that finds two files of one URL.
    let site = two_repositories("sources-duplicate-url");
    site.write(
        "content/osism/guides/setup/index.md",
        "# Our own setup
",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let line = run.stderr.lines().find(|l| l.contains("error[duplicate-url]")).unwrap_or_default();
    assert!(line.contains("`content/osism/guides/setup/index.md`"), "{}", run.stderr);
    assert!(line.contains("`vendor/osism/docs/guides/setup.md`"), "{line}");
    assert!(line.contains("both map to the URL /osism/guides/setup/"), "{line}");
}

#[test]
fn an_internal_source_stays_out_of_the_public_build() {
    let site = two_repositories("sources-internal");
    site.write("book.toml", format!("{BOOK}visibility = \"internal\"\n"));
    site.write("content/ops/deploy.md", "# Deploy\n\nNothing mounted here.\n");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/osism"), "{:?}", site.files_under("public"));
    let search = site.files_under("public").into_iter().filter(|f| f.starts_with("search")).collect::<Vec<_>>();
    for file in search {
        assert!(!site.read(&format!("public/{file}")).contains("osism"), "{file}");
    }
    site.build(&["--audience", "internal"]).expect_code(0);
    assert!(site.exists("public/osism/guides/setup/index.html"));

    // A public job need not check an internal source out; an internal one must.
    std::fs::remove_dir_all(site.root.join("vendor")).expect("remove the checkout");
    site.build(&[]).expect_code(0);
    let run = site.build(&["--audience", "internal"]);
    run.expect_code(1);
    assert!(run.stderr.contains("the folder `vendor/osism/docs` of the source mounted at `osism` does not exist"));
}

#[test]
fn a_link_to_an_internal_source_from_a_public_page_is_an_error() {
    let site = two_repositories("sources-internal-link");
    site.write("book.toml", format!("{BOOK}visibility = \"internal\"\n"));
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`vendor/osism/docs/guides/setup.md` is internal, left out of the public build"),
        "{}",
        run.stderr
    );
}

/// Each broken `[[sources]]` table, and where book.toml's error points.
#[test]
fn config_errors_name_their_place_in_book_toml() {
    let head = "[handbook]\ntitle = \"T\"\n\n";
    let cases: [(&str, &str, &str); 6] = [
        ("[[sources]]\nmount = \"x\"\n", " --> book.toml:4:1\n", "has no `path`"),
        ("[[sources]]\npath = \"vendor/x\"\nmount = \"/x\"\n", " --> book.toml:6:9\n", "not absolute"),
        ("[[sources]]\npath = \"vendor/x\"\nmount = \"a/../../x\"\n", " --> book.toml:6:9\n", "contain `..`"),
        (
            "[[sources]]\npath = \"vendor/x\"\nmount = \"x\"\n[[sources]]\npath = \"vendor/y\"\nmount = \"x/y\"\n",
            " --> book.toml:9:9\n",
            "collides with the mount \"x\" of `vendor/x`",
        ),
        (
            "[[sources]]\npath = \"vendor/x\"\nmount = \"x\"\nbrnach = \"main\"\n",
            " --> book.toml:7:1\n",
            "unknown key `brnach`",
        ),
        ("[[sources]]\npath = \"vendor/none\"\nmount = \"x\"\n", " --> book.toml:4:1\n", "does not exist"),
    ];
    for (i, (table, place, message)) in cases.iter().enumerate() {
        let site = Site::with_files(&format!("sources-config-{i}"), &[("content/a.md", "# A\n")]);
        site.write("vendor/x/a.md", "# X\n");
        site.write("vendor/y/a.md", "# Y\n");
        site.write("book.toml", format!("{head}{table}"));
        let run = site.run(&["check"]);
        assert_ne!(run.code, 0, "{table}");
        assert!(run.stderr.contains(message), "{table}: {}", run.stderr);
        assert!(run.stderr.contains(place), "{table}: {}", run.stderr);
    }
}

#[test]
fn serve_rebuilds_on_a_save_inside_a_mounted_folder() {
    let site = two_repositories("sources-serve");
    let server = Server::start(&site, &[]);
    assert!(server.get("/osism/guides/setup/").1.contains("New."));
    // An edit of a mounted page (a fast rebuild of that page).
    save(&site, "vendor/osism/docs/guides/setup.md", "# Set up\n\nNewer.\n");
    server.wait_for("the edit", |s| s.get("/osism/guides/setup/").1.contains("Newer."));
    // A new page in the mounted folder (a whole build).
    save(&site, "vendor/osism/docs/guides/scale.md", "# Scale out\n\nAdd nodes.\n");
    server.wait_for("the new page", |s| s.get("/osism/guides/scale/").1.contains("Add nodes."));
}

#[test]
fn mounts_combine_with_number_prefixes_section_pages_and_navigation_files() {
    let site = Site::with_files(
        "sources-nav",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"T\"\n[content]\nnumber-prefixes = \"strip\"\n[[sources]]\npath = \"vendor/x/docs\"\nmount = \"projects/x\"\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/projects/_index.md", "# Projects\n"),
            (
                "content/SUMMARY.md",
                "# Summary\n\n- [Projects](projects/_index.md)\n  - [X](projects/x/_index.md)\n    - [Second](projects/x/02-second.md)\n    - [First](projects/x/01-first.md)\n",
            ),
            ("vendor/x/docs/_index.md", "# Project X\n"),
            ("vendor/x/docs/01-first.md", "# First\n"),
            ("vendor/x/docs/02-second.md", "# Second\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/projects/x/first/index.html"), "{:?}", site.files_under("public"));
    let section = site.read("public/projects/x/index.html");
    assert!(main_of(&section).contains("Project X"), "the source's _index.md is the mount's section page");
    let nav = between(&section, "<nav id=\"site-nav\"", "</nav>");
    let texts = link_texts(nav);
    let second = texts.iter().position(|t| t == "Second");
    let first = texts.iter().position(|t| t == "First");
    assert!(second.is_some() && second < first, "SUMMARY.md orders mounted pages: {texts:?}");
}

#[test]
fn an_output_folder_that_holds_a_mounted_folder_is_refused() {
    let site = two_repositories("sources-output");
    let run = site.run(&["build", "--out", "vendor"]);
    run.expect_code(2);
    assert!(run.stderr.contains("it holds the handbook's vendor/osism/docs/ folder"), "{}", run.stderr);
    assert!(site.exists("vendor/osism/docs/guides/setup.md"), "the source is still there");
}

/// A source that is a real submodule (its `.git` a file pointing into the handbook's
/// `.git/modules/`): its dates still come from its own history.
#[test]
fn a_submodule_has_its_dates_from_its_own_history() {
    let upstream = Site::with_files("sources-upstream", &[("docs/guides/setup.md", "# Set up\n")]);
    git(&upstream.root, &["init", "-q", "-b", "main"], "2025-03-01T00:00:00Z");
    commit_all(&upstream.root, "start", "2025-03-04T05:06:07Z");
    let site = Site::with_files(
        "sources-submodule",
        &[
            ("book.toml", BOOK.replace("vendor/osism/docs", "vendor/osism-docs/docs").as_str()),
            ("content/_index.md", "# Home\n"),
        ],
    );
    git(&site.root, &["init", "-q", "-b", "main"], "2026-01-01T00:00:00Z");
    let url = format!("file://{}", upstream.root.display());
    git(
        &site.root,
        &["-c", "protocol.file.allow=always", "submodule", "add", "-q", &url, "vendor/osism-docs"],
        "2026-01-02T00:00:00Z",
    );
    commit_all(&site.root, "start", "2026-01-02T03:04:05Z");
    site.build(&[]).expect_code(0);
    let setup = site.read("public/osism/guides/setup/index.html");
    assert!(setup.contains(r#"<time datetime="2025-03-04T05:06:07Z">2025-03-04</time>"#), "{setup}");
    assert!(setup.contains(r#"href="https://github.com/osism/osism.github.io/edit/main/docs/guides/setup.md""#));
}

/// A source that is a plain folder of the handbook's repository, without a repository
/// of its own: its links and dates are the handbook's.
#[test]
fn a_plain_folder_of_the_handbook_repository_keeps_its_links_and_history() {
    let site = Site::with_files(
        "sources-plain",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"T\"\nrepository = \"https://gitlab.com/kestrel/handbook\"\n[[sources]]\npath = \"teams/db/docs\"\nmount = \"db\"\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("teams/db/docs/failover.md", "# Failover\n"),
            ("CODEOWNERS", "/teams/db/ @dba\n"),
        ],
    );
    git(&site.root, &["init", "-q", "-b", "main"], "2026-01-01T00:00:00Z");
    commit_all(&site.root, "start", "2026-02-03T04:05:06Z");
    site.build(&[]).expect_code(0);
    let page = site.read("public/db/failover/index.html");
    assert!(
        page.contains(r#"href="https://gitlab.com/kestrel/handbook/-/edit/main/teams/db/docs/failover.md""#),
        "{page}"
    );
    assert!(page.contains(r#"<time datetime="2026-02-03T04:05:06Z">2026-02-03</time>"#), "{page}");
    assert!(page.contains(">@dba</a>"), "the handbook's CODEOWNERS, by the file's own path");
}

#[cfg(unix)]
#[test]
fn a_mounted_folder_that_leads_out_of_the_handbook_is_not_read() {
    let outside = Site::with_files("sources-outside", &[("docs/secret.md", "# Secret\n")]);
    let site = Site::with_files("sources-link", &[("content/a.md", "# A\n")]);
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"vendor/x\"\nmount = \"x\"\n");
    std::fs::create_dir_all(site.root.join("vendor")).expect("vendor/");
    std::os::unix::fs::symlink(outside.root.join("docs"), site.root.join("vendor/x")).expect("link");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[symlink-outside-root]"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> vendor/x\n"), "{}", run.stderr);
    assert!(!site.exists("public/x/secret/index.html"));
}

#[test]
fn a_mounted_file_names_a_file_by_its_path_in_the_repository() {
    // Docusaurus's MDX loader reads a relative image path from the file's folder on disk
    // (facebook/docusaurus 072ecfa6e87f5670aae4c1b029f39df69fad5da9,
    // packages/docusaurus-mdx-loader/src/remark/transformImage/index.ts,
    // `getLocalImageAbsolutePath`), as GitHub does; opsbook reads it so from a mounted file
    // when the content tree has nothing at the path.
    let site = Site::with_files(
        "sources-assets",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/images/a.png", "PNG-A"),
            ("blog/post/index.md", "# Post\n\n![A](../../content/images/a.png)\n"),
            ("vendor/x/docs/page.md", "# Page\n\n[the diagram](../../../content/images/a.png#top)\n"),
        ],
    );
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"blog\"\nmount = \"blog\"\n\
         [[sources]]\npath = \"vendor/x/docs\"\nmount = \"x\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning") && !run.stderr.contains("error"), "{}", run.stderr);
    let post = main_of(&site.read("public/blog/post/index.html")).to_string();
    assert!(post.contains(r#"src="/images/a.png""#), "{post}");
    let page = main_of(&site.read("public/x/page/index.html")).to_string();
    assert!(page.contains(r#"<a href="/images/a.png#top">the diagram</a>"#), "{page}");
    assert_eq!(site.read("public/images/a.png"), "PNG-A");
    site.run(&["check"]).expect_code(0);
}
