//! `[status]`: the components of the handbook's public status page.
//!
//! ```toml
//! [status]
//! title = "Nimbus Cloud status"          # optional; the handbook's title otherwise
//! components = [
//!   { id = "compute-fra1", name = "Compute (FRA1)", group = "FRA1", description = "Virtual machines" },
//!   { id = "dns", name = "DNS" },
//! ]
//! ```
//!
//! More: docs/architecture.md, "Notes by module".

use serde::Deserialize;

use super::checks::{Check, CheckTable, DEFAULT_TIMEOUT_SECONDS, check_server_url, parse_timeout, resolve_checks};
use super::{CONFIG_FILE, locate_key};
use crate::diagnostic::{Diagnostic, Rule};

/// The raw `[status]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct StatusTable {
    /// The status page's title.
    title: Option<String>,
    /// The components, in display order.
    components: Vec<ComponentTable>,
    /// The Prometheus API server the checks query.
    prometheus: Option<toml::Spanned<String>>,
    /// The longest a build spends on the network for the checks (`10s`).
    prometheus_timeout: Option<toml::Spanned<String>>,
    /// How long a measurement stands for the present when a build cannot measure (`30m`).
    stale_after: Option<toml::Spanned<String>>,
    /// The label of an Alertmanager alert that names the component it affects.
    component_label: Option<String>,
    /// The folder of the status site (`opsbook build --status-site`,
    /// [`super::status_site`]).
    pub(super) site_dir: Option<toml::Spanned<String>>,
    /// Where the status site is published.
    pub(super) site_url: Option<toml::Spanned<String>>,
    /// The handbook the status site links back to.
    pub(super) handbook_url: Option<toml::Spanned<String>>,
}

/// One entry of `[status] components`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ComponentTable {
    /// The id incidents name it by.
    id: String,
    /// The name shown.
    name: String,
    /// The group it is shown in.
    #[serde(default)]
    group: Option<String>,
    /// One sentence about it.
    #[serde(default)]
    description: Option<String>,
    /// What measures its health.
    #[serde(default)]
    checks: Vec<CheckTable>,
}

/// The status page's settings, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusConfig {
    /// The page's title, when set.
    pub title: Option<String>,
    /// The components, in display order.
    pub components: Vec<Component>,
    /// The Prometheus API server the checks query (`OPSBOOK_PROMETHEUS_URL` wins over
    /// `[status] prometheus`), without a trailing `/`; it may hold credentials, so it
    /// never shows them.
    pub prometheus: Option<crate::secret::SecretUrl>,
    /// The longest a build spends on the network for the checks, in seconds.
    pub timeout_seconds: u64,
    /// How long, in seconds, the last measurement stands for the present when a build
    /// cannot measure: older, a measured component is unknown.
    pub stale_after_seconds: u64,
    /// The Alertmanager label that names a component.
    pub component_label: Option<String>,
}

/// A component of the status page.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Its id (`compute-fra1`).
    pub id: String,
    /// Its name (`Compute (FRA1)`).
    pub name: String,
    /// Its group, if any.
    pub group: Option<String>,
    /// Its description, if any.
    pub description: Option<String>,
    /// What measures its health; none for a component only incidents speak of.
    pub checks: Vec<Check>,
}

impl StatusConfig {
    /// The ids of the components, in order.
    pub fn ids(&self) -> Vec<String> {
        self.components.iter().map(|c| c.id.clone()).collect()
    }

    /// Whether some component has checks.
    pub fn is_measured(&self) -> bool {
        self.components.iter().any(|c| !c.checks.is_empty())
    }
}

