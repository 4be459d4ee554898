//! The URLs of a Jekyll site, read from its `_config.yml` as Jekyll reads them
//! (jekyll/jekyll `lib/jekyll/page.rb`, `document.rb`, `collection.rb`,
//! `drops/url_drop.rb`, `utils.rb`; docs `_docs/permalinks.md`, `_docs/collections.md`).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::compat::interface::text_of;
use crate::content::node::{Located, Node};

/// What `_config.yml` says of URLs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JekyllSite {
    /// The site's permalink template, a style name expanded (`date` unless set).
    pub style: String,
    /// The collections, posts among them.
    pub collections: Vec<Collection>,
    /// `collections_dir` without its `/`s: the folder holding the collections' folders,
    /// `_posts` and `_drafts` (`""`: the site's root).
    pub collections_dir: String,
    /// jekyll-paginate's `paginate`: posts a page of the blog lists.
    pub paginate: Option<usize>,
    /// jekyll-paginate's `paginate_path`: where the older posts are, from the site's root,
    /// `:num` their page's number (`/blog/page:num/`).
    pub paginate_path: Option<String>,
    /// jekyll-multiple-languages-plugin's `languages:`, the default first
    /// (<https://github.com/kurtsson/jekyll-multiple-languages-plugin#5-configuration>).
    pub languages: Vec<String>,
    /// The plugin's `exclude_from_localizations:`, paths of the site its languages other
    /// than the default leave out (`/assets`, `_posts`).
    pub exclude_from_localizations: Vec<String>,
    /// `markdown:`, the converter of Markdown pages, as written (`None`: Jekyll's
    /// default, kramdown).
    pub markdown: Option<String>,
    /// `baseurl` without its `/`s (`latest`): the path the site was published under.
    pub baseurl: Option<String>,
    /// `url` and `baseurl` joined, without a trailing `/`: where the site was published
    /// (`https://docs.example.org/latest`), when `url` is an HTTP address.
    pub address: Option<String>,
    /// The Just the Docs theme's navigation settings, when it is the site's theme.
    pub theme: Option<super::just_the_docs::Theme>,
    /// What it says of the files Jekyll reads ([`super::file_settings`]).
    pub files: super::file_settings::FileSettings,
    /// `defaults:`, the front matter values of scopes of pages ([`super::front_defaults`]).
    pub defaults: super::front_defaults::FrontDefaults,
    /// How kramdown made the heading ids ([`super::kramdown`]).
    pub heading_ids: super::kramdown::KramdownIds,
}

/// One collection of `_config.yml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Collection {
    /// Its name: the folder `_NAME/` at the top of the content folder.
    pub label: String,
    /// Whether Jekyll writes its documents (`output: true`; posts always).
    pub output: bool,
    /// Its `permalink`, when set.
    pub permalink: Option<String>,
}

impl Default for JekyllSite {
    fn default() -> Self {
        JekyllSite {
            style: style_template("date"),
            collections: Vec::new(),
            collections_dir: String::new(),
            paginate: None,
            paginate_path: None,
            languages: Vec::new(),
            exclude_from_localizations: Vec::new(),
            markdown: None,
            baseurl: None,
            address: None,
            theme: None,
            files: super::file_settings::FileSettings::read(&[]),
            defaults: super::front_defaults::FrontDefaults::default(),
            heading_ids: super::kramdown::KramdownIds::read(&[]),
        }
    }
}

/// The template of a permalink style name, or the text itself when it is a template.
fn style_template(style: &str) -> String {
    match style {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    }
    .to_string()
}

/// What a placeholder of a page or document stands for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Placeholders<'a> {
    /// `:collection`.
    pub collection: &'a str,
    /// `:path`, without leading or trailing `/`.
    pub path: &'a str,
    /// The file name without its extension (a post's without its date).
    pub basename: &'a str,
    /// Front matter `slug`.
    pub slug: Option<&'a str>,
    /// The day of front matter `date` or of a post's file name.
    pub date: Option<crate::dates::Date>,
    /// Front matter `categories`, joined with `/`, lower-cased.
    pub categories: String,
}

