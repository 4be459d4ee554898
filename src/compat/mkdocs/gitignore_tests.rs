//! Cases of pathspec's `tests/test_06_gitignore.py` (cpburnz/python-pathspec at
//! 6568072c2703c72796cd02467feb924540157c92) and of MkDocs's tests of its settings
//! (mkdocs/mkdocs at 2862536793b3c67d9d83c33e0dd6d50a791928f8).

use super::GitIgnore;

fn spec(lines: &[&str]) -> GitIgnore {
    let mut spec = GitIgnore::default();
    for line in lines {
        spec.add(line).expect("a pattern that reads");
    }
    spec
}

/// Asserts that of `files`, `spec` matches exactly `matched`.
fn check(lines: &[&str], files: &[&str], matched: &[&str]) {
    let spec = spec(lines);
    for file in files {
        assert_eq!(spec.matches(file), matched.contains(file), "{lines:?} on {file}");
    }
}

#[test]
fn test_02_dir_exclusions() {
    let files = ["test1/a.txt", "test1/b.bin", "test1/c/c.txt", "test2/a.txt", "test2/b.bin", "test2/c/c.txt"];
    check(&["*.txt", "!test1/"], &files, &["test1/a.txt", "test1/c/c.txt", "test2/a.txt", "test2/c/c.txt"]);
}

#[test]
fn test_02_file_exclusions() {
    let files = ["X/a.txt", "X/b.txt", "X/Z/c.txt", "Y/a.txt", "Y/b.txt", "Y/Z/c.txt"];
    check(&["*.txt", "!b.txt"], &files, &["X/a.txt", "X/Z/c.txt", "Y/a.txt", "Y/Z/c.txt"]);
}

const ISSUE_41: [&str; 7] = [
    "dir.yaml/file.sql",
    "dir.yaml/file.yaml",
    "dir.yaml/index.txt",
    "dir/file.sql",
    "dir/file.yaml",
    "dir/index.txt",
    "file.yaml",
];

#[test]
fn test_02_issue_41_a_b_c() {
    let yaml = ["dir.yaml/file.yaml", "dir/file.yaml", "file.yaml"];
    check(&["*.yaml", "!*.yaml/"], &ISSUE_41, &yaml);
    let b = ["dir.yaml/file.sql", "dir.yaml/file.yaml", "dir.yaml/index.txt", "dir/file.yaml", "file.yaml"];
    check(&["!*.yaml/", "*.yaml"], &ISSUE_41, &b);
    check(&["*.yaml", "!dir.yaml"], &ISSUE_41, &yaml);
}

#[test]
fn test_04_issue_62() {
    check(
        &["*", "!product_dir/"],
        &["anydir/file.txt", "product_dir/file.txt"],
        &["anydir/file.txt", "product_dir/file.txt"],
    );
}

#[test]
fn test_05_issue_39() {
    let files = ["a.log", "b.txt", "important/d.log", "important/e.txt", "trace.c"];
    check(&["*.log", "!important/*.log", "trace.*"], &files, &["a.log", "trace.c"]);
}

#[test]
fn test_06_issue_64() {
    let files = ["x", "y.py", "A/x", "A/y.py", "A/B/x", "A/B/y.py", "A/B/C/x", "A/B/C/y.py"];
    check(&["**"], &files, &files);
}

#[test]
fn test_07_issue_74() {
    let files = ["test1/a.txt", "test1/b.bin", "test1/c/c.txt", "test2/a.txt", "test2/b.bin", "test2/c/c.txt"];
    check(
        &["*", "!*/", "!*.txt", "/test1/**"],
        &files,
        &["test1/a.txt", "test1/b.bin", "test1/c/c.txt", "test2/b.bin"],
    );
}

#[test]
fn test_08_issue_81_a_b_c() {
    let files = ["ignore.txt", "libfoo/__init__.py"];
    check(&["*", "!libfoo", "!libfoo/**"], &files, &["ignore.txt"]);
    check(&["*", "!libfoo", "!libfoo/*"], &files, &["ignore.txt"]);
    check(&["*", "!libfoo", "!libfoo/"], &files, &files);
}

#[test]
fn test_09_issue_100() {
    check(&[], &["foo"], &[]);
}

/// MkDocs's default `exclude_docs` (`_default_exclude`, `structure/files.py`), as
/// `file_tests.py`'s `test_get_files` meets it.
#[test]
fn test_get_files_default_exclusions() {
    let files = ["index.md", "readme.md", "bar.css", "bar.jpg", "bar.md", ".dotfile", "templates/foo.html"];
    check(&[".*", "/templates/"], &files, &[".dotfile", "templates/foo.html"]);
    check(&[".*", "/templates/"], &["a/templates/x.md", "a/.hidden/x.md", "templates.md"], &["a/.hidden/x.md"]);
}

/// `build_tests.py`'s `test_draft_docs_with_comments_from_user_guide` and
/// `test_draft_pages_with_invalid_links`, and `nav_tests.py`'s `test_nav_with_exclusion`.
#[test]
fn mkdocs_settings_cases() {
    let user_guide = [
        "                # A \"drafts\" directory anywhere.",
        "                drafts/",
        "",
        "                # A Markdown file ending in _unpublished.md anywhere.",
        "                *_unpublished.md",
        "",
        "                # But keep this particular file.",
        "                !/foo_unpublished.md",
    ];
    let files = [
        "foo_unpublished.md",
        "other_unpublished.md",
        "normal_file.md",
        "test/other_unpublished.md",
        "test/normal_file.md",
    ];
    check(&user_guide, &files, &["other_unpublished.md", "test/other_unpublished.md"]);
    check(&["ba*.md"], &["test/foo.md", "test/bar.md", "test/baz.md"], &["test/bar.md", "test/baz.md"]);
    let files =
        ["index.md", "foo.md", "about/license.md", "api-guide/debugging.md", "api-guide/running.md", "x/foo.md"];
    check(&["*ging.md", "/foo.md"], &files, &["foo.md", "api-guide/debugging.md"]);
}

#[test]
fn escapes_and_unreadable_patterns() {
    check(&["\\#x.md", "\\!y.md"], &["#x.md", "!y.md", "x.md"], &["#x.md", "!y.md"]);
    assert!(GitIgnore::default().add("a[").is_err());
}
