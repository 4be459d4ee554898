//! A later payload of an Alertmanager group updates the incident its first one opened
//! (`opsbook new incident --from-alertmanager`): the page whose front matter has the
//! group's key in `alertmanager_group`. Its text is edited, never rewritten: only the
//! top-level keys below change, every other line stays as the incident commander left
//! it.
//!
//! 1. A payload whose digest equals `alertmanager_digest` (a repeated notification)
//!    changes nothing.
//! 2. A resolved group sets `status: resolved` and `resolved_at` (the latest `endsAt`,
//!    else now) and adds an update saying which alerts resolved.
//! 3. A changed group (other alerts, or firing again) adds an update naming the firing
//!    alerts, at the incident's status (`investigating` again when it was resolved, when
//!    `resolved_at` is removed).
//!
//! Updates are added to a block list `updates:`; a flow list that is not empty
//! (`updates: [{...}]`) is refused with the fix, as is a page without front matter.

use super::Draft;
use crate::dates::Timestamp;

/// What a payload did to an existing incident.
#[derive(Debug, PartialEq)]
pub(crate) enum Outcome {
    /// The payload repeats the last one: the text is unchanged.
    Unchanged,
    /// The new text of the page, and what changed, for people.
    Updated(String, String),
}

/// The key that holds the group's key in the front matter.
pub(crate) const GROUP_KEY: &str = "alertmanager_group";
/// The key that holds the digest of the last payload.
pub(crate) const DIGEST_KEY: &str = "alertmanager_digest";

/// The page's text `text` after `draft`, a later payload of its group, at `now` (the
/// module's steps), or why it cannot be edited.
pub(crate) fn apply(text: &str, draft: &Draft, now: Timestamp) -> Result<Outcome, String> {
    let (front, body) = split_front(text).ok_or("the page has no front matter between `---` lines")?;
    let mut lines: Vec<String> = front.lines().map(str::to_string).collect();
    if value_of(&lines, DIGEST_KEY).as_deref() == Some(draft.digest.as_str()) {
        return Ok(Outcome::Unchanged);
    }
    let names = list(&draft.names);
    let (status, text, said) = if draft.resolved {
        let at = draft.ended_at.unwrap_or(now);
        set(&mut lines, "status", "resolved");
        if find(&lines, "resolved_at").is_none()
            && let Some(started) = find(&lines, "started_at")
        {
            // Beside the start, where a person writes it.
            lines.insert(started + 1 + value_lines(&lines, started), format!("resolved_at: {}", at.rfc3339()));
        }
        set(&mut lines, "resolved_at", &at.rfc3339());
        ("resolved".to_string(), format!("The alerts resolved: {names}."), format!("resolved at {}", at.rfc3339()))
    } else {
        let current = value_of(&lines, "status").unwrap_or_else(|| "investigating".to_string());
        let status = if current == "resolved" {
            set(&mut lines, "status", "investigating");
            remove(&mut lines, "resolved_at");
            "investigating".to_string()
        } else {
            current
        };
        (status, format!("The alerts changed; firing now: {names}."), "an update added".to_string())
    };
    let at = now.rfc3339();
    let text_yaml = serde_json::to_string(&text).unwrap_or_else(|_| "\"\"".to_string());
    let status_yaml = serde_json::to_string(&status).unwrap_or_else(|_| "\"\"".to_string());
    add_update(&mut lines, &[format!("at: {at}"), format!("status: {status_yaml}"), format!("text: {text_yaml}")])?;
    set(&mut lines, DIGEST_KEY, &draft.digest);
    let mut out = String::from("---\n");
    for line in &lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    Ok(Outcome::Updated(out, said))
}

/// The front matter (without its `---` lines, ending with a line break) and the rest.
fn split_front(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = if rest.starts_with("---") { 0 } else { rest.find("\n---")? + 1 };
    let after = &rest[end..];
    let close = after.find('\n').map_or(after.len(), |n| n + 1);
    Some((&rest[..end], &after[close..]))
}

/// The line index of the top-level `key:`.
fn find(lines: &[String], key: &str) -> Option<usize> {
    lines.iter().position(|l| l.strip_prefix(key).is_some_and(|rest| rest.starts_with(':')))
}

/// How many lines after `index` belong to its value: indented ones, or list items
/// (blank lines and comments between them, not after them).
fn value_lines(lines: &[String], index: usize) -> usize {
    let blank = |l: &String| l.trim().is_empty() || l.trim_start().starts_with('#');
    let run = lines[index + 1..].iter().take_while(|l| l.starts_with([' ', '\t', '-']) || blank(l));
    run.enumerate().filter(|(_, l)| !blank(l)).last().map_or(0, |(n, _)| n + 1)
}

/// The plain value of a top-level scalar key, unquoted.
fn value_of(lines: &[String], key: &str) -> Option<String> {
    let line = &lines[find(lines, key)?];
    let value = line[key.len() + 1..].split(" #").next().unwrap_or("").trim();
    let value = value.trim_matches('"').trim_matches('\'');
    (!value.is_empty()).then(|| value.to_string())
}

/// Sets the top-level `key` to the one-line `value`, in place, or at the end.
fn set(lines: &mut Vec<String>, key: &str, value: &str) {
    let line = format!("{key}: {value}");
    match find(lines, key) {
        Some(index) => {
            let extra = value_lines(lines, index);
            lines.splice(index..=index + extra, [line]);
        }
        None => lines.push(line),
    }
}

