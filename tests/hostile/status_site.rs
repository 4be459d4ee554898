//! Hostile inputs: the status site's folder (`opsbook build --status-site`).
//! `[status] site-dir` in a pull request aimed outside the root, at the
//! handbook's own output folder or around it; `--out` at the handbook's folder, directly
//! or through a symbolic link; a folder of someone else's files. The status site's
//! folder is claimed as a build's: it removes only what an earlier status site wrote.

use crate::util::Site;

const BOOK: &str = "[handbook]\ntitle = \"T\"\n\n[status]\ncomponents = [{ id = \"api\", name = \"API\" }]\n";
const PAGE: &str = "---\ntitle: P\n---\n# P\n";

fn handbook(name: &str, site_dir: Option<&str>) -> Site {
    let site = Site::with_files(name, &[("content/p.md", PAGE)]);
    let key = site_dir.map(|dir| format!("site-dir = {dir:?}\n")).unwrap_or_default();
    site.write("book.toml", BOOK.replace("[status]\n", &format!("[status]\n{key}")));
    site
}

#[test]
fn a_site_dir_outside_the_root_or_at_the_handbooks_output_is_an_error_at_its_key() {
    for (written, why) in [
        ("..", "no `..`"),
        ("../elsewhere", "no `..`"),
        ("/tmp/status", "not absolute"),
        (".", "not the root itself"),
        ("public", "the handbook's output folder"),
        ("public/status", "the handbook's output folder"),
    ] {
        let site = handbook("status-dir-key", Some(written));
        let run = site.build(&["--status-site"]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[config-field]: `[status] site-dir` is"), "{written}: {}", run.stderr);
        assert!(run.stderr.contains(why), "{written}: {}", run.stderr);
        assert!(run.stderr.contains("--> book.toml:5:"), "{written}: {}", run.stderr);
        assert!(!site.exists("public-status") && !site.exists("public"), "{written}: nothing written");
    }
}

#[test]
fn out_at_the_handbooks_output_is_refused_even_through_a_link() {
    let site = handbook("status-out-same", None);
    site.build(&[]).expect_code(0);
    let before = site.files_under("public");
    let run = site.build(&["--status-site", "--out", "public"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is, holds or lies in the handbook's output folder"), "{}", run.stderr);
    std::os::unix::fs::symlink(site.root.join("public"), site.root.join("linked")).expect("link");
    let run = site.build(&["--status-site", "--out", "linked"]);
    run.expect_code(2);
    assert!(run.stderr.contains("is, holds or lies in the handbook's output folder"), "{}", run.stderr);
    let run = site.build(&["--status-site", "--out", "."]);
    run.expect_code(2);
    assert_eq!(site.files_under("public"), before, "the handbook's output is untouched");
}

#[test]
fn a_folder_of_foreign_files_is_refused_and_a_rebuild_removes_only_its_own() {
    let site = handbook("status-foreign", Some("status-out"));
    site.write("status-out/notes.txt", "someone's notes");
    let run = site.build(&["--status-site"]);
    run.expect_code(1);
    assert!(run.stderr.contains("refusing to write the site to"), "{}", run.stderr);
    assert!(run.stderr.contains("name another folder for `[status] site-dir`"), "{}", run.stderr);
    assert_eq!(site.read("status-out/notes.txt"), "someone's notes");
    std::fs::remove_file(site.root.join("status-out/notes.txt")).expect("remove");
    site.build(&["--status-site"]).expect_code(0);
    assert!(site.exists("status-out/api/v2/summary.json"));
    site.write("status-out/uploads/report.pdf", "put there by a deploy script");
    site.build(&["--status-site"]).expect_code(0);
    assert_eq!(site.read("status-out/uploads/report.pdf"), "put there by a deploy script");
}
