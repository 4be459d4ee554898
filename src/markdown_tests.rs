//! Snapshot tests of Markdown -> HTML, one per extension, and tests of what the body writer
//! reports besides the HTML.

use crate::compat::dialects;
use crate::diagnostic::{Rule, Severity};
use crate::markdown::testing;
use crate::markdown::*;

mod includes;

fn render(text: &str) -> Rendered {
    render_for(text, internal::Mode::Drop)
}

fn html(text: &str) -> String {
    render(text).html
}

#[test]
fn renders_tables() {
    insta::assert_snapshot!(html("| Severity | Response |\n|:--|--:|\n| SEV1 | 15 min |\n"));
}

#[test]
fn renders_footnotes_at_the_end() {
    insta::assert_snapshot!(html(
        "Failover takes a minute.[^1] Replicas lag.[^lag]\n\n[^1]: Measured in 2026.\n\n[^lag]: See the dashboard.\n\nMore text.[^1]\n"
    ));
}

#[test]
fn numbers_a_footnote_in_a_heading_in_reference_order_and_links_it() {
    let out = render(
        "Intro.\n\n## Failover[^why]\n\nIt takes a minute.[^time] Again.[^why]\n\n[^time]: Measured.\n\n[^why]: Because.\n",
    );
    let heading =
        "<h2 id=\"failover\">Failover<sup class=\"footnote-ref\"><a href=\"#fn-why\" id=\"fnref-why\">1</a></sup>";
    assert!(out.html.contains(heading), "{}", out.html);
    assert!(out.html.contains("<a href=\"#fn-time\" id=\"fnref-time\">2</a>"), "{}", out.html);
    assert!(out.html.contains("<a href=\"#fn-why\" id=\"fnref-why-2\">1</a>"), "{}", out.html);
    // The notes are listed in the order of their numbers.
    assert!(out.html.find("<li id=\"fn-why\">") < out.html.find("<li id=\"fn-time\">"), "{}", out.html);
    assert_eq!(
        out.toc.iter().map(|t| (t.id.as_str(), t.title.as_str())).collect::<Vec<_>>(),
        [("failover", "Failover")]
    );
}

#[test]
fn renders_strikethrough() {
    insta::assert_snapshot!(html("~~restart the pod~~ drain the node\n"));
}

#[test]
fn renders_task_lists() {
    insta::assert_snapshot!(html("- [x] page the on-call\n- [ ] open an incident channel\n"));
}

#[test]
fn renders_heading_attributes() {
    insta::assert_snapshot!(html("## Steps to take {#steps .important}\n"));
}

#[test]
fn renders_github_alerts_as_callouts() {
    insta::assert_snapshot!(html(
        "> [!NOTE]\n> Read this first.\n\n> [!TIP]\n> Use `--dry-run`.\n\n> [!IMPORTANT]\n> Page the IC.\n\n> [!WARNING]\n> Data loss.\n\n> [!CAUTION]\n> Irreversible.\n\n> A plain quote.\n"
    ));
}

#[test]
fn gives_repeated_headings_their_own_ids() {
    insta::assert_snapshot!(html("Intro.\n\n# Title\n\n## Steps\n\n### Check\n\n## Steps\n\n### Check\n"));
}

#[test]
fn highlights_code_and_escapes_unknown_languages() {
    insta::assert_snapshot!(html(
        "```bash\nkubectl get pods -n \"$NS\"\n```\n\n```promql-ish\nrate(x[5m]) > 0 && <b>\n```\n\n    indented <code>\n"
    ));
}

#[test]
fn rewrites_links_to_pages_sections_and_files() {
    insta::assert_snapshot!(html(
        "[db](db.md), [steps](db.md#steps), [index](_index.md), [folder](../runbooks/), [here](#top), [out](https://example.org), ![diagram](diagram.png)\n\n<a href=\"db.md\">raw</a> <img src=\"diagram.png\">\n"
    ));
}

