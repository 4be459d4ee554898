//! Hugo's page lookup: the page that `ref`, `relref`, `.GetPage` and a link render hook
//! that calls it find for a path written on a page (Hugo's `getContentNode`).
//!
//! 1. A trailing `/` is dropped and an empty path is the home page; a path with no
//!    extension is looked up as `path.md` (`…/index` as `…/index/index.md` first).
//! 2. From a page, a path not starting with `/` is joined to the page's folder first:
//!    a leaf bundle's is the folder holding the bundle, unless the path has an extension
//!    and starts with `../`; a section's is its own.
//! 3. A path starting with `.` stops there; any other is then read from the content root.
//! 4. `ref`, `relref` and a lookup from no page then take a bare name (`unique`) for
//!    the one page of that name; two such pages make the reference ambiguous.
//!
//! Pages are compared by Hugo's path of them: lower case, without extension, language,
//! `index` or `_index`.

/// The pages a lookup reads.
pub(crate) trait Contents {
    /// Whether the file at content path `path` (exactly so) is a page.
    fn is_page(&self, path: &str) -> bool;
    /// The content paths of every page.
    fn page_paths(&self) -> Box<dyn Iterator<Item = &str> + '_>;
    /// Whether the folder at content path `folder` has a section page of no file of its
    /// own (Hugo's section of a folder without `_index.md`).
    fn is_folder_page(&self, folder: &str) -> bool;
    /// The first page (in the order of [`Contents::page_paths`]) whose Hugo path
    /// ([`hugo_path`]) is `key`. A site answers from its [`HugoPaths`].
    fn page_of_key(&self, key: &str, languages: &[String]) -> Option<String> {
        self.page_paths().find(|p| hugo_path(p, languages) == key).map(str::to_string)
    }
    /// The page whose Hugo path's last name is `name`, if exactly one has it.
    fn page_named(&self, name: &str, languages: &[String]) -> Found {
        let mut named = self.page_paths().filter(|p| hugo_path(p, languages).rsplit('/').next() == Some(name));
        match (named.next(), named.next()) {
            (Some(one), None) => Found::Page(one.to_string()),
            (Some(_), Some(_)) => Found::Ambiguous,
            _ => Found::Nothing,
        }
    }
}

/// The pages by their Hugo path and by its last name, made once for a site's lookups:
/// without it each lookup that misses the files tried first compares every page.
#[derive(Debug, Default)]
pub(crate) struct HugoPaths {
    by_key: std::collections::HashMap<String, String>,
    /// The first page of each name, and whether another has it too.
    by_name: std::collections::HashMap<String, (String, bool)>,
}

impl HugoPaths {
    /// The index of `paths`, in their order, for a site of `languages`.
    pub(crate) fn of<'a>(paths: impl Iterator<Item = &'a str>, languages: &[String]) -> Self {
        let mut index = HugoPaths::default();
        for path in paths {
            let key = hugo_path(path, languages);
            let name = key.rsplit('/').next().unwrap_or(&key).to_string();
            index.by_name.entry(name).and_modify(|(_, several)| *several = true).or_insert((path.to_string(), false));
            index.by_key.entry(key).or_insert_with(|| path.to_string());
        }
        index
    }

    pub(crate) fn page_of_key(&self, key: &str) -> Option<String> {
        self.by_key.get(key).cloned()
    }

    pub(crate) fn page_named(&self, name: &str) -> Found {
        match self.by_name.get(name) {
            Some((one, false)) => Found::Page(one.clone()),
            Some((_, true)) => Found::Ambiguous,
            None => Found::Nothing,
        }
    }
}

/// What a reference names: a page's content path, or a folder's (ending in `/`) for
/// the section page of a folder with no file of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// The page at this content path.
    Page(String),
    /// No page.
    Nothing,
    /// Several pages of that name.
    Ambiguous,
}

/// A lookup: from the page at content path `from` (none for the site's), for a `ref`
/// (`is_ref`), on a site whose languages are `languages` (file names' `.de` suffixes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Lookup<'a> {
    /// The content path of the page the path is written on.
    pub from: Option<&'a str>,
    /// Whether the lookup is a `ref`'s or `relref`'s, which also takes a bare name.
    pub is_ref: bool,
    /// The codes of the site's languages.
    pub languages: &'a [String],
    /// The language whose page is wanted (a file named `name.LANG.md` before `name.md`).
    pub language: Option<&'a str>,
}

/// The content extensions tried for a path written without its file's.
const EXTENSIONS: [&str; 5] = ["md", "markdown", "mdown", "html", "htm"];

