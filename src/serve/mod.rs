//! `opsbook serve`: the dev server. Builds the handbook into memory, serves it with a
//! live-reload script in every page, watches the files and rebuilds what a change
//! touches.
//!
//! Three parts run side by side:
//! - the rebuild thread owns the [`session::Session`] (the last good site and its
//!   model): it waits for a burst of changes ([`watch`]), rebuilds, publishes the new
//!   files and tells the open pages ([`live`]);
//! - the HTTP server ([`http`], axum on a small tokio runtime) serves the published
//!   files and the pages' event streams, over connections that are limited in number
//!   and time ([`connections`]);
//! - the main thread waits for Ctrl-C, then stops both within a second.
//!
//! Content never stops the server: a change with errors keeps the last good site
//! served, prints the errors and shows them over the open pages until fixed.

pub(crate) mod connections;
pub(crate) mod files;
pub(crate) mod finisher;
pub(crate) mod http;
#[cfg(test)]
mod index_edits;
pub(crate) mod live;
#[cfg(test)]
mod random_edits;
pub(crate) mod retry;
pub(crate) mod session;
pub(crate) mod stale;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tokio::sync::watch as signal_watch;

use crate::config::{Config, Overrides};
use crate::diagnostic::human::print_diagnostics;
use crate::diagnostic::{Diagnostic, Failure};
use crate::pipeline::incremental::is_relevant;
use http::Shared;
use retry::Retry;
use session::{Outcome, Session, describe};
use watch::{Burst, Watch};

/// The port tried first when none is given.
pub(crate) const DEFAULT_PORT: u16 = 3000;

/// How often the rebuild thread looks whether the search index and the other whole-site
/// files, made on their own thread after a fast rebuild, are ready to serve.
const FINISH_POLL: Duration = Duration::from_millis(10);

/// What `opsbook serve` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The handbook's folder.
    pub root: PathBuf,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; `None`: [`DEFAULT_PORT`], or the next free one after it.
    pub port: Option<u16>,
    /// Include draft pages.
    pub drafts: bool,
    /// Who the site is for (`None`: book.toml's audience).
    pub audience: Option<crate::config::Audience>,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// Builds and serves the handbook until Ctrl-C. Fails only on environment problems (no
/// book.toml, the port is taken), never because of the content.
pub(crate) fn run(options: Options) -> Result<()> {
    let root = std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone());
    let (output_dir, content, sources) = match Config::load(&root, &Overrides::default()) {
        Ok(mut config) => {
            // The folders the old tool's layout mounts (Hugo's module mounts, Docusaurus's
            // versions and locales) are watched too; what they note is the build's to say.
            let mut noted = Vec::new();
            crate::pipeline::steps::mount_layout(&mut config, &mut noted);
            (config.output_dir, config.content_folder, config.sources.folders())
        }
        Err(Failure::Environment(error)) => return Err(error),
        Err(Failure::Content(_)) => (root.join("public"), crate::config::DEFAULT_CONTENT_DIR.to_string(), Vec::new()),
    };
    let listener = match options.port {
        Some(port) => listen(options.bind, port, true)?,
        None => listen(options.bind, DEFAULT_PORT, false)?,
    };
    let address = listener.local_addr().context("cannot read the server's address")?;
    let url = format!("http://{}/", url_host(address));
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}, so other machines can read this handbook (drafts included with --drafts); \
             the default, 127.0.0.1, keeps it to this machine",
            options.bind
        );
    }
    // Watch before building, so a save during the first build is not missed.
    let mut watch = Watch::start(&root, &content)?;
    watch.watch_sources(&sources);
    match crate::fs::shown_path(&root) {
        here if here == "." => eprintln!("Building the handbook…"),
        shown => eprintln!("Building the handbook in {shown}…"),
    }
    let overrides = Overrides {
        output_dir: None,
        base_url: Some(url.clone()),
        drafts: options.drafts,
        audience: options.audience,
        // The dev server measures nothing: its builds show the last health.json.
        offline: true,
        ..Overrides::default()
    };
    let (session, outcome) = Session::start(&root, overrides)?;
    watch.watch_included(&session.included_files());
    print_diagnostics(&session.problems, &root);
    let (stop_sender, stop) = signal_watch::channel(false);
    let shared = Arc::new(Shared::new(session.files.clone(), stop));
    shared.live.problems(&session.problems);
    shared.serve_stale_from(session.stale_pages().handle());
    // An edit's files are published with the pages it leaves stale, in one step.
    let publisher: Arc<stale::Publish> = {
        let shared = Arc::clone(&shared);
        Arc::new(move |files: &files::SiteFiles, paths: &[String]| shared.publish(files, paths))
    };
    session.stale_pages().publish_with(&publisher);
    let pages = session.page_count();
    if Outcome::ok(&session.problems) {
        println!("Serving {pages} pages at {url} (built in {}). Press Ctrl-C to stop.", seconds(outcome.elapsed));
    } else {
        println!("Serving at {url}: the handbook has errors (above); fix them and it rebuilds. Press Ctrl-C to stop.");
    }
    let rebuilds = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("opsbook-rebuild".into())
        .spawn(move || {
            let _publisher = publisher;
            rebuild_loop(watch, session, &rebuilds, &root, (&content, &sources), &output_dir);
        })
        .context("cannot start the rebuild thread")?;
    if options.open {
        open_browser(&url);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    let served = runtime.block_on(serve_http(listener, shared, stop_sender));
    // Connections still open are dropped rather than waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    served?;
    eprintln!("Stopped.");
    Ok(())
}

