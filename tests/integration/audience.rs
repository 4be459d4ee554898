//! Audiences: one source, a public and an internal build. The public build must not
//! carry a byte of anything internal: the fixture marks every internal page, section,
//! file, block, title, slug, tag and owner with "canary" (or the section name "vault"),
//! and no output file of the public build may contain either word.

use crate::util;

use util::Site;

const TODAY: &str = "2026-11-15";

/// Every output file under `dir` whose bytes (or path) contain one of `words`, ignoring
/// case, with the word found.
fn files_containing(site: &Site, dir: &str, words: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in site.files_under(dir) {
        let bytes = site.read_bytes(&format!("{dir}/{file}"));
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        for word in words {
            if text.contains(word) || file.to_lowercase().contains(word) {
                found.push(format!("{file}: {word}"));
            }
        }
    }
    found
}

#[test]
fn the_public_build_contains_nothing_internal() {
    let site = Site::fixture("audience");
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(0);
    assert!(run.stderr.contains("(public build: 7 internal pages left out)"), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[front-matter-field]: `visibility: public` has no effect here: the page is in an internal section\n --> content/vault/public-attempt.md:3:1"),
        "{}",
        run.stderr
    );
    let leaks = files_containing(&site, "public", &["canary", "vault"]);
    assert!(leaks.is_empty(), "the public build leaks:\n{}", leaks.join("\n"));
    // What is public is all there: the page around the internal blocks, its headings,
    // the public RCA's action item rolled up, the tags and owners of public pages.
    let restart = site.read("public/runbooks/public-restart/index.html");
    assert!(restart.contains("Restart the web tier one zone at a time.") && restart.contains("id=\"steps\""));
    assert!(restart.contains("Check the dashboard first."));
    assert!(site.read("public/rca/index.html").contains("Add a second zone"));
    assert!(site.exists("public/tags/restart/index.html") && site.read("public/owners/index.html").contains("@sre"));
    // Nothing else under the names of internal things.
    for gone in ["tags/canary-tag", "old/canary-alias", "vault", "canary-folder", "runbooks/canary-failover"] {
        assert!(!site.exists(&format!("public/{gone}")), "{gone} was written");
    }
}

#[test]
fn the_internal_build_has_everything_and_marks_what_is_internal() {
    let site = Site::fixture("audience");
    let run = site.run_on(TODAY, &["build", "--audience", "internal", "--out", "internal"]);
    run.expect_code(0);
    assert!(run.stderr.contains("(internal build)"), "{}", run.stderr);
    for page in [
        "runbooks/canary-failover",
        "vault",
        "vault/keys",
        "vault/public-attempt",
        "vault/nested/deep",
        "canary-folder/only-page",
        "rca/2026-canary-outage",
    ] {
        let html = site.read(&format!("internal/{page}/index.html"));
        assert!(html.contains("class=\"banner banner-internal\""), "{page} is not marked internal");
    }
    assert!(site.exists("internal/vault/canary-diagram.svg") && site.exists("internal/old/canary-alias/index.html"));
    let restart = site.read("internal/runbooks/public-restart/index.html");
    assert!(!restart.contains("banner-internal"), "a public page is not marked");
    assert!(restart.contains("<div class=\"internal-block\">") && restart.contains("CANARY-BLOCK-COMMENT"));
    assert!(restart.contains("callout-internal") && restart.contains("CANARY-BLOCK-ALERT"));
    assert!(restart.contains("id=\"canary-vault-steps\""), "the internal heading is in the page");
    // Navigation, catalogs and roll-ups show internal pages, marked.
    let home = site.read("internal/index.html");
    assert!(
        home.contains("audience-badge") && home.contains(">Canary vault section</a><span class=\"internal-badge\">")
    );
    assert!(site.read("internal/rca/index.html").contains("CANARY-ACTION rotate everything"));
    assert!(site.read("internal/owners/index.html").contains("@canary-owner"));
    // The search index has the internal words.
    let leaks = files_containing(&site, "internal/search", &["canary"]);
    assert!(!leaks.is_empty());
}

#[test]
fn book_toml_sets_the_audience_and_the_command_line_wins() {
    let site = Site::fixture("audience");
    let book = site.read("book.toml");
    site.write("book.toml", format!("{book}\n[build]\naudience = \"internal\"\n"));
    site.run_on(TODAY, &["build"]).expect_code(0);
    assert!(site.exists("public/vault/index.html"));
    let run = site.run_on(TODAY, &["build", "--audience", "public", "--out", "public-only"]);
    run.expect_code(0);
    assert!(!site.exists("public-only/vault"));
    site.write("book.toml", format!("{book}\n[build]\naudience = \"everyone\"\n"));
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("book.toml:6:"), "{}", run.stderr);
}

#[test]
fn a_public_page_linking_to_an_internal_one_is_an_error_of_the_public_build_only() {
    let site = Site::with_files(
        "link-to-internal",
        &[
            (
                "content/_index.md",
                "# Home\n\nSee [the secret](secret.md), [the vault](vault/),\n![map](vault/map.png) and [by URL](/secret/).\n",
            ),
            ("content/secret.md", "---\nvisibility: internal\n---\n# Secret\n"),
            ("content/vault/_index.md", "---\nvisibility: internal\n---\n# Vault\n"),
            ("content/vault/map.png", "not really a png"),
        ],
    );
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(1);
    for location in
        ["content/_index.md:3:5", "content/_index.md:3:30", "content/_index.md:4:1", "content/_index.md:4:27"]
    {
        assert!(run.stderr.contains(&format!(" --> {location}\n")), "no error at {location}:\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("error[link-to-internal]").count(), 4, "{}", run.stderr);
    assert!(run.stderr.contains("`content/secret.md` is internal, left out of the public build"), "{}", run.stderr);
    // The same in `opsbook check`, as JSON for CI.
    let run = site.run_on(TODAY, &["check", "--format", "json"]);
    run.expect_code(1);
    assert_eq!(run.stdout.matches("\"rule\": \"link-to-internal\"").count(), 4, "{}", run.stdout);
    // The internal build has the targets: no error.
    site.run_on(TODAY, &["build", "--audience", "internal"]).expect_code(0);
    site.run_on(TODAY, &["check", "--audience", "internal"]).expect_code(0);
}

#[test]
fn a_visibility_that_is_neither_public_nor_internal_is_an_error() {
    let site = Site::with_files("bad-visibility", &[("content/a.md", "---\ntitle: A\nvisibility: secret\n---\nA.\n")]);
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[front-matter-field]: front matter field `visibility` is `public` or `internal`, not `secret`\n --> content/a.md:3:1\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn misplaced_internal_markers_fail_the_build_at_their_line() {
    let site = Site::with_files(
        "internal-markers",
        &[("content/a.md", "---\ntitle: A\n---\n\nIntro.\n\n<!-- internal -->\n\nSecret, never closed.\n")],
    );
    let run = site.run_on(TODAY, &["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[internal-block]: this internal block is never closed with `<!-- /internal -->`\n --> content/a.md:7:1\n"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));
}