impl JekyllSite {
    /// Reads the URL settings of the text of a `_config.yml`; `Err` is (line, message).
    pub(crate) fn parse(text: &str) -> Result<JekyllSite, (usize, String)> {
        let documents = crate::content::front_matter::parse_yaml_documents(text).map_err(|e| (e.line, e.message))?;
        let mut site = JekyllSite::default();
        let Some(Node::Map(keys)) = documents.into_iter().next() else { return Ok(site) };
        if let Some(style) = text_of(&keys, "permalink") {
            site.style = style_template(style.trim());
        }
        site.paginate_path = text_of(&keys, "paginate_path").map(|path| path.trim().to_string());
        if let Some((_, Located { value: Node::Number(n), .. })) = keys.iter().find(|(k, _)| k.value == "paginate") {
            site.paginate = n.as_u64().and_then(|n| usize::try_from(n).ok()).filter(|&n| n > 0);
        }
        let texts = |key: &str| super::file_settings::texts_of(&keys, key);
        site.markdown = text_of(&keys, "markdown").map(|name| name.trim().to_string());
        site.baseurl = text_of(&keys, "baseurl").map(|base| base.trim().trim_matches('/').to_string());
        site.baseurl = site.baseurl.take().filter(|base| !base.is_empty());
        site.address = text_of(&keys, "url")
            .and_then(|url| crate::compat::interface::published_address(url, site.baseurl.as_deref()));
        site.languages = texts("languages");
        site.theme = super::just_the_docs::Theme::read(&keys);
        site.files = super::file_settings::FileSettings::read(&keys);
        site.collections_dir = collections_dir(&keys);
        site.defaults = super::front_defaults::FrontDefaults::read(&keys, &site.collections_dir);
        site.heading_ids = super::kramdown::KramdownIds::read(&keys);
        site.exclude_from_localizations = texts("exclude_from_localizations");
        match keys.iter().find(|(k, _)| k.value == "collections").map(|(_, v)| &v.value) {
            Some(Node::List(names)) => {
                for name in names {
                    if let Node::Text(label) = &name.value {
                        site.collections.push(Collection { label: label.clone(), output: false, permalink: None });
                    }
                }
            }
            Some(Node::Map(entries)) => {
                for (label, value) in entries {
                    let (output, permalink) = match &value.value {
                        Node::Map(settings) => (
                            settings.iter().any(|(k, v)| k.value == "output" && v.value == Node::Bool(true)),
                            text_of(settings, "permalink").map(str::to_string),
                        ),
                        _ => (false, None),
                    };
                    site.collections.push(Collection { label: label.value.clone(), output, permalink });
                }
            }
            _ => {}
        }
        Ok(site)
    }

