//! The site model: every page in one store keyed by [`PageId`], the section tree, URLs,
//! and the look-up tables that link resolution needs.
//!
//! 1. [`Site::assemble`] places the loaded pages into sections (one per folder), leaves
//!    out drafts, and gives every page its URL ([`urls`]); two files with one URL are
//!    a `duplicate-url` error.
//! 2. [`Site::model`] adds the handbook's own model (owners, kinds, the generated index
//!    pages), then claims every file the build will write ([`outputs`]): aliases,
//!    content files and pages that would overwrite each other are errors.
//! 3. Markdown is rendered against the model's [`SiteLinks`] ([`resolve`]).
//! 4. [`Site::arrange`] orders each section's children by the navigation file of
//!    another tool ([`nav_file`]), weight, then title, and fixes the reading order
//!    behind previous/next links ([`nav`]).

mod assemble;
pub(crate) mod audience;
pub(crate) mod catalog;
pub(crate) mod codeowners;
mod data_files;
pub(crate) mod dated;
pub(crate) mod extra_files;
pub(crate) mod feature;
pub(crate) mod generated;
pub(crate) mod git;
pub(crate) mod image_sizes;
pub(crate) mod incidents;
pub(crate) mod indexes;
pub(crate) mod kinds;
pub(crate) mod languages;
pub(crate) mod link_ids;
pub(crate) mod link_view;
mod listed;
pub(crate) mod menu;
mod mounts;
pub(crate) mod nav;
mod nav_file;
pub(crate) mod nav_tree;
pub(crate) mod netlify_redirects;
mod origin;
pub(crate) mod outputs;
pub(crate) mod posts;
pub(crate) mod public;
mod redirect_to;
pub(crate) mod repository;
pub(crate) mod resolve;
mod reuse;
pub(crate) mod review;
pub(crate) mod source_rules;
pub(crate) mod strings;
mod svg_size;
#[cfg(test)]
pub(crate) mod tests;
mod titles;
pub(crate) mod translated_anchors;
pub(crate) mod urls;

use std::collections::HashMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::kinds::KindValues;
use crate::content::{ContentFiles, SourcePage};
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::{FastHashMap, FastHashSet};
use crate::markdown::Rendered;
use git::Change;
use review::Review;
use source_rules::{Rules, SourceRules};

use assemble::blank_page;
pub(crate) use generated::GeneratedPage;
pub(crate) use mounts::MountedOwners;
pub(crate) use origin::PageOrigin;
pub(crate) use public::{Public, PublicFiles};
pub(crate) use resolve::SiteLinks;
pub(crate) use titles::source_name;
use titles::{title_of, translate_labels};

/// The index of a page in [`Site::pages`].
pub(crate) type PageId = usize;

/// A page of the site: a Markdown file, the section page of a folder that has none, or
/// a page opsbook generates from the model.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it came from: see [`PageOrigin`] for the pages that have no file.
    pub source: Arc<SourcePage>,
    /// The page's path in the site, without the base path: `runbooks/db-failover/`, and
    /// `""` for the home page.
    pub site_path: String,
    /// The title: front matter, else the first `#` heading, else the file name.
    pub title: String,
    /// The kind (`page` unless set).
    pub kind: String,
    /// The section page this page belongs to (`None` for the home page).
    pub parent: Option<PageId>,
    /// For section pages: the pages and subsections in the section, in order.
    pub children: Vec<PageId>,
    /// Where the page comes from: a file, a folder, or the model.
    pub origin: PageOrigin,
    /// The rendered body.
    pub rendered: Arc<Rendered>,
    /// For a body kept from an earlier site whose page ids differ: the map from the ids
    /// its links record to this site's ([`link_ids`]); `None` when they are this site's.
    /// Read link targets through [`Page::link_target`].
    pub(crate) link_ids: Option<Arc<link_ids::LinkIds>>,
    /// The kind's fields, read with their types.
    pub values: KindValues,
    /// Owners: front matter, else CODEOWNERS.
    pub owners: Vec<String>,
    /// The review state.
    pub review: Option<Review>,
    /// The last change in git.
    pub change: Option<Change>,
    /// The pages that link to this one, in reading order.
    pub backlinks: Vec<PageId>,
    /// Whether the page is internal (only an internal build has such pages).
    pub internal: bool,
    /// For section pages: the folder's Docusaurus category file (label, position).
    pub category: Option<Arc<crate::content::Category>>,
    /// The page's place in the handbook's navigation file (`mkdocs.yml`, `SUMMARY.md`),
    /// which orders it before any weight ([`nav_file`]).
    pub(crate) nav_rank: Option<usize>,
    /// Its name in that file, shown in the navigation.
    pub(crate) nav_title: Option<String>,
    /// Whether the handbook has a navigation file that leaves this page out: it is
    /// built but not shown in the navigation.
    pub(crate) nav_unlisted: bool,
    /// For a page with `redirect_to`: the link it redirects to, the only thing it
    /// publishes ([`redirect_to`]).
    pub(crate) redirect: Option<String>,
    /// For a post and a page named by a date: its date ([`dated`]).
    pub(crate) date: Option<crate::dates::Date>,
    /// The whole `<title>` its text names apart from its title (mdBook's `{{#title …}}`),
    /// read while the page holds its text.
    pub(crate) document_title: Option<String>,
}

