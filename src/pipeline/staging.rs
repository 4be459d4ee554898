//! A rebuild into an output folder that holds a previous output ([`super::output::Output`]
//! in place): the unchanged files cost a `stat` each, and the changed ones are put in
//! place only once the whole build succeeded.
//!
//! 1. [`Rebuild::begin`] lists the previous output (file names and kinds only: no file
//!    is opened, no link followed) and reads its manifest ([`super::manifest`]).
//! 2. [`Rebuild::write`] and [`Rebuild::copy`] hash each file the build makes and keep
//!    it as it is when the previous output has it with those bytes: when the manifest's
//!    entry for it has its hash and the file still has the stamp the manifest recorded,
//!    or else (no manifest, no entry, a file changed since by hand or by another
//!    program) when its bytes, read, are the same. Any other file is written under a
//!    numbered name into the staging folder beside the output folder (one flat folder:
//!    no folder is made for it), and the live output is not touched.
//! 3. [`Rebuild::commit`], once nothing failed: removes what stands in a changed file's
//!    way (a file where it needs a folder, a folder where it goes), renames each changed
//!    file into place (a web server reads either the old file or the new one, never a
//!    part), removes the previous output's files and folders that the build did not
//!    write (stray ones and symbolic links included), writes the new manifest and
//!    removes the staging folder.
//!
//! A failed build only removes the staging folder: the output stays byte for byte as it
//! was. A build killed before step 3 leaves its staging folder, which the next build
//! removes ([`super::output::remove_leftovers`]); one killed during step 3 leaves an
//! output in which some files are new, which the next build (whose manifest entries no
//! longer match those files' stamps) completes.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use std::io::Write as _;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::manifest::{self, Entry, Manifest, Stamp};
use super::output::Parts;

/// What stands at a path of the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Folder,
    /// A symbolic link or a special file: never followed, never kept.
    Other,
}

/// A rebuild in place: the previous output, its manifest, and what the build wrote.
pub(crate) struct Rebuild {
    /// The output folder.
    live: PathBuf,
    /// The staging folder, of numbered changed files.
    staging: PathBuf,
    /// Where the manifest is kept.
    manifest_path: PathBuf,
    /// The previous output's entries by site path (`runbooks/db/index.html`).
    previous: HashMap<String, Kind>,
    /// Entries of the previous output whose names are no site path (not UTF-8): stale.
    strays: Vec<PathBuf>,
    /// The previous build's manifest, if it can be trusted as a whole.
    manifest: Option<Manifest>,
    /// The number of the next changed file in the staging folder.
    next: AtomicU64,
    /// What the build wrote.
    written: Mutex<Written>,
}

/// The files the build wrote: kept as they were, or changed.
#[derive(Default)]
struct Written {
    /// The files kept, with their manifest entries.
    kept: Vec<(String, Entry)>,
    /// The changed files: site path, file in the staging folder, hash.
    changed: Vec<(String, PathBuf, u128)>,
}

