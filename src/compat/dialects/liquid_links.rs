//! Jekyll's `{% link PATH %}` and `{% post_url NAME %}` in the Liquid stage
//! ([`super::evaluate`]): each writes the URL of the page it names wherever Liquid
//! renders it, in a `capture`, an HTML attribute or text, as Jekyll's tags do
//! (jekyll/jekyll `lib/jekyll/tags/link.rb`, `post_url.rb`: `relative_url(item)` of
//! the site file whose `relative_path` is PATH, of the post NAME names). The URL is
//! `/` and the page's path in the site, as opsbook's `relative_url` writes it: opsbook
//! adds its base path to every link of a page itself.
//!
//! A tag that names no page (a static file, a missing path, a name written with a
//! variable) is left to the later stage, which resolves it like a link and reports a
//! missing one at the tag; Jekyll stops the build there.

use super::Page;
use super::liquid_recover::OUTPUT_TAG;
use super::liquid_runtime::SiteGlobals;
use super::liquid_template::{Kind, Piece};

/// Makes each `link` and `post_url` tag among `pieces` (of `text`) that names a page
/// of the site write its URL.
pub(super) fn write_urls(text: &str, pieces: &mut [Piece], page: Page<'_>, site: &SiteGlobals) {
    for piece in pieces.iter_mut().filter(|piece| piece.kind == Kind::Keep) {
        let source = &text[piece.range.clone()];
        let Some(inner) = source.strip_prefix("{%").and_then(|s| s.strip_suffix("%}")) else { continue };
        let trims = (inner.starts_with('-'), inner.ends_with('-'));
        let inner = inner.trim_matches('-').trim();
        let (name, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        let Some(url) = url_of(name, args.trim(), page, site) else { continue };
        let Some(quote) = ['\'', '"'].into_iter().find(|quote| !url.contains(*quote)) else { continue };
        let dash = |trim: bool| if trim { "-" } else { "" };
        let markup = format!("{{%{} {OUTPUT_TAG} {quote}{url}{quote} {}%}}", dash(trims.0), dash(trims.1));
        piece.kind = Kind::Liquid { name: name.to_string(), trims, markup: Some(markup), lenient: false };
    }
}

/// The URL the tag `name` with `args` writes, when it is `link` or `post_url` and
/// names a page of the site.
fn url_of(name: &str, args: &str, page: Page<'_>, site: &SiteGlobals) -> Option<String> {
    let arg = args.split_whitespace().next().filter(|arg| !arg.contains(['{', '}']))?;
    let arg = arg.trim_matches(['"', '\'']);
    let path = match name {
        "link" => arg.trim_start_matches('/').to_string(),
        "post_url" => page.links?.0.page_reference(arg)?,
        _ => return None,
    };
    site.url_of(&path).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::links::{LinkResolver, Resolution};
    use crate::markdown::templating::ListedPage;

    /// The pages of Jekyll's test site that its tag tests name (`test/source`).
    fn site() -> SiteGlobals {
        let listed = |path: &str, url: &str| ListedPage {
            path: path.into(),
            url: url.into(),
            date: None,
            front: Default::default(),
            body: None,
        };
        let pages: std::sync::Arc<[ListedPage]> = vec![
            listed("contacts.html", "contacts.html"),
            listed("info.md", "info.html"),
            listed("_methods/yaml_with_dots.md", "methods/yaml_with_dots.html"),
            listed("_methods/sanitized_path.md", "methods/sanitized_path.html"),
            listed("_methods/site/generate.md", "methods/site/generate.html"),
            listed("_posts/2008-11-21-complex.markdown", "2008/11/21/complex/"),
            listed("_posts/2016-11-26-special-chars-(+).markdown", "2016/11/26/special-chars-(+)/"),
            listed("es/_posts/2008-11-21-nested.markdown", "2008/11/21/nested/"),
        ]
        .into();
        let mut globals = serde_json::Map::new();
        globals.insert("site".into(), serde_json::json!({"collections": {"methods": {"output": true}}}));
        SiteGlobals::with_pages(&globals, &pages, Default::default())
    }

    /// The site's posts, for `post_url` ([`crate::compat::jekyll::post_url::find`]).
    struct Posts(Vec<&'static str>);

    impl LinkResolver for Posts {
        fn resolve(&self, _from_dir: &str, _destination: &str) -> Resolution {
            Resolution::External
        }
        fn page_reference(&self, reference: &str) -> Option<String> {
            crate::compat::jekyll::post_url::find(self.0.iter().copied(), reference, "")
        }
    }

    /// What each tag of `text` is written as for Liquid: its markup when it writes a
    /// URL, `None` when it is left to the later stage.
    fn written(text: &str) -> Vec<Option<String>> {
        let posts = Posts(vec![
            "_posts/2008-11-21-complex.markdown",
            "_posts/2016-11-26-special-chars-(+).markdown",
            "es/_posts/2008-11-21-nested.markdown",
        ]);
        let page = Page {
            public: true,
            links: Some(crate::markdown::rewrite::PageLookup(&posts)),
            ..crate::markdown::testing::plain_page()
        };
        let mut pieces = super::super::liquid_pieces::find_pieces(text, false);
        write_urls(text, &mut pieces, page, &site());
        pieces
            .iter()
            .map(|piece| match &piece.kind {
                Kind::Liquid { markup, .. } => markup.clone(),
                _ => None,
            })
            .collect()
    }

    fn output(url: &str) -> Option<String> {
        Some(format!("{{% opsbook_output '{url}' %}}"))
    }

    /// jekyll/jekyll `test/test_tag_link.rb` at 202df571314ba1d18e9fccd81d12aaad4a703c38:
    /// "simple page with linking to a page", "simple page with linking", "simple page
    /// with nested linking"; "invalid linking" fails in Jekyll, and is left to the later
    /// stage here, as is a static file (`/css/screen.css`) and a path written with a
    /// variable ("dynamic linking", which opsbook does not evaluate).
    #[test]
    fn a_link_writes_the_url_of_the_page_it_names() {
        let text = "{% link contacts.html %} {%- link /info.md -%} {% link _methods/yaml_with_dots.md %} \
                    {% link _methods/sanitized_path.md %} {% link _methods/site/generate.md %} \
                    {% link non-existent-collection-item %} {% link /css/screen.css %} {% link {{ info_path }} %}";
        assert_eq!(
            written(text),
            [
                output("/contacts.html"),
                Some("{%- opsbook_output '/info.html' -%}".to_string()),
                output("/methods/yaml_with_dots.html"),
                output("/methods/sanitized_path.html"),
                output("/methods/site/generate.html"),
                None,
                None,
                None,
            ]
        );
    }

    /// jekyll/jekyll `test/test_tag_post_url.rb` at
    /// 202df571314ba1d18e9fccd81d12aaad4a703c38: "simple page with post linking",
    /// "... containing special characters", "... nested post linking" (1 to 4), "...
    /// path not used in `post_url`" (the deprecated match); "invalid post name linking"
    /// fails in Jekyll, and is left to the later stage here.
    #[test]
    fn a_post_url_writes_the_url_of_the_post_it_names() {
        let text = "{% post_url 2008-11-21-complex %} {% post_url 2016-11-26-special-chars-(+) %} \
                    {% post_url /2008-11-21-complex %} {% post_url es/2008-11-21-nested %} \
                    {% post_url /es/2008-11-21-nested %} {% post_url 2008-11-21-nested %} \
                    {% post_url abc2008-11-21-complex %}";
        assert_eq!(
            written(text),
            [
                output("/2008/11/21/complex/"),
                output("/2016/11/26/special-chars-(+)/"),
                output("/2008/11/21/complex/"),
                output("/2008/11/21/nested/"),
                output("/2008/11/21/nested/"),
                output("/2008/11/21/nested/"),
                None,
            ]
        );
    }
}
