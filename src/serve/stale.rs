//! The pages an edit left stale, brought up to date after the edit is served: on
//! request, when a page is asked for before its turn ([`StaleStore::serve`]), and
//! otherwise in the background, one page at a time in page order, on a thread of its
//! own.
//!
//! A fast rebuild that leaves pages stale ([`crate::pipeline::incremental::Defer`])
//! hands over a job ([`StaleStore::install`]): the new model and what each stale page
//! needs ([`StaleInput`]). Installing a job publishes the edit's files to the server in
//! the same step, so no request sees the new pages beside stale ones unmarked. A newer
//! job replaces an older one (the rebuild carries the older one's pages still stale
//! into it), and the background thread gives the older one up at its next page. The
//! session takes the pages made ([`StaleStore::snapshot`]) into its files and records;
//! a request never gets stale HTML: a stale page is rendered before it is answered.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError, Weak};

use super::files::SiteFiles;
use crate::pipeline::incremental::How;
use crate::pipeline::incremental::stale::{Fresh, StaleInput};
use crate::site::PageId;

/// Publishes files to the server: the site paths to take from the files given.
pub(crate) type Publish = dyn Fn(&SiteFiles, &[String]) + Send + Sync;

/// The stale pages of the last edit, and the thread that brings them up to date.
pub(crate) struct StaleStore {
    shared: Arc<Shared>,
}

/// What the session, the server and the background thread share.
struct Shared {
    /// The job being done, if any.
    current: Mutex<Option<Arc<Job>>>,
    /// Rings when a job is installed (or the store is dropped).
    ring: Condvar,
    /// The number of the current job; [`STOP`] stops the thread.
    latest: AtomicU64,
    /// The server's files, to publish an edit's files with its job.
    publish: Mutex<Option<Weak<Publish>>>,
    /// Set while the session rebuilds: the background thread waits, leaving the cores
    /// to the edit (requests still make the pages they ask for).
    paused: AtomicBool,
}

/// The generation that tells the thread to stop.
const STOP: u64 = u64::MAX;

/// One edit's stale pages.
pub(crate) struct Job {
    generation: u64,
    input: StaleInput,
    state: Mutex<JobState>,
    /// Rings when a page being made is made.
    made: Condvar,
}

/// Which pages of a job are still stale, and those made.
#[derive(Default)]
struct JobState {
    /// Not started.
    pending: BTreeSet<PageId>,
    /// Being made (by the thread or a request).
    making: BTreeSet<PageId>,
    /// Made, in the order they were, until the session takes them.
    made: Vec<Fresh>,
    /// Site path -> the HTML of each page made (`None`: the served one is current).
    served: HashMap<String, Option<Arc<[u8]>>>,
}

/// What [`StaleStore::snapshot`] tells the session.
#[derive(Default)]
pub(crate) struct Snapshot {
    /// The pages made since the last snapshot.
    pub made: Vec<Fresh>,
    /// The pages still stale (not made, or being made), and how.
    pub stale: BTreeMap<PageId, How>,
}

impl StaleStore {
    /// Starts the background thread.
    pub(crate) fn start() -> StaleStore {
        let store = StaleStore::without_thread();
        let worker = Arc::clone(&store.shared);
        // Without a thread (none could be started), stale pages are made on request, and
        // by the next edit or the session's wait for them.
        let _ = std::thread::Builder::new().name("opsbook-stale".into()).spawn(move || work(&worker));
        store
    }

    /// A store whose stale pages are made only on request (and when the session waits
    /// for them).
    pub(crate) fn without_thread() -> StaleStore {
        let shared = Arc::new(Shared {
            current: Mutex::new(None),
            ring: Condvar::new(),
            latest: AtomicU64::new(0),
            publish: Mutex::new(None),
            paused: AtomicBool::new(false),
        });
        StaleStore { shared }
    }

    /// Publishes the files of each installed job to the server with `publish`.
    pub(crate) fn publish_with(&self, publish: &Arc<Publish>) {
        *lock(&self.shared.publish) = Some(Arc::downgrade(publish));
    }

    /// Publishes the paths `changed` of `files` and, in the same step, makes `input`'s
    /// pages the stale ones (none: no page is stale any more).
    pub(crate) fn install(&self, input: Option<StaleInput>, files: &SiteFiles, changed: &[String]) {
        let mut current = lock(&self.shared.current);
        let generation = self.shared.latest.load(Ordering::SeqCst).wrapping_add(1) % STOP;
        if let Some(publish) = lock(&self.shared.publish).as_ref().and_then(Weak::upgrade) {
            publish(files, changed);
        }
        *current = input.filter(|input| !input.pages.is_empty()).map(|input| {
            let state = JobState { pending: input.pages.keys().copied().collect(), ..JobState::default() };
            Arc::new(Job { generation, input, state: Mutex::new(state), made: Condvar::new() })
        });
        self.shared.latest.store(generation, Ordering::SeqCst);
        self.shared.ring.notify_all();
    }

