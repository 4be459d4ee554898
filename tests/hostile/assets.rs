//! Hostile inputs: Jekyll's `{% asset %}` tag. An asset is looked up
//! in the asset folders of the content like any file a page links to: a path that
//! climbs out of the content folder, or a symbolic link in `_assets/` that leads out of
//! the handbook, publishes nothing from outside, and each is an error at its place.

use crate::util::Site;

/// A folder outside the handbook holding a secret.
fn outside(name: &str) -> Site {
    let site = Site::empty(name);
    site.write("secret.png", "OUTSIDE-SECRET-ASSET\n");
    site
}

#[test]
fn an_asset_path_that_climbs_out_of_the_content_publishes_nothing() {
    let out = outside("asset-climb-target");
    let depth = out.root.components().count() + 4;
    let climb = "../".repeat(depth);
    let target = out.root.join("secret.png");
    let target = target.to_str().expect("a UTF-8 path").trim_start_matches('/');
    let page = format!(
        "# Home\n\n{{% asset {climb}{target} alt=\"x\" %}}\n\n[the file]({{% asset ../../../secret.png @path %}})\n"
    );
    let site =
        Site::with_files("asset-climb", &[("content/_index.md", &page), ("content/_assets/images/ok.png", "PNG")]);
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("--> content/_index.md:3:1"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/_index.md:5:"), "{}", run.stderr);
    assert!(site.exists("public/index.html") || !site.exists("public"), "no partial output");
    if site.exists("public") {
        assert!(site.files_containing("public", "OUTSIDE-SECRET").is_empty());
    }
}

#[cfg(unix)]
#[test]
fn an_asset_linked_out_of_the_handbook_is_an_error_and_is_not_published() {
    let out = outside("asset-link-target");
    let site = Site::with_files(
        "asset-link",
        &[
            ("content/_index.md", "# Home\n\n{% asset leak.png %}\n\n{% asset ok.png class=\"wide\" %}\n"),
            ("content/_assets/images/ok.png", "PNG"),
        ],
    );
    std::os::unix::fs::symlink(out.root.join("secret.png"), site.root.join("content/_assets/images/leak.png"))
        .expect("make a symbolic link");
    let run = site.build(&[]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[symlink-outside-root]"), "{}", run.stderr);
    assert!(run.stderr.contains("--> content/_assets/images/leak.png"), "{}", run.stderr);
    if site.exists("public") {
        assert!(site.files_containing("public", "OUTSIDE-SECRET").is_empty());
    }
}

#[test]
fn an_asset_in_the_asset_folders_is_published_with_its_page() {
    let site = Site::with_files(
        "asset-ok",
        &[
            ("content/_index.md", "# Home\n\n{% asset ok.png class=\"wide\" onclick=\"x()\" %}\n"),
            ("content/_assets/images/ok.png", "PNG"),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/index.html");
    assert!(html.contains("<img src=\"/_assets/images/ok.png\" class=\"wide\" alt=\"\">"), "{html}");
    assert_eq!(site.read("public/_assets/images/ok.png"), "PNG");
}
