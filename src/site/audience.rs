//! Which pages a build leaves out: drafts (unless `--drafts`), in a Hugo handbook the
//! pages Hugo never renders (its build options: `build.render: never`, `headless`, and
//! the same in a section's `cascade`, which covers the section's page too unless that
//! page renders itself), and, in a public build, internal pages.
//!
//! A page is internal when its front matter says `visibility: internal`, or when it
//! lies under a section whose own page says so (the section's `_index.md`, `index.md`,
//! or the README that stands for it), or under the mount of a source whose
//! `[[sources]]` table says `visibility = "internal"`, or when it is reached through a
//! symbolic link (of the content folder or of a mounted folder, to a file or a folder)
//! whose real place is in such a section or source: a link gives no file a wider
//! audience than its real place has. A public build leaves internal pages out before
//! the site model is made: no navigation, catalog, tag, owner, backlink, search entry,
//! feed entry or redirect can mention them, and the files in internal sections are not
//! copied. What it keeps of them is only what link checking needs to say "this link
//! points to an internal page": their paths and the URLs they would have.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{Audience, Config};
use crate::content::SourcePage;
use crate::content::fields::Visibility;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;

/// Why a file is not in this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LeftOut {
    /// A draft, and the build does not include drafts.
    Draft,
    /// Internal, and the build is public.
    Internal,
    /// Never rendered: Hugo's `build.render` is `never`, or the page is
    /// `headless`, itself or by its section's `cascade`.
    Unrendered,
    /// A resource of the leaf bundle it is in (Hugo's: a folder with an `index.md`),
    /// never a page of its own.
    Resource,
}

/// The rules of one build: which sections and pages stay out.
pub(super) struct Exclusions {
    drafts: bool,
    public: bool,
    draft_dirs: Vec<String>,
    /// Whether `published: false` makes a page a draft (the old tool's rule).
    unpublished: bool,
    internal_dirs: Vec<String>,
    /// Sections whose `cascade` says Hugo never renders them, with whether the
    /// section's own page is rendered all the same (its own `build.render: always`).
    unrendered_dirs: Vec<(String, bool)>,
    /// Whether pages' build options are read (the old tool's rules).
    build_options: bool,
    /// The symbolic links the walk followed into the content tree: each link's content
    /// path -> the content path of its real place.
    links: HashMap<String, String>,
    /// The folders of the languages other than the default (`de`): a page or folder
    /// under one is a translation, as internal as its original.
    other_languages: Vec<String>,
    /// The content paths of the pages whose own front matter says `visibility: internal`.
    internal_pages: HashSet<String>,
    /// The folders of the leaf bundles, outermost only, when the old tool has them.
    leaf_bundles: HashSet<String>,
}

