//! [`Site::assemble`]: the walked files made into the site's pages in stages, each a
//! function below: the folders' section pages, the files that take their place, the
//! parents and audiences, the navigation files, then the URLs and the look-up tables.

use std::collections::HashSet;
use std::sync::Arc;

use super::*;

impl Site {
    /// Places the pages into sections, leaves out drafts and gives every page its URL.
    /// `other_files` are the site paths of files the theme and `static/` folders add and
    /// of the extra files ([`extra_files`]).
    pub(crate) fn assemble(
        config: Config,
        files: &ContentFiles,
        old_tool: Rules,
        loaded: Vec<Arc<SourcePage>>,
        other_files: HashSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Site {
        let strip_prefixes = crate::content::prefix::strips_prefixes(config.number_prefixes, files);
        let exclusions = audience::Exclusions::new(
            &config,
            &loaded,
            &files.links,
            (old_tool.drafts_folder(), old_tool.unpublished_is_draft()),
            (old_tool.reads_build_options(), old_tool.has_leaf_bundles()),
        );
        exclusions.check(&loaded, diagnostics);
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

        // 1. One section page per folder that holds pages (itself or below), a folder
        //    page until a file claims it. Folders of assets only are not sections.
        let mut dirs: Vec<&str> = std::iter::once("").chain(files.dirs.iter().map(String::as_str)).collect();
        dirs.retain(|d| d.is_empty() || exclusions.dir(d).is_none());
        leave_out_assets(files, &exclusions, &loaded, &mut index);
        // The files read as data (people, strings) are no files of the site.
        let data = data_files::DataFiles::of(&config, files, &*old_tool, &loaded);
        let assets: Vec<String> =
            files.assets.iter().filter(|a| !index.left_out.contains_key(*a) && !data.holds(a)).cloned().collect();
        folder_pages(&dirs, &loaded, &exclusions, &config, &mut pages, &mut index);

        // 2. Pages: section files replace the folder pages; drafts are left out.
        for page in &loaded {
            if let Some(why) = exclusions.page(page) {
                index.left_out.insert(page.path.clone(), why);
            }
        }
        let url_rules = urls::UrlRules::of(&*old_tool, strip_prefixes, &config.blog);
        index.left_out_urls = audience::left_out_urls(&loaded, &index.left_out, url_rules);
        let placed = place_section_files(loaded, &exclusions, &assets, &*old_tool, &mut pages, &mut index, diagnostics);
        let early_rules = urls::UrlRules { languages: Some(&config.languages), ..url_rules };
        adopt_or_add(placed.regular, early_rules, &mut pages, &mut index);
        for page in &mut pages {
            page.document_title = document_title(&*old_tool, &page.source);
        }

        // 3. Parents, and which pages are internal (in an internal build).
        set_parents(&mut pages, &index, &exclusions, &*old_tool);
        let nav_tree = navigation(&mut pages, &index, (files, &*old_tool), &config, diagnostics);
        posts::date_pages(&mut pages, &*old_tool, diagnostics);

        // 4. URLs, duplicates and aliases.
        // The folders of the sections marked `blog: true`, whose pages are posts.
        let marked_blogs: Vec<String> = index
            .by_dir
            .iter()
            .filter(|&(_, &id)| posts::marks_a_blog(&pages[id]))
            .map(|(dir, _)| dir.clone())
            .collect();
        let rules = urls::UrlRules { languages: Some(&config.languages), marked_blogs: &marked_blogs, ..url_rules };
        let assets = place_urls(&mut pages, &mut index, files, rules, &dirs, &assets, diagnostics);
        claim_urls(&pages, &mut index, (files, &*old_tool), diagnostics);
        if let Some(nav) = files.nav_file.as_ref().filter(|_| old_tool.home_is_first_listed_page())
            && !pages[0].origin.has_file()
            && let Some(first) = nav_file::first_listed_page(nav, &index)
        {
            // The old tool wrote its first page at the root too: the home page leads there.
            pages[0].redirect = Some(config.base_url.href(&pages[first].site_path));
        }
        name_files(&mut index, &assets);
        let count = pages.len();
        Site {
            config,
            pages,
            assets,
            aliases: Vec::new(),
            yielded: outputs::Yielded::default(),
            mapped_redirects: outputs::Mapped::default(),
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
            old_tool,
            template_files: Arc::new(files.template_files.clone()),
            internal_pages: placed.internal,
            walked: None,
            read_again: Vec::new(),
            include_roots: Arc::clone(&files.include_roots),
            words: Arc::default(),
            index: Arc::new(index),
            templating: None,
            nav_tree,
            image_sizes: std::sync::OnceLock::new(),
            lookup_index: super::LookupIndex::default(),
            plantuml: Arc::default(),
        }
    }
}

/// Records the assets left out of this build: those of a folder left out, and in a
/// public build those of folders that hold only internal pages.
fn leave_out_assets(
    files: &ContentFiles,
    exclusions: &audience::Exclusions,
    loaded: &[Arc<SourcePage>],
    index: &mut Index,
) {
    let internal_only = exclusions.internal_only_dirs(loaded);
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
}

/// A folder page for each of `dirs` that holds a page of this build, itself or below.
fn folder_pages(
    dirs: &[&str],
    loaded: &[Arc<SourcePage>],
    exclusions: &audience::Exclusions,
    config: &Config,
    pages: &mut Vec<Page>,
    index: &mut Index,
) {
    let mut page_dirs: FastHashSet<&str> = std::iter::once("").collect();
    for page in loaded.iter().filter(|p| exclusions.page(p).is_none()) {
        let mut dir = posts::section_dir(page.dir());
        while !dir.is_empty() && page_dirs.insert(dir) {
            dir = parent_dir(dir);
        }
    }
    for dir in dirs.iter().filter(|d| page_dirs.contains(*d)) {
        let id = pages.len();
        pages.push(folder_page(dir, &config.title, config));
        index.by_dir.insert(dir.to_string(), id);
    }
}

/// The pages [`place_section_files`] did not make a section's page, and the internal
/// pages a public build leaves out.
struct Placed {
    regular: Vec<Arc<SourcePage>>,
    internal: Vec<Arc<SourcePage>>,
}

/// Makes each folder's index file (`_index.md`, `index.md`, `README.md`, best first)
/// its section's page in place of the folder page; two of one rank clash.
fn place_section_files(
    loaded: Vec<Arc<SourcePage>>,
    exclusions: &audience::Exclusions,
    assets: &[String],
    old_tool: &dyn SourceRules,
    pages: &mut [Page],
    index: &mut Index,
    diagnostics: &mut Vec<Diagnostic>,
) -> Placed {
    let mut section_rank: FastHashMap<String, u8> = FastHashMap::default();
    let mut placed = Placed { regular: Vec::new(), internal: Vec::new() };
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
    let readme_gives_way = old_tool.folder_index_wins();
    for page in loaded {
        if let Some(why) = exclusions.page(&page) {
            if why == audience::LeftOut::Internal {
                placed.internal.push(page);
            }
            continue;
        }
        let rank = index_rank(&page)
            .filter(|&rank| rank < 2 || !html_index_dirs.contains(page.dir()))
            .filter(|_| old_tool.is_folder_index(&page));
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
                        false => placed.regular.push(previous.source),
                    }
                }
                Some(_) if readme_gives_way => diagnostics.push(urls::readme_left_out(&page, &pages[section].source)),
                Some(_) => placed.regular.push(page),
            },
            _ => placed.regular.push(page),
        }
    }
    placed
}

