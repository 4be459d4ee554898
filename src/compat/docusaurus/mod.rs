//! Docusaurus: its configuration ([`config`]), blog plugins, versioned docs, locales,
//! generated category pages and `sidebars.js` (read through a bounded reader of
//! JavaScript object literals that never runs code), and its MDX imports of other
//! Markdown files.

pub(crate) mod blog;
pub(crate) mod categories;
pub(crate) mod category_pages;
pub(crate) mod config;
pub(crate) mod exclude;
pub(crate) mod i18n;
pub(crate) mod instances;
pub(crate) mod js_literal;
pub(crate) mod js_options;
mod js_tokens;
pub(crate) mod options;
pub(crate) mod pages;
pub(crate) mod plugins;
pub(crate) mod redirects;
pub(crate) mod release;
pub(crate) mod sidebar_files;
pub(crate) mod sidebars;
pub(crate) mod site;
pub(crate) mod slugs;
#[cfg(test)]
mod url_tests;
pub(crate) mod versions;

use std::path::Path;

use super::OldTool;
use super::ToolRules;
use super::interface::{RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;
// The files whose presence makes a folder a Docusaurus site, its configuration and its
// sidebars: a list the core keeps, as its watcher reads them too.
use crate::content::nav_file::PREFIXING_SITE_FILES as SITE_FILES;
use crate::diagnostic::{Diagnostic, Severity};
use crate::slug::HeadingIdStyle;

/// Whether the handbook looks like a Docusaurus site.
/// Its configuration or sidebars decide; a `_category_.json` only where no other tool's
/// configuration file says the handbook is that tool's (one stray category file in a
/// Jekyll site does not make it Docusaurus). Its names' number prefixes are stripped
/// ([`crate::content::prefix`]).
pub(crate) fn is_docusaurus_site(root: &Path, files: &ContentFiles) -> bool {
    SITE_FILES.iter().any(|name| root.join(name).is_file() || files.assets.iter().any(|a| a == name))
        || (!files.categories.is_empty() && !super::has_other_tools_configuration(root))
}

/// Docusaurus's rules.
pub(crate) struct Docusaurus;

impl ToolRules for Docusaurus {
    fn tool(&self) -> Tool {
        Tool::Docusaurus
    }

    fn name(&self) -> &'static str {
        "Docusaurus"
    }

    /// A doc's title is its front matter's, its first heading's, else its id's last part
    /// as written: the file name without number prefix (`docs.ts`, `baseID`).
    fn title_from_name(&self, name: &str) -> String {
        name.to_string()
    }

    fn detect(&self, config: &Config, files: &ContentFiles) -> bool {
        config.heading_ids == Some(HeadingIdStyle::TextWithAlt) || is_docusaurus_site(&config.root, files)
    }

    fn read(&self, config: &Config, files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.extend(pages::note(config, files, &|path| self.leaves_out(path)));
        let site = site::site_config(config, diagnostics);
        let site = site.as_ref().as_ref();
        let text = site.map(|site| site.text.as_str());
        let route = text.map_or_else(|| "docs".to_string(), config::docs_route_base);
        old.content_route = (!route.is_empty()).then(|| format!("{route}/"));
        old.md_as_mdx = text.and_then(config::markdown_format).is_none_or(|format| format == "mdx");
        old.trailing_slash = text.is_some_and(config::trailing_slash);
        old.published_address = text.and_then(config::published_address);
        let docs = config.sources.list.iter().filter(|source| !source.mount.is_empty());
        old.docs_roots = docs.map(|source| source.mount.clone()).collect();
        if text.is_none_or(config::markdown_emoji) {
            old.emoji = super::dialects::emoji::Shortcodes::ResumeAtColon;
        }
        // remark-gfm, which Docusaurus always runs: micromark's GFM autolink literals.
        let gfm = crate::content::reading_rules::AutolinkLiterals::GFM;
        old.autolinks = crate::content::reading_rules::AutolinkLiterals { schemes: &["http", "https"], ..gfm };
        if let Some(release) = release::site_release(config, diagnostics) {
            old.text.colon_blocks = release.colon_blocks();
        }
        old.version_route = versions::current_path(config, site).map(|path| match route.as_str() {
            "" => format!("{path}/"),
            route => format!("{route}/{path}/"),
        });
        let Some(site) = site else { return };
        if let Some(options) = &site.default_docs {
            match exclude::read(options) {
                Ok(found) => old.docs_exclude = found,
                Err((rule, line, column, why)) => diagnostics.push(
                    Diagnostic::error(rule, site.name, line, column, why)
                        .with_severity(Severity::Warning)
                        .with_help("Docusaurus's default, files and folders named with `_` left out, is used"),
                ),
            }
        }
        let paths = redirects::Paths {
            trailing_slash: config::trailing_slash_setting(&site.text),
            docs_route: old.content_route.as_deref(),
        };
        old.mapped_redirects = redirects::redirects(&site.text, site.name, paths, diagnostics);
        old.blogs = blog::blogs(config, &site.blogs, site.name, diagnostics);
    }

    /// Its heading ids: `github-slugger` on the heading's text, an image's alt included
    /// (`remark/headings` of `docusaurus-mdx-loader`, `createSlugger` of `docusaurus-utils`).
    fn heading_ids(&self, _old: &OldTool) -> HeadingIdStyle {
        HeadingIdStyle::TextWithAlt
    }

    /// The MDX loader reads a relative link to a Markdown file, or to a file with another
    /// extension that is there, from the file's folder (`transformLinks`'s
    /// `getAssetAbsolutePath`); any other it leaves as written, and the browser reads it
    /// from the page's route, which ends without `/` unless `trailingSlash: true`
    /// (`/blog/post`, where `../blog/other` is `/blog/other`).
    fn relative_links(&self, old: &OldTool) -> RelativeLinks {
        if old.trailing_slash { RelativeLinks::PageThenFile } else { RelativeLinks::FileThenUrlWithoutSlash }
    }

    /// A doc's URL is its folders' and file's names as written, case kept
    /// (`getSlug`, `packages/docusaurus-plugin-content-docs/src/slug.ts`).
    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Verbatim
    }

    /// An image or file link's path is read from the file's folder on disk, which may
    /// lead into `static/` (the default `staticDirectories`, published at the site's root
    /// as opsbook publishes it), or from the site's folder after `@site/`; `pathname://`
    /// leaves it unchecked (the MDX loader's `transformImage` and `transformLinks`).
    fn repository_links(&self) -> crate::site::source_rules::RepositoryLinks {
        crate::site::source_rules::RepositoryLinks {
            root_folders: &["static"],
            root_alias: Some("@site/"),
            unchecked_scheme: Some("pathname://"),
            // `resolveMarkdownLinkPathname` tries the content paths and `siteDir` first.
            markdown_from_roots: true,
        }
    }

    /// A doc named as its folder, case aside (`guides/Guides.md`), is the folder's page,
    /// as the docs plugin's `isCategoryIndex` reads it.
    fn folder_named_page_is_its_page(&self) -> bool {
        true
    }

    /// The pages plugin's React pages and modules are not published ([`pages::drop_code`]).
    fn sort_walked(&self, config: &Config, _old: &OldTool, files: &mut ContentFiles) {
        pages::drop_code(config, files);
    }

    /// Docusaurus's content plugins (docs, blog, pages) leave out every file whose name
    /// or folder starts with `_` (their `exclude` option's default, `**/_*.{md,mdx}` and
    /// `**/_*/**`, <https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-docs#configuration>):
    /// the partials pages import, which opsbook still reads when a page imports them.
    /// `_index.md`, a section's page in opsbook and Hugo, stays a page.
    fn leaves_out(&self, path: &str) -> bool {
        let mut parts = path.split('/');
        let name = parts.next_back().unwrap_or(path);
        parts.any(|dir| dir.starts_with('_'))
            || (name.starts_with('_') && crate::content::formats::template_stem(name) != "_index")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_docusaurus_sites_by_their_files() {
        let root = Path::new("/nonexistent/opsbook-prefix-test");
        let mut files = ContentFiles::default();
        assert!(!is_docusaurus_site(root, &files));
        files.assets.push("sidebars.js".into());
        assert!(is_docusaurus_site(root, &files));
        let mut files = ContentFiles::default();
        files.categories.push(crate::content::Category { dir: "a".into(), ..Default::default() });
        assert!(is_docusaurus_site(root, &files));
    }
}
