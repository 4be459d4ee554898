//! The theme: Tera templates and static files, looked up file by file in three layers,
//! the first that has a file winning:
//!
//! 1. the site's own `templates/` and `static/` folders;
//! 2. the configured theme's `themes/<name>/templates/` and `themes/<name>/static/`;
//! 3. the built-in default theme, embedded in the binary (`themes/default/` in the
//!    opsbook repository), so an installed `opsbook` needs no files beside it.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;
use std::path::Path;

use walkdir::WalkDir;

use crate::content::confine::{Confinement, Located as _};
use crate::content::walk::is_ignored_name;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::site::generated::GENERATED_PAGES;

macro_rules! embed {
    ($kind:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/", $kind, "/", $name)))),*]
    };
}

/// The built-in templates, by name, but for those of the generated pages, which are in
/// their table ([`GENERATED_PAGES`]).
pub(crate) const BUILTIN_TEMPLATES: &[(&str, &[u8])] = embed!("templates":
    "base.html",
    "page.html",
    "section.html",
    "index.html",
    "404.html",
    "redirect.html",
    "alert.html",
    "partials/breadcrumbs.html",
    "partials/catalog.html",
    "partials/page-meta.html",
    "partials/page-footer.html",
    "partials/panel-runbook.html",
    "partials/panel-rca.html",
    "partials/panel-fields.html",
    "partials/nav.html",
    "partials/page-nav.html",
    "partials/section-list.html",
    "partials/section-item.html",
    "partials/toc.html",
    "partials/panel-status.html",
    "partials/status-badges.html",
    "partials/status-maintenance.html",
    "partials/status-body.html",
    "partials/status-updates.html",
    "partials/local-times.html",
    "partials/toc-mobile.html",
    "status-site/base.html",
    "status-site/index.html",
    "status-site/event.html",
    "partials/post-list.html",
    "partials/dated-list.html",
);

/// The fixed ids the built-in templates give elements: a heading the build adds to a
/// page (a navigation group's on a section page) takes none of them.
pub(crate) const THEME_IDS: &[&str] = &[
    "action-items-table",
    "alerts-filter-input",
    "catalog",
    "community-reviews",
    "community-shared",
    "content",
    "first-steps-heading",
    "missing-alert-heading",
    "open-action-items",
    "page-body",
    "past-incidents-list",
    "search-page-title",
    "search-results",
    "site-footer",
    "site-nav",
    "status-active",
    "status-components",
    "status-history",
    "status-maintenance",
    "status-subscribe",
    "status-updates",
];

/// The parts of the search client, in order. The build writes `search.js` as their
/// concatenation (but for [`SEARCH_LATER`]), so a page makes one request for it; each
/// part can be replaced file by file like any static file, and a theme's own `search.js`
/// replaces them all.
pub(crate) const SEARCH_PARTS: &[&str] = &[
    "search-format.js",
    "search-query.js",
    "search-typos.js",
    "search-engine.js",
    "search-phrases.js",
    "search-snippets.js",
    "search-box.js",
    "search-page.js",
];

/// The parts of [`SEARCH_PARTS`] that only some searches need, written as files of their
/// own and loaded by the search box when first needed rather than with `search.js` on
/// every page: typing mistakes (a word that matches nothing), quoted phrases, and the
/// search page (a page with `data-search-page`). A plain host sends a page 7 KB less.
pub(crate) const SEARCH_LATER: &[&str] = &["search-typos.js", "search-phrases.js", "search-page.js"];

/// The built-in static files, by path in the output (the [`SEARCH_PARTS`] are written
/// as one, `search.js`, but for the [`SEARCH_LATER`] ones).
pub(crate) const BUILTIN_STATIC: &[(&str, &[u8])] = embed!("static":
    "style.css",
    "favicon.svg",
    "search-analysis.js",
    "search-format.js",
    "search-query.js",
    "search-typos.js",
    "search-engine.js",
    "search-phrases.js",
    "search-snippets.js",
    "search-box.js",
    "search-page.js",
    "search-community.js",
    "status.css",
    "theme.js",
    "tabs.js",
    "alerts.css",
    "status-days.js",
    "page-tools.js",
);

/// The folder of `templates/` that holds the templates of a handbook's own constructs.
pub(crate) const SHORTCODES: &str = "shortcodes/";

