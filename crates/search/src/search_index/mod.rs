//! The index of the pages' words: what [`crate`] says, in modules by step.

pub mod encode;
pub mod index;
pub mod packed;
pub mod page_terms;
pub mod pairs;
pub mod shards;
pub mod snippets;
pub mod terms;
pub mod text;

pub use pairs::patch::KeptIndex;
pub use shards::IndexCache;

/// The mean size of a shard, in bytes.
pub const SHARD_TARGET: usize = 8 * 1024;
/// The least size of a shard that ends where a word's hash says (content-defined cuts:
/// [`shards`]), in bytes; the last shard may be smaller.
pub const SHARD_LEAST: usize = SHARD_TARGET / 2;
/// The size past which a shard ends at the next word whatever its hash, in bytes (a
/// shard grows past it only for one very common word).
pub const SHARD_MOST: usize = SHARD_TARGET * 3;
/// The size of a shard of reversed words, in bytes.
pub const REVERSED_TARGET: usize = 8 * 1024;

/// `value` as JSON (`null` when serde cannot write it).
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// Ascending page numbers as the index writes a list of them: the gaps between them,
/// encoded ([`encode`]).
pub fn encode_docs(docs: &[u32]) -> String {
    let mut previous = 0;
    encode::encode(docs.iter().map(|&d| {
        let delta = u64::from(d - previous);
        previous = d;
        delta
    }))
}

/// Where a build keeps pages' postings for the next one (the build cache), each in its
/// kept form ([`page_terms::PageTerms::to_kept`]) by the hash of everything it is made of
/// (the key opsbook's postings step makes of them).
pub trait KeptTerms: Sync {
    /// The kept form the previous build kept with `key`.
    fn recall_terms(&self, key: u128) -> Option<Vec<u8>>;
    /// Keeps `bytes`, a kept form, with `key` for the next build.
    fn keep_terms(&self, key: u128, bytes: &[u8]);
}
