//! Addresses the old tool published a site at, and the links under them.

/// Where a site was published, as [`crate::compat::OldTool::published_address`] keeps it: `url` (an
/// `http` or `https` address; anything else is no address) with the path `base` after
/// it when given, each without the `/`s at their ends. Jekyll's `url` and `baseurl`,
/// Docusaurus's `url` and `baseUrl`, Hugo's `baseURL`, MkDocs's `site_url`.
pub(crate) fn published_address(url: &str, base: Option<&str>) -> Option<String> {
    let url = url.trim();
    if !is_http_address(url) {
        return None;
    }
    let url = url.trim_end_matches('/');
    Some(match base.map(|base| base.trim().trim_matches('/')).filter(|base| !base.is_empty()) {
        Some(base) => format!("{url}/{base}"),
        None => url.to_string(),
    })
}

/// The path of a published address ([`published_address`]) after its host, without the
/// `/`s at its ends: `school-of-sre` for `https://linkedin.github.io/school-of-sre`;
/// `None` when the site is at the host's root.
pub(crate) fn address_path(address: &str) -> Option<&str> {
    let (_, rest) = address.split_once("://")?;
    let path = rest.split_once('/')?.1.trim_matches('/');
    (!path.is_empty()).then_some(path)
}

/// Whether `text` is an `http:` or `https:` address, the scheme in any case.
pub(crate) fn is_http_address(text: &str) -> bool {
    text.split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
}

/// The rest of `destination` after `address` (`https://host/base`), from `/`, when it is
/// a URL under it: either scheme of HTTP, the host in any case, the path as written.
pub(crate) fn under_address(address: &str, destination: &str) -> Option<String> {
    fn without_scheme(url: &str) -> Option<&str> {
        let (scheme, rest) = url.split_once("://")?;
        (scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")).then_some(rest)
    }
    let (address, destination) = (without_scheme(address)?, without_scheme(destination)?);
    let host_len = address.find('/').unwrap_or(address.len());
    let (host, path) = address.split_at(host_len);
    let rest = destination.get(..host.len()).filter(|h| h.eq_ignore_ascii_case(host))?;
    let rest = destination[rest.len()..].strip_prefix(path)?;
    match rest.as_bytes().first() {
        None => Some("/".into()),
        Some(b'/') => Some(rest.to_string()),
        Some(b'?' | b'#') => Some(format!("/{rest}")),
        Some(_) => None,
    }
}
