//! Hugo (and Docsy): its configuration's routes, languages and markup settings, its
//! `permalinks` and their date layouts, and the URLs pages get by them.

pub(crate) mod aliases;
pub(crate) mod config_files;
pub(crate) mod dates;
pub(crate) mod docsy;
pub(crate) mod lookup;
pub(crate) mod menus;
pub(crate) mod mounts;
pub(crate) mod page_refs;
pub(crate) mod permalinks;
pub(crate) mod shortcode_ids;
pub(crate) mod shortcodes;
pub(crate) mod site;
#[cfg(test)]
mod url_tests;
pub(crate) mod urls;

use super::OldTool;
use super::ToolRules;
use super::dialects::emoji::Shortcodes;
use super::interface::{RelativeLinks, Tool, UrlStyle, permalinks_warning};
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
        let loaded = config_files::load(config, diagnostics);
        let hugo = loaded.merged.as_ref();
        // The file that sets a key last, where a warning about its value points.
        let file_of = |path: &[&str]| loaded.file_of(path).map_or(config_files::ROOT_FILES[0], |f| f.name.as_str());
        (old.own_templates, old.text.theme_shortcodes) = shortcodes::own_templates(config, hugo, diagnostics);
        // Docsy's `section-index.html` writes each child's `.Description | markdownify`.
        old.markdown_list_descriptions = shortcodes::uses_docsy(hugo);
        let mut multilingual = false;
        if let Some(hugo) = hugo {
            old.content_route = site::content_route(hugo, &config.content_folder);
            old.hugo_languages = site::languages(hugo, &config.content_folder);
            multilingual = page_refs::serves_languages_from_one_host(hugo);
        }
        old.published_address = site::published_address(hugo);
        match site::permalinks(hugo) {
            Ok(rules) => old.hugo_permalinks = rules,
            Err((message, needle)) => {
                diagnostics.push(permalinks_warning(config, &[file_of(&["permalinks"])], &message, &needle));
            }
        }
        old.hugo_ugly_urls = urls::UglyUrls::of(hugo);
        old.hugo_menu = menus::config::read(&loaded, &old.hugo_languages);
        old.definition_lists = site::definition_lists(hugo);
        old.hugo_heading_ids = Some(site::heading_ids(hugo));
        old.hugo_link_hook = page_refs::LinkHook::read(config, hugo, multilingual, diagnostics);
        old.autolinks = site::autolinks(hugo);
        if site::enables_emoji(hugo) {
            old.emoji = Shortcodes::ResumeAtColon;
        }
        match docsy::plantuml_server(hugo) {
            Ok(server) => old.plantuml_server = server,
            Err(message) => {
                let file = file_of(&["params", "plantuml", "svg_image_url"]);
                diagnostics.push(docsy::server_error(config, file, message));
            }
        }
    }

    /// `heading-ids = "hugo"`: the type the site's configuration names.
    fn configured_heading_ids(&self, old: &OldTool, asked: HeadingIdStyle) -> HeadingIdStyle {
        match (asked, old.hugo_heading_ids) {
            (HeadingIdStyle::SourceLine, Some(configured)) => configured,
            _ => asked,
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

    /// Only `_index.md` and `index.md` are a folder's page (gohugoio/hugo#4691): a
    /// `README.md` is a page like any other.
    fn readme_is_folder_page(&self) -> bool {
        false
    }

    /// <https://gohugo.io/content-management/page-bundles/#leaf-bundles>
    fn has_leaf_bundles(&self) -> bool {
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
