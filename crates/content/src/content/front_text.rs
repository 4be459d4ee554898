//! The audience of front matter text. Every text of a page's front matter can reach a
//! public output (a title, a description, an incident update's `text` in the status
//! page, its APIs and feeds, an action item, any field of a kind, `handbook.json`), so
//! every one obeys the internal markers as the body does:
//!
//! ```yaml
//! updates:
//!   - at: 2026-11-15T10:00:00Z
//!     text: |
//!       Errors are limited to requests in eu-west.
//!
//! More: docs/architecture.md, "Notes by module".

use super::front_matter::Fields;
use super::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule};

/// What a build keeps of a text: `Ok(None)` all of it, `Ok(Some(text))` that text (its
/// internal blocks left out), `Err(message)` none of it, its markers being malformed.
pub trait AudienceText: Sync {
    /// The rule, applied to `text`.
    fn apply(&self, text: &str) -> Result<Option<String>, String>;
}

/// Keeps every text as written: for front matter that no build publishes (the
/// templates `opsbook new` copies).
pub struct AsWritten;

impl AudienceText for AsWritten {
    fn apply(&self, _: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
}

/// Applies `rule` to every text of `fields` (the front matter block `block_text` of
/// `file`), returning the problems; `changed` tells whether a value lost text.
pub fn apply_rule(
    fields: &mut Fields,
    block_text: &str,
    rule: &dyn AudienceText,
    file: &str,
) -> (Vec<Diagnostic>, bool) {
    let mut walk = Walk { rule, file, problems: Vec::new(), changed: false };
    if block_text.as_bytes().windows(8).any(|w| w.eq_ignore_ascii_case(b"internal")) {
        for field in std::sync::Arc::make_mut(&mut fields.0) {
            walk.key(&field.key, field.line, field.column);
            walk.value(&field.key, &mut field.value);
        }
    }
    (walk.problems, walk.changed)
}

struct Walk<'r> {
    rule: &'r dyn AudienceText,
    file: &'r str,
    problems: Vec<Diagnostic>,
    changed: bool,
}

impl Walk<'_> {
    fn problem(&mut self, field: &str, line: usize, column: usize, message: &str) {
        self.problems.push(
            Diagnostic::error(Rule::InternalBlock, self.file, line, column, format!("in front matter field `{field}`: {message}"))
                .with_help("write `<!-- internal -->` and `<!-- /internal -->` on lines of their own in a block of text (`|`), or make the page internal"),
        );
    }

    fn key(&mut self, key: &str, line: usize, column: usize) {
        match self.rule.apply(key) {
            Ok(None) => {}
            Ok(Some(_)) => self.problem(key, line, column, "a key may not hold an internal block"),
            Err(message) => self.problem(key, line, column, &message),
        }
    }

    fn value(&mut self, field: &str, node: &mut Located<Node>) {
        match &mut node.value {
            Node::Text(text) => match self.rule.apply(text) {
                Ok(None) => {}
                Ok(Some(public)) => {
                    *text = public;
                    self.changed = true;
                }
                Err(message) => {
                    self.problem(field, node.line, node.column, &message);
                    text.clear();
                    self.changed = true;
                }
            },
            Node::List(items) => items.iter_mut().for_each(|item| self.value(field, item)),
            Node::Map(entries) => {
                for (key, value) in entries {
                    self.key(&key.value, key.line, key.column);
                    self.value(field, value);
                }
            }
            Node::Null | Node::Bool(_) | Node::Number(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::front_matter::{FrontBlock, FrontMatterFormat, parse_fields};

    /// Drops `SECRET` from a text; `BROKEN` is a malformed marker.
    struct Secrets;

    impl AudienceText for Secrets {
        fn apply(&self, text: &str) -> Result<Option<String>, String> {
            if text.contains("BROKEN") {
                Err("broken marker".into())
            } else {
                Ok(text.contains("SECRET").then(|| text.replace("SECRET", "")))
            }
        }
    }

    fn fields(text: &str) -> Fields {
        parse_fields(&FrontBlock { format: FrontMatterFormat::Yaml, text, first_line: 2 }).unwrap()
    }

    #[test]
    fn applies_the_rule_to_every_text_at_any_depth() {
        let text = "title: A SECRET\nupdates:\n  - at: x\n    text: internal SECRET\nn: 3\n";
        let mut read = fields(text);
        let (problems, changed) = apply_rule(&mut read, text, &Secrets, "content/a.md");
        assert!(problems.is_empty() && changed, "{problems:?}");
        let json = serde_json::to_string(&read.0.iter().map(|f| f.value.value.to_json()).collect::<Vec<_>>()).unwrap();
        assert!(!json.contains("SECRET"), "{json}");
    }

    #[test]
    fn leaves_a_block_without_the_word_internal_alone() {
        let text = "title: A SECRET\n";
        let mut read = fields(text);
        assert_eq!(apply_rule(&mut read, text, &Secrets, "content/a.md"), (Vec::new(), false));
    }

    #[test]
    fn reports_malformed_markers_at_the_value_and_keeps_none_of_it() {
        let text = "title: ok\nnotes:\n  - internal BROKEN\n";
        let mut read = fields(text);
        let (problems, _) = apply_rule(&mut read, text, &Secrets, "content/a.md");
        let found: Vec<(usize, usize, &str)> =
            problems.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(found, [(4, 5, "in front matter field `notes`: broken marker")]);
        assert!(!format!("{:?}", read.0).contains("BROKEN"));
    }
}
