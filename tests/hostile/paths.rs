//! Hostile inputs: paths. An output folder that names the sources another
//! way, aliases that climb out of the output, overwrite pages or inject `_redirects`
//! rules, content files that replace pages or files opsbook writes, and names too long
//! for a file.

use crate::util::Site;

const PAGE: &str = "---\ntitle: P\n---\n# P\n";

/// A handbook with a page `p` and a git folder, its output built once.
fn built_handbook(name: &str) -> Site {
    let site = Site::with_files(name, &[("content/p.md", PAGE), (".git/HEAD", "ref: refs/heads/main\n")]);
    site.build(&[]).expect_code(0);
    site
}

/// The sources are all still there.
#[track_caller]
fn assert_sources_kept(site: &Site) {
    for file in ["book.toml", "content/p.md", ".git/HEAD"] {
        assert!(site.exists(file), "{file} was deleted");
    }
}

#[test]
fn refuses_outputs_that_are_inside_or_hold_the_sources() {
    let site = built_handbook("out-spellings");
    std::fs::create_dir_all(site.root.join("other")).unwrap();
    let hb = site.root.file_name().unwrap().to_string_lossy().into_owned();
    let up = format!("other/../../{hb}");
    for out in [".", "content", "content/x", "..", "/", ".git", "other/..", up.as_str()] {
        let run = site.build(&["--out", out]);
        run.expect_code(2);
        assert!(run.stderr.contains("refusing to write the site to"), "--out {out}: {}", run.stderr);
        assert!(run.stderr.contains("would delete the handbook's sources"), "--out {out}: {}", run.stderr);
        assert_sources_kept(&site);
    }
    assert!(site.exists("public/p/index.html"), "the previous output was lost");
    // The same when the content has errors: the output folder is refused first.
    site.write("content/broken.md", "[no such page](missing.md)\n");
    let run = site.build(&["--out", "."]);
    run.expect_code(2);
    assert!(run.stderr.contains("refusing to write the site to"), "{}", run.stderr);
    assert_sources_kept(&site);
}

#[test]
fn refuses_an_output_dir_in_book_toml_that_names_the_root() {
    let site = built_handbook("out-config");
    let hb = site.root.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::create_dir_all(site.root.join("../other")).ok();
    site.write("book.toml", format!("[handbook]\ntitle = \"Test\"\n[build]\noutput-dir = \"../other/../{hb}\"\n"));
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[config-field]: `[build] output-dir` is"), "{}", run.stderr);
    assert!(run.stderr.contains("it must stay inside the handbook's root (no `..`)"), "{}", run.stderr);
    assert!(run.stderr.contains("--> book.toml:4:1"), "{}", run.stderr);
    assert_sources_kept(&site);
    // A folder inside the root that is the root by another spelling is refused at the key.
    site.write("book.toml", "[handbook]\ntitle = \"Test\"\n[build]\noutput-dir = \"./\"\n");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("not the root itself"), "{}", run.stderr);
    assert_sources_kept(&site);
}

#[cfg(unix)]
#[test]
fn refuses_an_output_that_is_a_link_to_the_root() {
    let site = built_handbook("out-link-root");
    std::os::unix::fs::symlink(&site.root, site.root.join("site")).unwrap();
    let run = site.build(&["--out", "site"]);
    run.expect_code(2);
    assert!(run.stderr.contains("it is the handbook's root folder"), "{}", run.stderr);
    assert_sources_kept(&site);
    std::os::unix::fs::symlink("content", site.root.join("pages")).unwrap();
    site.build(&["--out", "pages"]).expect_code(2);
    assert_sources_kept(&site);
}

