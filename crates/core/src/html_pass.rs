//! Rendered HTML read by html5ever's tokenizer, as a browser reads it: tags and their
//! attributes (quoted with `"` or `'`, unquoted, names in any case, entities decoded),
//! never what looks like one in text, comments or the content of `<script>`, `<style>`
//! and the other raw-text elements. The link check reads the ids and links a template
//! wrote ([`links_and_ids`]; lines read on earlier pages not again, [`LineMemo`]); the
//! body's images are sized, a runbook's first steps found and the dev server's reload
//! script placed by the places of tags ([`placed_tags`]).
//!
//! The tokenizer tells no places. [`placed_tags`] feeds it the text in pieces that each
//! end after a `>`: a tag ends at a `>`, so a tag read while a piece is fed ends where
//! the piece does.
//!
//! The tokenizer alone does not know where raw text starts: the browser's tree builder
//! switches it after a start tag such as `<script>` ([`raw_kind`]), but not inside
//! `<svg>` or `<math>`, whose `<title>` and `<style>` are elements like any other. The
//! sink does the same.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

mod memo;
pub use memo::{LineMemo, links_and_ids_with};

/// The attributes that hold a link (each candidate of a `srcset` is a link of its own).
const LINK_NAMES: &[&str] = &["href", "src", "srcset"];
/// The attributes that name a link target.
const ID_NAMES: &[&str] = &["id", "name"];

/// What one pass found in a piece of HTML, in the order it stands there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinksAndIds {
    /// The values of `href`, `src` and each URL of a `srcset`.
    pub links: Vec<String>,
    /// The values of `id` and `name`.
    pub ids: Vec<String>,
}

/// A start or end tag, and where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedTag {
    /// Its name, in lower case.
    pub name: String,
    /// Whether it is an end tag (`</p>`).
    pub end_tag: bool,
    /// Where it ends in the text: after its `>`.
    pub end: usize,
    /// Whether it closes itself (`<img ... />`): its `/` is the tokenizer's reading, not
    /// the last byte of an unquoted value (`src=a/`).
    pub self_closing: bool,
    /// Its attributes, `(name, value)`, names in lower case and values decoded.
    pub attributes: Vec<(String, String)>,
}

impl PlacedTag {
    /// The value of its attribute `name` (lower case), if it has one.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(found, _)| found == name).map(|(_, value)| value.as_str())
    }

    /// Where it starts in `html`, the text it was read from: the last `<` before its end
    /// that opens a tag of its name (`<pre`, `</pre`, any case). A `<` followed by the
    /// name inside one of its own attribute values would be taken for it.
    pub fn start(&self, html: &str) -> usize {
        let head = html.get(..self.end).unwrap_or(html).as_bytes();
        let name = self.name.as_bytes();
        let opens_here = |at: usize| {
            let rest = &head[at + 1..];
            let rest = if self.end_tag { rest.strip_prefix(b"/").unwrap_or(rest) } else { rest };
            rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name)
        };
        memchr::memrchr_iter(b'<', head).find(|&at| opens_here(at)).unwrap_or(0)
    }
}

/// The links and ids of the tags of `html` (see the module).
pub fn links_and_ids(html: &str) -> LinksAndIds {
    if !html.contains('<') {
        return LinksAndIds::default();
    }
    read(html, Pass { collect: true, ..Pass::default() }).found.into_inner()
}

/// The start and end tags of `html` named `names` (lower case), in order, with their
/// places (see the module).
pub fn placed_tags(html: &str, names: &[&str]) -> Vec<PlacedTag> {
    if !html.contains('<') {
        return Vec::new();
    }
    read(html, Pass { places: names.iter().map(|name| (*name).to_string()).collect(), ..Pass::default() })
        .tags
        .into_inner()
}

