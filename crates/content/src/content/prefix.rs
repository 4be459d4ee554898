//! Number prefixes of file and folder names, as Docusaurus reads them: `01-intro.md` is
//! the page `intro`, ordered by 1; `02-guides/` the section `guides`, ordered by 2.
//!
//! 1. A name (a file's without its extension, or a folder's) has a prefix when it is
//!    digits, optional spaces, one or more of `-`, `_` or `.`, optional spaces, then a
//!    rest that does not start with one of those: `003 - Setup` is `Setup` at 3.
//! 2. A name that starts like a date or a version (`2021-11-notes`, `7.0-upgrade`:
//!    digits, a separator, digits) has none, as in Docusaurus.
//! 3. Whether a handbook strips them ([`strips_prefixes`]): `[content] number-prefixes`
//!    says `strip` or `keep`; `auto`, the default, strips only in a Docusaurus site: a
//!    `docusaurus.config.*` or `sidebars.*` beside `book.toml` or at the top of
//!    `content/` (a Docusaurus repository copied in whole), or a `_category_` file in
//!    `content/`. Elsewhere (Hugo, Jekyll, GitLab) a number is part of the name
//!    (`0_capi-releases.md`, `330_incident_retro.md`) and stays in the URL.

use super::ContentFiles;
use crate::config::NumberPrefixes;

/// The number prefix of `name` and the rest of the name, if it has one.
pub fn split_number_prefix(name: &str) -> Option<(u64, &str)> {
    let digits = name.len() - name.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let after_digits = &name[digits..];
    // A date or a version: digits, one separator, digits.
    let mut chars = after_digits.chars();
    if chars.next().is_some_and(is_separator) && chars.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let spaced = after_digits.trim_start_matches(' ');
    let separated = spaced.trim_start_matches(is_separator);
    if separated.len() == spaced.len() {
        return None;
    }
    let rest = separated.trim_start_matches(' ');
    if rest.is_empty() || rest.starts_with(is_separator) {
        return None;
    }
    let number = name[..digits].parse().ok()?;
    Some((number, rest))
}

fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// `name` without its number prefix, when `strip` and it has one.
pub fn strip_number_prefix(name: &str, strip: bool) -> &str {
    match split_number_prefix(name) {
        Some((_, rest)) if strip => rest,
        _ => name,
    }
}

/// Whether the handbook whose content folder holds `files` strips number prefixes (see
/// the module documentation): `auto` follows [`ContentFiles::prefixed_names`], which
/// the compatibility layer answers after the walk.
pub fn strips_prefixes(setting: NumberPrefixes, files: &ContentFiles) -> bool {
    match setting {
        NumberPrefixes::Strip => true,
        NumberPrefixes::Keep => false,
        NumberPrefixes::Auto => files.prefixed_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_number_prefixes_as_docusaurus_does() {
        assert_eq!(split_number_prefix("01-intro"), Some((1, "intro")));
        assert_eq!(split_number_prefix("02_guides"), Some((2, "guides")));
        assert_eq!(split_number_prefix("3.setup"), Some((3, "setup")));
        assert_eq!(split_number_prefix("003 - Setup"), Some((3, "Setup")));
        assert_eq!(split_number_prefix("10--x"), Some((10, "x")));
        assert_eq!(split_number_prefix("0_capi-releases"), Some((0, "capi-releases")));
    }

    #[test]
    fn leaves_names_without_a_prefix_dates_and_versions() {
        for name in ["intro", "2021-11-notes", "7.0-upgrade", "2024", "12-", "404", "v1-intro", "1x-intro"] {
            assert_eq!(split_number_prefix(name), None, "{name}");
        }
    }

    #[test]
    fn strips_only_when_asked() {
        assert_eq!(strip_number_prefix("01-intro", true), "intro");
        assert_eq!(strip_number_prefix("01-intro", false), "01-intro");
        assert_eq!(strip_number_prefix("intro", true), "intro");
    }

    #[test]
    fn strips_when_asked_or_when_the_old_tool_did() {
        let mut files = ContentFiles::default();
        assert!(!strips_prefixes(NumberPrefixes::Auto, &files));
        assert!(strips_prefixes(NumberPrefixes::Strip, &files));
        files.prefixed_names = true;
        assert!(strips_prefixes(NumberPrefixes::Auto, &files));
        assert!(!strips_prefixes(NumberPrefixes::Keep, &files));
    }
}
