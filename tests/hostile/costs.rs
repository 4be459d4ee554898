//! Hostile inputs: costs. Pages built to make opsbook slow (quadratic heading ids, a
//! quadratic table of contents, quadratic diagnostics), to overflow its date
//! arithmetic, or to smuggle characters XML 1.0 forbids into the feed and the pages.

use std::time::{Duration, Instant};

use crate::util::{Site, panicked};

/// A bound the linear code meets many times over in a debug build, and the quadratic
/// code it replaced did not (see each test).
const GENEROUS: Duration = Duration::from_secs(10);

/// Builds `site`, which must succeed within [`GENEROUS`]; `what` names the input.
#[track_caller]
fn builds_in_time(site: &Site, what: &str) {
    let started = Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < GENEROUS, "{what} took {spent:?}");
}

#[track_caller]
fn assert_reports(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected\n{expected}\nin\n{stderr}");
}

// Bare addresses.

/// A bare address followed by 200,000 `)` and a run of 100,000 `a@`: each `)` trimmed
/// recounted every parenthesis before it, and each `@` read on to the text's end;
/// counted once and stopped at the second `@`, both are linear.
#[test]
fn bare_addresses_with_many_parentheses_and_ats_link_in_linear_time() {
    let body = format!("See http://a.example/{} and {}x.\n", ")".repeat(200_000), "a@".repeat(100_000));
    let site = Site::with_files("many-parens", &[("content/p.md", &format!("---\ntitle: P\n---\n{body}"))]);
    builds_in_time(&site, "the bare addresses");
    assert!(site.read("public/p/index.html").contains("<a href=\"http://a.example/\">http://a.example/</a>"));
}

/// On a Hugo site (Goldmark's patterns): 100,000 `a_`, each `_` a place an email may
/// start and each local part read on to the run's end; 50,000 `(www.a` and `(http://a`,
/// each a failing try. The failed local part is remembered, a try reads one word: linear.
#[test]
fn goldmark_s_bare_addresses_are_found_in_linear_time() {
    let body = format!(
        "See {}x and {} and {} and https://a.example/x.\n",
        "a_".repeat(100_000),
        "(www.a".repeat(50_000),
        "(http://a".repeat(50_000)
    );
    let site = Site::with_files(
        "many-goldmark-tries",
        &[("hugo.toml", "title = 'x'\n"), ("content/p.md", &format!("---\ntitle: P\n---\n{body}"))],
    );
    builds_in_time(&site, "the bare addresses");
    let html = site.read("public/p/index.html");
    assert!(html.contains("<a href=\"https://a.example/x\">https://a.example/x</a>."), "the address is linked");
    assert_eq!(html.matches("<a href=\"http").count(), 1);
}

// Heading ids.

/// 20,000 identical headings took 61 s in a release build when every repeated id was
/// found by trying `-1`, `-2`... from the start; now each base id remembers its next
/// suffix.
#[test]
fn twenty_thousand_identical_headings_build_in_linear_time() {
    let body = "## Same\n\n".repeat(20_000);
    let site = Site::with_files("same-headings", &[("content/same.md", &format!("---\ntitle: Same\n---\n{body}"))]);
    builds_in_time(&site, "20,000 identical headings");
    let html = site.read("public/same/index.html");
    assert!(html.contains(" id=\"same\""));
    assert!(html.contains(" id=\"same-1\""));
    assert!(html.contains(" id=\"same-19999\""));
    assert!(!html.contains(" id=\"same-20000\""));
}

/// 80,000 headings on one page took 27-39 s in the templates step of
/// a release build (x5 per doubling) when each of the table of contents' 160,000 links
/// to the page's own anchors was looked up in the list of its 80,000 ids; now in a set
/// of them (about 1 s).
#[test]
fn eighty_thousand_headings_go_through_the_templates_in_linear_time() {
    let body: String = (0..80_000).map(|n| format!("## Step {n}\n\nDo {n}.\n\n")).collect();
    let site = Site::with_files("many-headings", &[("content/steps.md", &format!("---\ntitle: Steps\n---\n{body}"))]);
    builds_in_time(&site, "80,000 headings");
    let html = site.read("public/steps/index.html");
    assert_eq!(html.matches("href=\"#step-79999\"").count(), 3, "the heading's own link and the table of contents'");
}

