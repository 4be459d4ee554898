//! The status page's checks against a real Prometheus: Debian's `prometheus`
//! package, installed by `tests/prometheus/install.sh` (which `.ci/run` runs), with
//! series backfilled by `promtool tsdb create-blocks-from openmetrics` and the server
//! started on 127.0.0.1 for each test. No mock server: what opsbook sends and reads is
//! what the Prometheus HTTP API answers.
//!
//! Without `prometheus` and `promtool` on the PATH the tests say so and pass, unless
//! `OPSBOOK_REQUIRE_PROMETHEUS` is set (as CI sets it), when they fail.

use crate::util;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use util::{Run, Site, opsbook};

/// The pinned "now" of these builds: 2026-11-15T12:00:00Z, as tests/integration/status.rs.
const NOW: i64 = 1_794_744_000;
/// Midnight that starts 2026-11-09, the day the API's probes fail for three hours.
const BAD_DAY: i64 = NOW - 6 * 86_400 - 12 * 3600;

/// A Prometheus server on 127.0.0.1 over a backfilled TSDB, stopped when dropped.
struct Prometheus {
    child: Child,
    url: String,
    dir: PathBuf,
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether the Prometheus binaries are there; when not, whether that is a failure.
fn available() -> bool {
    let found = ["prometheus", "promtool"]
        .iter()
        .all(|tool| Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok());
    if !found {
        assert!(
            std::env::var_os("OPSBOOK_REQUIRE_PROMETHEUS").is_none(),
            "prometheus and promtool are missing: run tests/prometheus/install.sh"
        );
        eprintln!("skipped: prometheus and promtool are missing (tests/prometheus/install.sh installs them)");
    }
    found
}

/// The series of the tests, in OpenMetrics text: a sample every six hours (03:00,
/// 09:00, 15:00, 21:00; few samples make few blocks, which promtool writes one per two
/// hours) over the 92 days before now. The API's probe fails at 03:00 on 2026-11-09 (1
/// of that day's 4 samples: 0.75, red); DNS's never; the CDN's p95 latency is 0.4 s
/// (orange).
fn openmetrics() -> String {
    let mut text = String::from("# HELP probe_success Whether the probe succeeded.\n# TYPE probe_success gauge\n");
    let start = NOW - 12 * 3600 - 92 * 86_400 + 3 * 3600;
    let times = (start..=NOW).step_by(6 * 3600);
    for t in times.clone() {
        let failing = t == BAD_DAY + 3 * 3600;
        text.push_str(&format!("probe_success{{job=\"api\"}} {} {t}\n", if failing { 0 } else { 1 }));
    }
    for t in times.clone() {
        text.push_str(&format!("probe_success{{job=\"dns\"}} 1 {t}\n"));
    }
    text.push_str("# HELP edge_latency_p95_seconds The CDN's p95 latency.\n# TYPE edge_latency_p95_seconds gauge\n");
    for t in times {
        text.push_str(&format!("edge_latency_p95_seconds{{job=\"cdn\"}} 0.4 {t}\n"));
    }
    text.push_str("# EOF\n");
    text
}

/// An alert that always fires, whose annotations read the `alertname` label and a
/// label its series has; `opsbook check --rules` reads the same file.
const ALERT_RULES: &str = "\
groups:
  - name: handbook
    rules:
      - alert: AlwaysFiring
        expr: label_replace(vector(1), \"job\", \"api\", \"\", \"\")
        annotations:
          runbook_url: https://ops.example.org/alerts/{{ $labels.alertname }}/
          summary: '{{ $labels.job }} fires'
";

/// Backfills the series into a new TSDB and starts Prometheus over it.
fn start_prometheus(name: &str) -> Prometheus {
    let dir = std::env::temp_dir().join(format!("opsbook-prometheus-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the Prometheus folder");
    std::fs::write(dir.join("series.om"), openmetrics()).expect("write the series");
    std::fs::write(dir.join("prometheus.yml"), "global:\n  evaluation_interval: 1s\nrule_files: [rules.yml]\n")
        .expect("write the configuration");
    std::fs::write(dir.join("rules.yml"), ALERT_RULES).expect("write the rules");
    let backfill = Command::new("promtool")
        .args(["tsdb", "create-blocks-from", "openmetrics", "series.om", "data"])
        .current_dir(&dir)
        .output()
        .expect("run promtool");
    assert!(backfill.status.success(), "promtool: {}", String::from_utf8_lossy(&backfill.stderr));
    for _ in 0..5 {
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let child = Command::new("prometheus")
            .arg("--config.file=prometheus.yml")
            .arg("--storage.tsdb.path=data")
            .arg("--storage.tsdb.retention.time=100y")
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .current_dir(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(dir.join("prometheus.log")).expect("the log")))
            .spawn()
            .expect("start prometheus");
        let mut server = Prometheus { child, url: format!("http://127.0.0.1:{port}"), dir: dir.clone() };
        if wait_ready(&mut server, port) {
            return server;
        }
        // The port was taken in between: the next one. Keep the folder.
        let _ = server.child.kill();
        let _ = server.child.wait();
        std::mem::forget(server);
    }
    let log = std::fs::read_to_string(dir.join("prometheus.log")).unwrap_or_default();
    panic!("prometheus did not start:\n{log}");
}

/// Waits until the server answers `/-/ready`, or has exited.
fn wait_ready(server: &mut Prometheus, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if server.child.try_wait().ok().flatten().is_some() {
            return false;
        }
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.write_all(b"GET /-/ready HTTP/1.0\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The status fixture with checks on the API (probes) and the CDN (probes, latency);
/// `extra` is added to the CDN's checks.
fn measured_site(extra: &str) -> Site {
    let site = Site::fixture("status-basic");
    let config = site.read("book.toml");
    let config = config
        .replace(
            "{ id = \"api\", name = \"Public API\", group = \"Core\", description = \"REST and gRPC endpoints\" },",
            "{ id = \"api\", name = \"Public API\", group = \"Core\", description = \"REST and gRPC endpoints\", checks = [\n    { name = \"API probes\", query = 'avg_over_time(probe_success{job=\"api\"}[1d])', green = \">= 0.99\", orange = \">= 0.95\" },\n  ] },",
        )
        .replace(
            "{ id = \"cdn\", name = \"CDN\" },",
            &format!(
                "{{ id = \"cdn\", name = \"CDN\", checks = [\n    {{ name = \"Edge probes\", query = 'avg_over_time(probe_success{{job=\"dns\"}}[1d])', green = \">= 0.99\", orange = \">= 0.95\" }},\n    {{ name = \"p95 latency\", query = 'max_over_time(edge_latency_p95_seconds[1d])', green = \"<= 0.3\", orange = \"<= 1\", unit = \"s\" }},{extra}\n  ] }},"
            ),
        );
    assert!(config.contains("API probes") && config.contains("p95 latency"), "{config}");
    site.write("book.toml", config);
    site
}

/// `opsbook build ARGS` at the pinned now, with `OPSBOOK_PROMETHEUS_URL` when given.
fn build(site: &Site, server: Option<&str>, args: &[&str]) -> Run {
    build_at(site, NOW, server, args)
}

fn json(site: &Site, path: &str) -> Value {
    serde_json::from_str(&site.read(path)).expect("JSON")
}

/// The level of a component, and of each of its checks, in health.json.
fn levels(health: &Value, id: &str) -> (String, Vec<String>) {
    let component = health["components"].as_array().expect("components").iter().find(|c| c["id"] == id);
    let component = component.expect("the component");
    let checks = component["checks"].as_array().expect("checks");
    let level = |v: &Value| v["level"].as_str().expect("a level").to_string();
    (level(component), checks.iter().map(level).collect())
}

/// The Statuspage state of a component in summary.json.
fn state(site: &Site, name: &str) -> String {
    let summary = json(site, "public/status/api/v2/summary.json");
    let component = summary["components"].as_array().expect("components").iter().find(|c| c["name"] == name);
    component.expect("the component")["status"].as_str().expect("a status").to_string()
}

/// One server for the three cases: a backfill takes a while on a busy machine.
#[test]
fn checks_against_a_real_prometheus() {
    if !available() {
        return;
    }
    let prometheus = start_prometheus("checks");
    measures_the_checks(&prometheus);
    a_query_the_server_rejects_is_an_error_at_its_line_with_the_servers_reason(&prometheus);
    offline_builds_reuse_health_json_and_a_dead_server_keeps_a_recent_state_else_unknown(&prometheus);
    the_alertname_label_is_empty_in_annotations(&prometheus);
    an_execution_error_is_a_warning_in_a_build_and_an_error_in_check(&prometheus);
    checks_that_all_answer_nothing_are_a_warning(&prometheus);
}

/// Many-to-many matching fails on the data the server has (two `probe_success`
/// series), not on the query: HTTP 422 `execution`. A build warns, the check has no
/// value and the incidents are published; `check` fails. The component is unknown only
/// when nothing worse is measured: a red check of it stays red.
fn an_execution_error_is_a_warning_in_a_build_and_an_error_in_check(prometheus: &Prometheus) {
    let many = "\n    { name = \"Ratio\", query = 'avg_over_time(probe_success[1d]) * on() avg_over_time(probe_success[1d])', green = \">= 1\" },\n    { name = \"Down\", query = 'vector(0)', green = \">= 1\" },";
    let site = measured_site(many);
    let run = build(&site, Some(&prometheus.url), &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("warning[status-check]: the Prometheus server refused the query of the check \"Ratio\" of `cdn`: execution: "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("many-to-many matching not allowed"), "{}", run.stderr);
    assert!(run.stderr.contains("the check has no value in this build"), "{}", run.stderr);
    let health = json(&site, "public/status/health.json");
    assert_eq!(
        levels(&health, "cdn"),
        ("red".to_string(), ["green", "orange", "unknown", "red"].map(String::from).to_vec())
    );
    assert_eq!(state(&site, "CDN"), "partial_outage", "red, not unknown");
    assert!(site.exists("public/status/api-errors/index.html"), "the incidents are published");

    let mut command = opsbook();
    command.arg("check").env("SOURCE_DATE_EPOCH", NOW.to_string()).env("OPSBOOK_PROMETHEUS_URL", &prometheus.url);
    let output = command.current_dir(&site.root).output().expect("run opsbook");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[status-check]: the Prometheus server refused the query of the check \"Ratio\""),
        "{stderr}"
    );
}

/// Every check answering no series (a label spelled differently, a server without the
/// targets) is one warning; the build goes on, every component unknown.
fn checks_that_all_answer_nothing_are_a_warning(prometheus: &Prometheus) {
    let site = measured_site("");
    let config = site.read("book.toml").replace("probe_success", "no_such_series").replace("edge_latency", "no_such");
    site.write("book.toml", config);
    let run = build(&site, Some(&prometheus.url), &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(&format!(
            "warning[status-check]: no check got a value from the Prometheus server {}: every query answered no series",
            prometheus.url
        )),
        "{}",
        run.stderr
    );
    assert_eq!(levels(&json(&site, "public/status/health.json"), "cdn").0, "unknown");
    // One that answers is enough to say nothing.
    let run = build(&measured_site(""), Some(&prometheus.url), &[]);
    assert!(!run.stderr.contains("no check got a value"), "{}", run.stderr);
}

/// `GET path` of the server's API, as JSON.
fn api(prometheus: &Prometheus, path: &str) -> Value {
    let address = prometheus.url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").as_bytes()).expect("ask");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("the answer");
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, body)| body);
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer}"))
}

