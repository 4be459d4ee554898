//! MDX's imports of images and other files, as Docusaurus documents them
//! (<https://docusaurus.io/docs/markdown-features/assets>):
//!
//! ```markdown
//! import banner from './assets/banner.png';
//!
//! <img src={banner} alt="Banner" />   <a href={require('@site/static/guide.pdf').default}>
//! ```
//!
//! webpack makes such an import the URL of the file it copies, for the files of
//! Docusaurus's asset rules (`getFileLoaderUtils`: images, fonts, media, documents); an
//! SVG is a React component there (SVGR), no URL. Here a line is read for the uses of
//! the imported names, and of `require('…').default`: as the value of an HTML element's
//! attribute, written as the file's path, quoted, when the page's link resolver finds a
//! file the site publishes there ([`AssetUse::value`]), or elsewhere (a component's
//! prop, text), where no URL is written. No file is read here.

use std::ops::Range;

use crate::diagnostic::Rule;
use crate::markdown::links::{LinkResolver, Resolution, is_external, percent_encode_path};

/// The extensions of the files Docusaurus's webpack rules give a URL for, lower case:
/// its `images`, `fonts`, `media` and `otherAssets` rules (`getFileLoaderUtils`,
/// `packages/docusaurus-utils/src/webpackUtils.ts`).
const EXTENSIONS: [&str; 36] = [
    "ico", "jpg", "jpeg", "png", "gif", "webp", "avif", "woff", "woff2", "eot", "ttf", "otf", "mp4", "avi", "mov",
    "mkv", "mpg", "mpeg", "vob", "wmv", "m4v", "webm", "ogv", "wav", "mp3", "m4a", "aac", "oga", "flac", "pdf", "doc",
    "docx", "xls", "xlsx", "zip", "rar",
];

/// Docusaurus's alias of the site's folder.
pub(super) const SITE_ALIAS: &str = "@site/";

/// A name the page imports a file as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Binding {
    /// The name.
    pub name: String,
    /// The path as written.
    pub path: String,
}

/// A use of an imported file in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Use {
    /// The bytes of the line it is written in: the braces and what is between them.
    pub range: Range<usize>,
    /// What is used.
    pub asset: AssetUse,
}

/// A use of a file an MDX page imports for its URL, `{name}` or
/// `{require('…').default}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetUse {
    /// The file's path as written: from the file's folder, or the site's after `@site/`.
    pub path: String,
    /// The import or `require` that names it, as a message shows it.
    pub shown: String,
    /// Whether it is the value of an HTML element's attribute: the file's URL there.
    pub attribute: bool,
}

impl AssetUse {
    /// What the use `written` (`{name}`) is written as, its links read from the folder
    /// `dir` (of the content folder) as the page's are: as an attribute's value, the
    /// path, encoded and quoted, when it names a file the site publishes, which the
    /// body writer then resolves and the site copies as any file linked. Otherwise (or
    /// elsewhere) the warning to give, the use left as written, which the MDX dialect
    /// leaves out of the element.
    pub(super) fn value(&self, written: &str, dir: &str, links: &dyn LinkResolver) -> Result<String, (Rule, String)> {
        let shown = &self.shown;
        if !self.attribute {
            let message = format!(
                "`{written}` (`{shown}`): the URL of an imported file is written only as the value of an HTML \
                 element's attribute (`<img src={{…}}>`), not here"
            );
            return Err((Rule::UnsupportedSyntax, message));
        }
        let encoded = percent_encode_path(&self.path);
        let why = match links.resolve(dir, &encoded) {
            Resolution::File { href, .. } if !is_external(&href) => return Ok(format!("\"{encoded}\"")),
            Resolution::File { .. } => format!("`{}` is a file the site does not publish", self.path),
            Resolution::Broken { message, .. } | Resolution::Internal { message } => message,
            Resolution::Page { .. } | Resolution::Fragment(_) | Resolution::External => {
                format!("`{}` names no file", self.path)
            }
        };
        Err((Rule::MissingAsset, format!("`{written}` (`{shown}`): {why}; the attribute is left out")))
    }
}

/// Where the reading of a page's lines stands at the end of one: inside an element's
/// start tag (of an HTML element, `true`, or a component), in a quoted value.
#[derive(Debug, Default)]
pub(super) struct Scan {
    tag: Option<bool>,
    quote: Option<u8>,
}

/// The name and path of `import name from '<path>';`, when the line is one.
pub(super) fn default_import(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("import ")?.trim_start();
    let len = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '$')?;
    let (name, rest) = rest.split_at(len);
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start().strip_prefix("from")?.trim_start();
    let (path, after) = quoted(rest)?;
    after.trim().trim_end_matches(';').is_empty().then_some((name, path))
}

/// The text between the quotes `rest` starts with, and what follows them.
fn quoted(rest: &str) -> Option<(&str, &str)> {
    let quote = rest.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let close = rest[1..].find(quote)? + 1;
    Some((&rest[1..close], &rest[close + 1..]))
}

/// Whether `path` names a file of the handbook that webpack gives a URL for: written
/// from the file's folder or the site's, with one of [`EXTENSIONS`], and nothing an
/// attribute's value cannot hold as it is.
pub(super) fn is_asset(path: &str) -> bool {
    let from_file = path.starts_with("./") || path.starts_with("../") || path.starts_with(SITE_ALIAS);
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    from_file && !path.contains(['&', '\'', '{', '}', '\n']) && EXTENSIONS.contains(&extension.as_str())
}