impl Rebuild {
    /// Lists the previous output at `live` and reads the manifest at `manifest_path`;
    /// changed files go into `staging`, an empty folder beside `live`.
    pub(crate) fn begin(live: &Path, staging: &Path, manifest_path: &Path) -> Result<Rebuild> {
        let mut previous = HashMap::new();
        let mut strays = Vec::new();
        let mut walk = walkdir::WalkDir::new(live).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot read the previous output {}", live.display()))?;
            let kind = match entry.file_type() {
                kind if kind.is_dir() => Kind::Folder,
                kind if kind.is_file() => Kind::File,
                _ => Kind::Other,
            };
            match entry.path().strip_prefix(live).ok().and_then(Path::to_str) {
                Some(relative) => {
                    previous.insert(crate::fs::slash_path(Path::new(relative)), kind);
                }
                None => {
                    // What a stray folder holds goes with it.
                    if kind == Kind::Folder {
                        walk.skip_current_dir();
                    }
                    strays.push(entry.into_path());
                }
            }
        }
        Ok(Rebuild {
            live: live.to_path_buf(),
            staging: staging.to_path_buf(),
            manifest_path: manifest_path.to_path_buf(),
            previous,
            strays,
            manifest: Manifest::read(manifest_path),
            next: AtomicU64::new(0),
            written: Mutex::new(Written::default()),
        })
    }

    /// Adds the file `site_path` with `contents`.
    pub(crate) fn write(&self, site_path: &str, contents: &[u8]) -> Result<()> {
        let hash = manifest::hash(contents);
        let same = |file: &mut std::fs::File| same_stream(file, &mut &contents[..]);
        if let Some(stamp) = self.unchanged(site_path, contents.len() as u64, hash, same) {
            self.lock().kept.push((site_path.to_owned(), Entry { hash, stamp }));
            return Ok(());
        }
        let staged = self.staged_file();
        crate::fs::write(&staged, contents)?;
        self.lock().changed.push((site_path.to_owned(), staged, hash));
        Ok(())
    }

    /// Adds the file `site_path` whose bytes are `parts` ([`super::output::Parts`]): read
    /// once to hash them, again to compare them with the previous output's file when its
    /// manifest cannot tell, and again to write them when they changed.
    pub(crate) fn write_parts(&self, site_path: &str, parts: &dyn Parts) -> Result<()> {
        let (mut hasher, mut len) = (manifest::Hasher::new(), 0);
        parts
            .each(&mut |part| {
                hasher.update(part);
                len += part.len() as u64;
                Ok(())
            })
            .with_context(|| format!("cannot make {site_path}"))?;
        let hash = hasher.finish();
        if let Some(stamp) = self.unchanged(site_path, len, hash, |file| same_parts(file, parts)) {
            self.lock().kept.push((site_path.to_owned(), Entry { hash, stamp }));
            return Ok(());
        }
        let staged = self.staged_file();
        let written = std::fs::File::create(&staged).and_then(|mut file| parts.each(&mut |part| file.write_all(part)));
        written.with_context(|| format!("cannot write {}", staged.display()))?;
        self.lock().changed.push((site_path.to_owned(), staged, hash));
        Ok(())
    }

    /// Adds the file `site_path`, a copy of `from`.
    pub(crate) fn copy(&self, from: &Path, site_path: &str) -> Result<()> {
        // Hashed only when the previous output has a file there to keep.
        let source = (self.previous.get(site_path) == Some(&Kind::File)).then(|| {
            crate::fs::open_regular(from, crate::fs::FileKind::Asset)
                .and_then(|(mut file, len)| Ok((len, manifest::hash_stream(&mut file)?)))
        });
        if let Some(Ok((len, hash))) = source {
            let same = |file: &mut std::fs::File| {
                let (mut source, _) =
                    crate::fs::open_regular(from, crate::fs::FileKind::Asset).map_err(std::io::Error::other)?;
                same_stream(file, &mut source)
            };
            if let Some(stamp) = self.unchanged(site_path, len, hash, same) {
                self.lock().kept.push((site_path.to_owned(), Entry { hash, stamp }));
                return Ok(());
            }
        }
        let staged = self.staged_file();
        crate::fs::copy(from, &staged, crate::fs::FileKind::Asset)?;
        // The hash of what was copied, should the source have changed meanwhile.
        let hash = hash_file(&mut std::fs::File::open(&staged)?)?;
        self.lock().changed.push((site_path.to_owned(), staged, hash));
        Ok(())
    }

    /// The stamp of the previous output's file at `site_path` when it holds the `len`
    /// bytes of hash `hash`: believed from the manifest when the file's stamp is the one
    /// recorded, else compared by `same`. `None` when the file must be written.
    fn unchanged(
        &self,
        site_path: &str,
        len: u64,
        hash: u128,
        same: impl FnOnce(&mut std::fs::File) -> std::io::Result<bool>,
    ) -> Option<Stamp> {
        // Only a regular file reached through folders (no link) of the previous output.
        if self.previous.get(site_path) != Some(&Kind::File) {
            return None;
        }
        let path = crate::site_path::output_file(&self.live, site_path).ok()?;
        let metadata = std::fs::symlink_metadata(&path).ok()?;
        let stamp = Stamp::of(&metadata);
        if !metadata.is_file() || stamp.size() != len {
            return None;
        }
        if let Some(entry) = self.manifest.as_ref().and_then(|m| m.get(site_path))
            && entry.stamp == stamp
        {
            return (entry.hash == hash).then_some(stamp);
        }
        let mut file = std::fs::File::open(&path).ok()?;
        same(&mut file).unwrap_or(false).then_some(stamp)
    }

    /// A new name in the staging folder.
    fn staged_file(&self) -> PathBuf {
        self.staging.join(self.next.fetch_add(1, Ordering::Relaxed).to_string())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Puts the changed files in place, removes the stale ones, writes the manifest and
    /// removes the staging folder.
    pub(crate) fn commit(self) -> Result<()> {
        let Written { mut kept, changed } = std::mem::take(&mut *self.lock());
        let kind = |site_path: &str| self.previous.get(site_path).copied();
        // 1. What stands in a changed file's way, removed first, one path at a time.
        let mut in_the_way = HashSet::new();
        for (site_path, _, _) in &changed {
            if kind(site_path) == Some(Kind::Folder) {
                in_the_way.insert(site_path.as_str());
            }
            for (at, _) in site_path.match_indices('/') {
                let folder = &site_path[..at];
                if matches!(kind(folder), Some(Kind::File | Kind::Other)) {
                    in_the_way.insert(folder);
                }
            }
        }
        for site_path in &in_the_way {
            remove(&crate::site_path::output_file(&self.live, site_path)?)?;
        }
        // 2. Each changed file renamed into place.
        changed.par_iter().try_for_each(|(site_path, staged, _)| {
            let target = crate::site_path::output_file(&self.live, site_path)?;
            let parent_known = site_path.rsplit_once('/').is_none_or(|(parent, _)| {
                kind(parent) == Some(Kind::Folder) && !in_the_way.contains(parent) && !under(parent, &in_the_way)
            });
            if !parent_known && let Some(parent) = target.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            place(staged, &target)
        })?;
        let mut entries: Vec<(String, Entry)> = changed
            .into_par_iter()
            .filter_map(|(site_path, _, hash)| {
                let target = crate::site_path::output_file(&self.live, &site_path).ok()?;
                let stamp = Stamp::of(&std::fs::symlink_metadata(target).ok()?);
                Some((site_path, Entry { hash, stamp }))
            })
            .collect();
        entries.append(&mut kept);
        // 3. The previous output's entries the build did not write.
        self.remove_stale(&entries)?;
        // 4. The manifest, then the staging folder (empty by now).
        Manifest::of(entries).write(&self.manifest_path)?;
        crate::fs::remove_dir_all(&self.staging)
    }

    /// Removes the previous output's entries the build did not write and that hold
    /// nothing it wrote: folders with what they hold, files, links, strays.
    fn remove_stale(&self, written: &[(String, Entry)]) -> Result<()> {
        let mut keep: HashSet<&str> = HashSet::with_capacity(written.len() * 2);
        for (site_path, _) in written {
            keep.insert(site_path);
            for (at, _) in site_path.match_indices('/') {
                keep.insert(&site_path[..at]);
            }
        }
        let stale: HashSet<&str> =
            self.previous.keys().map(String::as_str).filter(|site_path| !keep.contains(site_path)).collect();
        // Only the outermost ones: removing a folder removes what it holds.
        let paths: Vec<PathBuf> = stale
            .iter()
            .filter(|site_path| !under(site_path, &stale))
            .map(|site_path| crate::site_path::output_file(&self.live, site_path))
            .collect::<Result<_>>()?;
        paths.par_iter().try_for_each(|path| remove(path))?;
        // After them: a stray may be inside one of them.
        self.strays.iter().try_for_each(|stray| remove(stray))
    }
}

