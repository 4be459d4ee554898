//! Hostile inputs: the redirects plugin's `redirect_maps` of an MkDocs site. An old
//! path that climbs out of the site or is absolute writes nothing (inside or out of the
//! output), an address with markup is escaped, a redirect to an internal page is left
//! out of a public build with nothing of the page shown, and a map of many entries is
//! read in bounded time.

use std::time::{Duration, Instant};

use crate::util::Site;

fn mkdocs(maps: &str) -> String {
    format!("site_name: X\ndocs_dir: content\nplugins:\n  - redirects:\n      redirect_maps:\n{maps}")
}

/// Old paths out of the site are refused at their line; nothing is written for them,
/// in the output or beside it.
#[test]
fn an_old_path_out_of_the_site_writes_nothing() {
    let maps = "        '../../escaped.md': 'a.md'\n        '/abs/olda.md': 'a.md'\n        'ok/../../up.md': 'a.md'\n";
    let site = Site::with_files("mkdocs-redirects-out", &[("mkdocs.yml", &mkdocs(maps)), ("content/a.md", "# A\n")]);
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    for line in [6, 7, 8] {
        assert!(run.stderr.contains(&format!("mkdocs.yml:{line}:9")), "refused at line {line}: {}", run.stderr);
    }
    assert!(!site.exists("escaped/index.html") && !site.exists("escaped.html") && !site.exists("up/index.html"));
    assert!(!site.exists("public/abs") && !site.exists("/abs/olda/index.html"));
    assert_eq!(site.files_containing(".", "Moved:"), Vec::<String>::new(), "no redirect page anywhere");
}

/// An address that carries markup is written escaped; a redirect to an internal page is
/// left out of the public build and names nothing of the page.
#[test]
fn markup_is_escaped_and_an_internal_page_is_not_revealed() {
    let maps =
        "        'old.md': 'https://example.org/\"><script>alert(1)</script>'\n        'gone.md': 'secret.md#part'\n";
    let site = Site::with_files(
        "mkdocs-redirects-markup",
        &[
            ("mkdocs.yml", &mkdocs(maps)),
            ("content/a.md", "# A\n"),
            ("content/secret.md", "---\nvisibility: internal\n---\n# Leakredirect title\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/old/index.html");
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(page.contains("https://example.org/&quot;&gt;&lt;script&gt;"), "{page}");
    assert!(run.stderr.contains("left out of this build"), "{}", run.stderr);
    assert!(!site.exists("public/gone/index.html"));
    assert_eq!(site.files_containing("public", "Leakredirect"), Vec::<String>::new());
    assert_eq!(site.files_containing("public", "secret"), Vec::<String>::new());
}

/// 50,000 entries are read and claimed in bounded time.
#[test]
fn a_map_of_many_entries_is_bounded() {
    let maps: String = (0..50_000).map(|n| format!("        'old/{n}.md': 'a.md'\n")).collect();
    let site = Site::with_files("mkdocs-redirects-many", &[("mkdocs.yml", &mkdocs(&maps)), ("content/a.md", "# A\n")]);
    let started = Instant::now();
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(0);
    assert!(started.elapsed() < Duration::from_secs(120), "took {:?}", started.elapsed());
    assert!(site.exists("public/old/49999/index.html"));
}
