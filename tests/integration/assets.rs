//! Asset hygiene in `opsbook check`: `image-too-large` at the image,
//! naming a page that shows it, with its limit from `[check] max-image-kb`; and
//! `unused-asset` for the files of the content folder nothing refers to, each kind of
//! reference counted once, in the human and JSON formats.

use crate::util;

use util::Site;

/// `rule severity path message` of every diagnostic of `check --format json`.
fn findings(site: &Site) -> Vec<String> {
    let run = site.run(&["check", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().expect("text").to_string();
            format!("{} {} {} {}", text("rule"), text("severity"), text("path"), text("message"))
        })
        .collect()
}

/// A PNG of `kib` KiB (a header and zeros: only its size is read).
fn png(kib: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(kib * 1024, 0);
    bytes
}

fn images(name: &str, check: &str) -> Site {
    let site = Site::with_files(
        name,
        &[
            ("book.toml", &format!("[handbook]\ntitle = \"Test\"\n{check}")),
            ("content/_index.md", "# Home\n\n![diagram](img/big.png)\n"),
            ("content/b.md", "# B\n\n![again](img/big.png)\n"),
        ],
    );
    site.write("content/img/big.png", png(600));
    site.write("content/img/small.png", png(10));
    site.write("content/img/orphan-big.png", png(501));
    site
}

#[test]
fn reports_images_over_the_limit_at_the_image_naming_a_page() {
    let site = images("assets-large", "");
    assert_eq!(
        findings(&site),
        [
            "image-too-large warning content/img/big.png the image is 600 KiB, larger than the limit of 500 KiB; content/_index.md shows it, and 1 other page",
            "image-too-large warning content/img/orphan-big.png the image is 501 KiB, larger than the limit of 500 KiB; no page shows it",
            "unused-asset note content/img/orphan-big.png no page, template or book.toml uses this file",
            "unused-asset note content/img/small.png no page, template or book.toml uses this file",
        ]
    );
    let run = site.run(&["check"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[image-too-large]: the image is 600 KiB, larger than the limit of 500 KiB; content/_index.md shows it, and 1 other page\n --> content/img/big.png\n  = help: compress or resize it, or raise `[check] max-image-kb`\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("note[unused-asset]: no page, template or book.toml uses this file\n --> content/img/small.png\n  = help: link to it from a page, or delete it\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("0 errors, 2 warnings, 2 notes"), "{}", run.stderr);
}

#[test]
fn the_image_limit_and_levels_come_from_the_check_table() {
    let raised = images("assets-raised", "[check]\nmax-image-kb = 700\nunused-assets = \"off\"\n");
    assert_eq!(findings(&raised), Vec::<String>::new());
    let strict =
        images("assets-strict", "[check]\nmax-image-kb = 550\nlarge-images = \"error\"\nunused-assets = \"warn\"\n");
    assert_eq!(
        findings(&strict),
        [
            "image-too-large error content/img/big.png the image is 600 KiB, larger than the limit of 550 KiB; content/_index.md shows it, and 1 other page",
            "unused-asset warning content/img/orphan-big.png no page, template or book.toml uses this file",
            "unused-asset warning content/img/small.png no page, template or book.toml uses this file",
        ]
    );
    strict.run(&["check"]).expect_code(1);
    let unlimited = images("assets-unlimited", "[check]\nmax-image-kb = 0\nunused-assets = \"off\"\n");
    assert_eq!(findings(&unlimited), Vec::<String>::new());
}

#[test]
fn counts_every_kind_of_reference() {
    let site = Site::with_files(
        "assets-references",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n# logo = \"img/commented.png\"\n"),
            (
                "content/_index.md",
                "---\ncover: img/cover.png\ngallery:\n  - caption: x\n    src: /img/from-root.png\n---\n# Home\n\n\
                 ![md](img/markdown.png) [pdf](files/report.pdf)\n\n<img src=\"img/html.png\">\n\n\
                 <object data=\"img/object.svg\"></object>\n\n<link rel=\"stylesheet\" href=\"theme.css\">\n\n\
                 {{#include snippets/run.sh}}\n",
            ),
            ("content/docs/deep/page.md", "---\nimage: docs/cover-up.png\n---\n# Deep\n"),
            ("content/docs/cover-up.png", "png"),
            ("content/theme.css", "@import \"base.css\";\nbody { background: url('img/css.png') }\n"),
            ("content/base.css", "p {}\n"),
            ("content/snippets/run.sh", "echo hi\n"),
            ("content/img/cover.png", "png"),
            ("content/img/from-root.png", "png"),
            ("content/img/markdown.png", "png"),
            ("content/files/report.pdf", "pdf"),
            ("content/img/html.png", "png"),
            ("content/img/object.svg", "<svg><image href=\"from-svg.png\"/></svg>"),
            ("content/img/from-svg.png", "png"),
            ("content/img/css.png", "png"),
            ("content/img/commented.png", "png"),
            ("content/img/unused.png", "png"),
            ("content/_drafts/skip.png", "png"),
            ("content/_notes.txt", "skip"),
            ("content/CNAME", "handbook.example.org\n"),
            ("content/CODEOWNERS", "* @sre\n"),
            ("content/guide/OWNERS", "approvers: [a]\n"),
        ],
    );
    assert_eq!(
        findings(&site),
        [
            "unused-asset note content/img/commented.png no page, template or book.toml uses this file",
            "unused-asset note content/img/unused.png no page, template or book.toml uses this file",
        ]
    );
}

#[test]
fn files_named_in_book_toml_and_templates_are_used() {
    let site = Site::with_files(
        "assets-config",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\ndescription = \"see img/named.png\"\n"),
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "# A\n"),
            ("content/img/named.png", "png"),
            ("content/img/template.png", "png"),
            (
                "templates/page.html",
                "{% extends \"base.html\" %}{% block main %}<img src=\"/img/template.png\">{% endblock main %}",
            ),
        ],
    );
    let found = findings(&site);
    assert!(!found.iter().any(|f| f.contains("template.png")), "{found:#?}");
    assert!(
        found.iter().any(|f| f.contains("img/named.png")),
        "a value names a file only when it is the path: {found:#?}"
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\ndescription = \"img/named.png\"\n");
    let found = findings(&site);
    assert!(!found.iter().any(|f| f.contains("named.png")), "{found:#?}");
}

