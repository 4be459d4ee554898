//! Pages of an MkDocs handbook with mkdocs-macros-plugin, which renders a page's whole
//! text with Jinja before Markdown: the plugin's page switch (fralau/mkdocs-macros-plugin
//! `mkdocs_macros/plugin.py`, `MacrosPlugin.render`, and `test/module/docs/literal.md`, at
//! f4f5bb01e28f50e4f0ba697362b1973ae6d4b25d) and Jinja's lexer (pallets/jinja
//! `src/jinja2/lexer.py` and `docs/templates.rst` "Escaping", at
//! 5ef70112a1ff19c05324ff889dd30405b1002044).

use super::*;
use crate::content::site_data::{JinjaPages, SiteData, TextRules};

/// `text` rendered as a page of an MkDocs site whose macros plugin renders `pages`,
/// with front matter `front` (YAML, or none).
fn macros_page(text: &str, pages: JinjaPages, front: &str) -> Rendered {
    let data = SiteData { text: TextRules { jinja: pages, ..Default::default() }, ..Default::default() };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let templating = crate::markdown::templating::PageTemplating::new(&context, Vec::new());
    let fields = (!front.is_empty()).then(|| {
        let split = crate::content::front_matter::split_front_matter(front).expect("front matter");
        crate::content::front_matter::parse_fields(&split.front.expect("a block")).expect("fields")
    });
    render_markdown(&MarkdownInput {
        highlight: None,
        templating: Some(&templating),
        front: fields.as_ref(),
        ..test_input(text)
    })
}

/// The Escaping section's `{{ '{{' }}`, in prose, in inline code and in a fenced block,
/// where the plugin renders it too; a `}}` inside the string ends nothing.
#[test]
fn a_string_literal_writes_its_text_in_prose_and_in_code() {
    let text = "Write {{ '{{' }} for a brace.\n\nRun `{{ '{{ now.Unix }}' }}`.\n\n```yaml\nipam: {{ '{{ . }}' }}\nCOUNT={{ \"${#DEVICES[@]}\" }}\n```\n";
    let out = macros_page(text, JinjaPages::ByDefault, "");
    assert!(out.html.contains("Write {{ for a brace."), "{}", out.html);
    assert!(out.html.contains("<code>{{ now.Unix }}</code>"), "{}", out.html);
    assert!(out.html.contains("ipam: {{ . }}"), "{}", out.html);
    assert!(out.html.contains("COUNT=${#DEVICES[@]}"), "{}", out.html);
    assert!(!out.html.contains("&#39;") && !out.html.contains("' }}"), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
}

/// Jinja's comments and `raw` in code: the plugin renders the code as the rest.
#[test]
fn comments_and_raw_tags_go_in_code_too() {
    let text = "```\nkeep {# dropped #}here\n{% raw %}{{ shown }}{% endraw %}\n```\n";
    let out = macros_page(text, JinjaPages::ByDefault, "");
    assert!(out.html.contains("keep here\n{{ shown }}\n"), "{}", out.html);
    assert!(!out.html.contains("dropped") && !out.html.contains("raw"), "{}", out.html);
}

/// `render_macros: false` leaves a page as written (the plugin's `literal.md`), and with
/// `render_by_default: false` only `render_macros: true` renders one.
#[test]
fn the_page_s_render_macros_decides_whether_it_is_a_template() {
    let text = "`{% Vimeo ID}` and {{ '{{' }} stay.\n";
    let kept = macros_page(text, JinjaPages::ByDefault, "---\nrender_macros: false\n---\n");
    assert!(kept.html.contains("<code>{% Vimeo ID}</code> and {{ '{{' }} stay."), "{}", kept.html);
    assert!(kept.diagnostics.is_empty(), "{:?}", kept.diagnostics);
    let not_opted = macros_page(text, JinjaPages::OptIn, "");
    assert!(not_opted.html.contains("and {{ '{{' }} stay."), "{}", not_opted.html);
    let opted = macros_page(text, JinjaPages::OptIn, "---\nrender_macros: true\n---\n");
    assert!(opted.html.contains("and {{ stay."), "{}", opted.html);
}

/// Jinja's lexer balances braces (`test_balancing` of `tests/test_lexnparse.py`, at the
/// same commit, with the default delimiters): a dict's `}` ends no expression, so the
/// whole expression is one placeholder.
#[test]
fn an_expression_ends_at_the_braces_outside_its_dicts_and_strings() {
    let out = macros_page("A {{ {'foo': item}|upper }} B\n", JinjaPages::ByDefault, "");
    assert!(out.html.contains("A <span class=\"unsupported\">"), "{}", out.html);
    assert!(out.html.contains("</span> B"), "{}", out.html);
    assert!(!out.html.contains("|upper }} B"), "{}", out.html);
}
