//! Hostile inputs: the docs instances and blogs a Docusaurus configuration names, whose
//! folders are mounted and whose sidebar files are read. A folder out of the handbook,
//! a folder linked out of it, and a sidebar file out of it or linked out of it are
//! neither mounted nor read; nothing of them shows.

#![cfg(unix)]

use crate::util::Site;

#[test]
fn instance_folders_and_sidebars_out_of_the_handbook_are_not_read() {
    let elsewhere = Site::with_files(
        "docusaurus-instances-elsewhere",
        &[
            ("docs/secret.md", "# Hostile0Folder\n"),
            ("blog/2024-01-01-post.md", "# Hostile0Post\n"),
            ("sidebars.js", "module.exports = {s: ['Hostile0Sidebar']};\n"),
        ],
    );
    let outside = elsewhere.root.to_string_lossy().to_string();
    let name = elsewhere.root.file_name().expect("a name").to_string_lossy().to_string();
    let config = format!(
        "module.exports = {{
  presets: [['classic', {{ docs: {{ sidebarPath: './linked.js' }}, blog: false }}]],
  plugins: [
    ['content-docs', {{ id: 'a', path: '{outside}/docs', routeBasePath: 'a' }}],
    ['content-docs', {{ id: 'b', path: '../{name}/docs', routeBasePath: 'b' }}],
    ['content-docs', {{ id: 'c', path: 'linked', routeBasePath: 'c', sidebarPath: '../{name}/sidebars.js' }}],
    ['content-blog', {{ id: 'd', path: 'linked-blog', routeBasePath: 'd' }}],
  ],
}};\n"
    );
    let site = Site::with_files(
        "docusaurus-instances-hostile",
        &[("docusaurus.config.js", &config), ("content/a-page.md", "# A page\n")],
    );
    for (link, target) in [("linked", "docs"), ("linked-blog", "blog"), ("linked.js", "sidebars.js")] {
        std::os::unix::fs::symlink(elsewhere.root.join(target), site.root.join(link)).expect("a link");
    }
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("leads outside the handbook"), "the links are refused: {}", run.stderr);
    assert!(!run.stderr.contains("Hostile0"), "nothing of the files out of the handbook is read: {}", run.stderr);
    let shown = site.files_containing(".", "Hostile0");
    assert!(shown.iter().all(|f| !f.starts_with("public")), "{shown:?}");
    for route in ["a", "b", "c", "d"] {
        assert!(!site.exists(&format!("public/{route}")), "nothing is published at /{route}/");
    }
    // Without the links, the two folders out of the handbook are warnings at their
    // options, and the build goes on without them.
    for link in ["linked", "linked-blog", "linked.js"] {
        std::fs::remove_file(site.root.join(link)).expect("unlink");
    }
    let run = site.build(&[]);
    run.expect_code(0);
    for line in [4, 5] {
        let at = format!("docusaurus.config.js:{line}:22");
        assert!(run.stderr.contains(&at), "a warning at {at}: {}", run.stderr);
    }
    assert!(!site.exists("public/a") && !site.exists("public/b"));
}
