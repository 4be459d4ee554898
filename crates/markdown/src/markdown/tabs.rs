//! Groups of tabs as opsbook writes them in a page's body: the dialects that read tabs
//! (MkDocs's, Docusaurus's, Hugo's, GitBook's) open each group with [`OPENING`], and a
//! page whose body holds one ([`crate::markdown::Rendered::tabs`], set where the body
//! writer writes the group's placeholder) loads the theme's `tabs.js`.

/// The opening of a group of tabs.
pub const OPENING: &str = "<div class=\"tabs\" data-tabs";
