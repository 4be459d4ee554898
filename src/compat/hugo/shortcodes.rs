//! The shortcode templates a Hugo site gives itself (its own `layouts/` and its themes'),
//! which Hugo runs instead of its embedded shortcode of the same name: opsbook runs no Go
//! template, so a shortcode with a template here gets none of opsbook's renderings
//! ([`crate::compat::dialects`]). Folders are listed through the handbook's confinement,
//! at most [`MAX_ENTRIES`] entries and [`MAX_DEPTH`] folders deep; each template is read
//! only for whether it may write ids ([`super::shortcode_ids`]).
//!
//! More: docs/architecture.md, "Notes by module".

use serde_json::Value;

use super::mounts::mounts_at;
use super::site::key;
use crate::config::Config;
use crate::content::confine::Located;
use crate::content::site_data::{OwnTemplate, OwnTemplates, ThemeShortcodes};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The most entries of `layouts/` folders listed, all together.
pub(crate) const MAX_ENTRIES: usize = 20_000;
/// The deepest folder below a `layouts/` folder listed.
pub(crate) const MAX_DEPTH: usize = 12;

/// The extensions of a template an HTML page runs: HTML, and the plain text ones a
/// `{{% %}}` shortcode runs.
const PAGE_EXTENSIONS: [&str; 5] = ["html", "htm", "md", "markdown", "txt"];

/// The shortcode templates of the Hugo site of `config`, whose configuration is `site`:
/// the project's, then its themes'; and whose theme's shortcodes opsbook reads.
pub(crate) fn own_templates(
    config: &Config,
    site: Option<&Value>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (OwnTemplates, ThemeShortcodes) {
    let budget = super::shortcode_ids::MAX_SCANNED_TOTAL;
    let mut walk = Walk { config, found: Vec::new(), entries: 0, budget, diagnostics };
    let mounts = mounts_at(site, "layouts");
    if mounts.is_empty() {
        walk.folder("layouts", "", false, 0);
    }
    for mount in mounts {
        walk.folder(mount.source.trim_matches('/'), &mount.target, false, 0);
    }
    let themes = themes(site);
    for theme in &themes {
        let folder = theme_folder(config, site, theme);
        if let Some(folder) = folder {
            walk.folder(&format!("{folder}/layouts"), "", true, 0);
        }
    }
    (OwnTemplates(walk.found), theme_shortcodes(&themes))
}

/// Whose shortcodes the themes `names` are: the Book theme's by its folder's name as its
/// README installs it (`themes/hugo-book`, or `book` as sites name the submodule) or by
/// its module path (`github.com/alex-shpak/hugo-book`, a `/v2` after it).
fn theme_shortcodes(names: &[String]) -> ThemeShortcodes {
    let is_book = |name: &str| {
        let name = name.trim_end_matches('/').to_ascii_lowercase();
        let mut parts =
            name.rsplit('/').skip_while(|p| p.len() > 1 && p.starts_with('v') && p[1..].parse::<u32>().is_ok());
        let last = parts.next().unwrap_or("");
        last == "hugo-book" || (last == "book" && !name.contains('/'))
    };
    if names.iter().any(|name| is_book(name)) { ThemeShortcodes::Book } else { ThemeShortcodes::General }
}

/// Whether one of the site's themes is Docsy, by its folder's name (`themes/docsy`) or
/// its module path (`github.com/google/docsy`, a `/v2` after it).
pub(crate) fn uses_docsy(site: Option<&Value>) -> bool {
    themes(site).iter().any(|name| {
        let name = name.trim_end_matches('/').to_ascii_lowercase();
        let mut parts =
            name.rsplit('/').skip_while(|p| p.len() > 1 && p.starts_with('v') && p[1..].parse::<u32>().is_ok());
        parts.next() == Some("docsy")
    })
}

/// The themes of the site, in order: `theme` (a name, a comma-separated list or a list),
/// then the paths of the module's imports.
fn themes(site: Option<&Value>) -> Vec<String> {
    let top = site.and_then(Value::as_object);
    let mut names: Vec<String> = match top.and_then(|t| key(t, "theme")) {
        Some(Value::String(list)) => list.split(',').map(|n| n.trim().to_string()).collect(),
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let module = top.and_then(|t| key(t, "module"));
    let imports = module.and_then(Value::as_object).and_then(|m| key(m, "imports")).and_then(Value::as_array);
    for import in imports.into_iter().flatten().filter_map(Value::as_object) {
        names.extend(key(import, "path").and_then(Value::as_str).map(|p| p.trim().to_string()));
    }
    names.retain(|name| !name.is_empty());
    names
}

/// Where the theme or module `name` lies, relative to the root: in `_vendor/`, else in
/// `themesDir`; `None` when in neither (a module opsbook does not download).
fn theme_folder(config: &Config, site: Option<&Value>, name: &str) -> Option<String> {
    let themes_dir = site
        .and_then(Value::as_object)
        .and_then(|t| key(t, "themesDir"))
        .and_then(Value::as_str)
        .unwrap_or("themes")
        .trim_matches('/');
    let name = name.trim_matches('/');
    if name.split('/').any(|part| part == ".." || part.is_empty()) {
        return None;
    }
    [format!("_vendor/{name}"), format!("{themes_dir}/{name}")].into_iter().find(|f| config.root.join(f).is_dir())
}

/// A walk of `layouts/` folders for shortcode templates.
struct Walk<'a> {
    config: &'a Config,
    found: Vec<OwnTemplate>,
    entries: usize,
    /// What is left of the bytes of templates read for ids.
    budget: u64,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks the folder `shown` (relative to the root), which is `below` in `layouts/`.
    fn folder(&mut self, shown: &str, below: &str, theme: bool, depth: usize) {
        let Some(confinement) = self.config.confinement() else { return };
        let dir = self.config.root.join(shown);
        if depth == 0
            && let Some(d) = confinement.check_published(&dir, shown)
        {
            self.diagnostics.push(d.with_severity(Severity::Warning));
            return;
        }
        if depth > MAX_DEPTH || confinement.readable(&dir).is_err() || !dir.is_dir() {
            return;
        }
        let mut entries: Vec<(String, std::fs::FileType)> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| Some((entry.file_name().to_str()?.to_string(), entry.file_type().ok()?)))
            .filter(|(name, _)| !crate::fs::confine::is_ignored_name(name))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type) in entries {
            self.entries += 1;
            if self.entries > MAX_ENTRIES {
                if self.entries == MAX_ENTRIES + 1 {
                    let message = format!(
                        "the layouts hold more than {} entries; the shortcode templates of the rest are not looked for",
                        crate::diagnostic::thousands(MAX_ENTRIES)
                    );
                    self.warn(shown, message);
                }
                return;
            }
            let (path, child) = (dir.join(&name), format!("{shown}/{name}"));
            if file_type.is_symlink()
                && let Some(d) = confinement.check_published(&path, &child)
            {
                self.diagnostics.push(d.with_severity(Severity::Warning));
                continue;
            }
            let inside = if below.is_empty() { name.clone() } else { format!("{below}/{name}") };
            if path.is_dir() {
                self.folder(&child, &inside, theme, depth + 1);
            } else if let Some((name, scope)) = template_name(&inside) {
                let writes_ids = super::shortcode_ids::template_writes_ids(confinement, &path, &mut self.budget);
                self.found.push(OwnTemplate { name, scope, shown: child, theme, writes_ids });
            }
        }
    }

    /// A warning at the folder `shown`.
    fn warn(&mut self, shown: &str, message: String) {
        self.diagnostics
            .push(Diagnostic::error(Rule::ConfigField, shown, 0, 0, message).with_severity(Severity::Warning));
    }
}

