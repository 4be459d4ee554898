//! `opsbook check --rules`: Prometheus rule files and `PrometheusRule`
//! resources checked against the handbook's runbooks, each diagnostic at its place in
//! every output format; exit codes; rule files never rendered.

use crate::util;

use util::Site;

const BOOK: &str = "[handbook]\ntitle = \"Test\"\nbase-url = \"https://ops.example.org/handbook/\"\n";

const RULES: &str = "\
groups:
  - name: pods
    rules:
      - record: job:up:sum
        expr: sum(up)
      - alert: KubePodCrashLooping
        expr: rate(x[5m]) > 0
        annotations:
          runbook_url: https://ops.example.org/handbook/alerts/KubePodCrashLooping/
      - alert: NodeDiskFull
        annotations:
          runbook_url: \"https://ops.example.org/handbook/alerts/{{$labels.alertname}}/\"
      - alert: OrphanAlert
        annotations:
          runbook_url: https://ops.example.org/handbook/alerts/OrphanAlert/
      - alert: LinkedByPage
        annotations:
          runbook: /handbook/runbooks/disk/
      - alert: ExternalOnly
        annotations:
          runbook_url: https://runbooks.example.com/x
      - alert: TypoLink
        annotations:
          link: https://ops.example.org/handbook/runbooks/dsik/
";

/// A `PrometheusRule` resource in two documents, after a ConfigMap.
const RESOURCE: &str = "\
apiVersion: v1
kind: ConfigMap
metadata:
  name: unrelated
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: etcd
spec:
  groups:
    - name: etcd
      rules:
        - alert: EtcdNoLeader
          expr: etcd_server_has_leader == 0
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
spec:
  groups:
    - name: pods-again
      rules:
        - alert: KubePodCrashLooping
          annotations:
            runbook_url: https://ops.example.org/handbook/runbooks/kubepodcrashlooping/
";

/// A handbook with two runbooks (one named after its alert, one listing two alerts) and
/// a `rules/` folder beside `content/`.
fn handbook(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("book.toml", BOOK),
            ("content/_index.md", "# Home\n"),
            ("content/runbooks/_index.md", "---\ndefault_kind: runbook\n---\n# Runbooks\n"),
            ("content/runbooks/KubePodCrashLooping.md", "# Pods crash looping\n"),
            (
                "content/runbooks/disk.md",
                "---\ntitle: Disk full\nalerts:\n  - NodeDiskFull\n  - StaleAlert\n---\nFree space.\n",
            ),
            ("rules/pods.yml", RULES),
            ("rules/k8s/etcd.yaml", RESOURCE),
            ("rules/README.md", "not a rule file\n"),
        ],
    )
}

type Finding = (String, String, String, u64, u64);

/// `(severity, rule, path, line, column)` of every diagnostic of `check --format json`
/// with `args`.
fn findings(site: &Site, args: &[&str]) -> (i32, Vec<Finding>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let run = site.run(&all);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    let text = |v: &serde_json::Value| v.as_str().expect("text").to_string();
    let number = |v: &serde_json::Value| v.as_u64().expect("a number");
    let list = value.as_array().expect("an array").iter();
    (
        run.code,
        list.map(|d| {
            (text(&d["severity"]), text(&d["rule"]), text(&d["path"]), number(&d["line"]), number(&d["column"]))
        })
        .collect(),
    )
}

fn finding(severity: &str, rule: &str, path: &str, line: u64, column: u64) -> Finding {
    (severity.into(), rule.into(), path.into(), line, column)
}

/// What the `handbook` reports with `--rules rules`, in order.
fn expected() -> Vec<Finding> {
    vec![
        finding("note", "runbook-without-alert", "content/runbooks/disk.md", 3, 1),
        finding("warning", "alert-without-runbook", "rules/k8s/etcd.yaml", 14, 11),
        finding("error", "alertname-in-annotation", "rules/pods.yml", 12, 24),
        finding("warning", "alert-without-runbook", "rules/pods.yml", 13, 9),
        finding("error", "runbook-url-broken", "rules/pods.yml", 15, 24),
        finding("warning", "alert-without-runbook", "rules/pods.yml", 19, 9),
        finding("warning", "alert-without-runbook", "rules/pods.yml", 22, 9),
        finding("error", "runbook-url-broken", "rules/pods.yml", 24, 17),
    ]
}