#[test]
fn records_links_with_file_line_and_column() {
    let rendered = render("intro\n\nSee [db](db.md#steps) and [top](#top).\n");
    assert_eq!(
        rendered.links,
        vec![
            LinkRecord { target: Some(1), anchor: Some("steps".into()), line: 7, column: 5, file: None },
            LinkRecord { target: None, anchor: Some("top".into()), line: 7, column: 27, file: None },
        ]
    );
}

#[test]
fn reports_broken_links_and_missing_images_where_they_stand() {
    let rendered = render("# T\n\nA [gone](gone.md) link.\n\n  ![x](missing.png)\n");
    let found: Vec<_> = rendered.diagnostics.iter().map(|d| (d.rule, d.line, d.column)).collect();
    assert_eq!(found, [(Rule::BrokenLink, 7, 3), (Rule::MissingAsset, 9, 3)]);
    assert_eq!(rendered.diagnostics[0].help.as_deref(), Some("did you mean `db.md`?"));
}

#[test]
fn takes_the_title_from_a_leading_h1_and_keeps_it_out_of_the_toc() {
    let rendered =
        render("# Database failover\n\nPromote a replica when the primary is lost.\n\n## Steps\n\n### Check lag\n");
    assert_eq!(rendered.title_heading.as_deref(), Some("Database failover"));
    assert_eq!(rendered.toc.len(), 1);
    assert_eq!(rendered.toc[0].id, "steps");
    assert_eq!(rendered.toc[0].children[0].id, "check-lag");
    assert_eq!(rendered.summary, "Promote a replica when the primary is lost.");
}

#[test]
fn an_h1_after_text_is_not_the_title() {
    let rendered = render("Intro.\n\n# Summary\n");
    assert_eq!(rendered.title_heading, None);
    assert_eq!(rendered.first_h1.as_deref(), Some("Summary"));
    assert_eq!(rendered.toc[0].id, "summary");
}

#[test]
fn shortens_at_word_boundaries() {
    assert_eq!(shorten("one two three four", 9), "one two…");
    assert_eq!(shorten("short", 9), "short");
    assert_eq!(shorten("  nine\tchars \n ", 10), "nine chars");
    assert_eq!(shorten("été à Zürich, où", 16), "été à Zürich, où");
    assert_eq!(shorten("été à Zürich, où il", 16), "été à Zürich…");
    assert_eq!(shorten("Überprüfungsvorgänge", 8), "Überprüf…");
}

#[test]
fn keeps_the_title_heading_apart_from_the_body() {
    let rendered = render("# Database failover {#top}\n\nText.\n");
    assert_eq!(
        rendered.title_html,
        "<h1 id=\"top\">Database failover<a class=\"anchor\" href=\"#top\" aria-label=\"Link to this section\">#</a></h1>\n"
    );
    assert_eq!(rendered.html, "<p>Text.</p>\n");
}

#[test]
fn counts_words() {
    assert_eq!(count_words("  two words\n"), 2);
    assert_eq!(count_words(""), 0);
    assert_eq!(render("One two three.\n\n`code`\n").word_count, 4);
}

#[test]
fn keeps_the_text_of_each_section_for_search() {
    let rendered =
        render("# Title\n\nIntro *text*.\nNext line.\n\n## Steps\n\n- one\n- two\n\n```bash\nkubectl get pods\n```\n");
    let sections: Vec<(Option<&str>, &str, &str, &str)> =
        rendered.sections.iter().map(|s| (s.id.as_deref(), s.heading.as_str(), s.text.trim(), s.code.trim())).collect();
    assert_eq!(
        sections,
        [(None, "", "Intro text. Next line.", ""), (Some("steps"), "Steps", "one\ntwo", "kubectl get pods")]
    );
}

