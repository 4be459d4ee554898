//! File-system helpers whose errors name the path they failed on, the one way opsbook
//! reads a file, and the two ways a path is written for people: with `/` separators,
//! and relative to the current folder.
//!
//! Every file opsbook reads because a handbook, the command line or an earlier build
//! names it (pages, includes, assets copied, book.toml, CODEOWNERS, category and
//! navigation files, templates and static files, rule files, baselines, the build cache)
//! is opened by [`open_regular`], which [`read_bytes`], [`read`] and [`copy`] go through.
//!
//! More: docs/architecture.md, "Notes by module".

#![allow(clippy::disallowed_methods)]

pub mod confine;

use std::io::Read as _;
use std::path::Path;

pub use confine::{Confined, OwnFolder};

use anyhow::{Context, Result};

/// The most opsbook reads of a Markdown page or of a file a page includes (the includes
/// of one page have their own, smaller budget).
pub const MAX_PAGE_BYTES: u64 = 64 << 20;
/// The most opsbook reads of book.toml, CODEOWNERS, a Docusaurus category file or a
/// navigation file (`mkdocs.yml`, `SUMMARY.md`).
pub const MAX_CONFIG_BYTES: u64 = 16 << 20;
/// The most opsbook reads of a template or of a static file of the theme it reads as
/// text.
pub const MAX_TEMPLATE_BYTES: u64 = 16 << 20;
/// The most opsbook reads of a Prometheus rule file (`check --rules`).
pub const MAX_RULE_FILE_BYTES: u64 = 64 << 20;
/// The most opsbook reads of a baseline (`check --baseline`): a `handbook.json` takes
/// about 2.2 KiB a page, so this is some 450,000 pages.
pub const MAX_BASELINE_BYTES: u64 = 1 << 30;
/// The most opsbook copies of one file published as it is (an asset, a static file).
pub const MAX_ASSET_BYTES: u64 = 4 << 30;
/// The most opsbook reads of a file it wrote itself: the build cache, the output's
/// manifest, a staged output file.
pub const MAX_OWN_BYTES: u64 = 8 << 30;

/// What a file is to opsbook, which says how much of it may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A Markdown page or an included file: [`MAX_PAGE_BYTES`].
    Page,
    /// book.toml, CODEOWNERS, a category or navigation file: [`MAX_CONFIG_BYTES`].
    Config,
    /// A template or a static text file of the theme: [`MAX_TEMPLATE_BYTES`].
    Template,
    /// A Prometheus rule file: [`MAX_RULE_FILE_BYTES`].
    RuleFile,
    /// A baseline of `check --baseline`: [`MAX_BASELINE_BYTES`].
    Baseline,
    /// A file copied as it is: [`MAX_ASSET_BYTES`].
    Asset,
    /// A file opsbook wrote: [`MAX_OWN_BYTES`].
    Own,
}

impl FileKind {
    /// The most that is read of a file of this kind, in bytes.
    pub fn max_bytes(self) -> u64 {
        match self {
            FileKind::Page => MAX_PAGE_BYTES,
            FileKind::Config => MAX_CONFIG_BYTES,
            FileKind::Template => MAX_TEMPLATE_BYTES,
            FileKind::RuleFile => MAX_RULE_FILE_BYTES,
            FileKind::Baseline => MAX_BASELINE_BYTES,
            FileKind::Asset => MAX_ASSET_BYTES,
            FileKind::Own => MAX_OWN_BYTES,
        }
    }

    /// The kind as messages name it.
    fn name(self) -> &'static str {
        match self {
            FileKind::Page => "a page",
            FileKind::Config => "a configuration file",
            FileKind::Template => "a theme file",
            FileKind::RuleFile => "a rule file",
            FileKind::Baseline => "a baseline",
            FileKind::Asset => "a file it copies",
            FileKind::Own => "a file it wrote",
        }
    }
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// The system said no (missing, no permission...).
    Io(std::io::Error),
    /// It is not a regular file: what it is ("a named pipe (FIFO)").
    NotRegular(&'static str),
    /// It is a file of the kernel (`/proc`, `/sys`), whose size says nothing.
    KernelFile,
    /// It holds more than the limit of its kind.
    TooLarge(FileKind),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::KernelFile => f.write_str("it is a file of the kernel's /proc or /sys, not a regular file"),
            ReadError::TooLarge(kind) => {
                write!(f, "it is larger than {}, the most opsbook reads of {}", size(kind.max_bytes()), kind.name())
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// A limit in words: `64 MiB`, `1 GiB`.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 30 { format!("{} GiB", bytes >> 30) } else { format!("{} MiB", bytes >> 20) }
}

/// What a file that is not a regular file is, for messages.
pub fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() { "a folder" } else { "a special file" }
}

