//! A handbook's strings files (`i18n/<lang>.toml`, Hugo's YAML and JSON forms, a
//! Docusaurus `code.json`), read through the one confinement and `crate::fs`.

use std::path::Path;

use super::{Words, built_in, every_english};
use crate::diagnostic::{Diagnostic, Rule, Severity};

/// The largest strings file read.
pub(super) const MAX_STRINGS_BYTES: u64 = 256 * 1024;

/// The words of `code`: the built-in ones, with those of the handbook's
/// `i18n/<code>.toml` over them. A file that is refused (a link out of the handbook,
/// not a regular file, too large) or unreadable, a key opsbook does not know or a value
/// that is not a string are warnings at the file; the rest of the file still counts.
pub(crate) fn words_for(root: &Path, code: &str, diagnostics: &mut Vec<Diagnostic>) -> Words {
    let mut words = built_in(code);
    if !crate::config::is_language_code(code) {
        return words;
    }
    // A Docusaurus site's translations of its theme's words, under the handbook's own.
    let shown = format!("i18n/{code}/code.json");
    let path = root.join("i18n").join(code).join("code.json");
    if std::fs::symlink_metadata(&path).is_ok()
        && let Some(text) = read_strings_file(root, &path, &shown, diagnostics)
    {
        apply_code_json(&mut words, &text, &shown, diagnostics);
    }
    // The handbook's own file: the first of `i18n/<code>.toml`, `.yaml`, `.yml` and
    // `.json`, the forms Hugo reads.
    let Some((shown, path)) = STRINGS_FORMATS.iter().find_map(|format| {
        let path = root.join("i18n").join(format!("{code}.{format}"));
        std::fs::symlink_metadata(&path).is_ok().then(|| (format!("i18n/{code}.{format}"), path))
    }) else {
        return words;
    };
    if let Some(text) = read_strings_file(root, &path, &shown, diagnostics) {
        if shown.ends_with(".toml") {
            apply(&mut words, &text, &shown, diagnostics);
        } else {
            apply_yaml(&mut words, &text, &shown, diagnostics);
        }
    }
    words
}

/// The formats of a strings file, in the order they are looked for.
pub(super) const STRINGS_FORMATS: [&str; 4] = ["toml", "yaml", "yml", "json"];

/// The text of a strings file, confined to the handbook and read through `crate::fs`.
pub(super) fn read_strings_file(
    root: &Path,
    path: &Path,
    shown: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let warn = |message: String| {
        Diagnostic::error(Rule::UnreadableFile, shown, 0, 0, message).with_severity(Severity::Warning)
    };
    let confined = match crate::content::confine::Confinement::new(root).map(|c| c.readable(path)) {
        Some(Ok(confined)) => confined,
        Some(Err(why)) => {
            diagnostics.push(
                Diagnostic::error(
                    Rule::SymlinkOutsideRoot,
                    shown,
                    0,
                    0,
                    format!("the strings file is not read: {why}"),
                )
                .with_severity(Severity::Warning),
            );
            return None;
        }
        None => return None,
    };
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_STRINGS_BYTES) {
        diagnostics
            .push(warn(format!("the strings file is larger than {} KiB: it is not read", MAX_STRINGS_BYTES / 1024)));
        return None;
    }
    match crate::fs::read_text(&confined, crate::fs::FileKind::Config) {
        Ok(text) => Some(text),
        Err(e) => {
            diagnostics.push(warn(format!("cannot read the strings file: {e:#}")));
            None
        }
    }
}

/// The words of Docusaurus's theme (the ids of its `code.json`,
/// <https://docusaurus.io/docs/i18n/tutorial#translate-your-react-code>) that say what a
/// word of opsbook's theme says, with the key of that word.
pub(super) const CODE_JSON_WORDS: &[(&str, &str)] = &[
    ("theme.common.skipToMainContent", "skip_to_content"),
    ("theme.docs.paginator.navAriaLabel", "previous_and_next"),
    ("theme.docs.paginator.previous", "previous"),
    ("theme.docs.paginator.next", "next"),
    ("theme.TOCCollapsible.toggleButtonLabel", "on_this_page"),
    ("theme.common.editThisPage", "edit_this_page"),
    ("theme.docs.breadcrumbs.navAriaLabel", "breadcrumb"),
    ("theme.tags.tagsPageTitle", "tags"),
    ("theme.tags.tagsListLabel", "tags_label"),
    ("theme.BackToTopButton.buttonAriaLabel", "back_to_top"),
    ("theme.blog.paginator.navAriaLabel", "pages_of_posts"),
    ("theme.blog.paginator.newerEntries", "newer_posts"),
    ("theme.blog.paginator.olderEntries", "older_posts"),
    ("theme.docs.sidebar.closeSidebarButtonAriaLabel", "ui_close_menu"),
    ("theme.CodeBlock.copy", "ui_copy"),
    ("theme.CodeBlock.copied", "ui_copied"),
    ("theme.admonition.note", "md_note"),
    ("theme.admonition.tip", "md_tip"),
    ("theme.admonition.info", "md_info"),
    ("theme.admonition.warning", "md_warning"),
    ("theme.admonition.danger", "md_danger"),
    ("theme.admonition.caution", "md_caution"),
];

