//! The older rules of `:::` blocks, on their own and through a whole page.
//!
//! Upstream (facebook/docusaurus, `packages/docusaurus-mdx-loader/src/remark/admonitions/`):
//! the rule of `index.ts` at v2.4.3 (56410aa94665699f75cb889f477ccdffb98f2b21, the same
//! file from v2.3.0, ad477781bdca6a11fa9c6daef5048bdcec0ee37e) and at v2.0.0 to v2.2.0
//! (a308fb7c81832cca354192fe2984f52749441249 for v2.2.0; the betas' `remark-admonitions`
//! 1.2.1 reads the same); its tests in `__tests__/index.test.ts`, whose fixtures are
//! ported below, each named.

use super::*;
use crate::content::site_data::{SiteData, TextRules};
use crate::markdown::templating::{PageTemplating, SiteContext};
use crate::markdown::{MarkdownInput, render_markdown};

/// `text` rendered as a page of a site whose `:::` blocks follow `rule`, reduced to its
/// blocks (`[kind: title]` and `[/]` for a callout, each paragraph's text), and the
/// number of its diagnostics.
fn blocks(text: &str, rule: ColonBlocks) -> (Vec<String>, usize) {
    let data = SiteData { text: TextRules { colon_blocks: rule, ..Default::default() }, ..Default::default() };
    let (context, _) = SiteContext::new(Vec::new(), data);
    let templating = PageTemplating::new(&context, Vec::new());
    let input = crate::markdown::testing::test_input(text);
    let out = render_markdown(&MarkdownInput {
        highlight: None,
        templating: Some(&templating),
        dialects: Some(crate::compat::dialects::rewrite),
        ..input
    });
    let html = out.html.replace("<div class=\"callout callout-", "\n[").replace("</div>", "\n[/]\n");
    let html = html.replace("\" role=\"note\">\n<p class=\"callout-title\">", ": ").replace("<p>", "");
    let lines = html.lines().map(|l| match l.trim().strip_suffix("</p>") {
        Some(title) if title.starts_with('[') => format!("{title}]"),
        Some(text) => text.to_string(),
        None => l.trim().to_string(),
    });
    (lines.filter(|l| !l.is_empty()).collect(), out.diagnostics.len())
}

const LEVELS: ColonBlocks = ColonBlocks::ColonLevels;
const FIRST: ColonBlocks = ColonBlocks::FirstColonLine;

/// `__fixtures__/nesting.md` (test `nesting`, added with the levels in v2.3.0; the
/// file as stored at a0aa0fe5e511ad306ffa9dce6f0ddb7d1f677dc0): by levels the outer
/// block takes more colons; by the first rule `::::info` opens nothing and `::::` closes
/// nothing, both text.
#[test]
fn reads_the_upstream_nesting_fixture_by_each_rule() {
    let text = "Test nested Admonitions\n\n::::info **Weather**\nOn nice days, you can enjoy skiing in the mountains.\n\n:::danger *Storms*\nTake care of snowstorms...\n:::\n\n::::";
    let nested = [
        "Test nested Admonitions",
        "[note: <strong>Weather</strong>]",
        "On nice days, you can enjoy skiing in the mountains.",
        "[caution: <em>Storms</em>]",
        "Take care of snowstorms...",
        "[/]",
        "[/]",
    ];
    assert_eq!(blocks(text, LEVELS), (nested.map(String::from).to_vec(), 0));
    let first = [
        "Test nested Admonitions",
        "::::info <strong>Weather</strong>",
        "On nice days, you can enjoy skiing in the mountains.",
        "[caution: <em>Storms</em>]",
        "Take care of snowstorms...",
        "[/]",
        "::::",
    ];
    assert_eq!(blocks(text, FIRST), (first.map(String::from).to_vec(), 1));
}

/// `__fixtures__/interpolation.md` (test `interpolation`; the file as stored at
/// be53cf32fe786b59379f6da8cdc09dddd9266886): the title is the rest of the line, read
/// as inline Markdown, the body as Markdown.
#[test]
fn reads_the_upstream_interpolation_fixture() {
    let text = "Test admonition with interpolated title/body\n\n:::tip My `interpolated` **title** <button style={{color: \"red\"}} onClick={() => alert(\"click\")}>test</button>\n\n`body` **interpolated** <button>content</button>\n\n:::\n";
    for rule in [LEVELS, FIRST] {
        let (lines, problems) = blocks(text, rule);
        assert_eq!(problems, 0, "{rule:?}");
        assert!(lines[1].starts_with("[tip: My <code>interpolated</code> <strong>title</strong>"), "{lines:?}");
        assert!(lines[2].starts_with("<code>body</code> <strong>interpolated</strong>"), "{lines:?}");
        assert_eq!(lines[3..], ["[/]"], "{rule:?}");
    }
}

