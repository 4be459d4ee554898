//! GitBook: found by its `.gitbook.yaml`; its `SUMMARY.md` is read as mdBook's
//! ([`crate::compat::mdbook::summary`]), its blocks (`{% hint %}`, `{% tabs %}`…) by the
//! dialects' `gitbook_blocks` stage.

use super::ToolRules;
use super::old_tool::{OldTool, RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;

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
        config.root.join(".gitbook.yaml").is_file() || config.content_dir().join(".gitbook.yaml").is_file()
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
