//! The build cache: what a build into an output folder keeps for the next build into the
//! same folder, so that a rebuild does not repeat work whose inputs did not change. It
//! holds every code block the build highlighted, by the hash of its language and code
//! ([`crate::markdown::highlight::Memo`]): highlighting is a pure function of those and
//! of the binary's syntaxes, and the most expensive work a rebuild would repeat.
//!
//! More: docs/architecture.md, "Notes by module".

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

mod carry;
mod deps;
mod dir;
mod entry;
mod file;
mod pages;
pub(crate) mod rendered;

use std::sync::OnceLock;

use super::manifest::{Stamp, hash_stream};
use crate::content::include_files::IncludeFiles;
use crate::fs::{Confined, OwnFolder};
use crate::hash::{FastHashMap, FastHashSet};
use crate::markdown::highlight::Memo;
use crate::markdown::{LinkResolver, Rendered};
use entry::Reader;
use file::{Records, finish, read_cache};

/// Why a cache file that is there is not used, when reading it gave nothing.
const UNBELIEVED: &str = "it is corrupt, cut short, of another format, or written by another opsbook binary";

/// The first bytes of a cache: its format and version.
const HEADER: &[u8] = b"opsbook-cache 5\n";

/// The kind of record of a highlighted code block (the HTML inside `<code>`), as a list
/// of pieces.
const BLOCK: u8 = 1;

/// The kind of record of a piece of HTML: a line, with its newline if it has one.
const PIECE: u8 = 2;

/// The kind of record of a search index file, gzip-compressed, by the hash of its text.
const PACKED: u8 = 3;

/// The kind of record of a page's rendered document, by the page's fingerprint.
const RENDERED: u8 = 4;

/// The byte that ends the records and begins the trailer.
const END: u8 = 0xff;

/// The trailer's length: the end byte, the count, the identity, the stamp and the hash.
const TRAILER: usize = 1 + 8 + 16 + 16 + 16;

/// The cache of a build: the previous build's records, if they can be believed, and the
/// new cache being written.
pub(crate) struct Cache {
    /// The cache file.
    path: Confined,
    /// The new cache, until it is renamed over `path`.
    temporary: Confined,
    /// The previous build's cache.
    previous: Option<Previous>,
    /// The new cache; `None` once writing failed (the cache is then given up).
    writer: Mutex<Option<Writer>>,
    /// The binary's identity: known when a previous cache proved it, else being hashed.
    identity: Mutex<Identity>,
    /// The fingerprint of the executable's stamp.
    stamp: u128,
    /// The pages' Markdown results; `None` when their file cannot be made.
    pages: Option<pages::Pages>,
    /// The key of each page's Markdown result, by page id, once the Markdown step made
    /// them, and whether that result was the previous build's ([`Cache::set_keys`]).
    keys: OnceLock<Vec<Option<(u128, bool)>>>,
    /// How many results the previous build's page records gave.
    recalled: std::sync::atomic::AtomicUsize,
    /// How many pages' postings the previous build's page records gave.
    #[cfg(test)]
    terms_recalled: std::sync::atomic::AtomicUsize,
}

/// The identity of the running binary, known or being computed.
enum Identity {
    Known(u128),
    Hashing(JoinHandle<Option<u128>>),
    Unknown,
}

/// A cache read back: its bytes, and where each record's bytes are in them.
struct Previous {
    bytes: Vec<u8>,
    records: Records,
}

/// The new cache as it is written.
struct Writer {
    file: BufWriter<File>,
    hasher: xxhash_rust::xxh3::Xxh3Default,
    count: u64,
    /// The number of each piece written, by the hash of its bytes.
    pieces: FastHashMap<u128, u32>,
    /// The blocks written, so none is written twice.
    blocks: FastHashSet<u128>,
    /// The compressed index files written, so none is written twice.
    packed: FastHashSet<u128>,
    /// The rendered pages written, so none is written twice.
    rendered: FastHashSet<u128>,
}

