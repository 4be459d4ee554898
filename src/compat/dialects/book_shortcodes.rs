//! The Book theme's shortcodes (alex-shpak/hugo-book, `layouts/shortcodes/`), read as
//! that theme renders them where a Hugo site uses it ([`ThemeShortcodes::Book`]):
//!
//! ```markdown
//! {{% hint warning %}} Markdown {{% /hint %}}               -> a callout of that kind
//! {{% details "Title" open %}} Markdown {{% /details %}}     -> <details open>
//! {{% columns ratio="1:2" %}} left <---> right {{% /columns %}} -> columns side by side
//! {{< button relref="/runbooks/db" >}}The db{{< /button >}}  -> a link, checked
//! ```
//!
//! `tabs` and `tab`, and the older `expand`, read as opsbook's general ones do
//! ([`super::shortcodes`]). More: docs/architecture.md, "Notes by module".

use super::Page;
use super::title::title_html;
use super::tokens::{Call, Render};
use crate::content::site_data::ThemeShortcodes;

/// How the Book theme renders `call` (`inner`: a paired call's content, as written), or
/// `None` when the site does not use the theme or the name is none of its own.
/// `reference` gives a `relref`'s destination.
pub(super) fn render(
    call: &Call<'_>,
    inner: Option<&str>,
    page: Page<'_>,
    reference: &dyn Fn(&str) -> String,
) -> Option<Render> {
    let theme = page.templating.map(|t| t.site.data.text.theme_shortcodes);
    if theme != Some(ThemeShortcodes::Book) {
        return None;
    }
    let render = match call.name.to_ascii_lowercase().as_str() {
        "hint" => {
            let class = hint_kind(positional(call, 0).unwrap_or("default"));
            Render::Open(format!("<div class=\"callout callout-{class}\" role=\"note\">\n"), "</div>\n".into())
        }
        "details" => {
            let named = call.args.iter().any(|(name, _)| name.is_some());
            let (summary, open) = match named {
                true => (call.arg("title"), call.arg("open").is_some_and(|v| v == "true")),
                false => (positional(call, 0), call.args.iter().any(|(_, value)| value == "open")),
            };
            let summary = summary.unwrap_or(page.words.say("md_details"));
            let open = if open { " open" } else { "" };
            Render::Open(
                format!("<details class=\"details\"{open}>\n<summary>{}</summary>\n", title_html(summary)),
                "</details>\n".into(),
            )
        }
        "columns" => Render::Whole(Box::new(Render::Text(columns(inner.unwrap_or(""), call.arg("ratio"))))),
        "button" => {
            let label = inner.unwrap_or("").trim();
            let destination = match (call.arg("href"), call.arg("relref")) {
                (_, Some(path)) => Some(reference(path)),
                (Some(href), None) => Some(href.trim().to_string()),
                (None, None) => None,
            };
            let text = match destination {
                Some(to) if to.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>')) => {
                    format!("[{label}](<{}>)", to.replace(['<', '>'], ""))
                }
                Some(to) => format!("[{label}]({to})"),
                None => label.to_string(),
            };
            Render::Whole(Box::new(Render::Text(text)))
        }
        _ => return None,
    };
    Some(render)
}

/// The positional argument at `index`.
fn positional<'c>(call: &'c Call<'_>, index: usize) -> Option<&'c str> {
    call.args.iter().filter(|(name, _)| name.is_none()).nth(index).map(|(_, value)| value.as_str())
}

/// opsbook's callout of a hint's kind: the theme's colours (`info`, `warning`, `danger`,
/// and GitHub's alert names since 2025) by their meaning; any other is its default.
fn hint_kind(kind: &str) -> &'static str {
    match kind.to_ascii_lowercase().as_str() {
        "tip" | "success" => "tip",
        "important" => "important",
        "warning" => "warning",
        "danger" | "caution" => "caution",
        _ => "note",
    }
}

/// The Markdown of a `columns` call: its content cut at each `<--->`, each part a
/// column, grown by the `ratio` (`1:2`) at its place, else 1.
fn columns(inner: &str, ratio: Option<&str>) -> String {
    let ratio: Vec<&str> = ratio.map(|r| r.split(':').map(str::trim).collect()).unwrap_or_default();
    let mut out = String::from("\n<div class=\"columns\">\n");
    for (index, part) in inner.split("<--->").enumerate() {
        let grow = ratio.get(index).filter(|g| !g.is_empty() && g.parse::<f64>().is_ok_and(|g| g >= 0.0));
        let style = grow.map_or(String::new(), |g| format!(" style=\"flex-grow: {g}\""));
        out.push_str(&format!("<div class=\"column\"{style}>\n\n{}\n\n</div>\n", part.trim_matches(['\n', '\r'])));
    }
    out.push_str("</div>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_columns_at_the_separator_and_grows_them_by_the_ratio() {
        let out = columns("\n### Left\nText.\n\n<--->\n\n### Right\n", Some("1:2"));
        assert_eq!(
            out,
            "\n<div class=\"columns\">\n<div class=\"column\" style=\"flex-grow: 1\">\n\n### Left\nText.\n\n</div>\n\
             <div class=\"column\" style=\"flex-grow: 2\">\n\n### Right\n\n</div>\n</div>\n"
        );
        assert!(!columns("a <---> b", Some("1;x\"")).contains("style"));
    }

    #[test]
    fn maps_hint_kinds_to_callouts() {
        let kinds =
            [("info", "note"), ("warning", "warning"), ("danger", "caution"), ("default", "note"), ("tip", "tip")];
        for (kind, class) in kinds {
            assert_eq!(hint_kind(kind), class, "{kind}");
        }
    }
}