impl Lookup<'_> {
    /// The page `reference` names in `contents` (steps 1 to 4 of the module).
    pub(crate) fn find(&self, contents: &dyn Contents, reference: &str) -> Found {
        let written = reference.trim().trim_end_matches('/');
        let path = if written.is_empty() { "/" } else { written };
        if has_extension(path) {
            return self.for_path(contents, true, written, path);
        }
        let tries = if path == "/" {
            vec!["/_index.md".to_string()]
        } else if path.ends_with("/index") {
            vec![format!("{path}/index.md"), format!("{path}.md")]
        } else {
            vec![format!("{path}.md")]
        };
        for path in &tries {
            let found = self.for_path(contents, false, written, path);
            if found != Found::Nothing {
                return found;
            }
        }
        Found::Nothing
    }

    fn for_path(&self, contents: &dyn Contents, had_extension: bool, written: &str, path: &str) -> Found {
        if let Some(from) = self.from.filter(|_| !path.starts_with('/')) {
            let up = had_extension && path.starts_with("../");
            let joined = join(&base_folder(from, up), path);
            if let Some(found) = self.page_at(contents, &joined) {
                return Found::Page(found);
            }
        }
        if path.starts_with('.') {
            return Found::Nothing;
        }
        if let Some(found) = self.page_at(contents, &join("", path)) {
            return Found::Page(found);
        }
        if !(self.is_ref || self.from.is_none()) || written.contains('/') {
            return Found::Nothing;
        }
        let name = hugo_path(&join("", path), self.languages);
        contents.page_named(name.rsplit('/').next().unwrap_or(&name), self.languages)
    }

    /// The page whose Hugo path is that of `path` (a file's path from the content root):
    /// its files tried as written, then any page's compared as Hugo compares them.
    fn page_at(&self, contents: &dyn Contents, path: &str) -> Option<String> {
        let key = hugo_path(path, self.languages);
        let stem = key.trim_start_matches('/');
        let written = strip_extension(path.trim_start_matches('/'));
        let languages = self.language.map(|l| format!(".{l}")).into_iter().chain([String::new()]);
        for language in languages {
            for base in [written, stem] {
                let folder = if base.is_empty() { String::new() } else { format!("{base}/") };
                for extension in EXTENSIONS {
                    for candidate in [
                        format!("{base}{language}.{extension}"),
                        format!("{folder}index{language}.{extension}"),
                        format!("{folder}_index{language}.{extension}"),
                    ] {
                        if contents.is_page(&candidate) {
                            return Some(candidate);
                        }
                    }
                }
            }
        }
        if let Some(found) = contents.page_of_key(&key, self.languages) {
            return Some(found);
        }
        (!stem.is_empty() && contents.is_folder_page(stem)).then(|| format!("{stem}/"))
    }
}

/// The folder a path written on the page at `from` is joined to (step 2).
fn base_folder(from: &str, up: bool) -> String {
    let (folder, name) = from.rsplit_once('/').unwrap_or(("", from));
    let stem = strip_extension(name);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    if stem.eq_ignore_ascii_case("index") && !up {
        return folder.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_string());
    }
    folder.to_string()
}

/// Whether the last segment of `path` holds a `.` (Hugo's `paths.HasExt`).
fn has_extension(path: &str) -> bool {
    path.rsplit('/').next().is_some_and(|name| name.contains('.'))
}

/// `path` without the extension of its last segment.
fn strip_extension(path: &str) -> &str {
    let name_at = path.rfind('/').map_or(0, |i| i + 1);
    match path[name_at..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_at + dot],
        _ => path,
    }
}

/// `path` joined to `folder` as Go's `path.Join` from the root: `.` and `..` read,
/// never above the root; the result starts with `/`.
fn join(folder: &str, path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for part in folder.split('/').chain(path.split('/')) {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

/// Hugo's path of the file at `path` (from the content root, with or without a leading
/// `/`): lower case, without its extension and language, a bundle's or section's
/// `index` or `_index` dropped.
pub(crate) fn hugo_path(path: &str, languages: &[String]) -> String {
    let lower = path.trim_start_matches('/').to_lowercase();
    let mut key = strip_extension(&lower);
    if let Some((stem, language)) = key.rsplit_once('.')
        && !language.contains('/')
        && languages.iter().any(|l| l.eq_ignore_ascii_case(language))
    {
        key = stem;
    }
    let key = match key.rsplit_once('/') {
        Some((folder, "index" | "_index")) => folder,
        None if key == "index" || key == "_index" => "",
        _ => key,
    };
    format!("/{key}")
}

#[cfg(test)]
#[path = "lookup_tests.rs"]
mod tests;
