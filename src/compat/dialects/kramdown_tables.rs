//! kramdown's tables (`parser/kramdown/table.rb`), where they differ from GFM's, made
//! text pulldown-cmark reads as kramdown did: a row is a line with a pipe outside code
//! (`TABLE_LINE`), the table runs to a block boundary (a blank line); a row's cells are
//! split outside code spans and `<code>`; rows are padded to the widest, so a separator
//! line with fewer cells than the head, or none, still makes a table; the first
//! separator line after rows ends the head (its alignment for every column), later ones
//! start new bodies and `|=` the foot.
//!
//! A table of one head row and one body is written as GFM (its head and separator
//! padded); any other (no head, several head rows or bodies, a foot) as GFM with a
//! placeholder before it saying how its rows fall into sections
//! ([`crate::markdown::table_sections`]). Tables GFM reads and kramdown does not (after
//! a paragraph line, or followed by one) are left as they are.

use std::ops::Range;

use crate::markdown::table_sections::{Align, Section, TABLE_SECTIONS, encode};

/// A table found: where it ends (after its last line), and the edits that make it GFM.
pub(super) struct Found {
    pub end: usize,
    pub edits: Vec<(Range<usize>, String)>,
    /// The sections of a table GFM cannot write, for the placeholder before it.
    pub sections: Option<String>,
}

/// What a line of a table is.
enum Kind {
    /// A row: the cells kramdown reads, and where pipes inside code are (to escape).
    Row { cells: usize, code_pipes: Vec<usize>, leading: bool, trailing: bool },
    /// A separator line (`|---|:-:|`), with the alignments it gives.
    Separator(Vec<Align>),
    /// A footer separator line (`|===|`).
    Footer,
}

/// A line of a table: where it starts, how far it is indented, where its text ends
/// (before white space), where the next line starts, and what it is.
struct Line {
    start: usize,
    indent: usize,
    end: usize,
    next: usize,
    kind: Kind,
}

/// The kramdown table whose first line starts at `at` (after a blank line or at the
/// start of a block), read up to `limit`, or `None` when kramdown reads none there.
pub(super) fn read(text: &str, at: usize, limit: usize) -> Option<Found> {
    // Whether the first line opens with a pipe: then each row's empty first cell is dropped.
    let leading = text[at..limit].trim_start_matches([' ', '\t']).starts_with('|');
    let mut lines = Vec::new();
    let mut next = at;
    while next < limit {
        let end = text[next..limit].find('\n').map_or(limit, |i| next + i);
        let line = text[next..end].trim_end();
        if !is_table_line(line) {
            break;
        }
        let line = classify(line, next, (end + 1).min(limit), leading);
        if lines.is_empty() && matches!(line.kind, Kind::Row { .. }) && opens_other_block(&text[next..end]) {
            return None;
        }
        next = line.next;
        lines.push(line);
    }
    let first_row = lines.iter().position(|l| matches!(l.kind, Kind::Row { .. }))?;
    // A block boundary after it (`before_block_boundary?`): a blank line, the end, an
    // attribute list or an end-of-block marker.
    let after = text[next..limit].split('\n').next().unwrap_or("").trim();
    if !(after.is_empty() || after == "^" || (after.starts_with("{:") && !after.starts_with("{::"))) {
        return None;
    }
    // Each row has a pipe outside code spans, which may run across lines (`pipe_on_line`).
    let last = lines.last().map_or(at, |l| l.end);
    let piped = pipes_outside_code(&text[at..last]);
    if lines.iter().zip(&piped).any(|(l, piped)| matches!(l.kind, Kind::Row { .. }) && !piped) {
        return None;
    }
    let sections = sections(&lines);
    if !sections.iter().any(|(section, _)| *section == Section::Body) {
        return None;
    }
    let columns = lines.iter().map(|l| if let Kind::Row { cells, .. } = l.kind { cells } else { 0 }).max().unwrap_or(0);
    let alignments = lines
        .iter()
        .skip(first_row)
        .find_map(|l| if let Kind::Separator(a) = &l.kind { Some(a.clone()) } else { None })
        .filter(|_| sections.first().is_some_and(|(s, _)| *s == Section::Head))
        .unwrap_or_default();
    let simple = matches!(sections.as_slice(), [(Section::Head, 1), (Section::Body, _)]);
    let mut edits = Vec::new();
    let mut delimited = false;
    for (index, line) in lines.iter().enumerate() {
        match &line.kind {
            Kind::Row { cells, code_pipes, leading: has_leading, trailing, .. } => {
                edits.extend(code_pipes.iter().map(|&p| (p..p, "\\".to_string())));
                if *has_leading && !leading {
                    // kramdown keeps the empty cell before it; GFM drops one leading pipe.
                    edits.push((line.start + line.indent..line.start + line.indent, "|".into()));
                }
                if index == first_row {
                    let missing = columns - cells;
                    if missing > 0 {
                        let pipes = missing + usize::from(!trailing);
                        edits.push((line.end..line.end, " |".repeat(pipes)));
                    }
                    if !simple {
                        let indent = &text[line.start..line.start + line.indent];
                        edits.push((line.end..line.end, format!("\n{indent}{}", delimiter(&alignments, columns))));
                    }
                }
            }
            Kind::Separator(_) if simple && index > first_row && !delimited => {
                delimited = true;
                let indent = &text[line.start..line.start + line.indent];
                edits.push((line.start..line.end, format!("{indent}{}", delimiter(&alignments, columns))));
            }
            Kind::Separator(_) | Kind::Footer => edits.push((line.start..line.next, String::new())),
        }
    }
    let sections = (!simple).then(|| encode(&sections));
    Some(Found { end: next, edits, sections })
}

