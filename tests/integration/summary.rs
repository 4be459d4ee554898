//! How much `build` and `check` print: past 200 warnings a summary by
//! rule, `--summary` and `--no-summary` to choose, `-q` for errors alone, errors always
//! in full, and the machine formats never summarised.

use crate::util;

use util::{Run, Site};

/// A migration's first build: `[check] links = "warn"` and 211 broken links, 150 in
/// a.md, 60 in b.md and one in c.md; with `error`, a page of an unknown kind too.
fn migration(name: &str, error: bool) -> Site {
    let links = |n: usize| (0..n).map(|i| format!("[x](gone{i}.md)\n")).collect::<String>();
    let site = Site::with_files(
        name,
        &[
            ("content/a.md", &format!("# A\n\n{}", links(150))),
            ("content/b.md", &format!("# B\n\n{}", links(60))),
            ("content/c.md", "# C\n\n[x](c-gone.md)\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    if error {
        site.write("content/bad.md", "---\ntitle: Bad\nkind: nosuchkind\n---\nx\n");
    }
    site
}

/// Standard error with the times of its summary line (`in 0.16s`) written `in TIME`.
fn without_times(run: &Run) -> String {
    let mut out = String::new();
    let mut rest = run.stderr.as_str();
    while let Some(at) = rest.find(" in ") {
        out.push_str(&rest[..at + 4]);
        rest = &rest[at + 4..];
        let digits = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if digits > 0 && rest[digits..].starts_with('s') {
            out.push_str("TIME");
            rest = &rest[digits + 1..];
        }
    }
    out.push_str(rest);
    out
}

const SUMMARY: &str = "\
warning[broken-link]: 211 warnings in 3 files
  150  content/a.md
   60  content/b.md
    1  content/c.md
  e.g. content/a.md:3:1: no page `content/gone0.md`

211 warnings summarised by rule; `--no-summary` prints each in full
";

const ERROR: &str = "\
error[unknown-kind]: unknown kind `nosuchkind`; the kinds are: incident, maintenance, manifesto, page, rca, runbook, template
 --> content/bad.md:3:1
  |
3 | kind: nosuchkind
  | ^

";

#[test]
fn build_summarises_more_than_200_warnings_by_rule() {
    let site = migration("summary-default", false);
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(without_times(&run), format!("{SUMMARY}built 4 pages in TIME -> public/\n"));
}

#[test]
fn no_summary_prints_every_warning_in_full() {
    let site = migration("summary-off", false);
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert_eq!(run.stderr.matches("warning[broken-link]: no page").count(), 211);
    assert!(
        run.stderr.starts_with("warning[broken-link]: no page `content/gone0.md`\n --> content/a.md:3:1\n"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("summarised"), "{}", run.stderr);
}

#[test]
fn summary_flag_summarises_a_few_warnings_too() {
    let site = Site::with_files("summary-few", &[("content/a.md", "# A\n\n[x](gone.md)\n[y](gone.md#z)\n")]);
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    let full = site.build(&[]);
    assert_eq!(full.stderr.matches("warning[broken-link]: no page").count(), 2, "{}", full.stderr);
    let run = site.build(&["--summary"]);
    run.expect_code(0);
    assert_eq!(
        without_times(&run),
        "warning[broken-link]: 2 warnings in 1 file\n  2  content/a.md\n  e.g. content/a.md:3:1: no page `content/gone.md`\n\n\
         2 warnings summarised by rule; `--no-summary` prints each in full\nbuilt 2 pages in TIME -> public/\n"
    );
}

#[test]
fn errors_stay_in_full_before_the_summary() {
    let site = migration("summary-errors", true);
    let build = site.build(&[]);
    build.expect_code(1);
    assert_eq!(
        build.stderr,
        format!("{ERROR}{SUMMARY}error: the build failed with 1 error; the previous output was left as it was\n")
    );
    let check = site.run(&["check"]);
    check.expect_code(1);
    assert_eq!(without_times(&check), format!("{ERROR}{SUMMARY}checked 5 pages in TIME: 1 error, 211 warnings\n"));
}

#[test]
fn quiet_prints_errors_alone() {
    let site = migration("summary-quiet", true);
    let build = site.build(&["-q"]);
    build.expect_code(1);
    assert_eq!(
        build.stderr,
        format!("{ERROR}error: the build failed with 1 error; the previous output was left as it was\n")
    );
    let check = site.run(&["check", "--quiet"]);
    check.expect_code(1);
    assert_eq!(check.stderr, ERROR);
    site.write("content/bad.md", "# Fixed\n");
    let check = site.run(&["check", "-q"]);
    check.expect_code(0);
    assert_eq!(check.stderr, "", "nothing to say without errors");
}

#[test]
fn machine_formats_carry_every_finding() {
    let site = migration("summary-machine", false);
    let json = site.run(&["check", "--format", "json", "--summary"]);
    json.expect_code(0);
    assert_eq!(json.stdout.matches("\"rule\": \"broken-link\"").count(), 211, "{}", json.stdout);
    assert_eq!(json.stderr, "");
    let github = site.run(&["check", "--format", "github"]);
    github.expect_code(0);
    assert_eq!(github.stdout.lines().filter(|l| l.starts_with("::warning ")).count(), 211, "{}", github.stdout);
}

#[test]
fn quiet_and_summary_contradict_each_other() {
    let site = migration("summary-usage", false);
    let run = site.run(&["check", "-q", "--summary"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    site.run(&["build", "--summary", "--no-summary"]).expect_code(2);
}
