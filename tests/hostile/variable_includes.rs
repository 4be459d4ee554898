//! Hostile inputs: Jekyll includes whose file names are Liquid variables, read only when
//! the page's Liquid runs. A name from front matter or an `assign` goes through the same
//! lookup and confinement as a written one, the files read are public text in a public
//! build, an include that names itself stops at the nesting limit, and the Liquid before
//! an internal block cannot turn it into text a public build shows.

#![cfg(unix)]

use crate::util::{Site, main_of, panicked};

const TOKEN: &str = "glpat-Hostile0Variable0Include0Token";

/// Names from front matter that climb out (Jekyll refuses `..`), lead through a folder
/// linked out of the handbook, or are absolute, read nothing outside it: each is a
/// missing include, a warning while moving and an error otherwise.
#[test]
fn an_include_named_by_a_variable_never_leaves_the_handbook() {
    let elsewhere = Site::with_files("variable-include-elsewhere", &[("secret.md", TOKEN)]);
    let climb = format!("{}/secret.md", "../".repeat(elsewhere.root.components().count() + 2));
    let outside = format!("{}/secret.md", elsewhere.root.display());
    let page = format!(
        "---\ntitle: A\nclimb: {climb}\nlinked: linked/secret.md\nabsolute: {outside}\n---\n\n\
         {{% include_relative {{{{ page.climb }}}} %}}\n\n{{% include {{{{ page.linked }}}} %}}\n\n\
         {{% include {{{{ page.absolute }}}} %}}\n"
    );
    let site = Site::with_files(
        "variable-include-hostile",
        &[("_config.yml", "title: X\n"), ("_includes/box.html", "Box."), ("content/a.md", &page)],
    );
    std::os::unix::fs::symlink(&elsewhere.root, site.root.join("_includes/linked")).expect("a link");
    for links in ["warn", "error"] {
        site.write("book.toml", format!("[handbook]\ntitle = \"X\"\n[check]\nlinks = \"{links}\"\n"));
        let run = site.run(&["build", "--force"]);
        assert!(!panicked(&run.stderr), "{}", run.stderr);
        assert!(!run.stderr.contains("Hostile0Variable"), "{}", run.stderr);
        assert_eq!(run.code == 0, links == "warn", "{}", run.stderr);
        if links == "warn" {
            let main = main_of(&site.read("public/a.html")).to_string();
            assert_eq!(main.matches("missing include").count(), 3, "{main}");
            assert!(site.files_containing("public", "Hostile0Variable").is_empty());
        }
    }
}

/// In a public build: a file of an internal section named by a variable is an error and
/// is not read; the internal blocks of a public file named by one are left out; an
/// include inside the page's own internal block reads nothing; and a variable that opens
/// a code block before an internal block cannot show the block as code. The internal
/// build has all of them.
#[test]
fn a_public_build_takes_no_internal_text_through_an_include_named_by_a_variable() {
    let site = Site::with_files(
        "variable-include-audience",
        &[
            ("_config.yml", "title: X\n"),
            ("content/ops/_index.md", "---\nvisibility: internal\n---\n\n# Ops\n"),
            ("content/ops/notes.md", &format!("Secret notes {TOKEN}-1.\n")),
            ("content/box.md", &format!("Box.\n\n<!-- internal -->\n{TOKEN}-2\n<!-- /internal -->\n\nEnd of box.\n")),
            (
                "content/a.md",
                &format!(
                    "---\ntitle: A\nbox: box.md\nsecret: ops/notes.md\nfence: \"```\"\n---\n\n\
                     {{% include_relative {{{{ page.box }}}} %}}\n\n<!-- internal -->\n\
                     {{% include_relative {{{{ page.secret }}}} %}}\n<!-- /internal -->\n\n\
                     {{{{ page.fence }}}}\n\n<!-- internal -->\n{TOKEN}-3\n<!-- /internal -->\n\nAfter.\n"
                ),
            ),
        ],
    );
    let run = site.build(&[]);
    run.expect_code(0);
    assert!(site.files_containing("public", "Hostile0Variable").is_empty(), "{}", run.stderr);
    let main = main_of(&site.read("public/a.html")).to_string();
    assert!(main.contains("Box.") && main.contains("End of box."), "{main}");
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    for n in 1..=3 {
        assert!(site.read("internal/a.html").contains(&format!("{TOKEN}-{n}")), "{n}");
    }

    // Outside an internal block, the internal file is an error in the public build.
    site.write(
        "content/b.md",
        "---\ntitle: B\nsecret: ops/notes.md\n---\n\n{% include_relative {{ page.secret }} %}\n",
    );
    let run = site.run(&["build", "--force"]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[include]: cannot include `ops/notes.md` in a public build"), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0Variable"), "{}", run.stderr);
}

