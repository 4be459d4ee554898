//! What the templates see of the status page's model ([`crate::status::model`]): the
//! page `/status/` (`index.status`), the panel of an incident or maintenance page
//! (`page.status_incident`), the badges of the pages related to a component
//! (`page.components`) and the overall status for every page (`site.status`).
//! Every state comes as its API name (a class for the colour) and its words; a
//! component nothing is known of is `unknown` (grey), never green. A measured
//! component's checks come with their values, levels in words and trend charts
//! ([`trend`]).

use serde::Serialize;

mod measured;
mod trend;

use crate::dates::Timestamp;
use crate::site::link_view::LinkView;
use crate::site::strings::{Words, month_text, number_text, say};
use crate::site::{GeneratedPage, PageId, Site};
use crate::status::model::state::ComponentStatus;
use crate::status::model::uptime::{Cause, Day};
use crate::status::model::{Incident, Maintenance, Phase, Status, Update};
use measured::MeasuredView;

/// A moment, for `<time>`: RFC 3339 and `2026-03-14 09:12 UTC`.
#[derive(Debug, Serialize)]
pub(crate) struct TimeView {
    /// RFC 3339, in UTC.
    pub datetime: String,
    /// As shown.
    pub text: String,
}

impl TimeView {
    pub(super) fn of(t: Timestamp) -> Self {
        let datetime = t.rfc3339();
        let text = format!("{} {} UTC", &datetime[..10], &datetime[11..16]);
        TimeView { datetime, text }
    }
}

/// `site.status`: the overall status, for the header and the home page.
#[derive(Debug, Serialize)]
pub(crate) struct OverallView {
    /// The link to `/status/`.
    pub url: Option<String>,
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: &'static str,
    /// "All Systems Operational", ..., in the reader's words.
    pub description: String,
    /// The colour class: `operational`, `degraded`, `partial`, `major`, `maintenance`.
    pub tone: &'static str,
}

impl OverallView {
    /// The overall status as the pages of language `code` show it.
    pub(crate) fn of(site: &Site, code: Option<&str>) -> Option<Self> {
        let status = site.status()?;
        let (description, tone) = status.shown_overall();
        let words = site.words.of(code.or(site.config.languages.default_language()));
        Some(OverallView {
            url: site.generated_page_in(&GeneratedPage::Status, code).map(|id| site.href(id)),
            indicator: status.overall.indicator.name(),
            description: say(words, description).to_string(),
            tone,
        })
    }
}

/// A component's state, as a badge: `page.components`, and the components of an
/// incident.
#[derive(Debug, Serialize)]
pub(crate) struct BadgeView<'a> {
    /// The component's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its state now (`partial_outage`), for the class.
    pub status: &'static str,
    /// Its state in words.
    pub label: &'a str,
    /// During an incident: the state the incident gives it.
    pub during: Option<&'static str>,
    /// That state in words.
    pub during_label: Option<&'a str>,
}

fn badge<'a>(words: &'a Words, status: &'a Status, component: usize, during: Option<ComponentStatus>) -> BadgeView<'a> {
    let c = &status.components[component];
    let (state, label) = c.shown();
    BadgeView {
        id: &c.id,
        name: &c.name,
        status: state,
        label: say(words, label),
        during: during.map(ComponentStatus::name),
        during_label: during.map(|d| say(words, d.label())),
    }
}

/// The badges of page `id`: the components it relates to, with their states now.
pub(crate) fn badges(site: &Site, id: PageId) -> Vec<BadgeView<'_>> {
    let Some(status) = site.status() else { return Vec::new() };
    let words = site.words_for(id);
    let related = status.related.get(&site.original_of(id));
    related.into_iter().flatten().map(|&c| badge(words, status, c, None)).collect()
}

/// One update.
#[derive(Debug, Serialize)]
pub(crate) struct UpdateView {
    /// When.
    pub at: TimeView,
    /// Its status (`monitoring`).
    pub status: String,
    /// In words.
    pub label: String,
    /// Its text as HTML.
    pub html: String,
}

