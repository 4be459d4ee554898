//! opsbook's search index, the part that knows no site: the words of a page's text
//! ([`text`](search_index::text)), interned stems ([`terms`](search_index::terms)), each page's postings ([`page_terms`](search_index::page_terms)), their
//! scores ([`index`](search_index::index)), the shards of the vocabulary ([`shards`](search_index::shards)), phrase pairs
//! ([`pairs`](search_index::pairs)), snippets ([`snippets`](search_index::snippets)) and the compressed files ([`packed`](search_index::packed)). The top
//! crate's `search` module feeds it the pages of a site and writes what it makes.
//!
//! More: docs/architecture.md, "Notes by module".

pub mod search_index;

#[cfg(test)]
pub(crate) use opsbook_core::panics;
pub(crate) use opsbook_core::{char_table, hash, slug};
pub(crate) use opsbook_markdown::markdown;
pub use search_index::{IndexCache, KeptIndex, KeptTerms};