impl Exclusions {
    /// Reads the drafts and the internal sections among the loaded pages, and where the
    /// symbolic links the walk followed (`links`) really lead; the old tool's rules of what
    /// is not published apply: `drafts_folder`, a folder whose pages are drafts wherever
    /// it is, and `build_options`, whether pages' build options are read (they elsewhere
    /// mean nothing, so a page never disappears by a key of another tool).
    pub(super) fn new(
        config: &Config,
        loaded: &[Arc<SourcePage>],
        links: &[(String, PathBuf)],
        (drafts_folder, unpublished): (Option<&str>, bool),
        (build_options, leaf_bundles): (bool, bool),
    ) -> Exclusions {
        let drafts = config.drafts;
        let mut draft_dirs: Vec<String> = loaded
            .iter()
            .filter(|p| !drafts && p.front.draft && super::index_rank(p).is_some_and(|r| r < 2))
            .map(|p| p.dir().to_string())
            .collect();
        // Jekyll publishes the posts of a `_drafts` folder only with `--drafts`
        // (<https://jekyllrb.com/docs/posts/#drafts>): they are drafts.
        if let Some(folder) = drafts_folder.filter(|_| !drafts) {
            let marker = format!("{folder}/");
            for page in loaded {
                if let Some(at) = page.path.find(&marker).filter(|&at| at == 0 || page.path[..at].ends_with('/')) {
                    let dir = page.path[..at + folder.len()].to_string();
                    if !draft_dirs.contains(&dir) {
                        draft_dirs.push(dir);
                    }
                }
            }
        }
        // The page that stands for each folder: the best-ranked index file in it.
        let mut best: HashMap<&str, u8> = HashMap::new();
        for page in loaded {
            if let Some(rank) = super::index_rank(page) {
                let entry = best.entry(page.dir()).or_insert(rank);
                *entry = (*entry).min(rank);
            }
        }
        let internal_dirs = loaded
            .iter()
            .filter(|p| visibility(p) == Some(Visibility::Internal))
            .filter(|p| super::index_rank(p).is_some_and(|rank| best.get(p.dir()) == Some(&rank)))
            .map(|p| p.dir().to_string())
            // A source mounted with `visibility = "internal"` is an internal section.
            .chain(config.sources.list.iter().filter(|s| s.internal).map(|s| s.mount.clone()))
            .collect();
        let links = match config.confinement().filter(|_| !links.is_empty()) {
            Some(confine) => links
                .iter()
                .filter_map(|(link, target)| Some((link.clone(), confine.content_path_of(target)?)))
                .filter(|(link, real)| link != real)
                .collect(),
            None => HashMap::new(),
        };
        // Hugo applies a section's cascade to the section's page too, unless it sets its
        // own; a closer section's cascade wins over one further up.
        let unrendered_dirs = loaded
            .iter()
            .filter(|_| build_options)
            .filter(|p| super::index_rank(p).is_some_and(|r| r < 2))
            .filter_map(|p| Some((p.dir().to_string(), p.front.cascade_render?, p.front.render == Some(true))))
            .collect::<Vec<_>>();
        let rendered: Vec<String> =
            unrendered_dirs.iter().filter(|(_, render, _)| *render).map(|(dir, _, _)| format!("{dir}/")).collect();
        let unrendered_dirs = unrendered_dirs
            .into_iter()
            .filter(|(dir, render, _)| {
                let path = format!("{dir}/");
                // A section below that cascades `always` again is not left out.
                !render && !rendered.iter().any(|r| r.len() > path.len() && r.starts_with(&path))
            })
            .map(|(dir, _, own)| (dir, own))
            .collect();
        let other_languages =
            if config.languages.is_multilingual() { config.languages.list[1..].to_vec() } else { Vec::new() };
        let internal_pages = loaded
            .iter()
            .filter(|p| !other_languages.is_empty() && visibility(p) == Some(Visibility::Internal))
            .map(|p| p.path.clone())
            .collect();
        Exclusions {
            drafts,
            public: config.audience == Audience::Public,
            draft_dirs,
            unpublished,
            internal_dirs,
            unrendered_dirs,
            build_options,
            links,
            other_languages,
            internal_pages,
            leaf_bundles: if leaf_bundles { leaf_bundle_dirs(loaded) } else { HashSet::new() },
        }
    }

