use super::*;

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

#[test]
fn reads_each_docs_instance_and_the_default_s_sidebar() {
    assert_eq!(default_sidebar(CONFIG).as_deref(), Some("sidebarsDocs.js"));
    let instances = docs_instances(CONFIG).expect("a configuration");
    let found: Vec<(&str, &str, Option<&str>)> =
        instances.iter().map(|i| (i.path.as_str(), i.route.as_str(), i.sidebar.as_deref())).collect();
    assert_eq!(found, [("community", "community", Some("sidebarsCommunity.js")), ("api-docs", "reference", None)]);
    assert_eq!(instances[0].at.0, 5, "the line of the instance's options");
    // Without `routeBasePath` or `path`, an instance is Docusaurus's default, `docs`.
    let bare = docs_instances("plugins: [['content-docs', { id: 'x' }]]").expect("a configuration");
    assert_eq!((bare[0].path.as_str(), bare[0].route.as_str()), ("docs", "docs"));
}

/// A handbook folder with `files`, its configuration loaded.
fn handbook(name: &str, files: &[(&str, &str)]) -> (Config, std::path::PathBuf) {
    let root = crate::test_support::temp_dir(name);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
        std::fs::write(path, text).expect("a file");
    }
    std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"T\"\n[build]\ncontent-dir = \"docs\"\n")
        .expect("book.toml");
    let config = Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
    (config, root)
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
    let (mut config, root) = handbook("docusaurus-instances", &files);
    let mut diagnostics = Vec::new();
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    let mounts: Vec<(&str, &str)> = config.sources.list.iter().map(|s| (s.folder.as_str(), s.mount.as_str())).collect();
    assert_eq!(mounts, [("community", "community"), ("api-docs", "reference"), ("news", "updates")]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");

    // A folder the content has at the route, or a route book.toml mounts, stays as it is.
    std::fs::create_dir_all(root.join("docs/community")).expect("a folder");
    let (mut config, _) = (Config::load(&root, &crate::config::Overrides::default()).expect("book.toml"), ());
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    let mounts: Vec<&str> = config.sources.list.iter().map(|s| s.mount.as_str()).collect();
    assert_eq!(mounts, ["reference", "updates"]);
    std::fs::remove_dir_all(&root).expect("the temporary folder");
}

#[test]
fn a_folder_out_of_the_handbook_or_a_route_at_the_root_is_a_warning_at_its_options() {
    let config_text = "module.exports = { plugins: [\n  ['content-docs', { id: 'a', path: '../outside', routeBasePath: 'a' }],\n  ['content-docs', { id: 'b', path: 'b', routeBasePath: '/' }],\n  ['content-docs', { id: 'c', path: 'c', routeBasePath: '../c' }],\n] };\n";
    let files = [("docusaurus.config.js", config_text), ("b/index.md", "# B\n"), ("c/index.md", "# C\n")];
    let (mut config, root) = handbook("docusaurus-instances-out", &files);
    let mut diagnostics = Vec::new();
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    assert!(config.sources.list.is_empty(), "{:?}", config.sources.list);
    let found: Vec<(usize, usize, bool)> = diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.severity == Severity::Warning && d.message.contains("is not mounted")))
        .collect();
    assert_eq!(found, [(2, 20, true), (3, 20, true), (4, 20, true)]);
    assert!(diagnostics[0].message.contains("outside the handbook"), "{}", diagnostics[0].message);
    assert!(diagnostics[1].message.contains("at the root"), "{}", diagnostics[1].message);
    std::fs::remove_dir_all(&root).expect("the temporary folder");
}
