//! A link to a path without an extension (`/docs/setup`) that reaches the file
//! `docs/setup.html`, where the old tool's server answers such a path with it
//! ([`crate::site::source_rules::SourceRules::serves_html_without_extension`]).

use super::{SiteLinks, normalise_url};
use crate::markdown::links::Resolution;

impl SiteLinks<'_> {
    /// The page or file at the first of `candidates` (site paths of one link) with
    /// `.html` added, when the old tool's server answers the path with that file and the
    /// path's last segment has no extension and no trailing `/`.
    pub(super) fn as_html_file(&self, candidates: &[String], anchor: Option<&str>, query: &str) -> Option<Resolution> {
        if !self.site.old_tool.serves_html_without_extension() {
            return None;
        }
        candidates.iter().find_map(|candidate| {
            let last = candidate.rsplit('/').next().unwrap_or("");
            if last.is_empty() || last.contains('.') {
                return None;
            }
            self.find_site_path(&format!("{}.html", normalise_url(candidate)), anchor, query)
        })
    }
}
