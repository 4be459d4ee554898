//! The files of an MkDocs docs folder that `mkdocs build` leaves out of the site: no
//! page is made of them and they are not copied.
//!
//! 1. `exclude_docs` (MkDocs 1.5+), gitignore-style patterns after the defaults `.*` and
//!    `/templates/` ([`super::gitignore`]); `draft_docs`, whose files only `serve` shows.
//! 2. The mkdocs-exclude plugin's `glob` and `regex` lists (each one value or a list),
//!    matched against the whole path: a glob as Python's `fnmatch.fnmatchcase`, whose
//!    `*` crosses `/`; a regular expression from the path's start (`re.match`).
//!
//! A pattern that cannot be read is a warning at its line in `mkdocs.yml`, and skipped.
//! More: docs/architecture.md, "Notes by module".

use regex::Regex;

use super::gitignore::GitIgnore;
use crate::content::ContentFiles;
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// What an MkDocs site's configuration leaves out of its docs folder.
#[derive(Debug, Default)]
pub(crate) struct Exclusions {
    exclude_docs: GitIgnore,
    draft_docs: GitIgnore,
    /// The exclude plugin's globs and regular expressions, translated.
    plugin: Vec<Regex>,
}

impl Exclusions {
    /// Whether the file at `path`, relative to the docs folder, is left out.
    pub(crate) fn leaves_out(&self, path: &str) -> bool {
        self.exclude_docs.matches(path) || self.draft_docs.matches(path) || self.plugin.iter().any(|r| r.is_match(path))
    }
}

/// The exclusions of `mkdocs.yml`'s text, the file shown as `shown`.
pub(crate) fn read(text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) -> Exclusions {
    let mut out = Exclusions::default();
    for default in [".*", "/templates/"] {
        out.exclude_docs.add(default).expect("a valid default");
    }
    let mut warn = |line: usize, column: usize, message: String| {
        diagnostics.push(
            Diagnostic::error(Rule::NavFile, shown, line, column, message)
                .with_severity(Severity::Warning)
                .with_help("see MkDocs's settings in the guide's page on moving a handbook"),
        );
    };
    let keys = top_level(text);
    for (key, spec) in [("exclude_docs", &mut out.exclude_docs), ("draft_docs", &mut out.draft_docs)] {
        let Some((_, value)) = keys.iter().find(|(k, _)| k.value == key) else { continue };
        let Node::Text(lines) = &value.value else {
            warn(value.line, value.column, format!("`{key}` is no text of patterns, one a line: it is not read"));
            continue;
        };
        for pattern in lines.lines() {
            if let Err(why) = spec.add(pattern) {
                let (line, column) = locate(text, value, pattern);
                warn(line, column, format!("`{key}`: {why}"));
            }
        }
    }
    let settings = super::nav::plugin_settings(text, "exclude");
    let Some(Node::Map(settings)) = settings else { return out };
    for (key, value) in settings {
        let translate: fn(&str) -> String = match key.value.as_str() {
            "glob" => fnmatch_regex,
            "regex" => |pattern| format!("^(?:{pattern})"),
            _ => continue,
        };
        let items = match value.value {
            Node::List(items) => items,
            Node::Null => Vec::new(),
            other => vec![Located { value: other, line: value.line, column: value.column }],
        };
        for item in items {
            let Node::Text(pattern) = &item.value else { continue };
            let built = regex::RegexBuilder::new(&translate(pattern)).size_limit(1 << 20).nest_limit(64).build();
            match built {
                Ok(regex) => out.plugin.push(regex),
                Err(e) => {
                    warn(item.line, item.column, format!("the exclude plugin's {:?} cannot be read: {e}", pattern))
                }
            }
        }
    }
    out
}

/// Takes out of `files` the pages and other files of the docs folder `docs_dir`
/// (relative to `content/`, empty for itself) that `exclusions` leaves out.
pub(crate) fn leave_out(files: &mut ContentFiles, docs_dir: &str, exclusions: &Exclusions) {
    let prefix = if docs_dir.is_empty() { String::new() } else { format!("{docs_dir}/") };
    let kept = |path: &String| path.strip_prefix(prefix.as_str()).is_none_or(|rel| !exclusions.leaves_out(rel));
    files.pages.retain(kept);
    files.assets.retain(kept);
}

/// The top-level keys of `mkdocs.yml`'s text, with their values: read as written, so
/// that a block's `!pattern` line stays, else with its tags blanked.
fn top_level(text: &str) -> Vec<(Located<String>, Located<Node>)> {
    let parse = crate::content::front_matter::parse_yaml_documents;
    let documents = parse(text).or_else(|_| parse(&super::nav::blank_tags(text)));
    match documents.ok().and_then(|d| d.into_iter().next()) {
        Some(Node::Map(keys)) => keys,
        _ => Vec::new(),
    }
}

/// The line and column of `pattern` in the text value `value`: where it is written from
/// the value's line on, else the value's place.
fn locate(text: &str, value: &Located<Node>, pattern: &str) -> (usize, usize) {
    let found = text.lines().enumerate().skip(value.line.saturating_sub(1)).find_map(|(at, line)| {
        line.find(pattern.trim()).filter(|_| !pattern.trim().is_empty()).map(|column| (at + 1, column + 1))
    });
    found.unwrap_or((value.line, value.column))
}

/// A regular expression that matches what Python's `fnmatch.fnmatchcase(name, pattern)`
/// matches (`fnmatch.translate`): `*` any run of characters, `/` included; `?` one; `[…]`
/// a set (`[!…]` negated), a `[` without its `]` itself; anything else itself.
pub(crate) fn fnmatch_regex(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::from("(?s)^");
    let mut at = 0;
    while at < chars.len() {
        match chars[at] {
            '*' => out.push_str(".*"),
            '?' => out.push('.'),
            '[' => {
                let mut end = at + 1;
                if chars.get(end) == Some(&'!') {
                    end += 1;
                }
                if chars.get(end) == Some(&']') {
                    end += 1;
                }
                while end < chars.len() && chars[end] != ']' {
                    end += 1;
                }
                if end >= chars.len() {
                    out.push_str("\\[");
                } else {
                    out.push_str(&set(&chars[at + 1..end]));
                    at = end;
                }
            }
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        at += 1;
    }
    out.push('$');
    out
}

/// The regular expression of a set's inside `inner` (`[` and `]` left out).
fn set(inner: &[char]) -> String {
    let (negated, inner) = match inner.first() {
        Some('!') => (true, &inner[1..]),
        _ => (false, inner),
    };
    let mut out = String::from(if negated { "[^" } else { "[" });
    for (i, c) in inner.iter().enumerate() {
        match c {
            '-' if i > 0 && i + 1 < inner.len() => out.push('-'),
            '\\' | '[' | ']' | '^' | '&' | '~' | '-' => {
                out.push('\\');
                out.push(*c);
            }
            c => out.push(*c),
        }
    }
    out.push(']');
    out
}

#[cfg(test)]
#[path = "exclude_tests.rs"]
mod tests;
