//! The seeded property test: a few thousand mutated pages, built in small handbooks by
//! the real binary, next to fixed internal pages that carry canaries. For every build:
//!
//! 1. the exit code is 0 or 1 (content problems), never 2 (environment) or a panic,
//!    printed or reported as an `internal-error`;
//! 2. every file that appeared or changed is inside the output folder: sources, the
//!    folders above the handbook and the handbook's own files are untouched;
//! 3. a build that succeeded has no canary of an internal page in any byte it wrote;
//! 4. a build that failed left the previous output exactly as it was.
//!
//! The pages are mutations of hostile seeds (aliases that climb out of the output,
//! redirect injection, colliding URLs, over-long slugs, huge periods and weights,
//! control characters, every line-ending form, internal markers and reference
//! definitions). The run is reproducible: `OPSBOOK_PROPERTY_SEED` and
//! `OPSBOOK_PROPERTY_ROUNDS` choose another seed or a longer run, and a failure
//! prints the seed, the round and the pages that broke the property.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{Site, opsbook, panicked};

/// Rounds of a default run, and the most pages in one round (about 3,000 pages in all).
const ROUNDS: u64 = 500;
const MOST_PAGES_PER_ROUND: usize = 11;
/// How deep the handbook lies below the test's folder, so that any path climbing out of
/// the output with `..` still lands inside the folder the test watches.
const DEPTH: usize = 24;

/// The canaries of the fixed internal places.
const CANARIES: &[&str] = &[
    "CANARY-PAGE-7f3a",
    "CANARY-SECTION-91c2",
    "CANARY-SECTION-PAGE-5d0e",
    "CANARY-ASSET-2b8f",
    "CANARY-BLOCK-COMMENT-c41d",
    "CANARY-BLOCK-ALERT-e67a",
    "CANARY-REFDEF-0a9b",
];

/// The files every round starts from: a public home page, an internal page, an internal
/// section with a page and an image, and a public page with internal blocks.
const FIXED: &[(&str, &str)] = &[
    ("book.toml", "[handbook]\ntitle = \"Property\"\nbase-url = \"https://ops.example.org/hb/\"\n"),
    ("content/_index.md", "---\ntitle: Home\n---\n\nThe public home page.\n"),
    (
        "content/hidden.md",
        "---\ntitle: Hidden\nvisibility: internal\naliases: [\"/hidden-old/\"]\ntags: [secret-tag]\n---\n\nCANARY-PAGE-7f3a\n",
    ),
    ("content/vault/_index.md", "---\ntitle: Vault\nvisibility: internal\n---\n\nCANARY-SECTION-91c2\n"),
    ("content/vault/keys.md", "---\ntitle: Keys\n---\n\nCANARY-SECTION-PAGE-5d0e\n"),
    ("content/vault/diagram.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- CANARY-ASSET-2b8f --></svg>\n"),
    (
        "content/blocks.md",
        "---\ntitle: Blocks\n---\n\nPublic text, see [the vault][v].\n\n<!-- internal -->\nCANARY-BLOCK-COMMENT-c41d\n\n[v]: https://vault.example/CANARY-REFDEF-0a9b \"CANARY-REFDEF-0a9b\"\n<!-- /internal -->\n\n> [!INTERNAL]\n> CANARY-BLOCK-ALERT-e67a\n\nMore public text.\n",
    ),
];

