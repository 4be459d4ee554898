//! The compatibility layer's boundary: what opsbook knows of the old tools (Hugo,
//! MkDocs, Docusaurus, Jekyll, Eleventy, Middleman, mdBook, GitBook) stays in
//! `src/compat/`, and the core sees only the rules and pages the layer hands it.
//!
//! Two tests read the source files as the module graph does:
//! 1. no identifier in the core's code names an old tool, case-insensitive; comments,
//!    string and character literals (user-facing messages) and test code (`tests.rs`,
//!    `*_tests.rs`, `tests/` and `*_tests/` folders, items under `#[cfg(test)]`) are
//!    left out;
//! 2. no core file refers to `crate::compat` but [`ENTRY`], which builds the chosen
//!    tool's rules.
//!
//! Each holds the list of today's remaining offenders, which can only shrink: a file
//! with more than its entry allows fails, and so does an entry no longer needed, so
//! that each step of moving code behind the layer lowers the list with it.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Graph, crate_references, rust_files, shown_in, source_folders, workspace_root};

/// The old tools, as identifiers may name them (compared lowercased).
const TOOLS: [&str; 8] = ["hugo", "mkdocs", "docusaurus", "jekyll", "eleventy", "middleman", "mdbook", "gitbook"];

/// The one core file that builds the chosen tool's rules from the layer.
const ENTRY: &str = "pipeline/steps.rs";

/// Core files (relative to `src/`) whose code names an old tool, each with the number
/// of identifiers that do: today's offenders, to be moved behind the layer.
const NAMING_TOOLS: &[(&str, usize)] = &[];

/// Core files (relative to `src/`) that still refer to `crate::compat` besides
/// [`ENTRY`]: today's offenders, to reach the layer through the rules it hands over.
const REACHING_COMPAT: &[&str] = &[];

/// `text` with its comments and the contents of its string and character literals
/// blanked (newlines kept, so lines keep their numbers).
pub(super) fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let before = if i > 0 { Some(chars[i - 1]) } else { None };
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r'
            && !before.is_some_and(|b| is_ident(b) && b != 'b')
            && raw_string_hashes(&chars[i + 1..]).is_some()
        {
            let hashes = raw_string_hashes(&chars[i + 1..]).unwrap_or(0);
            let close: Vec<char> = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            out.push('r');
            i += 1 + hashes + 1;
            out.extend(std::iter::repeat_n(' ', hashes + 1));
            while i < chars.len() && !chars[i..].starts_with(&close) {
                out.push(blank(chars[i]));
                i += 1;
            }
            out.extend(std::iter::repeat_n(' ', close.len().min(chars.len() - i)));
            i += close.len();
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let skip = if chars[i] == '\\' { 2 } else { 1 };
                for _ in 0..skip.min(chars.len() - i) {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            let end = (i + 1..chars.len()).skip(if next == Some('\\') { 2 } else { 1 }).find(|&j| chars[j] == '\'');
            let end = end.unwrap_or(chars.len() - 1);
            out.extend(std::iter::repeat_n(' ', end + 1 - i));
            i = end + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The number of `#` of a raw string whose `r` comes just before `rest`, if it is one.
fn raw_string_hashes(rest: &[char]) -> Option<usize> {
    let hashes = rest.iter().take_while(|c| **c == '#').count();
    (rest.get(hashes) == Some(&'"')).then_some(hashes)
}

/// `code` (from [`code_only`]) with every item under `#[cfg(test)]` blanked: the
/// attribute, any attributes after it, and the item up to its `;` or its closing brace.
pub(super) fn without_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut bytes = code.as_bytes().to_vec();
    let mut from = 0;
    while let Some(at) = code[from..].find(MARK).map(|p| p + from) {
        let mut depth = 0usize;
        let mut end = code.len();
        for (j, b) in code.bytes().enumerate().skip(at + MARK.len()) {
            match b {
                b'{' => depth += 1,
                b'}' if depth == 1 => {
                    end = j + 1;
                    break;
                }
                b'}' => depth = depth.saturating_sub(1),
                b';' if depth == 0 => {
                    end = j + 1;
                    break;
                }
                _ => {}
            }
        }
        for b in &mut bytes[at..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    String::from_utf8(bytes).expect("only ASCII bytes were replaced, by ASCII")
}

/// The identifiers of `code` that name an old tool, with their lines.
fn tool_identifiers(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        for word in line.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
            let lower = word.to_lowercase();
            if TOOLS.iter().any(|tool| lower.contains(tool)) {
                found.push((n + 1, word.to_string()));
            }
        }
    }
    found
}

/// Whether `shown` (relative to `src/`) is test code as a whole, or out of the core.
fn outside_the_core(shown: &str) -> bool {
    let parts: Vec<&str> = shown.split('/').collect();
    matches!(parts[0], "compat" | "module_graph" | "test_support" | "main.rs")
        || parts.iter().any(|p| *p == "tests" || *p == "tests.rs" || p.ends_with("_tests") || p.ends_with("_tests.rs"))
}

/// The core's source files in the workspace at `root`, relative to their crate's `src/`
/// with `/`, with their text.
fn core_files(root: &Path) -> Vec<(String, String)> {
    let folders = source_folders(root);
    let mut files: Vec<(String, String)> = folders
        .iter()
        .flat_map(|src| rust_files(src))
        .map(|file| (shown_in(&folders, &file), std::fs::read_to_string(&file).expect("source files are UTF-8")))
        .filter(|(shown, _)| !outside_the_core(shown))
        .collect();
    files.sort();
    files
}

/// Leaves out of `graph` the edges into `compat` that [`REACHING_COMPAT`] still allows
/// and those of test code (which may build a tool's rules to test the core with them),
/// so that the cycle check holds the rest of the graph to its order meanwhile.
pub(super) fn drop_allowed_compat_edges(graph: &mut Graph) {
    for edges in graph.values_mut() {
        if let Some(files) = edges.get_mut("compat") {
            files.retain(|file| !REACHING_COMPAT.contains(&file.as_str()) && !outside_the_core(file));
            if files.is_empty() {
                edges.remove("compat");
            }
        }
    }
}

/// What a list of offenders should be, against what it is: the problems, one a line.
fn compare_with_list(found: &BTreeMap<String, usize>, listed: &[(&str, usize)], what: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, count) in found {
        match listed.iter().find(|(f, _)| f == file) {
            None => problems.push(format!("{file}: {count} {what}, and it is not on the list")),
            Some((_, allowed)) if count > allowed => {
                problems.push(format!("{file}: {count} {what}, the list allows {allowed}"))
            }
            Some((_, allowed)) if count < allowed => {
                problems.push(format!("{file}: {count} {what} now, lower its entry from {allowed}"))
            }
            Some(_) => {}
        }
    }
    for (file, _) in listed.iter().filter(|(f, _)| !found.contains_key(*f)) {
        problems.push(format!("{file}: no longer needed, remove its entry"));
    }
    problems
}

