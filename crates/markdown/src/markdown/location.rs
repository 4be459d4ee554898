//! Where a byte of the text the parser reads is written in the handbook's files: back
//! through the admonitions' rewrite, then through the includes' source map, to a file,
//! line and column, and the folder its links are resolved from.
//!
//! 1. [`BodyWriter::location`] undoes the admonitions pre-pass (if the page has any);
//! 2. [`BodyWriter::location_in_source`] finds the included file and its offset through
//!    [`includes::Expanded::place`] (if the page has includes), else the page's body;
//! 3. the line and column are the file's: a page's body line is added, an included
//!    file's text starts at its line 1.

use super::{BodyWriter, includes};
use crate::diagnostic::{Diagnostic, Rule};

/// Where a byte of the page is written: the file (the page's, or an included one), line
/// and column, and the folder (relative to `content/`) its links resolve from.
pub(super) struct Spot<'s> {
    pub(super) file: &'s str,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) dir: &'s str,
    /// The page line that included the file, when it is not the page.
    pub(super) included_from: Option<(&'s str, usize)>,
    /// Whether the file is an included one.
    pub(super) included: bool,
}

impl Spot<'_> {
    /// An error of `rule` here, naming the page line that included the file.
    pub(super) fn diagnostic(&self, rule: Rule, message: String) -> Diagnostic {
        let at = includes::Location {
            file: self.file,
            line: self.line,
            column: self.column,
            included_from: self.included_from,
        };
        located(rule, &at, message)
    }
}

/// A diagnostic at `at`, saying which page line included the file when it is not the
/// page.
pub(super) fn located(rule: Rule, at: &includes::Location<'_>, message: String) -> Diagnostic {
    let message = match at.included_from {
        Some((file, line)) => format!("{message} (included from {file}:{line})"),
        None => message,
    };
    Diagnostic::error(rule, at.file, at.line, at.column, message)
}

impl<'a> BodyWriter<'a> {
    /// Where byte `offset` of the parsed text is written.
    pub(super) fn location(&self, offset: usize) -> Spot<'a> {
        let offset = self.rewrite.map_or(offset, |r| r.source_offset(offset));
        self.location_in_source(offset)
    }

    /// Where byte `offset` of the text before the admonitions pre-pass (the page's body,
    /// or that body with its includes expanded) is written.
    pub(super) fn location_in_source(&self, offset: usize) -> Spot<'a> {
        if let Some(expanded) = self.expanded {
            let place = expanded.place(offset);
            let at = expanded.locate(place);
            let dir = expanded.link_dir(place).unwrap_or(self.input.dir);
            let included = place.source != 0;
            return Spot {
                file: at.file,
                line: at.line,
                column: at.column,
                dir,
                included_from: at.included_from,
                included,
            };
        }
        let (line, column) = self.lines.line_column(offset);
        let line = line + self.input.body_line - 1;
        Spot { file: self.input.file, line, column, dir: self.input.dir, included_from: None, included: false }
    }
}
