//! Hostile inputs: reads. Files that are not regular files
//! (named pipes, devices, links into `/proc`), files larger than anything a handbook
//! holds, and rule files linked out of the repository. Every read is of a regular file,
//! within a limit, confined like the content, and a refusal names the file without
//! echoing what it holds.
//!
//! A read that waits on a named pipe would hang the suite: every run here is killed after
//! [`LIMIT`] and then fails.

#![cfg(unix)]

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::util::{Run, Site, opsbook};

/// How long a run may take before it is killed: a refused file is refused at once.
const LIMIT: Duration = Duration::from_secs(30);

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

/// What a CI job's environment holds, which no output may show.
const TOKEN: &str = "glpat-Hostile0Token0Never0Printed";

/// Runs `opsbook ARGS` in the site's folder with `env` added, killed after [`LIMIT`].
pub(crate) fn run_bounded(site: &Site, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = opsbook();
    command.args(args).envs(env.iter().copied()).current_dir(&site.root);
    let (code, stdout, stderr, _) = crate::util::run_killed_after(command, LIMIT);
    let Some(code) = code else {
        panic!("`opsbook {}` still ran after {LIMIT:?}: it waits on a file", args.join(" "));
    };
    Run { code, stdout, stderr }
}

pub(crate) fn make_fifo(path: &Path) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    let made = Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// A regular file of `len` bytes that takes no room (a hole), to pass a limit cheaply.
pub(crate) fn make_sparse(path: &Path, len: u64) {
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
    std::fs::File::create(path).and_then(|file| file.set_len(len)).expect("a sparse file");
}

#[track_caller]
fn assert_reports(run: &Run, expected: &str) {
    assert!(run.stderr.contains(expected), "expected\n{expected}\nin\n{}", run.stderr);
}

// Item 12: named pipes, devices and limits.

/// A named pipe in `content/` hung `build` and `check` forever (opening it waits for a
/// writer); the walk now names it and reads nothing, and the previous output stays.
#[test]
fn a_named_pipe_in_content_is_a_located_error_not_a_hang() {
    let site = Site::with_files("fifo-content", &[("content/p.md", PAGE)]);
    site.build(&[]).expect_code(0);
    let before = site.read("public/p/index.html");
    make_fifo(&site.root.join("content/data.bin"));
    make_fifo(&site.root.join("content/notes.md"));
    for command in ["build", "check"] {
        let run = run_bounded(&site, &[command], &[]);
        run.expect_code(1);
        for file in ["content/data.bin", "content/notes.md"] {
            assert_reports(
                &run,
                &format!(
                    "error[unreadable-file]: cannot read: it is a named pipe (FIFO), not a regular file\n --> {file}\n"
                ),
            );
        }
        assert_reports(
            &run,
            "= help: opsbook reads and publishes regular files only: remove it, or put a file in its place",
        );
    }
    assert_eq!(site.read("public/p/index.html"), before, "a failed build leaves the previous output as it was");
}