/// The uses of `bindings` and of `require('…').default` in `line`, read from where
/// `scan` stands; `scan` is left where the line ends. In an inline code span nothing is
/// a use.
pub(super) fn uses(line: &str, scan: &mut Scan, bindings: &[Binding]) -> Vec<Use> {
    let bytes = line.as_bytes();
    let mut found = Vec::new();
    let mut code_span: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(quote) = scan.quote {
            scan.quote = (b != quote).then_some(quote);
            i += 1;
            continue;
        }
        match (scan.tag, b) {
            (None, b'`') => {
                let run = line[i..].len() - line[i..].trim_start_matches('`').len();
                code_span = match code_span {
                    Some(open) if open == run => None,
                    None => Some(run),
                    open => open,
                };
                i += run;
                continue;
            }
            _ if code_span.is_some() => {}
            (None, b'<') if bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                scan.tag = Some(bytes[i + 1].is_ascii_lowercase());
            }
            (Some(_), b'"' | b'\'') => scan.quote = Some(b),
            (Some(_), b'>') => scan.tag = None,
            (_, b'{') => {
                let Some(close) = crate::braces::closing(line, i, line.len()) else { break };
                let value = scan.tag.is_some() && line[..i].trim_end().ends_with('=');
                if let Some((path, shown)) = named(&line[i + 1..close], bindings) {
                    let attribute = value && scan.tag == Some(true);
                    found.push(Use { range: i..close + 1, asset: AssetUse { path, shown, attribute } });
                }
                i = close + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// The file an expression names, and how a message shows it: an imported name alone,
/// or `require('<path>').default`.
fn named(expression: &str, bindings: &[Binding]) -> Option<(String, String)> {
    let expression = expression.trim();
    if let Some(binding) = bindings.iter().rev().find(|b| b.name == expression) {
        let shown = format!("import {} from '{}'", binding.name, binding.path);
        return Some((binding.path.clone(), shown));
    }
    let inner = expression.strip_prefix("require(")?.trim_start();
    let (path, after) = quoted(inner)?;
    let after = after.trim_start().strip_prefix(')')?.trim_start();
    (after.strip_prefix('.')?.trim() == "default" && is_asset(path))
        .then(|| (path.to_string(), format!("require('{path}').default")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bound(name: &str, path: &str) -> Binding {
        Binding { name: name.into(), path: path.into() }
    }

    /// Each line's uses, as (text of the use, path, attribute).
    fn read(text: &str, bindings: &[Binding]) -> Vec<(String, String, bool)> {
        let mut scan = Scan::default();
        let mut all = Vec::new();
        for line in text.lines() {
            for u in uses(line, &mut scan, bindings) {
                all.push((line[u.range].to_string(), u.asset.path, u.asset.attribute));
            }
        }
        all
    }

    /// The three ways Docusaurus's guide shows an image and a file: an import, and
    /// `require('…').default` in a tag written over lines, in an `<img>` and an `<a>`
    /// (facebook/docusaurus `website/docs/guides/markdown-features/markdown-features-assets.mdx`,
    /// commit 0fa091a0c280c4bcee90bc98d035704606d20628, "Images" and "Files").
    #[test]
    fn reads_the_uses_docusaurus_documents() {
        let text = "import myImageUrl from './assets/docusaurus-asset-example-banner.png';\n";
        assert_eq!(
            default_import(text.trim_end()),
            Some(("myImageUrl", "./assets/docusaurus-asset-example-banner.png"))
        );
        let banner = [bound("myImageUrl", "./assets/docusaurus-asset-example-banner.png")];
        let page = "<img src={myImageUrl} alt=\"Example banner\" />\n\n<img\n  src={require('./assets/docusaurus-asset-example-banner.png').default}\n  alt=\"Example banner\"\n/>\n\n<a\n  target=\"_blank\"\n  href={require('./assets/docusaurus-asset-example.docx').default}>\n  Download this docx\n</a>\n";
        let found = read(page, &banner);
        let written: Vec<(&str, bool)> = found.iter().map(|(t, _, a)| (t.as_str(), *a)).collect();
        assert_eq!(
            written,
            [
                ("{myImageUrl}", true),
                ("{require('./assets/docusaurus-asset-example-banner.png').default}", true),
                ("{require('./assets/docusaurus-asset-example.docx').default}", true),
            ]
        );
        assert_eq!(found[2].1, "./assets/docusaurus-asset-example.docx");
    }

    /// The guide's inline SVG is a component, no URL: its import binds nothing
    /// (same file and commit, "Inline SVGs").
    #[test]
    fn an_svg_import_is_no_asset() {
        let (_, path) = default_import("import DocusaurusSvg from './docusaurus.svg';").expect("an import");
        assert!(!is_asset(path));
        assert!(is_asset("@site/static/img/shot.PNG") && is_asset("../files/guide.pdf") && is_asset("./a.rar"));
        assert!(!is_asset("img/shot.png") && !is_asset("/img/shot.png") && !is_asset("./notes.md"));
    }

    #[test]
    fn a_use_outside_an_html_attribute_is_no_attribute() {
        let bindings = [bound("Arch", "./arch.png")];
        let page = "Text {Arch} and `<img src={Arch} />` in code.\n<Figure img={Arch} />\n<img alt=\"a > b\" data-x='{Arch}' src={ Arch } />\n<img src={Arch + '?v=2'} />\n";
        let found: Vec<(String, bool)> = read(page, &bindings).into_iter().map(|(t, _, a)| (t, a)).collect();
        assert_eq!(found, [("{Arch}".into(), false), ("{Arch}".into(), false), ("{ Arch }".into(), true)]);
    }

    #[test]
    fn reads_no_import_that_is_not_one() {
        for line in ["import {a} from './a.png';", "import a from './a.png' extra", "import 1a from './a.png';"] {
            assert_eq!(default_import(line), None, "{line}");
        }
        assert_eq!(default_import("import $img from \"@site/a.png\""), Some(("$img", "@site/a.png")));
    }
}
