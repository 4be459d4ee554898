//! Measured health: the status page's checks (`[status]` components' `checks`, read by
//! `config::checks`), evaluated against a server of the Prometheus HTTP API at the
//! build's "now", and `status/health.json`, their record. This module is the one home
//! of both: the pipeline calls [`measure`] once, after the configuration, and the
//! status model (`status::model`) folds the result into the components' states; the
//! writer of `status/health.json` calls [`file::health_json`].
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod file;
mod prometheus;

use std::time::Duration;

use crate::config::{Check, StatusConfig};
use crate::dates::{Date, Timestamp};
use crate::diagnostic::Diagnostic;

/// The days of the window the checks' series cover: the uptime bars'.
pub(crate) const WINDOW_DAYS: i64 = 90;

/// How healthy a check or component is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Level {
    /// Within the green threshold.
    Green,
    /// No value: no data, or the server could not say.
    Unknown,
    /// Within the orange threshold only.
    Orange,
    /// Neither.
    Red,
}

impl Level {
    /// Its name in `health.json` and the classes of the page.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Level::Green => "green",
            Level::Unknown => "unknown",
            Level::Orange => "orange",
            Level::Red => "red",
        }
    }

    /// In words, for people: what it means for the service.
    pub(crate) fn words(self) -> &'static str {
        match self {
            Level::Green => "Good",
            Level::Unknown => "No data",
            Level::Orange => "Degraded",
            Level::Red => "Failing",
        }
    }

    /// The level of `value` by `check`'s thresholds (step 2).
    pub(crate) fn of(check: &Check, value: Option<f64>) -> Level {
        match value {
            None => Level::Unknown,
            Some(v) if check.green.holds(v) => Level::Green,
            Some(v) if check.orange.as_ref().is_some_and(|o| o.holds(v)) => Level::Orange,
            Some(_) => Level::Red,
        }
    }

    /// The level of a component from its checks' (step 3).
    pub(crate) fn worst(levels: impl IntoIterator<Item = Level>) -> Level {
        levels.into_iter().max().unwrap_or(Level::Unknown)
    }
}

/// The measured health of the measured components.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Health {
    /// When the values were measured: the build's now, or the last health.json's.
    pub(crate) measured_at: Timestamp,
    /// Where they come from.
    pub(crate) source: Source,
    /// Each component with checks, in the order of `[status] components`.
    pub(crate) components: Vec<ComponentHealth>,
}

/// Where a [`Health`] comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// Measured by this build.
    Measured,
    /// Read from the last build's health.json (`--offline`).
    LastBuild,
    /// Nothing: the server failed, or there was no health.json to read.
    Nothing,
}

/// A measured component.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ComponentHealth {
    /// Its id in `[status]`.
    pub(crate) id: String,
    /// The worst of its checks' levels.
    pub(crate) level: Level,
    /// When it came to this level (step 6), when known.
    pub(crate) since: Option<Timestamp>,
    /// The last time it had data, when known.
    pub(crate) last_data_at: Option<Timestamp>,
    /// Its checks, in the order written.
    pub(crate) checks: Vec<CheckHealth>,
    /// Its level on each day of the window, oldest first (today last).
    pub(crate) days: Vec<Level>,
}

/// A measured check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckHealth {
    /// Its name.
    pub(crate) name: String,
    /// Its value now.
    pub(crate) value: Option<f64>,
    /// Its level now.
    pub(crate) level: Level,
    /// `green` as written, for people (`>= 0.99`).
    pub(crate) green: String,
    /// `orange`, when set.
    pub(crate) orange: Option<String>,
    /// The unit of the values.
    pub(crate) unit: Option<String>,
    /// Its value at the end of each day of the window, oldest first; today's is the
    /// value now.
    pub(crate) series: Vec<Option<f64>>,
}

/// How a build gets the checks' values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// From the server.
    Measure,
    /// From the last build's health.json.
    Offline,
}

