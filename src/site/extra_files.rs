//! The files a build writes besides its pages, the theme's static files and the assets:
//! one list ([`EXTRA_FILES`]) with each file's site path and when it is written.
//!
//! The list is read where those files matter: the site paths links may point to (before
//! the model is built, [`ExtraFile::exists`] with the configuration), the claims on
//! every output path ([`super::outputs`]), the writer (`pipeline/write.rs`, which matches
//! on [`ExtraFile`] for its own files and asks the features for the others, naming
//! none: `site::feature::Features::files`) and `serve`'s live reload (which files no
//! page uses). Adding an output file takes a variant, a row and the writer's arm, or,
//! for a feature's file, the feature's `files`.

use crate::config::Config;

/// One file a build writes besides its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExtraFile {
    /// `404.html`, the page static hosts serve for unknown URLs.
    NotFound,
    /// `robots.txt`.
    Robots,
    /// `handbook.json`, every page's metadata.
    HandbookJson,
    /// The code highlighting styles for light mode, unless the theme has its own.
    HighlightLight,
    /// The code highlighting styles for dark mode, unless the theme has its own.
    HighlightDark,
    /// `sitemap.xml`.
    Sitemap,
    /// `feed.xml`, the Atom feed (the blog feature's, `crate::blog::outputs`: its home
    /// page's blog's, else the pages changed).
    Feed,
    /// The search index: `search/manifest.json` and the `.json` files it names; in a
    /// handbook of several languages, each other language's under its folder (`de/search/`).
    SearchIndex,
    /// `_redirects`, the redirects of aliases and alerts for Netlify and Cloudflare Pages.
    Redirects,
    /// `alerts.json`, every alert with its runbook (the alerts feature's,
    /// `crate::alerts::outputs`).
    AlertsJson,
    /// The status page's API (Statuspage v2): `status.json`.
    StatusApiStatus,
    /// `summary.json`.
    StatusApiSummary,
    /// `components.json`.
    StatusApiComponents,
    /// `incidents.json`.
    StatusApiIncidents,
    /// `incidents/unresolved.json`.
    StatusApiUnresolved,
    /// `scheduled-maintenances.json`.
    StatusApiMaintenances,
    /// `scheduled-maintenances/upcoming.json`.
    StatusApiUpcoming,
    /// `scheduled-maintenances/active.json`.
    StatusApiActive,
    /// The SCS status-page API under `status/scs/` (its `components/index.json`, and
    /// every other file of the export).
    StatusScs,
    /// The status page's Atom feed `status/feed.xml`, and each component's
    /// `status/<id>/feed.xml`.
    StatusFeeds,
    /// The status badges: `status/badge/overall.svg` and `status/badge/<id>.svg`.
    StatusBadges,
    /// `_headers`, the CORS and cache headers of the status files for Netlify and
    /// Cloudflare Pages (merged with a `_headers` of `static/`).
    Headers,
    /// `status/health.json`, the measured health of the components with checks
    /// (`crate::status::health::file`).
    StatusHealth,
    /// The navigation's branch files, `nav/<name>.json`: one per section with pages,
    /// listing them all, from which the theme's script unfolds a section in place
    /// (`crate::site::nav::branch_path`; claimed per section in `outputs`).
    NavBranches,
    /// `community/feed.xml`, the Atom feed of the peers' incident reviews and incidents
    /// (`crate::peers::views::feed`).
    CommunityFeed,
    /// `search/community.json`, the peers' pages for the search box's "all handbooks"
    /// (`crate::peers::search`).
    CommunitySearch,
    /// Each blog's Atom feed, `<blog>/feed.xml` (the home page's blog's is `feed.xml`,
    /// [`ExtraFile::Feed`]), from the blog feature's model (`crate::blog::outputs`).
    BlogFeeds,
}

/// When an extra file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Condition {
    /// Always.
    Always,
    /// When the base URL has a host: the file needs absolute URLs.
    BaseUrlHasHost,
    /// When search is enabled.
    SearchEnabled,
    /// When some page has aliases, or the site has alerts (their redirects).
    SiteHasAliases,
    /// When some runbook answers an alert.
    SiteHasAlerts,
    /// When `book.toml` has a `[status]` table.
    StatusPage,
    /// When some component of `[status]` has checks.
    StatusChecks,
    /// One file per section with pages: the row's path is their folder.
    PerSection,
    /// When `book.toml` names peers (`[[peers]]`).
    Peers,
    /// When `book.toml` names peers and search is enabled.
    PeersSearch,
    /// One file per blog but the home page's, when the base URL has a host: the row's
    /// path is its name in the blog's folder.
    PerBlog,
}

