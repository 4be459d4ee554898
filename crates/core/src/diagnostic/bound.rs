//! The bound on what one file reports: its first [`PER_FILE`] errors and its first
//! [`PER_FILE`] warnings and notes (by place), then for each of the two one diagnostic
//! at the first left out, counting the rest by rule (the first `budget` diagnostic,
//! which says why a page stopped, is always kept). A broken page of 64 MiB (five
//! million broken links, a placeholder warning per tag) then prints a few screens, the
//! build cache and `handbook.json` stay small, and an error is never hidden by warnings.
//!
//! Applied to each page's diagnostics when the page is rendered, and to the whole run's
//! when they are settled (the link check adds its findings per page after rendering).

use std::collections::HashMap;

use super::{Diagnostic, Rule, Severity, sort_diagnostics, thousands};

/// The most diagnostics one file reports in full.
pub const PER_FILE: usize = 1_000;

/// The help of the diagnostic that counts what a file does not report.
const COUNTED: &str = "fix the problems reported and build again to see the next ones";

/// Keeps at most [`PER_FILE`] errors and [`PER_FILE`] warnings and notes of each file,
/// the first by place, and puts one diagnostic in place of the rest of each: as severe
/// as the worst of them (an error left out still fails the build), at the place of the
/// first. Sorts `diagnostics` by place when it bounds anything; leaves them as they are
/// when no file has too many.
pub fn bound_per_file(diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.len() <= PER_FILE {
        return;
    }
    let mut counts: HashMap<(&str, bool), usize> = HashMap::new();
    for d in diagnostics.iter() {
        *counts.entry((d.path.as_str(), d.is_error())).or_default() += 1;
    }
    if counts.values().all(|&n| n <= PER_FILE) {
        return;
    }
    let most = diagnostics.len().min(counts.len() * (PER_FILE + 1));
    sort_diagnostics(diagnostics);
    let mut kept = Vec::with_capacity(most);
    let mut rest = std::mem::take(diagnostics).into_iter().peekable();
    while let Some(first) = rest.next() {
        let path = first.path.clone();
        // Errors, then warnings and notes: how many are shown, and what is left out.
        let mut shown = [0usize; 2];
        let mut left_out: [Option<LeftOut>; 2] = [None, None];
        // The first `budget` diagnostic says why the page stopped, and a count made
        // before (of the page, when it was rendered) says what it left out: both kept.
        let mut budget_kept = [false; 2];
        for d in std::iter::once(first).chain(std::iter::from_fn(|| rest.next_if(|d| d.path == path))) {
            let class = usize::from(!d.is_error());
            if d.rule == Rule::Budget && (!budget_kept[class] || d.help.as_deref() == Some(COUNTED)) {
                budget_kept[class] |= d.help.as_deref() != Some(COUNTED);
                kept.push(d);
            } else if shown[class] < PER_FILE {
                shown[class] += 1;
                kept.push(d);
            } else {
                left_out[class].get_or_insert_with(|| LeftOut::at(&d)).add(&d);
            }
        }
        kept.extend(left_out.into_iter().flatten().map(LeftOut::into_diagnostic));
    }
    *diagnostics = kept;
}

/// What a file's diagnostics past [`PER_FILE`] were.
struct LeftOut {
    /// Where the first of them is.
    path: String,
    line: usize,
    column: usize,
    /// The worst of their severities.
    severity: Severity,
    /// How many of each rule, in the order the rules first appear.
    rules: Vec<(Rule, usize)>,
}

impl LeftOut {
    fn at(d: &Diagnostic) -> LeftOut {
        LeftOut { path: d.path.clone(), line: d.line, column: d.column, severity: d.severity, rules: Vec::new() }
    }

    fn add(&mut self, d: &Diagnostic) {
        self.severity = self.severity.min(d.severity);
        match self.rules.iter_mut().find(|(rule, _)| *rule == d.rule) {
            Some((_, n)) => *n += 1,
            None => self.rules.push((d.rule, 1)),
        }
    }

