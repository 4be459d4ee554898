//! The order of what a pattern finds (`NavPattern._sort_items`): by path, file name or
//! title, natural (natsort's `GROUPLETTERS | INT`, `PATH` unless by title) or
//! alphabetical, either direction, folders after the pages, before them or mixed.

use super::Resolved;
use super::config::{By, Sections, Settings};
use crate::compat::mkdocs::natsort::{self, Chunk};

/// A sort key: per element of the key's tuple, per path part, its chunks.
type Key = Vec<Vec<Vec<Chunk>>>;

/// Sorts `items` as `settings` say; `title` gives a page's front matter title.
pub(super) fn sort(items: &mut [Resolved], settings: &Settings, title: &dyn Fn(&str) -> Option<String>) {
    let mut keyed: Vec<(Key, usize)> =
        items.iter().enumerate().map(|(i, item)| (key(item, settings, title), i)).collect();
    // Stable, and `reverse` keeps equal items in their order, as Python's does.
    keyed.sort_by(|a, b| if settings.descending { b.0.cmp(&a.0) } else { a.0.cmp(&b.0) });
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();
    if settings.sections != Sections::Mixed {
        let is_section = |i: &usize| matches!(items[*i], Resolved::Section { .. });
        let (sections, pages): (Vec<usize>, Vec<usize>) = order.iter().partition(|i| is_section(i));
        order = match settings.sections {
            Sections::First => sections.into_iter().chain(pages).collect(),
            _ => pages.into_iter().chain(sections).collect(),
        };
    }
    let sorted: Vec<Resolved> = order.iter().map(|&i| items[i].clone()).collect();
    items.clone_from_slice(&sorted);
}

/// The key of `item`: its path; its file name, then path; or its title, file name and
/// path.
fn key(item: &Resolved, settings: &Settings, title: &dyn Fn(&str) -> Option<String>) -> Key {
    let path = match item {
        Resolved::Page { path, .. } => path.as_str(),
        Resolved::Section { dir, .. } => dir.as_str(),
        Resolved::Link { url, .. } => url.as_str(),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let parts: Vec<String> = match settings.by {
        By::Path => vec![path.to_string()],
        By::Filename => vec![name.to_string(), path.to_string()],
        By::Title => {
            let shown = match item {
                Resolved::Section { title, .. } => title.clone(),
                _ => title(path).unwrap_or_else(|| name.to_string()),
            };
            vec![shown, name.to_string(), path.to_string()]
        }
    };
    let as_path = settings.by != By::Title;
    parts
        .iter()
        .map(|part| {
            if !settings.natural {
                let text = if settings.ignore_case { part.to_lowercase() } else { part.clone() };
                return vec![vec![Chunk::Text(text)]];
            }
            let pieces = if as_path { path_parts(part) } else { vec![part.clone()] };
            pieces.iter().map(|piece| natural(piece, settings.ignore_case)).collect()
        })
        .collect()
}

/// natsort's `path_splitter`: the folders, the file's base and its last one or two
/// extensions, each of at most five characters with its dot, without a space, not
/// starting with a digit (`bar.hidden.md` is `bar.hidden` and `.md`; `1.10.md` keeps
/// `.10`); empty parts dropped.
fn path_parts(path: &str) -> Vec<String> {
    let mut parts: Vec<String> = path.split('/').map(str::to_string).collect();
    let base = parts.pop().unwrap_or_default();
    // `PurePath.suffixes`: after the first character, each `.` that is not the last.
    let suffixes: Vec<&str> = if base.ends_with('.') {
        Vec::new()
    } else {
        let mut starts: Vec<usize> = base.match_indices('.').map(|(i, _)| i).filter(|&i| i > 0).collect();
        starts.push(base.len());
        starts.windows(2).map(|w| &base[w[0]..w[1]]).collect()
    };
    let mut kept = Vec::new();
    for (i, suffix) in suffixes.iter().rev().enumerate() {
        let digit = suffix.as_bytes().get(1).is_some_and(u8::is_ascii_digit);
        if i > 1 || digit || suffix.chars().count() > 5 || suffix.contains(' ') {
            break;
        }
        kept.push(suffix.to_string());
    }
    kept.reverse();
    let stem = base.replace(&kept.concat(), "");
    parts.push(stem);
    parts.extend(kept);
    parts.retain(|part| !part.is_empty());
    parts
}

/// natsort's key of one string with `GROUPLETTERS | INT` (and `IGNORECASE`).
fn natural(text: &str, ignore_case: bool) -> Vec<Chunk> {
    match ignore_case {
        true => natsort::key(&text.to_lowercase(), true),
        false => natsort::key(text, true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_splits_into_folders_stem_and_extensions_up_to_a_number() {
        assert_eq!(path_parts("a/b/foo.md"), ["a", "b", "foo", ".md"]);
        assert_eq!(path_parts("a/v1.10.md"), ["a", "v1.10", ".md"]);
        assert_eq!(path_parts("notes.tar.gz"), ["notes", ".tar", ".gz"]);
        assert_eq!(path_parts("bar.hidden.md"), ["bar.hidden", ".md"]);
        assert_eq!(path_parts("a.b.c.md"), ["a.b", ".c", ".md"]);
        assert_eq!(path_parts("ops"), ["ops"]);
    }
}
