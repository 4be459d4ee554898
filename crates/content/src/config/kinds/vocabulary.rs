//! The vocabularies of the built-in enumerated fields: which words a runbook's or an
//! incident review's `severity` and an incident review's `status` accept, and the level
//! each word stands for.
//!
//! Part of the kind schema ([`super::FieldSpec::vocabulary`]). Handbooks moved from other
//! tools name severities in several scales (`SEV0`-`SEV5`, `P1`-`P5`, Prometheus'
//! `critical`/`warning`/`info`, `major`/`minor`); each word maps onto one of the four
//! levels the theme colours (`sev1` to `sev4`) and the catalogs order by, while the page
//! shows the word as written. A `[kinds.NAME] values` list replaces the vocabulary's
//! check, not its levels.

/// A built-in field's vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    /// Severities: `SEV0`-`SEV5`, `P1`-`P5`, `critical` ... `info`.
    Severity,
    /// The statuses of an incident review: `draft` ... `final`, and the words for done.
    RcaStatus,
}

impl Vocabulary {
    /// Whether the vocabulary knows `value` (without case).
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Vocabulary::Severity => severity_level(value).is_some(),
            Vocabulary::RcaStatus => rca_state(value).is_some(),
        }
    }

    /// The words, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Vocabulary::Severity => {
                "a severity: SEV0-SEV5, P1-P5, critical, high, major, medium, minor, low, warning or info"
            }
            Vocabulary::RcaStatus => {
                "a review status: draft, preliminary, in-review, final, published, reviewed, closed or complete"
            }
        }
    }
}

/// The level of a severity word, 1 (most severe) to 4, without case; `None` for a word
/// outside the vocabulary (a `[kinds.NAME] values` list may allow one).
///
/// | level | words |
/// |---|---|
/// | 1 | `SEV0`, `SEV1`, `P1`, `critical` |
/// | 2 | `SEV2`, `P2`, `high`, `major` |
/// | 3 | `SEV3`, `P3`, `medium`, `minor`, `warning` |
/// | 4 | `SEV4`, `SEV5`, `P4`, `P5`, `low`, `info` |
pub fn severity_level(value: &str) -> Option<u8> {
    let word = value.trim().to_ascii_lowercase();
    Some(match word.as_str() {
        "sev0" | "sev1" | "p1" | "critical" => 1,
        "sev2" | "p2" | "high" | "major" => 2,
        "sev3" | "p3" | "medium" | "minor" | "warning" => 3,
        "sev4" | "sev5" | "p4" | "p5" | "low" | "info" => 4,
        _ => return None,
    })
}

/// The CSS class suffix of a severity: `sev1` to `sev4` for a word of the vocabulary,
/// else the word in lower case (what themes have always used).
pub fn severity_class(value: &str) -> String {
    match severity_level(value) {
        Some(level) => format!("sev{level}"),
        None => value.to_lowercase(),
    }
}

/// The state of an incident review status, without case: `draft`, `preliminary`,
/// `in-review` or `final` (also for `published`, `reviewed`, `closed` and `complete`).
pub fn rca_state(value: &str) -> Option<&'static str> {
    let word = value.trim().to_ascii_lowercase();
    Some(match word.as_str() {
        "draft" => "draft",
        "preliminary" => "preliminary",
        "in-review" => "in-review",
        "final" | "published" | "reviewed" | "closed" | "complete" => "final",
        _ => return None,
    })
}

/// The CSS class suffix of a review status: its state, else the word as written.
pub fn rca_status_class(value: &str) -> String {
    rca_state(value).map_or_else(|| value.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_every_severity_scale_onto_four_levels() {
        let levels = [
            (1, &["SEV0", "SEV1", "P1", "critical"][..]),
            (2, &["SEV2", "P2", "high", "major"]),
            (3, &["SEV3", "P3", "medium", "minor", "warning"]),
            (4, &["SEV4", "SEV5", "P4", "P5", "low", "info"]),
        ];
        for (level, words) in levels {
            for word in words {
                assert_eq!(severity_level(word), Some(level), "{word}");
                assert_eq!(severity_level(&word.to_uppercase()), Some(level), "{word} in capitals");
                assert_eq!(severity_level(&word.to_lowercase()), Some(level), "{word} in lower case");
                assert_eq!(severity_class(word), format!("sev{level}"));
            }
        }
        assert_eq!(severity_level("Critical"), Some(1));
    }

    #[test]
    fn leaves_unknown_severities_to_the_values_list() {
        for word in ["SEV6", "P0", "P6", "urgent", "", "sev 1"] {
            assert_eq!(severity_level(word), None, "{word}");
            assert!(!Vocabulary::Severity.accepts(word));
        }
        assert_eq!(severity_class("Urgent"), "urgent", "as themes did before");
    }

    #[test]
    fn maps_review_statuses_onto_the_four_states() {
        let states = [
            ("draft", "draft"),
            ("Preliminary", "preliminary"),
            ("IN-REVIEW", "in-review"),
            ("final", "final"),
            ("published", "final"),
            ("Reviewed", "final"),
            ("closed", "final"),
            ("complete", "final"),
        ];
        for (word, state) in states {
            assert_eq!(rca_state(word), Some(state), "{word}");
            assert_eq!(rca_status_class(word), state);
            assert!(Vocabulary::RcaStatus.accepts(word));
        }
        assert_eq!(rca_state("open"), None);
        assert_eq!(rca_status_class("Open"), "Open");
    }
}