    /// The content path of the original of a translation (`de/runbooks/db.md` ->
    /// `runbooks/db.md`, `de/runbooks/` -> `runbooks/`); `None` for a path of the default
    /// language.
    fn original<'p>(&self, path: &'p str) -> Option<&'p str> {
        self.other_languages.iter().find_map(|code| {
            let rest = path.strip_prefix(code.as_str())?;
            if rest.is_empty() { Some(rest) } else { rest.strip_prefix('/') }
        })
    }

    /// Whether the content path `path` (a page, or a folder ending in `/`) is in an
    /// internal section, really or through a link.
    fn in_internal_dir(&self, path: &str) -> bool {
        under(&self.internal_dirs, path) || self.linked_into_internal(path)
    }

    /// The content path of the real place of `path` when it is reached through one of
    /// the links the walk followed (the innermost one).
    fn real_path(&self, path: &str) -> Option<String> {
        let trimmed = path.trim_end_matches('/');
        let slash = &path[trimmed.len()..];
        let (link, real) = dir_and_parents(trimmed).find_map(|link| Some((link, self.links.get(link)?)))?;
        Some(format!("{real}{}{slash}", &trimmed[link.len()..]))
    }

    /// Whether `path` (a file, or a folder ending in `/`) is reached through a link
    /// whose real place is in an internal section or source.
    pub(super) fn linked_into_internal(&self, path: &str) -> bool {
        !self.links.is_empty() && self.real_path(path).is_some_and(|real| under(&self.internal_dirs, &real))
    }

    /// The content path of the real place of `path`, when a link leads there.
    pub(super) fn real_place(&self, path: &str) -> Option<String> {
        if self.links.is_empty() { None } else { self.real_path(path) }
    }

    /// Whether the build is public.
    pub(super) fn public(&self) -> bool {
        self.public
    }

    /// Why `page` is left out of this build, if it is.
    pub(super) fn page(&self, page: &SourcePage) -> Option<LeftOut> {
        if self.public && self.is_internal(page) {
            Some(LeftOut::Internal)
        } else if (!self.drafts && (page.front.draft || (self.unpublished && unpublished(page))))
            || under(&self.draft_dirs, &page.path)
        {
            Some(LeftOut::Draft)
        } else if self.unrendered(page) {
            Some(LeftOut::Unrendered)
        } else if self.is_bundle_resource(&page.path) {
            Some(LeftOut::Resource)
        } else {
            None
        }
    }

    /// Whether the page at content path `path` is a resource of a leaf bundle: any page
    /// below the bundle's folder but the bundle's own `index` files. Its folders are
    /// looked up from the nearest, so a page costs its depth, not the bundles' number.
    fn is_bundle_resource(&self, path: &str) -> bool {
        if self.leaf_bundles.is_empty() {
            return false;
        }
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let own_index = is_bundle_index(path);
        let mut folder = dir;
        loop {
            if !(folder == dir && own_index) && self.leaf_bundles.contains(folder) {
                return true;
            }
            let Some((parent, _)) = folder.rsplit_once('/') else { return false };
            folder = parent;
        }
    }

    /// Whether Hugo never renders `page`: its own build options, else those its
    /// sections cascade (the section's own page kept when it says `render: always`).
    fn unrendered(&self, page: &SourcePage) -> bool {
        if !self.build_options {
            return false;
        }
        match page.front.render {
            Some(render) => !render,
            None => self.unrendered_dirs.iter().any(|(dir, own_rendered)| {
                let own_page = *own_rendered && page.dir() == dir && super::index_rank(page).is_some_and(|r| r < 2);
                !own_page && under_dir(dir, &page.path)
            }),
        }
    }

    /// Why the folder `dir` (and all it holds) is left out, if it is.
    pub(super) fn dir(&self, dir: &str) -> Option<LeftOut> {
        let path = format!("{dir}/");
        if self.public && self.is_internal_dir(dir) {
            Some(LeftOut::Internal)
        } else if under(&self.draft_dirs, &path) {
            Some(LeftOut::Draft)
        } else if self.unrendered_dirs.iter().any(|(dir, own)| !own && under_dir(dir, &path)) {
            Some(LeftOut::Unrendered)
        } else {
            None
        }
    }

    /// Whether a page is internal: its own `visibility`, or its section's, or that of
    /// the section its real place is in; a translation is also internal when its
    /// original is, by the original's own front matter or its section, whatever the
    /// translation says: a translation never reaches a wider audience than its original.
    pub(super) fn is_internal(&self, page: &SourcePage) -> bool {
        visibility(page) == Some(Visibility::Internal)
            || self.in_internal_dir(&page.path)
            || self
                .original(&page.path)
                .is_some_and(|original| self.internal_pages.contains(original) || self.in_internal_dir(original))
    }

    /// Whether the folder `dir` is in an internal section (really, or through a link),
    /// or is the translation of a folder that is.
    pub(super) fn is_internal_dir(&self, dir: &str) -> bool {
        let path = format!("{dir}/");
        self.in_internal_dir(&path) || self.original(&path).is_some_and(|original| self.in_internal_dir(original))
    }

    /// In a public build, the folders whose pages (in them or below) are all internal,
    /// though no section page says so: the files in them are left out with the pages,
    /// as in an internal section, and the files of the folders below them. Folders that
    /// hold no page at all are not among them.
    pub(super) fn internal_only_dirs(&self, loaded: &[Arc<SourcePage>]) -> HashSet<String> {
        let mut internal = HashSet::new();
        let mut public = HashSet::new();
        if !self.public || !loaded.iter().any(|page| self.is_internal(page)) {
            return internal;
        }
        for page in loaded {
            let set = if self.is_internal(page) { &mut internal } else { &mut public };
            // The pages of a folder come one after another: most folders are known.
            for dir in dir_and_parents(page.dir()) {
                if !set.contains(dir) {
                    set.insert(dir.to_string());
                }
            }
        }
        internal.retain(|dir| !public.contains(dir));
        internal
    }

    /// The internal sections' folders, their translations' folders, and the linked
    /// folders whose real place is in one, when the build is public.
    pub(super) fn left_out_dirs(&self) -> HashSet<String> {
        if !self.public {
            return HashSet::new();
        }
        let linked = self.links.iter().filter(|(link, _)| self.linked_into_internal(&format!("{link}/")));
        let translated = self.internal_dirs.iter().flat_map(|dir| {
            self.other_languages
                .iter()
                .map(move |code| if dir.is_empty() { code.clone() } else { format!("{code}/{dir}") })
        });
        self.internal_dirs.iter().cloned().chain(translated).chain(linked.map(|(link, _)| link.clone())).collect()
    }

    /// Warnings for pages that say `visibility: public` inside an internal section,
    /// where it has no effect.
    pub(super) fn check(&self, loaded: &[Arc<SourcePage>], diagnostics: &mut Vec<Diagnostic>) {
        for page in loaded {
            if let Some(field) = page.front.visibility.as_ref().filter(|v| v.value == Visibility::Public)
                && under(&self.internal_dirs, &page.path)
            {
                diagnostics.push(
                    Diagnostic::error(
                        Rule::FrontMatterField,
                        &page.file,
                        field.line,
                        field.column,
                        "`visibility: public` has no effect here: the page is in an internal section",
                    )
                    .with_severity(Severity::Warning)
                    .with_help("move the page out of the internal section to publish it"),
                );
            }
        }
    }
}

