//! Images that keep their place and load when needed: in a page's
//! body, every `<img>` gets `loading="lazy"` but the first when it stands before the end
//! of the first paragraph (a diagram or picture that opens the page, likely the largest
//! thing of its first screen, is fetched at once; one after the opening text is fetched
//! as the page is laid out, so it does not hold up the text the reader sees first), and
//! every `<img>` of an
//! image the site copies gets the `width` and `height` measured from its file
//! ([`crate::site::image_sizes`]), so the browser reserves its box before it loads and
//! nothing below it jumps. What the author wrote wins: an image with a `loading`
//! attribute keeps it, one with a `width` or a `height` gets neither. Images of other
//! sites, `data:` images and images whose file is not measured get no size.

use crate::site::image_sizes::ImageSizes;

/// `html` (a page's body, at site path `page`) with its images sized and made lazy as
/// the module says; `None` when nothing changes. `base` is the site's base path
/// (`/handbook/`), which root-relative sources start with.
pub(crate) fn sized_and_lazy(html: &str, page: &str, base: &str, sizes: &ImageSizes) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut seen = 0;
    // Where the first paragraph ends: an image after it is lazy, the first one too.
    let opening = memchr::memmem::find(html.as_bytes(), b"</p>").unwrap_or(html.len());
    for (start, end) in img_tags(html) {
        let tag = &html[start..end];
        seen += 1;
        let eager = seen == 1 && start < opening;
        let mut added = String::new();
        if !has_attribute(tag, "width") && !has_attribute(tag, "height") {
            let size = attribute(tag, "src").and_then(|src| site_path_of(src, page, base)).and_then(|p| sizes.get(&p));
            if let Some((width, height)) = size {
                added.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
            }
        }
        if !eager && !has_attribute(tag, "loading") {
            added.push_str(" loading=\"lazy\"");
        }
        if added.is_empty() {
            continue;
        }
        let close = if tag.ends_with("/>") { end - 2 } else { end - 1 };
        let close = html[..close].trim_end().len().max(start + 4);
        out.push_str(&html[copied..close]);
        out.push_str(&added);
        copied = close;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&html[copied..]);
    Some(out)
}

/// The byte ranges of the `<img ...>` tags of `html`, `>` included.
fn img_tags(html: &str) -> Vec<(usize, usize)> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    for at in memchr::memchr_iter(b'<', bytes) {
        let name = bytes.get(at + 1..at + 4);
        let after = bytes.get(at + 4).copied();
        if !name.is_some_and(|name| name.eq_ignore_ascii_case(b"img"))
            || !after.is_some_and(|b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        {
            continue;
        }
        if let Some(end) = tag_end(bytes, at + 4) {
            tags.push((at, end));
        }
    }
    tags
}

/// The end (after `>`) of the tag whose attributes start at `from`, quotes skipped.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (offset, &byte) in bytes[from..].iter().enumerate() {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(open), _) if byte == open => quote = None,
            (None, b'>') => return Some(from + offset + 1),
            _ => {}
        }
    }
    None
}

/// The attributes of a tag: `(name, value)`, names in lower case.
fn attributes(tag: &str) -> Vec<(String, &str)> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>').trim_end_matches('/');
    let bytes = inner.as_bytes();
    let mut found = Vec::new();
    // Past the element's name.
    let mut at = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
    while at < bytes.len() {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        let name_start = at;
        while at < bytes.len() && !bytes[at].is_ascii_whitespace() && !matches!(bytes[at], b'=' | b'/') {
            at += 1;
        }
        let name = inner[name_start..at].to_ascii_lowercase();
        if name.is_empty() {
            break;
        }
        let mut value = "";
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            match bytes.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = inner[at + 1..].find(q as char).map_or(inner.len(), |i| at + 1 + i);
                    value = &inner[at + 1..end];
                    at = (end + 1).min(inner.len());
                }
                _ => {
                    let end = inner[at..].find(|c: char| c.is_ascii_whitespace()).map_or(inner.len(), |i| at + i);
                    value = &inner[at..end];
                    at = end;
                }
            }
        }
        found.push((name, value));
    }
    found
}

/// Whether `tag` has the attribute `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    attributes(tag).iter().any(|(found, _)| found == name)
}

/// The value of the attribute `name` of `tag`, entities decoded as far as URLs need.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let value = attributes(tag).into_iter().find(|(found, _)| found == name)?.1;
    Some(value.replace("&amp;", "&"))
}

