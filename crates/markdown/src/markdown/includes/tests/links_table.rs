//! The tests of mdBook's links preprocessor, as tables over opsbook's functions:
//! `crates/mdbook-driver/src/builtin_preprocessors/links.rs` and `links/take_lines.rs`
//! at rust-lang/mdBook 641d06abe7d10d981ed61dd2711a30e4119666cd. mdBook's line ranges
//! are 0-based and end-exclusive; opsbook's [`Select::Lines`] 1-based and inclusive, so
//! `9..20` is `Lines(Some(10), Some(20))`.

use super::super::directives::{Action, Form, Include, Lookup, Select, find};
use super::super::select::{assemble, rustdoc_lines, split_lines_or_anchor};

/// A found directive as a line: its range, then `escape` or the include's path,
/// selection and form.
fn described(text: &str) -> Vec<String> {
    find(text, true)
        .into_iter()
        .flat_map(|found| match found.action {
            Action::Include(list) => {
                list.into_iter().map(|i| format!("{:?} {} {:?} {:?}", found.range, i.path, i.select, i.form)).collect()
            }
            other => vec![format!("{:?} {other:?}", found.range)],
        })
        .collect()
}

/// `links.rs`'s `find_links` tests: the text, and each link found (mdBook's escaped
/// link, `\{{#…}}`, is the removal of its backslash). Its `test_find_all_link_types`
/// also escapes a directive of another name, `\{{#contents …}}`: that one is the
/// dialects pass's (`compat::dialects::mdbook`), which shows it without the backslash.
const FIND_LINKS: &[(&str, &str, &[&str])] = &[
    ("test_find_links_no_link", "Some random text without link...", &[]),
    ("test_find_links_partial_link", "Some random text with {{#playground...", &[]),
    ("test_find_links_partial_link", "Some random text with {{#include...", &[]),
    ("test_find_links_partial_link", "Some random text with \\{{#include...", &[]),
    ("test_find_links_empty_link", "Some random text with {{#playground}} and {{#playground   }} {{}} {{#}}...", &[]),
    (
        "test_find_links_unknown_link_type",
        "Some random text with {{#playgroundz ar.rs}} and {{#incn}} {{baz}} {{#bar}}...",
        &[],
    ),
    (
        "test_find_links_simple_link",
        "Some random text with {{#playground file.rs}} and {{#playground test.rs }}...",
        &["22..45 file.rs All Code(\"rust\")", "50..74 test.rs All Code(\"rust\")"],
    ),
    (
        "test_find_links_with_special_characters",
        "Some random text with {{#playground foo-bar\\baz/_c++.rs}}...",
        &["22..57 foo-bar\\baz/_c++.rs All Code(\"rust\")"],
    ),
    (
        "test_find_links_with_range",
        "Some random text with {{#include file.rs:10:20}}...",
        &["22..48 file.rs Lines(Some(10), Some(20)) Joined"],
    ),
    (
        "test_find_links_with_line_number",
        "Some random text with {{#include file.rs:10}}...",
        &["22..45 file.rs Lines(Some(10), Some(10)) Joined"],
    ),
    (
        "test_find_links_with_from_range",
        "Some random text with {{#include file.rs:10:}}...",
        &["22..46 file.rs Lines(Some(10), None) Joined"],
    ),
    (
        "test_find_links_with_to_range",
        "Some random text with {{#include file.rs::20}}...",
        &["22..46 file.rs Lines(None, Some(20)) Joined"],
    ),
    (
        "test_find_links_with_full_range",
        "Some random text with {{#include file.rs::}}...",
        &["22..44 file.rs All Joined"],
    ),
    (
        "test_find_links_with_no_range_specified",
        "Some random text with {{#include file.rs}}...",
        &["22..42 file.rs All Joined"],
    ),
    (
        "test_find_links_with_anchor",
        "Some random text with {{#include file.rs:anchor}}...",
        &["22..49 file.rs Anchor(\"anchor\") Joined"],
    ),
    (
        "test_find_links_escaped_link",
        "Some random text with escaped playground \\{{#playground file.rs editable}} ...",
        &["41..42 Remove"],
    ),
    (
        "test_find_playgrounds_with_properties",
        "Some random text with escaped playground {{#playground file.rs editable }} and some \
         more\n text {{#playground my.rs editable no_run should_panic}} ...",
        &[
            "41..74 file.rs All Code(\"rust,editable\")",
            "95..145 my.rs All Code(\"rust,editable,no_run,should_panic\")",
        ],
    ),
    (
        "test_find_all_link_types",
        "Some random text with escaped playground {{#include file.rs}} and \\{{#contents are \
         insignifficant in escaped link}} some more\n text  {{#playground my.rs editable \
         no_run should_panic}} ...",
        &["41..61 file.rs All Joined", "133..183 my.rs All Code(\"rust,editable,no_run,should_panic\")"],
    ),
    // `Link::from_capture` reads `playpen` as `playground`, with a warning: the cases of
    // `test_find_links_simple_link` and `test_find_playgrounds_with_properties` under
    // the old name.
    (
        "from_capture playpen",
        "Some random text with {{#playpen file.rs}} and {{#playpen test.rs }}...",
        &[
            "22..22 Warn(\"`{{#playpen}}` is the old name of `{{#playground}}`: rename it\")",
            "22..42 file.rs All Code(\"rust\")",
            "47..47 Warn(\"`{{#playpen}}` is the old name of `{{#playground}}`: rename it\")",
            "47..68 test.rs All Code(\"rust\")",
        ],
    ),
    (
        "from_capture playpen",
        "more\n text {{#playpen my.rs editable no_run should_panic}} ...",
        &[
            "11..11 Warn(\"`{{#playpen}}` is the old name of `{{#playground}}`: rename it\")",
            "11..58 my.rs All Code(\"rust,editable,no_run,should_panic\")",
        ],
    ),
    (
        "test_replace_all_escaped",
        "\n        Some text over here.\n        ```hbs\n        \\{{#include file.rs}} << an escaped link!\n        ```",
        &["53..54 Remove"],
    ),
];

