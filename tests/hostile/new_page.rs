//! Hostile inputs: `opsbook new` (issue 30, item 9). A new page is only ever created
//! inside the handbook: never through a symbolic link at its path (a link to nothing
//! included), nor into a section folder that links out of the root.

use crate::util::Site;

/// A handbook with a runbook template, and a folder outside it.
fn handbook(name: &str) -> (Site, std::path::PathBuf) {
    let site = Site::with_files(
        name,
        &[("content/_index.md", "# Home\n"), ("content/templates/runbook.md", "---\ntitle: T\n---\n\n## Steps\n")],
    );
    let outside = site.root.join("../").join(format!("{name}-outside"));
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("create the folder outside");
    (site, outside)
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_link_to_nothing_at_the_new_page() {
    let (site, outside) = handbook("new-dangling");
    std::fs::create_dir_all(site.root.join("content/runbooks")).unwrap();
    std::os::unix::fs::symlink(outside.join("planted.md"), site.root.join("content/runbooks/disk-full.md")).unwrap();
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to overwrite content/runbooks/disk-full.md"), "{}", run.stderr);
    assert!(!outside.join("planted.md").exists());
    std::fs::remove_dir_all(&outside).unwrap();
}

#[cfg(unix)]
#[test]
fn never_writes_into_a_section_folder_that_links_out_of_the_root() {
    let (site, outside) = handbook("new-linked-section");
    std::os::unix::fs::symlink(&outside, site.root.join("content/runbooks")).unwrap();
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);
    assert!(run.stderr.contains("leads outside the handbook's folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing was written outside");
    // A section that does not exist yet, below a folder that links out: no folder is made.
    std::fs::remove_file(site.root.join("content/runbooks")).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("content/ops")).unwrap();
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[kinds.runbook]\nsection = \"ops/runbooks\"\n");
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("leads outside the handbook's folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "no folder was made outside");
    std::fs::remove_dir_all(&outside).unwrap();
}

#[cfg(unix)]
#[test]
fn still_writes_into_a_section_folder_linked_inside_the_root() {
    let (site, outside) = handbook("new-linked-inside");
    std::fs::create_dir_all(site.root.join("shared/runbooks")).unwrap();
    std::os::unix::fs::symlink("../shared/runbooks", site.root.join("content/runbooks")).unwrap();
    site.run(&["new", "runbook", "Disk full"]).expect_code(0);
    assert!(site.exists("shared/runbooks/disk-full.md"));
    std::fs::remove_dir_all(&outside).unwrap();
}