    /// The collection of `_config.yml` labelled `label`.
    pub(crate) fn collection(&self, label: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.label == label)
    }

    /// The content path `path` from the collections' folder (`collections_dir`), as
    /// Jekyll's documents name their `relative_path`; `None` outside that folder.
    pub(crate) fn in_collections<'p>(&self, path: &'p str) -> Option<&'p str> {
        crate::site_path::inside(&self.collections_dir, path)
    }

    /// Whether pages get pretty URLs (`/:path/:basename/`): the style ends in `/`.
    pub(crate) fn pretty_pages(&self) -> bool {
        self.style.ends_with('/')
    }

    /// The collection whose folder holds the content path `path`, with the template
    /// of its documents and the path inside its folder (without extension), when it
    /// is published. `_posts/` is a collection whether `_config.yml` lists it or not.
    pub(crate) fn collection_of<'p>(&self, path: &'p str) -> Option<(&str, String, &'p str)> {
        let (folder, rest) = self.in_collections(path)?.split_once('/')?;
        let (label, template) = self.published_collection(folder.strip_prefix('_')?)?;
        let inside = rest.rsplit_once('.').map_or(rest, |(stem, _)| stem);
        Some((label, template, inside))
    }

    /// The collection labelled `label` (`posts` whether `_config.yml` lists it or not),
    /// with the template of its documents' URLs, when it is published.
    fn published_collection(&self, label: &str) -> Option<(&str, String)> {
        let listed = self.collection(label);
        let template = match (label, listed) {
            ("posts", Some(Collection { permalink: Some(p), .. })) => style_template(p),
            ("posts", _) => self.style.clone(),
            (_, Some(Collection { output: true, permalink: Some(p), .. })) => style_template(p),
            (_, Some(Collection { output: true, permalink: None, .. })) => self.with_suffix("/:collection/:path"),
            _ => return None,
        };
        Some((listed.map_or("posts", |c| c.label.as_str()), template))
    }

    /// The site path of the folder `dir` of a published collection whose documents'
    /// URLs begin with `/:collection/` (its default; `/:collection/:path` below its
    /// root): `_runbooks/db` is `runbooks/db/`, the folder they are published in. `None` for any other folder: a collection
    /// published elsewhere (`permalink: /:path/`) has no folder of its own.
    pub(crate) fn collection_folder_url(&self, dir: &str) -> Option<String> {
        let rest = self.in_collections(dir)?.split_once('/').map_or("", |(_, rest)| rest);
        let (label, template, _) = self.collection_of(&format!("{dir}/"))?;
        let prefix = if rest.is_empty() { "/:collection/" } else { "/:collection/:path" };
        if label == "posts" || !template.starts_with(prefix) {
            return None;
        }
        Some(if rest.is_empty() { format!("{label}/") } else { format!("{label}/{rest}/") })
    }

    /// The site path of a file of a published collection that is no page (an image
    /// beside a document), as Jekyll's `StaticFile#url` makes it: the collection's
    /// template with `:collection`, `:path` (the file's path inside the collection's
    /// folder, without extension and trailing dots), `:name` (that name) and empty
    /// `:output_ext` and `:title`, without its trailing `/`, then the file's extension.
    /// `None` outside such a collection, and in `_posts/`, whose files keep their folder.
    pub(crate) fn static_file_url(&self, path: &str) -> Option<String> {
        let (label, template, _) = self.collection_of(path)?;
        if label == "posts" {
            return None;
        }
        let inside = self.in_collections(path)?.split_once('/')?.1;
        let (stem, extension) = match inside.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') && !extension.contains('/') => {
                (stem, format!(".{extension}"))
            }
            _ => (inside, String::new()),
        };
        let stem = stem.trim_end_matches('.');
        let name = stem.rsplit('/').next().unwrap_or(stem);
        let url = template
            .replace(":collection", label)
            .replace(":path", &format!("/{stem}"))
            .replace(":output_ext", "")
            .replace(":name", name)
            .replace(":title", "");
        let mut squeezed = String::with_capacity(url.len());
        for c in url.chars() {
            if !(c == '/' && squeezed.ends_with('/')) {
                squeezed.push(c);
            }
        }
        Some(format!("{}{extension}", squeezed.trim_matches('/')))
    }

    /// `template` with the ending of the site's style (Jekyll's `add_permalink_suffix`).
    fn with_suffix(&self, template: &str) -> String {
        if self.style.ends_with('/') {
            format!("{template}/")
        } else if self.style.ends_with(":output_ext") {
            format!("{template}:output_ext")
        } else {
            template.to_string()
        }
    }
}

/// `template` with its placeholders replaced (see the module documentation).
pub(crate) fn expand(template: &str, values: &Placeholders<'_>) -> String {
    let (year, month, day) = values.date.map_or_else(Default::default, |date| {
        let (y, m, d) = date.ymd();
        (format!("{y:04}"), format!("{m:02}"), format!("{d:02}"))
    });
    let slug_source = values.slug.unwrap_or(values.basename);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let name_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let name = &after[..name_len];
        let value = match name {
            "collection" => values.collection.to_string(),
            "path" => values.path.to_string(),
            "basename" => values.basename.to_string(),
            "name" => crate::slug::slugify(values.basename),
            "slug" => crate::slug::slugify(slug_source),
            "title" => pretty_slug(slug_source),
            "output_ext" => ".html".to_string(),
            "categories" => values.categories.clone(),
            "year" => year.clone(),
            "month" => month.clone(),
            "day" => day.clone(),
            "i_month" => month.trim_start_matches('0').to_string(),
            "i_day" => day.trim_start_matches('0').to_string(),
            "short_year" => year.get(2..).unwrap_or("").to_string(),
            _ => format!(":{name}"),
        };
        out.push_str(&value);
        rest = &after[name_len..];
    }
    out.push_str(rest);
    out
}

