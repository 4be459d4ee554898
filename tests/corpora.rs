//! Real handbooks: every corpus in ../shared/corpora (a company handbook, alert runbook
//! repositories, postmortems, standards documents) builds with no panic and no error
//! other than broken links, which are reported as warnings here.
//!
//! The corpora live beside the repository, not in it; set `OPSBOOK_CORPORA` to point
//! elsewhere. Without them this test says so and checks nothing.

mod util;

use std::path::{Path, PathBuf};

use util::{Site, copy_dir};

fn corpora_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("OPSBOOK_CORPORA")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora"));
    dir.is_dir().then_some(dir)
}

#[test]
fn every_shared_corpus_builds_without_errors() {
    let Some(dir) = corpora_dir() else {
        eprintln!("no corpora at ../shared/corpora (set OPSBOOK_CORPORA): nothing checked");
        return;
    };
    let mut corpora: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    corpora.sort();
    assert!(corpora.len() >= 5, "expected at least five corpora in {}", dir.display());
    for corpus in corpora {
        let name = corpus.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::empty(&format!("corpus-{name}"));
        // A corpus either has its own content/ folder or is the content itself.
        let content = if corpus.join("content").is_dir() { corpus.join("content") } else { corpus.clone() };
        copy_dir(&content, &site.root.join("content"));
        site.write("book.toml", format!("[handbook]\ntitle = \"{name}\"\n[check]\nlinks = \"warn\"\n"));
        let run = site.build(&["--base-url", "https://handbook.example.org/docs/"]);
        assert!(!run.stderr.contains("panicked"), "{name} panicked:\n{}", run.stderr);
        run.expect_code(0);
        let unexpected: Vec<&str> = run
            .stderr
            .lines()
            .filter(|l| l.starts_with("error") || (l.starts_with("warning[") && !is_link_warning(l)))
            .collect();
        assert!(unexpected.is_empty(), "{name}: {unexpected:#?}");
        let pages = site.files_under("public").iter().filter(|f| f.ends_with("index.html")).count();
        let sources = site.files_under("content").iter().filter(|f| f.to_ascii_lowercase().ends_with(".md")).count();
        assert!(pages >= sources * 9 / 10, "{name}: {pages} pages from {sources} Markdown files");
    }
}

fn is_link_warning(line: &str) -> bool {
    ["warning[broken-link]", "warning[broken-anchor]", "warning[missing-asset]"]
        .iter()
        .any(|rule| line.starts_with(rule))
}
