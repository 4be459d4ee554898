//! Hostile inputs: names that become output paths. A status
//! component id, a `[[sources]]` mount, a section folder, an alert name or a theme file
//! name that no file may have, or that another already has but for its case, is an
//! error at the place it is written (book.toml's key, the page's field, the file), never
//! a `refusing to write` at the end of a build, never an empty location; and `check`
//! finds what `build` finds.

use crate::util::{Run, Site};

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

#[track_caller]
fn assert_reports(run: &Run, expected: &str) {
    assert!(run.stderr.contains(expected), "expected\n{expected}\nin\n{}", run.stderr);
}

/// Runs `check` and `build`: both fail with the same diagnostics (the build adds its
/// closing line), every one of them at a file, and the build writes nothing.
#[track_caller]
fn check_and_build_fail_alike(site: &Site) -> Run {
    let check = site.run(&["check"]);
    check.expect_code(1);
    let build = site.build(&[]);
    build.expect_code(1);
    let diagnostics = |run: &Run| -> Vec<String> {
        let text = run.stderr.split("\nchecked ").next().unwrap_or_default();
        let text = text.split("error: the build failed").next().unwrap_or_default();
        text.split("\n\n").map(str::trim).filter(|d| !d.is_empty()).map(str::to_string).collect()
    };
    assert_eq!(diagnostics(&check), diagnostics(&build), "check and build differ");
    assert!(!build.stderr.contains("refusing to write"), "{}", build.stderr);
    for location in build.stderr.lines().filter(|l| l.starts_with(" --> ")) {
        let path = location[" --> ".len()..].split(':').next().unwrap_or_default();
        assert!(!path.trim().is_empty() && !path.starts_with('('), "a diagnostic at no file:\n{}", build.stderr);
    }
    assert!(!site.exists("public"), "a failed build writes nothing");
    build
}

/// A 300-character component id: `check` passed and `build` stopped at the end with an
/// unlocated "refusing to write" (exit 2) on the component's feed.
#[test]
fn a_component_id_too_long_for_a_file_name_is_an_error_at_the_id() {
    let id = "a".repeat(300);
    let site = Site::with_files(
        "long-component",
        &[
            (
                "book.toml",
                &format!(
                    "[handbook]\ntitle = \"T\"\n[status]\ncomponents = [\n  {{ id = \"{id}\", name = \"X\" }},\n]\n"
                ),
            ),
            ("content/p.md", PAGE),
        ],
    );
    let run = check_and_build_fail_alike(&site);
    assert_reports(
        &run,
        &format!(
            "error[config-field]: `[status] components`: the id `{id}` is too long for the status page's file names: a segment is 300 bytes long, more than the 255 a file name may have\n --> book.toml:5:10\n"
        ),
    );
}

/// Two section folders that differ only in case map to one URL: reported once, at the
/// second folder, not again (at `:1:1`, no file) for the print page each would have.
#[test]
fn sections_that_differ_only_in_case_are_one_error_at_the_second() {
    let site = Site::with_files(
        "case-sections",
        &[("content/Runbooks/a.md", PAGE), ("content/runbooks/b.md", PAGE), ("content/p.md", PAGE)],
    );
    let run = check_and_build_fail_alike(&site);
    assert_reports(
        &run,
        "error[duplicate-url]: `content/runbooks/` and `content/Runbooks/` both map to the URL /runbooks/\n --> content/runbooks/\n",
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

const SOURCES: &str = "[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"one\"\nmount = \"Team\"\n[[sources]]\npath = \"two\"\nmount = \"team\"\n";

/// Two mounts that differ only in case map to one URL: an error at the second mount in
/// book.toml (it was a `duplicate-url` at `other/:1:1` and another at no file).
#[test]
fn mounts_that_differ_only_in_case_are_an_error_at_the_second_mount() {
    let site = Site::with_files(
        "case-mounts",
        &[("book.toml", SOURCES), ("content/p.md", PAGE), ("one/x/q.md", PAGE), ("two/y/r.md", PAGE)],
    );
    let run = check_and_build_fail_alike(&site);
    assert_reports(
        &run,
        "error[config-field]: `[[sources]] mount` \"team\" collides with the mount \"Team\" of `one`: both are the URL /team/\n --> book.toml:8:9\n",
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// A 300-character mount: every page under it was an error, the first at no file.
#[test]
fn a_mount_too_long_for_a_file_name_is_an_error_at_the_mount() {
    let mount = "m".repeat(300);
    let site = Site::with_files(
        "long-mount",
        &[
            ("book.toml", &format!("[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"other\"\nmount = \"{mount}\"\n")),
            ("content/p.md", PAGE),
            ("other/x/q.md", PAGE),
        ],
    );
    let run = check_and_build_fail_alike(&site);
    assert_reports(
        &run,
        &format!(
            "error[config-field]: `[[sources]] mount` is \"{mount}\": a segment is 300 bytes long, more than the 255 a file name may have\n --> book.toml:5:9\n"
        ),
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// Alert names that no folder of the site may have: `index.html` took the file of the
/// `/alerts/` page (reported at no file), `a%2Fb` was a broken link of the theme's
/// template, a 300-character name or a slash a warning. Each is an error at the claim.
#[test]
fn alert_names_that_are_no_path_segment_are_errors_at_the_claim() {
    let long = "A".repeat(300);
    let runbook = |alert: &str| format!("---\ntitle: R\nkind: runbook\nalerts: [\"{alert}\"]\n---\nSteps.\n");
    let site = Site::with_files(
        "alert-names",
        &[
            ("content/runbooks/named-index.md", &runbook("index.html")),
            ("content/runbooks/escape.md", &runbook("a%2Fb")),
            ("content/runbooks/long.md", &runbook(&long)),
            ("content/runbooks/slash.md", &runbook("disk/full")),
            ("content/runbooks/fine.md", &runbook("NodeDown")),
        ],
    );
    let run = check_and_build_fail_alike(&site);
    for (file, alert, problem) in [
        ("escape", "a%2Fb", "it contains `%`, which a URL path cannot hold"),
        ("named-index", "index.html", "it is `index.html`, the file of a folder's page"),
        ("long", long.as_str(), "a segment is 300 bytes long, more than the 255 a file name may have"),
        ("slash", "disk/full", "an alert name cannot hold a slash"),
    ] {
        assert_reports(
            &run,
            &format!(
                "error[invalid-path]: the alert {alert:?} gets no URL /alerts/{alert}/: {problem}\n --> content/runbooks/{file}.md:4:1\n"
            ),
        );
    }
    assert_eq!(run.stderr.matches("error[").count(), 4, "{}", run.stderr);
}

/// A theme file whose name no site path may have (a line break): `check` passed and
/// `build` stopped with an unlocated "refusing to write"; both report it at the file.
#[cfg(unix)]
#[test]
fn a_theme_file_whose_name_is_no_site_path_is_an_error_at_the_file() {
    let site = Site::with_files("theme-name", &[("content/p.md", PAGE), ("static/a\nb.css", "a {}\n")]);
    let run = check_and_build_fail_alike(&site);
    assert_reports(
        &run,
        "error[invalid-path]: `static/a\nb.css` cannot be copied to the site: it contains the control character U+000A\n --> static/a\nb.css\n",
    );
}
