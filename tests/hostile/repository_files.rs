//! Hostile inputs: links to the repository's own files (`[handbook] repository`). Such a
//! link is only stat'ed and written as a URL: never one for a path that leads out of
//! the repository (a symbolic link at its root, `..` past it), into `.git` or an output
//! folder, and no panic on a path no file system takes.

use crate::util::{Site, between, links_in, panicked};

const REPOSITORY: &str = "https://github.com/kestrel/handbook";

#[cfg(unix)]
#[test]
fn repository_links_never_lead_out_of_the_repository() {
    let out = Site::empty("repository-links-target");
    out.write("secret.txt", "OUTSIDE-SECRET\n");
    let long = format!("/{}b", "a/".repeat(3000));
    let page = format!(
        "# Home\n\n[ok](/LICENSE) [leak](/leak) [into](/leakdir/secret.txt) [climb](/../../etc/passwd)\n\
         [up](../../../../etc/passwd) [git](/.git/config) [out](/public/index.html) [long]({long})\n\
         [nul](/LICENSE%00x) [name]({})\n",
        "x".repeat(5000)
    );
    let site = Site::with_files("repository-links", &[("content/_index.md", page.as_str()), ("LICENSE", "licence")]);
    let book = format!("[handbook]\ntitle = \"Test\"\nrepository = \"{REPOSITORY}\"\n[check]\nlinks = \"warn\"\n");
    site.write("book.toml", book);
    site.write(".git/config", "[core]\n");
    std::os::unix::fs::symlink(out.root.join("secret.txt"), site.root.join("leak")).expect("symbolic link");
    std::os::unix::fs::symlink(&out.root, site.root.join("leakdir")).expect("symbolic link");
    // Twice: the second build finds the first one's output folder.
    for _ in 0..2 {
        let run = site.build(&[]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        run.expect_code(0);
        let html = site.read("public/index.html");
        // The page's body: its edit and source links lead to the repository too.
        let links = links_in(between(&html, " class=\"content\">", "</div>"));
        let to_repository: Vec<&String> = links.iter().filter(|l| l.starts_with(REPOSITORY)).collect();
        assert_eq!(to_repository, [&format!("{REPOSITORY}/blob/main/LICENSE")], "{}", run.stderr);
        assert!(site.files_containing("public", "OUTSIDE-SECRET").is_empty());
    }
}
