//! `opsbook init [DIR]`: write the starter handbook into an empty or new folder.

use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::fs::shown_path;
use crate::starter::write_starter;

/// Runs `opsbook init`.
pub(crate) fn run(args: InitArgs) -> ExitCode {
    match write_starter(&args.dir) {
        Ok(written) => {
            let shown = shown_path(&std::path::absolute(&args.dir).unwrap_or(args.dir.clone()));
            for file in &written {
                eprintln!("  created {file}");
            }
            eprintln!("Started a handbook in {shown}. Build it with: opsbook build --root {shown}");
            ExitCode::SUCCESS
        }
        Err(error) => super::environment_error(&error),
    }
}
