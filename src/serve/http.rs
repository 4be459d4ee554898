//! The dev server's HTTP side (axum): serves the site kept in memory, the live-reload
//! script and its event stream, and nothing else.
//!
//! Only files of the built site are served, looked up by site path in a map: there is
//! no path on disk to escape from, and request paths that try (`..`, `.` segments, in
//! any percent-encoding, encoded slashes, backslashes, NUL, invalid UTF-8) are refused
//! with 400 before the lookup. There are no directory listings: a folder is its
//! `index.html` or a 404. HTML pages get the live-reload script; single byte ranges
//! are answered (the search client asks for page snippets that way).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, PoisonError, RwLock};

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{broadcast, watch};

use super::files::{Served, SiteFiles};
use super::live::{EVENTS_PATH, Live, Message, SCRIPT, SCRIPT_PATH, inject, site_path_of};
use crate::percent::percent_decode_strict;

/// What the server shares with the rebuild thread.
pub(crate) struct Shared {
    /// The files of the last good site.
    files: RwLock<SiteFiles>,
    /// Live reload.
    pub live: Live,
    /// Turns true when the server stops, to end the event streams.
    stop: watch::Receiver<bool>,
    /// The pages the last edit left stale: made before they are answered.
    stale: std::sync::OnceLock<super::stale::StaleHandle>,
}

impl Shared {
    /// Serves `files`; `stop` turns true when the server stops.
    pub(crate) fn new(files: SiteFiles, stop: watch::Receiver<bool>) -> Shared {
        Shared { files: RwLock::new(files), live: Live::default(), stop, stale: std::sync::OnceLock::new() }
    }

    /// Serves the files at `paths` as they are in `files` from now on (a path not in
    /// `files` is no longer served): a rebuild's changes, without copying the rest.
    pub(crate) fn publish(&self, files: &SiteFiles, paths: &[String]) {
        // The files replaced are often the last hold on their bytes (thousands of pages
        // after a section's weight): freed off the lock, and off this thread.
        let mut replaced = Vec::new();
        let mut served = self.files.write().unwrap_or_else(PoisonError::into_inner);
        for path in paths {
            match (files.get(path), served.get_mut(path)) {
                (Some(file), Some(slot)) => replaced.push(std::mem::replace(slot, file.clone())),
                (Some(file), None) => replaced.extend(served.insert(path.clone(), file.clone())),
                (None, _) => replaced.extend(served.remove(path)),
            }
        }
        drop(served);
        if !replaced.is_empty() {
            crate::background::drop_later(replaced);
        }
    }

    /// Makes the pages `stale` says are stale before answering for them.
    pub(crate) fn serve_stale_from(&self, stale: super::stale::StaleHandle) {
        let _ = self.stale.set(stale);
    }

    /// The file at `site_path` as it is now: a stale page is made first.
    pub(crate) fn file(&self, site_path: &str) -> Option<Served> {
        if let Some(bytes) = self.stale.get().and_then(|stale| stale.serve(site_path)) {
            return Some(Served::Bytes(bytes));
        }
        self.files.read().unwrap_or_else(PoisonError::into_inner).get(site_path).cloned()
    }

    fn has(&self, site_path: &str) -> bool {
        self.files.read().unwrap_or_else(PoisonError::into_inner).contains_key(site_path)
    }

    fn is_empty(&self) -> bool {
        self.files.read().unwrap_or_else(PoisonError::into_inner).is_empty()
    }
}

/// The server's routes.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().route(EVENTS_PATH, get(events)).route(SCRIPT_PATH, get(script)).fallback(file).with_state(shared)
}

async fn script() -> Response {
    let mut response = Body::from(SCRIPT).into_response();
    set_headers(&mut response, "text/javascript; charset=utf-8");
    response
}

