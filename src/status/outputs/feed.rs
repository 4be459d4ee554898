//! The status page's Atom feeds: `status/feed.xml` with every event of the page, and
//! `status/<component-id>/feed.xml` with the events of one component, newest first;
//! each with its JSON Feed beside it (`feed.json`, [`super::json_feed`]), of the
//! same entries. Written from the model ([`crate::status::model::Status`]) with every
//! status page.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::dates::Timestamp;
use crate::site::Site;
use crate::status::model::{JSON_FEED_PATH, Phase, Status, component_feed_path, component_json_feed_path, stable_uuid};

/// One entry of a feed.
pub(super) struct Entry {
    pub(super) id: String,
    pub(super) at: Timestamp,
    pub(super) title: String,
    pub(super) link: String,
    pub(super) text: String,
    /// Indices of the components it concerns.
    pub(super) components: Vec<usize>,
    pub(super) category: String,
}

impl Entry {
    /// The entry of event `status` (an update's status or a maintenance's event) of the
    /// page titled `title` at `link`, about `components`.
    fn of(title: &str, link: &str, components: &[usize], id: String, at: Timestamp, status: &str, text: &str) -> Entry {
        Entry {
            id,
            at,
            title: format!("{title}: {}", words(status)),
            link: link.to_string(),
            text: text.to_string(),
            components: components.to_vec(),
            category: status.to_string(),
        }
    }
}

/// Every feed, as `(site path, text)`: the page's, then each component's, each in
/// Atom and in JSON Feed.
pub(crate) fn status_feeds(site: &Site) -> Vec<(String, String)> {
    use super::json_feed::json_feed;
    let Some(status) = site.status() else { return Vec::new() };
    let entries = entries(site, status);
    let mut feeds = vec![
        ("status/feed.xml".to_string(), feed(site, status, None, &entries)),
        (JSON_FEED_PATH.to_string(), json_feed(site, status, None, &entries)),
    ];
    for (i, component) in status.components.iter().enumerate() {
        feeds.push((component_feed_path(&component.id), feed(site, status, Some(i), &entries)));
        feeds.push((component_json_feed_path(&component.id), json_feed(site, status, Some(i), &entries)));
    }
    feeds
}

/// The entries of the feed of the page (`component` `None`) or of one component.
pub(super) fn chosen(entries: &[Entry], component: Option<usize>) -> Vec<&Entry> {
    entries.iter().filter(|e| component.is_none_or(|c| e.components.contains(&c))).collect()
}

pub(super) fn url(site: &Site, site_path: &str) -> String {
    let base = &site.config.base_url;
    base.absolute(site_path).unwrap_or_else(|| base.href(site_path))
}

fn entries(site: &Site, status: &Status) -> Vec<Entry> {
    let mut entries = Vec::new();
    for incident in &status.incidents {
        let page = &site.pages[incident.page];
        let components: Vec<usize> = incident.components.iter().map(|&(c, _)| c).collect();
        let link = url(site, &page.site_path);
        let mut add = |id: String, at: Timestamp, status: &str, text: &str| {
            entries.push(Entry::of(&page.title, &link, &components, id, at, status, text));
        };
        for update in &incident.updates {
            add(
                stable_uuid(&format!("feed:update:{}:{}", incident.id, update.id)),
                update.at,
                &update.status,
                &update.text,
            );
        }
        if incident.updates.is_empty() {
            let id = stable_uuid(&format!("feed:start:{}", incident.id));
            add(id, incident.started_at, incident.status, page.description());
        }
    }
    for maintenance in &status.maintenances {
        let page = &site.pages[maintenance.page];
        let link = url(site, &page.site_path);
        let mut add = |id: String, at: Timestamp, event: &str, text: &str| {
            entries.push(Entry::of(&page.title, &link, &maintenance.components, id, at, event, text));
        };
        for update in &maintenance.updates {
            let id = stable_uuid(&format!("feed:update:{}:{}", maintenance.id, update.id));
            add(id, update.at, &update.status, &update.text);
        }
        let event_id = |event: &str| stable_uuid(&format!("feed:{event}:{}", maintenance.id));
        if maintenance.updates.is_empty() {
            add(event_id("scheduled"), maintenance.scheduled_for, "scheduled", page.description());
        }
        if maintenance.phase != Phase::Scheduled {
            add(event_id("started"), maintenance.scheduled_for, "in_progress", "The maintenance has started.");
        }
        if maintenance.phase == Phase::Completed {
            add(event_id("completed"), maintenance.scheduled_until, "completed", "The maintenance is completed.");
        }
    }
    entries.extend(measured_entries(site, status));
    entries.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| a.id.cmp(&b.id)));
    entries
}

