//! When the dev server tries a failed rebuild again by itself.
//!
//! A rebuild that could not read a file (the system was out of open files, or an editor
//! had the file away for a moment while saving) says nothing about the content, and no
//! further change may come to trigger another: it is tried again after [`DELAYS`], and
//! again at every change. Rebuilds that fail on the content itself wait for the next
//! change, as there is nothing new to read.

use std::time::{Duration, Instant};

use crate::diagnostic::{Diagnostic, Rule};

/// The pauses before each new try after a rebuild that could not read a file.
pub(crate) const DELAYS: [Duration; 5] = [
    Duration::from_millis(100),
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

/// The tries left after failed reads.
#[derive(Debug, Default)]
pub(crate) struct Retry {
    /// Tries made since the last change.
    tries: usize,
    /// When the next one is due.
    due: Option<Instant>,
}

impl Retry {
    /// A change came: it is tried at once, and the pauses start again after it.
    pub(crate) fn on_change(&mut self) {
        *self = Retry::default();
    }

    /// After a rebuild: `failed_to_read` says whether it could not read a file; the next
    /// try is scheduled while pauses are left.
    pub(crate) fn after_rebuild(&mut self, failed_to_read: bool, now: Instant) {
        self.due = match DELAYS.get(self.tries) {
            Some(delay) if failed_to_read => Some(now + *delay),
            _ => None,
        };
        if self.due.is_some() {
            self.tries += 1;
        }
    }

    /// How long until the next try, if one is scheduled.
    pub(crate) fn wait(&self, now: Instant) -> Option<Duration> {
        self.due.map(|due| due.saturating_duration_since(now))
    }

    /// Whether a try is due.
    pub(crate) fn is_due(&self, now: Instant) -> bool {
        self.due.is_some_and(|due| due <= now)
    }
}

/// Whether the problems of a rebuild include a file that could not be read.
pub(crate) fn failed_to_read(problems: &[Diagnostic]) -> bool {
    problems.iter().any(|d| d.is_error() && d.rule == Rule::UnreadableFile)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_reads_are_tried_again_a_bounded_number_of_times_and_at_each_change() {
        let now = Instant::now();
        let mut retry = Retry::default();
        retry.after_rebuild(false, now);
        assert_eq!(retry.wait(now), None, "content errors wait for a change");
        for delay in DELAYS {
            retry.after_rebuild(true, now);
            assert_eq!(retry.wait(now), Some(delay));
            assert!(!retry.is_due(now) && retry.is_due(now + delay));
        }
        retry.after_rebuild(true, now);
        assert_eq!(retry.wait(now), None, "tries are bounded");
        retry.on_change();
        retry.after_rebuild(true, now);
        assert_eq!(retry.wait(now), Some(DELAYS[0]));
        retry.after_rebuild(false, now);
        assert_eq!(retry.wait(now), None, "a good read ends the tries");
    }
}
