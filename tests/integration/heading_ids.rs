//! `[markdown] heading-ids` (issue "existing handbooks build unchanged", part 4): each
//! style gives the ids its tool gives, and the anchor check reads those ids, so a deep
//! link written for the tool resolves and one written for another style is reported.

use crate::util;

use util::Site;

/// Checks the `heading-ids` fixture with `style`, returning standard error.
fn check_in_style(style: &str) -> util::Run {
    let site = Site::fixture("heading-ids");
    site.write("book.toml", format!("[handbook]\ntitle = \"Heading ids\"\n[markdown]\nheading-ids = \"{style}\"\n"));
    site.run(&["check"])
}

#[test]
fn hugo_ids_come_from_the_heading_source_and_links_to_them_resolve() {
    let run = check_in_style("hugo");
    run.expect_code(1);
    assert!(!run.stderr.contains("content/replica.md:5:"), "the Hugo link resolves: {}", run.stderr);
    assert!(
        run.stderr.contains(
            "error[broken-anchor]: no heading or anchor `#run-pg_ctl-promote-on-the-replica` in `content/failover.md`\n --> content/replica.md:6:14\n"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error, 0 warnings"), "{}", run.stderr);
}

#[test]
fn github_docusaurus_and_opsbook_ids_come_from_the_heading_text() {
    for style in ["github", "docusaurus", "opsbook"] {
        let run = check_in_style(style);
        run.expect_code(1);
        assert!(
            run.stderr.contains(
                "error[broken-anchor]: no heading or anchor `#run-pg_ctl-promote-on-the-replicareplicamd` in `content/failover.md`\n --> content/replica.md:5:12\n"
            ),
            "{style}: {}",
            run.stderr
        );
        assert!(run.stderr.contains("1 error, 0 warnings"), "{style}: {}", run.stderr);
    }
}

/// A Docusaurus handbook (its `docusaurus.config.js` beside `book.toml`) gets
/// Docusaurus's ids without asking: an image's alt text is part of the id (not in
/// GitHub's), and a heading of no letter gets none (opsbook's gets `section`).
#[test]
fn a_docusaurus_handbook_gets_its_ids_unless_book_toml_names_a_style() {
    let site = Site::fixture("heading-ids");
    site.write("docusaurus.config.js", "module.exports = { title: 'Ids', url: 'https://example.org' };\n");
    site.write("content/logo.md", "# Logo\n\n## ![Alt words](https://example.org/x.png) Setup\n\n## 🚀\n");
    let ids_in = |config: &str| {
        site.write("book.toml", format!("[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n{config}"));
        site.build(&[]).expect_code(0);
        let html = site.read("public/logo/index.html");
        let body = html.split_once("class=\"content\">").map_or("", |(_, body)| body);
        let body = body.split_once("</article>").map_or(body, |(body, _)| body);
        let ids: Vec<String> = body
            .split("<h2")
            .skip(1)
            .map(|h2| h2.split_once(" id=\"").map_or("", |(_, id)| &id[..id.find('"').unwrap_or(0)]).to_string())
            .collect();
        ids
    };
    assert_eq!(ids_in(""), ["alt-words-setup", ""]);
    assert_eq!(ids_in("[markdown]\nheading-ids = \"github\"\n"), ["-setup", ""]);
    assert_eq!(ids_in("[markdown]\nheading-ids = \"opsbook\"\n"), ["alt-words-setup", "section"]);
}

#[test]
fn writes_the_ids_of_the_style_into_the_page() {
    let site = Site::fixture("heading-ids");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n[markdown]\nheading-ids = \"hugo\"\n",
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/failover/index.html");
    for id in ["run-pg_ctl-promote-on-the-replicareplicamd", "über-uns", "steps", "steps-1"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
}

#[test]
fn an_mkdocs_handbook_gets_python_markdowns_ids_unless_book_toml_names_a_style() {
    let site = Site::fixture("heading-ids");
    site.write("mkdocs.yml", "site_name: Heading ids\ndocs_dir: content\n");
    site.write("book.toml", "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/failover/index.html");
    for id in ["run-pg_ctl-promote-on-the-replica", "uber-uns", "steps", "steps_1"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    // The anchor check reads the same ids: `#steps-1` and `#über-uns` lead nowhere.
    for anchor in ["steps-1", "über-uns", "run-pg_ctl-promote-on-the-replicareplicamd"] {
        assert!(run.stderr.contains(&format!("no heading or anchor `#{anchor}`")), "{anchor}: {}", run.stderr);
    }
    assert_eq!(run.stderr.matches("warning[broken-anchor]").count(), 3, "{}", run.stderr);
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n[markdown]\nheading-ids = \"github\"\n",
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/failover/index.html");
    assert!(html.contains("id=\"über-uns\"") && html.contains("id=\"steps-1\""), "{html}");
}

#[test]
fn rejects_an_unknown_style_at_its_line() {
    let site = Site::fixture("errors/heading-ids-unknown");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[config-syntax]: book.toml: unknown variant `gitlab`, expected one of `opsbook`, `github`, `hugo`, `docusaurus`, `python-markdown`, `python-markdown-unicode`, `tech-docs`, `kramdown`, `kramdown-stripped`, `kramdown-gfm`, `none`\n --> book.toml:5:15\n"
        ),
        "{}",
        run.stderr
    );
}

/// The GOV.UK Tech Docs Template's ids (`heading-ids = "tech-docs"`): made from the
/// heading as Redcarpet writes it in HTML (`'` is `&#39;`), a repeat prefixed with its
/// parent's id; the links its manuals write to them resolve.
#[test]
fn tech_docs_ids_come_from_the_heading_html_and_its_parent() {
    let site = Site::with_files(
        "heading-ids-tech-docs",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"Manual\"\n[build]\ncontent-dir = \"source\"\n[markdown]\nheading-ids = \"tech-docs\"\n",
            ),
            ("config/tech-docs.yml", "host: https://example.org\n"),
            (
                "source/restore.html.md",
                "# Restore\n\n1. [The director's database is gone](#the-director-39-s-database-is-gone)\n\
                 2. [Its steps](#q-amp-a-steps)\n\n\
                 ## The director's database is gone\n\n### Steps\n\n## Q&A\n\n### Steps\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/restore.html");
    for id in ["the-director-39-s-database-is-gone", "steps", "q-amp-a", "q-amp-a-steps"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}: {html}");
    }
    assert!(!run.stderr.contains("broken-anchor"), "{}", run.stderr);
}

/// A Jekyll handbook gets kramdown's ids as its `_config.yml` implies: Jekyll's default
/// `input: GFM` (`--` a dash, so `step-1--check`), or `input: kramdown` with its
/// `auto_id_prefix` (ASCII from the first letter: `k-setup`); `heading-ids` in
/// `book.toml` wins.
#[test]
fn a_jekyll_handbook_gets_the_ids_kramdown_gave_it() {
    let site = Site::fixture("heading-ids");
    site.write("book.toml", "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n");
    site.write("_config.yml", "title: Heading ids\n");
    site.write("content/steps.md", "---\ntitle: Steps\n---\n\n## Step 1 -- check\n\n## 2. Setup\n");
    site.write(
        "content/links.md",
        "---\ntitle: Links\n---\n\n[gfm](steps.md#step-1--check) [gfm](steps.md#2-setup)\n\n\
         [kramdown](steps.md#k-step-1----check) [kramdown](steps.md#k-setup)\n",
    );
    let broken = |run: &util::Run| -> Vec<String> {
        let mut anchors: Vec<String> = run
            .stderr
            .split("no heading or anchor `#")
            .skip(1)
            .filter_map(|rest| rest.split_once('`').map(|(anchor, _)| anchor.to_string()))
            .collect();
        anchors.sort();
        anchors
    };
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert_eq!(
        broken(&run),
        ["k-setup", "k-step-1----check", "run-pg_ctl-promote-on-the-replicareplicamd"],
        "{}",
        run.stderr
    );
    site.write("_config.yml", "title: Heading ids\nkramdown:\n  input: kramdown\n  auto_id_prefix: k-\n");
    let run = site.run(&["check"]);
    let kramdown = broken(&run);
    assert_eq!(kramdown.len(), 6, "only the kramdown links resolve: {}", run.stderr);
    assert!(!kramdown.iter().any(|anchor| anchor == "k-setup" || anchor == "k-step-1----check"), "{}", run.stderr);
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n[markdown]\nheading-ids = \"github\"\n",
    );
    let run = site.run(&["check"]);
    let github = broken(&run);
    assert!(github.iter().any(|a| a == "step-1--check") && github.iter().any(|a| a == "k-setup"), "{}", run.stderr);
}

/// `transliterated_header_ids: true` is reported at its line: opsbook does not follow it.
#[test]
fn notes_kramdowns_transliterated_ids_at_their_line() {
    let site = Site::fixture("heading-ids");
    site.write("book.toml", "[handbook]\ntitle = \"Heading ids\"\n[check]\nlinks = \"warn\"\n");
    site.write("_config.yml", "title: Heading ids\nkramdown:\n  transliterated_header_ids: true\n");
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "note[config-field]: kramdown's `transliterated_header_ids` is not followed: heading ids are made as without it\n --> _config.yml:3:1\n"
        ),
        "{}",
        run.stderr
    );
}
