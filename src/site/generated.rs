//! The pages opsbook generates from the model rather than from a file, as one table
//! ([`GENERATED_PAGES`]): for each, which pages the site has of it (URL and title), the
//! page it sits under, its template (with the built-in theme's copy), whether the
//! sitemap lists it, and what invalidates it when `serve` rebuilds a few pages.
//!
//! Everything that treats generated pages reads this table: the model adds their pages
//! ([`super::indexes::add_index_pages`]), the renderer picks their template, the theme
//! embeds their built-in templates, the sitemap lists them and incremental rebuilds
//! re-render them. Adding a generated page takes a variant of [`GeneratedPage`] and a
//! row here, a view (`render/views/lists.rs`, [`IndexView`] — the compiler asks for it)
//! and a template in `themes/default/templates/`.
//!
//! [`IndexView`]: crate::render::views::IndexView

use super::{PageId, Site};

/// One page opsbook generates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum GeneratedPage {
    /// `/owners/`: every owner and their pages.
    Owners,
    /// `/tags/`: every tag.
    Tags,
    /// `/tags/<slug>/`: the pages of one tag.
    Tag(String),
    /// `/review/`: the pages due or overdue for review.
    Review,
    /// `/search/`: the search page (`?q=WORDS`).
    Search,
    /// `/alerts/`: every alert with its runbook.
    Alerts,
    /// `/status/`: the public status page (`[status]`).
    Status,
    /// `/print/<section>/`: every page of one section (the section page by id) on one
    /// page, for printing before an audit or an outage.
    Print(PageId),
    /// `/authors/`: every author of posts and pages.
    Authors,
    /// `/authors/<slug>/`: one author's posts and pages.
    Author(String),
    /// `<blog>/page/<n>/`: the blog of a section (by id), its `n`th page of posts (from 2).
    BlogPage(PageId, usize),
    /// `/community/`: the peers of `[[peers]]`, their state, reviews and runbooks.
    Community,
}

impl GeneratedPage {
    /// The page it sits under when that is no generated page: a blog's page of older
    /// posts under the blog, a section's print page under the home page of the
    /// section's language; `None` for the others ([`GeneratedSpec::parent`]).
    pub(crate) fn placed_under(&self, site: &Site) -> Option<PageId> {
        match *self {
            GeneratedPage::BlogPage(section, _) => Some(section),
            GeneratedPage::Print(section) => Some(site.language_home(section)),
            _ => None,
        }
    }

    /// Its row of [`GENERATED_PAGES`].
    pub fn spec(&self) -> &'static GeneratedSpec {
        match self {
            GeneratedPage::Owners => &OWNERS,
            GeneratedPage::Tags => &TAGS,
            GeneratedPage::Tag(_) => &TAG,
            GeneratedPage::Review => &REVIEW,
            GeneratedPage::Search => &SEARCH,
            GeneratedPage::Alerts => &ALERTS,
            GeneratedPage::Status => &STATUS,
            GeneratedPage::Print(_) => &PRINT,
            GeneratedPage::Authors => &AUTHORS,
            GeneratedPage::Author(_) => &AUTHOR,
            GeneratedPage::BlogPage(..) => &BLOG_PAGE,
            GeneratedPage::Community => &COMMUNITY,
        }
    }
}

/// When a generated page must be rendered again after some pages changed (besides a
/// full rebuild, which renders every page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalidation {
    /// Never: it shows no other page.
    Nothing,
    /// When any page is shown differently (title, URL, description, kind, owners, tags,
    /// review state, fields) or the reading order changes: it lists every page.
    AnyPage,
    /// When a page with its tag is shown differently or the reading order changes.
    TaggedPage,
    /// When anything of a page beneath its section changes, its text included (it shows
    /// their content), or the reading order changes.
    PageBeneath,
}

/// One generated page of a site: what [`GeneratedSpec::instances`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// Which page.
    pub page: GeneratedPage,
    /// Its site path (`owners/`).
    pub site_path: String,
    /// Its title.
    pub title: String,
}

