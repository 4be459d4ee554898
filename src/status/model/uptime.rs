//! The 90-day uptime of a component: one cell per day coloured by the worst state that
//! day, and the share of the window it was up.
//!
//! More: docs/architecture.md, "Notes by module".

use super::state::ComponentStatus;
use crate::dates::{Date, Timestamp};

/// The days of the window.
pub(crate) const WINDOW_DAYS: i64 = 90;

const DAY: i64 = 86_400;

/// What gave a component a state for a while.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    /// The incident of this index in [`super::Status::incidents`].
    Incident(usize),
    /// The maintenance of this index in [`super::Status::maintenances`].
    Maintenance(usize),
    /// The component's checks, measured orange or red that day.
    Measured,
}

/// A stretch of time in one state, in seconds since the epoch (`end` excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// From.
    pub(crate) start: i64,
    /// Until.
    pub(crate) end: i64,
    /// The state.
    pub(crate) state: ComponentStatus,
    /// Why.
    pub(crate) cause: Cause,
}

/// One cell of the bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Day {
    /// The day.
    pub(crate) date: Date,
    /// Its worst state.
    pub(crate) worst: ComponentStatus,
    /// The incidents and maintenances that touched it, in the order of their spans.
    pub(crate) causes: Vec<Cause>,
    /// Its measured level, for a component with checks.
    pub(crate) measured: Option<crate::status::health::Level>,
}

/// A component's bar and uptime.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Uptime {
    /// The days, oldest first.
    pub(crate) days: Vec<Day>,
    /// The share of the window it was up, in percent; `None` when no day is known.
    pub(crate) percent: Option<f64>,
}

impl Day {
    /// Whether nothing is known of the day: its checks measured nothing (or were not
    /// measured then) and no incident or maintenance touched it.
    pub(crate) fn is_unknown(&self) -> bool {
        self.causes.is_empty()
            && !matches!(self.measured, Some(level) if level != crate::status::health::Level::Unknown)
    }
}

impl Uptime {
    /// The percentage with two decimals (`99.95`), when any day is known.
    pub(crate) fn percent_text(&self) -> Option<String> {
        self.percent.map(|p| format!("{p:.2}"))
    }

    /// For a measured component (its days' `measured` set): the share of the known days
    /// it was up, since an unknown day is neither up nor down (step 5).
    pub(crate) fn leave_out_unknown_days(&mut self) {
        let known = self.days.iter().filter(|d| !d.is_unknown()).count();
        // Unknown days have no span, so no downtime: the same downtime over fewer days.
        self.percent = match known {
            0 => None,
            _ => self.percent.map(|p| 100.0 - (100.0 - p) * WINDOW_DAYS as f64 / known as f64),
        };
    }
}

/// The bar and uptime of a component with `spans`, at `now` (see the module's steps).
pub(crate) fn uptime(spans: &[Span], now: Timestamp) -> Uptime {
    let today = now.date();
    let first = today.add_days(1 - WINDOW_DAYS);
    let window_start = first.days() * DAY;
    // Spans clipped to what has happened.
    let spans: Vec<Span> =
        spans.iter().map(|s| Span { end: s.end.min(now.seconds()), ..*s }).filter(|s| s.end > s.start).collect();
    let days = (0..WINDOW_DAYS)
        .map(|i| {
            let date = first.add_days(i);
            let (from, to) = (date.days() * DAY, date.days() * DAY + DAY);
            let touching: Vec<&Span> = spans.iter().filter(|s| s.start < to && s.end > from).collect();
            let worst = touching.iter().map(|s| s.state).max().unwrap_or_default();
            let mut causes: Vec<Cause> = Vec::new();
            for span in touching {
                if !causes.contains(&span.cause) {
                    causes.push(span.cause);
                }
            }
            Day { date, worst, causes, measured: None }
        })
        .collect();
    let down = weighted_downtime(&spans, window_start, window_start + WINDOW_DAYS * DAY);
    let percent = 100.0 * (1.0 - down / (WINDOW_DAYS * DAY) as f64);
    Uptime { days, percent: Some(percent) }
}

