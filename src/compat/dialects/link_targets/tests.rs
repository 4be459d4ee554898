use super::*;

/// The text `rule` makes of `text`, as written when it changes nothing.
fn rewritten(text: &str, rule: LinkTargets) -> String {
    rewrite(text, rule).map_or_else(|| text.to_string(), |out| out.text)
}

/// Python-Markdown's cases of links and images with spaces in their destination:
/// `tests/test_syntax/inline/test_images.py` (`test_misc_img`, `test_misc_img_title`,
/// `test_mixed_title_quotes3`, 4, 5, 6) and `test_links.py` (`test_mixed_title_quotes3`,
/// 5, 6), Python-Markdown/markdown at bb50627dc07fde6ee5ed7478464062c537ebad2c; and
/// that the cases CommonMark reads alike are left as written (`test_nested_round_brackets`,
/// `test_single_quote`).
#[test]
fn reads_destinations_as_python_markdown_does() {
    let rule = LinkTargets::ToMatchingParen;
    let cases = [
        ("![Image](http://humane man.jpg)", "![Image](<http://humane man.jpg>)"),
        (
            "![Image](http://humane man.jpg \"The most humane man.\")",
            "![Image](<http://humane man.jpg> \"The most humane man.\")",
        ),
        (
            "![Text](http://link.com/with spaces.png'\"and quotes\" 'and title') more text",
            "![Text](<http://link.com/with spaces.png> \"\\\"and quotes\\\" 'and title\") more text",
        ),
        (
            "![Text](http://link.com/with spaces'.png\"and quotes\" 'and title\") more text",
            "![Text](<http://link.com/with spaces'.png> \"and quotes\\\" 'and title\") more text",
        ),
        (
            "![Text](http://link.com/with spaces .png'\"and quotes\" 'and title') more text",
            "![Text](<http://link.com/with spaces .png> \"\\\"and quotes\\\" 'and title\") more text",
        ),
        (
            "![Text](http://link.com/with spaces \"and quotes\".png 'and title') more text",
            "![Text](<http://link.com/with spaces \"and quotes\".png> \"and title\") more text",
        ),
        (
            "[Text](http://link.com/with spaces'\"and quotes\" 'and title') more text",
            "[Text](<http://link.com/with spaces> \"\\\"and quotes\\\" 'and title\") more text",
        ),
        (
            "[Text](http://link.com/with spaces '\"and quotes\" 'and title') more text",
            "[Text](<http://link.com/with spaces> \"\\\"and quotes\\\" 'and title\") more text",
        ),
        (
            "[Text](http://link.com/with spaces \"and quotes\" 'and title') more text",
            "[Text](<http://link.com/with spaces \"and quotes\"> \"and title\") more text",
        ),
        ("![x](./media/Single ToR.png)", "![x](<./media/Single ToR.png>)"),
        ("[`a b`](c d) `[e](f g)`", "[`a b`](<c d>) `[e](f g)`"),
        // test_uneven_brackets_with_titles1 and 4: a `(` CommonMark leaves unmatched.
        ("![Text](http://link.com/(.png\"title\") more text", "![Text](<http://link.com/(.png> \"title\") more text"),
        ("![Text](http://link.com/(.png \"title\") more text", "![Text](<http://link.com/(.png> \"title\") more text"),
    ];
    for (text, expected) in cases {
        assert_eq!(rewritten(text, rule), expected, "{text:?}");
    }
    for text in [
        "![Text](http://link.com/(((((((()))))))()).png) more text",
        "![test](link\"notitle.png)",
        "[a] (b c) is no link",
        "`[a](b c)` is code\n\n    [d](e f)\n",
        "\\[a](b c) is escaped",
    ] {
        assert_eq!(rewritten(text, rule), text, "{text:?}");
    }
}

/// Redcarpet's `char_link` (vmg/redcarpet `ext/redcarpet/markdown.c` at
/// 34c138e3f14931a0a7b4014916e1e521debbfa68): white space and line breaks between `]`
/// and `(` ("much more laxist than original markdown syntax"), a destination up to the
/// matching `)` or a quote after a space; and its Markdown test "Links, inline style"
/// (`test/MarkdownTest_1.0.3/Tests/`), which CommonMark reads alike: left as written.
#[test]
fn reads_links_as_redcarpet_does() {
    let rule = LinkTargets::SpacedToMatchingParen;
    let cases = [
        ("See [the guide] (https://example.org/guide).", "See [the guide](<https://example.org/guide>)."),
        ("[a]\n(b)", "[a](<b>)"),
        ("![x]  (a b.png \"T\")", "![x](<a b.png> \"T\")"),
        ("[a](b c)", "[a](<b c>)"),
        ("[a] (b (c))", "[a](<b (c)>)"),
        ("[a] ( <b> )", "[a](<b>)"),
    ];
    for (text, expected) in cases {
        assert_eq!(rewritten(text, rule), expected, "{text:?}");
    }
    for text in [
        "Just a [URL](/url/).\n\n[URL and title](/url/ \"title\").\n\n[URL and title](/url/  \"title preceded by two spaces\").\n\n[URL and title](/url/\t\"title preceded by a tab\").\n\n[URL and title](/url/ \"title has spaces afterward\"  ).\n\n\n[Empty]().\n",
        "[a]\n\n(b)",
        "[a] [b]",
        "[a]: b\n",
        "```\n[a] (b)\n```\n",
        "[a] (b",
    ] {
        assert_eq!(rewritten(text, rule), text, "{text:?}");
    }
    // Offsets after a rewritten link map back to the page.
    let out = rewrite("[a] (b) x", rule).expect("rewritten");
    assert_eq!(out.text, "[a](<b>) x");
    assert_eq!(out.map.source_offset(9), 8);
}
