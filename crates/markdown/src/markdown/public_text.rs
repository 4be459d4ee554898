//! What a public build may take of a text that is not a page's body: a file a page
//! includes ([`super::includes`]) and each text of front matter
//! ([`crate::content::front_text`]). One rule decides, the body's: the text is parsed
//! as Markdown on its own and run through the internal filter ([`super::internal`]);
//! the byte ranges the filter drops are its internal blocks ([`internal_blocks`]).
//!
//! More: docs/architecture.md, "Notes by module".

use std::ops::Range;

use pulldown_cmark::Parser;

use super::internal::{InternalBlocks, Mode};
use crate::content::front_text::AudienceText;

/// The byte ranges of `text`'s internal blocks, markers included, in order; or the
/// problems of its markers (byte offset, message).
pub fn internal_blocks(text: &str) -> Result<Vec<Range<usize>>, Vec<(usize, String)>> {
    if !super::memchr_insensitive(text, "internal") {
        return Ok(Vec::new());
    }
    let events = Parser::new_ext(text, super::parser_options()).into_offset_iter();
    let mut filter = InternalBlocks::new(events, text, Mode::Drop);
    filter.by_ref().for_each(drop);
    if filter.problems.is_empty() {
        let mut blocks = std::mem::take(&mut filter.blocks);
        blocks.sort_by_key(|b| b.start);
        Ok(blocks)
    } else {
        Err(std::mem::take(&mut filter.problems))
    }
}

