//! mdBook: `book.toml` read as it is, and the `SUMMARY.md` that orders the book
//! (GitBook's too).

pub(crate) mod config;
pub(crate) mod summary;

use super::ToolRules;
use super::old_tool::{OldTool, RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;

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
        config.mdbook
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::MdBook
    }
}
