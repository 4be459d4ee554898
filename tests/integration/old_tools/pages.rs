//! Pages while a handbook moves: the old tool's templates, fractional weights, front
//! matter that cannot be read, a summary's choices between files, and slugs.

use super::*;

// --- Templates ------------------------------------------------------------------------

/// MkDocs Material's `template: home.html` names the old theme's template: while moving,
/// a note and opsbook's template; `redirect.html` is never a page's template.
#[test]
fn a_template_of_the_old_tool_is_a_note_while_moving() {
    let files = [
        ("content/index.md", "---\ntemplate: home.html\n---\n# Home\n"),
        ("content/insiders.md", "---\ntemplate: redirect.html\n---\n# Insiders\n"),
    ];
    let site = moving("template-old", &files);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[template]: no template `home.html` in the theme or in templates/\n --> content/index.md:2:1"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[template]: `redirect.html` is the template of what opsbook renders besides pages, not a page's\n --> content/insiders.md:2:1"
        ),
        "{}",
        run.stderr
    );
    assert!(page_main(&site, "insiders/").contains("Insiders"));
    let strict = Site::with_files("template-old-strict", &files);
    let run = strict.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[template]: `redirect.html` is the template of what opsbook renders besides pages")
    );
}

/// A Go server's `templates/` beside its Markdown, or a repository's Liquid snippets:
/// not opsbook's, left out with a note, the theme's templates used; a broken Tera
/// template stays an error.
#[test]
fn templates_of_another_language_are_left_out() {
    let site = Site::with_files(
        "templates-go",
        &[
            ("content/a.md", "# A\n"),
            ("templates/404.html", "{{define \"title\"}}404{{end}}\n{{define \"body\"}}<p>Lost</p>{{end}}\n"),
            ("templates/layout.html", "<title>{{ .Title }}</title>\n"),
            ("templates/API_TEMPLATE.md", "# API\n\n{% include copy-curl.html %}\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[template]: templates/ holds 3 template(s) of another template language, which opsbook leaves out: 404.html, API_TEMPLATE.md, layout.html"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.read("public/404.html").contains("define"));
    site.write("templates/page.html", "{% block x %}{{ page.title }\n");
    site.build(&[]).expect_code(1);
}

/// A site's own icon at the root of its content takes the place of the theme's, with a
/// note, as the old tools publish a site's files over their theme's; the theme's other
/// files stay refused.
#[test]
fn the_content_s_icon_takes_the_place_of_the_theme_s() {
    let icon = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>ours</title></svg>";
    let site = Site::with_files("content-icon", &[("content/a.md", "# A\n"), ("content/favicon.svg", icon)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/favicon.svg` is published at /favicon.svg, in place of the theme's"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(site.read("public/favicon.svg"), icon);
    site.write("static/favicon.svg", "<svg/>");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[duplicate-url]: `content/favicon.svg` would be written to /favicon.svg"),
        "{}",
        run.stderr
    );
}

// --- Front matter and files the old tools tolerated --------------------------------------

/// Middleman orders by `weight: 40.5`, Docusaurus by `sidebar_position: 2.5`.
#[test]
fn a_fractional_weight_orders_pages() {
    let site = Site::with_files(
        "weight-fraction",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a.md", "---\ntitle: Alpha\nweight: 41\n---\n"),
            ("content/b.md", "---\ntitle: Beta\nweight: 40.5\n---\n"),
            ("content/c.md", "---\ntitle: Gamma\nweight: 40\n---\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let html = site.read("public/index.html");
    let nav = util::between(&html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>");
    let at = |title: &str| nav.find(title).unwrap_or_else(|| panic!("{title} in {nav}"));
    assert!(at("Gamma") < at("Beta") && at("Beta") < at("Alpha"), "{nav}");
}

/// GitHub still shows a page whose front matter is not YAML, and a file saved in
/// Windows-1252: while moving they are warnings and the page is built; front matter that
/// may hide the page stays an error.
#[test]
fn unreadable_front_matter_and_other_encodings_are_warnings_while_moving() {
    let site = moving(
        "tolerated-files",
        &[
            ("content/skill.md", "---\nname: skill\ndescription: Use it. Trigger: \"add\".\n---\n\n## Tracing\n"),
            ("content/hidden.md", "---\nvisibility: internal\ndescription: a: b\n---\nSecret.\n"),
        ],
    );
    site.write("content/notes.md", b"# Notes\n\nCode vs. talk \x93quoted\x94 \xa6\n".as_slice());
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("warning[front-matter-syntax]: invalid YAML front matter: mapping values are not allowed in this context\n --> content/skill.md:3:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("error[front-matter-syntax]: invalid YAML front matter"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/hidden.md:3:"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[invalid-utf8]: the file is not valid UTF-8 (byte 23); save it as UTF-8\n --> content/notes.md:3:15"
        ),
        "{}",
        run.stderr
    );
    site.write("content/hidden.md", "---\nvisibility: internal\n---\nSecret.\n");
    site.build(&[]).expect_code(0);
    assert!(page_main(&site, "notes/").contains("Code vs. talk \u{201c}quoted\u{201d} ¦"));
    assert!(page_main(&site, "skill/").contains("Tracing"));
    let strict = Site::with_files("tolerated-files-strict", &[]);
    strict.write("content/notes.md", b"# Notes \xa6\n".as_slice());
    strict.build(&[]).expect_code(1);
}

/// GitBook and mdBook publish only the files their `SUMMARY.md` lists: an entry naming a
/// missing file is a warning while moving, and of two files with one URL the one it does
/// not list gives way.
#[test]
fn a_summary_decides_between_files_and_tolerates_missing_entries() {
    let site = moving(
        "summary-rules",
        &[
            ("content/SUMMARY.md", "# Summary\n\n* [Money](money/README.md)\n* [Gone](gone.md)\n"),
            ("content/money/README.md", "# Spending money\n"),
            ("content/money.md", "# Old money page\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[nav-file]: content/SUMMARY.md lists `gone.md`, which is no page under content/"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "note[duplicate-url]: `content/money.md` has the URL of `content/money/README.md`, and content/SUMMARY.md does not list it: it is left out"
        ),
        "{}",
        run.stderr
    );
    assert!(page_main(&site, "money/").contains("Spending money"));
}

/// In Jekyll a `permalink` is the page's URL and `slug` only fills a permalink pattern:
/// pages that share a `slug` under permalinks opsbook cannot follow do not clash.
#[test]
fn a_slug_beside_a_permalink_does_not_name_the_page() {
    let site = Site::with_files(
        "slug-permalink",
        &[
            ("content/_next/01-a.md", "---\ntitle: A\npermalink: /next/a/\nslug: opportunity\n---\n"),
            ("content/_next/02-b.md", "---\ntitle: B\npermalink: /next/b/\nslug: opportunity\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("duplicate-url"), "{}", run.stderr);
    assert!(
        site.exists("public/next/a/index.html") && site.exists("public/next/b/index.html"),
        "{:?}",
        site.files_under("public")
    );
}

// --- Hugo's module mounts ------------------------------------------------------------

/// Hugo's module mounts of content folders (<https://gohugo.io/configuration/module/#mounts>,
/// the mounts of `hugoDocs`'s own `hugo.toml`): `content/en` mounted at `content` is the
/// content folder, published at the root; a folder mounted at `content/<folder>` is
/// published there; the mount of another language is left out.
#[test]
fn hugo_module_mounts_publish_content_folders_where_hugo_did() {
    let site = Site::with_files(
        "hugo-mounts",
        &[
            (
                "hugo.toml",
                "title = \"Docs\"\n[module]\n[[module.mounts]]\nsource = \"assets\"\ntarget = \"assets\"\n\
                 [[module.mounts]]\nsource = 'content/en'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = ['en']\n\
                 [[module.mounts]]\nsource = 'content/sv'\ntarget = 'content'\n[module.mounts.sites.matrix]\nlanguages = ['sv']\n\
                 [[module.mounts]]\nsource = 'shared/runbooks/'\ntarget = 'content/runbooks'\n",
            ),
            ("content/en/_index.md", "# Home\n\nSee [the database runbook](runbooks/db.md).\n"),
            ("content/en/install.md", "# Install\n"),
            ("content/sv/install.md", "# Installera\n"),
            ("shared/runbooks/db.md", "# Database\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/install/index.html"), "content/en is the content folder: {}", run.stderr);
    assert!(site.exists("public/runbooks/db/index.html"), "shared/runbooks is mounted at runbooks/");
    assert!(!site.exists("public/en/install/index.html") && !site.exists("public/sv/install/index.html"));
    assert!(main_of(&site.read("public/index.html")).contains("href=\"/runbooks/db/\""), "{}", run.stderr);
    // A handbook that names its content folder keeps it.
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\ncontent-dir = \"content/sv\"\n");
    site.build(&["--force"]).expect_code(0);
    assert!(main_of(&site.read("public/install/index.html")).contains("Installera"));
}

// --- Menus ----------------------------------------------------------------------------

/// A Hugo handbook's `main` menu (Docsy's top bar) is the menu across the top of every
/// page: the configuration's entries (`config/_default/menus.toml`) and the pages'
/// (`menu:` in front matter), nested by `parent`, ordered by weight then name, named by
/// `name`, else `linkTitle`, else title; a `pageRef` links to its page, a `url` from the
/// root gets the base path (one to no page is text, so the build does not fail on a
/// link the theme wrote). A `menu` that is no menu is a warning at its place.
#[test]
fn hugo_main_menu_is_the_menu_across_the_top() {
    let site = Site::with_files(
        "hugo-main-menu",
        &[
            ("hugo.toml", "title = 'Docs'\n"),
            (
                "config/_default/menus.toml",
                "[[main]]\nname = 'Community'\nurl = '/community/'\nweight = 40\n\
                 [[main]]\npageRef = '/docs/setup'\nweight = 10\n\
                 [[main]]\nname = 'GitHub'\nurl = 'https://github.com/example/docs'\nweight = 50\n\
                 [[main]]\nname = 'Gone'\nurl = '/gone/'\nweight = 60\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/community.md", "# Community\n"),
            (
                "content/docs/_index.md",
                "---\ntitle: Documentation\nlinkTitle: Docs\nmenu: {main: {weight: 20}}\n---\n# Docs\n",
            ),
            ("content/docs/setup.md", "---\ntitle: Setting up\n---\n# Setting up\n"),
            ("content/blog/_index.md", "---\ntitle: Blog\nmenu: main\n---\n# Blog\n"),
            ("content/blog/news.md", "---\ntitle: News\nmenu:\n  main:\n    parent: Blog\n---\n# News\n"),
            ("content/odd.md", "---\ntitle: Odd\nmenu: 7\n---\n# Odd\n"),
        ],
    );
    let run = site.build(&["--base-url", "https://example.org/handbook/"]);
    run.expect_code(0);
    let page = site.read("public/docs/index.html");
    let menu = page.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).expect("a menu");
    let links: Vec<&str> = menu.split("<li>").skip(1).collect();
    let expected = [
        "<a href=\"/handbook/docs/setup/\">Setting up</a>",
        "<a href=\"/handbook/docs/\" title=\"Documentation\" aria-current=\"page\">Docs</a>",
        "<a href=\"/handbook/community/\">Community</a>",
        "<a href=\"https://github.com/example/docs\">GitHub</a>",
        "<span>Gone</span>",
        "<a href=\"/handbook/blog/\">Blog</a>",
    ];
    assert_eq!(links.len(), expected.len(), "{menu}");
    for (link, expected) in links.iter().zip(expected) {
        assert!(link.starts_with(expected), "{link} is not {expected}\n{menu}");
    }
    assert!(!menu.contains("News"), "the top bar shows the top level: {menu}");
    assert!(site.read("public/blog/news/index.html").contains("<nav class=\"site-menu\""));
    let warning = "front matter field `menu` is not read: `menu` is a menu's name, a list of names or a map of menus to entries; the page is in no menu\n --> content/odd.md:3:1";
    assert!(run.stderr.contains(warning), "{}", run.stderr);
}

/// Without a menu in its configuration or pages, a handbook's pages have no menu bar.
#[test]
fn a_handbook_without_a_menu_has_no_menu_bar() {
    let site =
        Site::with_files("no-main-menu", &[("hugo.toml", "title = 'Docs'\n"), ("content/_index.md", "# Home\n")]);
    site.build(&[]).expect_code(0);
    assert!(!site.read("public/index.html").contains("site-menu"));
}
