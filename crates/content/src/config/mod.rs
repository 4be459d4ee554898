//! `book.toml` -> [`Config`]: the typed site configuration, first step of the pipeline.
//!
//! One serde struct per table, with `deny_unknown_fields` so a misspelt key is an error
//! that names the key and its line. The raw tables are then resolved into a [`Config`]
//! holding absolute paths and the parsed base URL, with the command line's overrides
//! applied.

use std::path::{Path, PathBuf};

use serde::Deserialize;

mod base_url;
mod blog;
mod book_tables;
mod checks;
mod confined;
mod content_dir;
mod diagram_server;
mod fences;
mod kinds;
mod languages;
mod lint;
mod memo;
mod output_dir;
mod parse;
mod peers;
mod sources;
mod status;
mod status_site;

pub use base_url::{BaseUrl, STATUS_FOLDER};
pub use blog::BlogConfig;
pub use blog::paginate_path_problem;
pub use book_tables::BookRedirect;
pub use checks::{Check, Threshold};
pub use content_dir::DEFAULT_CONTENT_DIR;
pub use diagram_server::check_server_address;
pub use fences::Fences;
pub use kinds::{
    CatalogLayout, Constraint, FieldSpec, FieldType, INCIDENT_STATUSES, Ids, Kind, Kinds, Panel, RecordSpec,
    Vocabulary, rca_state, rca_status_class, severity_class, severity_level,
};
pub use languages::{Languages, Translated, is_language_code};
pub use lint::{LintConfig, RuleLevel};
pub use memo::Memo;
pub use output_dir::OutputChoice;
pub use parse::{locate_key, locate_table};
pub use peers::{PeerConfig, PeersConfig};
pub use sources::{Source, Sources, free_mount, mountable};
/// The names the status page makes of a component id, checked where the id is read.
pub use status::file_names as component_file_names;
pub use status::{Component as StatusComponent, DEFAULT_STALE_AFTER_SECONDS, StatusConfig};

use crate::dates::Period;
use crate::diagnostic::{Diagnostic, Failure, Rule, Severity, line_column};
use crate::slug::HeadingIdStyle;

/// The name of the configuration file at the handbook root.
pub const CONFIG_FILE: &str = "book.toml";

/// The folders of a handbook that a build reads besides the pages: the theme's templates
/// and static files (the site's own and an installed theme's). Like the content folder,
/// the output folder may be none of them, and the dev server watches them.
pub const THEME_FOLDERS: [&str; 3] = ["static", "templates", "themes"];

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    handbook: Option<HandbookTable>,
    build: BuildTable,
    content: ContentTable,
    check: CheckTable,
    review: ReviewTable,
    search: SearchTable,
    blog: blog::BlogTable,
    alerts: AlertsTable,
    kinds: std::collections::BTreeMap<String, kinds::KindTable>,
    links: LinksTable,
    markdown: MarkdownTable,
    status: Option<status::StatusTable>,
    /// `[[sources]]`: folders of other repositories mounted into the content tree.
    sources: Vec<sources::SourceTable>,
    /// `[[peers]]`: the handbooks of the community this one links to and watches.
    peers: Vec<peers::PeerTable>,
    /// `[community]`: how the peers are read.
    community: peers::CommunityTable,
    /// mdBook's `[book]`: the file is mdBook's (see [`book_tables`]).
    book: Option<book_tables::BookTable>,
    /// mdBook's `[output.*]`.
    output: Option<book_tables::OutputTables>,
    /// mdBook's `[preprocessor.*]`; ignored.
    preprocessor: Option<std::collections::BTreeMap<String, toml::Value>>,
    /// mdBook's `[rust]`; ignored.
    rust: Option<toml::Value>,
}

impl RawConfig {
    /// What mdBook's tables say, checked: errors for what opsbook cannot serve, notes
    /// for what it leaves out.
    fn book_tables_checked(&self, text: &str) -> Vec<Diagnostic> {
        let tables = book_tables::BookTables {
            book: self.book.as_ref(),
            output: self.output.as_ref(),
            preprocessor: self.preprocessor.as_ref(),
            rust: self.rust.as_ref(),
            build: &self.build,
        };
        tables.check(text)
    }
}

