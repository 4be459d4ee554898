//! The page ids a page's links point to, read through the map of ids a body kept from
//! an earlier site needs.
//!
//! A rendered body records the page id of each page it links to
//! ([`crate::markdown::LinkRecord::target`]), as the site it was rendered against
//! numbered its pages. When the dev server adds, deletes or renames a page
//! (`pipeline::incremental::shape`), the pages after it get other ids, but the bodies of
//! the other pages are kept as they are: shared (with the thread writing the search
//! index, among others), never copied to change their ids. Each kept page holds instead
//! the map from the ids its body was rendered with to the site's ([`Page::link_ids`]),
//! one map shared by every page kept from the same site, and readers of link targets ask
//! the page ([`Page::link_target`], [`Page::link_targets`]).

use std::collections::HashMap;
use std::sync::Arc;

use super::{Page, PageId};
use crate::markdown::LinkRecord;

/// By the page id a body was rendered with: the page's id in the site now. An id the
/// map does not know is the same in both.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct LinkIds(Vec<PageId>);

impl LinkIds {
    /// The map from the last site's page ids to the new site's, given each old page's new
    /// id (`None`: gone; its id then stays, as no kept body links to it). `None` when no
    /// id changes.
    pub(crate) fn from_new_ids(to_new: &[Option<PageId>]) -> Option<Arc<LinkIds>> {
        if to_new.iter().enumerate().all(|(old, new)| new.is_none_or(|new| new == old)) {
            return None;
        }
        Some(Arc::new(LinkIds(to_new.iter().enumerate().map(|(old, new)| new.unwrap_or(old)).collect())))
    }

    /// The id now of the page the body knew as `id`.
    fn get(&self, id: PageId) -> PageId {
        self.0.get(id).copied().unwrap_or(id)
    }
}

impl Page {
    /// The page a link of its body points to, by its id in this site (`None`: a link
    /// within the page).
    pub(crate) fn link_target(&self, link: &LinkRecord) -> Option<PageId> {
        let target = link.target?;
        Some(self.link_ids.as_ref().map_or(target, |ids| ids.get(target)))
    }

    /// The pages the links of its body point to, in order, by their ids in this site.
    pub(crate) fn link_targets(&self) -> impl Iterator<Item = PageId> + '_ {
        self.rendered.links.iter().filter_map(|link| self.link_target(link))
    }
}

/// The maps of the pages kept from one site into the next: each page's map followed by
/// the one between the two sites, made once per distinct map (the pages kept from one
/// site share theirs).
pub(crate) struct ComposedLinkIds {
    /// From the last site's ids to the new site's (`None`: the same).
    step: Option<Arc<LinkIds>>,
    /// Each map seen (by address) and what it becomes.
    made: HashMap<*const LinkIds, Option<Arc<LinkIds>>>,
}

impl ComposedLinkIds {
    /// Composes with `step`, the map from the last site's ids to the new site's.
    pub(crate) fn new(step: Option<Arc<LinkIds>>) -> ComposedLinkIds {
        ComposedLinkIds { step, made: HashMap::new() }
    }

    /// The map in the new site of a page kept from the last site, whose map there was
    /// `old`.
    pub(crate) fn of(&mut self, old: Option<&Arc<LinkIds>>) -> Option<Arc<LinkIds>> {
        let Some(old) = old else { return self.step.clone() };
        let Some(step) = self.step.clone() else { return Some(Arc::clone(old)) };
        let composed = self.made.entry(Arc::as_ptr(old)).or_insert_with(|| {
            let ids: Vec<PageId> = old.0.iter().map(|&id| step.get(id)).collect();
            (!ids.iter().enumerate().all(|(at, &id)| at == id)).then(|| Arc::new(LinkIds(ids)))
        });
        composed.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unchanged_numbering_needs_no_map() {
        assert_eq!(LinkIds::from_new_ids(&[Some(0), None, Some(2)]), None);
    }

    #[test]
    fn maps_compose_and_keep_unknown_ids() {
        // Page 1 added: 1 -> 2, 2 -> 3.
        let first = LinkIds::from_new_ids(&[Some(0), Some(2), Some(3)]).expect("a map");
        assert_eq!((first.get(1), first.get(2), first.get(7)), (2, 3, 7));
        // Then the page added (now 1) gone: 2 -> 1, 3 -> 2.
        let second = LinkIds::from_new_ids(&[Some(0), None, Some(1), Some(2)]);
        let mut composed = ComposedLinkIds::new(second);
        // Back where it started: no map at all.
        assert_eq!(composed.of(Some(&first)), None);
        let kept_from_before = composed.of(None).expect("a map");
        assert_eq!(kept_from_before.get(3), 2);
    }
}
