//! Navigation keys of other tools (migration issue, part 3): Docusaurus number prefixes,
//! MkDocs's `nav:`, mdBook's `SUMMARY.md`, `redirect_to`, `*.html.md` pages, raw HTML
//! that collides with a page, `README.md` as a section's page, and front matter keys
//! opsbook does not know.

use crate::util;

use util::{Site, between, branch_name, nav_outline, sidebar_lines};

mod sidebars;

/// The titles of a page's navigation with every section unfolded, indented by depth: a
/// section the page lists no pages of is unfolded from its branch file, as the theme's
/// script does when the reader opens it.
fn unfolded_outline(site: &Site, html: &str) -> Vec<String> {
    let nav = between(html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>");
    let items: Vec<(usize, String, Option<String>)> = nav
        .split("<li")
        .skip(1)
        .map(|item| {
            let depth = item.split("--depth: ").nth(1).and_then(|d| d.split('"').next()?.parse().ok()).unwrap_or(0);
            let link = item.split("</a>").next().unwrap_or(item);
            let title = link.rsplit('>').next().unwrap_or(link).to_string();
            let branch = item.split("data-b=\"").nth(1).and_then(|b| b.split('"').next()).map(str::to_string);
            (depth, title, branch)
        })
        .collect();
    let mut outline = Vec::new();
    for (at, (depth, title, branch)) in items.iter().enumerate() {
        outline.push(format!("{}{title}", "  ".repeat(*depth)));
        let listed = items.get(at + 1).is_some_and(|next| next.0 > *depth);
        if let Some(name) = branch.as_ref().filter(|_| !listed) {
            unfold(site, name, depth + 1, &mut outline);
        }
    }
    outline
}

/// Appends the entries of branch file `name` at `depth`, each section unfolded in turn.
fn unfold(site: &Site, name: &str, depth: usize, outline: &mut Vec<String>) {
    let file: serde_json::Value = serde_json::from_str(&site.read(&format!("public/nav/{name}.json"))).expect("JSON");
    for entry in file.as_array().expect("an array") {
        outline.push(format!("{}{}", "  ".repeat(depth), entry[0].as_str().expect("a title")));
        if let Some(branch) = entry.get(2).and_then(|b| b.as_str()).filter(|b| !b.is_empty()) {
            unfold(site, branch, depth + 1, outline);
        }
    }
}

#[test]
fn strips_number_prefixes_in_a_docusaurus_site_and_orders_by_them() {
    let site = Site::with_files(
        "nav-prefixes",
        &[
            ("sidebars.js", "module.exports = {};\n"),
            ("content/_index.md", "# Home\n\n[intro](./01-intro.md) [setup](02-guides/01-setup.md)\n"),
            ("content/01-intro.md", "Intro text.\n"),
            ("content/10-last.md", "# Last\n"),
            ("content/3-middle.md", "# Middle\n"),
            ("content/02-guides/01-setup.md", "# Setup\n"),
            ("content/02-guides/02-run.md", "---\nsidebar_position: 0\n---\n# Run\n"),
            ("content/2021-11-notes.md", "# Notes\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    for page in ["intro", "last", "middle", "guides/setup", "guides/run", "2021-11-notes"] {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page}: {:?}", site.files_under("public"));
    }
    let home = site.read("public/index.html");
    assert!(home.contains("href=\"/intro/\"") && home.contains("href=\"/guides/setup/\""), "links resolve");
    let nav = nav_outline(&site.read("public/guides/setup/index.html"));
    // `01-intro.md` has no title or heading: Docusaurus names it by its id, `intro`.
    assert_eq!(nav, ["intro", "Guides", "  Run", "  Setup", "Middle", "Last", "Notes"], "sidebar_position wins");
}

#[test]
fn keeps_number_prefixes_of_hugo_and_other_handbooks() {
    let files = [
        ("content/_index.md", "# Home\n"),
        ("content/docs/rfcs/capi-configuration/0_capi-releases.md", "# Releases\n"),
        ("content/docs/rfcs/capi-configuration/1_default-customization.md", "# Customisation\n"),
        ("content/process/incidents/330_incident_retro.md", "# Retro\n"),
    ];
    let site = Site::with_files("nav-prefixes-kept", &files);
    site.build(&[]).expect_code(0);
    for page in [
        "docs/rfcs/capi-configuration/0_capi-releases",
        "docs/rfcs/capi-configuration/1_default-customization",
        "process/incidents/330_incident_retro",
    ] {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page}: {:?}", site.files_under("public"));
    }
}

#[test]
fn number_prefixes_follow_the_setting_over_detection() {
    let site = Site::with_files(
        "nav-prefixes-setting",
        &[("content/_index.md", "# Home\n"), ("content/01-intro.md", "# Intro\n"), ("sidebars.js", "\n")],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[content]\nnumber-prefixes = \"keep\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/01-intro/index.html"));
    std::fs::remove_file(site.root.join("sidebars.js")).unwrap();
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[content]\nnumber-prefixes = \"strip\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/intro/index.html"));
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[content]\nnumber-prefixes = \"sometimes\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("unknown variant `sometimes`"), "{}", run.stderr);
}

