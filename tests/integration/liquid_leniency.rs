//! "raw constructs shown as text: 0" and "placeholders fewer than 1 per 20
//! pages": a Jekyll page's Liquid runs as leniently as Jekyll runs it (Shopify's Ruby
//! Liquid, lax filters and variables), and one tag that fails is a placeholder and a
//! warning at it, not the whole page.

use crate::util;

use util::Site;

/// A Jekyll handbook with one page of the Liquid that `liquid-lib` is stricter about.
fn lenient_site(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "title: Jay\npermalink: pretty\nplugins: [jekyll-assets]\n"),
            ("_data/team.yml", "- name: Ada\n  role: SRE\n- name: Grace\n"),
            (
                "content/l.md",
                "---\ntitle: L\n---\n\
                 Sum {{ \"3\" | plus: 2 }}, {{ page.none | plus: 1 }}, {{ \"12px\" | times: 2 }}, {{ 7 | divided_by: -2 }}, {{ \"2.6\" | round }}.\n\n\
                 {% assign picked = site.data.none | where: \"a\", \"b\" %}Picked [{{ picked }}].\n\n\
                 {% assign bad = 1 | divided_by: 0 %}\n\n\
                 After the failure {{ site.title }}: {% for t in site.data.team %}{{ t.name }}{{ t.missing.deeper }};{% endfor %}\n\n\
                 Lists {{ site.title | join: \", \" }}[{{ page.none | join: \",\" }}] {% assign pairs = site.data.team[0] | sort %}{{ pairs[0][0] }} {{ pairs | size }}, \
                 {% assign sre = site.data.team | where_exp: \"t\", \"t.role == 'SRE' or t.name contains 'x'\" %}{{ sre[0].name }} {{ sre | size }}.\n",
            ),
        ],
    )
}

#[test]
fn jekyll_filters_read_text_and_nil_as_ruby_liquid_does() {
    let site = lenient_site("liquid-lenient");
    site.build(&[]).expect_code(0);
    let page = util::main_of(&site.read("public/l/index.html")).to_string();
    let expected = [
        "<p>Sum 5, 1, 24, -4, 3.</p>",
        "<p>Picked [].</p>",
        "<p>After the failure Jay: Ada;Grace;</p>",
        "<p>Lists Jay[] name 2, Ada 1.</p>",
    ];
    for expected in expected {
        assert!(page.contains(expected), "{expected} in {page}");
    }
}

#[test]
fn a_liquid_tag_that_fails_is_a_placeholder_with_a_warning_at_it() {
    let site = lenient_site("liquid-one-tag-fails");
    let build = site.build(&[]);
    build.expect_code(0);
    let page = util::main_of(&site.read("public/l/index.html")).to_string();
    assert!(page.contains("unsupported: <code>{% assign bad = 1 | divided_by: 0 %}</code>"), "{page}");
    assert!(page.contains("<p>After the failure Jay: Ada;Grace;</p>"), "the rest is evaluated: {page}");
    assert!(
        build.stderr.contains(
            "warning[unsupported-syntax]: `{% assign bad = 1 | divided_by: 0 %}` cannot be evaluated (divided by 0"
        ) && build.stderr.contains("it is shown as a placeholder\n --> content/l.md:8:1"),
        "{}",
        build.stderr
    );
    assert_eq!(build.stderr.matches("warning[unsupported-syntax]").count(), 1, "one warning: {}", build.stderr);
}

#[test]
fn a_jekyll_asset_runs_the_liquid_of_its_arguments_and_links_stylesheets() {
    let site = lenient_site("liquid-asset");
    site.write("content/_assets/images/team/ada.png", "png");
    site.write("content/_assets/css/site.css", "p {}");
    site.write("content/_assets/js/map.js", "1");
    site.write(
        "content/a.md",
        "---\ntitle: A\n---\n{% assign who = \"ada\" %}{% asset \"team/{{ who }}.png\" alt=\"Ada\" %}\n\n{% asset site.css %}\n\n{% asset map.js %}\n",
    );
    let build = site.build(&[]);
    build.expect_code(0);
    let page = util::main_of(&site.read("public/a/index.html")).to_string();
    assert!(!page.contains("unsupported"), "{page}");
    assert!(page.contains("team/ada.png\" alt=\"Ada\">"), "{page}");
    assert!(page.contains("<link rel=\"stylesheet\" href=\"") && page.contains("site.css\">"), "{page}");
    assert!(page.contains("<script src=\"") && page.contains("map.js\"></script>"), "{page}");
}

