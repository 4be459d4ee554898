//! Asset hygiene, a lint of `opsbook check`: images of the content folder larger than
//! `[check] max-image-kb` (`image-too-large`, at the image, naming a page that shows
//! it), and files of the content folder nothing uses (`unused-asset`).
//!
//! A file is used when something refers to it.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::CONFIG_FILE;
use crate::content::Node;
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::{FastHashMap, FastHashSet};
use crate::markdown::links::{LINK_ATTRIBUTES, find_attributes, is_external};
use crate::percent::percent_decode;
use crate::site::{PageId, Site};
use crate::site_path::join_relative;

use super::TemplateScan;

/// The extensions of the files `image-too-large` weighs.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp", "tif", "tiff", "ico"];

/// Files at the top of the content folder that clients ask for by name.
const WELL_KNOWN: &[&str] =
    &["favicon.ico", "favicon.svg", "favicon.png", "apple-touch-icon.png", "robots.txt", "humans.txt", "CNAME"];

/// Navigation and configuration files of other tools, read rather than published.
const NAVIGATION_FILES: &[&str] = &[
    "mkdocs.yml",
    "mkdocs.yaml",
    "SUMMARY.md",
    "sidebars.js",
    "sidebars.ts",
    "sidebars.mjs",
    "sidebars.cjs",
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
];

/// Files that name who owns or reviews a folder (CODEOWNERS, Prow's OWNERS,
/// Sourcegraph's CODENOTIFY), read by review tools.
const OWNERSHIP_FILES: &[&str] = &["CODEOWNERS", "OWNERS", "OWNERS_ALIASES", "CODENOTIFY"];

/// Reports large images and unused files of the content folder, each at the level
/// `[check]` gives it.
pub(crate) fn lint_assets<S: AsRef<TemplateScan>>(site: &Site, scans: &[S], diagnostics: &mut Vec<Diagnostic>) {
    let lint = site.config.lint;
    if lint.large_images.is_none() && lint.unused_assets.is_none() || site.assets.is_empty() {
        return;
    }
    let uses = Uses::of(site, scans);
    for (i, asset) in site.assets.iter().enumerate() {
        let (path, shown) = site.config.locate(&asset.source);
        let pages = uses.pages.get(&i).map(Vec::as_slice).unwrap_or_default();
        if let Some(severity) = lint.large_images.filter(|_| lint.max_image_bytes > 0 && is_image(&asset.source)) {
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            if size > lint.max_image_bytes {
                let shown_by = match pages {
                    [] => "no page shows it".to_string(),
                    [one] => format!("{} shows it", site.pages[*one].source.file),
                    [one, rest @ ..] => format!(
                        "{} shows it, and {} other page{}",
                        site.pages[*one].source.file,
                        rest.len(),
                        if rest.len() == 1 { "" } else { "s" }
                    ),
                };
                diagnostics.push(
                    Diagnostic::error(
                        Rule::ImageTooLarge,
                        &shown,
                        0,
                        0,
                        format!(
                            "the image is {} KiB, larger than the limit of {} KiB; {shown_by}",
                            size.div_ceil(1024),
                            lint.max_image_bytes / 1024
                        ),
                    )
                    .with_severity(severity)
                    .with_help("compress or resize it, or raise `[check] max-image-kb`"),
                );
            }
        }
        if let Some(severity) = lint.unused_assets
            && pages.is_empty()
            && !uses.other.contains(&i)
            && !is_exempt(&asset.source)
        {
            diagnostics.push(
                Diagnostic::error(Rule::UnusedAsset, &shown, 0, 0, "no page, template or book.toml uses this file")
                    .with_severity(severity)
                    .with_help("link to it from a page, or delete it"),
            );
        }
    }
}

fn is_image(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| IMAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e)))
}

/// Whether a file of the content folder is never reported as unused.
fn is_exempt(source: &str) -> bool {
    let name = source.rsplit('/').next().unwrap_or(source);
    source.split('/').any(|part| part.starts_with('_'))
        || NAVIGATION_FILES.contains(&name)
        || OWNERSHIP_FILES.contains(&name)
        || (!source.contains('/') && WELL_KNOWN.contains(&name))
}

/// What uses each asset (by its index in `site.assets`).
struct Uses {
    /// The pages that link to it or show it, in page order.
    pages: FastHashMap<usize, Vec<PageId>>,
    /// The assets used by anything else: includes, front matter, templates, book.toml,
    /// other files, internal pages.
    other: FastHashSet<usize>,
}

