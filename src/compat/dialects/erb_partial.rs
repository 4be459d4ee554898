//! Middleman's `partial` in ERB pages, stage 0 of [`super::rewrite`] on the pages of a
//! handbook whose tool renders partials: `<%= partial 'shared/header' %>` is replaced by
//! the text of `shared/_header.*`, found as Middleman's `locate_partial` finds it
//! ([`candidates`]). An ERB partial's own tags stay for the later stages, which read them
//! as the page's (its `locals:` written in where a tag writes one); other partials are
//! text. The inserted text maps to its tag, so any problem in it is reported there. A
//! partial that is not found, is refused, nests too deep or includes itself leaves its
//! tag as written (a placeholder) with the problem at the tag.
//!
//! More: docs/architecture.md, "Middleman's partials".

use super::{Collected, Output, Page, Problem};
use crate::markdown::has_text;
use crate::markdown::includes::{LateFailure, LateText, MAX_DEPTH};

/// The longest tag read, in bytes.
const MAX_TAG: usize = 4096;

/// The extensions of a partial's file that Middleman's glob (`_name.*`) finds and opsbook
/// reads: the page's engine (`.erb`) first, then the others Tilt renders.
const EXTENSIONS: &[&str] = &[
    ".erb",
    ".html.erb",
    ".md.erb",
    ".html.md.erb",
    ".markdown.erb",
    ".html.markdown.erb",
    ".md",
    ".html.md",
    ".markdown",
    ".html.markdown",
];

/// Reads a file as an include: `true` from the page's folder, else (a leading `/`) from
/// the content folder.
pub(super) type Reader<'r> = &'r dyn Fn(bool, &str) -> Result<LateText, LateFailure>;

/// A call of `partial` as written in a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Call {
    /// The partial's name (`shared/header`).
    pub name: String,
    /// Its `locals:` with literal values, as ERB writes them.
    pub locals: Vec<(String, String)>,
}

/// Expands the partials of an ERB page, or `None` when it calls none that were read.
pub(super) fn expand(text: &str, page: Page<'_>, collected: &mut Collected) -> Option<Output> {
    let reads_partials = page.templating.is_some_and(|t| t.site.data.text.erb_partials);
    let late = page.late?;
    if !page.erb || !reads_partials || !has_text(text, "partial") {
        return None;
    }
    let read = |relative: bool, name: &str| late.read(relative, name, &[]);
    expand_with(text, late.page_file(), &read, collected)
}

/// [`expand`] with the files `read` reads, for a page whose file is `page_file`.
pub(super) fn expand_with(text: &str, page_file: &str, read: Reader<'_>, collected: &mut Collected) -> Option<Output> {
    let mut expander = Expander { read, collected, size: text.len() };
    let mut output = Output::default();
    let mut copied = 0;
    let mut stack = vec![page_file.to_string()];
    for (range, call) in partial_tags(text) {
        let Some(inserted) = expander.partial(&call, &[], &mut stack, range.start) else { continue };
        output.push("", &text[copied..range.start], copied);
        let inserted = match text[range.end..].starts_with('\n') && !inserted.text.ends_with('\n') && inserted.block {
            true => inserted.text + "\n",
            false => inserted.text,
        };
        output.push(&inserted, "", range.start);
        copied = range.end;
    }
    if copied == 0 {
        return None;
    }
    output.push("", &text[copied..], copied);
    Some(output)
}

/// The text a partial writes, and whether it is Markdown (blocks of their own).
struct Inserted {
    text: String,
    block: bool,
}

/// Reads partials, nested ones too, within the budget of a page.
struct Expander<'r, 'c> {
    read: Reader<'r>,
    collected: &'c mut Collected,
    /// The size the page's text has grown to.
    size: usize,
}

impl Expander<'_, '_> {
    /// The text of the partial `call` names with the `locals` of the partials around it,
    /// `stack` holding the files being read; problems at `at`, the page's tag.
    fn partial(
        &mut self,
        call: &Call,
        locals: &[(String, String)],
        stack: &mut Vec<String>,
        at: usize,
    ) -> Option<Inserted> {
        let name = &call.name;
        if stack.len() > MAX_DEPTH {
            let message = format!("partial `{name}` is not read: partials nest more than {MAX_DEPTH} deep here");
            self.collected.problems.push((at, Problem::Include, message));
            return None;
        }
        let read = match locate(name, self.read) {
            Ok(read) => read,
            Err((problem, message)) => {
                self.collected.problems.push((at, problem, message));
                return None;
            }
        };
        if let Some(first) = stack.iter().position(|file| *file == read.file) {
            let mut chain: Vec<&str> = stack[first..].iter().map(String::as_str).collect();
            chain.push(&read.file);
            let message = format!("partial `{name}` includes itself ({}): it is not read again", chain.join(" -> "));
            self.collected.problems.push((at, Problem::Include, message));
            return None;
        }
        self.size += read.text.len();
        if self.size > super::liquid_budget::MAX_OUTPUT {
            let message = format!(
                "partial `{name}` is not read: the page would grow past {} MiB",
                super::liquid_budget::MAX_OUTPUT >> 20
            );
            self.collected.problems.push((at, Problem::Budget, message));
            return None;
        }
        self.take(&read, at);
        let erb = crate::content::formats::is_erb(&read.file);
        let block = is_markdown(&read.file);
        let body = without_front_matter(&read.text);
        if !erb {
            // ERB reads `<%%` as `<%`: the later stages show a text partial's as written.
            return Some(Inserted { text: body.replace("<%", "<%%"), block });
        }
        let mut scope = locals.to_vec();
        for (key, value) in &call.locals {
            scope.retain(|(k, _)| k != key);
            scope.push((key.clone(), value.clone()));
        }
        let body = bind_locals(body, &scope);
        stack.push(read.file.clone());
        let mut text = String::with_capacity(body.len());
        let mut copied = 0;
        for (range, inner) in partial_tags(&body) {
            if let Some(nested) = self.partial(&inner, &scope, stack, at) {
                text.push_str(&body[copied..range.start]);
                text.push_str(&nested.text);
                copied = range.end;
            }
        }
        stack.pop();
        text.push_str(&body[copied..]);
        Some(Inserted { text, block })
    }