impl Writer {
    /// Writes one record, hashed as it goes.
    fn record(&mut self, parts: &[&[u8]]) -> std::io::Result<()> {
        self.count += 1;
        for part in parts {
            self.hasher.update(part);
            self.file.write_all(part)?;
        }
        Ok(())
    }

    /// Writes the block of `key`, made of `pieces` with their hashes, and the pieces not
    /// written yet.
    fn block(&mut self, key: u128, pieces: &[(&str, u128)]) -> std::io::Result<()> {
        if !self.blocks.insert(key) {
            return Ok(());
        }
        let mut numbers = Vec::with_capacity(4 * pieces.len() + 21);
        numbers.push(BLOCK);
        numbers.extend_from_slice(&key.to_le_bytes());
        numbers.extend_from_slice(&count_u32(pieces.len())?.to_le_bytes());
        for &(piece, hash) in pieces {
            let number = match self.pieces.get(&hash) {
                Some(&number) => number,
                None => {
                    let number = count_u32(self.pieces.len())?;
                    self.record(&[&[PIECE], &count_u32(piece.len())?.to_le_bytes(), piece.as_bytes()])?;
                    self.pieces.insert(hash, number);
                    number
                }
            };
            numbers.extend_from_slice(&number.to_le_bytes());
        }
        self.record(&[&numbers])
    }
}

/// A length or count as the 4 bytes of the format; an error past 4 GiB.
fn count_u32(n: usize) -> std::io::Result<u32> {
    u32::try_from(n).map_err(|_| std::io::Error::other("too long for the cache"))
}

/// The path of the cache of the output folder `output_dir`.
pub(crate) fn cache_path(output_dir: &OwnFolder) -> Option<Confined> {
    beside(output_dir, "opsbook-cache")
}

/// The file `.NAME.SUFFIX` beside the output folder `output_dir` (named NAME).
fn beside(output_dir: &OwnFolder, suffix: &str) -> Option<Confined> {
    let name = output_dir.path().file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output_dir.sibling_file(&format!(".{name}.{suffix}"))
}

impl Cache {
    /// Opens the cache of the output folder `output_dir`: reads the previous one if it
    /// can be believed, and begins the new one. `None` when the cache cannot be used at
    /// all (the executable cannot be read, the temporary file cannot be made): the build
    /// then goes on without it.
    pub(crate) fn open(output_dir: &OwnFolder) -> Option<Cache> {
        Cache::open_files(cache_path(output_dir)?, pages_path(output_dir)?, false)
    }

    /// Opens the cache kept in the folder `dir` (`--cache-dir`, [`dir`]), as
    /// [`Cache::open`] does, and warns of a file there that cannot be believed.
    pub(crate) fn open_in(dir: &OwnFolder) -> Option<Cache> {
        let (blocks, pages) = dir::files_in(dir)?;
        Cache::open_files(blocks, pages, true)
    }

