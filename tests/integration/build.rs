//! `opsbook build` on fixture sites: pages, URLs, sections, navigation, drafts, aliases,
//! the extra files, themes, and the summary line.

use crate::util;

use util::{Site, between, link_texts, main_of};

#[test]
fn builds_pretty_urls_for_every_page() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    run.expect_code(0);
    for page in [
        "index.html",
        "runbooks/index.html",
        "runbooks/db-failover/index.html",
        "runbooks/cache-flush/index.html",
        "runbooks/ubergabe/index.html",
        "rca/index.html",
        "rca/2026-03-outage/index.html",
        "processes/index.html",
        "processes/on-call/index.html",
        "processes/on-call/handoff/index.html",
        "processes/escalation/index.html",
        "notes/index.html",
        "plain-name/index.html",
    ] {
        assert!(site.exists(&format!("public/{page}")), "public/{page} is missing");
    }
    assert!(site.exists("public/runbooks/diagram.svg"), "assets are copied next to their pages");
}

#[test]
fn ends_with_one_summary_line() {
    let site = Site::fixture("basic");
    let run = site.build(&[]);
    run.expect_code(0);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("built 13 pages (1 runbook) in "), "{last}");
    assert!(last.ends_with("s -> public/"), "{last}");
}

#[test]
fn timings_list_every_step_of_the_pipeline() {
    let site = Site::fixture("basic");
    let run = site.build(&["--timings"]);
    run.expect_code(0);
    // The table, then the line of the pages kept from the previous output.
    let lines: Vec<&str> = run.stderr.lines().skip(1).collect();
    let (kept, table) = lines.split_last().expect("the timings");
    assert_eq!(
        kept.trim(),
        "0 of 22 pages kept from the previous output, their template context unchanged (0 before reading them)"
    );
    let steps: Vec<&str> = table.iter().filter_map(|line| line.split_whitespace().next()).collect();
    assert_eq!(
        steps,
        [
            "config",
            "cache",
            "walk",
            "parse",
            "model",
            "markdown",
            "navigation",
            "git",
            "theme",
            "stage",
            "templates",
            "highlighting",
            "write",
            "links",
            "search",
            "files",
            "swap",
            "cache-save",
            "total"
        ],
        "{}",
        run.stderr
    );
    for line in table {
        assert!(line.contains("% ") || line.trim_start().starts_with("total"), "{line}");
        // Linux gives the peak memory of each step, and of the build on the total line.
        if cfg!(target_os = "linux") {
            assert!(line.ends_with(" MiB peak"), "{line}");
        }
    }
}

#[test]
fn leaves_drafts_out_unless_asked() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/runbooks/draft-page/index.html"));
    site.build(&["--drafts"]).expect_code(0);
    assert!(site.exists("public/runbooks/draft-page/index.html"));
}

#[test]
fn takes_titles_from_front_matter_headings_file_names_and_folders() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let title = |page: &str| between(&site.read(&format!("public/{page}")), "<title>", "</title>").to_string();
    assert_eq!(title("runbooks/db-failover/index.html"), "<title>Database failover · Fixture Handbook</title>");
    assert_eq!(title("rca/2026-03-outage/index.html"), "<title>March outage · Fixture Handbook</title>");
    assert_eq!(title("plain-name/index.html"), "<title>Plain name · Fixture Handbook</title>");
    assert_eq!(title("processes/index.html"), "<title>Processes · Fixture Handbook</title>");
    assert_eq!(title("notes/index.html"), "<title>Notes · Fixture Handbook</title>");
    assert_eq!(title("runbooks/ubergabe/index.html"), "<title>Übergabe · Fixture Handbook</title>");
}

