//! The base URL: where the site is published, and the path every link starts with.

/// Where the site is published: an optional origin (`https://ops.example.org`) and the
/// path every URL starts with (`/handbook/`, or `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
    /// For the status site (`build --status-site`): where links to the handbook's own
    /// pages go, since only the site paths under `status/` are the status site's.
    status_site: Option<StatusSiteLinks>,
}

/// How the status site's base URL makes links ([`BaseUrl::for_status_site`]).
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatusSiteLinks {
    /// `[status] handbook-url`: the handbook's pages are linked there; without it, they
    /// keep the status site's own base path.
    handbook: Option<Box<BaseUrl>>,
}

/// The folder of the handbook's site that the status site publishes at its root.
pub const STATUS_FOLDER: &str = "status/";

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl { origin: String::new(), path: "/".into(), status_site: None }
    }
}

impl BaseUrl {
    /// Parses `https://host/path/`, `https://host` or a bare `/path/`.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        // Written raw into every `href` and `src`: only what a URL may hold, and no `//`
        // or `/\` start, which a browser reads as another host.
        if let Some(c) = text.chars().find(|c| c.is_control() || c.is_whitespace() || "\"'<>\\^`{|}".contains(*c)) {
            return Err(format!(
                "`base-url` must be a URL without spaces, control characters or {{}}|\\^`<>\"', found {c:?} in {:?}",
                text.escape_debug().to_string()
            ));
        }
        if text.starts_with("//") {
            return Err(format!(
                "`base-url` {text:?} starts with `//`, which a browser reads as another host: write https://HOST/PATH for a host, or /PATH/ for a path"
            ));
        }
        let (origin, path) = if let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))
        {
            let scheme_len = text.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("`base-url` {text:?} has no host"));
            }
            let host = &rest[..host_end];
            if !host.chars().all(|c| c.is_alphanumeric() || "-.:[]".contains(c)) {
                return Err(format!(
                    "`base-url` {text:?} has a host that is no host name (no user, query or fragment before the path)"
                ));
            }
            (text[..scheme_len + host_end].to_string(), &rest[host_end..])
        } else if text.starts_with('/') {
            (String::new(), text)
        } else {
            return Err(format!("`base-url` must start with https://, http:// or /, found {text:?}"));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!("`base-url` must not contain a query, fragment or space, found {text:?}"));
        }
        let mut path = path.trim_end_matches('/').to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path, status_site: None })
    }

    /// The path every URL of the site starts with, e.g. `/handbook/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The site path a link from the site's root names: the link without the base path
    /// (`/handbook/runbooks/` -> `runbooks/`); `None` when it does not start with it.
    pub fn site_path<'a>(&self, link: &'a str) -> Option<&'a str> {
        link.strip_prefix(self.path.as_str())
    }

    /// Whether the base URL names a host, so absolute URLs (sitemap, feed) can be made.
    pub fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The link to a site path (`runbooks/x/` or `/runbooks/x/`), with the base path; the
    /// path's characters that a URL cannot hold as they are (a space, `#`, `%`, ...) are
    /// percent-encoded ([`crate::percent::percent_encode_path`]): `ops/disk full/` is
    /// `/ops/disk%20full/`. The status site's ([`BaseUrl::for_status_site`]) links
    /// `status/x/` as `x/` and a page of the handbook at `handbook-url`.
    pub fn href(&self, site_path: &str) -> String {
        self.link(site_path, true)
    }

    /// [`BaseUrl::href`] of a path that is percent-encoded already, kept as it is.
    pub fn href_encoded(&self, url_path: &str) -> String {
        self.link(url_path, false)
    }

    fn link(&self, site_path: &str, encode: bool) -> String {
        let site_path = site_path.trim_start_matches('/');
        match self.status_site_path(site_path) {
            Ok(path) => join(&self.path, path, encode),
            Err(handbook) => handbook.absolute(site_path).unwrap_or_else(|| handbook.link(site_path, encode)),
        }
    }

    /// The absolute URL of a site path, when the base URL has a host, encoded as
    /// [`BaseUrl::href`] encodes it.
    pub fn absolute(&self, site_path: &str) -> Option<String> {
        let site_path = site_path.trim_start_matches('/');
        match self.status_site_path(site_path) {
            Ok(path) => self.has_origin().then(|| join(&format!("{}{}", self.origin, self.path), path, true)),
            Err(handbook) => handbook.absolute(site_path),
        }
    }

    /// The base URL of the status site published at `site` (`[status] site-url`), whose
    /// links to the handbook's pages go to `handbook` (`[status] handbook-url`).
    pub fn for_status_site(site: BaseUrl, handbook: Option<BaseUrl>) -> BaseUrl {
        let handbook = handbook.map(|h| Box::new(BaseUrl { status_site: None, ..h }));
        BaseUrl { status_site: Some(StatusSiteLinks { handbook }), ..site }
    }

    /// The status site's link back to the handbook's home, when `[status] handbook-url`
    /// says where it is.
    pub fn handbook_link(&self) -> Option<String> {
        let handbook = self.status_site.as_ref()?.handbook.as_ref()?;
        Some(handbook.absolute("").unwrap_or_else(|| handbook.href("")))
    }

    /// The path of `site_path` below this base URL: itself, or for the status site its
    /// path below `status/`; a page of the handbook outside it is the handbook's
    /// (`Err`), when `handbook-url` says where the handbook is.
    fn status_site_path<'a>(&self, site_path: &'a str) -> Result<&'a str, &BaseUrl> {
        let Some(links) = &self.status_site else { return Ok(site_path) };
        if site_path == STATUS_FOLDER.trim_end_matches('/') {
            return Ok("");
        }
        match (site_path.strip_prefix(STATUS_FOLDER), &links.handbook) {
            (Some(path), _) => Ok(path),
            (None, Some(handbook)) => Err(handbook),
            (None, None) => Ok(site_path),
        }
    }
}

