//! PlantUML diagrams (```` ```plantuml ```` and ```` ```puml ```` fences), drawn at build
//! time by a `plantuml` program on the `PATH` (Debian's package `plantuml`), or shown as
//! their source under a one-line note when there is none.
//!
//! More: docs/architecture.md, "Notes by module".

use std::collections::BTreeMap;
use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// How long one diagram may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The JVM's options for the PlantUML process: the quick compiler only (no C2, whose
/// compiler threads took more CPU than the diagrams), one compiler thread, the serial
/// collector (no collector threads; the heap stays small), and a heap of at most 512
/// MiB, the memory budget of a build's diagrams (a handbook's 29 took 188 MiB), so no
/// diagram takes the machine's memory.
const JAVA_OPTIONS: &str = "-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xmx512m";

/// The mark PlantUML writes after each diagram's SVG.
const DELIMITER: &str = "OPSBOOK-PLANTUML-END-4f1c";

/// What PlantUML may not be asked to do: read files, environment variables, URLs.
/// (`!pragma` sets a layout option and reads nothing: <https://plantuml.com/preprocessing>.)
const REFUSED: [&str; 8] =
    ["!include", "!import", "!theme", "%getenv", "%load_json", "%file", "<img:", "%get_variable_value"];

/// What PlantUML reads from its own standard library, inside the program
/// (`!include <C4/C4_Container>`, <https://plantuml.com/stdlib>): no file of the
/// machine's, no network.
const STANDARD_LIBRARY: &str = "!include <";

/// The refused directive `source` uses, if any: a `!include` of the standard library
/// is none.
fn refused_in(source: &str) -> Option<&'static str> {
    REFUSED.iter().copied().find(|refused| {
        source.match_indices(refused).any(|(at, _)| !(*refused == "!include" && is_standard_library(&source[at..])))
    })
}

/// Whether the directive at the start of `directive` is `!include <lib/name>` alone on
/// its line, a name of the standard library (no `..`, no absolute path).
fn is_standard_library(directive: &str) -> bool {
    let Some(rest) = directive.strip_prefix(STANDARD_LIBRARY) else { return false };
    let line = rest.lines().next().unwrap_or("").trim_end();
    line.strip_suffix('>').is_some_and(|name| {
        !name.is_empty() && !name.contains("..") && !name.starts_with('/') && !name.contains(['<', '>', ':', '\\'])
    })
}

/// PlantUML's error drawing (`[From string (line 5) ]`, the lines read, the error):
/// the line of the diagram it names and the error's text, if `svg` is one.
fn error_in(svg: &str) -> Option<(usize, String)> {
    let texts: Vec<String> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| t.split_once('>').and_then(|(_, rest)| rest.split_once("</text>")).map(|(text, _)| text))
        .map(crate::html::decode_entities)
        .collect();
    let first = texts.first()?;
    let line = first.strip_prefix("[From string (line ")?.split_once(')')?.0.trim().parse().ok()?;
    Some((line, texts.last().cloned().unwrap_or_default()))
}

/// Why a PlantUML diagram is not drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// There is no `plantuml` program (or it stopped): the reason.
    NoProgram(String),
    /// The diagram itself: the message.
    Diagram(String),
}

/// A diagram drawn, by its source's hash: its SVG, or why not.
type Drawn = Result<Arc<str>, Failure>;

/// The PlantUML program of a build (or of a `serve` session, across its rebuilds),
/// started on the first diagram, and the diagrams it drew, by their source's hash. One
/// diagram at a time goes to the program; the memo is read by every worker.
pub struct Plantuml {
    drawn: Mutex<BTreeMap<u128, Drawn>>,
    state: Mutex<State>,
}

impl Default for Plantuml {
    fn default() -> Self {
        Plantuml::new()
    }
}

impl Plantuml {
    /// No program started yet, nothing drawn.
    pub const fn new() -> Self {
        Plantuml { drawn: Mutex::new(BTreeMap::new()), state: Mutex::new(State::Unstarted) }
    }
}

impl std::fmt::Debug for Plantuml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Plantuml").finish_non_exhaustive()
    }
}

