//! Where a build's files go: a [`Sink`]. On disk, [`Output`] changes nothing in the
//! output folder until everything succeeded, so a failed build leaves the previous output
//! exactly as it was. A first build (no output folder yet) writes into a staging folder
//! beside the output folder and renames it into place; a rebuild keeps the files whose
//! bytes did not change and renames only the changed ones into place
//! ([`super::staging`]). Both leave a manifest of the output beside it
//! ([`super::manifest`]). The dev server keeps its files in memory instead.
//!
//! A file too large to hold whole (a section's print page, which shows the body of
//! every page beneath the section) is written in parts ([`Sink::write_parts`]): the sink
//! reads the parts as many times as it needs (to hash them, to compare them with the
//! previous output's file, to write them), and no part is copied into one string.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use std::path::Component;

use anyhow::{Context, Result, bail};

use super::manifest::{self, Entry, Manifest, Stamp};
use super::staging::Rebuild;
use crate::fs::{Confined, OwnFolder};
use crate::hash::FastHashSet;
use crate::site::Public;
use crate::spent::SpentTime;

/// Where the files of a site are written. Every file is [`Public`]: only what the
/// audience filter let through can be written (`site::public`).
pub trait Sink: Sync {
    /// Writes one file at a site path (`runbooks/db/index.html`).
    fn write(&self, site_path: &str, contents: Public<&[u8]>) -> Result<()>;
    /// Adds a file that is copied as it is from `from`.
    fn copy(&self, from: Public<&Confined>, site_path: &str) -> Result<()>;
    /// Writes one file at a site path whose bytes are `parts`, one after the other: the
    /// same file as [`Sink::write`] of them joined, without joining them (by default,
    /// they are joined).
    fn write_parts(&self, site_path: &str, parts: Public<&dyn Parts>) -> Result<()> {
        let mut whole = Vec::new();
        parts.get().each(&mut |part| {
            whole.extend_from_slice(part);
            Ok(())
        })?;
        self.write(site_path, parts.map(|_| whole.as_slice()))
    }
    /// Keeps the previous output's file at `site_path` as this build's, when it holds
    /// `len` bytes that hash to `hash` ([`super::manifest::hash`]): the document the
    /// build cache says the page's template would write ([`super::cache::rendered`]).
    /// False when there is no such file: the caller renders and writes it. A sink
    /// without a previous output keeps nothing.
    fn keep(&self, _site_path: &str, _len: u64, _hash: u128) -> Result<bool> {
        Ok(false)
    }
    /// The time spent writing since the last call, summed over threads, when the sink
    /// keeps count (`opsbook build --timings`).
    fn take_time_spent(&self) -> Duration {
        Duration::ZERO
    }
}

/// A file's bytes in parts, which can be read more than once.
pub trait Parts {
    /// Calls `part` with each part of the file, in order, stopping at its first error.
    fn each(&self, part: &mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>;
}

/// A first build's record of what it wrote into its staging folder.
#[derive(Default)]
struct Fresh {
    /// The manifest's entries of the files written.
    entries: Mutex<Vec<(String, Entry)>>,
    /// The folders made (or found there) so far, so that each is made with one `mkdir`
    /// and the next file in it needs none: the search index writes thousands of files
    /// into one folder.
    folders: Mutex<FastHashSet<PathBuf>>,
}

/// A build's output under construction: [`Output::at`] begins it, [`Sink::write`] and
/// [`Sink::copy`] add each file, [`Output::commit`] puts it in place.
pub(crate) struct Output {
    final_dir: OwnFolder,
    /// The staging folder beside the output folder: the whole new output for a first
    /// build, the changed files for a rebuild.
    temp_dir: OwnFolder,
    /// The manifest beside the output folder.
    manifest_path: Confined,
    /// Where the build may keep a file of its own while it runs, beside the output
    /// folder ([`Output::scratch_file`]).
    scratch_path: Confined,
    /// The time spent writing, summed over threads.
    writing: SpentTime,
    /// How the files are written; taken by [`Output::commit`].
    mode: Option<Mode>,
}

/// How a build writes its output.
enum Mode {
    /// Into the staging folder, which becomes the output folder: there was none.
    Fresh(Fresh),
    /// In place of the previous output.
    Rebuild(Box<Rebuild>),
}

impl Output {
    /// Prepares a staging folder beside `final_dir`, claimed as a build claims it
    /// ([`super::claim`]). A symbolic link is followed: the build writes into the folder
    /// it points to, and the link stays as it is.
    #[cfg(test)]
    pub(crate) fn create(final_dir: &Path, root: &Path) -> Result<Output> {
        let content = crate::config::DEFAULT_CONTENT_DIR;
        let dir = check_output_dir(final_dir, root, content)?;
        Output::begin(OwnFolder::named_on_command_line(&dir), false, root, content)
    }

