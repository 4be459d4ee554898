//! The command line itself: help with examples, the version, usage errors.

use crate::util;

use util::opsbook;

#[test]
fn help_shows_examples_and_exit_codes() {
    let out = opsbook().arg("--help").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Examples:"), "{text}");
    assert!(text.contains("opsbook build"), "{text}");
    assert!(text.contains("Exit codes: 0 success"), "{text}");
    let out = opsbook().args(["build", "--help"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--root", "--out", "--drafts", "--base-url", "--quiet", "--summary", "--no-summary"] {
        assert!(text.contains(flag), "{flag} in {text}");
    }
}

#[test]
fn prints_its_version() {
    let out = opsbook().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    // The commit it was built from follows, in a checkout (tests/integration/cli_habits.rs).
    let version = String::from_utf8_lossy(&out.stdout);
    assert!(version.starts_with(&format!("opsbook {}", env!("CARGO_PKG_VERSION"))), "{version}");
}

#[test]
fn a_missing_verb_is_a_usage_error() {
    let out = opsbook().output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
