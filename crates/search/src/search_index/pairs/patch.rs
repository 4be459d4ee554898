//! The files of pairs of a rebuild, patched from the previous build's (kept in the
//! build cache) when the index has as many pages and only a few of them changed.
//!
//! 1. Each build keeps a [`PairState`] per index: each page's kept postings' key and
//!    title, the hash of each file's text, and the size the number of files came from.
//! 2. A page whose key or title changed: its old pairs come from its old kept form and
//!    title, its new ones from its postings; it gained or lost their difference.
//! 3. Each file holding such a pair is read back and edited; every other file is the
//!    previous text. A size that asks for another number of files, or anything the
//!    cache lacks, makes every file anew: the files are always a whole build's.
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{buckets, entry_size, file_name, hash};
use crate::search_index::page_terms::{PageTerms, for_each_title_pair, kept_pairs};
use crate::search_index::terms::Terms;
use crate::search_index::text::Analyzer;

/// Where the previous build's index is read from and this one's kept: the build cache,
/// with its compressed files and its pages' kept postings.
pub trait KeptIndex: crate::search_index::packed::Kept + crate::search_index::KeptTerms {}

impl<T: crate::search_index::packed::Kept + crate::search_index::KeptTerms> KeptIndex for T {}

/// Above this share of changed pages (one in `PATCH_AT_MOST`), the files are made anew.
const PATCH_AT_MOST: usize = 8;

/// What one index's files of pairs were made of (see the module's steps).
#[derive(Debug, Default, Serialize, Deserialize)]
struct PairState {
    /// Each page of the index, in order: its kept postings' key and its title.
    docs: Vec<(u128, String)>,
    /// The XXH3-128 hash of each file's text, `q-0.json` on.
    files: Vec<u128>,
    /// The size the number of files was worked out from.
    bytes: usize,
}

/// The key the state of the index in `folder` is kept with among the compressed files:
/// the hash of a label, not of a file's text.
fn state_key(folder: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(format!("opsbook pair files of {folder}\n").as_bytes())
}

/// The files of pairs of `pages` (as [`super::files`] makes them) of the index in
/// `folder`, stemmed in `language`: patched from the previous build's when `kept` has
/// what they were made of (see the module's steps), which is then left there for the
/// next build.
pub fn files(
    terms: &Terms,
    (language, folder): (&str, &str),
    pages: &[Option<Arc<PageTerms>>],
    kept: Option<&dyn KeptIndex>,
) -> Vec<(String, Arc<str>)> {
    let Some(kept) = kept else { return super::files(terms, pages).0 };
    // A page without kept postings (none were kept, or it has no text) cannot be patched.
    let docs: Option<Vec<(u128, String)>> = pages
        .iter()
        .map(|page| page.as_ref().filter(|p| p.kept_key() != 0).map(|p| (p.kept_key(), p.title().to_string())))
        .collect();
    let key = state_key(folder);
    let previous = kept.packed(key).and_then(|bytes| postcard::from_bytes::<PairState>(bytes).ok());
    let patched = match (&docs, previous) {
        (Some(docs), Some(previous)) => patch(terms, language, pages, docs, previous, kept),
        _ => None,
    };
    let (files, bytes) = patched.unwrap_or_else(|| super::files(terms, pages));
    if let Some(docs) = docs {
        let hashes = files.par_iter().map(|(_, text)| xxhash_rust::xxh3::xxh3_128(text.as_bytes())).collect();
        if let Ok(state) = postcard::to_stdvec(&PairState { docs, files: hashes, bytes }) {
            kept.keep_packed(key, &state);
        }
    }
    files
}

/// The pages that lost a pair and those that gained it.
type Edit = (Vec<u32>, Vec<u32>);

/// By pair key (`"stem stem"`): its [`Edit`].
type Edits = BTreeMap<String, Edit>;

/// The files of pairs, `(file name, JSON)` each.
type Files = Vec<(String, Arc<str>)>;

