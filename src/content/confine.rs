//! The one confinement of every path a build reads or publishes, whoever names it: the
//! content walk and the `[[sources]]` folders (step 4), the theme and `static/`, the
//! CODEOWNERS file, the files pages include (step 8), and rule files.
//!
//! A path is judged on what it resolves to (every symbolic link followed), never on how
//! it is written:
//! 1. resolve it ([`Confinement::resolve`]); a path that does not resolve is not read;
//! 2. refuse it when it lies outside the handbook's root (`symlink-outside-root`);
//! 3. refuse it, when it is to be published or read, when it lies in a hidden file or
//!    folder of the root (`.git/`, `.env`), or in an opsbook output folder: this build's,
//!    or any earlier build's, which may be an internal build (`--out internal`) kept in
//!    the root. An output folder is known by the manifest its build left beside it
//!    (`.NAME.opsbook-manifest`, [`manifest_file_name`]); a build's staging folder
//!    (`.NAME.building-PID`) is hidden;
//! 4. for the audience rules, map it into the content tree ([`Confinement::content_path_of`]):
//!    a resolved file of the content folder or of a mounted folder has the content path
//!    its real place gives it, so a link cannot take a file out of an internal section.

use std::path::{Path, PathBuf};

use super::walk::is_ignored_name;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};

/// The name of the manifest a build leaves beside its output folder `output_name`
/// (`public` -> `.public.opsbook-manifest`): what marks a folder as an opsbook output.
pub(crate) fn manifest_file_name(output_name: &str) -> String {
    format!(".{output_name}.opsbook-manifest")
}

/// The handbook's root, resolved, to tell paths that stay inside it from paths that
/// lead out, and (when made for a handbook) its content tree.
pub(crate) struct Confinement {
    root: PathBuf,
    /// Folders inside the root that nothing published may come from (the output).
    excluded: Vec<PathBuf>,
    /// The content tree's folders, resolved: the content folder (mounted at `""`) and
    /// each `[[sources]]` folder with its mount.
    tree: Vec<(PathBuf, String)>,
    /// The root as messages name it.
    name: &'static str,
}

impl Confinement {
    /// The confinement of `root`; `None` when the root itself cannot be resolved (then
    /// nothing under it can be read either).
    pub(crate) fn new(root: &Path) -> Option<Confinement> {
        Some(Confinement {
            root: std::fs::canonicalize(root).ok()?,
            excluded: Vec::new(),
            tree: Vec::new(),
            name: "the handbook's folder",
        })
    }

    /// The confinement of a folder outside the handbook that the command line names
    /// (`check --rules ../alerting/rules`): what it holds may be read, nothing its links
    /// lead to elsewhere.
    pub(crate) fn of_given_folder(dir: &Path) -> Option<Confinement> {
        Some(Confinement {
            root: std::fs::canonicalize(dir).ok()?,
            excluded: Vec::new(),
            tree: Vec::new(),
            name: "the folder given on the command line",
        })
    }

    /// The confinement of a handbook: its root, its output folder out of bounds, and its
    /// content tree (the content folder and the mounted folders that exist).
    pub(crate) fn of_handbook(config: &Config) -> Option<Confinement> {
        let mut confinement = Confinement::new(&config.root)?.excluding(&config.output_dir);
        let folders = std::iter::once((config.content_folder.as_str(), ""))
            .chain(config.sources.list.iter().map(|s| (s.folder.as_str(), s.mount.as_str())));
        for (folder, mount) in folders {
            if let Some(resolved) = confinement.resolve(&config.root.join(folder)) {
                confinement.tree.push((resolved, mount.to_string()));
            }
        }
        Some(confinement)
    }

    /// The same, with `dir` (an output folder, when it exists) out of bounds too.
    pub(crate) fn excluding(mut self, dir: &Path) -> Confinement {
        self.excluded.extend(std::fs::canonicalize(dir).ok());
        self
    }

    /// `path` with every symbolic link resolved; `None` when it does not resolve.
    pub(crate) fn resolve(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok()
    }

    /// The content path of `target`, a resolved path: its place below the content
    /// folder, or below a mounted folder under its mount; `None` outside them all.
    pub(crate) fn content_path_of(&self, target: &Path) -> Option<String> {
        let (folder, mount) = self
            .tree
            .iter()
            .filter(|(folder, _)| target.starts_with(folder))
            .max_by_key(|(f, _)| f.as_os_str().len())?;
        let rest = crate::fs::slash_path(target.strip_prefix(folder).ok()?);
        Some(match (mount.is_empty(), rest.is_empty()) {
            (true, _) => rest,
            (false, true) => mount.clone(),
            (false, false) => format!("{mount}/{rest}"),
        })
    }

