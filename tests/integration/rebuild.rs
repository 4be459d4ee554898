//! Rebuilds into an existing output folder: files whose bytes did not change
//! are not rewritten (their inode and mtime stay), stale files go, a failed build leaves
//! the previous output and its manifest byte-identical, the staging folder obeys the
//! output folder's refusals, a manifest that is missing, stale or contradicted by an
//! edited file is not believed, and what killed builds left is removed.

use crate::util;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use util::Site;

/// The manifest of `public/`, beside it.
const MANIFEST: &str = ".public.opsbook-manifest";

/// The build cache of `public/`, beside it.
const CACHE: &str = ".public.opsbook-cache";

/// The pages' Markdown results of the build cache, beside it.
const PAGES: &str = ".public.opsbook-pages";

/// The lock two builds into `public/` take, beside it.
const LOCK: &str = ".public.opsbook-lock";

/// A handbook of three pages, with an image, built once.
fn built(name: &str) -> Site {
    let page = |title: &str| format!("---\ntitle: {title}\n---\n# {title}\n\nAbout {title}.\n");
    let site = Site::with_files(
        name,
        &[
            ("content/_index.md", "# Home\n\n![diagram](diagram.png)\n"),
            ("content/runbooks/_index.md", "# Runbooks\n"),
            ("content/runbooks/cache.md", &page("Cache")),
            ("content/runbooks/db.md", &page("Database")),
            ("content/runbooks/queue.md", &page("Queue")),
            ("content/diagram.png", "png bytes"),
        ],
    );
    site.build(&[]).expect_code(0);
    site
}

/// An mtime long ago, that no build writes.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000)
}

/// Sets every file of the output to [`long_ago`].
fn age_output(site: &Site) {
    for file in site.files_under("public") {
        let file = std::fs::File::options()
            .write(true)
            .open(site.root.join("public").join(&file))
            .expect("open an output file");
        file.set_modified(long_ago()).expect("set its mtime");
    }
}

/// The output's files whose mtime is no longer [`long_ago`]: those the build wrote.
fn rewritten(site: &Site) -> Vec<String> {
    let modified = |file: &String| {
        let metadata = std::fs::metadata(site.root.join("public").join(file)).expect("an output file");
        metadata.modified().expect("its mtime")
    };
    site.files_under("public").into_iter().filter(|file| modified(file) != long_ago()).collect()
}

/// The inode of each file of the output.
#[cfg(unix)]
fn inodes(site: &Site) -> BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    let inode = |file: &String| std::fs::metadata(site.root.join("public").join(file)).expect("an output file").ino();
    site.files_under("public").into_iter().map(|file| (file.clone(), inode(&file))).collect()
}

/// Every file of the output with its bytes.
fn listing(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.files_under("public")
        .into_iter()
        .map(|file| (file.clone(), site.read_bytes(&format!("public/{file}"))))
        .collect()
}

/// The entries of the handbook's root folder, to find staging folders left behind.
fn root_entries(site: &Site) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(&site.root)
        .expect("the root")
        .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_rebuild_of_the_same_sources_rewrites_no_file() {
    let site = built("rebuild-same");
    let before = listing(&site);
    age_output(&site);
    site.build(&[]).expect_code(0);
    assert_eq!(rewritten(&site), Vec::<String>::new());
    assert_eq!(listing(&site), before);
    assert_eq!(root_entries(&site), [CACHE, LOCK, MANIFEST, PAGES, "book.toml", "content", "public"]);
}

#[test]
fn a_one_page_edit_rewrites_that_page_and_the_files_that_hold_its_text() {
    let site = built("rebuild-edit");
    age_output(&site);
    site.write("content/runbooks/db.md", "---\ntitle: Database\n---\n# Database\n\nAbout the primary.\n");
    site.build(&[]).expect_code(0);
    // The page, its section's list (which shows its summary), the section's print page,
    // handbook.json (summaries), the search index's shards of its words (by their
    // spelling and by their reversed spelling, for typos), of its phrase pairs, and the
    // page's snippets file. The page records (p-0.json) stay: they name where a page's
    // later snippet files start, and this short page has only its first.
    assert_eq!(
        rewritten(&site),
        [
            "handbook.json",
            "print/runbooks/index.html",
            "runbooks/db/index.html",
            "runbooks/index.html",
            "search/q-0.json",
            "search/r-0.json",
            "search/s/0/s-3.json",
            "search/t-0.json"
        ]
    );
    assert!(site.read("public/runbooks/db/index.html").contains("About the primary."));
}

