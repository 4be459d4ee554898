//! Whether a Hugo site's shortcode template may write ids into a page: an `id=` or
//! `name=` attribute (a value written or templated), a Markdown heading (which Hugo
//! gives an id), or what opsbook does not follow (a partial or template it calls,
//! another page's content, a file it reads). The link check calls a link to an id a page
//! lacks a note where a placeholder on that page may have made it, a warning where none
//! could. A template is read through the handbook's confinement, a regular file of at
//! most [`MAX_SCANNED`] bytes, at most [`MAX_SCANNED_TOTAL`] bytes for the whole site;
//! one not read may write ids.

use std::io::Read as _;
use std::path::Path;

use crate::fs::FileKind;
use crate::fs::confine::Confinement;

/// The longest template read for ids, in bytes; a longer one may write ids.
pub(crate) const MAX_SCANNED: u64 = 256 << 10;
/// The most bytes of templates read for ids in one site; past it, the rest may write ids.
pub(crate) const MAX_SCANNED_TOTAL: u64 = 16 << 20;

/// Whether the template at `path` may write ids, read within `confinement`; `budget` is
/// what is left of [`MAX_SCANNED_TOTAL`].
pub(crate) fn template_writes_ids(confinement: &Confinement, path: &Path, budget: &mut u64) -> bool {
    let Ok(confined) = confinement.readable(path) else { return true };
    let Ok((file, len)) = crate::fs::open_regular(&confined, FileKind::Template) else { return true };
    if len > MAX_SCANNED || len > *budget {
        return true;
    }
    let mut bytes = Vec::with_capacity(len as usize);
    if file.take(MAX_SCANNED.min(*budget) + 1).read_to_end(&mut bytes).is_err() {
        return true;
    }
    *budget = budget.saturating_sub(bytes.len() as u64);
    bytes.len() as u64 > MAX_SCANNED || writes_ids(&String::from_utf8_lossy(&bytes))
}

/// Whether the text of a shortcode template may write ids.
pub(crate) fn writes_ids(template: &str) -> bool {
    attribute(template, "id") || attribute(template, "name") || heading(template) || unfollowed(template)
}

/// Whether `text` writes the attribute `name=`: the name after a character that ends no
/// other name (`data-id=` and `$id =` are not it), spaces allowed before the `=`.
fn attribute(text: &str, name: &str) -> bool {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    lower.match_indices(name).any(|(at, _)| {
        let before = at.checked_sub(1).map(|b| bytes[b]);
        let part_of_name = before.is_some_and(|b| b.is_ascii_alphanumeric() || b"_-$.:".contains(&b));
        !part_of_name && lower[at + name.len()..].trim_start_matches([' ', '\t']).starts_with('=')
    })
}

/// Whether a line of `text` is a Markdown heading (`## Title`), which Hugo's Markdown
/// gives an id where the shortcode's output is Markdown (a `.md` template, `{{% %}}`).
fn heading(text: &str) -> bool {
    text.lines().any(|line| {
        let marks = line.trim_start().trim_start_matches('#');
        let level = line.trim_start().len() - marks.len();
        (1..=6).contains(&level) && (marks.is_empty() || marks.starts_with([' ', '\t']))
    })
}

/// Whether the template writes what opsbook does not follow: a partial or a template it
/// calls, another page's content, a file or a resource it reads (Go templates' names
/// are case-sensitive).
fn unfollowed(text: &str) -> bool {
    ["partial", "template ", ".Content", "readFile", "resources.Get"].iter().any(|word| text.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Templates that may write ids, and those that write none; the first of each as the
    /// Flux website's `layouts/shortcodes/home/calendar_dark.html` and `note.html` are
    /// written (fluxcd/website at 6da0f383c3348b92f94ae5a90c4d2b59ec0144e8).
    #[test]
    fn tells_a_template_that_may_write_ids() {
        let writing = [
            "<div>\n<h3 id=\"calendar\">Our Team Calendar</h3>\n</div>\n",
            "<h3 id=\"{{ $title | urlize }}\">{{ $title }}</h3>",
            "<section ID = '{{ .Get 0 }}'>",
            "<a name=\"top\"></a>",
            "{{ printf \"<span id=%q>\" $x }}",
            "## {{ .Get \"title\" }}\n",
            "#\n",
            "{{ partial \"heading.html\" . }}",
            "{{ partialCached \"x\" . }}",
            "{{ template \"_internal/x.html\" . }}",
            "{{ with site.GetPage \"a\" }}{{ .Content }}{{ end }}",
            "{{ readFile \"snippets/a.md\" | markdownify }}",
        ];
        for text in writing {
            assert!(writes_ids(text), "{text}");
        }
        let silent = [
            "<div class=\"alert alert-primary\" role=\"alert\">\n{{ .Inner | markdownify }}\n</div>\n",
            "<div data-id=\"x\" data-name=\"y\">{{ $id := .Get 0 }}{{ $name = 1 }}</div>",
            "<style>\n  #{{ $blockID }} {\n  color: red;\n}\n</style>",
            "<iframe src=\"https://www.youtube.com/embed/{{ .Get 0 }}\"></iframe>",
            "#hashtag and a line with ####### seven marks\n",
            "",
        ];
        for text in silent {
            assert!(!writes_ids(text), "{text}");
        }
    }
}