/// Where a theme file comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary.
    Builtin(&'static [u8]),
    /// A file on disk, with its path relative to the root for diagnostics.
    File {
        /// The path, as the confinement let it through.
        path: crate::fs::Confined,
        /// The path relative to the handbook root.
        shown: String,
    },
}

impl Origin {
    /// The path shown in diagnostics.
    pub fn shown(&self, name: &str) -> String {
        match self {
            Origin::Builtin(_) => format!("(built-in theme) templates/{name}"),
            Origin::File { shown, .. } => shown.clone(),
        }
    }

    /// The file's bytes.
    pub fn read(&self) -> anyhow::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Origin::Builtin(bytes) => Ok(std::borrow::Cow::Borrowed(bytes)),
            Origin::File { path, .. } => {
                crate::fs::read(path, crate::fs::FileKind::Template).map(std::borrow::Cow::Owned)
            }
        }
    }
}

/// The theme files of one site, after the layers were merged.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// Template name (`partials/nav.html`) -> where it comes from.
    pub templates: BTreeMap<String, Origin>,
    /// Output path (`style.css`) -> where it comes from.
    pub statics: BTreeMap<String, Origin>,
    /// The templates a handbook gives its own constructs (`templates/shortcodes/`), by
    /// path below that folder: not page templates ([`crate::markdown::templating`]).
    pub shortcodes: BTreeMap<String, Origin>,
    /// Notes of the discovery: the site's templates of another tool, left out.
    pub notes: Vec<Diagnostic>,
}

/// The built-in static files a file of the content may take the place of: the site's
/// icon, which a moved site keeps at its root.
const CONTENT_MAY_REPLACE: [&str; 1] = ["favicon.svg"];

impl ThemeFiles {
    /// Leaves out the built-in static files that a file of the content (`assets`, content
    /// paths; `shown` names one as diagnostics do) takes the place of, with a note for each.
    pub(crate) fn yield_to_content(&mut self, assets: &[String], shown: impl Fn(&str) -> String) -> Vec<Diagnostic> {
        let mut notes = Vec::new();
        for name in CONTENT_MAY_REPLACE {
            let builtin = matches!(self.statics.get(name), Some(Origin::Builtin(_)));
            if builtin && assets.iter().any(|asset| asset == name) {
                self.statics.remove(name);
                let file = shown(name);
                let message = format!("`{file}` is published at /{name}, in place of the theme's");
                notes.push(Diagnostic::error(Rule::DuplicateUrl, &file, 0, 0, message).with_severity(Severity::Note));
            }
        }
        notes
    }

    /// Merges the three layers for `theme` under `root`. A theme that names no folder
    /// under `themes/` is an error (except `default`, which is built in).
    pub fn discover(root: &Path, theme: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
        let mut files = ThemeFiles::default();
        for &(name, bytes) in BUILTIN_TEMPLATES {
            files.templates.insert(name.to_string(), Origin::Builtin(bytes));
        }
        for spec in GENERATED_PAGES {
            files.templates.insert(spec.template.to_string(), Origin::Builtin(spec.builtin_template));
        }
        for &(name, bytes) in BUILTIN_STATIC {
            files.statics.insert(name.to_string(), Origin::Builtin(bytes));
        }
        let theme_dir = root.join("themes").join(theme);
        if !theme_dir.is_dir() && theme != "default" {
            return Err(vec![Diagnostic::error(
                Rule::ConfigField,
                crate::config::CONFIG_FILE,
                0,
                0,
                format!("the theme `{theme}` does not exist: there is no folder themes/{theme}/"),
            )]);
        }
        let mut problems = Vec::new();
        let Some(confine) = Confinement::new(root) else { return Ok(files) };
        let layers =
            [(theme_dir.join("templates"), theme_dir.join("static")), (root.join("templates"), root.join("static"))];
        for (at, (templates, statics)) in layers.into_iter().enumerate() {
            let below = (at == 1).then(|| files.templates.clone());
            overlay(&mut files.templates, root, &templates, &confine, &mut problems);
            overlay(&mut files.statics, root, &statics, &confine, &mut problems);
            if let Some(below) = below {
                files.notes.extend(set_aside_foreign(&mut files.templates, &below, &templates));
            }
        }
        let shortcodes: Vec<String> =
            files.templates.keys().filter(|name| name.starts_with(SHORTCODES)).cloned().collect();
        for name in shortcodes {
            if let Some(origin) = files.templates.remove(&name) {
                files.shortcodes.insert(name[SHORTCODES.len()..].to_string(), origin);
            }
        }
        if problems.is_empty() { Ok(files) } else { Err(problems) }
    }
}

