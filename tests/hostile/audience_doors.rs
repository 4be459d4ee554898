//! Hostile inputs: doors around the audience filter. A translation (`db.de.md` beside the
//! page, or `de/db.md` in the language's folder) is as internal as its original, by the
//! original's front matter or its section's, whatever the translation's own front matter
//! says; so are the translated updates of an internal incident, and the files of a
//! translated internal section. A file of `static/` or of a theme that is a symbolic
//! link to a withheld content file is withheld too, and an image that only an internal
//! page's `srcset` names is not published; nor is an internal block in the content of a
//! Hugo call rendered as one unit, nor the document title an internal block names
//! (mdBook's `{{#title}}`, an MDX page's `<head>`).

use crate::util::{Site, inflated};

const BOOK: &str = "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"de\"]\n\n[status]\ncomponents = [{ id = \"db\", name = \"Database\" }]\n";

/// The files of `site`'s `dir` holding `word`, in their bytes, their path, or (for the
/// search index's compressed files) their inflated bytes.
fn holding(site: &Site, dir: &str, word: &str) -> Vec<String> {
    site.files_under(dir)
        .into_iter()
        .filter(|file| {
            let bytes = site.read_bytes(&format!("{dir}/{file}"));
            let text = inflated(bytes.clone()).unwrap_or(bytes);
            file.contains(word) || text.windows(word.len()).any(|w| w == word.as_bytes())
        })
        .collect()
}

#[test]
fn a_translation_of_an_internal_page_or_section_or_incident_is_internal() {
    let site = Site::with_files(
        "hostile-translations",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            ("content/db.md", "---\ntitle: DB\nvisibility: internal\n---\nleakena original.\n"),
            ("content/db.de.md", "---\ntitle: DB de\n---\nleakdea beside.\n"),
            ("content/cache.md", "---\ntitle: Cache\nvisibility: internal\n---\nleakenb original.\n"),
            ("content/de/cache.md", "---\ntitle: Cache de\nvisibility: public\n---\nleakdeb folder.\n"),
            ("content/vault/_index.md", "---\ntitle: Vault\nvisibility: internal\n---\nleakenc section.\n"),
            ("content/vault/keys.md", "---\ntitle: Keys\n---\nleakend keys.\n"),
            ("content/vault/keys.de.md", "---\ntitle: Schlüssel\n---\nleakdec ![plan](plan.png)\n"),
            ("content/vault/plan.png", "leakdefile"),
            ("content/de/vault/plan.png", "leakdefile2"),
            (
                "content/status/leak.md",
                "---\ntitle: Leak incident\nkind: incident\nvisibility: internal\nstatus: investigating\n\
                 started_at: 2026-11-10T08:00:00Z\ncomponents:\n  db: major_outage\nupdates:\n  - at: 2026-11-10T08:05:00Z\n    \
                 text: leakenupdate.\n---\nInternal.\n",
            ),
            (
                "content/status/leak.de.md",
                "---\ntitle: Leck\nupdates:\n  - at: 2026-11-10T08:05:00Z\n    text: leakdeupdate.\n---\nIntern.\n",
            ),
        ],
    );
    site.write("book.toml", BOOK);
    let run = site.run_at_epoch("1794744000", &["build"]);
    run.expect_code(0);
    for word in [
        "leakena",
        "leakdea",
        "leakenb",
        "leakdeb",
        "leakenc",
        "leakend",
        "leakdec",
        "leakdefile",
        "leakenupdate",
        "leakdeupdate",
    ] {
        assert_eq!(holding(&site, "public", word), Vec::<String>::new(), "{word} in the public build");
    }
    assert!(site.exists("public/de/index.html"), "the public translation of the home page is built");
    let run = site.run_at_epoch("1794744000", &["build", "--audience", "internal", "--out", "internal"]);
    run.expect_code(0);
    for word in ["leakdea", "leakdeb", "leakdec", "leakdeupdate"] {
        assert!(!holding(&site, "internal", word).is_empty(), "{word} in the internal build");
    }
}

