//! A page's kind fields, checked and read against its kind's schema.
//!
//! The schema (the built-in kinds and the `[kinds.NAME]` tables of `book.toml`) is
//! configuration: [`crate::config::Kinds`]. Once the site model knows each page's kind,
//! [`validate`] checks the page's fields against it: a missing required field, a wrong
//! type, a value that is not allowed or a date that is not a date is a diagnostic at the
//! field. What it reads comes back typed ([`KindValues`]), with an RCA's action items
//! ([`ActionItem`]) for the catalogs, the panels and `handbook.json`.

use std::collections::BTreeMap;

use super::fields::FrontMatter;
use super::node::{Located, Node};
use super::values::{Place, ValueReader, check_allowed};
use crate::config::{FieldSpec, FieldType, Kind, Kinds, Vocabulary};
use crate::dates::{Date, Period, Timestamp};
use crate::diagnostic::{Diagnostic, Rule};

/// The statuses of an action item.
pub(crate) const ACTION_STATUSES: &[&str] = &["open", "in-progress", "done", "wont-do"];

/// Checks a page's front matter against its kind. `has_owners` tells whether the page
/// has owners from any source (front matter or CODEOWNERS).
pub(crate) fn validate(
    kind: &Kind,
    front: &FrontMatter,
    file: &str,
    has_owners: bool,
    kinds: &Kinds,
) -> (KindValues, Vec<Diagnostic>) {
    let mut reader = ValueReader::new(file);
    let mut values = BTreeMap::new();
    for spec in &kind.fields {
        let Some(field) = front.field(&spec.name) else { continue };
        let name = format!("front matter field `{}`", spec.name);
        let place = Place { name: &name, line: field.line, column: field.column };
        if let Some(typed) = read_typed(&mut reader, spec, place, &field.value, kinds) {
            values.insert(spec.name.clone(), typed);
        }
    }
    let (line, column) = front.kind.as_ref().map_or((1, 1), |k| (k.line, k.column));
    for required in &kind.required {
        let present = if required == "owners" {
            has_owners
        } else {
            front.field(required).is_some_and(|f| {
                !matches!(&f.value.value, Node::Text(t) if t.trim().is_empty())
                    && !matches!(&f.value.value, Node::List(l) if l.is_empty())
            })
        };
        if !present {
            reader.report(
                Rule::FrontMatterField,
                Place { name: required, line, column },
                format!("a page of kind `{}` needs the front matter field `{required}`", kind.name),
            );
        }
    }
    (KindValues(values), reader.diagnostics)
}

fn read_typed(
    reader: &mut ValueReader<'_>,
    spec: &FieldSpec,
    place: Place<'_>,
    node: &Located<Node>,
    kinds: &Kinds,
) -> Option<Typed> {
    let value = &node.value;
    Some(match spec.ty {
        FieldType::Text => match (&spec.values, spec.vocabulary) {
            (Some(allowed), _) => Typed::Text(reader.one_of(place, value, allowed)?),
            (None, Some(vocabulary)) => Typed::Text(read_word(reader, place, value, vocabulary)?),
            (None, None) => Typed::Text(reader.text(place, value)?),
        },
        FieldType::List => {
            let items = reader.list(place, node);
            let items = match &spec.values {
                Some(allowed) => items
                    .iter()
                    .filter_map(|item| {
                        let item_place = Place { line: item.line, column: item.column, ..place };
                        check_allowed(reader, item_place, &item.value, allowed)
                    })
                    .collect(),
                None => items.into_iter().map(|i| i.value).collect(),
            };
            Typed::List(items)
        }
        FieldType::Date => Typed::Date(reader.date(place, value)?),
        FieldType::Timestamp => Typed::Timestamp(reader.timestamp(place, value)?),
        FieldType::Duration => Typed::Duration(reader.duration(place, value)?),
        FieldType::Number => Typed::Number(reader.number(place, value)?),
        FieldType::Bool => Typed::Bool(reader.boolean(place, value)?),
        FieldType::Period => Typed::Period(reader.period(place, value)?),
        FieldType::Kind => {
            let name = reader.text(place, value)?;
            if kinds.get(&name).is_none() {
                reader.report(Rule::UnknownKind, place, kinds.unknown_message(&name));
                return None;
            }
            Typed::Text(name)
        }
        FieldType::ActionItems => Typed::ActionItems(read_action_items(reader, place, node)),
    })
}

/// A word of `vocabulary`, as written; anything else is reported.
fn read_word(reader: &mut ValueReader<'_>, place: Place<'_>, value: &Node, vocabulary: Vocabulary) -> Option<String> {
    let text = reader.text(place, value)?;
    if vocabulary.accepts(&text) {
        return Some(text);
    }
    reader.report(
        Rule::FrontMatterField,
        place,
        format!("{} must be {}, found {text:?}", place.name, vocabulary.describe()),
    );
    None
}

