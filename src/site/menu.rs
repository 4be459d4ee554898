//! The handbook's menu: the links across the top of every page, as the old tool's
//! configuration and pages give them (an old tool's rules make it,
//! `ToolRules::main_menu`); templates see it as `site.menu`.

use serde::Serialize;

/// An entry of the menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct MenuLink {
    /// The text shown.
    pub name: String,
    /// The link, base path included; `None` for an entry that only holds others.
    pub url: Option<String>,
    /// The link's title, shown on hover, when it says more than the name.
    pub title: Option<String>,
    /// Text shown before and after the name.
    pub pre: String,
    /// See `pre`.
    pub post: String,
    /// The entries under it, in order.
    pub children: Vec<MenuLink>,
}
