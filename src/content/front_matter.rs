//! Splits a page into front matter and body, and parses the front matter (YAML between
//! `---` lines, or TOML between `+++` lines) into [`Fields`]: every top-level key with its
//! value and the line and column where the key stands in the file.
//!
//! The typed reading of the fields (which must be a string, a list, a date) happens in
//! [`super::fields`]; this module only knows the two syntaxes.

use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::diagnostic::line_column;

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterFormat {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

/// A page split into its front matter block and its Markdown body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The front matter block, if the page has one.
    pub front: Option<FrontBlock<'a>>,
    /// The Markdown body.
    pub body: &'a str,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// The text between the front matter fences.
#[derive(Debug, Clone, Copy)]
pub struct FrontBlock<'a> {
    /// YAML or TOML.
    pub format: FrontMatterFormat,
    /// The text between the fences.
    pub text: &'a str,
    /// The 1-based line of the file where `text` starts.
    pub first_line: usize,
}

/// A front matter problem at a line and column of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Splits `text` (BOM removed, `\n` line endings) into front matter and body. A fence
/// that is opened but never closed is an error at line 1.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SyntaxError> {
    let (format, fence) = if text.starts_with("---") {
        (FrontMatterFormat::Yaml, "---")
    } else if text.starts_with("+++") {
        (FrontMatterFormat::Toml, "+++")
    } else {
        return Ok(Split { front: None, body: text, body_line: 1 });
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if !text[fence.len()..first_line_end].trim().is_empty() {
        // `----` or `--- text` is Markdown (a rule, a table), not a fence.
        return Ok(Split { front: None, body: text, body_line: 1 });
    }
    let content_start = (first_line_end + 1).min(text.len());
    let mut offset = content_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let candidate = text[offset..end].trim_end();
        if candidate == fence || (format == FrontMatterFormat::Yaml && candidate == "...") {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                front: Some(FrontBlock { format, text: &text[content_start..offset], first_line: 2 }),
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset = end + 1;
        line += 1;
    }
    Err(SyntaxError {
        line: 1,
        column: 1,
        message: format!("the front matter opened here is never closed: add a line `{fence}` after the last field"),
    })
}

/// One top-level front matter field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key.
    pub key: String,
    /// The value, as JSON (YAML and TOML dates become strings).
    pub value: Value,
    /// The 1-based line of the key in the file.
    pub line: usize,
    /// The 1-based column of the key.
    pub column: usize,
}

/// The top-level fields of a front matter block, in the order they were written (YAML)
/// or sorted by key (TOML).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(pub Vec<Field>);

impl Fields {
    /// The field named `key`.
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.0.iter().find(|f| f.key == key)
    }
}

/// Parses a front matter block into its fields.
pub fn parse_fields(block: &FrontBlock<'_>) -> Result<Fields, SyntaxError> {
    match block.format {
        FrontMatterFormat::Yaml => parse_yaml(block),
        FrontMatterFormat::Toml => parse_toml(block),
    }
}

fn parse_yaml(block: &FrontBlock<'_>) -> Result<Fields, SyntaxError> {
    if block.text.trim().is_empty() {
        return Ok(Fields::default());
    }
    let options = serde_saphyr::options! {
        leading_zero_numbers_as_strings: true,
    };
    let raw: RawFields<serde_saphyr::Spanned<String>, serde_saphyr::Spanned<Value>> =
        serde_saphyr::from_str_with_options(block.text, options).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
            SyntaxError {
                line: block.first_line + line.max(1) - 1,
                column: column.max(1),
                message: format!("invalid YAML front matter: {}", strip_location(&e.without_snippet().to_string())),
            }
        })?;
    let Some(entries) = raw.0 else {
        return Err(SyntaxError {
            line: block.first_line,
            column: 1,
            message: "the front matter must be a mapping of `key: value` fields".into(),
        });
    };
    Ok(Fields(
        entries
            .into_iter()
            .map(|(key, value)| Field {
                line: block.first_line + (key.referenced.line() as usize).max(1) - 1,
                column: (key.referenced.column() as usize).max(1),
                key: key.value,
                value: value.value,
            })
            .collect(),
    ))
}

