//! What a rebuild may remove from its output folder ([`super::staging`]): only what an
//! earlier build wrote there, as its manifest ([`super::manifest`]) records it, unless
//! the command line gave `--force`; and never anything below a `.git` folder.
//!
//! - A file the build writes may replace what stands at its path when the manifest lists
//!   that path (an earlier build's file, edited since or not), or with `--force`.
//! - A file the site no longer has (stale) is removed when the manifest lists it and it is
//!   still the file that build left: the same stamp, or else the same bytes (a restored
//!   copy of the output). One edited since, or one the manifest does not list, stays.
//! - A folder goes when it is left empty and an earlier build made it (a listed file was
//!   in it), or with `--force`.
//! - With `--force`, everything the site does not hold goes, links and files of names
//!   that are not UTF-8 included, except what lies below a `.git` folder at any depth.
//!
//! A forged manifest (one committed beside a folder of sources) could only name files
//! whose bytes it knows, and none below `.git`.

use std::collections::HashSet;
use std::path::Path;

use crate::fs::OwnFolder;

use super::manifest::{self, Manifest, Stamp};

/// What stands at a path of the previous output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    File,
    Folder,
    /// A symbolic link or a special file: never followed.
    Other,
}

/// The rules of what a rebuild may remove from the output folder `live`.
pub(super) struct Ownership<'a> {
    /// The output folder.
    live: &'a OwnFolder,
    /// The manifest of the earlier build, if it could be read.
    manifest: Option<&'a Manifest>,
    /// The folders an earlier build made: those above a file its manifest lists.
    made: HashSet<&'a str>,
    /// `--force`: whatever the site does not hold may go (but below `.git`).
    force: bool,
}

impl<'a> Ownership<'a> {
    /// The rules for the output folder `live`, whose earlier build left `manifest`.
    pub(super) fn new(live: &'a OwnFolder, manifest: Option<&'a Manifest>, force: bool) -> Ownership<'a> {
        let mut made = HashSet::new();
        for site_path in manifest.iter().flat_map(|m| m.paths()) {
            for (at, _) in site_path.match_indices('/') {
                made.insert(&site_path[..at]);
            }
        }
        Ownership { live, manifest, made, force }
    }

    /// Whether a file the build writes at `site_path` may replace what stands there, of
    /// `kind`.
    pub(super) fn may_replace(&self, site_path: &str, kind: Kind) -> bool {
        if below_git(site_path) || kind == Kind::Folder {
            return false;
        }
        self.force || self.manifest.is_some_and(|m| m.get(site_path).is_some())
    }

    /// Whether the entry at `site_path` (of `kind`), which the site no longer has, may be
    /// removed. A folder is never removed as a whole: it goes when it is left empty
    /// ([`Ownership::may_prune`]).
    pub(super) fn may_remove(&self, site_path: &str, kind: Kind) -> bool {
        if below_git(site_path) || kind == Kind::Folder {
            return false;
        }
        if self.force {
            return true;
        }
        kind == Kind::File && self.is_as_left(site_path)
    }

    /// Whether the folder at `site_path`, once empty, may be removed: an earlier build
    /// made it (the manifest lists a file below it), or `--force`.
    pub(super) fn may_prune(&self, site_path: &str) -> bool {
        if below_git(site_path) {
            return false;
        }
        self.force || self.made.contains(site_path)
    }

    /// Whether the file at `site_path` is the one the manifest records: a regular file
    /// with the recorded stamp, or the recorded size and bytes.
    fn is_as_left(&self, site_path: &str) -> bool {
        let Some(entry) = self.manifest.and_then(|m| m.get(site_path)) else { return false };
        let Ok(path) = crate::site_path::output_file(self.live, site_path) else { return false };
        let Ok(metadata) = std::fs::symlink_metadata(path.path()) else { return false };
        if !metadata.is_file() || metadata.len() != entry.stamp.size() {
            return false;
        }
        if Stamp::of(&metadata) == entry.stamp {
            return true;
        }
        crate::fs::open_own(&path)
            .map_err(std::io::Error::other)
            .and_then(|mut file| manifest::hash_stream(&mut file))
            .is_ok_and(|hash| hash == entry.hash)
    }
}

/// Whether a site path is, or lies below, a `.git` folder (in any case: some file
/// systems do not tell `.GIT` from `.git`).
pub(super) fn below_git(site_path: &str) -> bool {
    site_path.split('/').any(|segment| segment.eq_ignore_ascii_case(".git"))
}

/// Whether a path of the file system is, or lies below, a `.git` folder.
pub(super) fn path_below_git(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str().to_str().is_some_and(|name| name.eq_ignore_ascii_case(".git")))
}

/// Removes `path` and what it holds, without following links, sparing every `.git`
/// folder and the folders that hold one; a missing path is fine. Returns whether
/// something was spared.
pub(super) fn remove_sparing_git(folder: &OwnFolder) -> std::io::Result<bool> {
    let path = folder.path();
    let metadata = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    if path_below_git(path) {
        return Ok(true);
    }
    if !metadata.is_dir() {
        return crate::fs::remove_file(&folder.confined()).map(|()| false);
    }
    let mut spared = false;
    for entry in std::fs::read_dir(path)? {
        let Some(inner) = folder.folder(entry?.file_name()) else { continue };
        spared |= remove_sparing_git(&inner)?;
    }
    if !spared {
        crate::fs::remove_dir(&folder.confined())?;
    }
    Ok(spared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_paths_below_git() {
        for path in [".git", ".git/config", "a/.git/HEAD", "a/.GIT/x", "x/.Git"] {
            assert!(below_git(path), "{path}");
        }
        for path in ["a/b.git", "git/x", ".github/workflows", "a/.gitignore", "index.html"] {
            assert!(!below_git(path), "{path}");
        }
    }

    #[test]
    fn removes_a_tree_but_its_git_folders() {
        let dir = crate::test_support::temp_dir("sparing-git");
        for file in ["a/x.html", "a/repo/.git/HEAD", "a/repo/readme", "b/y.html"] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        assert!(
            remove_sparing_git(&OwnFolder::named_on_command_line(&dir.join("a"))).unwrap(),
            "the repository was spared"
        );
        assert!(dir.join("a/repo/.git/HEAD").exists());
        assert!(!dir.join("a/x.html").exists() && !dir.join("a/repo/readme").exists());
        assert!(!remove_sparing_git(&OwnFolder::named_on_command_line(&dir.join("b"))).unwrap());
        assert!(!dir.join("b").exists());
        assert!(!remove_sparing_git(&OwnFolder::named_on_command_line(&dir.join("missing"))).unwrap());
    }
}