/// A named pipe as the target of an include hung the build; it is an `include` error at
/// the directive.
#[test]
fn a_named_pipe_as_an_include_target_is_an_error_at_the_directive() {
    let site = Site::with_files(
        "fifo-include",
        &[("content/p.md", "---\ntitle: P\n---\nBefore.\n\n{{#include ../shared/pipe.txt}}\n")],
    );
    make_fifo(&site.root.join("shared/pipe.txt"));
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(1);
    assert_reports(
        &run,
        "error[include]: cannot include `../shared/pipe.txt`: cannot read `shared/pipe.txt`: it is a named pipe (FIFO), not a regular file\n --> content/p.md:6:1\n",
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
}

/// Every other file a build reads hung on a named pipe too (CODEOWNERS, a category
/// file, a navigation file, the theme's templates and static files) or was skipped
/// without a word; each is now refused by name.
#[test]
fn named_pipes_among_the_files_a_build_reads_are_refused_by_name() {
    for (fifo, expected) in [
        (
            "CODEOWNERS",
            "error[unreadable-file]: cannot read the file: it is a named pipe (FIFO), not a regular file\n --> CODEOWNERS\n",
        ),
        (
            "content/ops/_category_.json",
            "error[unreadable-file]: cannot read: it is a named pipe (FIFO), not a regular file\n --> content/ops/_category_.json\n",
        ),
        (
            "mkdocs.yml",
            "error[nav-file]: cannot read the file: it is a named pipe (FIFO), not a regular file\n --> mkdocs.yml\n",
        ),
        (
            "templates/page.html",
            "error[unreadable-file]: cannot read: it is a named pipe (FIFO), not a regular file\n --> templates/page.html\n",
        ),
        (
            "static/extra.css",
            "error[unreadable-file]: cannot read: it is a named pipe (FIFO), not a regular file\n --> static/extra.css\n",
        ),
    ] {
        let site = Site::with_files("fifo-files", &[("content/p.md", PAGE), ("content/ops/q.md", PAGE)]);
        make_fifo(&site.root.join(fifo));
        let run = run_bounded(&site, &["build"], &[]);
        run.expect_code(1);
        assert_reports(&run, expected);
        assert!(!site.exists("public"), "{fifo}: a failed build writes nothing");
    }
}

/// book.toml as a named pipe hung every command; it is refused at once, by name.
#[test]
fn a_named_pipe_as_book_toml_is_refused_by_name() {
    let site = Site::with_files("fifo-config", &[("content/p.md", PAGE)]);
    std::fs::remove_file(site.root.join("book.toml")).expect("remove book.toml");
    make_fifo(&site.root.join("book.toml"));
    let run = run_bounded(&site, &["check"], &[]);
    run.expect_code(2);
    assert_reports(&run, "book.toml: it is a named pipe (FIFO), not a regular file\n");
}

/// `--baseline /dev/zero` grew past 6 GB; a device, a named pipe and a file past the
/// limit are each refused at once, by name.
#[test]
fn a_baseline_is_a_regular_file_within_its_limit() {
    let site = Site::with_files("baseline-reads", &[("content/p.md", PAGE)]);
    let run = run_bounded(&site, &["check", "--baseline", "/dev/zero"], &[]);
    run.expect_code(2);
    assert_reports(&run, "error: cannot read the baseline /dev/zero: it is a character device, not a regular file\n");
    make_fifo(&site.root.join("base.json"));
    let run = run_bounded(&site, &["check", "--baseline", "base.json"], &[]);
    run.expect_code(2);
    assert_reports(&run, "error: cannot read the baseline base.json: it is a named pipe (FIFO), not a regular file\n");
    make_sparse(&site.root.join("huge.json"), (1 << 30) + 1);
    let run = run_bounded(&site, &["check", "--baseline", "huge.json"], &[]);
    run.expect_code(2);
    assert_reports(
        &run,
        "error: cannot read the baseline huge.json: it is larger than 1 GiB, the most opsbook reads of a baseline\n",
    );
}

/// `--rules` read devices, named pipes and files of any size; each is now an
/// `unreadable-file` error that names it, and the other rule files are still checked.
#[test]
fn rule_files_are_regular_files_within_their_limit() {
    let site = Site::with_files("rules-reads", &[("content/p.md", PAGE)]);
    site.write("rules/ok.yml", "groups:\n  - name: a\n    rules:\n      - alert: StillChecked\n");
    make_fifo(&site.root.join("rules/pipe.yml"));
    make_sparse(&site.root.join("rules/huge.yml"), (64 << 20) + 1);
    let run = run_bounded(&site, &["check", "--rules", "rules", "--rules", "/dev/zero"], &[]);
    run.expect_code(1);
    assert_reports(
        &run,
        "error[unreadable-file]: cannot read the rule file: it is a named pipe (FIFO), not a regular file\n --> rules/pipe.yml\n",
    );
    assert_reports(
        &run,
        "error[unreadable-file]: cannot read the rule file: it is larger than 64 MiB, the most opsbook reads of a rule file\n --> rules/huge.yml\n",
    );
    assert_reports(
        &run,
        "error[unreadable-file]: cannot read the rule file: it is a character device, not a regular file\n --> /dev/zero\n",
    );
    assert_reports(&run, "the alert `StillChecked` has no runbook in the handbook");
}

// Item 8: rule files confined like the content, and never echoed.

/// A rule file linked to `/proc/self/environ` printed the CI job's token into the log
/// (the parser's message quoted it, the human format quoted its line). A link leading
/// out of the handbook is refused by name and nothing of its target is read.
#[test]
fn a_rule_file_linked_out_of_the_handbook_is_refused_and_not_echoed() {
    let site = Site::with_files("rules-environ", &[("content/p.md", PAGE)]);
    let elsewhere = Site::with_files("rules-elsewhere", &[("secret.yml", &format!("token: [{TOKEN}\n"))]);
    site.write("rules/ok.yml", "groups:\n  - name: a\n    rules:\n      - alert: StillChecked\n");
    std::os::unix::fs::symlink("/proc/self/environ", site.root.join("rules/env.yml")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("secret.yml"), site.root.join("rules/far.yml")).expect("a link");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("linked")).expect("a link");
    for format in ["human", "json", "github", "gitlab"] {
        let run = run_bounded(
            &site,
            &["check", "--format", format, "--rules", "rules", "--rules", "linked"],
            &[("CI_JOB_TOKEN", TOKEN)],
        );
        run.expect_code(1);
        assert!(!run.stdout.contains("Hostile0Token") && !run.stderr.contains("Hostile0Token"), "{format}: echoed");
        assert!(!run.stdout.contains("CI_JOB_TOKEN") && !run.stderr.contains("CI_JOB_TOKEN"), "{format}: echoed");
    }
    let run = run_bounded(&site, &["check", "--rules", "rules", "--rules", "linked"], &[("CI_JOB_TOKEN", TOKEN)]);
    assert_reports(
        &run,
        "error[symlink-outside-root]: the rule file is not read: it leads outside the handbook's folder (to /proc/",
    );
    assert_reports(&run, " --> rules/env.yml\n");
    assert_reports(
        &run,
        &format!(
            "error[symlink-outside-root]: the rule file is not read: it leads outside the handbook's folder (to {})\n --> rules/far.yml\n",
            elsewhere.root.join("secret.yml").canonicalize().expect("resolved").display()
        ),
    );
    assert_reports(
        &run,
        &format!(
            "error[symlink-outside-root]: the rule files are not read: it leads outside the handbook's folder (to {})\n --> linked\n",
            elsewhere.root.canonicalize().expect("resolved").display()
        ),
    );
    assert_reports(&run, "the alert `StillChecked` has no runbook in the handbook");
}

