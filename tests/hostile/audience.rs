//! Hostile inputs: audience. A build publishes only what is inside the handbook and
//! meant for its audience: no file reached through a link out of the root, no internal
//! text through reference definitions, files in internal scope or line endings that
//! hide front matter.

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
    assert!(site.files_containing("public", "outside-secret-owner").is_empty());
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

/// A link that stays inside the root may still not publish what a build never would:
/// `.git/` (where CI checkouts keep their access token) and the output folder.
#[cfg(unix)]
#[test]
fn links_into_git_or_the_output_folder_are_errors_and_are_not_published() {
    let site = Site::with_files(
        "symlink-git",
        &[
            ("content/_index.md", "# Home\n"),
            (".git/config", "[http]\n\textraheader = AUTHORIZATION: basic GIT-TOKEN-CANARY\n"),
            ("internal-build/secret/index.html", "OUTPUT-CANARY"),
        ],
    );
    symlink(&site, std::path::Path::new("../.git/config"), "content/gitconfig.txt");
    symlink(&site, std::path::Path::new("../.git"), "content/repo");
    let run = site.build(&[]);
    run.expect_code(1);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error[symlink-outside-root]")).collect();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(run.stderr.contains("a hidden file or folder (such as `.git/`)"), "{}", run.stderr);
    assert!(run.stderr.contains("content/gitconfig.txt") && run.stderr.contains("content/repo"), "{}", run.stderr);
    std::fs::remove_file(site.root.join("content/gitconfig.txt")).expect("remove the link");
    std::fs::remove_file(site.root.join("content/repo")).expect("remove the link");
    // An earlier build's output inside the root, linked from content/ (written by hand
    // here: `--force` lets the build replace it).
    symlink(&site, std::path::Path::new("../internal-build"), "content/old");
    let run = site.build(&["--out", "internal-build", "--force"]);
    run.expect_code(1);
    assert!(run.stderr.contains("leads into the output folder"), "{}", run.stderr);
    assert_eq!(site.files_containing("internal-build", "GIT-TOKEN-CANARY"), Vec::<String>::new());
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
        assert_eq!(site.files_containing("public", word), Vec::<String>::new(), "{word}");
    }
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.read("internal/secret/index.html").contains("CR-CANARY"));
}

