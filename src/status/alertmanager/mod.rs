//! `opsbook new incident --from-alertmanager payload.json`: a draft incident from an
//! Alertmanager webhook payload (the JSON Alertmanager POSTs to a `webhook_config`,
//! version 4: `status`, `alerts` with `labels`, `annotations`, `startsAt`,
//! `commonLabels`, `commonAnnotations`; see Alertmanager's `notify/webhook` and its
//! documentation of the webhook receiver).
//!
//! More: docs/architecture.md, "Notes by module".

pub(crate) mod update;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use anyhow::{Context, anyhow};
use serde_json::Value;

use crate::dates::Timestamp;

/// What a payload gives the new incident.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Draft {
    /// The incident's title.
    pub(crate) title: String,
    /// When the first alert started.
    pub(crate) started_at: Option<Timestamp>,
    /// The affected components by id, with their states.
    pub(crate) components: BTreeMap<String, &'static str>,
    /// Markdown put before the template's body: the alerts and their runbooks.
    pub(crate) body: String,
    /// The group's key (`groupKey`), when the payload has one.
    pub(crate) group_key: Option<String>,
    /// Whether the group is resolved: the payload's `status` is `resolved`.
    pub(crate) resolved: bool,
    /// When the last alert ended (`endsAt`), when the group is resolved.
    pub(crate) ended_at: Option<Timestamp>,
    /// A digest of the alerts: equal for a repeated notification.
    pub(crate) digest: String,
    /// The alerts' names, each once, in order, for an update's text.
    pub(crate) names: Vec<String>,
    /// What was read leniently, naming the field.
    pub(crate) warnings: Vec<String>,
}

/// Reads the payload at `path` (a regular file of at most the size of a rule file).
pub(crate) fn read(path: &Path, component_label: Option<&str>, ids: &[String]) -> anyhow::Result<Draft> {
    let text = crate::fs::read_text(&crate::fs::Confined::named_on_command_line(path), crate::fs::FileKind::RuleFile)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("cannot read the Alertmanager payload {}", path.display()))?;
    let payload: Value = serde_json::from_str(&text)
        .with_context(|| format!("{} is not JSON: an Alertmanager webhook payload is", path.display()))?;
    draft(&payload, component_label, ids).map_err(|why| anyhow!("{}: {why}", path.display()))
}

/// The draft of `payload` (steps 1 to 7).
pub(crate) fn draft(payload: &Value, component_label: Option<&str>, ids: &[String]) -> Result<Draft, String> {
    let all = payload
        .get("alerts")
        .and_then(Value::as_array)
        .filter(|alerts| !alerts.is_empty())
        .ok_or("no `alerts`: this is not an Alertmanager webhook payload, or it holds no alert")?;
    let mut warnings = Vec::new();
    let firing: Vec<&Value> = all.iter().filter(|a| text(a, &["status"]) == Some("firing")).collect();
    let alerts: Vec<&Value> = if firing.is_empty() { all.iter().collect() } else { firing };
    let names: Vec<&str> = unique(alerts.iter().filter_map(|a| text(a, &["labels", "alertname"])));
    let summary = text(payload, &["commonAnnotations", "summary"])
        .or_else(|| if alerts.len() == 1 { text(alerts[0], &["annotations", "summary"]) } else { None });
    let title = match summary.map(clean).filter(|s| !s.is_empty()) {
        Some(summary) => summary,
        None if names.is_empty() => return Err("its alerts have no `alertname` label and no summary".to_string()),
        None if names.len() > 3 => format!("{} and {} more", clean(&names[..3].join(", ")), names.len() - 3),
        None => clean(&names.join(", ")),
    };
    let mut started_at: Option<Timestamp> = None;
    for (n, alert) in alerts.iter().enumerate() {
        match text(alert, &["startsAt"]).map(|t| (t, Timestamp::parse(t))) {
            Some((_, Some(at))) => {
                started_at = Some(started_at.map_or(at, |s| if at.seconds() < s.seconds() { at } else { s }))
            }
            Some((raw, None)) => warnings.push(format!(
                "the `startsAt` of alert {} ({}) is no time, {:?}: it is left out of `started_at`",
                n + 1,
                clean(text(alert, &["labels", "alertname"]).unwrap_or("no alertname")),
                clean(raw)
            )),
            None => {}
        }
    }
    let (components, unknown) = components_of(&alerts, component_label, ids, &mut warnings);
    let body = body_of(&alerts, &unknown);
    let resolved = text(payload, &["status"]) == Some("resolved");
    let ended_at = resolved
        .then(|| {
            alerts.iter().filter_map(|a| text(a, &["endsAt"]).and_then(Timestamp::parse)).max_by_key(|t| t.seconds())
        })
        .flatten();
    let group_key = text(payload, &["groupKey"]).map(|k| k.chars().filter(|c| !c.is_control()).take(500).collect());
    let names = names.iter().map(|n| clean(n)).collect();
    Ok(Draft {
        title,
        started_at,
        components,
        body,
        group_key,
        resolved,
        ended_at,
        digest: digest(payload, all),
        names,
        warnings,
    })
}

