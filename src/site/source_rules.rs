//! What the core asks of the tool a handbook was written for: the interface the
//! compatibility layer implements for each old tool (and for GitHub's rules, a
//! handbook of none), so that the model, the links and the URLs follow the old site's
//! without the core knowing which tool it was.
//!
//! [`PageUrls`] gives the URLs, [`ToolBlogs`] the posts of the tool's blog plugins,
//! [`SourceRules`] the rest: links, the navigation, what the tool leaves out, how its
//! Markdown read the text. The build holds one as an `Arc<dyn SourceRules>`
//! ([`super::Site::old_tool`]); only `pipeline/steps.rs` makes it.

use std::sync::Arc;

pub(crate) use super::dated::{DateRefusal, NameDate, ToolBlogs};
use super::resolve::RelativeLinks;
use super::urls::UrlRules;
use super::{Page, PageId};
use crate::content::SourcePage;
use crate::content::nav_file::NavFileKind;
use crate::content::reading_rules::{AutolinkLiterals, DefinitionLists, EmojiShortcodes};
use crate::content::site_data::{OwnTemplates, TextRules};
use crate::diagnostic::Diagnostic;
use crate::hash::FastHashMap;
use crate::slug::HeadingIdStyle;

/// How an old tool read a link's path into its repository ([`SourceRules::repository_links`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RepositoryLinks {
    /// The folders of the repository, from the root, whose files it published at the
    /// site's root, as opsbook publishes `static/`: a relative link to a file in one is
    /// that file.
    pub root_folders: &'static [&'static str],
    /// A prefix that starts a path from the repository's root.
    pub root_alias: Option<&'static str>,
    /// A scheme it dropped from a link it left unchecked, as written after it.
    pub unchecked_scheme: Option<&'static str>,
    /// Whether a Markdown link that does not start with `./` or `../` is also read from
    /// the content folder, then from the site's folder.
    pub markdown_from_roots: bool,
}

/// The rules of the tool a handbook was written for, shared by the build's steps.
pub(crate) type Rules = Arc<dyn SourceRules>;

