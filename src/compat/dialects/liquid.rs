//! Liquid, the template language of Jekyll pages:
//!
//! ```markdown
//! {% comment %} never shown {% endcomment %}     {% raw %}{{ shown as written }}{% endraw %}
//! {# a Nunjucks comment, never shown (Eleventy's Nunjucks pages only) #}
//! [the runbook]({% link runbooks/db.md %})       {% post_url 2026-01-02-outage %}
//! {{ site.title }}   {% if x %}   {% include x.md %}   -> placeholders
//! ```
//!
//! `link`, `post_url` and `page` resolve like a link to the file they name, from the
//! content folder (a URL of another site given to them stays as it is), and so does a quoted
//! path whose filters only make it a URL (`{{ '/docs/' | relative_url }}`); `highlight` is a code
//! block; comments are dropped,
//! `raw` shows its content as written. `{%- x -%}` trims like `{% x %}`. Every other tag
//! and every variable is a placeholder: opsbook runs no templates. (`include` is the
//! text-inclusion step's, which runs before this one.)

use super::Page;
use super::finder::Finder;
use super::jinja;
use super::tokens::{Call, Kind, Render, Syntax, Token};

/// The token at `at` of `text`, if a Liquid tag or variable starts there. A comment
/// block is one token, with its content. Code has none: a tag in code stays code.
pub(super) fn token<'t>(
    text: &'t str,
    at: usize,
    finder: &mut Finder,
    in_code: bool,
    page: Page<'_>,
) -> Option<Token<'t>> {
    if !runs_templates(page) {
        return None;
    }
    let rest = text.get(at..)?;
    // A page Jinja renders whole (mkdocs-macros) has its tokens in code too.
    let code_too = jinja::renders(page);
    let jinja = code_too || is_nunjucks(page);
    if rest.starts_with("{#") && (!in_code || code_too) && jinja {
        // A Jinja or Nunjucks comment, `{# never shown #}`: the first `#}` after the
        // opening closes it, as in their lexers, past any `{{ … }}` or `}` inside it
        // (a commented-out element with a variable in an attribute). `{#}` is text.
        if rest.starts_with("{#}") {
            return None;
        }
        let close = finder.find(text, "#}", at + 2).filter(|end| end - at <= super::shortcodes::MAX_CALL)?;
        return Some(Token { range: at..close + 2, kind: Kind::Drop, in_code });
    }
    if rest.starts_with("{%") {
        let end = finder.find(text, "%}", at + 2).filter(|end| end - at <= super::shortcodes::MAX_CALL)?;
        let inner = text[at + 2..end].trim_matches('-').trim();
        let name_len = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let (name, args) = (&inner[..name_len], inner[name_len..].trim());
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return None;
        }
        if in_code {
            // Jinja's `raw` in code: its tags go, what is between them stays as written.
            return (code_too && matches!(name, "raw" | "endraw")).then(|| Token {
                range: at..end + 2,
                kind: if name == "raw" { Kind::Liquid(name, args) } else { Kind::Drop },
                in_code,
            });
        }
        if name == "comment" {
            let close = end_tag(text, end + 2, "endcomment", finder).unwrap_or(text.len());
            return Some(Token { range: at..close, kind: Kind::Drop, in_code });
        }
        if name == "highlight" {
            // `{% highlight ruby %}…{% endhighlight %}`: a code block.
            let close = end_tag(text, end + 2, "endhighlight", finder)?;
            let code_end = text[..close].rfind("{%").unwrap_or(close);
            let code = text[end + 2..code_end].trim_start_matches(['\r', '\n']);
            let language = args.split_whitespace().next().unwrap_or("");
            return Some(Token { range: at..close, kind: Kind::Code(language, code), in_code });
        }
        if name == "endraw" {
            return Some(Token { range: at..end + 2, kind: Kind::Drop, in_code });
        }
        let call = super::site::liquid_call(text, end + 2, (name, args), page, finder)
            .or_else(|| own_block(text, at..end + 2, (name, args), finder));
        let kind = call.map_or(Kind::Liquid(name, args), Kind::Call);
        return Some(Token { range: at..end + 2, kind, in_code });
    }
    // `={{ … }}` is a JSX expression (`style={{ width: 1 }}`), not a variable; a page
    // Jinja renders whole has no JSX (`COUNT={{ "${#LIST[@]}" }}` in a shell block).
    let jsx = !code_too && text[..at].ends_with('=');
    if (in_code && !code_too) || !rest.starts_with("{{") || rest.starts_with("{{{") || jsx {
        return None;
    }
    // A variable: `{{ name }}`, short, on one line, starting with a letter, `.` or `$`;
    // or a quoted literal with filters, `{{ '/docs/' | relative_url }}`. On a Nunjucks
    // page, an expression over lines too (a macro's call with an object literal), which
    // Nunjucks and Jinja read up to the `}}` outside its braces and strings.
    let end = if jinja {
        nunjucks_end(text, at + 2)?
    } else {
        finder.find(text, "}}", at + 2).filter(|e| e - at <= 200 && !text[at..*e].contains('\n'))?
    };
    let inner = text[at + 2..end].trim_matches('-').trim();
    if code_too && let Some(value) = jinja::string_literal(inner) {
        return Some(Token { range: at..end + 2, kind: Kind::Literal(value), in_code });
    }
    if in_code {
        // Any other expression in code stays as written, as the plugin shows a variable
        // it does not know (`on_undefined: keep`).
        return None;
    }
    let first = inner.chars().next()?;
    // Nunjucks and Jinja read a parenthesised expression too: `{{ (title or name) | lower }}`;
    // on a page Jinja renders whole, every `{{` opens an expression (`{{ {'a': 1} }}`).
    let starts = first.is_alphabetic() || matches!(first, '.' | '$' | '"' | '\'') || (jinja && first == '(');
    (starts || code_too).then(|| Token { range: at..end + 2, kind: Kind::Variable, in_code })
}

