//! What templates see of the alerts. `alert`: the page of an alert, `/alerts/<name>/`
//! (and its lower-case form), the address an alert rule's `runbook_url` points to. It
//! names the alert and shows, before anything else, the runbook's first steps
//! ([`super::model::first_steps`]), its severity, service and owners, jumps to its
//! diagnosis, mitigation and escalation, and one link to the whole runbook.
//! `index.alerts`: the list on `/alerts/` ([`alerts_index`]). And `missing_alert`: what
//! `404.html` offers when the address names an alert without a runbook (the page's
//! script reads the name from the address).

use serde::Serialize;

use super::model::first_steps::{Purpose, RunbookSteps};
use crate::site::link_view::{LinkView, NamedLink, ReviewView, owner_link};
use crate::site::{PageId, Site};

/// The page of one alert.
#[derive(Debug, Serialize)]
pub(crate) struct AlertView<'a> {
    /// The alert's name.
    pub name: &'a str,
    /// Its runbook's title.
    pub runbook_title: &'a str,
    /// The link to its runbook, base path included.
    pub runbook_url: String,
    /// The runbook's service.
    pub service: Option<&'a str>,
    /// Its severity.
    pub severity: Option<&'a str>,
    /// Whom to escalate to (the runbook's `escalation`).
    pub escalation: Option<&'a str>,
    /// Its owners.
    pub owners: Vec<NamedLink>,
    /// The first steps, as the runbook shows them, or nothing.
    pub first_steps: Option<&'a str>,
    /// The heading of the section they come from, with its link into the runbook.
    pub first_steps_from: Option<JumpView<'a>>,
    /// Whether the runbook marked them (the whole section) or opsbook chose a block.
    pub first_steps_marked: bool,
    /// The runbook's diagnosis, mitigation and escalation sections, in its order.
    pub jumps: Vec<JumpView<'a>>,
    /// The link to `/alerts/`.
    pub alerts_url: Option<String>,
}

/// A link to a section of the runbook.
#[derive(Debug, Serialize)]
pub(crate) struct JumpView<'a> {
    /// What the section is for: `diagnosis`, `mitigation`, `escalation`, or `steps`.
    pub purpose: &'static str,
    /// The heading's text.
    pub title: &'a str,
    /// The link, base path included.
    pub url: String,
}

impl<'a> AlertView<'a> {
    /// The view of alert `name`, which runbook `id` answers, whose body gave `steps`.
    pub(crate) fn of(site: &'a Site, name: &'a str, id: PageId, steps: &'a RunbookSteps) -> Self {
        let page = &site.pages[id];
        let runbook_url = site.href(id);
        let jump = |purpose: &'static str, section_id: &str, title: &'a str| JumpView {
            purpose,
            title,
            url: format!("{runbook_url}#{section_id}"),
        };
        AlertView {
            name,
            runbook_title: &page.title,
            service: page.values.text("service"),
            severity: page.values.text("severity"),
            escalation: page.values.text("escalation"),
            owners: page.owners.iter().map(|owner| owner_link(site, id, owner)).collect(),
            first_steps: steps.html.as_deref(),
            first_steps_from: steps.from.as_ref().map(|(section_id, title)| jump("steps", section_id, title)),
            first_steps_marked: steps.marked,
            jumps: steps
                .jumps
                .iter()
                .map(|(purpose, section_id, title)| {
                    let purpose = match purpose {
                        Purpose::Diagnosis => "diagnosis",
                        Purpose::Mitigation => "mitigation",
                        Purpose::Escalation => "escalation",
                    };
                    jump(purpose, section_id, title)
                })
                .collect(),
            alerts_url: site
                .generated_page_in(&crate::site::GeneratedPage::Alerts, site.language_of(id))
                .map(|alerts| site.href(alerts)),
            runbook_url,
        }
    }
}

/// An alert on `/alerts/`.
#[derive(Debug, Serialize)]
pub(crate) struct AlertEntry<'a> {
    /// The alert's name.
    pub name: &'a str,
    /// Its stable URL, `/alerts/<name>/`, unless its name cannot be a URL.
    pub alert_url: Option<String>,
    /// Its runbook.
    pub runbook: LinkView<'a>,
    /// The runbook's service.
    pub service: Option<&'a str>,
    /// The runbook's severity.
    pub severity: Option<&'a str>,
    /// The runbook's owners.
    pub owners: Vec<NamedLink>,
    /// The runbook's review state.
    pub review: Option<ReviewView>,
}

/// Every alert with its runbook, by name, as the list of alerts `id` (`/alerts/` of a
/// language) shows them: each runbook in that language.
pub(crate) fn alerts_index(site: &Site, id: PageId) -> Vec<AlertEntry<'_>> {
    let words = site.words_for(id);
    site.alerts()
        .iter()
        .map(|(name, claim)| {
            let page = &site.pages[claim.page];
            AlertEntry {
                name,
                alert_url: super::model::registry::redirect_path(name).ok().map(|p| site.config.base_url.href(&p)),
                runbook: LinkView::of(site, site.version_for(claim.page, id).unwrap_or(claim.page)),
                service: page.values.text("service"),
                severity: page.values.text("severity"),
                owners: page.owners.iter().map(|o| owner_link(site, id, o)).collect(),
                review: page.review.as_ref().map(|r| ReviewView::of(words, r)),
            }
        })
        .collect()
}

