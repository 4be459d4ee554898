//! The files of a Jekyll site that are no pages but that Jekyll processes: "any file that
//! contains a YAML front matter block will be processed by Jekyll as a special file"
//! (jekyllrb.com/docs/front-matter/), rendered through Liquid and written without its
//! front matter under its name, or at its `permalink` (jekyll/jekyll
//! `lib/jekyll/page.rb`): a `robots.txt`, a web manifest, a script that reads
//! `site.baseurl`. Copied as written, such a file published its front matter and Liquid.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// A file Jekyll processes ([`find`]).
pub(crate) use crate::content::walk::TemplateFile as JekyllFile;
/// A file Jekyll processes, by its content path.
pub(crate) use crate::content::walk::TemplateFiles as JekyllFiles;

/// The text `text` of `file` rendered through Liquid with the site's variables
/// `templating`, published at `site_path` (`asset` gives the URL of a file of the
/// site); a refusal is a warning at `shown`'s line, and the file is not published.
pub(crate) fn render(
    file: &JekyllFile,
    text: &str,
    site_path: &str,
    templating: &crate::markdown::templating::SiteContext,
    asset: &dyn Fn(&str) -> Option<String>,
    shown: &str,
) -> Result<String, Diagnostic> {
    let mut page = file.front.clone();
    if let serde_json::Value::Object(map) = &mut page {
        map.insert("url".into(), format!("/{site_path}").into());
    }
    let (body, body_line) = body(text);
    crate::compat::dialects::liquid_file::render_file(body, &page, templating, asset).map_err(|refusal| {
        let message =
            format!("`{shown}` is a file Jekyll renders through Liquid: {}; it is not published", refusal.message);
        Diagnostic::error(Rule::UnsupportedSyntax, shown, body_line + refusal.line - 1, refusal.column, message)
            .with_severity(Severity::Warning)
    })
}

/// How much of a file is read to see whether it opens with front matter.
const HEAD_BYTES: u64 = 1024;

/// The files of `assets` (content paths) Jekyll processes, in a handbook whose old tool
/// is Jekyll; those left out of the build (Sass, another audience, unreadable) are
/// removed from `assets`, with the reason in `diagnostics` where there is one.
pub(crate) fn find(config: &Config, assets: &mut Vec<String>, diagnostics: &mut Vec<Diagnostic>) -> JekyllFiles {
    let mut found = JekyllFiles::new();
    let mut dropped = Vec::new();
    for path in assets.iter() {
        let (Ok(disk), shown) = config.locate_confined(path) else { continue };
        if !opens_with_front_matter(&disk) {
            continue;
        }
        match read(config, path, &disk, &shown) {
            Ok(Some(file)) => {
                found.insert(path.clone(), file);
            }
            Ok(None) => dropped.push(path.clone()),
            Err(problem) => {
                diagnostics.push(problem);
                dropped.push(path.clone());
            }
        }
    }
    assets.retain(|path| !dropped.contains(path));
    found
}

/// Whether the file at `disk` opens with front matter (a regular file; anything else
/// is copied, and the copy says what is wrong with it).
fn opens_with_front_matter(disk: &crate::fs::Confined) -> bool {
    head(disk).is_some_and(|head| crate::content::formats::opens_with_front_matter(&head))
}

/// The page files of a site that Jekyll's reader sorts ([`super::published::sort`]), each
/// read once, when first asked about: whether it opens with front matter, whether it
/// holds internal text. The bytes of those that stay pages go on to the page reading
/// ([`PageReads::into_read_ahead`]).
pub(crate) struct PageReads<'c> {
    config: &'c Config,
    /// Each file asked about: its bytes, `None` when it cannot be read as a page.
    read: std::cell::RefCell<std::collections::HashMap<String, Option<Vec<u8>>>>,
}

