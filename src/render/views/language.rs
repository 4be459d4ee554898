//! `lang`: what a page of a handbook of several languages shows of them: its
//! language, the `hreflang` alternates, the language switch, and for a page not yet
//! translated the notice and the canonical link to its original. `null` in a handbook of
//! one language, whose pages stay as they were.

use serde::Serialize;

use crate::site::{GeneratedPage, PageId, Site};

/// `lang`: the languages of one page.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageView<'a> {
    /// The language of the page's site (its `<html lang>`, its words).
    pub code: &'a str,
    /// The language of the text it shows: the default language's on a page not yet
    /// translated.
    pub text: &'a str,
    /// Whether the page shows its original for want of a translation.
    pub fallback: bool,
    /// On such a page, the link to the original.
    pub original_url: Option<String>,
    /// The canonical address: the original's on such a page, else the page's own.
    pub canonical: Option<String>,
    /// Every language's version of the page, in `languages`' order: the switch.
    pub alternates: Vec<AlternateView<'a>>,
    /// The translations search engines are told of (`hreflang`): none on a page that is
    /// not translated, and no version that is not; none without a host in the base URL,
    /// since search engines read only absolute addresses there.
    pub hreflang: Vec<AlternateView<'a>>,
    /// The address of the default language's version (`hreflang="x-default"`).
    pub x_default: Option<String>,
    /// The link to the home page of the page's language.
    pub home: String,
    /// The link to the search page of the page's language, when search is on.
    pub search_url: Option<String>,
    /// The folder of the search index of the page's language (`/de/search/`), which the
    /// search box and the search page read.
    pub search_index: String,
}

/// One language's version of a page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AlternateView<'a> {
    /// The language code.
    pub code: &'a str,
    /// The language's name in itself.
    pub name: &'a str,
    /// The link, base path included.
    pub url: String,
    /// The absolute address when the base URL has a host, else the link.
    pub href: String,
    /// Whether it is the page shown.
    pub current: bool,
    /// Whether it shows the original, for want of a translation.
    pub fallback: bool,
}

impl<'a> LanguageView<'a> {
    /// The view of page `id`, when the handbook has several languages.
    pub(crate) fn of(site: &'a Site, id: PageId) -> Option<Self> {
        let default = site.config.languages.default_language()?;
        let code = site.language_of(id)?;
        let fallback = site.is_fallback(id);
        let address = |page: PageId| {
            let path = &site.pages[page].site_path;
            site.config.base_url.absolute(path).unwrap_or_else(|| site.href(page))
        };
        let versions = site.alternates(id);
        let original_page = versions.iter().find(|a| a.code == default).map(|a| a.page);
        let alternates: Vec<AlternateView<'a>> = versions
            .into_iter()
            .map(|alternate| AlternateView {
                code: alternate.code,
                name: crate::site::strings::language_name(alternate.code),
                url: site.href(alternate.page),
                href: address(alternate.page),
                current: alternate.page == id,
                fallback: alternate.fallback,
            })
            .collect();
        let original = alternates.iter().find(|a| a.code == default);
        // Search engines read only absolute addresses there: none without a host.
        let absolute = site.config.base_url.has_origin();
        let hreflang = if fallback || !absolute {
            Vec::new()
        } else {
            alternates.iter().filter(|a| !a.fallback).cloned().collect()
        };
        Some(LanguageView {
            code,
            text: if fallback { default } else { code },
            fallback,
            original_url: original.filter(|_| fallback).map(|a| a.url.clone()),
            canonical: if fallback {
                original_page.and_then(|page| site.config.base_url.absolute(&site.pages[page].site_path))
            } else {
                site.config.base_url.absolute(&site.pages[id].site_path)
            },
            x_default: original.filter(|_| hreflang.len() > 1).map(|a| a.href.clone()),
            hreflang: if hreflang.len() > 1 { hreflang } else { Vec::new() },
            alternates,
            home: site.href(site.language_home(id)),
            search_url: site.generated_page_in(&GeneratedPage::Search, Some(code)).map(|page| site.href(page)),
            search_index: format!("{}search/", site.href(site.language_home(id))),
        })
    }

    /// The view of the page of an alert at site path `path`, which runbook `runbook`
    /// answers, in the runbook's language: its canonical address is its own (an
    /// alert's `runbook_url` names one address) and search engines are told of no
    /// alternate; the switch leads to the runbook in each other language.
    pub(crate) fn of_alert(site: &'a Site, runbook: PageId, path: &str) -> Option<Self> {
        let code = site.language_of(runbook)?;
        let home = site.language_home(runbook);
        let text = if site.is_fallback(runbook) { site.config.languages.default_language()? } else { code };
        let alternates = site
            .alternates(runbook)
            .into_iter()
            .map(|alternate| {
                let own = alternate.code == code;
                let (url, href) = match own {
                    true => (site.config.base_url.href(path), site.config.base_url.absolute(path)),
                    false => (
                        site.href(alternate.page),
                        site.config.base_url.absolute(&site.pages[alternate.page].site_path),
                    ),
                };
                AlternateView {
                    code: alternate.code,
                    name: crate::site::strings::language_name(alternate.code),
                    href: href.unwrap_or_else(|| url.clone()),
                    url,
                    current: own,
                    fallback: alternate.fallback,
                }
            })
            .collect();
        Some(LanguageView {
            code,
            text,
            fallback: false,
            original_url: None,
            canonical: site.config.base_url.absolute(path),
            alternates,
            hreflang: Vec::new(),
            x_default: None,
            home: site.href(home),
            search_url: site.generated_page_in(&GeneratedPage::Search, Some(code)).map(|page| site.href(page)),
            search_index: format!("{}search/", site.href(home)),
        })
    }
}