    /// Opens the cache of code blocks at `path` and the page records at `pages_path`;
    /// with `warn`, says which file that is there it cannot believe.
    fn open_files(path: Confined, pages_path: Confined, warn: bool) -> Option<Cache> {
        let stamp = std::fs::metadata(executable()).ok().map(|metadata| Stamp::of(&metadata).fingerprint())?;
        let temporary = path.with_suffix(&format!(".{}", std::process::id()));
        let mut file = BufWriter::with_capacity(256 * 1024, dir::create_new(&temporary)?);
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        file.write_all(HEADER).ok()?;
        hasher.update(HEADER);
        let writer = Writer {
            file,
            hasher,
            count: 0,
            pieces: FastHashMap::default(),
            blocks: FastHashSet::default(),
            packed: FastHashSet::default(),
            rendered: FastHashSet::default(),
        };
        let read = crate::fs::read_bytes(&path, crate::fs::FileKind::Own);
        let readable = read.is_ok();
        if warn
            && let Err(error) = &read
            && dir::is_there(path.path())
        {
            dir::warn(path.path(), &format!("it cannot be read ({error})"));
        }
        let (previous, identity) = match read.ok().and_then(|bytes| read_cache(bytes, stamp)) {
            Some((previous, identity)) => (Some(previous), Identity::Known(identity)),
            None => (None, Identity::Hashing(std::thread::spawn(hash_executable))),
        };
        if warn && readable && previous.is_none() {
            dir::warn(path.path(), UNBELIEVED);
        }
        let known = match identity {
            Identity::Known(identity) => Some(identity),
            _ => None,
        };
        let pages = pages::Pages::open(pages_path.clone(), known);
        if warn
            && known.is_some()
            && pages.as_ref().is_some_and(|pages| !pages.believed())
            && dir::is_there(pages_path.path())
        {
            dir::warn(pages_path.path(), UNBELIEVED);
        }
        Some(Cache {
            path,
            temporary,
            previous,
            writer: Mutex::new(Some(writer)),
            identity: Mutex::new(identity),
            stamp,
            pages,
            keys: OnceLock::new(),
            recalled: Default::default(),
            #[cfg(test)]
            terms_recalled: Default::default(),
        })
    }

    /// Sets the key of each page's Markdown result, by page id, with whether the
    /// previous build's result was recalled: the templates step finds each page's
    /// highlighted body by it ([`Cache::body_key`]).
    pub(crate) fn set_keys(&self, keys: Vec<Option<(u128, bool)>>) {
        let _ = self.keys.set(keys);
    }

    /// The key of page `id`'s Markdown result, and whether the Markdown step recalled
    /// it from the previous build's records: every link it resolved then resolves the
    /// same and every file it included reads the same as when that build rendered it.
    pub(crate) fn markdown_key(&self, id: usize) -> Option<(u128, bool)> {
        self.keys.get()?.get(id).copied().flatten()
    }

    /// The key of the highlighted body of page `id`, if the Markdown step made the key
    /// of its Markdown result.
    pub(crate) fn body_key(&self, id: usize) -> Option<u128> {
        let (key, _) = (*self.keys.get()?.get(id)?)?;
        let mut bytes = [0u8; 20];
        bytes[..16].copy_from_slice(&key.to_le_bytes());
        bytes[16..].copy_from_slice(b"body");
        Some(xxhash_rust::xxh3::xxh3_128(&bytes))
    }

    /// The previous build's result of `key`, with the number kept with it
    /// ([`Cache::render_result`]), if every question it asked of `links` and `files`
    /// gets the same answer now; kept for the next build.
    pub(crate) fn recall_result(
        &self,
        key: u128,
        links: &dyn LinkResolver,
        files: &dyn IncludeFiles,
    ) -> Option<(Rendered, Option<Option<u64>>)> {
        let pages = self.pages.as_ref()?;
        let (bytes, hash) = pages.read(key)?;
        let mut reader = Reader::new(&bytes);
        if !reader.dependencies()?.hold(links, files) {
            return None;
        }
        let keys = reader.blocks()?;
        let blocks = keys.iter().map(|&key| self.find(key)).collect::<Option<Vec<String>>>()?;
        let extra = reader.extra()?;
        let rendered = reader.rendered(&blocks).filter(|_| reader.is_done())?;
        pages.write(key, &bytes, Some(hash));
        self.recalled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // The blocks stay in the cache for when the page changes (and for its record).
        for (key, html) in keys.into_iter().zip(&blocks) {
            self.add(key, html);
        }
        Some((rendered, extra))
    }

