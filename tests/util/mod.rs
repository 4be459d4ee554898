//! Helpers for the integration tests: fixture sites copied into temporary folders, and
//! the real `opsbook` binary run on them with a clean environment.

#![allow(dead_code, unreachable_pub)]

pub mod git;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

    /// Reads a file of the site (or its output) as bytes; a gzip-compressed file (the
    /// search index's) inflated, so that a test sees (and searches) what it holds.
    #[track_caller]
    pub fn read_bytes(&self, path: &str) -> Vec<u8> {
        let bytes = std::fs::read(self.root.join(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        inflated(bytes).unwrap_or_else(|e| panic!("cannot inflate {path}: {e}"))
    }

    /// Reads a file of the site (or its output) as text; a gzip-compressed file inflated.
    #[track_caller]
    pub fn read(&self, path: &str) -> String {
        String::from_utf8(self.read_bytes(path)).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
    }

    /// Whether a file exists.
    pub fn exists(&self, path: &str) -> bool {
        self.root.join(path).exists()
    }

    /// Runs `opsbook ARGS` in the site's folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(opsbook().args(args).current_dir(&self.root).output().expect("run opsbook"))
    }

    /// Runs `opsbook ARGS` in the site's folder with `path` as its `PATH`: the programs
    /// the build may start (PlantUML).
    pub fn run_with_path(&self, path: impl AsRef<std::ffi::OsStr>, args: &[&str]) -> Run {
        Run::from(opsbook().args(args).env("PATH", path).current_dir(&self.root).output().expect("run opsbook"))
    }

    /// Runs `opsbook ARGS` in the site's folder with `OPSBOOK_TODAY` set, so review
    /// freshness and overdue items are measured against a fixed day.
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let output = opsbook().args(args).env("OPSBOOK_TODAY", today).current_dir(&self.root).output();
        Run::from(output.expect("run opsbook"))
    }

    /// Runs `opsbook ARGS` in the site's folder at the moment `epoch` (`SOURCE_DATE_EPOCH`,
    /// seconds since 1970), without colours: what a status page shows depends on it.
    pub fn run_at_epoch(&self, epoch: &str, args: &[&str]) -> Run {
        let mut command = opsbook();
        command.args(args).env("SOURCE_DATE_EPOCH", epoch).env("NO_COLOR", "1").current_dir(&self.root);
        Run::from(command.output().expect("run opsbook"))
    }

    /// Runs `opsbook build ARGS` in the site's folder.
    pub fn build(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Every file under `dir` (a gzip-compressed one inflated) whose bytes or path
    /// contain `word`, relative to `dir`, sorted.
    pub fn files_containing(&self, dir: &str, word: &str) -> Vec<String> {
        self.files_under(dir)
            .into_iter()
            .filter(|file| {
                let bytes = self.read_bytes(&format!("{dir}/{file}"));
                file.contains(word) || bytes.windows(word.len()).any(|w| w == word.as_bytes())
            })
            .collect()
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

/// Whether a run's standard error shows a panic: printed (a panic outside a page's
/// work), or caught and reported as an `internal-error` at a page (`src/panics.rs`).
pub fn panicked(stderr: &str) -> bool {
    stderr.contains("panicked") || stderr.contains("error[internal-error]")
}

/// The `opsbook` binary, with the developer's environment cleared of what changes its
/// behaviour.
pub fn opsbook() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_opsbook"));
    clear_env(&mut command);
    command
}

/// Runs `command` with no input, its output read as it comes, killed after `limit`:
/// its exit code (`None` when it was killed, -1 for a signal), standard output and
/// error, and the time it took.
pub fn run_killed_after(mut command: Command, limit: Duration) -> (Option<i32>, String, String, Duration) {
    command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().expect("start opsbook");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code().or(Some(-1));
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = started.elapsed();
    (code, stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default(), took)
}

/// Removes from `command`'s environment what changes opsbook's behaviour.
fn clear_env(command: &mut Command) {
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("OPSBOOK_") || key == "NO_COLOR" || key.starts_with("CLICOLOR") {
            command.env_remove(key.as_ref());
        }
    }
}

/// A running `opsbook serve`, stopped when dropped.
pub struct Server {
    pub child: Child,
    pub address: String,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Starts `opsbook serve --port 0 ARGS` on the site; waits for its address.
    pub fn start(site: &Site, args: &[&str]) -> Server {
        Server::start_with(site, args, &[], None)
    }

