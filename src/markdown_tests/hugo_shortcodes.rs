//! Hugo's embedded shortcodes, with the cases of Hugo's own tests: each input is a case
//! of `tpl/tplimpl/shortcodes_integration_test.go` (gohugoio/hugo at
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934), and the expected parts say what Hugo's
//! output means (its element, link, text), not Hugo's bytes; and the escaped shortcodes
//! of `parser/pageparser/pageparser_shortcode_test.go` (same commit).

use super::*;

/// `(Hugo's test, page text, parts the HTML holds, parts it does not)`.
const CASES: &[(&str, &str, &[&str], &[&str])] = &[
    ("TestCommentShortcode", "a{{< comment >}}b{{< /comment >}}c\n", &["<p>ac</p>"], &["b"]),
    (
        "TestDetailsShortcode A",
        "{{< details >}}\nA: An _emphasized_ word.\n{{< /details >}}\n",
        &["<details class=\"details\">", "<summary>Details</summary>", "<p>A: An <em>emphasized</em> word.</p>"],
        &[" open"],
    ),
    (
        "TestDetailsShortcode B",
        "{{< details\n  class=\"my-class\"\n  name=\"my-name\"\n  open=true\n  summary=\"A **bold** word\"\n  title=\"my-title\"\n>}}\nB: An _emphasized_ word.\n{{< /details >}}\n",
        &[
            "<details class=\"details my-class\" name=\"my-name\" open title=\"my-title\">",
            "<summary>A <strong>bold</strong> word</summary>",
            "<p>B: An <em>emphasized</em> word.</p>",
        ],
        &[],
    ),
    (
        "TestDetailsShortcode C",
        "{{< details open=false >}}\nC\n{{< /details >}}\n",
        &["<details class=\"details\">"],
        &[" open"],
    ),
    (
        "TestDetailsShortcode D",
        "{{< details open=\"false\" >}}\nD\n{{< /details >}}\n",
        &["<details class=\"details\">"],
        &[" open"],
    ),
    (
        "TestDetailsShortcode E",
        "{{< details open=0 >}}\nE\n{{< /details >}}\n",
        &["<details class=\"details\">"],
        &[" open"],
    ),
    (
        "TestFigureShortcode",
        // `src` names the test site's image (Hugo's case has `a.jpg`), which resolves.
        "{{< figure\n  src=\"diagram.png\"\n  alt=\"alternate text\"\n  width=600\n  height=400\n  loading=\"lazy\"\n  class=\"my-class\"\n  link=\"https://example.org\"\n  target=\"_blank\"\n  rel=\"noopener\"\n  title=\"my-title\"\n  caption=\"a **bold** word\"\n  attr=\"an _emphasized_ word\"\n  attrlink=\"https://example.org/foo\"\n>}}\n",
        &[
            "<figure class=\"my-class\"><a href=\"https://example.org\" target=\"_blank\" rel=\"noopener\"><img src=\"/handbook/runbooks/diagram.png\" alt=\"alternate text\" width=\"600\" height=\"400\" loading=\"lazy\"></a>",
            "<figcaption><h4>my-title</h4><p>a <strong>bold</strong> word <a href=\"https://example.org/foo\">an <em>emphasized</em> word</a></p></figcaption></figure>",
        ],
        &["**"],
    ),
    // hugolib/embedded_shortcodes_test.go `TestShortcodeFigure` (gohugoio/hugo at
    // 6aededf6b42011c3039f5f66487a89a8dd65e0e7): `src` a path from the site's root, the
    // test site's image in place of Hugo's `/img/hugo-logo.png`.
    (
        "TestShortcodeFigure 1",
        "{{< figure src=\"/runbooks/diagram.png\" >}}\n",
        &["<figure><img src=\"/handbook/runbooks/diagram.png\"></figure>"],
        &["alt=", "figcaption"],
    ),
    (
        "TestShortcodeFigure 2",
        "{{< figure src=\"/runbooks/diagram.png\" alt=\"Hugo logo\" >}}\n",
        &["<img src=\"/handbook/runbooks/diagram.png\" alt=\"Hugo logo\">"],
        &["figcaption"],
    ),
    (
        "TestShortcodeFigure 3",
        "{{< figure src=\"/runbooks/diagram.png\" title=\"Hugo logo\" >}}\n",
        &["<img src=\"/handbook/runbooks/diagram.png\"><figcaption><h4>Hugo logo</h4></figcaption>"],
        &["<p>"],
    ),
    (
        "TestShortcodeFigure 4",
        "{{< figure src=\"/runbooks/diagram.png\" attr=\"Hugo logo\" attrlink=\"/runbooks/diagram.png\" >}}\n",
        &["<figcaption><p><a href=\"/handbook/runbooks/diagram.png\">Hugo logo</a></p></figcaption>"],
        &["<h4>"],
    ),
    // The template's `alt`: the caption's text when no `alt` is given.
    (
        "figure.html alt from the caption",
        "{{< figure src=\"diagram.png\" caption=\"How it **flows**\" >}}\n",
        &["alt=\"How it flows\"", "<figcaption><p>How it <strong>flows</strong></p></figcaption>"],
        &[],
    ),
    (
        "TestHighlightShortcode p1",
        "{{< highlight go >}}\nfunc main() {\n    for i := 0; i < 3; i++ {\n        fmt.Println(\"Value of i:\", i)\n    }\n}\n{{< /highlight >}}\n",
        &["data-lang=\"go\"", "<code class=\"language-go\">func main() {\n    for i := 0; i &lt; 3; i++ {\n"],
        &["{{"],
    ),
    (
        "TestHighlightShortcode p4",
        "{{< highlight go \"lineNos=table\" >}}\nfunc main() {\n}\n{{< /highlight >}}\n",
        &["<code class=\"language-go\">func main() {\n}\n</code>"],
        &["lineNos"],
    ),
    (
        "TestHighlightShortcode p6",
        "{{< highlight go \"anchorlinenos=true, hl_lines=2-4, lineanchors=foo, linenostart=42, linenos=true, linenumbersintable=false, style=emacs, wrapperclass=my-class\" >}}\nfunc main() {\n}\n{{< /highlight >}}\n",
        &["<code class=\"language-go\">func main() {\n}\n</code>"],
        &["emacs"],
    ),
    (
        "TestHighlightShortcode p7",
        "An inline {{< highlight go \"hl_inline=true\" >}}fmt.Println(\"Value of i:\", i)Hello world!{{< /highlight >}} statement.\n",
        &["<p>An inline <code>fmt.Println(&quot;Value of i:&quot;, i)Hello world!</code> statement.</p>"],
        &["<pre"],
    ),
    (
        "TestInstagramShortcode",
        "{{< instagram CxOWiQNP2MO >}}\n",
        &["<a href=\"https://www.instagram.com/p/CxOWiQNP2MO/\">"],
        &["<script"],
    ),
    (
        "TestQRShortcode 1",
        "{{< qr\n\ttext=\"https://gohugo.io\"\n\tlevel=\"high\"\n\tscale=4\n\ttargetDir=\"codes\"\n\talt=\"QR code linking to https://gohugo.io\"\n/>}}\n",
        &["<a href=\"https://gohugo.io\">https://gohugo.io</a>"],
        &[],
    ),
    (
        "TestQRShortcode 2",
        "{{< qr >}}\nhttps://gohugo.io\"\n{{< /qr >}}\n",
        &["<a href=\"https://gohugo.io&quot;\">"],
        &[],
    ),
    ("TestVimeoShortcode p1", "{{< vimeo 19899678 >}}\n", &["<a href=\"https://vimeo.com/19899678\">"], &["<iframe"]),
    (
        "TestVimeoShortcode p2",
        "{{< vimeo id=19899678 allowFullScreen=true >}}\n",
        &["<a href=\"https://vimeo.com/19899678\">"],
        &[],
    ),
    (
        "TestXShortcodes p1",
        "{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n",
        &["<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">"],
        &["<script"],
    ),
    (
        "TestXShortcodes p2",
        "{{< x_simple user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n",
        &["<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">"],
        &["<style"],
    ),
    (
        "TestTwitterShortcodeDeprecationError14488",
        "{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}\n",
        &["<a href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\">"],
        &[],
    ),
    (
        "TestGistShortcodeDeprecationError14491",
        "{{< gist user 23932424365401ffa5e9d9810102a477 >}}\n",
        &["<a href=\"https://gist.github.com/user/23932424365401ffa5e9d9810102a477\">"],
        &[],
    ),
    (
        "TestYouTubeShortcode p1",
        "{{< youtube 0RKpf3rK57I >}}\n",
        &["<a href=\"https://www.youtube.com/watch?v=0RKpf3rK57I\">"],
        &[],
    ),
    (
        "TestYouTubeShortcode p2",
        "{{< youtube\n  id=\"0RKpf3rK57I\"\n  allowFullScreen=false\n  autoplay=true\n  class=\"my-class\"\n  end=42\n  start=6\n  title=\"my title\"\n>}}\n",
        &["<a href=\"https://www.youtube.com/watch?v=0RKpf3rK57I\">Watch my title on YouTube</a>"],
        &[],
    ),
    // pageparser_shortcode_test.go, `commented out`, `commented out, with asterisk inside`.
    ("commented out", "{{</* sc1 */>}}\n", &["<p>{{&lt; sc1 &gt;}}</p>"], &["/*"]),
    (
        "commented out, with asterisk inside",
        "{{</* sc1 \"**/*.pdf\" */>}}\n",
        &["<p>{{&lt; sc1 &quot;**/*.pdf&quot; &gt;}}</p>"],
        &["*/&gt;"],
    ),
    ("commented out, no spaces", "`{{%/*sc1*/%}}`\n", &["<code>{{%sc1%}}</code>"], &[]),
];

/// The page `text` rendered without highlighting, so that code reads as written.
fn plain(text: &str) -> Rendered {
    render_markdown(&MarkdownInput { highlight: None, ..test_input(text) })
}

#[test]
fn renders_hugos_embedded_shortcodes_as_hugos_tests_expect() {
    assert_cases(CASES, plain);
}

/// Renders each case's page with `render` and checks the parts its HTML holds and does
/// not hold, and that it gave no diagnostic.
pub(super) fn assert_cases(cases: &[(&str, &str, &[&str], &[&str])], render: impl Fn(&str) -> Rendered) {
    for (case, text, present, absent) in cases {
        let out = render(text);
        for part in *present {
            assert!(out.html.contains(part), "{case}: no `{part}` in\n{}", out.html);
        }
        for part in *absent {
            assert!(!out.html.contains(part), "{case}: `{part}` in\n{}", out.html);
        }
        assert!(out.diagnostics.is_empty(), "{case}: {:?}", out.diagnostics);
    }
}

/// Hugo's lexer ends an escaped shortcode at `*/>}}` only: one without it is an error
/// there, and text here (`commented out, missing close`, `commented out, misplaced
/// close`).
#[test]
fn an_escaped_shortcode_without_its_end_is_text() {
    for text in ["{{</* sc1 >}}\n", "{{</* sc1 >}}*/\n"] {
        let out = render(text);
        assert!(out.html.contains("/* sc1"), "{text}: {}", out.html);
    }
}

/// Hugo puts one placeholder for a whole `{{< >}}` call into the Markdown
/// (`hugolib/page__content.go` `contentToRender`, `shortcode.insertPlaceholder`, at
/// 7b5199fdeff7d7682e9f979f468d55bc7b67b934): a blank line in its content does not end
/// the HTML block it stands in, and what follows the call stays in that block. The
/// contents are those of `TestExtractShortcodes` (`hugolib/shortcode_test.go` at
/// 0efcb24c37c30dde7f5476279dc2451a1af481ce): `inner`, `closed without content`.
#[test]
fn a_paired_shortcode_in_an_html_block_is_one_unit() {
    let page = "<div id=\"tabs\">\n  <div class=\"pane\" id=\"stable\">\n    <p>Stable.</p>\n      {{< kpi bash >}}\n#!ipxe\n\nset base **url**\n{{< /kpi >}}\n    </div>\n    <div class=\"pane\" id=\"beta\">\n      {{< details summary=\"More\" >}}\nInner Content\n\nSecond _part_.\n{{< /details >}}\n    </div>\n    <div id=\"empty\">\n{{< inner param1 >}}{{< / inner >}}\n    </div>\n</div>\n\nAfter.\n";
    let out = plain(page);
    let html = &out.html;
    for part in [
        "<p class=\"unsupported-title\">unsupported: <code>{{&lt; kpi bash &gt;}}</code></p>\n<p>#!ipxe</p>\n<p>set base <strong>url</strong></p>\n</div>",
        "<details class=\"details\">\n<summary>More</summary>\n<p>Inner Content</p>\n<p>Second <em>part</em>.</p>\n</details>",
        "unsupported: <code>{{&lt; inner param1 &gt;}}</code></p>\n</div>",
        "<div class=\"pane\" id=\"beta\">",
        "<div id=\"empty\">",
        "<p>After.</p>",
    ] {
        assert!(html.contains(part), "no `{part}` in\n{html}");
    }
    assert!(!html.contains("<pre") && !html.contains("&lt;/div&gt;"), "the HTML after a call is no code: {html}");
    let messages: Vec<&str> = out.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("the shortcode `{{< kpi bash >}}` is not supported"), "{messages:?}");

    // Outside an HTML block the content stays in the page's Markdown, between the
    // call's own blocks: its heading gets its id, as before.
    let out = plain("{{< kpi >}}\n## Inside\n\nText.\n{{< /kpi >}}\n");
    assert!(out.html.contains("<h2 id=\"inside\">"), "{}", out.html);
}

/// A paired call with text before or after it on its one line stands amid the line:
/// Hugo puts the whole call's output where it was, in the paragraph, and opsbook an
/// inline placeholder around its children, the paragraph whole. The lines are those of
/// `TestInlineShortcodes` (`hugolib/shortcode_test.go` at
/// 0efcb24c37c30dde7f5476279dc2451a1af481ce), whose page holds `INLINE IN INNER:
/// Inner: W2: [1 2 3 4]:END:` in one paragraph; `outer` and the inline shortcodes are no
/// shortcodes opsbook knows. That test's `FIRST:` call, its opening and closing on
/// different lines with text before and after, stays in its paragraph in Hugo too;
/// opsbook makes a call over several lines a block.
#[test]
fn a_paired_shortcode_amid_a_line_s_text_is_inline_in_its_paragraph() {
    let page = "NEW INLINE:  {{< n1.inline \"5\" >}}W1: {{ seq (.Get 0) }}{{< /n1.inline >}}:END:\nINLINE IN INNER: {{< outer >}}{{< n2.inline >}}W2: {{ seq 4 }}{{< /n2.inline >}}{{< /outer >}}:END:\nREUSED INLINE IN INNER: {{< outer >}}{{< n1.inline \"3\" />}}{{< /outer >}}:END:\n";
    let out = plain(page);
    let html = &out.html;
    let open = |name: &str| format!("<span class=\"unsupported\">unsupported: <code>{{{{&lt; {name} &gt;}}}}</code> ");
    for part in [
        format!("<p>NEW INLINE:  {}W1: ", open("n1.inline &quot;5&quot;")),
        format!("</span></span>:END:\nINLINE IN INNER: {}{}W2: ", open("outer"), open("n2.inline")),
        format!("</span></span></span>:END:\nREUSED INLINE IN INNER: {}<span", open("outer")),
        "</span></span>:END:</p>".to_string(),
    ] {
        assert!(html.contains(&part), "no `{part}` in\n{html}");
    }
    assert_eq!(html.matches("<p>").count(), 1, "one paragraph: {html}");
    assert!(!html.contains("unsupported-block"), "{html}");
    assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "{html}");
    assert!(out.diagnostics.iter().all(|d| d.rule.id() == "unsupported-syntax"), "{:?}", out.diagnostics);
}

