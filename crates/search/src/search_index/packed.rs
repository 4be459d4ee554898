//! The index files as they are written: gzip-compressed JSON, so that a query moves the
//! same bytes from a host that compresses its responses and from one that does not (a
//! plain static server, an object store). The client inflates them with the browser's
//! `DecompressionStream` after checking gzip's magic bytes, so a host that already
//! undid the compression (serving them with `Content-Encoding: gzip`) works too
//! (`static/search-box.js`).
//!
//! The dev server keeps each file's compressed bytes with the text they were made of
//! ([`Packed`]), so an edit compresses only the files whose text changed; a build keeps
//! them in its build cache by the hash of their text ([`Kept`], the pipeline's cache),
//! so a rebuild does the same.

use std::cell::RefCell;
use std::sync::Arc;

use libdeflater::{CompressionLvl, Compressor};
use rayon::prelude::*;

use crate::hash::FastHashMap;

/// The compressed bytes of the last index's files, by path, with the text each was made of.
#[derive(Debug, Default)]
pub struct Packed {
    files: FastHashMap<String, (Arc<str>, Arc<[u8]>)>,
}

/// The compression level: libdeflate's default, which at 10,000 pages makes files 1.4 %
/// smaller than zlib's level 6 did, five times as fast.
const LEVEL: i32 = 6;

thread_local! {
    /// Each thread's compressor: libdeflate's state (about a megabyte) made once per
    /// thread, not once per file.
    static COMPRESSOR: RefCell<Compressor> =
        RefCell::new(Compressor::new(CompressionLvl::new(LEVEL).expect("a level libdeflate has")));
}

/// `text` gzip-compressed by libdeflate in one call, with no name and no time in the
/// header, so the same text always gives the same bytes.
pub fn gzip(text: &str) -> Vec<u8> {
    COMPRESSOR.with_borrow_mut(|compressor| {
        let mut bytes = vec![0; compressor.gzip_compress_bound(text.len())];
        let length = compressor
            .gzip_compress(text.as_bytes(), &mut bytes)
            .expect("the bound libdeflate gives always holds the compressed text");
        bytes.truncate(length);
        bytes
    })
}

/// The text of `bytes`, gzip bytes [`gzip`] made; `None` when they are not whole, not
/// UTF-8, or say they hold more than 64 MiB.
pub(crate) fn gunzip(bytes: &[u8]) -> Option<String> {
    // gzip's trailer ends with the text's size (modulo 2^32).
    let size = u32::from_le_bytes(bytes.get(bytes.len().checked_sub(4)?..)?.try_into().ok()?) as usize;
    if size > 64 << 20 {
        return None;
    }
    let mut text = vec![0; size];
    let length = libdeflater::Decompressor::new().gzip_decompress(bytes, &mut text).ok()?;
    (length == size).then_some(())?;
    String::from_utf8(text).ok()
}

/// Compressed index files kept from one build to the next, by the XXH3-128 hash of
/// their text: the build cache (the top crate's `pipeline`), which only the binary that
/// wrote it believes, so its bytes are those this binary would make.
pub trait Kept: Sync {
    /// The bytes the previous build made of the text that hashes to `key`.
    fn packed(&self, key: u128) -> Option<&[u8]>;
    /// Keeps the bytes made of the text that hashes to `key` for the next build.
    fn keep_packed(&self, key: u128, bytes: &[u8]);
}

/// The bytes to write for `files` (`(path, JSON)`): each compressed, or taken from
/// `cache` when its text is the same as the one they were made of, or from `kept` when
/// that has the hash of the text. With `keep`, the cache is left holding these files'
/// bytes (the dev server's); else it is emptied. Every file's bytes go to `kept`.
pub fn pack(
    files: &[(String, Arc<str>)],
    cache: &mut Packed,
    keep: bool,
    kept: Option<&dyn Kept>,
) -> Vec<(String, Arc<[u8]>)> {
    let old = std::mem::take(&mut cache.files);
    let packed: Vec<(String, Arc<str>, Arc<[u8]>)> = files
        .par_iter()
        .map(|(path, text)| {
            let bytes = match old.get(path) {
                Some((was, bytes)) if Arc::ptr_eq(was, text) || **was == **text => Arc::clone(bytes),
                _ => kept.map_or_else(|| gzip(text).into(), |kept| through_kept(text, kept)),
            };
            (path.clone(), Arc::clone(text), bytes)
        })
        .collect();
    if keep {
        cache.files =
            packed.iter().map(|(path, text, bytes)| (path.clone(), (Arc::clone(text), Arc::clone(bytes)))).collect();
    }
    packed.into_iter().map(|(path, _, bytes)| (path, bytes)).collect()
}