#[cfg(unix)]
#[test]
fn a_static_or_theme_link_to_an_internal_file_and_an_internal_srcset_image_are_withheld() {
    let site = Site::with_files(
        "hostile-static-links",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            ("content/ops/_index.md", "---\ntitle: Ops\nvisibility: internal\n---\nOps.\n"),
            ("content/ops/key.txt", "leakstatic1"),
            ("content/ops/theme-key.txt", "leakstatic2"),
            ("content/a/pub.md", "---\ntitle: Pub\n---\n<img src=\"shared.png\" srcset=\"shared2.png 2x\">\n"),
            (
                "content/a/int.md",
                "---\ntitle: Int\nvisibility: internal\n---\n<img src=\"x.png\" srcset=\"leaksrc1.png 1x, leaksrc2.png 2x\">\n\n\
                 <picture><source srcset=\"shared2.png\"></picture>\n",
            ),
            ("content/a/x.png", "leaksrcx"),
            ("content/a/leaksrc1.png", "leaksrcimage1"),
            ("content/a/leaksrc2.png", "leaksrcimage2"),
            ("content/a/shared.png", "sharedimage"),
            ("content/a/shared2.png", "sharedimage2"),
            ("themes/t/templates/.keep", ""),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ntheme = \"t\"\n");
    std::fs::create_dir_all(site.root.join("static")).expect("static/");
    std::fs::create_dir_all(site.root.join("themes/t/static")).expect("themes/t/static/");
    std::os::unix::fs::symlink("../content/ops/key.txt", site.root.join("static/key.txt")).expect("a link");
    std::os::unix::fs::symlink("../../../content/ops/theme-key.txt", site.root.join("themes/t/static/k.txt"))
        .expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "warning[link-to-internal]: this file is not published: it is a symbolic link to content/ops/key.txt"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--> static/key.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("--> themes/t/static/k.txt"), "{}", run.stderr);
    for word in ["leakstatic1", "leakstatic2", "leaksrc1", "leaksrc2", "leaksrcx"] {
        assert_eq!(holding(&site, "public", word), Vec::<String>::new(), "{word} in the public build");
    }
    assert!(
        site.exists("public/a/shared.png") && site.exists("public/a/shared2.png"),
        "what a public page shows is published"
    );
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.exists("internal/key.txt") && site.exists("internal/a/leaksrc2.png"));
}

/// The static files opsbook reads as text and writes again (the search client's parts,
/// the status site's files) are judged as the files it copies: one that is a link to a
/// file of an internal section is not read into any public file.
#[test]
fn a_static_file_read_as_text_that_links_to_an_internal_file_is_withheld() {
    let site = Site::with_files(
        "hostile-static-text-links",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            ("content/ops/_index.md", "---\ntitle: Ops\nvisibility: internal\n---\nOps.\n"),
            ("content/ops/typos.js", "/* leaksearchpart1 */\n"),
        ],
    );
    std::fs::create_dir_all(site.root.join("static")).expect("static/");
    std::os::unix::fs::symlink("../content/ops/typos.js", site.root.join("static/search-typos.js")).expect("a link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("--> static/search-typos.js"), "{}", run.stderr);
    assert_eq!(holding(&site, "public", "leaksearchpart1"), Vec::<String>::new(), "in the public build");
    // The internal build reads it: the link is the handbook's own.
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert_ne!(holding(&site, "internal", "leaksearchpart1"), Vec::<String>::new(), "in the internal build");
}

