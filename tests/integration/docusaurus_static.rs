//! Docusaurus's image and file links into its `static/` folder, ported from the MDX
//! loader's own tests: a path read from the file's folder on disk that leads into
//! `static/`, one from the root (`/img.png`), one after `@site/`, and `pathname://`,
//! which it leaves unchecked; and the same relative paths from a blog post, whose folder
//! is mounted beside the docs.

use crate::util;

use util::{Site, between, links_in};

/// A PNG's signature and header chunk, 1 x 1.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\0\0\0\0";

/// A Docusaurus site whose docs folder holds `docs`, with `static/` (the default
/// `staticDirectories`) holding `img.png`, `staticAsset.pdf` and `staticAssetImage.png`,
/// as the loader's fixtures' `static/` folder does.
fn site(name: &str, docs: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, docs);
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n[markdown]\nheading-ids = \"docusaurus\"\n\
         [check]\nlinks = \"warn\"\n",
    );
    site.write(
        "docusaurus.config.js",
        "module.exports = { presets: [['classic', { docs: { routeBasePath: '/' } }]] };\n",
    );
    site.write("package.json", "{\"dependencies\": {\"@docusaurus/core\": \"3.9.2\"}}\n");
    for file in ["static/img.png", "static/staticAssetImage.png", "docs/img/inside.png"] {
        site.write(file, PNG);
    }
    site.write("static/staticAsset.pdf", "%PDF-1.4\n");
    site.write("docs/asset.pdf", "%PDF-1.4\n");
    site
}

/// The links and image sources of a page's text, but those to its own headings.
fn targets(site: &Site, page: &str) -> Vec<String> {
    let html = site.read(page);
    links_in(between(&html, " class=\"content\">", "</div>"))
        .into_iter()
        .filter(|link| !link.starts_with('#'))
        .collect()
}

