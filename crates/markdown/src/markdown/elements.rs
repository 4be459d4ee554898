//! The budget of elements one page may have: headings, paragraphs, list items, links,
//! emphasis, table cells, HTML tags, runs of text, each a piece of the page that every later step
//! (ids, table of contents, search sections, the theme's templates, the build cache)
//! pays for. A page of 64 MiB can hold tens of millions of them; past [`MAX_ELEMENTS`],
//! or with quotes and lists nested more than [`MAX_DEPTH`] deep (`> > > …`, `- - - …`
//! on one line), the body
//! writer stops, with a `budget` error at the first element too many, so that a page
//! of any size fails within seconds instead of building for minutes. Some of that cost
//! comes before the first element: the parser reads a page's blocks, and a paragraph's
//! inline elements, whole (a paragraph of 64 MiB of emphasis took 25 s), so a body past
//! [`MAX_MARKDOWN`] is not parsed at all ([`too_long`]).

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Rule, line_column, thousands};

/// The most elements a page has: about 4 MB of the densest Markdown, many times the
/// longest handbook page.
pub(super) const MAX_ELEMENTS: usize = 500_000;

/// The most Markdown one page's body has, in bytes.
pub(super) const MAX_MARKDOWN: usize = 16 << 20;

/// A `budget` error at the place where `text`, the body of `file` from its line
/// `body_line`, passes [`MAX_MARKDOWN`], if it does.
pub(super) fn too_long(text: &str, file: &str, body_line: usize) -> Option<Diagnostic> {
    if text.len() <= MAX_MARKDOWN {
        return None;
    }
    let (line, column) = line_column(text, MAX_MARKDOWN);
    let message = format!(
        "the page's Markdown is longer than {} MiB, the budget of a page; it is not rendered",
        MAX_MARKDOWN >> 20
    );
    let d = Diagnostic::error(Rule::Budget, file, body_line + line - 1, column, message);
    Some(d.with_help("split the page"))
}

/// The deepest quotes, lists and their items nest in a page.
pub(super) const MAX_DEPTH: usize = 256;

/// Counts the elements of one page as the body writer reads its events.
#[derive(Debug, Default)]
pub(super) struct ElementCount {
    elements: usize,
    /// How many quotes, lists and list items are open. (Only these: the body writer
    /// reads some elements' ends itself, a code block's, and those cannot nest.)
    depth: usize,
}

impl ElementCount {
    /// Counts `event` if it is an element (an opening tag, raw HTML, a run of text or
    /// code; not a closing tag or a line break), and the quotes and lists open.
    pub(super) fn count(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(tag) => {
                self.elements += 1;
                if matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) {
                    self.depth += 1;
                }
            }
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                self.depth = self.depth.saturating_sub(1);
            }
            Event::End(_) => {}
            Event::SoftBreak | Event::HardBreak => {}
            _ => self.elements += 1,
        }
    }

    /// Why the page stops, once it has more elements than [`MAX_ELEMENTS`] or more
    /// open than [`MAX_DEPTH`].
    pub(super) fn past_budget(&self) -> Option<String> {
        if self.depth > MAX_DEPTH {
            return Some(format!("the page nests quotes and lists more than {MAX_DEPTH} deep, the budget of a page"));
        }
        (self.elements > MAX_ELEMENTS).then(|| {
            format!(
                "the page has more than {} elements (headings, paragraphs, list items, links, emphasis, table cells, HTML tags, runs of text), the budget of a page",
                thousands(MAX_ELEMENTS)
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_opening_tags_html_and_text_but_not_ends_and_breaks_up_to_the_budget() {
        let mut count = ElementCount::default();
        for _ in 0..MAX_ELEMENTS / 2 {
            count.count(&Event::Text("x".into()));
            count.count(&Event::Start(Tag::Emphasis));
            count.count(&Event::End(TagEnd::Emphasis));
            count.count(&Event::SoftBreak);
        }
        assert_eq!(count.past_budget(), None);
        count.count(&Event::InlineHtml("<b>".into()));
        let message = count.past_budget();
        assert!(message.is_some_and(|m| m.starts_with("the page has more than 500,000 elements")));
    }

    #[test]
    fn refuses_a_body_past_its_budget_at_the_line_and_column_it_passes_it() {
        let lines = format!("{}\n", "x".repeat(1 << 20)).repeat(15);
        let exactly = format!("{lines}{}", "y".repeat((1 << 20) - 15));
        assert_eq!(exactly.len(), MAX_MARKDOWN);
        assert_eq!(too_long(&exactly, "content/a.md", 4), None);
        let past = format!("{exactly}z");
        let d = too_long(&past, "content/a.md", 4).map(|d| (d.line, d.column));
        // Line 16 of the body is line 19 of the file; 2^20 - 15 characters before the byte.
        assert_eq!(d, Some((4 + 15, (1 << 20) - 15 + 1)));
    }

    #[test]
    fn counts_the_quotes_and_lists_open_up_to_the_depth_budget() {
        let mut count = ElementCount::default();
        for _ in 0..MAX_DEPTH {
            count.count(&Event::Start(Tag::BlockQuote(None)));
            count.count(&Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)));
            count.count(&Event::Start(Tag::Emphasis));
            count.count(&Event::End(TagEnd::Emphasis));
        }
        assert_eq!(count.past_budget(), None, "only quotes and lists count");
        count.count(&Event::End(TagEnd::BlockQuote(None)));
        count.count(&Event::Start(Tag::List(None)));
        assert_eq!(count.past_budget(), None);
        count.count(&Event::Start(Tag::Item));
        assert!(
            count.past_budget().is_some_and(|m| m.starts_with("the page nests quotes and lists more than 256 deep"))
        );
    }
}
