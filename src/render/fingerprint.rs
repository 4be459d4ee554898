//! The fingerprint of a page's render: a hash of everything its template reads, so
//! that a rebuild knows, without running the template, that a page would come out as
//! the previous build wrote it ([`crate::pipeline::stream`] keeps that file).
//!
//! A page's document is a function of the templates' text, the values of its template
//! context and the global one, and the filters, which are opsbook's or Tera's and read
//! nothing else (Tera's only functions, `range` and `throw`, neither): the binary, which
//! the build cache is bound to, fixes the filters.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;

use tera::value::ValueKind;
use tera::{Context, Value};
use xxhash_rust::xxh3::xxh3_128;

/// The bytes of what is hashed: small pieces as they are, a long text (over [`LONG`]
/// bytes) by its own hash after its length, which tells the two forms apart.
#[derive(Default)]
pub(super) struct Gathered {
    bytes: Vec<u8>,
}

/// The longest text gathered as it is; a longer one is gathered by its hash.
const LONG: usize = 1024;

impl Gathered {
    fn with_capacity(capacity: usize) -> Self {
        Gathered { bytes: Vec::with_capacity(capacity) }
    }

    pub(super) fn update(&mut self, piece: &[u8]) {
        self.bytes.extend_from_slice(piece);
    }

    pub(super) fn digest128(&self) -> u128 {
        xxh3_128(&self.bytes)
    }
}

/// The context names a page's values are under, in the order they are hashed
/// ([`super::Renderer::context`] puts them): the per-language tables (`t`, `site`,
/// `search_words`, `theme_words`) are in [`identity`], chosen by the language's code.
pub(super) const PAGE_VALUES: [&str; 10] =
    ["page", "breadcrumbs", "prev", "next", "section", "index", "lang", "nav", "nav_html", "handbook_nav"];

/// The hash of what every page of a render shares: `templates` (name and text), the
/// global context's `site`, and `values`, the renderer's other tables by name.
pub(super) fn identity(templates: &BTreeMap<String, String>, global_site: &Value, values: &[(&str, Value)]) -> u128 {
    let mut hasher = Gathered::default();
    for (name, text) in templates {
        hash_str(name, &mut hasher);
        hash_str(text, &mut hasher);
    }
    hash_value(global_site, &mut hasher);
    for (name, value) in values {
        hash_str(name, &mut hasher);
        hash_value(value, &mut hasher);
    }
    hasher.digest128()
}

/// The fingerprint of the page written to `file` through `template` with `context`,
/// of language `code`, in a render of `identity`.
pub(super) fn page(identity: u128, template: &str, file: &str, code: Option<&str>, context: &Context) -> u128 {
    let mut hasher = Gathered::with_capacity(16 * 1024);
    hasher.update(&identity.to_le_bytes());
    hash_str(template, &mut hasher);
    hash_str(file, &mut hasher);
    hash_str(code.unwrap_or(""), &mut hasher);
    for name in PAGE_VALUES {
        hash_optional(context.get(name), &mut hasher);
    }
    hasher.digest128()
}

/// Hashes a value that may be missing, told apart from every value.
fn hash_optional(value: Option<&Value>, hasher: &mut Gathered) {
    match value {
        Some(value) => hash_value(value, hasher),
        None => hasher.update(&[0xff]),
    }
}

/// Hashes a string with its length, so that two strings never run into each other.
pub(super) fn hash_str(text: &str, hasher: &mut Gathered) {
    hash_bytes(text.as_bytes(), hasher);
}

/// Hashes bytes with their length; more than [`LONG`] of them by their own hash.
fn hash_bytes(bytes: &[u8], hasher: &mut Gathered) {
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    if bytes.len() > LONG {
        hasher.update(&xxh3_128(bytes).to_le_bytes());
    } else {
        hasher.update(bytes);
    }
}

