//! The status page and its measured health, as one feature: above the site model
//! (`crate::site`), below the renderer and the pipeline, which reach it through the
//! tables of generated pages and extra files and the [`Feature`] it registers.
//!
//! - [`model`]: the page's model (components, incidents, maintenances, uptime),
//!   computed once at the build's "now";
//! - [`health`]: what the components' checks measure in Prometheus, and `health.json`;
//! - [`views`]: what the templates see of the model;
//! - [`outputs`]: the files written from the model (Statuspage API, SCS export, feeds,
//!   badges);
//! - [`alertmanager`]: incident drafts and updates from Alertmanager's payloads.
//!
//! Its configuration is `[status]` (`crate::config::StatusConfig`), read with the rest
//! of `book.toml`.

pub(crate) mod alertmanager;
pub(crate) mod health;
pub(crate) mod model;
pub(crate) mod outputs;
pub(crate) mod views;

use std::sync::Arc;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::site::extra_files::ExtraFile;
use crate::site::feature::Feature;
use crate::site::generated::GeneratedPage;
use crate::site::strings::Words;
use crate::site::{PageId, Site};
use health::Health;
use model::Status;

/// The feature's state on the site: the health measured before the model, and the
/// model, when `book.toml` has a `[status]` table.
#[derive(Debug, Default)]
pub(crate) struct StatusFeature {
    /// The measured health of the components, when some have checks
    /// ([`health::measure`], before the model).
    health: Option<Arc<Health>>,
    /// The status page's model.
    status: Option<Status>,
}

impl Feature for StatusFeature {
    fn modelled(&self, site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Arc<dyn Feature> {
        let status = model::collect_status(site, diagnostics);
        Arc::new(StatusFeature { health: self.health.clone(), status })
    }

    fn page_title(&self, site: &Site, page: &GeneratedPage, words: &Words) -> Option<String> {
        (*page == GeneratedPage::Status && self.status.is_some()).then(|| site.status_page_title(words))
    }

    fn owns(&self, site: &Site, id: PageId) -> bool {
        model::is_status_event(site, id)
    }

    fn claimed_paths(&self) -> Vec<String> {
        self.status.iter().flat_map(Status::event_paths).collect()
    }

    fn files(&self, site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
        outputs::files(site, file, path)
    }

    fn name(&self) -> &'static str {
        "the status page"
    }
}

/// Registers the feature on `site`, with the health measured before the model.
pub(crate) fn register(site: &mut Site, health: Option<Arc<Health>>) {
    site.features.insert(Arc::new(StatusFeature { health, status: None }));
}

/// The site paths of the status files a build with `config` writes whatever the pages
/// say, beside the rows of the extra files: the page's JSON Feed beside its Atom feed,
/// and the files named after each component (feeds, badge, SCS record).
pub(crate) fn paths_known_from_config(config: &Config) -> impl Iterator<Item = String> + '_ {
    let components = config.status.iter().flat_map(|status| status.components.iter());
    let json_feed = config.status.iter().map(|_| model::JSON_FEED_PATH.to_string());
    json_feed.chain(components.flat_map(|component| model::component_paths(&component.id)))
}

impl Site {
    /// The status model, when the handbook has a `[status]` table.
    pub(crate) fn status(&self) -> Option<&Status> {
        self.features.get::<StatusFeature>()?.status.as_ref()
    }

    /// The measured health of the status page's components, when some have checks.
    pub(crate) fn health(&self) -> Option<&Arc<Health>> {
        self.features.get::<StatusFeature>()?.health.as_ref()
    }
}
