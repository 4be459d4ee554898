//! `opsbook routes`: checks the handbook as `opsbook check` does (to know every page's
//! URL) and prints each page's source file and URL; problems found are `check`'s to
//! report, and only those that stop everything stop this.

use std::process::ExitCode;

use crate::check::routes::{gitlab, human, json};
use crate::cli::{RoutesArgs, RoutesFormat};
use crate::config::Overrides;
use crate::diagnostic::Failure;
use crate::diagnostic::human::print_diagnostics;
use crate::pipeline::check_against;

/// Runs `opsbook routes`.
pub(crate) fn run(args: RoutesArgs) -> ExitCode {
    let root = std::path::absolute(&args.root).unwrap_or(args.root);
    let overrides =
        Overrides { drafts: args.drafts, audience: args.audience, base_url: args.base_url, ..Overrides::default() };
    match check_against(&root, (&overrides, &Default::default()), &[], None) {
        Ok(report) => {
            print!(
                "{}",
                match args.format {
                    RoutesFormat::Human => human(&report.routes),
                    RoutesFormat::Json => json(&report.routes, &report.repository_prefix),
                    RoutesFormat::Gitlab => gitlab(&report.routes, &report.repository_prefix),
                }
            );
            ExitCode::SUCCESS
        }
        Err(Failure::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, &root);
            ExitCode::from(super::EXIT_CONTENT)
        }
        Err(Failure::Environment(error)) => super::environment_error(&error),
    }
}
