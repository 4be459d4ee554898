//! Jekyll's includes named by variables, in the Liquid stage ([`super::evaluate`]):
//! `{% include {{ page.file }} %}`, `{% include_relative {{ dir }}/a.md level="h3" %}`.
//! Jekyll renders such a name in the scope of the tag and includes the file it names
//! there (`IncludeTag#render_variable`, "variables in include file names":
//! <https://jekyllrb.com/docs/includes/#using-variables-names-for-the-include-file>), so
//! an `assign` before the tag, a `for` loop around it or an `if` that skips it decide
//! which file, if any, is read. Includes with written names were expanded before this
//! stage ([`crate::markdown::includes`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::ops::Range;
use std::sync::Arc;

use liquid_core::error::ResultLiquidReplaceExt;
use liquid_core::parser::{BlockReflection, ParseBlock, TagBlock};
use liquid_core::{Language, Renderable, Runtime, TagTokenIter, Template};

use super::Problem;
use super::liquid_recover::Failures;
use super::liquid_template::{BLOCK, Tag, first_line, kept_marker, output_of};
use crate::markdown::includes::{LateFailure, MAX_DEPTH, MAX_INCLUDES, MAX_READ};
use crate::markdown::templating::{Bounded, TOO_LONG};

/// The most times a page is rendered to find the files its includes name.
pub(super) const MAX_PASSES: usize = MAX_DEPTH + 1;

/// The name and the parameters of `{% include … %}` or `{% include_relative … %}`
/// (`inner`, without the braces and trim marks) when its name holds a variable.
pub(super) fn parse(inner: &str) -> Option<(bool, String, String)> {
    let (tag, rest) = inner.split_once(char::is_whitespace)?;
    let relative = match tag {
        "include" => false,
        "include_relative" => true,
        _ => return None,
    };
    let rest = rest.trim_start();
    // Text, then one or more `{{ … }}` each followed by text without spaces or braces.
    let mut end = 0;
    let mut variables = 0;
    loop {
        let tail = &rest[end..];
        let plain = tail.find(|c: char| c.is_whitespace() || c == '{' || c == '}').unwrap_or(tail.len());
        end += plain;
        let tail = &rest[end..];
        if !tail.starts_with("{{") {
            break;
        }
        let close = tail.find("}}")?;
        end += close + 2;
        variables += 1;
    }
    let after = &rest[end..];
    if variables == 0 || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((relative, rest[..end].to_string(), after.trim().to_string()))
}

/// Whether Jekyll's `validate_file_name` takes `name`.
fn valid_name(name: &str) -> bool {
    // Ruby's `\w` without Unicode: ASCII letters, digits and `_`.
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_/.-()+~#@".contains(c);
    let repeated = name.as_bytes().windows(2).any(|w| matches!(w[0], b'.' | b'/') && matches!(w[1], b'.' | b'/'));
    !name.is_empty() && name.chars().all(allowed) && !repeated
}

/// A file an include asked for: how it is looked up, its name, its parameters.
pub(super) type Key = (bool, String, String);

/// What an included file renders as.
#[derive(Debug)]
pub(super) enum Partial {
    /// Its Liquid, to render where the tag is.
    Liquid {
        text: String,
        template: Template,
        runs: Vec<Range<usize>>,
        kept: Vec<Range<usize>>,
        numbered: Vec<Range<usize>>,
    },
    /// Text written as it is: a file whose Liquid cannot be read, or the tag with its
    /// name for the handbook's template.
    Text(String),
}

/// A file read for an include: what it renders as, the files read, what went wrong in it.
#[derive(Debug)]
pub(super) struct Read {
    pub partial: Partial,
    /// The file's path, as messages name it.
    pub file: String,
    pub files: Vec<String>,
    pub problems: Vec<(Problem, String)>,
    /// The internal blocks a public build left out of it, for what they link to.
    pub dropped: Vec<(Option<String>, String)>,
    /// Its own includes with variable names.
    pub tags: Vec<Tag>,
}

/// The state of one pass over a page, kept in the runtime's registers.
#[derive(Default)]
pub(super) struct State {
    /// The includes with variable names of each template (the page's first, then each
    /// file's read), by number.
    pub tables: Vec<Arc<Vec<Tag>>>,
    /// The files read so far (or why not), carried from pass to pass.
    pub partials: HashMap<Key, Result<Arc<Read>, LateFailure>>,
    /// The files asked for in this pass and not read yet.
    pub requests: Vec<Key>,
    /// Whether this is the last pass: a file not read by now is not read.
    pub last: bool,
    /// What this pass has to say, at which of the page's tags (by number), once each.
    pub said: Vec<(usize, Problem, String)>,
    said_once: HashSet<(usize, Problem, String)>,
    /// The files the includes of this pass read, and the internal blocks a public build
    /// left out of them.
    pub files: BTreeSet<String>,
    pub dropped: Vec<(Option<String>, String)>,
    /// The files whose problems, files and dropped blocks this pass has taken.
    taken: HashSet<Key>,
    depth: usize,
    /// The includes this pass ran, and the bytes the included files wrote.
    runs: usize,
    written: usize,
    /// The page's tag whose file is being rendered, where what goes wrong in it is said.
    at: usize,
}

