//! The postings of a site's pages, from the Markdown step to the index: made page by
//! page as each page's Markdown is rendered ([`PostingsBuilder`], on every core), kept
//! by page id ([`SitePostings`]) instead of the pages' text, which is dropped once its
//! postings are made ([`drop_text`]). The search step then only adds the titles (known
//! once the navigation is arranged), scores and encodes. The dev server keeps them in
//! its `BuiltSite` and replaces an edited page's ([`SitePostings::refresh`]).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use super::{KeptTerms, is_searchable};
use crate::hash::FastHashMap;
use crate::markdown::Rendered;
use crate::search_index::index::{Postings, Scoring};
use crate::search_index::page_terms::{PageTerms, PageText, Scratch};
use crate::search_index::terms::{Seen, Terms, TermsBuilder};
use crate::site::{PageId, Site};

/// Makes the postings of pages while the Markdown step renders them.
pub(crate) struct PostingsBuilder {
    /// The numbering of each language's index, by [`super::language_slot`].
    terms: Vec<TermsBuilder>,
    /// The alerts each page is the runbook of.
    alerts: HashMap<PageId, Vec<String>>,
    /// Workers' tools not in use: a worker's cache of the words it has seen outlives
    /// the piece of work it was made for.
    idle: Mutex<Vec<PostingsWorker>>,
}

/// A [`PostingsWorker`] lent to a piece of parallel work, given back when dropped.
pub(crate) struct Lease<'a> {
    worker: Option<PostingsWorker>,
    idle: &'a Mutex<Vec<PostingsWorker>>,
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            self.idle.lock().unwrap_or_else(PoisonError::into_inner).push(worker);
        }
    }
}

/// A Markdown worker's tools for [`PostingsBuilder::page`]: the words it has seen, in
/// each language's numbering.
#[derive(Default)]
struct PostingsWorker {
    seen: Vec<Seen>,
    scratch: Scratch,
}

impl PostingsBuilder {
    /// A builder for the pages of `site`.
    pub(crate) fn new(site: &Site) -> Self {
        let alerts = crate::alerts::model::registry::by_page(site.alerts())
            .into_iter()
            .map(|(page, names)| (page, names.into_iter().map(str::to_string).collect()))
            .collect();
        let terms = super::index_languages(site).iter().map(|language| TermsBuilder::new(&language.code)).collect();
        PostingsBuilder { terms, alerts, idle: Mutex::default() }
    }

    /// A worker's tools, for as long as the lease lives.
    pub(crate) fn lease(&self) -> Lease<'_> {
        let worker = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop().unwrap_or_default();
        Lease { worker: Some(worker), idle: &self.idle }
    }

    /// The postings of page `id`, whose Markdown gave `rendered`, if a search can find
    /// it; its search text is dropped from `rendered` then. With `kept` (a build cache),
    /// postings kept for the same text are numbered again rather than made, and the
    /// postings are kept for the next build.
    pub(crate) fn page(
        &self,
        site: &Site,
        id: PageId,
        rendered: &mut Rendered,
        lease: &mut Lease<'_>,
        kept: Option<&dyn KeptTerms>,
    ) -> Option<PageTerms> {
        if !is_searchable(site, id) {
            return None;
        }
        let PostingsWorker { seen, scratch } = lease.worker.get_or_insert_with(PostingsWorker::default);
        let slot = super::language_slot(site, id);
        let builder = self.terms.get(slot)?;
        seen.resize_with(self.terms.len(), Seen::default);
        let alerts = self.alerts.get(&id).map_or(&[][..], Vec::as_slice);
        let mut intern = builder.worker(&mut seen[slot]);
        let terms = match kept {
            None => page_terms(site, id, alerts, rendered, &mut intern, scratch),
            Some(kept) => {
                let key = kept_key(builder.language(), site, id, alerts, rendered);
                let recalled = kept.recall_terms(key).and_then(|bytes| {
                    PageTerms::from_kept(&bytes, &rendered.sections, &mut intern).map(|terms| (terms, bytes))
                });
                match recalled {
                    Some((mut terms, bytes)) => {
                        kept.keep_terms(key, &bytes);
                        terms.set_kept_key(key);
                        terms
                    }
                    None => {
                        let mut terms = page_terms(site, id, alerts, rendered, &mut intern, scratch);
                        if let Some(bytes) = builder.with_names(|names| terms.to_kept(names)) {
                            kept.keep_terms(key, &bytes);
                            terms.set_kept_key(key);
                        }
                        terms
                    }
                }
            }
        };
        drop_text(rendered);
        Some(terms)
    }

    /// The postings of every page of `site`, by page id, with the numbering of their
    /// words.
    pub(crate) fn finish(self, site: &Site, pages: Vec<Option<PageTerms>>) -> SitePostings {
        SitePostings {
            terms: self.terms.into_iter().map(TermsBuilder::into_terms).collect(),
            pages: pages.into_iter().map(|p| p.map(Arc::new)).collect(),
            files: files_of(site),
        }
    }
}

