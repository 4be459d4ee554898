//! Jekyll: `_config.yml`'s permalinks and collections, the files that open with front
//! matter without being pages, and the Just the Docs theme's navigation.

pub(crate) mod dates;
pub(crate) mod drafts;
pub(crate) mod entry_filter;
pub(crate) mod file_settings;
pub(crate) mod files;
pub(crate) mod front_defaults;
pub(crate) mod gems;
pub(crate) mod just_the_docs;
pub(crate) mod kramdown;
pub(crate) mod post_url;
pub(crate) mod published;
pub(crate) mod site;
#[cfg(test)]
mod url_tests;

use super::OldTool;
use super::ToolRules;
use super::interface::{DefinitionLists, RelativeLinks, Tool, UrlStyle, read_beside};
use crate::config::Config;
use crate::content::ContentFiles;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site_path::PathProblem;

/// Jekyll's configuration files: a handbook with one is Jekyll's.
pub(crate) const CONFIG_FILES: [&str; 3] = ["_config.yml", "_config.yaml", "_config.toml"];

/// Jekyll's rules.
pub(crate) struct Jekyll;

/// Sets `files.nav_file`, when there is none, to the navigation of `site`'s theme if it
/// is Just the Docs ([`just_the_docs::navigation`]), of the pages `loaded`; no pages
/// are generated.
pub(crate) fn theme_navigation(
    files: &mut crate::content::ContentFiles,
    site: Option<&site::JekyllSite>,
    loaded: &[std::sync::Arc<crate::content::SourcePage>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<crate::content::SourcePage> {
    if let (None, Some(site)) = (&files.nav_file, site)
        && let Some(theme) = site.theme.as_ref()
    {
        let labels: Vec<String> = site.collections.iter().filter(|c| c.output).map(|c| c.label.clone()).collect();
        let collection_of = |path: &str| site.collection_of(path).map(|(label, _, _)| label.to_string());
        files.nav_file = Some(just_the_docs::navigation(theme, (&labels, &collection_of), loaded, diagnostics));
    }
    Vec::new()
}

impl ToolRules for Jekyll {
    fn tool(&self) -> Tool {
        Tool::Jekyll
    }

    fn name(&self) -> &'static str {
        "Jekyll"
    }

    fn detect(&self, config: &Config, _files: &ContentFiles) -> bool {
        CONFIG_FILES.iter().any(|n| config.root.join(n).is_file())
    }

    fn read(&self, config: &Config, files: &ContentFiles, old: &mut OldTool, diagnostics: &mut Vec<Diagnostic>) {
        // `_config.toml` is rare: its settings are not read.
        let yaml = CONFIG_FILES[..2].iter().find(|name| config.root.join(name).is_file());
        let mut site = match yaml.and_then(|name| Some((*name, read_beside(config, name, diagnostics)?))) {
            Some((name, text)) => site::JekyllSite::parse(&text).unwrap_or_else(|(line, message)| {
                let note = format!("cannot read the URL settings ({message}): Jekyll's defaults are used");
                diagnostics
                    .push(Diagnostic::error(Rule::ConfigSyntax, name, line, 1, note).with_severity(Severity::Note));
                site::JekyllSite::default()
            }),
            None => site::JekyllSite::default(),
        };
        // The theme's versions are the lock's, the plugins the `Gemfile`'s groups.
        let mut gem_text = |names: [&str; 2]| {
            let name = names.into_iter().find(|name| config.root.join(name).is_file())?;
            Some(read_beside(config, name, diagnostics))
        };
        site.defaults.file = yaml.map_or(CONFIG_FILES[0], |name| name).to_string();
        if let Some(theme) = site.theme.as_mut() {
            theme.file = yaml.map_or(CONFIG_FILES[0], |name| name).to_string();
            match gem_text(["Gemfile.lock", "Gemfile"]) {
                Some(Some(text)) => theme.read_gems(Some(&text)),
                Some(None) => {}
                None => theme.read_gems(None),
            }
        }
        let gems = gem_text(["Gemfile", "Gemfile.lock"]).flatten().map(|text| gems::read(&text));
        site.files.read_gems(&gems.unwrap_or_default());
        // kramdown reads definition lists, with its own parser or kramdown-parser-gfm
        // (Jekyll's default `input: GFM`); jekyll-commonmark does not.
        let kramdown = site.markdown.as_deref().is_none_or(|name| name.eq_ignore_ascii_case("kramdown"));
        if kramdown {
            old.definition_lists = DefinitionLists::On { term_ids: false };
            old.text.kramdown = true;
        }
        // Links from the root are written with `baseurl` (`{{ site.baseurl }}/a/`), and
        // from the published address (`{{ site.url }}{{ site.baseurl }}/a/`).
        if let Some(line) = site.heading_ids.transliterated_at {
            let note = "kramdown's `transliterated_header_ids` is not followed: heading ids are made as without it";
            let name = yaml.map_or(CONFIG_FILES[0], |name| name);
            diagnostics.push(
                Diagnostic::error(Rule::ConfigField, name, line, 1, note.to_string()).with_severity(Severity::Note),
            );
        }
        old.heading_id_prefix = site.heading_ids.prefix.clone();
        old.content_route = site.baseurl.as_ref().map(|base| format!("{base}/"));
        old.published_address = site.address.clone();
        site.draft_dates = drafts::file_dates(config, files);
        old.jekyll = Some(site);
    }

    /// Jekyll's reader ([`published::sort`]).
    fn sort_walked(&self, config: &Config, old: &OldTool, files: &mut ContentFiles) {
        if let Some(site) = &old.jekyll {
            let reads = files::PageReads::new(config);
            published::sort(site, files, &|path| reads.opens_with_yaml(path), &|path| reads.holds_internal_text(path));
            files.read_ahead = reads.into_read_ahead(&files.pages);
        }
    }

    /// kramdown's rule, as `_config.yml` sets it ([`kramdown`]); opsbook's for another
    /// converter.
    fn heading_ids(&self, old: &OldTool) -> crate::slug::HeadingIdStyle {
        let site = old.jekyll.as_ref().map(|site| site.heading_ids.style);
        site.unwrap_or(Some(crate::slug::HeadingIdStyle::KramdownGfm)).unwrap_or_default()
    }

    fn relative_links(&self, _old: &OldTool) -> RelativeLinks {
        RelativeLinks::PageThenFile
    }

    fn url_style(&self, _old: &OldTool) -> UrlStyle {
        UrlStyle::Verbatim
    }

    /// Jekyll writes every file inside its destination (`Jekyll.sanitized_path`): a `..`
    /// at the root stays there.
    /// One with `?` or `#` names a file no request reaches, which Jekyll writes: left out.
    fn alias_path(&self, page_site_path: &str, alias: &str) -> Result<String, PathProblem> {
        match crate::site_path::resolve_alias_with(page_site_path, alias, true) {
            Err(PathProblem::UrlSyntax(c @ ('?' | '#'))) => Err(PathProblem::Unreachable(c)),
            resolved => resolved,
        }
    }

    /// Jekyll's own 404 page is content, which wins there.
    fn aliases_yield_to_404_and_robots(&self) -> bool {
        true
    }

    /// Jekyll publishes the posts of a `_drafts` folder only with `--drafts`
    /// (<https://jekyllrb.com/docs/posts/#drafts>).
    fn drafts_folder(&self) -> Option<&'static str> {
        Some(drafts::FOLDER)
    }

    /// `jekyll serve` answers `/file` with `file/index.html`, else `file.html`
    /// (`lib/jekyll/commands/serve/servlet.rb`, `search_file`: "the same way that Nginx
    /// does on our Docker images (or on GitHub Pages)"): a page whose URL has no ending
    /// (`/docs/setup/index`) is reached by it though Jekyll wrote `index.html`.
    fn serves_html_without_extension(&self) -> bool {
        true
    }

    /// Jekyll builds a page, post or document whose front matter says `published: false`
    /// only with `--unpublished` (`Publisher#can_be_published?`,
    /// <https://jekyllrb.com/docs/front-matter/#predefined-global-variables>).
    fn unpublished_is_draft(&self) -> bool {
        true
    }

    /// A Jekyll theme shows a post's image and avatars with jekyll-assets' `{% asset %}`,
    /// which looks the name up in the plugin's source folders (`_assets/images/`…).
    fn asset_folders(&self) -> &'static [&'static str] {
        &crate::compat::dialects::assets::FOLDERS
    }

    fn publishes_front_matter_files(&self) -> bool {
        true
    }

    fn reads_translation_tags(&self) -> bool {
        true
    }

    /// Jekyll's one reference of its own is `{% post_url %}`'s post name
    /// ([`post_url::find`]); its links go through no page lookup.
    fn look_up_page(
        &self,
        old: &OldTool,
        site: &crate::site::Site,
        _from: Option<crate::site::PageId>,
        reference: &str,
        is_ref: bool,
    ) -> Option<String> {
        let collections_dir = old.jekyll.as_ref().map_or("", |jekyll| jekyll.collections_dir.as_str());
        is_ref.then(|| post_url::find(site.page_paths(), reference, collections_dir)).flatten()
    }
}
