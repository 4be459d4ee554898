//! The old tool's answers to [`crate::site::urls`], which asks them and knows no tool:
//! how a name becomes a URL segment ([`UrlStyle::segment`]), and, through
//! [`OldTool`]'s methods, the URL a page has whatever its folder's (a Hugo page's
//! `url` or `permalinks` rule, a `permalink` with the tool's placeholders, an Eleventy
//! folder's permalink, a post's, a Jekyll collection's), whether pages end in `.html`,
//! and where Middleman's `directory_indexes` moves a `name.html.md` page.
//!
//! A post's URL (a page in a `_posts` folder, or of a blog) follows Jekyll's template
//! and placeholders in every handbook: opsbook's `[blog] permalink` is written in them.

use super::OldTool;
use super::interface::{Tool, UrlStyle};
use super::jekyll::site::{Placeholders, expand, post_date_and_title};
use crate::content::SourcePage;
use crate::hash::{FastHashMap, FastHashSet};
use crate::site::source_rules::{PageUrls, ToolBlogs};
use crate::site::urls::{UrlRules, url_site_path};
use crate::site::{Page, PageId};
use crate::slug::slugify;

impl UrlStyle {
    /// The URL segment of a file or folder name (its number prefix already stripped).
    pub(crate) fn segment(self, name: &str) -> String {
        match self {
            UrlStyle::Slug => slugify(name),
            UrlStyle::Hugo => hugo_segment(name),
            UrlStyle::Verbatim | UrlStyle::MdBook | UrlStyle::HtmlFiles => verbatim_segment(name),
        }
    }

    /// Whether a page that is not its folder's index is published at `name.html`, even
    /// when a folder `name/` is beside it (mdBook, MkDocs without directory URLs).
    pub(crate) fn html_pages(self) -> bool {
        matches!(self, UrlStyle::MdBook | UrlStyle::HtmlFiles)
    }
}

/// Hugo's URL segment of a name: `paths.Sanitize`, lower-cased (`disablePathToLower`
/// unset), [`crate::compat::hugo::permalinks::urlize`]; a `\`, which Hugo keeps and a
/// URL path cannot, is dropped.
pub(crate) fn hugo_segment(name: &str) -> String {
    let segment = crate::compat::hugo::permalinks::urlize(name).replace('\\', "");
    if segment.is_empty() { "page".to_string() } else { segment }
}

/// A name as it is, spaces, `#` and `%` too (each link to it writes them
/// percent-encoded, [`crate::config::BaseUrl::href`]), as MkDocs, mdBook, Jekyll,
/// Eleventy and Middleman publish a file; a name that holds other whitespace, a
/// control character, or a character a file name cannot hold on every system (`?`,
/// `\`, `"`, `<`, `>`) is slugged, and so is a name of spaces only.
pub(crate) fn verbatim_segment(name: &str) -> String {
    let plain = !name.trim_matches(' ').is_empty()
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| (c.is_whitespace() && c != ' ') || c.is_control() || matches!(c, '?' | '\\' | '"' | '<' | '>'));
    if plain { name.to_string() } else { slugify(name) }
}

impl OldTool {
    /// Whether `page` is a Docusaurus doc whose `slug` the docs plugin reads: no blog
    /// post, no `permalink`.
    fn reads_doc_slug(&self, page: &SourcePage) -> bool {
        self.tool == Tool::Docusaurus && page.front.permalink.is_none() && self.post_of(&page.path).is_none()
    }
}

impl PageUrls for OldTool {
    /// A Docusaurus `slug` that is a path but no URL of its own (`slug: /`, the docs'
    /// root, which the home page holds) is slugged, not written as a segment.
    fn segment(&self, name: &str) -> String {
        if self.tool == Tool::Docusaurus && name.contains('/') {
            return slugify(name);
        }
        self.url_style().segment(name)
    }

    fn html_pages(&self) -> bool {
        self.url_style().html_pages()
    }

