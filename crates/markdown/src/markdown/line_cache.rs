//! Highlighting line by line with a memory: a line highlighted once in a given parser
//! state is not parsed again.
//!
//! More: docs/architecture.md, "Notes by module".

use std::cell::RefCell;
use std::rc::Rc;

use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::token_style::{Classes, Known};
use crate::hash::FastHashMap;
use crate::html::push_escaped;

/// How many lines a thread remembers before it starts again.
const CAPACITY: usize = 50_000;

/// The parser's state between two lines. Shared: a remembered line's state after it is
/// the state the next line starts in, so a run of remembered lines only moves a pointer.
type State = Rc<(ParseState, ScopeStack)>;

/// What a line gave in a given state.
struct Remembered {
    before: State,
    html: Box<str>,
    after: State,
}

/// Each line highlighted, with what it gave in each state it was met in, and the
/// classes of the scope stacks met.
#[derive(Default)]
struct Memory {
    lines: FastHashMap<Box<str>, Vec<Remembered>>,
    count: usize,
    classes: Known,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
    /// The bytes of code the page this thread renders has asked to highlight so far.
    static SPENT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The longest line highlighted, in bytes: syntect's parser can take time quadratic in
/// a line's length (bash's `$((`), so a block with a longer line is shown plain.
pub(super) const MAX_LINE_BYTES: usize = 4096;
/// The most code one page highlights, in bytes of its blocks in page order: a block
/// past it is shown plain. Counted in bytes, not time, so that the output does not
/// depend on the machine's speed or load, nor on what a cache already holds.
pub(super) const PAGE_BYTES: usize = 1 << 20;

/// Starts the highlighting budget of the page this thread is about to render.
pub(super) fn start_page() {
    SPENT.set(0);
}

/// Takes a block of `bytes` from the page's highlighting budget: false, and nothing
/// taken, when the block does not fit in what is left.
pub(super) fn take_budget(bytes: usize) -> bool {
    let spent = SPENT.get().saturating_add(bytes);
    (spent <= PAGE_BYTES).then(|| SPENT.set(spent)).is_some()
}

/// The HTML of `code` highlighted with `syntax`, with repeated lines taken from this
/// thread's memory.
pub(super) fn highlight_lines(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> Option<String> {
    if code.split('\n').any(|line| line.len() > MAX_LINE_BYTES) {
        return None;
    }
    MEMORY.with_borrow_mut(|memory| {
        let mut current: State = Rc::new((ParseState::new(syntax), ScopeStack::new()));
        let mut html = String::with_capacity(code.len() * 3);
        for line in LinesWithEndings::from(code) {
            let known = memory
                .lines
                .get(line)
                .and_then(|states| states.iter().find(|r| Rc::ptr_eq(&r.before, &current) || r.before == current));
            if let Some(remembered) = known {
                html.push_str(&remembered.html);
                current = Rc::clone(&remembered.after);
                continue;
            }
            let (mut state, mut stack) = (*current).clone();
            let ops = state.parse_line(line, syntaxes).ok()?;
            let line_html = line_html(line, &ops, &mut stack, &mut memory.classes)?;
            html.push_str(&line_html);
            let after = Rc::new((state, stack));
            if memory.count >= CAPACITY {
                memory.lines.clear();
                memory.count = 0;
            }
            memory.count += 1;
            memory.lines.entry(line.into()).or_default().push(Remembered {
                before: current,
                html: line_html.into(),
                after: Rc::clone(&after),
            });
            current = after;
        }
        Some(html)
    })
}

/// The HTML of `line`, whose scopes change by `ops` from `stack` on (left as the line
/// ends), with `known` classes; `None` when an operation does not apply to the stack.
fn line_html(line: &str, ops: &[(usize, ScopeStackOp)], stack: &mut ScopeStack, known: &mut Known) -> Option<String> {
    let mut html = String::with_capacity(line.len() + 16 * ops.len());
    let mut open: Option<Rc<Classes>> = None;
    let mut at = 0;
    for (index, op) in ops {
        if *index > at {
            token(&mut html, &line[at..*index], known.of(stack.as_slice()), &mut open);
            at = *index;
        }
        stack.apply(op).ok()?;
    }
    if at < line.len() {
        token(&mut html, &line[at..], known.of(stack.as_slice()), &mut open);
    }
    if open.is_some() {
        // Closed before the line's end, so each line of the HTML holds its spans whole.
        let newline = html.ends_with('\n');
        if newline {
            html.pop();
        }
        html.push_str("</span>");
        if newline {
            html.push('\n');
        }
    }
    Some(html)
}

/// Writes `text`, a token of `classes`, into `html`, where the `<span>` of `open` is
/// open: in it when the classes are the same (or the token is spaces in the default
/// look, which show no colour, and `open` underlines nothing), else in a `<span>` of its
/// own or none.
fn token(html: &mut String, text: &str, classes: Option<Rc<Classes>>, open: &mut Option<Rc<Classes>>) {
    let same = match (&classes, &*open) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b) || a == b,
        (None, None) => true,
        (None, Some(open)) => !open.underlined && text.bytes().all(|b| b == b' ' || b == b'\t'),
        (Some(_), None) => false,
    };
    if !same {
        if open.is_some() {
            html.push_str("</span>");
        }
        if let Some(classes) = &classes {
            html.push_str("<span class=\"");
            html.push_str(&classes.attribute);
            html.push_str("\">");
        }
        *open = classes;
    }
    push_escaped(html, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `code` gives without the memory: every line parsed and its classes resolved.
    fn plain(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> String {
        let (mut state, mut stack, mut known) = (ParseState::new(syntax), ScopeStack::new(), Known::default());
        let mut html = String::new();
        for line in LinesWithEndings::from(code) {
            let ops = state.parse_line(line, syntaxes).unwrap();
            html.push_str(&line_html(line, &ops, &mut stack, &mut known).unwrap());
        }
        html
    }

    #[test]
    fn gives_what_each_line_gives_unremembered_for_repeated_lines_in_other_states() {
        let syntaxes = two_face::syntax::extra_newlines();
        let blocks = [
            ("py", "def f(x):\n    \"\"\"Doc.\n    x = 1\n    \"\"\"\n    x = 1\n    return x\n"),
            ("py", "x = 1\n\"\"\"\nx = 1\n\"\"\"\nx = 1\n"),
            ("sh", "echo \"a\nb\"\necho a\ncat <<EOF\necho a\nEOF\necho a\n"),
            ("yaml", "a: |\n  a: 1\na: 1\n- a: 1\n"),
            ("json", "{\n  \"a\": [1,\n  \"a\": 1\n]}\n"),
            ("sh", "echo a"),
        ];
        for round in 0..2 {
            for (language, code) in blocks {
                let syntax = syntaxes.find_syntax_by_extension(language).unwrap();
                let cached = highlight_lines(code, syntax, &syntaxes).unwrap();
                assert_eq!(cached, plain(code, syntax, &syntaxes), "round {round}, {language}: {code}");
            }
        }
    }

    #[test]
    fn a_run_of_one_look_is_one_span_and_every_span_closes_on_its_line() {
        let syntaxes = two_face::syntax::extra_newlines();
        let syntax = syntaxes.find_syntax_by_extension("py").unwrap();
        let html =
            highlight_lines("x = \"a b\"\n\"\"\"doc\nstring\"\"\"\n# a comment <b>\n", syntax, &syntaxes).unwrap();
        for line in html.lines() {
            assert_eq!(line.matches("<span").count(), line.matches("</span>").count(), "{line}");
        }
        // The string, its quotes included, is one span; the comment too, escaped.
        assert_eq!(html.matches("a b").count(), 1);
        assert!(html.contains("&quot;a b&quot;</span>"), "{html}");
        assert!(html.contains("# a comment &lt;b&gt;</span>\n"), "{html}");
        // Plain `x = ` has no look of its own in either theme but the operator's.
        assert!(html.starts_with("x "), "{html}");
        assert!(!html.contains("<span class=\"hl-meta"), "{html}");
    }

    #[test]
    fn a_page_highlights_its_first_mebibyte_of_code_and_shows_the_rest_plain() {
        let highlighted = |code: &str| {
            crate::markdown::blocks::code_block_html(code, "bash", Some(crate::markdown::highlight::Highlighter::PLAIN))
                .contains("<span class=")
        };
        start_page();
        let line = "echo hello\n";
        let big = line.repeat(PAGE_BYTES / line.len() - 1);
        assert!(highlighted(&big), "a block within the budget is highlighted");
        let left = PAGE_BYTES - big.len();
        assert_eq!(left, 12);
        assert!(!highlighted(&"echo after\n".repeat(10)), "a block past what is left is plain");
        assert!(highlighted("echo hi\n"), "a block that fits in what is left is highlighted");
        start_page();
        assert!(highlighted(&"echo after\n".repeat(10)), "the next page has a budget of its own");
    }
}
