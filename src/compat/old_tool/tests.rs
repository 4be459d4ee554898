use super::*;
use crate::compat::interface::published_address;

#[test]
fn docusaurus_with_trailing_slash_reads_relative_links_from_the_page() {
    let docusaurus = |trailing_slash| OldTool { tool: Tool::Docusaurus, trailing_slash, ..OldTool::default() };
    assert_eq!(docusaurus(true).relative_links(), RelativeLinks::PageThenFile);
    assert_eq!(docusaurus(false).relative_links(), RelativeLinks::FileThenUrlWithoutSlash);
}

#[test]
fn a_published_address_with_a_path_is_the_mkdocs_sites_route() {
    use crate::compat::interface::address_path;
    assert_eq!(address_path("https://linkedin.github.io/school-of-sre"), Some("school-of-sre"));
    assert_eq!(address_path("https://example.org/a/b"), Some("a/b"));
    assert_eq!(address_path("https://example.org"), None);
    assert_eq!(address_path("https://example.org/"), None);
}

#[test]
fn docusaurus_leaves_out_files_and_folders_named_with_an_underscore() {
    let docusaurus = OldTool { tool: Tool::Docusaurus, ..OldTool::default() };
    for path in ["sdk/_install.mdx", "_partials/steps.md", "blog/_template/index.md", "_draft.md"] {
        assert!(docusaurus.leaves_out(path), "{path}");
    }
    for path in ["sdk/install.mdx", "runbooks/_index.md", "my_notes/x.md", "a/b_c.md"] {
        assert!(!docusaurus.leaves_out(path), "{path}");
    }
    assert!(!OldTool { tool: Tool::Hugo, ..OldTool::default() }.leaves_out("sdk/_install.md"));
}

#[test]
fn a_url_under_the_published_address_is_a_path_of_the_site() {
    let old = OldTool { published_address: Some("https://docs.example.org/latest".into()), ..OldTool::default() };
    let cases = [
        ("https://docs.example.org/latest/install/#steps", Some("/install/#steps")),
        ("http://DOCS.example.org/latest/a.html?x=1", Some("/a.html?x=1")),
        ("https://docs.example.org/latest", Some("/")),
        ("https://docs.example.org/latest#top", Some("/#top")),
        ("https://docs.example.org/latestnews/", None),
        ("https://docs.example.org/2.19/install/", None),
        ("https://other.example.org/latest/install/", None),
        ("ftp://docs.example.org/latest/a", None),
        ("/latest/install/", None),
    ];
    for (destination, path) in cases {
        assert_eq!(old.published_path(destination).as_deref(), path, "{destination}");
    }
    let root = OldTool { published_address: Some("https://ops.example.org".into()), ..OldTool::default() };
    assert_eq!(root.published_path("https://ops.example.org/a/").as_deref(), Some("/a/"));
    assert_eq!(OldTool::default().published_path("https://ops.example.org/a/"), None);
}

#[test]
fn an_address_is_an_http_url_and_its_base_path_joined() {
    let cases: &[(&str, Option<&str>, Option<&str>)] = &[
        ("https://docs.example.org/", Some("/latest/"), Some("https://docs.example.org/latest")),
        ("https://docs.example.org", None, Some("https://docs.example.org")),
        (" http://ops.example.org// ", Some("/"), Some("http://ops.example.org")),
        ("HTTPS://Ops.example.org/team/", Some(""), Some("HTTPS://Ops.example.org/team")),
        ("/latest/", None, None),
        ("ftp://example.org/", None, None),
        ("", Some("/x/"), None),
    ];
    for &(url, base, address) in cases {
        assert_eq!(published_address(url, base).as_deref(), address, "{url} {base:?}");
    }
}

/// A page without a title named from its file: opsbook's rule, Docusaurus's `baseID`
/// as written (`docs.ts`), MkDocs's `Page.title` (capitalised only when all lower case).
#[test]
fn each_tool_names_an_untitled_page_from_its_file_by_its_own_rule() {
    let title = |tool: Tool, name: &str| crate::compat::rules_of(tool).title_from_name(name);
    assert_eq!(title(Tool::Plain, "database-failover"), "Database failover");
    assert_eq!(title(Tool::Docusaurus, "v1.12.0"), "v1.12.0");
    assert_eq!(title(Tool::Docusaurus, "database-failover"), "database-failover");
    assert_eq!(title(Tool::MkDocs, "database_failover"), "Database failover");
    assert_eq!(title(Tool::MkDocs, "iPhone-setup"), "iPhone setup");
    assert_eq!(title(Tool::Hugo, "v1.12.0"), "V1.12.0");
}