#[test]
fn finds_directives_as_mdbook_s_own_tests_do() {
    let failed: Vec<String> = FIND_LINKS
        .iter()
        .filter(|(_, text, expected)| described(text) != *expected)
        .map(|(name, text, _)| format!("{name}: {:?}", described(text)))
        .collect();
    assert!(failed.is_empty(), "{} of {} cases differ:\n{}", failed.len(), FIND_LINKS.len(), failed.join("\n"));
}

/// `links.rs`'s `parse_include_path` tests (and the ranges of its `find_links` ones):
/// the argument, and the selection.
const INCLUDE_PATHS: &[(&str, &str, Select)] = &[
    ("parse_without_colon_includes_all", "arbitrary", Select::All),
    ("parse_with_nothing_after_colon_includes_all", "arbitrary:", Select::All),
    ("parse_with_two_colons_includes_all", "arbitrary::", Select::All),
    ("parse_with_garbage_after_two_colons_includes_all", "arbitrary::NaN", Select::All),
    ("parse_with_one_number_after_colon_only_that_line", "arbitrary:5", Select::Lines(Some(5), Some(5))),
    ("parse_with_one_based_start_becomes_zero_based", "arbitrary:1", Select::Lines(Some(1), Some(1))),
    (
        "parse_with_zero_based_start_stays_zero_based_but_is_probably_an_error",
        "arbitrary:0",
        Select::Lines(Some(1), Some(1)),
    ),
    ("parse_start_only_range", "arbitrary:5:", Select::Lines(Some(5), None)),
    ("parse_start_with_garbage_interpreted_as_start_only_range", "arbitrary:5:NaN", Select::Lines(Some(5), None)),
    ("parse_end_only_range", "arbitrary::5", Select::Lines(None, Some(5))),
    ("parse_start_and_end_range", "arbitrary:5:10", Select::Lines(Some(5), Some(10))),
    ("test_find_links_with_range", "arbitrary:10:20", Select::Lines(Some(10), Some(20))),
];

/// The same, for the arguments that name an anchor (a `String`, which no constant
/// holds), and the one with more colons than mdBook reads.
fn anchor_paths() -> [(&'static str, &'static str, Select); 4] {
    [
        ("parse_with_negative_interpreted_as_anchor", "arbitrary:-5", Select::Anchor("-5".into())),
        ("parse_with_floating_point_interpreted_as_anchor", "arbitrary:-5.7", Select::Anchor("-5.7".into())),
        (
            "parse_with_anchor_followed_by_colon",
            "arbitrary:some-anchor:this-gets-ignored",
            Select::Anchor("some-anchor".into()),
        ),
        (
            "parse_with_more_than_three_colons_ignores_everything_after_third_colon",
            "arbitrary:5:10:17:anything:",
            Select::Lines(Some(5), Some(10)),
        ),
    ]
}

