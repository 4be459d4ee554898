//! Link reference definitions inside internal blocks, for a public build. pulldown-cmark
//! reads every `[label]: url "title"` of a page before its first event, wherever the
//! definition stands, so a public `[the vault][vault]` would take its URL and title from
//! a definition inside an internal block. This filter sits after [`InternalBlocks`]:
//!
//! 1. when a page has reference definitions, it takes all the events of the page (one
//!    pass of the parser), and with them the ranges of the internal blocks;
//! 2. the definitions whose text lies in one of those ranges are internal (looked up in
//!    the ranges sorted: many definitions and blocks cost n log n, not n²);
//! 3. a link or image that uses an internal definition becomes its source text, as if
//!    the definition did not exist, and a problem at the link (`link-to-internal`).
//!
//! A page without reference definitions, or an internal build, streams through as is.

use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use unicase::UniCase;

use super::internal::InternalBlocks;

type Item<'a> = (Event<'a>, Range<usize>);

/// The events of [`InternalBlocks`], with links through internal definitions undone.
pub struct InternalReferences<'a, I: Iterator<Item = Item<'a>>> {
    /// The filter before this one.
    pub blocks: InternalBlocks<'a, I>,
    text: &'a str,
    /// The page's definitions: normalised label and source range. Empty when there is
    /// nothing to hide.
    definitions: Vec<(String, Range<usize>)>,
    /// All the events, once the definitions needed them.
    queue: Option<VecDeque<Item<'a>>>,
    /// Links that use an internal definition: the byte offset and the message.
    pub problems: Vec<(usize, String)>,
}

impl<'a, I: Iterator<Item = Item<'a>>> InternalReferences<'a, I> {
    /// Filters `blocks`, the events of `text`; `definitions` are the page's reference
    /// definitions (label, [`normalise`]d, and source range), none for an internal build.
    pub fn new(blocks: InternalBlocks<'a, I>, text: &'a str, definitions: Vec<(String, Range<usize>)>) -> Self {
        InternalReferences { blocks, text, definitions, queue: None, problems: Vec::new() }
    }

    /// Takes every event of the page and undoes the links through internal definitions.
    fn fill(&mut self) -> VecDeque<Item<'a>> {
        let events: Vec<Item<'a>> = self.blocks.by_ref().collect();
        let inside = Containment::new(&self.blocks.blocks);
        let hidden: HashSet<UniCase<&str>> = self
            .definitions
            .iter()
            .filter(|(_, span)| inside.contains(span))
            .map(|(label, _)| UniCase::new(label.as_str()))
            .collect();
        if hidden.is_empty() {
            return events.into();
        }
        let mut out = VecDeque::with_capacity(events.len());
        let mut skip: Option<(bool, usize)> = None;
        let mut problems = Vec::new();
        for (event, range) in events {
            if let Some((image, depth)) = skip.as_mut() {
                match &event {
                    Event::Start(Tag::Link { .. }) if !*image => *depth += 1,
                    Event::Start(Tag::Image { .. }) if *image => *depth += 1,
                    Event::End(TagEnd::Link) if !*image => *depth -= 1,
                    Event::End(TagEnd::Image) if *image => *depth -= 1,
                    _ => {}
                }
                if *depth == 0 {
                    skip = None;
                }
                continue;
            }
            let (image, link_type, id) = match &event {
                Event::Start(Tag::Link { link_type, id, .. }) => (false, *link_type, id),
                Event::Start(Tag::Image { link_type, id, .. }) => (true, *link_type, id),
                _ => {
                    out.push_back((event, range));
                    continue;
                }
            };
            let by_definition = matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut);
            if !by_definition || !hidden.contains(&UniCase::new(normalise(id).as_str())) {
                out.push_back((event, range));
                continue;
            }
            problems.push((
                range.start,
                format!(
                    "`[{id}]` is defined only inside an internal block, so the public build shows this link \
                     as plain text"
                ),
            ));
            out.push_back((Event::Text(self.text.get(range.clone()).unwrap_or_default().into()), range));
            skip = Some((image, 1));
        }
        self.problems = problems;
        out
    }
}

impl<'a, I: Iterator<Item = Item<'a>>> Iterator for InternalReferences<'a, I> {
    type Item = Item<'a>;

    fn next(&mut self) -> Option<Item<'a>> {
        if self.definitions.is_empty() {
            return self.blocks.next();
        }
        if self.queue.is_none() {
            self.queue = Some(self.fill());
        }
        self.queue.as_mut()?.pop_front()
    }
}

/// Whether a span lies inside one of a set of ranges, in logarithmic time: the ranges
/// sorted by start, each with the furthest end of the ranges up to it. A span is inside
/// one iff the ranges starting at or before it reach its end.
struct Containment {
    starts: Vec<usize>,
    furthest: Vec<usize>,
}

impl Containment {
    fn new(ranges: &[Range<usize>]) -> Containment {
        let mut sorted: Vec<&Range<usize>> = ranges.iter().collect();
        sorted.sort_by_key(|r| r.start);
        let starts = sorted.iter().map(|r| r.start).collect();
        let furthest = sorted
            .iter()
            .scan(0, |furthest, r| {
                *furthest = r.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Containment { starts, furthest }
    }

    fn contains(&self, span: &Range<usize>) -> bool {
        let before = self.starts.partition_point(|&start| start <= span.start);
        before > 0 && self.furthest[before - 1] >= span.end
    }
}

/// A label with its runs of white space made one space. Labels are then compared as
/// CommonMark and pulldown-cmark compare them, with Unicode case folding (`UniCase`:
/// `ẞ` matches `ss`, `ﬀ` matches `ff`), which lower-casing alone does not do.
pub fn normalise(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::Containment;

    #[test]
    fn finds_spans_inside_any_range() {
        let inside = Containment::new(&[30..40, 0..10, 12..50]);
        assert!(inside.contains(&(2..5)));
        assert!(inside.contains(&(35..45)), "inside 12..50 though it starts in 30..40");
        assert!(!inside.contains(&(8..11)));
        assert!(!inside.contains(&(45..60)));
        assert!(!Containment::new(&[]).contains(&(0..1)));
    }
}
