use super::*;

/// The text of `page` rewritten, its placeholders' HTML in place (as the body writer
/// puts them), and its problems as (line, column, message).
fn rewritten(page: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut collected = Collected::default();
    let words = crate::markdown::MarkdownWords::english();
    let Some(out) = rewrite(page, words, &mut collected) else { return (page.to_string(), Vec::new()) };
    let mut text = out.text.clone();
    for (number, placeholder) in collected.placeholders.iter().enumerate().rev() {
        text = text.replace(&format!("{}{number}-->", super::super::MARKER), placeholder.html.trim_end());
    }
    let problems = collected
        .problems
        .iter()
        .map(|(at, _, message)| {
            let line = page[..*at].matches('\n').count() + 1;
            let column = at - page[..*at].rfind('\n').map_or(0, |n| n + 1) + 1;
            (line, column, message.clone())
        })
        .collect();
    // Every byte of the output maps back into the page.
    for at in 0..out.text.len() {
        assert!(out.map.source_offset(at) <= page.len(), "{at}");
    }
    (text, problems)
}

/// GitBook's own Git Sync output for its blocks (GitbookIO/git-sync-normalization at
/// c5732c08, `hints.md`; b7ab1e69, `tabs.md`; 59fa6f16, `code-block.md`; f2bd039d,
/// `page-link.md`; 4b847573, `embeds.md`): each block is read, none is left a tag.
#[test]
fn reads_gitbook_s_own_normalised_blocks() {
    let hints = "{% hint style=\"info\" %}\nThis is info\n{% endhint %}\n\n{% hint style=\"warning\" %}\nThis is a warning\n{% endhint %}\n\n{% hint style=\"danger\" %}\nThis is danger\n{% endhint %}\n\n{% hint style=\"success\" %}\nThis is success\n{% endhint %}\n";
    let (text, problems) = rewritten(hints);
    assert!(problems.is_empty(), "{problems:?}");
    for class in ["callout-note", "callout-warning", "callout-caution", "callout-tip"] {
        assert!(text.contains(&format!("<div class=\"callout {class}\"")), "{class}: {text}");
    }
    assert!(text.contains("<p class=\"callout-title\">Danger</p>\nThis is danger\n</div>"), "{text}");
    let tabs = "{% tabs %}\n{% tab title=\"First Tab\" %}\nThis is the content for the first tab.\n\n{% embed url=\"https://docs.gitbook.com\" %}\n{% endtab %}\n\n{% tab title=\"Second Tab\" %}\n* Item 1\n{% endtab %}\n{% endtabs %}\n";
    let (text, problems) = rewritten(tabs);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(text.contains("<p class=\"tab-label\">First Tab</p>"), "{text}");
    assert!(text.contains("[https://docs.gitbook.com](<https://docs.gitbook.com>)"), "{text}");
    assert_eq!(text.matches("</div>").count(), 4, "two panels, the group and the embed: {text}");
    let code = "{% code title=\"index.js\" overflow=\"wrap\" lineNumbers=\"true\" %}\n```javascript\nimport App from './App';\n```\n{% endcode %}\n";
    let (text, _) = rewritten(code);
    assert!(
        text.starts_with(
            "<div class=\"code-block\">\n<p class=\"code-title\"><code>index.js</code></p>\n```javascript\n"
        ),
        "{text}"
    );
    let (text, _) = rewritten("{% page-ref page=\"emoji.md\" %}\n");
    assert!(text.contains("[emoji.md](<emoji.md>)"), "{text}");
    let (text, _) =
        rewritten("{% embed url=\"https://www.youtube.com/watch?v=lTRiuFIWV54\" caption=\"Study music\" %}\n");
    assert!(text.contains("[Study music](<https://www.youtube.com/watch?v=lTRiuFIWV54>)"), "{text}");
}

