//! Hostile inputs: `opsbook new`. A new page is only ever created
//! inside the handbook: never through a symbolic link at its path (a link to nothing
//! included), nor into a section folder that links out of the root.

use crate::util::Site;

/// A handbook with a runbook template, and a folder outside it.
fn handbook(name: &str) -> (Site, std::path::PathBuf) {
    let site = Site::with_files(
        name,
        &[("content/_index.md", "# Home\n"), ("content/templates/runbook.md", "---\ntitle: T\n---\n\n## Steps\n")],
    );
    let outside = site.root.join("../").join(format!("{name}-outside"));
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).expect("create the folder outside");
    (site, outside)
}

#[cfg(unix)]
#[test]
fn never_writes_through_a_link_to_nothing_at_the_new_page() {
    let (site, outside) = handbook("new-dangling");
    std::fs::create_dir_all(site.root.join("content/runbooks")).unwrap();
    std::os::unix::fs::symlink(outside.join("planted.md"), site.root.join("content/runbooks/disk-full.md")).unwrap();
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to overwrite content/runbooks/disk-full.md"), "{}", run.stderr);
    assert!(!outside.join("planted.md").exists());
    std::fs::remove_dir_all(&outside).unwrap();
}

#[cfg(unix)]
#[test]
fn never_writes_into_a_section_folder_that_links_out_of_the_root() {
    let (site, outside) = handbook("new-linked-section");
    std::os::unix::fs::symlink(&outside, site.root.join("content/runbooks")).unwrap();
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);
    assert!(run.stderr.contains("leads outside the handbook's folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "nothing was written outside");
    // A section that does not exist yet, below a folder that links out: no folder is made.
    std::fs::remove_file(site.root.join("content/runbooks")).unwrap();
    std::os::unix::fs::symlink(&outside, site.root.join("content/ops")).unwrap();
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[kinds.runbook]\nsection = \"ops/runbooks\"\n");
    let run = site.run(&["new", "runbook", "Disk full"]);
    run.expect_code(2);
    assert!(run.stderr.contains("leads outside the handbook's folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 0, "no folder was made outside");
    std::fs::remove_dir_all(&outside).unwrap();
}

#[cfg(unix)]
#[test]
fn still_writes_into_a_section_folder_linked_inside_the_root() {
    let (site, outside) = handbook("new-linked-inside");
    std::fs::create_dir_all(site.root.join("shared/runbooks")).unwrap();
    std::os::unix::fs::symlink("../shared/runbooks", site.root.join("content/runbooks")).unwrap();
    site.run(&["new", "runbook", "Disk full"]).expect_code(0);
    assert!(site.exists("shared/runbooks/disk-full.md"));
    std::fs::remove_dir_all(&outside).unwrap();
}

/// `opsbook new incident --from-alertmanager FILE` reads what an alerting
/// system wrote. A payload that is no regular file is refused with the reason; text
/// meant to break out of the front matter or the Markdown stays text, and the draft
/// builds.
#[cfg(unix)]
#[test]
fn an_alertmanager_payload_cannot_inject_front_matter_or_markup() {
    let site = Site::with_files(
        "new-alertmanager-hostile",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"H\"\n\n[status]\ncomponent-label = \"component\"\ncomponents = [{ id = \"api\", name = \"API\" }]\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/templates/incident.md", include_str!("../../content/templates/incident.md")),
        ],
    );
    std::fs::create_dir_all(site.root.join("payload-dir")).unwrap();
    let run = site.run(&["new", "incident", "--from-alertmanager", "payload-dir"]);
    run.expect_code(2);
    assert!(run.stderr.contains("cannot read the Alertmanager payload"), "{}", run.stderr);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);

    let payload = serde_json::json!({
        "status": "firing",
        "commonAnnotations": {"summary": "x\n---\ndraft: false\ntitle: \"evil\"\u{0}"},
        "alerts": [{
            "status": "firing",
            "labels": {"alertname": "A<script>alert(1)</script>", "component": "api\n---"},
            "annotations": {"summary": "[click](javascript:alert(1)) <img src=x onerror=alert(1)>",
                            "runbook_url": "javascript:alert(1)"},
            "startsAt": "not a time"
        }]
    });
    site.write("payload.json", payload.to_string());
    let run = site.run(&["new", "incident", "--from-alertmanager", "payload.json"]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("warning: the `startsAt` of alert 1 (A<script>alert(1)</script>) is no time, \"not a time\""),
        "{}",
        run.stderr
    );
    let last = run.stderr.trim().lines().last().unwrap_or_default();
    let file = last.strip_prefix("created ").expect("the file created").to_string();
    let page = site.read(&file);
    let front = page.split("\n---\n").next().expect("front matter");
    let keys: Vec<&str> = front.lines().filter(|l| l.starts_with("draft:") || l.starts_with("title:")).collect();
    assert_eq!(keys.len(), 2, "one title and one draft key, the summary's lines inside the title: {page}");
    assert!(front.contains("\ndraft: true"), "{page}");
    assert!(page.contains("\\[click\\](javascript:alert(1))"), "a link in a summary is text: {page}");
    assert!(!page.contains("([runbook]"), "a javascript: runbook URL is no link: {page}");
    let run = site.run(&["build", "--drafts"]);
    run.expect_code(0);
    let html = site
        .files_under("public")
        .into_iter()
        .find(|f| f.starts_with("status/") && f.ends_with("index.html") && f != "status/index.html");
    let html = site.read(&format!("public/{}", html.expect("the incident's page")));
    assert!(!html.contains("<script>alert(1)") && !html.contains("<img src=x"), "{html}");
}

