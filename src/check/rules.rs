//! `opsbook check --rules`: the alerts of Prometheus rule files against the handbook's
//! alert registry ([`Site::alerts`]), file by file.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeSet;

use crate::content::rule_file::{RuleAlert, RuleFile, Unread};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::percent::percent_decode;
use crate::site::{Site, Target};

/// Checks the alerts of `files` against the site's runbooks (see the module's steps).
pub(crate) fn check_rule_files(site: &Site, files: &[RuleFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut defined = BTreeSet::new();
    let mut all_read = true;
    for file in files {
        let alerts = match &file.alerts {
            Ok(alerts) => alerts,
            Err(unread) => {
                all_read = false;
                diagnostics.push(unread_file(&file.path, unread));
                continue;
            }
        };
        for alert in alerts {
            defined.insert(alert.name.value.as_str());
            check_alert(site, &file.path, alert, diagnostics);
        }
    }
    if !all_read {
        return;
    }
    for (name, claim) in site.alerts() {
        if !defined.contains(name.as_str()) {
            let file = &site.pages[claim.page].source.file;
            diagnostics.push(
                Diagnostic::error(
                    Rule::RunbookWithoutAlert,
                    file,
                    claim.line,
                    claim.column,
                    format!("no rule of the rule files defines the alert `{name}` this runbook answers"),
                )
                .with_severity(Severity::Note)
                .with_help("remove the alert from the runbook if its rule is gone, or pass its rule file to --rules"),
            );
        }
    }
}

/// Step 1: the diagnostic of a rule file whose alerts are unknown, at the file (and the
/// line and column where the parser stopped); it quotes nothing of the file.
fn unread_file(path: &str, unread: &Unread) -> Diagnostic {
    match unread {
        Unread::Syntax(error) => Diagnostic::error(Rule::RulesSyntax, path, error.line, error.column, &error.message)
            .with_help("fix the rule file; `promtool check rules` shows the same problem"),
        Unread::Unreadable(why) => {
            Diagnostic::error(Rule::UnreadableFile, path, 0, 0, format!("cannot read the rule file: {why}"))
                .with_help("give --rules regular files of Prometheus rules, or the folders that hold them")
        }
        Unread::Refused(message) => Diagnostic::error(Rule::SymlinkOutsideRoot, path, 0, 0, message).with_help(
            "copy the rule file into the handbook or into the folder given to --rules, or give its own path",
        ),
    }
}

/// Step 2 for one alert: each annotation that reads `alertname`.
fn check_alertname_uses(path: &str, alert: &RuleAlert, diagnostics: &mut Vec<Diagnostic>) {
    let name = &alert.name.value;
    for (annotation, value) in &alert.alertname_uses {
        let written = fill_alert_name(&value.value, name);
        let help = if written.contains("{{") {
            format!(
                "write the alert's name `{name}` in place of the label, or use labels the alert's series have, such as {{{{ $labels.job }}}}"
            )
        } else {
            format!("write the alert's name: `{annotation}: {written}`")
        };
        diagnostics.push(
            Diagnostic::error(
                Rule::AlertnameInAnnotation,
                path,
                value.line,
                value.column,
                format!(
                    "the `{annotation}` of the alert `{name}` reads the `alertname` label, which Prometheus adds only after filling in annotations: it is empty there"
                ),
            )
            .with_help(help),
        );
    }
}

/// Steps 2 to 4 for one alert.
fn check_alert(site: &Site, path: &str, alert: &RuleAlert, diagnostics: &mut Vec<Diagnostic>) {
    check_alertname_uses(path, alert, diagnostics);
    let name = &alert.name.value;
    let mut has_page = false;
    for (annotation, link) in &alert.links {
        let url = &link.value;
        if url.contains("{{") {
            continue;
        }
        let Some(site_path) = handbook_path(site, url) else { continue };
        if let Some(page) = page_of(site, &site_path) {
            has_page = true;
            if let Some(fragment) = url.split_once('#').map(|(_, f)| percent_decode(f))
                && !fragment.is_empty()
                && !site.pages[page].rendered.anchors.contains(&fragment)
            {
                diagnostics.push(
                    Diagnostic::error(
                        Rule::RunbookUrlBroken,
                        path,
                        link.line,
                        link.column,
                        format!(
                            "the `{annotation}` of the alert `{name}` points at `#{fragment}`, no anchor of `{}`: `{url}`",
                            site.pages[page].source.file
                        ),
                    )
                    .with_help("link to a heading of the runbook: its anchor is in the page's table of contents"),
                );
            }
            continue;
        }
        let help = if site.alerts().contains_key(name) {
            format!("the alert's runbook is at {}", site.config.base_url.href(&format!("alerts/{name}/")))
        } else {
            "link to a page of the handbook, or to /alerts/<AlertName>/ of an alert a runbook answers".to_string()
        };
        diagnostics.push(
            Diagnostic::error(
                Rule::RunbookUrlBroken,
                path,
                link.line,
                link.column,
                format!("the `{annotation}` of the alert `{name}` points into the handbook at no page: `{url}`"),
            )
            .with_help(help),
        );
    }
    if !has_page && !site.alerts().contains_key(name) {
        diagnostics.push(
            Diagnostic::error(
                Rule::AlertWithoutRunbook,
                path,
                alert.name.line,
                alert.name.column,
                format!("the alert `{name}` has no runbook in the handbook"),
            )
            .with_severity(site.config.alerts.require_runbook)
            .with_help(format!("add `{name}` to the `alerts` of its runbook, or name a runbook page `{name}.md`")),
        );
    }
}

/// `text` with the alert's name in place of `{{ $labels.alertname }}` (however spaced,
/// or lower-cased with `toLower`): the value written as it should be, for the help.
fn fill_alert_name(url: &str, name: &str) -> String {
    let mut out = String::new();
    let mut rest = url;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}").map(|e| start + e + 2) else { break };
        out.push_str(&rest[..start]);
        let inner = rest[start + 2..end - 2].trim();
        let (value, filter) = inner.split_once('|').map_or((inner, ""), |(v, f)| (v.trim(), f.trim()));
        let is_name = value == "$labels.alertname" || value == ".Labels.alertname";
        if is_name && filter.is_empty() {
            out.push_str(name);
        } else if is_name && filter == "toLower" {
            // Prometheus's template function, as the mixins' lower-case pattern is written.
            out.push_str(&name.to_lowercase());
        } else {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The site path a URL names when it points into this handbook: an absolute URL on the
/// base URL's host under its base path, or a path from the root under the base path;
/// `None` for any other URL.
fn handbook_path(site: &Site, url: &str) -> Option<String> {
    let base = &site.config.base_url;
    let url = url.split(['#', '?']).next().unwrap_or(url);
    let path = if url.starts_with('/') && !url.starts_with("//") {
        base.site_path(url)?
    } else {
        let absolute = base.absolute("")?;
        let without_scheme = |u: &str| -> Option<String> {
            let rest = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://"))?;
            Some(rest.to_ascii_lowercase())
        };
        let (base_rest, url_rest) = (without_scheme(&absolute)?, without_scheme(url)?);
        // The base path's own case is kept in the comparison of the path part.
        let host_len = url_rest.find('/').unwrap_or(url_rest.len());
        let base_host_len = base_rest.find('/').unwrap_or(base_rest.len());
        if url_rest[..host_len] != base_rest[..base_host_len] {
            return None;
        }
        let scheme_len = url.len() - url_rest.len();
        base.site_path(&url[scheme_len + host_len..]).or_else(|| {
            // `https://host/handbook` without its final slash is the home page.
            (url[scheme_len + host_len..] == *base.path().trim_end_matches('/')).then_some("")
        })?
    };
    Some(percent_decode(path))
}

/// The page a site path leads to: a page, an alias, or the `/alerts/<Name>/` of a
/// registered alert (or its lower-case alias), which lead to the runbook.
fn page_of(site: &Site, site_path: &str) -> Option<crate::site::PageId> {
    if let Some(name) = site_path.strip_prefix("alerts/").map(|rest| rest.trim_end_matches('/'))
        && let Some(claim) = site.alerts().get(name)
    {
        return Some(claim.page);
    }
    if let Some(Target::Page(id)) = site.target_of(site_path) {
        return Some(id);
    }
    let with_slash = format!("{}/", site_path.trim_end_matches('/'));
    site.aliases
        .iter()
        .find(|(alias, _)| alias.trim_start_matches('/') == with_slash || alias == site_path)
        .map(|&(_, page)| page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_alert_name_into_the_suggested_value() {
        for url in [
            "https://x.org/alerts/{{ $labels.alertname }}/",
            "https://x.org/alerts/{{$labels.alertname}}/",
            "https://x.org/alerts/{{  $labels.alertname  }}/",
        ] {
            assert_eq!(fill_alert_name(url, "NodeDown"), "https://x.org/alerts/NodeDown/");
        }
        assert_eq!(fill_alert_name("/r/{{ $labels.job }}/", "A"), "/r/{{ $labels.job }}/");
        assert_eq!(fill_alert_name("/r/{{ oops", "A"), "/r/{{ oops");
        let lower = "https://x.org/alerts/{{ $labels.alertname | toLower }}/";
        assert_eq!(fill_alert_name(lower, "NodeDown"), "https://x.org/alerts/nodedown/");
    }
}
