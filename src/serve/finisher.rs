//! The files that depend on every page (the search index, `handbook.json`, the feeds,
//! the sitemap, the 404 page, the status files), made on threads of their own after
//! fast rebuilds, so that they never delay the next page: the rebuild thread hands over
//! a copy of the site ([`SiteFilesInput`]) and goes on; it takes the files back when
//! they are made ([`Finisher::take`]).
//!
//! The search index is made first, on one thread; the other files after it, on
//! another, so that the index of the next save does not wait for the files of this
//! one (`handbook.json` takes longer than the index at 10,000 pages).
//!
//! Requests coalesce: a site handed over while an older one waits replaces it, and one
//! being made is given up at its next step (and its files dropped) when a newer site
//! comes. Each thread works on one core, outside the pool the page rebuilds use, at the
//! lowest priority ([`crate::background`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::files::{MemorySink, SiteFiles};
use crate::pipeline::incremental::{SiteFilesInput, write_index_of, write_rest_of};

/// The threads that make the whole-site files, and what they made.
pub(crate) struct Finisher {
    shared: Arc<Shared>,
    /// What the threads made, by generation: the search index first, then the rest
    /// (`true`: the last part).
    made: Receiver<(u64, SiteFiles, bool)>,
    /// The number of the last site handed over or given up.
    generation: u64,
    /// Whether files for the current generation are still to come.
    waiting: bool,
}

/// What the rebuild thread and the finishing threads share.
struct Shared {
    /// The site to make the files of, with its generation; taken by the index's thread.
    next: Mutex<Option<(u64, SiteFilesInput)>>,
    /// Rings when `next` is filled (or the finisher is dropped).
    ring: Condvar,
    /// The site whose index is made, to make the other files of; taken by their thread.
    rest: Mutex<Option<(u64, Arc<SiteFilesInput>)>>,
    /// Rings when `rest` is filled (or the finisher is dropped).
    rest_ring: Condvar,
    /// The current generation: older work is given up.
    latest: AtomicU64,
}

impl Shared {
    fn is_stopped(&self) -> bool {
        self.latest.load(Ordering::SeqCst) == STOP
    }

    fn is_current(&self, generation: u64) -> bool {
        self.latest.load(Ordering::SeqCst) == generation
    }

    /// Waits until `slot` holds a job (rung by `ring`) and takes it; `None` once the
    /// finisher is stopped.
    fn wait_for<T>(&self, slot: &Mutex<Option<T>>, ring: &Condvar) -> Option<T> {
        let mut held = slot.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if self.is_stopped() {
                return None;
            }
            if let Some(job) = held.take() {
                return Some(job);
            }
            held = ring.wait(held).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

/// The generation that tells the threads to stop.
const STOP: u64 = u64::MAX;

impl Finisher {
    /// Starts the finishing threads.
    pub(crate) fn start() -> Finisher {
        let shared = Arc::new(Shared {
            next: Mutex::new(None),
            ring: Condvar::new(),
            rest: Mutex::new(None),
            rest_ring: Condvar::new(),
            latest: AtomicU64::new(0),
        });
        let (sender, made) = channel();
        let (index, rest) = (Arc::clone(&shared), Arc::clone(&shared));
        let rest_sender = sender.clone();
        // Without a thread (none could be started), the files are never brought up to
        // date after fast rebuilds: the next whole build writes them.
        let _ = std::thread::Builder::new().name("opsbook-finish".into()).spawn(move || work(&index, &sender));
        let _ = std::thread::Builder::new()
            .name("opsbook-finish-rest".into())
            .spawn(move || work_rest(&rest, &rest_sender));
        Finisher { shared, made, generation: 0, waiting: false }
    }

    /// Hands over a copy of the site to make its whole-site files from, giving up any
    /// older one.
    pub(crate) fn request(&mut self, input: SiteFilesInput) {
        self.generation += 1;
        self.waiting = true;
        self.shared.latest.store(self.generation, Ordering::SeqCst);
        let older = self.shared.next.lock().unwrap_or_else(PoisonError::into_inner).replace((self.generation, input));
        self.shared.ring.notify_one();
        drop(older);
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
        self.shared.rest_ring.notify_one();
    }
}

/// A pool of one thread: the page rebuilds keep the other core, and their pool to
/// themselves.
fn one_core(name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(move |_| name.into())
        .start_handler(|_| crate::background::lower_this_thread())
        .build()
        .ok()
}

/// The index's thread: waits for a site, makes its search index, sends it, and hands
/// the site to the other files' thread; until the finisher is dropped.
fn work(shared: &Shared, sender: &Sender<(u64, SiteFiles, bool)>) {
    crate::background::lower_this_thread();
    let pool = one_core("opsbook-finish-pool");
    // What the last search index made here (or by the whole build before) was made of:
    // an edit encodes only the shards it changes. Every index written is whole, so a
    // result given up or dropped leaves nothing stale.
    let mut cache = crate::search::IndexCache::for_edits();
    loop {
        let Some((generation, mut input)) = shared.wait_for(&shared.next, &shared.ring) else { return };
        crate::spent::phase(None);
        let sink = MemorySink::default();
        if let Some(built) = input.index_cache.take() {
            cache = built;
        }
        let mut make = || write_index_of(&input, &sink, &mut cache);
        let made = match &pool {
            Some(pool) => pool.install(make),
            None => make(),
        };
        if made.is_err() || !shared.is_current(generation) {
            // Dropping the old model takes a while on a large handbook: not on this thread.
            crate::background::drop_later(input);
            continue;
        }
        // The index is served as soon as it is made, before `handbook.json` and the rest.
        if matches!(made, Ok(true)) && sender.send((generation, sink.into_files(), false)).is_err() {
            return;
        }
        crate::spent::phase(Some("index: sent"));
        let older = shared.rest.lock().unwrap_or_else(PoisonError::into_inner).replace((generation, Arc::new(input)));
        shared.rest_ring.notify_one();
        if let Some(older) = older {
            crate::background::drop_later(older);
        }
    }
}

/// The other files' thread: waits for a site whose index is made, makes the rest of its
/// files and sends them, unless a newer site came meanwhile; until the finisher is
/// dropped.
fn work_rest(shared: &Shared, sender: &Sender<(u64, SiteFiles, bool)>) {
    crate::background::lower_this_thread();
    let pool = one_core("opsbook-finish-rest-pool");
    loop {
        let Some((generation, input)) = shared.wait_for(&shared.rest, &shared.rest_ring) else { return };
        if !shared.is_current(generation) {
            continue;
        }
        crate::spent::phase(None);
        let sink = MemorySink::default();
        let make = || write_rest_of(&input, &sink);
        let made = match &pool {
            Some(pool) => pool.install(make),
            None => make(),
        };
        let current = made.is_ok() && shared.is_current(generation);
        let closed = current && sender.send((generation, sink.into_files(), true)).is_err();
        // Freeing the input (often the last hold on an old model) comes after the files
        // are sent: they do not wait for it.
        drop(input);
        crate::spent::phase(Some("sent, input dropped"));
        if closed {
            return;
        }
    }
}
