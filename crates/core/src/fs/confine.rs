//! The one confinement of every path opsbook reads or writes, and the types that carry
//! its verdict: [`Confined`], the only path `crate::fs` opens, and [`OwnFolder`], a
//! folder opsbook writes into (the output, its staging folder, the build cache). Their
//! constructors are private to this module, so a path that did not pass here cannot be
//! opened: the functions of `crate::fs` take nothing else, and clippy refuses the
//! standard library's file functions anywhere else (clippy.toml).
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::{Component, Path, PathBuf};

/// The name of the manifest a build leaves beside its output folder `output_name`
/// (`public` -> `.public.opsbook-manifest`): what marks a folder as an opsbook output.
pub fn manifest_file_name(output_name: &str) -> String {
    format!(".{output_name}.opsbook-manifest")
}

/// Whether a file or folder name is hidden or an editor's temporary file.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".swo")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// A path that passed the confinement: the only path `crate::fs` reads, writes, copies,
/// moves or removes.
// `pub` for the public `Sink` and `Origin` that name it; its field stays private here.
#[allow(unreachable_pub)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Confined(PathBuf);

impl Confined {
    /// A path as a test names it, not confined.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn test(path: impl AsRef<Path>) -> Confined {
        Confined(path.as_ref().to_path_buf())
    }

    /// The path, to look at (its name, its metadata) or to show.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// A file the person running opsbook named on the command line or in the
    /// environment (`--baseline FILE`, `check --rules FILE`, a payload file): theirs to
    /// choose, so it is not confined to the handbook.
    pub fn named_on_command_line(path: &Path) -> Confined {
        Confined(path.to_path_buf())
    }

    /// The executable opsbook runs from (`/proc/self/exe` on Linux), read to know the
    /// binary that wrote a build cache.
    pub fn running_executable(path: &Path) -> Confined {
        Confined(path.to_path_buf())
    }

    /// The same path with `suffix` added to its name, beside it in the same folder (a
    /// temporary copy to be renamed onto it).
    pub fn with_suffix(&self, suffix: &str) -> Confined {
        let mut name = self.0.as_os_str().to_owned();
        name.push(suffix);
        Confined(PathBuf::from(name))
    }

    /// The same path with another extension, beside it in the same folder (a temporary
    /// file to be renamed onto it).
    pub fn with_extension(&self, extension: &str) -> Confined {
        Confined(self.0.with_extension(extension))
    }
}

/// A folder opsbook writes into and owns: the output (once claimed), its staging
/// folder, the build cache. A plain relative name below it is confined by
/// construction, since opsbook made every folder on the way.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnFolder(PathBuf);

impl OwnFolder {
    /// A folder as a test names it.
    #[cfg(any(test, feature = "test-hooks"))]
    pub fn test(dir: impl AsRef<Path>) -> OwnFolder {
        OwnFolder(dir.as_ref().to_path_buf())
    }

    /// A folder the person running opsbook named on the command line or in the
    /// environment (`--out DIR`, `--cache-dir`, `OPSBOOK_CACHE_DIR`).
    pub fn named_on_command_line(dir: &Path) -> OwnFolder {
        OwnFolder(dir.to_path_buf())
    }

    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The folder itself, to create, move or remove it.
    pub fn confined(&self) -> Confined {
        Confined(self.0.clone())
    }

    /// A file below the folder at `relative`, plain names only (no `..`, no root);
    /// `None` for anything else.
    pub fn file(&self, relative: impl AsRef<Path>) -> Option<Confined> {
        plain(relative.as_ref()).then(|| Confined(self.0.join(relative)))
    }

    /// A folder below the folder at `relative`, plain names only.
    pub fn folder(&self, relative: impl AsRef<Path>) -> Option<OwnFolder> {
        plain(relative.as_ref()).then(|| OwnFolder(self.0.join(relative)))
    }

    /// A file beside this folder, by a plain name (the manifest, the lock).
    pub fn sibling_file(&self, name: &str) -> Option<Confined> {
        self.sibling(name).map(|folder| Confined(folder.0))
    }