/// `__fixtures__/base.md` (tests `base`, `custom keywords`, `custom tag`), which the
/// index of upstream files does not hold: its blocks as the tests' snapshot
/// (`__snapshots__/index.test.ts.snap`, 15fb10442f0b78c7158c37417523b1a2d70f8b0b) shows
/// them, in short. A title after a space; none gives the type's; `++++tip` is text.
#[test]
fn reads_the_upstream_base_fixture() {
    let text = "The blog feature.\n\n:::info Sample Title\n\nCheck the [reference](https://docusaurus.io/docs).\n\n:::\n\n## Initial setup\n\n:::tip\n\nUse the **Fast Track**!\n\nUse **docusaurus.new**!\n\n:::\n\n++++tip\n\nAdmonition with different syntax\n\n++++\n";
    for rule in [LEVELS, FIRST] {
        let (lines, problems) = blocks(text, rule);
        assert_eq!(problems, 0, "{rule:?}");
        let starts = [
            "The blog feature.",
            "[note: Sample Title]",
            "Check the",
            "[/]",
            "<h2",
            "[tip: Tip]",
            "Use the",
            "Use",
            "[/]",
            "++++tip",
            "Admonition with different syntax",
            "++++",
        ];
        assert_eq!(lines.len(), starts.len(), "{lines:?}");
        for (line, start) in lines.iter().zip(starts) {
            assert!(line.starts_with(start), "{rule:?}: {line:?} {start:?}");
        }
    }
}

/// v2.3's levels: a `:::` line of the open block's level closes it whatever follows, so
/// the next `:::info` closes the one before and opens nothing; a block never closed
/// runs to the end. Today's rule nests them.
#[test]
fn an_opening_line_at_the_open_level_closes_the_block() {
    let text = ":::info\nA\n\n:::info\nB\n\n:::info\nC\n";
    let expected = ["[note: Info]", "A", "[/]", "B", "[note: Info]", "C", "[/]"];
    for rule in [LEVELS, FIRST] {
        assert_eq!(blocks(text, rule), (expected.map(String::from).to_vec(), 1), "{rule:?}");
    }
    let (nested, _) = blocks(text, ColonBlocks::Directives);
    assert_eq!(nested.iter().filter(|l| *l == "[/]").count(), 3);
    assert_eq!(nested[..4], ["[note: Info]", "A", "[note: Info]", "B"]);
}

#[test]
fn opens_only_the_listed_types_with_the_rest_of_the_line_as_title() {
    let (lines, _) = blocks(":::custom\nx\n:::\n", LEVELS);
    assert_eq!(lines, [":::custom", "x", ":::"]);
    let (lines, _) = blocks("::: note\nx\n", LEVELS);
    assert_eq!(lines, ["::: note", "x"]);
    let (lines, _) = blocks(":::note[Title]\nx\n:::\n", LEVELS);
    assert_eq!(lines, ["[note: [Title]]", "x", "[/]"]);
    let (lines, _) = blocks(":::dangerous\nx\n:::\n", FIRST);
    assert_eq!(lines, ["[caution: ous]", "x", "[/]"]);
}

#[test]
fn a_deeper_level_is_text_inside_and_a_shallower_one_nests() {
    // `::::` inside a `:::` block is of a deeper level: text (said to close nothing),
    // the block goes on.
    let (lines, problems) = blocks(":::note\na\n\n::::\n\nb\n:::\n", LEVELS);
    assert_eq!((lines, problems), (["[note: Note]", "a", "::::", "b", "[/]"].map(String::from).to_vec(), 1));
    // By the first rule, that `::::` closes, and the last `:::` is text.
    let (lines, problems) = blocks(":::note\na\n\n::::\n\nb\n:::\n", FIRST);
    assert_eq!((lines, problems), (["[note: Note]", "a", "[/]", "b", ":::"].map(String::from).to_vec(), 1));
}

#[test]
fn markers_in_code_and_comments_are_left_alone() {
    let text = ":::note\n```\n:::\n```\n<!--\n:::\n-->\nend\n:::\n";
    let (lines, problems) = blocks(text, LEVELS);
    assert_eq!(problems, 0);
    assert_eq!(lines.first().map(String::as_str), Some("[note: Note]"));
    assert_eq!(lines.iter().filter(|l| *l == "[/]").count(), 1);
    assert_eq!(lines.last().map(String::as_str), Some("[/]"), "{lines:?}");
}

#[test]
fn finds_closing_lines_by_each_rule() {
    let lines = |text: &'static str| text.split('\n').map(Some).collect::<Vec<_>>();
    assert_eq!(closing(LEVELS, 4, lines("a\n:::tip\nb\n:::\n::::")), Some(4));
    assert_eq!(closing(LEVELS, 3, lines("a\n::::\n:::x")), Some(2));
    assert_eq!(closing(LEVELS, 3, lines("a\n::::")), None);
    assert_eq!(closing(FIRST, 3, lines("a\n::::\n:::")), Some(1));
    assert_eq!(closing(FIRST, 3, vec![Some("a"), None, Some(":::")]), Some(2));
    assert_eq!(opening(":::::warning  Careful", LEVELS), Some((5, "warning", Some("Careful".into()))));
    assert_eq!(opening("::::warning", FIRST), None);
    assert_eq!(opening(":::", LEVELS), None);
}

/// Blocks inside one another, each opening line a level deeper and never closed (each
/// then reads the rest of the page), stop at the lines a page may read or at the depth
/// of [`super::super::admonitions`], whichever comes first: the rest is copied as it
/// is, every block opened is closed, and the stack is not exhausted.
#[test]
fn deep_and_unclosed_blocks_stay_bounded() {
    let text: String = (0..3000).map(|n| format!("{}note\nx\n", ":".repeat(3 + n))).collect();
    let started = std::time::Instant::now();
    let (lines, problems) = blocks(&text, LEVELS);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let opened = lines.iter().filter(|l| l.starts_with("[note")).count();
    assert!(opened > 1 && opened <= 64, "{opened}");
    assert_eq!(lines.iter().filter(|l| *l == "[/]").count(), opened);
    assert_eq!(problems, opened + 1, "each never closed, and the budget");
}
