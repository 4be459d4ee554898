//! The tool a handbook was written for, and the rules opsbook borrows from it so that
//! links keep leading where they led in the old tool's published site: how
//! a relative link is read, and what URLs pages get ([`crate::site::urls`]).
//!
//! Found once, after the walk ([`read_old_tool`]), from what the migration guide leaves
//! beside `book.toml` and from `book.toml` itself, the first that matches.
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use super::{TOOLS, ToolRules, rules_of};
use crate::config::Config;
use crate::content::nav_file::NavFileKind;
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::source_rules::SourceRules;
use crate::slug::HeadingIdStyle;

use address::under_address;
pub(crate) use address::{is_http_address, published_address};

/// The tool a handbook was written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Tool {
    /// None found: GitHub's rules.
    #[default]
    Plain,
    /// Hugo (Docsy among its themes).
    Hugo,
    /// Jekyll.
    Jekyll,
    /// Eleventy.
    Eleventy,
    /// Middleman.
    Middleman,
    /// Docusaurus.
    Docusaurus,
    /// MkDocs (Material among its themes).
    MkDocs,
    /// mdBook.
    MdBook,
    /// GitBook.
    GitBook,
}

/// How a relative link that names no Markdown file is read: the core's rule, which
/// each tool's rules choose.
pub(crate) use crate::site::resolve::RelativeLinks;

/// How the URLs of pages and folders are made from their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlStyle {
    /// opsbook's own: slugged, lower-case, pretty (`runbooks/db-failover/`).
    Slug,
    /// Hugo's: lower-cased and cleaned by `paths.Sanitize`, dots kept (`docs/v2.3/`).
    Hugo,
    /// The names as written (Jekyll, Eleventy, Docusaurus), pretty.
    Verbatim,
    /// mdBook's: names as written, `chapter.md` at `chapter.html`.
    MdBook,
    /// MkDocs's with `use_directory_urls: false`: names as written, `page.md` at
    /// `page.html`, a folder's `index.md` or `README.md` at `folder/index.html`.
    HtmlFiles,
}