/// Checks the table: every id well formed and used once, every name given, the checks
/// and their server. `server` is `OPSBOOK_PROMETHEUS_URL`, which wins over the table's;
/// an `offline` build needs no server.
pub(super) fn resolve_status(
    table: StatusTable,
    text: &str,
    server: Option<&str>,
    offline: bool,
    problems: &mut Vec<Diagnostic>,
) -> StatusConfig {
    let mut components: Vec<Component> = Vec::new();
    for entry in table.components {
        let id = entry.id.trim().to_string();
        let (line, column) = locate_id(text, &entry.id);
        let mut error =
            |message: String| problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
        let well_formed =
            !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !well_formed {
            error(format!(
                "`[status] components`: the id {:?} must be lower-case letters, digits, `-` or `_`",
                entry.id
            ));
            continue;
        }
        if let Err(problem) = file_names(&id).iter().try_for_each(|name| crate::site_path::check_segment(name)) {
            error(format!(
                "`[status] components`: the id `{id}` is too long for the status page's file names: {problem}"
            ));
            continue;
        }
        if components.iter().any(|c| c.id == id) {
            error(format!("`[status] components`: the id `{id}` is used twice"));
            continue;
        }
        if entry.name.trim().is_empty() {
            error(format!("`[status] components`: the component `{id}` needs a `name`"));
            continue;
        }
        let text_of = |value: Option<String>| value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let checks = resolve_checks(&id, entry.checks, text, problems);
        components.push(Component {
            id,
            name: entry.name.trim().to_string(),
            group: text_of(entry.group),
            description: text_of(entry.description),
            checks,
        });
    }
    let title = table.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let at = |spanned: &toml::Spanned<String>| super::checks::line_column(text, spanned.span().start);
    let written = table.prometheus.as_ref().map(|url| (url.get_ref().as_str(), at(url)));
    let prometheus = match server.map(|url| (url, (0, 0))).or(written) {
        Some((url, (line, column))) => match check_server_url(url) {
            Ok(url) => Some(crate::secret::SecretUrl::new(url)),
            Err(message) => {
                let message = if line == 0 {
                    format!("OPSBOOK_PROMETHEUS_URL: {message}")
                } else {
                    format!("`[status] prometheus`: {message}")
                };
                problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
                None
            }
        },
        None => None,
    };
    let timeout_seconds = match &table.prometheus_timeout {
        Some(timeout) => parse_timeout(timeout.get_ref()).unwrap_or_else(|message| {
            let (line, column) = at(timeout);
            problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
            DEFAULT_TIMEOUT_SECONDS
        }),
        None => DEFAULT_TIMEOUT_SECONDS,
    };
    let stale_after_seconds = match &table.stale_after {
        Some(age) => parse_stale_after(age.get_ref()).unwrap_or_else(|message| {
            let (line, column) = at(age);
            problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
            DEFAULT_STALE_AFTER_SECONDS
        }),
        None => DEFAULT_STALE_AFTER_SECONDS,
    };
    let status = StatusConfig {
        title,
        components,
        prometheus,
        timeout_seconds,
        stale_after_seconds,
        component_label: table.component_label.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
    };
    if status.is_measured()
        && status.prometheus.is_none()
        && !offline
        && !problems.iter().any(|p| p.message.contains("prometheus"))
    {
        let (line, column) = locate_key(text, "checks");
        problems.push(
            Diagnostic::error(
                Rule::ConfigField,
                CONFIG_FILE,
                line,
                column,
                "the components' `checks` need a Prometheus API server: `[status] prometheus`",
            )
            .with_help("set `prometheus = \"http://prometheus:9090\"` under `[status]`, or the variable OPSBOOK_PROMETHEUS_URL; `opsbook build --offline` uses the last health.json instead"),
        );
    }
    status
}

/// The file and folder names the status page makes of a component's id (its feed's
/// folder `status/<id>/`, its badge `status/badge/<id>.svg`: `status::model::
/// component_paths`), each checked as a site path's segment when the id is read.
pub fn file_names(id: &str) -> [String; 2] {
    [id.to_string(), format!("{id}.svg")]
}

/// How long a measurement stands for the present unless `stale-after` says: six
/// builds at the advised schedule of one every five minutes.
pub const DEFAULT_STALE_AFTER_SECONDS: u64 = 30 * 60;

