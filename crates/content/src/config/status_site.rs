//! The status site: the status page published as a site of its own
//! (`opsbook build --status-site`), for a host such as `status.example.org` where
//! Atlassian's status widget asks for `/api/v2/summary.json` at the root.
//!
//! ```toml
//! [status]
//! site-dir = "public-status"                  # its output folder; public-status unless set
//! site-url = "https://status.example.org/"    # where it is published; / unless set
//! handbook-url = "https://ops.example.org/"   # the link back to the handbook; none unless set
//! ```
//!
//! `site-dir` obeys the rules of `[build] output-dir` (a plain folder inside the root),
//! and may be neither the handbook's output folder nor inside it or around it: the
//! claim checks that again on the folders as they resolve (`pipeline::claim`). The
//! status site's URLs are made by its own [`BaseUrl`] ([`BaseUrl::for_status_site`]):
//! the site paths under `status/` at its root, any other at `handbook-url`.

use std::path::{Path, PathBuf};

use super::base_url::BaseUrl;
use super::output_dir::OutputChoice;
use super::sources::relative_folder;
use super::status::StatusTable;
use super::{CONFIG_FILE, checks::line_column};
use crate::diagnostic::{Diagnostic, Rule};

/// The status site's folder when `site-dir` is not set.
pub(super) const DEFAULT_SITE_DIR: &str = "public-status";

/// What a build of the status site needs of `[status]`: its folder, where it was
/// chosen, and the base URL its links are made with.
pub(super) struct StatusSite {
    /// The output folder (absolute).
    pub(super) dir: PathBuf,
    /// Where it was chosen.
    pub(super) choice: OutputChoice,
    /// The base URL of the status site, which sends links to the handbook's pages to
    /// `handbook-url`.
    pub(super) base_url: BaseUrl,
}

/// Reads `site-dir`, `site-url` and `handbook-url` for a build of the status site
/// (`out` is `--out`, which wins over `site-dir`), or reports their mistakes.
pub(super) fn resolve_status_site(
    table: &StatusTable,
    root: &Path,
    out: Option<&PathBuf>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> StatusSite {
    let at = |spanned: &toml::Spanned<String>| line_column(text, spanned.span().start);
    let mut url = |key: &str, value: Option<&toml::Spanned<String>>| {
        let value = value?;
        BaseUrl::parse(value.get_ref())
            .map_err(|message| {
                let (line, column) = at(value);
                let message = message.replace("`base-url`", &format!("`[status] {key}`"));
                problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
            })
            .ok()
    };
    let site_url = url("site-url", table.site_url.as_ref()).unwrap_or_default();
    let handbook_url = url("handbook-url", table.handbook_url.as_ref());
    let base_url = BaseUrl::for_status_site(site_url, handbook_url);
    let (dir, choice) = match (out, &table.site_dir) {
        (Some(dir), _) => (std::path::absolute(dir).unwrap_or_else(|_| dir.clone()), OutputChoice::CommandLine),
        (None, None) => (root.join(DEFAULT_SITE_DIR), OutputChoice::Default),
        (None, Some(written)) => {
            let (line, column) = at(written);
            let why = match relative_folder(written.get_ref()).and_then(super::output_dir::short_names) {
                Ok(normal) => {
                    return StatusSite { dir: root.join(normal), choice: OutputChoice::Config(line, column), base_url };
                }
                Err(problem) => super::output_dir::why_not_inside(problem),
            };
            problems.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    CONFIG_FILE,
                    line,
                    column,
                    format!("`[status] site-dir` is {:?}: {why}", written.get_ref()),
                )
                .with_help("name a folder inside the handbook, such as \"public-status\"; to write the status site elsewhere, pass --out"),
            );
            (root.join(DEFAULT_SITE_DIR), OutputChoice::Config(line, column))
        }
    };
    StatusSite { dir, choice, base_url }
}

/// Whether the folders `a` and `b` are one, or one holds the other, as written.
pub(super) fn overlap(a: &Path, b: &Path) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// The error of a `site-dir` that is, holds or lies in the handbook's output folder
/// `handbook`, at the key.
pub(super) fn same_folder(line: usize, column: usize, handbook: &Path) -> Diagnostic {
    Diagnostic::error(
        Rule::ConfigField,
        CONFIG_FILE,
        line,
        column,
        format!(
            "`[status] site-dir` is, holds or lies in the handbook's output folder {}: each build replaces what its folder holds",
            crate::fs::shown_path(handbook)
        ),
    )
    .with_help("name a folder beside the handbook's, such as \"public-status\"")
}
