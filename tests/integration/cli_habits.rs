//! The command-line habits users of Hugo, Zola and mdBook expect: shell completions and
//! a manual page generated from the CLI definition, `--version` naming the commit, a
//! progress line on a terminal only, and `NO_COLOR`/`CLICOLOR_FORCE`.

use crate::util;

use std::process::{Command, Output};

use util::{Site, fixtures, opsbook};

fn run(command: &mut Command) -> Output {
    command.output().expect("run opsbook")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn completions_are_printed_for_every_shell_and_bash_reads_its_script() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = run(opsbook().args(["completions", shell]));
        assert!(output.status.success(), "{shell}: {}", text(&output.stderr));
        let script = text(&output.stdout);
        // Every command and an option of one of them are completed.
        for word in ["build", "serve", "check", "routes", "completions", "base-url"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    let script = run(opsbook().args(["completions", "bash"])).stdout;
    let dir = Site::empty("completions");
    dir.write("opsbook.bash", &script);
    let syntax = run(Command::new("bash").arg("-n").arg(dir.root.join("opsbook.bash")));
    assert!(syntax.status.success(), "bash -n: {}", text(&syntax.stderr));
    // Sourced, the script registers its completion function for `opsbook`.
    let registered = run(Command::new("bash")
        .arg("-c")
        .arg(format!("source {} && complete -p opsbook", dir.root.join("opsbook.bash").display())));
    assert!(text(&registered.stdout).contains("opsbook"), "{}", text(&registered.stderr));
}

#[test]
fn an_unknown_shell_is_a_usage_error_naming_the_shells() {
    let output = run(opsbook().args(["completions", "tcsh"]));
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("tcsh") && stderr.contains("bash") && stderr.contains("powershell"), "{stderr}");
}

