//! The files the dev server serves: kept in memory (pages, generated files) or read from
//! disk when asked (assets and static files, which are copied as they are).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use anyhow::Result;

use crate::build::output::Sink;

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Served {
    /// Bytes built in memory.
    Bytes(Arc<[u8]>),
    /// A file on disk, served as it is, with its modification time when it was added
    /// (so a changed file counts as a change).
    File(PathBuf, Option<SystemTime>),
}

impl Served {
    /// The file's bytes.
    pub fn read(&self) -> std::io::Result<Arc<[u8]>> {
        match self {
            Served::Bytes(bytes) => Ok(Arc::clone(bytes)),
            Served::File(path, _) => std::fs::read(path).map(Arc::from),
        }
    }
}

/// Site path -> file.
pub type SiteFiles = HashMap<String, Served>;

/// A [`Sink`] that keeps the files in memory.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: Mutex<SiteFiles>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> SiteFiles {
        self.files.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A site path checked as the build's output checks it, so the dev server serves no
/// file that a build would refuse to write.
fn checked(site_path: &str) -> Result<String> {
    match crate::site_path::check(site_path) {
        Ok(()) => Ok(site_path.to_string()),
        Err(problem) => anyhow::bail!("refusing to serve {site_path:?}: {problem}"),
    }
}

impl Sink for MemorySink {
    fn write(&self, site_path: &str, contents: &[u8]) -> Result<()> {
        let site_path = checked(site_path)?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(site_path, Served::Bytes(Arc::from(contents)));
        Ok(())
    }

    fn copy(&self, from: &Path, site_path: &str) -> Result<()> {
        let site_path = checked(site_path)?;
        let modified = std::fs::metadata(from).and_then(|m| m.modified()).ok();
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(site_path, Served::File(from.to_path_buf(), modified));
        Ok(())
    }
}

/// The site paths whose files differ between two versions of a site (added, removed or
/// changed).
pub fn changed_paths(before: &SiteFiles, after: &SiteFiles) -> Vec<String> {
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(path, file)| before.get(*path) != Some(*file))
        .map(|(path, _)| path.clone())
        .chain(before.keys().filter(|path| !after.contains_key(*path)).cloned())
        .collect();
    changed.sort();
    changed
}
