//! Finds the include directives of one file's text, in the four dialects, and the
//! escapes that show one literally. Pure text work: nothing here reads a file.
//!
//! 1. Walk the text line by line (a directive never spans lines).
//! 2. A line that is a snippet line (`--8<-- "file"`, `;--8<-- …`) or opens a snippet
//!    block (`--8<--` alone, file names, `--8<--` alone) is taken whole.
//! 3. Otherwise look in the line for `{{#include …}}` (mdBook), `{{% include … %}}`,
//!    `{{< readfile … >}}` (Hugo) and `{% include … %}` (Liquid), and their escapes
//!    (`\{{#include …}}`, `{{</* include … */>}}`). Between `{% raw %}` and
//!    `{% endraw %}` (on one line or across lines) Liquid reads no tag, so a Liquid
//!    include there is text, as in Jekyll and Eleventy; the other dialects do not know
//!    `raw`.
//!
//! Every search for a closing delimiter starts at or after the previous one, so a line
//! full of openers costs time linear in its length.

use std::ops::Range;

use crate::markdown::has_text;

mod liquid;

pub use liquid::{include_params, read_quoted_as_relative};
use liquid::{liquid, liquid_tag};

/// Where a directive looks its file up (the folders of each are in
/// [`super::Expander::find`], the module's table).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The folder of the file the directive is written in (mdBook, MDX's `./` imports).
    Relative,
    /// Jekyll's `include_relative`: the folder of the page being rendered, also where the
    /// tag is written in an included file (Jekyll's `IncludeRelativeTag#page_path` reads
    /// the page from the Liquid context's registers).
    PageRelative,
    /// Hugo's `include` and `readfile`: that folder, the `_includes/` folders from it up
    /// to `content/`, `content/`, the root, then Hugo's resource folder `assets/`.
    SiteFolders,
    /// MkDocs snippets: that folder, `content/`, then each `base_path` of
    /// `pymdownx.snippets` (the root unless `mkdocs.yml` names others).
    Snippets,
    /// Jekyll `include`: the `_includes/` folders ([`crate::content::include_roots`]).
    IncludesFolders,
    /// Docusaurus's `@site/` imports: the handbook's folder ([`super::mdx_imports`]).
    SiteRoot,
    /// jekyll-multiple-languages-plugin's `{% tf file %}`: the page's language's folder
    /// `_i18n/<lang>/`, then the default language's ([`super::translations`]).
    LanguageFolders,
    /// Eleventy's `{% include "name" %}` (Nunjucks, and Liquid with Eleventy's dynamic
    /// partials): the includes folder, then the project's or the input folder
    /// ([`crate::content::include_roots::TemplateIncludes`]); `./` and `../` names from
    /// the including file's folder. Read only in an Eleventy handbook.
    TemplateIncludes {
        /// Nunjucks' `ignore missing`, which writes nothing for a missing file.
        optional: bool,
    },
    /// markdown-include's `{!file!}` ([`super::markdown_include`]): the extension's
    /// `base_path`s, for the files it includes too. Read only where it is configured.
    MarkdownInclude,
}

impl Lookup {
    /// Why a file name `written` is refused before it is looked up: Jekyll's
    /// `IncludeTag#validate_file_name`, which `{% tf %}` calls, allows no `..` or `./`.
    pub fn refusal(self, written: &str) -> Option<String> {
        (self == Lookup::LanguageFolders && (written.contains("..") || written.contains("./")))
            .then(|| format!("`{written}` is no file of a language's folder: `{{% tf %}}` names no `..` or `./`"))
    }
}

/// Which part of the file to take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Select {
    /// The whole file.
    All,
    /// Lines `start..=end`, 1-based, either end open.
    Lines(Option<usize>, Option<usize>),
    /// The lines between `ANCHOR: name` and `ANCHOR_END: name` (mdBook).
    Anchor(String),
    /// The lines between `--8<-- [start:name]` and `--8<-- [end:name]` (snippets).
    Section(String),
}

/// How the taken text is written in place of the directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    /// The text as it is, less one final line break (Hugo, Liquid).
    Raw,
    /// The lines joined by line breaks, without a final one, the marker lines inside an
    /// anchor dropped (mdBook's `include`).
    Joined,
    /// As `Joined`, the lines the selection shows: Rust's hidden lines of the example
    /// (the others, and every marker line of an anchor) are left out (mdBook's
    /// `rustdoc_include`, [`super::select::rustdoc_lines`]).
    Shown,
    /// Each line with this indentation before it and a line break after it, snippet
    /// section lines dropped (MkDocs snippets).
    Lines(String),
    /// A fenced code block in this language (Hugo `readfile` with `code="true"`).
    Code(String),
}

