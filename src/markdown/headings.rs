//! Heading ids and the table of contents.
//!
//! 1. Each heading gets its author's id (`## Steps {#steps}`) or a GitHub-style id from
//!    its text.
//! 2. A repeated id gets `-1`, `-2`... appended, as GitHub does, so every id in a page is
//!    unique and stays the same from build to build.
//! 3. The headings become a nested table of contents.

use std::collections::HashSet;

use serde::Serialize;

use crate::slug::heading_id;

/// Hands out unique heading ids within one page.
#[derive(Debug, Default)]
pub struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    /// Reserves an id the author chose or one that is generated elsewhere (footnotes).
    pub fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A unique id for a heading with this text.
    pub fn assign(&mut self, text: &str) -> String {
        let base = heading_id(text);
        if self.used.insert(base.clone()) {
            return base;
        }
        (1..)
            .map(|n| format!("{base}-{n}"))
            .find(|candidate| !self.used.contains(candidate))
            .inspect(|id| {
                self.used.insert(id.clone());
            })
            .unwrap_or(base)
    }
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    /// Heading level, 1 to 6.
    pub level: u8,
    /// The heading's id.
    pub id: String,
    /// The heading's text.
    pub title: String,
    /// Headings below this one.
    pub children: Vec<TocEntry>,
}

/// Nests a flat list of headings by level: each heading goes under the closest earlier
/// heading with a smaller level.
pub fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        insert_entry(&mut roots, entry);
    }
    roots
}

fn insert_entry(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert_entry(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_get_their_own_ids() {
        let mut ids = HeadingIds::default();
        assert_eq!(ids.assign("Steps"), "steps");
        assert_eq!(ids.assign("Steps"), "steps-1");
        ids.reserve("steps-2");
        assert_eq!(ids.assign("Steps"), "steps-3");
    }

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry { level, id: id.into(), title: id.into(), children: Vec::new() }
    }

    #[test]
    fn nests_headings_by_level() {
        let toc = nest_toc(vec![
            entry(2, "a"),
            entry(3, "a1"),
            entry(4, "a1x"),
            entry(3, "a2"),
            entry(2, "b"),
            entry(4, "b1"),
        ]);
        assert_eq!(toc.len(), 2);
        assert_eq!(toc[0].children.len(), 2);
        assert_eq!(toc[0].children[0].children[0].id, "a1x");
        assert_eq!(toc[1].children[0].id, "b1");
    }
}
