//! The cases of `tests/fixtures/just-the-docs/`: pages with front matter and the tree
//! the theme shows of them, ported from the theme's test site and documentation (each
//! file names its source); and the warnings.

use super::order::jekyll_order;
use super::page::{NavPage, Rules, Version};
use super::tree::{self, Problem};
use crate::content::nav_file::{NavEntry, NavLink};

macro_rules! cases {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../../../tests/fixtures/just-the-docs/", $name, ".txt")))),*]
    };
}

const CASES: [(&str, &str); 20] = cases![
    "ancestry",
    "exclude",
    "grandparent",
    "grandparent-v0.4",
    "levels-chain",
    "levels-chain-v0.4",
    "levels-current",
    "levels-v0.4",
    "order-current-groups",
    "order-default",
    "order-default-jekyll-3",
    "order-floats",
    "order-integers",
    "order-mixture",
    "order-strings",
    "order-strings-case-insensitive",
    "order-v0.3",
    "order-v0.3.1",
    "order-v0.4-rc",
    "reversed",
];

/// The pages of a case, its rules and the tree it expects.
fn parse_case(text: &str) -> (Vec<NavPage>, Rules, String) {
    let (pages_text, expected) = text.split_once("=== expected\n").expect("an expected tree");
    let mut rules = Rules { version: Version::Current, case_insensitive: false, numeric_strings: true };
    let mut documents = false;
    let mut pages: Vec<(String, String)> = Vec::new();
    for line in pages_text.lines() {
        if let Some(words) = line.strip_prefix("rules: ") {
            for word in words.split_whitespace() {
                match word {
                    "current" | "case_sensitive" | "jekyll4" => {}
                    "v0.3.1" => rules.version = Version::V02,
                    "v0.3" => rules.version = Version::V03,
                    "v0.4.0.rc2" => rules.version = Version::V04Rc,
                    "v0.4" => rules.version = Version::V04,
                    "case_insensitive" => rules.case_insensitive = true,
                    "jekyll3" => rules.numeric_strings = false,
                    "documents" => documents = true,
                    other => panic!("an unknown word in the rules: {other}"),
                }
            }
        } else if let Some(path) = line.strip_prefix("--- ") {
            pages.push((path.to_string(), String::new()));
        } else if let Some((_, front)) = pages.last_mut() {
            front.push_str(line);
            front.push('\n');
        }
    }
    let pages = pages.iter().map(|(path, front)| page(path, front, documents)).collect();
    (pages, rules, expected.to_string())
}

/// The page at `path` with front matter `front`.
fn page(path: &str, front: &str, document: bool) -> NavPage {
    let text = format!("---\n{front}---\n");
    let split = crate::content::front_matter::split_front_matter(&text).expect("front matter");
    let fields = match &split.front {
        Some(block) => crate::content::front_matter::parse_fields(block).expect("fields"),
        None => Default::default(),
    };
    NavPage::read(path, path, (&fields, &text), document)
}

/// The tree of `pages`, and the warnings.
fn tree_of(pages: &[NavPage], rules: &Rules) -> (String, Vec<Problem>) {
    let mut members: Vec<usize> = (0..pages.len()).collect();
    jekyll_order(&mut members, pages);
    let mut problems = Vec::new();
    let entries = tree::build(pages, &members, rules, &mut { tree::BUDGET }, &mut problems);
    let mut out = String::new();
    draw(&entries, 0, &mut out);
    (out, problems)
}

fn draw(entries: &[NavEntry], depth: usize, out: &mut String) {
    for entry in entries {
        assert!(matches!(entry.link, NavLink::Page(_)));
        out.push_str(&"  ".repeat(depth));
        out.push_str(entry.title.as_deref().unwrap_or("?"));
        out.push('\n');
        draw(&entry.children, depth + 1, out);
    }
}

