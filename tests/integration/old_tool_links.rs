//! Links as readers of the old tool's published site followed them
//! (`content::old_tool`): relative links read from the page's URL in Hugo, Jekyll and
//! Eleventy; Hugo's dots kept in folder names; Jekyll collections at their permalink;
//! mdBook's `chapter.html`; Docusaurus's `/docs/` route; GitBook's `.gitbook/assets/`;
//! `{% link %}` with a URL of another site; links to an alias; Middleman's
//! `directory_indexes` and names as written.

use crate::util;

use util::{Site, between, links_in};

pub(crate) const WARN: &str = "[check]\nlinks = \"warn\"\n";

/// A handbook whose `book.toml` has `extra` after the title.
pub(crate) fn handbook(name: &str, extra: &str, files: &[(&str, &str)]) -> Site {
    let site = Site::with_files(name, files);
    site.write("book.toml", format!("[handbook]\ntitle = \"Test\"\n{extra}"));
    site
}

/// The body of a page (a page's, a section's or the home page's text), without navigation.
pub(crate) fn body(site: &Site, page: &str) -> String {
    between(&site.read(page), " class=\"content\">", "</div>").to_string()
}

/// Every link of a page's body but those to its own headings.
pub(crate) fn hrefs(site: &Site, page: &str) -> Vec<String> {
    links_in(&body(site, page)).into_iter().filter(|l| !l.starts_with('#')).collect()
}