/// The entries of the measured components that are not green and that no incident or
/// maintenance names (step 4): one per component, dated when it came to its level (or
/// last had data), so it stays one entry while the level lasts.
fn measured_entries(site: &Site, status: &Status) -> Vec<Entry> {
    let page = site.generated_page(&crate::site::GeneratedPage::Status).map(|id| site.pages[id].site_path.clone());
    let mut entries = Vec::new();
    for (i, component) in status.components.iter().enumerate() {
        let Some(health) = component.health.as_ref().filter(|h| h.level != Level::Green && !component.named) else {
            continue;
        };
        let at = health.since.or(health.last_data_at).or(status.measured_at).unwrap_or(status.now);
        let (event, title) = match health.level {
            Level::Unknown => ("measured_unknown", "No data"),
            Level::Orange => ("measured_orange", component.status.measured_label()),
            _ => ("measured_red", component.status.measured_label()),
        };
        let checks: Vec<String> = health
            .checks
            .iter()
            .map(|c| {
                let value = c.value_text(".").unwrap_or_else(|| "no value".to_string());
                format!("{}: {value} ({}, good at {})", c.name, c.level.words(), c.green)
            })
            .collect();
        let link = page.as_deref().map(|p| url(site, p)).unwrap_or_default();
        entries.push(Entry {
            id: stable_uuid(&format!("feed:{event}:{}:{}", component.id, at.seconds())),
            at,
            title: format!("{}: {title}", component.name),
            link: format!("{link}#component-{}", component.id),
            text: checks.join("\n"),
            components: vec![i],
            category: event.to_string(),
        });
    }
    entries
}

use crate::status::health::Level;

use crate::status::model::status_words as words;

/// `text` escaped for XML, without the characters XML 1.0 does not allow.
fn xml(text: &str) -> String {
    let allowed: String = text.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect();
    crate::html::escape(&allowed)
}

/// The feed of the page (`component` `None`) or of one component.
fn feed(site: &Site, status: &Status, component: Option<usize>, entries: &[Entry]) -> String {
    let chosen = chosen(entries, component);
    let (title, path, id) = match component {
        None => (status.title.clone(), "status/feed.xml".to_string(), format!("feed:{}", status.page_id)),
        Some(c) => {
            let component = &status.components[c];
            let title = format!("{}: {}", status.title, component.name);
            (title, component_feed_path(&component.id), format!("feed:{}:{}", status.page_id, component.id))
        }
    };
    let updated = chosen.first().map_or_else(|| status.updated_at(), |e| e.at);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml(&site.config.language)
    ));
    out.push_str(&format!("  <title>{}</title>\n", xml(&title)));
    out.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        xml(&url(site, &path))
    ));
    let page = site
        .generated_page(&crate::site::GeneratedPage::Status)
        .map_or("status/", |id| site.pages[id].site_path.as_str());
    out.push_str(&format!("  <link href=\"{}\"/>\n", xml(&url(site, page))));
    out.push_str(&format!("  <id>urn:uuid:{}</id>\n", stable_uuid(&id)));
    out.push_str(&format!("  <updated>{}</updated>\n", updated.rfc3339()));
    out.push_str(&format!("  <author><name>{}</name></author>\n", xml(&status.title)));
    out.push_str(&format!("  <generator version=\"{}\">opsbook</generator>\n", env!("CARGO_PKG_VERSION")));
    for entry in chosen {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&entry.title)));
        out.push_str(&format!("    <link href=\"{}\"/>\n", xml(&entry.link)));
        out.push_str(&format!("    <id>urn:uuid:{}</id>\n", entry.id));
        out.push_str(&format!("    <updated>{}</updated>\n", entry.at.rfc3339()));
        out.push_str(&format!("    <category term=\"{}\"/>\n", xml(&entry.category)));
        for &c in &entry.components {
            out.push_str(&format!("    <category term=\"component:{}\"/>\n", xml(&status.components[c].id)));
        }
        if !entry.text.is_empty() {
            out.push_str(&format!("    <content type=\"text\">{}</content>\n", xml(&entry.text)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(super::xml("a <b> & \u{1}c\n"), "a &lt;b&gt; &amp; c\n");
        assert_eq!(super::words("in_progress"), "In progress");
    }
}
