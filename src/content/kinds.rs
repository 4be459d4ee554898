//! Page kinds and their schemas.
//!
//! Built in: `page` (no fields of its own), `runbook`, `rca`, `manifesto` and
//! `template`. `book.toml` extends them or declares new ones (`[kinds.NAME]`): required
//! fields, the allowed values of a field, typed fields of its own, the section folder
//! its pages live in, the template `opsbook new` copies and a default review period.
//! [`Kind::validate`] checks a page's fields against its kind: a missing required field,
//! a wrong type, a value that is not allowed or a date that is not a date is a
//! diagnostic at the field.

use std::collections::BTreeMap;

use super::fields::FrontMatter;
use super::node::{Located, Node};
use super::values::{Place, ValueReader, check_allowed};
use crate::dates::{Date, Period, Timestamp};
use crate::diagnostic::{Diagnostic, Rule};

/// The type of a kind's field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text.
    Text,
    /// A list of text values.
    List,
    /// A date (`2026-03-14`).
    Date,
    /// A date and time (`2026-03-14T09:12:00Z`).
    Timestamp,
    /// A duration (`1h 35m`).
    Duration,
    /// A number.
    Number,
    /// True or false.
    Bool,
    /// A review period (`90d`).
    Period,
    /// The name of a kind.
    Kind,
    /// RCA action items: `{title, owner, due, status}`.
    ActionItems,
}

impl FieldType {
    /// The type named in `book.toml` (`[kinds.NAME.fields]`).
    pub fn parse(name: &str) -> Option<FieldType> {
        Some(match name {
            "text" => FieldType::Text,
            "list" => FieldType::List,
            "date" => FieldType::Date,
            "timestamp" | "datetime" => FieldType::Timestamp,
            "duration" => FieldType::Duration,
            "number" => FieldType::Number,
            "bool" | "boolean" => FieldType::Bool,
            "period" => FieldType::Period,
            _ => return None,
        })
    }

    /// The names `book.toml` accepts.
    pub const NAMES: &'static str = "text, list, date, timestamp, duration, number, bool, period";
}

/// One field of a kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The front matter key.
    pub name: String,
    /// Its type.
    pub ty: FieldType,
    /// The allowed values, for text and list fields that are enumerations.
    pub values: Option<Vec<String>>,
}

impl FieldSpec {
    fn new(name: &str, ty: FieldType) -> Self {
        FieldSpec { name: name.into(), ty, values: None }
    }

    fn one_of(name: &str, values: &[&str]) -> Self {
        FieldSpec {
            name: name.into(),
            ty: FieldType::Text,
            values: Some(values.iter().map(|v| v.to_string()).collect()),
        }
    }
}

/// A kind of page and its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The name (`runbook`).
    pub name: String,
    /// Its own fields, in display order.
    pub fields: Vec<FieldSpec>,
    /// Fields every page of the kind must have (its own or common ones, like `owners`).
    pub required: Vec<String>,
    /// The folder under `content/` where `opsbook new` puts its pages.
    pub section: Option<String>,
    /// The template `opsbook new` copies, relative to `content/`.
    pub template: Option<String>,
    /// How long a review keeps its pages fresh, unless a page says otherwise.
    pub review_every: Option<Period>,
}

/// The severities of runbooks and incidents.
pub const SEVERITIES: &[&str] = &["SEV1", "SEV2", "SEV3", "SEV4"];
/// The statuses of an incident review.
pub const RCA_STATUSES: &[&str] = &["draft", "preliminary", "in-review", "final"];
/// The statuses of an action item.
pub const ACTION_STATUSES: &[&str] = &["open", "in-progress", "done", "wont-do"];

impl Kind {
    fn new(name: &str) -> Kind {
        Kind {
            name: name.into(),
            fields: Vec::new(),
            required: Vec::new(),
            section: None,
            template: None,
            review_every: None,
        }
    }

