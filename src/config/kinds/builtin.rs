//! The built-in kinds: `page` (no fields of its own), `runbook`, `rca`, `manifesto` and
//! `template`, with their fields, sections and roles. This is the one place that knows
//! them by name; everything else reads the data on [`Kind`].

use std::collections::BTreeMap;

use super::{CatalogLayout, FieldSpec, FieldType, Kind, Kinds, Panel, Vocabulary};
use crate::dates::Period;

impl Kinds {
    /// The built-in kinds.
    pub fn builtin() -> Kinds {
        let kinds = [Kind::new("page"), runbook(), rca(), manifesto(), template()];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_builtin_kinds_by_name() {
        let kinds = Kinds::builtin();
        assert_eq!(
            kinds.unknown_message("x"),
            "unknown kind `x`; the kinds are: manifesto, page, rca, runbook, template"
        );
        for name in ["page", "runbook", "rca", "manifesto", "template"] {
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
    }
}
