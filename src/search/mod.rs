//! The search index: built at build time from each page's text, written under `search/`
//! in a layout where a query loads only what it needs. Every file is JSON, written
//! gzip-compressed ([`packed`](crate::search_index::packed)). What of it knows no site
//! (words, postings, scores, shards, pairs, snippets) is the search crate's
//! ([`crate::search_index`]).
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod browser_stemmer;
mod postings;

pub use crate::search_index::encode;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

pub use crate::search_index::IndexCache;
use crate::search_index::{KeptIndex, KeptTerms, encode_docs, pairs, shards, snippets, text, to_json};
use crate::site::{PageId, Site};
use crate::slug::fold;
pub(crate) use postings::PostingsBuilder;
pub use postings::SitePostings;
use shards::ShardCache;

/// Records per page-record chunk.
pub const CHUNK: usize = 16;

/// The files of the index: path in the output and contents.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// `(path, JSON)`: `search/t-0.json`, and `de/search/t-0.json` for another language;
    /// written gzip-compressed ([`packed`](crate::search_index::packed)).
    pub files: Vec<(String, Arc<str>)>,
}

/// One language's index: a handbook of one language has one, at `search/`; a handbook
/// of several has one per language, the default's at `search/` and each other's under
/// its folder (`de/search/`), holding the pages of that language's site, stemmed in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IndexLanguage {
    /// The language (a BCP 47 tag), whose stemmer and stop words the index uses.
    pub code: String,
    /// The folder of the index in the output: `search/` or `de/search/`.
    pub folder: String,
}

/// The languages of `site`'s search indexes, in [`language_slot`] order.
pub(crate) fn index_languages(site: &Site) -> Vec<IndexLanguage> {
    let languages = &site.config.languages;
    if !languages.is_multilingual() {
        return vec![IndexLanguage { code: site.config.language.clone(), folder: "search/".into() }];
    }
    languages
        .list
        .iter()
        .enumerate()
        .map(|(n, code)| IndexLanguage {
            code: code.clone(),
            folder: if n == 0 { "search/".into() } else { format!("{code}/search/") },
        })
        .collect()
}

/// The index page `id` belongs to, by its number in [`index_languages`]: its language's
/// (the language of the site it is published in: a page not yet translated is found in
/// the other language's site, under its address there).
pub(crate) fn language_slot(site: &Site, id: PageId) -> usize {
    let languages = &site.config.languages;
    site.language_of(id).and_then(|code| languages.list.iter().position(|c| c == code)).unwrap_or(0)
}

impl SearchIndex {
    /// The total size of the index in bytes.
    pub fn size(&self) -> usize {
        self.files.iter().map(|(_, text)| text.len()).sum()
    }
}

/// The pages a search can find: every page but the generated index pages and the
/// redirects.
pub fn searchable(site: &Site) -> Vec<PageId> {
    (0..site.pages.len()).filter(|&id| is_searchable(site, id)).collect()
}

/// Whether a search finds page `id` ([`searchable`]): the postings made page by page
/// and the pages the index numbers must agree. A page shown for want of a translation
/// is found too, in its language's index ([`language_slot`]): a reader of that
/// language's site reaches every page of it.
pub(crate) fn is_searchable(site: &Site, id: PageId) -> bool {
    !site.pages[id].origin.is_generated() && site.pages[id].redirect.is_none()
}

/// Builds the indexes of `site` from its pages' `postings`, one per language
/// ([`index_languages`]). `cache`
/// holds what the last indexes were made of (empty for a build): only the shards that
/// changed are encoded again, and it is left holding what these indexes are made of.
/// `kept` (a build cache) has what the previous build's files of pairs were made of:
/// they are patched ([`pairs::patch`]).
pub(crate) fn build_index(
    site: &Site,
    postings: &SitePostings,
    cache: &mut IndexCache,
    kept: Option<&dyn KeptIndex>,
) -> SearchIndex {
    let languages = index_languages(site);
    let searchable = searchable(site);
    let edits = cache.is_for_edits();
    cache
        .languages
        .resize_with(languages.len(), || if edits { ShardCache::for_edits() } else { ShardCache::default() });
    let mut files = Vec::new();
    for (slot, language) in languages.iter().enumerate().take(postings.languages()) {
        let pages: Vec<PageId> = searchable.iter().copied().filter(|&id| language_slot(site, id) == slot).collect();
        let index = build_language_index(site, postings, (&mut cache.languages[slot], kept), language, slot, &pages);
        files.extend(index.into_iter().map(|(name, json)| (format!("{}{name}", language.folder), json)));
    }
    SearchIndex { files }
}