    /// Keeps what reading `read` found: its files, its problems, what it left out.
    fn take(&mut self, read: &LateText, at: usize) {
        self.collected.included_files.extend(read.files.iter().cloned());
        for failure in &read.problems {
            let (problem, message) = match failure {
                LateFailure::Missing(m) | LateFailure::NoFile(m) => (Problem::MissingInclude, m),
                LateFailure::Problem(m) => (Problem::Include, m),
                LateFailure::InternalBlock(m) => (Problem::InternalBlock, m),
            };
            self.collected.problems.push((at, problem, message.clone()));
        }
        self.collected.dropped_in_includes.extend(read.dropped.iter().cloned());
    }
}

/// The files Middleman looks for a partial `name` in, in its order: `(true, path)` from
/// the page's folder, `(false, path)` from the source folder; a path ending in `.*` is
/// any of [`EXTENSIONS`]. Padrino's `partial` puts `_` before the last part of the name;
/// `locate_partial` tries that beside the page (its engine first), then from the source
/// folder, then the name without the first `_`, each as a template and then, last, as a
/// file of that exact name.
pub(super) fn candidates(name: &str) -> Vec<(bool, String)> {
    let written = name.trim_start_matches('/');
    let underscored = match written.rsplit_once('/') {
        Some((dir, last)) => format!("{dir}/_{last}"),
        None => format!("_{written}"),
    };
    // Ruby's `sub(/^_/, '').sub(/\/_/, '/')`: each replaces the first only.
    let plain = underscored.strip_prefix('_').unwrap_or(&underscored);
    let plain = match plain.find("/_") {
        Some(at) => format!("{}/{}", &plain[..at], &plain[at + 2..]),
        None => plain.to_string(),
    };
    let glob = |path: &str| format!("{path}.*");
    vec![
        (true, glob(&underscored)),
        (false, glob(&underscored)),
        (true, glob(&plain)),
        (false, glob(&plain)),
        (false, underscored),
        (true, plain.clone()),
        (false, plain),
    ]
}

/// Reads the partial `name`: its file, or the problem and the message to give.
fn locate(name: &str, read: Reader<'_>) -> Result<LateText, (Problem, String)> {
    let mut why_not = None;
    for (relative, path) in candidates(name) {
        let paths: Vec<String> = match path.strip_suffix(".*") {
            Some(stem) => EXTENSIONS.iter().map(|ext| format!("{stem}{ext}")).collect(),
            None => vec![path],
        };
        for path in paths {
            let path = if relative { path } else { format!("/{path}") };
            match read(relative, &path) {
                Ok(found) => return Ok(found),
                Err(LateFailure::NoFile(_)) => {}
                // A path out of the handbook: refused, and said if nothing else is found.
                Err(LateFailure::Missing(message)) => {
                    why_not.get_or_insert(message);
                }
                Err(LateFailure::Problem(message) | LateFailure::InternalBlock(message)) => {
                    return Err((Problem::Include, format!("partial `{name}` is not read: {message}")));
                }
            }
        }
    }
    let why = why_not.map(|m| format!(" ({m})")).unwrap_or_default();
    Err((
        Problem::MissingInclude,
        format!(
            "could not locate partial `{name}`: no `_name.*` beside the page or in the source folder, as \
             Middleman looks{why}"
        ),
    ))
}

/// Whether a partial's `file` is Markdown, rendered as blocks of their own.
fn is_markdown(file: &str) -> bool {
    let name = file.strip_suffix(".erb").unwrap_or(file);
    name.ends_with(".md") || name.ends_with(".markdown")
}

/// `text` without its front matter, which Middleman reads apart from a template.
fn without_front_matter(text: &str) -> &str {
    match crate::content::front_matter::split_front_matter(text) {
        Ok(split) if split.front.is_some() => split.body,
        _ => text,
    }
}

