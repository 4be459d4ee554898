//! Docusaurus category files (`_category_.json`, `_category_.yml`): labels and
//! positions of sections, warnings for malformed files, never copied.

use crate::util;

use util::Site;

fn nav_order(html: &str, names: &[&str]) -> Vec<usize> {
    let html = util::between(html, "<nav id=\"site-nav\"", "</nav>");
    names.iter().map(|n| html.find(n).unwrap_or_else(|| panic!("{n} is not in the page"))).collect()
}

#[test]
fn category_files_name_and_place_sections_and_are_not_copied() {
    let site = Site::with_files(
        "categories",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/alpha/page.md", "# Alpha page\n"),
            (
                "content/beta/_category_.json",
                "{\"label\": \"Beta things\", \"position\": 1, \"link\": {\"type\": \"generated-index\"}}",
            ),
            ("content/beta/page.md", "# Beta page\n"),
            ("content/gamma/_category_.yml", "label: Gamma things\nposition: 0.5\ncollapsed: false\n"),
            ("content/gamma/page.md", "# Gamma page\n"),
            ("content/delta/_category_.yaml", "label: Ignored label\n"),
            ("content/delta/_index.md", "---\ntitle: Delta title\n---\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let page = site.read("public/alpha/page/index.html");
    let order = nav_order(&page, &["Gamma things</a>", "Beta things</a>", "Alpha</a>"]);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.contains("Delta title</a>"));
    assert!(!page.contains("Ignored label"));
    let files = site.files_under("public");
    assert!(!files.iter().any(|f| f.contains("_category_")), "{files:?}");
}

#[test]
fn a_malformed_category_file_is_a_located_warning() {
    let site = Site::with_files(
        "bad-category",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/ops/_category_.json", "{\n  \"label\": \"Ops\",\n  \"position\": \n}\n"),
            ("content/ops/page.md", "# Ops page\n"),
            ("content/run/_category_.yml", "label: [1, 2]\nposition: first\n"),
            ("content/run/page.md", "# Run page\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(run.stderr.matches("warning[front-matter-syntax]").count(), 3, "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/ops/_category_.json:4:1"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/run/_category_.yml:1:1"), "{}", run.stderr);
    assert!(run.stderr.contains(" --> content/run/_category_.yml:2:1"), "{}", run.stderr);
    assert!(site.exists("public/ops/page/index.html"));
    assert!(!site.exists("public/ops/_category_.json"));
    for message in ["the category file is not valid", "`label` must be text", "`position` must be a number"] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
    }
}

