//! The kind schema: which kinds of page a handbook knows, the fields of each, and what
//! the theme and the outputs do with their pages.
//!
//! Part of the configuration step: the built-in kinds ([`builtin`]) are extended or
//! joined by the `[kinds.NAME]` tables of `book.toml` ([`table`]). A kind is data: its
//! fields and required fields, the section `opsbook new` fills, its review period, and
//! its roles ([`Panel`], [`CatalogLayout`], [`Kind::feed_date`]) that the renderer, the
//! catalogs, `handbook.json` and the feed read instead of comparing kind names.
//! Checking a page's fields against its kind belongs to the content step
//! (`crates/content/src/content/kinds.rs`), which reads this schema; config never reads content.

use std::collections::BTreeMap;

use crate::dates::Period;

mod builtin;
mod table;
mod vocabulary;

pub use builtin::INCIDENT_STATUSES;
pub(super) use table::{KindTable, resolve_kinds};
pub use vocabulary::{Vocabulary, rca_state, rca_status_class, severity_class, severity_level};

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
    /// A mapping of names to text values (`{compute-fra1: major_outage}`): the names
    /// may be held to a list of ids ([`FieldSpec::ids`]), the values to `values`.
    Mapping,
    /// A list of records, each a mapping with the fields of [`FieldSpec::record`]
    /// (an incident's `updates`: `{at, status, text}`).
    Records,
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
            "mapping" => FieldType::Mapping,
            _ => return None,
        })
    }

    /// The names `book.toml` accepts.
    pub const NAMES: &'static str = "text, list, date, timestamp, duration, number, bool, period, mapping";
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
    /// The built-in vocabulary of a text field, checked when `values` is not set; a
    /// value is kept as written.
    pub vocabulary: Option<Vocabulary>,
    /// For a list (its items) or a mapping (its names): the ids they must be, taken
    /// from another part of `book.toml` (the status page's components).
    pub ids: Option<Ids>,
    /// For a list of records: the fields of each record.
    pub record: Option<Box<RecordSpec>>,
}

/// The ids a field's items or names must be, and where `book.toml` declares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ids {
    /// What an id names, for messages: `component`.
    pub what: &'static str,
    /// Where they are declared, for messages: `[status] components`.
    pub declared_in: &'static str,
    /// The ids, filled in when the configuration is resolved ([`Kinds::bind_ids`]).
    pub known: Vec<String>,
}

/// The fields of each record of a [`FieldType::Records`] field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSpec {
    /// How one record is called in messages (`update`).
    pub noun: &'static str,
    /// Its fields.
    pub fields: Vec<FieldSpec>,
    /// The fields every record must have.
    pub required: Vec<String>,
}

impl FieldSpec {
    /// A field of type `ty` that takes any value of its type.
    pub fn new(name: &str, ty: FieldType) -> Self {
        FieldSpec { name: name.into(), ty, values: None, vocabulary: None, ids: None, record: None }
    }

    /// A text field that takes a word of `vocabulary`, kept as written.
    pub fn words_of(name: &str, vocabulary: Vocabulary) -> Self {
        FieldSpec { vocabulary: Some(vocabulary), ..FieldSpec::new(name, FieldType::Text) }
    }

    /// A field of type `ty` (text, list or mapping) whose values are one of `values`.
    pub fn one_of(name: &str, ty: FieldType, values: &[&str]) -> Self {
        FieldSpec { values: Some(values.iter().map(|v| v.to_string()).collect()), ..FieldSpec::new(name, ty) }
    }

    /// The same field, its items or names held to the ids of `ids`.
    pub fn naming(self, ids: Ids) -> Self {
        FieldSpec { ids: Some(ids), ..self }
    }

    /// A list of records.
    pub fn records(name: &str, record: RecordSpec) -> Self {
        FieldSpec { record: Some(Box::new(record)), ..FieldSpec::new(name, FieldType::Records) }
    }
}

/// A rule between two fields of a page, checked after each is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constraint {
    /// The moment or date in `later` may not be before the one in `earlier`.
    NotBefore {
        /// The field reported.
        later: String,
        /// The field it is compared with.
        earlier: String,
    },
    /// `field` is required when `when` has the value `value`.
    RequiredWhen {
        /// The field required.
        field: String,
        /// The field that requires it.
        when: String,
        /// The value of `when` that requires it.
        value: String,
    },
}

