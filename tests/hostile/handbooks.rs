//! The property test over whole handbooks: each seed makes a random handbook beside a
//! folder outside it ([`generate`]), built by the real binary for the internal audience
//! (`--audience internal --out …`), then for the public one (its own output folder),
//! then as a status site when it has a status page. Every run is checked:
//!
//! 1. it ends within [`budget`] (killed past it: a failure), with exit code 0, 1 or 2,
//!    no panic and no `internal-error`;
//! 2. nothing outside its output folder and its own files beside it was written,
//!    changed or removed: the whole sandbox (the handbook, the folder outside it, an
//!    opsbook site there that links lead to) is compared file by file;
//! 3. no canary of a file outside the handbook, of a hidden file or of the environment
//!    is in any output file or in what it printed;
//! 4. a public output holds no canary of internal text, in any file's path or bytes
//!    (gzip-compressed files, the search index's, inflated): every file of a build that
//!    succeeded, every file a failed one wrote (it leaves the previous output as it
//!    was, which may be an internal build's in the same folder).
//!
//! A fixed list of seeds runs in `cargo test`; `OPSBOOK_HANDBOOKS_SEEDS` (`1-500`, or
//! `3,17`) runs others, `OPSBOOK_HANDBOOKS_BUDGET` sets the seconds a run may take, and
//! `OPSBOOK_HANDBOOKS_KEEP` keeps the sandbox of a failing seed. `bench/handbooks.sh`
//! runs a long range.

mod generate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::property::snapshot;
use crate::util::{Site, inflated, opsbook, panicked};
use generate::{Handbook, INTERNAL, OUTSIDE};

/// The seeds of a `cargo test` run: about 3 seconds on two busy cores.
const SEEDS: &[u64] = &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/// The longest a run may take, in seconds: generous, as test binaries share the cores.
fn budget() -> Duration {
    let seconds = std::env::var("OPSBOOK_HANDBOOKS_BUDGET").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
    Duration::from_secs(seconds)
}

/// The seeds to run: `OPSBOOK_HANDBOOKS_SEEDS`, else [`SEEDS`].
fn seeds() -> Vec<u64> {
    let Ok(text) = std::env::var("OPSBOOK_HANDBOOKS_SEEDS") else { return SEEDS.to_vec() };
    text.split(',')
        .flat_map(|part| match part.trim().split_once('-') {
            Some((from, to)) => {
                let (from, to): (u64, u64) = (from.parse().expect("a seed"), to.parse().expect("a seed"));
                (from..=to).collect::<Vec<_>>()
            }
            None => vec![part.trim().parse().expect("a seed")],
        })
        .collect()
}

/// What one run did.
struct Run {
    code: Option<i32>,
    stderr: String,
    stdout: String,
    took: Duration,
}

/// Runs `opsbook ARGS` in `dir`, killed after the budget.
fn run(dir: &Path, args: &[&str]) -> Run {
    let mut command = opsbook();
    command.args(args).current_dir(dir);
    command.env("SOURCE_DATE_EPOCH", "1794744000").env("OPSBOOK_TODAY", "2026-11-15").env("NO_COLOR", "1");
    // For a link to `/proc/self/environ`: what the environment holds is never published.
    command.env("OPSBOOK_TEST_ENVIRONMENT", format!("{OUTSIDE}env"));
    let (code, stdout, stderr, took) = crate::util::run_killed_after(command, budget());
    Run { code, stdout, stderr, took }
}

/// Whether `path` is the build's to write: inside its output `out`, or one of its own
/// files beside it (`.NAME.opsbook-manifest`, `.NAME.building-123`...).
fn writable(path: &Path, out: Option<&Path>) -> bool {
    let Some(out) = out else { return false };
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let own = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(&format!(".{name}.")));
    path.starts_with(out) || (path.parent() == out.parent() && own)
}

/// Whether `bytes` (or a gzip-compressed file's inflated bytes) hold `word`, in any case.
fn holds(bytes: &[u8], word: &str) -> bool {
    let text = inflated(bytes.to_vec()).unwrap_or_else(|_| bytes.to_vec()).to_ascii_lowercase();
    text.windows(word.len()).any(|w| w == word.as_bytes())
}

/// What one seed found wrong, and what it saw.
#[derive(Default)]
struct Outcome {
    seed: u64,
    problems: Vec<String>,
    /// Public builds that succeeded, and internal builds that showed an internal canary.
    public_built: usize,
    internal_shown: usize,
}