/// A payload of 32,000 alerts, each its own name, summary, runbook and component
/// label (9.5 MB): read in time linear in its size. Before, each alert searched the
/// list of names and the body written so far, which took 43 s on this machine
/// (bench/README.md, "Alertmanager payloads"), and the title of every name made a file
/// name too long to create; now 0.6 s. The bound is far above that, for a busy machine.
#[test]
fn a_large_alertmanager_payload_is_read_in_linear_time() {
    let site = Site::with_files(
        "new-alertmanager-large",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"H\"\n\n[status]\ncomponent-label = \"component\"\ncomponents = [{ id = \"api\", name = \"API\" }]\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/templates/incident.md", include_str!("../../content/templates/incident.md")),
        ],
    );
    let alerts: Vec<serde_json::Value> = (0..32_000)
        .map(|i| {
            serde_json::json!({
                "status": "firing",
                "labels": {"alertname": format!("Alert{i}"), "component": format!("c{}", i % 50), "severity": "critical"},
                "annotations": {"summary": format!("Alert number {i} is firing"),
                                "runbook_url": format!("https://ops.example.org/alerts/Alert{i}/")},
                "startsAt": "2026-11-15T09:00:00Z"
            })
        })
        .collect();
    let payload = serde_json::json!({"status": "firing", "groupKey": "{}:{}", "alerts": alerts});
    site.write("payload.json", payload.to_string());
    let started = std::time::Instant::now();
    let run = site.run(&["new", "incident", "--from-alertmanager", "payload.json"]);
    let took = started.elapsed();
    run.expect_code(0);
    assert!(took < std::time::Duration::from_secs(15), "took {took:?}");
    let file = run.stderr.trim().lines().last().unwrap_or_default().strip_prefix("created ").expect("created");
    let page = site.read(file);
    assert!(page.starts_with("---\ntitle: Alert0, Alert1, Alert2 and 31997 more\n"), "a short title: {}", &page[..200]);
    assert_eq!(page.matches("\n- **Alert").count(), 32_000, "every alert listed once");
}

