//! The to-do list of a migration: the constructs of other tools a check still shows as
//! placeholders (`unsupported-syntax` warnings), by name, with how often each is used,
//! most used first. `opsbook check` prints it after its summary line, so a team sees
//! which shortcode, tag or component to give a template of its own first
//! (`templates/shortcodes/`, [`crate::markdown::templating`]).

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Rule, thousands};

/// The most names listed; the rest are counted on one line.
const MAX_NAMES: usize = 30;

/// The most characters of a construct named by its source as written.
const MAX_NAME: usize = 40;

/// The name of the construct a placeholder warning is about, as a construct of its
/// syntax: `{{< member-by-name >}}`, `{% slack_channel %}`, `{{ site.* }}`,
/// `<YouTube>`; `None` for a warning about no placeholder. A shortcode is one row
/// whichever delimiters it was called with (`{{< x >}}`, `{{% x %}}` or named alone in
/// the warning), as one template serves them all; a name is never cut without `…`.
pub(crate) fn construct_name(message: &str) -> Option<String> {
    let source = crate::markdown::rewrite::placeholder_source(message)?.trim();
    let word = |text: &str| -> String {
        let text = text.trim_start_matches(['-', ' ']).trim_start_matches('/').trim_start();
        text.chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')).collect()
    };
    if let Some(rest) = source.strip_prefix("{{<").or_else(|| source.strip_prefix("{{%")) {
        return Some(format!("{{{{< {} >}}}}", word(rest)));
    }
    if message.starts_with("the shortcode `") && !source.contains(['{', '<', ' ']) {
        return Some(format!("{{{{< {} >}}}}", word(source)));
    }
    if let Some(rest) = source.strip_prefix("{%") {
        return Some(format!("{{% {} %}}", word(rest)));
    }
    if let Some(rest) = source.strip_prefix("{{") {
        let name = word(rest);
        let name = match name.split_once('.') {
            Some((root, _)) => format!("{root}.*"),
            None if name.is_empty() => "…".to_string(),
            None => name,
        };
        return Some(format!("{{{{ {name} }}}}"));
    }
    if let Some(rest) = source.strip_prefix('<') {
        return Some(format!("<{}>", word(rest)));
    }
    Some(shortened(source))
}

/// `text` up to [`MAX_NAME`] characters, the cut marked with `…`.
fn shortened(text: &str) -> String {
    if text.chars().count() <= MAX_NAME {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_NAME - 1).collect();
    cut.push('…');
    cut
}

/// The constructs shown as placeholders in `diagnostics`, by name, most used first (then
/// by name).
pub(crate) fn placeholders(diagnostics: &[Diagnostic]) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.rule == Rule::UnsupportedSyntax) {
        if let Some(name) = construct_name(&d.message) {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// The list for people, one construct a line, or nothing when there is none.
pub(crate) fn placeholder_table(diagnostics: &[Diagnostic]) -> String {
    let list = placeholders(diagnostics);
    if list.is_empty() {
        return String::new();
    }
    let width = list.first().map_or(1, |(_, n)| thousands(*n).len());
    let mut out = String::from(
        "shown as placeholders, most used first (give each a template in templates/shortcodes/, or rewrite it):\n",
    );
    for (name, count) in list.iter().take(MAX_NAMES) {
        out.push_str(&format!("  {:>width$}  {name}\n", thousands(*count)));
    }
    if list.len() > MAX_NAMES {
        let rest: usize = list[MAX_NAMES..].iter().map(|(_, n)| n).sum();
        let names = list.len() - MAX_NAMES;
        out.push_str(&format!("  … {names} more constructs, {rest} uses\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_construct_by_its_syntax() {
        let cases = [
            (
                "the shortcode `{{< member-by-name \"Ada\" >}}` is not supported by opsbook; it is shown as a placeholder",
                "{{< member-by-name >}}",
            ),
            ("the shortcode `{{% /card %}}` ... it is shown as a placeholder", "{{< card >}}"),
            (
                "the shortcode `docs/plugins_gallery_item` runs the site's own template `layouts/shortcodes/docs/\
                 plugins_gallery_item.html` in Hugo, which opsbook does not run (it is a Go template); it is shown \
                 as a placeholder, which a template `templates/shortcodes/docs/plugins_gallery_item.html` would replace",
                "{{< docs/plugins_gallery_item >}}",
            ),
            (
                "`[[ a construct of a tool opsbook does not know by its syntax ]]` is not supported by opsbook; it \
                 is shown as a placeholder",
                "[[ a construct of a tool opsbook does n…",
            ),
            ("`[[ short ]]` is not supported by opsbook; it is shown as a placeholder", "[[ short ]]"),
            (
                "`{%- slack_channel \"x\" %}` is not supported by opsbook; it is shown as a placeholder",
                "{% slack_channel %}",
            ),
            ("`{{ site.baseurl }}` is not supported by opsbook; it is shown as a placeholder", "{{ site.* }}"),
            ("`{{ generator }}` is not supported by opsbook; it is shown as a placeholder", "{{ generator }}"),
            (
                "the component `<YouTube url=\"x\" />` is not supported by opsbook; it is shown as a placeholder",
                "<YouTube>",
            ),
        ];
        for (message, name) in cases {
            assert_eq!(construct_name(message).as_deref(), Some(name), "{message}");
        }
        assert_eq!(construct_name("this `{{< /x >}}` closes no open shortcode; it is left out"), None);
    }

    #[test]
    fn lists_the_most_used_first() {
        let warning = |source: &str| {
            let message = format!("`{source}` is not supported by opsbook; it is shown as a placeholder");
            Diagnostic::error(Rule::UnsupportedSyntax, "content/a.md", 1, 1, message)
        };
        let diagnostics = vec![warning("{% if x %}"), warning("{{< kpi >}}"), warning("{{< kpi a >}}")];
        assert_eq!(placeholders(&diagnostics), [("{{< kpi >}}".to_string(), 2), ("{% if %}".to_string(), 1)]);
        let table = placeholder_table(&diagnostics);
        assert!(table.contains("  2  {{< kpi >}}\n  1  {% if %}\n"), "{table}");
    }
}
