//! Docsy's PlantUML setting (google/docsy `theme/assets/js/plantuml.js`, its docs'
//! `diagrams-and-formulae` page): with `params.plantuml.enable`, the
//! page's script replaced each ```` ```plantuml ```` block with an image of the PlantUML
//! server at `params.plantuml.svg_image_url`, the public server when it is empty.
//!
//! Read from the site's configuration as Hugo merges it ([`super::config_files`]); keys
//! without regard to case, as Hugo reads them.
//!
//! More: docs/architecture.md, "Notes by module".

use serde_json::Value;

use super::site::key;
use crate::compat::interface::read_beside;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};

/// Docsy's server when `svg_image_url` is empty: the public one, by `https` (the script
/// writes it scheme-relative, which a page opened from a file cannot load).
pub(crate) const DEFAULT_SERVER: &str = "https://www.plantuml.com/plantuml/svg/";

/// The PlantUML server of a Docsy site by its configuration `config`: `None` unless
/// `enable` is set; `Err` is a message.
pub(crate) fn plantuml_server(config: Option<&Value>) -> Result<Option<String>, String> {
    let params = config.and_then(Value::as_object).and_then(|c| key(c, "params")).and_then(Value::as_object);
    let Some(plantuml) = params.and_then(|p| key(p, "plantuml")).and_then(Value::as_object) else { return Ok(None) };
    if !key(plantuml, "enable").is_some_and(truthy) {
        return Ok(None);
    }
    let url = match key(plantuml, "svg_image_url") {
        None | Some(Value::Null) => DEFAULT_SERVER,
        Some(Value::String(url)) if url.trim().is_empty() => DEFAULT_SERVER,
        Some(Value::String(url)) => url.as_str(),
        Some(other) => return Err(format!("`svg_image_url` must be a URL, found {other}")),
    };
    crate::config::check_server_address(url, "params.plantuml.svg_image_url").map(Some)
}

/// Whether Go's templates take `value` as true (`{{ if .enable }}`): not false, 0, an
/// empty text, list or map, or nothing.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|n| n != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The error `message` at the value of `svg_image_url` in the configuration file `name`
/// beside `config` (its line and column; the file's start when it cannot be found).
pub(crate) fn server_error(config: &Config, name: &str, message: String) -> Diagnostic {
    let text = read_beside(config, name, &mut Vec::new()).unwrap_or_default();
    let (line, column) = locate_value(&text, "svg_image_url").unwrap_or((0, 0));
    Diagnostic::error(Rule::ConfigField, name, line, column, message)
}

/// The line and column of the value of `name` (`name: v`, `name = v`, `"name": v`),
/// the key without regard to case.
fn locate_value(text: &str, name: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let lower = line.to_ascii_lowercase();
        let at = lower.find(&name.to_ascii_lowercase())?;
        let after = line[at + name.len()..].trim_start_matches(['"', '\'']).trim_start();
        let value = after.strip_prefix([':', '='])?.trim_start();
        Some((i + 1, line.len() - value.len() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_server_when_enabled() {
        let config = json!({"params": {"PlantUML": {"enable": true}}});
        assert_eq!(plantuml_server(Some(&config)), Ok(Some(DEFAULT_SERVER.into())));
        let config = json!({"params": {"plantuml": {"enable": true, "svg_image_url": "http://localhost:8080/svg/"}}});
        assert_eq!(plantuml_server(Some(&config)), Ok(Some("http://localhost:8080/svg/".into())));
        let config = json!({"params": {"plantuml": {"enable": "yes", "svg_image_url": ""}}});
        assert_eq!(plantuml_server(Some(&config)), Ok(Some(DEFAULT_SERVER.into())));
        let mut merged = config.clone();
        let params = json!({"params": {"plantuml": {"enable": true, "svg_image_url": "https://own.example/svg/"}}});
        crate::compat::hugo::config_files::merge(&mut merged, params);
        assert_eq!(plantuml_server(Some(&merged)), Ok(Some("https://own.example/svg/".into())));
    }

    #[test]
    fn reads_no_server_unless_enabled() {
        for plantuml in [json!({}), json!({"enable": false}), json!({"enable": 0}), json!({"enable": ""})] {
            let config = json!({"params": {"plantuml": plantuml}});
            assert_eq!(plantuml_server(Some(&config)), Ok(None), "{config}");
        }
        assert_eq!(plantuml_server(Some(&json!({"title": "x"}))), Ok(None));
        assert_eq!(plantuml_server(None), Ok(None));
    }

    #[test]
    fn refuses_a_server_that_is_no_http_address() {
        for url in [json!("javascript:alert(1)"), json!("file:///etc/passwd"), json!("https://"), json!(7)] {
            let config = json!({"params": {"plantuml": {"enable": true, "svg_image_url": url}}});
            let Err(message) = plantuml_server(Some(&config)) else { panic!("{config}") };
            assert!(message.contains("svg_image_url"), "{message}");
        }
    }

    #[test]
    fn finds_the_value_s_place() {
        let yaml = "params:\n  plantuml:\n    enable: true\n    svg_image_url: 'file:///x'\n";
        assert_eq!(locate_value(yaml, "svg_image_url"), Some((4, 20)));
        let toml = "[params.plantuml]\nSVG_IMAGE_URL = \"javascript:x\"\n";
        assert_eq!(locate_value(toml, "svg_image_url"), Some((2, 17)));
        assert_eq!(locate_value("{\"svg_image_url\": \"x\"}", "svg_image_url"), Some((1, 19)));
    }
}