#[test]
fn core_code_names_no_old_tool_beyond_the_list() {
    let mut found = BTreeMap::new();
    let mut places = Vec::new();
    for (shown, text) in core_files(workspace_root()) {
        let named = tool_identifiers(&without_test_items(&code_only(&text)));
        if !named.is_empty() {
            places.extend(named.iter().map(|(line, word)| format!("  {shown}:{line}: {word}")));
            found.insert(shown, named.len());
        }
    }
    let problems = compare_with_list(&found, NAMING_TOOLS, "identifiers naming an old tool");
    let list: Vec<String> = found.iter().map(|(f, n)| format!("    (\"{f}\", {n}),")).collect();
    assert!(
        problems.is_empty(),
        "{}\nthe places:\n{}\nthe list as it is now:\n{}",
        problems.join("\n"),
        places.join("\n"),
        list.join("\n")
    );
}

#[test]
fn only_the_entry_reaches_the_compatibility_layer_beyond_the_list() {
    let found: BTreeMap<String, usize> = core_files(workspace_root())
        .into_iter()
        .filter(|(shown, text)| shown != ENTRY && crate_references(text).contains("compat"))
        .map(|(shown, _)| (shown, 1))
        .collect();
    let listed: Vec<(&str, usize)> = REACHING_COMPAT.iter().map(|f| (*f, 1)).collect();
    let problems = compare_with_list(&found, &listed, "file refers to crate::compat");
    let list: Vec<String> = found.keys().map(|f| format!("    \"{f}\",")).collect();
    assert!(problems.is_empty(), "{}\nthe list as it is now:\n{}", problems.join("\n"), list.join("\n"));
}

#[test]
fn blanks_comments_and_literals_but_keeps_lines() {
    let code = "let hugo = 1; // mkdocs\nlet s = \"jekyll \\\" x\"; let c = '\"'; let r = r#\"a \"mdbook\" b\"#;\n\
                /* gitbook /* nested */ still */ fn f<'a>(x: &'a Eleventy) {}";
    let blanked = code_only(code);
    assert_eq!(blanked.lines().count(), code.lines().count());
    let words: Vec<String> =
        tool_identifiers(&blanked).into_iter().map(|(line, word)| format!("{line}:{word}")).collect();
    assert_eq!(words, ["1:hugo", "3:Eleventy"]);
}

#[test]
fn leaves_out_items_under_cfg_test() {
    let code = "fn a() { Hugo }\n#[cfg(test)]\nuse crate::jekyll;\n#[cfg(test)]\n#[allow(dead_code)]\nmod tests {\n    fn b() { if x { Mkdocs } }\n}\nfn c() { Docusaurus }";
    let words: Vec<String> =
        tool_identifiers(&without_test_items(code)).into_iter().map(|(line, word)| format!("{line}:{word}")).collect();
    assert_eq!(words, ["1:Hugo", "9:Docusaurus"]);
}

#[test]
fn a_list_may_only_shrink() {
    let found = BTreeMap::from([("a.rs".to_string(), 2), ("b.rs".to_string(), 1), ("c.rs".to_string(), 3)]);
    let problems = compare_with_list(&found, &[("a.rs", 2), ("b.rs", 3), ("d.rs", 1), ("c.rs", 1)], "names");
    assert_eq!(
        problems,
        [
            "b.rs: 1 names now, lower its entry from 3",
            "c.rs: 3 names, the list allows 1",
            "d.rs: no longer needed, remove its entry"
        ]
    );
}
