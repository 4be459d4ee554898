//! `[[peers]]` and `[community]` of book.toml: the other handbooks this one links to and
//! watches, and the time a build gives them all.
//!
//! Resolving checks, each a `config-field` error at the key or table: a name is a short
//! lower-case word (`csp-a`) that is no URL scheme a link may use, and unique; a URL is
//! absolute `http://` or `https://`, without user, query or fragment (ending in `/` once
//! resolved); a logo is a URL under its peer's; `[community] timeout` is a duration from
//! 1 s to 60 s.
//!
//! The rest of the feature (reading the peers, links to them, the community page) is
//! `crate::peers`, above the model; its configuration is here, below everything.

use std::time::Duration;

use serde::Deserialize;

use super::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Rule, line_column};

/// The most peers a handbook may name.
pub(super) const MAX_PEERS: usize = 64;

/// The time all peers together get in a build unless `[community] timeout` says.
pub(super) const DEFAULT_BUDGET: Duration = Duration::from_secs(3);

/// The schemes a peer's name may not be: a link `https:…` is a URL, not a peer's page.
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp", "file", "data", "javascript", "urn", "ssh", "git"];

/// One `[[peers]]` table as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct PeerTable {
    /// The name links use (`csp-a:runbooks/db.md`). Required.
    name: Option<toml::Spanned<String>>,
    /// Where the peer's handbook is published (its `base-url`). Required.
    url: Option<toml::Spanned<String>>,
    /// What the community page calls it; the title of its handbook.json unless set.
    title: Option<String>,
    /// The URL of its logo, under `url`.
    logo: Option<toml::Spanned<String>>,
}

/// `[community]`: how the peers are read.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct CommunityTable {
    /// The time all peers together may take in one build (`3s`).
    timeout: Option<toml::Spanned<String>>,
}

/// One peer, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerConfig {
    /// Its name.
    pub name: String,
    /// Its URL, ending in `/`.
    pub url: String,
    /// Its title as book.toml gives it.
    pub title: Option<String>,
    /// Its logo's URL, under `url`.
    pub logo: Option<String>,
    /// The line and column of its `name` in book.toml, where warnings about it point.
    pub at: (usize, usize),
}

/// Every peer, and the time they get.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeersConfig {
    /// In book.toml's order.
    pub list: Vec<PeerConfig>,
    /// The time all of them together get in one build.
    pub budget: Duration,
}

impl Default for PeersConfig {
    fn default() -> Self {
        PeersConfig { list: Vec::new(), budget: DEFAULT_BUDGET }
    }
}

/// Resolves `[[peers]]` and `[community]`; problems are `config-field` errors.
pub(super) fn resolve_peers(
    tables: Vec<PeerTable>,
    community: &CommunityTable,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> PeersConfig {
    let mut error = |span: std::ops::Range<usize>, message: String| {
        let (line, column) = line_column(text, span.start);
        problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
    };
    let header = text.find("[[peers]]").unwrap_or(0);
    if tables.len() > MAX_PEERS {
        error(header..header, format!("at most {MAX_PEERS} `[[peers]]` are read, found {}", tables.len()));
    }
    let mut list: Vec<PeerConfig> = Vec::new();
    for table in tables.into_iter().take(MAX_PEERS) {
        let (Some(name), Some(url)) = (&table.name, &table.url) else {
            let missing = if table.name.is_none() { "name" } else { "url" };
            let at = table.name.as_ref().or(table.url.as_ref()).map_or(header..header, |v| v.span());
            error(at, format!("a `[[peers]]` table needs `{missing}`"));
            continue;
        };
        if let Err(message) = check_name(name.get_ref()) {
            error(name.span(), message);
            continue;
        }
        if list.iter().any(|peer| peer.name == *name.get_ref()) {
            error(name.span(), format!("two `[[peers]]` are named `{}`", name.get_ref()));
            continue;
        }
        let url_text = match resolve_url(url.get_ref()) {
            Ok(url) => url,
            Err(message) => {
                error(url.span(), format!("`[[peers]] url` of `{}`: {message}", name.get_ref()));
                continue;
            }
        };
        let logo = match &table.logo {
            Some(logo) => match logo_url(&url_text, logo.get_ref()) {
                Ok(logo) => Some(logo),
                Err(message) => {
                    error(logo.span(), message);
                    None
                }
            },
            None => None,
        };
        list.push(PeerConfig {
            name: name.get_ref().clone(),
            url: url_text,
            title: table.title.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()),
            logo,
            at: line_column(text, name.span().start),
        });
    }
    let budget = match &community.timeout {
        Some(timeout) => match crate::dates::parse_duration(timeout.get_ref().trim()).map(u64::try_from) {
            Some(Ok(seconds)) if (1..=60).contains(&seconds) => Duration::from_secs(seconds),
            _ => {
                let found = timeout.get_ref();
                error(timeout.span(), format!("`[community] timeout` must be from \"1s\" to \"60s\", found {found:?}"));
                DEFAULT_BUDGET
            }
        },
        None => DEFAULT_BUDGET,
    };
    PeersConfig { list, budget }
}