impl Uses {
    fn of<S: AsRef<TemplateScan>>(site: &Site, scans: &[S]) -> Uses {
        let finder = Finder::new(site);
        let mut uses = Uses { pages: FastHashMap::default(), other: FastHashSet::default() };
        let config = &site.config;
        for (id, page) in site.pages.iter().enumerate() {
            for url in &page.rendered.assets {
                if let Some(&i) = finder.by_url.get(url.as_str()) {
                    let pages = uses.pages.entry(i).or_default();
                    if pages.last() != Some(&id) {
                        pages.push(id);
                    }
                }
            }
            let internal = page.rendered.internal_assets.iter().filter_map(|url| finder.by_url.get(url.as_str()));
            uses.other.extend(internal.copied());
            for file in &page.rendered.included_files {
                let source = config.sources.content_path(&config.content_folder, file);
                uses.other.extend(source.and_then(|s| finder.by_source.get(s.as_str())).copied());
            }
            if page.origin.has_file() {
                let dir = page.source.dir();
                for field in page.source.front.fields.0.iter() {
                    finder.find_in_node(dir, &field.value.value, &mut uses.other);
                }
                for reference in body_references(page.source.body()) {
                    if let Some(i) = finder.find(dir, reference) {
                        let pages = uses.pages.entry(i).or_default();
                        if pages.last() != Some(&id) {
                            pages.push(id);
                        }
                    }
                }
            }
        }
        for url in crate::site::audience::files_used_only_internally(site) {
            uses.other.extend(finder.by_url.get(url.as_str()).copied());
        }
        // The same links (the header's, the footer's) stand on every page: an absolute
        // one is looked up once; one to a folder (`.../`) or an anchor names no file.
        let mut seen: FastHashSet<&str> = FastHashSet::default();
        for (id, scan) in scans.iter().enumerate() {
            let page_path = site.pages.get(id).map_or("", |p| p.site_path.as_str());
            for link in &scan.as_ref().links {
                let path = link.split(['#', '?']).next().unwrap_or(link);
                if path.is_empty() || path.ends_with('/') || (path.starts_with('/') && !seen.insert(path)) {
                    continue;
                }
                uses.other.extend(finder.find_link(site, page_path, path));
            }
        }
        let readable = |path: &std::path::Path| site.config.confinement()?.readable(path).ok();
        if let Some(config) = readable(&site.config.root.join(CONFIG_FILE))
            && let Ok(config) = crate::fs::read_text(&config, crate::fs::FileKind::Config)
        {
            for value in quoted_values(&config) {
                uses.other.extend(finder.find("", value));
            }
        }
        finder.find_in_files(site, &mut uses.other);
        uses
    }
}

/// Looks references up among the assets.
struct Finder<'a> {
    /// The content folder's path from the root (`content`).
    content_folder: &'a str,
    by_source: FastHashMap<&'a str, usize>,
    by_url: FastHashMap<&'a str, usize>,
}

