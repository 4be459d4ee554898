//! File circles: modules of one folder of `src/` that refer to each other in a cycle,
//! the strongly connected components of the graph of `super::NAME` and
//! `crate::FOLDER::NAME` references between a folder's files (test code left out).
//! No folder may have one but those of [`ALLOWED_CIRCLES`], a list that only shrinks,
//! and the folders of [`WITHOUT_CIRCLES`] none at all.
//!
//! More: docs/architecture.md, "File circles".

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::boundary::{code_only, without_test_items};
use super::{Graph, group_heads, identifier, rust_files, source_folders, workspace_root};

/// The file circles of today, as `folder: a, b, c` (modules sorted): each may stay until
/// it is broken, and then leaves this list, which only shrinks.
const ALLOWED_CIRCLES: &[&str] = &[
    "markdown/includes: directives, markdown_include, mdx_imports, select",
    "pipeline: bodies, steps",
    "pipeline: claim, output, staging",
    "search_index: page_terms, pairs",
    "site: audience, languages, posts, resolve, source_rules, urls",
    "status/outputs: feed, json_feed",
];

/// The folders that may have no file circle, listed or not.
const WITHOUT_CIRCLES: &[&str] = &["content"];

/// The module path of a file relative to `src/`: `["content", "page"]` for
/// `content/page.rs`, `["content"]` for `content/mod.rs`.
fn module_path(shown: &str) -> Vec<String> {
    let mut parts: Vec<String> = shown.split('/').map(str::to_string).collect();
    let last = parts.pop().unwrap_or_default();
    let stem = last.strip_suffix(".rs").unwrap_or(&last).to_string();
    if stem != "mod" {
        parts.push(stem);
    }
    parts
}

/// The paths `code` names that start with `crate::` or `super::`, resolved from the
/// module `at` to paths from the crate's root, groups (`{a, b::c}`) expanded to their
/// first segments.
fn absolute_paths(code: &str, at: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let starts = ["crate::", "super::"].iter().any(|s| rest.starts_with(s)) && !code[..i].ends_with(is_path_char);
        if !starts {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = rest;
        if let Some(after) = rest.strip_prefix("crate::") {
            rest = after;
        } else {
            base = at.to_vec();
            while let Some(after) = rest.strip_prefix("super::") {
                base.pop();
                rest = after;
            }
        }
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                found.extend(group_heads(group).into_iter().map(|head| [base.clone(), vec![head]].concat()));
                break;
            }
            let segment = identifier(rest);
            if segment.is_empty() {
                found.push(base);
                break;
            }
            base.push(segment.to_string());
            match rest[segment.len()..].strip_prefix("::") {
                Some(after) => rest = after,
                None => {
                    found.push(base);
                    break;
                }
            }
        }
        i = code.len() - rest.len();
    }
    found
}

/// Whether `c` may stand just before a path's start inside a longer path or word.
fn is_path_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == ':'
}

/// Folder (relative to `src/`, `/`) -> the module graph of its files: each `.rs` file
/// or subfolder beside `mod.rs` is a module, refering to the others by name.
fn folder_graphs(src: &Path) -> BTreeMap<String, Graph> {
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    let mut files = rust_files(src);
    files.sort();
    for file in files {
        let shown = file.strip_prefix(src).unwrap_or(&file).to_string_lossy().replace('\\', "/");
        let stem = shown.rsplit('/').next().unwrap_or_default().trim_end_matches(".rs");
        if stem == "tests" || stem.ends_with("_tests") || shown.split('/').any(|p| p == "tests") {
            continue;
        }
        let at = module_path(&shown);
        let text = std::fs::read_to_string(&file).expect("source files are UTF-8");
        let code = without_test_items(&code_only(&text));
        for path in absolute_paths(&code, &at) {
            let shared = at.iter().zip(&path).take_while(|(a, b)| a == b).count();
            if shared >= at.len() || shared >= path.len() {
                continue;
            }
            let folder = &at[..shared];
            if !module_exists(src, folder, &path[shared]) {
                continue;
            }
            let graph = graphs.entry(folder.join("/")).or_default();
            graph.entry(at[shared].clone()).or_default().entry(path[shared].clone()).or_default().insert(shown.clone());
            graph.entry(path[shared].clone()).or_default();
        }
    }
    graphs
}

/// Whether `name` is a module file or folder of `folder` (a module path from `src/`).
fn module_exists(src: &Path, folder: &[String], name: &str) -> bool {
    let dir = folder.iter().fold(src.to_path_buf(), |dir, part| dir.join(part));
    name != "mod" && (dir.join(format!("{name}.rs")).is_file() || dir.join(name).join("mod.rs").is_file())
}

