//! `cargo install --locked opsbook` builds from the packaged crate, not from this
//! repository: the package must carry every file the binary embeds. This test asks
//! `cargo package --list` what the package holds (no build, no network), finds every
//! file the code embeds (each `include_str!`/`include_bytes!` of a literal path, and,
//! for one whose path is a `concat!` of a literal folder and macro arguments, every file
//! below that folder) and every input of a build script, and checks each is listed;
//! and that the package carries the built-in theme, the starter handbook (`opsbook
//! init`), the page templates (`opsbook new`) and the lock file `--locked` installs with;
//! and that the test hooks (the lower crates' feature `test-hooks`) are on in the tests'
//! build only.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The repository's folder.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What `cargo ARGS` prints in the repository, which must succeed.
fn cargo(args: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo).args(args).current_dir(repo()).output().expect("run cargo");
    assert!(output.status.success(), "cargo {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The files `cargo package --list` says the package holds, as slash paths.
fn packaged() -> BTreeSet<String> {
    cargo(&["package", "--list", "--allow-dirty", "--offline"]).lines().map(str::to_string).collect()
}

/// The lower crates whose feature `test-hooks` cargo turns on when it follows the
/// dependency edges `edges` from opsbook (`cargo tree`: resolved from the manifest,
/// nothing built).
fn crates_with_test_hooks(edges: &str) -> BTreeSet<String> {
    let tree = cargo(&[
        "tree",
        "--offline",
        "-p",
        "opsbook",
        "--depth",
        "1",
        "--prefix",
        "none",
        "-e",
        edges,
        "-f",
        "{p}|{f}",
    ]);
    let hooked = tree.lines().filter_map(|line| line.split_once('|')).filter(|(_, features)| {
        features.split(|c: char| c == ',' || c.is_whitespace()).any(|feature| feature == "test-hooks")
    });
    hooked.filter_map(|(package, _)| package.split_whitespace().next()).map(str::to_string).collect()
}

#[test]
fn the_test_hooks_are_in_the_tests_binary_and_not_in_the_shipped_one() {
    // `cargo build`, `cargo run` and `cargo install` follow no dev-dependency.
    assert_eq!(
        crates_with_test_hooks("normal,build"),
        BTreeSet::new(),
        "the shipped binary would read the tests' variables"
    );
    // `cargo test` does, and opsbook's dev-dependencies turn every lower crate's hooks
    // on (that the binary honours them: hostile `panics` and `serve`).
    let lower = ["opsbook-content", "opsbook-core", "opsbook-markdown", "opsbook-search"];
    assert_eq!(
        crates_with_test_hooks("normal,build,dev"),
        lower.map(String::from).into(),
        "the tests' binary would ignore OPSBOOK_TEST_PANIC"
    );
}

/// Every file below `dir` (relative to the repository), as slash paths.
fn files_below(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![repo().join(dir)];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(slash(path.strip_prefix(repo()).expect("below the repository")));
            }
        }
    }
    found.sort();
    found
}

