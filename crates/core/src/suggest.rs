//! "Did you mean ...?": the closest existing page or anchor to a broken one.
//!
//! A leaf of the module graph: the site model suggests pages when it resolves links,
//! and the whole-site checks suggest anchors, so it imports neither.
//!
//! Anchors are compared with every id of the target page. Pages are compared only with
//! files of the same name elsewhere (a page that moved) and with the files of the same
//! folder (a typo), so a handbook with thousands of broken links is still checked
//! quickly.
//!
//! The distance is strsim's optimal string alignment ([`distance`]), except in
//! [`closest`], which keeps a table of its own that stops as soon as a candidate is too
//! far to be suggested: measured with `bench/broken-links.py` (4,000 pages, 20,000
//! broken links and anchors, each suggested), `opsbook check` took a median 2.63 s with
//! it and 4.02 s with `strsim::osa_distance` in its place, which fills the whole table
//! for every candidate.

/// The edit distance between two strings, in characters: insertions, deletions,
/// substitutions and swaps of two neighbours each count one (optimal string alignment).
pub fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The rows of the distance table [`distance_within`] keeps, kept between calls.
#[derive(Default)]
struct Rows {
    before_last: Vec<usize>,
    last: Vec<usize>,
    current: Vec<usize>,
}

/// The optimal string alignment distance of `a` and `b` if it is at most `limit`, else
/// none. The table is filled
/// row by row, three rows kept; it stops once two rows in a row exceed `limit`
/// everywhere: every path to the last cell goes through one of any two neighbouring
/// rows (a swap skips one row, never two), and no step costs less than nothing.
fn distance_within(a: &[char], b: &[char], limit: usize, rows: &mut Rows) -> Option<usize> {
    let width = b.len() + 1;
    let Rows { before_last, last, current } = rows;
    for row in [&mut *before_last, &mut *last, &mut *current] {
        row.clear();
        row.resize(width, 0);
    }
    for (j, cell) in last.iter_mut().enumerate() {
        *cell = j;
    }
    let mut last_over = false;
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (last[j] + 1).min(current[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before_last[j - 2] + 1);
            }
            current[j] = best;
            row_min = row_min.min(best);
        }
        let over = row_min > limit;
        if over && last_over {
            return None;
        }
        last_over = over;
        std::mem::swap(before_last, last);
        std::mem::swap(last, current);
    }
    Some(last[b.len()]).filter(|&d| d <= limit)
}

/// The candidate closest to `wanted`, if it is close enough to be a likely typo: at
/// most a third of the longer string's length, and at least one edit away.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_chars: Vec<char> = wanted.chars().collect();
    let wanted_len = wanted_chars.len();
    let lowered = wanted.to_lowercase();
    let (mut chars, mut rows) = (Vec::new(), Rows::default());
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
            // Lower-casing ASCII is ASCII's own: no new string needed to compare.
            let same_lowered = if c.is_ascii() && wanted.is_ascii() {
                c.eq_ignore_ascii_case(wanted)
            } else {
                c.to_lowercase() == lowered
            };
            if same_lowered {
                return Some((0, c));
            }
            chars.clear();
            chars.extend(c.chars());
            distance_within(&wanted_chars, &chars, limit, &mut rows).map(|d| (d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// The path of `target` relative to the folder `from_dir` (both relative to
/// `content/`), as an author would write the link.
pub fn relative_path(from_dir: &str, target: &str) -> String {
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
    fn stops_early_only_past_the_limit() {
        let words = [
            "", "a", "ab", "ba", "abc", "acb", "steps", "stpes", "spets", "rollback", "rolbakc", "Über", "über", "ubre",
        ];
        let mut rows = Rows::default();
        for a in words {
            for b in words {
                let full = strsim::osa_distance(a, b);
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..6 {
                    let within = distance_within(&ac, &bc, limit, &mut rows);
                    assert_eq!(within, (full <= limit).then_some(full), "{a} {b} {limit}");
                }
            }
        }
        assert_eq!(closest("STPES", ["steps", "Stpes", "stp"]), Some("Stpes"));
        assert_eq!(closest("ÜBER", ["über", "uber"]), Some("über"));
    }

    #[test]
    fn makes_relative_paths() {
        assert_eq!(relative_path("runbooks", "runbooks/db.md"), "db.md");
        assert_eq!(relative_path("runbooks/db", "rca/x.md"), "../../rca/x.md");
        assert_eq!(relative_path("", "a/b.md"), "a/b.md");
    }
}
