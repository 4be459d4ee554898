//! A rebuild into an output folder that holds a previous output ([`super::output::Output`]
//! in place): the unchanged files cost a `stat` each, and the changed ones are put in
//! place only once the whole build succeeded.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use std::io::Write as _;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::manifest::{self, Entry, Manifest, Stamp};
use super::output::Parts;
use super::ownership::{Kind, Ownership, remove_sparing_git};
use crate::fs::{Confined, OwnFolder};

/// A rebuild in place: the previous output, its manifest, and what the build wrote.
pub(crate) struct Rebuild {
    /// The output folder.
    live: OwnFolder,
    /// The staging folder, of numbered changed files.
    staging: OwnFolder,
    /// Where the manifest is kept.
    manifest_path: Confined,
    /// The previous output's entries by site path (`runbooks/db/index.html`).
    previous: HashMap<String, Kind>,
    /// Entries of the previous output whose names are no site path (not UTF-8): stale.
    strays: Vec<OwnFolder>,
    /// The previous build's manifest, if it can be trusted as a whole.
    manifest: Option<Manifest>,
    /// `--force`: what no earlier build wrote may be replaced or removed too.
    force: bool,
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
    /// The changed files: site path, file in the staging folder, hash, size.
    changed: Vec<(String, Confined, u128, u64)>,
}