impl State {
    pub(super) fn new(tags: Vec<Tag>) -> Self {
        State { tables: vec![Arc::new(tags)], ..State::default() }
    }

    /// Starts the next pass: what the last one said and counted is dropped.
    pub(super) fn next_pass(&mut self, last: bool) {
        self.last = last;
        self.said.clear();
        self.said_once.clear();
        self.files.clear();
        self.dropped.clear();
        self.taken.clear();
        (self.depth, self.runs, self.written, self.at) = (0, 0, 0, 0);
    }

    fn say(&mut self, tag: usize, problem: Problem, message: String) {
        if self.said_once.insert((tag, problem, message.clone())) {
            self.said.push((tag, problem, message));
        }
    }

    /// What `read` (of `key`) brings to the page, taken once a pass: its problems (said at
    /// `tag`), its files, its dropped blocks.
    fn take(&mut self, key: &Key, read: &Read, tag: usize) {
        if !self.taken.insert(key.clone()) {
            return;
        }
        for (problem, message) in &read.problems {
            self.say(tag, *problem, message.clone());
        }
        self.files.extend(read.files.iter().cloned());
        self.dropped.extend(read.dropped.iter().cloned());
    }
}

/// The HTML a missing include shows where the tag is: its name.
fn placeholder(name: &str) -> String {
    crate::markdown::includes::placeholder(name, false, None)
}

/// `{% opsbook_include N %}NAME{% endopsbook_include %}`.
#[derive(Clone, Copy, Debug)]
pub(super) struct IncludeBlock;

impl BlockReflection for IncludeBlock {
    fn start_tag(&self) -> &str {
        BLOCK
    }
    fn end_tag(&self) -> &str {
        "endopsbook_include"
    }
    fn description(&self) -> &str {
        ""
    }
}

impl ParseBlock for IncludeBlock {
    fn parse(
        &self,
        mut arguments: TagTokenIter<'_>,
        mut block: TagBlock<'_, '_>,
        options: &Language,
    ) -> liquid_core::Result<Box<dyn Renderable>> {
        let mut number =
            || arguments.expect_next("a number").map(|n| n.as_str().parse::<usize>().unwrap_or(usize::MAX));
        let (table, number, kept) = (number()?, number()?, number()?);
        arguments.expect_nothing()?;
        let name = Template::new(block.parse_all(options)?);
        block.assert_empty();
        Ok(Box::new(Include { table, number, kept, name }))
    }

    fn reflection(&self) -> &dyn BlockReflection {
        self
    }
}

#[derive(Debug)]
struct Include {
    /// The tag's template and its number there ([`State::tables`]).
    table: usize,
    number: usize,
    /// The number of the empty kept piece at the tag, which its text starts with, so
    /// that the text maps to the tag.
    kept: usize,
    /// Its name, rendered where it runs.
    name: Template,
}

