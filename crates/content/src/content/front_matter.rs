//! Splits a page into front matter and body, and parses the front matter (YAML between
//! `---` lines, or TOML between `+++` lines) into [`Fields`]: every top-level key with its
//! value and the line and column where the key stands in the file. Where a YAML block
//! ends is the old tool's parser's rule ([`Fences`]): a `---` line alone in Jekyll, the
//! first line starting with `---` in Docusaurus and Eleventy (gray-matter) and with
//! `---` or `+++` in Hugo.
//!
//! The typed reading of the fields (which must be a string, a list, a date) happens in
//! [`super::fields`]; this module only knows the two syntaxes.

use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

pub use super::front_fields::{Field, Fields};
use super::node::{Located, Node};
use super::yaml_lenient::{drop_duplicate_keys, relax_indentation};
use crate::diagnostic::line_column;

/// The syntax of a front matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterFormat {
    /// YAML between `---` lines.
    Yaml,
    /// TOML between `+++` lines.
    Toml,
}

pub use crate::config::Fences;

/// The configuration files beside `book.toml` of the tools that read front matter with
/// gray-matter: Docusaurus's and Eleventy's (the compatibility layer's lists of them).
pub const GRAY_MATTER_CONFIGS: [&str; 9] = [
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
];

impl Fences {
    /// The rule of the handbook of `config`: gray-matter's beside a Docusaurus or an
    /// Eleventy configuration ([`GRAY_MATTER_CONFIGS`]), or with `[markdown] heading-ids
    /// = "docusaurus"`, unless `book.toml` is mdBook's; the compatibility layer's
    /// reading before the walk ([`crate::config::Config::fences`]) wins.
    pub fn of(config: &crate::config::Config) -> Fences {
        if let Some(fences) = config.fences {
            return fences;
        }
        let beside = GRAY_MATTER_CONFIGS.iter().any(|name| config.root.join(name).is_file());
        let gray_matter_ids = config.heading_ids == Some(crate::slug::HeadingIdStyle::TextWithAlt);
        if !config.book_table && (gray_matter_ids || beside) { Fences::GrayMatter } else { Fences::Exact }
    }
}

impl Fences {
    /// Whether a line that starts with the fence of a `format` block closes it.
    fn closes_at_line_start(self, format: FrontMatterFormat) -> bool {
        match self {
            Fences::Exact => false,
            Fences::GrayMatter => format == FrontMatterFormat::Yaml,
            Fences::LineStart => true,
        }
    }

    /// Who reads a block's end so, for messages: "Docusaurus and Eleventy read".
    pub fn readers(self) -> &'static str {
        match self {
            Fences::Exact => "opsbook reads",
            Fences::GrayMatter => "Docusaurus and Eleventy read",
            Fences::LineStart => "Hugo reads",
        }
    }
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
///
/// As in Hugo, whose page lexer (`parser/pageparser/pagelexer_intro.go`,
/// `lexIntroSection`) skips spaces, tabs, line breaks and byte order marks before it
/// looks for a fence, a block after those is the page's front matter too, when it holds
/// fields (they parse, or a line reads as one: the author meant fields, and a
/// `visibility: internal` among them must apply). Anything else before the fence (a
/// zero-width space, a soft hyphen) still keeps the block from being read.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SyntaxError> {
    split_front_matter_with(text, Fences::Exact)
}

/// The most front matter a page may have, in bytes: far more than any page's fields,
/// and little enough that parsing it takes a moment (64 MiB of YAML took 13 s).
pub const MAX_FRONT_MATTER: usize = 4 << 20;

/// [`split_front_matter`] with the old tool's rule of where a block ends; a block over
/// [`MAX_FRONT_MATTER`] is an error at its first line, before it is parsed.
pub fn split_front_matter_with(text: &str, fences: Fences) -> Result<Split<'_>, SyntaxError> {
    let split = split_within(text, fences)?;
    match &split.front {
        Some(block) if block.text.len() > MAX_FRONT_MATTER => Err(SyntaxError {
            line: block.first_line - 1,
            column: 1,
            message: format!(
                "the front matter holds {} KiB, more than the {} KiB a page's front matter may hold; it is not read",
                block.text.len() >> 10,
                MAX_FRONT_MATTER >> 10
            ),
        }),
        _ => Ok(split),
    }
}

/// [`split_front_matter_with`], whatever the block's size.
fn split_within(text: &str, fences: Fences) -> Result<Split<'_>, SyntaxError> {
    let split = split_at_start(text, fences)?;
    if split.front.is_some() {
        return Ok(split);
    }
    let rest = text.trim_start_matches([' ', '\t', '\n', '\u{feff}']);
    if rest.len() == text.len() {
        return Ok(split);
    }
    match split_at_start(rest, fences) {
        Ok(Split { front: Some(block), body, body_line }) if holds_fields(&block) => {
            let skipped = text[..text.len() - rest.len()].matches('\n').count();
            let front = FrontBlock { first_line: block.first_line + skipped, ..block };
            Ok(Split { front: Some(front), body, body_line: body_line + skipped })
        }
        // A fence after blank lines that holds no fields, or is never closed, is Markdown
        // (a thematic break, a setext heading), as it is in the page's text.
        _ => Ok(split),
    }
}

