//! The human format of diagnostics, modelled on rustc: the message, the location, the
//! source line with a caret under the column, and a hint. Colour only on a terminal,
//! and never when `NO_COLOR` is set.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::{Diagnostic, Severity};

/// Whether the human format should use colour on standard error.
pub fn stderr_wants_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Renders diagnostics one after another, reading the quoted source lines from the files
/// under `root`.
pub fn render_human(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let mut sources: HashMap<&str, Option<String>> = HashMap::new();
    let mut out = String::new();
    for d in diagnostics {
        let source = sources.entry(d.path.as_str()).or_insert_with(|| {
            std::fs::read(root.join(&d.path)).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        render_one(&mut out, d, source.as_deref(), color);
    }
    out
}

struct Palette {
    level: &'static str,
    blue: &'static str,
    bold: &'static str,
    reset: &'static str,
}

fn render_one(out: &mut String, d: &Diagnostic, source: Option<&str>, color: bool) {
    let p = if color {
        Palette {
            level: match d.severity {
                Severity::Error => "\x1b[1;31m",
                Severity::Warning => "\x1b[1;33m",
            },
            blue: "\x1b[1;34m",
            bold: "\x1b[1m",
            reset: "\x1b[0m",
        }
    } else {
        Palette { level: "", blue: "", bold: "", reset: "" }
    };
    let _ = writeln!(out, "{}{}[{}]{}{}: {}{}", p.level, d.severity, d.rule.id(), p.reset, p.bold, d.message, p.reset);
    let location = d.location();
    let quoted = (d.line > 0).then(|| source.and_then(|s| s.lines().nth(d.line - 1))).flatten();
    let gutter = " ".repeat(d.line.to_string().len());
    let _ = writeln!(out, "{gutter}{}-->{} {location}", p.blue, p.reset);
    if let Some(line_text) = quoted {
        let (shown, pad) = excerpt(line_text.trim_end_matches('\r'), d.column);
        let _ = writeln!(out, "{gutter} {}|{}", p.blue, p.reset);
        let _ = writeln!(out, "{}{} |{} {shown}", p.blue, d.line, p.reset);
        if d.column > 0 {
            let _ = writeln!(out, "{gutter} {}|{} {}{}^{}", p.blue, p.reset, " ".repeat(pad), p.level, p.reset);
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{gutter} {}={} {}help{}: {help}", p.blue, p.reset, p.bold, p.reset);
    }
    out.push('\n');
}

/// The longest source line quoted in full, in characters.
const MAX_SHOWN: usize = 100;

/// The part of a line to quote, tabs expanded, and the caret's offset in it: long lines
/// are cut to a window around the column, marked with `…`.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    let (start, end) = if chars.len() <= MAX_SHOWN {
        (0, chars.len())
    } else {
        let start = column.saturating_sub(1 + MAX_SHOWN / 2).min(chars.len() - MAX_SHOWN);
        (start, start + MAX_SHOWN)
    };
    let width = |c: &char| if *c == '\t' { 4 } else { 1 };
    let mut shown = String::new();
    let mut pad = 0;
    if start > 0 {
        shown.push('…');
        pad += 1;
    }
    for c in &chars[start..end] {
        if *c == '\t' { shown.push_str("    ") } else { shown.push(*c) }
    }
    if end < chars.len() {
        shown.push('…');
    }
    pad += chars[start..column.saturating_sub(1).clamp(start, end)].iter().map(width).sum::<usize>();
    (shown, pad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Rule;

    #[test]
    fn quotes_the_line_with_a_caret_under_the_column() {
        let d = Diagnostic::error(Rule::BrokenLink, "a.md", 2, 5, "no page `b.md`").with_help("did you mean `c.md`?");
        let mut out = String::new();
        render_one(&mut out, &d, Some("first\nSee [b](b.md)\n"), false);
        assert_eq!(
            out,
            "error[broken-link]: no page `b.md`\n --> a.md:2:5\n  |\n2 | See [b](b.md)\n  |     ^\n  = help: did you mean `c.md`?\n\n"
        );
    }

    #[test]
    fn cuts_long_lines_around_the_column() {
        let line = format!("{}[x](gone.md){}", "a".repeat(200), "b".repeat(200));
        let (shown, pad) = excerpt(&line, 201);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(pad), Some('['));
        assert_eq!(excerpt("\tab", 2), ("    ab".to_string(), 4));
    }

    #[test]
    fn names_the_file_alone_when_there_is_no_line() {
        let d = Diagnostic::error(Rule::UnreadableFile, "a.md", 0, 0, "cannot read");
        let mut out = String::new();
        render_one(&mut out, &d, None, false);
        assert_eq!(out, "error[unreadable-file]: cannot read\n --> a.md\n\n");
    }
}
