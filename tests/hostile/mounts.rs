//! Hostile inputs: Hugo's module mounts of content folders (`[[module.mounts]]`) whose
//! `source` leads out of the handbook, by `..`, an absolute path or a symbolic link, or
//! into a hidden folder, or whose `target` is no plain folder of the content tree. Each
//! source goes through the handbook's confinement and each target through the rules of a
//! `[[sources]]` mount: a refused one is a warning at its place in the configuration, and
//! nothing of it is published. A file of a `[[sources]]` folder that names a file by its
//! path in the repository (`../../x.png`) reaches, through the same confinement, only
//! files of the content tree: one above the root, outside the content folder and the
//! mounted folders, hidden, or linked out of the handbook is a broken link saying why.

#![cfg(unix)]

use crate::util::Site;

const TOKEN: &str = "glpat-Hostile0Mount0Source0Token";

#[test]
fn module_mount_sources_never_leave_the_handbook() {
    let elsewhere = Site::with_files("mounts-elsewhere", &[("docs/secret.md", &format!("# Secret\n\n{TOKEN}\n"))]);
    let outside = elsewhere.root.join("docs").display().to_string();
    let site = Site::with_files(
        "mounts-hostile",
        &[
            (
                "hugo.toml",
                &format!(
                    "[[module.mounts]]\nsource = \"../..{outside}\"\ntarget = \"content\"\n\
                     [[module.mounts]]\nsource = \"{outside}\"\ntarget = \"content/abs\"\n\
                     [[module.mounts]]\nsource = \"linked\"\ntarget = \"content/linked\"\n\
                     [[module.mounts]]\nsource = \".git\"\ntarget = \"content/git\"\n"
                ),
            ),
            ("content/_index.md", "# Home\n"),
            (".git/secret.md", TOKEN),
        ],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("docs"), site.root.join("linked")).expect("a link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    assert!(site.files_containing("public", "Hostile0Mount").is_empty(), "nothing of a source outside is published");
    assert!(!run.stderr.contains("Hostile0Mount"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("the module mount of").count(), 4, "{}", run.stderr);
    assert!(run.stderr.contains("hugo.toml:2:"), "each warning names its place: {}", run.stderr);
    assert!(site.exists("public/index.html"), "the content folder stays: {}", run.stderr);
}

#[test]
fn module_mount_targets_stay_plain_folders_of_the_content_tree_apart_from_each_other() {
    let site = Site::with_files(
        "mounts-hostile-targets",
        &[
            (
                "hugo.toml",
                "[[module.mounts]]\nsource = \"up\"\ntarget = \"content/../up\"\n\
                 [[module.mounts]]\nsource = \"hidden\"\ntarget = \"content/.well-known\"\n\
                 [[module.mounts]]\nsource = \"docs\"\ntarget = \"content/docs\"\n\
                 [[module.mounts]]\nsource = \"api\"\ntarget = \"content/docs/api\"\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("up/a.md", "# Up\n"),
            ("hidden/b.md", "# Hidden\n"),
            ("docs/c.md", "# Docs\n"),
            ("api/d.md", "# Api\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    assert_eq!(run.stderr.matches("the module mount at `content/").count(), 3, "{}", run.stderr);
    for place in ["hugo.toml:2:", "hugo.toml:5:", "hugo.toml:11:"] {
        assert!(run.stderr.contains(place), "{place}: {}", run.stderr);
    }
    assert!(site.exists("public/docs/c/index.html"), "the plain mount is published: {}", run.stderr);
    assert!(!site.exists("public/up") && !site.exists("up/a/index.html") && !site.exists("public/.well-known/b"));
    assert!(!site.exists("public/docs/api"), "a mount inside another is left out");
}

#[test]
fn a_mounted_file_names_no_file_outside_the_content_tree_by_its_repository_path() {
    let elsewhere = Site::with_files("mounts-assets-elsewhere", &[("secret.png", TOKEN)]);
    let climb = "../".repeat(elsewhere.root.components().count() + 4);
    let outside = elsewhere.root.join("secret.png");
    let outside = outside.to_str().expect("a UTF-8 path").trim_start_matches('/');
    let post = format!(
        "# Post\n\n![a](../../{climb}{outside})\n\n![b](../../notes/secret.png)\n\n\
         ![c](../../leak.png)\n\n![d](../../.git/secret.png)\n\n![e](../../content/linked.png)\n"
    );
    let site = Site::with_files(
        "mounts-assets",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\n[[sources]]\npath = \"blog\"\nmount = \"blog\"\n"),
            ("content/_index.md", "# Home\n"),
            ("blog/post/index.md", &post),
            ("notes/secret.png", TOKEN),
            (".git/secret.png", TOKEN),
        ],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("secret.png"), site.root.join("leak.png")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("secret.png"), site.root.join("content/linked.png"))
        .expect("a link");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(!run.stderr.contains("Hostile0Mount"), "{}", run.stderr);
    for (line, why) in [
        (3, "climbs above the handbook's folder"),
        (5, "`notes/secret.png` is not published: it lies outside the content folder"),
        (7, "`leak.png` is not published: it leads outside the handbook's folder"),
        (9, "`.git/secret.png` is not published: it leads into a hidden file or folder"),
        (11, "`content/linked.png` is not published: it leads outside the handbook's folder"),
    ] {
        let at = format!("--> blog/post/index.md:{line}:");
        let found = run.stderr.split("\n\n").find(|d| d.contains(&at)).unwrap_or_default();
        assert!(found.contains(why), "line {line}: {}", run.stderr);
    }
    if site.exists("public") {
        assert!(site.files_containing("public", "Hostile0Mount").is_empty(), "nothing outside is published");
    }
}
