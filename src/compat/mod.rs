//! The compatibility layer: everything opsbook knows of the tools a handbook may have
//! been written for (Hugo and Docsy, MkDocs, Docusaurus, Jekyll, Eleventy, Middleman,
//! mdBook, GitBook), one folder per tool, with the dialect machinery they share
//! (Liquid, Nunjucks, shortcodes, MDX, ERB) in [`dialects`].
//!
//! Each tool implements [`ToolRules`] once, in its folder; [`TOOLS`] lists them in the
//! order detection tries them. [`old_tool`] runs the detection after the walk and keeps
//! what the chosen tool's configuration says in an [`old_tool::OldTool`], whose methods
//! answer the rest of the build through the tool's rules (docs/architecture.md, "The
//! compatibility layer").

pub(crate) mod dialects;
pub(crate) mod docusaurus;
pub(crate) mod eleventy;
pub(crate) mod fnmatch;
pub(crate) mod gitbook;
pub(crate) mod hidden_file;
pub(crate) mod hugo;
pub(crate) mod include_roots;
pub(crate) mod jekyll;
pub(crate) mod mdbook;
pub(crate) mod middleman;
pub(crate) mod mkdocs;
pub(crate) mod nav_file;
pub(crate) mod old_tool;
mod page_urls;
pub(crate) mod site_data;
mod tool_blogs;

use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;
use crate::site_path::PathProblem;
use crate::slug::HeadingIdStyle;
use old_tool::{OldTool, RelativeLinks, Tool, UrlStyle};