/// The panel a kind's pages show above their content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Panel {
    /// The kind's fields present on the page, as a list (`page.fields`).
    #[default]
    Fields,
    /// Service, severity, alerts, escalation and last test (`page.runbook`).
    Runbook,
    /// Incident date, times, duration, severity, status, services, impact and action
    /// items (`page.rca`); `handbook.json` lists the action items too.
    Incident,
    /// A status page incident: impact, status, affected components, the updates newest
    /// first and the link to its review (`page.status_incident`).
    StatusIncident,
    /// A scheduled maintenance: its window, phase, components and updates
    /// (`page.status_incident` too).
    Maintenance,
}

impl Panel {
    /// The panel named in `book.toml` (`[kinds.NAME] panel`).
    pub fn parse(name: &str) -> Option<Panel> {
        Some(match name {
            "fields" => Panel::Fields,
            "runbook" => Panel::Runbook,
            "incident" => Panel::Incident,
            "status-incident" => Panel::StatusIncident,
            "maintenance" => Panel::Maintenance,
            _ => return None,
        })
    }

    /// The names `book.toml` accepts.
    pub const NAMES: &'static str = "fields, runbook, incident, status-incident, maintenance";
}

/// How the page of a section whose `default_kind` is the kind lists the kind's pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CatalogLayout {
    /// In reading order, with owners and review state.
    #[default]
    Pages,
    /// By service, then severity level (most severe first), then title, with service,
    /// severity, owners and review state.
    Services,
    /// Newest incident first (the most severe first on the same day), with date,
    /// severity, status (draft when not set),
    /// duration and open items, and the roll-up of every open action item.
    Incidents,
}

impl CatalogLayout {
    /// The layout named in `book.toml` (`[kinds.NAME] catalog`).
    pub fn parse(name: &str) -> Option<CatalogLayout> {
        Some(match name {
            "pages" => CatalogLayout::Pages,
            "services" => CatalogLayout::Services,
            "incidents" => CatalogLayout::Incidents,
            _ => return None,
        })
    }

    /// Its name, as `book.toml` and the templates (`catalog.layout`) spell it.
    pub fn name(self) -> &'static str {
        match self {
            CatalogLayout::Pages => "pages",
            CatalogLayout::Services => "services",
            CatalogLayout::Incidents => "incidents",
        }
    }

    /// The names `book.toml` accepts.
    pub const NAMES: &'static str = "pages, services, incidents";
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
    /// Whether its pages have a review state; a template's review fields are for the
    /// pages made from it.
    pub reviewed: bool,
    /// The panel its pages show.
    pub panel: Panel,
    /// How a section cataloguing the kind lists its pages.
    pub catalog: CatalogLayout,
    /// The date field that dates a page in the feed when git does not know its last
    /// change (`incident_date`); without one such a page is left out of the feed.
    pub feed_date: Option<String>,
    /// Rules between its fields (`resolved_at` not before `started_at`).
    pub constraints: Vec<Constraint>,
}

impl Kind {
    /// A kind with no fields of its own and the default roles.
    pub fn new(name: &str) -> Kind {
        Kind {
            name: name.into(),
            fields: Vec::new(),
            required: Vec::new(),
            section: None,
            template: None,
            review_every: None,
            reviewed: true,
            panel: Panel::default(),
            catalog: CatalogLayout::default(),
            feed_date: None,
            constraints: Vec::new(),
        }
    }

    /// The field spec named `name`.
    pub fn field(&self, name: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
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
    /// The kind named `name`.
    pub fn get(&self, name: &str) -> Option<&Kind> {
        self.0.get(name)
    }

    /// The kind named `name`, to change; a new kind is created empty.
    pub fn entry(&mut self, name: &str) -> &mut Kind {
        self.0.entry(name.to_string()).or_insert_with(|| Kind::new(name))
    }

    /// Gives the fields whose ids are `what` (`component`) their ids, from `book.toml`.
    pub fn bind_ids(&mut self, what: &str, known: &[String]) {
        fn bind(field: &mut FieldSpec, what: &str, known: &[String]) {
            if let Some(ids) = field.ids.as_mut().filter(|ids| ids.what == what) {
                ids.known = known.to_vec();
            }
            for inner in field.record.iter_mut().flat_map(|r| r.fields.iter_mut()) {
                bind(inner, what, known);
            }
        }
        for field in self.0.values_mut().flat_map(|kind| kind.fields.iter_mut()) {
            bind(field, what, known);
        }
    }

    /// "unknown kind `x`; the kinds are: ...".
    pub fn unknown_message(&self, name: &str) -> String {
        let known: Vec<&str> = self.0.keys().map(String::as_str).collect();
        format!("unknown kind `{name}`; the kinds are: {}", known.join(", "))
    }
}