impl Page {
    /// The description: front matter, else the first paragraph.
    pub fn description(&self) -> &str {
        self.source.front.description.as_deref().unwrap_or(&self.rendered.summary)
    }
}

/// What a site path points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A page.
    Page(PageId),
    /// A file: an asset, a static file or a file opsbook generates.
    File,
}

/// A file copied from `content/` as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// The path relative to `content/`.
    pub source: String,
    /// The path in the site: folders slugged like pages', the file name kept.
    pub url: String,
}

/// The whole handbook, ready to render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration it was built with.
    pub config: Config,
    /// Every page; [`PageId`]s index into it. The home page is always `0`.
    pub pages: Vec<Page>,
    /// Files copied from `content/`.
    pub assets: Vec<Asset>,
    /// In a public build, the internal pages it leaves out: only what they link to is
    /// read of them, so that files used only by internal pages stay out too.
    pub internal_pages: Vec<Arc<SourcePage>>,
    /// Redirects from old URLs (`aliases`): `(old site path, page)`.
    pub aliases: Vec<(String, PageId)>,
    /// The pages and extra files opsbook does not write, since content takes their path
    /// ([`outputs::Yielded`]).
    pub(crate) yielded: outputs::Yielded,
    /// The links and outside addresses of the redirects the old tool's configuration
    /// maps ([`outputs::Mapped`]); their redirects to pages are in `aliases`.
    pub(crate) mapped_redirects: outputs::Mapped,
    /// Every page in reading order (depth first), for previous/next links.
    pub order: Vec<PageId>,
    /// The section pages whose navigation level lists their pages under groups
    /// ([`nav::group`]).
    pub(crate) nav_grouped: crate::hash::FastHashSet<PageId>,
    /// Each page's position in `order`.
    pub position: Vec<usize>,
    /// Owners, tags and the pages that list them.
    pub indexes: indexes::Indexes,
    /// Per runbook, the incident reviews that cite its alerts or its service.
    pub(crate) past_incidents: incidents::PastIncidents,
    /// The date review freshness and overdue action items are measured against: the
    /// date of `now`.
    pub today: crate::dates::Date,
    /// The build's moment ([`crate::dates::now`]): what the status page, maintenance
    /// phases and uptime windows are computed at.
    pub now: crate::dates::Timestamp,
    /// The features' state (the status page's model and measured health), each behind
    /// [`feature::Feature`] in its own folder.
    pub(crate) features: feature::Features,
    /// The other handbooks of the community as this build read them (`[[peers]]`,
    /// `crate::peers::gather`, before the Markdown step that checks links to them).
    pub(crate) peers: Option<Arc<crate::peers::Peers>>,
    /// The git repository the handbook is in, when it is in one.
    pub(crate) repository: Option<git::Location>,
    /// The CODEOWNERS of the repositories mounted by `[[sources]]` ([`mounts`]).
    pub(crate) mounted_owners: MountedOwners,
    /// Whether number prefixes of file and folder names are stripped
    /// ([`crate::content::prefix`]): they then order the navigation.
    pub(crate) strip_prefixes: bool,
    /// The tool the handbook was written for, whose rules its URLs and relative links
    /// follow ([`source_rules`]).
    pub(crate) old_tool: Rules,
    /// The files the old tool processes through its templates, by content path
    /// ([`crate::content::walk::TemplateFile`]): written rendered, not copied.
    pub(crate) template_files: Arc<crate::content::walk::TemplateFiles>,
    /// For the dev server's builds: the files the walk found and the pages it parsed,
    /// from which a page added, deleted or renamed is assembled again without walking
    /// and parsing every page (`pipeline::incremental::shape`).
    pub(crate) walked: Option<Arc<Walked>>,
    /// The content paths of the pages the dev server read again since the walk
    /// ([`Site::refresh_page`]): `walked` holds older versions of them.
    pub(crate) read_again: Vec<String>,
    /// The theme's words of each language of the handbook ([`strings`]), read in
    /// [`Site::model`]: the titles of generated pages and what views say are in them.
    pub(crate) words: Arc<strings::Languages>,
    /// Where includes look their files up ([`crate::content::include_roots`]).
    pub(crate) include_roots: Arc<crate::content::include_roots::IncludeRoots>,
    /// Shared by the copies of the model the dev server's rebuilds make: a rebuild that
    /// keeps every page's place copies none of it.
    index: Arc<Index>,
    /// The templates the handbook gives its own constructs and the old tool's site
    /// variables, which the Markdown step reads ([`crate::markdown::templating`]).
    pub(crate) templating: Option<Arc<crate::markdown::templating::SiteContext>>,
    /// The navigation file's tree, when the sidebar shows it as the file nests it
    /// ([`nav_tree`]).
    pub(crate) nav_tree: Option<Arc<nav_tree::NavTree>>,
    /// The sizes of the site's images, measured the first time a page asks
    /// ([`Site::image_sizes`]).
    image_sizes: std::sync::OnceLock<image_sizes::ImageSizes>,
    /// What the old tool's page lookup made of the pages' paths, once per model
    /// ([`Site::lookup_index`]).
    lookup_index: LookupIndex,
    /// What draws the PlantUML diagrams of the pages: the program the command lent the
    /// build ([`crate::pipeline::Context`]), kept by the dev server's rebuilds.
    pub(crate) plantuml: Arc<crate::markdown::diagram::plantuml::Plantuml>,
}