#[test]
fn the_manual_page_is_roff_with_each_commands_own_page() {
    let output = run(opsbook().arg("man"));
    assert!(output.status.success());
    let page = text(&output.stdout);
    assert!(page.contains(".TH opsbook 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("opsbook\\-build(1)"), "the commands are listed as pages of their own");

    let build = text(&run(opsbook().args(["man", "build"])).stdout);
    assert!(build.contains(".TH opsbook-build 1"), "{build}");
    assert!(build.contains("\\-\\-base\\-url") && build.contains("\\-\\-cache\\-dir"), "the options are described");

    let unknown = run(opsbook().args(["man", "deploy"]));
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = text(&unknown.stderr);
    assert!(stderr.contains("'deploy'") && stderr.contains("build, serve, check"), "{stderr}");
}

#[test]
fn the_version_names_the_commit_it_was_built_from() {
    let version = text(&run(opsbook().arg("--version")).stdout);
    let expected = format!("opsbook {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = Command::new("git").arg("-C").arg(repository).args(["rev-parse", "HEAD"]).output();
    match head {
        Ok(head) if head.status.success() && repository.join(".git").exists() => {
            let head = text(&head.stdout);
            let shown = version.trim().strip_prefix(&expected).expect("the version first");
            let inner = shown.trim().strip_prefix('(').and_then(|s| s.strip_suffix(')')).expect("(commit date)");
            let (hash, date) = inner.split_once(' ').expect("a hash and a date");
            assert!(head.starts_with(hash) && hash.len() == 12, "{hash} is not HEAD {head}");
            assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
        }
        // A packaged crate has no checkout: the version alone.
        _ => assert_eq!(version.trim(), expected),
    }
}

/// Runs `check` on a handbook with a broken link, with `env` set and the colour
/// variables of the caller's environment removed; returns its standard error.
fn check_stderr(env: &[(&str, &str)]) -> String {
    let mut command = opsbook();
    command.args(["check", "--root"]).arg(fixtures().join("errors/broken-link")).env_remove("CLICOLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = run(&mut command);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    text(&output.stderr)
}

#[test]
fn colour_follows_no_color_and_clicolor_force() {
    // Not a terminal: no colour.
    assert!(!check_stderr(&[]).contains('\x1b'));
    // CLICOLOR_FORCE colours even into a pipe.
    let forced = check_stderr(&[("CLICOLOR_FORCE", "1")]);
    assert!(forced.contains("\x1b[1;31m"), "{forced}");
    // NO_COLOR wins over CLICOLOR_FORCE.
    assert!(!check_stderr(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
    // CLICOLOR_FORCE=0 forces nothing.
    assert!(!check_stderr(&[("CLICOLOR_FORCE", "0")]).contains('\x1b'));
}

/// Builds the `basic` fixture under a pseudo-terminal (util-linux's `script`), the
/// progress line asked for at once; returns what the terminal showed.
fn build_on_a_terminal(site: &Site, extra: &str, env: &[(&str, &str)]) -> String {
    let binary = env!("CARGO_BIN_EXE_opsbook");
    let line = format!("'{binary}' build --root '{}' --no-cache {extra}", site.root.display());
    let mut command = Command::new("script");
    command.args(["-q", "-e", "-c", &line, "/dev/null"]).env_remove("CI").env("TERM", "xterm");
    command.env("OPSBOOK_PROGRESS_AFTER_MS", "0");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("util-linux's `script` (Debian's bsdutils) runs");
    assert!(output.status.success(), "{}{}", text(&output.stdout), text(&output.stderr));
    text(&output.stdout)
}

#[test]
fn a_progress_line_shows_on_a_terminal_and_is_erased() {
    // A thousand pages take far longer than the line's first tick (100 ms).
    let site = Site::with_files("progress", &[]);
    for n in 0..1000 {
        site.write(&format!("content/page-{n}.md"), format!("# Page {n}\n\n{}\n", "Words of a page. ".repeat(200)));
    }
    let shown = build_on_a_terminal(&site, "", &[]);
    let summary = shown.find("built ").expect("the summary line");
    let progress = &shown[..summary];
    assert!(progress.starts_with("\r\x1b[2K"), "the line redraws itself in place: {progress:?}");
    assert!(progress.contains(" pages · ") && progress.contains("/1,00"), "steps name their pages: {progress:?}");
    assert!(progress.ends_with("\r\x1b[2K"), "the line is erased before the summary: {progress:?}");
    // Without OPSBOOK_PROGRESS_AFTER_MS, nothing shows in the first second.
    let basic = Site::fixture("basic");
    let mut quick = Command::new("script");
    let line = format!("'{}' build --root '{}'", env!("CARGO_BIN_EXE_opsbook"), basic.root.display());
    quick.args(["-q", "-e", "-c", &line, "/dev/null"]).env_remove("CI").env_remove("OPSBOOK_PROGRESS_AFTER_MS");
    let quick = text(&run(&mut quick).stdout);
    assert!(quick.starts_with("built "), "a build under a second shows no line: {quick:?}");
}

#[test]
fn no_progress_line_with_quiet_in_ci_or_into_a_pipe() {
    let site = Site::fixture("basic");
    let quiet = build_on_a_terminal(&site, "-q", &[]);
    assert!(!quiet.contains('\x1b'), "{quiet:?}");
    let ci = build_on_a_terminal(&site, "", &[("CI", "true")]);
    assert!(!ci.contains('\x1b') && ci.contains("built "), "{ci:?}");
    let dumb = build_on_a_terminal(&site, "", &[("TERM", "dumb")]);
    assert!(!dumb.contains('\x1b') && dumb.contains("built "), "{dumb:?}");
    // Into a pipe (the tests' own runs): nothing but the summary.
    let piped =
        run(opsbook().args(["build", "--no-cache", "--root"]).arg(&site.root).env("OPSBOOK_PROGRESS_AFTER_MS", "0"));
    assert!(!text(&piped.stderr).contains('\x1b'), "{}", text(&piped.stderr));
}
