//! The files of people that posts name their authors by: a mapping from a
//! key to a person with a name, an avatar and links.
//!
//! | file | tool | a person's keys |
//! |---|---|---|
//! | `_data/authors.yml` (beside `book.toml`, or in the content folder) | Jekyll (jekyll-seo-tag, Minima, Minimal Mistakes) | `name`, `avatar`/`picture`/`image`, `url`/`uri`/`web`, `bio`, `twitter`, `github`, `email`, `links` |
//! | `_data/people.yml` | Jekyll | the same |
//! | `authors.yml` in a blog's folder | Docusaurus (`blog/authors.yml`, docusaurus.io/docs/blog#global-authors) | `name`, `title`, `url`, `image_url`, `email`, `socials` |
//!
//! Every file is read through the handbook's confinement and `crate::fs` (a regular
//! file, at most [`crate::fs::FileKind::Config`]'s size); one that cannot be read is a
//! warning at the file, and the build goes on without it. An earlier file's entry wins
//! over a later one's of the same key. A person's avatar and links are checked by the
//! model ([`super::addresses`]), where the site's files are known.

use crate::config::Config;
use crate::content::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::hash::FastHashMap;

/// The people files read beside `book.toml` and in the content folder, in this order.
const DATA_FILES: &[&str] = &["_data/authors.yml", "_data/authors.yaml", "_data/people.yml", "_data/people.yaml"];

/// One person.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Person {
    /// The name shown.
    pub name: String,
    /// A line under the name (Docusaurus `title`, Jekyll `bio`).
    pub title: Option<String>,
    /// The avatar as written, with where (file, line, column).
    pub avatar: Option<Written>,
    /// Links (label, address as written, where), the person's own page first.
    pub links: Vec<(String, Written)>,
}

/// A value of a people file or front matter, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    /// The text.
    pub text: String,
    /// The file, from the root (`_data/authors.yml`, `content/blog/_posts/x.md`).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The people of the files read, by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct People {
    by_key: FastHashMap<String, Person>,
}

impl People {
    /// The person of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&Person> {
        self.by_key.get(key)
    }
}

impl Person {
    /// A person known only by a name.
    pub(crate) fn named(name: &str) -> Person {
        Person { name: name.to_string(), ..Person::default() }
    }

    /// A person of a mapping (an entry of a people file, or Docusaurus's inline author
    /// on a page), written in `file`; `None` without a name.
    pub(crate) fn from_entries(entries: &[(Located<String>, Located<Node>)], file: &str) -> Option<Person> {
        let written = |keys: &[&str]| {
            keys.iter().find_map(|key| {
                entries.iter().find(|(k, _)| k.value == *key).and_then(|(_, v)| match &v.value {
                    Node::Text(text) if !text.trim().is_empty() => Some(Written {
                        text: text.trim().to_string(),
                        file: file.to_string(),
                        line: v.line,
                        column: v.column,
                    }),
                    _ => None,
                })
            })
        };
        let name = written(&["name", "display_name", "full_name"])?.text;
        let mut links = Vec::new();
        if let Some(url) = written(&["url", "uri", "web", "website"]) {
            links.push(("Website".to_string(), url));
        }
        let handles: [(&str, &str, &str); 4] = [
            ("github", "GitHub", "https://github.com/"),
            ("twitter", "X", "https://x.com/"),
            ("x", "X", "https://x.com/"),
            ("linkedin", "LinkedIn", "https://www.linkedin.com/in/"),
        ];
        let socials = entries.iter().find(|(k, _)| k.value == "socials" || k.value == "links").map(|(_, v)| &v.value);
        let social_entries: &[(Located<String>, Located<Node>)] = match socials {
            Some(Node::Map(social)) => social,
            _ => &[],
        };
        for (key, label, base) in handles {
            let own = written(&[key]);
            let social = Person::from_entries_text(social_entries, key, file);
            if let Some(mut handle) = own.or(social) {
                if !handle.text.contains("://") {
                    handle.text = format!("{base}{}", handle.text.trim_start_matches('@'));
                }
                links.push((label.to_string(), handle));
            }
        }
        if let Some(email) = written(&["email"]) {
            let text = format!("mailto:{}", email.text);
            links.push(("Email".to_string(), Written { text, ..email }));
        }
        Some(Person {
            name,
            title: written(&["title", "bio", "job_title"]).map(|w| w.text),
            avatar: written(&["image_url", "avatar", "picture", "image"]),
            links,
        })
    }

    /// A text entry `key` of `entries`, as written in `file`.
    fn from_entries_text(entries: &[(Located<String>, Located<Node>)], key: &str, file: &str) -> Option<Written> {
        entries.iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match &v.value {
            Node::Text(text) if !text.trim().is_empty() => {
                Some(Written { text: text.trim().to_string(), file: file.to_string(), line: v.line, column: v.column })
            }
            _ => None,
        })
    }
}

