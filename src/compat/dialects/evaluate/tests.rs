//! The Liquid stage's tests: what is evaluated, kept, warned of, and mapped back.

use super::*;
use crate::compat::dialects::liquid_pieces::{MAX_TOKEN, lax_markup, runs_long, without_unknown_filters};
use crate::compat::dialects::liquid_runtime::SiteGlobals;

#[test]
fn an_assign_passes_its_value_through_a_filter_liquid_does_not_know() {
    assert_eq!(
        without_unknown_filters("{% assign id = 6 | random_hex_string %}").as_deref(),
        Some("{% assign id = 6 %}")
    );
    assert_eq!(
        without_unknown_filters("{%- assign x = 'a|b' | upcase | mine: 2 | size -%}").as_deref(),
        Some("{%- assign x = 'a|b' | upcase | size -%}")
    );
    assert_eq!(without_unknown_filters("{% assign x = y | upcase %}"), None);
    assert_eq!(without_unknown_filters("{% assign g = site.posts | group_by: 'year' | mine %}"), None);
    let (output, problems) = evaluated("{% assign id = 6 | random_hex_string %}[{{ id }}]", serde_json::json!({}));
    assert_eq!(output.text, "[6]");
    assert_eq!(problems.len(), 1, "a note: {problems:?}");
}

#[test]
fn keeps_what_liquid_does_not_run() {
    let text = "a {% include x.html %} {% raw %}{{ y }}{% endraw %} {{ z | nofilter }} {{ ok }} {% if a %}b{% endif %} {{ open";
    let kinds: Vec<(&str, bool)> =
        find_pieces(text, false).iter().map(|p| (&text[p.range.clone()], p.kind == Kind::Keep)).collect();
    assert_eq!(
        kinds,
        [
            ("{% include x.html %}", true),
            ("{% raw %}{{ y }}{% endraw %}", true),
            ("{{ z | nofilter }}", true),
            ("{{ ok }}", false),
            ("{% if a %}", false),
            ("{% endif %}", false),
            ("{{", true),
        ]
    );
}

#[test]
fn an_include_named_by_a_variable_is_a_block_that_renders_its_name() {
    let text =
        "{%- include_relative {{ dir }}/a.md level=\"h3\" -%} {% include x.html %} {% include {{ 'a' | nofilter }} %}";
    let pieces = find_pieces(text, true);
    assert!(matches!(&pieces[0].kind, Kind::Include { relative: true, name, params, trims: (true, true) }
        if name == "{{ dir }}/a.md" && params == "level=\"h3\""));
    assert_eq!(pieces[1].kind, Kind::Keep, "a written name is the includes stage's");
    assert_eq!(pieces[2].kind, Kind::Keep, "a name Liquid cannot read");
    let template = template_of(text, &pieces, 3);
    assert!(
        template.text.starts_with("{%- opsbook_include 3 0 0 %}{{ dir }}/a.md{% endopsbook_include -%}"),
        "{}",
        template.text
    );
    assert_eq!(template.kept[0], 0..0, "an empty piece at the tag, which its text starts with");
    assert_eq!(find_pieces(text, false)[0].kind, Kind::Keep, "read only where includes are");
}

/// `text` evaluated as a page of a Jekyll handbook whose `_config.yml` is `site`.
fn evaluated(text: &str, site: serde_json::Value) -> (Output, Vec<(usize, String)>) {
    evaluated_page("", text, site)
}

/// `body` evaluated as a page of a Jekyll handbook whose `_config.yml` is `site` and
/// whose front matter is `front` (YAML, none when empty).
pub(in crate::compat::dialects) fn evaluated_page(
    front: &str,
    body: &str,
    site: serde_json::Value,
) -> (Output, Vec<(usize, String)>) {
    let data = crate::content::site_data::SiteData {
        templating: Templating::Liquid,
        globals: serde_json::Map::from_iter([("site".to_string(), site.clone())]),
        site,
        ..Default::default()
    };
    let (context, _) = crate::markdown::templating::SiteContext::new(Vec::new(), data);
    let fields = (!front.is_empty()).then(|| {
        let text = format!("---\n{front}---\n");
        let split = crate::content::front_matter::split_front_matter(&text).expect("front matter");
        crate::content::front_matter::parse_fields(&split.front.expect("a block")).expect("fields")
    });
    let templating = crate::markdown::templating::PageTemplating::new(&context, fields.iter().collect());
    let page = liquid_page(&templating);
    let mut collected = Collected::default();
    let output = evaluate(body, page, &mut collected).expect("evaluated");
    (output, collected.problems.into_iter().map(|(at, _, message)| (at, message)).collect())
}

