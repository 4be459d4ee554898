//! The addresses a blog's front matter and people files name (an author's avatar and
//! links, a post's image), checked against the site's files before a view shows them.

use super::people::Written;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::{Site, Target};

/// The address of a file or page an avatar, a link or an image names: an `https://`
/// or `http://` address as it is (and `mailto:` for a link), else a file of the site,
/// from the site's root (`/img/a.png`, `img/a.png`) or from one of `dirs` (the page's
/// folder, and for a post the blog's), or in a Jekyll
/// handbook one of jekyll-assets' source folders (`_assets/images/a.png`); `None`, with a
/// warning at the place it is written, for anything else (`javascript:`, a file the
/// site does not have, a path out of it).
pub(super) fn checked_address(
    site: &Site,
    written: &Written,
    what: &str,
    link: bool,
    dirs: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    checked(site, written, what, link, dirs, diagnostics).map(|(href, _)| href)
}

/// [`checked_address`], with the site path when it names a file of the site.
pub(super) fn checked(
    site: &Site,
    written: &Written,
    what: &str,
    link: bool,
    dirs: &[&str],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, Option<String>)> {
    let text = written.text.as_str();
    let lower = text.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://") || (link && lower.starts_with("mailto:")))
        && !text.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    {
        return Some((text.to_string(), None));
    }
    let path = text.split(['#', '?']).next().unwrap_or(text);
    let from_root = path.trim_start_matches('/');
    let safe = crate::site_path::check(from_root).is_ok() && !from_root.is_empty();
    if safe && matches!(site.target_of(from_root), Some(Target::File | Target::Page(_))) {
        return Some((site.config.base_url.href(from_root), Some(from_root.to_string())));
    }
    // A relative path is read from the page's folder (`./images/card.png`, `../card.png`),
    // then from the others of `dirs`.
    let from_dir = |dir: &str| {
        let content_path = crate::site_path::join_relative(dir, path)?;
        crate::site_path::check(&content_path).ok()?;
        site.assets.iter().find(|asset| asset.source == content_path)
    };
    if !path.starts_with('/')
        && let Some(asset) = dirs.iter().find_map(|dir| from_dir(dir))
    {
        return Some((site.config.base_url.href(&asset.url), Some(asset.url.clone())));
    }
    // A Jekyll theme shows a post's image and avatars with jekyll-assets' `{% asset %}`,
    // which looks the name up in the plugin's source folders (`_assets/images/`…).
    let folders = site.old_tool.asset_folders();
    if !folders.is_empty() && safe {
        let folders = folders.iter();
        let found = folders.map(|folder| format!("{folder}/{from_root}")).find(|candidate| {
            crate::site_path::check(candidate).is_ok() && matches!(site.target_of(candidate), Some(Target::File))
        });
        if let Some(found) = found {
            return Some((site.config.base_url.href(&found), Some(found)));
        }
    }
    diagnostics.push(
        Diagnostic::error(
            Rule::FrontMatterField,
            &written.file,
            written.line,
            written.column,
            format!("the {what} `{text}` is neither an https:// address nor a file of the site: it is not shown"),
        )
        .with_severity(Severity::Warning)
        .with_help("put the file in the content folder (or `static/`) and name it from the site's root, or give an https:// address"),
    );
    None
}
