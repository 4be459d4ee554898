//! opsbook turns a folder of Markdown runbooks, incident reviews (RCAs), manifesto and
//! process pages into a fast static handbook site.
//!
//! The library is organised like the build pipeline it runs (see [`pipeline`]):
//! [`config`] reads `book.toml`; [`content`] walks `content/` and parses front matter;
//! [`site`] assigns URLs and arranges the navigation tree; [`markdown`] turns page
//! bodies into HTML; [`render`] applies the Tera theme; [`pipeline`] runs the steps and writes the output.
//! The binary's verbs live in [`cmd`].

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostic;
pub(crate) mod fs;
pub mod hash;
pub(crate) mod html;
pub mod markdown;
#[cfg(test)]
mod module_graph;
pub mod new_page;
pub(crate) mod percent;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod site_path;
pub(crate) mod slug;
pub mod spent;
pub(crate) mod starter;
pub(crate) mod suggest;

pub use anyhow::{Error, Result};
