//! The URLs of a Middleman site, read from its `config.rb` as Middleman reads them
//! (middleman/middleman `middleman-core/lib/middleman-core/extensions/
//! directory_indexes.rb`, `util/paths.rb`'s `path_match`, `config_context.rb`'s `page`).
//!
//! More: docs/architecture.md, "Notes by module".

use crate::diagnostic::{Diagnostic, Rule, Severity};

/// What `config.rb` says of URLs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MiddlemanSite {
    /// `activate :directory_indexes`.
    pub directory_indexes: bool,
    /// `set :index_file, "NAME"`: the file a folder's URL serves (`index.html`).
    pub index_file: String,
    /// The `page` patterns with `directory_index: false`, as written (`/google*.html`),
    /// at most [`MAX_PATTERNS`].
    pub no_index: Vec<String>,
}

impl Default for MiddlemanSite {
    fn default() -> Self {
        MiddlemanSite { directory_indexes: false, index_file: "index.html".to_string(), no_index: Vec::new() }
    }
}

/// The `page` patterns read: every page is matched against each, so a `config.rb` of
/// many thousands cannot make the build quadratic. Sites write a handful.
pub(crate) const MAX_PATTERNS: usize = 1_000;

/// The extensions of the outputs `directory_indexes` moves into a folder.
const INDEXED: [&str; 4] = [".htm", ".html", ".php", ".xhtml"];

impl MiddlemanSite {
    /// Reads the text of `config.rb` (named `file` in notes).
    pub(crate) fn parse(text: &str, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let mut site = MiddlemanSite::default();
        // Whether the patterns past the first [`MAX_PATTERNS`] were noted (once).
        let mut capped = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split_once(" #").map_or(raw, |(code, _)| code).trim();
            if line.starts_with('#') {
                continue;
            }
            if let Some(rest) = line.strip_prefix("activate") {
                let name = rest.trim_start().trim_start_matches(['(', ':']);
                if name.split(|c: char| !(c.is_alphanumeric() || c == '_')).next() == Some("directory_indexes") {
                    site.directory_indexes = true;
                }
            } else if let Some(value) = index_file(line) {
                site.index_file = value;
            } else if let Some(rest) = line.strip_prefix("page").filter(|r| r.starts_with([' ', '('])) {
                let rest = rest.trim_start_matches([' ', '(']);
                if !no_directory_index(rest) {
                    continue;
                }
                let problem = match ruby_string(rest) {
                    None => "a `page` pattern that is no quoted path is not read",
                    Some(_) if site.no_index.len() == MAX_PATTERNS => {
                        if std::mem::replace(&mut capped, true) {
                            continue;
                        }
                        "only the first 1,000 `page` patterns are read, and this one is not"
                    }
                    Some(pattern) => {
                        site.no_index.push(format!("/{}", pattern.trim_start_matches('/')));
                        continue;
                    }
                };
                diagnostics.push(
                    Diagnostic::error(
                        Rule::ConfigSyntax,
                        file,
                        i + 1,
                        raw.len() - raw.trim_start().len() + 1,
                        format!("{problem}: the pages it names get directory indexes"),
                    )
                    .with_severity(Severity::Note)
                    .with_help("give those pages `directory_index: false` in their front matter"),
                );
            }
        }
        site
    }

    /// The URL tail of a page whose output is `output` (`foo.html`, its folder's path
    /// left out): `Some("foo/")` when directory indexes move it into a folder (or
    /// `foo/NAME` for another `index_file`), `None` when it stays. `resource` is the
    /// page's path from the site's root (`/guides/foo.html`), as `page` patterns match
    /// it; `front` its front matter's `directory_index`.
    pub(crate) fn indexed_tail(&self, output: &str, resource: &str, front: Option<bool>) -> Option<String> {
        if !self.directory_indexes || front == Some(false) || output == self.index_file {
            return None;
        }
        let stem = INDEXED.iter().find_map(|ext| {
            let cut = output.len().checked_sub(ext.len())?;
            (output.is_char_boundary(cut) && output[cut..].eq_ignore_ascii_case(ext) && cut > 0).then(|| &output[..cut])
        })?;
        if self.no_index.iter().any(|pattern| path_match(pattern, resource)) {
            return None;
        }
        Some(if self.index_file == "index.html" { format!("{stem}/") } else { format!("{stem}/{}", self.index_file) })
    }
}

/// `set :index_file, "NAME"` (or `config[:index_file] = "NAME"`): the name.
fn index_file(line: &str) -> Option<String> {
    let rest = line
        .strip_prefix("set")
        .map(|r| r.trim_start_matches([' ', '(']))
        .and_then(|r| r.strip_prefix(":index_file"))
        .map(|r| r.trim_start().trim_start_matches(',').trim_start())
        .or_else(|| {
            let r = line.strip_prefix("config[:index_file]")?.trim_start();
            Some(r.strip_prefix('=')?.trim_start())
        })?;
    ruby_string(rest).filter(|name| !name.is_empty() && !name.contains('/'))
}

