//! Reading the status model from the pages (the steps are in the parent module's doc).

use std::collections::BTreeMap;

use super::state::{ComponentStatus, Impact, UNKNOWN_STATE, overall_with_unknown};
use super::uptime::{Cause, Span, uptime};
use super::{ComponentState, Group, Incident, Maintenance, Phase, Status, Update, stable_id};
use crate::config::{Panel, StatusConfig, rca_state};
use crate::content::kinds::KindValues;
use crate::content::{Located, Node};
use crate::dates::Timestamp;
use crate::diagnostic::{Diagnostic, Rule};
use crate::markdown::links::{LinkResolver, Resolution};
use crate::site::{PageId, Site};
use crate::status::health::{ComponentHealth, Level};

/// The status model of `site`, when it has a `[status]` table. A broken `rca` link
/// or an unknown component id on another page is a diagnostic at the field.
pub(crate) fn collect_status(site: &Site, diagnostics: &mut Vec<Diagnostic>) -> Option<Status> {
    let config = site.config.status.as_ref()?;
    let now = site.now;
    let index_of = |id: &str| config.components.iter().position(|c| c.id == id);
    let panel_of = |id: PageId| site.config.kinds.get(&site.pages[id].kind).map(|kind| kind.panel);

    let mut incidents: Vec<Incident> = Vec::new();
    let mut maintenances: Vec<Maintenance> = Vec::new();
    for id in (0..site.pages.len()).filter(|&id| site.in_model(id)) {
        match panel_of(id) {
            Some(Panel::StatusIncident) if site.pages[id].origin.has_file() => {
                incidents.push(read_incident(site, id, &index_of, diagnostics));
                super::update_text::check_update_links(site, id, diagnostics);
            }
            Some(Panel::Maintenance) if site.pages[id].origin.has_file() => {
                maintenances.push(read_maintenance(site, id, &index_of));
                super::update_text::check_update_links(site, id, diagnostics);
            }
            _ => {}
        }
    }
    let file = |id: PageId| site.pages[id].source.file.as_str();
    incidents.sort_by(|a, b| b.started_at.cmp(&a.started_at).then_with(|| file(a.page).cmp(file(b.page))));
    maintenances.sort_by(|a, b| a.scheduled_for.cmp(&b.scheduled_for).then_with(|| file(a.page).cmp(file(b.page))));

    // The spans of each component, and its state now.
    let mut spans: Vec<Vec<Span>> = vec![Vec::new(); config.components.len()];
    let mut states = vec![ComponentStatus::Operational; config.components.len()];
    for (n, incident) in incidents.iter().enumerate() {
        let end = incident.resolved_at.map_or(now.seconds(), Timestamp::seconds);
        let started = incident.started_at <= now;
        for &(component, state) in &incident.components {
            spans[component].push(Span { start: incident.started_at.seconds(), end, state, cause: Cause::Incident(n) });
            if incident.is_unresolved() && started {
                states[component] = states[component].max(state);
            }
        }
    }
    for (n, maintenance) in maintenances.iter().enumerate() {
        for &component in &maintenance.components {
            let (start, end) = (maintenance.scheduled_for.seconds(), maintenance.scheduled_until.seconds());
            let state = ComponentStatus::UnderMaintenance;
            spans[component].push(Span { start, end, state, cause: Cause::Maintenance(n) });
            if maintenance.phase == Phase::InProgress {
                states[component] = states[component].max(state);
            }
        }
    }

    // What the checks measure, where no incident or maintenance names the component.
    let health = site.health().map(|h| &**h);
    let measured: Vec<Option<&ComponentHealth>> =
        config.components.iter().map(|c| health.and_then(|h| h.components.iter().find(|m| m.id == c.id))).collect();
    let named: Vec<bool> = states.iter().map(|&s| s != ComponentStatus::Operational).collect();
    let first = crate::status::health::first_day(health.map_or(now, |h| h.measured_at));
    for (i, measured) in measured.iter().enumerate() {
        let Some(measured) = measured else { continue };
        if !named[i] {
            states[i] = measured_state(measured.level);
        }
        for (d, &level) in measured.days.iter().enumerate() {
            let state = measured_state(level);
            if level != Level::Unknown && state != ComponentStatus::Operational {
                let start = first.add_days(d as i64).days() * 86_400;
                spans[i].push(Span { start, end: start + 86_400, state, cause: Cause::Measured });
            }
        }
    }
    let (mut components, groups) = components_and_groups(config, &states, &spans, now);
    for (i, component) in components.iter_mut().enumerate() {
        component.named = named[i];
        component.health = measured[i].cloned();
        if let Some(measured) = measured[i] {
            for day in &mut component.uptime.days {
                let d = first.days_until(day.date);
                day.measured = usize::try_from(d).ok().and_then(|d| measured.days.get(d)).copied();
            }
            component.uptime.leave_out_unknown_days();
        }
    }
    let impacts: Vec<Impact> =
        incidents.iter().filter(|i| i.is_unresolved() && i.started_at <= now).map(|i| i.impact).collect();
    let maintenance_now = maintenances.iter().any(|m| m.phase == Phase::InProgress);
    let known: Vec<ComponentStatus> =
        components.iter().zip(&states).filter(|(c, _)| !c.is_unknown()).map(|(_, &s)| s).collect();
    let unknown = components.iter().filter(|c| c.is_unknown()).count();
    let overall = overall_with_unknown(&known, unknown, &impacts, maintenance_now);
    let related = related_pages(site, config, &incidents, &maintenances, diagnostics);
    let title = config.title.clone().unwrap_or_else(|| format!("{} status", site.config.title));
    // The published address, else the title and base path: kept while the handbook is.
    let base = &site.config.base_url;
    let page_id = stable_id(&base.absolute("").unwrap_or_else(|| format!("{}:{}", site.config.title, base.href(""))));
    let measured_at = health.map(|h| h.measured_at);
    Some(Status { title, page_id, now, components, groups, incidents, maintenances, overall, related, measured_at })
}

