//! Other tools' syntax in real builds: an MDX page built and linked, Hugo shortcodes,
//! Liquid and attribute lists rendered, unknown constructs shown as placeholders with
//! `unsupported-syntax` warnings at their line and column, counted in the summary line
//! of `build` and `check`.

use crate::util;

use util::Site;

/// The `<main>` part of a built page.
fn main_of(site: &Site, path: &str) -> String {
    let html = site.read(path);
    let main = html.split_once("<main").and_then(|(_, m)| m.split_once("</main>")).map(|(m, _)| m.to_string());
    main.unwrap_or_else(|| panic!("{path} has no <main>"))
}

#[test]
fn an_mdx_page_is_built_and_linked() {
    let site = Site::fixture("dialects");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/setup/install/index.html"), "{:?}", site.files_under("public"));
    assert!(!site.exists("public/setup/install.mdx"), "the source is not copied as an asset");
    let home = main_of(&site, "public/index.html");
    assert_eq!(home.matches("href=\"/setup/install/\"").count(), 2, "{home}");
    let page = main_of(&site, "public/setup/install/index.html");
    for gone in ["import", "@theme", "{/*", "<Tabs", "<TabItem", "<Admonition", "<Chart"] {
        assert!(!page.contains(gone), "{gone} in {page}");
    }
    assert!(page.contains("<p class=\"tab-label\">Debian</p>") && page.contains("<p class=\"tab-label\">Fedora</p>"));
    assert!(page.contains("callout-warning") && page.contains("Before you start"));
    assert!(page.contains("unsupported-block") && page.contains("Traffic per day."));
}

#[test]
fn unsupported_syntax_is_reported_where_it_stands_and_counted_in_build_and_check() {
    let site = Site::fixture("dialects");
    let build = site.build(&[]);
    build.expect_code(0);
    let check = site.run(&["check"]);
    check.expect_code(0);
    for run in [&build, &check] {
        assert!(
            run.stderr.contains("warning[unsupported-syntax]: the shortcode `{{< kpi name=\"latency\" >}}` is not supported by opsbook; it is shown as a placeholder\n  --> content/runbooks/db.md:11:16"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("content/setup/install.mdx:27:1"), "{}", run.stderr);
        // The count closes the summary line; `check` lists the placeholders after it.
        let summary = run
            .stderr
            .lines()
            .find(|line| line.starts_with("built ") || line.starts_with("checked "))
            .unwrap_or_default();
        assert!(summary.ends_with("; 2 unsupported-syntax"), "{}", run.stderr);
    }
    let db = main_of(&site, "public/runbooks/db/index.html");
    assert!(
        db.contains(
            "<span class=\"unsupported\">unsupported: <code>{{&lt; kpi name=&quot;latency&quot; &gt;}}</code></span>"
        ),
        "{db}"
    );
    assert!(db.contains("callout-warning") && db.contains("<strong>one</strong>"), "{db}");
    assert!(!db.contains("Never shown") && !db.contains("{%") && !db.contains("{{%"), "{db}");
}

#[test]
fn a_broken_cross_reference_is_a_broken_link_at_its_place() {
    let site = Site::fixture("dialects");
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("warning[broken-link]: no page `content/runbooks/gone.md`\n --> content/runbooks/db.md:9:53"),
        "{}",
        run.stderr
    );
    site.build(&[]).expect_code(0);
    let db = main_of(&site, "public/runbooks/db/index.html");
    assert!(db.contains("<a href=\"/runbooks/cache/\">the cache runbook</a>"), "{db}");
}

#[test]
fn attribute_lists_are_applied_or_dropped_never_printed() {
    let site = Site::fixture("dialects");
    site.build(&[]).expect_code(0);
    let cache = main_of(&site, "public/runbooks/cache/index.html");
    assert!(!cache.contains("{:") && !cache.contains("onclick") && !cache.contains("style="), "{cache}");
    assert!(cache.contains("class=\"step\""), "{cache}");
    assert!(cache.contains("<a href=\"https://console.example.org\" target=\"_blank\">the console</a>"), "{cache}");
}

