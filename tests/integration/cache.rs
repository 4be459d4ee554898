//! The build cache beside the output folder (`.public.opsbook-cache`, and the pages'
//! Markdown results in `.public.opsbook-pages`): a rebuild that uses it writes byte for
//! byte what a fresh build writes, after every kind of edit (a page, an included file,
//! the configuration, a renamed page whose linkers change, a link target that
//! disappears, a title others link to), and reports the same diagnostics, those of
//! unchanged pages included; a corrupt cache is ignored; the cache is never published
//! nor in the output's manifest; `--no-cache` neither reads nor writes it.

use crate::util;

use std::collections::BTreeMap;
use std::path::Path;

use util::Site;

/// The cache of `public/`, beside it.
const CACHE: &str = ".public.opsbook-cache";

/// The pages' Markdown results, beside it.
const PAGES: &str = ".public.opsbook-pages";

/// Builds the site at `root` into `out` (relative to it), with a fixed date.
fn build(site: &Site, args: &[&str]) {
    let output = util::opsbook()
        .arg("build")
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(&site.root)
        .output()
        .expect("run opsbook");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

/// Every file under `dir` with its bytes.
fn listing(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

/// Rebuilds into `public/` with the cache, builds into a new folder without it, and
/// asserts the two outputs are the same, byte for byte.
#[track_caller]
fn assert_rebuild_is_fresh(site: &Site, what: &str) {
    build(site, &[]);
    let _ = std::fs::remove_dir_all(site.root.join("fresh"));
    build(site, &["--no-cache", "--out", "fresh"]);
    let (rebuilt, fresh) = (listing(site, "public"), listing(site, "fresh"));
    assert_eq!(rebuilt.keys().collect::<Vec<_>>(), fresh.keys().collect::<Vec<_>>(), "{what}: the same files");
    for (path, bytes) in &fresh {
        assert!(rebuilt[path] == *bytes, "{what}: {path} differs from a fresh build's");
    }
    std::fs::remove_dir_all(site.root.join("fresh")).expect("remove the fresh output");
}

/// The includes fixture, with pages of code blocks that link to each other and include
/// a file with a code block.
fn handbook() -> Site {
    let site = Site::fixture("includes");
    site.write(
        "content/runbooks/restart.md",
        "# Restart\n\nSee [the cache](cache.md) first.\n\n```bash\nsystemctl restart queue\necho \"done\"\n```\n\n\
         {{#include ../../snippets/steps.md}}\n",
    );
    site.write(
        "content/runbooks/cache.md",
        "# Cache\n\n```yaml\nredis:\n  maxmemory: 2gb\n```\n\n```json\n{\"up\": true}\n```\n\n```rust\nfn main() {}\n```\n",
    );
    site.write("content/runbooks/_index.md", "# Runbooks\n\n- [Restart](restart.md)\n- [Cache](cache.md)\n");
    site.write("snippets/steps.md", "## Steps\n\n```bash\nkubectl rollout restart deploy/queue\n```\n");
    site
}

/// The highlighted HTML of the output, to be sure the handbook highlights something.
fn highlighted(site: &Site, page: &str) -> bool {
    site.read(&format!("public/{page}")).contains("class=\"hl-")
}

#[test]
fn a_rebuild_with_the_cache_writes_what_a_fresh_build_writes_after_every_edit() {
    let site = handbook();
    build(&site, &[]);
    assert!(site.exists(CACHE), "the first build leaves a cache");
    assert!(highlighted(&site, "runbooks/cache/index.html"));
    let cache = site.read_bytes(CACHE);
    assert!(cache.starts_with(b"opsbook-cache "), "the cache's header");
    assert!(cache.windows(b"systemctl".len()).any(|w| w == b"systemctl"), "the cache holds the highlighted code");

    assert_rebuild_is_fresh(&site, "no change");
    site.write(
        "content/runbooks/cache.md",
        "# Cache\n\n```yaml\nredis:\n  maxmemory: 4gb\n```\n\n```json\n{\"up\": false}\n```\n",
    );
    assert_rebuild_is_fresh(&site, "an edited page");
    site.write("snippets/steps.md", "## Steps\n\n```bash\nkubectl rollout status deploy/queue\n```\n");
    assert_rebuild_is_fresh(&site, "an edited included file");
    assert!(site.read("public/runbooks/restart/index.html").contains("rollout"), "the include is rendered");
    site.write("book.toml", "[handbook]\ntitle = \"Renamed Handbook\"\n\n[check]\nlinks = \"error\"\n");
    assert_rebuild_is_fresh(&site, "a changed configuration");
    std::fs::rename(site.root.join("content/runbooks/cache.md"), site.root.join("content/runbooks/redis.md"))
        .expect("rename a page");
    site.write(
        "content/runbooks/restart.md",
        "# Restart\n\nSee [the cache](redis.md) first.\n\n```bash\nsystemctl restart queue\necho \"done\"\n```\n\n\
         {{#include ../../snippets/steps.md}}\n",
    );
    site.write("content/runbooks/_index.md", "# Runbooks\n\n- [Restart](restart.md)\n- [Cache](redis.md)\n");
    assert_rebuild_is_fresh(&site, "a renamed page and its linkers");
    assert!(highlighted(&site, "runbooks/redis/index.html"));
    site.write(
        "content/runbooks/redis.md",
        "# Redis cache\n\n```yaml\nredis:\n  maxmemory: 4gb\n```\n\n## Flush\n\nRun it.\n",
    );
    assert_rebuild_is_fresh(&site, "a changed title of a page others link to");
    assert!(site.read("public/runbooks/index.html").contains("Redis cache"), "the new title is shown");
    site.write("content/runbooks/extra.md", "# Extra\n\nSee [the flush](redis.md#flush).\n");
    assert_rebuild_is_fresh(&site, "a page added before others, which moves their page numbers");
    // Front matter the search index reads, the Markdown the same: the page's postings
    // are made again, and the index finds the new words.
    site.write(
        "content/runbooks/extra.md",
        "---\ndescription: Evictions\ntags: [memory]\n---\n# Extra\n\nSee [the flush](redis.md#flush).\n",
    );
    assert_rebuild_is_fresh(&site, "a description and tags added");
    site.write(
        "content/runbooks/extra.md",
        "---\ndescription: Quotas\ntags: [memory]\n---\n# Extra\n\nSee [the flush](redis.md#flush).\n",
    );
    assert_rebuild_is_fresh(&site, "a description changed, the Markdown the same");
    let index: String =
        site.files_under("public/search").iter().map(|file| site.read(&format!("public/search/{file}"))).collect();
    let index = index.to_lowercase();
    assert!(index.contains("quota") && !index.contains("evict"), "the index has the new description's words only");
}

/// The files of phrases' pairs of a rebuild are patched from the previous build's
/// (`search/pairs/patch.rs`): after each kind of edit they are those of a fresh build.
#[test]
fn a_rebuild_that_patches_the_pair_files_writes_what_a_fresh_build_writes() {
    let site = handbook();
    site.write("content/runbooks/notes.md", "# Notes\n\nQuorum loss drill twice a year.\n");
    build(&site, &[]);
    assert!(site.files_under("public/search").iter().any(|file| file.starts_with("q-")));
    site.write("content/runbooks/notes.md", "# Notes\n\nQuorum loss drill twice a year, zebra crossing.\n");
    assert_rebuild_is_fresh(&site, "an edit that adds a term and a pair");
    site.write("content/runbooks/notes.md", "# Notes\n\nQuorum drill twice a year.\n");
    assert_rebuild_is_fresh(&site, "an edit that removes the last page of a pair");
    site.write("content/runbooks/notes.md", "# Loss notes\n\nQuorum drill twice a year.\n");
    assert_rebuild_is_fresh(&site, "a changed title");
    site.write("content/runbooks/added.md", "# Added\n\nSplit brain recovery.\n");
    assert_rebuild_is_fresh(&site, "a page added");
    std::fs::remove_file(site.root.join("content/runbooks/notes.md")).expect("remove a page");
    assert_rebuild_is_fresh(&site, "a page removed");
    site.write("content/runbooks/added.md", "# Added\n\nSplit brain recovery, twice.\n");
    assert_rebuild_is_fresh(&site, "an edit after a page was removed");
}

/// Builds into `public/` with `--timings`: how many pages' files were kept from the
/// previous output without their template, of how many pages.
fn kept_pages(site: &Site) -> (usize, usize) {
    let (kept, pages, _) = kept_and_early(site);
    (kept, pages)
}

/// Builds as [`kept_pages`] does: how many pages were kept, of how many, and how many of
/// the kept pages were recognised by their key before their body was read.
fn kept_and_early(site: &Site) -> (usize, usize, usize) {
    let output = util::opsbook()
        .args(["build", "--timings"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .current_dir(&site.root)
        .output()
        .expect("run opsbook");
    let printed = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{printed}");
    let line = printed.lines().find(|line| line.contains("kept from the previous output")).expect("the kept line");
    let numbers: Vec<usize> = line
        .split_whitespace()
        .filter_map(|word| word.replace(',', "").trim_matches(|c: char| !c.is_ascii_digit()).parse().ok())
        .collect();
    assert_eq!(numbers.len(), 3, "{line}");
    (numbers[0], numbers[1], numbers[2])
}

/// A page whose key (its source, and all its template shows of the other pages) is the
/// previous build's is kept before its body is read: after a one-page edit only that
/// page and the print pages showing it are rendered, and every other page but the print
/// pages (kept by their fingerprint) is recognised by its key. A page that another
/// page's edit changes for its template is rendered again: a new link gives its target
/// a backlink, a new title renames it on the section page that lists it.
#[test]
fn a_page_is_recognised_by_its_key_until_what_its_template_shows_changes() {
    let site = handbook();
    assert_eq!(kept_and_early(&site), (0, kept_pages(&site).1, 0), "a first build keeps nothing");
    let (all, pages, early) = kept_and_early(&site);
    let prints = site.files_under("public/print").len();
    assert!(prints > 1 && all == pages, "{all} of {pages} kept, {prints} print pages");
    assert_eq!(early, pages - prints, "every page but the print pages is recognised by its key");

    site.write("content/runbooks/cache.md", "# Cache\n\n```yaml\nredis:\n  maxmemory: 8gb\n```\n");
    let (kept, _, early) = kept_and_early(&site);
    let showing = |text: &str| {
        let files = site.files_under("public/print").into_iter();
        files.filter(|file| site.read(&format!("public/print/{file}")).contains(text)).count()
    };
    let shown = showing("8gb");
    assert!(shown >= 1 && site.read("public/runbooks/cache/index.html").contains("8gb"), "written");
    assert_eq!(pages - kept, 1 + shown, "only the edited page and the print pages showing it are rendered");
    assert_eq!(early, pages - 1 - prints, "the other pages are recognised by their key");
    assert_rebuild_is_fresh(&site, "after a one-page edit");

    // The restart page is linked from the cache page now: its backlinks show it.
    let backlinks = |page: &str| {
        let html = site.read(&format!("public/runbooks/{page}/index.html"));
        html.split_once("class=\"backlinks\"")
            .map(|(_, list)| list.split_once("</section>").unwrap_or_default().0.to_string())
    };
    let before = backlinks("restart").unwrap_or_default();
    assert!(!before.contains(">Cache<"), "the cache page does not link to the restart page yet: {before}");
    site.write("content/runbooks/cache.md", "# Cache\n\nThen [restart it](restart.md).\n");
    let (kept, _, early) = kept_and_early(&site);
    let listed = backlinks("restart").expect("the restart page shows its backlinks");
    assert!(listed.contains(">Cache<"), "the linking page is listed: {listed}");
    assert!(pages - kept >= 2 + shown && early < pages - 1 - prints, "{kept} kept, {early} by their key");
    assert_rebuild_is_fresh(&site, "after a link that adds a backlink");

    // A title shows on the section page that lists it (and in every page's navigation).
    site.write("content/runbooks/cache.md", "# Redis\n\nThen [restart it](restart.md).\n");
    let (kept, _, early) = kept_and_early(&site);
    assert!(site.read("public/runbooks/index.html").contains("Redis"), "the section lists the new title");
    assert!(kept < pages - 2 && early < pages - 2, "{kept} kept, {early} by their key");
    assert_rebuild_is_fresh(&site, "after a changed title");
    assert_eq!(kept_and_early(&site), (pages, pages, pages - prints), "then each is kept again");
}

/// A rebuild runs the template of a page only when the page's template context changed:
/// every other page's file is kept as the previous build wrote it, and the output is the
/// one a fresh build writes.
#[test]
fn a_rebuild_runs_the_templates_of_only_the_pages_whose_context_changed() {
    let site = handbook();
    assert_eq!(kept_pages(&site).0, 0, "a first build keeps nothing");
    let (all, pages) = kept_pages(&site);
    assert!(all > 3, "an unchanged handbook keeps its pages: {all} of {pages}");
    let prints = site.files_under("public/print").len();
    assert!(prints > 1, "the handbook has print pages: {prints}");
    assert_eq!(all, pages, "an unchanged handbook keeps every page, its print pages too");
    assert_eq!(kept_pages(&site).0, all, "and again");

    // A changed code block changes that page's content and the print pages that show
    // it: the print pages of its section and of the handbook; the others are kept.
    site.write(
        "content/runbooks/cache.md",
        "# Cache\n\n```yaml\nredis:\n  maxmemory: 8gb\n```\n\n```json\n{\"up\": true}\n```\n\n```rust\nfn main() {}\n```\n",
    );
    let kept = kept_pages(&site).0;
    assert!(site.read("public/runbooks/cache/index.html").contains("8gb"), "and written");
    let showing: Vec<String> = site
        .files_under("public/print")
        .into_iter()
        .filter(|file| site.read(&format!("public/print/{file}")).contains("8gb"))
        .collect();
    assert!(showing.contains(&"runbooks/index.html".to_string()), "its section's print page shows it: {showing:?}");
    assert!(showing.len() < prints, "some print pages do not show it: {showing:?}");
    assert_eq!(kept, all - 1 - showing.len(), "only the edited page and the print pages showing it are rendered");
    assert_rebuild_is_fresh(&site, "after a rebuild that kept pages");

    // A title shows in the navigation, the section's list and the neighbours' links:
    // those pages are rendered again too.
    site.write("content/runbooks/cache.md", "# Redis\n\nThe cache.\n");
    let kept = kept_pages(&site).0;
    assert!(kept < all - 1, "a changed title renders the pages that show it: {kept} of {all} kept");
    assert!(site.read("public/runbooks/index.html").contains("Redis"), "the section lists the new title");
    assert_rebuild_is_fresh(&site, "after a changed title");
    assert_eq!(kept_pages(&site).0, all, "then each is kept again");

    // A template of the handbook changes what every page is rendered with.
    let builtin = include_str!("../../themes/default/templates/page.html");
    let own = builtin.replace("{% endblock main %}", "<!-- the handbook's own page template -->{% endblock main %}");
    assert_ne!(own, builtin, "the built-in page template ends its block `main`");
    site.write("templates/page.html", own);
    assert_eq!(kept_pages(&site).0, 0, "a changed template renders every page again");
    assert!(site.read("public/runbooks/cache/index.html").contains("the handbook's own page template"));
    assert_rebuild_is_fresh(&site, "after a changed template");
}

/// A print template that does not write the bodies as they are (here, escaped) has its
/// print pages rendered whole: such a page is kept all the same while its context and
/// the bodies it shows are the previous build's, and shows a changed body at once.
#[test]
fn a_print_page_rendered_whole_is_kept_until_a_body_it_shows_changes() {
    let site = handbook();
    let builtin = include_str!("../../themes/default/templates/print.html");
    let escaped = builtin.replace("{{ printed.content | safe }}", "{{ printed.content }}");
    assert_ne!(escaped, builtin, "the built-in print template writes each body as it is");
    site.write("templates/print.html", escaped);
    kept_pages(&site);
    let (all, pages) = kept_pages(&site);
    assert_eq!(all, pages, "an unchanged handbook keeps every page");
    site.write("content/runbooks/cache.md", "# Cache\n\nSet the limit to 8gb.\n");
    let kept = kept_pages(&site).0;
    assert!(kept < all - 1, "the print pages that show the page are rendered again: {kept} of {all}");
    let print = site.read("public/print/runbooks/index.html");
    assert!(print.contains("&lt;p&gt;Set the limit to 8gb.&lt;/p&gt;"), "the new body, escaped: {print}");
    assert_rebuild_is_fresh(&site, "after a body a print page rendered whole shows changed");
}

/// The diagnostics a build printed, one per line, without the summary.
fn printed(run: &util::Run) -> Vec<String> {
    run.stderr
        .lines()
        .filter(|line| line.starts_with("warning") || line.starts_with("error") || line.starts_with(" -->"))
        .map(str::to_string)
        .collect()
}

/// A handbook whose broken links are warnings, with a page that has two and an
/// unclosed admonition.
fn warned() -> Site {
    let site = handbook();
    site.write("book.toml", "[handbook]\ntitle = \"Includes Handbook\"\n\n[check]\nlinks = \"warn\"\n");
    site.write(
        "content/runbooks/notes.md",
        "# Notes\n\nSee [the old page](gone.md), [the cache](cache.md#nowhere) and\n[the restart](restart.md).\n\n:::warning\nNever closed.\n",
    );
    site
}

#[test]
fn a_rebuild_reports_the_diagnostics_of_unchanged_pages_as_a_fresh_build_does() {
    let site = warned();
    let first = site.build(&[]).expect_code(0).stderr.clone();
    assert!(first.contains("content/runbooks/notes.md:3:5"), "the broken link, located: {first}");
    assert!(site.exists(PAGES), "the pages' results are kept");
    let fresh = site.build(&["--no-cache", "--out", "fresh"]);
    let expected = printed(fresh.expect_code(0));
    assert!(expected.len() >= 4, "{expected:?}");
    for what in ["no change", "again"] {
        let again = site.build(&[]);
        assert_eq!(printed(again.expect_code(0)), expected, "{what}: the same diagnostics as a fresh build");
    }
    assert_rebuild_is_fresh(&site, "warnings");
}

#[test]
fn a_rebuild_reports_a_link_whose_target_disappeared_and_keeps_the_output() {
    let site = warned();
    site.write("book.toml", "[handbook]\ntitle = \"Includes Handbook\"\n");
    site.write("content/runbooks/notes.md", "# Notes\n\nSee [the restart](restart.md).\n");
    build(&site, &[]);
    let before = listing(&site, "public");
    std::fs::remove_file(site.root.join("content/runbooks/restart.md")).expect("remove the target");
    let rebuilt = site.build(&[]);
    let fresh = site.build(&["--no-cache", "--out", "fresh"]);
    assert_ne!(rebuilt.code, 0, "a broken link fails the build: {}", rebuilt.stderr);
    assert!(rebuilt.stderr.contains("content/runbooks/notes.md:3:5"), "{}", rebuilt.stderr);
    assert!(rebuilt.stderr.contains("broken-link"), "{}", rebuilt.stderr);
    assert_eq!(printed(&rebuilt), printed(&fresh), "the same errors as a fresh build");
    assert_eq!(listing(&site, "public"), before, "the previous output stays");
    site.write("content/runbooks/notes.md", "# Notes\n\nNo links any more.\n");
    site.write("content/runbooks/_index.md", "# Runbooks\n\n- [Cache](cache.md)\n");
    assert_rebuild_is_fresh(&site, "the links removed");
}

#[test]
fn the_bundled_handbook_rebuilt_with_the_cache_is_the_same_as_built_fresh() {
    let site = Site::empty("bundled");
    util::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site.root.join("content"));
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("book.toml"), site.root.join("book.toml"))
        .expect("book.toml");
    build(&site, &[]);
    assert!(site.exists(CACHE));
    assert!(site.exists(PAGES));
    assert_rebuild_is_fresh(&site, "the bundled handbook");
    let guide = site.read("content/guide/commands.md");
    site.write("content/guide/commands.md", guide.replacen("## ", "## A new first section\n\nText.\n\n## ", 1));
    assert_rebuild_is_fresh(&site, "the bundled handbook with a page edited");
}

/// The compressed search index files are kept in the cache, each once, and a rebuild
/// writes the same bytes (taken from the cache for the files whose text is the same).
#[test]
fn the_cache_keeps_the_compressed_index_files_for_the_next_build() {
    let site = handbook();
    build(&site, &[]);
    let cache = site.read_bytes(CACHE);
    let files: Vec<String> =
        site.files_under("public/search").into_iter().filter(|file| file.ends_with(".json")).collect();
    assert!(files.len() > 3, "{files:?}");
    for file in &files {
        // As written (`read_bytes` would inflate it).
        let bytes = std::fs::read(site.root.join("public/search").join(file)).expect("an index file");
        let found = cache.windows(bytes.len()).filter(|w| *w == bytes.as_slice()).count();
        assert_eq!(found, 1, "search/{file}: kept once in the cache of {} bytes", cache.len());
    }
    assert_rebuild_is_fresh(&site, "an index from the cache");
}

#[test]
fn a_corrupt_cache_is_ignored_and_made_again() {
    let site = handbook();
    build(&site, &[]);
    let good = site.read_bytes(CACHE);
    let mut corrupt = good.clone();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0x55;
    for bad in [&corrupt[..], &good[..good.len() / 2], b"opsbook-cache 5\n", b"not a cache at all"] {
        site.write(CACHE, bad);
        assert_rebuild_is_fresh(&site, "a corrupt cache");
        // Made again: the same blocks, in the order the build's threads met them.
        assert_eq!(site.read_bytes(CACHE).len(), good.len(), "the cache is made again");
    }
    let pages = site.read_bytes(PAGES);
    let mut flipped = pages.clone();
    for at in [20, pages.len() / 2, pages.len() - 70, pages.len() - 1] {
        flipped[at] ^= 0x55;
    }
    for bad in [&flipped[..], &pages[..pages.len() / 2], b"opsbook-pages 2\n", b""] {
        site.write(PAGES, bad);
        assert_rebuild_is_fresh(&site, "corrupt page records");
        assert_eq!(site.read_bytes(PAGES).len(), pages.len(), "the page records are made again");
    }
}

#[test]
fn the_cache_is_not_published_nor_in_the_manifest_and_no_cache_leaves_it_alone() {
    let site = handbook();
    build(&site, &[]);
    let published = site.files_under("public");
    assert!(!published.iter().any(|file| file.contains("opsbook-cache")), "{published:?}");
    let manifest = site.read(".public.opsbook-manifest");
    assert!(!manifest.contains("opsbook-cache"), "{manifest}");
    let cache = site.read_bytes(CACHE);
    let pages = site.read_bytes(PAGES);
    site.write("content/runbooks/cache.md", "# Cache\n\n```bash\nredis-cli info\n```\n");
    build(&site, &["--no-cache"]);
    assert_eq!(site.read_bytes(CACHE), cache, "--no-cache does not write the cache");
    assert_eq!(site.read_bytes(PAGES), pages, "nor the pages' results");
    let leftovers: Vec<String> = std::fs::read_dir(&site.root)
        .expect("the root")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.opsbook-cache.") || name.starts_with(".public.opsbook-pages."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// An output folder reached through a symbolic link keeps its cache beside the folder it
/// points to, with its manifest.
#[cfg(unix)]
#[test]
fn the_cache_of_a_linked_output_folder_is_beside_the_folder_linked_to() {
    let site = handbook();
    std::fs::create_dir_all(site.root.join("real/site")).expect("the real folder");
    std::os::unix::fs::symlink(site.root.join("real/site"), site.root.join("public")).expect("a link");
    build(&site, &[]);
    assert!(site.exists("real/.site.opsbook-cache"), "the cache is beside the real folder");
    assert!(site.exists("real/.site.opsbook-pages"));
    assert!(site.exists("real/.site.opsbook-manifest"));
    assert!(!site.exists(CACHE));
}

#[test]
fn a_first_build_into_a_folder_whose_parent_is_missing_keeps_its_cache() {
    // `--out out/site` on a clean checkout: the parent is made before the cache, so the
    // first rebuild already finds every page's records.
    let site = handbook();
    build(&site, &["--out", "out/site"]);
    assert!(site.exists("out/.site.opsbook-cache"), "the first build keeps its cache of blocks");
    assert!(site.exists("out/.site.opsbook-pages"), "the first build keeps its page records");
    assert!(site.exists("out/site/index.html"));
}

#[test]
fn a_refused_output_folder_is_not_made_for_the_cache() {
    // The parent is made only for an output folder the build accepts.
    let site = handbook();
    let output = util::opsbook()
        .args(["build", "--out", "content/new/site"])
        .current_dir(&site.root)
        .output()
        .expect("run opsbook");
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!site.exists("content/new"), "no folder made inside the content");
}
