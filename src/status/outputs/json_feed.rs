//! The status page's JSON Feeds (jsonfeed.org, version 1.1): `status/feed.json` and
//! `status/<component-id>/feed.json`, the same entries as the Atom feeds beside them
//! ([`super::feed`]), for readers and chat integrations that read JSON. Each
//! item has the Atom entry's stable `urn:uuid:` id, its `url`, `title`,
//! `content_text` (its title when it has no text, as the format needs one),
//! `date_published` and, as `tags`, its status and `component:<id>` per component.

use serde_json::{Value, json};

use super::feed::{Entry, chosen, url};
use crate::site::Site;
use crate::status::model::{JSON_FEED_PATH, Status, component_json_feed_path};

/// The JSON Feed of the page (`component` `None`) or of one component.
pub(super) fn json_feed(site: &Site, status: &Status, component: Option<usize>, entries: &[Entry]) -> String {
    let (title, path) = match component {
        None => (status.title.clone(), JSON_FEED_PATH.to_string()),
        Some(c) => {
            let component = &status.components[c];
            (format!("{}: {}", status.title, component.name), component_json_feed_path(&component.id))
        }
    };
    let page = site
        .generated_page(&crate::site::GeneratedPage::Status)
        .map_or("status/", |id| site.pages[id].site_path.as_str());
    let items: Vec<Value> = chosen(entries, component)
        .into_iter()
        .map(|entry| {
            let mut tags = vec![entry.category.clone()];
            tags.extend(entry.components.iter().map(|&c| format!("component:{}", status.components[c].id)));
            let text = if entry.text.is_empty() { &entry.title } else { &entry.text };
            json!({
                "id": format!("urn:uuid:{}", entry.id),
                "url": entry.link,
                "title": entry.title,
                "content_text": text,
                "date_published": entry.at.rfc3339(),
                "tags": tags,
            })
        })
        .collect();
    let feed = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": url(site, page),
        "feed_url": url(site, &path),
        "language": site.config.language,
        "authors": [{"name": status.title}],
        "items": items,
    });
    let mut text = serde_json::to_string_pretty(&feed).unwrap_or_default();
    text.push('\n');
    text
}