/// Jekyll's `slugify` in `pretty` mode, case kept: every run of characters other than
/// letters, digits and ``._~!$&'()+,;=@`` becomes one `-`, trimmed at both ends.
fn pretty_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() || "._~!$&'()+,;=@".contains(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// A post's file name without extension split into its date and title
/// (`2016-07-26-jekyll-3-2-0-released` -> (`2016-07-26`, `jekyll-3-2-0-released`)).
pub(crate) fn post_date_and_title(basename: &str) -> Option<(&str, &str)> {
    let date = basename.get(..10)?;
    let bytes = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes[r].iter().all(u8::is_ascii_digit);
    let is_date = digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10);
    let title = basename.get(10..)?.strip_prefix('-')?;
    (is_date && !title.is_empty()).then_some((date, title))
}

/// `collections_dir` of `_config.yml`'s `keys`, without `./` and `/`s at its ends.
pub(crate) fn collections_dir(keys: &[(Located<String>, Located<Node>)]) -> String {
    let dir = text_of(keys, "collections_dir").unwrap_or_default().trim();
    dir.trim_start_matches("./").trim_matches('/').to_string()
}

/// The folders above a post's `_posts` folder, Jekyll's categories from its path.
pub(crate) fn path_categories(path: &str) -> Vec<&str> {
    let dir = path.rsplit_once('/').map_or("", |(dir, _)| dir);
    dir.split('/').take_while(|part| *part != "_posts").filter(|part| !part.is_empty()).collect()
}