/// Whether the options after a `page` pattern say `directory_index: false` (also
/// written `:directory_index => false`).
fn no_directory_index(options: &str) -> bool {
    let compact: String = options.chars().filter(|c| !c.is_whitespace()).collect();
    compact.contains("directory_index:false") || compact.contains(":directory_index=>false")
}

/// The Ruby string literal at the start of `text` (`"…"` or `'…'`), without escapes.
fn ruby_string(text: &str) -> Option<String> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &text[1..];
    let end = body.find(quote)?;
    Some(body[..end].to_string())
}

/// Middleman's `path_match` for a string: equal, or `File.fnmatch` without flags when
/// it has a `*` (any run of characters, `/` included) or a `?` (one character).
fn path_match(pattern: &str, path: &str) -> bool {
    if !pattern.contains(['*', '?']) {
        return pattern == path;
    }
    crate::compat::fnmatch::fnmatch(pattern, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(text: &str) -> (MiddlemanSite, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        (MiddlemanSite::parse(text, "config.rb", &mut diagnostics), diagnostics)
    }

    #[test]
    fn reads_directory_indexes_and_page_patterns() {
        let (s, d) = site(
            "require 'govuk_tech_docs'\n# activate :livereload\nactivate :directory_indexes\n\
             page '/google*.html', directory_index: false\npage \"/404.html\", :directory_index => false\n",
        );
        assert!(s.directory_indexes);
        assert_eq!(s.no_index, ["/google*.html", "/404.html"]);
        assert!(d.is_empty());
    }

    #[test]
    fn a_commented_activation_is_not_read() {
        assert!(!site("# activate :directory_indexes\n").0.directory_indexes);
        assert!(!site("activate :relative_assets\n").0.directory_indexes);
    }

    #[test]
    fn a_regex_pattern_is_a_note_at_its_line() {
        let (s, d) = site("activate :directory_indexes\n  page /regex_.*/, directory_index: false\n");
        assert!(s.no_index.is_empty());
        assert_eq!((d.len(), d[0].line, d[0].column), (1, 2, 3));
        let many: String = (0..MAX_PATTERNS + 5).map(|i| format!("page '/p{i}*', directory_index: false\n")).collect();
        let (s, d) = site(&many);
        assert_eq!((s.no_index.len(), d.len(), d[0].line), (MAX_PATTERNS, 1, MAX_PATTERNS + 1));
    }

    #[test]
    fn patterns_match_as_ruby_s_fnmatch_without_flags() {
        for (pattern, path, matches) in [
            ("/google*.html", "/google1a2b.html", true),
            ("/wildcard*", "/wildcard_leave_me_alone.html", true),
            ("/wildcard*", "/a/wildcard.html", false),
            ("/*.html", "/a/b.html", true),
            ("/a?c.html", "/abc.html", true),
            ("/a?c.html", "/ac.html", false),
            ("/404*.html", "/404.html", true),
            ("/leave_me_alone.html", "/leave_me_alone.html", true),
            ("/leave_me_alone.html", "/leave_me_alone.htm", false),
        ] {
            assert_eq!(path_match(pattern, path), matches, "{pattern} {path}");
        }
    }

    #[test]
    fn reads_index_file() {
        assert_eq!(site("set :index_file, \"default.html\"\n").0.index_file, "default.html");
        assert_eq!(site("config[:index_file] = 'home.htm'\n").0.index_file, "home.htm");
    }

    #[test]
    fn indexed_tails() {
        let (s, _) = site("activate :directory_indexes\npage '/google*.html', directory_index: false\n");
        assert_eq!(s.indexed_tail("GPG.html", "/guides/GPG.html", None).as_deref(), Some("GPG/"));
        assert_eq!(s.indexed_tail("GPG.html", "/guides/GPG.html", Some(false)), None);
        assert_eq!(s.indexed_tail("google1a2b.html", "/google1a2b.html", None), None);
        assert_eq!(s.indexed_tail("index.html", "/index.html", None), None);
        assert_eq!(s.indexed_tail("feed.xml", "/feed.xml", None), None);
        let off = MiddlemanSite::default();
        assert_eq!(off.indexed_tail("GPG.html", "/guides/GPG.html", None), None);
        let other = site("activate :directory_indexes\nset :index_file, 'default.html'\n").0;
        assert_eq!(other.indexed_tail("a.html", "/a.html", None).as_deref(), Some("a/default.html"));
    }
}
