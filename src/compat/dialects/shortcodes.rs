//! Hugo shortcodes, the Docsy and GitLab ones a handbook uses:
//!
//! ```markdown
//! {{% alert title="Careful" color="warning" %}} Markdown {{% /alert %}}
//! {{< details summary="More" >}} ... {{< /details >}}
//! {{< tabpane >}}{{< tab header="Linux" lang="bash" >}}...{{< /tab >}}{{< /tabpane >}}
//! [the runbook]({{< ref "db.md#steps" >}})   {{< youtube ID >}}   {{< figure src="x.png" >}}
//! {{/* a comment */}}    {{</* shown as written */>}}
//! ```
//!
//! A shortcode is `{{<` or `{{%`, a name (a `/` before it closes a paired one), named
//! (`title="…"`) and positional arguments quoted with `"` or backticks, an optional `/`
//! (self-closing), and `>}}` or `%}}`. The inner content of both forms is rendered as
//! Markdown, which is what Docsy's alert and details do with it in practice. Any other
//! name becomes a placeholder ([`super::tokens::Render::Unknown`]).

use super::finder::Finder;
use super::title::title_html;
use super::tokens::{Call, Kind, Render, Syntax, Token};
use super::{Page, Problem, tabs};
use crate::html::escape;

/// The longest inside of a shortcode read, in bytes: a longer one is text (and the
/// scan stays linear on a page of openings with one close at its end).
pub(super) const MAX_CALL: usize = 4096;

/// The token at `at` of `text`, if a shortcode, a shortcode comment or an escaped
/// shortcode starts there. In code, only an escaped shortcode is a token.
pub(super) fn token<'t>(text: &'t str, at: usize, finder: &mut Finder, in_code: bool) -> Option<Token<'t>> {
    let rest = text.get(at..)?;
    if rest.starts_with("{{/*") && !in_code {
        let end = finder.find(text, "*/}}", at + 4)? + 4;
        return Some(Token { range: at..end, kind: Kind::Drop, in_code });
    }
    let (syntax, close) = if rest.starts_with("{{<") {
        (Syntax::HugoAngle, ">}}")
    } else if rest.starts_with("{{%") {
        (Syntax::HugoPercent, "%}}")
    } else {
        return None;
    };
    let inner_start = at + 3;
    let after = text[inner_start..].trim_start();
    if after.starts_with("/*") {
        // `{{</* x */>}}` shows `{{< x >}}`: the comment ends at the first `*/>}}` after
        // its start, as Hugo's lexer reads it, so `*/` inside (`"**/*.pdf"`) is text.
        let open = inner_start + (text[inner_start..].len() - after.len()) + 2;
        let needle = if syntax == Syntax::HugoAngle { "*/>}}" } else { "*/%}}" };
        let comment_end = finder.find(text, needle, open).filter(|end| end - inner_start <= MAX_CALL)?;
        let (left, right) = if syntax == Syntax::HugoAngle { ("{{<", ">}}") } else { ("{{%", "%}}") };
        let shown = format!("{left}{}{right}", &text[open..comment_end]);
        return Some(Token { range: at..comment_end + needle.len(), kind: Kind::Literal(shown), in_code });
    }
    if in_code {
        return None;
    }
    let end = finder.find(text, close, inner_start).filter(|end| end - inner_start <= MAX_CALL)?;
    let call = parse_call(&text[inner_start..end], syntax)?;
    Some(Token { range: at..end + 3, kind: Kind::Call(call), in_code })
}

/// Reads the inside of a shortcode: `/name`, `name args`, `name args /`.
fn parse_call(inner: &str, syntax: Syntax) -> Option<Call<'_>> {
    let inner = inner.trim();
    let (close, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, inner),
    };
    let (self_closing, inner) = match inner.strip_suffix('/') {
        Some(rest) => (true, rest.trim_end()),
        None => (false, inner),
    };
    let name_len = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    let name = &inner[..name_len];
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')) {
        return None;
    }
    let args = parse_args(&inner[name_len..]);
    Some(Call { syntax, name, close, self_closing, args })
}

