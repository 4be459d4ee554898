//! The indexes of the handbook: owners (front matter, else CODEOWNERS), tags, and the
//! pages opsbook generates from the model (the table in [`super::generated`]): `/owners/`,
//! `/tags/`, `/tags/<tag>/`, `/review/` and the search page. Also the backlinks of every
//! page.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::codeowners::CodeOwners;
use super::generated::{GENERATED_PAGES, GeneratedSpec, Instance};
use super::review::ReviewStatus;
use super::{GeneratedPage, Page, PageId, PageOrigin, Site, blank_page};
use crate::content::SourcePage;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;
use crate::slug::slugify;

/// The owners, tags and review pages of a site.
#[derive(Debug, Clone, Default)]
pub struct Indexes {
    /// Tags by slug: the tag as first written, and its pages in reading order.
    pub tags: BTreeMap<String, Tag>,
    /// Owners by slug.
    pub owners: BTreeMap<String, Owner>,
    /// The generated pages, in the order of [`GENERATED_PAGES`].
    pub generated: Vec<PageId>,
    /// The same by what they are (the first, should one be added twice): the default
    /// language's.
    pub generated_by_page: HashMap<GeneratedPage, PageId>,
    /// The other languages' copies ([`super::generated::GeneratedSpec::per_language`]),
    /// by language code and what they are.
    pub generated_in: HashMap<String, HashMap<GeneratedPage, PageId>>,
}

/// One tag.
#[derive(Debug, Clone, Default)]
pub struct Tag {
    /// The tag as first written.
    pub name: String,
    /// Its pages.
    pub pages: Vec<PageId>,
    /// Its `/tags/<slug>/` page.
    pub page: PageId,
}

/// One owner.
#[derive(Debug, Clone, Default)]
pub struct Owner {
    /// The owner as written (`@dba-team`).
    pub name: String,
    /// Their pages.
    pub pages: Vec<PageId>,
}

/// Gives every page its owners: `owners` in front matter, else the CODEOWNERS rule for
/// its file (`prefix` is the handbook's path inside the repository).
pub(super) fn assign_owners(site: &mut Site, codeowners: Option<&CodeOwners>, prefix: &str) {
    use rayon::prelude::*;
    let ownership = super::mounts::Ownership {
        main: codeowners,
        prefix,
        sources: &site.config.sources,
        mounted: &site.mounted_owners,
    };
    site.pages.par_iter_mut().for_each(|page| page.owners = ownership.owners_of(page, &page.source));
}