/// The placeholder's attribute naming a table's sections.
pub(super) fn sections_attribute(sections: String) -> (String, String) {
    (TABLE_SECTIONS.to_string(), sections)
}

/// Whether `line` is a line of a table (`TABLE_LINE`): a pipe first, or one after a
/// character that is not a backslash.
fn is_table_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.first() == Some(&b'|') || bytes.windows(2).any(|w| w[1] == b'|' && w[0] != b'\\')
}

/// Whether `line` opens a block kramdown reads before tables (a quote, a heading, a
/// fence), or a list item, which kramdown reads as a table's row and opsbook leaves to
/// the list GFM reads.
fn opens_other_block(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    line.starts_with(['>', '#'])
        || line.starts_with("```")
        || line.starts_with("~~~")
        || line.starts_with("- ")
        || line.starts_with("* ")
        || line.starts_with("+ ")
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

/// The line `line` (trimmed at its end) starting at `start`, before the line at `next`, read.
fn classify(line: &str, start: usize, next: usize, leading: bool) -> Line {
    let indent = line.len() - line.trim_start().len();
    let end = start + line.len();
    let body = line.trim_start();
    let kind = if body.contains('-') && body.bytes().all(|b| b"+|: \t-".contains(&b)) {
        Kind::Separator(alignments(body))
    } else if body.contains('=') && body.bytes().all(|b| b"+|: \t=".contains(&b)) {
        Kind::Footer
    } else {
        row(line, start, leading)
    };
    Line { start, indent, end, next, kind }
}

/// The alignments of a separator line (`TABLE_HSEP_ALIGN`: each run of dashes, a colon
/// before it left, after it right, both center).
fn alignments(line: &str) -> Vec<Align> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    // Where the last run's match ended: a colon after it is not the next one's.
    let mut taken = 0;
    while i < bytes.len() {
        if bytes[i] != b'-' {
            i += 1;
            continue;
        }
        let left = i > taken && bytes[i - 1] == b':';
        while i < bytes.len() && bytes[i] == b'-' {
            i += 1;
        }
        let right = bytes.get(i) == Some(&b':');
        taken = i + usize::from(right);
        out.push(match (left, right) {
            (true, true) => Align::Center,
            (true, false) => Align::Left,
            (false, true) => Align::Right,
            (false, false) => Align::Default,
        });
    }
    out
}