/// What [`measure`] gives: the health and the diagnostics.
pub(crate) struct Measured {
    /// The health.
    pub(crate) health: Health,
    /// Rejected queries (errors) and an unavailable server (a warning).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// The first day of the window that ends on `now`'s day.
pub(crate) fn first_day(now: Timestamp) -> Date {
    now.date().add_days(1 - WINDOW_DAYS)
}

/// Measures the checks of `status` at `now` (see the module's steps), or reads them
/// from `previous` (the last build's health.json, already read) with `Mode::Offline`;
/// `checking` for `opsbook check`, where a query's execution error stays an error.
/// `None` when no component has checks.
pub(crate) fn measure(
    status: &StatusConfig,
    now: Timestamp,
    mode: Mode,
    previous: Result<Option<file::Recorded>, String>,
    shown_previous: &str,
    checking: bool,
) -> Option<Measured> {
    if !status.is_measured() {
        return None;
    }
    let mut diagnostics = Vec::new();
    let (previous, unreadable) = match previous {
        Ok(previous) => (previous, None),
        Err(why) => (None, Some(why)),
    };
    let failure = match (mode, &status.prometheus) {
        (Mode::Measure, Some(server)) => {
            let timeout = Duration::from_secs(status.timeout_seconds);
            let (mut values, problems) = prometheus::query_checks(server, status, now, timeout, checking);
            diagnostics.extend(problems.diagnostics);
            match problems.server_failure {
                Some(why) => Some(format!("the Prometheus server {server} {why}")),
                None => {
                    if let Some(recorded) = previous.as_ref() {
                        recorded.fill_past_days(status, now, &mut values);
                    }
                    let health = health_of(status, Some(&values), now, Source::Measured, false, previous.as_ref());
                    return finish(health, diagnostics, unreadable, mode, shown_previous);
                }
            }
        }
        _ => None,
    };
    let stale_after = i64::try_from(status.stale_after_seconds).unwrap_or(i64::MAX);
    let health = match previous.as_ref() {
        Some(recorded) => {
            // The last measurement stands in while it is recent; its history always.
            let stale = now.seconds() - recorded.measured_at.seconds() > stale_after;
            let offline = (stale && failure.is_none()).then(|| "the build measures nothing offline".to_string());
            if let Some(why) = failure.or(offline) {
                let kept = match stale {
                    true => format!(
                        "the last measurement, of {}, is too old to stand in: every measured component of the status page is unknown",
                        recorded.measured_at.rfc3339()
                    ),
                    false => {
                        format!("the status page shows the last measurement, of {}", recorded.measured_at.rfc3339())
                    }
                };
                diagnostics.push(unavailable(format!("{why}: {kept}")));
            }
            let values = recorded.values_for(status, now);
            health_of(status, Some(&values), recorded.measured_at, Source::LastBuild, stale, previous.as_ref())
        }
        None => {
            let why = failure.unwrap_or_else(|| {
                let why = unreadable.clone().map_or_else(
                    || format!("there is no {shown_previous} of an earlier build"),
                    |why| format!("{shown_previous} of the last build cannot be used: {why}"),
                );
                format!("the build measures nothing offline and {why}")
            });
            diagnostics.push(unavailable(format!("{why}: every measured component of the status page is unknown")));
            health_of(status, None, now, Source::Nothing, false, None)
        }
    };
    finish(health, diagnostics, unreadable, mode, shown_previous)
}

/// The health of the measured components from their checks' `values`, measured at
/// `measured_at`; every component unknown when `stale`.
fn health_of(
    status: &StatusConfig,
    values: Option<&prometheus::Values>,
    measured_at: Timestamp,
    source: Source,
    stale: bool,
    previous: Option<&file::Recorded>,
) -> Health {
    let components = status
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.checks.is_empty())
        .map(|(i, component)| {
            let series = values.map(|v| v[i].as_slice());
            let earlier = previous.and_then(|p| p.component(&component.id));
            let mut health = component_health(component, series, measured_at, earlier);
            if stale && health.level != Level::Unknown {
                health.level = Level::Unknown;
                health.since = Some(measured_at);
            }
            health
        })
        .collect();
    Health { measured_at, source, components }
}

/// [`Measured`] of `health`, with a note when a measuring build could not read the
/// last health.json.
fn finish(
    health: Health,
    mut diagnostics: Vec<Diagnostic>,
    unreadable: Option<String>,
    mode: Mode,
    shown_previous: &str,
) -> Option<Measured> {
    if let (Some(why), Mode::Measure) = (unreadable, mode) {
        // Only "no data since" reads it in a measuring build: a note is enough.
        diagnostics.push(
            unavailable(format!("{shown_previous} of the last build is not used: {why}"))
                .with_severity(crate::diagnostic::Severity::Note),
        );
    }
    Some(Measured { health, diagnostics })
}

/// The `health-unavailable` warning, at `book.toml`.
fn unavailable(message: String) -> Diagnostic {
    Diagnostic::error(crate::diagnostic::Rule::HealthUnavailable, crate::config::CONFIG_FILE, 0, 0, message)
        .with_severity(crate::diagnostic::Severity::Warning)
}

