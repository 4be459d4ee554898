//! Helpers for the integration tests: fixture sites copied into temporary folders, and
//! the real `opsbook` binary run on them with a clean environment.

#![allow(dead_code, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A handbook in a temporary folder, removed when dropped.
pub struct Site {
    pub root: PathBuf,
}

/// What a run of the binary printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Panics with the output when the run did not exit with `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(self.code, code, "exit code\n--- stdout\n{}\n--- stderr\n{}", self.stdout, self.stderr);
        self
    }
}

/// The folder of the fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

impl Site {
    /// An empty temporary folder.
    pub fn empty(name: &str) -> Site {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("opsbook-test-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create the temporary folder");
        Site { root }
    }

    /// A copy of `tests/fixtures/<fixture>`.
    pub fn fixture(fixture: &str) -> Site {
        let site = Site::empty(&fixture.replace('/', "-"));
        copy_dir(&fixtures().join(fixture), &site.root);
        site
    }

    /// A handbook with a `book.toml` titled "Test" and the given files.
    pub fn with_files(name: &str, files: &[(&str, &str)]) -> Site {
        let site = Site::empty(name);
        site.write("book.toml", "[handbook]\ntitle = \"Test\"\n");
        for (path, contents) in files {
            site.write(path, contents);
        }
        site
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(path, contents).expect("write a file");
    }

    /// Reads a file of the site (or its output) as bytes.
    #[track_caller]
    pub fn read_bytes(&self, path: &str) -> Vec<u8> {
        std::fs::read(self.root.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    /// Reads a file of the site (or its output) as text.
    #[track_caller]
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    /// Whether a file exists.
    pub fn exists(&self, path: &str) -> bool {
        self.root.join(path).exists()
    }

    /// Runs `opsbook ARGS` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(opsbook().args(args).current_dir(&self.root).output().expect("run opsbook"))
    }

    /// Runs `opsbook ARGS` in the site's folder with `OPSBOOK_TODAY` set, so review
    /// freshness and overdue items are measured against a fixed day.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let output = opsbook().args(args).env("OPSBOOK_TODAY", today).current_dir(&self.root).output();
        Run::from(output.expect("run opsbook"))
    }

    /// Runs `opsbook build ARGS` in the site's folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Every file under `dir`, relative to it, sorted.
    pub fn files_under(&self, dir: &str) -> Vec<String> {
        let base = self.root.join(dir);
        let mut files = Vec::new();
        collect_files(&base, &base, &mut files);
        files.sort();
        files
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// The `opsbook` binary, with the developer's environment cleared of what changes its
/// behaviour.
pub fn opsbook() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opsbook"));
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("OPSBOOK_") || key == "NO_COLOR" || key.starts_with("CLICOLOR") {
            command.env_remove(key.as_ref());
        }
    }
    command
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("read link");
            #[cfg(unix)]
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn collect_files(base: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            out.push(path.strip_prefix(base).expect("under base").to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The `<main>` element of a page, where the page's own content is.
#[track_caller]
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// The part of a page between `start` (inclusive) and the next `end` (inclusive).
#[track_caller]
pub fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html.find(start).unwrap_or_else(|| panic!("no {start:?} in the page"));
    let to = html[from..].find(end).map(|i| from + i + end.len()).unwrap_or_else(|| panic!("no {end:?}"));
    &html[from..to]
}

/// The values of every `href` and `src` attribute in an HTML document.
pub fn links_in(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attribute) {
            let preceded = rest[..i].chars().last().is_some_and(char::is_whitespace);
            rest = &rest[i + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            if preceded {
                links.push(rest[..end].replace("&amp;", "&"));
            }
            rest = &rest[end..];
        }
    }
    links
}

/// The texts of the links (`<a ...>text</a>`) in a piece of HTML, in order.
pub fn link_texts(html: &str) -> Vec<String> {
    html.split("<a ")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find('>')? + 1;
            let end = rest.find("</a>")?;
            Some(rest[start..end].to_string())
        })
        .collect()
}
