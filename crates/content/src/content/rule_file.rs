//! Prometheus rule files, read for `opsbook check --rules`: the alerts they define, each
//! at the line and column of its `alert:` key, with the runbook links of its
//! annotations. They are never part of the site.
//!
//! More: docs/architecture.md, "Notes by module".

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::confine::Confinement;
use super::front_matter::{SyntaxError, parse_yaml_documents};
use super::node::{Located, Node};

/// The annotations that may hold an alert's runbook link, in the order they are read.
pub const RUNBOOK_ANNOTATIONS: [&str; 3] = ["runbook_url", "runbook", "link"];

/// An alerting rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleAlert {
    /// The alert's name, at its `alert:` key.
    pub name: Located<String>,
    /// The runbook links of its annotations: the annotation's name and its value, at the
    /// value.
    pub links: Vec<(&'static str, Located<String>)>,
    /// The annotations whose templates read the `alertname` label, which Prometheus adds
    /// to an alert only after its annotations are filled in: each name and value, at the
    /// value.
    pub alertname_uses: Vec<(String, Located<String>)>,
}

/// The alerting rules of a rule file's text, in the order written.
pub fn read_alerts(text: &str) -> Result<Vec<RuleAlert>, SyntaxError> {
    let mut alerts = Vec::new();
    for document in parse_yaml_documents(text)? {
        alerts_of_document(&document, &mut alerts);
    }
    Ok(alerts)
}

/// The alerts of one document (a rule file, a `PrometheusRule`, or a list of them).
fn alerts_of_document(document: &Node, alerts: &mut Vec<RuleAlert>) {
    let groups = match document.get("kind").and_then(|k| k.value.as_text()) {
        Some(kind) if kind == "PrometheusRule" => document.get("spec").and_then(|spec| spec.value.get("groups")),
        Some(kind) if kind.ends_with("List") => {
            // A list holds objects, never another list: `kubectl` prints one level.
            if let Some(Located { value: Node::List(items), .. }) = document.get("items") {
                let objects = items.iter().filter(|item| {
                    item.value.get("kind").and_then(|k| k.value.as_text()).is_some_and(|k| !k.ends_with("List"))
                });
                objects.for_each(|item| alerts_of_document(&item.value, alerts));
            }
            None
        }
        Some(_) => None,
        None => document.get("groups"),
    };
    let Some(Located { value: Node::List(groups), .. }) = groups else { return };
    for group in groups {
        let Some(Located { value: Node::List(rules), .. }) = group.value.get("rules") else { continue };
        alerts.extend(rules.iter().filter_map(|rule| alert_of(&rule.value)));
    }
}

/// The alert a rule defines, if it is an alerting rule with a name.
fn alert_of(rule: &Node) -> Option<RuleAlert> {
    let Node::Map(entries) = rule else { return None };
    let (key, value) = entries.iter().find(|(key, _)| key.value == "alert")?;
    let name = value.value.as_text()?.trim().to_string();
    if name.is_empty() {
        return None;
    }
    let annotations = rule.get("annotations");
    let links = RUNBOOK_ANNOTATIONS
        .iter()
        .filter_map(|&annotation| {
            let value = annotations?.value.get(annotation)?;
            let text = value.value.as_text()?.trim().to_string();
            (!text.is_empty()).then(|| (annotation, value.with(text)))
        })
        .collect();
    let alertname_uses = match annotations.map(|a| &a.value) {
        Some(Node::Map(entries)) => entries
            .iter()
            .filter_map(|(key, value)| {
                let text = value.value.as_text()?;
                reads_alertname(&text).then(|| (key.value.clone(), value.with(text.trim().to_string())))
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(RuleAlert { name: key.with(name), links, alertname_uses })
}

/// Whether a template action of `text` (`{{ ... }}`) reads the `alertname` label:
/// `$labels.alertname`, `.Labels.alertname`, or `index $labels "alertname"`.
pub fn reads_alertname(text: &str) -> bool {
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}").map(|e| start + e) else { break };
        let action = &rest[start + 2..end];
        let words: Vec<&str> = action.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == '|').collect();
        let dotted = words.iter().any(|w| {
            let w = w.trim_start_matches('-').trim_end_matches('-');
            w == "$labels.alertname" || w == ".Labels.alertname"
        });
        let indexed = words.contains(&"index")
            && words.iter().any(|w| *w == "$labels" || *w == ".Labels")
            && words.iter().any(|w| *w == "\"alertname\"" || *w == "`alertname`");
        if dotted || indexed {
            return true;
        }
        rest = &rest[end + 2..];
    }
    false
}