impl<'c> PageReads<'c> {
    /// The page files of the handbook of `config`, none read yet.
    pub(crate) fn new(config: &'c Config) -> PageReads<'c> {
        PageReads { config, read: Default::default() }
    }

    /// Reads the page file at content path `path` once, and answers `with` its bytes.
    fn with<T>(&self, path: &str, with: impl FnOnce(Option<&[u8]>) -> T) -> T {
        let mut read = self.read.borrow_mut();
        let bytes = read.entry(path.to_string()).or_insert_with(|| {
            let (Ok(disk), _) = self.config.locate_confined(path) else { return None };
            crate::fs::read_bytes(&disk, crate::fs::FileKind::Page).ok()
        });
        with(bytes.as_deref())
    }

    /// Whether the page file at content path `path` opens with front matter as Jekyll
    /// reads it ([`super::published::has_yaml_header`]); one that cannot be read stays a
    /// page, whose reading says why (one too large for a page is looked at as a copy).
    pub(crate) fn opens_with_yaml(&self, path: &str) -> bool {
        let read = self.with(path, |bytes| {
            bytes.map(|b| super::published::has_yaml_header(&b[..b.len().min(HEAD_BYTES as usize)]))
        });
        read.unwrap_or_else(|| {
            let (Ok(disk), _) = self.config.locate_confined(path) else { return true };
            head(&disk).is_none_or(|head| super::published::has_yaml_header(&head))
        })
    }

    /// Whether the page file at content path `path` holds internal blocks (or markers
    /// written wrongly): copied as written, it would publish them, so it stays a page whose
    /// public build leaves them out. One that cannot be read as text stays a page too.
    pub(crate) fn holds_internal_text(&self, path: &str) -> bool {
        self.with(path, |bytes| {
            let Some(text) = bytes.and_then(|bytes| std::str::from_utf8(bytes).ok()) else { return true };
            !crate::markdown::public_text::internal_blocks(text).is_ok_and(|blocks| blocks.is_empty())
        })
    }

    /// The bytes read of the files of `pages`, for the page reading.
    pub(crate) fn into_read_ahead(self, pages: &[String]) -> crate::content::walk::ReadAhead {
        let mut read = self.read.into_inner();
        pages.iter().filter_map(|path| Some((path.clone(), read.remove(path)??))).collect()
    }
}

/// The first [`HEAD_BYTES`] of the regular file at `disk`.
fn head(disk: &crate::fs::Confined) -> Option<Vec<u8>> {
    use std::io::Read;
    let (file, _) = crate::fs::open_regular(disk, crate::fs::FileKind::Asset).ok()?;
    let mut head = Vec::with_capacity(HEAD_BYTES as usize);
    file.take(HEAD_BYTES).read_to_end(&mut head).ok()?;
    Some(head)
}

/// The file at content path `path`, or `None` when the build leaves it out; the error
/// that keeps it out otherwise.
fn read(
    config: &Config,
    path: &str,
    disk: &crate::fs::Confined,
    shown: &str,
) -> Result<Option<JekyllFile>, Diagnostic> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".scss") || lower.ends_with(".sass") {
        let message = format!(
            "`{shown}` is Sass that Jekyll compiles into CSS; opsbook compiles no Sass, so it is not published"
        );
        let help = "publish the compiled CSS instead (in static/, or beside the pages)";
        return Err(Diagnostic::error(Rule::UnsupportedSyntax, shown, 1, 1, message)
            .with_severity(Severity::Note)
            .with_help(help));
    }
    let unreadable = |message: String| Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message);
    let text = crate::fs::read_text(disk, crate::fs::FileKind::Page)
        .map_err(|e| unreadable(format!("cannot read `{shown}`: {e}")))?
        .replace("\r\n", "\n");
    let syntax = |e: crate::content::front_matter::SyntaxError| {
        Diagnostic::error(Rule::FrontMatterSyntax, shown, e.line, e.column, e.message)
    };
    let split = crate::content::front_matter::split_front_matter(&text).map_err(syntax)?;
    let Some(block) = split.front else { return Ok(None) };
    let fields = crate::content::front_matter::parse_fields(&block).map_err(syntax)?;
    let mut front = serde_json::Map::new();
    let mut permalink = None;
    for field in fields.0.iter() {
        if field.key == "permalink"
            && let Some(value) = field.value.value.to_json().as_str()
        {
            let site_path = value.trim_start_matches('/').to_string();
            let site_path = if site_path.is_empty() || site_path.ends_with('/') {
                format!("{site_path}index.html")
            } else {
                site_path
            };
            if let Err(problem) = crate::site_path::check(&site_path) {
                let message = format!("the permalink {value:?} cannot be a file of the site: {problem}");
                return Err(Diagnostic::error(Rule::InvalidPath, shown, field.value.line, field.value.column, message));
            }
            permalink = Some(site_path);
        }
        front.insert(field.key.clone(), field.value.value.to_json());
    }
    let internal = front.get("visibility").and_then(serde_json::Value::as_str) == Some("internal");
    let unpublished = front.get("published") == Some(&serde_json::Value::Bool(false));
    if unpublished || (internal && config.audience != crate::config::Audience::Internal) {
        return Ok(None);
    }
    front.insert("path".into(), path.into());
    Ok(Some(JekyllFile { front: serde_json::Value::Object(front), permalink }))
}

/// The body of a processed file's text, after its front matter, and the 1-based line of
/// the file it starts at.
pub(crate) fn body(text: &str) -> (&str, usize) {
    crate::content::front_matter::split_front_matter(text).map_or((text, 1), |split| (split.body, split.body_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_is_what_follows_the_front_matter() {
        assert_eq!(body("---\npermalink: /robots.txt\n---\nUser-agent: *\n"), ("User-agent: *\n", 4));
        assert_eq!(body("no front matter\n"), ("no front matter\n", 1));
    }
}