/// The state a measured level gives a component no incident or maintenance names.
fn measured_state(level: Level) -> ComponentStatus {
    match level {
        Level::Green => ComponentStatus::Operational,
        Level::Unknown => UNKNOWN_STATE,
        Level::Orange => ComponentStatus::DegradedPerformance,
        Level::Red => ComponentStatus::PartialOutage,
    }
}

fn components_and_groups(
    config: &StatusConfig,
    states: &[ComponentStatus],
    spans: &[Vec<Span>],
    now: Timestamp,
) -> (Vec<ComponentState>, Vec<Group>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut components = Vec::new();
    for (i, component) in config.components.iter().enumerate() {
        let group = component.group.as_ref().map(|name| match groups.iter().position(|g| &g.name == name) {
            Some(at) => at,
            None => {
                let id = stable_id(&format!("group:{name}"));
                let status = ComponentStatus::Operational;
                groups.push(Group { id, name: name.clone(), components: Vec::new(), status });
                groups.len() - 1
            }
        });
        if let Some(at) = group {
            groups[at].components.push(i);
            groups[at].status = groups[at].status.max(states[i]);
        }
        // A span of an unresolved incident ends at now: that is no change.
        let ends = spans[i].iter().map(|s| s.end).filter(|&t| t < now.seconds());
        let changes = spans[i].iter().map(|s| s.start).chain(ends).filter(|&t| t <= now.seconds());
        components.push(ComponentState {
            id: component.id.clone(),
            name: component.name.clone(),
            description: component.description.clone(),
            group,
            status: states[i],
            updated_at: changes.max().map(Timestamp::from_seconds),
            uptime: uptime(&spans[i], now),
            health: None,
            named: false,
        });
    }
    (components, groups)
}

/// The updates of a page, newest first; ids from the page and the update's place as
/// written, so they stay while the text is edited.
pub(super) fn read_updates(site: &Site, id: PageId, values: &KindValues, default_status: &str) -> Vec<Update> {
    let path = &site.pages[id].source.path;
    let mut updates: Vec<Update> = Vec::new();
    for record in values.records("updates") {
        let Some(at) = record.timestamp("at") else { continue };
        // By its time, so editing or reordering updates keeps their ids; a second
        // update at the same moment is told apart by how many came before it.
        let same = updates.iter().filter(|u| u.at == at).count();
        let key = if same == 0 {
            format!("update:{path}:{}", at.seconds())
        } else {
            format!("update:{path}:{}:{same}", at.seconds())
        };
        updates.push(Update {
            id: stable_id(&key),
            at,
            status: record.text("status").unwrap_or(default_status).to_string(),
            text: record.text("text").unwrap_or_default().to_string(),
        });
    }
    updates.sort_by_key(|u| std::cmp::Reverse(u.at));
    updates
}