    /// Takes the pages made since the last snapshot; tells the pages still stale.
    pub(crate) fn snapshot(&self) -> Snapshot {
        let Some(job) = lock(&self.shared.current).clone() else { return Snapshot::default() };
        let mut state = lock(&job.state);
        let stale = state.pending.iter().chain(&state.making).map(|id| (*id, how(&job, *id))).collect();
        Snapshot { made: std::mem::take(&mut state.made), stale }
    }

    /// Holds the background thread back until the guard is dropped: while an edit is
    /// rebuilt.
    pub(crate) fn pause(&self) -> Paused {
        self.shared.paused.store(true, Ordering::SeqCst);
        Paused(Arc::clone(&self.shared))
    }

    /// Whether pages are still stale.
    pub(crate) fn is_busy(&self) -> bool {
        let Some(job) = lock(&self.shared.current).clone() else { return false };
        let state = lock(&job.state);
        !state.pending.is_empty() || !state.making.is_empty()
    }

    /// Makes every stale page at once, on this thread: the tests' way to wait.
    #[cfg(test)]
    pub(crate) fn make_all(&self) {
        let Some(job) = lock(&self.shared.current).clone() else { return };
        while let Some(id) = next_pending(&job) {
            make_claimed(&job, id);
        }
        // And those the background thread is making.
        let mut state = lock(&job.state);
        while !state.making.is_empty() {
            state = job.made.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// The server's way to the stale pages.
    pub(crate) fn handle(&self) -> StaleHandle {
        StaleHandle(Arc::clone(&self.shared))
    }
}

/// What the server asks of the stale pages.
#[derive(Clone)]
pub(crate) struct StaleHandle(Arc<Shared>);

impl StaleHandle {
    /// The current HTML of the stale page at `site_path`, made now if it is not yet;
    /// `None` when the page is not stale (or did not change): the server's file is
    /// current.
    pub(crate) fn serve(&self, site_path: &str) -> Option<Arc<[u8]>> {
        let job = lock(&self.0.current).clone()?;
        let &id = job.input.by_path.get(site_path)?;
        let mut state = lock(&job.state);
        loop {
            if let Some(bytes) = state.served.get(site_path) {
                return bytes.clone();
            }
            if state.making.contains(&id) {
                state = job.made.wait(state).unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            if !state.pending.remove(&id) {
                return None;
            }
            state.making.insert(id);
            drop(state);
            return make_claimed(&job, id);
        }
    }
}

/// The background thread held back while it lives ([`StaleStore::pause`]).
pub(crate) struct Paused(Arc<Shared>);

impl Drop for Paused {
    fn drop(&mut self) {
        self.0.paused.store(false, Ordering::SeqCst);
    }
}

impl Drop for StaleStore {
    fn drop(&mut self) {
        self.shared.latest.store(STOP, Ordering::SeqCst);
        let _guard = lock(&self.shared.current);
        self.shared.ring.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// How stale page `id` of `job` is brought up to date.
fn how(job: &Job, id: PageId) -> How {
    job.input.pages.get(&id).map_or(How::Render, |(how, _)| *how)
}

/// Claims the first page not started.
fn next_pending(job: &Job) -> Option<PageId> {
    let mut state = lock(&job.state);
    let id = state.pending.pop_first()?;
    state.making.insert(id);
    Some(id)
}

/// Makes page `id` (claimed) and keeps it; returns its bytes.
fn make_claimed(job: &Job, id: PageId) -> Option<Arc<[u8]>> {
    let fresh = job.input.render(id);
    let bytes = fresh.bytes.clone();
    let mut state = lock(&job.state);
    state.making.remove(&id);
    state.served.insert(fresh.path.clone(), bytes.clone());
    state.made.push(fresh);
    job.made.notify_all();
    bytes
}

/// The background thread: makes the pages of the current job in page order, giving it
/// up when a newer one comes; until the store is dropped.
fn work(shared: &Shared) {
    crate::background::lower_this_thread();
    loop {
        let job = {
            let mut current = lock(&shared.current);
            loop {
                if shared.latest.load(Ordering::SeqCst) == STOP {
                    return;
                }
                let busy = current.as_ref().filter(|job| !lock(&job.state).pending.is_empty());
                if let Some(job) = busy {
                    break Arc::clone(job);
                }
                current = shared.ring.wait(current).unwrap_or_else(PoisonError::into_inner);
            }
        };
        while shared.latest.load(Ordering::SeqCst) == job.generation {
            if shared.paused.load(Ordering::SeqCst) {
                std::thread::sleep(std::time::Duration::from_millis(2));
                continue;
            }
            let Some(id) = next_pending(&job) else { break };
            make_claimed(&job, id);
        }
    }
}
