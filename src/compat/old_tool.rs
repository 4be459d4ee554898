//! The tool a handbook was written for, and the rules opsbook borrows from it so that
//! links keep leading where they led in the old tool's published site: how
//! a relative link is read, and what URLs pages get ([`crate::site::urls`]).
//!
//! Found once, after the walk ([`read_old_tool`]), from what the migration guide leaves
//! beside `book.toml` and from `book.toml` itself, the first that matches:
//!
//! | tool | marker |
//! |---|---|
//! | mdBook | `book.toml` is mdBook's (`[book]`) |
//! | Hugo | `[markdown] heading-ids = "hugo"`; `hugo.toml` (`.yaml`, `.yml`, `.json`); `config/_default/`; a `config.toml` (`.yaml`, `.yml`, `.json`) beside `archetypes/` or `layouts/` |
//! | Docusaurus | `heading-ids = "docusaurus"`; a Docusaurus site ([`crate::content::prefix`]) |
//! | MkDocs | `mkdocs.yml` (`.yaml`) |
//! | Eleventy | `.eleventy.js`, `eleventy.config.js` (`.cjs`, `.mjs`, `.ts`) |
//! | Jekyll | `_config.yml` (`.yaml`, `.toml`) |
//! | Middleman | `config.rb`; `config/tech-docs.yml` (the GOV.UK Tech Docs Template, a Middleman site whose `config.rb` is in the gem: <https://tdt-documentation.london.cloudapps.digital/configure_project/global_configuration/>) |
//! | GitBook | `.gitbook.yaml` beside `book.toml` or in the content folder |
//!
//! and GitHub's rules otherwise. What opsbook takes from each:
//!
//! - **Relative links** ([`RelativeLinks`]). A link to a Markdown file (`../db.md`) is
//!   read from the file's folder by every tool that rewrites it (mdBook, MkDocs,
//!   Docusaurus, Hugo's `ref` and render hooks, jekyll-relative-links, GitHub). Any other
//!   relative link is left as written by Hugo, Jekyll, Eleventy and Middleman, and the
//!   browser reads it from the page's URL: `../metrics` on `/docs/v2.3/admin_guide/` is
//!   `/docs/v2.3/metrics`. mdBook publishes `chapter.html` beside the file, so its
//!   page's URL and its file's folder are one. MkDocs rewrites a link to any file of
//!   `docs_dir` from the file's folder and leaves the others to the browser, which reads
//!   them from the page's URL (`use_directory_urls`, the default: `page/`). GitHub,
//!   GitBook and Docusaurus (whose URLs have no trailing `/`) read them from the file's
//!   folder; Docusaurus with `trailingSlash: true` from the page's URL.
//! - **URLs** ([`UrlStyle`]): Hugo lower-cases and cleans each name as its
//!   `paths.Sanitize` does, keeping dots (`docs/v2.3/`); mdBook publishes `chapter.md`
//!   at `chapter.html`; Jekyll, Eleventy, Middleman, mdBook and MkDocs keep names as
//!   written (case and dots), MkDocs with `use_directory_urls: false` publishing `page.md`
//!   at `page.html` (`File.dest_uri` in MkDocs's `structure/files.py`); Middleman's
//!   `directory_indexes` moves `foo.html` to `foo/` ([`crate::compat::middleman::site`]); a Jekyll
//!   collection's pages follow its `permalink` ([`crate::compat::jekyll::site`]); an Eleventy
//!   folder's directory data file may give its pages a `permalink`
//!   ([`crate::compat::eleventy::site`]).
//! - **Where the content folder was published** ([`OldTool::content_route`]):
//!   Docusaurus serves its docs under `routeBasePath` (`docs` unless the configuration
//!   says otherwise), a multilingual Hugo site a language under `/<lang>/`
//!   ([`crate::compat::hugo::site`]): a link to `/docs/x` or `/en/x` is a link to the page of
//!   `x`. opsbook publishes the content folder at the root (its home page is there).
//! - **Heading ids** ([`OldTool::heading_ids`]): MkDocs's, Python-Markdown's `toc`
//!   `slugify`, unless `[markdown] heading-ids` names a rule; opsbook's for the others.
//! - **Which pages are MDX** ([`OldTool::md_as_mdx`]): Docusaurus reads every `.md` page
//!   as MDX unless its configuration's `markdown.format` says `md` or `detect`, so an
//!   `import` line there is code and a `<Component>` is a component
//!   ([`crate::markdown`]'s MDX dialect); every other tool reads only `.mdx` as MDX.