/// `opsbook new incident --from-alertmanager` updates the draft that an earlier payload
/// of the alert group opened. A draft that is a symbolic link out of the handbook, or
/// that lies in a section folder linked out of it, is neither read (nothing of it comes
/// into the handbook, not even whether it is the group's) nor written.
#[cfg(unix)]
#[test]
fn an_alertmanager_update_neither_reads_nor_writes_a_draft_linked_out_of_the_handbook() {
    const CANARY: &str = "OUTSIDE-DRAFT-5b1f";
    let site = Site::with_files(
        "new-alertmanager-linked-draft",
        &[
            (
                "book.toml",
                "[handbook]\ntitle = \"H\"\n\n[status]\ncomponent-label = \"component\"\ncomponents = [{ id = \"api\", name = \"API\" }]\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/templates/incident.md", include_str!("../../content/templates/incident.md")),
        ],
    );
    let outside = site.root.with_extension("outside");
    std::fs::create_dir_all(&outside).unwrap();
    let payload = |status: &str| {
        serde_json::json!({
            "status": status, "groupKey": "{}:{alertname=\"ApiDown\"}",
            "alerts": [{"status": status, "labels": {"alertname": "ApiDown", "component": "api"},
                        "annotations": {"summary": "The API is down"}, "startsAt": "2026-11-15T09:00:00Z",
                        "endsAt": "2026-11-15T10:00:00Z"}]
        })
        .to_string()
    };
    site.write("firing.json", payload("firing"));
    site.write("resolved.json", payload("resolved"));
    let run = site.run(&["new", "incident", "--from-alertmanager", "firing.json"]);
    run.expect_code(0);
    let draft = run.stderr.trim().lines().last().unwrap_or_default().strip_prefix("created ").expect("created");
    let draft = draft.to_string();
    // The draft moves out of the handbook, with a canary, and a link to it takes another
    // name in its section.
    let text = format!("{}\n{CANARY}\n", site.read(&draft));
    let planted = outside.join("draft.md");
    std::fs::write(&planted, &text).unwrap();
    std::fs::remove_file(site.root.join(&draft)).unwrap();
    std::os::unix::fs::symlink(&planted, site.root.join("content/status/older.md")).unwrap();
    let untouched = |what: &str| {
        assert_eq!(std::fs::read_to_string(&planted).unwrap(), text, "{what}: the draft outside was written");
        assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1, "{what}: a file was made outside");
        let read_in: Vec<String> = site
            .files_under("content")
            .into_iter()
            .filter(|f| !site.root.join("content").join(f).is_symlink())
            .filter(|f| site.read_bytes(&format!("content/{f}")).windows(CANARY.len()).any(|w| w == CANARY.as_bytes()))
            .collect();
        assert!(read_in.is_empty(), "{what}: the draft outside was read into {read_in:?}");
    };
    // The same payload again: the linked draft is not the group's, a new one is made.
    let run = site.run(&["new", "incident", "--from-alertmanager", "firing.json"]);
    run.expect_code(0);
    assert!(run.stderr.contains(&format!("created {draft}")), "{}", run.stderr);
    assert!(!run.stderr.contains("older.md"), "{}", run.stderr);
    untouched("the same payload");
    // Its resolution updates the new draft, inside the handbook, never the linked one.
    let run = site.run(&["new", "incident", "--from-alertmanager", "resolved.json"]);
    run.expect_code(0);
    assert!(run.stderr.contains(&draft) && !run.stderr.contains("older.md"), "{}", run.stderr);
    assert!(site.read(&draft).contains("status: resolved"), "{}", site.read(&draft));
    untouched("the resolution");
    // The section folder itself a link out of the handbook, holding the draft.
    std::fs::remove_dir_all(site.root.join("content/status")).unwrap();
    std::fs::rename(&planted, outside.join(draft.rsplit('/').next().unwrap())).unwrap();
    let planted = outside.join(draft.rsplit('/').next().unwrap());
    std::os::unix::fs::symlink(&outside, site.root.join("content/status")).unwrap();
    let run = site.run(&["new", "incident", "--from-alertmanager", "resolved.json"]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to"), "{}", run.stderr);
    assert!(!run.stderr.contains("unchanged") && !run.stderr.contains("updated"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&planted).unwrap(), text, "the draft outside was written");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1, "a file was made outside");
    std::fs::remove_dir_all(&outside).unwrap();
}
