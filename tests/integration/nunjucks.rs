//! Nunjucks in the Markdown pages of an Eleventy handbook whose `markdownTemplateEngine`
//! is `"njk"`: `set`, `if`/`elseif`, `for` with `loop`, expressions with
//! filters, the global data of `_data/` and the front matter at the top of the data, as
//! Eleventy evaluates them; tags defined in the handbook's JavaScript stay placeholders,
//! `raw` shows its text, and a page that cannot be evaluated keeps its tags with a
//! warning at the first.

use crate::util;

use util::{Site, main_of};

const CONFIG: &str = "module.exports = function () { return { markdownTemplateEngine: \"njk\" }; };\n";

fn site(page: &str) -> Site {
    Site::with_files(
        "nunjucks",
        &[
            ("eleventy.config.js", CONFIG),
            ("_data/services.json", "[{\"name\": \"api\", \"tier\": 1}, {\"name\": \"db\", \"tier\": 2}]\n"),
            ("content/runbook.md", page),
        ],
    )
}

#[test]
fn a_markdown_page_is_evaluated_with_the_data_cascade() {
    let site = site(
        "---\ntitle: Runbook\nteam: Databases\nonCall: true\n---\n{% set owner = team | upper %}\nOwned by **{{ owner }}**.\n\n{% for s in services %}\n- Step {{ loop.index }}: `{{ s.name }}`{% if s.tier == 1 %} (tier one){% endif %}\n{% endfor %}\n\n{% if missing.deep %}never{% elseif onCall %}Page the on-call.{% else %}Wait.{% endif %}\n\n{% raw %}{{ kept }}{% endraw %} and {% youtube \"abc\" %}\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/runbook/index.html");
    let main = main_of(&page);
    assert!(main.contains("<p>Owned by <strong>DATABASES</strong>.</p>"), "{main}");
    assert!(
        main.contains("<p>Step 1: <code>api</code> (tier one)</p>") && main.contains("<p>Step 2: <code>db</code></p>"),
        "{main}"
    );
    assert!(main.contains("<p>Page the on-call.</p>"), "{main}");
    assert!(main.contains("{{ kept }}"), "raw shows its text: {main}");
    assert!(main.contains("unsupported"), "a shortcode of the site's JavaScript is a placeholder: {main}");
    assert!(!run.stderr.contains("Nunjucks cannot"), "{}", run.stderr);
}