/// The bytes of `text`: those `kept` has for its hash, or compressed anew; either way
/// kept for the next build.
fn through_kept(text: &str, kept: &dyn Kept) -> Arc<[u8]> {
    let key = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
    let bytes: Arc<[u8]> = kept.packed(key).map_or_else(|| gzip(text).into(), Into::into);
    kept.keep_packed(key, &bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn inflate(bytes: &[u8]) -> String {
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut text).expect("gzip");
        text
    }

    #[test]
    fn compresses_to_gzip_the_same_way_every_time() {
        let text = r#"{"w":{"failover":"failov"},"p":{"failov":"a1b2"}}"#.repeat(40);
        let bytes = gzip(&text);
        assert_eq!(&bytes[..2], &[0x1f, 0x8b], "gzip's magic bytes");
        assert_eq!(&bytes[4..8], &[0, 0, 0, 0], "no time in the header");
        assert!(bytes.len() * 4 < text.len(), "{} of {} bytes", bytes.len(), text.len());
        assert_eq!(inflate(&bytes), text);
        assert_eq!(gzip(&text), bytes);
    }

    #[test]
    fn a_kept_cache_compresses_only_the_files_whose_text_changed() {
        let file = |path: &str, text: &str| (path.to_string(), Arc::<str>::from(text));
        let mut cache = Packed::default();
        let first = pack(&[file("search/t-0.json", "[1]"), file("search/t-1.json", "[2]")], &mut cache, true, None);
        let second = pack(&[file("search/t-0.json", "[1]"), file("search/t-1.json", "[3]")], &mut cache, true, None);
        assert!(Arc::ptr_eq(&first[0].1, &second[0].1), "the same text's bytes are the kept ones");
        assert!(!Arc::ptr_eq(&first[1].1, &second[1].1));
        assert_eq!(inflate(&second[1].1), "[3]");
        pack(&[file("search/t-0.json", "[1]")], &mut cache, false, None);
        assert!(cache.files.is_empty(), "a build keeps nothing");
    }

    #[test]
    fn gunzip_reads_back_what_gzip_made_and_refuses_what_it_did_not() {
        let text = "{\"failov replica\":\"a1b2\"}".repeat(100);
        let bytes = gzip(&text);
        assert_eq!(gunzip(&bytes).as_deref(), Some(text.as_str()));
        assert_eq!(gunzip(&bytes[..bytes.len() - 1]), None, "cut short");
        assert_eq!(gunzip(&[]), None);
        assert_eq!(gunzip(b"not gzip at all"), None);
        // A trailer that claims more than 64 MiB is refused before anything is made.
        let mut huge = bytes.clone();
        let at = huge.len() - 4;
        huge[at..].copy_from_slice(&(65u32 << 20).to_le_bytes());
        assert_eq!(gunzip(&huge), None);
        // A trailer whose size is not the text's.
        let mut wrong = bytes;
        let at = wrong.len() - 4;
        wrong[at..].copy_from_slice(&((text.len() as u32) + 1).to_le_bytes());
        assert_eq!(gunzip(&wrong), None);
    }

    /// A build cache in memory: the bytes by key, and what was kept.
    #[derive(Default)]
    struct Memory {
        had: FastHashMap<u128, Vec<u8>>,
        kept: std::sync::Mutex<FastHashMap<u128, Vec<u8>>>,
    }

    impl Kept for Memory {
        fn packed(&self, key: u128) -> Option<&[u8]> {
            self.had.get(&key).map(Vec::as_slice)
        }
        fn keep_packed(&self, key: u128, bytes: &[u8]) {
            self.kept.lock().unwrap().insert(key, bytes.to_vec());
        }
    }

    #[test]
    fn a_build_takes_the_bytes_of_a_text_it_compressed_before_from_its_cache() {
        let file = |path: &str, text: &str| (path.to_string(), Arc::<str>::from(text));
        let files = [file("search/t-0.json", "[1]"), file("search/t-1.json", "[2]")];
        let first = Memory::default();
        let made = pack(&files, &mut Packed::default(), false, Some(&first));
        assert_eq!(inflate(&made[0].1), "[1]");
        let kept = first.kept.into_inner().unwrap();
        assert_eq!(kept.len(), 2, "every file's bytes are kept");
        // The next build: the bytes kept for `[1]` are taken as they are (marked here, to
        // tell them from bytes compressed again); `[3]` is new and compressed.
        let key = xxhash_rust::xxh3::xxh3_128(b"[1]");
        let mut marked = kept[&key].clone();
        marked.extend_from_slice(b"kept");
        let second = Memory { had: FastHashMap::from_iter([(key, marked.clone())]), ..Memory::default() };
        let again =
            pack(&[files[0].clone(), file("search/t-1.json", "[3]")], &mut Packed::default(), false, Some(&second));
        assert_eq!(&*again[0].1, &marked[..], "the cache's bytes");
        assert_eq!(inflate(&again[1].1), "[3]");
        assert_eq!(second.kept.into_inner().unwrap().len(), 2, "both kept for the build after");
    }
}