#[test]
fn splits_include_paths_as_mdbook_s_own_tests_do() {
    let all = INCLUDE_PATHS.iter().cloned().chain(anchor_paths());
    let failed: Vec<String> = all
        .filter(|(_, spec, select)| split_lines_or_anchor(spec) != ("arbitrary", select.clone()))
        .map(|(name, spec, _)| format!("{name}: {:?}", split_lines_or_anchor(spec)))
        .collect();
    assert!(failed.is_empty(), "{} cases differ:\n{}", failed.len(), failed.join("\n"));
}

const LOREM: &str = "Lorem\nipsum\ndolor\nsit\namet";
const ONE_ANCHOR: &str = "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nipsum";
const TWICE_OPENED: &str = "Lorem\nANCHOR: test\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nipsum";
const NESTED: &str =
    "Lorem\nANCHOR:    test2\nipsum\nANCHOR: test\ndolor\nsit\namet\nANCHOR_END: test\nlorem\nANCHOR_END:test2\nipsum";

/// The text `{{#include}}` (or `{{#rustdoc_include}}`, with `# ` before each hidden
/// line, as mdBook writes it) takes of `text`; `None` for an anchor the file does not
/// have, which opsbook reports at the directive (mdBook writes nothing, or every line
/// hidden).
fn taken(text: &str, select: Select, rustdoc: bool) -> Option<String> {
    if rustdoc {
        let lines = rustdoc_lines(text, &select).ok()?;
        let written: Vec<String> =
            lines.iter().map(|(_, line, shown)| if *shown { line.to_string() } else { format!("# {line}") }).collect();
        return Some(written.join("\n"));
    }
    let include =
        Include { path: "f".into(), lookup: Lookup::Relative, select, form: Form::Joined, params: Vec::new() };
    assemble(text, &include).ok().map(|(written, _)| written)
}

fn lines(start: Option<usize>, end: Option<usize>) -> Select {
    Select::Lines(start, end)
}

fn anchor(name: &str) -> Select {
    Select::Anchor(name.into())
}

/// `take_lines.rs`'s tests: the test, the file, the selection, and what is written.
fn take_cases() -> Vec<(&'static str, &'static str, Select, Option<&'static str>)> {
    let lorem_hidden = "# Lorem\n# ipsum\n# dolor\n# sit\n# amet";
    vec![
        ("take_lines_test", LOREM, lines(Some(2), Some(3)), Some("ipsum\ndolor")),
        ("take_lines_test", LOREM, lines(Some(4), None), Some("sit\namet")),
        ("take_lines_test", LOREM, lines(None, Some(3)), Some("Lorem\nipsum\ndolor")),
        ("take_lines_test", LOREM, Select::All, Some(LOREM)),
        ("take_lines_test", LOREM, lines(Some(5), Some(3)), Some("")),
        ("take_lines_test", LOREM, lines(None, Some(100)), Some(LOREM)),
        ("take_anchored_lines_test", LOREM, anchor("test"), None),
        ("take_anchored_lines_test", "Lorem\nipsum\ndolor\nANCHOR_END: test\nsit\namet", anchor("test"), None),
        (
            "take_anchored_lines_test",
            "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet",
            anchor("test"),
            Some("dolor\nsit\namet"),
        ),
        ("take_anchored_lines_test", "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet", anchor("something"), None),
        ("take_anchored_lines_test", ONE_ANCHOR, anchor("test"), Some("dolor\nsit\namet")),
        ("take_anchored_lines_test", ONE_ANCHOR, anchor("something"), None),
        ("take_anchored_lines_test", TWICE_OPENED, anchor("test"), Some("ipsum\ndolor\nsit\namet")),
        ("take_anchored_lines_test", TWICE_OPENED, anchor("something"), None),
        ("take_anchored_lines_test", NESTED, anchor("test2"), Some("ipsum\ndolor\nsit\namet\nlorem")),
        ("take_anchored_lines_test", NESTED, anchor("test"), Some("dolor\nsit\namet")),
        ("take_anchored_lines_test", NESTED, anchor("something"), None),
        (
            "take_rustdoc_include_lines_test",
            LOREM,
            lines(Some(2), Some(3)),
            Some("# Lorem\nipsum\ndolor\n# sit\n# amet"),
        ),
        ("take_rustdoc_include_lines_test", LOREM, lines(Some(4), None), Some("# Lorem\n# ipsum\n# dolor\nsit\namet")),
        ("take_rustdoc_include_lines_test", LOREM, lines(None, Some(3)), Some("Lorem\nipsum\ndolor\n# sit\n# amet")),
        ("take_rustdoc_include_lines_test", LOREM, Select::All, Some(LOREM)),
        ("take_rustdoc_include_lines_test", LOREM, lines(Some(5), Some(3)), Some(lorem_hidden)),
        ("take_rustdoc_include_lines_test", LOREM, lines(None, Some(100)), Some(LOREM)),
        ("take_rustdoc_include_anchored_lines_test", LOREM, anchor("test"), None),
        (
            "take_rustdoc_include_anchored_lines_test",
            "Lorem\nipsum\ndolor\nANCHOR_END: test\nsit\namet",
            anchor("test"),
            None,
        ),
        (
            "take_rustdoc_include_anchored_lines_test",
            "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet",
            anchor("test"),
            Some("# Lorem\n# ipsum\ndolor\nsit\namet"),
        ),
        (
            "take_rustdoc_include_anchored_lines_test",
            "Lorem\nipsum\nANCHOR: test\ndolor\nsit\namet",
            anchor("something"),
            None,
        ),
        (
            "take_rustdoc_include_anchored_lines_test",
            ONE_ANCHOR,
            anchor("test"),
            Some("# Lorem\n# ipsum\ndolor\nsit\namet\n# lorem\n# ipsum"),
        ),
        ("take_rustdoc_include_anchored_lines_test", ONE_ANCHOR, anchor("something"), None),
        (
            "take_rustdoc_include_anchored_lines_test",
            TWICE_OPENED,
            anchor("test"),
            Some("# Lorem\nipsum\ndolor\nsit\namet\n# lorem\n# ipsum"),
        ),
        ("take_rustdoc_include_anchored_lines_test", TWICE_OPENED, anchor("something"), None),
        (
            "take_rustdoc_include_anchored_lines_test",
            NESTED,
            anchor("test2"),
            Some("# Lorem\nipsum\ndolor\nsit\namet\nlorem\n# ipsum"),
        ),
        (
            "take_rustdoc_include_anchored_lines_test",
            NESTED,
            anchor("test"),
            Some("# Lorem\n# ipsum\ndolor\nsit\namet\n# lorem\n# ipsum"),
        ),
        ("take_rustdoc_include_anchored_lines_test", NESTED, anchor("something"), None),
        (
            "take_rustdoc_include_anchored_lines_test",
            "Lorem\nANCHOR: test\nipsum\nANCHOR_END: test\ndolor\nANCHOR: test\nsit\nANCHOR_END: test\namet",
            anchor("test"),
            Some("# Lorem\nipsum\n# dolor\nsit\n# amet"),
        ),
    ]
}