/// Pages to mutate. Each is hostile in one or more ways already.
const SEEDS: &[&str] = &[
    "---\ntitle: Aliases\naliases: [\"../../../escape/\", \"/../escape.html\", \"/./blocks/\", \"/404.html\", \"/tags/\"]\n---\n\nBody.\n",
    "---\ntitle: Inject\naliases: [\"/a\\n/* https://evil.example/:splat 301!\", \"javascript:alert(1)/\", \"https:/evil.example/\", \"/with space/\"]\n---\n\nBody.\n",
    "---\ntitle: Generated\naliases: [\"/style.css\", \"/handbook.json\", \"/sitemap.xml\", \"/_redirects\", \"/blocks/index.html/\", \"/search/\", \"/owners/\"]\n---\n\nBody.\n",
    "---\ntitle: Slug\nslug: \"../../up\"\ntags: [\"../t\", \"a/b\"]\nowners: [\"@../x\"]\n---\n\nBody.\n",
    "---\ntitle: Long\nslug: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n---\n\nBody.\n",
    "---\ntitle: Review\nkind: runbook\nservice: db\nseverity: SEV1\nreview_every: 999999999999999999y\nlast_reviewed: 2026-01-01\nweight: 9223372036854775807\n---\n\n# Steps\n\nDo it.\n",
    "---\ntitle: Incident\nkind: rca\nstatus: resolved\nstarted: 2026-01-01T00:00:00+9223372036854775807:00\nresolved: 9999-12-31\n---\n\nWhat happened.\n",
    "---\ntitle: \"Control \\u0001 \\u0000 \\u001b\"\ndescription: \"Bad \\u0002 text\"\n---\n\nText with a NUL \u{0} and ESC \u{1b} and LS \u{2028} in it.\n",
    "\n\n---\ntitle: Late\nvisibility: internal\n---\n\nFront matter after blank lines.\n",
    "---\ntitle: Links\n---\n\nSee [hidden](hidden.md), [keys](vault/keys.md), ![d](vault/diagram.svg), [v][v] and [blocks](blocks.md#x).\n",
    "---\ntitle: Markers\n---\n\n<!-- internal -->\nopen and\n<!-- internal -->\nnested\n<!-- /internal -->\n\n<!--<!--<!--<!--<!--\n\n> [!INTERNAL]\n> [w]: https://w.example\n\n[w] and [v]\n",
    "---\ntitle: Headings\n---\n\n## Same\n\n## Same\n\n## Same {#same-1}\n\n## Same\n\n# Top\n\n###### Deep\n",
    "---\ntitle: Dialects\n---\n\n{{% alert title=\"A\" %}}\n[v]({{< ref \"vault/keys.md\" >}}) {{< kpi >}}\n{{% /alert %}}\n\n=== \"One\"\n\n    {% raw %}{{ x }}{% endraw %}\n\n<Tabs><TabItem label=\"L\">\n\n[w](x.md){:target=\"_blank\" onclick=\"x\"}\n\n</TabItem></Tabs>\n",
    "+++\ntitle = \"Toml\"\naliases = [\"../toml-escape/\"]\n+++\n\nBody.\n",
];

/// Pages that build as they are, for the gentle rounds: the canary properties need
/// builds that succeed.
const GENTLE_SEEDS: &[&str] = &[
    "---\ntitle: Plain\ntags: [ops]\n---\n\nSee [blocks](blocks.md) and [home](_index.md).\n\n## Same\n\n## Same\n",
    "---\ntitle: Marked\n---\n\nPublic.\n\n<!-- internal -->\nsecret words\n\n[v]: https://v.example/\n<!-- /internal -->\n\nText [v] here.\n",
    "---\ntitle: Alert\n---\n\n> [!INTERNAL]\n> [w]: https://w.example/\n> words\n\n[w]\n\n> [!NOTE]\n> note\n",
    "---\ntitle: Table\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```bash\necho hi\n```\n",
    "---\ntitle: \"Control \\u0001 title\"\n---\n\nBody \u{1} with \u{1b} controls.\n",
    "\n\n---\ntitle: Late\n---\n\nFront matter after blank lines.\n",
];

/// Pieces the mutator inserts in gentle rounds.
const GENTLE_TOKENS: &[&str] =
    &["\u{2028}", "\u{1}", "\u{0}", "\u{1b}", "## Same", "é", "*", "`", "|", "[v]", "[w]", "&", "<", ">", "<!--"];

/// Pieces the mutator inserts.
const TOKENS: &[&str] = &[
    "../",
    "/..",
    "/./",
    "\n",
    "\r",
    "\r\n",
    "\u{0}",
    "\u{1}",
    "\u{1b}",
    "\u{feff}",
    "\u{2028}",
    " ",
    "\t",
    "%2e%2e/",
    "%0a",
    "javascript:",
    "https://",
    "index.html",
    ".html",
    "---\n",
    "+++\n",
    "visibility: internal\n",
    "aliases: [\"../../x/\"]\n",
    "slug: \"..\"\n",
    "tags: [\"..\"]\n",
    "<!-- internal -->\n",
    "<!-- /internal -->\n",
    "> [!INTERNAL]\n",
    "<!--",
    "[v]: ../hidden.md\n",
    "[v]",
    "## Same\n",
    "{#same-1}",
    "99999999999999999999",
    "-9223372036854775808",
    "9999-12-31",
    "0000-01-01",
    "+23:59",
    "y",
    "d",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ":",
    "#",
    "*",
    "`",
    "```",
    "|",
    "<",
    ">",
    "&",
    "é",
    "ß",
    // Other tools' syntax (src/compat/dialects/), and the characters of its placeholders.
    "{{< ",
    " >}}",
    "{{% ",
    " %}}",
    "{{</* ",
    " */>}}",
    "{{/* ",
    "{% ",
    " %}",
    "{% raw %}",
    "{% comment %}",
    "{{ ",
    " }}",
    "{:",
    "{: onclick=x}",
    ":::note\n",
    "!!! note\n",
    "=== \"T\"\n",
    "    ",
    "<Tabs>",
    "</Tabs>",
    "<TabItem label=\"x\">",
    "{/* ",
    "\u{e000}",
    "\u{e001}",
    "<!--opsbook-dialect:0-->",
];

