//! Item 6 and class D of its corpus report: a handbook's own constructs get
//! templates of their own (`templates/shortcodes/`), the old tools' variables are read
//! from their own files (Hugo's `param`, Jekyll's and Eleventy's Liquid), and `opsbook
//! check` ends with what is still shown as placeholders, most used first.

use crate::util;

use util::Site;

/// The `<main>` part of a built page.
fn main_of(site: &Site, path: &str) -> String {
    util::main_of(&site.read(path)).to_string()
}

const MEMBER: &str = "<a class=\"member\" href=\"/team/#{{ args[0] | slugify }}\">{{ args[0] }}</a>\n";
const CARD: &str = "<section class=\"card\"><h3>{{ params.title }}</h3>\n{{ body }}\n</section>\n";

/// A Hugo handbook with templates for three shortcodes of its theme.
fn hugo_site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("hugo.toml", "[params]\nVersion = \"v9.9\"\n[params.vers]\notel = \"1.2.3\"\n"),
            ("templates/shortcodes/member-by-name.html", MEMBER),
            ("templates/shortcodes/card.html", CARD),
            ("templates/shortcodes/team/header.md", "**{{ page.title }}** for {{ site.params.version }}\n"),
            ("content/team.md", "---\ntitle: Team\n---\n## Ada Lovelace\n\n## Grace Hopper\n"),
            ("content/docs/_index.md", "---\ntitle: Docs\ncascade:\n  git_tag: v3.5.21\n---\nDocs.\n"),
            ("content/docs/b.md", "---\ntitle: B\n---\nB.\n"),
            (
                "content/docs/a.md",
                "---\ntitle: A\nmine: own\n---\n\
                 Manager: {{< member-by-name \"Ada Lovelace\" >}}.\n\n\
                 {{< member-by-name \"Grace Hopper\" >}}\n\n\
                 {{< card title=\"On call\" >}}\nPage the **primary**, see [B](b.md).\n{{< /card >}}\n\n\
                 {{< team/header >}}\n\n\
                 Tag {{< param git_tag >}}, {{% param version %}}, {{% param vers.OTEL %}}, {{< param \"mine\" >}}.\n\n\
                 {{< kpi >}} {{< kpi >}} {{< param nothere >}}\n",
            ),
        ],
    )
}

#[test]
fn a_hugo_shortcode_renders_through_the_handbooks_template() {
    let site = hugo_site("shortcode-template");
    site.build(&[]).expect_code(0);
    let page = main_of(&site, "public/docs/a/index.html");
    assert!(
        page.contains("<p>Manager: <a class=\"member\" href=\"/team/#ada-lovelace\">Ada Lovelace</a>.</p>"),
        "{page}"
    );
    assert!(page.contains("<a class=\"member\" href=\"/team/#grace-hopper\">Grace Hopper</a>\n"), "{page}");
    // The content of a paired shortcode stays in the page, its links resolved.
    assert!(
        page.contains(
            "<section class=\"card\"><h3>On call</h3>\n\n<p>Page the <strong>primary</strong>, see <a href=\"/docs/b/\">B</a>.</p>\n\n</section>"
        ),
        "{page}"
    );
    assert!(page.contains("<p><strong>A</strong> for v9.9</p>"), "{page}");
}

