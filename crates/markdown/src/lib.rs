//! A page's Markdown body as opsbook renders it: pulldown-cmark's events with the
//! handbook's constructs (admonitions, tabs, internal blocks, includes, heading ids,
//! links resolved by the site, emoji, bare addresses), code highlighted by syntect and
//! Mermaid diagrams drawn as SVG; what the page's other steps need besides the HTML
//! (headings, links, words, diagnostics at the source's line and column). An old
//! tool's dialect reaches it only through the `MarkdownInput` the caller fills.
//!
//! More: docs/architecture.md, "Crates".

// Files are read and written through `fs`, with paths the confinement made (clippy.toml).
#![cfg_attr(not(test), deny(clippy::disallowed_methods))]

// The modules below under the names the code has always used (`crate::html`, ...).
pub(crate) use opsbook_content::content;
pub(crate) use opsbook_core::{braces, char_boundary, diagnostic, hash, html, html_pass, panics, percent, slug, spent};

#[cfg(any(test, feature = "test-hooks"))]
pub(crate) use opsbook_core::site_path;

pub mod markdown;