    fn into_diagnostic(self) -> Diagnostic {
        let total: usize = self.rules.iter().map(|(_, n)| n).sum();
        let by_rule: Vec<String> =
            self.rules.iter().map(|(rule, n)| format!("{} {}", thousands(*n), rule.id())).collect();
        let kind = match (self.severity, total) {
            (Severity::Error, 1) => "error",
            (Severity::Error, _) => "errors",
            (_, 1) => "warning or note",
            _ => "warnings and notes",
        };
        let verb = if total == 1 { "is" } else { "are" };
        let message = format!(
            "{} more {kind} from here on {verb} not reported ({}): a file reports its first {} of them",
            thousands(total),
            by_rule.join(", "),
            thousands(PER_FILE)
        );
        Diagnostic::error(Rule::Budget, self.path, self.line, self.column, message)
            .with_severity(self.severity)
            .with_help(COUNTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warning(path: &str, line: usize, rule: Rule) -> Diagnostic {
        Diagnostic::error(rule, path, line, 1, "x").with_severity(Severity::Warning)
    }

    #[test]
    fn leaves_files_within_the_bound_as_they_are() {
        let mut diagnostics: Vec<Diagnostic> =
            (0..PER_FILE).rev().map(|line| warning("content/a.md", line + 1, Rule::BrokenLink)).collect();
        diagnostics.push(warning("content/b.md", 1, Rule::BrokenLink));
        let before = diagnostics.clone();
        bound_per_file(&mut diagnostics);
        assert_eq!(diagnostics, before);
    }

    #[test]
    fn keeps_the_first_of_a_file_and_counts_the_rest_by_rule_at_the_worst_severity() {
        let mut diagnostics = vec![warning("content/b.md", 1, Rule::Diagram)];
        diagnostics.extend((0..PER_FILE + 3).rev().map(|line| warning("content/a.md", line + 1, Rule::BrokenLink)));
        diagnostics.push(warning("content/a.md", PER_FILE + 10, Rule::MissingAsset).with_severity(Severity::Note));
        bound_per_file(&mut diagnostics);
        assert_eq!(diagnostics.len(), PER_FILE + 2);
        let a: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.path == "content/a.md").collect();
        assert_eq!(a[PER_FILE - 1].line, PER_FILE, "the first by place are kept");
        let summary = a[PER_FILE];
        assert_eq!((summary.rule, summary.severity, summary.line), (Rule::Budget, Severity::Warning, PER_FILE + 1));
        assert_eq!(
            summary.message,
            "4 more warnings and notes from here on are not reported (3 broken-link, 1 missing-asset): a file reports its first 1,000 of them"
        );
        assert_eq!(diagnostics.last().map(|d| d.path.as_str()), Some("content/b.md"));
    }

    #[test]
    fn keeps_the_errors_of_a_file_whose_warnings_are_too_many() {
        let mut diagnostics: Vec<Diagnostic> =
            (0..2 * PER_FILE).map(|line| warning("content/a.md", line + 1, Rule::UnsupportedSyntax)).collect();
        let budget = Diagnostic::error(Rule::Budget, "content/a.md", 3 * PER_FILE, 1, "too many");
        diagnostics.push(budget.clone());
        diagnostics.extend(
            (0..PER_FILE + 1).map(|n| Diagnostic::error(Rule::BrokenLink, "content/a.md", 4 * PER_FILE, n + 1, "x")),
        );
        bound_per_file(&mut diagnostics);
        assert!(diagnostics.contains(&budget), "the first errors are kept, however many warnings come before them");
        // The budget error, the first thousand broken links, and the count of the rest.
        let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), PER_FILE + 2);
        assert_eq!(
            errors[PER_FILE + 1].message,
            "1 more error from here on is not reported (1 broken-link): a file reports its first 1,000 of them"
        );
    }

    #[test]
    fn counts_budget_errors_past_the_first_and_keeps_a_count_made_before() {
        // A page's 3,000 diagrams past its budget: the first says why, a thousand more
        // are shown, the rest counted.
        let mut diagnostics: Vec<Diagnostic> =
            (0..3 * PER_FILE).map(|n| Diagnostic::error(Rule::Budget, "content/a.md", n + 1, 1, "diagram")).collect();
        bound_per_file(&mut diagnostics);
        assert_eq!(diagnostics.len(), PER_FILE + 2);
        // The link check's findings come later, before most of them.
        diagnostics.extend((0..PER_FILE).map(|n| Diagnostic::error(Rule::BrokenLink, "content/a.md", 1, n + 2, "x")));
        bound_per_file(&mut diagnostics);
        let counted = diagnostics.iter().filter(|d| d.help.as_deref() == Some(COUNTED));
        let counts: Vec<&str> = counted.map(|d| d.message.as_str()).collect();
        assert_eq!(
            counts,
            [
                "1,999 more errors from here on are not reported (1,999 budget): a file reports its first 1,000 of them",
                "1,000 more errors from here on are not reported (1,000 budget): a file reports its first 1,000 of them",
            ]
        );
        assert_eq!(diagnostics.first().map(|d| (d.line, d.message.as_str())), Some((1, "diagram")));
        assert_eq!(diagnostics.iter().filter(|d| d.rule == Rule::BrokenLink).count(), PER_FILE);
    }

    #[test]
    fn keeps_a_budget_error_past_the_first_thousand() {
        let mut diagnostics: Vec<Diagnostic> =
            (0..PER_FILE + 1).map(|n| Diagnostic::error(Rule::BrokenLink, "content/a.md", 4, n + 1, "x")).collect();
        let budget = Diagnostic::error(Rule::Budget, "content/a.md", 4, 5 * PER_FILE, "too many elements");
        diagnostics.push(budget.clone());
        bound_per_file(&mut diagnostics);
        assert!(diagnostics.contains(&budget), "why the page stopped is reported");
        assert_eq!(
            diagnostics.last().map(|d| d.message.as_str()),
            Some("1 more error from here on is not reported (1 broken-link): a file reports its first 1,000 of them")
        );
        assert_eq!(diagnostics.len(), PER_FILE + 2);
    }
}
