//! mdBook (and GitBook's `SUMMARY.md`): `book.toml` read as it is, and the summary that
//! orders the book.

pub(crate) mod config;
pub(crate) mod summary;
