//! The text of an included file that a public build may take, before any selection
//! (line range, anchor, snippet section, code fence) is applied to it: an include
//! reads a file's public text only, whatever it selects.
//!
//! More: docs/architecture.md, "Notes by module".

use std::ops::Range;

use crate::content::front_matter::{read_fields, split_front_matter};
use crate::content::front_text::apply_rule;
use crate::markdown::internal::Mode;
use crate::markdown::public_text::{self, FrontMatterText};

/// What a public build takes of an included file.
pub(super) enum Public {
    /// All of it: it has no internal text.
    All,
    /// This text (of the file's length and lines), the ranges blanked in it, and the
    /// Markdown of the internal blocks among them (for the files only they link to).
    Blanked(String, Vec<Range<usize>>, Vec<String>),
    /// Nothing: the file is internal, for this reason.
    Internal(String),
    /// Nothing: its internal markers are malformed (byte offset, message).
    Malformed(Vec<(usize, String)>),
}

/// The public text of `text`, an included file's (see the module's steps).
pub(super) fn public_text(file: &str) -> Public {
    let mut text = std::borrow::Cow::Borrowed(file);
    let mut front = None;
    if let Ok(split) = split_front_matter(file)
        && let Some(block) = split.front
        && let Ok(read) = read_fields(&block)
    {
        let body_start = file.len() - split.body.len();
        let internal = read.fields.get("visibility").and_then(|f| f.value.value.as_text());
        if internal.as_deref() == Some("internal") {
            return Public::Internal("its front matter says `visibility: internal`".to_string());
        }
        let mut fields = read.fields;
        let (problems, changed) = apply_rule(&mut fields, block.text, &FrontMatterText(Mode::Drop), "");
        if !problems.is_empty() {
            return Public::Malformed(
                problems.into_iter().map(|d| (offset_of(file, d.line, d.column), d.message)).collect(),
            );
        }
        if changed {
            let whole = 0..body_start;
            text = public_text::blank(file, std::slice::from_ref(&whole)).into();
            front = Some(whole);
        }
    }
    match public_text::internal_blocks(&text) {
        Err(problems) => Public::Malformed(problems),
        Ok(blocks) if blocks.is_empty() => match text {
            std::borrow::Cow::Borrowed(_) => Public::All,
            std::borrow::Cow::Owned(text) => Public::Blanked(text, front.into_iter().collect(), Vec::new()),
        },
        Ok(blocks) => {
            let dropped = blocks.iter().filter_map(|b| text.get(b.clone())).map(str::to_string).collect();
            let public = public_text::blank(&text, &blocks);
            let mut blanked: Vec<Range<usize>> = front.into_iter().chain(blocks).collect();
            blanked.sort_by_key(|b| b.start);
            Public::Blanked(public, blanked, dropped)
        }
    }
}

/// The byte offset of 1-based `line` and `column` (in characters) of `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum::<usize>();
    let rest = &text[start.min(text.len())..];
    start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i)
}