/// A row of [`EXTRA_FILES`].
#[derive(Debug)]
pub(crate) struct ExtraSpec {
    /// The file.
    pub file: ExtraFile,
    /// Its site path (for the search index, the file that names the others; for files
    /// made one per section, their folder, ending with `/`).
    pub path: &'static str,
    /// When it is written.
    pub condition: Condition,
    /// Whether pages use it (a stylesheet), so a change to it reloads every page.
    pub used_by_pages: bool,
}

/// Every file a build writes besides its pages, in the order of [`ExtraFile`]'s variants.
pub(crate) const EXTRA_FILES: &[ExtraSpec] = &[
    extra(ExtraFile::NotFound, "404.html", Condition::Always, false),
    extra(ExtraFile::Robots, "robots.txt", Condition::Always, false),
    extra(ExtraFile::HandbookJson, "handbook.json", Condition::Always, false),
    extra(ExtraFile::HighlightLight, "highlight-light.css", Condition::Always, true),
    extra(ExtraFile::HighlightDark, "highlight-dark.css", Condition::Always, true),
    extra(ExtraFile::Sitemap, "sitemap.xml", Condition::BaseUrlHasHost, false),
    extra(ExtraFile::Feed, "feed.xml", Condition::BaseUrlHasHost, false),
    extra(ExtraFile::SearchIndex, "search/manifest.json", Condition::SearchEnabled, false),
    extra(ExtraFile::Redirects, "_redirects", Condition::SiteHasAliases, false),
    extra(ExtraFile::AlertsJson, "alerts.json", Condition::SiteHasAlerts, false),
    extra(ExtraFile::StatusApiStatus, "status/api/v2/status.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusApiSummary, "status/api/v2/summary.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusApiComponents, "status/api/v2/components.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusApiIncidents, "status/api/v2/incidents.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusApiUnresolved, "status/api/v2/incidents/unresolved.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusApiMaintenances, "status/api/v2/scheduled-maintenances.json", Condition::StatusPage, false),
    extra(
        ExtraFile::StatusApiUpcoming,
        "status/api/v2/scheduled-maintenances/upcoming.json",
        Condition::StatusPage,
        false,
    ),
    extra(ExtraFile::StatusApiActive, "status/api/v2/scheduled-maintenances/active.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusScs, "status/scs/components/index.json", Condition::StatusPage, false),
    extra(ExtraFile::StatusFeeds, "status/feed.xml", Condition::StatusPage, false),
    extra(ExtraFile::StatusBadges, "status/badge/overall.svg", Condition::StatusPage, false),
    extra(ExtraFile::Headers, "_headers", Condition::StatusPage, false),
    extra(ExtraFile::StatusHealth, "status/health.json", Condition::StatusChecks, false),
    extra(ExtraFile::NavBranches, crate::site::nav::BRANCH_FOLDER, Condition::PerSection, false),
    extra(ExtraFile::CommunityFeed, crate::peers::views::FEED_PATH, Condition::Peers, false),
    extra(ExtraFile::CommunitySearch, crate::peers::search::PATH, Condition::PeersSearch, false),
    extra(ExtraFile::BlogFeeds, "feed.xml", Condition::PerBlog, false),
];

const fn extra(file: ExtraFile, path: &'static str, condition: Condition, used_by_pages: bool) -> ExtraSpec {
    ExtraSpec { file, path, condition, used_by_pages }
}

impl ExtraFile {
    /// Its row of [`EXTRA_FILES`].
    pub(crate) fn spec(self) -> &'static ExtraSpec {
        // The rows are in the order of the variants: see `every_file_has_one_row`.
        &EXTRA_FILES[self as usize]
    }

    /// Whether a build with `config` writes it, `has_aliases` telling whether the site
    /// has redirects (aliases or alerts) and `has_alerts` whether it has alerts.
    pub(crate) fn exists(self, config: &Config, has_aliases: bool, has_alerts: bool) -> bool {
        match self.spec().condition {
            Condition::Always => true,
            Condition::BaseUrlHasHost => config.base_url.has_origin(),
            Condition::SearchEnabled => config.search,
            Condition::SiteHasAliases => has_aliases,
            Condition::SiteHasAlerts => has_alerts,
            Condition::StatusPage => config.status.is_some(),
            Condition::StatusChecks => config.status.as_ref().is_some_and(|s| s.is_measured()),
            Condition::PerSection => true,
            Condition::Peers => !config.peers.list.is_empty(),
            Condition::PeersSearch => config.search && !config.peers.list.is_empty(),
            Condition::PerBlog => config.base_url.has_origin(),
        }
    }

    /// Whether a feature makes it from its model (its condition is the status page's),
    /// which `write_status_files` writes through `Features::files` (and `_headers`).
    pub(crate) fn is_feature_file(self) -> bool {
        matches!(self.spec().condition, Condition::StatusPage | Condition::StatusChecks)
    }
}

/// The site paths of the extra files a build with `config` writes whatever the pages
/// say: every one but those that depend on the pages (`_redirects`, `alerts.json`).
/// The files a feature names after its configuration (the status page's per component)
/// are the feature's to add (`crate::status::paths_known_from_config`).
pub(crate) fn paths_known_from_config(config: &Config) -> impl Iterator<Item = String> + '_ {
    EXTRA_FILES
        .iter()
        .filter(|spec| spec.file.exists(config, false, false))
        .filter(|spec| !matches!(spec.condition, Condition::PerSection | Condition::PerBlog))
        .map(|spec| spec.path.to_string())
}