// Diagnostics in the human format.

/// 20,000 findings on one line took 7.8 s (release) when each one split the file into
/// lines and the line into characters again; the lines are now indexed once per file.
/// A file reports its first thousand errors, then one counting the rest: 20,000 printed
/// in full were 120,000 lines, and a page of 64 MiB printed thirty million.
#[test]
fn twenty_thousand_findings_on_one_line_print_the_first_thousand_and_a_count() {
    let line = "[x](gone.md) ".repeat(20_000);
    let site = Site::with_files("many-findings", &[("content/links.md", &format!("---\ntitle: Links\n---\n{line}\n"))]);
    let started = Instant::now();
    let run = site.run(&["check"]);
    let spent = started.elapsed();
    run.expect_code(1);
    assert!(spent < GENEROUS, "20,000 findings took {spent:?}");
    assert_eq!(run.stderr.matches("error[broken-link]").count(), 1_000);
    assert_reports(&run.stderr, " --> content/links.md:4:12988\n  |\n4 | …");
    assert_reports(
        &run.stderr,
        "error[budget]: 19,000 more errors from here on are not reported (19,000 broken-link): a file reports its first 1,000 of them\n --> content/links.md:4:13001\n",
    );
    let json = site.run(&["check", "--format", "json"]);
    assert_eq!(json.stdout.matches("\"rule\": \"broken-link\"").count(), 1_000, "{}", &json.stdout[..500]);
}

/// A warning per unknown shortcode: a page of 125,000 of them (2 MB) wrote 37 MB of
/// findings into handbook.json and more into the build cache.
#[test]
fn a_page_of_five_thousand_warnings_publishes_the_first_thousand_and_a_count() {
    let body = "{{< nosuch >}}\n\n".repeat(5_000);
    let site = Site::with_files("many-warnings", &[("content/a.md", &format!("---\ntitle: A\n---\n{body}"))]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert_reports(&run.stderr, "warning[unsupported-syntax]: 1,000 warnings in 1 file");
    let json = site.read("public/handbook.json");
    assert_eq!(json.matches("is not supported by opsbook").count(), 1_000);
    assert!(
        json.contains("4,000 more warnings and notes from here on are not reported (4,000 unsupported-syntax)"),
        "{}",
        &json[json.len().saturating_sub(2_000)..]
    );
}

// Date arithmetic.

/// Builds `files` and returns the standard error of the failed build, which must have
/// panicked nowhere and written nothing.
#[track_caller]
fn failed_build(name: &str, files: &[(&str, &str)]) -> String {
    let site = Site::with_files(name, files);
    let run = site.run_on("2026-11-15", &["build"]);
    run.expect_code(1);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(!site.exists("public"), "a failed build writes no output");
    run.stderr
}

/// `999999999999999999y` wrapped to "-6446744073709551628 months" in release builds and
/// overflowed (a panic) in debug ones.
#[test]
fn refuses_review_periods_longer_than_a_hundred_years_at_the_field() {
    for period in ["999999999999999999y", "9223372036854775807d", "101y"] {
        let page = format!("---\ntitle: A\nreview_every: {period}\n---\nText.\n");
        let stderr = failed_build("long-period", &[("content/a.md", &page)]);
        assert_reports(
            &stderr,
            &format!(
                "error[front-matter-field]: front matter field `review_every` must be a period of at most 100 years, found text {period:?}\n --> content/a.md:3:1\n"
            ),
        );
    }
}

#[test]
fn refuses_review_periods_longer_than_a_hundred_years_in_book_toml() {
    let stderr = failed_build(
        "long-config-period",
        &[("book.toml", "[handbook]\ntitle = \"Test\"\n\n[review]\nevery = \"999999999999999999y\"\n")],
    );
    assert_reports(
        &stderr,
        "error[config-field]: `[review] every` must be a period of at most 100 years, found \"999999999999999999y\"\n --> book.toml:5:1\n",
    );
}

#[test]
fn refuses_kind_review_periods_longer_than_a_hundred_years() {
    let stderr = failed_build(
        "long-kind-period",
        &[("book.toml", "[handbook]\ntitle = \"Test\"\n\n[kinds.runbook]\nreview-every = \"101y\"\n")],
    );
    assert_reports(
        &stderr,
        "error[config-field]: `[kinds.runbook] review-every` must be a period of at most 100 years, found \"101y\"",
    );
}

#[test]
fn refuses_time_zone_offsets_beyond_a_day_at_the_field() {
    let page = "---\ntitle: Outage\nkind: rca\nincident_date: 2026-03-14\ndetected_at: 2026-03-14T09:12:00+9223372036854775807:00\n---\nText.\n";
    let stderr = failed_build("huge-offset", &[("content/rca/outage.md", page)]);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `detected_at` must be a date and time (2026-03-14T09:12:00Z), found text \"2026-03-14T09:12:00+9223372036854775807:\"…\n --> content/rca/outage.md:5:1\n",
    );
}

