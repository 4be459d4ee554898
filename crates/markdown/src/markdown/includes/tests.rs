//! Tests of the directive parsers, the selections and the expansion with its source map.

use std::collections::HashMap;

use super::directives::{Action, Form, Found, Include, Lookup, Param, Select, split_selection};
use super::select::{Marker, marker};
use super::*;
use crate::content::include_files::MemoryFiles;

/// The directives of `text`, read as an MDX page's.
fn find(text: &str) -> Vec<Found> {
    super::directives::find(text, true)
}

fn includes(text: &str) -> Vec<Include> {
    find(text)
        .into_iter()
        .flat_map(|f| match f.action {
            Action::Include(list) => list,
            _ => Vec::new(),
        })
        .collect()
}

fn one(text: &str) -> Include {
    let all = includes(text);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn parses_every_mdbook_range_form() {
    let cases = [
        ("{{#include file.rs}}", Select::All),
        ("{{#include file.rs:10}}", Select::Lines(Some(10), Some(10))),
        ("{{#include file.rs:2:10}}", Select::Lines(Some(2), Some(10))),
        ("{{#include file.rs::10}}", Select::Lines(None, Some(10))),
        ("{{#include file.rs:2:}}", Select::Lines(Some(2), None)),
        ("{{#include file.rs:setup}}", Select::Anchor("setup".into())),
        ("{{ #include file.rs:my-anchor_2 }}", Select::Anchor("my-anchor_2".into())),
        ("{{#rustdoc_include file.rs:2:3}}", Select::Lines(Some(2), Some(3))),
    ];
    for (text, select) in cases {
        let include = one(text);
        assert_eq!(include.path, "file.rs", "{text}");
        assert_eq!(include.select, select, "{text}");
        assert_eq!(include.lookup, Lookup::Relative);
        let form = if text.contains("rustdoc") { Form::Shown } else { Form::Joined };
        assert_eq!(include.form, form, "{text}");
    }
}

#[test]
fn an_escaped_mdbook_include_loses_only_its_backslash() {
    let found = find("see \\{{#include file.rs}} here");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].range, 4..5);
    assert_eq!(found[0].action, Action::Remove);
    assert!(find("{{#title Hello}} {{#other x.rs}}").is_empty());
    // mdBook's `{{#playground}}` includes its file as a Rust code block.
    let found = find("{{#playground x.rs editable}}");
    assert_eq!(found.len(), 1);
    assert!(
        matches!(&found[0].action, Action::Include(i) if i[0].form == Form::Code("rust,editable".into())),
        "{found:?}"
    );
}

#[test]
fn snippets_read_a_lone_line_number_as_a_start() {
    assert_eq!(split_selection("f.md:3"), ("f.md", Select::Lines(Some(3), None)));
    assert_eq!(super::select::split_lines_or_anchor("f.md:3"), ("f.md", Select::Lines(Some(3), Some(3))));
    assert_eq!(split_selection("f.md:2:4"), ("f.md", Select::Lines(Some(2), Some(4))));
    assert_eq!(split_selection("f.md::4"), ("f.md", Select::Lines(None, Some(4))));
    assert_eq!(split_selection("f.md:intro"), ("f.md", Select::Section("intro".into())));
    assert_eq!(split_selection("f.md:a b"), ("f.md:a b", Select::All));
}

#[test]
fn parses_snippet_lines_blocks_and_escapes() {
    let include = one("  --8<-- \"part.md:2:3\"\n");
    assert_eq!(include.path, "part.md");
    assert_eq!(include.select, Select::Lines(Some(2), Some(3)));
    assert_eq!(include.form, Form::Lines("  ".into()));
    assert_eq!(include.lookup, Lookup::Snippets);
    assert_eq!(one("-8<- 'part.md:intro'").select, Select::Section("intro".into()));

    let block = "before\n--8<--\na.md\n\n;skipped.md\nb.md:1:2\n--8<--\nafter\n";
    let found = find(block);
    assert_eq!(found.len(), 1);
    assert_eq!(&block[found[0].range.clone()], "--8<--\na.md\n\n;skipped.md\nb.md:1:2\n--8<--\n");
    let paths: Vec<String> = includes(block).into_iter().map(|i| i.path).collect();
    assert_eq!(paths, ["a.md", "b.md"]);

    // An escaped line loses its `;`; a block never closed and a marker inside a line
    // are text.
    let found = find(";--8<-- \"a.md\"\n");
    assert_eq!((found[0].range.clone(), &found[0].action), (0..1, &Action::Remove));
    assert!(find("--8<--\na.md\n").is_empty());
    assert!(find("text --8<-- \"a.md\"\n").is_empty());
    assert!(find("--8<-- [start:intro]\n").is_empty());
    assert!(matches!(find("--8<-- \"https://example.com/a.md\"")[0].action, Action::Refuse(_)));
}

