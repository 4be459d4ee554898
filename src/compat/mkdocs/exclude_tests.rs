//! MkDocs's cases (mkdocs/mkdocs at 2862536793b3c67d9d83c33e0dd6d50a791928f8) and the
//! mkdocs-exclude plugin's rule (apenwarr/mkdocs-exclude at
//! fdd67d2685ff706de126e99daeaaaf3f6f7cf3ae, `mkdocs_exclude/plugin.py`, `on_files`).

use super::{fnmatch_regex, leave_out, read};
use crate::content::ContentFiles;

fn left(yaml: &str, docs_dir: &str, paths: &[&str]) -> (Vec<String>, Vec<String>) {
    let mut diagnostics = Vec::new();
    let exclusions = read(yaml, "mkdocs.yml", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut files = ContentFiles::default();
    for path in paths {
        let list = if path.ends_with(".md") { &mut files.pages } else { &mut files.assets };
        list.push(path.to_string());
    }
    leave_out(&mut files, docs_dir, &exclusions);
    (files.pages, files.assets)
}

/// `tests/structure/file_tests.py`, `test_get_files`: the defaults leave out dot files
/// and the top `templates/` folder, and keep the rest.
#[test]
fn test_get_files() {
    let paths = ["index.md", "readme.md", "bar.css", "bar.html", "bar.jpg", "bar.js", "bar.md", ".dotfile"];
    let (pages, assets) = left("site_name: x\n", "", &[&paths[..], &["templates/foo.html"]].concat());
    assert_eq!(pages, ["index.md", "readme.md", "bar.md"]);
    assert_eq!(assets, ["bar.css", "bar.html", "bar.jpg", "bar.js"]);
}

/// `tests/build_tests.py`, `test_exclude_readme_and_index`: with `index.md` left out,
/// the `README.md` beside it stays (and becomes the folder's page).
#[test]
fn test_exclude_readme_and_index() {
    let (pages, _) = left("exclude_docs: index.md\n", "", &["foo/README.md", "foo/index.md"]);
    assert_eq!(pages, ["foo/README.md"]);
}

/// `tests/build_tests.py`, `test_draft_docs_with_comments_from_user_guide`: `build`
/// leaves drafts out.
#[test]
fn test_draft_docs_with_comments_from_user_guide() {
    let yaml = "draft_docs: |\n  # A \"drafts\" directory anywhere.\n  drafts/\n\n  *_unpublished.md\n  !/foo_unpublished.md\n";
    let paths = [
        "foo_unpublished.md",
        "other_unpublished.md",
        "normal_file.md",
        "test/other_unpublished.md",
        "test/normal_file.md",
    ];
    let (pages, _) =
        left(yaml, "docs", &paths.map(|p| format!("docs/{p}")).iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(pages, ["docs/foo_unpublished.md", "docs/normal_file.md", "docs/test/normal_file.md"]);
}

#[test]
fn files_outside_the_docs_folder_are_kept() {
    let (pages, _) = left("exclude_docs: '*.md'\n", "docs", &["docs/a.md", "other/b.md", "docs.md"]);
    assert_eq!(pages, ["other/b.md", "docs.md"]);
}

/// The plugin's options as rook-docs writes them, a single glob, and a regular
/// expression matched from the start of the path only.
#[test]
fn the_exclude_plugin_s_globs_and_expressions() {
    let yaml = "plugins:\n  - search\n  - exclude:\n      glob:\n        - README.md\n        - \"*.gotmpl\"\n      regex: 'drafts/.*'\n";
    let paths = ["README.md", "a/README.md", "a/b.gotmpl", "x.gotmpl.md", "drafts/x.md", "a/drafts/y.md"];
    let (pages, assets) = left(yaml, "", &paths);
    assert_eq!(pages, ["a/README.md", "x.gotmpl.md", "a/drafts/y.md"]);
    assert!(assets.is_empty());
    let (pages, _) = left("plugins:\n  exclude:\n    glob: '*/secret-*'\n", "", &["a/b/secret-x.md", "secret-y.md"]);
    assert_eq!(pages, ["secret-y.md"]);
}

/// Python's `fnmatch.translate` rules: sets, `[!…]`, a `[` left open, `\` as itself.
#[test]
fn fnmatch_as_python_translates_it() {
    let is = |pattern: &str, name: &str| regex::Regex::new(&fnmatch_regex(pattern)).unwrap().is_match(name);
    assert!(is("*.md", "a/b.md") && !is("*.md", "a/b.mdx"));
    assert!(is("?.md", "a.md") && !is("?.md", "ab.md"));
    assert!(is("[ab].md", "b.md") && !is("[!ab].md", "b.md") && is("[!ab].md", "c.md"));
    assert!(is("[a-c]x", "bx") && is("[^a]", "^") && !is("[^a]", "b"));
    assert!(is("a[b", "a[b") && is("a\\b", "a\\b") && is("[]]", "]"));
}

#[test]
fn unreadable_patterns_are_warnings_at_their_line() {
    let mut diagnostics = Vec::new();
    let yaml = "site_name: x\nexclude_docs: |\n  ok.md\n  bad[.md\nplugins:\n  - exclude:\n      regex: ['(?<=x)y']\n";
    let exclusions = read(yaml, "mkdocs.yml", &mut diagnostics);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    assert_eq!((diagnostics[0].line, diagnostics[0].column), (4, 3));
    assert_eq!(diagnostics[1].line, 7);
    assert!(exclusions.leaves_out("ok.md") && !exclusions.leaves_out("bad.md"));
    read("exclude_docs: [a.md]\n", "mkdocs.yml", &mut diagnostics);
    assert_eq!(diagnostics.len(), 3);
}
