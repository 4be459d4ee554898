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
