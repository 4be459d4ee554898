//! Hostile inputs: peers (`[[peers]]`). A peer is another organisation's server: it may
//! answer slowly or never, hugely, with what is not JSON, with a redirect to another
//! host, or with pages, links and text that lead out of its site or carry markup. The
//! build reads each within one budget and its limits, reports each peer by name and
//! reason, never fails for one, and shows nothing of a peer that is not its own site's
//! text, escaped.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use crate::util::{Site, http_answer, serve_http};

/// A server on 127.0.0.1 answering every request with `answer` (`None`: never).
fn server(answer: impl Fn(&str) -> Option<Vec<u8>> + Send + Sync + 'static) -> String {
    serve_http(TcpListener::bind("127.0.0.1:0").expect("a port"), Box::new(move |path, _| answer(path)))
}

/// An `https://` address on 127.0.0.1 whose server writes a plain HTTP answer as soon
/// as a client connects, before reading anything, and hangs up.
fn plain_answer_at_once() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let url = format!("https://{}/", listener.local_addr().expect("its address"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let _ = std::io::Write::write_all(&mut stream, &http_answer("200 OK", "", b"{}"));
        }
    });
    url
}

/// A handbook whose peers are `peers` (name, URL), read within 1 s.
fn watcher(name: &str, peers: &[(&str, String)], page: &str) -> Site {
    let mut book =
        String::from("[handbook]\ntitle = \"Watcher\"\n\n[check]\nlinks = \"warn\"\n\n[community]\ntimeout = \"1s\"\n");
    for (peer, url) in peers {
        book.push_str(&format!("\n[[peers]]\nname = \"{peer}\"\nurl = \"{url}\"\n"));
    }
    Site::with_files(name, &[("book.toml", book.as_str()), ("content/_index.md", page)])
}

#[test]
fn a_slow_huge_invalid_or_redirecting_peer_is_a_warning_within_the_budget() {
    let slow = server(|_| None);
    let huge = server(|_| Some(http_answer("200 OK", "", &vec![b' '; 17 * 1024 * 1024])));
    let invalid = server(|_| Some(http_answer("200 OK", "", b"<html>not json</html>")));
    let redirect =
        server(|_| Some(http_answer("302 Found", "location: http://elsewhere.example/handbook.json\r\n", b"")));
    // A server that answers plain HTTP at once behind an `https://` address: the TLS
    // handshake fails on its first bytes.
    let not_tls = plain_answer_at_once();
    let peers = [("slow", slow), ("huge", huge), ("invalid", invalid), ("redirect", redirect), ("tls", not_tls)];
    let site = watcher("peers-unreadable", &peers, "# Home\n\n[a runbook](slow:runbooks/db.md)\n");
    let started = Instant::now();
    let run = site.build(&[]);
    let took = started.elapsed();
    run.expect_code(0);
    let warning = |name: &str| {
        let found = run.stderr.split("\n\n").find(|d| d.contains(&format!("the peer `{name}`")));
        found.unwrap_or_else(|| panic!("no warning about {name}: {}", run.stderr)).to_string()
    };
    assert!(warning("slow").starts_with("warning[peer-unavailable]: the peer `slow`"), "{}", run.stderr);
    assert!(warning("slow").contains(" --> book.toml:11:8"), "{}", run.stderr);
    assert!(warning("slow").contains("did not answer within `[community] timeout`"), "{}", run.stderr);
    assert!(warning("huge").contains("answered more than 16384 KiB"), "{}", run.stderr);
    assert!(warning("invalid").contains("is not opsbook's JSON"), "{}", run.stderr);
    assert!(warning("redirect").contains("redirect to http://elsewhere.example/handbook.json, which is not followed"));
    assert!(warning("tls").contains("could not be reached"), "{}", run.stderr);
    assert!(!warning("tls").contains("without TLS"), "{}", run.stderr);
    // One budget for all four, not one each: the build waits 1 s for them, not 4.
    assert!(took < Duration::from_secs(1) + Duration::from_secs(3), "took {took:?}");
    // A link to a peer whose pages are unknown goes to its address, unchecked.
    let home = site.read("public/index.html");
    assert!(home.contains("runbooks/db/\">a runbook</a>"), "{home}");
    let page = site.read("public/community/index.html");
    assert_eq!(page.matches("status-level-unknown").count(), 5, "{page}");
    assert!(!page.contains("status-level-green"));
}