use std::path::Path;

use crate::config::Config;
use crate::content::node::{Located, Node};
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::slug::HeadingIdStyle;

/// The tool a handbook was written for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Tool {
    /// None found: GitHub's rules.
    #[default]
    Plain,
    /// Hugo (Docsy among its themes).
    Hugo,
    /// Jekyll.
    Jekyll,
    /// Eleventy.
    Eleventy,
    /// Middleman.
    Middleman,
    /// Docusaurus.
    Docusaurus,
    /// MkDocs (Material among its themes).
    MkDocs,
    /// mdBook.
    MdBook,
    /// GitBook.
    GitBook,
}

/// How a relative link that names no Markdown file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RelativeLinks {
    /// From the file's folder.
    File,
    /// From the page's URL, as the browser reads it; else from the file's folder.
    PageThenFile,
    /// From the file's folder when a file is there; else from the page's URL.
    FileThenPage,
}

/// How the URLs of pages and folders are made from their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlStyle {
    /// opsbook's own: slugged, lower-case, pretty (`runbooks/db-failover/`).
    Slug,
    /// Hugo's: lower-cased and cleaned by `paths.Sanitize`, dots kept (`docs/v2.3/`).
    Hugo,
    /// The names as written (Jekyll, Eleventy), pretty.
    Verbatim,
    /// mdBook's: names as written, `chapter.md` at `chapter.html`.
    MdBook,
    /// MkDocs's with `use_directory_urls: false`: names as written, `page.md` at
    /// `page.html`, a folder's `index.md` or `README.md` at `folder/index.html`.
    HtmlFiles,
}

/// The old tool and what opsbook reads of its configuration.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct OldTool {
    /// Which tool.
    pub tool: Tool,
    /// MkDocs's `use_directory_urls` (true unless `mkdocs.yml` says `false`).
    pub mkdocs_directory_urls: bool,
    /// Where the old site published the content folder's pages, as a site path prefix:
    /// Docusaurus's docs route (`docs/`), a Hugo language's folder (`en/`,
    /// [`crate::compat::hugo::site`]); `None` for the root.
    pub content_route: Option<String>,
    /// Jekyll: the URL rules of `_config.yml`.
    pub jekyll: Option<crate::compat::jekyll::site::JekyllSite>,
    /// Eleventy: the permalinks of directory data files.
    pub eleventy: Option<crate::compat::eleventy::site::EleventyPermalinks>,
    /// Whether the old tool's Markdown read definition lists ([`DefinitionLists`]).
    pub definition_lists: DefinitionLists,
    /// Hugo: the languages of a multilingual site whose translations lie where opsbook
    /// reads them ([`crate::compat::hugo::site::languages`]), the default first.
    pub hugo_languages: Vec<String>,
    /// Hugo: the `permalinks` rules of its configuration
    /// ([`crate::compat::hugo::permalinks::read_rules`]).
    pub hugo_permalinks: Vec<crate::compat::hugo::permalinks::Rule>,
    /// Whether the old tool read `.md` pages as MDX, as `.mdx` ones: Docusaurus does
    /// unless its configuration's `markdown.format` is `md` or `detect`
    /// ([`markdown_format`]); `[markdown] md-as-mdx` in `book.toml` says so for any
    /// tool (Gatsby's `gatsby-plugin-mdx` with `extensions: ['.mdx', '.md']`).
    pub md_as_mdx: bool,
    /// Docusaurus: the blogs its blog plugins publish ([`crate::compat::docusaurus::blog`]).
    pub docusaurus_blogs: Vec<crate::compat::docusaurus::blog::DocusaurusBlog>,
    /// The rule that makes heading ids: `[markdown] heading-ids` when written, else the
    /// old tool's (Python-Markdown's `toc` for MkDocs), else opsbook's.
    pub heading_ids: HeadingIdStyle,
    /// Middleman: the URL rules of `config.rb` ([`crate::compat::middleman::site`]).
    pub middleman: Option<crate::compat::middleman::site::MiddlemanSite>,
    /// Docusaurus: the configuration's `trailingSlash: true`, which serves each page at
    /// `page/`, so the browser reads a relative link from there ([`trailing_slash`]).
    pub trailing_slash: bool,
    /// Docusaurus: where the docs folder was published below the docs route while other
    /// versions were published too (`docs/next/`,
    /// [`crate::compat::docusaurus::versions::current_path`]), read like [`OldTool::content_route`].
    pub version_route: Option<String>,
}

