//! Hostile inputs: what CI reads. GitHub workflow commands built
//! from text a page controls, escaped by GitHub's own rules, and `SOURCE_DATE_EPOCH` at
//! the ends of the calendar opsbook's dates cover.

use crate::util::{Run, Site, opsbook};

/// Runs `opsbook ARGS` in the site's folder with `SOURCE_DATE_EPOCH` set to `epoch`.
fn run_at(site: &Site, epoch: &str, args: &[&str]) -> Run {
    let output = opsbook().args(args).env("SOURCE_DATE_EPOCH", epoch).current_dir(&site.root).output();
    let output = output.expect("run opsbook");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A message holding `%0A` as text must stay text: GitHub reads `%0A` in a workflow
/// command as a line break, so `%` is written `%25`, a line break `%0A`, a carriage
/// return `%0D`, and in a property (the file) also `:` and `,`.
#[test]
fn github_annotations_escape_percent_line_breaks_and_property_separators() {
    let site = Site::with_files(
        "github-escapes",
        &[("content/a,b: c.md", "---\ntitle: A\n---\n[x](a%250A.md) [y](b%0D%0Ac.md)\n")],
    );
    let run = site.run(&["check", "--format", "github"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "::error file=content/a%2Cb%3A c.md,line=4,col=1,title=opsbook broken-link::no page `content/a%250A.md`\n\
         ::error file=content/a%2Cb%3A c.md,line=4,col=16,title=opsbook broken-link::no page `content/b%0D%0Ac.md`\n"
    );
}

/// `SOURCE_DATE_EPOCH=253402300798` (9999-12-31T23:59:58Z) was refused as "must be a
/// number": every moment opsbook's dates can hold is taken, and one past either end is
/// refused in words that say so.
#[test]
fn source_date_epoch_takes_every_moment_of_the_years_0000_to_9999() {
    let site =
        Site::with_files("epoch-range", &[("content/p.md", "---\ntitle: P\nlast_reviewed: 2026-01-01\n---\nP.\n")]);
    for epoch in ["253402300798", "253402300799", "-62167219200", "0", " 1767225600 "] {
        let run = run_at(&site, epoch, &["build"]);
        run.expect_code(0);
        assert!(!run.stderr.contains("panicked"), "{epoch}: {}", run.stderr);
    }
    for (epoch, expected) in [
        (
            "253402300800",
            "error: SOURCE_DATE_EPOCH is 253402300800, after 9999-12-31T23:59:59Z (253402300799), the last moment opsbook's dates reach\n",
        ),
        (
            "99999999999999999999999",
            "error: SOURCE_DATE_EPOCH is 99999999999999999999999, after 9999-12-31T23:59:59Z (253402300799), the last moment opsbook's dates reach\n",
        ),
        (
            "-62167219201",
            "error: SOURCE_DATE_EPOCH is -62167219201, before 0000-01-01T00:00:00Z (-62167219200), the first moment opsbook's dates reach\n",
        ),
        ("soon", "error: SOURCE_DATE_EPOCH must be a number of seconds since 1970, found \"soon\"\n"),
        ("1.5", "error: SOURCE_DATE_EPOCH must be a number of seconds since 1970, found \"1.5\"\n"),
    ] {
        let run = run_at(&site, epoch, &["check"]);
        run.expect_code(2);
        assert_eq!(run.stderr, expected, "{epoch}");
    }
}