/// Update `u` of the event of page `page` (its links read from there).
fn update(site: &Site, page: PageId, words: &Words, u: &Update) -> UpdateView {
    let label = say(words, &status_words(&u.status)).to_string();
    let html = crate::status::model::update_text::update_html(site, page, &u.text);
    UpdateView { at: TimeView::of(u.at), status: u.status.clone(), label, html }
}

use crate::status::model::status_words;

/// The status an incident's page writes (`investigating` unless set): an update without
/// one takes it.
fn written_status(site: &Site, page: PageId) -> &str {
    site.pages[page].values.text("status").unwrap_or("investigating")
}

/// `page.status_incident`: the panel of an incident or maintenance page.
#[derive(Debug, Serialize)]
pub(crate) struct PanelView<'a> {
    /// `incident` or `maintenance`.
    pub kind: &'static str,
    /// Its status (`postmortem`, `in_progress`), for the class.
    pub status: &'static str,
    /// In words.
    pub status_label: String,
    /// The incident's impact.
    pub impact: Option<&'static str>,
    /// When it started (incidents) or starts (maintenances).
    pub started_at: TimeView,
    /// When it was resolved (incidents) or ends (maintenances).
    pub ended_at: Option<TimeView>,
    /// The components, with the state it gives them.
    pub components: Vec<BadgeView<'a>>,
    /// The updates, newest first.
    pub updates: Vec<UpdateView>,
    /// The incident review.
    pub rca: Option<LinkView<'a>>,
    /// The link to `/status/`.
    pub status_url: Option<String>,
}

/// The panel of page `id`, when it is an incident or a maintenance of the status page.
pub(crate) fn panel(site: &Site, id: PageId) -> Option<PanelView<'_>> {
    let status = site.status()?;
    if !crate::status::model::is_status_event(site, id) {
        return None;
    }
    let status_url = site.generated_page_for(&GeneratedPage::Status, id).map(|p| site.href(p));
    let words = site.words_for(id);
    // A copy under another language's folder is its original's incident.
    let original = site.original_of(id);
    if let Some(incident) = status.incidents.iter().find(|i| i.page == original) {
        return Some(PanelView {
            kind: "incident",
            status: incident.status,
            status_label: say(words, &status_words(incident.status)).to_string(),
            impact: Some(incident.impact.name()),
            started_at: TimeView::of(incident.started_at),
            ended_at: incident.resolved_at.map(TimeView::of),
            components: incident.components.iter().map(|&(c, during)| badge(words, status, c, Some(during))).collect(),
            updates: site
                .updates_shown(id, &incident.updates, written_status(site, original))
                .iter()
                .map(|u| update(site, original, words, u))
                .collect(),
            rca: incident.rca.map(|rca| Reader::new(site, Some(id)).link(rca)),
            status_url,
        });
    }
    let maintenance = status.maintenances.iter().find(|m| m.page == original)?;
    Some(PanelView {
        kind: "maintenance",
        status: maintenance.phase.name(),
        status_label: say(words, maintenance.phase.label()).to_string(),
        impact: None,
        started_at: TimeView::of(maintenance.scheduled_for),
        ended_at: Some(TimeView::of(maintenance.scheduled_until)),
        components: maintenance
            .components
            .iter()
            .map(|&c| badge(words, status, c, Some(ComponentStatus::UnderMaintenance)))
            .collect(),
        updates: site
            .updates_shown(id, &maintenance.updates, maintenance.phase.name())
            .iter()
            .map(|u| update(site, original, words, u))
            .collect(),
        rca: None,
        status_url,
    })
}