#[test]
fn a_nunjucks_page_drops_its_comments_and_shows_a_macro_call_over_lines_as_a_placeholder() {
    let site = Site::with_files(
        "nunjucks-page",
        &[
            ("eleventy.config.js", "export default function () { return { markdownTemplateEngine: \"njk\" }; }\n"),
            (
                "content/a.md",
                "---\ntitle: A\n---\nBefore {# a note #} after.\n\n{{ govukInput({\n  id: \"email\",\n  label: { text: \"Email\" }}) }}\n\nEnd.\n",
            ),
            ("content/b.md", "---\ntitle: B\n---\nA set {# of #} braces.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let page = util::main_of(&site.read("public/a/index.html")).to_string();
    assert!(page.contains("<p>Before  after.</p>"), "{page}");
    assert!(page.contains("unsupported: <code>{{ govukInput({ id: &quot;email&quot;"), "{page}");
    assert!(page.contains("<p>End.</p>") && !page.contains("<p>{{") && !page.contains("<p>label"), "{page}");
    // `{#` is text on a page of a handbook that does not render it with Nunjucks.
    site.write("eleventy.config.js", "module.exports = function () { return {}; };\n");
    site.build(&[]).expect_code(0);
    assert!(util::main_of(&site.read("public/b/index.html")).contains("A set {# of #} braces."));
}

/// Shopify's Ruby Liquid (`lib/liquid/utils.rb`, `slice_collection_using_each`): a `for`
/// over a text runs once with it, over an empty text or a number not at all, over a map
/// with its pairs.
#[test]
fn a_liquid_loop_over_a_text_runs_once_as_in_ruby_liquid() {
    let site = lenient_site("liquid-for-text");
    site.write("_data/owners.yml", "db: Ada\nweb: Grace\n");
    site.write(
        "content/f.md",
        "---\ntitle: F\ntags: solo\nnone: \"\"\nn: 3\n---\n\
         {% for t in page.tags %}T({{ t }}){% endfor %} {% for t in page.none %}E{% else %}empty{% endfor %} \
         {% for t in page.n %}N{% endfor %} {%- for kv in site.data.owners %} {{ kv[0] }}={{ kv[1] }}{% endfor %} \
         {% for t in site.data.team limit:1 %}{% for c in t.role %}[{{ c }}]{% endfor %}{% endfor %}\n",
    );
    let build = site.build(&[]);
    build.expect_code(0);
    let page = util::main_of(&site.read("public/f/index.html")).to_string();
    // A map's pairs: both, in the order liquid-core keeps them.
    let pairs = ["<p>T(solo) empty  db=Ada web=Grace [SRE]</p>", "<p>T(solo) empty  web=Grace db=Ada [SRE]</p>"];
    assert!(pairs.iter().any(|p| page.contains(p)), "{page}");
    assert!(!build.stderr.contains("content/f.md"), "no warning on the page: {}", build.stderr);
}

/// Ruby Liquid's lax parser, which Jekyll falls back to: a variable written inside a tag
/// (`{{include.kind}}`) is read as the variable, and a `capture` of a jekyll-assets tag
/// captures the tag with its variables evaluated, so the include works as a whole.
#[test]
fn an_include_reads_variables_inside_tags_and_captures_an_asset_as_jekyll_does() {
    let site = lenient_site("liquid-lax");
    site.write("content/_assets/docs/review.pdf", "pdf");
    site.write(
        "_includes/papers.html",
        "{% assign chosen = site.data.papers | where: 'kind', {{include.kind}} %}\
         {% for item in chosen limit:{{include.limit}} %}\
         {% capture link %}{% asset '{{item.file}}' @path %}{% endcapture %}\
         <a href=\"{{ link }}\">{{ item.title }}</a>\n{% endfor %}",
    );
    site.write(
        "_data/papers.yml",
        "- {title: Review, kind: rca, file: docs/review.pdf}\n- {title: Other, kind: rca, file: docs/review.pdf}\n- {title: Plan, kind: plan, file: docs/review.pdf}\n",
    );
    site.write(
        "content/p.md",
        "---\ntitle: P\n---\n{% assign wanted = 'rca' %}{% include papers.html kind=wanted limit=1 %}\n",
    );
    let build = site.build(&[]);
    build.expect_code(0);
    let page = util::main_of(&site.read("public/p/index.html")).to_string();
    assert!(!page.contains("unsupported"), "{page}\n{}", build.stderr);
    assert!(page.contains(">Review</a>") && !page.contains("Other") && !page.contains("Plan"), "{page}");
    assert!(page.contains("review.pdf\">Review</a>"), "the asset's URL: {page}");
}

/// A filter of the site's own (a `_plugins/` file opsbook does not run) in an `assign`,
/// which writes nothing: the value passes on unfiltered, as Liquid passes over an
/// unknown filter with Jekyll's default `strict_filters: false`, with a note. A filter
/// of Jekyll's that opsbook lacks would change the value: that tag stays a placeholder.
#[test]
fn an_assign_passes_over_a_filter_of_the_site_s_own_but_not_a_built_in_one() {
    let site = Site::with_files(
        "liquid-own-filter",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("_config.yml", "title: Jay\n"),
            (
                "content/p.md",
                "---\ntitle: P\n---\n{% assign id = 6 | random_hex_string %}Id [{{ id }}].\n\n{% assign years = site.posts | group_by: 'year' %}Done.\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("note[unsupported-syntax]: `{% assign id = 6 | random_hex_string %}` uses a filter opsbook does not know (the site's own): the value is assigned unfiltered"), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[unsupported-syntax]: `{% assign years = site.posts | group_by: 'year' %}`"),
        "{}",
        run.stderr
    );
    let main = util::main_of(&site.read("public/p.html")).to_string();
    assert!(main.contains("<p>Id [6].</p>") && !main.contains("random_hex_string"), "{main}");
    assert!(main.contains("group_by"), "the built-in filter opsbook lacks stays a placeholder: {main}");
}
