//! A test that keeps the crate's top-level modules free of import cycles: the pipeline
//! reads one way (config -> content -> site -> markdown -> the feature folders such as
//! `status` -> render -> check -> pipeline, with `cmd` and `serve` on top and small
//! leaves such as `fs`, `percent` and `suggest` below), so no module may reach, through
//! `crate::` paths, a module that reaches it; a feature folder is held to its layer.
//!
//! More: docs/architecture.md, "Notes by module".

mod boundary;
mod circles;
mod globals;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module -> the modules it refers to -> the files (relative to `src/`) that do.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

/// The source folders of the workspace in `root`: `src/` and each crate's under
/// `crates/`. Their top-level modules are one name space (each crate's `lib.rs`
/// re-exports the modules below it), so the graph reads them as one crate.
fn source_folders(root: &Path) -> Vec<PathBuf> {
    let mut folders = vec![root.join("src")];
    let crates = std::fs::read_dir(root.join("crates")).expect("crates/ is readable");
    let mut below: Vec<PathBuf> = crates.map(|entry| entry.expect("crates/ is readable").path().join("src")).collect();
    below.sort();
    folders.extend(below.into_iter().filter(|src| src.is_dir()));
    folders
}

/// The workspace's folder, the root crate's.
fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The top-level module names of the workspace in `root`, each with its source files.
fn top_level_modules(root: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut modules = BTreeMap::new();
    for src in source_folders(root) {
        for entry in std::fs::read_dir(&src).expect("src/ is readable") {
            let path = entry.expect("src/ is readable").path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_string) else { continue };
            let (name, files) = if path.is_dir() {
                (name, rust_files(&path))
            } else if let Some(stem) = name.strip_suffix(".rs") {
                (stem.to_string(), vec![path.clone()])
            } else {
                continue;
            };
            if name != "lib" && name != "main" && !files.is_empty() {
                modules.insert(name, files);
            }
        }
    }
    modules
}

/// `file` relative to the source folder of `folders` it is in, with `/`.
fn shown_in(folders: &[PathBuf], file: &Path) -> String {
    let inner = folders.iter().find_map(|src| file.strip_prefix(src).ok()).unwrap_or(file);
    inner.to_string_lossy().replace('\\', "/")
}

/// The `.rs` files under `dir`, at any depth.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("source folders are readable") {
        let path = entry.expect("source folders are readable").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The first path segments of the `crate::` paths in `code`, comment lines left out: `a`
/// for `crate::a::b`, and `a` and `b` for `use crate::{a::x, b};`.
fn crate_references(code: &str) -> BTreeSet<String> {
    let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut found = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            found.extend(group_heads(group));
        } else {
            found.insert(identifier(rest).to_string());
        }
    }
    found.remove("");
    found
}

/// The first segment of each path in a `{a::x, b, c::{d, e}}` group, `group` starting
/// after its `{`.
fn group_heads(group: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut at_start = true;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => at_start = true,
            c if at_start && depth == 0 && !c.is_whitespace() => {
                heads.push(identifier(&group[i..]).to_string());
                at_start = false;
            }
            _ => {}
        }
    }
    heads
}

/// The identifier `text` starts with.
fn identifier(text: &str) -> &str {
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(text.len());
    &text[..end]
}

/// The graph of the workspace in `root`.
fn module_graph(root: &Path) -> Graph {
    let modules = top_level_modules(root);
    let folders = source_folders(root);
    let mut graph = Graph::new();
    for (module, files) in &modules {
        let edges = graph.entry(module.clone()).or_default();
        for file in files {
            let code = std::fs::read_to_string(file).expect("source files are UTF-8");
            let shown = shown_in(&folders, file);
            for target in crate_references(&code) {
                if target != *module && modules.contains_key(&target) {
                    edges.entry(target).or_default().insert(shown.clone());
                }
            }
        }
    }
    graph
}

/// A cycle of `graph` as the list of its modules, first one repeated at the end.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit<'a>(
        graph: &'a Graph,
        module: &'a str,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| *m == module) {
            let mut cycle: Vec<String> = path[start..].iter().map(|m| m.to_string()).collect();
            cycle.push(module.to_string());
            return Some(cycle);
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for target in graph.get(module).into_iter().flat_map(BTreeMap::keys) {
            if let Some(cycle) = visit(graph, target, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|module| visit(graph, module, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_import_each_other_without_cycles() {
    let mut graph = module_graph(workspace_root());
    boundary::drop_allowed_compat_edges(&mut graph);
    assert!(graph.get("cmd").is_some_and(|edges| edges.contains_key("cli")), "the graph reader finds no edges");
    if let Some(cycle) = find_cycle(&graph) {
        let edges: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let files: Vec<&str> = graph[&pair[0]][&pair[1]].iter().map(String::as_str).collect();
                format!("  {} -> {}: {}", pair[0], pair[1], files.join(", "))
            })
            .collect();
        panic!("the top-level modules form a cycle, {}:\n{}", cycle.join(" -> "), edges.join("\n"));
    }
}

/// The feature folders (`src/status/`, `src/blog/`, `src/alerts/`: config reading
/// aside, a feature's model, views and outputs): each a layer of its own, above the
/// site model, which reaches it only through `site::feature::Feature`, and below the
/// modules in [`ABOVE_FEATURES`].
const FEATURES: &[&str] = &["status", "blog", "alerts"];

/// The layers above the features: the renderer, the link check, the pipeline and what
/// runs it, which register a feature and write its outputs.
const ABOVE_FEATURES: &[&str] = &["render", "check", "pipeline", "serve", "cmd", "cli"];

/// The modules `graph` reaches from `start`, through any number of edges.
fn reachable<'a>(graph: &'a Graph, start: &str) -> BTreeSet<&'a str> {
    let mut reached = BTreeSet::new();
    let mut next: Vec<&str> = graph.get(start).into_iter().flat_map(|edges| edges.keys().map(String::as_str)).collect();
    while let Some(module) = next.pop() {
        if reached.insert(module) {
            next.extend(graph.get(module).into_iter().flat_map(|edges| edges.keys().map(String::as_str)));
        }
    }
    reached
}

