//! The alerts, as one feature: which alert each runbook answers, the page of each
//! (`/alerts/<name>/`), the list of them with its filter (`/alerts/`), `alerts.json`
//! and the 404 page's part for an alert without a runbook. Above the site model
//! (`crate::site`), below the renderer and the pipeline, which reach it through the
//! tables of generated pages and extra files and the [`Feature`] it registers.
//!
//! - [`model`]: the alert registry, collected with the site's model, the addresses it
//!   claims, and what a runbook gives the pages of its alerts (its first steps);
//! - [`views`]: what templates see of an alert, the list and the missing alert;
//! - [`outputs`]: `alerts.json`, and which redirect of the site is an alert's page.
//!
//! Its configuration is `[alerts]` (`crate::config::AlertsConfig`), read with the rest
//! of `book.toml`.

pub(crate) mod model;
pub(crate) mod outputs;
pub(crate) mod views;

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::site::extra_files::ExtraFile;
use crate::site::feature::Feature;
use crate::site::generated::{ALERTS, GeneratedPage, GeneratedSpec, Instance, single};
use crate::site::outputs::Claims;
use crate::site::strings::Words;
use crate::site::{PageId, Site};
use model::registry::{self, Alerts};

/// The feature's state on the site: the alert registry, once modelled.
#[derive(Debug, Default)]
pub(crate) struct AlertsFeature {
    /// Every alert a runbook answers, and where the runbook says so
    /// ([`registry::collect_alerts`]).
    alerts: Alerts,
}

impl Feature for AlertsFeature {
    fn modelled(&self, site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Arc<dyn Feature> {
        Arc::new(AlertsFeature { alerts: registry::collect_alerts(site, diagnostics) })
    }

    fn page_title(&self, _: &Site, _: &GeneratedPage, _: &Words) -> Option<String> {
        None
    }

    fn instances(&self, _: &Site, row: &GeneratedSpec) -> Option<Vec<Instance>> {
        // A handbook with a page of its own at /alerts/ keeps it and the list moves (see
        // `site::indexes::place`); the alerts' pages under /alerts/ are written all the same.
        std::ptr::eq(row, &ALERTS).then(|| single(!self.alerts.is_empty(), GeneratedPage::Alerts, "alerts/", "Alerts"))
    }

    fn owns(&self, _: &Site, _: PageId) -> bool {
        false
    }

    fn claimed_paths(&self) -> Vec<String> {
        Vec::new()
    }

    fn claim_redirects<'a>(
        &self,
        site: &'a Site,
        claims: &mut Claims<'a>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Vec<(String, PageId)> {
        model::redirects::claim_alert_redirects(site, &self.alerts, claims, diagnostics)
    }

    fn writes_page_at(&self, folder: &str) -> bool {
        let name = folder.strip_prefix("alerts/").and_then(|rest| rest.strip_suffix('/'));
        name.is_some_and(|name| registry::answers_url_name(&self.alerts, name))
    }

    fn runbook_of_alert(&self, name: &str) -> Option<PageId> {
        self.alerts.get(name).map(|claim| claim.page)
    }

    fn differs(&self, site: &Site) -> bool {
        let now = registry::collect_alerts(site, &mut Vec::new());
        now.len() != self.alerts.len()
            || now.iter().zip(&self.alerts).any(|((a, x), (b, y))| a != b || x.page != y.page)
    }

    fn files(&self, site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
        (file == ExtraFile::AlertsJson).then(|| vec![(path.to_string(), outputs::alerts_json(site, &self.alerts))])
    }

    fn name(&self) -> &'static str {
        "the alerts"
    }
}

/// Registers the feature on `site`, its registry collected with the model.
pub(crate) fn register(site: &mut Site) {
    site.features.insert(Arc::new(AlertsFeature::default()));
}

/// The registry of a site without the feature, or before its model: no alert.
static NO_ALERTS: Alerts = Alerts::new();

impl Site {
    /// Every alert a runbook answers, by name, once modelled (none before, or
    /// unregistered).
    pub(crate) fn alerts(&self) -> &Alerts {
        self.features.get::<AlertsFeature>().map_or(&NO_ALERTS, |feature| &feature.alerts)
    }
}

#[cfg(test)]
mod tests;