/// The strongly connected components of `graph` with more than one module, each sorted.
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    let reaches = |from: &str| super::reachable(graph, from);
    let mut seen = BTreeSet::new();
    let mut found = Vec::new();
    for module in graph.keys() {
        if seen.contains(module) {
            continue;
        }
        let forward = reaches(module);
        let circle: Vec<String> = std::iter::once(module.as_str())
            .chain(forward.iter().copied().filter(|other| *other != module && reaches(other).contains(module.as_str())))
            .map(str::to_string)
            .collect();
        if circle.len() > 1 && forward.contains(module.as_str()) {
            let mut circle = circle;
            circle.sort();
            seen.extend(circle.iter().cloned());
            found.push(circle);
        }
    }
    found.sort();
    found
}

/// The references inside `circle`, one a line: `a -> b: files`.
fn circle_references(graph: &Graph, circle: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    for from in circle {
        for (to, files) in &graph[from] {
            if circle.contains(to) && to != from {
                let files: Vec<&str> = files.iter().map(String::as_str).collect();
                lines.push(format!("    {from} -> {to}: {}", files.join(", ")));
            }
        }
    }
    lines
}

#[test]
fn no_folder_has_a_file_circle_but_the_listed() {
    let mut graphs: BTreeMap<String, Graph> = BTreeMap::new();
    for (folder, graph) in source_folders(workspace_root()).iter().flat_map(|src| folder_graphs(src)) {
        // Each crate's top level is its own folder of modules; their names differ.
        graphs.entry(folder).or_default().extend(graph);
    }
    assert!(
        graphs.get("content").is_some_and(|g| g.get("page").is_some_and(|e| e.contains_key("fields"))),
        "the circle finder finds no references"
    );
    let mut found = BTreeMap::new();
    for (folder, graph) in &graphs {
        for circle in circles(graph) {
            found.insert(format!("{folder}: {}", circle.join(", ")), circle_references(graph, &circle));
        }
    }
    let listed: BTreeSet<String> = ALLOWED_CIRCLES.iter().map(ToString::to_string).collect();
    let new: Vec<String> = found
        .iter()
        .filter(|(name, _)| !listed.contains(*name))
        .map(|(name, references)| format!("  {name}\n{}", references.join("\n")))
        .collect();
    assert!(new.is_empty(), "file circles (move the shared code out of them):\n{}", new.join("\n"));
    let gone: Vec<&String> = listed.iter().filter(|name| !found.contains_key(*name)).collect();
    assert!(gone.is_empty(), "file circles no longer there (or changed): take {gone:?} off the list");
    for folder in WITHOUT_CIRCLES {
        let kept: Vec<&String> = listed.iter().filter(|name| name.starts_with(&format!("{folder}: "))).collect();
        assert!(kept.is_empty(), "src/{folder} may have no file circle: {kept:?}");
    }
}

fn graph_of(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph.entry(from.to_string()).or_default().entry(to.to_string()).or_default().insert(format!("{from}.rs"));
        graph.entry(to.to_string()).or_default();
    }
    graph
}

#[test]
fn finds_circles_as_strongly_connected_components() {
    let names = |circles: Vec<Vec<String>>| circles.into_iter().map(|c| c.join(",")).collect::<Vec<_>>();
    assert!(circles(&graph_of(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
    assert!(circles(&graph_of(&[("a", "a")])).is_empty());
    assert_eq!(names(circles(&graph_of(&[("a", "b"), ("b", "a"), ("b", "c")]))), ["a,b"]);
    let two = graph_of(&[("x", "y"), ("y", "z"), ("z", "x"), ("z", "w"), ("w", "v"), ("v", "w"), ("q", "x")]);
    assert_eq!(names(circles(&two)), ["v,w", "x,y,z"]);
    assert_eq!(circle_references(&two, &["v".to_string(), "w".to_string()]), ["    v -> w: v.rs", "    w -> v: w.rs"]);
}

#[test]
fn resolves_super_and_crate_paths_from_a_module() {
    let at = |path: &str| path.split("::").map(str::to_string).collect::<Vec<_>>();
    let code = "use super::{page, walk::Files};\nuse crate::content::fields::X; let y = super::super::site::f();\n\
                fn g() { crate::{a::b, c}; my_super::x; }";
    let found: Vec<String> = absolute_paths(code, &at("content::front")).into_iter().map(|p| p.join("::")).collect();
    assert_eq!(found, ["content::page", "content::walk", "content::fields::X", "site::f", "a", "c"]);
    assert_eq!(module_path("content/mod.rs"), ["content"]);
    assert_eq!(module_path("compat/dialects/inline.rs"), ["compat", "dialects", "inline"]);
}
