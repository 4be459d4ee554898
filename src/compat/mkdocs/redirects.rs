//! MkDocs's redirects plugin (`mkdocs-redirects`): `redirect_maps` in the plugin's
//! settings maps an old page's file to a page of the docs (with a fragment) or to an
//! address; the plugin writes a page that redirects at the old file's output path,
//! linking relatively to the new page's URL. Read here into the core's
//! [`MappedRedirect`]s; the core claims and writes them.

use super::nav::named_entries;
use crate::content::node::Node;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::outputs::{MappedRedirect, RedirectTo};

/// MkDocs's Markdown file extensions (`utils.markdown_extensions`).
const MARKDOWN_EXTENSIONS: [&str; 5] = [".markdown", ".mdown", ".mkdn", ".mkd", ".md"];

/// The redirects of `mkdocs.yml`'s text `text` (the file `file`), when it lists the
/// `redirects` plugin; with `directory_urls`, MkDocs's `use_directory_urls`.
pub(crate) fn redirect_maps(
    text: &str,
    file: &str,
    directory_urls: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<MappedRedirect> {
    let plugin = named_entries(text, "plugins").and_then(|list| list.into_iter().find(|(name, _)| name == "redirects"));
    let Some((_, Node::Map(options))) = plugin else { return Vec::new() };
    let Some((key, maps)) = options.into_iter().find(|(key, _)| key.value == "redirect_maps") else {
        return Vec::new();
    };
    let warn = |line, column, message: String| {
        Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(Severity::Warning)
    };
    let entries = match maps.value {
        Node::Map(entries) => entries,
        Node::Null => return Vec::new(),
        other => {
            let message = format!("`redirect_maps` is {}, not a mapping of old pages to new ones", other.describe());
            diagnostics.push(warn(key.line, key.column, message));
            return Vec::new();
        }
    };
    let mut redirects = Vec::with_capacity(entries.len());
    for (old, new) in entries {
        let (line, column) = (old.line, old.column);
        let Some(to) = new.value.as_text() else {
            let message =
                format!("the redirect of `{}` leads to {}, not a page or an address", old.value, new.value.describe());
            diagnostics.push(warn(new.line, new.column, message));
            continue;
        };
        let Some(dest) = dest_path(&old.value, directory_urls) else {
            let message = format!("the redirect from `{}` is left out: it is not a path inside the site", old.value);
            diagnostics.push(
                warn(line, column, message).with_help("write the old page's path in docs_dir, such as `old/page.md`"),
            );
            continue;
        };
        if !is_markdown_file(&old.value) {
            let message = format!("`{}` is not a Markdown file's path: the redirect is written at /{dest}", old.value);
            diagnostics.push(warn(line, column, message));
        }
        let (path, fragment) = match to.split_once('#') {
            Some((path, rest)) => (path.to_string(), format!("#{rest}")),
            None => (to.clone(), String::new()),
        };
        let external = crate::compat::interface::is_http_address(&to);
        let unsafe_text = if external { to.as_str() } else { fragment.as_str() };
        if unsafe_text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            let message =
                format!("the redirect from `{}` is left out: {to:?} holds a space or a control character", old.value);
            diagnostics.push(warn(new.line, new.column, message));
            continue;
        }
        let to = if external { RedirectTo::Url(to) } else { RedirectTo::Page { path, fragment } };
        let from = crate::site::urls::without_index_file(&dest).to_string();
        redirects.push(MappedRedirect { from, to, at: (file.to_string(), line, column) });
    }
    redirects
}

/// Whether MkDocs reads `path` as a Markdown page (`utils.is_markdown_file`).
fn is_markdown_file(path: &str) -> bool {
    let lower = path.to_lowercase();
    MARKDOWN_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// Where MkDocs writes the file `src` of `docs_dir` (`File._get_dest_path`): a page at
/// `name.html`, or `name/index.html` with `directory_urls`, an `index.md` or
/// `README.md` at its folder's `index.html`, any other file at its own path. `None`
/// for a path that leaves the site (absolute, `..`) or names no file.
pub(crate) fn dest_path(src: &str, directory_urls: bool) -> Option<String> {
    let parts: Vec<&str> = src.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
    if src.starts_with('/') || src.contains('\\') || parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    let (parent, filename) = parts.split_at(parts.len() - 1);
    let filename = filename[0];
    if !is_markdown_file(filename) {
        return Some(parts.join("/"));
    }
    let stem = filename.rfind('.').map_or(filename, |dot| &filename[..dot]);
    let name = if stem == "README" { "index" } else { stem };
    let mut dest: Vec<&str> = parent.to_vec();
    let file;
    if !directory_urls || name == "index" {
        file = format!("{name}.html");
        dest.push(&file);
    } else {
        dest.extend([name, "index.html"]);
    }
    Some(dest.join("/"))
}

/// The link the plugin writes in the redirect at site path `from` to the page at site
/// path `to` and its `fragment` (`get_relative_html_path`): the page's MkDocs URL
/// (`File.url`, percent-encoded) relative to the redirect's folder, with a final `/`
/// under `directory_urls`.
pub(crate) fn relative_href(from: &str, to: &str, directory_urls: bool, fragment: &str) -> String {
    let url = if directory_urls {
        if to.is_empty() { "./".to_string() } else { to.to_string() }
    } else if to.is_empty() || to.ends_with('/') {
        format!("{to}index.html")
    } else {
        to.to_string()
    };
    let old = crate::site_path::alias_file(from);
    let folder = old.rsplit_once('/').map_or("", |(folder, _)| folder);
    // `urllib.parse.quote(url)`: letters, digits, `_.-~` and `/` kept.
    let quoted = crate::percent::percent_encode(&url, &crate::percent::UNRESERVED_AND_SLASH);
    let mut href = relpath(&quoted, folder);
    if directory_urls {
        href.push('/');
    }
    href + fragment
}

/// `posixpath.relpath(path, start)` for two paths from one folder.
fn relpath(path: &str, start: &str) -> String {
    let (path, start) = (normal(path), normal(start));
    let common = path.iter().zip(&start).take_while(|(a, b)| a == b).count();
    let mut parts = vec![".."; start.len() - common];
    parts.extend(&path[common..]);
    if parts.is_empty() { ".".to_string() } else { parts.join("/") }
}

/// The parts of a relative path, `.` and `..` folded.
fn normal(path: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts
}

#[cfg(test)]
#[path = "redirects_tests.rs"]
mod tests;
