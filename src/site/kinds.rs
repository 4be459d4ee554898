//! Kinds in the site: each page's kind (its own `kind`, else the `default_kind` of the
//! nearest section above it, else `page`), checked against the known kinds, and its
//! fields validated against the kind's schema (in parallel).

use rayon::prelude::*;

use super::review::{Review, review_of};
use super::{PageId, Site};
use crate::content::kinds::{KindValues, validate};
use crate::diagnostic::{Diagnostic, Rule};

/// Gives every page its kind. An unknown `kind` or `default_kind` is an `unknown-kind`
/// error at the field, listing the known kinds.
pub(super) fn resolve_kinds(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    let resolved: Vec<String> = (0..site.pages.len()).map(|id| page_kind(site, id, diagnostics)).collect();
    for (page, kind) in site.pages.iter_mut().zip(resolved) {
        page.kind = kind;
    }
}

/// The kind of page `id`: its own `kind`, else the inherited `default_kind`, else `page`.
pub(super) fn page_kind(site: &Site, id: PageId, diagnostics: &mut Vec<Diagnostic>) -> String {
    let kinds = &site.config.kinds;
    let page = &site.pages[id];
    let front = &page.source.front;
    let mut check = |field: &Option<crate::content::Located<String>>| match field {
        Some(kind) if kinds.get(&kind.value).is_none() => {
            let message = kinds.unknown_message(&kind.value);
            diagnostics.push(Diagnostic::error(Rule::UnknownKind, &page.source.file, kind.line, kind.column, message));
            false
        }
        _ => true,
    };
    check(&front.default_kind);
    match &front.kind {
        Some(kind) if check(&front.kind) => kind.value.clone(),
        _ => inherited_kind(site, id).unwrap_or_else(|| "page".into()),
    }
}

/// The `default_kind` of the nearest section above page `id` that has a known one.
fn inherited_kind(site: &Site, id: PageId) -> Option<String> {
    let mut next = site.pages[id].parent;
    let mut steps = 0;
    while let Some(parent) = next {
        if let Some(kind) = &site.pages[parent].source.front.default_kind
            && site.config.kinds.get(&kind.value).is_some()
        {
            return Some(kind.value.clone());
        }
        next = site.pages[parent].parent;
        steps += 1;
        if steps > site.pages.len() {
            break;
        }
    }
    None
}

/// Reads every page's kind fields and review state; run after owners are known, since
/// a kind may require `owners`.
pub(super) fn validate_pages(site: &mut Site, diagnostics: &mut Vec<Diagnostic>) {
    let results: Vec<_> = site.pages.par_iter().map(|page| page_fields(site, page)).collect();
    let fallbacks: Vec<bool> = (0..site.pages.len()).map(|id| site.is_fallback(id)).collect();
    for ((page, (values, review, problems)), fallback) in site.pages.iter_mut().zip(results).zip(fallbacks) {
        page.values = values;
        page.review = review;
        if !fallback {
            diagnostics.extend(problems);
        }
    }
}

/// A page's kind fields, read against its kind's schema, and its review state.
pub(super) fn page_fields(site: &Site, page: &super::Page) -> (KindValues, Option<Review>, Vec<Diagnostic>) {
    let config = &site.config;
    let Some(kind) = config.kinds.get(&page.kind) else { return Default::default() };
    if !page.origin.has_file() {
        return Default::default();
    }
    let front = &page.source.front;
    let (values, problems) = validate(kind, front, &page.source.file, !page.owners.is_empty(), &config.kinds);
    let review = if !kind.reviewed {
        None
    } else {
        let every = front.review_every.or(kind.review_every).or(config.review.every);
        review_of(front.last_reviewed, every, config.review.due_soon, site.today)
    };
    (values, review, problems)
}
