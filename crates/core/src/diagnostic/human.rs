//! The human format of diagnostics, modelled on rustc: the message, the location, the
//! source line with a caret under the column, and a hint. Colour on a terminal, never
//! when `NO_COLOR` is set, always when `CLICOLOR_FORCE` is ([`stderr_wants_color`]).
//!
//! Each file is read and its line starts indexed once, and each quoted line split into
//! characters once, however many diagnostics point into it: 20,000 findings on one line
//! cost 20,000 small steps, not 20,000 passes over the file.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use super::summary::{Detail, render_summary};
use super::{Diagnostic, Severity};

/// Whether the human format should use colour on standard error, by the rules of
/// no-color.org and bixense.com/clicolors: `NO_COLOR` (not empty) never; else
/// `CLICOLOR_FORCE` (not empty, not `0`) always, even into a pipe; else `CLICOLOR=0`
/// never; else on a terminal that is not `TERM=dumb`. (anstream, clap's own choice,
/// takes `CLICOLOR_FORCE=0` as forcing colour, which the rule does not.)
pub fn stderr_wants_color() -> bool {
    use std::io::IsTerminal;
    color_wanted(|name| std::env::var(name).ok(), std::io::stderr().is_terminal())
}

/// [`stderr_wants_color`]'s rule, with the environment read through `var`.
fn color_wanted(var: impl Fn(&str) -> Option<String>, terminal: bool) -> bool {
    let set = |name: &str| var(name).filter(|value| !value.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    if set("CLICOLOR_FORCE").is_some_and(|value| value != "0") {
        return true;
    }
    if set("CLICOLOR").is_some_and(|value| value == "0") {
        return false;
    }
    terminal && set("TERM").is_none_or(|term| term != "dumb")
}

/// Prints diagnostics on standard error in the human format, reading the quoted source
/// lines from the files under `root`; prints nothing when there are none.
pub fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path) {
    print_labelled(diagnostics, &[], root);
}

/// Prints diagnostics as [`print_diagnostics`] does, each with its label in `labels`
/// (by index; `(existing)` after the rule), when there is one.
pub fn print_labelled(diagnostics: &[Diagnostic], labels: &[&str], root: &Path) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_labelled(diagnostics, labels, root, stderr_wants_color()));
    }
}

/// Prints diagnostics as [`print_labelled`] does, as much of them as `detail` says:
/// all, errors in full and the rest summarised by rule, or errors alone.
pub fn print_detailed(diagnostics: &[Diagnostic], labels: &[&str], root: &Path, detail: Detail) {
    if detail == Detail::Full {
        return print_labelled(diagnostics, labels, root);
    }
    let (errors, error_labels): (Vec<Diagnostic>, Vec<&str>) = diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_error())
        .map(|(i, d)| (d.clone(), labels.get(i).copied().unwrap_or_default()))
        .unzip();
    let error_labels = if labels.is_empty() { Vec::new() } else { error_labels };
    print_labelled(&errors, &error_labels, root);
    if detail == Detail::Summary {
        eprint!("{}", render_summary(diagnostics, stderr_wants_color()));
    }
}

/// Whether the human format quotes the line `d` points at: a line of a file inside the
/// handbook (a relative path with no `..`), except for a rule file that cannot be
/// parsed, of which nothing is printed.
fn quotes_its_line(d: &Diagnostic) -> bool {
    let inside = !d.path.starts_with('/') && !d.path.split(['/', '\\']).any(|segment| segment == "..");
    d.line != 0 && inside && d.rule != super::Rule::RulesSyntax
}

