//! The text of each page's sections, for the results' snippets: `search/s-<n>.json`,
//! one small file per page (`n` is the page's index number), which a query fetches
//! whole for the results it shows.
//!
//! A file is `[[id, heading, text], ...]`, one entry per section (the part before the
//! first heading has the id `""`): the client picks the sections where the query's
//! words stand (up to three sub-results per page, each linked to its heading's anchor)
//! and cuts a snippet around them. The text is the section's prose, one block per
//! line, then its code; at most [`PROSE_BYTES`] and [`CODE_BYTES`] of each, at most
//! [`PAGE_BYTES`] a page. Small files fetched whole cost the same on every host: one
//! that serves byte ranges or compresses, or a plain one.

use crate::markdown::SectionText;

/// The prose of one section kept, in bytes.
pub(crate) const PROSE_BYTES: usize = 3000;
/// The code of one section kept, in bytes.
pub(crate) const CODE_BYTES: usize = 400;
/// The text of one page kept, in bytes.
pub(crate) const PAGE_BYTES: usize = 16 * 1024;

/// The first `max` bytes of `text` (fewer, to end on a character), trimmed.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim()
}

/// The JSON of a page's snippet file, from its sections.
pub(crate) fn page_json(sections: &[SectionText]) -> Box<str> {
    let mut left = PAGE_BYTES;
    let mut entries: Vec<(&str, &str, String)> = Vec::with_capacity(sections.len());
    for section in sections {
        let prose = cut(&section.text, PROSE_BYTES.min(left));
        let code = cut(&section.code, CODE_BYTES.min(left.saturating_sub(prose.len())));
        let mut text = String::with_capacity(prose.len() + code.len() + 1);
        text.push_str(prose);
        if !code.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(code);
        }
        left = left.saturating_sub(text.len() + section.heading.len());
        entries.push((section.id.as_deref().unwrap_or(""), section.heading.trim(), text));
    }
    serde_json::to_string(&entries).unwrap_or_else(|_| "[]".into()).into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_each_section_s_id_heading_and_text_within_bounds() {
        let long = "word ".repeat(2000);
        let sections = [
            SectionText { id: None, heading: String::new(), text: "Intro\nline".into(), code: String::new() },
            SectionText {
                id: Some("a-b".into()),
                heading: "Steps".into(),
                text: long.clone(),
                code: "kubectl get pods".into(),
            },
            SectionText {
                id: Some("é".into()),
                heading: "Ünïcode".into(),
                text: "é".repeat(5000),
                code: String::new(),
            },
        ];
        let json = page_json(&sections);
        let back: Vec<(String, String, String)> = serde_json::from_str(&json).expect("JSON");
        assert_eq!(back[0], (String::new(), String::new(), "Intro\nline".into()));
        assert_eq!(back[1].0, "a-b");
        assert!(back[1].2.len() <= PROSE_BYTES + CODE_BYTES + 1 && back[1].2.ends_with("kubectl get pods"));
        assert!(back[2].2.len() <= PROSE_BYTES && back[2].2.chars().all(|c| c == 'é'));
        assert!(json.len() < PAGE_BYTES + 200);
    }
}
