//! The status page's public API, as static files in the format of Atlassian
//! Statuspage's public API v2 (`/api/v2/summary.json` and its siblings), under
//! `status/api/v2/`, so the monitors, widgets and client libraries that read a
//! Statuspage page read this one. Every file is a serialisation of the model
//! ([`crate::status::model::Status`]); nothing is computed here.
//!
//! More: docs/architecture.md, "Notes by module".

use serde::Serialize;

use crate::dates::Timestamp;
use crate::site::Site;
use crate::status::model::{Incident, Maintenance, Phase, Status, Update};

/// How many incidents `incidents.json` lists, as Statuspage does.
const RECENT_INCIDENTS: usize = 50;

/// One of the API's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiFile {
    /// `status.json`.
    Status,
    /// `summary.json`.
    Summary,
    /// `components.json`.
    Components,
    /// `incidents.json`.
    Incidents,
    /// `incidents/unresolved.json`.
    Unresolved,
    /// `scheduled-maintenances.json`.
    Maintenances,
    /// `scheduled-maintenances/upcoming.json`.
    Upcoming,
    /// `scheduled-maintenances/active.json`.
    Active,
}

#[derive(Serialize)]
struct PageRecord<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    time_zone: &'static str,
    updated_at: String,
}

#[derive(Serialize)]
struct StatusRecord {
    indicator: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct ComponentRecord<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    created_at: String,
    updated_at: String,
    position: usize,
    description: Option<&'a str>,
    showcase: bool,
    start_date: Option<String>,
    group_id: Option<&'a str>,
    page_id: &'a str,
    group: bool,
    only_show_if_degraded: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct UpdateRecord<'a> {
    id: std::borrow::Cow<'a, str>,
    status: &'a str,
    body: &'a str,
    incident_id: &'a str,
    created_at: String,
    updated_at: String,
    display_at: String,
}

#[derive(Serialize)]
struct IncidentRecord<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    created_at: String,
    updated_at: String,
    monitoring_at: Option<String>,
    resolved_at: Option<String>,
    impact: &'static str,
    shortlink: String,
    started_at: String,
    page_id: &'a str,
    incident_updates: Vec<UpdateRecord<'a>>,
    components: Vec<ComponentRecord<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_for: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_until: Option<String>,
}

#[derive(Serialize)]
struct Document<'a> {
    page: PageRecord<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    components: Option<Vec<ComponentRecord<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    incidents: Option<Vec<IncidentRecord<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scheduled_maintenances: Option<Vec<IncidentRecord<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<StatusRecord>,
}

/// A moment as Statuspage writes it: `2026-03-14T09:12:00.000Z`.
fn time(t: Timestamp) -> String {
    let text = t.rfc3339();
    format!("{}.000Z", text.trim_end_matches('Z'))
}

/// The API file `file` of the site's status page, or `None` without one.
pub(crate) fn api_json(site: &Site, file: ApiFile) -> Option<String> {
    let status = site.status()?;
    let api = Api { site, status, epoch: epoch(status), positions: positions(status) };
    let mut document =
        Document { page: api.page(), components: None, incidents: None, scheduled_maintenances: None, status: None };
    let maintenances = |phase: Option<Phase>| -> Vec<IncidentRecord<'_>> {
        let wanted = |m: &&Maintenance| phase.is_none_or(|p| m.phase == p);
        status.maintenances.iter().filter(wanted).map(|m| api.maintenance(m)).collect()
    };
    match file {
        ApiFile::Status => document.status = Some(api.status()),
        ApiFile::Components => document.components = Some(api.components()),
        ApiFile::Incidents => {
            document.incidents =
                Some(status.incidents.iter().take(RECENT_INCIDENTS).map(|i| api.incident(i)).collect());
        }
        ApiFile::Unresolved => document.incidents = Some(status.unresolved().map(|i| api.incident(i)).collect()),
        ApiFile::Maintenances => {
            let mut all = maintenances(None);
            all.reverse();
            document.scheduled_maintenances = Some(all);
        }
        ApiFile::Upcoming => document.scheduled_maintenances = Some(maintenances(Some(Phase::Scheduled))),
        ApiFile::Active => document.scheduled_maintenances = Some(maintenances(Some(Phase::InProgress))),
        ApiFile::Summary => {
            document.components = Some(api.components());
            document.incidents = Some(status.unresolved().map(|i| api.incident(i)).collect());
            let mut current = maintenances(Some(Phase::InProgress));
            current.extend(maintenances(Some(Phase::Scheduled)));
            document.scheduled_maintenances = Some(current);
            document.status = Some(api.status());
        }
    }
    let mut json = serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    Some(json)
}

