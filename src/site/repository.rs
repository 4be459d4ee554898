//! Links to a page's source in its repository: edit, view source, history, open an
//! issue about the page, and the commit of its last change. GitHub and GitLab are
//! recognised from the repository URL; `[links]` in book.toml overrides or supplies the
//! URL templates, with the placeholders `{repository}`, `{branch}`, `{path}` (from the
//! repository root), `{title}`, `{issue_title}` (the title of an issue about the page,
//! "About <title>" in the page's language) and `{url}` (encoded for a query) and
//! `{commit}`.

use crate::config::{LinksTable, Repository};

/// The links of one page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct RepositoryLinks {
    /// Edit the page in the repository's web editor.
    pub edit: Option<String>,
    /// View its source.
    pub source: Option<String>,
    /// Its history.
    pub history: Option<String>,
    /// Open an issue about it.
    pub issue: Option<String>,
}

/// The forge a repository is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Forge {
    GitHub,
    GitLab,
    Other,
}

fn forge(url: &str) -> Forge {
    let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or_default().to_ascii_lowercase();
    if host.contains("github") {
        Forge::GitHub
    } else if host.contains("gitlab") {
        Forge::GitLab
    } else {
        Forge::Other
    }
}

fn defaults(forge: Forge) -> LinksTable {
    let table = |edit: &str, source: &str, history: &str, issue: &str, commit: &str| LinksTable {
        edit: Some(edit.into()),
        source: Some(source.into()),
        history: Some(history.into()),
        issue: Some(issue.into()),
        commit: Some(commit.into()),
    };
    match forge {
        Forge::GitHub => table(
            "{repository}/edit/{branch}/{path}",
            "{repository}/blob/{branch}/{path}",
            "{repository}/commits/{branch}/{path}",
            "{repository}/issues/new?title={issue_title}&body={url}",
            "{repository}/commit/{commit}",
        ),
        Forge::GitLab => table(
            "{repository}/-/edit/{branch}/{path}",
            "{repository}/-/blob/{branch}/{path}",
            "{repository}/-/commits/{branch}/{path}",
            "{repository}/-/issues/new?issue[title]={issue_title}&issue[description]={url}",
            "{repository}/-/commit/{commit}",
        ),
        Forge::Other => LinksTable::default(),
    }
}

/// The URL template `pick` chooses: book.toml's, else the forge's default.
fn template<'a>(
    repository: &'a Repository,
    defaults: &'a LinksTable,
    pick: impl Fn(&LinksTable) -> &Option<String>,
) -> Option<&'a str> {
    pick(&repository.links).as_deref().or_else(|| pick(defaults).as_deref())
}

/// What a page's links say of it: its title, the title of an issue about it (in its
/// language), and its address.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PageText<'a> {
    /// `{title}`.
    pub title: &'a str,
    /// `{issue_title}`.
    pub issue_title: &'a str,
    /// `{url}`.
    pub url: &'a str,
}

fn fill(template: &str, repository: &Repository, path: &str, page: PageText<'_>, commit: &str) -> String {
    template
        .replace("{repository}", &repository.url)
        .replace("{branch}", &repository.branch)
        .replace("{path}", &encode_path(path))
        .replace("{title}", &encode_query(page.title))
        .replace("{issue_title}", &encode_query(page.issue_title))
        .replace("{url}", &encode_query(page.url))
        .replace("{commit}", commit)
}

/// The links of a page whose source is `path` (from the repository root).
pub(crate) fn page_links(repository: &Repository, path: &str, page: PageText<'_>) -> RepositoryLinks {
    let defaults = defaults(forge(&repository.url));
    let link = |pick: fn(&LinksTable) -> &Option<String>| {
        template(repository, &defaults, pick).map(|t| fill(t, repository, path, page, ""))
    };
    RepositoryLinks {
        edit: link(|t| &t.edit),
        source: link(|t| &t.source),
        history: link(|t| &t.history),
        issue: link(|t| &t.issue),
    }
}

/// The repository's web view of the file or folder at `path` (from the repository
/// root): the `source` template for a file; for a folder, the forge's tree view unless
/// book.toml gives `[links] source` (which then serves both). `None` on another host
/// without that template.
pub(crate) fn view_link(repository: &Repository, path: &str, folder: bool) -> Option<String> {
    let forge = forge(&repository.url);
    let tree = match forge {
        Forge::GitHub => Some("{repository}/tree/{branch}/{path}"),
        Forge::GitLab => Some("{repository}/-/tree/{branch}/{path}"),
        Forge::Other => None,
    };
    let defaults = defaults(forge);
    let source = template(repository, &defaults, |t| &t.source)?;
    let chosen = match tree {
        Some(tree) if folder && repository.links.source.is_none() => tree,
        _ => source,
    };
    Some(fill(chosen, repository, path, PageText::default(), ""))
}