    /// The output folder `target` (a resolved path inside the root) lies in, if any:
    /// this build's, or a folder an earlier build left its manifest beside.
    fn output_folder_of<'t>(&self, target: &'t Path) -> Option<&'t Path> {
        if let Some(dir) = self.excluded.iter().find(|dir| target.starts_with(dir)) {
            return target.ancestors().find(|a| a == dir);
        }
        target.ancestors().take_while(|a| a.starts_with(&self.root) && *a != self.root).find(|dir| {
            let (Some(parent), Some(name)) = (dir.parent(), dir.file_name().and_then(|n| n.to_str())) else {
                return false;
            };
            parent.join(manifest_file_name(name)).is_file()
        })
    }

    /// Why nothing may be read or published from `target`, a resolved path: outside the
    /// root, in a hidden file or folder, or in an output folder. `None` when it may be.
    fn refusal(&self, target: &Path) -> Option<Refusal> {
        let Ok(inside) = target.strip_prefix(&self.root) else { return Some(Refusal::Outside) };
        if inside.components().any(|c| c.as_os_str().to_str().is_none_or(is_ignored_name)) {
            return Some(Refusal::Hidden(crate::fs::slash_path(inside)));
        }
        let output = self.output_folder_of(target)?;
        let shown = output.strip_prefix(&self.root).map(crate::fs::slash_path).unwrap_or_default();
        Some(Refusal::Output(shown))
    }

    /// [`Confinement::check`] for a file or folder that a build publishes: a link may
    /// also not lead into a hidden file or folder of the root (`.git/config`, `.env`),
    /// which the walk itself never publishes, nor into an output folder (this build's,
    /// or an earlier one's, which may hold an internal build).
    pub(crate) fn check_published(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        if let Some(d) = self.check(path, shown) {
            return Some(d);
        }
        let target = self.resolve(path)?;
        let inside = crate::fs::slash_path(target.strip_prefix(&self.root).ok()?);
        let why = match self.refusal(&target)? {
            Refusal::Outside => return None,
            Refusal::Hidden(_) => {
                "a hidden file or folder (such as `.git/`), which a build never publishes".to_string()
            }
            Refusal::Output(dir) => format!("the output folder `{dir}/`, which may hold an earlier build"),
        };
        let message = format!("this symbolic link leads into {why} (`{inside}`): it is not read or published");
        Some(
            Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, message)
                .with_help("copy the file into the handbook, or link to something that is published"),
        )
    }

    /// Whether a file may be read to be included in a page or checked (a rule file):
    /// `Err` says why not (it resolves, through symbolic links, outside the root, into
    /// a hidden file or folder, or into an output folder).
    pub(crate) fn check_readable(&self, path: &Path) -> Result<(), String> {
        let target = std::fs::canonicalize(path).map_err(|e| format!("it cannot be resolved: {e}"))?;
        match self.refusal(&target) {
            None => Ok(()),
            Some(Refusal::Outside) => Err(format!("it leads outside {} (to {})", self.name, target.display())),
            Some(Refusal::Hidden(shown)) => {
                Err(format!("it leads into a hidden file or folder (`{shown}`), which opsbook never reads"))
            }
            Some(Refusal::Output(dir)) => {
                Err(format!("it is in the output folder `{dir}/`, which may hold an earlier build"))
            }
        }
    }

    /// Whether a new file may be written at `path`: the longest part of it that exists,
    /// resolved through symbolic links, must be a folder inside the root and not hidden
    /// or in an output folder (the rest, made anew, holds no link). `Err` says why not.
    pub(crate) fn check_writable(&self, path: &Path) -> Result<(), String> {
        let mut existing = path;
        while std::fs::symlink_metadata(existing).is_err() {
            existing = existing.parent().ok_or_else(|| format!("{} has no folder that exists", path.display()))?;
        }
        if existing != path {
            return self.check_readable(existing);
        }
        Err(format!("{} exists already", path.display()))
    }

    /// The content path of the real place of the file at `path` (every link resolved):
    /// [`Confinement::content_path_of`] its resolved path.
    pub(crate) fn content_path_of_file(&self, path: &Path) -> Option<String> {
        self.content_path_of(&self.resolve(path)?)
    }

    /// A `symlink-outside-root` error when `path` (a link, or a path through one)
    /// resolves outside the root; `shown` is the path as diagnostics name it.
    pub(crate) fn check(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        // A broken link does not resolve: the walk reports it as unreadable.
        let target = self.resolve(path)?;
        if target.starts_with(&self.root) {
            return None;
        }
        Some(
            Diagnostic::error(
                Rule::SymlinkOutsideRoot,
                shown,
                0,
                0,
                format!(
                    "this symbolic link leads outside the handbook's folder (to {}): it is not read or published",
                    target.display()
                ),
            )
            .with_help("copy the file into the handbook, or link to something inside it"),
        )
    }
}

/// Why a resolved path may not be read or published.
enum Refusal {
    /// It lies outside the root.
    Outside,
    /// It lies in a hidden file or folder: the path from the root.
    Hidden(String),
    /// It lies in an output folder: the folder, from the root.
    Output(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_earlier_outputs_by_their_manifest() {
        let root = std::env::temp_dir().join(format!("opsbook-confine-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("internal/vault")).unwrap();
        std::fs::create_dir_all(root.join("notes")).unwrap();
        std::fs::write(root.join("internal/vault/index.html"), "x").unwrap();
        std::fs::write(root.join("notes/a.md"), "x").unwrap();
        let confine = Confinement::new(&root).unwrap();
        assert_eq!(confine.check_readable(&root.join("internal/vault/index.html")), Ok(()));
        std::fs::write(root.join(manifest_file_name("internal")), "opsbook-manifest 1\n").unwrap();
        let refused = confine.check_readable(&root.join("internal/vault/index.html")).unwrap_err();
        assert!(refused.contains("the output folder `internal/`"), "{refused}");
        assert_eq!(confine.check_readable(&root.join("notes/a.md")), Ok(()));
        let _ = std::fs::remove_dir_all(&root);
    }
}
