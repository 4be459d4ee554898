//! Hostile inputs: the templates a handbook gives its own constructs and the old tools'
//! configuration and data files. They are read like every file, through
//! the confinement and `crate::fs`: a folder or file linked out of the handbook is refused
//! by name and never read; a template or a page's Liquid that loops or writes without end
//! is stopped at a bound, with a message at its place.

#![cfg(unix)]

use crate::util::{Site, main_of};

const TOKEN: &str = "glpat-Hostile0Token0Never0Printed";

#[test]
fn a_template_folder_linked_out_of_the_handbook_is_refused_and_not_read() {
    let site = Site::with_files(
        "templates-linked-out",
        &[("content/p.md", "---\ntitle: P\n---\n{{< secret >}}\n\n{{< leak >}}\n")],
    );
    let elsewhere = Site::with_files("templates-elsewhere", &[("secret.html", &format!("{TOKEN}\n"))]);
    std::fs::create_dir_all(site.root.join("templates")).expect("a folder");
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("templates/shortcodes")).expect("a link");
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[symlink-outside-root]") && run.stderr.contains("templates/shortcodes"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Hostile0Token"), "{}", run.stderr);

    std::fs::remove_file(site.root.join("templates/shortcodes")).expect("unlink");
    std::fs::create_dir_all(site.root.join("templates/shortcodes")).expect("a folder");
    std::os::unix::fs::symlink("/proc/self/environ", site.root.join("templates/shortcodes/leak.html")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("secret.html"), site.root.join("templates/shortcodes/secret.html"))
        .expect("a link");
    let run = site.run(&["build"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[symlink-outside-root]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/shortcodes/leak.html")
            && run.stderr.contains("templates/shortcodes/secret.html")
    );
    assert!(!run.stderr.contains("Hostile0Token") && !site.exists("public/p/index.html"), "{}", run.stderr);
}

#[test]
fn site_variables_linked_out_of_the_handbook_are_refused_and_not_read() {
    let site = Site::with_files(
        "config-linked-out",
        &[("content/p.md", "---\ntitle: P\n---\nValue: {{ site.token }} {{ site.data.secret.token }}.\n")],
    );
    let elsewhere = Site::with_files("config-elsewhere", &[("config.yml", &format!("token: {TOKEN}\n"))]);
    std::os::unix::fs::symlink(elsewhere.root.join("config.yml"), site.root.join("_config.yml")).expect("a link");
    std::fs::create_dir_all(site.root.join("_data")).expect("a folder");
    std::os::unix::fs::symlink(elsewhere.root.join("config.yml"), site.root.join("_data/secret.yml")).expect("a link");
    let run = site.run(&["build"]);
    assert!(
        run.stderr.contains("warning[symlink-outside-root]: the file is not read: it leads outside"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" --> _config.yml") && run.stderr.contains(" --> _data/secret.yml"), "{}", run.stderr);
    // A Jekyll site's page is at `p.html` unless its `_config.yml` (not read here) says
    // `permalink: pretty`.
    let page = ["public/p.html", "public/p/index.html"]
        .into_iter()
        .find(|path| site.exists(path))
        .map(|path| site.read(path))
        .expect("the page is built");
    assert!(!page.contains("Hostile0Token") && !run.stderr.contains("Hostile0Token"), "{page}");
}

#[test]
fn a_template_that_writes_without_end_is_stopped_at_its_use() {
    let site = Site::with_files(
        "template-huge",
        &[
            (
                "templates/shortcodes/flood.html",
                "{% for i in range(end=100000) %}{% for j in range(end=1000) %}0123456789{% endfor %}{% endfor %}",
            ),
            ("content/p.md", "---\ntitle: P\n---\nText.\n\n{{< flood >}}\n"),
        ],
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains(
            "error[template]: the template `templates/shortcodes/flood.html` writes more than 1 MiB for one use\n --> content/p.md:6:1"
        ),
        "{}",
        run.stderr
    );
}