/// One rule file, read.
#[derive(Debug)]
pub struct RuleFile {
    /// Its path as diagnostics name it: relative to the handbook's root when it lies in
    /// it, else absolute.
    pub path: String,
    /// Its alerts, or why they are unknown.
    pub alerts: Result<Vec<RuleAlert>, Unread>,
}

/// Why the alerts of a rule file are unknown. No variant holds text of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// It is not UTF-8, or not YAML: where the parser stopped and what it said, without
    /// what it quoted of the file ([`without_quotes`]).
    Syntax(SyntaxError),
    /// It cannot be read (no regular file, too large, no permission): why.
    Unreadable(String),
    /// It is not read: it leads out of the folder it was found in (a link). The message.
    Refused(String),
}

/// A rule file found on the command line: its path, and the message that refuses it
/// when it may not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    /// The file (or a folder given, when the folder itself is refused).
    pub path: PathBuf,
    /// The file to read, as the confinement let it through, or why it is not read.
    pub read: Result<crate::fs::Confined, String>,
}

/// Reads the alerts of the rule files [`find_rule_files`] found, each a regular file of
/// at most [`crate::fs::MAX_RULE_FILE_BYTES`]; what cannot be read, or is refused, is an
/// [`Unread`] of its [`RuleFile`].
pub fn read_rule_files(found: &[FoundFile], root: &Path) -> Vec<RuleFile> {
    found
        .iter()
        .map(|found| {
            let file = &found.path;
            let alerts = match &found.read {
                Err(message) => Err(Unread::Refused(message.clone())),
                Ok(confined) => match crate::fs::read_bytes(confined, crate::fs::FileKind::RuleFile) {
                    Err(e) => Err(Unread::Unreadable(e.to_string())),
                    Ok(bytes) => match String::from_utf8(bytes) {
                        Ok(text) => read_alerts(text.strip_prefix('\u{feff}').unwrap_or(&text))
                            .map_err(|e| Unread::Syntax(SyntaxError { message: without_quotes(&e.message), ..e })),
                        Err(_) => Err(Unread::Syntax(SyntaxError {
                            line: 1,
                            column: 1,
                            message: "the rule file is not valid UTF-8".to_string(),
                        })),
                    },
                },
            };
            let path = crate::fs::slash_path(file.strip_prefix(root).unwrap_or(file));
            RuleFile { path, alerts }
        })
        .collect()
}

/// A parser's message without what it quoted of the file: the message up to its first
/// quote or bracket (`unexpected character: `\u{0}'` -> `unexpected character`), so a
/// file that is not YAML (an environment, a key) is never shown in the log.
fn without_quotes(message: &str) -> String {
    let cut = message.find(['`', '\'', '"', '[', '(', '{']).unwrap_or(message.len());
    message[..cut].trim_end().trim_end_matches(':').trim_end().chars().filter(|c| !c.is_control()).collect()
}

