//! Hostile inputs: the files of a Jekyll site that a build renders through Liquid
//! because they open with front matter (`content::jekyll_files`). Each is
//! read as a regular file inside the handbook within the page size limit: a FIFO does
//! not hang the build, a link out of the handbook is not read, a file of the internal
//! audience never reaches a public build, and Liquid that would write without end stops
//! at its bound with a warning; `collections_dir` names no folder that is read.

use crate::util::Site;

fn jekyll(name: &str) -> Site {
    let site = Site::with_files(name, &[("content/index.md", "# Home\n")]);
    site.write("_config.yml", "title: Test\n");
    site
}

#[test]
fn a_fifo_with_a_template_s_name_neither_hangs_nor_is_rendered() {
    let site = jekyll("jekyll-files-fifo");
    let made = std::process::Command::new("mkfifo").arg(site.root.join("content/robots.txt")).status().expect("mkfifo");
    assert!(made.success());
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("robots.txt"), "the FIFO is named: {}", run.stderr);
}

#[test]
fn a_template_linked_out_of_the_handbook_is_not_read() {
    let outside = Site::empty("jekyll-files-outside");
    outside.write("secret.txt", "---\n---\nOUTSIDE-SECRET {{ site.title }}\n");
    let site = jekyll("jekyll-files-link-out");
    std::os::unix::fs::symlink(outside.root.join("secret.txt"), site.root.join("content/secret.txt")).expect("symlink");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("secret.txt"), "the link out is named: {}", run.stderr);
    assert_eq!(site.files_containing("public", "OUTSIDE-SECRET"), Vec::<String>::new());
}

#[test]
fn internal_text_never_reaches_a_public_build_and_a_runaway_loop_stops() {
    let site = jekyll("jekyll-files-internal");
    site.write("content/ops.txt", "---\nvisibility: internal\n---\nCANARY-INTERNAL {{ site.title }}\n");
    let bomb = "---\n---\n{% for i in (1..10000) %}{% for j in (1..10000) %}0123456789abcdef0123456789abcdef{% endfor %}{% endfor %}\n";
    site.write("content/bomb.txt", bomb);
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "the bound holds");
    assert!(!site.exists("public/bomb.txt"));
    assert!(run.stderr.contains("`content/bomb.txt` is a file Jekyll renders through Liquid"), "{}", run.stderr);
    for file in site.files_under("public") {
        let text = String::from_utf8_lossy(&site.read_bytes(&format!("public/{file}"))).into_owned();
        assert!(!text.contains("CANARY-INTERNAL"), "{file}");
    }
}

/// The `Gemfile` says whether jekyll-optional-front-matter makes pages of Markdown
/// without front matter (`compat::jekyll::published`). It is read like any file beside
/// `book.toml`: one linked out of the handbook is refused with a note, its gems are not
/// read (the plugin stays off: the file is copied), and one over the size limit of a
/// configuration file is refused the same way.
#[test]
fn a_gemfile_linked_out_or_too_large_is_not_read() {
    let outside = Site::empty("jekyll-gemfile-outside");
    outside.write("Gemfile", "gem \"github-pages\", group: :jekyll_plugins\n");
    let site = jekyll("jekyll-gemfile-link-out");
    site.write("content/notes.md", "# Notes\n");
    std::os::unix::fs::symlink(outside.root.join("Gemfile"), site.root.join("Gemfile")).expect("symlink");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("Gemfile") && run.stderr.contains("is not read"), "{}", run.stderr);
    assert_eq!(site.read("public/notes.md"), "# Notes\n", "copied, as Jekyll without the plugin does");

    let large = jekyll("jekyll-gemfile-large");
    large.write("content/notes.md", "# Notes\n");
    let gem = "gem \"github-pages\", group: :jekyll_plugins\n";
    large.write("Gemfile", gem.repeat(17 * 1024 * 1024 / gem.len()));
    let run = large.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("Gemfile"), "the refused file is named: {}", run.stderr);
    assert!(large.exists("public/notes.md") && !large.exists("public/notes/index.html"), "{}", run.stderr);
}