/// Sets the words of a Docusaurus `code.json` (`text`, file `shown`) that opsbook's theme
/// has ([`CODE_JSON_WORDS`]) in `words`: each id's `message` (or the id's string). The
/// file holds Docusaurus's other words too, which are no error; a file that is no JSON
/// object is a warning at it.
pub(super) fn apply_code_json(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let table: serde_json::Map<String, serde_json::Value> = match serde_json::from_str(text) {
        Ok(table) => table,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, e.line(), e.column(), format!("{shown}: {e}"))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    for (id, key) in CODE_JSON_WORDS {
        let message = match table.get(*id) {
            Some(serde_json::Value::Object(entry)) => entry.get("message").and_then(serde_json::Value::as_str),
            Some(serde_json::Value::String(message)) => Some(message.as_str()),
            _ => None,
        };
        if let Some(message) = message.filter(|m| !m.trim().is_empty()) {
            words.insert(key, message.to_string());
        }
    }
}

/// One word of a strings file: its key, its value when it is a string, where it is.
pub(super) struct Written {
    key: String,
    word: Option<String>,
    line: usize,
    column: usize,
}

/// Sets the words of the TOML `text` of file `shown` in `words`.
pub(super) fn apply(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let table = match text.parse::<toml::Table>() {
        Ok(table) => table,
        Err(e) => {
            let (line, column) = e.span().map_or((0, 0), |span| crate::diagnostic::line_column(text, span.start));
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, line, column, format!("{shown}: {}", e.message().trim()))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    let written = table.into_iter().map(|(key, value)| {
        let (line, column) = crate::config::locate_key(text, &key);
        let value = match value {
            toml::Value::Table(mut plural) => plural.remove("other").unwrap_or(toml::Value::Table(plural)),
            value => value,
        };
        let word = match value {
            toml::Value::String(word) => Some(word),
            _ => None,
        };
        Written { key, word, line, column }
    });
    set_words(words, written.collect(), shown, diagnostics);
}

/// Sets the words of the YAML or JSON `text` of file `shown` in `words`, in the forms
/// Hugo reads (<https://gohugo.io/content-management/multilingual/#translation-of-strings>):
/// a mapping of keys to words or to `other: word`, or go-i18n's list of `id` and
/// `translation`.
pub(super) fn apply_yaml(words: &mut Words, text: &str, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    use crate::content::node::{Located, Node};
    let documents = match crate::content::front_matter::parse_yaml_documents(text) {
        Ok(documents) => documents,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Rule::ConfigSyntax, shown, e.line, e.column, format!("{shown}: {}", e.message))
                    .with_severity(Severity::Warning),
            );
            return;
        }
    };
    let word_of = |value: &Node| match value {
        Node::Text(word) => Some(word.clone()),
        Node::Map(keys) => keys.iter().find(|(key, _)| key.value == "other").and_then(|(_, v)| match &v.value {
            Node::Text(word) => Some(word.clone()),
            _ => None,
        }),
        _ => None,
    };
    let mut written = Vec::new();
    match documents.into_iter().next() {
        Some(Node::Map(keys)) => {
            for (key, value) in &keys {
                let word = word_of(&value.value);
                written.push(Written { key: key.value.clone(), word, line: key.line, column: key.column });
            }
        }
        Some(Node::List(items)) => {
            for item in &items {
                let Located { value: Node::Map(keys), line, column } = item else { continue };
                let field = |name: &str| keys.iter().find(|(key, _)| key.value == name).map(|(_, v)| &v.value);
                let Some(Node::Text(id)) = field("id") else { continue };
                let word = field("translation").and_then(word_of);
                written.push(Written { key: id.clone(), word, line: *line, column: *column });
            }
        }
        _ => {}
    }
    set_words(words, written, shown, diagnostics);
}

/// Sets the `written` words of file `shown` that are opsbook's in `words`: a value that
/// is not a string is a warning at it; keys that are none of opsbook's are one note.
pub(super) fn set_words(words: &mut Words, written: Vec<Written>, shown: &str, diagnostics: &mut Vec<Diagnostic>) {
    let mut unknown: Vec<&Written> = Vec::new();
    for entry in &written {
        let Some(&(known, _)) = every_english().find(|(k, _)| *k == entry.key) else {
            unknown.push(entry);
            continue;
        };
        match &entry.word {
            Some(word) => drop(words.insert(known, word.clone())),
            None => diagnostics.push(
                Diagnostic::error(
                    Rule::ConfigField,
                    shown,
                    entry.line,
                    entry.column,
                    format!("`{}` must be a string", entry.key),
                )
                .with_severity(Severity::Warning),
            ),
        }
    }
    if let Some(first) = unknown.first() {
        let named: Vec<String> = unknown.iter().take(3).map(|w| format!("`{}`", w.key)).collect();
        let more = if unknown.len() > 3 { format!(" and {} more", unknown.len() - 3) } else { String::new() };
        let mut d = Diagnostic::error(
            Rule::ConfigField,
            shown,
            first.line,
            first.column,
            format!(
                "{}{more} {} no word of opsbook's theme: left out",
                named.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_severity(Severity::Note);
        if let Some(near) = crate::suggest::closest(&first.key, every_english().map(|(k, _)| *k)) {
            d = d.with_help(format!("did you mean `{near}`?"));
        }
        diagnostics.push(d);
    }
}
