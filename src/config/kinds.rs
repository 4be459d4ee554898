//! `[kinds.NAME]` tables: extending a built-in kind or declaring a new one.
//!
//! ```toml
//! [kinds.runbook]
//! required = ["service", "owners"]
//! review-every = "90d"
//! values = { severity = ["SEV1", "SEV2", "SEV3"] }
//!
//! [kinds.policy]
//! section = "policies"
//! template = "templates/policy.md"
//! fields = { effective = "date", approvers = "list" }
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{CONFIG_FILE, locate_table};
use crate::content::kinds::{FieldSpec, FieldType, Kinds};
use crate::dates::Period;
use crate::diagnostic::{Diagnostic, Rule};

/// One `[kinds.NAME]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct KindTable {
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
}

/// The built-in kinds with the handbook's tables applied.
pub(super) fn resolve_kinds(tables: BTreeMap<String, KindTable>, text: &str, problems: &mut Vec<Diagnostic>) -> Kinds {
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
                    None => kind.fields.push(FieldSpec { name: field.clone(), ty, values: None }),
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
                Some(spec) if matches!(spec.ty, FieldType::Text | FieldType::List) => spec.values = Some(allowed),
                Some(_) => error(format!("`[kinds.{name}] values`: `{field}` is not a text or list field")),
                None => kind.fields.push(FieldSpec { name: field, ty: FieldType::Text, values: Some(allowed) }),
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
    }
    kinds
}
