//! A streaming build's pages without their text. The Markdown step takes each page's
//! text out, renders it (titles, links, anchors, search text) and lets it go at once,
//! page by page, so that it never holds every page's text beside what it made of them;
//! the templates step reads the file again to render the body, highlighted, just before
//! the page's template (`pipeline/stream.rs`): at 10,000 pages of 8 KB, some 80 MB less
//! held through the Markdown, templates, search and files steps, for a second read of
//! each file (the files a page includes are read twice already).
//!
//! What a page keeps ([`Released`]) makes sure the second reading is the text of the
//! first: its length and hash. A file changed in between stops the build (the previous
//! output stays as it was), since the links checked and the HTML written would
//! otherwise come from two different texts. It also keeps the fingerprints
//! `handbook.json` records of the text, which the caller computes before letting it go.
//! The page's methods that let the text go and read it again are in [`super::page`].

/// What a page keeps of its text once it has let it go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Released {
    /// The text's length, in bytes.
    pub len: usize,
    /// The text's hash (XXH3): reading the file again must give the same.
    pub hash: u64,
    /// The fingerprints `handbook.json` records of the text.
    pub fingerprints: Fingerprints,
}

/// The fingerprints of a page's text that `handbook.json` records (`check::pages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprints {
    /// The whole text's exact hash.
    pub exact: u64,
    /// The body's similarity hash; none for a body too short to compare.
    pub similarity: Option<u64>,
}

impl Released {
    /// What a page keeps of `text`, its whole text, with `fingerprints`.
    pub fn of(text: &str, fingerprints: Fingerprints) -> Self {
        Released { len: text.len(), hash: hash_text(text), fingerprints }
    }
}

/// A hash of the page's text, to notice a file that changed between two reads.
pub(super) fn hash_text(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::config::{Config, Overrides};
    use crate::content::page::SourcePage;

    fn fingerprints() -> Fingerprints {
        Fingerprints { exact: 1, similarity: None }
    }

    /// Lets the page's text go as the Markdown step of a streaming build does.
    fn release(page: &mut SourcePage) {
        let text = page.take_text();
        page.released_as(Released::of(&text, fingerprints()));
    }

    /// A handbook with one page, loaded; returns its root and the page.
    fn handbook(name: &str, text: &str) -> (std::path::PathBuf, Config, SourcePage) {
        let root = std::env::temp_dir().join(format!("opsbook-released-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("content")).expect("content folder");
        std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"T\"\n").expect("book.toml");
        std::fs::write(root.join("content/page.md"), text).expect("page");
        let config = Config::load(&root, &Overrides::default()).expect("config");
        let (page, problems) = crate::content::load_page(&root.join("content"), "page.md", "content/");
        assert!(problems.is_empty(), "{problems:?}");
        (root, config, page.expect("the page"))
    }

    #[test]
    fn reads_a_released_text_again_as_it_was_read_first() {
        let (root, config, mut page) = handbook("same", "\u{feff}---\ntitle: A\n---\r\n# A\r\n\r\nBody.\r\n");
        let first = page.text.clone();
        release(&mut page);
        assert!(page.text.is_empty(), "the text is let go");
        assert_eq!(page.released.map(|r| r.fingerprints), Some(fingerprints()));
        let again = page.text_again(&config).expect("read again");
        assert_eq!(again, first, "BOM and line endings as the first reading left them");
        assert_eq!(&again[page.body_start..], "# A\n\nBody.\n");
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn a_text_not_released_is_not_read_again() {
        let (root, config, page) = handbook("kept", "# Kept\n");
        std::fs::remove_file(root.join("content/page.md")).expect("remove");
        assert!(matches!(page.text_again(&config), Ok(Cow::Borrowed("# Kept\n"))));
        std::fs::remove_dir_all(&root).expect("clean up");
    }

    #[test]
    fn refuses_a_file_changed_after_its_first_reading() {
        let (root, config, mut page) = handbook("changed", "# Before\n");
        release(&mut page);
        std::fs::write(root.join("content/page.md"), "# After!\n").expect("edit");
        let error = page.text_again(&config).expect_err("a changed file").to_string();
        assert_eq!(error, "content/page.md: the file changed while the build was reading it; build again");
        std::fs::write(root.join("content/page.md"), "# Before\n# Longer\n").expect("edit");
        assert!(page.text_again(&config).is_err(), "a longer text");
        std::fs::remove_file(root.join("content/page.md")).expect("remove");
        let error = page.text_again(&config).expect_err("a removed file").to_string();
        assert!(error.starts_with("content/page.md: cannot read the file:"), "{error}");
        std::fs::remove_dir_all(&root).expect("clean up");
    }
}
