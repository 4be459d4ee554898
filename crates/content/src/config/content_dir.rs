//! The content folder, the folder of the pages: `[build] content-dir`, else mdBook's
//! `[book] src`, else `content`. Resolved once with the rest of `book.toml`; every
//! reader of the pages takes it from `Config::content_dir` and `Config::content_prefix`.

use super::sources::relative_folder;
use super::{BuildTable, CONFIG_FILE, locate_key};
use crate::diagnostic::{Diagnostic, Rule};

/// The folder of the pages unless `[build] content-dir` or mdBook's `[book] src` names
/// another.
pub const DEFAULT_CONTENT_DIR: &str = "content";

/// The content folder: `[build] content-dir`, else mdBook's `[book] src` (`src` unless
/// set) when the file is mdBook's, else `content/`. It must be a folder inside the root:
/// an absolute path, `..`, `.`, an empty or hidden segment are `config-field` errors at
/// the key.
pub(super) fn resolve_content_dir(
    build: &BuildTable,
    book: Option<&super::book_tables::BookTable>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> String {
    let (key, table, written) = match (&build.content_dir, book) {
        (Some(dir), _) => ("content-dir", "[build] content-dir", dir.as_str()),
        (None, Some(book)) => ("src", "[book] src", book.src.as_deref().unwrap_or(super::book_tables::DEFAULT_SRC)),
        (None, None) => return DEFAULT_CONTENT_DIR.to_string(),
    };
    let why = match relative_folder(written) {
        Ok(normal) => return normal,
        Err(problem) => super::output_dir::why_not_inside(problem),
    };
    let (line, column) = locate_key(text, key);
    problems.push(
        Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, format!("`{table}` is {written:?}: {why}"))
            .with_help("name the folder of the pages relative to book.toml, such as \"docs\" or \"src\""),
    );
    DEFAULT_CONTENT_DIR.to_string()
}
