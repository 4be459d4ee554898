//! Measured events: what the checks say of a component, as an incident for the outputs
//! whose readers know components' states only from incidents (the SCS export, whose web
//! client colours a component by the severities of the impacts that affect it).
//!
//! A component whose state comes from its checks (no incident or maintenance names it)
//! and is not green has one: orange and unknown as `degraded_performance`, red as
//! `partial_outage`, the states the page gives them. It began when the component came
//! to its level (`since`), else at the measurement; its id is made of the component,
//! the level and that moment, so the same measurement gives the same event in every
//! build, and a new level a new event.

use super::state::ComponentStatus;
use super::{ComponentState, Status};
use crate::dates::Timestamp;
use crate::status::health::Level;

/// What the checks say of one component that is not green.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MeasuredEvent {
    /// The component, an index into [`Status::components`].
    pub(crate) component: usize,
    /// Its id, stable across builds (`measured:<component>:<level>:<since>`).
    pub(crate) id: String,
    /// The state it gives the component.
    pub(crate) state: ComponentStatus,
    /// When the component came to this level.
    pub(crate) began: Timestamp,
    /// Its title: the component and what is measured ("CDN: measured degraded performance").
    pub(crate) title: String,
    /// What was measured, or that the measurement is missing, in a sentence or two.
    pub(crate) description: String,
}

impl Status {
    /// The measured events of the components whose state comes from their checks and
    /// is not green, in the order of the components.
    pub(crate) fn measured_events(&self) -> Vec<MeasuredEvent> {
        let fallback = self.measured_at.unwrap_or(self.now);
        self.components
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.named)
            .filter_map(|(i, c)| {
                let health = c.health.as_ref()?;
                if health.level == Level::Green {
                    return None;
                }
                let began = health.since.unwrap_or(fallback).min(self.now);
                Some(MeasuredEvent {
                    component: i,
                    id: format!("measured:{}:{}:{}", c.id, health.level.name(), began.rfc3339()),
                    state: c.status,
                    began,
                    title: title(c, health.level),
                    description: description(c, health, fallback),
                })
            })
            .collect()
    }
}

fn title(component: &ComponentState, level: Level) -> String {
    match level {
        Level::Unknown => format!("{}: status unknown, no measurements", component.name),
        _ => format!("{}: measured {}", component.name, component.status.label().to_lowercase()),
    }
}

/// The checks that are not green with their values and thresholds, or, for an unknown
/// component, that they have no value and since when data is missing.
fn description(component: &ComponentState, health: &crate::status::health::ComponentHealth, at: Timestamp) -> String {
    let checks: Vec<String> = health
        .checks
        .iter()
        .filter(|c| c.level != Level::Green)
        .map(|c| match c.value_text(".") {
            Some(value) => format!("{} {value} is {} (good at {})", c.name, c.level.words(), c.green),
            None => format!("{} has no value", c.name),
        })
        .collect();
    match health.level {
        Level::Unknown => {
            let last = match health.last_data_at {
                Some(last) => format!("The last data is of {}.", last.rfc3339()),
                None => "No data in the last 90 days.".to_string(),
            };
            format!(
                "The measurement of {} is missing, so its state is unknown: at {}, {}. {last}",
                component.name,
                at.rfc3339(),
                checks.join("; ")
            )
        }
        _ => format!("Measured at {}: {}.", at.rfc3339(), checks.join("; ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::health::{CheckHealth, ComponentHealth};
    use crate::status::model::uptime::Uptime;

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).expect("a time")
    }

    fn check(name: &str, value: Option<f64>, level: Level) -> CheckHealth {
        CheckHealth {
            name: name.into(),
            value,
            level,
            green: ">= 0.99".into(),
            orange: Some(">= 0.95".into()),
            unit: None,
            series: vec![value],
        }
    }

    fn component(id: &str, level: Level, checks: Vec<CheckHealth>, named: bool) -> ComponentState {
        let status = match level {
            Level::Green => ComponentStatus::Operational,
            Level::Red => ComponentStatus::PartialOutage,
            _ => ComponentStatus::DegradedPerformance,
        };
        ComponentState {
            id: id.into(),
            name: id.to_uppercase(),
            description: None,
            group: None,
            status,
            updated_at: None,
            uptime: Uptime { days: Vec::new(), percent: None },
            health: Some(ComponentHealth {
                id: id.into(),
                level,
                since: Some(at("2026-11-14T00:00:00Z")),
                last_data_at: None,
                checks,
                days: vec![level],
            }),
            named,
        }
    }

    fn status(components: Vec<ComponentState>) -> Status {
        Status {
            title: "S".into(),
            page_id: "p".into(),
            now: at("2026-11-15T12:00:00Z"),
            components,
            groups: Vec::new(),
            incidents: Vec::new(),
            maintenances: Vec::new(),
            overall: super::super::state::overall(&[], &[], false),
            related: Default::default(),
            measured_at: Some(at("2026-11-15T12:00:00Z")),
        }
    }

    #[test]
    fn makes_one_event_per_measured_component_that_is_not_green() {
        let status = status(vec![
            component("api", Level::Red, vec![check("Probes", Some(0.75), Level::Red)], false),
            component("dns", Level::Green, vec![check("Probes", Some(1.0), Level::Green)], false),
            component("cdn", Level::Unknown, vec![check("Probes", None, Level::Unknown)], false),
            component("db", Level::Red, vec![check("Probes", Some(0.5), Level::Red)], true),
        ]);
        let events = status.measured_events();
        let shown: Vec<(usize, ComponentStatus)> = events.iter().map(|e| (e.component, e.state)).collect();
        assert_eq!(shown, [(0, ComponentStatus::PartialOutage), (2, ComponentStatus::DegradedPerformance)]);
        assert_eq!(events[0].id, "measured:api:red:2026-11-14T00:00:00Z");
        assert_eq!(events[0].began, at("2026-11-14T00:00:00Z"));
        assert_eq!(events[0].title, "API: measured partial outage");
        assert!(
            events[0].description.contains("Probes 0.75 is Failing (good at >= 0.99)"),
            "{}",
            events[0].description
        );
        assert_eq!(events[1].title, "CDN: status unknown, no measurements");
        assert!(events[1].description.contains("Probes has no value"), "{}", events[1].description);
        assert!(events[1].description.contains("is missing"), "{}", events[1].description);
        assert_eq!(status.measured_events(), events, "the same input, the same events");
    }
}
