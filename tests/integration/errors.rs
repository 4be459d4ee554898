//! Bad input: every user-facing error has a fixture under tests/fixtures/errors that
//! triggers it, and the test checks the rule, the `path:line:column` and the message.
//! A failing build exits 1 and leaves the previous output exactly as it was.

use crate::util;

use util::{Site, panicked};

/// Builds `tests/fixtures/errors/<name>` and returns its standard error, checking the
/// exit code.
#[track_caller]
fn build_error(name: &str, code: i32) -> String {
    let site = Site::fixture(&format!("errors/{name}"));
    let run = site.build(&[]);
    run.expect_code(code);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(!site.exists("public"), "a failed build writes no output");
    run.stderr
}

#[track_caller]
fn assert_reports(stderr: &str, expected: &str) {
    assert!(stderr.contains(expected), "expected\n{expected}\nin\n{stderr}");
}

#[test]
fn reports_invalid_utf8_at_the_first_bad_byte() {
    let stderr = build_error("invalid-utf8", 1);
    assert_reports(
        &stderr,
        "error[invalid-utf8]: the file is not valid UTF-8 (byte 37); save it as UTF-8\n --> content/bad.md:5:4\n",
    );
}

#[test]
fn reports_yaml_syntax_errors_at_the_file_line() {
    let stderr = build_error("yaml-syntax", 1);
    assert_reports(
        &stderr,
        "error[front-matter-syntax]: invalid YAML front matter: mapping values are not allowed in this context\n --> content/failover.md:3:8\n",
    );
}

#[test]
fn rejects_front_matter_that_is_not_a_mapping() {
    let stderr = build_error("yaml-not-a-mapping", 1);
    assert_reports(
        &stderr,
        "error[front-matter-syntax]: the front matter must be a mapping of `key: value` fields\n --> content/list.md:2:1\n",
    );
}

#[test]
fn reports_toml_syntax_errors_at_the_file_line() {
    let stderr = build_error("toml-syntax", 1);
    assert_reports(&stderr, "error[front-matter-syntax]: invalid TOML front matter: ");
    assert_reports(&stderr, " --> content/failover.md:3:10\n");
}

#[test]
fn reports_unclosed_front_matter() {
    let stderr = build_error("unclosed-front-matter", 1);
    assert_reports(
        &stderr,
        "error[front-matter-syntax]: the front matter opened here is never closed: add a line `---` after the last field\n --> content/failover.md:1:1\n",
    );
}

#[test]
fn reports_a_hiding_field_below_a_gray_matter_fence() {
    let stderr = build_error("gray-matter-hiding-field", 1);
    assert_reports(
        &stderr,
        "error[front-matter-syntax]: the front matter ends at line 3 (`--------------`), as Docusaurus and Eleventy read it, but `draft: true` below it reads as a field\n --> content/vault.md:3:1\n",
    );
}

#[test]
fn reports_every_field_of_the_wrong_type() {
    let stderr = build_error("wrong-type", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `weight` must be a number, found text \"high\"\n --> content/failover.md:3:1\n",
    );
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `tags` must be a list of text values, found a mapping\n --> content/failover.md:4:1\n",
    );
    assert_reports(&stderr, "error: the build failed with 2 errors; the previous output was left as it was\n");
}

#[test]
fn reports_two_files_with_one_url() {
    let stderr = build_error("duplicate-url", 1);
    assert_reports(
        &stderr,
        "error[duplicate-url]: `content/db-failover.md` and `content/DB Failover.md` both map to the URL /db-failover/\n --> content/db-failover.md:1:1\n",
    );
}

#[test]
fn reports_an_unknown_config_key_with_its_line() {
    let stderr = build_error("unknown-config-key", 1);
    assert_reports(&stderr, "error[unknown-config-key]: unknown key `colour` in book.toml (expected one of `title`");
    assert_reports(&stderr, " --> book.toml:3:1\n");
}

#[test]
fn reports_a_missing_title() {
    let stderr = build_error("missing-title", 1);
    assert_reports(&stderr, "error[config-field]: `[handbook] title` is missing\n --> book.toml:1:1\n");
}

