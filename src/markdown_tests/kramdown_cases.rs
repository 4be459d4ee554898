//! kramdown's own test cases (gettalong/kramdown at 12b3d2e7, `test/testcases/`), each
//! `.text` rendered as a page of a site kramdown reads and compared with its `.html`
//! modulo white space and comments (kramdown writes `{::comment}` as one; opsbook drops
//! it, and marks blank lines inside an HTML block with empty ones). A case is a block of
//! the upstream file; those left out, and why, are in bench/README.md.

use super::*;

/// `text` rendered as a page of a site whose Markdown kramdown reads.
fn kramdown_page(text: &str) -> Rendered {
    let data = crate::content::site_data::SiteData {
        text: crate::content::site_data::TextRules { kramdown: true, ..Default::default() },
        ..Default::default()
    };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    render_markdown(&MarkdownInput { highlight: None, templating: Some(&templating), ..test_input(text) })
}

/// `html` without what lies from each `open` to the next `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        text.push_str(&rest[..start]);
        rest = rest[start..].find(close).map_or("", |end| &rest[start + end + close.len()..]);
    }
    text.push_str(rest);
    text
}

/// `html` without comments and opsbook's heading links, with white space runs made one
/// space and none beside a tag.
fn normalised(html: &str) -> String {
    let text = without(&without(html, "<!--", "-->"), "<a class=\"anchor\"", "</a>");
    let spaced = text.split_whitespace().collect::<Vec<_>>().join(" ");
    spaced.replace("> <", "><").replace("> ", ">").replace(" <", "<")
}

/// Each case: the upstream file, its text and kramdown's HTML.
const CASES: &[(&str, &str, &str)] = &[
    ("block/09_html/not_parsed.text#1", "<div>\nThis is some text\n</div>\n", "<div>\nThis is some text\n</div>"),
    (
        "block/09_html/not_parsed.text#2",
        "<div><div>\nThis is some text\n</div></div>\n",
        "<div><div>\nThis is some text\n</div></div>",
    ),
    (
        "block/09_html/not_parsed.text#4",
        "<div>\n<p><a href=\"/\">Foo</a></p>\n</div>\n",
        "<div>\n<p><a href=\"/\">Foo</a></p>\n</div>",
    ),
    ("block/09_html/not_parsed.text#5", "<p>This is some\ntext</p>\n", "<p>This is some\ntext</p>"),
    (
        "block/09_html/not_parsed.text#6",
        "<http://example.com>\n",
        "<p><a href=\"http://example.com\">http://example.com</a></p>",
    ),
    (
        "block/09_html/markdown_attr.text#1",
        "<div markdown=\"block\">\n*para*\n</div>\n",
        "<div>\n  <p><em>para</em></p>\n</div>",
    ),
    (
        "block/09_html/markdown_attr.text#3",
        "<div markdown=\"1\">\n*para*\n</div>\n",
        "<div>\n  <p><em>para</em></p>\n</div>",
    ),
    ("block/09_html/markdown_attr.text#4", "<div markdown=\"0\">\n*para*\n</div>\n", "<div>\n*para*\n</div>"),
    (
        "block/09_html/markdown_attr.text#5",
        "<p markdown=\"block\">\n*para*\n</p>\n",
        "<p>\n  <p><em>para</em></p>\n</p>",
    ),
    ("block/09_html/markdown_attr.text#8", "<p markdown=\"0\">\n*para*\n</p>\n", "<p>\n*para*\n</p>"),
    ("block/09_html/markdown_attr.text#2", "<div markdown=\"span\">\n*para*\n</div>\n", "<div>\n<em>para</em>\n</div>"),
    ("block/09_html/markdown_attr.text#6", "<p markdown=\"span\">\n*para*\n</p>\n", "<p>\n<em>para</em>\n</p>"),
    ("block/09_html/markdown_attr.text#7", "<p markdown=\"1\">\n*para*\n</p>\n", "<p>\n<em>para</em>\n</p>"),
    (
        "block/09_html/markdown_attr.text#9 (in raw `<dl>`: `<dt>` spans, `<dd>` blocks)",
        "<dl>\n  <dt markdown=\"1\">*emphasize*</dt>\n  <dd markdown=\"1\">\npara\n</dd>\n</dl>\n",
        "<dl>\n  <dt><em>emphasize</em></dt>\n  <dd>\n    <p>para</p>\n  </dd>\n</dl>",
    ),
    (
        "block/09_html/html_and_headers.text (the id as Jekyll's `auto_ids` gives it)",
        "header\n======\n\n<div>\n======\n</div>\n",
        "<h1 id=\"header\">header</h1>\n\n<div>\n======\n</div>",
    ),
    (
        "block/09_html/html_after_block.text",
        "Para\n<div class=\"test\">division</div>\n\n> Quote\n<div class=\"test\">division</div>\n",
        "<p>Para</p>\n<div class=\"test\">division</div>\n\n<blockquote>\n  <p>Quote</p>\n</blockquote>\n<div class=\"test\">division</div>",
    ),
    (
        "block/09_html/textarea.text",
        "This is a <textarea>inline</textarea>\n\n<textarea>This\nis\n\nsome\ntext\n</textarea>\n",
        "<p>This is a <textarea>inline</textarea></p>\n\n<textarea>This\nis\n\nsome\ntext\n</textarea>",
    ),
    (
        "block/09_html/simple.text#3 (blank lines inside; raw, as without parse_block_html)",
        "<div id=\"test\">\n  <p>tes</p>\n\n  <p>test\nweiter\n</p>\n</div>\n\npara4\n",
        "<div id=\"test\">\n  <p>tes</p>\n\n  <p>test\nweiter\n</p>\n</div>\n\n<p>para4</p>",
    ),
    ("block/09_html/simple.text#5 (text after the end tag)", "<div>id\n</div> test\n", "<div>id\n</div>\n<p>test</p>"),
    (
        "block/12_extension/comment.text",
        "This is a simple paragraph.\n\n{::comment}\nThis is a comment {:/}which is {:/comment} ignored.\n{:/comment}\n\nAnd another paragraph\n\n{::comment this='is' .ignore /}\n\n{::comment}\nAnother paragraph\n",
        "<p>This is a simple paragraph.</p>\n\n<p>And another paragraph</p>\n\n<p>{::comment}\nAnother paragraph</p>",
    ),
    (
        "block/12_extension/ignored.text",
        "paragraph\n\n{::something}\nanotherthing\n{:/something}\n\n{::something/}\nparagraph\n",
        "<p>paragraph</p>\n\n<p>{::something}\nanotherthing\n{:/something}</p>\n\n<p>{::something/}\nparagraph</p>",
    ),
    (
        "block/12_extension/nomarkdown.text",
        "This is a simple paragraph.\n\n{::nomarkdown}  \nThis *is* not processed \n  {:/nomarkdown}\n\nAnd another paragraph\n\n{::nomarkdown this='is' .ignore /}\n\n{::nomarkdown type='html'}\n<em>bold</em>\n{:/}\n{::nomarkdown type=\"latex\"}\n\\begin{itemize}\n\\item[Yes] YESSSS!\n\\end{itemize}\n{:/}\n\n{::nomarkdown}\nAnother paragraph\n",
        "<p>This is a simple paragraph.</p>\n\nThis *is* not processed \n\n<p>And another paragraph</p>\n\n<em>bold</em>\n\n<p>{::nomarkdown}\nAnother paragraph</p>",
    ),
    (
        "span/extension/comment.text",
        "This is a {::comment}simple{:/} paragraph.\nThis is a {::comment}simple{:/comment} paragraph.\nThis is a {::comment}simple {:/other} paragraph{:/comment}.\nThis is a {::comment/} paragraph.\nThis is a {:/comment} simple {:/} paragraph.\nThis is a {::comment} paragraph.\n",
        "<p>This is a <!-- simple --> paragraph.\nThis is a <!-- simple --> paragraph.\nThis is a <!-- simple {:/other} paragraph -->.\nThis is a  paragraph.\nThis is a {:/comment} simple {:/} paragraph.\nThis is a {::comment} paragraph.</p>",
    ),
    ("span/extension/nomarkdown.text", "This is {::nomarkdown}*some*{:/} text.\n", "<p>This is *some* text.</p>"),
    (
        "span/ial/simple.text#1 (attributes in the order opsbook writes them)",
        "This is a `span`{: .hund #dog}.\n",
        "<p>This is a <code id=\"dog\" class=\"hund\">span</code>.</p>",
    ),
    (
        "block/11_ial/simple.text#2 (several ids and classes in one word; attributes in opsbook's order)",
        "Some paragraph.\n{:.cls1#id.cls2}\n",
        "<p id=\"id\" class=\"cls1 cls2\">Some paragraph.</p>",
    ),
    ("block/11_ial/simple.text (a word kramdown cannot read)", "Note.\n{: note.}\n", "<p>Note.</p>"),
];

