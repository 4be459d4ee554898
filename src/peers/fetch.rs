//! Reading the peers' published files over HTTP, within one time budget per build, and
//! keeping the last good copy of each in the build cache's folder of peers.
//!
//! 1. Each peer's kept copies are read from the folder (`<name>.<file>.json`: the body,
//!    its `ETag` and `Last-Modified`, and when it was fetched).
//! 2. Each peer gets a thread; its requests (handbook.json first, then its health and
//!    status summary) are conditional on the kept copy, follow no redirect, read at most
//!    the file's limit and wait at most what is left of the budget.
//! 3. The build waits for the threads until the budget is spent and then goes on: a
//!    peer still answering is "did not answer in time", its thread left to end alone.
//!
//! Requests go through `ureq` with the agent the Prometheus client uses (no redirects
//! followed, bounded headers); `https://` peers over rustls, checked against the Mozilla
//! roots that `webpki-roots` bundles.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::fs::{FileKind, OwnFolder};

/// The files read of each peer: their path under its URL, the name of their copy and
/// the most bytes read of an answer.
pub(crate) const FILES: [(&str, &str, u64); 3] = [
    ("handbook.json", "handbook", 16 * 1024 * 1024),
    ("status/health.json", "health", 1024 * 1024),
    ("status/api/v2/summary.json", "summary", 1024 * 1024),
];

/// A copy of one file, as kept in the folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Kept {
    /// The answer's `ETag`.
    pub(crate) etag: Option<String>,
    /// The answer's `Last-Modified`.
    pub(crate) last_modified: Option<String>,
    /// When it was fetched or last confirmed, in seconds since the epoch.
    pub(crate) fetched_at: i64,
    /// The body.
    pub(crate) body: String,
}

/// What asking for one file gave.
#[derive(Debug)]
pub(crate) enum Answer {
    /// A new body, with its `ETag` and `Last-Modified`.
    Fresh(String, Option<String>, Option<String>),
    /// The kept copy is current (HTTP 304).
    NotModified,
    /// The peer has no such file (HTTP 404, 410).
    Missing,
    /// Why it could not be read.
    Failed(String),
}

/// The kept copy of file `file` of peer `name`, if there is one that reads.
pub(crate) fn kept(folder: Option<&OwnFolder>, name: &str, file: &str) -> Option<Kept> {
    let path = folder?.file(format!("{name}.{file}.json"))?;
    let bytes = crate::fs::read_bytes(&path, FileKind::Own).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keeps `copy` as file `file` of peer `name`; a folder that cannot be written keeps
/// nothing (the next build asks again).
pub(crate) fn keep(folder: Option<&OwnFolder>, name: &str, file: &str, copy: &Kept) {
    let Some(folder) = folder else { return };
    let Some(path) = folder.file(format!("{name}.{file}.json")) else { return };
    if crate::fs::create_dir_all(&folder.confined()).is_ok()
        && let Ok(json) = serde_json::to_vec(copy)
    {
        let _ = crate::fs::write(&path, json);
    }
}

/// One peer's requests: its URL, and the `ETag` and `Last-Modified` of each kept file.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    /// The peer's URL, ending in `/`.
    pub(crate) url: String,
    /// For each of [`FILES`], the validators of its kept copy.
    pub(crate) validators: [(Option<String>, Option<String>); 3],
}

/// Asks every peer of `requests` for its files, concurrently, until `deadline`; for
/// each peer (in order), the answers for [`FILES`], or `None` when it was still
/// answering at the deadline.
pub(crate) fn ask_all(requests: Vec<Request>, deadline: Instant) -> Vec<Option<[Answer; 3]>> {
    let agent = crate::http_client::untrusting_agent();
    let (send, receive) = mpsc::channel();
    let count = requests.len();
    for (n, request) in requests.into_iter().enumerate() {
        let (agent, answer) = (agent.clone(), send.clone());
        let spawned = std::thread::Builder::new().name(format!("peer-{n}")).spawn(move || {
            let answers = ask_peer(&agent, &request, deadline);
            let _ = answer.send((n, answers));
        });
        if spawned.is_err() {
            let failed = || Answer::Failed("could not be asked (no thread)".to_string());
            let _ = send.send((n, [failed(), failed(), failed()]));
        }
    }
    drop(send);
    let mut results: Vec<Option<[Answer; 3]>> = (0..count).map(|_| None).collect();
    for _ in 0..count {
        let left = deadline.saturating_duration_since(Instant::now());
        // A moment past the deadline for an answer that is being handed over.
        match receive.recv_timeout(left + Duration::from_millis(50)) {
            Ok((n, answers)) => results[n] = Some(answers),
            Err(_) => break,
        }
    }
    results
}

/// One peer's files, one after the other: after a failure of handbook.json the others
/// are not asked for (the budget is shared).
fn ask_peer(agent: &ureq::Agent, request: &Request, deadline: Instant) -> [Answer; 3] {
    let first = ask(agent, request, 0, deadline);
    if let Answer::Failed(why) = &first {
        let why = why.clone();
        return [first, Answer::Failed(why.clone()), Answer::Failed(why)];
    }
    [first, ask(agent, request, 1, deadline), ask(agent, request, 2, deadline)]
}

/// Asks for file `n` of [`FILES`].
fn ask(agent: &ureq::Agent, request: &Request, n: usize, deadline: Instant) -> Answer {
    let (path, _, limit) = FILES[n];
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Answer::Failed("did not answer within `[community] timeout`".to_string());
    }
    let url = format!("{}{path}", request.url);
    let mut call = agent.get(&url);
    let (etag, modified) = &request.validators[n];
    if let Some(etag) = etag {
        call = call.header("If-None-Match", etag);
    }
    if let Some(modified) = modified {
        call = call.header("If-Modified-Since", modified);
    }
    let response = match call.config().timeout_global(Some(left)).build().call() {
        Ok(response) => response,
        Err(error) => return Answer::Failed(describe(&error, limit)),
    };
    let status = response.status().as_u16();
    let header = |name: &str| {
        let value = response.headers().get(name).and_then(|v| v.to_str().ok());
        value.map(|v| v.chars().filter(|c| !c.is_control()).take(200).collect::<String>())
    };
    match status {
        200 => {
            let (etag, modified) = (header("etag"), header("last-modified"));
            match response.into_body().with_config().limit(limit).read_to_string() {
                Ok(body) => Answer::Fresh(body, etag, modified),
                Err(error) => Answer::Failed(describe(&error, limit)),
            }
        }
        304 if etag.is_some() || modified.is_some() => Answer::NotModified,
        404 | 410 if n > 0 => Answer::Missing,
        300..=399 => {
            let to = header("location").unwrap_or_else(|| "elsewhere".to_string());
            Answer::Failed(format!("answered {path} with a redirect to {to}, which is not followed"))
        }
        _ => Answer::Failed(format!("answered HTTP {status} for {path}")),
    }
}

/// A transport error in words.
fn describe(error: &ureq::Error, limit: u64) -> String {
    match error {
        ureq::Error::Timeout(_) => "did not answer within `[community] timeout`".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "refused the connection".to_string(),
        ureq::Error::BodyExceedsLimit(_) => format!("answered more than {} KiB", limit / 1024),
        other => format!("could not be reached ({})", super::model::clean(&other.to_string())),
    }
}