/// File names the mutated pages get (joined with a number so they do not collide).
const NAMES: &[&str] = &["page", "x/page", "vault/inside", "index", "foo.html", "deep/er/page", "_index", "a b", "üml"];

/// A small, reproducible generator (splitmix64); the whole-handbook test uses it too.
pub(crate) struct Random(pub(crate) u64);

impl Random {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// A char boundary of `text` near `at`.
fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One mutated page: a seed with a few random edits. Gentle edits only insert harmless
/// pieces into the body and change line endings, so the page mostly still builds.
fn mutate(random: &mut Random, gentle: bool) -> Vec<u8> {
    if gentle {
        let mut text = random.pick(GENTLE_SEEDS).to_string();
        let body = text.rfind("---\n").map_or(0, |at| at + 4);
        // Each piece is a paragraph of its own, after a blank line of the body.
        let blank_lines: Vec<usize> =
            text.match_indices("\n\n").map(|(at, _)| at + 2).filter(|&at| at > body).collect();
        for _ in 0..=random.below(3) {
            let at = blank_lines.get(random.below(blank_lines.len().max(1))).copied().unwrap_or(text.len());
            text.insert_str(at, &format!("{}\n\n", random.pick(GENTLE_TOKENS)));
        }
        if random.below(4) == 0 {
            text = text.replace('\n', if random.below(2) == 0 { "\r" } else { "\r\n" });
        }
        return text.into_bytes();
    }
    let mut text = random.pick(SEEDS).to_string();
    for _ in 0..=random.below(6) {
        let at = boundary(&text, random.below(text.len() + 1));
        match random.below(8) {
            0..=2 => text.insert_str(at, random.pick(TOKENS)),
            3 => {
                let end = boundary(&text, at + random.below(24));
                text.replace_range(at..end, "");
            }
            4 => {
                let end = boundary(&text, at + random.below(40));
                let piece = text[at..end].to_string();
                text.insert_str(end, &piece);
            }
            5 => {
                let other = random.pick(SEEDS);
                let from = boundary(other, random.below(other.len()));
                let to = boundary(other, from + random.below(80));
                text.insert_str(at, &other[from..to]);
            }
            6 => text = text.replace('\n', if random.below(2) == 0 { "\r" } else { "\r\n" }),
            _ => {
                let token = random.pick(TOKENS);
                for _ in 0..random.below(64) {
                    text.insert_str(at, token);
                }
            }
        }
    }
    let mut bytes = text.into_bytes();
    // Now and then, bytes that are not UTF-8.
    if random.below(25) == 0 && !bytes.is_empty() {
        let at = random.below(bytes.len());
        bytes[at] = 0xff;
    }
    bytes
}

/// Every file and symbolic link below `dir` (links not followed): its bytes, or the
/// link's target marked as one, so a file replaced by a link is a change.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap_or_default();
                files.insert(path, [b"-> ".as_slice(), target.as_os_str().as_encoded_bytes()].concat());
            } else {
                let bytes = std::fs::read(&path).unwrap_or_default();
                files.insert(path, bytes);
            }
        }
    }
    files
}

/// What broke, with what is needed to reproduce it.
fn failure(seed: u64, round: u64, pages: &[(String, Vec<u8>)], what: &str) -> String {
    let mut text = format!("property broken (seed {seed}, round {round}): {what}\npages:\n");
    for (name, bytes) in pages {
        text.push_str(&format!("--- {name}\n{:?}\n", String::from_utf8_lossy(bytes)));
    }
    text
}

