//! The typed reading of front matter: the common fields every page may carry
//! (title, description, kind, owners, tags, weight, draft, aliases, slug, template), each
//! checked for its type. A wrong type is a diagnostic at the field's line.
//! Every other field is kept as it was written and handed to templates as `page.extra`.

use serde_json::{Map, Value};

use super::front_matter::{Field, Fields};
use crate::diagnostic::{Diagnostic, Rule};

/// The fields that opsbook itself reads; all others go to `extra`.
pub const COMMON_FIELDS: &[&str] =
    &["title", "description", "kind", "owners", "tags", "weight", "draft", "aliases", "slug", "template"];

/// A value with the line and column of its key in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line of the key.
    pub line: usize,
    /// 1-based column of the key.
    pub column: usize,
}

/// The front matter of a page, read.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `kind`: page, runbook, rca, manifesto, template or a kind declared in book.toml.
    pub kind: Option<Located<String>>,
    /// `owners`: people or teams responsible.
    pub owners: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `weight`: ordering within a section (lower first).
    pub weight: Option<i64>,
    /// `draft`: left out unless `--drafts`.
    pub draft: bool,
    /// `aliases`: old URLs that redirect here.
    pub aliases: Vec<Located<String>>,
    /// `slug`: replaces the file name in the page's URL.
    pub slug: Option<Located<String>>,
    /// `template`: the theme template that renders the page.
    pub template: Option<Located<String>>,
    /// Every field as written, with its location.
    pub fields: Fields,
}

impl FrontMatter {
    /// Reads the common fields of `fields`; `path` names the file in diagnostics.
    pub fn from_fields(fields: Fields, path: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let mut reader = Reader { path, diagnostics: Vec::new() };
        let mut fm = FrontMatter::default();
        for field in &fields.0 {
            match field.key.as_str() {
                "title" => fm.title = reader.text(field),
                "description" => fm.description = reader.text(field),
                "kind" => fm.kind = reader.text(field).map(|v| reader.locate(field, v)),
                "owners" => fm.owners = reader.list(field),
                "tags" => fm.tags = reader.list(field),
                "weight" => fm.weight = reader.integer(field),
                "draft" => fm.draft = reader.boolean(field).unwrap_or(false),
                "aliases" => fm.aliases = reader.list(field).into_iter().map(|v| reader.locate(field, v)).collect(),
                "slug" => fm.slug = reader.text(field).map(|v| reader.locate(field, v)),
                "template" => fm.template = reader.text(field).map(|v| reader.locate(field, v)),
                _ => {}
            }
        }
        fm.fields = fields;
        (fm, reader.diagnostics)
    }

    /// The fields opsbook does not read itself, for templates.
    pub fn extra(&self) -> Map<String, Value> {
        self.fields
            .0
            .iter()
            .filter(|f| !COMMON_FIELDS.contains(&f.key.as_str()))
            .map(|f| (f.key.clone(), f.value.clone()))
            .collect()
    }
}

struct Reader<'a> {
    path: &'a str,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn locate<T>(&self, field: &Field, value: T) -> Located<T> {
        Located { value, line: field.line, column: field.column }
    }

    fn wrong_type(&mut self, field: &Field, expected: &str) {
        self.diagnostics.push(Diagnostic::error(
            Rule::FrontMatterField,
            self.path,
            field.line,
            field.column,
            format!("front matter field `{}` must be {expected}, found {}", field.key, describe(&field.value)),
        ));
    }

    fn text(&mut self, field: &Field) -> Option<String> {
        match &field.value {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.wrong_type(field, "text");
                None
            }
        }
    }

    fn list(&mut self, field: &Field) -> Vec<String> {
        match &field.value {
            Value::Null => Vec::new(),
            Value::String(s) => vec![s.clone()],
            Value::Array(items) if items.iter().all(|v| !v.is_array() && !v.is_object()) => {
                items.iter().filter(|v| !v.is_null()).map(scalar_text).collect()
            }
            _ => {
                self.wrong_type(field, "a list of text values");
                Vec::new()
            }
        }
    }

    fn integer(&mut self, field: &Field) -> Option<i64> {
        match &field.value {
            Value::Null => None,
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            _ => {
                self.wrong_type(field, "a whole number");
                None
            }
        }
    }

    fn boolean(&mut self, field: &Field) -> Option<bool> {
        match &field.value {
            Value::Null => None,
            Value::Bool(b) => Some(*b),
            Value::String(s) if matches!(s.as_str(), "true" | "yes") => Some(true),
            Value::String(s) if matches!(s.as_str(), "false" | "no") => Some(false),
            _ => {
                self.wrong_type(field, "true or false");
                None
            }
        }
    }
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Describes a value for an error message: `text "high"`, `a list`, `a number (3)`.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            format!("text {:?}…", s.chars().take(40).collect::<String>())
        }
        Value::String(s) => format!("text {s:?}"),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "a mapping".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{parse_fields, split_front_matter};

    fn read(text: &str) -> (FrontMatter, Vec<Diagnostic>) {
        let split = split_front_matter(text).unwrap();
        FrontMatter::from_fields(parse_fields(&split.front.unwrap()).unwrap(), "content/a.md")
    }

    #[test]
    fn reads_common_fields() {
        let (fm, diagnostics) = read(
            "---\ntitle: 2024\ntags: oncall\nowners: [\"@a\", \"@b\"]\nweight: -3\ndraft: true\nservice: db\n---\n",
        );
        assert!(diagnostics.is_empty());
        assert_eq!(fm.title.as_deref(), Some("2024"));
        assert_eq!(fm.tags, ["oncall"]);
        assert_eq!(fm.owners, ["@a", "@b"]);
        assert_eq!(fm.weight, Some(-3));
        assert!(fm.draft);
        assert_eq!(fm.extra().get("service"), Some(&Value::String("db".into())));
    }

    #[test]
    fn rejects_wrong_types_at_the_field() {
        let (_, diagnostics) = read("---\ntitle: A\nweight: high\ntags: {a: 1}\n---\n");
        assert_eq!(diagnostics.len(), 2);
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 1));
        assert_eq!(diagnostics[0].message, "front matter field `weight` must be a whole number, found text \"high\"");
        assert_eq!(diagnostics[1].line, 4);
        assert_eq!(diagnostics[1].rule, Rule::FrontMatterField);
    }
}
