//! What the community page and its feed show of the peers: each peer's overall state
//! and its components' levels (green, orange, red or unknown, with when they were
//! measured and how long ago), its open incidents and maintenances, its latest incident
//! reviews, and the runbooks and processes every peer shares, grouped by tag and by
//! service.
//!
//! A level is never green when it is not known to be: a peer's health older than
//! `[status] stale-after` (30 minutes unless set), or a copy kept from an earlier
//! build that is as old, shows every component unknown, and the overall state is green
//! only when every component is.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Event, PeerData, PeerPage};
use super::{Peer, Peers};
use crate::dates::{Timestamp, format_duration};
use crate::html::escape;

/// The most incident reviews shown of one peer.
const REVIEWS_PER_PEER: usize = 5;
/// The most entries of the community's feed.
const FEED_ENTRIES: usize = 50;
/// The site path of the community page.
pub(crate) const PAGE_PATH: &str = "community/";
/// The site path of its feed.
pub(crate) const FEED_PATH: &str = "community/feed.xml";

/// The community page's model.
#[derive(Debug, Serialize)]
pub(crate) struct CommunityView {
    /// Each peer, in book.toml's order.
    pub(crate) peers: Vec<PeerView>,
    /// The newest incident reviews of all peers, newest first.
    pub(crate) reviews: Vec<ReviewView>,
    /// The pages peers share (runbooks, processes...) by tag, tags sorted.
    pub(crate) by_tag: Vec<Group>,
    /// The same by service.
    pub(crate) by_service: Vec<Group>,
}

/// One peer.
#[derive(Debug, Serialize)]
pub(crate) struct PeerView {
    /// Its name in links.
    pub(crate) name: String,
    /// Its title.
    pub(crate) title: String,
    /// Its handbook's address.
    pub(crate) url: String,
    /// Its logo's address.
    pub(crate) logo: Option<String>,
    /// Its overall level: `green`, `orange`, `red` or `unknown`.
    pub(crate) level: &'static str,
    /// When its state was measured (RFC 3339), and how long before this build.
    pub(crate) measured_at: Option<String>,
    /// How long before this build it was measured (`2h 5m`).
    pub(crate) age: Option<String>,
    /// How old the copy shown is, when this build could not read the peer.
    pub(crate) copy_age: Option<String>,
    /// Why this build could not read it.
    pub(crate) problem: Option<String>,
    /// Its components.
    pub(crate) components: Vec<ComponentView>,
    /// Its open incidents.
    pub(crate) incidents: Vec<EventView>,
    /// Its active and upcoming maintenances.
    pub(crate) maintenances: Vec<EventView>,
}

/// One component of a peer.
#[derive(Debug, Serialize)]
pub(crate) struct ComponentView {
    /// Its name.
    pub(crate) name: String,
    /// Its level.
    pub(crate) level: &'static str,
}

/// An incident or maintenance of a peer.
#[derive(Debug, Serialize)]
pub(crate) struct EventView {
    /// Its name.
    pub(crate) name: String,
    /// Its status and impact, as the peer's API words them.
    pub(crate) status: String,
    /// Its impact.
    pub(crate) impact: String,
    /// When it started or is scheduled.
    pub(crate) at: Option<String>,
    /// Its page.
    pub(crate) url: Option<String>,
}

/// An incident review of a peer.
#[derive(Debug, Serialize)]
pub(crate) struct ReviewView {
    /// The peer's title.
    pub(crate) peer: String,
    /// Its title.
    pub(crate) title: String,
    /// Its address.
    pub(crate) url: String,
    /// Its incident date.
    pub(crate) date: Option<String>,
    /// Its review state (`draft`, `preliminary`, `in-review`, `final`), when it has one.
    pub(crate) state: Option<&'static str>,
    /// Whether it is not final yet: shown marked.
    pub(crate) preliminary: bool,
}

/// The pages of one tag or service.
#[derive(Debug, Serialize)]
pub(crate) struct Group {
    /// The tag or service.
    pub(crate) name: String,
    /// Its pages, by peer and title.
    pub(crate) pages: Vec<SharedPage>,
}

/// A page a peer shares.
#[derive(Debug, Serialize, Clone)]
pub(crate) struct SharedPage {
    /// The peer's title.
    pub(crate) peer: String,
    /// Its title.
    pub(crate) title: String,
    /// Its kind.
    pub(crate) kind: String,
    /// Its address.
    pub(crate) url: String,
}

/// Whether a page of kind `kind` is one others may adopt: not a plain page, review,
/// status event or template.
fn shared(kind: &str) -> bool {
    !matches!(kind, "page" | "rca" | "incident" | "maintenance" | "template" | "manifesto")
}

