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

/// The links and ids of the tags of `html`, as [`links_and_ids`] finds them, reading
/// again no line that `memo` holds (see [`LineMemo`]).
pub fn links_and_ids_with(html: &str, memo: &LineMemo) -> LinksAndIds {
    if !html.contains('<') {
        return LinksAndIds::default();
    }
    let Ok(len) = u32::try_from(html.len()) else { return LinksAndIds::default() };
    let tokenizer = Tokenizer::new(Pass { collect: true, ..Pass::default() }, TokenizerOpts::default());
    let input = BufferQueue::default();
    let whole = StrTendril::from_slice(html);
    // The tokenizer starts in the data state, the sink outside raw text and SVG.
    let mut clean = true;
    let mut from = 0u32;
    let ends = memchr::memchr_iter(b'\n', html.as_bytes()).map(|at| at as u32 + 1).chain([len]);
    for end in ends {
        if end == from {
            continue;
        }
        let line = &html[from as usize..end as usize];
        let known = clean && line.ends_with('\n');
        // Read from the data state, a line without a `<` is text and references: it
        // holds no tag and ends where it started.
        if known && memchr::memchr(b'<', line.as_bytes()).is_none() {
            from = end;
            continue;
        }
        let key = known.then(|| xxhash_rust::xxh3::xxh3_128(line.as_bytes()));
        if key.is_some_and(|key| memo.recall(key, &mut tokenizer.sink.found.borrow_mut())) {
            from = end;
            continue;
        }
        let before = tokenizer.sink.found.borrow().counts();
        // A line that gives no token (inside a comment) must not count the last one.
        tokenizer.sink.ends_in_line_feed.set(false);
        input.push_back(whole.subtendril(from, end - from));
        let _ = tokenizer.feed(&input);
        from = end;
        clean = tokenizer.sink.ends_clean();
        if let Some(key) = key.filter(|_| clean)
            && let Some(found) = tokenizer.sink.found.borrow().since(before)
        {
            memo.keep(key, found);
        }
    }
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

/// What [`links_and_ids_with`] read of lines of template output: the links and ids of
/// each line, by the hash of its text. A template writes the same lines into page after
/// page (its head, its footer, a table of contents twice). A line is kept only when
/// it starts and ends in the data state, outside raw text and SVG: its links and ids
/// then depend on its text alone. Bounded: past [`LineMemo::MOST`] lines, no more are
/// kept. Shared by the threads of a build, in shards.
#[derive(Default)]
pub struct LineMemo {
    shards: [std::sync::Mutex<crate::hash::FastHashMap<u128, LineFound>>; SHARDS],
}

const SHARDS: usize = 16;

/// The links and ids of one line ([`LineMemo`]), in one text: the links, then the ids,
/// each followed by a NUL (the tokenizer gives a NUL in a value as U+FFFD), and how
/// many of them are links. A line without either allocates nothing.
#[derive(Debug, Default)]
struct LineFound {
    links: u32,
    text: Box<str>,
}

impl LineMemo {
    /// The most lines a memo keeps: 7/8 of 4,096 per shard, so that each shard's table
    /// fills its 4,096 buckets (about 3 MiB in all, and the found values).
    pub const MOST: usize = SHARDS * 4096 / 8 * 7;

    fn shard(&self, key: u128) -> std::sync::MutexGuard<'_, crate::hash::FastHashMap<u128, LineFound>> {
        let shard = &self.shards[(key as usize) % SHARDS];
        shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Adds the links and ids of line `key` to `all`, if it holds them.
    fn recall(&self, key: u128, all: &mut LinksAndIds) -> bool {
        let shard = self.shard(key);
        let Some(found) = shard.get(&key) else { return false };
        let mut values = found.text.split_terminator('\0').map(str::to_string);
        all.links.extend(values.by_ref().take(found.links as usize));
        all.ids.extend(values);
        true
    }

    fn keep(&self, key: u128, found: LineFound) {
        let mut shard = self.shard(key);
        if shard.len() < Self::MOST / SHARDS {
            shard.insert(key, found);
        }
    }

    /// How many lines it holds.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|shard| shard.lock().map_or(0, |shard| shard.len())).sum()
    }

    /// Whether it holds no line.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl std::fmt::Debug for LineMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LineMemo({} lines)", self.len())
    }
}

