//! The pages of each pair of consecutive stems, for quoted phrases (`"split brain"`):
//! `search/q-<n>.json`.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use super::page_terms::PageTerms;
use super::terms::Terms;

pub mod patch;

/// The size of a file of pairs, in bytes.
pub(crate) const PAIR_TARGET: usize = 12 * 1024;

/// A pair of stem numbers as one number (the first in the high half).
pub(crate) fn pair(first: u32, second: u32) -> u64 {
    (u64::from(first) << 32) | u64::from(second)
}

/// `pairs` sorted, without repeats, as varints of their differences; empties it.
pub(crate) fn encode(pairs: &mut Vec<u64>) -> Box<[u8]> {
    pairs.sort_unstable();
    pairs.dedup();
    let mut out = Vec::with_capacity(pairs.len() * 3);
    let mut previous = 0;
    for &p in pairs.iter() {
        let mut value = p - previous;
        while value >= 0x80 {
            out.push((value as u8) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
        previous = p;
    }
    pairs.clear();
    out.into_boxed_slice()
}

/// Calls `found` with each pair [`encode`] wrote, in order.
pub(crate) fn decode(bytes: &[u8], found: &mut impl FnMut(u64)) {
    let mut previous = 0u64;
    let mut value = 0u64;
    let mut shift = 0;
    for &b in bytes {
        value |= u64::from(b & 0x7f) << shift.min(63);
        if b < 0x80 {
            previous = previous.wrapping_add(value);
            found(previous);
            value = 0;
            shift = 0;
        } else {
            shift += 7;
        }
    }
}

/// The 32-bit FNV-1a hash of `key`'s UTF-8 bytes.
pub(crate) fn hash(key: &str) -> u32 {
    key.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// The number of files for `bytes` of pairs.
pub(crate) fn buckets(bytes: usize) -> usize {
    bytes.div_ceil(PAIR_TARGET).max(1)
}

/// The size an entry of a file of pairs counts for in [`buckets`]: its key's, its pages'
/// and six more bytes.
pub(crate) fn entry_size(key: &str, docs: &str) -> usize {
    key.len() + docs.len() + 6
}

/// The files of pairs of `pages` (postings in index order: a page's number is its
/// place): `(file name, JSON)` each, `q-0.json` on; as many as [`buckets`] of their
/// size, at least one; and that size.
pub(crate) fn files(terms: &Terms, pages: &[Option<Arc<PageTerms>>]) -> (Vec<(String, Arc<str>)>, usize) {
    let mut all: Vec<(u64, u32)> = pages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, page)| {
            let mut list = Vec::new();
            if let Some(page) = page {
                page.for_each_pair(|p| list.push((p, doc as u32)));
            }
            list
        })
        .collect();
    all.par_sort_unstable();
    all.dedup();
    // Each pair's run of pages, its key and its pages encoded, on every core.
    let starts: Vec<usize> = (0..all.len()).filter(|&i| i == 0 || all[i].0 != all[i - 1].0).collect();
    let entries: Vec<(String, String)> = starts
        .par_iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = starts.get(n + 1).copied().unwrap_or(all.len());
            let docs: Vec<u32> = all[start..end].iter().map(|&(_, d)| d).collect();
            let key = all[start].0;
            let (first, second) = ((key >> 32) as u32, key as u32);
            (format!("{} {}", terms.stem(first), terms.stem(second)), super::encode_docs(&docs))
        })
        .collect();
    let bytes: usize = entries.iter().map(|(k, d)| entry_size(k, d)).sum();
    let count = buckets(bytes);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (n, (key, _)) in entries.iter().enumerate() {
        members[hash(key) as usize % count].push(n);
    }
    // Each file on its own core.
    let files = members
        .par_iter()
        .enumerate()
        .map(|(n, members)| {
            let body: BTreeMap<&str, &str> =
                members.iter().map(|&m| (entries[m].0.as_str(), entries[m].1.as_str())).collect();
            (file_name(n), super::to_json(&body).into())
        })
        .collect();
    (files, bytes)
}

/// The name of file `n` of pairs.
pub(crate) fn file_name(n: usize) -> String {
    format!("q-{n}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::SectionText;
    use crate::search_index::page_terms::{PageText, Scratch};
    use crate::search_index::terms::{Seen, TermsBuilder};

    #[test]
    fn round_trips_pairs() {
        let mut pairs = vec![pair(7, 3), pair(0, 1), pair(u32::MAX - 1, u32::MAX - 1), pair(7, 3), pair(0, 0)];
        let bytes = encode(&mut pairs);
        let mut back = Vec::new();
        decode(&bytes, &mut |p| back.push(p));
        assert_eq!(back, [pair(0, 0), pair(0, 1), pair(7, 3), pair(u32::MAX - 1, u32::MAX - 1)]);
    }

    #[test]
    fn hashes_as_the_client_does() {
        // The values `search-phrases.js` gives (tests/js/search.test.cjs checks the same).
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
        assert_eq!(hash("split brain"), hash("split brain"));
        assert_ne!(hash("split brain"), hash("brain split"));
    }

    /// The pairs of a page are those of each block and of the title, stop words left
    /// out; no pair spans two blocks.
    #[test]
    fn finds_a_phrase_in_any_block_and_never_across_two() {
        let builder = TermsBuilder::new("en");
        let mut seen = Seen::default();
        let page = |sections: &[SectionText], title: &str, seen: &mut Seen| {
            let text = PageText { description: "", tags: &[], alerts: &[], sections };
            let mut terms = PageTerms::of(&text, &mut builder.worker(seen), &mut Scratch::default());
            terms.set_title(title, &mut builder.worker(seen));
            Some(Arc::new(terms))
        };
        let section = |heading: &str, text: &str, code: &str| SectionText {
            id: None,
            heading: heading.into(),
            text: text.into(),
            code: code.into(),
        };
        let pages = vec![
            // In a table cell and a list item (blocks on their own lines).
            page(&[section("", "Symptoms\nA split of the brain\nSplit brain risk\n", "")], "Etcd", &mut seen),
            // The two words, in two blocks only.
            page(&[section("Split", "brain surgery\nthe split\nbrain\n", "")], "Other", &mut seen),
            // In the title and a heading.
            page(&[section("Avoiding split brains", "", "")], "Split-brain recovery", &mut seen),
            None,
        ];
        let terms = builder.into_terms();
        let (files, _) = files(&terms, &pages);
        assert_eq!(files.len(), 1);
        let all: BTreeMap<String, String> = serde_json::from_str(&files[0].1).expect("JSON");
        let docs = |key: &str| all.get(key).map(|d| crate::search_index::encode::decode(d)).unwrap_or_default();
        // Docs are delta-encoded: 0 then 2 is pages 0 and 2.
        assert_eq!(docs("split brain"), [0, 2], "{all:?}");
        // `A split of the brain`: `of the` are stop words, left out as the client leaves them.
        assert!(docs("brain split").is_empty());
        assert_eq!(docs("brain risk"), [0]);
        assert_eq!(docs("brain surgeri"), [1]);
        assert_eq!(docs("brain recoveri"), [2]);
    }
}