#[test]
fn takes_lines_as_mdbook_s_own_tests_do() {
    let cases = take_cases();
    let failed: Vec<String> = cases
        .iter()
        .filter_map(|(name, text, select, expected)| {
            let got = taken(text, select.clone(), name.contains("rustdoc"));
            (got.as_deref() != *expected).then(|| format!("{name} {select:?} of {text:?}: {got:?}"))
        })
        .collect();
    assert!(failed.is_empty(), "{} of {} cases differ:\n{}", failed.len(), cases.len(), failed.join("\n"));
}

/// `replace_all` in `links.rs`: the lines after the first of an included file start with
/// the text before the directive on its line, nested includes each adding theirs; the
/// bytes written so map to the directive, the file's own to the file.
#[test]
fn repeats_the_line_prefix_as_mdbook_s_replace_all_does() {
    let f = super::files(&[
        ("content/guide/two.txt", "a\nb\n"),
        ("content/guide/nest.md", "x\n* {{#include two.txt}}\n"),
        ("content/guide/x.rs", "fn a() {}\n"),
    ]);
    let cases = [
        ("> {{#include two.txt}}\n", "> a\n> b\n"),
        ("- {{#include two.txt}} after\n", "- a\n- b after\n"),
        ("  ```\n  {{#include two.txt}}\n  ```\n", "  ```\n  a\n  b\n  ```\n"),
        ("> {{#include nest.md}}\n", "> x\n> * a\n> * b\n"),
        ("> {{#playground x.rs}}\n", "> ```rust\n> fn a() {}\n> ```\n"),
        ("{{#include two.txt}} {{#include two.txt}}\n", "a\nb a\nb b\n"),
    ];
    for (text, expected) in cases {
        let out = super::expand_page(text, &f);
        assert_eq!(out.text, expected, "{text}");
    }
    let out = super::expand_page("> {{#include two.txt}}\n", &f);
    let b = out.locate(out.place(out.text.find('b').unwrap()));
    assert_eq!((b.file, b.line, b.column), ("content/guide/two.txt", 2, 1));
}
