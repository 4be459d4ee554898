//! Hostile inputs: the folders a build writes besides its pages. An output folder that
//! `book.toml` names (or `public/`) reached through a symbolic link committed in the
//! handbook is refused when it resolves outside the handbook, so a pull request cannot
//! replace another site of the machine; a build cache folder (`--cache-dir`,
//! `OPSBOOK_CACHE_DIR`) inside a source folder is refused, so an internal build's cache
//! never becomes a file that a public build publishes.

#![cfg(unix)]

use crate::util::{Site, inflated};

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

/// Every file under `dir` of `site`, with its bytes.
fn listing(site: &Site, dir: &str) -> Vec<(String, Vec<u8>)> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

#[test]
fn an_output_folder_named_in_book_toml_never_leads_out_through_a_link() {
    let victim = Site::with_files("own-folders-victim", &[("content/v.md", PAGE)]);
    victim.build(&[]).expect_code(0);
    let before = listing(&victim, "public");
    let site = Site::with_files("own-folders-linked", &[("content/p.md", PAGE)]);
    std::os::unix::fs::symlink(&victim.root, site.root.join("link")).expect("a link");
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\noutput-dir = \"link/public\"\n");
    {
        let run = site.run(&["build"]);
        run.expect_code(1);
        assert!(
            run.stderr.contains("a symbolic link on the way leads it out of the handbook's folder"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("--> book.toml:4:1"), "{}", run.stderr);
    }
    assert_eq!(listing(&victim, "public"), before, "the other site was changed");
    // `public` itself committed as a link to the other site's output.
    std::fs::remove_file(site.root.join("link")).expect("remove");
    std::os::unix::fs::symlink(victim.root.join("public"), site.root.join("public")).expect("a link");
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n");
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(run.stderr.contains("a symbolic link on the way leads it out of the handbook's folder"), "{}", run.stderr);
    assert_eq!(listing(&victim, "public"), before, "the other site was changed");
    // `--out` is the way to write elsewhere.
    let elsewhere = victim.root.join("other");
    site.build(&["--out", elsewhere.to_str().expect("a path")]).expect_code(0);
}

#[test]
fn a_cache_folder_in_the_content_folder_is_refused_and_never_published() {
    let site = Site::with_files(
        "own-folders-cache",
        &[
            ("content/p.md", PAGE),
            ("content/ops/_index.md", "---\ntitle: Ops\nvisibility: internal\n---\nleakcache9 secret.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    for (given, env) in [("content/.cache", false), ("content/cache", false), ("static/c", true), ("public/c", false)] {
        let dir = site.root.join(given);
        let mut command = crate::util::opsbook();
        command.current_dir(&site.root).args(["build", "--audience", "internal", "--out", "internal"]);
        if env {
            command.env("OPSBOOK_CACHE_DIR", &dir);
        } else {
            command.arg("--cache-dir").arg(&dir);
        }
        let output = command.output().expect("run opsbook");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{given}: {stderr}");
        assert!(stderr.contains("refusing to keep the build cache in"), "{given}: {stderr}");
        assert!(!dir.join("opsbook-pages").exists(), "{given}: a cache was written");
    }
    site.build(&[]).expect_code(0);
    for file in site.files_under("public") {
        let bytes = site.read_bytes(&format!("public/{file}"));
        let text = inflated(bytes.clone()).unwrap_or(bytes);
        assert!(!text.windows(10).any(|w| w == b"leakcache9"), "{file} holds internal text");
    }
}
