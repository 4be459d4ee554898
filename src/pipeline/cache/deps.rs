//! What a page's Markdown asked of the rest of the handbook while it was rendered, so
//! that a rebuild can tell whether a cached result still holds: the link resolver and
//! the included files, wrapped to record each question and a hash of its answer
//! ([`Recording`]), and [`Dependencies::hold`], which asks every question again.

use std::sync::{Mutex, PoisonError};

use super::entry::Dependencies;
use crate::content::include_files::{IncludeError, IncludeFiles, Included};
use crate::markdown::{LinkResolver, PageFile, Resolution};

/// The hash of what a link destination resolved to: its kind and each of its parts,
/// each part preceded by its length.
fn resolution_hash(resolution: &Resolution) -> u128 {
    let mut bytes = Vec::with_capacity(128);
    let mut part = |part: &[u8]| {
        bytes.extend_from_slice(&(part.len() as u32).to_le_bytes());
        bytes.extend_from_slice(part);
    };
    fn optional(value: &Option<String>) -> &[u8] {
        value.as_deref().map_or(&b"\xff"[..], str::as_bytes)
    }
    match resolution {
        Resolution::External => part(b"external"),
        Resolution::Fragment(anchor) => {
            part(b"fragment");
            part(anchor.as_bytes());
        }
        Resolution::Page { id, href, anchor } => {
            part(b"page");
            part(&(*id as u64).to_le_bytes());
            part(href.as_bytes());
            part(optional(anchor));
        }
        Resolution::File { href, asset } => {
            part(b"file");
            part(href.as_bytes());
            part(optional(asset));
        }
        Resolution::Internal { message } => {
            part(b"internal");
            part(message.as_bytes());
        }
        Resolution::Broken { message, asset, suggestion } => {
            part(b"broken");
            part(message.as_bytes());
            part(&[u8::from(*asset)]);
            part(optional(suggestion));
        }
    }
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// The hash of what reading an included file gave: its text and the content path of
/// its real place (a link moved to another section changes what a public build may
/// take of it).
fn read_hash(read: &Result<Included, IncludeError>) -> u128 {
    match read {
        Ok(Included { text, content_path }) => {
            let place = content_path.as_deref().map_or(&b"\xff"[..], str::as_bytes);
            xxhash_rust::xxh3::xxh3_128(text.as_bytes()) ^ xxhash_rust::xxh3::xxh3_128(place).rotate_left(1)
        }
        Err(error) => xxhash_rust::xxh3::xxh3_128(format!("{error:?}").as_bytes()) ^ 1,
    }
}

/// A link resolver and included files that record what they were asked.
pub(crate) struct Recording<'a> {
    links: &'a dyn LinkResolver,
    files: Option<&'a dyn IncludeFiles>,
    asked: Mutex<Dependencies>,
}

impl<'a> Recording<'a> {
    pub(crate) fn new(links: &'a dyn LinkResolver, files: Option<&'a dyn IncludeFiles>) -> Self {
        Recording { links, files, asked: Mutex::default() }
    }

    /// What was asked, in order.
    pub(crate) fn into_dependencies(self) -> Dependencies {
        self.asked.into_inner().unwrap_or_else(PoisonError::into_inner)
    }

    fn asked(&self) -> std::sync::MutexGuard<'_, Dependencies> {
        self.asked.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl LinkResolver for Recording<'_> {
    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution {
        let resolution = self.links.resolve(from_dir, destination);
        let hash = resolution_hash(&resolution);
        self.asked().links.push((from_dir.to_string(), destination.to_string(), hash));
        resolution
    }

    fn page_reference(&self, reference: &str) -> Option<String> {
        let found = self.links.page_reference(reference);
        self.asked().links.push((REFERENCE.to_string(), reference.to_string(), reference_hash(found.as_deref())));
        found
    }

    fn page_files(&self) -> Vec<PageFile> {
        let files = self.links.page_files();
        self.asked().links.push((PAGE_FILES.to_string(), String::new(), files_hash(&files)));
        files
    }
}

/// The folder a page reference's question is recorded under, among the links': no
/// content folder holds a NUL.
const REFERENCE: &str = "\0reference";
/// The folder the question for the page's own files is recorded under.
const PAGE_FILES: &str = "\0files";