    /// A file or folder beside this folder, by a plain name (the staging folder, the
    /// manifest): in the folder that holds it, which the claim of this one covers.
    pub fn sibling(&self, name: &str) -> Option<OwnFolder> {
        let parent = self.0.parent()?;
        plain(Path::new(name)).then(|| OwnFolder(parent.join(name)))
    }
}

/// Whether `relative` is made of plain names only: no root, no `..`, no `.`, not empty.
fn plain(relative: &Path) -> bool {
    let mut components = relative.components().peekable();
    components.peek().is_some() && components.all(|c| matches!(c, Component::Normal(_)))
}

/// The handbook's root, resolved, to tell paths that stay inside it from paths that
/// lead out, and (when made for a handbook) its content tree.
#[derive(Debug)]
pub struct Confinement {
    root: PathBuf,
    /// Folders inside the root that nothing published may come from (the output).
    excluded: Vec<PathBuf>,
    /// The content tree's folders, resolved: the content folder (mounted at `""`) and
    /// each `[[sources]]` folder with its mount.
    tree: Vec<(PathBuf, String)>,
    /// The root as messages name it.
    name: &'static str,
}

/// Why the confinement did not let a path through.
#[derive(Debug)]
pub enum Refused {
    /// It does not resolve (missing, a link to nothing, no permission).
    Unresolved(std::io::Error),
    /// It resolves where nothing is read: what and where.
    Leads(String),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Unresolved(e) => write!(f, "it cannot be resolved: {e}"),
            Refused::Leads(why) => f.write_str(why),
        }
    }
}

/// What [`Confinement::repository_entry`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepositoryEntry {
    /// A regular file.
    File,
    /// A folder.
    Folder,
}

/// Why a resolved path may not be read or published.
pub enum Refusal {
    /// It lies outside the root.
    Outside,
    /// It lies in a hidden file or folder: the path from the root.
    Hidden(String),
    /// It lies in an output folder: the folder, from the root.
    Output(String),
}

