use super::*;
use crate::compat::docusaurus::js_literal::{self, Located};
use crate::compat::docusaurus::options::clean_folder;
use crate::compat::docusaurus::site::{DocsInstance, docs_options, instance};

const CONFIG: &str = r#"
module.exports = {
  presets: [['classic', { docs: { sidebarPath: require.resolve('./sidebarsDocs.js') }, blog: false }]],
  plugins: [
    ['@docusaurus/plugin-content-docs', { id: 'community', path: 'community', routeBasePath: 'community',
      sidebarPath: require.resolve('./sidebarsCommunity.js') }],
    ['content-docs', ({ id: 'api', path: './api-docs/', routeBasePath: '/reference/' })],
    ['content-blog', { id: 'news', path: 'news', routeBasePath: 'updates' }],
  ],
};
"#;

/// The docs instances of the configuration `text` but the default one.
fn docs_instances(text: &str) -> Result<Vec<DocsInstance>, js_literal::Problem> {
    Ok(docs_options(text)?.1.iter().map(instance).collect())
}

#[test]
fn reads_each_docs_instance_and_the_default_s_sidebar() {
    let default = docs_options(CONFIG).expect("a configuration").0.expect("the default's options");
    let sidebar = default.get("sidebarPath").and_then(Located::str).map(clean_folder);
    assert_eq!(sidebar.as_deref(), Some("sidebarsDocs.js"));
    let instances = docs_instances(CONFIG).expect("a configuration");
    let found: Vec<(&str, &str, Option<&str>)> =
        instances.iter().map(|i| (i.path.as_str(), i.route.as_str(), i.sidebar.as_deref())).collect();
    assert_eq!(found, [("community", "community", Some("sidebarsCommunity.js")), ("api-docs", "reference", None)]);
    assert_eq!(instances[0].at.0, 5, "the line of the instance's options");
    // Without `routeBasePath` or `path`, an instance is Docusaurus's default, `docs`.
    let bare = docs_instances("plugins: [['content-docs', { id: 'x' }]]").expect("a configuration");
    assert_eq!((bare[0].path.as_str(), bare[0].route.as_str()), ("docs", "docs"));
}

/// A handbook folder with `files` and `book` added to its `book.toml`, its
/// configuration loaded.
fn handbook(name: &str, files: &[(&str, &str)], book: &str) -> (Config, crate::test_support::TempFolder) {
    let root = crate::test_support::temp_dir(name);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, text).expect("a file");
    }
    let toml = format!("[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n{book}");
    std::fs::write(root.join("book.toml"), toml).expect("book.toml");
    let config = Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
    (config, root)
}

/// The mounts, each `[folder, mount]`, and the diagnostics of mounting the layout of a
/// handbook made as [`handbook`] makes it (its folder removed afterwards, with the guard).
fn mounted(name: &str, files: &[(&str, &str)], book: &str) -> (Vec<[String; 2]>, Vec<Diagnostic>) {
    let (mut config, _folder) = handbook(name, files, book);
    let mut diagnostics = Vec::new();
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    let mounts = config.sources.list.iter().map(|s| [s.folder.clone(), s.mount.clone()]).collect();
    (mounts, diagnostics)
}

