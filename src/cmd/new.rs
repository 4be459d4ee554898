//! `opsbook new KIND "Title"`: create a page of a kind from its template.

use std::process::ExitCode;

use crate::cli::NewArgs;
use crate::dates::now;
use crate::diagnostic::Failure;
use crate::diagnostic::human::print_diagnostics;
use crate::new_page::create_page;

/// Runs `opsbook new`.
pub(crate) fn run(args: NewArgs) -> ExitCode {
    let root = std::path::absolute(&args.root).unwrap_or(args.root);
    let now = match now() {
        Ok(now) => now,
        Err(error) => return super::environment_error(&error),
    };
    match create_page(&root, &args.kind, args.title.as_deref(), args.from_alertmanager.as_deref(), now) {
        Ok(page) => {
            for warning in &page.warnings {
                eprintln!("warning: {warning}");
            }
            match &page.done {
                (verb, Some(detail)) => eprintln!("{verb} {}: {detail}", page.file),
                (verb, None) => eprintln!("{verb} {}", page.file),
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Content(diagnostics)) => {
            print_diagnostics(&diagnostics, &root);
            ExitCode::from(super::EXIT_CONTENT)
        }
        Err(Failure::Environment(error)) => super::environment_error(&error),
    }
}
