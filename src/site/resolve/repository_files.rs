//! Links to the repository's own files outside the content folder (`/LICENSE`,
//! `../../.github/PULL_REQUEST_TEMPLATE.md`, `/generator/`), read as a forge reads a
//! repository's Markdown: from the repository root for a link that starts with `/`,
//! from the file's folder otherwise. A link the site has nothing for, that names a file
//! or folder of the repository there, is written as the repository's web view of it
//! (`[handbook] repository`); without a repository it stays broken, and says what would
//! link it. Paths are only stat'ed, through the confinement
//! ([`Confinement::repository_entry`]): nothing past the root, through a link leading
//! out, in `.git` or in an output folder.

use super::{SiteLinks, inside};
use crate::fs::confine::{Confinement, RepositoryEntry};
use crate::markdown::links::Resolution;
use crate::site::repository::view_link;
use crate::site_path::join_relative;

impl SiteLinks<'_> {
    /// `broken`, the site's reading of relative or rooted `path`, or the repository's
    /// web view of the file or folder `path` names there, or `broken` with a hint.
    pub(super) fn in_repository(
        &self,
        from_dir: &str,
        path: &str,
        anchor: Option<&str>,
        query: &str,
        broken: Resolution,
    ) -> Resolution {
        let Resolution::Broken { message, asset, suggestion } = broken else { return broken };
        let Some((repository_path, entry)) = self.repository_entry(from_dir, path) else {
            return Resolution::Broken { message, asset, suggestion };
        };
        let folder = entry == RepositoryEntry::Folder;
        let repository = self.site.config.repository.as_ref();
        let Some(mut href) = repository.and_then(|r| view_link(r, &repository_path, folder)) else {
            let what = if folder { "folder" } else { "file" };
            let setting = if repository.is_some() { "`[links] source`" } else { "`[handbook] repository`" };
            let message = format!(
                "{message}: `{repository_path}` is a {what} of the repository outside the content folder; \
                 {setting} in book.toml would link it to the repository's web view"
            );
            return Resolution::Broken { message, asset, suggestion };
        };
        href.push_str(query);
        if let Some(anchor) = anchor {
            href.push('#');
            href.push_str(anchor);
        }
        Resolution::File { href, asset: None }
    }

    /// The path from the repository root that `path` names, and what is there: a file
    /// or folder outside the content tree; `None` for anything else, or on a page of a
    /// `[[sources]]` folder that has a repository of its own.
    fn repository_entry(&self, from_dir: &str, path: &str) -> Option<(String, RepositoryEntry)> {
        let config = &self.site.config;
        if config.sources.find(from_dir).is_some_and(|(i, _)| config.sources.list[i].repository.is_some()) {
            return None;
        }
        let prefix = self.site.repository_prefix();
        let joined = match path.strip_prefix('/') {
            Some(rooted) => join_relative("", rooted)?,
            None => join_relative(&format!("{prefix}{}", self.repository_dir(from_dir)), path)?,
        };
        let repository_path = joined.trim_end_matches('/');
        // The path from the handbook root, when the file is in the handbook's folder.
        let in_handbook = match prefix.trim_end_matches('/') {
            "" => Some(repository_path),
            dir => inside(dir, repository_path),
        };
        let mut tree = std::iter::once(config.content_folder.as_str())
            .chain(config.sources.list.iter().map(|s| s.folder.as_str()));
        if repository_path.is_empty()
            || in_handbook.is_some_and(|p| tree.any(|f| f.is_empty() || f == p || inside(f, p).is_some()))
        {
            return None;
        }
        let entry = match &self.site.repository {
            Some(location) if !prefix.is_empty() => Confinement::new(&location.toplevel)?
                .excluding(&config.output_dir)
                .repository_entry(&location.toplevel.join(repository_path))?,
            _ => config.confinement()?.repository_entry(&config.root.join(repository_path))?,
        };
        Some((repository_path.to_string(), entry))
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::links::{LinkResolver, Resolution};

    const FILES: &[(&str, &str)] = &[
        ("content/index.md", "# Home\n"),
        ("content/guide/a.md", "# A\n"),
        ("LICENSE", "x"),
        (".github/x.md", "x"),
        (".git/config", "x"),
        ("generator/main.go", "x"),
        ("doc/api/README.md", "x"),
        ("doc/api/README%.md", "x"),
        ("with space/README.md", "x"),
    ];

    /// What each destination, written in `content/guide/`, resolves to in a handbook of
    /// [`FILES`] whose book.toml is `book`.
    fn resolved(name: &str, book: &str, destinations: &[&str]) -> Vec<Resolution> {
        let mut found = Vec::new();
        crate::site::tests::modelled_site(name, book, FILES, |site| {
            let links = super::SiteLinks::new(site, None);
            found = destinations.iter().map(|d| links.resolve("guide", d)).collect();
        });
        found
    }

    fn href(resolution: &Resolution) -> &str {
        match resolution {
            Resolution::File { href, asset: None } => href,
            other => panic!("no repository link: {other:?}"),
        }
    }

    #[test]
    fn links_repository_files_to_the_web_view() {
        let book = "[handbook]\ntitle = \"T\"\nrepository = \"https://github.com/k/h\"\nbranch = \"trunk\"\n";
        let found = resolved(
            "repo-links",
            book,
            &["/LICENSE", "../../.github/x.md#L2", "/generator/", "../../generator", "a.md", "/.git/config"],
        );
        assert_eq!(href(&found[0]), "https://github.com/k/h/blob/trunk/LICENSE");
        assert_eq!(href(&found[1]), "https://github.com/k/h/blob/trunk/.github/x.md#L2");
        assert_eq!(href(&found[2]), "https://github.com/k/h/tree/trunk/generator");
        assert_eq!(href(&found[3]), "https://github.com/k/h/tree/trunk/generator");
        assert!(matches!(found[4], Resolution::Page { .. }), "{:?}", found[4]);
        assert!(matches!(found[5], Resolution::Broken { .. }), "{:?}", found[5]);
    }

    #[test]
    fn leaves_the_content_folder_and_the_outside_broken() {
        let book = "[handbook]\ntitle = \"T\"\nrepository = \"https://github.com/k/h\"\n";
        let found =
            resolved("repo-links-out", book, &["/content/missing.md", "missing.md", "/../../etc/passwd", "/NOTICE"]);
        for resolution in &found {
            assert!(matches!(resolution, Resolution::Broken { .. }), "{resolution:?}");
        }
    }

    #[test]
    fn says_what_would_link_a_repository_file() {
        let found = resolved("repo-links-hint", "[handbook]\ntitle = \"T\"\n", &["/LICENSE", "../../generator/"]);
        let messages: Vec<&str> = found
            .iter()
            .map(|r| match r {
                Resolution::Broken { message, .. } => message.as_str(),
                other => panic!("not broken: {other:?}"),
            })
            .collect();
        assert!(
            messages[0].ends_with(
                ": `LICENSE` is a file of the repository outside the content folder; `[handbook] repository` \
                 in book.toml would link it to the repository's web view"
            ),
            "{}",
            messages[0]
        );
        assert!(messages[1].contains("`generator` is a folder of the repository"), "{}", messages[1]);
        // A repository on another host, without a `source` template to link it with.
        let book = "[handbook]\ntitle = \"T\"\nrepository = \"https://git.example.org/k/h\"\n";
        let found = resolved("repo-links-hint-other", book, &["/LICENSE"]);
        let Resolution::Broken { message, .. } = &found[0] else { panic!("not broken: {:?}", found[0]) };
        assert!(
            message.ends_with(
                ": `LICENSE` is a file of the repository outside the content folder; `[links] source` \
                 in book.toml would link it to the repository's web view"
            ),
            "{message}"
        );
    }

    /// GitLab's cases of links to a repository's files (gitlabhq/gitlabhq,
    /// spec/lib/banzai/filter/repository_link_filter_spec.rb at 05f0ebba3a2c), on a page
    /// of `content/guide/`, with GitHub's URLs. Not ported: a missing file (GitLab links
    /// it, opsbook reports it) and images (GitLab's `raw`, opsbook's blob view).
    #[test]
    fn follows_gitlabs_repository_link_cases() {
        let book = "[handbook]\ntitle = \"T\"\nrepository = \"https://gitlab.com/k/h\"\nbranch = \"markdown\"\n";
        let cases = [
            // "rebuilds absolute URL for a file in the repo"
            ("/doc/api/README.md", Some("/-/blob/markdown/doc/api/README.md")),
            // "rebuilds relative URL for a file in the repo up multiple directories"
            ("../../doc/api/README.md", Some("/-/blob/markdown/doc/api/README.md")),
            // "... with leading ./"
            ("./../.././doc/api/README.md", Some("/-/blob/markdown/doc/api/README.md")),
            // "rebuilds relative URL for a file in the repository root"
            ("../../LICENSE", Some("/-/blob/markdown/LICENSE")),
            // "... with an anchor"
            ("/doc/api/README.md#section", Some("/-/blob/markdown/doc/api/README.md#section")),
            // "rebuilds relative URL for a directory in the repo"
            ("/doc/api/", Some("/-/tree/markdown/doc/api")),
            // "supports percent sign in filenames"
            ("/doc/api/README%.md", Some("/-/blob/markdown/doc/api/README%25.md")),
            // "does not escape the space twice"
            ("/with%20space/README.md", Some("/-/blob/markdown/with%20space/README.md")),
            // "ignores absolute URLs with two leading slashes", "does not modify absolute
            // URL", "... relative URL with an anchor only", no panic on `/%00` and `%FF`.
            ("//doc/api/README.md", None),
            ("http://example.com", None),
            ("#section-1", None),
            ("/%00", None),
            ("%FF", None),
        ];
        let destinations: Vec<&str> = cases.iter().map(|(d, _)| *d).collect();
        let found = resolved("repo-links-gitlab", book, &destinations);
        for ((destination, expected), resolution) in cases.iter().zip(&found) {
            match expected {
                Some(rest) => assert_eq!(href(resolution), format!("https://gitlab.com/k/h{rest}"), "{destination}"),
                None => assert!(!matches!(resolution, Resolution::File { .. }), "{destination}: {resolution:?}"),
            }
        }
    }
}
