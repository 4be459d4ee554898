//! Hostile inputs: a Hugo site's configuration folder, read at any depth. A file or a
//! folder of `config/_default/` linked out of the handbook is not read (a note names the
//! file; a linked folder is not walked), a configuration file that cannot be parsed is a
//! note at its name, and a folder nested past the walk's depth or holding more files than
//! it reads ends the walk there, with a note: nothing of it is published, nothing panics.

#![cfg(unix)]

use crate::util::Site;

const TOKEN: &str = "glpat-Hostile0Config0Dir0Token";

#[test]
fn configuration_files_linked_out_of_the_handbook_are_not_read() {
    let elsewhere = Site::with_files(
        "hugo-config-elsewhere",
        &[
            ("secret.toml", &format!("title = \"{TOKEN}\"\n[[module.mounts]]\nsource = \"/\"\ntarget = \"content\"\n")),
            ("dir/params.toml", &format!("token = \"{TOKEN}\"\n")),
        ],
    );
    let site = Site::with_files(
        "hugo-config-hostile",
        &[
            ("config/_default/hugo.toml", "title = \"T\"\n"),
            ("config/_default/broken/menus.toml", "[[main]\nname = \"x\"\n"),
            ("content/_index.md", "# Home\n\n{{< param token >}}\n"),
        ],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("secret.toml"), site.root.join("config/_default/module.toml"))
        .expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("dir"), site.root.join("config/_default/linked")).expect("a link");
    // A folder nested deeper than the walk goes, with a file at every level.
    let mut deep = String::from("config/_default");
    for level in 0..40 {
        deep.push_str(&format!("/d{level}"));
        site.write(&format!("{deep}/params.toml"), format!("level{level} = {level}\n"));
    }
    // More files than are read, after the others in name order.
    for n in 0..400 {
        site.write(&format!("config/_default/zz-many/m{n:03}.toml"), "x = 1\n");
    }
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    assert!(site.files_containing("public", "Hostile0Config").is_empty(), "nothing read through a link is published");
    assert!(!run.stderr.contains("Hostile0Config"), "{}", run.stderr);
    assert!(run.stderr.contains("config/_default/module.toml"), "the linked file is named: {}", run.stderr);
    assert!(run.stderr.contains("config/_default/broken/menus.toml"), "the broken file is named: {}", run.stderr);
    assert!(run.stderr.contains("more than 256 configuration files"), "the cut is said: {}", run.stderr);
    assert!(run.stderr.contains("/d8` is more than 8 folders deep"), "the depth is said: {}", run.stderr);
    assert!(site.exists("public/index.html"), "the content folder stays: {}", run.stderr);
}