/// The tags whose reading is opsbook's own ([`render`], [`token`]) or Liquid's
/// ([`super::liquid_runtime::TAGS`]), never a block of the site's.
const KNOWN_TAGS: [&str; 8] = ["comment", "highlight", "raw", "include", "link", "page", "post_url", "asset"];

/// A block tag of the site's own (a Jekyll plugin's `Liquid::Block`, an Eleventy paired
/// shortcode), the tag at `tag` named `name`: its opening when an `{% endNAME %}`
/// follows, or that end tag after an opening. Liquid's `BlockBody` reads everything
/// between the two as the block's body ([`super::inline`] shows it as one placeholder).
fn own_block<'t>(
    text: &'t str,
    tag: std::ops::Range<usize>,
    (name, args): (&'t str, &'t str),
    finder: &mut Finder,
) -> Option<Call<'t>> {
    let known = |name: &str| KNOWN_TAGS.contains(&name) || super::liquid_runtime::TAGS.contains(&name);
    if let Some(opened) = name.strip_prefix("end") {
        let opens_before = finder.tag_places(text, opened).is_some_and(|(first, _)| first < tag.start);
        if opened.is_empty() || known(opened) || !opens_before {
            return None;
        }
        return Some(Call { syntax: Syntax::Liquid, name: opened, close: true, self_closing: false, args: Vec::new() });
    }
    if known(name) {
        return None;
    }
    finder.tag_places(text, &format!("end{name}")).filter(|&(_, last)| last > tag.end)?;
    let args = super::shortcodes::parse_args(args);
    Some(Call { syntax: Syntax::Liquid, name, close: false, self_closing: false, args })
}

/// Whether the old tool ran a template engine over `page`'s text, so that `{{ x }}` and
/// `{% x %}` are its variables and tags. Hugo never does: its page lexer
/// (`parser/pageparser/pagelexer.go`, `isShortCodeStart`) reads only `{{<`, `{{%` and
/// their comments in content, and a page's other `{{ … }}` is text, as written (an
/// alerting rule's `{{ $labels.instance }}`, a Helm template in prose). Nor does MkDocs
/// without mkdocs-macros-plugin, the one that runs Jinja over its pages
/// ([`crate::content::site_data::TextRules::braces_are_text`]), nor a page the plugin
/// leaves as written ([`jinja::renders`]).
fn runs_templates(page: Page<'_>) -> bool {
    use crate::content::site_data::Templating;
    !page.templating.is_some_and(|t| t.site.data.templating == Templating::Params || t.site.data.text.braces_are_text)
        && (!jinja::is_jinja_site(page) || jinja::renders(page))
}

/// Whether `page` is a Nunjucks template, whose `{# comments #}` are dropped: a page of an
/// Eleventy handbook that renders Markdown with Nunjucks (`markdownTemplateEngine: "njk"`),
/// or a template page of one (`.njk`). Elsewhere `{#` is text.
pub(super) fn is_nunjucks(page: Page<'_>) -> bool {
    use crate::content::site_data::{Engine, Templating};
    page.templating.is_some_and(|t| match t.site.data.templating {
        Templating::MarkdownEngine { markdown } => markdown == Engine::Nunjucks || page.html,
        _ => false,
    })
}

