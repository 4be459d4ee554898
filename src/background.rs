//! Work nobody waits for, kept off the cores an edit needs: the threads of `serve` that
//! make the whole-site files after an edit, bring stale pages up to date and free an old
//! model run at the lowest scheduling priority, so that on a machine with two cores the
//! next save is rebuilt at full speed while they go on; an idle machine gives them every
//! core as before.

/// Lowers the scheduling priority of the calling thread to the lowest (`nice` 19): the
/// kernel then gives it the cores only when other threads leave them. Where this cannot
/// be done, the thread keeps its priority.
pub(crate) fn lower_this_thread() {
    // On Linux, a thread's id given to `setpriority` names that thread alone.
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), LOWEST);
}

/// The `nice` value of background threads.
#[cfg(target_os = "linux")]
const LOWEST: i32 = 19;

/// Drops `value` on a thread of its own at the lowest priority: freeing a large model
/// takes hundreds of milliseconds that the caller should not wait for. Where no thread
/// can be started, `value` is dropped here.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("opsbook-drop".into()).spawn(move || {
        lower_this_thread();
        drop(value);
    });
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The `nice` value of the calling thread, read from `/proc/thread-self/stat` (the
    /// 19th field).
    fn nice_of_this_thread() -> i32 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("the thread's stat is readable");
        let after_name = &stat[stat.rfind(')').expect("stat names the command") + 2..];
        after_name.split(' ').nth(16).and_then(|field| field.parse().ok()).expect("stat has a nice field")
    }

    #[test]
    fn a_lowered_thread_runs_at_nice_19_and_leaves_its_caller_as_it_was() {
        let before = nice_of_this_thread();
        let lowered = std::thread::spawn(|| {
            super::lower_this_thread();
            nice_of_this_thread()
        })
        .join()
        .expect("the thread ends");
        assert_eq!(lowered, 19);
        assert_eq!(nice_of_this_thread(), before);
    }
}