/// A row: its cells split at pipes outside code spans and `<code>…</code>` and not
/// escaped, the empty one after a trailing pipe not counted, nor the one before a
/// leading pipe when the table's first line has one (`leading`).
fn row(line: &str, start: usize, table_leading: bool) -> Kind {
    let bytes = line.as_bytes();
    let mut cells = vec![0usize];
    let mut code_pipes = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'|' => {
                cells.push(i + 1);
                i += 1;
            }
            b'`' => {
                let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
                match closing_backticks(&bytes[i + run..], run) {
                    Some(close) => {
                        let inner = i + run..i + run + close;
                        code_pipes.extend(inner.filter(|&p| bytes[p] == b'|').map(|p| start + p));
                        i += run + close + run;
                    }
                    None => i += run,
                }
            }
            b'<' if line[i..].starts_with("<code") => match line[i..].find("</code>") {
                Some(close) => {
                    code_pipes.extend((i..i + close).filter(|&p| bytes[p] == b'|').map(|p| start + p));
                    i += close + 7;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    let text_of = |n: usize| {
        let from = cells[n];
        let to = cells.get(n + 1).map_or(line.len(), |next| next - 1);
        line[from..to.max(from)].trim()
    };
    let mut count = cells.len();
    let leading = line.trim_start().starts_with('|');
    if table_leading && text_of(0).is_empty() {
        count -= 1;
    }
    let trailing = count > 0 && text_of(cells.len() - 1).is_empty();
    if trailing {
        count -= 1;
    }
    Kind::Row { cells: count, code_pipes, leading, trailing: line.ends_with('|') && trailing }
}

/// For each line of `text`, whether it has a pipe not escaped and outside code spans,
/// which run across lines here (a row's cells are split at its own).
fn pipes_outside_code(text: &str) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut lines = vec![false];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += if bytes.get(i + 1) == Some(&b'\n') { 1 } else { 2 },
            b'\n' => {
                lines.push(false);
                i += 1;
            }
            b'|' => {
                *lines.last_mut().expect("one line at least") = true;
                i += 1;
            }
            b'`' => {
                let run = bytes[i..].iter().take_while(|b| **b == b'`').count();
                match closing_backticks(&bytes[i + run..], run) {
                    Some(close) => {
                        let newlines = bytes[i + run..i + run + close].iter().filter(|b| **b == b'\n').count();
                        lines.extend(std::iter::repeat_n(false, newlines));
                        i += run + close + run;
                    }
                    None => i += run,
                }
            }
            _ => i += 1,
        }
    }
    lines
}

/// Where a run of exactly `run` backticks starts in `rest`.
fn closing_backticks(rest: &[u8], run: usize) -> Option<usize> {
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'`' {
            let len = rest[i..].iter().take_while(|b| **b == b'`').count();
            if len == run {
                return Some(i);
            }
            i += len;
        } else {
            i += 1;
        }
    }
    None
}

/// The sections kramdown makes of the lines (`add_container`): the rows before the
/// first separator line are the head, a later separator line starts a new body, `|=`
/// the foot, to which the rows after it go.
fn sections(lines: &[Line]) -> Vec<(Section, usize)> {
    let mut out = Vec::new();
    let mut rows = 0;
    let (mut footer, mut head_done) = (false, false);
    let add = |out: &mut Vec<(Section, usize)>, rows: &mut usize, section: Section, force: bool, footer: bool| {
        if !footer || section != Section::Body || force {
            out.push((section, std::mem::take(rows)));
        }
    };
    for line in lines {
        match line.kind {
            Kind::Row { .. } => rows += 1,
            Kind::Separator(_) if rows == 0 => {}
            Kind::Separator(_) if !head_done && !footer => {
                add(&mut out, &mut rows, Section::Head, false, footer);
                head_done = true;
            }
            Kind::Separator(_) => add(&mut out, &mut rows, Section::Body, false, footer),
            Kind::Footer => {
                if rows > 0 {
                    add(&mut out, &mut rows, Section::Body, true, footer);
                }
                footer = true;
            }
        }
    }
    if rows > 0 {
        add(&mut out, &mut rows, if footer { Section::Foot } else { Section::Body }, false, footer);
    }
    out
}

/// A GFM separator line of `columns` cells with `alignments` (default past them).
fn delimiter(alignments: &[Align], columns: usize) -> String {
    let mut line = String::from("|");
    for column in 0..columns.max(1) {
        line.push_str(match alignments.get(column).copied().unwrap_or(Align::Default) {
            Align::Default => "---|",
            Align::Left => ":--|",
            Align::Right => "--:|",
            Align::Center => ":-:|",
        });
    }
    line
}

#[cfg(test)]
mod tests;
