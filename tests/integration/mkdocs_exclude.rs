//! MkDocs's `exclude_docs` and `draft_docs` and the mkdocs-exclude plugin's globs: the
//! files they match are neither pages nor copied (`src/compat/mkdocs/exclude.rs`).

use crate::util;

use util::Site;

#[test]
fn mkdocs_exclude_docs_and_the_exclude_plugin_leave_files_out_of_the_site() {
    let config = "site_name: Ops\nexclude_docs: |\n  *.tmpl.md\n  !/keep.tmpl.md\ndraft_docs: drafts/\n\
                  plugins:\n  - search\n  - exclude:\n      glob:\n        - \"*.gotmpl\"\n        - README.md\n";
    let site = Site::with_files(
        "mkdocs-exclude",
        &[
            ("mkdocs.yml", config),
            ("content/index.md", "# Home\n"),
            ("content/README.md", "# Readme\n"),
            ("content/a/page.md", "# Page\n"),
            ("content/a/gen.tmpl.md", "# Template\n"),
            ("content/keep.tmpl.md", "# Kept\n"),
            ("content/drafts/wip.md", "# Draft\n"),
            ("content/a/values.gotmpl", "x: 1\n"),
            ("content/templates/t.md", "# Template folder\n"),
            ("content/a/templates/t.md", "# Nested templates\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    for written in ["index.html", "a/page/index.html", "keep.tmpl/index.html", "a/templates/t/index.html"] {
        assert!(site.exists(&format!("public/{written}")), "{written} is written");
    }
    for absent in ["a/gen.tmpl/index.html", "drafts/wip/index.html", "a/values.gotmpl", "templates/t/index.html"] {
        assert!(!site.exists(&format!("public/{absent}")), "{absent} is left out");
    }
}