/// Renders diagnostics one after another, errors first (so that a few errors are not lost
/// among many warnings), each group in the order given; reads the quoted source lines
/// from the files under `root`. Each is shown with its label in `labels` (by index),
/// when there is one: `error[broken-link] (existing): ...`.
pub fn render_labelled(diagnostics: &[Diagnostic], labels: &[&str], root: &Path, color: bool) -> String {
    let mut sources: HashMap<&str, Option<Source>> = HashMap::new();
    let confinement = crate::fs::confine::Confinement::new(root);
    let mut out = String::new();
    let errors = diagnostics.iter().enumerate().filter(|(_, d)| d.is_error());
    for (i, d) in errors.chain(diagnostics.iter().enumerate().filter(|(_, d)| !d.is_error())) {
        // A whole-file diagnostic (an image, say) quotes nothing: its file is not read;
        // nor does one of a file outside the handbook, or a rule file's syntax error,
        // whose text may be another repository's or a secret's.
        if !quotes_its_line(d) {
            render_one(&mut out, d, labels.get(i).copied(), None, color);
            continue;
        }
        let source = sources.entry(d.path.as_str()).or_insert_with(|| {
            // Read as every file opsbook reads is: never waiting on it, within a limit.
            let file = confinement.as_ref()?.inside_root(&root.join(&d.path))?;
            let read = crate::fs::read_bytes(&file, crate::fs::FileKind::Page).ok();
            read.map(|b| Source::new(String::from_utf8_lossy(&b).into_owned()))
        });
        let quoted = source.as_mut().and_then(|s| s.line_chars(d.line));
        render_one(&mut out, d, labels.get(i).copied(), quoted, color);
    }
    out
}

/// A file's text with its line starts, and the characters of the lines quoted so far.
struct Source {
    text: String,
    /// The byte offset of each line's start.
    line_starts: Vec<usize>,
    /// Line number -> its characters, without the line ending.
    lines: HashMap<usize, Vec<char>>,
}

impl Source {
    fn new(text: String) -> Source {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Source { text, line_starts, lines: HashMap::new() }
    }

    /// The characters of 1-based line `line` without its line ending (as `str::lines`
    /// gives it, carriage returns at its end removed), or `None` when there is no such
    /// line.
    fn line_chars(&mut self, line: usize) -> Option<&[char]> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        // `str::lines` has no empty line after a final line ending.
        if start >= self.text.len() {
            return None;
        }
        let end = self.line_starts.get(line).map_or(self.text.len(), |next| next - 1);
        let text = &self.text;
        let chars = self.lines.entry(line).or_insert_with(|| text[start..end].trim_end_matches('\r').chars().collect());
        Some(chars)
    }
}

struct Palette {
    level: &'static str,
    blue: &'static str,
    bold: &'static str,
    reset: &'static str,
}