#[test]
fn refuses_durations_that_do_not_fit_at_the_field() {
    let page = "---\ntitle: Outage\nkind: rca\nincident_date: 2026-03-14\nduration: 9223372036854775807d\n---\nText.\n";
    let stderr = failed_build("huge-duration", &[("content/rca/outage.md", page)]);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `duration` must be a duration such as 45m, 1h 35m or 2d, found text \"9223372036854775807d\"\n --> content/rca/outage.md:5:1\n",
    );
}

/// The binary checks overflow (the release profile keeps the checks on for opsbook), so
/// any wrapping arithmetic on these values would be a panic here, reported as an
/// `internal-error`.
#[test]
fn extreme_weights_and_dates_at_the_ends_of_the_calendar_build() {
    let site = Site::with_files(
        "extreme-values",
        &[
            (
                "content/a.md",
                "---\ntitle: A\nweight: 9223372036854775807\nlast_reviewed: 9999-12-31\nreview_every: 100y\n---\nA.\n",
            ),
            (
                "content/b.md",
                "---\ntitle: B\nweight: -9223372036854775808\nlast_reviewed: 0000-01-01\nreview_every: 1d\n---\nB.\n",
            ),
            (
                "content/rca/outage.md",
                "---\ntitle: Outage\nkind: rca\nincident_date: 9999-12-31\ndetected_at: 0000-01-01T00:00:00-23:59\nresolved_at: 9999-12-31T23:59:59+23:59\n---\nText.\n",
            ),
            ("content/runbooks/r.md", "---\ntitle: R\nkind: runbook\nlast_tested: 0000-01-01\n---\nR.\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.com/\"\n");
    let run = site.run_on("2026-11-15", &["build"]);
    run.expect_code(0);
    let b = site.read("public/b/index.html");
    assert!(b.contains("Review overdue"), "the page reviewed in year 0 is overdue");
    let nav = site.read("public/index.html");
    let (b_at, a_at) =
        (nav.find("href=\"/b/\"").expect("b in the nav"), nav.find("href=\"/a/\"").expect("a in the nav"));
    assert!(b_at < a_at, "the lowest weight comes first");
    // A local time whose moment in UTC leaves the calendar is refused at its field,
    // never published a day off.
    let outage = site.read("content/rca/outage.md");
    site.write("content/rca/outage.md", outage.replace("9999-12-31T23:59:59+23:59", "9999-12-31T23:59:59-23:59"));
    let run = site.run_on("2026-11-15", &["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("`resolved_at` must be a date and time"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/rca/outage.md:6:1"), "{}", run.stderr);
}

// Characters XML forbids.

/// Whether `xml` holds no character XML 1.0 forbids and its tags nest: a small
/// well-formedness check, enough for the feed opsbook writes.
fn assert_well_formed(xml: &str) {
    let forbidden = |c: char| matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}');
    assert!(!xml.chars().any(forbidden), "a character XML forbids in\n{xml:?}");
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let end = rest[i..].find('>').expect("a tag ends") + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        let name = tag.split_whitespace().next().unwrap_or_default();
        if let Some(closing) = name.strip_prefix('/') {
            assert_eq!(open.pop(), Some(closing), "tags nest");
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}");
    for entity in xml.split('&').skip(1) {
        let name = &entity[..entity.find(';').expect("an entity ends")];
        assert!(matches!(name, "amp" | "lt" | "gt" | "quot" | "#39"), "entity &{name};");
    }
}

#[test]
fn control_characters_become_replacement_characters_in_the_feed_and_pages() {
    let page = "---\ntitle: \"Fail\\u0001over\\u001b[31m\"\nkind: rca\nincident_date: 2026-03-14\ndescription: \"Nul\\u0000 and \\uFFFF\"\nservice: \"db\\u0007\"\n---\nBody with NUL \u{0} and BEL \u{7}, `code \u{1b}`, <b>raw \u{2}</b>.\n\n## Head\u{1}ing\n";
    let site = Site::with_files("control-characters", &[("content/rca/outage.md", page)]);
    site.write("book.toml", "[handbook]\ntitle = \"Test\\u0001\"\nbase-url = \"https://ops.example.com/\"\n");
    site.build(&[]).expect_code(0);
    let feed = site.read("public/feed.xml");
    assert_well_formed(&feed);
    assert!(feed.contains("<title>Fail\u{FFFD}over\u{FFFD}[31m</title>"), "{feed}");
    assert!(feed.contains("<summary>Nul\u{FFFD} and \u{FFFD}</summary>"), "{feed}");
    assert_well_formed(&site.read("public/sitemap.xml"));
    let html = site.read("public/rca/outage/index.html");
    let forbidden = |c: char| matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\u{fffe}' | '\u{ffff}');
    assert!(!html.chars().any(forbidden), "a character XML forbids in the page");
    assert!(html.contains("Body with NUL \u{FFFD} and BEL \u{FFFD}"));
    assert!(html.contains("<title>Fail\u{FFFD}over\u{FFFD}[31m"));
}

// Cycles.

/// A page whose `permalink` is its own folder's URL (`blog/blog.md` with
/// `permalink: /blog/`, as Eleventy sites write their blog's page) is that folder's page:
/// it was made its own parent, and the print pages' count of pages beneath it never
/// ended.
#[test]
fn a_page_that_is_its_own_folders_page_through_its_permalink_is_not_its_own_parent() {
    let site = Site::with_files(
        "permalink-own-folder",
        &[
            ("content/blog/blog.md", "---\ntitle: Blog\npermalink: /blog/\n---\nAll posts.\n"),
            ("content/blog/first.md", "---\ntitle: First\n---\nA post.\n"),
        ],
    );
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let blog = site.read("public/blog/index.html");
    assert!(blog.contains("All posts.") && blog.contains("First"), "{blog}");
}

// CODEOWNERS.

/// A CODEOWNERS line of stars against a long file name: the backtracking matcher written
/// by hand tried every way to split the name among the stars and ran for over a minute
/// (release build, 14 `*a` against 40 letters); globset's matcher is linear in the path.
#[test]
fn a_codeowners_pattern_of_many_stars_matches_in_linear_time() {
    let pattern = format!("{}*c @x\n", "*a".repeat(14));
    let name = format!("content/{}.md", "a".repeat(40));
    let page = "---\ntitle: Letters\n---\nText.\n";
    let site = Site::with_files("codeowners-stars", &[("CODEOWNERS", pattern.as_str()), (name.as_str(), page)]);
    builds_in_time(&site, "a pattern of 14 stars");
    assert!(site.read("public/handbook.json").contains("Letters"));
}

/// A front matter of 100,000 one-line keys: the simple reader looked each key up in the
/// list of keys before it (quadratic: 22 s in a release build); a set makes it 0.2 s,
/// linear.
#[test]
fn a_front_matter_of_a_hundred_thousand_keys_reads_in_linear_time() {
    let mut page = String::from("---\ntitle: Keys\n");
    for key in 0..100_000 {
        page.push_str(&format!("key{key}: value {key}\n"));
    }
    page.push_str("---\nText.\n");
    let site = Site::with_files("many-keys", &[("content/keys.md", page.as_str())]);
    builds_in_time(&site, "100,000 front matter keys");
    assert!(site.read("public/handbook.json").contains("Keys"));
}
