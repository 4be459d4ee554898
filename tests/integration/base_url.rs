//! A handbook published under a path (`base-url = https://x.org/handbook/`): every
//! internal `href` and `src` in every output file must resolve to a file of the output,
//! and every `#fragment` to an id in that file, as a static host would serve it.

use crate::util;

use std::collections::HashMap;

use util::{Site, links_in};

/// Maps a link found in `file` (a path under public/) to the output file it names,
/// as a server would for a site mounted at `/handbook/`.
fn target_file(link_path: &str, file: &str) -> Option<String> {
    let path = if let Some(rest) = link_path.strip_prefix("/handbook/") {
        rest.to_string()
    } else if link_path.is_empty() {
        file.to_string()
    } else {
        return None;
    };
    let path = percent_decode(&path);
    Some(if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 links")
}

#[test]
fn every_internal_link_resolves_under_a_base_path() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    assert_every_link_resolves(&site, 200);
}

/// The generated pages (catalogs, owners, tags, review) link correctly too.
#[test]
fn every_link_of_the_generated_pages_resolves() {
    let site = Site::fixture("model");
    site.run_on("2026-11-15", &["build"]).expect_code(0);
    for page in [
        "owners/index.html",
        "tags/index.html",
        "tags/database/index.html",
        "review/index.html",
        "rca/index.html",
        "runbooks/index.html",
    ] {
        assert!(site.exists(&format!("public/{page}")), "{page}");
    }
    assert_every_link_resolves(&site, 300);
}

fn assert_every_link_resolves(site: &Site, at_least: usize) {
    let files = site.files_under("public");
    let html_files: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    let mut pages: HashMap<String, String> = HashMap::new();
    for file in &html_files {
        pages.insert((*file).clone(), site.read(&format!("public/{file}")));
    }
    let mut checked = 0;
    let mut problems = Vec::new();
    for (file, html) in &pages {
        for link in links_in(html) {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (link.as_str(), None),
            };
            let Some(target) = target_file(path, file) else {
                problems.push(format!("{file}: `{link}` is outside /handbook/"));
                continue;
            };
            checked += 1;
            if !files.contains(&target) {
                problems.push(format!("{file}: `{link}` -> {target} does not exist"));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let target_html = pages.get(&target).cloned().unwrap_or_else(|| site.read(&format!("public/{target}")));
                if !target_html.contains(&format!("id=\"{fragment}\"")) {
                    problems.push(format!("{file}: `{link}` -> no id `{fragment}` in {target}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
    assert!(checked > at_least, "only {checked} links checked");
}
