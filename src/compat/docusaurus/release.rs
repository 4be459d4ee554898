//! The Docusaurus release a site is built with, read from its `package.json` (the
//! version of `@docusaurus/core` it depends on), and the rules that depend on it: how
//! `:::` admonitions open, close and nest ([`ColonBlocks`]). A site whose release is
//! not known is read by the rules of today's releases.
//!
//! More: docs/architecture.md, `src/compat/docusaurus/release.rs`.

use crate::config::Config;
use crate::content::site_data::ColonBlocks;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The file beside the configuration that names the packages the site is built with.
const PACKAGE_FILE: &str = "package.json";
/// The package whose version is the site's Docusaurus release.
const CORE_PACKAGE: &str = "@docusaurus/core";

/// A release's major and minor version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Release {
    /// The major version: 2, 3.
    pub major: u64,
    /// The minor version, 0 when not written.
    pub minor: u64,
}

impl Release {
    /// How the release reads `:::` admonitions: by `remark-admonitions`' rule up to 2.2
    /// (the next `:::` line closes), by colon levels in 2.3 and 2.4, as directives since
    /// 3.0.
    pub(crate) fn colon_blocks(self) -> ColonBlocks {
        match (self.major, self.minor) {
            (0..=2, 0..=2) => ColonBlocks::FirstColonLine,
            (0..=2, _) => ColonBlocks::ColonLevels,
            _ => ColonBlocks::Directives,
        }
    }
}

/// The site's release, from the `dependencies` (else `devDependencies`) of the
/// `package.json` beside the configuration, read confined, a regular file within the
/// configuration's limit; `None` when there is no such file, it names no version of
/// `@docusaurus/core`, or names one that is no version (`latest`, a path). A file that
/// cannot be read is a note, one that is no JSON a warning at its place.
pub(crate) fn site_release(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Option<Release> {
    // A name that is there, of whatever kind, is read: a link that leads out, a folder
    // or a pipe is said, not passed over.
    std::fs::symlink_metadata(config.root.join(PACKAGE_FILE)).ok()?;
    let text = crate::compat::interface::read_beside(config, PACKAGE_FILE, diagnostics)?;
    let package: serde_json::Value = match serde_json::from_str(&text) {
        Ok(package) => package,
        Err(e) => {
            let message = format!("cannot read the Docusaurus version: {e}");
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, PACKAGE_FILE, e.line(), e.column(), message)
                    .with_severity(Severity::Warning)
                    .with_help("the rules of today's Docusaurus are used"),
            );
            return None;
        }
    };
    ["dependencies", "devDependencies"]
        .iter()
        .find_map(|table| package.get(table)?.get(CORE_PACKAGE)?.as_str())
        .and_then(release_of_range)
}

/// The release a version range names (`2.4.0`, `^2.4.0`, `~3.1.0`, `>=2.3 <3`, `v2`,
/// `2.0.0-beta.14`): the first version written in it; `None` for one with no version
/// (`latest`, `*`, a path, a Git address).
pub(crate) fn release_of_range(range: &str) -> Option<Release> {
    let first = range.trim().split(['|', ' ']).find(|part| !part.is_empty())?;
    let version = first.trim_start_matches(['^', '~', '=', '>', '<', 'v', 'V']);
    let mut parts = version.split(['.', '-', '+']);
    let number = |part: &str| (!part.is_empty() && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok());
    let major = number(parts.next()?)??;
    let minor = match parts.next() {
        None | Some("x" | "X" | "*") => 0,
        Some(part) => number(part)??,
    };
    Some(Release { major, minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_release_a_range_names() {
        let release = |major, minor| Some(Release { major, minor });
        for (range, expected) in [
            ("2.4.0", release(2, 4)),
            ("^2.4.0", release(2, 4)),
            ("~3.1.0", release(3, 1)),
            (" >=2.3.1 <3 ", release(2, 3)),
            ("2.0.0-beta.14", release(2, 0)),
            ("v3", release(3, 0)),
            ("2.x", release(2, 0)),
            ("^3.9.2 || ^4", release(3, 9)),
            ("latest", None),
            ("*", None),
            ("file:../core", None),
            ("github:facebook/docusaurus", None),
            ("", None),
            ("99999999999999999999999", None),
        ] {
            assert_eq!(release_of_range(range), expected, "{range:?}");
        }
    }

    #[test]
    fn picks_the_admonition_rule_of_the_release() {
        let rule = |major, minor| Release { major, minor }.colon_blocks();
        assert_eq!(rule(2, 0), ColonBlocks::FirstColonLine);
        assert_eq!(rule(2, 2), ColonBlocks::FirstColonLine);
        assert_eq!(rule(2, 3), ColonBlocks::ColonLevels);
        assert_eq!(rule(2, 4), ColonBlocks::ColonLevels);
        assert_eq!(rule(3, 0), ColonBlocks::Directives);
        assert_eq!(rule(4, 1), ColonBlocks::Directives);
    }
}