#[test]
fn mounts_each_instance_and_blog_at_its_route_unless_book_toml_or_the_content_has_it() {
    let files = [
        ("docusaurus.config.js", CONFIG),
        ("docs/intro.md", "# Intro\n"),
        ("community/index.md", "# Community\n"),
        ("api-docs/index.md", "# API\n"),
        ("news/2024-01-01-hello.md", "# Hello\n"),
    ];
    let (mounts, diagnostics) = mounted("docusaurus-instances", &files, "");
    assert_eq!(mounts, [["community", "community"], ["api-docs", "reference"], ["news", "updates"]]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");

    // A folder the content has at the route stays as it is.
    let with_folder = [&files[..], &[("docs/community/index.md", "# Here\n")]].concat();
    let (mounts, diagnostics) = mounted("docusaurus-instances-taken", &with_folder, "");
    assert_eq!(mounts, [["api-docs", "reference"], ["news", "updates"]]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");

    // A table of book.toml for the folder, or for the route in any case, wins.
    let tables =
        "[[sources]]\npath = \"news\"\nmount = \"news\"\n[[sources]]\npath = \"api-docs\"\nmount = \"Community\"\n";
    let (mounts, diagnostics) = mounted("docusaurus-instances-tables", &files, tables);
    assert_eq!(mounts, [["news", "news"], ["api-docs", "Community"]]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_folder_or_route_no_sources_table_could_mount_is_a_warning_at_its_options() {
    let config_text = "module.exports = { plugins: [
  ['content-docs', { id: 'a', path: '../outside', routeBasePath: 'a' }],
  ['content-docs', { id: 'b', path: 'b', routeBasePath: '/' }],
  ['content-docs', { id: 'c', path: 'c', routeBasePath: '../c' }],
  ['content-docs', { id: 'd', path: '/srv/d', routeBasePath: 'd' }],
  ['content-docs', { id: 'e', path: 'docs/e', routeBasePath: 'e' }],
] };\n";
    let files = [
        ("docusaurus.config.js", config_text),
        ("b/index.md", "# B\n"),
        ("c/index.md", "# C\n"),
        ("docs/e/index.md", "# E\n"),
    ];
    let (mounts, diagnostics) = mounted("docusaurus-instances-out", &files, "");
    assert!(mounts.is_empty(), "{mounts:?}");
    let found: Vec<(usize, usize, bool)> = diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.severity == Severity::Warning && d.message.contains("is not mounted")))
        .collect();
    assert_eq!(found, [(2, 20, true), (3, 20, true), (4, 20, true), (5, 20, true), (6, 20, true)]);
    for (at, why) in
        [(0, "escape"), (1, "not the root"), (2, "escape"), (3, "absolute"), (4, "inside the content folder")]
    {
        assert!(diagnostics[at].message.contains(why), "{}", diagnostics[at].message);
    }
}

/// A `blog` or `docs` key of an object that is a key's value (`themeConfig.blog`) is no
/// plugin's options.
#[test]
fn a_theme_s_blog_settings_are_no_blog() {
    let text = "module.exports = {\n  presets: [['classic', { blog: false }]],\n  themeConfig: { blog: { sidebar: { groupByYear: true } }, docs: { sidebar: {} } },\n};\n";
    assert!(crate::compat::docusaurus::blog::blog_plugins(text, "x", &mut Vec::new()).is_empty());
    assert!(docs_options(text).expect("a configuration").0.is_none());
}

/// A configuration whose plugins cannot be read is one note at the place, said once
/// however many steps ask, and the site keeps only its docs folder, at the defaults.
#[test]
fn a_configuration_whose_plugins_cannot_be_read_is_one_note_and_mounts_nothing() {
    let text = "module.exports = {\n  plugins: [['content-docs', { id: 'x', path: 'community }]],\n};\n";
    let files = [("docusaurus.config.js", text), ("docs/intro.md", "# Intro\n"), ("community/index.md", "# C\n")];
    let (mut config, _folder) = handbook("docusaurus-unreadable", &files, "");
    let mut diagnostics = Vec::new();
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    let site = crate::compat::docusaurus::site::site_config(&config, &mut diagnostics);
    let site = site.as_ref().as_ref().expect("the configuration is read");
    assert!(site.docs.is_empty() && site.blogs.is_empty() && site.default_docs.is_none());
    assert!(config.sources.list.is_empty(), "{:?}", config.sources.list);
    let found: Vec<(&str, usize, Severity)> =
        diagnostics.iter().map(|d| (d.path.as_str(), d.line, d.severity)).collect();
    assert_eq!(found, [("docusaurus.config.js", 2, Severity::Note)], "{diagnostics:?}");
    assert!(
        diagnostics[0].message.contains("the docs folder alone, no blog and one language"),
        "{}",
        diagnostics[0].message
    );
}
