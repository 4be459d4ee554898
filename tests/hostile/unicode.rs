//! Hostile inputs: Unicode that breaks byte offsets. The scanners
//! of the Markdown step slice text by byte offsets, and the dialects put private-use
//! characters of three bytes in the text before they run; a slice inside a character is
//! a panic. The thousands of pages of the unit property test
//! (`src/markdown_tests/property.rs`) run the scanners themselves; here fewer pages of
//! the same generator (`src/test_support/hostile_text.rs`) go through the real binary,
//! public and internal, with includes on disk, the templates, the search index and the
//! link check. `OPSBOOK_PROPERTY_SEED` and `OPSBOOK_PROPERTY_HANDBOOKS` choose another
//! seed or a longer run.

#[allow(dead_code, unreachable_pub)]
#[path = "../../src/test_support/hostile_text.rs"]
mod hostile_text;

use hostile_text::{INCLUDED, Random, included_file, page, seed_and_count};

use crate::util::Site;

/// Handbooks of a default run, each built public and internal.
const HANDBOOKS: u64 = 40;

/// What a build printed that no build may print: a panic, printed or caught.
fn broke(stderr: &str) -> Option<&'static str> {
    ["panicked", "stack backtrace", "internal-error", "internal error"].into_iter().find(|bad| stderr.contains(bad))
}

/// Builds handbook `number` of the run with `seed`, public and internal; what went wrong.
fn build_handbook(seed: u64, number: u64) -> Option<String> {
    let mut random = Random(seed ^ number.wrapping_mul(0x2545_f491_4f6c_dd1d));
    let site = Site::empty(&format!("unicode-{number}"));
    let style = random.pick(&["opsbook", "github", "docusaurus", "hugo"]);
    site.write("book.toml", format!("[handbook]\ntitle = \"Unicode\"\n\n[markdown]\nheading-ids = \"{style}\"\n"));
    site.write("content/_index.md", "---\ntitle: Home\n---\n\nHome.\n");
    site.write("content/runbooks/db.md", "---\ntitle: DB\n---\n\n## Steps\n\nRestart.\n");
    site.write("content/runbooks/diagram.png", "PNG");
    for path in INCLUDED {
        site.write(path, included_file(&mut random));
    }
    let mut pages = Vec::new();
    for n in 0..=random.below(3) {
        let extension = if random.one_in(3) { "mdx" } else { "md" };
        let path = format!("content/runbooks/page-{n}.{extension}");
        let text = format!("---\ntitle: Page {n}\n---\n\n{}", page(&mut random, 8));
        site.write(&path, &text);
        pages.push((path, text));
    }
    for audience in ["public", "internal"] {
        let run = site.run(&["build", "--audience", audience]);
        let bad = broke(&run.stderr);
        if !(run.code == 0 || run.code == 1) || bad.is_some() {
            return Some(format!(
                "handbook {number} (seed {seed:#x}, {audience}, {style}): exit {}, {bad:?}\n{}\npages: {pages:#?}",
                run.code, run.stderr
            ));
        }
    }
    None
}

#[test]
fn hostile_unicode_around_every_construct_builds_without_a_panic() {
    let (seed, handbooks) = seed_and_count(0x0b5b_00c5, "OPSBOOK_PROPERTY_HANDBOOKS", HANDBOOKS);
    let half = handbooks / 2;
    let problems: Vec<String> = std::thread::scope(|scope| {
        let first = scope.spawn(|| (0..half).filter_map(|n| build_handbook(seed, n)).collect::<Vec<_>>());
        let mut all: Vec<String> = (half..handbooks).filter_map(|n| build_handbook(seed, n)).collect();
        all.extend(first.join().expect("the first half ran"));
        all
    });
    let first: Vec<&str> = problems.iter().take(2).map(String::as_str).collect();
    assert!(problems.is_empty(), "{} of {handbooks} handbooks broke:\n{}", problems.len(), first.join("\n\n"));
}

/// A Jekyll page's Liquid variables inside HTML comments become the
/// dialects' placeholders (private-use characters of three bytes); the internal-marker
/// scan of an HTML block that holds two comments looked back three bytes from the first
/// `-->`, into the placeholder before it, and the build panicked.
#[test]
fn a_jekyll_page_with_liquid_in_comments_beside_internal_markers_builds() {
    let page = "---\ntitle: Rotate keys\n---\n\n{% include warning.md %}\n\n\
                <!-- Reviewed by {{ page.reviewer }}.--><!-- {{ site.data.owners.db }} -->\n\n\
                Rotate the keys of {{ site.title }}.\n\n<!-- internal -->\nVault path: CANARY-VAULT-81f0\n<!-- /internal -->\n\n\
                <!-- 🔐--><!-- internal --> stays a comment\n";
    let site = Site::with_files(
        "jekyll-comments",
        &[("content/rotate.md", page), ("_includes/warning.md", "**Rotating keys logs everyone out.**\n")],
    );
    let run = site.build(&[]);
    assert_eq!(broke(&run.stderr), None, "{}", run.stderr);
    // The marker that shares its line with another comment is reported, as before.
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[internal-block]: an internal marker must stand on a line of its own"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/rotate.md:15:1"), "{}", run.stderr);
    // Without it, the page builds, its internal block left out.
    site.write("content/rotate.md", page.replace("<!-- 🔐--><!-- internal --> stays a comment\n", ""));
    site.build(&[]).expect_code(0);
    let html = site.read("public/rotate/index.html");
    assert!(html.contains("Rotating keys logs everyone out."), "{html}");
    assert!(!html.contains("CANARY-VAULT-81f0"), "{html}");
}
