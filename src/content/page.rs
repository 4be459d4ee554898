//! Loading one page: read the file, check it is UTF-8, drop a BOM, normalise CRLF line
//! endings, split off and read the front matter.

use std::path::Path;

use super::fields::FrontMatter;
use super::front_matter::{parse_fields, split_front_matter};
use crate::diagnostic::{Diagnostic, Rule, line_column};

/// A page as read from disk, before it has a URL or HTML.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The path relative to `content/`, with `/` separators: `runbooks/db-failover.md`.
    pub path: String,
    /// The path relative to the handbook root, for diagnostics: `content/runbooks/db-failover.md`.
    pub file: String,
    /// The front matter, read (empty when the page has none or it was invalid).
    pub front: FrontMatter,
    /// The whole text of the file, BOM removed and line endings normalised.
    pub text: String,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
    /// The 1-based line of the file where the body starts.
    pub body_line: usize,
}

impl SourcePage {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// The folder of the page, relative to `content/` (`""` for the top).
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}

/// Reads `content_dir/path`. Problems become diagnostics; the page is still returned
/// whenever the file could be read, so that links to it resolve.
pub fn load_page(content_dir: &Path, path: &str, file_prefix: &str) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let file = format!("{file_prefix}{path}");
    let bytes = match std::fs::read(content_dir.join(path)) {
        Ok(bytes) => bytes,
        Err(e) => {
            let d = Diagnostic::error(Rule::UnreadableFile, file, 0, 0, format!("cannot read the file: {e}"));
            return (None, vec![d]);
        }
    };
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, column) = line_column(&prefix, prefix.len());
            let d = Diagnostic::error(
                Rule::InvalidUtf8,
                file,
                line,
                column,
                format!("the file is not valid UTF-8 (byte {valid}); save it as UTF-8"),
            );
            return (None, vec![d]);
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    let mut diagnostics = Vec::new();
    let (front, body_start, body_line) = match split_front_matter(&text) {
        Ok(split) => {
            let body_start = text.len() - split.body.len();
            let front = match split.front.map(|block| parse_fields(&block)) {
                None => FrontMatter::default(),
                Some(Ok(fields)) => {
                    let (front, problems) = FrontMatter::from_fields(fields, &file);
                    diagnostics.extend(problems);
                    front
                }
                Some(Err(e)) => {
                    diagnostics.push(Diagnostic::error(Rule::FrontMatterSyntax, &file, e.line, e.column, e.message));
                    FrontMatter::default()
                }
            };
            (front, body_start, split.body_line)
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(Rule::FrontMatterSyntax, &file, e.line, e.column, e.message));
            (FrontMatter::default(), 0, 1)
        }
    };
    let page = SourcePage { path: path.to_string(), file, front, text, body_start, body_line };
    (Some(page), diagnostics)
}
