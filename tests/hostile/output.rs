//! Hostile inputs: the output folder. `[build] output-dir` in a
//! pull request aimed outside the root or at a folder of other files; `--out` naming a
//! folder that never held opsbook's output; files and repositories put into an output by
//! hand; a forged manifest; two builds into one folder at once. A build only ever
//! removes what an earlier build wrote there, and never anything below a `.git` folder.

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{Site, opsbook};

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

/// Every file under `dir` of `site`, with its bytes.
fn listing(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

#[test]
fn an_output_dir_in_book_toml_outside_the_root_is_an_error_at_its_key() {
    let site = Site::with_files("out-toml-outside", &[("content/p.md", PAGE)]);
    let sibling = site.root.join("../out-toml-outside-victim");
    std::fs::create_dir_all(&sibling).unwrap();
    std::fs::write(sibling.join("precious.txt"), "keep").unwrap();
    let absolute = sibling.to_string_lossy().into_owned();
    for (written, why) in [
        ("..", "it must stay inside the handbook's root (no `..`)"),
        ("../out-toml-outside-victim", "it must stay inside the handbook's root (no `..`)"),
        ("content/../../out-toml-outside-victim", "it must stay inside the handbook's root (no `..`)"),
        (absolute.as_str(), "it must be relative to the handbook's root, not absolute"),
        (".github", "without empty, `.` or hidden segments"),
    ] {
        site.write("book.toml", format!("[handbook]\ntitle = \"T\"\n\n[build]\n  output-dir = {written:?}\n"));
        for verb in ["build", "check"] {
            let run = site.run(&[verb]);
            run.expect_code(1);
            assert!(run.stderr.contains("error[config-field]: `[build] output-dir` is"), "{written}: {}", run.stderr);
            assert!(run.stderr.contains(why), "{written}: {}", run.stderr);
            assert!(run.stderr.contains("--> book.toml:5:3"), "{written}: {}", run.stderr);
        }
        assert_eq!(std::fs::read_to_string(sibling.join("precious.txt")).unwrap(), "keep");
        assert_eq!(std::fs::read_dir(&sibling).unwrap().count(), 1, "{written}: nothing was written there");
    }
    std::fs::remove_dir_all(&sibling).unwrap();
}

#[test]
fn an_output_dir_in_book_toml_naming_a_folder_of_other_files_is_refused_at_its_key() {
    let site = Site::with_files(
        "out-toml-foreign",
        &[("content/p.md", PAGE), ("src/main.rs", "fn main() {}\n"), ("vendor/docs/guide.txt", "theirs\n")],
    );
    for folder in ["src", "vendor/docs"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"T\"\n[build]\noutput-dir = \"{folder}\"\n"));
        let before = listing(&site, folder);
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[config-field]: refusing to write the site to"), "{}", run.stderr);
        assert!(run.stderr.contains("no earlier opsbook build wrote there"), "{}", run.stderr);
        assert!(run.stderr.contains("--> book.toml:4:1"), "{}", run.stderr);
        assert_eq!(listing(&site, folder), before, "{folder} was changed");
    }
}

#[test]
fn never_empties_a_folder_no_build_wrote_unless_forced_and_never_below_git() {
    let site = Site::with_files(
        "out-foreign",
        &[
            ("content/p.md", PAGE),
            (".github/workflows/ci.yml", "on: push\n"),
            ("mydocs/notes.txt", "mine\n"),
            ("checkouts/tool/.git/HEAD", "ref: refs/heads/main\n"),
            ("checkouts/tool/README", "a repository one level down\n"),
        ],
    );
    for out in [".github", "mydocs", "checkouts"] {
        let before = listing(&site, out);
        let run = site.build(&["--out", out]);
        run.expect_code(2);
        assert!(run.stderr.contains(&format!("refusing to write the site to {out}/")), "{}", run.stderr);
        assert!(run.stderr.contains("no earlier opsbook build wrote there"), "{}", run.stderr);
        assert!(run.stderr.contains("pass --force"), "{}", run.stderr);
        assert_eq!(listing(&site, out), before, "{out} was changed");
    }
    // Consent replaces what the folder holds, but not a repository below it.
    site.build(&["--out", "checkouts", "--force"]).expect_code(0);
    assert!(site.exists("checkouts/p/index.html"));
    assert_eq!(site.read("checkouts/tool/.git/HEAD"), "ref: refs/heads/main\n");
    assert!(!site.exists("checkouts/tool/README"));
    // Once built, the folder is the build's: the next build needs no consent.
    site.write("content/q.md", PAGE);
    site.build(&["--out", "checkouts"]).expect_code(0);
    assert!(site.exists("checkouts/q/index.html"));
    assert_eq!(site.read("checkouts/tool/.git/HEAD"), "ref: refs/heads/main\n");
}

