//! GitBook: found by its `.gitbook.yaml`; its `SUMMARY.md` is read as mdBook's
//! ([`crate::compat::mdbook::summary`]).

use super::ToolRules;
use super::old_tool::{OldTool, RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;

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

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::File
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Slug
    }
}
