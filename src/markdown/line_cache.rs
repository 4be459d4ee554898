//! Highlighting line by line with a memory: a line highlighted once in a given parser
//! state is not parsed again.
//!
//! Operators' code blocks repeat themselves: the same `kubectl` commands, YAML keys and
//! JSON shapes come back in runbook after runbook (in the shared corpora, 44% of code
//! lines are repeats). syntect's parser is the most expensive part of a build, and what
//! it makes of a line depends only on the line and the parser's state before it (the
//! context stack, and the scope stack that decides which `<span>`s are open). So each
//! thread remembers, for each line it highlighted, those states, the HTML and the states
//! after it; the same line in the same states gives the same HTML without parsing. The
//! result is byte-for-byte what syntect's `ClassedHTMLGenerator` makes (a unit test
//! checks it). The memory is per thread, so threads never wait for each other, and
//! bounded: it is emptied when it holds too many lines.

use std::cell::RefCell;
use std::rc::Rc;

use syntect::html::{ClassStyle, line_tokens_to_classed_spans};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::hash::FastHashMap;

/// How many lines a thread remembers before it starts again.
const CAPACITY: usize = 50_000;

/// The parser's state between two lines. Shared: a remembered line's state after it is
/// the state the next line starts in, so a run of remembered lines only moves a pointer.
type State = Rc<(ParseState, ScopeStack)>;

/// What a line gave in a given state.
struct Remembered {
    before: State,
    html: Box<str>,
    spans: isize,
    after: State,
}

/// Each line highlighted, with what it gave in each state it was met in.
#[derive(Default)]
struct Memory {
    lines: FastHashMap<Box<str>, Vec<Remembered>>,
    count: usize,
}

thread_local! {
    static MEMORY: RefCell<Memory> = RefCell::new(Memory::default());
}

/// The HTML of `code` highlighted with `syntax`: the same as syntect's
/// `ClassedHTMLGenerator`, with repeated lines taken from this thread's memory.
pub(super) fn highlight_lines(
    code: &str,
    syntax: &SyntaxReference,
    syntaxes: &SyntaxSet,
    style: ClassStyle,
) -> Option<String> {
    MEMORY.with_borrow_mut(|memory| {
        let mut current: State = Rc::new((ParseState::new(syntax), ScopeStack::new()));
        let mut open_spans = 0;
        let mut html = String::with_capacity(code.len() * 3);
        for line in LinesWithEndings::from(code) {
            let known = memory
                .lines
                .get(line)
                .and_then(|states| states.iter().find(|r| Rc::ptr_eq(&r.before, &current) || r.before == current));
            if let Some(remembered) = known {
                html.push_str(&remembered.html);
                open_spans += remembered.spans;
                current = Rc::clone(&remembered.after);
                continue;
            }
            let (mut state, mut stack) = (*current).clone();
            let ops = state.parse_line(line, syntaxes).ok()?;
            let (line_html, spans) = line_tokens_to_classed_spans(line, &ops, style, &mut stack).ok()?;
            html.push_str(&line_html);
            open_spans += spans;
            let after = Rc::new((state, stack));
            if memory.count >= CAPACITY {
                memory.lines.clear();
                memory.count = 0;
            }
            memory.count += 1;
            memory.lines.entry(line.into()).or_default().push(Remembered {
                before: current,
                html: line_html.into(),
                spans,
                after: Rc::clone(&after),
            });
            current = after;
        }
        for _ in 0..open_spans {
            html.push_str("</span>");
        }
        Some(html)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::html::ClassedHTMLGenerator;

    fn plain(code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> String {
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, ClassStyle::Spaced);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        generator.finalize()
    }

    #[test]
    fn gives_what_syntect_gives_for_repeated_lines_in_other_states() {
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
                let cached = highlight_lines(code, syntax, &syntaxes, ClassStyle::Spaced).unwrap();
                assert_eq!(cached, plain(code, syntax, &syntaxes), "round {round}, {language}: {code}");
            }
        }
    }
}
