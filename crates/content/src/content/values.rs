//! Reading front matter values as the types opsbook expects (text, lists, whole
//! numbers, dates, timestamps, periods, one of a set of values), with a diagnostic at
//! the value's line and column when a value does not fit.

use super::node::{Located, Node};
use crate::dates::moment::{MomentError, parse_moment};
use crate::dates::{Date, Period, Timestamp, parse_duration};
use crate::diagnostic::{Diagnostic, Rule};

/// Reads values of one file, collecting the problems.
pub struct ValueReader<'a> {
    /// The file, relative to the root.
    pub file: &'a str,
    /// The problems found so far.
    pub diagnostics: Vec<Diagnostic>,
}

/// Where a value is reported and how it is named in messages: the field, or an entry
/// inside a field ("`due` of action item 2").
#[derive(Debug, Clone, Copy)]
pub struct Place<'n> {
    /// How the value is named, e.g. "front matter field `weight`".
    pub name: &'n str,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl<'a> ValueReader<'a> {
    /// A reader for `file`.
    pub fn new(file: &'a str) -> Self {
        ValueReader { file, diagnostics: Vec::new() }
    }

    /// Reports a problem of `rule` at a place.
    pub fn report(&mut self, rule: Rule, place: Place<'_>, message: String) {
        self.diagnostics.push(Diagnostic::error(rule, self.file, place.line, place.column, message));
    }

    fn wrong(&mut self, place: Place<'_>, expected: &str, node: &Node) {
        self.report(
            Rule::FrontMatterField,
            place,
            format!("{} must be {expected}, found {}", place.name, node.describe()),
        );
    }

    /// Text (numbers and booleans are taken as written); `None` when null.
    pub fn text(&mut self, place: Place<'_>, node: &Node) -> Option<String> {
        match node {
            Node::Null => None,
            Node::List(_) | Node::Map(_) => {
                self.wrong(place, "text", node);
                None
            }
            other => other.as_text(),
        }
    }

    /// A list of text values; a single text value is a list of one.
    pub fn list(&mut self, place: Place<'_>, node: &Located<Node>) -> Vec<Located<String>> {
        match &node.value {
            Node::Null => Vec::new(),
            Node::List(items) if items.iter().all(|i| !matches!(i.value, Node::List(_) | Node::Map(_))) => {
                items.iter().filter_map(|i| i.value.as_text().map(|t| i.with(t))).collect()
            }
            Node::List(_) | Node::Map(_) => {
                self.wrong(place, "a list of text values", &node.value);
                Vec::new()
            }
            other => other.as_text().map(|t| node.with(t)).into_iter().collect(),
        }
    }

    /// A number.
    pub fn number(&mut self, place: Place<'_>, node: &Node) -> Option<f64> {
        match node {
            Node::Null => None,
            Node::Number(n) => n.as_f64(),
            _ => {
                self.wrong(place, "a number", node);
                None
            }
        }
    }

    /// `true` or `false` (also `yes` and `no`).
    pub fn boolean(&mut self, place: Place<'_>, node: &Node) -> Option<bool> {
        match node {
            Node::Null => None,
            Node::Bool(b) => Some(*b),
            Node::Text(s) if matches!(s.as_str(), "true" | "yes") => Some(true),
            Node::Text(s) if matches!(s.as_str(), "false" | "no") => Some(false),
            _ => {
                self.wrong(place, "true or false", node);
                None
            }
        }
    }

    /// A date, `YYYY-MM-DD`.
    pub fn date(&mut self, place: Place<'_>, node: &Node) -> Option<Date> {
        self.parsed(place, node, "a date (YYYY-MM-DD)", Date::parse)
    }

    /// A moment: `2026-03-14T09:12:00Z`, with an offset, a time zone
    /// (`2026-03-14 10:12 Europe/Berlin`), or neither (UTC). An unknown zone, or a local
    /// time a daylight saving change skips or repeats, is an error of its own, with help.
    pub fn timestamp(&mut self, place: Place<'_>, node: &Node) -> Option<Timestamp> {
        const EXPECTED: &str = "a date and time (2026-03-14T09:12:00Z)";
        let Node::Text(text) = node else {
            return self.parsed(place, node, EXPECTED, |_| None);
        };
        match parse_moment(text) {
            Ok(moment) => Some(moment),
            Err(MomentError::Invalid) => self.parsed(place, node, EXPECTED, |_| None),
            Err(error) => {
                let (message, help) = error.explain(text);
                let mut diagnostic = Diagnostic::error(
                    Rule::FrontMatterField,
                    self.file,
                    place.line,
                    place.column,
                    format!("{} {message}", place.name),
                );
                if let Some(help) = help {
                    diagnostic = diagnostic.with_help(help);
                }
                self.diagnostics.push(diagnostic);
                None
            }
        }
    }

    /// Text that `parse` understands; `expected` describes it in the message.
    fn parsed<T>(&mut self, place: Place<'_>, node: &Node, expected: &str, parse: fn(&str) -> Option<T>) -> Option<T> {
        let parsed = match node {
            Node::Null => return None,
            Node::Text(s) => parse(s),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong(place, expected, node);
        }
        parsed
    }

    /// A review period: `90d`, `2w`, `6m`, `1y`.
    pub fn period(&mut self, place: Place<'_>, node: &Node) -> Option<Period> {
        let text = self.text(place, node)?;
        Period::parse(&text)
            .map_err(|e| {
                self.wrong(place, &e.expected(), node);
            })
            .ok()
    }

    /// A duration: `95m`, `1h 35m`, `2d`; in seconds.
    pub fn duration(&mut self, place: Place<'_>, node: &Node) -> Option<i64> {
        let text = self.text(place, node)?;
        parse_duration(&text).or_else(|| {
            self.wrong(place, "a duration such as 45m, 1h 35m or 2d", node);
            None
        })
    }

    /// Text that must be one of `allowed` (compared without case); returns the allowed
    /// spelling.
    pub fn one_of(&mut self, place: Place<'_>, node: &Node, allowed: &[String]) -> Option<String> {
        let text = self.text(place, node)?;
        check_allowed(self, place, &text, allowed)
    }
}

/// Whether `text` is one of `allowed` (without case); reports it otherwise.
pub fn check_allowed(reader: &mut ValueReader<'_>, place: Place<'_>, text: &str, allowed: &[String]) -> Option<String> {
    match allowed.iter().find(|a| a.eq_ignore_ascii_case(text)) {
        Some(found) => Some(found.clone()),
        None => {
            reader.report(
                Rule::FrontMatterField,
                place,
                format!("{} must be one of {}, found {text:?}", place.name, allowed.join(", ")),
            );
            None
        }
    }
}
