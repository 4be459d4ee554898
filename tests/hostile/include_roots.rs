//! Hostile inputs: the include folders another tool's configuration names (`includes_dir`
//! and a vendored theme of Jekyll's `_config.yml`, `base_path` of MkDocs snippets, Hugo's
//! `assets/`). The configurations are read like every file, through the confinement and
//! `crate::fs`; a folder they name, or a folder linked out of the handbook, never lets an
//! include read a file outside it.

#![cfg(unix)]

use crate::util::{Site, main_of};

const TOKEN: &str = "glpat-Hostile0Include0Root0Token";

/// Folders named by `includes_dir`, `base_path` and a vendored theme that lead out of the
/// handbook, by `..`, an absolute path or a symbolic link, read nothing there.
#[test]
fn include_folders_named_by_old_configurations_never_leave_the_handbook() {
    let elsewhere = Site::with_files(
        "include-roots-elsewhere",
        &[("_includes/secret.html", TOKEN), ("secret.html", TOKEN), ("secret.md", TOKEN)],
    );
    let outside = elsewhere.root.display().to_string();
    let site = Site::with_files(
        "include-roots-hostile",
        &[
            ("_config.yml", &format!("title: X\nincludes_dir: {outside}\ntheme: minima\n")),
            (
                "mkdocs.yml",
                &format!(
                    "site_name: X\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['../', '{outside}', linked]\n"
                ),
            ),
            (
                "content/a.md",
                "# A\n\n{% include secret.html %}\n\n--8<-- \"secret.md\"\n\n{{< readfile file=\"linked/secret.md\" >}}\n",
            ),
        ],
    );
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("linked")).expect("a link");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("assets")).expect("a link");
    std::fs::create_dir_all(site.root.join("vendor/bundle/ruby/3.3.0/gems")).expect("a folder");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1"))
        .expect("a link");
    for links in ["warn", "error"] {
        site.write("book.toml", format!("title = \"X\"\n[check]\nlinks = \"{links}\"\n"));
        let run = site.run(&["build", "--force"]);
        assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("Hostile0Include"), "{}", run.stderr);
        if site.exists("public/a/index.html") {
            let html = site.read("public/a/index.html");
            assert!(!main_of(&html).contains("Hostile0Include"), "{html}");
        }
    }
}

/// A `_config.yml` or `mkdocs.yml` that is a link out of the handbook, or a named pipe, is
/// not read (and not waited on): the defaults stand.
#[test]
fn old_configurations_that_lead_out_or_are_no_regular_files_are_not_read() {
    let elsewhere = Site::with_files(
        "include-config-elsewhere",
        &[("config.yml", "includes_dir: partials\n"), ("partials/secret.html", TOKEN)],
    );
    let site = Site::with_files("include-config-hostile", &[("content/a.md", "# A\n\n{% include secret.html %}\n")]);
    std::os::unix::fs::symlink(elsewhere.root.join("config.yml"), site.root.join("_config.yml")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("partials"), site.root.join("partials")).expect("a link");
    let run = site.run(&["build"]);
    assert!(!crate::util::panicked(&run.stderr) && !run.stderr.contains("Hostile0Include"), "{}", run.stderr);
    if site.exists("public/a/index.html") {
        assert!(!site.read("public/a/index.html").contains("Hostile0Include"));
    }

    std::fs::remove_file(site.root.join("_config.yml")).expect("unlink");
    crate::reads::make_fifo(&site.root.join("_config.yml"));
    crate::reads::make_fifo(&site.root.join("mkdocs.yml"));
    let run = crate::reads::run_bounded(&site, &["build", "--force"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
}
