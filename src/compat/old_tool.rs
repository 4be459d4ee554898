//! Finds the tool a handbook was written for, after the walk ([`read_old_tool`]), from
//! what the migration guide leaves beside `book.toml` and from `book.toml` itself, the
//! first of [`TOOLS`] that matches; and answers the build's questions
//! ([`SourceRules`]) for the [`OldTool`] it read, through that tool's rules.
//!
//! More: docs/architecture.md, "The compatibility layer".

use super::interface::{DefinitionLists, RelativeLinks, Tool, ToolRules, UrlStyle, under_address};
use super::{OldTool, TOOLS, rules_of};
use crate::config::Config;
use crate::content::nav_file::NavFileKind;
use crate::diagnostic::Diagnostic;
use crate::site::source_rules::SourceRules;
use crate::slug::HeadingIdStyle;

impl OldTool {
    /// The rules of the tool.
    pub(crate) fn rules(&self) -> &'static dyn ToolRules {
        rules_of(self.tool)
    }

    /// How URLs are made.
    pub(crate) fn url_style(&self) -> UrlStyle {
        self.rules().url_style(self)
    }

    /// The languages its configuration lists, the default first: a Jekyll site's
    /// `languages:` (jekyll-multiple-languages-plugin's), else a Hugo site's `languages`
    /// table ([`crate::compat::hugo::site::languages`]); none elsewhere.
    pub(crate) fn languages(&self) -> Vec<String> {
        let listed = self.jekyll.as_ref().map(|site| site.languages.clone()).unwrap_or_default();
        if listed.is_empty() { self.hugo_languages.clone() } else { listed }
    }

    /// The paths of the site a language plugin keeps in the default language only
    /// (jekyll-multiple-languages-plugin's `exclude_from_localizations:`, trimmed of
    /// `/`), `Some` when the handbook's languages are the plugin's: its folder of texts,
    /// `_i18n/<code>/`, then holds a language's posts and the texts pages include.
    pub(crate) fn language_plugin_exclusions(&self) -> Option<Vec<String>> {
        let site = self.jekyll.as_ref().filter(|site| !site.languages.is_empty())?;
        Some(site.exclude_from_localizations.iter().map(|p| p.trim_matches('/').to_string()).collect())
    }
}