/// Adds the generated pages ([`GENERATED_PAGES`]) and registers their URLs. Content
/// never loses to a generated page ([`place`]): a content page or section at a generated
/// page's URL keeps it and the generated page moves ([`free_path`]), with a note; a
/// lone `_index.md` there instead customises the generated page.
pub(super) fn add_index_pages(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut owners: BTreeMap<String, Owner> = BTreeMap::new();
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    // Many pages share each owner and tag: each spelling is slugged once.
    let mut slugs = Slugs::default();
    // A slug's key is made once, when its first page comes.
    for (id, page) in site.pages.iter().enumerate().filter(|&(id, _)| site.in_model(id)) {
        for owner in &page.owners {
            let slug = slugs.of(owner);
            match owners.get_mut(slug) {
                Some(entry) => entry.pages.push(id),
                None => drop(owners.insert(slug.to_string(), Owner { name: owner.clone(), pages: vec![id] })),
            }
        }
        for tag in &page.source.front.tags {
            let slug = slugs.of(tag);
            match tags.get_mut(slug) {
                // Pages come in id order: a page that lists a tag twice is its list's last.
                Some(entry) if entry.pages.last() != Some(&id) => entry.pages.push(id),
                Some(_) => {}
                None => {
                    drop(tags.insert(slug.to_string(), Tag { name: tag.clone(), pages: vec![id], ..Tag::default() }))
                }
            }
        }
    }
    site.indexes = Indexes { owners, tags, ..Indexes::default() };
    let words = std::sync::Arc::clone(&site.words);
    let default = site.config.languages.default_language().map(str::to_string);
    let others = site.config.languages.others().to_vec();
    for &spec in GENERATED_PAGES {
        let mut placed = Vec::new();
        for mut instance in (spec.instances)(site) {
            if let Some(key) = spec.title_key {
                instance.title = super::strings::word(words.of(default.as_deref()), key).to_string();
            }
            let parent = match instance.page.placed_under(site) {
                Some(under) => Some(under),
                None => spec.parent.as_ref().map_or(Some(0), |parent| site.generated_page(parent)),
            };
            let id = place(site, instance.clone(), None, diagnostics);
            describe(site, id, spec, words.of(default.as_deref()));
            site.pages[id].parent = parent;
            if let GeneratedPage::Tag(slug) = &instance.page
                && let Some(tag) = site.indexes.tags.get_mut(slug)
            {
                tag.page = id;
            }
            placed.push((id, instance));
        }
        if !spec.per_language {
            continue;
        }
        // Each other language's copy of each page, under its folder, titled in its words.
        for code in &others {
            for (original, instance) in &placed {
                let title = match (spec.title_key, &instance.page) {
                    (Some(key), _) => super::strings::word(words.of(Some(code)), key).to_string(),
                    (None, GeneratedPage::Status) => site.status_page_title(words.of(Some(code))),
                    (None, _) => instance.title.clone(),
                };
                let site_path = format!("{code}/{}", site.pages[*original].site_path);
                let copy = Instance { page: instance.page.clone(), site_path, title };
                let id = place(site, copy, Some(code), diagnostics);
                describe(site, id, spec, words.of(Some(code)));
                let parent = match &spec.parent {
                    Some(parent) => site.generated_page_in(parent, Some(code)),
                    None => site.page_by_url(&format!("{code}/")).or(Some(0)),
                };
                site.pages[id].parent = parent;
            }
        }
    }
}

/// Gives generated page `id` the description of its kind ([`GeneratedSpec::description_key`])
/// in `words`, unless its own file gives a description or a text of its own.
fn describe(site: &mut Site, id: PageId, spec: &GeneratedSpec, words: &super::strings::Words) {
    let Some(key) = spec.description_key else { return };
    let page = &mut site.pages[id];
    if page.source.front.description.is_none() && page.source.body().trim().is_empty() {
        std::sync::Arc::make_mut(&mut page.source).front.description =
            Some(super::strings::word(words, key).to_string());
    }
}

/// Registers generated page `id` as `page` of language `language` (`None`: the
/// default's), unless a page is that already.
fn register(site: &mut Site, id: PageId, page: GeneratedPage, language: Option<&str>) {
    site.indexes.generated.push(id);
    match language {
        Some(code) => drop(site.indexes.generated_in.entry(code.to_string()).or_default().entry(page).or_insert(id)),
        None => drop(site.indexes.generated_by_page.entry(page).or_insert(id)),
    }
}

