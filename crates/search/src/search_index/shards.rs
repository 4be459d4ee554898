//! The vocabulary's shards (`t-<n>.json`) and the shards of reversed words
//! (`r-<n>.json`), made again only where they changed.
//!
//! 1. Each stem's postings are encoded ([`encode_stem`]), unless the cache holds the
//!    same postings: then its encoding is taken from there, and the stem is clean.
//! 2. The vocabulary, sorted, is cut into shards of about [`SHARD_TARGET`] bytes where
//!    the words' hashes say (content-defined cuts, [`shard_vocabulary`]), and each stem
//!    is placed in its home shard, where the stem itself sorts.
//! 3. A shard with the same name, words and homed stems as one in the cache, whose
//!    stems are all clean, is the cached text; any other is written anew.
//!
//! A build starts from an empty cache and keeps none; the dev server keeps the cache
//! from one edit to the next ([`IndexCache`]), so an edit encodes only the stems and
//! shards it changed, and the files are those a build would write whatever the cache
//! holds (a stale entry is never used: each is checked against what it was made of).

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::index::{Posting, Postings, Scoring, StemPostings};
use super::terms::Terms;
use super::{REVERSED_TARGET, SHARD_LEAST, SHARD_MOST, SHARD_TARGET, encode, to_json};
use crate::hash;
use crate::hash::FastHashMap;

/// What the last indexes were made of: one [`ShardCache`] per language of the index
/// ([`super::index_languages`]), kept by the dev server between edits so that only
/// what changed is encoded again.
#[derive(Debug, Default)]
pub struct IndexCache {
    /// By language.
    pub languages: Vec<ShardCache>,
    /// Whether the caches keep what the scores are made of.
    edits: bool,
    /// The compressed bytes of the files last written (kept for edits only).
    pub packed: super::packed::Packed,
}

impl IndexCache {
    /// A cache that also keeps what the scores are made of: for the dev server, whose
    /// edits then score again only from the pages they changed.
    pub fn for_edits() -> IndexCache {
        IndexCache { edits: true, ..IndexCache::default() }
    }

    /// Whether the cache keeps what the scores are made of ([`IndexCache::for_edits`]).
    pub fn is_for_edits(&self) -> bool {
        self.edits
    }

    /// How many shards of the vocabulary the last indexes made anew.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn shards_made(&self) -> usize {
        self.languages.iter().map(|language| language.made).sum()
    }
}

/// What one language's last index was made of, by word and stem number.
#[derive(Debug, Default)]
pub struct ShardCache {
    /// What the scores were made of.
    pub scoring: Scoring,
    /// The numbering the numbers below belong to.
    terms: Option<Terms>,
    /// By stem number: its postings and their encoding.
    stems: Vec<Option<Encoded>>,
    /// The words of the index (by number, ascending), and the same sorted as strings
    /// (those of two characters or more, which the shards hold).
    words: Vec<u32>,
    sorted: Vec<u32>,
    /// The words of typing mistakes, by reversed spelling, and their shards.
    reversed: Vec<(Box<str>, u32)>,
    reversed_files: Vec<(String, Arc<str>)>,
    /// The shards of the vocabulary, by name.
    shards: FastHashMap<String, Shard>,
    /// How many shards of the vocabulary the last index made anew (the others were the
    /// cached text).
    made: usize,
}

/// A stem's postings and their encoding.
#[derive(Debug)]
struct Encoded {
    postings: StemPostings,
    json: serde_json::Value,
    /// The length of `json` written.
    length: usize,
}

/// One shard of the vocabulary and what it was made of.
#[derive(Debug)]
struct Shard {
    words: Vec<u32>,
    homed: Vec<u32>,
    json: Arc<str>,
    /// Whether `json` was made for the last index (not taken from the one before).
    made: bool,
}

impl ShardCache {
    /// A cache that also keeps what the scores are made of.
    pub fn for_edits() -> ShardCache {
        ShardCache { scoring: Scoring::keeping(), ..ShardCache::default() }
    }

    /// Forgets what belongs to another numbering than `terms`'.
    fn follow(&mut self, terms: &Terms) {
        if !self.terms.as_ref().is_some_and(|t| t.same_numbers(terms)) {
            let scoring = std::mem::take(&mut self.scoring);
            *self = ShardCache { scoring, ..ShardCache::default() };
        }
        self.terms = Some(terms.clone());
    }
}

/// The shards of the vocabulary and of reversed words: `(file name, JSON)` each, in
/// order, with the first key of each (for the manifest).
pub struct Shards {
    /// `(first word or stem, JSON)` of each `t-<n>.json`.
    pub vocabulary: Vec<(String, Arc<str>)>,
    /// `(first reversed word, JSON)` of each `r-<n>.json`.
    pub reversed: Vec<(String, Arc<str>)>,
}