/// Hashes `value`: its kind, then what it holds.
pub(super) fn hash_value(value: &Value, hasher: &mut Gathered) {
    let kind = value.kind();
    hasher.update(&[kind as u8]);
    match kind {
        ValueKind::Undefined | ValueKind::None => {}
        ValueKind::Bool => hasher.update(&[u8::from(value.as_bool() == Some(true))]),
        ValueKind::U64 | ValueKind::I64 | ValueKind::U128 | ValueKind::I128 => {
            hasher.update(&value.as_i128().unwrap_or_default().to_le_bytes());
            hasher.update(&value.as_u128().unwrap_or_default().to_le_bytes());
        }
        ValueKind::F64 => hasher.update(&value.as_f64().unwrap_or_default().to_bits().to_le_bytes()),
        ValueKind::String => {
            hasher.update(&[u8::from(value.is_safe())]);
            hash_str(value.as_str().unwrap_or_default(), hasher);
        }
        ValueKind::Bytes => hash_bytes(value.as_bytes().unwrap_or_default(), hasher),
        ValueKind::Array => {
            let items = value.as_array().unwrap_or_default();
            hasher.update(&(items.len() as u64).to_le_bytes());
            for item in items {
                hash_value(item, hasher);
            }
        }
        ValueKind::Map => {
            let Some(map) = value.as_map() else { return };
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            hasher.update(&(entries.len() as u64).to_le_bytes());
            for (key, item) in entries {
                hash_value(&key.as_value(), hasher);
                hash_value(item, hasher);
            }
        }
        // A kind a later Tera adds: what a template would write of it.
        _ => hash_str(&value.to_string(), hasher),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashed(value: &Value) -> u128 {
        let mut hasher = Gathered::default();
        hash_value(value, &mut hasher);
        hasher.digest128()
    }

    fn json(text: &str) -> Value {
        let parsed: serde_json::Value = serde_json::from_str(text).expect("JSON");
        Value::from_serializable(&parsed)
    }

    #[test]
    fn equal_values_hash_alike_whatever_the_order_of_their_maps() {
        let one = json(r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "draft": false}"#);
        let other = json(r#"{"draft": false, "weight": 3, "tags": ["db", "queue"], "title": "Restart"}"#);
        assert_eq!(hashed(&one), hashed(&other));
    }

    #[test]
    fn any_difference_a_template_could_show_changes_the_hash() {
        let base = r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": false, "owner": null}"#;
        let variants = [
            r#"{"title": "Restart!", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": false, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["queue", "db"], "weight": 3, "ratio": 0.5, "draft": false, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["dbq", "ueue"], "weight": 3, "ratio": 0.5, "draft": false, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 4, "ratio": 0.5, "draft": false, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.25, "draft": false, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": true, "owner": null}"#,
            r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": false, "owner": ""}"#,
            r#"{"title": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": false}"#,
            r#"{"titles": "Restart", "tags": ["db", "queue"], "weight": 3, "ratio": 0.5, "draft": false, "owner": null}"#,
        ];
        let base = hashed(&json(base));
        for variant in variants {
            assert_ne!(hashed(&json(variant)), base, "{variant}");
        }
    }

    #[test]
    fn a_long_text_counts_by_every_byte_and_apart_from_a_short_one() {
        let long = "x".repeat(LONG + 1);
        let mut changed = long.clone();
        changed.replace_range(LONG / 2..LONG / 2 + 1, "y");
        assert_ne!(hashed(&Value::from(long.as_str())), hashed(&Value::from(changed.as_str())));
        assert_eq!(hashed(&Value::from(long.as_str())), hashed(&Value::from(long.clone().as_str())));
        // A short text made of a long one's gathered form does not hash like it.
        let mut gathered = Vec::new();
        gathered.extend_from_slice(&xxh3_128(long.as_bytes()).to_le_bytes());
        let forged = String::from_utf8_lossy(&gathered).into_owned();
        assert_ne!(hashed(&Value::from(long.as_str())), hashed(&Value::from(forged.as_str())));
    }

    #[test]
    fn a_string_marked_safe_hashes_apart_from_the_same_text_escaped() {
        let text = "<b>bold</b>";
        assert_ne!(hashed(&Value::from(text)), hashed(&Value::safe_string(text)));
        assert_eq!(hashed(&Value::safe_string(text)), hashed(&Value::safe_string(text)));
    }

    #[test]
    fn a_page_fingerprint_reads_every_value_of_the_page_and_its_place() {
        let mut context = Context::new();
        context.insert("page", &json(r#"{"content": "<p>One</p>"}"#));
        context.insert("nav_html", &Value::safe_string("<nav></nav>"));
        let base = page(1, "page.html", "a/index.html", Some("en"), &context);
        assert_eq!(base, page(1, "page.html", "a/index.html", Some("en"), &context.clone()));
        assert_ne!(base, page(2, "page.html", "a/index.html", Some("en"), &context), "another render");
        assert_ne!(base, page(1, "section.html", "a/index.html", Some("en"), &context), "another template");
        assert_ne!(base, page(1, "page.html", "b/index.html", Some("en"), &context), "another file");
        assert_ne!(base, page(1, "page.html", "a/index.html", Some("de"), &context), "another language");
        for name in PAGE_VALUES {
            let mut changed = context.clone();
            changed.insert(name, &Value::from("something else"));
            assert_ne!(base, page(1, "page.html", "a/index.html", Some("en"), &changed), "{name}");
        }
    }
}
