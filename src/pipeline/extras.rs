//! The files a site has besides its pages: `sitemap.xml`, `robots.txt`, `_redirects`
//! and the redirect pages of aliases.

use crate::html::escape;
use crate::site::Site;

/// `sitemap.xml`: every page's absolute URL. `None` when the base URL has no host,
/// since a sitemap needs absolute URLs.
pub(crate) fn sitemap(site: &Site) -> Option<String> {
    site.config.base_url.has_origin().then(|| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        // The generated lists that the table puts in the sitemap.
        let generated =
            site.generated_pages().filter(|(_, generated)| generated.spec().in_sitemap).map(|(id, _)| id);
        let redirects = |id: &crate::site::PageId| site.pages[*id].redirect.is_some();
        for id in site.order.iter().copied().filter(|id| !redirects(id)).chain(generated) {
            if let Some(url) = site.config.base_url.absolute(&site.pages[id].site_path) {
                xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(&url)));
            }
        }
        xml.push_str("</urlset>\n");
        xml
    })
}

/// `robots.txt`: everything may be crawled; the sitemap is named when there is one.
pub(crate) fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = site.config.base_url.absolute("sitemap.xml") {
        text.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    text
}

/// `_redirects` (Netlify, Cloudflare Pages): one `old new 301` line per alias. Both
/// paths are percent-encoded, so no alias can break the line format (the model has
/// refused whitespace and control characters already).
pub(crate) fn redirects(site: &Site) -> String {
    use crate::site_path::percent_encode;
    site.aliases
        .iter()
        .map(|(alias, target)| {
            let from = site.config.base_url.href(&percent_encode(alias));
            format!("{from} {} 301\n", site.config.base_url.href(&percent_encode(&site.pages[*target].site_path)))
        })
        .collect()
}
