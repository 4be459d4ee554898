//! The files written from the status page's model, each a serialisation of it and
//! nothing computed: the Statuspage API v2 ([`statuspage`]), the SCS status-page API
//! export ([`scs`]), the Atom and JSON feeds ([`feed`], [`json_feed`]) and the SVG
//! badges ([`badge`]), and the measured health (`status/health.json`). Each is a row of
//! the extra files (`crate::site::extra_files`), which the pipeline's writer asks the
//! feature for ([`files`]).

mod badge;
mod feed;
mod json_feed;
mod scs;
mod statuspage;

use crate::site::Site;
use crate::site::extra_files::ExtraFile;
use statuspage::{ApiFile, api_json};

/// The files of the extra file `file` at `path`, each as `(site path, text)`, when it
/// is one the status page makes from its model; `None` for the others.
pub(crate) fn files(site: &Site, file: ExtraFile, path: &str) -> Option<Vec<(String, String)>> {
    let api = |file| api_json(site, file).map(|json| vec![(path.to_string(), json)]).unwrap_or_default();
    Some(match file {
        ExtraFile::StatusApiStatus => api(ApiFile::Status),
        ExtraFile::StatusApiSummary => api(ApiFile::Summary),
        ExtraFile::StatusApiComponents => api(ApiFile::Components),
        ExtraFile::StatusApiIncidents => api(ApiFile::Incidents),
        ExtraFile::StatusApiUnresolved => api(ApiFile::Unresolved),
        ExtraFile::StatusApiMaintenances => api(ApiFile::Maintenances),
        ExtraFile::StatusApiUpcoming => api(ApiFile::Upcoming),
        ExtraFile::StatusApiActive => api(ApiFile::Active),
        ExtraFile::StatusScs => scs::scs_files(site),
        ExtraFile::StatusFeeds => feed::status_feeds(site),
        ExtraFile::StatusBadges => badge::badges(site),
        ExtraFile::StatusHealth => match (site.health(), &site.config.status) {
            (Some(health), Some(status)) => vec![(path.to_string(), super::health::file::health_json(health, status))],
            _ => Vec::new(),
        },
        _ => return None,
    })
}