#[test]
fn a_rebuild_removes_the_files_of_deleted_pages_and_assets() {
    let site = built("rebuild-stale");
    std::fs::remove_file(site.root.join("content/runbooks/queue.md")).unwrap();
    std::fs::remove_file(site.root.join("content/diagram.png")).unwrap();
    site.write("content/_index.md", "# Home\n");
    site.write("public/stray/old.html", "a file of no build");
    site.build(&[]).expect_code(0);
    for gone in ["public/runbooks/queue", "public/diagram.png"] {
        assert!(!site.exists(gone), "{gone} is stale");
    }
    assert!(site.exists("public/runbooks/db/index.html"));
    assert_eq!(site.read("public/stray/old.html"), "a file of no build", "no build wrote it: it stays");
}

#[test]
fn a_rebuild_replaces_a_file_where_a_folder_goes_and_a_folder_where_a_file_goes() {
    let site = built("rebuild-shapes");
    // An earlier build's asset where a page's folder now goes, and an earlier build's
    // page folder where an asset now goes.
    site.write("content/runbooks/disk", "an asset without an extension");
    site.write("content/notes.md", "# Notes\n");
    site.build(&[]).expect_code(0);
    std::fs::remove_file(site.root.join("content/runbooks/disk")).unwrap();
    site.write("content/runbooks/disk.md", "# Disk\n");
    std::fs::remove_file(site.root.join("content/notes.md")).unwrap();
    site.write("content/notes", "an asset where a page was");
    site.build(&[]).expect_code(0);
    assert!(site.read("public/runbooks/disk/index.html").contains("Disk"));
    assert_eq!(site.read("public/notes"), "an asset where a page was");
    // What no build wrote in the way is refused, and the output left as it was, unless
    // the build is told to replace it.
    site.write("public/runbooks/cpu", "a file by hand where a page's folder goes");
    std::fs::remove_file(site.root.join("public/robots.txt")).unwrap();
    site.write("public/robots.txt/inner.html", "a folder by hand where a file goes");
    site.write("content/runbooks/cpu.md", "# CPU\n");
    let before = listing(&site);
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to replace what no earlier opsbook build wrote in public/: `robots.txt/inner.html`, `runbooks/cpu` stand where the site goes"), "{}", run.stderr);
    assert_eq!(listing(&site), before);
    site.build(&["--force"]).expect_code(0);
    assert!(site.read("public/runbooks/cpu/index.html").contains("CPU"));
    assert!(site.read("public/robots.txt").contains("User-agent"));
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = built("rebuild-failed");
    let before = listing(&site);
    let manifest = site.read_bytes(MANIFEST);
    // Broken front matter: found before anything is written.
    site.write("content/runbooks/broken.md", "---\ntitle: [unclosed\n---\n");
    site.build(&[]).expect_code(1);
    assert_eq!(listing(&site), before);
    std::fs::remove_file(site.root.join("content/runbooks/broken.md")).unwrap();
    // A broken 404 template: found after the pages were written into the staging folder,
    // the changed one among them.
    site.write("content/runbooks/db.md", "# Database\n\nChanged.\n");
    site.write("content/diagram.png", "other png bytes");
    site.write("templates/404.html", "{{ no_such_variable }}");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("404.html"), "{}", run.stderr);
    assert_eq!(listing(&site), before);
    assert_eq!(site.read_bytes(MANIFEST), manifest);
    assert_eq!(root_entries(&site), [CACHE, LOCK, MANIFEST, PAGES, "book.toml", "content", "public", "templates"]);
}

#[test]
fn refuses_an_output_folder_that_holds_a_git_folder() {
    let site = built("rebuild-git");
    site.write("deploy/.git/HEAD", "ref: refs/heads/gh-pages\n");
    site.write("deploy/index.html", "published");
    let run = site.build(&["--out", "deploy"]);
    run.expect_code(2);
    assert!(run.stderr.contains("it holds a .git folder"), "{}", run.stderr);
    assert_eq!(site.read("deploy/.git/HEAD"), "ref: refs/heads/gh-pages\n");
    assert_eq!(site.read("deploy/index.html"), "published");
    assert!(!root_entries(&site).iter().any(|name| name.contains(".building-")));
}

