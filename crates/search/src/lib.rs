//! opsbook's search index, the part that knows no site ([`search_index`]): the words of
//! a page's text, interned stems, each page's postings, their scores, the shards of the
//! vocabulary, phrase pairs, snippets and the compressed files. The top crate's `search`
//! module feeds it the pages of a site and writes what it makes.
//!
//! More: docs/architecture.md, "Notes by module".

pub mod search_index;

#[cfg(test)]
pub(crate) use opsbook_core::panics;
pub(crate) use opsbook_core::{char_table, hash, slug};
pub(crate) use opsbook_markdown::markdown;