impl ThemeFiles {
    /// Adds the images of the old tool's resource folders `folders` (relative to `root`)
    /// to the static files, below the theme's and `static/`'s: the old tool published
    /// an image there at its path below the folder when a page used it. Problems (a
    /// link out of the handbook) come back as diagnostics.
    pub(crate) fn add_resources(&mut self, root: &Path, folders: &[&str]) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let Some(confine) = Confinement::new(root).filter(|_| !folders.is_empty()) else { return problems };
        for folder in folders {
            let mut found = BTreeMap::new();
            overlay(&mut found, root, &root.join(folder), &confine, &mut problems);
            for (path, origin) in found.into_iter().filter(|(path, _)| is_image(path)) {
                self.statics.entry(path).or_insert(origin);
            }
        }
        problems
    }
}

/// Whether `path` names an image by its extension.
fn is_image(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or(String::new(), |(_, e)| e.to_ascii_lowercase());
    ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff"].contains(&extension.as_str())
}

/// Takes out of `templates` the site's templates (under `dir`) written in another
/// template language, putting back the ones of the layers `below`; one note names them.
fn set_aside_foreign(
    templates: &mut BTreeMap<String, Origin>,
    below: &BTreeMap<String, Origin>,
    dir: &Path,
) -> Option<Diagnostic> {
    let foreign: Vec<String> = templates
        .iter()
        .filter(|(_, origin)| matches!(origin, Origin::File { path, .. } if path.path().starts_with(dir)))
        .filter(|(_, origin)| {
            origin.read().is_ok_and(|bytes| std::str::from_utf8(&bytes).is_ok_and(is_foreign_template))
        })
        .map(|(name, _)| name.clone())
        .collect();
    let first = foreign.first()?;
    let shown = templates[first].shown(first);
    let folder = shown.strip_suffix(first.as_str()).unwrap_or("templates/").to_string();
    for name in &foreign {
        match below.get(name) {
            Some(origin) => drop(templates.insert(name.clone(), origin.clone())),
            None => drop(templates.remove(name)),
        }
    }
    let names = foreign.join(", ");
    Some(
        Diagnostic::error(
            Rule::Template,
            &folder,
            0,
            0,
            format!(
                "{folder} holds {} template(s) of another template language, which opsbook leaves out: {names}",
                foreign.len()
            ),
        )
        .with_severity(crate::diagnostic::Severity::Note)
        .with_help("opsbook's templates are Tera templates; the theme's template of the same name is used"),
    )
}

/// Whether `text` is a template of another language than Tera (see the module
/// documentation): an action Tera never parses.
pub(crate) fn is_foreign_template(text: &str) -> bool {
    has_foreign_action(text) || has_foreign_tag(text)
}

/// The tags Tera parses (`{% name`).
const TERA_TAGS: [&str; 21] = [
    "block",
    "endblock",
    "extends",
    "include",
    "import",
    "macro",
    "endmacro",
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "set_global",
    "filter",
    "endfilter",
    "raw",
    "endraw",
    "break",
    "continue",
];

/// Whether `text` has a `{% tag %}` Tera never parses, outside `{% raw %}`: a tag of
/// another language (Liquid's `assign`, `capture`, `unless`; Nunjucks' `call`), or an
/// `include` whose file is not a quoted string (Liquid's `{% include note.html %}`).
fn has_foreign_tag(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find("{%") {
        rest = &rest[open + 2..];
        let tag = rest.trim_start_matches('-').trim_start();
        let word_len = tag.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(tag.len());
        let (word, after) = tag.split_at(word_len);
        let foreign = match word {
            "" => false,
            "raw" => {
                rest = rest.find("endraw").map_or("", |end| &rest[end..]);
                false
            }
            "include" => !after.trim_start().starts_with(['"', '\'', '[']),
            word => !TERA_TAGS.contains(&word),
        };
        if foreign {
            return true;
        }
    }
    false
}

/// Whether `text` has a `{{ }}` action Tera never parses (Go templates, Handlebars).
fn has_foreign_action(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        rest = &rest[open + 2..];
        let action = rest.trim_start_matches('-').trim_start();
        let first = action.chars().next();
        if matches!(first, Some('#' | '/' | '>' | '^' | '!')) || action.starts_with('.') {
            return true;
        }
        let word_len = action.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(action.len());
        let (word, after) = action.split_at(word_len);
        let argument = after.trim_start();
        let go_argument = argument.starts_with(['"', '.', '$']);
        if after.starts_with(' ')
            && go_argument
            && matches!(word, "define" | "template" | "block" | "range" | "with" | "if")
        {
            return true;
        }
    }
    false
}