#[test]
fn renders_kramdown_s_own_block_html_and_extension_cases() {
    let mut failed = Vec::new();
    for (name, text, expected) in CASES {
        // A page's opening `#` heading is its title, written apart from the body.
        let out = kramdown_page(text);
        let html = normalised(&format!("{}{}", out.title_html, out.html));
        if html != normalised(expected) {
            failed.push(format!("{name}:\n  opsbook:  {html}\n  kramdown: {}", normalised(expected)));
        }
    }
    assert!(failed.is_empty(), "{} of {} cases differ:\n{}", failed.len(), CASES.len(), failed.join("\n"));
}

#[test]
fn a_page_of_another_tool_keeps_common_mark_s_html_blocks() {
    let out = render_markdown(&MarkdownInput { highlight: None, ..test_input("<div>\n\n    <p>x</p>\n</div>\n") });
    assert!(out.html.contains("<pre class=\"code\"><code>&lt;p&gt;x&lt;/p&gt;"), "{}", out.html);
    let out = kramdown_page("<div>\n\n    <p>x</p>\n</div>\n");
    assert_eq!(normalised(&out.html), "<div><p>x</p></div>");
}

#[test]
fn an_element_never_closed_is_closed_at_the_end_with_a_located_warning() {
    let out = kramdown_page("Intro.\n\n<div class=\"cards\">\n\n  <p>card</p>\n");
    assert_eq!(normalised(&out.html), "<p>Intro.</p><div class=\"cards\"><p>card</p></div>");
    let found: Vec<_> = out.diagnostics.iter().map(|d| (d.rule.id(), d.line, d.column)).collect();
    assert_eq!(found, [("unclosed-html", 7, 1)]);
}

mod tables;