#[test]
fn two_files_stripped_to_one_url_are_a_duplicate_url() {
    let site = Site::with_files(
        "nav-prefixes-duplicate",
        &[
            ("docusaurus.config.js", "\n"),
            ("content/_index.md", "# Home\n"),
            ("content/01-intro.md", "# Intro\n"),
            ("content/intro.md", "# Intro again\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("`content/intro.md` and `content/01-intro.md` both map to the URL /intro/"),
        "{}",
        run.stderr
    );
}

const MKDOCS: &str = "site_name: Ops\ntheme:\n  name: material\nmarkdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\nnav:\n  - Home: index.md\n  - Start here: start.md\n  - On call:\n    - oncall/index.md\n    - Paging: oncall/paging.md\n    - oncall/rota.md\n  - Status: https://status.example.org/\n  - Later: later.md\n";

#[test]
fn orders_and_names_the_navigation_by_mkdocs_nav() {
    let site = Site::with_files(
        "nav-mkdocs",
        &[
            ("mkdocs.yml", MKDOCS),
            ("content/index.md", "# Welcome\n"),
            ("content/start.md", "---\nweight: 100\n---\n# Getting started\n"),
            ("content/later.md", "---\nweight: -5\n---\n# Later on\n"),
            ("content/oncall/index.md", "# On-call duty\n"),
            ("content/oncall/paging.md", "# How paging works\n"),
            ("content/oncall/rota.md", "# Rota\n"),
            ("content/unlisted.md", "# Unlisted\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = nav_outline(&site.read("public/oncall/paging/index.html"));
    assert_eq!(
        nav,
        ["Home", "Start here", "On call", "  On-call duty", "  Paging", "  Rota", "Status", "Later"],
        "the sidebar is `nav:`, which wins over weights"
    );
    assert!(site.exists("public/unlisted/index.html"), "pages not in nav are built");
    assert!(
        run.stderr
            .contains("note[nav-file]: 1 page is not listed in mkdocs.yml: built, but left out of the navigation"),
        "{}",
        run.stderr
    );
    assert!(site.read("public/oncall/paging/index.html").contains("<title>How paging works"));
}

#[test]
fn reports_a_file_mkdocs_nav_lists_that_is_no_page_where_it_stands() {
    let site = Site::with_files(
        "nav-mkdocs-missing",
        &[
            ("mkdocs.yml", "docs_dir: docs\nnav:\n  - index.md\n  - Gone: gone.md\n  - 42\n"),
            ("content/index.md", "# Welcome\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[nav-file]: mkdocs.yml lists `gone.md`, which is no page under content/"));
    assert!(run.stderr.contains(" --> mkdocs.yml:4:11"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> mkdocs.yml:5:5"), "{}", run.stderr);
    assert!(
        run.stderr.contains("note[nav-file]: `docs_dir` is `docs`, but opsbook reads pages from content/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> mkdocs.yml:1:1"), "{}", run.stderr);
}

#[test]
fn reads_an_mkdocs_project_copied_into_content_with_its_docs_dir() {
    let site = Site::with_files(
        "nav-mkdocs-docs-dir",
        &[
            ("content/mkdocs.yml", "docs_dir: pages\nnav:\n  - b.md\n  - a.md\n"),
            ("content/pages/index.md", "# Docs\n"),
            ("content/pages/a.md", "# Alpha\n"),
            ("content/pages/b.md", "# Beta\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/mkdocs.yml"), "the configuration is not published");
    let nav = nav_outline(&site.read("public/pages/a/index.html"));
    assert_eq!(nav, ["Beta", "Alpha"], "the sidebar is `nav:`");
}

const SUMMARY: &str = "# Summary\n\n[Introduction](README.md)\n\n# Operations\n\n- [Paging](ops/paging.md)\n    - [Escalation](ops/escalation.md)\n- [Draft chapter]()\n- [Databases](ops/db.md)\n\n---\n\n[Contributors](contributors.md)\n";

#[test]
fn orders_and_names_the_navigation_by_summary_md() {
    let site = Site::with_files(
        "nav-summary",
        &[
            ("content/SUMMARY.md", SUMMARY),
            ("content/README.md", "# Handbook\n"),
            ("content/contributors.md", "# People\n"),
            ("content/ops/paging.md", "---\nweight: 9\n---\n# Paging people\n"),
            ("content/ops/escalation.md", "# Escalating\n"),
            ("content/ops/db.md", "---\nweight: 1\n---\n# DB\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.exists("public/summary/index.html"), "SUMMARY.md is not a page");
    let nav = nav_outline(&site.read("public/ops/db/index.html"));
    assert_eq!(nav, ["Ops", "  Paging", "  Escalation", "  Databases", "Contributors"]);
    assert!(!run.stderr.contains("nav-file"), "{}", run.stderr);
}

/// In an mdBook book the sidebar is `SUMMARY.md` as mdBook's `toc.rs` draws it: the
/// chapters as the file nests them, numbered; a part title a heading, a draft text, a
/// separator a line hidden from screen readers. `no-section-label` drops the numbers.
#[test]
fn an_mdbook_sidebar_shows_parts_separators_drafts_and_numbers() {
    let files = [
        ("src/SUMMARY.md", SUMMARY),
        ("src/README.md", "# Handbook\n"),
        ("src/contributors.md", "# People\n"),
        ("src/ops/paging.md", "# Paging people\n"),
        ("src/ops/escalation.md", "# Escalating\n"),
        ("src/ops/db.md", "# DB\n"),
    ];
    let site = Site::with_files("nav-mdbook-parts", &files);
    site.write("book.toml", "[book]\ntitle = \"Ops\"\nsrc = \"src\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let db = site.read("public/ops/db.html");
    let expected =
        ["Introduction", "# Operations", "1. Paging", "(2. Draft chapter)", "3. Databases", "---", "Contributors"];
    assert_eq!(sidebar_lines(&db), expected, "{}", run.stderr);
    let paging = sidebar_lines(&site.read("public/ops/paging.html"));
    assert_eq!(paging[2..4], ["1. Paging", "  1.1. Escalation"], "{paging:?}");
    let nav = between(&db, "<ul class=\"nav-tree\"", "</ul>");
    assert!(nav.contains("<span role=\"heading\" aria-level=\"2\">Operations</span>"), "{nav}");
    assert!(nav.contains("<li class=\"nav-separator\" aria-hidden=\"true\""), "{nav}");
    assert!(nav.contains("<strong aria-hidden=\"true\">3.</strong> Databases</a>"), "{nav}");
    assert_eq!(nav.matches("<a ").count(), 4, "a draft, a part title and a separator are no links: {nav}");
    assert!(!run.stderr.contains("nav-file"), "{}", run.stderr);

    site.write("book.toml", "[book]\ntitle = \"Ops\"\nsrc = \"src\"\n[output.html]\nno-section-label = true\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let plain = ["Introduction", "# Operations", "Paging", "(Draft chapter)", "Databases", "---", "Contributors"];
    assert_eq!(sidebar_lines(&site.read("public/ops/db.html")), plain);
    assert!(!run.stderr.contains("[output.html]"), "no-section-label is read: {}", run.stderr);
}

#[test]
fn reports_a_chapter_of_summary_md_whose_file_is_missing() {
    let site = Site::with_files(
        "nav-summary-missing",
        &[
            ("content/SUMMARY.md", "# Summary\n\n- [Here](here.md)\n  - [Gone](ops/gone.md)\n- not a link\n"),
            ("content/here.md", "# Here\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[nav-file]: content/SUMMARY.md lists `ops/gone.md`, which is no page under content/"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/SUMMARY.md:4:12"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/SUMMARY.md:5:3"), "{}", run.stderr);
}

#[test]
fn a_page_with_redirect_to_publishes_only_a_redirect() {
    let site = Site::with_files(
        "nav-redirect-to",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/new.md", "# New place\n"),
            ("content/old.md", "---\ntitle: Old\nredirect_to: new.md\n---\nOld text.\n"),
            ("content/away.md", "---\nredirect_to: https://example.org/elsewhere\n---\n"),
            ("content/ops/b.md", "---\npermalink: /ops/bee/\n---\n# Bee\n"),
            ("content/ops/c.md", "---\npermalink: /ops/cee.html\n---\n# Cee\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let old = site.read("public/old/index.html");
    assert!(old.contains("<meta http-equiv=\"refresh\" content=\"0; url=/new/\">"), "{old}");
    assert!(!old.contains("Old text"), "{old}");
    let away = site.read("public/away/index.html");
    assert!(away.contains("url=https://example.org/elsewhere\""), "{away}");
    assert!(!nav_outline(&site.read("public/index.html")).iter().any(|t| t == "Old"));
    assert!(site.exists("public/ops/bee/index.html"));
    assert!(site.exists("public/ops/cee.html"), "{:?}", site.files_under("public"));
    assert!(!run.stderr.contains("permalink"), "{}", run.stderr);
}

#[test]
fn reports_a_redirect_to_that_leads_nowhere_at_the_field() {
    let site = Site::with_files(
        "nav-redirect-broken",
        &[("content/_index.md", "# Home\n"), ("content/old.md", "---\ntitle: Old\nredirect_to: ../gone.md\n---\n")],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[broken-link]: `redirect_to: ../gone.md` leads nowhere"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/old.md:3:1"), "{}", run.stderr);
}

#[test]
fn a_redirect_to_its_own_page_is_an_error_at_the_field() {
    let site = Site::with_files(
        "nav-redirect-self",
        &[("content/_index.md", "# Home\n"), ("content/old.md", "---\ntitle: Old\nredirect_to: \"#top\"\n---\n")],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("a page cannot redirect to itself"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/old.md:3:1"), "{}", run.stderr);
}

#[test]
fn publishes_html_md_pages_at_html() {
    let site = Site::with_files(
        "nav-html-md",
        &[
            ("content/_index.md", "# Home\n\n[a](handbook/foo.html.md) [b](handbook/foo.html) [c](/handbook/)\n"),
            ("content/handbook/index.html.md", "# Handbook\n"),
            ("content/handbook/foo.html.md", "# Foo\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/handbook/foo.html"), "{:?}", site.files_under("public"));
    assert!(site.exists("public/handbook/index.html"));
    assert!(!site.exists("public/handbook/foo-html/index.html"));
    let home = site.read("public/index.html");
    let content = home.split_once("<div class=\"content\">").map_or("", |(_, c)| c);
    let content = content.split_once("</div>").map_or("", |(c, _)| c);
    assert_eq!(content.matches("href=\"/handbook/foo.html\"").count(), 2, "{home}");
}

#[test]
fn raw_html_at_a_page_url_is_a_duplicate_url() {
    let site = Site::with_files(
        "nav-raw-html",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/index.html", "<p>raw</p>\n"),
            ("content/foo/_index.md", "# Foo\n"),
            ("static/foo/index.html", "<p>raw</p>\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "`content/index.html` would be written to /index.html, which is already taken by `content/_index.md`"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "`content/foo/_index.md` has the URL /foo/, but its file is already taken by `static/foo/index.html` (copied to /foo/index.html)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn readme_is_a_section_page_unless_the_folder_has_an_index() {
    let site = Site::with_files(
        "nav-readme",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/a/README.md", "# About A\n"),
            ("content/a/x.md", "# X\n"),
            ("content/b/_index.md", "# B index\n"),
            ("content/b/README.md", "# B readme\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(site.read("public/a/index.html").contains("About A"));
    assert!(!site.exists("public/a/readme/index.html"));
    assert!(site.read("public/b/index.html").contains("B index"));
    assert!(site.read("public/b/readme/index.html").contains("B readme"), "README.md beside _index.md is a page");
}

#[test]
fn front_matter_keys_of_other_tools_never_fail_a_build() {
    let front = "---\ntitle: Exotic\nlayout: post\ncategories: [ops, db]\nhide:\n  - navigation\n  - toc\nsidebar_custom_props:\n  a: 1\npagination_next: null\nkeywords: [x]\nbookFlatSection: true\nmenu:\n  main:\n    parent: ops\noutputs: [html, json]\nsearch:\n  exclude: true\ntype: docs\n---\n# Exotic\n";
    let site = Site::with_files("nav-exotic", &[("content/_index.md", "# Home\n"), ("content/exotic.md", front)]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("error") && !run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.read("public/exotic/index.html").contains("<title>Exotic"));
}

/// The navigation of a page.
fn nav_of(html: &str) -> &str {
    between(html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>")
}

/// The `href`s of the navigation's "N more in …" entries of a page.
fn more_links(html: &str) -> Vec<String> {
    let items = nav_of(html).split("<li").filter(|item| item.contains("nav-more"));
    let hrefs = items.filter_map(|item| item.split("href=\"").nth(1));
    hrefs.filter_map(|href| href.split('"').next()).map(str::to_string).collect()
}

/// The branch file the navigation entry linking `href` names (`data-b`), read from `site`'s
/// output: the section's entries as `(title, url)`.
fn branch_of(site: &Site, html: &str, href: &str) -> Vec<(String, String)> {
    let item = nav_of(html).split("<li").find(|item| item.contains(&format!("href=\"{href}\""))).expect("an entry");
    let name = item.split("data-b=\"").nth(1).and_then(|rest| rest.split('"').next()).expect("a branch file");
    let file: serde_json::Value = serde_json::from_str(&site.read(&format!("public/nav/{name}.json"))).expect("JSON");
    let entries = file.as_array().expect("an array").iter();
    entries
        .map(|entry| (entry[0].as_str().expect("a title").into(), entry[1].as_str().expect("a URL").into()))
        .collect()
}

#[test]
fn every_page_cut_from_the_navigation_is_listed_where_its_more_entry_leads() {
    let mut files = vec![
        ("content/_index.md".to_string(), "# Home\n".to_string()),
        ("content/big/_index.md".to_string(), "# Big\n".to_string()),
        // A section page that chose the page template still lists its pages.
        ("content/chosen/_index.md".to_string(), "---\ntemplate: page.html\n---\n# Chosen\n".to_string()),
        ("content/other/_index.md".to_string(), "# Other\n".to_string()),
        ("content/other/only.md".to_string(), "# Only\n".to_string()),
    ];
    for i in 0..70 {
        files.push((format!("content/big/p{i:02}.md"), format!("# Big page {i:02}\n")));
        files.push((format!("content/chosen/p{i:02}.md"), format!("# Chosen page {i:02}\n")));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::with_files("nav-more", &files);
    site.build(&[]).expect_code(0);
    for (section, title) in [("big", "Big page"), ("chosen", "Chosen page")] {
        // Inside the section: a window of its pages, then a "more" entry, which names the
        // section's branch file: every page, in order, for the theme to list in place.
        let inside = site.read(&format!("public/{section}/p00/index.html"));
        assert!(more_links(&inside).contains(&format!("/{section}/")), "{section}: inside");
        let every: Vec<(String, String)> =
            (0..70).map(|i| (format!("{title} {i:02}"), format!("/{section}/p{i:02}/"))).collect();
        let more = nav_of(&inside).split("<li").find(|item| item.contains("nav-more")).expect("a more entry");
        assert!(more.contains(&format!("data-b=\"{}\"", branch_name(&format!("{section}/")))), "{more}");
        // Elsewhere: the closed section names the same file, and lists none of its pages.
        let outside = site.read("public/other/only/index.html");
        assert_eq!(branch_of(&site, &outside, &format!("/{section}/")), every, "{section}: outside");
        assert!(!nav_of(&outside).contains(&format!("{title} 00")), "{section}: outside");
        let listing = main_of_page(&site.read(&format!("public/{section}/index.html")));
        for i in 0..70 {
            let link = format!("href=\"/{section}/p{i:02}/\">{title} {i:02}</a>");
            assert!(listing.contains(&link), "{section}: page {i} is listed on the section page");
        }
    }
}

/// The `<main>` of a page, where the section list is.
fn main_of_page(html: &str) -> String {
    util::main_of(html).to_string()
}
