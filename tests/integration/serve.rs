//! `opsbook serve`: the real binary on a free port, edited while it runs, asked over
//! plain HTTP.

use crate::util;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use util::{Server, Site, save};

#[test]
fn serve_follows_edits_new_and_deleted_pages_and_keeps_the_last_good_site_on_errors() {
    let site = Site::fixture("model");
    let server = Server::start(&site, &[]);
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("<script src=\"/__opsbook/live.js\" data-version=\"0\" defer></script></body>"), "{home}");
    let (status, script) = server.get("/__opsbook/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    // Links point at the server, not at the configured base URL.
    assert!(!home.contains("ops.example.org") && !home.contains("href=\"/handbook/"), "{home}");

    // An edit shows up.
    let cache = site.read("content/runbooks/cache.md");
    save(&site, "content/runbooks/cache.md", &cache.replace("Flush it.", "Flush it twice."));
    server.wait_for("the edit", |s| s.get("/runbooks/cache/").1.contains("Flush it twice."));

    // A new page, then its deletion.
    save(&site, "content/guides/on-call.md", "---\ntitle: On-call guide\n---\nCarry the pager.\n");
    server.wait_for("the new page", |s| s.get("/guides/on-call/").1.contains("Carry the pager."));
    assert!(server.get("/guides/").1.contains("On-call guide"));
    std::fs::remove_file(site.root.join("content/guides/on-call.md")).expect("remove");
    server.wait_for("the page to go", |s| s.get("/guides/on-call/").0 == 404);
    let (_, not_found) = server.get("/guides/on-call/");
    assert!(not_found.contains("/__opsbook/live.js"), "the 404 page reloads too");

    // Broken front matter: the error is printed, the last good page stays.
    let broken = cache.replace("title: Cache flush", "title: [Cache flush");
    save(&site, "content/runbooks/cache.md", &broken.replace("Flush it.", "Flush it thrice."));
    server.wait_for("the error", |s| s.stderr().contains("Still serving the last good version"));
    assert!(server.stderr().contains("content/runbooks/cache.md:"), "{}", server.stderr());
    let (status, page) = server.get("/runbooks/cache/");
    assert_eq!(status, 200);
    assert!(page.contains("Flush it twice.") && !page.contains("thrice"));
    // A page that connects now is told about the error.
    let mut events = TcpStream::connect(&server.address).expect("connect");
    events.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(events, "GET /__opsbook/events?path=/runbooks/cache/&since=0 HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    let mut seen = String::new();
    let mut buffer = [0; 4096];
    while !seen.contains("content/runbooks/cache.md:") {
        let n = events.read(&mut buffer).expect("read events");
        assert!(n > 0, "the event stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
    }
    assert!(seen.contains("text/event-stream") && seen.contains("event: problems"), "{seen}");
    assert!(seen.contains("event: reload"), "a page of version 0 missed the edit and reloads: {seen}");

    // The fix clears it.
    save(&site, "content/runbooks/cache.md", &cache.replace("Flush it.", "Flush it thrice."));
    server.wait_for("the fix", |s| s.get("/runbooks/cache/").1.contains("Flush it thrice."));
    assert!(server.stderr().contains("Fixed."));

    // A static file and book.toml.
    site.write("static/notes.txt", "plain notes");
    server.wait_for("the static file", |s| s.get("/notes.txt") == (200, "plain notes".to_string()));
    let book = site.read("book.toml");
    let title = book.lines().find(|l| l.starts_with("title")).expect("a title line").to_string();
    save(&site, "book.toml", &book.replace(&title, "title = \"Renamed Handbook\""));
    server.wait_for("the new title", |s| s.get("/").1.contains("Renamed Handbook"));
}

#[test]
fn serve_answers_only_with_the_site_and_refuses_path_traversal() {
    let site = Site::fixture("model");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site, &[]);
    for path in [
        "/../secret.txt",
        "/../book.toml",
        "/runbooks/../../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E/%2E%2E/book.toml",
        "/.%2e/book.toml",
        "/%252e%252e/book.toml",
        "/runbooks%2f..%2f..%2fbook.toml",
        "/..%5cbook.toml",
        "/..\\book.toml",
        "/__opsbook/../book.toml",
        "/%c0%ae%c0%ae/book.toml",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 400, "{path}: {body}");
        assert!(!body.contains("[handbook]") && !body.contains("do not serve"), "{path}: {body}");
    }
    for path in ["/secret.txt", "/book.toml", "/content/runbooks/cache.md", "/static/"] {
        assert_eq!(server.get(path).0, 404, "{path}");
    }
    // A folder is its index page or nothing: no listings.
    let (status, body) = server.get("/search/");
    assert!(status == 200 && !body.contains("manifest.json"), "{status}: {body}");
    // Without the slash: a redirect to it.
    let (status, head, _) = server.request("GET", "/runbooks?x=1", "");
    assert_eq!(status, 301);
    assert!(head.contains("location: /runbooks/?x=1"), "{head}");
    // Never to another host.
    let (status, head, _) = server.request("GET", "//runbooks", "");
    assert_eq!(status, 301);
    assert!(head.contains("location: /runbooks/\r\n"), "{head}");
    // Byte ranges, as the search client asks for snippets.
    let (status, head, body) = server.request("GET", "/runbooks/cache/", "Range: bytes=0-14\r\n");
    assert_eq!((status, body.as_str()), (206, "<!doctype html>"));
    assert!(head.contains("content-range: bytes 0-14/"), "{head}");
    assert_eq!(server.request("POST", "/", "Content-Length: 0\r\n").0, 405);
    let (status, head, body) = server.request("HEAD", "/", "");
    assert!(status == 200 && head.contains("text/html") && body.is_empty(), "{status} {head} {body}");
}