/// The files of one language's index (named within its folder): of `pages`, those of
/// numbering `slot`.
fn build_language_index(
    site: &Site,
    postings: &SitePostings,
    (cache, kept): (&mut ShardCache, Option<&dyn KeptIndex>),
    language: &IndexLanguage,
    slot: usize,
    pages: &[PageId],
) -> Vec<(String, Arc<str>)> {
    let pages = pages.to_vec();
    let mut files = Vec::new();
    crate::spent::phase(None);
    let scored = postings.score(&pages, slot, &mut cache.scoring);
    crate::spent::phase(Some("index: score"));
    let shards = shards::make_shards(scored, cache);
    crate::spent::phase(Some("index: shards"));
    for (n, (_, content)) in shards.vocabulary.iter().enumerate() {
        files.push((format!("t-{n}.json"), Arc::clone(content)));
    }
    for (n, (_, content)) in shards.reversed.iter().enumerate() {
        files.push((format!("r-{n}.json"), Arc::clone(content)));
    }
    let pair_files = postings.pair_files(&pages, (slot, language), kept);
    let pair_count = pair_files.len();
    files.extend(pair_files);
    crate::spent::phase(Some("index: pairs"));
    files.extend(postings.snippet_files(&pages));
    crate::spent::phase(Some("index: snippets"));
    let facets = facets(site, &pages);
    crate::spent::phase(Some("index: facets"));
    for (facet, values) in &facets {
        let body: BTreeMap<&str, String> = values.iter().map(|(v, docs)| (v.as_str(), encode_docs(docs))).collect();
        files.push((format!("f-{facet}.json"), to_json(&body).into()));
    }
    let records: Vec<(String, Arc<str>)> = pages
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let records: Vec<Record<'_>> =
                chunk.iter().map(|&id| record(site, id, postings.chunk_starts(id))).collect();
            (format!("p-{n}.json"), to_json(&records).into())
        })
        .collect();
    files.extend(records);
    crate::spent::phase(Some("index: records"));
    let manifest = Manifest {
        version: 1,
        pages: pages.len(),
        chunk: CHUNK,
        snippets: snippets::PAGES_PER_FOLDER,
        shards: shards.vocabulary.into_iter().map(|(key, _)| key).collect(),
        reversed: shards.reversed.into_iter().map(|(key, _)| key).collect(),
        pairs: pair_count,
        language: language.code.clone(),
        stop: text::stop_words(&language.code).to_vec(),
        facets: manifest_facets(site, &facets, pages.first().map_or(0, |&id| site.language_home(id))),
    };
    files.push(("manifest.json".to_string(), to_json(&manifest).into()));
    crate::spent::phase(Some("index: manifest"));
    files
}

/// Filter name -> value -> the pages (index numbers) with that value.
type Facets = BTreeMap<&'static str, BTreeMap<String, Vec<u32>>>;

/// The top-level section of a page: the section below its language's home page that
/// holds it, by its site path without the language's folder.
fn top_section(site: &Site, id: PageId) -> Option<(String, PageId)> {
    let home = site.language_home(id);
    let mut current = id;
    let mut steps = 0;
    while let Some(parent) = site.pages[current].parent {
        if parent == home {
            // By its path in the default language's site: `section:runbooks` in every language.
            let path = site.config.languages.strip(&site.pages[current].site_path);
            return Some((path.trim_end_matches('/').to_string(), current));
        }
        current = parent;
        steps += 1;
        if steps > site.pages.len() {
            break;
        }
    }
    None
}

fn facets(site: &Site, pages: &[PageId]) -> Facets {
    let mut facets: Facets = BTreeMap::new();
    for (doc, &id) in pages.iter().enumerate() {
        let doc = doc as u32;
        let page = &site.pages[id];
        let mut add = |facet: &'static str, value: String| {
            let list = facets.entry(facet).or_default().entry(value).or_default();
            if list.last() != Some(&doc) {
                list.push(doc);
            }
        };
        add("kind", page.kind.clone());
        if let Some((section, _)) = top_section(site, id) {
            add("section", section);
        }
        for owner in &page.owners {
            add("owner", fold(owner.trim_start_matches('@')));
        }
        for tag in &page.source.front.tags {
            add("tag", fold(tag));
        }
    }
    facets
}

