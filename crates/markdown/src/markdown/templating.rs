//! What a page's constructs can read of the handbook besides the page's text: the
//! templates the handbook gives its own constructs, and the old tool's site variables.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::content::front_matter::Fields;
use crate::content::site_data::SiteData;
use crate::diagnostic::{Diagnostic, Rule};

/// The most bytes one use of a template writes.
pub const MAX_OUTPUT: usize = 1 << 20;

/// What a template's `body` is replaced by: the paired construct's content, rendered in
/// place. Private-use characters, which a page's text cannot put into a template's output.
pub const BODY_MARK: &str = "\u{E002}opsbook-body\u{E003}";

/// What a template writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// HTML, written as it is.
    Html,
    /// Markdown, rendered with the page.
    Markdown,
}

/// A template file of `templates/shortcodes/`, read.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    /// Its path below `shortcodes/` (`member-by-name.html`).
    pub name: String,
    /// The file, as diagnostics name it.
    pub shown: String,
    /// Its text.
    pub text: String,
}

/// The templates and site variables of a build, made once.
pub struct SiteContext {
    tera: tera::Tera,
    /// The templates by construct key (`member-by-name`, `include/card.html`).
    templates: HashMap<String, (String, Format)>,
    /// The file of each template, by its name in `tera`.
    shown: HashMap<String, String>,
    /// The site variables.
    pub data: SiteData,
    /// A hash of the templates and variables, for the build cache's keys.
    pub fingerprint: u128,
    /// The site's variables in a template language's own values (the dialects'
    /// Liquid values), made when a page of that language first needs them.
    engine_globals: OnceLock<Box<dyn std::any::Any + Send + Sync>>,
    /// The pages of the site, for the lists of them a template language offers (an
    /// old tool's `site.pages`); empty unless the site's templates may read them.
    pub pages: std::sync::Arc<[ListedPage]>,
    /// A hash of `pages`, made when first asked ([`SiteContext::pages_fingerprint`]).
    pages_fingerprint: OnceLock<u128>,
    /// Set when a template first reads one of the lists of `pages`.
    lists_read: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// What a template's list of the site's pages holds of one page: no text (its body is
/// read again when a template asks for it), so that the list stays small to copy.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedPage {
    /// Its path relative to the content folder (`_articles/onboarding.md`).
    pub path: String,
    /// Its path in the site, without the base path (`articles/onboarding.html`).
    pub url: String,
    /// Its date, when it is a post or named by a date.
    pub date: Option<crate::dates::Date>,
    /// Its front matter, as read: the page's own, shared, not copied.
    pub front: crate::content::front_fields::Fields,
    /// Its body, for the lists' `content` and `excerpt`; `None`: none is given.
    pub body: Option<ListedBody>,
}

/// A listed page's body, for the lists' `content` and `excerpt`: read again from its
/// file when a template first asks, so that no list keeps a page's text (a streaming
/// build lets each go as it renders it).
#[derive(Debug, Clone, PartialEq)]
pub struct ListedBody {
    /// Where the page's whole text is.
    pub source: BodySource,
    /// Where the body starts in it.
    pub body_start: usize,
    /// Whether the build is public: the body's internal blocks are left out.
    pub public: bool,
    /// Whether the page is written in HTML ([`crate::content::formats::PageFormat::Html`]):
    /// its internal blocks go by the HTML page's line rule, and it is no Markdown.
    pub html: bool,
}

/// Where a listed page's whole text is.
#[derive(Debug, Clone)]
pub enum BodySource {
    /// A page whose text the build made, which no file holds: it keeps its text.
    Kept(std::sync::Arc<crate::content::SourcePage>),
    /// The page's file, read through the configuration's confinement.
    File {
        /// The build's configuration, which confines the reading.
        config: std::sync::Arc<opsbook_content::config::Config>,
        /// The page's content path.
        path: String,
        /// The file's path from the handbook's root, for messages.
        file: String,
        /// The length and hash of the text first read, which the file must still give.
        key: (usize, u64),
    },
}