/// The rule files named on the command line: each file as it is, and the `*.yml` and
/// `*.yaml` files of each folder and its subfolders, sorted, leaving out hidden files
/// and folders (`.git/`, `.github/`) and symbolic links to folders; each file once. A path that
/// does not exist is an error that names it.
///
/// Every file is confined like the content (`confine::Confinement`): a path in the
/// handbook (`root`) to the handbook, a path outside it to the folder given (the file's
/// folder, for a file). A link leading elsewhere, or into a hidden folder, is refused
/// (its [`FoundFile::refused`]) and never read; so is a folder given in the handbook
/// that leads out of it.
pub fn find_rule_files(paths: &[PathBuf], root: &Path) -> Result<Vec<FoundFile>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata =
            std::fs::metadata(path).with_context(|| format!("cannot read the rule files at {}", path.display()))?;
        let in_handbook = lexical(path).starts_with(lexical(root));
        let confinement = if in_handbook {
            Confinement::new(root)
        } else {
            Confinement::of_given_folder(if metadata.is_dir() { path } else { path.parent().unwrap_or(path) })
        };
        let confinement = confinement
            .with_context(|| format!("cannot resolve the folder of the rule files at {}", path.display()))?;
        let refusal =
            |file: &Path, what: &str| confinement.readable(file).map_err(|why| format!("the {what} not read: {why}"));
        if metadata.is_dir() {
            if let Err(refused) = refusal(path, "rule files are") {
                files.push(FoundFile { path: path.clone(), read: Err(refused) });
                continue;
            }
            let mut found = Vec::new();
            collect_yaml_files(path, &mut found)?;
            files.extend(found.into_iter().map(|file| {
                let read = refusal(&file, "rule file is");
                FoundFile { path: file, read }
            }));
        } else {
            files.push(FoundFile { path: path.clone(), read: refusal(path, "rule file is") });
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(file.path.clone()));
    Ok(files)
}

/// `path` with its `.` and `..` folded away, as written (no link followed).
fn lexical(path: &Path) -> PathBuf {
    let mut folded = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                folded.pop();
            }
            other => folded.push(other),
        }
    }
    folded
}

