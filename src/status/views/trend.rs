//! The small trend chart of a measured check on `/status/`, drawn on the server as an
//! inline SVG: no script, readable without colour.
//!
//! 1. The chart is 120 × 28 units; x is the day of the 90-day window (oldest left),
//!    y the value, scaled between the lowest and highest of the values and of the
//!    thresholds (a flat series is drawn mid-height).
//! 2. Consecutive days with values make one line; a day without a value breaks it.
//! 3. The green threshold is a dashed line; the value now a dot in the check's level.
//! 4. It is an image (`role="img"`) with a `<title>` and an `aria-label` that say in
//!    words what it shows: the range of the values and the value now. Its colours are
//!    the stylesheet's (`currentColor`, classes), so both colour schemes apply.

use crate::status::health::{CheckHealth, value_text};

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;
/// Room at the top and bottom, so the line and the dot stay inside.
const PAD: f64 = 3.0;

/// The SVG of `check`'s series, `label` naming it for assistive technology.
pub(crate) fn trend_svg(check: &CheckHealth, label: &str) -> String {
    let values: Vec<f64> = check.series.iter().flatten().copied().collect();
    let written = std::iter::once(check.green.as_str()).chain(check.orange.as_deref());
    let thresholds = written.filter_map(threshold_value);
    let all: Vec<f64> = values.iter().copied().chain(thresholds).collect();
    let (low, high) = all.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    let span = high - low;
    let x = |d: usize| {
        let days = check.series.len().saturating_sub(1).max(1) as f64;
        d as f64 * WIDTH / days
    };
    let y = |v: f64| {
        if span.is_finite() && span > 0.0 {
            HEIGHT - PAD - (v - low) / span * (HEIGHT - 2.0 * PAD)
        } else {
            HEIGHT / 2.0
        }
    };
    let mut lines: Vec<String> = Vec::new();
    let mut points: Vec<String> = Vec::new();
    for (d, value) in check.series.iter().enumerate() {
        match value {
            Some(v) => points.push(format!("{:.1},{:.1}", x(d), y(*v))),
            None if !points.is_empty() => lines.push(std::mem::take(&mut points).join(" ")),
            None => {}
        }
    }
    if !points.is_empty() {
        lines.push(points.join(" "));
    }
    let description = describe(check, &values, label);
    let mut svg = format!(
        "<svg class=\"trend\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\"{0}\" focusable=\"false\"><title>{0}</title>",
        crate::html::escape(&description)
    );
    if let Some(green) = threshold_value(&check.green).filter(|_| span.is_finite()) {
        let at = y(green);
        svg.push_str(&format!(
            "<line class=\"trend-threshold\" x1=\"0\" x2=\"{WIDTH}\" y1=\"{at:.1}\" y2=\"{at:.1}\"/>"
        ));
    }
    for line in lines {
        if line.contains(' ') {
            svg.push_str(&format!("<polyline class=\"trend-line\" points=\"{line}\"/>"));
        } else {
            let (cx, cy) = line.split_once(',').unwrap_or(("0", "0"));
            svg.push_str(&format!("<circle class=\"trend-line\" cx=\"{cx}\" cy=\"{cy}\" r=\"1\"/>"));
        }
    }
    if let Some(now) = check.value {
        let last = check.series.len().saturating_sub(1);
        svg.push_str(&format!(
            "<circle class=\"trend-now status-level-{}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\"/>",
            check.level.name(),
            x(last),
            y(now)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The number of a threshold as written (`>= 0.99` gives 0.99).
fn threshold_value(text: &str) -> Option<f64> {
    crate::config::Threshold::parse(text).ok().map(|t| t.value)
}

/// What the chart shows, in words.
fn describe(check: &CheckHealth, values: &[f64], label: &str) -> String {
    if values.is_empty() {
        return format!("{label}: no data over the last 90 days");
    }
    let (low, high) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    let unit = check.unit.as_deref();
    let now = check.value_text(".").map_or_else(|| "no value now".to_string(), |v| format!("now {v}"));
    format!("{label} over the last 90 days: from {} to {}, {now}", value_text(low, unit), value_text(high, unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::health::Level;

    fn check(series: Vec<Option<f64>>) -> CheckHealth {
        CheckHealth {
            name: "Probes".into(),
            value: series.last().copied().flatten(),
            level: Level::Green,
            green: ">= 0.99".into(),
            orange: Some(">= 0.95".into()),
            unit: None,
            series,
        }
    }

    #[test]
    fn draws_lines_between_gaps_and_says_what_it_shows() {
        let svg = trend_svg(&check(vec![Some(1.0), Some(0.98), None, Some(0.97), Some(0.999)]), "Probes of API");
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Probes of API over the last 90 days: from 0.97 to 1, now 0.999</title>"), "{svg}");
        assert!(svg.contains("class=\"trend-now status-level-green\""));
        assert!(svg.contains("class=\"trend-threshold\""));
        let empty = trend_svg(&check(vec![None, None]), "Probes");
        assert!(empty.contains("no data over the last 90 days") && !empty.contains("polyline"), "{empty}");
    }
}