/// Whether `name` can name a peer: lower-case letters, digits and `-`, a letter first,
/// at most 40 characters, no URL scheme.
fn check_name(name: &str) -> Result<(), String> {
    let good = name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !good {
        return Err(format!(
            "`[[peers]] name` must be a lower-case word of letters, digits and `-` such as \"csp-a\", found {name:?}"
        ));
    }
    if SCHEMES.contains(&name) {
        return Err(format!("`[[peers]] name` may not be `{name}`: links read `{name}:` as a URL"));
    }
    Ok(())
}

/// A peer's URL checked and ending in `/`.
pub(super) fn resolve_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(format!("must start with `https://` or `http://`, found {url:?}"));
    };
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() || host.contains('@') {
        return Err(format!("must name a host (and no user), found {url:?}"));
    }
    if url.contains(['?', '#']) || url.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return Err(format!("must be a plain URL without query, fragment or spaces, found {url:?}"));
    }
    if url.split('/').skip(3).any(|segment| segment == "..") {
        return Err(format!("may not have `..` in its path, found {url:?}"));
    }
    Ok(if url.ends_with('/') { url.to_string() } else { format!("{url}/") })
}

/// A logo's URL: absolute, or relative to the peer's URL, and under it.
fn logo_url(peer: &str, logo: &str) -> Result<String, String> {
    let logo = logo.trim();
    let absolute =
        if logo.contains("://") { logo.to_string() } else { format!("{peer}{}", logo.trim_start_matches('/')) };
    if absolute.starts_with(peer) && !absolute.contains("/../") && resolve_url(&absolute).is_ok() {
        Ok(absolute)
    } else {
        Err(format!("`[[peers]] logo` must be a URL under its peer's `url` ({peer}), found {logo:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Book {
        #[serde(default)]
        peers: Vec<PeerTable>,
        #[serde(default)]
        community: CommunityTable,
    }

    fn resolve(text: &str) -> Result<PeersConfig, Vec<String>> {
        let book: Book = toml::from_str(text).unwrap();
        let mut problems = Vec::new();
        let peers = resolve_peers(book.peers, &book.community, text, &mut problems);
        if problems.is_empty() {
            Ok(peers)
        } else {
            Err(problems.iter().map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect())
        }
    }

    #[test]
    fn reads_a_peer_and_ends_its_url_with_a_slash() {
        let peers = resolve(
            "[community]\ntimeout = \"5s\"\n[[peers]]\nname = \"csp-a\"\nurl = \"https://ops.csp-a.example/handbook\"\nlogo = \"logo.svg\"\n",
        )
        .unwrap();
        assert_eq!(peers.budget, Duration::from_secs(5));
        let peer = &peers.list[0];
        assert_eq!(peer.url, "https://ops.csp-a.example/handbook/");
        assert_eq!(peer.logo.as_deref(), Some("https://ops.csp-a.example/handbook/logo.svg"));
        assert_eq!(peer.at, (4, 8));
    }

    #[test]
    fn rejects_bad_names_urls_logos_and_timeouts_at_their_place() {
        let problems = resolve(
            "[community]\ntimeout = \"2h\"\n[[peers]]\nname = \"https\"\nurl = \"https://a.example/\"\n[[peers]]\nname = \"b\"\nurl = \"ftp://b.example/\"\n[[peers]]\nname = \"c\"\nurl = \"https://c.example/\"\nlogo = \"https://evil.example/x.svg\"\n[[peers]]\nname = \"Bad Name\"\nurl = \"https://d.example/\"\n[[peers]]\nname = \"c\"\nurl = \"https://e.example/\"\n[[peers]]\nurl = \"https://f.example/\"\n",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 7, "{problems:#?}");
        assert!(problems[0].starts_with("4:8: `[[peers]] name` may not be `https`"), "{problems:#?}");
        assert!(problems[1].starts_with("8:7: `[[peers]] url` of `b`: must start with"), "{problems:#?}");
        assert!(problems[2].starts_with("12:8: `[[peers]] logo` must be a URL under"), "{problems:#?}");
        assert!(problems[3].starts_with("14:8: `[[peers]] name` must be a lower-case word"), "{problems:#?}");
        assert!(problems[4].starts_with("17:8: two `[[peers]]` are named `c`"), "{problems:#?}");
        assert!(problems[5].starts_with("20:7: a `[[peers]]` table needs `name`"), "{problems:#?}");
        assert!(problems[6].starts_with("2:11: `[community] timeout` must be"), "{problems:#?}");
    }

    #[test]
    fn refuses_urls_with_users_queries_or_climbs() {
        for url in ["https://user@a.example/", "https://a.example/?x=1", "https:///x", "https://a.example/a/../b/"] {
            assert!(resolve_url(url).is_err(), "{url}");
        }
    }
}
