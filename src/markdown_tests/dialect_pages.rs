//! Snapshot tests of the other tools' dialects: Hugo shortcodes, Liquid, attribute lists,
//! the three syntaxes of tabs and MDX.

use super::*;

fn mdx(text: &str) -> Rendered {
    render_markdown(&MarkdownInput {
        body_line: 1,
        file: "content/runbooks/page.mdx",
        highlight: None,
        internal_blocks: internal::Mode::Drop,
        ..test_input(text)
    })
}

/// The rule, line and column of each diagnostic (the body starts at line 5).
fn found(out: &Rendered) -> Vec<(&'static str, usize, usize)> {
    out.diagnostics.iter().map(|d| (d.rule.id(), d.line, d.column)).collect()
}

#[test]
fn renders_docsy_alerts_as_callouts() {
    let out = render(
        "{{% alert title=\"Careful\" color=\"warning\" %}}\nRestart **one** node.\n{{% /alert %}}\n\n{{< alert color=\"danger\" >}}No title.{{< /alert >}}\n\n{{% note %}}\nA note.\n{{% /note %}}\n\n{{< panel header=\"GitLab\" >}}\nPanel body.\n{{< /panel >}}\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

/// Docsy's `layouts/shortcodes/pageinfo.html` (google/docsy): a box of the class of its
/// `color` around its content.
#[test]
fn renders_docsy_pageinfo_as_a_box() {
    let out = render(
        "{{% pageinfo color=\"warning\" %}}\nThis is **old**.\n{{% /pageinfo %}}\n\n{{% pageinfo %}}\nPlain.\n{{% /pageinfo %}}\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(
        out.html
            .contains("<div class=\"callout callout-warning\" role=\"note\">\n<p>This is <strong>old</strong>.</p>"),
        "{}",
        out.html
    );
    assert_eq!(out.html.matches("<div class=\"callout").count(), 2, "{}", out.html);
}

/// Docsy's landing-page blocks (google/docsy `layouts/shortcodes/blocks/`: `cover`,
/// `lead`, `section`, `feature`, `link-down`), as a Docsy site's home page nests them.
#[test]
fn renders_docsy_blocks_as_sections() {
    let out = render(
        "{{< blocks/cover title=\"Ops <in the open>\" subtitle=\"Runbooks\" image_anchor=\"top\" height=\"full\" >}}\n\
         Read the **runbooks**.\n{{< blocks/link-down color=\"info\" >}}\n{{< /blocks/cover >}}\n\n\
         {{% blocks/lead color=\"primary\" %}}\nOne *sentence*.\n{{% /blocks/lead %}}\n\n\
         {{% blocks/section color=\"dark\" type=\"row\" %}}\n\
         {{% blocks/feature icon=\"fa-book\" title=\"The **runbooks**\" url=\"https://example.org/rb\" %}}\nEvery alert's.\n{{% /blocks/feature %}}\n\n\
         {{% blocks/feature icon=\"fab fa-github\" title=\"Code\" url=\"https://example.org/code\" url_text=\"See the code\" %}}\nOpen.\n{{% /blocks/feature %}}\n\n\
         {{% blocks/feature title=\"No link\" %}}\nJust text.\n{{% /blocks/feature %}}\n\n\
         {{% blocks/feature title=\" See [the docs](https://example.org/d) \" url=\"https://example.org/x\" url_text=\" \" %}}\nLinked.\n{{% /blocks/feature %}}\n\
         {{% /blocks/section %}}\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}

#[test]
fn renders_details_and_nested_shortcodes() {
    insta::assert_snapshot!(html(
        "{{< details summary=\"More `info`\" >}}\nOutside.\n\n{{% alert title=`Inner` %}}\n- a list\n{{% /alert %}}\n{{< /details >}}\n"
    ));
}

#[test]
fn renders_docsy_tab_panes() {
    insta::assert_snapshot!(html(
        "{{< tabpane >}}\n{{< tab header=\"Linux\" lang=\"bash\" >}}\nsystemctl restart db\n{{< /tab >}}\n{{< tab header=\"Notes\" text=true >}}\nSome **Markdown**.\n{{< /tab >}}\n{{< /tabpane >}}\n"
    ));
}

#[test]
fn resolves_cross_references_like_relative_links() {
    let out = render(
        "See [the db]({{< ref \"db.md#steps\" >}}), [the section]({{< relref \"/runbooks\" >}}) and\n[gone]({{< ref \"gone.md\" >}}).\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(found(&out), [("broken-link", 6, 1)]);
}

#[test]
fn renders_figures_and_video_links() {
    let out = render(
        "{{< figure src=\"diagram.png\" alt=\"The flow\" caption=\"How it flows\" title=\"Flow\" >}}\n\n{{< youtube dQw4w9WgXcQ >}}\n\n{{< vimeo id=\"123\" title=\"Demo\" >}}\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(out.assets, ["runbooks/diagram.png"]);
}

#[test]
fn drops_comments_and_shows_escaped_shortcodes() {
    insta::assert_snapshot!(html(
        "Before {{/* hidden */}} after.\n\nWrite {{</* alert */>}} like this.\n\n```\n{{</* tab */>}} and {{< kept >}}\n```\n\nInline `{{< kept >}}` code.\n"
    ));
}

#[test]
fn unknown_shortcodes_are_placeholders_with_warnings() {
    let out = render(
        "Value: {{< param Repo >}}.\n\n{{< kpi name=\"x\" >}}\n\n{{% box %}}\nInner **text**.\n{{% /box %}}\n\n[New]({{< param Repo >}}/new/main)\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(
        found(&out),
        [
            ("unsupported-syntax", 5, 8),
            ("unsupported-syntax", 7, 1),
            ("unsupported-syntax", 9, 1),
            ("unsupported-syntax", 13, 7)
        ]
    );
}

#[test]
fn renders_liquid() {
    let out = render(
        "{% comment %}\nHidden.\n{% endcomment %}\nSee [db]({% link runbooks/db.md %}).\n\n{% raw %}{{ shown }}{% endraw %}\n\nTitle: {{ site.title }}\n\n{% if x %}Maybe{% endif %}\n\n{% highlight ruby %}\nputs 1\n{% endhighlight %}\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(
        found(&out),
        [("unsupported-syntax", 12, 8), ("unsupported-syntax", 14, 1), ("unsupported-syntax", 14, 16)]
    );
}

#[test]
fn applies_attribute_lists_and_drops_unsafe_ones() {
    let out = render(
        "## Title {: .big #top}\n\n[db](db.md){:target=\"_blank\" onclick=\"alert(1)\"} and ![d](diagram.png){: width=\"40\" style=\"x\"}\n\nA paragraph.\n{: .lead}\n\n### Native {.x onclick=y}\n",
    );
    insta::assert_snapshot!(out.html);
    assert!(!out.html.contains("onclick") && !out.html.contains("style") && !out.html.contains("{:"));
    assert_eq!(out.links.len(), 1);
}

#[test]
fn gives_paragraphs_their_attribute_lists() {
    insta::assert_snapshot!(html(
        "First paragraph.\n{: .lead #intro onclick=\"x\"}\n\nSecond one. {:.note}\n\n- item\n{: .x}\n\n```\ncode\n```\n{: .after-code}\n\nAlone after a blank line:\n\n{: .dropped}\n"
    ));
}

#[test]
fn renders_mkdocs_tabs() {
    insta::assert_snapshot!(html(
        "=== \"Linux\"\n\n    Run `make`.\n\n=== \"macOS\"\n\n    ```bash\n    brew install x\n    ```\n\nAfter.\n"
    ));
}

#[test]
fn renders_mdx_components() {
    let out = mdx(
        "import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n# Setup\n\n{/* a comment */}\n\n<Tabs>\n  <TabItem value=\"apt\" label=\"Debian\" default>\n\nRun `apt`.\n\n  </TabItem>\n  <TabItem value=\"dnf\">\n\nRun `dnf`.\n\n  </TabItem>\n</Tabs>\n\n<Admonition type=\"warning\" title=\"Careful\">\nSlowly.\n</Admonition>\n\n<Chart data={[1, 2]}>\nChild **text**.\n</Chart>\n\n<Widget />\n",
    );
    insta::assert_snapshot!(out.html);
    assert_eq!(found(&out), [("unsupported-syntax", 25, 1), ("unsupported-syntax", 29, 1)]);
}

#[test]
fn a_shortcode_never_closed_runs_to_the_end() {
    let out = render("{{% alert %}}\nOpen.\n");
    assert!(out.html.contains("callout") && !out.html.contains("{{"));
    assert_eq!(found(&out), [("unsupported-syntax", 5, 1)]);
}

#[test]
fn a_closing_shortcode_that_closes_nothing_is_left_out_with_a_warning() {
    let out = render("Text.\n\n{{% /alert %}}\n");
    assert!(!out.html.contains("{{"), "{}", out.html);
    assert_eq!(found(&out), [("unsupported-syntax", 7, 1)]);
    assert!(out.diagnostics[0].message.contains("closes no open"), "{:?}", out.diagnostics);
}

#[test]
fn hostile_openings_are_scanned_in_linear_time() {
    for text in [
        "{{< ".repeat(50_000),
        "{% ".repeat(50_000),
        "{{ ".repeat(50_000),
        "<Tabs ".repeat(20_000),
        "[a](b){: ".repeat(20_000),
        format!("# {}", "[a](b){:x}".repeat(20_000)),
        "[a]({{<x>}}".repeat(20_000),
        "{{% a %}}".repeat(20_000),
        "{{< /a >}}".repeat(20_000),
        "<Tabs>".repeat(20_000),
    ] {
        let start = cpu_time();
        let _ = render(&text);
        assert!(cpu_time() - start < 5.0, "{}", &text[..10]);
    }
}

/// Seconds of CPU this thread has used (Linux: `/proc/thread-self/schedstat`), so the
/// bound above holds on a loaded machine; elsewhere, seconds since first asked.
fn cpu_time() -> f64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|stat| stat.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| START.get_or_init(std::time::Instant::now).elapsed().as_secs_f64(), |ns| ns / 1e9)
}

#[test]
fn shortcodes_inside_raw_html_are_rendered_there() {
    let out = render(
        "<div class=\"box\">\n{{< kpi >}} and <a href=\"{{< ref \"db.md\" >}}\">db</a>\n</div>\n\n<iframe title=\"x\" style={{ width: 1 }}></iframe>\n",
    );
    insta::assert_snapshot!(out.html);
    assert!(!out.html.contains(dialects::INLINE_OPEN) && !out.html.contains("opsbook-dialect"));
    assert_eq!(out.links.len(), 1);
}

#[test]
fn a_placeholder_in_a_heading_stays_out_of_its_id() {
    let out = render("## Install {{< param version >}}\n");
    assert_eq!(out.toc.first().map(|t| (t.id.as_str(), t.title.as_str())), Some(("install", "Install")));
    assert!(out.html.contains("<h2 id=\"install\">Install <span class=\"unsupported\">"), "{}", out.html);
}

/// The text-inclusion step (another branch) expands these before this pass; until then
/// they are placeholders like any unknown construct.
#[test]
fn inclusions_are_placeholders_until_the_inclusion_step_runs() {
    let out = render(
        "{{% include \"a.md\" %}}\n\n{{< readfile file=\"b.md\" >}}\n\n{% include c.html %}\n\n{% include_relative d.md %}\n",
    );
    assert_eq!(out.html.matches("unsupported-block").count(), 4, "{}", out.html);
    assert_eq!(out.diagnostics.len(), 4);
}

/// A code block inside JSX with no blank line before it is inside an HTML block for
/// CommonMark, but still code: what looks like a template in it stays as written.
#[test]
fn code_inside_jsx_without_blank_lines_stays_code() {
    let out = mdx(
        "1. Add this:\n\n    <Tabs>\n    <TabItem value=\"a\" label=\"A\">\n    ```yaml\n    name: \"{{ zone }}.{% x %}\"\n    ```\n    </TabItem>\n    </Tabs>\n",
    );
    assert!(out.html.contains("{{ zone }}.{% x %}"), "{}", out.html);
    assert!(!out.html.contains(dialects::INLINE_OPEN) && !out.html.contains("unsupported"), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// Should a placeholder land in code all the same, the construct is put back as written.
#[test]
fn placeholders_in_code_are_put_back_as_written() {
    let page = plain_page();
    let rewrite =
        dialects::rewrite("Text {{< kpi >}} and {{ x }}\n\n{{< box >}}\nIn.\n{{< /box >}}\n", page).expect("a rewrite");
    assert_eq!(
        rewrite.restore(&rewrite.text).as_deref(),
        Some("Text {{< kpi >}} and {{ x }}\n\n{{< box >}}\nIn.\n{{< /box >}}\n")
    );
}

#[test]
fn attribute_lists_near_multibyte_text_do_not_panic() {
    for prefix in ["", "a", "ab"] {
        let text = format!("[a](b){{:{prefix}{}\n\n{{: {prefix}{}}}\n", "€".repeat(80), "€".repeat(80));
        let _ = render(&text);
    }
}

/// Random soups of the dialects' pieces (set `FUZZ_SEED` and `FUZZ_ROUNDS` to explore
/// more): no placeholder shows, no forged one is taken, and the blocks the placeholders
/// open and close stay balanced.
#[test]
fn random_dialect_soup_keeps_placeholders_hidden_and_blocks_balanced() {
    const PIECES: &[&str] = &[
        "€",
        "é",
        "a",
        " ",
        "\n",
        "    ",
        "{:",
        "{.",
        "{#",
        "}",
        "{{<",
        "{{%",
        ">}}",
        "%}}",
        "{{/*",
        "*/}}",
        "/*",
        "*/",
        "{{",
        "}}",
        "{%",
        "%}",
        "{/*",
        "*/}",
        "<Tabs>",
        "</Tabs>",
        "<TabItem label=\"x\">",
        "</TabItem>",
        "<A ",
        "/>",
        ">",
        "<",
        "[",
        "]",
        "(",
        ")",
        "](",
        "```",
        "~~~",
        "=== \"t\"\n",
        "!!! note\n",
        ":::note\n",
        ":::\n",
        "# ",
        "\"",
        "`",
        "ref \"x.md\"",
        "alert",
        "/alert",
        "tab",
        "tabpane",
        "comment",
        "endcomment",
        "raw",
        "endraw",
        "highlight",
        "endhighlight",
        "import x\n",
        "\u{e000}",
        "\u{e001}",
        "<!--opsbook-dialect:0-->",
        "0",
        "1",
        "=",
        "target=\"_blank\"",
        ".x",
    ];
    let mut seed = std::env::var("FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x2545F4914F6CDD1Du64);
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let rounds = std::env::var("FUZZ_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000);
    for _ in 0..rounds {
        let len = (next() % 120) as usize;
        let text: String = (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect();
        let out = render(&text);
        assert!(!out.html.contains(dialects::INLINE_OPEN) || text.contains('\u{e000}'), "{text:?}\n{}", out.html);
        assert!(!out.html.contains("opsbook-dialect:") || text.contains("opsbook-dialect"), "{text:?}\n{}", out.html);
        // As the browser reads the body, it leaves nothing open; as text, its `<div>`s
        // are balanced unless its raw HTML left something open, which the body's end closes.
        assert_eq!(crate::markdown::open_html::closers(&out.html), "", "{text:?}\n{}", out.html);
        if !out.diagnostics.iter().any(|d| d.rule == crate::diagnostic::Rule::UnclosedHtml) {
            assert_eq!(out.html.matches("<div").count(), out.html.matches("</div>").count(), "{text:?}\n{}", out.html);
        }
        let _ = mdx(&text);
    }
}

/// A Middleman page, `content/runbooks/page.html.md.erb`, with front matter `fields`.
fn erb(text: &str, fields: &crate::content::front_matter::Fields) -> Rendered {
    render_markdown(&MarkdownInput {
        body_line: 1,
        file: "content/runbooks/page.html.md.erb",
        highlight: None,
        front: Some(fields),
        ..test_input(text)
    })
}

fn fields_of(yaml: &str) -> crate::content::front_matter::Fields {
    let split = crate::content::front_matter::split_front_matter(yaml).expect("front matter");
    crate::content::front_matter::parse_fields(&split.front.expect("a block")).expect("fields")
}

#[test]
fn renders_middleman_erb_values_helpers_and_placeholders() {
    let fields = fields_of("---\ntitle: Rotate the keys\nweight: 3\n---\n");
    let out = erb(
        "# <%= current_page.data.title %>\n\nWeight <%= current_page.data['weight'] %>, \
         missing <%= current_page.data.nothing %>.\n\n<%= warning_text(\"Read <a href=\\\"db.md\\\">this</a> first\") %>\n\n\
         <% data.items.each do |item| %>\n- <%= item.name %>\n<% end %>\n\n<%# never shown %>\n<%% kept %>\n",
        &fields,
    );
    assert!(out.title_html.contains("id=\"rotate-the-keys\""), "{}", out.title_html);
    assert!(out.html.contains("Weight 3, missing ."), "{}", out.html);
    insta::assert_snapshot!(format!("{}\n{}", out.title_html, out.html));
    assert_eq!(found(&out), [("unsupported-syntax", 7, 1), ("unsupported-syntax", 8, 3)], "{:?}", out.diagnostics);
    assert_eq!(out.links.len(), 1, "the helper's link is resolved");
}

#[test]
fn erb_is_read_only_in_erb_pages() {
    let out = render("Show <%= x %> as written.\n");
    assert!(out.diagnostics.is_empty());
    assert!(out.html.contains("Show &lt;%= x %&gt; as written."), "{}", out.html);
}

/// An Eleventy page, `content/runbooks/page.njk`.
fn njk(text: &str, mode: internal::Mode) -> Rendered {
    render_markdown(&MarkdownInput {
        body_line: 1,
        file: "content/runbooks/page.njk",
        highlight: None,
        internal_blocks: mode,
        ..test_input(text)
    })
}

#[test]
fn writes_html_pages_as_they_are_with_their_tags_as_placeholders() {
    let text = "{% set x = 1 %}\n<div>\n\n    <p>Indented <a href=\"db.md\">link</a> and <img src=\"{{ site.baseurl }}/a.png\"></p>\n\n</div>\n\
                <!-- internal -->\n<p>SECRET</p>\n<!-- /internal -->\n<pre>\n  {{ value }}\n</pre>\n";
    let public = njk(text, internal::Mode::Drop);
    insta::assert_snapshot!(public.html);
    assert!(!public.html.contains("SECRET"));
    assert_eq!(public.links.len(), 1);
    assert_eq!(
        found(&public),
        [("unsupported-syntax", 1, 1), ("unsupported-syntax", 4, 56), ("unsupported-syntax", 11, 3)]
    );
    let words: Vec<&str> = public.sections.iter().flat_map(|s| s.text.split_whitespace()).collect();
    assert!(words.contains(&"Indented") && !words.contains(&"SECRET"), "{words:?}");
    let marked = njk(text, internal::Mode::Mark);
    assert!(marked.html.contains("<div class=\"internal-block\">") && marked.html.contains("SECRET"));
}

#[test]
fn an_unclosed_internal_block_in_an_html_page_is_an_error_and_drops_the_rest() {
    let out = njk("<p>a</p>\n<!-- internal -->\n<p>SECRET</p>\n", internal::Mode::Drop);
    assert!(!out.html.contains("SECRET"));
    assert_eq!(found(&out), [("internal-block", 2, 1)]);
}

#[test]
fn a_placeholder_keeps_the_ids_its_construct_gave() {
    let out = render(
        "See [the pane](#linux) and [the box](#box).\n\n{{< kpi-pane id=\"linux\" >}}\nSteps.\n{{< /kpi-pane >}}\n\nA {{< badge id='box' >}} inline.\n",
    );
    assert!(out.html.contains("<div class=\"unsupported unsupported-block\" id=\"linux\">"), "{}", out.html);
    assert!(out.html.contains("<span class=\"unsupported\" id=\"box\">"), "{}", out.html);
    for id in ["linux", "box"] {
        assert!(out.anchors.iter().any(|a| a == id), "{id} in {:?}", out.anchors);
    }
}

/// `text` rendered as a page of a GitBook handbook (its blocks read).
fn gitbook(text: &str) -> Rendered {
    let data = crate::content::site_data::SiteData {
        text: crate::content::site_data::TextRules { line_block_tags: true, ..Default::default() },
        ..Default::default()
    };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    render_markdown(&MarkdownInput { highlight: None, templating: Some(&templating), ..test_input(text) })
}

#[test]
fn renders_gitbook_blocks() {
    let out = gitbook(
        "{% hint style=\"success\" %}\nRestarted **cleanly**.\n{% endhint %}\n\n{% tabs %}\n{% tab title=\"Linux\" %}\n{% code title=\"restart.sh\" %}\n```bash\nsystemctl restart app\n```\n{% endcode %}\n{% endtab %}\n{% tab title=\"macOS\" %} Use `launchctl`. {% endtab %}\n{% endtabs %}\n\n{% content-ref url=\"db.md\" %}\n[The database](db.md)\n{% endcontent-ref %}\n\n{% embed url=\"https://status.example.com\" caption=\"Status\" %}\n\n```\n{% hint style=\"info\" %} stays code\n```\n",
    );
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
}
