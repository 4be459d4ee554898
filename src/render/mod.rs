//! Rendering pages through the Tera theme: template loading with the site > theme >
//! built-in lookup ([`theme`]), the views templates see ([`views`]), and the template
//! chosen for each page (front matter `template`, else `index.html` for the home page,
//! `section.html` for sections, the template of its row of
//! [`crate::site::generated::GENERATED_PAGES`] for the pages opsbook generates, and
//! `page.html` for the rest). Each render has a budget of loop items
//! ([`crate::markdown::tera_budget`]).

mod alert_page;
mod fingerprint;
pub(crate) mod images;
pub(crate) mod minify;
pub(crate) mod nav;
mod page_key;
mod status_site;
pub(crate) mod theme;
pub(crate) mod vendor;
pub(crate) mod views;

use std::collections::BTreeMap;

use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostic::{Diagnostic, Rule, TemplatePlace};
use crate::site::{PageId, Site};
pub(crate) use alert_page::ALERT_TEMPLATE;
pub(crate) use nav::{NavCache, branch_json};
pub(crate) use status_site::StatusSitePage;
pub(crate) use theme::{Origin, SEARCH_LATER, SEARCH_PARTS, ThemeFiles};
pub(crate) use views::Bodies;
use views::{IndexView, PageContext, PageView, SiteView};

/// A loaded theme, ready to render pages of one site.
pub struct Renderer {
    tera: Tera,
    origins: BTreeMap<String, Origin>,
    sources: BTreeMap<String, String>,
    /// Whether a template reads `nav` (or dumps the whole context): when none does, a
    /// page's context holds only `nav_html`, and its entries are never made.
    reads_nav: bool,
    /// How many bytes a page's templates write besides its content, title and
    /// navigation, at most, so far: the output buffer is sized from it, and the
    /// document is written without growing it.
    template_bytes: AtomicUsize,
    /// The theme's words (`t`) of each language of the handbook
    /// ([`crate::site::strings`]).
    words: BTreeMap<String, Value>,
    /// The words of the default language (of the one language), for what is not a page
    /// of a language (the 404 page, the status site).
    default_words: Option<Value>,
    /// In a handbook of several languages, `site` as each language but the default sees
    /// it: over the global one in its pages' contexts.
    site_views: BTreeMap<String, Value>,
    /// In a handbook of several languages, the words of each language the scripts write.
    script_words: BTreeMap<String, ScriptWords>,
    /// The hash of what every page's render shares ([`fingerprint::identity`]).
    identity: u128,
    /// The links and ids of the lines the templates wrote, for the link check.
    pub(crate) template_lines: crate::html_pass::LineMemo,
}

/// A page's template context, made and not yet rendered ([`Renderer::prepare_page`]).
pub(crate) struct PreparedPage {
    /// The template that renders it.
    template: String,
    /// Its context.
    context: Context,
    /// Its `nav_html`.
    nav_html: String,
    /// The bytes of the parts opsbook made (content, title, navigation).
    known: usize,
    /// Its language's code, if the handbook has languages.
    code: Option<String>,
}

impl PreparedPage {
    /// Its `nav_html`.
    pub(crate) fn nav_html(&self) -> &str {
        &self.nav_html
    }
}

/// How many bytes a page's templates write besides the parts opsbook knows, before the
/// first page tells (the built-in theme writes 6 to 12 KiB).
const TEMPLATE_BYTES: usize = 16 * 1024;

/// The most a buffer is sized for besides the known parts: a page that lists thousands
/// of others (a tag's, a catalog) grows its own buffer rather than every later page
/// reserving as much.
const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

