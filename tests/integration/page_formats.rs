//! The page formats of other tools:
//! Middleman's `.html.md.erb` and `.html.erb` pages with `old_paths`, Eleventy's `.njk`
//! pages, and `.html` files that are pages because they have front matter (Jekyll's rule).

use crate::util;

use util::{Site, main_of};

/// A Middleman source folder, as GOV.UK's tech-docs template lays it out.
fn middleman() -> Site {
    Site::with_files(
        "formats-middleman",
        &[
            ("book.toml", "[handbook]\ntitle = \"Tech docs\"\n\n[build]\ncontent-dir = \"source\"\n"),
            (
                "source/index.html.md.erb",
                "---\ntitle: Team manual\n---\n\n# <%= current_page.data.title %>\n\nSee [deploying](manual/deploy.html).\n",
            ),
            (
                "source/manual/deploy.html.md.erb",
                "---\ntitle: Deploy an app\nowner_slack: \"#deploys\"\nold_paths:\n  - /deploying.html\n---\n\n\
                 # <%= current_page.data.title %>\n\n\
                 Ask in <%= current_page.data[:owner_slack] %>.\n\n\
                 <%= warning_text('Do not deploy on <b>Fridays</b>.') %>\n\n\
                 <%# a note for the authors %>\n\
                 <% if current_page.data.legacy %>\n\
                 Legacy steps.\n\
                 <% end %>\n\n\
                 Write `<%% tag %>` for a literal.\n\n\
                 ```erb\n<%= current_page.data.title %> and <%= partial 'x' %>\n```\n\n\
                 Back to [the manual](../index.html).\n",
            ),
            ("source/layouts/custom.erb", "<html><%= yield %></html>\n"),
            ("source/layouts/page.html.erb", "<html><%= yield %></html>\n"),
            ("source/apps.json.erb", "<%= apps.to_json %>\n"),
        ],
    )
}

#[test]
fn middleman_pages_are_built_at_their_html_names() {
    let site = middleman();
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/manual/deploy.html");
    let main = main_of(&page);
    assert!(main.contains(">Deploy an app<"), "the title from front matter: {main}");
    assert!(main.contains("Ask in #deploys."), "{main}");
    assert!(main.contains("callout-warning") && main.contains("Do not deploy on <b>Fridays</b>."), "{main}");
    assert!(!main.contains("a note for the authors"), "comments are dropped: {main}");
    assert!(main.contains("Legacy steps."), "the Markdown inside a block stays: {main}");
    assert!(main.contains("unsupported: <code>&lt;% if current_page.data.legacy %&gt;</code>"), "{main}");
    assert!(main.contains("<code>&lt;% tag %&gt;</code>"), "`<%%` is `<%`: {main}");
    let code = main.split("<pre").nth(1).unwrap_or("");
    assert!(
        code.contains("Deploy an app and ") && code.contains("partial"),
        "a value in code, the rest as written: {main}"
    );
    let outside_code: String = main.split("<pre").map(|part| part.split("</pre>").last().unwrap_or("")).collect();
    assert!(!outside_code.replace("&lt;%", "").contains("<%"), "{main}");
    assert!(main.contains("<a href=\"/\">the manual</a>"), "`../index.html` is the home page: {main}");
    assert!(site.read("public/index.html").contains("href=\"/manual/deploy.html\""));
    assert!(site.read("public/deploying.html").contains("manual/deploy.html"), "old_paths redirect");
    // Layouts and data feeds are no pages.
    assert!(site.exists("public/apps.json.erb") && !site.exists("public/layouts/custom/index.html"));
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: the ERB block `<% if current_page.data.legacy %>` is not supported by \
         opsbook; it is shown as a placeholder\n  --> source/manual/deploy.html.md.erb:15:1"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("broken-link") && !run.stderr.contains("missing-asset"), "{}", run.stderr);
}