#[test]
fn serve_stops_on_ctrl_c_with_a_page_listening() {
    let site = Site::fixture("model");
    let mut server = Server::start(&site, &[]);
    let mut events = TcpStream::connect(&server.address).expect("connect");
    write!(events, "GET /__opsbook/events?path=/&since=0 HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    let mut buffer = [0; 512];
    events.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let n = events.read(&mut buffer).expect("the stream's headers");
    assert!(String::from_utf8_lossy(&buffer[..n]).contains("200 OK"));
    let status = server.interrupt().expect("serve did not stop within 5 seconds of Ctrl-C");
    assert!(status.success(), "{status:?}");
    assert!(server.stderr().contains("Stopped."), "{}", server.stderr());
}

#[test]
fn serve_says_when_the_port_is_taken_or_there_is_no_handbook() {
    let site = Site::fixture("model");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let run = site.run(&["serve", "--port", &port]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("port {port} on 127.0.0.1 is in use")), "{}", run.stderr);
    let run = site.run(&["serve", "--bind", "not-an-address"]);
    run.expect_code(2);
    let empty = Site::empty("serve-nothing");
    let run = empty.run(&["serve", "--port", "0"]);
    run.expect_code(2);
    assert!(run.stderr.contains("no book.toml"), "{}", run.stderr);
}

#[test]
fn serve_shows_the_audience_it_is_given() {
    let site = Site::fixture("audience");
    let public = Server::start(&site, &[]);
    assert_eq!(public.get("/vault/").0, 404);
    assert!(!public.get("/runbooks/public-restart/").1.contains("CANARY"));
    drop(public);
    let internal = Server::start(&site, &["--audience", "internal"]);
    let (status, vault) = internal.get("/vault/");
    assert_eq!(status, 200);
    assert!(vault.contains("banner-internal"));
    assert!(internal.get("/runbooks/public-restart/").1.contains("CANARY-BLOCK-COMMENT"));
}

#[test]
fn serve_follows_the_data_and_strings_files() {
    // The people of `_data/authors.yml` and a language's words in `i18n/<code>.toml` are
    // read by the build like pages: an edit of either shows up.
    let site = Site::with_files(
        "serve-data",
        &[
            ("book.toml", "[handbook]\ntitle = \"Ops\"\nlanguages = [\"en\", \"fr\"]\n"),
            ("content/_index.md", "# Home\n"),
            ("content/blog/_index.md", "---\ntitle: Blog\n---\n"),
            ("content/blog/_posts/2024-01-02-first.md", "---\ntitle: First\nauthor: ann\n---\nHello.\n"),
            ("_data/authors.yml", "ann:\n  name: Ann Example\n"),
            ("i18n/fr.toml", "menu = \"Le menu\"\n"),
        ],
    );
    let server = Server::start(&site, &[]);
    server.wait_for("the author", |s| s.get("/authors/ann/").1.contains("Ann Example"));
    save(&site, "_data/authors.yml", "ann:\n  name: Ann Renamed\n");
    server.wait_for("the renamed author", |s| s.get("/authors/ann/").1.contains("Ann Renamed"));
    assert!(server.get("/fr/").1.contains(">Le menu<"));
    save(&site, "i18n/fr.toml", "menu = \"Menu principal\"\n");
    server.wait_for("the French words", |s| s.get("/fr/").1.contains(">Menu principal<"));
}

/// The binary turns transparent huge pages off before its work (`src/memory.rs`): the
/// kernel's account of the running process says so.
#[cfg(target_os = "linux")]
#[test]
fn the_process_runs_without_transparent_huge_pages() {
    let site = Site::fixture("model");
    let server = Server::start(&site, &[]);
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).expect("the process's status");
    let line = status.lines().find(|line| line.starts_with("THP_enabled:")).expect("the kernel reports THP_enabled");
    assert_eq!(line.split_whitespace().last(), Some("0"), "{line}");
}
