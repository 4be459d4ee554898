//! Docusaurus's versioned docs, mounted where Docusaurus published them, so that a
//! link to `/docs/v1/x` leads to version `v1`'s page of `x` as it did on the old site.
//!
//! Docusaurus (`packages/docusaurus-plugin-content-docs/src/versions/version.ts` and
//! `files.ts`) reads the versions from `versions.json` beside its configuration, newest
//! first; each version's docs are in `versioned_docs/version-NAME/`, and the docs
//! folder itself is the version `current`. Each is published under the docs route at
//! its path: the docs plugin's `versions.NAME.path` when the configuration gives one,
//! else nothing for the last version (the plugin's `lastVersion`, else the first of
//! `versions.json`), `next` for `current`, and `NAME` for the others.
//!
//! More: docs/architecture.md, "Notes by module".

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};

use crate::compat::docusaurus::js_literal::{self, Js, Located};
use crate::compat::docusaurus::site::{CONFIG_FILES, SiteConfig};

/// The file that lists the versions, beside the configuration.
const VERSIONS_FILE: &str = "versions.json";
/// The folder of the versions' docs.
const VERSIONED_DOCS: &str = "versioned_docs";
/// The name of the docs folder's own version.
const CURRENT: &str = "current";

/// What the docs plugin's options say of versions.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct VersionOptions {
    /// `lastVersion`.
    pub last_version: Option<String>,
    /// `versions.NAME.path`, with where the path is written (line, column).
    pub paths: Vec<(String, String, usize, usize)>,
    /// `onlyIncludeVersions`, when set.
    pub only_include: Option<OnlyInclude>,
}

/// The docs plugin's `onlyIncludeVersions`: the versions Docusaurus builds, of those
/// `versions.json` and the docs folder (`current`) have, in their order.
#[derive(Debug, PartialEq)]
pub(crate) enum OnlyInclude {
    /// A list of names, and where the option is (line, column).
    Names(Vec<String>, usize, usize),
    /// A value opsbook does not evaluate (what it is), and where.
    Unread(String, usize, usize),
}

/// One version to mount: its folder (`versioned_docs/version-v1`) and its mount (`v1`).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Mounted {
    pub folder: String,
    pub mount: String,
}

/// Adds a mount for each of the handbook's Docusaurus versions (see the module
/// documentation) to `config.sources`.
pub(crate) fn mount_versions(config: &mut Config, site: Option<&SiteConfig>, diagnostics: &mut Vec<Diagnostic>) {
    let root = config.root.clone();
    if !root.join(VERSIONS_FILE).is_file() || !root.join(VERSIONED_DOCS).is_dir() {
        return;
    }
    let Some(versions_text) = read(config, VERSIONS_FILE, diagnostics) else { return };
    let names = match parse_versions(&versions_text) {
        Ok(names) => names,
        Err((line, column, message)) => {
            diagnostics.push(Diagnostic::error(Rule::ConfigSyntax, VERSIONS_FILE, line, column, message));
            return;
        }
    };
    let config_file = site.map_or(CONFIG_FILES[0], |site| site.name);
    let options = site.and_then(|site| site.default_docs.as_ref()).map(version_options).unwrap_or_default();
    let (mounts, problems) = plan(&names, &options);
    for (file, line, column, message, severity) in problems {
        let file = if file == VERSIONS_FILE { VERSIONS_FILE } else { config_file };
        diagnostics.push(Diagnostic::error(Rule::ConfigField, file, line, column, message).with_severity(severity));
    }
    for Mounted { folder, mount } in mounts {
        // The version names were checked above: none is refused here.
        let _ = crate::compat::docusaurus::instances::mount_once(config, &folder, &mount);
    }
}

/// Where Docusaurus published the docs folder (the version `current`) below the docs
/// route, when not at the route itself: `next` while `versions.json` names versions and
/// `lastVersion` is not `current`, or `versions.current.path` when the configuration
/// gives one (`getVersionPathPart` in the docs plugin's `versions/version.ts`). The
/// problems were reported when the versions were mounted ([`mount_versions`]).
pub(crate) fn current_path(config: &Config, site: Option<&SiteConfig>) -> Option<String> {
    let root = &config.root;
    if !root.join(VERSIONS_FILE).is_file() || !root.join(VERSIONED_DOCS).is_dir() {
        return None;
    }
    let names = parse_versions(&read(config, VERSIONS_FILE, &mut Vec::new())?).ok()?;
    let options = site.and_then(|site| site.default_docs.as_ref()).map(version_options).unwrap_or_default();
    current_path_of(&included(&names, &options).0, &options)
}

