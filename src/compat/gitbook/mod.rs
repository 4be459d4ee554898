//! GitBook: found by its `.gitbook.yaml`; its `SUMMARY.md` is read by the summary
//! reader with GitBook's rules ([`crate::compat::mdbook::summary::Rules`]), its blocks
//! (`{% hint %}`, `{% tabs %}`…) by the dialects' `gitbook_blocks` stage, its reusable
//! content (`{% include "../.gitbook/includes/a.md" %}`, a path relative to the page) by
//! the include step ([`crate::compat::include_roots`]).

use super::ToolRules;
use super::old_tool::{OldTool, RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;

/// Whether the handbook is a GitBook book: a `.gitbook.yaml` beside `book.toml` or in
/// the content folder, and no mdBook `[book]` table.
pub(crate) fn is_book(config: &Config) -> bool {
    !config.book_table
        && (config.root.join(".gitbook.yaml").is_file() || config.content_dir().join(".gitbook.yaml").is_file())
}

/// GitBook's rules.
pub(crate) struct GitBook;

impl ToolRules for GitBook {
    fn tool(&self) -> Tool {
        Tool::GitBook
    }

    fn name(&self) -> &'static str {
        "GitBook"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        is_book(config)
    }

    fn read(&self, _config: &Config, _files: &ContentFiles, old: &mut OldTool, _diagnostics: &mut Vec<Diagnostic>) {
        old.text.line_block_tags = true;
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::File
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Slug
    }
}
