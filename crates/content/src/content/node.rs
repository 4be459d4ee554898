//! Front matter values with their locations: a small tree of YAML/TOML values in which
//! every list item and mapping entry knows its line and column in the file, so that a
//! problem deep inside a field (the `due` date of the third action item) is reported
//! where it stands.

use serde_json::{Map, Number, Value};

/// A value with the 1-based line and column where it stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

impl<T> Located<T> {
    /// `value` at `line:column`.
    pub fn new(value: T, line: usize, column: usize) -> Self {
        Located { value, line, column }
    }

    /// The same location with another value.
    pub fn with<U>(&self, value: U) -> Located<U> {
        Located { value, line: self.line, column: self.column }
    }
}

/// A front matter value.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// Text (YAML and TOML dates are text too).
    Text(String),
    /// A list.
    List(Vec<Located<Node>>),
    /// A mapping, in the order written.
    Map(Vec<(Located<String>, Located<Node>)>),
}

impl Node {
    /// The value as JSON, for templates and `handbook.json`.
    pub fn to_json(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::Text(s) => Value::String(s.clone()),
            Node::List(items) => Value::Array(items.iter().map(|i| i.value.to_json()).collect()),
            Node::Map(entries) => {
                Value::Object(entries.iter().map(|(k, v)| (k.value.clone(), v.value.to_json())).collect::<Map<_, _>>())
            }
        }
    }

    /// A node from JSON, every part at `line:column` (for TOML, whose nested values do
    /// not carry their own locations).
    pub fn from_json(value: Value, line: usize, column: usize) -> Node {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(b),
            Value::Number(n) => Node::Number(n),
            Value::String(s) => Node::Text(s),
            Value::Array(items) => Node::List(
                items.into_iter().map(|v| Located::new(Node::from_json(v, line, column), line, column)).collect(),
            ),
            Value::Object(map) => Node::Map(
                map.into_iter()
                    .map(|(k, v)| {
                        (Located::new(k, line, column), Located::new(Node::from_json(v, line, column), line, column))
                    })
                    .collect(),
            ),
        }
    }

    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Located<Node>> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k.value == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Text, or a number or boolean written as text; `None` for anything else.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Node::Text(s) => Some(s.clone()),
            Node::Number(n) => Some(n.to_string()),
            Node::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Describes the value for an error message: `text "high"`, `a list`, `the number 3`.
    pub fn describe(&self) -> String {
        match self {
            Node::Null => "nothing".into(),
            Node::Bool(b) => format!("{b}"),
            Node::Number(n) => format!("the number {n}"),
            Node::Text(s) if s.chars().count() > 40 => format!("text {:?}…", s.chars().take(40).collect::<String>()),
            Node::Text(s) => format!("text {s:?}"),
            Node::List(_) => "a list".into(),
            Node::Map(_) => "a mapping".into(),
        }
    }
}
