//! opsbook turns a folder of Markdown runbooks, incident reviews (RCAs), manifesto and
//! process pages into a fast static handbook site.
//!
//! The library is laid out like the pipeline it runs; `pipeline` lists the steps and
//! runs them in one sequence for `build`, `check` and the dev server's first build.
//!
//! More: docs/architecture.md, "Notes by module".

// Files are read and written through `fs`, with paths the confinement made (clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

pub(crate) mod alerts;
pub(crate) mod background;
pub(crate) mod blog;
pub(crate) use opsbook_core::braces;
pub(crate) use opsbook_core::char_boundary;
pub(crate) use opsbook_core::char_table;
pub(crate) mod check;
pub(crate) mod cli;
pub mod cmd;
pub(crate) mod compat;
#[doc(hidden)]
pub use content::front_matter::front_matter_as_json;
pub use opsbook_content::config;
pub(crate) use opsbook_content::content;
pub(crate) use opsbook_core::dates;
pub use opsbook_core::diagnostic;
pub(crate) use opsbook_core::fs;
pub(crate) use opsbook_core::hash;
pub(crate) use opsbook_core::html;
pub(crate) use opsbook_core::html_pass;
pub(crate) use opsbook_core::http_client;
pub(crate) use opsbook_markdown::markdown;
#[cfg(test)]
mod markdown_tests;
pub mod memory;
#[cfg(test)]
mod module_graph;
pub(crate) mod new_page;
pub(crate) use opsbook_core::panics;
pub(crate) mod peers;
pub(crate) use opsbook_core::percent;
pub mod pipeline;
pub(crate) mod progress;
pub(crate) mod render;
pub mod search;
pub(crate) use opsbook_core::secret;
pub(crate) use opsbook_search::search_index;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) use opsbook_core::site_path;
pub(crate) use opsbook_core::slug;
pub(crate) use opsbook_core::spent;
pub(crate) mod starter;
pub(crate) mod status;
pub(crate) use opsbook_core::suggest;
pub(crate) use opsbook_core::test_hooks;
#[cfg(test)]
mod test_support;

pub use anyhow::{Error, Result};
