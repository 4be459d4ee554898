//! Site paths as a browser reads them: a relative link joined to a page's folder, `.`
//! and `..` read, and the old site's names made into URLs as opsbook makes them.

use super::SiteLinks;
use crate::markdown::links::Resolution;
use crate::site::PageId;

impl SiteLinks<'_> {
    /// A relative destination read from the URL of page `page` without its trailing `/`
    /// (`blog/post/` read as `blog/post`, so `x` is `blog/x`), as the browser reads it
    /// on a site whose URLs end without one; `None` when nothing is there.
    pub(super) fn resolve_from_url_without_slash(
        &self,
        page: PageId,
        path: &str,
        anchor: Option<&str>,
        query: &str,
    ) -> Option<Resolution> {
        let url = self.site.pages[page].site_path.trim_end_matches('/');
        self.find_site_path(&join_url(url_folder(url), path), anchor, query)
    }
}

/// The folder a browser reads a relative link from on the page at site path `url`:
/// everything up to its last `/`.
pub(super) fn url_folder(url: &str) -> &str {
    &url[..url.rfind('/').map_or(0, |i| i + 1)]
}

/// A relative link read from the site path of a folder (`docs/v2.3/admin_guide/`) as a
/// browser reads it (RFC 3986, section 5.2): `..` never climbs above the root, and the
/// result is a folder when the link ends in `/`, `.` or `..`.
pub(crate) fn join_url(folder: &str, path: &str) -> String {
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let mut parts = path.split('/').peekable();
    let mut folder_at_end = path.is_empty();
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        match part {
            "." | "" => folder_at_end = last,
            ".." => {
                segments.pop();
                folder_at_end = last;
            }
            other => {
                segments.push(other);
                folder_at_end = false;
            }
        }
    }
    let mut joined = segments.join("/");
    if folder_at_end && !joined.is_empty() {
        joined.push('/');
    }
    joined
}

/// A site path (`0.82/setup/`) with each name made a URL segment by `rules`, as the
/// site's URLs were made (`0-82/setup/`); `.` and `..` are kept for [`normalise_url`].
pub(super) fn made_url(site_path: &str, rules: &crate::site::urls::UrlRules<'_>) -> String {
    site_path
        .split('/')
        .map(|segment| match segment {
            "" | "." | ".." => segment.to_string(),
            name => rules.segment(name),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A site path with its `.` and `..` segments read as a browser reads them: `/../../`
/// is the root.
pub(super) fn normalise_url(site_path: &str) -> String {
    if site_path.split('/').any(|s| s == "." || s == "..") { join_url("", site_path) } else { site_path.to_string() }
}
