//! `feed.xml`: an Atom feed of incident reviews and recently changed pages, newest
//! first, at most [`FEED_ENTRIES`] entries. A page's date is its last change, else, for a
//! kind with a feed date (an RCA's incident date), that field; a page with neither is
//! left out. The feed needs
//! absolute URLs, so it is written only when `base-url` names a host.
//!
//! Each blog has a feed of its own, `<blog>/feed.xml` ([`blog_feeds`]): its newest posts
//! by their dates, as jekyll-feed writes `feed.xml` of a site's posts. When the home page
//! is a blog (`_posts` at the top of the content), `feed.xml` is its feed, as
//! jekyll-feed's is at `/feed.xml`.

use crate::dates::Timestamp;
use crate::html::escape;
use crate::site::{PageId, Site};

/// The most entries the feed carries.
pub(crate) const FEED_ENTRIES: usize = 50;

/// The feed, or `None` without a host in the base URL.
pub(crate) fn atom(site: &Site) -> Option<String> {
    let base = &site.config.base_url;
    let home = base.absolute("")?;
    if let Some(blog) = site.blog_of_section(0) {
        return blog_feed(site, blog).map(|(_, text)| text);
    }
    let mut entries: Vec<(Timestamp, PageId)> = site
        .pages
        .iter()
        .enumerate()
        .filter(|(_, page)| !page.origin.is_generated())
        .filter_map(|(id, page)| {
            let changed = page.change.as_ref().map(|c| c.date);
            let feed_date = site.config.kinds.get(&page.kind).and_then(|kind| kind.feed_date.as_deref());
            let date = match feed_date {
                Some(field) => {
                    changed.or_else(|| page.values.date(field).map(|d| Timestamp::from_seconds(d.days() * 86_400)))
                }
                None => changed,
            };
            date.map(|d| (d, id))
        })
        .collect();
    entries.sort_by_key(|&(date, id)| (std::cmp::Reverse(date), site.position.get(id).copied().unwrap_or(usize::MAX)));
    entries.truncate(FEED_ENTRIES);
    let entries: Vec<Entry> = entries.into_iter().map(|(at, page)| Entry { at, offset: None, page }).collect();
    let head = Head {
        title: &site.config.title,
        lang: &site.config.language,
        self_path: "feed.xml",
        home: &home,
        kinds: true,
    };
    Some(write_feed(site, &head, &entries))
}

/// Each blog's feed, `<blog>/feed.xml`: (site path, text), none without a host in the
/// base URL.
/// (The home page's blog has `feed.xml`, [`atom`].)
pub(crate) fn blog_feeds(site: &Site) -> Vec<(String, String)> {
    let blogs = site.blogs().into_iter().flat_map(|blogs| &blogs.blogs);
    blogs.filter(|blog| blog.section != 0).filter_map(|blog| blog_feed(site, blog)).collect()
}

/// The feed of `blog`: (site path, text), none without a host in the base URL.
fn blog_feed(site: &Site, blog: &crate::blog::model::Blog) -> Option<(String, String)> {
    let section = &site.pages[blog.section];
    let home = site.config.base_url.absolute(&section.site_path)?;
    let path = blog_feed_path(site, blog.section);
    let entries: Vec<Entry> = blog.posts.iter().filter_map(|&id| post_entry(site, id)).take(FEED_ENTRIES).collect();
    // The site's own blog is titled as the site; a language's home page as its title.
    let title = match blog.section {
        0 => site.config.title.clone(),
        _ => format!("{} · {}", section.title, site.config.title),
    };
    // A blog of a language's folder (`/de/blog/`) is written in that language.
    let lang = site.language_of(blog.section).unwrap_or(&site.config.language);
    let head = Head { title: &title, lang, self_path: &path, home: &home, kinds: false };
    let text = write_feed(site, &head, &entries);
    Some((path, text))
}

/// The site path of the feed of the blog of section `section`.
pub(crate) fn blog_feed_path(site: &Site, section: PageId) -> String {
    format!("{}feed.xml", site.pages[section].site_path)
}

/// An entry of a feed: its page and when it was written or changed, with the offset
/// from UTC of the local time it was written in (`None`: UTC).
struct Entry {
    at: Timestamp,
    offset: Option<i32>,
    page: PageId,
}

/// The entry of post `id`: its `date` with the time and offset written
/// (`2024-02-03 10:00:00 +0200` is `2024-02-03T10:00:00+02:00`, as jekyll-feed writes
/// it with `date_to_xmlschema`), else its day at midnight UTC; `None` undated.
fn post_entry(site: &Site, id: PageId) -> Option<Entry> {
    let date = site.pages[id].date?;
    let midnight = Entry { at: Timestamp::from_seconds(date.days() * 86_400), offset: None, page: id };
    let Some(field) = site.pages[id].source.front.field("date") else { return Some(midnight) };
    let crate::content::Node::Text(text) = &field.value.value else { return Some(midnight) };
    // The moment written, when it is of the day the post is dated by.
    match Timestamp::parse_local(text) {
        Some((at, offset)) if crate::dates::Date::parse(text) == Some(date) => Some(Entry { at, offset, page: id }),
        _ => Some(midnight),
    }
}

/// What a feed says of itself.
struct Head<'a> {
    title: &'a str,
    /// The language of its entries (`xml:lang`).
    lang: &'a str,
    self_path: &'a str,
    home: &'a str,
    /// Whether each entry names its kind as its category.
    kinds: bool,
}

/// The Atom text of a feed of `entries`, newest first.
fn write_feed(site: &Site, head: &Head<'_>, entries: &[Entry]) -> String {
    let base = &site.config.base_url;
    let home = head.home;
    let updated = entries.first().map_or_else(|| Timestamp::from_seconds(0).rfc3339(), |e| e.at.rfc3339_at(e.offset));
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n", escape(head.lang)));
    xml.push_str(&format!("  <title>{}</title>\n", escape(head.title)));
    if !site.config.description.is_empty() {
        xml.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(&site.config.description)));
    }
    let self_url = base.absolute(head.self_path).unwrap_or_default();
    xml.push_str(&format!("  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n", escape(&self_url)));
    xml.push_str(&format!("  <link href=\"{}\"/>\n  <id>{}</id>\n", escape(home), escape(home)));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!("  <author><name>{}</name></author>\n", escape(&site.config.title)));
    xml.push_str(&format!("  <generator version=\"{}\">opsbook</generator>\n", env!("CARGO_PKG_VERSION")));
    for entry in entries {
        let id = entry.page;
        let page = &site.pages[id];
        let url = base.absolute(&page.site_path).unwrap_or_default();
        xml.push_str("  <entry>\n");
        xml.push_str(&format!("    <title>{}</title>\n", escape(&page.title)));
        xml.push_str(&format!("    <link href=\"{}\"/>\n    <id>{}</id>\n", escape(&url), escape(&url)));
        xml.push_str(&format!("    <updated>{}</updated>\n", entry.at.rfc3339_at(entry.offset)));
        if head.kinds {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(&page.kind)));
        }
        for author in site.blogs().into_iter().flat_map(|blogs| blogs.authors_of_page(id)) {
            xml.push_str(&format!("    <author><name>{}</name></author>\n", escape(&author.name)));
        }
        let summary = page.description();
        if !summary.is_empty() {
            xml.push_str(&format!("    <summary>{}</summary>\n", escape(summary)));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
