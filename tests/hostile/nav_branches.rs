//! Hostile inputs: the navigation's branch files (`nav/<name>.json`),
//! which list a section's pages for the theme to unfold it in place. They are output
//! files like any other: content cannot take their place, and they carry no internal
//! page, title or navigation group into a public build.

use crate::util::{Site, branch_name};

#[test]
fn a_content_file_at_a_branch_file_s_path_is_refused_and_the_output_kept() {
    let site = Site::with_files(
        "nav-branch-clash",
        &[("content/_index.md", "# Home\n"), ("content/ops/_index.md", "# Ops\n"), ("content/ops/a.md", "# A\n")],
    );
    site.build(&[]).expect_code(0);
    let file = format!("nav/{}.json", branch_name("ops/"));
    let before = site.read(&format!("public/{file}"));
    assert_eq!(before, r#"[["A","/ops/a/"]]"#);
    site.write(&format!("content/{file}"), "[[\"Forged\",\"https://evil.example/\"]]");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(&format!(
            "error[duplicate-url]: `content/{file}` would be written to /{file}, which is already taken by the file /{file} that opsbook writes for the navigation of a section"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(site.read(&format!("public/{file}")), before, "the previous output is left as it was");
}

#[test]
fn a_public_build_s_branch_files_list_no_internal_page_and_titles_stay_text() {
    let site = Site::with_files(
        "nav-branch-audience",
        &[
            ("content/_index.md", "# Home\n"),
            ("content/ops/_index.md", "# Ops\n"),
            ("content/ops/public.md", "---\ntitle: '</script><img src=x onerror=alert(1)> \"q\" \\ x'\n---\nText.\n"),
            ("content/ops/secret.md", "---\ntitle: Canary vault\nvisibility: internal\n---\nText.\n"),
            ("content/ops/vault/_index.md", "---\ntitle: Canary section\nvisibility: internal\n---\n"),
            ("content/ops/vault/keys.md", "# Canary keys\n"),
        ],
    );
    site.build(&[]).expect_code(0);
    let branches: Vec<String> =
        site.files_under("public/nav").into_iter().map(|f| site.read(&format!("public/nav/{f}"))).collect();
    assert!(!branches.is_empty());
    assert!(branches.iter().all(|text| !text.to_lowercase().contains("canary")), "{branches:?}");
    let ops: serde_json::Value =
        serde_json::from_str(&site.read(&format!("public/nav/{}.json", branch_name("ops/")))).expect("JSON");
    assert_eq!(ops[0][0], "</script><img src=x onerror=alert(1)> \"q\" \\ x", "the title is a JSON string, as written");
    assert!(!site.exists(&format!("public/nav/{}.json", branch_name("ops/vault/"))));

    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    let ops: serde_json::Value =
        serde_json::from_str(&site.read(&format!("internal/nav/{}.json", branch_name("ops/")))).expect("JSON");
    let entries = ops.as_array().expect("an array");
    let vault = entries.iter().find(|e| e[0] == "Canary vault").expect("the internal page, in an internal build");
    assert_eq!(vault.as_array().map(Vec::len), Some(4), "{vault}: marked internal");
    assert_eq!(vault[3], 1);
    let section = entries.iter().find(|e| e[0] == "Canary section").expect("the internal section");
    assert_eq!(section[2], branch_name("ops/vault/"));
}

#[test]
fn a_public_build_names_no_group_of_an_internal_page_and_group_names_stay_text() {
    // A Middleman handbook's `section` names navigation groups: the
    // name is shown in the navigation, the branch files and the folder's page.
    let markup = "</script><img src=x onerror=alert(1)>";
    let site = Site::with_files(
        "nav-group-audience",
        &[
            ("book.toml", "[handbook]\ntitle = \"Docs\"\n\n[build]\ncontent-dir = \"source\"\n"),
            ("config.rb", "activate :tech_docs\n"),
            ("source/index.html.md", "---\ntitle: Docs\n---\n\nHome.\n"),
            ("source/manual/a.html.md", &format!("---\ntitle: A\nsection: \"{markup}\"\n---\n\nText.\n")),
            ("source/manual/b.html.md", "---\ntitle: B\nsection: Plain\n---\n\nText.\n"),
            (
                "source/manual/vault.html.md",
                "---\ntitle: Vault\nvisibility: internal\nsection: Canary group\n---\n\nText.\n",
            ),
        ],
    );
    site.build(&[]).expect_code(0);
    assert_eq!(site.files_containing("public", "anary"), Vec::<String>::new());
    let page = site.read("public/manual/b.html");
    assert!(page.contains("<span>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;</span>"), "the name is text");
    let raw = site.files_containing("public", "<img src=x");
    assert!(raw.iter().all(|file| !file.ends_with(".html")), "{raw:?}");
    let manual: serde_json::Value =
        serde_json::from_str(&site.read(&format!("public/nav/{}.json", branch_name("manual/")))).expect("JSON");
    assert_eq!(manual[0][4], markup, "the name is a JSON string, as written");

    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.read("internal/manual/b.html").contains("<span>Canary group</span>"), "an internal build names it");
}
