//! Where the old tools' Markdown readers differ from CommonMark, built by the real
//! binary: bare addresses linked as GitHub, Hugo's Goldmark and Docusaurus link them and
//! MkDocs does not; MkDocs's destinations with spaces and Redcarpet's `[text] (url)`;
//! an MDX `<head>` kept out of the body; Docsy's lists of pages with their
//! descriptions rendered as Markdown.

use crate::util;

use util::{Site, main_of};

/// A page with a bare address, a `www.` one, an email, and one in code.
const PAGE: &str = "# Links\n\nSee https://example.org/status, www.example.org or ops@example.org.\n\n\
                    `https://example.org/code`\n";

/// The `<main>` of the page built from [`PAGE`] beside the old tool's `files`.
fn built(name: &str, files: &[(&str, &str)]) -> String {
    let mut all = files.to_vec();
    all.push(("content/links.md", PAGE));
    let site = Site::with_files(name, &all);
    site.build(&[]).expect_code(0);
    main_of(&site.read("public/links/index.html")).to_string()
}

/// The links of [`PAGE`]'s text `main` has: its `www.` address's `href`, `None` for none
/// linked (checked all or none).
fn www_href(main: &str) -> Option<String> {
    assert!(main.contains("<code>https://example.org/code</code>"), "{main}");
    let linked = main.contains("<a href=\"https://example.org/status\">https://example.org/status</a>,");
    assert_eq!(linked, main.contains("<a href=\"mailto:ops@example.org\">ops@example.org</a>."), "{main}");
    let start = main.find(">www.example.org</a>").map(|end| main[..end].rfind("href=\"").unwrap_or(0) + 6);
    assert_eq!(linked, start.is_some(), "{main}");
    start.map(|start| main[start..start + main[start..].find('"').unwrap_or(0)].to_string())
}

/// GitHub (a handbook of no other tool), Docusaurus (remark-gfm) and Hugo (Goldmark's
/// linkify, `www.` by `https` unless `linkifyProtocol` says `http`, off with
/// `linkify = false`) link bare addresses; MkDocs (Python-Markdown) does not, unless
/// `pymdownx.magiclink` is among its extensions.
#[test]
fn bare_addresses_are_linked_as_the_old_tool_linked_them() {
    assert_eq!(www_href(&built("linkify-plain", &[])).as_deref(), Some("http://www.example.org"));
    let docusaurus = "module.exports = { title: 'x', markdown: { format: 'md' }, presets: [] };\n";
    let found = www_href(&built("linkify-docusaurus", &[("docusaurus.config.js", docusaurus)]));
    assert_eq!(found.as_deref(), Some("http://www.example.org"));
    let hugo = www_href(&built("linkify-hugo", &[("hugo.toml", "title = \"x\"\n")]));
    assert_eq!(hugo.as_deref(), Some("https://www.example.org"));
    let http = "[markup.goldmark.extensions]\nlinkifyProtocol = \"http\"\n";
    assert_eq!(
        www_href(&built("linkify-hugo-http", &[("hugo.toml", http)])).as_deref(),
        Some("http://www.example.org")
    );
    let off = "[markup.goldmark.extensions]\nlinkify = false\n";
    assert_eq!(www_href(&built("linkify-hugo-off", &[("hugo.toml", off)])), None);
    let mkdocs = "site_name: x\ndocs_dir: content\n";
    assert_eq!(www_href(&built("linkify-mkdocs", &[("mkdocs.yml", mkdocs)])), None);
    let magiclink = "site_name: x\ndocs_dir: content\nmarkdown_extensions:\n  - pymdownx.magiclink\n";
    let found = www_href(&built("linkify-magiclink", &[("mkdocs.yml", magiclink)]));
    assert_eq!(found.as_deref(), Some("http://www.example.org"));
}

