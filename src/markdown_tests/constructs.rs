//! The other tools' constructs a reader of the old site never saw as text:
//! Goldmark attribute lines on any page, alerts with text on their marker line,
//! titles written in Markdown, Mermaid in raw HTML, URL filters on a literal, template
//! syntax inside link destinations, mdBook directives, JSX expression attributes, Jekyll
//! assets, and the diagrams the build leaves to the reader's browser.

use super::*;

fn mdx(text: &str) -> Rendered {
    render_markdown(&MarkdownInput { file: "content/runbooks/page.mdx", ..test_input(text) })
}

/// The rule, severity, line and column of each diagnostic (the body starts at line 5).
fn found(out: &Rendered) -> Vec<(&'static str, String, usize, usize)> {
    out.diagnostics.iter().map(|d| (d.rule.id(), d.severity.to_string(), d.line, d.column)).collect()
}

/// Hugo's block attributes (`markup.goldmark.parser.attribute.block`) and Goldmark's
/// heading attributes, on a page with no kramdown `{:` list.
#[test]
fn goldmark_attribute_lists_apply_on_any_page() {
    let out = render(
        "Welcome to the handbook\n{.h2}\n\n### Failure is certain{.practice}\n\n### Plan {#plan .x}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n{.wide #figures}\n\n1. Keep notes in a doc. {#notes-doc}\n1. The year starts in February. {#fiscal-year} More text.\n\n{# a Nunjucks comment #}\n\nA set {#notanid} of braces and {.x.} and {#} stay.\n",
    );
    insta::assert_snapshot!(out.html);
    for id in ["plan", "figures", "notes-doc"] {
        assert!(out.anchors.iter().any(|a| a == id), "{id} in {:?}", out.anchors);
    }
}