/// Whether the page at content path `path` is named `index` (`index.md`, `index.de.md`).
fn is_bundle_index(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.split('.').next().is_some_and(|stem| stem.eq_ignore_ascii_case("index"))
}

/// The folders of Hugo's leaf bundles among the pages `loaded`
/// (<https://gohugo.io/content-management/page-bundles/>): each folder below the root
/// with an `index` page and no `_index` page, the outermost only (a leaf bundle has no
/// descendants: a folder with an `index` page inside one is one of its resources).
/// The content folder itself is left out: Hugo reads an `index.md` there as a home page
/// that holds every other file, which it warns is "usually incorrect".
fn leaf_bundle_dirs(loaded: &[Arc<SourcePage>]) -> HashSet<String> {
    let branches: HashSet<&str> = loaded.iter().filter(|p| super::index_rank(p) == Some(0)).map(|p| p.dir()).collect();
    let mut leaves: Vec<&str> = loaded
        .iter()
        .filter(|p| is_bundle_index(&p.path) && !p.dir().is_empty() && !branches.contains(p.dir()))
        .map(|p| p.dir())
        .collect();
    leaves.sort_unstable();
    leaves.dedup();
    let mut outermost: HashSet<String> = HashSet::new();
    for dir in leaves {
        // Sorted, so every folder that may hold it was seen before it.
        let mut ancestors = std::iter::successors(dir.rsplit_once('/'), |(parent, _)| parent.rsplit_once('/'));
        if !ancestors.any(|(parent, _)| outermost.contains(parent)) {
            outermost.insert(dir.to_string());
        }
    }
    outermost
}

