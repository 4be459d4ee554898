//! The output's manifest: what the last build into an output folder wrote there, so that
//! the next build can tell which files it would write unchanged without reading them
//! ([`super::staging`]). It is a text file beside the output folder (for `public/`,
//! `.public.opsbook-manifest`), never inside it, where it would be published.
//!
//! One line per file: the hash of its bytes (XXH3, 128 bits), then the stamp the file
//! had when the build left it (size, inode, modification and status-change times, in
//! nanoseconds), then its site path. A stamp is the proof that the file is still the one
//! the build wrote: editing a file by hand changes its status-change time (which no
//! program can set back), replacing it changes its inode. An entry whose stamp differs
//! from the file's is not believed; the file is then compared byte for byte. A manifest
//! that is missing, of another version or unreadable in any line is ignored as a whole.

use std::collections::HashMap;
use std::fmt::Write as _;

use anyhow::Result;

/// The first line of a manifest: its format and version.
const HEADER: &str = "opsbook-manifest 1";

/// What the last build recorded of each file, by site path.
#[derive(Debug, Default)]
pub(crate) struct Manifest {
    entries: HashMap<String, Entry>,
}

/// One file of the manifest: the hash of its bytes and its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The XXH3-128 hash of its bytes.
    pub(crate) hash: u128,
    /// The file as the build left it.
    pub(crate) stamp: Stamp,
}

/// What the file system says of a file that changes whenever the file does: its size,
/// inode, and modification and status-change times (nanoseconds since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    size: u64,
    inode: u64,
    modified: i128,
    changed: i128,
}

impl Stamp {
    /// The stamp of a file from its metadata.
    #[cfg(unix)]
    pub(crate) fn of(metadata: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let nanos = |seconds: i64, nanos: i64| i128::from(seconds) * 1_000_000_000 + i128::from(nanos);
        Stamp {
            size: metadata.size(),
            inode: metadata.ino(),
            modified: nanos(metadata.mtime(), metadata.mtime_nsec()),
            changed: nanos(metadata.ctime(), metadata.ctime_nsec()),
        }
    }

    /// The stamp of a file from its metadata: its size and modification time only.
    #[cfg(not(unix))]
    pub(crate) fn of(metadata: &std::fs::Metadata) -> Stamp {
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |since| since.as_nanos() as i128);
        Stamp { size: metadata.len(), inode: 0, modified, changed: modified }
    }

    /// The stamp of a file of `size` bytes not known otherwise: no file has it, so its
    /// bytes are compared.
    pub(crate) fn unknown(size: u64) -> Stamp {
        Stamp { size, inode: 0, modified: i128::MIN, changed: i128::MIN }
    }

    /// The file's size in bytes.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// The stamp as one number, to record that a file is still the one it was.
    pub(crate) fn fingerprint(&self) -> u128 {
        let mut bytes = [0u8; 48];
        bytes[..8].copy_from_slice(&self.size.to_le_bytes());
        bytes[8..16].copy_from_slice(&self.inode.to_le_bytes());
        bytes[16..32].copy_from_slice(&self.modified.to_le_bytes());
        bytes[32..].copy_from_slice(&self.changed.to_le_bytes());
        hash(&bytes)
    }
}

/// The hash of a file's bytes, as the manifest records it.
pub(crate) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// The hash of bytes given in parts, as [`hash`] gives it of the parts joined.
pub(crate) struct Hasher(xxhash_rust::xxh3::Xxh3Default);

impl Hasher {
    pub(crate) fn new() -> Self {
        Hasher(xxhash_rust::xxh3::Xxh3Default::new())
    }

    /// Adds the next part.
    pub(crate) fn update(&mut self, part: &[u8]) {
        self.0.update(part);
    }

