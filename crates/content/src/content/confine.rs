//! The confinement as a handbook's build sees it: the one confinement
//! (`crate::fs::confine`) made for a handbook's folders, and its refusals as located
//! `symlink-outside-root` errors for the content walk and the theme, the CODEOWNERS file
//! and the other files a build publishes.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Rule};
use crate::fs::confine::Refusal;
pub use crate::fs::confine::{Confined, Confinement, manifest_file_name};

/// The located errors of the confinement.
pub trait Located {
    /// A `symlink-outside-root` error when `path` (a link, or a path through one)
    /// resolves outside the root; `shown` is the path as diagnostics name it.
    fn check(&self, path: &Path, shown: &str) -> Option<Diagnostic>;

    /// [`Located::check`] for a file or folder that a build publishes: a link may also
    /// not lead into a hidden file or folder of the root (`.git/config`, `.env`), which
    /// the walk itself never publishes, nor into an output folder (this build's, or an
    /// earlier one's, which may hold an internal build).
    fn check_published(&self, path: &Path, shown: &str) -> Option<Diagnostic>;
}

impl Located for Confinement {
    fn check(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        // A broken link does not resolve: the walk reports it as unreadable.
        let target = self.resolve(path)?;
        if target.starts_with(self.root()) {
            return None;
        }
        let message = format!(
            "this symbolic link leads outside the handbook's folder (to {}): it is not read or published",
            target.display()
        );
        Some(
            Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, message)
                .with_help("copy the file into the handbook, or link to something inside it"),
        )
    }

    fn check_published(&self, path: &Path, shown: &str) -> Option<Diagnostic> {
        if let Some(d) = self.check(path, shown) {
            return Some(d);
        }
        let target = self.resolve(path)?;
        let inside = crate::fs::slash_path(target.strip_prefix(self.root()).ok()?);
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
}
