//! Values only the tests' binary reads from its environment: compiled with the feature
//! `test-hooks`, which `cargo test` turns on through the top crate's dev-dependencies
//! and which the binary `cargo build`, `cargo run` and `cargo install` make never has.
//! (A panic forced on a page's path is [`crate::panics::inject`].)

/// A duration in milliseconds the tests set in the environment variable `variable`
/// (`OPSBOOK_SERVE_HEADER_TIMEOUT_MS`); always `None` in the shipped binary.
#[cfg(feature = "test-hooks")]
pub fn millis(variable: &str) -> Option<u64> {
    std::env::var(variable).ok().and_then(|ms| ms.parse().ok())
}

/// See the version with the test hooks.
#[cfg(not(feature = "test-hooks"))]
pub fn millis(_variable: &str) -> Option<u64> {
    None
}