impl Renderer {
    /// Parses every template of `theme`. Template errors are diagnostics at the
    /// template's file, line and column.
    pub fn new(site: &Site, theme: &ThemeFiles) -> Result<Renderer, Vec<Diagnostic>> {
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for (name, origin) in &theme.templates {
            match origin.read() {
                Ok(bytes) => match String::from_utf8(bytes.into_owned()) {
                    Ok(text) => sources.push((name.clone(), text)),
                    Err(_) => problems.push(Diagnostic::error(
                        Rule::InvalidUtf8,
                        origin.shown(name),
                        0,
                        0,
                        "the template is not valid UTF-8",
                    )),
                },
                Err(e) => {
                    problems.push(Diagnostic::error(Rule::UnreadableFile, origin.shown(name), 0, 0, format!("{e:#}")))
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(crate::html::write_escaped);
        register_filters(&mut tera);
        crate::markdown::tera_budget::register(&mut tera);
        let origins = theme.templates.clone();
        let texts: BTreeMap<String, String> = sources.iter().cloned().collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_diagnostic(&origins, &e, "")]);
        }
        let global_site = Value::from_serializable(&SiteView::of(site, None));
        tera.global_context().insert_value("site", global_site.clone());
        // The other languages' pages see their language's indexes.
        let site_views = site
            .config
            .languages
            .others()
            .iter()
            .map(|code| (code.clone(), Value::from_serializable(&SiteView::of(site, Some(code)))))
            .collect();
        let reads_nav = texts.values().any(|source| template_reads_nav(source));
        let (words, script_words) = words_of(site);
        let default = site.config.languages.default_language();
        let default_words = default.and_then(|code| words.get(code)).or_else(|| words.values().next()).cloned();
        let identity = identity_of(&global_site, &texts, (&words, &site_views, &script_words), reads_nav);
        Ok(Renderer {
            tera,
            origins,
            sources: texts,
            reads_nav,
            template_bytes: AtomicUsize::new(TEMPLATE_BYTES),
            words,
            script_words,
            default_words,
            site_views,
            identity,
            template_lines: crate::html_pass::LineMemo::default(),
        })
    }

    /// The template that renders page `id`: the one its `template` names, when it is a
    /// page's template ([`Renderer::is_page_template`]); else the one of its place. A
    /// name that is none is an error, but in a handbook that moves
    /// ([`crate::config::Config::migrating`]), whose `template` names the old tool's
    /// (MkDocs's `template: home.html`): the page gets the template of its place, and
    /// [`Renderer::template_notes`] says so.
    pub fn template_for(&self, site: &Site, id: PageId) -> Result<String, Diagnostic> {
        let page = &site.pages[id];
        if let Some(template) = &page.source.front.template {
            if self.is_page_template(&template.value) {
                return Ok(template.value.clone());
            }
            if !site.config.migrating() {
                return Err(self.not_a_page_template(&page.source.file, template));
            }
        }
        let name = if let Some(generated) = page.origin.generated() {
            generated.spec().template
        } else if id == 0 {
            "index.html"
        } else if page.origin.is_section() {
            "section.html"
        } else {
            "page.html"
        };
        Ok(name.to_string())
    }

    /// Whether `name` is a template a page may choose with `template`: one of the theme
    /// or of `templates/`, but for those opsbook renders other things with (a redirect,
    /// the 404 page, the pages it generates), whose variables a page does not have.
    pub fn is_page_template(&self, name: &str) -> bool {
        let special = name == "redirect.html"
            || name == "404.html"
            || name == ALERT_TEMPLATE
            || name.starts_with("status-site/")
            || crate::site::generated::GENERATED_PAGES
                .iter()
                .any(|spec| spec.template == name && !matches!(name, "index.html" | "section.html" | "page.html"));
        !special && self.tera.contains_template(name)
    }

    /// The problem with a page's `template` that names no page template.
    fn not_a_page_template(&self, file: &str, template: &crate::content::node::Located<String>) -> Diagnostic {
        let name = &template.value;
        let message = if self.tera.contains_template(name) {
            format!("`{name}` is the template of what opsbook renders besides pages, not a page's")
        } else {
            format!("no template `{name}` in the theme or in templates/")
        };
        Diagnostic::error(Rule::Template, file, template.line, template.column, message)
    }

    /// In a handbook that moves, a note for each page whose `template` names no page
    /// template: it gets the template of its place ([`Renderer::template_for`]).
    pub fn template_notes(&self, site: &Site) -> Vec<Diagnostic> {
        if !site.config.migrating() {
            return Vec::new();
        }
        let chosen = site.pages.iter().filter_map(|page| Some((page, page.source.front.template.as_ref()?)));
        chosen
            .filter(|(_, template)| !self.is_page_template(&template.value))
            .map(|(page, template)| {
                self.not_a_page_template(&page.source.file, template)
                    .with_severity(crate::diagnostic::Severity::Note)
                    .with_help("the page is rendered with opsbook's template; write a template of that name in templates/ to change it")
            })
            .collect()
    }

    /// Whether the templates show the navigation only as `nav_html` (never read `nav`
    /// itself, as a theme that draws its own navigation does): a page's navigation is
    /// then the one `nav_html` in it.
    pub fn shows_nav_only_as_html(&self) -> bool {
        !self.reads_nav
    }