/// `--rules /proc/self/environ` named on the command line is not read either: no file
/// of the kernel's `/proc` is a rule file.
#[test]
fn a_rule_file_of_proc_is_not_read_even_when_named() {
    let site = Site::with_files("rules-proc", &[("content/p.md", PAGE)]);
    let run = run_bounded(&site, &["check", "--rules", "/proc/self/environ"], &[("CI_JOB_TOKEN", TOKEN)]);
    run.expect_code(1);
    assert!(!run.stderr.contains("Hostile0Token"), "{}", run.stderr);
    assert_reports(
        &run,
        "error[unreadable-file]: cannot read the rule file: it is a file of the kernel's /proc or /sys, not a regular file\n --> /proc/self/environ\n",
    );
}

/// Rule files outside the handbook stay readable when the command line names their
/// folder, but a link in that folder leading elsewhere is refused, in its words.
#[test]
fn rule_files_in_a_folder_named_on_the_command_line_are_confined_to_it() {
    let site = Site::with_files("rules-given", &[("content/p.md", PAGE)]);
    let rules = Site::with_files("rules-given-folder", &[("k8s/a.yml", "groups:\n  - rules:\n      - alert: Far\n")]);
    std::os::unix::fs::symlink("/proc/self/environ", rules.root.join("k8s/env.yml")).expect("a link");
    let given = rules.root.join("k8s");
    let run = run_bounded(&site, &["check", "--rules", given.to_str().expect("UTF-8")], &[("CI_JOB_TOKEN", TOKEN)]);
    run.expect_code(1);
    assert!(!run.stderr.contains("Hostile0Token"), "{}", run.stderr);
    assert_reports(&run, "the alert `Far` has no runbook in the handbook");
    assert_reports(
        &run,
        "error[symlink-outside-root]: the rule file is not read: it leads outside the folder given on the command line (to /proc/",
    );
}

