//! The older rules of `:::` blocks ([`ColonBlocks::FirstColonLine`] and
//! [`ColonBlocks::ColonLevels`]): which line opens a block and which line closes it.
//! The line stage ([`super::admonitions`]) asks them when the site's rule is one of
//! these, then rewrites the block's lines as it rewrites the page's.
//!
//! 1. an opening line is `:::` (more colons too, by levels), a type of [`TYPES`]
//!    right after the colons, and the rest of the line, spaces before it dropped, as
//!    the title;
//! 2. the block's lines run to its closing line, read over the lines after the opening
//!    one: by the first rule, the first that starts with `:::`; by levels, a stack of
//!    levels (a line's colons after the first three) starts with the opening's, a line
//!    with fewer colons than the top pushes its level, one with as many pops it, and
//!    the line that empties the stack closes;
//! 3. the lines between are read again as a page's own, so a block inside opens there.
//!
//! More: docs/architecture.md, `src/compat/dialects/colon_rules.rs`.

pub(crate) use crate::content::site_data::ColonBlocks;

/// The types that open a block by these rules; any other word leaves the line as text.
const TYPES: [&str; 9] = ["secondary", "info", "success", "danger", "note", "tip", "warning", "important", "caution"];

/// The block that `rest` (a line after its indentation) opens by `rule`: its colons,
/// type and title.
pub(super) fn opening(rest: &str, rule: ColonBlocks) -> Option<(usize, &str, Option<String>)> {
    if matches!(rule, ColonBlocks::Text | ColonBlocks::Autodoc) {
        return None;
    }
    let colons = rest.bytes().take_while(|b| *b == b':').count();
    if colons < 3 || (rule == ColonBlocks::FirstColonLine && colons > 3) {
        return None;
    }
    let after = &rest[colons..];
    let kind = TYPES.into_iter().find(|kind| after.starts_with(kind))?;
    let title = after[kind.len()..].trim_start_matches(' ');
    Some((colons, &after[..kind.len()], (!title.is_empty()).then(|| title.to_string())))
}

/// The index, in `following` (the lines after an opening of `colons` colons: each
/// line's text after its indentation, `None` for a line in code or a comment), of the
/// line that closes the block by `rule`, or `None` when none does.
pub(super) fn closing<'t>(
    rule: ColonBlocks,
    colons: usize,
    following: impl IntoIterator<Item = Option<&'t str>>,
) -> Option<usize> {
    let mut levels = vec![colons];
    for (index, rest) in following.into_iter().enumerate() {
        let Some(rest) = rest.filter(|rest| rest.starts_with(":::")) else { continue };
        if rule != ColonBlocks::ColonLevels {
            return Some(index);
        }
        let level = rest.bytes().take_while(|b| *b == b':').count();
        let top = levels.last().copied().unwrap_or(level);
        if level < top {
            levels.push(level);
        } else if level == top {
            levels.pop();
            if levels.is_empty() {
                return Some(index);
            }
        }
    }
    None
}

#[cfg(test)]
#[path = "colon_rules_tests.rs"]
mod tests;