#[test]
fn a_page_that_cannot_be_evaluated_keeps_its_tags_with_a_warning() {
    let site = site("---\ntitle: Runbook\n---\nText.\n\n{% if services %}open {% for s in services %}never closed\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[unsupported-syntax]: the page's Nunjucks cannot be evaluated (")
            && run.stderr.contains("its tags are shown as placeholders\n --> content/runbook.md:6:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_override_of_the_engine_leaves_the_page_alone() {
    let site = site("---\ntitle: Runbook\ntemplateEngineOverride: md\n---\nLiteral {{ team }}.\n");
    site.build(&[]).expect_code(0);
    assert!(!main_of(&site.read("public/runbook/index.html")).contains("Literal ."));
}

#[test]
fn the_engine_is_read_from_a_hidden_eleventy_js_too() {
    let site = Site::with_files(
        "nunjucks-dot",
        &[
            (".eleventy.js", CONFIG),
            ("content/runbook.md", "---\ntitle: Runbook\n---\n{% set n = 2 %}Two is {{ n }}.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(main_of(&site.read("public/runbook/index.html")).contains("<p>Two is 2.</p>"));
}

#[test]
fn markdown_template_engine_false_evaluates_nothing() {
    let site = Site::with_files(
        "nunjucks-false",
        &[
            ("eleventy.config.js", "module.exports = { markdownTemplateEngine: false };\n"),
            ("content/runbook.md", "---\ntitle: Runbook\n---\n{% set n = 2 %}Two is {{ n }}.\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(!main_of(&site.read("public/runbook/index.html")).contains("Two is 2."));
}

/// Eleventy's `{% include "name" %}` (its `Nunjucks.js`: the includes folder, then the
/// project's folder; `./` from the including file): the file's text in place, its
/// Nunjucks evaluated with the page's data; `ignore missing` writes nothing; a missing
/// file follows `[check] links`, a warning at the tag with a visible placeholder.
#[test]
fn quoted_includes_read_eleventys_folders() {
    let site = Site::with_files(
        "nunjucks-includes",
        &[
            ("book.toml", "[handbook]\ntitle = \"X\"\n[check]\nlinks = \"warn\"\n"),
            (
                "eleventy.config.js",
                "export default function (c) { c.setIncludesDirectory(\"../partials\"); }\nexport const config = { markdownTemplateEngine: \"njk\" };\n",
            ),
            ("partials/escalate.md", "Call **{{ team }}**, then {% include \"./contact.md\" %}.\n"),
            ("partials/contact.md", "the [duty manager](/contacts/)"),
            ("shared/footer.md", "Shared footer."),
            ("content/contacts.md", "---\ntitle: Contacts\n---\nPhones.\n"),
            (
                "content/runbook.md",
                "---\ntitle: Runbook\nteam: Databases\n---\n{% include \"escalate.md\" %}\n\n{% include \"shared/footer.md\" %}\n\n{% include \"draft.md\" ignore missing %}\n\n{% include \"gone.md\" %}\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site.read("public/runbook/index.html")).to_string();
    assert!(
        main.contains("<p>Call <strong>Databases</strong>, then the <a href=\"/contacts/\">duty manager</a>.</p>"),
        "{main}"
    );
    assert!(main.contains("<p>Shared footer.</p>"), "{main}");
    assert!(main.contains("missing include: <code>gone.md</code>") && !main.contains("draft.md"), "{main}");
    assert!(
        run.stderr.contains("no file `gone.md` to include (looked for `partials/gone.md`, `gone.md`)")
            && run.stderr.contains(" --> content/runbook.md:11:1"),
        "{}",
        run.stderr
    );
}

/// The same quoted include in a Jekyll handbook is left as written: Jekyll's include
/// names are bare, and it refuses a quoted one.
#[test]
fn a_quoted_include_outside_eleventy_is_not_read() {
    let site = Site::with_files(
        "nunjucks-includes-jekyll",
        &[
            ("_config.yml", "title: X\n"),
            ("_includes/note.md", "Included."),
            ("content/page.md", "---\ntitle: Page\n---\nSee {% include \"note.md\" %} here.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site.read("public/page.html")).to_string();
    assert!(main.contains("unsupported: <code>{% include &quot;note.md&quot; %}</code>"), "{main}");
    assert!(!main.contains("Included.") && !run.stderr.contains("missing include"), "{main}");
}

/// A Nunjucks comment ends at the first `#}`, past a variable inside it (a commented-out
/// element), on one line or over several, in text and in raw HTML: nothing of it shows.
#[test]
fn a_comment_holding_a_variable_shows_nothing() {
    let site = site(
        "---\ntitle: Runbook\n---\nA {# v=\"{{ team }}\" #}B.\n\n<div class=\"box\">\n  {# <progress value=\"{{ n }}\"></progress> #}\n  <span>Join</span>{#\n  <b>{{ until }}</b>\n  #}<span>Late</span>\n</div>\n\nA set {#} stays.\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site.read("public/runbook/index.html")).to_string();
    assert!(main.contains("<p>A B.</p>"), "{main}");
    assert!(main.contains("<span>Join</span><span>Late</span>") && !main.contains("progress"), "{main}");
    assert!(main.contains("A set {#} stays.") && !main.contains("unsupported"), "{main}");
    // A parenthesised expression with a filter of the site's JavaScript is a placeholder.
    let other = self::site("---\ntitle: Runbook\n---\nFor {{ (who or team) | capitalise }}.\n");
    other.build(&[]).expect_code(0);
    let main = main_of(&other.read("public/runbook/index.html")).to_string();
    assert!(
        main.contains("For <span class=\"unsupported\">unsupported: <code>{{ (who or team) | capitalise }}"),
        "{main}"
    );
}

/// On an Eleventy handbook whose Markdown is Liquid (its default), LiquidJS's
/// `{% include "x", key: value %}` and `{% render %}` give the included file its
/// parameters as variables: text, numbers, and the page's or `_data/`'s values, the tag
/// over several lines too. `.liquid` is added to a name without extension. (The
/// configuration is the hidden `.eleventy.js`, read by name.)
#[test]
fn liquidjs_includes_give_their_parameters() {
    let site = Site::with_files(
        "liquidjs-includes",
        &[
            (".eleventy.js", "module.exports = function (c) { return { dir: { input: \"content\" } }; };\n"),
            ("_data/travel-steps.json", "{\"total\": 4}\n"),
            ("content/_includes/step.liquid", "Step **{{ current }}** of {{ total }}: {{ label }} ({{ team }})."),
            (
                "content/travel.md",
                "---\ntitle: Travel\nowner_team: Ops\n---\n{% include \"step\", current: 2, label: \"Book\",\n  total: travel-steps.total, team: owner_team %}\n\n{% render 'step.liquid' current:3 label:'Go' total: 4 team: \"TTS\" %}\n\n{% assign next = \"/travel/\" %}[Again]({% page \"/travel/\" %}) and [next]({% page next %}).\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let main = main_of(&site.read("public/travel/index.html")).to_string();
    assert!(main.contains("<p>Step <strong>2</strong> of 4: Book (Ops).</p>"), "{main}");
    assert!(main.contains("<p>Step <strong>3</strong> of 4: Go (TTS).</p>"), "{main}");
    // A shortcode's quoted argument is a path; an unquoted one a variable, a placeholder.
    assert!(main.contains("<a href=\"/travel/\">Again</a> and next <span class=\"unsupported\">"), "{main}");
    assert!(run.stderr.contains("`{% page next %}` is not supported"), "{}", run.stderr);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}