#[cfg(unix)]
#[test]
fn links_of_the_previous_output_are_never_followed_and_go_only_when_forced() {
    let site = built("rebuild-links");
    site.write("elsewhere/precious.txt", "keep me");
    std::os::unix::fs::symlink(site.root.join("elsewhere"), site.root.join("public/linked")).unwrap();
    std::os::unix::fs::symlink(site.root.join("elsewhere/precious.txt"), site.root.join("public/file.txt")).unwrap();
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("elsewhere/precious.txt"), "keep me");
    assert!(std::fs::symlink_metadata(site.root.join("public/linked")).is_ok(), "no build made it");
    site.build(&["--force"]).expect_code(0);
    assert_eq!(site.read("elsewhere/precious.txt"), "keep me");
    assert!(std::fs::symlink_metadata(site.root.join("public/linked")).is_err());
    assert!(std::fs::symlink_metadata(site.root.join("public/file.txt")).is_err());
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_the_inode_of_every_unchanged_file() {
    let site = built("rebuild-inodes");
    let before = inodes(&site);
    site.write("content/runbooks/db.md", "---\ntitle: Database\n---\n# Database\n\nAbout the primary.\n");
    site.build(&[]).expect_code(0);
    let after = inodes(&site);
    let replaced: Vec<&String> = before.keys().filter(|file| before[*file] != after[*file]).collect();
    assert!(replaced.contains(&&"runbooks/db/index.html".to_owned()), "{replaced:?}");
    assert!(!replaced.contains(&&"runbooks/cache/index.html".to_owned()), "{replaced:?}");
    assert!(!replaced.contains(&&"style.css".to_owned()), "{replaced:?}");
}

#[test]
fn a_rebuild_without_a_manifest_needs_force_and_compares_the_bytes() {
    let site = built("rebuild-no-manifest");
    let before = listing(&site);
    std::fs::remove_file(site.root.join(MANIFEST)).unwrap();
    age_output(&site);
    // Without its manifest, nothing tells that a build wrote the folder.
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("no earlier opsbook build wrote there (it has no manifest beside it)"),
        "{}",
        run.stderr
    );
    site.build(&["--force"]).expect_code(0);
    assert_eq!(rewritten(&site), Vec::<String>::new());
    assert_eq!(listing(&site), before);
    assert!(site.read(MANIFEST).starts_with("opsbook-manifest 1\n"), "the manifest is written again");
    // A manifest that cannot be read is no manifest.
    site.write(MANIFEST, "not a manifest\n");
    let run = site.build(&[]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot be read"), "{}", run.stderr);
    site.build(&["--force"]).expect_code(0);
    assert_eq!(rewritten(&site), Vec::<String>::new());
    assert!(site.read(MANIFEST).starts_with("opsbook-manifest 1\n"));
}

/// Unix only: elsewhere the manifest's stamp has no status-change time, and a file edited
/// with its size and mtime kept is not told apart.
#[cfg(unix)]
#[test]
fn a_file_edited_by_hand_in_the_output_is_rewritten_whatever_the_manifest_says() {
    let site = built("rebuild-edited");
    let before = listing(&site);
    let page = site.root.join("public/runbooks/db/index.html");
    let modified = std::fs::metadata(&page).unwrap().modified().unwrap();
    // The same length and the same mtime: only the status-change time tells.
    let edited: Vec<u8> =
        site.read_bytes("public/runbooks/db/index.html").iter().map(|b| if *b == b'D' { b'X' } else { *b }).collect();
    std::fs::write(&page, &edited).unwrap();
    std::fs::File::options().write(true).open(&page).unwrap().set_modified(modified).unwrap();
    site.build(&[]).expect_code(0);
    assert_eq!(listing(&site), before);
}

#[test]
fn a_stale_manifest_is_not_believed() {
    let site = built("rebuild-stale-manifest");
    let first = listing(&site);
    let old_manifest = site.read_bytes(MANIFEST);
    site.write("content/runbooks/db.md", "---\ntitle: Database\n---\n# Database\n\nAbout the primary.\n");
    site.build(&[]).expect_code(0);
    // The manifest of the first build, as a build killed while it renamed its files
    // leaves it: it holds the first build's hashes for files that have changed since.
    site.write(MANIFEST, &old_manifest);
    site.write("content/runbooks/db.md", "---\ntitle: Database\n---\n# Database\n\nAbout Database.\n");
    site.build(&[]).expect_code(0);
    assert_eq!(listing(&site), first);
}

