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
    /// `set :markdown_engine, :redcarpet` (Middleman's own default is kramdown).
    pub redcarpet: bool,
    /// `set :markdown, autolink: true` (or `:autolink => true`): Redcarpet links bare
    /// addresses (`ext/redcarpet/autolink.c`, which cmark-gfm's rules came from).
    pub autolink: bool,
    /// The `page` patterns with `directory_index: false` (`"/google*.html"`,
    /// `/regex_.*/`), at most [`MAX_PATTERNS`].
    pub no_index: Vec<PagePattern>,
}

/// A `page` pattern: a path, or a glob when it has a `*` (a Ruby string), or a Ruby
/// regular expression, which matches a page's path anywhere (`=~`).
#[derive(Debug, Clone)]
pub(crate) enum PagePattern {
    Path(String),
    Regex(regex::Regex),
}

impl PartialEq for PagePattern {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PagePattern::Path(a), PagePattern::Path(b)) => a == b,
            (PagePattern::Regex(a), PagePattern::Regex(b)) => a.as_str() == b.as_str(),
            _ => false,
        }
    }
}

impl PagePattern {
    /// Middleman's `path_match`: a string is the path, or `File.fnmatch` without flags
    /// when it has a `*` or `?` (any run of characters, `/` included; one character);
    /// a regular expression matches anywhere in the path.
    fn matches(&self, path: &str) -> bool {
        match self {
            PagePattern::Path(pattern) if !pattern.contains(['*', '?']) => pattern == path,
            PagePattern::Path(pattern) => crate::compat::fnmatch::fnmatch(pattern, path),
            PagePattern::Regex(regex) => regex.is_match(path),
        }
    }
}

impl Default for MiddlemanSite {
    fn default() -> Self {
        MiddlemanSite {
            directory_indexes: false,
            index_file: "index.html".to_string(),
            redcarpet: false,
            autolink: false,
            no_index: Vec::new(),
        }
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
            site.redcarpet |= line.contains(":markdown_engine") && line.contains(":redcarpet");
            let squeezed: String = line.split_whitespace().collect();
            site.autolink |= squeezed.contains("autolink:true") || squeezed.contains(":autolink=>true");
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
                let pattern = match ruby_string(rest) {
                    Some(path) => Ok(PagePattern::Path(format!("/{}", path.trim_start_matches('/')))),
                    None => ruby_regex(rest).ok_or("a `page` pattern that is no quoted path is not read").and_then(
                        |regex| {
                            regex
                                .map(PagePattern::Regex)
                                .map_err(|()| "a `page` regular expression opsbook cannot read")
                        },
                    ),
                };
                let problem = match pattern {
                    Err(problem) => problem,
                    Ok(_) if site.no_index.len() == MAX_PATTERNS => {
                        if std::mem::replace(&mut capped, true) {
                            continue;
                        }
                        "only the first 1,000 `page` patterns are read, and this one is not"
                    }
                    Ok(pattern) => {
                        site.no_index.push(pattern);
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
        if self.no_index.iter().any(|pattern| pattern.matches(resource)) {
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

/// The Ruby regular expression literal at the start of `text` (`/…/` with its flags
/// `i`, `m`, `x`), if one starts there: `Err` when the `regex` crate cannot read it
/// (a backreference, a look-around) or it is larger than a page pattern needs. Ruby's
/// `m` is `s` there (`.` takes a line break); `^` and `$` are Ruby's line anchors.
fn ruby_regex(text: &str) -> Option<Result<regex::Regex, ()>> {
    let body = text.strip_prefix('/')?;
    let mut escaped = false;
    let end = body.char_indices().find_map(|(i, c)| {
        let found = c == '/' && !escaped;
        escaped = c == '\\' && !escaped;
        found.then_some(i)
    })?;
    let flags: String = body[end + 1..].chars().take_while(char::is_ascii_alphabetic).collect();
    let mut builder = regex::RegexBuilder::new(&body[..end]);
    builder.multi_line(true).size_limit(1 << 20).nest_limit(64);
    for flag in flags.chars() {
        match flag {
            'i' => builder.case_insensitive(true),
            'm' => builder.dot_matches_new_line(true),
            'x' => builder.ignore_whitespace(true),
            _ => return Some(Err(())),
        };
    }
    Some(builder.build().map_err(|_| ()))
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
        let paths = ["/google*.html", "/404.html"].map(|p| PagePattern::Path(p.to_string()));
        assert_eq!(s.no_index, paths);
        assert!(d.is_empty());
    }

    #[test]
    fn a_commented_activation_is_not_read() {
        assert!(!site("# activate :directory_indexes\n").0.directory_indexes);
        assert!(!site("activate :relative_assets\n").0.directory_indexes);
    }

    #[test]
    fn reads_ruby_regular_expressions_and_notes_those_it_cannot() {
        // middleman-core/fixtures/indexable-app/config.rb (5295d435): `page /regex_.*/`.
        let (s, d) = site("activate :directory_indexes\n  page /regex_.*/, directory_index: false\n");
        assert!(d.is_empty());
        assert_eq!(s.indexed_tail("regex_leave_me_alone2.html", "/regex_leave_me_alone2.html", None), None);
        assert_eq!(s.indexed_tail("a/x_regex_y.html", "/a/x_regex_y.html", None), None, "matches anywhere");
        assert_eq!(s.indexed_tail("needs_index.html", "/needs_index.html", None).as_deref(), Some("needs_index/"));
        let (s, d) =
            site("page %r{^/Old/.+\\.HTML$}i, directory_index: false\npage /\\/old\\//i, directory_index: false\n");
        assert_eq!((d.len(), d[0].line), (1, 1), "a `%r` literal is not read");
        assert!(s.no_index[0].matches("/x/OLD/y.html"));
        // A look-behind the `regex` crate cannot read, an unknown flag: notes at their lines.
        let (s, d) = site("page /(?<=a)b/, directory_index: false\npage /a/u, directory_index: false\n");
        assert!(s.no_index.is_empty());
        assert_eq!((d.len(), d[0].line, d[0].column, d[1].line), (2, 1, 1, 2));
        assert!(d[0].message.contains("regular expression opsbook cannot read"), "{}", d[0].message);
        // One whose compiled form passes the size limit is refused, not built.
        let (s, d) = site("page /(a{1000}){1000}/, directory_index: false\n");
        assert!(s.no_index.is_empty() && d.len() == 1, "{d:?}");
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
            assert_eq!(PagePattern::Path(pattern.into()).matches(path), matches, "{pattern} {path}");
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
