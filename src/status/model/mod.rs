//! The status page's model: each component's current state, its 90-day uptime, the
//! incidents and maintenances, and the page's overall status, computed once from the
//! pages at the build's "now" ([`Site::now`]). The generated page `/status/`, the
//! Statuspage API files, `handbook.json` and the badges only serialise this.
//!
//! Part of the handbook model ([`Site::model`]), after the kinds are validated; only a
//! handbook with a `[status]` table has one.
//!
//! More: docs/architecture.md, "Notes by module".

mod collect;
pub(crate) mod measured;
pub(crate) mod state;
pub(crate) mod update_text;
pub(crate) mod uptime;

use std::collections::BTreeMap;

use crate::dates::Timestamp;
use crate::site::{PageId, Site};
pub(crate) use collect::collect_status;
use state::{ComponentStatus, Impact, Overall};
use uptime::Uptime;

/// The status page of a handbook.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Status {
    /// Its title.
    pub(crate) title: String,
    /// The page's id in the API, stable across builds.
    pub(crate) page_id: String,
    /// The moment it was computed at.
    pub(crate) now: Timestamp,
    /// The components, in display order.
    pub(crate) components: Vec<ComponentState>,
    /// The groups, in the order of their first component.
    pub(crate) groups: Vec<Group>,
    /// Every incident, newest first (by `started_at`, then file).
    pub(crate) incidents: Vec<Incident>,
    /// Every maintenance, soonest first (by `scheduled_for`, then file).
    pub(crate) maintenances: Vec<Maintenance>,
    /// The overall status.
    pub(crate) overall: Overall,
    /// The components each page relates to (indices into `components`), for badges.
    pub(crate) related: BTreeMap<PageId, Vec<usize>>,
    /// When the checks were measured, for a page with checks.
    pub(crate) measured_at: Option<Timestamp>,
}

/// A component and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComponentState {
    /// Its id, from `[status]`.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its description.
    pub(crate) description: Option<String>,
    /// Its group's index in [`Status::groups`].
    pub(crate) group: Option<usize>,
    /// Its state now.
    pub(crate) status: ComponentStatus,
    /// When its state last changed (the start or end of an incident or maintenance),
    /// at most now; `None` when nothing ever touched it.
    pub(crate) updated_at: Option<Timestamp>,
    /// Its bar and uptime.
    pub(crate) uptime: Uptime,
    /// What its checks measure, for a component with checks.
    pub(crate) health: Option<crate::status::health::ComponentHealth>,
    /// Whether an incident or maintenance names it now, which wins over the checks.
    pub(crate) named: bool,
}

impl ComponentState {
    /// Its measured level, for a component with checks.
    pub(crate) fn level(&self) -> Option<crate::status::health::Level> {
        self.health.as_ref().map(|h| h.level)
    }

    /// Whether nothing is known of it now: measured, unknown, and no incident or
    /// maintenance says otherwise. The page shows it grey, never green.
    pub(crate) fn is_unknown(&self) -> bool {
        !self.named && self.level() == Some(crate::status::health::Level::Unknown)
    }

    /// Its state as the page, the badges and the SCS labels show it: its state's name
    /// and words, or `unknown` when nothing is known of it now.
    pub(crate) fn shown(&self) -> (&'static str, &'static str) {
        if self.is_unknown() { ("unknown", "Unknown") } else { (self.status.name(), self.status.label()) }
    }
}

/// A group of components.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Group {
    /// Its id in the API, stable across builds.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its components, indices into [`Status::components`].
    pub(crate) components: Vec<usize>,
    /// The worst state of its components.
    pub(crate) status: ComponentStatus,
}

/// One update of an incident or maintenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Update {
    /// Its id in the API, stable across builds.
    pub(crate) id: String,
    /// When.
    pub(crate) at: Timestamp,
    /// The status it announced.
    pub(crate) status: String,
    /// What it said, in Markdown.
    pub(crate) text: String,
}

/// An incident.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Incident {
    /// Its page.
    pub(crate) page: PageId,
    /// Its id in the API, stable across builds.
    pub(crate) id: String,
    /// Its public status: investigating, identified, monitoring, resolved or postmortem.
    pub(crate) status: &'static str,
    /// Its impact.
    pub(crate) impact: Impact,
    /// When it started.
    pub(crate) started_at: Timestamp,
    /// When it was resolved.
    pub(crate) resolved_at: Option<Timestamp>,
    /// The first update with status `monitoring`.
    pub(crate) monitoring_at: Option<Timestamp>,
    /// Its last update, else its resolution, else its start.
    pub(crate) updated_at: Timestamp,
    /// The components it affects with their states, in the order written.
    pub(crate) components: Vec<(usize, ComponentStatus)>,
    /// Its updates, newest first.
    pub(crate) updates: Vec<Update>,
    /// Its incident review, when `rca` links to one in this build.
    pub(crate) rca: Option<PageId>,
}