#[cfg(unix)]
#[test]
fn a_rebuild_removes_what_killed_builds_left_beside_the_output() {
    let site = built("rebuild-leftovers");
    // The id of a process that has ended.
    let mut child = std::process::Command::new("true").spawn().expect("run true");
    let dead = child.id();
    child.wait().unwrap();
    site.write(&format!(".public.building-{dead}/0"), "a changed file never put in place");
    site.write(&format!(".public.building-{dead}/runbooks/index.html"), "a first build's page");
    site.write(&format!(".public.old-{dead}/index.html"), "an earlier version's previous output");
    site.write(&format!("{MANIFEST}.{dead}"), "a manifest half written");
    site.write(&format!("{CACHE}.{dead}"), "a cache half written");
    site.write(&format!(".public.opsbook-scratch.{dead}"), "the bodies a killed build's print pages waited for");
    site.write(&format!("{PAGES}.{dead}"), "page records half written");
    site.write(".public.building-notapid/kept", "not a build's");
    site.write(".other.building-1/kept", "another output's");
    site.build(&[]).expect_code(0);
    assert_eq!(
        root_entries(&site),
        [
            ".other.building-1",
            ".public.building-notapid",
            CACHE,
            LOCK,
            MANIFEST,
            PAGES,
            "book.toml",
            "content",
            "public"
        ]
    );
}

/// A build killed (SIGKILL) while it writes its changed files leaves the output as it was
/// and its staging folder, which the next build removes before it completes the output.
///
/// The build is stopped (SIGSTOP) once its staging folder holds a few files, and killed
/// only if, stopped, it has not yet touched the output: a test thread the machine kept
/// waiting past the staging would otherwise see the count fall while the build renames
/// its files into place (step 3, which the next build completes) and kill it there. Such
/// a round is let go on, and tried again with new text.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_the_output_as_it_was_and_the_next_build_cleans_up() {
    let page = |n: usize, text: &str| format!("---\ntitle: Page {n}\n---\n# Page {n}\n\n{text} {n}.\n");
    let site = Site::empty("rebuild-killed");
    site.write("book.toml", "[handbook]\ntitle = \"Killed\"\n");
    site.write("content/_index.md", "# Home\n");
    for n in 0..600 {
        site.write(&format!("content/pages/p{n}.md"), page(n, "Round 0"));
    }
    site.build(&[]).expect_code(0);
    let signal = |name: &str, pid: u32| {
        let status = std::process::Command::new("sh")
            .args(["-c", "kill -s \"$1\" \"$2\"", "sh", name, &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -s {name}");
    };
    let staged = |dir: &std::path::Path| std::fs::read_dir(dir).map_or(0, |entries| entries.count());
    let mut killed = None;
    for round in 1..=5 {
        let before = listing(&site);
        let text = format!("Round {round}");
        for n in 0..600 {
            site.write(&format!("content/pages/p{n}.md"), page(n, &text));
        }
        let mut build = util::opsbook().arg("build").current_dir(&site.root).spawn().expect("run opsbook");
        let staging = site.root.join(format!(".public.building-{}", build.id()));
        let stopped = loop {
            if build.try_wait().expect("the build's status").is_some() {
                break false;
            }
            if (1..100).contains(&staged(&staging)) {
                signal("STOP", build.id());
                break true;
            }
            std::thread::sleep(Duration::from_micros(200));
        };
        if stopped && listing(&site) == before {
            build.kill().expect("kill the build");
            build.wait().expect("the killed build");
            killed = Some((before, staging, text));
            break;
        }
        if stopped {
            signal("CONT", build.id());
        }
        assert!(build.wait().expect("the build").success());
    }
    let (before, staging, text) = killed.expect("in five rounds the build was never stopped while it staged its files");
    assert_eq!(listing(&site), before);
    assert!(staging.exists(), "a killed build leaves its staging folder");
    site.build(&[]).expect_code(0);
    assert!(!staging.exists());
    assert!(site.read("public/pages/p7/index.html").contains(&format!("{text} 7.")));
    assert!(!root_entries(&site).iter().any(|name| name.contains(".building-")));
}
