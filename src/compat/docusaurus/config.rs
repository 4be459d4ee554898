//! What opsbook reads of a Docusaurus configuration's text (`docusaurus.config.js`)
//! without running it: the docs route and the Markdown format.

/// The `routeBasePath` of the docs plugin in the text of a Docusaurus configuration,
/// without its slashes: the `routeBasePath` inside the object of its `docs:` key (the
/// preset's options or the plugin's), `docs` unless it is there.
pub(crate) fn docs_route_base(text: &str) -> String {
    let mut from = 0;
    while let Some(found) = text[from..].find("docs") {
        let at = from + found;
        from = at + 4;
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[at + 4..].trim_start_matches(['\'', '"']).trim_start();
        let Some(object) = rest.strip_prefix(':').map(str::trim_start).and_then(|r| r.strip_prefix('{')) else {
            continue;
        };
        if word_before {
            continue;
        }
        let body = &object[..object_end(object)];
        return route_base_in(body).unwrap_or_else(|| "docs".to_string());
    }
    "docs".to_string()
}

/// Where a Docusaurus site was published: the configuration's `url` (its host) and
/// `baseUrl` (the path after it) joined, as Docusaurus joins them for the site's
/// canonical addresses (<https://docusaurus.io/docs/api/docusaurus-config#url>); `None`
/// when the exported object does not give `url` as a string of an HTTP address.
pub(crate) fn published_address(text: &str) -> Option<String> {
    let exported = super::js_literal::exported_value(text).ok()??;
    let url = exported.get("url")?.str()?;
    let base = exported.get("baseUrl").and_then(super::js_literal::Located::str);
    crate::compat::interface::published_address(url, base)
}

/// Whether a Docusaurus configuration's text sets `trailingSlash: true` (a key of its
/// own, not the end of a longer name). Unset, or `false`, Docusaurus links each page
/// without the slash (`@docusaurus/utils`, `applyTrailingSlash`), and the browser reads
/// a relative link from the page's folder, as from its file's.
pub(crate) fn trailing_slash(text: &str) -> bool {
    trailing_slash_setting(text) == Some(true)
}

/// The `trailingSlash` a Docusaurus configuration's text sets (`true` or `false`, a key
/// of its own, not the end of a longer name); `None` when it sets neither.
pub(crate) fn trailing_slash_setting(text: &str) -> Option<bool> {
    text.match_indices("trailingSlash").find_map(|(at, key)| {
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[at + key.len()..].trim_start_matches(['\'', '"']).trim_start();
        let value = rest.strip_prefix(':').map(str::trim_start).unwrap_or("");
        let word = |w: &str| {
            value.starts_with(w) && value[w.len()..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
        };
        if word_before {
            None
        } else if word("true") {
            Some(true)
        } else if word("false") {
            Some(false)
        } else {
            None
        }
    })
}

/// The `format` of the `markdown: { … }` object of a Docusaurus configuration's text
/// (`mdx`, `md` or `detect`; Docusaurus's default, `mdx`, when none is written): with
/// `mdx` every `.md` page is MDX, with `detect` only `.mdx` pages are, with `md` none.
/// <https://docusaurus.io/docs/api/docusaurus-config#markdown>
pub(crate) fn markdown_format(text: &str) -> Option<String> {
    quoted_key_in(markdown_object(text)?, "format")
}

/// Whether a Docusaurus configuration's text leaves remark-emoji on: Docusaurus runs it
/// on every page (`:smile:` is an emoji) unless its `markdown: { … }` object says
/// `emoji: false` (`DEFAULT_MARKDOWN_CONFIG` in `@docusaurus/core`'s
/// `server/configValidation.ts`, <https://docusaurus.io/docs/api/docusaurus-config#markdown>).
pub(crate) fn markdown_emoji(text: &str) -> bool {
    let Some(body) = markdown_object(text) else { return true };
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let Some(end) = (depth == 0).then(|| key_end(body, i, "emoji")).flatten() else { continue };
        let value = body[end..].trim_start_matches(['\'', '"']).trim_start();
        let value = value.strip_prefix(':').map_or("", str::trim_start);
        let ends = value.get(5..6).is_none_or(|c| !c.chars().all(|c| c.is_alphanumeric() || c == '_'));
        return !(value.starts_with("false") && ends);
    }
    true
}

/// The text inside the `markdown: { … }` object of a Docusaurus configuration's text.
fn markdown_object(text: &str) -> Option<&str> {
    let mut from = 0;
    while let Some(found) = text[from..].find("markdown") {
        let at = from + found;
        from = at + "markdown".len();
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[from..].trim_start_matches(['\'', '"']).trim_start();
        let Some(object) = rest.strip_prefix(':').map(str::trim_start).and_then(|r| r.strip_prefix('{')) else {
            continue;
        };
        if word_before {
            continue;
        }
        return Some(&object[..object_end(object)]);
    }
    None
}