impl Plantuml {
    /// The SVG of `source`, drawn by PlantUML (prolog removed), or why not.
    pub fn draw(&self, source: &str) -> Result<Arc<str>, Failure> {
        if let Some(refused) = refused_in(source) {
            return Err(Failure::Diagram(format!(
                "this PlantUML diagram uses `{refused}`, which reads files or the network; opsbook does not draw it"
            )));
        }
        let key = xxhash_rust::xxh3::xxh3_128(source.as_bytes());
        if let Some(done) = self.drawn(key) {
            return done;
        }
        // Another worker may have drawn it while this one waited for the program.
        let result = self.with_program(|program| match self.drawn(key) {
            Some(done) => done,
            None => program.draw(source),
        });
        self.drawn.lock().unwrap_or_else(PoisonError::into_inner).insert(key, result.clone());
        result
    }

    /// The diagram of source hash `key`, if it was drawn.
    fn drawn(&self, key: u128) -> Option<Drawn> {
        self.drawn.lock().unwrap_or_else(PoisonError::into_inner).get(&key).cloned()
    }

    /// Runs `work` with the program, started on first use, one diagram at a time.
    fn with_program(&self, work: impl FnOnce(&mut Program) -> Drawn) -> Drawn {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if matches!(*state, State::Unstarted) {
            *state = match Program::start() {
                Ok(program) => State::Running(program),
                Err(reason) => State::Gone(reason),
            };
        }
        let result = match &mut *state {
            State::Running(program) => work(program),
            State::Gone(reason) => return Err(Failure::NoProgram(reason.clone())),
            State::Unstarted => return Err(Failure::NoProgram("PlantUML did not start".into())),
        };
        if let Err(Failure::NoProgram(reason)) = &result {
            // Dropping the program stops it.
            *state = State::Gone(reason.clone());
        }
        result
    }
}

/// The program, started on first use, or why there is none.
#[derive(Default)]
enum State {
    #[default]
    Unstarted,
    Running(Program),
    Gone(String),
}

/// A `plantuml -pipe` process and the SVGs its reader thread hands back; stopped when
/// dropped, with the build or the `serve` session that started it.
struct Program {
    child: Child,
    input: ChildStdin,
    output: Receiver<String>,
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Program {
    /// Starts `plantuml` from the `PATH`, in a folder of its own, with only the
    /// environment it needs.
    fn start() -> Result<Program, String> {
        let path = find_program("plantuml")
            .ok_or("there is no `plantuml` program on the PATH (Debian's package `plantuml` provides one)")?;
        let mut child = command(&path).spawn().map_err(|e| format!("`{}` did not start: {e}", path.display()))?;
        let (Some(input), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            return Err("`plantuml` has no input or output".into());
        };
        let (send, output) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut svg = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
                match line.find(DELIMITER) {
                    Some(at) => {
                        svg.push_str(&line[..at]);
                        if send.send(std::mem::take(&mut svg)).is_err() {
                            return;
                        }
                    }
                    None => svg.push_str(&line),
                }
                line.clear();
            }
        });
        Ok(Program { child, input, output })
    }

    /// Draws one diagram.
    fn draw(&mut self, source: &str) -> Result<Arc<str>, Failure> {
        let own_start = source.trim_start().starts_with("@start");
        let wrapped = if own_start {
            format!("{}\n", source.trim_end())
        } else {
            format!("@startuml\n{}\n@enduml\n", source.trim_end())
        };
        let stopped = |e: std::io::Error| Failure::NoProgram(format!("`plantuml` stopped: {e}"));
        self.input.write_all(wrapped.as_bytes()).map_err(stopped)?;
        self.input.flush().map_err(stopped)?;
        let svg = match self.output.recv_timeout(TIMEOUT) {
            Ok(svg) => svg,
            Err(RecvTimeoutError::Timeout) => {
                return Err(Failure::NoProgram(format!("`plantuml` took over {} s on a diagram", TIMEOUT.as_secs())));
            }
            Err(RecvTimeoutError::Disconnected) => return Err(Failure::NoProgram("`plantuml` stopped".into())),
        };
        if let Some((line, error)) = error_in(&svg) {
            // The line in the fence: PlantUML counts from the first line it was given,
            // and the blank lines before `@startuml` were trimmed.
            let skipped = source.len() - source.trim_start().len();
            let line = line.saturating_sub(usize::from(!own_start)).max(1) + source[..skipped].matches('\n').count();
            let error = if error.is_empty() { "Syntax Error?".to_string() } else { error };
            return Err(Failure::Diagram(format!(
                "PlantUML cannot read line {line} of this diagram (\"{error}\"); a newer PlantUML than the one on the PATH may"
            )));
        }
        // PlantUML's welcome picture: nothing of the source was drawn (a PlantUML
        // without the standard library draws it for a diagram of only includes).
        if svg.contains(">Welcome to PlantUML!<") {
            return Err(Failure::Diagram(
                "PlantUML drew nothing of this diagram; the PlantUML on the PATH may lack what it includes".into(),
            ));
        }
        if svg.contains(">Syntax Error?<") {
            return Err(Failure::Diagram("PlantUML cannot read this diagram (\"Syntax Error?\")".into()));
        }
        let start = svg.find("<svg").ok_or_else(|| Failure::Diagram("PlantUML drew no SVG".into()))?;
        Ok(Arc::from(svg[start..].trim_end()))
    }
}

