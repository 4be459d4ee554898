//! The awesome-pages plugin's own test cases (`tests/fixtures/awesome-pages/cases.txt`),
//! each an `mkdocs.yml`, a docs folder and the navigation the plugin makes of them, run
//! through [`super::arrange`]; its tests of how a rest entry reads; and opsbook's own
//! cases of what the plugin logs or fails on.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::meta::{Rest, RestKind};
use super::{Docs, Options, Problem};
use crate::compat::mkdocs::files::{page_title, without_shadowed_readmes};
use crate::content::nav_file::{NavEntry, NavLink};

/// One case of the fixture file: its name, `mkdocs.yml`, its files (path and text),
/// the navigation expected.
struct Case {
    name: String,
    mkdocs: String,
    files: BTreeMap<String, String>,
    nav: String,
}

fn cases() -> Vec<Case> {
    let text = include_str!("../../../../tests/fixtures/awesome-pages/cases.txt");
    let mut cases = Vec::new();
    for block in text.split("\n=== ").skip(1) {
        let (name, rest) = block.split_once('\n').expect("a case has a name line");
        let rest: String =
            rest.lines().filter(|line| !line.starts_with("# ")).map(|line| format!("{line}\n")).collect();
        let (mkdocs, rest) = match rest.strip_prefix("--- mkdocs\n") {
            Some(rest) => rest.split_once("--- docs\n").expect("a case has its docs"),
            None => {
                ("plugins:\n- awesome-pages\n", rest.strip_prefix("--- docs\n").expect("a case opens with its docs"))
            }
        };
        let (docs, nav) = rest.split_once("--- nav\n").expect("a case has a nav");
        let files = crate::compat::mkdocs::awesome_nav::tests::files_of(docs);
        cases.push(Case { name: name.to_string(), mkdocs: mkdocs.to_string(), files, nav: nav.trim_end().to_string() });
    }
    cases
}

/// The navigation as the plugin's tests show it: `{title: path}`, `{title: [...]}`.
fn shown(entries: &[NavEntry], files: &BTreeMap<String, String>) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|entry| {
                let title = |target: &str| match &entry.title {
                    Some(title) => title.clone(),
                    None => files.get(target).map_or_else(|| target.to_string(), |text| page_title(target, text)),
                };
                match &entry.link {
                    NavLink::Page(path) if files.contains_key(path) => json!({ title(path): path }),
                    NavLink::Page(target) | NavLink::External(target) => json!({ title(target): target }),
                    _ => json!({ entry.title.clone().unwrap_or_default(): shown(&entry.children, files) }),
                }
            })
            .collect(),
    )
}

/// The navigation of `files` with `mkdocs.yml`'s text `mkdocs`, and the problems.
fn run(mkdocs: &str, files: &BTreeMap<String, String>) -> (Vec<NavEntry>, Vec<Problem>) {
    let (options, faults) = super::options(mkdocs).unwrap_or((Options::default(), Vec::new()));
    let mut problems: Vec<Problem> =
        faults.into_iter().map(|(line, column, message)| ("mkdocs.yml".to_string(), line, column, message)).collect();
    let written = crate::compat::mkdocs::nav::parse_mkdocs(mkdocs).expect("mkdocs.yml is YAML").entries;
    let pages: Vec<String> = files.keys().filter(|p| p.ends_with(".md")).cloned().collect();
    let pages = without_shadowed_readmes(pages);
    let read = |path: &str| files.get(path).map(|text| (format!("docs/{path}"), text.clone()));
    let text = |path: &str| files.get(path).cloned();
    let docs = Docs { pages: &pages, config_file: "mkdocs.yml", read: &read, text: &text };
    let (entries, _) = super::arrange(&docs, &options, &written, &mut problems);
    (entries, problems)
}

#[test]
fn the_plugin_s_own_cases_give_its_navigation() {
    let cases = cases();
    assert_eq!(cases.len(), 194);
    let mut failed = Vec::new();
    for case in &cases {
        let (entries, _) = run(&case.mkdocs, &case.files);
        // The plugin's end-to-end tests leave out the pages they add to fill the top.
        let entries: Vec<NavEntry> = entries
            .into_iter()
            .filter(|e| !matches!(&e.link, NavLink::Page(path) if path.starts_with("__dummy__")))
            .collect();
        let expected = crate::content::front_matter::parse_yaml_documents(&case.nav)
            .expect("the expected nav is YAML")
            .first()
            .map_or(Value::Array(Vec::new()), crate::content::node::Node::to_json);
        let got = shown(&entries, &case.files);
        if got != expected {
            failed.push(format!("{}:\n  expected {expected}\n  got      {got}", case.name));
        }
    }
    assert!(failed.is_empty(), "{} of {} cases differ:\n{}", failed.len(), cases.len(), failed.join("\n"));
}