/// What the YAML parser quotes back of a rule file (a character it stopped at, a
/// bracket) is left out of the message: the file is named with its line and column.
#[test]
fn a_rule_file_the_parser_stops_in_is_named_without_its_text() {
    let site = Site::with_files("rules-quoted", &[("content/p.md", PAGE)]);
    site.write("rules/nul.yml", "groups:\n  - name: \"x\u{0}y\"\n");
    site.write("rules/bracket.yml", "groups:\n  - name: a\n    rules: [x\n");
    let run = run_bounded(&site, &["check", "--format", "json", "--rules", "rules"], &[]);
    run.expect_code(1);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let messages: Vec<(&str, u64, u64, &str)> = findings
        .as_array()
        .expect("a list")
        .iter()
        .map(|f| {
            let text = |key: &str| f[key].as_str().unwrap_or_default();
            (text("path"), f["line"].as_u64().unwrap_or(0), f["column"].as_u64().unwrap_or(0), text("message"))
        })
        .collect();
    assert_eq!(
        messages,
        [
            ("rules/bracket.yml", 3, 12, "invalid YAML: unclosed bracket"),
            ("rules/nul.yml", 2, 13, "invalid YAML: unexpected character"),
        ]
    );
}

/// The old tool's configuration beside `book.toml` (`content::old_tool`), read for its
/// URL settings: a named pipe is not waited on, and one linked out of the handbook is
/// not read (a note names it, without what it holds); the build goes on with the
/// tool's defaults.
#[test]
fn the_old_tools_configuration_is_read_only_when_it_is_a_file_of_the_handbook() {
    let site = Site::with_files("old-tool-config", &[("content/p.md", PAGE)]);
    let elsewhere = Site::with_files("old-tool-config-elsewhere", &[]);
    elsewhere.write("hugo.toml", "secret = \"do-not-echo\"\n");
    std::os::unix::fs::symlink(elsewhere.root.join("hugo.toml"), site.root.join("hugo.toml")).expect("a link");
    make_fifo(&site.root.join("_config.yml"));
    make_fifo(&site.root.join("docusaurus.config.js"));
    for command in ["build", "check"] {
        let run = run_bounded(&site, &[command], &[]);
        run.expect_code(0);
        assert_reports(&run, "note[config-syntax]: the file is not read: it leads outside the handbook's folder");
        assert_reports(&run, " --> hugo.toml");
        assert!(!run.stderr.contains("do-not-echo"), "{}", run.stderr);
    }
    assert!(site.exists("public/p/index.html"));
}

