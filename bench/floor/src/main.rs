//! The floor of a handbook build, for the benchmark in `bench/`.
//!
//! `opsbook-floor CONTENT OUT BYTES` reads every Markdown file under `CONTENT`, strips
//! its front matter, renders it to HTML with pulldown-cmark (with the extensions opsbook
//! enables), and writes one `index.html` per page under `OUT`, padded so that the files
//! add up to `BYTES`, the size of a real build's output. Pages are parsed and written in
//! parallel, as opsbook does. No templates, no links, no highlighting, no search index:
//! whatever a static site generator does beyond this is its overhead over the floor.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out, bytes] = args.as_slice() else {
        eprintln!("usage: opsbook-floor CONTENT OUT BYTES");
        return ExitCode::from(2);
    };
    let Ok(bytes) = bytes.parse::<u64>() else {
        eprintln!("BYTES must be a whole number, not `{bytes}`");
        return ExitCode::from(2);
    };
    match run(Path::new(content), Path::new(out), bytes) {
        Ok(pages) => {
            println!("{pages} pages");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Renders and writes every page; returns how many there were.
fn run(content: &Path, out: &Path, bytes: u64) -> std::io::Result<usize> {
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md"))
        .map(|entry| entry.into_path())
        .collect();
    let share = bytes / pages.len().max(1) as u64;
    pages.par_iter().enumerate().try_for_each(|(number, path)| {
        let source = fs::read_to_string(path)?;
        let mut page = String::with_capacity(source.len() * 2);
        html::push_html(&mut page, Parser::new_ext(body(&source), options()));
        let folder = out.join(number.to_string());
        fs::create_dir_all(&folder)?;
        let mut file = fs::File::create(folder.join("index.html"))?;
        file.write_all(page.as_bytes())?;
        let padding = share.saturating_sub(page.len() as u64) as usize;
        file.write_all(&vec![b' '; padding])
    })?;
    Ok(pages.len())
}

/// The extensions opsbook enables: the same list as `parser_options` in opsbook's
/// src/markdown/mod.rs (this crate stands alone, so it does not depend on opsbook).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The page without its `---` or `+++` front matter.
fn body(source: &str) -> &str {
    for fence in ["---", "+++"] {
        if let Some(rest) = source.strip_prefix(fence).and_then(|rest| rest.strip_prefix('\n'))
            && let Some(end) = rest.find(&format!("\n{fence}\n"))
        {
            return &rest[end + fence.len() + 2..];
        }
    }
    source
}
