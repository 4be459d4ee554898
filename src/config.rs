//! `book.toml` -> [`Config`]: the typed site configuration, first step of the pipeline.
//!
//! One serde struct per table, with `deny_unknown_fields` so a misspelt key is an error
//! that names the key and its line. The raw tables are then resolved into a [`Config`]
//! holding absolute paths and the parsed base URL, with the command line's overrides
//! applied.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Failure, Rule, Severity, line_column};

/// The name of the configuration file at the handbook root.
pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    handbook: Option<HandbookTable>,
    build: BuildTable,
    check: CheckTable,
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
}

/// `[build]`: where the output goes and which theme renders it.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct BuildTable {
    /// The output folder, relative to the root.
    output_dir: String,
    /// The theme: `default` (built in) or a folder under `themes/`.
    theme: String,
}

impl Default for BuildTable {
    fn default() -> Self {
        BuildTable { output_dir: "public".into(), theme: "default".into() }
    }
}

/// `[check]`: how strict the link checks are.
#[derive(Debug, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct CheckTable {
    /// Whether broken internal links fail the build (`error`) or only warn (`warn`).
    links: LinkLevel,
}

impl Default for CheckTable {
    fn default() -> Self {
        CheckTable { links: LinkLevel::Error }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum LinkLevel {
    Error,
    Warn,
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
    /// The theme's name.
    pub theme: String,
    /// Whether draft pages are built.
    pub drafts: bool,
    /// The severity of broken internal links.
    pub link_severity: Severity,
}

impl Config {
    /// Reads and resolves `root/book.toml`. A missing or unreadable file is an
    /// environment failure; anything wrong inside it is a content failure.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Failure> {
        let path = root.join(CONFIG_FILE);
        if !root.is_dir() {
            return Err(anyhow::anyhow!("cannot read the handbook root {}: no such folder", root.display()).into());
        }
        if !path.is_file() {
            return Err(anyhow::anyhow!(
                "no {CONFIG_FILE} in {}: run `opsbook init` to start a handbook, or pass --root",
                root.display()
            )
            .into());
        }
        let bytes = crate::fs::read(&path)?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let (line, column) = line_column(&String::from_utf8_lossy(e.as_bytes()), e.utf8_error().valid_up_to());
                return Err(Failure::Content(vec![Diagnostic::error(
                    Rule::InvalidUtf8,
                    CONFIG_FILE,
                    line,
                    column,
                    "book.toml is not valid UTF-8",
                )]));
            }
        };
        Config::parse(root, &text, overrides).map_err(Failure::Content)
    }

    /// Parses and resolves the text of a `book.toml`.
    pub fn parse(root: &Path, text: &str, overrides: &Overrides) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_diagnostic(text, &e)])?;
        let handbook = raw.handbook.unwrap_or_default();
        let mut problems = Vec::new();
        let title = handbook.title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| {
            let line = text.lines().position(|l| l.trim() == "[handbook]").map_or(0, |i| i + 1);
            problems.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    CONFIG_FILE,
                    line,
                    usize::from(line > 0),
                    "`[handbook] title` is missing",
                )
                .with_help("add `title = \"Our Operations Handbook\"` under `[handbook]`"),
            );
            String::new()
        });
        let base_url_text = overrides.base_url.as_deref().or(handbook.base_url.as_deref()).unwrap_or("/");
        let base_url = BaseUrl::parse(base_url_text).unwrap_or_else(|message| {
            let (line, column) = locate_key(text, "base-url");
            problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
            BaseUrl::default()
        });
        if raw.build.theme.trim().is_empty()
            || raw.build.theme.contains(['/', '\\'])
            || raw.build.theme.starts_with('.')
        {
            let (line, column) = locate_key(text, "theme");
            problems.push(Diagnostic::error(
                Rule::ConfigField,
                CONFIG_FILE,
                line,
                column,
                format!("`[build] theme` must be a folder name under themes/, found {:?}", raw.build.theme),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let output_dir = match &overrides.output_dir {
            Some(dir) => std::path::absolute(dir).unwrap_or_else(|_| dir.clone()),
            None => root.join(&raw.build.output_dir),
        };
        Ok(Config {
            root: root.to_path_buf(),
            title,
            description: handbook.description,
            language: handbook.language.unwrap_or_else(|| "en".into()),
            base_url,
            output_dir,
            theme: raw.build.theme,
            drafts: overrides.drafts,
            link_severity: match raw.check.links {
                LinkLevel::Error => Severity::Error,
                LinkLevel::Warn => Severity::Warning,
            },
        })
    }

    /// The folder of the pages.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Where the site is published: an optional origin (`https://ops.example.org`) and the
/// path every URL starts with (`/handbook/`, or `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    path: String,
}

impl Default for BaseUrl {
    fn default() -> Self {
        BaseUrl { origin: String::new(), path: "/".into() }
    }
}

impl BaseUrl {
    /// Parses `https://host/path/`, `https://host` or a bare `/path/`.
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        let (origin, path) = if let Some(rest) = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))
        {
            let scheme_len = text.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("`base-url` {text:?} has no host"));
            }
            (text[..scheme_len + host_end].to_string(), &rest[host_end..])
        } else if text.starts_with('/') {
            (String::new(), text)
        } else {
            return Err(format!("`base-url` must start with https://, http:// or /, found {text:?}"));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!("`base-url` must not contain a query, fragment or space, found {text:?}"));
        }
        let mut path = path.trim_end_matches('/').to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin, path })
    }

    /// The path every URL of the site starts with, e.g. `/handbook/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the base URL names a host, so absolute URLs (sitemap, feed) can be made.
    pub fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The link to a site path (`runbooks/x/` or `/runbooks/x/`), with the base path.
    pub fn href(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// The absolute URL of a site path, when the base URL has a host.
    pub fn absolute(&self, site_path: &str) -> Option<String> {
        self.has_origin().then(|| format!("{}{}", self.origin, self.href(site_path)))
    }

    /// The same base URL with its origin replaced, as `serve` does for the local address.
    pub fn with_origin(&self, origin: &str) -> BaseUrl {
        BaseUrl { origin: origin.trim_end_matches('/').to_string(), path: self.path.clone() }
    }
}