/// The checks of one run into `out` (from the sandbox), `public` when its audience is.
fn check(
    sandbox: &Path,
    name: &str,
    run: &Run,
    out: Option<&Path>,
    public: bool,
    before: &BTreeMap<PathBuf, Vec<u8>>,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut problem = |what: String| outcome.problems.push(format!("{name}: {what}"));
    match run.code {
        None => problem(format!("still running after {:?}: killed", budget())),
        Some(code) if !(0..=2).contains(&code) => problem(format!("exit code {code}\n{}", run.stderr)),
        Some(_) if panicked(&run.stderr) => problem(format!("a panic\n{}", run.stderr)),
        Some(_) => {}
    }
    if holds(run.stderr.as_bytes(), OUTSIDE) || holds(run.stdout.as_bytes(), OUTSIDE) {
        problem(format!("printed what lies outside the handbook\n{}", run.stderr));
    }
    let after = snapshot(sandbox);
    for (path, bytes) in &after {
        if before.get(path) != Some(bytes) && !writable(path, out) {
            problem(format!("wrote {}", path.display()));
        }
    }
    for path in before.keys().filter(|p| !after.contains_key(*p) && !writable(p, out)) {
        problem(format!("removed {}", path.display()));
    }
    let Some(out) = out else { return outcome };
    for (path, bytes) in after.iter().filter(|(path, _)| path.starts_with(out)) {
        let shown = path.strip_prefix(sandbox).unwrap_or(path).display().to_string();
        if bytes.starts_with(b"-> ") && path.is_symlink() {
            problem(format!("a symbolic link in the output: {shown}"));
        }
        if holds(bytes, OUTSIDE) || holds(shown.as_bytes(), OUTSIDE) {
            problem(format!("what lies outside the handbook is in {shown}"));
        }
        // A failed build leaves the previous output as it was, even an internal build's
        // in the same folder: what it wrote, and all a good build leaves, is searched.
        let written = run.code == Some(0) || before.get(path) != Some(bytes);
        if public && written && (holds(bytes, INTERNAL) || holds(shown.as_bytes(), INTERNAL)) {
            problem(format!("internal text in the public {shown}"));
        }
        if !public && run.code == Some(0) && holds(bytes, INTERNAL) {
            outcome.internal_shown = 1;
        }
    }
    outcome.public_built = usize::from(public && run.code == Some(0));
    outcome
}

/// Writes the sandbox of `book`.
fn write(sandbox: &Path, book: &Handbook) {
    for (path, text) in &book.files {
        let file = sandbox.join(path);
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folders");
        std::fs::write(file, text).expect("write a file");
    }
    for (path, target) in &book.links {
        let link = sandbox.join(path);
        std::fs::create_dir_all(link.parent().expect("a folder")).expect("create folders");
        #[cfg(unix)]
        std::os::unix::fs::symlink(target, link).expect("symlink");
    }
    if book.outside_site {
        let source = sandbox.join("outside/src");
        std::fs::create_dir_all(source.join("content")).expect("create the outside site's source");
        std::fs::write(source.join("book.toml"), "[handbook]\ntitle = \"Outside\"\n").expect("write");
        std::fs::write(source.join("content/_index.md"), format!("# Outside\n\n{OUTSIDE}site\n")).expect("write");
        let built = run(&source, &["build", "--out", "../site"]);
        assert_eq!(built.code, Some(0), "the site outside: {}", built.stderr);
    }
}

