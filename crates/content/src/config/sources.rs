//! `[[sources]]`: other folders mounted into the content tree, typically git submodules
//! or CI checkouts of other repositories, so that one handbook is built from several.
//!
//! Each table names a folder (`path`, relative to book.toml) and where its files appear
//! among the pages (`mount`, a content-relative folder and so a URL prefix), with the
//! repository, branch and folder inside it (`subdir`) that its edit, source and history
//! links point to, and an optional `visibility`. The rest of the build sees a mounted
//! file by its content path (`osism/guides/x.md`), as if it lay in the content folder;
//! [`Sources::locate`] maps that path back to the file on disk and the path diagnostics
//! name (`vendor/osism-docs/docs/guides/x.md`).
//!
//! Resolving checks, each a `config-field` error at the table or key: `path` is given,
//! relative, inside the root, neither inside the content folder nor holding it; `mount` is a relative
//! folder path without `..` whose URL (its folders slugged, as the site makes them) is a
//! path of the site, and no mount's URL is another's or lies inside another's: mounts
//! that differ only in case (`Team`, `team`) would be one folder of the output.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{CONFIG_FILE, LinksTable, Repository};
use crate::diagnostic::{Diagnostic, Rule, line_column};

/// One `[[sources]]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct SourceTable {
    /// The folder to mount, relative to book.toml. Required.
    path: Option<toml::Spanned<String>>,
    /// The content-relative folder its files appear under (their URL prefix). Required.
    mount: Option<toml::Spanned<String>>,
    /// The repository the folder comes from, for edit, source and history links; the
    /// handbook's own repository unless set.
    repository: Option<String>,
    /// The branch those links point to (`main` unless set).
    branch: Option<String>,
    /// The folder's path inside that repository (`""`: its root).
    subdir: Option<toml::Spanned<String>>,
    /// `internal` leaves every page of the source out of a public build, like an
    /// internal section.
    visibility: Option<toml::Spanned<String>>,
}

/// One mounted folder, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The folder, relative to the root, `/`-separated, without a trailing `/`.
    pub folder: String,
    /// The content-relative folder its files appear under, without a trailing `/`.
    pub mount: String,
    /// Its own repository, when `repository` is set; else the handbook's links apply.
    pub repository: Option<Repository>,
    /// The folder's path inside its repository, `""` or ending in `/` (`docs/`).
    pub subdir: String,
    /// Whether its pages are internal.
    pub internal: bool,
    /// The line of its `[[sources]]` header in book.toml, for diagnostics about it.
    pub line: usize,
    /// The line and column of its `path` value in book.toml, for diagnostics about the
    /// folder.
    pub path_at: (usize, usize),
}

impl Source {
    /// A folder an old tool's layout publishes, mounted as a `[[sources]]` table with
    /// only `path` and `mount` would mount it: public, the handbook's repository.
    pub fn mounted(folder: String, mount: String) -> Source {
        Source { folder, mount, repository: None, subdir: String::new(), internal: false, line: 0, path_at: (0, 0) }
    }

    /// The root-relative path of a file of this source (`vendor/x/docs/a.md`), from its
    /// path below the mount (`a.md`).
    pub fn shown(&self, rest: &str) -> String {
        if rest.is_empty() { self.folder.clone() } else { format!("{}/{rest}", self.folder) }
    }
}

/// Every mounted folder of a handbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// In book.toml's order.
    pub list: Vec<Source>,
    /// The content paths of the mounted files and folders -> the index of their
    /// source in `list`, filled by the walk (`content::mounts`): a path under a mount
    /// that is not among them is the content folder's.
    pub files: std::collections::HashMap<String, usize>,
}

impl Sources {
    /// The mounted folders, relative to the root.
    pub fn folders(&self) -> Vec<String> {
        self.list.iter().map(|s| s.folder.clone()).collect()
    }