#[test]
fn a_tag_that_fails_is_put_back_alone_with_a_warning_at_it() {
    let text = "A {{ 'x' | plus: 2 }} {% assign q = 1 | divided_by: 0 %}B {{ site.title }} \
                {% for i in site.list %}[{{ i | divided_by: 0 }}]{% endfor %} {{ q }}.";
    let (output, problems) = evaluated(text, serde_json::json!({"title": "T", "list": [1, 2]}));
    assert_eq!(
        output.text,
        "A 2 {% assign q = 1 | divided_by: 0 %}B T [{{ i | divided_by: 0 }}][{{ i | divided_by: 0 }}] ."
    );
    let at = |needle: &str| text.find(needle).expect("found");
    let places: Vec<usize> = problems.iter().map(|p| p.0).collect();
    assert_eq!(places, [at("{% assign"), at("{{ i |"), at("{{ i |")]);
    assert!(problems[0].1.contains("cannot be evaluated (divided by 0"), "{problems:?}");
    // The tag put back maps to its place in the source.
    let put_back = output.text.find("{% assign").expect("put back");
    assert_eq!(output.map.source_offset(put_back), at("{% assign"));
}

#[test]
fn reads_a_variable_inside_a_tag_as_ruby_liquid_s_lax_parser_does() {
    assert_eq!(
        lax_markup("{% if p contains {{x.y}} %}").as_deref(),
        Some("{% if p contains x.y %}"),
        "the braces dropped"
    );
    assert_eq!(lax_markup("{% if p == {{ x }} %}").as_deref(), Some("{% if p == nil %}"), "split at its spaces");
    assert_eq!(lax_markup("{% assign a = '{{x}}' %}"), None, "quoted text is text");
    assert_eq!(lax_markup("{% if a %}"), None);
    let text = "{% assign list = 'a,b' | split: ',' %}{% for i in list %}{% if i == {{want}} %}[{{ i }}]{% endif %}{% endfor %}";
    let (output, problems) = evaluated(text, serde_json::json!({}));
    assert_eq!(output.text, "", "`want` is nil: {problems:?}");
    let text = text.replace("{% assign list", "{% assign want = 'b' %}{% assign list");
    let (output, problems) = evaluated(&text, serde_json::json!({}));
    assert_eq!(output.text, "[b]", "{problems:?}");
}

#[test]
fn a_jekyll_assets_tag_inside_a_capture_is_captured_as_its_text() {
    let text = "{% assign item = 'x.pdf' %}{% capture link %}{% asset '{{item}}' @path %}{% endcapture %}<a href=\"{{ link }}\">";
    let (output, problems) = evaluated(text, serde_json::json!({}));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        output.text, "<a href=\"{% asset 'x.pdf' @path %}\">",
        "the asset tag, its variable evaluated, for later stages"
    );
    assert_eq!(lax_markup("{% asset '{{item}}' %}"), None, "quoted, so not read as a variable");
}

#[test]
fn a_variable_is_read_when_the_token_bound_falls_inside_a_character() {
    // The bound of a token's window, 4,096 bytes after `{{`, lands in the middle of `’`.
    let filler = "a".repeat(MAX_TOKEN - "{{ site.x }}".len() + 2 - 1);
    let text = format!("{{{{ site.x }}}}{filler}’ after");
    assert!(!text.is_char_boundary(2 + MAX_TOKEN), "the bound splits a character");
    let (output, problems) = evaluated(&text, serde_json::json!({ "x": "X" }));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(output.text.starts_with("Xaaa"), "{}", &output.text[..20]);
}

#[test]
fn a_block_that_fails_is_put_back_alone() {
    let (output, problems) = evaluated("{% for c in 'text' limit: 'a' %}{{ c }}{% endfor %}!", serde_json::json!({}));
    assert_eq!(output.text, "{% for c in 'text' limit: 'a' %}!");
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn a_loop_over_a_long_range_is_not_run() {
    assert!(runs_long("for i in (1..100000000)"));
    assert!(!runs_long("for i in (1..10)"));
}

#[test]
fn maps_the_output_back_to_the_source() {
    let text = "Intro {% assign x = 'v' %}\nValue: {{ x }} end {% include y %}\n";
    let pieces = find_pieces(text, false);
    let Template { text: template, runs, kept, numbered, .. } = template_of(text, &pieces, 0);
    let elements = liquid_core::parser::parse(&template, &LANGUAGE).expect("parses");
    let template = liquid_core::runtime::Template::new(elements);
    let site = SiteGlobals::of(&serde_json::Map::new());
    let globals = Globals::new(&serde_json::json!({}), false, &site);
    let runtime = globals.runtime();
    let mut out = Vec::new();
    liquid_core::Renderable::render_to(&template, &mut out, &runtime).expect("renders");
    let output = output_of(text, &String::from_utf8(out).expect("text"), &runs, &kept, &numbered);
    assert_eq!(output.text, "Intro \nValue: v end {% include y %}\n");
    let at = |needle: &str| output.map.source_offset(output.text.find(needle).expect("found"));
    assert_eq!(at("Value"), text.find("Value").expect("found"));
    assert_eq!(at("v end"), text.find("{{ x }}").expect("found"));
    assert_eq!(at("{% include"), text.find("{% include").expect("found"));
    assert_eq!(at("end"), text.find("end").expect("found"));
}

/// A page of the Liquid stage with the site's and its own variables `templating`, and
/// nothing else on.
pub(in crate::compat::dialects) fn liquid_page<'a>(
    templating: &'a crate::markdown::templating::PageTemplating<'a>,
) -> Page<'a> {
    Page { templating: Some(templating), ..crate::markdown::testing::plain_page() }
}
