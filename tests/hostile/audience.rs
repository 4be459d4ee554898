//! Hostile inputs: audience. A build publishes only what is inside the handbook and
//! meant for its audience: no file reached through a link out of the root, no internal
//! text through reference definitions, files in internal scope or line endings that
//! hide front matter (issue 13).

use crate::util::Site;

#[cfg(unix)]
fn symlink(site: &Site, target: &std::path::Path, link: &str) {
    let link = site.root.join(link);
    std::fs::create_dir_all(link.parent().expect("a parent")).expect("create folders");
    std::os::unix::fs::symlink(target, link).expect("make a symbolic link");
}

/// A folder outside every handbook, holding a secret file and a folder of pages.
fn outside(name: &str) -> Site {
    let site = Site::empty(name);
    site.write("secret.txt", "OUTSIDE-SECRET-BYTES\n");
    site.write("pages/leak.md", "# Leak\n\nOUTSIDE-SECRET-PAGE\n");
    site.write("static/extra.css", "/* OUTSIDE-SECRET-CSS */\n");
    site
}

/// Every output file under `dir` whose bytes or path contain `word`.
fn files_containing(site: &Site, dir: &str, word: &str) -> Vec<String> {
    site.files_under(dir)
        .into_iter()
        .filter(|file| {
            let bytes = site.read_bytes(&format!("{dir}/{file}"));
            file.contains(word) || bytes.windows(word.len()).any(|w| w == word.as_bytes())
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_errors_and_are_not_published() {
    let out = outside("symlink-target");
    let site = Site::with_files("symlink-out", &[("content/_index.md", "# Home\n")]);
    symlink(&site, &out.root.join("secret.txt"), "content/passwd.txt");
    symlink(&site, &out.root.join("pages"), "content/linked");
    let run = site.build(&[]);
    run.expect_code(1);
    for link in ["content/passwd.txt", "content/linked"] {
        assert!(
            run.stderr.contains(&format!(
                "error[symlink-outside-root]: this symbolic link leads outside the handbook's folder (to {}",
                out.root.canonicalize().expect("resolve").display()
            )) && run.stderr.contains(&format!("--> {link}")),
            "{link}: {}",
            run.stderr
        );
    }
    assert!(!site.exists("public/passwd.txt") && !site.exists("public/linked"));
    // A check says the same.
    site.run(&["check"]).expect_code(1);
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_in_static_and_theme_folders_are_errors() {
    let out = outside("symlink-static-target");
    let site = Site::with_files("symlink-static", &[("content/_index.md", "# Home\n")]);
    symlink(&site, &out.root.join("secret.txt"), "static/secret.txt");
    symlink(&site, &out.root.join("static"), "themes/default/static");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[symlink-outside-root]") && run.stderr.contains("--> static/secret.txt"));
    assert!(run.stderr.contains("--> themes/default/static"), "{}", run.stderr);
    assert!(!site.exists("public/secret.txt") && !site.exists("public/extra.css"));
}

#[cfg(unix)]
#[test]
fn a_codeowners_link_out_of_the_root_is_an_error_and_is_not_read() {
    let out = Site::empty("symlink-codeowners-target");
    out.write("owners", "* @outside-secret-owner\n");
    let site = Site::with_files("symlink-codeowners", &[("content/_index.md", "# Home\n"), ("content/a.md", "# A\n")]);
    symlink(&site, &out.root.join("owners"), "CODEOWNERS");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[symlink-outside-root]") && run.stderr.contains("--> CODEOWNERS"));
    assert!(files_containing(&site, "public", "outside-secret-owner").is_empty());
}

#[cfg(unix)]
#[test]
fn links_inside_the_root_keep_working_and_loops_do_not_hang() {
    let site = Site::with_files(
        "symlink-in",
        &[
            ("content/_index.md", "# Home\n\nSee [the shared page](shared/page.md) and ![a](diagram.svg).\n"),
            ("library/page.md", "# Shared\n\nSHARED-TEXT\n"),
            ("library/loop/.keep", ""),
            ("library/diagram.svg", "<svg/>"),
        ],
    );
    symlink(&site, &site.root.join("library"), "content/shared");
    symlink(&site, std::path::Path::new("../diagram.svg"), "library/loop/diagram.svg");
    // `content/diagram.svg` -> a file inside the root, by a relative link.
    symlink(&site, std::path::Path::new("../library/diagram.svg"), "content/diagram.svg");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.read("public/shared/page/index.html").contains("SHARED-TEXT"));
    assert!(site.exists("public/diagram.svg") && site.exists("public/shared/loop/diagram.svg"));
    // A loop, library/loop/back -> library, is reported, not followed.
    symlink(&site, std::path::Path::new(".."), "library/loop/back");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[unreadable-file]") && run.stderr.contains("loop"), "{}", run.stderr);
    assert!(!run.stderr.contains("symlink-outside-root"), "{}", run.stderr);
}

#[test]
fn front_matter_of_a_file_with_cr_only_line_endings_is_read() {
    let site = Site::with_files(
        "cr-only",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/secret.md", "---\rtitle: Secret\rvisibility: internal\r---\r# Secret\r\rCR-CANARY\r"),
            ("content/mixed.md", "---\r\ntitle: Mixed\r\nvisibility: internal\r\n---\r\n\rMIXED-CANARY\n"),
            ("content/bad.md", "---\rtitle: Bad\rdraft: maybe\r---\r\rText\r"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    // The field errors of a CR-only file are reported at its own lines.
    assert!(run.stderr.contains("--> content/bad.md:3:"), "{}", run.stderr);
    site.write("content/bad.md", "---\rtitle: Bad\r---\r\rText\r");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/secret") && !site.exists("public/mixed"));
    for word in ["CR-CANARY", "MIXED-CANARY", "Secret"] {
        assert_eq!(files_containing(&site, "public", word), Vec::<String>::new(), "{word}");
    }
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.read("internal/secret/index.html").contains("CR-CANARY"));
}

#[test]
fn front_matter_after_blank_lines_or_invisible_characters_is_a_warning() {
    let fields = "---\nvisibility: internal\n---\n\nText\n";
    let site = Site::with_files(
        "front-matter-not-first",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/blank.md", &format!("\n\n{fields}")),
            ("content/bom.md", &format!("\u{feff}\u{feff}{fields}")),
            ("content/separator.md", &format!("\u{2028}{fields}")),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for (file, location, what) in [
        ("blank", "3:1", "blank lines"),
        ("bom", "1:2", "a second byte order mark (U+FEFF)"),
        ("separator", "1:2", "a Unicode line separator"),
    ] {
        let message = format!(
            "warning[front-matter-not-first]: this front matter is not read because it does not start the file \
             ({what} before it): it is Markdown text, and none of its fields apply, `visibility` and `draft` included\n \
             --> content/{file}.md:{location}"
        );
        assert!(run.stderr.contains(&message), "{file}: {}", run.stderr);
    }
}

#[test]
fn files_of_a_folder_whose_pages_are_all_internal_are_not_copied() {
    let internal = "---\nvisibility: internal\n---\n\n# Secret\n\n![d](diagram.svg)\n";
    let site = Site::with_files(
        "internal-folder-files",
        &[
            ("content/_index.md", "# Home\n\n![logo](images/logo.svg)\n"),
            ("content/images/logo.svg", "<svg>public</svg>"),
            ("content/hidden-folder/secret.md", internal),
            ("content/hidden-folder/diagram.svg", "<svg>FOLDER-CANARY</svg>"),
            ("content/hidden-folder/deeper/more.svg", "<svg>FOLDER-CANARY</svg>"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(files_containing(&site, "public", "FOLDER-CANARY"), Vec::<String>::new());
    assert_eq!(files_containing(&site, "public", "hidden-folder"), Vec::<String>::new());
    assert!(site.exists("public/images/logo.svg"));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.exists("internal/hidden-folder/diagram.svg") && site.exists("internal/hidden-folder/deeper/more.svg"));
}

#[test]
fn an_internal_root_index_keeps_the_root_files_out() {
    let site = Site::with_files(
        "internal-root-files",
        &[
            ("content/_index.md", "---\nvisibility: internal\n---\n\n# Home\n\n![d](diagram.svg)\n"),
            ("content/diagram.svg", "<svg>ROOT-CANARY</svg>"),
            ("content/docs/guide.pdf", "ROOT-CANARY"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(files_containing(&site, "public", "ROOT-CANARY"), Vec::<String>::new());
}

#[test]
fn reference_definitions_inside_internal_blocks_do_not_resolve_public_links() {
    let page = "# Access\n\nSee [the vault][vault].\n\n<!-- internal -->\n[vault]: https://vault.example/REF-CANARY \"REF-CANARY title\"\n<!-- /internal -->\n";
    let site = Site::with_files("internal-refdefs", &[("content/_index.md", "# Home\n"), ("content/access.md", page)]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[link-to-internal]: `[vault]` is defined only inside an internal block, so the public build shows \
             this link as plain text\n --> content/access.md:3:5"
        ),
        "{}",
        run.stderr
    );
    // The internal build resolves it.
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.read("internal/access/index.html").contains("https://vault.example/REF-CANARY"));
}
