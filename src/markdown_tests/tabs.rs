//! Snapshot tests of tabs: each syntax's rule of which tab shows
//! first and how the choice is remembered, written as attributes of the group and its
//! panels for the theme's `tabs.js`; every panel stays in the page under its label.

use super::*;

fn mdx(text: &str) -> String {
    render_markdown(&MarkdownInput { file: "content/setup/page.mdx", highlight: None, ..test_input(text) }).html
}

#[test]
fn docusaurus_tabs_carry_group_query_string_and_default() {
    insta::assert_snapshot!(mdx(
        "<Tabs groupId=\"os\" queryString>\n<TabItem value=\"deb\" label=\"Debian\">\n\nRun `apt`.\n\n</TabItem>\n<TabItem value=\"rpm\" label=\"Fedora\" default>\n\nRun `dnf`.\n\n</TabItem>\n</Tabs>\n\n<Tabs queryString=\"pkg\" defaultValue=\"b\">\n<TabItem value=\"a\">\n\nA.\n\n</TabItem>\n<TabItem value=\"b\" default={false}>\n\nB.\n\n</TabItem>\n</Tabs>\n"
    ));
}

/// Docusaurus's `values` prop names the tabs of `TabItem`s written without a `label`
/// (objects spread over lines, keys bare or quoted, other fields skipped); a
/// `TabItem`'s own `label` wins, and a value the prop lacks is its own label.
#[test]
fn docusaurus_tabs_take_their_labels_from_the_values_prop() {
    insta::assert_snapshot!(mdx(
        "<Tabs\n  defaultValue=\"apple\"\n  values={[\n    {label: 'Apple', value: 'apple'},\n    {\"label\": \"Orange {juice}\", value: \"orange\", disabled: true},\n    {value: `pear`, label: `Pear`},\n  ]}>\n<TabItem value=\"apple\">\n\nAn apple.\n\n</TabItem>\n<TabItem value=\"orange\">\n\nAn orange.\n\n</TabItem>\n<TabItem value=\"pear\" label=\"Own label\">\n\nA pear.\n\n</TabItem>\n<TabItem value=\"plum\">\n\nA plum.\n\n</TabItem>\n</Tabs>\n"
    ));
}

#[test]
fn docusaurus_tabs_in_a_markdown_page() {
    insta::assert_snapshot!(html(
        "<Tabs groupId=\"os\">\n<TabItem value=\"deb\" label=\"Debian\" default={true}>\n\nRun `apt`.\n\n</TabItem>\n</Tabs>\n"
    ));
}

#[test]
fn mkdocs_tabs_start_a_set_with_bang_and_select_with_plus() {
    insta::assert_snapshot!(html(
        "=== \"Linux\"\n\n    Run `make`.\n\n=== \"macOS\"\n\n    Run `xcode`.\n\n===! \"Before\"\n\n    A new set.\n\n===+ \"After\"\n\n    Shown first.\n\n===!+ \"Alone\"\n\n    A third set, shown first.\n\n===!! \"Not a tab\"\n"
    ));
}

#[test]
fn docsy_tab_panes_remember_by_header_language_or_not_at_all() {
    insta::assert_snapshot!(html(
        "{{< tabpane >}}\n{{< tab header=\"Linux\" lang=\"bash\" >}}\nsystemctl restart db\n{{< /tab >}}\n{{< /tabpane >}}\n\n{{< tabpane persist=lang >}}\n{{< tab header=\"Shell\" lang=\"bash\" >}}\necho\n{{< /tab >}}\n{{< tab header=\"Python\" lang=\"python\" >}}\nprint()\n{{< /tab >}}\n{{< /tabpane >}}\n\n{{< tabpane text=true persist=disabled >}}\n{{% tab header=\"Notes\" %}}\nSome **Markdown**.\n{{% /tab %}}\n{{< /tabpane >}}\n"
    ));
}

/// A page loads `tabs.js` when a dialect wrote a group of tabs in its body, by any of
/// the three syntaxes; text that only looks like a group (in code, in a comment, in raw
/// HTML an author wrote) loads nothing.
#[test]
fn a_page_has_tabs_when_a_dialect_wrote_a_group() {
    let tabs =
        |file: &str, text: &str| render_markdown(&MarkdownInput { file, highlight: None, ..test_input(text) }).tabs;
    let groups = [
        ("content/a.md", "=== \"Linux\"\n\n    Run `make`.\n"),
        ("content/a.md", "{{< tabpane >}}\n{{< tab header=\"A\" >}}\nx\n{{< /tab >}}\n{{< /tabpane >}}\n"),
        ("content/a.mdx", "<Tabs>\n<TabItem value=\"a\">\n\nA.\n\n</TabItem>\n</Tabs>\n"),
    ];
    for (file, text) in groups {
        assert!(tabs(file, text), "{file}: {text:?}");
    }
    let look_alikes = [
        "`<div class=\"tabs\" data-tabs>`\n",
        "    <div class=\"tabs\" data-tabs>\n",
        "<!-- <div class=\"tabs\" data-tabs> -->\n",
        "<div class=\"tabs\" data-tabs>\nx\n</div>\n",
        "Some text.\n",
    ];
    for text in look_alikes {
        assert!(!tabs("content/a.md", text), "{text:?}");
    }
}
