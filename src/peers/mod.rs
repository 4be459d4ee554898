//! A community of handbooks: the peers a handbook names in `[[peers]]` (configured in
//! `config/peers.rs`, below the model, as every table of book.toml is), read at build
//! time from what each publishes (`handbook.json`, `status/health.json`, the Statuspage
//! summary), so that links to their pages are checked ([`links`]) and the community
//! page `/community/` and its feed show their state, incidents, reviews and runbooks
//! ([`views`]), and the search box finds their pages ([`search`]).
//!
//! The peers are read in the pipeline beside the status page's health, before the
//! Markdown step that resolves links ([`gather`]); the model holds the result on
//! `Site::peers`. A peer that cannot be read is a `peer-unavailable` warning at its
//! table in book.toml naming the reason, and its last copy (kept in the build cache's
//! folder of peers, [`fetch`]) stands in, shown with its age: a build never fails for a
//! peer.

pub(crate) mod fetch;
pub(crate) mod links;
pub(crate) mod model;
pub(crate) mod search;
pub(crate) mod views;

use std::time::Instant;

pub(crate) use crate::config::{PeerConfig, PeersConfig};
use fetch::{Answer, FILES, Kept};
use model::PeerData;

use crate::config::CONFIG_FILE;
use crate::dates::Timestamp;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::fs::OwnFolder;

/// The name of the folder of kept copies in a `--cache-dir`, and the suffix of the one
/// beside an output folder (`.public.opsbook-peers`).
pub(crate) const FOLDER: &str = "opsbook-peers";

/// Every peer, as this build read it.
#[derive(Debug, Default)]
pub(crate) struct Peers {
    /// In book.toml's order.
    pub(crate) list: Vec<Peer>,
}

/// One peer, as this build read it.
#[derive(Debug)]
pub(crate) struct Peer {
    /// Its table in book.toml.
    pub(crate) config: PeerConfig,
    /// What it publishes: this build's answers, or the last copies; `None` when there
    /// are neither.
    pub(crate) data: Option<PeerData>,
    /// When its handbook.json was fetched (now, or when the copy was made).
    pub(crate) fetched_at: Option<Timestamp>,
    /// Why this build could not read it, when it could not.
    pub(crate) problem: Option<String>,
}

/// Reads every peer of `config` (from the network unless `offline`), keeping copies in
/// `folder`; each peer that cannot be read is a warning.
pub(crate) fn gather(
    config: &PeersConfig,
    folder: Option<&OwnFolder>,
    offline: bool,
    now: Timestamp,
    diagnostics: &mut Vec<Diagnostic>,
) -> Peers {
    let kept: Vec<[Option<Kept>; 3]> =
        config.list.iter().map(|peer| FILES.map(|(_, file, _)| fetch::kept(folder, &peer.name, file))).collect();
    let answers = if offline {
        config.list.iter().map(|_| None).collect()
    } else {
        let requests = config
            .list
            .iter()
            .zip(&kept)
            .map(|(peer, kept)| fetch::Request {
                url: peer.url.clone(),
                validators: std::array::from_fn(|n| {
                    kept[n].as_ref().map_or((None, None), |k| (k.etag.clone(), k.last_modified.clone()))
                }),
            })
            .collect();
        fetch::ask_all(requests, Instant::now() + config.budget)
    };
    let mut list = Vec::with_capacity(config.list.len());
    for ((peer, kept), answers) in config.list.iter().zip(kept).zip(answers) {
        let read = settle(peer, kept, answers, offline, now, folder);
        if let Some(problem) = &read.problem {
            diagnostics.push(warning(peer, problem, read.fetched_at, now));
        }
        list.push(read);
    }
    Peers { list }
}

/// One peer from its kept copies and this build's answers (`None` offline, or when it
/// did not answer in time): each fresh body that reads is kept, anything else falls
/// back on the copy.
fn settle(
    peer: &PeerConfig,
    kept: [Option<Kept>; 3],
    answers: Option<[Answer; 3]>,
    offline: bool,
    now: Timestamp,
    folder: Option<&OwnFolder>,
) -> Peer {
    let mut problem = match (&answers, offline) {
        (None, true) => kept[0].is_none().then(|| "the build is offline and has no copy of it".to_string()),
        (None, false) => Some("did not answer within `[community] timeout`".to_string()),
        (Some(_), _) => None,
    };
    let answers = answers.map(|a| a.map(Some)).unwrap_or_default();
    let mut bodies: Vec<Option<Kept>> = Vec::with_capacity(3);
    for (n, (kept, answer)) in kept.into_iter().zip(answers).enumerate() {
        let (_, file, _) = FILES[n];
        let fresh = match answer {
            Some(Answer::Fresh(body, etag, last_modified)) => {
                let copy = Kept { etag, last_modified, fetched_at: now.seconds(), body };
                match parses(peer, n, &copy.body) {
                    Ok(()) => {
                        fetch::keep(folder, &peer.name, file, &copy);
                        Some(copy)
                    }
                    Err(why) => {
                        problem.get_or_insert(why);
                        None
                    }
                }
            }
            Some(Answer::NotModified) => kept.clone().map(|copy| {
                let copy = Kept { fetched_at: now.seconds(), ..copy };
                fetch::keep(folder, &peer.name, file, &copy);
                copy
            }),
            Some(Answer::Missing) => {
                bodies.push(None);
                continue;
            }
            Some(Answer::Failed(why)) => {
                problem.get_or_insert(why);
                None
            }
            None => None,
        };
        bodies.push(fresh.or(kept));
    }
    let fetched_at = bodies[0].as_ref().map(|copy| Timestamp::from_seconds(copy.fetched_at));
    let data = bodies[0].as_ref().and_then(|copy| model::read_handbook(copy.body.as_bytes(), &peer.url).ok());
    let data = data.map(|mut data| {
        data.health = bodies[1].as_ref().and_then(|copy| model::read_health(copy.body.as_bytes()).ok());
        data.summary = bodies[2].as_ref().and_then(|copy| model::read_summary(copy.body.as_bytes(), &peer.url).ok());
        data
    });
    Peer { config: peer.clone(), data, fetched_at, problem }
}

/// Whether the body of file `n` reads as that file: a body that does not is reported
/// and never kept.
fn parses(peer: &PeerConfig, n: usize, body: &str) -> Result<(), String> {
    let bytes = body.as_bytes();
    match n {
        0 => model::read_handbook(bytes, &peer.url).map(|_| ()),
        1 => model::read_health(bytes).map(|_| ()),
        _ => model::read_summary(bytes, &peer.url).map(|_| ()),
    }
}

/// The warning about a peer that could not be read, saying what stands in for it.
fn warning(peer: &PeerConfig, problem: &str, fetched_at: Option<Timestamp>, now: Timestamp) -> Diagnostic {
    let instead = match fetched_at {
        Some(at) => format!(
            "its copy of {} ago is shown",
            crate::dates::format_duration(now.seconds().saturating_sub(at.seconds()))
        ),
        None => "there is no copy of it: its state is unknown and links to it are not checked".to_string(),
    };
    let (line, column) = peer.at;
    Diagnostic::error(
        Rule::PeerUnavailable,
        CONFIG_FILE,
        line,
        column,
        format!("the peer `{}` ({}) could not be read: {problem}; {instead}", peer.name, peer.url),
    )
    .with_severity(Severity::Warning)
}