fn collect_yaml_files(folder: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(folder).with_context(|| format!("cannot read the folder {}", folder.display()))?;
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // Symbolic links to folders are not followed, so a loop cannot trap the walk.
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        let is_yaml = path.extension().is_some_and(|ext| ext == "yml" || ext == "yaml");
        if is_folder {
            collect_yaml_files(&path, files)?;
        } else if is_yaml && !path.is_dir() {
            // Whatever it is (a named pipe, a broken link): reading it says what.
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, usize, usize)> {
        read_alerts(text).unwrap().into_iter().map(|a| (a.name.value, a.name.line, a.name.column)).collect()
    }

    #[test]
    fn reads_alerts_of_a_rule_file_at_their_alert_key() {
        let text = "groups:\n  - name: pods\n    rules:\n      - record: job:up:sum\n        expr: sum(up)\n      - alert: KubePodCrashLooping\n        expr: x > 0\n        annotations:\n          runbook_url: https://ops.example.org/alerts/{{ $labels.alertname }}/\n";
        assert_eq!(names(text), vec![("KubePodCrashLooping".to_string(), 6, 9)]);
        let alert = &read_alerts(text).unwrap()[0];
        assert_eq!(alert.links.len(), 1);
        assert_eq!(alert.links[0].0, "runbook_url");
        assert_eq!(alert.links[0].1.line, 9);
        assert_eq!(alert.alertname_uses.len(), 1);
        assert_eq!((alert.alertname_uses[0].0.as_str(), alert.alertname_uses[0].1.line), ("runbook_url", 9));
    }

    #[test]
    fn finds_the_templates_that_read_the_alertname_label() {
        for text in [
            "/alerts/{{ $labels.alertname }}/",
            "/alerts/{{$labels.alertname}}/",
            "{{- .Labels.alertname -}} fired",
            "/alerts/{{ $labels.alertname | toLower }}/",
            "/alerts/{{ index $labels \"alertname\" }}/",
            "/alerts/{{ toLower ($labels.alertname) }}/",
        ] {
            assert!(reads_alertname(text), "{text}");
        }
        for text in [
            "/alerts/KubePodCrashLooping/",
            "{{ $labels.job }} {{ $labels.alertnames }}",
            "alertname {{",
            "{{ $labels.alertname",
        ] {
            assert!(!reads_alertname(text), "{text}");
        }
    }

    #[test]
    fn reads_prometheus_rule_resources_over_several_documents() {
        let text = "apiVersion: v1\nkind: ConfigMap\ndata:\n  groups: x\n---\napiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nspec:\n  groups:\n    - name: a\n      rules:\n        - alert: EtcdDown\n---\nkind: PrometheusRule\nspec:\n  groups:\n    - name: b\n      rules:\n        - expr: up\n          alert: NodeDown\n";
        assert_eq!(names(text), vec![("EtcdDown".to_string(), 12, 11), ("NodeDown".to_string(), 20, 11)]);
    }

    #[test]
    fn reads_the_list_kubectl_prints_of_prometheus_rules() {
        // `kubectl get prometheusrules -o yaml` prints `kind: List`.
        let text = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: monitoring.coreos.com/v1\n    kind: PrometheusRule\n    metadata:\n      name: kube\n    spec:\n      groups:\n        - name: pods\n          rules:\n            - alert: KubePodCrashLooping\n              annotations:\n                runbook_url: https://ops.example.org/alerts/kubepodcrashlooping/\n  - kind: ConfigMap\n    data:\n      groups: x\n  - kind: List\n    items:\n      - kind: PrometheusRule\n        spec:\n          groups:\n            - name: nested\n              rules:\n                - alert: Nested\nmetadata:\n  resourceVersion: \"\"\n";
        assert_eq!(names(text), [("KubePodCrashLooping".to_string(), 12, 15)]);
        let alerts = read_alerts(text).unwrap();
        assert_eq!(alerts[0].links[0].1.value, "https://ops.example.org/alerts/kubepodcrashlooping/");
        let typed = "kind: PrometheusRuleList\nitems:\n  - kind: PrometheusRule\n    spec:\n      groups:\n        - rules:\n            - alert: EtcdDown\n";
        assert_eq!(names(typed), [("EtcdDown".to_string(), 7, 15)]);
    }

    #[test]
    fn reports_malformed_yaml_at_its_line() {
        let err = read_alerts("groups:\n  - name: a\n    rules:\n      - alert: A\n     bad: [\n").unwrap_err();
        assert!(err.line >= 4, "{err:?}");
        assert!(err.message.starts_with("invalid YAML: "), "{}", err.message);
    }

    #[test]
    fn ignores_documents_that_are_not_rules() {
        assert!(names("title: x\n").is_empty());
        assert!(names("- a\n- b\n").is_empty());
        assert!(names("").is_empty());
        assert!(names("groups:\n  - name: a\n    rules:\n      - alert: ''\n").is_empty());
    }

    #[test]
    fn finds_yaml_files_in_folders_but_not_hidden_ones() {
        let root = std::env::temp_dir().join(format!("opsbook-rule-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        for file in ["b.yml", "a/c.yaml", "a/notes.md", ".github/workflows/ci.yml", "a/.hidden.yml", "rules.txt"] {
            let path = root.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        let found = find_rule_files(&[root.clone(), root.join("rules.txt"), root.join("b.yml")], &root).unwrap();
        let names: Vec<String> =
            found.iter().map(|f| crate::fs::slash_path(f.path.strip_prefix(&root).unwrap())).collect();
        assert_eq!(names, ["a/c.yaml", "b.yml", "rules.txt"]);
        assert!(found.iter().all(|f| f.read.is_ok()), "{found:?}");
        let err = find_rule_files(&[root.join("gone")], &root).unwrap_err();
        assert!(format!("{err:#}").starts_with("cannot read the rule files at "), "{err:#}");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn leaves_out_what_the_parser_quotes() {
        assert_eq!(
            without_quotes("invalid YAML: unexpected character: `\\u{0}'"),
            "invalid YAML: unexpected character"
        );
        assert_eq!(without_quotes("invalid YAML: unclosed bracket '['"), "invalid YAML: unclosed bracket");
        assert_eq!(without_quotes("invalid type: string \"s3cret\", expected a map"), "invalid type: string");
        assert_eq!(
            without_quotes("invalid YAML: while parsing a block mapping, did not find expected key"),
            "invalid YAML: while parsing a block mapping, did not find expected key"
        );
    }

    #[test]
    fn folds_paths_as_written() {
        assert_eq!(lexical(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert!(!lexical(Path::new("/hb/../other/rules")).starts_with(lexical(Path::new("/hb"))));
    }
}
