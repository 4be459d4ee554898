//! What the page of each alert, `alerts/<name>/` (and its lower-case form), needs of
//! the model: which redirect of the site is an alert's page ([`alert_of_path`]) and
//! what its runbook gives it ([`runbook_steps`]). The renderer shows it with the view
//! [`crate::alerts::views::AlertView`], in place of a redirect to the runbook.

use super::super::model::first_steps::RunbookSteps;
use crate::site::{PageId, Site};

/// The alert whose page `path` (a redirect's site path, `alerts/<name>/`) is, with its
/// runbook: the alert of that name, or the one whose lower-case form it is.
/// Under another language's folder (`de/alerts/<name>/`), the same for the original of
/// the runbook in that language.
pub(crate) fn alert_of_path<'a>(site: &'a Site, path: &str, target: PageId) -> Option<&'a str> {
    let name = site.config.languages.strip(path).strip_prefix("alerts/")?.strip_suffix('/')?;
    let target = site.original_of(target);
    if let Some((alert, claim)) = site.alerts().get_key_value(name) {
        return (claim.page == target).then_some(alert.as_str());
    }
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    site.alerts()
        .iter()
        .find(|(alert, claim)| claim.page == target && alert.to_ascii_lowercase() == name)
        .map(|(alert, _)| alert.as_str())
}

/// What runbook `id` gives its alerts' pages, read from its body `rendered` (the model's,
/// or the one a streaming build renders just before the page), when it answers an alert.
pub(crate) fn runbook_steps(site: &Site, id: PageId, rendered: &crate::markdown::Rendered) -> Option<RunbookSteps> {
    answers_alerts(site, id)
        .then(|| RunbookSteps::of(&rendered.html, &rendered.toc, site.pages[id].values.text("first_steps")))
}

/// Whether page `id` (or the original it translates) is the runbook of an alert: its
/// record then keeps what the alerts' pages show of its body ([`runbook_steps`]).
pub(crate) fn answers_alerts(site: &Site, id: PageId) -> bool {
    let original = site.original_of(id);
    site.alerts().values().any(|claim| claim.page == original)
}
