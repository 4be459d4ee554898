//! The community's search index, `search/community.json`: the peers' pages as their
//! `handbook.json` lists them, made at build time into one small file that the search
//! box loads only when "all handbooks" is chosen (the default theme's
//! `search-community.js`, which ranks them with the handbook's own results).
//!
//! 1. Each peer's pages become a row: the peer's number, the page's absolute URL (its
//!    peer's `url` and its checked path: never another host or scheme), its title,
//!    kind and description, and its words (its anchors' words, tags and service).
//! 2. Text is cut to [`TITLE_CHARS`] and [`TEXT_CHARS`] characters; a page gives at
//!    most [`ANCHORS_PER_PAGE`] anchors.
//! 3. Rows are taken one peer after the other, a page of each in turn, while the file
//!    stays under [`MAX_BYTES`]: one peer of many pages cannot crowd out the others.
//! 4. Everything is text for the client's text nodes; `<`, `>` and `&` are written as
//!    JSON escapes besides, so the file never reads as markup.

use serde::Serialize;

use super::Peers;
use super::model::PeerPage;

/// The site path of the community's index.
pub(crate) const PATH: &str = "search/community.json";
/// The most bytes of the index's JSON (before compression).
pub(crate) const MAX_BYTES: usize = 512 * 1024;
/// The most characters of a page's title.
const TITLE_CHARS: usize = 120;
/// The most characters of a page's description and of its words.
const TEXT_CHARS: usize = 200;
/// The most anchors of a page made into words.
const ANCHORS_PER_PAGE: usize = 20;

/// The index file.
#[derive(Debug, Serialize)]
struct Index {
    /// The peers, in book.toml's order: name, title, URL.
    peers: Vec<[String; 3]>,
    /// The pages: peer number, URL, title, kind, description, words.
    pages: Vec<Row>,
}

/// One page of a peer.
#[derive(Debug, Serialize)]
struct Row(usize, String, String, String, String, String);

/// `text` cut to `max` characters.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Whether `url` may be a link of the index: an `http(s)` address under `base`.
fn under(url: &str, base: &str) -> bool {
    (base.starts_with("https://") || base.starts_with("http://")) && url.starts_with(base)
}

/// The row of `page` of peer number `peer` published at `base`, when its URL is fit.
fn row(peer: usize, base: &str, page: &PeerPage) -> Option<Row> {
    let url = format!("{base}{}", page.path);
    if !super::model::plain_path(&page.path) || !under(&url, base) {
        return None;
    }
    let anchors = page.anchors.iter().flatten().take(ANCHORS_PER_PAGE).map(|a| a.replace(['-', '_'], " "));
    let mut words: Vec<String> = anchors.chain(page.tags.iter().cloned()).chain(page.service.clone()).collect();
    words.dedup();
    Some(Row(
        peer,
        url,
        cut(&page.title, TITLE_CHARS),
        cut(&page.kind, 40),
        cut(&page.description, TEXT_CHARS),
        cut(&words.join(" "), TEXT_CHARS),
    ))
}

