//! Live reload: what the server tells open pages after a rebuild.
//!
//! Every rebuild that changes files is a numbered [`Change`]. Pages are served with the
//! number of the site they show (in the injected script's tag); a page's event stream
//! (`/__opsbook/events?path=/runbooks/x/&since=N`) tells it to reload when a later change
//! touched its file or the stylesheets and scripts every page uses, and sends the current
//! problems so the page can show them over itself, or clear them.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostic::Diagnostic;

/// How many changes are remembered for pages that connect late.
const HISTORY: usize = 64;

/// The script injected into every HTML page while serving.
pub(crate) const SCRIPT: &str = include_str!("live.js");

/// The site path of the script.
pub(crate) const SCRIPT_PATH: &str = "/__opsbook/live.js";

/// The site path of the event stream.
pub(crate) const EVENTS_PATH: &str = "/__opsbook/events";

/// One rebuild that changed files.
#[derive(Debug)]
pub(crate) struct Change {
    /// The site's number after the change.
    pub version: u64,
    /// The site paths whose files changed.
    pub paths: HashSet<String>,
    /// Whether a file every page uses changed (a stylesheet, a script, an image): every
    /// page reloads.
    pub everything: bool,
}

impl Change {
    /// Whether a page at `site_path` (`runbooks/x/index.html`) shows something changed.
    pub(crate) fn touches(&self, site_path: &str) -> bool {
        self.everything || self.paths.contains(site_path)
    }
}

/// A problem as open pages show it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Shown {
    /// `path:line:column`.
    pub location: String,
    /// What is wrong.
    pub message: String,
}

/// What a page's event stream receives.
#[derive(Debug, Clone)]
pub(crate) enum Message {
    /// Files changed.
    Changed(Arc<Change>),
    /// The problems of the last rebuild (empty: none).
    Problems(Arc<Vec<Shown>>),
}

/// The live-reload state shared by the rebuild thread and the server.
pub(crate) struct Live {
    state: Mutex<State>,
    sender: broadcast::Sender<Message>,
}

struct State {
    version: u64,
    history: VecDeque<Arc<Change>>,
    problems: Arc<Vec<Shown>>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            state: Mutex::new(State { version: 0, history: VecDeque::new(), problems: Arc::new(Vec::new()) }),
            sender: broadcast::channel(256).0,
        }
    }
}

impl Live {
    /// The current site's number.
    pub(crate) fn version(&self) -> u64 {
        self.lock().version
    }

    /// Records a rebuild that changed `paths` and tells the open pages.
    pub(crate) fn changed(&self, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        let everything = paths.iter().any(|p| affects_every_page(p));
        let change = {
            let mut state = self.lock();
            state.version += 1;
            let change =
                Arc::new(Change { version: state.version, paths: paths.iter().cloned().collect(), everything });
            state.history.push_back(Arc::clone(&change));
            if state.history.len() > HISTORY {
                state.history.pop_front();
            }
            change
        };
        // Nobody listening is fine.
        let _ = self.sender.send(Message::Changed(change));
    }

    /// Records the errors of the last rebuild (none: the site is up to date) and tells
    /// the open pages when that changes what they show.
    pub(crate) fn problems(&self, diagnostics: &[Diagnostic]) {
        let shown: Vec<Shown> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| Shown { location: d.location(), message: d.message.clone() })
            .collect();
        let shown = {
            let mut state = self.lock();
            if state.problems.is_empty() && shown.is_empty() {
                return;
            }
            state.problems = Arc::new(shown);
            Arc::clone(&state.problems)
        };
        let _ = self.sender.send(Message::Problems(shown));
    }

    /// Subscribes a page that shows version `since` of `site_path`: the messages it
    /// needs now (a reload if it missed a change, the current problems), and a receiver
    /// for the next ones.
    pub(crate) fn subscribe(&self, site_path: &str, since: u64) -> (Vec<Message>, broadcast::Receiver<Message>) {
        let state = self.lock();
        let receiver = self.sender.subscribe();
        let mut now = Vec::new();
        if since != state.version {
            let oldest = state.history.front().map_or(state.version + 1, |c| c.version);
            // A page from a server that restarted, or older than what is remembered,
            // reloads; else only if a change since touched it.
            let missed = since > state.version
                || since + 1 < oldest
                || state.history.iter().any(|c| c.version > since && c.touches(site_path));
            if missed {
                now.push(Message::Changed(Arc::new(Change {
                    version: state.version,
                    paths: HashSet::new(),
                    everything: true,
                })));
            }
        }
        if !state.problems.is_empty() {
            now.push(Message::Problems(Arc::clone(&state.problems)));
        }
        (now, receiver)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether a changed site file is used by every page: not a page, nor a file only
/// scripts and bots read (the search index, `handbook.json`, the feed, the sitemap).
fn affects_every_page(site_path: &str) -> bool {
    !(site_path.ends_with(".html")
        || site_path.starts_with("search/")
        || crate::site::extra_files::unused_by_pages(site_path))
}

/// The site path of the file a URL path shows: `/runbooks/x/` -> `runbooks/x/index.html`.
pub(crate) fn site_path_of(url_path: &str) -> String {
    let path = url_path.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() }
}

