//! Helpers for the tests of the old tools' URL rules (`src/compat/<tool>/url_tests.rs`)
//! and of the features (`src/status/`, `src/blog/`, `src/alerts/`): a small handbook
//! written to a temporary folder, walked and its pages assembled by the build's own
//! functions, and each page's URL read back, or the site modelled.

/// A fresh temporary folder named after `name` holding a handbook of `files` (paths
/// from its root) and an empty content folder.
fn write_handbook(name: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("opsbook-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("content")).expect("content folder");
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, text).expect("file");
    }
    root
}

/// A handbook of `files` (besides `book.toml`, whose text is `book`), assembled from
/// its content as the pipeline does (no theme, no old tool), then `prepare`d (a feature
/// registered, the build's "now" set) and modelled; its folder is gone when it returns.
pub(crate) fn modelled_site(
    name: &str,
    book: &str,
    files: &[(&str, &str)],
    prepare: impl FnOnce(&mut super::Site),
) -> (super::Site, Vec<crate::diagnostic::Diagnostic>) {
    let root = write_handbook(name, files);
    std::fs::write(root.join("book.toml"), book).expect("book.toml");
    let mut diagnostics = Vec::new();
    let config = crate::config::Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
    let mut content = crate::content::walk_content(&config.root, &config.content_folder, None, &mut diagnostics);
    content.prefixed_names = crate::compat::reads_number_prefixes(&config, &content);
    let as_written = &crate::content::front_text::AsWritten;
    let (pages, problems) = crate::content::load_pages(&config, &content.pages, Default::default(), as_written);
    diagnostics.extend(problems);
    let no_tool = std::sync::Arc::new(crate::compat::OldTool::default());
    let mut site = super::Site::assemble(config, &content, no_tool, pages, Default::default(), &mut diagnostics);
    prepare(&mut site);
    site.model(None, &mut diagnostics);
    std::fs::remove_dir_all(&root).expect("the temporary folder");
    (site, diagnostics)
}

/// The URL of each page of a handbook made of `files` (paths from the handbook's root,
/// `book.toml` among them or the default one added), by content path, as the build gives
/// them: walked, its old tool read and its pages assembled by the build's own functions,
/// with no theme's files and no `[[sources]]`. A URL is written from the site's root,
/// percent-encoded as its links write it (`/foo%20bar/`).
pub(crate) fn page_urls(name: &str, files: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
    let (site, _) = old_tool_site(&format!("urls-{name}"), files, false);
    site.pages
        .iter()
        .filter(|page| page.origin.has_file())
        .map(|page| (page.source.path.clone(), format!("/{}", crate::percent::percent_encode_path(&page.site_path))))
        .collect()
}

/// The site of a handbook made of `files`, as [`page_urls`] assembles it, and modelled
/// (its outputs claimed) when `model` is set; with the diagnostics.
pub(crate) fn old_tool_site(
    name: &str,
    files: &[(&str, &str)],
    model: bool,
) -> (super::Site, Vec<crate::diagnostic::Diagnostic>) {
    let root = write_handbook(name, files);
    if !files.iter().any(|(path, _)| *path == "book.toml") {
        std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"Tables\"\n").expect("book.toml");
    }
    let mut diagnostics = Vec::new();
    let mut config = crate::config::Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
    crate::compat::mount_layout(&mut config, &mut diagnostics);
    let mut walked = crate::content::walk_content(&config.root, &config.content_folder, None, &mut diagnostics);
    walked.nav_file = crate::compat::nav_file::find_nav_file(&config, &mut walked, &mut diagnostics);
    let old_tool = crate::compat::old_tool::read_after_walk(&config, &mut walked, &mut diagnostics);
    config.languages = crate::content::languages::arrange(&config, &mut walked, &mut diagnostics);
    walked.prefixed_names = crate::compat::reads_number_prefixes(&config, &walked);
    let (pages, _) = crate::content::load_pages(
        &config,
        &walked.pages,
        std::mem::take(&mut walked.read_ahead),
        &crate::content::front_text::AsWritten,
    );
    let rules = std::sync::Arc::new(old_tool);
    let mut site = super::Site::assemble(config, &walked, rules, pages, Default::default(), &mut diagnostics);
    if model {
        site.model(None, &mut diagnostics);
    }
    std::fs::remove_dir_all(&root).expect("the temporary folder");
    (site, diagnostics)
}

/// Where the page at content path `path` of the handbook of `files` is, when it is not
/// at `url` (a line for a test's report); `None` when it is.
pub(crate) fn misplaced(name: &str, files: &[(&str, &str)], path: &str, url: &str) -> Option<String> {
    let found = page_urls(name, files).remove(path);
    (found.as_deref() != Some(url)).then(|| format!("{path} is at {found:?}, not {url}"))
}

/// A page titled `Page` whose front matter is `key: value`, or none when `value` is empty.
pub(crate) fn page_with(key: &str, value: &str) -> String {
    if value.is_empty() { "# Page\n".to_string() } else { format!("---\n{key}: {value}\n---\n# Page\n") }
}