/// How the tool made pages' URLs ([`super::urls`] asks, knowing no tool).
pub(crate) trait PageUrls {
    /// The URL segment of a file or folder name (its number prefix already stripped).
    fn segment(&self, name: &str) -> String;
    /// Whether a page that is not its folder's index is published at `name.html`, even
    /// when a folder `name/` is beside it.
    fn html_pages(&self) -> bool;
    /// The tool's names of its sections by folder, once pages are placed.
    fn section_names(
        &self,
        pages: &[Page],
        by_dir: &FastHashMap<String, PageId>,
    ) -> Option<FastHashMap<String, String>>;
    /// The URL the tool gives a page before any `permalink` (a `url` field, a rule of
    /// its configuration, a slug that is a path).
    fn first_url(&self, page: &SourcePage, path: &str, rules: &UrlRules<'_>) -> Option<String>;
    /// The folder (a content path) whose URL the tool gives a page: its own or one above
    /// it (a slug that names the folder), so that the page is the folder's page where the
    /// folder has none.
    fn named_folder(&self, page: &SourcePage, rules: &UrlRules<'_>) -> Option<String>;
    /// Whether an index file (`index.md`, `README.md`) is its folder's page for the
    /// tool: not when a slug of its own gives it another URL.
    fn is_folder_index(&self, page: &SourcePage) -> bool;
    /// The site path a page's `permalink` gives it; `None` for one that cannot be a
    /// site path.
    fn permalink_url(&self, page: &SourcePage, path: &str) -> Option<String>;
    /// The URL a folder's permalink gives the page at `path`: `Some(None)` when one
    /// applies but cannot be followed.
    fn folder_permalink_url(&self, path: &str) -> Option<Option<String>>;
    /// The URL of a post at `path`, from the posts' URL `template` when given.
    fn post_url(&self, page: &SourcePage, path: &str, template: Option<&str>) -> Option<String>;
    /// The URL a collection's `permalink` gives its document at `path`.
    fn collection_url(&self, page: &SourcePage, path: &str) -> Option<String>;
    /// The site path of a collection's file that is no page, where the tool published it.
    fn collection_file_url(&self, path: &str) -> Option<String>;
    /// The site path of a folder the tool publishes its documents under at another
    /// path than its own (a Jekyll collection's `_runbooks/` at `runbooks/`).
    fn collection_folder_url(&self, dir: &str) -> Option<String>;
    /// A page's file name without its extension (`stem`) as the tool names its output.
    fn page_name<'n>(&self, stem: &'n str) -> &'n str;
    /// Whether the tool publishes the page at content path `path` at `name.html`.
    fn html_page_urls(&self, path: &str) -> bool;
    /// The URL tail the tool's directory indexes give a page whose output would be
    /// `output`, when it moves the page into a folder.
    fn directory_indexed(&self, page: &SourcePage, output: &str) -> Option<String>;
}

/// The rest of what the core asks: links, the navigation, what the tool leaves out,
/// and how its Markdown read the text.
pub(crate) trait SourceRules: PageUrls + ToolBlogs + std::fmt::Debug + Send + Sync {
    /// The tool's name, as messages give it.
    fn name(&self) -> &'static str;
    /// How a relative link that names no Markdown file is read.
    fn relative_links(&self) -> RelativeLinks;
    /// Whether a relative link to a Markdown file may leave the content folder and come
    /// back into it (a path of the repository).
    fn links_through_repository(&self) -> bool;
    /// The content path of the page (a folder's ends in `/`) or file that `reference`,
    /// written on page `from`, names by the tool's page lookup: a reference of the tool's
    /// own (`is_ref`), or a link whose destination names no file, as the tool's link
    /// hook looks it up; `None` where the tool has none or it finds nothing.
    fn look_up_page(&self, site: &super::Site, from: Option<PageId>, reference: &str, is_ref: bool) -> Option<String>;
    /// Where the tool published the content folder's pages, as site path prefixes (a
    /// version's route first, then the docs' route): links written from there are read
    /// from the content folder.
    fn content_routes(&self) -> [Option<&str>; 2];
    /// The path from the site's root of a link to a URL under the address the tool
    /// published the site at (`https://docs.example.org/latest/a/#x` -> `/a/#x`), which
    /// leads into the handbook where it has that page; `None` for another address.
    fn published_path(&self, destination: &str) -> Option<String>;
    /// Whether the tool published no page from the file at content path `path`.
    fn leaves_out(&self, path: &str) -> bool;
    /// Whether a site whose content folder has no page of its own leads from its home
    /// page to the first page its navigation file lists.
    fn home_is_first_listed_page(&self) -> bool;
    /// How the tool read a link's path into the repository beyond the content folder.
    fn repository_links(&self) -> RepositoryLinks;
    /// The `<title>` a directive in a page's `text` gives it, instead of the page's title
    /// and the handbook's.
    fn document_title<'t>(&self, text: &'t str) -> Option<&'t str>;
    /// The folder name whose pages are drafts, wherever it is.
    fn drafts_folder(&self) -> Option<&'static str>;
    /// The title of a page without one, from its file or folder name `name`.
    fn title_from_name(&self, name: &str) -> String;
    /// Whether a link to a path without an extension (`/a/b`) reaches the file
    /// `a/b.html` when nothing else is there, as the old tool's server answers it.
    fn serves_html_without_extension(&self) -> bool;
    /// Whether pages' build options say which pages are rendered.
    fn reads_build_options(&self) -> bool;
    /// Whether a folder with an `index` page is a leaf bundle, whose other pages are its
    /// resources, no pages of their own (Hugo's).
    fn has_leaf_bundles(&self) -> bool;
    /// Whether a page whose front matter says `published: false` is left out of the
    /// build unless drafts are built (Jekyll's rule).
    fn unpublished_is_draft(&self) -> bool;
    /// Whether a folder's index keeps what it may share (a `README.md` beside an
    /// `index.md` is left out, `foo.md` beside `foo/index.md` gives way).
    fn folder_index_wins(&self) -> bool;
    /// Whether a page named as its folder, inside it, is the folder's page when the
    /// folder has none of its own.
    fn folder_named_page_is_its_page(&self) -> bool;
    /// The site path (ending in `/`) where the old tool published the page it generated
    /// for the section of `category`, or why the category's link cannot be a URL.
    fn category_index_path(&self, category: &crate::content::Category) -> Option<Result<String, String>>;
    /// The pages the tool generates from its navigation file (`files.nav_file`) over the
    /// pages read, `loaded`; the file's entries then link them. A tool whose navigation
    /// is made of the pages' front matter sets `files.nav_file` here, when it has none.
    fn navigation_pages(
        &self,
        files: &mut crate::content::ContentFiles,
        loaded: &[Arc<SourcePage>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<SourcePage>;
    /// Gives the page read, `page`, the front matter values the tool's configuration
    /// gives its scope, under the page's own.
    fn apply_front_defaults(&self, page: &mut SourcePage, diagnostics: &mut Vec<Diagnostic>);
    /// Whether the sidebar is the navigation file of `kind` as the file nests it.
    fn nests_navigation(&self, kind: NavFileKind) -> bool;
    /// Whether a page's `section` names its group in the navigation.
    fn groups_by_section(&self) -> bool;
    /// Whether the navigation takes a weight of 0 for none and names a page by its
    /// `linkTitle`.
    fn orders_by_link_title(&self) -> bool;
    /// The site path of alias `alias` of the page at `page_site_path`, as the tool
    /// wrote it.
    fn alias_path(&self, page_site_path: &str, alias: &str) -> Result<String, crate::site_path::PathProblem>;
    /// Whether the 404 page and `robots.txt` keep their files when an alias claims them.
    fn aliases_yield_to_404_and_robots(&self) -> bool;
    /// The redirects the tool's configuration maps from old paths.
    fn mapped_redirects(&self) -> &[super::outputs::MappedRedirect];
    /// The link a mapped redirect at `from` writes to the page at site path `to` and
    /// its `fragment` (`#part` or empty); `None`: the page's URL and the fragment.
    fn redirect_href(&self, from: &str, to: &str, fragment: &str) -> Option<String>;
    /// The folders a front matter image's name is looked up in after the page's own.
    fn asset_folders(&self) -> &'static [&'static str];
    /// The folders beside book.toml whose files the tool publishes at the site's root
    /// when a page uses one (a shortcode's image), after the page's own files.
    fn resource_folders(&self) -> &'static [&'static str];
    /// Warnings for the pages' URL fields the tool would have followed and opsbook does not.
    fn url_warnings(&self, pages: &[Page], diagnostics: &mut Vec<Diagnostic>);
    /// The handbook's menu across the top of every page of language `code` (`None`: the
    /// default language's).
    fn main_menu(&self, site: &super::Site, code: Option<&str>) -> Vec<super::menu::MenuLink>;
    /// Warnings about what the tool's site gives the handbook and opsbook cannot follow.
    fn site_warnings(&self, site: &super::Site, diagnostics: &mut Vec<Diagnostic>);
    /// The rule heading ids are made by.
    fn heading_ids(&self) -> HeadingIdStyle;
    /// What goes before every heading id the rule makes (kramdown's `auto_id_prefix`).
    fn heading_id_prefix(&self) -> &str;
    /// Whether `Term` / `: Definition` lines are a definition list.
    fn definition_lists(&self) -> DefinitionLists;
    /// Whether a `.md` page is MDX.
    fn md_as_mdx(&self) -> bool;
    /// Whether an indented code block's first line can name its language.
    fn code_header_line(&self) -> bool;
    /// Whether, and by which rule, shortcodes of the text (`:smile:`) are emoji.
    fn emoji(&self) -> EmojiShortcodes;
    /// Which bare addresses of the text are links.
    fn autolinks(&self) -> AutolinkLiterals;
    /// Whether a section's list of its pages shows their descriptions as inline Markdown.
    fn markdown_list_descriptions(&self) -> bool;
    /// The PlantUML server whose images show PlantUML diagrams, if one is set.
    fn plantuml_server(&self) -> Option<&str>;
    /// What the tool printed as written where opsbook would read a construct.
    fn text(&self) -> TextRules;
    /// The templates the tool's site gives its constructs itself.
    fn own_templates(&self) -> &OwnTemplates;
    /// The rewrite of the other tools' dialects before a page is parsed.
    fn dialects(&self) -> crate::markdown::rewrite::Rewriter;
    /// The text `text` of `file`, which the tool processes through its templates,
    /// rendered for the site path `at.0` with the site's variables `templating` (`asset`
    /// gives the URL of a file of the site); a refusal is a warning at `at.1` (the file
    /// as shown), and the file is not published.
    fn render_template_file(
        &self,
        file: &crate::content::walk::TemplateFile,
        text: &str,
        at: (&str, &str),
        templating: &crate::markdown::templating::SiteContext,
        asset: &dyn Fn(&str) -> Option<String>,
    ) -> Result<String, Diagnostic>;
}
