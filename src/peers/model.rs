//! What opsbook keeps of a peer's published files: its pages from `handbook.json`, its
//! components' measured levels from `status/health.json` and its open incidents and
//! maintenances from the Statuspage API's `status/api/v2/summary.json`.
//!
//! Everything a peer publishes is untrusted: fields are read by shape and fields we do
//! not know are ignored; text is cut to [`MAX_TEXT`] characters and stripped of control
//! characters (templates escape it); lists are cut to their limits; a page whose URL is
//! not under the peer's `url` is dropped, and so is a link of an incident that leads
//! elsewhere. Nothing is HTML.

use serde::Deserialize;
use serde_json::Value;

use crate::dates::Timestamp;

/// The most pages read of one peer.
pub(crate) const MAX_PAGES: usize = 20_000;
/// The most anchors read of one page.
const MAX_ANCHORS: usize = 2_000;
/// The most components, incidents or maintenances read of one peer.
const MAX_ITEMS: usize = 200;
/// The most characters of one text.
pub(crate) const MAX_TEXT: usize = 300;

/// A peer's published files, as read.
#[derive(Debug, Clone, Default)]
pub(crate) struct PeerData {
    /// The title of its handbook.
    pub(crate) title: String,
    /// Its pages.
    pub(crate) pages: Vec<PeerPage>,
    /// The folder of its content, relative to its root, ending in `/` (`content/`): what
    /// a `source` path starts with.
    pub(crate) content_prefix: String,
    /// When its health was measured, and each component's level (`health.json`).
    pub(crate) health: Option<(Timestamp, Vec<(String, String)>)>,
    /// Its status page's summary, when it publishes one.
    pub(crate) summary: Option<Summary>,
}

/// One page of a peer.
#[derive(Debug, Clone, Default)]
pub(crate) struct PeerPage {
    /// Its path in the peer's site, without base path (`runbooks/db/`).
    pub(crate) path: String,
    /// Its Markdown file relative to the peer's root (`content/runbooks/db.md`).
    pub(crate) source: Option<String>,
    /// Its title.
    pub(crate) title: String,
    /// Its description.
    pub(crate) description: String,
    /// Its kind.
    pub(crate) kind: String,
    /// Its tags.
    pub(crate) tags: Vec<String>,
    /// Its `service` field.
    pub(crate) service: Option<String>,
    /// An incident review's `status` (`preliminary`, `final`...).
    pub(crate) status: Option<String>,
    /// Its date: an incident review's `incident_date`, else a dated page's `date`.
    pub(crate) date: Option<String>,
    /// The ids of its body; `None` when the peer's file does not list them.
    pub(crate) anchors: Option<Vec<String>>,
    /// The paths that redirect to it.
    pub(crate) aliases: Vec<String>,
}

/// The parts of `summary.json` the community page shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    /// When the peer's status page was built (`page.updated_at`).
    pub(crate) updated_at: Option<Timestamp>,
    /// Each component's id, name and Statuspage status (`operational`...).
    pub(crate) components: Vec<(String, String, String)>,
    /// Its open incidents.
    pub(crate) incidents: Vec<Event>,
    /// Its active and upcoming maintenances.
    pub(crate) maintenances: Vec<Event>,
}

/// An incident or maintenance of a peer.
#[derive(Debug, Clone, Default)]
pub(crate) struct Event {
    /// Its name.
    pub(crate) name: String,
    /// Its Statuspage status (`investigating`, `scheduled`...).
    pub(crate) status: String,
    /// Its impact (`major`...).
    pub(crate) impact: String,
    /// When it started or is scheduled.
    pub(crate) at: Option<Timestamp>,
    /// Its page, when that is under the peer's URL.
    pub(crate) url: Option<String>,
}

/// Text from a peer: control characters dropped, whitespace collapsed, cut to [`MAX_TEXT`].
pub(crate) fn clean(text: &str) -> String {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    let joined = words.join(" ");
    match joined.char_indices().nth(MAX_TEXT) {
        Some((at, _)) => format!("{}…", &joined[..at]),
        None => joined,
    }
}

/// A value as text, when it is text.
fn text(value: &Value) -> Option<String> {
    value.as_str().map(clean).filter(|t| !t.is_empty())
}

/// A list of texts, cut to `max`.
fn texts(value: &Value, max: usize) -> Vec<String> {
    value.as_array().map(|list| list.iter().filter_map(text).take(max).collect()).unwrap_or_default()
}