/// A paired call alone on its lines is a block: Hugo drops the paragraph around a call
/// that fills one (`expandShortcodeTokens` in `hugolib/shortcode.go`), and opsbook
/// writes a block placeholder with its children as Markdown blocks inside. The calls
/// are those of `TestGoldmark` (`hugolib/page_test.go`), its content a fence, and of
/// `TestGoldmarkEmojiExtension` (`markup/goldmark/goldmark_integration_test.go`), on one
/// line, both at 7b5199fdeff7d7682e9f979f468d55bc7b67b934; `s` and `sc1` are no
/// shortcodes opsbook knows.
#[test]
fn a_paired_shortcode_alone_on_its_lines_is_a_block() {
    let page = "{{% s %}}\n```bash {hl_lines=[1]}\nSHORT\n```\n{{% /s %}}\n\n{{< sc1 >}}:smiley:{{< /sc1 >}}\n";
    let out = plain(page);
    let html = &out.html;
    let code = html.find("<p class=\"unsupported-title\">unsupported: <code>{{% s %}}</code></p>\n<pre").expect(html);
    let end = html.find("</pre>\n</div>").expect(html);
    assert!(html[code..end].contains("SHORT"), "the fence is a code block inside: {html}");
    let one_line = "<div class=\"unsupported unsupported-block\">\n<p class=\"unsupported-title\">unsupported: <code>{{&lt; sc1 &gt;}}</code></p>\n<p>:smiley:</p>\n</div>";
    assert!(html.contains(one_line), "{html}");
    assert!(!html.contains("<span class=\"unsupported\""), "{html}");
    assert!(out.diagnostics.iter().all(|d| d.rule.id() == "unsupported-syntax"), "{:?}", out.diagnostics);
}