/// Whether a block read after blank lines holds fields: they parse into at least one,
/// or a line reads as one (`key:` or `key =`).
fn holds_fields(block: &FrontBlock<'_>) -> bool {
    match parse_fields(block) {
        Ok(fields) => !fields.0.is_empty(),
        Err(_) => block.text.lines().any(looks_like_a_field),
    }
}

/// Whether a line looks like a front matter field: `key:` (YAML) or `key =` (TOML).
pub fn looks_like_a_field(line: &str) -> bool {
    let line = line.trim_start();
    let key_end = line.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(line.len());
    key_end > 0 && (line[key_end..].starts_with(':') || line[key_end..].trim_start().starts_with('='))
}

/// [`split_front_matter`] for a fence on the first line only.
fn split_at_start(text: &str, fences: Fences) -> Result<Split<'_>, SyntaxError> {
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
        if fences.closes_at_line_start(format) && candidate.starts_with(fence) {
            // The rest of the closing line is the body's start (`-----` a rule).
            let rest = &text[offset + fence.len()..end];
            let body_start = if rest.trim().is_empty() { (end + 1).min(text.len()) } else { offset + fence.len() };
            return Ok(Split {
                front: Some(FrontBlock { format, text: &text[content_start..offset], first_line: 2 }),
                body: &text[body_start..],
                body_line: if rest.trim().is_empty() { line + 1 } else { line },
            });
        }
        let dots = format == FrontMatterFormat::Yaml && fences != Fences::LineStart && candidate == "...";
        if candidate == fence || dots {
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

/// A front matter block read: its fields, and what was accepted but is worth a warning
/// (a repeated key).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadFields {
    /// The fields.
    pub fields: Fields,
    /// Repeated keys, at the line and column of the repeat.
    pub repeated_keys: Vec<SyntaxError>,
}

/// Parses a front matter block into its fields.
pub fn parse_fields(block: &FrontBlock<'_>) -> Result<Fields, SyntaxError> {
    read_fields(block).map(|read| read.fields)
}

/// Parses a front matter block into its fields, with the warnings about them.
pub fn read_fields(block: &FrontBlock<'_>) -> Result<ReadFields, SyntaxError> {
    match block.format {
        FrontMatterFormat::Yaml => parse_yaml(block),
        FrontMatterFormat::Toml => parse_toml(block).map(|fields| ReadFields { fields, repeated_keys: Vec::new() }),
    }
}

/// Reads a YAML block: the simple ones (one `key: value` a line, see
/// [`super::front_simple`]) the fast way, the others with serde-saphyr.
fn parse_yaml(block: &FrontBlock<'_>) -> Result<ReadFields, SyntaxError> {
    match super::front_simple::read_simple(block.text, block.first_line) {
        Some(fields) => Ok(ReadFields { fields, repeated_keys: Vec::new() }),
        None => parse_yaml_strictly(block),
    }
}

/// Reads YAML with serde-saphyr, as libyaml-based tools do (see
/// [`super::yaml_lenient`]): continuation lines left of their key are indented first,
/// and a repeated key keeps its last value.
pub(super) fn parse_yaml_strictly(block: &FrontBlock<'_>) -> Result<ReadFields, SyntaxError> {
    if block.text.trim().is_empty() {
        return Ok(ReadFields::default());
    }
    let mut options = serde_saphyr::options! {
        leading_zero_numbers_as_strings: true,
    };
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    let relaxed = relax_indentation(block.text);
    let text = relaxed.as_ref().map_or(block.text, |r| r.text.as_str());
    let mut root: YamlNode = serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let line = line.max(1);
        let column = relaxed.as_ref().map_or(column, |r| r.source_column(line, column));
        SyntaxError {
            line: block.first_line + line - 1,
            column: column.max(1),
            message: format!("invalid YAML front matter: {}", strip_location(&e.without_snippet().to_string())),
        }
    })?;
    let offset = block.first_line - 1;
    let repeated_keys = drop_duplicate_keys(&mut root.0)
        .into_iter()
        .map(|repeat| SyntaxError {
            line: repeat.key.line + offset,
            column: repeat.key.column,
            message: format!(
                "the key `{}` is repeated: this value replaces the one on line {}",
                repeat.key.value,
                repeat.replaces_line + offset
            ),
        })
        .collect();
    let entries = match root.0 {
        Node::Map(entries) => entries,
        Node::Null => Vec::new(),
        _ => {
            return Err(SyntaxError {
                line: block.first_line,
                column: 1,
                message: "the front matter must be a mapping of `key: value` fields".into(),
            });
        }
    };
    let fields = Fields::from(
        entries
            .into_iter()
            .map(|(key, mut value)| {
                shift_lines(&mut value, offset);
                Field { key: key.value, line: key.line + offset, column: key.column, value }
            })
            .collect::<Vec<Field>>(),
    );
    Ok(ReadFields { fields, repeated_keys })
}

