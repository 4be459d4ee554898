//! The build cache in a folder of its own (`opsbook build --cache-dir DIR`, or
//! `OPSBOOK_CACHE_DIR`), rather than beside the output folder: a folder CI restores before
//! the build and saves after it (GitHub's `actions/cache`, GitLab's `cache:`), so that a
//! merge request's build in a fresh clone, with no earlier output, renders only what
//! changed. It holds the same two files as beside an output (`opsbook-cache`, the
//! highlighted blocks, and `opsbook-pages`, the pages' Markdown results), believed on the
//! same terms: whole, of the current format, written by this very binary (a cache of
//! another opsbook version or build is ignored), each result keyed by the hash of its
//! page's text and settings and checked against every link and included file it read.
//! Nothing in it is keyed by a file's time, so a clone whose every file is new uses it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::Path;

use crate::content::confine::Confinement;
use crate::fs::{Confined, OwnFolder};

/// The file of highlighted code blocks in a cache folder.
pub(super) const BLOCKS: &str = "opsbook-cache";

/// The file of page records in a cache folder.
pub(super) const PAGES: &str = "opsbook-pages";

/// The two files of the cache folder `dir`, once the folder exists, leftovers of killed
/// builds are removed, and links that lead out of it are gone (each with a warning);
/// `None`, with a warning, when the folder cannot be made.
pub(super) fn files_in(dir: &OwnFolder) -> Option<(Confined, Confined)> {
    if let Err(error) = crate::fs::create_dir_all(&dir.confined()) {
        warn(dir.path(), &format!("the folder cannot be made ({error:#})"));
        return None;
    }
    let confinement = Confinement::of_given_folder(dir.path())?;
    remove_leftovers(dir);
    let files = (dir.file(BLOCKS)?, dir.file(PAGES)?);
    for path in [&files.0, &files.1] {
        let Ok(metadata) = std::fs::symlink_metadata(path.path()) else { continue };
        if metadata.file_type().is_symlink()
            && let Err(why) = confinement.readable(path.path())
        {
            warn(path.path(), &format!("{why}; the link is removed"));
            let _ = crate::fs::remove_file(path);
        }
    }
    Some(files)
}

/// Warns that the cache file (or folder) `path` is not used, and why.
pub(super) fn warn(path: &Path, why: &str) {
    eprintln!(
        "warning: the build cache {} is not used: {why}; this build renders its pages without it",
        path.display()
    );
}

/// Whether a file is at `path` (of any kind, a link included).
pub(super) fn is_there(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Removes the half-written files (`opsbook-cache.PID`, `opsbook-pages.PID`) of builds
/// that were killed, unless their process still runs.
fn remove_leftovers(dir: &OwnFolder) {
    let Ok(entries) = std::fs::read_dir(dir.path()) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let pid = [BLOCKS, PAGES].iter().find_map(|file| name.strip_prefix(*file)?.strip_prefix('.'));
        let Some(pid) = pid.and_then(|pid| pid.parse::<u32>().ok()) else { continue };
        if pid != std::process::id()
            && !super::super::output::is_running(pid)
            && let Some(leftover) = dir.file(name)
        {
            let _ = crate::fs::remove_file(&leftover);
        }
    }
}

/// Makes the new file `path` for writing: whatever is at its name (a leftover, or a
/// link someone left there) is removed first, and the file is made only if nothing is
/// there, so writing never follows a link.
pub(super) fn create_new(path: &Confined) -> Option<std::fs::File> {
    let _ = crate::fs::remove_file(path);
    crate::fs::create_new(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_out_of_the_folder_is_removed_and_a_leftover_of_a_dead_build_too() {
        let scratch = std::env::temp_dir().join(format!("opsbook-cache-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        let dir = scratch.join("cache");
        std::fs::create_dir_all(&dir).expect("a folder");
        std::fs::write(scratch.join("secret"), "keep").expect("a file outside");
        #[cfg(unix)]
        std::os::unix::fs::symlink(scratch.join("secret"), dir.join(PAGES)).expect("a link");
        // No process has this number on Linux (pid_max is at most 2^22).
        std::fs::write(dir.join(format!("{BLOCKS}.4294967290")), "half").expect("a leftover");
        let (blocks, pages) = files_in(&OwnFolder::test(&dir)).expect("the files");
        assert_eq!((blocks, pages.clone()), (Confined::test(dir.join(BLOCKS)), Confined::test(dir.join(PAGES))));
        #[cfg(unix)]
        assert!(!is_there(pages.path()), "the link is gone");
        assert!(!is_there(&dir.join(format!("{BLOCKS}.4294967290"))), "the leftover is gone");
        assert_eq!(std::fs::read_to_string(scratch.join("secret")).expect("read"), "keep");
        let _ = std::fs::remove_dir_all(&scratch);
    }

    #[test]
    fn a_new_file_never_follows_a_link_at_its_name() {
        let scratch = std::env::temp_dir().join(format!("opsbook-cache-new-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        std::fs::create_dir_all(&scratch).expect("a folder");
        std::fs::write(scratch.join("target"), "keep").expect("a file");
        #[cfg(unix)]
        std::os::unix::fs::symlink(scratch.join("target"), scratch.join("new")).expect("a link");
        let file = create_new(&Confined::test(scratch.join("new")));
        assert!(file.is_some());
        assert_eq!(std::fs::read_to_string(scratch.join("target")).expect("read"), "keep");
        let _ = std::fs::remove_dir_all(&scratch);
    }
}
