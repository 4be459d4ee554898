//! The summary of a large run: warnings and notes grouped by rule, each group with its
//! count, the files with the most of them and one example, so that the first build of a
//! 4,000-page migration prints a screen, not 30,000 lines. Errors are never summarised:
//! they stop the build, so each is printed in full at `path:line:column` ([`super::human`]).
//!
//! How much a run prints ([`Detail`]) is chosen once per run from the command line
//! (`--summary`, `--no-summary`, `-q`) and the number of warnings and notes: past
//! [`SUMMARY_ABOVE`] the summary is the default. The machine formats of `opsbook check`
//! (`json`, `github`, `gitlab`) always carry every finding.
//!
//! The shape borrows from the tools a migrating team knows: rustc and cargo print each
//! error in full; ESLint's `--quiet` prints errors only; ESLint's and Zola's link
//! checker's closing lines count problems per rule and per file.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::thousands;
use super::{Diagnostic, Rule, Severity};

/// Past this many warnings and notes a run prints the summary unless `--no-summary` is
/// given: 200 findings in full are about 1,000 lines, a few screens.
pub const SUMMARY_ABOVE: usize = 200;

/// The most files listed under a rule; the rest are counted on one line.
const TOP_FILES: usize = 5;

/// How much of a run's diagnostics the human format prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every diagnostic in full.
    Full,
    /// Errors in full, warnings and notes summarised by rule.
    Summary,
    /// Errors in full, nothing else (`-q`).
    ErrorsOnly,
}

impl Detail {
    /// The detail a run asked for: `-q` errors only; `--summary` or `--no-summary` as
    /// said; otherwise the summary when `diagnostics` has more than [`SUMMARY_ABOVE`]
    /// warnings and notes, and everything in full when not.
    pub fn choose(quiet: bool, summary: Option<bool>, diagnostics: &[Diagnostic]) -> Detail {
        match (quiet, summary) {
            (true, _) => Detail::ErrorsOnly,
            (false, Some(true)) => Detail::Summary,
            (false, Some(false)) => Detail::Full,
            (false, None) if diagnostics.iter().filter(|d| !d.is_error()).count() > SUMMARY_ABOVE => Detail::Summary,
            (false, None) => Detail::Full,
        }
    }
}

/// The warnings (or notes) of one rule.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleGroup<'a> {
    /// Warning or note.
    pub severity: Severity,
    /// The rule that fired.
    pub rule: Rule,
    /// How many diagnostics of this rule and severity the run has.
    pub count: usize,
    /// Each file with how many of them it has: the most first, then by path.
    pub files: Vec<(&'a str, usize)>,
    /// The first of them in the run's order, shown as an example.
    pub first: &'a Diagnostic,
}

/// The warnings and notes of `diagnostics` by rule: warnings first, then notes; within
/// each, the rule with the most first, then by rule id. Errors are left out.
pub fn group_by_rule(diagnostics: &[Diagnostic]) -> Vec<RuleGroup<'_>> {
    let mut groups: Vec<RuleGroup<'_>> = Vec::new();
    // Per rule: its group's place, and its count per file.
    type Counts<'d> = (usize, HashMap<&'d str, usize>);
    let mut index: HashMap<(Severity, Rule), Counts<'_>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        let (at, files) = index.entry((d.severity, d.rule)).or_insert_with(|| {
            groups.push(RuleGroup { severity: d.severity, rule: d.rule, count: 0, files: Vec::new(), first: d });
            (groups.len() - 1, HashMap::new())
        });
        groups[*at].count += 1;
        *files.entry(d.path.as_str()).or_insert(0) += 1;
    }
    for (at, files) in index.into_values() {
        let mut files: Vec<(&str, usize)> = files.into_iter().collect();
        files.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        groups[at].files = files;
    }
    groups.sort_by(|a, b| {
        (a.severity, std::cmp::Reverse(a.count), a.rule.id()).cmp(&(
            b.severity,
            std::cmp::Reverse(b.count),
            b.rule.id(),
        ))
    });
    groups
}

