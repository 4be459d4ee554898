//! Alerts as data. Which alerts a runbook answers (its `alerts` field, or its
//! file name), the stable URL of each alert (`/alerts/<name>/`, a redirect page and a
//! `_redirects` line), the `/alerts/` list, `alerts.json`, and alert names in search.

use crate::util;

use serde_json::Value;
use util::Site;

const SECTION: &str = "---\ntitle: Runbooks\ndefault_kind: runbook\n---\n\nThe runbooks.\n";

/// A handbook with a section of runbooks: one naming its alerts in front matter, one
/// named after its alert.
fn runbooks(name: &str) -> Site {
    Site::with_files(
        name,
        &[
            ("content/_index.md", "# Home\n\nThe handbook.\n"),
            ("content/runbooks/_index.md", SECTION),
            (
                "content/runbooks/disk.md",
                "---\ntitle: Disk full\nservice: storage\nseverity: SEV2\nowners: [\"@storage\"]\nalerts: [NodeFilesystemAlmostOutOfSpace, NodeFilesystemFilesFillingUp]\nlast_tested: 2026-09-01\nlast_reviewed: 2026-10-01\n---\n\nFree some space.\n",
            ),
            (
                "content/runbooks/KubePodCrashLooping.md",
                "---\ntitle: Pods restarting\nservice: kubernetes\n---\n\nRead the logs of the previous container.\n",
            ),
        ],
    )
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn alert_names(site: &Site) -> Vec<String> {
    let alerts = json(site, "public/alerts.json");
    alerts["alerts"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| a["alert"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn two_runbooks_claiming_one_alert_is_an_error_at_both() {
    let site = runbooks("alerts-duplicate");
    site.write(
        "content/runbooks/pods.md",
        "---\ntitle: Pods\nalerts:\n  - KubePodCrashLooping\n---\n\nAnother runbook for the same alert.\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    let at_field = "content/runbooks/pods.md:3:1";
    let at_file = "content/runbooks/KubePodCrashLooping.md";
    assert!(
        run.stderr.contains("error[duplicate-alert]: the alert `KubePodCrashLooping` has two runbooks: this page and `content/runbooks/KubePodCrashLooping.md`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[duplicate-alert]: the alert `KubePodCrashLooping` has two runbooks: this page and `content/runbooks/pods.md`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(at_field), "the second claim, at its alerts field: {}", run.stderr);
    assert!(run.stderr.contains(at_file), "the first claim, at its file: {}", run.stderr);
    assert!(run.stderr.contains("keep the alert in the `alerts` of one runbook"), "{}", run.stderr);
}

#[test]
fn infers_alerts_from_file_names_in_runbook_sections_and_where_configured() {
    let site = runbooks("alerts-infer");
    site.write("content/notes/KubeNodeNotReady.md", "# Node not ready\n\nA note, not a runbook.\n");
    site.build(&[]).expect_code(0);
    assert_eq!(
        alert_names(&site),
        ["KubePodCrashLooping", "NodeFilesystemAlmostOutOfSpace", "NodeFilesystemFilesFillingUp"],
        "a file name counts in a section of runbooks only"
    );
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[alerts]\ninfer-from-file-names = true\n");
    site.build(&[]).expect_code(0);
    assert_eq!(alert_names(&site)[..2], ["KubeNodeNotReady", "KubePodCrashLooping"]);
    let json = json(&site, "public/alerts.json");
    assert_eq!(json["alerts"][0]["url"], "/notes/kubenodenotready/");
}

#[test]
fn each_alert_url_is_a_page_of_its_runbook_s_first_steps() {
    let site = runbooks("alerts-pages");
    site.write(
        "content/runbooks/KubePodCrashLooping.md",
        "---\ntitle: Pods restarting\nservice: kubernetes\nseverity: SEV3\nowners: [\"@k8s\"]\nescalation: \"@k8s on-call\"\n---\n\n\
         ## Meaning\n\nA pod restarts.\n\n## Diagnosis\n\nRead the logs:\n\n```bash\nkubectl logs --previous POD\n```\n\n\
         ## Mitigation\n\n1. Roll back.\n\n## Escalation\n\nPage the team.\n",
    );
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    let page = site.read("public/alerts/KubePodCrashLooping/index.html");
    // The alert named, its first command first, then one link to the whole runbook.
    assert!(
        page.contains(r#"<h1 class="page-title alert-title"><code class="alert-name">KubePodCrashLooping</code></h1>"#),
        "{page}"
    );
    let steps =
        page.find(r#"<div class="alert-steps"><pre class="code" data-lang="bash">"#).expect("the first command");
    assert!(page[steps..].contains("kubectl"), "{page}");
    let open = page
        .find(r#"<a class="alert-runbook-link" href="/handbook/runbooks/kubepodcrashlooping/">"#)
        .expect("the runbook");
    assert!(steps < open, "the command comes before the link to the runbook");
    assert!(
        page.contains(r#"First steps: <a href="/handbook/runbooks/kubepodcrashlooping/#diagnosis">Diagnosis</a>"#),
        "{page}"
    );
    for (purpose, id) in [("diagnosis", "diagnosis"), ("mitigation", "mitigation"), ("escalation", "escalation")] {
        let jump = format!(r#"<a class="jump-{purpose}" href="/handbook/runbooks/kubepodcrashlooping/#{id}">"#);
        assert!(page.contains(&jump), "{jump}: {page}");
    }
    assert!(page.contains(r#"<span class="severity severity-sev3">SEV3</span>"#));
    assert!(page.contains(r#"<span class="handle">@k8s</span>"#) || page.contains(r#">@k8s</a>"#), "{page}");
    assert!(page.contains("<dd>@k8s on-call</dd>"));
    assert!(
        page.contains(r#"<link rel="canonical" href="https://ops.example.org/handbook/alerts/KubePodCrashLooping/">"#)
    );
    assert!(!page.contains("http-equiv=\"refresh\""), "a page, not a redirect");
    // The lower-case form (the monitoring mixins' links) shows the same page, its
    // canonical address the alert's own.
    let lower = site.read("public/alerts/kubepodcrashlooping/index.html");
    assert!(lower.contains(r#"<div class="alert-steps"><pre class="code" data-lang="bash">"#));
    assert!(
        lower.contains(r#"<link rel="canonical" href="https://ops.example.org/handbook/alerts/KubePodCrashLooping/">"#)
    );
    // A runbook without a command: its page says so and links to it.
    let disk = site.read("public/alerts/NodeFilesystemAlmostOutOfSpace/index.html");
    assert!(disk.contains("The runbook has no command or steps to show here"), "{disk}");
    assert!(disk.contains(r#"href="/handbook/runbooks/disk/">Open the runbook: Disk full</a>"#), "{disk}");
    assert!(site.exists("public/alerts.css"));
    // No `_redirects` line for the alerts' pages: Cloudflare Pages applies the file
    // before the site's files, and would never show them.
    assert_eq!(site.read("public/_redirects"), "");
}

#[test]
fn a_runbook_marks_its_first_steps_in_front_matter_or_on_a_heading() {
    let site = runbooks("alerts-first-steps");
    site.write(
        "content/runbooks/KubePodCrashLooping.md",
        "---\ntitle: Pods restarting\nfirst_steps: Stop the bleeding\n---\n\n## Diagnosis\n\n```\nkubectl get pods\n```\n\n\
         ## Stop the bleeding\n\n1. Scale the deployment to zero.\n2. Tell the channel.\n\n## Escalation\n\nPage.\n",
    );
    site.write(
        "content/runbooks/disk.md",
        "---\ntitle: Disk full\nalerts: [NodeFilesystemAlmostOutOfSpace]\n---\n\n## Diagnosis\n\n```\ndf -h\n```\n\n\
         ## Free space now {.first-steps}\n\nDelete the old journal.\n",
    );
    site.build(&[]).expect_code(0);
    let page = site.read("public/alerts/KubePodCrashLooping/index.html");
    let steps = &page[page.find(r#"<div class="alert-steps">"#).expect("steps")..];
    let steps = &steps[..steps.find("</div>").expect("end")];
    assert!(steps.contains("<li>Scale the deployment to zero.</li>") && steps.contains("Tell the channel"), "{steps}");
    assert!(!steps.contains("kubectl get pods"), "the marked section, not the first code block: {steps}");
    let disk = site.read("public/alerts/NodeFilesystemAlmostOutOfSpace/index.html");
    assert!(disk.contains("<p>Delete the old journal.</p>"), "{disk}");
    assert!(!disk.contains("df -h"), "{disk}");
}

#[test]
fn the_404_page_helps_with_an_alert_that_has_no_runbook() {
    let site = runbooks("alerts-404");
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\nrepository = \"https://github.com/kestrel/handbook\"\n");
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    let page = site.read("public/404.html");
    assert!(page.contains(r#"data-alerts-path="/handbook/alerts/""#), "{page}");
    assert!(page.contains(r#"<a href="/handbook/alerts/">See every alert that has a runbook</a>"#), "{page}");
    assert!(page.contains(r#"<a class="missing-alert-search" href="/handbook/search/">"#), "{page}");
    // The new-file link of the repository, in the folder of the runbooks, with the
    // alert's name where the page's script puts it.
    assert!(
        page.contains(
            "https://github.com/kestrel/handbook/new/main/content/runbooks?filename=ALERT_NAME.md&amp;value=---%0Atitle%3A%20ALERT_NAME%0Akind%3A%20runbook%0Aalerts%3A%20%5BALERT_NAME%5D"
        ),
        "{page}"
    );
}

#[test]
fn a_page_or_alias_at_an_alert_url_is_a_duplicate_url() {
    let site = runbooks("alerts-taken");
    site.write("content/old.md", "---\ntitle: Old\naliases: [/alerts/KubePodCrashLooping/]\n---\n\nOld.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[duplicate-url]: the alias /alerts/KubePodCrashLooping/ is already used by the redirect of the alert `KubePodCrashLooping` (runbook `content/runbooks/KubePodCrashLooping.md`)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/old.md:3:"), "{}", run.stderr);
    site.write("content/old.md", "# Old\n");
    site.write("content/runbooks/raid.md", "---\ntitle: RAID\nalerts: [raiddegraded]\n---\n\nSwap the disk.\n");
    site.write("content/alerts/raiddegraded.md", "# RAID degraded\n\nA page where the alert's redirect goes.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[duplicate-url]: `content/alerts/raiddegraded.md` has the URL /alerts/raiddegraded/, but its file is already taken by the redirect of the alert `raiddegraded` (runbook `content/runbooks/raid.md`)"),
        "{}",
        run.stderr
    );
}

/// An error, as every name that cannot be a folder of the site
/// (`tests/hostile/located.rs` has the others): it was a warning, and the alert listed
/// without a URL.
#[test]
fn an_alert_name_that_is_no_path_is_an_error_at_its_claim() {
    let site = runbooks("alerts-bad-name");
    site.write("content/runbooks/odd.md", "---\ntitle: Odd\nalerts: [\"disk/full\"]\n---\n\nOdd.\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[invalid-path]: the alert \"disk/full\" gets no URL /alerts/disk/full/: an alert name cannot hold a slash\n --> content/runbooks/odd.md:3:1\n"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"), "a failed build writes nothing");
}

#[test]
fn the_alerts_page_lists_every_alert_with_its_runbook() {
    let site = runbooks("alerts-list");
    site.build(&[]).expect_code(0);
    let page = site.read("public/alerts/index.html");
    let main = &page[page.find("<main").unwrap()..];
    assert!(main.contains(r#"<h1 class="page-title">Alerts</h1>"#));
    assert!(main.contains(r#"<tr id="NodeFilesystemAlmostOutOfSpace"><td><a href="/alerts/NodeFilesystemAlmostOutOfSpace/"><code class="alert-name">NodeFilesystemAlmostOutOfSpace</code></a></td>"#), "{main}");
    assert!(main.contains(r#"<td data-label="Runbook"><a href="/runbooks/disk/">Disk full</a></td>"#));
    assert!(main.contains(r#"<span class="severity severity-sev2">SEV2</span>"#));
    assert!(main.contains("@storage"));
    assert!(main.contains("review-badge"));
    let first = main.find("KubePodCrashLooping").unwrap();
    assert!(first < main.find("NodeFilesystemAlmostOutOfSpace").unwrap(), "by name");
    let home = site.read("public/index.html");
    assert!(home.contains(r#"<a href="/alerts/">Alerts</a>"#), "linked with the other indexes");
}

#[test]
fn alerts_json_gives_each_alert_its_runbook() {
    let site = runbooks("alerts-json");
    site.run_on("2026-11-01", &["build"]).expect_code(0);
    let alerts = json(&site, "public/alerts.json");
    let disk = &alerts["alerts"][1];
    assert_eq!(disk["alert"], "NodeFilesystemAlmostOutOfSpace");
    assert_eq!(disk["url"], "/runbooks/disk/");
    assert_eq!(disk["alert_url"], "/alerts/NodeFilesystemAlmostOutOfSpace/");
    assert_eq!(disk["title"], "Disk full");
    assert_eq!(disk["service"], "storage");
    assert_eq!(disk["severity"], "SEV2");
    assert_eq!(disk["owners"], serde_json::json!(["@storage"]));
    assert_eq!(disk["review"]["last_reviewed"], "2026-10-01");
    assert_eq!(disk["review"]["status"], "fresh");
    assert_eq!(disk["last_tested"], "2026-09-01");
    let pods = &alerts["alerts"][0];
    assert_eq!(pods["severity"], Value::Null);
    assert_eq!(pods["last_tested"], Value::Null);
    let handbook = json(&site, "public/handbook.json");
    let pages = handbook["pages"].as_array().unwrap();
    let record = pages.iter().find(|p| p["url"] == "/runbooks/disk/").unwrap();
    assert_eq!(record["alerts"], serde_json::json!(["NodeFilesystemAlmostOutOfSpace", "NodeFilesystemFilesFillingUp"]));
    let section = pages.iter().find(|p| p["url"] == "/runbooks/").unwrap();
    assert!(section.get("alerts").is_none(), "only runbooks that answer alerts have the field");
    site.build(&["--base-url", "https://ops.example.org/handbook/"]).expect_code(0);
    let alerts = json(&site, "public/alerts.json");
    assert_eq!(alerts["alerts"][0]["url"], "https://ops.example.org/handbook/runbooks/kubepodcrashlooping/");
    assert_eq!(alerts["alerts"][0]["alert_url"], "https://ops.example.org/handbook/alerts/KubePodCrashLooping/");
}

#[test]
fn an_internal_runbook_s_alerts_stay_out_of_the_public_build() {
    let site = runbooks("alerts-internal");
    site.write(
        "content/runbooks/secret.md",
        "---\ntitle: Secret\nvisibility: internal\nalerts: [VaultSealed]\n---\n\nUnseal.\n",
    );
    site.build(&["--audience", "internal"]).expect_code(0);
    assert!(alert_names(&site).contains(&"VaultSealed".to_string()), "an internal build has it");
    assert!(site.exists("public/alerts/VaultSealed/index.html"));
    site.build(&["--audience", "public"]).expect_code(0);
    assert!(!alert_names(&site).contains(&"VaultSealed".to_string()));
    assert!(!site.exists("public/alerts/VaultSealed"));
    assert!(!site.read("public/_redirects").contains("VaultSealed"));
    assert!(!site.read("public/alerts/index.html").contains("VaultSealed"));
}

#[test]
fn a_handbook_without_alerts_has_no_alert_files() {
    let site = Site::with_files("alerts-none", &[("content/_index.md", "# Home\n\nNothing.\n")]);
    site.build(&[]).expect_code(0);
    for path in ["public/alerts.json", "public/alerts", "public/_redirects"] {
        assert!(!site.exists(path), "{path}");
    }
    assert!(!site.read("public/index.html").contains("Alerts"));
}

/// Searching an alert's name finds its runbook first, above a page that mentions it.
#[test]
fn searching_an_alert_name_finds_its_runbook_first() {
    let site = runbooks("alerts-search");
    site.write(
        "content/incident.md",
        "# NodeFilesystemAlmostOutOfSpace on db-1\n\nNodeFilesystemAlmostOutOfSpace fired; NodeFilesystemAlmostOutOfSpace again.\n",
    );
    site.build(&[]).expect_code(0);
    let ranked = ranked_pages(&site, "nodefilesystemalmostoutofspace");
    assert_eq!(ranked.first().map(String::as_str), Some("runbooks/disk/"), "{ranked:?}");
    assert!(ranked.contains(&"incident/".to_string()), "{ranked:?}");
}

/// The pages of `word` in the built index, best score first, as site paths.
fn ranked_pages(site: &Site, word: &str) -> Vec<String> {
    let manifest = json(site, "public/search/manifest.json");
    let shards = manifest["shards"].as_array().expect("shards").len();
    let postings = (0..shards)
        .map(|n| json(site, &format!("public/search/t-{n}.json")))
        .find_map(|shard| {
            let stem = shard["w"][word].as_str()?.to_string();
            shard["p"][&stem].as_str().map(str::to_string)
        })
        .unwrap_or_else(|| panic!("{word} is not indexed"));
    let numbers = opsbook::search::encode::decode(&postings);
    let mut doc = 0;
    let mut scored: Vec<(u64, u64)> = numbers
        .chunks(3)
        .map(|triple| {
            doc += triple[0];
            (doc, triple[1])
        })
        .collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored
        .into_iter()
        .map(|(doc, _)| {
            let chunk = json(site, &format!("public/search/p-{}.json", doc as usize / opsbook::search::CHUNK));
            chunk[doc as usize % opsbook::search::CHUNK][0].as_str().expect("a URL").to_string()
        })
        .collect()
}
