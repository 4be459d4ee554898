//! mdBook: `book.toml` read as it is, and the `SUMMARY.md` that orders the book
//! (GitBook's too).

pub(crate) mod chapters;
pub(crate) mod redirects;
pub(crate) mod summary;

use super::OldTool;
use super::ToolRules;
use super::interface::{RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;

/// mdBook's own preprocessors, which `[preprocessor.links]` and `[preprocessor.index]`
/// configure.
const BUILT_IN: &[&str] = &["links", "index"];

/// mdBook's rules.
pub(crate) struct MdBook;

impl ToolRules for MdBook {
    fn tool(&self) -> Tool {
        Tool::MdBook
    }

    fn name(&self) -> &'static str {
        "mdBook"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        config.book_table
    }

    /// mdBook runs no template engine over a chapter, and its links preprocessor reads
    /// only `{{#include}}`, `{{#rustdoc_include}}`, `{{#playground}}` and `{{#title}}`
    /// (`builtin_preprocessors/links.rs`): `{{ x }}`, `{% x %}` and any other
    /// `{{#name …}}` are text, as written, unless a preprocessor of the book's own (a
    /// `[preprocessor.*]` table besides the built-in `links` and `index`) may read them.
    /// Its `SUMMARY.md` lists its only pages ([`chapters`]).
    fn read(&self, config: &Config, files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        old.chapters = chapters::read(config, files, diagnostics);
        old.mapped_redirects = redirects::redirects(&config.book_redirects, crate::config::CONFIG_FILE, diagnostics);
        let only_built_in = config.preprocessors.iter().all(|name| BUILT_IN.contains(&name.as_str()));
        old.text.braces_are_text = only_built_in;
        old.text.directives_are_text = only_built_in;
        old.text.directives_in_code = !only_built_in;
        old.text.title_directive_is_empty = true;
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::MdBook
    }
}