/// `GET /__opsbook/events?path=/x/&since=N`: the page's live-reload events.
async fn events(State(shared): State<Arc<Shared>>, uri: Uri) -> impl IntoResponse {
    let mut path = String::from("/");
    let mut since = 0;
    for pair in uri.query().unwrap_or("").split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode_strict(value).unwrap_or_default();
        match key {
            "path" => path = value,
            "since" => since = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    let site_path = site_path_of(&path);
    let (now, receiver) = shared.live.subscribe(&site_path, since);
    let stream = page_events(VecDeque::from(now), receiver, shared.stop.clone(), site_path);
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The events for one page: the queued ones, then each change that touches it and
/// every change of the problems, until the server stops.
fn page_events(
    queue: VecDeque<Message>,
    receiver: broadcast::Receiver<Message>,
    stop: watch::Receiver<bool>,
    site_path: String,
) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(
        (queue, receiver, stop, site_path),
        |(mut queue, mut receiver, mut stop, site_path)| async move {
            loop {
                if let Some(message) = queue.pop_front() {
                    if let Some(event) = event_for(&message, &site_path) {
                        return Some((Ok(event), (queue, receiver, stop, site_path)));
                    }
                    continue;
                }
                if *stop.borrow() {
                    return None;
                }
                tokio::select! {
                    received = receiver.recv() => match received {
                        Ok(message) => queue.push_back(message),
                        // Too slow to follow: reload to be sure.
                        Err(broadcast::error::RecvError::Lagged(_)) => {
                            return Some((Ok(Event::default().event("reload").data("lagged")), (queue, receiver, stop, site_path)));
                        }
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    changed = stop.changed() => if changed.is_err() || *stop.borrow() { return None },
                }
            }
        },
    )
}

fn event_for(message: &Message, site_path: &str) -> Option<Event> {
    match message {
        Message::Changed(change) if change.touches(site_path) => {
            Some(Event::default().event("reload").data(change.version.to_string()))
        }
        Message::Changed(_) => None,
        Message::Problems(problems) => {
            Some(Event::default().event("problems").data(serde_json::to_string(&**problems).unwrap_or_default()))
        }
    }
}

/// Any other request: a file of the site.
async fn file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = match request_path(uri.path()) {
        Ok(path) => path,
        Err(why) => return (StatusCode::BAD_REQUEST, format!("bad request: {why}\n")).into_response(),
    };
    let version = shared.live.version();
    if shared.is_empty() {
        return not_built(version);
    }
    let site_path = site_path_of(&path);
    if let Some(served) = shared.file(&site_path) {
        // Files copied as they are (static files, assets) are read from disk: small,
        // and only while serving.
        return match served.read() {
            Ok(bytes) => respond(StatusCode::OK, &site_path, &bytes, version, headers.get(header::RANGE)),
            Err(_) => not_found(&shared, version),
        };
    }
    if !path.ends_with('/') && shared.has(&format!("{site_path}/index.html")) {
        // From one slash: `//host` would send the browser elsewhere.
        let path = format!("/{}/", uri.path().trim_matches('/'));
        let location = match uri.query() {
            Some(query) => format!("{path}?{query}"),
            None => path,
        };
        let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
        if let Ok(value) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return response;
    }
    not_found(&shared, version)
}

fn not_found(shared: &Shared, version: u64) -> Response {
    match shared.file("404.html").and_then(|f| f.read().ok()) {
        Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", &bytes, version, None),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// The answer while no good site exists yet: the problems show over it, and it reloads
/// when they are fixed.
fn not_built(version: u64) -> Response {
    let page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>opsbook: the handbook has errors</title></head>\
        <body><h1>The handbook has errors</h1><p>opsbook could not build it; the terminal and the box below say why. \
        This page reloads when they are fixed.</p></body></html>";
    respond(StatusCode::SERVICE_UNAVAILABLE, "index.html", page.as_bytes(), version, None)
}

fn respond(status: StatusCode, site_path: &str, bytes: &[u8], version: u64, range: Option<&HeaderValue>) -> Response {
    let content_type = content_type(site_path);
    let body: Vec<u8> = if content_type.starts_with("text/html") { inject(bytes, version) } else { bytes.to_vec() };
    let ranged = match range.and_then(|r| r.to_str().ok()) {
        Some(range) if status == StatusCode::OK => parse_range(range, body.len()),
        _ => None,
    };
    let mut response = match ranged {
        None => (status, Body::from(body)).into_response(),
        Some(Ok((start, end))) => {
            let length = body.len();
            let mut response =
                (StatusCode::PARTIAL_CONTENT, Body::from(Bytes::copy_from_slice(&body[start..=end]))).into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes {start}-{end}/{length}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            response
        }
        Some(Err(())) => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(value) = HeaderValue::from_str(&format!("bytes */{}", body.len())) {
                response.headers_mut().insert(header::CONTENT_RANGE, value);
            }
            response
        }
    };
    set_headers(&mut response, content_type);
    response
}

fn set_headers(response: &mut Response, content_type: &'static str) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
}

/// One byte range of `bytes=START-END`, `bytes=START-` or `bytes=-SUFFIX`, as inclusive
/// offsets into a body of `length` bytes. `None`: not a single byte range, answer with
/// the whole body; `Some(Err)`: outside the body.
fn parse_range(header: &str, length: usize) -> Option<Result<(usize, usize), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?;
    if spec.contains(',') {
        return None;
    }
    let (start, end) = spec.split_once('-')?;
    let (start, end) = (start.trim(), end.trim());
    let range = if start.is_empty() {
        let suffix: usize = end.parse().ok()?;
        if suffix == 0 {
            return Some(Err(()));
        }
        (length.saturating_sub(suffix), length.checked_sub(1)?)
    } else {
        let start: usize = start.parse().ok()?;
        let end: usize = if end.is_empty() { usize::MAX } else { end.parse().ok()? };
        if end < start {
            return None;
        }
        (start, end.min(length.saturating_sub(1)))
    };
    if range.0 >= length { Some(Err(())) } else { Some(Ok(range)) }
}

/// The path of a request, decoded, or why it is refused: anything that could name a
/// file outside the site, in any encoding.
fn request_path(raw: &str) -> Result<String, &'static str> {
    if !raw.starts_with('/') {
        return Err("the path must start with /");
    }
    let mut path = raw.to_string();
    // Decoding again must not reveal anything either (for servers or proxies in front
    // that decode twice).
    for _ in 0..3 {
        let lower = path.to_ascii_lowercase();
        if path.contains('\\') || lower.contains("%5c") {
            return Err("backslashes are not allowed in paths");
        }
        if lower.contains("%2f") {
            return Err("encoded slashes are not allowed in paths");
        }
        // Once decoded, a path with a `%` that starts no escape (a file `100%.html`)
        // reveals nothing more.
        let Some(decoded) = percent_decode_strict(&path) else {
            if path == raw {
                return Err("the path is not valid percent-encoded UTF-8");
            }
            break;
        };
        if decoded.contains('\0') || decoded.contains('\\') {
            return Err("the path holds a NUL or a backslash");
        }
        if decoded.split('/').any(|segment| segment == ".." || segment == ".") {
            return Err("paths may not go up (..) or name the current folder (.)");
        }
        if decoded == path {
            break;
        }
        path = decoded;
    }
    percent_decode_strict(raw).ok_or("the path is not valid percent-encoded UTF-8")
}