#[test]
fn raw_line_breaks_and_cells_separate_words_in_the_search_text() {
    // `<br>` in any spelling is a line break of its block, a block element written
    // inline ends the block; an inline element stays inside the word.
    let rendered =
        render("| Step | Where |\n|---|---|\n| recovery<br />object store | a<BR>b<br/>c |\n\nx<b>y</b> one<p>two\n");
    assert_eq!(rendered.sections[0].text.trim(), "Step\nWhere\nrecovery object store\na b c\nxy one\ntwo");
    assert_eq!(blocks::html_break("<br>"), Some(false));
    assert_eq!(blocks::html_break("</td>"), Some(true));
    assert_eq!(blocks::html_break("<span class=\"x\">"), None);
    assert_eq!(blocks::html_break("<"), None);
    assert_eq!(blocks::html_break(""), None);
}

#[test]
fn without_html_finds_all_that_it_finds_with_html() {
    let text = "# Title {#top}\n\nIntro [db](db.md#primary), [gone](gone.md) and ![x](missing.png).[^1]\n\n## Steps\n\n> [!WARNING]\n> Careful <span id=\"here\">now</span>.\n\n| a | b |\n|---|---|\n| 1 | [up](#steps) |\n\n```bash\nkubectl get pods\n```\n\n```mermaid\nnot a diagram\n```\n\n::: internal\nSecret [x](secret.png).\n:::\n\n[^1]: A [note](db.md).\n";
    for mode in [internal::Mode::Drop, internal::Mode::Mark] {
        let mut written = render_markdown(&MarkdownInput { internal_blocks: mode, ..test_input(text) });
        let collected =
            render_markdown(&MarkdownInput { internal_blocks: mode, write_html: false, ..test_input(text) });
        assert!(written.html.contains("kubectl"), "{}", written.html);
        assert!(!written.diagnostics.is_empty() && !written.links.is_empty() && written.toc.len() == 1);
        assert_eq!(collected.html, "");
        written.html.clear();
        assert_eq!(format!("{collected:?}"), format!("{written:?}"));
    }
}

/// The input of [`testing::test_input`] with the old tools' dialects on, as a build
/// reads a page.
pub(crate) fn test_input(text: &str) -> MarkdownInput<'_> {
    MarkdownInput { dialects: Some(crate::compat::dialects::rewrite), ..testing::test_input(text) }
}

fn render_for(text: &str, mode: internal::Mode) -> Rendered {
    render_markdown(&MarkdownInput { internal_blocks: mode, ..test_input(text) })
}

const WITH_INTERNAL: &str = "Public intro.\n\n<!-- internal -->\n## Vault access\n\nAsk CANARY-ONE in [the db runbook](db.md).\n<!-- /internal -->\n\n## Steps\n\nRestart it.\n\n> [!INTERNAL]\n> Call CANARY-TWO on 555.\n\n> [!internal]\n>\n> Lowercase marker, CANARY-THREE.\n";

#[test]
fn a_public_build_drops_internal_blocks_with_their_headings_words_and_links() {
    let out = render_for(WITH_INTERNAL, internal::Mode::Drop);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
    for canary in ["CANARY", "Vault", "vault-access", "555", "INTERNAL", "internal"] {
        assert!(!out.html.contains(canary), "{canary} in {}", out.html);
    }
    assert_eq!(out.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["steps"]);
    assert!(out.links.is_empty());
    assert!(!format!("{:?}", out.sections).contains("CANARY"));
}

#[test]
fn an_internal_build_marks_internal_blocks() {
    let out = render_for(WITH_INTERNAL, internal::Mode::Mark);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    insta::assert_snapshot!(out.html);
    assert_eq!(out.html.matches("class=\"internal-label\"").count(), 1);
    assert_eq!(out.html.matches("internal-label\">Internal</p>").count(), 3);
    assert!(!out.html.contains("[!INTERNAL]") && !out.html.contains("[!internal]"));
    assert_eq!(out.toc.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), ["vault-access", "steps"]);
    assert_eq!(out.links.len(), 1);
}