/// `index` of `/status/`.
#[derive(Debug, Serialize)]
pub(crate) struct StatusView<'a> {
    /// The overall status.
    pub indicator: &'static str,
    /// In words.
    pub description: &'a str,
    /// The banner's colour class.
    pub tone: &'static str,
    /// When the page was computed.
    pub now: TimeView,
    /// The components, by group, in display order.
    pub groups: Vec<GroupView<'a>>,
    /// The incidents still going on, newest first.
    pub active: Vec<IncidentView<'a>>,
    /// Maintenances in progress.
    pub in_progress: Vec<MaintenanceView<'a>>,
    /// Maintenances to come, soonest first.
    pub upcoming: Vec<MaintenanceView<'a>>,
    /// The other incidents, newest first, by month.
    pub history: Vec<MonthView<'a>>,
    /// The first and last day of the uptime bars.
    pub first_day: String,
    /// The last day.
    pub last_day: String,
    /// The API's summary, relative to the site.
    pub api_url: String,
    /// The other files of the API a subscriber reads: `(file name, link)`.
    pub api_files: Vec<ApiFileView>,
    /// The Atom feed of every incident and maintenance of the page.
    pub feed_url: String,
    /// The same as a JSON Feed.
    pub json_feed_url: String,
    /// When the checks were measured, for a page with checks.
    pub measured_at: Option<TimeView>,
    /// The names of the components nothing is known of now.
    pub unknown: Vec<&'a str>,
    /// The measured record, `health.json`, relative to the site.
    pub health_url: Option<String>,
}

/// A file of the status page's API.
#[derive(Debug, Serialize)]
pub(crate) struct ApiFileView {
    /// Its name under `api/v2/`.
    pub name: &'static str,
    /// Its link.
    pub url: String,
}

/// A group of components, or one component without a group (`name` nothing).
#[derive(Debug, Serialize)]
pub(crate) struct GroupView<'a> {
    /// The group's name; `None` for a component without a group.
    pub name: Option<&'a str>,
    /// The worst state of its components.
    pub status: &'static str,
    /// In words.
    pub label: &'a str,
    /// Its components.
    pub components: Vec<ComponentView<'a>>,
}

/// A component on `/status/`.
#[derive(Debug, Serialize)]
pub(crate) struct ComponentView<'a> {
    /// Its id, for anchors.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its description.
    pub description: Option<&'a str>,
    /// Its state now.
    pub status: &'static str,
    /// In words.
    pub label: &'a str,
    /// Its uptime over the bar, `99.95`; `None` when no day is known.
    pub uptime: Option<String>,
    /// The bar, oldest day first.
    pub days: Vec<DayView<'a>>,
    /// What its checks measure, for a component with checks.
    pub measured: Option<MeasuredView<'a>>,
    /// The Atom feed of its incidents and maintenances.
    pub feed_url: String,
    /// The same as a JSON Feed.
    pub json_feed_url: String,
}

/// A cell of the bar.
#[derive(Debug, Serialize)]
pub(crate) struct DayView<'a> {
    /// The day, `2026-11-15`.
    pub date: String,
    /// Its worst state, for the class.
    pub status: &'static str,
    /// In words: "No incidents" when operational.
    pub label: &'a str,
    /// The incidents and maintenances of the day.
    pub events: Vec<LinkView<'a>>,
}

/// An incident on `/status/`.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentView<'a> {
    /// Its page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// Its status.
    pub status: &'static str,
    /// In words.
    pub status_label: String,
    /// Its impact.
    pub impact: &'static str,
    /// When it started.
    pub started_at: TimeView,
    /// When it was resolved.
    pub resolved_at: Option<TimeView>,
    /// The components it affects.
    pub components: Vec<BadgeView<'a>>,
    /// Its latest update.
    pub latest: Option<UpdateView>,
    /// Every update, newest first: an active incident's only (empty in the history).
    pub updates: Vec<UpdateView>,
}

/// A maintenance on `/status/`.
#[derive(Debug, Serialize)]
pub(crate) struct MaintenanceView<'a> {
    /// Its page.
    #[serde(flatten)]
    pub link: LinkView<'a>,
    /// Its phase.
    pub status: &'static str,
    /// In words.
    pub status_label: &'a str,
    /// Its window.
    pub scheduled_for: TimeView,
    /// Its end.
    pub scheduled_until: TimeView,
    /// The components it takes down.
    pub components: Vec<BadgeView<'a>>,
    /// Its latest update.
    pub latest: Option<UpdateView>,
}

