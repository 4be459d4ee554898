//! Names the commit the binary is built from, for `opsbook --version`
//! (`opsbook 0.1.0 (1a2b3c4d5e6f 2026-11-24)`), as Hugo's and Zola's `version` do.
//!
//! The commit is read with `git` only when the crate's own folder is a git checkout (a
//! `.git` folder or worktree file beside Cargo.toml); a packaged crate (`cargo install`
//! from crates.io, `cargo package`'s verification inside target/) has none and says the
//! version alone. `OPSBOOK_COMMIT` (and `OPSBOOK_COMMIT_DATE`) set in the environment
//! win, for packagers who build from a tarball. The script reruns when HEAD or the
//! branch it points at moves, and never otherwise.

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=OPSBOOK_COMMIT");
    println!("cargo::rerun-if-env-changed=OPSBOOK_COMMIT_DATE");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let line = match commit() {
        Some((hash, date)) if date.is_empty() => format!("{version} ({hash})"),
        Some((hash, date)) => format!("{version} ({hash} {date})"),
        None => version,
    };
    println!("cargo::rustc-env=OPSBOOK_VERSION_LINE={line}");
}

/// The commit's short hash and its date, from the environment or the checkout.
fn commit() -> Option<(String, String)> {
    if let Some(hash) = std::env::var("OPSBOOK_COMMIT").ok().filter(|hash| !hash.trim().is_empty()) {
        let date = std::env::var("OPSBOOK_COMMIT_DATE").unwrap_or_default();
        return Some((hash.trim().chars().take(12).collect(), date.trim().to_string()));
    }
    let dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    if !Path::new(&dir).join(".git").exists() {
        return None;
    }
    // Rerun when HEAD moves to another branch or commit, and when the branch moves.
    for name in ["HEAD", "packed-refs"] {
        if let Some(path) = git(&dir, &["rev-parse", "--git-path", name]) {
            watch(&dir, &path);
        }
    }
    if let Some(branch) = git(&dir, &["symbolic-ref", "-q", "HEAD"])
        && let Some(path) = git(&dir, &["rev-parse", "--git-path", &branch])
    {
        watch(&dir, &path);
    }
    let shown = git(&dir, &["show", "-s", "--format=%h %cs", "--abbrev=12", "HEAD"])?;
    let (hash, date) = shown.split_once(' ').unwrap_or((&shown, ""));
    Some((hash.to_string(), date.to_string()))
}

/// Asks cargo to rerun the script when `path` (relative to `dir` or absolute) changes.
fn watch(dir: &str, path: &str) {
    let path = Path::new(dir).join(path);
    if path.exists() {
        println!("cargo::rerun-if-changed={}", path.display());
    }
}

/// What `git ARGS` prints in `dir`, trimmed, when it succeeds.
fn git(dir: &str, args: &[&str]) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(args).output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    (output.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}
