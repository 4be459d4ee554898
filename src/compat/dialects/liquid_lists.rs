//! Jekyll's lists of the site's pages in Liquid ([`super::liquid_runtime`]):
//! `site.pages`, `site.html_pages`, `site.posts`, `site.documents`, `site.collections`
//! and each collection's documents as `site.LABEL` (jekyll/jekyll
//! `lib/jekyll/drops/site_drop.rb`, `collection_drop.rb`, `document_drop.rb`,
//! `lib/jekyll/page.rb`'s `ATTRIBUTES_FOR_LIQUID`, `document.rb`'s `populate_title`,
//! `id` and `relative_path`). With `collections_dir`, the collections' folders and
//! `_posts` are read inside that folder only, and a document's `path` and
//! `relative_path` are from it (`Site#collections_path`).
//!
//! The site's variables are made once per build and shared by its pages; each list is
//! made the first time a page's Liquid reads it, so a site that reads none makes none.
//! An item ([`Item`]) views a page's front matter, shared with the build's page, under
//! what Jekyll adds (`url`, `path`, `name`, a document's `collection`, `id`, `slug`,
//! `date`...) and its body's `content` and `excerpt` (a document's, a page's with
//! `page_excerpts`); it has no `next` or `previous`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use liquid_core::model::{KString, KStringCow};
use liquid_core::{Object, ObjectView, Value, ValueView};

use super::liquid_page_items::{Body, Item, given_text_of, sets, text_of};
use crate::markdown::templating::ListedPage;

/// A list made: the items of pages, or (`site.collections`) values.
#[derive(Debug)]
enum List {
    Items(Vec<Item>),
    Values(Value),
}

impl List {
    fn view(&self) -> &dyn ValueView {
        match self {
            List::Items(items) => items,
            List::Values(values) => values,
        }
    }
}

/// The keys of the site's lists besides its collections' labels.
const LISTS: [&str; 5] = ["pages", "html_pages", "posts", "documents", "collections"];

/// The site's variable `site`: its configuration and data, and its lists of pages,
/// each made when first read.
#[derive(Debug)]
pub(super) struct SiteView {
    /// `site` without the lists: `_config.yml` and `data`.
    base: Object,
    pages: Arc<[ListedPage]>,
    /// The collections, `posts` first then by label, each with whether Jekyll writes
    /// its documents.
    collections: Vec<(String, bool)>,
    /// `collections_dir` without its `/`s (`""`: the content folder).
    collections_dir: String,
    /// Each list, by its key, once made.
    lists: BTreeMap<String, OnceLock<List>>,
    /// The URL of each page by its path, once made.
    urls: OnceLock<HashMap<String, String>>,
    /// Set when a list is first made ([`crate::markdown::templating::SiteContext::lists_read`]).
    read: Arc<std::sync::atomic::AtomicBool>,
}

impl SiteView {
    /// The view of `base` (the site's configuration and data) with the lists of
    /// `pages`.
    pub(super) fn new(base: Object, pages: Arc<[ListedPage]>, read: Arc<std::sync::atomic::AtomicBool>) -> SiteView {
        let collections = collections(base.get("collections"));
        let collections_dir = base.get("collections_dir").map(|dir| dir.to_kstr().trim_matches('/').to_string());
        let collections_dir = collections_dir.unwrap_or_default();
        let labels = collections.iter().map(|(label, _)| label.as_str()).filter(|label| *label != "posts");
        let lists = LISTS.into_iter().chain(labels).map(|key| (key.to_string(), OnceLock::new())).collect();
        SiteView { base, pages, collections, collections_dir, lists, urls: OnceLock::new(), read }
    }

    /// `site` without the lists: `_config.yml` and `data`.
    pub(super) fn config(&self) -> &dyn ObjectView {
        &self.base
    }

    /// The URL (`/` and its site path) of the page whose `relative_path` is `path` (a
    /// document's from `collections_dir`, as `{% link %}` compares it) or whose content
    /// path is `path`.
    pub(super) fn url_of(&self, path: &str) -> Option<&str> {
        let urls = self.urls.get_or_init(|| {
            let mut urls = HashMap::new();
            for page in self.pages.iter() {
                let url = format!("/{}", page.url);
                if self.collection_of(&page.path).is_some()
                    && let Some(relative) = self.relative_path(&page.path)
                {
                    urls.insert(relative.to_string(), url.clone());
                }
                urls.entry(page.path.clone()).or_insert(url);
            }
            urls
        });
        urls.get(path).map(String::as_str)
    }

