//! The `opsbook` command: parses the command line, runs one verb, maps the result to an exit code.

fn main() -> std::process::ExitCode {
    opsbook::cmd::run()
}