#[test]
fn html_blocks_inside_and_around_internal_blocks_keep_their_place() {
    let text = "<div class=\"public\">before</div>\n\n- item\n\n  <div>in a list</div>\n\n  <!-- internal -->\n\n  \
                <div>CANARY in a list</div>\n\n  <!-- /internal -->\n\n<!-- internal -->\n\n<div>CANARY</div>\n\n\
                Also CANARY.\n\n<!-- /internal -->\n\nAfter.\n";
    let public = render_for(text, internal::Mode::Drop);
    assert!(public.diagnostics.is_empty(), "{:?}", public.diagnostics);
    assert!(!public.html.contains("CANARY"), "{}", public.html);
    assert!(public.html.contains("before</div>") && public.html.contains("in a list</div>"), "{}", public.html);
    assert!(public.html.contains("<p>After.</p>"), "{}", public.html);
    let internal = render_for(text, internal::Mode::Mark);
    assert!(internal.diagnostics.is_empty(), "{:?}", internal.diagnostics);
    let framed = internal.html.split("<div class=\"internal-block\">").nth(2).expect("a second frame");
    assert!(
        framed.starts_with(
            "\n<p class=\"internal-label\">Internal</p>\n<div>CANARY</div>\n<p>Also CANARY.</p>\n</div>\n"
        ),
        "{}",
        internal.html
    );
    assert!(internal.html.ends_with("<p>After.</p>\n"), "{}", internal.html);
}

#[test]
fn misplaced_internal_markers_are_errors_in_both_builds() {
    let cases = [
        ("Text <!-- internal --> secret <!-- /internal --> more.\n", 5, "on a line of its own"),
        ("<!-- internal --> secret\n\n<!-- /internal -->\n", 5, "on a line of its own"),
        ("Intro.\n\n<!-- internal -->\n\nSecret.\n", 7, "never closed"),
        ("Intro.\n\n<!-- /internal -->\n", 7, "without an `<!-- internal -->`"),
        ("- item\n\n  <!-- internal -->\n\n  secret\n\n- next\n\n<!-- /internal -->\n", 7, "not closed before"),
        ("<!-- internal -->\n\n<!-- internal -->\n\nx\n\n<!-- /internal -->\n", 7, "already open (line 1 of the body)"),
        ("<!-- internal -->\n\n- item\n\n  <!-- /internal -->\n\n<!-- /internal -->\n", 9, "not at the level"),
    ];
    for mode in [internal::Mode::Drop, internal::Mode::Mark] {
        for (text, line, message) in cases {
            let out = render_for(text, mode);
            let found = out.diagnostics.iter().find(|d| d.rule == Rule::InternalBlock);
            let Some(d) = found else { panic!("no error for {text:?} ({mode:?}): {:?}", out.diagnostics) };
            assert!(d.message.contains(message), "{text:?}: {}", d.message);
            assert_eq!(d.line, line, "{text:?}: {d}");
            assert!(d.is_error());
        }
    }
}

/// Reference definitions inside internal blocks resolved public links.
#[test]
fn a_public_build_ignores_reference_definitions_inside_internal_blocks() {
    let text = "See [the vault][Vault] and ![map][map], [public][p].\n\n\
                - item\n\n  <!-- internal -->\n  [vault]: https://vault.example/CANARY-URL \"CANARY-TITLE\"\n  <!-- /internal -->\n\n\
                > [!INTERNAL]\n>\n> [map]: secret-CANARY.svg\n\n[p]: https://example.com/\n";
    let out = render_for(text, internal::Mode::Drop);
    assert!(!out.html.contains("CANARY"), "{}", out.html);
    assert!(out.html.contains("[the vault][Vault]") && out.html.contains("![map][map]"), "{}", out.html);
    assert!(out.html.contains("<a href=\"https://example.com/\">public</a>"), "{}", out.html);
    let found: Vec<String> = out.diagnostics.iter().map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect();
    assert_eq!(
        found,
        [
            "5:5 `[Vault]` is defined only inside an internal block, so the public build shows this link as plain text",
            "5:28 `[map]` is defined only inside an internal block, so the public build shows this link as plain text",
        ]
    );
    let marked = render_for(text, internal::Mode::Mark);
    assert!(marked.html.contains("CANARY-URL"), "{}", marked.html);
    assert!(!marked.diagnostics.iter().any(|d| d.rule == Rule::LinkToInternal), "{:?}", marked.diagnostics);
}