/// The seconds of `[from, to)` weighed by the worst state of the spans at each second.
fn weighted_downtime(spans: &[Span], from: i64, to: i64) -> f64 {
    let mut points: Vec<i64> = spans.iter().flat_map(|s| [s.start, s.end]).map(|t| t.clamp(from, to)).collect();
    points.extend([from, to]);
    points.sort_unstable();
    points.dedup();
    points
        .windows(2)
        .map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            let worst = spans.iter().filter(|s| s.start <= a && s.end >= b).map(|s| s.state).max();
            worst.map_or(0.0, |state| state.downtime_weight() * (b - a) as f64)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        Timestamp::parse(text).unwrap().seconds()
    }

    fn span(start: &str, end: &str, state: ComponentStatus, n: usize) -> Span {
        Span { start: at(start), end: at(end), state, cause: Cause::Incident(n) }
    }

    #[test]
    fn weighs_major_outage_fully_and_partial_outage_by_three_tenths() {
        let now = Timestamp::parse("2026-11-15T12:00:00Z").unwrap();
        let major = [span("2026-11-10T00:00:00Z", "2026-11-10T01:00:00Z", ComponentStatus::MajorOutage, 0)];
        // 3600 of 7,776,000 seconds: 99.9537...%.
        assert_eq!(uptime(&major, now).percent_text().as_deref(), Some("99.95"));
        let partial = [span("2026-11-10T00:00:00Z", "2026-11-10T10:00:00Z", ComponentStatus::PartialOutage, 0)];
        // 0.3 × 36,000 = 10,800 seconds: 99.8611...%.
        assert_eq!(uptime(&partial, now).percent_text().as_deref(), Some("99.86"));
        let degraded = [span("2026-11-10T00:00:00Z", "2026-11-11T00:00:00Z", ComponentStatus::DegradedPerformance, 0)];
        assert_eq!(uptime(&degraded, now).percent_text().as_deref(), Some("100.00"));
    }

    #[test]
    fn counts_overlaps_once_at_the_worst_state() {
        let now = Timestamp::parse("2026-11-15T12:00:00Z").unwrap();
        let spans = [
            span("2026-11-10T00:00:00Z", "2026-11-10T02:00:00Z", ComponentStatus::PartialOutage, 0),
            span("2026-11-10T01:00:00Z", "2026-11-10T02:00:00Z", ComponentStatus::MajorOutage, 1),
        ];
        // 0.3 × 3600 + 3600 = 4680 seconds.
        let up = uptime(&spans, now);
        assert!((up.percent.unwrap() - 100.0 * (1.0 - 4680.0 / 7_776_000.0)).abs() < 1e-9);
        let day = up.days.iter().find(|d| d.date.to_string() == "2026-11-10").unwrap();
        assert_eq!(day.worst, ComponentStatus::MajorOutage);
        assert_eq!(day.causes, [Cause::Incident(0), Cause::Incident(1)]);
    }

    #[test]
    fn has_ninety_days_ending_today_and_ignores_what_has_not_happened() {
        let now = Timestamp::parse("2026-11-15T12:00:00Z").unwrap();
        let spans = [
            span("2026-11-15T11:00:00Z", "2026-11-16T00:00:00Z", ComponentStatus::MajorOutage, 0),
            span("2026-12-01T00:00:00Z", "2026-12-02T00:00:00Z", ComponentStatus::MajorOutage, 1),
            span("2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", ComponentStatus::MajorOutage, 2),
        ];
        let up = uptime(&spans, now);
        assert_eq!(up.days.len(), 90);
        assert_eq!(up.days[0].date.to_string(), "2026-08-18");
        assert_eq!(up.days[89].date.to_string(), "2026-11-15");
        assert_eq!(up.days[89].worst, ComponentStatus::MajorOutage);
        // Only the hour until now counts.
        assert!((up.percent.unwrap() - 100.0 * (1.0 - 3600.0 / 7_776_000.0)).abs() < 1e-9);
    }

    #[test]
    fn leaves_unknown_days_out_and_is_unknown_without_a_known_day() {
        let now = Timestamp::parse("2026-11-15T12:00:00Z").unwrap();
        let major = [span("2026-11-10T00:00:00Z", "2026-11-10T01:00:00Z", ComponentStatus::MajorOutage, 0)];
        let mut up = uptime(&major, now);
        // Measured green on the last 10 days only; the incident's day is known anyway.
        for (i, day) in up.days.iter_mut().enumerate() {
            day.measured =
                Some(if i >= 80 { crate::status::health::Level::Green } else { crate::status::health::Level::Unknown });
        }
        up.leave_out_unknown_days();
        // 3600 s down of the 10 known days' 864,000 s: 99.5833...%.
        assert!((up.percent.unwrap() - 100.0 * (1.0 - 3600.0 / 864_000.0)).abs() < 1e-9, "{:?}", up.percent);
        let mut nothing = uptime(&[], now);
        nothing.days.iter_mut().for_each(|d| d.measured = Some(crate::status::health::Level::Unknown));
        nothing.leave_out_unknown_days();
        assert_eq!(nothing.percent_text(), None, "never 100.00 % for what is unknown");
    }
}
