//! The words of a status page, as Atlassian Statuspage spells them, and the rules that
//! turn component states into the page's overall status.
//!
//! The overall description follows Statuspage's top-level status ("For pages with two
//! or more components"), from the worst state down.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fmt;

/// A component's state (Statuspage's `status` of a component), mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) enum ComponentStatus {
    /// Working.
    #[default]
    Operational,
    /// In a maintenance window.
    UnderMaintenance,
    /// Slow or erratic.
    DegradedPerformance,
    /// Down for some.
    PartialOutage,
    /// Down.
    MajorOutage,
}

impl ComponentStatus {
    /// The state written in front matter (`degraded_performance`, `partial_outage`,
    /// `major_outage`); the other two are never written.
    pub(crate) fn parse(text: &str) -> Option<ComponentStatus> {
        Some(match text {
            "operational" => ComponentStatus::Operational,
            "under_maintenance" => ComponentStatus::UnderMaintenance,
            "degraded_performance" => ComponentStatus::DegradedPerformance,
            "partial_outage" => ComponentStatus::PartialOutage,
            "major_outage" => ComponentStatus::MajorOutage,
            _ => return None,
        })
    }

    /// Its name in the API (`partial_outage`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            ComponentStatus::Operational => "operational",
            ComponentStatus::UnderMaintenance => "under_maintenance",
            ComponentStatus::DegradedPerformance => "degraded_performance",
            ComponentStatus::PartialOutage => "partial_outage",
            ComponentStatus::MajorOutage => "major_outage",
        }
    }

    /// The words shown beside its colour (`Partial Outage`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            ComponentStatus::Operational => "Operational",
            ComponentStatus::UnderMaintenance => "Under Maintenance",
            ComponentStatus::DegradedPerformance => "Degraded Performance",
            ComponentStatus::PartialOutage => "Partial Outage",
            ComponentStatus::MajorOutage => "Major Outage",
        }
    }

    /// The impact an incident has when it does not say: Statuspage's rule from the
    /// worst state it gives a component.
    pub(crate) fn impact(self) -> Impact {
        match self {
            ComponentStatus::Operational | ComponentStatus::UnderMaintenance => Impact::None,
            ComponentStatus::DegradedPerformance => Impact::Minor,
            ComponentStatus::PartialOutage => Impact::Major,
            ComponentStatus::MajorOutage => Impact::Critical,
        }
    }

    /// The words of a day the checks alone gave this state: "Measured degraded".
    pub(crate) fn measured_label(self) -> &'static str {
        match self {
            ComponentStatus::DegradedPerformance => "Measured degraded",
            ComponentStatus::PartialOutage => "Measured failing",
            other => other.label(),
        }
    }

    /// How much of a second in this state counts as down for uptime: major outage 1,
    /// partial outage 0.3, the others 0.
    pub(crate) fn downtime_weight(self) -> f64 {
        match self {
            ComponentStatus::MajorOutage => 1.0,
            ComponentStatus::PartialOutage => 0.3,
            _ => 0.0,
        }
    }
}

impl fmt::Display for ComponentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An incident's impact, mildest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(crate) enum Impact {
    /// No impact.
    #[default]
    None,
    /// Minor.
    Minor,
    /// Major.
    Major,
    /// Critical.
    Critical,
}

impl Impact {
    /// The impact written in front matter.
    pub(crate) fn parse(text: &str) -> Option<Impact> {
        Some(match text {
            "none" => Impact::None,
            "minor" => Impact::Minor,
            "major" => Impact::Major,
            "critical" => Impact::Critical,
            _ => return None,
        })
    }

    /// Its name in the API.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
        }
    }
}

/// The page's overall indicator (`status.indicator`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Indicator {
    /// Nothing wrong.
    None,
    /// A maintenance in progress and nothing wrong.
    Maintenance,
    /// Minor.
    Minor,
    /// Major.
    Major,
    /// Critical.
    Critical,
}