/// One file to include.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Include {
    /// The path as written.
    pub path: String,
    /// Where it is looked up.
    pub lookup: Lookup,
    /// The part of the file.
    pub select: Select,
    /// How it is written.
    pub form: Form,
    /// Jekyll's parameters, for `include.NAME` in the included file.
    pub params: Vec<Param>,
}

impl Include {
    /// Whether the included lines after the first start with the text before the
    /// directive on its line, as mdBook writes its `include`, `rustdoc_include` and
    /// `playground` (`replace_all` in `links.rs`): a file included in a quote or a list
    /// item stays inside it.
    pub fn repeats_line_prefix(&self) -> bool {
        match self.form {
            Form::Joined | Form::Shown => true,
            Form::Code(_) => self.lookup == Lookup::Relative,
            _ => false,
        }
    }
}

/// A parameter of Jekyll's `{% include file key=value %}`, as its `IncludeTag` reads it:
/// quoted text is text; a bare value (`[\w.-]+`) is a Liquid expression evaluated where
/// the include is written (`item.date`, `site.data.news`, `2`, `true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its value, without quotes.
    pub value: String,
    /// Whether the value was quoted: text, rather than an expression.
    pub text: bool,
}

/// What to do with a range of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Drop it: the marks of an escape.
    Remove,
    /// Write these files in its place, one after the other.
    Include(Vec<Include>),
    /// A directive opsbook recognises but refuses (a remote snippet): the message.
    Refuse(String),
    /// Nothing in its place, and a warning at the directive (an old name).
    Warn(String),
    /// jekyll-multiple-languages-plugin's `{% t key %}`: the page's language's string
    /// of that key ([`super::translations`]).
    Translate(String),
    /// An MDX page's use of a file it imports for its URL ([`super::asset_imports`]).
    Asset(super::asset_imports::AssetUse),
}

/// A directive or an escape: the bytes it replaces and what comes instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The bytes of the text it replaces.
    pub range: Range<usize>,
    /// What comes instead.
    pub action: Action,
}

/// Whether `text` may hold a directive: pages without one are left alone.
pub fn may_have_directives(text: &str) -> bool {
    has_text(text, "{{")
        || has_text(text, "{%")
        || has_text(text, "8<-")
        || has_text(text, "import ")
        || has_text(text, "require(")
        || has_text(text, "{!")
}

/// The directives and escapes of `text`, in order, not overlapping; the uses of the files
/// it imports only when it is MDX (`mdx`).
pub fn find(text: &str, mdx: bool) -> Vec<Found> {
    let mut found = Vec::new();
    let mut lines = Lines::new(text);
    // Inside a Liquid `{% raw %}` block, from one line to the next.
    let mut raw = false;
    let mut imports = super::mdx_imports::Imports::new(text, mdx);
    while let Some((start, line)) = lines.next() {
        if line.contains("8<-") && snippet_line(text, start, line, &mut lines, &mut found) {
            continue;
        }
        if imports.line(start, line, lines.offset(), &mut found) {
            continue;
        }
        let before = found.len();
        if line.contains("{{") || line.contains("{%") {
            inline_directives(start, line, &mut raw, &mut found);
            if !raw && let Some(next) = include_over_lines(text, start, line, &mut found) {
                // The rest of the line that closes the tag.
                let rest = text.get(next..).map_or("", |rest| rest.split('\n').next().unwrap_or(""));
                inline_directives(next, rest.strip_suffix('\r').unwrap_or(rest), &mut raw, &mut found);
                lines.at = (next + rest.len() + 1).min(text.len());
            }
        }
        if !raw && line.contains("{!") {
            super::markdown_include::find_in_line(start, line, &mut found);
            super::markdown_include::keep_in_order(&mut found, before);
        }
    }
    found
}

