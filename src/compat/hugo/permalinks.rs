//! Hugo's URL rules for a handbook written for Hugo: how a name becomes a URL segment
//! ([`sanitize`], [`urlize`]) and the `permalinks` of its configuration ([`Rule`],
//! [`read_rules`], [`expand`]).
//!
//! 1. `permalinks` is read in each of Hugo's forms: `section = pattern` (the section's
//!    pages), `[permalinks.page]`/`[permalinks.section]` tables, and a list of
//!    `{ target = { kind, path }, pattern }`; the first rule whose kind and path glob
//!    match a page gives its URL.
//! 2. A pattern's `:token`s are replaced from the page ([`PageValues`]): its date
//!    (named tokens or a Go date layout, `:2006-01`), sections (sliced with `[1:]`,
//!    `[last]`), title, slug and file names, each made a URL segment by [`urlize`];
//!    `\:` is a literal colon. An unknown token is an error naming it.

use serde_json::Value;

use crate::compat::hugo::dates::Moment;

/// Hugo's `paths.Sanitize`: letters, digits, marks, `.`, `/`, `\`, `_`, `#`, `+`, `~`,
/// `-`, `@` and `%XX` escapes stay; a run of white space after one of them is one `-`
/// (none after a `-`); anything else is dropped.
pub(crate) fn sanitize(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut hyphen, mut was_hyphen) = (false, false);
    for (i, c) in text.char_indices() {
        let escape = c == '%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
        let allowed = c != ' '
            && (c.is_alphanumeric()
                || matches!(c, '.' | '/' | '\\' | '_' | '#' | '+' | '~' | '-' | '@')
                || unicode_normalization::char::is_combining_mark(c)
                || escape);
        if allowed {
            was_hyphen = c == '-';
            if hyphen && !was_hyphen {
                out.push('-');
            }
            hyphen = false;
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            hyphen = true;
        }
    }
    out
}

/// Hugo's `MakePathSanitized`: [`sanitize`], lower-cased (`disablePathToLower` unset).
pub(crate) fn urlize(text: &str) -> String {
    sanitize(text).to_lowercase()
}

/// The kind of page a rule applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A regular page (and a bundle's `index.md`).
    Page,
    /// A section's `_index.md`.
    Section,
    /// The home page, a taxonomy or a term: kinds opsbook has no pages of.
    Other,
}

/// One permalink rule: the pages of `kind` whose Hugo path (`/posts/my-page`) the glob
/// `path` matches get the URL `pattern` expands to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rule {
    /// The kind of page.
    pub kind: Kind,
    /// The path glob (`/{posts,posts/**}`); empty matches every path.
    pub path: String,
    /// The URL pattern (`/:year/:slug/`).
    pub pattern: String,
}

/// The rules of a `permalinks` value, in Hugo's order, each pattern checked; `Err` is a
/// message naming what is wrong.
pub(crate) fn read_rules(value: &Value) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match value {
                    Value::String(pattern) => {
                        rules.push(Rule { kind: Kind::Page, path: section_glob(key), pattern: pattern.clone() })
                    }
                    Value::Object(sections) => {
                        let kind =
                            kind_named(key).ok_or_else(|| format!("permalinks of kind `{key}` are not Hugo's"))?;
                        for (section, pattern) in sections {
                            let Value::String(pattern) = pattern else {
                                return Err(format!("`permalinks.{key}.{section}` is not a text"));
                            };
                            rules.push(Rule { kind, path: section_glob(section), pattern: pattern.clone() });
                        }
                    }
                    _ => return Err(format!("`permalinks.{key}` is neither a text nor a table")),
                }
            }
        }
        Value::Array(list) => {
            for entry in list {
                let entry = entry.as_object().ok_or("a `permalinks` entry is not a table")?;
                let get = |map: &serde_json::Map<String, Value>, name: &str| {
                    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone())
                };
                let pattern = get(entry, "pattern").ok_or("a `permalinks` entry has no `pattern`")?;
                let pattern = pattern.as_str().ok_or("a `permalinks` entry's `pattern` is not a text")?.to_string();
                let target = get(entry, "target").and_then(|t| t.as_object().cloned()).unwrap_or_default();
                let text = |name: &str| get(&target, name).and_then(|v| v.as_str().map(str::to_lowercase));
                let kind = text("kind").map_or(Some(Kind::Page), |k| kind_named(&k));
                let kind = kind.ok_or("a `permalinks` entry's `target.kind` is not Hugo's")?;
                rules.push(Rule { kind, path: text("path").unwrap_or_default(), pattern });
            }
        }
        Value::Null => {}
        _ => return Err("`permalinks` is neither a table nor a list".to_string()),
    }
    for rule in &rules {
        check(&rule.pattern)?;
        check_glob(&rule.path)?;
    }
    Ok(rules)
}

