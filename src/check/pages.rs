//! The pages of a site as a baseline records them: each page's source file, site path,
//! URL, title, aliases and two content fingerprints. `handbook.json` carries them
//! (`pipeline::api`), `opsbook routes` prints them, and `check --baseline` compares
//! the baseline's with the site's ([`super::moved`]).
//!
//! The fingerprints: `fingerprint` is a hash of the whole source file (front matter and
//! body), which changes with any edit; `similarity` is a SimHash of the body's words
//! and word pairs, which changes in few bits when a page is edited a little, so a renamed page
//! that was also edited is still recognised.

use serde::{Deserialize, Serialize};

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
/// by site path.
pub(crate) fn site_pages(site: &Site) -> Vec<PageEntry> {
    let mut aliases = aliases_by_page(site);
    let mut ids: Vec<PageId> = (0..site.pages.len()).filter(|&id| !site.pages[id].origin.is_generated()).collect();
    ids.sort_by(|&a, &b| site.pages[a].site_path.cmp(&site.pages[b].site_path));
    ids.into_iter().map(|id| page_entry(site, id, std::mem::take(&mut aliases[id]))).collect()
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

/// The entry of page `id`, with its aliases.
pub(crate) fn page_entry(site: &Site, id: PageId, aliases: Vec<String>) -> PageEntry {
    let page = &site.pages[id];
    let has_file = page.origin.has_file();
    PageEntry {
        path: page.site_path.clone(),
        url: site.href(id),
        source: has_file.then(|| page.source.file.clone()),
        title: page.title.clone(),
        aliases,
        fingerprint: if has_file { hex(exact_hash(page.source.text.as_bytes())) } else { String::new() },
        similarity: if has_file {
            similarity_hash(page.source.body()).map(hex).unwrap_or_default()
        } else {
            String::new()
        },
    }
}

fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A hash of every byte of a file.
pub(crate) fn exact_hash(bytes: &[u8]) -> u64 {
    fnv(bytes, 0xcbf2_9ce4_8422_2325)
}

/// The SimHash of a text's words and pairs of consecutive words (lower-cased letters and digits),
/// or none for a text too short to compare.
pub(crate) fn similarity_hash(text: &str) -> Option<u64> {
    let words: Vec<String> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.len() < MIN_SIMILAR_WORDS {
        return None;
    }
    let mut weights = [0i64; 64];
    let words_hashes = words.iter().map(|w| fnv(w.as_bytes(), 0xcbf2_9ce4_8422_2325));
    let pair_hashes =
        words.windows(2).map(|pair| fnv(pair[1].as_bytes(), fnv(pair[0].as_bytes(), 0xcbf2_9ce4_8422_2325) ^ 0x20));
    for h in words_hashes.chain(pair_hashes) {
        for (bit, weight) in weights.iter_mut().enumerate() {
            *weight += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(weights.iter().enumerate().filter(|(_, w)| **w > 0).fold(0u64, |acc, (bit, _)| acc | 1 << bit))
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
    fn leaves_short_texts_out() {
        assert_eq!(similarity_hash("Just a stub."), None);
        assert!(!similar("", "0"));
    }
}