/// Reads the people files of the handbook of `config`: `_data/authors.yml` and
/// `_data/people.yml` beside `book.toml` and in the content folder, then the blogs'
/// `authors_files` (from the root: `authors.yml` in a blog's folder, a Docusaurus blog's
/// `authorsMapPath`).
pub(crate) fn load(config: &Config, authors_files: &[String], diagnostics: &mut Vec<Diagnostic>) -> People {
    let mut people = People::default();
    let Some(confinement) = config.confinement() else { return people };
    let content = config.content_folder.trim_end_matches('/');
    let mut shown: Vec<String> = DATA_FILES.iter().map(|f| f.to_string()).collect();
    shown.extend(DATA_FILES.iter().map(|f| format!("{content}/{f}")));
    shown.extend(authors_files.iter().cloned());
    let mut seen = crate::hash::FastHashSet::default();
    shown.retain(|file| seen.insert(file.clone()));
    for file in shown {
        let path = config.root.join(&file);
        if std::fs::symlink_metadata(&path).is_err() {
            continue;
        }
        let warn =
            |message: String, rule| Diagnostic::error(rule, &file, 0, 0, message).with_severity(Severity::Warning);
        let confined = match confinement.readable(&path) {
            Ok(confined) => confined,
            Err(why) => {
                diagnostics.push(warn(format!("the file of people is not read: {why}"), Rule::SymlinkOutsideRoot));
                continue;
            }
        };
        let text = match crate::fs::read_text(&confined, crate::fs::FileKind::Config) {
            Ok(text) => text,
            Err(e) => {
                diagnostics.push(warn(format!("the file of people is not read: {e}"), Rule::UnreadableFile));
                continue;
            }
        };
        match crate::content::front_matter::parse_yaml_documents(&text) {
            Ok(documents) => read_people(&mut people, documents.into_iter().next(), &file, diagnostics),
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    Rule::ConfigSyntax,
                    &file,
                    e.line,
                    e.column,
                    format!("the file of people is not read: {}", e.message),
                )
                .with_severity(Severity::Warning),
            ),
        }
    }
    people
}

/// Adds the people of `document`, the first document of people file `file`: a mapping
/// of keys to a person (a mapping with a `name`) or to a name. Another shape is a
/// warning at its line, and what it holds is left out: a document that is no mapping
/// (a list), an entry that is neither, an entry without a `name` that is text.
fn read_people(people: &mut People, document: Option<Node>, file: &str, diagnostics: &mut Vec<Diagnostic>) {
    let warn = |line: usize, column: usize, message: String| {
        Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(Severity::Warning).with_help(
            "write each person under a key: `ann: {name: Ann Example, avatar: /img/ann.png}`, or `ann: Ann Example`",
        )
    };
    let entries = match document {
        Some(Node::Map(entries)) => entries,
        None | Some(Node::Null) => return,
        Some(other) => {
            let (line, column) = match &other {
                Node::List(items) => items.first().map_or((1, 1), |item| (item.line, item.column)),
                _ => (1, 1),
            };
            let message =
                format!("the file of people is {}, not a mapping of keys to people: it is not read", shape(&other));
            diagnostics.push(warn(line, column, message));
            return;
        }
    };
    for (key, value) in entries {
        let person = match &value.value {
            Node::Map(fields) => {
                let person = Person::from_entries(fields, file);
                if person.is_none() {
                    let name =
                        fields.iter().find(|(k, _)| matches!(k.value.as_str(), "name" | "display_name" | "full_name"));
                    let (line, column, found) = match name {
                        Some((_, v)) => (v.line, v.column, shape(&v.value)),
                        None => (key.line, key.column, "no `name`".to_string()),
                    };
                    let message = format!("`{}` needs a `name` that is text, found {found}: it is left out", key.value);
                    diagnostics.push(warn(line, column, message));
                }
                person
            }
            Node::Text(name) => Some(Person::named(name)),
            other => {
                let message = format!(
                    "`{}` is {}, neither a name nor a mapping of a person's keys: it is left out",
                    key.value,
                    shape(other)
                );
                diagnostics.push(warn(value.line, value.column, message));
                None
            }
        };
        if let Some(person) = person {
            people.by_key.entry(key.value).or_insert(person);
        }
    }
}

/// What a value is, for a message: "a list", "a number".
fn shape(node: &Node) -> String {
    match node {
        Node::Null => "nothing".into(),
        Node::Bool(_) => "a boolean".into(),
        Node::Number(_) => "a number".into(),
        Node::Text(text) if text.trim().is_empty() => "empty text".into(),
        Node::Text(_) => "text".into(),
        Node::List(_) => "a list".into(),
        Node::Map(_) => "a mapping".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(yaml: &str) -> Vec<(Located<String>, Located<Node>)> {
        match crate::content::front_matter::parse_yaml_documents(yaml).expect("yaml").into_iter().next() {
            Some(Node::Map(entries)) => entries,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    #[test]
    fn reads_jekyll_and_docusaurus_people() {
        let jekyll = entries("name: Ann Example\navatar: /img/ann.png\ntwitter: \"@ann\"\nurl: https://ann.example\n");
        let ann = Person::from_entries(&jekyll, "_data/authors.yml").expect("a person");
        assert_eq!(ann.name, "Ann Example");
        assert_eq!(ann.avatar.as_ref().map(|a| (a.text.as_str(), a.line)), Some(("/img/ann.png", 2)));
        let links: Vec<(&str, &str)> = ann.links.iter().map(|(l, w)| (l.as_str(), w.text.as_str())).collect();
        assert_eq!(links, [("Website", "https://ann.example"), ("X", "https://x.com/ann")]);
        let docusaurus =
            entries("name: Bob\ntitle: Maintainer\nimage_url: https://github.com/bob.png\nsocials:\n  github: bob\n");
        let bob = Person::from_entries(&docusaurus, "blog/authors.yml").expect("a person");
        assert_eq!(bob.title.as_deref(), Some("Maintainer"));
        assert_eq!(bob.links[0].1.text, "https://github.com/bob");
        assert_eq!(Person::from_entries(&entries("title: no name\n"), "x"), None);
    }
}