/// The level of a Statuspage component status.
fn level_of_status(status: &str) -> &'static str {
    match status {
        "operational" => "green",
        "degraded_performance" | "under_maintenance" => "orange",
        "partial_outage" | "major_outage" => "red",
        _ => "unknown",
    }
}

/// A level as one of the four words.
fn level_word(level: &str) -> &'static str {
    match level {
        "green" => "green",
        "orange" => "orange",
        "red" => "red",
        _ => "unknown",
    }
}

/// The overall level of `levels`: the worst, but green only when every one is.
fn overall(levels: &[&'static str]) -> &'static str {
    let any = |level: &str| levels.contains(&level);
    if any("red") {
        "red"
    } else if any("orange") {
        "orange"
    } else if levels.is_empty() || any("unknown") {
        "unknown"
    } else {
        "green"
    }
}

impl CommunityView {
    /// The community page of `peers` for a handbook of `config` built at `now`: states
    /// older than its status page's `stale-after` (or the default) are unknown.
    pub(crate) fn of_handbook(peers: &Peers, config: &crate::config::Config, now: Timestamp) -> CommunityView {
        let status = config.status.as_ref();
        let stale_after = status.map_or(crate::config::DEFAULT_STALE_AFTER_SECONDS, |s| s.stale_after_seconds);
        CommunityView::of(peers, now, stale_after)
    }

    /// The community page of `peers` at `now`; a state older than `stale_after`
    /// seconds is unknown.
    pub(crate) fn of(peers: &Peers, now: Timestamp, stale_after: u64) -> CommunityView {
        let views = peers.list.iter().map(|peer| peer_view(peer, now, stale_after)).collect();
        let mut reviews: Vec<ReviewView> = peers.list.iter().flat_map(reviews_of).collect();
        reviews.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
        let mut by_tag: BTreeMap<String, Vec<SharedPage>> = BTreeMap::new();
        let mut by_service: BTreeMap<String, Vec<SharedPage>> = BTreeMap::new();
        for (peer, data) in peers.list.iter().filter_map(|peer| Some((peer, peer.data.as_ref()?))) {
            for page in data.pages.iter().filter(|page| shared(&page.kind)) {
                let entry = SharedPage {
                    peer: title_of(peer),
                    title: page.title.clone(),
                    kind: page.kind.clone(),
                    url: format!("{}{}", peer.config.url, page.path),
                };
                for tag in &page.tags {
                    by_tag.entry(tag.to_lowercase()).or_default().push(entry.clone());
                }
                if let Some(service) = &page.service {
                    by_service.entry(service.clone()).or_default().push(entry.clone());
                }
            }
        }
        let groups = |map: BTreeMap<String, Vec<SharedPage>>| {
            map.into_iter().map(|(name, pages)| Group { name, pages }).collect::<Vec<_>>()
        };
        CommunityView { peers: views, reviews, by_tag: groups(by_tag), by_service: groups(by_service) }
    }
}

/// What the page calls a peer: book.toml's title, its handbook's, else its name.
pub(super) fn title_of(peer: &Peer) -> String {
    let published = peer.data.as_ref().map(|data| data.title.clone()).filter(|t| !t.is_empty());
    peer.config.title.clone().or(published).unwrap_or_else(|| peer.config.name.clone())
}

/// One peer's view.
fn peer_view(peer: &Peer, now: Timestamp, stale_after: u64) -> PeerView {
    let data = peer.data.as_ref();
    let fresh =
        |at: Timestamp| now.seconds().saturating_sub(at.seconds()) <= i64::try_from(stale_after).unwrap_or(i64::MAX);
    let summary = data.and_then(|d| d.summary.as_ref());
    let health = data.and_then(|d| d.health.as_ref());
    let measured = health.map(|(at, _)| *at).or_else(|| summary.and_then(|s| s.updated_at));
    let components = components_of(data, &fresh);
    let levels: Vec<&'static str> = components.iter().map(|c| c.level).collect();
    let events = |list: &[Event]| list.iter().map(event_view).collect();
    PeerView {
        name: peer.config.name.clone(),
        title: title_of(peer),
        url: peer.config.url.clone(),
        logo: peer.config.logo.clone(),
        level: if measured.is_some_and(fresh) { overall(&levels) } else { "unknown" },
        measured_at: measured.map(Timestamp::rfc3339),
        age: measured.map(|at| format_duration(now.seconds().saturating_sub(at.seconds()))),
        copy_age: peer
            .problem
            .as_ref()
            .and(peer.fetched_at)
            .map(|at| format_duration(now.seconds().saturating_sub(at.seconds()))),
        problem: peer.problem.clone(),
        components,
        incidents: summary.map(|s| events(&s.incidents)).unwrap_or_default(),
        maintenances: summary.map(|s| events(&s.maintenances)).unwrap_or_default(),
    }
}

/// A peer's components: those of its summary, each with its measured level from its
/// health when there is one; every level unknown when what it comes from is stale.
fn components_of(data: Option<&PeerData>, fresh: &dyn Fn(Timestamp) -> bool) -> Vec<ComponentView> {
    let Some(data) = data else { return Vec::new() };
    let health = data.health.as_ref().filter(|(at, _)| fresh(*at));
    let summary = data.summary.as_ref();
    let summary_fresh = summary.and_then(|s| s.updated_at).is_some_and(fresh);
    let measured =
        |id: &str| health.and_then(|(_, levels)| levels.iter().find(|(c, _)| c == id)).map(|(_, l)| level_word(l));
    let mut views: Vec<ComponentView> = summary
        .map(|s| s.components.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|(id, name, status)| ComponentView {
            name: name.clone(),
            level: measured(id).unwrap_or(if summary_fresh { level_of_status(status) } else { "unknown" }),
        })
        .collect();
    if summary.is_none() {
        let levels = data.health.as_ref().map(|(_, levels)| levels.as_slice()).unwrap_or_default();
        views.extend(
            levels.iter().map(|(id, _)| ComponentView { name: id.clone(), level: measured(id).unwrap_or("unknown") }),
        );
    }
    views
}

fn event_view(event: &Event) -> EventView {
    EventView {
        name: event.name.clone(),
        status: event.status.replace('_', " "),
        impact: event.impact.clone(),
        at: event.at.map(Timestamp::rfc3339),
        url: event.url.clone(),
    }
}

/// A peer's newest incident reviews.
fn reviews_of(peer: &Peer) -> Vec<ReviewView> {
    let Some(data) = &peer.data else { return Vec::new() };
    let mut pages: Vec<&PeerPage> = data.pages.iter().filter(|page| page.kind == "rca").collect();
    pages.sort_by(|a, b| b.date.cmp(&a.date));
    pages
        .into_iter()
        .take(REVIEWS_PER_PEER)
        .map(|page| {
            let state = page.status.as_deref().and_then(crate::config::rca_state);
            ReviewView {
                peer: title_of(peer),
                title: page.title.clone(),
                url: format!("{}{}", peer.config.url, page.path),
                date: page.date.clone(),
                state,
                preliminary: state.is_some_and(|s| s != "final"),
            }
        })
        .collect()
}

/// The community's Atom feed: its peers' incident reviews and open incidents, newest
/// first; `self_url` is the feed's own address when the base URL has a host.
pub(crate) fn feed(view: &CommunityView, title: &str, self_url: Option<&str>) -> String {
    let mut entries: Vec<(String, String, &str, String)> = Vec::new();
    for review in &view.reviews {
        let Some(date) = &review.date else { continue };
        let title = format!("{}: {}", review.peer, review.title);
        entries.push((format!("{date}T00:00:00Z"), title, "rca", review.url.clone()));
    }
    for peer in &view.peers {
        for incident in &peer.incidents {
            let (Some(at), Some(url)) = (&incident.at, &incident.url) else { continue };
            entries.push((at.clone(), format!("{}: {}", peer.title, incident.name), "incident", url.clone()));
        }
    }
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries.first().map_or("1970-01-01T00:00:00Z", |e| e.0.as_str());
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("  <title>{}</title>\n", escape(title)));
    if let Some(url) = self_url {
        xml.push_str(&format!("  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", escape(url)));
    }
    xml.push_str(&format!("  <id>urn:opsbook:community:{}</id>\n  <updated>{updated}</updated>\n", escape(title)));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape(title)));
    for (at, title, kind, url) in &entries {
        xml.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{at}</updated>\n    <category term=\"{kind}\"/>\n  </entry>\n",
            escape(title),
            escape(url),
            escape(url)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_green_only_when_every_level_is() {
        assert_eq!(overall(&["green", "green"]), "green");
        assert_eq!(overall(&["green", "unknown"]), "unknown");
        assert_eq!(overall(&[]), "unknown");
        assert_eq!(overall(&["unknown", "orange"]), "orange");
        assert_eq!(overall(&["green", "red", "orange"]), "red");
    }

    #[test]
    fn shows_stale_health_as_unknown() {
        let now = Timestamp::from_seconds(1_794_744_000);
        let data = PeerData {
            health: Some((Timestamp::from_seconds(now.seconds() - 3_600), vec![("api".into(), "green".into())])),
            ..PeerData::default()
        };
        let fresh_for = |seconds: i64| move |at: Timestamp| now.seconds() - at.seconds() <= seconds;
        assert_eq!(components_of(Some(&data), &fresh_for(7_200))[0].level, "green");
        assert_eq!(components_of(Some(&data), &fresh_for(1_800))[0].level, "unknown");
    }
}
