//! Hugo (and Docsy): its configuration's routes, languages and markup settings, its
//! `permalinks` and their date layouts, and the URLs pages get by them.

pub(crate) mod aliases;
pub(crate) mod dates;
pub(crate) mod docsy;
pub(crate) mod lookup;
pub(crate) mod menus;
pub(crate) mod mounts;
pub(crate) mod page_refs;
pub(crate) mod permalinks;
pub(crate) mod shortcodes;
pub(crate) mod site;
#[cfg(test)]
mod url_tests;
pub(crate) mod urls;

use super::OldTool;
use super::ToolRules;
use super::dialects::emoji::Shortcodes;
use super::interface::{RelativeLinks, Tool, UrlStyle, permalinks_warning, read_beside};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::slug::HeadingIdStyle;

/// Hugo's own configuration files: a handbook with one is Hugo's.
pub(crate) const OWN_FILES: [&str; 4] = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"];
/// The configuration files of older Hugo sites: Hugo's beside `archetypes/` or `layouts/`.
const OLDER_FILES: [&str; 4] = ["config.toml", "config.yaml", "config.yml", "config.json"];

/// Hugo's rules.
pub(crate) struct Hugo;

/// A `front-matter-field` warning at the front matter `field` of `page`.
fn field_warning(page: &crate::site::Page, field: &crate::content::front_matter::Field, message: String) -> Diagnostic {
    Diagnostic::error(Rule::FrontMatterField, &page.source.file, field.line, field.column, message)
        .with_severity(Severity::Warning)
}

/// Where Hugo's page lexer ends a front matter block: at the first line starting with
/// its fence (`lexFrontMatterSection`, `parser/pageparser/pagelexer_intro.go`).
pub(crate) const FRONT_MATTER_FENCES: crate::content::front_matter::Fences =
    crate::content::front_matter::Fences::LineStart;

/// Whether the handbook `config` describes is a Hugo site: `heading-ids = "hugo"`, one of
/// Hugo's own configuration files, `config/_default/`, or an older `config.toml` beside
/// `archetypes/` or `layouts/`.
pub(crate) fn is_site(config: &Config) -> bool {
    let root = &config.root;
    let is_dir = |name: &str| root.join(name).is_dir();
    config.heading_ids == Some(HeadingIdStyle::SourceLine)
        || OWN_FILES.iter().any(|n| root.join(n).is_file())
        || is_dir("config/_default")
        || (OLDER_FILES.iter().any(|n| root.join(n).is_file()) && (is_dir("archetypes") || is_dir("layouts")))
}

impl ToolRules for Hugo {
    fn tool(&self) -> Tool {
        Tool::Hugo
    }

    fn name(&self) -> &'static str {
        "Hugo"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        is_site(config)
    }

    fn read(&self, config: &Config, _files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        let read = |names: &[&'static str], diagnostics: &mut Vec<Diagnostic>| {
            let name = names.iter().find(|name| config.root.join(name).is_file())?;
            let text = read_beside(config, name, diagnostics)?;
            site::parse(name, &text)
                .map_err(|message| {
                    let note = format!("cannot read {name} ({message}): Hugo's defaults are used for its settings");
                    diagnostics
                        .push(Diagnostic::error(Rule::ConfigSyntax, *name, 0, 0, note).with_severity(Severity::Note));
                })
                .ok()
        };
        let hugo = read(&site::CONFIG_FILES, diagnostics);
        (old.own_templates, old.text.theme_shortcodes) = shortcodes::own_templates(config, hugo.as_ref(), diagnostics);
        let mut multilingual = false;
        if let Some(hugo) = &hugo {
            let languages = read(&site::LANGUAGE_FILES, diagnostics);
            old.content_route = site::content_route(hugo, languages.as_ref(), &config.content_folder);
            old.hugo_languages = site::languages(hugo, languages.as_ref(), &config.content_folder);
            multilingual = page_refs::serves_languages_from_one_host(hugo, languages.as_ref());
        }
        let production = read(&site::PRODUCTION_FILES, diagnostics);
        old.published_address = site::published_address(hugo.as_ref(), production.as_ref());
        let own = read(&site::PERMALINK_FILES, diagnostics);
        match site::permalinks(hugo.as_ref(), own.as_ref()) {
            Ok(rules) => old.hugo_permalinks = rules,
            Err((message, needle)) => {
                let files: &[&str] = if own.is_some() { &site::PERMALINK_FILES } else { &site::CONFIG_FILES };
                diagnostics.push(permalinks_warning(config, files, &message, &needle));
            }
        }
        old.hugo_ugly_urls = urls::UglyUrls::of(hugo.as_ref());
        old.hugo_menu = menus::config::read(config, &old.hugo_languages, diagnostics);
        let markup = read(&site::MARKUP_FILES, diagnostics);
        old.definition_lists = site::definition_lists(hugo.as_ref(), markup.as_ref());
        old.hugo_link_hook =
            page_refs::LinkHook::read(config, hugo.as_ref(), markup.as_ref(), multilingual, diagnostics);
        if site::enables_emoji(hugo.as_ref()) {
            old.emoji = Shortcodes::ResumeAtColon;
        }
        let params = read(&docsy::PARAMS_FILES, diagnostics);
        match docsy::plantuml_server(hugo.as_ref(), params.as_ref()) {
            Ok(server) => old.plantuml_server = server,
            Err((message, in_params)) => {
                let files: &[&str] = if in_params { &docsy::PARAMS_FILES } else { &site::CONFIG_FILES };
                diagnostics.push(docsy::server_error(config, files, message));
            }
        }
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    /// `assets/`, the global resources: `resources.Get` finds a file there and its
    /// `.RelPermalink` publishes it at its path below the folder (the `figure` shortcode's
    /// image).
    fn resource_folders(&self) -> &'static [&'static str] {
        &["assets"]
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Hugo
    }

    /// Hugo's default order (`resources/page/pages_sort.go`).
    fn orders_by_link_title(&self) -> bool {
        true
    }

    fn alias_path(&self, page_site_path: &str, alias: &str) -> Result<String, crate::site_path::PathProblem> {
        aliases::alias_path(page_site_path, alias)
    }

    /// Hugo writes them after the aliases (`renderAliases`, then `render404` and
    /// `renderRobotsTXT`).
    fn aliases_yield_to_404_and_robots(&self) -> bool {
        true
    }

    fn reads_build_options(&self) -> bool {
        true
    }

    fn url_warnings(&self, pages: &[crate::site::Page], diagnostics: &mut Vec<Diagnostic>) {
        urls::url_warnings(pages, diagnostics);
        menus::menu_warnings(pages, diagnostics);
    }

    fn main_menu(
        &self,
        old: &OldTool,
        site: &crate::site::Site,
        code: Option<&str>,
    ) -> Vec<crate::site::menu::MenuLink> {
        menus::main_menu(site, &old.hugo_menu, code)
    }

    fn site_warnings(&self, old: &OldTool, site: &crate::site::Site, diagnostics: &mut Vec<Diagnostic>) {
        menus::site_warnings(site, &old.hugo_menu, diagnostics);
    }

    /// `ref` and `relref` always; a link only where the site's link hook looks pages up.
    fn look_up_page(
        &self,
        old: &OldTool,
        site: &crate::site::Site,
        from: Option<crate::site::PageId>,
        reference: &str,
        is_ref: bool,
    ) -> Option<String> {
        if !is_ref && !old.hugo_link_hook.looks_up_pages {
            return None;
        }
        page_refs::look_up(site, &old.hugo_languages, from, reference, is_ref)
    }
}
