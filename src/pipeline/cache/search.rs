//! The search index's memo in the build cache (`opsbook-search` in a cache folder,
//! `.public.opsbook-search` beside an output): the memo's bytes ([`crate::search::memo`])
//! between a header and a trailer of the binary's identity, its stamp and the hash of
//! all before it. Believed, like the page records, only with the cache of code blocks
//! beside it (which proves the binary's identity), whole, a regular file (not a link)
//! and within [`MAX_BYTES`]; anything else is ignored and the index made whole.

use std::io::{Read as _, Write as _};
use std::sync::PoisonError;

use crate::fs::{Confined, FileKind};

/// The first bytes of the file: its format and version.
const HEADER: &[u8] = b"opsbook-search 1\n";

/// The trailer's length: the identity, the stamp and the hash.
const TRAILER: usize = 16 + 16 + 16;

/// The most that is read of the file: a memo of 100,000 pages is under a gigabyte.
pub(crate) const MAX_BYTES: u64 = 2 << 30;

/// The memo at `path`, if it is whole and was written by the binary of `identity`.
pub(super) fn read(path: &Confined, identity: u128) -> Option<Vec<u8>> {
    let metadata = std::fs::symlink_metadata(path.path()).ok()?;
    if !metadata.is_file() || metadata.len() > MAX_BYTES {
        return None;
    }
    let (file, _) = crate::fs::open_regular(path, FileKind::Own).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).ok()?);
    file.take(MAX_BYTES + 1).read_to_end(&mut bytes).ok()?;
    let body_end = bytes.len().checked_sub(16)?;
    let trailer = bytes.len().checked_sub(TRAILER)?;
    if !bytes.starts_with(HEADER) || trailer < HEADER.len() || bytes.len() as u64 > MAX_BYTES {
        return None;
    }
    let u128_at = |at: usize| Some(u128::from_le_bytes(bytes.get(at..at + 16)?.try_into().ok()?));
    if u128_at(trailer)? != identity || xxhash_rust::xxh3::xxh3_128(&bytes[..body_end]) != u128_at(body_end)? {
        return None;
    }
    bytes.truncate(trailer);
    bytes.drain(..HEADER.len());
    Some(bytes)
}

impl crate::search::KeptIndex for super::Cache {
    /// The previous build's memo of the search index, once, if believed.
    fn recall_index(&self) -> Option<Vec<u8>> {
        self.search.1.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Keeps this build's memo, written when the cache is committed.
    fn keep_index(&self, bytes: Vec<u8>) {
        *self.search.2.lock().unwrap_or_else(PoisonError::into_inner) = Some(bytes);
    }
}

/// Writes `memo` to `temporary`, then puts it at `path`; leaves nothing there when it
/// cannot (the next build then makes its index whole).
pub(super) fn write(temporary: &Confined, path: &Confined, memo: &[u8], identity: u128, stamp: u128) {
    let Some(mut file) = super::dir::create_new(temporary) else { return };
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut trailer = Vec::with_capacity(TRAILER);
    trailer.extend_from_slice(&identity.to_le_bytes());
    trailer.extend_from_slice(&stamp.to_le_bytes());
    for part in [HEADER, memo, &trailer] {
        hasher.update(part);
    }
    let hash = hasher.digest128().to_le_bytes();
    let written = [HEADER, memo, &trailer, &hash].iter().try_for_each(|part| file.write_all(part));
    drop(file);
    if written.is_err() || crate::fs::rename_io(temporary, path).is_err() {
        let _ = crate::fs::remove_file(temporary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_a_whole_memo_of_the_same_binary_only() {
        let dir = std::env::temp_dir().join(format!("opsbook-search-memo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a folder");
        let (path, temporary) = (Confined::test(dir.join("memo")), Confined::test(dir.join("memo.1")));
        write(&temporary, &path, b"the memo", 7, 9);
        assert_eq!(read(&path, 7).as_deref(), Some(&b"the memo"[..]));
        assert!(read(&path, 8).is_none(), "another binary's");
        let bytes = std::fs::read(path.path()).expect("read");
        std::fs::write(path.path(), &bytes[..bytes.len() - 1]).expect("cut short");
        assert!(read(&path, 7).is_none(), "cut short");
        let mut flipped = bytes.clone();
        flipped[HEADER.len() + 2] ^= 1;
        std::fs::write(path.path(), &flipped).expect("flipped");
        assert!(read(&path, 7).is_none(), "a bit flipped");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A rebuild takes each kept page's postings from the previous build's memo: none is
    /// read back from its page record and numbered again, and the index cache it patches
    /// holds what the previous index was made of.
    #[test]
    fn a_rebuild_numbers_no_kept_page_s_postings_again() {
        use crate::config::Overrides;
        use crate::pipeline::report::Timer;
        use crate::pipeline::steps::{Purpose, prepare};
        let root = crate::test_support::fixture_copy("model", "search-memo");
        crate::pipeline::build(&root, &Overrides::default()).expect("the first build");
        let memo = std::fs::read_dir(&root)
            .expect("the handbook")
            .flatten()
            .find(|entry| entry.file_name().to_string_lossy().ends_with(".opsbook-search"))
            .expect("the memo is kept beside the output");
        assert!(std::fs::read(memo.path()).expect("the memo").starts_with(HEADER));
        let edited = root.join("content/runbooks/cache.md");
        let text = std::fs::read_to_string(&edited).expect("the page");
        std::fs::write(&edited, format!("{text}\nOne more line.\n")).expect("edit the page");
        let (_, _, _, mut postings, cache, _claim) =
            prepare(&root, &Overrides::default(), Purpose::Stream, &mut Timer::new(), &mut Vec::new()).expect("model");
        let cache = cache.expect("a cache");
        assert_eq!(cache.terms_recalled(), 0, "no page's postings read from its record and numbered again");
        let index = postings.take_index_cache().expect("the index cache of a rebuild");
        assert!(index.is_for_rebuilds() && !index.keeps_packed());
        assert!(index.languages.iter().all(|language| language.scoring.parts().is_some()), "the scores' sums");
        assert!(index.languages.iter().all(|language| language.word_count() > 0), "the words of the last index");
        drop(cache);
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