#[test]
fn features_sit_above_the_site_model_and_below_the_pipeline() {
    let mut graph = module_graph(workspace_root());
    boundary::drop_allowed_compat_edges(&mut graph);
    for feature in FEATURES {
        let reached = reachable(&graph, feature);
        assert!(reached.contains("site"), "the feature {feature} is not above the site model");
        let above: Vec<_> = ABOVE_FEATURES.iter().filter(|m| reached.contains(**m)).collect();
        assert!(above.is_empty(), "the feature {feature} reaches the layers above it: {above:?}");
        let below = graph.keys().filter(|m| reached.contains(m.as_str()) && graph[*m].contains_key(*feature));
        let below: Vec<_> = below.map(|m| format!("{m}: {:?}", graph[m][*feature])).collect();
        assert!(below.is_empty(), "modules below the feature {feature} reach it:\n{}", below.join("\n"));
    }
}

#[test]
fn reaches_modules_through_any_number_of_edges() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("d", "a")] {
        graph.entry(from.to_string()).or_default().entry(to.to_string()).or_default();
    }
    assert_eq!(reachable(&graph, "a").into_iter().collect::<Vec<_>>(), ["b", "c"]);
    assert!(reachable(&graph, "c").is_empty());
}

#[test]
fn reads_crate_paths_and_use_groups() {
    let code = "use crate::site::{Page, Site};\n\
                use crate::{config::Config, diagnostic::{Diagnostic, Rule}, slug};\n\
                // crate::serve is only named in a comment\n\
                let date = crate::dates::today(); pub(crate) fn f() {} let x = mycrate::build;";
    let found: Vec<String> = crate_references(code).into_iter().collect();
    assert_eq!(found, ["config", "dates", "diagnostic", "site", "slug"]);
}

