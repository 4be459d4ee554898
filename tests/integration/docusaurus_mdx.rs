//! Which pages of a Docusaurus site are MDX: every `.md` page, as Docusaurus reads them,
//! unless the configuration's `markdown.format` is `detect` (only `.mdx`) or `md`.

use crate::util;

use util::Site;

const PAGE: &str = "---\ntitle: Setup\n---\n\nimport OsSwitch from '@site/src/components/OsSwitch';\n\n\
Before the switch.\n\n<OsSwitch allowed={['Mac']}>\n\nInstall with `brew`.\n\n</OsSwitch>\n\nAfter the switch.\n";

fn site(name: &str, config: &str) -> Site {
    Site::with_files(
        name,
        &[("docusaurus.config.js", config), ("content/_index.md", "# Home\n"), ("content/setup.md", PAGE)],
    )
}

#[test]
fn a_docusaurus_md_page_is_mdx_by_default() {
    let site = site("md-as-mdx", "module.exports = { title: 'x', presets: [['classic', { docs: {} }]] };\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/setup/index.html");
    let main = util::between(&page, "<main", "</main>");
    // The import is code, not text; the component is a placeholder around its children.
    assert!(!main.contains("import OsSwitch"), "{main}");
    assert!(main.contains("class=\"unsupported"), "{main}");
    assert!(main.contains("Install with <code>brew</code>"), "{main}");
    assert!(!main.contains("<p>&lt;OsSwitch"), "{main}");
    assert!(run.stderr.contains("content/setup.md:9:1"), "the component is named where it is: {}", run.stderr);
}

#[test]
fn with_markdown_format_detect_only_mdx_pages_are_mdx() {
    let config = "module.exports = { title: 'x', markdown: { format: 'detect' }, presets: [] };\n";
    let site = site("md-detect", config);
    let run = site.build(&[]);
    run.expect_code(0);
    let main = site.read("public/setup/index.html");
    let main = util::between(&main, "<main", "</main>");
    // CommonMark, as Docusaurus reads it then: the import line is a paragraph.
    assert!(main.contains("import OsSwitch from"), "{main}");
    assert!(!main.contains("class=\"unsupported"), "{main}");
}

#[test]
fn book_toml_says_which_pages_are_mdx_for_any_tool() {
    // A Gatsby site whose gatsby-plugin-mdx reads `.md`: no old tool opsbook knows.
    let site = Site::with_files("md-as-mdx-config", &[("content/_index.md", "# Home\n"), ("content/setup.md", PAGE)]);
    let run = site.build(&[]);
    run.expect_code(0);
    let main = site.read("public/setup/index.html");
    assert!(util::between(&main, "<main", "</main>").contains("import OsSwitch from"), "Markdown unless told");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[markdown]\nmd-as-mdx = true\n");
    site.build(&[]).expect_code(0);
    let main = site.read("public/setup/index.html");
    let main = util::between(&main, "<main", "</main>");
    assert!(!main.contains("import OsSwitch") && main.contains("class=\"unsupported"), "{main}");

    // And `false` reads a Docusaurus site's `.md` pages as Markdown.
    let site = site_with_book("md-as-mdx-off", "[handbook]\ntitle = \"Test\"\n[markdown]\nmd-as-mdx = false\n");
    site.build(&[]).expect_code(0);
    let main = site.read("public/setup/index.html");
    assert!(util::between(&main, "<main", "</main>").contains("import OsSwitch from"));
}

fn site_with_book(name: &str, book: &str) -> Site {
    let site = site(name, "module.exports = { title: 'x' };\n");
    site.write("book.toml", book);
    site
}