/// A page `a.md` beside a folder `a/` that has no page of its own becomes that folder's
/// page; so does a page whose `permalink` is the folder's path (`blog/blog.md` with
/// `permalink: /blog/`, as Eleventy sites have it; `/` for a page at the root), and,
/// where the old tool says so, `a/a.md` and a page whose URL rule names its folder.
/// Every other page is added as a page.
fn adopt_or_add(regular: Vec<Arc<SourcePage>>, early_rules: urls::UrlRules, pages: &mut Vec<Page>, index: &mut Index) {
    for page in regular {
        let stem_dir = template_path_stem(&page.path).to_string();
        let permalink_dir = page.front.permalink.as_ref().map(|p| p.value.trim()).filter(|p| p.ends_with('/'));
        // Only the page's own section or a folder beside it: a folder above the page would
        // be its own parent's parent (`docs/sub/p.md` with `permalink: /docs/`). A folder
        // the tool published nothing from is no section (a Jekyll collection's).
        let own_dir = page.dir();
        let mut section = own_dir;
        while !section.is_empty() && !index.by_dir.contains_key(section) {
            section = parent_dir(section);
        }
        let permalink_dir = permalink_dir.map(|p| p.trim_matches('/')).filter(|p| {
            *p == section || (!p.is_empty() && p.rsplit_once('/').map_or("", |(parent, _)| parent) == section)
        });
        let named_dir = early_rules.old.folder_named_page_is_its_page().then_some(own_dir).filter(|dir| {
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
            .or_else(|| early_rules.old.named_folder(&page, &early_rules).and_then(|dir| folder(&dir)))
        {
            index.by_path.insert(page.path.clone(), section);
            pages[section] = section_page(page);
            continue;
        }
        let id = pages.len();
        index.by_path.insert(page.path.clone(), id);
        pages.push(Page { kind: kind_of(&page), ..blank_page(page) });
    }
}

/// Each page's parent, and which pages are internal (in an internal build): a folder
/// without a page of its own is internal when all it holds is.
fn set_parents(pages: &mut [Page], index: &Index, exclusions: &audience::Exclusions, old_tool: &dyn SourceRules) {
    let mut public_dirs: FastHashSet<String> = std::iter::once(String::new()).collect();
    for page in pages.iter().filter(|p| p.origin.has_file() && !exclusions.is_internal(&p.source)) {
        let mut dir = posts::section_dir(page.source.dir());
        while !dir.is_empty() && public_dirs.insert(dir.to_string()) {
            dir = parent_dir(dir);
        }
    }
    // The folder each section page stands for (a page adopted by a folder through its
    // `permalink` has a name that says nothing of it).
    let dir_of_section: FastHashMap<PageId, String> = index.by_dir.iter().map(|(dir, &id)| (id, dir.clone())).collect();
    for (id, page) in pages.iter_mut().enumerate() {
        page.internal = if page.origin == PageOrigin::Folder {
            let dir = page.source.path.trim_end_matches('/');
            exclusions.is_internal_dir(dir) || !public_dirs.contains(dir)
        } else {
            exclusions.is_internal(&page.source)
        };
        let tool_blog = old_tool.post_of(&page.source.path).filter(|_| page.origin.has_file());
        page.parent = if let Some((blog, _)) = tool_blog {
            // A post of an old tool's blog, at any depth of its folder, is the blog's.
            index.by_dir.get(blog).copied().filter(|&p| p != id)
        } else if page.origin.is_section() {
            let dir = dir_of_section.get(&id).cloned().unwrap_or_else(|| section_dir(page, index));
            (!dir.is_empty()).then(|| index.by_dir.get(parent_dir(&dir)).copied()).flatten().filter(|&p| p != id)
        } else {
            // The nearest folder that is a section: one the old tool published nothing
            // from (a Jekyll collection's) is none.
            let mut dir = posts::section_dir(page.source.dir());
            while !dir.is_empty() && !index.by_dir.contains_key(dir) {
                dir = parent_dir(dir);
            }
            index.by_dir.get(dir).copied().filter(|&p| p != id)
        };
    }
}

/// The sections named and ordered by category files, and by another tool's navigation
/// file (`mkdocs.yml`, `SUMMARY.md`); the navigation's own tree where it nests.
fn navigation(
    pages: &mut [Page],
    index: &Index,
    (files, old_tool): (&ContentFiles, &dyn SourceRules),
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Arc<nav_tree::NavTree>> {
    for category in &files.categories {
        if let Some(&section) = index.by_dir.get(&category.dir) {
            pages[section].category = Some(Arc::new(category.clone()));
            add_category_index(&mut pages[section], category, old_tool, diagnostics);
        }
    }
    if let Some(nav) = &files.nav_file {
        let severity = config.link_severity;
        nav_file::apply_nav_file(pages, index, nav, old_tool, &config.content_prefix(), severity, diagnostics);
    }
    // Without entries (an `mkdocs.yml` without `nav:`) the folders make the sidebar.
    let nests = |nav: &&crate::content::NavFile| old_tool.nests_navigation(nav.kind) && !nav.entries.is_empty();
    files.nav_file.as_ref().filter(nests).map(|nav| {
        let target = |path: &str| match index.by_path.get(path) {
            Some(&id) => nav_tree::Target::Page(id),
            None if index.left_out.contains_key(path) => nav_tree::Target::LeftOut,
            None => nav_tree::Target::Missing,
        };
        let mut tree = nav_tree::build(&nav.entries, &target);
        tree.made_of = nav.kind.pages_nav();
        Arc::new(tree)
    })
}

/// Gives every page and asset its URL, with the warnings of the URL rules.
fn place_urls(
    pages: &mut [Page],
    index: &mut Index,
    files: &ContentFiles,
    rules: urls::UrlRules,
    dirs: &[&str],
    assets: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Asset> {
    // A permalink may name a file opsbook writes only where content replaces it.
    let taken: FastHashSet<String> =
        index.files.iter().filter(|path| outputs::yields_to_content(path).is_none()).cloned().collect();
    let mut assets = urls::assign_urls(pages, &index.by_dir, dirs, assets, rules, &taken);
    // A file the old tool processes through its templates is published at its permalink.
    for asset in &mut assets {
        if let Some(permalink) = files.template_files.get(&asset.source).and_then(|file| file.permalink.clone()) {
            asset.url = permalink;
        }
    }
    urls::permalink_warnings(pages, rules, diagnostics);
    rules.old.url_warnings(pages, diagnostics);
    for (i, asset) in assets.iter().enumerate() {
        index.assets.insert(asset.source.clone(), i);
        index.asset_urls.insert(asset.url.clone());
    }
    assets
}

/// Each URL to one page. A book with a `SUMMARY.md` (mdBook, GitBook) publishes only the
/// files it lists: of two files with one URL, the one it lists keeps it, and one it does
/// not list gives way with a note; where the old tool says so a folder's page wins. A
/// file wins over the page opsbook makes for a folder without one.
fn claim_urls(
    pages: &[Page],
    index: &mut Index,
    (files, old_tool): (&ContentFiles, &dyn SourceRules),
    diagnostics: &mut Vec<Diagnostic>,
) {
    let summary = files.nav_file.as_ref().is_some_and(|nav| nav.kind == crate::content::nav_file::NavFileKind::Summary);
    let readme_gives_way = old_tool.folder_index_wins();
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
            // The page opsbook makes for a folder without one gives way to a file.
            Some(other) if pages[other].origin == PageOrigin::Folder && page.origin.has_file() => {
                diagnostics.push(urls::folder_page_gives_way(&pages[other], page));
                index.by_url.insert(page.site_path.clone(), id);
            }
            Some(other) if page.origin == PageOrigin::Folder && pages[other].origin.has_file() => {
                diagnostics.push(urls::folder_page_gives_way(page, &pages[other]));
            }
            Some(other) => diagnostics.push(urls::duplicate_url(&pages[other], page)),
            None => drop(index.by_url.insert(page.site_path.clone(), id)),
        }
    }
}

/// The names of the pages and assets by folder and by file name, for suggestions.
fn name_files(index: &mut Index, assets: &[Asset]) {
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
}

fn kind_of(page: &SourcePage) -> String {
    page.front.kind.as_ref().map_or_else(|| "page".to_string(), |k| k.value.clone())
}

/// The rendering of a page not rendered yet, shared by every such page (the model is
/// assembled again on each page added or taken away in the dev server).
static NOT_RENDERED: std::sync::LazyLock<Arc<Rendered>> = std::sync::LazyLock::new(Arc::default);

pub(super) fn blank_page(source: Arc<SourcePage>) -> Page {
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

/// The URL the old tool gave the page it generated for `category`'s section, made an
/// alias of the section's page; a link that cannot be one is a warning at its file.
fn add_category_index(
    page: &mut Page,
    category: &crate::content::Category,
    old_tool: &dyn SourceRules,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (Some(found), Some(link)) = (old_tool.category_index_path(category), &category.generated_index) else {
        return;
    };
    match found {
        Ok(path) => {
            let alias = crate::content::Located { value: format!("/{path}"), line: link.line, column: link.column };
            Arc::make_mut(&mut page.source).front.aliases.push(alias);
        }
        Err(problem) => diagnostics.push(
            Diagnostic::error(crate::diagnostic::Rule::ConfigField, &link.file, link.line, link.column, problem)
                .with_severity(crate::diagnostic::Severity::Warning)
                .with_help("the section keeps its own URL only; give the link a slug inside the docs' folder"),
        ),
    }
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
    let source = Arc::new(SourcePage::without_file(file, path));
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
