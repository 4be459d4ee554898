//! `opsbook check`: one fixture per rule with the exact path, line and column; every
//! output format on the same fixture; exit codes; and nothing written.

use crate::util;

use util::Site;

/// `(rule, path, line, column)` of every diagnostic `check --format json` reports.
fn findings(fixture: &str) -> Vec<(String, String, u64, u64)> {
    let site = Site::fixture(fixture);
    let run = site.run(&["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let text = |v: &serde_json::Value| v.as_str().expect("text").to_string();
    let number = |v: &serde_json::Value| v.as_u64().expect("a number");
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| (text(&d["rule"]), text(&d["path"]), number(&d["line"]), number(&d["column"])))
        .collect()
}

fn finding(rule: &str, path: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (rule.into(), path.into(), line, column)
}

#[test]
fn finds_each_rule_at_its_place() {
    let cases = [
        ("errors/broken-link", finding("broken-link", "content/_index.md", 3, 5)),
        ("errors/missing-asset", finding("missing-asset", "content/_index.md", 3, 1)),
        ("errors/yaml-syntax", finding("front-matter-syntax", "content/failover.md", 3, 8)),
        ("errors/toml-syntax", finding("front-matter-syntax", "content/failover.md", 3, 10)),
        ("errors/unclosed-front-matter", finding("front-matter-syntax", "content/failover.md", 1, 1)),
        ("errors/wrong-type", finding("front-matter-field", "content/failover.md", 3, 1)),
        ("errors/kind-value-not-allowed", finding("front-matter-field", "content/failover.md", 4, 1)),
        ("errors/kind-missing-required", finding("front-matter-field", "content/outage.md", 3, 1)),
        ("errors/unknown-kind", finding("unknown-kind", "content/failover.md", 3, 1)),
        ("errors/invalid-utf8", finding("invalid-utf8", "content/bad.md", 5, 4)),
        ("errors/duplicate-url", finding("duplicate-url", "content/db-failover.md", 1, 1)),
        ("errors/unknown-config-key", finding("unknown-config-key", "book.toml", 3, 1)),
        ("errors/missing-title", finding("config-field", "book.toml", 1, 1)),
        ("errors/template-error", finding("template", "templates/page.html", 3, 7)),
        ("errors/template-link", finding("broken-link", "templates/partials/page-nav.html", 1, 47)),
    ];
    for (fixture, expected) in cases {
        let found = findings(fixture);
        assert!(found.contains(&expected), "{fixture}: expected {expected:?} in {found:?}");
    }
}

#[test]
fn finds_broken_anchors_in_other_pages_and_in_the_same_page() {
    let found = findings("errors/broken-anchor");
    assert_eq!(
        found,
        [finding("broken-anchor", "content/_index.md", 3, 5), finding("broken-anchor", "content/_index.md", 5, 32)],
        "heading attributes and raw HTML ids count as anchors; a text fragment names no id"
    );
}

#[test]
fn prints_the_human_format_like_rustc() {
    let site = Site::fixture("errors/broken-anchor");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert_eq!(run.stdout, "");
    let expected = "\
error[broken-anchor]: no heading or anchor `#stpes` in `content/runbooks/db.md`
 --> content/_index.md:3:5
  |
3 | The [steps](runbooks/db.md#stpes) are in the runbook, and so is the
  |     ^
  = help: did you mean `#steps`?

error[broken-anchor]: no heading or anchor `#nowhere` in this page
 --> content/_index.md:5:32
  |
5 | Back to [the start](#home), or [nowhere](#nowhere).
  |                                ^

checked 3 pages in ";
    assert!(run.stderr.starts_with(expected), "{}", run.stderr);
    assert!(run.stderr.ends_with("s: 2 errors, 0 warnings\n"), "{}", run.stderr);
    assert!(!run.stderr.contains('\x1b'), "no colour when standard error is not a terminal");
}

#[test]
fn prints_json() {
    let site = Site::fixture("errors/broken-anchor");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        value[0],
        serde_json::json!({
            "severity": "error",
            "rule": "broken-anchor",
            "path": "content/_index.md",
            "line": 3,
            "column": 5,
            "message": "no heading or anchor `#stpes` in `content/runbooks/db.md`",
            "help": "did you mean `#steps`?"
        })
    );
    assert_eq!(run.stderr, "", "nothing but the JSON");
}

#[test]
fn prints_github_annotations() {
    let site = Site::fixture("errors/broken-anchor");
    let run = site.run(&["check", "--format", "github"]);
    run.expect_code(1);
    assert_eq!(
        run.stdout,
        "::error file=content/_index.md,line=3,col=5,title=opsbook broken-anchor::no heading or anchor `#stpes` in `content/runbooks/db.md` (did you mean `#steps`?)\n\
         ::error file=content/_index.md,line=5,col=32,title=opsbook broken-anchor::no heading or anchor `#nowhere` in this page\n"
    );
}

#[test]
fn prints_a_gitlab_code_quality_report() {
    let site = Site::fixture("errors/broken-anchor");
    let run = site.run(&["check", "--format", "gitlab"]);
    run.expect_code(1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &value[0];
    assert_eq!(first["check_name"], "broken-anchor");
    assert_eq!(first["severity"], "major");
    assert_eq!(first["location"], serde_json::json!({"path": "content/_index.md", "lines": {"begin": 3}}));
    assert_eq!(
        first["description"],
        "no heading or anchor `#stpes` in `content/runbooks/db.md` (did you mean `#steps`?)"
    );
    assert_ne!(first["fingerprint"], value[1]["fingerprint"]);
    let again = site.run(&["check", "--format", "gitlab"]);
    assert_eq!(run.stdout, again.stdout, "fingerprints are stable");
}

#[test]
fn suggests_the_page_that_was_meant() {
    let site = Site::with_files(
        "suggest",
        &[
            ("content/runbooks/database-failover.md", "# Failover\n"),
            (
                "content/rca/outage.md",
                "# Outage\n\n[failover](../runbooks/database-failovr.md) and [moved](../runbooks/outage-notes.md)\n",
            ),
            ("content/archive/outage-notes.md", "# Notes\n"),
        ],
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value[0]["help"], "did you mean `../runbooks/database-failover.md`?");
    assert_eq!(value[1]["help"], "did you mean `../archive/outage-notes.md`?");
}

#[test]
fn warnings_alone_pass() {
    let site = Site::fixture("errors/broken-anchor");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[check]\nlinks = \"warn\"\n");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.contains("warning[broken-anchor]"));
    assert!(run.stderr.ends_with("s: 0 errors, 2 warnings\n"), "{}", run.stderr);
}

#[test]
fn a_clean_handbook_passes_and_nothing_is_written() {
    let site = Site::fixture("basic");
    let before = site.files_under("");
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.starts_with("checked 13 pages in "), "{}", run.stderr);
    assert_eq!(site.files_under(""), before, "check writes nothing");
}

