//! One page's postings, made while its Markdown is rendered, so that the build keeps
//! numbers rather than the page's text until the index is written.
//!
//! More: docs/architecture.md, "Notes by module".

mod kept;

pub(crate) use kept::kept_pairs;

use super::terms::{Intern, STOP};
use crate::markdown::SectionText;

/// The weight of a heading's words.
pub(crate) const HEADING_WEIGHT: f32 = 2.5;
/// The weight of the description's and tags' words.
pub(crate) const DESCRIPTION_WEIGHT: f32 = 2.0;
/// The weight of the alerts a runbook answers (which also count as title words): the
/// runbook is the page an alert's name should find first.
pub(crate) const ALERT_WEIGHT: f32 = 4.0;
/// The weight of prose.
pub(crate) const BODY_WEIGHT: f32 = 1.0;
/// The weight of code.
pub(crate) const CODE_WEIGHT: f32 = 0.3;

/// The text of one page to index, but its title.
pub struct PageText<'a> {
    /// The description from front matter, if any.
    pub description: &'a str,
    /// The tags.
    pub tags: &'a [String],
    /// The alerts the page is the runbook of.
    pub alerts: &'a [&'a str],
    /// The sections, in order.
    pub sections: &'a [SectionText],
}

/// What one stem adds up to on one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct StemStats {
    /// Whether it is a title word.
    pub in_title: bool,
    /// The weights of its words, summed in text order.
    pub total: f32,
    best: f32,
    /// The section where it weighs most.
    pub best_section: u16,
    current: f32,
    current_section: u16,
}

impl StemStats {
    fn new(section: Option<u16>) -> Self {
        StemStats {
            in_title: false,
            total: 0.0,
            best: 0.0,
            best_section: 0,
            current: 0.0,
            current_section: section.unwrap_or(0),
        }
    }

    fn add(&mut self, weight: f32, section: Option<u16>) {
        self.total += weight;
        let Some(section) = section else { return };
        if section != self.current_section {
            self.settle();
            self.current = 0.0;
            self.current_section = section;
        }
        self.current += weight;
    }

    fn settle(&mut self) {
        if self.current > self.best {
            self.best = self.current;
            self.best_section = self.current_section;
        }
    }
}

/// One worker's table of stem statistics by stem number, so that a stem's entry is
/// found by indexing, not by hashing. Entries of the page being split are listed in
/// `touched`; `slot` holds each stem's place in it, plus one (0: not on this page).
#[derive(Default)]
pub struct Scratch {
    slot: Vec<u32>,
    touched: Vec<(u32, StemStats)>,
    /// The page's distinct words; `marks` holds, by word number, the number of the last
    /// page that had the word (`page`), so each is listed once.
    words: Vec<u32>,
    marks: Vec<u32>,
    page: u32,
    buffer: String,
    /// The page's pairs of consecutive stems ([`super::pairs`]).
    pairs: Vec<u64>,
}

impl Scratch {
    /// The statistics of stem `id` on this page, new ones when it was not seen yet.
    fn stats(&mut self, id: u32, section: Option<u16>) -> &mut StemStats {
        let index = id as usize;
        if index >= self.slot.len() {
            self.slot.resize(index + 1024, 0);
        }
        let place = match self.slot[index] {
            0 => {
                self.touched.push((id, StemStats::new(section)));
                self.slot[index] = self.touched.len() as u32;
                self.touched.len() - 1
            }
            n => n as usize - 1,
        };
        &mut self.touched[place].1
    }
}

/// A page's postings, compact (see the module's step 3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTerms {
    /// The number of terms of the text, stop words included (BM25's page length).
    length: u32,
    /// (stem difference, total's bits, section * 2 + title mark), by stem number.
    stems: Box<[u8]>,
    /// Word number differences.
    words: Box<[u8]>,
    /// The title the title's terms were made of.
    title: Box<str>,
    /// The title's terms, as (word, stem) numbers, in order.
    title_terms: Box<[(u32, u32)]>,
    /// The pairs of consecutive stems of each block of the text ([`super::pairs`]),
    /// ascending, as varints of their differences.
    pairs: Box<[u8]>,
    /// The title's pairs of consecutive stems.
    title_pairs: Box<[u64]>,
    /// The page's snippet files ([`super::snippets`]).
    snippets: super::snippets::Snippets,
    /// The key its kept form has in the build cache (0: none), by which the next build
    /// finds what the page's pairs were ([`super::pairs::patch`]).
    kept_key: u128,
}

