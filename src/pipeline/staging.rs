//! A rebuild that reuses the previous output ([`super::output::Output`]'s staging
//! folder). The build writes into a staging folder beside the output folder, which is
//! swapped in at the end; when there is a previous output, the staging folder starts as
//! a copy of it made of hard links, so that:
//!
//! 1. [`Previous::link`] recreates the previous output's folders in the staging folder
//!    and hard-links each of its regular files there (no data is copied; symbolic links
//!    and other special files are left out, so nothing is ever followed). When a link
//!    cannot be made (a file system without hard links), the staging folder is emptied
//!    and the build writes every file anew, as into a new folder.
//! 2. [`write_if_changed`] and [`copy_if_changed`] leave a file whose bytes did not
//!    change as it is (the same inode as the live output's, so its mtime stays), and
//!    replace one that changed by removing the link first and writing a new file: never
//!    through the link, which would change the live output.
//! 3. [`Previous::remove_stale`] removes the linked files the build did not write, then
//!    the folders that this left empty.
//! 4. [`swap`] exchanges the staging folder and the output folder in one step where the
//!    system offers it (Linux's `renameat2` with `RENAME_EXCHANGE`), else with two
//!    renames; the old tree, now in the staging folder's place, is then removed.
//!
//! A failed build removes the staging folder: removing links leaves the live output's
//! files as they were.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use rayon::prelude::*;

/// The previous output's files and folders, linked into the staging folder, and the
/// files the build has written since.
pub(crate) struct Previous {
    /// The folders made in the staging folder, parents before children.
    folders: Vec<PathBuf>,
    /// The files linked into the staging folder.
    files: Vec<PathBuf>,
    /// The staging folder's files that the build wrote or kept.
    written: Mutex<HashSet<PathBuf>>,
}

impl Previous {
    /// Recreates the folders of `live` in `staging` (an empty folder) and hard-links its
    /// regular files there. `None` when a link cannot be made: `staging` is then empty
    /// again, and the build writes every file anew.
    pub(crate) fn link(live: &Path, staging: &Path) -> Result<Option<Previous>> {
        let mut folders = Vec::new();
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(live).min_depth(1) {
            let entry = entry.with_context(|| format!("cannot read the previous output {}", live.display()))?;
            let Ok(relative) = entry.path().strip_prefix(live) else { continue };
            let (kind, to) = (entry.file_type(), staging.join(relative));
            if kind.is_dir() {
                folders.push(to);
            } else if kind.is_file() {
                files.push((entry.into_path(), to));
            }
        }
        for folder in &folders {
            crate::fs::create_dir_all(folder)?;
        }
        if files.par_iter().any(|(from, to)| std::fs::hard_link(from, to).is_err()) {
            crate::fs::remove_dir_all(staging)?;
            crate::fs::create_dir_all(staging)?;
            return Ok(None);
        }
        let files = files.into_iter().map(|(_, to)| to).collect();
        Ok(Some(Previous { folders, files, written: Mutex::new(HashSet::new()) }))
    }

    /// Notes that the build wrote (or kept) the staging folder's file `path`.
    pub(crate) fn note_written(&self, path: &Path) {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(path.to_path_buf());
    }

    /// Removes the linked files the build did not write, then the folders left empty.
    pub(crate) fn remove_stale(self) -> Result<()> {
        let written = self.written.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        // A folder may stand where a stale file was: the build wrote files inside it.
        let stale = |file: &&PathBuf| !written.contains(*file) && !file.is_dir();
        self.files.par_iter().filter(stale).try_for_each(|file| remove_file(file))?;
        for folder in self.folders.iter().rev() {
            // Only an empty folder goes; one that holds files fails, and stays.
            let _ = std::fs::remove_dir(folder);
        }
        Ok(())
    }
}

/// Writes `contents` at `path` in the staging folder, unless the file there (linked from
/// the previous output) has these bytes already.
pub(crate) fn write_if_changed(path: &Path, contents: &[u8]) -> Result<()> {
    if has_bytes(path, contents.len() as u64, |file| {
        let mut bytes = Vec::with_capacity(contents.len());
        std::io::Read::read_to_end(file, &mut bytes)?;
        Ok(bytes == contents)
    }) {
        return Ok(());
    }
    make_room(path)?;
    crate::fs::write(path, contents)
}