/// Step 4: the components the alerts name, and the label values that are no component.
fn components_of<'a>(
    alerts: &[&'a Value],
    component_label: Option<&str>,
    ids: &[String],
    warnings: &mut Vec<String>,
) -> (BTreeMap<String, &'static str>, Vec<&'a str>) {
    let mut components = BTreeMap::new();
    let mut unknown = Vec::new();
    let Some(label) = component_label else { return (components, unknown) };
    let ids: HashSet<&str> = ids.iter().map(String::as_str).collect();
    let mut seen_unknown = HashSet::new();
    let mut warned = HashSet::new();
    for alert in alerts {
        let Some(value) = text(alert, &["labels", label]) else { continue };
        let severity = text(alert, &["labels", "severity"]);
        let critical = severity.is_some_and(|s| s.eq_ignore_ascii_case("critical"));
        if let Some(severity) = severity.filter(|s| critical && *s != "critical")
            && warned.insert(severity)
        {
            warnings.push(format!(
                "the `severity` {:?} is read as `critical`: the component is `major_outage`",
                clean(severity)
            ));
        }
        let state = if critical { "major_outage" } else { "partial_outage" };
        if ids.contains(value) {
            let entry = components.entry(value.to_string()).or_insert(state);
            if critical {
                *entry = state;
            }
        } else if seen_unknown.insert(value) {
            unknown.push(value);
        }
    }
    (components, unknown)
}

/// Step 5: the list of the alerts with their runbooks, each line once.
fn body_of(alerts: &[&Value], unknown: &[&str]) -> String {
    let mut body = String::from("Opened from these alerts (edit or remove this list before publishing):\n\n");
    let mut lines = HashSet::new();
    for alert in alerts {
        let name = clean(text(alert, &["labels", "alertname"]).unwrap_or("(no alertname)"));
        let runbook = text(alert, &["annotations", "runbook_url"]).or_else(|| text(alert, &["annotations", "runbook"]));
        let what = text(alert, &["annotations", "summary"]).or_else(|| text(alert, &["annotations", "description"]));
        let mut line = format!("- **{}**", escape(&name));
        if let Some(what) = what {
            line.push_str(&format!(": {}", escape(&clean(what))));
        }
        if let Some(url) = runbook.map(clean).filter(|u| is_link(u)) {
            line.push_str(&format!(" ([runbook](<{url}>))"));
        }
        if lines.insert(line.clone()) {
            body.push_str(&line);
            body.push('\n');
        }
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|u| format!("`{}`", clean(u).replace('`', "'"))).collect();
        body.push_str(&format!(
            "\nThe alerts also name {}, which no component of `[status]` has as its id.\n",
            list.join(", ")
        ));
    }
    body.push('\n');
    body
}

/// Step 7: a digest of the payload's status and each alert's status, labels and start,
/// in any order of the alerts and of their labels.
fn digest(payload: &Value, alerts: &[Value]) -> String {
    let mut each: Vec<u64> = alerts
        .iter()
        .map(|alert| {
            let mut labels: Vec<(&String, &Value)> =
                alert.get("labels").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default();
            labels.sort_by_key(|(key, _)| *key);
            let mut hash =
                crate::hash::fnv1a(crate::hash::FNV_OFFSET, text(alert, &["status"]).unwrap_or("").as_bytes());
            for (key, value) in labels {
                hash = crate::hash::fnv1a(hash, key.as_bytes());
                hash = crate::hash::fnv1a(hash, &[0]);
                hash = crate::hash::fnv1a(hash, value.as_str().unwrap_or("").as_bytes());
                hash = crate::hash::fnv1a(hash, &[1]);
            }
            crate::hash::fnv1a(hash, text(alert, &["startsAt"]).unwrap_or("").as_bytes())
        })
        .collect();
    each.sort_unstable();
    let mut hash = crate::hash::fnv1a(crate::hash::FNV_OFFSET, text(payload, &["status"]).unwrap_or("").as_bytes());
    for one in each {
        hash = crate::hash::fnv1a(hash, &one.to_le_bytes());
    }
    format!("{hash:016x}")
}

