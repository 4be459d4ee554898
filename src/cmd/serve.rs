//! `opsbook serve`: build the handbook into memory and serve it with live reload until
//! Ctrl-C.

use std::process::ExitCode;

use crate::cli::ServeArgs;
use crate::serve::{Options, run as serve};

/// Runs `opsbook serve`. Content errors never end it; only environment problems (no
/// book.toml, a port in use) do, with exit code 2.
pub(crate) fn run(args: ServeArgs) -> ExitCode {
    let options = Options {
        root: args.root,
        bind: args.bind,
        port: args.port,
        drafts: args.drafts,
        audience: args.audience,
        open: args.open,
    };
    match serve(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => super::environment_error(&error),
    }
}