/// Adds the generated page `instance`, giving way to content at its URL:
///
/// - a section file (`_index.md`) alone in its folder there becomes the generated page:
///   its title (when it has one) and body, shown above the list, customise it, as in Hugo;
///   pages the row owns ([`super::generated::GeneratedSpec::owns`], the status page's
///   incidents) do not count, and a folder of only such pages becomes it too;
/// - any other content there (a page, a section with pages) keeps the URL, and the
///   generated page moves to [`free_path`], with a `duplicate-url` note at the content.
fn place(site: &mut Site, instance: Instance, language: Option<&str>, diagnostics: &mut Vec<Diagnostic>) -> PageId {
    let other = match site.index.by_url.get(&instance.site_path) {
        Some(&other) if !site.pages[other].origin.is_generated() => other,
        _ => {
            let page = instance.page.clone();
            let id = add_generated_page(site, instance.page, instance.site_path, instance.title, diagnostics);
            register(site, id, page, language);
            return id;
        }
    };
    let url = instance.site_path.clone();
    let owns = instance.page.spec().owns;
    let alone = !site
        .pages
        .iter()
        .enumerate()
        .any(|(id, page)| page.site_path.len() > url.len() && page.site_path.starts_with(&url) && !owns(site, id));
    let owned_folder = site.pages[other].origin == PageOrigin::Folder && alone;
    if (site.pages[other].origin == PageOrigin::SectionFile || owned_folder) && alone {
        // Its title: `title` or the first heading once rendered (`Site::arrange`).
        let page = &mut site.pages[other];
        page.title = instance.title;
        page.origin = PageOrigin::Generated(instance.page.clone());
        register(site, other, instance.page, language);
        return other;
    }
    let moved = free_path(site, &url);
    let file = site.pages[other].source.file.clone();
    let name = instance.title.to_lowercase();
    // A language's copy of the content in the way is said once, at the original.
    let said = language.is_some() && site.is_fallback(other);
    diagnostics.extend((!said).then(|| {
        Diagnostic::error(
            Rule::DuplicateUrl,
            &file,
            0,
            0,
            format!("the content at /{url} keeps its URL; the {name} page opsbook generates moves to /{moved}"),
        )
        .with_severity(Severity::Note)
        .with_help(format!(
            "to show the generated page at /{url} instead, make the folder hold only an `_index.md`, which then gives its title and introduction"
        ))
    }));
    let page = instance.page.clone();
    let id = add_generated_page(site, instance.page, moved, instance.title, diagnostics);
    register(site, id, page, language);
    id
}

/// The URL a generated page at `site_path` (`search/`) moves to when content has it:
/// `handbook-search/`, else `handbook-search-2/`, `-3/`… — the first that no page,
/// alias, file of `content/` or file opsbook writes uses, at it or under it. A page of
/// another language's folder stays in it (`de/handbook-search/`).
pub(super) fn free_path(site: &Site, site_path: &str) -> String {
    let languages = &site.config.languages;
    let rest = languages.strip(site_path);
    let prefix = &site_path[..site_path.len() - rest.len()];
    let stem = format!("{prefix}handbook-{}", rest.trim_end_matches('/'));
    let used = |candidate: &str| {
        let dir = candidate.trim_end_matches('/');
        let taken = |path: &String| path == dir || path.starts_with(candidate);
        let mut aliases = site.pages.iter().enumerate().flat_map(|(id, page)| {
            page.source.front.aliases.iter().filter_map(move |alias| site.alias_path(id, &alias.value).ok())
        });
        site.index.by_url.keys().any(taken)
            || site.index.asset_urls.iter().any(taken)
            || site.index.files.iter().any(taken)
            || aliases.any(|alias| taken(&alias))
    };
    (1..)
        .map(|n| if n == 1 { format!("{stem}/") } else { format!("{stem}-{n}/") })
        .find(|candidate| !used(candidate))
        .unwrap_or_default()
}

/// Adds generated page `page` at `site_path`, titled `title`; says so when a content page has
/// its URL already.
fn add_generated_page(
    site: &mut Site,
    page: GeneratedPage,
    site_path: String,
    title: String,
    diagnostics: &mut Vec<Diagnostic>,
) -> PageId {
    let id = site.pages.len();
    let source = std::sync::Arc::new(SourcePage::without_file(String::new(), String::new()));
    site.pages.push(Page {
        site_path: site_path.clone(),
        title,
        kind: "page".into(),
        parent: Some(0),
        origin: PageOrigin::Generated(page.clone()),
        ..blank_page(source)
    });
    site.position.push(usize::MAX);
    if let Some(&other) = site.index.by_url.get(&site_path) {
        let file = site.pages[other].source.file.clone();
        diagnostics.push(
            Diagnostic::error(
                Rule::DuplicateUrl,
                &file,
                1,
                1,
                format!("`{file}` has the URL /{site_path}, which opsbook uses for a page it generates"),
            )
            .with_help(if site.config.search_page == site_path {
                "rename the file or its folder, give it another `slug`, or move the search page with `[search] page = \"find\"`"
            } else {
                "rename the file or its folder, or give it another `slug`"
            }),
        );
    } else {
        std::sync::Arc::make_mut(&mut site.index).by_url.insert(site_path, id);
    }
    id
}

