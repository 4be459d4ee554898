//! Git repositories made by the tests: commands run with a fixed author and dates, and
//! without the machine's git configuration.

use std::path::Path;
use std::process::Command;

/// Runs `git ARGS` in `dir` as author and committer "Test" at `date`.
pub fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("run git");
    assert!(status.success(), "git {args:?}");
}

/// Commits everything in `dir` at `date`.
pub fn commit_all(dir: &Path, message: &str, date: &str) {
    git(dir, &["add", "-A"], date);
    git(dir, &["commit", "-q", "-m", message], date);
}

/// The commit `HEAD` of the repository at `dir`.
pub fn head(dir: &Path) -> String {
    let out = Command::new("git").args(["rev-parse", "HEAD"]).current_dir(dir).output().expect("git rev-parse");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}