    /// The source a content-relative path lies in, with the path below its mount. A
    /// folder mounted at the root (an old tool's pages published beside the content
    /// folder's) holds only the files and folders the walk found in it.
    pub fn find<'a>(&self, path: &'a str) -> Option<(usize, &'a str)> {
        self.list.iter().enumerate().find_map(|(i, source)| {
            if source.mount.is_empty() {
                return (!path.is_empty() && self.files.get(path.trim_end_matches('/')) == Some(&i))
                    .then_some((i, path));
            }
            let rest = path.strip_prefix(source.mount.as_str())?;
            if rest.is_empty() { Some((i, rest)) } else { rest.strip_prefix('/').map(|rest| (i, rest)) }
        })
    }

    /// The source a content path (of a file or folder the walk found) comes from, with
    /// the path below its mount; `None` for the content folder's, under a mount or not.
    pub fn mounted<'a>(&self, path: &'a str) -> Option<(usize, &'a str)> {
        self.find(path).filter(|(i, _)| self.files.get(path.trim_end_matches('/')) == Some(i))
    }

    /// Where the file of content path `path` is: its absolute path, and its path from
    /// the root as diagnostics name it. `content` is the content folder.
    pub fn locate(&self, root: &Path, content: &str, path: &str) -> (PathBuf, String) {
        match self.mounted(path) {
            Some((i, rest)) => {
                let source = &self.list[i];
                (root.join(&source.folder).join(rest), source.shown(rest))
            }
            None => (root.join(content).join(path), format!("{content}/{path}")),
        }
    }
}

impl Sources {
    /// The content path of a file given by its path from the root (`content/a.md` or
    /// `vendor/x/docs/a.md`): the inverse of [`Sources::locate`]; `None` for a file
    /// outside the content folder and every mounted folder.
    pub fn content_path(&self, content: &str, shown: &str) -> Option<String> {
        let below = |folder: &str| {
            shown
                .strip_prefix(folder)
                .and_then(|rest| if rest.is_empty() { Some(rest) } else { rest.strip_prefix('/') })
        };
        for source in &self.list {
            if let Some(rest) = below(&source.folder) {
                return Some(match (source.mount.is_empty(), rest.is_empty()) {
                    (true, _) => rest.to_string(),
                    (false, true) => source.mount.clone(),
                    (false, false) => format!("{}/{rest}", source.mount),
                });
            }
        }
        below(content).map(str::to_string)
    }
}

/// Resolves the `[[sources]]` tables; problems are `config-field` errors at the table's
/// header or the key.
pub(super) fn resolve_sources(
    tables: Vec<SourceTable>,
    content: &str,
    handbook_links: &LinksTable,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Sources {
    let headers = table_headers(text);
    let mut list: Vec<Source> = Vec::new();
    for (n, table) in tables.into_iter().enumerate() {
        let header = headers.get(n).copied().unwrap_or((0, 0));
        match resolve_source(&table, header, content, &list, handbook_links, text) {
            Ok(source) => list.push(source),
            Err(((line, column), message, help)) => problems.push(
                Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message).with_help(help.to_string()),
            ),
        }
    }
    Sources { list, files: std::collections::HashMap::new() }
}

