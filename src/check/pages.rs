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
use serde::Serialize;

use crate::content::released::Fingerprints;
use crate::hash::{FNV_OFFSET, fnv1a};
use crate::site::{PageId, Site};

/// One page of a site, as a baseline needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    pub aliases: Vec<String>,
    /// Hash of the source file, 16 hex digits; `""` when unknown.
    pub fingerprint: String,
    /// SimHash of the body, 16 hex digits; `""` when unknown.
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
    entries_of(site, &listed_pages(site), fingerprints)
}

/// The entries of pages `ids`, in their order, as [`site_pages`] makes them.
pub(crate) fn entries_of(site: &Site, ids: &[PageId], fingerprints: bool) -> Vec<PageEntry> {
    let aliases = aliases_by_page(site);
    ids.par_iter()
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
    // A streaming build's page took them before letting its text go; the dev server's
    // pages keep them from one `handbook.json` to the next.
    let Fingerprints { exact, similarity } = match source.released {
        Some(released) => released.fingerprints,
        None => *source.fingerprints.get_or_init(|| Fingerprints {
            exact: exact_hash(source.text.as_bytes()),
            similarity: similarity_hash(source.body()),
        }),
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
/// text's bytes, no word copied: each word is hashed as it is read (ASCII through a
/// table, other characters decoded).
pub(crate) fn similarity_hash(text: &str) -> Option<u64> {
    let mut ones = BitCounts::default();
    let mut words = 0usize;
    let mut previous: Option<u64> = None;
    let (mut word, mut in_word) = (FNV_OFFSET, false);
    let mut buffer = [0u8; 4];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        // A space after the text ends its last word.
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let lower = ASCII_WORD_BYTES[usize::from(b)];
        if lower != 0 {
            word = fnv1a(word, &[lower]);
            in_word = true;
            i += 1;
            continue;
        }
        if b >= 0x80 {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            if crate::char_table::is_alphanumeric(c) {
                if crate::char_table::is_own_lowercase(c) {
                    word = fnv1a(word, c.encode_utf8(&mut buffer).as_bytes());
                } else {
                    for lower in c.to_lowercase() {
                        word = fnv1a(word, lower.encode_utf8(&mut buffer).as_bytes());
                    }
                }
                in_word = true;
                continue;
            }
        } else {
            i += 1;
        }
        if in_word {
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

/// Each ASCII letter and digit lower-cased, by byte; 0 for every other byte.
const ASCII_WORD_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        if byte.is_ascii_alphanumeric() {
            table[b] = byte.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// An odd multiplier that tells a pair `a b` from `b a`.
const PAIR: u64 = 0x9e37_79b9_7f4a_7c15;

/// How many of the features added had each of the 64 bits set, in three tiers:
/// 1. four bit planes count the last features (up to 15) for all 64 bits at once, as a
///    binary counter per bit: bit `k` of `planes[p]` is bit `p` of bit `k`'s count;
/// 2. every 15 features the planes move into eight counters of eight bits packed in each
///    `u64` lane (bit `k` of every byte counted in `lanes[k]`);
/// 3. the lanes move into the totals before a byte can overflow.
struct BitCounts {
    planes: [u64; 4],
    staged: u32,
    lanes: [u64; 8],
    pending: u32,
    totals: [u32; 64],
    features: u32,
}

impl Default for BitCounts {
    fn default() -> Self {
        BitCounts { planes: [0; 4], staged: 0, lanes: [0; 8], pending: 0, totals: [0; 64], features: 0 }
    }
}

/// The features the planes hold before they move into the lanes (a 4-bit count).
const STAGED_MAX: u32 = 15;

impl BitCounts {
    /// Adds a feature's bits, after the SplitMix64 finaliser (so every bit depends on
    /// every byte of the word).
    fn add(&mut self, hash: u64) {
        let mut z = hash;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        let mut carry = z;
        for plane in &mut self.planes {
            let next = *plane & carry;
            *plane ^= carry;
            carry = next;
        }
        self.features += 1;
        self.staged += 1;
        if self.staged == STAGED_MAX {
            self.unstage();
        }
    }

    /// Moves the planes' counts into the lanes, and the lanes' into the totals when one
    /// more move could overflow a byte.
    fn unstage(&mut self) {
        for (p, plane) in self.planes.iter_mut().enumerate() {
            for (k, lane) in self.lanes.iter_mut().enumerate() {
                *lane += ((*plane >> k) & 0x0101_0101_0101_0101) << p;
            }
            *plane = 0;
        }
        self.pending += self.staged;
        self.staged = 0;
        if self.pending > 255 - STAGED_MAX {
            self.flush_lanes();
        }
    }

    fn flush_lanes(&mut self) {
        for (k, lane) in self.lanes.iter_mut().enumerate() {
            for byte in 0..8 {
                self.totals[byte * 8 + k] += ((*lane >> (byte * 8)) & 0xff) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// Moves every count into the totals.
    fn flush(&mut self) {
        self.unstage();
        self.flush_lanes();
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

    /// The SimHash as first written, over characters, each bit counted on its own: the
    /// byte loop and the bit planes must give the same.
    fn similarity_hash_by_chars(text: &str) -> Option<u64> {
        #[derive(Default)]
        struct Naive(Vec<u32>, u32);
        impl Naive {
            fn add(&mut self, hash: u64) {
                let mut z = hash;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^= z >> 31;
                self.0.resize(64, 0);
                for bit in 0..64 {
                    self.0[bit] += (z >> bit & 1) as u32;
                }
                self.1 += 1;
            }
            fn majority(self) -> u64 {
                (0..64).filter(|&bit| 2 * self.0[bit] > self.1).fold(0, |acc, bit| acc | 1 << bit)
            }
        }
        let mut ones = Naive::default();
        let (mut words, mut previous, mut word, mut in_word) = (0usize, None::<u64>, FNV_OFFSET, false);
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

    #[test]
    fn hashes_bytes_as_the_characters_were_hashed() {
        let texts = [
            TEXT.to_string(),
            format!("{TEXT} Überprüfe die Größe — ÅNGSTRÖM İstanbul ǅ straße 東京 のサーバー 😀 x²"),
            "Ärger…Öl\u{a0}über ΣΊΣΥΦΟΣ word1 word2 a-b_c d.e ﬁle ǈ".repeat(5),
            "ends in a word ".repeat(4) + "Ünïcödé",
            // Past what the planes, a lane's byte and the totals' first moves hold.
            (0..2000).map(|n| format!("w{} ", n % 37)).collect(),
        ];
        for text in &texts {
            assert_eq!(similarity_hash(text), similarity_hash_by_chars(text), "{text}");
            assert!(similarity_hash(text).is_some());
        }
    }

    #[test]
    fn leaves_short_texts_out() {
        assert_eq!(similarity_hash("Just a stub."), None);
        assert!(!similar("", "0"));
    }
}