/// Hugo's `permalinks` (the section form of `hugo.toml` and the `page`/`section` form of
/// `config/_default/permalinks.toml`), `url` and `slug` in front matter, and its
/// `paths.Sanitize` (`-` runs and `@` kept): pages are where the Hugo site had them,
/// and links to those URLs lead to them.
#[test]
fn hugo_pages_follow_permalinks_url_and_slug() {
    let site = handbook(
        "hugo-permalinks",
        WARN,
        &[
            ("hugo.toml", "title = 'x'\n[permalinks]\nposts = '/:year/:month/:slug/'\n"),
            (
                "content/_index.md",
                "# Home\n\n[post](/2024/03/hello/) [about](/about-us/) [faq](/help/q-and--a@x/) [bundle](/2023/12/bundle/)\n",
            ),
            ("content/posts/_index.md", "---\ntitle: Posts\n---\n# Posts\n"),
            (
                "content/posts/first.md",
                "---\ntitle: First\ndate: 2024-03-05T10:00:00+01:00\nslug: Hello\n---\n# First\n",
            ),
            ("content/posts/bundle-name/index.md", "---\ntitle: Bundle\ndate: 2023-12-31\n---\n# Bundle\n"),
            ("content/pages/about.md", "---\ntitle: About\nurl: /about-us/\n---\n# About\n"),
            ("content/help/Q and--A@x.md", "# FAQ\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/2024/03/hello/index.html"), "{}", run.stderr);
    assert!(site.exists("public/about-us/index.html"));
    assert!(site.exists("public/help/q-and--a@x/index.html"));
    assert!(site.exists("public/posts/index.html"), "the old form names pages, not the section");
    assert!(!run.stderr.contains("content/_index.md"), "{}", run.stderr);
    // The `page`/`section` form, in a file of its own (merged over the root file's, as
    // Hugo merges them: the root's `posts` is taken out); an unknown token is a warning
    // at its place, and the pages keep Hugo's URLs.
    site.write("hugo.toml", "title = 'x'\n");
    site.write(
        "config/_default/permalinks.toml",
        "[page]\nposts = '/:sections[last]/:filename/'\n[section]\nposts = '/all-posts/'\n",
    );
    let run = site.build(&[]);
    assert!(site.exists("public/posts/bundle-name/index.html"), "{}", run.stderr);
    assert!(site.exists("public/all-posts/index.html"));
    site.write("config/_default/permalinks.toml", "[page]\n  posts = '/:linkTitle/'\n");
    let run = site.build(&[]);
    assert!(
        run.stderr.contains("warning[config-syntax]: `:linkTitle` in the permalink `/:linkTitle/` is not a token Hugo knows: no page follows `permalinks`\n --> config/_default/permalinks.toml:2:13"),
        "{}",
        run.stderr
    );
    assert!(site.exists("public/posts/hello/index.html"), "Hugo's own URL, its slug last");
}

#[test]
fn hugo_reads_relative_links_from_the_page_url_and_keeps_dots_in_folders() {
    let site = handbook(
        "hugo-relative",
        &format!("[markdown]\nheading-ids = \"hugo\"\n{WARN}"),
        &[
            ("content/_index.md", "# Home\n"),
            ("content/docs/v2.3/_index.md", "# v2.3\n"),
            // `../metrics` from the page's URL /docs/v2.3/admin_guide/ is /docs/v2.3/metrics.
            ("content/docs/v2.3/admin_guide.md", "# Admin\n\nSee [metrics](../metrics) and [tuning](tuning.md).\n"),
            ("content/docs/v2.3/metrics.md", "# Metrics\n"),
            ("content/docs/v2.3/tuning.md", "# Tuning\n"),
            // Not there from the page's URL: reported with the URL a reader reached.
            ("content/docs/v2.3/broken.md", "# Broken\n\n[gone](../nowhere/)\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/docs/v2.3/admin_guide/index.html"), "Hugo keeps the dot and the underscore");
    assert_eq!(hrefs(&site, "public/docs/v2.3/admin_guide/index.html"), ["/docs/v2.3/metrics/", "/docs/v2.3/tuning/"]);
    assert!(!run.stderr.contains("admin_guide.md"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "no page at `/docs/v2.3/nowhere/`, where the link leads from the page's URL /docs/v2.3/broken/ (as in Hugo)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn jekyll_publishes_collections_by_their_permalink_and_follows_permalinks_anywhere() {
    let site = handbook(
        "jekyll-collections",
        WARN,
        &[
            (
                "_config.yml",
                "permalink: pretty\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:path/\n  notes:\n    output: false\n",
            ),
            (
                "content/index.md",
                "---\n---\n# Home\n\nRead [installing](/docs/install/) and [assets](/docs/assets/).\n",
            ),
            (
                "content/_docs/install.md",
                "---\n---\n# Installing\n\nSee [assets]({% link _docs/assets.md %}) and [the manual]({% link https://jekyllrb.com/docs/ %}).\n\n\
                 ![The flow]({{ site.baseurl }}/docs/setup/flow.png)\n",
            ),
            ("content/_docs/setup/flow.png", "not really a png"),
            ("content/_docs/assets.md", "---\npermalink: /docs/assets/\n---\n# Assets\n"),
            ("content/pages/about.md", "---\npermalink: /about/\n---\n# About\n\nBack [home](../).\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(site.exists("public/docs/install/index.html"));
    assert!(site.exists("public/docs/assets/index.html"));
    assert!(site.exists("public/about/index.html"), "a permalink outside the page's section is followed");
    // A collection's other files are where its template puts them (`StaticFile#url`).
    assert!(site.exists("public/docs/setup/flow.png"), "{:?}", site.files_under("public"));
    assert!(!site.exists("public/_docs/setup/flow.png"));
    let install = hrefs(&site, "public/docs/install/index.html");
    let expected = ["/docs/assets/", "https://jekyllrb.com/docs/", "/docs/setup/flow.png"];
    assert_eq!(install, expected, "a URL given to `link` stays absolute");
}

/// Jekyll's `url` and `baseurl`: a link written `{{ site.url }}{{ site.baseurl }}/a/` or
/// `{{ site.baseurl }}/a/` leads to the page the published site had there; a URL under
/// that address the handbook has no page for (a redirect of the host's), of another
/// version or of another host stays as written, as a link to another site.
#[test]
fn jekyll_links_to_the_site_s_own_address_are_links_inside() {
    let site = handbook(
        "jekyll-own-address",
        WARN,
        &[
            ("_config.yml", "url: \"https://docs.example.org\"\nbaseurl: \"/latest\"\npermalink: pretty\n"),
            (
                "content/index.md",
                "---\n---\n# Home\n\nSee [install]({{site.url}}{{site.baseurl}}/install/#steps), \
                 [tuning]({{ site.baseurl }}/tuning/), [old](https://docs.example.org/2.19/install/) \
                 and [short](http://docs.example.org/latest/go).\n",
            ),
            ("content/install.md", "---\n---\n# Install\n\n## Steps\n"),
            ("content/tuning.md", "---\n---\n# Tuning\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let expected =
        ["/install/#steps", "/tuning/", "https://docs.example.org/2.19/install/", "http://docs.example.org/latest/go"];
    assert_eq!(hrefs(&site, "public/index.html"), expected);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// The same for the other tools' published address: Hugo's `baseURL` (production's
/// first), MkDocs's `site_url`, Docusaurus's `url` and `baseUrl`. A URL under it leads
/// to the handbook's page; one it has no page for (or only a redirect of the host's
/// `_redirects`), or of another path, stays as written.
#[test]
fn hugo_mkdocs_and_docusaurus_links_to_the_site_s_own_address_are_links_inside() {
    let page = "# Home\n\nSee [install](https://docs.example.org/ops/install/#steps), \
                [old](https://docs.example.org/v1/install/), [gone](https://docs.example.org/ops/gone/) \
                and [moved](https://docs.example.org/ops/moved/).\n";
    let outside = [
        "https://docs.example.org/v1/install/",
        "https://docs.example.org/ops/gone/",
        "https://docs.example.org/ops/moved/",
    ];
    let tools: [(&str, &str, &str, &str); 4] = [
        ("hugo", "hugo.toml", "baseURL = 'http://localhost:1313/'\n", "config/production/hugo.toml"),
        ("hugo-default", "hugo.toml", "baseURL = 'https://docs.example.org/ops/'\n", ""),
        ("mkdocs", "mkdocs.yml", "site_name: X\ndocs_dir: content\nsite_url: https://docs.example.org/ops/\n", ""),
        (
            "docusaurus",
            "docusaurus.config.js",
            "module.exports = { url: 'https://docs.example.org', baseUrl: '/ops/', \
             presets: [['classic', { docs: { routeBasePath: '/' } }]] };\n",
            "",
        ),
    ];
    for (name, config_file, config, production) in tools {
        let mut files = vec![
            (config_file, config),
            ("content/index.md", page),
            ("content/install.md", "# Install\n\n## Steps\n"),
            ("content/_redirects", "/moved/ /install/ 301\n"),
        ];
        if !production.is_empty() {
            files.push((production, "baseURL = 'https://docs.example.org/ops/'\n"));
        }
        let site = handbook(&format!("{name}-own-address"), WARN, &files);
        let run = site.build(&[]);
        run.expect_code(0);
        let mut expected = vec!["/install/#steps".to_string()];
        expected.extend(outside.iter().map(|link| link.to_string()));
        assert_eq!(hrefs(&site, "public/index.html"), expected, "{name}");
        assert!(!run.stderr.contains("warning"), "{name}: {}", run.stderr);
    }
}

#[test]
fn mdbook_chapters_are_at_chapter_html() {
    let site = Site::empty("mdbook-html");
    site.write("book.toml", "[book]\ntitle = \"Book\"\nsrc = \"src\"\n");
    site.write("src/SUMMARY.md", "# Summary\n\n- [Intro](intro.md)\n- [Game](ch02-game.md)\n");
    site.write("src/intro.md", "# Intro\n\nPlay the [game](ch02-game.html#setting-up).\n");
    site.write("src/ch02-game.md", "# Game\n\n## Setting up\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/ch02-game.html"), "{:?}", site.files_under("public"));
    assert!(hrefs(&site, "public/intro.html").contains(&"/ch02-game.html#setting-up".to_string()));
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}

#[test]
fn docusaurus_links_under_the_docs_route_lead_to_the_pages() {
    let site = handbook(
        "docusaurus-route",
        &format!("[markdown]\nheading-ids = \"docusaurus\"\n{WARN}"),
        &[
            (
                "docusaurus.config.js",
                "module.exports = { presets: [['classic', { docs: { routeBasePath: '/docs' } }]] };\n",
            ),
            ("content/intro.md", "# Intro\n\nSee [workloads](/docs/overview/workloads/).\n"),
            ("content/overview/workloads.md", "# Workloads\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(hrefs(&site, "public/intro/index.html"), ["/overview/workloads/"]);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}

/// With `trailingSlash: true` Docusaurus serves `deep-dive/introduction.md` at
/// `deep-dive/introduction/`, and leaves a relative link that names no Markdown file to
/// the browser, which reads `../challenges` from there: the sibling page. Without it
/// the same link is read from the file's folder, one level higher.
#[test]
fn docusaurus_trailing_slash_reads_relative_links_from_the_page_url() {
    let files = |config: &'static str| {
        [
            ("docusaurus.config.js", config),
            ("content/apm/deep-dive/introduction.md", "# Introduction\n\nNext: [challenges](../challenges).\n"),
            ("content/apm/deep-dive/challenges.md", "# Challenges\n"),
            ("content/apm/challenges.md", "# Elsewhere\n"),
        ]
    };
    let config = format!("[markdown]\nheading-ids = \"docusaurus\"\n{WARN}");
    let slash = "module.exports = { trailingSlash: true, presets: [['classic', { docs: { routeBasePath: '/' } }]] };\n";
    let site = handbook("docusaurus-trailing-slash", &config, &files(slash));
    site.build(&[]).expect_code(0);
    assert_eq!(hrefs(&site, "public/apm/deep-dive/introduction/index.html"), ["/apm/deep-dive/challenges/"]);
    let plain = "module.exports = { presets: [['classic', { docs: { routeBasePath: '/' } }]] };\n";
    let site = handbook("docusaurus-no-trailing-slash", &config, &files(plain));
    site.build(&[]).expect_code(0);
    assert_eq!(hrefs(&site, "public/apm/deep-dive/introduction/index.html"), ["/apm/challenges/"]);
}

/// A Markdown path that leaves the content folder and comes back into it is a path of
/// the repository, as GitHub and Docusaurus read it; MkDocs reads only `docs_dir`.
#[test]
fn a_markdown_path_through_the_repository_folder_leads_back_into_the_content() {
    let files = [
        (
            "content/introduction/what.md",
            "# What\n\nInstall: [installation](../../content/start/installation.md#steps).\n",
        ),
        ("content/start/installation.md", "# Installation\n\n## Steps\n"),
        ("README.md", "# Readme\n"),
    ];
    let site = handbook("through-the-repository", WARN, &files);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert_eq!(hrefs(&site, "public/introduction/what/index.html"), ["/start/installation/#steps"]);
    // Outside the content folder it stays a finding.
    site.write("content/introduction/what.md", "# What\n\n[readme](../../README.md)\n");
    let run = site.build(&[]);
    assert!(run.stderr.contains("`../../README.md` points above the content folder"), "{}", run.stderr);
    // MkDocs's `docs_dir` is all it reads.
    site.write("content/introduction/what.md", files[0].1);
    site.write("mkdocs.yml", "site_name: X\ndocs_dir: content\n");
    let run = site.build(&[]);
    assert!(run.stderr.contains("warning[broken-link]: no page at `/content/start/installation.md`"), "{}", run.stderr);
}

#[test]
fn gitbook_assets_are_published() {
    let site = handbook(
        "gitbook-assets",
        WARN,
        &[
            ("content/SUMMARY.md", "# Summary\n\n* [Home](README.md)\n* [Money](policies/money.md)\n"),
            ("content/README.md", "# Home\n"),
            ("content/policies/money.md", "# Money\n\n![chart](../.gitbook/assets/chart.png)\n"),
            ("content/.gitbook/assets/chart.png", "not really a png"),
            ("content/.gitbook/includes/secret.md", "# not published\n"),
            ("content/.env", "SECRET=1\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    // Published in its folder, whose name is a segment like any other.
    assert_eq!(hrefs(&site, "public/policies/money/index.html"), ["/gitbook/assets/chart.png"]);
    assert!(site.exists("public/gitbook/assets/chart.png"), "{:?}", site.files_under("public"));
    let published = site.files_under("public");
    assert!(!published.iter().any(|f| f.contains("secret") || f.contains("env")), "{published:?}");
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}

#[test]
fn links_to_an_alias_lead_to_its_page() {
    let site = handbook(
        "alias-links",
        WARN,
        &[
            ("content/index.md", "# Home\n\nSee the [old page](/old/db-failover/).\n"),
            ("content/runbooks/db.md", "---\naliases: [/old/db-failover/]\n---\n# DB\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert_eq!(hrefs(&site, "public/index.html"), ["/runbooks/db/"]);
}

/// Docusaurus's versioned docs (`versions.json`, `versioned_docs/version-NAME/`) are
/// published where Docusaurus published them: with `lastVersion: 'current'`, each
/// version under its name or its `versions.NAME.path`; the docs folder at the docs
/// route.
#[test]
fn docusaurus_versioned_docs_are_published_under_their_version_path() {
    let site = handbook(
        "docusaurus-versions",
        &format!("[build]\ncontent-dir = \"docs\"\n[markdown]\nheading-ids = \"docusaurus\"\n{WARN}"),
        &[
            (
                "docusaurus.config.js",
                "module.exports = { presets: [['classic', { docs: {\n  lastVersion: 'current',\n  versions: { current: { label: 'v2' }, '1.x': { path: 'v1' } },\n} }]] };\n",
            ),
            ("versions.json", "[\"1.x\", \"0.9\"]\n"),
            ("docs/intro.md", "# Intro\n\nOld: [v1 setup](/docs/v1/setup/), [0.9 setup](/docs/0.9/setup).\n"),
            ("versioned_docs/version-1.x/setup.md", "# Setup 1\n\nBack to [intro](/docs/v1/intro).\n"),
            ("versioned_docs/version-1.x/intro.md", "# Intro 1\n"),
            ("versioned_docs/version-0.9/setup.md", "# Setup 0.9\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/v1/setup/index.html"), "{}", run.stderr);
    assert!(site.exists("public/0.9/setup/index.html") || site.exists("public/0-9/setup/index.html"), "{}", run.stderr);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
}

/// A doc whose `slug` is its folder's path (`slug: /` at a version's root) is where
/// Docusaurus published it, the version's page, in its own language and in another
/// one's, where the folder has no page of its own; a slug path never renames the folder.
#[test]
fn a_docusaurus_doc_with_the_root_slug_is_its_version_s_page() {
    let site = handbook(
        "docusaurus-version-root",
        &format!("[build]\ncontent-dir = \"docs\"\n[markdown]\nheading-ids = \"docusaurus\"\n{WARN}"),
        &[
            (
                "docusaurus.config.js",
                "module.exports = { i18n: { defaultLocale: 'en', locales: ['en', 'zh'] }, presets: [['classic', { docs: { lastVersion: 'current' } }]] };\n",
            ),
            ("versions.json", "[\"2.0\"]\n"),
            ("docs/intro.md", "# Intro\n\nThe [2.0 overview](/docs/2.0/) and [its setup](/docs/2.0/setup).\n"),
            ("versioned_docs/version-2.0/overview.md", "---\nslug: /\ntitle: Overview 2\n---\nAll of 2.0.\n"),
            ("versioned_docs/version-2.0/setup.md", "# Setup 2\n"),
            ("i18n/zh/docusaurus-plugin-content-docs/current/intro.md", "# 介绍\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("duplicate-url") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(site.read("public/2.0/index.html").contains("All of 2.0."), "{:?}", site.files_under("public"));
    assert!(site.exists("public/2.0/setup/index.html"), "the folder keeps its name");
    assert!(site.read("public/zh/2.0/index.html").contains("All of 2.0."), "{:?}", site.files_under("public"));
    assert_eq!(hrefs(&site, "public/intro/index.html"), ["/2.0/", "/2.0/setup/"]);
}

/// The last version, by default the first of `versions.json`, stands at the docs route
/// in Docusaurus, where opsbook has the docs folder: it is left out with a note. The
/// docs folder was at `/docs/next/`, and a link there leads to its page.
#[test]
fn docusaurus_last_version_at_the_docs_route_is_left_out_with_a_note() {
    let site = handbook(
        "docusaurus-last-version",
        &format!("[build]\ncontent-dir = \"docs\"\n[markdown]\nheading-ids = \"docusaurus\"\n{WARN}"),
        &[
            ("docusaurus.config.js", "module.exports = { presets: [['classic', { docs: {} }]] };\n"),
            ("versions.json", "[\"2.0\", \"1.0\"]\n"),
            ("docs/intro.md", "# Intro\n\nSee [setup](/docs/next/setup) and [the next intro](/docs/next/intro/).\n"),
            ("docs/setup.md", "# Setup\n"),
            ("versioned_docs/version-2.0/intro.md", "# Intro 2\n"),
            ("versioned_docs/version-1.0/intro.md", "# Intro 1\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("Docusaurus published version `2.0` at the docs route"), "{}", run.stderr);
    assert!(run.stderr.contains("versions.json:1:2"), "{}", run.stderr);
    assert!(!site.exists("public/2.0/intro/index.html") && !site.exists("public/2-0/intro/index.html"));
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert_eq!(hrefs(&site, "public/intro/index.html"), ["/setup/", "/intro/"]);
}

/// A GOV.UK Tech Docs Template site (`config/tech-docs.yml`, Middleman with its
/// `config.rb` in the gem) reads relative links from the page's URL as the browser
/// does: `../../images/a.png` on `/runbooks/page.html` stops at the root, `/images/a.png`
///.
#[test]
fn tech_docs_template_links_that_climb_above_the_root_stop_there() {
    let site = handbook(
        "tech-docs-relative",
        &format!("[build]\ncontent-dir = \"source\"\n{WARN}"),
        &[
            ("config/tech-docs.yml", "host: https://example.org\n"),
            ("source/index.html.md.erb", "# Home\n"),
            ("source/runbooks/page.html.md.erb", "---\ntitle: Page\n---\n# Page\n\n![logs](../../images/logs.png)\n"),
            ("source/images/logs.png", "not really a png"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("points above"), "{}", run.stderr);
    assert!(!run.stderr.contains("missing-asset"), "{}", run.stderr);
}

/// MkDocs's `File.dest_uri`, from the cases of mkdocs/tests/structure/file_tests.py
/// (mkdocs/mkdocs at 2862536793b3c67d9d83c33e0dd6d50a791928f8): `test_md_file`,
/// `test_md_file_nested`, `test_md_index_file`, `test_md_readme_index_file`,
/// `test_md_index_file_nested`, `test_media_file`, `test_javascript_file`,
/// `test_css_file`, each with `use_directory_urls` on and off, in folders of their own
/// where two cases would write one file. Names keep their case and dots, as MkDocs
/// keeps them (`Ops/Runbook.v2.md`, the rule's own case).
#[test]
fn mkdocs_publishes_each_file_where_its_file_tests_say() {
    // Source file, its file with directory URLs, its file without.
    let table: [(&str, &str, &str); 9] = [
        ("foo.md", "foo/index.html", "foo.html"),
        ("foo/bar.md", "foo/bar/index.html", "foo/bar.html"),
        ("index.md", "index.html", "index.html"),
        ("readme/README.md", "readme/index.html", "readme/index.html"),
        ("nested/index.md", "nested/index.html", "nested/index.html"),
        ("foo/bar.jpg", "foo/bar.jpg", "foo/bar.jpg"),
        ("foo/bar.js", "foo/bar.js", "foo/bar.js"),
        ("foo/bar.css", "foo/bar.css", "foo/bar.css"),
        ("Ops/Runbook.v2.md", "Ops/Runbook.v2/index.html", "Ops/Runbook.v2.html"),
    ];
    for (directory_urls, name) in [(true, "mkdocs-file-urls"), (false, "mkdocs-file-html")] {
        let files: Vec<(String, String)> =
            table.iter().map(|(source, _, _)| (format!("content/{source}"), format!("# {source}\n"))).collect();
        let mut files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let config = format!("site_name: X\ndocs_dir: content\nuse_directory_urls: {directory_urls}\n");
        files.push(("mkdocs.yml", config.as_str()));
        let site = handbook(name, WARN, &files);
        site.build(&[]).expect_code(0);
        for (source, with, without) in table {
            let written = if directory_urls { with } else { without };
            assert!(site.exists(&format!("public/{written}")), "{source} -> {written} ({directory_urls})");
        }
    }
}

/// Middleman's `directory_indexes`, ported from its own feature
/// (middleman/middleman `middleman-core/features/directory_index.feature` and the
/// fixture `middleman-core/fixtures/indexable-app`, commit
/// 5295d435fb974cfda228d9f0cdae529bf4051506): the fixture's `.html` pages written as
/// the `.html.md` pages of a handbook, its `config.rb` as it is. Each row is (source,
/// the file Middleman builds, the file it must not build).
const INDEXABLE_APP: [(&str, &str, &str); 8] = [
    ("needs_index.html.md", "needs_index/index.html", "needs_index.html"),
    ("a_folder/needs_index.html.md", "a_folder/needs_index/index.html", "a_folder/needs_index.html"),
    ("leave_me_alone.html.md", "leave_me_alone.html", "leave_me_alone/index.html"),
    ("wildcard_leave_me_alone.html.md", "wildcard_leave_me_alone.html", "wildcard_leave_me_alone/index.html"),
    ("regex_leave_me_alone2.html.md", "regex_leave_me_alone2.html", "regex_leave_me_alone2/index.html"),
    ("regular/index.html.md", "regular/index.html", "regular/index/index.html"),
    // `directory_index: false` in front matter, as the extension reads page options.
    ("front_matter_off.html.md", "front_matter_off.html", "front_matter_off/index.html"),
    ("evil spaces.html.md", "evil spaces/index.html", "evil spaces.html"),
];

/// The feature's "Link_to knows about directory indexes": links written in a page's
/// Markdown, as Middleman's Redcarpet renderer passes them to `link_to`. Each row is
/// (page, link, the href Middleman writes).
const INDEXABLE_LINKS: [(&str, &str, &str); 9] = [
    ("link_to.html.md", "/needs_index.html", "/needs_index/"),
    ("link_to.html.md", "/needs_index/index.html", "/needs_index/"),
    ("link_to.html.md", "needs_index.html", "/needs_index/"),
    ("link_to/sub.html.md", "/needs_index.html", "/needs_index/"),
    ("link_to/sub.html.md", "/needs_index/index.html", "/needs_index/"),
    ("link_to/sub.html.md", "../needs_index.html", "/needs_index/"),
    ("link_to/sub.html.md", "../leave_me_alone.html", "/leave_me_alone.html"),
    ("link_to.html.md", "/evil%20spaces.html", "/evil%20spaces/"),
    ("link_to/sub.html.md", "../evil%20spaces.html", "/evil%20spaces/"),
];

#[test]
fn middleman_directory_indexes_follow_its_own_feature() {
    let mut files: Vec<(String, String)> = vec![(
        "config.rb".into(),
        "activate :directory_indexes\npage \"/leave_me_alone.html\", directory_index: false\n\n\
         page \"/wildcard*\", directory_index: false\npage /regex_.*/, directory_index: false\n"
            .into(),
    )];
    for (source, _, _) in INDEXABLE_APP {
        let front = if source.starts_with("front_matter_off") { "---\ndirectory_index: false\n---\n" } else { "" };
        files.push((format!("source/{source}"), format!("{front}# {source}\n")));
    }
    for page in ["link_to.html.md", "link_to/sub.html.md"] {
        let links: String = INDEXABLE_LINKS
            .iter()
            .filter(|(on, _, _)| *on == page)
            .map(|(_, link, _)| format!("- [{link}]({link})\n"))
            .collect();
        files.push((format!("source/{page}"), format!("# Links\n\n{links}")));
    }
    files.push(("source/index.html.md".into(), "# Home\n".into()));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = handbook("middleman-indexable", &format!("[build]\ncontent-dir = \"source\"\n{WARN}"), &borrowed);
    let run = site.build(&[]);
    run.expect_code(0);
    for (source, built, not_built) in INDEXABLE_APP {
        assert!(site.exists(&format!("public/{built}")), "{source} is built at {built}\n{}", run.stderr);
        assert!(!site.exists(&format!("public/{not_built}")), "{source} is not built at {not_built}");
    }
    for page in ["link_to/index.html", "link_to/sub/index.html"] {
        let source = if page.contains("sub") { "link_to/sub.html.md" } else { "link_to.html.md" };
        let expected: Vec<&str> =
            INDEXABLE_LINKS.iter().filter(|(on, _, _)| *on == source).map(|(_, _, href)| *href).collect();
        assert_eq!(hrefs(&site, &format!("public/{page}")), expected, "{page}");
    }
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    // The Ruby regular expression is read: no note at its line.
    assert!(!run.stderr.contains("config.rb:5:1"), "{}", run.stderr);
}

/// Middleman keeps file and folder names as written (case, `_`): a GOV.UK Tech Docs
/// manual's links to `/guides/GPG/` and `/team/vpc_peering/` lead to their pages, and a
/// sibling read from the page's folder URL (`../ADR012-x` on `/adr/ADR008-y/`) too.
#[test]
fn middleman_names_are_kept_as_written() {
    let site = handbook(
        "middleman-names",
        &format!("[build]\ncontent-dir = \"source\"\n{WARN}"),
        &[
            ("config.rb", "require 'govuk_tech_docs'\nactivate :directory_indexes\nGovukTechDocs.configure(self)\n"),
            ("config/tech-docs.yml", "host: https://example.org\n"),
            ("source/index.html.md", "# Home\n\n[GPG](guides/GPG/) and [peering](/team/vpc_peering/)\n"),
            ("source/guides/GPG.html.md", "# GPG\n"),
            ("source/team/vpc_peering.html.md.erb", "# Peering\n"),
            ("source/adr/ADR008-y.html.md", "# ADR008\n\n[ADR012](../ADR012-x) ![d](../images/d.png)\n"),
            ("source/adr/ADR012-x.html.md", "# ADR012\n"),
            ("source/adr/images/d.png", "not really a png"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/guides/GPG/index.html") && site.exists("public/team/vpc_peering/index.html"));
    assert_eq!(hrefs(&site, "public/index.html"), ["/guides/GPG/", "/team/vpc_peering/"]);
    assert_eq!(hrefs(&site, "public/adr/ADR008-y/index.html"), ["/adr/ADR012-x/", "/adr/images/d.png"]);
    assert!(!run.stderr.contains("broken-link") && !run.stderr.contains("missing-asset"), "{}", run.stderr);
}