#[test]
fn front_matter_after_blank_lines_is_read_and_after_invisible_characters_is_a_warning() {
    let fields = "---\nvisibility: internal\n---\n\nText\n";
    let site = Site::with_files(
        "front-matter-not-first",
        &[
            ("content/_index.md", "# Home\n"),
            // Hugo skips spaces, line breaks and byte order marks before the fence.
            ("content/blank.md", &format!("\n\n{fields}")),
            ("content/bom.md", &format!("\u{feff}\u{feff}{fields}")),
            ("content/spaces.md", &format!(" \t\n  {fields}")),
            ("content/separator.md", &format!("\u{2028}{fields}")),
            ("content/zwsp.md", &format!("\n\u{200b}{fields}")),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for page in ["blank", "bom", "spaces"] {
        assert!(!site.exists(&format!("public/{page}")), "{page} is internal");
        assert!(!run.stderr.contains(&format!("content/{page}.md")), "{page}: {}", run.stderr);
    }
    for (file, location, what) in
        [("separator", "1:2", "a Unicode line separator"), ("zwsp", "2:2", "an invisible character (U+200B)")]
    {
        let message = format!(
            "warning[front-matter-not-first]: this front matter is not read because it does not start the file \
             ({what} before it): it is Markdown text, and none of its fields apply, `visibility` and `draft` included\n \
             --> content/{file}.md:{location}"
        );
        assert!(run.stderr.contains(&message), "{file}: {}", run.stderr);
    }
    // Invisible characters, fields that do not parse, and lines ending in Unicode line
    // separators: each one warned about at its fence.
    let site = Site::with_files(
        "front-matter-not-first-more",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/shy.md", &format!("\u{ad}{fields}")),
            ("content/nul.md", &format!("\u{0}{fields}")),
            ("content/zwnj.md", &format!("\u{200c}{fields}")),
            ("content/unparsed.md", "\u{200b}---\nvisibility: internal\ntitle: \"never closed\n---\n\nText\n"),
            ("content/nel.md", "---\u{85}visibility: internal\u{85}---\u{85}\u{85}Text\n"),
            ("content/ls.md", "---\u{2028}visibility: internal\u{2028}---\u{2028}Text\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for (file, location) in
        [("shy", "1:2"), ("nul", "1:2"), ("zwnj", "1:2"), ("unparsed", "1:2"), ("nel", "1:1"), ("ls", "1:1")]
    {
        let found = run
            .stderr
            .split("warning[front-matter-not-first]")
            .any(|w| w.contains(&format!("--> content/{file}.md:{location}")));
        assert!(found, "{file}: {}", run.stderr);
    }
    assert!(run.stderr.contains("its lines end in Unicode line separators"), "{}", run.stderr);
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
    assert_eq!(site.files_containing("public", "FOLDER-CANARY"), Vec::<String>::new());
    assert_eq!(site.files_containing("public", "hidden-folder"), Vec::<String>::new());
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
    assert_eq!(site.files_containing("public", "ROOT-CANARY"), Vec::<String>::new());
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

/// Every canary (case ignored) that no file of `dir` holds in its bytes or its path.
fn canaries_missing(site: &Site, dir: &str, canaries: &[&str]) -> Vec<String> {
    let files: Vec<(String, String)> = site
        .files_under(dir)
        .into_iter()
        .map(|file| {
            let bytes = site.read_bytes(&format!("{dir}/{file}"));
            (file.to_lowercase(), String::from_utf8_lossy(&bytes).to_lowercase())
        })
        .collect();
    canaries
        .iter()
        .filter(|c| !files.iter().any(|(path, text)| path.contains(*c) || text.contains(*c)))
        .map(|c| c.to_string())
        .collect()
}

/// The suite's invariant: no byte of any file of a public build comes from an internal
/// page, section, block, definition or file, whatever the mechanism that marks it; and
/// the internal build holds every one of them.
#[test]
fn no_canary_from_internal_places_reaches_any_public_output_byte() {
    let book = "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.org/\"\n";
    let home = "# Home\n\nPublic text.\n\n<!-- internal -->\n## Canary01 heading\n\nThe canary02 bridge. \
                See [the canary03 link][c03].\n\n[c03]: https://example.com/canary03 \"canary03 title\"\n<!-- /internal -->\n\n\
                > [!INTERNAL]\n> Call canary04 on 555.\n\n- item\n\n  <!-- internal -->\n  canary05 in a list\n  <!-- /internal -->\n";
    let crlf = "---\r\ntitle: Restart\r\ntags: [restart]\r\n---\r\n\r\nRestart it.\r\n\r\n<!-- internal -->\r\ncanary06 \
                in a CRLF file\r\n<!-- /internal -->\r\n";
    let secret = "---\ntitle: Canary07 title\nvisibility: internal\ntags: [canary07tag]\nowners: [\"@canary07-owner\"]\n\
                  aliases: [/old/canary07-alias/]\ndescription: canary07 description\n---\n\ncanary07 body \
                  ![beside public pages](canary19-beside.svg)\n";
    let cr_only = "---\rtitle: Canary08 title\rvisibility: internal\r---\r\rcanary08 body\r";
    let site = Site::with_files(
        "canaries",
        &[
            ("book.toml", book),
            ("content/_index.md", home),
            ("content/runbooks/_index.md", "# Runbooks\n"),
            ("content/runbooks/restart.md", crlf),
            ("content/runbooks/canary07-secret.md", secret),
            ("content/runbooks/cr-secret.md", cr_only),
            ("content/canary09-vault/_index.md", "---\nvisibility: internal\n---\n\n# Canary09 vault\n"),
            ("content/canary09-vault/keys.md", "# Keys\n\ncanary10 keys ![d](diagram.svg)\n"),
            ("content/canary09-vault/diagram.svg", "<svg>canary11</svg>"),
            ("content/canary09-vault/deeper/runbook.pdf", "canary12"),
            ("content/canary13-team/notes.md", "---\nvisibility: internal\n---\n\n# Notes\n\n![c](chart.svg)\n"),
            ("content/canary13-team/chart.svg", "<svg>canary14</svg>"),
            ("content/runbooks/canary19-beside.svg", "<svg>canary20</svg>"),
        ],
    );
    let canaries: Vec<String> = (1..=14).chain(19..=20).map(|n| format!("canary{n:02}")).collect();
    let canaries: Vec<&str> = canaries.iter().map(String::as_str).collect();
    let run = site.build(&[]);
    run.expect_code(0);
    for extra in ["sitemap.xml", "feed.xml", "handbook.json", "search/manifest.json"] {
        assert!(site.exists(&format!("public/{extra}")), "{extra} was not written");
    }
    assert_eq!(canaries_missing(&site, "public", &canaries), canaries, "some canaries are in the public build");
    assert_eq!(site.files_containing("public", "canary"), Vec::<String>::new());
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_eq!(canaries_missing(&site, "internal", &canaries), Vec::<String>::new(), "the internal build lacks");

    // An internal `_index.md` at the root makes everything internal, files included.
    let root = Site::with_files(
        "canaries-root",
        &[
            ("book.toml", book),
            ("content/_index.md", "---\nvisibility: internal\n---\n\n# Canary15 home\n\n![a](canary16.svg)\n"),
            ("content/canary16.svg", "<svg>canary17</svg>"),
            ("content/guide.md", "# Guide\n\ncanary18\n"),
        ],
    );
    root.build(&[]).expect_code(0);
    assert_eq!(root.files_containing("public", "canary"), Vec::<String>::new());
    root.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    let root_canaries = ["canary15", "canary16", "canary17", "canary18"];
    assert_eq!(canaries_missing(&root, "internal", &root_canaries), Vec::<String>::new());
}

/// The internal-marker scan of an HTML block was quadratic in its number of `<!--`:
/// 480 KB of them took 19 s.
#[test]
fn an_html_block_of_many_comment_openers_builds_in_linear_time() {
    let page = format!("# Page\n\n<div>\n{}\n</div>\n", "<!--".repeat(120_000));
    let site =
        Site::with_files("many-comment-openers", &[("content/_index.md", "# Home\n"), ("content/page.md", &page)]);
    let started = std::time::Instant::now();
    site.build(&[]).expect_code(0);
    let spent = started.elapsed();
    assert!(spent < std::time::Duration::from_secs(5), "the build took {spent:?}");
}

#[test]
fn a_public_link_to_a_file_of_an_internal_only_folder_is_link_to_internal() {
    let site = Site::with_files(
        "internal-folder-link",
        &[
            ("content/_index.md", "# Home\n\n![c](team/chart.svg)\n"),
            ("content/team/notes.md", "---\nvisibility: internal\n---\n\n# Notes\n"),
            ("content/team/chart.svg", "<svg/>"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[link-to-internal]: `content/team/chart.svg` is internal, left out of the public build: \
             a public page may not link to it\n --> content/_index.md:3:1"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn files_that_only_internal_pages_or_blocks_use_are_not_copied() {
    let site = Site::with_files(
        "internal-only-files",
        &[
            (
                "content/_index.md",
                "# Home\n\n![shared](shared.svg)\n\n<!-- internal -->\n![in a block](block-only.svg)\n\n<a href=\"block-html.pdf\">raw HTML</a>\n<!-- /internal -->\n\n> [!INTERNAL]\n> [callout](callout-only.txt)\n",
            ),
            (
                "content/runbooks/vault.md",
                "---\nvisibility: internal\n---\n\n# Vault\n\n![diagram](vault-diagram.svg) [shared](../shared.svg) ![root](/page-only.png)\n",
            ),
            ("content/runbooks/public.md", "# Public\n\nNo files.\n"),
            ("content/shared.svg", "<svg>shared</svg>"),
            ("content/block-only.svg", "<svg>BLOCK-ONLY-CANARY</svg>"),
            ("content/block-html.pdf", "BLOCK-HTML-CANARY"),
            ("content/callout-only.txt", "CALLOUT-ONLY-CANARY"),
            ("content/runbooks/vault-diagram.svg", "<svg>PAGE-ONLY-CANARY</svg>"),
            ("content/page-only.png", "PAGE-ROOT-CANARY"),
            ("content/unlinked.txt", "nobody links here"),
        ],
    );
    site.build(&[]).expect_code(0);
    for canary in
        ["BLOCK-ONLY-CANARY", "BLOCK-HTML-CANARY", "CALLOUT-ONLY-CANARY", "PAGE-ONLY-CANARY", "PAGE-ROOT-CANARY"]
    {
        assert_eq!(site.files_containing("public", canary), Vec::<String>::new(), "{canary}");
    }
    // A file a public page uses is copied even when internal text uses it too, and so
    // is a file nobody links to.
    assert!(site.exists("public/shared.svg"));
    assert!(site.exists("public/unlinked.txt"));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    for file in ["block-only.svg", "block-html.pdf", "callout-only.txt", "runbooks/vault-diagram.svg", "page-only.png"]
    {
        assert!(site.exists(&format!("internal/{file}")), "{file} is in the internal build");
    }
}

/// In a Docusaurus or Eleventy handbook, gray-matter ends front matter at the first line
/// starting with `---`: a `visibility: internal` written below a `-----` line, before a
/// `---` alone, is where the author may have meant a field, so the build stops there
/// rather than publish the page with its secret.
#[test]
fn a_hiding_field_below_a_gray_matter_fence_stops_the_build() {
    let site = Site::with_files(
        "gray-matter-hiding",
        &[
            ("docusaurus.config.js", "module.exports = {};\n"),
            ("content/index.md", "Home.\n"),
            ("content/vault.md", "---\ntitle: Vault\n-----\nvisibility: internal\n---\n\nGRAY-MATTER-SECRET\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[front-matter-syntax]: the front matter ends at line 3 (`-----`), as Docusaurus and Eleventy read it, but `visibility: internal` below it reads as a field"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> content/vault.md:3:1"), "{}", run.stderr);
    assert!(site.files_containing("public", "GRAY-MATTER-SECRET").is_empty());
}

/// A long page's search snippets are cut into several files; an internal
/// block in a late section reaches none of them, and the sections around it do.
#[test]
fn an_internal_block_in_a_long_page_reaches_none_of_its_snippet_files() {
    let stages: String = (1..=12)
        .map(|n| {
            let secret = if n == 9 { "<!-- internal -->\nCall canary41 on 555.\n<!-- /internal -->\n\n" } else { "" };
            format!("## Stage {n}\n\n{}\n\n{secret}", "Check the disks and their controllers. ".repeat(12))
        })
        .collect();
    let long = format!("# Long\n\nIntro.\n\n{stages}");
    let site = Site::with_files(
        "snippet-chunks-internal",
        &[("content/_index.md", "# Home\n\nHome.\n"), ("content/long.md", &long)],
    );
    site.build(&[]).expect_code(0);
    let chunks: Vec<String> = site
        .files_under("public/search")
        .into_iter()
        .filter(|f| f.starts_with("s/") && f.matches('-').count() == 2)
        .collect();
    assert!(chunks.len() >= 2, "the long page's snippets are in several files: {chunks:?}");
    assert!(chunks.iter().any(|f| site.read(&format!("public/search/{f}")).contains("Stage 9")));
    assert_eq!(site.files_containing("public", "canary41"), Vec::<String>::new());
}
