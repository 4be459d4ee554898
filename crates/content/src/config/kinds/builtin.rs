//! The built-in kinds: `page` (no fields of its own), `runbook`, `rca`, `manifesto`,
//! `template`, and the status page's `incident` and `maintenance`, with their fields,
//! sections, rules and roles. This is the one place that knows
//! them by name; everything else reads the data on [`Kind`].

use std::collections::BTreeMap;

use super::{CatalogLayout, Constraint, FieldSpec, FieldType, Ids, Kind, Kinds, Panel, RecordSpec, Vocabulary};
use crate::dates::Period;

impl Kinds {
    /// The built-in kinds.
    pub fn builtin() -> Kinds {
        let kinds = [Kind::new("page"), runbook(), rca(), manifesto(), template(), incident(), maintenance()];
        Kinds(kinds.into_iter().map(|kind| (kind.name.clone(), kind)).collect::<BTreeMap<_, _>>())
    }
}

fn runbook() -> Kind {
    let mut runbook = Kind::new("runbook");
    runbook.fields = vec![
        FieldSpec::new("service", FieldType::Text),
        FieldSpec::words_of("severity", Vocabulary::Severity),
        FieldSpec::new("alerts", FieldType::List),
        FieldSpec::new("escalation", FieldType::Text),
        FieldSpec::new("last_tested", FieldType::Date),
        FieldSpec::new("first_steps", FieldType::Text),
    ];
    runbook.section = Some("runbooks".into());
    runbook.template = Some("templates/runbook.md".into());
    runbook.review_every = Some(Period::Months(6));
    runbook.panel = Panel::Runbook;
    runbook.catalog = CatalogLayout::Services;
    runbook
}

fn rca() -> Kind {
    let mut rca = Kind::new("rca");
    rca.fields = vec![
        FieldSpec::new("incident_date", FieldType::Date),
        FieldSpec::new("detected_at", FieldType::Timestamp),
        FieldSpec::new("resolved_at", FieldType::Timestamp),
        FieldSpec::new("duration", FieldType::Duration),
        FieldSpec::words_of("severity", Vocabulary::Severity),
        FieldSpec::words_of("status", Vocabulary::RcaStatus),
        FieldSpec::new("services", FieldType::List),
        FieldSpec::new("alerts", FieldType::List),
        FieldSpec::new("impact", FieldType::Text),
        FieldSpec::new("action_items", FieldType::ActionItems),
    ];
    rca.required = vec!["incident_date".into()];
    rca.section = Some("rca".into());
    rca.template = Some("templates/rca.md".into());
    rca.panel = Panel::Incident;
    rca.catalog = CatalogLayout::Incidents;
    rca.feed_date = Some("incident_date".into());
    rca
}

fn manifesto() -> Kind {
    let mut manifesto = Kind::new("manifesto");
    manifesto.fields = vec![FieldSpec::new("signatories", FieldType::List)];
    manifesto
}

fn template() -> Kind {
    let mut template = Kind::new("template");
    template.fields = vec![FieldSpec::new("template_for", FieldType::Kind)];
    template.reviewed = false;
    template
}

/// The statuses of a status page incident, in the order an incident goes through them
/// (Statuspage's words).
pub const INCIDENT_STATUSES: &[&str] = &["investigating", "identified", "monitoring", "resolved"];

/// The statuses of a scheduled maintenance's updates (Statuspage's words).
pub(super) const MAINTENANCE_STATUSES: &[&str] = &["scheduled", "in_progress", "verifying", "completed"];

/// The states a component can be in during an incident, mildest first.
pub(super) const COMPONENT_STATES: &[&str] = &["degraded_performance", "partial_outage", "major_outage"];

/// The impacts of an incident, mildest first.
const IMPACTS: &[&str] = &["none", "minor", "major", "critical"];

/// The components of `[status]`, which the `components` of incidents and maintenances
/// name.
fn components() -> Ids {
    Ids { what: "component", declared_in: "[status] components", known: Vec::new() }
}

/// `updates`: `{at, status, text}`, `status` one of `statuses`.
fn updates(statuses: &[&str]) -> FieldSpec {
    FieldSpec::records(
        "updates",
        RecordSpec {
            noun: "update",
            fields: vec![
                FieldSpec::new("at", FieldType::Timestamp),
                FieldSpec::one_of("status", FieldType::Text, statuses),
                FieldSpec::new("text", FieldType::Text),
            ],
            required: vec!["at".into(), "text".into()],
        },
    )
}

