//! `status/health.json`: the record of the measured health, written by every build of a
//! status page with checks, and read back by the next build: `--offline` builds and
//! builds whose server fails take their values from it (its current values only while
//! `[status] stale-after` allows), measuring builds the days the server gives no value
//! for, the last time a component had data and since when it has been unknown.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{ComponentHealth, Health, Level, WINDOW_DAYS, first_day};
use crate::config::StatusConfig;
use crate::dates::{Date, Timestamp};

/// The site path of the file in the output.
pub(crate) const SITE_PATH: &str = "status/health.json";

/// The version of the file's shape.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRecord {
    version: u32,
    measured_at: String,
    components: Vec<ComponentRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentRecord {
    id: String,
    level: String,
    since: Option<String>,
    last_data_at: Option<String>,
    checks: Vec<CheckRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRecord {
    name: String,
    value: Option<f64>,
    unit: Option<String>,
    level: String,
    green: String,
    orange: Option<String>,
    series: Vec<PointRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PointRecord {
    date: String,
    value: Option<f64>,
    level: String,
}

/// The text of `status/health.json` for `health`.
pub(crate) fn health_json(health: &Health, status: &StatusConfig) -> String {
    let first = first_day(health.measured_at);
    let components = health
        .components
        .iter()
        .map(|c| {
            let config = status.components.iter().find(|k| k.id == c.id);
            ComponentRecord {
                id: c.id.clone(),
                level: c.level.name().to_string(),
                since: c.since.map(Timestamp::rfc3339),
                last_data_at: c.last_data_at.map(Timestamp::rfc3339),
                checks: c
                    .checks
                    .iter()
                    .enumerate()
                    .map(|(n, check)| {
                        let spec = config.and_then(|k| k.checks.get(n));
                        CheckRecord {
                            name: check.name.clone(),
                            value: check.value,
                            unit: check.unit.clone(),
                            level: check.level.name().to_string(),
                            green: check.green.clone(),
                            orange: check.orange.clone(),
                            series: check
                                .series
                                .iter()
                                .enumerate()
                                .map(|(d, &value)| PointRecord {
                                    date: first.add_days(d as i64).to_string(),
                                    value,
                                    level: spec
                                        .map_or(super::Level::Unknown, |s| super::Level::of(s, value))
                                        .name()
                                        .to_string(),
                                })
                                .collect(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let record = FileRecord { version: VERSION, measured_at: health.measured_at.rfc3339(), components };
    let mut text = serde_json::to_string_pretty(&record).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// What a health.json read back holds, checked.
#[derive(Debug)]
pub(crate) struct Recorded {
    /// When it was measured.
    pub(crate) measured_at: Timestamp,
    components: Vec<RecordedComponent>,
}

/// A component of a health.json read back.
#[derive(Debug)]
pub(crate) struct RecordedComponent {
    id: String,
    /// Its level then, when the file names one of the four.
    pub(crate) level: Option<super::Level>,
    /// When it came to that level.
    pub(crate) since: Option<Timestamp>,
    /// The last time it had data.
    pub(crate) last_data_at: Option<Timestamp>,
    /// Its checks: name, and value by date.
    checks: Vec<RecordedCheck>,
}

/// A recorded check: its name, its values by date, and its last value.
type RecordedCheck = (String, BTreeMap<Date, Option<f64>>, Option<f64>);

impl Recorded {
    /// Its record of component `id`.
    pub(crate) fn component(&self, id: &str) -> Option<&RecordedComponent> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The values it holds, as the client gives them ([`super::prometheus::Values`]),
    /// on the days of the window that ends on the day it was measured (today's: the
    /// value it had then).
    pub(crate) fn values_for(&self, status: &StatusConfig, _now: Timestamp) -> super::prometheus::Values {
        let first = first_day(self.measured_at);
        status
            .components
            .iter()
            .map(|component| {
                let recorded = self.component(&component.id);
                component
                    .checks
                    .iter()
                    .map(|check| {
                        let found = recorded.and_then(|r| r.checks.iter().find(|(name, ..)| *name == check.name));
                        let mut series: Vec<Option<f64>> = (0..WINDOW_DAYS)
                            .map(|d| {
                                found.and_then(|(_, by_date, _)| by_date.get(&first.add_days(d)).copied().flatten())
                            })
                            .collect();
                        if let Some(last) = series.last_mut() {
                            *last = found.and_then(|(.., value)| *value);
                        }
                        series
                    })
                    .collect()
            })
            .collect()
    }
}

impl Recorded {
    /// Fills the days before today that the server gave no value for in `values` (the
    /// window that ends on `now`'s day) with the values it holds for those dates: what
    /// was measured once stays, whatever the server still keeps.
    pub(crate) fn fill_past_days(&self, status: &StatusConfig, now: Timestamp, values: &mut super::prometheus::Values) {
        let first = first_day(now);
        for (component, series) in status.components.iter().zip(values.iter_mut()) {
            let Some(recorded) = self.component(&component.id) else { continue };
            for (check, series) in component.checks.iter().zip(series.iter_mut()) {
                let Some((_, by_date, _)) = recorded.checks.iter().find(|(name, ..)| *name == check.name) else {
                    continue;
                };
                let past = series.len().saturating_sub(1);
                for (d, value) in series.iter_mut().take(past).enumerate() {
                    if value.is_none() {
                        *value = by_date.get(&first.add_days(d as i64)).copied().flatten();
                    }
                }
            }
        }
    }
}

/// Reads the health.json at `path` (the output folder's `status/health.json`), built
/// before `now`: `Ok(None)` when there is none, `Err` with why it cannot be used.
pub(crate) fn read(path: &crate::fs::Confined, now: Timestamp) -> Result<Option<Recorded>, String> {
    match std::fs::symlink_metadata(path.path()) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
        Ok(meta) if !meta.is_file() => return Err("it is not a regular file".to_string()),
        Ok(_) => {}
    }
    let text = crate::fs::read_text(path, crate::fs::FileKind::Config).map_err(|e| e.to_string())?;
    let record: FileRecord = serde_json::from_str(&text)
        .map_err(|e| format!("it is not opsbook's health.json ({})", e.classify_description()))?;
    if record.version != VERSION {
        return Err(format!("its version is {}, not {VERSION}", record.version));
    }
    let time = |text: &str, what: &str| -> Result<Timestamp, String> {
        let t = Timestamp::parse(text)
            .filter(|t| t.seconds() >= crate::dates::MIN_SECONDS)
            .ok_or_else(|| format!("its {what} is not a time"))?;
        if t > now {
            return Err(format!("its {what} ({}) is after the build's now ({})", t.rfc3339(), now.rfc3339()));
        }
        Ok(t)
    };
    let measured_at = time(&record.measured_at, "measured_at")?;
    let mut components = Vec::new();
    for c in record.components {
        let last_data_at = c.last_data_at.as_deref().map(|t| time(t, "last_data_at")).transpose()?;
        let since = c.since.as_deref().map(|t| time(t, "since")).transpose()?;
        let level = [Level::Green, Level::Unknown, Level::Orange, Level::Red].into_iter().find(|l| l.name() == c.level);
        let mut checks = Vec::new();
        for check in c.checks {
            let finite = |v: Option<f64>| v.filter(|v| v.is_finite());
            let mut by_date = BTreeMap::new();
            for point in check.series {
                let date = Date::parse(&point.date).ok_or("a date of a series is not a date")?;
                by_date.insert(date, finite(point.value));
            }
            checks.push((check.name, by_date, finite(check.value)));
        }
        components.push(RecordedComponent { id: c.id, level, since, last_data_at, checks });
    }
    Ok(Some(Recorded { measured_at, components }))
}

impl ComponentHealth {
    /// "No data since ...": the last time it had data, when it has none now.
    pub(crate) fn no_data_since(&self) -> Option<Timestamp> {
        (self.level == Level::Unknown).then_some(self.last_data_at).flatten()
    }
}

trait Classify {
    fn classify_description(&self) -> String;
}

impl Classify for serde_json::Error {
    /// The kind of mistake and where, without what the file says.
    fn classify_description(&self) -> String {
        let kind = match self.classify() {
            serde_json::error::Category::Io => "unreadable",
            serde_json::error::Category::Syntax => "not JSON",
            serde_json::error::Category::Data => "another shape",
            serde_json::error::Category::Eof => "cut short",
        };
        format!("{kind} at line {} column {}", self.line(), self.column())
    }
}