    /// The hash of every part given.
    pub(crate) fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// The hash of what a reader gives, as [`hash`] gives it of the same bytes.
pub(crate) fn hash_stream(reader: &mut impl std::io::Read) -> std::io::Result<u128> {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match reader.read(&mut buffer) {
            Ok(0) => return Ok(hasher.digest128()),
            Ok(n) => hasher.update(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

impl Manifest {
    /// Reads the manifest at `path`; `None` when there is none, or it cannot be read or
    /// trusted as a whole (another version, a line that is not an entry).
    pub(crate) fn read(path: &crate::fs::Confined) -> Option<Manifest> {
        let text = crate::fs::read_text(path, crate::fs::FileKind::Own).ok()?;
        Manifest::parse(&text)
    }

    /// Reads a manifest's text; `None` when a line is not an entry.
    fn parse(text: &str) -> Option<Manifest> {
        let mut lines = text.lines();
        if lines.next()? != HEADER {
            return None;
        }
        let mut entries = HashMap::new();
        for line in lines {
            let mut fields = line.splitn(6, ' ');
            let mut next = || fields.next();
            let hash = u128::from_str_radix(next()?, 16).ok()?;
            let size = next()?.parse().ok()?;
            let inode = next()?.parse().ok()?;
            let modified = next()?.parse().ok()?;
            let changed = next()?.parse().ok()?;
            let site_path = next()?;
            entries.insert(site_path.to_owned(), Entry { hash, stamp: Stamp { size, inode, modified, changed } });
        }
        Some(Manifest { entries })
    }

    /// The entry of a site path, if the manifest has one.
    pub(crate) fn get(&self, site_path: &str) -> Option<&Entry> {
        self.entries.get(site_path)
    }

    /// The site paths of the files it lists.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The manifest of these files.
    pub(crate) fn of(entries: impl IntoIterator<Item = (String, Entry)>) -> Manifest {
        Manifest { entries: entries.into_iter().collect() }
    }

    /// The manifest as text, its entries sorted by site path.
    fn text(&self) -> String {
        let mut sorted: Vec<_> = self.entries.iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut text = String::with_capacity(sorted.len() * 100);
        text.push_str(HEADER);
        text.push('\n');
        for (site_path, Entry { hash, stamp }) in sorted {
            let Stamp { size, inode, modified, changed } = stamp;
            let _ = writeln!(text, "{hash:032x} {size} {inode} {modified} {changed} {site_path}");
        }
        text
    }

    /// Writes the manifest at `path`: into a temporary file beside it, renamed over it,
    /// so that a manifest is always whole.
    pub(crate) fn write(&self, path: &crate::fs::Confined) -> Result<()> {
        let temporary = path.with_suffix(&format!(".{}", std::process::id()));
        crate::fs::write(&temporary, self.text())?;
        crate::fs::rename(&temporary, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: u128, size: u64) -> Entry {
        Entry { hash, stamp: Stamp { size, inode: 7, modified: 1_700_000_000_123_456_789, changed: -5 } }
    }

    #[test]
    fn reads_back_what_it_writes() {
        let manifest =
            Manifest::of([("a b/index.html".to_owned(), entry(u128::MAX, 3)), ("x.css".to_owned(), entry(1, 0))]);
        let text = manifest.text();
        assert!(text.starts_with("opsbook-manifest 1\n"), "{text}");
        let read = Manifest::parse(&text).expect("a manifest");
        assert_eq!(read.get("a b/index.html"), Some(&entry(u128::MAX, 3)));
        assert_eq!(read.get("x.css"), Some(&entry(1, 0)));
        assert_eq!(read.get("y.css"), None);
    }

    #[test]
    fn ignores_a_manifest_of_another_version_or_with_a_bad_line() {
        assert!(Manifest::parse("opsbook-manifest 2\n").is_none());
        assert!(Manifest::parse("").is_none());
        let good = Manifest::of([("a".to_owned(), entry(9, 1))]).text();
        assert!(Manifest::parse(&good).is_some());
        assert!(Manifest::parse(&format!("{good}zz 1 2 3 4 b\n")).is_none());
        assert!(Manifest::parse(&format!("{good}9 1 2 3\n")).is_none());
    }

    #[test]
    fn hashes_a_stream_as_its_bytes() {
        let long: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        assert_eq!(hash_stream(&mut long.as_slice()).unwrap(), hash(&long));
        assert_eq!(hash_stream(&mut &b""[..]).unwrap(), hash(b""));
        assert_ne!(hash(b"a"), hash(b"b"));
    }
}
