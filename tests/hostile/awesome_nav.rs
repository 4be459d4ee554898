//! Hostile inputs: the awesome-nav plugin's `.nav.yml` files of an MkDocs site, linked
//! out of the handbook, named pipes, huge, nested deeper than any navigation, with
//! patterns and names that climb out of the docs folder, and a `filename` option that
//! names a path. Each settings file is read through the confinement and `crate::fs`,
//! and arranged in bounded time and stack.

#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::util::Site;

const MKDOCS: &str = "site_name: X\ndocs_dir: content\nplugins:\n  - awesome-nav\n";

/// A `.nav.yml` linked to a file out of the handbook is refused, not read, and nothing
/// of that file shows; a named pipe is not waited on.
#[test]
fn a_settings_file_that_leads_out_of_the_handbook_is_not_read() {
    let elsewhere = Site::with_files("awesome-nav-elsewhere", &[("nav.yml", "nav:\n  - Hostile0Title: b.md\n")]);
    let site = Site::with_files(
        "awesome-nav-hostile",
        &[("mkdocs.yml", MKDOCS), ("content/a.md", "# A\n"), ("content/ops/b.md", "# B\n")],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("nav.yml"), site.root.join("content/ops/.nav.yml")).expect("link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("the file is not read"), "refused like any link out: {}", run.stderr);
    assert!(run.stderr.contains("content/ops/.nav.yml"), "the refusal names the file: {}", run.stderr);
    if site.exists("public/a/index.html") {
        assert!(!site.read("public/a/index.html").contains("Hostile0Title"));
    }

    std::fs::remove_file(site.root.join("content/ops/.nav.yml")).expect("unlink");
    crate::reads::make_fifo(&site.root.join("content/ops/.nav.yml"));
    let run = crate::reads::run_bounded(&site, &["build", "--force"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
}

/// Names and patterns that climb out of the docs folder find nothing there, the plugin's
/// `filename` cannot name a path, a deeply nested or huge settings file is read in
/// bounded time and stack, and one over the size limit is refused at its name.
#[test]
fn climbing_names_huge_and_deep_settings_are_bounded() {
    let climbing = "nav:\n  - ../../secret.md\n  - \"../**\"\n  - Out: ../mkdocs.yml\n  - \"**/../*\"\n";
    let config = "site_name: X\ndocs_dir: content\nplugins:\n  - awesome-nav:\n      filename: ../../outside.yml\n";
    let site = Site::with_files(
        "awesome-nav-climbing",
        &[
            ("mkdocs.yml", config),
            ("content/.nav.yml", climbing),
            ("content/a.md", "# A\n"),
            ("secret.md", "# Hostile0Secret\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(!site.read("public/a/index.html").contains("Hostile0Secret"), "{}", run.stderr);

    let deep = format!("nav:\n  - {}a.md{}\n", "{x: [".repeat(50_000), "]}".repeat(50_000));
    let items = "  - S:\n    - a.md\n    - \"*\"\n    - L: https://example.org/\n".repeat(40_000);
    for (name, text) in [("deep", deep), ("huge", format!("nav:\n{items}")), ("vast", "#".repeat(17 << 20))] {
        let site = Site::with_files(
            &format!("awesome-nav-{name}"),
            &[("mkdocs.yml", MKDOCS), ("content/.nav.yml", &text), ("content/a.md", "# A\n")],
        );
        let started = Instant::now();
        let run = site.build(&[]);
        assert!(!crate::util::panicked(&run.stderr), "{name}: {}", run.stderr);
        assert!(started.elapsed() < Duration::from_secs(30), "{name}: {:?}", started.elapsed());
        let refused = run.stderr.contains("--> content/.nav.yml") && run.stderr.contains("larger than 16 MiB");
        assert!(if name == "vast" { refused } else { site.exists("public/a/index.html") }, "{name}: {}", run.stderr);
    }
}
