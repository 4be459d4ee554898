//! The addresses of the alerts, claimed with the site's other outputs
//! (`crate::site::outputs`): `alerts/<name>/` for each alert, its lower-case form, and
//! the same under each other language's folder. Each is an alias of the runbook, which
//! the writer shows as the alert's page.

use super::registry::{Alerts, Claim, redirect_path};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::outputs::Claims;
use crate::site::{PageId, Site};
use crate::site_path::alias_file;

/// Claims the redirect page of every alert, `alerts/<name>/index.html`.
pub(crate) fn claim_alert_redirects(
    site: &Site,
    alerts: &Alerts,
    claims: &mut Claims<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(String, PageId)> {
    let mut redirects = Vec::new();
    for (name, claim) in alerts {
        let runbook = &site.pages[claim.page].source.file;
        let problem = redirect_path(name);
        let path = problem.clone().unwrap_or_else(|_| format!("alerts/{name}/"));
        let owner = format!("the redirect of the alert `{name}` (runbook `{runbook}`)");
        let claimed = problem.and_then(|path| {
            claims.claim_for(site, alias_file(&path), owner).map_err(|other| format!("it is taken by {other}"))
        });
        match claimed {
            Ok(()) => {
                let first = redirects.len();
                redirects.push((path, claim.page));
                claim_lower_case_alias(site, alerts, name, claim, claims, &mut redirects, diagnostics);
                claim_in_languages(site, first, claims, &mut redirects);
            }
            Err(problem) => diagnostics.push(
                Diagnostic::error(
                    Rule::InvalidPath,
                    runbook,
                    claim.line,
                    claim.column,
                    format!("the alert {name:?} gets no URL /{path}: {problem}"),
                )
                .with_severity(Severity::Warning)
                .with_help("name alerts as Prometheus does: letters, digits and `_`"),
            ),
        }
    }
    redirects
}

/// Claims `alerts/<name in lower case>/` for the alert `name` too, when that differs: the
/// monitoring mixins (kubernetes-mixin's `runbookURLPattern`, kube-prometheus) fill
/// their pattern with `std.asciiLower(alert)`, so their rules link to
/// `/alerts/kubepodcrashlooping/`, which a case-sensitive host would not find. A
/// lower-case name already taken (by another alert, whose own name wins, or a page) is
/// a warning at the runbook's claim.
fn claim_lower_case_alias(
    site: &Site,
    alerts: &Alerts,
    name: &str,
    claim: &Claim,
    claims: &mut Claims<'_>,
    redirects: &mut Vec<(String, PageId)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let lower = name.to_ascii_lowercase();
    if lower == name || alerts.contains_key(&lower) {
        return;
    }
    let path = format!("alerts/{lower}/");
    // A page already there (the runbook itself, whose file name opsbook writes in lower
    // case) serves the mixins' links: no redirect.
    if site.page_by_url(&path).is_some() {
        return;
    }
    let owner = format!("the lower-case redirect of the alert `{name}`");
    if let Err(other) = claims.claim_for(site, alias_file(&path), owner) {
        let runbook = &site.pages[claim.page].source.file;
        diagnostics.push(
            Diagnostic::error(
                Rule::DuplicateUrl,
                runbook,
                claim.line,
                claim.column,
                format!(
                    "the alert `{name}` gets no lower-case URL /{path}, which the monitoring mixins link to: it is taken by {other}"
                ),
            )
            .with_severity(Severity::Warning),
        );
        return;
    }
    redirects.push((path, claim.page));
}

/// Claims the alert's pages `redirects[first..]` again under the folder of each other
/// language (`de/alerts/<name>/`), each showing the runbook in that language, so a
/// reader of that language who follows an alert's link lands on it. A page of that
/// language already there is left alone: it is the alert's page in that language.
fn claim_in_languages(site: &Site, first: usize, claims: &mut Claims<'_>, redirects: &mut Vec<(String, PageId)>) {
    let own = redirects[first..].to_vec();
    for code in site.config.languages.others() {
        for (path, runbook) in &own {
            let path = format!("{code}/{path}");
            let Some(version) = site.version_in(*runbook, code) else { continue };
            let owner = format!("the page of an alert in {code}, /{path}");
            if site.page_by_url(&path).is_none() && claims.claim_for(site, alias_file(&path), owner).is_ok() {
                redirects.push((path, version));
            }
        }
    }
}