/// Opens `path` for reading if it is a regular file of at most `kind`'s limit (see the
/// module's steps), without ever waiting on it; returns the file and its length.
pub fn open_regular(path: &Confined, kind: FileKind) -> Result<(std::fs::File, u64), ReadError> {
    let path = path.path();
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(describe(metadata.file_type())));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        let flags = rustix::fs::OFlags::NONBLOCK | rustix::fs::OFlags::NOCTTY;
        options.custom_flags(flags.bits() as i32);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular(describe(metadata.file_type())));
    }
    if is_kernel_file(&file) {
        return Err(ReadError::KernelFile);
    }
    if metadata.len() > kind.max_bytes() {
        return Err(ReadError::TooLarge(kind));
    }
    Ok((file, metadata.len()))
}

/// Whether an open file is on one of the kernel's own file systems (`/proc`, `/sys` and
/// their kind), whose files are not what they say they are.
#[cfg(target_os = "linux")]
fn is_kernel_file(file: &std::fs::File) -> bool {
    use rustix::fs::FsWord;
    /// `SYSFS_MAGIC`, `DEBUGFS_MAGIC`, `TRACEFS_MAGIC`, `SECURITYFS_MAGIC`,
    /// `CGROUP_SUPER_MAGIC`, `CGROUP2_SUPER_MAGIC`, `CONFIGFS_MAGIC` of `linux/magic.h`.
    const KERNEL: [FsWord; 7] =
        [0x6265_6572, 0x6462_6720, 0x7472_6163, 0x7363_6673, 0x0027_e0eb, 0x6367_7270, 0x6265_6570];
    rustix::fs::fstatfs(file).is_ok_and(|fs| fs.f_type == rustix::fs::PROC_SUPER_MAGIC || KERNEL.contains(&fs.f_type))
}

#[cfg(not(target_os = "linux"))]
fn is_kernel_file(_file: &std::fs::File) -> bool {
    false
}

/// Reads a whole regular file of `kind` (see [`open_regular`]).
pub fn read_bytes(path: &Confined, kind: FileKind) -> Result<Vec<u8>, ReadError> {
    let (file, len) = open_regular(path, kind)?;
    let limit = kind.max_bytes();
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(kind));
    }
    Ok(bytes)
}

/// Reads a whole regular file of `kind` as UTF-8 text (as [`std::fs::read_to_string`]
/// does, the same error when it is not).
pub fn read_text(path: &Confined, kind: FileKind) -> Result<String, ReadError> {
    let bytes = read_bytes(path, kind)?;
    String::from_utf8(bytes).map_err(|_| {
        ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8"))
    })
}

/// Reads a whole regular file of `kind`; the error names the path.
pub fn read(path: &Confined, kind: FileKind) -> Result<Vec<u8>> {
    read_bytes(path, kind).with_context(|| format!("cannot read {}", path.path().display()))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Confined, contents: impl AsRef<[u8]>) -> Result<()> {
    let path = path.path();
    if let Some(parent) = path.parent() {
        create_dir_all_at(parent)?;
    }
    std::fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Confined) -> Result<()> {
    create_dir_all_at(path.path())
}

/// Creates a folder and its parents, below a confined path.
fn create_dir_all_at(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("cannot create folder {}", path.display()))
}

/// Creates the folder of a file to be written: with one `mkdir` when its parent exists
/// (the usual case), with its parents otherwise; a folder already there is fine.
pub fn create_parent(path: &Confined) -> Result<()> {
    let Some(parent) = path.path().parent() else { return Ok(()) };
    match std::fs::create_dir(parent) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => create_dir_all_at(parent),
        _ => Ok(()),
    }
}

/// Creates (or truncates) a file to write, its folder existing.
pub fn create(path: &Confined) -> std::io::Result<std::fs::File> {
    std::fs::File::create(path.path())
}

/// Creates a new file to write (and read back): an error when anything is there
/// already, a link to nothing included, so a file is never written through a link.
pub fn create_new(path: &Confined) -> std::io::Result<std::fs::File> {
    std::fs::File::options().read(true).write(true).create_new(true).open(path.path())
}

/// Opens a file opsbook wrote itself, to read it as it streams (a cache or a staged
/// file): see [`open_regular`].
pub fn open_own(path: &Confined) -> Result<std::fs::File, ReadError> {
    open_regular(path, FileKind::Own).map(|(file, _)| file)
}

