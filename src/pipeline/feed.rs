//! `feed.xml`: an Atom feed of incident reviews and recently changed pages, newest
//! first, at most [`FEED_ENTRIES`] entries. A page's date is its last change, else, for a
//! kind with a feed date (an RCA's incident date), that field; a page with neither is
//! left out. The feed needs
//! absolute URLs, so it is written only when `base-url` names a host.

use crate::dates::Timestamp;
use crate::html::escape;
use crate::site::{PageId, Site};

/// The most entries the feed carries.
pub(crate) const FEED_ENTRIES: usize = 50;

/// The feed, or `None` without a host in the base URL.
pub(crate) fn atom(site: &Site) -> Option<String> {
    let base = &site.config.base_url;
    let home = base.absolute("")?;
    let mut entries: Vec<(Timestamp, PageId)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| !page.origin.is_generated())
        .filter_map(|(id, page)| {
            let changed = page.change.as_ref().map(|c| c.date);
            let feed_date = site.config.kinds.get(&page.kind).and_then(|kind| kind.feed_date.as_deref());
            let date = match feed_date {
                Some(field) => {
                    changed.or_else(|| page.values.date(field).map(|d| Timestamp::from_seconds(d.days() * 86_400)))
                }
                None => changed,
            };
            date.map(|d| (d, id))
        })
        .collect();
    entries.sort_by_key(|&(date, id)| (std::cmp::Reverse(date), site.position.get(id).copied().unwrap_or(usize::MAX)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.first().map_or_else(|| Timestamp::from_seconds(0).rfc3339(), |(d, _)| d.rfc3339());
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&site.config.language)
    ));
    xml.push_str(&format!("  <title>{}</title>\n", escape(&site.config.title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&site.config.description)));
    }
    let self_url = base.absolute("feed.xml").unwrap_or_default();
    xml.push_str(&format!("  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", escape(&self_url)));
    xml.push_str(&format!("  <link href=\"{}\"/>\n  <id>{}</id>\n", escape(&home), escape(&home)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape(&site.config.title)));
    xml.push_str(&format!("  <generator version=\"{}\">opsbook</generator>\n", env!("CARGO_PKG_VERSION")));
    for (date, id) in entries {
        let page = &site.pages[id];
        let url = base.absolute(&page.site_path).unwrap_or_default();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&page.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n    <id>{}</id>\n", escape(&url), escape(&url)));
        xml.push_str(&format!("    <updated>{}</updated>\n", date.rfc3339()));
        xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(&page.kind)));
        let summary = page.description();
        if !summary.is_empty() {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Some(xml)
}