/// A row of [`GENERATED_PAGES`]: one kind of generated page.
#[derive(Debug)]
pub struct GeneratedSpec {
    /// The pages of this kind `site` has, in order: none when there is nothing to list.
    /// Read after the owners and tags are collected ([`super::indexes::Indexes`]).
    pub instances: fn(&Site) -> Vec<Instance>,
    /// The generated page its pages sit under; the home page when `None` (unless
    /// [`GeneratedPage::placed_under`] names another page).
    pub parent: Option<GeneratedPage>,
    /// Whether each language of a handbook of several has its own copy of each of its
    /// pages, under the language's folder (`de/owners/`), that lists the pages of the
    /// language's site in its words; else its pages are the default language's only
    /// (a section's print page and blog pages, which are a language's own already).
    pub per_language: bool,
    /// The key of the theme's words ([`super::strings`]) that titles its pages in each
    /// language (`owners`); `None` for pages titled by what they show (a tag's name).
    pub title_key: Option<&'static str>,
    /// The key of the theme's words that describes its pages in each language (their
    /// `<meta name="description">`), unless the page's own file gives one.
    pub description_key: Option<&'static str>,
    /// The template that renders it, unless its front matter names another.
    pub template: &'static str,
    /// The built-in theme's copy of the template.
    pub builtin_template: &'static [u8],
    /// Whether `sitemap.xml` lists its pages.
    pub in_sitemap: bool,
    /// When `serve` renders it again.
    pub invalidated_by: Invalidation,
    /// The content pages that belong under its URL without taking it (the status
    /// page's incidents and maintenances in `content/status/`): a section holding only
    /// such pages becomes the generated page instead of moving it.
    pub owns: fn(&Site, PageId) -> bool,
}

/// For the rows whose page owns no content page.
fn owns_nothing(_: &Site, _: PageId) -> bool {
    false
}

/// The built-in theme's copy of a template.
macro_rules! builtin {
    ($name:literal) => {
        include_bytes!(concat!("../../themes/default/templates/", $name))
    };
}

/// One page titled `title` at `site_path` when `wanted`.
pub(crate) fn single(wanted: bool, page: GeneratedPage, site_path: &str, title: &str) -> Vec<Instance> {
    if wanted {
        vec![Instance { page, site_path: site_path.to_string(), title: title.to_string() }]
    } else {
        Vec::new()
    }
}

static OWNERS: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let any = site.pages.iter().any(|page| !page.owners.is_empty());
        single(any, GeneratedPage::Owners, "owners/", "Owners")
    },
    parent: None,
    per_language: true,
    title_key: Some("owners"),
    description_key: Some("owners_lead"),
    template: "owners.html",
    builtin_template: builtin!("owners.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

static TAGS: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let any = site.pages.iter().any(|page| !page.source.front.tags.is_empty());
        single(any, GeneratedPage::Tags, "tags/", "Tags")
    },
    parent: None,
    per_language: true,
    title_key: Some("tags"),
    description_key: None,
    template: "tags.html",
    builtin_template: builtin!("tags.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

static TAG: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        // Under the tags page, wherever it is (it moves when content has `/tags/`).
        let base = site.generated_page(&GeneratedPage::Tags).map_or("tags/", |id| site.pages[id].site_path.as_str());
        let tags = site.indexes.tags.iter();
        tags.map(|(slug, tag)| Instance {
            page: GeneratedPage::Tag(slug.clone()),
            site_path: format!("{base}{slug}/"),
            title: tag.name.clone(),
        })
        .collect()
    },
    parent: Some(GeneratedPage::Tags),
    per_language: true,
    title_key: None,
    description_key: None,
    template: "tag.html",
    builtin_template: builtin!("tag.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::TaggedPage,
    owns: owns_nothing,
};

static REVIEW: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let any = site.pages.iter().any(|page| page.review.is_some());
        single(any, GeneratedPage::Review, "review/", "Review")
    },
    parent: None,
    per_language: true,
    title_key: Some("review"),
    description_key: Some("review_lead"),
    template: "review.html",
    builtin_template: builtin!("review.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

static SEARCH: GeneratedSpec = GeneratedSpec {
    // One per language: a language's readers search its own site.
    // One per language (`per_language`): a language's readers search its own index.
    instances: |site| single(site.config.search, GeneratedPage::Search, &site.config.search_page, "Search"),
    parent: None,
    per_language: true,
    title_key: Some("search_title"),
    description_key: Some("search_description"),
    template: "search.html",
    builtin_template: builtin!("search.html"),
    // It has no content of its own.
    in_sitemap: false,
    invalidated_by: Invalidation::Nothing,
    owns: owns_nothing,
};

/// `/alerts/`: every alert with its runbook, when a runbook answers one (the alerts
/// feature's page, `crate::alerts`).
pub(crate) static ALERTS: GeneratedSpec = GeneratedSpec {
    instances: |site| site.features.instances(site, &ALERTS),
    parent: None,
    per_language: true,
    title_key: Some("alerts"),
    description_key: Some("alerts_description"),
    template: "alerts.html",
    builtin_template: builtin!("alerts.html"),
    in_sitemap: true,
    // It shows each runbook's title, service, severity, owners and review state; which
    // alerts there are changes only through a whole build.
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

static STATUS: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let words = site.words.of(site.config.languages.default_language());
        let title = site.features.page_title(site, &GeneratedPage::Status, words);
        single(title.is_some(), GeneratedPage::Status, "status/", title.as_deref().unwrap_or_default())
    },
    parent: None,
    per_language: true,
    title_key: None,
    description_key: Some("status_description"),
    template: "status.html",
    builtin_template: builtin!("status.html"),
    in_sitemap: true,
    // It shows every incident and maintenance; a change to the model makes the fast
    // rebuild of `serve` build everything again (`Site::status_differs`).
    invalidated_by: Invalidation::AnyPage,
    owns: |site, id| site.features.owns(site, id),
};

