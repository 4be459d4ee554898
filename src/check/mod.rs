//! Checks that need the whole site: every `#anchor` of a link points to an id of its
//! target page, and every internal link the templates wrote (navigation, catalogs,
//! custom links in a theme) points to a page or file of the site. Links written in
//! Markdown were already resolved, and reported where they stand, while rendering.
//! [`format`] prints diagnostics for people and for CI; [`rules`] checks Prometheus rule
//! files against the handbook's runbooks (`check --rules`). [`lint`] runs the lints
//! only `opsbook check` runs: [`codeowners`] and [`assets`], and pages without owners.
//! [`baseline`] tells new
//! findings from those of the target branch (`check --baseline`), [`pages`] lists the
//! pages as a baseline records them, and [`moved`] compares them with a baseline's.

mod assets;
pub(crate) mod baseline;
pub(crate) mod codeowners;
pub(crate) mod format;
pub(crate) mod lint;
pub(crate) mod moved;
pub(crate) mod pages;
pub(crate) mod placeholders;
pub(crate) mod routes;
pub(crate) mod rules;

use crate::hash::{FastHashMap, FastHashSet};

use crate::diagnostic::{Diagnostic, Rule, TemplatePlace};
use crate::markdown::links::is_external;
use crate::percent::percent_decode;
use crate::site::{PageId, Site, Target};
use crate::suggest;

/// What the templates added to one rendered page: ids, and internal links; and the
/// template that rendered it.
#[derive(Debug, Clone, Default)]
pub struct TemplateScan {
    /// The file of the page's template, as diagnostics name it: where a broken link
    /// built from variables is reported. Set by the build, not by [`scan_rendered`].
    pub template: String,
    /// `id` and `name` attributes outside the page's Markdown content.
    pub ids: Vec<String>,
    /// `href` and `src` values outside the content that are not external.
    pub links: Vec<String>,
}

/// What opsbook itself wrote into a rendered page, which a scan can leave out: the
/// Markdown content and title (their ids and links are known already) and the
/// navigation (links to pages that exist, by construction).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Known<'a> {
    /// The page's Markdown content.
    pub content: &'a str,
    /// Its title heading's HTML.
    pub title_html: &'a str,
    /// Its `nav_html`.
    pub nav_html: &'a str,
    /// Other pages' Markdown content it shows verbatim, in order (a section's print
    /// page): checked on their own pages already.
    pub copies: &'a [&'a str],
    /// The lines of template output that other pages' scans read already.
    pub lines: Option<&'a crate::html_pass::LineMemo>,
}

/// Scans a rendered page, leaving out what is [`Known`]; also returns where the content
/// starts in `html`, if it is there.
pub(crate) fn scan_rendered(html: &str, known: Known<'_>) -> (TemplateScan, Option<usize>) {
    let mut skipped: Vec<std::ops::Range<usize>> = Vec::with_capacity(3);
    let mut content_at = None;
    let mut rest = 0;
    for (i, part) in [known.title_html, known.content].into_iter().enumerate() {
        if let Some(start) = find_verbatim(&html[rest..], part) {
            if i == 1 {
                content_at = Some(rest + start);
            }
            skipped.push(rest + start..rest + start + part.len());
            rest += start + part.len();
        }
    }
    for copy in known.copies {
        if let Some(start) = find_verbatim(&html[rest..], copy) {
            skipped.push(rest + start..rest + start + copy.len());
            rest += start + copy.len();
        }
    }
    if let Some(start) = find_verbatim(html, known.nav_html) {
        let nav = start..start + known.nav_html.len();
        if skipped.iter().all(|part| nav.end <= part.start || part.end <= nav.start) {
            skipped.push(nav);
            skipped.sort_by_key(|part| part.start);
        }
    }
    let mut scan = TemplateScan::default();
    let mut from = 0;
    for part in skipped {
        scan_part(&html[from..part.start], known.lines, &mut scan);
        from = part.end;
    }
    scan_part(&html[from..], known.lines, &mut scan);
    (scan, content_at)
}

/// Where `known` stands in `html`, looking for its first bytes and comparing the rest
/// (faster than a full substring search with a long needle). The first bytes are found
/// with `memchr`'s vectorised substring search; a match of them starts at a character
/// boundary, since `known` starts with one.
pub(crate) fn find_verbatim(html: &str, known: &str) -> Option<usize> {
    if known.is_empty() {
        return None;
    }
    let (html, known) = (html.as_bytes(), known.as_bytes());
    let probe = memchr::memmem::Finder::new(&known[..known.len().min(64)]);
    let mut from = 0;
    while let Some(offset) = probe.find(&html[from..]) {
        let start = from + offset;
        if html[start..].starts_with(known) {
            return Some(start);
        }
        from = start + 1;
    }
    None
}

