//! The dev server's connections, accepted here rather than by `axum::serve`, so that
//! clients that connect and say nothing, or send half a request, or hundreds of them,
//! cannot starve the server or the rebuilds.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::HashMap;
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::{Body, Bytes, HttpBody};
use axum::http::{Request, Response};
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore, watch};

/// The most connections open at once.
pub(crate) const MAX_CONNECTIONS: usize = 64;

/// The most connections answering event streams at once: half of them, the other half
/// left to the pages, stylesheets and scripts.
pub(crate) const MAX_STREAMS: usize = MAX_CONNECTIONS / 2;

/// How long a connection may take to send a request's line and headers, counted from
/// its opening or from the previous answer.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to wait before accepting again after the system refused (out of files).
const ACCEPT_PAUSE: Duration = Duration::from_millis(50);

/// Serves `router` on `listener` until `stop` turns true.
pub(crate) async fn serve(listener: TcpListener, router: Router, mut stop: watch::Receiver<bool>) {
    let open = Arc::new(Open::default());
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut builder = http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(header_timeout()).keep_alive(true);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) if is_connection_error(&error) => continue,
            Err(_) => {
                // Out of files (or memory): make room, then try again.
                open.close_idlest();
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        let permit = loop {
            if let Ok(permit) = Arc::clone(&permits).try_acquire_owned() {
                break permit;
            }
            open.close_idlest();
            let waited = tokio::time::timeout(ACCEPT_PAUSE, Arc::clone(&permits).acquire_owned());
            tokio::select! {
                waited = waited => if let Ok(Ok(permit)) = waited { break permit },
                _ = stop.changed() => return,
            }
        };
        let _ = stream.set_nodelay(true);
        let connection = open.add();
        let service = tracked_service(router.clone(), Arc::clone(&connection), Arc::clone(&open));
        let served = builder.serve_connection(TokioIo::new(stream), service);
        let open = Arc::clone(&open);
        tokio::spawn(async move {
            tokio::select! {
                _ = served => {}
                () = connection.close.notified() => {}
            }
            open.remove(connection.id);
            drop(permit);
        });
    }
}

/// The header timeout: [`HEADER_TIMEOUT`], or `OPSBOOK_SERVE_HEADER_TIMEOUT_MS` in the
/// tests' binary ([`crate::test_hooks`]).
fn header_timeout() -> Duration {
    crate::test_hooks::millis("OPSBOOK_SERVE_HEADER_TIMEOUT_MS").map_or(HEADER_TIMEOUT, Duration::from_millis)
}

/// Accept errors that concern one connection only (it was reset before it was taken).
fn is_connection_error(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(error.kind(), ErrorKind::ConnectionRefused | ErrorKind::ConnectionAborted | ErrorKind::ConnectionReset)
}

/// The router as a hyper service that counts the requests being answered on
/// `connection`, until their bodies are sent.
fn tracked_service(
    router: Router,
    connection: Arc<Connection>,
    open: Arc<Open>,
) -> impl hyper::service::Service<
    Request<Incoming>,
    Response = Response<Tracked>,
    Error = Infallible,
    Future = impl Future<Output = Result<Response<Tracked>, Infallible>> + Send,
> + Clone {
    let service = TowerToHyperService::new(router);
    hyper::service::service_fn(move |request: Request<Incoming>| {
        let busy = Busy::start(Arc::clone(&connection));
        if request.uri().path() == super::live::EVENTS_PATH {
            *connection.streaming_since.lock().unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
            open.close_oldest_streams();
        }
        let answer = service.call(request);
        async move {
            let response = answer.await?;
            Ok(response.map(|body| Tracked { body, _busy: busy }))
        }
    })
}

/// The open connections.
#[derive(Default)]
struct Open {
    next: AtomicU64,
    connections: Mutex<HashMap<u64, Arc<Connection>>>,
}

