//! The page formats of other tools: which files of the content folder are pages, and
//! what their names say about their URLs. The walk ([`super::walk`]) asks
//! [`page_format`] of every file; the site ([`crate::site`]) asks [`template_stem`] for a
//! page's name.
//!
//! More: docs/architecture.md, "Notes by module".

/// How a page's body is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// Markdown (with Middleman's ERB when the name ends in `.erb`).
    Markdown,
    /// HTML with template tags (Liquid, Nunjucks, ERB): written as it is, not read as
    /// Markdown.
    Html,
}

/// What a file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByName {
    /// A page in this format.
    Page(PageFormat),
    /// A page if it has front matter (an `.html` file), else a file copied as it is.
    PageWithFrontMatter,
    /// Not a page.
    File,
}

/// The extensions of templates, which a page's URL leaves out.
const TEMPLATE_EXTENSIONS: [&str; 6] = ["md", "markdown", "mdx", "erb", "njk", "liquid"];

/// What the file at content path `path` is, by its name (see the module documentation).
pub fn page_format(path: &str) -> ByName {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, extension)) = name.rsplit_once('.') else { return ByName::File };
    let extension = extension.to_ascii_lowercase();
    let inner = stem.rsplit_once('.').map(|(_, inner)| inner.to_ascii_lowercase());
    match extension.as_str() {
        "md" | "markdown" | "mdx" => ByName::Page(PageFormat::Markdown),
        "erb" => {
            let partial = name.starts_with('_') || path.starts_with("layouts/");
            match inner.as_deref() {
                _ if partial => ByName::File,
                Some("md" | "markdown") => ByName::Page(PageFormat::Markdown),
                Some("html") => ByName::Page(PageFormat::Html),
                _ => ByName::File,
            }
        }
        "njk" | "liquid" => match inner.as_deref() {
            None | Some("html") => ByName::Page(PageFormat::Html),
            Some(_) => ByName::File,
        },
        "html" | "htm" => ByName::PageWithFrontMatter,
        _ => ByName::File,
    }
}

/// The format of the page at `path` (a page's content path, or a file as diagnostics
/// name it): HTML for the HTML formats, Markdown for the rest.
pub fn format_of(path: &str) -> PageFormat {
    match page_format(path) {
        ByName::Page(format) => format,
        ByName::PageWithFrontMatter => PageFormat::Html,
        ByName::File => PageFormat::Markdown,
    }
}

/// Whether the page at `path` is written with Middleman's ERB.
pub fn is_erb(path: &str) -> bool {
    let cut = path.len().saturating_sub(4);
    path.is_char_boundary(cut) && path[cut..].eq_ignore_ascii_case(".erb")
}

/// Whether `path` names a page by its name alone: Markdown or a template format. An
/// `.html` file is a page only with front matter, which its name does not tell.
pub fn is_page_name(path: &str) -> bool {
    matches!(page_format(path), ByName::Page(_))
}

/// A page file's name without the extensions of its templates: `runbook` for
/// `runbook.md` and `runbook.njk`, `index.html` for `index.html.md.erb` and
/// `index.html`. A remaining `.html` is the name's own, kept in the URL.
pub fn template_stem(name: &str) -> &str {
    let mut stem = name;
    for _ in 0..2 {
        match stem.rsplit_once('.') {
            Some((rest, extension))
                if !rest.is_empty() && TEMPLATE_EXTENSIONS.iter().any(|e| extension.eq_ignore_ascii_case(e)) =>
            {
                stem = rest;
            }
            _ => break,
        }
    }
    stem
}

/// Whether the start of a file, `head`, opens with front matter: `---` or `+++` after
/// nothing but the spaces, tabs, line breaks and byte order marks Hugo skips.
pub fn opens_with_front_matter(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let rest = text.trim_start_matches([' ', '\t', '\r', '\n', '\u{feff}']);
    ["---", "+++"].iter().any(|fence| {
        rest.strip_prefix(fence)
            .is_some_and(|after| after.split(['\n', '\r']).next().is_some_and(|r| r.trim().is_empty()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_formats_of_each_tool_by_name() {
        use ByName::*;
        use PageFormat::*;
        for (path, expected) in [
            ("runbooks/db.md", Page(Markdown)),
            ("a.MDX", Page(Markdown)),
            ("manual/deploy.html.md.erb", Page(Markdown)),
            ("notes.md.erb", Page(Markdown)),
            ("index.html.erb", Page(Html)),
            ("apps.json.erb", File),
            ("layouts/custom.erb", File),
            ("layouts/page.html.erb", File),
            ("partials/_footer.html.erb", File),
            ("custom.erb", File),
            ("docs/examples/default/index.njk", Page(Html)),
            ("about.html.njk", Page(Html)),
            ("sitemap.xml.njk", File),
            ("feed.liquid", Page(Html)),
            ("about.html", PageWithFrontMatter),
            ("style.css", File),
            ("README", File),
        ] {
            assert_eq!(page_format(path), expected, "{path}");
        }
        assert!(is_erb("a/b.html.md.erb") && !is_erb("a/b.md"));
        assert_eq!(format_of("content/a.html"), Html);
    }

    #[test]
    fn strips_only_template_extensions() {
        for (name, stem) in [
            ("runbook.md", "runbook"),
            ("runbook.njk", "runbook"),
            ("index.html.md.erb", "index.html"),
            ("deploy.html.md", "deploy.html"),
            ("about.html", "about.html"),
            ("index.html.erb", "index.html"),
            ("notes.md.erb", "notes"),
            ("v1.2.md", "v1.2"),
            (".md", ".md"),
        ] {
            assert_eq!(template_stem(name), stem, "{name}");
        }
    }

    #[test]
    fn finds_front_matter_where_hugo_does() {
        assert!(opens_with_front_matter(b"---\ntitle: A\n---\n"));
        assert!(opens_with_front_matter(b"\n\n  +++\r\ntitle = 'A'\n+++\n"));
        assert!(opens_with_front_matter("\u{feff}---\n".as_bytes()));
        assert!(!opens_with_front_matter(b"<html>\n---\n"));
        assert!(!opens_with_front_matter(b"--- text\n"));
        assert!(!opens_with_front_matter(b"----\n"));
        assert!(!opens_with_front_matter(b""));
    }
}
