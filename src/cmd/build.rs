//! `opsbook build`: build the handbook, print diagnostics (in full, summarised by rule
//! past 200 warnings, or errors alone with `-q`) and the summary line.

use std::process::ExitCode;

use crate::cli::BuildArgs;
use crate::config::Overrides;
use crate::diagnostic::Failure;
use crate::diagnostic::human::print_detailed;
use crate::fs::shown_path;
use crate::pipeline::build;

/// The cache folder: `--cache-dir`, else `OPSBOOK_CACHE_DIR` when set and not empty;
/// absolute, as the current folder names it.
fn cache_dir(given: Option<std::path::PathBuf>) -> Option<std::path::PathBuf> {
    let dir = given.or_else(|| std::env::var_os("OPSBOOK_CACHE_DIR").filter(|dir| !dir.is_empty()).map(Into::into))?;
    Some(std::path::absolute(&dir).unwrap_or(dir))
}

/// Runs `opsbook build`.
pub(crate) fn run(args: BuildArgs) -> ExitCode {
    let overrides = Overrides {
        output_dir: args.out,
        base_url: args.base_url,
        drafts: args.drafts,
        audience: args.audience,
        no_cache: args.no_cache,
        cache_dir: cache_dir(args.cache_dir),
        force: args.force,
        prometheus: super::prometheus_url(),
        offline: args.offline,
        links_as_errors: false,
        status_site: args.status_site,
        community: args.community,
    };
    let root = std::path::absolute(&args.root).unwrap_or(args.root);
    let context = crate::pipeline::Context { peaks_per_step: args.timings, ..Default::default() };
    let progress = crate::progress::Line::start(crate::progress::wanted(args.shown.quiet), &context.progress);
    let built = build(&root, &overrides, &context);
    drop(progress);
    match built {
        Ok(report) => {
            if !args.shown.quiet {
                print_detailed(&report.warnings, &[], &root, args.shown.detail(&report.warnings));
                eprintln!("{}", report.summary(&shown_path(&report.output_dir)));
            }
            if args.timings {
                eprint!("{}", report.timings_table());
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Content(diagnostics)) => {
            print_detailed(&diagnostics, &[], &root, args.shown.detail(&diagnostics));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: the build failed with {errors} {}; the previous output was left as it was",
                if errors == 1 { "error" } else { "errors" }
            );
            ExitCode::from(super::EXIT_CONTENT)
        }
        Err(Failure::Environment(error)) => super::environment_error(&error),
    }
}
