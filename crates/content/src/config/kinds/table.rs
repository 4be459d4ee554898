//! `[kinds.NAME]` tables: extending a built-in kind or declaring a new one.
//!
//! ```toml
//! [kinds.runbook]
//! required = ["service", "owners"]
//! review-every = "90d"
//! values = { severity = ["SEV1", "SEV2", "SEV3"] }
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{CatalogLayout, FieldSpec, FieldType, Kinds, Panel};
use crate::config::{CONFIG_FILE, locate_table};
use crate::dates::Period;
use crate::diagnostic::{Diagnostic, Rule};

/// One `[kinds.NAME]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct KindTable {
    /// Fields every page of the kind must have; added to the built-in kind's.
    required: Vec<String>,
    /// The folder under content/ where `opsbook new` puts the kind's pages.
    section: Option<String>,
    /// The template `opsbook new` copies, relative to content/.
    template: Option<String>,
    /// The review period of the kind's pages.
    review_every: Option<String>,
    /// Allowed values of text or list fields: `{ severity = ["SEV1", "SEV2"] }`.
    values: BTreeMap<String, Vec<String>>,
    /// Fields of the kind's own, with their types: `{ effective = "date" }`.
    fields: BTreeMap<String, String>,
    /// The panel its pages show: `fields`, `runbook` or `incident`.
    panel: Option<String>,
    /// How a section cataloguing the kind lists its pages: `pages`, `services` or
    /// `incidents`.
    catalog: Option<String>,
    /// The date field that dates a page in the feed when git does not know its last change.
    feed_date: Option<String>,
}

/// The built-in kinds with the handbook's tables applied.
pub(crate) fn resolve_kinds(tables: BTreeMap<String, KindTable>, text: &str, problems: &mut Vec<Diagnostic>) -> Kinds {
    let mut kinds = Kinds::builtin();
    for (name, table) in tables {
        let (line, column) = locate_table(text, &format!("kinds.{name}"));
        let mut error =
            |message: String| problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            error(format!("the kind name {name:?} must be letters, digits, `-` or `_`"));
            continue;
        }
        let kind = kinds.entry(&name);
        for (field, type_name) in &table.fields {
            match FieldType::parse(type_name) {
                Some(ty) => match kind.fields.iter_mut().find(|f| &f.name == field) {
                    Some(existing) => existing.ty = ty,
                    None => kind.fields.push(FieldSpec::new(field, ty)),
                },
                None => error(format!(
                    "`[kinds.{name}] fields`: the type {type_name:?} of `{field}` is not one of {}",
                    FieldType::NAMES
                )),
            }
        }
        for (field, allowed) in table.values {
            if allowed.is_empty() {
                error(format!("`[kinds.{name}] values`: `{field}` lists no values"));
                continue;
            }
            match kind.fields.iter_mut().find(|f| f.name == field) {
                Some(spec) if matches!(spec.ty, FieldType::Text | FieldType::List | FieldType::Mapping) => {
                    spec.values = Some(allowed)
                }
                Some(_) => error(format!("`[kinds.{name}] values`: `{field}` is not a text, list or mapping field")),
                None => {
                    kind.fields.push(FieldSpec { values: Some(allowed), ..FieldSpec::new(&field, FieldType::Text) })
                }
            }
        }
        for required in table.required {
            if !kind.required.contains(&required) {
                kind.required.push(required);
            }
        }
        if let Some(section) = table.section {
            kind.section = Some(section.trim_matches('/').to_string());
        }
        if let Some(template) = table.template {
            kind.template = Some(template.trim_start_matches('/').to_string());
        }
        if let Some(every) = table.review_every {
            match Period::parse(&every) {
                Ok(period) => kind.review_every = Some(period),
                Err(e) => error(format!("`[kinds.{name}] review-every` must be {}, found {every:?}", e.expected())),
            }
        }
        if let Some(panel) = table.panel {
            match Panel::parse(&panel) {
                Some(panel) => kind.panel = panel,
                None => error(format!("`[kinds.{name}] panel` must be one of {}, found {panel:?}", Panel::NAMES)),
            }
        }
        if let Some(catalog) = table.catalog {
            match CatalogLayout::parse(&catalog) {
                Some(layout) => kind.catalog = layout,
                None => error(format!(
                    "`[kinds.{name}] catalog` must be one of {}, found {catalog:?}",
                    CatalogLayout::NAMES
                )),
            }
        }
        if let Some(field) = table.feed_date {
            match kind.field(&field) {
                Some(spec) if matches!(spec.ty, FieldType::Date | FieldType::Timestamp) => kind.feed_date = Some(field),
                _ => {
                    error(format!("`[kinds.{name}] feed-date`: `{field}` is not a date or timestamp field of the kind"))
                }
            }
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn resolve(toml: &str) -> (Kinds, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct Tables {
            kinds: BTreeMap<String, KindTable>,
        }
        let tables: Tables = toml::from_str(toml).expect("test tables parse");
        let mut problems = Vec::new();
        (resolve_kinds(tables.kinds, toml, &mut problems), problems)
    }

    #[test]
    fn declares_the_roles_of_a_new_kind() {
        let (kinds, problems) = resolve(
            "[kinds.postmortem]\nfields = { happened = \"date\" }\npanel = \"incident\"\ncatalog = \"incidents\"\nfeed-date = \"happened\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let kind = kinds.get("postmortem").expect("declared");
        assert_eq!((kind.panel, kind.catalog), (Panel::Incident, CatalogLayout::Incidents));
        assert_eq!(kind.feed_date.as_deref(), Some("happened"));
        assert!(kind.reviewed);
    }

    #[test]
    fn changes_the_roles_of_a_builtin_kind() {
        let (kinds, problems) = resolve("[kinds.runbook]\npanel = \"fields\"\ncatalog = \"pages\"\n");
        assert!(problems.is_empty(), "{problems:?}");
        let runbook = kinds.get("runbook").expect("built in");
        assert_eq!((runbook.panel, runbook.catalog), (Panel::Fields, CatalogLayout::Pages));
        assert_eq!(runbook.section.as_deref(), Some("runbooks"), "the rest stays");
    }

    #[test]
    fn rejects_unknown_roles_and_a_feed_date_that_is_not_a_date_field() {
        let (_, problems) =
            resolve("[kinds.k]\nfields = { n = \"number\" }\npanel = \"big\"\ncatalog = \"grid\"\nfeed-date = \"n\"\n");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`[kinds.k] panel` must be one of fields, runbook, incident, status-incident, maintenance, found \"big\"",
                "`[kinds.k] catalog` must be one of pages, services, incidents, found \"grid\"",
                "`[kinds.k] feed-date`: `n` is not a date or timestamp field of the kind",
            ]
        );
        assert!(problems.iter().all(|p| (p.line, p.column) == (1, 1)), "at the table");
    }
}
