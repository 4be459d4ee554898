//! Reading and resolving `book.toml`: the file read through the one confinement, its
//! tables checked key by key, each problem a diagnostic at its line and column.

use std::path::Path;

use super::*;

impl Config {
    /// Reads and resolves `root/book.toml`. A missing or unreadable file is an
    /// environment failure; anything wrong inside it is a content failure.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config, Failure> {
        let path = root.join(CONFIG_FILE);
        if !root.is_dir() {
            return Err(anyhow::anyhow!("cannot read the handbook root {}: no such folder", root.display()).into());
        }
        // Anything there but a folder is read, and refused by name if it is no regular file.
        if !std::fs::metadata(&path).is_ok_and(|m| !m.is_dir()) {
            return Err(anyhow::anyhow!(
                "no {CONFIG_FILE} in {}: run `opsbook init` to start a handbook, or pass --root",
                root.display()
            )
            .into());
        }
        let confined = crate::fs::confine::Confinement::new(root)
            .ok_or_else(|| anyhow::anyhow!("cannot resolve the handbook root {}", root.display()))?
            .readable(&path)
            .map_err(|why| anyhow::anyhow!("{CONFIG_FILE} is not read: {why}"))?;
        let bytes = crate::fs::read(&confined, crate::fs::FileKind::Config)?;
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
        let (mut problems, notes): (Vec<_>, Vec<_>) =
            raw.book_tables_checked(text).into_iter().partition(Diagnostic::is_error);
        let has_handbook_table = raw.handbook.is_some();
        let handbook = raw.handbook.unwrap_or_default();
        let has_book_table = raw.book.is_some();
        let preprocessors = raw.preprocessor.iter().flat_map(|tables| tables.keys().cloned()).collect();
        let book = raw.book.unwrap_or_default();
        let mut html = raw.output.and_then(|output| output.html).unwrap_or_default();
        let section_labels = !html.no_section_label;
        let book_redirects = book_tables::book_redirects(std::mem::take(&mut html.redirect), text);
        let title = title_of(&handbook.title, &book.title, has_book_table && !has_handbook_table, text, &mut problems);
        let base_url =
            base_url_of(handbook.base_url.as_deref(), html.site_url.as_deref(), overrides, text, &mut problems);
        check_theme(root, &raw.build.theme, text, &mut problems);
        let mut kinds = kinds::resolve_kinds(raw.kinds, text, &mut problems);
        let server = overrides.prometheus.as_deref();
        let status_site = status_site_of(raw.status.as_ref(), root, overrides, text, &mut problems);
        let status =
            raw.status.map(|table| status::resolve_status(table, text, server, overrides.offline, &mut problems));
        kinds.bind_ids("component", &status.as_ref().map(StatusConfig::ids).unwrap_or_default());
        let review = resolve_review(&raw.review, text, &mut problems);
        let content_folder =
            content_dir::resolve_content_dir(&raw.build, has_book_table.then_some(&book), text, &mut problems);
        let url = nonblank(&handbook.repository).or_else(|| nonblank(&html.git_repository_url));
        let repository = Repository::written(url.as_deref(), handbook.branch.as_ref(), &raw.links);
        let sources = sources::resolve_sources(raw.sources, &content_folder, &raw.links, text, &mut problems);
        let peers = peers::resolve_peers(raw.peers, &raw.community, text, &mut problems);
        if overrides.community && peers.list.is_empty() {
            problems.push(whole_file(
                "`--community` builds a site of the handbook's peers, and book.toml names no `[[peers]]`",
            ));
        }
        check_search_page(&raw.search.page, text, &mut problems);
        let plantuml_server = plantuml_server_of(raw.markdown.plantuml_server.as_deref(), text, &mut problems);
        let blog = blog::resolve_blog(raw.blog, text, &mut problems);
        let languages =
            languages::resolve_languages(handbook.languages, handbook.language.as_deref(), text, &mut problems);
        let (output_dir, output_choice) = output_dir::resolve_output_dir(
            root,
            overrides.output_dir.as_ref().filter(|_| !overrides.status_site),
            &raw.build.output_dir,
            text,
            &mut problems,
        );
        // A build of the status site writes its folder, with its own URLs, for everyone.
        let (output_dir, output_choice, base_url, status_site_beside, audience) = match status_site {
            Some(site) => {
                if let (OutputChoice::Config(line, column), true) =
                    (site.choice, status_site::overlap(&site.dir, &output_dir))
                {
                    problems.push(status_site::same_folder(line, column, &output_dir));
                }
                (site.dir, site.choice, site.base_url, Some(output_dir), Audience::Public)
            }
            None => (output_dir, output_choice, base_url, None, overrides.audience.unwrap_or(raw.build.audience)),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title,
            description: if handbook.description.is_empty() {
                book.description.unwrap_or_default()
            } else {
                handbook.description
            },
            language: languages
                .list
                .first()
                .cloned()
                .or(handbook.language)
                .or(book.language)
                .unwrap_or_else(|| "en".into()),
            base_url,
            output_dir,
            output_choice,
            content_folder,
            theme: raw.build.theme,
            drafts: overrides.drafts,
            audience,
            link_severity: if overrides.links_as_errors { Severity::Error } else { raw.check.links.severity() },
            lint: raw.check.lint(),
            removed_urls: raw.check.removed_urls,
            kinds,
            alerts: AlertsConfig {
                infer_from_file_names: raw.alerts.infer_from_file_names,
                require_runbook: raw.alerts.require_runbook.severity(),
            },
            review,
            repository,
            search: raw.search.enabled,
            blog,
            search_page: format!("{}/", raw.search.page.trim_matches('/')),
            heading_ids: raw.markdown.heading_ids,
            diagrams: raw.markdown.diagrams,
            browser_diagrams: raw.markdown.browser_diagrams,
            md_as_mdx: raw.markdown.md_as_mdx,
            plantuml_server,
            number_prefixes: raw.content.number_prefixes,
            status,
            sources,
            peers,
            notes,
            book_table: has_book_table,
            preprocessors,
            section_labels,
            book_redirects,
            status_site_beside,
            community_site: overrides.community,
            languages,
            confined: Default::default(),
            memo: Default::default(),
            fences: None,
            unread_front_as_text: None,
        })
    }
}