    /// Renders a result with `render`, through `links` and `files` and highlighting with
    /// this cache as its memo, and keeps it as the result of `key` with what it asked of
    /// them and the blocks it highlighted (without the search text of its sections
    /// unless `text`), and with `extra`, a number that is a function of the same inputs
    /// (`None`: not known).
    pub(crate) fn render_result(
        &self,
        key: u128,
        links: &dyn LinkResolver,
        files: &dyn IncludeFiles,
        (text, extra): (bool, Option<Option<u64>>),
        render: impl FnOnce(&dyn LinkResolver, &dyn IncludeFiles, &dyn Memo) -> Rendered,
    ) -> Rendered {
        let Some(pages) = self.pages.as_ref() else { return render(links, files, self) };
        let recording = deps::Recording::new(links, Some(files));
        let used = BlocksUsed { cache: self, blocks: Mutex::new(Vec::new()) };
        let rendered = render(&recording, &recording, &used);
        let blocks = used.blocks.into_inner().unwrap_or_else(PoisonError::into_inner);
        let keys: Vec<u128> = blocks.iter().map(|(key, _)| *key).collect();
        let htmls: Vec<&str> = blocks.iter().map(|(_, html)| html.as_str()).collect();
        let record = entry::record(&recording.into_dependencies(), &keys, extra, (&rendered, text), &htmls);
        if let Some(bytes) = record {
            pages.write(key, &bytes, None);
        }
        rendered
    }

    /// The page the previous build rendered with the fingerprint `key`.
    pub(crate) fn recall_page(&self, key: u128) -> Option<rendered::KeptPage> {
        let previous = self.previous.as_ref()?;
        let &(start, end) = previous.records.rendered.get(&key)?;
        rendered::KeptPage::decode(previous.bytes.get(start..end)?)
    }

    /// Keeps `page` for the next build as the page rendered with the fingerprint `key`,
    /// once; gives the cache up if writing fails.
    pub(crate) fn keep_page(&self, key: u128, page: &rendered::KeptPage) {
        if let Some(bytes) = page.encode() {
            self.keep_keyed(RENDERED, key, &bytes);
        }
    }

    /// Writes the record of `kind` ([`PACKED`] or [`RENDERED`]) of `key` with `bytes`,
    /// once; gives the cache up if writing fails.
    fn keep_keyed(&self, kind: u8, key: u128, bytes: &[u8]) {
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(open) = writer.as_mut() else { return };
        let written = if kind == PACKED { &mut open.packed } else { &mut open.rendered };
        if !written.insert(key) {
            return;
        }
        let written = count_u32(bytes.len())
            .and_then(|length| open.record(&[&[kind], &key.to_le_bytes(), &length.to_le_bytes(), bytes]));
        if written.is_err() {
            *writer = None;
        }
    }

    /// How many results the previous build's page records gave so far.
    #[cfg(test)]
    pub(crate) fn results_recalled(&self) -> usize {
        self.recalled.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many pages' postings the previous build's page records gave so far.
    #[cfg(test)]
    pub(crate) fn terms_recalled(&self) -> usize {
        self.terms_recalled.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many records the previous build's cache had that this build found believable.
    #[cfg(test)]
    pub(crate) fn previous_records(&self) -> usize {
        self.previous.as_ref().map_or(0, |previous| previous.records.blocks.len())
    }

    /// The HTML of a block of the previous cache.
    fn find(&self, key: u128) -> Option<String> {
        let previous = self.previous.as_ref()?;
        let &(start, end) = previous.records.blocks.get(&key)?;
        let mut html = String::new();
        for number in previous.bytes[start..end].chunks_exact(4) {
            let number = u32::from_le_bytes(number.try_into().ok()?) as usize;
            let &(from, to) = previous.records.pieces.get(number)?;
            html.push_str(std::str::from_utf8(&previous.bytes[from..to]).ok()?);
        }
        Some(html)
    }

    /// Adds a block to the new cache, once; gives the cache up if writing fails.
    fn add(&self, key: u128, html: &str) {
        let pieces: Vec<(&str, u128)> =
            html.split_inclusive('\n').map(|piece| (piece, xxhash_rust::xxh3::xxh3_128(piece.as_bytes()))).collect();
        let mut writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        if writer.as_mut().is_some_and(|open| open.block(key, &pieces).is_err()) {
            *writer = None;
        }
    }

    /// Ends the new cache and puts it in place of the previous one. A cache that cannot
    /// be finished is left out: the next build then does without one.
    pub(crate) fn commit(self) {
        let identity = match std::mem::replace(
            &mut *self.identity.lock().unwrap_or_else(PoisonError::into_inner),
            Identity::Unknown,
        ) {
            Identity::Known(identity) => Some(identity),
            Identity::Hashing(hashing) => hashing.join().ok().flatten(),
            Identity::Unknown => None,
        };
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner).take();
        let Some(identity) = identity else { return };
        if let Some(pages) = &self.pages {
            pages.commit(identity, self.stamp);
        }
        let Some(writer) = writer else { return };
        if finish(writer, identity, self.stamp).is_ok() {
            let _ = crate::fs::rename_io(&self.temporary, &self.path);
        }
    }
}

impl crate::search_index::packed::Kept for Cache {
    /// The gzip bytes of the search index file whose JSON hashes to `key`, as the
    /// previous build compressed it.
    fn packed(&self, key: u128) -> Option<&[u8]> {
        let previous = self.previous.as_ref()?;
        let &(start, end) = previous.records.packed.get(&key)?;
        previous.bytes.get(start..end)
    }