/// The incidents of one month.
#[derive(Debug, Serialize)]
pub(crate) struct MonthView<'a> {
    /// "November 2026".
    pub name: String,
    /// Its incidents, newest first.
    pub incidents: Vec<IncidentView<'a>>,
}

/// Who the status page is shown to: page `page` (its links lead to the versions of
/// pages in its language, its states are said in its words), or the status site (`page`
/// `None`: the default language's words, the pages as they are).
struct Reader<'a> {
    site: &'a Site,
    page: Option<PageId>,
    words: &'a Words,
}

impl<'a> Reader<'a> {
    fn new(site: &'a Site, page: Option<PageId>) -> Self {
        let words = match page {
            Some(page) => site.words_for(page),
            None => site.words.of(site.config.languages.default_language()),
        };
        Reader { site, page, words }
    }

    /// The link to page `page`: to its version in the reader's language
    /// ([`Site::version_for`]).
    fn link(&self, page: PageId) -> LinkView<'a> {
        let shown = self.page.and_then(|reader| self.site.version_for(page, reader));
        LinkView::of(self.site, shown.unwrap_or(page))
    }

    /// The updates of the event of page `page`, `updates`, as the reader's language's
    /// version of the page shows them ([`Site::updates_shown`]).
    fn updates<'u>(&self, page: PageId, updates: &'u [Update], default_status: &str) -> std::borrow::Cow<'u, [Update]> {
        match self.page.and_then(|reader| self.site.version_for(page, reader)) {
            Some(shown) => self.site.updates_shown(shown, updates, default_status),
            None => std::borrow::Cow::Borrowed(updates),
        }
    }

    /// A state the model says in English, in the reader's words.
    fn say(&self, label: &'a str) -> &'a str {
        say(self.words, label)
    }
}

/// The view of incident `i`: its latest update, and with `every_update` (an active
/// incident) all of its updates too.
fn incident<'a>(r: &Reader<'a>, status: &'a Status, i: &'a Incident, every_update: bool) -> IncidentView<'a> {
    let updates = r.updates(i.page, &i.updates, written_status(r.site, i.page));
    IncidentView {
        link: r.link(i.page),
        status: i.status,
        status_label: say(r.words, &status_words(i.status)).to_string(),
        impact: i.impact.name(),
        started_at: TimeView::of(i.started_at),
        resolved_at: i.resolved_at.map(TimeView::of),
        components: i.components.iter().map(|&(c, during)| badge(r.words, status, c, Some(during))).collect(),
        latest: updates.first().map(|u| update(r.site, i.page, r.words, u)),
        updates: if every_update {
            updates.iter().map(|u| update(r.site, i.page, r.words, u)).collect()
        } else {
            Vec::new()
        },
    }
}

fn maintenance<'a>(r: &Reader<'a>, status: &'a Status, m: &'a Maintenance) -> MaintenanceView<'a> {
    let under = Some(ComponentStatus::UnderMaintenance);
    MaintenanceView {
        link: r.link(m.page),
        status: m.phase.name(),
        status_label: r.say(m.phase.label()),
        scheduled_for: TimeView::of(m.scheduled_for),
        scheduled_until: TimeView::of(m.scheduled_until),
        components: m.components.iter().map(|&c| badge(r.words, status, c, under)).collect(),
        latest: r.updates(m.page, &m.updates, m.phase.name()).first().map(|u| update(r.site, m.page, r.words, u)),
    }
}

fn day<'a>(r: &Reader<'a>, status: &'a Status, d: &Day) -> DayView<'a> {
    let page = |cause: &Cause| match *cause {
        Cause::Incident(n) => Some(status.incidents[n].page),
        Cause::Maintenance(n) => Some(status.maintenances[n].page),
        Cause::Measured => None,
    };
    let no_data = d.worst == ComponentStatus::Operational && d.measured == Some(crate::status::health::Level::Unknown);
    let (status, label) = match d.worst {
        _ if no_data => ("unknown", "No data"),
        ComponentStatus::Operational => (d.worst.name(), "No incidents"),
        worst if d.causes == [Cause::Measured] => (worst.name(), worst.measured_label()),
        worst => (worst.name(), worst.label()),
    };
    DayView {
        date: d.date.to_string(),
        status,
        label: r.say(label),
        events: d.causes.iter().filter_map(page).map(|p| r.link(p)).collect(),
    }
}