    /// The field spec named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Checks a page's front matter against this kind. `has_owners` tells whether the
    /// page has owners from any source (front matter or CODEOWNERS).
    pub fn validate(
        &self,
        front: &FrontMatter,
        file: &str,
        has_owners: bool,
        kinds: &Kinds,
    ) -> (KindValues, Vec<Diagnostic>) {
        let mut reader = ValueReader::new(file);
        let mut values = BTreeMap::new();
        for spec in &self.fields {
            let Some(field) = front.field(&spec.name) else { continue };
            let name = format!("front matter field `{}`", spec.name);
            let place = Place { name: &name, line: field.line, column: field.column };
            if let Some(typed) = read_typed(&mut reader, spec, place, &field.value, kinds) {
                values.insert(spec.name.clone(), typed);
            }
        }
        let (line, column) = front.kind.as_ref().map_or((1, 1), |k| (k.line, k.column));
        for required in &self.required {
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
                    format!("a page of kind `{}` needs the front matter field `{required}`", self.name),
                );
            }
        }
        (KindValues(values), reader.diagnostics)
    }
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
        FieldType::Text => match &spec.values {
            Some(allowed) => Typed::Text(reader.one_of(place, value, allowed)?),
            None => Typed::Text(reader.text(place, value)?),
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

/// Every kind a handbook knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kinds(BTreeMap<String, Kind>);

impl Default for Kinds {
    fn default() -> Self {
        Kinds::builtin()
    }
}

impl Kinds {
    /// The built-in kinds.
    pub fn builtin() -> Kinds {
        let mut kinds = BTreeMap::new();
        kinds.insert("page".into(), Kind::new("page"));
        let mut runbook = Kind::new("runbook");
        runbook.fields = vec![
            FieldSpec::new("service", FieldType::Text),
            FieldSpec::one_of("severity", SEVERITIES),
            FieldSpec::new("alerts", FieldType::List),
            FieldSpec::new("escalation", FieldType::Text),
            FieldSpec::new("last_tested", FieldType::Date),
        ];
        runbook.section = Some("runbooks".into());
        runbook.template = Some("templates/runbook.md".into());
        runbook.review_every = Some(Period::Months(6));
        kinds.insert("runbook".into(), runbook);
        let mut rca = Kind::new("rca");
        rca.fields = vec![
            FieldSpec::new("incident_date", FieldType::Date),
            FieldSpec::new("detected_at", FieldType::Timestamp),
            FieldSpec::new("resolved_at", FieldType::Timestamp),
            FieldSpec::new("duration", FieldType::Duration),
            FieldSpec::one_of("severity", SEVERITIES),
            FieldSpec::one_of("status", RCA_STATUSES),
            FieldSpec::new("services", FieldType::List),
            FieldSpec::new("impact", FieldType::Text),
            FieldSpec::new("action_items", FieldType::ActionItems),
        ];
        rca.required = vec!["incident_date".into()];
        rca.section = Some("rca".into());
        rca.template = Some("templates/rca.md".into());
        kinds.insert("rca".into(), rca);
        let mut manifesto = Kind::new("manifesto");
        manifesto.fields = vec![FieldSpec::new("signatories", FieldType::List)];
        kinds.insert("manifesto".into(), manifesto);
        let mut template = Kind::new("template");
        template.fields = vec![FieldSpec::new("template_for", FieldType::Kind)];
        kinds.insert("template".into(), template);
        Kinds(kinds)
    }

    /// The kind named `name`.
    pub fn get(&self, name: &str) -> Option<&Kind> {
        self.0.get(name)
    }

    /// The kind named `name`, to change; a new kind is created empty.
    pub fn entry(&mut self, name: &str) -> &mut Kind {
        self.0.entry(name.to_string()).or_insert_with(|| Kind::new(name))
    }

    /// "unknown kind `x`; the kinds are: ...".
    pub fn unknown_message(&self, name: &str) -> String {
        let known: Vec<&str> = self.0.keys().map(String::as_str).collect();
        format!("unknown kind `{name}`; the kinds are: {}", known.join(", "))
    }
}

#[cfg(test)]
mod tests;
