//! Hostile inputs: Middleman's `<%= partial %>`, which reads the file a page names. A
//! name that climbs out of the handbook, an absolute one or a partial linked out of it
//! reads nothing; a named pipe, a file past the size limit and a partial that includes
//! itself are errors at the tag, with no hang and the previous output kept.

#![cfg(unix)]

use crate::reads::{make_fifo, run_bounded};
use crate::util::{Site, main_of, panicked};

/// What a file outside the handbook holds, which no output may show.
const SECRET: &str = "outside-secret-partial-0123456789";

/// A Middleman handbook of `files`, its broken links at `links`.
fn middleman(name: &str, links: &str, files: &[(&str, &str)]) -> Site {
    let book =
        format!("[handbook]\ntitle = \"X\"\n\n[build]\ncontent-dir = \"source\"\n\n[check]\nlinks = \"{links}\"\n");
    let mut all = vec![("config.rb", "# Middleman\n"), ("book.toml", book.as_str())];
    all.extend_from_slice(files);
    Site::with_files(name, &all)
}

#[test]
fn a_partial_never_leaves_the_handbook() {
    let elsewhere = Site::with_files("partial-elsewhere", &[("_secret.erb", SECRET), ("secret.erb", SECRET)]);
    let climb = format!("{}/secret", "../".repeat(elsewhere.root.components().count() + 2));
    let absolute = format!("{}/secret", elsewhere.root.display());
    let page = format!("# P\n\n<%= partial '{climb}' %>\n\n<%= partial '{absolute}' %>\n");
    for links in ["warn", "error"] {
        let site = middleman("partial-outside", links, &[("source/index.html.md.erb", &page)]);
        let run = run_bounded(&site, &["build"], &[]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains(SECRET), "{}", run.stderr);
        // Each is a partial not found, at the severity of broken links, at its tag.
        assert_eq!(run.code == 0, links == "warn", "{}", run.stderr);
        for line in [3, 5] {
            assert!(run.stderr.contains(&format!("source/index.html.md.erb:{line}:1")), "{line}: {}", run.stderr);
        }
        assert!(run.stderr.contains("could not locate partial"), "{}", run.stderr);
        if links == "warn" {
            let main = main_of(&site.read("public/index.html")).to_string();
            assert_eq!(main.matches("unsupported: <code>").count(), 2, "two placeholders: {main}");
        }
        assert!(site.files_containing("public", SECRET).is_empty(), "the file outside was read");
    }
    // A partial linked out of the handbook: the link is an error of its own, and the
    // partial is not read.
    let site = middleman("partial-linked", "warn", &[("source/index.html.md.erb", "# P\n\n<%= partial 'linked' %>\n")]);
    std::os::unix::fs::symlink(elsewhere.root.join("_secret.erb"), site.root.join("source/_linked.erb"))
        .expect("a link");
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[symlink-outside-root]"), "{}", run.stderr);
    assert!(run.stderr.contains("source/index.html.md.erb:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("could not locate partial `linked`"), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET) && site.files_containing("public", SECRET).is_empty());
}

#[test]
fn a_pipe_a_huge_file_and_a_partial_that_includes_itself_are_errors_at_the_tag() {
    let site = middleman(
        "partial-refused",
        "warn",
        &[("source/index.html.md.erb", "# P\n\nKept.\n"), ("source/_loop.erb", "L <%= partial 'loop' %>")],
    );
    site.build(&[]).expect_code(0);
    make_fifo(&site.root.join("source/_pipe.erb"));
    let huge = std::fs::File::create(site.root.join("source/_huge.erb")).expect("a file");
    huge.set_len(64 << 20).expect("a sparse file of 64 MiB");
    for (name, says) in [
        ("pipe", "partial `pipe` is not read"),
        ("huge", "larger than the 16 MiB a page may include"),
        ("loop", "partial `loop` includes itself (source/_loop.erb -> source/_loop.erb)"),
    ] {
        site.write("source/index.html.md.erb", format!("# P\n\nNew.\n\n<%= partial '{name}' %>\n"));
        let run = run_bounded(&site, &["build"], &[]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains("source/index.html.md.erb:5:1"), "{name}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        // The build that failed left the previous output as it was.
        let main = main_of(&site.read("public/index.html")).to_string();
        assert!(main.contains("Kept.") && !main.contains("New."), "{name}: {main}");
    }
}