/// Runs rounds `rounds` of the property with `seed`; returns the problems found.
fn run_rounds(seed: u64, rounds: std::ops::Range<u64>) -> Vec<String> {
    let sandbox = Site::empty("property");
    let mut root = sandbox.root.clone();
    for level in 0..DEPTH {
        root.push(format!("d{level}"));
    }
    root.push("hb");
    let mut problems = Vec::new();
    for round in rounds {
        let mut random = Random(seed ^ round.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let _ = std::fs::remove_dir_all(&root);
        for (path, contents) in FIXED {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folders");
            std::fs::write(file, contents).expect("write a fixed file");
        }
        // Half the rounds are gentle, so that many builds succeed and their output can
        // be searched for canaries.
        let gentle = round % 2 == 0;
        let count = 1 + random.below(MOST_PAGES_PER_ROUND);
        let pages: Vec<(String, Vec<u8>)> = (0..count)
            .map(|n| {
                let name = if gentle { "page" } else { random.pick(NAMES) };
                (format!("content/{name}-{n}.md"), mutate(&mut random, gentle))
            })
            .collect();
        for (path, bytes) in &pages {
            let file = root.join(path);
            std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folders");
            std::fs::write(file, bytes).expect("write a page");
        }
        // A first good build, so that a failing one has an output to keep.
        let public = root.join("public");
        std::fs::create_dir_all(&public).expect("create the output");
        std::fs::write(public.join("previous.html"), "previous output").expect("write the previous output");
        let before = snapshot(&sandbox.root);
        // The previous output was written by hand: `--force` lets the build replace it.
        let output = opsbook().args(["build", "--force"]).current_dir(&root).output().expect("run opsbook");
        let code = output.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if std::env::var_os("OPSBOOK_PROPERTY_VERBOSE").is_some() {
            let rules: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
            eprintln!("round {round}: exit {code} {rules:?}");
        }
        if !(code == 0 || code == 1) || panicked(&stderr) {
            problems.push(failure(seed, round, &pages, &format!("exit code {code}\n{stderr}")));
            continue;
        }
        let after = snapshot(&sandbox.root);
        // The files a build keeps beside its output: the lock, the manifest, the cache.
        let beside = |path: &Path| {
            path.parent() == Some(root.as_path())
                && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".public.opsbook-"))
        };
        for (path, bytes) in &after {
            let changed = before.get(path) != Some(bytes);
            if changed && !path.starts_with(&public) && !beside(path) {
                problems.push(failure(seed, round, &pages, &format!("wrote outside the output: {}", path.display())));
            }
        }
        for path in before.keys() {
            if !after.contains_key(path) && !path.starts_with(&public) {
                problems.push(failure(seed, round, &pages, &format!("removed a source: {}", path.display())));
            }
        }
        let output_before: Vec<_> = before.iter().filter(|(path, _)| path.starts_with(&public)).collect();
        let output_after: Vec<_> = after.iter().filter(|(path, _)| path.starts_with(&public)).collect();
        if code == 1 && output_before != output_after {
            problems.push(failure(seed, round, &pages, "a failed build changed the previous output"));
        }
        if code == 0 {
            for (path, bytes) in output_after {
                for canary in CANARIES {
                    if bytes.windows(canary.len()).any(|w| w == canary.as_bytes()) {
                        let what = format!("{canary} published in {}", path.display());
                        problems.push(failure(seed, round, &pages, &what));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn mutated_pages_never_escape_the_output_or_leak_internal_text() {
    let seed = std::env::var("OPSBOOK_PROPERTY_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x0b5b_00c5);
    let rounds = std::env::var("OPSBOOK_PROPERTY_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(ROUNDS);
    let half = rounds / 2;
    let problems: Vec<String> = std::thread::scope(|scope| {
        let first = scope.spawn(|| run_rounds(seed, 0..half));
        let second = run_rounds(seed, half..rounds);
        let mut all = first.join().expect("the first half ran");
        all.extend(second);
        all
    });
    // What kinds of problem there were, then the first few in full.
    let mut kinds: Vec<&str> = problems.iter().filter_map(|p| p.lines().next()?.split("): ").nth(1)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
    assert!(
        problems.is_empty(),
        "{} problems of {} kinds:\n{}\n\nthe first:\n{}",
        problems.len(),
        kinds.len(),
        kinds.join("\n"),
        first.join("\n")
    );
}

#[test]
fn the_mutator_is_reproducible_and_varied() {
    let a: Vec<Vec<u8>> = (0..50).map(|n| mutate(&mut Random(7), n % 2 == 0)).collect();
    let b: Vec<Vec<u8>> = (0..50).map(|n| mutate(&mut Random(7), n % 2 == 0)).collect();
    assert_eq!(a, b);
    let mut random = Random(7);
    let distinct: std::collections::HashSet<Vec<u8>> = (0..200).map(|_| mutate(&mut random, false)).collect();
    assert!(distinct.len() > 150, "only {} distinct pages", distinct.len());
}
