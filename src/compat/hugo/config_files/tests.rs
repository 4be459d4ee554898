//! The cases of Hugo's configuration directory tests (gohugoio/hugo at
//! 7b5199fdeff7d7682e9f979f468d55bc7b67b934: `hugolib/configdir_test.go`, and
//! `config/configLoader.go` `LoadConfigFromDir` for the places of named files), each a
//! handbook folder read by [`load`].

use serde_json::{Value, json};

use super::*;

/// The merged configuration of a handbook of `files` (path, text), with the notes given.
fn loaded(name: &str, files: &[(&str, &str)]) -> (HugoConfig, Vec<Diagnostic>) {
    let root = crate::test_support::temp_dir(&format!("hugo-config-{name}"));
    std::fs::write(root.join("book.toml"), "[handbook]\ntitle = \"T\"\n").expect("book.toml");
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folders");
        std::fs::write(path, text).expect("file");
    }
    let config = Config::load(&root, &crate::config::Overrides::default()).expect("book.toml");
    let mut diagnostics = Vec::new();
    let hugo = load(&config, &mut diagnostics);
    ((*hugo).clone(), diagnostics)
}

fn merged(name: &str, files: &[(&str, &str)]) -> Value {
    loaded(name, files).0.merged.unwrap_or(Value::Null)
}

/// `TestConfigDir`: the root file, then `config/_default/` by name (`config.toml`
/// before `params.toml`), each merged over the one before.
#[test]
fn merges_the_root_file_then_the_folder_in_name_order() {
    let site = merged(
        "configdir",
        &[
            ("config/_default/params.toml", "a = \"acp1\"\nd = \"dcp1\"\n"),
            ("config/_default/config.toml", "[params]\na = \"ac1\"\nb = \"bc1\"\n"),
            ("hugo.toml", "baseURL = \"https://example.com\"\n[params]\na = \"a1\"\nb = \"b1\"\nc = \"c1\"\n"),
        ],
    );
    assert_eq!(site["params"], json!({"a": "acp1", "b": "bc1", "c": "c1", "d": "dcp1"}));
    assert_eq!(site["baseURL"], "https://example.com");
}

/// `TestConfigDirCascadeSliceIssue12899`, `TestConfigDirPermalinksSliceIssue12899`,
/// `TestConfigDirRepeatRootMapIssue14882`: a file whose one key is its name is unwrapped,
/// lists and tables alike.
#[test]
fn unwraps_a_files_one_key_named_as_the_file() {
    let site = merged(
        "unwrap",
        &[
            ("hugo.toml", "baseURL = \"https://example.com\"\n"),
            (
                "config/_default/permalinks.yaml",
                "permalinks:\n  - target:\n      path: /books/**\n    pattern: /shelf/:slug/\n",
            ),
            ("config/_default/params.yaml", "params:\n  a: aval\n  b: bval\n"),
        ],
    );
    assert_eq!(site["permalinks"][0]["pattern"], "/shelf/:slug/");
    assert_eq!(site["params"], json!({"a": "aval", "b": "bval"}));
}

/// `TestConfigDirUnwrapOnlySoleKeyIssue12899`: a table beside other keys stays. (Its
/// `yes` is a string in Hugo's YAML 1.2 and `true` in opsbook's reader, which reads
/// YAML 1.1 as Jekyll's does: the unwrapping is what this case holds.)
#[test]
fn unwraps_only_a_sole_key() {
    let site = merged("sole", &[("config/_default/params.yaml", "params:\n  nested: yes\nother: top\n")]);
    assert_eq!(site["params"]["other"], "top");
    assert!(site["params"]["params"].get("nested").is_some(), "{site}");
    assert_eq!(site["params"].as_object().map(|params| params.len()), Some(2), "{site}");
}

/// `TestConfigDirCascadeEnvironmentOverrideIssue12899`: `config/production/` wins over
/// `config/_default/` (the environment `hugo` builds with).
#[test]
fn the_production_folder_wins() {
    let site = merged(
        "production",
        &[
            ("config/_default/cascade.yaml", "cascade:\n  - params:\n      color: default\n"),
            ("config/production/cascade.yaml", "cascade:\n  - params:\n      color: production\n"),
            ("config/development/cascade.yaml", "cascade:\n  - params:\n      color: development\n"),
        ],
    );
    assert_eq!(site["cascade"][0]["params"]["color"], "production");
}