    /// A document's content path `path` from `collections_dir` (Jekyll's
    /// `Document#relative_path`); `None` outside that folder.
    fn relative_path<'p>(&self, path: &'p str) -> Option<&'p str> {
        crate::site_path::inside(&self.collections_dir, path)
    }

    /// The list `key`, made now if it was not.
    fn list(&self, key: &str) -> Option<&dyn ValueView> {
        let cell = self.lists.get(key)?;
        Some(
            cell.get_or_init(|| {
                self.read.store(true, std::sync::atomic::Ordering::Relaxed);
                self.make(key)
            })
            .view(),
        )
    }

    /// The item of a list made at `address` (where the item is in memory), if it is one:
    /// how a page's `push` knows an item of the site's ([`super::liquid_pushed`]).
    pub(super) fn item_at(&self, address: usize) -> Option<&Item> {
        let size = std::mem::size_of::<Item>().max(1);
        self.lists.values().filter_map(OnceLock::get).find_map(|list| {
            let List::Items(items) = list else { return None };
            let offset = address.checked_sub(items.as_ptr() as usize)?;
            let item = items.get(offset / size)?;
            (std::ptr::from_ref(item) as usize == address).then_some(item)
        })
    }

    /// Makes the list `key`.
    fn make(&self, key: &str) -> List {
        match key {
            "pages" | "html_pages" => {
                let pages = self.pages.iter().filter(|page| self.collection_of(&page.path).is_none());
                List::Items(pages.map(|page| page_item(page, self.body_of(page, false))).collect())
            }
            "posts" => {
                let mut posts = self.documents("posts");
                posts.reverse();
                List::Items(posts)
            }
            "documents" => List::Items(self.collections.iter().flat_map(|(label, _)| self.documents(label)).collect()),
            "collections" => {
                let mut sorted: Vec<&(String, bool)> = self.collections.iter().collect();
                sorted.sort();
                let items = sorted.into_iter().map(|(label, output)| self.collection_item(label, *output));
                List::Values(Value::Array(items.collect()))
            }
            label => List::Items(self.documents(label)),
        }
    }

    /// The collection whose folder (in `collections_dir`) holds the content path `path`.
    fn collection_of(&self, path: &str) -> Option<&str> {
        let path = self.relative_path(path)?;
        // Posts may sit in a `_posts` folder below other folders (their categories).
        if crate::content::walk::in_posts_folder(path) {
            return Some("posts");
        }
        let label = path.split_once('/')?.0.strip_prefix('_')?;
        self.collections.iter().find(|(known, _)| known == label).map(|(known, _)| known.as_str())
    }

    /// The documents of the collection `label` in Jekyll's order (`Document#<=>`: by
    /// date, then path; one without a date has the build's time, after every dated one).
    fn documents(&self, label: &str) -> Vec<Item> {
        let mut docs: Vec<&ListedPage> =
            self.pages.iter().filter(|page| self.collection_of(&page.path) == Some(label)).collect();
        docs.sort_by(|a, b| (a.date.is_none(), a.date, &a.path).cmp(&(b.date.is_none(), b.date, &b.path)));
        docs.into_iter()
            .map(|page| document_item(page, label, self.relative_path(&page.path), self.body_of(page, true)))
            .collect()
    }

    /// The body of `page` as its item gives it (`document`: a collection's), with the
    /// excerpt Jekyll makes of a document, and of a page with `page_excerpts: true`: cut
    /// at the `excerpt_separator` the page or `_config.yml` sets, a blank line unless
    /// one does; an empty one makes none (a document's excerpt is then empty).
    fn body_of(&self, page: &ListedPage, document: bool) -> Option<Body> {
        let text = page.body.clone()?;
        let truthy = |value: &Value| value.query_state(liquid_core::model::State::Truthy);
        let makes = document || self.base.get("page_excerpts").is_some_and(truthy);
        let site = || {
            let value = self.base.get("excerpt_separator").filter(|value| truthy(value));
            value.map(|value| value.to_kstr().to_string())
        };
        let given = given_text_of(&page.front, "excerpt_separator");
        let separator = given.or_else(site).unwrap_or_else(|| "\n\n".into());
        Some(Body::new(text, (makes && !separator.is_empty()).then_some(separator), document))
    }

    /// `site.collections`' item of the collection `label` (`CollectionDrop`); its
    /// `docs` are copies, made once.
    fn collection_item(&self, label: &str, output: bool) -> Value {
        let mut item = Object::new();
        if let Some(Value::Object(all)) = self.base.get("collections")
            && let Some(Value::Object(metadata)) = all.get(label)
        {
            for (key, value) in metadata.iter() {
                item.insert(key.clone(), value.clone());
            }
        }
        item.insert("label".into(), Value::scalar(label.to_string()));
        item.insert("output".into(), Value::scalar(output));
        item.insert("relative_directory".into(), Value::scalar(format!("_{label}")));
        let docs = self.documents(label).iter().map(ValueView::to_value).collect();
        item.insert("docs".into(), Value::Array(docs));
        item.insert("files".into(), Value::Array(Vec::new()));
        Value::Object(item)
    }
}

