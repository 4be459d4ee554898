//! Theme lookup, file by file: the site's `templates/` and `static/` win over
//! `themes/<theme>/`, which wins over the built-in theme.

mod util;

use util::Site;

fn site_with_pages(name: &str) -> Site {
    Site::with_files(
        name,
        &[("content/_index.md", "# Home\n"), ("content/guide.md", "---\ntitle: Guide\n---\nRead me.\n")],
    )
}

#[test]
fn site_templates_override_built_in_ones_file_by_file() {
    let site = site_with_pages("theme-site");
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ page.title }}</p>{% endblock main %}",
    );
    site.build(&[]).expect_code(0);
    let page = site.read("public/guide/index.html");
    assert!(page.contains("<p class=\"custom\">Guide</p>"), "{page}");
    assert!(page.contains("<nav id=\"site-nav\""), "the built-in base.html is still used");
    assert!(!site.read("public/index.html").contains("class=\"custom\""));
}

#[test]
fn a_named_theme_is_used_and_the_site_wins_over_it() {
    let site = site_with_pages("theme-named");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\ntheme = \"ocean\"\n");
    site.write("themes/ocean/templates/partials/toc.html", "<div class=\"ocean-toc\"></div>");
    site.write("themes/ocean/templates/partials/page-nav.html", "<div class=\"ocean-nav\"></div>");
    site.write("themes/ocean/static/ocean.css", "body { color: teal }");
    site.write("templates/partials/page-nav.html", "<div class=\"site-nav-wins\"></div>");
    site.write("static/style.css", "/* mine */");
    site.build(&[]).expect_code(0);
    let page = site.read("public/guide/index.html");
    assert!(page.contains("ocean-toc"));
    assert!(page.contains("site-nav-wins") && !page.contains("ocean-nav"));
    assert_eq!(site.read("public/ocean.css"), "body { color: teal }");
    assert_eq!(site.read("public/style.css"), "/* mine */");
    assert!(site.exists("public/highlight-dark.css"));
}

#[test]
fn a_missing_theme_is_an_error() {
    let site = site_with_pages("theme-missing");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\ntheme = \"nope\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[config-field]: the theme `nope` does not exist: there is no folder themes/nope/"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_page_can_choose_its_template() {
    let site = site_with_pages("theme-choose");
    site.write("content/wide.md", "---\ntitle: Wide\ntemplate: wide.html\n---\nBody.\n");
    site.write("content/other.md", "---\ntitle: Other\ntemplate: nope.html\n---\nBody.\n");
    site.write("templates/wide.html", "<main class=\"wide\">{{ page.content | safe }}</main>");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[template]: no template `nope.html` in the theme or in templates/\n --> content/other.md:3:1"
        ),
        "{}",
        run.stderr
    );
    site.write("content/other.md", "---\ntitle: Other\n---\nBody.\n");
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("public/wide/index.html"), "<main class=\"wide\"><p>Body.</p>\n</main>");
}

#[test]
fn a_template_that_fails_while_rendering_is_an_error_at_its_line_reported_once() {
    let site = Site::with_files(
        "template-render-error",
        &[
            ("content/a.md", "---\naliases: [/old/]\n---\n# A\n"),
            ("templates/redirect.html", "<p>{{ page.title }}</p>\n"),
            (
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.extra.nope.deeper }}</p>\n{% endblock main %}\n",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[template]: Field `nope` is not defined.\n --> templates/page.html:3:18\n"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[template]: Variable `page` is not defined. Available variables: redirect, site\n --> templates/redirect.html:1:7\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[template]").count(), 2, "{}", run.stderr);
    assert!(!site.exists("public"));
}

#[test]
fn a_redirect_template_that_fails_is_reported_once() {
    let site = Site::with_files(
        "redirect-render-error",
        &[
            ("content/a.md", "---\naliases: [/old/, /older/]\n---\n# A\n"),
            ("templates/redirect.html", "{{ page.title }}\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert_eq!(run.stderr.matches("error[template]").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(" --> templates/redirect.html:1:4\n"), "{}", run.stderr);
    assert!(run.stderr.contains("the build failed with 1 error;"), "{}", run.stderr);
}
