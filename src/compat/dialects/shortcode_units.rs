//! Hugo's paired `{{< >}}` shortcode as one unit of the page's Markdown. Hugo puts one
//! placeholder for the whole call, its content included, into the text its Markdown
//! renderer reads, and the rendered call in its place afterwards; so a blank line in the
//! content never ends the HTML block the call stands in. A call of opsbook's inside an
//! HTML block is therefore one block placeholder: its opening, its content rendered as
//! Markdown on its own, its end ([`unit_html`]). Elsewhere the content stays in the
//! page's Markdown, where its blocks stand between the call's own block placeholders.

use std::collections::HashMap;
use std::ops::Range;

use super::tokens::{Kind, Render, Syntax, Token};

/// The HTML blocks of `text` as the Markdown parser reads it with each paired `{{< >}}`
/// call (of `tokens`, paired by `closes`) in place of one line of text, as Hugo's
/// placeholder is.
pub(super) fn html_block_ranges(text: &str, tokens: &[Token<'_>], closes: &HashMap<usize, usize>) -> Vec<Range<usize>> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut masked = text.as_bytes().to_vec();
    for (&open, &close) in closes {
        if matches!(&tokens[open].kind, Kind::Call(call) if call.syntax == Syntax::HugoAngle) {
            masked[tokens[open].range.start..tokens[close].range.end].fill(b'x');
        }
    }
    // Whole characters were replaced by ASCII: the text is still UTF-8.
    let masked = String::from_utf8_lossy(&masked);
    Parser::new_ext(&masked, crate::markdown::parser_options())
        .into_offset_iter()
        .filter_map(|(event, range)| matches!(event, Event::Start(Tag::HtmlBlock)).then_some(range))
        .collect()
}

/// Whether the call of `text` opened at `open` and closed at `close` is one unit: it
/// stands inside one of the HTML blocks `blocks` (after its first byte), and its content
/// holds no internal block, which only the page's own Markdown, through the audience
/// filter, may render.
pub(super) fn is_unit(blocks: &[Range<usize>], text: &str, open: &Range<usize>, close: &Range<usize>) -> bool {
    blocks.iter().any(|block| block.start < open.start && open.start < block.end)
        && crate::markdown::public_text::internal_blocks(&text[open.end..close.start]).is_ok_and(|b| b.is_empty())
}

/// The HTML of a paired call rendered as `render` says, with `body` its content as
/// written, as one unit, and whether it is a placeholder; or the render given back when
/// it is not a block opsbook writes around a content (a call rendered whole already).
pub(super) fn unit_html(render: Render, source: &str, body: &str) -> Result<(String, bool), Render> {
    let (open, end, placeholder) = match render {
        Render::Open(open, end) => (open, end, false),
        Render::Unknown => (super::unsupported_html(source, true), "</div>\n".to_string(), true),
        render => return Err(render),
    };
    let mut html = open;
    let parser = pulldown_cmark::Parser::new_ext(body, crate::markdown::parser_options());
    pulldown_cmark::html::push_html(&mut html, parser);
    html.push_str(&end);
    Ok((html, placeholder))
}