/// Fills every page's backlinks from the links found in the Markdown, in reading order,
/// orders the index lists the same way and names each tag by its most used spelling.
pub(super) fn collect_backlinks(site: &mut Site) {
    // By target, the pages linking to it: each page once (the pages are read in order,
    // so a page linking twice to one target is its list's last), then in reading order.
    // A page many link to has a long list: no search through it.
    let mut backlinks: Vec<Vec<PageId>> = vec![Vec::new(); site.pages.len()];
    for (from, page) in site.pages.iter().enumerate() {
        for to in page.link_targets() {
            let Some(list) = backlinks.get_mut(to).filter(|_| to != from) else { continue };
            if list.last() != Some(&from) {
                list.push(from);
            }
        }
    }
    let position = &site.position;
    for (page, mut from) in site.pages.iter_mut().zip(backlinks) {
        from.sort_by_key(|&id| position[id]);
        page.backlinks = from;
    }
    for tag in site.indexes.tags.values_mut() {
        tag.pages.sort_by_key(|&id| position[id]);
    }
    for owner in site.indexes.owners.values_mut() {
        owner.pages.sort_by_key(|&id| position[id]);
    }
    let slugs: Vec<String> = site.indexes.tags.keys().cloned().collect();
    name_tags(site, &slugs);
}

/// Updates the backlinks after pages `changed` were rendered again, when the reading
/// order stayed the same (else [`collect_backlinks`]): the same result, in time
/// proportional to the change. Renames the tags of those pages too.
pub(super) fn update_backlinks(site: &mut Site, changed: &[PageId]) {
    for page in &mut site.pages {
        page.backlinks.retain(|from| !changed.contains(from));
    }
    for &from in changed {
        let targets: Vec<PageId> = site.pages[from].link_targets().filter(|&to| to != from).collect();
        for to in targets {
            let position = &site.position;
            let list = &mut site.pages[to].backlinks;
            if !list.contains(&from) {
                let at = list.partition_point(|&id| position[id] < position[from]);
                list.insert(at, from);
            }
        }
    }
    let slugs: BTreeSet<String> =
        changed.iter().flat_map(|&id| site.pages[id].source.front.tags.iter().map(|t| slugify(t))).collect();
    name_tags(site, &slugs.into_iter().collect::<Vec<_>>());
}

/// After the reading order changed (a title or weight moved a page or a section), puts
/// every page's backlinks and the index lists in the new order, names again the tags
/// whose pages' order changed, then updates the backlinks of pages `changed`
/// ([`update_backlinks`]): the same result as [`collect_backlinks`], without reading
/// every page's links again. The links of the pages not changed are the same, so only
/// the order of their lists can differ.
pub(super) fn reorder_backlinks(site: &mut Site, changed: &[PageId]) {
    let position = &site.position;
    // `collect_backlinks` lists the pages by id and sorts them stably by position.
    let key = |id: &PageId| (position[*id], *id);
    for page in &mut site.pages {
        if !page.backlinks.is_sorted_by_key(key) {
            page.backlinks.sort_by_key(key);
        }
    }
    let by_position = |id: &PageId| position[*id];
    let mut renamed = Vec::new();
    for (slug, tag) in &mut site.indexes.tags {
        if !tag.pages.is_sorted_by_key(by_position) {
            tag.pages.sort_by_key(by_position);
            renamed.push(slug.clone());
        }
    }
    for owner in site.indexes.owners.values_mut() {
        if !owner.pages.is_sorted_by_key(by_position) {
            owner.pages.sort_by_key(by_position);
        }
    }
    // A tag's name is its most used spelling, the earliest in its pages' order on a tie.
    name_tags(site, &renamed);
    update_backlinks(site, changed);
}

