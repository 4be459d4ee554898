//! Hostile inputs: serve. Clients that connect and say nothing, or half a request, by
//! the hundred; files that change or vanish while the build is broken; a page missing
//! for a moment while an editor saves it; more open pages than the server has
//! connections.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::util::{Server, Site, save};

const PAGE: &str = "---\ntitle: Disk full\n---\nFree some space.\n";

fn handbook(name: &str) -> Site {
    Site::with_files(name, &[("content/_index.md", "# Home\n"), ("content/runbooks/disk.md", PAGE)])
}

/// Opens the event stream of the page at `path`; returns once its headers came.
fn open_events(server: &Server, path: &str) -> TcpStream {
    let mut events = TcpStream::connect(&server.address).expect("connect");
    write!(events, "GET /__opsbook/events?path={path}&since=0 HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    read_until(&mut events, "text/event-stream", Duration::from_secs(10));
    events
}

/// Reads from `stream` until `needle` came, at most `limit`; what was read.
#[track_caller]
fn read_until(stream: &mut TcpStream, needle: &str, limit: Duration) -> String {
    let started = Instant::now();
    let mut seen = String::new();
    let mut buffer = [0; 4096];
    while !seen.contains(needle) {
        let left = limit.saturating_sub(started.elapsed());
        assert!(!left.is_zero(), "no {needle:?} within {limit:?}: {seen}");
        stream.set_read_timeout(Some(left)).expect("timeout");
        match stream.read(&mut buffer) {
            Ok(0) => panic!("the connection closed before {needle:?}: {seen}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
            Err(error) => panic!("no {needle:?} within {limit:?} ({error}): {seen}"),
        }
    }
    seen
}

/// Reads until the server closes the connection, at most `limit`; what was read.
#[track_caller]
fn read_until_closed(stream: &mut TcpStream, limit: Duration) -> String {
    stream.set_read_timeout(Some(limit)).expect("timeout");
    let mut seen = Vec::new();
    match stream.read_to_end(&mut seen) {
        Ok(_) => String::from_utf8_lossy(&seen).into_owned(),
        Err(error) => panic!("still open after {limit:?} ({error}): {}", String::from_utf8_lossy(&seen)),
    }
}

#[test]
fn hundreds_of_idle_and_half_sent_connections_starve_neither_requests_nor_saves_nor_event_streams() {
    let site = handbook("serve-flood");
    // 128 open files: 300 connections would be more than the process may have.
    let server = Server::start_with(&site, &[], &[], Some(128));
    let mut events = open_events(&server, "/runbooks/disk/");
    let mut idle = Vec::new();
    for n in 0..330 {
        let mut stream = TcpStream::connect_timeout(&server.address.parse().expect("address"), Duration::from_secs(5))
            .unwrap_or_else(|e| panic!("connection {n} refused: {e}"));
        if n % 10 == 0 {
            write!(stream, "GET / HTTP/1.1\r\nHost: x\r\n").expect("half a request");
        }
        idle.push(stream);
    }
    let started = Instant::now();
    let (status, page) = server.get("/runbooks/disk/");
    assert_eq!(status, 200, "{page}");
    assert!(started.elapsed() < Duration::from_secs(3), "answered in {:?}", started.elapsed());
    // A save made meanwhile is read, built, served and told to the open page.
    save(&site, "content/runbooks/disk.md", &PAGE.replace("Free some space.", "Free more space."));
    server.wait_for("the save", |s| s.get("/runbooks/disk/").1.contains("Free more space."));
    read_until(&mut events, "event: reload", Duration::from_secs(10));
    assert!(!server.stderr().contains("Too many open files"), "{}", server.stderr());
    drop(idle);
}

#[test]
fn half_sent_requests_and_idle_connections_close_after_the_header_timeout_but_event_streams_stay() {
    let site = handbook("serve-timeouts");
    let server = Server::start_with(&site, &[], &[("OPSBOOK_SERVE_HEADER_TIMEOUT_MS", "300")], None);
    let mut events = open_events(&server, "/runbooks/disk/");
    // Half a request: closed, whatever the server answers first.
    let mut half = TcpStream::connect(&server.address).expect("connect");
    write!(half, "GET /runbooks/disk/ HTTP/1.1\r\nHost: x\r\n").expect("send");
    let started = Instant::now();
    read_until_closed(&mut half, Duration::from_secs(5));
    assert!(started.elapsed() >= Duration::from_millis(250), "closed after {:?}", started.elapsed());
    // A kept-alive connection, answered, then idle: closed too.
    let mut kept = TcpStream::connect(&server.address).expect("connect");
    write!(kept, "GET /runbooks/disk/ HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
    let answer = read_until_closed(&mut kept, Duration::from_secs(5));
    assert!(answer.starts_with("HTTP/1.1 200") && answer.contains("Free some space."), "{answer}");
    // The event stream, quiet for many timeouts, still hears of the next save.
    std::thread::sleep(Duration::from_millis(1500));
    save(&site, "content/runbooks/disk.md", &PAGE.replace("Free some space.", "Free more space."));
    read_until(&mut events, "event: reload", Duration::from_secs(10));
}

#[test]
fn assets_are_served_as_last_built_while_the_build_is_broken() {
    let site = handbook("serve-assets");
    site.write("content/runbooks/disk.md", format!("{PAGE}\n![one](one.png) ![two](two.png)\n"));
    site.write("content/runbooks/one.png", "ONE-v1");
    site.write("content/runbooks/two.png", "TWO-v1");
    site.write("static/extra.css", "CSS-v1");
    let server = Server::start(&site, &[]);
    let good = site.read("content/runbooks/disk.md");
    assert_eq!(server.get("/runbooks/one.png"), (200, "ONE-v1".to_string()));
    save(&site, "content/runbooks/disk.md", &good.replace("title: Disk full", "title: [Disk full"));
    let broken = |s: &Server| s.stderr().matches("Still serving the last good version").count();
    server.wait_for("the error", |s| broken(s) >= 1);
    std::fs::remove_file(site.root.join("content/runbooks/one.png")).expect("remove");
    save(&site, "content/runbooks/two.png", "TWO-v2");
    save(&site, "static/extra.css", "CSS-v2");
    server.wait_for("the changes to be seen", |s| broken(s) >= 2);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(server.get("/runbooks/one.png"), (200, "ONE-v1".to_string()), "a deleted image");
    assert_eq!(server.get("/runbooks/two.png"), (200, "TWO-v1".to_string()), "a changed image");
    assert_eq!(server.get("/extra.css"), (200, "CSS-v1".to_string()), "a changed static file");
    // Fixed (without the deleted image): the deletion and the changes show.
    save(&site, "content/runbooks/disk.md", &good.replace("![one](one.png) ", ""));
    server.wait_for("the fix", |s| s.stderr().contains("Fixed."));
    assert_eq!(server.get("/runbooks/one.png").0, 404);
    assert_eq!(server.get("/runbooks/two.png"), (200, "TWO-v2".to_string()));
    assert_eq!(server.get("/extra.css"), (200, "CSS-v2".to_string()));
}

#[cfg(unix)]
#[test]
fn a_page_that_cannot_be_read_is_tried_again_without_another_change() {
    let site = handbook("serve-retry");
    // Outside the watched folders: writing here is no change opsbook hears of.
    site.write("elsewhere/.keep", "");
    let server = Server::start(&site, &[]);
    // An editor saving: for a moment the page is a link to nothing.
    let link = site.root.join("content/runbooks/disk.md.link~");
    std::os::unix::fs::symlink("../../elsewhere/disk.md", &link).expect("symlink");
    std::fs::rename(&link, site.root.join("content/runbooks/disk.md")).expect("rename");
    server.wait_for("the unreadable page", |s| s.stderr().contains("Still serving the last good version"));
    assert!(server.stderr().contains("content/runbooks/disk.md"), "{}", server.stderr());
    site.write("elsewhere/disk.md", PAGE.replace("Free some space.", "Found again."));
    server.wait_for("the page read again", |s| s.get("/runbooks/disk/").1.contains("Found again."));
}

/// 64 open pages held every connection with their event streams, so the next page
/// waited for ever; past 32 streams the oldest is closed, and pages are answered.
#[test]
fn sixty_four_open_event_streams_leave_connections_for_the_pages() {
    let site = handbook("serve-streams");
    let server = Server::start_with(&site, &[], &[], None);
    let mut streams: Vec<TcpStream> = (0..64).map(|_| open_events(&server, "/runbooks/disk/")).collect();
    let started = Instant::now();
    let (status, page) = server.get("/runbooks/disk/");
    assert_eq!(status, 200, "{page}");
    assert!(started.elapsed() < Duration::from_secs(3), "answered in {:?}", started.elapsed());
    // The oldest streams were closed; the newest still hears of a save.
    read_until_closed(&mut streams[0], Duration::from_secs(5));
    save(&site, "content/runbooks/disk.md", &PAGE.replace("Free some space.", "Free more space."));
    let newest = streams.last_mut().expect("a stream");
    read_until(newest, "event: reload", Duration::from_secs(10));
}

/// A file over 16 MB is read from disk when asked, not kept in memory. Replaced by a
/// symbolic link out of the handbook after the last good build, which the rebuild
/// reports, it was answered with the file outside; now only the file that build read
/// is answered, and another one at its path is not found until a build publishes it.
#[cfg(unix)]
#[test]
fn a_large_file_that_became_a_link_out_of_the_handbook_is_not_answered() {
    const OUTSIDE: &str = "OUTSIDE-THE-HANDBOOK-0c7e";
    let site = handbook("serve-large-link");
    let outside = site.root.with_extension("outside");
    std::fs::create_dir_all(&outside).expect("create the folder outside");
    std::fs::write(outside.join("secret.bin"), OUTSIDE).expect("write the file outside");
    site.write("static/big.bin", vec![b'A'; 17 * 1024 * 1024]);
    let server = Server::start(&site, &[]);
    let (status, body) = server.get("/big.bin");
    assert_eq!((status, body.len()), (200, 17 * 1024 * 1024), "the large file as built");
    // An editor's rename: the path is now a link out of the handbook.
    let link = site.root.join("static/big.bin.link~");
    std::os::unix::fs::symlink(outside.join("secret.bin"), &link).expect("symlink");
    std::fs::rename(&link, site.root.join("static/big.bin")).expect("rename");
    server.wait_for("the rebuild's report", |s| {
        s.stderr().contains("symlink-outside-root") && s.stderr().contains("Still serving the last good version")
    });
    let (status, body) = server.get("/big.bin");
    assert!(!body.contains(OUTSIDE), "the file outside the handbook was answered ({status})");
    assert_eq!(status, 404, "{body}");
    let (status, page) = server.get("/runbooks/disk/");
    assert_eq!(status, 200, "the rest of the last good site is served: {page}");
    std::fs::remove_dir_all(&outside).expect("remove the folder outside");
}
