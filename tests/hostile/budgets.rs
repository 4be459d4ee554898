//! Hostile inputs: pages that ask an interpreter or a scanner for more than a page may
//! have. Liquid blocks nested thousands deep (the parser's recursion overflowed the
//! stack), Liquid values doubled until memory runs out, Mermaid diagrams a few bytes
//! long that ask for a chart millions of days wide or a quarter of a million edges, a
//! CODEOWNERS pattern too large for the glob matcher, and long lines that made
//! scanners quadratic. Each either builds within a bound or fails with a located
//! `budget` error, and never crashes.

use std::time::{Duration, Instant};

use crate::util::{Site, panicked};

/// A bound the budgeted code meets many times over, and the code before it did not.
const GENEROUS: Duration = Duration::from_secs(10);

#[track_caller]
fn assert_reports(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected\n{expected}\nin\n{stderr}");
}

/// Builds the Jekyll page `body` and returns the failed build's standard error.
#[track_caller]
fn failed_jekyll_page(name: &str, body: &str) -> String {
    let page = format!("---\ntitle: A\n---\n{body}\n");
    let site = Site::with_files(name, &[("_config.yml", "title: X\n"), ("content/a.md", &page)]);
    let started = Instant::now();
    let run = site.build(&[]);
    let spent = started.elapsed();
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(spent < GENEROUS, "the page took {spent:?}");
    run.stderr
}

// Liquid.

/// 2,000 nested `for` blocks overflowed the stack of Liquid's parser (SIGABRT, no
/// diagnostic); the nesting is counted before the page is parsed.
#[test]
fn liquid_loops_nested_thousands_deep_are_a_budget_error_at_the_first_too_deep() {
    let open = "{% for x in (1..1) %}";
    let body = format!("{}x{}", open.repeat(2_000), "{% endfor %}".repeat(2_000));
    let stderr = failed_jekyll_page("liquid-deep-for", &body);
    assert_reports(
        &stderr,
        "error[budget]: the page's Liquid nests blocks more than 100 deep, at `{% for x in (1..1) %}`",
    );
    assert_reports(&stderr, &format!(" --> content/a.md:4:{}\n", 100 * open.len() + 1));
}

#[test]
fn liquid_conditions_nested_thousands_deep_are_a_budget_error() {
    let open = "{% if true %}";
    let body = format!("{}x{}", open.repeat(5_000), "{% endif %}".repeat(5_000));
    let stderr = failed_jekyll_page("liquid-deep-if", &body);
    assert_reports(&stderr, &format!("error[budget]: the page's Liquid nests blocks more than 100 deep, at `{open}`"));
    assert_reports(&stderr, &format!(" --> content/a.md:4:{}\n", 100 * open.len() + 1));
}

/// 40,000 nested blocks on one line of a megabyte: the page fails fast, and its
/// 80,000 placeholders' warnings, each at its column of that line, print in linear time
/// (25 s when each column was counted from the start of the line).
#[test]
fn a_megabyte_line_of_nested_blocks_fails_in_linear_time() {
    let body = format!("{}x{}", "{% if true %}".repeat(40_000), "{% endif %}".repeat(40_000));
    let stderr = failed_jekyll_page("liquid-deep-megabyte", &body);
    assert_reports(&stderr, "error[budget]: the page's Liquid nests blocks more than 100 deep");
    assert_reports(&stderr, "79,999 warnings in 1 file");
}

/// A page nesting blocks as deep as the budget allows still runs.
#[test]
fn liquid_blocks_nested_a_hundred_deep_still_run() {
    let body = format!("{}deep{}", "{% if true %}".repeat(100), "{% endif %}".repeat(100));
    let site = Site::with_files(
        "liquid-hundred-deep",
        &[("_config.yml", "title: X\n"), ("content/a.md", &format!("---\ntitle: A\n---\n{body}\n"))],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.files_containing("public", ">deep<").is_empty(), "{}", run.stderr);
}