/// Whether a site path from a peer may name a page: relative, no `..`, no scheme, no
/// control characters, no backslash.
pub(crate) fn plain_path(path: &str) -> bool {
    !path.starts_with('/')
        && !path.contains("://")
        && !path.contains(['\\', ':', '?', '#'])
        && !path.chars().any(char::is_control)
        && path.split('/').all(|segment| segment != ".." && segment != ".")
}

/// The whole of a peer's `handbook.json`, or why it cannot be read. `url` is the peer's.
pub(crate) fn read_handbook(json: &[u8], url: &str) -> Result<PeerData, String> {
    #[derive(Deserialize)]
    struct Document {
        #[serde(default)]
        title: Value,
        pages: Vec<Value>,
    }
    let document: Document =
        serde_json::from_slice(json).map_err(|e| format!("its handbook.json is not opsbook's JSON ({e})"))?;
    if document.pages.len() > MAX_PAGES {
        return Err(format!("its handbook.json lists {} pages, more than {MAX_PAGES}", document.pages.len()));
    }
    let base_path = url.splitn(4, '/').nth(3).map_or("/".to_string(), |p| format!("/{p}"));
    let pages: Vec<PeerPage> = document.pages.iter().filter_map(|page| read_page(page, &base_path)).collect();
    let content_prefix = content_prefix(&pages);
    Ok(PeerData {
        title: text(&document.title).unwrap_or_default(),
        pages,
        content_prefix,
        health: None,
        summary: None,
    })
}

/// One page of `handbook.json`; `None` when it has no path under the peer's site.
fn read_page(page: &Value, base_path: &str) -> Option<PeerPage> {
    let path = match page["path"].as_str() {
        Some(path) => path.to_string(),
        None => page["url"].as_str()?.strip_prefix(base_path)?.to_string(),
    };
    if !plain_path(&path) || path.len() > 1_000 {
        return None;
    }
    let fields = &page["fields"];
    let anchors = page["anchors"].as_array().map(|list| {
        list.iter().filter_map(Value::as_str).filter(|a| a.len() <= 200).take(MAX_ANCHORS).map(str::to_string).collect()
    });
    Some(PeerPage {
        path,
        source: page["source"].as_str().filter(|s| plain_path(s) && s.len() <= 1_000).map(str::to_string),
        title: text(&page["title"]).unwrap_or_default(),
        description: text(&page["description"]).unwrap_or_default(),
        kind: text(&page["kind"]).unwrap_or_else(|| "page".to_string()),
        tags: texts(&page["tags"], 20),
        service: text(&fields["service"]),
        status: text(&fields["status"]),
        date: text(&fields["incident_date"])
            .or_else(|| text(&page["date"]))
            .filter(|d| crate::dates::Date::parse(d).is_some()),
        anchors,
        aliases: texts(&page["aliases"], 50).into_iter().filter(|a| plain_path(a)).collect(),
    })
}

/// The content folder of a peer: the folder of its home page's source, else `content/`.
fn content_prefix(pages: &[PeerPage]) -> String {
    let home = pages.iter().find(|page| page.path.is_empty()).and_then(|page| page.source.as_deref());
    match home.and_then(|source| source.rsplit_once('/')) {
        Some((folder, _)) => format!("{folder}/"),
        None if home.is_some() => String::new(),
        None => "content/".to_string(),
    }
}

/// The measured time and levels of a peer's `status/health.json`.
pub(crate) fn read_health(json: &[u8]) -> Result<(Timestamp, Vec<(String, String)>), String> {
    let value: Value = serde_json::from_slice(json).map_err(|e| format!("its status/health.json is not JSON ({e})"))?;
    let measured = value["measured_at"].as_str().and_then(Timestamp::parse);
    let measured = measured.ok_or("its status/health.json has no `measured_at` time")?;
    let components = value["components"].as_array().map(Vec::as_slice).unwrap_or_default();
    let levels = components
        .iter()
        .take(MAX_ITEMS)
        .filter_map(|c| {
            Some((
                text(&c["id"])?,
                text(&c["level"])
                    .filter(|l| ["green", "orange", "red"].contains(&l.as_str()))
                    .unwrap_or_else(|| "unknown".to_string()),
            ))
        })
        .collect();
    Ok((measured, levels))
}