/// The JSON text of a value, with `<`, `>` and `&` as JSON escapes.
fn escaped_json<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_string(value).unwrap_or_default();
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// The community's index of `peers` (those this build could read, or whose copies it
/// has), within [`MAX_BYTES`].
pub(crate) fn community_index(peers: &Peers) -> String {
    let list: Vec<_> = peers.list.iter().collect();
    let index_peers = list
        .iter()
        .map(|peer| [peer.config.name.clone(), super::views::title_of(peer), peer.config.url.clone()])
        .collect();
    let mut index = Index { peers: index_peers, pages: Vec::new() };
    let mut bytes = escaped_json(&index).len();
    let mut pages: Vec<_> = list.iter().map(|peer| peer.data.iter().flat_map(|data| data.pages.iter())).collect();
    let mut full = false;
    while !full {
        let mut took = false;
        for (n, peer_pages) in pages.iter_mut().enumerate() {
            let Some(page) = peer_pages.next() else { continue };
            took = true;
            let Some(row) = row(n, &list[n].config.url, page) else { continue };
            let size = escaped_json(&row).len() + 1;
            if bytes + size > MAX_BYTES {
                full = true;
                break;
            }
            bytes += size;
            index.pages.push(row);
        }
        full |= !took;
    }
    escaped_json(&index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PeerConfig;
    use crate::peers::Peer;
    use crate::peers::model::read_handbook;

    fn peer(name: &str, url: &str, json: &str) -> Peer {
        let config = PeerConfig { name: name.into(), url: url.into(), title: None, logo: None, at: (1, 1) };
        Peer { config, data: read_handbook(json.as_bytes(), url).ok(), fetched_at: None, problem: None }
    }

    fn index_of(peers: Vec<Peer>) -> serde_json::Value {
        serde_json::from_str(&community_index(&Peers { list: peers })).unwrap()
    }

    #[test]
    fn lists_each_peers_pages_under_its_url() {
        let a = peer(
            "csp-a",
            "https://ops.a.example/handbook/",
            r#"{"title":"A ops","pages":[
              {"path":"runbooks/db/","title":"DB failover","kind":"runbook","description":"Promote a replica",
               "tags":["database"],"fields":{"service":"ledger"},"anchors":["roll-back","steps"]}]}"#,
        );
        let index = index_of(vec![a]);
        assert_eq!(index["peers"][0], serde_json::json!(["csp-a", "A ops", "https://ops.a.example/handbook/"]));
        assert_eq!(
            index["pages"][0],
            serde_json::json!([
                0,
                "https://ops.a.example/handbook/runbooks/db/",
                "DB failover",
                "runbook",
                "Promote a replica",
                "roll back steps database ledger"
            ])
        );
    }

    #[test]
    fn drops_pages_that_lead_elsewhere() {
        let a = peer(
            "a",
            "https://ops.a.example/",
            r#"{"pages":[{"path":"javascript:alert(1)","title":"Phish"},{"url":"https://evil.example/x/","title":"Off"},
              {"path":"//evil.example/","title":"Slashes"},{"path":"ok/","title":"Fine"}]}"#,
        );
        let json = community_index(&Peers { list: vec![a] });
        assert!(!json.contains("javascript") && !json.contains("evil"), "{json}");
        assert_eq!(index_of_json(&json)["pages"][0][1], "https://ops.a.example/ok/");
    }

    fn index_of_json(json: &str) -> serde_json::Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn writes_markup_as_text_escaped() {
        let a =
            peer("a", "https://a.example/", r#"{"pages":[{"path":"x/","title":"<img src=x onerror=alert(1)> & co"}]}"#);
        let json = community_index(&Peers { list: vec![a] });
        assert!(!json.contains('<') && !json.contains('>') && !json.contains('&'), "{json}");
        assert_eq!(index_of_json(&json)["pages"][0][2], "<img src=x onerror=alert(1)> & co");
    }

    #[test]
    fn shares_the_bytes_between_peers() {
        let many: Vec<String> = (0..10_000)
            .map(|n| format!(r#"{{"path":"p{n}/","title":"{}","description":"{}"}}"#, "T".repeat(500), "d".repeat(500)))
            .collect();
        let big = peer("big", "https://big.example/", &format!(r#"{{"pages":[{}]}}"#, many.join(",")));
        let small = peer("small", "https://small.example/", r#"{"pages":[{"path":"only/","title":"Only page"}]}"#);
        let json = community_index(&Peers { list: vec![big, small] });
        assert!(json.len() <= MAX_BYTES, "{}", json.len());
        let index = index_of_json(&json);
        let rows = index["pages"].as_array().unwrap();
        assert!(rows.iter().any(|row| row[2] == "Only page"), "the small peer is not crowded out");
        let longest = rows.iter().map(|row| row[2].as_str().unwrap().chars().count()).max().unwrap();
        assert_eq!(longest, TITLE_CHARS + 1);
    }
}