    /// Starts `opsbook serve --port 0 ARGS` with the environment variables `env`, and at
    /// most `max_files` open files when given (`ulimit -n`).
    pub fn start_with(site: &Site, args: &[&str], env: &[(&str, &str)], max_files: Option<u32>) -> Server {
        let mut command = match max_files {
            Some(max) => {
                let mut command = Command::new("sh");
                command.args(["-c", &format!("ulimit -n {max} && exec \"$0\" \"$@\""), env!("CARGO_BIN_EXE_opsbook")]);
                clear_env(&mut command);
                command
            }
            None => opsbook(),
        };
        let mut child = command
            .args(["serve", "--port", "0"])
            .args(args)
            .envs(env.iter().copied())
            .env("OPSBOOK_TODAY", "2026-11-15")
            .current_dir(&site.root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start opsbook serve");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().expect("stderr");
        let collected = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0; 4096];
            while let Ok(n) = err.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                collected.lock().expect("stderr lock").push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let mut out = child.stdout.take().expect("stdout");
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            let mut buffer = [0; 1024];
            while let Ok(n) = out.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                text.push_str(&String::from_utf8_lossy(&buffer[..n]));
                if let Some(at) = text.find("http://") {
                    let url = &text[at + "http://".len()..];
                    if let Some(end) = url.find('/') {
                        let _ = sender.send(url[..end].to_string());
                    }
                }
            }
        });
        let address = receiver.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("no URL printed; stderr:\n{}", stderr.lock().expect("stderr lock"))
        });
        Server { child, address, stderr }
    }

    /// Sends a raw request line path, returns status and body.
    pub fn request(&self, method: &str, path: &str, headers: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
        write!(stream, "{method} {path} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n", self.address)
            .expect("send");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("read the response");
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, head.to_ascii_lowercase(), body.to_string())
    }

    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path, "");
        (status, body)
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("stderr lock").clone()
    }

    /// Waits until `done` holds, or fails saying `what`.
    #[track_caller]
    pub fn wait_for(&self, what: &str, mut done: impl FnMut(&Server) -> bool) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("timed out waiting for {what}; stderr:\n{}", self.stderr());
    }

    /// Sends Ctrl-C; the exit status.
    pub fn interrupt(&mut self) -> Option<std::process::ExitStatus> {
        let pid = self.child.id().to_string();
        std::process::Command::new("kill").args(["-INT", &pid]).status().expect("kill -INT");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `bytes` inflated when they are gzip's (the search index's files), else as they are.
pub fn inflated(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
    Ok(out)
}

/// Saves a file the way editors do: a temporary file renamed over it.
pub fn save(site: &Site, path: &str, text: &str) {
    let temporary = site.root.join(format!("{path}.tmp~"));
    std::fs::write(&temporary, text).expect("write");
    std::fs::rename(&temporary, site.root.join(path)).expect("rename");
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

/// Where the redirect page at `path` (from the site's root) leads: its refresh's URL.
#[track_caller]
pub fn redirect_of(site: &Site, path: &str) -> String {
    let page = site.read(path);
    let at = page.find("url=").unwrap_or_else(|| panic!("{path} redirects: {page}"));
    page[at + 4..].split('"').next().unwrap_or_default().to_string()
}

/// The `<main>` element of a page, where the page's own content is.
#[track_caller]
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main> element");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// The name of the navigation's branch file of the section at `site_path` (`ops/`), as
/// the build names it: 12 hexadecimal digits of the path's 64-bit FNV-1a hash.
pub fn branch_name(site_path: &str) -> String {
    let hash =
        site_path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{:012x}", hash >> 16)
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

/// What a [`Responder`] answers a request: the bytes to write, or `None` to keep the
/// connection open and answer nothing (a server too slow for any budget).
pub type Answer = Option<Vec<u8>>;

/// Answers a request for a path (with its headers, lower-cased) with raw HTTP bytes.
pub type Responder = Box<dyn Fn(&str, &str) -> Answer + Send + Sync>;

/// An HTTP server on 127.0.0.1, one thread per connection, answering with `respond`;
/// it runs until the test ends. Returns its URL (`http://127.0.0.1:PORT/`).
pub fn serve_http(listener: std::net::TcpListener, respond: Responder) -> String {
    let url = format!("http://{}/", listener.local_addr().expect("its address"));
    let respond = Arc::new(respond);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let respond = Arc::clone(&respond);
            std::thread::spawn(move || {
                let mut reader = std::io::BufReader::new(stream);
                let (mut first, mut headers, mut line) = (String::new(), String::new(), String::new());
                let _ = std::io::BufRead::read_line(&mut reader, &mut first);
                while std::io::BufRead::read_line(&mut reader, &mut line).is_ok_and(|n| n > 2) {
                    headers.push_str(&line.to_ascii_lowercase());
                    line.clear();
                }
                let path = first.split(' ').nth(1).unwrap_or("/").to_string();
                match respond(&path, &headers) {
                    Some(bytes) => {
                        let _ = reader.get_mut().write_all(&bytes);
                    }
                    None => std::thread::sleep(Duration::from_secs(30)),
                }
            });
        }
    });
    url
}