#[test]
fn hugos_param_reads_the_page_its_sections_and_the_site() {
    let site = hugo_site("param");
    site.build(&[]).expect_code(0);
    let page = main_of(&site, "public/docs/a/index.html");
    assert!(page.contains("<p>Tag v3.5.21, v9.9, 1.2.3, own.</p>"), "{page}");
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains(
            "warning[unsupported-syntax]: `{{< param nothere >}}` names no parameter of the page's front matter, of the `cascade` of its sections or of the site's `params`; it is shown as a placeholder\n  --> content/docs/a.md:17:25"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn check_ends_with_the_placeholders_most_used_first() {
    let site = hugo_site("placeholder-list");
    let check = site.run(&["check"]);
    check.expect_code(0);
    assert!(
        check.stderr.ends_with(
            "shown as placeholders, most used first (give each a template in templates/shortcodes/, or rewrite it):\n  2  {{< kpi >}}\n  1  {{< param >}}\n"
        ),
        "{}",
        check.stderr
    );
}

#[test]
fn a_template_error_is_located_in_the_template_and_at_the_use() {
    let site = hugo_site("template-errors");
    site.write("templates/shortcodes/broken.html", "fine\n{{ nothing.here }}\n");
    site.write("templates/shortcodes/unparsed.html", "a\n{% if %}\n");
    site.write("content/docs/c.md", "---\ntitle: C\n---\nText.\n\n{{< broken >}}\n");
    let check = site.run(&["check"]);
    check.expect_code(1);
    assert!(
        check.stderr.contains(
            "error[template]: the template `templates/shortcodes/broken.html` fails at line 2, column 4: Variable `nothing` is not defined"
        ) && check.stderr.contains(" --> content/docs/c.md:6:1"),
        "{}",
        check.stderr
    );
    assert!(
        check.stderr.contains("error[template]: ")
            && check.stderr.contains("--> templates/shortcodes/unparsed.html:2:"),
        "{}",
        check.stderr
    );
}

#[test]
fn a_template_that_writes_its_own_construct_does_not_recurse() {
    let site = hugo_site("template-recursion");
    site.write("templates/shortcodes/again.md", "{% raw %}{{< again >}} {{< again >}}{% endraw %}\n");
    site.write("content/docs/c.md", "---\ntitle: C\n---\n{{< again >}}\n");
    site.build(&[]).expect_code(0);
    let page = main_of(&site, "public/docs/c/index.html");
    assert!(page.contains("{{&lt; again &gt;}} {{&lt; again &gt;}}"), "{page}");
}

/// A Jekyll handbook: `_config.yml`, `_data/`, pages under `content/`.
fn jekyll_site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "title: Jay\nrepository: https://github.com/example/j\npermalink: pretty\n"),
            ("_data/team.yml", "- name: Ada\n  role: SRE\n- name: Grace\n"),
            ("content/docs/b.md", "---\ntitle: B\n---\nB.\n"),
            (
                "content/docs/a.md",
                "---\ntitle: A\nowner_team: db\n---\n\
                 See [the issues]({{ site.repository }}/issues), team {{ page.owner_team | upcase }}.\n\
                 {% assign n = site.data.team | size %}\nWe are {{ n }}:\n\
                 {% for m in site.data.team %}\n- {{ m.name }}{% if m.role %} ({{ m.role }}){% endif %}\n{% endfor %}\n\n\
                 {% capture note %}kept **text**{% endcapture %}Note: {{ note }}\n\n\
                 {% raw %}{{ shown }}{% endraw %} and [b]({% link docs/b.md %}) and [gone](gone.md).\n\n\
                 ```\n{{ site.title }} in code\n```\n\n\
                 {{ nobody.set }}-{% include card.html who=\"Ada\" %}\n",
            ),
        ],
    )
}

#[test]
fn a_jekyll_page_runs_its_liquid_with_the_sites_variables() {
    let site = jekyll_site("jekyll-liquid");
    site.write("templates/shortcodes/include/card.html", "<b class=\"card\">{{ params.who }}</b>\n");
    let build = site.build(&[]);
    build.expect_code(0);
    let page = main_of(&site, "public/docs/a/index.html");
    for expected in [
        "<a href=\"https://github.com/example/j/issues\">the issues</a>, team DB.",
        "<p>We are 2:</p>",
        "<p>Ada (SRE)</p>",
        "<p>Grace</p>",
        "<p>Note: kept <strong>text</strong></p>",
        "{{ shown }} and <a href=\"/docs/b/\">b</a>",
        "Jay in code",
        // A line with a `|` would be a table row in kramdown.
        "<p>-<b class=\"card\">Ada</b></p>",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }
    // A link written after Liquid ran is still reported at its place in the file.
    assert!(build.stderr.contains("warning[broken-link]: no page `content/docs/gone.md`"), "{}", build.stderr);
    assert!(build.stderr.contains(" --> content/docs/a.md:14:68"), "{}", build.stderr);
}