impl Indicator {
    /// Its name in the API.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Indicator::None => "none",
            Indicator::Maintenance => "maintenance",
            Indicator::Minor => "minor",
            Indicator::Major => "major",
            Indicator::Critical => "critical",
        }
    }

    fn of_impact(impact: Impact) -> Indicator {
        match impact {
            Impact::None => Indicator::None,
            Impact::Minor => Indicator::Minor,
            Impact::Major => Indicator::Major,
            Impact::Critical => Indicator::Critical,
        }
    }
}

/// The page's overall status: indicator, description, and the colour the banner shows
/// it in (`operational`, `degraded`, `partial`, `major`, `maintenance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Overall {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub(crate) indicator: Indicator,
    /// "All Systems Operational", ...
    pub(crate) description: &'static str,
    /// The banner's colour class.
    pub(crate) tone: &'static str,
}

/// The state the API gives a component nothing is known of: the mildest that is not
/// green in Statuspage's clients (yellow), and no downtime in uptime.
pub(crate) const UNKNOWN_STATE: ComponentStatus = ComponentStatus::DegradedPerformance;

/// The page's status when some components are unknown and nothing worse is known.
pub(crate) const UNKNOWN_OVERALL: Overall =
    Overall { indicator: Indicator::Minor, description: "Status unknown: no measurements", tone: "unknown" };

/// [`overall`] from the `known` components' states, the impacts and the maintenance,
/// then [`UNKNOWN_OVERALL`] when `unknown` components exist and that is no worse than a
/// maintenance.
pub(crate) fn overall_with_unknown(
    known: &[ComponentStatus],
    unknown: usize,
    impacts: &[Impact],
    maintenance: bool,
) -> Overall {
    let overall = overall(known, impacts, maintenance);
    match overall.indicator {
        Indicator::None | Indicator::Maintenance if unknown > 0 => UNKNOWN_OVERALL,
        _ => overall,
    }
}

/// The overall status from the components' states, the impacts of the unresolved
/// incidents and whether a maintenance is in progress (see the module's rules).
pub(crate) fn overall(states: &[ComponentStatus], impacts: &[Impact], maintenance: bool) -> Overall {
    let any = |s: ComponentStatus| states.contains(&s);
    let all = |s: ComponentStatus| !states.is_empty() && states.iter().all(|&x| x == s);
    use ComponentStatus as C;
    let (from_components, description, tone) = if any(C::MajorOutage) {
        if all(C::MajorOutage) {
            (Indicator::Critical, "Major System Outage", "major")
        } else {
            (Indicator::Major, "Partial System Outage", "partial")
        }
    } else if any(C::PartialOutage) {
        if all(C::PartialOutage) {
            (Indicator::Major, "Partial System Outage", "partial")
        } else {
            (Indicator::Major, "Minor Service Outage", "partial")
        }
    } else if any(C::DegradedPerformance) {
        if all(C::DegradedPerformance) {
            (Indicator::Minor, "Degraded System Service", "degraded")
        } else {
            (Indicator::Minor, "Partially Degraded Service", "degraded")
        }
    } else if any(C::UnderMaintenance) {
        (Indicator::Maintenance, "Service Under Maintenance", "maintenance")
    } else {
        (Indicator::None, "All Systems Operational", "operational")
    };
    let worst_impact = impacts.iter().copied().max().unwrap_or_default();
    let mut indicator = from_components.max(Indicator::of_impact(worst_impact));
    if indicator == Indicator::None && maintenance {
        indicator = Indicator::Maintenance;
    }
    let (description, tone) = match (from_components, worst_impact) {
        (Indicator::None | Indicator::Maintenance, Impact::Minor) => ("Minor Service Outage", "degraded"),
        (Indicator::None | Indicator::Maintenance, Impact::Major) => ("Partial System Outage", "partial"),
        (Indicator::None | Indicator::Maintenance, Impact::Critical) => ("Major System Outage", "major"),
        (Indicator::None, Impact::None) if maintenance => ("Service Under Maintenance", "maintenance"),
        _ => (description, tone),
    };
    Overall { indicator, description, tone }
}