#[test]
fn internal_reference_definitions_are_matched_with_unicode_case_folding() {
    // CommonMark folds case fully: `[ẞ]` uses the definition `[ss]`, `[ﬀ]` uses `[ff]`.
    let text = "See [the vault][ẞ] and ![x][ﬀ].\n\n<!-- internal -->\n[ss]: https://vault.example/CANARY1 \"CANARY2\"\n\
                [ff]: https://img.example/CANARY3.png\n<!-- /internal -->\n";
    let out = render_for(text, internal::Mode::Drop);
    assert!(!out.html.contains("CANARY"), "{}", out.html);
    assert_eq!(out.diagnostics.iter().filter(|d| d.rule == Rule::LinkToInternal).count(), 2, "{:?}", out.diagnostics);
}

#[test]
fn renders_docusaurus_admonitions_with_titles() {
    insta::assert_snapshot!(html(
        "Intro.\n:::note\nA *plain* note.\n:::\n\n:::tip[Check first]\nBracketed title.\n:::\n\n:::warning Drain the node\n- one\n- two\n:::\n\n:::info\nInfo.\n:::\n\n:::danger\nDanger.\n:::\n\n:::caution\nCaution.\n:::\n"
    ));
}

#[test]
fn renders_nested_docusaurus_admonitions() {
    insta::assert_snapshot!(html(
        "::::note[Outer]\nOuter text.\n\n:::danger\nInner text.\n:::\n\nOuter again.\n::::\n\nAfter.\n"
    ));
}

#[test]
fn leaves_admonition_markers_in_code_fences_alone() {
    let out = html("```markdown\n:::note\nnot a callout\n:::\n!!! tip\n    code\n```\n\n:::tip\n~~~\n:::\n~~~\n:::\n");
    insta::assert_snapshot!(out);
}

#[test]
fn renders_mkdocs_admonitions() {
    insta::assert_snapshot!(html(
        "!!! note \"Read this\"\n    Body with **Markdown**.\n\n    Second paragraph.\n\nAfter.\n\n!!! warning \"\"\n    No title.\n!!!bug\n    Default title, no space.\n\n!!! tip\n    Outer.\n\n    !!! failure\n        Nested.\n"
    ));
}

#[test]
fn renders_mkdocs_collapsible_admonitions() {
    insta::assert_snapshot!(html(
        "??? question \"Why?\"\n    Because.\n\n???+aside hide-arrow \"No space, extra class\"\n    Aside.\n\n???+ example\n    ```bash\n    echo hi\n    ```\n"
    ));
}

#[test]
fn an_unclosed_admonition_is_a_located_warning_and_runs_to_the_end() {
    let out = render(":::note\nBody.\n\n## Steps\n\nMore.\n");
    insta::assert_snapshot!(out.html);
    let found: Vec<_> = out.diagnostics.iter().map(|d| (d.rule.id(), d.line, d.column, d.severity)).collect();
    assert_eq!(found, [("admonition", 5, 1, Severity::Warning)]);
    assert!(!out.html.contains(":::"));
}

#[test]
fn admonition_warnings_say_what_is_wrong() {
    let unclosed = render(":::note\nBody.\n");
    let messages: Vec<&str> = unclosed.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("never closed"), "{messages:?}");
    let stray = render("Text.\n\n:::\n\nMore.\n");
    let found: Vec<_> = stray.diagnostics.iter().map(|d| (d.rule.id(), d.line, d.message.as_str())).collect();
    // The body starts at line 5 of the file: the stray marker is on line 7.
    assert_eq!(found, [("admonition", 7, "this `:::` closes no admonition")]);
}

#[test]
fn diagnostics_after_admonitions_keep_their_line_and_column() {
    let out = render("!!! note\n    See [gone](gone.md).\n\n:::tip[T]\nText\n:::\n\nAnd [missing](missing.md).\n");
    let found: Vec<_> = out.diagnostics.iter().map(|d| (d.rule.id(), d.line, d.column)).collect();
    // The body starts at line 5 of the file.
    assert_eq!(found, [("broken-link", 6, 9), ("broken-link", 12, 5)]);
}

