//! Hostile inputs: an MDX page's imports of files for their URL (`import x from
//! './x.png'`, `require('…').default`). Such a file is found as a link's is, among the
//! files the site publishes, and never read for it: a path that climbs out of the
//! handbook, a symbolic link out of it and a named pipe publish nothing, never hang the
//! build, and each use is a warning at its place with its attribute left out (the walk
//! names the link and the pipe too); a file past an asset's size is refused where the
//! site copies it, as any file linked.

#![cfg(unix)]

use crate::reads::{make_fifo, run_bounded};
use crate::util::{Site, panicked};

/// What the file outside the handbook holds, which no output may show.
const SECRET: &str = "OUTSIDE-SECRET-IMPORT";

#[test]
fn imports_of_files_out_of_the_handbook_or_unreadable_publish_nothing() {
    let out = Site::empty("mdx-import-outside-target");
    out.write("secret.png", SECRET);
    let depth = out.root.components().count() + 4;
    let target = out.root.join("secret.png");
    let absolute = target.to_str().expect("a UTF-8 path").trim_start_matches('/');
    let climb = format!("{}{absolute}", "../".repeat(depth));
    let page = format!(
        "# P\n\nimport Climb from '{climb}';\nimport Passwd from '../../../etc/passwd.png';\n\
         import Link from './img/link.png';\nimport Pipe from './img/pipe.png';\nimport Huge from './img/huge.png';\n\n\
         <img src={{Climb}} />\n\n<img src={{Passwd}} />\n\n<img src={{Link}} />\n\n<img src={{Pipe}} />\n\n\
         <img src={{Huge}} />\n\n<img src={{require('@site/../secret.png').default}} />\n"
    );
    let site = Site::with_files(
        "mdx-import-outside",
        &[("docusaurus.config.js", "module.exports = { title: 'x' };\n"), ("content/p.mdx", &page)],
    );
    std::fs::create_dir_all(site.root.join("content/img")).expect("the images' folder");
    std::os::unix::fs::symlink(&target, site.root.join("content/img/link.png")).expect("a link out");
    make_fifo(&site.root.join("content/img/pipe.png"));
    let huge = std::fs::File::create(site.root.join("content/img/huge.png")).expect("a file");
    huge.set_len((4 << 30) + 1).expect("a sparse file past an asset's limit");
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 1, "the link out and the pipe are errors of the walk: {}", run.stderr);
    assert!(!run.stderr.contains(SECRET) && !run.stdout.contains(SECRET), "{}", run.stderr);
    assert!(run.stderr.contains("warning[missing-asset]: `{Climb}`"), "{}", run.stderr);
    for line in [9, 11, 13, 15, 19] {
        assert!(run.stderr.contains(&format!("content/p.mdx:{line}:10")), "line {line}: {}", run.stderr);
    }
    if site.exists("public") {
        assert!(site.files_containing("public", SECRET).is_empty(), "a file out of the handbook was published");
        assert!(!site.exists("public/img/huge.png") && !site.exists("public/img/pipe.png"));
    }
}

/// A file past an asset's size is one the site has: its import is its URL, and the
/// file is refused where the site copies it, an error at the file; nothing is written.
#[test]
fn an_imported_file_past_an_asset_s_size_is_refused_where_it_is_copied() {
    let page = "import Huge from './img/huge.png';\n\n<img src={Huge} />\n";
    let site = Site::with_files(
        "mdx-import-huge",
        &[("docusaurus.config.js", "module.exports = { title: 'x' };\n"), ("content/p.mdx", page)],
    );
    std::fs::create_dir_all(site.root.join("content/img")).expect("the images' folder");
    let huge = std::fs::File::create(site.root.join("content/img/huge.png")).expect("a file");
    huge.set_len((4 << 30) + 1).expect("a sparse file past an asset's limit");
    let run = run_bounded(&site, &["build"], &[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("larger than 4 GiB") && run.stderr.contains("--> content/img/huge.png"));
    assert!(!site.exists("public/img/huge.png"));
}

/// The same page with none of those files: nothing is an error, each use a warning,
/// and the page is written with its `<img>` tags, without `src`.
#[test]
fn imports_of_missing_files_are_warnings_and_the_page_is_written() {
    let page = "import Climb from '../../../etc/passwd.png';\nimport Gone from './gone.png';\n\n\
                <img src={Climb} alt=\"a\" />\n\n<img src={Gone} alt=\"b\" />\n";
    let site = Site::with_files(
        "mdx-import-missing",
        &[("docusaurus.config.js", "module.exports = { title: 'x' };\n"), ("content/p.mdx", page)],
    );
    let run = run_bounded(&site, &["build"], &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/p.mdx:4:10") && run.stderr.contains("content/p.mdx:6:10"), "{}", run.stderr);
    let html = site.read("public/p/index.html");
    assert!(html.contains("<img alt=\"a\"") && html.contains("<img alt=\"b\""), "{html}");
}