impl Renderable for Include {
    fn render_to(&self, writer: &mut dyn Write, runtime: &dyn Runtime) -> liquid_core::Result<()> {
        let mut name = Vec::new();
        self.name.render_to(&mut name, runtime)?;
        let name = String::from_utf8_lossy(&name).trim().to_string();
        let (read, tag) = {
            let mut state = runtime.registers().get_mut::<State>();
            // Only the Liquid stage writes the block, with its tables.
            let Some(written) = state.tables.get(self.table).and_then(|t| t.get(self.number)).cloned() else {
                return Ok(());
            };
            writer.write_all(kept_marker(self.kept).as_bytes()).replace(TOO_LONG)?;
            // Said at the page's tag: this one, or the one whose file holds this one.
            let tag = if state.depth == 0 { self.number } else { state.at };
            state.at = tag;
            // Every run counts, and every file asked for: a loop cannot make more.
            state.runs += 1;
            if state.runs > MAX_INCLUDES
                || state.written > MAX_READ
                || state.partials.len() + state.requests.len() > MAX_INCLUDES
            {
                let message = format!(
                    "the page's includes run more than {MAX_INCLUDES} times, name more than {MAX_INCLUDES} files or \
                     write more than {} MiB; the rest are left out",
                    MAX_READ >> 20
                );
                state.say(tag, Problem::Include, message);
                return Ok(());
            }
            if !valid_name(&name) {
                let message = format!(
                    "cannot include `{name}` (the name `{}` where the tag is): Jekyll includes no file by a name that is \
                     empty, holds `..`, `./`, `/.` or `//`, or a character other than ASCII letters, digits and \
                     `_/.-()+~#@`",
                    written.name
                );
                state.say(tag, Problem::MissingInclude, message);
                return writer.write_all(placeholder(&name).as_bytes()).replace(TOO_LONG);
            }
            let key = (written.relative, name.clone(), written.params.clone());
            match state.partials.get(&key).cloned() {
                None if !state.last => {
                    state.requests.push(key);
                    return Ok(());
                }
                // Not read by the last pass, or read but too deep.
                None => return nested_too_deep(&mut state, tag, &name),
                Some(Ok(_)) if state.depth >= MAX_DEPTH => return nested_too_deep(&mut state, tag, &name),
                Some(Err(LateFailure::Missing(message) | LateFailure::NoFile(message))) => {
                    state.say(tag, Problem::MissingInclude, message);
                    return writer.write_all(placeholder(&name).as_bytes()).replace(TOO_LONG);
                }
                Some(Err(LateFailure::Problem(message) | LateFailure::InternalBlock(message))) => {
                    state.say(tag, Problem::Include, message);
                    return Ok(());
                }
                Some(Ok(read)) => {
                    state.take(&key, &read, tag);
                    state.depth += 1;
                    (read, tag)
                }
            }
        };
        let written = render_partial(&read, runtime, tag);
        runtime.registers().get_mut::<State>().depth -= 1;
        writer.write_all(written?.as_bytes()).replace(TOO_LONG)
    }
}

/// Says at `tag` that the include of `name` nests too deep; it writes nothing.
fn nested_too_deep(state: &mut State, tag: usize, name: &str) -> liquid_core::Result<()> {
    let message = format!("cannot include `{name}`: includes nest deeper than {MAX_DEPTH} files");
    state.say(tag, Problem::Include, message);
    Ok(())
}

/// The text `read` writes where include `tag` is, its Liquid rendered in `runtime`.
fn render_partial(read: &Read, runtime: &dyn Runtime, tag: usize) -> liquid_core::Result<String> {
    let (text, template, runs, kept, numbered) = match &read.partial {
        Partial::Text(text) => return Ok(text.clone()),
        Partial::Liquid { text, template, runs, kept, numbered } => (text, template, runs, kept, numbered),
    };
    let before = runtime.registers().get_mut::<Failures>().0.len();
    let mut out = Bounded::new(super::liquid_budget::MAX_OUTPUT);
    let rendered = template.render_to(&mut out, runtime);
    let failed = runtime.registers().get_mut::<Failures>().0.split_off(before);
    rendered?;
    let mut state = runtime.registers().get_mut::<State>();
    for (number, error) in failed {
        let Some(range) = numbered.get(number) else { continue };
        let message = format!(
            "`{}` in `{}` cannot be evaluated ({}); it is shown as a placeholder",
            super::shorten(&text[range.clone()]),
            read.file,
            first_line(&error.to_string()),
        );
        state.say(tag, Problem::Unsupported, message);
    }
    state.written += out.bytes.len();
    let rendered = String::from_utf8(out.bytes).unwrap_or_default();
    Ok(output_of(text, &rendered, runs, kept, numbered).text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_name_as_jekyll_s_variable_syntax_does() {
        let parsed = parse;
        assert_eq!(parsed("include {{ page.file }}"), Some((false, "{{ page.file }}".into(), String::new())));
        assert_eq!(
            parsed("include_relative {{dir}}/a-{{ n | plus: 1 }}.md level=\"h3\" x=page.y"),
            Some((true, "{{dir}}/a-{{ n | plus: 1 }}.md".into(), "level=\"h3\" x=page.y".into()))
        );
        assert_eq!(parsed("include a/{{ x }}.html"), Some((false, "a/{{ x }}.html".into(), String::new())));
        assert_eq!(parsed("include a.html"), None, "a written name is the includes stage's");
        assert_eq!(parsed("include {{ x"), None, "not closed");
        assert_eq!(parsed("render {{ x }}"), None);
    }

    #[test]
    fn takes_the_names_jekyll_takes() {
        for name in ["a.md", "guidance/when-to-use.md", "x_(1)+~#@.html"] {
            assert!(valid_name(name), "{name}");
        }
        for name in ["", "../a.md", "a/../b", "./a", "a//b", "a b", "a\\b", "a<b"] {
            assert!(!valid_name(name), "{name}");
        }
    }
}
