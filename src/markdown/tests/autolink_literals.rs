//! Bare addresses linked as GFM links them ([`crate::markdown::autolinks`]): the
//! examples of the GFM spec, and where the text is never linked.

use super::*;
use crate::markdown::autolinks::Literals;

fn with(rule: Literals, text: &str) -> String {
    render_markdown(&MarkdownInput { autolinks: rule, ..test_input(text) }).html
}

/// The examples of "Autolinks (extension)", github/cmark-gfm `test/spec.txt` at
/// 85d895289c5ab67f988ca659493a64abb5fec7b4 (examples 621-631 of GFM 0.29).
#[test]
fn links_the_gfm_spec_examples() {
    let cases = [
        ("www.commonmark.org\n", "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n"),
        (
            "Visit www.commonmark.org/help for more information.\n",
            "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n",
        ),
        (
            "Visit www.commonmark.org.\n\nVisit www.commonmark.org/a.b.\n",
            "<p>Visit <a href=\"http://www.commonmark.org\">www.commonmark.org</a>.</p>\n<p>Visit <a href=\"http://www.commonmark.org/a.b\">www.commonmark.org/a.b</a>.</p>\n",
        ),
        (
            "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)\n",
            "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n",
        ),
        (
            "www.google.com/search?q=(business))+ok\n",
            "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n",
        ),
        (
            "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n",
            "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n",
        ),
        (
            "www.commonmark.org/he<lp\n",
            "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n",
        ),
        (
            "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.\n",
            "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n",
        ),
        ("foo@bar.baz\n", "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n"),
        (
            "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n",
            "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n",
        ),
        (
            "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_\n",
            "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n",
        ),
    ];
    for (text, html) in cases {
        assert_eq!(with(Literals::GFM, text), html, "{text:?}");
        assert!(!with(Literals::OFF, text).contains("<a "), "{text:?} is linked by no rule");
    }
}

/// Code, links, images, raw HTML and the text of a raw `<a>` or `<code>` keep their
/// addresses; emphasis around one does not.
#[test]
fn links_no_address_in_code_links_or_html() {
    let text = "`https://a.example/x` and [https://b.example/](https://c.example/) and \
        ![www.d.example](e.png) and <a href=\"/f\">https://g.example/</a> and \
        <code>www.h.example</code> and <https://i.example/> and <span title=\"https://j.example/\">x</span>\n\n\
        ```\nhttps://k.example/\n```\n\n<div>\nhttps://l.example/\n</div>\n\n*https://m.example/x_y_z*\n";
    let html = with(Literals::GFM, text);
    for address in ["a", "b", "d", "g", "h", "j", "k", "l"] {
        assert!(!html.contains(&format!("href=\"https://{address}.example")), "{address}: {html}");
        assert!(!html.contains(&format!("href=\"http://www.{address}.example")), "{address}: {html}");
    }
    assert!(html.contains("<em><a href=\"https://m.example/x_y_z\">https://m.example/x_y_z</a></em>"), "{html}");
    assert_eq!(html.matches("<a ").count(), 4, "{html}");
}

/// The rule's parts: a scheme it does not list, `www.` with another scheme, no emails.
#[test]
fn follows_the_tool_s_schemes() {
    let goldmark = Literals { www: Some("https"), ..Literals::GFM };
    assert_eq!(
        with(goldmark, "See www.example.org.\n"),
        "<p>See <a href=\"https://www.example.org\">www.example.org</a>.</p>\n"
    );
    let urls_only = Literals { schemes: &["http", "https"], www: None, email: false };
    let html = with(urls_only, "ftp://a.example www.b.example c@d.example https://e.example\n");
    assert_eq!(
        html,
        "<p>ftp://a.example www.b.example c@d.example <a href=\"https://e.example\">https://e.example</a></p>\n"
    );
    // A heading's address is linked, its id made of its text.
    let out = render_markdown(&MarkdownInput { autolinks: Literals::GFM, ..test_input("## See https://x.example\n") });
    assert!(
        out.html.contains("See <a href=\"https://x.example\">https://x.example</a><a class=\"anchor\""),
        "{}",
        out.html
    );
    assert_eq!(out.anchors, ["see-httpsxexample"]);
}
