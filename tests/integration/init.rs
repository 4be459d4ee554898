//! `opsbook init`: the starter handbook builds with no errors; a non-empty folder is
//! refused.

use crate::util;

use util::Site;

#[test]
fn the_starter_handbook_builds_cleanly() {
    let site = Site::empty("init");
    let run = site.run(&["init", "handbook"]);
    run.expect_code(0);
    for file in ["book.toml", "content/_index.md", "content/runbooks/disk-full.md", "content/templates/rca.md"] {
        assert!(site.exists(&format!("handbook/{file}")), "{file}");
    }
    let run = site.run(&["build", "--root", "handbook"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.exists("handbook/public/runbooks/disk-full/index.html"));
    assert!(site.exists("handbook/public/templates/rca/index.html"));
}

/// A new handbook ships the incident and maintenance templates, so `opsbook
/// new incident` works in it, and the incident it gives builds.
#[test]
fn opsbook_new_incident_works_in_a_new_handbook() {
    let site = Site::empty("init-incident");
    site.run(&["init", "handbook"]).expect_code(0);
    for (kind, title) in [("incident", "Login failures"), ("maintenance", "Database upgrade")] {
        let run = site.run(&["new", kind, title, "--root", "handbook"]);
        run.expect_code(0);
    }
    let incident = site.read("handbook/content/status/login-failures.md");
    assert!(incident.contains("kind: incident") && incident.contains("status: investigating"), "{incident}");
    assert!(!incident.contains("impact:"), "no impact that contradicts the empty components: {incident}");
    let run = site.run(&["build", "--root", "handbook"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn refuses_a_folder_that_is_not_empty() {
    let site = Site::empty("init-refuse");
    site.write("handbook/notes.txt", "mine");
    let run = site.run(&["init", "handbook"]);
    run.expect_code(2);
    assert!(run.stderr.contains("the folder is not empty"), "{}", run.stderr);
    assert_eq!(site.read("handbook/notes.txt"), "mine");
    assert!(!site.exists("handbook/book.toml"));
}
