//! The GitHub Action (`action.yml`) and the GitLab CI template (`opsbook.gitlab-ci.yml`)
//! at the repository's root, and the snippets of the guide's CI page that use them, are
//! valid for GitHub and GitLab: check-jsonschema validates each against the schema of
//! its vendor (its built-in `vendor.github-actions`, `vendor.github-workflows` and
//! `vendor.gitlab-ci`), and a broken action is rejected, so the validation is not
//! vacuous. Every input the action's steps use is one it declares, which no schema sees.
//!
//! `tests/ci_templates/install.sh` installs check-jsonschema under `target/`; without
//! it the schema tests skip with a message, unless `OPSBOOK_REQUIRE_CHECK_JSONSCHEMA`
//! is set (as `.ci/run` sets it), when they fail.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's folder.
fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// check-jsonschema: the one `tests/ci_templates/install.sh` installed, or one on the
/// `PATH`; `None` (after saying so) when neither is there and CI does not require it.
fn tool() -> Option<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| repo().join("target"), PathBuf::from);
    let installed = target.join("ci-schema-venv/bin/check-jsonschema");
    if installed.is_file() {
        return Some(installed);
    }
    let on_path = PathBuf::from("check-jsonschema");
    if Command::new(&on_path).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(on_path);
    }
    assert!(
        std::env::var_os("OPSBOOK_REQUIRE_CHECK_JSONSCHEMA").is_none(),
        "check-jsonschema is missing: run tests/ci_templates/install.sh"
    );
    eprintln!("skipped: check-jsonschema is missing (tests/ci_templates/install.sh installs it)");
    None
}

/// Validates `file` against check-jsonschema's built-in `schema`: its report when the
/// file is invalid.
fn validate(tool: &Path, schema: &str, file: &Path) -> Result<(), String> {
    let output =
        Command::new(tool).args(["--builtin-schema", schema]).arg(file).output().expect("run check-jsonschema");
    if output.status.success() {
        Ok(())
    } else {
        Err(format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr)))
    }
}

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("opsbook-ci-templates-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("make a scratch folder");
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn the_action_is_a_valid_github_action() {
    let Some(tool) = tool() else { return };
    if let Err(report) = validate(&tool, "vendor.github-actions", &repo().join("action.yml")) {
        panic!("action.yml:\n{report}");
    }
}

#[test]
fn the_gitlab_template_is_valid_gitlab_ci() {
    let Some(tool) = tool() else { return };
    if let Err(report) = validate(&tool, "vendor.gitlab-ci", &repo().join("opsbook.gitlab-ci.yml")) {
        panic!("opsbook.gitlab-ci.yml:\n{report}");
    }
}

#[test]
fn a_broken_action_is_rejected() {
    let Some(tool) = tool() else { return };
    let scratch = Scratch::new("broken");
    let action = std::fs::read_to_string(repo().join("action.yml")).expect("read action.yml");
    // A composite action's `run` step must name its shell.
    let broken = action.replacen("      shell: bash\n", "", 1);
    assert_ne!(broken, action);
    let file = scratch.0.join("action.yml");
    std::fs::write(&file, broken).expect("write the broken action");
    let report = validate(&tool, "vendor.github-actions", &file).expect_err("a step without its shell is rejected");
    assert!(report.contains("action.yml"), "{report}");
}

/// The YAML blocks of the guide's CI page, each with its schema: a workflow (it has
/// `runs-on:`) or a `.gitlab-ci.yml` (it has `include:`).
fn guide_snippets() -> Vec<(&'static str, String)> {
    let page =
        std::fs::read_to_string(repo().join("content/guide/continuous-integration.md")).expect("read the CI page");
    let mut snippets = Vec::new();
    let mut rest = page.as_str();
    while let Some(start) = rest.find("```yaml\n") {
        let block = &rest[start + 8..];
        let end = block.find("```").expect("a closed block");
        let text = block[..end].to_string();
        if text.contains("runs-on:") {
            snippets.push(("vendor.github-workflows", text));
        } else if text.contains("include:") {
            snippets.push(("vendor.gitlab-ci", text));
        }
        rest = &block[end + 3..];
    }
    snippets
}

#[test]
fn the_guide_s_snippets_are_valid() {
    let snippets = guide_snippets();
    assert!(snippets.iter().any(|(schema, _)| *schema == "vendor.github-workflows"), "no workflow in the guide");
    assert!(snippets.iter().any(|(schema, _)| *schema == "vendor.gitlab-ci"), "no GitLab pipeline in the guide");
    let Some(tool) = tool() else { return };
    let scratch = Scratch::new("guide");
    for (n, (schema, text)) in snippets.iter().enumerate() {
        let file = scratch.0.join(format!("snippet-{n}.yml"));
        std::fs::write(&file, text).expect("write a snippet");
        if let Err(report) = validate(&tool, schema, &file) {
            panic!("the guide's snippet {n} ({schema}):\n{text}\n{report}");
        }
    }
}

/// The names in `text` after each `prefix` (`${{ inputs.NAME }}`).
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    text.match_indices(prefix)
        .map(|(at, _)| {
            let rest = &text[at + prefix.len()..];
            rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len())]
                .to_string()
        })
        .collect()
}

#[test]
fn the_action_uses_only_the_inputs_it_declares() {
    let action = std::fs::read_to_string(repo().join("action.yml")).expect("read action.yml");
    let value: serde_json::Value = serde_saphyr::from_str(&action).expect("action.yml is YAML");
    let declared = value["inputs"].as_object().expect("inputs");
    let used = names_after(&action, "inputs.");
    assert!(used.len() > 5, "{used:?}");
    for name in used {
        assert!(declared.contains_key(&name), "action.yml uses the input {name}, which it does not declare");
    }
    // Findings become annotations, and handbook.json is uploaded.
    assert!(action.contains("opsbook check --root \"$ROOT\" --format github"));
    assert!(action.contains("/handbook.json"));
}

#[test]
fn the_gitlab_template_reports_findings_as_code_quality() {
    let template = std::fs::read_to_string(repo().join("opsbook.gitlab-ci.yml")).expect("read the template");
    let value: serde_json::Value = serde_saphyr::from_str(&template).expect("the template is YAML");
    let job = &value["opsbook"];
    assert_eq!(job["artifacts"]["reports"]["codequality"], "gl-code-quality-report.json");
    let script: Vec<&str> = job["script"].as_array().expect("a script").iter().filter_map(|s| s.as_str()).collect();
    assert!(
        script.iter().any(|line| line.contains("--format gitlab") && line.ends_with("> gl-code-quality-report.json")),
        "{script:?}"
    );
    for name in names_after(&template, "$OPSBOOK_") {
        assert!(
            value["variables"].get(format!("OPSBOOK_{name}")).is_some() || name == "BIN",
            "an unset variable OPSBOOK_{name}"
        );
    }
}