/// Named and positional arguments, quoted with `"` or backticks or bare.
pub(super) fn parse_args(text: &str) -> Vec<(Option<&str>, String)> {
    let mut args = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        let mut name = None;
        if let Some(eq) = rest.find('=')
            && rest[..eq].chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            && eq > 0
        {
            name = Some(&rest[..eq]);
            rest = &rest[eq + 1..];
        }
        let (mut value, after) = quoted(rest);
        // Liquid tags separate their arguments with commas (`{% tag "a", "b" %}`).
        if value.ends_with(',') && !rest.starts_with(['"', '\'', '`']) {
            value.pop();
        }
        args.push((name, value));
        rest = after.trim_start().trim_start_matches(',').trim_start();
    }
    args
}

/// A value at the start of `text`: quoted (`"…"` with `\"`, `'…'`, backticks or `{…}`)
/// or up to white space; and the text after it.
fn quoted(text: &str) -> (String, &str) {
    let Some(first) = text.chars().next() else { return (String::new(), text) };
    match first {
        '"' | '\'' | '`' => {
            let mut value = String::new();
            let mut escaped = false;
            for (i, c) in text[1..].char_indices() {
                if escaped {
                    value.push(c);
                    escaped = false;
                } else if c == '\\' && first == '"' {
                    escaped = true;
                } else if c == first {
                    return (value, &text[1 + i + 1..]);
                } else {
                    value.push(c);
                }
            }
            (value, "")
        }
        '{' => {
            // To the brace that closes it, nested braces and quoted text skipped: a JSX
            // expression holds objects (`values={[{label: 'A', value: 'a'}]}`).
            let end = super::finder::balanced(text, 0, text.len()).map_or(text.len(), |e| e + 1);
            (text[1..end].trim_end_matches('}').trim().to_string(), &text[end..])
        }
        _ => {
            let end = text.find(char::is_whitespace).unwrap_or(text.len());
            (text[..end].to_string(), &text[end..])
        }
    }
}

/// The theme's callout class of a Docsy alert colour.
fn color_kind(color: &str) -> &'static str {
    match color.to_ascii_lowercase().as_str() {
        "success" | "tip" => "tip",
        "warning" | "caution" => "warning",
        "danger" | "error" => "caution",
        "important" | "secondary" | "dark" => "important",
        _ => "note",
    }
}

/// Hugo's embedded shortcodes (gohugoio/hugo `tpl/tplimpl/embedded/templates/_shortcodes/`
/// and the alias `tweet`), which a theme's template of the same name replaces; the other
/// names opsbook renders are its readings of themes' shortcodes (Docsy's `alert`).
const EMBEDDED: [&str; 19] = [
    "comment",
    "details",
    "figure",
    "gist",
    "highlight",
    "instagram",
    "instagram_simple",
    "param",
    "qr",
    "ref",
    "relref",
    "tweet",
    "twitter",
    "twitter_simple",
    "vimeo",
    "vimeo_simple",
    "x",
    "x_simple",
    "youtube",
];

/// How the shortcode `call` renders (`inner` is a paired call's content, as written), as
/// Hugo looks its template up: the site's own
/// template of its name wins over opsbook's rendering, and a theme's over opsbook's
/// rendering of an embedded one ([`EMBEDDED`]); opsbook runs neither, so
/// the call is then a placeholder with a warning naming the template.
pub(super) fn render_call(
    call: &Call<'_>,
    inner: Option<&str>,
    parent: Option<&Call<'_>>,
    page: Page<'_>,
    memo: &super::imgproc::Memo,
) -> Render {
    let own = page.templating.and_then(|t| t.site.data.own_templates.find(call.name, page.dir));
    let name = call.name.to_ascii_lowercase();
    let replaced = own.is_some_and(|t| !t.theme || EMBEDDED.contains(&name.as_str()));
    // The theme's shortcodes as opsbook reads them stand where the theme's template is.
    let themed = match own.is_none_or(|t| t.theme) {
        true => super::book_shortcodes::render(call, inner, page, &|path| reference(path, page)),
        false => None,
    };
    let render = match (themed, replaced) {
        (Some(render), _) => return render,
        (None, true) => Render::Unknown,
        (None, false) => super::embedded::render(call, inner, page)
            .or_else(|| super::imgproc::render(call, inner, page, memo))
            .unwrap_or_else(|| render(call, parent, page)),
    };
    match (render, own) {
        (Render::Unknown, Some(template)) => Render::NotFound(format!(
            "the shortcode `{}` runs {} template `{}` in Hugo, which opsbook does not run (it is a Go template); it is \
             shown as a placeholder, which a template `templates/shortcodes/{name}.html` would replace",
            call.name,
            if template.theme { "the theme's" } else { "the site's own" },
            template.shown
        )),
        (render, _) => render,
    }
}