/// A Liquid include whose tag goes on over the next lines, as Liquid allows (one
/// parameter a line, the `%}` on a line of its own), opened on `line` at `start`: read
/// as one tag, with the lines between as white space. Returns where the tag ends.
fn include_over_lines(text: &str, start: usize, line: &str, found: &mut Vec<Found>) -> Option<usize> {
    let open = line.rfind("{%")?;
    let after = line[open + 2..].trim_start_matches('-').trim_start();
    let named = ["include ", "include_relative ", "render "]
        .iter()
        .any(|tag| after.starts_with(tag) || after == tag.trim_end());
    if !named || line[open..].contains("%}") {
        return None;
    }
    // A tag of a few parameters: no further than 4 KiB.
    let from = start + open;
    let window = text.get(from..).map(|rest| &rest[..crate::char_boundary::floor_char_boundary(rest, 4096)])?;
    let close = window.find("%}")?;
    let tag = &window[..close + 2];
    if tag[2..].contains("{%") {
        return None;
    }
    let (end, mut directives) = liquid(tag, 0, &mut Finder::new(tag, "%}"))?;
    for directive in &mut directives {
        directive.range = directive.range.start + from..directive.range.end + from;
    }
    found.extend(directives);
    Some(from + end)
}

/// The lines of a text with their start offsets; each line without its terminator.
struct Lines<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines { text, at: 0 }
    }

    /// Where the next line starts.
    fn offset(&self) -> usize {
        self.at
    }
}

impl<'t> Iterator for Lines<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        if self.at >= self.text.len() {
            return None;
        }
        let start = self.at;
        let rest = &self.text[start..];
        let (line, len) = match rest.find('\n') {
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        self.at += len;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// The length of the line terminator after a line that starts at `start`.
fn line_end(text: &str, start: usize, line: &str) -> usize {
    let end = start + line.len();
    let rest = &text[end..];
    end + if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) }
}

/// The snippet marker `--8<--` (any number of dashes, at least one each side).
pub fn strip_marker(text: &str) -> Option<&str> {
    let dashes = text.bytes().take_while(|b| *b == b'-').count();
    let rest = text[dashes..].strip_prefix("8<")?;
    let after = rest.bytes().take_while(|b| *b == b'-').count();
    (dashes > 0 && after > 0).then(|| &rest[after..])
}

/// A snippet line or block starting at the line `line` (at `start`): pushes what it
/// finds and returns whether the line was one.
fn snippet_line(text: &str, start: usize, line: &str, lines: &mut Lines<'_>, found: &mut Vec<Found>) -> bool {
    let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
    let indent = &line[..indent_len];
    let body = &line[indent_len..];
    let escapes = body.bytes().take_while(|b| *b == b';').count();
    let Some(rest) = strip_marker(&body[escapes..]) else { return false };
    let argument = rest.trim();
    if argument.starts_with('[') {
        // A section marker: removed from what a snippet includes, left alone in a page.
        return false;
    }
    if escapes > 0 {
        let at = start + indent_len;
        found.push(Found { range: at..at + 1, action: Action::Remove });
        return true;
    }
    let end = line_end(text, start, line);
    if argument.is_empty() {
        // The block form: file names up to a closing marker line.
        let mut includes = Vec::new();
        let saved = lines.offset();
        for (inner_start, inner) in lines.by_ref() {
            let name = inner.trim();
            if strip_marker(name).is_some_and(|r| r.trim().is_empty()) {
                let end = line_end(text, inner_start, inner);
                found.push(Found { range: start..end, action: Action::Include(includes) });
                return true;
            }
            if name.is_empty() || name.starts_with(';') {
                continue;
            }
            includes.push(snippet(name, indent));
        }
        // Never closed: not a block.
        lines.at = saved;
        return false;
    }
    let Some(name) = quoted(argument) else { return false };
    let action = if name.contains("://") {
        Action::Refuse(format!("`{name}` is a remote snippet: opsbook includes only files of the handbook"))
    } else {
        Action::Include(vec![snippet(name, indent)])
    };
    found.push(Found { range: start..end, action });
    true
}

/// The contents of `"text"` or `'text'` making up all of `argument`.
fn quoted(argument: &str) -> Option<&str> {
    let quote = argument.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    argument[1..].strip_suffix(quote).filter(|inner| !inner.contains(quote))
}

/// A snippet `file`, `file:start:end`, `file:start`, `file::end` or `file:section`.
fn snippet(spec: &str, indent: &str) -> Include {
    let (path, select) = split_selection(spec);
    Include {
        path: path.to_string(),
        lookup: Lookup::Snippets,
        select,
        form: Form::Lines(indent.to_string()),
        params: Vec::new(),
    }
}

