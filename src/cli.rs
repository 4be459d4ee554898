//! The command line, declared with clap: `opsbook build`, `serve`, `check`, `routes`, `new`,
//! `init`, and `completions` and `man`, which clap generates from this declaration.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  opsbook init my-handbook          start a new handbook in my-handbook/
  opsbook serve                     build and serve this handbook at http://127.0.0.1:3000/, live
  opsbook build                     build the handbook in this folder into public/
  opsbook build --root handbook --out /tmp/site --base-url https://ops.example.org/handbook/
  opsbook check --format github     report broken links as pull request annotations
  opsbook new rca \"2026-03-14 DNS outage in eu-west\"

Exit codes: 0 success (warnings allowed), 1 the content has errors, 2 usage or environment error.";

/// The version `--version` prints: the crate's, and the commit it was built from when
/// there is one (`0.1.0 (1a2b3c4d5e6f 2026-11-24)`; see build.rs).
pub(crate) const VERSION: &str = env!("OPSBOOK_VERSION_LINE");

/// opsbook builds operations handbooks (runbooks, incident reviews, processes) into a
/// fast static website.
#[derive(Debug, Parser)]
#[command(name = "opsbook", version = VERSION, about, after_help = EXAMPLES, propagate_version = true)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the handbook into a static site.
    #[command(
        after_help = "Examples:\n  opsbook build\n  opsbook build --drafts --out /tmp/preview\n  opsbook build --base-url https://ops.example.org/handbook/"
    )]
    Build(BuildArgs),
    /// Build the handbook into memory and serve it, rebuilding and reloading open pages on every save.
    #[command(
        after_help = "Examples:\n  opsbook serve\n  opsbook serve --root handbook --port 8080 --open\n  opsbook serve --drafts --port 0           (any free port)\n  opsbook serve --bind 0.0.0.0              (reachable from other machines)"
    )]
    Serve(ServeArgs),
    /// Check links, anchors and front matter without writing anything; for contributors and CI.
    #[command(
        after_help = "Examples:\n  opsbook check\n  opsbook check --format github        (annotations in a GitHub Actions job)\n  opsbook check --format gitlab > gl-code-quality-report.json\n  opsbook check --format json | jq '.[] | select(.rule == \"broken-link\")'"
    )]
    Check(CheckArgs),
    /// Print every page's source file and URL, e.g. as GitLab's route map for review apps.
    #[command(
        after_help = "Examples:\n  opsbook routes\n  opsbook routes --format gitlab > .gitlab/route-map.yml\n  opsbook routes --format json | jq -r '.[] | select(.source == \"content/runbooks/db.md\") | .url'"
    )]
    Routes(RoutesArgs),
    /// Start a new page of a kind from its template, e.g. a runbook or an incident review.
    #[command(
        after_help = "Examples:\n  opsbook new rca \"2026-03-14 DNS outage in eu-west\"\n  opsbook new runbook \"Disk full on a host\" --root handbook"
    )]
    New(NewArgs),
    /// Start a new handbook: book.toml, a home page, a runbook and the RCA template.
    #[command(after_help = "Examples:\n  opsbook init my-handbook\n  opsbook init            (in an empty folder)")]
    Init(InitArgs),
    /// Print the shell completion script for bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Examples:\n  opsbook completions bash > ~/.local/share/bash-completion/completions/opsbook\n  opsbook completions zsh > \"${fpath[1]}/_opsbook\"\n  opsbook completions fish > ~/.config/fish/completions/opsbook.fish\n  opsbook completions powershell >> $PROFILE"
    )]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) of opsbook or of one of its commands.
    #[command(
        after_help = "Examples:\n  opsbook man | man -l -\n  opsbook man build > opsbook-build.1\n  opsbook man > ~/.local/share/man/man1/opsbook.1"
    )]
    Man(ManArgs),
}

/// Options of `opsbook completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// Options of `opsbook man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print (build, serve, check, ...); opsbook's own page when
    /// left out.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

/// Options of `opsbook build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The handbook's folder (the one holding book.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: public/ under the root, or build.output-dir].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: `public` leaves pages and blocks marked internal out [default: build.audience, or public].
    #[arg(long, value_enum, value_name = "AUDIENCE")]
    pub audience: Option<crate::config::Audience>,
    /// The URL the site is published at, e.g. https://ops.example.org/handbook/ [default: handbook.base-url].
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// How much to print: every finding, a summary, or errors only.
    #[command(flatten)]
    pub shown: ShownArgs,
    /// Print how long each step of the build took.
    #[arg(long)]
    pub timings: bool,
    /// Neither read nor write the cache kept beside the output folder (.NAME.opsbook-cache).
    #[arg(long)]
    pub no_cache: bool,
    /// Keep the build cache in DIR instead of beside the output folder, e.g. a folder CI
    /// restores and saves, so a build in a fresh clone renders only what changed
    /// [env: OPSBOOK_CACHE_DIR].
    #[arg(long, value_name = "DIR", conflicts_with = "no_cache")]
    pub cache_dir: Option<PathBuf>,
    /// Let the build replace what the output folder holds even when no earlier opsbook
    /// build wrote it (a folder without opsbook's manifest beside it); never anything
    /// below a .git folder.
    #[arg(long)]
    pub force: bool,
    /// Query no Prometheus server for the status page's checks and no peer of
    /// [[peers]]: show the values of the last build's status/health.json in the output
    /// folder, and the peers' copies the last build kept.
    #[arg(long)]
    pub offline: bool,
    /// Build the status page as a site of its own (for a host such as
    /// status.example.org): the page at its root, the API at /api/v2/, into
    /// status.site-dir (public-status) or --out; always for the public audience.
    #[arg(long, conflicts_with = "audience")]
    pub status_site: bool,
    /// Build a site of the community alone: the peers of [[peers]] on /community/ (where
    /// the home page leads), its feed and the search of all their handbooks, without the
    /// handbook's own pages.
    #[arg(long, conflicts_with = "status_site")]
    pub community: bool,
}