/// The collections `_config.yml` names (a map of labels to settings, or a list of
/// labels), `posts` first, which Jekyll always has, then by label.
fn collections(config: Option<&Value>) -> Vec<(String, bool)> {
    let mut found = vec![("posts".to_string(), true)];
    let output = |settings: &Value| {
        settings
            .as_object()
            .and_then(|s| s.get("output"))
            .is_some_and(|o| o.query_state(liquid_core::model::State::Truthy))
    };
    let mut named: Vec<(String, bool)> = match config {
        Some(Value::Object(map)) => map.iter().map(|(label, settings)| (label.to_string(), output(settings))).collect(),
        Some(Value::Array(labels)) => labels.iter().map(|label| (label.to_kstr().to_string(), false)).collect(),
        _ => Vec::new(),
    };
    // By label: the settings' map keeps no order.
    named.sort();
    for (label, output) in named {
        match found.iter_mut().find(|(known, _)| *known == label) {
            Some(known) => known.1 = known.1 || output,
            None => found.push((label, output)),
        }
    }
    found
}

/// The file name of a content path.
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// `site.pages`' item of a page: its front matter and `Page#to_liquid`'s attributes
/// (`content` and `excerpt` from its `body`); `path` is the front matter's when it sets one.
fn page_item(page: &ListedPage, body: Option<Body>) -> Item {
    let mut added = Object::new();
    let url = format!("/{}", page.url);
    let dir = if url.ends_with('/') { url.clone() } else { format!("{}/", dirname(&url)) };
    added.insert("dir".into(), Value::scalar(dir.replace("//", "/")));
    added.insert("name".into(), Value::scalar(file_name(&page.path).to_string()));
    if !sets(&page.front, "path") {
        added.insert("path".into(), Value::scalar(page.path.clone()));
    }
    added.insert("url".into(), Value::scalar(url));
    Item::new(&page.front, added, body)
}

/// Ruby's `File.dirname` of a URL: the part before its last `/` (a trailing `/` is no
/// part), `/` for one at the root.
fn dirname(url: &str) -> &str {
    let trimmed = url.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(0) | None => "/",
        Some(at) => &trimmed[..at],
    }
}

/// A document's slug and extension, as `Document#populate_title` reads its file name:
/// a post's without its date (`2016-01-02-launch.md` is `launch`), trailing dots
/// dropped.
fn slug_and_ext(path: &str) -> (String, String) {
    let name = file_name(path);
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (name, String::new()),
    };
    let slug = without_date(stem);
    (slug.trim_end_matches('.').to_string(), ext)
}