/// The command that starts `plantuml` at `path`: in a folder of its own, with only the
/// environment it needs and the JVM's options.
fn command(path: &std::path::Path) -> Command {
    let mut command = Command::new(path);
    command
        .args(["-tsvg", "-pipe", "-charset", "UTF-8", "-pipedelimitor", DELIMITER])
        .current_dir(std::env::temp_dir())
        .env_clear()
        .env("PLANTUML_SECURITY_PROFILE", "SANDBOX")
        .env("JAVA_TOOL_OPTIONS", JAVA_OPTIONS)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for kept in ["PATH", "JAVA_HOME", "LANG", "HOME"] {
        if let Some(value) = std::env::var_os(kept) {
            command.env(kept, value);
        }
    }
    command
}

/// The first executable file `name` in the folders of the `PATH`.
fn find_program(name: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|folder| folder.join(name)).find(|candidate| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::metadata(candidate).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            candidate.is_file()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_what_reads_only_plantuml_itself() {
        assert_eq!(refused_in("@startuml\n!pragma teoz true\nA -> B\n@enduml"), None);
        assert_eq!(refused_in("!include <C4/C4_Container>\nA -> B"), None);
        assert_eq!(refused_in("!include <C4/C4_Container>\n!include /etc/passwd"), Some("!include"));
        assert_eq!(refused_in("!include <../../etc/passwd>"), Some("!include"));
        assert_eq!(refused_in("!include <a> trailing"), Some("!include"));
    }

    #[test]
    fn reads_plantumls_error_drawing() {
        let svg = "<svg><text x=\"1\">[From string (line 5) ]</text><text>@startuml</text>\
                   <text>\"A\" --&gt; b</text><text>Syntax Error?</text></svg>";
        assert_eq!(error_in(svg), Some((5, "Syntax Error?".to_string())));
        assert_eq!(error_in("<svg><text>A</text></svg>"), None);
    }

    #[test]
    fn runs_the_jvm_with_the_quick_compiler_and_a_clean_environment() {
        let command = command(std::path::Path::new("/usr/bin/plantuml"));
        let envs: std::collections::HashMap<_, _> = command.get_envs().collect();
        assert_eq!(
            envs.get(std::ffi::OsStr::new("JAVA_TOOL_OPTIONS")),
            Some(&Some(std::ffi::OsStr::new(JAVA_OPTIONS)))
        );
        assert!(JAVA_OPTIONS.contains("-XX:TieredStopAtLevel=1"), "{JAVA_OPTIONS}");
        assert!(JAVA_OPTIONS.ends_with("-Xmx512m"), "the heap is bounded: {JAVA_OPTIONS}");
        let args: Vec<_> = command.get_args().collect();
        assert_eq!(args[..2], ["-tsvg", "-pipe"]);
    }

    #[test]
    fn refuses_what_reads_outside_the_handbook() {
        for source in
            ["@startuml\n!include /etc/passwd\n@enduml", "A -> B : %getenv(\"HOME\")", "A : <img:http://x/y.png>"]
        {
            let Err(Failure::Diagram(message)) = Plantuml::default().draw(source) else { panic!("drawn: {source}") };
            assert!(message.contains("reads files or the network"), "{message}");
        }
    }
}