impl Incident {
    /// Whether it is still going on: not resolved (nor in postmortem).
    pub(crate) fn is_unresolved(&self) -> bool {
        !matches!(self.status, "resolved" | "postmortem")
    }
}

/// Where a maintenance stands at the build's "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Before `scheduled_for`.
    Scheduled,
    /// Between `scheduled_for` and `scheduled_until`.
    InProgress,
    /// After `scheduled_until`.
    Completed,
}

impl Phase {
    /// Its name in the API.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Phase::Scheduled => "scheduled",
            Phase::InProgress => "in_progress",
            Phase::Completed => "completed",
        }
    }

    /// The words shown.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Phase::Scheduled => "Scheduled",
            Phase::InProgress => "In progress",
            Phase::Completed => "Completed",
        }
    }
}

/// A scheduled maintenance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Maintenance {
    /// Its page.
    pub(crate) page: PageId,
    /// Its id in the API, stable across builds.
    pub(crate) id: String,
    /// Its phase now.
    pub(crate) phase: Phase,
    /// When it starts.
    pub(crate) scheduled_for: Timestamp,
    /// When it ends.
    pub(crate) scheduled_until: Timestamp,
    /// The components it takes down, in the order written.
    pub(crate) components: Vec<usize>,
    /// Its updates, newest first.
    pub(crate) updates: Vec<Update>,
    /// Its last update, else its start.
    pub(crate) updated_at: Timestamp,
}

impl Status {
    /// The components a page relates to, with their states.
    pub(crate) fn components_of(&self, page: PageId) -> impl Iterator<Item = &ComponentState> + '_ {
        self.related.get(&page).into_iter().flatten().map(|&i| &self.components[i])
    }

    /// The incidents still going on, newest first.
    pub(crate) fn unresolved(&self) -> impl Iterator<Item = &Incident> + '_ {
        self.incidents.iter().filter(|i| i.is_unresolved())
    }

    /// The maintenances in `phase`, soonest first.
    pub(crate) fn maintenances_in(&self, phase: Phase) -> impl Iterator<Item = &Maintenance> + '_ {
        self.maintenances.iter().filter(move |m| m.phase == phase)
    }

    /// The overall status as the page and the badges show it, description and tone:
    /// when nothing wrong is known but some components are not known at all, grey and
    /// saying so, never green ([`state::overall_with_unknown`]).
    pub(crate) fn shown_overall(&self) -> (&'static str, &'static str) {
        (self.overall.description, self.overall.tone)
    }

    /// Group `g`'s state as the page shows it, name and words: the worst of its known
    /// components', unless that is operational while one is unknown: then unknown.
    pub(crate) fn group_shown(&self, g: usize) -> (&'static str, &'static str) {
        let members: Vec<&ComponentState> = self.groups[g].components.iter().map(|&c| &self.components[c]).collect();
        let known = members.iter().filter(|c| !c.is_unknown()).map(|c| c.status).max();
        match known {
            Some(worst) if worst != ComponentStatus::Operational => (worst.name(), worst.label()),
            _ if members.iter().any(|c| c.is_unknown()) => ("unknown", "Unknown"),
            _ => (ComponentStatus::Operational.name(), ComponentStatus::Operational.label()),
        }
    }

    /// The components nothing is known of now ([`ComponentState::is_unknown`]).
    pub(crate) fn unknown(&self) -> impl Iterator<Item = &ComponentState> + '_ {
        self.components.iter().filter(|c| c.is_unknown())
    }

    /// The last moment anything on the page changed, at most now (`page.updated_at`).
    pub(crate) fn updated_at(&self) -> Timestamp {
        let incidents = self.incidents.iter().map(|i| i.updated_at);
        let maintenances = self.maintenances.iter().map(|m| m.updated_at);
        incidents.chain(maintenances).filter(|&t| t <= self.now).max().unwrap_or(self.now)
    }
}

impl Site {
    /// Whether the status model, read again from the pages as they are now, differs
    /// from the one the site holds: after [`Site::refresh_page`], an edit to an
    /// incident (or a page with badges) changes pages it did not touch.
    pub(crate) fn status_differs(&self) -> bool {
        collect_status(self, &mut Vec::new()).as_ref() != self.status()
    }

    /// The title of the status page in `words`: `[status] title`, else the handbook's
    /// title in the words' `status_page_title` ("Ops status"). The API, the feeds and
    /// the badges keep the model's own, [`Status::title`].
    pub(crate) fn status_page_title(&self, words: &crate::site::strings::Words) -> String {
        match self.config.status.as_ref().and_then(|config| config.title.clone()) {
            Some(title) => title,
            None => crate::site::strings::word(words, "status_page_title").replace("{title}", &self.config.title),
        }
    }

