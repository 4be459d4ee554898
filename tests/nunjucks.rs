//! Nunjucks in the Markdown pages of an Eleventy handbook whose `markdownTemplateEngine`
//! is `"njk"` (issue 31): `set`, `if`/`elseif`, `for` with `loop`, expressions with
//! filters, the global data of `_data/` and the front matter at the top of the data, as
//! Eleventy evaluates them; tags defined in the handbook's JavaScript stay placeholders,
//! `raw` shows its text, and a page that cannot be evaluated keeps its tags with a
//! warning at the first.

mod util;

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