/// Adds the ids and the internal links of the tags of `html` to `scan`
/// ([`crate::html_pass`]), reading no line `lines` holds.
fn scan_part(html: &str, lines: Option<&crate::html_pass::LineMemo>, scan: &mut TemplateScan) {
    let found = match lines {
        Some(lines) => crate::html_pass::links_and_ids_with(html, lines),
        None => crate::html_pass::links_and_ids(html),
    };
    scan.ids.extend(found.ids);
    scan.links.extend(found.links.into_iter().filter(|link| !link.is_empty() && !is_external(link)));
}

/// Every id a page has: its Markdown's and its template's.
fn page_ids<'a, S: AsRef<TemplateScan>>(site: &'a Site, scans: &'a [S], id: PageId) -> impl Iterator<Item = &'a str> {
    site.pages[id]
        .rendered
        .anchors
        .iter()
        .map(String::as_str)
        .chain(scans.get(id).into_iter().flat_map(|s| s.as_ref().ids.iter().map(String::as_str)))
        .chain(
            crate::site::translated_anchors::original_anchors(site, id)
                .into_iter()
                .filter_map(|(original, heading)| heading.map(|_| original)),
        )
}

/// Checks the `#anchor` of every Markdown link and every link the templates wrote.
/// `scans` holds each page's [`TemplateScan`], by page id; `locate` finds where a piece
/// of text is written in the templates.
pub(crate) fn check_links<S: AsRef<TemplateScan>>(
    site: &Site,
    scans: &[S],
    locate: &dyn Fn(&str) -> Option<TemplatePlace>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut ids = Ids::new(site, scans);
    check_anchors(site, &mut ids, 0..site.pages.len(), diagnostics);
    check_template_links(site, &mut ids, scans, 0..scans.len(), locate, diagnostics);
}

/// The ids of pages, worked out when first needed.
pub(crate) struct Ids<'a, S> {
    site: &'a Site,
    scans: &'a [S],
    sets: FastHashMap<PageId, FastHashSet<&'a str>>,
}

impl<'a, S: AsRef<TemplateScan>> Ids<'a, S> {
    /// Ids of the pages of `site`, whose templates added `scans` (by page id).
    pub(crate) fn new(site: &'a Site, scans: &'a [S]) -> Self {
        Ids { site, scans, sets: FastHashMap::default() }
    }

    fn of(&mut self, id: PageId) -> &FastHashSet<&'a str> {
        let (site, scans) = (self.site, self.scans);
        self.sets.entry(id).or_insert_with(|| page_ids(site, scans, id).collect())
    }
}

/// Checks the `#anchor` of the Markdown links of `pages`.
pub(crate) fn check_anchors<S: AsRef<TemplateScan>>(
    site: &Site,
    ids: &mut Ids<'_, S>,
    pages: impl IntoIterator<Item = PageId>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let severity = site.config.link_severity;
    for id in pages {
        let page = &site.pages[id];
        for link in &page.rendered.links {
            let Some(anchor) = link.anchor.as_deref().and_then(element_anchor) else { continue };
            let target = page.link_target(link).unwrap_or(id);
            let targets = ids.of(target);
            if targets.contains(anchor) {
                continue;
            }
            let near = suggest::closest(anchor, targets.iter().copied()).map(str::to_string);
            let place = if link.target.is_none() || target == id {
                "this page".to_string()
            } else if !site.pages[target].origin.has_file() {
                format!("/{}", site.pages[target].site_path)
            } else {
                format!("`{}`", site.pages[target].source.file)
            };
            // A link of an included file stands on every page that includes it: the
            // message names the page this one stands on.
            let included_from = link.file.as_deref().filter(|f| *f != page.source.file);
            // An anchor of the original that its translation has no heading for at its
            // place leads to the top of the translation: a warning, never an error.
            let original = site.original_of(target);
            let translated = original != target && ids.of(original).contains(anchor);
            let mut message = match translated {
                true => format!(
                    "the translation {place} has no heading at the place of `#{anchor}` in `{}`: the link leads to the top of the page",
                    site.pages[original].source.file
                ),
                false => format!("no heading or anchor `#{anchor}` in {place}"),
            };
            if included_from.is_some() {
                message.push_str(&format!(" (included from {})", page.source.file));
            }
            let severity = if translated { severity.max(crate::diagnostic::Severity::Warning) } else { severity };
            // A construct the page shows as a placeholder ran in the old tool and may
            // have made the id: opsbook cannot tell, so it is a note.
            let severity = match site.pages[target].rendered.unrun.as_deref().filter(|_| !translated) {
                Some(construct) => {
                    message.push_str(&format!(
                        ", which shows `{construct}` as a placeholder: the old tool ran it, and it may make that id"
                    ));
                    crate::diagnostic::Severity::Note
                }
                None => severity,
            };
            let mut d = Diagnostic::error(
                Rule::BrokenAnchor,
                included_from.unwrap_or(&page.source.file),
                link.line,
                link.column,
                message,
            )
            .with_severity(severity);
            if let Some(near) = near {
                d = d.with_help(format!("did you mean `#{near}`?"));
            }
            diagnostics.push(d);
        }
    }
}