    /// The updates page `id` shows of the event whose updates are `updates` (its
    /// original's): a translation's own when it writes `updates`, since their texts are
    /// in its language (each without a `status` taking its page's, else
    /// `default_status`), else `updates` themselves.
    pub(crate) fn updates_shown<'u>(
        &self,
        id: PageId,
        updates: &'u [Update],
        default_status: &str,
    ) -> std::borrow::Cow<'u, [Update]> {
        let page = &self.pages[id];
        let translated = self.original_of(id) != id && !self.is_fallback(id);
        match translated && !page.values.records("updates").is_empty() {
            true => {
                let default = page.values.text("status").unwrap_or(default_status);
                std::borrow::Cow::Owned(collect::read_updates(self, id, &page.values, default))
            }
            false => std::borrow::Cow::Borrowed(updates),
        }
    }
}

/// A state or status name in words: `partial_outage` -> "Partial outage", for the
/// page, the feeds and the SCS export alike.
pub(crate) fn status_words(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// Whether page `id` is of a kind the status page collects (incident or maintenance).
pub(crate) fn is_status_event(site: &Site, id: PageId) -> bool {
    site.config.kinds.get(&site.pages[id].kind).is_some_and(|kind| {
        matches!(kind.panel, crate::config::Panel::StatusIncident | crate::config::Panel::Maintenance)
    })
}

/// A UUID, stable across builds, for `text` (the SCS status-page API names everything
/// by UUID): two FNV-1a hashes of it, written as an RFC 9562 version 8 (custom) UUID.
pub(crate) fn stable_uuid(text: &str) -> String {
    let hex = format!("{:016x}{:016x}", fnv1a(text.as_bytes()), fnv1a(format!("uuid:{text}").as_bytes()));
    // Version 8 in the 13th digit, variant `10` in the 17th.
    let variant = ["8", "9", "a", "b"][usize::from(hex.as_bytes()[16] % 4)];
    format!("{}-{}-8{}-{}{}-{}", &hex[..8], &hex[8..12], &hex[13..16], variant, &hex[17..20], &hex[20..32])
}

/// The site paths of the status files named after a component `id`, which links may
/// point to: its feeds, its badge and its record in the SCS API.
pub(crate) fn component_paths(id: &str) -> [String; 4] {
    [
        component_feed_path(id),
        component_json_feed_path(id),
        badge_path(id),
        format!("status/scs/components/{}/index.json", component_uuid(id)),
    ]
}

/// The site path of the Atom feed of component `id`.
pub(crate) fn component_feed_path(id: &str) -> String {
    format!("status/{id}/feed.xml")
}

/// The site path of the JSON Feed of component `id`.
pub(crate) fn component_json_feed_path(id: &str) -> String {
    format!("status/{id}/feed.json")
}

/// The site path of the JSON Feed of every event of the page.
pub(crate) const JSON_FEED_PATH: &str = "status/feed.json";

/// The site path of the badge `name` (a component id, or `overall`).
pub(crate) fn badge_path(name: &str) -> String {
    format!("status/badge/{name}.svg")
}

/// The UUID in the SCS API of the incident or maintenance whose API id is `id`.
pub(crate) fn event_uuid(id: &str) -> String {
    stable_uuid(id)
}

impl Status {
    /// The site paths of the SCS files of each incident and maintenance (its record and
    /// its updates), which depend on the pages: claimed with the model's other outputs.
    /// The measured events' ([`Status::measured_events`]) are among them.
    pub(crate) fn event_paths(&self) -> impl Iterator<Item = String> + '_ {
        let written = self.incidents.iter().map(|i| i.id.clone()).chain(self.maintenances.iter().map(|m| m.id.clone()));
        let ids = written.chain(self.measured_events().into_iter().map(|e| e.id));
        ids.flat_map(|id| {
            let uuid = event_uuid(&id);
            [
                format!("status/scs/incidents/{uuid}/index.json"),
                format!("status/scs/incidents/{uuid}/updates/index.json"),
            ]
        })
    }
}

/// The UUID of component `id` in the SCS API.
pub(crate) fn component_uuid(id: &str) -> String {
    stable_uuid(&format!("component:{id}"))
}

/// FNV-1a, 64 bits, from its offset basis.
fn fnv1a(bytes: &[u8]) -> u64 {
    crate::hash::fnv1a(crate::hash::FNV_OFFSET, bytes)
}

/// A short id, stable across builds, for `text` (a page path, a group name): 12
/// characters of base 36, as Statuspage's ids look.
pub(crate) fn stable_id(text: &str) -> String {
    let mut hash = fnv1a(text.as_bytes());
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    (0..12)
        .map(|_| {
            let digit = DIGITS[(hash % 36) as usize];
            hash /= 36;
            char::from(digit)
        })
        .collect()
}

#[cfg(test)]
mod tests;