/// The longest path glob read, in bytes, and the most `{` and `*` it may hold: each
/// `{a,b}` doubles the globs matched and each `*` the ways to match, so a larger one
/// could take a build's time.
const MAX_GLOB: usize = 256;
const MAX_GLOB_PARTS: usize = 4;

/// Checks that a path glob is within what opsbook matches.
fn check_glob(glob: &str) -> Result<(), String> {
    let braces = glob.matches('{').count();
    let stars = glob.split(|c| c != '*').filter(|run| !run.is_empty()).count();
    if glob.len() > MAX_GLOB || braces > MAX_GLOB_PARTS || stars > MAX_GLOB_PARTS {
        return Err(format!(
            "`{}` is a longer path glob than opsbook reads ({MAX_GLOB} bytes, {MAX_GLOB_PARTS} `{{}}` and {MAX_GLOB_PARTS} `*` at most)",
            glob.chars().take(40).collect::<String>()
        ));
    }
    Ok(())
}

/// The kind a `permalinks` table is named for.
fn kind_named(name: &str) -> Option<Kind> {
    match name.to_ascii_lowercase().as_str() {
        "page" => Some(Kind::Page),
        "section" => Some(Kind::Section),
        "home" | "taxonomy" | "term" => Some(Kind::Other),
        _ => None,
    }
}

/// The path glob of a section's rule: its pages and those below; `/` the root's pages.
fn section_glob(section: &str) -> String {
    let section = section.trim_matches([' ', '/']).to_lowercase();
    if section.is_empty() { "/*".to_string() } else { format!("/{{{section},{section}/**}}") }
}

/// The rule of `rules` that applies to the page of `kind` at Hugo path `path`.
pub(crate) fn rule_for<'r>(rules: &'r [Rule], kind: Kind, path: &str) -> Option<&'r Rule> {
    let path = path.to_lowercase();
    rules.iter().find(|rule| rule.kind == kind && (rule.path.is_empty() || glob_matches(&rule.path, &path)))
}

/// Whether the glob `glob` (`*` within a segment, `**` across them, `{a,b}` either)
/// matches `path`.
pub(crate) fn glob_matches(glob: &str, path: &str) -> bool {
    if let Some(open) = glob.find('{')
        && let Some(close) = glob[open..].find('}').map(|c| open + c)
    {
        return glob[open + 1..close]
            .split(',')
            .any(|choice| glob_matches(&format!("{}{choice}{}", &glob[..open], &glob[close + 1..]), path));
    }
    wildcard(glob.as_bytes(), path.as_bytes())
}

/// `*` and `**` matching over bytes.
fn wildcard(glob: &[u8], path: &[u8]) -> bool {
    match glob {
        [] => path.is_empty(),
        [b'*', b'*', rest @ ..] => (0..=path.len()).any(|i| wildcard(rest, &path[i..])),
        [b'*', rest @ ..] => {
            (0..=path.len()).take_while(|&i| i == 0 || path[i - 1] != b'/').any(|i| wildcard(rest, &path[i..]))
        }
        [c, rest @ ..] => path.first() == Some(c) && wildcard(rest, &path[1..]),
    }
}

/// What a pattern's tokens are replaced with, of one page.
#[derive(Debug, Clone)]
pub(crate) struct PageValues<'a> {
    /// The page's date (its `date`, else Go's zero time).
    pub date: Moment,
    /// Its title.
    pub title: &'a str,
    /// Its `slug`, if any.
    pub slug: Option<&'a str>,
    /// The file's name without extension or language (`index` of a bundle).
    pub file_name: &'a str,
    /// The bundle's or the section's folder name, for `index` and `_index` pages.
    pub folder_name: &'a str,
    /// The last name of its Hugo path, as written (the bundle's folder for `index.md`).
    pub base_name: &'a str,
    /// The folders of its current section (the page's own for a section), root first.
    pub sections: Vec<&'a str>,
    /// Each of those sections' `slug`, else title.
    pub section_slugs: Vec<&'a str>,
}