#[test]
fn reports_a_broken_link_where_it_stands() {
    let stderr = build_error("broken-link", 1);
    assert_reports(&stderr, "error[broken-link]: no page `content/runbooks/gone.md`\n --> content/_index.md:3:5\n");
    assert_reports(&stderr, "3 | See [the runbook](runbooks/gone.md) first.\n  |     ^\n");
}

#[test]
fn reports_a_missing_image() {
    let stderr = build_error("missing-asset", 1);
    assert_reports(&stderr, "error[missing-asset]: no file `content/diagram.png`\n --> content/_index.md:3:1\n");
}

#[test]
fn broken_links_can_be_warnings() {
    let site = Site::fixture("errors/broken-link");
    site.write("book.toml", "[handbook]\ntitle = \"Errors\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert_reports(
        &run.stderr,
        "warning[broken-link]: no page `content/runbooks/gone.md`\n --> content/_index.md:3:5\n",
    );
}

#[test]
fn reports_template_errors_at_the_template_line() {
    let stderr = build_error("template-error", 1);
    assert_reports(&stderr, "error[template]: ");
    assert_reports(&stderr, " --> templates/page.html:3:7\n");
}

#[cfg(unix)]
#[test]
fn reports_an_unreadable_file() {
    let site = Site::fixture("errors/unreadable-file");
    std::os::unix::fs::symlink(site.root.join("nowhere.md"), site.root.join("content/gone.md")).unwrap();
    let run = site.build(&[]);
    run.expect_code(1);
    assert_reports(&run.stderr, "error[unreadable-file]: cannot read: ");
    assert_reports(&run.stderr, " --> content/gone.md\n");
}

#[test]
fn a_missing_book_toml_is_an_environment_error() {
    let stderr = build_error("no-book-toml", 2);
    assert_reports(&stderr, "error: no book.toml in ");
    assert_reports(&stderr, "run `opsbook init` to start a handbook, or pass --root");
}

#[test]
fn a_missing_root_is_an_environment_error() {
    let site = Site::empty("missing-root");
    let run = site.run(&["build", "--root", "does-not-exist"]);
    run.expect_code(2);
    assert_reports(&run.stderr, "error: cannot read the handbook root ");
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let site = Site::empty("unknown-flag");
    let run = site.run(&["build", "--colour"]);
    run.expect_code(2);
    assert_reports(&run.stderr, "unexpected argument '--colour'");
}

#[test]
fn reports_every_error_sorted_by_path_and_line() {
    let stderr = build_error("many-errors", 1);
    let locations: Vec<&str> = stderr.lines().filter_map(|l| l.strip_prefix(" --> ")).collect();
    assert_eq!(locations, ["content/a.md:3:1", "content/a.md:6:5", "content/b.md:2:8", "content/c.md:1:3"]);
    assert_reports(&stderr, "error: the build failed with 4 errors");
}

/// Regression guard for the builder issue: a failed build must not touch the previous
/// output, byte for byte.
#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let snapshot = |site: &Site| -> Vec<(String, Vec<u8>)> {
        site.files_under("public")
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(site.root.join("public").join(&f)).unwrap();
                (f, bytes)
            })
            .collect()
    };
    let before = snapshot(&site);
    site.write("content/runbooks/cache-flush-broken.md", "---\ntitle: [unclosed\n---\n");
    site.write("content/runbooks/Cache Flush.md", "---\ntitle: Cache flush\n---\n\n[gone](gone.md)\n");
    site.build(&[]).expect_code(1);
    assert_eq!(before, snapshot(&site));
    let mut leftovers: Vec<_> = std::fs::read_dir(&site.root).unwrap().flatten().map(|e| e.file_name()).collect();
    leftovers.sort();
    // Nothing but the build cache (blocks and page records), the lock and the manifest
    // the first build left beside its output.
    let hidden = |n: &&std::ffi::OsString| n.to_string_lossy().starts_with(".public");
    assert_eq!(
        leftovers.iter().filter(hidden).collect::<Vec<_>>(),
        [".public.opsbook-cache", ".public.opsbook-lock", ".public.opsbook-manifest", ".public.opsbook-pages"],
        "{leftovers:?}"
    );
}

#[test]
fn a_bad_base_url_on_the_command_line_is_a_usage_error() {
    let site = Site::fixture("basic");
    let run = site.build(&["--base-url", "ops.example.org"]);
    run.expect_code(2);
    assert_reports(
        &run.stderr,
        "invalid value 'ops.example.org' for '--base-url <URL>': `base-url` must start with https://, http:// or /",
    );
}