/// `start` followed by `path`, encoded when `encode` is set.
fn join(start: &str, path: &str, encode: bool) -> String {
    let mut url = String::with_capacity(start.len() + path.len());
    url.push_str(start);
    if encode {
        crate::percent::push_encoded_path(&mut url, path)
    } else {
        url.push_str(path)
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_base_urls() {
        assert_eq!(BaseUrl::parse("/").unwrap().path(), "/");
        assert_eq!(BaseUrl::parse("/docs").unwrap().href("a/"), "/docs/a/");
        assert_eq!(BaseUrl::parse("https://x.org").unwrap().absolute("").as_deref(), Some("https://x.org/"));
        assert!(BaseUrl::parse("x.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }

    #[test]
    fn encodes_what_a_url_path_cannot_hold_in_the_site_path_only() {
        let base = BaseUrl::parse("https://x.org/h%C3%A4ndbuch/").unwrap();
        assert_eq!(base.href("ops/disk full/"), "/h%C3%A4ndbuch/ops/disk%20full/");
        assert_eq!(base.href("+/%# +.html"), "/h%C3%A4ndbuch/+/%25%23%20+.html");
        assert_eq!(base.href("dôc/"), "/h%C3%A4ndbuch/dôc/", "UTF-8 beyond ASCII stays as written");
        assert_eq!(base.absolute("a b/").as_deref(), Some("https://x.org/h%C3%A4ndbuch/a%20b/"));
        assert_eq!(base.href_encoded("a%20b/"), "/h%C3%A4ndbuch/a%20b/");
    }

    #[test]
    fn refuses_what_a_browser_reads_as_another_host_or_that_breaks_an_attribute() {
        for bad in [
            "//evil.example/",
            "///evil.example/",
            "/\\evil.example/",
            "https://user@evil.example/",
            "https://a.example?x=/",
            "/docs\u{0}/",
            "/docs\n/",
            "/do\u{1b}cs/",
            "/docs\"onmouseover=x/",
            "/docs'/",
            "/<script>/",
            "/docs /",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad:?} was taken");
        }
        for good in
            ["/", "/docs/", "https://ops.example.org:8443/hb/", "http://[::1]:3000/", "/h%C3%A4ndbuch/", "/a,b;c=d@e/"]
        {
            assert!(BaseUrl::parse(good).is_ok(), "{good:?} was refused");
        }
    }

    #[test]
    fn links_the_status_sites_paths_at_its_root_and_the_handbooks_at_handbook_url() {
        let site = BaseUrl::parse("https://status.example.org/").unwrap();
        let handbook = BaseUrl::parse("https://ops.example.org/handbook/").unwrap();
        let status = BaseUrl::for_status_site(site.clone(), Some(handbook));
        assert_eq!(status.href("status/api/v2/summary.json"), "/api/v2/summary.json");
        assert_eq!(status.href("status/"), "/");
        assert_eq!(status.href("status"), "/");
        assert_eq!(status.absolute("status/dns/").as_deref(), Some("https://status.example.org/dns/"));
        assert_eq!(status.href("runbooks/db/"), "https://ops.example.org/handbook/runbooks/db/");
        assert_eq!(status.absolute("runbooks/db/").as_deref(), Some("https://ops.example.org/handbook/runbooks/db/"));
        assert_eq!(status.path(), "/");
        let alone = BaseUrl::for_status_site(site, None);
        assert_eq!(alone.href("runbooks/db/"), "/runbooks/db/");
        assert_eq!(alone.handbook_link(), None);
        assert_eq!(status.handbook_link().as_deref(), Some("https://ops.example.org/handbook/"));
    }

    #[test]
    fn strips_the_base_path_from_links() {
        let base = BaseUrl::parse("https://x.org/handbook").unwrap();
        assert_eq!(base.site_path("/handbook/runbooks/"), Some("runbooks/"));
        assert_eq!(base.site_path("/handbook/"), Some(""));
        assert_eq!(base.site_path("/handbook"), None);
        assert_eq!(base.site_path("/other/"), None);
        assert_eq!(base.site_path("runbooks/"), None);
        assert_eq!(BaseUrl::default().site_path("/runbooks/"), Some("runbooks/"));
    }
}
