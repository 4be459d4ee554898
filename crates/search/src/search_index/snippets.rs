//! The text of each page's sections, for the results' snippets: small files a query
//! fetches whole, only those holding the sections it shows, so that a snippet costs
//! the same on every host (one that serves byte ranges or compresses, or a plain one)
//! and a few hundred bytes rather than the page's whole text.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::markdown::SectionText;

/// The code of one section kept, in bytes.
pub(crate) const CODE_BYTES: usize = 400;
/// The text of one page kept, in bytes.
pub(crate) const PAGE_BYTES: usize = 16 * 1024;
/// The size a chunk of sections is cut at, in bytes of text.
pub(crate) const CHUNK_BYTES: usize = 2 * 1024;

/// A page's snippet files: the JSON of each chunk of its sections, and the section each
/// chunk but the first starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippets {
    /// The JSON of each chunk, in order.
    pub chunks: Box<[Box<str>]>,
    /// The index of the first section of each chunk after the first.
    pub starts: Box<[u32]>,
}

/// The first `max` bytes of `text` (fewer, to end on a character), trimmed.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].trim()
}

/// The bytes each of sections of `lengths` may keep of `budget`: its length when all
/// fit; else, from the shortest up, its length or an equal share of what is left,
/// whichever is less (the shorter sections keep all of themselves, the longer ones
/// share the rest equally).
fn shares(lengths: &[usize], budget: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    order.sort_by_key(|&i| (lengths[i], i));
    let mut left = budget;
    let mut shares = vec![0; lengths.len()];
    for (done, &i) in order.iter().enumerate() {
        let fair = left / (lengths.len() - done);
        shares[i] = lengths[i].min(fair);
        left -= shares[i];
    }
    shares
}

/// A page's snippet files, from its sections.
pub(crate) fn chunks(sections: &[SectionText]) -> Snippets {
    let code_of = |section: &SectionText| section.code.len().min(CODE_BYTES);
    let lengths: Vec<usize> =
        sections.iter().map(|s| s.heading.trim().len() + s.text.trim().len() + code_of(s) + 1).collect();
    let shares = shares(&lengths, PAGE_BYTES);
    let mut chunks: Vec<Vec<(&str, &str, String)>> = vec![Vec::new()];
    let mut starts = Vec::new();
    let mut filled = 0;
    for (n, (section, share)) in sections.iter().zip(shares).enumerate() {
        let heading = section.heading.trim();
        let room = share.saturating_sub(heading.len() + 1);
        let prose = cut(section.text.trim(), room);
        let code = cut(&section.code, code_of(section).min(room - prose.len()));
        let mut text = String::with_capacity(prose.len() + code.len() + 1);
        text.push_str(prose);
        if !code.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(code);
        }
        let size = heading.len() + text.len() + 16;
        if filled > 0 && filled + size > CHUNK_BYTES {
            chunks.push(Vec::new());
            starts.push(u32::try_from(n).unwrap_or(u32::MAX));
            filled = 0;
        }
        filled += size;
        if let Some(chunk) = chunks.last_mut() {
            chunk.push((section.id.as_deref().unwrap_or(""), heading, text));
        }
    }
    let json = |chunk: &Vec<(&str, &str, String)>| serde_json::to_string(chunk).unwrap_or_else(|_| "[]".into());
    Snippets { chunks: chunks.iter().map(|chunk| json(chunk).into_boxed_str()).collect(), starts: starts.into() }
}

/// The pages whose snippet files share a folder: the manifest's `snippets`.
pub const PAGES_PER_FOLDER: usize = 100;

