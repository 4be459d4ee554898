//! `opsbook check`: everything a build checks, printed for people or CI, nothing written;
//! with `--rules`, also the alerts of Prometheus rule files against the runbooks.

use std::process::ExitCode;

use crate::check::format::{Format, github, gitlab, json};
use crate::cli::CheckArgs;
use crate::config::Overrides;
use crate::diagnostic::human::print_diagnostics;
use crate::diagnostic::{Diagnostic, Failure, Severity};
use crate::pipeline::{check_with_rules, thousands};

/// Runs `opsbook check`.
pub(crate) fn run(args: CheckArgs) -> ExitCode {
    let root = std::path::absolute(&args.root).unwrap_or(args.root);
    let overrides = Overrides { drafts: args.drafts, audience: args.audience, ..Overrides::default() };
    let rules: Vec<_> =
        args.rules.iter().map(|path| std::path::absolute(path).unwrap_or_else(|_| path.clone())).collect();
    if args.timings {
        crate::pipeline::peak_memory_per_step();
    }
    let (diagnostics, summary) = match check_with_rules(&root, &overrides, &rules) {
        Ok(report) => {
            if args.timings {
                eprint!("{}", crate::pipeline::timings_table(&report.timings, &report.peaks, report.elapsed));
            }
            let count = |severity| report.diagnostics.iter().filter(|d| d.severity == severity).count();
            let (errors, warnings, notes) = (count(Severity::Error), count(Severity::Warning), count(Severity::Note));
            let mut summary = format!(
                "checked {} {} in {:.2}s: {} {}, {} {}",
                thousands(report.pages),
                if report.pages == 1 { "page" } else { "pages" },
                report.elapsed.as_secs_f64(),
                thousands(errors),
                if errors == 1 { "error" } else { "errors" },
                thousands(warnings),
                if warnings == 1 { "warning" } else { "warnings" },
            );
            if notes > 0 {
                summary.push_str(&format!(", {} {}", thousands(notes), if notes == 1 { "note" } else { "notes" }));
            }
            summary.push_str(&crate::pipeline::unsupported_note(&report.diagnostics));
            (report.diagnostics, summary)
        }
        Err(Failure::Content(diagnostics)) => (diagnostics, String::new()),
        Err(Failure::Environment(error)) => return super::environment_error(&error),
    };
    print(&diagnostics, args.format, &root);
    if args.format == Format::Human && !summary.is_empty() {
        eprintln!("{summary}");
    }
    if diagnostics.iter().any(Diagnostic::is_error) { ExitCode::from(super::EXIT_CONTENT) } else { ExitCode::SUCCESS }
}

fn print(diagnostics: &[Diagnostic], format: Format, root: &std::path::Path) {
    match format {
        Format::Human => print_diagnostics(diagnostics, root),
        Format::Json => print!("{}", json(diagnostics)),
        Format::Github => print!("{}", github(diagnostics)),
        Format::Gitlab => print!("{}", gitlab(diagnostics)),
    }
}