    /// Prepares the build of the output folder of `claim`, which [`super::claim`] has
    /// resolved, checked and locked for the handbook at `root` with the content folder
    /// `content`: removes what killed builds left beside it, makes the staging folder
    /// (which must pass the same check), and, when the folder holds a previous output,
    /// lists it and reads its manifest.
    pub(crate) fn at(claim: &super::claim::Claim, root: &Path, content: &str) -> Result<Output> {
        Output::begin(claim.dir.clone(), claim.force, root, content)
    }

    fn begin(final_dir: OwnFolder, force: bool, root: &Path, content: &str) -> Result<Output> {
        if final_dir.path().exists() && !final_dir.path().is_dir() {
            bail!("cannot write the site to {}: it is a file, not a folder", final_dir.path().display());
        }
        let (_, name) = super::claim::parent_and_name(final_dir.path());
        remove_leftovers(&final_dir, &name)?;
        let beside = |file: String| {
            final_dir.sibling(&file).with_context(|| format!("cannot write beside {}", final_dir.path().display()))
        };
        let temp_dir = beside(format!(".{name}.building-{}", std::process::id()))?;
        check_output_dir(temp_dir.path(), root, content)?;
        crate::fs::remove_dir_all(&temp_dir.confined())?;
        crate::fs::create_dir_all(&temp_dir.confined())?;
        let manifest_path = beside(crate::content::confine::manifest_file_name(&name))?.confined();
        let scratch_path = beside(format!(".{name}.opsbook-scratch.{}", std::process::id()))?.confined();
        let mode = if final_dir.path().is_dir() {
            Mode::Rebuild(Box::new(Rebuild::begin(&final_dir, &temp_dir, &manifest_path, force)?))
        } else {
            Mode::Fresh(Fresh::default())
        };
        Ok(Output { final_dir, temp_dir, manifest_path, scratch_path, writing: SpentTime::new(), mode: Some(mode) })
    }

    /// A file beside the output folder that the build may use while it runs
    /// (`.public.opsbook-scratch.PID`), none of the output: its user removes it, and
    /// the next build removes it if this one is killed ([`remove_leftovers`]).
    pub(crate) fn scratch_file(&self) -> &Confined {
        &self.scratch_path
    }

    /// The path of a site path (`runbooks/db/index.html`) inside the staging folder;
    /// an error for a path that would leave it.
    pub(crate) fn path(&self, site_path: &str) -> Result<Confined> {
        crate::site_path::output_file(&self.temp_dir, site_path)
    }

