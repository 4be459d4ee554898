//! The status page in the format of the Sovereign Cloud Stack status-page API
//! (SovereignCloudStack/status-page-openapi, `openapi.yaml` 1.1): a read-only, static
//! export of its `GET` endpoints under `status/scs/`, each endpoint a folder holding
//! `index.json` (`status/scs/components` is `status/scs/components/index.json`), so that
//! the endpoints' sub-resources (`components/{id}`) can sit beside it. Every file is a
//! serialisation of the model ([`crate::status::model::Status`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Value, json};

use crate::dates::Timestamp;
use crate::site::Site;
use crate::status::model::measured::MeasuredEvent;
use crate::status::model::state::ComponentStatus;
use crate::status::model::{Incident, Maintenance, Phase, Status, Update, component_uuid, event_uuid, stable_uuid};

/// The phases, in their order (generation 1).
pub(crate) const PHASES: [&str; 8] =
    ["investigating", "identified", "monitoring", "resolved", "postmortem", "scheduled", "in_progress", "completed"];

/// The severities: a state and the upper bound of its range of values.
pub(crate) const SEVERITIES: [(ComponentStatus, u8); 4] = [
    (ComponentStatus::UnderMaintenance, 0),
    (ComponentStatus::DegradedPerformance, 50),
    (ComponentStatus::PartialOutage, 75),
    (ComponentStatus::MajorOutage, 100),
];

/// The impact types: name and description.
const IMPACT_TYPES: [(&str, &str); 2] = [
    ("incident", "An unplanned disruption of one or more components."),
    ("maintenance", "Planned work that takes one or more components down."),
];

/// The severity value of a state (0 for operational).
fn severity(state: ComponentStatus) -> u8 {
    SEVERITIES.iter().find(|(s, _)| *s == state).map_or(0, |&(_, value)| value)
}

fn impact_type_id(name: &str) -> String {
    stable_uuid(&format!("impacttype:{name}"))
}

fn phase_order(name: &str) -> usize {
    PHASES.iter().position(|p| *p == name).unwrap_or(0)
}

fn time(t: Timestamp) -> String {
    t.rfc3339()
}

#[derive(Serialize)]
struct ImpactRecord {
    #[serde(rename = "type")]
    kind: String,
    reference: String,
    severity: u8,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UpdateRecord<'a> {
    order: usize,
    display_name: String,
    description: &'a str,
    created_at: String,
}

use super::statuspage::FirstUpdate;

/// An incident, a maintenance or a measured event, as the export sees it.
struct Event<'a> {
    id: String,
    title: Cow<'a, str>,
    description: Cow<'a, str>,
    kind: &'static str,
    phase: &'static str,
    began: Timestamp,
    ended: Option<Timestamp>,
    affects: Vec<(usize, ComponentStatus)>,
    updates: &'a [Update],
    /// The update it is exported with when it has none written.
    first: Option<FirstUpdate>,
    /// Whether it affects its components now.
    active: bool,
}

impl<'a> Event<'a> {
    fn of_incident(site: &'a Site, incident: &'a Incident, now: Timestamp) -> Event<'a> {
        let page = &site.pages[incident.page];
        Event {
            id: event_uuid(&incident.id),
            title: Cow::Borrowed(&page.title),
            description: Cow::Borrowed(page.description()),
            kind: "incident",
            phase: incident.status,
            began: incident.started_at,
            ended: incident.resolved_at.filter(|_| !incident.is_unresolved()),
            affects: incident.components.clone(),
            updates: &incident.updates,
            first: FirstUpdate::of_incident(incident),
            active: incident.is_unresolved() && incident.started_at <= now,
        }
    }

    fn of_maintenance(site: &'a Site, maintenance: &'a Maintenance, now: Timestamp) -> Event<'a> {
        let page = &site.pages[maintenance.page];
        Event {
            id: event_uuid(&maintenance.id),
            title: Cow::Borrowed(&page.title),
            description: Cow::Borrowed(page.description()),
            kind: "maintenance",
            phase: maintenance.phase.name(),
            began: maintenance.scheduled_for,
            ended: Some(maintenance.scheduled_until),
            affects: maintenance.components.iter().map(|&c| (c, ComponentStatus::UnderMaintenance)).collect(),
            updates: &maintenance.updates,
            first: FirstUpdate::of_maintenance(maintenance, now),
            active: maintenance.phase == Phase::InProgress,
        }
    }

    /// A measured event: an incident that is going on, with one update at its start.
    fn of_measured(measured: MeasuredEvent) -> Event<'a> {
        Event {
            id: event_uuid(&measured.id),
            title: Cow::Owned(measured.title),
            description: Cow::Owned(measured.description),
            kind: "incident",
            phase: "investigating",
            began: measured.began,
            ended: None,
            affects: vec![(measured.component, measured.state)],
            updates: &[],
            first: Some(FirstUpdate { id: String::new(), at: measured.began, status: "investigating" }),
            active: true,
        }
    }

    fn impact(&self, reference: String, state: ComponentStatus) -> ImpactRecord {
        ImpactRecord { kind: impact_type_id(self.kind), reference, severity: severity(state) }
    }

    /// The updates, oldest first, numbered from 0 (the one it is exported with when it
    /// has none written: its description at its start).
    fn updates(&self) -> Vec<UpdateRecord<'_>> {
        let first = self.first.as_ref().map(|f| UpdateRecord {
            order: 0,
            display_name: label(f.status),
            description: &self.description,
            created_at: time(f.at),
        });
        let written = self.updates.iter().rev().enumerate().map(|(order, u)| UpdateRecord {
            order,
            display_name: label(&u.status),
            description: &u.text,
            created_at: time(u.at),
        });
        first.into_iter().chain(written).collect()
    }

    /// How many updates it is exported with.
    fn update_count(&self) -> usize {
        self.updates.len() + usize::from(self.first.is_some())
    }

    fn record(&self, status: &Status) -> Value {
        let affects: Vec<ImpactRecord> = self
            .affects
            .iter()
            .map(|&(c, state)| self.impact(component_uuid(&status.components[c].id), state))
            .collect();
        json!({
            "id": self.id,
            "displayName": self.title,
            "description": self.description,
            "updates": (0..self.update_count()).collect::<Vec<_>>(),
            "affects": affects,
            "beganAt": time(self.began),
            "endedAt": self.ended.map(time),
            "phase": {"generation": 1, "order": phase_order(self.phase)},
        })
    }
}