/// Makes the shards of `postings`, reusing what `cache` holds of the last index, and
/// leaves what they were made of in `cache`.
pub fn make_shards(postings: Postings<'_>, cache: &mut ShardCache) -> Shards {
    let terms = postings.terms;
    cache.follow(terms);
    let words_changed = cache.words != postings.words;
    let (removed, added) = if words_changed { difference(&cache.words, &postings.words) } else { Default::default() };
    let old_sorted = std::mem::take(&mut cache.sorted);
    let old_reversed = std::mem::take(&mut cache.reversed);
    let old_reversed_files = std::mem::take(&mut cache.reversed_files);
    let (vocabulary, (reversed, reversed_sorted)) = rayon::join(
        || {
            let sorted = if words_changed { sorted_words(terms, old_sorted, &removed, &added) } else { old_sorted };
            let vocabulary = shard_vocabulary(terms, postings.by_stem, &sorted, cache);
            cache.sorted = sorted;
            vocabulary
        },
        || {
            if words_changed {
                let sorted = reversed_words(terms, old_reversed, &removed, &added);
                (reversed_shards(terms, &sorted), sorted)
            } else {
                (old_reversed_files, old_reversed)
            }
        },
    );
    cache.words = postings.words;
    cache.reversed = reversed_sorted;
    cache.reversed_files = reversed.clone();
    Shards { vocabulary, reversed }
}

/// The numbers of `old` not in `new`, as a set by number, and those of `new` not in
/// `old` (both ascending).
fn difference(old: &[u32], new: &[u32]) -> (Vec<bool>, Vec<u32>) {
    let top = old.iter().chain(new).max().map_or(0, |&n| n as usize + 1);
    let mut removed = vec![false; top];
    for &w in old {
        removed[w as usize] = true;
    }
    let mut added = Vec::new();
    for &w in new {
        if removed[w as usize] {
            removed[w as usize] = false;
        } else {
            added.push(w);
        }
    }
    (removed, added)
}

/// `old` without the `removed` entries, merged with `added`, both sorted by `order`.
fn merge_sorted<T>(
    old: Vec<T>,
    removed: impl Fn(&T) -> bool,
    mut added: Vec<T>,
    order: impl Fn(&T, &T) -> Ordering + Sync,
) -> Vec<T>
where
    T: Send,
{
    added.par_sort_unstable_by(&order);
    let mut merged = Vec::with_capacity(old.len() + added.len());
    let mut added = added.into_iter().peekable();
    for item in old.into_iter().filter(|item| !removed(item)) {
        while let Some(new) = added.next_if(|new| order(new, &item) == Ordering::Less) {
            merged.push(new);
        }
        merged.push(item);
    }
    merged.extend(added);
    merged
}

/// The words of two characters or more, sorted: `old` (sorted) brought up to date.
fn sorted_words(terms: &Terms, old: Vec<u32>, removed: &[bool], added: &[u32]) -> Vec<u32> {
    let long = |w: &u32| terms.word(*w).chars().nth(1).is_some();
    let gone = |w: &u32| removed.get(*w as usize).copied().unwrap_or(false);
    let added: Vec<u32> = added.iter().copied().filter(long).collect();
    merge_sorted(old, gone, added, |a, b| terms.word(*a).cmp(terms.word(*b)))
}

/// The words a typing mistake may be taken for (three letters or more, letters only,
/// no CJK character: a CJK bigram is two characters of a longer text, no word to
/// correct a query to), by their reversed spelling: `old` brought up to date.
fn reversed_words(terms: &Terms, old: Vec<(Box<str>, u32)>, removed: &[bool], added: &[u32]) -> Vec<(Box<str>, u32)> {
    let gone = |(_, w): &(Box<str>, u32)| removed.get(*w as usize).copied().unwrap_or(false);
    let added: Vec<(Box<str>, u32)> = added
        .iter()
        .map(|&w| (terms.word(w), w))
        .filter(|(w, _)| w.chars().nth(2).is_some() && w.chars().all(|c| c.is_alphabetic() && !super::text::is_cjk(c)))
        .map(|(w, n)| (w.chars().rev().collect::<String>().into_boxed_str(), n))
        .collect();
    merge_sorted(old, gone, added, |a, b| a.0.cmp(&b.0))
}

/// A stem's postings as the shards hold them.
fn encode_stem(postings: &StemPostings) -> serde_json::Value {
    match postings {
        StemPostings::Listed(list) => serde_json::Value::String(encode_postings(list)),
        StemPostings::Common { missing, score, best } => {
            serde_json::json!([super::encode_docs(missing), score, encode_postings(best)])
        }
    }
}