impl SourceRules for OldTool {
    fn name(&self) -> &'static str {
        self.rules().name()
    }

    fn relative_links(&self) -> RelativeLinks {
        self.rules().relative_links(self)
    }

    fn links_through_repository(&self) -> bool {
        self.rules().links_through_repository()
    }

    fn look_up_page(
        &self,
        site: &crate::site::Site,
        from: Option<crate::site::PageId>,
        reference: &str,
        is_ref: bool,
    ) -> Option<String> {
        self.rules().look_up_page(self, site, from, reference, is_ref)
    }

    /// Docusaurus's version route (`docs/next/`) before its docs route (`docs/`), or a
    /// Hugo language's folder (`en/`).
    fn content_routes(&self) -> [Option<&str>; 2] {
        [self.version_route.as_deref(), self.content_route.as_deref()]
    }

    fn published_path(&self, destination: &str) -> Option<String> {
        under_address(self.published_address.as_deref()?, destination)
    }

    fn leaves_out(&self, path: &str) -> bool {
        let in_blog = |dir: &str| path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'));
        if let Some(exclude) = &self.docs_exclude
            && !self.blogs.iter().any(|blog| in_blog(&blog.dir))
        {
            let root = super::docusaurus::slugs::docs_root(path, &self.docs_roots);
            return exclude.matches(path[root.len()..].trim_start_matches('/'));
        }
        self.eleventy_ignore.as_ref().is_some_and(|ignore| ignore.matches(path))
            || self.chapters.as_ref().is_some_and(|chapters| chapters.leaves_out(path))
            || self.rules().leaves_out(path)
    }

    fn home_is_first_listed_page(&self) -> bool {
        self.chapters.is_some()
    }

    fn repository_links(&self) -> crate::site::source_rules::RepositoryLinks {
        self.rules().repository_links()
    }

    /// mdBook's `{{#title …}}` ([`TextRules::title_directive_is_empty`]); the `<title>`
    /// of an MDX page's `<head>` in Docusaurus ([`super::dialects::mdx_head`]).
    ///
    /// [`TextRules::title_directive_is_empty`]: crate::content::site_data::TextRules::title_directive_is_empty
    fn document_title<'t>(&self, text: &'t str) -> Option<&'t str> {
        match self.tool {
            Tool::Docusaurus => super::dialects::mdx_head::head_title(text),
            _ => self.text.title_directive_is_empty.then(|| super::dialects::title_directive(text)).flatten(),
        }
    }

    fn drafts_folder(&self) -> Option<&'static str> {
        self.rules().drafts_folder()
    }

    fn title_from_name(&self, name: &str) -> String {
        self.rules().title_from_name(name)
    }

    fn serves_html_without_extension(&self) -> bool {
        self.rules().serves_html_without_extension()
    }

    fn reads_build_options(&self) -> bool {
        self.rules().reads_build_options()
    }

    fn has_leaf_bundles(&self) -> bool {
        self.rules().has_leaf_bundles()
    }

    fn unpublished_is_draft(&self) -> bool {
        self.rules().unpublished_is_draft()
    }

    fn folder_index_wins(&self) -> bool {
        self.rules().folder_index_wins()
    }

    fn folder_named_page_is_its_page(&self) -> bool {
        self.rules().folder_named_page_is_its_page()
    }

    fn mapped_redirects(&self) -> &[crate::site::outputs::MappedRedirect] {
        &self.mapped_redirects
    }

    fn redirect_href(&self, from: &str, to: &str, fragment: &str) -> Option<String> {
        self.rules().redirect_href(self, from, to, fragment)
    }

    /// A Docusaurus category's generated index ([`super::docusaurus::categories`]).
    fn category_index_path(&self, category: &crate::content::Category) -> Option<Result<String, String>> {
        (self.tool == Tool::Docusaurus)
            .then(|| super::docusaurus::categories::index_path(category, &self.docs_roots))
            .flatten()
    }

    /// Docusaurus's category index pages ([`super::docusaurus::category_pages`]); Jekyll's theme navigation.
    fn navigation_pages(
        &self,
        files: &mut crate::content::ContentFiles,
        loaded: &[std::sync::Arc<crate::content::SourcePage>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<crate::content::SourcePage> {
        match self.tool {
            Tool::Docusaurus => {
                super::docusaurus::category_pages::generated_index_pages(files, loaded, &self.docs_roots, diagnostics)
            }
            Tool::Jekyll => super::jekyll::theme_navigation(files, self.jekyll.as_ref(), loaded, diagnostics),
            _ => Vec::new(),
        }
    }

    /// Jekyll's `defaults:` ([`super::jekyll::front_defaults`]).
    fn apply_front_defaults(&self, page: &mut crate::content::SourcePage, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(site) = &self.jekyll {
            let is_collection = |label: &str| site.collections.iter().any(|c| c.label == label);
            super::jekyll::front_defaults::apply(&site.defaults, &is_collection, page, diagnostics);
        }
    }

    /// MkDocs's `nav:` (`get_navigation` in `structure/nav.py`), wherever `mkdocs.yml` lies, a navigation
    /// the pages make, and an mdBook book's `SUMMARY.md` (its part titles, separators and drafts with it:
    /// `toc.rs` in `mdbook-html`); a `SUMMARY.md` elsewhere orders the folders' sidebar.
    fn nests_navigation(&self, kind: NavFileKind) -> bool {
        matches!(kind, NavFileKind::NavKey | NavFileKind::ParentTitles(_))
            || (kind == NavFileKind::Summary && self.tool == Tool::MdBook)
    }

    fn groups_by_section(&self) -> bool {
        self.rules().groups_by_section()
    }

    fn orders_by_link_title(&self) -> bool {
        self.rules().orders_by_link_title()
    }

    fn alias_path(&self, page_site_path: &str, alias: &str) -> Result<String, crate::site_path::PathProblem> {
        self.rules().alias_path(page_site_path, alias)
    }

    fn aliases_yield_to_404_and_robots(&self) -> bool {
        self.rules().aliases_yield_to_404_and_robots()
    }

    fn asset_folders(&self) -> &'static [&'static str] {
        self.rules().asset_folders()
    }

    fn resource_folders(&self) -> &'static [&'static str] {
        self.rules().resource_folders()
    }

    fn url_warnings(&self, pages: &[crate::site::Page], diagnostics: &mut Vec<Diagnostic>) {
        self.rules().url_warnings(pages, diagnostics)
    }

    fn main_menu(&self, site: &crate::site::Site, code: Option<&str>) -> Vec<crate::site::menu::MenuLink> {
        self.rules().main_menu(self, site, code)
    }

    fn site_warnings(&self, site: &crate::site::Site, diagnostics: &mut Vec<Diagnostic>) {
        self.rules().site_warnings(self, site, diagnostics)
    }

    fn heading_ids(&self) -> HeadingIdStyle {
        self.heading_ids
    }

    fn heading_id_prefix(&self) -> &str {
        &self.heading_id_prefix
    }

    fn definition_lists(&self) -> DefinitionLists {
        self.definition_lists
    }

    fn md_as_mdx(&self) -> bool {
        self.md_as_mdx
    }

    fn code_header_line(&self) -> bool {
        self.code_header_line
    }

    fn emoji(&self) -> crate::content::reading_rules::EmojiShortcodes {
        self.emoji
    }

    fn autolinks(&self) -> crate::content::reading_rules::AutolinkLiterals {
        self.autolinks
    }

    fn markdown_list_descriptions(&self) -> bool {
        self.markdown_list_descriptions
    }

    fn plantuml_server(&self) -> Option<&str> {
        self.plantuml_server.as_deref()
    }

    fn text(&self) -> crate::content::site_data::TextRules {
        self.text
    }

    fn own_templates(&self) -> &crate::content::site_data::OwnTemplates {
        &self.own_templates
    }

    fn dialects(&self) -> crate::markdown::rewrite::Rewriter {
        super::dialects::rewrite
    }

    /// Jekyll's files with front matter ([`crate::compat::jekyll::files`]).
    fn render_template_file(
        &self,
        file: &crate::content::walk::TemplateFile,
        text: &str,
        (site_path, shown): (&str, &str),
        templating: &crate::markdown::templating::SiteContext,
        asset: &dyn Fn(&str) -> Option<String>,
    ) -> Result<String, Diagnostic> {
        super::jekyll::files::render(file, text, site_path, templating, asset, shown)
    }
}

