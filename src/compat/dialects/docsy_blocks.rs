//! Docsy's landing-page blocks (google/docsy `layouts/shortcodes/blocks/`): `cover`,
//! `lead`, `section`, `feature` and `link-down`, which a Docsy site's home and section
//! pages are built of, each a plain section of the page in opsbook's theme:
//!
//! ```markdown
//! {{< blocks/cover title="Ops" subtitle="In the open" >}}Lead text{{< /blocks/cover >}}
//! {{% blocks/section %}}{{% blocks/feature title="Runbooks" url="/runbooks/" %}}Text{{% /blocks/feature %}}{{% /blocks/section %}}
//! ```
//!
//! More: docs/architecture.md, "Notes by module".

use super::Page;
use super::title::title_html;
use super::tokens::{Call, Render};
use crate::html::escape;

/// How the Docsy block `call` renders, or `None` when it names none.
pub(super) fn render(call: &Call<'_>, page: Page<'_>) -> Option<Render> {
    let name = call.name.to_ascii_lowercase();
    let render = match name.strip_prefix("blocks/")? {
        "cover" => {
            let mut open = String::from("<section class=\"docsy-block docsy-cover\">\n");
            if let Some(title) = call.arg("title").filter(|t| !t.is_empty()) {
                open.push_str(&format!("<p class=\"docsy-block-title\">{}</p>\n", escape(title)));
            }
            if let Some(subtitle) = call.arg("subtitle").filter(|t| !t.is_empty()) {
                open.push_str(&format!("<p class=\"docsy-block-subtitle\">{}</p>\n", escape(subtitle)));
            }
            Render::Open(open, "</section>\n".into())
        }
        "lead" => Render::Open("<section class=\"docsy-block docsy-lead\">\n".into(), "</section>\n".into()),
        "section" => Render::Open("<section class=\"docsy-block docsy-section\">\n".into(), "</section>\n".into()),
        "feature" => Render::Open(feature_open(call), feature_close(call, page)),
        "link-down" => Render::Text(String::new()),
        _ => return None,
    };
    Some(render)
}

/// A feature's opening: its box and its title in Markdown, a link to its `url` when it
/// has one and the title holds text and no link of its own.
fn feature_open(call: &Call<'_>) -> String {
    let title = call.arg("title").map(str::trim).filter(|t| !t.is_empty()).map(title_html).unwrap_or_default();
    let linkable = !title.contains("<a ") && !title.trim().is_empty();
    let title = match call.arg("url").filter(|url| !url.is_empty()) {
        Some(url) if linkable => format!("<a href=\"{}\">{title}</a>", escape(url)),
        _ => title,
    };
    let title = if title.is_empty() { title } else { format!("<p class=\"docsy-feature-title\">{title}</p>\n") };
    format!("<div class=\"docsy-feature\">\n{title}")
}

/// A feature's end: the link to its `url` with its `url_text` (the theme's "Read more"
/// unless given), and the end of its box.
fn feature_close(call: &Call<'_>, page: Page<'_>) -> String {
    let link = call.arg("url").filter(|url| !url.is_empty()).map_or(String::new(), |url| {
        let text = call.arg("url_text").map(str::trim).filter(|t| !t.is_empty());
        let text = text.unwrap_or(page.words.say("md_read_more"));
        format!("<p class=\"docsy-feature-more\"><a href=\"{}\">{} …</a></p>\n", escape(url), escape(text))
    });
    format!("{link}</div>\n")
}