#[test]
fn the_bundled_handbook_checks_without_findings_of_the_lints() {
    let site = Site::empty("assets-bundled");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    util::copy_dir(&repo.join("content"), &site.root.join("content"));
    std::fs::copy(repo.join("book.toml"), site.root.join("book.toml")).expect("copy book.toml");
    let found = findings(&site);
    assert_eq!(found, Vec::<String>::new());
}

/// A folder mounted by `[[sources]]` is read where it is: its large image is found at
/// its own path and shown by its page, its included file and the files its page and
/// stylesheet refer to are used, and only its really unused file is reported.
#[test]
fn finds_the_files_of_a_mounted_folder_where_they_are() {
    let site = Site::with_files(
        "assets-mounted",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n\n[[sources]]\npath = \"vendor/x/docs\"\nmount = \"x\"\n"),
            ("content/_index.md", "# Home\n\nSee [X](x/index.md).\n"),
            (
                "vendor/x/docs/index.md",
                "# X\n\n![diagram](img/big.png)\n\n<link rel=\"stylesheet\" href=\"style.css\">\n\n\
                 {{#include snippets/run.sh}}\n",
            ),
            ("vendor/x/docs/style.css", "body { background: url('img/css.png') }\n"),
            ("vendor/x/docs/img/css.png", "png"),
            ("vendor/x/docs/snippets/run.sh", "echo hi\n"),
            ("vendor/x/docs/img/unused.png", "png"),
        ],
    );
    site.write("vendor/x/docs/img/big.png", png(600));
    assert_eq!(
        findings(&site),
        [
            "image-too-large warning vendor/x/docs/img/big.png the image is 600 KiB, larger than the limit of 500 KiB; vendor/x/docs/index.md shows it",
            "unused-asset note vendor/x/docs/img/unused.png no page, template or book.toml uses this file",
        ]
    );
}