impl PartialEq for BodySource {
    fn eq(&self, other: &BodySource) -> bool {
        match (self, other) {
            (BodySource::Kept(a), BodySource::Kept(b)) => a.text == b.text,
            (BodySource::File { path: a, key: x, .. }, BodySource::File { path: b, key: y, .. }) => a == b && x == y,
            _ => false,
        }
    }
}

impl ListedBody {
    /// The body as the build's audience may read it: in a public build without its
    /// internal blocks (blanked, or left out of an HTML page), in an internal build
    /// without the markers' lines; `None` when the file no longer reads as it did (the
    /// file changed while the build read it: the page's own step fails in a streaming
    /// build, and `serve` builds again) or, in a public build, when the markers do not
    /// pair (the page is refused).
    pub fn text(&self) -> Option<String> {
        use crate::markdown::public_text::{blanked, html_public, unmarked};
        let whole: std::borrow::Cow<'_, str> = match &self.source {
            BodySource::Kept(page) => page.text.as_str().into(),
            BodySource::File { config, path, file, key } => {
                crate::content::page::read_again(config, (path, file), *key).ok()?.into()
            }
        };
        let body = whole.get(self.body_start..)?;
        let text = match (self.public, self.html) {
            (true, false) => blanked(body)?,
            (true, true) => html_public(body)?,
            (false, _) => unmarked(body),
        };
        Some(text.into_owned())
    }

    /// What names the body's text without reading it, for the lists' fingerprint.
    fn fingerprint(&self) -> String {
        match &self.source {
            BodySource::Kept(page) => format!("{} {}", xxhash_rust::xxh3::xxh3_64(page.text.as_bytes()), self.public),
            BodySource::File { key, .. } => format!("{key:?} {} {}", self.body_start, self.public),
        }
    }
}

impl std::fmt::Debug for SiteContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteContext").field("templates", &self.templates.len()).finish_non_exhaustive()
    }
}

impl SiteContext {
    /// Loads `sources` (the templates of `templates/shortcodes/`) with the site's
    /// variables. A template that cannot be parsed is left out, with an error at it.
    pub fn new(sources: Vec<TemplateSource>, data: SiteData) -> (SiteContext, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        // The tool too: an Eleventy handbook's pages change when its Markdown engine does,
        // and a Hugo site's when a shortcode template of its own takes a name from opsbook's.
        hasher.update(format!("{:?} {:?} {:?}", data.templating, data.text, data.own_templates).as_bytes());
        hasher.update(data.site.to_string().as_bytes());
        let mut tera = new_tera();
        let shown: HashMap<String, String> = sources.iter().map(|s| (s.name.clone(), s.shown.clone())).collect();
        for source in &sources {
            hasher.update(source.name.as_bytes());
            hasher.update(&[0]);
            hasher.update(source.text.as_bytes());
            hasher.update(&[0]);
        }
        let all = sources.iter().map(|s| (s.name.clone(), s.text.clone()));
        let mut loaded: Vec<&TemplateSource> = Vec::new();
        if tera.add_raw_templates(all).is_ok() {
            loaded.extend(&sources);
        } else {
            // One by one, to report every template that fails and keep the others.
            tera = new_tera();
            for source in &sources {
                match tera.add_raw_template(&source.name, &source.text) {
                    Ok(()) => loaded.push(source),
                    Err(error) => problems.push(load_error(&shown, &error, source)),
                }
            }
        }
        if let Ok(site) = tera::Value::try_from_serializable(&data.site) {
            tera.global_context().insert_value("site", site);
        }
        let mut templates = HashMap::new();
        for source in loaded {
            let (key, format) = match source.name.strip_prefix("include/") {
                Some(file) => (source.name.clone(), format_of(file)),
                None => match source.name.rsplit_once('.') {
                    Some((stem, "html" | "htm")) => (stem.to_string(), Format::Html),
                    Some((stem, "md" | "markdown")) => (stem.to_string(), Format::Markdown),
                    _ => continue,
                },
            };
            // `NAME.html` wins over `NAME.md`.
            if templates.get(&key).is_none_or(|(_, f): &(String, Format)| *f != Format::Html) {
                templates.insert(key, (source.name.clone(), format));
            }
        }
        let fingerprint = hasher.digest128();
        let pages = std::sync::Arc::from(Vec::new());
        let context = SiteContext {
            tera,
            templates,
            shown,
            data,
            fingerprint,
            engine_globals: OnceLock::new(),
            pages,
            pages_fingerprint: OnceLock::new(),
            lists_read: Default::default(),
        };
        (context, problems)
    }