/// CommonMark ends a fenced code block with its container: a fence left open in a list
/// item ends where the item does. A shortcode's close after that item is no code, and
/// closes the shortcode (a callout of a real Hugo handbook ran to the end of
/// its page, its close shown as text).
#[test]
fn a_fence_left_open_in_a_list_item_ends_with_the_item_and_the_shortcode_closes() {
    let page = "---\ntitle: Page\n---\n\n{{% alert title=\"Note\" %}}\n- Run this:\n\n  ```json\n  {\"a\": 1}\n\n\
                {{% /alert %}}\n\nAfter the note.\n";
    let site = Site::with_files("fence-in-item", &[("hugo.toml", "title = \"X\"\n"), ("content/page.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("never closed"), "{}", run.stderr);
    let main = main_of(&site, "public/page/index.html");
    assert!(!main.contains("{{%"), "{main}");
    let callout = main.split("<div class=\"callout").nth(1).expect("a callout");
    let (inside, after) = callout.split_once("</div>").expect("the callout ends");
    assert!(inside.contains("<pre class=\"code\" data-lang=\"json\">"), "the code is in the note: {inside}");
    assert!(after.contains("After the note."), "{after}");
}

#[test]
fn a_hugo_shortcode_left_as_text_in_code_is_a_counted_warning() {
    // Hugo runs shortcodes before Markdown: in a code block it printed their output.
    let page =
        "# Page\n\n```yaml\nvalue: {{< kpi name=\"x\" >}}\nshown: {{</* kpi */>}}\n```\n\nRun `{{% param title %}}`.\n";
    let site = Site::with_files("shortcode-in-code", &[("hugo.toml", "title = \"X\"\n"), ("content/page.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[unsupported-syntax]: the shortcode `{{< kpi name=\"x\" >}}` is inside code, where Hugo runs it and opsbook does not: it is shown as written\n --> content/page.md:4:8\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/page.md:8:6\n"), "{}", run.stderr);
    assert!(!run.stderr.contains("page.md:5:"), "{}", run.stderr);
    let summary = run.stderr.lines().find(|line| line.starts_with("built ")).unwrap_or_default();
    assert!(summary.ends_with("; 2 unsupported-syntax"), "{}", run.stderr);
    // The same page outside a Hugo site: nothing ran there, nothing is reported.
    std::fs::remove_file(site.root.join("hugo.toml")).expect("remove hugo.toml");
    let run = site.build(&[]);
    assert!(!run.stderr.contains("inside code"), "{}", run.stderr);
}

/// Hugo's page lexer (gohugoio/hugo 7b5199f, `parser/pageparser/pagelexer.go`,
/// `isShortCodeStart`) starts a construct only at `{{<`, `{{%` and their comments: any
/// other `{{ … }}` or `{% … %}` of a page is text, printed as written (as the lexer's
/// `text` case of `pageparser_shortcode_test.go`, `to be or not`).
#[test]
fn in_a_hugo_handbook_template_braces_in_content_are_text_as_hugo_prints_them() {
    let page = "---\ntitle: Alerts\n---\n\nThe summary reads {{ $labels.instance }} is down \
                ({{ printf \"%.2f\" $value }}).\n\n{% raw %}kept{% endraw %} and {{< param title >}}.\n\n\
                to be or not\n";
    let site = Site::with_files("hugo-braces", &[("hugo.toml", "title = \"X\"\n"), ("content/page.md", page)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);
    let main = main_of(&site, "public/page/index.html");
    assert!(
        main.contains("The summary reads {{ $labels.instance }} is down ({{ printf \"%.2f\" $value }})."),
        "{main}"
    );
    assert!(main.contains("{% raw %}kept{% endraw %} and Alerts."), "{main}");
    assert!(main.contains("<p>to be or not</p>"), "{main}");
    // The same page in a Jekyll handbook: Liquid ran over it, the braces are its own
    // (`$` is no Liquid: a placeholder and a warning).
    std::fs::remove_file(site.root.join("hugo.toml")).expect("remove hugo.toml");
    std::fs::write(site.root.join("_config.yml"), "title: X\n").expect("_config.yml");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("`{{ $labels.instance }}` is not supported by opsbook"), "{}", run.stderr);
    let main = main_of(&site, "public/page.html");
    assert!(main.contains("<p>kept and "), "{main}");
}

/// mdBook runs no template engine, and its links preprocessor reads four directives
/// only: the cases of `crates/mdbook-driver/src/builtin_preprocessors/links.rs`'s tests
/// at rust-lang/mdBook 641d06ab (`test_set_chapter_title`, `test_find_links_partial_link`,
/// `test_find_links_empty_link`, `test_find_links_unknown_link_type`) as a book shows
/// them. A preprocessor of the book's own may read any other directive or braces (as the
/// mdBook guide's replaces `{{ mdbook-version }}`): then each is a placeholder, the
/// migration's to-do list.
#[test]
fn mdbook_pages_print_braces_and_unknown_directives_as_written() {
    let page = "{{#title My Title}}\n# My Chapter\n\nSome random text with {{#playground...\n\n\
                Some random text with {{#playground}} and {{#playground   }} {{}} {{#}}...\n\n\
                Some random text with {{#playgroundz ar.rs}} and {{#incn}} {{baz}} {{#bar}}...\n\n\
                The rule says {{ $labels.instance }}; {% raw %} stays.\n";
    let site = Site::empty("dialects-mdbook-braces");
    site.write("book.toml", "[book]\ntitle = \"Ops\"\nsrc = \"src\"\n\n[preprocessor.links]\n");
    site.write("src/SUMMARY.md", "# Summary\n\n- [Chapter](chapter.md)\n");
    site.write("src/chapter.md", page);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);
    let main = main_of(&site, "public/chapter.html");
    for written in [
        "Some random text with {{#playground...",
        "Some random text with {{#playground}} and {{#playground   }} {{}} {{#}}...",
        "Some random text with {{#playgroundz ar.rs}} and {{#incn}} {{baz}} {{#bar}}...",
        "The rule says {{ $labels.instance }}; {% raw %} stays.",
    ] {
        assert!(main.contains(written), "{written}: {main}");
    }
    assert!(!main.contains("My Title") && main.contains(">My Chapter<"), "{main}");
    site.write("book.toml", "[book]\ntitle = \"Ops\"\nsrc = \"src\"\n\n[preprocessor.blacksmith]\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("`{{#bar}}` is a directive of an mdBook preprocessor (`bar`)"),
        "a preprocessor of the book's own may read it: {}",
        run.stderr
    );
    assert!(run.stderr.contains("`{{ $labels.instance }}` is not supported by opsbook"), "{}", run.stderr);
    let main = main_of(&site, "public/chapter.html");
    assert!(!main.contains("My Title"), "{main}");
}

/// MkDocs renders a page's Markdown as written: only mkdocs-macros-plugin runs Jinja
/// over it. Without the plugin, braces are text; with it, they are variables as in
/// any templated page.
#[test]
fn mkdocs_pages_print_braces_as_written_unless_the_macros_plugin_runs() {
    let page = "# Alerts\n\nThe rule says {{ $labels.instance }} is down; {% raw %} stays.\n";
    let site = Site::with_files(
        "dialects-mkdocs-braces",
        &[("mkdocs.yml", "site_name: Ops\nplugins:\n  - search\n"), ("content/index.md", page)],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/index.html");
    assert!(main.contains("The rule says {{ $labels.instance }} is down; {% raw %} stays."), "{main}");
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);
    site.write("mkdocs.yml", "site_name: Ops\nplugins:\n  - search\n  - macros:\n      module_name: main\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/index.html");
    assert!(
        main.contains("<span class=\"unsupported\">unsupported: <code>{{ $labels.instance }}</code></span>"),
        "a variable of the macros plugin, a placeholder: {main}"
    );
}

/// kramdown's warning for an element never closed, on Jekyll pages with front matter (one
/// with an include above the element): its place is the start tag's line of the file, and
/// its text names no other line. It named the line of the body after templates ran:
/// "(line 3)" at `open.md:7:1`, "(line 10)" at `included.md:7:1`.
#[test]
fn a_kramdown_element_never_closed_is_warned_at_its_line_of_the_file() {
    let open = "---\ntitle: Open\ndescription: A page left open\n---\nIntro.\n\n<section>\n\nText.\n";
    let included = "---\ntitle: Included\n---\n{% include intro.html %}\n\n\n<section>\n\nText.\n";
    let pages = [("content/index.md", "# Home\n"), ("content/open.md", open), ("content/included.md", included)];
    let site = Site::with_files("kramdown-unclosed-line", &pages);
    site.write("_config.yml", "title: Test\n");
    site.write("_includes/intro.html", "<p>One</p>\n\n<p>Two</p>\n\n<p>Three</p>\n\n<p>Four</p>\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let mut places = Vec::new();
    for warning in run.stderr.split("warning[unclosed-html]: ").skip(1) {
        let (message, place) = warning.split_once('\n').expect("a place under the message");
        assert!(message.starts_with("`<section>` has no end tag"), "{message}");
        assert!(!message.contains("line"), "the text names no line the place does not: {message}");
        let place = place.trim_start().trim_start_matches("--> ");
        places.push(place.split_whitespace().next().unwrap_or_default().to_string());
    }
    places.sort();
    assert_eq!(places, ["content/included.md:7:1", "content/open.md:7:1"], "{}", run.stderr);
    assert_eq!((open.lines().nth(6), included.lines().nth(6)), (Some("<section>"), Some("<section>")));
}

/// A link to an id a page lacks, when the page shows a construct of another tool as a
/// placeholder that may have made it: the site's own shortcode whose template writes an
/// id (`<h3 id="calendar">`, or a templated `id="{{ .Get 0 }}"`), or one whose template
/// opsbook cannot read (a theme's module not in the repository). opsbook cannot tell, and
/// says so in a note at the link naming that placeholder. A page without a placeholder,
/// or whose placeholders' templates write no id, keeps its warning.
#[test]
fn an_anchor_into_a_page_with_a_placeholder_is_a_note() {
    let site = Site::with_files(
        "unrun-anchor",
        &[
            ("hugo.toml", "title = \"Ops\"\n"),
            (
                "layouts/shortcodes/home/calendar_dark.html",
                "<div>\n<h3 id=\"calendar\">Our Team Calendar</h3>\n</div>\n",
            ),
            (
                "layouts/shortcodes/banner.html",
                "<div class=\"banner\" data-id=\"x\">{{ .Inner | markdownify }}</div>\n",
            ),
            ("layouts/shortcodes/section.html", "<section id=\"{{ .Get 0 }}\"></section>\n"),
            ("content/_index.md", "---\ntitle: Home\n---\n## Events\n\n{{< banner >}}\n\n{{< home/calendar_dark >}}\n"),
            ("content/plain.md", "---\ntitle: Plain\n---\n## Steps\n"),
            ("content/banner.md", "---\ntitle: Banner\n---\n## Steps\n\n{{< banner >}}Hi{{< /banner >}}\n"),
            ("content/sections.md", "---\ntitle: Sections\n---\n{{< banner >}}\n\n{{< section intro >}}\n"),
            ("content/themed.md", "---\ntitle: Themed\n---\n{{< imgproc featured Resize 800x >}}\n"),
            (
                "content/links.md",
                "---\ntitle: Links\n---\nSee [the calendar](/#calendar), [steps](plain.md#nothing), \
                 [banner](banner.md#nothing), [intro](sections.md#intro) and [image](themed.md#figure).\n",
            ),
        ],
    );
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Test\"\n[markdown]\nheading-ids = \"hugo\"\n[check]\nlinks = \"warn\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let may = ": the old tool ran it, and it may make that id\n --> content/links.md:4:";
    for (anchor, page, construct) in [
        ("calendar", "_index.md", "home/calendar_dark"),
        ("intro", "sections.md", "section"),
        ("figure", "themed.md", "{{< imgproc featured Resize 800x >}}"),
    ] {
        let note = format!(
            "note[broken-anchor]: no heading or anchor `#{anchor}` in `content/{page}`, which shows `{construct}` as a placeholder{may}"
        );
        assert!(run.stderr.contains(&note), "{note}\n{}", run.stderr);
    }
    for page in ["plain.md", "banner.md"] {
        let warning = format!("warning[broken-anchor]: no heading or anchor `#nothing` in `content/{page}`\n");
        assert!(run.stderr.contains(&warning), "{warning}\n{}", run.stderr);
    }
}

/// An HTML comment that closes on a fence's line (`` ``` -->``) leaves no fence open:
/// the tabs after it are tabs (remark-comment, which Docusaurus's `mdx1Compat.comments`
/// uses, ends a comment at its first `-->`, as CommonMark's HTML block does).
#[test]
fn a_comment_closing_on_a_fence_line_leaves_the_tabs_after_it_whole() {
    let page = "---\ntitle: A\n---\nimport Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';\n\n<!--\n### Hidden\n\n```yaml\nkind: A\n``` -->\n\n### Shown\n\n<Tabs>\n  <TabItem value=\"one\" label=\"One\" default>\n\n```yaml\none: 1\n```\n  </TabItem>\n  <TabItem value=\"two\" label=\"Two\">\n\n```yaml\ntwo: 2\n```\n  </TabItem>\n</Tabs>\n\nAfter.\n";
    let site = Site::with_files(
        "comment-fence-tabs",
        &[("docusaurus.config.js", "module.exports = {};\n"), ("docs/a.md", page)],
    );
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Test\"\n[build]\ncontent-dir = \"docs\"\n[check]\nlinks = \"warn\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);
    let main = main_of(&site, "public/a/index.html");
    assert!(
        main.contains("<p class=\"tab-label\">One</p>") && main.contains("<p class=\"tab-label\">Two</p>"),
        "{main}"
    );
    // The comment stays a comment, its fence its text.
    assert!(main.contains("<!--\n### Hidden") && !main.contains("id=\"hidden\""), "{main}");
}
