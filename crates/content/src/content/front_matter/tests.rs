use super::*;

fn fields(text: &str) -> Result<Fields, SyntaxError> {
    let split = split_front_matter(text)?;
    parse_fields(&split.front.expect("front matter"))
}

#[test]
fn refuses_front_matter_past_its_limit_at_its_fence() {
    let fields = "a: b\n".repeat(MAX_FRONT_MATTER / 5 + 1);
    for (text, line) in [(format!("---\n{fields}---\nBody\n"), 1), (format!("\n\n+++\n{fields}+++\n"), 3)] {
        let error = split_front_matter(&text).expect_err("too much front matter");
        assert_eq!((error.line, error.column), (line, 1));
        assert!(error.message.contains("more than the 4096 KiB a page's front matter may hold"), "{}", error.message);
    }
    let within = format!("---\n{}---\n", "a: b\n".repeat(MAX_FRONT_MATTER / 5));
    assert!(split_front_matter(&within).is_ok());
}

#[test]
fn splits_yaml_front_matter() {
    let split = split_front_matter("---\ntitle: A\n---\n# Body\n").unwrap();
    assert_eq!(split.front.unwrap().text, "title: A\n");
    assert_eq!(split.body, "# Body\n");
    assert_eq!(split.body_line, 4);
}

#[test]
fn gray_matter_closes_a_block_at_the_first_line_starting_with_dashes() {
    let page = "---\ntitle: CoreDNS\n--------------\n\nText.\n\n---\n";
    let split = split_front_matter_with(page, Fences::GrayMatter).unwrap();
    assert_eq!(split.front.unwrap().text, "title: CoreDNS\n");
    // The rest of the closing line starts the body, as gray-matter slices it.
    assert_eq!((split.body, split.body_line), ("-----------\n\nText.\n\n---\n", 3));
    let plain = split_front_matter_with("---\ntitle: A\n---\n# Body\n", Fences::GrayMatter).unwrap();
    assert_eq!((plain.body, plain.body_line), ("# Body\n", 4));
    // Hugo's and Jekyll's rule reads on to the `---` alone.
    let exact = split_front_matter_with(page, Fences::Exact).unwrap();
    assert!(exact.front.unwrap().text.contains("Text."));
    assert!(split_front_matter_with("----\ntitle: A\n---\n", Fences::GrayMatter).unwrap().front.is_none());
}

/// Hugo's `frontMatterTests` (`parser/pageparser/pageparser_intro_test.go`, gohugoio/hugo
/// 7b5199fdeff7d7682e9f979f468d55bc7b67b934): the front matter and body of each case
/// opsbook reads (not JSON's or Org's), line endings normalised as `read_text` does.
const HUGO_FRONT_MATTER_TESTS: [(&str, &str, Option<&str>, &str); 11] = [
    ("empty", "", None, ""),
    ("Byte order mark", "\u{feff}\nSome text.\n", None, "\u{feff}\nSome text.\n"),
    ("No front matter", "\nSome text.\n", None, "\nSome text.\n"),
    ("YAML front matter", "---\nfoo: \"bar\"\n---\n\nSome text.\n", Some("foo: \"bar\"\n"), "\nSome text.\n"),
    ("YAML empty front matter", "---\n---\n\nSome text.\n", Some(""), "\nSome text.\n"),
    ("YAML front matter CRLF", "---\r\nfoo: \"bar\"\r\n---\n\nSome text.\n", Some("foo: \"bar\"\n"), "\nSome text.\n"),
    ("TOML front matter", "+++\nfoo = \"bar\"\n+++\n\nSome text.\n", Some("foo = \"bar\"\n"), "\nSome text.\n"),
    (
        "Summary divider",
        "+++\nfoo = \"bar\"\n+++\n\nSome text.\n<!--more-->\nSome text.\n",
        Some("foo = \"bar\"\n"),
        "\nSome text.\n<!--more-->\nSome text.\n",
    ),
    (
        "Summary divider same line",
        "+++\nfoo = \"bar\"\n+++\n\nSome text.<!--more-->Some text.\n",
        Some("foo = \"bar\"\n"),
        "\nSome text.<!--more-->Some text.\n",
    ),
    (
        "Summary and shortcode, no space",
        "+++\nfoo = \"bar\"\n+++\n\nSome text.\n<!--more-->{{< sc1 >}}\nSome text.\n",
        Some("foo = \"bar\"\n"),
        "\nSome text.\n<!--more-->{{< sc1 >}}\nSome text.\n",
    ),
    (
        "Summary and shortcode only",
        "+++\nfoo = \"bar\"\n+++\n{{< sc1 >}}\n<!--more-->\n{{< sc2 >}}",
        Some("foo = \"bar\"\n"),
        "{{< sc1 >}}\n<!--more-->\n{{< sc2 >}}",
    ),
];