/// The slot of [`Site::lookup_index`]: any type, so the core names no old tool's.
#[derive(Clone, Default)]
pub(crate) struct LookupIndex(std::sync::OnceLock<Arc<dyn std::any::Any + Send + Sync>>);

impl std::fmt::Debug for LookupIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LookupIndex({})", if self.0.get().is_some() { "made" } else { "not made" })
    }
}

/// What the walk and the parse gave a build ([`Site::walked`]).
#[derive(Debug, Clone)]
pub(crate) struct Walked {
    /// The files and folders of the content folder.
    pub files: ContentFiles,
    /// Every page parsed, in the walk's order (drafts and internal pages among them).
    pub loaded: Vec<Arc<SourcePage>>,
}

/// Look-up tables for link resolution.
#[derive(Debug, Default, Clone)]
struct Index {
    /// Content-relative path of each Markdown file -> page.
    by_path: FastHashMap<String, PageId>,
    /// Content-relative folder -> its section page.
    by_dir: FastHashMap<String, PageId>,
    /// Site path -> page.
    by_url: FastHashMap<String, PageId>,
    /// Content-relative path of each asset -> its index in `assets`.
    assets: FastHashMap<String, usize>,
    /// Site paths of the assets.
    asset_urls: FastHashSet<String>,
    /// Site paths of other files that exist in the output (the theme's static files and
    /// the extra files).
    files: FastHashSet<String>,
    /// Of those, the ones copied from a file of the handbook (`static/`, a theme's
    /// `static/`), with that file's path, to name it in diagnostics.
    file_sources: FastHashMap<String, String>,
    /// Content-relative paths of the pages and files left out of this build, and why.
    left_out: FastHashMap<String, audience::LeftOut>,
    /// Content-relative folders of the internal sections left out of a public build.
    left_out_dirs: FastHashSet<String>,
    /// The site paths the internal pages left out would have had -> their paths.
    left_out_urls: FastHashMap<String, String>,
    /// The site path of each alias (`aliases`, `redirect_from`) -> its page.
    by_alias: FastHashMap<String, PageId>,
    /// The paths the handbook's own `_redirects` file redirects ([`netlify_redirects`]).
    redirects: Arc<netlify_redirects::Redirects>,
    /// File name -> content-relative paths of the pages and assets with that name, for
    /// "did you mean" suggestions.
    by_name: FastHashMap<String, Vec<String>>,
    /// Folder -> the names of the pages and assets in it, for suggestions.
    names_by_dir: FastHashMap<String, Vec<String>>,
}

