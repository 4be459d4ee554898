//! Catalogs: what the page of a section whose `default_kind` is set lists about the
//! pages of that kind beneath it. For runbooks: service, severity, owners and review
//! status. For incident reviews: the incidents, newest first, and the roll-up of every
//! open action item, overdue first.

use super::{PageId, Site};
use crate::config::{Kind, severity_level};
use crate::content::kinds::ActionItem;

/// The pages of `kind` below section page `section`, in reading order.
pub(crate) fn pages_of_kind(site: &Site, section: PageId, kind: &str) -> Vec<PageId> {
    let mut found = Vec::new();
    let mut stack: Vec<PageId> = site.pages[section].children.iter().rev().copied().collect();
    while let Some(id) = stack.pop() {
        let page = &site.pages[id];
        if page.kind == kind && !page.origin.is_section() {
            found.push(id);
        }
        stack.extend(page.children.iter().rev());
    }
    found
}

/// The kind a section catalogs: its `default_kind`.
pub(crate) fn catalog_kind(site: &Site, section: PageId) -> Option<&Kind> {
    let page = &site.pages[section];
    if !page.origin.is_section() {
        return None;
    }
    let kind = page.source.front.default_kind.as_ref()?;
    site.config.kinds.get(&kind.value)
}

/// Incident reviews, newest incident first; on the same day the most severe first (by
/// severity level, so `critical` before `SEV2`), then in reading order reversed.
pub(crate) fn incidents_newest_first(site: &Site, mut rcas: Vec<PageId>) -> Vec<PageId> {
    rcas.sort_by_key(|&id| {
        let values = &site.pages[id].values;
        let level = values.text("severity").and_then(severity_level).unwrap_or(u8::MAX);
        std::cmp::Reverse((values.date("incident_date"), std::cmp::Reverse(level), site.position[id]))
    });
    rcas
}

/// Every open action item of `rcas`, with the review it comes from: overdue first, then
/// by due date (items without one last).
pub(crate) fn open_action_items<'a>(site: &'a Site, rcas: &[PageId]) -> Vec<(PageId, &'a ActionItem)> {
    let today = site.today;
    let mut items: Vec<(PageId, &ActionItem)> = rcas
        .iter()
        .flat_map(|&id| site.pages[id].values.action_items().iter().filter(|i| i.is_open()).map(move |i| (id, i)))
        .collect();
    items.sort_by_key(|(id, item)| (!item.is_overdue(today), item.due.is_none(), item.due, site.position[*id]));
    items
}
