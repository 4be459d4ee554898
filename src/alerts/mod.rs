//! The alerts, as one feature: the page of each alert a runbook answers
//! (`/alerts/<name>/`), the list of them with its filter (`/alerts/`), `alerts.json`
//! and the 404 page's part for an alert without a runbook. Above the site model
//! (`crate::site`), below the renderer and the pipeline, which reach it through the
//! tables of generated pages and extra files.
//!
//! - [`model`]: what a runbook gives the pages of its alerts (its first steps);
//! - [`views`]: what templates see of an alert, the list and the missing alert;
//! - [`outputs`]: `alerts.json`, and which redirect of the site is an alert's page.
//!
//! Which alert each runbook answers is still the site model's (`crate::site::alerts`,
//! `Site::alerts`). Its configuration is `[alerts]` (`crate::config::AlertsConfig`),
//! read with the rest of `book.toml`.

pub(crate) mod model;
pub(crate) mod outputs;
pub(crate) mod views;
