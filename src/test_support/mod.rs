//! Helpers for the unit tests of several modules: fixture handbooks copied into fresh
//! temporary folders. Compiled only for tests.

use std::path::{Path, PathBuf};

/// A copy of `tests/fixtures/<fixture>` in a fresh temporary folder named after `name`.
pub(crate) fn fixture_copy(fixture: &str, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
    let root = std::env::temp_dir().join(format!("opsbook-{fixture}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("fixture entry");
        let to = root.join(entry.path().strip_prefix(&from).expect("inside the fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("folder");
        } else {
            std::fs::copy(entry.path(), &to).expect("file");
        }
    }
    root
}

/// A fresh empty temporary folder named after `name`.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("opsbook-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("folder");
    root
}

pub(crate) mod hostile_text;