/// Definition lists, `Term` then `: Definition` (PHP Markdown Extra's syntax), as the
/// old tool's Markdown read them: Hugo's Goldmark by default
/// (`markup.goldmark.extensions.definitionList`), with an `id` on each term when
/// `markup.goldmark.parser.autoDefinitionTermID` is set; Jekyll's kramdown (its
/// default `markdown:`); MkDocs with Python-Markdown's `def_list` extension. Elsewhere
/// (GitHub, Docusaurus, Eleventy's markdown-it, mdBook) such lines are a paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum DefinitionLists {
    /// A paragraph, as on GitHub.
    #[default]
    Off,
    /// A `<dl>`; `term_ids`: each `<dt>` gets an id made as a heading's is.
    On { term_ids: bool },
}

impl OldTool {
    /// Whether the old tool published no page from the file at content path `path`:
    /// Docusaurus's content plugins (docs, blog, pages) leave out every file whose name
    /// or folder starts with `_` (their `exclude` option's default, `**/_*.{md,mdx}` and
    /// `**/_*/**`, <https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-docs#configuration>):
    /// the partials pages import, which opsbook still reads when a page imports them.
    /// `_index.md`, a section's page in opsbook and Hugo, stays a page.
    pub(crate) fn leaves_out(&self, path: &str) -> bool {
        let mut parts = path.split('/');
        let name = parts.next_back().unwrap_or(path);
        self.tool == Tool::Docusaurus
            && (parts.any(|dir| dir.starts_with('_'))
                || (name.starts_with('_') && crate::content::formats::template_stem(name) != "_index"))
    }

    /// How relative links that name no Markdown file are read.
    pub(crate) fn relative_links(&self) -> RelativeLinks {
        match self.tool {
            Tool::Hugo | Tool::Jekyll | Tool::Eleventy | Tool::Middleman | Tool::MdBook => RelativeLinks::PageThenFile,
            Tool::MkDocs if self.mkdocs_directory_urls => RelativeLinks::FileThenPage,
            Tool::Docusaurus if self.trailing_slash => RelativeLinks::PageThenFile,
            Tool::MkDocs | Tool::Plain | Tool::GitBook | Tool::Docusaurus => RelativeLinks::File,
        }
    }

    /// How URLs are made.
    pub(crate) fn url_style(&self) -> UrlStyle {
        match self.tool {
            Tool::Hugo => UrlStyle::Hugo,
            Tool::MdBook => UrlStyle::MdBook,
            Tool::Jekyll | Tool::Eleventy | Tool::Middleman => UrlStyle::Verbatim,
            Tool::MkDocs if self.mkdocs_directory_urls => UrlStyle::Verbatim,
            Tool::MkDocs => UrlStyle::HtmlFiles,
            Tool::Plain | Tool::Docusaurus | Tool::GitBook => UrlStyle::Slug,
        }
    }

    /// The tool's name, as messages give it.
    pub(crate) fn name(&self) -> &'static str {
        match self.tool {
            Tool::Plain => "GitHub",
            Tool::Hugo => "Hugo",
            Tool::Jekyll => "Jekyll",
            Tool::Eleventy => "Eleventy",
            Tool::Middleman => "Middleman",
            Tool::Docusaurus => "Docusaurus",
            Tool::MkDocs => "MkDocs",
            Tool::MdBook => "mdBook",
            Tool::GitBook => "GitBook",
        }
    }
}

