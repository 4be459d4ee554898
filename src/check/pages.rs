//! The pages of a site as a baseline records them: each page's source file, site path,
//! URL, title, aliases and two content fingerprints. `handbook.json` carries them
//! (`pipeline::api`), `opsbook routes` prints them, and `check --baseline` compares
//! the baseline's with the site's ([`super::moved`]).
//!
//! The fingerprints: `fingerprint` is a hash of the whole source file (front matter and
//! body), which changes with any edit; `similarity` is a SimHash of the body's words
//! and word pairs, which changes in few bits when a page is edited a little, so a renamed page
//! that was also edited is still recognised.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::hash::{FNV_OFFSET, fnv1a};
use crate::site::{PageId, Site};

/// One page of a site, as a baseline needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageEntry {
    /// The site path, without the base path: `runbooks/db/`, `""` for the home page.
    pub path: String,
    /// The link in the site, base path included: `/handbook/runbooks/db/`.
    pub url: String,
    /// The Markdown file from the handbook's root; none for a generated section page.
    pub source: Option<String>,
    /// The title.
    pub title: String,
    /// The site paths that redirect to it (front matter `aliases`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Hash of the source file, 16 hex digits; `""` when unknown.
    #[serde(default)]
    pub fingerprint: String,
    /// SimHash of the body, 16 hex digits; `""` when unknown.
    #[serde(default)]
    pub similarity: String,
}

/// The bodies with fewer words than this are too short to be recognised by their text.
const MIN_SIMILAR_WORDS: usize = 8;

/// How many of the 64 bits two similar bodies may differ in.
const MAX_SIMILAR_BITS: u32 = 10;

/// The pages of `site` that `handbook.json` lists (not those opsbook generates), sorted
/// by site path; their fingerprints only when `fingerprints` (they are `""` otherwise).
/// The entries are made in parallel: the fingerprints read every page's text.
pub(crate) fn site_pages(site: &Site, fingerprints: bool) -> Vec<PageEntry> {
    let aliases = aliases_by_page(site);
    listed_pages(site)
        .par_iter()
        .map(|&id| {
            let aliases = aliases[id].clone();
            if fingerprints { page_entry(site, id, aliases) } else { PageEntry { aliases, ..route(site, id) } }
        })
        .collect()
}

/// The ids of the pages `handbook.json` lists, in its order (by site path).
pub(crate) fn listed_pages(site: &Site) -> Vec<PageId> {
    let mut ids: Vec<PageId> = (0..site.pages.len()).filter(|&id| !site.pages[id].origin.is_generated()).collect();
    ids.sort_by(|&a, &b| site.pages[a].site_path.cmp(&site.pages[b].site_path));
    ids
}

/// The site paths that redirect to each page, by page id: its aliases and its alerts'
/// redirects.
pub(crate) fn aliases_by_page(site: &Site) -> Vec<Vec<String>> {
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); site.pages.len()];
    for (path, id) in &site.aliases {
        if let Some(list) = aliases.get_mut(*id) {
            list.push(path.clone());
        }
    }
    aliases
}

/// The entry of page `id`, with its aliases and fingerprints.
pub(crate) fn page_entry(site: &Site, id: PageId, aliases: Vec<String>) -> PageEntry {
    let source = &site.pages[id].source;
    let entry = route(site, id);
    if entry.source.is_none() {
        return PageEntry { aliases, ..entry };
    }
    // A streaming build's page took them before letting its text go.
    let (exact, similarity) = match source.released {
        Some(released) => (released.fingerprints.exact, released.fingerprints.similarity),
        None => (exact_hash(source.text.as_bytes()), similarity_hash(source.body())),
    };
    PageEntry { aliases, fingerprint: hex(exact), similarity: similarity.map(hex).unwrap_or_default(), ..entry }
}

