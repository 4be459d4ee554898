//! The search index's memo, kept in the build cache: what a build's index was made of
//! (each language's numbering of words, each page's postings by the hash of what they
//! were made of, the scores' sums, each stem's encoding and each shard), so a rebuild
//! patches the index as the dev server does between edits ([`super::IndexCache`]):
//!
//! 1. The numbering starts as the memo's, so a kept page's postings are taken as they
//!    were, not numbered again ([`Recalled::page`]).
//! 2. Only the pages whose postings changed are gathered again for the scores, and only
//!    the stems and shards they changed are encoded ([`super::shards`]).
//!
//! Written with serde in postcard's format. The build cache believes it only whole and
//! written by this binary; this module checks each number in it against its numbering.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::index::{Gathered, Scoring};
use super::page_terms::PageTerms;
use super::shards::{IndexCache, ShardCache};
use super::terms::{Table, Terms};
use super::{SitePostings, index_languages};
use crate::hash::FastHashMap;
use crate::site::Site;

/// Where a build keeps its index's memo for the next one (the build cache).
pub(crate) trait KeptIndex: Sync {
    /// The memo the previous build kept, if it can be believed.
    fn recall_index(&self) -> Option<Vec<u8>>;
    /// Keeps `bytes`, this build's memo, for the next build.
    fn keep_index(&self, bytes: Vec<u8>);
}

/// The memo as it is written: the languages of the index (code and folder, in slot
/// order: a memo of other languages is not used), and each language's memo.
#[derive(Serialize)]
struct MemoOut<'a> {
    languages: Vec<(String, String)>,
    indexes: Vec<LanguageOut<'a>>,
}