/// [`current_path`] of the versions `names` (newest first) and the plugin's `options`.
fn current_path_of(names: &[(String, usize, usize)], options: &VersionOptions) -> Option<String> {
    let last = options.last_version.as_deref().or_else(|| names.first().map(|(name, _, _)| name.as_str()));
    let path = match options.paths.iter().find(|(name, ..)| name == CURRENT) {
        Some((_, path, ..)) => path.trim_matches('/').to_string(),
        None if last.is_none_or(|last| last == CURRENT) => String::new(),
        None => "next".to_string(),
    };
    (!path.is_empty() && folder_name(&path).is_ok()).then_some(path)
}

/// The text of a file beside `book.toml`, confined and size-limited; a refusal or read
/// error is a note.
pub(crate) use crate::compat::interface::read_beside as read;

/// The names of `versions.json`, newest first, with the line and column of each; or
/// why it is no list of names.
pub(crate) fn parse_versions(text: &str) -> Result<Vec<(String, usize, usize)>, js_literal::Problem> {
    let value = js_literal::exported_value(&format!("module.exports={text}"))?;
    let not_a_list = || (1, 1, "`versions.json` is not a list of version names".to_string());
    let Some(Located { value: Js::Array(items), .. }) = value else { return Err(not_a_list()) };
    items
        .iter()
        .map(|item| match &item.value {
            // The prefix shifts the first line's columns.
            Js::Str(name) => Ok((name.clone(), item.line, shifted(item))),
            _ => Err((item.line, shifted(item), "a version's name must be a string".to_string())),
        })
        .collect()
}

/// The column of `item` in the file, without the `module.exports=` put before it.
fn shifted(item: &Located) -> usize {
    if item.line == 1 { item.column.saturating_sub("module.exports=".len()).max(1) } else { item.column }
}

/// The versions the docs plugin's options name.
pub(crate) fn version_options(docs: &Located) -> VersionOptions {
    let last_version = docs.get("lastVersion").and_then(Located::str).map(str::to_string);
    let mut paths = Vec::new();
    if let Some(Located { value: Js::Object(versions), .. }) = docs.get("versions") {
        for (name, options) in versions {
            if let Some(path) = options.get("path")
                && let Some(text) = path.str()
            {
                paths.push((name.clone(), text.to_string(), path.line, path.column));
            }
        }
    }
    let only_include = docs.get("onlyIncludeVersions").and_then(|option| {
        let unread =
            |at: &Located| Some(OnlyInclude::Unread(super::options::unevaluated(&at.value), at.line, at.column));
        match &option.value {
            Js::Scalar => None,
            Js::Array(items) => match items.iter().find(|item| item.str().is_none()) {
                Some(item) => unread(item),
                None => {
                    let names = items.iter().filter_map(Located::str).map(str::to_string).collect();
                    Some(OnlyInclude::Names(names, option.line, option.column))
                }
            },
            _ => unread(option),
        }
    });
    VersionOptions { last_version, paths, only_include }
}