impl LinksAndIds {
    fn counts(&self) -> (usize, usize) {
        (self.links.len(), self.ids.len())
    }

    /// What was found after `counts` ([`LinksAndIds::counts`]); none when a value holds
    /// a NUL after all, or the line more links than a `u32` counts.
    fn since(&self, (links, ids): (usize, usize)) -> Option<LineFound> {
        let (links, ids) = (&self.links[links..], &self.ids[ids..]);
        let mut text = String::new();
        for value in links.iter().chain(ids) {
            if value.contains('\0') {
                return None;
            }
            text.push_str(value);
            text.push('\0');
        }
        Some(LineFound { links: u32::try_from(links.len()).ok()?, text: text.into() })
    }
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

    #[test]
    fn a_memo_of_lines_finds_what_a_whole_reading_finds() {
        // Each piece alone, and after each other piece: a line read clean in one is
        // inside a comment, a tag, raw text, SVG or CDATA in another.
        let pieces = [
            "<link rel=\"stylesheet\" href=\"/style.css\">\n<a href=\"/same/\" id=\"s\">x</a>\n",
            "<!-- open\n<a href=\"/same/\" id=\"s\">x</a>\n-->\n",
            "<a\nhref=\"/split/\"\n>x</a>\n<a href=\"/same/\" id=\"s\">x</a>\n",
            "<script>\nlet a = '<a href=\"/in-script/\">';\n<a href=\"/same/\" id=\"s\">x</a>\n</script>\n",
            "<svg>\n<style>\n<a href=\"#in-svg\"/>\n</style>\n</svg>\n",
            "<svg><![CDATA[\n<a href=\"/same/\" id=\"s\">x</a>\n]]></svg>\n",
            "<title>\n<a href=\"/same/\" id=\"s\">x</a>\n</title>\n",
            "a &amp\n<a href=\"/after-reference/\">\n",
            "<p title=\"a\n<a href=&quot;/in-value/&quot;>\n\">\n",
            "x\r\n<a id=\"crlf\">\r\n<a href=\"/same/\" id=\"s\">x</a>\r\n",
            "<textarea>\n<a href=\"/same/\" id=\"s\">x</a>\n",
            "<plaintext>\n<a href=\"/same/\" id=\"s\">x</a>\n",
            "text &amp; more &#\nonly text\n<a title=\"\nonly text\n\" href=\"/t/\">\n",
            "<a href=\"/nul\0/\" id=\"\"><img src=\"\" srcset=\"a.png 1x, b.png 2x\" name=n>\n",
        ];
        let memo = LineMemo::default();
        let mut documents: Vec<String> = pieces.iter().map(|piece| (*piece).to_string()).collect();
        for first in pieces {
            documents.extend(pieces.iter().map(|second| format!("{first}{second}")));
        }
        for round in 0..2 {
            for document in &documents {
                assert_eq!(links_and_ids_with(document, &memo), links_and_ids(document), "round {round}: {document:?}");
            }
        }
        assert!(memo.len() >= 4, "the memo kept lines: {}", memo.len());
    }

    #[test]
    fn a_memo_keeps_no_more_lines_than_its_bound() {
        let memo = LineMemo::default();
        let html: String = (0..LineMemo::MOST + 100).map(|n| format!("<a href=\"/{n}/\">\n")).collect();
        let found = links_and_ids_with(&html, &memo);
        assert_eq!(found.links.len(), LineMemo::MOST + 100);
        assert!(memo.len() <= LineMemo::MOST && memo.len() > LineMemo::MOST / 2, "{}", memo.len());
    }
}