    /// The names of the tool's sections by folder, once pages are placed: Hugo's, which
    /// `:sectionslugs` writes ([`crate::compat::hugo::urls::sections`]).
    fn section_names(
        &self,
        pages: &[Page],
        by_dir: &FastHashMap<String, PageId>,
    ) -> Option<FastHashMap<String, String>> {
        (self.url_style() == UrlStyle::Hugo).then(|| super::hugo::urls::sections(pages, by_dir))
    }

    /// The URL the tool gives a page before any `permalink`: a Hugo page's `url`, else
    /// its `permalinks` rule ([`crate::compat::hugo::urls::own_url`]); a Docusaurus doc's
    /// `slug` that is a path ([`crate::compat::docusaurus::slugs`]).
    fn first_url(&self, page: &SourcePage, path: &str, rules: &UrlRules<'_>) -> Option<String> {
        match self.tool {
            Tool::Hugo => super::hugo::urls::own_url(page, path, &self.hugo_permalinks, rules.sections),
            Tool::Docusaurus if self.post_of(path).is_none() => {
                let slug = page.front.slug.as_ref().filter(|_| page.front.permalink.is_none())?;
                super::docusaurus::slugs::slug_path(&slug.value, path, &self.docs_roots, rules.strip, |name| {
                    rules.segment(name)
                })
            }
            _ => None,
        }
    }

