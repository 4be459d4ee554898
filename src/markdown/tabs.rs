//! Groups of tabs as opsbook writes them in a page's body: the dialects that read tabs
//! (MkDocs's, Docusaurus's, Hugo's) open each group with [`OPENING`], and a page whose
//! body holds one loads the theme's `tabs.js`.

/// The opening of a group of tabs.
pub(crate) const OPENING: &str = "<div class=\"tabs\" data-tabs";

/// Whether `html` (a page's body) holds a group of tabs: the page then loads `tabs.js`.
pub(crate) fn has_tabs(html: &str) -> bool {
    html.contains(OPENING)
}
