//! The alert registry: which alert each runbook answers, the link between a page of
//! Prometheus alerts and the page an engineer opens at 3 a.m. Collected with the
//! handbook's model (`crate::site::Site::model`, the feature's `modelled`), after the
//! kinds are resolved.
//!
//! A page answers an alert when
//! 1. it is a runbook (its kind shows the runbook panel) and its `alerts` field names
//!    the alert; or
//! 2. its file name is an alert name (`KubePodCrashLooping.md`, `etcdMembersDown.md`)
//!    and it is a runbook, or `[alerts] infer-from-file-names = true` says every page
//!    named so answers its alert.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{BTreeMap, HashMap};

use crate::config::Panel;
use crate::diagnostic::{Diagnostic, Rule};
use crate::site::{PageId, Site};

/// Where a page claims an alert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Claim {
    /// The runbook.
    pub(crate) page: PageId,
    /// Where the claim is written: the `alerts` field, or the file itself (line 0) for
    /// a name taken from the file name.
    pub(crate) line: usize,
    /// Its column.
    pub(crate) column: usize,
}

/// Every alert the handbook has a runbook for, by name.
pub(crate) type Alerts = BTreeMap<String, Claim>;

/// The site path of an alert's redirect page, `alerts/<name>/`, or why the name cannot
/// have one ([`check_alert_name`]).
pub(crate) fn redirect_path(name: &str) -> Result<String, String> {
    check_alert_name(name)?;
    Ok(format!("alerts/{name}/"))
}

/// Why an alert name cannot be the folder of its redirect page, `alerts/<name>/`, if it
/// cannot: it must be a folder name that URLs hold as it is
/// ([`crate::site_path::check_folder_name`]: no `%`, `?`, `#`, slash or whitespace, not
/// `index.html`, at most 255 bytes).
pub(crate) fn check_alert_name(name: &str) -> Result<(), String> {
    if name.contains(['/', '\\']) {
        return Err("an alert name cannot hold a slash".to_string());
    }
    crate::site_path::check_folder_name(name).map_err(|problem| problem.to_string())
}

/// Whether `name`, the folder of a URL `/alerts/<name>/`, is the redirect of an alert:
/// its name, or its name in lower case (the alias the monitoring mixins link to,
/// claimed in [`super::redirects`]).
pub(crate) fn answers_url_name(alerts: &Alerts, name: &str) -> bool {
    if check_alert_name(name).is_err() {
        return false;
    }
    alerts.contains_key(name)
        || (!name.bytes().any(|b| b.is_ascii_uppercase())
            && alerts.keys().any(|alert| alert.eq_ignore_ascii_case(name)))
}

/// The alerts each page answers, by page, in alert name order.
pub(crate) fn by_page(alerts: &Alerts) -> HashMap<PageId, Vec<&str>> {
    let mut pages: HashMap<PageId, Vec<&str>> = HashMap::new();
    for (name, claim) in alerts {
        pages.entry(claim.page).or_default().push(name);
    }
    pages
}

/// Whether `name` reads as a Prometheus alert name written in camel case: letters,
/// digits and `_`, starting with a letter, with both upper- and lower-case letters
/// (`KubePodCrashLooping`, `etcdNoLeader`; not `README`, `faq` or `disk-full`).
pub(crate) fn is_alert_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name.chars().any(|c| c.is_ascii_lowercase())
}

/// The alert a page's file name names, if it does: its stem, for a page that is not a
/// section's own page.
fn alert_of_file_name(site: &Site, id: PageId) -> Option<String> {
    let page = &site.pages[id];
    if !page.origin.has_file() || page.origin.is_section() {
        return None;
    }
    let name = page.source.path.rsplit('/').next()?;
    let stem = crate::content::formats::template_stem(name);
    is_alert_name(stem).then(|| stem.to_string())
}

/// Reads the alerts of every page; a second claim on an alert is a `duplicate-alert`
/// error at both claims, and the first claim stays.
pub(crate) fn collect_alerts(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Alerts {
    let mut alerts: Alerts = BTreeMap::new();
    for (id, page) in site.pages.iter().enumerate().filter(|&(id, _)| site.in_model(id)) {
        let runbook = site.config.kinds.get(&page.kind).is_some_and(|kind| kind.panel == Panel::Runbook);
        let mut claims: Vec<(String, usize, usize)> = Vec::new();
        if runbook {
            let (line, column) = page.source.front.fields.get("alerts").map_or((0, 0), |f| (f.line, f.column));
            claims.extend(page.values.list("alerts").iter().map(|name| (name.trim().to_string(), line, column)));
        }
        if (runbook || site.config.alerts.infer_from_file_names)
            && let Some(name) = alert_of_file_name(site, id)
            && !claims.iter().any(|(claimed, ..)| *claimed == name)
        {
            claims.push((name, 0, 0));
        }
        for (name, line, column) in claims {
            if name.is_empty() {
                continue;
            }
            if let Err(problem) = check_alert_name(&name) {
                diagnostics.push(
                    Diagnostic::error(
                        Rule::InvalidPath,
                        &page.source.file,
                        line,
                        column,
                        format!("the alert {name:?} gets no URL /alerts/{name}/: {problem}"),
                    )
                    .with_help("name alerts as Prometheus does: letters, digits and `_`"),
                );
                continue;
            }
            match alerts.get(&name) {
                Some(first) if first.page != id => {
                    let first_file = &site.pages[first.page].source.file;
                    let file = &page.source.file;
                    diagnostics.push(duplicate(file, line, column, &name, first_file));
                    diagnostics.push(duplicate(first_file, first.line, first.column, &name, file));
                }
                Some(_) => {}
                None => {
                    alerts.insert(name, Claim { page: id, line, column });
                }
            }
        }
    }
    alerts
}

fn duplicate(file: &str, line: usize, column: usize, alert: &str, other: &str) -> Diagnostic {
    Diagnostic::error(
        Rule::DuplicateAlert,
        file,
        line,
        column,
        format!("the alert `{alert}` has two runbooks: this page and `{other}`"),
    )
    .with_help("keep the alert in the `alerts` of one runbook, so its page is the one the pager opens")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_camel_case_alert_names() {
        for name in ["KubePodCrashLooping", "etcdNoLeader", "AlertmanagerClusterDown", "Node_Disk2Full"] {
            assert!(is_alert_name(name), "{name}");
        }
        for name in ["README", "faq", "disk-full", "_index", "2Fast", "Kube Pod", ""] {
            assert!(!is_alert_name(name), "{name}");
        }
    }
}
