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
//! sites, `data:` images and images whose file is not measured get no size. The tags
//! and their places are read by html5ever's tokenizer ([`crate::html_pass`]), so an
//! `<img>` in a comment or a script is none.

use crate::site::image_sizes::ImageSizes;

/// `html` (a page's body, at site path `page`) with its images sized and made lazy as
/// the module says; `None` when nothing changes. `base` is the site's base path
/// (`/handbook/`), which root-relative sources start with.
pub(crate) fn sized_and_lazy(html: &str, page: &str, base: &str, sizes: &ImageSizes) -> Option<String> {
    let mut out = String::new();
    let mut copied = 0;
    let mut seen = 0;
    // Whether the first paragraph has ended: an image after it is lazy, the first one too.
    let mut opened = false;
    for tag in crate::html_pass::placed_tags(html, &["img", "p"]) {
        if tag.name == "p" {
            opened |= tag.end_tag;
            continue;
        }
        if tag.end_tag {
            continue;
        }
        seen += 1;
        let eager = seen == 1 && !opened;
        let mut added = String::new();
        if tag.attribute("width").is_none() && tag.attribute("height").is_none() {
            let size = tag.attribute("src").and_then(|src| site_path_of(src, page, base)).and_then(|p| sizes.get(&p));
            if let Some((width, height)) = size {
                added.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
            }
        }
        if !eager && tag.attribute("loading").is_none() {
            added.push_str(" loading=\"lazy\"");
        }
        if added.is_empty() {
            continue;
        }
        // Before the tag's `>` or `/>`, and the white space before it.
        let close = if tag.self_closing { tag.end - 2 } else { tag.end - 1 };
        let close = html[..close].trim_end().len();
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

/// The site path of an image source of the page at site path `page`; `None` for
/// another site's image or a `data:` URL.
fn site_path_of(src: &str, page: &str, base: &str) -> Option<String> {
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
    fn images_in_comments_and_scripts_are_left_alone() {
        let html = "<!-- <img src=\"/img/logo.png\"> --><p>Text.</p><script>x = '<img src=\"/img/logo.png\">';</script>\
            <img alt=\"</p>\" src=\"/img/logo.png\" />";
        let out = sized_and_lazy(html, "", "/", &sizes()).expect("the real image is sized");
        let sized = " width=\"64\" height=\"64\" loading=\"lazy\"";
        assert_eq!(out, html.replacen(" />", &format!("{sized} />"), 1));
    }

    #[test]
    fn an_unquoted_value_ending_in_a_slash_keeps_its_slash() {
        let html = "<img src=\"https://example.org/x.png\"><img src=https://cdn.example/avatar/>";
        let out = sized_and_lazy(html, "", "/", &sizes()).expect("the second image is lazy");
        assert_eq!(out, html.replacen("avatar/>", "avatar/ loading=\"lazy\">", 1));
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