/// The URL template of the posts of a handbook: the `permalink` of `collections: posts`
/// or the site's `permalink` style in a Jekyll handbook (`_config.yml`), else
/// `/:categories/:year/:month/:day/:title/`, Jekyll's `date` style with opsbook's
/// pretty URLs.
pub(crate) fn post_template(jekyll: Option<&JekyllSite>) -> String {
    match jekyll.and_then(|site| site.published_collection("posts")) {
        Some((_, template)) => template,
        None => "/:categories/:year/:month/:day/:title/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_collections_as_a_list_or_a_mapping() {
        let site = JekyllSite::parse(
            "permalink: pretty\ncollections:\n  docs:\n    permalink: \"/:collection/:path/\"\n    output: true\n  drafts_x:\n    output: false\n",
        )
        .unwrap();
        assert!(site.pretty_pages());
        assert_eq!(
            site.collections[0],
            Collection { label: "docs".into(), output: true, permalink: Some("/:collection/:path/".into()) }
        );
        assert!(!site.collections[1].output);
        let listed = JekyllSite::parse("collections: [recipes]\n").unwrap();
        assert_eq!(listed.collections[0].label, "recipes");
        assert!(!JekyllSite::default().pretty_pages(), "Jekyll's default style, date, ends in :output_ext");
    }

    #[test]
    fn reads_where_the_site_was_published_from_url_and_baseurl() {
        let site = JekyllSite::parse("url: \"https://docs.example.org/\"\nbaseurl: \"/latest\"\n").unwrap();
        assert_eq!(site.baseurl.as_deref(), Some("latest"));
        assert_eq!(site.address.as_deref(), Some("https://docs.example.org/latest"));
        let site = JekyllSite::parse("url: https://ops.example.org\nbaseurl: \"\"\n").unwrap();
        assert_eq!((site.baseurl, site.address.as_deref()), (None, Some("https://ops.example.org")));
        let site = JekyllSite::parse("url: \"\"\nbaseurl: /docs/\n").unwrap();
        assert_eq!((site.baseurl.as_deref(), site.address), (Some("docs"), None));
    }

    /// Jekyll's own cases (jekyll/jekyll 202df57, `test/test_static_file.rb`: "have a
    /// destination relative directory with a collection", "use its collection's
    /// permalink template"), and this site's styles.
    #[test]
    fn a_collections_static_files_are_where_jekyll_publishes_them() {
        let site = |config: &str| JekyllSite::parse(config).expect("parses");
        let output = site("collections:\n  foo:\n    output: true\n");
        assert_eq!(output.static_file_url("_foo/dir/subdir/file.html").as_deref(), Some("foo/dir/subdir/file.html"));
        let permalink = site("collections:\n  foo:\n    output: true\n    permalink: /:path/\n");
        assert_eq!(permalink.static_file_url("_foo/dir/subdir/file.html").as_deref(), Some("dir/subdir/file.html"));
        assert_eq!(permalink.static_file_url("_foo/a/chart...png").as_deref(), Some("a/chart.png"));
        let pretty = site("permalink: pretty\ncollections:\n  foo:\n    output: true\n");
        assert_eq!(pretty.static_file_url("_foo/x/diagram.png").as_deref(), Some("foo/x/diagram.png"));
        assert_eq!(site("collections: [foo]\n").static_file_url("_foo/x.png"), None, "not published");
        assert_eq!(output.static_file_url("_posts/x.png"), None);
        assert_eq!(output.static_file_url("foo/x.png"), None);
    }

    #[test]
    fn places_documents_by_their_collection() {
        let site = JekyllSite::parse("collections:\n  docs:\n    output: true\n  notes:\n    output: false\n").unwrap();
        let (label, template, inside) = site.collection_of("_docs/install/ubuntu.md").unwrap();
        assert_eq!((label, template.as_str(), inside), ("docs", "/:collection/:path:output_ext", "install/ubuntu"));
        assert_eq!(site.collection_of("_notes/a.md"), None, "a collection without output is not published");
        assert_eq!(site.collection_of("docs/a.md"), None);
        let (label, template, _) = site.collection_of("_posts/2020-01-02-hello.md").unwrap();
        assert_eq!((label, template.as_str()), ("posts", "/:categories/:year/:month/:day/:title:output_ext"));
    }

    /// `Collection#directory` (`File.join(container, relative_directory)`) and
    /// `Document#relative_path` (from `Site#collections_path`), jekyll/jekyll 202df571.
    #[test]
    fn collections_are_read_in_collections_dir() {
        let site = JekyllSite::parse("collections_dir: ./src/\ncollections:\n  docs:\n    output: true\n").unwrap();
        assert_eq!(site.collections_dir, "src");
        let (label, _, inside) = site.collection_of("src/_docs/install/ubuntu.md").unwrap();
        assert_eq!((label, inside), ("docs", "install/ubuntu"));
        assert_eq!(site.collection_of("_docs/a.md"), None, "a collection's folder outside collections_dir");
        assert_eq!(site.collection_of("src/_posts/2020-01-02-x.md").map(|c| c.0), Some("posts"));
        assert_eq!(site.collection_folder_url("src/_docs/install").as_deref(), Some("docs/install/"));
        assert_eq!(site.collection_folder_url("src"), None);
        assert_eq!(site.static_file_url("src/_docs/x/a.png").as_deref(), Some("docs/x/a.png"));
        assert_eq!(site.in_collections("srcs/_docs/a.md"), None);
        assert_eq!(path_categories(site.in_collections("src/news/_posts/a.md").unwrap()), ["news"]);
    }

    #[test]
    fn expands_placeholders_as_jekyll_does() {
        let values = Placeholders {
            collection: "docs",
            path: "install/Ubuntu",
            basename: "Ubuntu",
            date: crate::dates::Date::parse("2016-07-06 10:00:00"),
            ..Placeholders::default()
        };
        assert_eq!(expand("/:collection/:path/", &values), "/docs/install/Ubuntu/");
        assert_eq!(expand("/news/:year/:month/:day/:title:output_ext", &values), "/news/2016/07/06/Ubuntu.html");
        assert_eq!(expand("/:i_month/:name/:unknown", &values), "/7/ubuntu/:unknown");
        assert_eq!(pretty_slug("Hello, World! (2)"), "Hello,-World!-(2)");
        assert_eq!(
            post_date_and_title("2016-07-26-jekyll-3-2-0-released"),
            Some(("2016-07-26", "jekyll-3-2-0-released"))
        );
        assert_eq!(post_date_and_title("about"), None);
    }

    #[test]
    fn a_posts_categories_are_the_folders_above_its_posts_folder() {
        assert_eq!(path_categories("news/releases/_posts/a.md"), ["news", "releases"]);
        assert!(path_categories("_posts/a.md").is_empty());
    }

    #[test]
    fn posts_take_the_jekyll_sites_permalink_else_the_date_style_with_pretty_urls() {
        assert_eq!(post_template(None), "/:categories/:year/:month/:day/:title/");
        let site = JekyllSite::parse("permalink: pretty\n").expect("config");
        assert_eq!(post_template(Some(&site)), "/:categories/:year/:month/:day/:title/");
        let site = JekyllSite::default();
        assert_eq!(post_template(Some(&site)), "/:categories/:year/:month/:day/:title:output_ext");
    }
}
