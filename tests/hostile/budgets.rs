//! Hostile inputs: pages that ask an interpreter or a scanner for more than a page may
//! have. Liquid blocks nested thousands deep (the parser's recursion overflowed the
//! stack), Liquid values doubled until memory runs out, Mermaid diagrams a few bytes
//! long that ask for a chart millions of days wide or a quarter of a million edges, a
//! CODEOWNERS pattern too large for the glob matcher, long lines that made scanners
//! quadratic, and pages of megabytes of one construct (past the Markdown, element,
//! nesting and construct budgets of a page). Each either builds within a bound or fails
//! with a located `budget` error, and never crashes.

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
    failed_page(name, body, true)
}

/// Builds the page `body` (on a Jekyll site when `jekyll`) and returns the standard
/// error of the build, which must have failed within [`GENEROUS`] without a panic.
#[track_caller]
fn failed_page(name: &str, body: &str, jekyll: bool) -> String {
    let page = format!("---\ntitle: A\n---\n{body}\n");
    let mut files = vec![("content/a.md", page.as_str())];
    if jekyll {
        files.push(("_config.yml", "title: X\n"));
    }
    let site = Site::with_files(name, &files);
    let started = Instant::now();
    let run = site.build(&[]);
    let spent = started.elapsed();
    assert!(!panicked(&run.stderr), "{name}: {}", run.stderr);
    assert_eq!(run.code, 1, "{name}: {}", run.stderr);
    assert!(spent < GENEROUS, "{name}: the page took {spent:?}");
    run.stderr
}

/// A page past one of its budgets, and the error it must fail with.
struct OverBudget {
    name: &'static str,
    /// The page's body, from its line 4.
    body: String,
    jekyll: bool,
    /// The error's first line.
    error: String,
    /// Its line and column in the page.
    at: (usize, usize),
}

/// Builds each page of `cases` and checks that it fails fast, with its error at the
/// first construct too many.
#[track_caller]
fn assert_fail_at_budget(cases: &[OverBudget]) {
    for case in cases {
        let stderr = failed_page(case.name, &case.body, case.jekyll);
        let (line, column) = case.at;
        let (_, after) =
            stderr.split_once(&format!("{}\n", case.error)).unwrap_or_else(|| panic!("{}: {stderr}", case.error));
        let place = after.lines().next().unwrap_or_default();
        assert_eq!(place.trim_start(), format!("--> content/a.md:{line}:{column}"), "{}", case.name);
    }
}

/// 2,000 nested `for` blocks (or 5,000 `if` blocks) overflowed the stack of Liquid's
/// parser (SIGABRT, no diagnostic); the nesting is counted before the page is parsed.
#[test]
fn liquid_blocks_nested_thousands_deep_are_a_budget_error_at_the_first_too_deep() {
    let nested = |open: &str, close: &str, n: usize| format!("{}x{}", open.repeat(n), close.repeat(n));
    let deep = |open: &str| {
        format!(
            "error[budget]: the page's Liquid nests blocks more than 100 deep, at `{open}`; its tags are shown as placeholders"
        )
    };
    let for_open = "{% for x in (1..1) %}";
    assert_fail_at_budget(&[
        OverBudget {
            name: "liquid-deep-for",
            body: nested(for_open, "{% endfor %}", 2_000),
            jekyll: true,
            error: deep(for_open),
            at: (4, 100 * for_open.len() + 1),
        },
        OverBudget {
            name: "liquid-deep-if",
            body: nested("{% if true %}", "{% endif %}", 5_000),
            jekyll: true,
            error: deep("{% if true %}"),
            at: (4, 100 * "{% if true %}".len() + 1),
        },
    ]);
}