/// The parts of a peer's `summary.json` the community page shows; `url` is the peer's.
pub(crate) fn read_summary(json: &[u8], url: &str) -> Result<Summary, String> {
    let value: Value =
        serde_json::from_slice(json).map_err(|e| format!("its status/api/v2/summary.json is not JSON ({e})"))?;
    let list = |key: &str| value[key].as_array().map(Vec::as_slice).unwrap_or_default().iter().take(MAX_ITEMS);
    let event = |item: &Value| {
        Some(Event {
            name: text(&item["name"])?,
            status: text(&item["status"]).unwrap_or_default(),
            impact: text(&item["impact"]).unwrap_or_else(|| "none".to_string()),
            at: ["scheduled_for", "started_at", "created_at"]
                .iter()
                .find_map(|key| item[*key].as_str().and_then(Timestamp::parse)),
            url: item["shortlink"].as_str().filter(|link| under(url, link)).map(str::to_string),
        })
    };
    Ok(Summary {
        updated_at: value["page"]["updated_at"].as_str().and_then(Timestamp::parse),
        components: list("components")
            .filter(|c| c["group"] != Value::Bool(true))
            .filter_map(|c| {
                let name = text(&c["name"])?;
                Some((text(&c["id"]).unwrap_or_else(|| name.clone()), name, text(&c["status"]).unwrap_or_default()))
            })
            .collect(),
        incidents: list("incidents").filter_map(event).collect(),
        maintenances: list("scheduled_maintenances").filter_map(event).collect(),
    })
}

/// Whether `link` is an address under the peer's `url`, with nothing that climbs out.
pub(crate) fn under(url: &str, link: &str) -> bool {
    link.strip_prefix(url).is_some_and(|rest| plain_path(rest.split(['#', '?']).next().unwrap_or("")))
        && !link.chars().any(|c| c.is_control() || c.is_whitespace() || c == '"' || c == '<')
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://ops.a.example/handbook/";

    #[test]
    fn keeps_the_pages_under_the_peers_site_and_drops_the_others() {
        let json = br#"{"title":"A\u0007 ops","pages":[
            {"url":"/handbook/","path":"","source":"docs/_index.md","title":"Home","kind":"page"},
            {"path":"runbooks/db/","source":"docs/runbooks/db.md","title":"DB <b>failover</b>","kind":"runbook",
             "tags":["db"],"fields":{"service":"ledger"},"anchors":["steps"],"aliases":["old/db/","../x/"]},
            {"path":"../../etc/","title":"Out"},
            {"path":"javascript:alert(1)","title":"Script"},
            {"url":"https://evil.example/x/","title":"Elsewhere"}]}"#;
        let data = read_handbook(json, URL).unwrap();
        assert_eq!(data.title, "A ops");
        assert_eq!(data.content_prefix, "docs/");
        let paths: Vec<&str> = data.pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["", "runbooks/db/"]);
        let db = &data.pages[1];
        assert_eq!(db.title, "DB <b>failover</b>", "kept as text, escaped where shown");
        assert_eq!(db.aliases, ["old/db/"]);
        assert_eq!(db.anchors.as_deref(), Some(&["steps".to_string()][..]));
        assert_eq!(db.service.as_deref(), Some("ledger"));
    }

    #[test]
    fn refuses_what_is_not_a_handbook() {
        assert!(read_handbook(b"<html>", URL).unwrap_err().contains("not opsbook's JSON"));
        assert!(read_handbook(br#"{"pages":{}}"#, URL).is_err());
        assert!(read_health(br#"{"components":[]}"#).unwrap_err().contains("measured_at"));
    }

    #[test]
    fn reads_levels_and_keeps_only_links_under_the_peer() {
        let (_, levels) = read_health(
            br#"{"measured_at":"2026-11-15T12:00:00Z","components":[
            {"id":"api","level":"red"},{"id":"db","level":"purple"}]}"#,
        )
        .unwrap();
        assert_eq!(levels, [("api".into(), "red".into()), ("db".into(), "unknown".into())]);
        let summary = read_summary(
            br#"{"page":{"updated_at":"2026-11-15T12:00:00Z"},"components":[{"id":"api","name":"API","status":"major_outage"}],
            "incidents":[{"name":"API down","status":"investigating","impact":"major","shortlink":"https://ops.a.example/handbook/status/x/"},
                         {"name":"Phish","status":"investigating","shortlink":"javascript:alert(1)"}],
            "scheduled_maintenances":[]}"#,
            URL,
        )
        .unwrap();
        assert_eq!(summary.components, [("api".into(), "API".into(), "major_outage".into())]);
        assert_eq!(summary.incidents[0].url.as_deref(), Some("https://ops.a.example/handbook/status/x/"));
        assert_eq!(summary.incidents[1].url, None);
    }

    #[test]
    fn cuts_long_text() {
        assert_eq!(clean(&"x".repeat(1000)).chars().count(), MAX_TEXT + 1);
        assert_eq!(clean("a\n\tb\u{0}c"), "a b c");
    }
}