/// Cases of GitBook's earlier parser's own fixtures (GitbookIO/markup-it at 4c0538eb,
/// `__tests__/__fixtures__/from-markdown/custom-blocks/`), as (folder, input, what opsbook
/// writes). Its `ignore-in-code` and `block-with-content` read as it reads them; its
/// `nested-blocks-unrelated` keeps the unknown `common` as a placeholder inside the tab.
#[test]
fn reads_markup_it_s_custom_block_fixtures() {
    let (text, problems) = rewritten("Hello world\n\n{% hint type=\"info\" %}\nInside the alert\n{% endhint %}\n");
    assert!(problems.is_empty());
    assert!(text.contains("callout-note") && text.contains("Inside the alert\n</div>"), "{text}");
    let in_code = "```\n{% youtube src=\"https://www.youtube.com/watch?v=XXXXXXX\" %}{% endyoutube %}\n```\n";
    assert!(rewrite(in_code, crate::markdown::MarkdownWords::english(), &mut Collected::default()).is_none());
    let nested = "# Header 1\n\n{% tabs %}\n{% tab title=\"Tab 1\" %}\n{% common nested=\"true\" %}\n{% endtab %}\n\n{% tab title=\"Tab 2\" %}\nHello world\n{% endtab %}\n{% endtabs %}\n";
    let (text, problems) = rewritten(nested);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].0, problems[0].1), (5, 1));
    assert!(text.contains("unsupported: <code>{% common nested=&quot;true&quot; %}</code>"), "{text}");
    assert_eq!(text.matches("class=\"tab-panel\"").count(), 2, "{text}");
}

#[test]
fn nests_a_hint_in_a_tab_and_reads_tags_on_one_line() {
    let page = "{% tabs %}\n{% tab title=\"Linux\" %} Restart it. {% endtab %}\n{% tab title=\"macOS\" %}\n{% hint style=\"warning\" %}\nDrain **first**.\n{% endhint %}\n{% endtab %}\n{% endtabs %}\n";
    let (text, problems) = rewritten(page);
    assert!(problems.is_empty(), "{problems:?}");
    let panel = text.find("<p class=\"tab-label\">macOS</p>").expect("panel");
    let hint = text.find("callout-warning").expect("hint");
    assert!(panel < hint, "{text}");
    assert!(text.contains("<p class=\"tab-label\">Linux</p>\nRestart it.\n</div>"), "{text}");
}

#[test]
fn an_unclosed_block_warns_at_its_tag_and_keeps_the_page() {
    let page = "Intro.\n\n  {% hint style=\"danger\" %}\nNever closed.\n\nMore text.\n";
    let (text, problems) = rewritten(page);
    assert_eq!(problems.len(), 1);
    assert_eq!((problems[0].0, problems[0].1), (3, 3));
    assert!(problems[0].2.contains("never closed with `{% endhint %}`"), "{problems:?}");
    assert!(text.contains("Never closed.\n\nMore text.\n") && text.ends_with("</div>\n"), "{text}");
    // An inner block left open ends with the one around it.
    let (_, problems) = rewritten("{% tabs %}\n{% tab title=\"a\" %}\nA\n{% endtabs %}\n");
    assert_eq!(problems.len(), 1);
    assert!(problems[0].2.contains("ends with the `{% endtabs %}`"), "{problems:?}");
    // An end with no opening is left out.
    let (text, problems) = rewritten("Text\n{% endhint %}\n");
    assert_eq!((problems[0].0, problems[0].1), (2, 1));
    assert_eq!(text, "Text\n");
}

#[test]
fn an_unknown_block_is_a_placeholder_with_a_warning() {
    let (text, problems) = rewritten("{% swagger src=\"x.yaml\" path=\"/a\" %}\nBody\n{% endswagger %}\n");
    assert_eq!(problems.len(), 2);
    assert!(problems[0].2.starts_with("`{% swagger src=\"x.yaml\" path=\"/a\" %}` is not supported"), "{problems:?}");
    assert_eq!(text.matches("unsupported-block").count(), 2, "{text}");
    assert!(text.contains("\nBody\n"), "the content stays: {text}");
}

#[test]
fn leaves_code_comments_includes_and_inline_tags_alone() {
    let words = crate::markdown::MarkdownWords::english();
    for page in [
        "```\n{% hint style=\"info\" %}\n```\n",
        "~~~~\n{% hint %}\n~~~\n{% endhint %}\n~~~~\n",
        "<!--\n{% hint %}\n-->\n",
        "    {% hint %}\n",
        "{% include \"../.gitbook/includes/a.md\" %}\n",
        "Text {% hint %} inside a line.\n",
        "{% !! %}\n",
    ] {
        assert!(rewrite(page, words, &mut Collected::default()).is_none(), "{page:?}");
    }
}

