//! GitBook's redirects: the `redirects` map of `.gitbook.yaml`, from an old URL path of
//! the space (`help`, `previous/page`) to the file of the page that replaces it
//! (`./support.md`, `/support.md`), from the space's root, which is the content folder. Read
//! into the core's [`MappedRedirect`]s: a page that redirects at the old path.

use crate::content::node::Node;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::outputs::{MappedRedirect, RedirectTo};

/// The redirects of `.gitbook.yaml`'s text `text` (the file `file`, as shown).
pub(crate) fn redirects(text: &str, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<MappedRedirect> {
    let warn = |line, column, message: String| {
        Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(Severity::Warning)
    };
    let documents = match crate::content::front_matter::parse_yaml_documents(text) {
        Ok(documents) => documents,
        Err(error) => {
            let message = format!("the file is not YAML, so its redirects are not read: {}", error.message);
            diagnostics.push(warn(error.line, error.column, message));
            return Vec::new();
        }
    };
    let Some(Node::Map(keys)) = documents.into_iter().next() else { return Vec::new() };
    let Some((key, map)) = keys.into_iter().find(|(key, _)| key.value == "redirects") else { return Vec::new() };
    let entries = match map.value {
        Node::Map(entries) => entries,
        Node::Null => return Vec::new(),
        other => {
            diagnostics.push(warn(key.line, key.column, format!("`redirects` is {}, not a map", other.describe())));
            return Vec::new();
        }
    };
    let mut found = Vec::with_capacity(entries.len());
    for (old, new) in entries {
        let from = old_path(&old.value);
        let Some(from) = from else {
            let message = format!("the redirect from {:?} is left out: it is not a path of the space", old.value);
            diagnostics.push(warn(old.line, old.column, message));
            continue;
        };
        // A file from the space's root, written with or without `./` or `/`.
        let to = new.value.as_text().map(|to| to.trim_start_matches("./").trim_start_matches('/').to_string());
        let Some(to) = to.filter(|to| !to.is_empty() && !to.chars().any(|c| c.is_control())) else {
            let message =
                format!("the redirect from `{}` leads to {}, not a file of the space", old.value, new.value.describe());
            diagnostics.push(warn(new.line, new.column, message));
            continue;
        };
        let (path, fragment) = match to.split_once('#') {
            Some((path, rest)) if !rest.contains(char::is_whitespace) => (path.to_string(), format!("#{rest}")),
            Some(_) => {
                let message = format!("the redirect from `{}` is left out: its `#` part holds a space", old.value);
                diagnostics.push(warn(new.line, new.column, message));
                continue;
            }
            None => (to, String::new()),
        };
        found.push(MappedRedirect {
            from,
            to: RedirectTo::Page { path, fragment },
            at: (file.to_string(), old.line, old.column),
        });
    }
    found
}

/// The site path of an old URL path (`help`, `/previous/page/`): a folder's page
/// (`help/`), or `None` for one that climbs (`..`) or holds a query or a fragment.
fn old_path(written: &str) -> Option<String> {
    let parts: Vec<&str> = written.split('/').filter(|part| !part.is_empty() && *part != ".").collect();
    let plain = parts.iter().all(|part| *part != ".." && !part.contains(['?', '#', '\\']));
    (plain && !parts.is_empty()).then(|| format!("{}/", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::tests::old_tool_site;

    #[test]
    fn reads_old_paths_and_the_files_they_lead_to() {
        let text = "root: ./\nredirects:\n  help: ./support.md\n  /previous/page/: /new-folder/page.md#part\n  \
                    ../up: a.md\n  q?x: a.md\n  list: [a]\n";
        let mut diagnostics = Vec::new();
        let found = redirects(text, ".gitbook.yaml", &mut diagnostics);
        let pairs: Vec<(&str, &RedirectTo)> = found.iter().map(|r| (r.from.as_str(), &r.to)).collect();
        let page = |path: &str, fragment: &str| RedirectTo::Page { path: path.into(), fragment: fragment.into() };
        assert_eq!(
            pairs,
            [("help/", &page("support.md", "")), ("previous/page/", &page("new-folder/page.md", "#part"))]
        );
        let lines: Vec<usize> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [5, 6, 7], "{diagnostics:?}");
        assert!(redirects("redirects: 3\n", ".gitbook.yaml", &mut diagnostics).is_empty());
        assert!(redirects("redirects: [\n", ".gitbook.yaml", &mut diagnostics).is_empty());
        assert_eq!(diagnostics.len(), 5);
    }

    #[test]
    fn a_space_s_redirect_leads_to_its_page() {
        let files = [
            (".gitbook.yaml", "redirects:\n  help: ./support.md\n  gone: missing.md\n"),
            ("content/README.md", "# Home\n"),
            ("content/support.md", "# Support\n"),
            ("content/SUMMARY.md", "# Summary\n\n* [Home](README.md)\n* [Support](support.md)\n"),
        ];
        let (site, diagnostics) = old_tool_site("gitbook-redirects", &files, true);
        let support = site.page_by_path("support.md").expect("the page");
        assert_eq!(site.aliases, [("help/".to_string(), support)], "{diagnostics:?}");
        let warnings: Vec<&str> =
            diagnostics.iter().filter(|d| d.path == ".gitbook.yaml").map(|d| d.message.as_str()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].contains("`missing.md` does not exist"), "{warnings:?}");
    }
}