/// In a public build, the site paths of the files of `content/` that internal pages or
/// internal blocks link to or show and no public page does: they are not copied, so a
/// diagram or an attachment that only internal text uses is not published beside the
/// public pages. Files that no page links to are copied as before.
pub(crate) fn files_used_only_internally(site: &super::Site) -> HashSet<String> {
    let mut internal: HashSet<String> =
        site.pages.iter().flat_map(|p| p.rendered.internal_assets.iter().cloned()).collect();
    if site.config.audience == Audience::Public {
        let links = site.links();
        for page in &site.internal_pages {
            for destination in crate::markdown::links::destinations(page.body()) {
                if let crate::markdown::links::Resolution::File { asset: Some(asset), .. } =
                    crate::markdown::links::LinkResolver::resolve(&links, page.dir(), &destination)
                {
                    internal.insert(asset);
                }
            }
        }
    }
    if internal.is_empty() {
        return internal;
    }
    for page in &site.pages {
        for asset in &page.rendered.assets {
            internal.remove(asset);
        }
    }
    internal
}

/// `dir`, its parent, and so on up to `""`, the content folder.
pub(super) fn dir_and_parents(dir: &str) -> impl Iterator<Item = &str> {
    let mut next = Some(dir);
    std::iter::from_fn(move || {
        let dir = next?;
        next = match dir.rsplit_once('/') {
            Some((parent, _)) => Some(parent),
            None if dir.is_empty() => None,
            None => Some(""),
        };
        Some(dir)
    })
}

fn visibility(page: &SourcePage) -> Option<Visibility> {
    page.front.visibility.as_ref().map(|v| v.value)
}

/// Whether `path` is inside one of `dirs` (`""` is the whole content folder).
fn under(dirs: &[String], path: &str) -> bool {
    dirs.iter().any(|d| under_dir(d, path))
}

/// Whether `path` is in the folder `dir` or below it (every path is in the root, `""`).
fn under_dir(dir: &str, path: &str) -> bool {
    dir.is_empty() || path.strip_prefix(dir).is_some_and(|rest| rest.starts_with('/'))
}

/// The site paths the internal pages left out of a public build would have had (`name/`,
/// or `name.html` where the old tool publishes so), to their content paths: a link
/// written as a URL to one of them is found out too.
pub(super) fn left_out_urls(
    loaded: &[Arc<SourcePage>],
    left_out: &FastHashMap<String, LeftOut>,
    rules: super::urls::UrlRules<'_>,
) -> FastHashMap<String, String> {
    let section_slugs: HashMap<&str, &str> = loaded
        .iter()
        .filter(|p| super::index_rank(p).is_some())
        .filter_map(|p| p.front.slug.as_ref().map(|s| (p.dir(), s.value.as_str())))
        .collect();
    let dir_url = |dir: &str| {
        let mut url = String::new();
        let mut prefix = String::new();
        for segment in dir.split('/').filter(|s| !s.is_empty()) {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(segment);
            url.push_str(
                &rules.segment(
                    section_slugs
                        .get(prefix.as_str())
                        .copied()
                        .unwrap_or_else(|| crate::content::prefix::strip_number_prefix(segment, rules.strip)),
                ),
            );
            url.push('/');
        }
        url
    };
    loaded
        .iter()
        .filter(|p| left_out.get(&p.path) == Some(&LeftOut::Internal))
        .map(|page| {
            let base = dir_url(page.dir());
            let url = if super::index_rank(page).is_some() {
                base
            } else {
                format!("{base}{}", super::urls::page_tail(page, &rules))
            };
            (url, page.path.clone())
        })
        .collect()
}

/// Whether `page`'s front matter says `published: false`.
fn unpublished(page: &SourcePage) -> bool {
    page.front.fields.get("published").is_some_and(|field| field.value.value == crate::content::node::Node::Bool(false))
}
