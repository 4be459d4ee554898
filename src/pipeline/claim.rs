//! The output folder a build claims before it reads or writes anything beside it. A
//! build replaces what its output folder holds, so a folder is only taken when doing so
//! loses nothing that was not a build's.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};

use super::manifest::Manifest;
use super::output::check_output_dir;
use crate::config::{Config, OutputChoice};
use crate::diagnostic::{Diagnostic, Failure, Rule};

/// An output folder a build may write: resolved, checked, and locked until dropped.
pub(crate) struct Claim {
    /// The output folder, links followed and `..` resolved.
    pub(crate) dir: crate::fs::OwnFolder,
    /// Whether the build may replace what no earlier build wrote (`--force`).
    pub(crate) force: bool,
    /// The lock held on the folder.
    _lock: File,
}

/// Claims the output folder of `config` for a build: checks it against the sources, waits
/// for the lock beside it, and refuses a folder that holds what no earlier build wrote
/// unless `force`.
pub(crate) fn claim(config: &Config, force: bool) -> Result<Claim, Failure> {
    let located = |error: anyhow::Error| located(config, error);
    // A folder mounted by `[[sources]]` is a folder of pages too.
    for folder in config.sources.folders() {
        check_output_dir(&config.output_dir, &config.root, &folder).map_err(located)?;
    }
    let dir = check_output_dir(&config.output_dir, &config.root, &config.content_folder).map_err(located)?;
    // A folder book.toml chose (or `public/`) is the handbook's own: reached through a
    // symbolic link, it must still resolve inside the root, or a link committed in the
    // handbook would let a pull request replace a folder elsewhere on the machine.
    let own = if config.output_choice == OutputChoice::CommandLine {
        crate::fs::OwnFolder::named_on_command_line(&dir)
    } else {
        let confinement = crate::fs::confine::Confinement::new(&config.root)
            .ok_or_else(|| located(anyhow!("cannot resolve the handbook's folder {}", config.root.display())))?;
        confinement.own_folder(&dir).map_err(|_| {
            located(anyhow!(
                "refusing to write the site to {}: a symbolic link on the way leads it out of the handbook's folder; \
                 a folder named in book.toml (or `public/`) must resolve inside the handbook, and --out is the way to write elsewhere",
                crate::fs::shown_path(&dir)
            ))
        })?
    };
    if dir.exists() && !dir.is_dir() {
        return Err(located(anyhow!("cannot write the site to {}: it is a file, not a folder", dir.display())));
    }
    // The status site's folder is never the handbook's, nor in it or around it, as they
    // resolve: each build would remove the other's files.
    if let Some(handbook) = &config.status_site_beside {
        let handbook =
            check_output_dir(handbook, &config.root, &config.content_folder).unwrap_or_else(|_| handbook.clone());
        if dir.starts_with(&handbook) || handbook.starts_with(&dir) {
            return Err(located(anyhow!(
                "cannot write the status site to {}: it is, holds or lies in the handbook's output folder {}, \
                 and each build replaces what its folder holds",
                crate::fs::shown_path(&dir),
                crate::fs::shown_path(&handbook)
            )));
        }
    }
    let (_, name) = parent_and_name(&dir);
    crate::fs::create_parent(&own.confined())?;
    let beside = |file: String| own.sibling_file(&file).ok_or_else(|| anyhow!("cannot write beside {}", dir.display()));
    let lock = lock(&beside(format!(".{name}.opsbook-lock"))?, &dir)?;
    if !force && let Some(why) = foreign(&own, &beside(crate::content::confine::manifest_file_name(&name))?) {
        return Err(located(anyhow!(
            "refusing to write the site to {}: {why}, and a build removes what its output folder holds that the site does not; \
             empty the folder or choose another one, or pass --force to let the build replace its contents \
             (nothing below a .git folder is ever removed)",
            crate::fs::shown_path(&dir)
        )));
    }
    Ok(Claim { dir: own, force, _lock: lock })
}

