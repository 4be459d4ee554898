//! The Book theme's shortcodes on a site that uses it, with the uses of the theme's
//! exampleSite as cases (alex-shpak/hugo-book at 645c868cec1396548456eac68205eabbd8ca9564,
//! `exampleSite/content.en/docs/shortcodes/*.md`; `expand.md` at
//! c4d69635aff3be7ff54b07b93218d27d0e1ce928): the expected parts say what the theme's
//! templates mean (a callout of the kind, columns, a link), not the theme's bytes.

use super::*;
use crate::content::site_data::{SiteData, TextRules, ThemeShortcodes};

/// `text` rendered as a page of a Hugo site whose theme is `theme`.
fn themed(text: &str, theme: ThemeShortcodes) -> Rendered {
    let data = SiteData { text: TextRules { theme_shortcodes: theme, ..Default::default() }, ..Default::default() };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    render_markdown(&MarkdownInput { highlight: None, templating: Some(&templating), ..test_input(text) })
}

/// `(the exampleSite's page, page text, parts the HTML holds, parts it does not)`.
const CASES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "hints.md info",
        "{{% hint info %}}\n**Markdown content**  \nLorem markdownum insigne.\n{{% /hint %}}\n",
        &["<div class=\"callout callout-note\" role=\"note\">", "<strong>Markdown content</strong><br />"],
        &["hint"],
    ),
    ("hints.md warning", "{{% hint warning %}}\nText.\n{{% /hint %}}\n", &["callout-warning"], &["hint"]),
    ("hints.md danger", "{{% hint danger %}}\nText.\n{{% /hint %}}\n", &["callout-caution"], &["hint"]),
    (
        "columns.md",
        "{{% columns %}}\n### Left Content\nLorem _markdownum_.\n\n<--->\n\n### Mid Content\nLorem.\n\n<--->\n\n### Right Content\nLorem.\n{{% /columns %}}\n",
        &[
            "<div class=\"columns\">\n<div class=\"column\">\n<h3 id=\"left-content\">Left Content",
            "<p>Lorem <em>markdownum</em>.</p>\n</div>\n<div class=\"column\">\n<h3 id=\"mid-content\">",
            "<div class=\"column\">\n<h3 id=\"right-content\">Right Content",
        ],
        &["&lt;---&gt;", "<--->"],
    ),
    (
        "columns.md ratio",
        "{{% columns ratio=\"1:2\" %}}\n### x1 Column\nA.\n\n<--->\n\n### x2 Column\nB.\n\n{{% /columns %}}\n",
        &["<div class=\"column\" style=\"flex-grow: 1\">", "<div class=\"column\" style=\"flex-grow: 2\">"],
        &[],
    ),
    (
        "details.md",
        "{{% details \"Title\" open %}}\n## Markdown content\nLorem markdownum insigne...\n{{% /details %}}\n",
        &["<details class=\"details\" open>\n<summary>Title</summary>", "<h2 id=\"markdown-content\">Markdown content"],
        &[],
    ),
    (
        "details.md named",
        "{{% details title=\"Title\" open=true %}}\nText.\n{{% /details %}}\n",
        &["<details class=\"details\" open>\n<summary>Title</summary>"],
        &[],
    ),
    (
        "details.md closed",
        "{{% details \"Title\" %}}\nText.\n{{% /details %}}\n",
        &["<details class=\"details\">"],
        &[" open"],
    ),
    (
        "tabs.md",
        "{{% tabs %}}\n\n{{% tab \"MacOS\" %}}\n# MacOS\n\nThis is tab **MacOS** content.\n{{% /tab %}}\n\n{{% tab \"Linux\" %}}\n# Linux\n{{% /tab %}}\n\n{{% /tabs %}}\n",
        &[
            "<div class=\"tabs\"",
            "<p class=\"tab-label\">MacOS</p>",
            "<p class=\"tab-label\">Linux</p>",
            "<strong>MacOS</strong>",
        ],
        &["unsupported"],
    ),
    (
        "tabs.md with an id",
        "{{< tabs \"uniqueid\" >}}\n{{< tab \"MacOS\" >}} # MacOS Content {{< /tab >}}\n{{< /tabs >}}\n",
        &["<p class=\"tab-label\">MacOS</p>"],
        &["unsupported", "uniqueid"],
    ),
    (
        "buttons.md href",
        "{{<button href=\"https://github.com/alex-shpak/hugo-book\">}}Contribute{{</button>}}\n",
        &["<a href=\"https://github.com/alex-shpak/hugo-book\">Contribute</a>"],
        &["unsupported"],
    ),
    (
        "buttons.md relref",
        "{{< button relref=\"db.md\" >}}The database{{< /button >}}\n",
        &["<a href=\"/handbook/runbooks/db/\">The database</a>"],
        &["unsupported"],
    ),
    (
        "expand.md",
        "{{< expand \"Custom Label\" \"...\" >}}\n## Markdown content\nText.\n{{< /expand >}}\n",
        &["<summary>Custom Label</summary>", "<h2 id=\"markdown-content\">"],
        &["unsupported"],
    ),
];

#[test]
fn renders_the_book_themes_shortcodes_as_its_templates_do() {
    super::hugo_shortcodes::assert_cases(CASES, |text| themed(text, ThemeShortcodes::Book));
}

/// Other themes give `hint` and `columns` other meanings: without the Book theme they
/// stay placeholders with their warning.
#[test]
fn a_site_without_the_book_theme_keeps_them_placeholders() {
    let out = themed("{{% hint info %}}\nText.\n{{% /hint %}}\n", ThemeShortcodes::General);
    assert!(out.html.contains("unsupported"), "{}", out.html);
    assert_eq!(out.diagnostics.iter().map(|d| d.rule.id()).collect::<Vec<_>>(), ["unsupported-syntax"]);
}
