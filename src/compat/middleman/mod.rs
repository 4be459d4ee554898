//! Middleman (and the GOV.UK Tech Docs Template built on it): the URL rules of
//! `config.rb`.

pub(crate) mod site;

use super::OldTool;
use super::ToolRules;
use super::interface::{RelativeLinks, Tool, UrlStyle, read_beside};
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
        old.text.erb_partials = true;
        let site = text
            .flatten()
            .map_or_else(Default::default, |text| site::MiddlemanSite::parse(&text, "config.rb", diagnostics));
        // The GOV.UK Tech Docs Template's gem sets `markdown_engine` to `:redcarpet`.
        if site.redcarpet || config.root.join("config/tech-docs.yml").is_file() {
            old.text.link_targets = crate::content::site_data::LinkTargets::SpacedToMatchingParen;
            if site.autolink {
                old.autolinks = crate::content::reading_rules::AutolinkLiterals::GFM;
            }
        }
        old.middleman = Some(site);
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

    /// Middleman's sitemap leaves out partials: a file whose path has a part named `_x`
    /// (not `__x`), its `ignored_sitemap_matchers[:partials]`. A section's own page
    /// (`_index.md`, opsbook's name for it) stays a page: a handbook moved from Middleman
    /// names its sections so.
    fn leaves_out(&self, path: &str) -> bool {
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        is_partial_path(dir) || (is_partial_path(name) && crate::site::index_rank_of(name) != Some(0))
    }
}

/// Whether a part of `path` starts with one `_` and more (Ruby's `^_[^_]`).
fn is_partial_path(path: &str) -> bool {
    path.split('/').any(|part| part.strip_prefix('_').is_some_and(|rest| !rest.is_empty() && !rest.starts_with('_')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_partials_as_middleman_s_sitemap_does() {
        for path in ["_header.erb", "shared/_footer.html.erb", "_partials/nav.html.md", "docs/_api.md"] {
            assert!(is_partial_path(path), "{path}");
        }
        for path in ["index.html.md", "__double.html.md", "a_b/c.html.md", "_", "docs/x_.md"] {
            assert!(!is_partial_path(path), "{path}");
        }
        let left_out = |path: &str| Middleman.leaves_out(path);
        assert!(left_out("docs/_api.md") && left_out("_partials/nav.html.md") && left_out("_partials/_index.md"));
        assert!(!left_out("_index.md") && !left_out("ops/_index.md") && !left_out("ops/page.md"));
    }
}