/// Where the name `key` ends when it (possibly quoted) starts at byte `i` of `body` and
/// is no part of a longer name.
fn key_end(body: &str, i: usize, key: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let name_at = if body[i..].starts_with(['\'', '"']) { i + 1 } else { i };
    let end = name_at + key.len();
    (body[name_at..].starts_with(key)
        && !body[..i].chars().next_back().is_some_and(is_word)
        && !body[end..].chars().next().is_some_and(is_word))
    .then_some(end)
}

/// The length of the text of an object literal whose `{` was just passed, up to its
/// closing `}` (nested braces counted; strings are not looked into).
fn object_end(object: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in object.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    object.len()
}

/// The value of `routeBasePath: '…'` at the top of an object's text.
fn route_base_in(body: &str) -> Option<String> {
    quoted_key_in(body, "routeBasePath").map(|value| value.trim_matches('/').to_string())
}

/// The quoted value of `key: '…'` at the top of an object's text (not in a nested
/// object, list or call; `key` not the end of a longer name).
fn quoted_key_in(body: &str, key: &str) -> Option<String> {
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0
                && body[i..].starts_with(key)
                && !body[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') =>
            {
                let Some(rest) = body[i + key.len()..].trim_start().strip_prefix(':') else { continue };
                let rest = rest.trim_start();
                let quote = rest.chars().next().filter(|q| matches!(q, '\'' | '"' | '`'))?;
                return Some(rest[1..rest[1..].find(quote)? + 1].to_string());
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_docs_route_of_a_docusaurus_configuration() {
        let preset = "presets: [['classic', ({ docs: { sidebarPath: 'x', routeBasePath: '/guide/' }, blog: { routeBasePath: 'news' } })]]";
        assert_eq!(docs_route_base(preset), "guide");
        let default = "presets: [['classic', { docs: { sidebarPath: require.resolve('./s.js') }, blog: { path: './blog', routeBasePath: 'blog' } }]]";
        assert_eq!(docs_route_base(default), "docs");
        let nested = "docs: { versions: { current: { routeBasePath: 'x' } }, routeBasePath: '/' }";
        assert_eq!(docs_route_base(nested), "");
        assert_eq!(docs_route_base("module.exports = {}"), "docs");
        assert_eq!(docs_route_base("docsRouteBasePath: '/x', mydocs: { routeBasePath: 'y' }"), "docs");
    }

    #[test]
    fn reads_the_markdown_format_of_a_docusaurus_configuration() {
        let detect = "const config = { title: 'x', markdown: { mermaid: true, format: 'detect' }, presets: [] }";
        assert_eq!(markdown_format(detect).as_deref(), Some("detect"));
        assert_eq!(markdown_format("markdown: {format: \"md\"}").as_deref(), Some("md"));
        // Docusaurus's default, and a `format` of a nested object or another key.
        assert_eq!(markdown_format("module.exports = { title: 'x' }"), None);
        assert_eq!(markdown_format("markdown: { mdx1Compat: { format: 'md' } }"), None);
        assert_eq!(markdown_format("remarkMarkdown: { format: 'md' }, markdown: { textformat: 'md' }"), None);
    }

    /// `markdown.emoji` is true unless set (`DEFAULT_MARKDOWN_CONFIG`, facebook/docusaurus
    /// `packages/docusaurus/src/server/configValidation.ts`; its mdx-loader's
    /// `processor.ts` adds remark-emoji when it is).
    #[test]
    fn reads_whether_remark_emoji_is_on() {
        assert!(markdown_emoji("module.exports = { title: 'x' }"));
        assert!(markdown_emoji("markdown: { mermaid: true, format: 'md' }"));
        assert!(markdown_emoji("markdown: { emoji: true }"));
        assert!(!markdown_emoji("const config = { markdown: { mermaid: true, emoji: false }, presets: [] }"));
        assert!(!markdown_emoji("markdown: {\n  'emoji' : false,\n}"));
        // Another key, or a nested object's.
        assert!(markdown_emoji("markdown: { noemoji: false, hooks: { emoji: false } }"));
        assert!(markdown_emoji("markdown: { emoji: falsey }"));
    }

    #[test]
    fn reads_trailing_slash_of_a_docusaurus_configuration() {
        assert!(trailing_slash("const config = { url: 'x', trailingSlash: true, presets: [] }"));
    }

    #[test]
    fn the_published_address_is_url_and_base_url() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "module.exports = { title: 'Metro', url: 'https://facebook.github.io', baseUrl: '/metro/' };",
                Some("https://facebook.github.io/metro"),
            ),
            (
                "const config: Config = {\n  url: \"https://docs.example.org/\",\n  baseUrl: \"/\",\n};\nexport default config;",
                Some("https://docs.example.org"),
            ),
            ("export default { url: process.env.URL, baseUrl: '/' };", None),
            ("module.exports = { baseUrl: '/docs/' };", None),
            ("const siteUrl = 'x';", None),
        ];
        for &(text, address) in cases {
            assert_eq!(published_address(text).as_deref(), address, "{text}");
        }
        assert!(trailing_slash("module.exports = {\n  'trailingSlash' : true\n}"));
        for text in ["trailingSlash: false", "{ title: 'x' }", "myTrailingSlash: true", "trailingSlash: trueish"] {
            assert!(!trailing_slash(text), "{text}");
        }
    }
}
