//! MkDocs's own rules, ported from MkDocs's unit tests as tables and built by the real
//! binary: where each page is published (`mkdocs/tests/structure/file_tests.py`), and
//! the navigation `nav:` gives (`mkdocs/tests/structure/nav_tests.py`).

use crate::util;

use util::Site;

/// One case of `file_tests.py`: the files of the docs folder, `use_directory_urls`, the
/// output files MkDocs writes (relative to the site folder), the ones it does not, and
/// the source whose page a file shared by two sources shows.
type FileCase =
    (&'static [&'static str], bool, &'static [&'static str], &'static [&'static str], (&'static str, &'static str));

/// The cases of mkdocs/mkdocs `mkdocs/tests/structure/file_tests.py` at commit
/// 2862536793b3c67d9d83c33e0dd6d50a791928f8 about which file a folder's page is, beyond
/// those `old_tool_links.rs` `mkdocs_publishes_each_file_where_its_file_tests_say`
/// ports: `test_get_files_include_readme_without_index`,
/// `test_get_files_exclude_readme_with_index`; then `foo.md` beside `foo/index.md` and
/// `foo/README.md`, which `File._get_dest_path` gives one output, the folder's written
/// last (`get_files` walks a folder's files before its subfolders).
const FILE_CASES: &[FileCase] = &[
    (
        &["README.md", "foo.md"],
        true,
        &["index.html", "foo/index.html"],
        &["README/index.html"],
        ("index.html", "README.md"),
    ),
    (
        &["index.md", "README.md", "foo.md"],
        true,
        &["foo/index.html"],
        &["README/index.html"],
        ("index.html", "index.md"),
    ),
    (&["index.md", "README.md", "foo.md"], false, &["foo.html"], &["README.html"], ("index.html", "index.md")),
    (&["index.md", "foo.md", "foo/index.md"], true, &[], &[], ("foo/index.html", "foo/index.md")),
    (&["index.md", "foo.md", "foo/index.md"], false, &["foo.html"], &[], ("foo/index.html", "foo/index.md")),
    (
        &["index.md", "foo.md", "foo/README.md"],
        true,
        &[],
        &["foo/README/index.html"],
        ("foo/index.html", "foo/README.md"),
    ),
];

#[test]
fn publishes_pages_where_mkdocs_file_tests_say() {
    for (n, &(files, directory_urls, written, absent, (shared, source))) in FILE_CASES.iter().enumerate() {
        let config = format!("site_name: Ops\nuse_directory_urls: {directory_urls}\n");
        let mut all = vec![("mkdocs.yml".to_string(), config)];
        all.extend(files.iter().map(|f| (format!("content/{f}"), format!("# Page {f}\n"))));
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = Site::with_files(&format!("mkdocs-files-{n}"), &borrowed);
        let run = site.build(&[]);
        run.expect_code(0);
        let main = util::main_of(&site.read(&format!("public/{shared}"))).to_string();
        assert!(main.contains(&format!("Page {source}")), "case {n} {files:?}: {shared} is {source}'s: {main}");
        for file in written {
            assert!(
                site.exists(&format!("public/{file}")),
                "case {n} {files:?}: {file} in {:?}",
                site.files_under("public")
            );
        }
        for file in absent {
            assert!(!site.exists(&format!("public/{file}")), "case {n} {files:?}: no {file}");
        }
    }
}