/// The plugin's `TestRestParsing` (`tests/navigation/test_meta.py`): each entry's
/// pattern, kind and `flat`.
#[test]
fn a_rest_entry_reads_as_the_plugin_reads_it() {
    let cases = [
        ("...", None, "all", false),
        ("...|flat", None, "all", true),
        ("... | flat", None, "all", true),
        ("...|foo", Some("foo"), "glob", false),
        ("... | foo", Some("foo"), "glob", false),
        ("... | foo ", Some("foo "), "glob", false),
        ("...|flat|foo", Some("foo"), "glob", true),
        ("... | flat | foo", Some("foo"), "glob", true),
        ("... | flat | foo ", Some("foo "), "glob", true),
        ("...|glob=foo", Some("foo"), "glob", false),
        ("... | glob=foo", Some("foo"), "glob", false),
        ("... | glob=foo ", Some("foo "), "glob", false),
        ("... | glob= foo", Some(" foo"), "glob", false),
        ("...|flat|glob=foo", Some("foo"), "glob", true),
        ("... | flat | glob=foo", Some("foo"), "glob", true),
        ("... | flat | glob=foo ", Some("foo "), "glob", true),
        ("... | flat | glob= foo", Some(" foo"), "glob", true),
        ("...|regex=foo", Some("foo"), "regex", false),
        ("... | regex=foo", Some("foo"), "regex", false),
        ("... | regex=foo ", Some("foo "), "regex", false),
        ("... | regex= foo", Some(" foo"), "regex", false),
        ("...|flat|regex=foo", Some("foo"), "regex", true),
        ("... | flat | regex=foo", Some("foo"), "regex", true),
        ("... | flat | regex=foo ", Some("foo "), "regex", true),
        ("... | flat | regex= foo", Some(" foo"), "regex", true),
    ];
    for (value, pattern, kind, flat) in cases {
        let (rest, problem) = Rest::parse(value).expect("a rest entry");
        let read = match rest.kind {
            RestKind::All => "all",
            RestKind::Glob(_) => "glob",
            RestKind::Regex(_) => "regex",
        };
        assert_eq!((rest.pattern(), read, rest.flat, problem), (pattern, kind, flat, None), "{value:?}");
    }
    assert!(Rest::parse("index.md").is_none());
}

/// What the plugin warns of or fails on (a name not found, a rest entry written twice,
/// a refused value, `title` or `hide` at the top, a refused option) is a problem at its
/// file, line and column; the navigation is still made.
#[test]
fn what_the_plugin_logs_or_fails_on_is_a_problem_at_its_file() {
    let files = |pages: &str| {
        BTreeMap::from([
            ("1.md".to_string(), String::new()),
            ("2.md".to_string(), String::new()),
            (".pages".to_string(), pages.to_string()),
        ])
    };
    let plain = "plugins:\n- awesome-pages\n";
    let (entries, problems) = run(plain, &files("nav:\n  - 2.md\n  - 3.md\n  - ...\n"));
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(problems.len(), 1, "{problems:?}");
    let (file, line, column, message) = &problems[0];
    assert_eq!((file.as_str(), *line, *column), ("docs/.pages", 3, 5), "{problems:?}");
    assert!(message.contains("\"3.md\" names no file") && message.contains("`strict`"), "{message}");
    let (_, problems) = run("plugins:\n- awesome-pages:\n    strict: false\n", &files("arrange:\n  - 3.md\n"));
    assert!(!problems[0].3.contains("`strict`"), "{problems:?}");

    let (entries, problems) = run(plain, &files("nav:\n  - ...\n  - 1.md\n  - ...\n"));
    assert!(problems[0].3.contains("written twice") && problems[0].1 == 4, "{problems:?}");
    assert_eq!(entries.len(), 2, "arranged without the file: {entries:?}");
    let (_, problems) = run(plain, &files("order: up\n"));
    assert_eq!((problems[0].1, problems[0].2), (1, 8), "{problems:?}");
    assert!(problems[0].3.contains("`order` is `asc` or `desc`"), "{problems:?}");
    let (_, problems) = run(plain, &files("title: Root\nhide: false\n"));
    let at: Vec<(usize, usize)> = problems.iter().map(|p| (p.1, p.2)).collect();
    assert_eq!(at, [(1, 1), (2, 1)], "{problems:?}");
    let (_, problems) = run(plain, &files("nav: [\n"));
    assert!(problems[0].3.contains("arranged without it"), "{problems:?}");
    let (_, problems) = run(plain, &files("nav:\n  - \"... | regex=(\"\n"));
    assert!(problems[0].3.contains("cannot be read"), "{problems:?}");

    let written = "plugins:\n- awesome-pages:\n    order: sideways\n    filename: ../x\nnav:\n- ...\n- 1.md\n- ...\n";
    let (entries, problems) = run(written, &files(""));
    let messages: Vec<&str> = problems.iter().map(|p| p.3.as_str()).collect();
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(messages[0].contains("`order`") && messages[1].contains("`filename`"), "{messages:?}");
    assert!(messages[2].contains("written twice") && problems[2].0 == "mkdocs.yml", "{problems:?}");
    assert_eq!(entries.len(), 2, "{entries:?}");
}

/// Sections named many times over in nested `.pages` files are cut at the budget
/// instead of multiplying with each level.
#[test]
fn a_section_named_many_times_over_is_cut() {
    let mut files = BTreeMap::new();
    let names = |name: &str| format!("nav:\n{}", format!("  - {name}\n").repeat(60));
    files.insert(".pages".to_string(), names("a"));
    files.insert("a/.pages".to_string(), names("b"));
    files.insert("a/b/.pages".to_string(), names("c"));
    files.insert("a/b/c/.pages".to_string(), names("1.md"));
    files.insert("a/b/c/1.md".to_string(), String::new());
    let started = std::time::Instant::now();
    let (entries, problems) = run("plugins:\n- awesome-pages\n", &files);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "{:?}", started.elapsed());
    assert!(!entries.is_empty());
    assert!(problems.iter().any(|p| p.3.contains("cut at")), "{problems:?}");
}