impl PageTerms {
    /// The postings of `page`'s text (its title apart), numbering words with `intern`.
    pub fn of(page: &PageText<'_>, intern: &mut dyn Intern, scratch: &mut Scratch) -> PageTerms {
        let mut length = 0u32;
        scratch.page = scratch.page.wrapping_add(1);
        if scratch.page == 0 {
            scratch.marks.fill(0);
            scratch.page = 1;
        }
        // `weight` 0 marks a title word: it counts once, as a bonus, not in the frequency.
        // Each line of a text is a block (a paragraph, list item, table cell...): a phrase
        // is matched within one, so its pairs are made line by line.
        let mut add = |text: &str, weight: f32, section: Option<u16>, scratch: &mut Scratch| {
            let mut buffer = std::mem::take(&mut scratch.buffer);
            let mut pairs = std::mem::take(&mut scratch.pairs);
            for block in text.split('\n') {
                let mut previous = STOP;
                super::text::for_each_marked_term(block, &mut buffer, |word, plain| {
                    length += 1;
                    let (word, stem) = intern.intern(word);
                    let at = word as usize;
                    if at >= scratch.marks.len() {
                        scratch.marks.resize(at + 4096, 0);
                    }
                    if scratch.marks[at] != scratch.page {
                        scratch.marks[at] = scratch.page;
                        scratch.words.push(word);
                    }
                    if stem == STOP {
                        return;
                    }
                    if plain {
                        if previous != STOP {
                            pairs.push(super::pairs::pair(previous, stem));
                        }
                        previous = stem;
                    }
                    let stats = scratch.stats(stem, section);
                    if weight == 0.0 {
                        stats.in_title = true;
                    } else {
                        stats.add(weight, section);
                    }
                });
            }
            scratch.buffer = buffer;
            scratch.pairs = pairs;
        };
        add(page.description, DESCRIPTION_WEIGHT, Some(0), scratch);
        for tag in page.tags {
            add(tag, DESCRIPTION_WEIGHT, None, scratch);
        }
        for alert in page.alerts {
            add(alert, 0.0, None, scratch);
            add(alert, ALERT_WEIGHT, Some(0), scratch);
        }
        for (i, section) in page.sections.iter().enumerate() {
            let index = u16::try_from(i).unwrap_or(u16::MAX);
            add(&section.heading, HEADING_WEIGHT, Some(index), scratch);
            add(&section.text, BODY_WEIGHT, Some(index), scratch);
            add(&section.code, CODE_WEIGHT, Some(index), scratch);
        }
        let mut touched = std::mem::take(&mut scratch.touched);
        for (id, stats) in &mut touched {
            scratch.slot[*id as usize] = 0;
            stats.settle();
        }
        touched.sort_unstable_by_key(|(id, _)| *id);
        let stems = encode_stems(
            touched.iter().map(|(id, stats)| {
                (*id, stats.total.to_bits(), u32::from(stats.best_section) * 2 + u32::from(stats.in_title))
            }),
            touched.len(),
        );
        touched.clear();
        scratch.touched = touched;
        let words = encode_ascending(&mut scratch.words);
        let pairs = super::pairs::encode(&mut scratch.pairs);
        PageTerms {
            length,
            stems,
            words,
            title: Box::default(),
            title_terms: Box::default(),
            pairs,
            title_pairs: Box::default(),
            snippets: super::snippets::chunks(page.sections),
            kept_key: 0,
        }
    }

    /// Whether the title's terms are those of `title`.
    pub fn has_title(&self, title: &str) -> bool {
        *self.title == *title
    }

