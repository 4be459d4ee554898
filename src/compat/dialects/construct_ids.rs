//! The ids a construct of another tool gave its output, which its placeholder keeps
//! (`unsupported_html`): a link to `#x` still leads to where the construct stands.

/// The ids a construct of another tool gives its output: its `id` argument or
/// attribute (`id="x"`, `id='x'`, `id=x`) and `{#x}`, in order, each once. A value
/// that is itself a template (`id="{{ .Get 0 }}"`) or holds a space is no id.
pub(super) fn construct_ids(syntax: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let bytes = syntax.as_bytes();
    for (at, _) in syntax.match_indices("id=") {
        if at > 0 && !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        let rest = &syntax[at + 3..];
        let value = match rest.chars().next() {
            Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().filter(|_| rest[1..].contains(quote)),
            _ => rest.split(|c: char| c.is_whitespace() || matches!(c, '>' | '}' | '/' | '%')).next(),
        };
        ids.extend(value.map(str::to_string));
    }
    for (at, _) in syntax.match_indices("{#") {
        // `{{#name}}` is an mdBook directive or a Handlebars block, not an id.
        if at > 0 && bytes[at - 1] == b'{' {
            continue;
        }
        let rest = &syntax[at + 2..];
        ids.extend(rest.split_once('}').map(|(id, _)| id.to_string()));
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| {
        !id.is_empty() && !id.contains(|c: char| c.is_whitespace() || "{}<>\"'%".contains(c)) && seen.insert(id.clone())
    });
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_ids_a_construct_gives() {
        let cases: [(&str, &[&str]); 7] = [
            ("{{< tab name=\"Linux\" id=\"linux\" >}}", &["linux"]),
            ("<Tabs groupId=\"os\" id='tabs'>", &["tabs"]),
            ("{% include anchor.html id=setup %}", &["setup"]),
            ("{{% heading %}}Steps{{% /heading %}} {#steps} id=\"steps\"", &["steps"]),
            ("{{< x uid=\"u\" data-id=\"d\" >}}", &[]),
            ("{{#installer_table}}", &[]),
            ("{{< x id=\"{{ .Get 0 }}\" id=\"two words\" id=\"open >}}", &[]),
        ];
        for (syntax, expected) in cases {
            assert_eq!(construct_ids(syntax), expected, "{syntax}");
        }
    }
}