/// Where the `}}` that closes a Nunjucks expression starting at `from` is: the first one
/// outside the expression's braces and quoted strings, within
/// [`super::shortcodes::MAX_CALL`] bytes.
fn nunjucks_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = bytes.len().min(from + super::shortcodes::MAX_CALL);
    let (mut depth, mut quote, mut at) = (0usize, None, from);
    while at < limit {
        let byte = bytes[at];
        match (quote, byte) {
            (Some(_), b'\\') => at += 1,
            (Some(q), _) if byte == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(byte),
            (None, b'{') => depth += 1,
            (None, b'}') if depth == 0 => return (bytes.get(at + 1) == Some(&b'}')).then_some(at),
            (None, b'}') => depth -= 1,
            _ => {}
        }
        at += 1;
    }
    None
}

/// The end of the tag named `name` (`{% endcomment %}`) at or after `from`.
fn end_tag(text: &str, from: usize, name: &'static str, finder: &mut Finder) -> Option<usize> {
    let mut at = from;
    loop {
        let found = finder.find(text, name, at)?;
        let before = text[..found].trim_end_matches([' ', '-']);
        let after = text[found + name.len()..].trim_start_matches([' ', '-']);
        if before.ends_with("{%") && after.starts_with("%}") {
            return Some(text.len() - after.len() + 2);
        }
        at = found + name.len();
    }
}

/// Where the `{% endraw %}` closing a raw block that starts at `from` begins.
pub(super) fn end_of_raw(text: &str, from: usize, finder: &mut Finder) -> Option<usize> {
    let end = end_tag(text, from, "endraw", finder)?;
    text[..end].rfind("{%")
}

/// How the tag `name` with `args` renders.
pub(super) fn render(name: &str, args: &str, page: Page<'_>) -> Render {
    match name {
        // Jekyll's paths are from the site's root.
        "link" | "page" => match args.split_whitespace().next() {
            // An Eleventy shortcode's argument is an expression: unquoted, a variable
            // (`{% page href %}` in a loop), whose value opsbook does not know here.
            Some(arg) if is_eleventy(page) && !arg.starts_with(['"', '\'']) => Render::Unknown,
            // A URL of another site is written as it is, not as a path of this one.
            Some(url) if crate::markdown::links::is_external(url.trim_matches(['"', '\''])) => {
                Render::Text(url.trim_matches(['"', '\'']).to_string())
            }
            Some(path) => {
                let path = path.trim_matches(['"', '\'']).trim_start_matches('/');
                Render::Text(super::shortcodes::reference_path(&format!("/{path}"), page.dir))
            }
            None => Render::Unknown,
        },
        "post_url" => match args.split_whitespace().next() {
            Some(post) => {
                let post = post.trim_matches(['"', '\'']);
                // The post the site's page lookup names (Jekyll's comparer, any extension);
                // else the Markdown post of that name, reported where it is missing.
                let path = match page.links.and_then(|links| links.0.page_reference(post)) {
                    Some(found) => format!("/{found}"),
                    None => format!("/_posts/{}.md", post.strip_suffix(".md").unwrap_or(post)),
                };
                Render::Text(super::shortcodes::reference_path(&path, page.dir))
            }
            None => Render::Unknown,
        },
        "asset" => super::assets::render(args),
        _ => Render::Unknown,
    }
}

/// Whether the page is one of an Eleventy handbook.
fn is_eleventy(page: Page<'_>) -> bool {
    page.templating
        .is_some_and(|t| matches!(t.site.data.templating, crate::content::site_data::Templating::MarkdownEngine { .. }))
}

/// The filters that make a path a URL of the site: Jekyll's `relative_url` and
/// `absolute_url` (which add the `baseurl` and the `url`) and Eleventy's `url` (which adds
/// the `pathPrefix`). opsbook adds its base URL to every link of a page itself.
const URL_FILTERS: [&str; 3] = ["relative_url", "absolute_url", "url"];

/// How the variable `{{ … }}` written as `source` renders: a quoted literal whose filters
/// only make it a URL of the site is that path (a link like any other), anything else a
/// placeholder.
pub(super) fn render_variable(source: &str) -> Render {
    let inner = source.trim_start_matches("{{").trim_end_matches("}}").trim_matches('-').trim();
    let Some(quote) = inner.chars().next().filter(|c| matches!(c, '"' | '\'')) else { return Render::Unknown };
    let Some((literal, filters)) = inner[1..].split_once(quote) else { return Render::Unknown };
    let known = filters.split('|').skip(1).all(|f| URL_FILTERS.contains(&f.trim()));
    if !known || !filters.trim().is_empty() && !filters.trim_start().starts_with('|') || literal.contains(['{', '}']) {
        return Render::Unknown;
    }
    let jekyll = filters.split('|').any(|f| matches!(f.trim(), "relative_url" | "absolute_url"));
    Render::Text(if jekyll { super::liquid_runtime::with_leading_slash(literal) } else { literal.to_string() })
}
