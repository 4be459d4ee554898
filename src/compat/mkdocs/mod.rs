//! MkDocs: `mkdocs.yml`, its `nav:` and its settings.

pub(crate) mod awesome_nav;
pub(crate) mod awesome_pages;
pub(crate) mod exclude;
pub(crate) mod files;
pub(crate) mod gitignore;
pub(crate) mod natsort;
pub(crate) mod nav;
pub(crate) mod redirects;
#[cfg(test)]
mod url_tests;

use super::OldTool;
use super::ToolRules;
use super::interface::{DefinitionLists, RelativeLinks, Tool, UrlStyle, read_beside};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::content::site_data::{ColonBlocks, JinjaPages};
use crate::diagnostic::Diagnostic;
use crate::slug::HeadingIdStyle;

/// MkDocs's configuration files: a handbook with one is MkDocs's.
pub(crate) const CONFIG_FILES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];

/// Whether the handbook of `config` is MkDocs's: an `mkdocs.yml` beside `book.toml`.
pub(crate) fn is_site(config: &Config) -> bool {
    CONFIG_FILES.iter().any(|n| config.root.join(n).is_file())
}

/// MkDocs's rules.
pub(crate) struct MkDocs;

impl ToolRules for MkDocs {
    fn tool(&self) -> Tool {
        Tool::MkDocs
    }

    /// MkDocs resolves a page's links among the files of `docs_dir` only
    /// (`structure/pages.py`, `_RelativePathTreeprocessor`).
    fn links_through_repository(&self) -> bool {
        false
    }

    /// `Page.title`'s last rule (`structure/pages.py`): the file's name, `-` and `_` as
    /// spaces, capitalised when all lower case.
    fn title_from_name(&self, name: &str) -> String {
        files::dirname_to_title(name)
    }

    fn name(&self) -> &'static str {
        "MkDocs"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        is_site(config)
    }

    fn read(&self, config: &Config, files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        use crate::compat::interface::address_path;
        old.mkdocs_directory_urls = files.nav_file.as_ref().is_none_or(|nav| nav.directory_urls);
        let name = CONFIG_FILES.iter().find(|name| config.root.join(name).is_file());
        let text = name.and_then(|name| read_beside(config, name, diagnostics));
        let has_extension = |name: &str| text.as_deref().is_some_and(|text| nav::has_extension(text, name));
        if has_extension("def_list") {
            old.definition_lists = DefinitionLists::On { term_ids: false };
        }
        old.code_header_line = has_extension("codehilite");
        // PyMdown's MagicLink: `http`, `https`, `ftp` and `ftps` addresses, `www.` ones
        // (to `http://`) and emails; Python-Markdown alone links none.
        if has_extension("pymdownx.magiclink") {
            let schemes = &["http", "https", "ftp", "ftps"];
            let gfm = crate::content::reading_rules::AutolinkLiterals::GFM;
            old.autolinks = crate::content::reading_rules::AutolinkLiterals { schemes, ..gfm };
        }
        if has_extension("pymdownx.emoji") {
            old.emoji = super::dialects::emoji::Shortcodes::ResumeAfterName;
        }
        old.published_address = text
            .as_deref()
            .and_then(nav::site_url)
            .and_then(|url| crate::compat::interface::published_address(&url, None));
        // MkDocs leaves a link from the root as written (`path_to_url`), and the browser
        // reads it from the host: under `site_url`'s path it is a page of the site.
        old.content_route = old.published_address.as_deref().and_then(address_path).map(|path| format!("{path}/"));
        // MkDocs renders Markdown as it is: only mkdocs-macros-plugin runs Jinja over it.
        old.text.jinja = text.as_deref().map_or(JinjaPages::None, nav::macros_pages);
        old.text.link_targets = crate::content::site_data::LinkTargets::ToMatchingParen;
        old.text.braces_are_text = old.text.jinja == JinjaPages::None;
        if let (Some(name), Some(text)) = (name, text.as_deref()) {
            old.mapped_redirects = redirects::redirect_maps(text, name, old.mkdocs_directory_urls, diagnostics);
        }
        // Python-Markdown reads `:::` as text; mkdocstrings' autodoc lines are its own.
        let autodoc = text.as_deref().is_some_and(|text| nav::plugin_settings(text, "mkdocstrings").is_some());
        old.text.colon_blocks = if autodoc { ColonBlocks::Autodoc } else { ColonBlocks::Text };
        old.text.markdown_include_unrun =
            text.as_deref().is_none_or(|text| nav::markdown_include_bases(text).is_none());
    }

    fn relative_links(&self, old: &OldTool) -> RelativeLinks {
        if old.mkdocs_directory_urls { RelativeLinks::NamedFileThenPage } else { RelativeLinks::File }
    }

    fn url_style(&self, old: &OldTool) -> UrlStyle {
        if old.mkdocs_directory_urls { UrlStyle::Verbatim } else { UrlStyle::HtmlFiles }
    }

    /// The redirects plugin's relative link ([`redirects::relative_href`]).
    fn redirect_href(&self, old: &OldTool, from: &str, to: &str, fragment: &str) -> Option<String> {
        Some(redirects::relative_href(from, to, old.mkdocs_directory_urls, fragment))
    }

    /// MkDocs excludes a `README.md` beside an `index.md` (`get_files` in
    /// `structure/files.py`, with a warning), and writes `foo/index.md` over `foo.md`,
    /// whose output it shares, the folder's files being written after its parent's.
    fn folder_index_wins(&self) -> bool {
        true
    }

    fn heading_ids(&self, _old: &OldTool) -> HeadingIdStyle {
        HeadingIdStyle::PythonMarkdown
    }
}
