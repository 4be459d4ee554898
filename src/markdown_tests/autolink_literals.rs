//! Bare addresses linked as GFM links them ([`crate::markdown::autolinks`]): the
//! examples of the GFM spec, and where the text is never linked.

use super::*;
use crate::content::reading_rules::LiteralMatch;
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
    let urls_only = Literals { schemes: &["http", "https"], www: None, email: false, ..Literals::GFM };
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

/// Goldmark's linkify, as Hugo runs it (`www.` to `http://`, its default there before
/// `linkifyProtocol`).
const PATTERNED: Literals = Literals { matching: LiteralMatch::Patterned, ..Literals::GFM };

/// Every case of Goldmark's own table, yuin/goldmark `extension/_test/linkify.txt` at
/// 6ed00da2d6d53d831827e54ee5d334f4544693b9.
#[test]
fn links_goldmark_s_linkify_cases() {
    let cases = [
        (1, "www.commonmark.org\n", "<p><a href=\"http://www.commonmark.org\">www.commonmark.org</a></p>\n"),
        (
            2,
            "Visit www.commonmark.org/help for more information.\n",
            "<p>Visit <a href=\"http://www.commonmark.org/help\">www.commonmark.org/help</a> for more information.</p>\n",
        ),
        (
            3,
            "www.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=Markup+(business)))\n\n(www.google.com/search?q=Markup+(business))\n\n(www.google.com/search?q=Markup+(business)\n",
            "<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n<p><a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>))</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a>)</p>\n<p>(<a href=\"http://www.google.com/search?q=Markup+(business)\">www.google.com/search?q=Markup+(business)</a></p>\n",
        ),
        (
            4,
            "www.google.com/search?q=(business))+ok\n",
            "<p><a href=\"http://www.google.com/search?q=(business))+ok\">www.google.com/search?q=(business))+ok</a></p>\n",
        ),
        (
            5,
            "www.google.com/search?q=commonmark&hl=en\n\nwww.google.com/search?q=commonmark&hl;\n",
            "<p><a href=\"http://www.google.com/search?q=commonmark&amp;hl=en\">www.google.com/search?q=commonmark&amp;hl=en</a></p>\n<p><a href=\"http://www.google.com/search?q=commonmark\">www.google.com/search?q=commonmark</a>&amp;hl;</p>\n",
        ),
        (
            6,
            "www.commonmark.org/he<lp\n",
            "<p><a href=\"http://www.commonmark.org/he\">www.commonmark.org/he</a>&lt;lp</p>\n",
        ),
        (
            7,
            "http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nAnonymous FTP is available at ftp://foo.bar.baz.\n",
            "<p><a href=\"http://commonmark.org\">http://commonmark.org</a></p>\n<p>(Visit <a href=\"https://encrypted.google.com/search?q=Markup+(business)\">https://encrypted.google.com/search?q=Markup+(business)</a>)</p>\n<p>Anonymous FTP is available at <a href=\"ftp://foo.bar.baz\">ftp://foo.bar.baz</a>.</p>\n",
        ),
        (8, "foo@bar.baz\n", "<p><a href=\"mailto:foo@bar.baz\">foo@bar.baz</a></p>\n"),
        (
            9,
            "hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is.\n",
            "<p>hello@mail+xyz.example isn't valid, but <a href=\"mailto:hello+xyz@mail.example\">hello+xyz@mail.example</a> is.</p>\n",
        ),
        (
            10,
            "a.b-c_d@a.b\n\na.b-c_d@a.b.\n\na.b-c_d@a.b-\n\na.b-c_d@a.b_\n",
            "<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a></p>\n<p><a href=\"mailto:a.b-c_d@a.b\">a.b-c_d@a.b</a>.</p>\n<p>a.b-c_d@a.b-</p>\n<p>a.b-c_d@a.b_</p>\n",
        ),
        (
            11,
            "https://github.com#sun,mon\n",
            "<p><a href=\"https://github.com#sun,mon\">https://github.com#sun,mon</a></p>\n",
        ),
        (
            12,
            "https://github.com/sunday's\n",
            "<p><a href=\"https://github.com/sunday's\">https://github.com/sunday's</a></p>\n",
        ),
        (
            13,
            "https://github.com?q=stars:>1\n",
            "<p><a href=\"https://github.com?q=stars:%3E1\">https://github.com?q=stars:&gt;1</a></p>\n",
        ),
        (
            14,
            "[https://google.com](https://google.com)\n",
            "<p><a href=\"https://google.com\">https://google.com</a></p>\n",
        ),
        (15, "This is a `git@github.com:vim/vim`\n", "<p>This is a <code>git@github.com:vim/vim</code></p>\n"),
        (16, "https://nic.college\n", "<p><a href=\"https://nic.college\">https://nic.college</a></p>\n"),
        (
            17,
            "http://server.intranet.acme.com:1313\n",
            "<p><a href=\"http://server.intranet.acme.com:1313\">http://server.intranet.acme.com:1313</a></p>\n",
        ),
        (18, "https://g.page/foo\n", "<p><a href=\"https://g.page/foo\">https://g.page/foo</a></p>\n"),
        (
            19,
            "__http://test.com/~/a__\n__http://test.com/~/__\n__http://test.com/~__\n__http://test.com/a/~__\n",
            "<p><strong><a href=\"http://test.com/~/a\">http://test.com/~/a</a></strong>\n<strong><a href=\"http://test.com/~/\">http://test.com/~/</a></strong>\n<strong><a href=\"http://test.com/\">http://test.com/</a>~</strong>\n<strong><a href=\"http://test.com/a/\">http://test.com/a/</a>~</strong></p>\n",
        ),
    ];
    for (number, text, html) in cases {
        // The writer escapes a quote in an attribute as `&#x27;`: the same value.
        assert_eq!(with(PATTERNED, text).replace("&#x27;", "'"), html, "case {number}: {text:?}");
    }
}

/// Where Goldmark's rule differs from cmark-gfm's: a top-level domain in capitals or
/// none, a scheme after a letter or `:`, a trailing `;`.
#[test]
fn goldmark_s_addresses_start_at_a_word_and_end_at_a_lowercase_domain() {
    let cases = [
        ("See www.EXAMPLE.COM now\n", None),
        ("See http://localhost:8080/x now\n", None),
        ("key:https://a.example/x\n", None),
        ("a https://a.example/x; b\n", Some("https://a.example/x;")),
        ("a *https://a.example/x* b\n", Some("https://a.example/x")),
        ("(mail ops@a.example)\n", Some("ops@a.example")),
        ("x.ops@a.example.\n", Some("x.ops@a.example")),
    ];
    for (text, linked) in cases {
        let html = with(PATTERNED, text);
        let links: Vec<&str> =
            html.split("\">").filter_map(|part| part.rsplit_once("href=\"").map(|(_, href)| href)).collect();
        let expected: Vec<String> =
            linked.map(|l| if l.contains('@') { format!("mailto:{l}") } else { l.to_string() }).into_iter().collect();
        assert_eq!(links, expected, "{text:?}: {html}");
        assert!(with(Literals::GFM, text).contains("<a "), "cmark-gfm links {text:?}");
    }
}
