//! The first place of a needle in a page's text at or after a position, remembered
//! ([`Finder`]): the scan ([`super::scan`]) and the scanners of each construct search
//! for closing delimiters with it, so that a page of openings without closes is still
//! scanned in linear time; and the `}` closing a `{` ([`balanced`]).

use std::collections::HashMap;

/// The first place of a needle at or after a position, remembered so that a page with
/// many openings and no close is still scanned in linear time.
#[derive(Default)]
pub(super) struct Finder {
    /// Each needle (a handful): where it was searched from, and found. A list, not a
    /// map: a page asks millions of times, and comparing a few needles costs less than
    /// hashing one.
    found: Vec<(&'static str, usize, Option<usize>)>,
    /// Where a Liquid tag of each name first and last stands (`{% name`), made in one
    /// pass on the first ask ([`Finder::tag_places`]).
    tags: Option<HashMap<String, (usize, usize)>>,
}

impl Finder {
    /// The first `needle` in `text` at or after `from`.
    pub(super) fn find(&mut self, text: &str, needle: &'static str, from: usize) -> Option<usize> {
        let known = self.found.iter().position(|(n, _, _)| *n == needle);
        if let Some(&(_, searched, found)) = known.and_then(|i| self.found.get(i))
            && searched <= from
            && found.is_none_or(|at| at >= from)
        {
            return found;
        }
        let found = text
            .get(from..)
            .and_then(|rest| memchr::memmem::find(rest.as_bytes(), needle.as_bytes()))
            .map(|at| at + from);
        match known.and_then(|i| self.found.get_mut(i)) {
            Some(entry) => *entry = (needle, from, found),
            None => self.found.push((needle, from, found)),
        }
        found
    }

    /// Where the name of the first and of the last tag `{% name …` of `text` stands (its
    /// `{%-` and spaces allowed, the name followed by a space, `%` or `-`): every name's
    /// places are found in one pass, so that a page of tags of many names asks in linear
    /// time.
    pub(super) fn tag_places(&mut self, text: &str, name: &str) -> Option<(usize, usize)> {
        let tags = self.tags.get_or_insert_with(|| {
            let mut places: HashMap<String, (usize, usize)> = HashMap::new();
            for at in memchr::memmem::find_iter(text.as_bytes(), b"{%") {
                let rest = text[at + 2..].trim_start_matches([' ', '\t', '-']);
                let end = rest.find(|c: char| c.is_whitespace() || c == '%' || c == '-');
                if let Some(end) = end.filter(|&end| end > 0) {
                    let place = text.len() - rest.len();
                    places.entry(rest[..end].to_string()).and_modify(|p| p.1 = place).or_insert((place, place));
                }
            }
            places
        });
        tags.get(name).copied()
    }
}

// The `}` closing the `{` at `open`, before `limit`, braces nested and quotes skipped.
pub(super) use crate::braces::closing as balanced;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_needles_in_linear_time() {
        let text = "{{< ".repeat(20_000);
        let mut finder = Finder::default();
        for i in (0..text.len()).step_by(4) {
            assert_eq!(finder.find(&text, ">}}", i), None);
        }
    }
}