const HUGO_FILES: [&str; 4] = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"];
const HUGO_CONFIG_FILES: [&str; 4] = ["config.toml", "config.yaml", "config.yml", "config.json"];
const JEKYLL_FILES: [&str; 3] = ["_config.yml", "_config.yaml", "_config.toml"];
const MKDOCS_FILES: [&str; 2] = ["mkdocs.yml", "mkdocs.yaml"];
pub(crate) const DOCUSAURUS_CONFIGS: [&str; 4] =
    ["docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "docusaurus.config.cjs"];

/// Whether `root` holds the configuration file of a tool other than Docusaurus, which
/// says what the handbook is more surely than a `_category_.json` among its pages.
pub(crate) fn has_other_tools_configuration(root: &Path) -> bool {
    let is_file = |name: &str| root.join(name).is_file();
    HUGO_FILES.iter().chain(&JEKYLL_FILES).chain(&MKDOCS_FILES).any(|n| is_file(n))
        || crate::content::site_data::ELEVENTY_FILES.iter().any(|n| is_file(n))
        || ["config.rb", "config/tech-docs.yml", ".gitbook.yaml"].iter().any(|n| is_file(n))
        || root.join("config/_default").is_dir()
}

/// The tool of the handbook `config` describes (see the module documentation), from its
/// `book.toml` and the names beside it and in its content folder.
pub(crate) fn detect_tool(config: &Config, files: &crate::content::ContentFiles) -> Tool {
    let root = &config.root;
    let is_file = |name: &str| root.join(name).is_file();
    let is_dir = |name: &str| root.join(name).is_dir();
    if config.mdbook {
        Tool::MdBook
    } else if config.heading_ids == Some(HeadingIdStyle::Hugo)
        || HUGO_FILES.iter().any(|n| is_file(n))
        || is_dir("config/_default")
        || (HUGO_CONFIG_FILES.iter().any(|n| is_file(n)) && (is_dir("archetypes") || is_dir("layouts")))
    {
        Tool::Hugo
    } else if config.heading_ids == Some(HeadingIdStyle::Docusaurus)
        || crate::content::prefix::is_docusaurus_site(root, files)
    {
        Tool::Docusaurus
    } else if MKDOCS_FILES.iter().any(|n| is_file(n)) {
        Tool::MkDocs
    } else if crate::content::site_data::ELEVENTY_FILES.iter().any(|n| is_file(n)) {
        Tool::Eleventy
    } else if JEKYLL_FILES.iter().any(|n| is_file(n)) {
        Tool::Jekyll
    } else if is_file("config.rb") || is_file("config/tech-docs.yml") {
        Tool::Middleman
    } else if is_file(".gitbook.yaml") || config.content_dir().join(".gitbook.yaml").is_file() {
        Tool::GitBook
    } else {
        Tool::Plain
    }
}

/// The old tool of the handbook, with what its configuration says of URLs: the
/// collections of a Jekyll `_config.yml`, Docusaurus's docs route, MkDocs's
/// `use_directory_urls` (read with its `nav:`, [`crate::content::nav_file`]). A configuration
/// that cannot be read is a note: the tool's defaults hold.
pub(crate) fn read_old_tool(
    config: &Config,
    files: &crate::content::ContentFiles,
    diagnostics: &mut Vec<Diagnostic>,
) -> OldTool {
    let tool = detect_tool(config, files);
    let mut old = OldTool { tool, mkdocs_directory_urls: true, ..OldTool::default() };
    match tool {
        Tool::Docusaurus => {
            let text = DOCUSAURUS_CONFIGS
                .iter()
                .find(|name| config.root.join(name).is_file())
                .and_then(|name| read_beside(config, name, diagnostics));
            let route = text.as_deref().map_or_else(|| "docs".to_string(), docs_route_base);
            old.content_route = (!route.is_empty()).then(|| format!("{route}/"));
            old.version_route = crate::compat::docusaurus::versions::current_path(config).map(|path| match route.as_str() {
                "" => format!("{path}/"),
                route => format!("{route}/{path}/"),
            });
            old.md_as_mdx = text.as_deref().and_then(markdown_format).is_none_or(|format| format == "mdx");
            old.trailing_slash = text.as_deref().is_some_and(trailing_slash);
            if let (Some(text), Some(name)) = (&text, DOCUSAURUS_CONFIGS.iter().find(|n| config.root.join(n).is_file()))
            {
                // Its notes were given when the locales were mounted.
                let plugins = crate::compat::docusaurus::blog::blog_plugins(text, name, &mut Vec::new());
                old.docusaurus_blogs = crate::compat::docusaurus::blog::blogs(config, &plugins, name, diagnostics);
            }
        }
        Tool::Eleventy => {
            let mut permalinks = crate::compat::eleventy::site::EleventyPermalinks::default();
            for path in &files.assets {
                let Some(folder) = crate::compat::eleventy::site::EleventyPermalinks::data_file_folder(path) else {
                    continue;
                };
                let (Ok(file), _) = config.locate_confined(path) else { continue };
                let Ok(text) = crate::fs::read_text(&file, crate::fs::FileKind::Config) else { continue };
                if let Some(template) = crate::compat::eleventy::site::EleventyPermalinks::permalink_of(&text) {
                    permalinks.folders.push((folder.to_string(), template));
                }
            }
            old.eleventy = Some(permalinks);
        }
        Tool::Hugo => {
            let read = |names: &[&'static str], diagnostics: &mut Vec<Diagnostic>| {
                let name = names.iter().find(|name| config.root.join(name).is_file())?;
                let text = read_beside(config, name, diagnostics)?;
                crate::compat::hugo::site::parse(name, &text)
                    .map_err(|message| {
                        let note = format!("cannot read the language settings ({message}): Hugo's defaults are used");
                        diagnostics.push(
                            Diagnostic::error(Rule::ConfigSyntax, *name, 0, 0, note).with_severity(Severity::Note),
                        );
                    })
                    .ok()
            };
            let hugo = read(&crate::compat::hugo::site::CONFIG_FILES, diagnostics);
            if let Some(hugo) = &hugo {
                let languages = read(&crate::compat::hugo::site::LANGUAGE_FILES, diagnostics);
                old.content_route =
                    crate::compat::hugo::site::content_route(hugo, languages.as_ref(), &config.content_folder);
                old.hugo_languages =
                    crate::compat::hugo::site::languages(hugo, languages.as_ref(), &config.content_folder);
            }
            let own = read(&crate::compat::hugo::site::PERMALINK_FILES, diagnostics);
            match crate::compat::hugo::site::permalinks(hugo.as_ref(), own.as_ref()) {
                Ok(rules) => old.hugo_permalinks = rules,
                Err((message, needle)) => {
                    let files: &[&str] = if own.is_some() {
                        &crate::compat::hugo::site::PERMALINK_FILES
                    } else {
                        &crate::compat::hugo::site::CONFIG_FILES
                    };
                    diagnostics.push(permalinks_warning(config, files, &message, &needle));
                }
            }
            let markup = read(&crate::compat::hugo::site::MARKUP_FILES, diagnostics);
            old.definition_lists = crate::compat::hugo::site::definition_lists(hugo.as_ref(), markup.as_ref());
        }
        Tool::Jekyll => {
            // `_config.toml` is rare: its settings are not read.
            let yaml = JEKYLL_FILES[..2].iter().find(|name| config.root.join(name).is_file());
            let site = match yaml.and_then(|name| Some((*name, read_beside(config, name, diagnostics)?))) {
                Some((name, text)) => {
                    crate::compat::jekyll::site::JekyllSite::parse(&text).unwrap_or_else(|(line, message)| {
                        let note = format!("cannot read the URL settings ({message}): Jekyll's defaults are used");
                        diagnostics.push(
                            Diagnostic::error(Rule::ConfigSyntax, name, line, 1, note).with_severity(Severity::Note),
                        );
                        crate::compat::jekyll::site::JekyllSite::default()
                    })
                }
                None => crate::compat::jekyll::site::JekyllSite::default(),
            };
            // kramdown reads definition lists, with its own parser or kramdown-parser-gfm
            // (Jekyll's default `input: GFM`); jekyll-commonmark does not.
            let kramdown = site.markdown.as_deref().is_none_or(|name| name.eq_ignore_ascii_case("kramdown"));
            if kramdown {
                old.definition_lists = DefinitionLists::On { term_ids: false };
            }
            old.jekyll = Some(site);
        }
        Tool::MkDocs => {
            old.mkdocs_directory_urls = files.nav_file.as_ref().is_none_or(|nav| nav.directory_urls);
            let text = MKDOCS_FILES
                .iter()
                .find(|name| config.root.join(name).is_file())
                .and_then(|name| read_beside(config, name, diagnostics));
            if text.is_some_and(|text| crate::compat::mkdocs::nav::has_extension(&text, "def_list")) {
                old.definition_lists = DefinitionLists::On { term_ids: false };
            }
        }
        Tool::Middleman => {
            // The GOV.UK Tech Docs Template's `config.rb` may be in its gem: its defaults.
            let text = config.root.join("config.rb").is_file().then(|| read_beside(config, "config.rb", diagnostics));
            old.middleman = Some(text.flatten().map_or_else(Default::default, |text| {
                crate::compat::middleman::site::MiddlemanSite::parse(&text, "config.rb", diagnostics)
            }));
        }
        _ => {}
    }
    if let Some(md_as_mdx) = config.md_as_mdx {
        old.md_as_mdx = md_as_mdx;
    }
    old.heading_ids = config.heading_ids.unwrap_or(match tool {
        Tool::MkDocs => HeadingIdStyle::PythonMarkdown,
        _ => HeadingIdStyle::Opsbook,
    });
    old
}

/// The warning for `permalinks` Hugo would refuse, at the place in the first of
/// `files` that holds `needle`: the pages keep Hugo's URLs without them.
fn permalinks_warning(config: &Config, files: &[&str], message: &str, needle: &str) -> Diagnostic {
    let name = files.iter().find(|name| config.root.join(name).is_file()).copied().unwrap_or(files[0]);
    let text = read_beside(config, name, &mut Vec::new()).unwrap_or_default();
    let (line, column) = text.find(needle).map_or((0, 0), |at| crate::diagnostic::line_column(&text, at));
    Diagnostic::error(Rule::ConfigSyntax, name, line, column, format!("{message}: no page follows `permalinks`"))
        .with_severity(Severity::Warning)
}

/// The text of a configuration file beside `book.toml`, confined like the rest of the
/// handbook; a refusal or a read error is a note, and `None`.
fn read_beside(config: &Config, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let path = config.root.join(name);
    let read = match config.confinement().map(|c| c.readable(&path)) {
        Some(Err(why)) => Err(format!("the file is not read: {why}")),
        None => Err("the handbook's folder cannot be resolved".to_string()),
        Some(Ok(file)) => {
            crate::fs::read_text(&file, crate::fs::FileKind::Config).map_err(|e| format!("cannot read the file: {e}"))
        }
    };
    match read {
        Ok(text) => Some(text),
        Err(message) => {
            diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, name, 0, 0, message).with_severity(Severity::Note));
            None
        }
    }
}