#[test]
fn reads_pages_with_a_bom_and_crlf_line_endings() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/rca/2026-03-outage/index.html");
    let main = main_of(&page);
    assert!(!main.contains('\r'));
    assert!(!main.contains('\u{feff}'));
    assert!(main.contains(r#"<h1 id="march-outage">March outage"#), "{main}");
    assert!(main.contains(r#"<h2 id="timeline">Timeline"#), "{main}");
    assert!(!main.contains("page-title"), "the body's # heading is the title: no second <h1>");
}

#[test]
fn every_highlighting_class_a_page_uses_has_its_rule_in_its_scheme_s_sheet() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/runbooks/db-failover/index.html");
    let (light, dark) = (site.read("public/highlight-light.css"), site.read("public/highlight-dark.css"));
    let mut classes: Vec<&str> = page
        .split("<span class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(str::split_whitespace)
        .filter(|class| class.starts_with("hl-"))
        .collect();
    classes.sort_unstable();
    classes.dedup();
    assert!(
        classes.iter().any(|c| c.starts_with("hl-l")) && classes.iter().any(|c| c.starts_with("hl-d")),
        "{classes:?}"
    );
    for class in classes {
        let sheet = if class.starts_with("hl-l") { &light } else { &dark };
        assert!(sheet.contains(&format!(".{class} {{")), "{class} has no rule");
        let other = if class.starts_with("hl-l") { &dark } else { &light };
        assert!(!other.contains(&format!(".{class} {{")), "{class} in the other scheme's sheet");
    }
}

#[test]
fn renders_markdown_extensions_and_rewrites_links() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/runbooks/db-failover/index.html");
    let main = main_of(&page);
    assert!(main.contains(r#"<h2 id="steps">Steps"#));
    assert!(main.contains(r#"<h2 id="steps-1">Steps"#), "repeated headings get their own id");
    assert!(main.contains(r##"<a class="anchor" href="#steps""##), "headings link to themselves");
    assert!(main.contains(r#"<div class="callout callout-warning" role="note">"#));
    assert!(main.contains(r#"<pre class="code" data-lang="bash"><code class="language-bash"><span class="hl-"#));
    assert!(main.contains("<table>"));
    assert!(main.contains(r#"<section class="footnotes""#));
    assert!(main.contains(r#"<a href="/runbooks/diagram.svg">diagram</a>"#), "{main}");
    assert!(main.contains(r#"<img src="/runbooks/diagram.svg""#), "{main}");
    assert!(main.contains(r#"<a href="/rca/2026-03-outage/#timeline">"#), "{main}");
    let home = site.read("public/index.html");
    let main = main_of(&home);
    for href in [
        "/runbooks/db-failover/",
        "/runbooks/db-failover/#steps",
        "/runbooks/",
        "/rca/",
        "/processes/",
        "/notes/",
        "/plain-name/",
        "/processes/on-call/handoff/",
    ] {
        assert!(main.contains(&format!("href=\"{href}\"")), "home links to {href}: {main}");
    }
}

#[test]
fn shows_an_on_this_page_table_of_contents() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/runbooks/db-failover/index.html");
    let toc = between(&page, r#"<nav class="toc""#, "</nav>");
    assert!(toc.contains(r##"<a href="#steps">Steps</a>"##), "{toc}");
    assert!(toc.contains(r##"<a href="#steps-1">Steps</a>"##), "{toc}");
}

#[test]
fn orders_navigation_by_weight_then_title_and_opens_the_current_path() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/runbooks/cache-flush/index.html");
    let nav = between(&page, r#"<ul class="nav-tree" data-nav="/nav/">"#, "</ul>");
    let titles = link_texts(nav);
    assert_eq!(
        titles,
        [
            "Runbooks",
            "Database failover",
            "Cache flush",
            "Übergabe",
            "Incident reviews",
            "Notes",
            "Plain name",
            "Processes"
        ]
    );
    assert!(nav.contains(r#"<a href="/runbooks/cache-flush/" aria-current="page">Cache flush</a>"#), "{nav}");
    // A closed section lists none of its pages: it names its branch file, which lists
    // them all, for the theme's script to unfold it in place.
    let closed = nav.lines().find(|line| line.contains(r#"href="/rca/""#)).expect("the reviews' entry");
    let name = closed.split(r#"data-b=""#).nth(1).and_then(|rest| rest.split('"').next()).expect("a branch file");
    let branch: serde_json::Value = serde_json::from_str(&site.read(&format!("public/nav/{name}.json"))).expect("JSON");
    assert_eq!(branch, serde_json::json!([["March outage", "/rca/2026-03-outage/"]]));
    assert!(!nav.contains("Handoff"), "{nav}");
}

#[test]
fn links_to_breadcrumbs_and_neighbours() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/processes/on-call/handoff/index.html");
    let crumbs = between(&page, r#"<nav class="breadcrumbs""#, "</nav>");
    assert!(crumbs.contains(r#"<a href="/">Fixture Handbook</a>"#), "{crumbs}");
    assert!(crumbs.contains(r#"<a href="/processes/">Processes</a>"#));
    assert!(crumbs.contains(r#"<a href="/processes/on-call/">On-call</a>"#));
    // Reading order is depth first: Processes, Escalation, On-call, Handoff.
    let page = site.read("public/processes/on-call/index.html");
    let neighbours = between(&page, r#"<nav class="page-nav""#, "</nav>");
    assert!(neighbours.contains(r#"rel="prev" href="/processes/escalation/""#), "{neighbours}");
    assert!(neighbours.contains(r#"rel="next" href="/processes/on-call/handoff/""#), "{neighbours}");
}

#[test]
fn lists_a_sections_pages_on_its_page() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    let page = site.read("public/runbooks/index.html");
    let list = between(&page, r#"<ul class="section-list">"#, "</ul>");
    assert!(
        list.contains(
            r#"<a href="/runbooks/db-failover/">Database failover</a> <span class="kind-badge">runbook</span>"#
        )
    );
    assert!(list.contains("Promote a replica when the primary is lost."));
}

#[test]
fn writes_redirects_for_aliases() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    // `legacy/db.html` has no leading `/`: from the folder of the page's URL, as in Hugo.
    assert_eq!(
        site.read("public/_redirects"),
        "/old/failover/ /runbooks/db-failover/ 301\n/runbooks/legacy/db.html /runbooks/db-failover/ 301\n"
    );
    for file in ["public/old/failover/index.html", "public/runbooks/legacy/db.html"] {
        let html = site.read(file);
        assert!(html.contains(r#"<meta http-equiv="refresh" content="0; url=/runbooks/db-failover/">"#), "{html}");
    }
}

#[test]
fn writes_404_robots_and_a_sitemap_with_absolute_urls() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://ops.example.org/handbook"]).expect_code(0);
    assert!(site.read("public/404.html").contains("Page not found"));
    assert!(site.read("public/404.html").contains(r#"href="/handbook/style.css""#), "404 works at any depth");
    let robots = site.read("public/robots.txt");
    assert!(robots.contains("Sitemap: https://ops.example.org/handbook/sitemap.xml"), "{robots}");
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://ops.example.org/handbook/</loc>"));
    assert!(sitemap.contains("<loc>https://ops.example.org/handbook/runbooks/db-failover/</loc>"));
    // 13 pages, and the generated /owners/, /tags/, two tag pages and /review/.
    assert_eq!(sitemap.matches("<loc>").count(), 18);
    assert!(sitemap.contains("<loc>https://ops.example.org/handbook/tags/database/</loc>"));
}

#[test]
fn skips_the_sitemap_without_a_host() {
    let site = Site::fixture("basic");
    site.build(&[]).expect_code(0);
    assert!(!site.exists("public/sitemap.xml"));
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nAllow: /\n");
}

#[test]
fn writes_to_the_configured_or_given_output_folder() {
    let site = Site::fixture("basic");
    site.write("book.toml", "[handbook]\ntitle = \"X\"\n[build]\noutput-dir = \"site\"\n");
    site.build(&["--quiet"]).expect_code(0);
    assert!(site.exists("site/index.html"));
    let run = site.build(&["--out", "elsewhere", "--quiet"]);
    run.expect_code(0);
    assert!(site.exists("elsewhere/index.html"));
    assert_eq!(run.stderr, "", "--quiet prints nothing on success");
}

#[test]
fn skips_hidden_and_editor_files() {
    let site = Site::with_files(
        "hidden",
        &[
            ("content/page.md", "# Page\n"),
            ("content/.hidden.md", "# Hidden\n"),
            ("content/.#page.md", "lock"),
            ("content/page.md~", "backup"),
            ("content/.page.md.swp", "swap"),
            ("content/.git/config", "x"),
        ],
    );
    site.build(&[]).expect_code(0);
    let files = site.files_under("public");
    assert!(
        files.iter().all(|f| !f.contains("hidden") && !f.contains('~') && !f.contains(".swp") && !f.contains(".git")),
        "{files:?}"
    );
}

#[test]
fn a_page_does_not_grow_with_the_size_of_its_section() {
    let mut files: Vec<(String, String)> =
        (0..400).map(|i| (format!("content/big/page-{i:03}.md"), format!("# Page {i:03}\n\nText.\n"))).collect();
    files.push(("content/small/one.md".into(), "# One\n".into()));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, c)| (p.as_str(), c.as_str())).collect();
    let site = Site::with_files("big-section", &borrowed);
    site.build(&[]).expect_code(0);
    let page = site.read("public/big/page-200/index.html");
    let entries = page.matches("class=\"nav-item").count();
    assert!(entries <= 50 + 4, "{entries} navigation entries");
    assert!(page.contains("more in Big…"), "a link to the whole section");
    assert!(page.len() < 20_000, "{} bytes", page.len());
}

#[test]
fn a_folder_of_files_only_is_not_a_section() {
    let site = Site::with_files(
        "assets-only",
        &[("content/guide.md", "# Guide\n\n![logo](images/logo.svg)\n"), ("content/images/logo.svg", "<svg/>")],
    );
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/images/logo.svg"));
    assert!(!site.exists("public/images/index.html"));
    assert!(site.read("public/guide/index.html").contains(r#"<img src="/images/logo.svg""#));
}

#[test]
fn a_slug_replaces_the_file_name_in_the_url() {
    let site = Site::with_files(
        "slug",
        &[
            ("content/runbooks/_index.md", "---\ntitle: Runbooks\nslug: playbooks\n---\n"),
            ("content/runbooks/2026 db.md", "---\ntitle: DB\nslug: Database Failover\n---\n[home](../)\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/playbooks/index.html"));
    assert!(site.exists("public/playbooks/database-failover/index.html"));
}

#[test]
fn the_bundled_handbook_builds_without_warnings() {
    let site = Site::empty("bundled");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    util::copy_dir(&repo.join("content"), &site.root.join("content"));
    std::fs::copy(repo.join("book.toml"), site.root.join("book.toml")).unwrap();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let pages = site.files_under("public").iter().filter(|f| f.ends_with("index.html")).count();
    assert!(pages >= 15, "the bundled handbook has {pages} pages");
    // The same sources give the same bytes, the search index included (its words are
    // numbered by parallel threads).
    site.run_on("2026-11-15", &["build", "--out", "first"]).expect_code(0);
    site.run_on("2026-11-15", &["build", "--out", "second"]).expect_code(0);
    let files = site.files_under("first");
    assert_eq!(files, site.files_under("second"));
    for file in files {
        let (first, second) = (site.read_bytes(&format!("first/{file}")), site.read_bytes(&format!("second/{file}")));
        assert!(first == second, "{file} differs between two builds");
    }
}

/// A streaming build keeps, of the links a template wrote, only those the link
/// check may find wrong; a link to an anchor the page lacks is still reported, and links
/// to its own headings and to the template's own ids are not.
#[test]
fn a_template_link_to_an_anchor_the_page_lacks_is_reported_and_one_it_has_is_not() {
    let site = Site::with_files(
        "own-anchors",
        &[
            ("content/page.md", "# Page\n\n## Setup\n\nText.\n"),
            (
                "templates/partials/page-nav.html",
                "<nav class=\"page-nav\"><a href=\"#setup\">Setup</a> <a href=\"#site-nav\">Menu</a> \
                 <a href=\"#no-such-id\">Nowhere</a></nav>",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let reported = run.stderr.matches("error[broken-anchor]").count();
    assert_eq!(reported, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the template links to `#no-such-id`, but there is no anchor `#no-such-id` there"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("`#setup`") && !run.stderr.contains("`#site-nav`"), "{}", run.stderr);
}

/// Only the template's tags are read for links: markup inside a script, a style or a
/// comment, and text that looks like an attribute, are not links the check follows; an
/// unquoted `href` is one.
#[test]
fn a_template_script_or_comment_holds_no_links_but_an_unquoted_href_is_one() {
    let site = Site::with_files(
        "template-script",
        &[
            ("content/page.md", "# Page\n\nText.\n"),
            (
                "templates/partials/page-nav.html",
                "<script>const link = '<a href=\"/in-script/\">';</script><style>a[href=\"/in-style/\"] {}</style>\
                 <!-- <a href=\"/in-comment/\"> --><p>Write href=\"/in-text/\" here.</p><a href=/unquoted/>U</a>",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("the template links to `/unquoted/`"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error[broken-link]").count(), 1, "{}", run.stderr);
    for ignored in ["/in-script/", "/in-style/", "/in-comment/", "/in-text/"] {
        let reported = format!("the template links to `{ignored}`");
        assert!(!run.stderr.contains(&reported), "{ignored}: {}", run.stderr);
    }
}

/// A streaming build drops, as each page is written, the links its template
/// wrote to pages and files of the site with no anchor (the navigation's); a link to a
/// page that is not there, or to an anchor another page lacks, is still reported.
#[test]
fn a_template_link_to_a_missing_page_is_reported_and_one_to_a_page_is_not() {
    let site = Site::with_files(
        "template-links",
        &[
            ("content/page.md", "# Page\n\n## Setup\n\nText.\n"),
            ("content/other.md", "# Other\n\nText.\n"),
            (
                "templates/partials/page-nav.html",
                "<nav class=\"page-nav\"><a href=\"/other/\">Other</a> <a href=\"/other/#top\">Top</a> \
                 <a href=\"/style.css\">Style</a> <a href=\"/gone/\">Gone</a> <a href=\"/page/#nowhere\">Nowhere</a></nav>",
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let gone = "the template links to `/gone/`, which is not a page or file of the site";
    assert!(run.stderr.contains(gone), "{}", run.stderr);
    assert_eq!(run.stderr.matches(gone).count(), 1, "reported once for every page: {}", run.stderr);
    assert!(run.stderr.contains("the template links to `/page/#nowhere`, but there is no anchor"), "{}", run.stderr);
    assert!(!run.stderr.contains("`/other/`") && !run.stderr.contains("`/style.css`"), "{}", run.stderr);
    assert!(!run.stderr.contains("`/other/#top`"), "{}", run.stderr);
}