#[test]
fn a_bad_base_url_in_book_toml_is_reported_at_its_line() {
    let site = Site::fixture("basic");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\nbase-url = \"ops.example.org\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert_reports(
        &run.stderr,
        "error[config-field]: `base-url` must start with https://, http:// or /, found \"ops.example.org\"\n --> book.toml:3:1\n",
    );
}

#[test]
fn reports_a_missing_required_field_at_the_kind() {
    let stderr = build_error("kind-missing-required", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: a page of kind `rca` needs the front matter field `incident_date`\n --> content/outage.md:3:1\n",
    );
}

#[test]
fn reports_a_kind_field_of_the_wrong_type() {
    let stderr = build_error("kind-wrong-type", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `alerts` must be a list of text values, found a mapping\n --> content/failover.md:4:1\n",
    );
}

#[test]
fn reports_a_value_that_is_not_allowed_with_the_allowed_ones() {
    let stderr = build_error("kind-value-not-allowed", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `severity` must be a severity: SEV0-SEV5, P1-P5, critical, high, major, medium, minor, low, warning or info, found \"P9\"\n --> content/failover.md:4:1\n",
    );
}

/// `[kinds.NAME] values` still restricts the built-in severities.
#[test]
fn reports_a_severity_outside_the_kinds_values_list() {
    let stderr = build_error("kind-value-restricted", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `severity` must be one of SEV1, SEV2, found \"critical\"\n --> content/failover.md:4:1\n",
    );
}

#[test]
fn reports_dates_that_are_not_dates_where_they_stand() {
    let stderr = build_error("kind-bad-date", 1);
    assert_reports(
        &stderr,
        "error[front-matter-field]: front matter field `last_tested` must be a date (YYYY-MM-DD), found text \"yesterday\"\n --> content/failover.md:4:1\n",
    );
    assert_reports(
        &stderr,
        "error[front-matter-field]: `due` of action item 1 of `action_items` must be a date (YYYY-MM-DD), found text \"next week\"\n --> content/outage.md:7:10\n",
    );
}

#[test]
fn reports_an_unknown_kind_with_the_known_ones() {
    let stderr = build_error("unknown-kind", 1);
    assert_reports(
        &stderr,
        "error[unknown-kind]: unknown kind `playbook`; the kinds are: incident, maintenance, manifesto, page, rca, runbook, template\n --> content/failover.md:3:1\n",
    );
}

#[test]
fn reports_bad_kind_tables_in_book_toml() {
    let stderr = build_error("kind-config", 1);
    assert_reports(
        &stderr,
        "error[config-field]: `[kinds.policy] fields`: the type \"calendar\" of `effective` is not one of text, list, date, timestamp, duration, number, bool, period, mapping\n --> book.toml:4:1\n",
    );
    assert_reports(
        &stderr,
        "error[config-field]: `[kinds.policy] review-every` must be a period such as 90d, 6w, 6m or 1y, found \"sometimes\"\n",
    );
}

/// Builds a handbook made of `files` (a `book.toml` among them replaces the default
/// one), expecting it to fail with each of `expected` reported.
#[track_caller]
fn reports_each(name: &str, files: &[(&str, &str)], expected: &[&str]) {
    let site = Site::with_files(name, files);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(!site.exists("public"), "a failed build writes no output");
    for message in expected {
        assert_reports(&run.stderr, message);
    }
}

#[test]
fn reports_each_kind_of_broken_link_with_its_own_message() {
    reports_each(
        "link-messages",
        &[
            ("content/draft.md", "---\ndraft: true\n---\n# D\n"),
            (
                "content/_index.md",
                "# Home\n\n[d](draft.md) [up](../../x.md) [none](nothing/) [abs](/nowhere/) [absf](/nowhere.png)\n",
            ),
        ],
        &[
            "error[broken-link]: `content/draft.md` is a draft, left out of this build (build with --drafts to include it)\n --> content/_index.md:3:1\n",
            "error[broken-link]: `../../x.md` points above the content folder\n --> content/_index.md:3:15\n",
            "error[broken-link]: no page or folder `content/nothing`\n --> content/_index.md:3:32\n",
            "error[broken-link]: no page at `/nowhere/` in the site\n --> content/_index.md:3:49\n",
            "error[missing-asset]: no file at `/nowhere.png` in the site\n --> content/_index.md:3:66\n",
        ],
    );
}