/// The `routeBasePath` of the docs plugin in the text of a Docusaurus configuration,
/// without its slashes: the `routeBasePath` inside the object of its `docs:` key (the
/// preset's options or the plugin's), `docs` unless it is there.
pub(crate) fn docs_route_base(text: &str) -> String {
    let mut from = 0;
    while let Some(found) = text[from..].find("docs") {
        let at = from + found;
        from = at + 4;
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[at + 4..].trim_start_matches(['\'', '"']).trim_start();
        let Some(object) = rest.strip_prefix(':').map(str::trim_start).and_then(|r| r.strip_prefix('{')) else {
            continue;
        };
        if word_before {
            continue;
        }
        let body = &object[..object_end(object)];
        return route_base_in(body).unwrap_or_else(|| "docs".to_string());
    }
    "docs".to_string()
}

/// The `format` of the `markdown: { … }` object of a Docusaurus configuration's text
/// (`mdx`, `md` or `detect`; Docusaurus's default, `mdx`, when none is written): with
/// `mdx` every `.md` page is MDX, with `detect` only `.mdx` pages are, with `md` none.
/// <https://docusaurus.io/docs/api/docusaurus-config#markdown>
pub(crate) fn markdown_format(text: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = text[from..].find("markdown") {
        let at = from + found;
        from = at + "markdown".len();
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[from..].trim_start_matches(['\'', '"']).trim_start();
        let Some(object) = rest.strip_prefix(':').map(str::trim_start).and_then(|r| r.strip_prefix('{')) else {
            continue;
        };
        if word_before {
            continue;
        }
        return quoted_key_in(&object[..object_end(object)], "format");
    }
    None
}