    /// The folder a Docusaurus doc's `slug` names: its own (`slug: ./`) or one above it
    /// up to its docs root (`slug: /`, the docs' home): Docusaurus publishes the doc
    /// there, and the folder has no page of its own.
    fn named_folder(&self, page: &SourcePage, rules: &UrlRules<'_>) -> Option<String> {
        if !self.reads_doc_slug(page) {
            return None;
        }
        let slug = page.front.slug.as_ref()?;
        // A page of another language is its original's, under its language's folder.
        let path = rules.languages.map_or(page.path.as_str(), |languages| languages.strip(&page.path));
        let at = |slug: &str| {
            super::docusaurus::slugs::slug_path(slug, path, &self.docs_roots, rules.strip, |name| rules.segment(name))
        };
        let url = at(&slug.value)?;
        let root = super::docusaurus::slugs::docs_root(path, &self.docs_roots);
        let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let depth = dir.strip_prefix(root).unwrap_or(dir).split('/').filter(|name| !name.is_empty()).count();
        let level = (0..=depth).find(|&up| at(&format!("./{}", "../".repeat(up))).as_ref() == Some(&url))?;
        let mut folder = page.dir();
        for _ in 0..level {
            folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
        Some(folder.to_string())
    }

    /// A Docusaurus doc with a `slug` is no conventional doc index (`getSlug`), nor a
    /// `README.md` where the tool reads none as a folder's page.
    fn is_folder_index(&self, page: &SourcePage) -> bool {
        let slugged = page.front.slug.is_some() && self.reads_doc_slug(page);
        let readme_of_no_folder =
            crate::site::index_rank_of(&page.path) == Some(2) && !self.rules().readme_is_folder_page();
        !(slugged || readme_of_no_folder)
    }

    /// The site path a page's `permalink` gives it, read from the site's root as Jekyll
    /// and Eleventy read it, with or without a leading `/` (Jekyll's placeholders
    /// expanded in a Jekyll site); `None` for one that holds a template of another
    /// language (`{{ }}`), or cannot be a site path.
    fn permalink_url(&self, page: &SourcePage, path: &str) -> Option<String> {
        let written = page.front.permalink.as_ref()?.value.trim();
        // `false`: Eleventy writes no file for the page; opsbook keeps it at its own URL.
        if written.is_empty() || written == "false" {
            return None;
        }
        if self.eleventy.is_some() && written.contains("{{") {
            return url_site_path(&super::eleventy::site::expand(written, path)?);
        }
        if written.contains("{{") || written.contains("{%") {
            return None;
        }
        let Some(site) = &self.jekyll else { return url_site_path(written) };
        let collection = site.collection_of(path);
        let mut values = placeholders_of(page, path, collection.as_ref().map_or("", |(label, _, _)| label), self);
        if let Some((_, _, inside)) = collection {
            values.path = inside;
        }
        url_site_path(&expand(written, &values))
    }

    /// The URL a folder's permalink gives the page at `path` (an Eleventy directory data
    /// file's): `Some(None)` when one applies but cannot be followed.
    fn folder_permalink_url(&self, path: &str) -> Option<Option<String>> {
        let template = self.eleventy.as_ref()?.template_for(path)?;
        Some(super::eleventy::site::expand(template, path).and_then(|url| url_site_path(&url)))
    }

    /// The URL of a post, a page in a `_posts` folder or of a blog: `template` (the
    /// handbook's `[blog] permalink`), else the posts' template of the site
    /// ([`super::jekyll::site::post_template`]), expanded with its date and title from its
    /// name (`YYYY-MM-DD-title`) unless front matter has `date` or `slug`, its categories
    /// the folders above `_posts` and its `categories`; without a date, the template's
    /// dateless rest (`/blog/about/`).
    fn post_url(&self, page: &SourcePage, path: &str, template: Option<&str>) -> Option<String> {
        let template =
            template.map_or_else(|| super::jekyll::site::post_template(self.jekyll.as_ref()), str::to_string);
        let mut values = placeholders_of(page, path, "posts", self);
        let (date, title) = self.post_name(values.basename).unwrap_or((None, values.basename));
        values.basename = title;
        // Only a day the tool reads dates the URL; an undated post's URL has no date, nor
        // the `_posts` folder (Jekyll leaves such a post out; opsbook publishes it undated).
        values.date = values.date.or(date);
        let mut categories: Vec<String> = super::jekyll::site::path_categories(
            self.jekyll.as_ref().and_then(|j| j.in_collections(path)).unwrap_or(path),
        )
        .iter()
        .map(|c| c.to_lowercase())
        .collect();
        categories.extend(values.categories.split('/').filter(|c| !c.is_empty()).map(str::to_string));
        let mut seen = FastHashSet::default();
        categories.retain(|c| seen.insert(c.clone()));
        values.categories = categories.join("/");
        values.path = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
        url_site_path(&squeeze_slashes(&expand(&template, &values)))
    }

    /// The URL a Jekyll collection's `permalink` gives its document at `path`
    /// ([`crate::compat::jekyll::site::JekyllSite::collection_of`]).
    fn collection_url(&self, page: &SourcePage, path: &str) -> Option<String> {
        let (label, template, inside) = self.jekyll.as_ref()?.collection_of(path)?;
        let mut values = placeholders_of(page, path, label, self);
        values.path = inside;
        if label == "posts"
            && let Some((date, title)) = self.post_name(values.basename)
        {
            values.basename = title;
            values.date = values.date.or(date);
        }
        url_site_path(&expand(&template, &values))
    }

    /// The site path of a collection's file that is no page, where the old tool published
    /// it ([`crate::compat::jekyll::site::JekyllSite::static_file_url`]); `None` where it
    /// keeps its folder's URL.
    fn collection_file_url(&self, path: &str) -> Option<String> {
        self.jekyll.as_ref()?.static_file_url(path)
    }

    fn collection_folder_url(&self, dir: &str) -> Option<String> {
        self.jekyll.as_ref()?.collection_folder_url(dir)
    }

    /// A page's file name without its extension (`stem`) as the tool names its output:
    /// Jekyll drops trailing dots (`trailing-dots...md` is `trailing-dots.html`, its
    /// `Page#process`).
    fn page_name<'n>(&self, stem: &'n str) -> &'n str {
        let trimmed = stem.trim_end_matches('.');
        if self.tool == Tool::Jekyll && !trimmed.is_empty() { trimmed } else { stem }
    }

    /// Whether the tool publishes the page at content path `path` at `name.html` rather
    /// than `name/`: a Jekyll site whose permalink style is not pretty, a Hugo site's
    /// section under `uglyURLs`.
    fn html_page_urls(&self, path: &str) -> bool {
        self.jekyll.as_ref().is_some_and(|site| !site.pretty_pages())
            || (self.tool == Tool::Hugo && self.hugo_ugly_urls.covers(path))
    }

    /// The URL tail Middleman's `directory_indexes` gives a `name.html.md` page whose
    /// output would be `output` (`name/`), when it moves the page into a folder
    /// ([`crate::compat::middleman::site::MiddlemanSite::indexed_tail`]:
    /// `directory_index: false` in front matter or a `page` pattern of `config.rb` keeps it).
    fn directory_indexed(&self, page: &SourcePage, output: &str) -> Option<String> {
        let site = self.middleman.as_ref()?;
        let name = page.path.rsplit('/').next().unwrap_or(&page.path);
        let resource =
            format!("/{}{}", &page.path[..page.path.len() - name.len()], crate::content::formats::template_stem(name));
        let front = page.front.fields.get("directory_index").and_then(|field| match field.value.value {
            crate::content::node::Node::Bool(value) => Some(value),
            _ => None,
        });
        site.indexed_tail(output, &resource, front)
    }
}

