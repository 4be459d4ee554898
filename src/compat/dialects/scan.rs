//! Finding the tokens of the second stage ([`super::inline`]) in one pass: the code of
//! the page as pulldown-cmark reads it, then every shortcode, Liquid tag, JSX element,
//! ERB tag and attribute list outside it, then which closing call closes which opening one.
//!
//! The scan is linear: each token is read once, and the searches for a closing
//! delimiter are remembered ([`super::finder::Finder`]) so that a page of openings without closes does
//! not search the rest of the page again for each.

use std::collections::HashMap;
use std::ops::Range;

use super::Page;
use super::finder::Finder;
use super::tokens::{Kind, MAX_CONSTRUCTS, Syntax, Token};
use super::{attributes, erb, liquid, mdbook, mdx, shortcodes};
use crate::markdown::has_text;

/// The byte ranges of the code of `text`: code spans and code blocks, in order. Fences
/// pulldown-cmark does not see as such (inside an HTML block: a JSX `<TabItem>` with a
/// code block and no blank line between) are code too, since the rewrite frees them.
pub(super) fn code_ranges(text: &str) -> Vec<Range<usize>> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut fenced: Vec<Range<usize>> = Vec::new();
    let mut comments: Vec<Range<usize>> = Vec::new();
    let has_comments = has_text(text, "<!--");
    for (event, range) in Parser::new_ext(text, crate::markdown::parser_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => fenced.push(range.clone()),
            Event::Start(Tag::HtmlBlock) if has_comments => {
                super::comments::push_block_comments(text, range, &mut comments);
                continue;
            }
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => {}
            _ => continue,
        }
        ranges.push(range);
    }
    ranges.extend(fenced_ranges(text, &fenced, &comments));
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

/// The fenced code blocks of `text` read line by line, at any indentation: from a line
/// of three or more backticks or tildes to a line of as many of the same, or the end.
/// A fence the Markdown parser reads too (`parsed`, its fenced blocks) ends where the
/// parser ends it: with its container, when a list item or a quote ends before the
/// fence is closed (CommonMark 0.31, "Fenced code blocks": the content runs "until the
/// end of the containing block"). The others (in an HTML block, a shortcode's body)
/// run to their closing fence or the end of the page. A line that starts inside an
/// HTML comment of a block (`comments`) is the comment's text, no fence: the comment
/// runs to its first `-->` in CommonMark's HTML block and in the comments of MDX 1 that
/// Docusaurus reads (`mdx1Compat.comments`, remark-comment's `tokenize`), so a comment
/// closing on a fence's line (`` ``` --> ``) leaves no fence open after it.
fn fenced_ranges(text: &str, parsed: &[Range<usize>], comments: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    let mut at = 0;
    // The end of a block the parser read, whose lines are not read again.
    let mut skip_until = 0;
    for line in text.split_inclusive('\n') {
        let line_start = at;
        at += line.len();
        if line_start < skip_until || (open.is_none() && super::comments::contains(comments, line_start)) {
            continue;
        }
        let trimmed = line.trim();
        let fence = trimmed.as_bytes().first().filter(|b| **b == b'`' || **b == b'~').map(|b| {
            let len = trimmed.bytes().take_while(|x| x == b).count();
            (*b, len)
        });
        match (open, fence) {
            (None, Some((c, len))) if len >= 3 && !(c == b'`' && trimmed[len..].contains('`')) => {
                match parsed.iter().find(|block| (line_start..at).contains(&block.start)) {
                    Some(block) => {
                        ranges.push(line_start..block.end.max(at));
                        skip_until = block.end;
                    }
                    None => open = Some((line_start, c, len)),
                }
            }
            (Some((start, c, len)), Some((d, n))) if d == c && n >= len && n == trimmed.len() => {
                ranges.push(start..at);
                open = None;
            }
            _ => {}
        }
    }
    if let Some((start, ..)) = open {
        ranges.push(start..text.len());
    }
    ranges
}

/// Whether a token that ends at `end` ends inside code it did not start in (code wholly
/// inside it, like a backtick-quoted argument, is part of it), or starts in code and
/// runs out of it. `code[at]` is the first code range not before its start.
fn ends_in_code(code: &[Range<usize>], at: usize, in_code: bool, end: usize) -> bool {
    if in_code {
        return code.get(at).is_some_and(|r| end > r.end);
    }
    code[at.min(code.len())..].iter().take_while(|r| r.start < end).any(|r| r.end > end)
}