/// A diagnostic for a TOML error in `book.toml`, at the key or value it concerns.
fn toml_diagnostic(text: &str, error: &toml::de::Error) -> Diagnostic {
    let (line, column) = error.span().map_or((0, 0), |span| line_column(text, span.start));
    let message = error.message().trim().to_string();
    let rule = if message.starts_with("unknown field") { Rule::UnknownConfigKey } else { Rule::ConfigSyntax };
    let message = match rule {
        Rule::UnknownConfigKey => {
            let key = message.split('`').nth(1).unwrap_or("?");
            let expected = message.split_once(", expected").map(|(_, rest)| rest.trim().to_string());
            let mut m = format!("unknown key `{key}` in book.toml");
            if let Some(expected) = expected {
                m.push_str(&format!(" (expected {expected})"));
            }
            m
        }
        _ => format!("book.toml: {message}"),
    };
    Diagnostic::error(rule, CONFIG_FILE, line, column, message)
}

/// The line and column of `key = ...` in a TOML text, for errors found after parsing.
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start().starts_with('=').then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .unwrap_or((0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("/site"), text, &Overrides::default())
    }

    #[test]
    fn reads_a_full_config() {
        let config = parse(
            "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://x.org/handbook\"\n[build]\noutput-dir = \"out\"\n[check]\nlinks = \"warn\"\n",
        )
        .unwrap();
        assert_eq!(config.title, "Ops");
        assert_eq!(config.base_url.path(), "/handbook/");
        assert_eq!(config.base_url.absolute("runbooks/a/").as_deref(), Some("https://x.org/handbook/runbooks/a/"));
        assert_eq!(config.output_dir, Path::new("/site/out"));
        assert_eq!(config.link_severity, Severity::Warning);
    }

    #[test]
    fn rejects_unknown_key_with_its_line() {
        let errors = parse("[handbook]\ntitle = \"Ops\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(errors[0].rule, Rule::UnknownConfigKey);
        assert_eq!((errors[0].line, errors[0].column), (3, 1));
        assert!(errors[0].message.contains("`colour`"), "{}", errors[0].message);
    }

    #[test]
    fn rejects_missing_title() {
        let errors = parse("[handbook]\ndescription = \"x\"\n").unwrap_err();
        assert_eq!(errors[0].rule, Rule::ConfigField);
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].message.contains("title"));
    }

    #[test]
    fn parses_base_urls() {
        assert_eq!(BaseUrl::parse("/").unwrap().path(), "/");
        assert_eq!(BaseUrl::parse("/docs").unwrap().href("a/"), "/docs/a/");
        assert_eq!(BaseUrl::parse("https://x.org").unwrap().absolute("").as_deref(), Some("https://x.org/"));
        assert!(BaseUrl::parse("x.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
    }
}