/// The site path of an image source of the page at site path `page`; `None` for
/// another site's image or a `data:` URL.
fn site_path_of(src: String, page: &str, base: &str) -> Option<String> {
    let src = src.split(['?', '#']).next().unwrap_or_default();
    if src.is_empty() || src.contains("://") || src.starts_with("//") || src.starts_with("data:") {
        return None;
    }
    let path = match src.strip_prefix(base) {
        Some(rest) => rest.to_string(),
        None if src.starts_with('/') => return None,
        None => {
            let dir = if page.ends_with('/') || page.is_empty() {
                page
            } else {
                page.rsplit_once('/').map_or("", |(d, _)| d)
            };
            crate::site_path::join_relative(dir, src)?
        }
    };
    Some(crate::percent::percent_decode(&path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> ImageSizes {
        ImageSizes::of(&[("runbooks/img/graph.png", (800, 450)), ("img/logo.png", (64, 64)), ("a b.png", (10, 20))])
    }

    #[test]
    fn the_first_image_loads_at_once_the_others_lazily_and_each_gets_its_size() {
        let html =
            "<p><img src=\"img/graph.png\" alt=\"Graph\"></p><p><img src=\"/handbook/img/logo.png\" alt=\"\" /></p>";
        let out = sized_and_lazy(html, "runbooks/db/", "/handbook/", &sizes());
        // `img/graph.png` from `runbooks/db/` is `runbooks/db/img/graph.png`: not measured.
        assert_eq!(
            out.as_deref(),
            Some(
                "<p><img src=\"img/graph.png\" alt=\"Graph\"></p><p><img src=\"/handbook/img/logo.png\" alt=\"\" width=\"64\" height=\"64\" loading=\"lazy\" /></p>"
            )
        );
        let html = "<img src=\"../img/graph.png\" alt=\"x\">";
        assert_eq!(
            sized_and_lazy(html, "runbooks/db/", "/", &sizes()).as_deref(),
            Some("<img src=\"../img/graph.png\" alt=\"x\" width=\"800\" height=\"450\">")
        );
    }

    #[test]
    fn the_first_image_after_the_opening_paragraph_is_lazy_too() {
        let html = "<h1>T</h1><p>Why I did this.</p><figure><img src=\"/img/logo.png\"></figure>";
        assert_eq!(
            sized_and_lazy(html, "", "/", &sizes()).as_deref(),
            Some(
                "<h1>T</h1><p>Why I did this.</p><figure><img src=\"/img/logo.png\" width=\"64\" height=\"64\" loading=\"lazy\"></figure>"
            )
        );
        let inside = "<p>See <img src=\"/img/logo.png\"> here.</p><p><img src=\"/img/logo.png\"></p>";
        let out = sized_and_lazy(inside, "", "/", &sizes()).expect("sized");
        assert_eq!(out.matches("loading=\"lazy\"").count(), 1, "one inside the first paragraph loads at once: {out}");
    }

    #[test]
    fn what_the_author_wrote_wins() {
        let html = "<img src=\"/img/logo.png\" width=\"32\"><IMG SRC=\"/img/logo.png\" loading=\"eager\"><img src='/a%20b.png' alt='a > b'>";
        assert_eq!(
            sized_and_lazy(html, "", "/", &sizes()).as_deref(),
            Some(
                "<img src=\"/img/logo.png\" width=\"32\"><IMG SRC=\"/img/logo.png\" loading=\"eager\" width=\"64\" height=\"64\"><img src='/a%20b.png' alt='a > b' width=\"10\" height=\"20\" loading=\"lazy\">"
            )
        );
    }

    #[test]
    fn other_sites_data_urls_and_pages_without_images_are_left_alone() {
        let html =
            "<img src=\"https://example.org/x.png\"><img src=\"data:image/png;base64,AA\"><img src=\"//cdn/x.png\">";
        let out = sized_and_lazy(html, "", "/", &sizes()).expect("the later ones are lazy");
        assert!(!out.contains("width"), "{out}");
        assert_eq!(out.matches("loading=\"lazy\"").count(), 2);
        assert_eq!(sized_and_lazy("<p>No images. <imgx> &lt;img src=x&gt;</p>", "", "/", &sizes()), None);
        assert_eq!(sized_and_lazy("<img src=\"x.png\"", "", "/", &sizes()), None, "an unclosed tag is no tag");
    }
}
