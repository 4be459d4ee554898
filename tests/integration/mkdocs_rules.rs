//! MkDocs's own rules, ported from MkDocs's unit tests as tables and built by the real
//! binary: where each page is published (`mkdocs/tests/structure/file_tests.py`).

use crate::util;

use util::Site;

/// One case of `file_tests.py`: the files of the docs folder, `use_directory_urls`, the
/// output files MkDocs writes (relative to the site folder), the ones it does not, and
/// the source whose page a file shared by two sources shows.
type FileCase =
    (&'static [&'static str], bool, &'static [&'static str], &'static [&'static str], (&'static str, &'static str));

/// The cases of mkdocs/mkdocs `mkdocs/tests/structure/file_tests.py` at commit
/// 2862536793b3c67d9d83c33e0dd6d50a791928f8 about which file a folder's page is, beyond
/// those `old_tool_links.rs` `mkdocs_publishes_each_file_where_its_file_tests_say`
/// ports: `test_get_files_include_readme_without_index`,
/// `test_get_files_exclude_readme_with_index`; then `foo.md` beside `foo/index.md` and
/// `foo/README.md`, which `File._get_dest_path` gives one output, the folder's written
/// last (`get_files` walks a folder's files before its subfolders).
const FILE_CASES: &[FileCase] = &[
    (
        &["README.md", "foo.md"],
        true,
        &["index.html", "foo/index.html"],
        &["README/index.html"],
        ("index.html", "README.md"),
    ),
    (
        &["index.md", "README.md", "foo.md"],
        true,
        &["foo/index.html"],
        &["README/index.html"],
        ("index.html", "index.md"),
    ),
    (&["index.md", "README.md", "foo.md"], false, &["foo.html"], &["README.html"], ("index.html", "index.md")),
    (&["index.md", "foo.md", "foo/index.md"], true, &[], &[], ("foo/index.html", "foo/index.md")),
    (&["index.md", "foo.md", "foo/index.md"], false, &["foo.html"], &[], ("foo/index.html", "foo/index.md")),
    (
        &["index.md", "foo.md", "foo/README.md"],
        true,
        &[],
        &["foo/README/index.html"],
        ("foo/index.html", "foo/README.md"),
    ),
];

#[test]
fn publishes_pages_where_mkdocs_file_tests_say() {
    for (n, &(files, directory_urls, written, absent, (shared, source))) in FILE_CASES.iter().enumerate() {
        let config = format!("site_name: Ops\nuse_directory_urls: {directory_urls}\n");
        let mut all = vec![("mkdocs.yml".to_string(), config)];
        all.extend(files.iter().map(|f| (format!("content/{f}"), format!("# Page {f}\n"))));
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = Site::with_files(&format!("mkdocs-files-{n}"), &borrowed);
        let run = site.build(&[]);
        run.expect_code(0);
        let main = util::main_of(&site.read(&format!("public/{shared}"))).to_string();
        assert!(main.contains(&format!("Page {source}")), "case {n} {files:?}: {shared} is {source}'s: {main}");
        for file in written {
            assert!(
                site.exists(&format!("public/{file}")),
                "case {n} {files:?}: {file} in {:?}",
                site.files_under("public")
            );
        }
        for file in absent {
            assert!(!site.exists(&format!("public/{file}")), "case {n} {files:?}: no {file}");
        }
    }
}