/// The key of the postings of page `id`, whose Markdown gave `rendered`, runbook of
/// `alerts`, in an index stemmed in `language`: the hash of everything
/// [`page_terms`] reads (each text with its length, so no two lists hash alike).
fn kept_key(language: &str, site: &Site, id: PageId, alerts: &[String], rendered: &Rendered) -> u128 {
    let front = &site.pages[id].source.front;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut text = |text: &str| {
        hasher.update(&(text.len() as u64).to_le_bytes());
        hasher.update(text.as_bytes());
    };
    text("page terms 1");
    text(language);
    text(front.description.as_deref().unwrap_or(""));
    let tags = with_panel_text(site, id, &front.tags);
    text(&tags.len().to_string());
    tags.iter().for_each(|tag| text(tag));
    text(&alerts.len().to_string());
    alerts.iter().for_each(|alert| text(alert));
    for section in &rendered.sections {
        text(if section.id.is_some() { "section with id" } else { "section" });
        text(section.id.as_deref().unwrap_or(""));
        text(&section.heading);
        text(&section.text);
        text(&section.code);
    }
    hasher.digest128()
}

/// The postings of a site's pages, by page id (none for pages a search does not find),
/// and the numbers of their words: one numbering per language of the index
/// ([`super::language_slot`]), each stemmed in its language.
#[derive(Debug, Clone)]
pub struct SitePostings {
    terms: Vec<Terms>,
    pages: Vec<Option<Arc<PageTerms>>>,
    /// The content path of each page, by page id: what the postings belong to when pages
    /// come or go (a page of another language reads its original's file, but has a path
    /// of its own).
    files: Vec<Arc<str>>,
}

/// The content path of each page of `site`, by page id.
fn files_of(site: &Site) -> Vec<Arc<str>> {
    site.pages.iter().map(|page| Arc::from(page.source.path.as_str())).collect()
}

impl SitePostings {
    /// No postings: for a site without search.
    pub fn empty(language: &str) -> Self {
        SitePostings { terms: vec![Terms::new(language)], pages: Vec::new(), files: Vec::new() }
    }

    /// Brings the postings up to date with `site` after pages `changed` were rendered
    /// again (their search text still in their `rendered`, which it is dropped from):
    /// their postings are made anew, and so are those of pages that have none (pages
    /// added, whose text is still there), and the titles of every page checked.
    pub fn refresh(&mut self, site: &mut Site, changed: &[PageId]) {
        self.align(site);
        let alerts = crate::alerts::model::registry::by_page(site.alerts());
        let missing = (0..site.pages.len()).filter(|&id| self.pages[id].is_none() && is_searchable(site, id));
        let mut again: Vec<PageId> = changed.iter().copied().chain(missing).collect();
        again.sort_unstable();
        again.dedup();
        let mut made = Vec::with_capacity(again.len());
        for id in again {
            let Some(numbering) =
                self.terms.get_mut(super::language_slot(site, id)).filter(|_| is_searchable(site, id))
            else {
                self.pages[id] = None;
                continue;
            };
            let names: Vec<String> =
                alerts.get(&id).map(|names| names.iter().map(|n| n.to_string()).collect()).unwrap_or_default();
            let rendered = &site.pages[id].rendered;
            let terms = page_terms(site, id, &names, rendered, &mut numbering.local(), &mut Scratch::default());
            self.pages[id] = Some(Arc::new(terms));
            made.push(id);
        }
        drop(alerts);
        for id in made {
            // Copied only when shared.
            drop_text(Arc::make_mut(&mut site.pages[id].rendered));
        }
        self.set_titles(site);
    }

    /// Puts each page's postings at its page id, when pages came or went.
    fn align(&mut self, site: &Site) {
        let same = self.files.len() == site.pages.len()
            && site.pages.iter().zip(&self.files).all(|(page, file)| page.source.path == **file);
        if same {
            return;
        }
        let mut by_file: FastHashMap<Arc<str>, Arc<PageTerms>> =
            FastHashMap::with_capacity_and_hasher(self.files.len(), Default::default());
        for (file, page) in self.files.drain(..).zip(self.pages.drain(..)) {
            if let Some(page) = page {
                by_file.insert(file, page);
            }
        }
        // A page kept keeps its file's name too, rather than a new copy of it.
        (self.files, self.pages) = site
            .pages
            .iter()
            .map(|page| match by_file.remove_entry(page.source.path.as_str()) {
                Some((file, terms)) => (file, Some(terms)),
                None => (Arc::from(page.source.path.as_str()), None),
            })
            .unzip();
    }

