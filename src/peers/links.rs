//! Links to a peer's pages: `[text](csp-a:runbooks/db-failover.md#steps)` (the peer's
//! name, then the page's Markdown file relative to the peer's content folder, or its
//! path in the peer's site) and plain URLs under a peer's `url`. Each resolves to the
//! page's address in the peer's site and is checked against the peer's handbook.json
//! as a link inside the handbook is: no such page, or no such anchor on it, is a
//! broken link at the linking line (with the same severity, baseline and annotations);
//! a link to a path the peer redirects names the page it moved to. A peer whose
//! handbook.json is not known (never read, no copy) checks nothing: the link is written
//! as its address and the build's warning about the peer says so.

use super::Peers;
use super::model::{PeerData, PeerPage, plain_path};
use crate::markdown::links::Resolution;
use crate::percent::percent_decode;

/// What `destination` resolves to when it names a peer's page; `None` when it names no
/// peer.
pub(crate) fn resolve(peers: &Peers, destination: &str) -> Option<Resolution> {
    let (peer, rest) = peers.list.iter().find_map(|peer| {
        let url = &peer.config.url;
        let named = destination.strip_prefix(peer.config.name.as_str()).and_then(|rest| rest.strip_prefix(':'));
        named.or_else(|| destination.strip_prefix(url.as_str())).map(|rest| (peer, rest))
    })?;
    let (path, anchor) = match rest.split_once('#') {
        Some((path, anchor)) => (path, Some(percent_decode(anchor))),
        None => (rest, None),
    };
    let path = percent_decode(path.split('?').next().unwrap_or(""));
    let path = path.trim_start_matches('/');
    let name = &peer.config.name;
    if !plain_path(path) {
        let message = format!("`{destination}` is no page of the peer `{name}`: its path may not climb or hold a URL");
        return Some(Resolution::Broken { message, asset: false, suggestion: None });
    }
    let href = |site_path: &str| {
        let anchor = anchor.as_ref().map(|a| format!("#{}", crate::markdown::links::percent_encode_path(a)));
        format!(
            "{}{}{}",
            peer.config.url,
            crate::markdown::links::percent_encode_path(site_path),
            anchor.unwrap_or_default()
        )
    };
    let Some(data) = &peer.data else {
        return Some(Resolution::File { href: href(&guessed_path(path)), asset: None });
    };
    if let Some(page) = find(data, path) {
        if let (Some(anchor), Some(anchors)) = (&anchor, &page.anchors)
            && !anchors.contains(anchor)
        {
            let message = format!("the page `{}` of the peer `{name}` has no anchor `#{anchor}`", page.path);
            let suggestion = closest(anchors.iter().map(String::as_str), anchor).map(|a| format!("{name}:{path}#{a}"));
            return Some(Resolution::Broken { message, asset: false, suggestion });
        }
        return Some(Resolution::File { href: href(&page.path), asset: None });
    }
    let wanted = site_path_of(path);
    if let Some(page) = data.pages.iter().find(|page| page.aliases.contains(&wanted)) {
        let message = format!(
            "the page `{wanted}` of the peer `{name}` moved to `{}` (the peer redirects `{wanted}` there)",
            page.path
        );
        return Some(Resolution::Broken {
            message,
            asset: false,
            suggestion: Some(format!("{name}:{}", link_of(data, page))),
        });
    }
    let suggestion = closest(data.pages.iter().map(|page| page.path.as_str()), &wanted).map(|p| format!("{name}:{p}"));
    let message = format!("the peer `{name}` has no page `{path}`");
    Some(Resolution::Broken { message, asset: false, suggestion })
}

/// The page `path` names: by its Markdown file (relative to the content folder), else
/// by its site path.
fn find<'a>(data: &'a PeerData, path: &str) -> Option<&'a PeerPage> {
    if crate::content::walk::is_markdown(path) {
        let source = format!("{}{path}", data.content_prefix);
        return data.pages.iter().find(|page| page.source.as_deref() == Some(source.as_str()));
    }
    let wanted = site_path_of(path);
    data.pages.iter().find(|page| page.path == wanted)
}

/// A site path as handbook.json writes them: a folder ends in `/`, the home page is `""`.
fn site_path_of(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') || path.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        guessed_path(path)
    } else {
        format!("{path}/")
    }
}