/// Adds the files under `dir` to `layer`. Links that lead out of the root are reported
/// in `problems` and not followed.
fn overlay(
    layer: &mut BTreeMap<String, Origin>,
    root: &Path,
    dir: &Path,
    confine: &Confinement,
    problems: &mut Vec<Diagnostic>,
) {
    if !dir.is_dir() {
        return;
    }
    let shown = |path: &Path| crate::fs::slash_path(path.strip_prefix(root).unwrap_or(path));
    if let Some(d) = confine.check(dir, &shown(dir)) {
        problems.push(d);
        return;
    }
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_str().is_some_and(is_ignored_name));
    while let Some(entry) = walker.next() {
        let Ok(entry) = entry else { continue };
        if entry.path_is_symlink()
            && let Some(d) = confine.check_published(entry.path(), &shown(entry.path()))
        {
            problems.push(d);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            problems.push(crate::content::walk::not_regular(&shown(entry.path()), entry.file_type()));
            continue;
        }
        let (Ok(name), Some(path)) = (entry.path().strip_prefix(dir), confine.walked(entry.path())) else {
            continue;
        };
        layer.insert(crate::fs::slash_path(name), Origin::File { path, shown: shown(entry.path()) });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_other_template_languages_from_tera() {
        for foreign in [
            "{{define \"title\"}}404{{end}}",
            "<title>{{ .Title }}</title>",
            "{{- range .Pages }}x{{ end }}",
            "{{ template \"layout\" . }}",
            "{{#each items}}{{this}}{{/each}}",
            "{{> header}}",
            "{% include copy-curl.html %}",
            "{% assign x = 1 %}",
            "{%- capture note -%}x{% endcapture %}",
            "{% unless site.x %}y{% endunless %}",
        ] {
            assert!(is_foreign_template(foreign), "{foreign}");
        }
        for tera in [
            "{% extends \"base.html\" %}{% block main %}{{ page.content | safe }}{% endblock main %}",
            "{{ page.title }} {{ end }} {{ if_x }} {{ range(end=3) }}",
            "{# a comment #} {{ \"text\" }}",
            "{{- page.title -}}",
            "{% include \"partials/nav.html\" %}{%- if x %}{% elif y %}{% endif -%}",
            "{% for p in pages %}{% break %}{% endfor %}{% set_global n = 1 %}{% filter upper %}x{% endfilter %}",
            "{% raw %}{% assign %}{% endraw %} {% import \"macros.html\" as m %}",
        ] {
            assert!(!is_foreign_template(tera), "{tera}");
        }
    }

    /// [`THEME_IDS`] names every fixed id of the built-in templates.
    #[test]
    fn theme_ids_are_every_fixed_id_of_the_templates() {
        let mut found = std::collections::BTreeSet::new();
        for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates")) {
            let entry = entry.expect("a template");
            if !entry.file_type().is_file() {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
            for rest in text.split(" id=\"").skip(1) {
                let id = rest.split('"').next().unwrap_or_default();
                if !id.contains(['{', '%']) {
                    found.insert(id.to_string());
                }
            }
        }
        assert_eq!(found.into_iter().collect::<Vec<_>>(), THEME_IDS);
    }

    /// Every file of the built-in theme is embedded, so none is forgotten in the lists.
    #[test]
    fn embeds_every_file_of_the_default_theme() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        for (kind, list) in [("templates", BUILTIN_TEMPLATES), ("static", BUILTIN_STATIC)] {
            let on_disk: Vec<String> = WalkDir::new(dir.join(kind))
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| crate::fs::slash_path(e.path().strip_prefix(dir.join(kind)).unwrap()))
                .collect();
            let mut embedded: Vec<String> = list.iter().map(|(name, _)| name.to_string()).collect();
            if kind == "templates" {
                embedded.extend(GENERATED_PAGES.iter().map(|spec| spec.template.to_string()));
            }
            embedded.sort();
            let mut on_disk = on_disk;
            on_disk.sort();
            assert_eq!(embedded, on_disk, "themes/default/{kind}");
        }
    }
}