    /// The site's variables in a template language's own values, made once by `make`;
    /// `None` when values of another type were made first (one language keeps them).
    pub fn engine_globals<T: std::any::Any + Send + Sync>(&self, make: impl FnOnce() -> T) -> Option<&T> {
        self.engine_globals.get_or_init(|| Box::new(make())).downcast_ref::<T>()
    }

    /// What a template language's lists of `pages` set when a template first reads one
    /// ([`SiteContext::lists_read`]).
    pub fn lists_read_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        self.lists_read.clone()
    }

    /// Whether a template has read one of the lists of `pages` so far: every page may
    /// then show any other's front matter and text.
    pub fn lists_read(&self) -> bool {
        self.lists_read.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// A hash of the pages the site's lists hold (0 when it holds none), for the key of
    /// a result that may have read them.
    pub fn pages_fingerprint(&self) -> u128 {
        *self.pages_fingerprint.get_or_init(|| {
            if self.pages.is_empty() {
                return 0;
            }
            let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
            for page in self.pages.iter() {
                hasher.update(format!("{}\0{}\0{:?}\0", page.path, page.url, page.date).as_bytes());
                // Its body, which the lists' `content` and `excerpt` give.
                if let Some(body) = &page.body {
                    hasher.update(body.fingerprint().as_bytes());
                }
                for field in page.front.0.iter() {
                    let value = serde_json::to_string(&field.value.value.to_json()).unwrap_or_default();
                    hasher.update(format!("{}\0{value}\0", field.key).as_bytes());
                }
            }
            hasher.digest128()
        })
    }

    /// Whether rendering `body` may read its page's front matter (or its sections'):
    /// through a `param`, a Liquid variable or a template of the handbook's.
    pub fn reads_front_matter(&self, body: &str) -> bool {
        use crate::markdown::has_text;
        has_text(body, "{{") || has_text(body, "{%") || (!self.templates.is_empty() && has_text(body, "<"))
    }

    /// The template of the construct named `key`, and what it writes.
    pub fn template(&self, key: &str) -> Option<(&str, Format)> {
        self.templates.get(key).map(|(name, format)| (name.as_str(), *format))
    }

    /// Whether the handbook has a template for the construct named `key`.
    pub fn has_template(&self, key: &str) -> bool {
        !self.templates.is_empty() && self.templates.contains_key(key)
    }

    /// Renders the template `name` for one use. An error names the template's file,
    /// line and column.
    pub fn render(&self, name: &str, use_: &Use<'_>, page: &Value) -> Result<String, String> {
        let mut context = tera::Context::new();
        context.insert("name", use_.name);
        let args: Vec<&str> = use_.args.iter().filter(|(n, _)| n.is_none()).map(|(_, v)| v.as_str()).collect();
        context.insert("args", &args);
        let params: Map<String, Value> =
            use_.args.iter().filter_map(|(n, v)| Some(((*n)?.to_string(), Value::String(v.clone())))).collect();
        context.insert("params", &params);
        if let Some(inner) = use_.inner {
            context.insert("inner", inner);
        }
        context.insert_value("body", tera::Value::safe_string(BODY_MARK));
        context.insert("page", page);
        let mut out = Bounded::new(MAX_OUTPUT);
        let shown = self.shown.get(name).map_or(name, String::as_str);
        super::tera_budget::start();
        match self.tera.render_to(name, &context, &mut out) {
            Ok(()) => String::from_utf8(out.bytes).map_err(|_| format!("the template `{shown}` wrote no text")),
            Err(_) if out.full => {
                Err(format!("the template `{shown}` writes more than {} MiB for one use", MAX_OUTPUT >> 20))
            }
            Err(error) => Err(render_error(shown, &error)),
        }
    }
}

