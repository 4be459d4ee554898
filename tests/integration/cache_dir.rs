//! The build cache in a folder of its own (`--cache-dir DIR`, `OPSBOOK_CACHE_DIR`), as CI
//! keeps it: every build starts from a fresh output (no earlier output, its manifest or
//! cache beside it, as in a new clone) with only the cache folder restored, and writes
//! byte for byte what a build without any cache writes, after each kind of change (a page
//! edited, added or removed, the configuration, the theme); the cache is in the folder and
//! nowhere beside the output; `--no-cache` and `--cache-dir` exclude each other.

use crate::util;

use std::collections::BTreeMap;

use util::Site;

/// Builds the site with `args` and a fixed date; asserts it succeeded and returns what
/// it printed.
fn build(site: &Site, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = util::opsbook();
    command.arg("build").args(args).env("SOURCE_DATE_EPOCH", "1700000000").current_dir(&site.root);
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run opsbook");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    stderr
}

/// Every file under `dir` with its bytes.
fn listing(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

/// Removes the output `public/` and everything an earlier build left beside it.
fn fresh_clone(site: &Site) {
    let _ = std::fs::remove_dir_all(site.root.join("public"));
    for entry in std::fs::read_dir(&site.root).expect("read the root").flatten() {
        if entry.file_name().to_string_lossy().starts_with(".public.") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Builds into a fresh `public/` with the cache folder `cache/`, builds into a new
/// folder without any cache, and asserts the two outputs are the same, byte for byte.
#[track_caller]
fn assert_cached_build_is_fresh(site: &Site, what: &str) {
    fresh_clone(site);
    let printed = build(site, &["--cache-dir", "cache"], &[]);
    assert!(!printed.contains("warning: the build cache"), "{what}: {printed}");
    let _ = std::fs::remove_dir_all(site.root.join("fresh"));
    build(site, &["--no-cache", "--out", "fresh"], &[]);
    let (cached, fresh) = (listing(site, "public"), listing(site, "fresh"));
    assert_eq!(cached.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "{what}: the same files");
    for (path, bytes) in &fresh {
        assert!(cached[path] == *bytes, "{what}: {path} differs from a build without the cache");
    }
    std::fs::remove_dir_all(site.root.join("fresh")).expect("remove the fresh output");
}

/// A handbook of pages with code blocks that link to each other.
fn handbook() -> Site {
    let site = Site::fixture("includes");
    site.write(
        "content/runbooks/restart.md",
        "# Restart\n\nSee [the cache](cache.md) first.\n\n```bash\nsystemctl restart queue\necho \"done\"\n```\n",
    );
    site.write(
        "content/runbooks/cache.md",
        "# Cache\n\n```yaml\nredis:\n  maxmemory: 2gb\n```\n\n```json\n{\"up\": true}\n```\n\n## Flush\n\nRun it.\n",
    );
    site.write("content/runbooks/_index.md", "# Runbooks\n\n- [Restart](restart.md)\n- [Cache](cache.md)\n");
    site
}

#[test]
fn a_build_with_a_restored_cache_folder_writes_what_a_build_without_it_writes() {
    let site = handbook();
    assert_cached_build_is_fresh(&site, "the first build");
    let cache = site.read_bytes("cache/opsbook-cache");
    assert!(cache.starts_with(b"opsbook-cache "), "the cache of code blocks is in the folder");
    assert!(site.read_bytes("cache/opsbook-pages").starts_with(b"opsbook-pages "), "the page records too");
    assert!(!site.exists(".public.opsbook-cache") && !site.exists(".public.opsbook-pages"), "nothing beside");
    assert_cached_build_is_fresh(&site, "no change");

    site.write("content/runbooks/cache.md", "# Cache\n\n```yaml\nredis:\n  maxmemory: 4gb\n```\n\n## Flush\n\nNow.\n");
    assert_cached_build_is_fresh(&site, "an edited page");
    site.write("content/runbooks/extra.md", "# Extra\n\nSee [the flush](cache.md#flush).\n\n```bash\nls\n```\n");
    assert_cached_build_is_fresh(&site, "an added page");
    std::fs::remove_file(site.root.join("content/runbooks/extra.md")).expect("remove a page");
    assert_cached_build_is_fresh(&site, "a removed page");
    site.write("book.toml", "[handbook]\ntitle = \"Renamed Handbook\"\n");
    assert_cached_build_is_fresh(&site, "a changed configuration");
    site.write(
        "templates/partials/page-footer.html",
        "<footer class=\"page-footer\">Kept by the platform team</footer>\n",
    );
    assert_cached_build_is_fresh(&site, "a changed theme");
    assert!(site.read("public/runbooks/restart/index.html").contains("Kept by the platform team"));
}

#[test]
fn the_environment_names_the_cache_folder_and_no_cache_excludes_it() {
    let site = handbook();
    let dir = site.root.join("ci-cache");
    build(&site, &[], &[("OPSBOOK_CACHE_DIR", dir.to_str().expect("a UTF-8 path"))]);
    assert!(site.exists("ci-cache/opsbook-cache") && site.exists("ci-cache/opsbook-pages"));
    assert!(!site.exists(".public.opsbook-cache"), "nothing beside the output");
    let run = site.build(&["--no-cache", "--cache-dir", "cache"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}
