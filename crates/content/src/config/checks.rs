//! The measured health of the status page's components: `[status] prometheus`, and each
//! component's `checks`, PromQL queries with the thresholds that make a value green,
//! orange or red. What the checks measure is `crate::status::health`'s; here they
//! are read and checked where they are written, so `check` reports a malformed
//! threshold at its line as a build does.
//!
//! More: docs/architecture.md, "Notes by module".

use serde::Deserialize;

use super::CONFIG_FILE;
use crate::diagnostic::{Diagnostic, Rule};

/// The default of `prometheus-timeout`: what a build may spend on the network.
pub(super) const DEFAULT_TIMEOUT_SECONDS: u64 = 10;
/// The longest `prometheus-timeout` allowed.
const MAX_TIMEOUT_SECONDS: u64 = 600;

/// One entry of a component's `checks`, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct CheckTable {
    /// The name shown.
    name: String,
    /// The PromQL query, with where it is written.
    query: toml::Spanned<String>,
    /// The threshold of green.
    green: toml::Spanned<String>,
    /// The threshold of orange.
    #[serde(default)]
    orange: Option<toml::Spanned<String>>,
    /// The unit of the value, shown after it (`s`, `%`, `ms`).
    #[serde(default)]
    unit: Option<String>,
}

/// How a threshold compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>=`.
    AtLeast,
    /// `>`.
    Above,
    /// `<=`.
    AtMost,
    /// `<`.
    Below,
    /// `==`.
    Equal,
}

/// A threshold: `>= 0.99`.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    /// How it compares.
    pub comparison: Comparison,
    /// With what.
    pub value: f64,
}

impl Threshold {
    /// Reads `>= 0.99` (spaces optional), or why it is no threshold.
    pub fn parse(text: &str) -> Result<Threshold, String> {
        let text = text.trim();
        let (comparison, rest) = [
            (">=", Comparison::AtLeast),
            ("<=", Comparison::AtMost),
            ("==", Comparison::Equal),
            (">", Comparison::Above),
            ("<", Comparison::Below),
        ]
        .iter()
        .find_map(|(op, comparison)| text.strip_prefix(op).map(|rest| (*comparison, rest)))
        .ok_or_else(|| format!("a threshold starts with >=, >, <=, < or ==, found {text:?}"))?;
        let number = rest.trim();
        match number.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Threshold { comparison, value }),
            _ => Err(format!("a threshold compares with a number, such as \">= 0.99\", found {text:?}")),
        }
    }

    /// Whether `value` meets it.
    pub fn holds(&self, value: f64) -> bool {
        match self.comparison {
            Comparison::AtLeast => value >= self.value,
            Comparison::Above => value > self.value,
            Comparison::AtMost => value <= self.value,
            Comparison::Below => value < self.value,
            Comparison::Equal => value == self.value,
        }
    }

    /// Whether higher values are better (`>=`, `>`): a series of several values is
    /// judged by its lowest then, else by its highest.
    pub fn higher_is_better(&self) -> bool {
        matches!(self.comparison, Comparison::AtLeast | Comparison::Above)
    }
}

impl std::fmt::Display for Threshold {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let op = match self.comparison {
            Comparison::AtLeast => ">=",
            Comparison::Above => ">",
            Comparison::AtMost => "<=",
            Comparison::Below => "<",
            Comparison::Equal => "==",
        };
        write!(f, "{op} {}", self.value)
    }
}

/// A check of a component, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// Its name, unique within its component.
    pub name: String,
    /// The PromQL query.
    pub query: String,
    /// The line and column of the query in `book.toml`, where the server's refusal of it
    /// is reported.
    pub at: (usize, usize),
    /// The line and column in `book.toml` of each byte of `query`, and of its end: where
    /// a position the server gives inside the query (`1:14: parse error`) is written.
    pub positions: Vec<(usize, usize)>,
    /// Green when the value meets it.
    pub green: Threshold,
    /// Else orange when it meets this.
    pub orange: Option<Threshold>,
    /// The unit shown after the value.
    pub unit: Option<String>,
}

