//! What the templates see of a measured component's checks on `/status/`
//! (`c.measured`): its level in words, since when, and each check's value, thresholds
//! and trend chart ([`super::trend`]).

use serde::Serialize;

use super::TimeView;
use crate::site::strings::{Words, say, word};
use crate::status::model::ComponentState;

/// What a component's checks measure.
#[derive(Debug, Serialize)]
pub(crate) struct MeasuredView<'a> {
    /// `green`, `orange`, `red` or `unknown`.
    pub level: &'static str,
    /// In words.
    pub level_words: &'a str,
    /// Since when it is at this level, when known.
    pub since: Option<TimeView>,
    /// When it is unknown: the last time it had data, when known.
    pub no_data_since: Option<TimeView>,
    /// Its checks.
    pub checks: Vec<CheckView<'a>>,
}

/// A check of a component.
#[derive(Debug, Serialize)]
pub(crate) struct CheckView<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its value now with its unit, or nothing.
    pub value: Option<String>,
    /// `green`, `orange`, `red` or `unknown`.
    pub level: &'static str,
    /// In words.
    pub level_words: &'a str,
    /// The green threshold, as written.
    pub green: &'a str,
    /// The orange threshold, when set.
    pub orange: Option<&'a str>,
    /// The trend chart, an inline SVG.
    pub trend: String,
}

pub(super) fn measured_view<'a>(words: &'a Words, c: &'a ComponentState) -> Option<MeasuredView<'a>> {
    let health = c.health.as_ref()?;
    let checks = health
        .checks
        .iter()
        .map(|check| CheckView {
            name: &check.name,
            value: check.value_text(word(words, "decimal_separator")),
            level: check.level.name(),
            level_words: say(words, check.level.words()),
            green: &check.green,
            orange: check.orange.as_deref(),
            trend: super::trend::trend_svg(check, &format!("{} of {}", check.name, c.name)),
        })
        .collect();
    Some(MeasuredView {
        level: health.level.name(),
        level_words: say(words, health.level.words()),
        since: health.since.map(TimeView::of),
        no_data_since: health.no_data_since().map(TimeView::of),
        checks,
    })
}
