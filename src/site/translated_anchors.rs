//! The original's anchors on a translation: a link to `db.md#steps` keeps leading to
//! that section when the reader's language has the page translated with its headings
//! translated (`## Schritte`, id `schritte`).
//!
//! 1. The headings of the original and of the translation are paired by their place
//!    in the heading tree: the n-th heading under the same parent, at the same level.
//! 2. An id of the original that the translation has itself (the same heading text, or
//!    an explicit `{#steps}`) needs nothing.
//! 3. Any other id of the original is written on the paired heading of the translation
//!    as well ([`with_original_anchors`]), so `#steps` leads to "Schritte"; an id
//!    without a pair leads to the top of the translation, which the link check warns of.

use super::{PageId, Site};
use crate::markdown::TocEntry;

/// The ids of the original of page `id` (a translation) that the translation lacks,
/// each with the id of the translation's heading at its place, if there is one; none
/// for a page of the default language or one shown untranslated.
pub(crate) fn original_anchors(site: &Site, id: PageId) -> Vec<(&str, Option<&str>)> {
    let original = site.original_of(id);
    if original == id || site.is_fallback(id) {
        return Vec::new();
    }
    let mut pairs = Vec::new();
    pair_headings(&site.pages[original].rendered.toc, &site.pages[id].rendered.toc, &mut pairs);
    let own = &site.pages[id].rendered.anchors;
    pairs.retain(|(wanted, _)| !own.iter().any(|anchor| anchor == wanted));
    pairs
}

/// Step 1: each heading of `original` with the heading at its place in `translation`.
fn pair_headings<'a>(
    original: &'a [TocEntry],
    translation: &'a [TocEntry],
    pairs: &mut Vec<(&'a str, Option<&'a str>)>,
) {
    for (n, heading) in original.iter().enumerate() {
        let there = translation.get(n).filter(|other| other.level == heading.level);
        pairs.push((heading.id.as_str(), there.map(|other| other.id.as_str())));
        pair_headings(&heading.children, there.map_or(&[][..], |other| &other.children), pairs);
    }
}

/// Step 3: `html`, the translation's body, with each id of the original that has a
/// paired heading written at the start of that heading (an empty `<span id>`); `None`
/// when there is none.
/// The body is copied only when a span is written: every page of a build passes here.
pub(crate) fn with_original_anchors(html: &str, pairs: &[(&str, Option<&str>)]) -> Option<String> {
    let mut changed: Option<String> = None;
    for (wanted, heading) in pairs {
        let Some(heading) = heading else { continue };
        let current = changed.as_deref().unwrap_or(html);
        let Some(open) = heading_start(current, heading) else { continue };
        let Some(end) = current[open..].find('>').map(|i| open + i + 1) else { continue };
        let span = format!("<span id=\"{}\"></span>", crate::html::escape(wanted));
        changed.get_or_insert_with(|| html.to_string()).insert_str(end, &span);
    }
    changed
}

/// Where the opening tag of the heading of id `id` starts in `html`.
fn heading_start(html: &str, id: &str) -> Option<usize> {
    let attribute = format!(" id=\"{}\"", crate::html::escape(id));
    let mut from = 0;
    while let Some(found) = html[from..].find(&attribute).map(|i| from + i) {
        let open = html[..found].rfind('<')?;
        let tag = &html[open + 1..found];
        if tag.len() == 2 && tag.starts_with('h') && tag.as_bytes()[1].is_ascii_digit() {
            return Some(open);
        }
        from = found + attribute.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u8, id: &str, children: Vec<TocEntry>) -> TocEntry {
        TocEntry { level, id: id.to_string(), title: id.to_string(), children }
    }

    #[test]
    fn pairs_headings_by_their_place_in_the_tree() {
        let original = [
            heading(2, "steps", vec![heading(3, "check", vec![]), heading(3, "restart", vec![])]),
            heading(2, "escalation", vec![]),
        ];
        let translation =
            [heading(2, "schritte", vec![heading(3, "prufen", vec![])]), heading(3, "eskalation", vec![])];
        let mut pairs = Vec::new();
        pair_headings(&original, &translation, &mut pairs);
        assert_eq!(
            pairs,
            [("steps", Some("schritte")), ("check", Some("prufen")), ("restart", None), ("escalation", None)]
        );
    }

    #[test]
    fn writes_the_original_s_id_on_the_paired_heading_only() {
        let html = "<p id=\"schritte\">x</p>\n<h2 id=\"schritte\">Schritte</h2>\n<h2 id=\"b\">B</h2>\n";
        let out = with_original_anchors(html, &[("steps", Some("schritte")), ("gone", None)]).unwrap();
        assert_eq!(
            out,
            "<p id=\"schritte\">x</p>\n<h2 id=\"schritte\"><span id=\"steps\"></span>Schritte</h2>\n<h2 id=\"b\">B</h2>\n"
        );
        assert_eq!(with_original_anchors(html, &[("gone", None), ("x", Some("nowhere"))]), None);
    }
}