/// Copies `from` to `path` in the staging folder, unless the file there (linked from the
/// previous output) has its bytes already.
pub(crate) fn copy_if_changed(from: &Path, path: &Path) -> Result<()> {
    if let Ok(source) = std::fs::metadata(from)
        && has_bytes(path, source.len(), |file| same_stream(file, &mut std::fs::File::open(from)?))
    {
        return Ok(());
    }
    make_room(path)?;
    crate::fs::copy(from, path)
}

/// Whether `path` is a regular file of `len` bytes for which `same` says yes. Any error
/// reading it is a no: the file is then written anew.
fn has_bytes(path: &Path, len: u64, same: impl FnOnce(&mut std::fs::File) -> std::io::Result<bool>) -> bool {
    let Ok(mut file) = std::fs::File::open(path) else { return false };
    let Ok(metadata) = file.metadata() else { return false };
    metadata.is_file() && metadata.len() == len && same(&mut file).unwrap_or(false)
}

/// Whether two readers give the same bytes.
fn same_stream(a: &mut impl std::io::Read, b: &mut impl std::io::Read) -> std::io::Result<bool> {
    let (mut left, mut right) = (vec![0; 64 * 1024], vec![0; 64 * 1024]);
    loop {
        let n = read_full(a, &mut left)?;
        let m = read_full(b, &mut right)?;
        if left[..n] != right[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Reads until `buffer` is full or the reader ends; the number of bytes read.
fn read_full(reader: &mut impl std::io::Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Clears the way for a new file at `path` in the staging folder: removes the link (or
/// folder) there, so that writing creates a new file rather than changing the live
/// output's through the link, and a file of the previous output where the new one needs
/// a folder.
fn make_room(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => crate::fs::remove_dir_all(path)?,
        Ok(_) => remove_file(path)?,
        Err(_) => {
            for ancestor in path.ancestors().skip(1) {
                match std::fs::symlink_metadata(ancestor) {
                    Ok(metadata) if metadata.is_dir() => break,
                    Ok(_) => remove_file(ancestor)?,
                    Err(_) => {}
                }
            }
        }
    }
    Ok(())
}

/// Removes one file; a missing one is fine (also when a file now stands where one of
/// its folders was).
fn remove_file(path: &Path) -> Result<()> {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    match std::fs::remove_file(path) {
        Err(e) if !matches!(e.kind(), NotFound | NotADirectory) => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Puts the staging folder in the place of the output folder `live`, and removes the
/// previous output. Where the system can exchange two folders in one step, the output
/// folder never goes missing; else it is renamed aside first (`old`), and put back if
/// the second rename fails.
pub(crate) fn swap(staging: &Path, live: &Path, old: &Path) -> Result<()> {
    if !live.exists() {
        return crate::fs::rename(staging, live);
    }
    if exchange(staging, live) {
        // The staging folder's name now holds the previous output.
        return crate::fs::remove_tree_in_parallel(staging);
    }
    crate::fs::remove_dir_all(old)?;
    crate::fs::rename(live, old)?;
    if let Err(e) = crate::fs::rename(staging, live) {
        let _ = crate::fs::rename(old, live);
        return Err(e);
    }
    crate::fs::remove_tree_in_parallel(old)
}

/// Exchanges two folders atomically (`renameat2(RENAME_EXCHANGE)`); false when the
/// system or file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

/// Exchanges two folders atomically; not offered here, so false.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_streams_of_any_length() {
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut other = long.clone();
        assert!(same_stream(&mut long.as_slice(), &mut other.as_slice()).unwrap());
        other[150_000] ^= 1;
        assert!(!same_stream(&mut long.as_slice(), &mut other.as_slice()).unwrap());
        assert!(!same_stream(&mut &b"ab"[..], &mut &b"abc"[..]).unwrap());
        assert!(same_stream(&mut &b""[..], &mut &b""[..]).unwrap());
    }
}
