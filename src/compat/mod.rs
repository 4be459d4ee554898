//! The compatibility layer: everything opsbook knows of the tools a handbook may have
//! been written for (Hugo and Docsy, MkDocs, Docusaurus, Jekyll, Eleventy, Middleman,
//! mdBook, GitBook), one folder per tool, with the dialect machinery they share
//! (Liquid, Nunjucks, shortcodes, MDX, ERB) in [`dialects`].
//!
//! [`old_tool`] finds the tool after the walk and holds the rules the rest of the build
//! reads; the core (config, content, site, pipeline, render, the Markdown core) is to
//! see only what those rules produce (docs/architecture.md, "The compatibility layer").

pub(crate) mod dialects;
pub(crate) mod docusaurus;
pub(crate) mod eleventy;
pub(crate) mod hugo;
pub(crate) mod jekyll;
pub(crate) mod mdbook;
pub(crate) mod middleman;
pub(crate) mod mkdocs;
pub(crate) mod old_tool;