#[test]
fn splits_hugos_front_matter_test_cases() {
    for (name, input, front, body) in HUGO_FRONT_MATTER_TESTS {
        let input = input.replace("\r\n", "\n");
        let split = split_front_matter_with(&input, Fences::LineStart).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(split.front.map(|block| block.text), front, "{name}");
        assert_eq!(split.body, body, "{name}");
    }
}

#[test]
fn hugo_closes_a_block_at_the_first_line_starting_with_its_fence() {
    // `lexFrontMatterSection` looks for `---` (`+++`) at each line's start; the rest of
    // that line starts the body, and `...` is no fence.
    let page = "---\ntitle: Tuning\nweight: 30\n----------\n\nText.\n";
    let split = split_front_matter_with(page, Fences::LineStart).unwrap();
    assert_eq!(split.front.unwrap().text, "title: Tuning\nweight: 30\n");
    assert_eq!((split.body, split.body_line), ("-------\n\nText.\n", 4));
    let toml = split_front_matter_with("+++\ntitle = \"A\"\n+++++\nText.\n", Fences::LineStart).unwrap();
    assert_eq!((toml.front.unwrap().text, toml.body), ("title = \"A\"\n", "++\nText.\n"));
    let dots = split_front_matter_with("---\ntitle: A\n...\nb: c\n---\nText.\n", Fences::LineStart).unwrap();
    assert_eq!(dots.front.unwrap().text, "title: A\n...\nb: c\n");
    assert!(split_front_matter_with("---\ntitle: A\n  ---\n", Fences::LineStart).is_err());
    // Jekyll's rule (`YAML_FRONT_MATTER_REGEXP`) stays: `---` or `...` alone.
    assert!(split_front_matter_with(page, Fences::Exact).is_err());
    let jekyll = split_front_matter_with("---\ntitle: A\n...\nText.\n", Fences::Exact).unwrap();
    assert_eq!(jekyll.body, "Text.\n");
}

#[test]
fn leaves_pages_without_front_matter_alone() {
    let split = split_front_matter("# Title\n\n---\n").unwrap();
    assert!(split.front.is_none());
    assert_eq!(split.body_line, 1);
    assert!(split_front_matter("----\n").unwrap().front.is_none());
}

#[test]
fn rejects_unclosed_front_matter() {
    let err = split_front_matter("---\ntitle: A\n# Body\n").unwrap_err();
    assert_eq!((err.line, err.column), (1, 1));
}

#[test]
fn reads_yaml_fields_with_file_lines() {
    let f = fields("---\ntitle: Failover\nowners:\n  - \"@dba\"\nmode: 0755\n---\n").unwrap();
    assert_eq!(f.get("title").unwrap().value.value, Node::Text("Failover".into()));
    assert_eq!(f.get("owners").unwrap().line, 3);
    let Node::List(owners) = &f.get("owners").unwrap().value.value else { panic!("a list") };
    assert_eq!((owners[0].line, owners[0].column), (4, 5));
    assert_eq!(f.get("mode").unwrap().value.value, Node::Text("0755".into()));
}

#[test]
fn locates_nested_values() {
    let f = fields(
        "---\ntitle: A\naction_items:\n  - title: one\n    due: 2026-01-02\n  - title: two\n    due: soon\n---\n",
    )
    .unwrap();
    let items = &f.get("action_items").unwrap().value.value;
    let Node::List(items) = items else { panic!("a list") };
    let due = items[1].value.get("due").unwrap();
    assert_eq!((due.line, due.column), (7, 10));
    assert_eq!(due.value, Node::Text("soon".into()));
}

