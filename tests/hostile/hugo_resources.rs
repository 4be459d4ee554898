//! Hostile inputs: Hugo's global resources (`assets/`), whose images a `figure` shortcode
//! publishes at their path below the folder. A file or folder of `assets/` linked out of
//! the handbook is not read or published (a `symlink-outside-root` error, as in
//! `static/`), a `src` that climbs out finds nothing, and a missing image is the broken
//! image it is in Hugo.

use crate::util::{Site, panicked};

const TOKEN: &str = "glpat-Hostile0Resource0Token";

/// A Hugo site whose page `docs/a/` shows `figures` (`src` values).
fn site(name: &str, figures: &[&str]) -> Site {
    let page: String = figures.iter().map(|src| format!("{{{{< figure src=\"{src}\" alt=\"x\" >}}}}\n\n")).collect();
    Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("hugo.toml", "title = 'x'\n"),
            ("content/_index.md", "# Home\n"),
            ("content/docs/a/index.md", &format!("# A\n\n{page}")),
            ("content/docs/a/own.png", "page resource"),
            ("assets/img/ok.png", "global resource"),
            ("assets/own.png", "a global one of the same name"),
            ("assets/styles.scss", "a { }"),
        ],
    )
}

#[test]
fn a_figure_finds_its_image_beside_the_page_then_in_assets() {
    let site = site("hugo-resources-order", &["own.png", "img/ok.png", "../../../../etc/passwd", "img/gone.png"]);
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = site.read("public/docs/a/index.html");
    assert!(html.contains("<img src=\"/docs/a/own.png\" alt=\"x\""), "{html}");
    assert!(html.contains("<img src=\"/img/ok.png\" alt=\"x\""), "{html}");
    assert_eq!(site.read("public/img/ok.png"), "global resource");
    assert!(!site.exists("public/styles.scss"), "only images are published");
    assert!(!site.exists("public/etc"));
    // What neither the page nor `assets/` has is a broken image, at the call.
    assert!(run.stderr.contains("warning[missing-asset]"), "{}", run.stderr);
    assert!(run.stderr.contains("img/gone.png") && run.stderr.contains("etc/passwd"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_image_of_assets_linked_out_of_the_handbook_is_never_published() {
    let elsewhere = Site::with_files("hugo-resources-elsewhere", &[("secret.png", TOKEN), ("dir/secret.png", TOKEN)]);
    let site = site("hugo-resources-linked", &["leak.png", "linked/secret.png"]);
    std::os::unix::fs::symlink(elsewhere.root.join("secret.png"), site.root.join("assets/leak.png")).expect("a link");
    std::os::unix::fs::symlink(elsewhere.root.join("dir"), site.root.join("assets/linked")).expect("a link");
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0Resource"), "{}", run.stderr);
    assert_ne!(run.code, 0, "{}", run.stderr);
    for shown in ["error[symlink-outside-root]", "assets/leak.png", "assets/linked"] {
        assert!(run.stderr.contains(shown), "{shown}: {}", run.stderr);
    }
    for leaked in ["public/leak.png", "public/linked/secret.png"] {
        assert!(!site.exists(leaked), "{leaked}");
    }
    if site.exists("public") {
        assert!(site.files_containing("public", "Hostile0Resource").is_empty());
    }
}

/// Docsy's `imgproc` looks only among the page's own files, which the build read through
/// its confinement: a name that climbs finds nothing, a file of the bundle linked out of
/// the handbook is never shown or measured, and a glob written to be slow or unreadable is
/// a warning at once.
#[cfg(unix)]
#[test]
fn imgproc_finds_only_the_page_s_own_files_in_bounded_time() {
    let elsewhere = Site::with_files("hugo-imgproc-elsewhere", &[("secret.png", TOKEN)]);
    let slow = format!("{}z", "*a".repeat(1500));
    let page = format!(
        "# A\n\n{{{{< imgproc \"../../../secret\" Resize 600x >}}}}{{{{< /imgproc >}}}}\n\n\
         {{{{< imgproc leak Resize 600x >}}}}{{{{< /imgproc >}}}}\n\n\
         {{{{< imgproc \"{slow}\" Resize 600x >}}}}{{{{< /imgproc >}}}}\n\n\
         {{{{< imgproc \"[own\" Resize 600x >}}}}{{{{< /imgproc >}}}}\n\n\
         {{{{< imgproc own Resize 99999999999x >}}}}{{{{< /imgproc >}}}}\n"
    );
    let site = Site::with_files(
        "hugo-imgproc",
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n[check]\nlinks = \"warn\"\n"),
            ("hugo.toml", "title = 'x'\n"),
            ("content/_index.md", "# Home\n"),
            ("content/docs/a/index.md", &page),
            ("content/docs/a/own.png", "not a png"),
        ],
    );
    std::os::unix::fs::symlink(elsewhere.root.join("secret.png"), site.root.join("content/docs/a/leak.png"))
        .expect("a link");
    let started = std::time::Instant::now();
    let run = site.build(&[]);
    assert!(started.elapsed() < std::time::Duration::from_secs(30), "bounded");
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0Resource"), "{}", run.stderr);
    assert!(run.stderr.contains("error[symlink-outside-root]"), "{}", run.stderr);
    assert!(!site.exists("public/docs/a/leak.png"));
    for warned in ["`**../../../secret*`", "`**leak*`", "does not close", "invalid image dimensions"] {
        assert!(run.stderr.contains(warned), "{warned}: {}", run.stderr);
    }
    // The long glob is refused at once.
    assert!(run.stderr.contains("longer than opsbook reads"), "{}", run.stderr);
}