/// Runs the tokenizer over `html` into `sink`; when the sink places tags, piece by
/// piece (see the module).
fn read(html: &str, sink: Pass) -> Pass {
    // A tendril holds at most 4 GiB; a page is far smaller, and a larger text is read
    // as one holding nothing.
    let Ok(len) = u32::try_from(html.len()) else { return sink };
    let placing = !sink.places.is_empty();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    let whole = StrTendril::from_slice(html);
    if placing {
        let mut from = 0;
        let ends = memchr::memchr_iter(b'>', html.as_bytes()).map(|at| at as u32 + 1).chain([len]);
        for end in ends.filter(|&end| end > 0) {
            if end > from {
                tokenizer.sink.piece_end.set(end as usize);
                input.push_back(whole.subtendril(from, end - from));
                // The sink never asks for a script to run, so the tokenizer reads it all.
                let _ = tokenizer.feed(&input);
                from = end;
            }
        }
    } else {
        input.push_back(whole);
        let _ = tokenizer.feed(&input);
    }
    tokenizer.end();
    tokenizer.sink
}

/// The byte ranges of the URLs of a `srcset` value, as the HTML standard splits it:
/// candidates separated by commas, each a URL (up to white space) and an optional
/// descriptor (`2x`, `640w`).
pub fn srcset_urls(value: &str) -> Vec<std::ops::Range<usize>> {
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
pub fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => TokenSinkResult::RawData(RawKind::Rawtext),
        "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

/// The sink of [`read`]: what one pass collects.
#[derive(Default)]
struct Pass {
    /// Whether it collects links and ids ([`links_and_ids`]).
    collect: bool,
    /// The names of the tags it places ([`placed_tags`]).
    places: Vec<String>,
    /// Where the piece being read ends.
    piece_end: Cell<usize>,
    /// How deep inside `<svg>` or `<math>` the tokens are.
    foreign: Cell<usize>,
    /// Whether the tokens are the content of a raw-text element the sink switched to.
    raw: Cell<bool>,
    /// Whether the last token was text ending in a line feed.
    ends_in_line_feed: Cell<bool>,
    found: RefCell<LinksAndIds>,
    tags: RefCell<Vec<PlacedTag>>,
}

impl TokenSink for Pass {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.ends_in_line_feed.set(matches!(&token, Token::CharacterTokens(text) if text.ends_with('\n')));
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        // In raw text, the tokenizer makes a tag of the end tag that closes it only.
        self.raw.set(false);
        let name: &str = &tag.name;
        let end_tag = tag.kind == TagKind::EndTag;
        if self.places.iter().any(|wanted| wanted == name) {
            let attributes = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
            let end = self.piece_end.get();
            let self_closing = tag.self_closing;
            self.tags.borrow_mut().push(PlacedTag { name: name.to_string(), end_tag, end, attributes, self_closing });
        }
        let foreign = name == "svg" || name == "math";
        // The tags that end foreign content in a browser: `<svg><p>` is an HTML `<p>`.
        if self.foreign.get() > 0
            && (breaks_out(name, end_tag) || (name == "font" && !end_tag && font_breaks_out(&tag)))
        {
            self.foreign.set(0);
        }
        if end_tag {
            if foreign {
                self.foreign.set(self.foreign.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        let mut found = self.found.borrow_mut();
        for attribute in tag.attrs.iter().filter(|_| self.collect) {
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
            Some(kind) if self.foreign.get() == 0 => {
                self.raw.set(true);
                kind
            }
            _ => TokenSinkResult::Continue,
        }
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

impl Pass {
    /// Whether the tokenizer, having read a piece that ends in a line feed, stands in the
    /// data state with nothing pending: the line feed was given as text, which in HTML
    /// (not raw text, not SVG's CDATA) happens in the data state only, and a line feed
    /// read there leaves no tag, comment or reference open.
    fn ends_clean(&self) -> bool {
        self.ends_in_line_feed.get() && !self.raw.get() && self.foreign.get() == 0
    }
}

/// Whether tag `name` ends the SVG or MathML content it stands in, as the HTML parser's
/// rules for foreign content say: these start tags, and the end tags `</p>` and `</br>`.
fn breaks_out(name: &str, end_tag: bool) -> bool {
    const START: [&str; 44] = [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ];
    if end_tag { matches!(name, "p" | "br") } else { START.contains(&name) }
}

/// Whether a `<font>` start tag ends foreign content: with a `color`, `face` or `size`.
fn font_breaks_out(tag: &html5ever::tokenizer::Tag) -> bool {
    tag.attrs.iter().any(|a| matches!(&*a.name.local, "color" | "face" | "size"))
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
    fn an_html_tag_ends_an_unclosed_svg() {
        let html = "<svg><p>x</p><script>s = '<a href=\"/in-script/\">';</script><a href=\"/after/\">";
        assert_eq!(found(html).0, ["/after/"]);
        let math = "<math><font size=\"2\"></font><style><a href=\"/in-style/\"></style></math>";
        assert!(found(math).0.is_empty());
    }

    #[test]
    fn splits_srcset_candidates() {
        let html = r#"<img srcset="a.png, b.png 2x,c.png 640w , d,e.png" src="f.png"><source srcset='g.png'>"#;
        let links = found(html).0;
        assert_eq!(links, ["a.png", "b.png", "c.png", "d,e.png", "f.png", "g.png"]);
    }

    /// The names, kinds and ends of the tags `placed_tags` places in `html`.
    fn places(html: &str, names: &[&str]) -> Vec<(String, bool, usize)> {
        placed_tags(html, names).into_iter().map(|tag| (tag.name, tag.end_tag, tag.end)).collect()
    }

    #[test]
    fn places_tags_where_their_last_greater_than_sign_stands() {
        let html = "<p>a > b</p><IMG alt='x > y' src=a.png><!-- <img> --><script>'<img>'</script><img/>";
        let after = |text: &str| html.find(text).expect("in the text") + text.len();
        let expected: Vec<(String, bool, usize)> = vec![
            ("p".into(), false, after("<p>")),
            ("p".into(), true, after("</p>")),
            ("img".into(), false, after("src=a.png>")),
            ("img".into(), false, html.len()),
        ];
        assert_eq!(places(html, &["p", "img"]), expected);
        let html = "<body><p>x</p><script>document.write('</body>')</script></BODY >\n</html>";
        let body_end = html.find("</BODY >").expect("end") + "</BODY >".len();
        assert_eq!(places(html, &["body"]), [("body".into(), false, 6), ("body".into(), true, body_end)]);
        let tag = &placed_tags("<img SRC=\"a&amp;b.png\" Width=3>", &["img"])[0];
        assert_eq!(
            (tag.attribute("src"), tag.attribute("width"), tag.attribute("height")),
            (Some("a&b.png"), Some("3"), None)
        );
    }

    #[test]
    fn finds_where_a_placed_tag_starts() {
        let html = "<p>a > b</p><IMG alt='x > y' src=a.png><!-- <pre> --><Pre class=c>x</PRE ><pre>";
        let starts: Vec<(String, usize)> =
            placed_tags(html, &["p", "img", "pre"]).iter().map(|t| (t.name.clone(), t.start(html))).collect();
        let at = |text: &str| html.find(text).expect("in the text");
        let expected: Vec<(String, usize)> = vec![
            ("p".into(), 0),
            ("p".into(), at("</p>")),
            ("img".into(), at("<IMG")),
            ("pre".into(), at("<Pre")),
            ("pre".into(), at("</PRE")),
            ("pre".into(), html.rfind("<pre>").expect("last")),
        ];
        assert_eq!(starts, expected);
    }

    #[test]
    fn a_tag_cut_off_by_the_end_is_no_tag() {
        assert_eq!(places("<p>x</p><img src=\"a > b", &["img"]), []);
        assert_eq!(places("no tags at all", &["img"]), []);
    }

    #[test]
    fn reads_attributes_of_end_tags_not_and_text_without_tags_not() {
        assert_eq!(found("</a href=\"/end/\"><br id=x/>"), (vec![], vec!["x/".into()]));
        assert_eq!(found("no tags id=\"x\""), (vec![], vec![]));
    }
}