/// `text` with each `<%= name %>` of a local of `scope` written as its value.
fn bind_locals(text: &str, scope: &[(String, String)]) -> String {
    if scope.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (range, inner) in tags(text) {
        let Some(code) = inner.strip_prefix('=') else { continue };
        let code = code.trim_start_matches('=').trim_end_matches('-').trim();
        if let Some((_, value)) = scope.iter().find(|(key, _)| key == code) {
            out.push_str(&text[copied..range.start]);
            out.push_str(value);
            copied = range.end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The ERB tags of `text` (`<%%` is text) and what is between their `<%` and `%>`.
fn tags(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = at + text.get(at..)?.find("<%")?;
            if text[start..].starts_with("<%%") {
                at = start + 3;
                continue;
            }
            let end = start + 2 + text[start + 2..].find("%>")?;
            at = end + 2;
            if end - start <= MAX_TAG {
                return Some((start..end + 2, &text[start + 2..end]));
            }
        }
    })
}

/// The tags of `text` that call `partial` in a form read here.
fn partial_tags(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, Call)> {
    tags(text).filter_map(|(range, inner)| {
        let code = inner.strip_prefix('=')?.trim_start_matches('=').trim_end_matches('-').trim();
        Some((range, parse_call(code)?))
    })
}

/// The call `code` makes: `partial 'name'`, `partial("name")`, `partial :name`, each
/// with `locals: { key: 'value' }` (or `:locals => {…}`) or nothing more. A block, a name
/// Ruby computes or any other option is not read.
pub(super) fn parse_call(code: &str) -> Option<Call> {
    let rest = code.strip_prefix("partial")?;
    let rest = match rest.trim_start().strip_prefix('(') {
        Some(inner) => inner.trim_end().strip_suffix(')')?,
        None if rest.starts_with(char::is_whitespace) => rest,
        None => return None,
    };
    let (name, rest) = ruby_literal(rest.trim_start())?;
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Call { name, locals: Vec::new() });
    }
    let options = rest.strip_prefix(',')?.trim();
    let options = options.strip_prefix('{').and_then(|o| o.strip_suffix('}')).map_or(options, str::trim);
    let hash = options
        .strip_prefix("locals:")
        .or_else(|| options.strip_prefix(":locals"))
        .map(|h| h.trim_start().trim_start_matches("=>").trim())?;
    let inner = hash.strip_prefix('{')?.strip_suffix('}')?;
    Some(Call { name, locals: parse_hash(inner)? })
}

/// The entries of a Ruby hash's `inner` text whose values are literals: `key: 'v'`,
/// `:key => "v"`, `'key' => 1`; an entry of any other value is left out (its uses stay
/// placeholders), and `None` when the text is no hash.
fn parse_hash(inner: &str) -> Option<Vec<(String, String)>> {
    let mut entries = Vec::new();
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let (key, after) = if let Some(symbol) = rest.strip_prefix(':') {
            let end = symbol.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(symbol.len());
            let after = symbol[end..].trim_start().strip_prefix("=>")?;
            (symbol[..end].to_string(), after)
        } else if rest.starts_with(['\'', '"']) {
            let (key, after) = ruby_literal(rest)?;
            (key, after.trim_start().strip_prefix("=>")?)
        } else {
            let end = rest.find(':')?;
            let key = &rest[..end];
            if key.is_empty() || !key.chars().all(|c| c.is_alphanumeric() || c == '_') {
                return None;
            }
            (key.to_string(), &rest[end + 1..])
        };
        let after = after.trim_start();
        let (value, after) = match ruby_literal(after) {
            Some((value, after)) => (Some(value), after),
            None => {
                let end = value_end(after);
                (ruby_scalar(after[..end].trim()), &after[end..])
            }
        };
        if let Some(value) = value {
            entries.push((key, value));
        }
        rest = after.trim_start();
        rest = match rest.strip_prefix(',') {
            Some(next) => next.trim_start(),
            None if rest.is_empty() => rest,
            None => return None,
        };
    }
    Some(entries)
}

/// Where a value that is no string literal ends: at the first comma outside brackets.
fn value_end(text: &str) -> usize {
    let mut depth = 0i32;
    for (at, c) in text.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return at,
            _ => {}
        }
    }
    text.len()
}

/// The text ERB writes for a number, `true`, `false` or `nil`.
fn ruby_scalar(value: &str) -> Option<String> {
    match value {
        "nil" => Some(String::new()),
        "true" | "false" => Some(value.to_string()),
        _ if value.parse::<f64>().is_ok() && value.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') => {
            Some(value.to_string())
        }
        _ => None,
    }
}

/// A Ruby string or symbol literal at the start of `text` (`'a'`, `"a"`, `:a`) and the
/// text after it; `None` for interpolation or no literal.
fn ruby_literal(text: &str) -> Option<(String, &str)> {
    if let Some(symbol) = text.strip_prefix(':') {
        let end = symbol.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(symbol.len());
        return (end > 0).then(|| (symbol[..end].to_string(), &symbol[end..]));
    }
    let quote = text.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let mut out = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => out.push(chars.next()?.1),
            c if c == quote => return Some((out, &text[1 + at + 1..])),
            '#' if quote == '"' && text[1 + at + 1..].starts_with('{') => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests;