/// The most pages beneath a section that still gets a print page of its own.
///
/// A print page copies every page beneath its section. So that each page is copied
/// once, only the largest sections that fit get one: a section with at most this many
/// pages beneath it whose parent has more (or is a home page, a language's too). A section inside one
/// links to its part of that page ([`print_page_of`]); a larger one is printed by its
/// subsections. (Before this rule, a page was copied once for every section above it,
/// and print pages were 58 % of the output of a 900-page handbook.)
pub(crate) const MAX_PRINTED_PAGES: usize = 100;

/// Whether section `id` gets a print page of its own (see [`MAX_PRINTED_PAGES`]).
fn prints_itself(site: &Site, beneath: &[usize], id: PageId) -> bool {
    let fits = |id: PageId| (1..=MAX_PRINTED_PAGES).contains(&beneath[id]);
    // A language's home page is a home page: it prints nothing, its sections do.
    let home = |id: PageId| id == 0 || site.is_language_home(id);
    fits(id) && !home(id) && site.pages[id].parent.is_none_or(|parent| home(parent) || !fits(parent))
}

/// The print page that holds section `id`, and whether it is the section's own: the
/// section's, or that of the nearest section above it that has one.
pub(crate) fn print_page_of(site: &Site, id: PageId) -> Option<(PageId, bool)> {
    let mut section = Some(id);
    while let Some(at) = section {
        if let Some(page) = site.generated_page(&GeneratedPage::Print(at)) {
            return Some((page, at == id));
        }
        section = site.pages[at].parent.filter(|&parent| parent != 0);
    }
    None
}

/// For each page, how many content pages are beneath it (at any depth).
fn pages_beneath(site: &Site) -> Vec<usize> {
    let mut beneath = vec![0; site.pages.len()];
    for page in site.pages.iter().filter(|page| !page.origin.is_generated()) {
        let mut parent = page.parent;
        while let Some(id) = parent {
            beneath[id] += 1;
            parent = site.pages[id].parent;
        }
    }
    beneath
}

static PRINT: GeneratedSpec = GeneratedSpec {
    // One per largest section with 1 to MAX_PRINTED_PAGES pages beneath it (the home
    // page aside: that would be the whole handbook), under `print/`, which content
    // rarely uses (and wins if it does).
    instances: |site| {
        let beneath = pages_beneath(site);
        (1..site.pages.len())
            // A section whose URL another has (reported where the two are) prints nothing.
            .filter(|&id| site.index.by_url.get(&site.pages[id].site_path) == Some(&id))
            .filter(|&id| site.pages[id].origin.is_section() && prints_itself(site, &beneath, id))
            .map(|id| Instance {
                page: GeneratedPage::Print(id),
                // A section of another language prints under its language's folder, in its words.
                site_path: {
                    let path = &site.pages[id].site_path;
                    let rest = site.config.languages.strip(path);
                    format!("{}print/{rest}", &path[..path.len() - rest.len()])
                },
                title: format!("{} (print)", site.pages[id].title),
            })
            .collect()
    },
    parent: None,
    per_language: false,
    title_key: None,
    description_key: None,
    template: "print.html",
    builtin_template: builtin!("print.html"),
    // A copy of other pages: neither listed nor a search result.
    in_sitemap: false,
    invalidated_by: Invalidation::PageBeneath,
    owns: owns_nothing,
};