#[test]
fn parses_hugo_shortcodes_and_their_comment_escape() {
    let include = one(r#"{{% include "shared/oncall.md" %}}"#);
    assert_eq!((include.path.as_str(), include.lookup), ("shared/oncall.md", Lookup::SiteFolders));
    assert_eq!(one(r#"{{< include "x.md" >}}"#).path, "x.md");
    let readfile = one(r#"{{< readfile file="cfg.yaml" code="true" lang="yaml" >}}"#);
    assert_eq!((readfile.path.as_str(), readfile.form), ("cfg.yaml", Form::Code("yaml".into())));
    assert_eq!(one(r#"{{% readfile file="/x.md" markdown="true" %}}"#).form, Form::Raw);
    assert!(includes(r#"{{< figure src="x.png" >}}"#).is_empty());

    assert!(find(r#"{{%/* include "x.md" */%}}"#).is_empty(), "an escaped include is left as written");
}

#[test]
fn parses_liquid_includes_and_eleventys_quoted_ones() {
    let include = one("{% include note.md title=\"Heads up\" level=2 %}");
    assert_eq!((include.path.as_str(), include.lookup), ("note.md", Lookup::IncludesFolders));
    let param = |name: &str, value: &str, text: bool| Param { name: name.into(), value: value.into(), text };
    assert_eq!(include.params, [param("title", "Heads up", true), param("level", "2", false)]);
    assert_eq!(one("{%- include_relative ../shared/a.md -%}").lookup, Lookup::PageRelative);
    // A bare value is a Liquid expression, evaluated where the include is written.
    let include = one("{% include card.html component=page.kind size=-2.5 wide=true odd=a[0] %}");
    let expected = [param("component", "page.kind", false), param("size", "-2.5", false), param("wide", "true", false)];
    assert_eq!(include.params, expected, "`a[0]` is no value of Jekyll's include syntax");
    assert!(find("{% include {{ page.file }} %}").is_empty());
    // Eleventy's (Nunjucks, and Liquid's dynamic partials) quote the name; Jekyll's never
    // does, and the expansion reads them in an Eleventy handbook only.
    let include = one(r#"{% include "partials/nav.njk" %}"#);
    assert_eq!(
        (include.path.as_str(), include.lookup),
        ("partials/nav.njk", Lookup::TemplateIncludes { optional: false })
    );
    assert_eq!(one("{%- include './here.md' ignore missing -%}").lookup, Lookup::TemplateIncludes { optional: true });
    // LiquidJS's parameters (`include` and `render`), commas optional, over lines too.
    let include = one("{% render 'card.liquid', title: \"Hi\", steps: travel-steps.steps\n  n:3 %}");
    let expected = [param("title", "Hi", true), param("steps", "travel-steps.steps", false), param("n", "3", false)];
    assert_eq!(
        (include.lookup, include.params.as_slice()),
        (Lookup::TemplateIncludes { optional: false }, &expected[..])
    );
    assert!(find("{% render snippet %}").is_empty(), "Jekyll has no render; LiquidJS quotes the name");
    // A name from variables, `with` and `for`, and what is no hash, are the template stage's.
    assert!(find(r#"{% include "a" + name %}"#).is_empty());
    assert!(find(r#"{% render "card" for products as product %}"#).is_empty());
    assert!(find(r#"{% include "{{ x }}.md" %}"#).is_empty());
}

/// jekyll/jekyll `docs/_docs/includes.md` shows its tags inside `{% raw %}`: Liquid reads
/// no tag there, on one line or across lines; the other dialects do not know `raw`.
#[test]
fn leaves_liquid_includes_inside_raw_blocks() {
    assert!(find("`{% raw %}{% include user %}{% endraw %}` and {%- raw -%}{% include_relative a.md %}").is_empty());
    let text =
        "{% raw %}\n```liquid\n{% include note.html content=\"x\" %}\n```\n{% endraw %}\n{% include after.md %}\n";
    assert_eq!(includes(text).into_iter().map(|i| i.path).collect::<Vec<_>>(), ["after.md"]);
    assert_eq!(one("{% raw %}x{% endraw %} {{#include a.rs}}").path, "a.rs");
    assert_eq!(one("{% raw %}\n{{% include \"h.md\" %}}\n").path, "h.md");
}

#[test]
fn finds_markers_of_anchors_and_sections() {
    assert_eq!(marker("// ANCHOR: setup"), Some(Marker::AnchorStart("setup")));
    assert_eq!(marker("# ANCHOR_END: setup"), Some(Marker::AnchorEnd("setup")));
    assert_eq!(marker("<!-- --8<-- [start:intro] -->"), Some(Marker::SectionStart("intro")));
    assert_eq!(marker("# -8<- [end: intro]"), Some(Marker::SectionEnd("intro")));
    assert_eq!(marker("plain line"), None);
}

#[test]
fn scanning_a_line_of_openers_is_linear() {
    let line = "{{#include a".repeat(20_000) + "}";
    let started = std::time::Instant::now();
    assert!(find(&line).is_empty());
    let line = "{% include ".repeat(20_000);
    assert!(find(&line).is_empty());
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

fn files(list: &[(&str, &str)]) -> MemoryFiles {
    MemoryFiles(list.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect::<HashMap<_, _>>())
}

/// Links of a site where `content/secret/` is internal.
struct Links;

impl LinkResolver for Links {
    fn resolve(&self, _: &str, destination: &str) -> Resolution {
        match destination.starts_with("secret/") {
            true => Resolution::Internal { message: String::new() },
            false => Resolution::External,
        }
    }
}

fn expand_page(text: &str, files: &MemoryFiles) -> Expanded {
    let page = MarkdownInput {
        body_line: 3,
        file: "content/guide/page.md",
        dir: "guide",
        links: &Links,
        ..crate::markdown::testing::test_input(text)
    };
    expand(&page, files).expect("the page has directives")
}

const CODE: &str = "fn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}\n";

#[test]
fn selects_lines_and_anchors_and_drops_anchor_lines_inside_an_anchor() {
    let f = files(&[("content/guide/main.rs", CODE)]);
    let cases = [
        ("{{#include main.rs}}", "fn main() {\n    // ANCHOR: body\n    run();\n    // ANCHOR_END: body\n}"),
        ("{{#include main.rs:body}}", "    run();"),
        ("{{#include main.rs:3}}", "    run();"),
        ("{{#include main.rs:1:3}}", "fn main() {\n    // ANCHOR: body\n    run();"),
        ("{{#rustdoc_include main.rs:body}}", "    run();"),
        ("{{#rustdoc_include main.rs:3}}", "    run();"),
        ("{{#include main.rs::1}}", "fn main() {"),
        ("{{#include main.rs:5:}}", "}"),
        ("{{#include main.rs:9:}}", ""),
    ];
    for (text, expected) in cases {
        let out = expand_page(text, &f);
        assert_eq!(out.text, expected, "{text}");
        assert!(out.problems.is_empty(), "{text}: {:?}", out.problems);
    }
}

#[test]
fn snippets_indent_lines_and_take_sections() {
    let part = "one\n--8<-- [start:mid]\ntwo\n--8<-- [end:mid]\nthree\n";
    let f = files(&[("content/part.md", part)]);
    let out = expand_page("- item\n\n    --8<-- \"part.md\"\nafter\n", &f);
    assert_eq!(out.text, "- item\n\n    one\n    two\n    three\nafter\n");
    let out = expand_page("--8<-- \"part.md:mid\"\n", &f);
    assert_eq!(out.text, "two\n");
    let out = expand_page("--8<-- \"part.md:3:5\"\n", &f);
    assert_eq!(out.text, "two\nthree\n");
}

#[test]
fn maps_included_bytes_to_their_file_line_and_folder() {
    let f = files(&[("content/snippets/a.md", "Intro\n\nSee [x](../img/x.png).\n")]);
    let out = expand_page("# Page\n\n{{% include \"/snippets/a.md\" %}}\n\nEnd\n", &f);
    assert_eq!(out.text, "# Page\n\nIntro\n\nSee [x](../img/x.png).\n\nEnd\n");
    let link = out.text.find("[x]").unwrap();
    let place = out.place(link);
    assert_eq!(out.link_dir(place), Some("snippets"));
    let at = out.locate(place);
    assert_eq!((at.file, at.line, at.column), ("content/snippets/a.md", 3, 5));
    assert_eq!(at.included_from, Some(("content/guide/page.md", 5)));
    let end = out.locate(out.place(out.text.find("End").unwrap()));
    assert_eq!((end.file, end.line, end.column, end.included_from), ("content/guide/page.md", 7, 1, None));
}

#[test]
fn nests_and_reports_cycles_with_their_chain() {
    let f = files(&[
        ("content/guide/a.md", "A {{#include b.md}}"),
        ("content/guide/b.md", "B {{#include a.md}}"),
        ("content/guide/c.md", "C {{#include d.md}}"),
        ("content/guide/d.md", "D"),
    ]);
    let out = expand_page("{{#include c.md}}", &f);
    assert_eq!(out.text, "C D");
    let out = expand_page("x\n{{#include a.md}}", &f);
    assert_eq!(out.text, "x\nA B ");
    assert_eq!(out.problems.len(), 1);
    let (place, message) = &out.problems[0];
    assert_eq!(message, "include cycle: content/guide/a.md -> content/guide/b.md -> content/guide/a.md");
    let at = out.locate(*place);
    assert_eq!((at.file, at.line, at.column), ("content/guide/b.md", 1, 3));
}

#[test]
fn reports_missing_files_and_anchors_at_the_directive() {
    let f = files(&[("content/guide/main.rs", CODE)]);
    let out = expand_page("line\n  {{#include nope.rs}}\n{{#include main.rs:gone}}\n", &f);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let found: Vec<(usize, usize, &str)> = out
        .missing
        .iter()
        .map(|(p, m)| {
            let at = out.locate(*p);
            (at.line, at.column, m.as_str())
        })
        .collect();
    assert_eq!(
        found,
        [
            (4, 3, "no file `nope.rs` to include (looked for `content/guide/nope.rs`)"),
            (5, 1, "no anchor `gone` in `content/guide/main.rs`"),
        ]
    );
}

#[test]
fn refuses_paths_above_the_root_and_hidden_folders() {
    assert_eq!(join("content/guide", "../../x.md").as_deref(), Ok("x.md"));
    assert!(join("content/guide", "../../../etc/passwd").is_err());
    assert!(join("content", "../.git/config").is_err());
    assert!(join("", "a/.env").is_err());
    let out = expand_page("{{#include ../../../etc/passwd}}", &files(&[]));
    assert!(out.missing[0].1.contains("outside the handbook"), "{:?}", out.missing);
    let unread = "not a path opsbook reads (empty, a backslash or a control character)";
    assert_eq!(join("content/guide", "..\\secret.md").unwrap_err(), unread);
    assert_eq!(join("content/guide", "a\u{1}.md").unwrap_err(), unread);
    assert_eq!(join("content/guide", "../..").unwrap_err(), "the path names the handbook's folder, not a file");
}

#[test]
fn a_public_build_refuses_internal_files() {
    let f = files(&[("content/secret/vault.md", "CANARY"), ("content/guide/ok.md", "fine")]);
    let out = expand_page("{{#include ../secret/vault.md}} {{#include ok.md}}", &f);
    assert_eq!(out.text, " fine");
    let messages: Vec<&str> = out.problems.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(
        messages,
        ["cannot include `../secret/vault.md` in a public build: `content/secret/vault.md` is internal"]
    );
}

#[test]
fn bounds_nesting_depth() {
    let list: Vec<(String, String)> =
        (0..40).map(|i| (format!("content/guide/f{i}.md"), format!("{i} {{{{#include f{}.md}}}}", i + 1))).collect();
    let f = MemoryFiles(list.into_iter().collect());
    let out = expand_page("{{#include f0.md}}", &f);
    assert_eq!(out.problems.len(), 1);
    assert!(out.problems[0].1.contains("deeper than 16"), "{:?}", out.problems);
}

#[test]
fn bounds_the_expanded_size() {
    let big = "x".repeat(MAX_EXPANDED / 4);
    let page = "{{#include big.md}}\n".repeat(5);
    let out = expand_page(&page, &files(&[("content/guide/big.md", &big)]));
    assert!(out.text.len() <= MAX_EXPANDED);
    assert!(out.problems.iter().any(|(_, m)| m.contains("16 MiB")), "{:?}", out.problems.len());
}

#[test]
fn bounds_the_number_of_includes_of_empty_files() {
    // Ten includes of a file that includes ten… of an empty file: 10^16 without a bound.
    let ten = |next: usize| "{{#include f".to_string() + &next.to_string() + ".md}}\n";
    let mut list: Vec<(String, String)> =
        (0..15).map(|i| (format!("content/guide/f{i}.md"), ten(i + 1).repeat(10))).collect();
    list.push(("content/guide/f15.md".to_string(), String::new()));
    let f = MemoryFiles(list.into_iter().collect());
    let started = std::time::Instant::now();
    let out = expand_page("{{#include f0.md}}", &f);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let messages: Vec<&str> = out.problems.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(messages, ["the page has more than 4096 includes; the rest are left out"]);
}

/// Hugo sites keep shared snippets in `assets/` (`resources.Get`), at the root
/// (`readFile`) or in `_includes/` folders found from the page upwards.
#[test]
fn finds_hugo_includes_where_hugo_sites_read_them() {
    let f = files(&[
        ("assets/includes/spin.md", "from assets"),
        ("content/_includes/top.md", "from the top"),
        ("content/guide/_includes/near.md", "from near"),
        ("content/guide/deep/_includes/deeper.md", "too deep"),
        ("README.md", "from the root"),
    ]);
    let out = expand_page("{{% include \"includes/spin.md\" %}} {{% include near.md %}} {{% include top.md %}}", &f);
    assert_eq!(out.text, "from assets from near from the top");
    let out = expand_page("{{< readfile file=\"README.md\" >}} {{% include \"/includes/spin.md\" %}}", &f);
    assert_eq!(out.text, "from the root from assets");
    // Not in a folder below the page's, nor for a path written from `.`.
    let out = expand_page("{{% include deeper.md %}}{{% include ./near.md %}}", &f);
    assert_eq!(out.missing.len(), 2, "{:?}", out.missing);
    assert!(out.problems.is_empty());
    assert_eq!(
        out.missing[0].1,
        "no file `deeper.md` to include (looked for `content/guide/deeper.md`, `content/guide/_includes/deeper.md`, \
         `content/_includes/deeper.md`, `content/deeper.md`, `deeper.md`, `assets/deeper.md`)"
    );
}

#[test]
fn reads_jekyll_and_snippet_folders_from_the_roots() {
    let roots = crate::content::include_roots::IncludeRoots {
        includes_dir: Some("partials".into()),
        theme_includes: Some("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes".into()),
        snippet_bases: vec!["snippets".into()],
        markdown_include: None,
        languages: Vec::new(),
        template_includes: None,
        reusable_folder: None,
    };
    let f = files(&[
        ("partials/a.html", "site"),
        ("vendor/bundle/ruby/3.3.0/gems/minima-2.5.1/_includes/disqus.html", "theme"),
        ("snippets/s.md", "snippet"),
    ]);
    let page = MarkdownInput {
        body_line: 3,
        file: "content/guide/page.md",
        dir: "guide",
        links: &Links,
        include_roots: &roots,
        ..crate::markdown::testing::test_input("{% include a.html %} {% include disqus.html %}\n--8<-- \"s.md\"\n")
    };
    let out = expand(&page, &f).expect("the page has directives");
    assert_eq!(out.text, "site theme\nsnippet\n");
}

/// Eleventy's lookup (its `Nunjucks.js` and `Liquid.js`): `./` and `../` from the
/// including file's folder; else the includes folder, from the input folder, then the
/// project's folder (Nunjucks) or the input folder (Liquid, adding `.liquid`).
#[test]
fn reads_eleventy_includes_from_its_folders_by_engine() {
    use crate::content::include_roots::{IncludeRoots, TemplateIncludes};
    use crate::content::site_data::Engine;
    let f = files(&[
        ("_includes/shared.md", "top"),
        ("content/_includes/note.md", "from includes {% include \"./nested.md\" %}"),
        ("content/_includes/nested.md", "nested"),
        ("content/guide/local.md", "local"),
        ("content/card.liquid", "card"),
        ("README.md", "project"),
        ("content/README.md", "input"),
    ]);
    let expand_with = |engine, folder: &str, text: &str| {
        let roots = IncludeRoots {
            template_includes: Some(TemplateIncludes { folder: folder.into(), engine }),
            ..IncludeRoots::default()
        };
        let page = MarkdownInput {
            body_line: 3,
            file: "content/guide/page.md",
            dir: "guide",
            links: &Links,
            include_roots: &roots,
            ..crate::markdown::testing::test_input(text)
        };
        expand(&page, &f).expect("the page has directives")
    };
    let text = "{% include \"note.md\" %}|{% include './local.md' %}|{% include \"README.md\" %}|{% include \"gone.md\" ignore missing %}\n";
    let out = expand_with(Engine::Nunjucks, "_includes", text);
    assert_eq!(out.text, "from includes nested|local|project|\n");
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    let out = expand_with(Engine::Liquid, "_includes", "{% include 'README.md' %}|{% include 'card' %}\n");
    assert_eq!(out.text, "input|card\n");
    // LiquidJS's parameters are assigned before the included text; Nunjucks has none.
    let out = expand_with(Engine::Liquid, "_includes", "{% include 'card', who: page.team, what: \"db\" %}\n");
    assert_eq!(out.text, "{% assign who = page.team %}{% assign what = \"db\" %}card\n");
    let text = "{% include 'card', who: page.team %}|{% include 'README.md' %}\n";
    assert_eq!(expand_with(Engine::Nunjucks, "_includes", text).text, "{% include 'card', who: page.team %}|project\n");
    // `dir.includes` is read from the input folder: `../_includes` is the root's.
    assert_eq!(expand_with(Engine::Nunjucks, "../_includes", "{% include \"shared.md\" %}\n").text, "top\n");
    // One above the handbook reads nothing there; the next folder is still looked in.
    let out = expand_with(Engine::Nunjucks, "../../elsewhere", "{% include \"note.md\" %}\n");
    assert_eq!(out.missing.len(), 1, "{:?}", out.missing);
    // Without an Eleventy configuration a quoted include is text, as in Jekyll.
    let page = MarkdownInput { links: &Links, ..crate::markdown::testing::test_input("{% include \"note.md\" %}\n") };
    assert!(expand(&page, &f).is_none());
}

/// A missing include shows a placeholder: an element in text, plain text in code, a
/// line of its own for a snippet.
#[test]
fn a_missing_include_leaves_a_visible_placeholder() {
    let out = expand_page("See {{% include \"gone{x}.md\" %}} here.\n", &files(&[]));
    assert_eq!(
        out.text,
        "See <span class=\"unsupported missing-include\">missing include: <code>gone&#123;x&#125;.md</code></span> here.\n"
    );
    let out = expand_page("```rust\n{{#include gone.rs}}\n```\n`{{#include x.rs}}`\n", &files(&[]));
    assert_eq!(out.text, "```rust\nmissing include: gone.rs\n```\n`missing include: x.rs`\n");
    let out = expand_page("- a\n\n    --8<-- \"gone.md\"\nb\n", &files(&[]));
    assert_eq!(
        out.text,
        "- a\n\n    <span class=\"unsupported missing-include\">missing include: <code>gone.md</code></span>\nb\n"
    );
    assert_eq!(out.missing.len(), 1);
    let at = out.locate(out.missing[0].0);
    assert_eq!((at.line, at.column), (5, 1));
}

#[test]
fn substitutes_jekyll_parameters() {
    let f = files(&[("_includes/note.md", "> {{ include.title }}: {{ include.other }}\n")]);
    let out = expand_page("{% include note.md title=\"Careful\" %}", &f);
    assert_eq!(out.text, "> Careful: {{ include.other }}");
    // Multi-byte text right after a `{{` that is no parameter.
    let f = files(&[("_includes/note.md", &format!("{{{{{}", "ü".repeat(60)))]);
    let out = expand_page("{% include note.md title=\"x\" %}", &f);
    assert!(out.text.ends_with("üü"));
}

/// Liquid reads a tag over several lines; so does the include of a page that puts one
/// parameter on each line.
#[test]
fn reads_a_liquid_include_written_over_lines() {
    let f = files(&[("_includes/table.html", "[{{ include.title }}|{% for r in include.rows %}{% endfor %}]")]);
    let page = "Before {% include table.html\n  rows=page.rows\n  title=\"Props\"\n%} after {% include table.html title=\"B\" %}\nnext\n";
    let out = expand_page(page, &f);
    assert_eq!(
        out.text,
        "Before [Props|{% for r in page.rows %}{% endfor %}] after [B|{% for r in include.rows %}{% endfor %}]\nnext\n"
    );
    let unclosed = "{% include table.html\n  rows=page.rows\nno end {% include table.html title=\"C\" %}\n";
    let expected = "{% include table.html\n  rows=page.rows\nno end [C|{% for r in include.rows %}{% endfor %}]\n";
    assert_eq!(expand_page(unclosed, &f).text, expected, "a tag not closed before the next one is text");
}

/// Jekyll evaluates a bare parameter where the include is written and quotes nothing in
/// the included file: `include.NAME` in any tag or variable stands for the parameter.
#[test]
fn substitutes_jekyll_parameters_inside_tags_as_expressions() {
    let body = "{% for n in include.list limit: include.max %}{{ include.day | date: \"%Y\" }}{% endfor %}\
                {% t include.key %} {% if x == {{include.key}} %}{{ site.include.list }}{{ include.lister }}{% endif %}\
                '{{ include.day }}' \"include.key\"";
    let f = files(&[("_includes/loop.html", body)]);
    let out = expand_page("{% include loop.html list=site.data.items max=2 day=item.date key=\"a'b\" %}", &f);
    assert_eq!(
        out.text,
        "{% for n in site.data.items limit: 2 %}{{ item.date | date: \"%Y\" }}{% endfor %}\
         {% t \"a'b\" %} {% if x == {{\"a'b\"}} %}{{ site.include.list }}{{ include.lister }}{% endif %}\
         '{{ item.date }}' \"include.key\""
    );
}

#[test]
fn a_page_without_directives_is_left_alone() {
    let page = MarkdownInput {
        body_line: 1,
        file: "content/a.md",
        dir: "",
        links: &Links,
        ..crate::markdown::testing::test_input("Plain {{ x }} text\n")
    };
    assert!(expand(&page, &files(&[])).is_none());
}

/// A public build selects from a file's public text, and the source map still
/// names the file's own lines.
#[test]
fn a_public_build_selects_from_the_public_text_of_a_file() {
    let file = "one\n<!-- internal -->\nSECRET one\nSECRET two\n<!-- /internal -->\nsix [x](y.md)\n";
    let f = files(&[("content/guide/f.md", file)]);
    let page = |mode| MarkdownInput {
        internal_blocks: mode,
        body_line: 3,
        file: "content/guide/page.md",
        dir: "guide",
        links: &Links,
        ..crate::markdown::testing::test_input("{{#include f.md:2:6}}")
    };
    let out = expand(&page(crate::markdown::internal::Mode::Drop), &f).expect("the page has directives");
    assert_eq!(out.text, "\n\n\n\nsix [x](y.md)", "only the line breaks of the block");
    let at = out.locate(out.place(out.text.find("six").unwrap()));
    assert_eq!((at.file, at.line, at.column), ("content/guide/f.md", 6, 1));
    assert!(out.problems.is_empty() && out.internal_problems.is_empty());
    assert_eq!(out.dropped.len(), 1);
    // The internal build takes the file as written.
    let out = expand(&page(crate::markdown::internal::Mode::Mark), &f).expect("the page has directives");
    assert!(out.text.contains("SECRET one"), "{}", out.text);
}

/// Docusaurus's imported Markdown: `@site/` from the handbook's folder, `./` from the
/// page's; the import line dropped; a missing partial is a missing include.
#[test]
fn writes_imported_docusaurus_partials_in_place() {
    let f = files(&[("docs/_shared/_checklist.md", "- [ ] page the owner"), ("content/guide/_near.mdx", "near")]);
    let text = "import Checklist from '@site/docs/_shared/_checklist.md';\nimport Near from './_near.mdx';\n\n<Checklist />\n\n<Near/>\n";
    let out = expand_page(text, &f);
    assert_eq!(out.text, "\n- [ ] page the owner\n\nnear\n");
    let out = expand_page("import Gone from '@site/docs/_gone.md';\n<Gone />\n", &f);
    assert_eq!(out.missing.len(), 1, "{:?}", out.missing);
    assert_eq!(out.missing[0].1, "no file `docs/_gone.md` to include (looked for `docs/_gone.md`)");
}

mod links_table;