/// A string assigned to itself twice over in a loop allocated gigabytes; a value past
/// 16 MiB stops the page, at the tag that made it.
#[test]
fn liquid_string_doubling_is_a_budget_error_at_the_assign() {
    let before = "{% assign s = \"ab\" %}{% for i in (1..60) %}";
    let body = format!("{before}{{% assign s = s | append: s %}}{{% endfor %}}{{{{ s | size }}}}");
    let stderr = failed_jekyll_page("liquid-doubling", &body);
    assert_reports(
        &stderr,
        "error[budget]: the page's Liquid is past its budget at `{% assign s = s | append: s %}`: it makes a value larger than 16 MiB",
    );
    assert_reports(&stderr, &format!(" --> content/a.md:4:{}\n", before.len() + 1));
}

/// Nested loops that write nothing but take hours stop at the page's time budget.
#[test]
fn liquid_loops_that_run_for_hours_are_a_budget_error() {
    let body = "{% for a in (1..10000) %}{% for b in (1..10000) %}{% for c in (1..10000) %}{% endfor %}{% endfor %}{% endfor %}";
    let stderr = failed_jekyll_page("liquid-long-loops", body);
    assert_reports(
        &stderr,
        "error[budget]: the page's Liquid is past its budget at `{% for c in (1..10000) %}`: it runs longer than 4 s",
    );
}

// Mermaid.

#[track_caller]
fn failed_diagram(name: &str, diagram: &str) -> String {
    let page = format!("---\ntitle: A\n---\n```mermaid\n{diagram}\n```\n");
    let site = Site::with_files(name, &[("content/a.md", &page)]);
    let started = Instant::now();
    let run = site.build(&[]);
    let spent = started.elapsed();
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(spent < GENEROUS, "the diagram took {spent:?}");
    assert_reports(&run.stderr, " --> content/a.md:4:1\n");
    run.stderr
}

/// 120 bytes asked for a chart 9,999,999,999 days wide: gigabytes, for minutes.
#[test]
fn a_gantt_task_of_ten_billion_days_is_a_budget_error_at_the_fence() {
    let stderr =
        failed_diagram("gantt-days", "gantt\ndateFormat YYYY-MM-DD\nsection S\nTask :a1, 2024-01-01, 9999999999d");
    assert_reports(
        &stderr,
        "error[budget]: the tasks of the chart last 9999999999 days, more than the 100000 a chart may span",
    );
}

/// `a0 & … & a499 --> b0 & … & b499` is 250,000 edges, which the layout never finished.
#[test]
fn a_flowchart_of_a_quarter_million_edges_is_a_budget_error_at_the_fence() {
    let side = |p: &str| (0..500).map(|i| format!("{p}{i}")).collect::<Vec<_>>().join(" & ");
    let stderr = failed_diagram("flowchart-edges", &format!("flowchart LR\n{} --> {}", side("a"), side("b")));
    assert_reports(&stderr, "error[budget]: the diagram asks for 250000 edges, more than the 5000 a diagram may have");
}

/// 4,000 small flowcharts (160,000 edges) took 18 s; a page's diagrams have a budget
/// together, and each one past it is an error at its fence.
#[test]
fn a_page_of_four_thousand_flowcharts_stops_drawing_at_the_pages_budget() {
    let fence = format!(
        "```mermaid\nflowchart LR\n{} --> b\n```\n\n",
        (0..40).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" & ")
    );
    let page = format!("---\ntitle: Charts\n---\n{}", fence.repeat(4_000));
    let site = Site::with_files("many-flowcharts", &[("content/a.md", page.as_str())]);
    let started = Instant::now();
    let run = site.build(&[]);
    let spent = started.elapsed();
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(spent < GENEROUS, "4,000 flowcharts took {spent:?}");
    // 500 diagrams of 40 edges fill the page's 20,000; the 501st is refused.
    let first_refused = 4 + 500 * fence.lines().count();
    assert_reports(&run.stderr, "error[budget]: the page's diagrams ask for more than 20000 edges or 256 KiB together");
    assert_reports(&run.stderr, &format!("content/a.md:{first_refused}:1"));
}