/// One language's memo as it is written; read back as a [`LanguageIn`] (the same
/// fields, owned).
#[derive(Serialize)]
struct LanguageOut<'a> {
    /// Each word with its stem's number, and each stem, in number order.
    words: Vec<(Box<str>, u32)>,
    stems: Vec<Box<str>>,
    /// Each page's postings, by the key of what they were made of.
    pages: Vec<(u128, &'a PageTerms)>,
    /// The pages scored, in index order, by their place in `pages`, and what was
    /// gathered from them.
    scored: Option<(Vec<Option<u32>>, &'a Gathered)>,
    shards: &'a ShardCache,
}

#[derive(Deserialize)]
struct MemoIn {
    languages: Vec<(String, String)>,
    indexes: Vec<LanguageIn>,
}

#[derive(Deserialize)]
struct LanguageIn {
    words: Vec<(Box<str>, u32)>,
    stems: Vec<Box<str>>,
    pages: Vec<(u128, PageTerms)>,
    scored: Option<(Vec<Option<u32>>, Gathered)>,
    shards: ShardCache,
}

/// The languages of `site`'s index as a memo names them.
fn languages_of(site: &Site) -> Vec<(String, String)> {
    index_languages(site).into_iter().map(|language| (language.code, language.folder)).collect()
}

/// The memo of the index just built from `postings`, whose cache `cache` holds what it
/// was made of; `None` when the cache keeps nothing of it, or when the numbering holds
/// more than twice the words the index has (words of pages gone: the next build then
/// numbers afresh).
pub(crate) fn memo_of(site: &Site, postings: &SitePostings, cache: &IndexCache) -> Option<Vec<u8>> {
    let mut indexes = Vec::with_capacity(postings.languages());
    for slot in 0..postings.languages() {
        let terms = postings.terms(slot);
        let shards = cache.languages.get(slot)?;
        if terms.word_count() > 2 * shards.word_count() + 4096 {
            return None;
        }
        let mut pages: Vec<(u128, &PageTerms)> = Vec::new();
        let mut place: FastHashMap<*const PageTerms, u32> = FastHashMap::default();
        for (key, page) in postings.keyed(site, slot) {
            if let std::collections::hash_map::Entry::Vacant(entry) = place.entry(Arc::as_ptr(page)) {
                entry.insert(u32::try_from(pages.len()).ok()?);
                pages.push((key, &**page));
            }
        }
        let scored = shards.scoring.parts().and_then(|(scored, gathered)| {
            let places: Option<Vec<Option<u32>>> = scored
                .iter()
                .map(|page| match page {
                    Some(page) => place.get(&Arc::as_ptr(page)).map(|&n| Some(n)),
                    None => Some(None),
                })
                .collect();
            Some((places?, gathered))
        });
        let (words, stems) = terms.parts();
        indexes.push(LanguageOut { words, stems, pages, scored, shards });
    }
    postcard::to_allocvec(&MemoOut { languages: languages_of(site), indexes }).ok()
}

/// Keeps the memo of the index just built in `kept`, when `cache` is a build's
/// ([`IndexCache::for_rebuilds`]).
pub(crate) fn keep(site: &Site, postings: &SitePostings, cache: &IndexCache, kept: &dyn KeptIndex) {
    if cache.is_for_rebuilds()
        && let Some(bytes) = memo_of(site, postings, cache)
    {
        kept.keep_index(bytes);
    }
}

/// What a rebuild takes from the previous build's memo, by language.
#[derive(Default)]
pub(crate) struct Recalled {
    languages: Vec<RecalledLanguage>,
}

struct RecalledLanguage {
    /// Taken by the numbering of this build ([`Recalled::take_table`]).
    table: Option<Table>,
    pages: FastHashMap<u128, Arc<PageTerms>>,
    scored: Option<(Vec<Option<Arc<PageTerms>>>, Gathered)>,
    shards: ShardCache,
}

impl Recalled {
    /// The memo `bytes` read back for `site`; `None` when they are not a memo of this
    /// format for the same languages, or a number in them is past its numbering.
    pub(crate) fn read(site: &Site, bytes: &[u8]) -> Option<Recalled> {
        let memo: MemoIn = postcard::from_bytes(bytes).ok()?;
        if memo.languages != languages_of(site) {
            return None;
        }
        let languages = memo.indexes.into_iter().map(RecalledLanguage::of).collect::<Option<Vec<_>>>()?;
        Some(Recalled { languages })
    }

    /// The numbering the memo's numbers stand for in language `slot`, once.
    pub(crate) fn take_table(&mut self, slot: usize) -> Option<Table> {
        self.languages.get_mut(slot)?.table.take()
    }

    /// The postings kept with `key` in language `slot`: those of a page made of the same
    /// text, in the numbering the rebuild starts from.
    pub(crate) fn page(&self, slot: usize, key: u128) -> Option<Arc<PageTerms>> {
        self.languages.get(slot)?.pages.get(&key).cloned()
    }

    /// The index cache of a rebuild: what the memo says each language's index was made
    /// of, for the numberings `terms` (which start as the memo's), when it all fits them.
    pub(crate) fn into_index_cache(self, terms: &[Terms]) -> IndexCache {
        let languages: Option<Vec<ShardCache>> = (self.languages.len() == terms.len())
            .then(|| {
                self.languages
                    .into_iter()
                    .zip(terms)
                    .map(|(language, terms)| {
                        let scoring = match language.scored {
                            Some((pages, gathered)) if gathered.fits(terms, pages.len()) => {
                                Scoring::recalled(pages, gathered, terms)
                            }
                            _ => Scoring::keeping(),
                        };
                        language.shards.recalled(terms, scoring)
                    })
                    .collect()
            })
            .flatten();
        IndexCache::for_rebuilds(languages.unwrap_or_default())
    }
}

impl RecalledLanguage {
    /// One language's memo read back; `None` when a number is past the numbering.
    fn of(memo: LanguageIn) -> Option<RecalledLanguage> {
        let (words, stems) = (memo.words.len(), memo.stems.len());
        let table = Table::of_parts(memo.words, memo.stems)?;
        let mut list = Vec::with_capacity(memo.pages.len());
        let mut pages = FastHashMap::default();
        for (key, page) in memo.pages {
            if !page.numbers_within(words, stems) {
                return None;
            }
            let page = Arc::new(page);
            list.push(Arc::clone(&page));
            pages.insert(key, page);
        }
        let scored = match memo.scored {
            Some((places, gathered)) => {
                let scored = places
                    .into_iter()
                    .map(|place| match place {
                        None => Some(None),
                        Some(n) => list.get(n as usize).cloned().map(Some),
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some((scored, gathered))
            }
            None => None,
        };
        Some(RecalledLanguage { table: Some(table), pages, scored, shards: memo.shards })
    }
}

#[cfg(test)]
mod tests;
