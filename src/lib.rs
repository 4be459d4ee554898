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
pub(crate) mod char_boundary;
pub(crate) mod char_table;
pub(crate) mod check;
pub(crate) mod cli;
pub mod cmd;
pub(crate) mod compat;
pub mod config;
pub(crate) mod content;
#[doc(hidden)]
pub use content::front_matter::front_matter_as_json;
pub(crate) mod dates;
pub mod diagnostic;
pub(crate) mod fs;
pub(crate) mod hash;
pub(crate) mod html;
pub(crate) mod html_pass;
pub(crate) mod http_client;
pub(crate) mod markdown;
pub mod memory;
#[cfg(test)]
mod module_graph;
pub(crate) mod new_page;
pub(crate) mod panics;
pub(crate) mod peers;
pub(crate) mod percent;
pub mod pipeline;
pub(crate) mod progress;
pub(crate) mod render;
pub mod search;
pub(crate) mod secret;
pub(crate) mod serve;
pub(crate) mod site;
pub(crate) mod site_path;
pub(crate) mod slug;
pub(crate) mod spent;
pub(crate) mod starter;
pub(crate) mod status;
pub(crate) mod suggest;
#[cfg(test)]
mod test_support;

pub use anyhow::{Error, Result};