#[test]
fn the_ported_cases_give_the_themes_trees() {
    let mut failed = Vec::new();
    for (name, text) in CASES {
        let (pages, rules, expected) = parse_case(text);
        let (tree, problems) = tree_of(&pages, &rules);
        if tree != expected {
            failed.push(format!("{name}:\n--- expected\n{expected}--- got\n{tree}"));
        }
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
    let passing = CASES.len() - failed.len();
    assert!(failed.is_empty(), "{passing}/{} cases pass\n{}", CASES.len(), failed.join("\n"));
}

/// The pages of a test, each `path` and front matter.
fn pages(list: &[(&str, &str)]) -> Vec<NavPage> {
    list.iter().map(|(path, front)| page(path, front, false)).collect()
}

const CURRENT: Rules = Rules { version: Version::Current, case_insensitive: false, numeric_strings: true };

#[test]
fn a_parent_that_names_no_page_is_a_warning_at_its_key() {
    let pages = pages(&[("a.md", "title: A\n"), ("b.md", "title: B\nnav_order: 2\nparent: Nowhere\n")]);
    let (tree, problems) = tree_of(&pages, &CURRENT);
    assert_eq!(tree, "A\n");
    let [(file, line, column, message)] = problems.as_slice() else { panic!("{problems:?}") };
    assert_eq!((file.as_str(), *line, *column), ("b.md", 4, 1));
    assert!(message.contains("`parent: Nowhere` names no page"), "{message}");
}

#[test]
fn an_ambiguous_parent_lists_the_page_under_each_with_a_warning() {
    let pages = pages(&[
        ("x.md", "title: X\n"),
        ("y.md", "title: Y\n"),
        ("xs.md", "title: S\nparent: X\n"),
        ("ys.md", "title: S\nparent: Y\n"),
        ("t.md", "title: T\nparent: S\n"),
    ]);
    let (tree, problems) = tree_of(&pages, &CURRENT);
    assert_eq!(tree, "X\n  S\n    T\nY\n  S\n    T\n");
    let [(file, line, _, message)] = problems.as_slice() else { panic!("{problems:?}") };
    assert_eq!((file.as_str(), *line), ("t.md", 3));
    assert!(message.contains("names 2 pages"), "{message}");
}

#[test]
fn a_page_no_parent_takes_and_a_circle_are_warnings() {
    let pages = pages(&[
        ("x.md", "title: X\n"),
        ("s.md", "title: S\nparent: X\n"),
        ("t.md", "title: T\nparent: S\ngrand_parent: Z\n"),
        ("a.md", "title: A\nparent: B\n"),
        ("b.md", "title: B\nparent: A\n"),
    ]);
    let (tree, problems) = tree_of(&pages, &CURRENT);
    assert_eq!(tree, "X\n  S\n");
    let message = |file: &str| problems.iter().find(|p| p.0 == file).map_or("", |p| p.3.as_str());
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(message("t.md").contains("no page titled `S` takes this page"), "{problems:?}");
    assert!(message("a.md").contains("circle (A → B → A)"), "{problems:?}");
    assert!(message("b.md").contains("circle (B → A → B)"), "{problems:?}");
}

#[test]
fn a_page_titled_as_a_page_above_it_is_left_out_with_a_warning_from_v0_10() {
    let pages = pages(&[("a.md", "title: A\nhas_children: true\n"), ("again.md", "title: A\nparent: A\n")]);
    let (tree, problems) = tree_of(&pages, &CURRENT);
    assert_eq!(tree, "A\n");
    let [(file, line, column, message)] = problems.as_slice() else { panic!("{problems:?}") };
    assert_eq!((file.as_str(), *line, *column), ("again.md", 3, 1));
    assert!(message.contains("Just the Docs shows ∞"), "{problems:?}");
    // Before v0.10 the theme has no check of the titles above: the page is a child.
    let v04 = Rules { version: Version::V04, ..CURRENT };
    assert_eq!(tree_of(&pages, &v04), ("A\n  A\n".to_string(), Vec::new()));
}

/// A page met under two parents of its title is one warning.
#[test]
fn a_warning_of_the_walk_comes_once_a_page() {
    let pages = pages(&[("a.md", "title: A\n"), ("b.md", "title: A\n"), ("again.md", "title: A\nparent: A\n")]);
    let (tree, problems) = tree_of(&pages, &CURRENT);
    assert_eq!(tree, "A\nA\n");
    assert_eq!(problems.len(), 1, "{problems:?}");
}

/// Pages titled alike under parents titled alike: each level multiplies the entries,
/// and long titles cost more; the tree is cut, with a warning at a `parent` key.
#[test]
fn the_budget_cuts_the_tree_with_a_warning() {
    let mut list = Vec::new();
    for i in 0..30 {
        list.push((format!("a{i}.md"), "title: A\n".to_string()));
        list.push((format!("b{i}.md"), "title: B\nparent: A\n".to_string()));
        list.push((format!("c{i}.md"), "title: C\nparent: B\n".to_string()));
    }
    let list: Vec<(&str, &str)> = list.iter().map(|(path, front)| (path.as_str(), front.as_str())).collect();
    let pages = pages(&list);
    let mut members: Vec<usize> = (0..pages.len()).collect();
    jekyll_order(&mut members, &pages);
    let (mut budget, mut problems) = (1_000, Vec::new());
    let entries = tree::build(&pages, &members, &CURRENT, &mut budget, &mut problems);
    let count = |entries: &[NavEntry]| -> usize { NavEntry::flatten(entries).len() };
    assert!(count(&entries) <= 1_000, "{}", count(&entries));
    let [(file, line, column, message)] = problems.as_slice() else { panic!("{problems:?}") };
    assert!(message.contains("the navigation is cut here"), "{message}");
    assert!(file.starts_with('c') && (*line, *column) == (3, 1), "{file}:{line}:{column}");
    // A title of 25,600 bytes costs 101 entries.
    let long = format!("title: {}\n", "x".repeat(100 * tree::TITLE_BYTES));
    let pages = super::tests::pages(&[("a.md", &long), ("b.md", &long), ("c.md", &long)]);
    let (mut budget, mut problems) = (250, Vec::new());
    let entries = tree::build(&pages, &[0, 1, 2], &CURRENT, &mut budget, &mut problems);
    assert_eq!((entries.len(), budget), (2, 48));
    assert!(problems[0].3.contains("cut here"), "{problems:?}");
}

#[test]
fn each_version_sorts_and_nests_as_its_liquid() {
    for (reference, version) in [
        ("v0.2.9", Version::V02),
        ("0.3.1", Version::V02),
        ("v0.3.2", Version::V03),
        ("v0.3.3", Version::V03),
        ("v0.4.0.rc1", Version::V04Rc),
        ("0.4.0.rc2", Version::V04Rc),
        ("v0.4.0.rc3", Version::V04),
        ("v0.4.0", Version::V04),
        ("v0.9.0", Version::V04),
        ("v0.10.1", Version::Current),
    ] {
        assert_eq!(Version::of(reference), Some(version), "{reference}");
    }
    assert_eq!(Version::of("main"), None);
}

#[test]
fn reads_the_theme_and_its_version_from_the_configuration() {
    let theme = |text: &str| {
        let site = super::super::site::JekyllSite::parse(text).expect("configuration");
        site.theme.map(|theme| theme.rules.version)
    };
    assert_eq!(theme("theme: just-the-docs\n"), Some(Version::Current));
    assert_eq!(theme("remote_theme: pmarsceill/just-the-docs@v0.3.3\n"), Some(Version::V03));
    assert_eq!(theme("remote_theme: just-the-docs/just-the-docs@v0.8.2\n"), Some(Version::V04));
    assert_eq!(theme("remote_theme: just-the-docs/just-the-docs\n"), Some(Version::Current));
    assert_eq!(theme("theme: minima\n"), None);
    let mut site = super::super::site::JekyllSite::parse("theme: just-the-docs\nnav_sort: case_insensitive\n").unwrap();
    let theme = site.theme.as_mut().expect("the theme");
    theme.read_gems(Some("GEM\n  specs:\n    jekyll (3.9.5)\n    just-the-docs (0.5.4)\n"));
    assert_eq!(theme.rules, Rules { version: Version::V04, case_insensitive: true, numeric_strings: false });
}

#[test]
fn the_gems_pin_the_version_of_the_theme_gem_only() {
    let rules = |config: &str, gems: Option<&str>| {
        let mut site = super::super::site::JekyllSite::parse(config).expect("configuration");
        let theme = site.theme.as_mut().expect("the theme");
        theme.read_gems(gems);
        theme.rules
    };
    let gemfile = "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3\"\ngem \"just-the-docs\", \"0.5.4\"\n";
    let gem = rules("theme: just-the-docs\n", Some(gemfile));
    assert_eq!((gem.version, gem.numeric_strings), (Version::V04, true));
    let lock = "GEM\n  specs:\n    just-the-docs (0.3.3)\n";
    let remote = rules("remote_theme: just-the-docs/just-the-docs@v0.10.1\n", Some(lock));
    assert_eq!((remote.version, remote.numeric_strings), (Version::Current, true), "remote_theme's own pin wins");
    let pages = rules("remote_theme: just-the-docs/just-the-docs@v0.10.1\n", None);
    assert_eq!((pages.version, pages.numeric_strings), (Version::Current, false), "GitHub Pages runs Jekyll 3.9");
    assert!(rules("theme: just-the-docs\n", None).numeric_strings);
}

/// Each key [`NavPage::read`] reads is one the core rebuilds the navigation for.
#[test]
fn the_navigation_names_every_key_it_reads() {
    let front = "title: T\nparent: P\ngrand_parent: G\nancestor: A\nnav_order: 1\nnav_exclude: true\n\
                 has_children: true\nchild_nav_order: desc\n";
    let read = page("a.md", front, false);
    let keys = super::page::KEYS;
    assert_eq!(keys.len(), front.lines().count());
    for line in front.lines() {
        let key = line.split(':').next().unwrap_or_default();
        assert!(keys.contains(&key), "{key}");
        let without: String = front.lines().filter(|l| *l != line).map(|l| format!("{l}\n")).collect();
        let other = page("a.md", &without, false);
        assert_ne!(format!("{read:?}"), format!("{other:?}"), "{key} is read");
    }
}