    /// Puts the new output in place: renames the staging folder to the output folder
    /// (a first build), or the changed files into the output folder, removing the stale
    /// ones (a rebuild); then writes the manifest.
    pub(crate) fn commit(mut self) -> Result<()> {
        match self.mode.take() {
            Some(Mode::Fresh(Fresh { entries, .. })) => {
                // The manifest first: an output folder is never there without one, which
                // would make it a folder no build wrote ([`super::claim`]). Renaming the
                // folder keeps its files' stamps.
                let entries = entries.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
                Manifest::of(entries).write(&self.manifest_path)?;
                crate::fs::rename(&self.temp_dir.confined(), &self.final_dir.confined())
            }
            Some(Mode::Rebuild(rebuild)) => rebuild.commit(),
            None => Ok(()),
        }
    }
}

/// Removes what builds into `parent/name` that were killed left beside it: staging
/// folders (`.public.building-PID`, and `.public.old-PID` of earlier versions) and
/// manifests and caches half written (`.public.opsbook-manifest.PID`,
/// `.public.opsbook-cache.PID`) and scratch files (`.public.opsbook-scratch.PID`), unless the process `PID`
/// still runs (as far as the system tells).
pub(crate) fn remove_leftovers(final_dir: &OwnFolder, name: &str) -> Result<()> {
    let Some(parent) = final_dir.path().parent() else { return Ok(()) };
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let prefixes = [
        format!(".{name}.building-"),
        format!(".{name}.old-"),
        format!(".{name}.opsbook-manifest."),
        format!(".{name}.opsbook-scratch."),
        format!(".{name}.opsbook-cache."),
        format!(".{name}.opsbook-pages."),
    ];
    // The build cache is opened before the Markdown step, so this build's new cache
    // files are already there (a dead process's files of the same number were truncated
    // when they were made again).
    let cache_files = &prefixes[4..];
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else { continue };
        let pid = prefixes.iter().find_map(|prefix| file_name.strip_prefix(prefix.as_str()));
        let Some(pid) = pid.and_then(|pid| pid.parse::<u32>().ok()) else { continue };
        let mine = pid == std::process::id();
        if (!mine && is_running(pid)) || (mine && cache_files.iter().any(|prefix| file_name.starts_with(prefix))) {
            continue;
        }
        let Some(path) = final_dir.sibling(file_name).map(|beside| beside.confined()) else { continue };
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            crate::fs::remove_tree_in_parallel(&path)?;
        } else {
            crate::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.path().display()))?;
        }
    }
    Ok(())
}

/// Whether the process `pid` runs.
#[cfg(target_os = "linux")]
pub(crate) fn is_running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Whether the process `pid` runs: not known here, so a leftover is always removed.
#[cfg(not(target_os = "linux"))]
pub(crate) fn is_running(_: u32) -> bool {
    false
}

/// The output folder `final_dir` with links followed and `..` resolved, when it is safe:
/// neither the handbook's root, nor a folder that holds it, nor one of its source
/// folders (the content folder `content`, whatever its name, the theme's folders
/// [`crate::config::THEME_FOLDERS`] and `.git/`), nor a folder inside or holding one of them. Both sides
/// are resolved before they are compared, so no other spelling (a symbolic link,
/// `other/../hb`) gets past. A folder inside the root (`public/`) is the usual place.
pub(crate) fn check_output_dir(final_dir: &Path, root: &Path, content: &str) -> Result<PathBuf> {
    let out = resolve(final_dir)?;
    let root = resolve(root)?;
    let refuse = |why: String| -> Result<PathBuf> {
        bail!(
            "refusing to write the site to {}: {why}; a build replaces its output folder, so it would delete the handbook's sources",
            out.display()
        )
    };
    if out == root {
        return refuse("it is the handbook's root folder".into());
    }
    if root.starts_with(&out) {
        return refuse("it holds the handbook's root folder".into());
    }
    if out.join(".git").exists() {
        bail!(
            "refusing to write the site to {}: it holds a .git folder, so it is a repository rather than a build's output, and a build replaces its output folder",
            out.display()
        )
    }
    let [statics, templates, themes] = crate::config::THEME_FOLDERS;
    for name in [content, statics, templates, themes, ".git"] {
        let source = resolve(&root.join(name))?;
        if out.starts_with(&source) {
            return refuse(format!("it is or is inside the handbook's {name}/ folder"));
        }
        if source.starts_with(&out) {
            return refuse(format!("it holds the handbook's {name}/ folder"));
        }
    }
    Ok(out)
}

/// `path` made absolute, with symbolic links followed and `.` and `..` resolved, whether
/// it exists or not: its longest existing ancestor is canonicalised, and the rest, which
/// does not exist and so holds no links, resolved as written. A link to nothing is an
/// error.
pub(crate) fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component<'_>> = absolute.components().collect();
    for known in (1..=components.len()).rev() {
        let prefix: PathBuf = components[..known].iter().collect();
        match prefix.canonicalize() {
            Ok(mut resolved) => {
                for component in &components[known..] {
                    match component {
                        Component::ParentDir => {
                            resolved.pop();
                        }
                        Component::Normal(name) => resolved.push(name),
                        _ => {}
                    }
                }
                return Ok(resolved);
            }
            Err(_) if std::fs::symlink_metadata(&prefix).is_ok_and(|m| m.file_type().is_symlink()) => {
                bail!("cannot write the site to {}: {} is a symbolic link to nothing", path.display(), prefix.display())
            }
            Err(_) => {}
        }
    }
    Ok(absolute)
}

