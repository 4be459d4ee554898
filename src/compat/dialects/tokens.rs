//! What the second stage ([`super::inline`]) and the scanners of each construct share:
//! the tokens the scan finds ([`Token`], [`Kind`], [`Call`]), how a dialect renders a
//! call ([`Render`]), the edits a dialect gives ([`EditSpec`]), the budget of tokens
//! ([`MAX_CONSTRUCTS`]) and the bounds of a token's line. It depends on no scanner.

use std::ops::Range;

pub(crate) use crate::markdown::rewrite::MAX_CONSTRUCTS;

/// A call: a shortcode (`{{< name args >}}`) or a JSX element (`<Name attr="v">`).
#[derive(Debug, Clone)]
pub(super) struct Call<'t> {
    pub syntax: Syntax,
    pub name: &'t str,
    pub close: bool,
    pub self_closing: bool,
    /// Named (`Some(name)`) and positional (`None`) arguments, unquoted.
    pub args: Vec<(Option<&'t str>, String)>,
}

impl Call<'_> {
    /// The value of the named argument `name`.
    pub(super) fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find(|(n, _)| n.is_some_and(|n| n.eq_ignore_ascii_case(name))).map(|(_, v)| v.as_str())
    }

    /// The value of the named argument `name`, or else the positional one at `index`.
    pub(super) fn arg_or(&self, name: &str, index: usize) -> Option<&str> {
        self.arg(name).or_else(|| self.args.iter().filter(|(n, _)| n.is_none()).nth(index).map(|(_, v)| v.as_str()))
    }
}

/// Which syntax a call is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    /// `{{< >}}`.
    HugoAngle,
    /// `{{% %}}`.
    HugoPercent,
    /// `<Name>`.
    Jsx,
    /// `{% name %}`: a Liquid tag the handbook has a template for.
    Liquid,
    /// `{% include FILE %}`: a Liquid include the handbook has a template for.
    LiquidInclude,
    /// An ERB block, `<% if x %>` to `<% end %>`.
    Erb,
}

/// What a token is.
#[derive(Debug, Clone)]
pub(super) enum Kind<'t> {
    /// Text to write instead, HTML-escaped in an inline placeholder (outside code) or as
    /// it is (in code).
    Literal(String),
    /// Nothing: a comment.
    Drop,
    /// A shortcode or JSX element.
    Call(Call<'t>),
    /// A Liquid tag: its name and arguments.
    Liquid(&'t str, &'t str),
    /// A code block: its language and code.
    Code(&'t str, &'t str),
    /// A template variable `{{ x }}`.
    Variable,
    /// An attribute list, its safe attributes.
    Attributes(Vec<(String, String)>),
    /// An mdBook directive no step of opsbook's handles: its name.
    Directive(&'t str),
    /// Raw HTML to write instead, as it is.
    Raw(String),
    /// An ERB tag: its Ruby code, and whether it writes its value (`<%= %>`).
    Erb(&'t str, bool),
}

/// A token: where it is and what it is.
#[derive(Debug, Clone)]
pub(super) struct Token<'t> {
    pub range: Range<usize>,
    pub kind: Kind<'t>,
    /// Whether the token is in code (only literals are made there).
    pub in_code: bool,
}

/// How a call renders, as the dialects say.
#[derive(Debug)]
pub(super) enum Render {
    /// A block: its HTML.
    Block(String),
    /// A paired block: the HTML of its opening and of its end.
    Open(String, String),
    /// Markdown text written instead (a cross reference's path).
    Text(String),
    /// Inline HTML written instead (an image).
    Inline(String),
    /// A tab whose content is code in this language: the panel's opening HTML and the
    /// language.
    CodeTab(String, String),
    /// Not known: a placeholder and a warning.
    Unknown,
    /// Known, but what it names is not there, or the site's own template renders it,
    /// which opsbook does not run: a placeholder and this warning.
    NotFound(String),
    /// HTML of the handbook's template: a block when alone on its line, else inline.
    Html(String),
    /// What replaces a paired call and its content.
    Whole(Box<Render>),
    /// Markdown written instead of a paired call's opening and of its end.
    TextAround(String, String),
    /// The handbook's template failed: a placeholder and this error.
    Failed(String),
}

/// One change to the text as a dialect module gives it: the bytes and what they become.
pub(super) type EditSpec = (Range<usize>, String);

/// How far the line of a token is looked at, each way: a token on a longer line is
/// taken as part of it (bounded work per token on a hostile page of one line).
const LINE_WINDOW: usize = 400;

/// The start of the line of byte `at`, or a place `LINE_WINDOW` bytes back on a longer
/// line (which then does not count as white space).
pub(super) fn line_start(text: &str, at: usize) -> usize {
    let floor = at.saturating_sub(LINE_WINDOW);
    match text.as_bytes()[floor..at].iter().rposition(|b| *b == b'\n') {
        Some(n) => floor + n + 1,
        None if floor == 0 => 0,
        None => (0..=floor).rev().find(|f| text.is_char_boundary(*f)).unwrap_or(0).min(at.saturating_sub(1)),
    }
}

/// The end of the line of byte `at` (see [`line_start`]).
pub(super) fn line_end(text: &str, at: usize) -> usize {
    let ceiling = text.len().min(at + LINE_WINDOW);
    match text.as_bytes()[at..ceiling].iter().position(|b| *b == b'\n') {
        Some(n) => at + n,
        None if ceiling == text.len() => text.len(),
        None => (ceiling..text.len()).find(|f| text.is_char_boundary(*f)).unwrap_or(text.len()),
    }
}
