//! Hostile inputs: a Hugo site's own URLs. `permalinks` patterns and `url` front matter
//! that climb above the site's root stay at it, as Hugo joins them, and one that names
//! another site is a warning at its place (the page keeps Hugo's URL): no page leaves
//! the output; a `permalinks` or `menus` file linked out of the handbook is not read, and a
//! menu shows no internal page; a path glob that would take exponential time is refused
//! at its place.

use crate::util::Site;

const HUGO: &str = "title = 'x'\n[permalinks]\nposts = '/../../../../escape/:slug/'\n";

#[test]
fn permalinks_and_urls_that_climb_out_stay_in_the_output() {
    let site = Site::with_files(
        "hugo-url-climb",
        &[
            ("hugo.toml", HUGO),
            ("content/_index.md", "# Home\n"),
            ("content/posts/first.md", "---\ntitle: First\n---\n# First\n"),
            ("content/a.md", "---\ntitle: A\nurl: /../../../escape-url/\n---\n# A\n"),
            ("content/b.md", "---\ntitle: B\nurl: https://example.com/b/\n---\n# B\n"),
            ("content/c.md", "---\ntitle: C\nurl: /%2e%2e/%2e%2e/escape-c/\n---\n# C\n"),
            // A `url` pattern whose token climbs.
            ("content/d.md", "---\ntitle: D\nslug: ../../../../escape-d\nurl: /:slug/\n---\n# D\n"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    // A `..` stays at the root, as Hugo joins the path (Go's `path.Join("/", url)`):
    // the pages are in the output, at the path below the climb.
    for page in ["escape/first", "escape-url", "b", "escape-c"] {
        assert!(site.exists(&format!("public/{page}/index.html")), "{page}: {}", run.stderr);
    }
    let parent = site.root.parent().expect("a parent folder");
    for escaped in ["escape", "escape-url", "escape-c", "escape-d"] {
        assert!(!site.root.join(escaped).exists() && !parent.join(escaped).exists(), "{escaped}");
    }
    assert!(run.stderr.contains("`url: https://example.com/b/` is not a path of this site"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/b.md:3:1"), "{}", run.stderr);
    assert!(!run.stderr.contains("escape-url/` is not a path"), "{}", run.stderr);
}

#[test]
fn a_glob_that_would_take_exponential_time_is_refused_at_its_place() {
    let glob = "{a,b}".repeat(40);
    let config = format!("title = 'x'\n\n[[permalinks]]\npattern = '/:slug/'\n[permalinks.target]\npath = '{glob}'\n");
    let site = Site::with_files(
        "hugo-url-glob",
        &[("hugo.toml", &config), ("content/_index.md", "# Home\n"), ("content/a/b.md", "# B\n")],
    );
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert!(run.stderr.contains("is a longer path glob than opsbook reads"), "{}", run.stderr);
    assert!(run.stderr.contains("--> hugo.toml:6:9"), "{}", run.stderr);
    assert!(site.exists("public/a/b/index.html"));
}

#[cfg(unix)]
#[test]
fn a_permalinks_file_linked_out_of_the_handbook_is_not_read() {
    let out = Site::empty("hugo-url-link-target");
    out.write("permalinks.toml", "posts = '/leaked/:slug/'\n");
    let site = Site::with_files(
        "hugo-url-link",
        &[("hugo.toml", "title = 'x'\n"), ("content/_index.md", "# Home\n"), ("content/posts/p.md", "# P\n")],
    );
    std::fs::create_dir_all(site.root.join("config/_default")).expect("make the folder");
    std::os::unix::fs::symlink(out.root.join("permalinks.toml"), site.root.join("config/_default/permalinks.toml"))
        .expect("make a symbolic link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.exists("public/posts/p/index.html"), "{}", run.stderr);
    assert!(!site.exists("public/leaked"));
    assert!(run.stderr.contains("config/_default/permalinks.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("the file is not read"), "{}", run.stderr);
}

/// A Hugo menu's names and links are text and links, never markup or script; parents
/// that circle, or nest ten thousand deep, end the menu and the build.
#[test]
fn a_menu_writes_no_markup_runs_no_script_and_nests_no_deeper_than_it_can() {
    let mut menus = String::from(
        "[[main]]\nname = '<script>alert(1)</script>'\nurl = '/a/\"><script>x</script>'\n\
         [[main]]\nname = 'Scripted'\nurl = ' JavaScript:alert(1)'\n\
         [[main]]\nname = 'A'\nparent = 'B'\n[[main]]\nname = 'B'\nparent = 'A'\n[[main]]\nname = 'e0'\n",
    );
    for i in 1..10_000 {
        menus.push_str(&format!("[[main]]\nname = 'e{i}'\nparent = 'e{}'\n", i - 1));
    }
    let site = Site::with_files(
        "hugo-menu-hostile",
        &[("hugo.toml", "title = 'x'\n"), ("config/_default/menus.toml", &menus), ("content/_index.md", "# Home\n")],
    );
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let home = site.read("public/index.html");
    let menu = home.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).expect("a menu");
    assert!(!menu.contains("<script") && menu.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{menu}");
    assert!(!menu.to_ascii_lowercase().contains("javascript:") && menu.contains("<span>Scripted</span>"), "{menu}");
    assert!(menu.contains(">e0</a>") || menu.contains("<span>e0</span>"), "{menu}");
}

/// A menus file linked out of the handbook is not read, and an internal page never
/// reaches a public build's menu: neither named by a `pageRef` nor by its own `menu`.
#[cfg(unix)]
#[test]
fn a_menu_reads_no_file_out_of_the_handbook_and_shows_no_internal_page() {
    let out = Site::empty("hugo-menu-link-target");
    out.write("menus.toml", "[[main]]\nname = 'menu36leaked'\nurl = '/leaked/'\n");
    let site = Site::with_files(
        "hugo-menu-link",
        &[
            ("hugo.toml", "title = 'x'\n[[menus.main]]\nname = 'Ops'\npageRef = '/ops'\n"),
            ("content/_index.md", "# Home\n"),
            ("content/ops.md", "---\ntitle: menu36secret\nvisibility: internal\n---\nHidden.\n"),
            ("content/db.md", "---\ntitle: menu36own\nvisibility: internal\nmenu: main\n---\nHidden.\n"),
            ("content/public.md", "---\ntitle: Runbooks\nmenu: main\n---\nShown.\n"),
        ],
    );
    std::fs::create_dir_all(site.root.join("config/_default")).expect("make the folder");
    std::os::unix::fs::symlink(out.root.join("menus.toml"), site.root.join("config/_default/menus.toml"))
        .expect("make a symbolic link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("config/_default/menus.toml") && run.stderr.contains("the file is not read"),
        "{}",
        run.stderr
    );
    let home = site.read("public/index.html");
    let menu = home.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).expect("a menu");
    assert!(menu.contains(">Runbooks</a>"), "{menu}");
    assert!(!home.contains("menu36"), "the public home page shows internal or foreign text: {menu}");
}

/// A language's menu file linked out of the handbook is not read, and an entry's `pre`,
/// `post` and `title` are text, never markup: the tags of `pre` and `post` are left
/// out, a `title` that closes its attribute is written escaped.
#[cfg(unix)]
#[test]
fn a_language_menu_file_linked_out_is_not_read_and_pre_post_title_write_no_markup() {
    let out = Site::empty("hugo-menu-language-link-target");
    out.write("menus.de.toml", "[[main]]\nname = 'menu37leaked'\nurl = '/leaked/'\n");
    let site = Site::with_files(
        "hugo-menu-language-link",
        &[
            (
                "hugo.toml",
                "title = 'x'\ndefaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n\
                 [[menus.main]]\nname = 'Ops'\nurl = 'https://example.org/'\npre = '<script>alert(1)</script><img src=x onerror=alert(2)>'\n\
                 post = '<a href=\"javascript:alert(3)\">'\ntitle = '\"><script>alert(4)</script>'\n",
            ),
            ("content/_index.md", "# Home\n"),
            ("content/_index.de.md", "# Start\n"),
        ],
    );
    std::fs::create_dir_all(site.root.join("config/_default")).expect("make the folder");
    std::os::unix::fs::symlink(out.root.join("menus.de.toml"), site.root.join("config/_default/menus.de.toml"))
        .expect("make a symbolic link");
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("config/_default/menus.de.toml") && run.stderr.contains("the file is not read"),
        "{}",
        run.stderr
    );
    for page in ["public/index.html", "public/de/index.html"] {
        let html = site.read(page);
        let menu =
            html.split("<nav class=\"site-menu\"").nth(1).and_then(|m| m.split("</nav>").next()).expect("a menu");
        assert!(!html.contains("menu37"), "{page}: {menu}");
        assert!(menu.contains(">alert(1)Ops</a>"), "{page}: {menu}");
        assert!(!menu.contains("<script") && !menu.contains("<img") && !menu.contains("javascript:"), "{page}: {menu}");
        assert!(menu.contains("&gt;&lt;script&gt;alert(4)&lt;/script&gt;\">"), "{page}: {menu}");
    }
}