/// The summary of the warnings and notes of `diagnostics` for people, ending with a line
/// that says how to see them all; nothing when there are none.
pub fn render_summary(diagnostics: &[Diagnostic], color: bool) -> String {
    let groups = group_by_rule(diagnostics);
    if groups.is_empty() {
        return String::new();
    }
    let level = |severity| match (color, severity) {
        (false, _) => ("", ""),
        (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
        (true, _) => ("\x1b[1;36m", "\x1b[0m"),
    };
    let mut out = String::new();
    for group in &groups {
        let (paint, reset) = level(group.severity);
        let word = plural(group.severity, group.count);
        let files = group.files.len();
        let _ = writeln!(
            out,
            "{paint}{}[{}]{reset}: {} {word} in {} {}",
            group.severity,
            group.rule.id(),
            thousands(group.count),
            thousands(files),
            if files == 1 { "file" } else { "files" }
        );
        let rest: usize = group.files.iter().skip(TOP_FILES).map(|(_, n)| n).sum();
        let most = group.files.first().map_or(0, |(_, n)| *n);
        let width = thousands(most.max(rest)).len();
        for (path, n) in group.files.iter().take(TOP_FILES) {
            let path = if path.is_empty() { "(no file)" } else { path };
            let _ = writeln!(out, "  {:>width$}  {path}", thousands(*n));
        }
        if files > TOP_FILES {
            let _ = writeln!(out, "  {:>width$}  in {} more files", thousands(rest), thousands(files - TOP_FILES));
        }
        let _ = writeln!(out, "  e.g. {}: {}", group.first.location(), group.first.message);
        out.push('\n');
    }
    let count = |severity| diagnostics.iter().filter(|d| d.severity == severity).count();
    let (warnings, notes) = (count(Severity::Warning), count(Severity::Note));
    let counted = match (warnings, notes) {
        (w, 0) => format!("{} {}", thousands(w), plural(Severity::Warning, w)),
        (0, n) => format!("{} {}", thousands(n), plural(Severity::Note, n)),
        (w, n) => format!(
            "{} {} and {} {}",
            thousands(w),
            plural(Severity::Warning, w),
            thousands(n),
            plural(Severity::Note, n)
        ),
    };
    let _ = writeln!(out, "{counted} summarised by rule; `--no-summary` prints each in full");
    out
}

fn plural(severity: Severity, n: usize) -> &'static str {
    match (severity, n) {
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
        (Severity::Note, 1) => "note",
        (Severity::Note, _) => "notes",
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(rule: Rule, path: &str, line: usize) -> Diagnostic {
        Diagnostic::error(rule, path, line, 1, format!("at {line}")).with_severity(Severity::Warning)
    }

    #[test]
    fn groups_warnings_by_rule_with_the_worst_files_first() {
        let mut diagnostics = vec![
            Diagnostic::error(Rule::FrontMatterSyntax, "e.md", 1, 1, "left out"),
            warning(Rule::BrokenLink, "b.md", 1),
            warning(Rule::BrokenLink, "a.md", 2),
            warning(Rule::BrokenLink, "c.md", 3),
            warning(Rule::BrokenLink, "c.md", 4),
            warning(Rule::Include, "a.md", 5),
            warning(Rule::Diagram, "a.md", 6),
            warning(Rule::Diagram, "b.md", 7),
            warning(Rule::ShallowClone, "", 0).with_severity(Severity::Note),
            warning(Rule::ShallowClone, "", 0).with_severity(Severity::Note),
            warning(Rule::ShallowClone, "", 0).with_severity(Severity::Note),
        ];
        diagnostics[5].message = "first include".to_string();
        let groups = group_by_rule(&diagnostics);
        type Shape<'a> = (Severity, &'a str, usize, Vec<(&'a str, usize)>);
        let shape: Vec<Shape<'_>> =
            groups.iter().map(|g| (g.severity, g.rule.id(), g.count, g.files.clone())).collect();
        assert_eq!(
            shape,
            [
                (Severity::Warning, "broken-link", 4, vec![("c.md", 2), ("a.md", 1), ("b.md", 1)]),
                (Severity::Warning, "diagram", 2, vec![("a.md", 1), ("b.md", 1)]),
                (Severity::Warning, "include", 1, vec![("a.md", 1)]),
                (Severity::Note, "shallow-clone", 3, vec![("", 3)]),
            ]
        );
        assert_eq!(groups[0].first.location(), "b.md:1:1");
        assert_eq!(groups[2].first.message, "first include");
    }

    #[test]
    fn lists_five_files_and_counts_the_rest() {
        let diagnostics: Vec<Diagnostic> = (0..8)
            .flat_map(|f| (0..=f).map(move |line| warning(Rule::BrokenLink, &format!("p{f}.md"), line + 1)))
            .collect();
        assert_eq!(
            render_summary(&diagnostics, false),
            "warning[broken-link]: 36 warnings in 8 files\n  8  p7.md\n  7  p6.md\n  6  p5.md\n  5  p4.md\n  4  p3.md\n  \
             6  in 3 more files\n  e.g. p0.md:1:1: at 1\n\n36 warnings summarised by rule; `--no-summary` prints each in full\n"
        );
    }

    #[test]
    fn summarises_past_the_threshold_unless_told() {
        let many: Vec<Diagnostic> = (0..=SUMMARY_ABOVE).map(|i| warning(Rule::BrokenLink, "a.md", i + 1)).collect();
        let few = &many[..SUMMARY_ABOVE];
        assert_eq!(Detail::choose(false, None, few), Detail::Full);
        assert_eq!(Detail::choose(false, None, &many), Detail::Summary);
        assert_eq!(Detail::choose(false, Some(false), &many), Detail::Full);
        assert_eq!(Detail::choose(false, Some(true), few), Detail::Summary);
        assert_eq!(Detail::choose(true, None, &many), Detail::ErrorsOnly);
    }
}