/// The name of chunk `k` of the snippets of the page of index number `n`, in the index's
/// folder: `s/<n / PAGES_PER_FOLDER>/s-<n>.json`, `s/<...>/s-<n>-<k>.json`. A handbook
/// has four to five snippet files a page, and a file costs more to create the more
/// names its folder holds: on the benchmark machine's disk, 19,500 small files took
/// 1.8 s in one folder and 0.6 s in folders of 200 (bench/README.md). A folder per
/// hundred pages holds a few hundred.
pub fn file_name(n: usize, k: usize) -> String {
    let folder = n / PAGES_PER_FOLDER;
    if k == 0 { format!("s/{folder}/s-{n}.json") } else { format!("s/{folder}/s-{n}-{k}.json") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: &str, heading: &str, text: String, code: &str) -> SectionText {
        SectionText { id: (!id.is_empty()).then(|| id.into()), heading: heading.into(), text, code: code.into() }
    }

    /// Every section of a page's chunks, in order.
    fn back(sections: &[SectionText]) -> Vec<(String, String, String)> {
        let snippets = chunks(sections);
        let size: usize = snippets.chunks.iter().map(|c| c.len()).sum();
        assert!(size < PAGE_BYTES + 200 * snippets.chunks.len(), "{size}");
        assert_eq!(snippets.chunks.len(), snippets.starts.len() + 1);
        snippets
            .chunks
            .iter()
            .flat_map(|c| serde_json::from_str::<Vec<(String, String, String)>>(c).expect("JSON"))
            .collect()
    }

    #[test]
    fn sections_are_cut_into_chunks_of_whole_sections() {
        let sections: Vec<SectionText> =
            (0..12).map(|n| section(&format!("s{n}"), &format!("Section {n}"), "text ".repeat(100), "")).collect();
        let snippets = chunks(&sections);
        assert!(snippets.chunks.len() > 2, "{}", snippets.chunks.len());
        assert!(snippets.chunks.iter().all(|c| c.len() <= CHUNK_BYTES + 600), "near the size");
        // Each later chunk starts with the section its record names.
        for (k, &start) in snippets.starts.iter().enumerate() {
            let chunk: Vec<(String, String, String)> = serde_json::from_str(&snippets.chunks[k + 1]).expect("JSON");
            assert_eq!(chunk[0].0, format!("s{start}"));
        }
        assert_eq!(back(&sections).len(), 12);
        assert_eq!((file_name(7, 0), file_name(7, 2)), ("s/0/s-7.json".to_string(), "s/0/s-7-2.json".to_string()));
        assert_eq!(
            (file_name(99, 0), file_name(100, 1)),
            ("s/0/s-99.json".to_string(), "s/1/s-100-1.json".to_string())
        );
        let one = chunks(&[section("", "", "Short.".into(), "")]);
        assert_eq!((one.chunks.len(), one.starts.len()), (1, 0));
    }

    #[test]
    fn keeps_each_section_s_id_heading_and_text_within_bounds() {
        let long = "word ".repeat(4000);
        let kept = back(&[
            section("", "", "Intro\nline".into(), ""),
            section("a-b", "Steps", long.clone(), "kubectl get pods"),
            section("é", "Ünïcode", "é".repeat(8000), ""),
        ]);
        assert_eq!(kept[0], (String::new(), String::new(), "Intro\nline".into()));
        assert_eq!((kept[1].0.as_str(), kept[1].1.as_str()), ("a-b", "Steps"));
        assert!(kept[1].2.starts_with("word word") && kept[1].2.len() > 7000, "the long sections share the page");
        assert_eq!(kept[2].0, "é");
        assert!(kept[2].2.len() > 7000 && kept[2].2.chars().all(|c| c == 'é'), "cut on a character");
    }

    /// The words the index found late in a long list are in the snippet file when the
    /// page has room: before, a section kept only its first 3,000 bytes.
    #[test]
    fn a_long_section_keeps_all_its_text_when_the_page_has_room() {
        let list: String = (1..=90).map(|n| format!("{n}. An item about topic number {n} of the list\n")).collect();
        let list = list + "91. Translations publish a handbook in several languages\n";
        assert!(list.len() > 3000 && list.len() < 5000);
        let kept = back(&[section("", "", list.clone(), ""), section("more", "More", "Short.".into(), "ls")]);
        assert_eq!(kept[0].2, list.trim());
        assert_eq!(kept[1].2, "Short.\nls");
    }

    #[test]
    fn shares_are_whole_lengths_when_they_fit_and_equal_parts_of_the_rest_when_not() {
        assert_eq!(shares(&[10, 20, 30], 100), [10, 20, 30]);
        assert_eq!(shares(&[10, 200, 300], 100), [10, 45, 45]);
        assert_eq!(shares(&[300, 10, 20], 100), [70, 10, 20]);
        assert_eq!(shares(&[], 100), Vec::<usize>::new());
        assert_eq!(shares(&[50, 50, 50], 100), [33, 33, 34]);
    }
}
