//! What the tests of opsbook's Markdown share, here and in the crates above (which
//! turn it on with the `test-hooks` feature): a small handbook that resolves links, and
//! a page's input with every option as most tests want it.

use super::links::{self, LinkResolver, Resolution};
use super::words::MarkdownWords;
use super::{MarkdownInput, internal};
use crate::diagnostic::Severity;

/// A handbook with `runbooks/_index.md` (id 0), `runbooks/db.md` (id 1) and
/// `runbooks/diagram.png`, published under `/handbook/`.
pub struct FakeSite;

impl LinkResolver for FakeSite {
    fn resolve(&self, from_dir: &str, destination: &str) -> Resolution {
        if links::is_external(destination) || destination.is_empty() {
            return Resolution::External;
        }
        let (path, anchor) = match destination.split_once('#') {
            Some((path, anchor)) => (path, Some(anchor.to_string())),
            None => (destination, None),
        };
        if path.is_empty() {
            return Resolution::Fragment(anchor.unwrap_or_default());
        }
        // A path from the content folder, as cross references are written.
        let (from_dir, path) = match path.strip_prefix('/') {
            Some(rooted) => ("", rooted),
            None => (from_dir, path),
        };
        let Some(joined) = crate::site_path::join_relative(from_dir, path) else {
            return Resolution::Broken { message: "above content/".into(), asset: false, suggestion: None };
        };
        let suffix = anchor.as_ref().map(|a| format!("#{a}")).unwrap_or_default();
        match joined.as_str() {
            "runbooks/db.md" => Resolution::Page { id: 1, href: format!("/handbook/runbooks/db/{suffix}"), anchor },
            "runbooks/_index.md" | "runbooks" | "runbooks/" => {
                Resolution::Page { id: 0, href: format!("/handbook/runbooks/{suffix}"), anchor }
            }
            "runbooks/diagram.png" => Resolution::File {
                href: "/handbook/runbooks/diagram.png".into(),
                asset: Some("runbooks/diagram.png".into()),
            },
            "_assets/images/blog/graph.png" => Resolution::File {
                href: "/handbook/_assets/images/blog/graph.png".into(),
                asset: Some("_assets/images/blog/graph.png".into()),
            },
            _ => Resolution::Broken {
                message: format!("no page `content/{joined}`"),
                asset: !links::is_markdown_path(&joined),
                suggestion: Some("db.md".into()),
            },
        }
    }
}

/// The input of a page at `content/runbooks/page.md` whose body starts at line 5:
/// highlighted, its text collected, internal blocks marked, no includes and no old
/// tool's dialect. Tests change
/// what they need with `..test_input(text)`.
pub fn test_input(text: &str) -> MarkdownInput<'_> {
    MarkdownInput {
        text,
        body_line: 5,
        file: "content/runbooks/page.md",
        dir: "runbooks",
        content: "content",
        links: &FakeSite,
        link_severity: Severity::Error,
        highlight: Some(crate::markdown::highlight::Highlighter::PLAIN),
        write_html: true,
        collect_text: true,
        internal_blocks: internal::Mode::Mark,
        heading_ids: crate::slug::HeadingIdStyle::Opsbook,
        heading_id_prefix: "",
        includes: None,
        include_roots: &crate::content::include_roots::DEFAULT_ROOTS,
        diagrams: true,
        browser_diagrams: true,
        plantuml: Box::leak(Box::default()),
        plantuml_server: None,
        templating: None,
        front: None,
        definition_lists: crate::content::reading_rules::DefinitionLists::Off,
        md_as_mdx: false,
        code_header_line: false,
        emoji: crate::content::reading_rules::EmojiShortcodes::Off,
        autolinks: crate::markdown::autolinks::Literals::OFF,
        dialects: None,
        words: MarkdownWords::english(),
    }
}

/// A Markdown page of the content folder's root for the dialects' stage, with nothing on
/// (no templates, no link lookup, a build for readers inside).
pub fn plain_page() -> super::rewrite::Page<'static> {
    super::rewrite::Page {
        dir: "",
        mdx: false,
        highlight: None,
        templating: None,
        erb: false,
        html: false,
        front: None,
        words: MarkdownWords::english(),
        late: None,
        public: false,
        links: None,
    }
}
