//! A page's title once rendered: its own, its navigation's label in its language, or
//! its file's name; a date in it said in the page language's words.

use super::*;

/// The title a `_index.md` that customises a generated page gives it: its `title`, else
/// its first heading; `None` keeps the generated page's own title.
fn custom_title(page: &Page) -> Option<String> {
    let front = page.source.front.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    front.or(page.rendered.first_h1.as_deref().filter(|t| !t.is_empty())).map(str::to_string)
}

/// Puts the navigation's labels of page `page` (its navigation file's title, its
/// category's label) in its language's words, where the handbook translates them
/// ([`crate::config::Languages::labels`]).
pub(super) fn translate_labels(page: &mut Page, languages: &crate::config::Languages) {
    let Some(labels) = languages.of_path(&page.site_path).and_then(|code| languages.labels.get(code)) else { return };
    if let Some(title) = page.nav_title.as_mut()
        && let Some(translated) = labels.get(title.as_str())
    {
        *title = translated.clone();
    }
    let label = page.category.as_ref().and_then(|category| category.label.as_ref());
    if let Some(translated) = label.and_then(|label| labels.get(label)) {
        let mut category = page.category.as_deref().cloned().unwrap_or_default();
        category.label = Some(translated.clone());
        page.category = Some(Arc::new(category));
    }
}

/// The title page `page` takes once rendered, `None` to keep the one it has (a generated
/// page without a title of its own): a language's home page that is only a folder, as
/// the home page, is the handbook's title; a date is said in the page language's words;
/// a name made a title by the old tool's rule.
pub(super) fn title_of(
    page: &Page,
    config: &Config,
    words: &strings::Languages,
    (strip, old): (bool, &dyn SourceRules),
) -> Option<String> {
    if page.origin == PageOrigin::Folder && config.languages.is_home_path(&page.site_path) {
        return Some(config.title.clone());
    }
    if page.origin.is_generated() {
        return custom_title(page);
    }
    Some(resolve_title(page, &config.title, (strip, old), words.of(config.languages.of_path(&page.site_path))))
}

/// The title of page `page`; a date in it is said in `words`, its language's.
fn resolve_title(
    page: &Page,
    site_title: &str,
    (strip, old): (bool, &dyn SourceRules),
    words: &strings::Words,
) -> String {
    if let Some(title) = page.source.front.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    if let Some(label) = page.category.as_ref().and_then(|c| c.label.as_ref()) {
        return label.clone();
    }
    // A folder without a page of its own is called as a navigation file's section names it.
    if let Some(title) = page.nav_title.as_ref().filter(|_| page.origin == PageOrigin::Folder) {
        return title.clone();
    }
    if let Some(h1) = page.rendered.first_h1.as_deref().filter(|t| !t.is_empty()) {
        return if page.date.is_some() && page.origin.has_file() {
            dated::heading_title(words, h1)
        } else {
            h1.to_string()
        };
    }
    if let Some(date) = page.date.filter(|_| page.origin.has_file()) {
        return dated::dated_title(words, page, date);
    }
    // A folder's name keeps opsbook's rule: in the old tool a folder is named by its
    // sidebar or category, which the folders' navigation does not always carry over.
    let named_by_folder = page.origin.is_section();
    match source_name(page) {
        "" => site_title.to_string(),
        name if named_by_folder => {
            crate::slug::title_from_name(crate::content::prefix::strip_number_prefix(name, strip))
        }
        name => old.title_from_name(crate::content::prefix::strip_number_prefix(name, strip)),
    }
}

/// The name a page is known by without a title: its folder's for a section page, else
/// its file name without the extension (`""` for the home page).
pub(crate) fn source_name(page: &Page) -> &str {
    let path = page.source.path.trim_end_matches('/');
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = crate::content::formats::template_stem(name);
    let folder = page.origin == PageOrigin::Folder;
    if page.origin.is_section() && index_rank(&page.source).is_some() || folder {
        let dir = if folder { path } else { page.source.dir() };
        return dir.rsplit('/').next().unwrap_or(dir);
    }
    stem
}