/// The old tool and what opsbook reads of its configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OldTool {
    /// Which tool.
    pub tool: Tool,
    /// MkDocs's `use_directory_urls` (true unless `mkdocs.yml` says `false`).
    pub mkdocs_directory_urls: bool,
    /// Where the old site published the content folder's pages, as a site path prefix:
    /// Docusaurus's docs route (`docs/`), a Hugo language's folder (`en/`,
    /// [`crate::compat::hugo::site`]); `None` for the root.
    pub content_route: Option<String>,
    /// Jekyll: the URL rules of `_config.yml`.
    pub jekyll: Option<crate::compat::jekyll::site::JekyllSite>,
    /// Eleventy: the permalinks of directory data files.
    pub eleventy: Option<crate::compat::eleventy::site::EleventyPermalinks>,
    /// Eleventy: the globs of its `.eleventyignore` files ([`crate::compat::eleventy::ignore`]).
    pub eleventy_ignore: Option<crate::compat::eleventy::ignore::EleventyIgnore>,
    /// Whether the old tool's Markdown read definition lists ([`DefinitionLists`]).
    pub definition_lists: DefinitionLists,
    /// Whether, and by which rule, the old tool's Markdown turned emoji shortcodes
    /// (`:smile:`) into emoji ([`crate::compat::dialects::emoji`]).
    pub emoji: crate::compat::dialects::emoji::Shortcodes,
    /// Hugo: the languages of a multilingual site whose translations lie where opsbook
    /// reads them ([`crate::compat::hugo::site::languages`]), the default first.
    pub hugo_languages: Vec<String>,
    /// Hugo: the `permalinks` rules of its configuration
    /// ([`crate::compat::hugo::permalinks::read_rules`]).
    pub hugo_permalinks: Vec<crate::compat::hugo::permalinks::Rule>,
    /// Hugo: the `main` menu of its configuration ([`crate::compat::hugo::menus::config`]).
    pub hugo_menu: crate::compat::hugo::menus::ConfiguredMenus,
    /// Where a Hugo site publishes pages at `name.html` (`uglyURLs`,
    /// [`crate::compat::hugo::urls::UglyUrls`]).
    pub hugo_ugly_urls: crate::compat::hugo::urls::UglyUrls,
    /// Whether a Hugo site's link render hook looks pages up
    /// ([`crate::compat::hugo::page_refs::LinkHook`]).
    pub hugo_link_hook: crate::compat::hugo::page_refs::LinkHook,
    /// Whether the old tool read `.md` pages as MDX, as `.mdx` ones: Docusaurus does
    /// unless its configuration's `markdown.format` is `md` or `detect`
    /// ([`markdown_format`]); `[markdown] md-as-mdx` in `book.toml` says so for any
    /// tool (Gatsby's `gatsby-plugin-mdx` with `extensions: ['.mdx', '.md']`).
    pub md_as_mdx: bool,
    /// Whether an indented code block's first line can name its language (`:::python`,
    /// `#!python`), as MkDocs' CodeHilite reads it ([`crate::compat::dialects::code_header`]).
    pub code_header_line: bool,
    /// What the old tool printed as written where opsbook would read a construct:
    /// `{{ x }}` and `{% x %}` where it ran no template engine over its pages (MkDocs
    /// without the macros plugin, mdBook), markdown-include's `{!file!}` where it was not
    /// configured (reported, so that the migration's list of constructs holds it), mdBook's
    /// `{{#name …}}` where no preprocessor of the book's own read it.
    pub text: crate::content::site_data::TextRules,
    /// The templates its site gives its constructs itself, which win over opsbook's
    /// rendering of the same name (a Hugo site's shortcodes, [`crate::compat::hugo::shortcodes`]).
    pub own_templates: crate::content::site_data::OwnTemplates,
    /// The blogs its blog plugins publish from folders of their own (Docusaurus's,
    /// [`crate::compat::docusaurus::blog`]); the core asks of them through
    /// [`ToolBlogs::post_of`](crate::site::source_rules::ToolBlogs::post_of) and its neighbours.
    pub blogs: Vec<crate::compat::docusaurus::blog::DocusaurusBlog>,
    /// The rule that makes heading ids: `[markdown] heading-ids` when written, else the
    /// old tool's (Python-Markdown's `toc` for MkDocs), else opsbook's.
    pub heading_ids: HeadingIdStyle,
    /// What goes before every id the rule makes: kramdown's `auto_id_prefix`.
    pub heading_id_prefix: String,
    /// Middleman: the URL rules of `config.rb` ([`crate::compat::middleman::site`]).
    pub middleman: Option<crate::compat::middleman::site::MiddlemanSite>,
    /// Docusaurus: the configuration's `trailingSlash: true`, which serves each page at
    /// `page/`, so the browser reads a relative link from there
    /// ([`crate::compat::docusaurus::config::trailing_slash`]).
    pub trailing_slash: bool,
    /// Docusaurus: the mounted folders, each the root of its docs (a version's), from
    /// which a doc's `slug: /a/b` is read ([`crate::compat::docusaurus::slugs`]).
    pub docs_roots: Vec<String>,
    /// Docusaurus: the docs plugin's `exclude` globs, when written; they replace the
    /// default rule of `leaves_out` in the docs folders ([`crate::compat::docusaurus::exclude`]).
    pub docs_exclude: Option<crate::compat::docusaurus::exclude::DocsExclude>,
    /// The address the old tool published the site at, without a trailing `/` (Jekyll's
    /// `url` and `baseurl`, Docusaurus's `url` and `baseUrl`, Hugo's `baseURL`, MkDocs's
    /// `site_url`: [`published_address`]): a link to a URL under it is a link into the
    /// handbook ([`OldTool::published_path`]).
    pub published_address: Option<String>,
    /// Docusaurus: where the docs folder was published below the docs route while other
    /// versions were published too (`docs/next/`,
    /// [`crate::compat::docusaurus::versions::current_path`]), read like [`OldTool::content_route`].
    pub version_route: Option<String>,
    /// The redirects its configuration maps (MkDocs's redirects plugin).
    pub mapped_redirects: Vec<crate::site::outputs::MappedRedirect>,
    /// The pages its navigation file lists, where it published no other Markdown file
    /// (an mdBook's `SUMMARY.md`).
    pub chapters: Option<ListedPages>,
    /// The PlantUML server whose images showed its PlantUML diagrams (Docsy's
    /// `params.plantuml`); `[markdown] plantuml-server` wins ([`read_old_tool`]).
    pub plantuml_server: Option<String>,
}

/// The Markdown files a navigation file lists, the only pages of the tool's site: other
/// `.md` files of the content folder are none, but for the mount points of `[[sources]]`
/// folders (opsbook's, not the tool's) and one page the tool publishes without an entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ListedPages {
    /// The content paths of the files listed.
    pub listed: std::collections::HashSet<String>,
    /// The mount points of `[[sources]]` folders.
    pub mounts: Vec<String>,
    /// The content path of a page it publishes without an entry (a 404 page).
    pub unlisted_page: &'static str,
}