#[test]
fn a_peers_pages_links_and_text_never_lead_out_of_its_site_nor_carry_markup() {
    let handbook = br#"{"title":"<img src=x onerror=alert(1)>","pages":[
        {"path":"","source":"content/_index.md","title":"Home","kind":"page"},
        {"path":"runbooks/x/","source":"content/runbooks/x.md","title":"<script>alert(1)</script>","kind":"runbook","tags":["<b>t</b>"]},
        {"path":"../../../etc/","title":"Climb","kind":"runbook","tags":["t"]},
        {"url":"https://elsewhere.example/phish/","title":"Phish","kind":"runbook","tags":["t"]},
        {"path":"javascript:alert(2)//","title":"Script","kind":"runbook","tags":["t"]}]}"#;
    let summary = br#"{"page":{"updated_at":"2026-11-15T12:00:00Z"},"components":[],
        "incidents":[{"name":"Down","status":"investigating","impact":"major","shortlink":"javascript:alert(3)"},
                     {"name":"Off site","status":"investigating","impact":"major","shortlink":"https://elsewhere.example/x"}],
        "scheduled_maintenances":[]}"#;
    let peer = server(move |path| {
        Some(match path {
            "/handbook.json" => http_answer("200 OK", "", handbook),
            "/status/api/v2/summary.json" => http_answer("200 OK", "", summary),
            _ => http_answer("404 Not Found", "", b""),
        })
    });
    let page = "# Home\n\n[out](evil:../../etc/passwd) and [ok](evil:runbooks/x.md)\n";
    let site = watcher("peers-hostile", &[("evil", peer.clone())], page);
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(run.stderr.contains("is no page of the peer `evil`: its path may not climb"), "{}", run.stderr);
    let html = site.read("public/community/index.html");
    let main = crate::util::main_of(&html);
    for never in ["elsewhere.example", "javascript:", "<script>", "<img src=x", "<b>t</b>", "etc/"] {
        assert!(!main.contains(never), "{never} in {main}");
    }
    assert!(
        main.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || main.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    assert!(main.contains(&format!("href=\"{peer}runbooks/x/\"")), "{main}");
    let links = crate::util::links_in(main);
    assert!(links.iter().filter(|l| l.starts_with("http")).all(|l| l.starts_with(&peer)), "{links:?}");
}

#[test]
fn a_peer_of_ten_thousand_pages_with_huge_titles_and_markup_is_bounded_and_escaped_in_the_search_index() {
    // Ten thousand pages of 1.2 KB (12 MB, under the 16 MiB read of a peer's file), the
    // markup first and the page that leads elsewhere among them.
    let mut pages = vec![
        r#"{"path":"x/","title":"<img src=x onerror=alert(1)> & zebrafinch","kind":"runbook"}"#.to_string(),
        r#"{"path":"javascript:alert(2)//","title":"Script"}"#.to_string(),
        r#"{"url":"https://elsewhere.example/phish/","title":"Phish"}"#.to_string(),
    ];
    pages.extend((0..10_000).map(|n| {
        format!(r#"{{"path":"p{n}/","title":"<b>{n}</b> {}","description":"{}"}}"#, "T".repeat(600), "d".repeat(600))
    }));
    let handbook = format!(r#"{{"title":"Many","pages":[{}]}}"#, pages.join(","));
    let big = server(move |path| {
        Some(match path {
            "/handbook.json" => http_answer("200 OK", "", handbook.as_bytes()),
            _ => http_answer("404 Not Found", "", b""),
        })
    });
    let small = server(|path| {
        Some(match path {
            "/handbook.json" => {
                http_answer("200 OK", "", br#"{"title":"Small","pages":[{"path":"only/","title":"Only page"}]}"#)
            }
            _ => http_answer("404 Not Found", "", b""),
        })
    });
    let site = watcher("peers-search-bounded", &[("big", big.clone()), ("small", small.clone())], "# Home\n");
    site.build(&[]).expect_code(0);
    let json = site.read("public/search/community.json");
    // Bounded: at most 512 KiB of JSON, a few dozen KiB as sent, whatever the peer lists.
    assert!(json.len() <= 512 * 1024, "{} bytes", json.len());
    assert!(std::fs::metadata(site.root.join("public/search/community.json")).expect("written").len() < 64 * 1024);
    // Escaped: text only, and no `<`, `>` or `&` as such; nothing that leads elsewhere.
    for never in ["<", ">", "&", "javascript:", "elsewhere.example"] {
        assert!(!json.contains(never), "{never} in the index");
    }
    let index: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let rows = index["pages"].as_array().expect("pages");
    assert_eq!(rows[0][2], "<img src=x onerror=alert(1)> & zebrafinch", "markup kept as text");
    assert!(rows.iter().any(|row| row[1] == format!("{small}only/")), "the small peer keeps its page");
    assert!(rows.iter().all(|row| row[1].as_str().is_some_and(|u| u.starts_with(&big) || u.starts_with(&small))));
    assert!(rows.iter().all(|row| row[2].as_str().is_some_and(|t| t.chars().count() <= 121)));
}