/// A Tera instance for construct templates: HTML escaped as the theme's is, and the
/// filters such templates need beyond Tera's own: `slugify` (opsbook's URL slugs) and
/// `urlencode`.
fn new_tera() -> tera::Tera {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".htm"]);
    tera.set_escape_fn(crate::html::write_escaped);
    super::tera_budget::register(&mut tera);
    tera.register_filter("slugify", |value: &str, _: tera::Kwargs, _: &tera::State| crate::slug::slugify(value));
    tera.register_filter("urlencode", |value: &str, _: tera::Kwargs, _: &tera::State| {
        crate::percent::percent_encode(value, &crate::percent::UNRESERVED_AND_SLASH)
    });
    tera
}

/// What a template of a format writes, by the name of the file it stands for.
fn format_of(file: &str) -> Format {
    if file.ends_with(".md") || file.ends_with(".markdown") { Format::Markdown } else { Format::Html }
}

/// One use of a construct: its name, arguments and content.
#[derive(Debug)]
pub struct Use<'u> {
    /// The name as written.
    pub name: &'u str,
    /// Named (`Some(name)`) and positional arguments.
    pub args: &'u [(Option<&'u str>, String)],
    /// A paired construct's content, as written.
    pub inner: Option<&'u str>,
}

/// A writer that refuses more than `limit` bytes: a template's output, a page's Liquid.
pub struct Bounded {
    /// What was written.
    pub bytes: Vec<u8>,
    /// Whether a write went past the limit.
    pub full: bool,
    limit: usize,
}

/// The error a [`Bounded`] writer gives when it is full: a template that catches it
/// (a tag rendered on its own, `dialects::liquid_recover`) passes it on, and the page's
/// evaluation recognises it by this text.
pub const TOO_LONG: &str = "the output is too long";

impl Bounded {
    /// A writer that takes up to `limit` bytes.
    pub fn new(limit: usize) -> Bounded {
        Bounded { bytes: Vec::new(), full: false, limit }
    }
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            self.full = true;
            return Err(std::io::Error::other(TOO_LONG));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The error of a template that cannot be parsed, at its line and column.
fn load_error(shown: &HashMap<String, String>, error: &tera::Error, source: &TemplateSource) -> Diagnostic {
    let file = |name: &str| shown.get(name).cloned().unwrap_or_else(|| source.shown.clone());
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() { source.name.as_str() } else { report.filename() };
            let span = report.span();
            let message = report.message().to_string();
            Diagnostic::error(Rule::Template, file(name), span.start_line, span.start_col + 1, message)
        }
        _ => {
            // Tera names the place of an unknown filter or function in its message's
            // ` --> name:line:column` line.
            let message = chain(error);
            let place = message.lines().find_map(|line| {
                let at = line.trim_start().strip_prefix("-->")?.trim();
                let (rest, column) = at.rsplit_once(':')?;
                let (_, line) = rest.rsplit_once(':')?;
                Some((line.parse::<usize>().ok()?, column.parse::<usize>().ok()?))
            });
            let first = message.lines().next().unwrap_or_default().trim_start_matches("error: ").to_string();
            let (line, column) = place.unwrap_or((0, 0));
            Diagnostic::error(Rule::Template, source.shown.clone(), line, column, first)
        }
    }
}

/// A template's error when a page uses it: the message, with the template's place.
fn render_error(shown: &str, error: &tera::Error) -> String {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            format!(
                "the template `{shown}` fails at line {}, column {}: {}",
                span.start_line,
                span.start_col + 1,
                report.message()
            )
        }
        _ => format!("the template `{shown}` fails: {}", chain(error)),
    }
}

/// An error with its causes, on one line.
fn chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

/// What one page's constructs read: the build's templates and variables, and the page's
/// own front matter with what its sections pass down.
#[derive(Debug)]
pub struct PageTemplating<'a> {
    /// The build's templates and site variables.
    pub site: &'a SiteContext,
    /// The front matter of the page, then of each section page above it, nearest first.
    pub fronts: Vec<&'a Fields>,
    /// The page's variables, made when first asked for ([`PageTemplating::page`]).
    page: OnceLock<Value>,
}