/// One open connection.
struct Connection {
    id: u64,
    /// Requests being answered (from the request to the end of its body).
    busy: AtomicUsize,
    /// When it last became idle.
    idle_since: Mutex<Instant>,
    /// When it started answering an event stream, if it is answering one.
    streaming_since: Mutex<Option<Instant>>,
    /// Closes it.
    close: Notify,
}

impl Open {
    fn add(&self) -> Arc<Connection> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let connection = Arc::new(Connection {
            id,
            busy: AtomicUsize::new(0),
            idle_since: Mutex::new(Instant::now()),
            streaming_since: Mutex::new(None),
            close: Notify::new(),
        });
        self.lock().insert(id, Arc::clone(&connection));
        connection
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    /// Closes the connection idle the longest, if any is idle.
    fn close_idlest(&self) {
        let mut connections = self.lock();
        let idlest = connections
            .values()
            .filter(|c| c.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|c| *c.idle_since.lock().unwrap_or_else(PoisonError::into_inner))
            .map(|c| c.id);
        if let Some(connection) = idlest.and_then(|id| connections.remove(&id)) {
            connection.close.notify_one();
        }
    }

    /// Closes the connections of the oldest event streams while more than
    /// [`MAX_STREAMS`] are open.
    fn close_oldest_streams(&self) {
        let mut connections = self.lock();
        let since = |c: &Connection| *c.streaming_since.lock().unwrap_or_else(PoisonError::into_inner);
        let mut streams: Vec<(Instant, u64)> =
            connections.values().filter_map(|c| since(c).map(|at| (at, c.id))).collect();
        if streams.len() <= MAX_STREAMS {
            return;
        }
        streams.sort_unstable();
        for (_, id) in &streams[..streams.len() - MAX_STREAMS] {
            if let Some(connection) = connections.remove(id) {
                connection.close.notify_one();
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Arc<Connection>>> {
        self.connections.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One request being answered; the connection is idle again when the last is dropped.
struct Busy(Arc<Connection>);

impl Busy {
    fn start(connection: Arc<Connection>) -> Busy {
        connection.busy.fetch_add(1, Ordering::AcqRel);
        Busy(connection)
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        *self.0.streaming_since.lock().unwrap_or_else(PoisonError::into_inner) = None;
        *self.0.idle_since.lock().unwrap_or_else(PoisonError::into_inner) = Instant::now();
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A response body that keeps its connection busy until it is sent or dropped.
pub(crate) struct Tracked {
    body: Body,
    _busy: Busy,
}

impl HttpBody for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_idlest_free_connection_is_closed_first_and_busy_ones_never() {
        let open = Open::default();
        let first = open.add();
        let streaming = open.add();
        let second = open.add();
        let busy = Busy::start(Arc::clone(&streaming));
        // `first` is the oldest idle one, `streaming` is answering.
        *streaming.idle_since.lock().expect("lock") -= Duration::from_secs(60);
        open.close_idlest();
        assert!(!open.lock().contains_key(&first.id));
        open.close_idlest();
        assert!(!open.lock().contains_key(&second.id));
        open.close_idlest();
        assert!(open.lock().contains_key(&streaming.id), "a busy connection was closed");
        drop(busy);
        open.close_idlest();
        assert!(open.lock().is_empty());
    }

    #[test]
    fn the_oldest_event_streams_are_closed_past_the_limit() {
        let open = Open::default();
        let streams: Vec<Arc<Connection>> = (0..MAX_STREAMS + 2).map(|_| open.add()).collect();
        let page = open.add();
        let started = Instant::now();
        for (n, stream) in streams.iter().enumerate() {
            *stream.streaming_since.lock().expect("lock") = Some(started + Duration::from_millis(n as u64));
        }
        open.close_oldest_streams();
        let left = open.lock();
        assert!(!left.contains_key(&streams[0].id) && !left.contains_key(&streams[1].id));
        assert!(streams[2..].iter().all(|s| left.contains_key(&s.id)));
        assert!(left.contains_key(&page.id), "a connection answering no stream stays");
    }
}
