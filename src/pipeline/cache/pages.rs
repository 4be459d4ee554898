//! The page records of the build cache: for each page, what rendering its Markdown gave
//! (in the Markdown step, and highlighted for its template), in a file of their own
//! beside the cache of code blocks (for `public/`, `.public.opsbook-pages`). A rebuild
//! reads only the file's directory into memory, and each record when a page asks for it
//! (a positioned read), so memory does not grow with the file.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::sync::{Mutex, PoisonError};

use crate::fs::Confined;
use crate::hash::{FastHashMap, FastHashSet};

/// The first bytes of the file: its format and version.
const HEADER: &[u8] = b"opsbook-pages 6\n";

/// The byte that begins the trailer.
const END: u8 = 0xff;

/// The trailer's length.
const TRAILER: usize = 1 + 8 + 8 + 16 + 16 + 16;

/// One directory entry's length.
const ENTRY: usize = 16 + 8 + 8 + 16;

/// Where a record is, and the hash of its bytes.
#[derive(Debug, Clone, Copy)]
struct Place {
    offset: u64,
    len: u64,
    hash: u128,
}

/// The page records of the previous build and the file being written for the next.
pub(crate) struct Pages {
    path: Confined,
    temporary: Confined,
    previous: Option<(File, FastHashMap<u128, Place>)>,
    writer: Mutex<Option<Writer>>,
}

/// The new file as it is written.
struct Writer {
    file: BufWriter<File>,
    /// Where the next record starts.
    at: u64,
    directory: Vec<(u128, Place)>,
    written: FastHashSet<u128>,
}

impl Pages {
    /// Opens the page records at `path`: reads the previous directory if it can be
    /// believed (written by the binary of `identity`, known when the cache of code
    /// blocks beside it was believed: the two are used together or not at all), and
    /// begins the new file. `None` when the new file cannot be made.
    pub(crate) fn open(path: Confined, identity: Option<u128>) -> Option<Pages> {
        let temporary = path.with_suffix(&format!(".{}", std::process::id()));
        let mut file = BufWriter::with_capacity(1 << 20, super::dir::create_new(&temporary)?);
        file.write_all(HEADER).ok()?;
        let writer = Writer { file, at: HEADER.len() as u64, directory: Vec::new(), written: FastHashSet::default() };
        let previous = identity.and_then(|identity| {
            let (file, _) = crate::fs::open_regular(&path, crate::fs::FileKind::Own).ok()?;
            let (index, written_by) = read_directory(&file)?;
            (written_by == identity).then_some((file, index))
        });
        Some(Pages { path, temporary, previous, writer: Mutex::new(Some(writer)) })
    }

    /// Whether the previous file was believed.
    pub(crate) fn believed(&self) -> bool {
        self.previous.is_some()
    }

    /// The number of records of the previous file that can be believed.
    #[cfg(test)]
    pub(crate) fn previous_records(&self) -> usize {
        self.previous.as_ref().map_or(0, |(_, index)| index.len())
    }

    /// The bytes of the previous record of `key`, and their hash, if it is whole.
    pub(crate) fn read(&self, key: u128) -> Option<(Vec<u8>, u128)> {
        let (file, index) = self.previous.as_ref()?;
        let place = *index.get(&key)?;
        let mut bytes = vec![0; usize::try_from(place.len).ok()?];
        read_at(file, &mut bytes, place.offset).ok()?;
        (xxhash_rust::xxh3::xxh3_128(&bytes) == place.hash).then_some((bytes, place.hash))
    }

    /// Adds the record of `key` to the new file, once (`hash`: its bytes' hash, when
    /// known); gives the file up if writing fails.
    pub(crate) fn write(&self, key: u128, bytes: &[u8], hash: Option<u128>) {
        let hash = hash.unwrap_or_else(|| xxhash_rust::xxh3::xxh3_128(bytes));
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(open) = writer.as_mut() else { return };
        if !open.written.insert(key) {
            return;
        }
        if open.file.write_all(bytes).is_err() {
            *writer = None;
            return;
        }
        open.directory.push((key, Place { offset: open.at, len: bytes.len() as u64, hash }));
        open.at += bytes.len() as u64;
    }

    /// Ends the new file and puts it in place of the previous one; leaves it out when it
    /// cannot be finished.
    pub(crate) fn commit(&self, identity: u128, stamp: u128) {
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(writer) = writer
            && finish(writer, identity, stamp).is_ok()
        {
            let _ = crate::fs::rename_io(&self.temporary, &self.path);
        }
    }

    /// The path of the new file, until it is put in place.
    #[cfg(test)]
    pub(crate) fn temporary(&self) -> &std::path::Path {
        self.temporary.path()
    }
}

impl Drop for Pages {
    /// Removes the new file if it was not put in place.
    fn drop(&mut self) {
        let _ = crate::fs::remove_file(&self.temporary);
    }
}

/// Reads `buf.len()` bytes of `file` at `offset`: a positioned read, which threads may
/// make at once.
#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt as _;
    file.read_exact_at(buf, offset)
}

