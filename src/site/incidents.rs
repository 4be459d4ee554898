//! Runbooks and the incidents they served: which incident reviews each runbook shows
//! as "Past incidents", and which runbook answers each alert an incident review cites.
//! Part of the handbook model ([`super::Site::model`]), after the alert registry
//! (the alerts feature's, `crate::alerts`, asked through `Features::runbook_of_alert`).
//!
//! 1. A review (a page whose kind shows the incident panel) cites a runbook when one of
//!    its `alerts` is answered by that runbook in the registry, or when one of its
//!    `services` is the runbook's `service` (compared without regard to case).
//! 2. Each runbook lists the reviews that cite it, newest first by `incident_date`
//!    (reviews without one last), then by file.
//!
//! A public build has no internal pages in its model, so internal reviews never appear.

use std::collections::BTreeMap;

use super::{PageId, Site};
use crate::config::Panel;

/// Per runbook, the incident reviews that cite it, newest first. Runbooks no review
/// cites have no entry.
pub(crate) type PastIncidents = BTreeMap<PageId, Vec<PageId>>;

/// An alert an incident review cites, with the runbook that answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CitedAlert<'a> {
    /// The alert name as written in the review.
    pub(crate) name: &'a str,
    /// Its runbook, when the handbook has one.
    pub(crate) runbook: Option<PageId>,
}

fn has_panel(site: &Site, id: PageId, panel: Panel) -> bool {
    site.in_model(id) && site.config.kinds.get(&site.pages[id].kind).is_some_and(|kind| kind.panel == panel)
}

/// The alerts incident review `id` cites, in its order, each with its runbook.
pub(crate) fn cited_alerts(site: &Site, id: PageId) -> Vec<CitedAlert<'_>> {
    site.pages[id]
        .values
        .list("alerts")
        .iter()
        .map(|name| name.trim())
        .filter(|name| !name.is_empty())
        .map(|name| CitedAlert { name, runbook: site.features.runbook_of_alert(name) })
        .collect()
}

/// Finds, for every runbook, the incident reviews that cite it (see the module's steps).
pub(crate) fn collect_past_incidents(site: &Site) -> PastIncidents {
    // Runbooks by service, lower-cased.
    let mut by_service: BTreeMap<String, Vec<PageId>> = BTreeMap::new();
    for id in (0..site.pages.len()).filter(|&id| has_panel(site, id, Panel::Runbook)) {
        if let Some(service) = site.pages[id].values.text("service").map(str::trim).filter(|s| !s.is_empty()) {
            by_service.entry(service.to_lowercase()).or_default().push(id);
        }
    }
    let mut past = PastIncidents::new();
    for review in (0..site.pages.len()).filter(|&id| has_panel(site, id, Panel::Incident)) {
        let mut runbooks: Vec<PageId> = cited_alerts(site, review).iter().filter_map(|a| a.runbook).collect();
        for service in site.pages[review].values.list("services") {
            runbooks.extend(by_service.get(&service.trim().to_lowercase()).into_iter().flatten());
        }
        runbooks.sort_unstable();
        runbooks.dedup();
        for runbook in runbooks.into_iter().filter(|&r| r != review) {
            past.entry(runbook).or_default().push(review);
        }
    }
    for reviews in past.values_mut() {
        reviews.sort_by(|&a, &b| {
            let date = |id: PageId| site.pages[id].values.date("incident_date");
            // Newest first; `None` sorts below every date, so it comes last.
            date(b).cmp(&date(a)).then_with(|| site.pages[a].source.file.cmp(&site.pages[b].source.file))
        });
    }
    past
}

impl Site {
    /// The pages that show something of page `id` through the incident links: the
    /// runbooks listing it among their past incidents, and the reviews it lists.
    pub(crate) fn incident_neighbours(&self, id: PageId) -> impl Iterator<Item = PageId> + '_ {
        let listing = self.past_incidents.iter().filter(move |(_, reviews)| reviews.contains(&id)).map(|(&r, _)| r);
        listing.chain(self.past_incidents.get(&id).into_iter().flatten().copied())
    }
}
