//! Hugo's embedded shortcodes that show code or another site's item:
//!
//! - `highlight LANG ["options"]`: its content as a code block in that language (an
//!   inline code span with `hl_inline=true`); the options only style Hugo's HTML.
//! - `comment`: nothing.
//! - `qr`: the text it encodes (`text=`, or its content) as a link when it is a web
//!   address, else as code. Drawing the code would add an image encoder and an output
//!   file for an image the reader can follow as a link.
//! - `gist`, `x`/`twitter`/`tweet`, `instagram` (and the `_simple` forms): a link card to
//!   the item, like the video card: opsbook loads no third-party script.
//!
//! A handbook's own template of the same name renders first ([`super::site`]), and a
//! Hugo site's own template of the name leaves it a placeholder
//! ([`super::shortcodes::render_call`]).

use super::Page;
use super::tokens::{Call, Render};
use crate::html::escape;

/// How the embedded shortcode `call` renders, or `None` when `call` names none of these.
/// `inner` is the content of a paired call, as written.
pub(super) fn render(call: &Call<'_>, inner: Option<&str>, page: Page<'_>) -> Option<Render> {
    let render = match call.name.to_ascii_lowercase().as_str() {
        "highlight" => highlight(call, inner.unwrap_or(""), page.highlight),
        "comment" => Render::Whole(Box::new(Render::Text(String::new()))),
        "qr" => match call.arg("text").map(str::to_string).or_else(|| inner.map(|t| t.trim().to_string())) {
            Some(text) if !text.is_empty() => Render::Whole(Box::new(Render::Block(qr(&text)))),
            _ => Render::Unknown,
        },
        "gist" => match (call.arg_or("user", 0), call.arg_or("id", 1)) {
            (Some(user), Some(id)) => {
                let file = call.arg_or("file", 2).map_or(String::new(), |f| format!("#file-{}", gist_anchor(f)));
                let url = format!("https://gist.github.com/{}/{}{file}", segment(user), segment(id));
                Render::Block(card(&url, "View the gist on GitHub"))
            }
            _ => Render::Unknown,
        },
        "x" | "x_simple" | "twitter" | "twitter_simple" | "tweet" => match call.arg_or("id", 0) {
            Some(id) => {
                let user = call.arg("user").map_or("i".to_string(), segment);
                let url = format!("https://x.com/{user}/status/{}", segment(id));
                Render::Block(card(&url, "View the post on X"))
            }
            None => Render::Unknown,
        },
        "instagram" | "instagram_simple" => match call.arg_or("id", 0) {
            Some(id) => {
                let url = format!("https://www.instagram.com/p/{}/", segment(id));
                Render::Block(card(&url, "View the post on Instagram"))
            }
            None => Render::Unknown,
        },
        _ => return None,
    };
    Some(render)
}

/// `highlight`: the content, less its common indentation and the line breaks around it,
/// as a code block in the call's language; inline with the option `hl_inline=true`.
fn highlight(call: &Call<'_>, inner: &str, colours: Option<crate::markdown::highlight::Highlighter<'_>>) -> Render {
    let language = call.arg_or("lang", 0).unwrap_or("");
    let options = call.arg_or("options", 1).unwrap_or("").to_ascii_lowercase();
    let code = deindent(inner.trim_matches(['\n', '\r']));
    if options.split(',').any(|option| option.trim().replace(' ', "") == "hl_inline=true") {
        return Render::Whole(Box::new(Render::Inline(format!("<code>{}</code>", escape(&code)))));
    }
    let html = crate::markdown::blocks::code_block_html(&format!("{}\n", code.trim_end()), language, colours);
    Render::Whole(Box::new(Render::Block(html)))
}

/// `text` less the indentation all its non-blank lines share.
fn deindent(text: &str) -> String {
    let indent = |line: &str| line.len() - line.trim_start_matches([' ', '\t']).len();
    let common = text.lines().filter(|l| !l.trim().is_empty()).map(indent).min().unwrap_or(0);
    let lines: Vec<&str> = text.lines().map(|l| l.get(common.min(indent(l))..).unwrap_or("")).collect();
    lines.join("\n")
}

/// The card of `qr`'s `text`: a link when it is a web address, else the text as code.
fn qr(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://")) && !text.contains(char::is_whitespace) {
        return card(text, text);
    }
    format!("<p class=\"embed-link\"><code>{}</code></p>\n", escape(text))
}

/// A link card to `url` saying `what`.
fn card(url: &str, what: &str) -> String {
    format!("<p class=\"embed-link\"><a href=\"{}\">{}</a></p>\n", escape(url), escape(what))
}

/// `value` as one segment of a URL's path: characters other than letters, digits and
/// `-_.~` percent-encoded, so that no value leaves its segment.
fn segment(value: &str) -> String {
    crate::percent::percent_encode(value.trim(), &crate::percent::UNRESERVED)
}

/// GitHub's anchor of a gist's file: lower case, each other character than a letter or
/// digit a `-` (`Main.go` is `file-main-go`).
fn gist_anchor(file: &str) -> String {
    file.trim().chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_never_leaves_its_segment_of_the_url() {
        assert_eq!(segment("SanDiegoZoo"), "SanDiegoZoo");
        assert_eq!(segment("../a?b#c\"d"), "..%2Fa%3Fb%23c%22d");
        assert_eq!(gist_anchor("Main.go"), "main-go");
    }

    #[test]
    fn a_qr_code_links_only_to_a_web_address() {
        assert_eq!(qr("https://gohugo.io"), card("https://gohugo.io", "https://gohugo.io"));
        let shown = qr("javascript:alert(1)");
        assert!(!shown.contains("href") && shown.contains("<code>javascript:alert(1)</code>"), "{shown}");
        assert!(qr("https://x.org/\"><script>").contains("&quot;&gt;&lt;script&gt;"));
    }

    #[test]
    fn removes_the_indentation_the_lines_share() {
        assert_eq!(deindent("    a\n      b\n\n    c"), "a\n  b\n\nc");
        assert_eq!(deindent("a\n  b"), "a\n  b");
    }
}