#[test]
fn a_rebuild_removes_only_what_an_earlier_build_wrote() {
    let site = Site::with_files("out-owned", &[("content/p.md", PAGE), ("content/old.md", PAGE)]);
    site.build(&[]).expect_code(0);
    site.write("public/uploads/report.pdf", "put there by a deploy script");
    site.write("public/vendor/app/.git/HEAD", "ref: refs/heads/main\n");
    site.write("public/vendor/app/index.js", "a checkout inside the output");
    std::fs::create_dir_all(site.root.join("public/empty-by-hand")).unwrap();
    std::fs::remove_file(site.root.join("content/old.md")).unwrap();
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/old"), "an earlier build's page that is gone goes");
    assert_eq!(site.read("public/uploads/report.pdf"), "put there by a deploy script");
    assert_eq!(site.read("public/vendor/app/index.js"), "a checkout inside the output");
    assert!(site.exists("public/empty-by-hand"), "no build made it");
    // An earlier build's file edited by hand since, now stale, stays too.
    site.write("content/gone.md", PAGE);
    site.build(&[]).expect_code(0);
    site.write("public/gone/index.html", "edited by hand");
    std::fs::remove_file(site.root.join("content/gone.md")).unwrap();
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("public/gone/index.html"), "edited by hand");
    // With consent, all of it goes but the repository.
    site.build(&["--force"]).expect_code(0);
    for gone in ["public/uploads", "public/empty-by-hand", "public/vendor/app/index.js", "public/gone"] {
        assert!(!site.exists(gone), "{gone}");
    }
    assert_eq!(site.read("public/vendor/app/.git/HEAD"), "ref: refs/heads/main\n");
    assert!(site.exists("public/p/index.html"));
}

#[test]
fn a_restored_output_and_manifest_still_lose_their_stale_files() {
    // A CI cache restores files with new inodes and times: the manifest's stamps no
    // longer match, and the bytes prove the stale files are a build's.
    let site = Site::with_files("out-restored", &[("content/p.md", PAGE), ("content/old.md", PAGE)]);
    site.build(&[]).expect_code(0);
    let copy = site.root.join("public-copy");
    std::process::Command::new("cp").arg("-r").arg(site.root.join("public")).arg(&copy).status().unwrap();
    std::fs::remove_dir_all(site.root.join("public")).unwrap();
    std::fs::rename(&copy, site.root.join("public")).unwrap();
    std::fs::remove_file(site.root.join("content/old.md")).unwrap();
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/old"));
}

#[test]
fn a_forged_manifest_removes_nothing_whose_bytes_it_does_not_know() {
    let site = Site::with_files("out-forged", &[("content/p.md", PAGE), ("docs-site/secret.env", "TOKEN=abc\n")]);
    // A manifest committed beside a folder of other files, listing them with made-up
    // hashes and stamps.
    site.write(
        ".docs-site.opsbook-manifest",
        "opsbook-manifest 1\n00000000000000000000000000000001 10 1 1 1 secret.env\n",
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\noutput-dir = \"docs-site\"\n");
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("docs-site/secret.env"), "TOKEN=abc\n");
    assert!(site.exists("docs-site/p/index.html"));
}

/// A handbook of `n` pages, every other one internal, each page's text naming its
/// audience.
fn two_audiences(name: &str, n: usize) -> Site {
    let site = Site::with_files(name, &[("content/_index.md", "# Home\n")]);
    for i in 0..n {
        let visibility = if i % 2 == 0 { "public" } else { "internal" };
        let page = format!("---\ntitle: Page {i}\nvisibility: {visibility}\n---\n# Page {i}\n\nText of page {i}.\n");
        site.write(&format!("content/pages/p{i}.md"), page);
    }
    site
}

#[test]
fn a_build_waits_for_the_build_that_holds_the_folder() {
    let site = two_audiences("out-lock-wait", 4);
    site.build(&[]).expect_code(0);
    let lock = std::fs::File::options().write(true).open(site.root.join(".public.opsbook-lock")).unwrap();
    lock.lock().unwrap();
    let mut build = opsbook()
        .args(["build", "--audience", "internal"])
        .current_dir(&site.root)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(build.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert_eq!(first, "waiting for another build into public/ to finish…\n");
    std::thread::sleep(Duration::from_millis(300));
    assert!(build.try_wait().unwrap().is_none(), "the build went on while the folder was held");
    assert!(!site.read("public/index.html").contains("Page 1"), "nothing was written meanwhile");
    drop(lock);
    assert!(build.wait().unwrap().success());
    assert!(site.exists("public/pages/p1/index.html"));
}

#[test]
fn two_builds_into_one_folder_at_once_end_as_one_of_them() {
    let site = two_audiences("out-lock-race", 300);
    // What each build alone gives.
    site.build(&["--out", "alone-public"]).expect_code(0);
    site.build(&["--out", "alone-internal", "--audience", "internal"]).expect_code(0);
    let (public, internal) = (listing(&site, "alone-public"), listing(&site, "alone-internal"));
    for round in 0..3 {
        let start = |audience: &str| {
            opsbook()
                .args(["build", "--audience", audience, "--out", "public"])
                .current_dir(&site.root)
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        };
        let started = Instant::now();
        let (mut a, mut b) =
            if round % 2 == 0 { (start("public"), start("internal")) } else { (start("internal"), start("public")) };
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let after = listing(&site, "public");
        assert!(after == public || after == internal, "round {round}: a mix of both builds ({:?})", started.elapsed());
    }
}