/// The shortcode name and the content folder it serves of the template at `path` in
/// `layouts/`, when it is a shortcode template an HTML page runs.
pub(crate) fn template_name(path: &str) -> Option<(String, String)> {
    let path = path.to_ascii_lowercase();
    let path = path.strip_prefix("_default/").unwrap_or(&path);
    let (scope, rest) = match path.split_once("/_shortcodes/") {
        Some((scope, rest)) => (scope.strip_prefix("_default").unwrap_or(scope), rest),
        None => ("", path.strip_prefix("_shortcodes/").or_else(|| path.strip_prefix("shortcodes/"))?),
    };
    let (folder, file) = rest.rsplit_once('/').map_or(("", rest), |(f, n)| (f, n));
    let (stem, extension) = (file.split('.').next()?, file.rsplit('.').next()?);
    if stem.is_empty() || !file.contains('.') || !PAGE_EXTENSIONS.contains(&extension) {
        return None;
    }
    let name = if folder.is_empty() { stem.to_string() } else { format!("{folder}/{stem}") };
    Some((name, scope.trim_matches('/').to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name and scope of each template path, as Hugo's lookup tests place them
    /// (gohugoio/hugo at 7b5199fdeff7d7682e9f979f468d55bc7b67b934):
    /// `tpl/tplimpl/templatestore_integration_test.go` (`TestLookupShortcodeDepth`,
    /// `TestIssue13605`, `TestLookupShortcodeLayout`, `BenchmarkLookupShortcode`),
    /// `tpl/tplimpl/shortcodes_integration_test.go` (`TestShortcodeLanguage13767`,
    /// `TestShortcodePlainTextVsHTMLTemplateIssue13698`) and
    /// `tpl/tplimpl/templatestore_legacy1_integration_test.go` (`layouts/shortcodes/`).
    #[test]
    fn names_templates_as_hugos_lookup_tests_place_them() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("_shortcodes/myshortcode.html", Some(("myshortcode", ""))),
            ("foo/_shortcodes/myshortcode.html", Some(("myshortcode", "foo"))),
            ("foo/bar/_shortcodes/myshortcode.html", Some(("myshortcode", "foo/bar"))),
            ("s1/_shortcodes/sc.html", Some(("sc", "s1"))),
            ("_shortcodes/myshortcode.single.html", Some(("myshortcode", ""))),
            ("_shortcodes/myshortcode.en.html", Some(("myshortcode", ""))),
            ("_shortcodes/a/b/s.html", Some(("a/b/s", ""))),
            ("_shortcodes/mymarkdown.md", Some(("mymarkdown", ""))),
            ("shortcodes/myshortcode.html", Some(("myshortcode", ""))),
            ("_default/shortcodes/MyShortcode.html", Some(("myshortcode", ""))),
            ("_shortcodes/feed.rss.xml", None),
            ("_shortcodes/data.json", None),
            ("single.html", None),
            ("partials/shortcodes/x.html", None),
            ("_shortcodes/noextension", None),
        ];
        for (path, expected) in cases {
            let expected = expected.map(|(n, s)| (n.to_string(), s.to_string()));
            assert_eq!(template_name(path), expected, "{path}");
        }
    }

    fn own(path: &str, theme: bool) -> OwnTemplate {
        let (name, scope) = template_name(path).unwrap();
        OwnTemplate { name, scope, shown: format!("layouts/{path}"), theme, writes_ids: true }
    }

    /// Which template serves which page: `TestLookupShortcodeDepth` (the nearest folder
    /// wins, below it too), `TestTemplateLoopBlogVsBlogrollIssue13672` (`blog` does not
    /// serve `blogroll`), `TestIssue13605`; and the site's before a theme's.
    #[test]
    fn finds_the_template_of_a_page_as_hugo_looks_it_up() {
        let templates = OwnTemplates(vec![
            own("_shortcodes/myshortcode.html", false),
            own("foo/_shortcodes/myshortcode.html", false),
            own("blog/_shortcodes/blogged.html", false),
            own("s1/_shortcodes/sc.html", false),
        ]);
        let shown = |name: &str, dir: &str| templates.find(name, dir).map(|t| t.shown.clone());
        assert_eq!(shown("myshortcode", "").as_deref(), Some("layouts/_shortcodes/myshortcode.html"));
        assert_eq!(shown("myshortcode", "foo").as_deref(), Some("layouts/foo/_shortcodes/myshortcode.html"));
        assert_eq!(shown("MyShortcode", "foo/bar").as_deref(), Some("layouts/foo/_shortcodes/myshortcode.html"));
        assert_eq!(shown("myshortcode", "foobar").as_deref(), Some("layouts/_shortcodes/myshortcode.html"));
        assert_eq!(shown("blogged", "blog").as_deref(), Some("layouts/blog/_shortcodes/blogged.html"));
        assert_eq!(shown("blogged", "blogroll"), None);
        assert_eq!(shown("sc", "s1").as_deref(), Some("layouts/s1/_shortcodes/sc.html"));
        assert_eq!(shown("sc", ""), None);

        let themed = OwnTemplates(vec![own("_shortcodes/figure.html", true), own("shortcodes/figure.html", false)]);
        assert!(!themed.find("figure", "").unwrap().theme);
        assert!(OwnTemplates(vec![own("_shortcodes/figure.html", true)]).find("figure", "").unwrap().theme);
    }

    #[test]
    fn reads_the_themes_of_the_configuration_and_its_imports() {
        let parse = |text: &str| super::super::site::parse("hugo.toml", text).unwrap();
        assert_eq!(themes(Some(&parse("theme = \"a, b\"\n"))), ["a", "b"]);
        assert_eq!(themes(Some(&parse("theme = [\"a\", \"b\"]\n"))), ["a", "b"]);
        let imports = "theme = \"t\"\n[[module.imports]]\npath = \"github.com/google/docsy\"\n";
        assert_eq!(themes(Some(&parse(imports))), ["t", "github.com/google/docsy"]);
        let own = super::super::site::parse("module.toml", "[[imports]]\npath = \"m\"\n").unwrap();
        let own = super::super::config_files::place("module.toml", own.as_object().cloned().unwrap_or_default());
        assert_eq!(themes(Some(&own)), ["m"]);
    }

    #[test]
    fn knows_the_book_theme_by_its_folder_or_module_path() {
        let kind = |names: &[&str]| theme_shortcodes(&names.iter().map(|n| n.to_string()).collect::<Vec<_>>());
        for names in [
            &["book"][..],
            &["hugo-book"],
            &["github.com/alex-shpak/hugo-book"],
            &["x", "github.com/alex-shpak/hugo-book/v2"],
        ] {
            assert_eq!(kind(names), ThemeShortcodes::Book, "{names:?}");
        }
        for names in [&["docsy"][..], &["github.com/google/docsy"], &["github.com/x/book"], &["hugo-geekdoc"], &[]] {
            assert_eq!(kind(names), ThemeShortcodes::General, "{names:?}");
        }
    }
}