/// Loops over `range` that write nothing ran for ever (10^10 steps): the items a
/// render's `range` calls make have a budget, an error naming the template.
#[test]
fn nested_loops_that_write_nothing_stop_at_the_budget_of_the_template() {
    let spin = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
    let site = Site::with_files(
        "template-spin",
        &[("templates/shortcodes/spin.html", spin), ("content/p.md", "---\ntitle: P\n---\nText.\n\n{{< spin >}}\n")],
    );
    let started = std::time::Instant::now();
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
    assert!(
        run.stderr.contains("error[template]: the template `templates/shortcodes/spin.html`")
            && run.stderr.contains("more than 1000000 items in one render")
            && run.stderr.contains(" --> content/p.md:6:1"),
        "{}",
        run.stderr
    );
    // The theme's templates have the same budget.
    site.write("templates/shortcodes/spin.html", "Spun.");
    site.write("templates/page.html", spin);
    let run = site.run(&["build"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[template]")
            && run.stderr.contains("templates/page.html")
            && run.stderr.contains("more than 1000000 items in one render"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_that_includes_itself_is_refused_when_it_loads() {
    let site = Site::with_files(
        "template-cycle",
        &[
            ("templates/shortcodes/loop.html", "{% include \"loop.html\" %}"),
            ("content/p.md", "---\ntitle: P\n---\n{{< loop >}}\n"),
        ],
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[template]") && run.stderr.contains("templates/shortcodes/loop.html"),
        "{}",
        run.stderr
    );
    // The use is a placeholder, not a hang.
    assert!(run.stderr.contains("warning[unsupported-syntax]: the shortcode `{{< loop >}}`"), "{}", run.stderr);
}

#[test]
fn a_pages_liquid_that_loops_without_end_is_not_run() {
    let site = Site::with_files(
        "liquid-loops",
        &[
            ("_config.yml", "title: T\npermalink: pretty\n"),
            (
                "content/p.md",
                "---\ntitle: P\n---\n{% for i in (1..100000000) %}{% for j in (1..100000000) %}x{% endfor %}{% endfor %}\n\nAfter.\n",
            ),
            (
                "content/q.md",
                "---\ntitle: Q\n---\n{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..9000) %}{% for j in (1..9000) %}{{ s }}{% endfor %}{% endfor %}\n",
            ),
        ],
    );
    let run = site.run(&["build"]);
    run.expect_code(0);
    assert!(main_of(&site.read("public/p/index.html")).contains("After."));
    assert!(
        run.stderr.contains(
            "warning[unsupported-syntax]: the page's Liquid cannot be evaluated (it writes more than 16 MiB)"
        ),
        "{}",
        run.stderr
    );
}

/// A Hugo site's shortcode templates are looked for through the confinement: a folder
/// or a template linked out of the handbook is a warning and is not listed or read (so
/// opsbook's own rendering of the name stays), a huge template is never read (its name
/// is all that counts), and a link looping inside `layouts/` and a flood of entries stop
/// at the walk's bounds.
#[test]
fn a_hugo_shortcode_template_linked_out_or_huge_is_not_read() {
    let page = "---\ntitle: P\n---\n{{< figure src=\"https://example.org/a.png\" >}}\n\n{{< youtube abc >}}\n\n\
                {{< details summary=\"More\" >}}\nMore.\n{{< /details >}}\n";
    let site = Site::with_files("hugo-layouts-linked-out", &[("hugo.toml", "title = 'x'\n"), ("content/p.md", page)]);
    let elsewhere = Site::with_files(
        "hugo-layouts-elsewhere",
        &[("_shortcodes/figure.html", &format!("{TOKEN}\n")), ("youtube.html", &format!("{TOKEN}\n"))],
    );
    std::fs::create_dir_all(site.root.join("layouts/shortcodes")).expect("a folder");
    std::os::unix::fs::symlink(elsewhere.root.join("_shortcodes"), site.root.join("layouts/_shortcodes"))
        .expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("youtube.html"), site.root.join("layouts/shortcodes/youtube.html"))
        .expect("a link");
    std::os::unix::fs::symlink(site.root.join("layouts"), site.root.join("layouts/shortcodes/loop")).expect("a link");
    let huge = std::fs::File::create(site.root.join("layouts/shortcodes/details.html")).expect("a file");
    huge.set_len(8 << 30).expect("a sparse file of 8 GiB");
    let started = std::time::Instant::now();
    let run = site.run(&["build"]);
    run.expect_code(0);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
    let warning = "warning[symlink-outside-root]: this symbolic link leads outside the handbook's folder";
    for link in ["layouts/_shortcodes", "layouts/shortcodes/youtube.html"] {
        assert!(run.stderr.contains(warning) && run.stderr.contains(&format!(" --> {link}")), "{link}: {}", run.stderr);
    }
    let main = main_of(&site.read("public/p/index.html")).to_string();
    assert!(
        main.contains("<img src=\"https://example.org/a.png\"") && main.contains("youtube.com/watch?v=abc"),
        "{main}"
    );
    assert!(main.contains("unsupported: <code>{{&lt; details summary=&quot;More&quot; &gt;}}</code>"), "{main}");
    assert!(run.stderr.contains("`layouts/shortcodes/details.html`"), "{}", run.stderr);
    assert!(!main.contains("Hostile0Token") && !run.stderr.contains("Hostile0Token"), "{}", run.stderr);

    let flood = site.root.join("layouts/partials/flood");
    std::fs::create_dir_all(&flood).expect("a folder");
    for n in 0..20_001 {
        std::fs::File::create(flood.join(format!("{n}.html"))).expect("a file");
    }
    let run = site.run(&["build"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "the layouts hold more than 20,000 entries; the shortcode templates of the rest are not looked for"
        ),
        "{}",
        run.stderr
    );
}

/// A Hugo site's shortcode template is read for ids only through the confinement, a
/// regular file of at most 256 KiB: one linked out of the handbook is not read (a
/// warning, and the shortcode's source is unknown), a huge one, a padded one past the
/// bound and a named pipe are not read either, and the build neither hangs nor prints
/// what lies outside. A link to an id their pages lack is then a note (their templates
/// may write it); only the template read and writing no id keeps the warning.
#[test]
fn a_shortcode_template_read_for_ids_linked_out_huge_or_a_pipe_is_not_read() {
    let mut files = vec![
        ("hugo.toml".to_string(), "title = 'x'\n".to_string()),
        ("book.toml".to_string(), "[handbook]\ntitle = \"T\"\n[check]\nlinks = \"warn\"\n".to_string()),
        ("layouts/shortcodes/plain.html".to_string(), "<p class=\"plain\"></p>\n".to_string()),
        ("layouts/shortcodes/padded.html".to_string(), format!("<p>{}</p>\n", "x".repeat(300 << 10))),
    ];
    let names = ["linked", "huge", "padded", "pipe", "plain"];
    let links: Vec<String> = names.iter().map(|n| format!("[{n}]({n}.md#x)")).collect();
    files.push(("content/links.md".into(), format!("---\ntitle: Links\n---\n{}\n", links.join(" "))));
    for name in names {
        files.push((format!("content/{name}.md"), format!("---\ntitle: {name}\n---\n{{{{< {name} >}}}}\n")));
    }
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = Site::with_files("shortcode-ids", &files);
    let elsewhere = Site::with_files("shortcode-ids-elsewhere", &[("linked.html", &format!("<p>{TOKEN}</p>\n"))]);
    std::os::unix::fs::symlink(elsewhere.root.join("linked.html"), site.root.join("layouts/shortcodes/linked.html"))
        .expect("a link");
    let huge = std::fs::File::create(site.root.join("layouts/shortcodes/huge.html")).expect("a file");
    huge.set_len(8 << 30).expect("a sparse file of 8 GiB");
    crate::reads::make_fifo(&site.root.join("layouts/shortcodes/pipe.html"));
    let started = std::time::Instant::now();
    let run = crate::reads::run_bounded(&site, &["check"], &[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "took {:?}", started.elapsed());
    assert!(
        run.stderr.contains("warning[symlink-outside-root]")
            && run.stderr.contains(" --> layouts/shortcodes/linked.html"),
        "{}",
        run.stderr
    );
    for (name, shown) in [("linked", "{{< linked >}}"), ("huge", "huge"), ("padded", "padded"), ("pipe", "pipe")] {
        let note = format!(
            "note[broken-anchor]: no heading or anchor `#x` in `content/{name}.md`, which shows `{shown}` as a placeholder"
        );
        assert!(run.stderr.contains(&note), "{note}\n{}", run.stderr);
    }
    let warning = "warning[broken-anchor]: no heading or anchor `#x` in `content/plain.md`\n";
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0Token") && !run.stdout.contains("Hostile0Token"), "{}", run.stderr);
}
