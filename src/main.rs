//! The `opsbook` command: parses the command line, runs one verb, maps the result to an exit code.

fn main() -> std::process::ExitCode {
    opsbook::memory::use_small_pages();
    opsbook::cmd::run()
}

/// mimalloc: a build allocates and frees many small strings on every thread (Markdown
/// events, template values, search words); mimalloc's per-thread heaps make a build of
/// 10,000 pages about a tenth faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