/// The URL of the page a site path (without a leading `/`) names: `a/index.html`, `a/`
/// and `a` all name `a/`.
fn page_url(site_path: &str) -> String {
    let path = urls::without_index_file(site_path);
    // A `name.html.md` page is at `name.html` ([`urls`]).
    if path.is_empty() || path.ends_with('/') || urls::html_stem(path).is_some() {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

/// The name of a page that makes its folder's section page, best first.
fn index_rank(page: &SourcePage) -> Option<u8> {
    index_rank_of(&page.path)
}

/// [`index_rank`] of the page at `path` (a content path).
pub(crate) fn index_rank_of(path: &str) -> Option<u8> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = crate::content::formats::template_stem(name);
    // `index.html.md` (Middleman, the GitLab handbook) is a section's index too.
    let stem = urls::html_stem(stem).unwrap_or(stem);
    ["_index", "index", "readme"].iter().position(|name| stem.eq_ignore_ascii_case(name)).map(|rank| rank as u8)
}

impl Site {
    /// The width and height of each image the site copies, measured once, when a page
    /// with an image first asks ([`image_sizes`]).
    pub(crate) fn image_sizes(&self) -> &image_sizes::ImageSizes {
        self.image_sizes.get_or_init(|| image_sizes::ImageSizes::measure(self))
    }

    /// The index of the pages' paths that the old tool's page lookup makes the first
    /// time it is asked (`make`), kept for this model: a model that adds, drops or
    /// renames a page is assembled anew, and its copies for edits keep every path.
    pub(crate) fn lookup_index<T: std::any::Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.lookup_index.0.get_or_init(|| Arc::new(make())).downcast_ref::<T>()
    }

    /// Records which of the other files are copied from files of the handbook
    /// (`static/foo/index.html`): site path -> the file's path from the root.
    pub(crate) fn name_file_sources(&mut self, sources: HashMap<String, String>) {
        Arc::make_mut(&mut self.index).file_sources = sources.into_iter().collect();
    }

    /// Reads the handbook's own `_redirects` file, if it has one, for the link check.
    pub(crate) fn read_redirects(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(redirects) = netlify_redirects::read(self, diagnostics) {
            Arc::make_mut(&mut self.index).redirects = Arc::new(redirects);
        }
    }

    /// A resolver of links written anywhere in this site: relative links are read from
    /// the folder they are written in.
    pub fn links(&self) -> SiteLinks<'_> {
        SiteLinks::new(self, None)
    }

    /// The resolver of the links written on page `id` (its body and what it includes):
    /// relative links are read from its URL where the old tool's rule says so
    /// ([`resolve`]).
    pub fn links_from(&self, id: PageId) -> SiteLinks<'_> {
        SiteLinks::new(self, Some(id))
    }

    /// Whether the build writes or copies a file at `site_path` that is neither a page
    /// nor an asset: a static file, an extra file, a feature's file known from its model.
    pub(crate) fn writes_file(&self, site_path: &str) -> bool {
        self.index.files.contains(site_path)
    }

    /// What a site path (without the base path) is: a page, or a file of the site (an
    /// alert's redirect page among them).
    pub fn target_of(&self, site_path: &str) -> Option<Target> {
        let trimmed = site_path.trim_start_matches('/');
        if let Some(&id) = self.index.by_url.get(&page_url(trimmed)) {
            return Some(Target::Page(id));
        }
        // A page a feature writes at an address its model names (an alert's page).
        if self.features.writes_page_at(trimmed.strip_suffix("index.html").unwrap_or(trimmed)) {
            return Some(Target::File);
        }
        (self.index.files.contains(trimmed) || self.index.asset_urls.contains(trimmed)).then_some(Target::File)
    }

    /// The page a site path belongs to.
    pub fn page_by_url(&self, url: &str) -> Option<PageId> {
        self.index.by_url.get(url).copied()
    }

    /// The page made from a content-relative Markdown path.
    pub fn page_by_path(&self, path: &str) -> Option<PageId> {
        self.index.by_path.get(path).copied()
    }

    /// How many internal pages this (public) build left out.
    pub fn internal_pages_left_out(&self) -> usize {
        self.index
            .left_out
            .iter()
            .filter(|(path, why)| **why == audience::LeftOut::Internal && crate::content::walk::is_markdown(path))
            .count()
    }

    /// Whether the file at content path `path` is withheld from this build: left out
    /// itself (a page or file of an internal section, a draft), or in a folder left out.
    /// A file of the theme or of `static/` whose real place is such a file is withheld
    /// too, so a symbolic link cannot publish what the content tree does not.
    pub(crate) fn withholds_content_file(&self, path: &str) -> bool {
        self.index.left_out.contains_key(path)
            || audience::dir_and_parents(path.rsplit_once('/').map_or("", |(dir, _)| dir))
                .any(|dir| self.index.left_out_dirs.contains(dir))
    }

    /// The asset copied from content path `path`, when the site copies it.
    pub(crate) fn asset_by_source(&self, path: &str) -> Option<&Asset> {
        self.index.assets.get(path).map(|&i| &self.assets[i])
    }

    /// Whether `path` (relative to `content/`) is a page or a folder of the site.
    pub fn knows_path(&self, path: &str) -> bool {
        let folder = format!("{}/", path.trim_end_matches('/'));
        self.index.by_path.contains_key(path) || self.index.by_path.keys().any(|p| p.starts_with(&folder))
    }

    /// The file page `id` is written to (`ops/db/index.html`), or `None` for a folder's
    /// page that content at its URL takes the place of ([`outputs::Yielded`]).
    pub(crate) fn page_file(&self, id: PageId) -> Option<String> {
        (!self.yielded.page(id)).then(|| crate::site_path::alias_file(&self.pages[id].site_path))
    }

    /// The link to a page, with the base path.
    pub fn href(&self, id: PageId) -> String {
        self.config.base_url.href(&self.pages[id].site_path)
    }

    /// Gives every page its owners (front matter, else CODEOWNERS), its kind, its kind
    /// fields and its review state, and adds the owners, tags and review pages.
    pub fn model(&mut self, codeowners: Option<&codeowners::CodeOwners>, diagnostics: &mut Vec<Diagnostic>) {
        self.words = Arc::new(strings::Languages::read(&self.config, diagnostics));
        let prefix = self.repository_prefix().to_string();
        indexes::assign_owners(self, codeowners, &prefix);
        kinds::resolve_kinds(self, diagnostics);
        kinds::validate_pages(self, diagnostics);
        self.model_lists(diagnostics);
    }

    /// The part of [`Site::model`] made from every page's model: the features' (the
    /// alerts, the status page, the blogs), past incidents (which read the alerts'
    /// runbooks), the generated pages, the claims, the redirects.
    fn model_lists(&mut self, diagnostics: &mut Vec<Diagnostic>) {
        self.features = self.features.modelled(self, diagnostics);
        self.past_incidents = incidents::collect_past_incidents(self);
        let linked = self.features.linked_files(self);
        if !linked.is_empty() {
            Arc::make_mut(&mut self.index).files.extend(linked);
        }
        indexes::add_index_pages(self, diagnostics);
        let claimed = outputs::claim_outputs(self, diagnostics);
        self.aliases = claimed.redirects;
        self.yielded = claimed.yielded;
        self.mapped_redirects = claimed.mapped;
        for (folder, href) in claimed.folder_redirects {
            self.pages[folder].redirect = Some(href);
        }
        Arc::make_mut(&mut self.index).by_alias = self.aliases.iter().map(|(path, id)| (page_url(path), *id)).collect();
        redirect_to::resolve_redirects(self, diagnostics);
        if self.config.community_site
            && let Some(community) = self.generated_page(&GeneratedPage::Community)
        {
            // `build --community`: the home page leads to the community page.
            self.pages[0].redirect = Some(self.href(community));
            self.pages[0].nav_unlisted = true;
        }
    }

    /// Gives each page its final title, orders every section, fixes the reading order
    /// and collects backlinks; run after Markdown rendering, since titles may come from
    /// headings and backlinks from links.
    pub fn arrange(&mut self) {
        for page in &mut self.pages {
            translate_labels(page, &self.config.languages);
            if let Some(title) = title_of(page, &self.config, &self.words, (self.strip_prefixes, &*self.old_tool)) {
                page.title = title;
            }
        }
        nav::arrange(self);
        indexes::collect_backlinks(self);
    }

    /// [`Site::arrange`] again after pages `changed` got new sources and renderings (their
    /// titles, weights, links): the same result, in time proportional to the change.
    pub fn rearrange(&mut self, changed: &[PageId]) {
        let naming = (self.strip_prefixes, &*self.old_tool);
        for &id in changed {
            if let Some(title) = title_of(&self.pages[id], &self.config, &self.words, naming) {
                self.pages[id].title = title;
            }
        }
        let mut parents: Vec<PageId> = changed.iter().filter_map(|&id| self.pages[id].parent).collect();
        parents.sort_unstable();
        parents.dedup();
        if nav::resort(self, &parents) {
            indexes::reorder_backlinks(self, changed);
        } else {
            indexes::update_backlinks(self, changed);
        }
    }

    /// Replaces the source of page `id` with a new version of its file and reads its
    /// model again: owners, kind, kind fields, review state. The page's URL and place in
    /// the tree stay; Markdown rendering and [`Site::arrange`] are the caller's.
    pub fn refresh_page(
        &mut self,
        id: PageId,
        source: Arc<SourcePage>,
        codeowners: Option<&codeowners::CodeOwners>,
        diagnostics: &mut Vec<Diagnostic>,
    ) {
        self.pages[id].owners = self.owners_for(id, &source, codeowners);
        if !self.read_again.contains(&source.path) {
            self.read_again.push(source.path.clone());
        }
        let public = self.config.audience == crate::config::Audience::Public;
        self.pages[id].document_title = document_title(&*self.old_tool, &source, public);
        self.pages[id].source = source;
        self.pages[id].date = posts::post_or_page_date(&self.pages, id, &*self.old_tool);
        let kind = kinds::page_kind(self, id, diagnostics);
        self.pages[id].kind = kind;
        let (values, review, problems) = kinds::page_fields(self, &self.pages[id]);
        self.pages[id].values = values;
        self.pages[id].review = review;
        diagnostics.extend(problems);
    }

    /// The owners, tags and review pages would change if page `id` had `source`: a new
    /// owner or tag, one no page has any more, or an owner spelled another way.
    pub fn indexes_differ(&self, id: PageId, source: &SourcePage, owners: &[String]) -> bool {
        let page = &self.pages[id];
        let tag_slugs =
            |tags: &[String]| tags.iter().map(|t| crate::slug::slugify(t)).collect::<std::collections::BTreeSet<_>>();
        // Owners as written: the owners page names each by a spelling of its own.
        let names = |owners: &[String]| owners.iter().cloned().collect::<std::collections::BTreeSet<_>>();
        tag_slugs(&page.source.front.tags) != tag_slugs(&source.front.tags) || names(&page.owners) != names(owners)
    }

    /// The owners a version of page `id` would have.
    pub fn owners_for(
        &self,
        id: PageId,
        source: &Arc<SourcePage>,
        codeowners: Option<&codeowners::CodeOwners>,
    ) -> Vec<String> {
        let ownership = mounts::Ownership {
            main: codeowners,
            prefix: self.repository_prefix(),
            sources: &self.config.sources,
            mounted: &self.mounted_owners,
        };
        ownership.owners_of(&self.pages[id], source)
    }

    /// Records the last change of every page from git.
    pub fn apply_git(&mut self, dates: &git::GitDates) {
        for page in &mut self.pages {
            if page.origin.has_file() {
                page.change = dates.changes.get(&page.source.file).cloned();
            }
        }
    }

    /// Where the handbook sits in its git repository (`""` or `docs/handbook/`); `""`
    /// outside one.
    pub(crate) fn repository_prefix(&self) -> &str {
        self.repository.as_ref().map_or("", |r| r.prefix.as_str())
    }

    /// The path of a page's source from the repository root.
    pub fn repository_path(&self, id: PageId) -> String {
        format!("{}{}", self.repository_prefix(), self.pages[id].source.file)
    }
}

/// The whole `<title>` a page's text names apart from its title, where the old tool
/// read such a directive ([`SourceRules::document_title`]); in a public build never one
/// of an internal block, nor any when the page's internal markers do not pair.
fn document_title(old_tool: &dyn SourceRules, source: &SourcePage, public: bool) -> Option<String> {
    use crate::markdown::public_text::blanked;
    let body = source.text.get(source.body_start..).unwrap_or("");
    // Most pages name none: their internal blocks are not looked for.
    let title = old_tool.document_title(body)?.to_string();
    if public { old_tool.document_title(&blanked(body)?).map(str::to_string) } else { Some(title) }
}
