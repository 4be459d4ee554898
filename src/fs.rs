//! File-system helpers whose errors name the path they failed on, and the two ways a
//! path is written for people: with `/` separators, and relative to the current folder.

use std::path::Path;

use anyhow::{Context, Result};

/// Reads a whole file as bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Writes a whole file, creating its parent folders.
pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Creates a folder and its parents.
pub(crate) fn create_dir_all(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create folder {}", path.display()))
}

/// Copies one file, creating the target's parent folders.
pub(crate) fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// Removes a folder and everything in it; a missing folder is fine.
pub(crate) fn remove_dir_all(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Removes a large folder (a previous build's output), its top-level entries in
/// parallel. Missing is fine.
pub(crate) fn remove_tree_in_parallel(path: &Path) -> Result<()> {
    use rayon::prelude::*;
    let entries: Vec<_> = match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|entry| entry.ok()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
    };
    entries.par_iter().try_for_each(|entry| {
        let inner = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            remove_dir_all(&inner)
        } else {
            std::fs::remove_file(&inner).with_context(|| format!("cannot remove {}", inner.display()))
        }
    })?;
    remove_dir_all(path)
}

/// Renames a file or folder.
pub(crate) fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).with_context(|| format!("cannot move {} to {}", from.display(), to.display()))
}

/// A folder as the user would like to read it in a message: relative to the current
/// folder when it is inside it (`public/`, `.`), else as it is.
pub(crate) fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = slash_path(relative.as_deref().unwrap_or(path));
    if shown.is_empty() { ".".into() } else { format!("{}/", shown.trim_end_matches('/')) }
}

/// A path as a string with `/` separators, for diagnostics and URLs.
pub(crate) fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_folders_relative_to_the_current_one() {
        let here = std::env::current_dir().expect("the tests run in a folder");
        assert_eq!(shown_path(&here), ".");
        assert_eq!(shown_path(&here.join("public")), "public/");
        assert_eq!(shown_path(&here.join("a").join("b")), "a/b/");
    }

    #[test]
    fn shows_folders_elsewhere_as_they_are() {
        let elsewhere = std::env::temp_dir().join("opsbook-shown-path");
        if std::env::current_dir().is_ok_and(|cwd| !elsewhere.starts_with(cwd)) {
            assert_eq!(shown_path(&elsewhere), format!("{}/", slash_path(&elsewhere)));
        }
    }
}
