//! Rendering pages through the Tera theme: template loading with the site > theme >
//! built-in lookup ([`theme`]), the views templates see ([`views`]), and the template
//! chosen for each page (front matter `template`, else `index.html` for the home page,
//! `section.html` for sections, the template of its row of
//! [`crate::site::generated::GENERATED_PAGES`] for the pages opsbook generates, and
//! `page.html` for the rest).

pub(crate) mod nav;
pub(crate) mod theme;
pub(crate) mod views;

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera, Value};

use crate::diagnostic::{Diagnostic, Rule, TemplatePlace};
use crate::site::{PageId, Site};
pub(crate) use nav::NavCache;
pub(crate) use theme::{Origin, SEARCH_PARTS, ThemeFiles};
pub(crate) use views::Bodies;
use views::{PageContext, PageView, SiteView};

/// A loaded theme, ready to render pages of one site.
pub struct Renderer {
    tera: Tera,
    origins: BTreeMap<String, Origin>,
    sources: BTreeMap<String, String>,
}

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
        // `severity-{{ x | severity_class }}`: a severity's level, `sev1` to `sev4`;
        // `status-{{ x | status_class }}`: a review status's state (`final` for `closed`).
        tera.register_filter("severity_class", |value: &str, _: tera::Kwargs, _: &tera::State| {
            crate::config::severity_class(value)
        });
        tera.register_filter("status_class", |value: &str, _: tera::Kwargs, _: &tera::State| {
            crate::config::rca_status_class(value)
        });
        let origins = theme.templates.clone();
        let texts: BTreeMap<String, String> = sources.iter().cloned().collect();
        if let Err(e) = tera.add_raw_templates(sources) {
            return Err(vec![template_diagnostic(&origins, &e, "")]);
        }
        tera.global_context().insert("site", &SiteView::of(site));
        Ok(Renderer { tera, origins, sources: texts })
    }

    /// The template that renders page `id`.
    pub fn template_for(&self, site: &Site, id: PageId) -> Result<String, Diagnostic> {
        let page = &site.pages[id];
        if let Some(template) = &page.source.front.template {
            if self.tera.contains_template(&template.value) {
                return Ok(template.value.clone());
            }
            return Err(Diagnostic::error(
                Rule::Template,
                &page.source.file,
                template.line,
                template.column,
                format!("no template `{}` in the theme or in templates/", template.value),
            ));
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

    /// Whether the templates show the navigation only as `nav_html` (never read `nav`
    /// itself, as a theme that draws its own navigation does): a page's navigation is
    /// then the one `nav_html` in it.
    pub fn shows_nav_only_as_html(&self) -> bool {
        self.sources.values().all(|source| !reads_variable(source, "nav"))
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
        let items = crate::site::nav::nav_items(site, id);
        let nav = nav.page_nav(site, &items);
        let mut views = PageContext::of(site, id);
        views.use_bodies(bodies);
        let context = self.context(&views, &nav, template)?;
        Ok((self.render(template, &context)?, nav.html))
    }

    /// Renders `404.html`, the page static hosts serve for unknown URLs.
    pub fn render_not_found(&self, site: &Site) -> Result<String, Diagnostic> {
        let mut context = PageContext::of(site, 0);
        context.page = PageView::special(site, "Page not found", "404.html");
        context.breadcrumbs.clear();
        context.prev = None;
        context.next = None;
        context.section = None;
        context.index = None;
        // The home page's entries: the top level, none of them current.
        let items = crate::site::nav::nav_items(site, 0);
        let context = self.context(&context, &NavCache::empty().page_nav(site, &items), "404.html")?;
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
            Ok(context)
        };
        let mut context = filled().map_err(|e| template_diagnostic(&self.origins, &e, template))?;
        context.insert_value("nav", nav.entries.clone());
        context.insert_value("nav_html", Value::safe_string(&nav.html));
        Ok(context)
    }

    /// Renders the page that redirects an alias to `target`.
    pub fn render_redirect(&self, site: &Site, target: PageId) -> Result<String, Diagnostic> {
        #[derive(Serialize)]
        struct Redirect {
            url: String,
            permalink: Option<String>,
            title: String,
        }
        let page = &site.pages[target];
        let redirect = match &page.redirect {
            // A page that redirects elsewhere itself (`redirect_to`): straight there.
            Some(url) => Redirect { url: url.clone(), permalink: None, title: url.clone() },
            None => Redirect {
                url: site.href(target),
                permalink: site.config.base_url.absolute(&page.site_path),
                title: page.title.clone(),
            },
        };
        let mut context = Context::new();
        context.insert("redirect", &redirect);
        self.render("redirect.html", &context)
    }

    fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera.render(template, context).map_err(|e| template_diagnostic(&self.origins, &e, template))
    }
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
mod nav_tests {
    use super::reads_variable;

    #[test]
    fn a_template_reads_nav_only_when_a_tag_names_it() {
        for source in ["{{ nav_html }}", "{% include \"partials/nav.html\" %}", "<nav class=\"nav\">", "{{ page.nav }}"]
        {
            assert!(!reads_variable(source, "nav"), "{source}");
        }
        for source in ["{% for item in nav.items %}", "{{ nav }}", "{{ nav[0] }}", "{% if nav %}x{% endif %}"] {
            assert!(reads_variable(source, "nav"), "{source}");
        }
    }
}
