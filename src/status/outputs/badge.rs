//! The status badges: `status/badge/<component-id>.svg` with a component's name and
//! state, and `status/badge/overall.svg` with the page's overall status, as small SVG
//! images in the two-part style of shields.io, for READMEs and dashboards. Written from
//! the model ([`crate::status::model::Status`]) with every status page.
//!
//! 1. Each part is as wide as its text (an estimate of Verdana at 11 px, character by
//!    character) plus 10 px of padding.
//! 2. The right part's colour follows the state, with text dark or white so that both
//!    contrast by at least 4.5:1; the state is in words too, never in colour alone. A
//!    measured component nothing is known of is grey, "Unknown", never green.
//! 3. The image is accessible: `role="img"`, an `aria-label` and a `<title>` with both
//!    parts; all text is escaped.

use crate::html::escape;
use crate::site::Site;
use crate::status::model::badge_path;
use crate::status::model::state::ComponentStatus;

/// Every badge, as `(site path, SVG)`: the overall one, then each component's.
pub(crate) fn badges(site: &Site) -> Vec<(String, String)> {
    let Some(status) = site.status() else { return Vec::new() };
    let (description, tone) = status.shown_overall();
    let (fill, ink) = tone_colours(tone);
    let mut out = vec![(badge_path("overall"), svg("status", description, fill, ink))];
    for component in &status.components {
        let (fill, ink) = if component.is_unknown() { UNKNOWN } else { state_colours(component.status) };
        out.push((badge_path(&component.id), svg(&component.name, component.shown().1, fill, ink)));
    }
    out
}

/// Background and text colours of a component nothing is known of: grey, never green.
const UNKNOWN: (&str, &str) = ("#6e7781", "#fff");

/// Background and text colours of a component state.
fn state_colours(state: ComponentStatus) -> (&'static str, &'static str) {
    match state {
        ComponentStatus::Operational => ("#2e7d32", "#fff"),
        ComponentStatus::UnderMaintenance => ("#1565c0", "#fff"),
        ComponentStatus::DegradedPerformance => ("#f2c94c", "#1b1b1b"),
        ComponentStatus::PartialOutage => ("#fb8c00", "#1b1b1b"),
        ComponentStatus::MajorOutage => ("#c62828", "#fff"),
    }
}

/// Background and text colours of the overall status's tone.
fn tone_colours(tone: &str) -> (&'static str, &'static str) {
    match tone {
        "maintenance" => state_colours(ComponentStatus::UnderMaintenance),
        "degraded" => state_colours(ComponentStatus::DegradedPerformance),
        "partial" => state_colours(ComponentStatus::PartialOutage),
        "major" => state_colours(ComponentStatus::MajorOutage),
        "unknown" => UNKNOWN,
        _ => state_colours(ComponentStatus::Operational),
    }
}

/// The width of `text` in Verdana 11 px, estimated per character, in pixels.
fn text_width(text: &str) -> u32 {
    let tenths: u32 = text
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 35,
            ' ' | 'f' | 't' | 'r' | 'I' | '(' | ')' | '[' | ']' | '-' => 45,
            'm' | 'w' | 'M' | 'W' => 105,
            c if c.is_ascii_uppercase() || c.is_ascii_digit() => 75,
            c if c.is_ascii() => 65,
            // Wider scripts and symbols: err on the wide side.
            _ => 100,
        })
        .sum();
    tenths.div_ceil(10)
}

/// A two-part badge: `label` on grey, `message` on `fill` in `ink`.
fn svg(label: &str, message: &str, fill: &str, ink: &str) -> String {
    let (left, right) = (text_width(label) + 10, text_width(message) + 10);
    let width = left + right;
    let name = escape(&format!("{label}: {message}"));
    let (label, message) = (escape(label), escape(message));
    let (label_x, message_x) = (left * 5, left * 10 + right * 5);
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{name}"><title>{name}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{fill}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="110" text-rendering="geometricPrecision"><text x="{label_x}" y="140" transform="scale(.1)" fill="#fff">{label}</text><text x="{message_x}" y="140" transform="scale(.1)" fill="{ink}">{message}</text></g></svg>
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_each_part_by_its_text_and_escapes_it() {
        let badge = svg("A<b>", "Major Outage", "#c62828", "#fff");
        assert!(badge.contains(r#"aria-label="A&lt;b&gt;: Major Outage""#), "{badge}");
        assert!(badge.contains("<title>A&lt;b&gt;: Major Outage</title>"));
        assert!(!badge.contains("<b>"));
        assert!(text_width("Major Outage") > text_width("Operational") - 10);
        assert!(text_width("mmmm") > text_width("iiii"));
        let wide = svg("x", &"W".repeat(40), "#fff", "#000");
        let width: u32 = wide.split("width=\"").nth(1).and_then(|w| w.split('"').next()).unwrap().parse().unwrap();
        assert!(width > 400, "{width}");
    }
}