/// Removes the top-level `key` and its value.
fn remove(lines: &mut Vec<String>, key: &str) {
    if let Some(index) = find(lines, key) {
        let extra = value_lines(lines, index);
        lines.drain(index..=index + extra);
    }
}

/// Adds an item of `fields` to the block list `updates`, made when there is none.
fn add_update(lines: &mut Vec<String>, fields: &[String]) -> Result<(), String> {
    let item = |indent: &str| -> Vec<String> {
        fields
            .iter()
            .enumerate()
            .map(|(n, field)| if n == 0 { format!("{indent}- {field}") } else { format!("{indent}  {field}") })
            .collect()
    };
    let Some(index) = find(lines, "updates") else {
        lines.push("updates:".to_string());
        lines.extend(item("  "));
        return Ok(());
    };
    let inline = lines[index]["updates".len() + 1..].split(" #").next().unwrap_or("").trim().to_string();
    let extra = value_lines(lines, index);
    if inline == "[]" || (inline.is_empty() && extra == 0) {
        lines[index] = "updates:".to_string();
        lines.splice(index + 1..index + 1, item("  "));
        return Ok(());
    }
    if !inline.is_empty() {
        return Err("its `updates` are a flow list (`[...]`): write them as a block list, one `- at: ...` item a line, and run it again".to_string());
    }
    // After the last line that holds something, in the indentation of the first item.
    let block = &lines[index + 1..=index + extra];
    let indent: String = block
        .iter()
        .find(|l| l.trim_start().starts_with('-'))
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_else(|| "  ".to_string());
    let at = index + 1 + block.len();
    lines.splice(at..at, item(&indent));
    Ok(())
}

/// Names for a sentence: the first five, and how many more.
fn list(names: &[String]) -> String {
    match names.len() {
        0 => "(no alertname)".to_string(),
        n if n > 5 => format!("{} and {} more", names[..5].join(", "), n - 5),
        _ => names.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(resolved: bool, digest: &str) -> Draft {
        Draft {
            title: "T".into(),
            started_at: None,
            components: Default::default(),
            body: String::new(),
            group_key: Some("{}:{alertname=\"A\"}".into()),
            resolved,
            ended_at: Timestamp::parse("2026-11-15T10:00:00Z").filter(|_| resolved),
            digest: digest.into(),
            names: vec!["A".into(), "B".into()],
            warnings: Vec::new(),
        }
    }

    const PAGE: &str = "---\ntitle: T\nstatus: identified\nstarted_at: 2026-11-15T09:00:00Z\nupdates:\n  - at: 2026-11-15T09:10:00Z\n    text: Looking.\n\n# a comment\nalertmanager_group: \"{}:{alertname=\\\"A\\\"}\"\nalertmanager_digest: aaa\ndraft: true\n---\n\nBody.\n";

    fn now() -> Timestamp {
        Timestamp::parse("2026-11-15T11:00:00Z").expect("a time")
    }

    #[test]
    fn a_repeated_payload_changes_nothing() {
        assert_eq!(apply(PAGE, &draft(false, "aaa"), now()), Ok(Outcome::Unchanged));
    }

    #[test]
    fn a_resolved_payload_resolves_and_adds_an_update_after_the_last() {
        let Ok(Outcome::Updated(text, _)) = apply(PAGE, &draft(true, "bbb"), now()) else { panic!() };
        assert!(
            text.contains("status: resolved\nstarted_at: 2026-11-15T09:00:00Z\nresolved_at: 2026-11-15T10:00:00Z\n"),
            "{text}"
        );
        assert!(
            text.contains("    text: Looking.\n  - at: 2026-11-15T11:00:00Z\n    status: \"resolved\"\n    text: \"The alerts resolved: A, B.\"\n\n# a comment\n"),
            "{text}"
        );
        assert!(text.contains("alertmanager_digest: bbb\ndraft: true\n---\n\nBody.\n"), "{text}");
    }

    #[test]
    fn a_changed_payload_adds_an_update_at_the_incidents_status() {
        let page = PAGE.replace("updates:\n  - at: 2026-11-15T09:10:00Z\n    text: Looking.\n", "updates: []\n");
        let Ok(Outcome::Updated(text, _)) = apply(&page, &draft(false, "ccc"), now()) else { panic!() };
        assert!(
            text.contains("updates:\n  - at: 2026-11-15T11:00:00Z\n    status: \"identified\"\n    text: \"The alerts changed; firing now: A, B.\"\n"),
            "{text}"
        );
        let resolved = page.replace("status: identified", "status: resolved\nresolved_at: 2026-11-15T10:00:00Z");
        let Ok(Outcome::Updated(text, _)) = apply(&resolved, &draft(false, "ccc"), now()) else { panic!() };
        assert!(text.contains("status: investigating\n") && !text.contains("resolved_at"), "{text}");
    }

    #[test]
    fn refuses_a_flow_list_of_updates_and_a_page_without_front_matter() {
        let page = PAGE.replace("updates:\n  - at: 2026-11-15T09:10:00Z\n    text: Looking.\n", "updates: [{at: x}]\n");
        assert!(apply(&page, &draft(false, "d"), now()).unwrap_err().contains("block list"));
        assert!(apply("# no front matter\n", &draft(false, "d"), now()).is_err());
    }
}
