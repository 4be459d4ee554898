//! The `main` menu of a built handbook, one per language: the configured entries of
//! the language ([`super::config`]), its top-level sections when `sectionPagesMenu` is
//! `main`, and its pages' own (`menus`, else `menu`, in front matter), as
//! [`super::assemble`] merges them; and the warnings about what it leaves out.

use super::{Assembled, ConfiguredMenus, Entry, Target, assemble, page_entry};
use crate::content::front_matter::Field;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::menu::MenuLink;
use crate::site::{Page, PageId, Site};

/// A page's front matter menu field: `menus`, else `menu`, as Hugo reads them.
fn menu_field(page: &Page) -> Option<&Field> {
    let front = &page.source.front;
    front.field("menus").or_else(|| front.field("menu"))
}

/// The language whose menu the pages of `code` show (`None`: the default language's,
/// which is `None` for a handbook of one language).
fn language<'a>(site: &'a Site, code: Option<&'a str>) -> Option<&'a str> {
    code.or_else(|| site.config.languages.default_language())
}

/// Whether page `id` is a page of language `code`'s site, in Hugo's sense: of that
/// language and not shown there for want of a translation.
fn in_language(site: &Site, id: PageId, code: Option<&str>) -> bool {
    site.language_of(id) == code && !site.is_fallback(id)
}

/// The page a `pageRef` names in language `code`: a content path with or without its
/// extension, or a section's folder, from the content folder (`/docs/setup`,
/// `docs/_index.md`, `/`), the language's own first.
fn page_of_ref(site: &Site, page_ref: &str, code: Option<&str>) -> Option<PageId> {
    let path = page_ref.trim().trim_start_matches('/').trim_end_matches('/');
    let own = code.filter(|c| site.config.languages.default_language() != Some(*c));
    let prefixes: Vec<String> = own.map(|c| format!("{c}/")).into_iter().chain([String::new()]).collect();
    prefixes.iter().find_map(|prefix| {
        let candidates: Vec<String> = if path.is_empty() {
            vec![format!("{prefix}_index.md"), format!("{prefix}index.md")]
        } else {
            ["", ".md", "/_index.md", "/index.md"].iter().map(|end| format!("{prefix}{path}{end}")).collect()
        };
        candidates.iter().find_map(|candidate| site.page_by_path(candidate))
    })
}

/// The page `id` as a menu entry reads it.
fn target_of(site: &Site, id: PageId) -> Target {
    let page = &site.pages[id];
    let front = &page.source.front;
    let link_title = match front.field("linkTitle").map(|f| &f.value.value) {
        Some(crate::content::Node::Text(text)) if !text.trim().is_empty() => text.clone(),
        _ => page.title.clone(),
    };
    let weight = match front.field("weight").map(|f| &f.value.value) {
        Some(crate::content::Node::Number(n)) => n.as_f64().map_or(0, |w| w as i64),
        _ => 0,
    };
    Target { url: site.href(id), link_title, title: page.title.clone(), weight }
}

/// The top-level sections of language `code` as `sectionPagesMenu` adds them: keyed by
/// the section's folder, named by its `linkTitle` (else title), weighed by its weight.
fn section_entries(site: &Site, code: Option<&str>) -> Vec<(Entry, Target)> {
    let home = match code {
        Some(c) if site.config.languages.default_language() != Some(c) => site.page_by_url(&format!("{c}/")),
        _ => Some(0),
    };
    let prefix = code.map(|c| format!("{c}/")).unwrap_or_default();
    (0..site.pages.len())
        .filter(|&id| site.pages[id].origin.is_section() && site.pages[id].parent == home && Some(id) != home)
        .filter(|&id| in_language(site, id, code))
        .map(|id| {
            let path = site.pages[id].source.path.as_str();
            let folder = path.strip_prefix(prefix.as_str()).unwrap_or(path).split('/').next().unwrap_or_default();
            (Entry { identifier: folder.to_string(), ..Entry::default() }, target_of(site, id))
        })
        .collect()
}

/// The pages of language `code` with an entry in the `main` menu.
fn page_entries(site: &Site, code: Option<&str>) -> Vec<(Entry, Target, PageId)> {
    (0..site.pages.len())
        .filter(|&id| site.pages[id].origin.has_file() && in_language(site, id, code))
        .filter_map(|id| {
            let menu = menu_field(&site.pages[id])?.value.value.to_json();
            Some((page_entry(&menu).ok()??, target_of(site, id), id))
        })
        .collect()
}

