//! GitBook: found by its `.gitbook.yaml`; its `SUMMARY.md` is read by the summary
//! reader with GitBook's rules ([`crate::compat::mdbook::summary::Rules`]), its blocks
//! (`{% hint %}`, `{% tabs %}`…) by the dialects' `gitbook_blocks` stage, its reusable
//! content (`{% include "../.gitbook/includes/a.md" %}`, a path relative to the page) by
//! the include step ([`crate::compat::include_roots`]), its `redirects` by
//! [`redirects`].

pub(crate) mod redirects;

use std::path::Path;

use super::OldTool;
use super::ToolRules;
use super::interface::{RelativeLinks, Tool, UrlStyle};
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

    fn read(&self, config: &Config, _files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        old.text.line_block_tags = true;
        // The space's configuration beside `book.toml`, else in the content folder.
        let inside = format!("{}.gitbook.yaml", config.content_prefix());
        let name = [".gitbook.yaml", inside.as_str()].into_iter().find(|name| config.root.join(name).is_file());
        // A hidden name, read (as `.gitbook/assets/` is) when no link leads there.
        if let Some(name) = name
            && let Some(text) =
                super::hidden_file::read_as(config, &config.root.join(name), Some(Path::new(name)), name, diagnostics)
        {
            old.mapped_redirects = redirects::redirects(&text, name, diagnostics);
        }
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::File
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Slug
    }
}