#[cfg(test)]
mod tests {
    use super::ComponentStatus as C;
    use super::*;

    fn read(states: &[C], impacts: &[Impact], maintenance: bool) -> (&'static str, &'static str) {
        let overall = overall(states, impacts, maintenance);
        (overall.indicator.name(), overall.description)
    }

    #[test]
    fn follows_statuspage_top_level_status_rules() {
        let op = C::Operational;
        assert_eq!(read(&[], &[], false), ("none", "All Systems Operational"));
        assert_eq!(read(&[op, op], &[], false), ("none", "All Systems Operational"));
        assert_eq!(read(&[C::MajorOutage, C::MajorOutage], &[], false), ("critical", "Major System Outage"));
        assert_eq!(read(&[C::MajorOutage], &[], false), ("critical", "Major System Outage"));
        assert_eq!(read(&[C::MajorOutage, op], &[], false), ("major", "Partial System Outage"));
        assert_eq!(read(&[C::PartialOutage, C::PartialOutage], &[], false), ("major", "Partial System Outage"));
        assert_eq!(read(&[C::PartialOutage, op], &[], false), ("major", "Minor Service Outage"));
        assert_eq!(read(&[C::DegradedPerformance], &[], false), ("minor", "Degraded System Service"));
        assert_eq!(read(&[C::DegradedPerformance, op], &[], false), ("minor", "Partially Degraded Service"));
        assert_eq!(read(&[C::UnderMaintenance, op], &[], true), ("maintenance", "Service Under Maintenance"));
        assert_eq!(read(&[op], &[], true), ("maintenance", "Service Under Maintenance"));
    }

    #[test]
    fn lets_the_impact_of_unresolved_incidents_raise_the_indicator() {
        let op = C::Operational;
        assert_eq!(read(&[op], &[Impact::Minor], false), ("minor", "Minor Service Outage"));
        assert_eq!(read(&[op], &[Impact::Major], false), ("major", "Partial System Outage"));
        assert_eq!(read(&[], &[Impact::Critical], false), ("critical", "Major System Outage"));
        assert_eq!(read(&[op], &[Impact::None], false), ("none", "All Systems Operational"));
        assert_eq!(
            read(&[C::DegradedPerformance, op], &[Impact::Critical], false),
            ("critical", "Partially Degraded Service")
        );
    }

    #[test]
    fn is_never_green_while_a_component_is_unknown() {
        let op = C::Operational;
        let unknown = overall_with_unknown(&[op], 1, &[], false);
        assert_eq!((unknown.indicator.name(), unknown.description), ("minor", "Status unknown: no measurements"));
        assert_eq!(overall_with_unknown(&[], 2, &[], false), UNKNOWN_OVERALL, "all unknown");
        assert_eq!(overall_with_unknown(&[op], 1, &[], true), UNKNOWN_OVERALL, "a maintenance says nothing of it");
        let worse = overall_with_unknown(&[C::PartialOutage], 1, &[], false);
        assert_eq!((worse.indicator.name(), worse.description), ("major", "Partial System Outage"));
        assert_eq!(overall_with_unknown(&[op], 0, &[], false).indicator, Indicator::None);
        assert_ne!(UNKNOWN_STATE, C::Operational);
    }

    #[test]
    fn ranks_states_and_weighs_downtime() {
        assert!(C::MajorOutage > C::PartialOutage && C::PartialOutage > C::DegradedPerformance);
        assert!(C::DegradedPerformance > C::UnderMaintenance && C::UnderMaintenance > C::Operational);
        assert_eq!(C::PartialOutage.downtime_weight(), 0.3);
        assert_eq!(C::DegradedPerformance.downtime_weight(), 0.0);
        assert_eq!(C::parse("major_outage"), Some(C::MajorOutage));
        assert_eq!(C::MajorOutage.impact(), Impact::Critical);
    }
}