/// The sidebar of an MkDocs handbook is `nav:` as MkDocs nests it
/// (`test_indented_nav` and `test_nested_ungrouped_nav` of `nav_tests.py`, built):
/// sections by their keys three levels deep, a page of another folder where `nav:`
/// puts it, links, titles of `nav:` over the pages' headings; previous and next follow it.
#[test]
fn the_sidebar_is_mkdocs_nav_as_it_nests() {
    let nav = "site_name: Ops\nnav:\n  - Home: index.md\n  - API Guide:\n    - Running: api-guide/running.md\n    - Advanced:\n      - Deeper:\n        - Part 1: api-guide/advanced/part-1.md\n  - Contact: about/contact.md\n  - About:\n    - about/release-notes.md\n    - License: /license.html\n  - External: https://example.com/\n";
    let site = Site::with_files(
        "mkdocs-nav-tree",
        &[
            ("mkdocs.yml", nav),
            ("content/index.md", "# Welcome\n"),
            ("content/api-guide/running.md", "# How to run it\n"),
            ("content/api-guide/advanced/part-1.md", "# The first part\n"),
            ("content/about/contact.md", "# Contact us\n"),
            ("content/about/release-notes.md", "# Release notes\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let deep = site.read("public/api-guide/advanced/part-1/index.html");
    assert_eq!(
        util::nav_outline(&deep),
        ["Home", "API Guide", "  Running", "  Advanced", "    Deeper", "      Part 1", "Contact", "About", "External"]
    );
    let nav = util::between(&deep, "<ul class=\"nav-tree\"", "</ul>");
    let links = util::links_in(nav);
    for link in ["/", "/api-guide/running/", "/about/contact/", "/about/release-notes/", "https://example.com/"] {
        assert!(links.iter().any(|l| l == link), "{link} in {links:?}");
    }
    assert!(nav.contains("aria-current=\"page\">Part 1</a>"), "{nav}");
    let notes = site.read("public/about/release-notes/index.html");
    assert_eq!(
        util::nav_outline(&notes),
        ["Home", "API Guide", "Contact", "About", "  Release notes", "  License", "External"],
        "only the sections above the page are open"
    );
    assert!(
        util::links_in(util::between(&notes, "<ul class=\"nav-tree\"", "</ul>")).contains(&"/license.html".to_string())
    );
    // Reading order: `nav:` from top to bottom, whatever the folders.
    let contact = site.read("public/about/contact/index.html");
    assert!(contact.contains("rel=\"prev\" href=\"/api-guide/advanced/part-1/\""), "{contact}");
    assert!(contact.contains("rel=\"next\" href=\"/about/release-notes/\""), "{contact}");
}

/// Without `nav:`, MkDocs makes the navigation of the folders, and so does opsbook: the
/// sidebar is not emptied by an `mkdocs.yml` that has no entries.
#[test]
fn without_nav_the_folders_make_the_sidebar() {
    let site = Site::with_files(
        "mkdocs-no-nav",
        &[
            ("mkdocs.yml", "site_name: Ops\nplugins:\n  - search\n"),
            ("content/index.md", "# Welcome\n"),
            ("content/ops/index.md", "# Operations\n"),
            ("content/ops/db.md", "# Databases\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(util::nav_outline(&site.read("public/ops/db/index.html")), ["Operations", "  Databases"]);
}

/// With CodeHilite among MkDocs' extensions, an indented code block's `:::lang` or
/// `#!lang` first line names its language and is dropped, a shebang with a path names it
/// and stays; a fenced block is not read so (CodeHilite runs on indented blocks only),
/// and without the extension the line is code.
#[test]
fn codehilite_reads_an_indented_block_s_first_line_as_its_language() {
    let page = "# Code\n\n    :::python\n    import os\n\nThen:\n\n    #!/usr/bin/env bash\n    echo hi\n\n```\n:::python\nfenced\n```\n";
    let built = |name: &str, extensions: &str| {
        let config = format!("site_name: x\ndocs_dir: content\n{extensions}");
        let site = Site::with_files(name, &[("mkdocs.yml", config.as_str()), ("content/code.md", page)]);
        site.build(&[]).expect_code(0);
        site.read("public/code/index.html")
    };
    let on = built("codehilite-on", "markdown_extensions:\n  - codehilite\n");
    assert!(on.contains(r#"<pre class="code" data-lang="python">"#), "{on}");
    assert!(!on.contains(":::python\nimport"), "the header line is dropped: {on}");
    assert!(on.contains(r#"data-lang="bash">"#) && on.contains("#!/usr/bin/env bash"), "a real shebang stays: {on}");
    assert!(on.contains(":::python\nfenced"), "a fenced block keeps its line: {on}");
    let qualified = built(
        "codehilite-qualified",
        "markdown_extensions:\n  - markdown.extensions.codehilite:\n      guess_lang: false\n",
    );
    assert!(qualified.contains(r#"data-lang="python">"#), "{qualified}");
    let off = built("codehilite-off", "markdown_extensions:\n  - admonition\n");
    assert!(!off.contains("data-lang=\"python\""), "{off}");
    assert!(off.contains(":::python\nimport os"), "{off}");
}

/// `:::` is no syntax of Python-Markdown; with the mkdocstrings plugin a line
/// `::: identifier` and its indented options are its autodoc block
/// (`AutoDocProcessor`: `^(#{1,6} *|)::: ?(?P<name>.+?) *$`, then `detab`), whose
/// object heading has the identifier as its id.
#[test]
fn colon_lines_are_text_and_mkdocstrings_blocks_placeholders() {
    let page = "# Views\n\nSee [the view](#netbox.views.ObjectView).\n\n::: netbox.views.ObjectView\n    options:\n      \
                members:\n        - get\n\nAfter the block.\n";
    let built = |name: &str, plugins: &str, page: &str| {
        let config = format!("site_name: x\ndocs_dir: content\n{plugins}");
        let site = Site::with_files(name, &[("mkdocs.yml", config.as_str()), ("content/views.md", page)]);
        let run = site.build(&[]);
        run.expect_code(0);
        (run.stderr.clone(), site.read("public/views/index.html"))
    };
    let plugins = "plugins:\n  - search\n  - mkdocstrings:\n      default_handler: python\n";
    let (stderr, html) = built("mkdocstrings-on", plugins, page);
    assert!(
        stderr.contains("`::: netbox.views.ObjectView` is mkdocstrings' documentation of that object")
            && stderr.contains(" --> content/views.md:5:1"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("warning[unsupported-syntax]").count(), 1, "{stderr}");
    assert!(!stderr.contains("broken-anchor") && !stderr.contains("admonition"), "{stderr}");
    assert!(html.contains("<div class=\"unsupported unsupported-block\" id=\"netbox.views.ObjectView\">"), "{html}");
    assert!(
        !html.contains("members:") && html.contains("<p>After the block.</p>"),
        "the options are the block's: {html}"
    );
    // Without the plugin the lines are text (the link to the object would be a broken
    // anchor), `:::note` too: no admonition.
    let page = page.replace("See [the view](#netbox.views.ObjectView).", "See it.") + "\n:::note\nA note?\n:::\n";
    let (stderr, html) = built("mkdocstrings-off", "", &page);
    assert!(html.contains(":::note\nA note?"), "{html}");
    assert!(!stderr.contains("unsupported-syntax") && !stderr.contains("admonition"), "{stderr}");
    assert!(
        html.contains("::: netbox.views.ObjectView") && !html.contains("callout"),
        "text without the plugin: {html}"
    );
}

/// MkDocs rewrites a relative link only when it names a documentation file
/// (`mkdocs/structure/pages.py` `path_to_url`); any other is "an unrecognized relative
/// link, left as is", which the browser reads from the page's URL. The cases of
/// `mkdocs/tests/structure/page_tests.py` at 2862536793b3c67d9d83c33e0dd6d50a791928f8:
/// `test_self_anchor_link_with_suggestion` (`./#test` is the page itself),
/// `test_relative_slash_link_with_suggestion` (`../about/` from `foo/index.md` is
/// `/about/`; `../#example` from `foo/bar.md` is `/foo/`, which lacks the anchor),
/// `test_relative_doc_link_without_extension` (`bar/Dockerfile`, a file, from the file's
/// folder). `./#x` on `net/ifaces.md` (URL `/net/ifaces/`) is that page, not `net/`'s.
#[test]
fn relative_links_follow_mkdocs_page_tests() {
    let site = Site::with_files(
        "mkdocs-relative-links",
        &[
            ("mkdocs.yml", "site_name: Ops\ndocs_dir: content\n"),
            ("content/index.md", "# Home\n\n## Example\n\n## Test\n\n[self](./#test)\n"),
            ("content/about.md", "# About\n"),
            ("content/foo/index.md", "# Foo\n\n[link](../about/)\n"),
            ("content/foo/bar.md", "# Bar\n\n[link](bar/Dockerfile) and [up](../#example)\n"),
            ("content/foo/bar/Dockerfile", "FROM scratch\n"),
            ("content/net/index.md", "# Network\n"),
            (
                "content/net/ifaces.md",
                "# Interfaces\n\nSee [below](./#macvtap-registration).\n\n## Macvtap registration\n",
            ),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    let ifaces = site.read("public/net/ifaces/index.html");
    assert!(ifaces.contains("href=\"/net/ifaces/#macvtap-registration\""), "{ifaces}");
    assert!(site.read("public/index.html").contains("href=\"/#test\""));
    assert!(site.read("public/foo/index.html").contains("href=\"/about/\""));
    assert!(site.read("public/foo/bar/index.html").contains("href=\"/foo/bar/Dockerfile\""));
    assert_eq!(run.stderr.matches("warning[").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[broken-anchor]: no heading or anchor `#example` in `content/foo/index.md`\n --> content/foo/bar.md:3:28"
        ),
        "{}",
        run.stderr
    );
}

/// The awesome-nav plugin arranges the sidebar from each folder's `.nav.yml`, in place of
/// `nav:`: named pages and folders where listed, titles given there or made of the
/// folder's name, a pattern's finds sorted naturally, the rest after them but a hidden
/// folder, a link.
#[test]
fn awesome_nav_arranges_the_sidebar_from_the_folders_settings() {
    let site = Site::with_files(
        "mkdocs-awesome-nav",
        &[
            ("mkdocs.yml", "site_name: X\ndocs_dir: content\nplugins:\n  - search\n  - awesome-nav\n"),
            (
                "content/.nav.yml",
                "nav:\n  - Welcome: index.md\n  - cluster_admin\n  - Guides:\n    - \"guide-*.md\"\n  - \"*\"\n  - Status: https://status.example.org/\n",
            ),
            ("content/index.md", "# Home\n"),
            ("content/guide-10.md", "# Ten\n"),
            ("content/guide-9.md", "# Nine\n"),
            ("content/extra.md", "# Extra\n"),
            ("content/cluster_admin/.nav.yml", "sort:\n  direction: desc\n"),
            ("content/cluster_admin/a.md", "# Alpha\n"),
            ("content/cluster_admin/b.md", "# Beta\n"),
            ("content/drafts/.nav.yml", "hide: true\n"),
            ("content/drafts/wip.md", "# Work in progress\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = util::nav_outline(&site.read("public/cluster_admin/a/index.html"));
    assert_eq!(nav, ["Welcome", "Cluster admin", "  Beta", "  Alpha", "Guides", "Extra", "Status"], "{}", run.stderr);
    let nav = util::nav_outline(&site.read("public/guide-9/index.html"));
    assert_eq!(nav, ["Welcome", "Cluster admin", "Guides", "  Nine", "  Ten", "Extra", "Status"], "{}", run.stderr);
    assert!(site.exists("public/drafts/wip/index.html"), "a page out of the navigation is still built");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// The redirects plugin's `redirect_maps` writes a page at each old page's output that
/// leads, by the plugin's relative link, to the new page (at its fragment) or to an
/// address outside; `_redirects` lists them for hosts that redirect themselves.
#[test]
fn redirect_maps_write_a_redirect_at_each_old_page() {
    let config = "site_name: X\ndocs_dir: content\nplugins:\n  - redirects:\n      redirect_maps:\n        \
                  'operations/install.md': 'admin/install.md'\n        'operations/debug.md': 'admin/install.md#debugging'\n        \
                  'old/README.md': 'index.md'\n        'moved.md': 'https://example.org/moved/'\n";
    let site = Site::with_files(
        "mkdocs-redirects",
        &[
            ("mkdocs.yml", config),
            ("content/index.md", "# Home\n"),
            ("content/admin/install.md", "# Install\n\n## Debugging\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let refresh = |path: &str| util::redirect_of(&site, path);
    assert_eq!(refresh("public/operations/install/index.html"), "../../admin/install/");
    assert_eq!(refresh("public/operations/debug/index.html"), "../../admin/install/#debugging");
    assert_eq!(refresh("public/old/index.html"), "../");
    assert_eq!(refresh("public/moved/index.html"), "https://example.org/moved/");
    let redirects = site.read("public/_redirects");
    for line in [
        "/operations/install/ /admin/install/ 301",
        "/operations/debug/ /admin/install/#debugging 301",
        "/moved/ https://example.org/moved/ 301",
    ] {
        assert!(redirects.contains(line), "{line} in {redirects}");
    }
    assert!(site.read("public/handbook.json").contains("operations/install/"), "the page lists its old path");
    // The handbook's own `_redirects` is published as it is, the redirect pages beside it.
    site.write("content/_redirects", "/a /b 301\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(site.read("public/_redirects"), "/a /b 301\n");
    assert!(run.stderr.contains("opsbook does not write its own"), "{}", run.stderr);
    assert!(site.exists("public/operations/install/index.html"));
}

/// The awesome-pages plugin arranges MkDocs's navigation by each folder's `.pages`:
/// named items first (a folder retitled where named), `...` filled with the rest in
/// MkDocs's order, `arrange`, `order`, a hidden folder left out, a folder of one page
/// collapsed into it, a link.
#[test]
fn awesome_pages_arranges_the_sidebar_from_the_folders_settings() {
    let site = Site::with_files(
        "mkdocs-awesome-pages",
        &[
            ("mkdocs.yml", "site_name: X\ndocs_dir: content\nplugins:\n  - search\n  - awesome-pages\n"),
            (
                "content/.pages",
                "nav:\n  - index.md\n  - Run books: runbooks\n  - ...\n  - Status: https://status.example.org/\n",
            ),
            ("content/index.md", "# Home\n"),
            ("content/zeta.md", "# Zeta\n"),
            ("content/runbooks/.pages", "order: desc\n"),
            ("content/runbooks/a.md", "# Alpha\n"),
            ("content/runbooks/b.md", "# Beta\n"),
            ("content/guides/.pages", "arrange:\n  - setup.md\n"),
            ("content/guides/intro.md", "# Intro\n"),
            ("content/guides/setup.md", "# Setup\n"),
            ("content/drafts/.pages", "hide: true\n"),
            ("content/drafts/wip.md", "# Work in progress\n"),
            ("content/single/.pages", "collapse: true\n"),
            ("content/single/only.md", "# Only page\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let nav = util::nav_outline(&site.read("public/runbooks/a/index.html"));
    let expected = ["Home", "Run books", "  Beta", "  Alpha", "Zeta", "Guides", "Only page", "Status"];
    assert_eq!(nav, expected, "{}", run.stderr);
    let nav = util::nav_outline(&site.read("public/guides/setup/index.html"));
    assert_eq!(
        nav,
        ["Home", "Run books", "Zeta", "Guides", "  Setup", "  Intro", "Only page", "Status"],
        "{}",
        run.stderr
    );
    assert!(site.exists("public/drafts/wip/index.html"), "a page out of the navigation is still built");
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

/// A link from the root is left as written (`mkdocs/structure/pages.py` `path_to_url`,
/// "contains an absolute link ..., it was left as is", at the commit above), and the
/// browser reads it from the host, where the site is at `site_url`'s path: as
/// `mkdocs serve` serves it from that path (`mkdocs/tests/livereload_tests.py`
/// `test_serves_from_mount_path`: `/sub/` is the site's `index.html`,
/// `/sub/sub/sub.html` its `sub/sub.html`), `/sub/ops/` is the page `ops.md`. opsbook
/// also reads such a link from the site's root, as before (`/ops/`), where the test's
/// `/sub/sub.html` was a 404.
#[test]
fn links_under_the_site_urls_path_are_the_sites_pages() {
    let site = Site::with_files(
        "mkdocs-site-url-path",
        &[
            ("mkdocs.yml", "site_name: T\nsite_url: https://example.org/sub/\n"),
            (
                "docs/index.md",
                "# Home\n\n[home](/sub/), [ops](/sub/ops/), [rota](/sub/ops/#rota), [file](/sub/sub/sub.txt), \
                 [plain](/ops/)\n",
            ),
            ("docs/ops.md", "# Ops\n\n## Rota\n"),
            ("docs/sub/sub.txt", "a file"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n[check]\nlinks = \"warn\"\n");
    let run = site.build(&["--no-summary"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning["), "every link leads to the site: {}", run.stderr);
    let html = site.read("public/index.html");
    for href in ["href=\"/\"", "href=\"/ops/\"", "href=\"/ops/#rota\"", "href=\"/sub/sub.txt\""] {
        assert!(html.contains(href), "{href}: {html}");
    }
}
