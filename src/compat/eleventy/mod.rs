//! Eleventy: the permalinks its directory data files give.

pub(crate) mod ignore;
pub(crate) mod site;
#[cfg(test)]
mod url_tests;

use super::OldTool;
use super::ToolRules;
use super::interface::{RelativeLinks, Tool, UrlStyle};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;

/// Eleventy's rules.
pub(crate) struct Eleventy;

impl ToolRules for Eleventy {
    fn tool(&self) -> Tool {
        Tool::Eleventy
    }

    fn name(&self) -> &'static str {
        "Eleventy"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        crate::compat::site_data::ELEVENTY_FILES.iter().any(|n| config.root.join(n).is_file())
    }

    fn read(&self, config: &Config, files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        let mut permalinks = site::EleventyPermalinks::default();
        for path in &files.assets {
            let Some(folder) = site::EleventyPermalinks::data_file_folder(path) else { continue };
            let (Ok(file), _) = config.locate_confined(path) else { continue };
            let Ok(text) = crate::fs::read_text(&file, crate::fs::FileKind::Config) else { continue };
            if let Some(template) = site::EleventyPermalinks::permalink_of(&text) {
                permalinks.folders.push((folder.to_string(), template));
            }
        }
        old.eleventy = Some(permalinks);
        old.eleventy_ignore = ignore::read(config, diagnostics);
    }

    /// Its data files (`name.11tydata.js`), read by it and never published.
    fn keeps_unpublished(&self, path: &str) -> bool {
        ignore::is_data_file(path)
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Verbatim
    }

    /// `component/component.md` is published at `component/`, as Eleventy's
    /// `TemplatePermalink` writes a file named as its folder (`_hasDuplicateFolder`).
    fn folder_named_page_is_its_page(&self) -> bool {
        true
    }
}
