//! The compatibility layer: everything opsbook knows of the tools a handbook may have
//! been written for (Hugo and Docsy, MkDocs, Docusaurus, Jekyll, Eleventy, Middleman,
//! mdBook, GitBook), one folder per tool, with the dialect machinery they share
//! (Liquid, Nunjucks, shortcodes, MDX, ERB) in [`dialects`].
//!
//! Each tool implements [`ToolRules`] ([`interface`], which names no tool) once, in its
//! folder; [`TOOLS`] lists them in the order detection tries them, and [`OldTool`] keeps
//! what the chosen tool's configuration says. [`old_tool`] runs the detection after the
//! walk; `OldTool`'s methods answer the rest of the build through the tool's rules
//! (docs/architecture.md, "The compatibility layer").

pub(crate) mod dialects;
pub(crate) mod docusaurus;
pub(crate) mod eleventy;
pub(crate) mod fnmatch;
pub(crate) mod gitbook;
pub(crate) mod hidden_file;
pub(crate) mod hugo;
pub(crate) mod include_roots;
pub(crate) mod interface;
pub(crate) mod jekyll;
pub(crate) mod mdbook;
pub(crate) mod middleman;
pub(crate) mod mkdocs;
pub(crate) mod nav_file;
pub(crate) mod old_tool;
mod page_urls;
pub(crate) mod site_data;
mod tool_blogs;

use std::path::Path;

use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;
use crate::slug::HeadingIdStyle;
pub(crate) use interface::ToolRules;
use interface::{DefinitionLists, ListedPages, Tool};

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
    /// Which bare addresses the old tool's Markdown linked (GFM's autolink literals):
    /// GitHub's rule for a handbook of no tool ([`read_old_tool`](old_tool::read_old_tool)).
    pub autolinks: crate::content::reading_rules::AutolinkLiterals,
    /// Whether a section's list of its pages shows each page's description rendered as
    /// Markdown (Docsy's `section-index.html`), not as text.
    pub markdown_list_descriptions: bool,
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
    /// ([`docusaurus::config::markdown_format`]); `[markdown] md-as-mdx` in `book.toml` says so for any
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
    /// Hugo: the heading-id rule its configuration names (`markup.goldmark.parser`'s
    /// `autoIDType`, `autoHeadingID`), which `heading-ids = "hugo"` follows
    /// ([`crate::compat::hugo::site::heading_ids`]).
    pub hugo_heading_ids: Option<HeadingIdStyle>,
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
    /// `site_url`: [`interface::published_address`]): a link to a URL under it is a link into the
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
    /// `params.plantuml`); `[markdown] plantuml-server` wins ([`old_tool::read_old_tool`]).
    pub plantuml_server: Option<String>,
}

/// Whether `root` holds the configuration file of a tool other than Docusaurus, which
/// says what the handbook is more surely than a `_category_.json` among its pages.
pub(crate) fn has_other_tools_configuration(root: &Path) -> bool {
    let is_file = |name: &str| root.join(name).is_file();
    let names = hugo::OWN_FILES.iter().chain(&jekyll::CONFIG_FILES).chain(&mkdocs::CONFIG_FILES);
    names.into_iter().any(|n| is_file(n))
        || crate::compat::site_data::ELEVENTY_FILES.iter().any(|n| is_file(n))
        || ["config.rb", "config/tech-docs.yml", ".gitbook.yaml"].iter().any(|n| is_file(n))
        || root.join("config/_default").is_dir()
}

/// The old tools, in the order detection tries them; GitHub's rules, which every
/// handbook matches, last.
pub(crate) const TOOLS: [&dyn ToolRules; 9] = [
    &mdbook::MdBook,
    &hugo::Hugo,
    &docusaurus::Docusaurus,
    &mkdocs::MkDocs,
    &eleventy::Eleventy,
    &jekyll::Jekyll,
    &middleman::Middleman,
    &gitbook::GitBook,
    &old_tool::GitHub,
];

/// Mounts the folders the old tool's layout publishes, before the content is walked, and
/// sets the old tool's rule of where front matter ends (Hugo's, [`hugo::FRONT_MATTER_FENCES`])
/// and of front matter it cannot read (MkDocs's `get_data`, `mkdocs/utils/meta.py`, strips a
/// block only when it parses as a mapping and keeps any other as the page's text):
/// Hugo's module mounts of content folders ([`hugo::mounts`]), Docusaurus's further docs
/// instances, blogs, versions and locales ([`docusaurus::i18n::mount_layout`]). The build and the watcher of `serve` both
/// call it, so that they know the same folders.
pub(crate) fn mount_layout(config: &mut Config, diagnostics: &mut Vec<Diagnostic>) {
    if hugo::is_site(config) {
        hugo::mounts::mount_content(config, diagnostics);
        if !config.book_table {
            config.fences = Some(hugo::FRONT_MATTER_FENCES);
        }
    } else if !config.book_table && mkdocs::is_site(config) {
        config.unread_front_as_text = Some("MkDocs");
    }
    docusaurus::i18n::mount_layout(config, diagnostics);
}

/// Whether the old tool read number prefixes off the names of files and folders, so
/// that `[content] number-prefixes = "auto"` strips them: a Docusaurus site
/// ([`docusaurus::is_docusaurus_site`]), whose content folder holds `files`.
pub(crate) fn reads_number_prefixes(config: &Config, files: &ContentFiles) -> bool {
    docusaurus::is_docusaurus_site(&config.root, files)
}

/// The files of `assets` the old tool processes through its templates though they are
/// no pages (Jekyll's that open with front matter, [`jekyll::files`]), taken out of them.
pub(crate) fn find_template_files(
    config: &Config,
    assets: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> interface::TemplateFiles {
    jekyll::files::find(config, assets, diagnostics)
}

/// The rules of `tool`.
pub(crate) fn rules_of(tool: Tool) -> &'static dyn ToolRules {
    TOOLS.iter().copied().find(|rules| rules.tool() == tool).unwrap_or(&old_tool::GitHub)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_one_entry_and_github_comes_last() {
        let tools: Vec<Tool> = TOOLS.iter().map(|rules| rules.tool()).collect();
        for tool in &tools {
            assert_eq!(tools.iter().filter(|t| *t == tool).count(), 1, "{tool:?}");
            assert_eq!(rules_of(*tool).tool(), *tool);
        }
        assert_eq!(tools.last(), Some(&Tool::Plain));
        assert_eq!(tools.len(), 9);
    }
}
