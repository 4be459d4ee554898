//! The client of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), as
//! Prometheus documents it ("HTTP API": the JSON envelope `{status, data, errorType,
//! error}`, result types `vector`, `scalar`, `matrix`; 400 `bad_data` and 422 for a
//! query the server refuses, 503 for one it gave up on). Thanos, Mimir (with its
//! `/prometheus` prefix in the URL) and VictoriaMetrics answer the same API.
//!
//! The requests go through `ureq`: plain HTTP, or TLS (rustls with ring, the Mozilla
//! roots of `webpki-roots`) for an `https://` server such as a hosted Mimir.
//!
//! More: docs/architecture.md, "Notes by module".

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{WINDOW_DAYS, first_day};
use crate::config::{Check, StatusConfig};
use crate::dates::Timestamp;
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The most of one answer read: far more than 90 daily points of a few series.
pub(crate) const MAX_ANSWER: u64 = 8 * 1024 * 1024;

/// How many requests run at once.
const WORKERS: usize = 4;

/// The values of every check: per component of `[status]` (in order), per check, the
/// value at the end of each day of the window, today's last (the value now).
pub(crate) type Values = Vec<Vec<Vec<Option<f64>>>>;

/// What went wrong while querying.
#[derive(Default)]
pub(crate) struct Problems {
    /// The queries the server refused, at their place in `book.toml`.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Why the server failed, when it did: "did not answer in time", ...
    pub(crate) server_failure: Option<String>,
}

/// One request.
#[derive(Clone, Copy)]
struct Job {
    component: usize,
    check: usize,
    /// The instant query at now, or the range query over the days before today.
    range: bool,
}

/// Why a request gave no value.
enum Failure {
    /// The server refused the query: its error type, and its message.
    Rejected(String, String),
    /// The server failed (unreachable, too slow, a redirect, not its API).
    Server(String),
}

/// A query's answer: its samples as (time, value), or why there are none.
type Answer = Result<Vec<(i64, f64)>, Failure>;

/// Queries every check of `status` against `server` at `now`, within `budget`;
/// `checking` (`opsbook check`) keeps an execution error an error.
pub(crate) fn query_checks(
    server: &crate::secret::SecretUrl,
    status: &StatusConfig,
    now: Timestamp,
    budget: Duration,
    checking: bool,
) -> (Values, Problems) {
    let deadline = Instant::now() + budget;
    let mut values: Values =
        status.components.iter().map(|c| vec![vec![None; WINDOW_DAYS as usize]; c.checks.len()]).collect();
    let jobs: Vec<Job> = status
        .components
        .iter()
        .enumerate()
        .flat_map(|(component, c)| {
            (0..c.checks.len()).flat_map(move |check| [false, true].map(|range| Job { component, check, range }))
        })
        .collect();
    let agent = crate::http_client::untrusting_agent();
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<(Job, Answer)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS.min(jobs.len()) {
            scope.spawn(|| {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&job) = jobs.get(n) else { break };
                    if failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let check = &status.components[job.component].checks[job.check];
                    let answer = request(&agent, server, check, job.range, now, deadline);
                    if matches!(answer, Err(Failure::Server(_))) {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if let Ok(mut results) = results.lock() {
                        results.push((job, answer));
                    }
                }
            });
        }
    });
    let mut problems = Problems::default();
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|(job, _)| (job.component, job.check, job.range));
    let first = first_day(now).days();
    // The checks whose queries were refused: the two requests of one are said once,
    // though the server words their reasons differently.
    let mut refused: Vec<(usize, usize)> = Vec::new();
    for (job, answer) in results {
        let check = &status.components[job.component].checks[job.check];
        match answer {
            Ok(points) => {
                let series = &mut values[job.component][job.check];
                for (at, value) in points {
                    // A point at the end of day `d` (midnight after it) is day `d`'s;
                    // the instant query's is today's.
                    let day = if job.range { at.div_euclid(86_400) - 1 - first } else { WINDOW_DAYS - 1 };
                    if let Some(slot) = usize::try_from(day).ok().and_then(|d| series.get_mut(d)) {
                        *slot = Some(worse(check, *slot, value));
                    }
                }
            }
            Err(Failure::Rejected(kind, reason)) => {
                if !refused.contains(&(job.component, job.check)) {
                    refused.push((job.component, job.check));
                    let name = &status.components[job.component].id;
                    problems.diagnostics.push(refusal(check, name, &kind, &reason, checking));
                }
            }
            Err(Failure::Server(why)) => {
                problems.server_failure.get_or_insert(why);
            }
        }
    }
    if problems.server_failure.is_none() && failed.load(Ordering::Relaxed) {
        problems.server_failure = Some("failed".to_string());
    }
    if problems.server_failure.is_none() {
        let refused = &refused;
        let asked: Vec<bool> = values
            .iter()
            .enumerate()
            .flat_map(|(c, component)| {
                let asked = component.iter().enumerate().filter(move |(k, _)| !refused.contains(&(c, *k)));
                asked.map(|(_, series)| series.iter().any(Option::is_some))
            })
            .collect();
        if !asked.is_empty() && asked.iter().all(|&got| !got) {
            problems.diagnostics.push(
                Diagnostic::error(
                    Rule::StatusCheck,
                    crate::config::CONFIG_FILE,
                    0,
                    0,
                    format!(
                        "no check got a value from the Prometheus server {server}: every query answered no series, so every measured component is unknown"
                    ),
                )
                .with_severity(Severity::Warning)
                .with_help("try a query in the server's own query page: a job or label that is spelled differently, or a server that does not scrape these targets, answers nothing"),
            );
        }
    }
    (values, problems)
}