/// The versions of `names` (newest first, from `versions.json`) Docusaurus builds, by
/// `onlyIncludeVersions` (`filterVersions` in the docs plugin's `versions/index.ts`),
/// and the problems of the option (`validateVersionsOptions` in `versions/validation.ts`):
/// a list Docusaurus refuses is an error, a value opsbook does not evaluate a warning,
/// and every version is then built.
pub(crate) fn included(
    names: &[(String, usize, usize)],
    options: &VersionOptions,
) -> (Vec<(String, usize, usize)>, Vec<Problem>) {
    let (list, line, column) = match &options.only_include {
        None => return (names.to_vec(), Vec::new()),
        Some(OnlyInclude::Unread(what, line, column)) => {
            let message = format!(
                "`onlyIncludeVersions` is {what}, which opsbook does not evaluate: every version of `{VERSIONS_FILE}` is built"
            );
            return (names.to_vec(), vec![("config", *line, *column, message, Severity::Warning)]);
        }
        Some(OnlyInclude::Names(list, line, column)) => (list, *line, *column),
    };
    let available: Vec<&str> = std::iter::once(CURRENT).chain(names.iter().map(|(n, ..)| n.as_str())).collect();
    let unknown: Vec<&str> = list.iter().map(String::as_str).filter(|n| !available.contains(n)).collect();
    let refused = if list.is_empty() {
        Some("an empty array is not allowed, at least one version is needed".to_string())
    } else if !unknown.is_empty() {
        Some(format!(
            "unknown versions ({}) found. Available version names are: {}",
            unknown.join(","),
            available.join(", ")
        ))
    } else {
        options
            .last_version
            .as_ref()
            .filter(|last| !list.contains(last))
            .map(|_| "`lastVersion` must be present in the provided `onlyIncludeVersions` array".to_string())
    };
    if let Some(why) = refused {
        let message = format!("the docs plugin's `onlyIncludeVersions` is invalid: {why}; every version is built");
        return (names.to_vec(), vec![("config", line, column, message, Severity::Error)]);
    }
    let kept = names.iter().filter(|(name, ..)| list.contains(name)).cloned().collect();
    let mut problems = Vec::new();
    if !list.iter().any(|name| name == CURRENT) {
        let message = format!(
            "`onlyIncludeVersions` leaves out `{CURRENT}`: Docusaurus did not build the docs folder, which opsbook builds"
        );
        problems.push(("config", line, column, message, Severity::Note));
    }
    (kept, problems)
}