#[derive(Serialize)]
struct Manifest {
    version: u32,
    pages: usize,
    chunk: usize,
    /// The pages whose snippet files share a folder ([`snippets::file_name`]).
    snippets: usize,
    shards: Vec<String>,
    /// The first reversed word of every shard of reversed words.
    reversed: Vec<String>,
    /// The number of files of pairs of consecutive stems (`q-<n>.json`).
    pairs: usize,
    /// The handbook's language: the client stems query words as the index did.
    language: String,
    stop: Vec<&'static str>,
    facets: ManifestFacets,
}

/// A filter value for the buttons: the value, its label, and its page count.
#[derive(Serialize)]
struct FacetValue {
    value: String,
    label: String,
    count: usize,
}

#[derive(Serialize)]
struct ManifestFacets {
    kind: Vec<FacetValue>,
    section: Vec<FacetValue>,
    owner: Vec<FacetValue>,
    tag: Vec<FacetValue>,
}

/// The filters' values for the manifest of the index whose pages' home page is `home`.
fn manifest_facets(site: &Site, facets: &Facets, home: PageId) -> ManifestFacets {
    let values = |facet: &str, label: &dyn Fn(&str) -> String| {
        let mut list: Vec<FacetValue> = facets
            .get(facet)
            .map(|values| {
                values
                    .iter()
                    .map(|(v, docs)| FacetValue { value: v.clone(), label: label(v), count: docs.len() })
                    .collect()
            })
            .unwrap_or_default();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        list
    };
    let section_titles: HashMap<String, String> = site.pages[home]
        .children
        .iter()
        .map(|&c| {
            let path = site.config.languages.strip(&site.pages[c].site_path);
            (path.trim_end_matches('/').to_string(), site.pages[c].title.clone())
        })
        .collect();
    let owner_names: HashMap<String, String> =
        site.indexes.owners.values().map(|o| (fold(o.name.trim_start_matches('@')), o.name.clone())).collect();
    let tag_names: HashMap<String, String> =
        site.indexes.tags.values().map(|t| (fold(&t.name), t.name.clone())).collect();
    ManifestFacets {
        // A kind by its name in the index's language (`kind_runbook`), else as written.
        kind: values("kind", &|v| {
            let words = site.words_for(home);
            words.get(format!("kind_{v}").as_str()).cloned().unwrap_or_else(|| v.to_string())
        }),
        section: values("section", &|v| section_titles.get(v).cloned().unwrap_or_else(|| v.to_string())),
        owner: values("owner", &|v| owner_names.get(v).cloned().unwrap_or_else(|| v.to_string())),
        tag: values("tag", &|v| tag_names.get(v).cloned().unwrap_or_else(|| v.to_string())),
    }
}

/// A page as the results list shows it: `[url, title, kind, section, chunks, service,
/// severity, place]`, where
/// the URL is the site path without the base path, the section is the top-level
/// section's slug (its title is in the manifest), and the chunks are, [encoded](encode),
/// the section each snippet chunk of the page after the first starts with (empty for a
/// page of one chunk): the client fetches the chunks of the sections it shows. Service and
/// severity are a runbook's, and the place is the titles of the page's ancestors below
/// the home page, joined by ` › ` (its breadcrumb path: five pages titled `OpenStack`
/// are told apart); trailing empty fields are dropped.
type Record<'a> = Vec<std::borrow::Cow<'a, str>>;

fn record<'a>(site: &'a Site, id: PageId, chunk_starts: &[u32]) -> Record<'a> {
    let page = &site.pages[id];
    let section = top_section(site, id).filter(|(_, top)| *top != id).map(|(slug, _)| slug).unwrap_or_default();
    let chunks = encode::encode(chunk_starts.iter().map(|&start| u64::from(start)));
    let field = |name: &str| page.values.text(name).unwrap_or_default();
    let mut record: Record<'a> = vec![
        crate::percent::encoded_path(&page.site_path),
        page.title.as_str().into(),
        page.kind.as_str().into(),
        section.into(),
        chunks.into(),
        field("service").into(),
        field("severity").into(),
        place(site, id).into(),
    ];
    while record.len() > 5 && record.last().is_some_and(|f| f.is_empty()) {
        record.pop();
    }
    record
}

/// The titles of page `id`'s ancestors below its language's home page, outermost first,
/// joined by ` › `: the breadcrumb path the results show as the page's place.
fn place(site: &Site, id: PageId) -> String {
    let home = site.language_home(id);
    let mut titles = Vec::new();
    let mut current = id;
    while let Some(parent) = site.pages[current].parent {
        if parent == home || parent == 0 || titles.len() > site.pages.len() {
            break;
        }
        titles.push(site.pages[parent].title.as_str());
        current = parent;
    }
    titles.reverse();
    titles.join(" › ")
}
