//! Heading ids and the table of contents.
//!
//! 1. Each heading gets its author's id (`## Steps {#steps}`) or a GitHub-style id from
//!    its text.
//! 2. A repeated id gets `-1`, `-2`... appended, as GitHub does, so every id in a page is
//!    unique and stays the same from build to build: the first free suffix. Each base id
//!    remembers the suffix it tried last, so that a page of n identical headings costs
//!    n steps, not n²/2 (ids only ever get taken, so no earlier suffix can free up).
//! 3. The headings become a nested table of contents.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::slug::heading_id;

/// Hands out unique heading ids within one page.
#[derive(Debug, Default)]
pub(crate) struct HeadingIds {
    used: HashSet<String>,
    /// For each base id met twice, the suffix to try next.
    next_suffix: HashMap<String, u64>,
}

impl HeadingIds {
    /// Reserves an id the author chose or one made elsewhere (footnotes).
    pub(crate) fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    /// A unique id for a heading with this text.
    pub(crate) fn assign(&mut self, text: &str) -> String {
        let base = heading_id(text);
        if self.used.insert(base.clone()) {
            return base;
        }
        // Every id of the form `base-n` is skipped here at most once: its `n` stays below
        // the base's next suffix from then on. So the loop is linear over the page.
        let next = self.next_suffix.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
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
pub(crate) fn nest_toc(flat: Vec<TocEntry>) -> Vec<TocEntry> {
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

    /// The algorithm before suffixes were remembered: try `-1`, `-2`... from the start.
    #[derive(Default)]
    struct ScanningIds {
        used: HashSet<String>,
    }

    impl ScanningIds {
        fn assign(&mut self, text: &str) -> String {
            let base = heading_id(text);
            if self.used.insert(base.clone()) {
                return base;
            }
            let id = (1..).map(|n| format!("{base}-{n}")).find(|c| !self.used.contains(c)).unwrap_or_default();
            self.used.insert(id.clone());
            id
        }
    }

    #[test]
    fn remembered_suffixes_give_the_ids_that_scanning_gave() {
        // `Ok("text")` is a heading's text, `Err("id")` an id reserved by an author.
        let cases: &[&[Result<&str, &str>]] = &[
            &[Ok("Steps"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Err("steps-1"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Ok("Steps"), Ok("Steps"), Err("steps-2"), Err("steps-3"), Ok("Steps"), Ok("Steps")],
            &[Ok("Steps 1"), Ok("Steps"), Ok("Steps"), Ok("Steps"), Ok("Steps 1"), Ok("Steps 1")],
            &[Ok("Steps"), Ok("Steps"), Ok("Steps-1"), Ok("Steps 1"), Ok("Steps"), Ok("Steps 1 1")],
            &[Err("steps"), Ok("Steps"), Err("steps-3"), Ok("Steps"), Ok("Steps"), Ok("Steps")],
            &[Ok(""), Ok(""), Ok("-1"), Ok(""), Ok("!"), Ok("Über"), Ok("über"), Ok("UBER")],
            &[Ok("A"), Ok("A-1"), Ok("A"), Ok("A-1"), Ok("A-1-1"), Ok("A"), Ok("A-1")],
            &[Err("fn-1"), Ok("Fn"), Ok("Fn"), Err("fn-5"), Ok("Fn"), Ok("Fn"), Ok("Fn"), Ok("Fn")],
        ];
        for case in cases {
            let (mut new, mut old) = (HeadingIds::default(), ScanningIds::default());
            let (mut got, mut expected) = (Vec::new(), Vec::new());
            for step in *case {
                match step {
                    Ok(text) => {
                        got.push(new.assign(text));
                        expected.push(old.assign(text));
                    }
                    Err(id) => {
                        new.reserve(id);
                        old.used.insert(id.to_string());
                    }
                }
            }
            assert_eq!(got, expected, "{case:?}");
        }
    }

    #[test]
    fn many_identical_headings_take_one_step_each() {
        let mut ids = HeadingIds::default();
        for n in 0..20_000 {
            let id = ids.assign("Same");
            assert_eq!(id, if n == 0 { "same".to_string() } else { format!("same-{n}") });
        }
        // The next suffix is remembered: the quadratic scan would have tried 200 million.
        assert_eq!(ids.next_suffix.get("same"), Some(&20_000));
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
