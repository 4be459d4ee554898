//! The HTML comments of a page as CommonMark reads them, which the dialects' rewrites
//! leave as written: an HTML block's comment runs from its `<!--` to the first `-->` (or
//! the block's end), and raw inline HTML that starts with `<!--` is one whole. A `:::`,
//! `!!!` or shortcode inside a comment is the comment's text: rewritten, its placeholder
//! (itself a comment line) would end the comment early and show the rest of it.
//! The same holds for an indented code block of a page that is not MDX: its lines are
//! code, whatever they start with.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

use crate::markdown::has_text;

/// The byte ranges of the comments of `text`, in order.
pub(super) fn comment_ranges(text: &str) -> Vec<Range<usize>> {
    passed_ranges(text, false).0
}

/// The byte ranges of the comments of `text` and, when `code` is asked for, of its
/// indented code blocks, each in order, from one parse. A line indented four columns
/// that follows a blank one (or a tab) is where such a block can start.
pub(super) fn passed_ranges(text: &str, code: bool) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let comments = has_text(text, "<!--");
    let code = code && (has_text(text, "\n    ") || has_text(text, "\t") || text.starts_with("    "));
    let (mut comment_ranges, mut code_ranges) = (Vec::new(), Vec::new());
    if !comments && !code {
        return (comment_ranges, code_ranges);
    }
    for (event, range) in Parser::new_ext(text, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) if comments => push_block_comments(text, range, &mut comment_ranges),
            Event::InlineHtml(html) if comments && html.starts_with("<!--") => comment_ranges.push(range),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) if code => code_ranges.push(range),
            _ => {}
        }
    }
    (comment_ranges, code_ranges)
}

/// Whether `offset` is inside one of `ranges` (sorted, apart).
pub(super) fn contains(ranges: &[Range<usize>], offset: usize) -> bool {
    let at = ranges.partition_point(|r| r.end <= offset);
    ranges.get(at).is_some_and(|r| r.start <= offset)
}

/// The comments of the HTML block at `block`, each from its `<!--` to its `-->`, or to
/// the block's end. `<!-->` and `<!--->` are whole comments (CommonMark 0.31.2, "Raw
/// HTML", as the HTML standard reads them).
pub(super) fn push_block_comments(text: &str, block: Range<usize>, ranges: &mut Vec<Range<usize>>) {
    let Some(html) = text.get(block.clone()) else { return };
    let mut at = 0;
    while let Some(open) = html[at..].find("<!--") {
        let body = at + open + 4;
        let rest = &html[body..];
        let end = if rest.starts_with('>') {
            body + 1
        } else if rest.starts_with("->") {
            body + 2
        } else {
            rest.find("-->").map_or(html.len(), |i| body + i + 3)
        };
        ranges.push(block.start + at + open..block.start + end);
        at = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_block_and_inline_comments_as_commonmark_reads_them() {
        let text = "<!-- a\n\n!!! note\n-->\nx <!-- b --> y\n\n    <!-- code -->\n\n<div>\n<!--> c <!-- d\n";
        let found: Vec<&str> = comment_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["<!-- a\n\n!!! note\n-->", "<!-- b -->", "<!-->", "<!-- d\n"]);
    }

    #[test]
    fn tells_whether_an_offset_is_inside() {
        let ranges = [2..4, 8..9];
        let inside: Vec<usize> = (0..10).filter(|&o| contains(&ranges, o)).collect();
        assert_eq!(inside, [2, 3, 8]);
    }
}