    /// Makes the title's terms those of `title`.
    pub fn set_title(&mut self, title: &str, intern: &mut dyn Intern) {
        let mut terms = Vec::new();
        let mut pairs = Vec::new();
        for_each_title_pair(
            title,
            |word| {
                let (word, stem) = intern.intern(word);
                terms.push((word, stem));
                (stem != STOP).then_some(stem)
            },
            |first, second| pairs.push(super::pairs::pair(first, second)),
        );
        pairs.sort_unstable();
        pairs.dedup();
        self.title = title.into();
        self.title_terms = terms.into_boxed_slice();
        self.title_pairs = pairs.into_boxed_slice();
    }

    /// The title the title's terms were made of.
    pub(crate) fn title(&self) -> &str {
        &self.title
    }

    /// The key of the page's kept form in the build cache (0: none).
    pub(crate) fn kept_key(&self) -> u128 {
        self.kept_key
    }

    /// Sets the key of the page's kept form in the build cache.
    pub fn set_kept_key(&mut self, key: u128) {
        self.kept_key = key;
    }

    /// The page's length: its terms, the title's included.
    pub(crate) fn length(&self) -> u32 {
        self.length + self.title_terms.len() as u32
    }

    /// Calls `found` with each stem of the page and what it adds up to, by stem number,
    /// the title's stems included.
    pub(crate) fn for_each_stem(&self, mut found: impl FnMut(u32, &StemStats)) {
        let mut title: Vec<u32> = self.title_terms.iter().map(|&(_, s)| s).filter(|&s| s != STOP).collect();
        title.sort_unstable();
        title.dedup();
        let mut title = title.into_iter().peekable();
        let _ = decode_stems(&self.stems, |stem, total, mark| {
            while let Some(t) = title.next_if(|&t| t < stem) {
                found(t, &title_only());
            }
            // The title's stem is taken whether or not an alert made it a title word already.
            let titled = title.next_if_eq(&stem).is_some();
            let in_title = mark & 1 == 1 || titled;
            let section = u16::try_from(mark / 2).unwrap_or(u16::MAX);
            let total = f32::from_bits(total);
            found(stem, &StemStats { in_title, total, best_section: section, ..StemStats::new(None) });
        });
        for t in title {
            found(t, &title_only());
        }
    }

    /// The page's snippet files ([`super::snippets`]).
    pub fn snippets(&self) -> &super::snippets::Snippets {
        &self.snippets
    }

    /// Calls `found` with each pair of consecutive stems of the page's blocks, the
    /// title's included (a pair may come twice).
    pub(crate) fn for_each_pair(&self, mut found: impl FnMut(u64)) {
        super::pairs::decode(&self.pairs, &mut found);
        self.title_pairs.iter().copied().for_each(found);
    }

    /// Calls `found` with each word of the page, the title's included (a word may come
    /// twice).
    pub(crate) fn for_each_word(&self, mut found: impl FnMut(u32)) {
        let mut at = 0;
        let mut word = 0;
        while at < self.words.len() {
            word += read_varint(&self.words, &mut at);
            found(word);
        }
        for &(word, _) in &self.title_terms {
            found(word);
        }
    }
}

/// Calls `found` with each pair of consecutive stems of `title`, whose words `stem`
/// numbers (`None`: a stop word, skipped): a title's pairs, as [`PageTerms::set_title`]
/// makes them and as the pair files' patch finds an earlier title's
/// ([`super::pairs::patch`]).
pub(crate) fn for_each_title_pair<S: Clone>(
    title: &str,
    mut stem: impl FnMut(&str) -> Option<S>,
    mut found: impl FnMut(S, S),
) {
    let mut previous = None;
    super::text::for_each_marked_term(title, &mut String::new(), |word, plain| {
        if let Some(stem) = stem(word)
            && plain
        {
            if let Some(previous) = previous.take() {
                found(previous, stem.clone());
            }
            previous = Some(stem);
        }
    });
}

/// The statistics of a stem found only in the title.
fn title_only() -> StemStats {
    StemStats { in_title: true, ..StemStats::new(None) }
}