/// What a placeholder of `call` is, for the link check: a construct whose own template
/// was read and writes no id ([`OwnTemplate::writes_ids`]) cannot have made an id its
/// page lacks; any other may have.
///
/// [`OwnTemplate::writes_ids`]: crate::content::site_data::OwnTemplate::writes_ids
pub(super) fn placeholder_problem(call: &Call<'_>, page: Page<'_>) -> Problem {
    let own = page.templating.and_then(|t| t.site.data.own_templates.find(call.name, page.dir));
    let hugo = matches!(call.syntax, Syntax::HugoAngle | Syntax::HugoPercent);
    match own {
        Some(template) if hugo && !template.writes_ids => Problem::UnsupportedWithoutIds,
        _ => Problem::Unsupported,
    }
}

/// How the shortcode `call` renders by opsbook's own rules; `parent` is the call it is
/// inside, if any.
pub(super) fn render(call: &Call<'_>, parent: Option<&Call<'_>>, page: Page<'_>) -> Render {
    match call.name.to_ascii_lowercase().as_str() {
        // Docsy's `pageinfo` is a box of its `color` (`primary` unless given), no title.
        "alert" | "callout" | "notice" | "admonition" | "pageinfo" => {
            let kind = call.arg("color").or(call.arg("type")).or_else(|| call.arg_or("kind", 0)).unwrap_or("info");
            let class = color_kind(kind);
            let title = call
                .arg("title")
                .map_or(String::new(), |t| format!("<p class=\"callout-title\">{}</p>\n", title_html(t)));
            Render::Open(format!("<div class=\"callout callout-{class}\" role=\"note\">\n{title}"), "</div>\n".into())
        }
        name @ ("note" | "warning" | "tip" | "caution" | "important" | "info" | "danger") => {
            let (class, default) = match name {
                "warning" => ("warning", "warning"),
                "caution" | "danger" => ("caution", "caution"),
                "important" => ("important", "important"),
                "tip" => ("tip", "tip"),
                _ => ("note", "note"),
            };
            let default = page.words.callout_title(default);
            let title = call.arg_or("title", 0).unwrap_or(&default);
            Render::Open(crate::markdown::blocks::callout_div(class, &title_html(title)), "</div>\n".into())
        }
        "panel" => {
            let class = call.arg("type").or(call.arg("color")).map_or("note", color_kind);
            let title = call
                .arg("header")
                .or(call.arg("title"))
                .map_or(String::new(), |t| format!("<p class=\"callout-title\">{}</p>\n", title_html(t)));
            Render::Open(format!("<div class=\"callout callout-{class}\" role=\"note\">\n{title}"), "</div>\n".into())
        }
        "details" | "expand" | "collapse" => {
            let summary = call.arg_or("summary", 0).or(call.arg("title")).unwrap_or(page.words.say("md_details"));
            Render::Open(
                format!("<details{}>\n<summary>{}</summary>\n", details_attributes(call), title_html(summary)),
                "</details>\n".into(),
            )
        }
        "tabpane" | "tabs" => {
            let group = match persist(call) {
                Persist::Header => tabs::Group { by_label: true, ..tabs::Group::default() },
                Persist::Lang => tabs::Group { sync: Some("lang"), ..tabs::Group::default() },
                Persist::Disabled => tabs::Group::default(),
            };
            Render::Open(tabs::group_open(&group), tabs::group_close())
        }
        "tab" => {
            let label = call.arg_or("header", 0).or(call.arg("title")).or(call.arg("name")).unwrap_or("Tab");
            let text = |c: &Call<'_>| c.arg("text").map(|v| v == "true");
            let as_text = text(call).or_else(|| parent.and_then(text)).unwrap_or(call.syntax == Syntax::HugoPercent);
            let language = call.arg("lang").or_else(|| parent.and_then(|p| p.arg("lang")));
            let is_docsy = parent.is_some_and(|p| p.name.eq_ignore_ascii_case("tabpane"));
            // With `persist=lang` the sets switch together by the tabs' language.
            let by_lang = parent.is_some_and(|p| persist(p) == Persist::Lang);
            let value = if by_lang { language.or(Some(label)) } else { None };
            let open = tabs::panel_open(&tabs::Panel { label, value, default: false });
            if !as_text && (language.is_some() || is_docsy) {
                Render::CodeTab(open, language.unwrap_or("").to_string())
            } else {
                Render::Open(open, tabs::panel_close())
            }
        }
        "param" => match call.arg_or("name", 0) {
            Some(key) => match page.templating.and_then(|t| t.param(key)) {
                Some(value) => Render::Text(value),
                None => Render::NotFound(format!(
                    "`{}` names no parameter of the page's front matter, of the `cascade` of its sections or of \
                     the site's `params`; it is shown as a placeholder",
                    super::shorten(&format!("{{{{{} param {key} {}}}}}", open_mark(call), close_mark(call)))
                )),
            },
            None => Render::Unknown,
        },
        "ref" | "relref" => match call.arg_or("path", 0) {
            // Hugo's page lookup finds the page; what it does not is read as a path.
            Some(path) => Render::Text(reference(path, page)),
            None => Render::Unknown,
        },
        "youtube" => match call.arg_or("id", 0) {
            Some(id) => Render::Block(video("YouTube", &format!("https://www.youtube.com/watch?v={id}"), call)),
            None => Render::Unknown,
        },
        "vimeo" | "vimeo_simple" => match call.arg_or("id", 0) {
            Some(id) => Render::Block(video("Vimeo", &format!("https://vimeo.com/{id}"), call)),
            None => Render::Unknown,
        },
        "figure" => match call.arg("src") {
            Some(src) => Render::Block(figure(call, src)),
            None => Render::Unknown,
        },
        _ => super::docsy_blocks::render(call, page).unwrap_or(Render::Unknown),
    }
}

