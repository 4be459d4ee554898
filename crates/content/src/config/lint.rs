//! The `[check]` keys of the lints `opsbook check` runs on the handbook's files: the
//! CODEOWNERS lint, owners required on every page, and asset hygiene (image sizes,
//! unused files). Each rule's level is set here, read by `check::lint`.

use serde::Deserialize;

use crate::diagnostic::Severity;

/// The level a `[check]` key gives a rule: `"error"`, `"warn"`, `"note"` or `"off"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Fails the check.
    Error,
    /// Reported; the check succeeds.
    Warn,
    /// For information; never counted as a warning.
    Note,
    /// Not reported.
    Off,
}

impl RuleLevel {
    /// The severity the rule's findings get, or `None` when it is off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warn => Some(Severity::Warning),
            RuleLevel::Note => Some(Severity::Note),
            RuleLevel::Off => None,
        }
    }
}

/// The lints' settings, resolved from `[check]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LintConfig {
    /// The severity of the `codeowners-*` rules; `None`: not checked.
    pub codeowners: Option<Severity>,
    /// The severity of `page-without-owner`; `None` unless `require-owners = true`.
    pub require_owners: Option<Severity>,
    /// The largest image, in bytes, before `image-too-large`; 0: no limit.
    pub max_image_bytes: u64,
    /// The severity of `image-too-large`.
    pub large_images: Option<Severity>,
    /// The severity of `unused-asset`.
    pub unused_assets: Option<Severity>,
}

/// `[check] max-image-kb` unless set.
pub(super) const DEFAULT_MAX_IMAGE_KB: u64 = 500;