/// 40,000 nested blocks on one line of a megabyte: the page fails fast, and of its
/// 80,000 placeholders' warnings (25 s when each column was counted from the start of
/// the line) the first thousand are reported, then one counting the rest.
#[test]
fn a_megabyte_line_of_nested_blocks_fails_in_linear_time() {
    let body = format!("{}x{}", "{% if true %}".repeat(40_000), "{% endif %}".repeat(40_000));
    let stderr = failed_jekyll_page("liquid-deep-megabyte", &body);
    assert_reports(&stderr, "error[budget]: the page's Liquid nests blocks more than 100 deep");
    assert_reports(&stderr, "78,999 more warnings and notes from here on are not reported (78,999 unsupported-syntax)");
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

// The page's Markdown.

/// Pages of a few megabytes nesting quotes or lists thousands deep, or holding half a
/// million elements or a hundred thousand other tools' constructs, each took seconds
/// and grew to minutes at 64 MiB (quotes nested on one line: quadratic); the body
/// writer and the rewrite of the dialects stop at the page's budget. Each built before.
#[test]
fn pages_past_their_markdown_budgets_fail_fast_at_the_first_element_too_many() {
    let markdown = |name, body: String, error: &str, at| OverBudget {
        name,
        body,
        jekyll: false,
        error: format!("error[budget]: {error}"),
        at,
    };
    let deep = "the page nests quotes and lists more than 256 deep, the budget of a page";
    let constructs = "the page has more than 100,000 constructs of other tools (shortcodes, Liquid tags, components, attribute lists), the budget of a page; the rest are left as written";
    assert_fail_at_budget(&[
        // The 257th quote, after 256 of two bytes each.
        markdown("quotes-deep", format!("{}x", "> ".repeat(5_000)), deep, (4, 2 * 256 + 1)),
        // A list and its item open at each `- `: the 129th list is the 257th element.
        markdown("lists-deep", format!("{}x", "- ".repeat(5_000)), deep, (4, 2 * 128 + 1)),
        // A paragraph and its text are two elements: the 250,001st paragraph is one too many.
        markdown(
            "elements",
            "a\n\n".repeat(300_000),
            "the page has more than 500,000 elements (headings, paragraphs, list items, links, emphasis, table cells, HTML tags, runs of text), the budget of a page",
            (4 + 2 * 250_000, 1),
        ),
        markdown("shortcodes", "{{< x >}} ".repeat(100_001), constructs, (4, 10 * 100_000 + 1)),
        // Not parsed at all: the parser reads a paragraph's inline elements whole.
        markdown(
            "longer-than-16-mib",
            "*a **b _c ".repeat((16 << 20) / 10 + 1),
            "the page's Markdown is longer than 16 MiB, the budget of a page; it is not rendered",
            (4, (16 << 20) + 1),
        ),
        // Each admonition is two placeholders: the 50,001st opens the 100,001st, and its
        // text's line is the first left as written.
        markdown(
            "admonitions",
            ":::note\nx\n:::\n\n".repeat(60_000),
            "the page has more than 100,000 admonitions, tabs and other blocks of other tools, the budget of a page; the rest are left as written",
            (4 + 4 * 50_000 + 1, 1),
        ),
        OverBudget {
            name: "liquid-tags",
            body: "{{ x }} ".repeat(100_001),
            jekyll: true,
            error: "error[budget]: the page has more than 100,000 Liquid tags and variables, the budget of a page; its tags are shown as placeholders".to_string(),
            at: (4, 8 * 100_000 + 1),
        },
    ]);
}

/// A page as deep and as large as its budgets allow still builds.
#[test]
fn a_page_within_its_markdown_budgets_builds() {
    let body = format!("{}deep\n\n{}", "> ".repeat(200), "*a* ".repeat(150_000));
    let site = Site::with_files("within-budgets", &[("content/a.md", &format!("---\ntitle: A\n---\n{body}\n"))]);
    site.build(&[]).expect_code(0);
    let html = site.read("public/a/index.html");
    assert!(html.contains("<blockquote>\n<p>deep</p>"), "the deepest quote is there");
    assert_eq!(html.matches("<em>a</em>").count(), 150_000);
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

/// An mdBook include repeats the text before it on its line on every line it includes:
/// a 1 MB line before a file of 100,000 lines would be 100 GB. The growth is counted
/// before any of it is written, and is the include error of a page past 16 MiB.
#[test]
fn an_include_after_a_megabyte_of_line_is_an_error_before_it_grows() {
    let page = format!("# Prefix\n\n{} {{{{#include lines.txt}}}}\n", "x".repeat(1 << 20));
    let site = Site::with_files(
        "prefix-growth",
        &[
            ("book.toml", "[book]\ntitle = \"T\"\nsrc = \"src\"\n"),
            ("src/SUMMARY.md", "- [Prefix](a.md)\n"),
            ("src/a.md", page.as_str()),
            ("src/lines.txt", "line\n".repeat(100_000).as_str()),
        ],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    let spent = started.elapsed();
    run.expect_code(1);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(spent < GENEROUS, "took {spent:?}");
    assert!(
        run.stderr.contains("error[include]: with `src/lines.txt` the page grows past the 16 MiB includes may make it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("src/a.md:3:"), "{}", run.stderr);
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

/// 64 MiB of front matter took 13 s to parse; a block over 4 MiB is an error at its
/// fence, before it is parsed.
#[test]
fn front_matter_past_its_limit_is_an_error_at_its_fence_before_it_is_parsed() {
    let fields: String = (0..200_000).map(|n| format!("key{n}: a value of a field\n")).collect();
    let site = Site::with_files("budget-front-matter", &[("content/a.md", &format!("\n---\n{fields}---\n# A\n"))]);
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(started.elapsed() < GENEROUS, "{:?}", started.elapsed());
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(run.stderr.contains("more than the 4096 KiB a page's front matter may hold"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/a.md:2:1"), "{}", run.stderr);
}