/// `text` with the content of its internal `blocks` masked, for a page's templates to
/// evaluate in a public build: every byte of a line's content that is no white space
/// becomes `x`, but the lines' container prefixes (indentation, `>`), the marker lines
/// (`<!-- internal -->`, `<!-- /internal -->`) and a callout's `[!INTERNAL]` stay. The
/// same length, lines and Markdown structure: each block is still a block, which the
/// body writer drops, and holds no text of its own (nor Liquid to run).
pub fn mask(text: &str, blocks: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for block in blocks {
        let end = block.end.min(text.len());
        let mut at = block.start.min(end);
        while at < end {
            let line_end = text[at..end].find('\n').map_or(end, |i| at + i);
            let line = &text[at..line_end];
            let prefix = line.len() - line.trim_start_matches([' ', '\t', '>']).len();
            let rest = &line[prefix..];
            let kept = if super::internal::marker(rest).is_some() {
                rest.find("-->").map_or(0, |i| i + 3)
            } else if rest.get(..11).is_some_and(|m| m.eq_ignore_ascii_case("[!internal]")) {
                11
            } else {
                0
            };
            for byte in &mut bytes[at + prefix + kept..line_end] {
                if !byte.is_ascii_whitespace() {
                    *byte = b'x';
                }
            }
            at = line_end + 1;
        }
    }
    // Every byte of a character is replaced, or none.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `text` with the bytes of `blocks` replaced by spaces, its line breaks kept: the
/// same length, the same lines.
pub fn blank(text: &str, blocks: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for block in blocks {
        let end = block.end.min(bytes.len());
        for byte in bytes.get_mut(block.start.min(end)..end).into_iter().flatten() {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    // Blocks start and end on character boundaries, so every character is either kept
    // whole or replaced whole.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `text` as a public build may read it: its internal blocks blanked ([`blank`]), or
/// `None` when its markers do not pair.
pub fn blanked(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    let blocks = internal_blocks(text).ok()?;
    Some(if blocks.is_empty() { text.into() } else { blank(text, &blocks).into() })
}

/// `text` as an internal build gives it to another page's template (an old tool's list
/// of pages): the lines that are an internal block's marker comment left empty, the
/// block's text kept, so that no marker comment lands where the other page does not
/// expect one.
pub fn unmarked(text: &str) -> std::borrow::Cow<'_, str> {
    if !super::memchr_insensitive(text, "internal") {
        return text.into();
    }
    let lines = text.split_inclusive('\n');
    let kept = lines.map(|line| if marker_line(line).is_some() { &line[line.trim_end().len()..] } else { line });
    kept.collect::<String>().into()
}

/// The HTML body `text` (a page of [`crate::content::formats::PageFormat::Html`]) as a
/// public build may give it to another page's template: by the HTML page's own rule
/// ([`super::html_page`]), the lines from a marker alone on its line to its closing
/// marker left out; `None` when a marker shares its line, closes nothing or is never
/// closed, as the page itself is refused then.
pub fn html_public(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    if !super::memchr_insensitive(text, "internal") {
        return Some(text.into());
    }
    let mut kept = String::with_capacity(text.len());
    let mut depth = 0usize;
    for line in text.split_inclusive('\n') {
        match marker_line(line) {
            Some(true) => depth += 1,
            Some(false) => depth = depth.checked_sub(1)?,
            None if super::internal::contains_marker(line) => return None,
            None if depth == 0 => kept.push_str(line),
            None => {}
        }
    }
    (depth == 0).then_some(kept.into())
}

/// Whether `line` is an internal marker alone on its line: `Some(true)` for an opening.
fn marker_line(line: &str) -> Option<bool> {
    let opens = super::internal::marker(line)?;
    (line.trim().len() == line.trim_start().find("-->").map_or(0, |i| i + 3)).then_some(opens)
}

/// `text` without `blocks` and the rest of the lines they end on; what is left is
/// trimmed at its end.
fn remove(text: &str, blocks: &[Range<usize>]) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut from = 0;
    for block in blocks {
        let start = block.start.clamp(from, text.len());
        kept.push_str(&text[from..start]);
        let end = block.end.clamp(start, text.len());
        from =
            if text[..end].ends_with('\n') { end } else { text[end..].find('\n').map_or(text.len(), |i| end + i + 1) };
    }
    kept.push_str(&text[from.min(text.len())..]);
    kept.truncate(kept.trim_end().len());
    kept
}

/// The rule front matter text obeys in a build whose internal blocks are handled as
/// `Mode` says: a public build (`Drop`) removes them, an internal one (`Mark`) keeps the
/// text as written; both refuse malformed markers.
pub struct FrontMatterText(pub Mode);

impl AudienceText for FrontMatterText {
    fn apply(&self, text: &str) -> Result<Option<String>, String> {
        match internal_blocks(text) {
            Err(problems) => Err(problems.into_iter().next().map(|(_, message)| message).unwrap_or_default()),
            Ok(blocks) if blocks.is_empty() || self.0 == Mode::Mark => Ok(None),
            Ok(blocks) => Ok(Some(remove(text, &blocks))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_content_of_blocks_and_keeps_their_structure() {
        let text = "- a\n  <!-- internal -->\n  Sécret {{ x }}\n  <!-- /internal -->\n- b\n\n> [!INTERNAL]\n> Call 555\n> QUOTED\n";
        let masked = mask(text, &internal_blocks(text).expect("well formed"));
        assert_eq!(
            masked,
            "- a\n  <!-- internal -->\n  xxxxxxx xx x xx\n  <!-- /internal -->\n- b\n\n> [!INTERNAL]\n> xxxx xxx\n> xxxxxx\n"
        );
        assert_eq!(internal_blocks(&masked).expect("still blocks").len(), 2);
    }

    #[test]
    fn finds_blocks_with_their_markers() {
        let text = "Public.\n\n<!-- internal -->\nSECRET\n<!-- /internal -->\n\nTail.\n\n> [!INTERNAL]\n> QUOTED\n";
        let blocks = internal_blocks(text).expect("well formed");
        assert_eq!(blocks.len(), 2);
        let blanked = blank(text, &blocks);
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.lines().count(), text.lines().count());
        for word in ["SECRET", "QUOTED", "internal", "INTERNAL"] {
            assert!(!blanked.contains(word), "{word}: {blanked:?}");
        }
        assert!(blanked.contains("Public.") && blanked.contains("Tail."));
    }

    #[test]
    fn blanks_multibyte_text_whole() {
        let text = "ä\n<!-- internal -->\nGeheimnis: ü\n<!-- /internal -->\nö\n";
        let blanked = blank(text, &internal_blocks(text).expect("well formed"));
        assert_eq!((blanked.len(), blanked.starts_with("ä\n"), blanked.ends_with("ö\n")), (text.len(), true, true));
        assert!(!blanked.contains('ü'));
    }

    #[test]
    fn an_html_page_s_blocks_are_left_out_by_its_line_rule() {
        let text = "<section>\n\n    <!-- internal -->\n\n    <p>SECRET</p>\n\n    <!-- /internal -->\n<p>Kept</p>\n";
        assert_eq!(html_public(text).as_deref(), Some("<section>\n\n<p>Kept</p>\n"));
        for refused in ["<!-- internal -->\nnever closed\n", "<!-- /internal -->\n", "<p>a <!-- internal --></p>\n"] {
            assert_eq!(html_public(refused), None, "{refused:?}");
        }
        assert!(matches!(html_public("<p>no markers</p>"), Some(std::borrow::Cow::Borrowed(_))));
    }

    #[test]
    fn an_internal_build_gives_another_page_the_text_without_its_markers() {
        let text = "Public.\n\n  <!-- Internal -->\n\nSECRET\n\n<!-- /internal -->\n\nTail <!-- internal --> inline.";
        assert_eq!(unmarked(text), "Public.\n\n\n\nSECRET\n\n\n\nTail <!-- internal --> inline.");
        assert!(matches!(unmarked("no markers"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn refuses_malformed_markers() {
        for text in ["a <!-- internal --> b", "<!-- internal -->\nnever closed\n", "<!-- /internal -->\n"] {
            assert!(internal_blocks(text).is_err(), "{text:?}");
        }
        assert_eq!(internal_blocks("internal DNS, no marker"), Ok(Vec::new()));
    }

    #[test]
    fn removes_blocks_from_front_matter_text_in_a_public_build() {
        let text = "Restarted.\n\n<!-- internal -->\nCustomer ACME.\n<!-- /internal -->\n";
        assert_eq!(FrontMatterText(Mode::Drop).apply(text), Ok(Some("Restarted.".to_string())));
        let middle = "One.\n\n<!-- internal -->\nACME\n<!-- /internal -->\nTwo.\n";
        assert_eq!(FrontMatterText(Mode::Drop).apply(middle), Ok(Some("One.\n\nTwo.".to_string())));
        assert_eq!(FrontMatterText(Mode::Mark).apply(text), Ok(None));
        assert_eq!(FrontMatterText(Mode::Drop).apply("plain internal words"), Ok(None));
        assert!(FrontMatterText(Mode::Mark).apply("Outage <!-- internal -->ACME<!-- /internal -->").is_err());
    }
}