/// The hash of a page's own files: each one's name and size.
fn files_hash(files: &[PageFile]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    for file in files {
        hasher.update(&(file.name.len() as u64).to_le_bytes());
        hasher.update(file.name.as_bytes());
        let (width, height) = file.size.unwrap_or((u32::MAX, u32::MAX));
        hasher.update(&width.to_le_bytes());
        hasher.update(&height.to_le_bytes());
    }
    hasher.digest128()
}

/// The hash of what a page reference found.
fn reference_hash(found: Option<&str>) -> u128 {
    xxhash_rust::xxh3::xxh3_128(found.map_or(&b"\xff"[..], str::as_bytes))
}

impl IncludeFiles for Recording<'_> {
    fn read(&self, path: &str) -> Result<Included, IncludeError> {
        let read = match self.files {
            Some(files) => files.read(path),
            None => Err(IncludeError::NotFound),
        };
        let hash = read_hash(&read);
        self.asked().includes.push((path.to_string(), hash));
        read
    }
}

impl Dependencies {
    /// Whether every question gets the same answer from `links` and `files` as it did.
    pub(crate) fn hold(&self, links: &dyn LinkResolver, files: &dyn IncludeFiles) -> bool {
        self.includes.iter().all(|(path, hash)| read_hash(&files.read(path)) == *hash)
            && self.links.iter().all(|(folder, destination, hash)| match folder.as_str() {
                REFERENCE => reference_hash(links.page_reference(destination).as_deref()) == *hash,
                PAGE_FILES => files_hash(&links.page_files()) == *hash,
                _ => resolution_hash(&links.resolve(folder, destination)) == *hash,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::include_files::MemoryFiles;

    /// Resolves `a.md` to page 1 and `b.md` to page `b`, anything else as broken.
    struct Pages {
        b: usize,
    }

    impl LinkResolver for Pages {
        fn resolve(&self, _: &str, destination: &str) -> Resolution {
            let page = |id: usize| Resolution::Page { id, href: format!("/{id}/"), anchor: None };
            match destination {
                "a.md" => page(1),
                "b.md" => page(self.b),
                _ => Resolution::Broken { message: "no page".into(), asset: false, suggestion: None },
            }
        }
    }

    fn files(entries: &[(&str, &str)]) -> MemoryFiles {
        MemoryFiles(entries.iter().map(|(path, text)| (path.to_string(), text.to_string())).collect())
    }

    #[test]
    fn resolutions_that_differ_hash_apart() {
        let page = |id: usize, anchor: Option<&str>| Resolution::Page {
            id,
            href: format!("/{id}/"),
            anchor: anchor.map(str::to_string),
        };
        let broken = |suggestion: Option<&str>| Resolution::Broken {
            message: "no page".into(),
            asset: false,
            suggestion: suggestion.map(str::to_string),
        };
        let all = [
            Resolution::External,
            Resolution::Fragment("a".into()),
            page(1, None),
            page(2, None),
            page(1, Some("a")),
            page(1, Some("")),
            Resolution::File { href: "/a.png".into(), asset: None },
            Resolution::File { href: "/a.png".into(), asset: Some("a.png".into()) },
            Resolution::Internal { message: "no page".into() },
            broken(None),
            broken(Some("a.md")),
        ];
        let hashes: std::collections::HashSet<u128> = all.iter().map(resolution_hash).collect();
        assert_eq!(hashes.len(), all.len());
        assert_eq!(resolution_hash(&page(1, None)), resolution_hash(&page(1, None)));
    }

    #[test]
    fn holds_while_every_link_and_include_answers_the_same() {
        let included = files(&[("snippets/a.md", "A")]);
        let recording = Recording::new(&Pages { b: 2 }, Some(&included));
        recording.resolve("", "a.md");
        recording.resolve("runbooks", "b.md");
        recording.resolve("", "gone.md");
        assert!(recording.read("snippets/a.md").is_ok());
        assert!(recording.read("snippets/none.md").is_err());
        let dependencies = recording.into_dependencies();
        assert_eq!(dependencies.links.len(), 3);
        assert!(dependencies.hold(&Pages { b: 2 }, &included));
        assert!(!dependencies.hold(&Pages { b: 3 }, &included), "a target that moved");
        let edited = files(&[("snippets/a.md", "B")]);
        assert!(!dependencies.hold(&Pages { b: 2 }, &edited), "an edited include");
        let added = files(&[("snippets/a.md", "A"), ("snippets/none.md", "")]);
        assert!(!dependencies.hold(&Pages { b: 2 }, &added), "an include that appeared");
    }
}