use crate::status::model::status_words as label;

/// `{"data": value}` as the file's text.
fn document(value: impl Serialize) -> String {
    let mut text =
        serde_json::to_string_pretty(&json!({ "data": value })).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Every file of the export, as `(site path, JSON)`, or nothing without a status page.
pub(crate) fn scs_files(site: &Site) -> Vec<(String, String)> {
    let Some(status) = site.status() else { return Vec::new() };
    let events: Vec<Event<'_>> = status
        .incidents
        .iter()
        .map(|i| Event::of_incident(site, i, status.now))
        .chain(status.measured_events().into_iter().map(Event::of_measured))
        .chain(status.maintenances.iter().map(|m| Event::of_maintenance(site, m, status.now)))
        .collect();
    let mut files = Vec::new();
    let mut add = |path: String, value: Value| files.push((format!("status/scs/{path}index.json"), document(value)));

    let components: Vec<Value> = status
        .components
        .iter()
        .enumerate()
        .map(|(i, component)| {
            let uuid = component_uuid(&component.id);
            let affected_by: Vec<ImpactRecord> = events
                .iter()
                .filter(|e| e.active)
                .flat_map(|e| {
                    e.affects.iter().filter(|(c, _)| *c == i).map(|&(_, state)| e.impact(e.id.clone(), state))
                })
                .collect();
            let mut labels = serde_json::Map::new();
            labels.insert("id".into(), json!(component.id));
            labels.insert("status".into(), json!(component.shown().0));
            if let Some(level) = component.level() {
                labels.insert("health".into(), json!(level.name()));
            }
            if let Some(group) = component.group {
                labels.insert("group".into(), json!(status.groups[group].name));
            }
            json!({ "id": uuid, "displayName": component.name, "labels": labels, "activelyAffectedBy": affected_by })
        })
        .collect();
    for record in &components {
        add(format!("components/{}/", record["id"].as_str().unwrap_or_default()), record.clone());
    }
    add("components/".into(), Value::Array(components));

    let mut records = Vec::new();
    for event in &events {
        let record = event.record(status);
        add(format!("incidents/{}/", event.id), record.clone());
        // Not each update's `/updates/{order}`: a file and a folder per update would
        // double the export's files (its cost is writing them) for a rarely used endpoint.
        add(format!("incidents/{}/updates/", event.id), json!(event.updates()));
        records.push(record);
    }
    add("incidents/".into(), Value::Array(records));

    add("phases/".into(), json!({"generation": 1, "phases": PHASES}));
    let severities: Vec<Value> =
        SEVERITIES.iter().map(|&(state, value)| json!({"displayName": state.name(), "value": value})).collect();
    for record in &severities {
        add(format!("severities/{}/", record["displayName"].as_str().unwrap_or_default()), record.clone());
    }
    add("severities/".into(), Value::Array(severities));
    let impact_types: Vec<Value> = IMPACT_TYPES
        .iter()
        .map(
            |&(name, description)| json!({"id": impact_type_id(name), "displayName": name, "description": description}),
        )
        .collect();
    for record in &impact_types {
        add(format!("impacttypes/{}/", record["id"].as_str().unwrap_or_default()), record.clone());
    }
    add("impacttypes/".into(), Value::Array(impact_types));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_severities_and_phases_as_documented() {
        assert_eq!(severity(ComponentStatus::MajorOutage), 100);
        assert_eq!(severity(ComponentStatus::Operational), 0);
        assert_eq!(severity(ComponentStatus::UnderMaintenance), 0);
        assert_eq!(phase_order("postmortem"), 4);
        assert_eq!(label("in_progress"), "In progress");
    }

    #[test]
    fn makes_stable_version_8_uuids() {
        let id = stable_uuid("component:api");
        assert_eq!(id, stable_uuid("component:api"));
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12]);
        assert!(parts[2].starts_with('8'));
        assert!("89ab".contains(&parts[3][..1]));
    }
}