/// `stale-after`: a duration from `0s` (a measurement never stands in) to a week.
fn parse_stale_after(text: &str) -> Result<u64, String> {
    let problem = || format!("`stale-after` must be a duration from \"0s\" to \"7d\" such as \"30m\", found {text:?}");
    let seconds = crate::dates::parse_duration(text.trim()).ok_or_else(problem)?;
    u64::try_from(seconds).ok().filter(|&s| s <= 7 * 86_400).ok_or_else(problem)
}

/// Where `id = "ID"` is written, else where `components` is.
fn locate_id(text: &str, id: &str) -> (usize, usize) {
    for quote in ['"', '\''] {
        let needle = format!("{quote}{id}{quote}");
        for (i, line) in text.lines().enumerate() {
            if let Some(at) = line.find(&needle)
                && line[..at].trim_end().trim_end_matches('=').trim_end().ends_with("id")
            {
                return (i + 1, at + 1);
            }
        }
    }
    locate_key(text, "components")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> (StatusConfig, Vec<Diagnostic>) {
        #[derive(Deserialize)]
        struct Raw {
            status: StatusTable,
        }
        let raw: Raw = toml::from_str(text).unwrap();
        let mut problems = Vec::new();
        (resolve_status(raw.status, text, None, false, &mut problems), problems)
    }

    #[test]
    fn reads_how_long_a_measurement_stands_in() {
        let book = |age: &str| format!("[status]\nstale-after = \"{age}\"\ncomponents = []\n");
        assert_eq!(resolve("[status]\ncomponents = []\n").0.stale_after_seconds, 1800);
        assert_eq!(resolve(&book("2h")).0.stale_after_seconds, 7200);
        assert_eq!(resolve(&book("0s")).0.stale_after_seconds, 0);
        let (status, problems) = resolve(&book("8d"));
        assert_eq!(status.stale_after_seconds, 1800);
        assert_eq!((problems[0].line, problems[0].column), (2, 15));
        assert!(problems[0].message.contains("from \"0s\" to \"7d\""), "{}", problems[0].message);
        assert!(!resolve(&book("soon")).1.is_empty());
    }

    #[test]
    fn refuses_ids_too_long_for_the_status_pages_file_names() {
        let book = |id: &str| format!("[status]\ncomponents = [{{ id = \"{id}\", name = \"X\" }}]\n");
        let (status, problems) = resolve(&book(&"a".repeat(251)));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(status.ids().len(), 1);
        let (status, problems) = resolve(&book(&"a".repeat(252)));
        assert!(status.ids().is_empty());
        assert!(problems[0].message.ends_with("a segment is 256 bytes long, more than the 255 a file name may have"));
        assert_eq!((problems[0].line, problems[0].column), (2, 22));
    }

    #[test]
    fn reads_components_in_order_with_groups() {
        let (status, problems) = resolve(
            "[status]\ntitle = \"Cloud\"\ncomponents = [\n  { id = \"api\", name = \"API\" },\n  { id = \"dns\", name = \"DNS\", group = \"Edge\", description = \"Resolvers\" },\n]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(status.title.as_deref(), Some("Cloud"));
        assert_eq!(status.ids(), ["api", "dns"]);
        assert_eq!(status.components[1].group.as_deref(), Some("Edge"));
    }

    #[test]
    fn rejects_bad_and_duplicate_ids_where_they_are_written() {
        let (status, problems) = resolve(
            "[status]\ncomponents = [\n  { id = \"api\", name = \"API\" },\n  { id = \"API 2\", name = \"x\" },\n  { id = \"api\", name = \"again\" },\n  { id = \"db\", name = \" \" },\n]\n",
        );
        assert_eq!(status.ids(), ["api"]);
        let found: Vec<(usize, usize, &str)> =
            problems.iter().map(|p| (p.line, p.column, p.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (4, 10, "`[status] components`: the id \"API 2\" must be lower-case letters, digits, `-` or `_`"),
                (3, 10, "`[status] components`: the id `api` is used twice"),
                (6, 10, "`[status] components`: the component `db` needs a `name`"),
            ]
        );
    }
}
