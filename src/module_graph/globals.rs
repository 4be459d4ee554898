//! No process-global mutable state: a build's state (its progress, the PlantUML program,
//! its memos) is a value the command lends it, so two builds in one process (`serve`'s
//! rebuilds, the tests) share nothing by accident. A `static` of the crate's code may be
//! a constant, a table, or a value set once (`OnceLock`, `LazyLock`, `Once`), never a
//! lock, an atomic or a cell; a `thread_local!` (a thread's scratch) and test code are
//! left out.

use super::boundary::{code_only, without_test_items};
use super::{rust_files, shown_in, source_folders, workspace_root};

/// What a `static`'s type may not name: what makes it changeable after it is set.
const CHANGEABLE: [&str; 4] = ["Mutex", "RwLock", "Atomic", "Cell"];

/// The `static` items of `code` (from [`code_only`], test items blanked) whose type is
/// changeable, outside `thread_local!` blocks, with their lines.
fn changeable_statics(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut thread_local_indent: Option<usize> = None;
    for (n, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(open) = thread_local_indent {
            if indent == open && trimmed.starts_with('}') {
                thread_local_indent = None;
            }
            continue;
        }
        if trimmed.starts_with("thread_local!") {
            thread_local_indent = Some(indent);
            continue;
        }
        let mut rest = trimmed;
        for qualifier in ["pub(crate) ", "pub(super) ", "pub "] {
            rest = rest.strip_prefix(qualifier).unwrap_or(rest);
        }
        let Some(item) = rest.strip_prefix("static ") else { continue };
        let Some((name, kind)) = item.split_once(':') else { continue };
        let kind = kind.split('=').next().unwrap_or(kind);
        if CHANGEABLE.iter().any(|word| kind.contains(word)) {
            found.push((n + 1, name.trim().to_string()));
        }
    }
    found
}

#[test]
fn no_static_of_the_crate_holds_changeable_state() {
    let folders = source_folders(workspace_root());
    let mut places = Vec::new();
    for file in folders.iter().flat_map(|src| rust_files(src)) {
        let shown = shown_in(&folders, &file);
        if shown.ends_with("tests.rs")
            || shown.contains("/tests/")
            || shown.starts_with("module_graph/")
            || shown.starts_with("test_support")
        {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source files are UTF-8");
        let code = without_test_items(&code_only(&text));
        places.extend(changeable_statics(&code).into_iter().map(|(line, name)| format!("  {shown}:{line}: {name}")));
    }
    assert!(
        places.is_empty(),
        "process-global changeable state; make it a value the build or the command owns:\n{}",
        places.join("\n")
    );
}

#[test]
fn finds_changeable_statics_and_only_them() {
    let code = "static A: Mutex<u8> = Mutex::new(0);\npub(crate) static B: &str = \"x\";\n\
                fn f() {\n    static C: AtomicBool = AtomicBool::new(false);\n    static D: OnceLock<u8> = OnceLock::new();\n}\n\
                thread_local! {\n    static E: Cell<usize> = const { Cell::new(0) };\n}\n\
                static F: LazyLock<Mutex<Vec<u8>>> = LazyLock::new(Default::default);\nstatic G: Once = Once::new();\n";
    let found: Vec<String> =
        changeable_statics(code).into_iter().map(|(line, name)| format!("{line}:{name}")).collect();
    assert_eq!(found, ["1:A", "4:C", "10:F"]);
}
