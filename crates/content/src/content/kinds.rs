//! A page's kind fields, checked and read against its kind's schema.
//!
//! The schema (the built-in kinds and the `[kinds.NAME]` tables of `book.toml`) is
//! configuration: [`crate::config::Kinds`]. Once the site model knows each page's kind,
//! [`validate`] checks the page's fields against it: a missing required field, a wrong
//! type, a value that is not allowed or a date that is not a date is a diagnostic at the
//! field. What it reads comes back typed ([`KindValues`]), with an RCA's action items
//! ([`ActionItem`]) for the catalogs, the panels and `handbook.json`, mappings (an
//! incident's component states) and lists of records (its updates, each read as
//! [`KindValues`] of the record's fields). Names of ids (`[status] components`) are
//! checked where they stand, and the kind's [`Constraint`]s between fields after all
//! are read.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::fields::FrontMatter;
use super::node::{Located, Node};
use super::values::{Place, ValueReader, check_allowed};
use crate::config::{Constraint, FieldSpec, FieldType, Ids, Kind, Kinds, RecordSpec, Vocabulary};
use crate::dates::{Date, Period, Timestamp};
use crate::diagnostic::{Diagnostic, Rule};

/// The statuses of an action item.
pub const ACTION_STATUSES: &[&str] = &["open", "in-progress", "done", "wont-do"];

/// Checks a page's front matter against its kind. `has_owners` tells whether the page
/// has owners from any source (front matter or CODEOWNERS).
pub fn validate(
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
    check_constraints(&mut reader, kind, front, &values);
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
    (KindValues(Arc::new(values)), reader.diagnostics)
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
            let items = match &spec.ids {
                Some(ids) => items
                    .into_iter()
                    .filter(|item| {
                        let item_place = Place { line: item.line, column: item.column, ..place };
                        check_id(reader, item_place, &item.value, ids)
                    })
                    .collect(),
                None => items,
            };
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
        FieldType::Mapping => Typed::Mapping(read_mapping(reader, spec, place, node)),
        FieldType::Records => match &spec.record {
            Some(record) => Typed::Records(read_records(reader, spec, record, place, node, kinds)),
            None => return None,
        },
    })
}

/// Whether `id` is one of `ids`; reports it otherwise, listing them.
fn check_id(reader: &mut ValueReader<'_>, place: Place<'_>, id: &str, ids: &Ids) -> bool {
    if ids.known.iter().any(|known| known == id) {
        return true;
    }
    let message = if ids.known.is_empty() {
        format!("unknown {} `{id}`: `book.toml` declares no `{}`", ids.what, ids.declared_in)
    } else {
        format!("unknown {} `{id}`; the ids of `{}` are: {}", ids.what, ids.declared_in, ids.known.join(", "))
    };
    reader.report(Rule::FrontMatterField, place, message);
    false
}