fn read_incident(
    site: &Site,
    id: PageId,
    index_of: &dyn Fn(&str) -> Option<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Incident {
    let page = &site.pages[id];
    let values = &page.values;
    let written = values.text("status").unwrap_or("investigating");
    let components: Vec<(usize, ComponentStatus)> = values
        .mapping("components")
        .iter()
        .filter_map(|(name, state)| Some((index_of(name)?, ComponentStatus::parse(state)?)))
        .collect();
    let impact = values
        .text("impact")
        .and_then(Impact::parse)
        .unwrap_or_else(|| components.iter().map(|&(_, state)| state).max().unwrap_or_default().impact());
    let started_at = values.timestamp("started_at").unwrap_or(site.now);
    let resolved_at = values.timestamp("resolved_at");
    let updates = read_updates(site, id, values, written);
    let rca = review_of(site, id, diagnostics);
    let final_review =
        rca.is_some_and(|review| rca_state(site.pages[review].values.text("status").unwrap_or("")) == Some("final"));
    let status = if final_review {
        "postmortem"
    } else {
        crate::config::INCIDENT_STATUSES.iter().copied().find(|s| *s == written).unwrap_or("investigating")
    };
    let monitoring_at = updates.iter().filter(|u| u.status == "monitoring").map(|u| u.at).min();
    let updated_at = updates.iter().map(|u| u.at).chain(resolved_at).chain([started_at]).max().unwrap_or(started_at);
    Incident {
        page: id,
        id: stable_id(&format!("incident:{}", page.source.path)),
        status,
        impact,
        started_at,
        resolved_at,
        monitoring_at,
        updated_at,
        components,
        updates,
        rca,
    }
}

/// The incident review page `id`'s `rca` links to, in this build; a link that does not
/// resolve is a `broken-link` error at the field, one to a page left out (internal) is
/// no link.
fn review_of(site: &Site, id: PageId, diagnostics: &mut Vec<Diagnostic>) -> Option<PageId> {
    let page = &site.pages[id];
    let destination = page.values.text("rca")?.trim();
    let field = page.source.front.field("rca")?;
    match site.links().resolve(page.source.dir(), destination) {
        Resolution::Page { id, .. } => Some(id),
        Resolution::Internal { .. } => None,
        Resolution::Broken { message, .. } => {
            let message = format!("front matter field `rca`: {message}");
            diagnostics.push(Diagnostic::error(Rule::BrokenLink, &page.source.file, field.line, field.column, message));
            None
        }
        _ => {
            let message = format!("front matter field `rca` must link to the incident review, found {destination:?}");
            diagnostics.push(Diagnostic::error(Rule::BrokenLink, &page.source.file, field.line, field.column, message));
            None
        }
    }
}

fn read_maintenance(site: &Site, id: PageId, index_of: &dyn Fn(&str) -> Option<usize>) -> Maintenance {
    let page = &site.pages[id];
    let values = &page.values;
    let scheduled_for = values.timestamp("scheduled_for").unwrap_or(site.now);
    let scheduled_until = values.timestamp("scheduled_until").unwrap_or(scheduled_for).max(scheduled_for);
    let phase = if site.now < scheduled_for {
        Phase::Scheduled
    } else if site.now < scheduled_until {
        Phase::InProgress
    } else {
        Phase::Completed
    };
    let updates = read_updates(site, id, values, phase.name());
    let updated_at = updates.iter().map(|u| u.at).max().unwrap_or(scheduled_for).max(scheduled_for);
    Maintenance {
        page: id,
        id: stable_id(&format!("maintenance:{}", page.source.path)),
        phase,
        scheduled_for,
        scheduled_until,
        components: values.list("components").iter().filter_map(|c| index_of(c)).collect(),
        updates,
        updated_at,
    }
}

/// The components each page relates to (see the parent module's step 6).
fn related_pages(
    site: &Site,
    config: &StatusConfig,
    incidents: &[Incident],
    maintenances: &[Maintenance],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<PageId, Vec<usize>> {
    let mut related: BTreeMap<PageId, Vec<usize>> = BTreeMap::new();
    for incident in incidents {
        related.entry(incident.page).or_default().extend(incident.components.iter().map(|&(c, _)| c));
    }
    for maintenance in maintenances {
        related.entry(maintenance.page).or_default().extend(&maintenance.components);
    }
    let ids = config.ids();
    for (id, page) in site.pages.iter().enumerate() {
        let kind = site.config.kinds.get(&page.kind);
        if !page.origin.has_file() || !site.in_model(id) || kind.is_some_and(|k| k.field("components").is_some()) {
            continue;
        }
        let mut found: Vec<usize> = Vec::new();
        if let Some(field) = page.source.front.field("components") {
            for item in list_items(&field.value) {
                match ids.iter().position(|c| *c == item.value) {
                    Some(at) => found.push(at),
                    None => diagnostics.push(Diagnostic::error(
                        Rule::FrontMatterField,
                        &page.source.file,
                        item.line,
                        item.column,
                        format!(
                            "unknown component `{}`; the ids of `[status] components` are: {}",
                            item.value,
                            ids.join(", ")
                        ),
                    )),
                }
            }
        }
        let services =
            page.values.text("service").into_iter().chain(page.values.list("services").iter().map(String::as_str));
        for service in services {
            found.extend(ids.iter().position(|c| c.eq_ignore_ascii_case(service.trim())));
        }
        found.sort_unstable();
        found.dedup();
        if !found.is_empty() {
            related.insert(id, found);
        }
    }
    for components in related.values_mut() {
        components.sort_unstable();
        components.dedup();
    }
    related
}

/// The text items of a list (or the one text) with their places.
fn list_items(node: &Located<Node>) -> Vec<Located<String>> {
    match &node.value {
        Node::List(items) => items.iter().filter_map(|i| i.value.as_text().map(|t| i.with(t))).collect(),
        other => other.as_text().map(|t| node.with(t)).into_iter().collect(),
    }
}