/// The diagnostic of a query the server refused: an error at the query, or at the place
/// inside it a parse error names; an execution error is a warning unless `checking`.
fn refusal(check: &Check, component: &str, kind: &str, reason: &str, checking: bool) -> Diagnostic {
    let execution = kind == "execution";
    let kind_said = if kind.is_empty() { String::new() } else { format!("{kind}: ") };
    let mut message = format!(
        "the Prometheus server refused the query of the check {:?} of `{component}`: {kind_said}{reason}",
        check.name
    );
    if execution && !checking {
        message.push_str(": the check has no value in this build");
    }
    let (line, column) = parse_error_place(reason)
        .and_then(|(line, column)| place_in_query(&check.query, line, column))
        .and_then(|offset| check.positions.get(offset).copied())
        .unwrap_or(check.at);
    let help = if execution {
        "the query fails on the data the server has now (such as many-to-many matching): aggregate or match on labels that are unique, as sum by (job) (...)"
    } else {
        "try the query in the server's own query page; a check's query gives one number, such as avg_over_time(probe_success[1d])"
    };
    let diagnostic =
        Diagnostic::error(Rule::StatusCheck, crate::config::CONFIG_FILE, line, column, message).with_help(help);
    if execution && !checking { diagnostic.with_severity(Severity::Warning) } else { diagnostic }
}