#[test]
fn finds_cycles_and_only_cycles() {
    let graph_of = |edges: &[(&str, &str)]| {
        let mut graph = Graph::new();
        for (from, to) in edges {
            graph.entry(from.to_string()).or_default().entry(to.to_string()).or_default();
            graph.entry(to.to_string()).or_default();
        }
        graph
    };
    assert_eq!(find_cycle(&graph_of(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        find_cycle(&graph_of(&[("a", "b"), ("b", "c"), ("c", "b")])),
        Some(vec!["b".to_string(), "c".to_string(), "b".to_string()])
    );
}

/// The places in `code` where a comment names an issue by its number (the word and a number):
/// history belongs in docs/architecture.md and bench/README.md, not beside the code.
fn issue_numbers_in_comments(code: &str) -> Vec<usize> {
    let names_issue = |comment: &str| {
        let lower = comment.to_ascii_lowercase();
        lower.match_indices("issue ").any(|(at, _)| lower[at + 6..].starts_with(|c: char| c.is_ascii_digit()))
    };
    code.lines()
        .enumerate()
        .filter(|(_, line)| line.find("//").is_some_and(|at| names_issue(&line[at..])))
        .map(|(n, _)| n + 1)
        .collect()
}

#[test]
fn no_comment_names_an_issue_by_number() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for folder in ["src", "tests", "crates"] {
        for file in rust_files(&root.join(folder)) {
            let code = std::fs::read_to_string(&file).expect("source files are UTF-8");
            let shown = file.strip_prefix(root).unwrap_or(&file).display().to_string();
            found.extend(issue_numbers_in_comments(&code).into_iter().map(|line| format!("{shown}:{line}")));
        }
    }
    assert!(found.is_empty(), "comments that name issues by number (move the history to docs/):\n{}", found.join("\n"));
}

#[test]
fn finds_issue_numbers_only_in_comments() {
    let slashes = "//";
    let code = format!(
        "let issue = 3; {slashes} issue 3 was here\n{slashes}/ Issue 12, item 4: x\nlet s = \"issue 5\";\n{slashes} an issue with no number"
    );
    assert_eq!(issue_numbers_in_comments(&code), [1, 2]);
}

/// The most lines a file may have, and a function.
const MOST_FILE_LINES: usize = 600;
const MOST_FUNCTION_LINES: usize = 120;

/// The files of `src/` and `tests/` over [`MOST_FILE_LINES`] when the rule came: each may
/// stay so until it is split, and then leaves this list, which only shrinks.
const LONG_FILES: &[&str] = &[];

/// The functions over [`MOST_FUNCTION_LINES`] when the rule came, as `file: name`; the
/// list only shrinks, as [`LONG_FILES`].
const LONG_FUNCTIONS: &[&str] = &[];

/// The functions of `code` over `most` lines, by name: from the line of `fn NAME` to the
/// line of only its closing brace at the same indentation, as rustfmt writes them;
/// declarations without a body and bodies on one line are left out.
fn long_functions(code: &str, most: usize) -> Vec<String> {
    let lines: Vec<&str> = code.lines().collect();
    let mut found = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let mut rest = trimmed;
        for qualifier in ["pub(crate) ", "pub(super) ", "pub ", "const ", "async ", "unsafe "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        let Some(signature) = rest.strip_prefix("fn ") else { continue };
        let Some(opens) = lines[at..].iter().position(|l| l.trim_end().ends_with(['{', ';', '}'])) else { continue };
        if !lines[at + opens].trim_end().ends_with('{') {
            continue;
        }
        let closing = format!("{}}}", &line[..line.len() - trimmed.len()]);
        let length = lines[at + opens..].iter().position(|l| *l == closing).map(|end| opens + end + 1);
        if length.is_some_and(|length| length > most) {
            found.push(identifier(signature).to_string());
        }
    }
    found
}

/// The files of `src/` and `tests/` over the most lines, and their functions over it, as
/// [`LONG_FILES`] and [`LONG_FUNCTIONS`] write them.
fn long_code(root: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut files, mut functions) = (BTreeSet::new(), BTreeSet::new());
    for folder in ["src", "tests", "crates"] {
        for file in rust_files(&root.join(folder)) {
            let code = std::fs::read_to_string(&file).expect("source files are UTF-8");
            let shown = file.strip_prefix(root).unwrap_or(&file).to_string_lossy().replace('\\', "/");
            if code.lines().count() > MOST_FILE_LINES {
                files.insert(shown.clone());
            }
            functions
                .extend(long_functions(&code, MOST_FUNCTION_LINES).into_iter().map(|name| format!("{shown}: {name}")));
        }
    }
    (files, functions)
}

#[test]
fn no_file_or_function_grows_over_its_most_lines_but_the_listed() {
    let (files, functions) = long_code(Path::new(env!("CARGO_MANIFEST_DIR")));
    for (what, most, found, listed) in
        [("files", MOST_FILE_LINES, files, LONG_FILES), ("functions", MOST_FUNCTION_LINES, functions, LONG_FUNCTIONS)]
    {
        let listed: BTreeSet<String> = listed.iter().map(ToString::to_string).collect();
        let new: Vec<_> = found.difference(&listed).collect();
        assert!(new.is_empty(), "{what} over {most} lines: {new:?}; split them");
        let shrunk: Vec<_> = listed.difference(&found).collect();
        assert!(shrunk.is_empty(), "{what} no longer over {most} lines (or gone): take {shrunk:?} off the list");
    }
}

#[test]
fn measures_a_function_from_its_name_to_its_closing_brace() {
    let code = "pub(crate) fn long(\n    a: u8,\n) -> u8 {\n    let b = a;\n    b\n}\n\
                fn short() {}\nfn declared();\nimpl X {\n    async fn inner() {\n        x();\n        y();\n    }\n}\n";
    assert_eq!(long_functions(code, 5), ["long"]);
    assert_eq!(long_functions(code, 3), ["long", "inner"]);
    assert!(long_functions(code, 6).is_empty());
}

/// The most lines a module's `//!` header may have: what the module is and where to
/// look; how it works inside goes to docs/architecture.md ("Notes by module").
const MOST_HEADER_LINES: usize = 16;

/// The lines of `code`'s module header: the `//!` lines it opens with.
fn header_lines(code: &str) -> usize {
    code.lines().take_while(|line| line.starts_with("//!")).count()
}

#[test]
fn no_module_header_is_over_its_most_lines() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut long = Vec::new();
    for file in source_folders(root).iter().flat_map(|src| rust_files(src)) {
        let code = std::fs::read_to_string(&file).expect("source files are UTF-8");
        if header_lines(&code) > MOST_HEADER_LINES {
            long.push(file.strip_prefix(root).unwrap_or(&file).to_string_lossy().replace('\\', "/"));
        }
    }
    assert!(
        long.is_empty(),
        "module headers over {MOST_HEADER_LINES} lines: {long:?}; move the rest to docs/architecture.md"
    );
    assert_eq!(header_lines("//! One.\n//!\n//! Two.\n\nuse x;\n//! not a header\n"), 3);
}