/// A pattern's tokens: (start, end, name with its slice) in byte offsets, after `\:`.
fn tokens(pattern: &str) -> Vec<(usize, usize, &str)> {
    let bytes = pattern.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b':') {
            i += 2;
            continue;
        }
        let word = |at: usize| (at..bytes.len()).find(|&j| !(bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_'));
        if bytes[i] == b':' {
            let mut end = word(i + 1).unwrap_or(bytes.len());
            if end > i + 1 {
                // An optional `[...]` slice, at least one character inside.
                if bytes.get(end) == Some(&b'[')
                    && let Some(close) = bytes.iter().skip(end + 2).position(|&b| b == b']')
                {
                    end += 2 + close + 1;
                }
                found.push((i, end, &pattern[i + 1..end]));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Checks that every token of `pattern` is Hugo's.
pub(crate) fn check(pattern: &str) -> Result<(), String> {
    for (_, _, token) in tokens(pattern) {
        if !known(token) {
            return Err(format!("`:{token}` in the permalink `{pattern}` is not a token Hugo knows"));
        }
    }
    Ok(())
}

/// The named tokens.
const NAMED: [&str; 17] = [
    "year",
    "month",
    "monthname",
    "day",
    "weekday",
    "weekdayname",
    "yearday",
    "section",
    "sectionslug",
    "sections",
    "sectionslugs",
    "title",
    "slug",
    "slugorfilename",
    "filename",
    "contentbasename",
    "slugorcontentbasename",
];

/// Whether Hugo knows `token`: a named one, a sliced `sections`, or a Go date layout.
fn known(token: &str) -> bool {
    NAMED.contains(&token)
        || token.starts_with("sections[")
        || token.starts_with("sectionslugs[")
        || (!token.contains('[') && crate::compat::hugo::dates::is_layout(token))
}

/// The URL `pattern` gives the page `page`; `Err` names an unknown token.
pub(crate) fn expand(pattern: &str, page: &PageValues<'_>) -> Result<String, String> {
    check(pattern)?;
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut last = 0;
    for (start, end, token) in tokens(pattern) {
        out.push_str(&pattern[last..start]);
        out.push_str(&value_of(token, page));
        last = end;
    }
    out.push_str(&pattern[last..]);
    Ok(out.replace("\\:", ":"))
}

/// The value of one known token.
fn value_of(token: &str, page: &PageValues<'_>) -> String {
    let slug_or = |other: String| page.slug.filter(|s| !s.is_empty()).map_or(other, urlize);
    let filename = || match page.file_name {
        "index" => urlize(page.folder_name),
        "_index" => String::new(),
        name => urlize(name),
    };
    match token {
        "section" => page.sections.first().map_or_else(String::new, |s| s.to_string()),
        "sections" => page.sections.join("/"),
        "sectionslug" => page.section_slugs.first().map_or_else(String::new, |s| urlize(s)),
        "sectionslugs" => page.section_slugs.iter().map(|s| urlize(s)).collect::<Vec<_>>().join("/"),
        "title" => urlize(page.title),
        "slug" => slug_or(urlize(page.title)),
        "slugorfilename" => slug_or(filename()),
        "filename" => filename(),
        "contentbasename" => urlize(page.base_name),
        "slugorcontentbasename" => slug_or(urlize(page.base_name)),
        _ => {
            if let Some(cut) = token.strip_prefix("sectionslugs") {
                let slugs: Vec<String> = page.section_slugs.iter().map(|s| urlize(s)).collect();
                return slice(cut, &slugs).unwrap_or_default().join("/");
            }
            if let Some(cut) = token.strip_prefix("sections") {
                let sections: Vec<String> = page.sections.iter().map(|s| s.to_string()).collect();
                return slice(cut, &sections).unwrap_or_default().join("/");
            }
            crate::compat::hugo::dates::format(page.date, token)
        }
    }
}

/// Hugo's slice of a list of names by `cut` (`[1:3]`, `[1:]`, `[:last]`, `[2]`,
/// `[last]`, or empty for all): lenient out of bounds; `None` for a cut it cannot read.
pub(crate) fn slice<T: Clone>(cut: &str, list: &[T]) -> Option<Vec<T>> {
    let cut = cut.trim().to_lowercase();
    if cut.is_empty() {
        return Some(list.to_vec());
    }
    let inner = cut.strip_prefix('[').and_then(|c| c.strip_suffix(']')).filter(|i| !i.is_empty())?;
    // Where a bound falls: `None` past the end of a low bound.
    let bound = |text: &str, low: bool| -> Option<usize> {
        match text {
            "" if low => Some(0),
            "" => Some(list.len()),
            "last" => list.len().checked_sub(1),
            n => {
                let n = usize::try_from(n.parse::<i64>().unwrap_or(0).max(0)).unwrap_or(usize::MAX);
                if n >= list.len() { (!low).then_some(list.len()) } else { Some(n) }
            }
        }
    };
    if list.is_empty() {
        return None;
    }
    match inner.split_once(':') {
        None => Some(bound(inner, true).map(|n| vec![list[n].clone()]).unwrap_or_default()),
        Some((low, high)) => match (bound(low, true), bound(high, false)) {
            (Some(low), Some(high)) if low <= high => Some(list[low..high].to_vec()),
            (Some(_), Some(_)) => Some(Vec::new()),
            _ => Some(Vec::new()),
        },
    }
}

#[cfg(test)]
mod tests;