#[test]
fn reports_yaml_errors_at_the_file_line() {
    let err = fields("---\ntitle: x\n  bad: indent\n---\n").unwrap_err();
    assert_eq!((err.line, err.column), (3, 6));
    assert!(err.message.starts_with("invalid YAML front matter: mapping values"), "{}", err.message);
    assert!(!err.message.contains("at line"));
}

fn text_of(f: &Fields, key: &str) -> Node {
    f.get(key).unwrap_or_else(|| panic!("no field {key}")).value.value.clone()
}

#[test]
fn reads_quoted_and_plain_values_continued_at_column_zero() {
    // Issue "existing handbooks build unchanged", part 1: the GitLab handbook's pages.
    let f = fields(
        "---\ntitle: Cross-functional work\ndescription: \"An approach to working that is cross functional\nin nature. More text here.\"\nsingle: 'it''s\nhere'\nplain: An approach\nin nature.\nlast: 1\n---\n",
    )
    .unwrap();
    let text = |s: &str| Node::Text(s.into());
    assert_eq!(
        text_of(&f, "description"),
        text("An approach to working that is cross functional in nature. More text here.")
    );
    assert_eq!(text_of(&f, "single"), text("it's here"));
    assert_eq!(text_of(&f, "plain"), text("An approach in nature."));
    assert_eq!((f.get("last").unwrap().line, f.get("last").unwrap().column), (9, 1), "lines stay the file's");
    let nested = fields("---\naction_items:\n  - title: \"one\ntwo\"\n    due: x\ntags:\n- \"a\n\tb\"\n---\n").unwrap();
    let Node::List(items) = text_of(&nested, "action_items") else { panic!("a list") };
    assert_eq!(items[0].value.get("title").unwrap().value, text("one two"));
    assert_eq!((items[0].value.get("due").unwrap().line), 5);
    let Node::List(tags) = text_of(&nested, "tags") else { panic!("a list") };
    assert_eq!(tags[0].value, text("a b"));
}

#[test]
fn reads_tabs_where_libyaml_allows_them() {
    let f = fields("---\ntitle:\tA\nowner: \t\"@x\"\ntags: [a,\tb]\nkind : runbook\t# c\n---\n").unwrap();
    assert_eq!(text_of(&f, "title"), Node::Text("A".into()));
    assert_eq!(text_of(&f, "owner"), Node::Text("@x".into()));
    assert_eq!(text_of(&f, "kind"), Node::Text("runbook".into()));
}

#[test]
fn keeps_the_last_of_repeated_keys_with_a_warning_at_the_repeat() {
    let split = split_front_matter("---\ntitle: A\nowner: x\n  title: B\n---\n").unwrap();
    assert!(read_fields(&split.front.unwrap()).is_err(), "a misindented key is still an error");
    let split = split_front_matter("---\ntitle: A\nowner: x\ntitle: B\n---\n").unwrap();
    let read = read_fields(&split.front.unwrap()).unwrap();
    assert_eq!(text_of(&read.fields, "title"), Node::Text("B".into()));
    assert_eq!(read.fields.0.len(), 2);
    let repeat = &read.repeated_keys[0];
    assert_eq!((repeat.line, repeat.column), (4, 1));
    assert_eq!(repeat.message, "the key `title` is repeated: this value replaces the one on line 2");
}

#[test]
fn reports_errors_after_a_relaxed_line_at_the_file_column() {
    let err = fields("---\na: \"x\ny\" z\n---\n").unwrap_err();
    assert_eq!((err.line, err.column), (3, 4), "{}", err.message);
}

#[test]
fn rejects_a_yaml_list_as_front_matter() {
    let err = fields("---\n- a\n- b\n---\n").unwrap_err();
    assert_eq!(err.line, 2);
}

#[test]
fn accepts_empty_front_matter() {
    assert!(fields("---\n---\nbody").unwrap().0.is_empty());
}

#[test]
fn reads_toml_fields_and_dates() {
    let f = fields("+++\ntitle = \"A\"\ndate = 2024-01-02\n+++\n").unwrap();
    assert_eq!(f.get("date").unwrap().value.value, Node::Text("2024-01-02".into()));
    assert_eq!(f.get("date").unwrap().line, 3);
}

#[test]
fn reports_toml_errors_at_the_file_line() {
    let err = fields("+++\ntitle = \"A\"\nweight = \n+++\n").unwrap_err();
    assert_eq!(err.line, 3);
}