    /// Gives each page's postings the terms of its title, where they are not those of
    /// its title yet.
    pub fn set_titles(&mut self, site: &Site) {
        let SitePostings { terms, pages, .. } = self;
        for (id, page) in pages.iter_mut().enumerate() {
            let (Some(page), Some(title)) = (page, site.pages.get(id).map(|p| p.title.as_str())) else { continue };
            if !page.has_title(title)
                && let Some(numbering) = terms.get_mut(super::language_slot(site, id))
            {
                Arc::make_mut(page).set_title(title, &mut numbering.local());
            }
        }
    }

    /// Scores the postings of pages `docs` (page ids, in index order), all of the
    /// language of numbering `slot`; a page without postings counts as a page without
    /// text. `scoring` holds what the last scores were made of, when kept: only the
    /// pages that changed since are gathered again.
    pub(crate) fn score(&self, docs: &[PageId], slot: usize, scoring: &mut Scoring) -> Postings<'_> {
        let pages = docs.iter().map(|&id| self.pages.get(id).cloned().flatten()).collect();
        scoring.score(pages, &self.terms[slot])
    }

    /// The files of pairs of consecutive stems of pages `docs` (page ids, in index
    /// order, of numbering `slot`, the index of `language`), for phrases
    /// ([`super::pairs`]): patched from the previous build's when `kept` has them.
    pub(crate) fn pair_files(
        &self,
        docs: &[PageId],
        (slot, language): (usize, &super::IndexLanguage),
        kept: Option<&dyn super::KeptIndex>,
    ) -> Vec<(String, Arc<str>)> {
        let pages: Vec<Option<Arc<PageTerms>>> = docs.iter().map(|&id| self.pages.get(id).cloned().flatten()).collect();
        super::pairs::patch::files(&self.terms[slot], (&language.code, &language.folder), &pages, kept)
    }

    /// The number of pages with postings.
    #[cfg(test)]
    pub(crate) fn pages_with_postings(&self) -> usize {
        self.pages.iter().flatten().count()
    }

    /// The number of numberings (languages of the index) the postings were made in.
    pub(crate) fn languages(&self) -> usize {
        self.terms.len()
    }

    /// The snippet files of pages `docs` (page ids, in index order): `s-<n>.json` and
    /// `s-<n>-<k>.json` for the page of index number `n` ([`super::snippets`]).
    pub(crate) fn snippet_files(&self, docs: &[PageId]) -> Vec<(String, Arc<str>)> {
        let mut files = Vec::with_capacity(docs.len());
        for (n, &id) in docs.iter().enumerate() {
            match self.pages.get(id).and_then(Option::as_ref) {
                Some(page) => {
                    for (k, chunk) in page.snippets().chunks.iter().enumerate() {
                        files.push((super::snippets::file_name(n, k), Arc::from(&**chunk)));
                    }
                }
                None => files.push((super::snippets::file_name(n, 0), Arc::from("[]"))),
            }
        }
        files
    }

    /// The section each snippet chunk of page `id` but the first starts with (none for a
    /// page without text).
    pub(crate) fn chunk_starts(&self, id: PageId) -> &[u32] {
        self.pages.get(id).and_then(Option::as_ref).map_or(&[], |page| &page.snippets().starts)
    }
}

/// The postings of page `id` of `site`, whose Markdown gave `rendered`, runbook of
/// `alerts`.
fn page_terms(
    site: &Site,
    id: PageId,
    alerts: &[String],
    rendered: &Rendered,
    intern: &mut dyn crate::search_index::terms::Intern,
    scratch: &mut Scratch,
) -> PageTerms {
    let front = &site.pages[id].source.front;
    let alerts: Vec<&str> = alerts.iter().map(String::as_str).collect();
    let tags = with_panel_text(site, id, &front.tags);
    let text = PageText {
        description: front.description.as_deref().unwrap_or(""),
        tags: &tags,
        alerts: &alerts,
        sections: &rendered.sections,
    };
    PageTerms::of(&text, intern, scratch)
}

/// The fields of the runbook panel a page shows above its text (service, severity,
/// escalation: `templates/partials/panel-runbook.html`), for a page of a kind with that
/// panel, after `tags`: the reader sees them on the page, so a search finds them, as
/// much as a tag (the alerts are indexed apart, as title words).
fn with_panel_text<'a>(site: &'a Site, id: PageId, tags: &'a [String]) -> std::borrow::Cow<'a, [String]> {
    let page = &site.pages[id];
    let runbook = site.config.kinds.get(&page.kind).is_some_and(|kind| kind.panel == crate::config::Panel::Runbook);
    if !runbook {
        return std::borrow::Cow::Borrowed(tags);
    }
    let fields = ["service", "severity", "escalation"].into_iter().filter_map(|name| page.values.text(name));
    std::borrow::Cow::Owned(tags.iter().cloned().chain(fields.map(str::to_string)).collect())
}

/// Drops the search text of `rendered`, which its postings now hold: each section keeps
/// its heading's id.
fn drop_text(rendered: &mut Rendered) {
    for section in &mut rendered.sections {
        section.heading = String::new();
        section.text = String::new();
        section.code = String::new();
    }
}