/// Listens on `bind:first`. When that port is taken, a `fixed` one is an error; else the
/// next free port is taken, and that is said.
fn listen(bind: IpAddr, first: u16, fixed: bool) -> Result<TcpListener> {
    match TcpListener::bind((bind, first)) {
        Ok(listener) => Ok(listener),
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse && !fixed => {
            for next in first.saturating_add(1)..first.saturating_add(50) {
                if let Ok(listener) = TcpListener::bind((bind, next)) {
                    eprintln!("Port {first} is in use; serving on port {next} instead.");
                    return Ok(listener);
                }
            }
            bail!(
                "ports {first} to {} on {bind} are all in use; choose one with --port (0: any free port)",
                first.saturating_add(49)
            )
        }
        Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
            bail!(
                "port {first} on {bind} is in use (another opsbook serve?); choose another with --port, or --port 0 for any free port"
            )
        }
        Err(error) => bail!("cannot listen on {bind} port {first}: {error}"),
    }
}

/// The host part of the server's URL: the address listened on, or 127.0.0.1 when it is
/// every address.
fn url_host(address: SocketAddr) -> String {
    match address.ip() {
        ip if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
    }
}

/// Serves until Ctrl-C (or SIGTERM), then stops the event streams and the server;
/// connections still open are dropped.
async fn serve_http(listener: TcpListener, shared: Arc<Shared>, stop: signal_watch::Sender<bool>) -> Result<()> {
    listener.set_nonblocking(true).context("cannot set up the listening socket")?;
    let listener = tokio::net::TcpListener::from_std(listener).context("cannot set up the listening socket")?;
    let stopped = stop.subscribe();
    let server = connections::serve(listener, http::router(shared), stopped);
    tokio::select! {
        () = server => {}
        () = wait_for_stop_signal() => {}
    }
    let _ = stop.send(true);
    Ok(())
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    // Without a signal handler the server runs until killed.
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// The rebuild thread: one rebuild per burst of changes; after fast rebuilds, the
/// whole-site files, made on another thread, served when ready; after a rebuild that could not read a file,
/// the same changes again a little later ([`retry`]).
fn rebuild_loop(
    mut watch: Watch,
    mut session: Session,
    shared: &Shared,
    root: &Path,
    (content, sources): (&str, &[String]),
    output_dir: &Path,
) {
    let mut retry = Retry::default();
    loop {
        // Stale pages made since: the server's files catch up (the pages reloaded when
        // they went stale, and were made when asked for).
        let settled = session.take_settled();
        if !settled.is_empty() {
            shared.publish(&session.files, &settled);
        }
        crate::spent::phase(None);
        let finished = session.take_finished();
        if !finished.is_empty() {
            shared.publish(&session.files, &finished);
            shared.live.changed(&finished);
            crate::spent::phase(Some("finished files merged and published"));
        }
        let finishing = session.is_finishing().then_some(FINISH_POLL);
        let timeout = [finishing, retry.wait(Instant::now())].into_iter().flatten().min();
        let (paths, retrying) = match watch.next(timeout) {
            Burst::Changed(paths) => {
                let paths: Vec<PathBuf> = paths
                    .into_iter()
                    .filter(|p| {
                        // A save in a folder mounted by `[[sources]]` is a save in the content.
                        std::iter::once(content)
                            .chain(sources.iter().map(String::as_str))
                            .any(|folder| is_relevant(root, folder, output_dir, p))
                            || session.is_included(p)
                    })
                    .collect();
                if paths.is_empty() {
                    continue;
                }
                retry.on_change();
                (paths, false)
            }
            // The changes not applied yet are kept by the session.
            Burst::Quiet if retry.is_due(Instant::now()) => (Vec::new(), true),
            Burst::Quiet => continue,
            Burst::Closed => return,
        };
        let had_errors = !Outcome::ok(&session.problems);
        let before = retrying.then(|| session.problems.clone());
        crate::spent::phase(None);
        let result = session.rebuild(&paths);
        crate::spent::phase(Some("rebuild"));
        watch.watch_included(&session.included_files());
        retry.after_rebuild(result.is_err() || retry::failed_to_read(&session.problems), Instant::now());
        match result {
            Ok(outcome) if Outcome::ok(&session.problems) => {
                // The session published the files with the pages it left stale, in one step.
                shared.live.changed(&outcome.changed);
                crate::spent::phase(Some("live changed"));
                if !outcome.full {
                    session.request_finish();
                }
                let touched: Vec<String> =
                    paths.iter().filter_map(|p| p.strip_prefix(root).ok()).map(crate::fs::slash_path).collect();
                let warnings: Vec<Diagnostic> =
                    session.problems.iter().filter(|d| touched.contains(&d.path)).cloned().collect();
                print_diagnostics(&warnings, root);
                eprintln!("{}{}", if had_errors { "Fixed. " } else { "" }, rebuilt(&outcome, session.page_count()));
            }
            // A try again that failed the same way: said already.
            Ok(_) if before.as_ref() == Some(&session.problems) => {}
            Ok(_) => {
                print_diagnostics(&session.problems, root);
                eprintln!("Still serving the last good version: fix the errors above and save again.");
            }
            Err(error) if !retrying => eprintln!("error: {error:#}; still serving the last good version"),
            // A try again that failed as the first did: said already.
            Err(_) => {}
        }
        shared.live.problems(&session.problems);
    }
}

/// The terminal line for a rebuild.
fn rebuilt(outcome: &Outcome, pages: usize) -> String {
    let what = if outcome.full {
        format!("Rebuilt the site ({pages} pages)")
    } else {
        let pages = describe(&outcome.changed);
        let shown = if pages.is_empty() { String::from("no page changed") } else { pages };
        match outcome.later {
            0 => format!("Rebuilt {shown} ({} rendered)", outcome.rendered),
            later => format!("Rebuilt {shown} ({} rendered, {later} after)", outcome.rendered),
        }
    };
    format!("{what} in {}.", seconds(outcome.elapsed))
}

fn seconds(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// Opens `url` in the desktop's browser; says so when it cannot.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else if cfg!(windows) {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    if let Err(error) = command {
        eprintln!("warning: cannot open a browser ({error}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_a_reachable_host() {
        assert_eq!(url_host("127.0.0.1:3000".parse().expect("address")), "127.0.0.1:3000");
        assert_eq!(url_host("0.0.0.0:3000".parse().expect("address")), "127.0.0.1:3000");
        assert_eq!(url_host("[::1]:8080".parse().expect("address")), "[::1]:8080");
    }

    #[test]
    fn the_terminal_line_says_how_many_pages_were_left_for_after_the_save() {
        let changed: Vec<String> = ["a/index.html", "b/index.html", "search/t-0.json"].map(String::from).into();
        let outcome =
            Outcome { changed, rendered: 1, later: 3, elapsed: Duration::from_millis(12), ..Outcome::default() };
        assert_eq!(rebuilt(&outcome, 40), "Rebuilt /a/, /b/ (1 rendered, 3 after) in 12 ms.");
        let now = Outcome { later: 0, ..outcome };
        assert_eq!(rebuilt(&now, 40), "Rebuilt /a/, /b/ (1 rendered) in 12 ms.");
        assert_eq!(rebuilt(&Outcome { full: true, ..now }, 40), "Rebuilt the site (40 pages) in 12 ms.");
    }

    #[test]
    fn a_taken_port_moves_on_unless_it_was_given() {
        let taken = TcpListener::bind(("127.0.0.1", 0)).expect("bind");
        let port = taken.local_addr().expect("address").port();
        let ip = "127.0.0.1".parse().expect("ip");
        let error = listen(ip, port, true).expect_err("port in use");
        assert!(error.to_string().contains("is in use"), "{error}");
        let moved = listen(ip, port, false).expect("a free port after it");
        assert_ne!(moved.local_addr().expect("address").port(), port);
    }
}