fn parse_toml(block: &FrontBlock<'_>) -> Result<Fields, SyntaxError> {
    let raw: RawFields<toml::Spanned<String>, Value> = toml::from_str(block.text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| line_column(block.text, span.start));
        SyntaxError {
            line: block.first_line + line - 1,
            column,
            message: format!("invalid TOML front matter: {}", e.message().trim()),
        }
    })?;
    Ok(Fields(
        raw.0
            .unwrap_or_default()
            .into_iter()
            .map(|(key, value)| {
                let (line, column) = line_column(block.text, key.span().start);
                Field { key: key.into_inner(), value: untoml(value), line: block.first_line + line - 1, column }
            })
            .collect(),
    ))
}

/// TOML dates arrive as `{"$__toml_private_datetime": "..."}`: make them strings.
fn untoml(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            if map.len() == 1
                && let Some(Value::String(date)) = map.get("$__toml_private_datetime")
            {
                return Value::String(date.clone());
            }
            Value::Object(map.into_iter().map(|(k, v)| (k, untoml(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(untoml).collect()),
        other => other,
    }
}

/// Drops the " at line N, column M" that serde-saphyr appends, since the diagnostic
/// carries the location itself (with the front matter's offset added).
fn strip_location(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
}

/// The top-level mapping, keys and values kept in order; `None` when the document is
/// not a mapping.
struct RawFields<K, V>(Option<Vec<(K, V)>>);

impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> serde::Deserialize<'de> for RawFields<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: serde::Deserialize<'de>, V: serde::Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = RawFields<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<K>()? {
                    entries.push((key, map.next_value::<V>()?));
                }
                Ok(RawFields(Some(entries)))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawFields(Some(Vec::new())))
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(RawFields(Some(Vec::new())))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Ok(RawFields(None))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Ok(RawFields(None))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(RawFields(None))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(RawFields(None))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(RawFields(None))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(RawFields(None))
            }
        }
        deserializer.deserialize_any(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Result<Fields, SyntaxError> {
        let split = split_front_matter(text)?;
        parse_fields(&split.front.expect("front matter"))
    }

    #[test]
    fn splits_yaml_front_matter() {
        let split = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
        assert_eq!(split.front.unwrap().text, "title: A\n");
        assert_eq!(split.body, "# Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn leaves_pages_without_front_matter_alone() {
        let split = split_front_matter("# Title\n\n---\n").unwrap();
        assert!(split.front.is_none());
        assert_eq!(split.body_line, 1);
        assert!(split_front_matter("----\n").unwrap().front.is_none());
    }

    #[test]
    fn rejects_unclosed_front_matter() {
        let err = split_front_matter("---\ntitle: A\n# Body\n").unwrap_err();
        assert_eq!((err.line, err.column), (1, 1));
    }

    #[test]
    fn reads_yaml_fields_with_file_lines() {
        let f = fields("---\ntitle: Failover\nowners:\n  - \"@dba\"\nmode: 0755\n---\n").unwrap();
        assert_eq!(f.get("title").unwrap().value, Value::String("Failover".into()));
        assert_eq!(f.get("owners").unwrap().line, 3);
        assert_eq!(f.get("mode").unwrap().value, Value::String("0755".into()));
    }

    #[test]
    fn reports_yaml_errors_at_the_file_line() {
        let err = fields("---\ntitle: x\n  bad: indent\n---\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 6));
        assert!(err.message.starts_with("invalid YAML front matter: mapping values"), "{}", err.message);
        assert!(!err.message.contains("at line"));
    }

    #[test]
    fn rejects_a_yaml_list_as_front_matter() {
        let err = fields("---\n- a\n- b\n---\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn accepts_empty_front_matter() {
        assert!(fields("---\n---\nbody").unwrap().0.is_empty());
    }

    #[test]
    fn reads_toml_fields_and_dates() {
        let f = fields("+++\ntitle = \"A\"\ndate = 2024-01-02\n+++\n").unwrap();
        assert_eq!(f.get("date").unwrap().value, Value::String("2024-01-02".into()));
        assert_eq!(f.get("date").unwrap().line, 3);
    }

    #[test]
    fn reports_toml_errors_at_the_file_line() {
        let err = fields("+++\ntitle = \"A\"\nweight = \n+++\n").unwrap_err();
        assert_eq!(err.line, 3);
    }
}