impl Confinement {
    /// The confinement of `root`; `None` when the root itself cannot be resolved (then
    /// nothing under it can be read either).
    pub fn new(root: &Path) -> Option<Confinement> {
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
    pub fn of_given_folder(dir: &Path) -> Option<Confinement> {
        Some(Confinement { name: "the folder given on the command line", ..Confinement::new(dir)? })
    }

    /// The same, with `dir` (an output folder, when it exists) out of bounds too.
    pub fn excluding(mut self, dir: &Path) -> Confinement {
        self.excluded.extend(std::fs::canonicalize(dir).ok());
        self
    }

    /// The same, with `folder` (resolved when it exists) a folder of the content tree
    /// mounted at `mount`.
    pub fn with_tree_folder(mut self, folder: &Path, mount: &str) -> Confinement {
        if let Some(resolved) = self.resolve(folder) {
            self.tree.push((resolved, mount.to_string()));
        }
        self
    }

    /// The resolved root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` with every symbolic link resolved; `None` when it does not resolve.
    pub fn resolve(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok()
    }

    /// The content path of `target`, a resolved path: its place below the content
    /// folder, or below a mounted folder under its mount; `None` outside them all.
    pub fn content_path_of(&self, target: &Path) -> Option<String> {
        let (folder, mount) = self
            .tree
            .iter()
            .filter(|(folder, _)| target.starts_with(folder))
            .max_by_key(|(f, _)| f.as_os_str().len())?;
        let rest = super::slash_path(target.strip_prefix(folder).ok()?);
        Some(match (mount.is_empty(), rest.is_empty()) {
            (true, _) => rest,
            (false, true) => mount.clone(),
            (false, false) => format!("{mount}/{rest}"),
        })
    }

    /// The content path of the real place of the file at `path` (every link resolved).
    pub fn content_path_of_file(&self, path: &Path) -> Option<String> {
        self.content_path_of(&self.resolve(path)?)
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
    pub fn refusal(&self, target: &Path) -> Option<Refusal> {
        let Ok(inside) = target.strip_prefix(&self.root) else { return Some(Refusal::Outside) };
        if inside.components().any(|c| c.as_os_str().to_str().is_none_or(is_ignored_name)) {
            return Some(Refusal::Hidden(super::slash_path(inside)));
        }
        let output = self.output_folder_of(target)?;
        let shown = output.strip_prefix(&self.root).map(super::slash_path).unwrap_or_default();
        Some(Refusal::Output(shown))
    }

    /// The file at `path`, to be read: `Err` says why not (it does not resolve, or it
    /// resolves, through symbolic links, outside the root, into a hidden file or folder,
    /// or into an output folder). The path returned is the one given, which resolves
    /// where it was judged.
    pub fn readable(&self, path: &Path) -> Result<Confined, Refused> {
        let target = std::fs::canonicalize(path).map_err(Refused::Unresolved)?;
        match self.refusal(&target) {
            None => Ok(Confined(path.to_path_buf())),
            Some(refusal) => Err(self.refused(&target, refusal)),
        }
    }

    /// A file the content walk listed, or an include the Markdown layer let through, at
    /// `path`, `relative` to the root as written: [`Confinement::readable`], except that
    /// a hidden name the walk or the include's lookup lets through by name (GitBook's
    /// `.gitbook/assets/` and `.gitbook/includes/`) is read when no link leads there.
    pub fn content_file(&self, path: &Path, relative: &Path) -> Result<Confined, Refused> {
        let target = std::fs::canonicalize(path).map_err(Refused::Unresolved)?;
        match self.refusal(&target) {
            None => Ok(Confined(path.to_path_buf())),
            Some(Refusal::Hidden(shown)) if shown == super::slash_path(relative) => Ok(Confined(path.to_path_buf())),
            Some(refusal) => Err(self.refused(&target, refusal)),
        }
    }

    /// The refusal of `target` in words.
    fn refused(&self, target: &Path, refusal: Refusal) -> Refused {
        Refused::Leads(match refusal {
            Refusal::Outside => format!("it leads outside {} (to {})", self.name, target.display()),
            Refusal::Hidden(shown) => {
                format!("it leads into a hidden file or folder (`{shown}`), which opsbook never reads")
            }
            Refusal::Output(dir) => format!("it is in the output folder `{dir}/`, which may hold an earlier build"),
        })
    }

    /// A file or folder the walk found at `path` and let through (it checked, with
    /// [`Confinement::refusal`], where it resolves): to be read or copied.
    pub fn walked(&self, path: &Path) -> Option<Confined> {
        let target = self.resolve(path)?;
        self.refusal(&target).is_none().then(|| Confined(path.to_path_buf()))
    }

    /// A file that a tool reads by its name in a hidden folder of the root
    /// (`.github/CODEOWNERS`): it must resolve inside the root, hidden or not.
    pub fn inside_root(&self, path: &Path) -> Option<Confined> {
        self.resolve(path).filter(|target| target.starts_with(&self.root)).map(|_| Confined(path.to_path_buf()))
    }

    /// A file that a tool reads by its name at the root itself (`.eleventy.js`, hidden
    /// so refused by [`Confinement::readable`]): a regular file there, never a link.
    pub fn file_at_root(&self, name: &str) -> Option<Confined> {
        let path = self.root.join(name);
        let one_name = plain(Path::new(name)) && Path::new(name).components().count() == 1;
        (one_name && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())).then_some(Confined(path))
    }

    /// What a repository's web view shows at `path`, only stat'ed, never read: a regular
    /// file or a folder that resolves inside the root, hidden or not (a forge shows
    /// `.github/`), but not in `.git` or an output folder; `None` for anything else
    /// (missing, a link leading out, a socket).
    pub fn repository_entry(&self, path: &Path) -> Option<RepositoryEntry> {
        let target = self.resolve(path)?;
        let inside = target.strip_prefix(&self.root).ok()?;
        if inside.components().any(|c| c.as_os_str() == ".git") || self.output_folder_of(&target).is_some() {
            return None;
        }
        let metadata = std::fs::metadata(&target).ok()?;
        if metadata.is_dir() {
            Some(RepositoryEntry::Folder)
        } else {
            metadata.is_file().then_some(RepositoryEntry::File)
        }
    }

    /// A new file or folder at `path`: the longest part of it that exists, resolved
    /// through symbolic links, must be a folder inside the root and not hidden or in an
    /// output folder (the rest, made anew, holds no link). `Err` says why not.
    pub fn writable(&self, path: &Path) -> Result<Confined, Refused> {
        let mut existing = path;
        while std::fs::symlink_metadata(existing).is_err() {
            let no_folder = || Refused::Leads(format!("{} has no folder that exists", path.display()));
            existing = existing.parent().ok_or_else(no_folder)?;
        }
        if existing != path {
            return self.readable(existing).map(|_| Confined(path.to_path_buf()));
        }
        Err(Refused::Leads(format!("{} exists already", path.display())))
    }

    /// A file to be made anew at `path` (with `crate::fs::create_new`, which never
    /// follows a link left at its name): its folder must resolve inside the root, not
    /// hidden nor in an output folder. `Err` says why not.
    pub fn new_file(&self, path: &Path) -> Result<Confined, Refused> {
        let folder = path.parent().ok_or_else(|| Refused::Leads(format!("{} has no folder", path.display())))?;
        self.readable(folder).map(|_| Confined(path.to_path_buf()))
    }

    /// A folder at `dir` that opsbook is to write into and own (an output folder named
    /// in book.toml, the default one): it must resolve, as far as it exists, inside the
    /// root. `Err` names where it leads instead.
    pub fn own_folder(&self, dir: &Path) -> Result<OwnFolder, PathBuf> {
        let mut existing = dir;
        while std::fs::symlink_metadata(existing).is_err() {
            let Some(parent) = existing.parent() else { return Ok(OwnFolder(dir.to_path_buf())) };
            existing = parent;
        }
        match self.resolve(existing) {
            Some(target) if !target.starts_with(&self.root) => Err(target),
            _ => Ok(OwnFolder(dir.to_path_buf())),
        }
    }
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
        assert!(confine.readable(&root.join("internal/vault/index.html")).is_ok());
        std::fs::write(root.join(manifest_file_name("internal")), "opsbook-manifest 1\n").unwrap();
        let refused = confine.readable(&root.join("internal/vault/index.html")).unwrap_err().to_string();
        assert!(refused.contains("the output folder `internal/`"), "{refused}");
        assert!(confine.readable(&root.join("notes/a.md")).is_ok());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn a_repository_entry_stays_inside_the_root() {
        let base = std::env::temp_dir().join(format!("opsbook-confine-repo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("repo");
        for dir in ["repo/.github", "repo/.git", "repo/public", "repo/generator", "outside"] {
            std::fs::create_dir_all(base.join(dir)).unwrap();
        }
        for file in ["repo/LICENSE", "repo/.github/x.md", "repo/.git/config", "repo/public/a.html", "outside/secret"] {
            std::fs::write(base.join(file), "x").unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("outside/secret"), root.join("leak")).unwrap();
        let confine = Confinement::new(&root).unwrap().excluding(&root.join("public"));
        assert_eq!(confine.repository_entry(&root.join("LICENSE")), Some(RepositoryEntry::File));
        assert_eq!(confine.repository_entry(&root.join(".github/x.md")), Some(RepositoryEntry::File));
        assert_eq!(confine.repository_entry(&root.join("generator")), Some(RepositoryEntry::Folder));
        for refused in [".git/config", ".git", "public/a.html", "leak", "missing", "../outside/secret"] {
            assert_eq!(confine.repository_entry(&root.join(refused)), None, "{refused}");
        }
        let _ = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn an_own_folder_takes_plain_names_only() {
        let own = OwnFolder::named_on_command_line(Path::new("/tmp/out"));
        assert_eq!(own.file("a/index.html").unwrap().path(), Path::new("/tmp/out/a/index.html"));
        for bad in ["", "../x", "/etc/passwd", "a/../../x", "./a"] {
            assert!(own.file(bad).is_none(), "{bad}");
            assert!(own.folder(bad).is_none(), "{bad}");
        }
        assert_eq!(own.sibling(".out.building-1").unwrap().path(), Path::new("/tmp/.out.building-1"));
        assert!(own.sibling("../x").is_none());
    }
}