/// The link to a commit.
pub(crate) fn commit_link(repository: &Repository, commit: &str) -> Option<String> {
    let defaults = defaults(forge(&repository.url));
    template(repository, &defaults, |t| &t.commit).map(|t| fill(t, repository, "", PageText::default(), commit))
}

/// Encodes a path for a URL, keeping its `/`.
fn encode_path(path: &str) -> String {
    crate::percent::percent_encode(path, &crate::percent::UNRESERVED_AND_SLASH)
}

/// Encodes text for a URL query.
fn encode_query(text: &str) -> String {
    crate::percent::percent_encode(text, &crate::percent::UNRESERVED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(url: &str) -> Repository {
        Repository { url: url.into(), branch: "main".into(), links: LinksTable::default() }
    }

    #[test]
    fn makes_github_links() {
        let links = page_links(
            &repo("https://github.com/kestrel/handbook"),
            "content/runbooks/db failover.md",
            PageText { title: "DB", issue_title: "About DB", url: "https://x.org/runbooks/db/" },
        );
        assert_eq!(
            links.edit.as_deref(),
            Some("https://github.com/kestrel/handbook/edit/main/content/runbooks/db%20failover.md")
        );
        assert_eq!(
            links.history.as_deref(),
            Some("https://github.com/kestrel/handbook/commits/main/content/runbooks/db%20failover.md")
        );
        assert_eq!(
            links.issue.as_deref(),
            Some(
                "https://github.com/kestrel/handbook/issues/new?title=About%20DB&body=https%3A%2F%2Fx.org%2Frunbooks%2Fdb%2F"
            )
        );
        assert_eq!(
            commit_link(&repo("https://github.com/k/h"), "abc").as_deref(),
            Some("https://github.com/k/h/commit/abc")
        );
    }

    #[test]
    fn makes_gitlab_links() {
        let links = page_links(
            &repo("https://gitlab.com/kestrel/handbook"),
            "content/a.md",
            PageText { title: "A", issue_title: "About A", url: "/a/" },
        );
        assert_eq!(links.source.as_deref(), Some("https://gitlab.com/kestrel/handbook/-/blob/main/content/a.md"));
        assert!(links.issue.unwrap().starts_with("https://gitlab.com/kestrel/handbook/-/issues/new?issue[title]="));
    }

    #[test]
    fn views_files_as_blobs_and_folders_as_trees() {
        let github = repo("https://github.com/kestrel/handbook");
        assert_eq!(
            view_link(&github, ".github/PULL_REQUEST_TEMPLATE.md", false).as_deref(),
            Some("https://github.com/kestrel/handbook/blob/main/.github/PULL_REQUEST_TEMPLATE.md")
        );
        assert_eq!(
            view_link(&github, "generator", true).as_deref(),
            Some("https://github.com/kestrel/handbook/tree/main/generator")
        );
        assert_eq!(
            view_link(&repo("https://gitlab.com/k/h"), "hack", true).as_deref(),
            Some("https://gitlab.com/k/h/-/tree/main/hack")
        );
        let mut other = repo("https://git.example.org/ops/handbook");
        assert_eq!(view_link(&other, "LICENSE", false), None);
        other.links.source = Some("{repository}/src/branch/{branch}/{path}".into());
        assert_eq!(
            view_link(&other, "a b", true).as_deref(),
            Some("https://git.example.org/ops/handbook/src/branch/main/a%20b")
        );
    }

    #[test]
    fn uses_templates_for_other_hosts() {
        let mut repository = repo("https://git.example.org/ops/handbook");
        assert_eq!(
            page_links(&repository, "a.md", PageText { title: "A", issue_title: "About A", url: "/a/" }).edit,
            None
        );
        repository.links.edit = Some("{repository}/_edit/{branch}/{path}".into());
        assert_eq!(
            page_links(&repository, "a.md", PageText { title: "A", issue_title: "About A", url: "/a/" })
                .edit
                .as_deref(),
            Some("https://git.example.org/ops/handbook/_edit/main/a.md")
        );
    }
}