    /// Where `text` is written in a template: the file (as diagnostics name it), line and
    /// column of its first occurrence, partials first.
    pub fn find_in_templates(&self, text: &str) -> Option<TemplatePlace> {
        if text.is_empty() {
            return None;
        }
        let mut names: Vec<&String> = self.sources.keys().collect();
        names.sort_by_key(|name| (!name.starts_with("partials/"), name.as_str()));
        names.into_iter().find_map(|name| {
            let source = &self.sources[name];
            let offset = source.find(text)?;
            let (line, column) = crate::diagnostic::line_column(source, offset);
            Some(TemplatePlace { file: self.template_file(name), line, column })
        })
    }

    /// The file of template `name`, as diagnostics name it.
    pub fn template_file(&self, name: &str) -> String {
        self.origins.get(name).map_or_else(|| format!("templates/{name}"), |o| o.shown(name))
    }

    /// Renders page `id` through `template` (its [`Renderer::template_for`]) to a full
    /// HTML document, with the navigation entries of `nav` (one cache for every page of
    /// a render). Returns the document and its `nav_html`.
    pub fn render_page(
        &self,
        site: &Site,
        id: PageId,
        template: &str,
        nav: &NavCache,
    ) -> Result<(String, String), Diagnostic> {
        self.render_page_with(site, id, template, nav, Bodies::default())
    }

    /// Renders page `id` as [`Renderer::render_page`] does, showing the Markdown content
    /// of `bodies` where the site model holds none.
    pub(crate) fn render_page_with(
        &self,
        site: &Site,
        id: PageId,
        template: &str,
        nav: &NavCache,
        bodies: Bodies<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let prepared = self.prepare_page(site, id, template, nav, bodies)?;
        Ok((self.render_prepared(&prepared)?, prepared.nav_html))
    }

    /// The template context of page `id` through `template`, as
    /// [`Renderer::render_page_with`] renders it: [`Renderer::render_prepared`] renders
    /// it, [`Renderer::fingerprint`] tells whether it is the one a previous build
    /// rendered.
    pub(crate) fn prepare_page(
        &self,
        site: &Site,
        id: PageId,
        template: &str,
        nav: &NavCache,
        bodies: Bodies<'_>,
    ) -> Result<PreparedPage, Diagnostic> {
        crate::panics::inject("template", &site.pages[id].source.file);
        let items = crate::site::nav::nav_items(site, id);
        let nav = nav.page_nav_with(site, &items, self.reads_nav);
        let mut views = PageContext::of(site, id);
        views.use_bodies(bodies);
        let context = self.context(&views, &nav, template)?;
        let known = views.page.content.len()
            + views.page.title_html.len()
            + nav.html.len()
            + bodies.printed.map_or(0, |printed| printed.values().map(String::len).sum());
        let code = views.lang.as_ref().map(|lang| lang.code.to_string());
        Ok(PreparedPage { template: template.to_string(), context, nav_html: nav.html, known, code })
    }

    /// Renders a prepared page to its HTML document.
    pub(crate) fn render_prepared(&self, prepared: &PreparedPage) -> Result<String, Diagnostic> {
        self.render_sized(&prepared.template, &prepared.context, prepared.known)
    }

    /// The fingerprint of a prepared page written to `file`: equal for two renders
    /// exactly when they write the same document ([`fingerprint`]).
    pub(crate) fn fingerprint(&self, prepared: &PreparedPage, file: &str) -> u128 {
        let code = prepared.code.as_deref();
        fingerprint::page(self.identity, &prepared.template, file, code, &prepared.context)
    }

    /// Renders `template` into a buffer sized for `known` bytes (the parts opsbook made:
    /// content, title, navigation) and what the templates wrote around them on earlier
    /// pages, so that a long document is not copied each time the buffer grows.
    fn render_sized(&self, template: &str, context: &Context, known: usize) -> Result<String, Diagnostic> {
        let around = self.template_bytes.load(Ordering::Relaxed).min(MAX_TEMPLATE_BYTES);
        let mut document = Vec::with_capacity(known + around + around / 4);
        crate::markdown::tera_budget::start();
        self.tera
            .render_to(template, context, &mut document)
            .map_err(|e| template_diagnostic(&self.origins, &e, template))?;
        self.template_bytes.fetch_max(document.len().saturating_sub(known), Ordering::Relaxed);
        String::from_utf8(document).map_err(|e| {
            Diagnostic::error(
                Rule::Template,
                self.template_file(template),
                0,
                0,
                format!("the output is not UTF-8: {e}"),
            )
        })
    }