/// The `main` menu of language `code` and the pages that give it entries.
fn assemble_for(site: &Site, menus: &ConfiguredMenus, code: Option<&str>) -> (Assembled, Vec<PageId>) {
    let code = language(site, code);
    let sections = if menus.section_pages { section_entries(site, code) } else { Vec::new() };
    let pages = page_entries(site, code);
    let ids = pages.iter().map(|(_, _, id)| *id).collect();
    let pages: Vec<(Entry, Target)> = pages.into_iter().map(|(entry, target, _)| (entry, target)).collect();
    let resolve = |page_ref: &str| page_of_ref(site, page_ref, code).map(|id| target_of(site, id));
    let known = |path: &str| site.target_of(path).is_some();
    let config = menus.entries_of(code);
    (assemble(config, &sections, &pages, &resolve, &known, site.config.base_url.path()), ids)
}

/// The `main` menu of the pages of language `code` (`None`: the default language's).
pub(crate) fn main_menu(site: &Site, menus: &ConfiguredMenus, code: Option<&str>) -> Vec<MenuLink> {
    let has_pages = || (0..site.pages.len()).any(|id| menu_field(&site.pages[id]).is_some());
    if menus.is_empty() && !has_pages() {
        return Vec::new();
    }
    assemble_for(site, menus, code).0.menu
}

/// Warnings about each language's menu: a configured `pageRef` that names no page (at
/// its place in its file), and a page's entry whose key an earlier entry has (at the
/// page's field), which Hugo leaves out.
pub(crate) fn site_warnings(site: &Site, menus: &ConfiguredMenus, diagnostics: &mut Vec<Diagnostic>) {
    let languages = &site.config.languages;
    let codes: Vec<Option<&str>> =
        std::iter::once(None).chain(languages.others().iter().map(|c| Some(c.as_str()))).collect();
    let mut warned: Vec<(String, String)> = Vec::new();
    for code in codes {
        let (assembled, ids) = assemble_for(site, menus, code);
        let config = menus.entries_of(language(site, code));
        for &at in &assembled.dead_refs {
            let entry = &config[at];
            if warned.contains(&(entry.file.clone(), entry.page_ref.clone())) {
                continue;
            }
            warned.push((entry.file.clone(), entry.page_ref.clone()));
            diagnostics.push(dead_ref_warning(site, entry));
        }
        for &at in &assembled.duplicates {
            let page = &site.pages[ids[at]];
            let Some(field) = menu_field(page) else { continue };
            let message = "the page's `main` menu entry is left out: an entry of the same identifier (or name) is in the menu already";
            diagnostics.push(super::super::field_warning(page, field, message.to_string()));
        }
    }
}

/// The warning at a configured entry whose `pageRef` names no page.
fn dead_ref_warning(site: &Site, entry: &Entry) -> Diagnostic {
    let text = crate::compat::interface::read_beside(&site.config, &entry.file, &mut Vec::new()).unwrap_or_default();
    let (line, column) = text.find(&entry.page_ref).map_or((0, 0), |at| crate::diagnostic::line_column(&text, at));
    let fallback = if entry.url.is_empty() { "links nowhere" } else { "links to its `url`" };
    let message = format!("menu entry's `pageRef = \"{}\"` names no page: the entry {fallback}", entry.page_ref);
    Diagnostic::error(Rule::ConfigSyntax, &entry.file, line, column, message).with_severity(Severity::Warning)
}

/// A warning at each page's front matter `menu` (or `menus`) that is no menu.
pub(crate) fn menu_warnings(pages: &[Page], diagnostics: &mut Vec<Diagnostic>) {
    for page in pages.iter().filter(|page| page.origin.has_file()) {
        let Some(field) = menu_field(page) else { continue };
        let Err(why) = page_entry(&field.value.value.to_json()) else { continue };
        let message = format!("front matter field `{}` is not read: {why}; the page is in no menu", field_name(page));
        diagnostics.push(super::super::field_warning(page, field, message));
    }
}

/// The name of the page's menu field.
fn field_name(page: &Page) -> &'static str {
    if page.source.front.field("menus").is_some() { "menus" } else { "menu" }
}
