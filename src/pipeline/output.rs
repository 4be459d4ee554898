//! Where a build's files go: a [`Sink`]. On disk, [`Output`] writes into a staging
//! folder beside the output folder and swaps it in only when everything succeeded, so a
//! failed build leaves the previous output exactly as it was; a rebuild starts the
//! staging folder from the previous output's files, hard-linked, and rewrites only the
//! files whose bytes changed ([`super::staging`]). The dev server keeps its files in
//! memory instead.

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::path::Component;

use anyhow::{Result, bail};

use super::staging::{self, Previous};
use crate::spent::SpentTime;

/// Where the files of a site are written.
pub trait Sink: Sync {
    /// Writes one file at a site path (`runbooks/db/index.html`).
    fn write(&self, site_path: &str, contents: &[u8]) -> Result<()>;
    /// Adds a file that is copied as it is from `from`.
    fn copy(&self, from: &Path, site_path: &str) -> Result<()>;
    /// The time spent writing since the last call, summed over threads, when the sink
    /// keeps count (`opsbook build --timings`).
    fn take_time_spent(&self) -> Duration {
        Duration::ZERO
    }
}

/// A build's output under construction: [`Output::at`] begins it, [`Sink::write`] and
/// [`Sink::copy`] add each file, [`Output::commit`] swaps it in.
pub(crate) struct Output {
    final_dir: PathBuf,
    temp_dir: PathBuf,
    done: bool,
    /// The time spent writing, summed over threads.
    writing: SpentTime,
    /// The previous output, linked into the staging folder, when there was one.
    previous: Option<Previous>,
}

impl Output {
    /// Prepares a staging folder beside `final_dir`. Refuses an output folder that
    /// would hold or overwrite the handbook's sources (see [`check_output_dir`]). A
    /// symbolic link is followed: the build replaces the folder it points to, and the link
    /// stays as it is.
    #[cfg(test)]
    pub(crate) fn create(final_dir: &Path, root: &Path) -> Result<Output> {
        let content = crate::config::DEFAULT_CONTENT_DIR;
        Output::at(check_output_dir(final_dir, root, content)?, root, content)
    }

    /// Prepares a staging folder beside `final_dir`, an output folder that
    /// [`check_output_dir`] has already resolved and allowed for the handbook at `root`
    /// with the content folder `content`; the staging folder must pass the same check.
    /// When `final_dir` holds a previous output, its files are hard-linked into the
    /// staging folder, for the build to keep those it would write unchanged.
    pub(crate) fn at(final_dir: PathBuf, root: &Path, content: &str) -> Result<Output> {
        if final_dir.exists() && !final_dir.is_dir() {
            bail!("cannot write the site to {}: it is a file, not a folder", final_dir.display());
        }
        let name = final_dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let parent = final_dir.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let temp_dir =
            check_output_dir(&parent.join(format!(".{name}.building-{}", std::process::id())), root, content)?;
        crate::fs::remove_dir_all(&temp_dir)?;
        crate::fs::create_dir_all(&temp_dir)?;
        let mut output = Output { final_dir, temp_dir, done: false, writing: SpentTime::new(), previous: None };
        if output.final_dir.is_dir() {
            output.previous = Previous::link(&output.final_dir, &output.temp_dir)?;
        }
        Ok(output)
    }

    /// The path of a site path (`runbooks/db/index.html`) inside the temporary folder;
    /// an error for a path that would leave it.
    pub(crate) fn path(&self, site_path: &str) -> Result<PathBuf> {
        crate::site_path::output_file(&self.temp_dir, site_path)
    }

    /// Replaces the previous output with this one: removes the previous output's files
    /// the build did not write, then swaps the staging folder in.
    pub(crate) fn commit(mut self) -> Result<()> {
        if let Some(previous) = self.previous.take() {
            previous.remove_stale()?;
        }
        self.done = true;
        let name = self.final_dir.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let old = self.temp_dir.with_file_name(format!(".{name}.old-{}", std::process::id()));
        let swapped = staging::swap(&self.temp_dir, &self.final_dir, &old);
        if swapped.is_err() {
            let _ = crate::fs::remove_dir_all(&self.temp_dir);
        }
        swapped
    }
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
fn resolve(path: &Path) -> Result<PathBuf> {
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
    fn write(&self, site_path: &str, contents: &[u8]) -> Result<()> {
        self.writing.time(|| {
            let path = self.path(site_path)?;
            match &self.previous {
                Some(previous) => {
                    previous.note_written(&path);
                    staging::write_if_changed(&path, contents)
                }
                None => crate::fs::write(&path, contents),
            }
        })
    }

    fn copy(&self, from: &Path, site_path: &str) -> Result<()> {
        let path = self.path(site_path)?;
        match &self.previous {
            Some(previous) => {
                previous.note_written(&path);
                staging::copy_if_changed(from, &path)
            }
            None => crate::fs::copy(from, &path),
        }
    }

    fn take_time_spent(&self) -> Duration {
        self.writing.take()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.done {
            let _ = crate::fs::remove_dir_all(&self.temp_dir);
        }
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
    fn swaps_in_the_new_output_and_keeps_the_old_when_dropped() {
        let root = scratch("swap");
        let public = root.join("public");
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join("old.html"), "old").unwrap();

        let output = Output::create(&public, &root).unwrap();
        output.write("new/index.html", b"new").unwrap();
        drop(output);
        assert!(public.join("old.html").exists());
        assert!(!public.join("new").exists());

        let output = Output::create(&public, &root).unwrap();
        output.write("new/index.html", b"new").unwrap();
        output.commit().unwrap();
        assert!(!public.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(public.join("new/index.html")).unwrap(), "new");
        let leftovers: Vec<_> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
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