#[cfg(unix)]
#[test]
fn builds_into_the_target_of_a_linked_output_and_keeps_the_link() {
    let site =
        Site::with_files("out-linked", &[("hb/book.toml", "[handbook]\ntitle = \"T\"\n"), ("hb/content/p.md", PAGE)]);
    site.write("www/site/old.html", "old");
    site.write("www/keep.txt", "a file beside the target");
    std::os::unix::fs::symlink("../www/site", site.root.join("hb/public")).unwrap();
    // A link out of the handbook at the default output is refused: it may be a link a
    // pull request committed. Whoever runs the build names it on the command line.
    let run = crate::util::opsbook().args(["build", "--root", "hb"]).current_dir(&site.root).output().unwrap();
    assert_eq!(run.status.code(), Some(2), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(site.exists("www/site/old.html"));
    // www/site/old.html was written by hand: `--force` lets the build replace it.
    let run = crate::util::opsbook()
        .args(["build", "--root", "hb", "--out", "hb/public", "--force"])
        .current_dir(&site.root)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(std::fs::symlink_metadata(site.root.join("hb/public")).unwrap().file_type().is_symlink());
    assert!(site.exists("www/site/p/index.html"));
    assert!(!site.exists("www/site/old.html"));
    assert!(site.exists("www/keep.txt"));
    assert!(site.exists("hb/content/p.md"));
}

#[cfg(unix)]
#[test]
fn never_deletes_through_a_link_inside_the_previous_output() {
    let site = built_handbook("out-inner-link");
    site.write("elsewhere/precious.txt", "keep me");
    std::os::unix::fs::symlink(site.root.join("elsewhere"), site.root.join("public/linked")).unwrap();
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("elsewhere/precious.txt"), "keep me");
}

/// Builds a handbook whose page `a` has `aliases: [ALIAS]`.
fn build_with_alias(name: &str, alias: &str) -> (Site, crate::util::Run) {
    let page = format!("---\naliases: [{alias}]\n---\n# A\n");
    let site = Site::with_files(name, &[("content/a.md", &page), ("content/p.md", PAGE)]);
    let run = site.build(&[]);
    (site, run)
}