    /// Renders `404.html`, the page static hosts serve for unknown URLs.
    pub fn render_not_found(&self, site: &Site) -> Result<String, Diagnostic> {
        let mut context = PageContext::of(site, 0);
        let title = crate::site::strings::word(site.words_for(0), "not_found_title");
        context.page = PageView::special(site, title, "404.html");
        context.breadcrumbs.clear();
        context.prev = None;
        context.next = None;
        context.section = None;
        context.index = None;
        // The home page's entries: the top level, none of them current.
        let items = crate::site::nav::nav_items(site, 0);
        let nav = NavCache::empty().page_nav_with(site, &items, self.reads_nav);
        let mut context = self.context(&context, &nav, "404.html")?;
        context.insert("missing_alert", &crate::alerts::views::MissingAlertView::of(site));
        self.render("404.html", &context)
    }

    /// The template context of a page: its views, `nav` and `nav_html`.
    fn context(&self, views: &PageContext<'_>, nav: &nav::PageNav, template: &str) -> Result<Context, Diagnostic> {
        let filled = || -> tera::TeraResult<Context> {
            let mut context = Context::new();
            put(&mut context, "page", &views.page)?;
            put(&mut context, "breadcrumbs", &views.breadcrumbs)?;
            put(&mut context, "prev", &views.prev)?;
            put(&mut context, "next", &views.next)?;
            put(&mut context, "section", &views.section)?;
            put(&mut context, "index", &views.index)?;
            put(&mut context, "lang", &views.lang)?;
            Ok(context)
        };
        let mut context = filled().map_err(|e| template_diagnostic(&self.origins, &e, template))?;
        let code = views.lang.as_ref().map(|lang| lang.code);
        if let Some(words) = code.and_then(|code| self.words.get(code)).or(self.default_words.as_ref()) {
            context.insert_value("t", words.clone());
        }
        if let Some(scripts) = code.and_then(|code| self.script_words.get(code)) {
            context.insert("search_words", &scripts.search);
            context.insert("theme_words", &scripts.theme);
        }
        if let Some(view) = code.and_then(|code| self.site_views.get(code)) {
            context.insert_value("site", view.clone());
        }
        if self.reads_nav {
            context.insert_value("nav", nav.entries.clone());
        }
        context.insert_value("nav_html", Value::safe_string(&nav.html));
        // The status page and its incidents' pages are the customers': no handbook
        // navigation (base.html reads `handbook_nav`).
        let status_page = views.page.status_incident.is_some() || matches!(views.index, Some(IndexView::Status { .. }));
        context.insert("handbook_nav", &!status_page);
        Ok(context)
    }

    /// Renders the page that redirects an alias to `target`, linking to `href` where
    /// that is not the page's URL.
    pub fn render_redirect(&self, site: &Site, target: PageId, href: Option<&str>) -> Result<String, Diagnostic> {
        let page = &site.pages[target];
        let redirect = match &page.redirect {
            // A page that redirects elsewhere itself (`redirect_to`): straight there.
            Some(url) => Redirect { url: url.clone(), permalink: None, title: url.clone() },
            None => Redirect {
                url: href.map_or_else(|| site.href(target), str::to_string),
                permalink: site.config.base_url.absolute(&page.site_path),
                title: page.title.clone(),
            },
        };
        self.render_redirect_page(&redirect)
    }

    /// The page that redirects to the address `url` outside the site.
    pub fn render_redirect_to_url(&self, url: &str) -> Result<String, Diagnostic> {
        self.render_redirect_page(&Redirect { url: url.to_string(), permalink: None, title: url.to_string() })
    }

    fn render_redirect_page(&self, redirect: &Redirect) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("redirect", redirect);
        self.render("redirect.html", &context)
    }

    pub(crate) fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        crate::markdown::tera_budget::start();
        self.tera.render(template, context).map_err(|e| template_diagnostic(&self.origins, &e, template))
    }
}

/// What `redirect.html` shows.
#[derive(Serialize)]
struct Redirect {
    url: String,
    permalink: Option<String>,
    title: String,
}

/// One language's words the scripts write, as JSON for their tags' `data-words`.
struct ScriptWords {
    /// search.js's (`search_words`).
    search: String,
    /// theme.js's and tabs.js's (`theme_words`).
    theme: String,
}

/// The theme's words of each language of `site` ([`Site::words`]), as template
/// values, and the scripts' words of each (in a handbook of several languages only): a
/// handbook of one language has the English words, so its pages stay as they were.
fn words_of(site: &Site) -> (BTreeMap<String, Value>, BTreeMap<String, ScriptWords>) {
    use crate::site::strings::{search_script_words, theme_script_words};
    let mut words = BTreeMap::new();
    let mut scripts = BTreeMap::new();
    for (code, table) in site.words.iter() {
        if site.config.languages.is_multilingual() {
            let written = ScriptWords { search: search_script_words(table), theme: theme_script_words(table) };
            scripts.insert(code.clone(), written);
        }
        words.insert(code.clone(), Value::from_serializable(table));
    }
    (words, scripts)
}