/// The tool of the handbook `config` describes (see the module documentation), from its
/// `book.toml` and the names beside it and in its content folder: the first of
/// [`TOOLS`] whose rules recognise it.
pub(crate) fn detect_tool(config: &Config, files: &crate::content::ContentFiles) -> Tool {
    TOOLS.iter().find(|rules| rules.detect(config, files)).map_or(Tool::Plain, |rules| rules.tool())
}

/// The old tool of the handbook, with what its configuration says of URLs (its rules'
/// [`ToolRules::read`]): the collections of a Jekyll `_config.yml`, Docusaurus's docs
/// route, MkDocs's `use_directory_urls` (read with its `nav:`,
/// [`crate::content::nav_file`]). A configuration that cannot be read is a note: the
/// tool's defaults hold.
pub(crate) fn read_old_tool(
    config: &Config,
    files: &crate::content::ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> OldTool {
    let rules = rules_of(detect_tool(config, files));
    let mut old = OldTool { tool: rules.tool(), mkdocs_directory_urls: true, ..OldTool::default() };
    rules.read(config, files, &mut old, diagnostics);
    if let Some(md_as_mdx) = config.md_as_mdx {
        old.md_as_mdx = md_as_mdx;
    }
    if let Some(server) = &config.plantuml_server {
        old.plantuml_server = Some(server.clone()).filter(|server| !server.is_empty());
    }
    old.heading_ids = match config.heading_ids {
        Some(asked) => rules.configured_heading_ids(&old, asked),
        None => rules.heading_ids(&old),
    };
    if config.heading_ids.is_some() {
        old.heading_id_prefix.clear();
    }
    old
}

/// The old tool of the handbook whose walk found `files` ([`read_old_tool`]), with what
/// the walk takes of it: the languages its configuration lists, no page from a file it
/// published none from (Docusaurus's partials), no asset from its own data files.
pub(crate) fn read_after_walk(
    config: &Config,
    files: &mut crate::content::ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> OldTool {
    let old = read_old_tool(config, files, diagnostics);
    files.tool_languages = old.languages();
    files.language_plugin_exclusions = old.language_plugin_exclusions();
    old.rules().sort_walked(config, &old, files);
    files.pages.retain(|path| !old.leaves_out(path));
    files.assets.retain(|path| !old.rules().keeps_unpublished(path));
    old
}

/// GitHub's rules: a handbook written for no other tool.
pub(crate) struct GitHub;

impl ToolRules for GitHub {
    fn tool(&self) -> Tool {
        Tool::Plain
    }

    fn name(&self) -> &'static str {
        "GitHub"
    }

    fn detect(&self, _config: &Config, _files: &crate::content::ContentFiles) -> bool {
        true
    }

    /// GitHub renders a repository's Markdown with cmark-gfm's autolink extension.
    fn read(&self, _: &Config, _: &crate::content::ContentFiles, old: &mut OldTool, _: &mut Vec<Diagnostic>) {
        old.autolinks = crate::content::reading_rules::AutolinkLiterals::GFM;
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::File
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Slug
    }
}

#[cfg(test)]
mod tests;
