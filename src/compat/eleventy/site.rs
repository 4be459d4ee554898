//! The permalinks an Eleventy site gives whole folders (11ty docs `data-cascade.md`,
//! `data-template-dir.md`, `permalinks.md`, `data-eleventy-supplied.md`): a directory
//! data file, `blog/blog.json` or `blog/blog.11tydata.json`, may set `permalink` for
//! every page below it, the deepest folder's winning and a page's own front matter
//! winning over all. Such a permalink is usually a template of the page's file name:
//! `/blog/{{ page.fileSlug }}/`.
//!
//! [`EleventyPermalinks::template_for`] finds a page's template and [`expand`] fills in
//! `{{ page.fileSlug }}` (the file name without its extension, without a leading
//! `YYYY-MM-DD-` date, and for an `index` file its folder's name) and
//! `{{ page.filePathStem }}` (the path without extension, from the content folder,
//! with a leading `/`). A template with anything else is not followed: opsbook runs
//! no template language. Directory data files in JavaScript (`.11tydata.js`) are not
//! read.

/// The `permalink` of each folder that has a directory data file with one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct EleventyPermalinks {
    /// (folder, template), the folder a content path without trailing `/`.
    pub folders: Vec<(String, String)>,
}

impl EleventyPermalinks {
    /// The directory data file `path` (a content path) names, if it is one: its folder.
    pub(crate) fn data_file_folder(path: &str) -> Option<&str> {
        let (dir, name) = path.rsplit_once('/')?;
        let folder_name = dir.rsplit('/').next().unwrap_or(dir);
        let stem = name.strip_suffix(".11tydata.json").or_else(|| name.strip_suffix(".json"))?;
        (stem == folder_name).then_some(dir)
    }

    /// Reads the `permalink` of a directory data file's JSON text (`false` and other
    /// values than text are none).
    pub(crate) fn permalink_of(text: &str) -> Option<String> {
        let value: serde_json::Value = serde_json::from_str(text).ok()?;
        value.get("permalink")?.as_str().map(str::to_string)
    }

    /// The template the deepest folder above the page at `path` gives it.
    pub(crate) fn template_for(&self, path: &str) -> Option<&str> {
        self.folders
            .iter()
            .filter(|(folder, _)| path.strip_prefix(folder.as_str()).is_some_and(|rest| rest.starts_with('/')))
            .max_by_key(|(folder, _)| folder.len())
            .map(|(_, template)| template.as_str())
    }
}

/// `template` for the page at the content path `path`, or `None` when it holds a
/// template expression other than `page.fileSlug` and `page.filePathStem`.
pub(crate) fn expand(template: &str, path: &str) -> Option<String> {
    let stem_path = path.rsplit_once('.').map_or(path, |(stem, _)| stem);
    let (dir, stem) = stem_path.rsplit_once('/').map_or(("", stem_path), |(dir, stem)| (dir, stem));
    let file_slug = match stem {
        "index" => dir.rsplit('/').next().unwrap_or(""),
        _ => crate::compat::jekyll::site::post_date_and_title(stem).map_or(stem, |(_, title)| title),
    };
    let mut out = String::with_capacity(template.len() + path.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}")?;
        match after[..close].trim() {
            "page.fileSlug" => out.push_str(file_slug),
            "page.filePathStem" => {
                out.push('/');
                out.push_str(stem_path);
            }
            _ => return None,
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    (!out.contains("{%")).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_directory_data_files() {
        assert_eq!(EleventyPermalinks::data_file_folder("blog/blog.json"), Some("blog"));
        assert_eq!(EleventyPermalinks::data_file_folder("docs/tips/tips.11tydata.json"), Some("docs/tips"));
        assert_eq!(EleventyPermalinks::data_file_folder("blog/other.json"), None);
        assert_eq!(EleventyPermalinks::data_file_folder("blog.json"), None);
        assert_eq!(
            EleventyPermalinks::permalink_of(r#"{"permalink": "/b/{{ page.fileSlug }}/"}"#).as_deref(),
            Some("/b/{{ page.fileSlug }}/")
        );
        assert_eq!(EleventyPermalinks::permalink_of(r#"{"permalink": false}"#), None);
    }

    #[test]
    fn expands_the_file_slug_and_path_stem() {
        let template = "/blog/{{ page.fileSlug }}/";
        assert_eq!(expand(template, "blog/2022-09-30-four-million.md").as_deref(), Some("/blog/four-million/"));
        assert_eq!(expand(template, "blog/launch/index.md").as_deref(), Some("/blog/launch/"));
        assert_eq!(expand("{{page.filePathStem}}.html", "a/b.md").as_deref(), Some("/a/b.html"));
        assert_eq!(expand("/{{ title | slugify }}/", "a/b.md"), None);
        let permalinks = EleventyPermalinks {
            folders: vec![("docs".into(), "/d/{{ page.fileSlug }}/".into()), ("docs/tips".into(), "/t/".into())],
        };
        assert_eq!(permalinks.template_for("docs/tips/a.md"), Some("/t/"));
        assert_eq!(permalinks.template_for("docs/a.md"), Some("/d/{{ page.fileSlug }}/"));
        assert_eq!(permalinks.template_for("docsx/a.md"), None);
    }
}