fn encode_postings(list: &[Posting]) -> String {
    let mut out = String::new();
    let mut previous = 0;
    for posting in list {
        encode::push_number(&mut out, u64::from(posting.doc - previous));
        encode::push_number(&mut out, u64::from(posting.score));
        encode::push_number(&mut out, u64::from(posting.section));
        previous = posting.doc;
    }
    out
}

fn json_len(value: &serde_json::Value) -> usize {
    match value {
        serde_json::Value::String(s) => s.len() + 2,
        other => other.to_string().len(),
    }
}

/// Cuts the sorted vocabulary into shards of about [`SHARD_TARGET`] bytes: each shard
/// holds a run of consecutive words (and their stems' postings), named by its first
/// word (or that word's stem). A word is in the last shard whose name is not after it.
///
/// The cuts are content-defined: a shard of at least [`SHARD_LEAST`] bytes ends before
/// the next word whose hash is a multiple of the stride ([`cut_stride`]), and one of
/// [`SHARD_MOST`] before the next word whatever its hash. A word added or removed then
/// moves the cut of its own shard at most, and the cuts after it fall where they fell,
/// whatever the shards' size: an edit rewrites a shard or two, not every shard after
/// the word (a cut by size alone moves them all when the shards are small).
fn shard_vocabulary(
    terms: &Terms,
    by_stem: Vec<Option<StemPostings>>,
    words: &[u32],
    cache: &mut ShardCache,
) -> Vec<(String, Arc<str>)> {
    // 1. Each stem's encoding, from the cache when its postings are the same.
    let mut old = std::mem::take(&mut cache.stems);
    old.resize_with(by_stem.len(), || None);
    let (encoded, dirty): (Vec<Option<Encoded>>, Vec<bool>) = by_stem
        .into_par_iter()
        .zip(old)
        .map(|(postings, old)| match (postings, old) {
            (None, _) => (None, false),
            (Some(postings), Some(old)) if old.postings == postings => (Some(old), false),
            (Some(postings), _) => {
                let json = encode_stem(&postings);
                let length = json_len(&json);
                (Some(Encoded { postings, json, length }), true)
            }
        })
        .unzip();
    // 2. The runs of words.
    let stem_of = |w: u32| terms.stem_of(w);
    // The JSON size of a word's entry, and of its stem's postings when new to the shard.
    let cost = |word: u32, new_stem: bool| {
        let (word, stem) = (terms.word(word), stem_of(word));
        let stem_len = terms.stem(stem).len();
        let postings = encoded[stem as usize].as_ref().map_or(0, |e| e.length);
        word.len() + stem_len + 6 + if new_stem { stem_len + 6 + postings } else { 0 }
    };
    let stride = cut_stride(words, stem_of, cost);
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut size = 2;
    // The shard in which each stem was last seen, plus one.
    let mut seen_in = vec![0u32; encoded.len()];
    for (i, &word) in words.iter().enumerate() {
        let stem = stem_of(word) as usize;
        let mut added = cost(word, seen_in[stem] != bounds.len() as u32 + 1);
        let at_mark =
            size >= SHARD_LEAST && hash::fnv1a(hash::FNV_OFFSET, terms.word(word).as_bytes()).is_multiple_of(stride);
        if i > start && (at_mark || size + added > SHARD_MOST) {
            bounds.push(start);
            start = i;
            size = 2;
            added = cost(word, true);
        }
        size += added;
        seen_in[stem] = bounds.len() as u32 + 1;
    }
    if start < words.len() {
        bounds.push(start);
    }
    // Each stem's postings are also in its home shard, where the stem itself sorts, so a
    // client that stems a query word finds them in one shard whatever words the
    // handbook uses (`promoting` -> `promot`, in the shard of `promot`, though only
    // `promote` is in the text).
    // A shard is named by its first word, or by that word's stem when the stem sorts
    // between it and the last word before it (`failov` for `failover`): a big stem
    // often starts a shard, and is then at home in it, not repeated in the one before.
    let firsts: Vec<&str> = bounds
        .iter()
        .map(|&b| {
            let word = terms.word(words[b]);
            let stem = terms.stem(stem_of(words[b]));
            if b > 0 && stem < word && stem > terms.word(words[b - 1]) { stem } else { word }
        })
        .collect();
    let mut homed: Vec<Vec<u32>> = vec![Vec::new(); bounds.len()];
    for (stem, _) in encoded.iter().enumerate().filter(|(_, e)| e.is_some()) {
        let name = terms.stem(stem as u32);
        let home = firsts.partition_point(|first| *first <= name).saturating_sub(1);
        if let Some(list) = homed.get_mut(home) {
            list.push(stem as u32);
        }
    }
    // 3. Each shard, from the cache when nothing it holds changed.
    let mut old_shards = std::mem::take(&mut cache.shards);
    let jobs: Vec<ShardJob<'_>> = bounds
        .iter()
        .enumerate()
        .zip(homed)
        .map(|((n, &from), homed)| {
            let to = bounds.get(n + 1).copied().unwrap_or(words.len());
            let name = firsts[n].to_string();
            let old = old_shards.remove(&name);
            (name, &words[from..to], homed, old)
        })
        .collect();
    let clean = |stem: u32| !dirty[stem as usize];
    let shards: Vec<(String, Shard)> = jobs
        .into_par_iter()
        .map(|(name, run, homed, old)| {
            let same = old.filter(|old| {
                old.words == run
                    && old.homed == homed
                    && homed.iter().all(|&s| clean(s))
                    && run.iter().all(|&w| clean(stem_of(w)))
            });
            let (json, made) = match same {
                Some(old) => (old.json, false),
                None => (shard_json(terms, run, &homed, &encoded).into(), true),
            };
            (name, Shard { words: run.to_vec(), homed, json, made })
        })
        .collect();
    cache.made = shards.iter().filter(|(_, shard)| shard.made).count();
    let files = shards.iter().map(|(name, shard)| (name.clone(), Arc::clone(&shard.json))).collect();
    cache.shards = shards.into_iter().collect();
    cache.stems = encoded;
    files
}

