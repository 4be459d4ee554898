//! Hostile inputs: a Docusaurus site's `src/pages/`, the pages plugin's folder, which is
//! mounted at the root. A folder linked out of the handbook is not mounted, a page
//! linked out of it is not read, and a React page is never published: nothing of them
//! shows.

#![cfg(unix)]

use crate::util::Site;

fn site(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[
            ("docusaurus.config.js", "module.exports = { presets: [['classic', {}]] };\n"),
            ("docs/intro.md", "# Intro\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n");
    site
}

#[test]
fn pages_linked_out_of_the_handbook_are_not_read() {
    let elsewhere = Site::with_files(
        "docusaurus-pages-elsewhere",
        &[("pages/secret.md", "# Hostile0Folder\n"), ("leak.md", "# Hostile0Page\n")],
    );
    let linked = site("docusaurus-pages-linked-folder");
    std::fs::create_dir_all(linked.root.join("src")).expect("src");
    std::os::unix::fs::symlink(elsewhere.root.join("pages"), linked.root.join("src/pages")).expect("a link");
    let one = site("docusaurus-pages-linked-page");
    one.write("src/pages/press.md", "# Press\n");
    one.write("src/pages/secrets.js", "export default function S() { return 'Inside0Script'; }\n");
    std::os::unix::fs::symlink(elsewhere.root.join("leak.md"), one.root.join("src/pages/leak.md")).expect("a link");
    for site in [&linked, &one] {
        let run = site.build(&[]);
        assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("Hostile0"), "nothing of the files out of the handbook is read: {}", run.stderr);
        let shown = site.files_containing(".", "Hostile0");
        assert!(shown.iter().all(|f| !f.starts_with("public")), "{shown:?}");
        assert!(!site.exists("public/secret") && !site.exists("public/leak") && !site.exists("public/secrets.js"));
    }
    // Without the link, the folder's own page is published, and its React page is not.
    std::fs::remove_file(one.root.join("src/pages/leak.md")).expect("unlink");
    one.build(&[]).expect_code(0);
    assert!(one.exists("public/press/index.html"), "{:?}", one.files_under("public"));
    assert!(one.files_containing("public", "Inside0Script").is_empty(), "no React page is published");
}
