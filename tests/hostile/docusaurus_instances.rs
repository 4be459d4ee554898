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
        &[("docs/secret.md", "# Hostile0Folder\n"), ("sidebars.js", "module.exports = {s: ['Hostile0Sidebar']};\n")],
    );
    let outside = elsewhere.root.to_string_lossy().to_string();
    let config = format!(
        "module.exports = {{\n  presets: [['classic', {{ docs: {{ sidebarPath: './linked.js' }}, blog: false }}]],\n  \
         plugins: [\n    ['content-docs', {{ id: 'a', path: '{outside}/docs', routeBasePath: 'a' }}],\n    \
         ['content-docs', {{ id: 'b', path: '../{name}/docs', routeBasePath: 'b' }}],\n    \
         ['content-docs', {{ id: 'c', path: 'linked', routeBasePath: 'c', sidebarPath: '../{name}/sidebars.js' }}],\n    \
         ['content-blog', {{ id: 'd', path: 'linked', routeBasePath: 'd' }}],\n  ],\n}};\n",
        name = elsewhere.root.file_name().expect("a name").to_string_lossy()
    );
    let site = Site::with_files(
        "docusaurus-instances-hostile",
        &[("docusaurus.config.js", &config), ("content/a-page.md", "# A page\n")],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("docs"), site.root.join("linked")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("sidebars.js"), site.root.join("linked.js")).expect("a link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("is not mounted"), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0"), "nothing of the files out of the handbook is read: {}", run.stderr);
    let shown = site.files_containing(".", "Hostile0");
    assert!(shown.iter().all(|f| !f.starts_with("public")), "{shown:?}");
    assert!(!site.exists("public/a") && !site.exists("public/b") && !site.exists("public/d"));
}
