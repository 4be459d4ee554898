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
use super::liquid_recover::{Failures, OUTPUT_TAG};
use super::liquid_runtime::{Globals, LANGUAGE, site_globals};
use super::liquid_template::Kind;
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
        let (line, column) = place(&body, at);
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
    drop(elements);
    // Read again as a page's Liquid is: the body read whole first, so that a refusal
    // names the author's text.
    let (text, numbered) = as_on_pages(&body);
    super::liquid_recover::start_parse();
    let elements = liquid_core::parser::parse(&text, &LANGUAGE).map_err(|e| refusal(&e.to_string()))?;
    let template = liquid_core::runtime::Template::new(elements);
    let globals = Globals::new(page, false, site_globals(site));
    let runtime = globals.runtime();
    let registers = liquid_core::Runtime::registers(&runtime);
    super::liquid_budget::start(registers, std::time::Instant::now());
    let mut out = Bounded(Vec::new());
    liquid_core::Renderable::render_to(&template, &mut out, &runtime).map_err(|e| refusal(&e.to_string()))?;
    // A tag that failed left a marker where its output was: the file is refused at it.
    if let Some((number, error)) = registers.get_mut::<Failures>().0.first() {
        let range = numbered.get(*number).cloned().unwrap_or(0..0);
        let (line, column) = place(&body, range.start);
        let tag = super::shorten(&body[range]);
        let message =
            format!("`{tag}` cannot be evaluated ({})", super::liquid_template::first_line(&error.to_string()));
        return Err(Refusal { line, column, message });
    }
    String::from_utf8(out.0).map_err(|_| Refusal {
        line: 1,
        column: 1,
        message: "it writes text that is not UTF-8".into(),
    })
}

/// `body` as a page's Liquid reads it ([`super::liquid_template::template_of`]): each
/// variable written as the tag [`OUTPUT_TAG`], which makes a key no value holds nil in
/// a loop too, as Jekyll's drops do; comments left out (Liquid parses the tags inside
/// one). With the place in `body` of each tag and variable Liquid numbers, in order
/// ([`super::liquid_recover`]).
fn as_on_pages(body: &str) -> (String, Vec<std::ops::Range<usize>>) {
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut numbered = Vec::new();
    let mut at = 0;
    for piece in super::liquid_pieces::find_pieces(body, false) {
        text.push_str(&body[at..piece.range.start]);
        let source = &body[piece.range.clone()];
        match &piece.kind {
            Kind::Liquid { name, trims, .. } if name.is_empty() => {
                let inner = source[2..source.len() - 2].trim_matches('-');
                let dash = |trim: bool| if trim { "-" } else { "" };
                text.push_str(&format!("{{%{} {OUTPUT_TAG} {inner} {}%}}", dash(trims.0), dash(trims.1)));
                numbered.push(piece.range.clone());
            }
            Kind::Liquid { name, .. } => {
                text.push_str(source);
                if !matches!(name.as_str(), "elsif" | "else" | "when") && !name.starts_with("end") {
                    numbered.push(piece.range.clone());
                }
            }
            Kind::Keep
                if source.starts_with("{%")
                    && source[2..].trim_start_matches('-').trim_start().starts_with("comment") => {}
            Kind::Keep | Kind::Include { .. } => text.push_str(source),
        }
        at = piece.range.end;
    }
    text.push_str(&body[at..]);
    (text, numbered)
}

/// The 1-based line and column of the byte `at` of `text`.
fn place(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    (line, before[before.rfind('\n').map_or(0, |n| n + 1)..].chars().count() + 1)
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
            let (line, column) = place(body, offset);
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

    /// A list's item without the key a loop reads is nil there, as a Jekyll drop's is
    /// (`nil | strip_html` is `""`, as in Ruby Liquid); a tag that fails refuses the file
    /// at its place, each time the same, whatever the thread parsed before.
    #[test]
    fn a_missing_key_in_a_loop_is_nil_and_a_failing_tag_is_refused_at_its_place() {
        let site = site(serde_json::json!({"docs": [{"title": "A"}, {"title": "B", "content": "<p>x</p>"}]}));
        let page = serde_json::json!({});
        let body = "[{% for d in site.docs %}{\"t\": {{ d.title | jsonify }}, \"c\": {{ d.content | strip_html | jsonify }}}{% unless forloop.last %},{% endunless %}{% endfor %}]{% comment %}{% if %}{% endcomment %}";
        let rendered = render_file(body, &page, &site, &|_| None);
        assert_eq!(rendered.as_deref(), Ok("[{\"t\": \"A\", \"c\": \"\"},{\"t\": \"B\", \"c\": \"x\"}]"));
        let failing = "{{ site.docs | size }}\n{% for d in site.docs %}\n  {{ 1 | divided_by: 0 }}{% endfor %}";
        for _ in 0..2 {
            let error = render_file(failing, &page, &site, &|_| None).expect_err("refused");
            assert_eq!((error.line, error.column), (3, 3), "{error:?}");
            assert!(error.message.starts_with("`{{ 1 | divided_by: 0 }}` cannot be evaluated ("), "{error:?}");
        }
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