/// A paired construct given a template of the handbook's sees its content as written in
/// `inner`: in a public build, without the internal blocks it holds (a template that
/// writes `inner` published them).
#[test]
fn a_templates_inner_text_holds_no_internal_block_in_a_public_build() {
    let site = Site::with_files(
        "hostile-template-inner",
        &[
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            ("templates/shortcodes/card.html", "<section class=\"card\">{{ inner }}</section>\n"),
            ("templates/shortcodes/note.md", "> {{ inner }}\n"),
            (
                "content/p.md",
                "---\ntitle: P\n---\n\n{{< card >}}\nPublic card.\n\n<!-- internal -->\nleakinnerhtml\n<!-- /internal -->\n{{< /card >}}\n\n\
                 {{% note %}}\n<!-- internal -->\nleakinnermd\n<!-- /internal -->\n{{% /note %}}\n",
            ),
        ],
    );
    site.build(&[]).expect_code(0);
    for word in ["leakinnerhtml", "leakinnermd"] {
        assert_eq!(holding(&site, "public", word), Vec::<String>::new(), "{word} in the public build");
    }
    assert!(site.read("public/p/index.html").contains("Public card."), "the public text of the card is kept");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(!holding(&site, "internal", "leakinnerhtml").is_empty(), "the internal build keeps it");
}

/// A Hugo site's paired `{{< >}}` call inside an HTML block is rendered as one unit; one
/// whose content holds an internal block stays in the page's Markdown, whose audience
/// filter leaves the block out of a public build.
#[test]
fn an_internal_block_in_a_hugo_call_inside_an_html_block_is_left_out() {
    let site = Site::with_files(
        "hostile-shortcode-unit",
        &[
            ("hugo.toml", "baseURL = \"https://ops.example.org/\"\ntitle = \"Ops\"\n"),
            ("content/_index.md", "---\ntitle: Home\n---\nHome.\n"),
            (
                "content/p.md",
                "---\ntitle: P\n---\n\n<div class=\"tabs\">\n{{< note >}}\nPublic note.\n\n<!-- internal -->\nleakunitblock\n<!-- /internal -->\n{{< /note >}}\n</div>\n\nAfter.\n",
            ),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(holding(&site, "public", "leakunitblock"), Vec::<String>::new(), "in the public build");
    assert!(site.read("public/p/index.html").contains("Public note."), "the public text of the note is kept");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(!holding(&site, "internal", "leakunitblock").is_empty(), "the internal build keeps it");
}

/// The whole `<title>` a directive names inside an internal block (mdBook's
/// `{{#title}}`, the `<title>` of a Docusaurus page's `<head>`) is not the page's in a
/// public build; an internal build keeps it.
#[test]
fn a_document_title_named_inside_an_internal_block_is_not_published() {
    let book = Site::with_files(
        "audience-title-mdbook",
        &[
            ("book.toml", "[book]\ntitle = \"X\"\n"),
            ("src/SUMMARY.md", "- [A](a.md)\n"),
            ("src/a.md", "# A\n\n<!-- internal -->\n{{#title Leaktitle one}}\n<!-- /internal -->\n\nText.\n"),
        ],
    );
    book.build(&[]).expect_code(0);
    assert_eq!(holding(&book, "public", "Leaktitle"), Vec::<String>::new());
    book.build(&["--audience", "internal", "--out", "inside"]).expect_code(0);
    assert!(book.read("inside/a.html").contains("<title>Leaktitle one"));
    let docs = Site::with_files(
        "audience-title-mdx",
        &[
            ("book.toml", "[handbook]\ntitle = \"X\"\n[build]\ncontent-dir = \"docs\"\n"),
            ("docusaurus.config.js", "module.exports = { presets: [['classic', { docs: {} }]] };\n"),
            (
                "docs/a.mdx",
                "# A\n\n<!-- internal -->\n\n<head><title>Leaktitle two</title></head>\n\n<!-- /internal -->\n\nText.\n",
            ),
        ],
    );
    docs.build(&[]).expect_code(0);
    assert!(docs.read("public/a/index.html").contains("Text."));
    assert_eq!(holding(&docs, "public", "Leaktitle"), Vec::<String>::new());
}