/// Hugo's `AlertTitle` and `AlertSign` (docs: "Blockquote render hooks"): the rest of the
/// marker line is the title when the body follows it, and the note itself when it is
/// all the note or the next line continues it.
#[test]
fn alerts_with_text_on_their_marker_line() {
    let out = render(
        "> [!NOTE] Update as of 2026-01-05\n>\n> The [runbook](db.md) changed.\n\n> [!NOTE] Spending over the limit needs approval from\n> Finance.\n\n> [!WARNING] Restart *one* node at a time.\n\n> [!WARNING]+ Radiation **hazard**\n> Keep out.\n\n> [!tip]- Folded\n> Inside.\n\n> [!info]\n> Any word is a type.\n\n> [!CAUTION]\n> GitHub's own, untouched.\n\n> [!INTERNAL]\n> Never an alert.\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(out.links.len(), 1);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// Docusaurus, MkDocs and Hugo read these titles as Markdown.
#[test]
fn titles_written_in_markdown() {
    insta::assert_snapshot!(html(
        "{{% panel header=\"**Best Practices**\" %}}\nA.\n{{% /panel %}}\n\n:::info[Why `0.2.0`?]\nB.\n:::\n\n!!! note \"The [`site_url`](db.md) setting\"\n    C.\n\n{{% details summary=\"### Failure is certain{.practice}\" %}}\nD.\n{{% /details %}}\n\n{{< tabpane text=true >}}\n{{% tab header=\"Maven (`pom.xml`)\" %}}\nE.\n{{% /tab %}}\n{{< /tabpane >}}\n"
    ));
}

/// The forms Mermaid's page script draws, and GitHub's `<pre lang="mermaid">`.
#[test]
fn mermaid_in_raw_html_is_a_diagram() {
    let out = render(
        "<pre class=\"mermaid\">\ngraph TD\n  A --&gt; B\n</pre>\n\n<div class=\"mermaid\">\n    sequenceDiagram\n      A->>B: hi\n</div>\n\n- In a list:\n\n  <pre lang=\"mermaid\">flowchart LR; C-->D</pre>\n\n<pre class=\"not-mermaid\">\ngraph TD\n</pre>\n",
    );
    assert_eq!(out.html.matches("<svg class=\"diagram-svg\"").count(), 3, "{}", out.html);
    assert!(out.html.contains("<code class=\"language-mermaid\">graph TD\n  A --&gt; B\n</code>"), "{}", out.html);
    assert!(out.html.contains("<pre class=\"not-mermaid\">"), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// Jekyll's `relative_url`/`absolute_url` (from the root, as Jekyll adds the leading `/`)
/// and Eleventy's `url` on a quoted path make a
/// link; a template construct anywhere in a destination leaves the link's text and a
/// placeholder, not a URL with the syntax in it.
#[test]
fn template_syntax_in_link_destinations() {
    let out = render(
        "See [the db]({{ 'runbooks/db.md' | relative_url }}) and [ours]({{ \"./\" | url }}).\n\n[Tweet]({{ \"https://x.example/1\" | canonical }}) and [code](https://git.example/o/r/blob/v{{% param vers %}}/a.go) and [angle](<https://x.example/v{{% param vers %}}/b>).\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(out.links.len(), 2);
    assert_eq!(
        found(&out),
        [
            ("unsupported-syntax", "warning".to_string(), 7, 9),
            ("unsupported-syntax", "warning".to_string(), 7, 91),
            ("unsupported-syntax", "warning".to_string(), 7, 148)
        ]
    );
}

/// A reference definition whose destination holds a construct of the old tool (Hugo's
/// documentation writes `[embedded RSS template]: <{{% eturl rss %}}>`) makes its links
/// as an inline one does: their text, the placeholder after it, no link and no finding;
/// the warning is the construct's, at the definition.
#[test]
fn template_syntax_in_reference_definitions() {
    let out = render(
        "The [RSS template][rss], the [map][] and [the db](db.md).\n\n[rss]: <{{% eturl rss %}}>\n[map]: https://x.example/v{{% param vers %}}/map\n",
    );
    assert_eq!(
        out.html,
        "<p>The RSS template <span class=\"unsupported\">unsupported: <code>{{% eturl rss %}}</code></span>, the map https://x.example/v<span class=\"unsupported\">unsupported: <code>{{% param vers %}}</code></span>/map and <a href=\"/handbook/runbooks/db/\">the db</a>.</p>\n"
    );
    assert_eq!(out.links.len(), 1);
    assert_eq!(
        found(&out),
        [("unsupported-syntax", "warning".to_string(), 7, 9), ("unsupported-syntax", "warning".to_string(), 8, 27)]
    );
}

/// mdBook's preprocessor directives are placeholders with a note; an escaped one shows
/// as written, without its backslash.
#[test]
fn mdbook_directives_are_placeholders() {
    let out = render(
        "{{#installer_table}}\n\nBefore {{#title The book}} after.\n\nWrite `\\{{#playground x.rs}}` or \\{{#custom}}.\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(
        found(&out),
        [("unsupported-syntax", "warning".to_string(), 5, 1), ("unsupported-syntax", "warning".to_string(), 7, 8)]
    );
    assert!(out.diagnostics[0].message.contains("mdBook preprocessor"), "{}", out.diagnostics[0].message);
}

/// A preprocessor's closing directive (`{{#/tab }}`) is a placeholder as its opening
/// one is; in the code of a book with a preprocessor of its own a directive stays as
/// written, with its note, since the preprocessor would have replaced it there too.
/// Elsewhere a directive in code is an example, and no note.
#[test]
fn mdbook_closing_directives_and_directives_in_code() {
    let text = "{{#tab Linux }}\n\nRun it.\n\n{{#/tab }}\n\n```sh\ncurl -L {{#releaselink repo}} -o x\n```\n";
    let rules = crate::content::site_data::TextRules { directives_in_code: true, ..Default::default() };
    let data = crate::content::site_data::SiteData { text: rules, ..Default::default() };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    let out = render_markdown(&MarkdownInput { highlight: None, templating: Some(&templating), ..test_input(text) });
    assert!(
        out.html.contains("unsupported: <code>{{#/tab }}</code>") && !out.html.contains("<p>{{#/tab"),
        "{}",
        out.html
    );
    assert!(out.html.contains("curl -L {{#releaselink repo}} -o x"), "{}", out.html);
    let lines: Vec<usize> = out.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines.len(), 3, "{:?}", out.diagnostics);
    assert!(lines[0] < lines[1] && lines[1] < lines[2], "{lines:?}");
    assert!(out.diagnostics[1].message.contains("(`/tab`)"), "{}", out.diagnostics[1].message);
    assert!(out.diagnostics[2].message.contains("in code it is shown as written"), "{}", out.diagnostics[2].message);
    assert_eq!(out.diagnostics[2].column, 9);
    let plain = render(text);
    assert_eq!(plain.diagnostics.len(), 2, "{:?}", plain.diagnostics);
}

/// MDX evaluates `name={…}` attributes with React: opsbook drops them, and `className`
/// is `class`.
#[test]
fn jsx_expression_attributes_are_dropped() {
    let out = mdx(
        "<a href=\"https://x.example/join\" className=\"button\" style={{ display: 'block', width: '2em' }}>Join</a>\n\n<div onClick={() => go({ a: 1 })} title=\"t\">x</div>\n",
    );
    assert_eq!(
        out.html,
        "<p><a href=\"https://x.example/join\" class=\"button\">Join</a></p>\n<div title=\"t\">x</div>\n"
    );
}

/// MDX evaluates an attribute's expression: a string or number literal is the value
/// React writes; any other expression (an object, a call) is still dropped.
#[test]
fn jsx_literal_attributes_are_their_values() {
    let out = mdx(
        "<img src=\"diagram.png\" width={600} height={ 12.50 } alt={\"A & B\"} title={'t'} data-x={`y`} data-n={-0} />\n\n<p id={`a${b}`} lang={'e' + n} style={{ width: 1 }} hidden={true}>x</p>\n",
    );
    assert!(
        out.html.contains("<img src=\"/handbook/runbooks/diagram.png\" width=\"600\" height=\"12.5\" alt=\"A &amp; B\" title=\"t\" data-x=\"y\" data-n=\"0\" />"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<p>x</p>"), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// Docusaurus's guide shows an image by an import and `require('…').default`, whose
/// value is the file's URL (facebook/docusaurus
/// `website/docs/guides/markdown-features/markdown-features-assets.mdx`, commit
/// 0fa091a0c280c4bcee90bc98d035704606d20628): the file is linked as `![](…)` links it;
/// a file that is not there, or a use that is no HTML attribute, is a warning at its
/// place, the attribute left out.
#[test]
fn imported_files_are_their_urls_in_html_attributes() {
    let files = crate::content::include_files::MemoryFiles(Default::default());
    let page = "import Diagram from './diagram.png';\nimport Gone from './gone.png';\n\n<img src={Diagram} alt=\"Flow\" />\n\n<img\n  src={require('../runbooks/diagram.png').default}\n  alt=\"Again\"\n/>\n\nSee <img src={Gone} alt=\"x\" /> and {Diagram}, not `<img src={Diagram} />`.\n";
    let out = render_markdown(&MarkdownInput {
        file: "content/runbooks/page.mdx",
        includes: Some(&files),
        ..test_input(page)
    });
    assert_eq!(out.html.matches("src=\"/handbook/runbooks/diagram.png\"").count(), 2, "{}", out.html);
    assert!(out.html.contains("<img alt=\"x\" />"), "{}", out.html);
    assert!(out.html.contains("<code>&lt;img src={Diagram} /&gt;</code>"), "{}", out.html);
    assert_eq!(out.assets, ["runbooks/diagram.png", "runbooks/diagram.png"]);
    let warnings =
        [("missing-asset", "warning".to_string(), 15, 14), ("unsupported-syntax", "warning".to_string(), 15, 36)];
    assert_eq!(found(&out), warnings);
    assert!(out.diagnostics[0].message.contains("import Gone from './gone.png'"), "{}", out.diagnostics[0].message);
    // On a Markdown page, which is no MDX, the same text is left alone.
    let out = render_markdown(&MarkdownInput { includes: Some(&files), ..test_input(page) });
    assert!(!out.html.contains("/handbook/runbooks/diagram.png"), "{}", out.html);
}

/// An element written `<x />` in JSX is closed by its end tag, a void one is not: the
/// cases of mdx-js/mdx `packages/mdx/test/syntax.js` at 685627a8 ("should support JSX
/// attribute names", "… values", "… spread attributes"), whose expression and spread
/// attributes opsbook drops; and an `<iframe />` hides nothing after it.
#[test]
fn jsx_self_closed_elements_are_closed_as_react_writes_them() {
    let cases = [
        ("<x a=\"1\" b:c=\"1\" hidden />\n", "<x a=\"1\" b:c=\"1\" hidden></x>"),
        ("<x y=\"1\" z='w' style={{color: \"red\"}} />\n", "<x y=\"1\" z='w'></x>"),
        ("<x {...{a: 1}} />\n", "<x></x>"),
        ("<div className=\"box\"/>\n", "<div class=\"box\"></div>"),
        ("Line<br/>and <img src=\"a.png\" alt=\"A\" />\n", "Line<br/>and <img src=\"a.png\" alt=\"A\" />"),
    ];
    for (page, element) in cases {
        let out = mdx(page);
        assert!(out.html.contains(element), "{page:?}: {}", out.html);
    }
    let out = mdx("<iframe src=\"https://v.example/e\" width=\"800\" />\n\n## After\n");
    assert!(out.html.contains("<iframe src=\"https://v.example/e\" width=\"800\"></iframe>"), "{}", out.html);
    assert!(out.html.contains("<h2 id=\"after\">"), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    // In Markdown, where HTML is the browser's, the same tag is left as written.
    let out = render("<iframe src=\"https://v.example/e\" />\n\n## After\n");
    assert!(out.html.contains("<iframe src=\"https://v.example/e\" />"), "{}", out.html);
    assert_eq!(found(&out), [("unclosed-html", "warning".to_string(), 5, 1)]);
}

/// jekyll-assets' `{% asset %}`: an image from the asset folders, a URL with `@path`.
#[test]
fn jekyll_assets_are_images_and_urls() {
    let out = render(
        "{% asset blog/graph.png class=\"figure-img\" alt=\"Latency\" style=\"width: 1em\" %}\n\n[The graph]({% asset blog/graph.png @path %}) and {% asset gone.png %}.\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(out.assets, ["_assets/images/blog/graph.png", "_assets/images/blog/graph.png"]);
    assert_eq!(found(&out), [("missing-asset", "error".to_string(), 7, 51)]);
}

/// The description is plain text: a shortcode in a code span (which Hugo replaced)
/// shows there as an ellipsis.
#[test]
fn constructs_in_code_stay_out_of_the_description() {
    let out = render("{{< kpi >}}\n\nReplace `{{% param vers %}}` with the version.\n");
    assert_eq!(out.summary, "Replace … with the version.");
    assert!(out.html.contains("<code>{{% param vers %}}</code>"), "{}", out.html);
}

/// A diagram the build cannot draw: the reader's browser draws it, the page says so and
/// keeps its source, and the build knows to write Mermaid's script.
#[test]
fn a_diagram_the_build_cannot_draw_is_left_to_the_browser() {
    let out = render("```mermaid\nflowchart TD\n    A[unclosed --> B\n```\n\n```mermaid\npie\n    \"SEV1\" : 3\n```\n");
    assert!(out.browser_diagrams);
    assert!(
        out.html
            .starts_with("<figure class=\"diagram diagram-browser\" data-mermaid=\"\">\n<p class=\"diagram-note\">"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<figure class=\"diagram diagram-pie\">"), "{}", out.html);
    assert_eq!(found(&out), [("diagram", "note".to_string(), 5, 1)]);
    assert!(out.diagnostics[0].message.ends_with(": the reader's browser draws it"), "{}", out.diagnostics[0].message);
    let off = render_markdown(&MarkdownInput {
        browser_diagrams: false,
        ..test_input("```mermaid\nflowchart TD\n    A[x --> B\n```\n")
    });
    assert!(!off.browser_diagrams);
    assert!(off.html.starts_with("<figure class=\"diagram diagram-code\">\n<p class=\"diagram-note\">This Mermaid diagram could not be drawn; its source is shown.</p>\n<pre class=\"code\" data-lang=\"mermaid\">"), "{}", off.html);
    assert_eq!(found(&off), [("diagram", "warning".to_string(), 5, 1)]);
}

/// A tag longer than the scan's bound, cut there inside a character (`—` is three bytes),
/// is text, not a panic (a real MDX page had `{/* … — … */}` at the bound).
#[test]
fn a_tag_cut_inside_a_character_at_the_scan_bound_is_text() {
    let text = format!("<div title=\"{}\" style={{{{ a: 1 }}}}>x</div>\n", "—".repeat(1400));
    let out = mdx(&text);
    assert!(out.html.contains('—'), "{}", out.html);
}

/// Definition lists as the old tool's Markdown read them: a paragraph where it has none
/// (GitHub), a `<dl>` where it has them (Hugo's Goldmark, kramdown, MkDocs' `def_list`),
/// and with Hugo's `autoDefinitionTermID` an id on each term, made as a heading's is,
/// unique among the page's ids, that a link may name.
#[test]
fn definition_lists_follow_the_old_tool() {
    use crate::compat::interface::DefinitionLists;
    let text = "## Locale\n\n`Locale`\n: (`string`) The [language](#locale-1) tag.\n\n  More of it.\n\nName **bold**\n: One.\n: Two.\n";
    let with = |definition_lists| render_markdown(&MarkdownInput { definition_lists, ..test_input(text) });
    let off = with(DefinitionLists::Off);
    assert!(
        !off.html.contains("<dl>") && off.html.contains("<p><code>Locale</code>\n: (<code>string</code>)"),
        "{}",
        off.html
    );
    let on = with(DefinitionLists::On { term_ids: false });
    assert!(on.html.contains("<dl>\n<dt><code>Locale</code></dt>") && !on.html.contains("<dt id"), "{}", on.html);
    let ids = with(DefinitionLists::On { term_ids: true });
    insta::assert_snapshot!(ids.html);
    assert!(
        ids.anchors.iter().any(|a| a == "locale-1") && ids.anchors.iter().any(|a| a == "name-bold"),
        "{:?}",
        ids.anchors
    );
    assert!(ids.diagnostics.is_empty(), "the link to the term's id holds: {:?}", ids.diagnostics);
    assert_eq!(ids.toc.len(), 1, "terms are in no table of contents");
}

/// kramdown's table of contents: a list followed by `{:toc}` is replaced by the page's
/// table of contents (kramdown's "Automatic Table of Contents Generation"). opsbook's
/// page shows its own, so the marker list goes; any other list, and `{:toc}` after a
/// paragraph, are left as they were.
#[test]
fn kramdown_toc_markers_leave_the_list_out() {
    for marker in ["* TOC\n{:toc}\n", "1. Table of contents\n{:toc}\n", "+ Contents\n{: toc}\n"] {
        let out = render(&format!("Intro.\n\n{marker}\n## One\n\n- a real item\n- another\n\nText\n{{:toc}}\n"));
        assert!(!out.html.contains("TOC") && !out.html.contains("Table of contents"), "{marker}: {}", out.html);
        assert!(!out.html.contains("<li>Contents"), "{marker}: {}", out.html);
        assert!(out.html.contains("<li>a real item</li>") && out.html.contains("<p>Text"), "{}", out.html);
        assert!(!out.html.contains("kramdown-toc") && !out.html.contains("{:toc}"), "{}", out.html);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    }
}

/// kramdown's block attribute list on the line after an ATX heading is the heading's (the
/// just-the-docs pattern `## Table of contents` then `{: .no_toc .text-delta }`), and a
/// heading of the class `no_toc` is left out of the table of contents, as kramdown does.
#[test]
fn a_block_attribute_list_after_a_heading_and_no_toc() {
    let out = render(
        "## Table of contents\n{: .no_toc .text-delta }\n\n1. TOC\n{:toc}\n\n## Steps\r\n{: #steps-1 }\r\n\nText.\n\n### Aside {: .no_toc}\n\nMore.\n\n## Plain\n{:toc}\n",
    );
    assert!(out.html.contains("<h2 id=\"table-of-contents\" class=\"no_toc text-delta\">"), "{}", out.html);
    assert!(out.html.contains("<h2 id=\"steps-1\">Steps"), "{}", out.html);
    assert!(
        !out.html.contains("{:") && !out.html.contains("kramdown-toc") && !out.html.contains("TOC"),
        "{}",
        out.html
    );
    let toc: Vec<&str> = out.toc.iter().map(|entry| entry.id.as_str()).collect();
    assert_eq!(toc, ["steps-1", "plain"], "no_toc headings are left out");
}

/// Emoji shortcodes as the old tool's Markdown made them: in the page's text, its
/// headings and notes, but not in code, raw HTML or after an escaped colon; a heading's
/// id is made from its text as written, as Goldmark and Docusaurus make it before their
/// emoji extensions run, and its entry in the contents shows the emoji.
#[test]
fn emoji_shortcodes_follow_the_old_tool() {
    use crate::compat::dialects::emoji::Shortcodes;
    let text = "# Deploy :rocket:\n\n## Checks :white_check_mark:\n\nShip it :+1: (not \\:smile: nor `:smile:`)[^n].\n\n\
                ```\n:smile:\n```\n\n<abbr title=\":smile:\">A :smile:</abbr>\n\n[^n]: A note :memo:.\n";
    let with = |emoji| render_markdown(&MarkdownInput { emoji, ..test_input(text) });
    let off = with(Shortcodes::Off);
    assert!(off.html.contains("Ship it :+1: (not :smile:") && !off.html.contains('\u{1F44D}'), "{}", off.html);
    let on = with(Shortcodes::ResumeAtColon);
    insta::assert_snapshot!(on.html);
    assert!(on.title_html.contains("Deploy \u{1F680}"), "{}", on.title_html);
    assert_eq!(on.title_heading.as_deref(), Some("Deploy \u{1F680}"));
    assert_eq!((on.toc[0].id.as_str(), on.toc[0].title.as_str()), (off.toc[0].id.as_str(), "Checks \u{2705}"));
    assert_eq!(with(Shortcodes::ResumeAfterName).html, on.html);
}

/// A block tag of the site's own (a plugin's `Liquid::Block`, registered with
/// `Liquid::Template.register_tag`) runs from `{% name %}` to `{% endname %}`, its body
/// everything between (Liquid's `BlockBody`): the custom blocks of Shopify/liquid's
/// `test/integration/block_test.rb` (`test_with_custom_tag`,
/// `test_custom_block_tags_have_a_default_render_to_output_buffer_method_for_backwards_compatibility`,
/// at 7a5e45fc4784e6e2e3092f2eb6f613644f1e2e5a) and a Mermaid block with indented lines
/// and a blank one. Alone on its lines it is one block placeholder with its body shown as
/// written (Liquid runs before Markdown); amid a line's text, one inline placeholder.
#[test]
fn a_sites_own_liquid_block_is_one_placeholder_around_its_body() {
    let out = render(
        "{% testtag %} {% endtesttag %}\n\n{% blabla %} bla {% endblabla %}\n\n{% mermaid_diagram id-prefix=\"F1\" %}\ngraph LR\n    subgraph A\n        E[Forwarder]\n    end\n\n    subgraph B\n        C --> E\n    end\n{% endmermaid_diagram %}\n\nSee {% note %}this{% endnote %} here.\n",
    );
    let html = &out.html;
    let body = "<pre class=\"unsupported-body\">graph LR\n    subgraph A\n        E[Forwarder]\n    end\n\n    subgraph B\n        C --&gt; E\n    end</pre>\n</div>";
    assert!(html.contains(body), "{html}");
    assert!(html.contains("<code>{% blabla %}</code></p>\n<pre class=\"unsupported-body\">bla</pre>"), "{html}");
    assert!(
        html.contains("<p>See <span class=\"unsupported\">unsupported: <code>{% note %}</code> this</span> here.</p>"),
        "{html}"
    );
    assert!(!html.contains("endmermaid_diagram") && !html.contains("<pre class=\"code\""), "{html}");
    assert_eq!(html.matches("unsupported-block").count(), 3, "{html}");
    let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 4, "one warning a block: {messages:?}");
    assert!(messages.iter().all(|m| !m.contains("{% end")), "{messages:?}");
    // A tag of its own without an end, and an end without an opening, stay one
    // placeholder each, as before.
    let out = render("{% youtube abc %}\n\n{% endorphan %}\n");
    assert_eq!(out.html.matches("unsupported-block").count(), 2, "{}", out.html);
}

#[test]
fn tells_mdx_files_by_their_extension_whatever_the_characters_of_their_name() {
    assert!(crate::markdown::is_mdx("content/setup/install.MDX"));
    assert!(!crate::markdown::is_mdx("content/guides/日本.md"));
    assert!(!crate::markdown::is_mdx("content/本.md"));
    assert!(!crate::markdown::is_mdx(".mdx"));
}
