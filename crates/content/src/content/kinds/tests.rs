use super::*;
use crate::content::front_matter::{parse_fields, split_front_matter};

fn front(text: &str) -> FrontMatter {
    let split = split_front_matter(text).unwrap();
    FrontMatter::from_fields(parse_fields(&split.front.unwrap()).unwrap(), "content/x.md").0
}

fn validate(kind: &str, text: &str) -> (KindValues, Vec<Diagnostic>) {
    let kinds = Kinds::builtin();
    let front = front(text);
    let has_owners = !front.owners.is_empty();
    super::validate(kinds.get(kind).unwrap(), &front, "content/x.md", has_owners, &kinds)
}

#[test]
fn reads_runbook_fields() {
    let (values, diagnostics) = validate(
        "runbook",
        "---\nkind: runbook\nservice: ledger-db\nseverity: sev1\nalerts: [A, B]\nlast_tested: 2026-09-30\n---\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(values.text("severity"), Some("sev1"), "a word of the vocabulary is kept as written");
    assert_eq!(values.list("alerts"), ["A", "B"]);
    assert_eq!(values.date("last_tested").map(|d| d.to_string()).as_deref(), Some("2026-09-30"));
}

#[test]
fn rejects_a_value_that_is_not_allowed_and_lists_the_allowed_ones() {
    let (_, diagnostics) = validate("runbook", "---\nkind: runbook\nseverity: P9\n---\n");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].message,
        "front matter field `severity` must be a severity: SEV0-SEV5, P1-P5, critical, high, major, medium, minor, low, warning or info, found \"P9\""
    );
    assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 1));
}

/// The common severity scales and review statuses, kept as written.
#[test]
fn accepts_the_common_severity_scales_and_review_statuses_as_written() {
    for severity in ["SEV0", "SEV5", "P1", "p5", "critical", "Major", "WARNING", "info"] {
        let (values, diagnostics) = validate("runbook", &format!("---\nkind: runbook\nseverity: {severity}\n---\n"));
        assert!(diagnostics.is_empty(), "{severity}: {diagnostics:?}");
        assert_eq!(values.text("severity"), Some(severity));
    }
    for status in ["draft", "In-Review", "published", "reviewed", "Closed", "complete"] {
        let text = format!("---\nkind: rca\nincident_date: 2026-03-14\nseverity: major\nstatus: {status}\n---\n");
        let (values, diagnostics) = validate("rca", &text);
        assert!(diagnostics.is_empty(), "{status}: {diagnostics:?}");
        assert_eq!(values.text("status"), Some(status));
    }
    let (_, diagnostics) = validate("rca", "---\nkind: rca\nincident_date: 2026-03-14\nstatus: finished\n---\n");
    assert_eq!(
        diagnostics[0].message,
        "front matter field `status` must be a review status: draft, preliminary, in-review, final, published, reviewed, closed or complete, found \"finished\""
    );
}

#[test]
fn restricts_a_vocabulary_with_a_values_list() {
    let mut kinds = Kinds::builtin();
    let runbook = kinds.entry("runbook");
    runbook.fields.iter_mut().find(|f| f.name == "severity").unwrap().values = Some(vec!["SEV1".into(), "SEV2".into()]);
    let runbook = kinds.get("runbook").unwrap();
    let check = |text: &str| {
        let front = front(text);
        super::validate(runbook, &front, "content/x.md", false, &kinds)
    };
    let (values, diagnostics) = check("---\nkind: runbook\nseverity: sev2\n---\n");
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(values.text("severity"), Some("SEV2"), "a values list keeps its own spelling");
    let (_, diagnostics) = check("---\nkind: runbook\nseverity: critical\n---\n");
    assert_eq!(diagnostics[0].message, "front matter field `severity` must be one of SEV1, SEV2, found \"critical\"");
}

#[test]
fn rejects_a_missing_required_field_at_the_kind() {
    let (_, diagnostics) = validate("rca", "---\ntitle: Outage\nkind: rca\nstatus: final\n---\n");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].message, "a page of kind `rca` needs the front matter field `incident_date`");
    assert_eq!((diagnostics[0].line, diagnostics[0].column), (3, 1));
}

#[test]
fn reads_action_items_and_reports_their_problems_where_they_stand() {
    let text = "---\nkind: rca\nincident_date: 2026-03-14\naction_items:\n  - title: Alert on cache hits\n    owner: \"@net\"\n    due: 2026-04-15\n    status: done\n  - title: Second pool\n    due: soon\n  - owner: \"@x\"\n  - Plain text item\n---\n";
    let (values, diagnostics) = validate("rca", text);
    let items = values.action_items();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].status, "done");
    assert_eq!(items[1].status, "open");
    assert_eq!(items[1].due, None);
    assert_eq!(items[2].title, "Plain text item");
    let found: Vec<(usize, usize, &str)> = diagnostics.iter().map(|d| (d.line, d.column, d.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (10, 10, "`due` of action item 2 of `action_items` must be a date (YYYY-MM-DD), found text \"soon\""),
            (11, 5, "action item 3 of `action_items` needs a `title`"),
        ]
    );
}

#[test]
fn computes_the_duration_of_an_incident() {
    let (values, _) = validate(
        "rca",
        "---\nkind: rca\nincident_date: 2026-03-14\ndetected_at: 2026-03-14T09:12:00Z\nresolved_at: 2026-03-14T10:47:00Z\n---\n",
    );
    assert_eq!(values.duration(), Some(95 * 60));
    let (values, _) = validate("rca", "---\nkind: rca\nincident_date: 2026-03-14\nduration: 2h\n---\n");
    assert_eq!(values.duration(), Some(7200));
}

#[test]
fn checks_that_a_template_names_a_known_kind() {
    let (_, diagnostics) = validate("template", "---\nkind: template\ntemplate_for: playbook\n---\n");
    assert_eq!(diagnostics[0].rule, Rule::UnknownKind);
    assert_eq!(
        diagnostics[0].message,
        "unknown kind `playbook`; the kinds are: incident, maintenance, manifesto, page, rca, runbook, template"
    );
}
