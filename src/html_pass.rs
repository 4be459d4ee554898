//! One pass of html5ever's tokenizer over the HTML a template wrote: the ids a link can
//! point to and the links it holds, read as a browser reads them. Attributes are found
//! only in tags (quoted with `"` or `'`, unquoted, names in any case, entities decoded),
//! never in text, comments or the content of `<script>`, `<style>` and the other
//! raw-text elements.
//!
//! The tokenizer alone does not know where raw text starts: the browser's tree builder
//! switches it after a start tag such as `<script>` ([`raw_kind`]), but not inside
//! `<svg>` or `<math>`, whose `<title>` and `<style>` are elements like any other. The
//! sink does the same.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

/// The attributes that hold a link (each candidate of a `srcset` is a link of its own).
const LINK_NAMES: &[&str] = &["href", "src", "srcset"];
/// The attributes that name a link target.
const ID_NAMES: &[&str] = &["id", "name"];

/// What one pass found in a piece of HTML, in the order it stands there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LinksAndIds {
    /// The values of `href`, `src` and each URL of a `srcset`.
    pub(crate) links: Vec<String>,
    /// The values of `id` and `name`.
    pub(crate) ids: Vec<String>,
}

/// The links and ids of the tags of `html` (see the module).
pub(crate) fn links_and_ids(html: &str) -> LinksAndIds {
    if !html.contains('<') {
        return LinksAndIds::default();
    }
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The sink never asks for a script to run, so the tokenizer reads it all.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

/// The byte ranges of the URLs of a `srcset` value, as the HTML standard splits it:
/// candidates separated by commas, each a URL (up to white space) and an optional
/// descriptor (`2x`, `640w`).
pub(crate) fn srcset_urls(value: &str) -> Vec<std::ops::Range<usize>> {
    let (bytes, end) = (value.as_bytes(), value.len());
    let mut urls = Vec::new();
    let mut at = 0;
    while at < end {
        while at < end && (bytes[at].is_ascii_whitespace() || bytes[at] == b',') {
            at += 1;
        }
        let url = at;
        while at < end && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        // Commas that end the URL end its candidate, which then has no descriptor.
        let mut url_end = at;
        while url_end > url && bytes[url_end - 1] == b',' {
            url_end -= 1;
        }
        if url_end > url {
            urls.push(url..url_end);
        }
        if url_end == at {
            while at < end && bytes[at] != b',' {
                at += 1;
            }
        }
    }
    urls
}

/// The tokenizer state the browser's tree builder sets after the start tag `name`, for
/// the elements whose content is raw text.
pub(crate) fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

/// The sink of [`links_and_ids`].
#[derive(Default)]
struct Collector {
    /// How deep inside `<svg>` or `<math>` the tokens are.
    foreign: Cell<usize>,
    found: RefCell<LinksAndIds>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        let name: &str = &tag.name;
        let foreign = name == "svg" || name == "math";
        if tag.kind == TagKind::EndTag {
            if foreign {
                self.foreign.set(self.foreign.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        let mut found = self.found.borrow_mut();
        for attribute in &tag.attrs {
            let (name, value): (&str, &str) = (&attribute.name.local, &attribute.value);
            if name == "srcset" {
                found.links.extend(srcset_urls(value).into_iter().map(|url| value[url].to_string()));
            } else if LINK_NAMES.contains(&name) {
                found.links.push(value.to_string());
            } else if ID_NAMES.contains(&name) {
                found.ids.push(value.to_string());
            }
        }
        if foreign && !tag.self_closing {
            self.foreign.set(self.foreign.get() + 1);
        }
        match raw_kind(name) {
            Some(kind) if self.foreign.get() == 0 => kind,
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The links and ids `links_and_ids` finds in `html`.
    fn found(html: &str) -> (Vec<String>, Vec<String>) {
        let LinksAndIds { links, ids } = links_and_ids(html);
        (links, ids)
    }

    #[test]
    fn reads_attributes_in_any_quotes_and_case() {
        let html = "<A HREF='/a/' ID=top>x</A><img Src=\"b.png\" alt='a > b' name=pic><h2 id = \"c&amp;d\">";
        assert_eq!(found(html), (vec!["/a/".into(), "b.png".into()], vec!["top".into(), "pic".into(), "c&d".into()]));
    }

    #[test]
    fn a_greater_than_sign_in_a_value_does_not_end_the_tag() {
        let html = "<a title=\"x > y\" href=\"/after/\" data-x='>' id=\"z\">";
        assert_eq!(found(html), (vec!["/after/".into()], vec!["z".into()]));
    }

    #[test]
    fn ignores_comments_text_scripts_and_styles() {
        let html = "<!-- <a href=\"/commented/\" id=\"c\"> -->\
            <p>Write href=\"/text/\" or id=\"t\" here.</p>\
            <script>let a = '<a href=\"/script/\" id=\"s\">'; if (a < b) {}</script>\
            <style>a[href=\"/style/\"] { }</style>\
            <textarea><a href=\"/textarea/\"></textarea>\
            <a href=\"/real/\">r</a>";
        assert_eq!(found(html), (vec!["/real/".into()], vec![]));
    }

    #[test]
    fn svg_titles_and_styles_are_elements() {
        let html = "<svg id=\"d\"><title>T</title><style>.x{}</style><a href=\"#n\"><g id=\"n\"/></a></svg>\
            <title><a href=\"/in-title/\"></title><a href=\"/after/\">";
        assert_eq!(found(html), (vec!["#n".into(), "/after/".into()], vec!["d".into(), "n".into()]));
    }

    #[test]
    fn splits_srcset_candidates() {
        let html = r#"<img srcset="a.png, b.png 2x,c.png 640w , d,e.png" src="f.png"><source srcset='g.png'>"#;
        let links = found(html).0;
        assert_eq!(links, ["a.png", "b.png", "c.png", "d,e.png", "f.png", "g.png"]);
    }

    #[test]
    fn reads_attributes_of_end_tags_not_and_text_without_tags_not() {
        assert_eq!(found("</a href=\"/end/\"><br id=x/>"), (vec![], vec!["x/".into()]));
        assert_eq!(found("no tags id=\"x\""), (vec![], vec![]));
    }
}