impl Sink for Output {
    fn write(&self, site_path: &str, contents: Public<&[u8]>) -> Result<()> {
        let contents = contents.into_inner();
        self.writing.time(|| match &self.mode {
            Some(Mode::Rebuild(rebuild)) => rebuild.write(site_path, contents),
            Some(Mode::Fresh(fresh)) => {
                let path = self.path(site_path)?;
                let stamp = write_new_file(&path, &fresh.folders, |file| file.write_all(contents))?;
                record(&fresh.entries, site_path, Entry { hash: manifest::hash(contents), stamp });
                Ok(())
            }
            None => bail!("the output of this build is already in place"),
        })
    }

    fn write_parts(&self, site_path: &str, parts: Public<&dyn Parts>) -> Result<()> {
        let parts = parts.into_inner();
        self.writing.time(|| match &self.mode {
            Some(Mode::Rebuild(rebuild)) => rebuild.write_parts(site_path, parts),
            Some(Mode::Fresh(fresh)) => {
                let path = self.path(site_path)?;
                let mut hasher = manifest::Hasher::new();
                let stamp = write_new_file(&path, &fresh.folders, |file| {
                    parts.each(&mut |part| {
                        hasher.update(part);
                        file.write_all(part)
                    })
                })?;
                record(&fresh.entries, site_path, Entry { hash: hasher.finish(), stamp });
                Ok(())
            }
            None => bail!("the output of this build is already in place"),
        })
    }

    fn keep(&self, site_path: &str, len: u64, hash: u128) -> Result<bool> {
        self.writing.time(|| match &self.mode {
            Some(Mode::Rebuild(rebuild)) => Ok(rebuild.keep(site_path, len, hash)),
            Some(Mode::Fresh(_)) => Ok(false),
            None => bail!("the output of this build is already in place"),
        })
    }

    fn copy(&self, from: Public<&Confined>, site_path: &str) -> Result<()> {
        let from = from.into_inner();
        match &self.mode {
            Some(Mode::Rebuild(rebuild)) => rebuild.copy(from, site_path),
            Some(Mode::Fresh(Fresh { entries, .. })) => {
                let path = self.path(site_path)?;
                crate::fs::copy(from, &path, crate::fs::FileKind::Asset)?;
                let shown = path.path().display();
                let mut file = crate::fs::open_own(&path).with_context(|| format!("cannot read {shown}"))?;
                let stamp = Stamp::of(&file.metadata().with_context(|| format!("cannot read {shown}"))?);
                let hash = manifest::hash_stream(&mut file).with_context(|| format!("cannot read {shown}"))?;
                record(entries, site_path, Entry { hash, stamp });
                Ok(())
            }
            None => bail!("the output of this build is already in place"),
        }
    }

    fn take_time_spent(&self) -> Duration {
        self.writing.take()
    }
}

/// Adds the manifest entry of a file a fresh output wrote at `site_path`.
fn record(entries: &Mutex<Vec<(String, Entry)>>, site_path: &str, entry: Entry) {
    entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((site_path.to_owned(), entry));
}

