//! The verbs of the `opsbook` binary, one file each: each parses nothing itself, calls
//! the library once, prints what happened and returns the exit code.
//!
//! Exit codes: 0 success (warnings allowed), 1 the content has errors, 2 usage or
//! environment error.

pub mod build;
pub mod check;
pub mod init;
pub mod new;
pub mod serve;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::human::{render_human, stderr_wants_color};

/// Exit code: the content has errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: usage or environment error.
pub const EXIT_ENVIRONMENT: u8 = 2;

/// Parses the command line and runs the verb.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
    }
}

/// Prints diagnostics on standard error in the human format.
pub(crate) fn print_diagnostics(diagnostics: &[Diagnostic], root: &std::path::Path) {
    if !diagnostics.is_empty() {
        eprint!("{}", render_human(diagnostics, root, stderr_wants_color()));
    }
}

/// Prints an environment error and returns exit code 2.
pub(crate) fn environment_error(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::from(EXIT_ENVIRONMENT)
}

/// A path as the user would like to read it: relative to the current folder when it is
/// inside it.
pub(crate) fn shown_path(path: &std::path::Path) -> String {
    let relative =
        std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(std::path::Path::to_path_buf));
    let shown = crate::fs::slash_path(relative.as_deref().unwrap_or(path));
    if shown.is_empty() { ".".into() } else { format!("{}/", shown.trim_end_matches('/')) }
}
