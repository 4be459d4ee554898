//! `opsbook check`: everything a build checks, printed for people or CI, nothing written;
//! with `--rules`, also the alerts of Prometheus rule files against the runbooks; with
//! `--baseline`, findings of the target branch marked existing (they fail nothing), new
//! findings of `[check] links` errors even where it is `"warn"` (the ratchet), its
//! page URLs checked, and with `--changed-pages` the pages the change touched written.
//! The human format prints warnings in full, summarised by rule past 200 (`--summary`,
//! `--no-summary`), or not at all (`-q`); the machine formats carry every finding.

use std::process::ExitCode;

use crate::check::baseline::{Baseline, Novelty};
use crate::check::format::{Format, github, gitlab, json};
use crate::check::moved::changed_pages_json;
use crate::cli::CheckArgs;
use crate::config::Overrides;
use crate::diagnostic::human::print_detailed;
use crate::diagnostic::summary::Detail;
use crate::diagnostic::{Diagnostic, Failure, Severity};
use crate::fs::slash_path;
use crate::pipeline::{check_against, thousands};

/// Runs `opsbook check`.
pub(crate) fn run(args: CheckArgs) -> ExitCode {
    let root = std::path::absolute(&args.root).unwrap_or(args.root);
    // With a baseline, what `[check] links = "warn"` lowers is an error again: a new
    // broken link fails the merge request; existing ones get back the severity the
    // baseline gave them, and fail nothing.
    let overrides = Overrides {
        drafts: args.drafts,
        audience: args.audience,
        base_url: args.base_url,
        prometheus: super::prometheus_url(),
        offline: args.offline,
        links_as_errors: args.baseline.is_some(),
        status_site: false,
        ..Overrides::default()
    };
    let rules: Vec<_> =
        args.rules.iter().map(|path| std::path::absolute(path).unwrap_or_else(|_| path.clone())).collect();
    let context = crate::pipeline::Context { peaks_per_step: args.timings, ..Default::default() };
    let baseline = match args.baseline.as_deref().map(|path| Baseline::read(path, &slash_path(path))) {
        Some(Ok(baseline)) => Some(baseline),
        Some(Err(error)) => return super::environment_error(&error),
        None => None,
    };
    let classify =
        |diagnostics: &mut [Diagnostic]| baseline.as_ref().map(|b| b.classify(diagnostics)).unwrap_or_default();
    let progress = crate::progress::Line::start(crate::progress::wanted(args.shown.quiet), &context.progress);
    let checked = check_against(&root, (&overrides, &context), &rules, baseline.as_ref());
    drop(progress);
    let (diagnostics, summary, marks) = match checked {
        Ok(mut report) => {
            if args.timings {
                eprint!("{}", crate::pipeline::timings_table(&report.timings, &report.peaks, report.elapsed));
            }
            if let (Some(file), Some(baseline)) = (&args.changed_pages, &baseline) {
                let text = changed_pages_json(&baseline.file, &report.changes);
                if let Err(error) = crate::fs::write(&crate::fs::Confined::named_on_command_line(file), text.as_bytes())
                {
                    return super::environment_error(&error);
                }
            }
            let marks = classify(&mut report.diagnostics);
            let summary = summary(&report, baseline.is_some(), &marks);
            (report.diagnostics, summary, marks)
        }
        Err(Failure::Content(mut diagnostics)) => {
            let marks = classify(&mut diagnostics);
            (diagnostics, String::new(), marks)
        }
        Err(Failure::Environment(error)) => return super::environment_error(&error),
    };
    let detail = args.shown.detail(&diagnostics);
    print(&diagnostics, &marks, args.format, &root, detail);
    if args.format == Format::Human && !summary.is_empty() && detail != Detail::ErrorsOnly {
        eprintln!("{summary}");
        // The to-do list of a migration: what is still shown as placeholders.
        eprint!("{}", crate::check::placeholders::placeholder_table(&diagnostics));
    }
    let fails = |(i, d): (usize, &Diagnostic)| d.is_error() && marks.get(i) != Some(&Novelty::Existing);
    if diagnostics.iter().enumerate().any(fails) { ExitCode::from(super::EXIT_CONTENT) } else { ExitCode::SUCCESS }
}

/// The summary line: `checked 12 pages in 0.10s: 2 errors, 1 warning`; with a baseline,
/// how many of them are existing: `2 errors (1 existing), ...`.
fn summary(report: &crate::pipeline::CheckReport, baseline: bool, marks: &[Novelty]) -> String {
    let count = |severity| {
        let of = report.diagnostics.iter().enumerate().filter(|(_, d)| d.severity == severity);
        of.fold((0, 0), |(all, existing), (i, _)| {
            (all + 1, existing + usize::from(marks.get(i) == Some(&Novelty::Existing)))
        })
    };
    let counted = |(n, existing): (usize, usize), one: &str, many: &str| {
        let word = if n == 1 { one } else { many };
        match baseline {
            true if n > 0 => {
                format!("{} {word} ({} new, {} existing)", thousands(n), thousands(n - existing), thousands(existing))
            }
            _ => format!("{} {word}", thousands(n)),
        }
    };
    let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
    let mut summary = format!(
        "checked {} {} in {:.2}s: {}, {}",
        thousands(report.pages),
        if report.pages == 1 { "page" } else { "pages" },
        report.elapsed.as_secs_f64(),
        counted(errors, "error", "errors"),
        counted(warnings, "warning", "warnings"),
    );
    if notes.0 > 0 {
        summary.push_str(&format!(", {}", counted(notes, "note", "notes")));
    }
    summary.push_str(&crate::pipeline::unsupported_note(&report.diagnostics));
    summary
}

fn print(diagnostics: &[Diagnostic], marks: &[Novelty], format: Format, root: &std::path::Path, detail: Detail) {
    match format {
        Format::Human => {
            let labels: Vec<&str> = marks.iter().map(|m| m.label()).collect();
            print_detailed(diagnostics, &labels, root, detail);
        }
        Format::Json => print!("{}", json(diagnostics, marks)),
        Format::Github => print!("{}", github(diagnostics, marks)),
        Format::Gitlab => print!("{}", gitlab(diagnostics, marks)),
    }
}
