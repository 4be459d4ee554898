//! Python-Markdown's markdown-include extension: `{!file!}`, or `{!file!lines=A-B}`,
//! anywhere in a line, is the text of `file` (read from the extension's `base_path`, as
//! are the directives of the files it includes), its leading and trailing white space
//! stripped ([`super::select`]). Found here as text; [`super::expand`] keeps the directives only where
//! the handbook configures the extension, and reads the files through the one
//! confined, bounded lookup every include takes.
//!
//! The syntax is the extension's pattern, `{!\s*(.+?)\s*!((\blines\b)=([0-9 -]+))?\}`:
//! the shortest path up to a `!`, then optionally `lines=` and line numbers, then `}`.
//! One range of lines (`lines=3-5`, `lines=4`) is taken; several are refused.

use super::directives::{Action, Form, Found, Include, Lookup, Select};
use crate::content::include_roots::IncludeRoots;

/// Pushes onto `found` the directives of `line`, which starts at `start` of the text.
pub(super) fn find_in_line(start: usize, line: &str, found: &mut Vec<Found>) {
    let mut from = 0;
    while let Some(open) = line[from..].find("{!").map(|at| from + at) {
        from = open + 2;
        match directive(&line[open..]) {
            Scan::Found(end, action) => {
                found.push(Found { range: start + open..start + open + end, action });
                from = open + end;
            }
            Scan::EmptyPath => {}
            // No `!` a `}` or `lines=…}` follows is left in the line: a later `{!`
            // finds none either, so the line is read once, not once a `{!`.
            Scan::NoEnd => break,
        }
    }
}

/// Drops the directives of `text` in `found` that are markdown-include's unless the
/// handbook configures it (`roots`): elsewhere `{!file!}` is text.
pub(super) fn keep_if_configured(found: &mut Vec<Found>, text: &str, roots: &IncludeRoots) {
    if roots.markdown_include.is_none() {
        found.retain(|d| !text.get(d.range.clone()).is_some_and(|source| source.starts_with("{!")));
    }
}

/// Puts the directives of one line, `found[from..]`, in order, dropping any that
/// overlaps one before it (a `{!` inside another dialect's directive).
pub(super) fn keep_in_order(found: &mut Vec<Found>, from: usize) {
    let mut line: Vec<Found> = found.drain(from..).collect();
    line.sort_by_key(|f| f.range.start);
    let mut end = found.last().map_or(0, |f| f.range.end);
    for directive in line {
        if directive.range.start >= end {
            end = directive.range.end;
            found.push(directive);
        }
    }
}

/// What the scan of a directive found.
enum Scan {
    /// A directive, its length and what it does.
    Found(usize, Action),
    /// The first end it found closes an empty path: no directive.
    EmptyPath,
    /// No end in the rest of the text.
    NoEnd,
}

/// The directive at the start of `text` (which starts with `{!`).
fn directive(text: &str) -> Scan {
    let body = &text[2..];
    // The shortest path: the first `!` that a `}` or `lines=…}` follows.
    for (bang, _) in body.match_indices('!').filter(|&(at, _)| at > 0) {
        let path = body[..bang].trim();
        let after = &body[bang + 1..];
        let (select, used) = if after.starts_with('}') {
            (Some(Select::All), 1)
        } else if let Some(numbers) = after.strip_prefix("lines=") {
            // The numbers, then `}`: read as far as the numbers go, no further.
            let close = numbers.bytes().position(|b| !(b.is_ascii_digit() || b == b' ' || b == b'-'));
            let Some(close) = close.filter(|&at| at > 0 && numbers.as_bytes()[at] == b'}') else { continue };
            (lines(&numbers[..close]), "lines=".len() + close + 1)
        } else {
            continue;
        };
        if path.is_empty() {
            return Scan::EmptyPath;
        }
        let end = 2 + bang + 1 + used;
        let action = match select {
            Some(select) => Action::Include(vec![Include {
                path: path.to_string(),
                lookup: Lookup::MarkdownInclude,
                select,
                form: Form::Raw,
                params: Vec::new(),
            }]),
            None => Action::Refuse(format!(
                "`{}` takes several ranges of lines: opsbook includes one range, `lines=A-B`",
                &text[..end]
            )),
        };
        return Scan::Found(end, action);
    }
    Scan::NoEnd
}

/// The selection of `lines=` with one range (`3-5`) or line (`4`); `None` for several.
fn lines(numbers: &str) -> Option<Select> {
    let mut blocks = numbers.split_whitespace();
    let block = blocks.next()?;
    if blocks.next().is_some() {
        return None;
    }
    let number = |s: &str| s.trim().parse::<usize>().ok();
    Some(match block.split_once('-') {
        Some((a, b)) => Select::Lines(Some(number(a)?), Some(number(b)?)),
        None => Select::Lines(number(block), number(block)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directive found: its range, and its file and selection (none: refused).
    type Seen = (std::ops::Range<usize>, Option<(String, Select)>);

    fn found(line: &str) -> Vec<Seen> {
        let mut found = Vec::new();
        find_in_line(10, line, &mut found);
        found
            .into_iter()
            .map(|f| {
                let include = match f.action {
                    Action::Include(includes) => Some((includes[0].path.clone(), includes[0].select.clone())),
                    _ => None,
                };
                (f.range, include)
            })
            .collect()
    }

    #[test]
    fn finds_the_directives_of_a_line_as_the_extension_s_pattern_reads_them() {
        assert_eq!(found("{!a.md!}"), [(10..18, Some(("a.md".into(), Select::All)))]);
        assert_eq!(found("x {! b c.md !} y"), [(12..24, Some(("b c.md".into(), Select::All)))]);
        assert_eq!(found("{!a.md!lines=2-4}"), [(10..27, Some(("a.md".into(), Select::Lines(Some(2), Some(4)))))]);
        assert_eq!(found("{!a.md!lines=3}"), [(10..25, Some(("a.md".into(), Select::Lines(Some(3), Some(3)))))]);
        assert_eq!(found("{!a!b.md!}"), [(10..20, Some(("a!b.md".into(), Select::All)))]);
        assert_eq!(found("{!a.md!lines=1 3-4}")[0].1, None, "several ranges are refused");
        assert_eq!(found("{!a.md!} and {!b.md!}").len(), 2);
        for text in ["{!!}", "{!a.md}", "{!a.md!lines=x}", "{!a.md! }", "{ !a.md!}"] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_line_of_openings_or_of_line_numbers_without_an_end_is_read_once() {
        // Each `{!` scanning the rest of the line again would take 10^10 steps here.
        assert!(found(&"{!".repeat(100_000)).is_empty());
        let numbers = format!("{{!a.md{}", "!lines=1".repeat(100_000));
        assert!(found(&numbers).is_empty());
        assert_eq!(found(&format!("{}{{!a.md!}}", "{! !}".repeat(1_000))).len(), 1, "empty paths end nothing");
    }
}