/// The attributes of a `details` call's element: its class after `details`, and its
/// `name`, `open` and `title` (`open` unless `false` or `0`, as Hugo's shortcode reads it).
fn details_attributes(call: &Call<'_>) -> String {
    let mut out = String::from(" class=\"details");
    if let Some(class) = call.arg("class") {
        out.push(' ');
        out.push_str(&escape(class));
    }
    out.push('"');
    if let Some(name) = call.arg("name") {
        out.push_str(&format!(" name=\"{}\"", escape(name)));
    }
    if call.arg("open").is_some_and(|v| v != "false" && v != "0") {
        out.push_str(" open");
    }
    if let (Some(title), Some(_)) = (call.arg("title"), call.arg("summary")) {
        out.push_str(&format!(" title=\"{}\"", escape(title)));
    }
    out
}

/// How a Docsy `tabpane` remembers the reader's choice (its `persist` parameter, and the
/// older `persistLang=false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persist {
    /// By the tab's header, the default.
    Header,
    /// By the tab's `lang`.
    Lang,
    /// Not at all.
    Disabled,
}

/// The `persist` of the tab pane `call`.
fn persist(call: &Call<'_>) -> Persist {
    match call.arg("persist").map(str::to_ascii_lowercase).as_deref() {
        Some("lang") => Persist::Lang,
        Some("disabled" | "false") => Persist::Disabled,
        _ if call.arg("persistLang").is_some_and(|v| v == "false") => Persist::Disabled,
        _ => Persist::Header,
    }
}

/// The opening mark of a shortcode's syntax: `<` or `%`.
fn open_mark(call: &Call<'_>) -> char {
    if call.syntax == Syntax::HugoPercent { '%' } else { '<' }
}

/// The closing mark of a shortcode's syntax: `>` or `%`.
fn close_mark(call: &Call<'_>) -> char {
    if call.syntax == Syntax::HugoPercent { '%' } else { '>' }
}

/// The destination of a cross reference to `path` from `page`: Hugo's page lookup finds
/// the page; what it does not is read as a path.
fn reference(path: &str, page: Page<'_>) -> String {
    match page.links.and_then(|links| links.0.page_reference(path)) {
        Some(found) => reference_path(&format!("/{found}"), page.dir),
        None => reference_path(path, page.dir),
    }
}

