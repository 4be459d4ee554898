//! Hostile inputs: GitBook's reusable content, `{% include "path" %}`. A path out of the
//! handbook, an absolute path, a link out, a named pipe, a file past the limit or one
//! that includes itself is an `include` diagnostic at the tag's line and column (a file
//! not read is a missing file, as severe as a dead link: a warning here, where links are
//! warnings; a cycle or a file past the limit an error): nothing of it is read or
//! shown, and the build never hangs.

#![cfg(unix)]

use crate::gitbook_blocks::gitbook;
use crate::reads::{make_fifo, run_bounded};
use crate::util::panicked;

/// What a file outside the handbook holds, which no output may show.
const SECRET: &str = "outside-secret-0123456789";

#[test]
fn reusable_content_out_of_the_handbook_is_refused_at_the_tag_and_never_read() {
    let page = "# P\n\n{% include \"../../outside/secret.md\" %}\n\n{% include \"/etc/passwd\" %}\n\n{% include \".gitbook/includes/link.md\" %}\n\n{% include \".gitbook/includes/pipe.md\" %}\n\n{% include \".gitbook/includes/me.md\" %}\n\n{% include \".gitbook/includes/../../.git/config\" %}\n";
    let site = gitbook(&[("docs/index.md", page), ("docs/.gitbook/includes/me.md", "{% include \"me.md\" %}\n")]);
    site.write("outside/secret.md", SECRET);
    site.write(".git/config", SECRET);
    std::os::unix::fs::symlink("/etc/passwd", site.root.join("docs/.gitbook/includes/link.md")).expect("a link out");
    make_fifo(&site.root.join("docs/.gitbook/includes/pipe.md"));
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET) && !run.stdout.contains(SECRET) && !run.stderr.contains("root:x:"));
    for line in [3, 5, 7, 9, 13] {
        assert!(run.stderr.contains(&format!("docs/index.md:{line}:1")), "line {line}: {}", run.stderr);
    }
    assert!(run.stderr.contains("include cycle"), "{}", run.stderr);
    assert!(site.files_containing("public", SECRET).is_empty(), "a file out of the handbook was shown");
}

#[test]
fn reusable_content_past_the_size_limit_is_refused_at_the_tag() {
    let site = gitbook(&[("docs/index.md", "# P\n\n{% include \".gitbook/includes/huge.md\" %}\n")]);
    let huge = site.root.join("docs/.gitbook/includes/huge.md");
    std::fs::create_dir_all(huge.parent().expect("a folder")).expect("create the folder");
    std::fs::File::create(&huge).and_then(|file| file.set_len((64 << 20) + 1)).expect("a sparse file");
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("docs/index.md:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("larger than"), "{}", run.stderr);
}

/// GitBook's summary reads a page group's heading and a list item of plain text as
/// titles: what they hold is text in the sidebar, never markup, and a build succeeds.
#[test]
fn summary_groups_and_plain_titles_are_text() {
    let summary = "# Contents\n\n* [Home](README.md)\n\n## Ops <script>alert(1)</script>\n\n* Run<img src=x onerror=alert(2)>books `<b>`\n  * [Restart](ops/restart.md)\n";
    let site = gitbook(&[
        ("docs/SUMMARY.md", summary),
        ("docs/README.md", "# Home\n"),
        ("docs/ops/restart.md", "# Restart\n"),
    ]);
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/ops/restart/index.html");
    assert!(page.contains("Runbooks &lt;b&gt;"), "the plain title is shown as text: {page}");
    for file in site.files_under("public") {
        let text = std::fs::read_to_string(site.root.join("public").join(&file)).unwrap_or_default();
        assert!(!text.contains("alert(1)</script>") && !text.contains("onerror=alert(2)"), "{file}");
    }
}

/// `.gitbook.yaml`'s `redirects`: a file linked out of the handbook is not read; old
/// paths that climb or hold a query, and new paths that are absolute or climb, write
/// nothing inside the output or out of it.
#[test]
fn a_space_s_redirects_write_nothing_outside_and_read_nothing_outside() {
    let yaml = "root: ./\nredirects:\n  ../../escaped: index.md\n  q?x=1: index.md\n  abs: /etc/passwd\n  up: ../../outside/secret.md\n  ok: index.md\n";
    let site = gitbook(&[("docs/index.md", "# P\n")]);
    site.write("docs/.gitbook.yaml", yaml);
    site.write("outside/secret.md", SECRET);
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in [3, 4, 5, 6] {
        assert!(run.stderr.contains(&format!("docs/.gitbook.yaml:{line}:")), "line {line}: {}", run.stderr);
    }
    assert!(!site.exists("escaped/index.html") && !site.exists("public/escaped/index.html"));
    assert!(site.exists("public/ok/index.html"), "the good redirect is written");
    assert!(site.files_containing("public", SECRET).is_empty());

    // The whole file linked out of the handbook is refused, not read.
    std::fs::remove_file(site.root.join("docs/.gitbook.yaml")).expect("remove");
    let elsewhere =
        crate::util::Site::with_files("gitbook-space-elsewhere", &[("space.yaml", "redirects:\n  leaked: index.md\n")]);
    std::os::unix::fs::symlink(elsewhere.root.join("space.yaml"), site.root.join("docs/.gitbook.yaml")).expect("link");
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("docs/.gitbook.yaml"), "the refusal names the file: {}", run.stderr);
    assert!(!site.exists("public/leaked/index.html"), "{}", run.stderr);
}
