//! Docusaurus: its blog plugins, versioned docs, locales and `sidebars.js` (read through a
//! bounded reader of JavaScript object literals that never runs code), and its MDX
//! imports of other Markdown files.

pub(crate) mod blog;
pub(crate) mod i18n;
pub(crate) mod js_literal;
pub(crate) mod mdx_imports;
pub(crate) mod sidebars;
pub(crate) mod versions;