/// Builds the handbook of `seed` for both audiences and checks every run.
fn run_seed(seed: u64) -> Outcome {
    let site = Site::empty(&format!("handbooks-{seed}"));
    let sandbox = site.root.clone();
    let book = generate::handbook(seed, &sandbox);
    write(&sandbox, &book);
    let hb = sandbox.join("hb");
    let mut all = Outcome { seed, ..Outcome::default() };
    let mut add = |outcome: Outcome| {
        all.problems.extend(outcome.problems);
        all.public_built += outcome.public_built;
        all.internal_shown += outcome.internal_shown;
    };
    let internal_out = normal(&hb.join(book.internal_out));
    let before = snapshot(&sandbox);
    let mut args = vec!["build", "--audience", "internal", "--out", book.internal_out];
    args.extend(&book.internal_args);
    let internal = run(&hb, &args);
    add(check(&sandbox, "internal build", &internal, Some(&internal_out), false, &before));
    let public_out = book.public_out.as_ref().map(|out| sandbox.join(out));
    let before = snapshot(&sandbox);
    let public = run(&hb, &book.public_args);
    add(check(&sandbox, "public build", &public, public_out.as_deref(), true, &before));
    if book.status {
        let before = snapshot(&sandbox);
        let status = run(&hb, &["build", "--status-site"]);
        add(check(&sandbox, "status site", &status, Some(&hb.join("public-status")), true, &before));
    }
    let took = internal.took.max(public.took);
    if std::env::var_os("OPSBOOK_HANDBOOKS_VERBOSE").is_some() {
        let first = |r: &Run| r.stderr.lines().find(|l| l.starts_with("error")).unwrap_or_default().to_string();
        eprintln!(
            "seed {seed}: internal {:?} {:?}, public {:?} {:?}, slowest {took:?}",
            internal.code,
            first(&internal),
            public.code,
            first(&public)
        );
    }
    if !all.problems.is_empty() {
        let mut files: Vec<String> = book.files.keys().filter(|p| p.starts_with("hb/")).cloned().collect();
        files.extend(book.links.iter().map(|(path, target)| format!("{path} -> {target}")));
        let head = format!("seed {seed} ({}):", files.join(", "));
        all.problems = all.problems.iter().map(|p| format!("  {p}")).collect();
        all.problems.insert(0, head);
        if std::env::var_os("OPSBOOK_HANDBOOKS_VERBOSE").is_some() {
            eprintln!("{}", all.problems.join("\n"));
        }
        if std::env::var_os("OPSBOOK_HANDBOOKS_KEEP").is_some() {
            eprintln!("seed {seed}: kept in {}", sandbox.display());
            std::mem::forget(site);
        }
    }
    all
}

/// `path` with its `..` taken off lexically (the internal build's `--out ../x`).
fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            part => out.push(part),
        }
    }
    out
}

#[test]
fn random_handbooks_keep_to_their_output_and_publish_nothing_internal() {
    let seeds = seeds();
    let half = seeds.len().div_ceil(2);
    let (first, second) = seeds.split_at(half);
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let other = scope.spawn(|| first.iter().map(|&seed| run_seed(seed)).collect::<Vec<_>>());
        let mut outcomes: Vec<Outcome> = second.iter().map(|&seed| run_seed(seed)).collect();
        outcomes.extend(other.join().expect("the other half ran"));
        outcomes
    });
    let failing: Vec<&Outcome> = outcomes.iter().filter(|o| !o.problems.is_empty()).collect();
    let seeds_failing: Vec<u64> = failing.iter().map(|o| o.seed).collect();
    let first: Vec<String> = failing.iter().take(3).map(|o| o.problems[..o.problems.len().min(4)].join("\n")).collect();
    assert!(failing.is_empty(), "the seeds {seeds_failing:?} broke a property; the first:\n{}", first.join("\n\n"));
    // The properties are worth something only if builds succeed and show internal text.
    let built: usize = outcomes.iter().map(|o| o.public_built).sum();
    let shown: usize = outcomes.iter().map(|o| o.internal_shown).sum();
    eprintln!("{} seeds: {built} public builds succeeded, {shown} internal builds showed internal text", seeds.len());
    assert!(built * 4 >= seeds.len(), "only {built} of {} public builds succeeded", seeds.len());
    assert!(shown * 4 >= seeds.len(), "only {shown} of {} internal builds showed internal text", seeds.len());
}

#[test]
fn the_generator_is_reproducible_and_varied() {
    let root = Path::new("/sandbox");
    let a = generate::handbook(7, root);
    let b = generate::handbook(7, root);
    assert_eq!(a.files, b.files);
    assert_eq!(a.links, b.links);
    let configs: std::collections::HashSet<String> =
        (0..40).map(|seed| generate::handbook(seed, root).files["hb/book.toml"].clone()).collect();
    assert!(configs.len() > 20, "only {} distinct book.toml files", configs.len());
    let linked = (0..40).filter(|&seed| !generate::handbook(seed, root).links.is_empty()).count();
    assert!(linked > 15, "only {linked} of 40 handbooks have symbolic links");
}
