//! How the process takes memory from the kernel: in pages of 4 KiB, not in transparent
//! huge pages of 2 MiB.
//!
//! More: docs/architecture.md, "Notes by module".

/// Turns transparent huge pages off for this process, before the work starts (see the
/// module). Where the kernel refuses, the process keeps them: nothing else changes.
pub fn use_small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn turns_huge_pages_off_for_the_process() {
        super::use_small_pages();
        assert_eq!(rustix::thread::transparent_huge_pages_are_disabled().ok(), Some(true));
        // The kernel's own account of the process says so too.
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let line = status.lines().find(|line| line.starts_with("THP_enabled:"));
        assert!(line.is_none_or(|line| line.ends_with('0')), "{line:?}");
    }
}