/// The first moment the page knows of (the earliest incident or maintenance), else now:
/// the `created_at` of its components, so it does not change from build to build.
fn epoch(status: &Status) -> Timestamp {
    let incidents = status.incidents.iter().map(|i| i.started_at);
    let maintenances = status.maintenances.iter().map(|m| m.scheduled_for.min(status.now));
    incidents.chain(maintenances).min().unwrap_or(status.now).min(status.now)
}

/// Each component's `position` in `components.json`, where each group comes before its
/// first component and counts too: the one position every file gives it (an
/// incident's components had positions of their own).
fn positions(status: &Status) -> Vec<usize> {
    let mut positions = Vec::with_capacity(status.components.len());
    let mut groups_seen = Vec::new();
    let mut position = 0;
    for component in &status.components {
        if let Some(g) = component.group
            && !groups_seen.contains(&g)
        {
            groups_seen.push(g);
            position += 1;
        }
        position += 1;
        positions.push(position);
    }
    positions
}

/// The update an incident or maintenance written without any is exported with, as
/// Statuspage always has one (the one it is opened with): at its start (a
/// maintenance's announcement), with its status and its description.
pub(crate) struct FirstUpdate {
    /// Its id, stable across builds.
    pub(crate) id: String,
    /// When.
    pub(crate) at: Timestamp,
    /// Its status.
    pub(crate) status: &'static str,
}

impl FirstUpdate {
    /// The update of incident `i` when it has none written.
    pub(crate) fn of_incident(i: &Incident) -> Option<FirstUpdate> {
        let status = if i.status == "postmortem" { "resolved" } else { i.status };
        i.updates.is_empty().then(|| FirstUpdate {
            id: crate::status::model::stable_id(&format!("first-update:{}", i.id)),
            at: i.started_at,
            status,
        })
    }

    /// The update of maintenance `m` when it has none written: `scheduled`, when it
    /// was announced.
    pub(crate) fn of_maintenance(m: &Maintenance, now: Timestamp) -> Option<FirstUpdate> {
        m.updates.is_empty().then(|| FirstUpdate {
            id: crate::status::model::stable_id(&format!("first-update:{}", m.id)),
            at: created_at(m, now),
            status: "scheduled",
        })
    }
}

/// When a maintenance was announced: its first update, else its start, and never after
/// now (a maintenance to come had a `created_at` in the future).
pub(crate) fn created_at(m: &Maintenance, now: Timestamp) -> Timestamp {
    m.updates.iter().map(|u| u.at).min().unwrap_or(m.scheduled_for).min(m.scheduled_for).min(now)
}

struct Api<'a> {
    site: &'a Site,
    status: &'a Status,
    epoch: Timestamp,
    /// Each component's `position`.
    positions: Vec<usize>,
}

impl<'a> Api<'a> {
    fn url(&self, site_path: &str) -> String {
        let base = &self.site.config.base_url;
        base.absolute(site_path).unwrap_or_else(|| base.href(site_path))
    }