/// An include that names itself, or a chain of them, stops at the nesting limit with an
/// error at the tag: no hang, no overflow.
#[test]
fn an_include_named_by_a_variable_that_includes_itself_stops() {
    let site = Site::with_files(
        "variable-include-cycle",
        &[
            ("_config.yml", "title: X\n"),
            ("_includes/loop.html", "L{% include {{ page.next }} %}"),
            ("content/a.md", "---\ntitle: A\nnext: loop.html\n---\n\n{% include {{ page.next }} %}\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[include]: cannot include `loop.html`: includes nest deeper than 16 files"),
        "{}",
        run.stderr
    );
}

/// The same in an Eleventy handbook whose Markdown is Nunjucks and in a Jekyll one: a
/// variable that opens a code block before an internal block leaves the block out of
/// the public build, not shown as code.
#[test]
fn a_template_variable_cannot_show_an_internal_block_as_code() {
    let page = format!(
        "---\ntitle: A\nfence: \"```\"\n---\n\nText.\n\n{{{{ fence }}}}{{{{ page.fence }}}}\n\n<!-- internal -->\n\
         {TOKEN}\n<!-- /internal -->\n\nAfter.\n"
    );
    for (name, config) in [
        (
            "variable-fence-nunjucks",
            ("eleventy.config.js", "export default function () { return { markdownTemplateEngine: \"njk\" }; }\n"),
        ),
        ("variable-fence-jekyll", ("_config.yml", "title: X\n")),
    ] {
        let site = Site::with_files(name, &[config, ("content/a.md", &page)]);
        site.build(&[]).expect_code(0);
        assert!(site.files_containing("public", "Hostile0Variable").is_empty(), "{name}");
        site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
        assert!(!site.files_containing("internal", "Hostile0Variable").is_empty(), "{name}");
    }
}

/// A loop that captures a large file by a variable name thousands of times stops at the
/// bound of what a page's includes may write, with an error at the tag.
#[test]
fn includes_named_by_a_variable_in_a_long_loop_stop_at_their_bound() {
    let big = "word ".repeat(40_000);
    let site = Site::with_files(
        "variable-include-costs",
        &[
            ("_config.yml", "title: X\n"),
            ("_includes/big.html", big.as_str()),
            (
                "content/a.md",
                "---\ntitle: A\nf: big.html\n---\n\n{% for i in (1..5000) %}{% capture x %}{% include {{ page.f }} %}{% endcapture %}{% endfor %}Done.\n",
            ),
        ],
    );
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(
        run.stderr.contains("error[include]: the page's includes run more than 4096 times, name more than 4096 files or write more than 64 MiB"),
        "{}",
        run.stderr
    );
}

/// A public build masks a templated page's internal blocks before its Liquid runs, and
/// reads the public text of the files its Liquid includes by variable names: a file that
/// only their internal blocks link to stays out of the public build all the same.
#[test]
fn files_only_internal_blocks_link_to_stay_out_of_a_templated_public_build() {
    let site = Site::with_files(
        "variable-include-assets",
        &[
            ("_config.yml", "title: X\n"),
            ("content/net.png", "page-net"),
            ("content/late.png", "late-net"),
            ("content/_includes/box.md", "Box.\n\n<!-- internal -->\n![late](../late.png)\n<!-- /internal -->\n"),
            (
                "content/a.md",
                "---\ntitle: A\nbox: _includes/box.md\n---\n\n{{ page.title }}\n\n<!-- internal -->\n![net](net.png)\n\
                 <!-- /internal -->\n\n{% include_relative {{ page.box }} %}\n",
            ),
        ],
    );
    site.build(&[]).expect_code(0);
    let main = main_of(&site.read("public/a.html")).to_string();
    assert!(main.contains("Box.") && !main.contains("net.png") && !main.contains("late.png"), "{main}");
    assert!(!site.exists("public/net.png") && !site.exists("public/late.png"));
    site.build(&["--audience", "internal", "--out", "internal"]).expect_code(0);
    assert!(site.exists("internal/net.png") && site.exists("internal/late.png"));
    assert!(site.read("internal/a.html").contains("late.png"));
}

/// A file named by a variable whose internal markers are written wrongly is not included
/// in a public build: an `internal-block` error names the marker in the file.
#[test]
fn a_file_named_by_a_variable_with_broken_internal_markers_is_not_included() {
    let site = Site::with_files(
        "variable-include-markers",
        &[
            ("_config.yml", "title: X\n"),
            ("_includes/bad.md", &format!("Text.\n\n<!-- internal -->\n{TOKEN}\n")),
            // Front matter: Jekyll runs the Liquid of a page that has it only.
            ("content/a.md", "---\n---\n# A\n\n{% include {{ 'bad.md' }} %}\n"),
        ],
    );
    let run = site.build(&[]);
    assert!(!panicked(&run.stderr), "{}", run.stderr);
    run.expect_code(1);
    assert!(run.stderr.contains("error[internal-block]: _includes/bad.md:3:1: "), "{}", run.stderr);
    assert!(!run.stderr.contains("Hostile0Variable"), "{}", run.stderr);
}
