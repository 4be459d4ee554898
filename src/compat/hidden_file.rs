//! Reading a configuration file of an old tool that the content walk does not list,
//! confined: `mkdocs.yml`, a folder's hidden `.nav.yml` or `.pages`, `.gitbook.yaml`.
//! Shared by the navigation readers and the tools' own settings, below both.

use std::path::Path;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};

/// The text of the file at `path` (shown as `shown`), confined and size-limited, line
/// endings made `\n`; a file read by its hidden name is given `relative` (its path
/// from the root), and is read unless a link leads there. What goes wrong is a
/// diagnostic.
pub(crate) fn read_as(
    config: &Config,
    path: &Path,
    relative: Option<&Path>,
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let confined = match config.confinement().map(|c| match relative {
        Some(relative) => c.content_file(path, relative),
        None => c.readable(path),
    }) {
        Some(Ok(confined)) => confined,
        Some(Err(why)) => {
            let message = format!("the file is not read: {why}");
            diagnostics.push(Diagnostic::error(Rule::SymlinkOutsideRoot, shown, 0, 0, message));
            return None;
        }
        None => return None,
    };
    match crate::fs::read_text(&confined, crate::fs::FileKind::Config) {
        Ok(text) => Some(text.replace("\r\n", "\n")),
        Err(e) => {
            diagnostics.push(Diagnostic::error(Rule::NavFile, shown, 0, 0, format!("cannot read the file: {e}")));
            None
        }
    }
}
