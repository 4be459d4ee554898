//! The authors of posts and pages: who each page names (`authors` or `author`: names,
//! keys into the people files, Markdown links, Docusaurus's inline mappings), each
//! once by slug with their checked avatar and links, and their pages newest first.

use super::people::{People, Person, Written};
use super::{Author, Blog, authors_file, newest_first};
use crate::content::{Located, Node};
use crate::diagnostic::Diagnostic;
use crate::hash::FastHashMap;
use crate::site::{Page, PageId, Site};

/// The authors a page names: `authors` (a list or a name), else `author`; each a
/// name, a key into the people files, or (Docusaurus) a mapping with `name`.
fn named_authors(page: &Page) -> Vec<NamedAuthor> {
    let front = &page.source.front;
    let Some(field) = front.field("authors").or_else(|| front.field("author")) else { return Vec::new() };
    let one = |node: &Located<Node>| match &node.value {
        Node::Text(text) if !text.trim().is_empty() => {
            let linked = linked_names(text, &page.source.file, node);
            match linked.is_empty() {
                true => vec![NamedAuthor::Key(text.trim().to_string())],
                false => linked.into_iter().map(NamedAuthor::Inline).collect(),
            }
        }
        Node::Map(entries) => {
            Person::from_entries(entries, &page.source.file).map(NamedAuthor::Inline).into_iter().collect()
        }
        _ => Vec::new(),
    };
    let mut named: Vec<NamedAuthor> = match &field.value.value {
        Node::List(items) => items.iter().flat_map(one).collect(),
        // `author: Ann, Bob` names one author, as Jekyll reads it.
        _ => one(&field.value),
    };
    // `avatar` beside `author`: one image, or a list in the order of the authors.
    let avatars: Vec<&Located<Node>> = match front.field("avatar").map(|f| &f.value) {
        Some(Located { value: Node::List(items), .. }) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for (author, avatar) in named.iter_mut().zip(avatars) {
        if let (NamedAuthor::Key(key), Node::Text(text)) = (&*author, &avatar.value) {
            let written = Written {
                text: text.trim().to_string(),
                file: page.source.file.clone(),
                line: avatar.line,
                column: avatar.column,
            };
            *author = NamedAuthor::Inline(Person { avatar: Some(written), ..Person::named(key) });
        }
    }
    named
}

/// The authors of a text that names them as Markdown links, as Hugo's blogs write a
/// byline (`author: "[Ann](https://a.example) (Org), [Bob](https://b.example)"`, which
/// the theme renders as Markdown): one author per link, named by its text, with the
/// link as their website. None when the text holds no link: then it is one name.
fn linked_names(text: &str, file: &str, at: &Located<Node>) -> Vec<Person> {
    let mut people = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let name = after[..close].trim();
        let target = &after[close + 2..];
        // CommonMark: a destination may hold balanced parentheses.
        let mut depth = 0usize;
        let end = target.char_indices().find_map(|(at, c)| match c {
            '(' => {
                depth += 1;
                None
            }
            ')' if depth == 0 => Some(at),
            ')' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(end) = end else { break };
        let url = target[..end].trim();
        if !name.is_empty() && !name.contains('[') && !url.is_empty() {
            let website = Written { text: url.to_string(), file: file.to_string(), line: at.line, column: at.column };
            people.push(Person { links: vec![("Website".to_string(), website)], ..Person::named(name) });
        }
        rest = &target[end + 1..];
    }
    people
}

/// An author's slug, cut at a word to at most [`MAX_AUTHOR_SLUG`] bytes: a name is a
/// segment of the author page's URL, and a file name has at most 255 bytes.
fn author_slug(name: &str) -> String {
    let slug = crate::slug::slugify(name);
    if slug.len() <= MAX_AUTHOR_SLUG {
        return slug;
    }
    let cut = crate::char_boundary::floor_char_boundary(&slug, MAX_AUTHOR_SLUG);
    let at_word = slug[..cut].rfind('-').filter(|at| *at > 0).unwrap_or(cut);
    slug[..at_word].to_string()
}

/// The longest author slug, in bytes.
const MAX_AUTHOR_SLUG: usize = 100;

/// An author as a page names them.
enum NamedAuthor {
    /// A name or a key into the people files.
    Key(String),
    /// A person written on the page (Docusaurus's inline authors).
    Inline(Person),
}

/// An author of `person`, their avatar and links checked; `dir` is the folder of the
/// page that first names them.
fn author_of(site: &Site, slug: String, person: Person, dir: &str, diagnostics: &mut Vec<Diagnostic>) -> Author {
    let avatar = person
        .avatar
        .as_ref()
        .and_then(|a| super::addresses::checked_address(site, a, "avatar", false, &[dir], diagnostics));
    let links = person
        .links
        .iter()
        .filter_map(|(label, w)| {
            Some((label.clone(), super::addresses::checked_address(site, w, "link", true, &[], diagnostics)?))
        })
        .collect();
    Author { slug, name: person.name, title: person.title, avatar, links, pages: Vec::new() }
}

/// The authors `site`'s pages name, by slug, and for each page with authors their
/// indices in the list, in the order written; the people files of `blogs` (and the
/// site's) are read only when some page names an author or there is a blog.
pub(super) fn collect_authors(
    site: &Site,
    blogs: &[Blog],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Author>, FastHashMap<PageId, Vec<usize>>) {
    let people = if blogs.is_empty() && !site.pages.iter().any(|p| !named_authors(p).is_empty()) {
        People::default()
    } else {
        let files: Vec<String> = blogs.iter().filter_map(|blog| authors_file(site, blog.section)).collect();
        super::people::load(&site.config, &files, diagnostics)
    };
    let mut authors: Vec<Author> = Vec::new();
    let mut by_slug: FastHashMap<String, usize> = FastHashMap::default();
    let mut authors_of: FastHashMap<PageId, Vec<usize>> = FastHashMap::default();
    for (id, page) in site.pages.iter().enumerate().filter(|(_, page)| page.origin.has_file()) {
        for named in named_authors(page) {
            let (slug, person) = match named {
                NamedAuthor::Key(key) => match people.get(&key) {
                    Some(person) => (author_slug(&key), person.clone()),
                    None => (author_slug(&key), Person::named(&key)),
                },
                NamedAuthor::Inline(person) => (author_slug(&person.name), person),
            };
            if slug.is_empty() {
                continue;
            }
            let at = match by_slug.get(&slug) {
                Some(&at) => at,
                None => {
                    let dir = page.source.dir();
                    let author = author_of(site, slug.clone(), person, dir, diagnostics);
                    by_slug.insert(slug, authors.len());
                    authors.push(author);
                    authors.len() - 1
                }
            };
            if authors[at].pages.last() != Some(&id) {
                authors[at].pages.push(id);
                authors_of.entry(id).or_default().push(at);
            }
        }
    }
    for author in &mut authors {
        author.pages.sort_by(|a, b| newest_first(&site.pages, a, b));
    }
    authors.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut moved = vec![0; authors.len()];
    for (new, author) in authors.iter().enumerate() {
        moved[by_slug[&author.slug]] = new;
    }
    for list in authors_of.values_mut() {
        for at in list.iter_mut() {
            *at = moved[*at];
        }
    }
    (authors, authors_of)
}
