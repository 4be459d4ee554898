//! Constructs the handbook gives templates of its own ([`crate::markdown::templating`]):
//! a Hugo shortcode, an MDX component, a Liquid tag (`{% name args %}`, paired with
//! `{% endname %}` when the page has one) or a Liquid include (`{% include FILE %}`)
//! whose name has a template in `templates/shortcodes/` renders through it, before
//! opsbook's own rendering of the name.
//!
//! A template's output becomes:
//!
//! | template | construct | becomes |
//! |---|---|---|
//! | `.html` | single | its HTML: a block when the construct is alone on its line, else inline |
//! | `.html` | paired, writes `body` once | its HTML around the content, which stays in the page |
//! | `.html` | paired, no `body` | its HTML in place of the construct and its content |
//! | `.md` | any | its Markdown, rendered with the page (`body` is the content) |

use super::Page;
use super::finder::Finder;
use super::tokens::{Call, Render, Syntax};
use crate::markdown::templating::{BODY_MARK, Format, Use};

/// The template key of `call`: its name, or `include/FILE` for a Liquid include.
fn key(call: &Call<'_>) -> String {
    match call.syntax {
        Syntax::LiquidInclude => format!("include/{}", call.name),
        _ => call.name.to_string(),
    }
}

/// How `call` renders through the handbook's template for it, or `None` when it has
/// none. `inner` is the content of a paired call, as written; the template's `inner`
/// holds none of its internal blocks in a public build.
pub(super) fn render(call: &Call<'_>, inner: Option<&str>, page: Page<'_>) -> Option<Render> {
    let templating = page.templating?;
    let (name, format) = templating.site.template(&key(call))?;
    let public_inner = inner.filter(|_| page.public).map(public_inner);
    let use_ = Use { name: call.name, args: &call.args, inner: public_inner.as_deref().or(inner) };
    let out = match templating.site.render(name, &use_, templating.page()) {
        Ok(out) => out,
        Err(message) => return Some(Render::Failed(message)),
    };
    // A template file ends with a line break, which inline HTML does not want.
    let out = match format {
        Format::Html => out.trim_end_matches(['\n', '\r']).to_string(),
        Format::Markdown => out,
    };
    let around = out.split_once(BODY_MARK).filter(|(_, end)| !end.contains(BODY_MARK));
    Some(match (format, inner, around) {
        (Format::Html, Some(_), Some((open, end))) => Render::Open(format!("{open}\n"), format!("{end}\n")),
        (Format::Markdown, Some(_), Some((open, end))) => Render::TextAround(open.to_string(), end.to_string()),
        (Format::Html, Some(_), None) => Render::Whole(Box::new(Render::Html(out.replace(BODY_MARK, "")))),
        (Format::Markdown, Some(inner), None) => Render::Whole(Box::new(Render::Text(out.replace(BODY_MARK, inner)))),
        (Format::Html, None, _) => Render::Html(out.replace(BODY_MARK, "")),
        (Format::Markdown, None, _) => Render::Text(out.replace(BODY_MARK, "")),
    })
}

/// What a template's `inner` holds of a paired call's content in a public build: its
/// internal blocks blanked (line breaks kept), or nothing when their markers are
/// malformed (the page's own reading reports them).
fn public_inner(inner: &str) -> String {
    use crate::markdown::public_text::{blank, internal_blocks};
    match internal_blocks(inner) {
        Ok(blocks) => blank(inner, &blocks),
        Err(_) => String::new(),
    }
}

/// The call a Liquid tag `name` with `args` at `text[..end]` (the end of its `%}`) is,
/// when the handbook has a template for it: `{% include FILE args %}`, `{% name args %}`
/// (paired when an `{% endname %}` follows), or `{% endname %}`.
pub(super) fn liquid_call<'t>(
    text: &'t str,
    end: usize,
    (name, args): (&'t str, &'t str),
    page: Page<'_>,
    finder: &mut Finder,
) -> Option<Call<'t>> {
    let site = page.templating?.site;
    if name == "include" {
        let path_len = args.find(char::is_whitespace).unwrap_or(args.len());
        let path = args[..path_len].trim_matches(['"', '\'']);
        if path.is_empty() || !site.has_template(&format!("include/{path}")) {
            return None;
        }
        let args = super::shortcodes::parse_args(&args[path_len..]);
        return Some(Call { syntax: Syntax::LiquidInclude, name: path, close: false, self_closing: true, args });
    }
    if let Some(opened) = name.strip_prefix("end")
        && site.has_template(opened)
    {
        return Some(Call { syntax: Syntax::Liquid, name: opened, close: true, self_closing: false, args: Vec::new() });
    }
    if !site.has_template(name) {
        return None;
    }
    // An end is a tag `{% endNAME %}`, as Liquid's block body reads it, not the word.
    let paired = finder.tag_places(text, &format!("end{name}")).is_some_and(|(_, last)| last >= end);
    let args = super::shortcodes::parse_args(args);
    Some(Call { syntax: Syntax::Liquid, name, close: false, self_closing: !paired, args })
}
