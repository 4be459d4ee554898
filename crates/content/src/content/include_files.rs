//! Reading the files that pages include (`{{#include}}`, `--8<--`, `{% include %}`…):
//! the [`IncludeFiles`] trait the Markdown layer reads through, and [`HandbookFiles`],
//! its implementation on the handbook's folder.
//!
//! The Markdown layer hands over a root-relative path it has already normalised (no
//! `..` above the root, no hidden segment such as `.git`); this reader then
//! 1. resolves the file with its symbolic links and refuses it unless it is still
//!    inside the handbook's root, outside every output folder and outside any hidden
//!    folder ([`Confinement::readable`], the rules the content walk follows);
//! 2. refuses folders and files larger than the expansion limit;
//! 3. reads it as UTF-8, without a byte order mark;
//! 4. names the content path of its real place, if it has one
//!    ([`Confinement::content_path_of_file`]), so that the Markdown layer decides whether it
//!    is internal on where it is, not on how the include wrote it.

use crate::config::Config;

/// Why a file could not be included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IncludeError {
    /// No file there: the next place in the lookup order is tried.
    NotFound,
    /// The file exists but is never read: it leads out of the handbook, into a hidden
    /// folder or into an output folder.
    Outside(String),
    /// The file exists but cannot be read: a folder, too large, not UTF-8.
    Refused(String),
}

/// A file read to be included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Included {
    /// Its text.
    pub text: String,
    /// The content path of its real place (symbolic links resolved), when it lies in
    /// the content folder or a mounted folder.
    pub content_path: Option<String>,
}

/// The files a page may include, by path relative to the handbook's root.
pub trait IncludeFiles: Sync {
    /// The file at `path` (`/`-separated, relative to the root, normalised).
    fn read(&self, path: &str) -> Result<Included, IncludeError>;
}

/// The handbook's files on disk, confined to its root. Made for every page rendered, so
/// it resolves its folders (system calls) only when a page reads a file.
pub struct HandbookFiles<'c> {
    config: &'c Config,
    /// The largest file read, in bytes.
    max_len: u64,
}

impl<'c> HandbookFiles<'c> {
    /// The files of the handbook of `config`, its output folder excluded.
    pub fn new(config: &'c Config, max_len: u64) -> Self {
        HandbookFiles { config, max_len }
    }
}

impl IncludeFiles for HandbookFiles<'_> {
    fn read(&self, path: &str) -> Result<Included, IncludeError> {
        let full = self.config.root.join(path);
        let metadata = match std::fs::metadata(&full) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(IncludeError::NotFound),
            Err(e) => return Err(IncludeError::Refused(format!("cannot read `{path}`: {e}"))),
        };
        let Some(confinement) = self.config.confinement() else {
            return Err(IncludeError::Refused("cannot resolve the handbook's folder".to_string()));
        };
        // A hidden name the Markdown layer let through by name (a tool's folder of reusable
        // content) is read when no link leads there.
        let file = confinement
            .content_file(&full, std::path::Path::new(path))
            .map_err(|why| IncludeError::Outside(format!("`{path}` is not read: {why}")))?;
        if metadata.is_dir() {
            return Err(IncludeError::Refused(format!("`{path}` is a folder, not a file")));
        }
        if metadata.len() > self.max_len {
            return Err(IncludeError::Refused(format!(
                "`{path}` is larger than the {} MiB a page may include",
                self.max_len >> 20
            )));
        }
        let bytes = crate::fs::read_bytes(&file, crate::fs::FileKind::Page)
            .map_err(|e| IncludeError::Refused(format!("cannot read `{path}`: {e}")))?;
        let text =
            String::from_utf8(bytes).map_err(|_| IncludeError::Refused(format!("`{path}` is not valid UTF-8")))?;
        // A byte order mark is not text: editors do not show it, nor count its column.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        Ok(Included { text, content_path: confinement.content_path_of_file(&full) })
    }
}

/// Files held in memory, for tests.
#[cfg(any(test, feature = "test-hooks"))]
pub struct MemoryFiles(pub std::collections::HashMap<String, String>);

#[cfg(any(test, feature = "test-hooks"))]
impl IncludeFiles for MemoryFiles {
    fn read(&self, path: &str) -> Result<Included, IncludeError> {
        let text = self.0.get(path).cloned().ok_or(IncludeError::NotFound)?;
        // A file `content/…` is where it is written: there are no links in memory.
        let content_path = path.strip_prefix("content/").map(str::to_string);
        Ok(Included { text, content_path })
    }
}
