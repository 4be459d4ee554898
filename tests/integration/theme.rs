//! Theme lookup, file by file: the site's `templates/` and `static/` win over
//! `themes/<theme>/`, which wins over the built-in theme.

use crate::util;

use util::{Site, branch_name};

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

/// The loop over `nav` that the theming guide shows, which writes what `nav_html` holds.
const NAV_LOOP: &str = r#"<ul class="nav-tree" data-nav="{{ site.root }}nav/">
{% for item in nav -%}
{% if item.group_start %}<li class="nav-group" style="--depth: {{ item.depth }}"><span>{{ item.group }}</span></li>
{% endif %}<li class="nav-item{% if item.more %} nav-more{% else %}{% if item.current %} current{% endif %}{% if item.open %} open{% endif %}{% if item.has_children %} has-children{% endif %}{% endif %}"{% if item.branch %} data-b="{{ item.branch }}"{% endif %}{% if item.group %} data-g="{{ item.group }}"{% endif %} style="--depth: {{ item.depth }}"><a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{% if item.more %}{{ item.more }} more in {% endif %}{{ item.title }}{% if item.more %}…{% endif %}</a>{% if item.internal and not item.more %}<span class="internal-badge">Internal</span>{% endif %}</li>
{% endfor -%}
</ul>
"#;

#[test]
fn a_navigation_partial_looping_over_nav_writes_what_nav_html_holds() {
    let mut files: Vec<(String, String)> = vec![
        ("content/_index.md".into(), "# Home\n".into()),
        ("content/ops/_index.md".into(), "# Ops & Friends\n".into()),
        ("content/ops/deep/_index.md".into(), "# Deep\n".into()),
        ("content/ops/deep/leaf.md".into(), "# Leaf\n".into()),
        // An internal page, in an internal build: its entry has a badge.
        ("content/ops/deep/vault.md".into(), "---\nvisibility: internal\n---\n# Vault\n".into()),
        ("content/other.md".into(), "# Other\n".into()),
    ];
    // A level of more than 50 entries shows a window and a "more" entry; in a Middleman
    // handbook (`config.rb`) its pages' `section` groups them, names of markup among them.
    files.push(("config.rb".into(), "activate :tech_docs\n".into()));
    files.extend((0..60).map(|i| {
        let group = if i < 50 { format!("Group {}", i / 10) } else { "Z <b>&</b>".into() };
        (format!("content/ops/page-{i:02}.md"), format!("---\nsection: \"{group}\"\n---\n# Page {i:02}\n"))
    }));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    let built_in = Site::with_files("nav-html", &borrowed);
    built_in.build(&["--audience", "internal"]).expect_code(0);
    let looped = Site::with_files("nav-loop", &borrowed);
    looped.write("templates/partials/nav.html", NAV_LOOP);
    looped.build(&["--audience", "internal"]).expect_code(0);
    for page in [
        "index.html",
        "ops/index.html",
        "ops/page-40/index.html",
        // A window that starts in the middle of a group, with its name.
        "ops/page-30/index.html",
        "ops/deep/leaf/index.html",
        "ops/deep/vault/index.html",
        "other/index.html",
    ] {
        let path = format!("public/{page}");
        let (ours, theirs) = (built_in.read(&path), looped.read(&path));
        let nav = |html: &str| {
            html.split("<ul class=\"nav-tree\" data-nav=\"/nav/\">")
                .nth(1)
                .map(|rest| rest.split("</ul>").next().unwrap_or_default().to_string())
        };
        assert!(nav(&ours).is_some(), "{ours}");
        assert_eq!(nav(&ours), nav(&theirs), "{page}");
        assert!(ours == theirs, "{page}: the pages differ outside the navigation");
    }
    let leaf = built_in.read("public/ops/deep/leaf/index.html");
    assert!(
        leaf.contains(r#"<a href="/ops/deep/vault/">Vault</a><span class="internal-badge">Internal</span></li>"#),
        "{leaf}"
    );
    let middle = built_in.read("public/ops/page-30/index.html");
    assert!(
        middle.contains(
            r#"<li class="nav-group" style="--depth: 1"><span>Group 0</span></li>
<li class="nav-item" data-g="Group 0" style="--depth: 1"><a href="/ops/page-05/">Page 05</a></li>"#
        ),
        "{middle}"
    );
    let deep = built_in.read("public/ops/page-40/index.html");
    assert!(
        deep.contains(r#"<li class="nav-group" style="--depth: 1"><span>Group 1</span></li>"#)
            && deep
                .contains(r#"<li class="nav-group" style="--depth: 1"><span>Z &lt;b&gt;&amp;&lt;/b&gt;</span></li>"#),
        "{deep}"
    );
    assert!(
        deep.contains(
            &format!(
                r#"<li class="nav-item nav-more" data-b="{}" style="--depth: 1"><a href="/ops/">11 more in Ops &amp; Friends…</a></li>"#,
                branch_name("ops/")
            )
        ),
        "{deep}"
    );
    assert!(deep.contains(r#"<li class="nav-item current open" data-g="Group 4" style="--depth: 1"><a href="/ops/page-40/" aria-current="page">Page 40</a></li>"#), "{deep}");
}
