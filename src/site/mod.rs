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
pub(crate) mod strings;
mod svg_size;
#[cfg(test)]
pub(crate) mod tests;
pub(crate) mod translated_anchors;
pub(crate) mod urls;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::config::Config;
use crate::content::kinds::KindValues;
use crate::content::{ContentFiles, SourcePage};
use crate::diagnostic::{Diagnostic, Rule};
use crate::hash::{FastHashMap, FastHashSet};
use crate::markdown::Rendered;
use crate::slug::title_from_name;
use git::Change;
use review::Review;

pub(crate) use generated::GeneratedPage;
pub(crate) use mounts::MountedOwners;
pub(crate) use origin::PageOrigin;
pub(crate) use public::{Public, PublicFiles};
pub(crate) use resolve::SiteLinks;

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
    /// follow ([`crate::compat::old_tool`]).
    pub(crate) old_tool: crate::compat::old_tool::OldTool,
    /// The files the old tool processes through its templates, by content path
    /// ([`crate::compat::old_tool::TemplateFile`]): written rendered, not copied.
    pub(crate) template_files: Arc<crate::compat::old_tool::TemplateFiles>,
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
    /// Places the pages into sections, leaves out drafts and gives every page its URL.
    /// `other_files` are the site paths of files the theme and `static/` folders add and
    /// of the extra files ([`extra_files`]).
    pub fn assemble(
        config: Config,
        files: &ContentFiles,
        loaded: Vec<Arc<SourcePage>>,
        other_files: HashSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Site {
        let strip_prefixes = crate::content::prefix::strips_prefixes(config.number_prefixes, files);
        let exclusions = audience::Exclusions::new(
            &config,
            &loaded,
            &files.links,
            files.old_tool.rules().drafts_folder(),
            files.old_tool.rules().reads_build_options(),
        );
        exclusions.check(&loaded, diagnostics);
        let left_out = |page: &SourcePage| exclusions.page(page).is_some();

        let mut index = Index {
            files: other_files.into_iter().collect(),
            left_out_dirs: exclusions.left_out_dirs().into_iter().collect(),
            ..Index::default()
        };
        // Room for every page once (a page is large: growing the list copies them all),
        // and for the generated pages added later.
        let mut pages: Vec<Page> = Vec::with_capacity(loaded.len() + files.dirs.len() + 64);
        index.by_path.reserve(loaded.len());
        index.by_url.reserve(loaded.len() + files.dirs.len() + 64);
        let mut section_rank: FastHashMap<String, u8> = FastHashMap::default();

        // 1. One section page per folder that holds pages (itself or below), a folder
        //    page until a file claims it. Folders of assets only are not sections.
        let mut dirs: Vec<&str> = std::iter::once("").chain(files.dirs.iter().map(String::as_str)).collect();
        dirs.retain(|d| d.is_empty() || exclusions.dir(d).is_none());
        let internal_only = exclusions.internal_only_dirs(&loaded);
        for asset in &files.assets {
            let dir = asset.rsplit_once('/').map_or("", |(dir, _)| dir);
            let in_internal_only = |dir: &str| audience::dir_and_parents(dir).any(|d| internal_only.contains(d));
            // A file reached through a link has the audience of its real place too.
            let real = exclusions.real_place(asset);
            let real_dir = real.as_deref().map(|real| real.rsplit_once('/').map_or("", |(dir, _)| dir));
            let internal = in_internal_only(dir)
                || (exclusions.public()
                    && (exclusions.linked_into_internal(asset) || real_dir.is_some_and(in_internal_only)));
            if let Some(why) = exclusions.dir(dir).or_else(|| internal.then_some(audience::LeftOut::Internal)) {
                index.left_out.insert(asset.clone(), why);
            }
        }
        // The files read as data (people, strings) are no files of the site.
        let data = data_files::DataFiles::of(&config, files, &loaded);
        let assets: Vec<String> =
            files.assets.iter().filter(|a| !index.left_out.contains_key(*a) && !data.holds(a)).cloned().collect();
        let mut page_dirs: FastHashSet<&str> = std::iter::once("").collect();
        for page in loaded.iter().filter(|p| !left_out(p)) {
            let mut dir = posts::section_dir(page.dir());
            while !dir.is_empty() && page_dirs.insert(dir) {
                dir = parent_dir(dir);
            }
        }
        for dir in dirs.iter().filter(|d| page_dirs.contains(*d)) {
            let id = pages.len();
            pages.push(folder_page(dir, &config.title, &config));
            index.by_dir.insert(dir.to_string(), id);
        }

        // 2. Pages: section files replace the folder pages; drafts are left out.
        let mut regular = Vec::new();
        for page in &loaded {
            if let Some(why) = exclusions.page(page) {
                index.left_out.insert(page.path.clone(), why);
            }
        }
        index.left_out_urls = audience::left_out_urls(
            &loaded,
            &index.left_out,
            urls::UrlRules::of(&files.old_tool, strip_prefixes, &config.blog),
        );
        let mut internal_pages = Vec::new();
        // A folder's `index.html`, copied as it is, is the folder's page a static host
        // serves, as Jekyll publishes it: a `README.md` beside it is a page of its own
        // (Jekyll publishes it as `README.html`), not the folder's.
        let html_index_dirs: FastHashSet<&str> = assets
            .iter()
            .filter_map(|asset| match asset.rsplit_once('/') {
                Some((dir, "index.html")) => Some(dir),
                None if asset == "index.html" => Some(""),
                _ => None,
            })
            .collect();
        let readme_gives_way = files.old_tool.rules().folder_index_wins();
        for page in loaded {
            if left_out(&page) {
                if exclusions.page(&page) == Some(audience::LeftOut::Internal) {
                    internal_pages.push(page);
                }
                continue;
            }
            let rank = index_rank(&page).filter(|&rank| rank < 2 || !html_index_dirs.contains(page.dir()));
            let dir = page.dir().to_string();
            match (rank, index.by_dir.get(&dir).copied()) {
                (Some(rank), Some(section)) => match section_rank.get(&dir) {
                    None => {
                        section_rank.insert(dir, rank);
                        index.by_path.insert(page.path.clone(), section);
                        pages[section] = section_page(page);
                    }
                    Some(&held) if rank < 2 && held < 2 => {
                        let holder = pages[section].source.file.clone();
                        diagnostics.push(
                            Diagnostic::error(
                                Rule::DuplicateUrl,
                                &page.file,
                                1,
                                1,
                                format!("`{}` and `{holder}` are both the page of section `{}/`", page.file, dir),
                            )
                            .with_help("keep one of `_index.md` and `index.md`"),
                        );
                        index.by_path.insert(page.path.clone(), section);
                    }
                    Some(&held) if rank < held => {
                        let previous = std::mem::replace(&mut pages[section], section_page(page));
                        section_rank.insert(dir, rank);
                        index.by_path.insert(pages[section].source.path.clone(), section);
                        match readme_gives_way {
                            true => diagnostics.push(urls::readme_left_out(&previous.source, &pages[section].source)),
                            false => regular.push(previous.source),
                        }
                    }
                    Some(_) if readme_gives_way => {
                        diagnostics.push(urls::readme_left_out(&page, &pages[section].source))
                    }
                    Some(_) => regular.push(page),
                },
                _ => regular.push(page),
            }
        }
        // A page `a.md` beside a folder `a/` that has no page of its own becomes that
        // folder's page; so does a page whose `permalink` is the folder's path
        // (`blog/blog.md` with `permalink: /blog/`, as Eleventy sites have it; `/` for
        // a page at the root), and, where the old tool says so, `a/a.md`.
        let early_rules = urls::UrlRules::of(&files.old_tool, strip_prefixes, &config.blog);
        for page in regular {
            let stem_dir = template_path_stem(&page.path).to_string();
            let permalink_dir = page.front.permalink.as_ref().map(|p| p.value.trim()).filter(|p| p.ends_with('/'));
            // Only the page's own folder or a folder beside it: a folder above the page would
            // be its own parent's parent (`docs/sub/p.md` with `permalink: /docs/`).
            let own_dir = page.dir();
            let permalink_dir = permalink_dir.map(|p| p.trim_matches('/')).filter(|p| {
                *p == own_dir || (!p.is_empty() && p.rsplit_once('/').map_or("", |(parent, _)| parent) == own_dir)
            });
            let named_dir = files.old_tool.rules().folder_named_page_is_its_page().then_some(own_dir).filter(|dir| {
                let name = dir.rsplit('/').next().unwrap_or(dir);
                !name.is_empty() && stem_dir.rsplit('/').next().is_some_and(|stem| stem.eq_ignore_ascii_case(name))
            });
            let folder = |dir: &str| index.by_dir.get(dir).copied().filter(|&s| pages[s].origin == PageOrigin::Folder);
            // An old tool's directory indexes publish `a.html.md` at `a/`, as the page of
            // a folder `a/` beside it.
            let indexed_dir = urls::directory_index_of(&page, &early_rules);
            if let Some(section) = folder(&stem_dir)
                .or_else(|| named_dir.and_then(folder))
                .or_else(|| indexed_dir.as_deref().and_then(folder))
                .or_else(|| permalink_dir.and_then(folder))
            {
                index.by_path.insert(page.path.clone(), section);
                pages[section] = section_page(page);
                continue;
            }
            let id = pages.len();
            index.by_path.insert(page.path.clone(), id);
            pages.push(Page { kind: kind_of(&page), ..blank_page(page) });
        }

        for page in &mut pages {
            page.document_title = document_title(&files.old_tool, &page.source);
        }

        // 3. Parents, and which pages are internal (in an internal build): a folder
        //    without a page of its own is internal when all it holds is.
        let mut public_dirs: FastHashSet<String> = std::iter::once(String::new()).collect();
        for page in pages.iter().filter(|p| p.origin.has_file() && !exclusions.is_internal(&p.source)) {
            let mut dir = posts::section_dir(page.source.dir());
            while !dir.is_empty() && public_dirs.insert(dir.to_string()) {
                dir = parent_dir(dir);
            }
        }
        // The folder each section page stands for (a page adopted by a folder through its
        // `permalink` has a name that says nothing of it).
        let dir_of_section: FastHashMap<PageId, String> =
            index.by_dir.iter().map(|(dir, &id)| (id, dir.clone())).collect();
        for (id, page) in pages.iter_mut().enumerate() {
            page.internal = if page.origin == PageOrigin::Folder {
                let dir = page.source.path.trim_end_matches('/');
                exclusions.is_internal_dir(dir) || !public_dirs.contains(dir)
            } else {
                exclusions.is_internal(&page.source)
            };
            let tool_blog = files.old_tool.post_of(&page.source.path).filter(|_| page.origin.has_file());
            page.parent = if let Some((blog, _)) = tool_blog {
                // A post of an old tool's blog, at any depth of its folder, is the blog's.
                index.by_dir.get(blog).copied().filter(|&p| p != id)
            } else if page.origin.is_section() {
                let dir = dir_of_section.get(&id).cloned().unwrap_or_else(|| section_dir(page, &index));
                (!dir.is_empty()).then(|| index.by_dir.get(parent_dir(&dir)).copied()).flatten().filter(|&p| p != id)
            } else {
                index.by_dir.get(posts::section_dir(page.source.dir())).copied()
            };
        }

        // Docusaurus category files name and order their sections.
        for category in &files.categories {
            if let Some(&section) = index.by_dir.get(&category.dir) {
                pages[section].category = Some(Arc::new(category.clone()));
            }
        }

        // A navigation file of another tool (`mkdocs.yml`, `SUMMARY.md`) orders and
        // names them.
        if let Some(nav) = &files.nav_file {
            let severity = config.link_severity;
            nav_file::apply_nav_file(&mut pages, &index, nav, &config.content_prefix(), severity, diagnostics);
        }
        // Without entries (an `mkdocs.yml` without `nav:`) the folders make the sidebar.
        let nests = |nav: &&crate::content::NavFile| {
            crate::compat::nests_navigation(&files.old_tool, nav.kind) && !nav.entries.is_empty()
        };
        let nav_tree = files.nav_file.as_ref().filter(nests).map(|nav| {
            let target = |path: &str| match index.by_path.get(path) {
                Some(&id) => nav_tree::Target::Page(id),
                None if index.left_out.contains_key(path) => nav_tree::Target::LeftOut,
                None => nav_tree::Target::Missing,
            };
            Arc::new(nav_tree::build(&nav.entries, &target))
        });

        posts::date_pages(&mut pages, &files.old_tool, diagnostics);

        // 4. URLs, duplicates and aliases.
        // The folders of the sections marked `blog: true`, whose pages are posts.
        let marked_blogs: Vec<String> = index
            .by_dir
            .iter()
            .filter(|&(_, &id)| posts::marks_a_blog(&pages[id]))
            .map(|(dir, _)| dir.clone())
            .collect();
        let rules = urls::UrlRules {
            languages: Some(&config.languages),
            marked_blogs: &marked_blogs,
            ..urls::UrlRules::of(&files.old_tool, strip_prefixes, &config.blog)
        };
        // A permalink may name a file opsbook writes only where content replaces it.
        let taken: FastHashSet<String> =
            index.files.iter().filter(|path| outputs::yields_to_content(path).is_none()).cloned().collect();
        let mut assets = urls::assign_urls(&mut pages, &index.by_dir, &dirs, &assets, rules, &taken);
        // A file the old tool processes through its templates is published at its permalink.
        for asset in &mut assets {
            if let Some(permalink) = files.template_files.get(&asset.source).and_then(|file| file.permalink.clone()) {
                asset.url = permalink;
            }
        }
        urls::permalink_warnings(&pages, rules, diagnostics);
        files.old_tool.rules().url_warnings(&pages, diagnostics);
        for (i, asset) in assets.iter().enumerate() {
            index.assets.insert(asset.source.clone(), i);
            index.asset_urls.insert(asset.url.clone());
        }
        // A book with a `SUMMARY.md` (mdBook, GitBook) publishes only the files it lists:
        // of two files with one URL, the one it lists keeps it, and one it does not list
        // gives way with a note.
        let summary =
            files.nav_file.as_ref().is_some_and(|nav| nav.kind == crate::content::nav_file::NavFileKind::Summary);
        for (id, page) in pages.iter().enumerate() {
            match index.by_url.get(&page.site_path).copied() {
                Some(other) if summary && page.nav_rank.is_some() && pages[other].nav_rank.is_none() => {
                    diagnostics.push(urls::unlisted_gives_way(&pages[other], page, &files.nav_file));
                    index.by_url.insert(page.site_path.clone(), id);
                }
                Some(other) if summary && page.nav_rank.is_none() => {
                    diagnostics.push(urls::unlisted_gives_way(page, &pages[other], &files.nav_file));
                }
                Some(other) if readme_gives_way && pages[other].origin.is_section() && !page.origin.is_section() => {
                    diagnostics.push(urls::page_gives_way_to_folder(page, &pages[other]));
                }
                Some(other) => diagnostics.push(urls::duplicate_url(&pages[other], page)),
                None => drop(index.by_url.insert(page.site_path.clone(), id)),
            }
        }
        let known = index.by_path.keys().filter(|p| !p.is_empty()).chain(assets.iter().map(|a| &a.source));
        for path in known {
            let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
            // Most folders hold many files: their key is made once.
            match index.names_by_dir.get_mut(dir) {
                Some(names) => names.push(name.to_string()),
                None => drop(index.names_by_dir.insert(dir.to_string(), vec![name.to_string()])),
            }
            index.by_name.entry(name.to_string()).or_default().push(path.clone());
        }
        let count = pages.len();
        Site {
            config,
            pages,
            assets,
            aliases: Vec::new(),
            yielded: outputs::Yielded::default(),
            order: Vec::new(),
            nav_grouped: Default::default(),
            position: vec![usize::MAX; count],
            indexes: indexes::Indexes::default(),
            past_incidents: incidents::PastIncidents::new(),
            today: crate::dates::Date::from_days(0),
            now: crate::dates::Timestamp::from_seconds(0),
            features: feature::Features::default(),
            peers: None,
            repository: None,
            mounted_owners: MountedOwners::default(),
            strip_prefixes,
            old_tool: files.old_tool.clone(),
            template_files: Arc::new(files.template_files.clone()),
            internal_pages,
            walked: None,
            read_again: Vec::new(),
            include_roots: Arc::clone(&files.include_roots),
            words: Arc::default(),
            index: Arc::new(index),
            templating: None,
            nav_tree,
            image_sizes: std::sync::OnceLock::new(),
        }
    }

    /// The width and height of each image the site copies, measured once, when a page
    /// with an image first asks ([`image_sizes`]).
    pub(crate) fn image_sizes(&self) -> &image_sizes::ImageSizes {
        self.image_sizes.get_or_init(|| image_sizes::ImageSizes::measure(self))
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
        for (folder, target) in claimed.folder_redirects {
            self.pages[folder].redirect = Some(self.href(target));
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
            if let Some(title) = title_of(page, &self.config, &self.words, self.strip_prefixes) {
                page.title = title;
            }
        }
        nav::arrange(self);
        indexes::collect_backlinks(self);
    }

    /// [`Site::arrange`] again after pages `changed` got new sources and renderings (their
    /// titles, weights, links): the same result, in time proportional to the change.
    pub fn rearrange(&mut self, changed: &[PageId]) {
        for &id in changed {
            if let Some(title) = title_of(&self.pages[id], &self.config, &self.words, self.strip_prefixes) {
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
        self.pages[id].document_title = document_title(&self.old_tool, &source);
        self.pages[id].source = source;
        self.pages[id].date = posts::post_or_page_date(&self.pages, id, &self.old_tool);
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

/// The title a `_index.md` that customises a generated page gives it: its `title`, else
/// its first heading; `None` keeps the generated page's own title.
fn custom_title(page: &Page) -> Option<String> {
    let front = page.source.front.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    front.or(page.rendered.first_h1.as_deref().filter(|t| !t.is_empty())).map(str::to_string)
}

/// Puts the navigation's labels of page `page` (its navigation file's title, its
/// category's label) in its language's words, where the handbook translates them
/// ([`crate::config::Languages::labels`]).
fn translate_labels(page: &mut Page, languages: &crate::config::Languages) {
    let Some(labels) = languages.of_path(&page.site_path).and_then(|code| languages.labels.get(code)) else { return };
    if let Some(title) = page.nav_title.as_mut()
        && let Some(translated) = labels.get(title.as_str())
    {
        *title = translated.clone();
    }
    let label = page.category.as_ref().and_then(|category| category.label.as_ref());
    if let Some(translated) = label.and_then(|label| labels.get(label)) {
        let mut category = page.category.as_deref().cloned().unwrap_or_default();
        category.label = Some(translated.clone());
        page.category = Some(Arc::new(category));
    }
}

/// The title page `page` takes once rendered, `None` to keep the one it has (a generated
/// page without a title of its own): a language's home page that is only a folder, as
/// the home page, is the handbook's title; a date is said in the page language's words.
fn title_of(page: &Page, config: &Config, words: &strings::Languages, strip: bool) -> Option<String> {
    if page.origin == PageOrigin::Folder && config.languages.is_home_path(&page.site_path) {
        return Some(config.title.clone());
    }
    if page.origin.is_generated() {
        return custom_title(page);
    }
    Some(resolve_title(page, &config.title, strip, words.of(config.languages.of_path(&page.site_path))))
}

/// The title of page `page`; a date in it is said in `words`, its language's.
fn resolve_title(page: &Page, site_title: &str, strip: bool, words: &strings::Words) -> String {
    if let Some(title) = page.source.front.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    if let Some(label) = page.category.as_ref().and_then(|c| c.label.as_ref()) {
        return label.clone();
    }
    // A folder without a page of its own is called as a navigation file's section names it.
    if let Some(title) = page.nav_title.as_ref().filter(|_| page.origin == PageOrigin::Folder) {
        return title.clone();
    }
    if let Some(h1) = page.rendered.first_h1.as_deref().filter(|t| !t.is_empty()) {
        return if page.date.is_some() && page.origin.has_file() {
            dated::heading_title(words, h1)
        } else {
            h1.to_string()
        };
    }
    if let Some(date) = page.date.filter(|_| page.origin.has_file()) {
        return dated::dated_title(words, page, date);
    }
    match source_name(page) {
        "" => site_title.to_string(),
        name => title_from_name(crate::content::prefix::strip_number_prefix(name, strip)),
    }
}

/// The name a page is known by without a title: its folder's for a section page, else
/// its file name without the extension (`""` for the home page).
pub(crate) fn source_name(page: &Page) -> &str {
    let path = page.source.path.trim_end_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = crate::content::formats::template_stem(name);
    let folder = page.origin == PageOrigin::Folder;
    if page.origin.is_section() && index_rank(&page.source).is_some() || folder {
        let dir = if folder { path } else { page.source.dir() };
        return dir.rsplit('/').next().unwrap_or(dir);
    }
    stem
}

fn kind_of(page: &SourcePage) -> String {
    page.front.kind.as_ref().map_or_else(|| "page".to_string(), |k| k.value.clone())
}

/// The rendering of a page not rendered yet, shared by every such page (the model is
/// assembled again on each page added or taken away in the dev server).
static NOT_RENDERED: std::sync::LazyLock<Arc<Rendered>> = std::sync::LazyLock::new(Arc::default);

fn blank_page(source: Arc<SourcePage>) -> Page {
    Page {
        source,
        site_path: String::new(),
        title: String::new(),
        kind: String::new(),
        parent: None,
        children: Vec::new(),
        origin: PageOrigin::File,
        rendered: Arc::clone(&NOT_RENDERED),
        link_ids: None,
        values: KindValues::default(),
        owners: Vec::new(),
        review: None,
        change: None,
        backlinks: Vec::new(),
        internal: false,
        category: None,
        nav_rank: None,
        nav_title: None,
        nav_unlisted: false,
        redirect: None,
        date: None,
        document_title: None,
    }
}

/// The whole `<title>` a page's text names apart from its title, where the old tool
/// read such a directive ([`crate::compat::old_tool::OldTool::document_title`]).
fn document_title(old_tool: &crate::compat::old_tool::OldTool, source: &SourcePage) -> Option<String> {
    old_tool.document_title(source.text.get(source.body_start..).unwrap_or("")).map(str::to_string)
}

fn section_page(source: Arc<SourcePage>) -> Page {
    Page { kind: kind_of(&source), origin: PageOrigin::SectionFile, ..blank_page(source) }
}

/// The section page of folder `dir` that has no page of its own ([`PageOrigin::Folder`]).
fn folder_page(dir: &str, site_title: &str, config: &Config) -> Page {
    let path = if dir.is_empty() { String::new() } else { format!("{dir}/") };
    // A mounted folder is named by its own path (`vendor/x/docs/guides/`).
    let file = if dir.is_empty() { config.content_prefix() } else { format!("{}/", config.locate(dir).1) };
    let title = if dir.is_empty() { site_title.to_string() } else { String::new() };
    // The title is final only after `Site::arrange`; the root's is known now.
    let source = Arc::new(SourcePage {
        file,
        path,
        front: Default::default(),
        text: String::new(),
        body_start: 0,
        body_line: 1,
        released: None,
        fingerprints: Default::default(),
    });
    Page { kind: "page".into(), title, origin: PageOrigin::Folder, ..blank_page(source) }
}

/// The content-relative folder a section page stands for.
fn section_dir(page: &Page, index: &Index) -> String {
    if page.origin == PageOrigin::Folder {
        return page.source.path.trim_end_matches('/').to_string();
    }
    let dir = page.source.dir();
    if index_rank(&page.source).is_some() && index.by_dir.contains_key(dir) {
        dir.to_string()
    } else {
        template_path_stem(&page.source.path).to_string()
    }
}

/// A page's content path without the extensions of its templates
/// ([`crate::content::formats::template_stem`]): `ops/a` for `ops/a.md`.
fn template_path_stem(path: &str) -> &str {
    let name_at = path.rfind('/').map_or(0, |at| at + 1);
    &path[..name_at + crate::content::formats::template_stem(&path[name_at..]).len()]
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(parent, _)| parent)
}