/// A problem of a `[[sources]]` table: where, what, and the help.
type SourceProblem = ((usize, usize), String, &'static str);

/// One `[[sources]]` table (its header at `header`) resolved against the
/// content folder and the mounts before it.
fn resolve_source(
    table: &SourceTable,
    header: (usize, usize),
    content: &str,
    list: &[Source],
    handbook_links: &LinksTable,
    text: &str,
) -> Result<Source, SourceProblem> {
    let at = |spanned: &toml::Spanned<String>| line_column(text, spanned.span().start);
    let Some(path) = &table.path else {
        return Err((
            header,
            "this `[[sources]]` table has no `path`: the folder to mount".into(),
            "add `path = \"vendor/other-docs/docs\"`, the folder relative to book.toml",
        ));
    };
    let Some(mount) = &table.mount else {
        return Err((
            header,
            "this `[[sources]]` table has no `mount`: where its pages appear".into(),
            "add `mount = \"other\"`, a folder of the content tree (the URL prefix /other/)",
        ));
    };
    let folder = match normal_folder(path.get_ref()) {
        Ok(folder) => folder,
        Err(why) => {
            return Err((
                at(path),
                format!("`[[sources]] path` is {:?}: {why}", path.get_ref()),
                "name a folder inside the handbook, relative to book.toml",
            ));
        }
    };
    if folder == content || folder.starts_with(&format!("{content}/")) {
        return Err((
            at(path),
            format!("`[[sources]] path` is {:?}: it lies inside the content folder `{content}/`", path.get_ref()),
            "its pages are already in the content tree; mount a folder outside it",
        ));
    }
    if content.starts_with(&format!("{folder}/")) {
        return Err((
            at(path),
            format!("`[[sources]] path` is {:?}: it holds the content folder `{content}/`", path.get_ref()),
            "mount the folder of the other repository's pages, beside the content folder",
        ));
    }
    let mount_folder = match normal_folder(mount.get_ref()) {
        Ok(folder) => folder,
        Err(why) => {
            return Err((
                at(mount),
                format!("`[[sources]] mount` is {:?}: {why}", mount.get_ref()),
                "name a folder of the content tree, such as \"osism\" or \"projects/osism\"",
            ));
        }
    };
    let url = mount_url(&mount_folder);
    if let Err(problem) = crate::site_path::check(&format!("{url}/index.html")) {
        return Err((
            at(mount),
            format!("`[[sources]] mount` is {:?}: {problem}", mount.get_ref()),
            "name a shorter folder of the content tree: its name is part of every URL under it",
        ));
    }
    if let Some(other) = list.iter().find(|s| nested(&mount_url(&s.mount), &url)) {
        let other_url = mount_url(&other.mount);
        let why = if nested(&other.mount, &mount_folder) {
            String::new()
        } else if other_url == url {
            format!(": both are the URL /{url}/")
        } else {
            format!(": the URL /{other_url}/ and the URL /{url}/ lie one inside the other")
        };
        return Err((
            at(mount),
            format!(
                "`[[sources]] mount` {mount_folder:?} collides with the mount {:?} of `{}`{why}",
                other.mount, other.folder
            ),
            "give each source a mount of its own, neither inside the other",
        ));
    }
    let subdir = match &table.subdir {
        None => String::new(),
        Some(subdir) if subdir.get_ref().trim().trim_matches('/').is_empty() => String::new(),
        Some(subdir) => match normal_folder(subdir.get_ref()) {
            Ok(folder) => format!("{folder}/"),
            Err(why) => {
                return Err((
                    at(subdir),
                    format!("`[[sources]] subdir` is {:?}: {why}", subdir.get_ref()),
                    "name the folder's path inside its repository, such as \"docs\"",
                ));
            }
        },
    };
    let internal = match table.visibility.as_ref().map(|v| (v, v.get_ref().as_str())) {
        None | Some((_, "public")) => false,
        Some((_, "internal")) => true,
        Some((spanned, other)) => {
            return Err((
                at(spanned),
                format!("`[[sources]] visibility` is `public` or `internal`, not {other:?}"),
                "write `visibility = \"internal\"` to keep the source out of public builds",
            ));
        }
    };
    let repository = Repository::written(table.repository.as_deref(), table.branch.as_ref(), handbook_links);
    let path_at = at(path);
    Ok(Source { folder, mount: mount_folder, repository, subdir, internal, line: header.0, path_at })
}

/// A mount's URL path, as the site makes it of its folders (`Team/On Call` ->
/// `team/on-call`): the form in which two mounts must differ, and which must be a path
/// of the site (`crate::site_path`), so that every page under it can be written on any
/// file system, case-sensitive or not.
fn mount_url(mount: &str) -> String {
    mount.split('/').map(crate::slug::slugify).collect::<Vec<_>>().join("/")
}

/// Whether one mount is the other or lies inside it.
fn nested(a: &str, b: &str) -> bool {
    a == b || b.starts_with(&format!("{a}/")) || a.starts_with(&format!("{b}/"))
}

/// The place `written` names in the content tree for a mount another tool's
/// configuration asks for, normalised, when a `[[sources]]` table could take it: a plain
/// relative folder, neither one of the mounts of `list` nor inside one nor holding one.
pub fn free_mount(written: &str, list: &[Source]) -> Option<String> {
    let folder = relative_folder(written).ok()?;
    (!list.iter().any(|source| nested(&source.mount, &folder))).then_some(folder)
}

/// The folder and mount another tool's configuration asks to mount (`written` folder
/// from the root, `route` in the site), normalised, when a `[[sources]]` table could
/// mount them beside the content folder `content` and the mounts of `list`; `None` when a
/// mount of `list` has the folder or its place already (the user's table wins); else why
/// no table could.
pub fn mountable(
    written: &str,
    route: &str,
    content: &str,
    list: &[Source],
) -> Result<Option<(String, String)>, String> {
    let folder = normal_folder(written).map_err(|why| format!("its folder {written:?}: {why}"))?;
    if folder == content || folder.starts_with(&format!("{content}/")) {
        return Err(format!("its folder {written:?} lies inside the content folder `{content}/`"));
    }
    if content.starts_with(&format!("{folder}/")) {
        return Err(format!("its folder {written:?} holds the content folder `{content}/`"));
    }
    let mount = normal_folder(route).map_err(|why| format!("its route {route:?}: {why}"))?;
    let url = mount_url(&mount);
    crate::site_path::check(&format!("{url}/index.html"))
        .map_err(|problem| format!("its route {route:?}: {problem}"))?;
    let taken = list.iter().any(|s| s.folder == folder || nested(&mount_url(&s.mount), &url));
    Ok((!taken).then_some((folder, mount)))
}

/// A relative folder path, normalised (`./a/b/` -> `a/b`), or why it is not one.
fn normal_folder(written: &str) -> Result<String, &'static str> {
    relative_folder(written).map_err(|problem| match problem {
        FolderProblem::Root => "it must name a folder, not the root itself",
        FolderProblem::Absolute => "it must be a relative path, not absolute",
        FolderProblem::Escapes => "it must not contain `..`: it would escape its folder",
        FolderProblem::NotPlain => "it must be a plain folder path, without empty, `.` or hidden segments",
        FolderProblem::Control => "it must not hold control characters",
        FolderProblem::TooLong => "each of its folder names must be at most 200 bytes long",
    })
}

