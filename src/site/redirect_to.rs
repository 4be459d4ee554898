//! `redirect_to` (Jekyll's redirect plugin, Eleventy): a page that publishes only a
//! redirect, at its own URL, to where its front matter says.
//!
//! 1. The target is resolved as a link written in the page is ([`super::resolve`]): a
//!    Markdown file, a folder, a site path; an address with a scheme stays as it is.
//! 2. A target that is no page or file is a `broken-link` at the field, at the severity
//!    of `[check] links` as any broken link (a warning while a handbook moves: the old
//!    tool published a redirect to a page that is gone), and the page is built as usual;
//!    an internal target is a `link-to-internal` error.
//! 3. A redirecting page keeps its URL and is left out of the navigation, the search
//!    index and the sitemap; the writer renders `redirect.html` in place of its template.

use super::Site;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::markdown::links::{LinkResolver, Resolution};

/// Resolves the `redirect_to` of every page, recording where each redirects.
pub(super) fn resolve_redirects(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    {
        let links = site.links();
        for (id, page) in site.pages.iter().enumerate().filter(|(_, page)| page.origin.has_file()) {
            let Some(target) = &page.source.front.redirect_to else { continue };
            let written = target.value.trim();
            let (rule, message, severity) = match links.resolve(page.source.dir(), written) {
                Resolution::External => {
                    found.push((id, written.to_string()));
                    continue;
                }
                Resolution::Page { href, .. } | Resolution::File { href, .. } => {
                    found.push((id, href));
                    continue;
                }
                Resolution::Fragment(_) => {
                    (Rule::BrokenLink, "a page cannot redirect to itself".to_string(), site.config.link_severity)
                }
                Resolution::Internal { message } => (Rule::LinkToInternal, message, Severity::Error),
                Resolution::Broken { message, .. } => (Rule::BrokenLink, message, site.config.link_severity),
            };
            diagnostics.push(
                Diagnostic::error(
                    rule,
                    &page.source.file,
                    target.line,
                    target.column,
                    format!("`redirect_to: {written}` leads nowhere: {message}"),
                )
                .with_severity(severity)
                .with_help("write the target as a link from this page (`../new.md`, `/new/`) or a full address; the page is built as it is"),
            );
        }
    }
    for (id, href) in found {
        site.pages[id].redirect = Some(href);
        site.pages[id].nav_unlisted = true;
    }
}
