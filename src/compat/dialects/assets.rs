//! Jekyll's `{% asset %}` tag, from the jekyll-assets plugin (its README, "Tag" and
//! "Sources"):
//!
//! ```liquid
//! {% asset blog/outage/graph.png class="figure-img" alt="Latency" %}   -> <img>
//! [the slides]({% asset slides/review.pdf @path %})                    -> its URL
//! ```
//!
//! More: docs/architecture.md, "Notes by module".

use super::attributes::is_safe;
use super::tokens::Render;
use crate::html::escape;

pub(crate) use crate::markdown::rewrite::{ASSET_FOLDERS as FOLDERS, ASSET_SCHEME as SCHEME};

/// The extensions of the files the plugin writes an `<img>` for.
const IMAGES: [&str; 9] = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp"];

/// How `{% asset args %}` renders.
pub(super) fn render(args: &str) -> Render {
    let args = super::shortcodes::parse_args(args);
    let Some((None, path)) = args.first() else { return Render::Unknown };
    if path.is_empty() || path.contains(['{', '}', '<', '>', '"']) {
        return Render::Unknown;
    }
    let path = path.trim_start_matches('/');
    let url = format!("{SCHEME}{path}");
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if args.iter().any(|(name, value)| name.is_none() && value == "@path") {
        return Render::Text(url);
    }
    match extension.as_str() {
        "scss" | "sass" => return Render::Unknown,
        "css" => return Render::Html(format!("<link rel=\"stylesheet\" href=\"{}\">", escape(&url))),
        "js" => return Render::Html(format!("<script src=\"{}\"></script>", escape(&url))),
        _ => {}
    }
    if !IMAGES.contains(&extension.as_str()) {
        return Render::Text(url);
    }
    let mut html = format!("<img src=\"{}\"", escape(&url));
    let mut alt = false;
    for (name, value) in &args[1..] {
        let Some(name) = name.filter(|n| is_safe(n) && !n.contains(':')) else { continue };
        alt |= name.eq_ignore_ascii_case("alt");
        html.push_str(&format!(" {}=\"{}\"", name.to_ascii_lowercase(), escape(value)));
    }
    if !alt {
        html.push_str(" alt=\"\"");
    }
    html.push('>');
    Render::Inline(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(args: &str) -> String {
        match render(args) {
            Render::Inline(html) => html,
            Render::Text(text) => format!("text {text}"),
            Render::Unknown => "unknown".into(),
            Render::Html(html) => format!("html {html}"),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn writes_images_urls_and_placeholders_as_the_plugin_does() {
        assert_eq!(
            shown("blog/graph.png class=\"figure-img w-100\" style=\"max-width: 6em\" vips:resize='80x80' onclick=x"),
            "<img src=\"opsbook-asset:blog/graph.png\" class=\"figure-img w-100\" alt=\"\">"
        );
        assert_eq!(
            shown("'team.jpg' alt='The team' !integrity"),
            "<img src=\"opsbook-asset:team.jpg\" alt=\"The team\">"
        );
        assert_eq!(shown("slides/review.pdf @path"), "text opsbook-asset:slides/review.pdf");
        assert_eq!(shown("slides/review.pdf"), "text opsbook-asset:slides/review.pdf");
        assert_eq!(shown("bundle.css"), "html <link rel=\"stylesheet\" href=\"opsbook-asset:bundle.css\">");
        assert_eq!(shown("vendor/map.js"), "html <script src=\"opsbook-asset:vendor/map.js\"></script>");
        assert_eq!(shown("main.scss"), "unknown");
        assert_eq!(shown("'{{ site.bg_img }}'"), "unknown");
        assert_eq!(shown(""), "unknown");
    }
}