/// Why a written folder path is not a plain relative one ([`relative_folder`]).
pub(super) enum FolderProblem {
    /// Empty, or `.`: the root itself.
    Root,
    /// Absolute (or with a drive).
    Absolute,
    /// A `..` segment.
    Escapes,
    /// An empty, `.` or hidden segment.
    NotPlain,
    /// A control character.
    Control,
    /// A segment of an output folder longer than [`MAX_FOLDER_NAME`] bytes: no file
    /// system takes it with the names a build adds beside it (`.NAME.opsbook-manifest`).
    TooLong,
}

/// The longest folder name a folder path of `book.toml` may have, in bytes: 255, the
/// limit of common file systems, less what the names beside an output add.
pub(super) const MAX_FOLDER_NAME: usize = 200;

/// `written`, a relative folder path, normalised (`./a/b/` -> `a/b`); `[[sources]]` and
/// `[build] content-dir` say what is wrong in their own words.
pub(super) fn relative_folder(written: &str) -> Result<String, FolderProblem> {
    let normal = written.trim().replace('\\', "/");
    let normal = normal.trim_start_matches("./").trim_end_matches('/');
    if normal.is_empty() || normal == "." {
        Err(FolderProblem::Root)
    } else if normal.starts_with('/') || Path::new(written.trim()).is_absolute() || normal.contains(':') {
        Err(FolderProblem::Absolute)
    } else if normal.split('/').any(|segment| segment == "..") {
        Err(FolderProblem::Escapes)
    } else if normal.split('/').any(|segment| segment.is_empty() || segment == "." || segment.starts_with('.')) {
        Err(FolderProblem::NotPlain)
    } else if normal.chars().any(char::is_control) {
        Err(FolderProblem::Control)
    } else {
        Ok(normal.to_string())
    }
}