/// Resolves the `checks` of component `id`; a problem is a `config-field` error at its
/// value, and the check is left out.
pub(super) fn resolve_checks(
    id: &str,
    tables: Vec<CheckTable>,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<Check> {
    let mut checks: Vec<Check> = Vec::new();
    for table in tables {
        let at = line_column(text, table.query.span().start);
        let mut error = |(line, column): (usize, usize), message: String| {
            problems.push(Diagnostic::error(Rule::ConfigField, CONFIG_FILE, line, column, message));
        };
        let name = table.name.trim().to_string();
        if name.is_empty() {
            error(at, format!("a check of the component `{id}` needs a `name`"));
            continue;
        }
        if checks.iter().any(|c| c.name == name) {
            error(at, format!("the component `{id}` has two checks named {name:?}"));
            continue;
        }
        if table.query.get_ref().trim().is_empty() {
            error(at, format!("the check {name:?} of `{id}` needs a `query`"));
            continue;
        }
        let threshold = |spanned: &toml::Spanned<String>, key: &str| {
            Threshold::parse(spanned.get_ref()).map_err(|why| {
                (line_column(text, spanned.span().start), format!("`{key}` of the check {name:?} of `{id}`: {why}"))
            })
        };
        let green = threshold(&table.green, "green");
        let orange = table.orange.as_ref().map(|o| threshold(o, "orange")).transpose();
        match (green, orange) {
            (Ok(green), Ok(orange)) => checks.push(Check {
                name,
                positions: query_positions(text, table.query.span(), table.query.get_ref()),
                query: table.query.into_inner().trim().to_string(),
                at,
                green,
                orange,
                unit: table.unit.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()),
            }),
            (Err((place, message)), _) | (_, Err((place, message))) => error(place, message),
        }
    }
    checks
}

/// Checks `[status] prometheus`: an `http://` or `https://` URL with a host (the root of
/// the server's HTTP API, with a path prefix for Mimir's `/prometheus`), or why not.
pub(super) fn check_server_url(url: &str) -> Result<String, String> {
    let url = url.trim().trim_end_matches('/');
    // Messages quote the URL without its credentials.
    let shown = crate::secret::SecretUrl::new(url).to_string();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("the Prometheus server must be an http:// or https:// URL, found {shown:?}"))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) || url.contains(['?', '#']) {
        return Err(format!("the Prometheus server must be a URL such as http://prometheus:9090, found {shown:?}"));
    }
    Ok(url.to_string())
}

/// Reads `prometheus-timeout` (`10s`, `1m`), or why not: at least a second, at most ten
/// minutes.
pub(super) fn parse_timeout(text: &str) -> Result<u64, String> {
    let seconds = crate::dates::parse_duration(text.trim())
        .ok_or_else(|| format!("`prometheus-timeout` must be a duration such as \"10s\" or \"1m\", found {text:?}"))?;
    match u64::try_from(seconds) {
        Ok(s) if (1..=MAX_TIMEOUT_SECONDS).contains(&s) => Ok(s),
        _ => Err(format!("`prometheus-timeout` must be between 1s and 10m, found {text:?}")),
    }
}