/// One follow-up of an incident review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    /// What will be done.
    pub title: String,
    /// Who does it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<Date>,
    /// open, in-progress, done or wont-do.
    pub status: String,
}

impl ActionItem {
    /// Whether the item still needs doing.
    pub fn is_open(&self) -> bool {
        matches!(self.status.as_str(), "open" | "in-progress")
    }

    /// Whether the item is open and past its due date.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }
}

fn read_action_items(reader: &mut ValueReader<'_>, place: Place<'_>, node: &Located<Node>) -> Vec<ActionItem> {
    let items = match &node.value {
        Node::Null => return Vec::new(),
        Node::List(items) => items,
        other => {
            reader.report(
                Rule::FrontMatterField,
                place,
                format!("{} must be a list of action items, found {}", place.name, other.describe()),
            );
            return Vec::new();
        }
    };
    let statuses: Vec<String> = ACTION_STATUSES.iter().map(|s| s.to_string()).collect();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = format!("action item {} of `action_items`", i + 1);
        let at = |key: &str| item.value.get(key).map(|v| (format!("`{key}` of {label}"), v));
        match &item.value {
            Node::Text(title) => {
                out.push(ActionItem { title: title.clone(), owner: None, due: None, status: "open".into() });
                continue;
            }
            Node::Map(_) => {}
            other => {
                let place = Place { name: &label, line: item.line, column: item.column };
                reader.report(
                    Rule::FrontMatterField,
                    place,
                    format!("{label} must be a mapping with title, owner, due and status, found {}", other.describe()),
                );
                continue;
            }
        }
        let title = match at("title") {
            Some((name, v)) => reader.text(Place { name: &name, line: v.line, column: v.column }, &v.value),
            None => None,
        };
        let Some(title) = title else {
            let place = Place { name: &label, line: item.line, column: item.column };
            reader.report(Rule::FrontMatterField, place, format!("{label} needs a `title`"));
            continue;
        };
        let owner = at("owner")
            .and_then(|(name, v)| reader.text(Place { name: &name, line: v.line, column: v.column }, &v.value));
        let due = at("due")
            .and_then(|(name, v)| reader.date(Place { name: &name, line: v.line, column: v.column }, &v.value));
        let status = match at("status") {
            Some((name, v)) => {
                reader.one_of(Place { name: &name, line: v.line, column: v.column }, &v.value, &statuses)
            }
            None => Some("open".to_string()),
        };
        out.push(ActionItem { title, owner, due, status: status.unwrap_or_else(|| "open".into()) });
    }
    out
}

/// A kind field's value, read with its type.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// Text (or an allowed value).
    Text(String),
    /// A list of text values.
    List(Vec<String>),
    /// A date.
    Date(Date),
    /// A moment.
    Timestamp(Timestamp),
    /// A duration in seconds.
    Duration(i64),
    /// A number.
    Number(f64),
    /// True or false.
    Bool(bool),
    /// A review period.
    Period(Period),
    /// Action items.
    ActionItems(Vec<ActionItem>),
}

/// A page's kind fields, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindValues(pub BTreeMap<String, Typed>);

impl KindValues {
    /// Text of a field.
    pub fn text(&self, name: &str) -> Option<&str> {
        match self.0.get(name) {
            Some(Typed::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// A date field.
    pub fn date(&self, name: &str) -> Option<Date> {
        match self.0.get(name) {
            Some(Typed::Date(d)) => Some(*d),
            Some(Typed::Timestamp(t)) => Some(t.date()),
            _ => None,
        }
    }

    /// A timestamp field.
    pub fn timestamp(&self, name: &str) -> Option<Timestamp> {
        match self.0.get(name) {
            Some(Typed::Timestamp(t)) => Some(*t),
            _ => None,
        }
    }

    /// A list field.
    pub fn list(&self, name: &str) -> &[String] {
        match self.0.get(name) {
            Some(Typed::List(l)) => l,
            _ => &[],
        }
    }

    /// The action items.
    pub fn action_items(&self) -> &[ActionItem] {
        match self.0.get("action_items") {
            Some(Typed::ActionItems(items)) => items,
            _ => &[],
        }
    }

    /// The duration: `duration`, else `resolved_at - detected_at`, in seconds.
    pub fn duration(&self) -> Option<i64> {
        if let Some(Typed::Duration(seconds)) = self.0.get("duration") {
            return Some(*seconds);
        }
        let (from, to) = (self.timestamp("detected_at")?, self.timestamp("resolved_at")?);
        (to >= from).then(|| to.seconds() - from.seconds())
    }
}

#[cfg(test)]
mod tests;