/// The line and column a Prometheus parse error names (`1:14: parse error: ...`).
fn parse_error_place(reason: &str) -> Option<(usize, usize)> {
    let end = reason.find(": parse error")?;
    let before = &reason[..end];
    let start = before.rfind(|c: char| !(c.is_ascii_digit() || c == ':')).map_or(0, |i| i + 1);
    let (line, column) = before[start..].split_once(':')?;
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The byte offset in `query` of Prometheus's 1-based `line` and `column` (a column
/// counts bytes from the start of the line, as Prometheus's parser does).
fn place_in_query(query: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = query.split('\n').take(line.checked_sub(1)?).map(|l| l.len() + 1).sum();
    let offset = start + column.checked_sub(1)?;
    (offset <= query.len()).then_some(offset)
}

/// The worse of two values of one moment (several series): by the check's direction.
fn worse(check: &Check, old: Option<f64>, new: f64) -> f64 {
    match old {
        None => new,
        Some(old) if check.green.higher_is_better() => old.min(new),
        Some(old) => old.max(new),
    }
}

/// One request of `check`, and its points `(seconds, value)`: the instant query at now,
/// or the range query at the end of each day of the window before today.
fn request(
    agent: &ureq::Agent,
    server: &crate::secret::SecretUrl,
    check: &Check,
    range: bool,
    now: Timestamp,
    deadline: Instant,
) -> Result<Vec<(i64, f64)>, Failure> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err(Failure::Server("did not answer within `prometheus-timeout`".to_string()));
    }
    let (path, query) = if range {
        let first = first_day(now).days();
        let start = (first + 1) * 86_400;
        let end = now.date().days() * 86_400;
        let params = vec![
            ("query", check.query.clone()),
            ("start", start.to_string()),
            ("end", end.max(start).to_string()),
            ("step", "86400".to_string()),
        ];
        ("query_range", params)
    } else {
        ("query", vec![("query", check.query.clone()), ("time", now.seconds().to_string())])
    };
    let url = format!("{}/api/v1/{path}", server.expose());
    let mut call = agent.get(&url);
    for (key, value) in &query {
        call = call.query(*key, value);
    }
    let response = call
        .config()
        .timeout_global(Some(left))
        .build()
        .call()
        .map_err(|e| Failure::Server(server.scrub(&describe(&e))))?;
    let status = response.status().as_u16();
    if (300..400).contains(&status) {
        let to = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("elsewhere");
        let to: String = to.chars().take(200).filter(|c| !c.is_control()).collect();
        return Err(Failure::Server(format!("answered with a redirect to {to}; give the server's own address")));
    }
    let mut body = response.into_body();
    let text = body
        .with_config()
        .limit(MAX_ANSWER)
        .read_to_string()
        .map_err(|e| Failure::Server(format!("answered what cannot be read: {}", server.scrub(&describe(&e)))))?;
    let answer: Value = serde_json::from_str(&text)
        .map_err(|_| Failure::Server(format!("answered HTTP {status} with what is not the Prometheus API's JSON")))?;
    match answer.get("status").and_then(Value::as_str) {
        Some("success") if (200..300).contains(&status) => {
            points(&answer["data"], range).map_err(|why| Failure::Rejected(String::new(), why))
        }
        Some("error") if status == 400 || status == 422 => {
            let kind = answer.get("errorType").and_then(Value::as_str).unwrap_or("error");
            let error = answer.get("error").and_then(Value::as_str).unwrap_or("no reason given");
            Err(Failure::Rejected(clean(kind), clean(error)))
        }
        _ => Err(Failure::Server(format!("answered HTTP {status}{}", reason(&answer)))),
    }
}

/// The server's reason in an error answer, as `: ...`, when it gives one.
fn reason(answer: &Value) -> String {
    answer.get("error").and_then(Value::as_str).map(|e| format!(": {}", clean(e))).unwrap_or_default()
}

/// A text of the server's, made fit for one line of a message: no control characters,
/// at most 300 characters.
fn clean(text: &str) -> String {
    let mut out: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).take(300).collect();
    if text.chars().count() > 300 {
        out.push('…');
    }
    out
}