/// The handbook's title, `[handbook]`'s or else mdBook's `[book]`'s; missing, an error at
/// the table a reader would add it to (`[book]` when that is the only one).
fn title_of(
    handbook_title: &Option<String>,
    book_title: &Option<String>,
    book_only: bool,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> String {
    nonblank(handbook_title).or_else(|| nonblank(book_title)).unwrap_or_else(|| {
        // mdBook's file names its title in `[book]`, unless it has opsbook's table too.
        let table = if book_only { "book" } else { "handbook" };
        let line = text.lines().position(|l| l.trim() == format!("[{table}]")).map_or(0, |i| i + 1);
        problems.push(
            Diagnostic::error(
                Rule::ConfigField,
                CONFIG_FILE,
                line,
                usize::from(line > 0),
                format!("`[{table}] title` is missing"),
            )
            .with_help(format!("add `title = \"Our Operations Handbook\"` under `[{table}]`")),
        );
        String::new()
    })
}

/// The base URL: the command line's, `[handbook] base-url` or mdBook's `site-url`, or `/`.
fn base_url_of(
    handbook_base_url: Option<&str>,
    site_url: Option<&str>,
    overrides: &Overrides,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> BaseUrl {
    let base_url_key = if handbook_base_url.is_none() && site_url.is_some() { "site-url" } else { "base-url" };
    let base_url_text = overrides.base_url.as_deref().or(handbook_base_url).or(site_url).unwrap_or("/");
    BaseUrl::parse(base_url_text).unwrap_or_else(|message| {
        let (line, column) = locate_key(text, base_url_key);
        problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
        BaseUrl::default()
    })
}

/// `[markdown] plantuml-server`, checked ([`super::check_server_address`]); `""` stays,
/// saying none.
fn plantuml_server_of(written: Option<&str>, text: &str, problems: &mut Vec<Diagnostic>) -> Option<String> {
    let written = written?;
    if written.trim().is_empty() {
        return Some(String::new());
    }
    super::check_server_address(written, "plantuml-server")
        .map_err(|message| {
            let (line, column) = locate_key(text, "plantuml-server");
            problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
        })
        .ok()
}

/// A `[build] theme` that is no folder name, or names no folder under `themes/`, is an error.
fn check_theme(root: &Path, theme: &str, text: &str, problems: &mut Vec<Diagnostic>) {
    if theme.trim().is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        let (line, column) = locate_key(text, "theme");
        problems.push(Diagnostic::error(
            Rule::ConfigField,
            CONFIG_FILE,
            line,
            column,
            format!("`[build] theme` must be a folder name under themes/, found {:?}", theme),
        ));
    } else if theme != "default" && !root.join("themes").join(theme).is_dir() {
        let (line, column) = locate_key(text, "theme");
        problems.push(
            Diagnostic::error(
                Rule::ConfigField,
                CONFIG_FILE,
                line,
                column,
                format!("the theme `{}` does not exist: there is no folder themes/{}/", theme, theme),
            )
            .with_help("name a folder under themes/, or \"default\" for the built-in theme"),
        );
    }
}

/// The status site's folder and URL under `--status-site`, which needs a `[status]` table.
fn status_site_of(
    status: Option<&status::StatusTable>,
    root: &Path,
    overrides: &Overrides,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Option<status_site::StatusSite> {
    match (status, overrides.status_site) {
        (Some(table), true) => {
            Some(status_site::resolve_status_site(table, root, overrides.output_dir.as_ref(), text, problems))
        }
        (None, true) => {
            problems.push(whole_file(
                "`--status-site` builds the status page as a site of its own, and book.toml has no `[status]` table",
            ));
            None
        }
        (_, false) => None,
    }
}

/// An error of `book.toml` as a whole, for a command-line choice it cannot serve.
fn whole_file(message: &str) -> Diagnostic {
    Diagnostic::error(Rule::ConfigField, CONFIG_FILE, 0, 0, message)
}

/// A value written, or `None` when it is missing or blank.
fn nonblank(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}

/// `[search] page` must be a path of slugs.
fn check_search_page(written: &str, text: &str, problems: &mut Vec<Diagnostic>) {
    let page = written.trim_matches('/');
    if page.is_empty()
        || page
            .split('/')
            .any(|segment| segment.is_empty() || segment.starts_with('.') || segment != crate::slug::slugify(segment))
    {
        let (line, column) = locate_key(text, "page");
        problems.push(Diagnostic::error(
            Rule::ConfigField,
            CONFIG_FILE,
            line,
            column,
            format!("`[search] page` must be a path of lower-case words, such as \"find\", found {:?}", written),
        ));
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

fn resolve_review(table: &ReviewTable, text: &str, problems: &mut Vec<Diagnostic>) -> ReviewConfig {
    let mut period = |key: &str, value: &Option<String>| {
        let value = value.as_deref()?;
        Period::parse(value)
            .map_err(|e| {
                let (line, column) = locate_key(text, key);
                problems.push(Diagnostic::error(
                    Rule::ConfigField,
                    CONFIG_FILE,
                    line,
                    column,
                    format!("`[review] {key}` must be {}, found {value:?}", e.expected()),
                ));
            })
            .ok()
    };
    ReviewConfig {
        every: period("every", &table.every),
        due_soon: period("due-soon", &table.due_soon).unwrap_or(Period::Days(30)),
    }
}

/// The line of a table header `[name]` in a TOML text (column 1), or (0, 0).
pub fn locate_table(text: &str, name: &str) -> (usize, usize) {
    let normal = |s: &str| s.chars().filter(|c| !matches!(c, ' ' | '"' | '\'')).collect::<String>();
    let header = normal(&format!("[{name}]"));
    text.lines().position(|l| normal(l) == header).map_or((0, 0), |i| (i + 1, 1))
}

/// The line and column of `key = ...` in a TOML text, for errors found after parsing.
pub fn locate_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, line)| {
            let trimmed = line.trim_start();
            let rest = trimmed.strip_prefix(key)?;
            rest.trim_start().starts_with('=').then(|| (i + 1, line.len() - trimmed.len() + 1))
        })
        .unwrap_or((0, 0))
}