/// Where page `id` comes from and goes: no aliases, no fingerprints.
fn route(site: &Site, id: PageId) -> PageEntry {
    let page = &site.pages[id];
    PageEntry {
        path: page.site_path.clone(),
        url: site.href(id),
        source: page.origin.has_file().then(|| page.source.file.clone()),
        title: page.title.clone(),
        aliases: Vec::new(),
        fingerprint: String::new(),
        similarity: String::new(),
    }
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// A hash of every byte of a file.
pub(crate) fn exact_hash(bytes: &[u8]) -> u64 {
    fnv1a(FNV_OFFSET, bytes)
}

/// The SimHash of a text's words and pairs of consecutive words (runs of letters and
/// digits, lower-cased), or none for a text too short to compare. One pass over the
/// text, no word copied: each word is hashed as it is read.
pub(crate) fn similarity_hash(text: &str) -> Option<u64> {
    let mut ones = BitCounts::default();
    let mut words = 0usize;
    let mut previous: Option<u64> = None;
    let (mut word, mut in_word) = (FNV_OFFSET, false);
    let mut buffer = [0u8; 4];
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word = fnv1a(word, &[c.to_ascii_lowercase() as u8]);
            in_word = true;
        } else if !c.is_ascii() && c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                word = fnv1a(word, lower.encode_utf8(&mut buffer).as_bytes());
            }
            in_word = true;
        } else if in_word {
            ones.add(word);
            if let Some(previous) = previous {
                ones.add(previous.rotate_left(32) ^ word.wrapping_mul(PAIR));
            }
            previous = Some(word);
            words += 1;
            (word, in_word) = (FNV_OFFSET, false);
        }
    }
    (words >= MIN_SIMILAR_WORDS).then(|| ones.majority())
}

/// An odd multiplier that tells a pair `a b` from `b a`.
const PAIR: u64 = 0x9e37_79b9_7f4a_7c15;

/// How many of the features added had each of the 64 bits set: eight counters of eight
/// bits packed in each `u64` lane (bit `k` of every byte counted in `lanes[k]`), moved
/// into the totals before a byte can overflow.
struct BitCounts {
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
    features: u32,
}

impl Default for BitCounts {
    fn default() -> Self {
        BitCounts { lanes: [0; 8], pending: 0, totals: [0; 64], features: 0 }
    }
}

impl BitCounts {
    /// Adds a feature's bits, after the SplitMix64 finaliser (so every bit depends on
    /// every byte of the word).
    fn add(&mut self, hash: u64) {
        let mut z = hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (z >> k) & 0x0101_0101_0101_0101;
        }
        self.features += 1;
        self.pending += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            for byte in 0..8 {
                self.totals[byte * 8 + k] += ((*lane >> (byte * 8)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The bits set in more than half of the features.
    fn majority(mut self) -> u64 {
        self.flush();
        let features = self.features;
        self.totals.iter().enumerate().filter(|(_, n)| 2 * **n > features).fold(0u64, |acc, (bit, _)| acc | 1 << bit)
    }
}

/// Whether two `similarity` values (hex) are of similar texts.
pub(crate) fn similar(a: &str, b: &str) -> bool {
    match (u64::from_str_radix(a, 16), u64::from_str_radix(b, 16)) {
        (Ok(a), Ok(b)) => (a ^ b).count_ones() <= MAX_SIMILAR_BITS,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Promote the replica in the other zone, then point the service at it and \
        watch the replication lag until it is zero; page the database team if it is not.";

    #[test]
    fn recognises_a_lightly_edited_text() {
        let edited = TEXT.replace("other zone", "second zone");
        let (a, b) = (similarity_hash(TEXT).unwrap(), similarity_hash(&edited).unwrap());
        assert!(similar(&hex(a), &hex(b)), "{a:016x} {b:016x}");
        assert_ne!(exact_hash(TEXT.as_bytes()), exact_hash(edited.as_bytes()));
    }

    #[test]
    fn tells_different_texts_apart() {
        let other = "Rotate the TLS certificates of the edge proxies before they expire, \
            and check the chain with openssl from a host outside the network.";
        let (a, b) = (similarity_hash(TEXT).unwrap(), similarity_hash(other).unwrap());
        assert!(!similar(&hex(a), &hex(b)), "{a:016x} {b:016x}");
    }

    #[test]
    fn counts_bits_past_what_a_byte_holds() {
        let mut counts = BitCounts::default();
        for _ in 0..1000 {
            counts.add(7);
        }
        let mut once = BitCounts::default();
        once.add(7);
        let bits = once.majority();
        counts.flush();
        for (bit, total) in counts.totals.iter().enumerate() {
            assert_eq!(*total, if bits >> bit & 1 == 1 { 1000 } else { 0 }, "bit {bit}");
        }
        assert_eq!(counts.majority(), bits);
    }

    #[test]
    fn leaves_short_texts_out() {
        assert_eq!(similarity_hash("Just a stub."), None);
        assert!(!similar("", "0"));
    }
}