/// `[markdown]`: how Markdown is turned into HTML.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct MarkdownTable {
    /// The rule that makes heading ids: `opsbook`, `github`, `hugo`, `docusaurus`,
    /// `python-markdown` or `python-markdown-unicode`, so that deep links written for
    /// the tool a handbook comes from keep working; unset: the old tool's default
    /// (`python-markdown` for MkDocs), else `opsbook`.
    heading_ids: Option<HeadingIdStyle>,
    /// Whether ```` ```mermaid ```` blocks are drawn as SVG diagrams (else shown as code).
    diagrams: bool,
    /// Whether a diagram the build cannot draw is drawn by the reader's browser, with
    /// the Mermaid script opsbook writes beside the pages (else shown as its source).
    browser_diagrams: bool,
    /// Whether `.md` pages are MDX as `.mdx` pages are; unset: as the old tool read them.
    md_as_mdx: Option<bool>,
    /// The PlantUML server whose images show PlantUML diagrams (`https://…/svg/`, the
    /// encoded diagram appended); `""`: none, even where the old tool's setting names
    /// one; unset: the old tool's.
    plantuml_server: Option<String>,
}

impl Default for MarkdownTable {
    fn default() -> Self {
        MarkdownTable {
            heading_ids: None,
            diagrams: true,
            browser_diagrams: true,
            md_as_mdx: None,
            plantuml_server: None,
        }
    }
}

/// `[handbook]`: what the handbook is called and where it is published.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct HandbookTable {
    /// The handbook's title, shown in every page's header. Required.
    title: Option<String>,
    /// One sentence about the handbook, for the home page and search engines.
    description: String,
    /// Where the site is published; a path part (`/handbook/`) is honoured in every link.
    base_url: Option<String>,
    /// The language of the pages, as a BCP 47 tag.
    language: Option<String>,
    /// The languages the handbook is published in, the default first ([`languages`]).
    languages: Option<Vec<String>>,
    /// The repository the handbook's sources live in; enables edit, source, history and
    /// new-issue links.
    repository: Option<String>,
    /// The branch those links point to.
    branch: Option<String>,
}

/// `[build]`: where the pages are, where the output goes and which theme renders it.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildTable {
    /// The output folder, relative to the root.
    output_dir: String,
    /// The folder of the pages, relative to the root and inside it: `content` unless
    /// set (or mdBook's `[book] src`, `src` unless set, in an mdBook book.toml).
    content_dir: Option<String>,
    /// The theme: `default` (built in) or a folder under `themes/`.
    theme: String,
    /// Who the site is built for: `public` leaves internal pages and blocks out.
    audience: Audience,
    /// mdBook's output folder: accepted beside `[book]`, not read ([`book_tables`]).
    pub build_dir: Option<toml::Value>,
    /// mdBook's; accepted beside `[book]`, not read.
    pub create_missing: Option<toml::Value>,
    /// mdBook's; accepted beside `[book]`, not read.
    pub use_default_preprocessors: Option<toml::Value>,
    /// mdBook's; accepted beside `[book]`, not read.
    pub extra_watch_dirs: Option<toml::Value>,
}

impl Default for BuildTable {
    fn default() -> Self {
        BuildTable {
            output_dir: "public".into(),
            content_dir: None,
            theme: "default".into(),
            audience: Audience::Public,
            build_dir: None,
            create_missing: None,
            use_default_preprocessors: None,
            extra_watch_dirs: None,
        }
    }
}

/// Who a build is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// Everyone: pages and blocks marked internal are left out of every output.
    #[default]
    Public,
    /// The organisation: everything, with internal pages and blocks marked as such.
    Internal,
}

impl Audience {
    /// `public` or `internal`.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Internal => "internal",
        }
    }
}

/// `[content]`: how the files under `content/` are read.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct ContentTable {
    /// Whether number prefixes of file and folder names (`01-intro.md`) are stripped
    /// from URLs and order the navigation: `auto` (only in a Docusaurus site), `strip`
    /// or `keep`.
    number_prefixes: NumberPrefixes,
}

/// What to do with number prefixes of file and folder names (`01-intro.md`, `02-guides/`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberPrefixes {
    /// Strip them when the handbook is a Docusaurus site (see `content::prefix`).
    #[default]
    Auto,
    /// Always strip them: `01-intro.md` is `/intro/`, ordered by its number.
    Strip,
    /// Never: the number is part of the name.
    Keep,
}

