//! Hostile inputs: the image files whose sizes a build reads. Each
//! is opened as the copy step opens it (a regular file in the handbook, through
//! `crate::fs`) and at most its first 256 KiB read: a FIFO does not hang the build, a
//! symbolic link out of the handbook is not read, and a huge or garbage file costs no
//! more than its header.

use crate::util::Site;

#[test]
fn a_fifo_named_like_an_image_neither_hangs_nor_gets_a_size() {
    let site = Site::with_files("images-fifo", &[("content/index.md", "# Home\n\n![a](a.png)\n\n![b](b.png)\n")]);
    std::fs::create_dir_all(site.root.join("content")).expect("content");
    let fifo = site.root.join("content/b.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    site.write("content/a.png", b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x10\0\0\0\x08\x08\x06\0\0\0\0\0\0\0");
    // The build ends (the walk reports the FIFO as no regular file), without a panic
    // and without waiting for a writer.
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("b.png"), "the FIFO is named: {}", run.stderr);
    if site.exists("public/index.html") {
        let html = site.read("public/index.html");
        assert!(html.contains("alt=\"a\" width=\"16\" height=\"8\" />"), "{html}");
        assert!(!html.contains("alt=\"b\" width"), "{html}");
    }
}

#[test]
fn an_image_linked_out_of_the_handbook_is_not_measured() {
    let outside = Site::empty("images-outside");
    outside.write("secret.png", b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x12\x34\0\0\x05\x67\x08\x06\0\0\0\0\0\0\0");
    let site = Site::with_files("images-link-out", &[("content/index.md", "# Home\n\n![x](x.png)\n")]);
    std::os::unix::fs::symlink(outside.root.join("secret.png"), site.root.join("content/x.png")).expect("symlink");
    let run = site.build(&[]);
    assert!(!crate::util::panicked(&run.stderr), "{}", run.stderr);
    assert!(run.stderr.contains("x.png"), "the link out is named: {}", run.stderr);
    // 0x1234 x 0x567 would be 4660 x 1383: the size of a file outside never shows.
    for file in site.files_under("public") {
        let text = String::from_utf8_lossy(&site.read_bytes(&format!("public/{file}"))).into_owned();
        assert!(!text.contains("4660") && !text.contains("1383"), "{file}: {text}");
    }
}

#[test]
fn a_large_garbage_image_costs_only_its_header() {
    let site = Site::with_files("images-garbage", &[("content/index.md", "# Home\n\n![g](g.jpg)\n")]);
    // 8 MiB of bytes that start like a JPEG and never hold a frame header.
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF];
    bytes.resize(8 << 20, 0xAB);
    site.write("content/g.jpg", &bytes);
    let run = site.build(&[]);
    run.expect_code(0);
    let html = site.read("public/index.html");
    assert!(html.contains("<img src=\"/g.jpg\" alt=\"g\" />"), "{html}");
}

/// SVG images are measured from their root element's attributes: a huge file (its
/// `<svg>` after 300 KiB of comment, beyond the bytes read), a deeply nested or
/// malformed one, an entity bomb and sizes that are no sizes all build without a
/// panic or a hang, and get no size; a good one beside them gets its own.
#[test]
fn a_huge_or_malformed_svg_gets_no_size_and_no_hang() {
    let huge = format!("<!--{}--><svg width=\"12\" height=\"34\"/>", "x".repeat(300 << 10));
    let nested = format!("{}<svg width=\"5\" height=\"6\"/>", "<g>".repeat(100_000));
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><svg width=\"&c;\" height=\"7\"/>";
    let files = [
        ("huge.svg", huge.as_str()),
        ("nested.svg", nested.as_str()),
        ("bomb.svg", bomb),
        ("broken.svg", "<svg width=\"4\" height=\"4"),
        ("html.svg", "<html><svg width=\"9\" height=\"9\"/></html>"),
        ("units.svg", "<svg width=\"1e308\" height=\"NaN\" viewBox=\"0 0 -1 inf\"/>"),
        ("binary.svg", "\u{0}\u{1}<svg\u{0} width=\"3\""),
        ("good.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 320 180\"/>"),
    ];
    let body: String = files.iter().map(|(name, _)| format!("![{name}]({name})\n\n")).collect();
    let site = Site::with_files("images-svg", &[("content/index.md", &format!("# Home\n\n{body}"))]);
    for (name, text) in files {
        site.write(&format!("content/{name}"), text);
    }
    let mut command = crate::util::opsbook();
    command.args(["build", "--quiet", "--root"]).arg(&site.root);
    let limit = std::time::Duration::from_secs(60);
    let (code, _, stderr, _) = crate::util::run_killed_after(command, limit);
    assert_eq!(code, Some(0), "the build ends, and well: {stderr}");
    assert!(!crate::util::panicked(&stderr), "{stderr}");
    let html = site.read("public/index.html");
    for (name, _) in &files[..files.len() - 1] {
        assert!(html.contains(&format!("<img src=\"/{name}\" alt=\"{name}\"")), "{name}: {html}");
        assert!(!html.contains(&format!("alt=\"{name}\" width=")), "{name} has no size: {html}");
    }
    assert!(html.contains("alt=\"good.svg\" width=\"320\" height=\"180\""), "{html}");
}