/// Checks the build cache's folder (`--cache-dir`, `OPSBOOK_CACHE_DIR`) as an output
/// folder is checked: never the root, a source folder (the content folder, a mounted
/// folder, `static/`, `templates/`, `themes/`, `.git/`) or the output folder, nor in or
/// around one, as they resolve; else an internal build's cache would become a file of
/// the handbook that the next public build publishes, or a build would remove it.
pub(crate) fn check_cache_dir(config: &Config, cache: &Path, output: &Path) -> Result<(), Failure> {
    let resolve = |path: &Path| super::output::resolve(path).map_err(Failure::Environment);
    let cache = resolve(cache)?;
    let refuse = |why: String| {
        Failure::Environment(anyhow!(
            "refusing to keep the build cache in {}: {why}; pass another --cache-dir (or OPSBOOK_CACHE_DIR) outside the handbook's sources",
            crate::fs::shown_path(&cache)
        ))
    };
    let root = resolve(&config.root)?;
    if root.starts_with(&cache) {
        return Err(refuse("it is or holds the handbook's root folder".into()));
    }
    let [statics, templates, themes] = crate::config::THEME_FOLDERS;
    let sources = config.sources.folders();
    let named = [config.content_folder.as_str(), statics, templates, themes, ".git"];
    for name in named.into_iter().chain(sources.iter().map(String::as_str)) {
        let source = resolve(&config.root.join(name))?;
        if cache.starts_with(&source) || source.starts_with(&cache) {
            return Err(refuse(format!(
                "it is, holds or lies in the handbook's {name}/ folder, whose files a build reads and publishes"
            )));
        }
    }
    if cache.starts_with(output) || output.starts_with(&cache) {
        return Err(refuse(format!(
            "it is, holds or lies in the output folder {}, which a build replaces",
            crate::fs::shown_path(output)
        )));
    }
    // Any earlier build's output (known by its manifest) is published as it is.
    for folder in cache.ancestors() {
        let (parent, name) = parent_and_name(folder);
        if folder.parent().is_some() && parent.join(crate::content::confine::manifest_file_name(&name)).exists() {
            return Err(refuse(format!("it lies in {}, an opsbook build's output", crate::fs::shown_path(folder))));
        }
    }
    Ok(())
}

/// The folder holding `dir` and `dir`'s name (`public` for a root without one).
pub(crate) fn parent_and_name(dir: &Path) -> (PathBuf, String) {
    let name = dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = dir.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    (parent, name)
}

/// Why the folder `dir` holds something no opsbook build wrote, if it does: it is not
/// empty and there is no manifest it can be read from at `manifest`.
fn foreign(dir: &crate::fs::OwnFolder, manifest: &crate::fs::Confined) -> Option<String> {
    let mut entries = std::fs::read_dir(dir.path()).ok()?;
    let first = entries.next()?.ok()?.file_name();
    if Manifest::read(manifest).is_some() {
        return None;
    }
    let holds = format!("it holds `{}`", first.to_string_lossy());
    Some(match std::fs::symlink_metadata(manifest.path()) {
        Ok(_) => format!("{holds} and its manifest {} cannot be read", manifest.path().display()),
        Err(_) => format!("{holds} and no earlier opsbook build wrote there (it has no manifest beside it)"),
    })
}

/// Takes the lock file `path` of the output folder `dir`, waiting while another build
/// holds it.
fn lock(path: &crate::fs::Confined, dir: &Path) -> anyhow::Result<File> {
    let file = crate::fs::open_lock(path).with_context(|| format!("cannot open the lock {}", path.path().display()))?;
    let path = path.path();
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(TryLockError::WouldBlock) => {
            eprintln!("waiting for another build into {} to finish…", crate::fs::shown_path(dir));
        }
        Err(TryLockError::Error(e)) => return Err(e).with_context(|| format!("cannot lock {}", path.display())),
    }
    file.lock().with_context(|| format!("cannot lock {}", path.display()))?;
    Ok(file)
}

/// A refusal of the output folder: at `[build] output-dir` when `book.toml` chose it, else
/// an error of the command line.
fn located(config: &Config, error: anyhow::Error) -> Failure {
    match config.output_choice {
        OutputChoice::Config(line, column) => Failure::Content(vec![
            Diagnostic::error(Rule::ConfigField, crate::config::CONFIG_FILE, line, column, format!("{error:#}"))
                .with_help(if config.status_site_beside.is_some() {
                    "name another folder for `[status] site-dir`, or pass --out"
                } else {
                    "name another folder for `[build] output-dir`, or pass --out"
                }),
        ]),
        OutputChoice::CommandLine | OutputChoice::Default => Failure::Environment(error),
    }
}