/// `[check]`: how strict the link checks and the lints of `opsbook check` are.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct CheckTable {
    /// Whether broken internal links fail the build (`error`) or only warn (`warn`).
    links: LinkLevel,
    /// The level of the CODEOWNERS lint's rules (`codeowners-*`).
    codeowners: RuleLevel,
    /// Whether every page must have an owner (`page-without-owner`, an error).
    require_owners: bool,
    /// The largest image of the content folder, in KiB, before `image-too-large`; 0 for
    /// no limit.
    max_image_kb: u64,
    /// The level of `image-too-large`.
    large_images: RuleLevel,
    /// The level of `unused-asset`.
    unused_assets: RuleLevel,
    /// Page URLs removed on purpose: `check --baseline` does not ask for a redirect from them.
    removed_urls: Vec<String>,
}

impl Default for CheckTable {
    fn default() -> Self {
        CheckTable {
            links: LinkLevel::Error,
            codeowners: RuleLevel::Warn,
            require_owners: false,
            max_image_kb: lint::DEFAULT_MAX_IMAGE_KB,
            large_images: RuleLevel::Warn,
            unused_assets: RuleLevel::Note,
            removed_urls: Vec::new(),
        }
    }
}

impl CheckTable {
    /// The lints' settings.
    fn lint(&self) -> LintConfig {
        LintConfig {
            codeowners: self.codeowners.severity(),
            require_owners: self.require_owners.then_some(Severity::Error),
            max_image_bytes: self.max_image_kb.saturating_mul(1024),
            large_images: self.large_images.severity(),
            unused_assets: self.unused_assets.severity(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LinkLevel {
    Error,
    Warn,
}

impl LinkLevel {
    /// The severity of a finding at this level.
    fn severity(self) -> Severity {
        match self {
            LinkLevel::Error => Severity::Error,
            LinkLevel::Warn => Severity::Warning,
        }
    }
}

/// `[alerts]`: how runbooks map to the alerts that page people.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct AlertsTable {
    /// Whether a page named like an alert (`KubePodCrashLooping.md`) answers that alert
    /// wherever it is, not only in a section of runbooks.
    infer_from_file_names: bool,
    /// How `opsbook check --rules` reports an alert that has no runbook.
    require_runbook: LinkLevel,
}

impl Default for AlertsTable {
    fn default() -> Self {
        AlertsTable { infer_from_file_names: false, require_runbook: LinkLevel::Warn }
    }
}

/// The `[alerts]` settings, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertsConfig {
    /// Pages named like an alert answer it wherever they are.
    pub infer_from_file_names: bool,
    /// The severity of `alert-without-runbook`.
    pub require_runbook: Severity,
}

/// `[search]`: the search index and the search box.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct SearchTable {
    /// Whether to build the index and show the search box.
    enabled: bool,
    /// The path of the search page, `search` unless a section of the handbook needs it.
    page: String,
}

impl Default for SearchTable {
    fn default() -> Self {
        SearchTable { enabled: true, page: "search".into() }
    }
}

/// `[review]`: how long reviews keep pages fresh.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct ReviewTable {
    /// The review period of every page whose kind has none.
    every: Option<String>,
    /// How long before its due date a review counts as due soon.
    due_soon: Option<String>,
}

/// `[links]`: URL templates for the repository links, when the repository is neither on
/// GitHub nor on GitLab, or to change them.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinksTable {
    /// Edit this page.
    pub edit: Option<String>,
    /// View its source.
    pub source: Option<String>,
    /// Its history.
    pub history: Option<String>,
    /// Open an issue about it.
    pub issue: Option<String>,
    /// One commit.
    pub commit: Option<String>,
}

/// Review settings, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewConfig {
    /// The review period of pages whose kind has none.
    pub every: Option<Period>,
    /// How long before its due date a review counts as due soon.
    pub due_soon: Period,
}

/// The repository the handbook's sources live in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// Its web address, without a trailing `/`.
    pub url: String,
    /// The branch links point to.
    pub branch: String,
    /// URL templates overriding the ones for GitHub or GitLab.
    pub links: LinksTable,
}

