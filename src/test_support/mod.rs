//! Helpers for the unit tests of several modules: fixture handbooks copied into fresh
//! temporary folders, removed when the test is done with them. Compiled only for tests.

use std::path::{Path, PathBuf};

/// A temporary folder a test made, removed with everything in it when the value is
/// dropped (at the end of the test, passed or failed), so test runs leave nothing in
/// the system's temporary folder. It derefs to its path.
#[derive(Debug)]
pub(crate) struct TempFolder(PathBuf);

impl std::ops::Deref for TempFolder {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for TempFolder {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempFolder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A copy of `tests/fixtures/<fixture>` in a fresh temporary folder named after `name`.
pub(crate) fn fixture_copy(fixture: &str, name: &str) -> TempFolder {
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
    TempFolder(root)
}

/// A fresh empty temporary folder named after `name`.
pub(crate) fn temp_dir(name: &str) -> TempFolder {
    let root = std::env::temp_dir().join(format!("opsbook-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("folder");
    TempFolder(root)
}

pub(crate) mod hostile_text;
