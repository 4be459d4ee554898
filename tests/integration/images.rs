//! Images keep their place: the width and height of each image the
//! site copies are read from its file at build time, and every image of a page but the
//! first loads lazily; the author's own attributes win.

use crate::util;

use util::{Site, main_of};

/// A PNG's signature and header chunk of `width` x `height`.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// A GIF's header of `width` x `height`.
fn gif(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = b"GIF89a".to_vec();
    bytes.extend(width.to_le_bytes());
    bytes.extend(height.to_le_bytes());
    bytes.extend([0, 0, 0]);
    bytes
}

fn images_site(name: &str) -> Site {
    let site = Site::with_files(
        name,
        &[(
            "content/runbooks/db.md",
            "---\ntitle: DB\n---\n# DB\n\n![Latency](img/latency.png)\n\n\
             ![Logo](/img/logo.gif \"The logo\")\n\n\
             <img src=\"img/latency.png\" alt=\"Raw\" width=\"100\">\n\n\
             <img src=\"img/latency.png\" alt=\"Eager\" loading=\"eager\">\n\n\
             ![Remote](https://example.org/x.png)\n\n![Vector](img/diagram.svg)\n\n![Broken](img/broken.png)\n",
        )],
    );
    site.write("content/runbooks/img/latency.png", png(1200, 675));
    site.write("content/img/logo.gif", gif(64, 32));
    site.write(
        "content/runbooks/img/diagram.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    site.write("content/runbooks/img/broken.png", "not a PNG at all");
    site.write("content/index.md", "# Home\n\nNo images here.\n");
    site
}

#[test]
fn images_get_their_size_and_all_but_the_first_load_lazily() {
    let site = images_site("images");
    site.build(&[]).expect_code(0);
    let html = site.read("public/runbooks/db/index.html");
    let main = main_of(&html);
    assert!(
        main.contains("<img src=\"/runbooks/img/latency.png\" alt=\"Latency\" width=\"1200\" height=\"675\" />"),
        "the first image: its size, loaded at once: {main}"
    );
    assert!(
        main.contains(
            "<img src=\"/img/logo.gif\" alt=\"Logo\" title=\"The logo\" width=\"64\" height=\"32\" loading=\"lazy\" />"
        ),
        "{main}"
    );
    assert!(main.contains("alt=\"Raw\" width=\"100\" loading=\"lazy\">"), "the author's width wins: {main}");
    assert!(main.contains("alt=\"Eager\" loading=\"eager\" width=\"1200\" height=\"675\">"), "{main}");
    assert!(main.contains("src=\"https://example.org/x.png\" alt=\"Remote\" loading=\"lazy\" />"), "{main}");
    assert!(
        main.contains("alt=\"Vector\" width=\"10\" height=\"10\" loading=\"lazy\" />"),
        "an SVG is sized by its root element: {main}"
    );
    assert!(main.contains("alt=\"Broken\" loading=\"lazy\" />"), "a file that is no image gets no size: {main}");
    // A page without images is written as before.
    assert!(!site.read("public/index.html").contains("loading=\"lazy\""));
}

#[test]
fn a_replaced_image_gets_its_new_size_though_the_page_did_not_change() {
    let site = images_site("images-cache");
    site.build(&[]).expect_code(0);
    site.write("content/runbooks/img/latency.png", png(300, 600));
    site.build(&[]).expect_code(0);
    let html = site.read("public/runbooks/db/index.html");
    assert!(main_of(&html).contains("alt=\"Latency\" width=\"300\" height=\"600\" />"), "{}", main_of(&html));
}