/// Docusaurus's URLs: a doc keeps its names' case (`getSlug`), and a category whose
/// file links a generated index is also at `/category/<label's slug>` or at its `slug`,
/// under the docs' route, so links to those pages lead to the section.
#[test]
fn docs_keep_their_case_and_generated_category_pages_are_where_docusaurus_put_them() {
    let site = Site::with_files(
        "docusaurus-category-index",
        &[
            ("docusaurus.config.js", "module.exports = {};\n"),
            (
                "content/intro.md",
                "# Intro\n\n[Guides](/docs/category/guides), [Ops](/docs/category/ops-tools), \
                 [Custom](/docs/all/custom) and [Setup](/docs/Guides/Setup_DB).\n",
            ),
            ("content/Guides/_category_.json", "{\"label\": \"Guides\", \"link\": {\"type\": \"generated-index\"}}"),
            ("content/Guides/Setup_DB.md", "# Setup\n"),
            ("content/02-ops/_category_.yml", "label: Ops Tools!\nlink:\n  type: generated-index\n"),
            ("content/02-ops/run.md", "# Run\n"),
            ("content/more/_category_.json", "{\"link\": {\"type\": \"generated-index\", \"slug\": \"/all/custom\"}}"),
            ("content/more/page.md", "# More\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link"), "{}", run.stderr);
    assert!(site.exists("public/Guides/Setup_DB/index.html"), "{:?}", site.files_under("public"));
    for (alias, section) in [("category/guides", "/Guides/"), ("category/ops-tools", "/ops/"), ("all/custom", "/more/")]
    {
        let html = site.read(&format!("public/{alias}/index.html"));
        assert!(html.contains(section), "{alias} leads to {section}: {html}");
    }
    assert!(site.read("public/Guides/index.html").contains("Setup_DB/"), "the section lists its docs");
}

/// A category of `sidebars.js` whose link is a generated index has a page at
/// `/category/<label's slug>` under the docs' route (or its `slug`), titled by the link's
/// `title` or the label, listing its items in sidebar order; links to it are no
/// findings. A folder's index page with `<DocCardList />` lists the folder's pages.
#[test]
fn a_sidebar_category_s_generated_index_is_a_page_listing_its_items() {
    let sidebars = "module.exports = {docs: [
  'intro',
  {type: 'category', label: 'Cluster Stacks', link: {type: 'generated-index', description: 'Stacks to run.'},
   items: ['stacks/openstack', {type: 'doc', id: 'stacks/aws', label: 'On AWS'}]},
  {type: 'category', label: 'Lattice', link: {type: 'doc', id: 'lattice/index'}, items: ['lattice/nats']},
]};\n";
    let site = Site::with_files(
        "docusaurus-sidebar-category-index",
        &[
            ("docusaurus.config.js", "module.exports = {};\n"),
            ("sidebars.js", sidebars),
            (
                "content/intro.md",
                "# Intro\n\nSee [the stacks](/docs/category/cluster-stacks) and [lattice](lattice/index.mdx).\n",
            ),
            ("content/stacks/openstack.md", "---\ntitle: OpenStack\ndescription: Run on OpenStack.\n---\n\nText.\n"),
            ("content/stacks/aws.md", "# AWS\n"),
            (
                "content/lattice/index.mdx",
                "# Lattice\n\nimport DocCardList from '@theme/DocCardList';\n\n<DocCardList />\n",
            ),
            ("content/lattice/nats.md", "---\ndescription: The message bus.\n---\n\n# NATS\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("broken-link") && !run.stderr.contains("unsupported"), "{}", run.stderr);
    let html = site.read("public/category/cluster-stacks/index.html");
    let main = util::between(&html, "<main", "</main>");
    assert!(main.contains("Cluster Stacks</h1>") && main.contains("Stacks to run."), "{main}");
    let openstack = main.find("href=\"/stacks/openstack/\">OpenStack</a>").expect("the first item");
    let aws = main.find("href=\"/stacks/aws/\">On AWS</a>").expect("the second item");
    assert!(openstack < aws && main.contains("Run on OpenStack."), "{main}");
    let intro = site.read("public/intro/index.html");
    assert!(intro.contains("href=\"/category/cluster-stacks/\""), "{intro}");
    let lattice = site.read("public/lattice/index.html");
    let main = util::between(&lattice, "<main", "</main>");
    assert!(!main.contains("DocCardList") && !main.contains("class=\"unsupported"), "{main}");
    assert!(main.contains(">NATS</a>") && main.contains("The message bus."), "the folder's pages are listed: {main}");
    // Where `<DocCardList />` stood, the body has nothing: no placeholder, no text, no
    // empty paragraph; the list after the body is the section's list of its pages.
    let body = util::between(main, "id=\"page-body\"", "<ul class=\"section-list\">");
    let text: String = body.split_whitespace().collect();
    assert_eq!(
        text, "id=\"page-body\"class=\"content\"></div><ulclass=\"section-list\">",
        "nothing in its place: {body}"
    );
    let list = util::between(main, "<ul class=\"section-list\">", "</ul>");
    assert!(list.contains("<a href=\"/lattice/nats/\">NATS</a>") && list.contains("<p>The message bus.</p>"), "{list}");
}

/// The docs plugin's `exclude` globs leave their files out, from the docs folder; the
/// list written replaces Docusaurus's default, so a file named with `_` is a doc then, as
/// in Docusaurus. A glob that cannot be read is a located warning, and the default holds.
#[test]
fn the_docs_plugin_s_exclude_leaves_out_what_it_names_instead_of_the_default() {
    let config = "module.exports = {\n  presets: [['classic', { docs: {\n    exclude: ['migration.md', '**/drafts/**'],\n  } }]],\n};\n";
    let site = Site::with_files(
        "docusaurus-exclude",
        &[
            ("docusaurus.config.js", config),
            ("content/intro.md", "# Intro\n"),
            ("content/migration.md", "# Work in progress\n"),
            ("content/guides/migration.md", "# Migrating a guide\n"),
            ("content/guides/drafts/next.md", "# Next\n"),
            ("content/_partial.md", "# Partial\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!site.exists("public/migration/index.html"), "{:?}", site.files_under("public"));
    assert!(!site.exists("public/guides/drafts/next/index.html"));
    assert!(site.exists("public/guides/migration/index.html"), "a name without `**/` is from the docs folder");
    assert!(site.exists("public/_partial/index.html"), "the list written replaces the default");
    site.write(
        "docusaurus.config.js",
        "module.exports = { presets: [['classic', { docs: {\n exclude: ['a/{b'] } }]] };\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("docusaurus.config.js:2:12"), "{}", run.stderr);
    assert!(run.stderr.contains("`exclude` glob \"a/{b\" cannot be read"), "{}", run.stderr);
    assert!(site.exists("public/migration/index.html") && !site.exists("public/_partial/index.html"));
}

/// The client-redirects plugin's `redirects` write a page at each old pathname that leads
/// to the new page (read from the docs folder under the docs' route, the site's
/// `trailingSlash` applied, its query and fragment kept) or to an address, and a line of
/// `_redirects` each.
#[test]
fn client_redirects_write_a_page_at_each_old_pathname() {
    let config = "module.exports = {\n  baseUrl: '/',\n  trailingSlash: true,\n  plugins: [\n    [\n      \
                  '@docusaurus/plugin-client-redirects',\n      ({\n        redirects: [\n          \
                  { from: '/docs/guides/testbed', to: '/docs/testbed' },\n          \
                  { from: ['/old-intro', '/docs/older-intro'], to: '/docs/testbed#setup' },\n          \
                  { from: '/chat', to: 'https://chat.example.org/' },\n        ],\n      }),\n    ],\n  ],\n};\n";
    let site = Site::with_files(
        "docusaurus-client-redirects",
        &[
            ("docusaurus.config.js", config),
            ("content/intro.md", "# Intro\n"),
            ("content/testbed.md", "# Testbed\n\n## Setup\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let refresh = |path: &str| util::redirect_of(&site, path);
    assert_eq!(refresh("public/guides/testbed/index.html"), "/testbed/");
    assert_eq!(refresh("public/old-intro/index.html"), "/testbed/#setup");
    assert_eq!(refresh("public/older-intro/index.html"), "/testbed/#setup");
    assert_eq!(refresh("public/chat/index.html"), "https://chat.example.org/");
    let redirects = site.read("public/_redirects");
    for line in
        ["/guides/testbed/ /testbed/ 301", "/old-intro/ /testbed/#setup 301", "/chat/ https://chat.example.org/ 301"]
    {
        assert!(redirects.contains(line), "{line} in {redirects}");
    }
}

/// A site of several docs instances and a blog of its own folder builds as Docusaurus
/// published it, without a `[[sources]]` table: each folder at its `routeBasePath`, the
/// plugins named by package or shorthand, each instance's sidebar file (named with
/// `require.resolve` or as a string, ended without `;`) ordering its section.
#[test]
fn docs_instances_and_blogs_are_mounted_at_their_routes_with_their_sidebars() {
    let config = "module.exports = {
  presets: [['classic', {
    docs: { sidebarPath: require.resolve('./sidebarsDocs.js') },
    blog: { path: 'news', routeBasePath: 'updates' },
  }]],
  plugins: [
    ['content-docs', { id: 'community', path: 'community', routeBasePath: 'community',
      sidebarPath: './community/sidebars.js' }],
  ],
};\n";
    let site = Site::with_files(
        "docusaurus-instances",
        &[
            ("docusaurus.config.js", config),
            ("sidebarsDocs.js", "const sidebars = {\n  docs: ['setup', 'intro'],\n}\n\nmodule.exports = sidebars\n"),
            ("community/sidebars.js", "module.exports = {community: ['zeta', 'alpha']};\n"),
            (
                "content/intro.md",
                "# Intro\n\nSee [Alpha](/community/alpha) and [the release](/updates/2024/01/05/release).\n",
            ),
            ("content/setup.md", "# Setup\n"),
            ("community/index.md", "# Community\n"),
            ("community/alpha.md", "# Alpha\n"),
            ("community/zeta.md", "# Zeta\n"),
            ("news/2024-01-05-release.md", "---\ntitle: Release\n---\n\nShipped.\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning") && !run.stderr.contains("broken-link"), "{}", run.stderr);
    let alpha = site.read("public/community/alpha/index.html");
    let order = nav_order(&alpha, &["Setup</a>", "Intro</a>", "Zeta</a>", "Alpha</a>"]);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "the sidebars' order: {order:?}");
    assert!(site.read("public/updates/2024/01/05/release/index.html").contains("Shipped."));
    // The sidebar file in the instance's folder is read, not published.
    assert!(!site.exists("public/community/sidebars.js"));
    let intro = site.read("public/intro/index.html");
    assert!(
        intro.contains("href=\"/community/alpha/\"") && intro.contains("href=\"/updates/2024/01/05/release/\""),
        "{intro}"
    );
    // A doc id of an instance's sidebar that no page has is said at that file's place.
    site.write("community/sidebars.js", "module.exports = {community: ['zeta',\n  'gone']};\n");
    let run = site.build(&[]);
    assert!(run.stderr.contains("community/sidebars.js:2:3"), "{}", run.stderr);
    assert!(run.stderr.contains("community/gone"), "{}", run.stderr);
}

/// `exclude` given as a constant the file declares, and `onlyIncludeVersions`, read as
/// Docusaurus reads them (openkruise/openkruise.io's configuration names its list
/// `contentExclude`): the files the list names are no pages, and only the versions named
/// are built. Either built by code opsbook does not run is a warning at its place naming
/// the option, and Docusaurus's default holds (every version built).
#[test]
fn the_docs_plugin_s_exclude_constant_and_only_include_versions_are_read() {
    let config = "const contentExclude = ['**/secret.md'];\nmodule.exports = {\n  presets: [['classic', { docs: {\n    exclude: contentExclude,\n    lastVersion: 'current',\n    onlyIncludeVersions: ['current', 'v2'],\n  } }]],\n};\n";
    let site = Site::with_files(
        "docusaurus-only-versions",
        &[
            ("docusaurus.config.js", config),
            ("versions.json", "[\"v2\", \"v1\"]\n"),
            ("docs/intro.md", "# Intro\n"),
            ("docs/secret.md", "# Secret\n"),
            ("versioned_docs/version-v2/intro.md", "# Intro 2\n"),
            ("versioned_docs/version-v1/intro.md", "# Intro 1\n"),
        ],
    );
    site.write("book.toml", "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/intro/index.html") && site.exists("public/v2/intro/index.html"), "{}", run.stderr);
    assert!(!site.exists("public/v1/intro/index.html") && !site.exists("public/secret/index.html"), "{}", run.stderr);

    site.write(
        "docusaurus.config.js",
        "const {list} = require('./excluded');\nmodule.exports = {\n  presets: [['classic', { docs: {\n    exclude: list,\n    lastVersion: 'current',\n    onlyIncludeVersions: (() => ['current'])(),\n  } }]],\n};\n",
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[config-field]: the docs plugin's `exclude` is code (`list`), which opsbook does not evaluate\n --> docusaurus.config.js:4:14"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("warning[config-field]: `onlyIncludeVersions` is code")
            && run.stderr.contains(" --> docusaurus.config.js:6:26"),
        "{}",
        run.stderr
    );
    assert!(site.exists("public/v1/intro/index.html") && site.exists("public/secret/index.html"), "{}", run.stderr);
}
