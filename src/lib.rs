//! opsbook turns a folder of Markdown runbooks, incident reviews (RCAs), manifesto and
//! process pages into a fast static handbook site.
//!
//! The library is laid out like the pipeline it runs; `pipeline` lists the steps and
//! runs them in one sequence for `build`, `check` and the dev server's first build:
//!
//! - `config` reads `book.toml`, with the kind schema (fields and roles of each kind);
//! - `content` walks `content/`, parses front matter and validates kind fields;
//! - `site` is the model: pages and where each comes from, sections, URLs, navigation,
//!   link resolution, owners and tags, the table of generated pages and the list of
//!   extra output files, and one claim per output path;
//! - `markdown` turns a page body into HTML, recording links and headings;
//! - `render` applies the Tera theme; `search` builds the search index; `check` checks
//!   anchors and the links templates wrote, and prints diagnostics;
//! - `pipeline` runs the steps, renders one record per page, writes the output
//!   (put in place only when nothing failed) and rebuilds changed pages for `serve`;
//! - `serve` is the dev server, `cli` and `cmd` the binary's command line and verbs.
//!
//! Small leaves sit below them (`diagnostic`, `dates`, `slug`, `percent`, `suggest`,
//! `site_path`...). Modules import only those below them, and a test
//! (`src/module_graph/`) keeps the graph of top-level modules free of cycles and the
//! old tools behind the compatibility layer (`src/compat/`).
//! `docs/architecture.md` has the allowed imports, where paths are confined, and the
//! files to touch to add a generated page, a Markdown extension, a page kind or an
//! output file.

// Files are read and written through `fs`, with paths the confinement made (clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

pub(crate) mod background;
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