/// Whether a Docusaurus configuration's text sets `trailingSlash: true` (a key of its
/// own, not the end of a longer name). Unset, or `false`, Docusaurus links each page
/// without the slash (`@docusaurus/utils`, `applyTrailingSlash`), and the browser reads
/// a relative link from the page's folder, as from its file's.
pub(crate) fn trailing_slash(text: &str) -> bool {
    text.match_indices("trailingSlash").any(|(at, key)| {
        let word_before = text[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_');
        let rest = text[at + key.len()..].trim_start_matches(['\'', '"']).trim_start();
        let value = rest.strip_prefix(':').map(str::trim_start).unwrap_or("");
        let value_ends = value.get(4..5).is_none_or(|c| !c.chars().all(|c| c.is_alphanumeric() || c == '_'));
        !word_before && value.starts_with("true") && value_ends
    })
}

/// The length of the text of an object literal whose `{` was just passed, up to its
/// closing `}` (nested braces counted; strings are not looked into).
fn object_end(object: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in object.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            _ => {}
        }
    }
    object.len()
}

/// The value of `routeBasePath: '…'` at the top of an object's text.
fn route_base_in(body: &str) -> Option<String> {
    quoted_key_in(body, "routeBasePath").map(|value| value.trim_matches('/').to_string())
}