    /// Keeps `bytes`, the gzip bytes of the search index file whose JSON hashes to
    /// `key`, for the next build, once; gives the cache up if writing fails.
    fn keep_packed(&self, key: u128, bytes: &[u8]) {
        self.keep_keyed(PACKED, key, bytes);
    }
}

impl crate::search_index::KeptTerms for Cache {
    /// The postings the previous build kept with `key` in the page records, if whole.
    fn recall_terms(&self, key: u128) -> Option<Vec<u8>> {
        let (bytes, _) = self.pages.as_ref()?.read(key)?;
        #[cfg(test)]
        self.terms_recalled.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Some(bytes)
    }

    /// Keeps postings with `key` in the page records for the next build, once.
    fn keep_terms(&self, key: u128, bytes: &[u8]) {
        if let Some(pages) = &self.pages {
            pages.write(key, bytes, None);
        }
    }
}

/// The path of the page records of the output folder `output_dir`.
pub(crate) fn pages_path(output_dir: &OwnFolder) -> Option<Confined> {
    beside(output_dir, "opsbook-pages")
}

impl Drop for Cache {
    /// Removes the new cache if it was not put in place.
    fn drop(&mut self) {
        let _ = crate::fs::remove_file(&self.temporary);
    }
}

/// The cache as the memo of one page's render, noting the keys and HTML of the blocks
/// the page used, in order, for its record ([`Cache::render_result`]).
struct BlocksUsed<'a> {
    cache: &'a Cache,
    blocks: Mutex<Vec<(u128, String)>>,
}

impl Memo for BlocksUsed<'_> {
    fn recall(&self, key: u128) -> Option<String> {
        let html = self.cache.recall(key)?;
        self.blocks.lock().unwrap_or_else(PoisonError::into_inner).push((key, html.clone()));
        Some(html)
    }

    fn remember(&self, key: u128, html: &str) {
        self.blocks.lock().unwrap_or_else(PoisonError::into_inner).push((key, html.to_string()));
        self.cache.remember(key, html);
    }
}

impl Memo for Cache {
    fn recall(&self, key: u128) -> Option<String> {
        let html = self.find(key)?;
        self.add(key, &html);
        Some(html)
    }

    fn remember(&self, key: u128, html: &str) {
        self.add(key, html);
    }
}

/// The running executable's file: on Linux the one the process runs even if another was
/// installed at its path since.
fn executable() -> PathBuf {
    if cfg!(target_os = "linux") {
        PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().unwrap_or_default()
    }
}

/// The identity of the running binary: the XXH3-128 hash of the executable's bytes.
fn hash_executable() -> Option<u128> {
    let mut file = crate::fs::open_own(&Confined::running_executable(&executable())).ok()?;
    hash_stream(&mut file).ok()
}

#[cfg(test)]
mod tests;