/// The line and column in `text` of each byte of the trimmed `value`, a TOML string
/// written at `span` (its quotes included), and of its end. The escapes of a basic
/// string (`\"`, `\u00e9`, a line-ending backslash) are followed; where the text
/// written is not the value (a string TOML could not have given), every byte is at the
/// string's start.
fn query_positions(text: &str, span: std::ops::Range<usize>, value: &str) -> Vec<(usize, usize)> {
    let raw = text.get(span.clone()).unwrap_or("");
    let (delimiter, literal) = match raw {
        r if r.starts_with("'''") => ("'''", true),
        r if r.starts_with("\"\"\"") => ("\"\"\"", false),
        r if r.starts_with('\'') => ("'", true),
        _ => ("\"", false),
    };
    let mut start = span.start + delimiter.len();
    let mut inner = raw.get(delimiter.len()..raw.len().saturating_sub(delimiter.len())).unwrap_or("");
    if delimiter.len() == 3 {
        // A line break right after the opening quotes is not part of the value.
        let skip = if inner.starts_with("\r\n") { 2 } else { usize::from(inner.starts_with('\n')) };
        inner = &inner[skip..];
        start += skip;
    }
    // For each byte of the value, its offset in `text`.
    let mut offsets: Vec<usize> = Vec::with_capacity(value.len() + 1);
    let mut chars = inner.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if literal || c != '\\' {
            offsets.extend(std::iter::repeat_n(start + at, c.len_utf8()));
            continue;
        }
        let decoded = match chars.next() {
            Some((_, 'u')) => (0..4).filter_map(|_| chars.next()).map(|(_, c)| c).collect::<String>(),
            Some((_, 'U')) => (0..8).filter_map(|_| chars.next()).map(|(_, c)| c).collect::<String>(),
            Some((_, c)) if c.is_whitespace() => {
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            _ => "x".to_string(),
        };
        let width = u32::from_str_radix(&decoded, 16).ok().and_then(char::from_u32).map_or(1, char::len_utf8);
        offsets.extend(std::iter::repeat_n(start + at, if decoded.len() > 1 { width } else { 1 }));
    }
    offsets.push(start + inner.len());
    let lead = value.len() - value.trim_start().len();
    let length = value.trim().len();
    if offsets.len() != value.len() + 1 {
        return vec![line_column(text, span.start); length + 1];
    }
    offsets[lead..=lead + length].iter().map(|&offset| line_column(text, offset)).collect()
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or(before).chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_thresholds_and_judges_values() {
        let green = Threshold::parse(">= 0.99").unwrap();
        assert!(green.holds(0.99) && !green.holds(0.98) && green.higher_is_better());
        let fast = Threshold::parse("<=0.3").unwrap();
        assert!(fast.holds(0.25) && !fast.holds(0.31) && !fast.higher_is_better());
        assert!(Threshold::parse("== 1").unwrap().holds(1.0));
        assert!(Threshold::parse("> 0").unwrap().holds(0.5));
        assert_eq!(Threshold::parse("< 1e3").unwrap().to_string(), "< 1000");
        assert!(Threshold::parse("0.99").unwrap_err().contains("starts with >="));
        assert!(Threshold::parse(">= lots").unwrap_err().contains("compares with a number"));
        assert!(Threshold::parse(">= NaN").is_err() && Threshold::parse(">= inf").is_err());
    }

    #[test]
    fn places_each_byte_of_a_query_where_it_is_written() {
        let place = |text: &str, value: &str| {
            let start = text.find(['\'', '"']).unwrap();
            let end = text.rfind(['\'', '"']).unwrap() + 1;
            query_positions(text, start..end, value)
        };
        let text = "x = 1\nquery = 'rate(up[5m]'\n";
        let positions = place(text, "rate(up[5m]");
        assert_eq!((positions[0], positions[11]), ((2, 10), (2, 21)));
        let text = "query = \"a{job=\\\"x\\\"} \\u00e9\"\n";
        let positions = place(text, "a{job=\"x\"} é");
        assert_eq!(positions.len(), "a{job=\"x\"} é".len() + 1);
        assert_eq!(positions[7], (1, 18), "after an escaped quote: {positions:?}");
        assert_eq!(positions[11], (1, 23), "é, written as \\u00e9");
        let text = "query = '''\n  sum(\n    up)'''\n";
        let positions = place(text, "  sum(\n    up)");
        assert_eq!((positions[0], positions[9]), ((2, 3), (3, 5)), "trimmed, over lines");
    }

    #[test]
    fn checks_server_urls_and_timeouts() {
        assert_eq!(check_server_url("http://prometheus:9090/").unwrap(), "http://prometheus:9090");
        assert_eq!(check_server_url("http://mimir:8080/prometheus").unwrap(), "http://mimir:8080/prometheus");
        assert_eq!(
            check_server_url("https://mimir.example.org/prometheus/").unwrap(),
            "https://mimir.example.org/prometheus"
        );
        assert!(check_server_url("prometheus:9090").is_err());
        assert!(check_server_url("http:///x").is_err());
        assert!(check_server_url("http://a b").is_err());
        assert_eq!(parse_timeout("10s"), Ok(10));
        assert_eq!(parse_timeout("1m"), Ok(60));
        assert!(parse_timeout("0s").is_err() && parse_timeout("2h").is_err() && parse_timeout("soon").is_err());
    }
}