/// The site path opsbook would give the page of Markdown file `path`, for a peer whose
/// pages are not known: `runbooks/db.md` is `runbooks/db/`, `runbooks/_index.md` is
/// `runbooks/`.
fn guessed_path(path: &str) -> String {
    if !crate::content::walk::is_markdown(path) {
        return path.to_string();
    }
    let stem = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    let (folder, name) = stem.rsplit_once('/').map_or(("", stem), |(folder, name)| (folder, name));
    let folder = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    match name {
        "_index" | "index" | "README" => folder,
        name => format!("{folder}{name}/"),
    }
}

/// How a link names `page`: its Markdown file relative to the content folder, else its
/// path.
fn link_of(data: &PeerData, page: &PeerPage) -> String {
    let source = page.source.as_deref().and_then(|s| s.strip_prefix(data.content_prefix.as_str()));
    source.unwrap_or(&page.path).to_string()
}

/// The candidate closest to `wanted`, when it is close.
fn closest<'a>(candidates: impl Iterator<Item = &'a str>, wanted: &str) -> Option<String> {
    let best = candidates.min_by_key(|c| (crate::suggest::distance(wanted, c), *c))?;
    (crate::suggest::distance(wanted, best) <= wanted.len().max(3) / 2).then(|| best.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::{Peer, PeerConfig};
    use super::*;

    fn peers(data: Option<PeerData>) -> Peers {
        let config = PeerConfig {
            name: "csp-a".into(),
            url: "https://ops.a.example/handbook/".into(),
            title: None,
            logo: None,
            at: (1, 1),
        };
        Peers { list: vec![Peer { config, data, fetched_at: None, problem: None }] }
    }

    fn data() -> PeerData {
        let json = br#"{"pages":[{"path":"","source":"content/_index.md"},
            {"path":"runbooks/db-failover/","source":"content/runbooks/db-failover.md","anchors":["steps"],"aliases":["runbooks/db/"]}]}"#;
        super::super::model::read_handbook(json, "https://ops.a.example/handbook/").unwrap()
    }

    fn href(resolution: Option<Resolution>) -> String {
        match resolution {
            Some(Resolution::File { href, .. }) => href,
            other => panic!("{other:?}"),
        }
    }

    fn broken(resolution: Option<Resolution>) -> (String, Option<String>) {
        match resolution {
            Some(Resolution::Broken { message, suggestion, .. }) => (message, suggestion),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn resolves_a_peers_page_by_file_path_or_url() {
        let peers = peers(Some(data()));
        let url = "https://ops.a.example/handbook/runbooks/db-failover/#steps";
        assert_eq!(href(resolve(&peers, "csp-a:runbooks/db-failover.md#steps")), url);
        assert_eq!(href(resolve(&peers, "csp-a:/runbooks/db-failover/#steps")), url);
        assert_eq!(href(resolve(&peers, url)), url);
        assert_eq!(href(resolve(&peers, "csp-a:")), "https://ops.a.example/handbook/");
        assert!(resolve(&peers, "https://other.example/x").is_none());
        assert!(resolve(&peers, "csp-b:x.md").is_none());
    }

    #[test]
    fn reports_missing_pages_anchors_and_moved_pages() {
        let peers = peers(Some(data()));
        let (message, suggestion) = broken(resolve(&peers, "csp-a:runbooks/db-failover.md#step"));
        assert_eq!(message, "the page `runbooks/db-failover/` of the peer `csp-a` has no anchor `#step`");
        assert_eq!(suggestion.as_deref(), Some("csp-a:runbooks/db-failover.md#steps"));
        let (message, suggestion) = broken(resolve(&peers, "csp-a:runbooks/db.md"));
        assert!(
            message.contains("moved to `runbooks/db-failover/` (the peer redirects `runbooks/db/` there)"),
            "{message}"
        );
        assert_eq!(suggestion.as_deref(), Some("csp-a:runbooks/db-failover.md"));
        let (message, _) = broken(resolve(&peers, "csp-a:runbooks/nothing.md"));
        assert_eq!(message, "the peer `csp-a` has no page `runbooks/nothing.md`");
        let (message, _) = broken(resolve(&peers, "csp-a:../../etc/passwd"));
        assert!(message.contains("may not climb"), "{message}");
    }

    #[test]
    fn checks_nothing_of_a_peer_whose_pages_are_unknown() {
        let peers = peers(None);
        let href = href(resolve(&peers, "csp-a:runbooks/db.md#steps"));
        assert_eq!(href, "https://ops.a.example/handbook/runbooks/db/#steps");
    }
}