#[test]
fn reports_each_rules_diagnostic_at_its_place_in_json() {
    let site = handbook("rules-json");
    let (code, found) = findings(&site, &["--rules", "rules"]);
    assert_eq!(found, expected());
    assert_eq!(code, 1, "a broken runbook URL is an error");
}

#[test]
fn reads_several_paths_and_repeated_flags_alike() {
    let site = handbook("rules-paths");
    let (_, one_folder) = findings(&site, &["--rules", "rules"]);
    let (_, two_paths) = findings(&site, &["--rules", "rules/pods.yml", "rules/k8s"]);
    let (_, repeated) = findings(&site, &["--rules", "rules/k8s/etcd.yaml", "--rules", "rules/pods.yml"]);
    assert_eq!(one_folder, two_paths);
    assert_eq!(one_folder, repeated);
}

#[test]
fn prints_rules_diagnostics_in_the_human_format() {
    let site = handbook("rules-human");
    let run = site.run(&["check", "--rules", "rules"]);
    run.expect_code(1);
    let err = &run.stderr;
    assert!(
        err.contains(
            "note[runbook-without-alert]: no rule of the rule files defines the alert `StaleAlert` this runbook answers\n --> content/runbooks/disk.md:3:1\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "warning[alert-without-runbook]: the alert `OrphanAlert` has no runbook in the handbook\n  --> rules/pods.yml:13:9\n   |\n13 |       - alert: OrphanAlert\n   |         ^\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "error[runbook-url-broken]: the `link` of the alert `TypoLink` points into the handbook at no page: `https://ops.example.org/handbook/runbooks/dsik/`\n  --> rules/pods.yml:24:17\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "the `runbook_url` of the alert `OrphanAlert` points into the handbook at no page: `https://ops.example.org/handbook/alerts/OrphanAlert/`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "error[alertname-in-annotation]: the `runbook_url` of the alert `NodeDiskFull` reads the `alertname` label, which Prometheus adds only after filling in annotations: it is empty there\n  --> rules/pods.yml:12:24\n"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "= help: write the alert's name: `runbook_url: https://ops.example.org/handbook/alerts/NodeDiskFull/`"
        ),
        "the fix, with the name written: {err}"
    );
    assert!(err.ends_with("s: 3 errors, 4 warnings, 1 note\n"), "notes are not warnings: {err}");
}

#[test]
fn prints_rules_diagnostics_as_github_annotations() {
    let site = handbook("rules-github");
    let run = site.run(&["check", "--format", "github", "--rules", "rules"]);
    run.expect_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{}", run.stdout);
    assert!(lines[0].starts_with(
        "::notice file=content/runbooks/disk.md,line=3,col=1,title=opsbook runbook-without-alert::no rule of"
    ));
    assert!(lines[1].starts_with(
        "::warning file=rules/k8s/etcd.yaml,line=14,col=11,title=opsbook alert-without-runbook::the alert `EtcdNoLeader` has no runbook"
    ));
    assert!(lines[2].starts_with(
        "::error file=rules/pods.yml,line=12,col=24,title=opsbook alertname-in-annotation::the `runbook_url` of the alert `NodeDiskFull`"
    ));
    assert!(lines[4].starts_with(
        "::error file=rules/pods.yml,line=15,col=24,title=opsbook runbook-url-broken::the `runbook_url` of the alert `OrphanAlert`"
    ));
}

#[test]
fn prints_rules_diagnostics_in_a_gitlab_report() {
    let site = handbook("rules-gitlab");
    let run = site.run(&["check", "--format", "gitlab", "--rules", "rules"]);
    run.expect_code(1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let found: Vec<(String, String, String, u64)> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap().into(),
                d["check_name"].as_str().unwrap().into(),
                d["location"]["path"].as_str().unwrap().into(),
                d["location"]["lines"]["begin"].as_u64().unwrap(),
            )
        })
        .collect();
    let severity = |s: &str| match s {
        "note" => "info",
        "warning" => "minor",
        _ => "major",
    };
    let want: Vec<(String, String, String, u64)> =
        expected().into_iter().map(|(s, rule, path, line, _)| (severity(&s).into(), rule, path, line)).collect();
    assert_eq!(found, want);
}