#[test]
fn reports_a_taken_alias_and_two_pages_for_one_section() {
    reports_each(
        "duplicate-sections",
        &[
            ("content/sub/_index.md", "# I\n"),
            ("content/sub/index.md", "# J\n"),
            ("content/a.md", "---\naliases: [/sub/]\n---\n# A\n"),
        ],
        &[
            "error[duplicate-url]: the alias /sub/ is already used by `content/sub/_index.md`\n --> content/a.md:2:1\n",
            "error[duplicate-url]: `content/sub/index.md` and `content/sub/_index.md` are both the page of section `sub/`\n --> content/sub/index.md:1:1\n",
        ],
    );
}

#[test]
fn reports_book_toml_values_that_are_not_allowed() {
    let cases = [
        (
            "[build]\ntheme = \"../x\"\n",
            "error[config-field]: `[build] theme` must be a folder name under themes/, found \"../x\"\n --> book.toml:4:1\n",
        ),
        (
            "[search]\npage = \"a/../b\"\n",
            "error[config-field]: `[search] page` must be a path of lower-case words, such as \"find\", found \"a/../b\"\n --> book.toml:4:1\n",
        ),
        (
            "[review]\nevery = \"soon\"\n",
            "error[config-field]: `[review] every` must be a period such as 90d, 6w, 6m or 1y, found \"soon\"\n --> book.toml:4:1\n",
        ),
        (
            "[kinds.\"bad kind\"]\nrequired = []\n",
            "error[config-field]: the kind name \"bad kind\" must be letters, digits, `-` or `_`\n --> book.toml:3:1\n",
        ),
        (
            "[kinds.k]\nvalues = { level = [] }\n",
            "error[config-field]: `[kinds.k] values`: `level` lists no values\n --> book.toml:3:1\n",
        ),
        (
            "[kinds.k]\nfields = { n = \"number\" }\nvalues = { n = [\"1\"] }\n",
            "error[config-field]: `[kinds.k] values`: `n` is not a text, list or mapping field\n --> book.toml:3:1\n",
        ),
        (
            "[kinds.k.fields.level]\ntype = \"text\"\n",
            "error[config-syntax]: book.toml: invalid type: map, expected a string\n --> book.toml:3:1\n",
        ),
    ];
    for (i, (table, expected)) in cases.into_iter().enumerate() {
        let book = format!("[handbook]\ntitle = \"T\"\n{table}");
        reports_each(
            &format!("config-value-{i}"),
            &[("book.toml", &book), ("content/_index.md", "# H\n")],
            &[expected],
        );
    }
    reports_each(
        "config-base-url-query",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\nbase-url = \"https://x.org/?q=1\"\n"),
            ("content/_index.md", "# H\n"),
        ],
        &[
            "error[config-field]: `base-url` must not contain a query, fragment or space, found \"https://x.org/?q=1\"\n --> book.toml:3:1\n",
        ],
    );
}

#[test]
fn reports_front_matter_values_of_the_wrong_type() {
    reports_each(
        "value-types",
        &[
            ("content/a.md", "---\ntitle: [1]\ndraft: 3\n---\n"),
            (
                "content/r.md",
                "---\nkind: rca\nincident_date: 2026-01-01\ndetected_at: 5\nduration: x\naction_items: 3\n---\n",
            ),
            ("content/r2.md", "---\nkind: rca\nincident_date: 2026-01-01\naction_items: [3]\n---\n"),
            ("content/s/_index.md", "---\ndefault_kind: nope\n---\n"),
        ],
        &[
            "error[front-matter-field]: front matter field `title` must be text, found a list\n --> content/a.md:2:1\n",
            "error[front-matter-field]: front matter field `draft` must be true or false, found the number 3\n --> content/a.md:3:1\n",
            "error[front-matter-field]: front matter field `detected_at` must be a date and time (2026-03-14T09:12:00Z), found the number 5\n --> content/r.md:4:1\n",
            "error[front-matter-field]: front matter field `duration` must be a duration such as 45m, 1h 35m or 2d, found text \"x\"\n --> content/r.md:5:1\n",
            "error[front-matter-field]: front matter field `action_items` must be a list of action items, found the number 3\n --> content/r.md:6:1\n",
            "error[front-matter-field]: action item 1 of `action_items` must be a mapping with title, owner, due and status, found the number 3\n --> content/r2.md:4:16\n",
            "error[unknown-kind]: unknown kind `nope`; the kinds are: incident, maintenance, manifesto, page, rca, runbook, template\n --> content/s/_index.md:2:1\n",
        ],
    );
}