/// Whether `site_path` is an extra file that no page uses (the index, the feed...): a
/// change to it reloads no page.
pub(crate) fn unused_by_pages(site_path: &str) -> bool {
    let of = |spec: &ExtraSpec| match spec.condition {
        Condition::PerSection => site_path.starts_with(spec.path),
        _ => spec.path == site_path,
    };
    EXTRA_FILES.iter().any(|spec| of(spec) && !spec.used_by_pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_has_one_row() {
        let files = [
            ExtraFile::NotFound,
            ExtraFile::Robots,
            ExtraFile::HandbookJson,
            ExtraFile::HighlightLight,
            ExtraFile::HighlightDark,
            ExtraFile::Sitemap,
            ExtraFile::Feed,
            ExtraFile::SearchIndex,
            ExtraFile::Redirects,
            ExtraFile::AlertsJson,
            ExtraFile::StatusApiStatus,
            ExtraFile::StatusApiSummary,
            ExtraFile::StatusApiComponents,
            ExtraFile::StatusApiIncidents,
            ExtraFile::StatusApiUnresolved,
            ExtraFile::StatusApiMaintenances,
            ExtraFile::StatusApiUpcoming,
            ExtraFile::StatusApiActive,
            ExtraFile::StatusScs,
            ExtraFile::StatusFeeds,
            ExtraFile::StatusBadges,
            ExtraFile::Headers,
            ExtraFile::StatusHealth,
            ExtraFile::NavBranches,
            ExtraFile::CommunityFeed,
            ExtraFile::CommunitySearch,
            ExtraFile::BlogFeeds,
        ];
        assert_eq!(files.len(), EXTRA_FILES.len());
        for (row, file) in files.into_iter().enumerate() {
            assert_eq!(EXTRA_FILES[row].file, file);
            assert_eq!(file.spec().file, file);
        }
    }

    #[test]
    fn every_path_is_a_safe_site_path() {
        for spec in EXTRA_FILES {
            // A folder of files made per section: one of them.
            let path = match spec.condition {
                Condition::PerSection => format!("{}0123456789ab.json", spec.path),
                _ => spec.path.to_string(),
            };
            assert!(crate::site_path::check(&path).is_ok(), "{path}");
        }
    }

    #[test]
    fn stylesheets_reload_pages_and_data_files_do_not() {
        assert!(unused_by_pages("handbook.json"));
        assert!(unused_by_pages("sitemap.xml"));
        assert!(unused_by_pages("alerts.json"));
        assert!(unused_by_pages("nav/0123456789ab.json"));
        assert!(!unused_by_pages("highlight-dark.css"));
        assert!(!unused_by_pages("style.css"));
    }
}