/// `/authors/`: every author, when a page names one (the blog feature's pages,
/// `crate::blog`, as are the two rows after it).
pub(crate) static AUTHORS: GeneratedSpec = GeneratedSpec {
    instances: |site| site.features.instances(site, &AUTHORS),
    parent: None,
    per_language: true,
    title_key: Some("authors"),
    description_key: None,
    template: "authors.html",
    builtin_template: builtin!("authors.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

/// `/authors/<slug>/`: one author's posts and pages, under the authors' page wherever
/// it is.
pub(crate) static AUTHOR: GeneratedSpec = GeneratedSpec {
    instances: |site| site.features.instances(site, &AUTHOR),
    parent: Some(GeneratedPage::Authors),
    per_language: true,
    title_key: None,
    description_key: None,
    template: "author.html",
    builtin_template: builtin!("author.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

/// `<blog>/page/<n>/`: a blog's older posts, from the second page on (`[blog]
/// paginate-path`, jekyll-paginate's `paginate_path`).
pub(crate) static BLOG_PAGE: GeneratedSpec = GeneratedSpec {
    instances: |site| site.features.instances(site, &BLOG_PAGE),
    parent: None,
    per_language: false,
    title_key: None,
    description_key: None,
    template: "blog-page.html",
    builtin_template: builtin!("blog-page.html"),
    in_sitemap: true,
    invalidated_by: Invalidation::AnyPage,
    owns: owns_nothing,
};

static COMMUNITY: GeneratedSpec = GeneratedSpec {
    instances: |site| {
        let wanted = site.peers.is_some();
        single(wanted, GeneratedPage::Community, crate::peers::views::PAGE_PATH, "Community")
    },
    parent: None,
    // The peers are the same whatever the reader's language.
    per_language: false,
    title_key: Some("community"),
    description_key: Some("community_lead"),
    template: "community.html",
    builtin_template: builtin!("community.html"),
    in_sitemap: true,
    // It shows the peers only, which change only through a whole build.
    invalidated_by: Invalidation::Nothing,
    owns: owns_nothing,
};

/// Every kind of generated page, in the order their pages are added to the site.
pub(crate) static GENERATED_PAGES: &[&GeneratedSpec] =
    &[&OWNERS, &TAGS, &TAG, &REVIEW, &SEARCH, &ALERTS, &STATUS, &PRINT, &AUTHORS, &AUTHOR, &BLOG_PAGE, &COMMUNITY];

impl Site {
    /// The generated pages of the site, in the order they were added.
    pub fn generated_pages(&self) -> impl Iterator<Item = (PageId, &GeneratedPage)> + '_ {
        self.indexes.generated.iter().filter_map(|&id| Some((id, self.pages[id].origin.generated()?)))
    }

    /// The page `page`, when the site has it. A look-up: views ask it for every page
    /// (an owner's page, a section's print page, the status page).
    pub fn generated_page(&self, page: &GeneratedPage) -> Option<PageId> {
        self.indexes.generated_by_page.get(page).copied()
    }

    /// The page `page` of language `code` (its copy under the language's folder), else
    /// the default language's.
    pub(crate) fn generated_page_in(&self, page: &GeneratedPage, code: Option<&str>) -> Option<PageId> {
        let copy = code.and_then(|code| self.indexes.generated_in.get(code)?.get(page));
        copy.copied().or_else(|| self.generated_page(page))
    }

    /// The page `page` in the language of page `reader`: what a link from it leads to.
    pub(crate) fn generated_page_for(&self, page: &GeneratedPage, reader: PageId) -> Option<PageId> {
        self.generated_page_in(page, self.language_of(reader))
    }

    /// Whether some runbook answers an alert: the alerts feature has its list.
    pub(crate) fn has_alerts(&self) -> bool {
        !self.features.instances(self, &ALERTS).is_empty()
    }

    /// The generated pages that `invalidation` renders again.
    pub fn pages_invalidated_by(&self, invalidation: Invalidation) -> impl Iterator<Item = PageId> + '_ {
        self.generated_pages().filter(move |(_, page)| page.spec().invalidated_by == invalidation).map(|(id, _)| id)
    }

    /// Whether a generated page should come or go (the review page when the first page
    /// gets a review date, say): the site would need to be assembled again.
    pub fn generated_pages_differ(&self) -> bool {
        GENERATED_PAGES.iter().any(|&spec| {
            let has = self.generated_pages().any(|(_, page)| std::ptr::eq(page.spec(), spec));
            (spec.instances)(self).is_empty() == has
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_the_spec_of_its_pages() {
        let pages = [
            GeneratedPage::Owners,
            GeneratedPage::Tags,
            GeneratedPage::Tag("x".into()),
            GeneratedPage::Review,
            GeneratedPage::Search,
            GeneratedPage::Alerts,
            GeneratedPage::Status,
            GeneratedPage::Print(1),
            GeneratedPage::Authors,
            GeneratedPage::Author("x".into()),
            GeneratedPage::BlogPage(1, 2),
            GeneratedPage::Community,
        ];
        assert_eq!(pages.len(), GENERATED_PAGES.len());
        for (page, &spec) in pages.iter().zip(GENERATED_PAGES) {
            assert!(std::ptr::eq(page.spec(), spec), "{page:?}");
        }
    }

    #[test]
    fn parents_come_before_their_children() {
        for (at, spec) in GENERATED_PAGES.iter().enumerate() {
            if let Some(parent) = &spec.parent {
                let before = GENERATED_PAGES[..at].iter().any(|&s| std::ptr::eq(s, parent.spec()));
                assert!(before, "{}", spec.template);
            }
        }
    }

    #[test]
    fn templates_are_distinct() {
        let mut names: Vec<&str> = GENERATED_PAGES.iter().map(|spec| spec.template).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), GENERATED_PAGES.len());
    }
}