/// `transform md images to <img />` and `pathname protocol`
/// (`packages/docusaurus-mdx-loader/src/remark/transformImage/__tests__/index.test.ts` at
/// facebook/docusaurus 072ecfa6e87f5670aae4c1b029f39df69fad5da9, fixture
/// `__fixtures__/img.md` at 26531ca81fdfa15467f22f61359f0dcd6fd7a178). The fixture lies
/// in the site's folder and its relative paths start there (`./static/img.png`); here
/// the page is in `docs/`, so they start with `../`. Its second static folder
/// (`static2`, `/img2.png`) is left out: opsbook publishes `static/` only. A query
/// (`?w=10`), which Docusaurus hands its image loader, is dropped from a file's link.
#[test]
fn images_resolve_into_static_as_the_mdx_loader_resolves_them() {
    let page = "![img](https://example.com/img.png)\n\n![](../static/img.png)\n\n\
                in paragraph ![img](../static/img.png)\n\n\
                ![img](../static/img.png 'Title') ![img](/img.png)\n\n\
                ![site alias](@site/static/img.png)\n\n\
                ![img with hash](/img.png#light) ![img with hash](/img.png#dark)\n\n\
                ![img with query](/img.png?w=10)\n\n\
                ![inside the docs](@site/docs/img/inside.png)\n\n\
                ![img](pathname:///img/unchecked.png)\n\n\
                ## Heading\n\n```md\n![img](../static/img.png)\n```\n";
    let site = site("docusaurus-static-images", &[("docs/img.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("missing-asset") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    let expected = [
        "https://example.com/img.png",
        "/img.png",
        "/img.png",
        "/img.png",
        "/img.png",
        "/img.png",
        "/img.png#light",
        "/img.png#dark",
        "/img.png",
        "/img/inside.png",
        "/img/unchecked.png",
    ];
    assert_eq!(targets(&site, "public/img/index.html"), expected);
    assert!(site.exists("public/img.png") && site.exists("public/img/inside.png"));
}

/// `transform md links to <a />`
/// (`packages/docusaurus-mdx-loader/src/remark/transformLinks/__tests__/index.test.ts`,
/// fixture `__fixtures__/asset.md` at facebook/docusaurus
/// 1366c3120116ad876d90290f8b91fb0b49640d4c): links to files next to the page, in
/// `static/` from the root, after `@site/`, and an image link into `static/`. Its
/// `!file-loader!` paths (webpack's) are left out.
#[test]
fn file_links_resolve_into_static_as_the_mdx_loader_resolves_them() {
    let page = "[asset](https://example.com/asset.pdf)\n\n[asset](./asset.pdf)\n\n\
                [asset with hash](./asset.pdf#page=2)\n\n[asset](asset.pdf 'Title')\n\n\
                [staticAsset.pdf](/staticAsset.pdf)\n\n\
                [@site/static/staticAsset.pdf](@site/static/staticAsset.pdf)\n\n\
                [@site/static/staticAsset.pdf](@site/static/staticAsset.pdf#page=2 'Title')\n\n\
                [![Clickable Docusaurus logo](../static/staticAssetImage.png)](/staticAssetImage.png)\n";
    let site = site("docusaurus-static-links", &[("docs/asset.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("missing-asset") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    let expected = [
        "https://example.com/asset.pdf",
        "/asset.pdf",
        "/asset.pdf#page=2",
        "/asset.pdf",
        "/staticAsset.pdf",
        "/staticAsset.pdf",
        "/staticAsset.pdf#page=2",
        "/staticAssetImage.png",
        "/staticAssetImage.png",
    ];
    let mut found = targets(&site, "public/asset/index.html");
    found.sort();
    let mut expected = expected.map(String::from).to_vec();
    expected.sort();
    assert_eq!(found, expected);
}

/// The `onBrokenMarkdownImages` cases of the same `transformImage` tests: an absolute,
/// a relative and an `@site/` path that name no file are each a finding at the image
/// (Docusaurus throws by default). Its empty URL (`![img]()`) is an image without a
/// source in opsbook, not checked.
#[test]
fn images_that_name_no_file_are_findings() {
    let page = "![img](/img/doesNotExist.png)\n\n![img](./doesNotExist.png)\n\n![img](@site/doesNotExist.png)\n\n\
                ![img](../static/doesNotExist.png)\n";
    let site = site("docusaurus-static-missing", &[("docs/broken.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    for (message, at) in [
        ("no file at `/img/doesNotExist.png` in the site", "docs/broken.md:1:1"),
        ("no file `docs/doesNotExist.png`", "docs/broken.md:3:1"),
        ("no file `doesNotExist.png`", "docs/broken.md:5:1"),
        ("no file `static/doesNotExist.png`", "docs/broken.md:7:1"),
    ] {
        assert!(
            run.stderr.contains(&format!("warning[missing-asset]: {message}\n --> {at}")),
            "{message}: {}",
            run.stderr
        );
    }
}

/// The relative cases of the same `transformImage` fixture (`./static/img.png`,
/// `static/img.png`, a `%20`-escaped name) and its `doesNotExistRelative`, written in a
/// blog post: `getLocalImageAbsolutePath` joins a relative path to the post's folder on
/// disk, so `../docs/...` reaches the docs folder's images and `../static/...` the
/// static folder, though the blog is mounted at `/blog/`.
#[test]
fn a_blog_post_reads_relative_images_from_its_folder_on_disk() {
    let page = "# Post\n\n![](../static/img.png)\n\n![img](../docs/img/inside.png)\n\n\
                in paragraph ![img](../docs/img/in%20side.png)\n\n![img](./doesNotExist.png)\n";
    let site = site("docusaurus-static-blog", &[("docs/intro.md", "# Intro\n"), ("blog/2024-01-02-img.md", page)]);
    site.write("docs/img/in side.png", PNG);
    let run = site.build(&[]);
    run.expect_code(0);
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(warnings, ["warning[missing-asset]: no file `blog/doesNotExist.png`"], "{}", run.stderr);
    let expected = ["/img.png", "/img/inside.png", "/img/in%20side.png", "./doesNotExist.png"];
    assert_eq!(targets(&site, "public/blog/2024/01/02/img/index.html"), expected);
}

/// The guide's ways to show an image and link a file by an import and by
/// `require('…').default` (facebook/docusaurus
/// `website/docs/guides/markdown-features/markdown-features-assets.mdx` at
/// 0fa091a0c280c4bcee90bc98d035704606d20628, "Images" and "Files"), the files next to
/// the page and, after `@site/`, in `static/`: each `src` and `href` is the URL of a
/// file the output holds. An import of a file that is not there is a warning at its
/// use, the `<img>` written without `src`.
#[test]
fn imported_files_are_published_at_their_urls() {
    let page = "# Assets\n\nimport myImageUrl from './img/inside.png';\nimport pdf from '@site/static/staticAsset.pdf';\n\
                import Gone from './img/gone.png';\n\n<img src={myImageUrl} alt=\"Example banner\" />\n\n\
                <img\n  src={require('@site/static/img.png').default}\n  alt=\"Example banner\"\n/>\n\n\
                <a\n  target=\"_blank\"\n  href={require('./asset.pdf').default}>\n  Download this docx\n</a>\n\n\
                Or <a href={pdf}>the static one</a>.\n\n<img src={Gone} width={600} />\n";
    let site = site("docusaurus-imports", &[("docs/guide.mdx", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    let mut found = targets(&site, "public/guide/index.html");
    found.sort();
    assert_eq!(found, ["/asset.pdf", "/img.png", "/img/inside.png", "/staticAsset.pdf"]);
    for url in found {
        assert!(site.exists(&format!("public{url}")), "{url} is published");
    }
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning[")).collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(warnings[0].starts_with("warning[missing-asset]: `{Gone}` (`import Gone from './img/gone.png'`)"));
    assert!(run.stderr.contains("--> docs/guide.mdx:22:10"), "{}", run.stderr);
    assert!(site.read("public/guide/index.html").contains("<img width=\"600\""), "the attribute is left out");
}
