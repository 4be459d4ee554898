//! MkDocs's rules for the Markdown files of a docs folder, as its navigation plugins
//! (awesome-nav, awesome-pages) meet them: which files are pages (a `README.md` beside
//! an `index.md` is not), the order `get_files` lists them in, and the titles MkDocs
//! gives folders and pages (`dirname_to_title`, the meta-data's `title`, the first
//! `# ` heading, `Home`, the file's name).

use std::collections::BTreeSet;

use crate::content::node::Node;

/// `pages` without each `README.md` that has an `index.md` beside it, which MkDocs
/// leaves out (`get_files`, `structure/files.py`).
pub(crate) fn without_shadowed_readmes(pages: Vec<String>) -> Vec<String> {
    let set: BTreeSet<String> = pages.iter().cloned().collect();
    pages
        .into_iter()
        .filter(|page| match page.strip_suffix("README.md") {
            Some(folder) if folder.is_empty() || folder.ends_with('/') => !set.contains(&format!("{folder}index.md")),
            _ => true,
        })
        .collect()
}

/// The key `get_files` orders a page at `path` by (`file_sort_key`): its folders, then
/// the folder's index (`index` or `README`) before its other files, then the name; a
/// folder's files come before its subfolders'.
pub(crate) fn order_key(path: &str) -> (Vec<&str>, bool, &str) {
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or_default();
    (parts, !matches!(stem(name), "index" | "README"), name)
}

/// A file name without its extension (Python's `splitext`: a leading dot is no
/// extension's).
fn stem(name: &str) -> &str {
    match name.rfind('.') {
        Some(dot) if name[..dot].chars().any(|c| c != '.') => &name[..dot],
        _ => name,
    }
}