/// Options of `opsbook serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The handbook's folder (the one holding book.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; anything but a loopback address lets other machines in.
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// The port; 0 takes any free port [default: 3000, or the next free one].
    #[arg(long, short, value_name = "PORT")]
    pub port: Option<u16>,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: `public` leaves pages and blocks marked internal out [default: build.audience, or public].
    #[arg(long, value_enum, value_name = "AUDIENCE")]
    pub audience: Option<crate::config::Audience>,
    /// Open the handbook in the browser once it is served.
    #[arg(long)]
    pub open: bool,
}

/// Options of `opsbook check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The handbook's folder (the one holding book.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print what was found: human (standard error), or json, github or gitlab
    /// (standard output).
    #[arg(long, value_enum, default_value = "human")]
    pub format: crate::check::format::Format,
    /// Also check pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: `public` leaves pages and blocks marked internal out [default: build.audience, or public].
    #[arg(long, value_enum, value_name = "AUDIENCE")]
    pub audience: Option<crate::config::Audience>,
    /// Prometheus rule files, or folders of them (*.yml, *.yaml), whose alerts must have
    /// runbooks; repeatable.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    pub rules: Vec<PathBuf>,
    /// How much to print in the human format (the others carry every finding).
    #[command(flatten)]
    pub shown: ShownArgs,
    /// Print how long each step took.
    #[arg(long)]
    pub timings: bool,
    /// The target branch's handbook.json (or its `check --format json` output): findings
    /// it has too are "existing" and fail nothing, and its page URLs must still lead
    /// somewhere.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// With --baseline, write the pages the change added, changed, moved or removed to
    /// FILE as JSON (for review comments).
    #[arg(long, value_name = "FILE", requires = "baseline")]
    pub changed_pages: Option<PathBuf>,
    /// The URL the site is published at, for the URLs of --changed-pages [default: handbook.base-url].
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
    /// Query no Prometheus server and no peer (see `build --offline`).
    #[arg(long)]
    pub offline: bool,
}

/// How much of the warnings and notes `build` and `check` print; errors are always
/// printed in full.
#[derive(Debug, Args)]
pub(crate) struct ShownArgs {
    /// Print only errors: no warnings, no notes, no summary line.
    #[arg(long, short, conflicts_with_all = ["summary", "no_summary"])]
    pub quiet: bool,
    /// Summarise warnings and notes by rule, with counts and the files with the most
    /// [default when there are more than 200].
    #[arg(long, conflicts_with = "no_summary")]
    pub summary: bool,
    /// Print every warning and note in full, however many there are.
    #[arg(long)]
    pub no_summary: bool,
}

impl ShownArgs {
    /// How much of `diagnostics` to print.
    pub(crate) fn detail(&self, diagnostics: &[crate::diagnostic::Diagnostic]) -> crate::diagnostic::summary::Detail {
        let summary = match (self.summary, self.no_summary) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        };
        crate::diagnostic::summary::Detail::choose(self.quiet, summary, diagnostics)
    }
}

/// Options of `opsbook routes`.
#[derive(Debug, Args)]
pub(crate) struct RoutesArgs {
    /// The handbook's folder (the one holding book.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// How to print them: human (`source -> URL` lines), json, or gitlab (a route map,
    /// `.gitlab/route-map.yml`).
    #[arg(long, value_enum, default_value = "human")]
    pub format: RoutesFormat,
    /// Include pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Who the site is for: `public` leaves pages and blocks marked internal out [default: build.audience, or public].
    #[arg(long, value_enum, value_name = "AUDIENCE")]
    pub audience: Option<crate::config::Audience>,
    /// The URL the site is published at, for the URLs printed [default: handbook.base-url].
    #[arg(long, value_name = "URL", value_parser = parse_base_url)]
    pub base_url: Option<String>,
}

/// An output format of `opsbook routes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum RoutesFormat {
    /// One `source -> URL` line per page.
    Human,
    /// One JSON array of `{source, repository_source, path, url, title}`.
    Json,
    /// GitLab's route map (`.gitlab/route-map.yml`): exact source and public paths.
    Gitlab,
}

/// Options of `opsbook new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The kind of page: runbook, rca, manifesto, page, or a kind declared in book.toml.
    #[arg(value_name = "KIND")]
    pub kind: String,
    /// The new page's title; its file name is made from it.
    #[arg(value_name = "TITLE", required_unless_present = "from_alertmanager")]
    pub title: Option<String>,
    /// The handbook's folder (the one holding book.toml).
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// A draft incident from an Alertmanager webhook payload (JSON): its title, start,
    /// components (the label `[status] component-label`) and the alerts' runbooks.
    #[arg(long, value_name = "FILE")]
    pub from_alertmanager: Option<PathBuf>,
}

/// Options of `opsbook init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create the handbook in; it must be empty or not exist yet.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// Checks `--base-url` when the command line is parsed, so a bad value is a usage error.
fn parse_base_url(text: &str) -> Result<String, String> {
    crate::config::BaseUrl::parse(text).map(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