fn render_one(out: &mut String, d: &Diagnostic, label: Option<&str>, quoted: Option<&[char]>, color: bool) {
    let p = if color {
        Palette {
            level: match d.severity {
                Severity::Error => "\x1b[1;31m",
                Severity::Warning => "\x1b[1;33m",
                Severity::Note => "\x1b[1;36m",
            },
            blue: "\x1b[1;34m",
            bold: "\x1b[1m",
            reset: "\x1b[0m",
        }
    } else {
        Palette { level: "", blue: "", bold: "", reset: "" }
    };
    let label = label.map(|label| format!(" ({label})")).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{}[{}]{label}{}{}: {}{}",
        p.level,
        d.severity,
        d.rule.id(),
        p.reset,
        p.bold,
        d.message,
        p.reset
    );
    let location = d.location();
    let gutter = " ".repeat(d.line.to_string().len());
    let _ = writeln!(out, "{gutter}{}-->{} {location}", p.blue, p.reset);
    if let Some(line_text) = quoted {
        let (shown, pad) = excerpt(line_text, d.column);
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
/// are cut to a window around the column, marked with `…`. Costs the window, not the
/// line.
fn excerpt(chars: &[char], column: usize) -> (String, usize) {
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
    #[test]
    fn colour_follows_no_color_then_clicolor_force_then_clicolor_then_the_terminal() {
        let with = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string())
        };
        assert!(super::color_wanted(with(&[]), true));
        assert!(!super::color_wanted(with(&[]), false));
        assert!(!super::color_wanted(with(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]), true));
        assert!(super::color_wanted(with(&[("NO_COLOR", "")]), true), "an empty NO_COLOR is not set");
        assert!(super::color_wanted(with(&[("CLICOLOR_FORCE", "1")]), false));
        assert!(!super::color_wanted(with(&[("CLICOLOR_FORCE", "0")]), false));
        assert!(!super::color_wanted(with(&[("CLICOLOR", "0")]), true));
        assert!(!super::color_wanted(with(&[("TERM", "dumb")]), true));
    }

    use super::*;
    use crate::diagnostic::Rule;

    #[test]
    fn quotes_the_line_with_a_caret_under_the_column() {
        let d = Diagnostic::error(Rule::BrokenLink, "a.md", 2, 5, "no page `b.md`").with_help("did you mean `c.md`?");
        let mut out = String::new();
        let mut source = Source::new("first\nSee [b](b.md)\n".to_string());
        render_one(&mut out, &d, None, source.line_chars(2), false);
        assert_eq!(
            out,
            "error[broken-link]: no page `b.md`\n --> a.md:2:5\n  |\n2 | See [b](b.md)\n  |     ^\n  = help: did you mean `c.md`?\n\n"
        );
    }

    #[test]
    fn quotes_no_line_of_a_file_outside_the_handbook_nor_of_a_rule_files_syntax_error() {
        assert!(quotes_its_line(&Diagnostic::error(Rule::BrokenLink, "content/a.md", 2, 5, "x")));
        assert!(!quotes_its_line(&Diagnostic::error(Rule::BrokenLink, "content/a.md", 0, 0, "x")));
        assert!(!quotes_its_line(&Diagnostic::error(Rule::RulesSyntax, "rules/a.yml", 6, 30, "x")));
        assert!(!quotes_its_line(&Diagnostic::error(Rule::AlertWithoutRunbook, "../alerting/a.yml", 4, 5, "x")));
        assert!(!quotes_its_line(&Diagnostic::error(Rule::BrokenLink, "/etc/a.md", 1, 1, "x")));
    }

    #[test]
    fn cuts_long_lines_around_the_column() {
        let line = format!("{}[x](gone.md){}", "a".repeat(200), "b".repeat(200));
        let line: Vec<char> = line.chars().collect();
        let (shown, pad) = excerpt(&line, 201);
        assert_eq!(shown.chars().count(), MAX_SHOWN + 2);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(pad), Some('['));
        assert_eq!(excerpt(&['\t', 'a', 'b'], 2), ("    ab".to_string(), 4));
    }

    #[test]
    fn quotes_lines_as_str_lines_gives_them() {
        for text in ["", "a", "a\n", "a\r\nb\r\n", "a\n\nb", "a\r\r\n\n", "x\r", "Über\n\tz"] {
            let mut source = Source::new(text.to_string());
            for line in 0..6 {
                let expected = (line > 0).then(|| text.lines().nth(line - 1)).flatten();
                let expected: Option<Vec<char>> = expected.map(|l| l.trim_end_matches('\r').chars().collect());
                assert_eq!(source.line_chars(line).map(<[char]>::to_vec), expected, "line {line} of {text:?}");
            }
        }
    }

    #[test]
    fn splits_a_quoted_line_once_for_all_its_findings() {
        let line = "[x](gone.md) ".repeat(1000);
        let mut source = Source::new(format!("---\n{line}\n"));
        for _ in 0..1000 {
            assert_eq!(source.line_chars(2).map(<[char]>::len), Some(line.chars().count()));
        }
        assert_eq!(source.lines.len(), 1);
        assert_eq!(source.line_starts, vec![0, 4, 4 + line.len() + 1]);
    }

    #[test]
    fn prints_errors_before_warnings() {
        let warning = Diagnostic::error(Rule::BrokenLink, "a.md", 0, 0, "first").with_severity(Severity::Warning);
        let error = Diagnostic::error(Rule::FrontMatterSyntax, "z.md", 0, 0, "second");
        let out = render_labelled(&[warning.clone(), error, warning], &[], Path::new("/nonexistent"), false);
        let heads: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ') && !l.is_empty()).collect();
        assert_eq!(
            heads,
            ["error[front-matter-syntax]: second", "warning[broken-link]: first", "warning[broken-link]: first"]
        );
    }

    #[test]
    fn names_the_file_alone_when_there_is_no_line() {
        let d = Diagnostic::error(Rule::UnreadableFile, "a.md", 0, 0, "cannot read");
        let mut out = String::new();
        render_one(&mut out, &d, None, None, false);
        assert_eq!(out, "error[unreadable-file]: cannot read\n --> a.md\n\n");
    }
}
