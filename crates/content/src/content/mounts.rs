//! Walks the folders mounted by `[[sources]]` (after the content folder, step 4) and
//! adds their files to the content tree under each mount: `vendor/osism/docs/a.md`
//! mounted at `osism` is the page `osism/a.md`. Each folder is walked like `content/`
//! (hidden files and `_includes/` skipped, symbolic links confined to the handbook), and
//! its diagnostics name its files by their path from the root. A mounted file at the
//! content path of another file (of the content folder or another source) is a
//! `duplicate-url` error naming both.
//!
//! Folders are compared as they resolve ([`Confinement::resolve`]), not as written: a
//! source whose folder is the content folder or another source's, or lies inside one
//! or holds one (a symbolic link makes `vendor/docs` the folder of an internal
//! section), is a `config-field` error at its `path` and is not walked, since its files
//! would be published twice, under two audiences.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::confine::Confinement;
use super::walk::{ContentFiles, walk_content};
use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Diagnostic, Rule};

/// Adds the files of every mounted folder to `files`, with the mount folders (and the
/// folders above them) as folders of the tree. A folder that does not exist is a
/// `config-field` error at its `[[sources]]` table, except an internal source's in a
/// public build, which leaves it out anyway.
pub fn walk_mounts(
    config: &Config,
    output_dir: Option<&Path>,
    files: &mut ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if config.sources.list.is_empty() {
        return;
    }
    let mut known_dirs: HashSet<String> = files.dirs.iter().cloned().collect();
    // Content path -> the file it is, as diagnostics name it.
    let mut known_files: HashMap<String, String> = files
        .pages
        .iter()
        .chain(&files.assets)
        .map(|path| (path.clone(), format!("{}{path}", config.content_prefix())))
        .collect();
    let confine = Confinement::new(&config.root);
    let resolve = |folder: &str| confine.as_ref().and_then(|c| c.resolve(&config.root.join(folder)));
    // The folders taken so far, resolved, and how they are named in messages.
    let mut taken: Vec<(PathBuf, String)> = Vec::new();
    if let Some(content) = resolve(&config.content_folder) {
        taken.push((content, format!("the content folder `{}/`", config.content_folder)));
    }
    for (i, source) in config.sources.list.iter().enumerate() {
        if let Some(resolved) = resolve(&source.folder) {
            if let Some(d) = overlap(config, source, &resolved, &taken) {
                diagnostics.push(d);
                continue;
            }
            let named = format!("the folder `{}` of the source mounted at `{}`", source.folder, source.mount);
            taken.push((resolved, named));
        }
        if !config.root.join(&source.folder).is_dir() {
            // A public build needs no internal source: its job need not check it out.
            if source.internal && config.audience == crate::config::Audience::Public {
                continue;
            }
            diagnostics.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    CONFIG_FILE,
                    source.line,
                    1,
                    format!(
                        "the folder `{}` of the source mounted at `{}` does not exist",
                        source.folder, source.mount
                    ),
                )
                .with_help("check it out first: `git submodule update --init`, or clone the repository to that path"),
            );
            continue;
        }
        let found = walk_content(&config.root, &source.folder, output_dir, diagnostics);
        // A folder mounted at the root adds its files beside the content folder's, and
        // only the folders the content folder lacks are its own.
        let at_root = source.mount.is_empty();
        let mount = |path: &str| if at_root { path.to_string() } else { format!("{}/{path}", source.mount) };
        let mut above = Vec::new();
        if !at_root {
            let mut dir = source.mount.as_str();
            loop {
                above.push(dir.to_string());
                match dir.rsplit_once('/') {
                    Some((parent, _)) => dir = parent,
                    None => break,
                }
            }
            files.mounted.insert(source.mount.clone(), i);
        }
        for dir in above.into_iter().rev().chain(found.dirs.iter().map(|d| mount(d))) {
            let new = known_dirs.insert(dir.clone());
            if dir != source.mount && dir.starts_with(&source.mount) && (new || !at_root) {
                files.mounted.insert(dir.clone(), i);
            }
            if new {
                files.dirs.push(dir);
            }
        }
        for (found, into) in [(&found.pages, &mut files.pages), (&found.assets, &mut files.assets)] {
            for rest in found {
                let path = mount(rest);
                if let Some(other) = known_files.get(&path) {
                    let clash = duplicate(&source.shown(rest), other, &path);
                    // Pages mounted at the root give way to the content folder's.
                    diagnostics.push(if at_root {
                        clash.with_severity(crate::diagnostic::Severity::Note)
                    } else {
                        clash
                    });
                    continue;
                }
                known_files.insert(path.clone(), source.shown(rest));
                files.mounted.insert(path.clone(), i);
                into.push(path);
            }
        }
        files.links.extend(found.links.into_iter().map(|(path, target)| (mount(&path), target)));
        files.categories.extend(found.categories.into_iter().map(|mut category| {
            category.dir = if category.dir.is_empty() { source.mount.clone() } else { mount(&category.dir) };
            category
        }));
    }
}

/// A `config-field` error at `source`'s `path` when its folder, `resolved`, is one of
/// the folders `taken` (the content folder, the sources before it) or lies inside one
/// or holds one.
fn overlap(
    config: &Config,
    source: &crate::config::Source,
    resolved: &Path,
    taken: &[(PathBuf, String)],
) -> Option<Diagnostic> {
    let (how, other) = taken.iter().find_map(|(other, named)| {
        let how = if resolved == other {
            "is"
        } else if resolved.starts_with(other) {
            "lies inside"
        } else if other.starts_with(resolved) {
            "holds"
        } else {
            return None;
        };
        Some((how, named))
    })?;
    let through = match std::fs::canonicalize(&config.root)
        .ok()
        .and_then(|root| resolved.strip_prefix(root).ok().map(crate::fs::slash_path))
    {
        Some(real) if real != source.folder => format!(" (it resolves to `{real}`)"),
        _ => String::new(),
    };
    let (line, column) = source.path_at;
    Some(
        Diagnostic::error(
            Rule::ConfigField,
            CONFIG_FILE,
            line,
            column,
            format!(
                "`[[sources]] path` {:?}{through} {how} {other}: its files would be published twice",
                source.folder
            ),
        )
        .with_help(
            "mount each folder once, from one `[[sources]]` table, apart from the content folder and the other sources",
        ),
    )
}

/// Two files at one content path (a mounted file and one of the content folder or of
/// another source): they would be one URL, a `duplicate-url` error naming both. The
/// first one found (the content folder's, then the sources' in book.toml's order) stays.
fn duplicate(file: &str, other: &str, path: &str) -> Diagnostic {
    Diagnostic::error(
        Rule::DuplicateUrl,
        file,
        1,
        1,
        format!("`{file}` and `{other}` are both the file `{path}` of the content tree, so both map to its URL"),
    )
    .with_help("rename one of the files, or mount the source somewhere else")
}