/// Finds the tokens of `text` outside `code` (in code, only the escaped shortcodes), at
/// most one more than [`super::tokens::MAX_CONSTRUCTS`].
pub(super) fn scan<'t>(text: &'t str, code: &[Range<usize>], page: Page<'_>) -> Vec<Token<'t>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut finder = Finder::default();
    let mut code_at = 0;
    // The end of a Liquid `raw` block being copied as it is.
    let mut raw_until: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        while code_at < code.len() && code[code_at].end <= i {
            code_at += 1;
        }
        let in_code = code.get(code_at).is_some_and(|r| r.start <= i);
        let b = bytes[i];
        if b != b'{' && b != b'<' {
            i += 1;
            continue;
        }
        if let Some(end) = raw_until {
            if i < end {
                i += 1;
                continue;
            }
            raw_until = None;
        }
        let found = if b == b'{' {
            shortcodes::token(text, i, &mut finder, in_code)
                .or_else(|| mdbook::token(text, i, &mut finder, in_code, page))
                .or_else(|| liquid::token(text, i, &mut finder, in_code, page))
                .or_else(|| if in_code { None } else { attributes::token(text, i, page) })
                .or_else(|| if in_code || !page.mdx { None } else { mdx::comment(text, i, &mut finder) })
        } else if page.erb && bytes.get(i + 1) == Some(&b'%') {
            erb::token(text, i, &mut finder, page, in_code)
        } else if in_code {
            None
        } else {
            mdx::element(text, i, page.mdx).or_else(|| mdx::html_tag(text, i, page.mdx))
        };
        match found {
            // A token must not run into code (or out of it): what it would write there
            // would be code. Comments, which write nothing, may hold code.
            // Nor hold a placeholder of the first stage (a `:::` line inside a multi-line
            // tag): it would be lost.
            Some(token)
                if !matches!(token.kind, Kind::Drop)
                    && (ends_in_code(code, code_at, in_code, token.range.end)
                        || text[token.range.clone()].contains(super::MARKER)) =>
            {
                i += 1;
            }
            Some(mut token) => {
                token.in_code = in_code;
                if let Kind::Liquid("raw", _) = token.kind {
                    raw_until = liquid::end_of_raw(text, token.range.end, &mut finder);
                    token.kind = Kind::Drop;
                }
                i = token.range.end.max(i + 1);
                tokens.push(token);
                // One past the page's budget says where it ran out; the rest is not read.
                if tokens.len() > MAX_CONSTRUCTS {
                    break;
                }
            }
            None => i += 1,
        }
    }
    tokens
}

/// For each opening call with a closing one, the index of the closing token: each close
/// closes the innermost open call of its name (calls left open inside it stay unpaired).
pub(super) fn pair(tokens: &[Token<'_>]) -> HashMap<usize, usize> {
    let mut closes = HashMap::new();
    let mut stack: Vec<(usize, (Syntax, &str))> = Vec::new();
    let mut open_by_name: HashMap<(bool, String), usize> = HashMap::new();
    for (index, token) in tokens.iter().enumerate() {
        let Kind::Call(call) = &token.kind else { continue };
        let key = (call.syntax == Syntax::Jsx, call.name.to_ascii_lowercase());
        if call.self_closing {
            continue;
        }
        if !call.close {
            stack.push((index, (call.syntax, call.name)));
            *open_by_name.entry(key).or_insert(0) += 1;
            continue;
        }
        if open_by_name.get(&key).copied().unwrap_or(0) == 0 {
            continue;
        }
        while let Some((open, (syntax, name))) = stack.pop() {
            let open_key = (syntax == Syntax::Jsx, name.to_ascii_lowercase());
            if let Some(count) = open_by_name.get_mut(&open_key) {
                *count = count.saturating_sub(1);
            }
            if open_key == key {
                closes.insert(open, index);
                break;
            }
        }
    }
    closes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_fence_ends_with_its_list_item_and_at_the_margin_with_the_page() {
        let text = "{{% note %}}\n- item\n\n  ```json\n  {\"a\": 1}\n\n  more\n\n{{% /note %}}\nafter\n";
        let code = code_ranges(text);
        let close = text.find("{{% /note").expect("the close");
        assert_eq!(code.len(), 1, "{code:?}");
        assert!(code[0].start == text.find("  ```").expect("fence") && code[0].end <= close, "{code:?}");
        let margin = "```\ncode\n\n{{% /note %}}\n";
        assert_eq!(code_ranges(margin), vec![0..margin.len()]);
        // A fence the parser does not read (inside an HTML block) runs to its close.
        let html = "<div>\n```\n{{< x >}}\n```\n</div>\n";
        let fence = html.find("```").expect("fence");
        assert!(code_ranges(html).iter().any(|r| r.start <= fence && r.end >= html.find("</div>").expect("div")));
    }

    /// A comment's lines are its text, no fence: it ends at its first `-->`, on a
    /// fence's line too. remark-comment (which Docusaurus's `mdx1Compat.comments` uses),
    /// `index.js` `tokenize` and the multi-line comment of `test/test.mjs`
    /// (leebyron/remark-comment 457a2f841516e9177f92979bfc5b23f103efdf9b).
    #[test]
    fn a_fence_inside_a_comment_opens_no_code() {
        let text = "<!--\n```yaml\nkind: A\n``` -->\n\n<Tabs>\n\n```yaml\none: 1\n```\n</Tabs>\n";
        let code = code_ranges(text);
        let second = text.find("```yaml\none").expect("the second fence");
        let close = text.find("```\n</Tabs>").expect("the close") + 3;
        assert_eq!(code, vec![second..close], "{code:?}");
        // remark-comment's case: a multi-line comment, then text.
        let text = "# This document\n\n<!--\nhas a multi-line comment \n-->\n\nand a paragraph\n";
        assert!(code_ranges(text).is_empty());
        // A comment inside a fence is code.
        let text = "```\n<!--\n```\nafter -->\n";
        let code = code_ranges(text);
        assert!(code.len() == 1 && code[0].start == 0 && code[0].end < text.find("after").expect("after"), "{code:?}");
    }
}
