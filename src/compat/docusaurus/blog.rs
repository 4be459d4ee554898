//! Docusaurus's blogs: the folders its blog plugin reads, as opsbook's blogs
//! ([`crate::site::blog`]).
//!
//! A Docusaurus site configures its blog in `docusaurus.config.js` (`.ts`, `.mjs`,
//! `.cjs`): the classic preset's `blog: { … }` (its default options when not written;
//! `blog: false` has none) and each `'@docusaurus/plugin-content-blog'` of its plugins.
//! Of each, opsbook reads the options of
//! <https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-blog>.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::Config;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::js_literal::{Js, Located};
use crate::compat::docusaurus::options::clean_folder;

/// The blog plugin's default `path`.
const DEFAULT_PATH: &str = "blog";

/// The blog plugin's default `authorsMapPath`.
const DEFAULT_AUTHORS: &str = "authors.yml";

/// One instance of the blog plugin, as its options say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BlogPlugin {
    /// `id`, `None` for the default instance.
    pub id: Option<String>,
    /// `path`: the folder of the posts, from the root, without `./` or a trailing `/`.
    pub path: String,
    /// `routeBasePath`, without its slashes: where the posts were published.
    pub route: String,
    /// The line and column of the plugin's options (0 for the preset's default blog).
    pub at: (usize, usize),
    /// `authorsMapPath`, relative to `path`, as written.
    pub authors_map: String,
    /// The line and column of `authorsMapPath` in the configuration (0 when not written).
    pub authors_at: (usize, usize),
}

impl BlogPlugin {
    /// The folder of a locale's translated posts, from the root.
    pub(crate) fn translated_folder(&self, locale: &str) -> String {
        match &self.id {
            Some(id) => format!("i18n/{locale}/docusaurus-plugin-content-blog-{id}"),
            None => format!("i18n/{locale}/docusaurus-plugin-content-blog"),
        }
    }
}

/// A blog of the handbook read from a Docusaurus blog plugin: where it is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocusaurusBlog {
    /// The content path of the folder its posts are mounted at (`blog`, `de/blog`).
    pub dir: String,
    /// Its authors file, from the root (`blog/authors.yml`); `None` when
    /// `authorsMapPath` climbs out of the root.
    pub authors_file: Option<String>,
    /// The content path of its authors file when `authorsMapPath` names one in its
    /// folder (`blog/authors.yml`, `de/blog/authors.yml`): data, never published.
    pub authors_in_folder: Option<String>,
}