/// Opens a lock file to write, creating it, never truncating it.
pub fn open_lock(path: &Confined) -> std::io::Result<std::fs::File> {
    std::fs::File::options().create(true).truncate(false).write(true).open(path.path())
}

/// The text of a file of the kernel about this process (`/proc/self/NAME`, Linux), which
/// [`open_regular`] refuses since its size says nothing: read whole, up to 1 MiB.
pub fn own_process_file(name: &str) -> Option<String> {
    let file = std::fs::File::open(Path::new("/proc/self").join(name)).ok()?;
    let mut text = String::new();
    file.take(1 << 20).read_to_string(&mut text).ok()?;
    Some(text)
}

/// Writes `text` to a file of the kernel about this process (`/proc/self/NAME`, Linux);
/// whether the kernel took it.
pub fn write_own_process_file(name: &str, text: &str) -> bool {
    std::fs::write(Path::new("/proc/self").join(name), text).is_ok()
}

/// Copies one regular file of `kind` (see [`open_regular`]), creating the target's
/// parent folders; the copy has the source's permissions, as [`std::fs::copy`] gives.
pub fn copy(from: &Confined, to: &Confined, kind: FileKind) -> Result<()> {
    let to = to.path();
    if let Some(parent) = to.parent() {
        create_dir_all_at(parent)?;
    }
    let (source, _) = open_regular(from, kind).with_context(|| format!("cannot copy {}", from.path().display()))?;
    let copied = (|| {
        let permissions = source.metadata()?.permissions();
        let mut target = std::fs::File::create(to)?;
        let limit = kind.max_bytes();
        // `io::copy` of a file to a file copies in the kernel (`copy_file_range`).
        if std::io::copy(&mut source.take(limit + 1), &mut target)? > limit {
            return Err(std::io::Error::other(ReadError::TooLarge(kind)));
        }
        target.set_permissions(permissions)
    })();
    copied.with_context(|| format!("cannot copy {} to {}", from.path().display(), to.display()))
}

/// Removes a file; the system's error as it is.
pub fn remove_file(path: &Confined) -> std::io::Result<()> {
    std::fs::remove_file(path.path())
}

/// Removes an empty folder; the system's error as it is.
pub fn remove_dir(path: &Confined) -> std::io::Result<()> {
    std::fs::remove_dir(path.path())
}

/// Removes a folder and everything in it; a missing folder is fine.
pub fn remove_dir_all(path: &Confined) -> Result<()> {
    remove_dir_all_at(path.path())
}

/// Removes a folder and everything in it, a confined path or below one.
fn remove_dir_all_at(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", path.display()))
        }
        _ => Ok(()),
    }
}

/// Removes a large folder (a previous build's output), its top-level entries in
/// parallel. Missing is fine.
pub fn remove_tree_in_parallel(path: &Confined) -> Result<()> {
    use rayon::prelude::*;
    let path = path.path();
    let entries: Vec<_> = match std::fs::read_dir(path) {
        Ok(entries) => entries.filter_map(|entry| entry.ok()).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot remove {}", path.display())),
    };
    entries.par_iter().try_for_each(|entry| {
        let inner = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            remove_dir_all_at(&inner)
        } else {
            std::fs::remove_file(&inner).with_context(|| format!("cannot remove {}", inner.display()))
        }
    })?;
    remove_dir_all_at(path)
}

/// Renames a file or folder.
pub fn rename(from: &Confined, to: &Confined) -> Result<()> {
    rename_io(from, to).with_context(|| format!("cannot move {} to {}", from.path().display(), to.path().display()))
}

/// Renames a file or folder; the system's error as it is.
pub fn rename_io(from: &Confined, to: &Confined) -> std::io::Result<()> {
    std::fs::rename(from.path(), to.path())
}

/// A folder as the user would like to read it in a message: relative to the current
/// folder when it is inside it (`public/`, `.`), else as it is.
pub fn shown_path(path: &Path) -> String {
    let relative = std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let shown = slash_path(relative.as_deref().unwrap_or(path));
    if shown.is_empty() { ".".into() } else { format!("{}/", shown.trim_end_matches('/')) }
}

/// A path as a string with `/` separators, for diagnostics and URLs.
pub fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' { s.into_owned() } else { s.replace(std::path::MAIN_SEPARATOR, "/") }
}

