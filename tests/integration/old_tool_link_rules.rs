//! Link rules of the old tools ported from their own tests: Jekyll's `{% post_url %}`
//! and Docusaurus's Markdown links read from the content and site folders.

use crate::old_tool_links::{WARN, body, handbook, hrefs};

/// Jekyll's `{% post_url %}` names a post by folder, date and slug, whatever its
/// extension (jekyll/jekyll `lib/jekyll/tags/post_url.rb`, `PostComparer`; the cases of
/// `test/test_tag_post_url.rb` at ee3576e2): a `.markdown` post and a nested one lead to
/// their pages, and a name without the post's folder to it as Jekyll's deprecated fallback.
#[test]
fn jekyll_post_url_finds_posts_of_any_extension_and_folder() {
    let site = handbook(
        "jekyll-post-url",
        WARN,
        &[
            ("_config.yml", "permalink: pretty\n"),
            (
                "content/index.md",
                "---\n---\n# Home\n\n[1]({% post_url 2008-11-21-complex %}) [2]({% post_url /2008-11-21-complex %}) \
                 [3]({% post_url es/2008-11-21-nested %}) [4]({% post_url 2008-11-21-nested %})\n",
            ),
            ("content/_posts/2008-11-21-complex.markdown", "---\ntitle: Complex\n---\nText.\n"),
            ("content/_posts/es/2008-11-21-nested.markdown", "---\ntitle: Nested\n---\nText.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let home = hrefs(&site, "public/index.html");
    let expected = ["/2008/11/21/complex/", "/2008/11/21/complex/", "/2008/11/21/nested/", "/2008/11/21/nested/"];
    assert_eq!(home, expected, "{}", body(&site, "public/index.html"));
}

/// Docusaurus reads a Markdown link that does not start with `./` or `../` from the
/// content folder, then from the site's folder, then from the file's; one from `/`
/// never from the file's (facebook/docusaurus
/// `packages/docusaurus-utils/src/__tests__/markdownLinks.test.ts` at 4df1daf1, "resolves
/// absolute and relative links differently": its eight cases).
#[test]
fn docusaurus_reads_markdown_links_from_the_content_and_site_folders() {
    let links = [
        "./another.md",
        "../api/classes/divine_uri.URI.md",
        "./api/classes/divine_uri.URI.md",
        "/api/classes/divine_uri.URI.md",
        "/docs/api/classes/divine_uri.URI.md",
        "/another.md",
        "api/classes/divine_uri.URI.md",
        "another.md",
    ];
    let text: String = links.iter().enumerate().map(|(i, l)| format!("[{i}]({l}) ")).collect();
    let site = handbook(
        "docusaurus-markdown-roots",
        &format!("[build]\ncontent-dir = \"docs\"\n{WARN}"),
        &[
            ("docusaurus.config.js", "module.exports = { presets: [['classic', { docs: {} }]] };\n"),
            ("docs/intro/intro.md", &format!("# Intro\n\n{text}\n")),
            ("docs/intro/another.md", "# Another\n"),
            ("docs/api/classes/divine_uri.URI.md", "# URI\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    // `intro/intro.md`, named as its folder, is the folder's page (`isCategoryIndex`).
    let found = hrefs(&site, "public/intro/index.html");
    let (another, uri) = ("/intro/another/".to_string(), "/api/classes/divine_uri.URI/".to_string());
    // Docusaurus's nulls (`./api/...`, `/another.md`) stay broken, with a warning each.
    assert_eq!(found.len(), 8, "{found:?}");
    for (i, expected) in [Some(&another), Some(&uri), None, Some(&uri), Some(&uri), None, Some(&uri), Some(&another)]
        .into_iter()
        .enumerate()
    {
        match expected {
            Some(url) => assert_eq!(&found[i], url, "{}: {found:?}", links[i]),
            None => assert!(found[i] != another && found[i] != uri, "{}: {found:?}", links[i]),
        }
    }
    assert_eq!(run.stderr.matches("broken-link").count(), 2, "{}", run.stderr);
}