/// Reads the text of a YAML front matter block as a build does (line endings made
/// `\n`, as a build reads every file; the simple reader, else serde-saphyr with the
/// leniency of [`super::yaml_lenient`]) and returns its fields as JSON, or the message a
/// build reports with its line and column. For
/// `bench/yaml-parsers`, which compares opsbook's reading with libyaml's; not part of
/// opsbook's interface.
#[doc(hidden)]
pub fn front_matter_as_json(text: &str) -> Result<serde_json::Value, String> {
    let text = text.replace("\r\n", "\n");
    let block = FrontBlock { format: FrontMatterFormat::Yaml, text: &text, first_line: 1 };
    let read = parse_yaml(&block).map_err(|e| format!("{}:{}: {}", e.line, e.column, e.message))?;
    let fields = read.fields.0.iter().map(|f| (f.key.clone(), f.value.value.to_json()));
    Ok(serde_json::Value::Object(fields.collect()))
}

/// Parses a YAML file of one or more documents (separated by `---`) into located
/// nodes, lines and columns those of the file: the reader of Prometheus rule files.
pub fn parse_yaml_documents(text: &str) -> Result<Vec<Node>, SyntaxError> {
    let options = serde_saphyr::options! {
        leading_zero_numbers_as_strings: true,
    };
    let documents: Vec<YamlNode> = serde_saphyr::from_multiple_with_options(text, options).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        SyntaxError {
            line: line.max(1),
            column: column.max(1),
            message: format!("invalid YAML: {}", strip_location(&e.without_snippet().to_string())),
        }
    })?;
    Ok(documents.into_iter().map(|document| document.0).collect())
}

/// Moves every location of a node down by `offset` lines: the front matter's own lines
/// become the file's.
fn shift_lines(node: &mut Located<Node>, offset: usize) {
    node.line += offset;
    match &mut node.value {
        Node::List(items) => items.iter_mut().for_each(|item| shift_lines(item, offset)),
        Node::Map(entries) => entries.iter_mut().for_each(|(key, value)| {
            key.line += offset;
            shift_lines(value, offset);
        }),
        _ => {}
    }
}

fn parse_toml(block: &FrontBlock<'_>) -> Result<Fields, SyntaxError> {
    let raw: TomlFields = toml::from_str(block.text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |span| line_column(block.text, span.start));
        SyntaxError {
            line: block.first_line + line - 1,
            column,
            message: format!("invalid TOML front matter: {}", e.message().trim()),
        }
    })?;
    Ok(Fields::from(
        raw.0
            .into_iter()
            .map(|(key, value)| {
                let (line, column) = line_column(block.text, key.span().start);
                let (value_line, value_column) = line_column(block.text, value.span().start);
                let line = block.first_line + line - 1;
                let value_line = block.first_line + value_line - 1;
                let node = Node::from_json(untoml(value.into_inner()), value_line, value_column);
                Field { key: key.into_inner(), line, column, value: Located::new(node, value_line, value_column) }
            })
            .collect::<Vec<Field>>(),
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

/// A YAML value whose every part carries its location (relative to the front matter).
struct YamlNode(Node);

impl<'de> serde::Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor).map(YamlNode)
    }
}

fn located<T>(spanned: serde_saphyr::Spanned<T>) -> Located<T> {
    let line = (spanned.referenced.line() as usize).max(1);
    let column = (spanned.referenced.column() as usize).max(1);
    Located::new(spanned.value, line, column)
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(serde_json::Number::from_f64(v).map_or_else(|| Node::Text(v.to_string()), Node::Number))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<YamlNode>>()? {
            let Located { value, line, column } = located(item);
            items.push(Located::new(value.0, line, column));
        }
        Ok(Node::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
            let Located { value, line, column } = located(map.next_value::<serde_saphyr::Spanned<YamlNode>>()?);
            entries.push((located(key), Located::new(value.0, line, column)));
        }
        Ok(Node::Map(entries))
    }
}

/// The top-level TOML table, keys and values with their byte spans.
struct TomlFields(Vec<(toml::Spanned<String>, toml::Spanned<Value>)>);

impl<'de> serde::Deserialize<'de> for TomlFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TableVisitor;
        impl<'de> Visitor<'de> for TableVisitor {
            type Value = TomlFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<toml::Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(TomlFields(entries))
            }
        }
        deserializer.deserialize_map(TableVisitor)
    }
}

#[cfg(test)]
mod tests;