#[test]
fn links_only_what_a_link_may_lead_to() {
    assert_eq!(markdown_link("a [b]", "https://x.test/a b").as_deref(), Some("[a \\[b\\]](<https://x.test/a b>)"));
    assert_eq!(markdown_link("f", "../.gitbook/assets/f.pdf").as_deref(), Some("[f](<../.gitbook/assets/f.pdf>)"));
    assert_eq!(markdown_link("x", "javascript:alert(1)"), None);
    assert_eq!(markdown_link("x", "https://x.test/a>b"), None);
    assert_eq!(markdown_link("x", "https://x.test/\na"), None);
    let (text, _) = rewritten("{% embed url=\"javascript:alert(1)\" %}\n");
    assert!(!text.contains("](") && text.contains("javascript:alert(1)"), "{text}");
    let (text, _) = rewritten("{% file src=\"../.gitbook/assets/run book.pdf\" %}\nThe runbook\n{% endfile %}\n");
    assert!(text.contains("[run book.pdf](<../.gitbook/assets/run book.pdf>)\n\nThe runbook\n</div>"), "{text}");
}

#[test]
fn a_content_ref_keeps_its_own_link_or_writes_one() {
    let (text, _) = rewritten("{% content-ref url=\"ops/db.md\" %}\n[Database](ops/db.md)\n{% endcontent-ref %}\n");
    assert_eq!(text.matches("](").count(), 1, "{text}");
    assert!(text.starts_with("<div class=\"content-ref\">\n[Database](ops/db.md)\n</div>"), "{text}");
    let (text, _) = rewritten("{% content-ref url=\"ops/db.md\" %} . {% endcontent-ref %}\n");
    assert!(text.contains("[db.md](<ops/db.md>)"), "{text}");
}

#[test]
fn steppers_and_columns_keep_their_content_in_order() {
    let page = "{% stepper %}\n{% step %}\n### Drain\n{% endstep %}\n{% step %}\n### Restart\n{% endstep %}\n{% endstepper %}\n\n{% columns %}\n{% column width=\"50%\" %}\nLeft\n{% endcolumn %}\n{% column %}\nRight\n{% endcolumn %}\n{% endcolumns %}\n";
    let (text, problems) = rewritten(page);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(text.matches("<div class=\"step\">").count(), 2);
    assert_eq!(text.matches("<div class=\"column\">").count(), 2);
    assert!(text.find("Drain").expect("drain") < text.find("Restart").expect("restart"));
    assert_eq!(text.matches("<div").count(), text.matches("</div>").count(), "{text}");
}

#[test]
fn blocks_nest_only_so_deep() {
    let page = "{% hint %}\n".repeat(MAX_OPEN + 3);
    let (text, problems) = rewritten(&page);
    assert_eq!(text.matches("callout-note").count(), MAX_OPEN);
    assert_eq!(text.matches("unsupported-block").count(), 3);
    assert_eq!(problems.len(), 3 + MAX_OPEN, "three placeholders, and each open hint never closed");
}

/// An integration's block as Git Sync writes it (`{% @owner/block props %}`) and as an
/// integration's Markdown format does (GitbookIO/integrations, docs "Working with
/// Markdown": `{% myintegration/block-name propA="A" %}`, around a code block when it
/// has a body): a link to its `url`, else a placeholder naming the integration.
#[test]
fn an_integration_s_block_is_a_link_to_its_address_or_a_placeholder_naming_it() {
    let page =
        "Values:\n{% @github-files/github-code-block url=\"https://github.com/o/r/blob/main/upload.py\" %}\nAfter\n";
    let (text, problems) = rewritten(page);
    assert!(problems.is_empty(), "{problems:?}");
    let link = "[https://github.com/o/r/blob/main/upload.py](<https://github.com/o/r/blob/main/upload.py>)";
    assert!(text.contains(&format!("<div class=\"embed\">\n{link}\n")), "{text}");
    assert!(!text.contains("{%"), "{text}");
    let paired = "{% myintegration/block-name propA=\"A\" %}\n```blocksyntax\nsomething\n```\n{% endmyintegration/block-name %}\n";
    let (text, problems) = rewritten(paired);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, 1);
    assert!(problems[0].2.contains("the GitBook integration `myintegration`"), "{problems:?}");
    assert!(text.contains("```blocksyntax\nsomething\n```"), "the body stays: {text}");
    assert!(!text.contains("endmyintegration"), "{text}");
    // Not an integration's block: a name of two slashes, or one that starts with neither
    // a letter nor `@`.
    for line in ["{% a/b/c %}\n", "{% /x %}\n", "{% @/x %}\n"] {
        let (text, problems) = rewritten(line);
        assert!(problems.is_empty() && text == line, "{line}: {text} {problems:?}");
    }
}
