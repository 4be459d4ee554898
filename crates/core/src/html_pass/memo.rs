//! The link check's reading of template output, line by line, with a memo of the lines
//! read on earlier pages ([`LineMemo`]): what a template writes into every page is
//! read once.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};

use super::{LinksAndIds, Pass};

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

    /// Lets every line go (their memory too): after the pages, which the memo is for.
    pub fn clear(&self) {
        for shard in &self.shards {
            *shard.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Default::default();
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

#[cfg(test)]
mod tests {
    use super::super::links_and_ids;
    use super::*;

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
        memo.clear();
        assert!(memo.is_empty());
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
