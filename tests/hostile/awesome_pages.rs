//! Hostile inputs: the awesome-pages plugin's `.pages` files of an MkDocs site, linked
//! out of the handbook, named pipes, huge, nested deeper than any navigation, with
//! names, globs and expressions that climb out of the docs folder, and a `filename`
//! option that names a path. Each settings file is read through the confinement and
//! `crate::fs`, and arranged in bounded time and stack.

#![cfg(unix)]

use std::time::{Duration, Instant};

use crate::util::Site;

const MKDOCS: &str = "site_name: X\ndocs_dir: content\nplugins:\n  - awesome-pages\n";

/// A `.pages` linked to a file out of the handbook is refused, not read, and nothing
/// of that file shows; a named pipe is not waited on.
#[test]
fn a_settings_file_that_leads_out_of_the_handbook_is_not_read() {
    let elsewhere = Site::with_files("awesome-pages-elsewhere", &[("pages", "title: Hostile0Title\n")]);
    let site = Site::with_files(
        "awesome-pages-hostile",
        &[("mkdocs.yml", MKDOCS), ("content/a.md", "# A\n"), ("content/ops/b.md", "# B\n")],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("pages"), site.root.join("content/ops/.pages")).expect("link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("the file is not read"), "refused like any link out: {}", run.stderr);
    assert!(run.stderr.contains("content/ops/.pages"), "the refusal names the file: {}", run.stderr);
    if site.exists("public/a/index.html") {
        assert!(!site.read("public/a/index.html").contains("Hostile0Title"));
    }

    std::fs::remove_file(site.root.join("content/ops/.pages")).expect("unlink");
    crate::reads::make_fifo(&site.root.join("content/ops/.pages"));
    let run = crate::reads::run_bounded(&site, &["build", "--force"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
}

/// Names, globs and expressions that climb out of the docs folder take nothing from
/// there, the plugin's `filename` cannot name a path, a deeply nested or huge settings
/// file is read in bounded time and stack, and one over the size limit is refused at
/// its name.
#[test]
fn climbing_names_huge_and_deep_settings_are_bounded() {
    let climbing = "nav:\n  - ../../secret.md\n  - \"... | ../*\"\n  - \"... | regex=\\\\.\\\\./\"\n  - Out: ../mkdocs.yml\n  - \"...\"\n";
    let config = "site_name: X\ndocs_dir: content\nplugins:\n  - awesome-pages:\n      filename: ../../outside.yml\nnav:\n  - \"... | **/../*\"\n  - '... | regex=^\\.\\.'\n  - \"...\"\n";
    let site = Site::with_files(
        "awesome-pages-climbing",
        &[
            ("mkdocs.yml", config),
            ("content/.pages", climbing),
            ("content/a.md", "# A\n"),
            ("secret.md", "# Hostile0Secret\n"),
            ("outside.yml", "title: Hostile0Outside\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    let page = site.read("public/a/index.html");
    assert!(!page.contains("Hostile0Secret") && !page.contains("Hostile0Outside"), "{}", run.stderr);
    assert!(run.stderr.contains("`filename` is a file name, without a folder"), "{}", run.stderr);

    let deep = format!("nav:\n  - {}a.md{}\n", "{x: [".repeat(50_000), "]}".repeat(50_000));
    let items = "  - S:\n    - a.md\n    - \"... | *\"\n    - L: https://example.org/\n".repeat(40_000);
    for (name, text) in [("deep", deep), ("huge", format!("nav:\n{items}")), ("vast", "#".repeat(17 << 20))] {
        let site = Site::with_files(
            &format!("awesome-pages-{name}"),
            &[("mkdocs.yml", MKDOCS), ("content/.pages", &text), ("content/a.md", "# A\n")],
        );
        let started = Instant::now();
        let run = site.build(&[]);
        assert!(!crate::util::panicked(&run.stderr), "{name}: {}", run.stderr);
        assert!(started.elapsed() < Duration::from_secs(30), "{name}: {:?}", started.elapsed());
        let refused = run.stderr.contains("--> content/.pages") && run.stderr.contains("larger than 16 MiB");
        assert!(if name == "vast" { refused } else { site.exists("public/a/index.html") }, "{name}: {}", run.stderr);
    }
}

/// A folder named many times over in `.pages` files that are named many times over
/// multiplies with each level (27 million entries here): the navigation is cut, with
/// a warning, in bounded time.
#[test]
fn sections_named_many_times_over_are_cut() {
    let names = |name: &str| format!("nav:\n{}", format!("  - {name}\n").repeat(300));
    let site = Site::with_files(
        "awesome-pages-many",
        &[
            ("mkdocs.yml", MKDOCS),
            ("content/.pages", &names("ops")),
            ("content/ops/.pages", &names("sub")),
            ("content/ops/sub/.pages", &names("b.md")),
            ("content/ops/sub/b.md", "# B\n"),
        ],
    );
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(started.elapsed() < Duration::from_secs(30), "{:?}", started.elapsed());
    assert!(run.stderr.contains("the navigation is cut"), "{}", run.stderr);
    assert!(site.exists("public/ops/sub/b/index.html"), "{}", run.stderr);
}