/// Splits a snippet's `file:…` into the path and the selection: `file:N` is lines `N`
/// to the end.
pub fn split_selection(spec: &str) -> (&str, Select) {
    let Some((path, rest)) = spec.split_once(':') else { return (spec, Select::All) };
    let number = |s: &str| s.parse::<usize>().ok();
    let is_number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match rest.split_once(':') {
        Some((a, b)) if (a.is_empty() || is_number(a)) && (b.is_empty() || is_number(b)) => {
            (path, Select::Lines(number(a), number(b)))
        }
        None if is_number(rest) => (path, Select::Lines(number(rest), None)),
        None if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') => {
            (path, Select::Section(rest.to_string()))
        }
        _ => (spec, Select::All),
    }
}

/// The first occurrence of a needle at or after a position, remembered so that later
/// searches from further on do not scan the same bytes again.
struct Finder<'t> {
    text: &'t str,
    needle: &'static str,
    /// The last answer: where it was searched from and what was found.
    last: Option<(usize, Option<usize>)>,
}

impl<'t> Finder<'t> {
    fn new(text: &'t str, needle: &'static str) -> Self {
        Finder { text, needle, last: None }
    }

    fn find_from(&mut self, from: usize) -> Option<usize> {
        if let Some((searched, result)) = self.last
            && searched <= from
            && result.is_none_or(|r| r >= from)
        {
            return result;
        }
        let result = self.text.get(from..).and_then(|rest| rest.find(self.needle)).map(|i| i + from);
        self.last = Some((from, result));
        result
    }
}

