//! HTML comments as CommonMark reads them, through the whole Markdown path with the
//! dialects on: the comment examples of the CommonMark spec, as they are and with each
//! old tool's block and inline constructs written inside the comment, which stay the
//! comment's text.

use super::*;

/// The examples of the CommonMark spec that hold a comment: number, Markdown, HTML.
/// spec.txt of commonmark/commonmark-spec, version 0.31.2, at commit
/// 31c0ca2d294ea60ab4438004da410e2e590a46f2.
const SPEC_EXAMPLES: [(u32, &str, &str); 7] = [
    (179, "<!-- foo -->*bar*\n*baz*\n", "<!-- foo -->*bar*\n<p><em>baz</em></p>\n"),
    (181, "<!-- Foo\n\nbar\n   baz -->\nokay\n", "<!-- Foo\n\nbar\n   baz -->\n<p>okay</p>\n"),
    (185, "  <!-- foo -->\n\n    <!-- foo -->\n", "  <!-- foo -->\n<pre><code>&lt;!-- foo --&gt;\n</code></pre>\n"),
    (
        310,
        "- foo\n- bar\n\n<!-- -->\n\n- baz\n- bim\n",
        "<ul>\n<li>foo</li>\n<li>bar</li>\n</ul>\n<!-- -->\n<ul>\n<li>baz</li>\n<li>bim</li>\n</ul>\n",
    ),
    (
        311,
        "-   foo\n\n    notcode\n\n-   foo\n\n<!-- -->\n\n    code\n",
        "<ul>\n<li>\n<p>foo</p>\n<p>notcode</p>\n</li>\n<li>\n<p>foo</p>\n</li>\n</ul>\n<!-- -->\n<pre><code>code\n</code></pre>\n",
    ),
    (
        627,
        "foo <!-- this is a --\ncomment - with hyphens -->\n",
        "<p>foo <!-- this is a --\ncomment - with hyphens --></p>\n",
    ),
    (628, "foo <!--> foo -->\n\nfoo <!---> foo -->\n", "<p>foo <!--> foo --&gt;</p>\n<p>foo <!---> foo --&gt;</p>\n"),
];

/// Constructs of the old tools' dialects, each of which the rewrite would turn into
/// HTML outside a comment: MkDocs (admonitions, collapsible ones, tabs), Docusaurus
/// (`:::` admonitions), Hugo (shortcodes), kramdown (attribute lists).
const CONSTRUCTS: [&str; 6] = [
    "!!! note \"Hidden\"\n    inside",
    "??? tip\n    folded",
    "=== \"Tab\"\n    pane",
    ":::tip\nalso hidden\n:::",
    "{{< kpi name=\"x\" >}} and {{% notice %}}x{{% /notice %}}",
    "{: .wide}",
];

/// The body writer's HTML, with the class it gives code blocks taken off.
fn commonmark_html(markdown: &str) -> String {
    let out = render(markdown);
    assert!(out.diagnostics.is_empty(), "{markdown:?}: {:?}", out.diagnostics);
    out.html.replace("<pre class=\"code\"><code>", "<pre><code>")
}

#[test]
fn passes_the_spec_comment_examples_through_whole() {
    for (number, markdown, html) in SPEC_EXAMPLES {
        assert_eq!(commonmark_html(markdown), html, "example {number}");
    }
}

#[test]
fn leaves_the_dialects_inside_a_comment_as_its_text() {
    for (number, markdown, html) in SPEC_EXAMPLES {
        // The first comment of the example, when it has text (not `<!-->`): the same
        // construct inside it in the Markdown and in the HTML.
        if !markdown.contains("<!-- ") {
            continue;
        }
        for construct in CONSTRUCTS {
            // In a paragraph, each line of the construct as it starts there: CommonMark
            // strips the spaces that start a paragraph's lines.
            let construct: String = match html.starts_with("<p>") {
                true => construct.lines().map(|line| format!("{}\n", line.trim_start())).collect(),
                false => format!("{construct}\n"),
            };
            let inside = format!("<!--\n{construct}");
            let markdown = markdown.replacen("<!-- ", &inside, 1);
            let html = html.replacen("<!-- ", &inside, 1);
            assert_eq!(commonmark_html(&markdown), html, "example {number} with {construct:?}");
        }
    }
}

/// An indented code block is code whatever its lines start with (CommonMark 0.31.2,
/// "Indented code blocks"): each construct, indented four spaces after a paragraph's
/// blank line, is shown as written. MDX has no indented code: there it is the construct.
#[test]
fn leaves_the_dialects_inside_an_indented_code_block_as_code() {
    for construct in CONSTRUCTS {
        let indented: String = construct.lines().map(|line| format!("    {line}\n")).collect();
        let markdown = format!("Text.\n\n{indented}");
        let code: String = construct.lines().map(|line| format!("{line}\n")).collect();
        let expected = format!("<p>Text.</p>\n<pre><code>{}</code></pre>\n", crate::html::escape(&code));
        assert_eq!(commonmark_html(&markdown), expected, "{construct:?}");
    }
    let mdx = render_markdown(&MarkdownInput {
        file: "content/page.mdx",
        ..test_input("Text.\n\n    :::tip\n    x\n    :::\n")
    });
    assert!(mdx.html.contains("callout"), "{}", mdx.html);
}
