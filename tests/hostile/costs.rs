//! Hostile inputs: costs. Pages built to make opsbook slow (quadratic heading ids,
//! quadratic diagnostics), to overflow its date arithmetic, or to smuggle characters
//! XML 1.0 forbids into the feed and the pages.

use std::time::{Duration, Instant};

use crate::util::Site;

/// A bound the linear code meets many times over in a debug build, and the quadratic
/// code it replaced did not (see each test).
const GENEROUS: Duration = Duration::from_secs(10);

#[track_caller]
fn assert_reports(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected\n{expected}\nin\n{stderr}");
}

// Heading ids.

/// 20,000 identical headings took 61 s in a release build when every repeated id was
/// found by trying `-1`, `-2`... from the start; now each base id remembers its next
/// suffix.
#[test]
fn twenty_thousand_identical_headings_build_in_linear_time() {
    let body = "## Same\n\n".repeat(20_000);
    let site = Site::with_files("same-headings", &[("content/same.md", &format!("---\ntitle: Same\n---\n{body}"))]);
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "20,000 identical headings took {spent:?}");
    let html = site.read("public/same/index.html");
    assert!(html.contains(" id=\"same\""));
    assert!(html.contains(" id=\"same-1\""));
    assert!(html.contains(" id=\"same-19999\""));
    assert!(!html.contains(" id=\"same-20000\""));
}

// Diagnostics in the human format.

/// 20,000 findings on one line took 7.8 s (release) when each one split the file into
/// lines and the line into characters again; the lines are now indexed once per file.
#[test]
fn twenty_thousand_findings_on_one_line_print_in_linear_time() {
    let line = "[x](gone.md) ".repeat(20_000);
    let site = Site::with_files("many-findings", &[("content/links.md", &format!("---\ntitle: Links\n---\n{line}\n"))]);
    let started = Instant::now();
    let run = site.run(&["check"]);
    let spent = started.elapsed();
    run.expect_code(1);
    assert!(spent < GENEROUS, "20,000 findings took {spent:?}");
    assert_eq!(run.stderr.matches("error[broken-link]").count(), 20_000);
    assert_reports(&run.stderr, " --> content/links.md:4:1301\n  |\n4 | …");
}
