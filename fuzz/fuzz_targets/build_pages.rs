//! Fuzzes page loading and rendering through a whole public build: the input is split
//! at each 0xFE byte (never part of UTF-8) into up to four pages, written beside fixed
//! internal pages that carry a canary, and built in-process. A build may succeed or
//! fail on its content; it must not panic, must not fail for a reason outside the
//! content, must write nothing outside its output folder, and must not publish the
//! canary. Run it as the guide's "Hardening" page says:
//! `RUSTC_BOOTSTRAP=1 cargo fuzz run build_pages -- -max_total_time=600`.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use opsbook::config::Overrides;
use opsbook::diagnostic::Failure;

const CANARY: &[u8] = b"CANARY-FUZZ-3e1f";

/// The folder the fuzzer builds in: `hb/` is the handbook, the folders around it are
/// watched for files that should not be there.
static SANDBOX: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("opsbook-fuzz-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut hb = dir.clone();
    for level in 0..16 {
        hb.push(format!("d{level}"));
    }
    std::fs::create_dir_all(hb.join("hb")).expect("create the sandbox");
    dir
});

fn handbook() -> PathBuf {
    let mut hb = SANDBOX.clone();
    for level in 0..16 {
        hb.push(format!("d{level}"));
    }
    hb.join("hb")
}

fn write(root: &Path, path: &str, contents: &[u8]) {
    let file = root.join(path);
    std::fs::create_dir_all(file.parent().expect("a folder")).expect("create folders");
    std::fs::write(file, contents).expect("write a file");
}

/// Every file below `dir`, symlinks not followed.
fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => files(&entry.path(), out),
            _ => out.push(entry.path()),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let root = handbook();
    let _ = std::fs::remove_dir_all(&root);
    write(&root, "book.toml", b"[handbook]\ntitle = \"Fuzz\"\nbase-url = \"https://ops.example.org/\"\n");
    write(&root, "content/_index.md", b"---\ntitle: Home\n---\n\nHome.\n");
    write(&root, "content/secret.md", b"---\ntitle: Secret\nvisibility: internal\n---\n\nCANARY-FUZZ-3e1f\n");
    write(
        &root,
        "content/blocks.md",
        b"---\ntitle: Blocks\n---\n\n[v]\n\n<!-- internal -->\nCANARY-FUZZ-3e1f\n\n[v]: https://CANARY-FUZZ-3e1f/\n<!-- /internal -->\n",
    );
    for (n, page) in data.split(|&b| b == 0xfe).take(4).enumerate() {
        write(&root, &format!("content/page-{n}.md"), page);
    }
    match opsbook::pipeline::build(&root, &Overrides::default()) {
        Ok(_) => {
            let mut written = Vec::new();
            files(&root.join("public"), &mut written);
            for file in written {
                let bytes = std::fs::read(&file).unwrap_or_default();
                assert!(!bytes.windows(CANARY.len()).any(|w| w == CANARY), "canary published in {}", file.display());
            }
        }
        Err(Failure::Content(_)) => {}
        Err(Failure::Environment(error)) => panic!("a content problem ended as an environment error: {error:#}"),
    }
    let mut everything = Vec::new();
    files(&SANDBOX, &mut everything);
    for file in everything {
        assert!(file.starts_with(&root), "wrote outside the handbook: {}", file.display());
        let inside = file.strip_prefix(&root).expect("inside");
        let allowed = inside.starts_with("public") || inside.starts_with("content") || inside == Path::new("book.toml");
        assert!(allowed, "wrote outside the output: {}", file.display());
    }
});
