//! The verbs of the `opsbook` binary, one file each: each parses nothing itself, calls
//! the library once, prints what happened and returns the exit code.
//!
//! Exit codes: 0 success (warnings allowed), 1 the content has errors, 2 usage or
//! environment error.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod generated;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod routes;
pub(crate) mod serve;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};

/// Exit code: the content has errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: usage or environment error.
pub const EXIT_ENVIRONMENT: u8 = 2;

/// Parses the command line and runs the verb. A panic while rendering a page is an
/// error at the page; any other prints one line ([`crate::panics`]).
pub fn run() -> ExitCode {
    crate::panics::brief_outside_pages();
    crate::panics::inject("command", "run");
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Check(args) => check::run(args),
        Command::Routes(args) => routes::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Completions(args) => generated::completions(args),
        Command::Man(args) => generated::man(args),
    }
}

/// Prints an environment error and returns exit code 2.
pub(crate) fn environment_error(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error:#}");
    ExitCode::from(EXIT_ENVIRONMENT)
}

/// The variable that names the Prometheus server of the status page's checks, instead
/// of `[status] prometheus` (a CI job's secret, a tunnel's address).
pub(crate) const PROMETHEUS_VARIABLE: &str = "OPSBOOK_PROMETHEUS_URL";

/// `OPSBOOK_PROMETHEUS_URL`, when it is set and not empty.
pub(crate) fn prometheus_url() -> Option<String> {
    std::env::var(PROMETHEUS_VARIABLE).ok().filter(|url| !url.trim().is_empty())
}
