//! Includes named by Liquid variables: Jekyll's `{% include {{ page.file }} %}` and
//! `{% include_relative {{ dir }}/a.md %}` (its "variables in include file names",
//! <https://jekyllrb.com/docs/includes/#using-variables-names-for-the-include-file>).
//! Their files are known only where the page's Liquid runs, in the scope of the tag (an
//! `assign` before it, a `for` loop around it), so the Liquid stage asks for them
//! ([`crate::compat::dialects::liquid_include`]) and [`Late::read`] reads each one
//! exactly as a written include is read ([`super::Expander::include`]): the same lookup
//! (`_includes/` folders, or the page's folder for `include_relative`), the same
//! confinement, the audience filter of a public build, the same limits, and the
//! includes written in the file expanded in turn.

use std::sync::Arc;

use super::directives::{Form, Include, Lookup, Param, Select};
use super::{Expander, Failure, Place};
use crate::content::include_files::IncludeFiles;
use crate::markdown::MarkdownInput;

/// Reads the files a page's Liquid includes by variable names, all of them within one
/// budget: [`super::MAX_INCLUDES`] includes and [`super::MAX_READ`] bytes read for the
/// page, as the includes of its text have.
pub struct Late<'a> {
    input: &'a MarkdownInput<'a>,
    files: &'a dyn IncludeFiles,
    /// The includes expanded and the bytes read so far, by every read.
    spent: std::cell::Cell<(usize, usize)>,
}

/// The text of an included file, its own includes written in.
#[derive(Debug, Default)]
pub struct LateText {
    /// The file's path from the handbook's folder.
    pub file: String,
    /// The text, for the Liquid stage to evaluate where the tag is.
    pub text: String,
    /// The root-relative paths of every file read, for rebuilds when one changes.
    pub files: Vec<String>,
    /// What went wrong with the includes written in it, each with its place.
    pub problems: Vec<LateFailure>,
    /// The internal blocks a public build left out of it and the files it includes, with
    /// the folder their links resolve from.
    pub dropped: Vec<(Option<String>, String)>,
}

/// Why an include wrote nothing, or what went wrong inside its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LateFailure {
    /// The file is not there or is never read: a placeholder, at the severity of broken
    /// links.
    Missing(String),
    /// No file of the name where the include looks: [`LateFailure::Missing`], told apart
    /// for a caller that tries other names.
    NoFile(String),
    /// Anything else (refused in a public build, a cycle, a limit): an `include` error.
    Problem(String),
    /// Malformed internal markers in the file (a public build): an `internal-block` error.
    InternalBlock(String),
}

impl std::fmt::Debug for Late<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Late").field("page", &self.input.file).finish_non_exhaustive()
    }
}

impl<'a> Late<'a> {
    /// The late includes of `input`, read from `files`.
    pub fn new(input: &'a MarkdownInput<'a>, files: &'a dyn IncludeFiles) -> Self {
        Late { input, files, spent: std::cell::Cell::new((0, 0)) }
    }

    /// The page's file, from the handbook's folder.
    pub fn page_file(&self) -> &str {
        self.input.file
    }

    /// Reads `name` as `{% include_relative %}` (`relative`) or `{% include %}` with
    /// `params` would: the file's text with `include.NAME` replaced and its includes
    /// expanded.
    pub fn read(&self, relative: bool, name: &str, params: &[Param]) -> Result<LateText, LateFailure> {
        let mut expander = Expander::new(self.input, self.files, Arc::from(""));
        expander.stack.push(0);
        (expander.includes, expander.read) = self.spent.get();
        let lookup = if relative { Lookup::PageRelative } else { Lookup::IncludesFolders };
        let include =
            Include { path: name.to_string(), lookup, select: Select::All, form: Form::Raw, params: params.to_vec() };
        let included = expander.include(&include, Place { source: 0, offset: 0 }, 1);
        self.spent.set((expander.includes, expander.read));
        match included {
            Ok(()) => {}
            Err(Failure::Missing(message)) => return Err(LateFailure::Missing(message)),
            Err(Failure::NoFile(message)) => return Err(LateFailure::NoFile(message)),
            Err(Failure::Problem(message)) => return Err(LateFailure::Problem(message)),
            Err(Failure::Recursive) => return Err(LateFailure::Problem(format!("`{name}` includes itself"))),
        }
        let out = &expander.out;
        let at = |place: Place, message: &str| {
            let location = out.locate(place);
            format!("{}:{}:{}: {message}", location.file, location.line, location.column)
        };
        let mut problems = Vec::new();
        problems.extend(out.missing.iter().map(|(place, m)| LateFailure::Missing(at(*place, m))));
        problems.extend(out.problems.iter().map(|(place, m)| LateFailure::Problem(at(*place, m))));
        problems.extend(out.internal_problems.iter().map(|(place, m)| LateFailure::InternalBlock(at(*place, m))));
        let mut files: Vec<String> = out.included_files().map(str::to_string).collect();
        files.sort();
        files.dedup();
        let file = out.sources.get(1).map_or_else(|| name.to_string(), |source| source.file.clone());
        let dropped = std::mem::take(&mut expander.out.dropped);
        Ok(LateText { file, text: expander.out.text, files, problems, dropped })
    }
}
