//! The files of other formats a Jekyll site publishes through Liquid (`robots.txt`, a
//! web manifest, a script): Jekyll processes "any file that contains a YAML front matter
//! block" (jekyllrb.com/docs/front-matter/): a file that is no page is rendered through
//! Liquid with the site's variables and its own (`page`) and written without its front
//! matter, under its name or its `permalink` (jekyll/jekyll `lib/jekyll/page.rb`). No
//! Markdown and no layout are applied: such files are not HTML.
//!
//! Liquid's own tags and filters run as on pages ([`super::liquid_runtime`]), and
//! jekyll-assets' `{% asset %}` as on pages ([`super::assets`]): the file found in the
//! plugin's folders, its URL (`@path`, or a file that is no image) or its tag. Another
//! plugin's tag (`{% include %}`, a site's own) is one opsbook cannot run in a file that
//! is no page: the file is then not written, and [`render_file`]'s error says why and
//! where.

use super::liquid_budget::MAX_OUTPUT;
use super::liquid_runtime::{Globals, LANGUAGE, site_globals};
use crate::markdown::templating::SiteContext;

/// Why a file cannot be rendered: where in its body (1-based line and column, when
/// known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The line of the body, 1-based.
    pub line: usize,
    /// The column, 1-based.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Renders `body` (a file's text after its front matter) with `page` (its front matter,
/// with `url` and `path` added) and the site's variables; `asset` gives the URL of a
/// file of the site named by its path from the content folder (`_assets/images/x.png`),
/// when it has one. The reason it cannot be rendered otherwise.
pub(crate) fn render_file(
    body: &str,
    page: &serde_json::Value,
    site: &SiteContext,
    asset: &dyn Fn(&str) -> Option<String>,
) -> Result<String, Refusal> {
    let body = with_assets(body, asset)?;
    let blocks = super::liquid_runtime::BLOCKS;
    if let Some(at) = super::liquid_budget::too_deep(super::liquid_budget::tag_names(&body), blocks) {
        let before = &body[..at];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1;
        let message = format!("its blocks nest more than {} deep", super::liquid_budget::MAX_DEPTH);
        return Err(Refusal { line, column, message });
    }
    let elements = liquid_core::parser::parse(&body, &LANGUAGE).map_err(|e| {
        let refused = refusal(&e.to_string());
        match plugin_tag_at(&body, refused.line, refused.column) {
            Some(name) => Refusal {
                message: format!(
                    "`{{% {name} %}}` is a tag of Jekyll's or of a plugin, which opsbook runs in pages only"
                ),
                ..refused
            },
            None => refused,
        }
    })?;
    let template = liquid_core::runtime::Template::new(elements);
    let globals = Globals::new(page, false, site_globals(site));
    let runtime = globals.runtime();
    super::liquid_budget::start(liquid_core::Runtime::registers(&runtime), std::time::Instant::now());
    let mut out = Bounded(Vec::new());
    liquid_core::Renderable::render_to(&template, &mut out, &runtime).map_err(|e| refusal(&e.to_string()))?;
    String::from_utf8(out.0).map_err(|_| Refusal {
        line: 1,
        column: 1,
        message: "it writes text that is not UTF-8".into(),
    })
}

