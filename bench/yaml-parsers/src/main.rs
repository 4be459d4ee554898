//! Reads YAML documents named on standard input (one file path a line) with three
//! parsers and prints one JSON line per document and parser: `opsbook` (the reading a
//! build does: its simple reader, else serde-saphyr with opsbook's leniency layer),
//! `saphyr` (serde-saphyr alone, with opsbook's options) and `yaml_ng` (serde_yaml_ng,
//! libyaml's grammar ported to Rust). Each line holds the file, the parser, whether it
//! accepted the document, the value as JSON or the error, and the microseconds spent.

use std::io::{BufRead, Write};
use std::time::Instant;

fn saphyr(text: &str) -> Result<serde_json::Value, String> {
    let mut options = serde_saphyr::options! { leading_zero_numbers_as_strings: true };
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    serde_saphyr::from_str_with_options::<serde_json::Value>(text, options).map_err(|e| e.to_string())
}

fn yaml_ng(text: &str) -> Result<serde_json::Value, String> {
    let value: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    serde_json::to_value(value).map_err(|e| format!("not JSON: {e}"))
}

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    let parsers: [(&str, fn(&str) -> Result<serde_json::Value, String>); 3] =
        [("opsbook", opsbook::front_matter_as_json), ("saphyr", saphyr), ("yaml_ng", yaml_ng)];
    for line in stdin.lock().lines() {
        let path = line.expect("a line of standard input");
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (name, parse) in parsers {
            let started = Instant::now();
            let result = parse(&text);
            let micros = started.elapsed().as_micros();
            let line = match result {
                Ok(value) => serde_json::json!({"file": path, "parser": name, "ok": true, "value": value, "us": micros}),
                Err(error) => serde_json::json!({"file": path, "parser": name, "ok": false, "error": error, "us": micros}),
            };
            writeln!(out, "{line}").expect("standard output");
        }
    }
}
