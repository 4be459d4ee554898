//! The files a site has besides its pages: `sitemap.xml`, `robots.txt`, `_redirects`
//! and the redirect pages of aliases.

use crate::html::escape;
use crate::site::Site;

/// `sitemap.xml`: every page's absolute URL. `None` when the base URL has no host,
/// since a sitemap needs absolute URLs.
pub(crate) fn sitemap(site: &Site) -> Option<String> {
    site.config.base_url.has_origin().then(|| {
        let multilingual = site.config.languages.is_multilingual();
        let mut xml = String::from(if multilingual {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        } else {
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        });
        // The generated lists that the table puts in the sitemap.
        let generated =
            site.generated_pages().filter(|(_, generated)| generated.spec().in_sitemap).map(|(id, _)| id);
        let redirects = |id: &crate::site::PageId| site.pages[*id].redirect.is_some();
        // A page shown for want of a translation is its original's copy: not listed.
        let listed = |id: &crate::site::PageId| !redirects(id) && !site.is_fallback(*id);
        for id in site.order.iter().copied().filter(listed).chain(generated) {
            if let Some(url) = site.config.base_url.absolute(&site.pages[id].site_path) {
                if multilingual {
                    xml.push_str(&format!("  <url><loc>{}</loc>{}</url>\n", escape(&url), sitemap_alternates(site, id)));
                } else {
                    xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&url)));
                }
            }
        }
        xml.push_str("</urlset>\n");
        xml
    })
}

/// The `xhtml:link` alternates of page `id` in a sitemap: each language that has it
/// translated, and `x-default`, the default language's
/// (<https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap>);
/// nothing for a page no other language translates.
fn sitemap_alternates(site: &Site, id: crate::site::PageId) -> String {
    let translated: Vec<_> = site.alternates(id).into_iter().filter(|a| !a.fallback).collect();
    if translated.len() < 2 {
        return String::new();
    }
    let link = |code: &str, page: crate::site::PageId| {
        site.config.base_url.absolute(&site.pages[page].site_path).map(|href| {
            format!("\n    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>", escape(code), escape(&href))
        })
    };
    let mut links: String = translated.iter().filter_map(|a| link(a.code, a.page)).collect();
    let default = site.config.languages.default_language();
    if let Some(original) = translated.iter().find(|a| Some(a.code) == default) {
        links.push_str(&link("x-default", original.page).unwrap_or_default());
    }
    links.push_str("\n  ");
    links
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one.
pub(crate) fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = site.config.base_url.absolute("sitemap.xml") {
        text.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    text
}

/// `_redirects` (Netlify, Cloudflare Pages): one `old new 301` line per alias (not the
/// addresses of alerts, which have pages of their own) and per mapped redirect. Both
/// paths are percent-encoded, so no alias can break the line format (the model has
/// refused whitespace and control characters already, in mapped fragments and
/// addresses too).
pub(crate) fn redirects(site: &Site) -> String {
    use crate::site_path::percent_encode;
    let mapped = &site.mapped_redirects;
    let from = |alias: &str| site.config.base_url.href_encoded(&percent_encode(alias));
    site.aliases
        .iter()
        // An alert's address is a page of its own (`crate::alerts`): a host that
        // applies `_redirects` before its files (Cloudflare Pages) would never show it.
        .filter(|(alias, target)| crate::alerts::outputs::pages::alert_of_path(site, alias, *target).is_none())
        .map(|(alias, target)| {
            let to = site.config.base_url.href_encoded(&percent_encode(&site.pages[*target].site_path));
            // A mapped redirect's fragment (`#part`), which its configuration checked.
            let fragment = mapped.hrefs.get(alias).and_then(|href| href.find('#').map(|at| &href[at..])).unwrap_or("");
            format!("{} {to}{fragment} 301\n", from(alias))
        })
        // A relative address (Docusaurus writes one as it is) has no line: a host reads
        // the target of a line from the site's root.
        .chain(
            mapped
                .to_urls
                .iter()
                .filter(|(_, url)| url.contains("://"))
                .map(|(alias, url)| format!("{} {url} 301\n", from(alias))),
        )
        .collect()
}

/// `_headers` (Netlify, Cloudflare Pages) for a site with a status page: the status
/// page's machine-readable files (the Statuspage and SCS APIs, the badges, the feeds,
/// `health.json` when the components are measured)
/// may be read from any origin (`Access-Control-Allow-Origin: *`) and cached for a
/// minute, so a new incident shows within one. `theirs`, the `_headers` of `static/`
/// or the theme, comes first, unchanged; the hosts apply every rule a URL matches.
pub(crate) fn headers(site: &Site, theirs: Option<&str>) -> String {
    let mut text = String::new();
    if let Some(theirs) = theirs.filter(|t| !t.trim().is_empty()) {
        text.push_str(theirs);
        if !theirs.ends_with('\n') {
            text.push('\n');
        }
        text.push('\n');
    }
    text.push_str("# The status page's APIs, badges and feeds (opsbook)\n");
    let base = &site.config.base_url;
    let fixed =
        ["status/api/*", "status/scs/*", "status/badge/*", "status/feed.xml", crate::status::model::JSON_FEED_PATH];
    let mut paths: Vec<String> = fixed.iter().map(|path| base.href(path)).collect();
    if site.health().is_some() {
        paths.push(base.href(crate::status::health::file::SITE_PATH));
    }
    if let Some(status) = site.status() {
        for component in &status.components {
            paths.push(base.href(&crate::status::model::component_feed_path(&component.id)));
            paths.push(base.href(&crate::status::model::component_json_feed_path(&component.id)));
        }
    }
    for path in paths {
        text.push_str(&format!("{path}\n  Access-Control-Allow-Origin: *\n  Cache-Control: public, max-age=60\n"));
        if path.ends_with("scs/*") {
            // Its files are served for extensionless URLs too (`/status/scs/components`).
            text.push_str("  Content-Type: application/json\n");
        }
    }
    text
}