/// Checks the links the templates wrote on `pages`.
pub(crate) fn check_template_links<S: AsRef<TemplateScan>>(
    site: &Site,
    ids: &mut Ids<'_, S>,
    scans: &[S],
    pages: impl IntoIterator<Item = PageId>,
    locate: &dyn Fn(&str) -> Option<TemplatePlace>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let severity = site.config.link_severity;
    let mut reported: FastHashSet<String> = FastHashSet::default();
    // The same navigation links stand on every page: a link from the site root is
    // checked once.
    let mut fine: FastHashSet<&str> = FastHashSet::default();
    for id in pages {
        let Some(scan) = scans.get(id).map(AsRef::as_ref) else { continue };
        for link in &scan.links {
            let absolute = link.starts_with('/');
            if absolute && fine.contains(link.as_str()) {
                continue;
            }
            let Some(problem) = template_link_problem(site, ids, id, link) else {
                if absolute {
                    fine.insert(link);
                }
                continue;
            };
            if !reported.insert(link.clone()) {
                continue;
            }
            let rule = if problem.anchor { Rule::BrokenAnchor } else { Rule::BrokenLink };
            // Point at the template line that writes the link, when its text is there
            // as written (a link built from variables is reported at the page's template).
            let written = site.config.base_url.site_path(link).unwrap_or(link);
            let place =
                locate(written).unwrap_or_else(|| TemplatePlace { file: scan.template.clone(), line: 0, column: 0 });
            diagnostics.push(
                Diagnostic::error(
                    rule,
                    place.file,
                    place.line,
                    place.column,
                    format!("{} (on the page /{})", problem.message, site.pages[id].site_path),
                )
                .with_severity(severity),
            );
        }
    }
}

struct Problem {
    message: String,
    anchor: bool,
}

/// Whether a link to `#anchor` (percent-decoded) on a page whose ids `has` tells leads
/// somewhere: the empty anchor and `top` lead to the top of every page.
pub(crate) fn anchor_is_there(anchor: &str, has: impl FnOnce(&str) -> bool) -> bool {
    element_anchor(anchor).is_none_or(has)
}

/// The id of the element a link's fragment leads to, none when it leads to the top of
/// the page (empty, `top`). A browser strips a fragment directive, from the first
/// `:~:` on (`#:~:text=timeout`, a text fragment: WICG "URL Fragment Text
/// Directives"), before it looks for an element.
fn element_anchor(anchor: &str) -> Option<&str> {
    let id = anchor.split_once(":~:").map_or(anchor, |(id, _)| id);
    (!id.is_empty() && id != "top").then_some(id)
}

/// What is wrong with a link a template wrote on page `id`, if anything.
fn template_link_problem<S: AsRef<TemplateScan>>(
    site: &Site,
    ids: &mut Ids<'_, S>,
    id: PageId,
    link: &str,
) -> Option<Problem> {
    let (path, anchor) = split_link(link);
    let target = match template_link_target(site, id, link, path) {
        Ok(target) => target,
        Err(problem) => return Some(problem),
    };
    match (target, anchor) {
        (None, _) => Some(Problem {
            message: format!("the template links to `{link}`, which is not a page or file of the site"),
            anchor: false,
        }),
        (Some(Target::Page(target)), Some(anchor))
            if !anchor_is_there(&anchor, |anchor| ids.of(target).contains(anchor)) =>
        {
            Some(Problem {
                message: format!("the template links to `{link}`, but there is no anchor `#{anchor}` there"),
                anchor: true,
            })
        }
        _ => None,
    }
}

/// Whether the link check finds nothing wrong with `link`, written by the template of
/// page `id`, whatever the other pages' templates write: a link to a page or file of the
/// site with no anchor (or `#`, `#top`). A streaming build keeps only the other links of
/// each page's template until the check.
pub(crate) fn template_link_resolves(site: &Site, id: PageId, link: &str) -> bool {
    let (path, anchor) = split_link(link);
    anchor.is_none_or(|anchor| anchor_is_there(&anchor, |_| false))
        && matches!(template_link_target(site, id, link, path), Ok(Some(_)))
}

