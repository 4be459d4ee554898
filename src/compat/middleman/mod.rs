//! Middleman (and the GOV.UK Tech Docs Template built on it): the URL rules of
//! `config.rb`.

pub(crate) mod site;

use super::ToolRules;
use super::old_tool::{OldTool, RelativeLinks, Tool, UrlStyle, read_beside};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::Diagnostic;

/// Middleman's rules.
pub(crate) struct Middleman;

impl ToolRules for Middleman {
    fn tool(&self) -> Tool {
        Tool::Middleman
    }

    fn name(&self) -> &'static str {
        "Middleman"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        config.root.join("config.rb").is_file() || config.root.join("config/tech-docs.yml").is_file()
    }

    fn read(&self, config: &Config, _files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        // The GOV.UK Tech Docs Template's `config.rb` may be in its gem: its defaults.
        let text = config.root.join("config.rb").is_file().then(|| read_beside(config, "config.rb", diagnostics));
        old.middleman = Some(
            text.flatten()
                .map_or_else(Default::default, |text| site::MiddlemanSite::parse(&text, "config.rb", diagnostics)),
        );
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Verbatim
    }

    /// The GOV.UK Tech Docs Template groups a folder's pages by their `section`.
    fn groups_by_section(&self) -> bool {
        true
    }
}
