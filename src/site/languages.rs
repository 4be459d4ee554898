//! Which page is which language's, and which pages are one page in several languages
//!. The walk put every page of a language other than the default under its
//! folder (`de/runbooks/db.md`, `content::languages`), so the model needs no table of
//! its own: a page's language is the folder its site path starts with, and its
//! translations are the pages at the same site path under the other languages' folders
//! (`runbooks/db/`, `de/runbooks/db/`), which every page has, translated or shown in the
//! default language ([`crate::config::Translated::fallback`]).
//!
//! The handbook's model (alerts, past incidents, the status page, owners, tags, review)
//! counts each page once, in the default language ([`Site::in_model`]): a translated
//! runbook answers no alert of its own.

use super::urls::{UrlRules, own_url};
use super::{PageId, Site};
use crate::content::SourcePage;

/// A page's own URL (its permalink, its collection's) as [`own_url`] makes it, for a page
/// of another language from its original's path and under its language's folder:
/// `de/_pages/about.md` with `permalink: /about/` is at `de/about/`.
pub(super) fn own_url_in(page: &SourcePage, rules: &UrlRules<'_>) -> Option<String> {
    let Some(languages) = rules.languages.filter(|l| l.is_multilingual()) else {
        return own_url(page, &page.path, rules);
    };
    let original = languages.strip(&page.path);
    if original.len() == page.path.len() {
        return own_url(page, &page.path, rules);
    }
    let code = languages.of_path(&page.path)?;
    // A permalink to the root is not followed in the default language
    // (`urls::assign_urls`), nor under the prefix: the language's home is its folder's.
    let url = own_url(page, original, rules).filter(|url| !url.is_empty())?;
    Some(if languages.of_path(&url) == Some(code) { url } else { format!("{code}/{url}") })
}

impl Site {
    /// The site path of alias `alias` of page `id`: read from the root or from the
    /// folder of the page's URL as the old tool reads it ([`SourceRules::alias_path`]),
    /// under the page's language's folder ([`alias_in`]).
    pub(crate) fn alias_path(&self, id: PageId, alias: &str) -> Result<String, crate::site_path::PathProblem> {
        let path = self.old_tool.alias_path(&self.pages[id].site_path, alias)?;
        Ok(alias_in(self, id, path))
    }
}

/// An alias of a page of another language, under its language's folder unless written there.
pub(crate) fn alias_in(site: &Site, id: PageId, alias: String) -> String {
    match site.language_of(id) {
        Some(code) if site.config.languages.default_language() != Some(code) => {
            if site.config.languages.of_path(&alias) == Some(code) { alias } else { format!("{code}/{alias}") }
        }
        _ => alias,
    }
}

/// One language's version of a page, for `hreflang` alternates and the language switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Alternate<'a> {
    /// The language code.
    pub(crate) code: &'a str,
    /// Its page.
    pub(crate) page: PageId,
    /// Whether it shows the original, for want of a translation.
    pub(crate) fallback: bool,
}

impl Site {
    /// The language of page `id`, when the handbook has several.
    pub(crate) fn language_of(&self, id: PageId) -> Option<&str> {
        self.config.languages.of_path(&self.pages[id].site_path)
    }

    /// The theme's words of page `id`'s language ([`Site::words`]).
    pub(crate) fn words_for(&self, id: PageId) -> &super::strings::Words {
        self.words.of(self.language_of(id))
    }

    /// The words the Markdown body writer adds to page `id`'s text, in the language the
    /// text is written in: the default language's for a page shown untranslated.
    pub(crate) fn markdown_words_for(&self, id: PageId) -> &crate::markdown::MarkdownWords {
        let language = match self.is_fallback(id) {
            true => self.config.languages.default_language(),
            false => self.language_of(id),
        };
        self.words.markdown(language)
    }

    /// Whether page `id` is shown in the default language for want of a translation.
    pub(crate) fn is_fallback(&self, id: PageId) -> bool {
        let page = &self.pages[id];
        page.origin.has_file() && self.config.languages.is_fallback(&page.source.path)
    }

    /// Whether page `id` counts in the handbook's model (alerts, incidents, status,
    /// owners, tags, review): every page of a handbook of one language, else those of the
    /// default language.
    pub(crate) fn in_model(&self, id: PageId) -> bool {
        let languages = &self.config.languages;
        !languages.is_multilingual() || self.language_of(id) == languages.default_language()
    }

    /// The home page of page `id`'s language: the page at its folder (`de/`) for a
    /// language other than the default, else the home page.
    pub(crate) fn language_home(&self, id: PageId) -> PageId {
        let languages = &self.config.languages;
        match self.language_of(id) {
            Some(code) if languages.default_language() != Some(code) => {
                self.page_by_url(&format!("{code}/")).unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Whether page `id` is the home page of a language other than the default: the
    /// default language's navigation leaves it out.
    pub(crate) fn is_language_home(&self, id: PageId) -> bool {
        self.config.languages.is_home_path(&self.pages[id].site_path)
    }

    /// Page `id`'s version in language `code`: itself when it is of that language, else
    /// the page at its path under the language's folder (every page of the default
    /// language has one, translated or not).
    pub(crate) fn version_in(&self, id: PageId, code: &str) -> Option<PageId> {
        let languages = &self.config.languages;
        if self.language_of(id) == Some(code) {
            return Some(id);
        }
        let original = languages.strip(&self.pages[id].site_path);
        let path = if languages.default_language() == Some(code) {
            original.to_string()
        } else {
            format!("{code}/{original}")
        };
        self.page_by_url(&path)
    }

    /// The page of the default language that page `id` is a version of, which the
    /// model counts ([`Site::in_model`]): itself in a handbook of one language.
    pub(crate) fn original_of(&self, id: PageId) -> PageId {
        match self.config.languages.default_language() {
            Some(default) => self.version_in(id, default).unwrap_or(id),
            None => id,
        }
    }

    /// Page `id` as the site of page `reader`'s language has it ([`Site::version_in`]);
    /// itself in a handbook of one language.
    pub(crate) fn version_for(&self, id: PageId, reader: PageId) -> Option<PageId> {
        match self.language_of(reader) {
            Some(code) => self.version_in(id, code),
            None => Some(id),
        }
    }

    /// Pages `ids` as the site of page `reader`'s language has them: each its version
    /// in that language (see [`Site::version_in`]), in the same order and each once,
    /// those it lacks left out; in a handbook of one language, `ids` themselves.
    pub(crate) fn in_language_of(&self, reader: PageId, ids: &[PageId]) -> Vec<PageId> {
        if self.language_of(reader).is_none() {
            return ids.to_vec();
        }
        let mut seen = crate::hash::FastHashSet::default();
        ids.iter().filter_map(|&id| self.version_for(id, reader)).filter(|&id| seen.insert(id)).collect()
    }

    /// Page `id` in every language of the handbook that has it, in `languages`' order.
    pub(crate) fn alternates(&self, id: PageId) -> Vec<Alternate<'_>> {
        let languages = &self.config.languages;
        let Some(default) = languages.default_language() else { return Vec::new() };
        let original = languages.strip(&self.pages[id].site_path);
        languages
            .list
            .iter()
            .filter_map(|code| {
                let path = if code == default { original.to_string() } else { format!("{code}/{original}") };
                let page = self.page_by_url(&path)?;
                Some(Alternate { code: code.as_str(), page, fallback: self.is_fallback(page) })
            })
            .collect()
    }
}