/// A link's path (without its query) and its anchor, percent-decoded.
fn split_link(link: &str) -> (&str, Option<String>) {
    let (path, anchor) = match link.split_once('#') {
        Some((path, anchor)) => (path, Some(percent_decode(anchor))),
        None => (link, None),
    };
    (path.split('?').next().unwrap_or(path), anchor)
}

/// What `path`, the path of `link` written by the template of page `id`, leads to (none
/// when nothing of the site); a link out of the site's base path is a problem.
fn template_link_target(site: &Site, id: PageId, link: &str, path: &str) -> Result<Option<Target>, Problem> {
    if path.is_empty() {
        return Ok(Some(Target::Page(id)));
    }
    let site_path = if let Some(rest) = site.config.base_url.site_path(path) {
        rest.to_string()
    } else if path.starts_with('/') {
        return Err(Problem {
            message: format!(
                "the template links to `{link}`, outside the site's base path {}",
                site.config.base_url.path()
            ),
            anchor: false,
        });
    } else {
        crate::site_path::join_relative(&site.pages[id].site_path, path).unwrap_or_default()
    };
    Ok(site.target_of(&percent_decode(&site_path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_fragment_names_no_element() {
        assert_eq!(element_anchor(":~:text=timeout.reconciliation:"), None);
        assert_eq!(element_anchor("setup:~:text=install"), Some("setup"));
        assert_eq!(element_anchor("top"), None);
        assert_eq!(element_anchor(""), None);
        assert_eq!(element_anchor("a:b"), Some("a:b"));
        assert!(anchor_is_there(":~:text=x", |_| false));
        assert!(!anchor_is_there("gone:~:text=x", |_| false));
    }

    #[test]
    fn scans_only_what_the_template_added() {
        let content = "<p id=\"c\"><a href=\"/in-content/\">x</a></p>";
        let html = format!(
            "<nav id=\"nav\"><a href=\"/a/\">A</a></nav><main>{content}</main><a href=\"https://x.org\">x</a><a href=\"#top\">t</a>"
        );
        let (scan, content_at) = scan_rendered(&html, Known { content, ..Known::default() });
        assert_eq!(content_at, html.find(content));
        assert_eq!(scan.ids, ["nav"]);
        assert_eq!(scan.links, ["/a/", "#top"]);
    }

    #[test]
    fn leaves_out_the_navigation_wherever_it_stands() {
        let content = "<p><a href=\"/in-content/\">x</a></p>";
        let title_html = "<h1 id=\"t\">T</h1>";
        let nav_html = "<ul class=\"nav-tree\"><li><a href=\"/a/\">A</a></li></ul>";
        let known = Known { content, title_html, nav_html, copies: &[], lines: None };
        for html in [
            format!("<b id=\"x\"></b>{nav_html}{title_html}<a href=\"/1/\"></a>{content}<a href=\"/2/\"></a>"),
            format!("<b id=\"x\"></b>{title_html}<a href=\"/1/\"></a>{content}{nav_html}<a href=\"/2/\"></a>"),
        ] {
            let (scan, content_at) = scan_rendered(&html, known);
            assert_eq!(content_at, html.find(content), "{html}");
            assert_eq!(scan.ids, ["x"], "{html}");
            assert_eq!(scan.links, ["/1/", "/2/"], "{html}");
        }
    }

    #[test]
    fn reads_links_and_ids_in_tags_only() {
        let html = "<script>x = '<a href=\"/in-script/\" id=\"s\">';</script><!-- <a href=\"/in-comment/\"> -->\
            <p>Text href=\"/in-text/\"</p><A HREF='/quoted/' title='a > b' ID=top><img src=/unquoted.png>";
        let (scan, _) = scan_rendered(html, Known::default());
        assert_eq!(scan.ids, ["top"]);
        assert_eq!(scan.links, ["/quoted/", "/unquoted.png"]);
    }

    #[test]
    fn finds_long_texts_verbatim() {
        let known = "x".repeat(100) + "y";
        let html = format!("{}z{known}", "x".repeat(100));
        assert_eq!(find_verbatim(&html, &known), Some(101));
        assert_eq!(find_verbatim("abc", ""), None);
        let known = "é".repeat(40) + "ü";
        let html = format!("{}ü{}{known}", "é".repeat(40), "é".repeat(39));
        assert_eq!(find_verbatim(&html, &known), html.find(&known));
        assert_eq!(find_verbatim(&html, &format!("{known}!")), None);
    }
}