/// The files of pairs patched from `previous` (see the module's steps), with their
/// size; `None` when they must be made anew.
fn patch(
    terms: &Terms,
    language: &str,
    pages: &[Option<Arc<PageTerms>>],
    docs: &[(u128, String)],
    previous: PairState,
    kept: &dyn KeptIndex,
) -> Option<(Files, usize)> {
    if previous.docs.len() != docs.len() || previous.files.is_empty() {
        return None;
    }
    let changed: Vec<usize> = (0..docs.len()).filter(|&d| previous.docs[d] != docs[d]).collect();
    if changed.len() * PATCH_AT_MOST > docs.len() {
        return None;
    }
    let edits = edits(terms, language, pages, &previous, &changed, kept)?;
    let count = previous.files.len();
    let mut by_file: BTreeMap<usize, Vec<(&String, &Edit)>> = BTreeMap::new();
    for (key, edit) in &edits {
        by_file.entry(hash(key) as usize % count).or_default().push((key, edit));
    }
    let made: Vec<(String, Arc<str>, i64)> = previous
        .files
        .par_iter()
        .enumerate()
        .map(|(n, &hash)| {
            let text = crate::search_index::packed::gunzip(kept.packed(hash)?)?;
            match by_file.get(&n) {
                None => Some((file_name(n), text.into(), 0)),
                Some(edits) => {
                    let (text, grown) = edit_file(&text, edits)?;
                    Some((file_name(n), text.into(), grown))
                }
            }
        })
        .collect::<Option<_>>()?;
    let grown: i64 = made.iter().map(|(_, _, grown)| grown).sum();
    let bytes = usize::try_from(i64::try_from(previous.bytes).ok()? + grown).ok()?;
    let files = made.into_iter().map(|(name, text, _)| (name, text)).collect();
    (buckets(bytes) == count).then_some((files, bytes))
}

/// The pairs the `changed` pages (index numbers) lost and gained since `previous`;
/// `None` when a page's old kept postings are not in `kept`.
fn edits(
    terms: &Terms,
    language: &str,
    pages: &[Option<Arc<PageTerms>>],
    previous: &PairState,
    changed: &[usize],
    kept: &dyn KeptIndex,
) -> Option<Edits> {
    let analyzer = Analyzer::new(language);
    let stem = |word: &str| analyzer.stem(word).map(Cow::into_owned);
    let mut edits = Edits::new();
    for &d in changed {
        let (old_key, old_title) = &previous.docs[d];
        let text = kept_pairs(&kept.recall_terms(*old_key)?, &stem)?;
        let mut old: BTreeSet<String> = text.into_iter().map(|(a, b)| format!("{a} {b}")).collect();
        for_each_title_pair(old_title, &stem, |a, b| {
            old.insert(format!("{a} {b}"));
        });
        let mut new = BTreeSet::new();
        if let Some(page) = &pages[d] {
            page.for_each_pair(|p| {
                new.insert(format!("{} {}", terms.stem((p >> 32) as u32), terms.stem(p as u32)));
            });
        }
        let doc = u32::try_from(d).ok()?;
        for key in old.difference(&new) {
            edits.entry(key.clone()).or_default().0.push(doc);
        }
        for key in new.difference(&old) {
            edits.entry(key.clone()).or_default().1.push(doc);
        }
    }
    Some(edits)
}

/// The JSON of a file of pairs `text` with `edits` made, and how much its entries' size
/// grew; `None` when it is not such a file.
fn edit_file(text: &str, edits: &[(&String, &Edit)]) -> Option<(String, i64)> {
    let mut body: BTreeMap<String, String> = serde_json::from_str(text).ok()?;
    let mut grown = 0i64;
    let size = |key: &str, docs: &str| i64::try_from(entry_size(key, docs)).unwrap_or(i64::MAX);
    for &(key, (lost, gained)) in edits {
        let mut list = Vec::new();
        if let Some(old) = body.remove(key.as_str()) {
            grown -= size(key, &old);
            let mut doc = 0u64;
            for delta in crate::search_index::encode::decode(&old) {
                doc = doc.checked_add(delta)?;
                list.push(u32::try_from(doc).ok()?);
            }
        }
        list.retain(|d| !lost.contains(d));
        list.extend(gained);
        list.sort_unstable();
        list.dedup();
        if !list.is_empty() {
            let docs = crate::search_index::encode_docs(&list);
            grown += size(key, &docs);
            body.insert(key.clone(), docs);
        }
    }
    Some((crate::search_index::to_json(&body), grown))
}

#[cfg(test)]
mod tests;
