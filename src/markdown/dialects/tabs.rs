//! The HTML of tabs, the same for the three syntaxes (MkDocs Material `===`, Docsy
//! `tabpane`/`tab`, Docusaurus `<Tabs>`/`<TabItem>`): every panel is shown, one after the
//! other, each under its label, so the page needs no JavaScript, prints whole and reads
//! in order with a screen reader. The group is a list of labelled regions.

use super::title::title_html;

/// The opening of a group of tabs.
pub(super) fn group_open() -> String {
    "<div class=\"tabs\">\n".into()
}

/// The end of a group of tabs.
pub(super) fn group_close() -> String {
    "</div>\n".into()
}

/// The opening of one tab's panel, labelled `label`.
pub(super) fn panel_open(label: &str) -> String {
    let label = title_html(label.trim());
    format!("<div class=\"tab-panel\">\n<p class=\"tab-label\">{label}</p>\n")
}

/// The end of one tab's panel.
pub(super) fn panel_close() -> String {
    "</div>\n".into()
}
