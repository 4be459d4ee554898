//! The HTTP client for the servers a build reads but does not trust: the Prometheus
//! server of the status page's checks (`crate::status::health`) and the peers of a
//! community (`crate::peers`). A leaf, so that both reach it.

/// The HTTP client for servers opsbook does not trust (Prometheus, the peers of a
/// community): no redirect followed, no status taken as an error by itself, headers of
/// at most 64 KiB.
pub fn untrusting_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("opsbook/", env!("CARGO_PKG_VERSION")))
        .max_response_header_size(64 * 1024)
        .build()
        .into()
}
