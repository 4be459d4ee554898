//! Time spent on one kind of work, summed over the threads that did it: what
//! `opsbook build --timings` uses to show the share of a parallel step spent
//! highlighting or writing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A counter of time spent, which threads add to.
#[derive(Debug, Default)]
pub(crate) struct SpentTime(AtomicU64);

impl SpentTime {
    /// A counter at zero.
    pub(crate) const fn new() -> Self {
        SpentTime(AtomicU64::new(0))
    }

    /// Runs `work`, adding the time it takes.
    pub(crate) fn time<T>(&self, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let done = work();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
        done
    }

    /// The time added since the last call, which starts the count again.
    pub(crate) fn take(&self) -> Duration {
        Duration::from_nanos(self.0.swap(0, Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_over_threads_and_starts_again_when_taken() {
        let spent = SpentTime::new();
        let pause = Duration::from_millis(5);
        std::thread::scope(|scope| {
            for _ in 0..2 {
                scope.spawn(|| spent.time(|| std::thread::sleep(pause)));
            }
        });
        assert!(spent.take() >= pause * 2);
        assert_eq!(spent.take(), Duration::ZERO);
    }
}