impl ListedPages {
    /// Whether the page at content path `path` is a `.md` file the list leaves out.
    pub(crate) fn leaves_out(&self, path: &str) -> bool {
        let mounted = |mount: &String| path.strip_prefix(mount.as_str()).is_some_and(|rest| rest.starts_with('/'));
        path.ends_with(".md")
            && path != self.unlisted_page
            && !self.listed.contains(path)
            && !self.mounts.iter().any(mounted)
    }
}

pub(crate) use crate::content::reading_rules::DefinitionLists;

pub(crate) use crate::content::walk::TemplateFiles;

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

    /// mdBook's `{{#title …}}` ([`TextRules::title_directive_is_empty`]).
    ///
    /// [`TextRules::title_directive_is_empty`]: crate::content::site_data::TextRules::title_directive_is_empty
    fn document_title<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.text.title_directive_is_empty.then(|| super::dialects::title_directive(text)).flatten()
    }

    fn drafts_folder(&self) -> Option<&'static str> {
        self.rules().drafts_folder()
    }

    fn reads_build_options(&self) -> bool {
        self.rules().reads_build_options()
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

/// Whether `root` holds the configuration file of a tool other than Docusaurus, which
/// says what the handbook is more surely than a `_category_.json` among its pages.
pub(crate) fn has_other_tools_configuration(root: &Path) -> bool {
    let is_file = |name: &str| root.join(name).is_file();
    let names = super::hugo::OWN_FILES.iter().chain(&super::jekyll::CONFIG_FILES).chain(&super::mkdocs::CONFIG_FILES);
    names.into_iter().any(|n| is_file(n))
        || crate::compat::site_data::ELEVENTY_FILES.iter().any(|n| is_file(n))
        || ["config.rb", "config/tech-docs.yml", ".gitbook.yaml"].iter().any(|n| is_file(n))
        || root.join("config/_default").is_dir()
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
    old.heading_ids = config.heading_ids.unwrap_or(rules.heading_ids(&old));
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

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::File
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Slug
    }
}

/// The warning for `permalinks` Hugo would refuse, at the place in the first of
/// `files` that holds `needle`: the pages keep Hugo's URLs without them.
pub(crate) fn permalinks_warning(config: &Config, files: &[&str], message: &str, needle: &str) -> Diagnostic {
    let name = files.iter().find(|name| config.root.join(name).is_file()).copied().unwrap_or(files[0]);
    let text = read_beside(config, name, &mut Vec::new()).unwrap_or_default();
    let (line, column) = text.find(needle).map_or((0, 0), |at| crate::diagnostic::line_column(&text, at));
    Diagnostic::error(Rule::ConfigSyntax, name, line, column, format!("{message}: no page follows `permalinks`"))
        .with_severity(Severity::Warning)
}

/// The text of a configuration file beside `book.toml`, confined like the rest of the
/// handbook; a refusal or a read error is a note, and `None`. Each file is read once a
/// build ([`crate::config::Memo`]): the first to ask gets the note.
pub(crate) fn read_beside(config: &Config, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    /// A file's text, or why it was not read.
    struct Beside(Result<String, String>);
    let mut made = false;
    let read = config.memo.get_or_make(name, || {
        made = true;
        let path = config.root.join(name);
        Beside(match config.confinement().map(|c| c.readable(&path)) {
            Some(Err(why)) => Err(format!("the file is not read: {why}")),
            None => Err("the handbook's folder cannot be resolved".to_string()),
            Some(Ok(file)) => crate::fs::read_text(&file, crate::fs::FileKind::Config)
                .map_err(|e| format!("cannot read the file: {e}")),
        })
    });
    match &read.0 {
        Ok(text) => Some(text.clone()),
        Err(message) => {
            if made {
                diagnostics.push(
                    Diagnostic::error(Rule::ConfigSyntax, name, 0, 0, message.clone()).with_severity(Severity::Note),
                );
            }
            None
        }
    }
}

/// A text value of a mapping node, by key.
pub(crate) fn text_of<'a>(entries: &'a [(Located<String>, Located<Node>)], key: &str) -> Option<&'a str> {
    entries.iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match &v.value {
        Node::Text(text) => Some(text.as_str()),
        _ => None,
    })
}

mod address;
#[cfg(test)]
mod tests;