/// A Markdown page of the content folder's root, with no templates.
pub(super) use crate::markdown::testing::plain_page;

#[test]
fn pages_without_admonitions_are_not_rewritten() {
    let page = plain_page();
    assert!(dialects::rewrite("What??? Yes!!!\n\n| a |\n|:-:|\n| b |\n", page).is_none());
    assert!(dialects::rewrite("```\n:::note\n:::\n```\n", page).is_none());
    assert!(dialects::rewrite("Code `{{< x >}}` and\n\n    {% if %}\n", page).is_none());
}

#[test]
fn an_admonition_is_not_the_description() {
    assert_eq!(render(":::note\nA note.\n:::\n\nThe first paragraph.\n").summary, "The first paragraph.");
}

#[test]
fn the_lines_of_the_first_paragraph_keep_their_words_apart_in_the_description() {
    assert_eq!(
        render("The first line\nand the second,  \na hard break.\n").summary,
        "The first line and the second, a hard break."
    );
    assert_eq!(render("Ends in *emphasis*\n**and** `code`\n").summary, "Ends in emphasis and code");
}

#[test]
fn the_text_before_the_excerpt_separator_is_the_summary_without_internal_text() {
    let text = "# Post\n\nFirst `part`.\n\n<!-- internal -->\nSECRET plans.\n<!-- /internal -->\n\nSecond part.\n\n<!--more-->\n\nThe rest.\n";
    assert_eq!(render(text).summary, "First part. Second part.");
    let marked = render_for(text, internal::Mode::Mark);
    assert!(marked.summary.contains("SECRET"), "an internal build shows internal text: {}", marked.summary);
    assert_eq!(render("One.\n\nTwo.\n").summary, "One.", "without a separator, the first paragraph");
    assert_eq!(render("One.\n\n```\n<!--more-->\n```\n\nTwo.\n").summary, "One.", "not in code");
}

/// The ids and anchor links of one page in `style`.
fn ids_in_style(text: &str, style: crate::slug::HeadingIdStyle) -> String {
    let out = render_markdown(&MarkdownInput {
        body_line: 1,
        highlight: None,
        collect_text: false,
        heading_ids: style,
        ..test_input(text)
    });
    format!("anchors: {:?}\n{}", out.anchors, out.html)
}

#[test]
fn heading_ids_follow_the_configured_style() {
    use crate::slug::HeadingIdStyle;
    let page = "## What's next?\n\n## Run `kubectl` on [the node](db.md)\n\n## Über uns 😄 ![logo](diagram.png)\n\n\
                ## Steps {#own}\n\n## Steps\n\nSteps\n-----\n\n## 🙂\n";
    let mut all = String::new();
    for style in
        [HeadingIdStyle::Opsbook, HeadingIdStyle::Github, HeadingIdStyle::SourceLine, HeadingIdStyle::TextWithAlt]
    {
        all.push_str(&format!("--- {style:?}\n{}\n", ids_in_style(page, style)));
    }
    insta::assert_snapshot!(all);
}

