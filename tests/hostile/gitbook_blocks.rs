//! Hostile inputs: GitBook's blocks. `{% file %}`, `{% content-ref %}`, `{% embed %}` and
//! integrations' blocks name paths and URLs that the build only links to: one out of the handbook, a named
//! pipe or a script URL is never read, copied or made a link that runs; and pages of
//! more tags than a page's budget, or of one line of `{%` without end, are built within the limit.

#![cfg(unix)]

use crate::reads::{make_fifo, run_bounded};
use crate::util::{Site, main_of, panicked};

/// What a file outside the handbook holds, which no output may show.
const SECRET: &str = "outside-secret-0123456789";

/// A GitBook book in `docs/` holding `files`, its links checked as warnings.
pub(crate) fn gitbook(files: &[(&str, &str)]) -> Site {
    let mut all = vec![
        ("book.toml", "[handbook]\ntitle = \"Test\"\n\n[build]\ncontent-dir = \"docs\"\n\n[check]\nlinks = \"warn\"\n"),
        ("docs/.gitbook.yaml", "root: ./\n"),
    ];
    all.extend_from_slice(files);
    Site::with_files("gitbook-hostile", &all)
}

#[test]
fn files_named_outside_the_handbook_are_never_read_or_copied() {
    let page = "# P\n\n{% file src=\"../../outside/secret.txt\" %}\n\n{% file src=\"/etc/passwd\" %}\n\n{% content-ref url=\"../../outside/secret.txt\" %}{% endcontent-ref %}\n\n{% file src=\"pipe\" %}\n";
    let site = gitbook(&[("docs/index.md", page)]);
    site.write("outside/secret.txt", SECRET);
    make_fifo(&site.root.join("docs/pipe"));
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET) && !run.stdout.contains(SECRET));
    // A file named out of the handbook is a missing asset: an error at its line.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("docs/index.md:3:"), "{}", run.stderr);
    assert!(site.files_containing("public", SECRET).is_empty(), "the file outside was copied or shown");
    assert!(!site.exists("public/outside") && !site.exists("public/etc"));
}

#[test]
fn script_urls_and_quotes_in_urls_make_no_link_that_runs() {
    let page = "# P\n\n{% embed url=\"javascript:alert(1)\" %}\n\n{% content-ref url=\"javascript:alert(1)\" %}{% endcontent-ref %}\n\n{% embed url=\"https://x.test/a\\\">b\" %}\n\n{% embed url=\"https://x.test/ok\" %}\n\n{% @gh/code url=\"javascript:alert(2)\" %}\n\n{% @gh/code url=\"https://x.test/c\\\">d\" %}\n";
    let site = gitbook(&[("docs/index.md", page)]);
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/index.html");
    let main = main_of(&html);
    assert!(main.contains("<a href=\"https://x.test/ok\">"), "a web embed is a link: {main}");
    assert!(main.contains("javascript:alert(1)"), "a script URL is shown as text: {main}");
    assert!(main.contains("javascript:alert(2)"), "an integration's too: {main}");
    assert!(!main.contains("href=\"javascript:"), "{main}");
    assert!(!main.contains("\">b\"") && !main.contains("\">d\""), "a quote in a URL closes no attribute: {main}");
}

#[test]
fn pages_of_tags_past_the_budget_and_a_line_of_open_tags_stay_within_the_limit() {
    let many = "{% hint %}\n".repeat(150_000);
    let line = format!("{}\n", "{% !! ".repeat(400_000));
    let ends = "{% endtab %}\n".repeat(150_000);
    let site = gitbook(&[
        ("docs/index.md", "# P\n"),
        ("docs/many.md", &many),
        ("docs/line.md", &line),
        ("docs/ends.md", &ends),
    ]);
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(
        run.stderr.contains("the budget of a page"),
        "{}",
        run.stderr.lines().take(20).collect::<Vec<_>>().join("\n")
    );
    assert_eq!(run.code, 1, "the budget is an error");
}
