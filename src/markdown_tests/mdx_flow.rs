//! MDX's flow elements as a page renders them: the children of a tag alone on its line
//! are Markdown up to the closing tag, blank lines and code fences included.

use super::*;

fn mdx(text: &str) -> Rendered {
    render_markdown(&MarkdownInput { file: "content/runbooks/page.mdx", ..test_input(text) })
}

/// micromark-extension-mdx-jsx `test/index.js` at d5221ac0d3f50b0584fecc7f57c9d8d8e6f55b0f,
/// "flow (agnostic)", "flow (essence)": the content of a flow element is a paragraph,
/// a list.
#[test]
fn renders_the_children_of_flow_elements_as_markdown() {
    for (text, expected) in [
        ("<a>\nb\n</a>\n", "<p>b</p>"),
        ("<a>\n- b\n</a>\n", "<li>b</li>"),
        ("<x\n  y\n>  \nb\n  </x>\n", "<p>b</p>"),
        ("<a> <b>\t\nc\n  </b> </a>\n", "<p>c</p>"),
        ("<div>\n**bold**\n</div>\n", "<strong>bold</strong>"),
    ] {
        let html = mdx(text).html;
        assert!(html.contains(expected), "{text:?}: {html}");
    }
}

/// micromark-extension-mdx-jsx `test/index.js` at d5221ac0d3f50b0584fecc7f57c9d8d8e6f55b0f,
/// "core" and "text (agnostic)", and `dev/lib/jsx-flow.js` at 00ce6d39: an element amid
/// a line's text (or with text after its tag, `<B>alone</B>`) is a text element, its
/// children Markdown in the same paragraph.
/// Their names are capitalised here: opsbook passes a lowercase element on as HTML,
/// and shows a component it cannot run as an inline placeholder around its children.
#[test]
fn keeps_the_children_of_text_elements_in_their_paragraph() {
    for (text, inside) in [
        ("a <B></B> c.", "<code>&lt;B&gt;</code> </span> c.</p>"),
        ("a <B>*b*</B> c.", "<code>&lt;B&gt;</code> <em>b</em></span> c.</p>"),
        ("a <B> c </B> d", "<code>&lt;B&gt;</code>  c </span> d</p>"),
        ("<B>alone</B>", "<code>&lt;B&gt;</code> alone</span></p>"),
        ("- Labels: <Label>subject</Label> <Label>usage</Label>", "usage</span></li>"),
    ] {
        let out = mdx(&format!("{text}\n"));
        let html = &out.html;
        assert!(html.contains(inside), "{text:?}: {html}");
        assert!(!html.contains("unsupported-block"), "{text:?}: {html}");
        assert_eq!(html.matches("<p>").count() + html.matches("<li>").count(), 1, "one paragraph: {html}");
        assert_eq!(html.matches("<span").count(), html.matches("</span>").count(), "{text:?}: {html}");
        assert!(out.diagnostics.iter().all(|d| d.rule.id() == "unsupported-syntax"), "{:?}", out.diagnostics);
    }
    // Alone on its line, with its children on lines of their own, it is a block; so is
    // a line of tags and expressions only (jsx-flow.js's `end`: another tag, or an
    // expression directly after a tag).
    for text in ["<B>\nchild\n</B>\n", "<B>{`helm install`}</B>\n", "<B> <C>{`a`}</C> </B>\n"] {
        let html = mdx(text).html;
        assert!(html.contains("unsupported-block") && !html.contains("<span class"), "{text:?}: {html}");
    }
}

/// A `<details>` with its `<summary>` and a fence holding a blank line, no blank line
/// between them: the fence is one code block and the page's end is outside it.
#[test]
fn keeps_a_fence_inside_details_whole_and_the_page_s_end_outside() {
    let text = "<details>\n<summary>Show</summary>\n```yaml\na: 1\n\nb: 2\n```\n</details>\n\n## After\n\nText.\n";
    let out = mdx(text);
    let html = &out.html;
    let code = html.find("<pre").expect("a code block");
    let block = &html[code..html.find("</pre>").expect("the block ends")];
    assert!(block.contains(">a</span>") && block.contains(">b</span>"), "one block, both lines: {html}");
    let close = html.find("</details>").expect("the element closes");
    assert!(close > code && html[close..].contains("<h2") && html.contains("<p>Text.</p>"), "{html}");
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// A `.md` page is read as CommonMark: its HTML block still ends at the blank line.
#[test]
fn leaves_commonmark_pages_html_blocks_as_they_were() {
    let text = "<div>\n**bold**\n</div>\n";
    let html = render_markdown(&test_input(text)).html;
    assert!(html.contains("**bold**"), "{html}");
}

/// micromark's fenced code with `codeIndented` off (MDX) takes a line prefix of any
/// size, so a fence indented four spaces opens code and an unindented one closes it:
/// the admonition after the code is an admonition, not text inside a fence.
#[test]
fn an_indented_fence_opens_code_and_the_admonition_after_it_is_read() {
    let text = "<TabItem value=\"py\">\n\n    ```python\n    print(1)\n```\n\n</TabItem>\n\n:::info\n\nDeny by default.\n\n:::\n\nAfter.\n";
    let out = mdx(text);
    let html = &out.html;
    assert!(html.contains("callout-note") || html.contains("callout"), "{html}");
    assert!(!html.contains(":::"), "no marker is left as text: {html}");
    assert!(html.contains("<p>Deny by default.</p>") && html.contains("<p>After.</p>"), "{html}");
    let code = html.find("<pre").expect("a code block");
    assert!(html[code..html.find("</pre>").expect("its end")].contains("print"), "{html}");
}