/// The entries of folder `dir` whose names are UTF-8 and not hidden, by name, each with
/// whether it is a folder (a symbolic link is none); none when it cannot be listed.
pub fn visible_entries(dir: &Path) -> Vec<(String, bool)> {
    let mut entries: Vec<(String, bool)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_string();
            let is_dir = entry.file_type().ok()?.is_dir();
            (!name.starts_with('.')).then_some((name, is_dir))
        })
        .collect();
    entries.sort();
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path as the tests name it, not confined.
    fn at(path: &Path) -> Confined {
        Confined::named_on_command_line(path)
    }

    /// A fresh folder of the system's temporary folder for one test.
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("opsbook-fs-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    }

    #[test]
    fn reads_regular_files_and_refuses_folders() {
        let dir = scratch("regular");
        std::fs::write(dir.join("a.txt"), "text").unwrap();
        assert_eq!(read_bytes(&at(&dir.join("a.txt")), FileKind::Page).unwrap(), b"text");
        assert_eq!(read_text(&at(&dir.join("a.txt")), FileKind::Page).unwrap(), "text");
        let err = read_bytes(&at(&dir), FileKind::Page).unwrap_err();
        assert_eq!(err.to_string(), "it is a folder, not a regular file");
        let err = read(&at(&dir.join("gone")), FileKind::Config).unwrap_err();
        assert!(format!("{err:#}").starts_with("cannot read "), "{err:#}");
        std::fs::write(dir.join("b.txt"), [0xff, 0xfe]).unwrap();
        assert_eq!(
            read_text(&at(&dir.join("b.txt")), FileKind::Page).unwrap_err().to_string(),
            "stream did not contain valid UTF-8"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn never_opens_named_pipes_or_devices() {
        let dir = scratch("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
        assert!(made.success());
        // Opening it would wait for a writer: the test would never end.
        assert_eq!(
            read_bytes(&at(&fifo), FileKind::Page).unwrap_err().to_string(),
            "it is a named pipe (FIFO), not a regular file"
        );
        assert!(copy(&at(&fifo), &at(&dir.join("copy")), FileKind::Asset).is_err());
        assert!(!dir.join("copy").exists());
        let zero = std::path::Path::new("/dev/zero");
        assert_eq!(
            read_bytes(&at(zero), FileKind::Baseline).unwrap_err().to_string(),
            "it is a character device, not a regular file"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn refuses_files_of_the_kernel() {
        for file in ["/proc/self/environ", "/proc/self/status"] {
            let err = read_bytes(&at(std::path::Path::new(file)), FileKind::RuleFile).unwrap_err();
            assert_eq!(err.to_string(), "it is a file of the kernel's /proc or /sys, not a regular file", "{file}");
        }
    }

    #[test]
    fn refuses_files_past_the_limit_of_their_kind() {
        let dir = scratch("limit");
        let big = dir.join("big.toml");
        // A hole: no room taken, and refused by its size before a byte is read.
        std::fs::File::create(&big).and_then(|file| file.set_len(MAX_CONFIG_BYTES + 1)).unwrap();
        let err = read_bytes(&at(&big), FileKind::Config).unwrap_err();
        assert_eq!(err.to_string(), "it is larger than 16 MiB, the most opsbook reads of a configuration file");
        assert_eq!(read_bytes(&at(&big), FileKind::Page).unwrap().len() as u64, MAX_CONFIG_BYTES + 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn copies_bytes_and_permissions() {
        let dir = scratch("copy");
        std::fs::write(dir.join("run.sh"), "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(dir.join("run.sh"), std::fs::Permissions::from_mode(0o750)).unwrap();
        }
        copy(&at(&dir.join("run.sh")), &at(&dir.join("out/run.sh")), FileKind::Asset).unwrap();
        assert_eq!(std::fs::read(dir.join("out/run.sh")).unwrap(), b"#!/bin/sh\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(dir.join("out/run.sh")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o750);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn shows_folders_relative_to_the_current_one() {
        let here = std::env::current_dir().expect("the tests run in a folder");
        assert_eq!(shown_path(&here), ".");
        assert_eq!(shown_path(&here.join("public")), "public/");
        assert_eq!(shown_path(&here.join("a").join("b")), "a/b/");
    }

    #[test]
    fn shows_folders_elsewhere_as_they_are() {
        let elsewhere = std::env::temp_dir().join("opsbook-shown-path");
        if std::env::current_dir().is_ok_and(|cwd| !elsewhere.starts_with(cwd)) {
            assert_eq!(shown_path(&elsewhere), format!("{}/", slash_path(&elsewhere)));
        }
    }
}