/// What `404.html` offers for an address under `/alerts/` that no alert answers.
#[derive(Debug, Serialize)]
pub(crate) struct MissingAlertView {
    /// The link to `/alerts/`, when the handbook has alerts.
    pub alerts_url: Option<String>,
    /// The folder of `/alerts/` as the page's script compares the address with
    /// (`/alerts/`, or under the base path).
    pub alerts_path: String,
    /// The link to write the runbook in the repository, with `ALERT_NAME` where the name
    /// goes: GitHub's and GitLab's new-file links, when the handbook's repository is one.
    pub new_runbook_url: Option<String>,
    /// The alert names the handbook writes (the `alerts` of its pages, an incident
    /// review's among them), separated by spaces: the page's script finds the name as
    /// written (`KubeAPIDown`) for an address in lower case (`/alerts/kubeapidown/`, as
    /// the monitoring mixins link).
    pub known_names: String,
}

/// The placeholder of the alert's name in [`MissingAlertView::new_runbook_url`].
pub(crate) const ALERT_NAME: &str = "ALERT_NAME";

impl MissingAlertView {
    /// The view for `site`.
    pub(crate) fn of(site: &Site) -> Self {
        MissingAlertView {
            alerts_url: site.generated_page(&crate::site::GeneratedPage::Alerts).map(|alerts| site.href(alerts)),
            alerts_path: site.config.base_url.href("alerts/"),
            new_runbook_url: new_runbook_url(site),
            known_names: known_names(site),
        }
    }
}

/// The alert names of [`MissingAlertView::known_names`]: each name with an upper-case
/// letter (a lower-case one is written as its address is already) that a URL holds,
/// once, in order.
fn known_names(site: &Site) -> String {
    let mut names = std::collections::BTreeSet::new();
    for (_, page) in site.pages.iter().enumerate().filter(|&(id, _)| site.in_model(id)) {
        for name in page.values.list("alerts") {
            let name = name.trim();
            if name.bytes().any(|b| b.is_ascii_uppercase()) && super::model::registry::check_alert_name(name).is_ok() {
                names.insert(name);
            }
        }
    }
    names.into_iter().collect::<Vec<_>>().join(" ")
}

/// The repository's link to write a new runbook for the alert [`ALERT_NAME`], in the
/// folder of the handbook's runbooks (the folder of the first runbook of the default
/// language, whose runbooks answer alerts, else the runbook kind's section under the
/// content folder), prefilled with the front matter
/// that makes it answer the alert. GitHub: `{repository}/new/{branch}/{folder}?filename=…&value=…`
/// (docs.github.com, "Creating new files": the new-file page takes `filename` and
/// `value`); GitLab: `{repository}/-/new/{branch}/{folder}?file_name=…&content=…`.
fn new_runbook_url(site: &Site) -> Option<String> {
    let repository = site.config.repository.as_ref()?;
    let runbook = |id: &PageId| {
        let page = &site.pages[*id];
        site.config.kinds.get(&page.kind).is_some_and(|kind| kind.panel == crate::config::Panel::Runbook)
            && page.origin.has_file()
            && site.in_model(*id)
    };
    let folder = match (0..site.pages.len()).find(runbook) {
        Some(id) => {
            let path = site.repository_path(id);
            path.rsplit_once('/').map_or(String::new(), |(folder, _)| folder.to_string())
        }
        None => {
            let home = &site.pages[0];
            let content = home.source.file.strip_suffix(home.source.path.as_str())?;
            let section = site.config.kinds.get("runbook").and_then(|kind| kind.section.clone())?;
            format!("{}{content}{section}", site.repository_prefix()).trim_end_matches('/').to_string()
        }
    };
    let host = repository.url.split("://").nth(1).unwrap_or(&repository.url).split('/').next().unwrap_or_default();
    let host = host.to_ascii_lowercase();
    let body = format!(
        "---\ntitle: {ALERT_NAME}\nkind: runbook\nalerts: [{ALERT_NAME}]\n---\n\n## Diagnosis\n\n## Mitigation\n\n## Escalation\n"
    );
    // `ALERT_NAME` is letters and `_`, which stay as they are.
    let query = |text: &str| crate::percent::percent_encode(text, &crate::percent::UNRESERVED);
    let folder = crate::percent::percent_encode(&folder, &crate::percent::UNRESERVED_AND_SLASH);
    let (url, branch) = (&repository.url, &repository.branch);
    if host.contains("github") {
        Some(format!("{url}/new/{branch}/{folder}?filename={ALERT_NAME}.md&value={}", query(&body)))
    } else if host.contains("gitlab") {
        Some(format!("{url}/-/new/{branch}/{folder}?file_name={ALERT_NAME}.md&content={}", query(&body)))
    } else {
        None
    }
}
