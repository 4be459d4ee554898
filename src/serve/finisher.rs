//! The files that depend on every page (the search index, `handbook.json`, the feeds,
//! the sitemap, the 404 page, the status files), made on a thread of their own after
//! fast rebuilds, so that they never delay the next page: the rebuild thread hands over
//! a copy of the site ([`SiteFilesInput`]) and goes on; it takes the files back when
//! they are made ([`Finisher::take`]).
//!
//! Requests coalesce: a site handed over while an older one waits replaces it, and one
//! being made is given up at its next step (and its files dropped) when a newer site
//! comes. The thread works on one core, outside the pool the page rebuilds use.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::files::{MemorySink, SiteFiles};
use crate::pipeline::incremental::{SiteFilesInput, write_site_files_of};

/// The thread that makes the whole-site files, and what it made.
pub(crate) struct Finisher {
    shared: Arc<Shared>,
    /// What the thread made, by generation: the search index first, then the rest
    /// (`true`: the last part).
    made: Receiver<(u64, SiteFiles, bool)>,
    /// The number of the last site handed over or given up.
    generation: u64,
    /// Whether files for the current generation are still to come.
    waiting: bool,
}

/// What the rebuild thread and the finishing thread share.
struct Shared {
    /// The site to make the files of, with its generation; taken by the thread.
    next: Mutex<Option<(u64, SiteFilesInput)>>,
    /// Rings when `next` is filled (or the finisher is dropped).
    ring: Condvar,
    /// The current generation: older work is given up.
    latest: AtomicU64,
}

/// The generation that tells the thread to stop.
const STOP: u64 = u64::MAX;

impl Finisher {
    /// Starts the finishing thread.
    pub(crate) fn start() -> Finisher {
        let shared = Arc::new(Shared { next: Mutex::new(None), ring: Condvar::new(), latest: AtomicU64::new(0) });
        let (sender, made) = channel();
        let worker = Arc::clone(&shared);
        // Without a thread (none could be started), the files are never brought up to
        // date after fast rebuilds: the next whole build writes them.
        let _ = std::thread::Builder::new().name("opsbook-finish".into()).spawn(move || work(&worker, &sender));
        Finisher { shared, made, generation: 0, waiting: false }
    }

    /// Hands over a copy of the site to make its whole-site files from, giving up any
    /// older one.
    pub(crate) fn request(&mut self, input: SiteFilesInput) {
        self.generation += 1;
        self.waiting = true;
        self.shared.latest.store(self.generation, Ordering::SeqCst);
        *self.shared.next.lock().unwrap_or_else(PoisonError::into_inner) = Some((self.generation, input));
        self.shared.ring.notify_one();
    }

    /// Gives up the files asked for (a whole build wrote them).
    pub(crate) fn cancel(&mut self) {
        self.generation += 1;
        self.waiting = false;
        self.shared.latest.store(self.generation, Ordering::SeqCst);
        self.shared.next.lock().unwrap_or_else(PoisonError::into_inner).take();
    }

    /// Whether files asked for are still to come.
    pub(crate) fn is_waiting(&self) -> bool {
        self.waiting
    }

    /// The files of the last site handed over, as they are made (the search index
    /// first, then the rest); older ones are dropped.
    pub(crate) fn take(&mut self) -> Option<SiteFiles> {
        while let Ok((generation, files, last)) = self.made.try_recv() {
            if generation == self.generation && self.waiting {
                self.waiting = !last;
                return Some(files);
            }
        }
        None
    }
}

impl Drop for Finisher {
    fn drop(&mut self) {
        self.shared.latest.store(STOP, Ordering::SeqCst);
        self.shared.ring.notify_one();
    }
}

/// The finishing thread: waits for a site, makes its files, sends them; until the
/// finisher is dropped.
fn work(shared: &Shared, sender: &Sender<(u64, SiteFiles, bool)>) {
    // One core: the page rebuilds keep the other, and their pool to themselves.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).thread_name(|_| "opsbook-finish-pool".into()).build();
    // What the last search index made here (or by the whole build before) was made of:
    // an edit encodes only the shards it changes. Every index written is whole, so a
    // result given up or dropped leaves nothing stale.
    let mut cache = crate::search::IndexCache::for_edits();
    loop {
        let (generation, mut input) = {
            let mut next = shared.next.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if shared.latest.load(Ordering::SeqCst) == STOP {
                    return;
                }
                if let Some(job) = next.take() {
                    break job;
                }
                next = shared.ring.wait(next).unwrap_or_else(PoisonError::into_inner);
            }
        };
        crate::spent::phase(None);
        let superseded = || shared.latest.load(Ordering::SeqCst) != generation;
        let sink = MemorySink::default();
        if let Some(built) = input.index_cache.take() {
            cache = built;
        }
        // The index is served as soon as it is made, before `handbook.json` and the rest.
        let mut index_written = || {
            if !superseded() {
                let _ = sender.send((generation, sink.take_files(), false));
                crate::spent::phase(Some("index: sent"));
            }
        };
        let mut make = || write_site_files_of(&input, &superseded, &sink, &mut cache, &mut index_written);
        let made = match &pool {
            Ok(pool) => pool.install(make),
            Err(_) => make(),
        };
        // Dropping the old model takes a while on a large handbook: not while holding
        // anything.
        drop(input);
        crate::spent::phase(Some("dropped input"));
        if matches!(made, Ok(true)) && !superseded() && sender.send((generation, sink.into_files(), true)).is_err() {
            return;
        }
    }
}