/// `body` with each `{% asset %}` tag replaced by what jekyll-assets writes for it.
fn with_assets(body: &str, asset: &dyn Fn(&str) -> Option<String>) -> Result<String, Refusal> {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find("{%") {
        let after = rest[at + 2..].trim_start_matches('-').trim_start();
        let Some(args) = after.strip_prefix("asset").filter(|a| a.starts_with(char::is_whitespace)) else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        let Some(end) = args.find("%}") else { break };
        let offset = body.len() - rest.len() + at;
        let refused = |message: String| {
            let line = body[..offset].matches('\n').count() + 1;
            let column = body[..offset].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            Refusal { line, column, message }
        };
        let written = match super::assets::render(args[..end].trim_end_matches('-')) {
            super::tokens::Render::Text(text)
            | super::tokens::Render::Inline(text)
            | super::tokens::Render::Html(text) => text,
            _ => return Err(refused("jekyll-assets' tag names no file opsbook can publish here".into())),
        };
        let mut resolved = String::with_capacity(written.len());
        let mut pieces = written.split(super::assets::SCHEME);
        resolved.push_str(pieces.next().unwrap_or_default());
        for piece in pieces {
            let name_end = piece.find(['"', '\'', ' ', '>']).unwrap_or(piece.len());
            let name = &piece[..name_end];
            let url = super::assets::FOLDERS.iter().find_map(|folder| asset(&format!("{folder}/{name}")));
            let url = url.ok_or_else(|| {
                refused(format!("no file `{name}` in the asset folders (`_assets/images/`, `_assets/`, `assets/`…)"))
            })?;
            resolved.push_str(&url);
            resolved.push_str(&piece[name_end..]);
        }
        out.push_str(&rest[..at]);
        out.push_str(&resolved);
        rest = &args[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The name of the tag that holds `line:column` of `body` (1-based), when it is no tag of
/// Liquid's own: a plugin's, which liquid-core reads as it can and refuses.
fn plugin_tag_at(body: &str, line: usize, column: usize) -> Option<&str> {
    let text = body.lines().nth(line.checked_sub(1)?)?;
    let before: String = text.chars().take(column).collect();
    let open = before.rfind("{%")?;
    let name = text[open + 2..].trim_start_matches('-').split_whitespace().next()?;
    let own = super::liquid_runtime::TAGS.contains(&name)
        || super::liquid_runtime::BLOCKS.iter().any(|block| *block == name || name.strip_prefix("end") == Some(block))
        || matches!(name, "else" | "elsif" | "when" | "raw" | "endraw" | "comment" | "endcomment");
    (!own).then_some(name)
}

/// A Liquid error as a refusal: its place (`--> 5:67`) and its reason (`= expected …`),
/// from the message liquid-core writes over several lines.
fn refusal(message: &str) -> Refusal {
    let place = message.split("--> ").nth(1).and_then(|rest| {
        let (line, column) = rest.split_whitespace().next()?.split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    });
    let reason = message.lines().map(str::trim).find_map(|line| line.strip_prefix("= ")).map(str::to_string);
    let reason = reason.unwrap_or_else(|| {
        let first = message.lines().map(str::trim).find(|line| !line.is_empty());
        first.unwrap_or("it cannot be read").trim_start_matches("liquid:").trim().to_string()
    });
    let (line, column) = place.unwrap_or((1, 1));
    Refusal { line, column, message: reason }
}

/// A buffer that refuses to grow past [`MAX_OUTPUT`], as a page's Liquid does.
struct Bounded(Vec<u8>);

impl std::io::Write for Bounded {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + bytes.len() > MAX_OUTPUT {
            return Err(std::io::Error::other(format!("it writes more than {} MiB", MAX_OUTPUT >> 20)));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::site_data::{SiteData, Templating};

    fn site(json: serde_json::Value) -> SiteContext {
        let globals = serde_json::Map::from_iter([("site".to_string(), json.clone())]);
        SiteContext::new(
            Vec::new(),
            SiteData { templating: Templating::Liquid, site: json, globals, ..Default::default() },
        )
        .0
    }

    #[test]
    fn renders_the_site_s_and_the_file_s_variables() {
        let site = site(serde_json::json!({"url": "https://ops.example.org"}));
        let page = serde_json::json!({"permalink": "/robots.txt", "url": "/robots.txt"});
        let body = "{% if jekyll.environment == \"development\" %}Disallow: /\n{% else %}Sitemap: {{ site.url }}/sitemap.xml\n{% endif %}# {{ page.url }}\n";
        assert_eq!(
            render_file(body, &page, &site, &|_| None),
            Ok("Sitemap: https://ops.example.org/sitemap.xml\n# /robots.txt\n".to_string())
        );
    }

    #[test]
    fn an_asset_tag_is_the_file_s_url_as_jekyll_assets_writes_it() {
        let site = site(serde_json::json!({}));
        let page = serde_json::json!({});
        let found = |path: &str| (path == "_assets/images/icon.png").then(|| "/_assets/images/icon.png".to_string());
        let body = "{\"src\": \"{% asset 'icon.png' @path %}\"}\n<img src=\"{%- asset icon.png -%}\">";
        assert_eq!(
            render_file(body, &page, &site, &found).as_deref(),
            Ok(
                "{\"src\": \"/_assets/images/icon.png\"}\n<img src=\"<img src=\"/_assets/images/icon.png\" alt=\"\">\">"
            )
        );
        let missing = render_file("x\n  {% asset gone.png @path %}", &page, &site, &found).expect_err("no file");
        assert_eq!((missing.line, missing.column), (2, 3));
        assert!(missing.message.contains("`gone.png`"), "{missing:?}");
    }

    #[test]
    fn another_plugin_s_tag_and_a_runaway_loop_are_reasons_not_output() {
        let site = site(serde_json::json!({}));
        let page = serde_json::json!({});
        let error = render_file("a\n{% tf tenders/lot.md %}", &page, &site, &|_| None).expect_err("no plugin");
        assert_eq!(
            (error.line, error.message.as_str()),
            (2, "`{% tf %}` is a tag of Jekyll's or of a plugin, which opsbook runs in pages only")
        );
        let huge = "{% for i in (1..10000) %}{% for j in (1..10000) %}xxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endfor %}";
        let error = render_file(huge, &page, &site, &|_| None).expect_err("bounded");
        assert!(error.message.contains("MiB") || error.message.contains("too long"), "{error:?}");
    }
}
