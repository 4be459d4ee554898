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