/// `path` with `/` between its parts.
fn slash(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// `relative` read from the folder `dir` of the repository, without `.` and `..`.
fn resolve(dir: &Path, relative: &str) -> PathBuf {
    let mut path = PathBuf::new();
    for component in dir.join(relative).components() {
        match component {
            Component::ParentDir => assert!(path.pop(), "{relative} leaves the repository"),
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    path
}

/// The `.rs` files below `src/` that are compiled into the binary: test modules
/// (`tests.rs`, `tests/`) embed fixtures only their tests need.
fn source_files() -> Vec<String> {
    files_below(Path::new("src"))
        .into_iter()
        .filter(|p| {
            p.ends_with(".rs") && !p.ends_with("/tests.rs") && !p.contains("/tests/") && !p.contains("/test_support/")
        })
        .collect()
}

/// The string literals at the start of `argument` (the text inside an include macro's
/// parentheses): one for a literal path; for `concat!(...)`, the literals before the
/// first part that is not one, concatenated, and whether the path goes on past them.
fn literal_prefix(argument: &str) -> (String, bool) {
    let argument = argument.trim();
    let (mut rest, is_concat) = match argument.strip_prefix("concat!(") {
        Some(inner) => (inner, true),
        None => (argument, false),
    };
    let mut prefix = String::new();
    loop {
        rest = rest.trim_start().trim_start_matches(',').trim_start();
        let Some(literal) = rest.strip_prefix('"') else { break };
        let end = literal.find('"').expect("a closed literal");
        prefix.push_str(&literal[..end]);
        rest = &literal[end + 1..];
    }
    let goes_on = is_concat && !rest.trim_start().trim_start_matches(',').trim().starts_with(')');
    (prefix, goes_on)
}

/// Every embedding in `text` of the file `file`: what it includes, as a file (`false`)
/// or as every file below a folder (`true`).
fn embeddings(file: &str, text: &str) -> Vec<(String, bool)> {
    let dir = Path::new(file).parent().expect("a folder");
    let mut found = Vec::new();
    for mac in ["include_str!(", "include_bytes!("] {
        for (at, _) in text.match_indices(mac) {
            let argument = &text[at + mac.len()..];
            let (prefix, goes_on) = literal_prefix(argument);
            assert!(!prefix.is_empty(), "{file}: an embedding whose path does not begin with a literal");
            if goes_on {
                let folder = &prefix[..prefix.rfind('/').map_or(0, |slash| slash + 1)];
                found.push((slash(&resolve(dir, folder)), true));
            } else {
                found.push((slash(&resolve(dir, &prefix)), false));
            }
        }
    }
    found
}

#[test]
fn the_package_carries_every_file_the_binary_embeds() {
    let listed = packaged();
    let mut missing = Vec::new();
    let mut embedded = 0;
    for file in source_files() {
        let text = std::fs::read_to_string(repo().join(&file)).expect("read a source file");
        for (path, folder) in embeddings(&file, &text) {
            let wanted = if folder { files_below(Path::new(&path)) } else { vec![path.clone()] };
            assert!(!wanted.is_empty(), "{file} embeds files below {path}, which holds none");
            for wanted in wanted {
                assert!(repo().join(&wanted).is_file(), "{file} embeds {wanted}, which is not a file");
                embedded += 1;
                if !listed.contains(&wanted) {
                    missing.push(format!("{wanted} (embedded by {file})"));
                }
            }
        }
    }
    // A build script's inputs: the script itself and whatever it says to watch.
    if repo().join("build.rs").is_file() {
        let script = std::fs::read_to_string(repo().join("build.rs")).expect("read build.rs");
        for (at, _) in script.match_indices("rerun-if-changed=") {
            let rest = &script[at + "rerun-if-changed=".len()..];
            let path = &rest[..rest.find(['"', '\n', '}']).unwrap_or(rest.len())];
            // A path the script formats at build time (`{}`) lies outside the package:
            // the checkout's git files, which a packaged crate has none of.
            if path.starts_with('{') {
                continue;
            }
            if !listed.contains(path) && !listed.iter().any(|l| l.starts_with(&format!("{path}/"))) {
                missing.push(format!("{path} (an input of build.rs)"));
            }
        }
        if !listed.contains("build.rs") {
            missing.push("build.rs".into());
        }
    }
    assert!(embedded > 50, "found only {embedded} embedded files: is the scan still right?");
    assert!(missing.is_empty(), "the package leaves out what the binary embeds:\n{}", missing.join("\n"));
}

#[test]
fn the_package_carries_the_theme_the_starter_and_the_page_templates() {
    let listed = packaged();
    for folder in ["themes/default", "starter", "content/templates"] {
        for file in files_below(Path::new(folder)) {
            assert!(listed.contains(&file), "the package leaves out {file}");
        }
    }
    for file in ["Cargo.toml", "Cargo.lock", "README.md", "src/main.rs", "src/lib.rs"] {
        assert!(listed.contains(file), "the package leaves out {file}");
    }
}

#[test]
fn the_package_leaves_out_what_only_the_repository_needs() {
    let listed = packaged();
    for prefix in ["tests/", "bench/", "fuzz/", ".ci/", "target/"] {
        let found: Vec<_> = listed.iter().filter(|l| l.starts_with(prefix)).take(3).collect();
        assert!(found.is_empty(), "the package carries {found:?}");
    }
}

#[test]
fn literal_prefixes_are_read_from_literals_and_concats() {
    assert_eq!(literal_prefix("\"../a/b.js\")"), ("../a/b.js".to_string(), false));
    assert_eq!(
        literal_prefix("concat!(\"../../themes/default/\", $kind, \"/\", $name))"),
        ("../../themes/default/".into(), true)
    );
    assert_eq!(literal_prefix("concat!(\"../x\", \"/y.txt\"))"), ("../x/y.txt".into(), false));
    let found =
        embeddings("src/render/theme.rs", "include_bytes!(concat!(\"../../themes/default/\", $kind, \"/\", $name))");
    assert_eq!(found, vec![("themes/default".to_string(), true)]);
    assert_eq!(
        embeddings("src/serve/live.rs", "include_str!(\"live.js\")"),
        vec![("src/serve/live.js".to_string(), false)]
    );
}
