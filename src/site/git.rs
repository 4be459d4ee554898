//! Last-updated dates from git, read in one pass: one `git rev-parse` to find where the
//! handbook sits in its repository, and one `git log` over the whole history, newest
//! first, whose first mention of each file is its last change. Never one process per
//! file. No git, no repository or no history: no dates and no error. A shallow clone
//! gives dates that may be too recent, which the build warns about once. A folder
//! mounted by `[[sources]]` that is a repository of its own (a submodule, a nested
//! clone) has its history read the same way, in that repository. `check` also
//! asks `git ls-files` which files the repository has ([`list_files`]), for the
//! CODEOWNERS lint.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::dates::Timestamp;

/// The last change of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// When it was committed.
    pub date: Timestamp,
    /// The commit's full hash.
    pub commit: String,
}

/// Where the handbook sits in its repository.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Location {
    /// The repository's top folder.
    pub toplevel: std::path::PathBuf,
    /// The handbook root's path inside the repository (`""` or `docs/handbook/`).
    pub prefix: String,
    /// Whether the repository is a shallow clone.
    pub shallow: bool,
}

/// The last changes of the handbook's files: path relative to the handbook root -> change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitDates {
    /// Path relative to the handbook root -> its last change.
    pub changes: HashMap<String, Change>,
}

/// Finds the repository holding `root`; `None` without git or outside a repository.
pub(crate) fn locate(root: &Path) -> Option<Location> {
    let output = git(root)
        .args(["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut lines = text.lines();
    let toplevel = lines.next()?.into();
    let prefix = lines.next().unwrap_or_default().to_string();
    let shallow = lines.next() == Some("true");
    Some(Location { toplevel, prefix, shallow })
}

/// The files of the repository at `toplevel`, from its root: those git tracks and the
/// new ones it does not ignore; `None` when git cannot list them.
pub(crate) fn list_files(toplevel: &Path) -> Option<Vec<String>> {
    let output = git(toplevel)
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut files: Vec<String> = text.split('\0').filter(|f| !f.is_empty()).map(str::to_string).collect();
    files.dedup();
    Some(files)
}

/// Reads the whole history under `root` in one `git log`.
pub(crate) fn read_git_dates(root: &Path) -> GitDates {
    let log = git(root)
        .args(["log", "--no-renames", "--relative", "--name-only", "--format=%x1e%H %ct", "--", "."])
        .stderr(Stdio::null())
        .output();
    match log {
        Ok(log) if log.status.success() => GitDates { changes: parse_log(&String::from_utf8_lossy(&log.stdout)) },
        _ => GitDates::default(),
    }
}

/// The repositories of the folders `[[sources]]` mounts, in their order: the
/// [`Location`] of each folder that is in a repository of its own (a nested clone or a
/// submodule), `None` for one in the handbook's repository (`main`), whose history the
/// handbook's `git log` already reads, or in none.
pub(crate) fn locate_sources(root: &Path, folders: &[String], main: Option<&Location>) -> Vec<Option<Location>> {
    use rayon::prelude::*;
    // One `git rev-parse` per folder, side by side (a platform may mount twenty).
    folders
        .par_iter()
        .map(|folder| {
            let found = locate(&root.join(folder))?;
            (main.is_none_or(|main| main.toplevel != found.toplevel)).then_some(found)
        })
        .collect()
}

/// Reads the history of the mounted folder `folder` (relative to `root`) in its own
/// repository, keyed like the handbook's: by the path from the handbook root.
pub(crate) fn read_source_dates(root: &Path, folder: &str) -> GitDates {
    let dates = read_git_dates(&root.join(folder));
    GitDates { changes: dates.changes.into_iter().map(|(path, change)| (format!("{folder}/{path}"), change)).collect() }
}

fn git(root: &Path) -> Command {
    let mut command = Command::new("git");
    command.arg("-C").arg(root).args(["-c", "core.quotepath=off"]);
    command.stdin(Stdio::null());
    command
}

/// Parses `git log --name-only --format=%x1e%H %ct`: records start with `\x1e`, then the
/// hash and time, then the files the commit changed. The newest mention of a file wins.
pub(crate) fn parse_log(text: &str) -> HashMap<String, Change> {
    let mut changes = HashMap::new();
    for record in text.split('\x1e').filter(|r| !r.trim().is_empty()) {
        let mut lines = record.lines();
        let Some(header) = lines.next() else { continue };
        let Some((hash, time)) = header.split_once(' ') else { continue };
        let Ok(seconds) = time.trim().parse::<i64>() else { continue };
        for file in lines.map(str::trim).filter(|l| !l.is_empty()) {
            let file = unquote(file);
            changes
                .entry(file)
                .or_insert_with(|| Change { date: Timestamp::from_seconds(seconds), commit: hash.to_string() });
        }
    }
    changes
}

/// Undoes git's C-style quoting of unusual file names (`"a\"b.md"`).
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else { return name.to_string() };
    let mut bytes = Vec::new();
    let mut chars = inner.bytes();
    while let Some(b) = chars.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut value = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(d @ b'0'..=b'7') = chars.clone().next() {
                        chars.next();
                        value = value * 8 + u32::from(d - b'0');
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_mention_of_a_file_wins() {
        let log = "\x1eaaa 200\n\ncontent/a.md\n\x1ebbb 100\n\ncontent/a.md\ncontent/b.md\n";
        let changes = parse_log(log);
        assert_eq!(changes["content/a.md"], Change { date: Timestamp::from_seconds(200), commit: "aaa".into() });
        assert_eq!(changes["content/b.md"].commit, "bbb");
    }

    #[test]
    fn unquotes_unusual_names() {
        assert_eq!(unquote("\"a\\\"b.md\""), "a\"b.md");
        assert_eq!(unquote("\"\\303\\234ber.md\""), "Über.md");
        assert_eq!(unquote("plain.md"), "plain.md");
    }
}
