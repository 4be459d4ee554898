//! kramdown's heading-id test cases through opsbook's renderer: gettalong/kramdown at
//! 12b3d2e752793d4128b6355c338b23fefa674ee0, test/testcases/block/04_header/
//! (`with_auto_ids`, `with_auto_id_prefix`, `with_auto_id_stripping`), and
//! kramdown/parser-gfm at bb3a2b2572b3b5a290465c0d6976f0e02628b207, test/testcases/
//! (`header_ids`, `header_ids_with_prefix`). Each case: the `.text`, the options' rule
//! and prefix, and the ids of the `.html` in order (`None`: a heading without one).
//! The transliterated cases are left out: bench/README.md says why.

use super::*;
use crate::slug::HeadingIdStyle;

/// The ids of the headings of `text`, rendered as a page of a site kramdown reads, after
/// a paragraph (so that its first heading is no page title).
fn heading_ids(text: &str, style: HeadingIdStyle, prefix: &str) -> Vec<Option<String>> {
    let text = format!("Intro.\n\n{text}");
    let data = crate::content::site_data::SiteData {
        text: crate::content::site_data::TextRules { kramdown: true, ..Default::default() },
        ..Default::default()
    };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    let out = render_markdown(&MarkdownInput {
        highlight: None,
        templating: Some(&templating),
        heading_ids: style,
        heading_id_prefix: prefix,
        ..test_input(&text)
    });
    let mut ids = Vec::new();
    for part in out.html.split("<h").skip(1).filter(|part| part.starts_with(|c: char| c.is_ascii_digit())) {
        let tag = &part[..part.find('>').unwrap_or(part.len())];
        ids.push(tag.split_once(" id=\"").and_then(|(_, rest)| rest.split_once('"')).map(|(id, _)| id.to_string()));
    }
    ids
}

fn some(ids: &[&str]) -> Vec<Option<String>> {
    ids.iter().map(|id| Some(id.to_string())).collect()
}

/// with_auto_ids.text but its last heading, which needs `transliterated_header_ids`;
/// `# Header without ID` with `{: id=""}` gets no id, as kramdown writes it.
#[test]
fn makes_the_ids_of_kramdowns_auto_ids_case() {
    let text = "# This is a header\n\n## 12. Another one-1-here\n\n### Do ^& it now\n\nHallo\n=====\n\n\
                Not now\n-------\n\n# Hallo\n\n# 23232\n\n# 33333\n\n## hallO\n\n# Header without ID\n{: id=\"\"}\n";
    let mut expected = some(&[
        "this-is-a-header",
        "another-one-1-here",
        "do--it-now",
        "hallo",
        "not-now",
        "hallo-1",
        "section",
        "section-1",
        "hallo-2",
    ]);
    expected.push(None);
    assert_eq!(heading_ids(text, HeadingIdStyle::Kramdown, ""), expected);
}

/// with_auto_id_prefix (`auto_id_prefix: hallo_`) and with_auto_id_stripping.
#[test]
fn makes_the_ids_of_kramdowns_prefix_and_stripping_cases() {
    let text = "# Header 1\n\n# 123\n";
    assert_eq!(heading_ids(text, HeadingIdStyle::Kramdown, "hallo_"), some(&["hallo_header-1", "hallo_section"]));
    let text = "# <em class=\"none\">This is a header</em>\n";
    assert_eq!(heading_ids(text, HeadingIdStyle::KramdownStripped, ""), some(&["this-is-a-header"]));
    // Code is no text element: the stripped rule leaves it out, the source line keeps it.
    let text = "# Run `kubectl` -- now\n";
    assert_eq!(heading_ids(text, HeadingIdStyle::KramdownStripped, ""), some(&["run---now"]));
    assert_eq!(heading_ids(text, HeadingIdStyle::Kramdown, ""), some(&["run-kubectl----now"]));
}

/// kramdown-parser-gfm's header_ids and header_ids_with_prefix (`auto_id_prefix: hallo-`).
#[test]
fn makes_the_ids_of_kramdown_parser_gfms_cases() {
    let text = "### test {#myid}\n\n### variable_name\n\n### abc def öúß\n\n### 192 abc 192\n\n### ;.;;\n\n\
                ### variable_name\n\n### variable_name\n\n### ;;\n\n### before \tafter tab\n\n### with `code`\n\n\
                ### with &nbsp;&auml;&nbsp;space\n\n### With \"smart\" quotes\n\n\
                ### with --- << typographic >> ... symbols\n\n### with $$m=5$$\n";
    let mut expected = some(&["myid", "variable_name", "abc-def-öúß", "192-abc-192"]);
    expected.push(None);
    expected.extend(some(&[
        "variable_name-1",
        "variable_name-2",
        "-1",
        "before--after-tab",
        "with-code",
        "with-äspace",
        "with-smart-quotes",
        "with--typographic--symbols",
        "with-m5",
    ]));
    assert_eq!(heading_ids(text, HeadingIdStyle::KramdownGfm, ""), expected);
    let text = "# Header 1\n\n# 123\n";
    assert_eq!(heading_ids(text, HeadingIdStyle::KramdownGfm, "hallo-"), some(&["hallo-header-1", "hallo-123"]));
}

/// `auto_ids: false`: only the author's ids.
#[test]
fn makes_no_ids_without_auto_ids() {
    let text = "# Header {#own}\n\n# Header\n";
    assert_eq!(heading_ids(text, HeadingIdStyle::None, ""), vec![Some("own".to_string()), None]);
}