impl OldTool {
    /// A post's file name without its extension split into the day its date names and
    /// its title: Jekyll's post names in a Jekyll handbook
    /// ([`super::jekyll::dates::name_date`], `2023-8-1-update`), else `YYYY-MM-DD-title`.
    fn post_name<'n>(&self, basename: &'n str) -> Option<(Option<crate::dates::Date>, &'n str)> {
        if self.tool == Tool::Jekyll {
            return super::jekyll::dates::name_date(basename).map(|named| (named.day.ok(), named.rest));
        }
        post_date_and_title(basename).map(|(date, title)| (crate::dates::Date::parse(date), title))
    }
}

/// An expanded URL template with each run of `/` made one, as Jekyll's `URL#sanitize_url`
/// does (`squeeze("/")`): `/:categories/:year/` of a post without categories is `/2024/`.
fn squeeze_slashes(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if !(c == '/' && out.ends_with('/')) {
            out.push(c);
        }
    }
    out
}

/// The placeholders of a page of a Jekyll site, but for its collection.
fn placeholders_of<'p>(page: &'p SourcePage, path: &'p str, collection: &'p str, old: &OldTool) -> Placeholders<'p> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let basename = name.split_once('.').map_or(name, |(stem, _)| stem);
    let text = |key: &str| match page.front.field(key).map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) => Some(text.as_str()),
        _ => None,
    };
    let categories = match page.front.field("categories").map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) => text.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>(),
        Some(crate::content::Node::List(items)) => items
            .iter()
            .filter_map(|item| match &item.value {
                crate::content::Node::Text(text) => Some(text.to_lowercase()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    Placeholders {
        collection,
        path: path.rsplit_once('/').map_or("", |(dir, _)| dir),
        basename,
        slug: page.front.slug.as_ref().map(|s| s.value.as_str()),
        date: text("date").and_then(|text| old.read_date(text).ok()),
        categories: categories.join("/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_names_with_spaces_hash_and_percent_as_the_tools_that_keep_names_do() {
        for kept in ["foo bar", "%# +", "evil spaces", "C#", "100%", " lead", "dôc"] {
            assert_eq!(verbatim_segment(kept), kept);
        }
        for slugged in ["why?", "tab\tname", "a\u{a0}b", "   ", "a\\b", "say \"hi\"", "<b>"] {
            assert_eq!(verbatim_segment(slugged), slugify(slugged), "{slugged:?}");
        }
    }
}
