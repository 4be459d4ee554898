//! The gems of a Jekyll site: the `gem` lines of its `Gemfile` (with the
//! `:jekyll_plugins` group, whose gems Jekyll requires as plugins: jekyll/jekyll
//! `lib/jekyll/plugin_manager.rb`, `require_from_bundler`) and the `name (version)` lines
//! of its `Gemfile.lock`. Read line by line, as written: a Gemfile is Ruby, which
//! opsbook does not run.

/// One gem a `Gemfile` requires or a `Gemfile.lock` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Gem {
    /// Its name (`just-the-docs`).
    pub name: String,
    /// The version written: the `Gemfile`'s first requirement, the lock's in brackets.
    pub version: Option<String>,
    /// Whether the line is a lock's.
    pub locked: bool,
    /// Whether the `Gemfile` puts it in the `:jekyll_plugins` group.
    pub jekyll_plugin: bool,
}

/// The gems of the text of a `Gemfile` or `Gemfile.lock`, in order.
pub(crate) fn read(text: &str) -> Vec<Gem> {
    let mut gems = Vec::new();
    // The open blocks (`group … do`, `platforms … do`): whether each is `:jekyll_plugins`.
    let mut blocks: Vec<bool> = Vec::new();
    for line in text.lines().map(str::trim) {
        let code = line.split('#').next().unwrap_or_default().trim();
        if code == "end" {
            blocks.pop();
        } else if code.ends_with(" do") || code.contains(" do |") {
            blocks.push(code.starts_with("group") && code.contains(":jekyll_plugins"));
        }
        if let Some(rest) = code.strip_prefix("gem ").or_else(|| code.strip_prefix("gem(")) {
            let mut args = rest.split(',').map(|arg| arg.trim().trim_end_matches(')').trim());
            let Some(name) = args.next().and_then(quoted) else { continue };
            let version = args.next().and_then(quoted).map(str::to_string);
            let jekyll_plugin = blocks.contains(&true) || rest.contains(":jekyll_plugins");
            gems.push(Gem { name: name.to_string(), version, locked: false, jekyll_plugin });
        } else if let Some((name, version)) = line.strip_suffix(')').and_then(|l| l.split_once(" (")) {
            let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
            if plain {
                let version = Some(version.to_string());
                gems.push(Gem { name: name.to_string(), version, locked: true, jekyll_plugin: false });
            }
        }
    }
    gems
}

/// The text of a Ruby string literal, `"…"` or `'…'`.
fn quoted(arg: &str) -> Option<&str> {
    ['"', '\''].iter().find_map(|q| arg.strip_prefix(*q)?.strip_suffix(*q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_gem_lines_and_the_jekyll_plugins_group() {
        let gemfile = "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 4.3.2\"\n\
                       group :jekyll_plugins do\n  gem \"jekyll-feed\", \"~> 0.15\"\n  gem 'jekyll-sitemap'\nend\n\
                       gem \"wdm\", \"~> 0.1.0\" if Gem.win_platform?\n\
                       gem 'jekyll-optional-front-matter', group: :jekyll_plugins\n\
                       platforms :mingw do\n  gem 'tzinfo-data'\nend\n";
        let gems = read(gemfile);
        let named = |name: &str| gems.iter().find(|g| g.name == name).cloned().expect(name);
        assert_eq!(named("jekyll").version.as_deref(), Some("~> 4.3.2"));
        assert!(!named("jekyll").jekyll_plugin);
        assert!(named("jekyll-feed").jekyll_plugin && named("jekyll-sitemap").jekyll_plugin);
        assert!(!named("wdm").jekyll_plugin && !named("tzinfo-data").jekyll_plugin);
        assert!(named("jekyll-optional-front-matter").jekyll_plugin);
    }

    #[test]
    fn reads_a_lock_s_versions() {
        let lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    jekyll (3.9.5)\n      addressable (~> 2.4)\n\
                    \nDEPENDENCIES\n  github-pages (= 228)\n";
        let gems = read(lock);
        assert_eq!(
            gems[0],
            Gem { name: "jekyll".into(), version: Some("3.9.5".into()), locked: true, jekyll_plugin: false }
        );
        assert_eq!(gems.iter().map(|g| g.name.as_str()).collect::<Vec<_>>(), ["jekyll", "addressable", "github-pages"]);
    }
}
