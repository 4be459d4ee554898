//! Emoji shortcodes (`:smile:`, `:+1:`) turned into emoji as the old tool's Markdown
//! turned them, after parsing, in the page's text only: code, raw HTML, link
//! destinations and autolinks keep their colons, and so does a word that is a URL
//! (`https://example.com/:x:`, `www.…`). The names are GitHub's gemoji, from the
//! `emojis` crate's table.
//!
//! A shortcode is `:`, ASCII letters, digits, `_`, `+` or `-`, then `:`. The tools
//! differ in where they look again after a name that is no emoji (`:nope:smile:`):
//! Goldmark's extension (Hugo) and remark-emoji (Docusaurus) at its closing colon, so
//! `:smile:` is still found; pymdownx.emoji (MkDocs) after the whole name ([`Shortcodes`]).

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

pub use crate::content::reading_rules::EmojiShortcodes as Shortcodes;

/// `text` with its shortcodes turned into emoji by `rule`, or `None` when it has none.
pub fn replace(text: &str, rule: Shortcodes) -> Option<String> {
    if rule == Shortcodes::Off {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut copied, mut from) = (0, 0);
    let mut words = UrlWords { text, word_start: 0, scanned: 0, url: false };
    while let Some(found) = memchr::memchr(b':', &bytes[from..]) {
        let at = from + found;
        let name_end = at + 1 + bytes[at + 1..].iter().take_while(|&&b| is_name_byte(b)).count();
        if name_end == at + 1 || bytes.get(name_end) != Some(&b':') {
            from = at + 1;
            continue;
        }
        if words.is_in_url(at) {
            from = text[at..].find(char::is_whitespace).map_or(text.len(), |end| at + end);
            continue;
        }
        match emojis::get_by_shortcode(&text[at + 1..name_end]) {
            Some(emoji) => {
                out.push_str(&text[copied..at]);
                out.push_str(emoji.as_str());
                copied = name_end + 1;
                from = name_end + 1;
            }
            None if rule == Shortcodes::ResumeAtColon => from = name_end,
            None => from = name_end + 1,
        }
    }
    (copied > 0).then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// Whether `byte` may be part of a shortcode's name.
fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'+' | b'-')
}

/// Whether the colons of a text, asked from left to right, are inside a word that is a
/// URL: each byte is read once, however many colons a long word holds.
struct UrlWords<'t> {
    text: &'t str,
    /// Where the word of the last colon asked starts.
    word_start: usize,
    /// How far the text has been read.
    scanned: usize,
    /// Whether the word holds `://` before `scanned`.
    url: bool,
}

impl UrlWords<'_> {
    /// Whether the colon at `at` (after every colon asked before) is inside a URL.
    fn is_in_url(&mut self, at: usize) -> bool {
        // `scanned` and `at` are places of colons (or 0), so both are char boundaries.
        let new = &self.text[self.scanned..at];
        if let Some((space, c)) = new.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
            self.word_start = self.scanned + space + c.len_utf8();
            self.url = false;
        }
        let bytes = self.text.as_bytes();
        let from = self.scanned.saturating_sub(2).max(self.word_start);
        self.url = self.url || memchr::memmem::find(&bytes[from..at], b"://").is_some();
        self.scanned = at;
        let word = &bytes[self.word_start..at];
        self.url || word.get(..4).is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
    }
}