impl<'a> Finder<'a> {
    fn new(site: &'a Site) -> Finder<'a> {
        let by_source = site.assets.iter().enumerate().map(|(i, a)| (a.source.as_str(), i)).collect();
        let by_url = site.assets.iter().enumerate().map(|(i, a)| (a.url.as_str(), i)).collect();
        Finder { content_folder: &site.config.content_folder, by_source, by_url }
    }

    /// The asset `reference` names, written in the content folder's `dir`: relative to
    /// it, from the content folder or from the root (`content/img/a.png`), or (with a
    /// leading `/`) as a site path, or a path from the content folder or the root.
    fn find(&self, dir: &str, reference: &str) -> Option<usize> {
        let reference = reference.trim();
        if reference.is_empty() || reference.len() > 1024 || reference.contains('\n') || is_external(reference) {
            return None;
        }
        let path = reference.split(['#', '?']).next().unwrap_or(reference);
        let path = percent_decode(path);
        let content_folder = self.content_folder;
        if let Some(absolute) = path.strip_prefix('/') {
            let in_content = absolute.strip_prefix(content_folder).and_then(|p| p.strip_prefix('/'));
            return [Some(absolute), in_content]
                .into_iter()
                .flatten()
                .find_map(|p| self.by_url.get(p).or_else(|| self.by_source.get(p)).copied());
        }
        let in_content = path.strip_prefix(content_folder).and_then(|p| p.strip_prefix('/'));
        join_relative(dir, &path)
            .and_then(|joined| self.by_source.get(joined.as_str()).copied())
            .or_else(|| self.by_source.get(path.as_str()).copied())
            .or_else(|| in_content.and_then(|p| self.by_source.get(p)).copied())
    }

    /// Every text of a front matter value, at any depth, that names an asset.
    fn find_in_node(&self, dir: &str, node: &Node, found: &mut FastHashSet<usize>) {
        match node {
            // Themes read such paths from the page's folder or from a folder above it
            // (MkDocs' `docs/`, a Hugo page bundle).
            Node::Text(text) => {
                let mut folder = Some(dir);
                while let Some(current) = folder {
                    if let Some(i) = self.find(current, text) {
                        found.insert(i);
                        break;
                    }
                    folder = current.rsplit_once('/').map(|(parent, _)| parent).or((!current.is_empty()).then_some(""));
                }
            }
            Node::List(items) => items.iter().for_each(|item| self.find_in_node(dir, &item.value, found)),
            Node::Map(entries) => entries.iter().for_each(|(_, value)| self.find_in_node(dir, &value.value, found)),
            Node::Null | Node::Bool(_) | Node::Number(_) => {}
        }
    }

    /// The asset a link a template wrote on the page at `page_path` points to.
    fn find_link(&self, site: &Site, page_path: &str, link: &str) -> Option<usize> {
        let path = link.split(['#', '?']).next().unwrap_or(link);
        let site_path = match site.config.base_url.site_path(path) {
            Some(rest) => rest.trim_start_matches('/').to_string(),
            None if path.starts_with('/') => return None,
            None => join_relative(page_path, path)?,
        };
        self.by_url.get(percent_decode(&site_path).as_str()).copied()
    }

    /// What the CSS, HTML and SVG files of the content folder refer to.
    fn find_in_files(&self, site: &Site, found: &mut FastHashSet<usize>) {
        for asset in &site.assets {
            let ext = asset.source.rsplit_once('.').map_or("", |(_, ext)| ext).to_ascii_lowercase();
            if !matches!(ext.as_str(), "css" | "html" | "htm" | "svg") {
                continue;
            }
            // Read as a page is: an asset too large for that is not looked into.
            let Some(file) = site.config.locate_confined(&asset.source).0.ok() else { continue };
            let Ok(text) = crate::fs::read_text(&file, crate::fs::FileKind::Page) else { continue };
            let dir = asset.source.rsplit_once('/').map_or("", |(dir, _)| dir);
            let references: Vec<String> = if ext == "css" {
                css_references(&text).into_iter().map(str::to_string).collect()
            } else {
                let attributes = find_attributes(&text, LINK_ATTRIBUTES);
                attributes.iter().map(|a| crate::html::decode_entities(&text[a.start..a.end])).collect()
            };
            for reference in references {
                found.extend(self.find(dir, &reference));
            }
        }
    }
}

/// What a page's body refers to that the render step does not resolve: `data` and
/// `poster` attributes of raw HTML (`<object data="chart.svg">`), and MDX's
/// `require("./img.png")`.
fn body_references(body: &str) -> Vec<&str> {
    let mut found: Vec<&str> =
        find_attributes(body, &["data", "poster"]).iter().map(|a| &body[a.start..a.end]).collect();
    let mut rest = body;
    while let Some(at) = rest.find("require(") {
        rest = &rest[at + 8..];
        let Some(end) = rest.find(')') else { break };
        found.push(unquote(&rest[..end]));
        rest = &rest[end..];
    }
    found
}

/// The targets of `url(...)` and `@import "..."` in a style sheet.
fn css_references(css: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = css;
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let Some(end) = rest.find(')') else { break };
        found.push(unquote(&rest[..end]));
        rest = &rest[end..];
    }
    for line in css.split(';') {
        if let Some(import) = line.trim_start().strip_prefix("@import") {
            let import = import.trim();
            if import.starts_with('"') || import.starts_with('\'') {
                found.push(unquote(import));
            }
        }
    }
    found
}

fn unquote(text: &str) -> &str {
    text.trim().trim_matches(|c| c == '"' || c == '\'')
}

/// The quoted strings of a TOML text (`"..."` and `'...'`), without their quotes.
fn quoted_values(toml: &str) -> Vec<&str> {
    let mut values = Vec::new();
    for line in toml.lines() {
        let line = line.trim_start();
        if line.starts_with('#') {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find(['"', '\'']) {
            let quote = rest.as_bytes()[open] as char;
            let after = &rest[open + 1..];
            let Some(close) = after.find(quote) else { break };
            values.push(&after[..close]);
            rest = &after[close + 1..];
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_references_of_a_style_sheet() {
        let css = "@import \"base.css\";\nbody { background: url('img/bg.png') }\n.a { b: url(icons/a.svg#x) }\n";
        assert_eq!(css_references(css), ["img/bg.png", "icons/a.svg#x", "base.css"]);
    }

    #[test]
    fn finds_what_a_body_refers_to_outside_links() {
        let body =
            "<object data=\"chart.svg\"></object>\n<video poster='p.png'>\n<img src={require('./a.png').default} />\n";
        assert_eq!(body_references(body), ["chart.svg", "p.png", "./a.png"]);
    }

    #[test]
    fn reads_the_quoted_values_of_book_toml() {
        let toml = "[handbook]\ntitle = \"Ops\" # a \"comment\"\n# logo = \"x.png\"\nlogo = 'img/logo.png'\n";
        assert_eq!(quoted_values(toml), ["Ops", "comment", "img/logo.png"]);
    }

    #[test]
    fn exempts_underscored_well_known_and_navigation_files() {
        assert!(is_exempt("_includes/x.txt"));
        assert!(is_exempt("guide/_category_.json"));
        assert!(is_exempt("favicon.ico"));
        assert!(!is_exempt("img/favicon.ico"));
        assert!(is_exempt("mkdocs.yml"));
        assert!(is_exempt("sidebars.js") && is_exempt("docusaurus.config.ts"));
        assert!(!is_exempt("img/a.png"));
        assert!(is_image("a/B.PNG") && !is_image("a/b.pdf"));
    }
}
