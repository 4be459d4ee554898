//! "Vocabularies": a runbook's and an incident review's `severity` and a
//! review's `status` accept the common scales, show as written, and sort and colour by
//! the level each word maps to; a `[kinds.NAME] values` list still restricts them.

use crate::util;

use util::{Site, main_of};

fn handbook(name: &str) -> Site {
    let runbook =
        |title: &str, severity: &str| format!("---\ntitle: {title}\nservice: ledger\nseverity: {severity}\n---\nDo.\n");
    let rca = |title: &str, severity: &str, status: &str| {
        format!(
            "---\ntitle: {title}\nincident_date: 2026-05-02\nseverity: {severity}\nstatus: {status}\n---\nHappened.\n"
        )
    };
    Site::with_files(
        name,
        &[
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\ndefault_kind: runbook\n---\n"),
            ("content/runbooks/a-disk.md", &runbook("A disk filling", "warning")),
            ("content/runbooks/b-down.md", &runbook("B primary down", "critical")),
            ("content/runbooks/c-lag.md", &runbook("C replica lag", "SEV2")),
            ("content/rca/_index.md", "---\ntitle: Incident reviews\ndefault_kind: rca\n---\n"),
            ("content/rca/b-minor.md", &rca("B slow pages", "minor", "Draft")),
            ("content/rca/a-major.md", &rca("A ledger lost", "major", "Published")),
        ],
    )
}

/// The `(class, text)` of every severity badge in `html`'s main content, in order.
fn severities(html: &str) -> Vec<(String, String)> {
    main_of(html)
        .split(r#"<span class="severity severity-"#)
        .skip(1)
        .map(|rest| {
            let (class, rest) = rest.split_once(r#"">"#).expect("a class");
            (class.to_string(), rest.split_once("</span>").expect("a closed badge").0.to_string())
        })
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[test]
fn builds_critical_runbooks_and_major_reviews_shown_as_written() {
    let site = handbook("vocab-as-written");
    site.build(&[]).expect_code(0);
    assert_eq!(severities(&site.read("public/runbooks/b-down/index.html")), pairs(&[("sev1", "critical")]));
    let review = site.read("public/rca/a-major/index.html");
    assert_eq!(severities(&review), pairs(&[("sev2", "major")]));
    assert!(main_of(&review).contains(r#"<span class="status status-final">Published</span>"#), "{review}");
    assert!(!main_of(&review).contains("Preliminary review"), "a published review is final");
    let draft = site.read("public/rca/b-minor/index.html");
    assert!(main_of(&draft).contains(r#"<span class="status status-draft">Draft</span>"#), "{draft}");
    assert!(main_of(&draft).contains("Preliminary review"), "a draft is preliminary");
}

#[test]
fn sorts_and_colours_catalogs_by_severity_level() {
    let site = handbook("vocab-sorted");
    site.build(&[]).expect_code(0);
    assert_eq!(
        severities(&site.read("public/runbooks/index.html")),
        pairs(&[("sev1", "critical"), ("sev2", "SEV2"), ("sev3", "warning")]),
        "one service: the most severe first, not by title"
    );
    assert_eq!(
        severities(&site.read("public/rca/index.html")),
        pairs(&[("sev2", "major"), ("sev3", "minor")]),
        "the same day: the most severe first"
    );
}

#[test]
fn rejects_a_severity_outside_the_kinds_values_list() {
    let site = handbook("vocab-restricted");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Vocab\"\n\n[kinds.runbook]\nvalues = { severity = [\"critical\", \"SEV2\"] }\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[front-matter-field]: front matter field `severity` must be one of critical, SEV2, found \"warning\"\n --> content/runbooks/a-disk.md:4:1"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}