/// The hash of what every page's render shares ([`fingerprint::identity`]): the
/// templates, the global context's `site` and `tables` (each language's words, `site` and the
/// scripts' words), and whether a template reads `nav`.
fn identity_of(
    global_site: &Value,
    templates: &BTreeMap<String, String>,
    (words, site_views, script_words): TablesByLanguage<'_>,
    reads_nav: bool,
) -> u128 {
    let mut values = vec![("reads_nav", Value::from(reads_nav))];
    values.extend(words.iter().map(|(code, value)| ("t", Value::from_serializable(&(code, value)))));
    values.extend(site_views.iter().map(|(code, value)| ("site", Value::from_serializable(&(code, value)))));
    for (code, scripts) in script_words {
        values.push(("scripts", Value::from_serializable(&(code, &scripts.search, &scripts.theme))));
    }
    fingerprint::identity(templates, global_site, &values)
}

/// The renderer's tables by language code: words, `site`, the scripts' words.
type TablesByLanguage<'a> =
    (&'a BTreeMap<String, Value>, &'a BTreeMap<String, Value>, &'a BTreeMap<String, ScriptWords>);

/// Adds opsbook's filters to `tera`, and its own `safe`.
fn register_filters(tera: &mut Tera) {
    // `severity-{{ x | severity_class }}`: a severity's level, `sev1` to `sev4`;
    // `status-{{ x | status_class }}`: a review status's state (`final` for `closed`).
    tera.register_filter("severity_class", |value: &str, _: tera::Kwargs, _: &tera::State| {
        crate::config::severity_class(value)
    });
    tera.register_filter("status_class", |value: &str, _: tera::Kwargs, _: &tera::State| {
        crate::config::rca_status_class(value)
    });
    // Tera's own `safe` copies the string it marks (`page.content`, the whole body);
    // this one marks the string it is given, shared, and converts the rest as Tera
    // does.
    tera.register_filter("safe", |value: Value, _: tera::Kwargs, _: &tera::State| {
        if value.is_string() { value.mark_safe() } else { Value::safe_string(&format!("{value}")) }
    });
}

/// Adds `value` to `context` as `key`.
fn put<T: Serialize>(context: &mut Context, key: &'static str, value: &T) -> tera::TeraResult<()> {
    context.insert_value(key, Value::try_from_serializable(value)?);
    Ok(())
}

/// A diagnostic for a Tera error, at the template file, line and column when Tera
/// knows them.
fn template_diagnostic(origins: &BTreeMap<String, Origin>, error: &tera::Error, template: &str) -> Diagnostic {
    let shown = |name: &str| origins.get(name).map_or_else(|| format!("templates/{name}"), |o| o.shown(name));
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() { template } else { report.filename() };
            let span = report.span();
            Diagnostic::error(
                Rule::Template,
                shown(name),
                span.start_line,
                span.start_col + 1,
                report.message().to_string(),
            )
        }
        _ => {
            let mut message = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(cause) = source {
                message.push_str(&format!(": {cause}"));
                source = cause.source();
            }
            Diagnostic::error(Rule::Template, shown(template), 0, 0, message)
        }
    }
}

/// Whether a template reads `nav`, or may: by name, or in the whole context Tera dumps as
/// `__tera_context`.
fn template_reads_nav(source: &str) -> bool {
    reads_variable(source, "nav") || source.contains("__tera_context")
}

/// Whether a template's tags (`{{ }}`, `{% %}`) name `variable` (as `variable`,
/// `variable.x` or `variable[..]`, not `variable_html`, `x.variable` nor in a string).
fn reads_variable(source: &str, variable: &str) -> bool {
    let identifier = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = source;
    while let Some(open) = rest.find(['{']) {
        rest = &rest[open + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => continue,
        };
        let Some(end) = rest.find(close) else { return false };
        // String literals (`"partials/nav.html"`) name no variable.
        let mut quote = None;
        let tag: String = rest[1..end]
            .chars()
            .map(|c| match quote {
                Some(q) if c == q => {
                    quote = None;
                    ' '
                }
                Some(_) => ' ',
                None if matches!(c, '"' | '\'' | '`') => {
                    quote = Some(c);
                    ' '
                }
                None => c,
            })
            .collect();
        let named = tag.match_indices(variable).any(|(at, _)| {
            let before = tag[..at].chars().next_back();
            let after = tag[at + variable.len()..].chars().next();
            !before.is_some_and(|c| identifier(c) || c == '.') && !after.is_some_and(identifier)
        });
        if named {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

#[cfg(test)]
mod nav_tests;
