//! The handbook as opsbook reads it, before any page is rendered: `config` reads
//! `book.toml` (and an old tool's configuration file's fields it maps) into a typed
//! `Config` with the kind schema, and `content` walks the content folder within the one
//! confinement and reads each page's front matter, fields and values.
//!
//! More: docs/architecture.md, "Crates".

// Files are read and written through `fs`, with paths the confinement made (clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

// The core's modules under the names the code has always used (`crate::fs`, ...).
pub(crate) use opsbook_core::{dates, diagnostic, fs, hash, percent, secret, site_path, slug};

pub mod config;
pub mod content;
