//! The HTML of tabs, the same for the three syntaxes (MkDocs Material / pymdownx.tabbed
//! `===`, Docsy `tabpane`/`tab`, Docusaurus `<Tabs>`/`<TabItem>`).
//!
//! The page holds every panel, one after the other, each under its label: without
//! JavaScript it needs nothing more, prints whole and reads in order with a screen
//! reader. The theme's `tabs.js`, loaded only by pages that have tabs ([`in_html`]), makes
//! each group one WAI-ARIA tablist (the "Tabs with automatic activation" pattern of the
//! ARIA Authoring Practices: `role=tablist/tab/tabpanel`, `aria-selected`,
//! `aria-controls`, a roving `tabindex`, Left/Right/Home/End) and remembers the reader's
//! choice, as each tool does.
//!
//! More: docs/architecture.md, "Notes by module".

use super::title::title_html;
use crate::html::escape;
// The start of every group's opening tag, which the core looks for in a page's body;
// in a code block it is escaped (`&lt;div`), so code showing it loads no script.
use crate::markdown::tabs::OPENING;

/// How a group of tabs chooses its first tab and remembers the reader's choice.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Group<'a> {
    /// The group whose sets switch together, remembered by value (Docusaurus `groupId`).
    pub sync: Option<&'a str>,
    /// The query string parameter that selects and records the tab (Docusaurus).
    pub query: Option<&'a str>,
    /// The value of the tab shown first (Docusaurus `defaultValue`).
    pub default_value: Option<&'a str>,
    /// Whether sets switch together and are remembered by label (MkDocs, Docsy).
    pub by_label: bool,
}

/// One tab's panel.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Panel<'a> {
    /// The label, in Markdown.
    pub label: &'a str,
    /// The value, when the syntax gives one apart from the label.
    pub value: Option<&'a str>,
    /// Whether the tab is the one shown first.
    pub default: bool,
}

/// The opening of a group of tabs.
pub(super) fn group_open(group: &Group<'_>) -> String {
    let mut html = String::from(OPENING);
    let attributes =
        [("data-group", group.sync), ("data-query", group.query), ("data-default-value", group.default_value)];
    for (name, value) in attributes {
        if let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) {
            html.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }
    if group.by_label {
        html.push_str(" data-persist=\"label\"");
    }
    html.push_str(">\n");
    html
}

/// The end of a group of tabs.
pub(super) fn group_close() -> String {
    "</div>\n".into()
}

/// The opening of one tab's panel, headed by its label.
pub(super) fn panel_open(panel: &Panel<'_>) -> String {
    let label = title_html(panel.label.trim());
    let mut html = String::from("<div class=\"tab-panel\"");
    if let Some(value) = panel.value.map(str::trim).filter(|v| !v.is_empty()) {
        html.push_str(&format!(" data-value=\"{}\"", escape(value)));
    }
    if panel.default {
        html.push_str(" data-default");
    }
    html.push_str(&format!(">\n<p class=\"tab-label\">{label}</p>\n"));
    html
}

/// The end of one tab's panel.
pub(super) fn panel_close() -> String {
    "</div>\n".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_group_names_how_it_remembers_and_opens_as_pages_find_it() {
        let group = Group { sync: Some("os"), query: Some("os"), default_value: Some("a\"b"), by_label: false };
        let html = group_open(&group);
        assert_eq!(
            html,
            "<div class=\"tabs\" data-tabs data-group=\"os\" data-query=\"os\" data-default-value=\"a&quot;b\">\n"
        );
        assert!(html.starts_with(OPENING));
        let html = group_open(&Group { by_label: true, sync: Some(" "), ..Group::default() });
        assert_eq!(html, "<div class=\"tabs\" data-tabs data-persist=\"label\">\n");
    }

    #[test]
    fn a_panel_carries_its_value_and_default() {
        let html = panel_open(&Panel { label: "Debian", value: Some("apt"), default: true });
        assert_eq!(
            html,
            "<div class=\"tab-panel\" data-value=\"apt\" data-default>\n<p class=\"tab-label\">Debian</p>\n"
        );
        let html = panel_open(&Panel { label: "**Bold**", ..Panel::default() });
        assert_eq!(html, "<div class=\"tab-panel\">\n<p class=\"tab-label\"><strong>Bold</strong></p>\n");
    }
}
