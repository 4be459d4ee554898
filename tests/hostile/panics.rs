//! Hostile inputs: a panic while rendering one page. Whatever
//! breaks in opsbook's code on one page, the build reports it as an `internal-error` at
//! that page's file with the other pages' problems, fails without touching the previous
//! output, and prints no panic or backtrace; `serve` shows it and keeps serving. A panic
//! anywhere else prints one line.
//!
//! The panic is forced on the real path by `OPSBOOK_TEST_PANIC=STEP:FILE`, which the
//! binary honours when built with the feature `test-hooks` (`src/panics.rs`), on in
//! every `cargo test` and in no shipped binary (`Cargo.toml`).

use std::collections::BTreeMap;

use crate::util::{Server, Site, opsbook, save};

const GOOD: &str = "---\ntitle: Good\n---\n\nFine text.\n";
const BROKEN_LINK: &str = "---\ntitle: Other\n---\n\nSee [gone](gone.md).\n";

/// A handbook built once, so that a failing build has a previous output to keep.
fn built(name: &str) -> Site {
    let site = Site::with_files(name, &[("content/a.md", GOOD), ("content/b.md", GOOD)]);
    site.build(&[]).expect_code(0);
    site
}

/// Every file of the output, with its bytes.
fn output(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.files_under("public")
        .into_iter()
        .map(|path| (path.clone(), site.read_bytes(&format!("public/{path}"))))
        .collect()
}

/// Runs `opsbook ARGS` in `site` with a panic forced at `at` (`STEP:FILE`) and the
/// backtraces asked for, as a developer's shell might.
fn run_panicking(site: &Site, at: &str, args: &[&str]) -> crate::util::Run {
    let output = opsbook()
        .args(args)
        .env("OPSBOOK_TEST_PANIC", at)
        .env("RUST_BACKTRACE", "1")
        .current_dir(&site.root)
        .output()
        .expect("run opsbook");
    crate::util::Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[track_caller]
fn assert_no_panic_printed(stderr: &str) {
    for printed in ["panicked", "stack backtrace", "RUST_BACKTRACE", "thread '"] {
        assert!(!stderr.contains(printed), "{printed:?} printed:\n{stderr}");
    }
}

#[test]
fn a_panic_in_a_pages_markdown_is_an_internal_error_at_the_page_and_the_previous_output_stays() {
    let site = built("panic-markdown");
    site.write("content/b.md", BROKEN_LINK);
    let before = output(&site);
    let run = run_panicking(&site, "markdown:content/a.md", &["build"]);
    run.expect_code(1);
    assert_no_panic_printed(&run.stderr);
    assert!(
        run.stderr.contains(
            "error[internal-error]: internal error while rendering this page, please report it: \
             OPSBOOK_TEST_PANIC asked for a panic in the markdown step of content/a.md (at crates/markdown/src/markdown/mod.rs:"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/a.md\n"), "{}", run.stderr);
    assert!(run.stderr.contains("this is a bug in opsbook, not a mistake in the page"), "{}", run.stderr);
    // The other pages were rendered all the same: their problems are reported too.
    assert!(run.stderr.contains("error[broken-link]"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/b.md:5:5"), "{}", run.stderr);
    assert_eq!(output(&site), before, "the previous output stays as it was");
}

#[test]
fn a_panic_in_a_pages_template_is_an_internal_error_at_the_page_and_the_previous_output_stays() {
    let site = built("panic-template");
    let before = output(&site);
    // An unchanged page is kept by its key and its template not run: the page is edited,
    // as the change that meets the panic would be.
    site.write("content/b.md", GOOD.replace("Fine text.", "Finer text."));
    let run = run_panicking(&site, "template:content/b.md", &["build"]);
    run.expect_code(1);
    assert_no_panic_printed(&run.stderr);
    assert!(
        run.stderr.contains(
            "error[internal-error]: internal error while rendering this page, please report it: \
             OPSBOOK_TEST_PANIC asked for a panic in the template step of content/b.md (at src/render/mod.rs:"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/b.md\n"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[").count(), 1, "{}", run.stderr);
    assert_eq!(output(&site), before, "the previous output stays as it was");
}

#[test]
fn a_check_reports_a_panic_in_a_pages_markdown_as_an_internal_error() {
    let site = Site::with_files("panic-check", &[("content/a.md", GOOD)]);
    let run = run_panicking(&site, "markdown:content/a.md", &["check"]);
    run.expect_code(1);
    assert_no_panic_printed(&run.stderr);
    assert!(run.stderr.contains("error[internal-error]: internal error while rendering this page"), "{}", run.stderr);
}

#[test]
fn serve_shows_a_panic_in_a_new_pages_rendering_and_keeps_serving() {
    let site = Site::with_files("panic-serve", &[("content/a.md", GOOD)]);
    let server = Server::start_with(&site, &[], &[("OPSBOOK_TEST_PANIC", "template:content/boom.md")], None);
    assert_eq!(server.get("/a/").0, 200);
    save(&site, "content/boom.md", GOOD);
    server.wait_for("the internal error", |s| s.stderr().contains("error[internal-error]"));
    let stderr = server.stderr();
    assert_no_panic_printed(&stderr);
    assert!(stderr.contains("Still serving the last good version"), "{stderr}");
    assert_eq!(server.get("/a/").0, 200, "the last good site is served");
    // An edit of another page while the build is broken, then the page gone: fixed.
    save(&site, "content/a.md", &GOOD.replace("Fine text.", "Finer text."));
    std::fs::remove_file(site.root.join("content/boom.md")).expect("remove the page");
    // The edit of a/ may be served before the page's removal is built: wait for both.
    server.wait_for("the fix", |s| s.stderr().contains("Fixed.") && s.get("/a/").1.contains("Finer text."));
}

#[test]
fn a_panic_outside_a_pages_work_prints_one_line_without_a_backtrace() {
    let site = Site::with_files("panic-command", &[("content/a.md", GOOD)]);
    let output = opsbook()
        .arg("build")
        .env("OPSBOOK_TEST_PANIC", "command:run")
        .env_remove("RUST_BACKTRACE")
        .current_dir(&site.root)
        .output()
        .expect("run opsbook");
    assert_eq!(output.status.code(), Some(101), "Rust's exit code for a panic");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(
            "error: internal error, please report it: OPSBOOK_TEST_PANIC asked for a panic in the command step of run (at src/cmd/mod.rs:"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!site.exists("public"));
}