/// The mdBook, Hugo and Liquid directives of one line; `raw` says whether a Liquid
/// `{% raw %}` is open, at the line's start and at its end.
fn inline_directives(start: usize, line: &str, raw: &mut bool, found: &mut Vec<Found>) {
    let mut hash_close = Finder::new(line, "}}");
    let mut brace = Finder::new(line, "}");
    let mut liquid_close = Finder::new(line, "%}");
    let mut shortcode_percent = Finder::new(line, "%}}");
    let mut shortcode_angle = Finder::new(line, ">}}");
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'{' || !matches!(bytes[i + 1], b'{' | b'%') {
            i += 1;
            continue;
        }
        let rest = &line[i + 2..];
        let next = if bytes[i + 1] == b'%' {
            match liquid_tag(line, i, &mut liquid_close) {
                Some((end, "raw")) => {
                    *raw = true;
                    Some((end, Vec::new()))
                }
                Some((end, "endraw")) => {
                    *raw = false;
                    Some((end, Vec::new()))
                }
                Some((end, _)) if *raw => Some((end, Vec::new())),
                _ => liquid(line, i, &mut liquid_close),
            }
        } else if rest.trim_start().starts_with('#') {
            hash_include(line, i, &mut brace, &mut hash_close)
        } else if rest.starts_with('%') {
            shortcode_include(line, i, &mut shortcode_percent)
        } else if rest.starts_with('<') {
            shortcode_include(line, i, &mut shortcode_angle)
        } else {
            None
        };
        match next {
            Some((end, mut directives)) => {
                for d in &mut directives {
                    d.range = d.range.start + start..d.range.end + start;
                }
                found.extend(directives);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// An mdBook `{{#include …}}` (or `rustdoc_include`, `playground`, `playpen`) at `i`, or its escape
/// `\{{#include …}}`: where it ends and what to do.
fn hash_include(line: &str, i: usize, brace: &mut Finder<'_>, close: &mut Finder<'_>) -> Option<(usize, Vec<Found>)> {
    // The arguments run to the first `}`, which must open the closing `}}`.
    let first = brace.find_from(i + 2)?;
    if close.find_from(i + 2) != Some(first) {
        return None;
    }
    let inner = line[i + 2..first].trim_start().strip_prefix('#')?;
    let name_len = inner.find(|c: char| !c.is_ascii_alphanumeric() && c != '_').unwrap_or(inner.len());
    let (name, args) = inner.split_at(name_len);
    if !["include", "rustdoc_include", "playground", "playpen"].contains(&name) {
        return None;
    }
    let end = first + 2;
    if i > 0 && line.as_bytes()[i - 1] == b'\\' {
        return Some((end, vec![Found { range: i - 1..i, action: Action::Remove }]));
    }
    let spec = args.split_whitespace().next()?;
    if name == "playground" || name == "playpen" {
        // mdBook's `{{#playground file attrs}}`: the whole file as a Rust code block, its
        // attributes after the language (`rust,editable`), as mdBook's `links.rs` writes it.
        let attributes: Vec<&str> = args.split_whitespace().skip(1).collect();
        let language =
            if attributes.is_empty() { "rust".to_string() } else { format!("rust,{}", attributes.join(",")) };
        let include = Include {
            path: spec.to_string(),
            lookup: Lookup::Relative,
            select: Select::All,
            form: Form::Code(language),
            params: Vec::new(),
        };
        let mut found = vec![Found { range: i..end, action: Action::Include(vec![include]) }];
        if name == "playpen" {
            // The old name still works, with a warning (`Link::from_capture` in `links.rs`).
            let message = "`{{#playpen}}` is the old name of `{{#playground}}`: rename it";
            found.insert(0, Found { range: i..i, action: Action::Warn(message.into()) });
        }
        return Some((end, found));
    }
    let (path, select) = super::select::split_lines_or_anchor(spec);
    let form = if name == "rustdoc_include" { Form::Shown } else { Form::Joined };
    let include = Include { path: path.to_string(), lookup: Lookup::Relative, select, form, params: Vec::new() };
    Some((end, vec![Found { range: i..end, action: Action::Include(vec![include]) }]))
}

/// A Hugo `{{% include "x" %}}`, `{{< readfile file="x" >}}` at `i`; its comment escape
/// `{{%/* include "x" */%}}` is skipped, and left to the dialects pass to show.
fn shortcode_include(line: &str, i: usize, close: &mut Finder<'_>) -> Option<(usize, Vec<Found>)> {
    let open_end = i + 3;
    let closing = close.find_from(open_end)?;
    let end = closing + 3;
    let inner = &line[open_end..closing];
    let trimmed = inner.trim_start();
    if let Some(escaped) = trimmed.strip_prefix("/*") {
        // Left as written: the dialects pass shows it without its comment marks, as
        // Hugo does, after every include has been expanded.
        escaped.trim_end().strip_suffix("*/").and_then(shortcode_name)?;
        return Some((end, Vec::new()));
    }
    let (name, args) = shortcode_name(inner)?;
    let args = arguments(args)?;
    let named = |key: &str| args.iter().find(|a| a.key.as_deref() == Some(key)).map(|a| a.value.as_str());
    let positional = args.iter().find(|a| a.key.is_none()).map(|a| a.value.as_str());
    let include = if name == "include" {
        let path = positional.or_else(|| named("file"))?;
        Include {
            path: path.to_string(),
            lookup: Lookup::SiteFolders,
            select: Select::All,
            form: Form::Raw,
            params: Vec::new(),
        }
    } else {
        let path = named("file").or(positional)?;
        let form =
            if named("code") == Some("true") { Form::Code(named("lang").unwrap_or("").to_string()) } else { Form::Raw };
        Include { path: path.to_string(), lookup: Lookup::SiteFolders, select: Select::All, form, params: Vec::new() }
    };
    Some((end, vec![Found { range: i..end, action: Action::Include(vec![include]) }]))
}

/// `include` or `readfile` at the start of a shortcode's inside, and its arguments.
fn shortcode_name(inner: &str) -> Option<(&str, &str)> {
    let inner = inner.trim();
    let len = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    let name = &inner[..len];
    (name == "include" || name == "readfile").then(|| (name, &inner[len..]))
}

/// One argument of a shortcode or tag.
struct Argument {
    /// Its name, for `key=value`.
    key: Option<String>,
    /// Its value, without quotes.
    value: String,
    /// Whether the value was quoted.
    quoted: bool,
}

/// Shortcode or tag arguments: `"quoted"`, `` `raw` ``, `bare`, `key="value"`, `key=bare`.
fn arguments(text: &str) -> Option<Vec<Argument>> {
    let mut args = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let key_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(rest.len());
        let key = if key_len > 0 && rest[key_len..].starts_with('=') {
            let key = rest[..key_len].to_string();
            rest = &rest[key_len + 1..];
            Some(key)
        } else {
            None
        };
        let (value, after, quoted) = match rest.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                let close = rest[1..].find(q)? + 1;
                (&rest[1..close], &rest[close + 1..], true)
            }
            _ => {
                let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..len], &rest[len..], false)
            }
        };
        args.push(Argument { key, value: value.to_string(), quoted });
        rest = after.trim_start();
    }
    Some(args)
}