/// A transport error in words.
fn describe(error: &ureq::Error) -> String {
    match error {
        ureq::Error::Timeout(_) => "did not answer within `prometheus-timeout`".to_string(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => "refused the connection".to_string(),
        ureq::Error::BodyExceedsLimit(_) => format!("answered more than {} MiB", MAX_ANSWER / 1024 / 1024),
        other => format!("could not be reached ({})", clean(&other.to_string())),
    }
}

/// The points of a successful answer's `data`: a scalar, or each sample of a vector or
/// of a range query's matrix (several series give several points at one moment).
/// `NaN` and infinite values are no value. Anything else (a string, a range vector
/// from the instant query) is a query that gives no number.
fn points(data: &Value, range: bool) -> Result<Vec<(i64, f64)>, String> {
    // A sample is `[time, "number"]`; `NaN` and infinities are no value, and anything
    // else is an answer that is not the API's, said rather than read as no data.
    let sample = |pair: Option<&Value>| -> Result<Option<(i64, f64)>, String> {
        let read = |pair: &Value| -> Option<(f64, f64)> {
            Some((pair.get(0)?.as_f64()?, pair.get(1)?.as_str()?.trim().parse().ok()?))
        };
        let (at, value) = pair.and_then(read).ok_or_else(|| {
            let shown = pair.map_or_else(|| "nothing".to_string(), |p| clean(&p.to_string()));
            format!("the answer holds a sample that is no [time, \"number\"] pair: {shown}")
        })?;
        Ok((value.is_finite() && at.is_finite()).then_some((at.round() as i64, value)))
    };
    let all = |samples: Vec<Result<Option<(i64, f64)>, String>>| -> Result<Vec<(i64, f64)>, String> {
        Ok(samples.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
    };
    let result = &data["result"];
    match data.get("resultType").and_then(Value::as_str) {
        Some("scalar") => all(vec![sample(Some(result))]),
        Some("vector") => {
            let samples = result.as_array().ok_or("the answer's vector is not a list")?;
            all(samples.iter().map(|s| sample(s.get("value"))).collect())
        }
        Some("matrix") if !range => Err(
            "the query gives a range vector, not a number: aggregate it over time, as avg_over_time(probe_success[1d])"
                .to_string(),
        ),
        Some("matrix") => {
            let series = result.as_array().ok_or("the answer's matrix is not a list")?;
            let mut samples = Vec::new();
            for one in series {
                let values =
                    one.get("values").and_then(Value::as_array).ok_or("a series of the answer has no values")?;
                samples.extend(values.iter().map(|pair| sample(Some(pair))));
            }
            all(samples)
        }
        Some("string") => Err("the query gives a string, not a number".to_string()),
        _ => Err("the answer has no result the Prometheus API defines".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sample_that_is_no_number_is_said_never_read_as_no_data() {
        let vector =
            |value: Value| serde_json::json!({"resultType": "vector", "result": [{"metric": {}, "value": value}]});
        assert_eq!(points(&vector(serde_json::json!([1.5e9, "0.5"])), false), Ok(vec![(1_500_000_000, 0.5)]));
        assert_eq!(points(&vector(serde_json::json!([1.5e9, "NaN"])), false), Ok(vec![]));
        for bad in [serde_json::json!([1.5e9, "up"]), serde_json::json!([1.5e9, 1]), serde_json::json!("x")] {
            let error = points(&vector(bad.clone()), false).expect_err("no number");
            assert!(error.contains("no [time, \"number\"] pair"), "{bad}: {error}");
        }
        let scalar = serde_json::json!({"resultType": "scalar", "result": [1.5e9, "many"]});
        assert!(points(&scalar, false).is_err());
    }

    #[test]
    fn reads_the_place_of_a_parse_error_inside_the_query() {
        let reason = "invalid parameter \"query\": 1:14: parse error: unclosed left parenthesis";
        assert_eq!(parse_error_place(reason), Some((1, 14)));
        assert_eq!(parse_error_place("2:3: parse error: x"), Some((2, 3)));
        assert_eq!(parse_error_place("many-to-many matching not allowed"), None);
        assert_eq!(place_in_query("rate(x[5m]", 1, 11), Some(10));
        assert_eq!(place_in_query("sum(\n  up", 2, 3), Some(7));
        assert_eq!(place_in_query("up", 1, 9), None);
        assert_eq!(place_in_query("up", 0, 1), None);
    }
}