impl<'a> StatusView<'a> {
    /// The view of the site's status page, as page `reader` shows it (`None` for the
    /// status site).
    pub(crate) fn of(site: &'a Site, reader: Option<PageId>) -> Option<Self> {
        let status = site.status()?;
        let r = Reader::new(site, reader);
        let component = |i: usize| {
            let c = &status.components[i];
            let (state, label) = c.shown();
            ComponentView {
                id: &c.id,
                name: &c.name,
                description: c.description.as_deref(),
                status: state,
                label: r.say(label),
                uptime: c.uptime.percent_text().map(|p| number_text(r.words, &p)),
                days: c.uptime.days.iter().map(|d| day(&r, status, d)).collect(),
                measured: measured::measured_view(r.words, c),
                feed_url: site.config.base_url.href(&crate::status::model::component_feed_path(&c.id)),
                json_feed_url: site.config.base_url.href(&crate::status::model::component_json_feed_path(&c.id)),
            }
        };
        let mut groups: Vec<GroupView<'a>> = Vec::new();
        let mut seen = Vec::new();
        for (i, c) in status.components.iter().enumerate() {
            match c.group {
                Some(g) if seen.contains(&g) => {}
                Some(g) => {
                    seen.push(g);
                    let (group, (status, label)) = (&status.groups[g], status.group_shown(g));
                    let components = group.components.iter().map(|&m| component(m)).collect();
                    groups.push(GroupView { name: Some(&group.name), status, label: r.say(label), components });
                }
                None => {
                    let (status, label) = c.shown();
                    groups.push(GroupView { name: None, status, label: r.say(label), components: vec![component(i)] });
                }
            }
        }
        let mut history: Vec<MonthView<'a>> = Vec::new();
        for i in status.incidents.iter().filter(|i| !i.is_unresolved()) {
            let name = month_text(r.words, i.started_at.date());
            match history.last_mut() {
                Some(last) if last.name == name => last.incidents.push(incident(&r, status, i, false)),
                _ => history.push(MonthView { name, incidents: vec![incident(&r, status, i, false)] }),
            }
        }
        let days = status.components.first().map(|c| &c.uptime.days);
        let (first_day, last_day) = match days {
            Some(days) => (
                days.first().map(|d| d.date.to_string()).unwrap_or_default(),
                days.last().map(|d| d.date.to_string()).unwrap_or_default(),
            ),
            None => (String::new(), String::new()),
        };
        let (description, tone) = status.shown_overall();
        Some(StatusView {
            indicator: status.overall.indicator.name(),
            description: r.say(description),
            tone,
            now: TimeView::of(status.now),
            groups,
            active: status
                .unresolved()
                .filter(|i| i.started_at <= status.now)
                .map(|i| incident(&r, status, i, true))
                .collect(),
            in_progress: status.maintenances_in(Phase::InProgress).map(|m| maintenance(&r, status, m)).collect(),
            upcoming: status.maintenances_in(Phase::Scheduled).map(|m| maintenance(&r, status, m)).collect(),
            history,
            first_day,
            last_day,
            api_url: site.config.base_url.href("status/api/v2/summary.json"),
            api_files: ["status.json", "components.json", "incidents.json", "incidents/unresolved.json"]
                .into_iter()
                .map(|name| ApiFileView { name, url: site.config.base_url.href(&format!("status/api/v2/{name}")) })
                .collect(),
            feed_url: site.config.base_url.href("status/feed.xml"),
            json_feed_url: site.config.base_url.href(crate::status::model::JSON_FEED_PATH),
            measured_at: status.measured_at.map(TimeView::of),
            unknown: status.unknown().map(|c| c.name.as_str()).collect(),
            health_url: status.measured_at.map(|_| site.config.base_url.href(crate::status::health::file::SITE_PATH)),
        })
    }
}