#[test]
fn reports_environment_problems_with_exit_code_2() {
    let site = Site::with_files("environment", &[("afile", "")]);
    let run = site.build(&[]);
    run.expect_code(2);
    assert_reports(&run.stderr, "error: no content/ folder in ");
    assert_reports(&run.stderr, ": the pages of a handbook live in content/\n");
    site.write("content/_index.md", "# H\n");
    let run = site.build(&["--out", "afile"]);
    run.expect_code(2);
    assert_reports(&run.stderr, "afile: it is a file, not a folder\n");
    let run = site.run(&["init", "afile"]);
    run.expect_code(2);
    assert_reports(&run.stderr, "error: cannot start a handbook in afile: it is a file\n");
    let run = site.run(&["new", "runbook", ""]);
    run.expect_code(2);
    assert_reports(
        &run.stderr,
        "error: the title is empty: give the new page a title, e.g. opsbook new runbook \"Disk full on a host\"\n",
    );
    let run = site.run_on("yesterday", &["build"]);
    run.expect_code(2);
    assert_reports(&run.stderr, "error: OPSBOOK_TODAY must be a date (YYYY-MM-DD), found \"yesterday\"\n");
}

#[test]
fn reports_each_bad_value_of_the_blog_table_at_its_key() {
    let stderr = build_error("blog-config", 1);
    assert_reports(
        &stderr,
        "error[config-field]: `[blog] permalink` may not climb out of its folder with `.` or `..`, found \"/../../:title/\"\n --> book.toml:5:1\n",
    );
    assert_reports(&stderr, "error[config-field]: `[blog] per-page` must be 1 or more, found 0\n --> book.toml:6:1\n");
    assert_reports(
        &stderr,
        "error[config-field]: `[blog] paginate-path` may not climb out of its folder with `.` or `..`, found \"../page/:num/\"\n --> book.toml:7:1\n",
    );
}

#[test]
fn reports_html_that_hides_the_rest_of_the_page_where_it_opens() {
    let site = Site::fixture("errors/unclosed-html");
    let run = site.build(&[]);
    run.expect_code(0);
    assert_reports(
        &run.stderr,
        "warning[unclosed-html]: an HTML comment `<!--` is never closed: the browser hides the rest of the page's body (opsbook closes it where the body ends, so the navigation and footer show)\n --> content/_index.md:5:3\n",
    );
    assert_reports(
        &run.stderr,
        "warning[unclosed-html]: `<textarea>` is never closed: the browser reads the rest of the page's body as its text (opsbook closes it where the body ends, so the navigation and footer show)\n --> content/paste.md:5:1\n",
    );
    assert_reports(&run.stderr, "  = help: close it with `</textarea>`\n");
    // Each page's body closes what it left open where it ends, before the footer.
    let paste = site.read("public/paste/index.html");
    assert!(util::between(&paste, "## Lost section", "site-footer").contains("</textarea>"), "{paste}");
    let index = site.read("public/index.html");
    assert!(util::between(&index, "Later section", "site-footer").contains("-->"), "{index}");
    // A page written in HTML is read the same way: its frame never closed is reported
    // at its tag, and closed where its body ends.
    assert_reports(
        &run.stderr,
        "warning[unclosed-html]: `<iframe>` is never closed: the browser reads the rest of the page's body as its text (opsbook closes it where the body ends, so the navigation and footer show)\n --> content/frame.html:5:1\n",
    );
    let frame = site.read("public/frame.html");
    assert!(util::between(&frame, "Then drain the node.", "site-footer").contains("</iframe>"), "{frame}");
    let check = site.run(&["check"]);
    assert_reports(&check.stderr, " --> content/paste.md:5:1\n");
    assert_reports(&check.stderr, " --> content/frame.html:5:1\n");
}