/// The quoted value of `key: '…'` at the top of an object's text (not in a nested
/// object, list or call; `key` not the end of a longer name).
fn quoted_key_in(body: &str, key: &str) -> Option<String> {
    let mut depth = 0usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            _ if depth == 0
                && body[i..].starts_with(key)
                && !body[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') =>
            {
                let Some(rest) = body[i + key.len()..].trim_start().strip_prefix(':') else { continue };
                let rest = rest.trim_start();
                let quote = rest.chars().next().filter(|q| matches!(q, '\'' | '"' | '`'))?;
                return Some(rest[1..rest[1..].find(quote)? + 1].to_string());
            }
            _ => {}
        }
    }
    None
}

/// A text value of a mapping node, by key.
pub(crate) fn text_of<'a>(entries: &'a [(Located<String>, Located<Node>)], key: &str) -> Option<&'a str> {
    entries.iter().find(|(k, _)| k.value == key).and_then(|(_, v)| match &v.value {
        Node::Text(text) => Some(text.as_str()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docusaurus_leaves_out_files_and_folders_named_with_an_underscore() {
        let docusaurus = OldTool { tool: Tool::Docusaurus, ..OldTool::default() };
        for path in ["sdk/_install.mdx", "_partials/steps.md", "blog/_template/index.md", "_draft.md"] {
            assert!(docusaurus.leaves_out(path), "{path}");
        }
        for path in ["sdk/install.mdx", "runbooks/_index.md", "my_notes/x.md", "a/b_c.md"] {
            assert!(!docusaurus.leaves_out(path), "{path}");
        }
        assert!(!OldTool { tool: Tool::Hugo, ..OldTool::default() }.leaves_out("sdk/_install.md"));
    }

    #[test]
    fn reads_the_docs_route_of_a_docusaurus_configuration() {
        let preset = "presets: [['classic', ({ docs: { sidebarPath: 'x', routeBasePath: '/guide/' }, blog: { routeBasePath: 'news' } })]]";
        assert_eq!(docs_route_base(preset), "guide");
        let default = "presets: [['classic', { docs: { sidebarPath: require.resolve('./s.js') }, blog: { path: './blog', routeBasePath: 'blog' } }]]";
        assert_eq!(docs_route_base(default), "docs");
        let nested = "docs: { versions: { current: { routeBasePath: 'x' } }, routeBasePath: '/' }";
        assert_eq!(docs_route_base(nested), "");
        assert_eq!(docs_route_base("module.exports = {}"), "docs");
        assert_eq!(docs_route_base("docsRouteBasePath: '/x', mydocs: { routeBasePath: 'y' }"), "docs");
    }

    #[test]
    fn reads_the_markdown_format_of_a_docusaurus_configuration() {
        let detect = "const config = { title: 'x', markdown: { mermaid: true, format: 'detect' }, presets: [] }";
        assert_eq!(markdown_format(detect).as_deref(), Some("detect"));
        assert_eq!(markdown_format("markdown: {format: \"md\"}").as_deref(), Some("md"));
        // Docusaurus's default, and a `format` of a nested object or another key.
        assert_eq!(markdown_format("module.exports = { title: 'x' }"), None);
        assert_eq!(markdown_format("markdown: { mdx1Compat: { format: 'md' } }"), None);
        assert_eq!(markdown_format("remarkMarkdown: { format: 'md' }, markdown: { textformat: 'md' }"), None);
    }

    #[test]
    fn reads_trailing_slash_of_a_docusaurus_configuration() {
        assert!(trailing_slash("const config = { url: 'x', trailingSlash: true, presets: [] }"));
        assert!(trailing_slash("module.exports = {\n  'trailingSlash' : true\n}"));
        for text in ["trailingSlash: false", "{ title: 'x' }", "myTrailingSlash: true", "trailingSlash: trueish"] {
            assert!(!trailing_slash(text), "{text}");
        }
        let docusaurus = |trailing_slash| OldTool { tool: Tool::Docusaurus, trailing_slash, ..OldTool::default() };
        assert_eq!(docusaurus(true).relative_links(), RelativeLinks::PageThenFile);
        assert_eq!(docusaurus(false).relative_links(), RelativeLinks::File);
    }
}