/// Writes a file at `path`, a file of the staging folder, with `write`, and returns its stamp:
/// the parent folder made with one `mkdir` when it is not in `folders` (the usual case
/// for a page, `name/index.html`, whose folder nobody made yet), its parents only when
/// that fails, and the stamp read from the open file rather than by its path again: two
/// system calls that walk the path fewer per page than [`crate::fs::write`] (which
/// looks for the folder first) and [`std::fs::metadata`]. A folder made or found is
/// added to `folders`, so the next file in it makes no `mkdir` at all.
fn write_new_file(
    path: &Confined,
    folders: &Mutex<FastHashSet<PathBuf>>,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<Stamp> {
    if let Some(parent) = path.path().parent() {
        let lock = || folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !lock().contains(parent) {
            // A file in its place fails the write below, which names it.
            crate::fs::create_parent(path)?;
            lock().insert(parent.to_path_buf());
        }
    }
    let written = crate::fs::create(path).and_then(|mut file| {
        write(&mut file)?;
        file.metadata()
    });
    let metadata = written.with_context(|| format!("cannot write {}", path.path().display()))?;
    Ok(Stamp::of(&metadata))
}

impl Drop for Output {
    fn drop(&mut self) {
        // Still there after a commit only if it failed: then with files never placed.
        let _ = crate::fs::remove_dir_all(&self.temp_dir.confined());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("opsbook-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn puts_the_new_output_in_place_and_keeps_the_old_when_dropped() {
        let root = scratch("swap");
        let public = root.join("public");
        let output = Output::create(&public, &root).unwrap();
        output.write("old.html", crate::site::Public::from_binary(&b"old"[..])).unwrap();
        output.commit().unwrap();

        let output = Output::create(&public, &root).unwrap();
        output.write("new/index.html", crate::site::Public::from_binary(&b"new"[..])).unwrap();
        drop(output);
        assert!(public.join("old.html").exists());
        assert!(!public.join("new").exists());

        let output = Output::create(&public, &root).unwrap();
        output.write("new/index.html", crate::site::Public::from_binary(&b"new"[..])).unwrap();
        output.commit().unwrap();
        assert!(!public.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(public.join("new/index.html")).unwrap(), "new");
        let mut leftovers: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name()).collect();
        leftovers.sort();
        assert_eq!(leftovers, [".public.opsbook-manifest", "public"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_first_build_renames_its_staging_folder_into_place_with_a_manifest() {
        let root = scratch("first");
        let public = root.join("public");
        let output = Output::create(&public, &root).unwrap();
        output.write("a/index.html", crate::site::Public::from_binary(&b"page"[..])).unwrap();
        output.commit().unwrap();
        assert_eq!(std::fs::read_to_string(public.join("a/index.html")).unwrap(), "page");
        let manifest = Manifest::read(&Confined::test(root.join(".public.opsbook-manifest"))).expect("a manifest");
        let entry = manifest.get("a/index.html").expect("the page's entry");
        assert_eq!(entry.hash, manifest::hash(b"page"));
        let metadata = std::fs::metadata(public.join("a/index.html")).unwrap();
        assert_eq!(entry.stamp, Stamp::of(&metadata), "the stamp survives the folder's rename");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn writes_files_whose_folders_are_missing_or_already_there() {
        let root = scratch("folders");
        let public = root.join("public");
        let output = Output::create(&public, &root).unwrap();
        output.write("a/b/c/index.html", crate::site::Public::from_binary(&b"deep"[..])).unwrap();
        output.write("a/b/c/other.html", crate::site::Public::from_binary(&b"beside"[..])).unwrap();
        output.write("a/index.html", crate::site::Public::from_binary(&b"above"[..])).unwrap();
        output.write("top.html", crate::site::Public::from_binary(&b"top"[..])).unwrap();
        output.commit().unwrap();
        let manifest = Manifest::read(&Confined::test(root.join(".public.opsbook-manifest"))).expect("a manifest");
        for (path, text) in [("a/b/c/index.html", "deep"), ("a/b/c/other.html", "beside"), ("a/index.html", "above")] {
            assert_eq!(std::fs::read_to_string(public.join(path)).unwrap(), text);
            let metadata = std::fs::metadata(public.join(path)).unwrap();
            assert_eq!(manifest.get(path).expect("an entry").stamp, Stamp::of(&metadata), "{path}");
        }
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_to_write_over_the_sources() {
        let root = scratch("refuse");
        assert!(Output::create(&root, &root).is_err());
        assert!(Output::create(&root.join("content/out"), &root).is_err());
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn refuses_an_output_inside_a_content_folder_of_another_name() {
        let root = scratch("refuse-src");
        let error = check_output_dir(&root.join("src/book"), &root, "src").unwrap_err();
        assert!(error.to_string().contains("handbook's src/ folder"), "{error}");
        assert!(check_output_dir(&root.join("docs"), &root, "docs/en").is_err(), "it holds the content folder");
        assert!(check_output_dir(&root.join("content/out"), &root, "src").is_ok(), "content/ is no source then");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