/// Middleman's `config.rb`, read for `activate :directory_indexes` and its `page`
/// patterns (`content::middleman_site`): one linked out of the handbook is a note and
/// not read, a named pipe is not waited on, and of a file of 200,000 wildcard patterns
/// the first 1,000 are read, with one note; the pages keep Middleman's defaults
/// (`guide.html`) when the file is not read.
#[test]
fn middlemans_config_rb_is_read_only_when_it_is_a_file_of_the_handbook() {
    let book = "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"source\"\n";
    let files = [("book.toml", book), ("config/tech-docs.yml", "host: x\n"), ("source/guide.html.md", "# Guide\n")];
    let site = Site::with_files("middleman-config", &files);
    let elsewhere = Site::with_files("middleman-config-elsewhere", &[]);
    elsewhere.write("config.rb", "activate :directory_indexes # do-not-echo\n");
    std::os::unix::fs::symlink(elsewhere.root.join("config.rb"), site.root.join("config.rb")).expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert_reports(&run, "note[config-syntax]: the file is not read: it leads outside the handbook's folder");
    assert_reports(&run, " --> config.rb");
    assert!(!run.stderr.contains("do-not-echo"), "{}", run.stderr);
    assert!(site.exists("public/guide.html"), "{}", run.stderr);
    std::fs::remove_file(site.root.join("config.rb")).expect("unlink");
    make_fifo(&site.root.join("config.rb"));
    run_bounded(&site, &["build"], &[]).expect_code(0);
    assert!(site.exists("public/guide.html"));
    std::fs::remove_file(site.root.join("config.rb")).expect("unlink");
    let patterns: String = (0..200_000).map(|i| format!("page \"/p{i}*x*y*z\", directory_index: false\n")).collect();
    site.write("config.rb", format!("activate :directory_indexes\n{patterns}"));
    for i in 0..200 {
        site.write(&format!("source/many/p{i}.html.md"), "# P\n");
    }
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert!(site.exists("public/guide/index.html") && site.exists("public/many/p7/index.html"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("only the first 1,000 `page` patterns are read").count(), 1, "{}", run.stderr);
}

/// Hugo's `config/_default/markup.toml`, read for its definition-list settings, is read
/// like the other configuration files: one linked out of the handbook is a note, not
/// read, and Goldmark's defaults stand (definition lists, no term ids).
#[test]
fn hugos_markup_file_is_read_only_when_it_is_a_file_of_the_handbook() {
    let page = "---\ntitle: Terms\n---\nQuorum\n: A majority.\n";
    let site = Site::with_files("markup-config", &[("hugo.toml", "title = \"T\"\n"), ("content/terms.md", page)]);
    let elsewhere = Site::with_files("markup-config-elsewhere", &[]);
    elsewhere.write("markup.toml", "[goldmark.parser]\nautoDefinitionTermID = true\n");
    std::fs::create_dir_all(site.root.join("config/_default")).expect("a folder");
    std::os::unix::fs::symlink(elsewhere.root.join("markup.toml"), site.root.join("config/_default/markup.toml"))
        .expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert_reports(&run, "note[config-syntax]: the file is not read: it leads outside the handbook's folder");
    assert_reports(&run, " --> config/_default/markup.toml");
    let html = site.read("public/terms/index.html");
    assert!(html.contains("<dt>Quorum</dt>"), "the defaults stand: {html}");
}

/// Hugo's `config/production/hugo.toml`, read for the `baseURL` the site was published
/// at, is read like the other configuration files: one linked out of the handbook is a
/// note, not read, and a link to the address it names stays a link to another site.
#[test]
fn hugos_production_file_is_read_only_when_it_is_a_file_of_the_handbook() {
    let page = "# Home\n\nSee [install](https://hostile.example.org/install/).\n";
    let files = [("hugo.toml", "title = \"T\"\n"), ("content/_index.md", page), ("content/install.md", "# Install\n")];
    let site = Site::with_files("production-config", &files);
    let elsewhere = Site::with_files("production-config-elsewhere", &[]);
    elsewhere.write("hugo.toml", "baseURL = \"https://hostile.example.org/\"\n");
    std::fs::create_dir_all(site.root.join("config/production")).expect("a folder");
    std::os::unix::fs::symlink(elsewhere.root.join("hugo.toml"), site.root.join("config/production/hugo.toml"))
        .expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert_reports(&run, "note[config-syntax]: the file is not read: it leads outside the handbook's folder");
    assert_reports(&run, " --> config/production/hugo.toml");
    let html = site.read("public/index.html");
    assert!(html.contains(r#"href="https://hostile.example.org/install/""#), "the address is not read: {html}");
}

/// A Docusaurus version whose name (`versions.json`) or path (`versions.NAME.path` in
/// `docusaurus.config.js`) leads out of `versioned_docs/` is an error at its file,
/// line and column, and nothing there is read.
#[test]
fn docusaurus_versions_that_lead_out_of_their_folder_are_errors_at_their_place() {
    let site = crate::util::Site::with_files(
        "hostile-docusaurus-versions",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"X\"\n[build]\ncontent-dir = \"docs\"\n[markdown]\nheading-ids = \"docusaurus\"\n",
            ),
            (
                "docusaurus.config.js",
                "module.exports = { presets: [['classic', { docs: {\n  lastVersion: 'current',\n  versions: { ok: { path: '../../etc' } },\n} }]] };\n",
            ),
            ("versions.json", "[\n  \"../../secret\",\n  \"ok\"\n]\n"),
            ("docs/intro.md", "# Intro\n"),
            ("versioned_docs/version-ok/a.md", "# A\n"),
            ("secret/a.md", "# Hostile0Version0Secret\n"),
        ],
    );
    let run = site.run(&["build"]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(
        run.stderr.contains("error[config-field]: the version `../../secret` leads out of its folder"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("versions.json:2:3"), "{}", run.stderr);
    assert!(run.stderr.contains("the path `../../etc` of version `ok` leads out of its folder"), "{}", run.stderr);
    assert!(run.stderr.contains("docusaurus.config.js:3:27"), "{}", run.stderr);
    assert!(!site.exists("public/secret/a/index.html"));
}

/// A symbolic link to nothing (into a `node_modules/` not installed, as a Jekyll site's
/// `_assets/vendor/bootstrap` is) is no content: a folder or file of that kind is left
/// out with a warning and the build goes on; one with a page's name stays an error, so
/// that `serve` keeps the last good version while an editor saves the page.
#[cfg(unix)]
#[test]
fn a_link_to_nothing_is_left_out_and_a_page_that_is_one_is_an_error() {
    let site = Site::with_files("dangling-links", &[("content/index.md", "# Home\n")]);
    for (link, target) in [
        ("content/vendor/bootstrap", "../../node_modules/bootstrap"),
        ("content/img/logo.png", "/nonexistent/logo.png"),
    ] {
        std::fs::create_dir_all(site.root.join(link).parent().expect("a folder")).expect("folders");
        std::os::unix::fs::symlink(target, site.root.join(link)).expect("a link");
    }
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(0);
    assert_reports(
        &run,
        "warning[unreadable-file]: a symbolic link to nothing (`../../node_modules/bootstrap`): it is left out\n --> content/vendor/bootstrap",
    );
    assert_reports(
        &run,
        "warning[unreadable-file]: a symbolic link to nothing (`/nonexistent/logo.png`): it is left out\n --> content/img/logo.png",
    );
    assert!(!site.exists("public/vendor/bootstrap") && !site.exists("public/img/logo.png"));
    std::os::unix::fs::symlink("../elsewhere/page.md", site.root.join("content/page.md")).expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[unreadable-file]: cannot read:"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/page.md"), "{}", run.stderr);
}

/// `book.toml` is read as every file of the handbook is, through the one confinement:
/// a `book.toml` committed as a link out of the handbook is refused by name, and
/// nothing of the file it leads to is read or printed.
#[test]
fn a_book_toml_that_links_out_of_the_handbook_is_refused_and_not_echoed() {
    let site = Site::with_files("linked-config", &[("content/p.md", PAGE)]);
    let elsewhere = Site::with_files("linked-config-elsewhere", &[]);
    elsewhere.write("settings.toml", "[handbook]\ntitle = \"do-not-echo\"\nbroken = =\n");
    std::fs::remove_file(site.root.join("book.toml")).expect("remove book.toml");
    std::os::unix::fs::symlink(elsewhere.root.join("settings.toml"), site.root.join("book.toml")).expect("a link");
    for command in ["build", "check"] {
        let run = run_bounded(&site, &[command], &[]);
        run.expect_code(2);
        assert_reports(&run, "book.toml is not read: it leads outside the handbook's folder");
        assert!(!run.stderr.contains("do-not-echo") && !run.stdout.contains("do-not-echo"), "{}", run.stderr);
    }
    assert!(!site.exists("public"), "nothing was built");
    // A link that stays in the handbook is read as the file it leads to.
    site.write("config/book.toml", "[handbook]\ntitle = \"Kept\"\n");
    std::fs::remove_file(site.root.join("book.toml")).expect("remove the link");
    std::os::unix::fs::symlink("config/book.toml", site.root.join("book.toml")).expect("a link");
    run_bounded(&site, &["build"], &[]).expect_code(0);
    assert!(site.read("public/p/index.html").contains("Kept"));
}

/// The handbook's `_redirects` file, which the link check reads: past the limit of a
/// configuration file it is not read (a warning that names it, without its text), and
/// the links it would have made good are checked as they are.
#[test]
fn a_redirects_file_is_read_within_its_limit() {
    let page = "# P\n\n[old](/old/db/)\n";
    let site = Site::with_files("redirects-reads", &[("content/p.md", page)]);
    make_sparse(&site.root.join("static/_redirects"), (16 << 20) + 1);
    let run = run_bounded(&site, &["check"], &[]);
    run.expect_code(1);
    assert_reports(
        &run,
        "warning[unreadable-file]: cannot read the `_redirects` file, so links to the paths it redirects are checked as they are: it is larger than 16 MiB",
    );
    assert_reports(&run, " --> static/_redirects\n");
    assert_reports(&run, "error[broken-link]");
    std::fs::remove_file(site.root.join("static/_redirects")).expect("remove");
    site.write("static/_redirects", "/old/* /p/ 301\n");
    run_bounded(&site, &["check"], &[]).expect_code(0);
}