/// The stems' list of [`PageTerms`] from `stems`, `count` of them, ascending by stem
/// number: (stem, its total's bits, its section * 2 + title mark).
fn encode_stems(stems: impl Iterator<Item = (u32, u32, u32)>, count: usize) -> Box<[u8]> {
    let mut out = Vec::with_capacity(count * 7);
    let mut previous = 0;
    for (id, total, mark) in stems {
        push_varint(&mut out, id - previous);
        out.extend_from_slice(&total.to_le_bytes());
        push_varint(&mut out, mark);
        previous = id;
    }
    out.into_boxed_slice()
}

/// Calls `found` with each entry of a stems' list of [`PageTerms`]: (stem, its total's
/// bits, its section * 2 + title mark). `None` when the list is cut short.
fn decode_stems(bytes: &[u8], mut found: impl FnMut(u32, u32, u32)) -> Option<()> {
    let mut at = 0;
    let mut stem = 0u32;
    while at < bytes.len() {
        stem = stem.wrapping_add(read_varint(bytes, &mut at));
        let total = u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?);
        at += 4;
        let mark = read_varint(bytes, &mut at);
        found(stem, total, mark);
    }
    Some(())
}

/// `numbers` sorted, without repeats, as varints of their differences; empties it.
fn encode_ascending(numbers: &mut Vec<u32>) -> Box<[u8]> {
    numbers.sort_unstable();
    numbers.dedup();
    let mut out = Vec::with_capacity(numbers.len() * 2);
    let mut previous = 0;
    for &n in numbers.iter() {
        push_varint(&mut out, n - previous);
        previous = n;
    }
    numbers.clear();
    out.into_boxed_slice()
}

fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search_index::terms::TermsBuilder;

    fn section(text: &str) -> SectionText {
        SectionText { text: text.into(), ..SectionText::default() }
    }

    #[test]
    fn keeps_each_stem_s_sum_section_and_title_mark_and_each_word() {
        let builder = TermsBuilder::new("en");
        let mut seen = crate::search_index::terms::Seen::default();
        let sections = [
            section("failing once, the code"),
            SectionText { id: Some("x".into()), heading: "Failed".into(), code: "failed".into(), ..section("") },
        ];
        let text = PageText { description: "", tags: &[], alerts: &["DiskFull"], sections: &sections };
        let mut page = PageTerms::of(&text, &mut builder.worker(&mut seen), &mut Scratch::default());
        page.set_title("Promote the replica", &mut builder.worker(&mut seen));
        let terms = builder.into_terms();
        let mut stems = Vec::new();
        let mut numbers = Vec::new();
        page.for_each_stem(|stem, stats| {
            numbers.push(stem);
            stems.push((terms.stem(stem).to_string(), *stats));
        });
        let of = |name: &str| stems.iter().find(|(s, _)| s == name).map(|(_, stats)| *stats).unwrap();
        assert_eq!(of("fail").total, 1.0 + 2.5 + 0.3);
        assert_eq!(of("fail").best_section, 1);
        assert!(!of("fail").in_title);
        assert!(of("promot").in_title && of("promot").total == 0.0);
        assert!(of("disk").in_title && of("disk").total == 4.0, "an alert's words are title words");
        let mut retitled = page.clone();
        retitled.set_title("Disk full", &mut terms.clone().local());
        let mut disk = 0;
        retitled.for_each_stem(|stem, _| disk += usize::from(terms.stem(stem) == "disk"));
        assert_eq!(disk, 1, "a stem of both the title and an alert, once");
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "by stem number, once each");
        // The alert's three terms twice, `failing once the code`, `failed` twice; the title's three.
        assert_eq!(page.length(), 12 + 3);
        let mut words = Vec::new();
        page.for_each_word(|w| words.push(terms.word(w).to_string()));
        assert!(words.contains(&"failing".to_string()) && words.contains(&"replica".to_string()));
        assert!(words.contains(&"the".to_string()), "stop words are words of the page");
    }

    #[test]
    fn round_trips_varints() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u32::MAX] {
            push_varint(&mut out, n);
        }
        let mut at = 0;
        let back: Vec<u32> = (0..6).map(|_| read_varint(&out, &mut at)).collect();
        assert_eq!(back, [0, 1, 127, 128, 300, u32::MAX]);
    }
}
