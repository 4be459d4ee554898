//! Docusaurus's doc slugs as its docs plugin reads them (`getSlug`): a slug that starts
//! with `/` is read from the docs root, so `slug: /` in a subfolder is the docs' home,
//! and a `README.md` or `index.md` with a slug is no folder's page.

use crate::old_tool_links::{WARN, handbook, hrefs};

const CONFIG: &str = "module.exports = { presets: [['classic', { docs: {} }]] };\n";

fn extra() -> String {
    format!("[build]\ncontent-dir = \"docs\"\n{WARN}")
}

#[test]
fn a_doc_with_the_root_slug_in_a_subfolder_is_the_home_page() {
    let site = handbook(
        "docusaurus-slug-root",
        &extra(),
        &[
            ("docusaurus.config.js", CONFIG),
            ("docs/README.md", "---\ntitle: readme\nslug: /readme\n---\nAbout the docs.\n"),
            ("docs/core-concepts/introduction.md", "---\ntitle: What is it?\nslug: /\n---\nThe start.\n"),
            (
                "docs/core-concepts/other.md",
                "---\ntitle: Other\n---\nSee [intro](introduction.md) and [home](/docs/).\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link") && !run.stderr.contains("duplicate-url"), "{}", run.stderr);
    let files = site.files_under("public");
    assert!(site.read("public/index.html").contains("The start."), "{files:?}");
    assert!(!files.iter().any(|f| f.contains("core-concepts/page")), "{files:?}");
    assert!(site.read("public/readme/index.html").contains("About the docs."), "{files:?}");
    assert_eq!(hrefs(&site, "public/core-concepts/other/index.html"), ["/", "/"]);
}

#[test]
fn a_readme_moved_by_its_slug_leaves_a_generated_home_page() {
    let site = handbook(
        "docusaurus-slug-readme",
        &extra(),
        &[
            ("docusaurus.config.js", CONFIG),
            ("docs/README.md", "---\ntitle: readme\nslug: /readme\n---\nAbout the docs.\n"),
            ("docs/setup/index.md", "---\ntitle: Setup\nslug: /install\n---\nInstall it.\n"),
            ("docs/setup/step.md", "# Step\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let files = site.files_under("public");
    assert!(site.exists("public/index.html"), "{files:?}");
    assert!(site.read("public/readme/index.html").contains("About the docs."), "{files:?}");
    assert!(site.read("public/install/index.html").contains("Install it."), "{files:?}");
    // The folder keeps its name and gets a generated page, as the home page does.
    assert!(site.exists("public/setup/step/index.html"), "{files:?}");
    assert!(site.exists("public/setup/index.html"), "{files:?}");
}

#[test]
fn a_versioned_doc_with_the_root_slug_in_a_subfolder_is_its_version_s_page() {
    let site = handbook(
        "docusaurus-slug-version-root",
        &extra(),
        &[
            (
                "docusaurus.config.js",
                "module.exports = { presets: [['classic', { docs: { lastVersion: 'current' } }]] };\n",
            ),
            ("versions.json", "[\"2.0\"]\n"),
            ("docs/intro.md", "# Intro\n"),
            ("versioned_docs/version-2.0/concepts/overview.md", "---\nslug: /\ntitle: Overview 2\n---\nAll of 2.0.\n"),
            ("versioned_docs/version-2.0/setup.md", "# Setup 2\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let files = site.files_under("public");
    assert!(site.read("public/2.0/index.html").contains("All of 2.0."), "{files:?}");
    assert!(site.exists("public/2.0/setup/index.html"), "{files:?}");
}
