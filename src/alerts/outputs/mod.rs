//! The files written from the alert registry: `alerts.json`, every alert by name with
//! its runbook, for Alertmanager templates and chat bots ([`alerts_json`], the row
//! `AlertsJson` of the extra files, which the writer asks the feature for), and what
//! the page of each alert needs of the model ([`pages`]). The output has no timestamps
//! of its own, so two builds of the same sources on the same day are identical.

pub(crate) mod pages;

use serde::Serialize;

use super::model::registry::Alerts;
use crate::site::Site;
use crate::site::review::{Review, ReviewRecord};

#[derive(Serialize)]
struct AlertsFile<'a> {
    alerts: Vec<AlertRecord<'a>>,
}

#[derive(Serialize)]
struct AlertRecord<'a> {
    alert: &'a str,
    url: String,
    alert_url: Option<String>,
    title: &'a str,
    service: Option<&'a str>,
    severity: Option<&'a str>,
    owners: &'a [String],
    review: Option<ReviewRecord>,
    last_tested: Option<String>,
}

/// `alerts.json`: every alert, by name, with its runbook.
pub(crate) fn alerts_json(site: &Site, alerts: &Alerts) -> String {
    let url = |path: &str| site.config.base_url.absolute(path).unwrap_or_else(|| site.config.base_url.href(path));
    let alerts = alerts
        .iter()
        .map(|(name, claim)| {
            let page = &site.pages[claim.page];
            AlertRecord {
                alert: name,
                url: url(&page.site_path),
                alert_url: super::model::registry::redirect_path(name).ok().map(|path| url(&path)),
                title: &page.title,
                service: page.values.text("service"),
                severity: page.values.text("severity"),
                owners: &page.owners,
                review: page.review.map(Review::record),
                last_tested: page.values.date("last_tested").map(|d| d.to_string()),
            }
        })
        .collect();
    let mut json =
        serde_json::to_string_pretty(&AlertsFile { alerts }).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}
