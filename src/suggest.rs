//! "Did you mean ...?": the closest existing page or anchor to a broken one.
//!
//! A leaf of the module graph: the site model suggests pages when it resolves links,
//! and the whole-site checks suggest anchors, so it imports neither.
//!
//! Anchors are compared with every id of the target page. Pages are compared only with
//! files of the same name elsewhere (a page that moved) and with the files of the same
//! folder (a typo), so a handbook with thousands of broken links is still checked
//! quickly.

/// The edit distance between two strings, in characters: insertions, deletions,
/// substitutions and swaps of two neighbours each count one (optimal string alignment).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best =
                (d[(i - 1) * width + j] + 1).min(d[i * width + j - 1] + 1).min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

/// The candidate closest to `wanted`, if it is close enough to be a likely typo: at
/// most a third of the longer string's length, and at least one edit away.
pub(crate) fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_len = wanted.chars().count();
    let lowered = wanted.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| *c != wanted)
        .filter_map(|c| {
            let len = c.chars().count();
            let limit = (wanted_len.max(len) / 3).max(1);
            // Strings whose lengths differ by more than the limit cannot be close enough.
            if len.abs_diff(wanted_len) > limit {
                return None;
            }
            let d = if c.to_lowercase() == lowered { 0 } else { distance(wanted, c) };
            (d <= limit).then_some((d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// The path of `target` relative to the folder `from_dir` (both relative to
/// `content/`), as an author would write the link.
pub(crate) fn relative_path(from_dir: &str, target: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = std::iter::repeat_n("..", from.len() - common).collect();
    parts.extend(&to[common..]);
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_edit_distance() {
        assert_eq!(distance("steps", "step"), 1);
        assert_eq!(distance("stpes", "steps"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
    }

    #[test]
    fn suggests_only_close_candidates() {
        assert_eq!(closest("stesp", ["steps", "rollback", "escalation"]), Some("steps"));
        assert_eq!(closest("Steps", ["steps"]), Some("steps"));
        assert_eq!(closest("zzz", ["steps", "rollback"]), None);
    }

    #[test]
    fn makes_relative_paths() {
        assert_eq!(relative_path("runbooks", "runbooks/db.md"), "db.md");
        assert_eq!(relative_path("runbooks/db", "rca/x.md"), "../../rca/x.md");
        assert_eq!(relative_path("", "a/b.md"), "a/b.md");
    }
}