/// Adds the live-reload script to an HTML page, before its last `</body>` tag (or at
/// the end): read as a browser reads it ([`crate::html_pass`]), not one written in a
/// script or a comment.
pub(crate) fn inject(html: &[u8], version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\" defer></script>");
    let at = std::str::from_utf8(html).ok().and_then(last_body_end).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Where the last `</body>` tag of `html` starts.
fn last_body_end(html: &str) -> Option<usize> {
    let end = crate::html_pass::placed_tags(html, &["body"]).into_iter().rev().find(|tag| tag.end_tag)?.end;
    html[..end].rfind("</")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn receive(receiver: &mut broadcast::Receiver<Message>) -> Option<Message> {
        receiver.try_recv().ok()
    }

    #[test]
    fn a_change_reaches_subscribers_with_the_paths() {
        let live = Live::default();
        let (now, mut receiver) = live.subscribe("a/index.html", 0);
        assert!(now.is_empty());
        live.changed(&["a/index.html".into()]);
        let Some(Message::Changed(change)) = receive(&mut receiver) else { panic!("no change") };
        assert!(change.touches("a/index.html"));
        assert!(!change.touches("b/index.html"));
        assert_eq!(live.version(), 1);
    }

    #[test]
    fn a_stylesheet_change_touches_every_page() {
        let live = Live::default();
        let (_, mut receiver) = live.subscribe("a/index.html", 0);
        live.changed(&["static/style.css".into()]);
        let Some(Message::Changed(change)) = receive(&mut receiver) else { panic!("no change") };
        assert!(change.touches("b/index.html"));
        live.changed(&["search/t-1.json".into(), "handbook.json".into()]);
        let Some(Message::Changed(change)) = receive(&mut receiver) else { panic!("no change") };
        assert!(!change.touches("b/index.html"));
    }

    #[test]
    fn a_page_that_missed_a_change_to_it_reloads_when_it_connects() {
        let live = Live::default();
        live.changed(&["a/index.html".into()]);
        live.changed(&["b/index.html".into()]);
        assert!(live.subscribe("a/index.html", 0).0.iter().any(|m| matches!(m, Message::Changed(_))));
        assert!(live.subscribe("a/index.html", 1).0.is_empty());
        assert!(live.subscribe("c/index.html", 0).0.is_empty());
        // A page served by an earlier run of the server.
        assert!(!live.subscribe("c/index.html", 9).0.is_empty());
    }

    #[test]
    fn problems_are_sent_to_pages_that_connect_and_cleared() {
        let live = Live::default();
        let error = Diagnostic::error(crate::diagnostic::Rule::FrontMatterSyntax, "content/a.md", 3, 1, "bad");
        live.problems(&[error]);
        let (now, mut receiver) = live.subscribe("a/index.html", 0);
        let Some(Message::Problems(problems)) = now.first() else { panic!("no problems") };
        assert_eq!(problems[0].location, "content/a.md:3:1");
        live.problems(&[]);
        let Some(Message::Problems(problems)) = receive(&mut receiver) else { panic!("not cleared") };
        assert!(problems.is_empty());
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>a</p></BODY></html>";
        let out = String::from_utf8(inject(html, 4)).expect("utf-8");
        assert!(out.contains("<p>a</p><script src=\"/__opsbook/live.js\" data-version=\"4\" defer></script></BODY>"));
        let out = String::from_utf8(inject(b"<p>x", 1)).expect("utf-8");
        assert!(out.starts_with("<p>x<script"));
        let html = b"<body><script>document.write('</body>')</script><!-- </body> --></body >\n";
        let out = String::from_utf8(inject(html, 2)).expect("utf-8");
        assert!(out.ends_with(
            "<!-- </body> --><script src=\"/__opsbook/live.js\" data-version=\"2\" defer></script></body >\n"
        ));
    }

    #[test]
    fn url_paths_map_to_site_files() {
        assert_eq!(site_path_of("/"), "index.html");
        assert_eq!(site_path_of("/runbooks/x/"), "runbooks/x/index.html");
        assert_eq!(site_path_of("/style.css"), "style.css");
    }
}