/// Names each tag of `slugs` by its most used spelling, the earliest in reading order on
/// a tie, and titles its page so.
fn name_tags(site: &mut Site, slugs: &[String]) {
    let mut named = Vec::new();
    // A tag's pages spell their tags a few ways: each spelling is slugged once, each
    // page's tags are looked up once (a page is in the list of each of its tags), and
    // spellings and slugs are compared by their places in `names`.
    let mut names = Slugs::default();
    let mut page_names: Vec<Option<Vec<usize>>> = vec![None; site.pages.len()];
    for slug in slugs {
        let Some(tag) = site.indexes.tags.get(slug) else { continue };
        let mut slug_at = None;
        // Spelling (by place) -> how many times, in the order first seen.
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for &id in &tag.pages {
            // A page is read once, for its first tag: the later ones find its places.
            let placed = page_names[id]
                .get_or_insert_with(|| site.pages[id].source.front.tags.iter().map(|s| names.place(s)).collect());
            let Some(wanted) = slug_at.or_else(|| names.slug_place(slug)) else { continue };
            for &name in placed.iter().filter(|&&name| names.slug_of(name) == wanted) {
                match counts.iter_mut().find(|(spelling, _)| *spelling == name) {
                    Some(entry) => entry.1 += 1,
                    None => counts.push((name, 1)),
                }
            }
            slug_at = Some(wanted);
        }
        if let Some(&(name, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) {
            named.push((slug, tag.page, names.name(name).to_string()));
        }
    }
    for (slug, page, name) in named {
        site.pages[page].title = name.clone();
        if let Some(tag) = site.indexes.tags.get_mut(slug) {
            tag.name = name;
        }
    }
}

/// The slugs of names ([`slugify`]), each worked out once: each name and each slug
/// gets a place, so that names of one slug are found by comparing numbers.
#[derive(Default)]
struct Slugs {
    /// Name -> its place in `names`.
    places: FastHashMap<String, usize>,
    /// By place: the name, and the place of its slug in `slugs`.
    names: Vec<(String, usize)>,
    /// Slug -> its place in `slugs`.
    slug_places: FastHashMap<String, usize>,
    /// The slugs worked out.
    slugs: Vec<String>,
}

impl Slugs {
    /// The slug of `name`.
    fn of(&mut self, name: &str) -> &str {
        let at = self.place(name);
        &self.slugs[self.names[at].1]
    }

    /// The place of `name`.
    fn place(&mut self, name: &str) -> usize {
        if let Some(&at) = self.places.get(name) {
            return at;
        }
        let slug = slugify(name);
        let slug_at = match self.slug_places.get(&slug) {
            Some(&at) => at,
            None => {
                self.slug_places.insert(slug.clone(), self.slugs.len());
                self.slugs.push(slug);
                self.slugs.len() - 1
            }
        };
        self.names.push((name.to_string(), slug_at));
        self.places.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }

    /// The name at place `at` ([`Slugs::place`]).
    fn name(&self, at: usize) -> &str {
        &self.names[at].0
    }

    /// The place of the slug of the name at place `at`.
    fn slug_of(&self, at: usize) -> usize {
        self.names[at].1
    }

    /// The place of `slug`, if a name given so far has it.
    fn slug_place(&self, slug: &str) -> Option<usize> {
        self.slug_places.get(slug).copied()
    }
}

/// The pages due, overdue or never reviewed: overdue first (most overdue first), then
/// never reviewed, then due soon (soonest first).
pub(crate) fn review_queue(site: &Site) -> Vec<PageId> {
    let mut queue: Vec<(PageId, super::review::Review)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|&(id, _)| site.in_model(id))
        .filter_map(|(id, page)| {
            let review = page.review?;
            (review.status? != ReviewStatus::Fresh).then_some((id, review))
        })
        .collect();
    queue.sort_by_key(|(id, review)| (review.status, review.days_left.unwrap_or(0), site.position[*id]));
    queue.into_iter().map(|(id, _)| id).collect()
}
