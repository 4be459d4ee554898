//! A moved Jekyll handbook's `_data/` in the content folder is read through the one
//! reader of site data: a `_data` folder linked out of the handbook, a file in it over
//! the size limit and a named pipe are not read, each with a warning that names it, and
//! what they hold reaches no output.

#![cfg(unix)]

use crate::util::Site;

const PAGE: &str = "---\ntitle: P\n---\nTeam: {{ site.data.team.name }} {{ site.data.big }} {{ site.data.pipe }}.\n";

fn jekyll(name: &str) -> Site {
    Site::with_files(
        name,
        &[("book.toml", "[handbook]\ntitle = \"T\"\n"), ("_config.yml", "title: Jay\n"), ("content/p.md", PAGE)],
    )
}

#[test]
fn a_data_folder_linked_out_of_the_handbook_is_not_read() {
    let elsewhere = Site::with_files("jekyll-data-elsewhere", &[("data/team.yml", "name: Hostile0Token\n")]);
    let site = jekyll("jekyll-data-linked-out");
    std::os::unix::fs::symlink(elsewhere.root.join("data"), site.root.join("content/_data")).expect("a link");
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[symlink-outside-root]: the folder is not read: it leads outside"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> content/_data"), "{}", run.stderr);
    // The content walk refuses the link too (the build stops there); nothing it leads
    // to is read or shown.
    assert!(!run.stderr.contains("Hostile0Token"), "{}", run.stderr);
    let page = ["public/p.html", "public/p/index.html"].into_iter().find(|path| site.exists(path));
    assert!(page.is_none_or(|page| !site.read(page).contains("Hostile0Token")));
}

#[test]
fn a_huge_data_file_and_a_named_pipe_are_not_read() {
    let site = jekyll("jekyll-data-huge");
    site.write("content/_data/team.yml", "name: Ops\n");
    crate::reads::make_sparse(&site.root.join("content/_data/big.yml"), 17 << 20);
    let run = crate::reads::run_bounded(&site, &["build"], &[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(
        run.stderr.contains("the file is not read") && run.stderr.contains(" --> content/_data/big.yml"),
        "{}",
        run.stderr
    );
    // A named pipe is read by neither the data reader nor the content walk, which
    // stops the build at it: the build ends, with both saying where.
    let piped = jekyll("jekyll-data-pipe");
    crate::reads::make_fifo(&piped.root.join("content/_data/pipe.yml"));
    let piped_run = crate::reads::run_bounded(&piped, &["build"], &[]);
    assert!(!crate::util::panicked(&piped_run.stderr), "{}", piped_run.stderr);
    assert!(piped_run.stderr.contains(" --> content/_data/pipe.yml"), "{}", piped_run.stderr);
    let page = ["public/p.html", "public/p/index.html"].into_iter().find(|path| site.exists(path)).expect("built");
    assert!(site.read(page).contains("Team: Ops"), "the readable file is read: {}", site.read(page));
}
