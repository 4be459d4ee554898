//! The output folder: `--out`, else `[build] output-dir`, else `public/`. A folder named
//! in `book.toml` is written by whoever edits the handbook (a pull request can change
//! it), so it must be a plain folder path inside the root: an absolute path, `..`, `.`,
//! an empty or hidden segment are `config-field` errors at the key, and `--out` is the
//! way to write elsewhere. Every output folder, however named, is then checked again
//! when a build claims it (`pipeline::claim`), where the key's place in `book.toml` names
//! the errors about a folder it chose.

use std::path::{Path, PathBuf};

use super::sources::{FolderProblem, relative_folder};
use super::{CONFIG_FILE, locate_key};
use crate::diagnostic::{Diagnostic, Rule};

/// Where the output folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputChoice {
    /// `--out` on the command line.
    CommandLine,
    /// `[build] output-dir` in `book.toml`, at this line and column.
    Config(usize, usize),
    /// Neither: `public/` under the root.
    Default,
}

/// The output folder (absolute) and where it was chosen: `--out` as given (relative to
/// the current folder), else `[build] output-dir` (`written`, relative to the root).
pub(super) fn resolve_output_dir(
    root: &Path,
    out: Option<&PathBuf>,
    written: &str,
    text: &str,
    problems: &mut Vec<Diagnostic>,
) -> (PathBuf, OutputChoice) {
    if let Some(dir) = out {
        return (std::path::absolute(dir).unwrap_or_else(|_| dir.clone()), OutputChoice::CommandLine);
    }
    let (line, column) = locate_key(text, "output-dir");
    if line == 0 {
        return (root.join(written), OutputChoice::Default);
    }
    let why = match relative_folder(written).and_then(short_names) {
        Ok(normal) => return (root.join(normal), OutputChoice::Config(line, column)),
        Err(problem) => why_not_inside(problem),
    };
    problems.push(
        Diagnostic::error(
            Rule::ConfigField,
            CONFIG_FILE,
            line,
            column,
            format!("`[build] output-dir` is {written:?}: {why}"),
        )
        .with_help(
            "name a folder inside the handbook, such as \"public\"; to write the site elsewhere, pass --out on the command line",
        ),
    );
    (root.join("public"), OutputChoice::Config(line, column))
}

/// `folder` when each of its names leaves room for the names a build adds beside it.
pub(super) fn short_names(folder: String) -> Result<String, FolderProblem> {
    match folder.split('/').any(|name| name.len() > super::sources::MAX_FOLDER_NAME) {
        true => Err(FolderProblem::TooLong),
        false => Ok(folder),
    }
}

/// Why a folder written for an output (`[build] output-dir`, `[status] site-dir`) is
/// not a plain folder inside the handbook, in the words of both errors.
pub(super) fn why_not_inside(problem: FolderProblem) -> &'static str {
    match problem {
        FolderProblem::Root => "it must name a folder inside the handbook, not the root itself",
        FolderProblem::Absolute => "it must be relative to the handbook's root, not absolute",
        FolderProblem::Escapes => "it must stay inside the handbook's root (no `..`)",
        FolderProblem::NotPlain => "it must be a plain folder path, without empty, `.` or hidden segments",
        FolderProblem::Control => "it must not hold control characters",
        FolderProblem::TooLong => "each of its folder names must be at most 200 bytes long",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, written: &str) -> (PathBuf, OutputChoice, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let (dir, choice) = resolve_output_dir(Path::new("/hb"), None, written, text, &mut problems);
        (dir, choice, problems)
    }

    #[test]
    fn takes_a_folder_inside_the_root() {
        let (dir, choice, problems) = resolve("[build]\noutput-dir = \"./site/\"\n", "./site/");
        assert_eq!(dir, Path::new("/hb/site"));
        assert_eq!(choice, OutputChoice::Config(2, 1));
        assert!(problems.is_empty());
        let (dir, choice, _) = resolve("[handbook]\n", "public");
        assert_eq!((dir.as_path(), choice), (Path::new("/hb/public"), OutputChoice::Default));
    }

    #[test]
    fn refuses_folders_outside_the_root_or_hidden_at_the_key() {
        for written in ["..", "../other", "/var/www", "a/../../b", ".", "", ".github", "docs/.git", "a\u{1}b"] {
            let text = format!("[handbook]\ntitle = \"T\"\n[build]\n  output-dir = {written:?}\n");
            let (dir, _, problems) = resolve(&text, written);
            assert_eq!(problems.len(), 1, "{written:?}");
            let message = &problems[0].message;
            assert!(message.contains("`[build] output-dir` is"), "{message}");
            assert_eq!((problems[0].line, problems[0].column), (4, 3), "{written:?}");
            assert_eq!(dir, Path::new("/hb/public"), "nothing outside is ever named");
        }
    }

    #[test]
    fn takes_the_command_line_as_given() {
        let mut problems = Vec::new();
        let out = PathBuf::from("/elsewhere/site");
        let (dir, choice) =
            resolve_output_dir(Path::new("/hb"), Some(&out), "../x", "output-dir = \"../x\"\n", &mut problems);
        assert_eq!((dir, choice), (out, OutputChoice::CommandLine));
        assert!(problems.is_empty(), "the command line wins; book.toml's folder is not read");
    }
}