/// Python-Markdown reads `![x](./media/Single ToR.png)` as an image of that file, which
/// is published and checked like any other.
#[test]
fn mkdocs_destinations_with_spaces_are_links() {
    let site = Site::with_files(
        "mkdocs-spaces",
        &[
            ("mkdocs.yml", "site_name: x\ndocs_dir: content\n"),
            ("content/net.md", "# Net\n\n![ToR](./media/Single ToR.png)\n\n[the runbook](./run book.md \"Run\")\n"),
            ("content/media/Single ToR.png", "not really a png"),
            ("content/run book.md", "# Run\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("missing-asset") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    let main = main_of(&site.read("public/net/index.html")).to_string();
    assert!(main.contains("<img src=\"/media/Single%20ToR.png\" alt=\"ToR\""), "{main}");
    assert!(main.contains("<a href=\"/run%20book/\" title=\"Run\">the runbook</a>"), "{main}");
    assert!(site.exists("public/media/Single ToR.png"));
}

/// Redcarpet (a GOV.UK Tech Docs Template site) reads `[text] (url)` as a link; a
/// handbook of no other tool keeps it as text, as CommonMark does.
#[test]
fn tech_docs_links_may_have_spaces_before_their_destination() {
    let page =
        "---\ntitle: Page\n---\n# Page\n\nSee [the guide] (https://example.org/guide) and [the other]\n(other.html).\n";
    let site = Site::with_files(
        "redcarpet-spaced-links",
        &[
            ("book.toml", "[handbook]\ntitle = \"x\"\n\n[build]\ncontent-dir = \"source\"\n"),
            ("config/tech-docs.yml", "host: https://example.org\n"),
            ("source/index.html.md.erb", "# Home\n"),
            ("source/page.html.md.erb", page),
            ("source/other.html.md.erb", "# Other\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/page.html")).to_string();
    assert!(main.contains("<a href=\"https://example.org/guide\">the guide</a>"), "{main}");
    assert!(main.contains(">the other</a>."), "{main}");
    let plain = Site::with_files("commonmark-spaced-links", &[("content/page.md", "# Page\n\n[a] (b.md)\n")]);
    plain.build(&[]).expect_code(0);
    assert!(main_of(&plain.read("public/page/index.html")).contains("<p>[a] (b.md)</p>"));
}

/// Docusaurus's `<head>` in an MDX page: the document's `<title>`, not the body's text.
#[test]
fn an_mdx_head_sets_the_title_and_stays_out_of_the_body() {
    let page = "---\ntitle: Repost\n---\n<head>\n  <title>Repost from the blog</title>\n  <link rel=\"canonical\" href=\"https://example.org/post/\"/>\n</head>\nReposted from the blog.\n";
    let site = Site::with_files(
        "mdx-head",
        &[("docusaurus.config.js", "module.exports = { title: 'x', presets: [] };\n"), ("content/repost.mdx", page)],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/repost/index.html");
    assert!(html.contains("<title>Repost from the blog</title>"), "{html}");
    let main = main_of(&html);
    assert!(!main.contains("canonical") && !main.contains("Repost from the blog"), "{main}");
    assert!(main.contains("<p>Reposted from the blog.</p>"), "{main}");
}

/// Docsy's `section-index.html` writes each child's `description | markdownify`; on other
/// sites the description stays text.
#[test]
fn docsy_section_lists_render_descriptions_as_markdown() {
    let child = "---\ntitle: Failover\ndescription: Promote the **replica**, see `pg_ctl`.\n---\n# Failover\n";
    let files = |theme: &'static str| {
        vec![
            ("hugo.toml", theme),
            ("content/db/_index.md", "---\ntitle: Databases\n---\n"),
            ("content/db/failover.md", child),
        ]
    };
    let docsy = Site::with_files("docsy-descriptions", &files("theme = \"docsy\"\n"));
    docsy.build(&[]).expect_code(0);
    let main = main_of(&docsy.read("public/db/index.html")).to_string();
    assert!(main.contains("<p>Promote the <strong>replica</strong>, see <code>pg_ctl</code>.</p>"), "{main}");
    let other = Site::with_files("hugo-descriptions", &files("theme = \"ananke\"\n"));
    other.build(&[]).expect_code(0);
    let main = main_of(&other.read("public/db/index.html")).to_string();
    assert!(main.contains("<p>Promote the **replica**, see `pg_ctl`.</p>"), "{main}");
}