/// A cross reference's target as a link destination written from the content folder
/// (`/runbooks/db.md`), which the resolver reads as a content path when no URL is
/// there, whatever the page's URL: Hugo reads `/x` from the content root and `x` from
/// the page's folder `dir`. A reference that climbs above the content folder is left
/// as written (and reported where it leads).
pub(super) fn reference_path(path: &str, dir: &str) -> String {
    let path = path.trim();
    let rooted = match path.strip_prefix('/') {
        Some(_) => path.to_string(),
        None => match crate::site_path::join_relative(dir, path) {
            Some(joined) => format!("/{joined}"),
            None => path.to_string(),
        },
    };
    rooted.replace(' ', "%20").replace(['(', ')'], "")
}

/// A link card for a video: opsbook embeds no third-party player (it would load the
/// provider's scripts and cookies); the card links to the video.
fn video(provider: &str, url: &str, call: &Call<'_>) -> String {
    let title = call.arg("title").unwrap_or("the video");
    format!("<p class=\"video-link\"><a href=\"{}\">Watch {} on {provider}</a></p>\n", escape(url), escape(title))
}

/// `<figure>` as Hugo's embedded template writes it (gohugoio/hugo
/// `tpl/tplimpl/embedded/templates/_shortcodes/figure.html`): the image, `alt` (else the
/// caption's text), its size and `loading`, a link around it with its `target` and
/// `rel`, and a caption of the `title` as a heading, the `caption` and the credit `attr`
/// (linked to `attrlink`) in Markdown. The image is found like a Markdown image's.
fn figure(call: &Call<'_>, src: &str) -> String {
    let attribute = |name: &str| call.arg(name).filter(|v| !v.is_empty());
    let class = attribute("class").map_or(String::new(), |c| format!(" class=\"{}\"", escape(c)));
    // A path (no address, not from the root) is a resource of the page's, else a global one.
    let relative = !src.starts_with(['/', '#']) && !src.contains(':') && !src.is_empty();
    let scheme = if relative { crate::markdown::rewrite::RESOURCE_SCHEME } else { "" };
    let mut img = format!("<img src=\"{scheme}{}\"", escape(src));
    let alt = attribute("alt").map(str::to_string).or_else(|| attribute("caption").map(plain_text));
    if let Some(alt) = alt {
        img.push_str(&format!(" alt=\"{}\"", escape(&alt)));
    }
    for name in ["width", "height", "loading"] {
        if let Some(value) = attribute(name) {
            img.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
    }
    img.push('>');
    if let Some(link) = attribute("link") {
        let mut around = format!("<a href=\"{}\"", escape(link));
        for name in ["target", "rel"] {
            if let Some(value) = attribute(name) {
                around.push_str(&format!(" {name}=\"{}\"", escape(value)));
            }
        }
        img = format!("{around}>{img}</a>");
    }
    let mut caption = String::new();
    if let Some(title) = attribute("title") {
        caption.push_str(&format!("<h4>{}</h4>", escape(title)));
    }
    if attribute("caption").is_some() || attribute("attr").is_some() {
        let attribution = attribute("attr").map_or(String::new(), |attr| match attribute("attrlink") {
            Some(link) => format!(" <a href=\"{}\">{}</a>", escape(link), title_html(attr)),
            None => format!(" {}", title_html(attr)),
        });
        let text = attribute("caption").map_or(String::new(), title_html);
        caption.push_str(&format!("<p>{}</p>", format!("{text}{attribution}").trim()));
    }
    let caption = if caption.is_empty() { String::new() } else { format!("<figcaption>{caption}</figcaption>") };
    format!("<figure{class}>{img}{caption}</figure>\n")
}

/// The text of the Markdown `markdown` without its markup, as Hugo's `markdownify |
/// plainify` gives a caption for `alt`.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::Event;
    let parser = pulldown_cmark::Parser::new_ext(markdown.trim(), crate::markdown::parser_options());
    let mut text = String::new();
    for event in parser {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The end of an escaped shortcode's comment was looked for from
    /// inside its start, so `{{</*/>}}` found it before the start, a reversed slice.
    #[test]
    fn an_escape_whose_comment_never_ends_is_no_token() {
        for text in ["{{</*/>}}", "{{%/*/%}}", "{{< /*/>}} text"] {
            let token = token(text, 0, &mut Finder::default(), false);
            assert!(!matches!(token, Some(Token { kind: Kind::Literal(_), .. })), "{text}: {token:?}");
        }
        let token = token("{{</* x */>}}", 0, &mut Finder::default(), true).expect("an escape");
        assert!(matches!(token.kind, Kind::Literal(ref shown) if shown == "{{< x >}}"), "{token:?}");
    }
}