/// Turns the shortcodes of the text of `events` into emoji by `rule`: consecutive
/// text events (pulldown-cmark splits text at `_`, `*` and the like) are read as one,
/// and the text of a code block or an autolink is left alone.
pub fn replace_in_events(events: &mut Vec<Event<'_>>, rule: Shortcodes) {
    if rule == Shortcodes::Off || !events.iter().any(|e| matches!(e, Event::Text(t) if t.contains(':'))) {
        return;
    }
    let mut out = Vec::with_capacity(events.len());
    let mut run: Vec<CowStr<'_>> = Vec::new();
    // For each open link, whether it is an autolink (`<https://…>`, an address).
    let mut links: Vec<bool> = Vec::new();
    let mut in_code = false;
    for event in events.drain(..) {
        if let Event::Text(text) = event {
            if in_code || links.last() == Some(&true) {
                out.push(Event::Text(text));
            } else {
                run.push(text);
            }
            continue;
        }
        push_run(&mut out, &mut run, rule);
        match &event {
            Event::Start(Tag::Link { link_type, .. }) => {
                links.push(matches!(link_type, LinkType::Autolink | LinkType::Email));
            }
            Event::End(TagEnd::Link) => {
                links.pop();
            }
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        out.push(event);
    }
    push_run(&mut out, &mut run, rule);
    *events = out;
}

/// Moves the text events of `run` to `out`, as one event with emoji when its text has
/// shortcodes, else as they were.
fn push_run<'a>(out: &mut Vec<Event<'a>>, run: &mut Vec<CowStr<'a>>, rule: Shortcodes) {
    let replaced = match run.as_slice() {
        [] => return,
        [one] => replace(one, rule),
        many => replace(&many.iter().map(|text| text.as_ref()).collect::<String>(), rule),
    };
    match replaced {
        Some(text) => {
            run.clear();
            out.push(Event::Text(text.into()));
        }
        None => out.extend(run.drain(..).map(Event::Text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `replace` on each `(input, expected)`, an `expected` equal to its input
    /// meaning that nothing is replaced.
    fn check(rule: Shortcodes, cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            let got = replace(input, rule);
            assert_eq!(got.as_deref().unwrap_or(input), *expected, "{input:?}");
            assert_eq!(got.is_some(), input != expected, "{input:?} is replaced only when it changes");
        }
    }

    /// Hugo's table: `TestEmojiCustom`, gohugoio/hugo `helpers/emoji_test.go` at
    /// 7b5199fdeff7d7682e9f979f468d55bc7b67b934 (its `Emojify` finds the names
    /// Goldmark's emoji extension finds in a page's text).
    #[test]
    fn finds_shortcodes_as_hugo_does() {
        check(
            Shortcodes::ResumeAtColon,
            &[
                ("A :smile: a day", "A \u{1F604} a day"),
                ("A few :smile:s a day", "A few \u{1F604}s a day"),
                (
                    "A :smile: and a :beer: makes the day for sure.",
                    "A \u{1F604} and a \u{1F37A} makes the day for sure.",
                ),
                ("A :smile: and: a :beer:", "A \u{1F604} and: a \u{1F37A}"),
                ("A :diamond_shape_with_a_dot_inside: and then some.", "A \u{1F4A0} and then some."),
                (":smile:", "\u{1F604}"),
                (":smi", ":smi"),
                ("A :smile:", "A \u{1F604}"),
                (":beer:!", "\u{1F37A}!"),
                ("::smile:", ":\u{1F604}"),
                (":beer::", "\u{1F37A}:"),
                (" :beer: :", " \u{1F37A} :"),
                (":beer: and :smile: and another :beer:!", "\u{1F37A} and \u{1F604} and another \u{1F37A}!"),
                (" :beer: : ", " \u{1F37A} : "),
                ("No smiles for you!", "No smiles for you!"),
                (" The motto: no smiles! ", " The motto: no smiles! "),
                (":hugo_is_the_best_static_gen:", ":hugo_is_the_best_static_gen:"),
                ("은행 :smile: 은행", "은행 \u{1F604} 은행"),
                ("See: A :beer:!", "See: A \u{1F37A}!"),
                (
                    "Aaaaaaaaaa: aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa.\n\n:beer:",
                    "Aaaaaaaaaa: aaaaaaaaaa aaaaaaaaaa aaaaaaaaaa.\n\n\u{1F37A}",
                ),
                (
                    "test :\n```bash\nthis is a test\n```\n\ntest\n\n:cool::blush:::pizza:\\:blush : : blush: :pizza:",
                    "test :\n```bash\nthis is a test\n```\n\ntest\n\n\u{1F192}\u{1F60A}:\u{1F355}\\:blush : : blush: \u{1F355}",
                ),
                (
                    "[a](http://gohugo.io) :smile: [r](http://gohugo.io/introduction/overview/) :beer:",
                    "[a](http://gohugo.io) \u{1F604} [r](http://gohugo.io/introduction/overview/) \u{1F37A}",
                ),
            ],
        );
    }

    /// remark-emoji's table (Docusaurus's emoji plugin): rhysd/remark-emoji `test.ts` at
    /// 16fb3927cb7241ab9fecc7758a80be9bce8a7edd, "replaces emojis in text", "does not
    /// replace emoji-like but not-a-emoji stuffs", "handles an emoji including 2
    /// underscores".
    #[test]
    fn finds_shortcodes_as_remark_emoji_does() {
        check(
            Shortcodes::ResumeAtColon,
            &[
                ("This is :dog:", "This is \u{1F436}"),
                (":dog: is not :cat:", "\u{1F436} is not \u{1F431}"),
                ("Please vote with :+1: or :-1:", "Please vote with \u{1F44D} or \u{1F44E}"),
                (":triumph:", "\u{1F624}"),
                (":stuck_out_tongue_winking_eye:", "\u{1F61C}"),
                ("This text does not include emoji.", "This text does not include emoji."),
                (":++: or :foo: or :cat", ":++: or :foo: or :cat"),
                ("::", "::"),
                (":heavy_check_mark:", "\u{2714}\u{FE0F}"),
                // A miss: the next try starts at its closing colon (mdast-util-find-and-replace).
                (":nope:smile:", ":nope\u{1F604}"),
            ],
        );
    }

    /// pymdownx.emoji's gemoji table: facelessuser/pymdown-extensions
    /// `tests/extensions/emoji/gemoji (entities).txt` and `.html` at
    /// 6d0097b85a52468e7cd8eaceaa192ff3348c41e0; and, run with pymdown-extensions 10,
    /// where it looks again after a name that is no emoji.
    #[test]
    fn finds_shortcodes_as_pymdownx_emoji_does() {
        check(
            Shortcodes::ResumeAfterName,
            &[
                ("+1 :+1:", "+1 \u{1F44D}"),
                ("-1 :-1:", "-1 \u{1F44E}"),
                ("100 :100:", "100 \u{1F4AF}"),
                ("1234 :1234:", "1234 \u{1F522}"),
                ("1st_place_medal :1st_place_medal:", "1st_place_medal \u{1F947}"),
                ("2nd_place_medal :2nd_place_medal:", "2nd_place_medal \u{1F948}"),
                ("3rd_place_medal :3rd_place_medal:", "3rd_place_medal \u{1F949}"),
                ("8ball :8ball:", "8ball \u{1F3B1}"),
                ("a :a:", "a \u{1F170}\u{FE0F}"),
                ("ab :ab:", "ab \u{1F18E}"),
                (":nope:smile:", ":nope:smile:"),
                ("::smile:", ":\u{1F604}"),
                (":beer::", "\u{1F37A}:"),
                ("a_:smile:_b", "a_\u{1F604}_b"),
                ("x:smile:x", "x\u{1F604}x"),
            ],
        );
    }

    #[test]
    fn leaves_urls_and_unknown_rules_alone() {
        let cases = [
            ("see https://example.com/:smile:/ and :smile:", "see https://example.com/:smile:/ and \u{1F604}"),
            ("www.example.com/:beer: or WWW.example.com/:beer:", "www.example.com/:beer: or WWW.example.com/:beer:"),
            ("time 10:30:00", "time 10:30:00"),
            ("https://example.com/:smile:\u{3000}:smile:", "https://example.com/:smile:\u{3000}\u{1F604}"),
        ];
        check(Shortcodes::ResumeAtColon, &cases);
        check(Shortcodes::ResumeAfterName, &cases);
        assert_eq!(replace(":smile:", Shortcodes::Off), None);
    }

    #[test]
    fn a_long_word_of_colons_is_read_once() {
        // Reading the word back to its start at every colon would take 10^11 steps here.
        let word = ":qx".repeat(400_000);
        assert_eq!(replace(&word, Shortcodes::ResumeAtColon), None);
        let url = format!("https://example.com/{word}:smile: :smile:");
        assert_eq!(
            replace(&url, Shortcodes::ResumeAfterName),
            Some(format!("https://example.com/{word}:smile: \u{1F604}"))
        );
    }

    /// The text of a page: read whole across pulldown-cmark's splits, never in code,
    /// raw HTML, a destination or an autolink; an escaped colon (an HTML event, as the
    /// body writer passes it) opens none.
    #[test]
    fn replaces_only_in_the_text_of_parsed_markdown() {
        let markdown = "Done :white_check_mark: *:+1:* `:smile:` <span title=\":smile:\">x</span>\n\
                        [a :smile:](https://example.com/:smile:) <https://example.com/:beer:>\n\n    :smile:\n";
        let mut events: Vec<Event<'_>> = pulldown_cmark::Parser::new(markdown).collect();
        replace_in_events(&mut events, Shortcodes::ResumeAtColon);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        assert_eq!(
            html,
            "<p>Done \u{2705} <em>\u{1F44D}</em> <code>:smile:</code> <span title=\":smile:\">x</span>\n\
             <a href=\"https://example.com/:smile:\">a \u{1F604}</a> \
             <a href=\"https://example.com/:beer:\">https://example.com/:beer:</a></p>\n\
             <pre><code>:smile:\n</code></pre>\n"
        );
        let mut escaped = vec![Event::InlineHtml(":".into()), Event::Text("smile:".into())];
        replace_in_events(&mut escaped, Shortcodes::ResumeAtColon);
        assert_eq!(escaped, [Event::InlineHtml(":".into()), Event::Text("smile:".into())]);
    }
}