/// `LoadConfigFromDir` walks the folder at any depth: a file's key is its name, not its
/// folder's (`module/module.yaml` is `module`, `versions/params.yaml` is `params`).
#[test]
fn a_file_in_a_subfolder_is_keyed_by_its_name() {
    let (hugo, _) = loaded(
        "subfolders",
        &[
            ("config/_default/config.toml", "title = \"T\"\n[params]\na = 1\n"),
            ("config/_default/module/module.yaml", "mounts:\n  - source: content/en\n    target: content\n"),
            ("config/_default/versions/params.yaml", "version: v1\n"),
            ("config/_default/languages/languages.yaml", "en:\n  weight: 1\n"),
            ("config/_default/notes.txt", "not read"),
        ],
    );
    let site = hugo.merged.clone().expect("a configuration");
    assert_eq!(site["module"]["mounts"][0]["source"], "content/en");
    assert_eq!(site["params"], json!({"a": 1, "version": "v1"}));
    assert_eq!(site["languages"]["en"]["weight"], 1);
    assert_eq!(site["title"], "T");
    let module = hugo.file_of(&["module", "mounts"]).expect("the module's file");
    assert_eq!(module.name, "config/_default/module/module.yaml");
    assert!(hugo.files.iter().all(|f| !f.name.ends_with(".txt")));
}

/// A name with a language: `menus` and `params` go into that language's settings,
/// another name is the language's settings themselves; `menu` is `menus`.
#[test]
fn places_a_languages_file_in_its_settings() {
    let map = |value: Value| value.as_object().cloned().expect("a table");
    assert_eq!(place("params.de.toml", map(json!({"a": 1}))), json!({"languages": {"de": {"params": {"a": 1}}}}));
    assert_eq!(
        place("menu.de.yaml", map(json!({"menu": {"main": []}}))),
        json!({"languages": {"de": {"menus": {"main": []}}}})
    );
    assert_eq!(place("menus.yaml", map(json!({"main": [1]}))), json!({"menus": {"main": [1]}}));
    assert_eq!(place("menu.toml", map(json!({"main": [1]}))), json!({"menus": {"main": [1]}}));
    assert_eq!(place("other.fr.toml", map(json!({"title": "x"}))), json!({"languages": {"fr": {"title": "x"}}}));
    assert_eq!(place("config.toml", map(json!({"menu": {"main": [2]}}))), json!({"menus": {"main": [2]}}));
    assert_eq!(place("hugo.yaml", map(json!({"hugo": 1}))), json!({"hugo": 1}));
}

/// Tables merge key by key without regard to case; lists and other values are replaced.
#[test]
fn merges_as_hugo_sets_params() {
    let mut into = json!({"Params": {"a": 1, "list": [1, 2]}, "title": "x"});
    merge(&mut into, json!({"params": {"b": 2, "list": [3]}, "title": {"t": 1}}));
    assert_eq!(into, json!({"Params": {"a": 1, "b": 2, "list": [3]}, "title": {"t": 1}}));
}

/// `TestConfigYAMLNilMapIssue14074`: an empty file is no error; one that cannot be
/// parsed is a note at its name, and left out.
#[test]
fn an_empty_file_is_nothing_and_a_broken_one_a_note() {
    let (hugo, diagnostics) = loaded(
        "broken",
        &[
            ("hugo.yaml", ""),
            ("config/_default/taxonomies.yaml", "# empty on purpose\n"),
            ("config/_default/params.toml", "a = \n"),
            ("config/_default/menus.toml", "[[main]]\nname = \"A\"\n"),
        ],
    );
    assert_eq!(hugo.merged.expect("the menus")["menus"]["main"][0]["name"], "A");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].path, "config/_default/params.toml");
    assert!(diagnostics[0].message.contains("Hugo's defaults are used"), "{}", diagnostics[0].message);
}
