//! What a build spends, for `opsbook build --timings`: time spent on one kind of work,
//! summed over the threads that did it (the share of a parallel step spent highlighting
//! or writing), and the peak memory of each step ([`PeakMemory`]).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A counter of time spent, which threads add to.
#[derive(Debug, Default)]
pub struct SpentTime(AtomicU64);

impl SpentTime {
    /// A counter at zero.
    pub const fn new() -> Self {
        SpentTime(AtomicU64::new(0))
    }

    /// Runs `work`, adding the time it takes.
    pub fn time<T>(&self, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let done = work();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.0.fetch_add(nanos, Ordering::Relaxed);
        done
    }

    /// The time added since the last call, which starts the count again.
    pub fn take(&self) -> Duration {
        Duration::from_nanos(self.0.swap(0, Ordering::Relaxed))
    }
}

/// The peak resident memory of the process, step by step. On Linux it reads the
/// high-water mark `VmHWM` of `/proc/self/status`; after [`peak_memory_per_step`], it
/// resets it after each step by writing `5` to `/proc/self/clear_refs`, so each step
/// gets its own peak. Otherwise, or where the kernel refuses the reset, each step gets
/// the highest mark reached by its end. Elsewhere there is no figure.
///
/// The reset is asked for only with the step timings (`--timings`), since it also
/// lowers the peak memory that the parent process is told of (`getrusage`, `time -v`).
#[derive(Debug)]
pub struct PeakMemory {
    /// Whether the mark was reset at the start of the current step.
    resets: bool,
}

impl PeakMemory {
    /// Starts the first step; `per_step` resets the mark after each step.
    pub fn start(per_step: bool) -> Self {
        PeakMemory { resets: per_step && reset_high_water_mark() }
    }

    /// The peak resident memory of the step that ends now, in bytes, and starts the next.
    pub fn take(&mut self) -> Option<u64> {
        let peak = high_water_mark();
        if self.resets {
            self.resets = reset_high_water_mark();
        }
        peak
    }
}

/// The process's peak resident memory since it started or since the last reset, in bytes.
fn high_water_mark() -> Option<u64> {
    crate::fs::own_process_file("status").as_deref().and_then(parse_high_water_mark)
}

/// The `VmHWM:   123456 kB` line of `/proc/self/status`, in bytes.
fn parse_high_water_mark(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|line| line.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

/// Sets the high-water mark back to the memory the process holds now; false where the
/// kernel has no such file or refuses.
fn reset_high_water_mark() -> bool {
    crate::fs::write_own_process_file("clear_refs", "5")
}

/// Whether the dev server's phases are traced (`OPSBOOK_SERVE_PHASES=1`): each
/// [`phase`] then prints on standard error how long the thread spent since the last.
fn tracing_phases() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("OPSBOOK_SERVE_PHASES").is_ok_and(|v| v == "1"))
}

thread_local! {
    static LAST_PHASE: std::cell::Cell<Option<Instant>> = const { std::cell::Cell::new(None) };
}

/// Ends the current phase of this thread's work, named `name`, when phases are traced
/// ([`tracing_phases`]); `None` starts the count without printing.
pub fn phase(name: Option<&str>) {
    if !tracing_phases() {
        return;
    }
    let now = Instant::now();
    if let (Some(name), Some(since)) = (name, LAST_PHASE.get()) {
        let at = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        eprintln!("phase {name}: {:.1} ms (at {})", (now - since).as_secs_f64() * 1000.0, at.as_millis() % 100_000);
    }
    LAST_PHASE.set(Some(now));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_high_water_mark_in_bytes() {
        let status = "Name:\topsbook\nVmPeak:\t  200000 kB\nVmHWM:\t    1536 kB\nVmRSS:\t    1024 kB\n";
        assert_eq!(parse_high_water_mark(status), Some(1536 * 1024));
        assert_eq!(parse_high_water_mark("VmRSS:\t 1024 kB\n"), None);
        assert_eq!(parse_high_water_mark("VmHWM:\t lots\n"), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_step_that_holds_memory_has_at_least_that_peak() {
        let mut memory = PeakMemory::start(false);
        memory.take();
        let held = std::hint::black_box(vec![1u8; 64 << 20]);
        let peak = memory.take().expect("a figure on Linux");
        drop(held);
        assert!(peak >= 64 << 20, "{peak}");
    }

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
