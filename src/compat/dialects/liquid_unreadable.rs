//! Where a page's Liquid cannot be read, said in the author's words: `liquid-core`'s
//! parse error names a line and column of the template the evaluator rewrote
//! ([`super::evaluate`]: text as markers, variables as tags) and quotes that template;
//! the warning is given instead at the author's tag, in the page's file, with only the
//! parser's reason.
//!
//! - A block never closed (Liquid's "Unclosed block"): the innermost block tag of the
//!   page without its `end` tag (counted as Liquid does, by name).
//! - Any other error at a place in the template: the tag written at that place, or the
//!   last one before it.

use std::ops::Range;

/// A Liquid piece of the page, for locating: its name (empty for a variable), where it
/// is in the page, and where its text starts in the template.
pub(super) struct Located<'p> {
    pub(super) name: &'p str,
    pub(super) source: Range<usize>,
    pub(super) template_start: usize,
}

/// The reason in Liquid's `error` (its `= ...` line, else the error on one line), and the
/// piece the error is at, if one can be named.
pub(super) fn locate(error: &str, template: &str, pieces: &[Located<'_>]) -> (String, Option<usize>) {
    let reason = error
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("= "))
        .map(str::to_string)
        .unwrap_or_else(|| error.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "));
    let reason = reason.strip_prefix("liquid: ").unwrap_or(&reason).to_string();
    let piece = if reason.contains("Unclosed block") {
        unclosed(pieces)
    } else {
        position(error)
            .and_then(|(line, column)| offset(template, line, column))
            .and_then(|at| pieces.iter().rposition(|p| p.template_start <= at))
    };
    (reason, piece)
}

/// The innermost block opened and never closed.
fn unclosed(pieces: &[Located<'_>]) -> Option<usize> {
    let mut open: Vec<usize> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        if let Some(name) = piece.name.strip_prefix("end") {
            if let Some(at) = open.iter().rposition(|&o| pieces[o].name == name) {
                open.truncate(at);
            }
        } else if super::liquid_runtime::BLOCKS.contains(&piece.name) {
            open.push(index);
        }
    }
    open.last().copied()
}

/// The `--> LINE:COLUMN` of a parse error.
fn position(error: &str) -> Option<(usize, usize)> {
    let after = &error[error.find("--> ")? + 4..];
    let end = after.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(after.len());
    let (line, column) = after[..end].split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The byte offset in `text` of the 1-based `line` and character `column`.
fn offset(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = &text[start..];
    Some(start + rest.char_indices().nth(column.saturating_sub(1)).map_or(rest.len(), |(i, _)| i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located<'p>(pieces: &[(&'p str, usize)]) -> Vec<Located<'p>> {
        pieces.iter().map(|&(name, at)| Located { name, source: at..at + 1, template_start: at }).collect()
    }

    #[test]
    fn an_unclosed_block_is_the_innermost_block_left_open() {
        let pieces = located(&[("if", 0), ("for", 5), ("endfor", 9), ("unless", 12), ("", 20)]);
        let (reason, piece) =
            locate("liquid:  --> 1:62\n  |\n1 | x\n  |\n  = Unclosed block. {% endif %} tag expected.", "", &pieces);
        assert_eq!(reason, "Unclosed block. {% endif %} tag expected.");
        assert_eq!(piece, Some(3));
    }

    #[test]
    fn another_error_is_at_the_tag_written_where_the_parser_stopped() {
        let template = "ab\ncd {% x %}";
        let pieces = located(&[("", 0), ("x", 6)]);
        let (reason, piece) = locate("liquid:  --> 2:6\n  |\n  = unexpected", template, &pieces);
        assert_eq!((reason.as_str(), piece), ("unexpected", Some(1)));
        assert_eq!(position("x --> 12:3 y"), Some((12, 3)));
        assert_eq!(offset("é\nab", 2, 2), Some(4));
    }
}