/// The string at `path` under `value`.
fn text<'a>(value: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(value, |v, key| v.get(key))?.as_str()
}

/// The items, each once, in their order.
fn unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    items.filter(|item| seen.insert(*item)).collect()
}

/// One line of text: no control characters, spaces collapsed, at most 200 characters.
fn clean(text: &str) -> String {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    words.join(" ").chars().take(200).collect()
}

/// Text that Markdown shows as it is.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `url` is an http(s) link that fits in `<...>`.
fn is_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(['<', '>', ' '])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> Value {
        serde_json::json!({
            "version": "4",
            "status": "firing",
            "receiver": "opsbook",
            "groupLabels": {"alertname": "KubePodCrashLooping"},
            "commonLabels": {"alertname": "KubePodCrashLooping"},
            "commonAnnotations": {},
            "alerts": [
                {"status": "firing", "labels": {"alertname": "KubePodCrashLooping", "component": "compute-fra1", "severity": "warning"},
                 "annotations": {"summary": "Pod is crash looping.", "runbook_url": "https://ops.example.org/alerts/kubepodcrashlooping/"},
                 "startsAt": "2026-11-15T09:05:12.345678901Z", "endsAt": "0001-01-01T00:00:00Z"},
                {"status": "firing", "labels": {"alertname": "NodeDown", "component": "compute-fra1", "severity": "critical"},
                 "annotations": {"description": "Node *x* is down", "runbook": "https://ops.example.org/runbooks/node/"},
                 "startsAt": "2026-11-15T09:01:00Z"},
                {"status": "firing", "labels": {"alertname": "NodeDown", "component": "elsewhere"},
                 "annotations": {}, "startsAt": "2026-11-15T09:30:00Z"},
                {"status": "resolved", "labels": {"alertname": "Old", "component": "dns"}, "startsAt": "2026-11-01T00:00:00Z"}
            ]
        })
    }

    #[test]
    fn drafts_an_incident_from_the_firing_alerts() {
        let ids = vec!["compute-fra1".to_string(), "dns".to_string()];
        let draft = draft(&payload(), Some("component"), &ids).unwrap();
        assert_eq!(draft.title, "KubePodCrashLooping, NodeDown");
        assert_eq!(draft.started_at.map(Timestamp::rfc3339).as_deref(), Some("2026-11-15T09:01:00Z"));
        assert_eq!(draft.components.into_iter().collect::<Vec<_>>(), [("compute-fra1".to_string(), "major_outage")]);
        assert!(draft.body.contains("- **KubePodCrashLooping**: Pod is crash looping. ([runbook](<https://ops.example.org/alerts/kubepodcrashlooping/>))"), "{}", draft.body);
        assert!(
            draft
                .body
                .contains("- **NodeDown**: Node \\*x\\* is down ([runbook](<https://ops.example.org/runbooks/node/>))"),
            "{}",
            draft.body
        );
        assert!(draft.body.contains("name `elsewhere`, which no component"), "{}", draft.body);
        assert!(!draft.body.contains("Old"), "resolved alerts are left out");
    }

    #[test]
    fn takes_the_common_summary_and_refuses_what_is_no_payload() {
        let mut payload = payload();
        payload["commonAnnotations"]["summary"] = "Compute in FRA1 is\nfailing".into();
        assert_eq!(draft(&payload, None, &[]).unwrap().title, "Compute in FRA1 is failing");
        assert!(draft(&payload, None, &[]).unwrap().components.is_empty(), "no component label, no components");
        assert!(draft(&serde_json::json!({"alerts": []}), None, &[]).unwrap_err().contains("no `alerts`"));
        assert!(draft(&serde_json::json!([1, 2]), None, &[]).is_err());
    }
}
