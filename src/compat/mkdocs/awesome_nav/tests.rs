//! The awesome-nav plugin's own test cases (`tests/fixtures/awesome-nav/cases.txt`),
//! each a docs folder and the navigation the plugin makes of it, run through
//! [`super::navigation`]; and opsbook's own cases of what the plugin would log.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{Docs, Resolved};
use crate::compat::mkdocs::files::{dirname_to_title, meta_title, without_shadowed_readmes};

/// One case of the fixture file: its name, its files (path and text), the navigation.
struct Case {
    name: String,
    files: BTreeMap<String, String>,
    nav: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("../../../../tests/fixtures/awesome-nav/cases.txt");
    let mut cases = Vec::new();
    for block in text.split("\n=== ").skip(1) {
        let (name, rest) = block.split_once('\n').expect("a case has a name line");
        let rest = rest.strip_prefix("--- docs\n").expect("a case opens with its docs");
        let (docs, nav) = rest.split_once("\n--- nav\n").expect("a case has a nav");
        cases.push(Case { name: name.to_string(), files: files_of(docs), nav: nav.trim_end().to_string() });
    }
    cases
}

/// The files of a docs folder written as the plugin's tests write it.
pub(crate) fn files_of(template: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut folders: Vec<(usize, String)> = Vec::new();
    let mut current: Option<String> = None;
    for line in template.lines() {
        let content = line.trim_start();
        if content.is_empty() {
            continue;
        }
        if let Some(text) = content.strip_prefix('|') {
            let file = current.as_ref().expect("text follows a file");
            let entry: &mut String = files.get_mut(file).expect("the file was added");
            entry.push_str(text.strip_prefix(' ').unwrap_or(text));
            entry.push('\n');
            continue;
        }
        let indent = line.len() - content.len();
        while folders.last().is_some_and(|(at, _)| *at >= indent) {
            folders.pop();
        }
        let parent = folders.last().map(|(_, path)| format!("{path}/")).unwrap_or_default();
        match content.strip_suffix('/') {
            Some(folder) => folders.push((indent, format!("{parent}{folder}"))),
            None => {
                let path = format!("{parent}{content}");
                files.insert(path.clone(), String::new());
                current = Some(path);
            }
        }
    }
    files
}

/// The title MkDocs gives a page the navigation does not title: its front matter's
/// `title`, its first `# ` heading, `Home` for the top index, else its name.
fn page_title(path: &str, text: &str) -> String {
    if let Some(title) = meta_title(text) {
        return title;
    }
    if let Some(heading) = text.lines().find_map(|l| l.strip_prefix("# ")) {
        return heading.trim().to_string();
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = if stem == "README" { "index" } else { stem };
    if stem == "index" && !path.contains('/') { "Home".into() } else { dirname_to_title(stem) }
}

/// The navigation as the plugin's tests show it: `{title: path}`, `{title: [...]}`.
fn shown(entries: &[Resolved], files: &BTreeMap<String, String>) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|entry| match entry {
                Resolved::Page { path, title } => {
                    let title = title.clone().unwrap_or_else(|| page_title(path, &files[path]));
                    json!({ title: path })
                }
                Resolved::Section { title, children, .. } => json!({ title: shown(children, files) }),
                Resolved::Link { title, url } => json!({ title: url }),
            })
            .collect(),
    )
}

/// The navigation of `files` and the problems reported.
fn run(files: &BTreeMap<String, String>) -> (Vec<Resolved>, Vec<super::Problem>) {
    let pages: Vec<String> = files.keys().filter(|p| p.ends_with(".md")).cloned().collect();
    let pages = without_shadowed_readmes(pages);
    let read = |path: &str| files.get(path).map(|text| (format!("docs/{path}"), text.clone()));
    let title = |path: &str| files.get(path).and_then(|text| meta_title(text));
    let docs = Docs { pages: &pages, filename: ".nav.yml", read: &read, title: &title };
    let mut problems = Vec::new();
    let resolved = super::resolved(&docs, &mut problems);
    (resolved, problems)
}

#[test]
fn the_plugin_s_own_cases_give_its_navigation() {
    let cases = cases();
    assert_eq!(cases.len(), 160);
    let mut failed = Vec::new();
    for case in &cases {
        let (resolved, _) = run(&case.files);
        let expected = crate::content::front_matter::parse_yaml_documents(&case.nav)
            .expect("the expected nav is YAML")
            .first()
            .map_or(Value::Array(Vec::new()), crate::content::node::Node::to_json);
        let got = shown(&resolved, &case.files);
        if got != expected {
            failed.push(format!("{}:\n  expected {expected}\n  got      {got}", case.name));
        }
    }
    assert!(failed.is_empty(), "{} of {} cases differ:\n{}", failed.len(), cases.len(), failed.join("\n"));
}

#[test]
fn what_the_plugin_logs_is_a_problem_at_its_file() {
    let files =
        |nav: &str| BTreeMap::from([("a.md".to_string(), String::new()), (".nav.yml".to_string(), nav.to_string())]);
    let (_, problems) = run(&files("nav:\n  - missing.md\n"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].0 == "docs/.nav.yml" && problems[0].3.contains("'missing.md' matches no files"),
        "{problems:?}"
    );
    let (_, problems) = run(&files("title: Root\nhide: true\n"));
    assert_eq!(problems.len(), 2, "{problems:?}");
    let (resolved, problems) = run(&files("nav: [\n"));
    assert!(problems[0].3.contains("the plugin's defaults"), "{problems:?}");
    assert!(matches!(&resolved[..], [Resolved::Page { path, .. }] if path == "a.md"));
    let (_, problems) = run(&files("sort:\n  by: size\n"));
    assert_eq!((problems[0].1, problems[0].2), (2, 7), "{problems:?}");
    let (resolved, problems) = run(&files("nav:\n  - \"+(a).md\"\n"));
    assert!(resolved.is_empty() && problems[0].3.contains("`+(…)`"), "{problems:?}");
}