/// The blog plugins of the Docusaurus configuration `text` (of file `name`); a
/// configuration opsbook cannot read is a note, and has none.
pub(crate) fn blog_plugins(text: &str, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<BlogPlugin> {
    let options = match super::js_options::plugin_options(text, "blog", super::plugins::BLOG_PLUGIN) {
        Ok(options) => options,
        Err((line, column, message)) => {
            let note = format!("cannot read the blog's options ({message}): its folder is no blog");
            diagnostics
                .push(Diagnostic::error(Rule::ConfigSyntax, name, line, column, note).with_severity(Severity::Note));
            return Vec::new();
        }
    };
    for options in &options {
        super::options::note_unevaluated(options, &["path", "routeBasePath", "authorsMapPath"], name, diagnostics);
    }
    let text_of = |options: &Located, key: &str| options.get(key).and_then(Located::str).map(str::to_string);
    let mut plugins: Vec<BlogPlugin> = options
        .iter()
        .filter(|options| matches!(options.value, Js::Object(_)))
        .map(|options| BlogPlugin {
            id: text_of(options, "id").filter(|id| id != "default"),
            path: clean_folder(&text_of(options, "path").unwrap_or_else(|| DEFAULT_PATH.to_string())),
            route: text_of(options, "routeBasePath")
                .unwrap_or_else(|| DEFAULT_PATH.to_string())
                .trim_matches('/')
                .into(),
            at: (options.line, options.column),
            authors_map: text_of(options, "authorsMapPath").unwrap_or_else(|| DEFAULT_AUTHORS.to_string()),
            authors_at: options.get("authorsMapPath").map_or((0, 0), |value| (value.line, value.column)),
        })
        .collect();
    // The classic preset has its blog with the default options unless `blog: false`.
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if !plugins.iter().any(|p| p.id.is_none()) && !compact.contains("blog:false") {
        plugins.insert(
            0,
            BlogPlugin {
                id: None,
                path: DEFAULT_PATH.to_string(),
                route: DEFAULT_PATH.to_string(),
                at: (0, 0),
                authors_map: DEFAULT_AUTHORS.to_string(),
                authors_at: (0, 0),
            },
        );
    }
    plugins
}

/// The blogs `plugins` (of configuration file `name`) publish in the handbook of
/// `config`: each folder a source mounts that is a plugin's `path`, or its translated
/// posts' folder, and each other language's copy of such a blog (`de/news`) where no
/// folder of translated posts is mounted. An `authorsMapPath` that leads out of the handbook is a warning at it,
/// and the blog's authors file is not read.
pub(crate) fn blogs(
    config: &Config,
    plugins: &[BlogPlugin],
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<DocusaurusBlog> {
    let mut blogs = Vec::new();
    for plugin in plugins {
        let authors_file = crate::site_path::join_relative(&plugin.path, &plugin.authors_map)
            .filter(|file| !file.is_empty() && !plugin.authors_map.starts_with('/'));
        if authors_file.is_none() {
            let (line, column) = plugin.authors_at;
            let message = format!(
                "`authorsMapPath: '{}'` leads out of the handbook: the blog's authors are not read",
                plugin.authors_map
            );
            diagnostics.push(
                Diagnostic::error(Rule::SymlinkOutsideRoot, name, line, column, message)
                    .with_severity(Severity::Warning),
            );
        }
        for source in &config.sources.list {
            let folder = source.folder.trim_matches('/');
            let translated = config.languages.list.iter().any(|locale| plugin.translated_folder(locale) == folder);
            if folder == plugin.path || translated {
                let dir = source.mount.trim_matches('/').to_string();
                let authors_in_folder = authors_in_folder(&dir, &plugin.authors_map);
                blogs.push(DocusaurusBlog { dir, authors_file: authors_file.clone(), authors_in_folder });
            }
        }
    }
    // Docusaurus builds each locale's blog whole, its untranslated posts in the default
    // language: so is each language's copy of a blog, without a folder of translated posts.
    let originals: Vec<String> = blogs
        .iter()
        .filter(|blog| {
            config.languages.is_multilingual()
                && config.languages.of_path(&blog.dir) == config.languages.default_language()
        })
        .map(|blog| blog.dir.clone())
        .collect();
    for dir in originals {
        for code in config.languages.others() {
            let copy = format!("{code}/{dir}");
            if !blogs.iter().any(|blog| blog.dir == copy) {
                let original = blogs.iter().find(|blog| blog.dir == dir).and_then(|blog| blog.authors_file.clone());
                blogs.push(DocusaurusBlog { dir: copy, authors_file: original, authors_in_folder: None });
            }
        }
    }
    blogs
}

/// A Docusaurus blog's people file in its folder (`blog/authors.yml`), when
/// `authorsMapPath` names one there.
pub(crate) fn authors_in_folder(dir: &str, authors_map: &str) -> Option<String> {
    let inside = !authors_map.starts_with('/') && !authors_map.split('/').any(|part| part == "..");
    inside.then(|| crate::site_path::join_relative(dir, authors_map)).flatten().filter(|path| !path.is_empty())
}

/// The blog of `blogs` whose post is the page of content path `path`, and the post's
/// path inside the blog's folder; `None` for a page of no such blog, the blog's own
/// index page, and a file or folder whose name starts with `_`.
pub(crate) fn post_of<'b>(blogs: &'b [DocusaurusBlog], path: &str) -> Option<(&'b DocusaurusBlog, String)> {
    let blog = blogs.iter().find(|blog| path.strip_prefix(blog.dir.as_str()).is_some_and(|r| r.starts_with('/')))?;
    let inside = &path[blog.dir.len() + 1..];
    let own_index =
        !inside.contains('/') && matches!(crate::content::formats::template_stem(inside), "index" | "README");
    if own_index || inside.split('/').any(|part| part.starts_with('_')) {
        return None;
    }
    Some((blog, inside.to_string()))
}

/// The date and slug of a post at `inside` (its path in the blog's folder), as the blog
/// plugin's `parseBlogFileName` reads them: the last date in the path (`YYYY-MM-DD` or
/// `YYYY/MM/DD`, one- or two-digit month and day) and the slug `folder/YYYY/MM/DD/text`;
/// without a date, the path without its extension and `/index`.
pub(crate) fn post_slug(inside: &str) -> (Option<Date>, String) {
    let stem = inside.rsplit_once('.').map_or(inside, |(stem, _)| stem);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    let bytes = stem.as_bytes();
    for start in (0..bytes.len()).rev() {
        let Some((date, end)) = date_at(stem, start) else { continue };
        let text = stem[end..].strip_prefix(['-', '/']).unwrap_or(&stem[end..]);
        let (year, month, day) = date.ymd();
        return (Some(date), format!("{}{year:04}/{month:02}/{day:02}/{text}", &stem[..start]));
    }
    (None, stem.to_string())
}

/// The date written at byte `start` of `text` (`\d{4}[-/]\d{1,2}[-/]\d{1,2}`) and the
/// byte after it.
fn date_at(text: &str, start: usize) -> Option<(Date, usize)> {
    let bytes = text.as_bytes();
    let digits = |from: usize, most: usize| {
        let n = bytes[from.min(bytes.len())..].iter().take(most).take_while(|b| b.is_ascii_digit()).count();
        (n > 0).then(|| (text[from..from + n].parse::<u32>().ok(), from + n))
    };
    let (year, at) = digits(start, 4).filter(|(_, end)| *end == start + 4)?;
    let separator = |at: usize| matches!(bytes.get(at), Some(b'-' | b'/'));
    if !separator(at) {
        return None;
    }
    let (month, at) = digits(at + 1, 2)?;
    if !separator(at) {
        return None;
    }
    let (day, end) = digits(at + 1, 2)?;
    let date = Date::from_ymd(i64::from(year?), month?, day?)?;
    Some((date, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docusaurus_authors_map_is_in_the_blog_s_folder_only_when_it_stays_there() {
        assert_eq!(authors_in_folder("blog", "authors.yml").as_deref(), Some("blog/authors.yml"));
        assert_eq!(authors_in_folder("de/blog", "./people/a.yml").as_deref(), Some("de/blog/people/a.yml"));
        assert_eq!(authors_in_folder("blog", "../people.yml"), None);
        assert_eq!(authors_in_folder("blog", "/etc/passwd"), None);
    }

    #[test]
    fn reads_each_blog_plugin_s_folder_and_authors_file() {
        let text = "module.exports = { presets: [['classic', { docs: {}, blog: { path: './news/', authorsMapPath: '../people.yml' } }]],
            plugins: [['@docusaurus/plugin-content-blog', { id: 'community', path: 'community', routeBasePath: 'community' }]] };";
        let plugins = blog_plugins(text, "docusaurus.config.js", &mut Vec::new());
        assert_eq!(plugins.len(), 2);
        assert_eq!((plugins[0].id.as_deref(), plugins[0].path.as_str()), (None, "news"));
        assert_eq!(plugins[0].authors_map, "../people.yml");
        assert_eq!((plugins[1].id.as_deref(), plugins[1].path.as_str()), (Some("community"), "community"));
        assert_eq!(plugins[1].translated_folder("de"), "i18n/de/docusaurus-plugin-content-blog-community");
        let default = blog_plugins("presets: [['classic', { docs: {} }]]", "x", &mut Vec::new());
        assert_eq!((default[0].path.as_str(), default[0].authors_map.as_str()), ("blog", "authors.yml"));
        assert!(blog_plugins("presets: [['classic', { blog: false }]]", "x", &mut Vec::new()).is_empty());
        let community = "blog: false, plugins: [['@docusaurus/plugin-content-blog', { id: 'c', path: 'c' }]]";
        assert_eq!(blog_plugins(community, "x", &mut Vec::new()).len(), 1);
    }

    #[test]
    fn a_post_s_date_and_slug_are_read_from_its_path_as_docusaurus_reads_them() {
        let date = |text: &str| Date::parse(text);
        assert_eq!(post_slug("2024-01-05-release.md"), (date("2024-01-05"), "2024/01/05/release".into()));
        assert_eq!(post_slug("2022-05-23-deploy/index.mdx"), (date("2022-05-23"), "2022/05/23/deploy".into()));
        assert_eq!(post_slug("2021/8/6/welcome.md"), (date("2021-08-06"), "2021/08/06/welcome".into()));
        assert_eq!(post_slug("releases/2024-01-05.md"), (date("2024-01-05"), "releases/2024/01/05/".into()));
        assert_eq!(post_slug("notes/hello.md"), (None, "notes/hello".into()));
        assert_eq!(post_slug("hello/index.md"), (None, "hello".into()));
        assert_eq!(post_slug("2024-13-45-x.md"), (None, "2024-13-45-x".into()));
    }

    #[test]
    fn posts_are_the_files_of_the_blog_s_folder_but_underscored_ones() {
        let blogs = [DocusaurusBlog { dir: "blog".into(), authors_file: None, authors_in_folder: None }];
        assert_eq!(post_of(&blogs, "blog/2024-01-05-x.md").map(|(_, i)| i), Some("2024-01-05-x.md".into()));
        assert!(post_of(&blogs, "blog/2024-01-05-x/index.mdx").is_some());
        assert!(post_of(&blogs, "blog/index.md").is_none() && post_of(&blogs, "blog/_draft.md").is_none());
        assert!(post_of(&blogs, "blog/_partials/x.md").is_none() && post_of(&blogs, "blogs/x.md").is_none());
    }
}