impl Repository {
    /// The repository at `url` as written (blank is none), without a trailing `/` or
    /// `.git`; its branch `main` unless given.
    pub fn written(url: Option<&str>, branch: Option<&String>, links: &LinksTable) -> Option<Repository> {
        let url = url.map(str::trim).filter(|url| !url.is_empty())?;
        Some(Repository {
            url: url.trim_end_matches('/').trim_end_matches(".git").to_string(),
            branch: branch.cloned().unwrap_or_else(|| "main".into()),
            links: links.clone(),
        })
    }
}

/// Settings given on the command line, which win over `book.toml`.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    /// `--out`: the output folder, relative to the current folder.
    pub output_dir: Option<PathBuf>,
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--drafts`: include pages marked `draft: true`.
    pub drafts: bool,
    /// `--audience`.
    pub audience: Option<Audience>,
    /// `--no-cache`: a build into an output folder neither reads nor writes the cache
    /// kept beside it (`pipeline::cache`).
    pub no_cache: bool,
    /// `--cache-dir` (or `OPSBOOK_CACHE_DIR`): the folder that holds the build cache,
    /// instead of beside the output folder (`pipeline::cache`), e.g. one CI keeps.
    pub cache_dir: Option<PathBuf>,
    /// `--force`: a build may replace what an output folder holds even when no earlier
    /// build wrote it (never what is below a `.git` folder; `pipeline::claim`).
    pub force: bool,
    /// `OPSBOOK_PROMETHEUS_URL`: the Prometheus API server of the status page's checks,
    /// instead of `[status] prometheus`.
    pub prometheus: Option<String>,
    /// `--offline`: the status page's checks are not measured; the build uses the
    /// `status/health.json` of the last build in its output folder (`crate::status::health`).
    pub offline: bool,
    /// `check --baseline`: what `[check] links` makes a warning is an error, so a new
    /// broken link fails the check even where the handbook sets `links = "warn"`
    /// (`crate::check::baseline`: existing ones fail nothing).
    pub links_as_errors: bool,
    /// `build --status-site`: the build writes the status site (`[status] site-dir`, or
    /// `--out`) rather than the handbook (`pipeline::status_site`).
    pub status_site: bool,
    /// `build --community`: the build writes the community of `[[peers]]` alone, without
    /// the handbook's pages ([`Config::community_site`]).
    pub community: bool,
}

/// The resolved configuration of one handbook.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `book.toml`.
    pub root: PathBuf,
    /// The handbook's title.
    pub title: String,
    /// One sentence about the handbook.
    pub description: String,
    /// The language of the pages (`en` unless set).
    pub language: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// The output folder (absolute).
    pub output_dir: PathBuf,
    /// Where the output folder was chosen: errors about a folder `book.toml` named are
    /// located at its key.
    pub output_choice: OutputChoice,
    /// The folder of the pages, relative to the root, `/`-separated, without a trailing
    /// `/`: `content` unless `[build] content-dir` or mdBook's `[book] src` says otherwise.
    pub content_folder: String,
    /// The theme's name.
    pub theme: String,
    /// Whether draft pages are built.
    pub drafts: bool,
    /// Who the site is built for.
    pub audience: Audience,
    /// The severity of broken internal links.
    pub link_severity: Severity,
    /// The lints of `opsbook check` (`[check]`): CODEOWNERS, owners, assets.
    pub lint: LintConfig,
    /// Page URLs removed on purpose (`[check] removed-urls`), as written.
    pub removed_urls: Vec<String>,
    /// The page kinds, built-in and declared.
    pub kinds: Kinds,
    /// How runbooks map to alerts (`[alerts]`).
    pub alerts: AlertsConfig,
    /// Review settings.
    pub review: ReviewConfig,
    /// The repository, when `repository` is set.
    pub repository: Option<Repository>,
    /// Whether the search index is built and the search box shown.
    pub search: bool,
    /// `[blog]`: the posts' URLs and the blogs' pages.
    pub blog: BlogConfig,
    /// The site path of the search page (`search/`).
    pub search_page: String,
    /// The rule that makes heading ids (`[markdown] heading-ids`), when written; the
    /// rule the build uses is the old tool's ([`crate::compat::OldTool`]).
    pub heading_ids: Option<HeadingIdStyle>,
    /// Whether Mermaid blocks are drawn as diagrams (`[markdown] diagrams`).
    pub diagrams: bool,
    /// Whether the reader's browser draws the diagrams the build cannot
    /// (`[markdown] browser-diagrams`).
    pub browser_diagrams: bool,
    /// Whether `.md` pages are MDX (`[markdown] md-as-mdx`); `None`: as the old tool
    /// read them ([`crate::compat::OldTool::md_as_mdx`]).
    pub md_as_mdx: Option<bool>,
    /// `[markdown] plantuml-server`, checked: `Some("")` says none, `None` leaves it to
    /// the old tool's setting ([`crate::compat::OldTool`]).
    pub plantuml_server: Option<String>,
    /// `[content] number-prefixes`.
    pub number_prefixes: NumberPrefixes,
    /// The status page's components (`[status]`); no status page without it.
    pub status: Option<StatusConfig>,
    /// The folders mounted into the content tree (`[[sources]]`).
    pub sources: Sources,
    /// The other handbooks of the community (`[[peers]]`, `[community]`).
    pub peers: PeersConfig,
    /// Notes about book.toml (mdBook's tables left unread), which a build reports.
    pub notes: Vec<Diagnostic>,
    /// Whether `book.toml` is mdBook's (it has `[book]`): the handbook is an mdBook
    /// book, whose URLs and links follow mdBook's rules (`compat::old_tool`).
    pub book_table: bool,
    /// The names of book.toml's `[preprocessor.*]` tables, in order.
    pub preprocessors: Vec<String>,
    /// Whether the sidebar shows the numbers a navigation file gives its entries
    /// (mdBook's `1.2.`): true unless `[output.html] no-section-label = true`.
    pub section_labels: bool,
    /// mdBook's `[output.html.redirect]`, as written.
    pub book_redirects: Vec<book_tables::BookRedirect>,
    /// For a build of the status site (`build --status-site`): the handbook's own output
    /// folder, which the status site's may be neither in nor around
    /// (`pipeline::claim`); `None` for any other build.
    pub status_site_beside: Option<PathBuf>,
    /// `build --community`: the site is the community alone. No page is read from the
    /// content folder (which may be missing), and the home page leads to `/community/`.
    pub community_site: bool,
    /// `[handbook] languages`, and the pages of the languages other than the default
    /// (filled after the walk, `content::languages`).
    pub languages: Languages,
    /// The one confinement of the handbook, made on first use ([`Config::confinement`]).
    pub confined: std::sync::Arc<std::sync::OnceLock<Option<crate::fs::confine::Confinement>>>,
    /// What the build reads and derives once from files beside book.toml ([`Memo`]).
    pub memo: Memo,
    /// Where a front matter block ends, when the compatibility layer read the old tool's
    /// rule before the walk; else [`Fences::of`] decides.
    pub fences: Option<Fences>,
    /// The old tool that keeps front matter it cannot read as a mapping as the page's
    /// text, when the compatibility layer found one before the walk; `None`: such a
    /// block is dropped (see `content::page`).
    pub unread_front_as_text: Option<&'static str>,
}

impl Config {
    /// Whether the handbook is moving from another tool: `[check] links = "warn"`, the
    /// setting the migration guide gives. What the old tool published all the same is
    /// then a warning or a note rather than an error: a broken link, a missing include, a
    /// redirect to a page that is gone, front matter it could not read, a file not in
    /// UTF-8, a `template` of the old tool's.
    pub fn migrating(&self) -> bool {
        self.link_severity == Severity::Warning
    }

    /// The folder of the pages (absolute).
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.content_folder)
    }

    /// Where the file of a content path is (a mounted source's, or the content
    /// folder's): its absolute path, and its path from the root for diagnostics.
    /// The page of another language reads its translation's file, or the original's.
    pub fn locate(&self, path: &str) -> (PathBuf, String) {
        let path = self.languages.files.get(path).map_or(path, |translated| translated.file.as_str());
        self.sources.locate(&self.root, &self.content_folder, path)
    }

    /// The content path of the file at `path` (absolute), in the content folder or a
    /// mounted one; `None` for any other file.
    pub fn content_path(&self, path: &Path) -> Option<String> {
        let shown = crate::fs::slash_path(path.strip_prefix(&self.root).ok()?);
        self.sources.content_path(&self.content_folder, &shown)
    }

    /// The content folder as it starts the root-relative paths of its files in
    /// diagnostics and links: `content/`, `src/`.
    pub fn content_prefix(&self) -> String {
        format!("{}/", self.content_folder)
    }
}

#[cfg(test)]
mod tests;