    fn page(&self) -> PageRecord<'a> {
        let path = self
            .site
            .generated_page(&crate::site::GeneratedPage::Status)
            .map_or("status/", |id| self.site.pages[id].site_path.as_str());
        PageRecord {
            id: &self.status.page_id,
            name: &self.status.title,
            url: self.url(path),
            time_zone: "Etc/UTC",
            updated_at: time(self.status.updated_at()),
        }
    }

    fn status(&self) -> StatusRecord {
        StatusRecord { indicator: self.status.overall.indicator.name(), description: self.status.overall.description }
    }

    /// Component `i` of the model as the API shows it.
    fn component(&self, i: usize) -> ComponentRecord<'a> {
        let component = &self.status.components[i];
        let group = component.group.map(|g| self.status.groups[g].id.as_str());
        ComponentRecord {
            id: &component.id,
            name: &component.name,
            status: component.status.name(),
            created_at: time(self.epoch),
            updated_at: time(component.updated_at.unwrap_or(self.epoch).max(self.epoch)),
            position: self.positions[i],
            description: component.description.as_deref(),
            showcase: true,
            start_date: None,
            group_id: group,
            page_id: &self.status.page_id,
            group: false,
            only_show_if_degraded: false,
            components: None,
        }
    }

    /// Every component, groups included (each before its first component), in display
    /// order; positions count from 1 within the page.
    fn components(&self) -> Vec<ComponentRecord<'a>> {
        let mut out = Vec::new();
        let mut groups_seen = Vec::new();
        for (i, component) in self.status.components.iter().enumerate() {
            if let Some(g) = component.group
                && !groups_seen.contains(&g)
            {
                groups_seen.push(g);
                let group = &self.status.groups[g];
                let updated = group
                    .components
                    .iter()
                    .filter_map(|&c| self.status.components[c].updated_at)
                    .max()
                    .unwrap_or(self.epoch);
                out.push(ComponentRecord {
                    id: &group.id,
                    name: &group.name,
                    status: group.status.name(),
                    created_at: time(self.epoch),
                    updated_at: time(updated.max(self.epoch)),
                    position: 0,
                    description: None,
                    showcase: false,
                    start_date: None,
                    group_id: None,
                    page_id: &self.status.page_id,
                    group: true,
                    only_show_if_degraded: false,
                    components: Some(group.components.iter().map(|&c| self.status.components[c].id.as_str()).collect()),
                });
            }
            out.push(self.component(i));
        }
        for (position, record) in out.iter_mut().enumerate() {
            record.position = position + 1;
        }
        out
    }

    fn updates(
        &self,
        updates: &'a [Update],
        first: Option<FirstUpdate>,
        page: crate::site::PageId,
        owner: &'a str,
    ) -> Vec<UpdateRecord<'a>> {
        let record = |id: std::borrow::Cow<'a, str>, status: &'a str, body: &'a str, at: Timestamp| UpdateRecord {
            id,
            status,
            body,
            incident_id: owner,
            created_at: time(at),
            updated_at: time(at),
            display_at: time(at),
        };
        let written = updates.iter().map(|u| record(u.id.as_str().into(), &u.status, &u.text, u.at));
        let first = first.map(|f| record(f.id.into(), f.status, self.site.pages[page].description(), f.at));
        written.chain(first).collect()
    }

    fn incident(&self, incident: &'a Incident) -> IncidentRecord<'a> {
        let page = &self.site.pages[incident.page];
        IncidentRecord {
            id: &incident.id,
            name: &page.title,
            status: incident.status,
            created_at: time(incident.started_at),
            updated_at: time(incident.updated_at),
            monitoring_at: incident.monitoring_at.map(time),
            resolved_at: incident.resolved_at.filter(|_| !incident.is_unresolved()).map(time),
            impact: incident.impact.name(),
            shortlink: self.url(&page.site_path),
            started_at: time(incident.started_at),
            page_id: &self.status.page_id,
            incident_updates: self.updates(
                &incident.updates,
                FirstUpdate::of_incident(incident),
                incident.page,
                &incident.id,
            ),
            components: incident.components.iter().map(|&(c, _)| self.component(c)).collect(),
            scheduled_for: None,
            scheduled_until: None,
        }
    }

    fn maintenance(&self, maintenance: &'a Maintenance) -> IncidentRecord<'a> {
        let page = &self.site.pages[maintenance.page];
        let completed = maintenance.phase == Phase::Completed;
        let created = created_at(maintenance, self.status.now);
        IncidentRecord {
            id: &maintenance.id,
            name: &page.title,
            status: maintenance.phase.name(),
            created_at: time(created),
            updated_at: time(maintenance.updated_at.min(self.status.now).max(created)),
            monitoring_at: None,
            resolved_at: completed.then(|| time(maintenance.scheduled_until)),
            impact: "maintenance",
            shortlink: self.url(&page.site_path),
            started_at: time(maintenance.scheduled_for),
            page_id: &self.status.page_id,
            incident_updates: self.updates(
                &maintenance.updates,
                FirstUpdate::of_maintenance(maintenance, self.status.now),
                maintenance.page,
                &maintenance.id,
            ),
            components: maintenance.components.iter().map(|&c| self.component(c)).collect(),
            scheduled_for: Some(time(maintenance.scheduled_for)),
            scheduled_until: Some(time(maintenance.scheduled_until)),
        }
    }
}