/// `collections_dir` names where the collections are among the files the content walk
/// found; it is never a folder read by itself: one that climbs out of the handbook (or
/// names a link out of it) finds no collection there, and publishes nothing of it.
#[test]
fn collections_dir_out_of_the_handbook_reads_nothing_there() {
    let outside = Site::empty("jekyll-collections-dir-outside");
    outside.write("_secrets/key.md", "---\ntitle: Key\n---\nOUTSIDE-SECRET\n");
    let site = jekyll("jekyll-collections-dir-out");
    let out = outside.root.display();
    site.write("_config.yml", format!("collections_dir: {out}\ncollections:\n  secrets:\n    output: true\n"));
    let no_secret = || {
        for file in site.files_under("public") {
            let text = String::from_utf8_lossy(&site.read_bytes(&format!("public/{file}"))).into_owned();
            assert!(!text.contains("OUTSIDE-SECRET"), "{file}");
        }
    };
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    no_secret();
    std::os::unix::fs::symlink(&outside.root, site.root.join("content/linked")).expect("symlink");
    site.write("_config.yml", "collections_dir: linked\ncollections:\n  secrets:\n    output: true\n");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    no_secret();
    assert!(site.exists("public/index.html"), "the previous output stays: {}", run.stderr);
}

/// A build with drafts reads a draft's modification time only from a file of the
/// content folder: a draft that is a symbolic link out of the handbook stops the build
/// at its path, publishes nothing of its target, and leaves the previous output.
#[test]
fn a_draft_linked_out_of_the_handbook_is_refused() {
    let outside = Site::empty("jekyll-draft-outside");
    outside.write("secret.md", "---\ntitle: Key\n---\nOUTSIDE-SECRET\n");
    let site = jekyll("jekyll-draft-link");
    site.write("content/_drafts/notes.md", "---\ntitle: Notes\n---\nA draft.\n");
    site.build(&["--drafts"]).expect_code(0);
    std::os::unix::fs::symlink(outside.root.join("secret.md"), site.root.join("content/_drafts/leak.md"))
        .expect("symlink");
    let run = site.build(&["--drafts"]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("_drafts/leak.md"), "{}", run.stderr);
    assert_eq!(site.files_containing("public", "OUTSIDE-SECRET"), Vec::<String>::new());
    assert!(site.exists("public/index.html"), "the previous output stays: {}", run.stderr);
}

/// The lists' `content` and `excerpt` give a page's body to every page and file that
/// lists it: in a public build, neither an internal block of a listed page (the whole
/// excerpt, here; an HTML page's indented block) nor an internal document reaches any
/// output byte, through a page, a `where` copy or a file such as `search.json`; the
/// internal build shows them.
#[test]
fn a_listed_page_s_internal_text_never_reaches_a_public_page_through_content() {
    let site = jekyll("jekyll-listed-content");
    site.write("_config.yml", "title: Test\ncollections:\n  notes:\n    output: true\n");
    let open =
        "---\ntitle: Open\n---\n<!-- internal -->\n\nCANARY-BLOCK vault code.\n\n<!-- /internal -->\n\nPublic words.\n";
    site.write("content/_notes/open.md", open);
    site.write("content/_notes/staff.md", "---\ntitle: Staff\nvisibility: internal\n---\nCANARY-PAGE roster.\n");
    // An HTML page's blocks go by its line rule: indented markers, no Markdown.
    let html = "---\ntitle: Board\n---\n<section>\n\n    <!-- internal -->\n\n    <p>CANARY-HTML</p>\n\n    <!-- /internal -->\n</section>\n";
    site.write("content/_notes/board.html", html);
    let lister = "---\ntitle: Notes\n---\n{% for n in site.notes %}{{ n.excerpt }}{{ n.content }}{% endfor %}\
                  {% assign copies = site.notes | where_exp: 'n', 'n.title' %}{{ copies | jsonify }}\n";
    site.write("content/notes.md", lister);
    site.write(
        "content/search.json",
        "---\n---\n{{ site.notes | jsonify }} {{ site.documents | map: 'content' | join }}\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for canary in ["CANARY-BLOCK", "CANARY-PAGE", "CANARY-HTML"] {
        assert_eq!(site.files_containing("public", canary), Vec::<String>::new(), "{canary}: {}", run.stderr);
    }
    assert!(site.read("public/search.json").contains("Public words."), "the public text is listed");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    let notes = site.read("internal/notes.html");
    for canary in ["CANARY-BLOCK", "CANARY-PAGE", "CANARY-HTML"] {
        assert!(notes.contains(canary), "{canary} in {notes}");
    }
}
