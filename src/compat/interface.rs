//! The interface every old tool implements: [`ToolRules`], and the types and helpers
//! its rules share (which tool, URL styles, configuration files read beside
//! `book.toml`). It names no tool; the table of tools is [`super::TOOLS`], and what the
//! chosen tool read is kept in [`super::OldTool`].
//!
//! More: docs/architecture.md, "The compatibility layer".

use super::OldTool;
use crate::config::Config;
use crate::content::ContentFiles;
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site_path::PathProblem;
use crate::slug::HeadingIdStyle;

pub(crate) use address::under_address;
pub(crate) use address::{address_path, is_http_address, published_address};

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
    /// The rule `[markdown] heading-ids` names as the old site's configuration sets it up
    /// (Hugo's `autoIDType` for `"hugo"`).
    fn configured_heading_ids(&self, _old: &OldTool, asked: HeadingIdStyle) -> HeadingIdStyle {
        asked
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
    /// The title of a page that has none from its front matter, headings or navigation,
    /// from its file or folder name `name` (number prefix taken off): opsbook's rule,
    /// `database-failover` is "Database failover".
    fn title_from_name(&self, name: &str) -> String {
        crate::slug::title_from_name(name)
    }
    /// Whether the tool's own server answers a path without an extension (`/a/b`) with
    /// the file `a/b.html` when nothing else is there, as GitHub Pages does.
    fn serves_html_without_extension(&self) -> bool {
        false
    }
    /// Whether pages' build options (`build.render`, a section's `cascade`) say which
    /// pages are rendered.
    fn reads_build_options(&self) -> bool {
        false
    }
    /// Whether a folder's `README.md` is its page when it has no `index.md` (else it is a
    /// page of its own, at `readme/`).
    fn readme_is_folder_page(&self) -> bool {
        true
    }
    /// Whether a folder with an `index` page is a leaf bundle, whose other pages are its
    /// resources, no pages of their own.
    fn has_leaf_bundles(&self) -> bool {
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