/// The line and column of each `[[sources]]` header, in order.
fn table_headers(text: &str) -> Vec<(usize, usize)> {
    let normal = |s: &str| s.chars().filter(|c| !matches!(c, ' ' | '\t' | '"' | '\'')).collect::<String>();
    text.lines()
        .enumerate()
        .filter(|(_, line)| normal(line.split('#').next().unwrap_or_default()) == "[[sources]]")
        .map(|(i, line)| (i + 1, line.len() - line.trim_start().len() + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> (Sources, Vec<Diagnostic>) {
        resolve_in(text, "content")
    }

    fn resolve_in(text: &str, content: &str) -> (Sources, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct Raw {
            sources: Vec<SourceTable>,
        }
        let raw: Raw = toml::from_str(text).unwrap();
        let mut problems = Vec::new();
        let sources = resolve_sources(raw.sources, content, &LinksTable::default(), text, &mut problems);
        (sources, problems)
    }

    #[test]
    fn reads_a_source() {
        let (mut sources, problems) = resolve(
            "[[sources]]\npath = \"./vendor/osism/docs/\"\nmount = \"osism\"\nrepository = \"https://github.com/osism/osism.github.io.git\"\nsubdir = \"docs\"\nvisibility = \"internal\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let source = &sources.list[0];
        assert_eq!(
            (source.folder.as_str(), source.mount.as_str(), source.subdir.as_str()),
            ("vendor/osism/docs", "osism", "docs/")
        );
        assert_eq!(
            source.repository.as_ref().map(|r| (r.url.as_str(), r.branch.as_str())),
            Some(("https://github.com/osism/osism.github.io", "main"))
        );
        assert!(source.internal);
        assert_eq!(sources.find("osism/guides/a.md"), Some((0, "guides/a.md")));
        assert_eq!(sources.locate(Path::new("/site"), "content", "osism/a.md").1, "content/osism/a.md", "not mounted");
        sources.files.insert("osism/a.md".into(), 0);
        assert_eq!(sources.find("osismx/a.md"), None);
        let (file, shown) = sources.locate(Path::new("/site"), "content", "osism/a.md");
        assert_eq!((file, shown.as_str()), (PathBuf::from("/site/vendor/osism/docs/a.md"), "vendor/osism/docs/a.md"));
        assert_eq!(sources.locate(Path::new("/site"), "content", "b/a.md").1, "content/b/a.md");
        assert_eq!(sources.content_path("content", "vendor/osism/docs/g/a.md").as_deref(), Some("osism/g/a.md"));
        assert_eq!(sources.content_path("content", "content/b/a.md").as_deref(), Some("b/a.md"));
        assert_eq!(sources.content_path("content", "vendor/osism/a.md"), None);
    }

    #[test]
    fn rejects_a_folder_that_holds_the_content_folder() {
        let text = "[[sources]]\npath = \"docs\"\nmount = \"d\"\n";
        let (sources, problems) = resolve_in(text, "docs/en");
        assert!(sources.list.is_empty());
        assert_eq!((problems[0].line, problems[0].column), (2, 8));
        assert!(problems[0].message.contains("it holds the content folder `docs/en/`"), "{}", problems[0].message);
    }

    #[test]
    fn rejects_bad_tables_at_their_place() {
        let text = "[[sources]]\nmount = \"a\"\n\n[[sources]]\npath = \"x\"\nmount = \"/abs\"\n[[sources]]\npath = \"y\"\nmount = \"b/../../c\"\n[[sources]]\npath = \"z\"\nmount = \"d\"\n[[sources]]\npath = \"w\"\nmount = \"d/e\"\n[[sources]]\npath = \"content/v\"\nmount = \"v\"\n[[sources]]\npath = \"./\"\nmount = \"r\"\n";
        let (sources, problems) = resolve(text);
        let found: Vec<(usize, usize, &str)> =
            problems.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(sources.list.len(), 1, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (1, 1));
        assert!(found[0].2.contains("no `path`"));
        assert_eq!((found[1].0, found[1].1), (6, 9));
        assert!(found[1].2.contains("absolute"));
        assert_eq!(found[2].0, 9);
        assert!(found[2].2.contains("`..`"));
        assert_eq!(found[3].0, 15);
        assert!(found[3].2.contains("collides with the mount \"d\""));
        assert_eq!(found[4].0, 17);
        assert!(found[4].2.contains("inside the content folder"));
        assert_eq!(found[5].0, 20);
        assert!(found[5].2.contains("not the root itself"), "{}", found[5].2);
    }

    #[test]
    fn rejects_a_table_without_a_mount_at_its_header() {
        let (sources, problems) = resolve("[[sources]]\npath = \"x\"\n");
        assert!(sources.list.is_empty());
        let found: Vec<(usize, usize, &str)> =
            problems.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
        assert_eq!(found, [(1, 1, "this `[[sources]]` table has no `mount`: where its pages appear")]);
    }

    #[test]
    fn rejects_a_bad_subdir_and_visibility_at_their_place() {
        let text = "[[sources]]\npath = \"x\"\nmount = \"a\"\nsubdir = \"../docs\"\n[[sources]]\npath = \"y\"\nmount = \"b\"\nvisibility = \"secret\"\n";
        let (sources, problems) = resolve(text);
        let found: Vec<(usize, &str)> = problems.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert!(sources.list.is_empty(), "{found:?}");
        assert_eq!(found[0].0, 4);
        assert!(found[0].1.contains("`[[sources]] subdir` is \"../docs\""), "{}", found[0].1);
        assert_eq!(found[1].0, 8);
        assert!(found[1].1.contains("`public` or `internal`, not \"secret\""), "{}", found[1].1);
    }
}