#[test]
fn eleventy_nunjucks_pages_are_html_with_their_tags_as_placeholders() {
    let site = Site::with_files(
        "formats-njk",
        &[
            ("book.toml", "[handbook]\ntitle = \"Design system\"\n\n[build]\ncontent-dir = \"docs\"\n"),
            ("docs/index.md", "# Home\n\n[the example](examples/default/)\n"),
            (
                "docs/examples/default/index.njk",
                "---\ntitle: Get help (example)\n---\n\n{% from \"macro.njk\" import details %}\n\n\
                 <div class=\"box\">\n\n    <p>\n      Telephone<br>\n      <a href=\"../../index.html\">home</a>\n    </p>\n\n\
                 </div>\n{{ details({ summaryText: \"Contact\" }) }}\n",
            ),
            ("docs/_includes/layouts/base.njk", "<html>{{ content | safe }}</html>\n"),
            ("docs/plain.html", "<p>copied as it is</p>\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/examples/default/index.html");
    let main = main_of(&page);
    assert!(page.contains("<title>Get help (example)"), "{page}");
    assert!(main.contains("<div class=\"box\">\n\n    <p>\n      Telephone<br>"), "written as it is: {main}");
    assert!(!main.contains("<pre"), "an indented line is no code block: {main}");
    assert!(main.contains("unsupported: <code>{% from"), "{main}");
    assert!(main.contains("unsupported: <code>{{ details("), "{main}");
    assert_eq!(site.read("public/plain.html"), "<p>copied as it is</p>\n", "no front matter: a file");
    assert!(!site.exists("public/_includes"));
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(run.stderr.contains("--> docs/examples/default/index.njk:5:1"), "{}", run.stderr);
}

#[test]
fn html_files_with_front_matter_are_pages_as_in_jekyll() {
    let site = Site::with_files(
        "formats-html",
        &[
            ("content/_index.md", "# Home\n\n[About](about.html)\n"),
            (
                "content/about.html",
                "---\ntitle: About us\n---\n<h2 id=\"team\">The team</h2>\n\
                 <a class=\"x\" href=\"{{ site.baseurl }}/index.html\">home</a>\n\
                 <!-- internal -->\n<p>SECRET-CANARY</p>\n<!-- /internal -->\n\
                 <script>var words = 'NOT-TEXT';</script>\n<p>Searchable words</p>\n",
            ),
            ("content/team/index.html", "---\ntitle: Team\n---\n<p>The team's own page.</p>\n"),
            ("content/team/a.md", "# A\n\nSee [the about page](../about.html#team).\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let page = site.read("public/about.html");
    let main = main_of(&page);
    assert!(main.contains("<h2 id=\"team\">The team</h2>"), "{main}");
    assert!(main.contains("<a class=\"x\" href=\"/index.html\">home</a>"), "a tag stays whole: {main}");
    assert!(!page.contains("SECRET-CANARY"), "internal blocks are dropped from the public build");
    assert!(site.read("public/team/index.html").contains("The team's own page."), "index.html is the section's page");
    assert!(!run.stderr.contains("broken-anchor") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(run.stderr.contains("`{{ site.baseurl }}` is not supported"), "{}", run.stderr);
    let index = site.read("public/search/manifest.json");
    assert!(index.contains("\"pages\":"), "{index}");
    let internal = site.build(&["--audience", "internal", "--out", "internal"]);
    internal.expect_code(0);
    assert!(site.read("internal/about.html").contains("SECRET-CANARY"));
}

#[test]
fn an_internal_marker_sharing_a_line_in_an_html_page_is_an_error() {
    let site = Site::with_files(
        "formats-html-marker",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.html", "---\ntitle: A\n---\n<p>x</p><!-- internal -->\n<p>SECRET</p>\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[internal-block]: an internal marker must stand on a line of its own in an HTML page\n \
             --> content/a.html:4:1"
        ),
        "{}",
        run.stderr
    );
}
