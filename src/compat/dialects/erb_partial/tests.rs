//! Middleman's partials, with the cases of its own Cucumber feature
//! `middleman-core/features/partials.feature` and its fixture site
//! `middleman-core/fixtures/partials-app` (middleman/middleman at
//! 5295d435fb974cfda228d9f0cdae529bf4051506) as fixtures.

use std::collections::HashMap;

use super::*;

/// The files of the fixture site `partials-app` under `source/`, as Middleman's
/// repository has them, and a few of opsbook's own.
fn partials_app() -> HashMap<String, String> {
    let files = [
        ("_block.erb", "Start\n<%= yield %>\nEnd\n"),
        ("_code_snippet.html", "<p>Hello World</p>"),
        ("_locals.erb", "Local var is <%= foo %>"),
        ("_main.erb", "ERb Main"),
        ("_main.str", "Str Main"),
        ("images/tiger.svg", "<svg id=\"svg2\"></svg>\n"),
        ("shared/_footer.erb", "<footer>Footer</header>"),
        ("shared/_header.erb", "<header>Header</header>"),
        ("sub/_local.erb", "<h2>Local Partial</h2>"),
        // opsbook's own: nesting, locals passed on, cycles and Markdown partials.
        ("_outer.erb", "[<%= partial 'inner' %>]"),
        ("_inner.erb", "inner <%= who %>"),
        ("_self.erb", "again <%= partial 'self' %>"),
        ("_ping.erb", "<%= partial 'pong' %>"),
        ("_pong.erb", "<%= partial 'ping' %>"),
        ("docs/_steps.md", "---\ntitle: x\n---\n## Steps\n\nRun `<%= not_erb %>`.\n"),
    ];
    files.iter().map(|(path, text)| (format!("source/{path}"), text.to_string())).collect()
}

/// `text` expanded as the page `source/PAGE` of `files`, with the problems' messages.
fn expanded(page: &str, text: &str, files: &HashMap<String, String>) -> (String, Vec<(usize, Problem, String)>) {
    let page_file = format!("source/{page}");
    let page_dir = page_file.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let read = |relative: bool, name: &str| -> Result<LateText, LateFailure> {
        let path = match name.strip_prefix('/') {
            Some(rest) => crate::markdown::includes::join("source", rest),
            None if relative => crate::markdown::includes::join(&page_dir, name),
            None => unreachable!("every lookup is relative or from the source folder"),
        }
        .map_err(|why| LateFailure::Missing(format!("cannot include `{name}`: {why}")))?;
        match files.get(&path) {
            Some(text) => {
                Ok(LateText { file: path.clone(), text: text.clone(), files: vec![path], ..Default::default() })
            }
            None => Err(LateFailure::NoFile(format!("no file `{name}` to include"))),
        }
    };
    let mut collected = Collected::default();
    let output = expand_with(text, &page_file, &read, &mut collected);
    (output.map_or_else(|| text.to_string(), |o| o.text), collected.problems)
}

