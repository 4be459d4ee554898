//! The progress line of `opsbook build` and `check` on a terminal, as Hugo, Zola and
//! cargo show one: once the work has taken a second, one line on standard error names
//! the step, the pages done of the step's pages and the time so far
//! (`rendering Markdown 1,234/4,000 pages · 2.1 s`), redrawn ten times a second and
//! erased when the work ends, so the summary and the diagnostics print as they always do.
//!
//! None when standard error is not a terminal (a pipe, a file, a test), with `-q`, in CI
//! (`CI` set, as GitHub Actions and GitLab CI set it) or on a `TERM=dumb` terminal.
//! `OPSBOOK_PROGRESS_AFTER_MS` changes the one second (0 shows it at once).
//!
//! The pipeline's steps say where they are on a [`Progress`] the command lends the build
//! ([`Progress::begin`], [`Progress::advance`]: a lock and an atomic add), whether or not
//! a line is shown.

use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Where a build is: the step under way, how many pages it has (0: it does not count
/// them) and how many of them are done. Shared by the build's workers and the thread that
/// draws the line.
#[derive(Debug)]
pub(crate) struct Progress {
    step: Mutex<(&'static str, usize)>,
    done: AtomicUsize,
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

impl Progress {
    /// A build that has not begun a step.
    pub(crate) const fn new() -> Self {
        Progress { step: Mutex::new(("starting", 0)), done: AtomicUsize::new(0) }
    }

    /// Names the step that starts, with the number of pages it goes through (0: it does
    /// not count pages).
    pub(crate) fn begin(&self, step: &'static str, pages: usize) {
        *self.step.lock().unwrap_or_else(PoisonError::into_inner) = (step, pages);
        self.done.store(0, Ordering::Relaxed);
    }

    /// One more page of the step is done.
    pub(crate) fn advance(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// The step, its pages done and its pages.
    fn now(&self) -> (&'static str, usize, usize) {
        let (step, pages) = *self.step.lock().unwrap_or_else(PoisonError::into_inner);
        (step, self.done.load(Ordering::Relaxed), pages)
    }
}

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// Whether a progress line is wanted: a terminal on standard error, not `-q`, not CI,
/// not a dumb terminal.
pub(crate) fn wanted(quiet: bool) -> bool {
    use std::io::IsTerminal;
    let set = |name: &str| std::env::var(name).is_ok_and(|value| !value.is_empty() && value != "0" && value != "false");
    !quiet
        && !set("CI")
        && std::env::var("TERM").ok().is_none_or(|term| term != "dumb")
        && std::io::stderr().is_terminal()
}

/// The progress line while it lives: a thread that draws it, stopped and the line
/// erased when this is dropped.
pub(crate) struct Line {
    stop: Option<mpsc::Sender<()>>,
    drawer: Option<JoinHandle<()>>,
}

impl Line {
    /// Starts the line of `progress` when `shown`, else a line that draws nothing.
    pub(crate) fn start(shown: bool, progress: &Arc<Progress>) -> Line {
        if !shown {
            return Line { stop: None, drawer: None };
        }
        let after = std::env::var("OPSBOOK_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|ms| ms.trim().parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let (stop, stopped) = mpsc::channel();
        let started = Instant::now();
        let progress = Arc::clone(progress);
        let drawer = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || draw_until(&stopped, &progress, started, after))
            .ok();
        Line { stop: Some(stop), drawer }
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

/// Redraws the line of `progress` every tick once `after` has passed, until `stopped`
/// says so (or its sender is gone), then erases it if it was drawn.
fn draw_until(stopped: &mpsc::Receiver<()>, progress: &Progress, started: Instant, after: Duration) {
    let mut drawn = false;
    // Stopped by a message or by the sender's drop (disconnection).
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TICK) {
        let elapsed = started.elapsed();
        if elapsed < after {
            continue;
        }
        let (step, done, pages) = progress.now();
        let text = line(step, done, pages, elapsed);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{text}");
        let _ = stderr.flush();
        drawn = true;
    }
    if drawn {
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K");
        let _ = stderr.flush();
    }
}

/// The line's text: the step, its pages done of all when it counts them, the time so far.
fn line(step: &str, done: usize, pages: usize, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64();
    if pages == 0 {
        format!("{step} · {seconds:.1} s")
    } else {
        format!("{step} {}/{} pages · {seconds:.1} s", grouped(done.min(pages)), grouped(pages))
    }
}

/// `4000` as `4,000`.
fn grouped(number: usize) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_names_the_step_the_pages_and_the_time() {
        let line = line("rendering Markdown", 1234, 4000, Duration::from_millis(2140));
        assert_eq!(line, "rendering Markdown 1,234/4,000 pages · 2.1 s");
        assert_eq!(super::line("indexing search", 7, 0, Duration::from_millis(1500)), "indexing search · 1.5 s");
        // Pages of an earlier step counted late never show more than the step's pages.
        assert_eq!(super::line("writing pages", 12, 10, Duration::ZERO), "writing pages 10/10 pages · 0.0 s");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }

    #[test]
    fn a_line_not_shown_starts_no_thread() {
        let line = Line::start(false, &Arc::default());
        assert!(line.drawer.is_none() && line.stop.is_none());
    }

    #[test]
    fn a_step_begun_counts_its_pages_from_nought() {
        let progress = Progress::new();
        progress.begin("rendering Markdown", 3);
        progress.advance();
        progress.advance();
        assert_eq!(progress.now(), ("rendering Markdown", 2, 3));
        progress.begin("writing pages", 3);
        assert_eq!(progress.now(), ("writing pages", 0, 3));
    }
}