#[test]
fn refuses_aliases_that_climb_out_of_the_output() {
    for alias in ["\"../../../tmp/opsbook-escape-x/\"", "\"/../escape.html\"", "\"/a/../../escape/\""] {
        let (site, run) = build_with_alias("alias-escape", alias);
        run.expect_code(1);
        assert!(run.stderr.contains("error[invalid-path]: the alias"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("climbs above the site's root"), "{}", run.stderr);
        assert!(run.stderr.contains("--> content/a.md:2:"), "{}", run.stderr);
        assert!(!site.exists("escape.html") && !site.exists("../escape.html") && !site.exists("public"));
    }
    assert!(!std::path::Path::new("/tmp/opsbook-escape-x").exists());
}

#[test]
fn refuses_aliases_that_would_inject_redirect_rules() {
    let cases = [
        ("\"/old\\n/* https://evil.example/:splat 301!\"", "control character U+000A"),
        ("\"/old page/\"", "whitespace (U+0020)"),
        ("\"javascript:alert(1)/\"", "the URL of another site"),
        ("\"https:/evil.example/\"", "the URL of another site"),
        ("\"//evil.example/\"", "the URL of another site"),
    ];
    for (alias, problem) in cases {
        let (site, run) = build_with_alias("alias-inject", alias);
        run.expect_code(1);
        assert!(run.stderr.contains("error[invalid-path]"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains(problem), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("--> content/a.md:2:"), "{}", run.stderr);
        assert!(!site.exists("public"));
    }
}

#[test]
fn percent_encodes_aliases_in_redirects() {
    let (site, run) = build_with_alias("alias-encode", "\"/ancien-nom-é/\", \"/100%25/\"");
    run.expect_code(0);
    let redirects = site.read("public/_redirects");
    assert_eq!(redirects, "/ancien-nom-%C3%A9/ /a/ 301\n/100%25/ /a/ 301\n");
    assert!(site.exists("public/ancien-nom-é/index.html") && site.exists("public/100%/index.html"));
}

/// A Hugo site's aliases keep any name a file can have, as Hugo writes them: escapes that
/// decode to `..` or `/` are still refused, names no request reaches are left out (never a
/// line of `_redirects`), and what is written stays inside the output.
#[test]
fn hugo_aliases_with_any_name_stay_inside_the_output() {
    for alias in ["/%2e%2e/%2e%2e/escape/", "/a%2f..%2f..%2fescape/", "../%2e%2e/escape.html"] {
        let front = format!("---\naliases: [\"{alias}\"]\n---\n# A\n");
        let site = Site::with_files("alias-hugo-climb", &[("content/a.md", &front), ("hugo.toml", "title = 'x'\n")]);
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[invalid-path]: the alias"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("--> content/a.md:2:"), "{alias}: {}", run.stderr);
        assert!(!site.exists("public") && !site.exists("escape") && !site.exists("escape.html"), "{alias}");
    }
    let aliases = r#"["/old\n/* https://evil.example/:splat 301!", "/a\"b<c>|d*e/", "/https://evil.example/x/", "/q?x=../escape/"]"#;
    let front = format!("---\naliases: {aliases}\n---\n# A\n");
    let site = Site::with_files("alias-hugo-names", &[("content/a.md", &front), ("hugo.toml", "title = 'x'\n")]);
    let run = site.build(&[]);
    run.expect_code(0);
    assert_eq!(run.stderr.matches("warning[invalid-path]: the alias").count(), 2, "{}", run.stderr);
    let redirects = site.read("public/_redirects");
    assert_eq!(redirects, "/a%22b%3Cc%3E%7Cd*e/ /a/ 301\n/https:/evil.example/x/ /a/ 301\n");
    assert!(site.exists("public/a\"b<c>|d*e/index.html") && site.exists("public/https:/evil.example/x/index.html"));
    assert!(!site.exists("escape") && !site.exists("public/q?x=") && !site.exists("public/old"));
}

#[test]
fn refuses_aliases_that_overwrite_pages_or_files_opsbook_writes() {
    let page = "---\ntags: [x]\nowners: [\"@team\"]\n---\n# P\n";
    for alias in [
        "/./p/",
        "p/./",
        "/p/../p/",
        "/p/index.html/",
        "/404.html",
        "/tags/",
        "/tags/x/",
        "/owners/",
        "/search/",
        "/style.css",
        "/handbook.json",
        "/_redirects",
        "/search/manifest.json",
        "/search/t-0.json/",
        "/search/f-tag.json/x.html",
    ] {
        let front = format!("---\naliases: [\"{alias}\"]\n---\n# A\n");
        let site = Site::with_files("alias-clash", &[("content/a.md", &front), ("content/p.md", page)]);
        let run = site.build(&["--base-url", "https://ops.example.org/"]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[duplicate-url]: the alias /"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("is already used by"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("--> content/a.md:2:"), "{alias}: {}", run.stderr);
    }
}

#[test]
fn refuses_an_alias_at_the_sitemap_of_a_site_with_a_host() {
    let front = "---\naliases: [/sitemap.xml]\n---\n# A\n";
    let site = Site::with_files("alias-sitemap", &[("content/a.md", front)]);
    let run = site.build(&["--base-url", "https://ops.example.org/"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("the alias /sitemap.xml/ is already used by the file /sitemap.xml that opsbook writes")
    );
}

#[test]
fn refuses_content_files_that_replace_pages_or_theme_files() {
    // A folder's `index.html`, `404.html` and `robots.txt` of the content take the place
    // of what opsbook makes up there (tests/integration/old_tools.rs); a written page and the
    // theme's files stay refused.
    let cases = [
        ("content/search.js", "/search.js, which is already taken by the file /search.js that opsbook writes"),
        // The parts of the search client the box loads later: no page's file
        // takes the place of the script the search page runs.
        (
            "content/search-page.js",
            "/search-page.js, which is already taken by the file /search-page.js that opsbook writes",
        ),
        (
            "content/search-typos.js",
            "/search-typos.js, which is already taken by the file /search-typos.js that opsbook writes",
        ),
        ("content/style.css", "/style.css, which is already taken by the file /style.css that opsbook writes"),
        ("content/x/index.html", "/x/index.html, which is already taken by `content/x.md`"),
    ];
    for (file, message) in cases {
        let site = Site::with_files("content-clash", &[("content/x.md", PAGE), (file, "<p>mine</p>")]);
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains(&format!("error[duplicate-url]: `{file}` would be written to")), "{}", run.stderr);
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(run.stderr.contains("put yours in static/"), "{}", run.stderr);
    }
}

#[test]
fn lets_static_replace_a_theme_file() {
    let site = Site::with_files("static-override", &[("content/x.md", PAGE), ("static/style.css", "/* mine */")]);
    site.build(&[]).expect_code(0);
    assert_eq!(site.read("public/style.css"), "/* mine */");
}

#[test]
fn reports_names_too_long_for_a_file_at_their_field() {
    let long = "x".repeat(300);
    let cases = [
        (format!("---\nslug: {long}\n---\n# A\n"), "--> content/a.md:2:1", "a page cannot have the URL"),
        (format!("---\ntitle: A\ntags: [{long}]\n---\n# A\n"), "--> content/a.md:3:1", "a tag cannot have the URL"),
        (format!("---\naliases: [/{long}/]\n---\n# A\n"), "--> content/a.md:2:", "the alias"),
    ];
    for (page, at, message) in cases {
        let site = Site::with_files("too-long", &[("content/a.md", &page)]);
        let run = site.build(&[]);
        run.expect_code(1);
        assert!(run.stderr.contains("error[invalid-path]"), "{}", run.stderr);
        assert!(run.stderr.contains(message), "{}", run.stderr);
        assert!(run.stderr.contains("300 bytes long, more than the 255"), "{}", run.stderr);
        assert!(run.stderr.contains(at), "{}", run.stderr);
    }
    // Every segment short enough, the whole path too long for the system.
    let deep = vec!["y".repeat(250); 20].join("/");
    let page = format!("---\naliases: [/{deep}/]\n---\n# A\n");
    let site = Site::with_files("too-long-path", &[("content/a.md", &page)]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[invalid-path]"), "{}", run.stderr);
    assert!(run.stderr.contains("more than the 2048 a path in the site may have"), "{}", run.stderr);
}

/// Tests run as root in some containers, where mode 000 does not stop reading: there the
/// assertion is skipped (the unit test `pipeline::write::tests` covers the same path).
#[cfg(unix)]
#[test]
fn reports_an_unreadable_asset_at_the_file_and_keeps_the_output() {
    use std::os::unix::fs::PermissionsExt;
    let site = built_handbook("unreadable-asset");
    site.write("content/diagram.png", "png");
    let asset = site.root.join("content/diagram.png");
    std::fs::set_permissions(&asset, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&asset).is_ok() {
        eprintln!("skipped: running as root, mode 000 files stay readable");
        return;
    }
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[unreadable-file]: cannot read `content/diagram.png`"), "{}", run.stderr);
    assert!(site.exists("public/p/index.html"), "the previous output was lost");
}

/// Includes read nothing outside the handbook, nothing hidden and nothing of the output:
/// each way in is an `include` error at the directive and its text is never shown.
#[cfg(unix)]
#[test]
fn includes_read_nothing_outside_the_handbook_nor_hidden_nor_in_the_output() {
    let site = built_handbook("include-paths");
    site.write(".git/token", "CANARY-TOKEN\n");
    site.write("public/old.html", "CANARY-OUTPUT\n");
    std::os::unix::fs::symlink(site.root.join(".git"), site.root.join("gitdir")).expect("symlink");
    std::os::unix::fs::symlink("/etc/hostname", site.root.join("host.txt")).expect("symlink");
    let page = "---\ntitle: Q\n---\n{{#include ../../../../../../etc/hostname}}\n\
                {{#include ../.git/token}}\n{{#include ../gitdir/token}}\n{{#include ../host.txt}}\n\
                {{#include ../public/old.html}}\n{{#include /etc/hostname}}\n{{#include ..}}\n";
    site.write("content/q.md", page);
    let run = site.build(&[]);
    run.expect_code(1);
    for line in 4..=10 {
        assert!(run.stderr.contains(&format!(" --> content/q.md:{line}:1\n")), "line {line}: {}", run.stderr);
    }
    assert_eq!(run.stderr.matches("error[include]").count(), 7, "{}", run.stderr);
    assert!(!run.stderr.contains("CANARY"), "{}", run.stderr);
    assert_sources_kept(&site);
}

#[test]
fn a_blog_s_paths_from_book_toml_or_config_yml_never_leave_the_output() {
    // `[blog]` names output paths: one that climbs out is an error at its key, and the
    // previous output stays. `_config.yml`'s `paginate_path` is the old tool's: one that
    // would climb out counts for nothing, and the older posts stay under the blog.
    let site = built_handbook("blog-paths");
    let before = site.read("public/p/index.html");
    site.write("content/news/_posts/2021-02-03-a.md", "# A\n");
    site.write("content/news/_posts/2021-02-04-b.md", "# B\n");
    site.write(
        "book.toml",
        "[handbook]\ntitle = \"Ops\"\n\n[blog]\nper-page = 1\npaginate-path = \"x/../../../../escaped/:num/\"\n",
    );
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("`[blog] paginate-path` may not climb out of its folder"), "{}", run.stderr);
    assert_eq!(site.read("public/p/index.html"), before, "the previous output stays");
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n\n[blog]\npermalink = \"/a/../../../escaped/:title/\"\n");
    site.build(&[]).expect_code(1);
    site.write("book.toml", "[handbook]\ntitle = \"Ops\"\n");
    site.write("_config.yml", "paginate: 1\npaginate_path: \"/news/../../../escaped/page:num\"\n");
    site.build(&[]).expect_code(0);
    assert!(site.exists("public/news/page/2/index.html"), "{:?}", site.files_under("public/news"));
    let parent = site.root.parent().expect("a parent");
    assert!(!parent.join("escaped").exists() && !site.root.join("escaped").exists());
    assert_sources_kept(&site);
}

/// Names a tool keeps as written (a Jekyll site's), holding escapes that decode to a
/// path (`%2e%2e.md`, `a%2fb.md`), a `%` and a space: each is a file of that very name
/// inside the output, and every link to it escapes the `%` once more. The dev server
/// serves `100%.html`, `x y/` and `%2e%2e.html` (a name, `...html` decoded again), and
/// refuses a request that, decoded again, would name `..` or a folder (`a%2fb.html`).
#[test]
fn names_with_escapes_stay_names_in_the_output_and_the_server() {
    let site = Site::with_files(
        "escaped-names",
        &[
            ("_config.yml", "title: X\n"),
            (
                "content/index.md",
                "---\n---\n# Home\n\n[a](%252e%252e.md) [b](a%252fb.md) [c](<x y/z.md>) [d](100%25.md)\n",
            ),
            ("content/%2e%2e.md", "---\n---\n# Dots\n"),
            ("content/a%2fb.md", "---\n---\n# Slash\n"),
            ("content/x y/z.md", "---\n---\n# Z\n"),
            ("content/100%.md", "---\n---\n# All\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    for file in ["public/%2e%2e.html", "public/a%2fb.html", "public/x y/z.html", "public/100%.html"] {
        assert!(site.exists(file), "{file}: {:?}", site.files_under("public"));
    }
    assert!(!site.exists("public/a/b.html") && !site.exists("..html"));
    let home = site.read("public/index.html");
    for href in ["/%252e%252e.html\"", "/a%252fb.html\"", "/x%20y/z.html\"", "/100%25.html\""] {
        assert!(home.contains(&format!("href=\"{href}")), "{href}");
    }
    let server = crate::util::Server::start(&site, &[]);
    for served in ["/x%20y/z.html", "/100%25.html", "/%252e%252e.html"] {
        assert_eq!(server.get(served).0, 200, "{served}");
    }
    for refused in ["/a%252fb.html", "/a%2fb.html", "/%2e%2e/%2e%2e/book.toml", "/%252e%252e/book.toml"] {
        assert_eq!(server.get(refused).0, 400, "{refused}");
    }
}
