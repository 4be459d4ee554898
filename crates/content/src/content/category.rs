//! Docusaurus category files: `_category_.json`, `_category_.yml` or `_category_.yaml`
//! in a folder name its section (`label`), order it among its siblings (`position`)
//! and may give its page a URL of its own (`link: {type: generated-index, slug}`).
//! Other keys are ignored. A file that cannot be read as one is a warning at the file
//! and changes nothing; category files are never published.

use serde_json::Value;

use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The names of category files, in the order one is preferred when a folder has two.
pub const CATEGORY_FILES: [&str; 3] = ["_category_.json", "_category_.yml", "_category_.yaml"];

/// What a folder's category file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Category {
    /// The folder, relative to `content/`.
    pub dir: String,
    /// The section's navigation title.
    pub label: Option<String>,
    /// The section's place among its siblings (lower first).
    pub position: Option<f64>,
    /// `link: {type: generated-index}`: the section's page has a URL of its own,
    /// `slug` when the link gives one (as written), else one the old tool makes.
    pub generated_index: Option<IndexLink>,
}

/// A category's `link` to a page generated for it, where the file says it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexLink {
    /// The link's `slug`, as written.
    pub slug: Option<String>,
    /// The link's `title` (the page's title; the category's label when none).
    pub title: Option<String>,
    /// The link's `description`, shown at the top of the page.
    pub description: Option<String>,
    /// The file (as shown), line and column of the link, for diagnostics.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Whether a file name is a category file.
pub fn is_category_file(name: &str) -> bool {
    CATEGORY_FILES.contains(&name)
}

/// Reads the category file `rel` (relative to `content/`); problems become warnings.
pub fn read_category(
    path: Option<crate::fs::Confined>,
    rel: &str,
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Category {
    let dir = rel.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let mut category = Category { dir, ..Category::default() };
    let warn = |line: usize, column: usize, message: String| {
        Diagnostic::error(Rule::FrontMatterSyntax, shown, line, column, message)
            .with_severity(Severity::Warning)
            .with_help("a category file holds `label` (text) and `position` (a number); it is ignored until fixed")
    };
    let Some(path) = path else { return category };
    let text = match crate::fs::read_text(&path, crate::fs::FileKind::Config) {
        Ok(text) => text,
        Err(e) => {
            diagnostics.push(warn(0, 0, format!("cannot read the category file: {e}")));
            return category;
        }
    };
    let parsed: Result<Value, (usize, usize, String)> = if rel.ends_with(".json") {
        serde_json::from_str(&text).map_err(|e| (e.line(), e.column(), e.to_string()))
    } else {
        serde_saphyr::from_str(&text).map_err(|e| (1, 1, e.to_string()))
    };
    let root = match parsed {
        Ok(Value::Object(map)) => map,
        Ok(Value::Null) => return category,
        Ok(_) => {
            diagnostics.push(warn(1, 1, "a category file must be a mapping of keys to values".into()));
            return category;
        }
        Err((line, column, message)) => {
            diagnostics.push(warn(line, column, format!("the category file is not valid: {message}")));
            return category;
        }
    };
    let line_of = |key: &str| text.lines().position(|l| l.contains(key)).map_or(1, |i| i + 1);
    match root.get("label") {
        None => {}
        Some(Value::String(label)) if !label.trim().is_empty() => category.label = Some(label.trim().to_string()),
        Some(other) => diagnostics.push(warn(line_of("label"), 1, format!("`label` must be text, found {other}"))),
    }
    match root.get("position") {
        None => {}
        Some(Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => category.position = n.as_f64(),
        Some(other) => {
            diagnostics.push(warn(line_of("position"), 1, format!("`position` must be a number, found {other}")))
        }
    }
    match root.get("link") {
        None | Some(Value::Null) => {}
        Some(Value::Object(link)) => match (link.get("type"), link.get("slug")) {
            (Some(Value::String(kind)), slug) if kind == "generated-index" => {
                let slug = match slug {
                    Some(Value::String(slug)) => Some(slug.trim().to_string()),
                    None | Some(Value::Null) => None,
                    Some(other) => {
                        diagnostics.push(warn(line_of("slug"), 1, format!("`slug` must be text, found {other}")));
                        None
                    }
                };
                let line = line_of("link");
                category.generated_index =
                    Some(IndexLink { slug, file: shown.to_string(), line, column: 1, ..IndexLink::default() });
            }
            _ => {}
        },
        Some(other) => diagnostics.push(warn(line_of("link"), 1, format!("`link` must be a mapping, found {other}"))),
    }
    category
}