/// A problem with a version: the file (`versions.json` or the configuration's), line,
/// column, message and severity.
pub(crate) type Problem = (&'static str, usize, usize, String, Severity);

/// The folders to mount, by Docusaurus's rules (see the module documentation), and the
/// problems found with names and paths.
pub(crate) fn plan(names: &[(String, usize, usize)], options: &VersionOptions) -> (Vec<Mounted>, Vec<Problem>) {
    let (names, mut problems) = included(names, options);
    let last = options.last_version.clone().or_else(|| names.first().map(|(name, _, _)| name.clone()));
    let mut mounts = Vec::new();
    for (name, line, column) in &names {
        if let Err(why) = folder_name(name) {
            problems.push((VERSIONS_FILE, *line, *column, format!("the version `{name}` {why}"), Severity::Error));
            continue;
        }
        let given = options.paths.iter().find(|(n, ..)| n == name);
        let path = match given {
            Some((_, path, path_line, path_column)) => match folder_name(path.trim_matches('/')) {
                Ok(()) => path.trim_matches('/').to_string(),
                Err(why) => {
                    let message = format!("the path `{path}` of version `{name}` {why}");
                    problems.push(("config", *path_line, *path_column, message, Severity::Error));
                    continue;
                }
            },
            None if last.as_deref() == Some(name.as_str()) => String::new(),
            None => name.clone(),
        };
        if path.is_empty() {
            let message = format!(
                "Docusaurus published version `{name}` at the docs route, where opsbook publishes the docs folder \
                 (the version `{CURRENT}`): `{VERSIONED_DOCS}/version-{name}/` is not built"
            );
            problems.push((VERSIONS_FILE, *line, *column, message, Severity::Note));
            continue;
        }
        mounts.push(Mounted { folder: format!("{VERSIONED_DOCS}/version-{name}"), mount: path });
    }
    (mounts, problems)
}

/// Whether `name` may name a folder below another: not empty, no `..` segment, no
/// absolute path, no `\` or control character.
fn folder_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        return Err("is empty");
    }
    if name.starts_with('/') || name.contains('\\') || name.contains(':') || name.chars().any(char::is_control) {
        return Err("is not a relative folder name");
    }
    if name.split('/').any(|segment| segment == ".." || segment == "." || segment.is_empty()) {
        return Err("leads out of its folder");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<(String, usize, usize)> {
        list.iter().enumerate().map(|(i, n)| (n.to_string(), 1, 2 + i * 6)).collect()
    }

    fn mounts(list: &[(&str, &str)]) -> Vec<Mounted> {
        list.iter().map(|(f, m)| Mounted { folder: f.to_string(), mount: m.to_string() }).collect()
    }

    /// `getVersionPathPart` (facebook/docusaurus, `packages/docusaurus-plugin-content-docs/
    /// src/versions/version.ts`): the current version is at `next` unless it is the last
    /// version or its `path` says otherwise.
    #[test]
    fn the_current_docs_are_at_next_unless_they_are_the_last_version() {
        let options = |last: Option<&str>, current: Option<&str>| VersionOptions {
            last_version: last.map(str::to_string),
            paths: current.map(|p| vec![(CURRENT.to_string(), p.to_string(), 1, 1)]).unwrap_or_default(),
            only_include: None,
        };
        assert_eq!(current_path_of(&names(&["3.0", "2.0"]), &options(None, None)).as_deref(), Some("next"));
        assert_eq!(current_path_of(&names(&["3.0"]), &options(Some("3.0"), None)).as_deref(), Some("next"));
        assert_eq!(current_path_of(&names(&["3.0"]), &options(Some("current"), None)), None);
        assert_eq!(current_path_of(&names(&[]), &options(None, None)), None, "no versions: current is the last");
        assert_eq!(current_path_of(&names(&["3.0"]), &options(None, Some("/dev/"))).as_deref(), Some("dev"));
        assert_eq!(current_path_of(&names(&["3.0"]), &options(Some("current"), Some("dev"))).as_deref(), Some("dev"));
        assert_eq!(current_path_of(&names(&["3.0"]), &options(None, Some("../x"))), None);
    }

    #[test]
    fn the_first_version_is_the_last_by_default_and_stays_at_the_docs_route() {
        let (planned, problems) = plan(&names(&["2.0", "1.0"]), &VersionOptions::default());
        assert_eq!(planned, mounts(&[("versioned_docs/version-1.0", "1.0")]));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].4, Severity::Note);
        assert!(problems[0].3.contains("version `2.0` at the docs route"), "{}", problems[0].3);
    }

    #[test]
    fn last_version_current_mounts_every_version_at_its_name_or_path() {
        let options = VersionOptions {
            last_version: Some("current".into()),
            paths: vec![("v1".into(), "/legacy/".into(), 9, 15)],
            only_include: None,
        };
        let (planned, problems) = plan(&names(&["v1", "0.82"]), &options);
        assert_eq!(
            planned,
            mounts(&[("versioned_docs/version-v1", "legacy"), ("versioned_docs/version-0.82", "0.82")])
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn names_and_paths_that_leave_their_folder_are_errors_at_their_place() {
        let options = VersionOptions {
            last_version: Some("current".into()),
            paths: vec![("b".into(), "../x".into(), 7, 20)],
            only_include: None,
        };
        let (planned, problems) = plan(&names(&["../../etc", "b", "/abs"]), &options);
        assert!(planned.is_empty());
        let places: Vec<(&str, usize, usize)> = problems.iter().map(|p| (p.0, p.1, p.2)).collect();
        assert_eq!(places, [("versions.json", 1, 2), ("config", 7, 20), ("versions.json", 1, 14)]);
        assert!(problems[0].3.contains("leads out of its folder"), "{}", problems[0].3);
    }

    #[test]
    fn reads_versions_json_with_places() {
        assert_eq!(
            parse_versions("[\n  \"v1\",\n  \"0.82\"\n]\n").expect("a list"),
            [("v1".to_string(), 2, 3), ("0.82".to_string(), 3, 3)]
        );
        assert_eq!(parse_versions("[\"a\"]").expect("a list"), [("a".to_string(), 1, 2)]);
        assert!(parse_versions("{\"a\": 1}").is_err());
        assert!(parse_versions("[1]").is_err());
    }

    #[test]
    fn reads_the_versions_of_the_docs_plugin() {
        let text = "export default {\n  presets: [['classic', {\n    docs: {\n      lastVersion: 'current',\n      versions: { current: { label: 'v2' }, v1: { path: 'v1' }, 0.82: { path: '0.82' } },\n    },\n  }]],\n};\n";
        let docs = crate::compat::docusaurus::site::docs_options(text).expect("reads").0.expect("finds docs");
        let options = version_options(&docs);
        assert_eq!(options.last_version.as_deref(), Some("current"));
        let paths: Vec<(&str, &str)> = options.paths.iter().map(|(n, p, ..)| (n.as_str(), p.as_str())).collect();
        assert_eq!(paths, [("v1", "v1"), ("0.82", "0.82")]);
        let plugin = "plugins: [['@docusaurus/plugin-content-docs', { id: 'api', lastVersion: 'x' }], ['@docusaurus/plugin-content-docs', { lastVersion: 'y' }]]";
        let docs =
            crate::compat::docusaurus::site::docs_options(plugin).expect("reads").0.expect("finds the default plugin");
        assert_eq!(version_options(&docs).last_version.as_deref(), Some("y"));
    }

    fn only(list: &[&str], last: Option<&str>) -> VersionOptions {
        let list = list.iter().map(|name| name.to_string()).collect();
        VersionOptions {
            last_version: last.map(str::to_string),
            paths: Vec::new(),
            only_include: Some(OnlyInclude::Names(list, 4, 9)),
        }
    }

    /// `onlyIncludeVersions` as facebook/docusaurus's `readVersionsMetadata` tests read it
    /// (`packages/docusaurus-plugin-content-docs/src/versions/__tests__/index.test.ts` at
    /// 0559a6b6708e71af2bbf60c358550cd41c3fbc51, the versioned site of versions `1.0.1`,
    /// `1.0.0`, `withSlugs`): "works with onlyIncludeVersions option" (the order written
    /// does not matter, the first version kept is the last, `current` left out), "throws
    /// with empty onlyIncludeVersions", "throws with unknown versions in
    /// onlyIncludeVersions", "throws with lastVersion not in onlyIncludeVersions".
    #[test]
    fn only_include_versions_as_docusaurus_tests_read_it() {
        let site = names(&["1.0.1", "1.0.0", "withSlugs"]);
        let (planned, problems) = plan(&site, &only(&["withSlugs", "1.0.1"], None));
        assert_eq!(planned, mounts(&[("versioned_docs/version-withSlugs", "withSlugs")]));
        let messages: Vec<(&str, Severity)> = problems.iter().map(|p| (p.3.as_str(), p.4)).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].0.contains("leaves out `current`") && messages[0].1 == Severity::Note, "{messages:?}");
        assert!(messages[1].0.contains("version `1.0.1` at the docs route"), "{messages:?}");

        let kept = only(&["current", "1.0.0"], None);
        let (planned, _) = plan(&site, &kept);
        assert!(planned.is_empty(), "1.0.0 is the last version, at the docs route: {planned:?}");
        assert_eq!(current_path_of(&included(&site, &kept).0, &kept).as_deref(), Some("next"));
        assert_eq!(current_path_of(&included(&site, &only(&["current"], None)).0, &only(&["current"], None)), None);

        let refused = [
            (only(&[], None), "an empty array is not allowed, at least one version is needed"),
            (
                only(&["unknownVersion1", "unknownVersion2"], None),
                "unknown versions (unknownVersion1,unknownVersion2) found. Available version names are: current, 1.0.1, 1.0.0, withSlugs",
            ),
            (only(&["current", "1.0.0"], Some("1.0.1")), "`lastVersion` must be present"),
        ];
        for (options, why) in refused {
            let (planned, problems) = plan(&site, &options);
            assert_eq!(planned.len(), 2, "every version is built: {planned:?}");
            assert_eq!((problems[0].1, problems[0].2, problems[0].4), (4, 9, Severity::Error));
            assert!(problems[0].3.contains(why), "{}", problems[0].3);
        }
    }

    /// openkruise/openkruise.io's `docusaurus.config.js` (81a3ff66): `onlyIncludeVersions`
    /// computed by a function called in place is a warning at its place, every version
    /// built; a list written is read, `undefined` is unset.
    #[test]
    fn reads_only_include_versions_or_says_where_it_cannot() {
        let docs = |value: &str| {
            let text = format!(
                "export default {{\n  presets: [['classic', {{\n    docs: {{\n      onlyIncludeVersions: {value},\n    }},\n  }}]],\n}};\n"
            );
            let docs = crate::compat::docusaurus::site::docs_options(&text).expect("reads").0.expect("finds docs");
            version_options(&docs).only_include
        };
        assert_eq!(docs("['current', 'v1.9']"), Some(OnlyInclude::Names(vec!["current".into(), "v1.9".into()], 4, 28)));
        assert_eq!(docs("undefined"), None);
        let computed = docs("(() => {\n        return ['current', ...versions.slice(0, 3)];\n      })()");
        let Some(OnlyInclude::Unread(what, line, column)) = computed else { panic!("{computed:?}") };
        assert_eq!((line, column), (4, 28));
        let (_, problems) = plan(
            &names(&["v1.9", "v1.6"]),
            &VersionOptions {
                only_include: Some(OnlyInclude::Unread(what, line, column)),
                ..VersionOptions::default()
            },
        );
        assert_eq!(problems[0].4, Severity::Warning);
        assert!(problems[0].3.starts_with("`onlyIncludeVersions` is code"), "{}", problems[0].3);
    }
}