/// A raw HTTP answer with status line `status` and `body`.
pub fn http_answer(status: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "HTTP/1.1 {status}\r\ncontent-length: {}\r\ncontent-type: application/json\r\nconnection: close\r\n{extra_headers}\r\n",
        body.len()
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Serves the files of folder `dir` (a built site) with an `ETag` each, answering `304`
/// to a request that names it; `not_modified` counts those answers.
pub fn serve_folder(listener: std::net::TcpListener, dir: PathBuf, not_modified: Arc<AtomicUsize>) -> String {
    serve_http(
        listener,
        Box::new(move |path, headers| {
            let relative = path.split('?').next().unwrap_or("").trim_start_matches('/');
            let relative = if relative.is_empty() || relative.ends_with('/') {
                format!("{relative}index.html")
            } else {
                relative.to_string()
            };
            if relative.split('/').any(|s| s == "..") {
                return Some(http_answer("404 Not Found", "", b""));
            }
            let Ok(body) = std::fs::read(dir.join(&relative)) else {
                return Some(http_answer("404 Not Found", "", b""));
            };
            let tag = format!("\"{:x}-{}\"", body.iter().map(|&b| u64::from(b)).sum::<u64>(), body.len());
            if headers.contains(&format!("if-none-match: {tag}")) {
                not_modified.fetch_add(1, Ordering::SeqCst);
                return Some(b"HTTP/1.1 304 Not Modified\r\nconnection: close\r\n\r\n".to_vec());
            }
            Some(http_answer("200 OK", &format!("etag: {tag}\r\n"), &body))
        }),
    )
}

/// A port on 127.0.0.1 that refuses connections (bound, then closed).
pub fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    listener.local_addr().expect("its address").port()
}

/// The titles of a page's navigation, indented by depth.
pub fn nav_outline(html: &str) -> Vec<String> {
    let nav = between(html, "<ul class=\"nav-tree\" data-nav=\"/nav/\">", "</ul>");
    nav.split("--depth: ")
        .skip(1)
        .map(|item| {
            let depth: usize = item.split('"').next().and_then(|d| d.parse().ok()).unwrap_or(0);
            let link = item.split("</a>").next().unwrap_or(item);
            let title = link.rsplit('>').next().unwrap_or(link);
            format!("{}{title}", "  ".repeat(depth))
        })
        .collect()
}

/// The sidebar's entries, indented by depth: a link's text, `# title` for a part title,
/// `(title)` for an entry without a link, `---` for a separator; numbers as shown.
pub fn sidebar_lines(html: &str) -> Vec<String> {
    let nav = between(html, "<ul class=\"nav-tree\"", "</ul>");
    nav.split("<li ")
        .skip(1)
        .map(|item| {
            let item = item.split("</li>").next().unwrap_or(item);
            let depth: usize =
                item.split("--depth: ").nth(1).and_then(|d| d.split('"').next()?.parse().ok()).unwrap_or(0);
            let mut text = String::new();
            let mut in_tag = false;
            for c in item.split_once('>').map_or("", |(_, rest)| rest).chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let shown = if item.contains("nav-separator") {
                "---".to_string()
            } else if item.contains("nav-part") {
                format!("# {text}")
            } else if item.contains("<a ") {
                text
            } else {
                format!("({text})")
            };
            format!("{}{shown}", "  ".repeat(depth))
        })
        .collect()
}