/// What `check --rules` says of `$labels.alertname` is what Prometheus does: the
/// annotation expands to `/alerts//`, while a label of the series is filled in.
fn the_alertname_label_is_empty_in_annotations(prometheus: &Prometheus) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let alert = loop {
        let alerts = api(prometheus, "/api/v1/alerts");
        if let Some(alert) = alerts["data"]["alerts"].as_array().and_then(|a| a.first()) {
            break alert.clone();
        }
        assert!(Instant::now() < deadline, "the alert never fired: {alerts}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(alert["labels"]["alertname"], "AlwaysFiring", "the alert has the label afterwards");
    assert_eq!(alert["annotations"]["runbook_url"], "https://ops.example.org/alerts//", "empty when filled in");
    assert_eq!(alert["annotations"]["summary"], "api fires", "labels of the series are filled in");

    let site = Site::with_files(
        "health-alertname",
        &[
            ("book.toml", "[handbook]\ntitle = \"T\"\nbase-url = \"https://ops.example.org/\"\n"),
            ("content/_index.md", "# Home\n"),
            ("content/runbooks/AlwaysFiring.md", "---\nkind: runbook\n---\n# Always firing\n"),
            ("rules.yml", ALERT_RULES),
        ],
    );
    let run = site.run(&["check", "--rules", "rules.yml"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[alertname-in-annotation]: the `runbook_url` of the alert `AlwaysFiring`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("help: write the alert's name: `runbook_url: https://ops.example.org/alerts/AlwaysFiring/`"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 1, "the summary's label is fine: {}", run.stderr);
}

fn measures_the_checks(prometheus: &Prometheus) {
    let site = measured_site("");
    let run = build(&site, Some(&prometheus.url), &["--timings"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("health") || run.stdout.contains("health"), "--timings shows the network step");

    let health = json(&site, "public/status/health.json");
    assert_eq!(health["measured_at"], "2026-11-15T12:00:00Z", "measured at the build's now");
    assert_eq!(levels(&health, "api"), ("green".to_string(), vec!["green".to_string()]));
    assert_eq!(levels(&health, "cdn"), ("orange".to_string(), vec!["green".to_string(), "orange".to_string()]));
    let probes = &health["components"][0]["checks"][0];
    assert_eq!(probes["name"], "API probes");
    assert_eq!(probes["value"], 1.0);
    assert_eq!((probes["green"].as_str(), probes["orange"].as_str()), (Some(">= 0.99"), Some(">= 0.95")));
    let series = probes["series"].as_array().expect("the series");
    assert_eq!(series.len(), 90, "one value a day over the uptime bars' window");
    let day = |date: &str| series.iter().find(|d| d["date"] == date).cloned().expect("the day");
    assert_eq!((day("2026-11-09")["value"].as_f64(), day("2026-11-09")["level"].as_str()), (Some(0.75), Some("red")));
    assert_eq!(day("2026-11-08")["level"], "green");
    let latency = &health["components"][1]["checks"][1];
    assert_eq!((latency["value"].as_f64(), latency["unit"].as_str()), (Some(0.4), Some("s")));

    // The CDN, which no incident names, follows its measurement; the API's incident wins.
    assert_eq!(state(&site, "CDN"), "degraded_performance");
    assert_eq!(state(&site, "Public API"), "partial_outage");
    assert_eq!(state(&site, "DNS"), "operational", "a component without checks keeps its incidents' state");

    let page = site.read("public/status/index.html");
    assert!(
        page.contains(
            r#"<span class="status-check-name">p95 latency</span> <span class="status-check-value">0.4 s</span>"#
        ),
        "{page}"
    );
    assert!(page.contains("Degraded") && page.contains(r#"<svg class="trend""#), "the level in words and a trend");
    assert!(
        page.contains("aria-label=\"API probes of Public API over the last 90 days: from 0.75 to 1, now 1\""),
        "{page}"
    );
    let headers = site.read("public/_headers");
    assert!(
        headers.contains("/status/health.json\n  Access-Control-Allow-Origin: *\n"),
        "health.json is readable from any origin: {headers}"
    );
    let scs = site.read("public/status/scs/components/index.json");
    assert!(scs.contains("\"health\":\"orange\"") || scs.contains("\"health\": \"orange\""), "{scs}");
}

fn a_query_the_server_rejects_is_an_error_at_its_line_with_the_servers_reason(prometheus: &Prometheus) {
    let bad = "\n    { name = \"Broken\", query = 'rate(probe_success[1d]', green = \">= 1\", orange = \">= 0.5\" },";
    let site = measured_site(bad);
    let run = build(&site, Some(&prometheus.url), &[]);
    run.expect_code(1);
    let line = site.read("book.toml").lines().position(|l| l.contains("\"Broken\"")).expect("the check's line") + 1;
    assert!(
        run.stderr.contains(
            "error[status-check]: the Prometheus server refused the query of the check \"Broken\" of `cdn`: bad_data:"
        ),
        "{}",
        run.stderr
    );
    // Prometheus says `1:23: parse error`: the 23rd byte of the query, its end.
    let written = site.read("book.toml").lines().nth(line - 1).expect("the line").to_string();
    let column = written.find("'rate(").expect("the query") + 2 + 22;
    assert!(
        run.stderr.contains(&format!("book.toml:{line}:{column}\n")),
        "at the place inside the query, {line}:{column}: {}",
        run.stderr
    );
    assert!(run.stderr.contains("parse error"), "with the server's reason: {}", run.stderr);
    assert_eq!(run.stderr.matches("error[status-check]").count(), 1, "said once for its two requests: {}", run.stderr);
}

fn offline_builds_reuse_health_json_and_a_dead_server_keeps_a_recent_state_else_unknown(prometheus: &Prometheus) {
    let site = measured_site("");
    build(&site, Some(&prometheus.url), &[]).expect_code(0);
    let measured = json(&site, "public/status/health.json");
    // An address where no server listens (a port just given back).
    let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let url = format!("http://127.0.0.1:{port}");

    // Offline: nothing asked of the (dead) server, the last values shown again.
    let run = build(&site, Some(&url), &["--offline"]);
    run.expect_code(0);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert_eq!(json(&site, "public/status/health.json"), measured);
    assert_eq!(state(&site, "CDN"), "degraded_performance");

    // Measuring against a server that is gone, ten minutes on: the last measurement
    // stands in, dated, with a warning naming the server.
    let run = build_at(&site, NOW + 600, Some(&url), &[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(&format!("warning[health-unavailable]: the Prometheus server {url} ")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("shows the last measurement, of 2026-11-15T12:00:00Z"), "{}", run.stderr);
    assert_eq!(json(&site, "public/status/health.json"), measured, "kept as it was");
    assert_eq!(state(&site, "CDN"), "degraded_performance");

    // Two days on, it is too old to stand in: unknown, never green, and the 90 days
    // measured stay in health.json.
    let run = build_at(&site, NOW + 2 * 86_400, Some(&url), &[]);
    run.expect_code(0);
    assert!(run.stderr.contains("too old to stand in"), "{}", run.stderr);
    let health = json(&site, "public/status/health.json");
    assert_eq!(levels(&health, "cdn").0, "unknown");
    assert_eq!(levels(&health, "api").0, "unknown");
    assert_eq!(health["components"][0]["checks"][0]["series"], measured["components"][0]["checks"][0]["series"]);
    let cdn = health["components"].as_array().expect("components").iter().find(|c| c["id"] == "cdn").cloned();
    assert_eq!(cdn.expect("cdn")["last_data_at"], "2026-11-15T12:00:00Z", "kept from the last health.json");
    assert_eq!(state(&site, "CDN"), "degraded_performance", "unknown is never operational in the API");
    let page = site.read("public/status/index.html");
    assert!(page.contains("No data since <time datetime=\"2026-11-15T12:00:00Z\">"), "grey, never green: {page}");
}

/// `opsbook build ARGS` at `epoch`, with `OPSBOOK_PROMETHEUS_URL` when given.
fn build_at(site: &Site, epoch: i64, server: Option<&str>, args: &[&str]) -> Run {
    let mut command = opsbook();
    command.arg("build").args(args).env("SOURCE_DATE_EPOCH", epoch.to_string()).current_dir(&site.root);
    if let Some(url) = server {
        command.env("OPSBOOK_PROMETHEUS_URL", url);
    }
    let output = command.output().expect("run opsbook");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
