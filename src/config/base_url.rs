//! The base URL: where the site is published, and the path every link starts with.

/// Where the site is published: an optional origin (`https://ops.example.org`) and the
/// path every URL starts with (`/handbook/`, or `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl { origin: String::new(), path: "/".into() }
    }
}

impl BaseUrl {
    /// Parses `https://host/path/`, `https://host` or a bare `/path/`.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let (origin, path) = if let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))
        {
            let scheme_len = text.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("`base-url` {text:?} has no host"));
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
        Ok(BaseUrl { origin, path })
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

    /// The link to a site path (`runbooks/x/` or `/runbooks/x/`), with the base path.
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, when the base URL has a host.
    pub fn absolute(&self, site_path: &str) -> Option<String> {
        self.has_origin().then(|| format!("{}{}", self.origin, self.href(site_path)))
    }

    /// The same base URL with its origin replaced, as `serve` does for the local address.
    pub fn with_origin(&self, origin: &str) -> BaseUrl {
        BaseUrl { origin: origin.trim_end_matches('/').to_string(), path: self.path.clone() }
    }
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
