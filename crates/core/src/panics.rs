//! Panics inside one page's work, caught and told as an error at that page rather than
//! printed as a thread's backtrace. A panic is a bug in opsbook (or in a library it
//! uses), never a problem of the page; but a handbook of thousands of pages should not
//! lose the whole build's report, nor `serve` its session, to one page that finds it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

use crate::diagnostic::{Diagnostic, Rule};

/// What a caught panic said, and where in opsbook's code (or a library's) it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caught {
    /// The panic's message, on one line.
    pub message: String,
    /// `file:line:column` of the panic, when the hook saw it.
    pub location: Option<String>,
}

/// The longest message kept, in characters: a slicing panic quotes the text it sliced.
const MOST_CHARS: usize = 300;

thread_local! {
    /// How many [`catch`]es this thread is inside.
    static CATCHING: Cell<usize> = const { Cell::new(0) };
    /// The last panic the hook recorded on this thread, for the `catch` it unwinds to.
    static RECORDED: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

/// Makes a panic outside every page's work (a bug anywhere else) print one line,
/// `error: internal error, please report it: MESSAGE (at PLACE)`, rather than Rust's
/// message and backtrace, which follow only when `RUST_BACKTRACE` is set (and not `0`).
/// The binary calls it first; the library's tests keep Rust's hook.
pub fn brief_outside_pages() {
    install_hook(true);
}

/// Runs `work`; a panic in it comes back as `Err` (see the module), printing nothing.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Caught> {
    install_hook(false);
    CATCHING.with(|c| c.set(c.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(work));
    CATCHING.with(|c| c.set(c.get().saturating_sub(1)));
    result.map_err(|payload| {
        RECORDED
            .with_borrow_mut(Option::take)
            .unwrap_or_else(|| Caught { message: message_of(&*payload), location: None })
    })
}

/// Installs the hook of step 2, once per process: the first call says whether a panic
/// outside every [`catch`] prints one line (`brief`, the binary) or Rust's message (the
/// library's tests, whose first call is a `catch`).
fn install_hook(brief: bool) {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CATCHING.with(Cell::get) > 0 {
                let caught = caught_from(info);
                RECORDED.with_borrow_mut(|recorded| *recorded = Some(caught));
                return;
            }
            if brief {
                let caught = caught_from(info);
                let place = caught.location.map_or(String::new(), |at| format!(" (at {at})"));
                eprintln!("error: internal error, please report it: {}{place}", caught.message);
                if std::env::var_os("RUST_BACKTRACE").is_none_or(|value| value == "0") {
                    return;
                }
            }
            previous(info);
        }));
    });
}

/// What the hook records of a panic.
fn caught_from(info: &PanicHookInfo<'_>) -> Caught {
    let location = info.location().map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
    Caught { message: message_of(info.payload()), location }
}

/// The message of a panic's payload, on one line and at most [`MOST_CHARS`] characters.
fn message_of(payload: &(dyn std::any::Any + Send)) -> String {
    let text = match (payload.downcast_ref::<&str>(), payload.downcast_ref::<String>()) {
        (Some(text), _) => text,
        (_, Some(text)) => text.as_str(),
        _ => "a panic without a message",
    };
    let one_line: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    let one_line = one_line.join(" ");
    match one_line.char_indices().nth(MOST_CHARS) {
        Some((cut, _)) => format!("{}…", &one_line[..cut]),
        None => one_line,
    }
}

impl Caught {
    /// The `internal-error` diagnostic of this panic, at the file `path` (relative to the
    /// root) whose `work` ("rendering this page") it broke.
    pub fn diagnostic(&self, path: &str, work: &str) -> Diagnostic {
        let place = self.location.as_ref().map_or(String::new(), |at| format!(" (at {at})"));
        Diagnostic::error(
            Rule::InternalError,
            path,
            0,
            0,
            format!("internal error while {work}, please report it: {}{place}", self.message),
        )
        .with_help(
            "this is a bug in opsbook, not a mistake in the page: the rest of the build went on; \
             report it with the page's text and opsbook's version",
        )
    }
}

/// Test-only fault injection, on the real path of a build: panics (at the caller's place)
/// when the environment variable `OPSBOOK_TEST_PANIC` is `STEP:FILE`
/// (`markdown:content/a.md`, `template:content/a.md`, `command:run`), so that the tests
/// can prove a panic in one page's work becomes an error at that page, and one elsewhere
/// a line. Compiled only with the `test-hooks` feature, which `cargo test` turns on and
/// the shipped binary never has (`Cargo.toml`): that binary reads no such variable.
#[cfg(feature = "test-hooks")]
#[track_caller]
pub fn inject(step: &str, file: &str) {
    static WANTED: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let wanted = WANTED.get_or_init(|| std::env::var("OPSBOOK_TEST_PANIC").ok());
    if let Some(wanted) = wanted
        && wanted.split_once(':') == Some((step, file))
    {
        panic!("OPSBOOK_TEST_PANIC asked for a panic in the {step} step of {file}");
    }
}

/// See the version with the test hooks.
#[cfg(not(feature = "test-hooks"))]
pub fn inject(_step: &str, _file: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_caught_work_comes_back_with_its_message_and_place() {
        let caught = catch(|| -> usize { panic!("broke on\npage {}", 7) }).expect_err("it panicked");
        assert_eq!(caught.message, "broke on page 7");
        let at = caught.location.expect("the hook saw where");
        assert!(at.starts_with("crates/core/src/panics.rs:"), "{at}");
    }

    #[test]
    fn work_that_does_not_panic_gives_its_result() {
        assert_eq!(catch(|| 6 * 7), Ok(42));
    }

    #[test]
    fn a_slice_inside_a_character_is_caught_and_shortened() {
        let text = "é".repeat(1000);
        let caught = catch(|| text[1..].len()).expect_err("not a boundary");
        assert!(caught.message.contains("byte index 1 is not a char boundary"), "{}", caught.message);
        assert!(caught.message.chars().count() <= MOST_CHARS + 1, "{}", caught.message);
    }

    #[test]
    fn nested_catches_each_get_their_own_panic() {
        let outer = catch(|| {
            let inner = catch(|| panic!("inner"));
            assert_eq!(inner.expect_err("inner panicked").message, "inner");
            panic!("outer");
        });
        assert_eq!(outer.expect_err("outer panicked").message, "outer");
        assert_eq!(CATCHING.with(Cell::get), 0);
    }

    #[test]
    fn the_diagnostic_names_the_page_the_work_and_the_place() {
        let caught = Caught { message: "boom".into(), location: Some("src/x.rs:1:2".into()) };
        let d = caught.diagnostic("content/a.md", "rendering this page");
        assert_eq!(d.rule, Rule::InternalError);
        assert!(d.is_error());
        assert_eq!(d.path, "content/a.md");
        assert_eq!(d.message, "internal error while rendering this page, please report it: boom (at src/x.rs:1:2)");
    }
}