#[test]
fn finds_shared_partials_relative_to_the_root() {
    // "Finds shared partials relative to the root": /index.html.
    let (text, problems) = expanded(
        "index.html.erb",
        "<%= partial \"shared/header\" %>\n<%= partial \"main\" %>\n<%= partial \"shared/footer\" %>",
        &partials_app(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    // "Prefers partials of the same engine type": ERb Main, not Str Main.
    assert_eq!(text, "<header>Header</header>\nERb Main\n<footer>Footer</header>");
}

#[test]
fn finds_partials_relative_to_the_page_then_the_root() {
    // "Finds shared partials relative to the root (sub)" and "Finds partial relative to
    // template": /sub/index.html.
    let (text, problems) = expanded(
        "sub/index.html.erb",
        "<%= partial \"shared/header\" %>\n<%= partial \"local\" %>\n<%= partial \"../shared/footer\" %>\n",
        &partials_app(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(text, "<header>Header</header>\n<h2>Local Partial</h2>\n<footer>Footer</header>\n");
}

#[test]
fn a_missing_partial_stays_as_written_with_a_problem_at_its_tag() {
    // "Flags error when partial is not found": /index_missing.html.
    let page =
        "<%= partial \"shared/header\" %>\n<%= partial \"i_do_not_exist\" %>\n<%= partial \"shared/footer\" %>\n";
    let (text, problems) = expanded("index_missing.html.erb", page, &partials_app());
    assert!(text.contains("\n<%= partial \"i_do_not_exist\" %>\n"), "{text}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, page.find("<%= partial \"i_do").expect("the tag"));
    assert_eq!(problems[0].1, Problem::MissingInclude);
    assert!(problems[0].2.contains("could not locate partial `i_do_not_exist`"), "{problems:?}");
}

#[test]
fn passes_locals_to_the_partial() {
    // "Partials can be passed locals": /locals.html.
    let (text, problems) =
        expanded("locals.html.erb", "<%= partial 'locals', locals: { foo: 'bar' } %>\n", &partials_app());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(text, "Local var is bar\n");
    // The same in Padrino's older hash syntax.
    let (text, _) =
        expanded("locals.html.erb", "<%= partial('locals', :locals => { :foo => \"baz\" }) %>", &partials_app());
    assert_eq!(text, "Local var is baz");
}

#[test]
fn writes_files_that_are_no_templates_as_they_are() {
    // "Works with non-template content (svg)": /svg.html and /static_underscore.html.
    let (svg, problems) = expanded("svg.html.erb", "<%= partial \"images/tiger.svg\" %>", &partials_app());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(svg.starts_with("<svg"), "{svg}");
    let (snippet, _) = expanded("static_underscore.html.erb", "<%= partial \"code_snippet.html\" %>", &partials_app());
    assert_eq!(snippet, "<p>Hello World</p>");
}

#[test]
fn leaves_a_partial_with_a_block_for_a_placeholder() {
    // "Works with blocks": /block.html, not read (the block's content is Ruby's to yield).
    let page = "<% partial \"block\" do %>\nContents \n<% end %>\n";
    let (text, problems) = expanded("block.html.erb", page, &partials_app());
    assert_eq!(text, page);
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn nests_partials_and_passes_locals_on() {
    let (text, problems) = expanded("a.html.md.erb", "<%= partial 'outer', locals: { who: 'me' } %>", &partials_app());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(text, "[inner me]");
}

#[test]
fn a_partial_that_includes_itself_is_an_error_at_the_page_s_tag() {
    for (name, chain) in [
        ("self", "source/_self.erb -> source/_self.erb"),
        ("ping", "source/_ping.erb -> source/_pong.erb -> source/_ping.erb"),
    ] {
        let page = format!("Top\n\n<%= partial '{name}' %>\n");
        let (_, problems) = expanded("a.html.md.erb", &page, &partials_app());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, page.find("<%=").expect("the tag"));
        assert_eq!(problems[0].1, Problem::Include);
        assert!(problems[0].2.contains(chain), "{problems:?}");
    }
}

#[test]
fn a_markdown_partial_is_text_without_its_front_matter_and_ends_its_blocks() {
    let (text, problems) =
        expanded("docs/page.html.md.erb", "Intro\n\n<%= partial 'steps' %>\nAfter.\n", &partials_app());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(text, "Intro\n\n## Steps\n\nRun `<%%= not_erb %>`.\n\nAfter.\n");
}

#[test]
fn looks_for_a_partial_in_middleman_s_order() {
    assert_eq!(
        candidates("shared/header"),
        [
            (true, "shared/_header.*".to_string()),
            (false, "shared/_header.*".to_string()),
            (true, "shared/header.*".to_string()),
            (false, "shared/header.*".to_string()),
            (false, "shared/_header".to_string()),
            (true, "shared/header".to_string()),
            (false, "shared/header".to_string()),
        ]
    );
    assert_eq!(candidates("/main")[0], (true, "_main.*".to_string()));
    assert_eq!(candidates("main")[2], (true, "main.*".to_string()));
}

#[test]
fn reads_the_calls_ruby_writes_literally() {
    let call = |name: &str, locals: &[(&str, &str)]| Call {
        name: name.to_string(),
        locals: locals.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
    };
    assert_eq!(parse_call("partial 'partials/nav'"), Some(call("partials/nav", &[])));
    assert_eq!(parse_call("partial(\"x\")"), Some(call("x", &[])));
    assert_eq!(parse_call("partial :footer"), Some(call("footer", &[])));
    assert_eq!(
        parse_call("partial 'x', locals: { a: 'A', 'b' => 2, :c => nil, d: page.title }"),
        Some(call("x", &[("a", "A"), ("b", "2"), ("c", "")]))
    );
    for code in [
        "partial \"modules/#{lang}/head\"",
        "partial 'x' do",
        "partial x",
        "partials 'x'",
        "partial 'x', collection: items",
    ] {
        assert_eq!(parse_call(code), None, "{code}");
    }
}
