//! A page's own URL in a handbook written for Hugo, where its front matter or the
//! site's `permalinks` give it one ([`own_url`]): `url` (a path from the site's root)
//! wins, then the first `permalinks` rule for the page's kind and Hugo path
//! ([`crate::compat::hugo::permalinks`]). Sections are Hugo's: each top-level folder,
//! and each folder below with an `_index.md` ([`sections`]). A `url` that cannot be a
//! path of the site is a warning at its place ([`url_warnings`]); `uglyURLs` is
//! [`UglyUrls`].

use crate::compat::hugo::dates::Moment;
use crate::compat::hugo::permalinks::{Kind, PageValues, Rule, expand, rule_for};
use crate::content::SourcePage;
use crate::hash::FastHashMap;
use crate::site::{Page, PageId};

/// The sections of a Hugo site: each folder that is one, with its `slug`, else its
/// `title`, else its name (what `:sectionslugs` writes).
pub(crate) fn sections(pages: &[Page], by_dir: &FastHashMap<String, PageId>) -> FastHashMap<String, String> {
    by_dir
        .iter()
        .filter(|(dir, _)| !dir.is_empty())
        .filter_map(|(dir, &id)| {
            let page = &pages[id];
            let section_file = page.origin.has_file() && crate::site::index_rank_of(&page.source.path) == Some(0);
            if !section_file && dir.contains('/') {
                return None;
            }
            let front = &page.source.front;
            let name = front.slug.as_ref().map(|s| s.value.clone()).or_else(|| front.title.clone());
            Some((dir.clone(), name.unwrap_or_else(|| dir.rsplit('/').next().unwrap_or(dir).to_string())))
        })
        .collect()
}

/// The URL Hugo gives the page at content path `path`: its `url` (a pattern of
/// permalink tokens when it holds a `:`), else the pattern of its rule among
/// `permalinks` expanded, `known` the site's [`sections`]; `None` when neither applies
/// or the result cannot be a site path.
pub(crate) fn own_url(
    page: &SourcePage,
    path: &str,
    permalinks: &[Rule],
    known: Option<&FastHashMap<String, String>>,
) -> Option<String> {
    let url = match page.front.field("url").map(|f| &f.value.value) {
        Some(crate::content::Node::Text(url)) if !url.trim().is_empty() => Some(url),
        _ => None,
    };
    match url {
        Some(url) if !url.contains(':') => return site_path(url),
        None if permalinks.is_empty() => return None,
        _ => {}
    }
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = crate::content::formats::template_stem(name);
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    // Hugo's path: a bundle's or a section's is its folder's.
    let hugo_path = if matches!(stem, "index" | "_index") { format!("/{dir}") } else { format!("/{dir}/{stem}") };
    let hugo_path = hugo_path.replace("//", "/");
    // The current section: the nearest folder that is one (a bundle's folder is not).
    let start = if stem == "index" { dir.rsplit_once('/').map_or("", |(up, _)| up) } else { dir };
    let section = ancestors(start).find(|d| known.is_some_and(|k| k.contains_key(*d)) || !d.contains('/'));
    let section = section.unwrap_or("");
    let mut chain: Vec<&str> = ancestors(section).filter(|d| known.is_some_and(|k| k.contains_key(*d))).collect();
    chain.reverse();
    let front = &page.front;
    let date = ["date", "publishDate", "pubdate", "published", "lastmod", "modified"]
        .iter()
        .find_map(|key| match front.field(key).map(|f| &f.value.value) {
            Some(crate::content::Node::Text(text)) => Moment::parse(text),
            _ => None,
        })
        .unwrap_or_else(Moment::zero);
    let values = PageValues {
        date,
        title: front.title.as_deref().unwrap_or(""),
        slug: front.slug.as_ref().map(|s| s.value.as_str()),
        file_name: stem,
        folder_name: dir.rsplit('/').next().unwrap_or(dir),
        base_name: hugo_path.rsplit('/').next().unwrap_or(""),
        sections: section.split('/').filter(|s| !s.is_empty()).collect(),
        section_slugs: chain.iter().filter_map(|d| known?.get(*d).map(String::as_str)).collect(),
    };
    if let Some(url) = url {
        // Hugo expands a `url` holding a `:` as a permalink pattern.
        return site_path(&expand(url, &values).ok()?);
    }
    let kind = match stem {
        "_index" if dir.is_empty() => Kind::Other,
        "_index" => Kind::Section,
        _ => Kind::Page,
    };
    let rule = rule_for(permalinks, kind, &hugo_path)?;
    site_path(&expand(&rule.pattern, &values).ok()?)
}

/// `dir` and each folder above it, the deepest first (none for the root).
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    std::iter::successors(Some(dir).filter(|d| !d.is_empty()), |d| d.rsplit_once('/').map(|(up, _)| up))
}

/// The site path of a URL Hugo publishes a page at: from the site's root, with or
/// without a leading `/`, a `..` staying at the root (Go's `path.Join("/", url)`); a
/// page's folder (`/a/b` is `/a/b/index.html`) unless it names a `.html` file.
fn site_path(url: &str) -> Option<String> {
    let path = crate::site_path::resolve_alias_with("", url, true).ok()?;
    let path = match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_string(),
        _ => path,
    };
    if path.is_empty() || path.ends_with('/') || crate::site::urls::html_stem(&path).is_some() {
        Some(path)
    } else {
        Some(format!("{path}/"))
    }
}

/// Hugo's `uglyURLs`: `true` publishes every regular page at `name.html`, a table of
/// section names to booleans the pages of those top-level sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UglyUrls {
    /// `uglyURLs = true`.
    all: bool,
    /// The sections a table names `true`.
    sections: Vec<String>,
}

impl UglyUrls {
    /// The setting of the site configuration `config` (its key without regard to case).
    pub(crate) fn of(config: Option<&serde_json::Value>) -> UglyUrls {
        let value = config.and_then(serde_json::Value::as_object).and_then(|top| super::site::key(top, "uglyURLs"));
        match value {
            Some(serde_json::Value::Bool(all)) => UglyUrls { all: *all, sections: Vec::new() },
            Some(serde_json::Value::Object(table)) => UglyUrls {
                all: false,
                sections: table.iter().filter(|(_, on)| on.as_bool() == Some(true)).map(|(k, _)| k.clone()).collect(),
            },
            _ => UglyUrls::default(),
        }
    }

    /// Whether the page at content path `path` is published at `name.html`: its
    /// section (the top-level folder; none at the root) is covered.
    pub(crate) fn covers(&self, path: &str) -> bool {
        self.all || path.split_once('/').is_some_and(|(section, _)| self.sections.iter().any(|s| s == section))
    }
}

/// A warning for each `url` of a page of a Hugo handbook that is not followed, being
/// no path of the site (it climbs above the root, names another site).
pub(crate) fn url_warnings(pages: &[Page], diagnostics: &mut Vec<crate::diagnostic::Diagnostic>) {
    for page in pages.iter().filter(|page| page.origin.has_file()) {
        let Some(field) = page.source.front.field("url") else { continue };
        let crate::content::Node::Text(url) = &field.value.value else { continue };
        if site_path(url).is_some() {
            continue;
        }
        let message = format!("`url: {url}` is not a path of this site; the page stays at /{}", page.site_path);
        diagnostics.push(
            super::field_warning(page, field, message)
                .with_help("Hugo reads `url` from the site's root: give a path such as `/docs/page/`"),
        );
    }
}