/// A post's file name without its `YYYY-MM-DD-` date, as `DATE_FILENAME_MATCHER`
/// reads it (any other name as it is).
fn without_date(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
        && bytes[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

/// Jekyll's `Utils.titleize_slug`: each `-`-separated word capitalised, joined by spaces.
fn titleize(slug: &str) -> String {
    let words = slug.split('-').map(|word| {
        let mut chars = word.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
            None => String::new(),
        }
    });
    words.collect::<Vec<String>>().join(" ")
}

/// `site.LABEL`'s item of a document of the collection `label` (`DocumentDrop`): its
/// front matter with the title, slug, extension, name (its file name), date,
/// categories and tags its file gives when it sets none, and `collection`, `id`,
/// `path` and `relative_path` (both `relative`, its path from `collections_dir`), `url`
/// and `draft`, and its `body`'s `content` and `excerpt`.
fn document_item(page: &ListedPage, label: &str, relative: Option<&str>, body: Option<Body>) -> Item {
    let mut item = Object::new();
    let (slug, ext) = slug_and_ext(&page.path);
    let scalar = |text: &str| Value::scalar(text.to_string());
    let set_default = |item: &mut Object, key: &str, value: Value| {
        if !sets(&page.front, key) {
            item.insert(KString::from_ref(key), value);
        }
    };
    set_default(&mut item, "title", scalar(&titleize(&slug)));
    set_default(&mut item, "slug", scalar(&slug));
    set_default(&mut item, "ext", scalar(&ext));
    set_default(&mut item, "categories", Value::Array(Vec::new()));
    set_default(&mut item, "tags", Value::Array(Vec::new()));
    if let Some(date) = page.date {
        set_default(&mut item, "date", scalar(&format!("{date} 00:00:00 +0000")));
    }
    let url = format!("/{}", page.url);
    let slug_now = text_of(&page.front, "slug").unwrap_or(slug);
    let id = format!("{}/{slug_now}", dirname(&url).trim_end_matches('/'));
    item.insert("collection".into(), scalar(label));
    item.insert("id".into(), scalar(&id));
    let relative = relative.unwrap_or(&page.path);
    item.insert("path".into(), scalar(relative));
    item.insert("relative_path".into(), scalar(relative));
    set_default(&mut item, "name", scalar(file_name(&page.path)));
    item.insert("draft".into(), Value::scalar(false));
    item.insert("url".into(), Value::scalar(url));
    Item::new(&page.front, item, body)
}

impl ValueView for SiteView {
    fn as_debug(&self) -> &dyn std::fmt::Debug {
        self
    }
    fn render(&self) -> liquid_core::model::DisplayCow<'_> {
        self.base.render()
    }
    fn source(&self) -> liquid_core::model::DisplayCow<'_> {
        self.base.source()
    }
    fn type_name(&self) -> &'static str {
        "object"
    }
    fn query_state(&self, state: liquid_core::model::State) -> bool {
        self.base.query_state(state)
    }
    fn to_kstr(&self) -> KStringCow<'_> {
        self.base.to_kstr()
    }
    fn to_value(&self) -> Value {
        let mut all = self.base.clone();
        for key in self.lists.keys() {
            if let Some(list) = self.list(key) {
                all.insert(KString::from_ref(key), list.to_value());
            }
        }
        Value::Object(all)
    }
    fn as_object(&self) -> Option<&dyn ObjectView> {
        Some(self)
    }
}

impl ObjectView for SiteView {
    fn as_value(&self) -> &dyn ValueView {
        self
    }
    fn size(&self) -> i64 {
        i64::try_from(self.keys().count()).unwrap_or(i64::MAX)
    }
    fn keys<'k>(&'k self) -> Box<dyn Iterator<Item = KStringCow<'k>> + 'k> {
        let base = self.base.keys().filter(|key| !self.lists.contains_key(key.as_str())).map(|key| key.as_str());
        Box::new(base.chain(self.lists.keys().map(String::as_str)).map(KStringCow::from_ref))
    }
    fn values<'k>(&'k self) -> Box<dyn Iterator<Item = &'k dyn ValueView> + 'k> {
        Box::new(self.iter().map(|(_, value)| value))
    }
    fn iter<'k>(&'k self) -> Box<dyn Iterator<Item = (KStringCow<'k>, &'k dyn ValueView)> + 'k> {
        Box::new(self.keys().filter_map(|key| {
            let value = self.get(key.as_str())?;
            Some((key, value))
        }))
    }
    fn contains_key(&self, index: &str) -> bool {
        self.lists.contains_key(index) || self.base.contains_key(index)
    }
    fn get<'s>(&'s self, index: &str) -> Option<&'s dyn ValueView> {
        match self.list(index) {
            Some(list) => Some(list),
            None => self.base.get(index).map(|value| value as &dyn ValueView),
        }
    }
}

#[cfg(test)]
#[path = "liquid_lists_tests.rs"]
mod tests;
