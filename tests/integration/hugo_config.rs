//! Four of Hugo's rules, each on a fixture site built by the real binary: the
//! configuration directory's files keyed by their names at any depth
//! (`config/_default/module/module.yaml` is `module`), the heading-id type of
//! `markup.goldmark.parser` that `heading-ids = "hugo"` follows, and leaf bundles, whose
//! other pages are resources, no pages, and a `README.md` that is no folder's page
//! (gohugoio/hugo 7b5199fdeff7d7682e9f979f468d55bc7b67b934:
//! `config/configLoader.go`, `markup/goldmark/autoid.go`, `hugolib/pagebundler_test.go`).

use crate::util;

use util::{Site, main_of};

/// A moving Hugo handbook: `[check] links = "warn"`, the `heading-ids` given, the files.
fn hugo_site(name: &str, heading_ids: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, files);
    let markdown =
        if heading_ids.is_empty() { String::new() } else { format!("[markdown]\nheading-ids = \"{heading_ids}\"\n") };
    site.write("book.toml", format!("[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n{markdown}"));
    site
}

/// A file's key is its name wherever it is in `config/_default/`: the module mounts of
/// `module/module.yaml` make `content/en` the content folder, the menu of
/// `menus/menus.en.toml` is the English pages' menu, `config/production/` wins.
#[test]
fn reads_the_configuration_folder_at_any_depth() {
    let site = hugo_site(
        "hugo-config-dir",
        "",
        &[
            ("config/_default/config.toml", "title = \"T\"\nbaseURL = \"https://default.example.org/\"\n"),
            (
                "config/_default/module/module.yaml",
                "mounts:\n  - source: content/en\n    target: content\n    lang: en\n",
            ),
            ("config/_default/menus/menus.toml", "[[main]]\nname = \"Guide\"\nurl = \"/guide/\"\n"),
            ("config/production/params.toml", "x = 1\n"),
            ("content/en/_index.md", "# Home\n\nSee [the guide](/guide/).\n"),
            ("content/en/guide.md", "# Guide\n\nBack [home](/).\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/guide/index.html"), "{:?} {}", site.files_under("public"), run.stderr);
    assert!(
        !site.exists("public/en/guide/index.html"),
        "content/en is the content folder: {:?}",
        site.files_under("public")
    );
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    let home = site.read("public/index.html");
    assert!(home.contains(">Guide</a>"), "the configured menu: {home}");
}

/// `heading-ids = "hugo"` follows `autoHeadingIDType` (or `autoIDType`) of the site's
/// configuration, wherever it is: `blackfriday`, `github-ascii`, `github` by default, and
/// no id but the author's with `autoHeadingID = false`; a link written for the type holds.
#[test]
fn hugo_heading_ids_follow_the_configured_type() {
    const PAGE: &str = "# Résumé: let's go\n\n## Übung {#own}\n\nSee [top](#ID) and [own](#own).\n";
    let cases = [
        ("blackfriday", "[goldmark.parser]\nautoHeadingIDType = \"blackfriday\"\n", "résumé-let-s-go"),
        ("ascii", "[goldmark.parser]\nautoIDType = \"github-ascii\"\n", "resume-lets-go"),
        ("github", "[goldmark.parser]\nautoIDType = \"github\"\n", "résumé-lets-go"),
        ("none", "[goldmark.parser]\nautoHeadingID = false\nautoIDType = \"blackfriday\"\n", ""),
    ];
    for (name, markup, id) in cases {
        let page = PAGE.replace("ID", if id.is_empty() { "resume-lets-go" } else { id });
        let site = hugo_site(
            &format!("hugo-ids-{name}"),
            "hugo",
            &[("config/_default/markup/markup.toml", markup), ("content/a.md", &page)],
        );
        let run = site.build(&[]);
        run.expect_code(0);
        let html = site.read("public/a/index.html");
        let main = main_of(&html);
        assert!(main.contains("id=\"own\""), "{name}: {main}");
        if id.is_empty() {
            assert!(!main.contains("<h1 id="), "{name}: {main}");
            assert!(run.stderr.contains("broken-anchor"), "{name}: {}", run.stderr);
        } else {
            assert!(main.contains(&format!("<h1 id=\"{id}\"")), "{name}: {main}");
            assert!(!run.stderr.contains("broken-anchor"), "{name}: {}", run.stderr);
        }
    }
}

/// Hugo's `TestPageBundlerBasic`, `TestBundleIndexInSubFolder` and
/// `TestBundleDuplicatePagesAndResources` (`hugolib/pagebundler_test.go`): the pages of a
/// leaf bundle's folder and its subfolders are resources, no pages; a branch bundle's are
/// pages. A link to a resource says so.
#[test]
fn the_pages_of_a_leaf_bundle_are_its_resources() {
    let site = hugo_site(
        "hugo-leaf-bundles",
        "",
        &[
            ("hugo.toml", "title = \"T\"\n"),
            ("content/mybundle/index.md", "---\ntitle: My Bundle\n---\nSee [p1](p1.md) and ![d](sub/d.png).\n"),
            ("content/mybundle/p1.md", "---\ntitle: P1\n---\nP1.\n"),
            ("content/mybundle/sub/index.md", "---\ntitle: Sub index\n---\n"),
            ("content/mybundle/sub/p2.md", "---\ntitle: P2\n---\n"),
            ("content/mybundle/sub/d.png", "png"),
            ("content/mysection/_index.md", "---\ntitle: My Section\n---\n"),
            ("content/mysection/p2.md", "---\ntitle: P2\n---\n"),
            ("content/mysection/foo/p2.md", "---\ntitle: Foo P2\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for page in ["mybundle/", "mysection/", "mysection/p2/", "mysection/foo/p2/"] {
        assert!(site.exists(&format!("public/{page}index.html")), "{page}: {:?}", site.files_under("public"));
    }
    for resource in ["mybundle/p1/", "mybundle/sub/", "mybundle/sub/p2/"] {
        assert!(!site.exists(&format!("public/{resource}index.html")), "{resource}: {:?}", site.files_under("public"));
    }
    assert!(site.exists("public/mybundle/sub/d.png"), "a file of the bundle is published");
    assert!(
        run.stderr.contains(
            "warning[broken-link]: `content/mybundle/p1.md` is a resource of the leaf bundle of its folder (beside an `index.md`), no page"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("broken-link").count(), 1, "{}", run.stderr);
}

/// Only `_index.md` and `index.md` are a folder's page in Hugo (gohugoio/hugo#4691): a
/// `README.md` is a page like any other, at `readme/`, and its folder keeps the page
/// made for it.
#[test]
fn a_readme_is_a_page_of_its_own() {
    let site = hugo_site(
        "hugo-readme",
        "",
        &[
            ("hugo.toml", "title = \"T\"\n"),
            ("content/_index.md", "---\ntitle: Home\n---\nSee [the model](model/README.md).\n"),
            ("content/model/README.md", "---\ntitle: Model\n---\nThe model.\n"),
            ("content/model/v1.md", "---\ntitle: V1\n---\nV1.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        main_of(&site.read("public/model/readme/index.html")).contains("The model."),
        "{:?}",
        site.files_under("public")
    );
    let folder = site.read("public/model/index.html");
    assert!(main_of(&folder).contains("href=\"/model/readme/\""), "the folder's page lists it: {}", main_of(&folder));
    assert!(site.read("public/index.html").contains("href=\"/model/readme/\""));
}