/// One old tool: how a handbook written for it is recognised, and the rules opsbook
/// borrows from it so that links keep leading where they led in its published site.
pub(crate) trait ToolRules: Sync {
    /// Which tool it is.
    fn tool(&self) -> Tool;
    /// Its name, as messages give it.
    fn name(&self) -> &'static str;
    /// Whether the handbook `config` describes, whose content folder holds `files`, was
    /// written for it.
    fn detect(&self, config: &Config, files: &ContentFiles) -> bool;
    /// Reads into `old` (which holds the defaults) what its configuration says of URLs,
    /// links and Markdown; a configuration it cannot read is a note, and its defaults hold.
    fn read(&self, _config: &Config, _files: &ContentFiles, _old: &mut OldTool, _diagnostics: &mut Vec<Diagnostic>) {}
    /// How a relative link that names no Markdown file is read.
    fn relative_links(&self, old: &OldTool) -> RelativeLinks;
    /// How the URLs of pages and folders are made from their names.
    fn url_style(&self, old: &OldTool) -> UrlStyle;
    /// Whether it published no page from the file at content path `path`.
    fn leaves_out(&self, _path: &str) -> bool {
        false
    }
    /// Sorts the walked `files` as the tool read them, before pages are read: leaves out
    /// what it published nothing from, makes copies of the page files it copied.
    fn sort_walked(&self, _config: &Config, _old: &OldTool, _files: &mut ContentFiles) {}
    /// Whether the file at content path `path`, no page, is its own data, never copied.
    fn keeps_unpublished(&self, _path: &str) -> bool {
        false
    }
    /// Whether a relative link to a Markdown file may leave the content folder and come
    /// back into it: a path of the repository, as GitHub and Docusaurus resolve it.
    fn links_through_repository(&self) -> bool {
        true
    }
    /// How it read a link's path into the repository beyond the content folder.
    fn repository_links(&self) -> crate::site::source_rules::RepositoryLinks {
        crate::site::source_rules::RepositoryLinks::default()
    }
    /// The rule its heading ids were made by, unless `[markdown] heading-ids` names one.
    fn heading_ids(&self, _old: &OldTool) -> HeadingIdStyle {
        HeadingIdStyle::Opsbook
    }
    /// Whether a folder's index keeps what it may share: a `README.md` beside an
    /// `index.md` is left out (it is otherwise a page of its own), and a page whose URL
    /// is a folder's page's (`foo.md` beside `foo/index.md`) gives way to it (it is
    /// otherwise a duplicate URL).
    fn folder_index_wins(&self) -> bool {
        false
    }
    /// Whether a page named as its folder, inside it (`guides/guides.md`), is the
    /// folder's page when the folder has none of its own.
    fn folder_named_page_is_its_page(&self) -> bool {
        false
    }
    /// Whether a page's `section` names its group in the navigation.
    fn groups_by_section(&self) -> bool {
        false
    }
    /// Whether the navigation takes a weight of 0 for none and names a page by its
    /// `linkTitle`.
    fn orders_by_link_title(&self) -> bool {
        false
    }
    /// The site path of alias `alias` of the page at `page_site_path`: opsbook's rule
    /// ([`crate::site_path::resolve_alias_with`]), a `..` above the root an error.
    fn alias_path(&self, page_site_path: &str, alias: &str) -> Result<String, PathProblem> {
        crate::site_path::resolve_alias_with(page_site_path, alias, false)
    }
    /// Whether the 404 page and `robots.txt` keep their files when an alias claims them.
    fn aliases_yield_to_404_and_robots(&self) -> bool {
        false
    }
    /// The link a redirect its configuration maps at `from` writes to the page at `to`.
    fn redirect_href(&self, _old: &OldTool, _from: &str, _to: &str, _fragment: &str) -> Option<String> {
        None
    }
    /// The folder name whose pages are drafts, wherever it is.
    fn drafts_folder(&self) -> Option<&'static str> {
        None
    }
    /// Whether pages' build options (`build.render`, a section's `cascade`) say which
    /// pages are rendered.
    fn reads_build_options(&self) -> bool {
        false
    }
    /// Whether `published: false` in a page's front matter leaves it out of the build.
    fn unpublished_is_draft(&self) -> bool {
        false
    }
    /// The folders a front matter image's name is looked up in after the page's own.
    fn asset_folders(&self) -> &'static [&'static str] {
        &[]
    }
    /// The folders beside book.toml whose files it publishes at the site's root when a
    /// page uses one.
    fn resource_folders(&self) -> &'static [&'static str] {
        &[]
    }
    /// Whether files that open with front matter but are no pages are published
    /// through their templates.
    fn publishes_front_matter_files(&self) -> bool {
        false
    }
    /// Warnings for the pages' URL fields it would have followed and opsbook does not.
    fn url_warnings(&self, _pages: &[crate::site::Page], _diagnostics: &mut Vec<Diagnostic>) {}
    /// Whether pages' `{% t key %}` and `{% tf file %}` are jekyll-multiple-languages-plugin's
    /// tags, read for a handbook with languages; elsewhere they are text like any other.
    fn reads_translation_tags(&self) -> bool {
        false
    }
    /// The handbook's menu, the links across the top of every page of language `code`
    /// (`None`: the default language's), as the old tool's configuration and pages give
    /// it; none by default.
    fn main_menu(
        &self,
        _old: &OldTool,
        _site: &crate::site::Site,
        _code: Option<&str>,
    ) -> Vec<crate::site::menu::MenuLink> {
        Vec::new()
    }
    /// Warnings about what the old tool's site gives the built handbook and opsbook
    /// cannot follow as written (a menu entry naming no page).
    fn site_warnings(&self, _old: &OldTool, _site: &crate::site::Site, _diagnostics: &mut Vec<Diagnostic>) {}
    /// The content path of the page (a folder's ends in `/`) or bundle file that
    /// `reference`, written on page `from`, names by its page lookup: a reference of its
    /// own (`is_ref`) or a link its link render hook looks up; none by default.
    fn look_up_page(
        &self,
        _old: &OldTool,
        _site: &crate::site::Site,
        _from: Option<crate::site::PageId>,
        _reference: &str,
        _is_ref: bool,
    ) -> Option<String> {
        None
    }
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

/// Mounts the folders the old tool's layout publishes, before the content is walked:
/// Hugo's module mounts of content folders ([`hugo::mounts`]), Docusaurus's further docs
/// instances, blogs, versions and locales ([`docusaurus::i18n::mount_layout`]). The build and the watcher of `serve` both
/// call it, so that they know the same folders.
pub(crate) fn mount_layout(config: &mut Config, diagnostics: &mut Vec<Diagnostic>) {
    if hugo::is_site(config) {
        hugo::mounts::mount_content(config, diagnostics);
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
) -> old_tool::TemplateFiles {
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