/// The headings of Python-Markdown's tests/test_syntax/extensions/test_toc.py
/// (Python-Markdown/markdown at bb50627dc07fde6ee5ed7478464062c537ebad2c) through
/// opsbook's renderer, with the ids `toc` gives them. Python-Markdown reads `#Header`
/// as a heading, CommonMark does not: those cases are written `# Header` here.
#[test]
fn heading_ids_in_the_python_markdown_style_are_those_of_its_toc_tests() {
    use crate::slug::HeadingIdStyle;
    let cases: [(&str, HeadingIdStyle, &[&str]); 11] = [
        ("# Header\n# Header\n# Header\n", HeadingIdStyle::PythonMarkdown, &["header", "header_1", "header_2"]),
        ("# Foo &amp; bar\n", HeadingIdStyle::PythonMarkdown, &["foo-bar"]),
        ("# Foo > & bar\n", HeadingIdStyle::PythonMarkdown, &["foo-bar"]),
        ("# Foo <b>Bar</b> Baz.\n", HeadingIdStyle::PythonMarkdown, &["foo-bar-baz"]),
        (
            "# Some *Header* with [markup](http://example.com).\n",
            HeadingIdStyle::PythonMarkdown,
            &["some-header-with-markup"],
        ),
        ("# This is `code` and `this` too.\n", HeadingIdStyle::PythonMarkdown, &["this-is-code-and-this-too"]),
        ("# `<test>`\n", HeadingIdStyle::PythonMarkdown, &["test"]),
        ("# escaped\\_character\n", HeadingIdStyle::PythonMarkdown, &["escaped_character"]),
        ("## <foo@example.org>\n", HeadingIdStyle::PythonMarkdown, &["fooexampleorg"]),
        ("# Théâtre\n", HeadingIdStyle::PythonMarkdown, &["theatre"]),
        ("# Unicode ヘッダー\n", HeadingIdStyle::PythonMarkdownUnicode, &["unicode-ヘッダー"]),
    ];
    for (text, style, ids) in cases {
        let out = render_markdown(&MarkdownInput { heading_ids: style, collect_text: false, ..test_input(text) });
        assert_eq!(out.anchors, ids, "{text:?}");
    }
    // testHeadingRemoveFootnoteRef: footnote references are not the heading's text.
    let footnotes = "# Header 1[^1]\n# Header[^1] 2\n# Header *subelement*[^1] 3\n\n[^1]: footnote\n";
    let out = render_markdown(&MarkdownInput { heading_ids: HeadingIdStyle::PythonMarkdown, ..test_input(footnotes) });
    for id in ["header-1", "header-2", "header-subelement-3"] {
        assert!(out.anchors.iter().any(|a| a == id), "{id} in {:?}", out.anchors);
    }
    // `unique` goes on from an id that ends in a number, and never gives an empty id.
    let numbered = "# Step_1\n# Step_1\n# !!!\n# ???\n";
    let out = render_markdown(&MarkdownInput { heading_ids: HeadingIdStyle::PythonMarkdown, ..test_input(numbered) });
    assert_eq!(out.anchors, ["step_1", "step_2", "_1", "_2"]);
}

mod attribute_lists;
mod autolink_literals;
mod book_shortcodes;
mod constructs;
mod dialect_pages;
mod html_comments;
mod hugo_shortcodes;
mod kramdown_cases;
mod kramdown_ids;
mod link_fidelity;
mod mdx_flow;
mod mkdocs_macros;
mod property;
mod tabs;

#[test]
fn shows_an_unreadable_diagram_as_code_with_a_warning_at_its_fence() {
    let text = "Intro.\n\n> ```mermaid\n> graph TD\n>   A[x --> B\n> ```\n";
    let out = render_markdown(&MarkdownInput { browser_diagrams: false, ..test_input(text) });
    let found: Vec<_> = out.diagnostics.iter().map(|d| (d.rule, d.severity, d.line, d.column)).collect();
    assert_eq!(found, [(Rule::Diagram, Severity::Warning, 7, 3)]);
    assert!(
        out.html.contains("<pre class=\"code\" data-lang=\"mermaid\"><code class=\"language-mermaid\">graph TD\n"),
        "{}",
        out.html
    );
    assert!(!out.html.contains("<svg"), "{}", out.html);
}

#[test]
fn numbers_the_diagrams_of_a_page_and_keeps_their_source_in_the_search_text() {
    let out = render("```mermaid\ngraph TD\n  A --> B\n```\n\n```mermaid\nsequenceDiagram\n  A->>B: go\n```\n");
    assert!(out.html.contains("id=\"diagram-1-arrow-filled\""), "{}", out.html);
    assert!(out.html.contains("id=\"diagram-2-arrow-filled\""), "{}", out.html);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    assert!(out.sections[0].code.contains("A->>B: go"), "{:?}", out.sections);
    assert!(!out.sections[0].text.contains("go"), "{:?}", out.sections);
}