/// Whether one of the folders above `site_path` is in `set`.
fn under(site_path: &str, set: &HashSet<&str>) -> bool {
    !set.is_empty() && site_path.match_indices('/').any(|(at, _)| set.contains(&site_path[..at]))
}

/// Renames the staged file `staged` to `target`; across file systems (an output folder
/// that is a mount point), copies it beside `target` first, then renames the copy.
fn place(staged: &Path, target: &Path) -> Result<()> {
    match std::fs::rename(staged, target) {
        Err(e) if e.kind() == std::io::ErrorKind::CrossesDevices => {
            let mut beside = target.as_os_str().to_owned();
            beside.push(format!(".opsbook-{}", std::process::id()));
            let beside = PathBuf::from(beside);
            crate::fs::copy(staged, &beside, crate::fs::FileKind::Own)?;
            crate::fs::rename(&beside, target)
        }
        renamed => renamed.with_context(|| format!("cannot move {} to {}", staged.display(), target.display())),
    }
}

/// Removes a file, link or folder (with what it holds), without following links; a
/// missing one is fine.
fn remove(path: &Path) -> Result<()> {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    let removed = match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.is_dir() => std::fs::remove_dir_all(path),
        _ => std::fs::remove_file(path),
    };
    match removed {
        Err(e) if !matches!(e.kind(), NotFound | NotADirectory) => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// The hash of a file's bytes.
fn hash_file(file: &mut std::fs::File) -> Result<u128> {
    Ok(manifest::hash_stream(file)?)
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

/// Whether a file holds the bytes of `parts`, and no more.
fn same_parts(file: &mut std::fs::File, parts: &dyn Parts) -> std::io::Result<bool> {
    let (mut same, mut read) = (true, Vec::new());
    parts.each(&mut |part| {
        if same {
            read.resize(part.len(), 0);
            same = read_full(file, &mut read)? == part.len() && read == part;
        }
        Ok(())
    })?;
    Ok(same && read_full(file, &mut [0; 1])? == 0)
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

    #[test]
    fn tells_the_paths_under_a_set_of_folders() {
        let folders: HashSet<&str> = ["a/b", "c"].into_iter().collect();
        assert!(under("a/b/x.html", &folders));
        assert!(under("c/d/e", &folders));
        assert!(!under("c", &folders), "a folder is not under itself");
        assert!(!under("a/bx/y", &folders));
        assert!(!under("a/x.html", &folders));
        assert!(!under("x/y", &HashSet::new()));
    }
}