#[test]
fn environment_problems_exit_with_2() {
    let site = Site::fixture("errors/no-book-toml");
    site.run(&["check"]).expect_code(2);
    site.run(&["check", "--format", "xml"]).expect_code(2);
    site.run(&["check", "--root", "nowhere"]).expect_code(2);
}

#[test]
fn a_build_with_a_broken_anchor_fails_and_keeps_the_previous_output() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let before = site.read("public/index.html");
    site.write("content/plain-name.md", "See [the steps](runbooks/db-failover.md#stepz).\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[broken-anchor]: no heading or anchor `#stepz` in `content/runbooks/db-failover.md`\n --> content/plain-name.md:1:5\n"), "{}", run.stderr);
    assert_eq!(site.read("public/index.html"), before);
}

#[test]
fn drafts_are_checked_only_when_asked_and_timings_are_printed() {
    let site = Site::with_files("check-drafts", &[("content/d.md", "---\ndraft: true\n---\n[x](gone.md)\n")]);
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(run.stderr.contains("checked 1 page in "), "{}", run.stderr);
    let run = site.run(&["check", "--drafts", "--timings"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[broken-link]: no page `content/gone.md`\n --> content/d.md:4:1\n"),
        "{}",
        run.stderr
    );
    for step in ["  parse ", "  markdown ", "  templates ", "  links ", "  total "] {
        assert!(run.stderr.contains(step), "no {step:?} in\n{}", run.stderr);
    }
    assert!(run.stderr.contains("checked 2 pages in "), "{}", run.stderr);
}

#[test]
fn a_link_to_a_path_the_handbooks_redirects_file_redirects_is_not_broken() {
    let page = "# A\n\n[old](/old/runbooks/db/) [gone](/gone) [by year](/news/2024/05/) [not found](/en/x) [none](/nowhere/)\n";
    let redirects =
        "# Moved in 2024\n/old/*  /:splat  301\n/gone   /a/\n/news/:year/:month/ /a/ 302\n/en/*   /en/404.html  404\n";
    for folder in ["static", "content"] {
        let site = Site::with_files(
            &format!("redirects-{folder}"),
            &[("content/a.md", page), (&format!("{folder}/_redirects"), redirects)],
        );
        let run = site.run(&["check"]);
        run.expect_code(1);
        let broken: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error[broken-link]")).collect();
        assert_eq!(broken.len(), 2, "{folder}: {}", run.stderr);
        assert!(run.stderr.contains("`/en/x`") || run.stderr.contains("en/x"), "{}", run.stderr);
        assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
    }
}

/// A comment or a script's text holds no link and no id, as the browser reads them:
/// `<a href="${url}">` in a script's string, a link commented out, in a Markdown page
/// (an HTML block, a script inside a paragraph), in a page written in HTML and in an
/// HTML file copied as it is (whose references keep files in use). The links around
/// them are still checked, and an id seen only in a comment is no anchor.
#[test]
fn a_comment_or_a_script_holds_no_link_and_no_id() {
    let markdown = "# A\n\n<script>\nrender(`<a href=\"${item.url}\">x</a>`);\n</script>\n\n\
        <!-- <a href=\"gone.md\">old</a> <h2 id=\"old\">Old</h2> -->\n\n\
        Text <script>var y = '<img src=\"${z}\">';</script> more.\n\n\
        <a href=\"missing.md\">real</a> and [to the old heading](#old) and [a file](static.html)\n";
    let html_page = "---\ntitle: B\n---\n<p>hi</p>\n<script\n  src=\"b.js\">\n  r(`<a href=\"${p.url}\">`);\n</script>\n\
        <!--\n<a href=\"in-comment.html\">x</a>\n-->\n<a href=\"b-missing.html\">y</a>\n";
    let asset =
        "<html><body><script>x('<img src=\"only-in-script.png\">')</script><img src=\"used.png\"></body></html>\n";
    let site = Site::with_files(
        "script-and-comment-links",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\n"),
            ("content/a.md", markdown),
            ("content/b.html", html_page),
            ("content/b.js", "1;\n"),
            ("content/static.html", asset),
            ("content/used.png", "png"),
            ("content/only-in-script.png", "png"),
        ],
    );
    let run = site.run(&["check", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let found: Vec<String> = value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            format!(
                "{} {}:{}:{}",
                d["rule"].as_str().unwrap_or(""),
                d["path"].as_str().unwrap_or(""),
                d["line"],
                d["column"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            "broken-link content/a.md:11:10",
            "broken-anchor content/a.md:11:35",
            "missing-asset content/b.html:12:10",
            "unused-asset content/only-in-script.png:0:0",
        ],
        "{}",
        run.stdout
    );
}