/// MkDocs's title of a folder named `name`: `-` and `_` as spaces, the first letter
/// capitalised when the name is all lower case (`mkdocs.utils.dirname_to_title`).
pub(crate) fn dirname_to_title(name: &str) -> String {
    let title = name.replace(['-', '_'], " ");
    if title.to_lowercase() != title {
        return title;
    }
    let mut chars = title.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The title MkDocs gives the page at `path` (relative to the docs folder) whose text
/// is `text`, as the navigation shows it when nothing else titles it: its meta-data's
/// `title`, else its first line when that is a `# ` heading, else `Home` for the top
/// index, else its file name as [`dirname_to_title`] makes a title of it.
pub(crate) fn page_title(path: &str, text: &str) -> String {
    let (title, body) = split_meta(text);
    if let Some(title) = title.or_else(|| markdown_title(body)) {
        return title;
    }
    let name = stem(path.rsplit('/').next().unwrap_or(path));
    let name = if name == "README" { "index" } else { name };
    if name == "index" && !path.contains('/') { "Home".to_string() } else { dirname_to_title(name) }
}

/// A heading that opens the text (`mkdocs.utils.get_markdown_title`): the first line
/// that is not blank, when it starts with `# `, without its `#` and spaces.
fn markdown_title(body: &str) -> Option<String> {
    let line = body.lines().map(str::trim).find(|line| !line.is_empty())?;
    line.starts_with("# ").then(|| line.trim_start_matches(['#', ' ']).to_string())
}

/// The `title` of a page's meta-data as MkDocs reads it (`mkdocs.utils.meta.get_data`):
/// YAML between `---` fences at the top, else MultiMarkdown's `Key: value` lines up to
/// the first blank line (keys in any case, a line indented four spaces continuing the
/// value before it).
pub(crate) fn meta_title(text: &str) -> Option<String> {
    split_meta(text).0
}

/// The meta-data's `title` and the text after the meta-data (see [`meta_title`]).
fn split_meta(text: &str) -> (Option<String>, &str) {
    match text.strip_prefix("---").filter(|rest| rest.starts_with(['\n', ' ', '\t'])) {
        Some(rest) => yaml_meta(rest).unwrap_or((None, text)),
        None => multimarkdown_meta(text),
    }
}

/// YAML meta-data after the opening `---` (`rest`): `None` when it is not closed by a
/// `---` or `...` line or is no mapping, which MkDocs then reads as no meta-data.
fn yaml_meta(rest: &str) -> Option<(Option<String>, &str)> {
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('\n')?;
    let mut start = 0;
    let (block, body) = loop {
        let line_end = start + rest[start..].find('\n')?;
        let line = rest[start..line_end].trim_end_matches([' ', '\t']);
        if start > 0 && (line == "---" || line == "...") {
            break (&rest[..start], rest[line_end + 1..].trim_start_matches('\n'));
        }
        start = line_end + 1;
    };
    let documents = crate::content::front_matter::parse_yaml_documents(block).ok()?;
    let Some(Node::Map(entries)) = documents.into_iter().next() else { return None };
    let title = entries.into_iter().find(|(key, _)| key.value == "title").and_then(|(_, value)| match value.value {
        Node::Text(title) => Some(title),
        _ => None,
    });
    Some((title, body))
}

/// MultiMarkdown meta-data: its `title` and the text after it.
fn multimarkdown_meta(text: &str) -> (Option<String>, &str) {
    let mut title: Option<String> = None;
    let mut last_key_is_title = false;
    let mut body = text.len();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        if line.trim().is_empty() {
            body = at;
            break;
        }
        let unindented =
            line.strip_prefix("   ").or_else(|| line.strip_prefix("  ")).or_else(|| line.strip_prefix(' '));
        let candidate =
            if line.starts_with("    ") || line.starts_with('\t') { None } else { unindented.or(Some(line)) };
        let keyed = candidate.and_then(|l| l.split_once(':')).filter(|(key, _)| {
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        });
        match keyed {
            Some((key, value)) => {
                last_key_is_title = key.eq_ignore_ascii_case("title");
                if last_key_is_title {
                    let value = value.trim();
                    title = Some(match title {
                        Some(before) => format!("{before} {value}"),
                        None => value.to_string(),
                    });
                }
            }
            None if (line.starts_with("    ") || line.starts_with('\t')) && start > 0 => {
                if last_key_is_title && let Some(before) = &mut title {
                    before.push(' ');
                    before.push_str(line.trim());
                }
            }
            None => {
                body = start;
                break;
            }
        }
    }
    (title, text[body.min(text.len())..].trim_start_matches('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_title_is_read_from_its_yaml_or_multimarkdown_meta_data() {
        assert_eq!(meta_title("---\ntitle: Disk full\n---\n# X\n").as_deref(), Some("Disk full"));
        assert_eq!(meta_title("Title: Disk\n    full\nAuthor: x\n\n# X\n").as_deref(), Some("Disk full"));
        assert_eq!(meta_title("author: x\ntitle: Two\n").as_deref(), Some("Two"));
        assert_eq!(meta_title("# Heading: not meta\n"), None);
        assert_eq!(meta_title("---\ntitle: [1]\n---\n"), None);
        assert_eq!(meta_title("---\ntitle: open\n"), None);
    }

    #[test]
    fn a_page_s_title_falls_back_to_its_opening_heading_then_its_name() {
        assert_eq!(page_title("ops/x.md", "---\ntitle: Meta\n---\n# Heading\n"), "Meta");
        assert_eq!(page_title("ops/x.md", "---\nowner: me\n---\n\n# Heading\n"), "Heading");
        assert_eq!(page_title("ops/x.md", "author: me\n\n## Not one\n"), "X");
        assert_eq!(page_title("ops/disk-full.md", "Text first\n# Late\n"), "Disk full");
        assert_eq!(page_title("README.md", ""), "Home");
        assert_eq!(page_title("ops/README.md", ""), "Index");
        assert_eq!(page_title("100..md", ""), "100.");
        assert_eq!(page_title("Runbooks.md", ""), "Runbooks");
    }

    #[test]
    fn pages_are_ordered_as_get_files_lists_them() {
        let mut pages = vec!["b/a.md", "z.md", "a/sub/x.md", "a/z.md", "index.md", "a/README.md", "B.md"];
        pages.sort_by_key(|p| order_key(p));
        assert_eq!(pages, ["index.md", "B.md", "z.md", "a/README.md", "a/z.md", "a/sub/x.md", "b/a.md"]);
    }
}