impl<'a> PageTemplating<'a> {
    /// The templating of a page whose front matter is `fronts[0]`, under the sections of
    /// the others.
    pub fn new(site: &'a SiteContext, fronts: Vec<&'a Fields>) -> PageTemplating<'a> {
        PageTemplating { site, fronts, page: OnceLock::new() }
    }

    /// The page's variables: its front matter over the `cascade` maps of the sections
    /// above it, the nearest winning (Hugo: <https://gohugo.io/content-management/front-matter/#cascade>).
    pub fn page(&self) -> &Value {
        self.page.get_or_init(|| {
            let mut page = Map::new();
            for fields in self.fronts.iter().skip(1).rev() {
                if let Some(cascade) = fields.get("cascade") {
                    for map in cascade_maps(&cascade.value.value.to_json()) {
                        page.extend(map);
                    }
                }
            }
            if let Some(own) = self.fronts.first() {
                for field in own.0.iter() {
                    page.insert(field.key.clone(), field.value.value.to_json());
                }
            }
            Value::Object(page)
        })
    }

    /// The value of Hugo's `param` shortcode for `key` (`a.b` for a nested one): the
    /// page's parameter (its front matter, its `params` map, what its sections cascade),
    /// else the site's (`params` of the configuration); keys in any case.
    /// (<https://gohugo.io/shortcodes/param/>)
    pub fn param(&self, key: &str) -> Option<String> {
        let page = self.page();
        let site_params = self.site.data.site.get("params");
        let found = lookup(page, key)
            .or_else(|| page.get("params").and_then(|p| lookup(p, key)))
            .or_else(|| site_params.and_then(|p| lookup(p, key)))?;
        Some(match found {
            Value::String(text) => text.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        })
    }
}

/// The maps of a `cascade` value: a map, or a list of maps (those aimed at a `target`
/// or `_target`, which opsbook does not match, left out).
fn cascade_maps(value: &Value) -> Vec<Map<String, Value>> {
    match value {
        Value::Object(map) => vec![map.clone()],
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_object)
            .filter(|m| !m.contains_key("target") && !m.contains_key("_target"))
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

/// The value at the dotted `path` of `value`, keys compared in any case.
fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut at = value;
    for part in path.split('.') {
        let map = at.as_object()?;
        at = map.get(part).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(part)).map(|(_, v)| v))?;
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> TemplateSource {
        TemplateSource { name: name.into(), shown: format!("templates/shortcodes/{name}"), text: text.into() }
    }

    #[test]
    fn renders_a_template_with_its_arguments() {
        let (site, problems) = SiteContext::new(
            vec![source("card.html", "<b>{{ args[0] }}</b> {{ params.role }}{% if inner %}|{{ inner }}{% endif %}")],
            SiteData::default(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (name, format) = site.template("card").expect("the template");
        assert_eq!(format, Format::Html);
        let args = [(None, "Ada <L>".to_string()), (Some("role"), "SRE".to_string())];
        let out = site.render(name, &Use { name: "card", args: &args, inner: None }, &Value::Null).expect("renders");
        assert_eq!(out, "<b>Ada &lt;L&gt;</b> SRE");
    }

    #[test]
    fn a_template_that_cannot_be_parsed_is_an_error_at_its_line() {
        let (site, problems) =
            SiteContext::new(vec![source("ok.md", "fine"), source("bad.html", "a\n{% if %}")], SiteData::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].path.as_str(), problems[0].line), ("templates/shortcodes/bad.html", 2));
        assert!(site.template("ok").is_some() && site.template("bad").is_none());
    }

    #[test]
    fn a_template_that_writes_too_much_is_stopped() {
        let text = "{% for i in range(end=100000) %}{% for j in range(end=100) %}xxxxxxxxxx{% endfor %}{% endfor %}";
        let (site, _) = SiteContext::new(vec![source("big.html", text)], SiteData::default());
        let error = site.render("big.html", &Use { name: "big", args: &[], inner: None }, &Value::Null);
        assert!(error.is_err_and(|e| e.contains("more than 1 MiB")));
    }

    #[test]
    fn looks_up_a_dotted_key_in_any_case() {
        let value = serde_json::json!({"vers": {"OTel": "1.2"}});
        assert_eq!(lookup(&value, "vers.otel"), Some(&serde_json::json!("1.2")));
        assert_eq!(lookup(&value, "vers.none"), None);
    }
}