#[test]
fn a_page_whose_liquid_cannot_be_read_shows_placeholders_and_says_why() {
    let site = jekyll_site("jekyll-unclosed");
    site.write("content/docs/c.md", "---\ntitle: C\n---\nText.\n\n{% if page.title %}never closed {{ site.title }}\n");
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains(
            "warning[unsupported-syntax]: the page's Liquid cannot be read at `{% if page.title %}` (Unclosed block. {% endif %} tag expected.)"
        )
            && check.stderr.contains("its tags are shown as placeholders\n --> content/docs/c.md:6:1"),
        "{}",
        check.stderr
    );
}

#[test]
fn an_eleventy_site_rendering_markdown_with_nunjucks_or_liquid_evaluates_either() {
    let site = Site::with_files(
        "eleventy-njk",
        &[
            ("eleventy.config.js", "export default function () { return { markdownTemplateEngine: \"njk\" }; }\n"),
            ("_data/site.json", "{\"name\": \"Eleventy\"}\n"),
            ("content/a.md", "---\ntitle: A\n---\nName: {{ site.name }}.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(
        main_of(&site, "public/a/index.html").contains("<p>Name: Eleventy.</p>"),
        "Nunjucks (tests/integration/nunjucks.rs)"
    );
    site.write("content/a.md", "---\ntitle: A\n---\nName: {{ site.name | shuffle }}.\n");
    site.build(&[]).expect_code(0);
    assert!(main_of(&site, "public/a/index.html").contains("unsupported"), "a filter of the site's JavaScript");
    site.write("content/a.md", "---\ntitle: A\n---\nName: {{ site.name }}.\n");
    site.write("eleventy.config.js", "module.exports = function () { return {}; };\n");
    site.build(&[]).expect_code(0);
    assert!(main_of(&site, "public/a/index.html").contains("<p>Name: Eleventy.</p>"));
}

/// A Hugo site's own shortcode template wins over opsbook's rendering of the name, as
/// Hugo looks templates up (`layouts/_shortcodes/`, older `layouts/shortcodes/`, a
/// folder's `layouts/docs/_shortcodes/` for its pages): the call is a placeholder with a
/// warning naming the template. A theme's template replaces Hugo's embedded shortcodes
/// (`details`) but not opsbook's readings of themes' ones (`note`).
#[test]
fn a_hugo_sites_own_shortcode_template_wins_over_opsbooks_rendering() {
    let page = "# Page\n\n{{% alert title=\"Mind\" %}}\nThe **body** stays.\n{{% /alert %}}\n\n{{< youtube abc >}}\n\n\
                {{< figure src=\"https://example.org/a.png\" >}}\n\n{{< details summary=\"More\" >}}\nHidden.\n{{< /details >}}\n\n\
                {{< note >}}\nNoted.\n{{< /note >}}\n";
    let files = [
        ("hugo.toml", "title = 'x'\ntheme = 'mytheme'\n"),
        ("content/page.md", page),
        ("content/docs/page.md", page),
        ("layouts/_shortcodes/alert.html", "<div class=\"own-alert\">{{ .Inner }}</div>\n"),
        ("layouts/shortcodes/youtube.html", "<iframe></iframe>\n"),
        ("layouts/docs/_shortcodes/figure.html", "<figure class=\"own\"></figure>\n"),
        ("themes/mytheme/layouts/_shortcodes/details.html", "<details></details>\n"),
        ("themes/mytheme/layouts/_shortcodes/note.html", "<div class=\"note\"></div>\n"),
    ];
    let site = Site::with_files("hugo-own-shortcodes", &files);
    let run = site.build(&[]);
    run.expect_code(0);
    let root = main_of(&site, "public/page/index.html");
    let docs = main_of(&site, "public/docs/page/index.html");
    for main in [&root, &docs] {
        assert!(main.contains("unsupported: <code>{{% alert title=&quot;Mind&quot; %}}</code>"), "{main}");
        assert!(main.contains("The <strong>body</strong> stays.") && !main.contains("callout-title\">Mind"), "{main}");
        assert!(main.contains("unsupported: <code>{{&lt; youtube abc &gt;}}</code>"), "{main}");
        assert!(main.contains("unsupported: <code>{{&lt; details summary=&quot;More&quot; &gt;}}</code>"), "{main}");
        assert!(!main.contains("<details"), "{main}");
        assert!(main.contains("callout-note") && main.contains("Noted."), "{main}");
    }
    assert!(root.contains("<img src=\"https://example.org/a.png\""), "{root}");
    assert!(docs.contains("unsupported: <code>{{&lt; figure") && !docs.contains("<img"), "{docs}");
    for (name, whose, file) in [
        ("alert", "the site's own", "layouts/_shortcodes/alert.html"),
        ("youtube", "the site's own", "layouts/shortcodes/youtube.html"),
        ("figure", "the site's own", "layouts/docs/_shortcodes/figure.html"),
        ("details", "the theme's", "themes/mytheme/layouts/_shortcodes/details.html"),
    ] {
        let warning =
            format!("warning[unsupported-syntax]: the shortcode `{name}` runs {whose} template `{file}` in Hugo");
        assert!(run.stderr.contains(&warning), "{warning}: {}", run.stderr);
    }
    assert!(run.stderr.contains(" --> content/docs/page.md:3:1"), "{}", run.stderr);

    // Without the templates, opsbook renders each name.
    let site = Site::with_files("hugo-no-own-shortcodes", &[files[0], files[1]]);
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/page/index.html");
    for part in
        ["callout-title\">Mind", "youtube.com/watch?v=abc", "<img src=\"https://example.org/a.png\"", "<details"]
    {
        assert!(main.contains(part), "{part}: {main}");
    }
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);
}

/// Hugo's embedded shortcodes render as opsbook's (a link card, a code block, nothing),
/// and the handbook's own template of the same name wins over each, as a site's
/// `layouts/_shortcodes/` wins in Hugo.
#[test]
fn a_handbooks_template_wins_over_hugos_embedded_shortcodes() {
    let page = "# Page\n\n{{< gist alice 42 >}}\n\n{{< x user=\"ops\" id=\"7\" >}}\n\n{{< instagram abc >}}\n\n\
                {{< highlight go >}}\nfunc main() {}\n{{< /highlight >}}\n\n{{< qr text=\"https://example.org/\" />}}\n\n\
                a{{< comment >}}hidden{{< /comment >}}b\n";
    let built_in = Site::with_files("embedded-built-in", &[("hugo.toml", "title = 'x'\n"), ("content/page.md", page)]);
    let run = built_in.build(&[]);
    run.expect_code(0);
    let main = main_of(&built_in, "public/page/index.html");
    for part in [
        "<a href=\"https://gist.github.com/alice/42\">",
        "<a href=\"https://x.com/ops/status/7\">",
        "<a href=\"https://www.instagram.com/p/abc/\">",
        "data-lang=\"go\"",
        "<a href=\"https://example.org/\">https://example.org/</a>",
        "<p>ab</p>",
    ] {
        assert!(main.contains(part), "{part}: {main}");
    }
    assert!(!run.stderr.contains("unsupported-syntax"), "{}", run.stderr);

    let mut files = vec![("hugo.toml", "title = 'x'\n"), ("content/page.md", page)];
    let own: Vec<(String, String)> = ["gist", "x", "instagram", "highlight", "qr", "comment"]
        .iter()
        .map(|name| (format!("templates/shortcodes/{name}.html"), format!("<b class=\"own\">{name}</b>\n")))
        .collect();
    files.extend(own.iter().map(|(path, text)| (path.as_str(), text.as_str())));
    let site = Site::with_files("embedded-own", &files);
    site.build(&[]).expect_code(0);
    let main = main_of(&site, "public/page/index.html");
    for name in ["gist", "x", "instagram", "highlight", "qr", "comment"] {
        assert!(main.contains(&format!("<b class=\"own\">{name}</b>")), "{name}: {main}");
    }
    assert!(!main.contains("gist.github.com") && !main.contains("data-lang"), "{main}");
}

/// A Hugo site's own `highlight` (a callout, `{{% highlight important %}}`) is what Hugo
/// ran, not its embedded code block: a placeholder keeping the text, never code in a
/// language `important`.
#[test]
fn a_hugo_sites_own_highlight_is_no_code_block() {
    let page = "# Page\n\n{{% highlight important %}}\nBook **early**.\n{{% /highlight %}}\n";
    let own = ("layouts/_shortcodes/highlight.html", "<div class=\"highlight-{{ .Get 0 }}\">{{ .Inner }}</div>\n");
    let site =
        Site::with_files("hugo-own-highlight", &[("hugo.toml", "title = 'x'\n"), ("content/page.md", page), own]);
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/page/index.html");
    assert!(main.contains("unsupported: <code>{{% highlight important %}}</code>"), "{main}");
    assert!(main.contains("<p>Book <strong>early</strong>.</p>"), "{main}");
    assert!(!main.contains("language-important") && !main.contains("<pre"), "{main}");
    assert!(run.stderr.contains("`layouts/_shortcodes/highlight.html`"), "{}", run.stderr);
}

/// A paired `{{< >}}` call is one placeholder in Hugo's Markdown: a theme's `highlight`
/// inside tab `<div>`s, with a blank line in its content, keeps the HTML block around it
/// whole, so the tabs after it stay HTML, their ids stay, and the links to them hold.
#[test]
fn a_hugo_shortcode_with_a_blank_line_keeps_the_html_block_around_it() {
    let tab = |id: &str| {
        format!(
            "    <div class=\"tab-pane\" id=\"{id}\">\n      <p>The {id} channel.</p>\n      {{{{< highlight bash >}}}}\n#!ipxe\n\nset base-url http://{id}.example.net\nboot\n{{{{< /highlight >}}}}\n    </div>\n"
        )
    };
    let page = format!(
        "---\ntitle: iPXE\n---\nSee [beta](#beta-create) and [stable](#stable-create).\n\n<div id=\"ipxe-create\">\n  <div class=\"tab-content\">\n{}{}{}  </div>\n</div>\n\nAfter the tabs.\n",
        tab("alpha-create"),
        tab("beta-create"),
        tab("stable-create")
    );
    let site = Site::with_files(
        "hugo-shortcode-unit",
        &[
            ("hugo.toml", "title = 'x'\ntheme = 'flat'\n"),
            ("themes/flat/layouts/shortcodes/highlight.html", "{{ highlight .Inner (.Get 0) }}\n"),
            ("content/ipxe.md", page.as_str()),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site, "public/ipxe/index.html");
    for id in ["alpha-create", "beta-create", "stable-create"] {
        assert!(main.contains(&format!("<div class=\"tab-pane\" id=\"{id}\">")), "{id}: {main}");
        assert!(main.contains(&format!("<p>set base-url http://{id}.example.net\nboot</p>")), "{id}: {main}");
    }
    assert_eq!(main.matches("unsupported: <code>{{&lt; highlight bash &gt;}}</code>").count(), 3, "{main}");
    assert!(!main.contains("<pre") && !main.contains("&lt;div"), "no HTML shown as code: {main}");
    assert!(main.contains("<p>After the tabs.</p>"), "{main}");
    assert!(!run.stderr.contains("broken-anchor") && !run.stderr.contains("unclosed-html"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("the theme's template `themes/flat/layouts/shortcodes/highlight.html`").count(), 3);
}

/// A Liquid tag with a template of the handbook's is a block only when an end tag
/// `{% endNAME %}` follows it, as Liquid's block body reads it: the word `endnote` in
/// the prose after it is no end, and the tag stays one call on its own.
#[test]
fn a_liquid_tag_with_a_template_pairs_with_an_end_tag_not_with_the_word() {
    let site = jekyll_site("liquid-tag-end");
    site.write("templates/shortcodes/note.html", "<aside class=\"note\">{{ params.kind }}|{{ body }}</aside>\n");
    site.write(
        "content/docs/c.md",
        "---\ntitle: C\n---\n{% note kind=\"single\" %}\n\nThe prose says endnote here, and goes on.\n\n\
         {% note kind=\"paired\" %}\nInside **the** note.\n{% endnote %}\n\nAfter.\n",
    );
    let build = site.build(&[]);
    build.expect_code(0);
    let page = main_of(&site, "public/docs/c/index.html");
    assert!(page.contains("<aside class=\"note\">single|</aside>"), "{page}");
    assert!(page.contains("<p>The prose says endnote here, and goes on.</p>"), "{page}");
    assert!(page.contains("<aside class=\"note\">paired|"), "{page}");
    assert!(page.contains("Inside <strong>the</strong> note."), "{page}");
    assert!(page.contains("<p>After.</p>"), "{page}");
    assert!(!build.stderr.contains("never closed"), "{}", build.stderr);
}