/// A component's health from its checks' series (each [`WINDOW_DAYS`] values, today's
/// last), or unknown without them; `earlier` is its record in the last health.json.
fn component_health(
    component: &crate::config::StatusComponent,
    series: Option<&[Vec<Option<f64>>]>,
    measured_at: Timestamp,
    earlier: Option<&file::RecordedComponent>,
) -> ComponentHealth {
    let empty = vec![None; WINDOW_DAYS as usize];
    let checks: Vec<CheckHealth> = component
        .checks
        .iter()
        .enumerate()
        .map(|(n, check)| {
            let series = series.and_then(|s| s.get(n)).cloned().unwrap_or_else(|| empty.clone());
            let value = series.last().copied().flatten();
            CheckHealth {
                name: check.name.clone(),
                value,
                level: Level::of(check, value),
                green: check.green.to_string(),
                orange: check.orange.as_ref().map(ToString::to_string),
                unit: check.unit.clone(),
                series,
            }
        })
        .collect();
    let days: Vec<Level> = (0..WINDOW_DAYS as usize)
        .map(|d| Level::worst(component.checks.iter().zip(&checks).map(|(check, h)| Level::of(check, h.series[d]))))
        .collect();
    let level = Level::worst(checks.iter().map(|c| c.level));
    let first = first_day(measured_at);
    let run = days.iter().rev().take_while(|&&l| l == level).count().max(1);
    let start = Timestamp::from_seconds(first.add_days(WINDOW_DAYS - run as i64).days() * 86_400);
    // Unknown since the last health.json said so, else since its run of days began: the
    // same input gives the same time, which the feeds' entries are named and dated by.
    let since = match earlier.filter(|e| e.level == Some(level)).and_then(|e| e.since) {
        Some(since) if level == Level::Unknown => Some(since),
        _ => Some(start),
    };
    let last_data_at = if level == Level::Unknown { earlier.and_then(|e| e.last_data_at) } else { Some(measured_at) };
    ComponentHealth { id: component.id.clone(), level, since, last_data_at, checks, days }
}

/// A value for people: four significant digits at most, trailing zeros left out, then
/// the unit (`0.9987`, `12.35 s`, `99.5%`).
pub(crate) fn value_text(value: f64, unit: Option<&str>) -> String {
    value_text_in(value, unit, ".")
}

/// [`value_text`] with `decimal` for the decimal point (`,` for a German reader).
pub(crate) fn value_text_in(value: f64, unit: Option<&str>, decimal: &str) -> String {
    with_unit(&digits(value, 4), unit, decimal)
}

impl CheckHealth {
    /// Its value for people ([`value_text_in`]), with as many more digits as it takes
    /// for the value shown to meet its thresholds as the value measured does: never
    /// "0.99" for 0.98996 when green is `>= 0.99`.
    pub(crate) fn value_text(&self, decimal: &str) -> Option<String> {
        let value = self.value?;
        let thresholds: Vec<crate::config::Threshold> = std::iter::once(self.green.as_str())
            .chain(self.orange.as_deref())
            .filter_map(|t| crate::config::Threshold::parse(t).ok())
            .collect();
        let same = |text: &str| {
            let shown: f64 = text.parse().unwrap_or(f64::NAN);
            thresholds.iter().all(|t| t.holds(shown) == t.holds(value))
        };
        // 17 significant digits tell every f64 from its neighbours.
        let text = (4..=17).map(|n| digits(value, n)).find(|text| same(text)).unwrap_or_else(|| value.to_string());
        Some(with_unit(&text, self.unit.as_deref(), decimal))
    }
}

/// `value` with `significant` significant digits at most (no more than six decimals
/// for the first four), trailing zeros left out.
fn digits(value: f64, significant: i32) -> String {
    let magnitude = if value == 0.0 { 0 } else { value.abs().log10().floor() as i32 };
    let decimals = (significant - 1 - magnitude).clamp(0, significant + 2) as usize;
    let mut text = format!("{value:.decimals$}");
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if text == "-0" {
        text = "0".to_string();
    }
    text
}

/// `number` with `decimal` for its decimal point, then `unit`.
fn with_unit(number: &str, unit: Option<&str>, decimal: &str) -> String {
    let text = if decimal == "." { number.to_string() } else { number.replace('.', decimal) };
    match unit {
        Some("%") => format!("{text}%"),
        Some(unit) => format!("{text} {unit}"),
        None => text,
    }
}

#[cfg(test)]
mod tests;