/// The media type of a site file, from its extension.
fn content_type(site_path: &str) -> &'static str {
    let extension = site_path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" | "jpe" | "jif" | "jfif" => "image/jpeg",
        "bmp" => "image/bmp",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "csv" => "text/csv; charset=utf-8",
        "yaml" | "yml" => "text/yaml; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused_in_every_encoding() {
        for path in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/etc/passwd",
            "/.%2e/etc/passwd",
            "/%252e%252e/etc/passwd",
            "/a%2f..%2f..%2fetc/passwd",
            "/..%5c..%5cetc",
            "/..\\..\\etc",
            "/a/./b",
            "/%00",
            "/%c0%ae%c0%ae/etc",
            "/%zz",
            "/%+5",
            "/%4",
        ] {
            assert!(request_path(path).is_err(), "{path} was accepted");
        }
    }

    #[test]
    fn ordinary_paths_are_decoded() {
        assert_eq!(request_path("/runbooks/disk%20full/").as_deref(), Ok("/runbooks/disk full/"));
        assert_eq!(request_path("/100%25.html").as_deref(), Ok("/100%.html"), "a `%` in a name");
        assert_eq!(request_path("/C%23/").as_deref(), Ok("/C#/"));
        assert!(request_path("/%252e%252e/x").is_err() && request_path("/100%.html").is_err());
        assert_eq!(request_path("/caf%C3%A9/").as_deref(), Ok("/café/"));
        assert_eq!(request_path("/a..b/c.d").as_deref(), Ok("/a..b/c.d"));
    }

    #[test]
    fn single_byte_ranges_are_understood() {
        assert_eq!(parse_range("bytes=0-9", 100), Some(Ok((0, 9))));
        assert_eq!(parse_range("bytes=90-", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=90-500", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=-10", 100), Some(Ok((90, 99))));
        assert_eq!(parse_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(parse_range("bytes=0-1,5-6", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
        assert_eq!(parse_range("bytes=5-1", 100), None);
    }

    #[test]
    fn media_types_follow_extensions() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("search/t-1.json"), "application/json");
        assert_eq!(content_type("LOGO.PNG"), "image/png");
        assert_eq!(content_type("photo.jfif"), "image/jpeg");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