/// How many words apart, on average, the marks where a shard may end are: the power of
/// two nearest the number of words that fill [`SHARD_TARGET`] less [`SHARD_LEAST`],
/// from the mean size of a word's entry in `words` (`cost`: of the word, and of its
/// stem's postings when they are counted the first time). A power of two, so that a
/// handbook's growth changes it only when the mean doubles or halves.
fn cut_stride(words: &[u32], stem_of: impl Fn(u32) -> u32, cost: impl Fn(u32, bool) -> usize) -> u64 {
    if words.is_empty() {
        return 1;
    }
    let mut counted = hash::FastHashSet::default();
    let total: usize = words.iter().map(|&w| cost(w, counted.insert(stem_of(w)))).sum();
    let mean = (total / words.len()).max(1);
    let wanted = ((SHARD_TARGET - SHARD_LEAST) / mean).max(1) as u64;
    let below = 1u64 << (63 - wanted.leading_zeros());
    if wanted - below < below * 2 - wanted { below } else { below * 2 }
}

/// A shard to make: its name, words and homed stems, and the cached shard of its name.
type ShardJob<'a> = (String, &'a [u32], Vec<u32>, Option<Shard>);

fn shard_json(terms: &Terms, words: &[u32], homed: &[u32], encoded: &[Option<Encoded>]) -> String {
    #[derive(Serialize)]
    struct Json<'a> {
        /// Word -> stem.
        w: BTreeMap<&'a str, &'a str>,
        /// Stem -> postings: a string of (page delta, score, section) triples; or, for a
        /// stem on most pages, `[pages without it, score of the others, best triples]`.
        p: BTreeMap<&'a str, &'a serde_json::Value>,
    }
    let mut shard = Json { w: BTreeMap::new(), p: BTreeMap::new() };
    for stem in homed.iter().copied().chain(words.iter().map(|&w| terms.stem_of(w))) {
        if let Some(e) = &encoded[stem as usize] {
            shard.p.insert(terms.stem(stem), &e.json);
        }
    }
    for &word in words {
        shard.w.insert(terms.word(word), terms.stem(terms.stem_of(word)));
    }
    to_json(&shard)
}

/// Cuts the words a typing mistake may be taken for (`sorted`: three letters or more,
/// letters only, by their reversed spelling) into shards of about [`REVERSED_TARGET`]
/// bytes: `(first reversed word, JSON list of the words)`. A word whose first half has
/// a mistake keeps its second half, so the client finds it in the shards where that
/// half sorts backwards, wherever the word itself sorts.
fn reversed_shards(terms: &Terms, sorted: &[(Box<str>, u32)]) -> Vec<(String, Arc<str>)> {
    let mut shards = Vec::new();
    let mut start = 0;
    let mut size = 2;
    let shard = |run: &[(Box<str>, u32)]| -> (String, Arc<str>) {
        let words: Vec<&str> = run.iter().map(|&(_, w)| terms.word(w)).collect();
        (run[0].0.to_string(), to_json(&words).into())
    };
    for (i, &(_, word)) in sorted.iter().enumerate() {
        let added = terms.word(word).len() + 3;
        if i > start && size + added > REVERSED_TARGET {
            shards.push(shard(&sorted[start..i]));
            start = i;
            size = 2;
        }
        size += added;
    }
    if start < sorted.len() {
        shards.push(shard(&sorted[start..]));
    }
    shards
}

#[cfg(test)]
mod tests;
