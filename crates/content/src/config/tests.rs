use super::*;

fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    Config::parse(Path::new("/site"), text, &Overrides::default())
}

#[test]
fn reads_a_full_config() {
    let config = parse(
        "[handbook]\ntitle = \"Ops\"\nbase-url = \"https://x.org/handbook\"\n[build]\noutput-dir = \"out\"\n[check]\nlinks = \"warn\"\n",
    )
    .unwrap();
    assert_eq!(config.title, "Ops");
    assert_eq!(config.base_url.path(), "/handbook/");
    assert_eq!(config.base_url.absolute("runbooks/a/").as_deref(), Some("https://x.org/handbook/runbooks/a/"));
    assert_eq!(config.output_dir, Path::new("/site/out"));
    assert_eq!(config.link_severity, Severity::Warning);
}

#[test]
fn reads_the_levels_of_the_check_lints() {
    let config = parse("[handbook]\ntitle = \"Ops\"\n").unwrap();
    let defaults = LintConfig {
        codeowners: Some(Severity::Warning),
        require_owners: None,
        max_image_bytes: lint::DEFAULT_MAX_IMAGE_KB * 1024,
        large_images: Some(Severity::Warning),
        unused_assets: Some(Severity::Note),
    };
    assert_eq!(config.lint, defaults);
    assert_eq!(config.lint.codeowners, Some(Severity::Warning));
    assert_eq!(config.lint.require_owners, None);
    assert_eq!(config.lint.max_image_bytes, 500 * 1024);
    assert_eq!(config.lint.unused_assets, Some(Severity::Note));
    let config = parse(
        "[handbook]\ntitle = \"Ops\"\n[check]\ncodeowners = \"off\"\nrequire-owners = true\nmax-image-kb = 2\nlarge-images = \"error\"\nunused-assets = \"warn\"\n",
    )
    .unwrap();
    let expected = LintConfig {
        codeowners: None,
        require_owners: Some(Severity::Error),
        max_image_bytes: 2048,
        large_images: Some(Severity::Error),
        unused_assets: Some(Severity::Warning),
    };
    assert_eq!(config.lint, expected);
    let errors = parse("[handbook]\ntitle = \"Ops\"\n[check]\nunused-assets = \"loud\"\n").unwrap_err();
    assert_eq!((errors[0].rule, errors[0].line), (Rule::ConfigSyntax, 4));
}

#[test]
fn rejects_unknown_key_with_its_line() {
    let errors = parse("[handbook]\ntitle = \"Ops\"\ncolour = \"red\"\n").unwrap_err();
    assert_eq!(errors[0].rule, Rule::UnknownConfigKey);
    assert_eq!((errors[0].line, errors[0].column), (3, 1));
    assert!(errors[0].message.contains("`colour`"), "{}", errors[0].message);
}

#[test]
fn rejects_missing_title() {
    let errors = parse("[handbook]\ndescription = \"x\"\n").unwrap_err();
    assert_eq!(errors[0].rule, Rule::ConfigField);
    assert_eq!(errors[0].line, 1);
    assert!(errors[0].message.contains("title"));
}

#[test]
fn reads_the_plantuml_server_and_refuses_one_that_is_no_http_address() {
    let config = parse("[handbook]\ntitle = \"Ops\"\n").unwrap();
    assert_eq!(config.plantuml_server, None);
    let config =
        parse("[handbook]\ntitle = \"Ops\"\n[markdown]\nplantuml-server = \"https://p.example/svg/\"\n").unwrap();
    assert_eq!(config.plantuml_server.as_deref(), Some("https://p.example/svg/"));
    let config = parse("[handbook]\ntitle = \"Ops\"\n[markdown]\nplantuml-server = \"\"\n").unwrap();
    assert_eq!(config.plantuml_server.as_deref(), Some(""));
    let errors =
        parse("[handbook]\ntitle = \"Ops\"\n[markdown]\n  plantuml-server = \"javascript:alert(1)\"\n").unwrap_err();
    assert_eq!((errors[0].rule, errors[0].line, errors[0].column), (Rule::ConfigField, 4, 3));
    assert!(errors[0].message.contains("http:// or https://"), "{}", errors[0].message);
}