/// Reads `buf.len()` bytes of `file` at `offset`: each read names its offset, so
/// threads may read at once (the file's position they move is never relied on).
#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt as _;
    while !buf.is_empty() {
        match file.seek_read(buf, offset) {
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(read) => {
                buf = &mut buf[read..];
                offset += read as u64;
            }
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Writes the directory and the trailer, and flushes the file.
fn finish(mut writer: Writer, identity: u128, stamp: u128) -> std::io::Result<()> {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(HEADER);
    let mut tail = Vec::with_capacity(writer.directory.len() * ENTRY + TRAILER);
    for (key, place) in &writer.directory {
        tail.extend_from_slice(&key.to_le_bytes());
        tail.extend_from_slice(&place.offset.to_le_bytes());
        tail.extend_from_slice(&place.len.to_le_bytes());
        tail.extend_from_slice(&place.hash.to_le_bytes());
    }
    tail.push(END);
    tail.extend_from_slice(&(writer.directory.len() as u64).to_le_bytes());
    tail.extend_from_slice(&writer.at.to_le_bytes());
    tail.extend_from_slice(&identity.to_le_bytes());
    tail.extend_from_slice(&stamp.to_le_bytes());
    hasher.update(&tail);
    tail.extend_from_slice(&hasher.digest128().to_le_bytes());
    writer.file.write_all(&tail)?;
    // Not synced: a file cut short by a crash fails its hash and is ignored.
    writer.file.into_inner().map_err(std::io::IntoInnerError::into_error)?;
    Ok(())
}

/// Reads the directory of a previous file: where each record is, and the identity of the
/// binary that wrote it; `None` unless it is whole.
fn read_directory(file: &File) -> Option<(FastHashMap<u128, Place>, u128)> {
    let len = file.metadata().ok()?.len();
    let trailer_at = len.checked_sub(TRAILER as u64)?;
    let mut trailer = [0u8; TRAILER];
    read_at(file, &mut trailer, trailer_at).ok()?;
    let mut header = [0u8; HEADER.len()];
    read_at(file, &mut header, 0).ok()?;
    if header != HEADER || trailer[0] != END {
        return None;
    }
    let u64_at = |bytes: &[u8], at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    let u128_at = |bytes: &[u8], at: usize| Some(u128::from_le_bytes(bytes.get(at..at + 16)?.try_into().ok()?));
    let count = u64_at(&trailer, 1)?;
    let directory_at = u64_at(&trailer, 9)?;
    let identity = u128_at(&trailer, 17)?;
    let directory_len = count.checked_mul(ENTRY as u64)?;
    if directory_at.checked_add(directory_len)? != trailer_at || directory_at < HEADER.len() as u64 {
        return None;
    }
    let mut directory = vec![0u8; usize::try_from(directory_len).ok()?];
    read_at(file, &mut directory, directory_at).ok()?;
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    hasher.update(HEADER);
    hasher.update(&directory);
    hasher.update(&trailer[..TRAILER - 16]);
    if hasher.digest128() != u128_at(&trailer, TRAILER - 16)? {
        return None;
    }
    let mut index = FastHashMap::default();
    index.reserve(directory.len() / ENTRY);
    for entry in directory.chunks_exact(ENTRY) {
        let place = Place { offset: u64_at(entry, 16)?, len: u64_at(entry, 24)?, hash: u128_at(entry, 32)? };
        if place.offset < HEADER.len() as u64 || place.offset.checked_add(place.len)? > directory_at {
            return None;
        }
        index.insert(u128_at(entry, 0)?, place);
    }
    Some((index, identity))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("opsbook-pages-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        dir.join(".public.opsbook-pages")
    }

    fn written(path: &Path, records: &[(u128, &[u8])]) -> Vec<u8> {
        let pages = Pages::open(Confined::test(path), None).expect("pages");
        for (key, bytes) in records {
            pages.write(*key, bytes, None);
        }
        pages.commit(9, 5);
        std::fs::read(path).expect("the file")
    }

    #[test]
    fn reads_back_each_record_of_the_last_build_and_keeps_only_those_written_again() {
        let path = scratch("read");
        written(&path, &[(1, b"one"), (2, b"two"), (1, b"again")]);
        let pages = Pages::open(Confined::test(&path), Some(9)).expect("pages");
        assert_eq!(pages.previous_records(), 2);
        assert_eq!(pages.read(1).map(|(bytes, _)| bytes), Some(b"one".to_vec()));
        assert_eq!(pages.read(3), None);
        let (bytes, hash) = pages.read(2).expect("two");
        pages.write(2, &bytes, Some(hash));
        pages.commit(9, 5);
        let pages = Pages::open(Confined::test(&path), Some(9)).expect("pages");
        assert_eq!(pages.previous_records(), 1);
        assert_eq!(pages.read(2).map(|(bytes, _)| bytes), Some(b"two".to_vec()));
        std::fs::remove_dir_all(path.parent().expect("folder")).expect("clean up");
    }

    #[test]
    fn ignores_a_file_cut_corrupt_or_of_another_binary_and_a_corrupt_record() {
        let path = scratch("corrupt");
        let good = written(&path, &[(1, b"one"), (2, b"two")]);
        assert_eq!(Pages::open(Confined::test(&path), Some(8)).expect("pages").previous_records(), 0, "another binary");
        assert_eq!(
            Pages::open(Confined::test(&path), None).expect("pages").previous_records(),
            0,
            "blocks not believed"
        );
        let mut directory = good.clone();
        let at = good.len() - TRAILER - 10;
        directory[at] ^= 1;
        for bad in [&good[..good.len() - 1], &good[..3], &directory[..], b""] {
            std::fs::write(&path, bad).expect("a bad file");
            assert_eq!(Pages::open(Confined::test(&path), Some(9)).expect("pages").previous_records(), 0);
        }
        let mut record = good.clone();
        record[HEADER.len()] ^= 1;
        std::fs::write(&path, &record).expect("a corrupt record");
        let pages = Pages::open(Confined::test(&path), Some(9)).expect("pages");
        assert_eq!(pages.previous_records(), 2);
        assert_eq!(pages.read(1), None, "a record that fails its hash");
        assert!(pages.read(2).is_some());
        let temporary = pages.temporary().to_path_buf();
        assert!(temporary.exists());
        drop(pages);
        assert!(!temporary.exists(), "a new file not committed is removed");
        std::fs::remove_dir_all(path.parent().expect("folder")).expect("clean up");
    }
}