/// A mapping of names to text, in the order written; names are checked against the
/// field's ids and values against its allowed values, each where it stands.
fn read_mapping(
    reader: &mut ValueReader<'_>,
    spec: &FieldSpec,
    place: Place<'_>,
    node: &Located<Node>,
) -> Vec<(String, String)> {
    let entries = match &node.value {
        Node::Null => return Vec::new(),
        Node::Map(entries) => entries,
        other => {
            reader.report(
                Rule::FrontMatterField,
                place,
                format!("{} must be a mapping of names to values, found {}", place.name, other.describe()),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let key_place = Place { line: key.line, column: key.column, ..place };
        if spec.ids.as_ref().is_some_and(|ids| !check_id(reader, key_place, &key.value, ids)) {
            continue;
        }
        let name = format!("`{}` in {}", key.value, place.name);
        let value_place = Place { name: &name, line: value.line, column: value.column };
        let text = match &spec.values {
            Some(allowed) => reader.one_of(value_place, &value.value, allowed),
            None => reader.text(value_place, &value.value),
        };
        if let Some(text) = text {
            out.push((key.value.clone(), text));
        }
    }
    out
}

/// A list of records, each read against the record's fields; a record without a
/// required field is reported at the record and left out.
fn read_records(
    reader: &mut ValueReader<'_>,
    spec: &FieldSpec,
    record: &RecordSpec,
    place: Place<'_>,
    node: &Located<Node>,
    kinds: &Kinds,
) -> Vec<KindValues> {
    let items = match &node.value {
        Node::Null => return Vec::new(),
        Node::List(items) => items,
        other => {
            let message = format!("{} must be a list of {}s, found {}", place.name, record.noun, other.describe());
            reader.report(Rule::FrontMatterField, place, message);
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let label = format!("{} {} of `{}`", record.noun, i + 1, spec.name);
        let item_place = Place { name: &label, line: item.line, column: item.column };
        if !matches!(item.value, Node::Map(_)) {
            let fields: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
            let message =
                format!("{label} must be a mapping with {}, found {}", fields.join(", "), item.value.describe());
            reader.report(Rule::FrontMatterField, item_place, message);
            continue;
        }
        let missing: Vec<&String> = record.required.iter().filter(|name| item.value.get(name).is_none()).collect();
        if let Some(name) = missing.first() {
            reader.report(Rule::FrontMatterField, item_place, format!("{label} needs `{name}`"));
            continue;
        }
        let mut values = BTreeMap::new();
        for field in &record.fields {
            let Some(value) = item.value.get(&field.name) else { continue };
            let name = format!("`{}` of {label}", field.name);
            let place = Place { name: &name, line: value.line, column: value.column };
            if let Some(typed) = read_typed(reader, field, place, value, kinds) {
                values.insert(field.name.clone(), typed);
            }
        }
        out.push(KindValues(Arc::new(values)));
    }
    out
}

/// Checks the kind's rules between fields, at the field each names first.
fn check_constraints(reader: &mut ValueReader<'_>, kind: &Kind, front: &FrontMatter, values: &BTreeMap<String, Typed>) {
    let moment = |name: &str| match values.get(name) {
        Some(Typed::Timestamp(t)) => Some((t.seconds(), t.rfc3339())),
        Some(Typed::Date(d)) => Some((d.days() * 86_400, d.to_string())),
        _ => None,
    };
    for constraint in &kind.constraints {
        match constraint {
            Constraint::NotBefore { later, earlier } => {
                let (Some(to), Some(from), Some(field)) = (moment(later), moment(earlier), front.field(later)) else {
                    continue;
                };
                if to.0 < from.0 {
                    let name = format!("front matter field `{later}`");
                    let place = Place { name: &name, line: field.line, column: field.column };
                    let message = format!("`{later}` ({}) is before `{earlier}` ({})", to.1, from.1);
                    reader.report(Rule::FrontMatterField, place, message);
                }
            }
            Constraint::RequiredWhen { field, when, value } => {
                let holds = matches!(values.get(when), Some(Typed::Text(t)) if t == value);
                if holds
                    && !values.contains_key(field)
                    && let Some(at) = front.field(when)
                {
                    let name = format!("front matter field `{when}`");
                    let place = Place { name: &name, line: at.line, column: at.column };
                    let message = format!("`{when}: {value}` needs the front matter field `{field}`");
                    reader.report(Rule::FrontMatterField, place, message);
                }
            }
        }
    }
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
    /// A mapping of names to text, in the order written.
    Mapping(Vec<(String, String)>),
    /// A list of records, each with its fields read.
    Records(Vec<KindValues>),
}

/// A page's kind fields, read; shared, not copied, when a model is copied (the dev
/// server copies every page's model on an edit).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindValues(pub Arc<BTreeMap<String, Typed>>);

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

    /// A mapping field, in the order written.
    pub fn mapping(&self, name: &str) -> &[(String, String)] {
        match self.0.get(name) {
            Some(Typed::Mapping(entries)) => entries,
            _ => &[],
        }
    }

    /// A list of records.
    pub fn records(&self, name: &str) -> &[KindValues] {
        match self.0.get(name) {
            Some(Typed::Records(records)) => records,
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
