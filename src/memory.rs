//! How the process takes memory from the kernel: in pages of 4 KiB, not in transparent
//! huge pages of 2 MiB.
//!
//! mimalloc (the allocator, `main.rs`) asks the kernel for huge pages on every region
//! it maps (`madvise(MADV_HUGEPAGE)`), which Linux grants whether it gives them to
//! every process or only on request (`/sys/kernel/mm/transparent_hugepage/enabled`
//! set to `always` or `madvise`). The first write into such a region then makes the
//! kernel clear 2 MiB, however little of it the build uses, and again after mimalloc
//! gives memory back. A build's memory is many small, short-lived values on every
//! thread, so the clearing was a fifth of the CPU samples of a rebuild of 10,000 pages
//! (`clear_page_erms`, `do_huge_pmd_anonymous_page`), and the pages held memory the
//! build never wrote. Measured in bench/README.md ("Huge pages"): a rebuild with its
//! cache and output restored about a seventh faster, a first build's peak memory a
//! seventh lower, its time unchanged.
//!
//! [`use_small_pages`] turns huge pages off for the process (`PR_SET_THP_DISABLE`,
//! which the kernel checks at every page fault, so it holds for regions mapped before
//! it too). Elsewhere than Linux it does nothing.

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