fn not_before(later: &str, earlier: &str) -> Constraint {
    Constraint::NotBefore { later: later.into(), earlier: earlier.into() }
}

fn incident() -> Kind {
    let mut incident = Kind::new("incident");
    incident.fields = vec![
        FieldSpec::one_of("status", FieldType::Text, INCIDENT_STATUSES),
        FieldSpec::one_of("impact", FieldType::Text, IMPACTS),
        FieldSpec::new("started_at", FieldType::Timestamp),
        FieldSpec::new("resolved_at", FieldType::Timestamp),
        FieldSpec::one_of("components", FieldType::Mapping, COMPONENT_STATES).naming(components()),
        updates(INCIDENT_STATUSES),
        FieldSpec::new("rca", FieldType::Text),
    ];
    incident.required = vec!["started_at".into()];
    incident.constraints = vec![
        not_before("resolved_at", "started_at"),
        Constraint::RequiredWhen { field: "resolved_at".into(), when: "status".into(), value: "resolved".into() },
    ];
    incident.section = Some("status".into());
    incident.template = Some("templates/incident.md".into());
    incident.reviewed = false;
    incident.panel = Panel::StatusIncident;
    incident.feed_date = Some("started_at".into());
    incident
}

fn maintenance() -> Kind {
    let mut maintenance = Kind::new("maintenance");
    maintenance.fields = vec![
        FieldSpec::new("scheduled_for", FieldType::Timestamp),
        FieldSpec::new("scheduled_until", FieldType::Timestamp),
        FieldSpec::new("components", FieldType::List).naming(components()),
        updates(MAINTENANCE_STATUSES),
    ];
    maintenance.required = vec!["scheduled_for".into(), "scheduled_until".into()];
    maintenance.constraints = vec![not_before("scheduled_until", "scheduled_for")];
    maintenance.section = Some("status".into());
    maintenance.template = Some("templates/maintenance.md".into());
    maintenance.reviewed = false;
    maintenance.panel = Panel::Maintenance;
    // No feed date: a maintenance scheduled years ahead would head the feed until then.
    maintenance
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_builtin_kinds_by_name() {
        let kinds = Kinds::builtin();
        assert_eq!(
            kinds.unknown_message("x"),
            "unknown kind `x`; the kinds are: incident, maintenance, manifesto, page, rca, runbook, template"
        );
        for name in ["page", "runbook", "rca", "manifesto", "template", "incident", "maintenance"] {
            assert_eq!(kinds.get(name).map(|k| k.name.as_str()), Some(name));
        }
    }

    #[test]
    fn gives_runbooks_and_incident_reviews_their_roles() {
        let kinds = Kinds::builtin();
        let role = |name: &str| kinds.get(name).map(|k| (k.panel, k.catalog, k.feed_date.clone(), k.reviewed));
        assert_eq!(role("page"), Some((Panel::Fields, CatalogLayout::Pages, None, true)));
        assert_eq!(role("runbook"), Some((Panel::Runbook, CatalogLayout::Services, None, true)));
        assert_eq!(
            role("rca"),
            Some((Panel::Incident, CatalogLayout::Incidents, Some("incident_date".to_string()), true))
        );
        assert_eq!(role("template"), Some((Panel::Fields, CatalogLayout::Pages, None, false)));
        assert_eq!(
            role("incident"),
            Some((Panel::StatusIncident, CatalogLayout::Pages, Some("started_at".to_string()), false))
        );
        assert_eq!(role("maintenance"), Some((Panel::Maintenance, CatalogLayout::Pages, None, false)));
    }

    #[test]
    fn binds_component_ids_to_the_fields_that_name_components() {
        let mut kinds = Kinds::builtin();
        kinds.bind_ids("component", &["api".to_string()]);
        for kind in ["incident", "maintenance"] {
            let field = kinds.get(kind).and_then(|k| k.field("components")).and_then(|f| f.ids.clone());
            assert_eq!(field.map(|ids| ids.known), Some(vec!["api".to_string()]), "{kind}");
        }
    }
}
