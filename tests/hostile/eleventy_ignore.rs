//! Hostile inputs: an Eleventy site's `.eleventyignore`, read beside book.toml and in
//! the content folder. One linked out of the handbook is not read (a note says so), one
//! past the size limit is not read either; the build goes on and publishes its pages.

#![cfg(unix)]

use crate::util::{Site, panicked};

/// An Eleventy handbook of `files` beside its `.eleventy.js`.
fn eleventy(name: &str, files: &[(&str, &str)]) -> Site {
    let mut all = vec![(".eleventy.js", "module.exports = {};\n"), ("content/kept.md", "# Kept\n")];
    all.extend_from_slice(files);
    Site::with_files(name, &all)
}

#[test]
fn an_ignore_file_linked_out_of_the_handbook_is_not_read() {
    let elsewhere = Site::with_files("eleventy-ignore-elsewhere", &[("ignore", "content/kept.md\nkept.md\n")]);
    let site = eleventy("eleventy-ignore-linked", &[("content/left.md", "# Left\n"), (".eleventyignore", "")]);
    std::fs::remove_file(site.root.join(".eleventyignore")).expect("unlink");
    for link in [".eleventyignore", "content/.eleventyignore"] {
        std::os::unix::fs::symlink(elsewhere.root.join("ignore"), site.root.join(link)).expect("a link");
    }
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains(".eleventyignore"), "a note names the file: {}", run.stderr);
    assert!(run.stderr.contains("leads outside the handbook"), "the link is refused: {}", run.stderr);
    assert!(site.exists("public/kept/index.html"), "{}", run.stderr);
}

#[test]
fn a_huge_ignore_file_is_not_read_and_a_small_one_is() {
    let site = eleventy("eleventy-ignore-huge", &[("content/left.template.md", "# Left\n")]);
    let huge = std::fs::File::create(site.root.join(".eleventyignore")).expect("a file");
    huge.set_len(64 << 20).expect("a sparse file of 64 MiB");
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(".eleventyignore"), "a note names the file: {}", run.stderr);
    assert!(site.exists("public/kept/index.html") && site.exists("public/left.template/index.html"));
    // Read, the same file leaves the template out.
    site.write(".eleventyignore", "# templates\ncontent/*.template.md\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/kept/index.html") && !site.exists("public/left.template/index.html"));
}
