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
    builds_without_the_token(&site, 3);
}

/// Builds `site` under `[check] links = "warn"` and `"error"`: neither run panics or shows
/// the token; with `warn` the page builds, its `missing` includes placeholders, and with
/// `error` the build fails.
fn builds_without_the_token(site: &Site, missing: usize) {
    for links in ["warn", "error"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"X\"\n[check]\nlinks = \"{links}\"\n"));
        let run = site.run(&["build", "--force"]);
        assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("Hostile0Include"), "{}", run.stderr);
        assert_eq!(run.code == 0, links == "warn", "{}", run.stderr);
        if links == "warn" {
            let main = main_of(&site.read("public/a/index.html")).to_string();
            assert_eq!(main.matches("missing include").count(), missing, "{main}");
            assert!(!main.contains("Hostile0Include"), "{main}");
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

/// Eleventy's includes folder named by its configuration (an absolute path, `..` above
/// the handbook, a folder linked out of it) and quoted names that climb (`../../x`)
/// read nothing outside the handbook, under either `[check] links`.
#[test]
fn eleventys_includes_folder_and_quoted_names_never_leave_the_handbook() {
    let elsewhere = Site::with_files("eleventy-includes-elsewhere", &[("secret.md", TOKEN), ("inc/secret.md", TOKEN)]);
    let outside = elsewhere.root.display().to_string();
    let climb = format!("{}/secret.md", "../".repeat(elsewhere.root.components().count() + 2));
    let page = format!(
        "# A\n\n{{% include \"secret.md\" %}}\n\n{{% include \"{climb}\" %}}\n\n{{% include \"linked/secret.md\" %}}\n"
    );
    let site = Site::with_files("eleventy-includes-hostile", &[("content/a.md", page.as_str())]);
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("linked")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("inc"), site.root.join("content/_includes")).expect("a link");
    // A hidden `.eleventy.js` that is a link out of the handbook is not read: without
    // it, the handbook is no Eleventy one and its quoted includes stay as written.
    let linked_config = Site::with_files(
        "eleventy-config-elsewhere",
        &[(".eleventy.js", "module.exports = { dir: { includes: \"../../..\" } };\n")],
    );
    std::os::unix::fs::symlink(linked_config.root.join(".eleventy.js"), site.root.join(".eleventy.js"))
        .expect("a link");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[check]\nlinks = \"error\"\n");
    let run = site.run(&["build", "--force"]);
    assert!(run.code == 0 && !run.stderr.contains("[include]"), "read no include: {}", run.stderr);
    assert!(run.stderr.contains("the file is not read") && !run.stderr.contains("Hostile0Include"), "{}", run.stderr);
    assert!(!main_of(&site.read("public/a/index.html")).contains("Hostile0Include"));
    std::fs::remove_file(site.root.join(".eleventy.js")).expect("unlink");
    for dir in [outside.as_str(), "../../..", "_includes"] {
        let config =
            format!("module.exports = {{ markdownTemplateEngine: \"njk\", dir: {{ includes: \"{dir}\" }} }};\n");
        site.write("eleventy.config.js", config);
        builds_without_the_token(&site, 3);
    }
}

/// Jekyll's `include_relative` written in an included file is read from the page's
/// folder; from there, a name that climbs out of the handbook or leads through a folder
/// linked out of it reads nothing, as a page's own `include_relative` does.
#[test]
fn an_included_files_include_relative_never_leaves_the_handbook() {
    let elsewhere = Site::with_files("include-relative-elsewhere", &[("secret.md", TOKEN)]);
    let climb = format!("{}/secret.md", "../".repeat(elsewhere.root.components().count() + 2));
    let include = format!("Box.\n\n{{% include_relative {climb} %}}\n\n{{% include_relative ../linked/secret.md %}}\n");
    let site = Site::with_files(
        "include-relative-hostile",
        &[("_includes/box.html", include.as_str()), ("content/a.md", "# A\n\n{% include box.html %}\n")],
    );
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("linked")).expect("a link");
    builds_without_the_token(&site, 2);
}

/// markdown-include's `{!file!}` reads through the same confined, bounded lookup as
/// every include: a path out of the handbook (`..`, absolute), a link out of it, a
/// `base_path` outside it, a file over the size an include may make a page, and a
/// cycle are refused where the directive stands; nothing panics or shows the token.
#[test]
fn markdown_include_directives_never_leave_the_handbook_nor_loop_nor_swell() {
    let elsewhere = Site::with_files("markdown-include-elsewhere", &[("secret.md", TOKEN)]);
    let outside = elsewhere.root.join("secret.md").display().to_string();
    let page = format!(
        "# A\n\n{{!../secret.md!}}\n\n{{!{outside}!}}\n\n{{!linked/secret.md!}}\n\n{{!loop/a.md!}}\n\n{{!huge.md!}}\n"
    );
    let site = Site::with_files(
        "markdown-include-hostile",
        &[
            ("mkdocs.yml", "site_name: X\nmarkdown_extensions:\n  - markdown_include.include\n"),
            ("content/a.md", &page),
            ("loop/a.md", "{!loop/b.md!}\n"),
            ("loop/b.md", "{!loop/a.md!}\n"),
        ],
    );
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("linked")).expect("a link");
    site.write("huge.md", "x".repeat(17 << 20));
    for links in ["warn", "error"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"X\"\n[check]\nlinks = \"{links}\"\n"));
        let run = site.run(&["build", "--force"]);
        assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("Hostile0Include"), "{}", run.stderr);
        assert_ne!(run.code, 0, "a cycle and a file too large are errors: {}", run.stderr);
        assert!(run.stderr.contains("include cycle: loop/a.md -> loop/b.md -> loop/a.md"), "{}", run.stderr);
        assert!(run.stderr.contains("is larger than the 16 MiB a page may include"), "{}", run.stderr);
        assert!(run.stderr.contains("content/a.md:3:1"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("[include]").count(), 5, "{}", run.stderr);
    }
    // Outside the handbook, `base_path` reads nothing.
    let base = format!(
        "site_name: X\nmarkdown_extensions:\n  - markdown_include.include:\n      base_path: {}\n",
        elsewhere.root.display()
    );
    site.write("mkdocs.yml", base);
    site.write("content/a.md", "# A\n\n{!secret.md!}\n");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[check]\nlinks = \"warn\"\n");
    let run = site.run(&["build", "--force"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("Hostile0Include") && run.stderr.contains("content/a.md:3:1"), "{}", run.stderr);
    assert!(!site.read("public/a/index.html").contains("Hostile0Include"));
}