impl Rebuild {
    /// Lists the previous output at `live` and reads the manifest at `manifest_path`;
    /// changed files go into `staging`, an empty folder beside `live`. With `force`, what
    /// no earlier build wrote may be replaced or removed too.
    pub(crate) fn begin(
        live: &OwnFolder,
        staging: &OwnFolder,
        manifest_path: &Confined,
        force: bool,
    ) -> Result<Rebuild> {
        let mut previous = HashMap::new();
        let mut strays = Vec::new();
        let mut walk = walkdir::WalkDir::new(live.path()).min_depth(1).into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.with_context(|| format!("cannot read the previous output {}", live.path().display()))?;
            let kind = match entry.file_type() {
                kind if kind.is_dir() => Kind::Folder,
                kind if kind.is_file() => Kind::File,
                _ => Kind::Other,
            };
            let relative = entry.path().strip_prefix(live.path()).ok();
            match relative.and_then(Path::to_str) {
                Some(relative) => {
                    previous.insert(crate::fs::slash_path(Path::new(relative)), kind);
                }
                None => {
                    // What a stray folder holds goes with it.
                    if kind == Kind::Folder {
                        walk.skip_current_dir();
                    }
                    strays.extend(relative.and_then(|relative| live.folder(relative)));
                }
            }
        }
        Ok(Rebuild {
            live: live.clone(),
            staging: staging.clone(),
            manifest_path: manifest_path.clone(),
            previous,
            strays,
            manifest: Manifest::read(manifest_path),
            force,
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
        self.lock().changed.push((site_path.to_owned(), staged, hash, contents.len() as u64));
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
        let written = crate::fs::create(&staged).and_then(|mut file| parts.each(&mut |part| file.write_all(part)));
        written.with_context(|| format!("cannot write {}", staged.path().display()))?;
        self.lock().changed.push((site_path.to_owned(), staged, hash, len));
        Ok(())
    }

    /// Keeps the previous output's file `site_path` as it is, when it has `len` bytes
    /// that hash to `hash`: by its manifest's entry when the file still has the stamp
    /// the manifest recorded, else by its bytes, read and hashed. False when it cannot
    /// be kept: the caller writes the file.
    pub(crate) fn keep(&self, site_path: &str, len: u64, hash: u128) -> bool {
        let same = |file: &mut std::fs::File| Ok(manifest::hash_stream(file)? == hash);
        let Some(stamp) = self.unchanged(site_path, len, hash, same) else { return false };
        self.lock().kept.push((site_path.to_owned(), Entry { hash, stamp }));
        true
    }

    /// Adds the file `site_path`, a copy of `from`.
    pub(crate) fn copy(&self, from: &Confined, site_path: &str) -> Result<()> {
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
        let mut file = crate::fs::open_own(&staged)?;
        let hash = hash_file(&mut file)?;
        let len = file.metadata()?.len();
        self.lock().changed.push((site_path.to_owned(), staged, hash, len));
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
        let metadata = std::fs::symlink_metadata(path.path()).ok()?;
        let stamp = Stamp::of(&metadata);
        if !metadata.is_file() || stamp.size() != len {
            return None;
        }
        if let Some(entry) = self.manifest.as_ref().and_then(|m| m.get(site_path))
            && entry.stamp == stamp
        {
            return (entry.hash == hash).then_some(stamp);
        }
        let mut file = crate::fs::open_own(&path).ok()?;
        same(&mut file).unwrap_or(false).then_some(stamp)
    }

    /// A new name in the staging folder.
    fn staged_file(&self) -> Confined {
        let name = self.next.fetch_add(1, Ordering::Relaxed).to_string();
        self.staging.file(&name).unwrap_or_else(|| unreachable!("a number is a plain name"))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Puts the changed files in place, removes the stale ones it may remove, writes the
    /// manifest and removes the staging folder; refuses, touching nothing, when what no
    /// earlier build wrote would have to go.
    pub(crate) fn commit(self) -> Result<()> {
        let Written { mut kept, changed } = std::mem::take(&mut *self.lock());
        let owner = Ownership::new(&self.live, self.manifest.as_ref(), self.force);
        let kind = |site_path: &str| self.previous.get(site_path).copied();
        // 1. What stands in a changed file's way: a folder where it goes, a file or link
        //    where it needs a folder.
        let mut in_the_way = HashSet::new();
        for (site_path, ..) in &changed {
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
        // 2. What goes, decided before anything is touched: the stale entries that may be
        //    removed. What would have to go and may not is refused.
        let plan = self.plan(&owner, &kept, &changed, &in_the_way);
        if !plan.refused.is_empty() {
            return Err(self.refusal(plan.refused));
        }
        // 3. A manifest of every file the output may hold until the commit is done: a
        //    build killed meanwhile leaves an output whose every file a build wrote.
        self.write_interim_manifest(&kept, &changed)?;
        // 4. What stands in the way removed, then each changed file renamed into place.
        let in_the_way_or_under = |site_path: &str| in_the_way.contains(site_path) || under(site_path, &in_the_way);
        for site_path in plan.removed.iter().filter(|site_path| in_the_way_or_under(site_path)) {
            remove(&crate::site_path::output_file(&self.live, site_path)?)?;
        }
        let mut emptied: Vec<&str> = self.folders().filter(|site_path| in_the_way_or_under(site_path)).collect();
        emptied.sort_unstable_by_key(|site_path| std::cmp::Reverse(site_path.matches('/').count()));
        for site_path in emptied {
            let path = crate::site_path::output_file(&self.live, site_path)?;
            crate::fs::remove_dir(&path).with_context(|| format!("cannot remove {}", path.path().display()))?;
        }
        changed.par_iter().try_for_each(|(site_path, staged, ..)| {
            let target = crate::site_path::output_file(&self.live, site_path)?;
            let parent_known = site_path.rsplit_once('/').is_none_or(|(parent, _)| {
                kind(parent) == Some(Kind::Folder) && !in_the_way.contains(parent) && !under(parent, &in_the_way)
            });
            if !parent_known {
                crate::fs::create_parent(&target)?;
            }
            place(staged, &target)
        })?;
        // 5. The stale entries that may go, then the folders they leave empty.
        let rest: Vec<Confined> = plan
            .removed
            .iter()
            .filter(|site_path| !in_the_way_or_under(site_path))
            .map(|site_path| crate::site_path::output_file(&self.live, site_path))
            .collect::<Result<_>>()?;
        rest.par_iter().try_for_each(remove)?;
        drop(in_the_way);
        let mut entries: Vec<(String, Entry)> = changed
            .into_par_iter()
            .filter_map(|(site_path, _, hash, _)| {
                let target = crate::site_path::output_file(&self.live, &site_path).ok()?;
                let stamp = Stamp::of(&std::fs::symlink_metadata(target.path()).ok()?);
                Some((site_path, Entry { hash, stamp }))
            })
            .collect();
        entries.append(&mut kept);
        self.prune(&owner, &entries);
        if self.force {
            for stray in &self.strays {
                remove_sparing_git(stray).with_context(|| format!("cannot remove {}", stray.path().display()))?;
            }
        }
        // 6. The manifest, then the staging folder (empty by now).
        Manifest::of(entries).write(&self.manifest_path)?;
        crate::fs::remove_dir_all(&self.staging.confined())
    }

    /// The previous output's folders, by site path.
    fn folders(&self) -> impl Iterator<Item = &str> {
        self.previous.iter().filter(|(_, kind)| **kind == Kind::Folder).map(|(site_path, _)| site_path.as_str())
    }

    /// What the commit removes of the previous output, and what it would have to remove
    /// but may not.
    fn plan(
        &self,
        owner: &Ownership<'_>,
        kept: &[(String, Entry)],
        changed: &[(String, Confined, u128, u64)],
        in_the_way: &HashSet<&str>,
    ) -> Plan<'_> {
        // The files written and the folders that hold them: what stands there as such
        // stays.
        let mut files: HashSet<&str> = HashSet::with_capacity(kept.len() + changed.len());
        let mut folders: HashSet<&str> = HashSet::with_capacity(kept.len() + changed.len());
        for site_path in kept.iter().map(|(p, _)| p).chain(changed.iter().map(|(p, ..)| p)) {
            files.insert(site_path);
            for (at, _) in site_path.match_indices('/') {
                folders.insert(&site_path[..at]);
            }
        }
        let mut plan = Plan { removed: Vec::new(), refused: Vec::new() };
        for (site_path, ..) in changed {
            if let Some(kind @ (Kind::File | Kind::Other)) = self.previous.get(site_path).copied()
                && !owner.may_replace(site_path, kind)
            {
                plan.refused.push(site_path.clone());
            }
        }
        for (site_path, kind) in &self.previous {
            let stays = match kind {
                Kind::Folder => folders.contains(site_path.as_str()),
                Kind::File | Kind::Other => files.contains(site_path.as_str()),
            };
            if stays {
                continue;
            }
            let needed = in_the_way.contains(site_path.as_str()) || under(site_path, in_the_way);
            if *kind != Kind::Folder && owner.may_remove(site_path, *kind) {
                plan.removed.push(site_path);
            } else if needed && (*kind != Kind::Folder || super::ownership::below_git(site_path)) {
                plan.refused.push(site_path.clone());
            }
        }
        plan.refused.sort_unstable();
        plan
    }

    /// The error of a commit that would have to remove `refused`.
    fn refusal(&self, refused: Vec<String>) -> anyhow::Error {
        let shown: Vec<String> = refused.iter().take(5).map(|site_path| format!("`{site_path}`")).collect();
        let more = match refused.len().saturating_sub(5) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        anyhow::anyhow!(
            "refusing to replace what no earlier opsbook build wrote in {}: {}{more} stand where the site goes; \
             move them away, or pass --force to let the build replace them (nothing below a .git folder is ever removed); \
             the output was left as it was",
            crate::fs::shown_path(self.live.path()),
            shown.join(", ")
        )
    }

    /// Writes the manifest of the previous output's files with this build's: what the
    /// output may hold while the commit runs. The changed files' stamps are not known
    /// yet: their entries hold only their sizes, and a build that reads them compares
    /// the bytes.
    fn write_interim_manifest(
        &self,
        kept: &[(String, Entry)],
        changed: &[(String, Confined, u128, u64)],
    ) -> Result<()> {
        let previous = self.manifest.iter().flat_map(|m| m.paths().filter_map(|p| Some((p.to_owned(), *m.get(p)?))));
        let new = changed
            .iter()
            .map(|(site_path, _, hash, len)| (site_path.clone(), Entry { hash: *hash, stamp: Stamp::unknown(*len) }));
        Manifest::of(previous.chain(kept.iter().cloned()).chain(new)).write(&self.manifest_path)
    }

    /// Removes the previous output's folders that the build did not write into and that
    /// are left empty, where an earlier build made them (or with `--force`), the deepest
    /// first; a folder that still holds something stays.
    fn prune(&self, owner: &Ownership<'_>, written: &[(String, Entry)]) {
        let mut keep: HashSet<&str> = HashSet::with_capacity(written.len());
        for (site_path, _) in written {
            for (at, _) in site_path.match_indices('/') {
                keep.insert(&site_path[..at]);
            }
        }
        let mut folders: Vec<&str> =
            self.folders().filter(|site_path| !keep.contains(site_path) && owner.may_prune(site_path)).collect();
        folders.sort_unstable_by_key(|site_path| std::cmp::Reverse(site_path.matches('/').count()));
        for site_path in folders {
            if let Ok(path) = crate::site_path::output_file(&self.live, site_path) {
                let _ = crate::fs::remove_dir(&path);
            }
        }
    }
}

/// What a commit removes of the previous output (files and links, by site path), and
/// what it would have to remove but may not.
struct Plan<'s> {
    removed: Vec<&'s str>,
    refused: Vec<String>,
}

/// Whether one of the folders above `site_path` is in `set`.
fn under(site_path: &str, set: &HashSet<&str>) -> bool {
    !set.is_empty() && site_path.match_indices('/').any(|(at, _)| set.contains(&site_path[..at]))
}

/// Renames the staged file `staged` to `target`; across file systems (an output folder
/// that is a mount point), copies it beside `target` first, then renames the copy.
fn place(staged: &Confined, target: &Confined) -> Result<()> {
    match crate::fs::rename_io(staged, target) {
        Err(e) if e.kind() == std::io::ErrorKind::CrossesDevices => {
            let beside = target.with_suffix(&format!(".opsbook-{}", std::process::id()));
            crate::fs::copy(staged, &beside, crate::fs::FileKind::Own)?;
            crate::fs::rename(&beside, target)
        }
        renamed => {
            renamed.with_context(|| format!("cannot move {} to {}", staged.path().display(), target.path().display()))
        }
    }
}

/// Removes a file or link, without following links; a missing one is fine.
fn remove(path: &Confined) -> Result<()> {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    match crate::fs::remove_file(path) {
        Err(e) if !matches!(e.kind(), NotFound | NotADirectory) => {
            Err(e).with_context(|| format!("cannot remove {}", path.path().display()))
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

    /// A build killed while it renames its files leaves files its manifest lists: the
    /// next build knows them for a build's and removes those the site no longer has.
    #[test]
    fn a_build_killed_while_renaming_leaves_only_files_its_manifest_lists() {
        use super::super::output::Sink as _;
        let root = std::env::temp_dir().join(format!("opsbook-staging-killed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (live, staging, manifest_path) =
            (root.join("public"), root.join(".public.building-1"), root.join(".public.opsbook-manifest"));
        let first = super::super::output::Output::create(&live, &root).unwrap();
        first.write("a.html", crate::site::Public::from_binary(&b"a"[..])).unwrap();
        first.commit().unwrap();
        // The second build: its new file staged, the interim manifest written, then its
        // file renamed into place, and the build killed.
        crate::fs::create_dir_all(&Confined::test(&staging)).unwrap();
        let second =
            Rebuild::begin(&OwnFolder::test(&live), &OwnFolder::test(&staging), &Confined::test(&manifest_path), false)
                .unwrap();
        second.write("b.html", b"bee").unwrap();
        let Written { kept, changed } = std::mem::take(&mut *second.lock());
        second.write_interim_manifest(&kept, &changed).unwrap();
        std::fs::rename(changed[0].1.path(), live.join("b.html")).unwrap();
        let interim = Manifest::read(&Confined::test(&manifest_path)).expect("a manifest");
        assert!(interim.get("a.html").is_some());
        assert_eq!(interim.get("b.html").map(|e| (e.hash, e.stamp.size())), Some((manifest::hash(b"bee"), 3)));
        // The third build writes neither: both go, as an earlier build's.
        let third = super::super::output::Output::create(&live, &root).unwrap();
        third.write("c.html", crate::site::Public::from_binary(&b"c"[..])).unwrap();
        third.commit().unwrap();
        let mut left: Vec<_> = std::fs::read_dir(&live).unwrap().flatten().map(|e| e.file_name()).collect();
        left.sort();
        assert_eq!(left, ["c.html"]);
        std::fs::remove_dir_all(&root).unwrap();
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