/// Docusaurus's content plugins publish no page from a file whose name or folder starts
/// with `_` (their `exclude` default): a partial is only written where a page imports it,
/// and is in no navigation or search index. `_index.md` stays a section's page.
#[test]
fn a_docusaurus_partial_is_no_page_of_its_own() {
    let site = site("docusaurus-partials", "module.exports = { title: 'x', presets: [['classic', { docs: {} }]] };\n");
    site.write("content/sdk/_index.md", "---\ntitle: SDK\n---\n");
    site.write("content/sdk/_install.mdx", "Run `make install` with care.\n");
    site.write("content/sdk/_shared/steps.md", "# Steps\n\nShared steps.\n");
    site.write("content/sdk/guide.mdx", "# Guide\n\nimport Install from './_install.mdx';\n\n<Install />\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.exists("public/sdk/_install/index.html") && !site.exists("public/sdk/_shared/steps/index.html"));
    let guide = site.read("public/sdk/guide/index.html");
    assert!(util::main_of(&guide).contains("Run <code>make install</code> with care."), "{guide}");
    assert!(!guide.contains("_install") && !guide.contains("Shared steps"), "no navigation entry: {guide}");
    assert!(site.read("public/sdk/index.html").contains("<title>SDK · "));
    for file in site.files_under("public/search") {
        let text = site.read(&format!("public/search/{file}"));
        assert!(!text.contains("_install") && !text.contains("/_shared/"), "{text}");
    }
}

/// MDX has no indented code blocks (Docusaurus's MDX 2+ parser turns them off): the
/// body of an admonition indented four spaces is Markdown, its bold and its list
/// rendered, while a fenced block stays code and a Markdown page keeps CommonMark's
/// indented code.
#[test]
fn an_indented_admonition_body_on_an_mdx_page_is_markdown_not_code() {
    let site = site("mdx-indented", "module.exports = { title: 'x', presets: [['classic', { docs: {} }]] };\n");
    let body = ":::note\n\n    Keep **both** replicas.\n\n    - first\n    - second\n\n    See [gone](gone.md).\n\n:::\n\n```\n    fenced stays\n```\n";
    site.write("content/setup.md", format!("# Setup\n\n{body}"));
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("content/setup.md:10:9"), "the link is named where it is: {}", run.stderr);
    let main = util::main_of(&site.read("public/setup/index.html")).to_string();
    assert!(main.contains("<p>Keep <strong>both</strong> replicas.</p>"), "{main}");
    assert!(main.contains("<li>first</li>") && !main.contains("**both**"), "{main}");
    assert!(main.contains("    fenced stays"), "{main}");
    site.write("docusaurus.config.js", "module.exports = { title: 'x', markdown: { format: 'detect' } };\n");
    site.build(&[]).expect_code(0);
    let main = util::main_of(&site.read("public/setup/index.html")).to_string();
    assert!(main.contains("**both**"), "a Markdown page keeps indented code: {main}");
}

/// An element whose tag stands alone on its line (`<details>`) holds Markdown up to its
/// closing tag in MDX, code fences with blank lines included; CommonMark's HTML block
/// would end at the fence's blank line and hide the rest of the page.
#[test]
fn a_flow_element_holds_markdown_and_fences_up_to_its_closing_tag() {
    let page = "# Migration\n\n<details>\n<summary>Duplication script</summary>\n```\n\
#!/bin/bash\necho start\n\nkubectl get ingress -A\n```\n</details>\n\n## After the script\n\n\
<div class=\"note\">\nRun it **twice**.\n\n- once\n- again\n</div>\n\nThe end.\n";
    let site = Site::with_files(
        "mdx-flow-elements",
        &[
            ("docusaurus.config.js", "module.exports = { title: 'x', presets: [['classic', { docs: {} }]] };\n"),
            ("content/_index.md", "# Home\n"),
            ("content/migration.md", page),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("unclosed-html"), "{}", run.stderr);
    let html = site.read("public/migration/index.html");
    let main = util::between(&html, "<main", "</main>");
    let code = util::between(main, "<pre", "</pre>");
    assert!(code.contains("echo start") && code.contains("kubectl get ingress -A"), "one code block: {main}");
    let main = util::between(main, "id=\"page-body\"", "The end.");
    let details = main.find("</details>").expect("the element closes");
    let after = main.find("id=\"after-the-script\">After the script").expect("the heading after it is a heading");
    assert!(main.find("echo start").unwrap() < details && details < after, "{main}");
    assert!(main.contains("Run it <strong>twice</strong>.") && main.contains("<li>again</li>"), "{main}");
    assert!(main.ends_with("<p>The end."), "{main}");
}