// CODEOWNERS.

/// A 200 KB glob made the regex engine refuse the pattern, and globset panicked (exit
/// 101) in build and check; it is a warning at its line, and matches nothing.
#[test]
fn a_codeowners_glob_of_200_kb_is_a_warning_at_its_line() {
    let codeowners = format!("# owners\n* @all\ncontent/{} @x\n", "*a".repeat(100_000));
    let site = Site::with_files(
        "codeowners-huge-glob",
        &[("CODEOWNERS", codeowners.as_str()), ("content/a.md", "---\ntitle: A\n---\nText.\n")],
    );
    for command in ["build", "check"] {
        let run = site.run(&[command]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        assert_eq!(run.code, 0, "{command}: {}", run.stderr);
        assert_reports(
            &run.stderr,
            "warning[codeowners-syntax]: the pattern is 200008 bytes long: opsbook matches patterns of at most 1024 bytes, so this line owns no file\n --> CODEOWNERS:3:1\n",
        );
    }
    assert!(site.read("public/handbook.json").contains("@all"), "the other lines still own the pages");
}

// Scanners.

/// 1.2 MB of `{{ ` on one line took about 40 s: each `{` looked back to the start of its
/// line for an element an attribute list could belong to.
#[test]
fn a_line_of_400_000_braces_builds_in_linear_time() {
    let page = format!("---\ntitle: Braces\n---\n{}\n", "{{ ".repeat(400_000));
    let site = Site::with_files("brace-line", &[("content/a.md", page.as_str())]);
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "400,000 braces took {spent:?}");
    assert!(site.read("public/handbook.json").contains("Braces"));
}

/// The same line on a Jekyll page: each `{{` looked for its `}}` in the 4 KiB after it
/// (100,000 of them: 15 s); the next `}}` is now remembered.
#[test]
fn a_jekyll_line_of_400_000_braces_builds_in_linear_time() {
    let page = format!("---\ntitle: Braces\n---\n{}\n", "{{ ".repeat(400_000));
    let site = Site::with_files("jekyll-brace-line", &[("_config.yml", "title: X\n"), ("content/a.md", page.as_str())]);
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "400,000 braces took {spent:?}");
    assert!(site.read("public/handbook.json").contains("Braces"));
}

/// syntect's bash grammar is quadratic in a line of `$((` (24 KB: 1.2 s, 900 KB: hours);
/// a block with a line past 4 KiB is shown plain, and the other blocks keep colours.
#[test]
fn a_bash_line_of_300_000_arithmetic_openings_builds_unhighlighted() {
    let page = format!(
        "---\ntitle: Bash\n---\n```bash\n{}\n```\n\n```bash\necho \"$((1 + 2))\"\n```\n",
        "$((".repeat(300_000)
    );
    let site = Site::with_files("bash-arithmetic-line", &[("content/a.md", page.as_str())]);
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "the line took {spent:?}");
    let html = site.read("public/a/index.html");
    assert!(html.contains("$(($(($(("), "the long line is there, plain");
    assert!(html.contains("<span class=\"hl-"), "the short block is highlighted");
}

/// 40,000 reference definitions and as many internal blocks took 7 s (x3.6 per
/// doubling) when each definition was looked for in every block; 80,000 of each now
/// take about a second.
#[test]
fn eighty_thousand_definitions_and_internal_blocks_build_in_linear_time() {
    let blocks = "<!-- internal -->\nx\n<!-- /internal -->\n\n".repeat(80_000);
    let definitions: String = (0..80_000).map(|i| format!("[d{i}]: https://ops.example.com/x{i}\n")).collect();
    let page = format!("---\ntitle: References\n---\n{blocks}{definitions}\n[last][d79999]\n");
    let site = Site::with_files("many-definitions", &[("content/a.md", page.as_str())]);
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "80,000 definitions took {spent:?}");
    assert!(site.read("public/a/index.html").contains("href=\"https://ops.example.com/x79999\""));
}