#[test]
fn warnings_and_notes_alone_pass_unless_runbooks_are_required() {
    let site = handbook("rules-required");
    site.write(
        "rules/pods.yml",
        "groups:\n  - name: a\n    rules:\n      - alert: NodeDiskFull\n      - alert: Unknown\n",
    );
    site.write("rules/k8s/etcd.yaml", "");
    let (code, found) = findings(&site, &["--rules", "rules"]);
    assert_eq!(
        found,
        vec![
            finding("note", "runbook-without-alert", "content/runbooks/KubePodCrashLooping.md", 0, 0),
            finding("note", "runbook-without-alert", "content/runbooks/disk.md", 3, 1),
            finding("warning", "alert-without-runbook", "rules/pods.yml", 5, 9),
        ]
    );
    assert_eq!(code, 0);
    site.write("book.toml", format!("{BOOK}\n[alerts]\nrequire-runbook = \"error\"\n"));
    let (code, found) = findings(&site, &["--rules", "rules"]);
    assert_eq!(found[2], finding("error", "alert-without-runbook", "rules/pods.yml", 5, 9));
    assert_eq!(code, 1);
}

#[test]
fn reports_malformed_yaml_at_its_line() {
    let site = handbook("rules-syntax");
    site.write(
        "rules/k8s/etcd.yaml",
        "groups:\n  - name: a\n    rules:\n      - alert: A\n        expr: up == 0\n     labels: x\n",
    );
    let (code, found) = findings(&site, &["--rules", "rules/k8s"]);
    assert_eq!(found, vec![finding("error", "rules-syntax", "rules/k8s/etcd.yaml", 6, 6)]);
    assert_eq!(code, 1);
    let run = site.run(&["check", "--rules", "rules/k8s"]);
    assert!(
        run.stderr.contains(
            "error[rules-syntax]: invalid YAML: while parsing a block mapping, did not find expected key\n --> rules/k8s/etcd.yaml:6:6\n"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_rule_path_that_does_not_exist_exits_with_2() {
    let site = handbook("rules-missing");
    let run = site.run(&["check", "--rules", "nowhere.yml"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read the rule files at"), "{}", run.stderr);
    assert!(run.stderr.contains("nowhere.yml"), "{}", run.stderr);
}

#[test]
fn rule_files_outside_the_root_are_named_by_their_absolute_path() {
    let site = handbook("rules-outside");
    let other = Site::with_files("rules-elsewhere", &[("alerts.yml", "groups:\n  - rules:\n      - alert: Far\n")]);
    let (_, found) = findings(&site, &["--rules", other.root.join("alerts.yml").to_str().unwrap()]);
    let far = found.iter().find(|f| f.1 == "alert-without-runbook").expect("the alert is reported");
    assert!(far.2.ends_with("/alerts.yml") && far.2.starts_with('/'), "{far:?}");
    assert_eq!((far.3, far.4), (3, 9));
}

#[test]
fn check_without_rules_reports_nothing_of_them_and_a_build_leaves_them_out() {
    let site = handbook("rules-none");
    let (code, found) = findings(&site, &[]);
    assert_eq!((code, found), (0, Vec::new()));
    site.build(&[]).expect_code(0);
    let files = site.files_under("public");
    assert!(!files.iter().any(|f| f.contains("pods") || f.contains("etcd") || f.ends_with(".yml")), "{files:?}");
}

#[test]
fn resolves_aliases_and_checks_only_links_into_this_handbook() {
    let site = handbook("rules-links");
    site.write(
        "content/runbooks/disk.md",
        "---\ntitle: Disk full\naliases: [/old/disk/]\n---\n## Steps\n\nFree space.\n",
    );
    site.write("rules/k8s/etcd.yaml", "");
    site.write(
        "rules/pods.yml",
        "groups:\n  - rules:\n      - alert: ByAlias\n        annotations:\n          runbook_url: http://OPS.example.org/handbook/old/disk/?from=pager#steps\n      - alert: OtherPath\n        annotations:\n          runbook_url: /elsewhere/runbooks/x/\n      - alert: OtherTemplate\n        annotations:\n          runbook_url: https://ops.example.org/handbook/{{ $labels.job }}/\n      - alert: Home\n        annotations:\n          runbook: https://ops.example.org/handbook\n",
    );
    let (code, found) = findings(&site, &["--rules", "rules"]);
    let rules: Vec<(&str, u64)> = found.iter().map(|f| (f.1.as_str(), f.3)).collect();
    assert_eq!(
        rules,
        vec![("runbook-without-alert", 0), ("alert-without-runbook", 6), ("alert-without-runbook", 9),],
        "an alias, another scheme or host case, a query and the home page resolve; paths outside the base path and other templates are not checked"
    );
    assert_eq!(code, 0);
}

/// The rule files kube-prometheus users have. `kubectl get prometheusrules -o
/// yaml` prints `kind: List`; the mixins link to `/alerts/<name in lower case>/`; a
/// `#fragment` must be an anchor of the runbook.
#[test]
fn reads_kubectl_lists_lower_case_alert_urls_and_checks_anchors() {
    let site = handbook("rules-issue-32");
    site.write(
        "content/runbooks/disk.md",
        "---\ntitle: Disk full\nalerts:\n  - NodeDiskFull\n---\n## Free space\n\nDelete logs.\n",
    );
    site.write("rules/pods.yml", "groups: []\n");
    site.write(
        "rules/k8s/etcd.yaml",
        "\
apiVersion: v1
kind: List
items:
  - apiVersion: monitoring.coreos.com/v1
    kind: PrometheusRule
    metadata:
      name: kubernetes
    spec:
      groups:
        - name: pods
          rules:
            - alert: KubePodCrashLooping
              annotations:
                runbook_url: https://ops.example.org/handbook/alerts/kubepodcrashlooping/
            - alert: NodeDiskFull
              annotations:
                runbook_url: https://ops.example.org/handbook/alerts/nodediskfull/#free-space
            - alert: NodeDiskFuller
              annotations:
                runbook_url: https://ops.example.org/handbook/runbooks/disk/#no-such-heading
metadata:
  resourceVersion: \"\"
",
    );
    let (code, found) = findings(&site, &["--rules", "rules"]);
    assert_eq!(
        found,
        [finding("error", "runbook-url-broken", "rules/k8s/etcd.yaml", 20, 30)],
        "a link to a page with an anchor it lacks is an error, not also an alert without a runbook"
    );
    assert_eq!(code, 1);
    let run = site.run(&["check", "--rules", "rules"]);
    assert!(
        run.stderr.contains(
            "error[runbook-url-broken]: the `runbook_url` of the alert `NodeDiskFuller` points at `#no-such-heading`, no anchor of `content/runbooks/disk.md`"
        ),
        "{}",
        run.stderr
    );
    // The build publishes the lower-case alias beside the alert's own URL: a page that
    // links to the runbook.
    site.build(&[]).expect_code(0);
    for name in ["KubePodCrashLooping", "kubepodcrashlooping", "NodeDiskFull", "nodediskfull"] {
        let page = site.read(&format!("public/alerts/{name}/index.html"));
        assert!(page.contains("/handbook/runbooks/"), "{name}: {page}");
    }
    // The alerts' addresses are pages of their own, not `_redirects` lines.
    assert!(!site.read("public/_redirects").contains("/handbook/alerts/kubepodcrashlooping/ "));
}

/// Prometheus fills in an alert's annotations from the labels of its series and adds
/// `alertname` only afterwards (tests/integration/health.rs shows it with the real server): every
/// annotation that reads it is an error at its value, with the value to write instead;
/// the name is never filled in by the check, so such a link leads to no runbook.
#[test]
fn annotations_that_read_the_alertname_label_are_errors_with_the_fix() {
    let site = handbook("rules-alertname");
    site.write("rules/k8s/etcd.yaml", "");
    site.write(
        "rules/pods.yml",
        "\
groups:
  - rules:
      - alert: NodeDiskFull
        annotations:
          runbook_url: https://ops.example.org/handbook/alerts/{{ $labels.alertname | toLower }}/
          summary: '{{ .Labels.alertname }} on {{ $labels.instance }}'
          description: Disk of {{ $labels.instance }} is full.
      - alert: KubePodCrashLooping
        annotations:
          runbook_url: https://ops.example.org/handbook/alerts/KubePodCrashLooping/
",
    );
    let (code, found) = findings(&site, &["--rules", "rules"]);
    assert_eq!(
        found,
        [
            finding("note", "runbook-without-alert", "content/runbooks/disk.md", 3, 1),
            finding("error", "alertname-in-annotation", "rules/pods.yml", 5, 24),
            finding("error", "alertname-in-annotation", "rules/pods.yml", 6, 20),
        ],
        "labels the series have are fine; a literal name resolves"
    );
    assert_eq!(code, 1);
    let run = site.run(&["check", "--rules", "rules"]);
    assert!(
        run.stderr.contains(
            "help: write the alert's name: `runbook_url: https://ops.example.org/handbook/alerts/nodediskfull/`"
        ),
        "toLower is applied in the fix: {}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "help: write the alert's name `NodeDiskFull` in place of the label, or use labels the alert's series have, such as {{ $labels.job }}"
        ),
        "{}",
        run.stderr
    );
}
