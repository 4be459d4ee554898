//! The files the dev server serves, kept in memory: the pages and extra files as
//! built, and the files copied as they are (assets, static and theme files) as they were
//! when the site was built. So while a change has errors, the last good site is served
//! whole: an image deleted or changed since shows as it was until the next good build.
//! Only files over [`SNAPSHOT_LIMIT`] are read from disk when asked, and only while the
//! path still leads to the file the build read ([`FileId`]): another file put there
//! since, a symbolic link out of the handbook included, is not answered.
//!
//! A rebuild reuses the bytes kept of a file whose size and modification time did not
//! change, so it reads only what changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use anyhow::{Context, Result};

use crate::fs::Confined;
use crate::pipeline::output::Sink;
use crate::site::Public;

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Served {
    /// Bytes built in memory.
    Bytes(Arc<[u8]>),
    /// A file copied as it is: its bytes when the site was built, where they came from
    /// and that file's modification time then.
    Copied(Confined, Option<SystemTime>, Arc<[u8]>),
    /// A file too large to keep, read from disk when asked, with its modification time
    /// when it was added (so a changed file counts as a change) and which file it was.
    File(Confined, Option<SystemTime>, FileId),
}

/// Which file a path led to when the build read it: its device and inode (elsewhere
/// than on Unix, the path with every symbolic link resolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The file `metadata` describes, found at `path`.
    #[cfg(unix)]
    fn of(metadata: &std::fs::Metadata, _path: &Path) -> std::io::Result<FileId> {
        use std::os::unix::fs::MetadataExt as _;
        Ok(FileId((metadata.dev(), metadata.ino())))
    }

    /// The file `metadata` describes, found at `path`.
    #[cfg(not(unix))]
    fn of(_metadata: &std::fs::Metadata, path: &Path) -> std::io::Result<FileId> {
        std::fs::canonicalize(path).map(FileId)
    }
}

/// The largest file copied as it is whose bytes are kept in memory.
pub(crate) const SNAPSHOT_LIMIT: u64 = 16 * 1024 * 1024;

impl Served {
    /// The file's bytes.
    pub(crate) fn read(&self) -> std::io::Result<Arc<[u8]>> {
        match self {
            Served::Bytes(bytes) | Served::Copied(_, _, bytes) => Ok(Arc::clone(bytes)),
            Served::File(path, _, id) => read_same_file(path, id).map(Arc::from),
        }
    }

    /// The file on disk it was copied from, if it was.
    pub(crate) fn source(&self) -> Option<&Path> {
        match self {
            Served::Bytes(_) => None,
            Served::Copied(from, _, _) | Served::File(from, _, _) => Some(from.path()),
        }
    }
}

/// The bytes of the file at `path` when it is still the file `id` names: opened once,
/// and that open file compared, so nothing put at the path in between is read.
fn read_same_file(confined: &Confined, id: &FileId) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let kind = crate::fs::FileKind::Asset;
    let path = confined.path();
    let (file, len) = crate::fs::open_regular(confined, kind).map_err(std::io::Error::other)?;
    if FileId::of(&file.metadata()?, path)? != *id {
        return Err(std::io::Error::other(format!("{} is another file than the build read", path.display())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(kind.max_bytes()).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Site path -> file.
pub(crate) type SiteFiles = crate::hash::FastHashMap<String, Served>;

/// A [`Sink`] that keeps the files in memory.
#[derive(Debug, Default)]
pub(crate) struct MemorySink {
    files: Mutex<SiteFiles>,
    /// The bytes kept from the previous build, by the file they were copied from.
    kept: HashMap<PathBuf, (Option<SystemTime>, Arc<[u8]>)>,
}

impl MemorySink {
    /// A sink that reuses the bytes `previous` kept of files that did not change.
    pub(crate) fn reusing(previous: &SiteFiles) -> MemorySink {
        let kept = previous
            .values()
            .filter_map(|file| match file {
                Served::Copied(from, Some(modified), bytes) => {
                    Some((from.path().to_path_buf(), (Some(*modified), Arc::clone(bytes))))
                }
                _ => None,
            })
            .collect();
        MemorySink { files: Mutex::default(), kept }
    }

    /// The files written so far.
    pub(crate) fn into_files(self) -> SiteFiles {
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
    fn write(&self, site_path: &str, contents: Public<&[u8]>) -> Result<()> {
        let contents = contents.into_inner();
        let site_path = checked(site_path)?;
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(site_path, Served::Bytes(Arc::from(contents)));
        Ok(())
    }

    fn copy(&self, from: Public<&Confined>, site_path: &str) -> Result<()> {
        let confined = from.into_inner();
        let from = confined;
        let from = from.path();
        let site_path = checked(site_path)?;
        let metadata = std::fs::metadata(from).with_context(|| format!("cannot read {}", from.display()))?;
        if !metadata.is_file() {
            let why = crate::fs::ReadError::NotRegular(crate::fs::describe(metadata.file_type()));
            return Err(why).with_context(|| format!("cannot read {}", from.display()));
        }
        let modified = metadata.modified().ok();
        let served = if metadata.len() > SNAPSHOT_LIMIT {
            let id = FileId::of(&metadata, from).with_context(|| format!("cannot read {}", from.display()))?;
            Served::File(confined.clone(), modified, id)
        } else {
            let bytes = match self.kept.get(from) {
                Some((kept, bytes))
                    if modified.is_some() && *kept == modified && bytes.len() as u64 == metadata.len() =>
                {
                    Arc::clone(bytes)
                }
                _ => Arc::from(crate::fs::read(confined, crate::fs::FileKind::Asset)?),
            };
            Served::Copied(confined.clone(), modified, bytes)
        };
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.insert(site_path, served);
        Ok(())
    }
}

/// The site paths whose files differ between two versions of a site (added, removed or
/// changed).
pub(crate) fn changed_paths(before: &SiteFiles, after: &SiteFiles) -> Vec<String> {
    let mut changed: Vec<String> = after
        .iter()
        .filter(|(path, file)| before.get(*path) != Some(*file))
        .map(|(path, _)| path.clone())
        .chain(before.keys().filter(|path| !after.contains_key(*path)).cloned())
        .collect();
    changed.sort();
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_files_are_kept_as_built_and_reused_while_unchanged() {
        let dir = crate::test_support::temp_dir("files");
        let image = dir.join("a.png");
        std::fs::write(&image, "first").expect("write");
        let sink = MemorySink::default();
        sink.copy(Public::from_binary(&Confined::test(&image)), "a.png").expect("copy");
        let first = sink.into_files();
        // The disk changes; what was built does not.
        std::fs::remove_file(&image).expect("remove");
        assert_eq!(&*first["a.png"].read().expect("read"), b"first");
        // Unchanged since: the same bytes, not read again.
        std::fs::write(&image, "first").expect("write");
        let Some(Served::Copied(_, modified, _)) = first.get("a.png").cloned() else { panic!("not kept") };
        let sink = MemorySink::reusing(&first);
        sink.copy(Public::from_binary(&Confined::test(&image)), "a.png").expect("copy");
        let again = sink.into_files();
        let Served::Copied(_, now, bytes) = &again["a.png"] else { panic!("not kept") };
        assert_eq!(&**bytes, b"first");
        if *now == modified {
            assert_eq!(again["a.png"], first["a.png"]);
        }
    }
}
