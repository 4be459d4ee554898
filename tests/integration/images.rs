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

/// A Docsy site's blog post bundle with `imgproc` calls of each processing.
fn imgproc_site(name: &str) -> Site {
    let post = "---\ntitle: Post\nresources:\n- src: \"**team*.png\"\n  title: Our team\n  params:\n    byline: \"Photo: Ops <crew>\"\n---\n\
        # Post\n\n\
        {{< imgproc team Resize 600x >}}\nThe *whole* team\n{{< /imgproc >}}\n\n\
        {{< imgproc team Fit \"300x300\" >}}{{< /imgproc >}}\n\n\
        {{< imgproc TEAM Fill \"400x450 TopLeft\" >}}\nFilled\n{{< /imgproc >}}\n\n\
        {{< imgproc rack Crop \"100x100\" >}}{{< /imgproc >}}\n\n\
        {{< imgproc missing Resize 600x >}}{{< /imgproc >}}\n\n\
        {{< imgproc rack Fit 600x >}}{{< /imgproc >}}\n";
    let site = Site::with_files(
        name,
        &[
            ("book.toml", "[handbook]\ntitle = \"Test\"\n"),
            ("hugo.toml", "title = 'x'\ntheme = 'docsy'\n"),
            ("content/_index.md", "# Home\n"),
            ("content/blog/post/index.md", post),
            ("content/blog/other.md", "# Other\n\n{{< imgproc rack Resize 600x >}}{{< /imgproc >}}\n"),
            (
                "content/blog/more/index.md",
                "# More\n\n{{< imgproc notes fit 600x300 >}}{{< /imgproc >}}\n\n\
                 {{< imgproc notes Resize 600x >}}{{< /imgproc >}}\n\n{{< imgproc >}}{{< /imgproc >}}\n\n\
                 {{< imgproc photo Resize 150x >}}{{< /imgproc >}}\n",
            ),
        ],
    );
    site.write("content/blog/post/images/team.png", png(1500, 1000));
    site.write("content/blog/post/rack.png", png(200, 100));
    site.write("content/blog/rack.png", png(200, 100));
    site.write("content/blog/more/notes.txt", "not an image");
    // A JPEG named as Hugo's media type also names them: 300 x 200 in its frame header.
    site.write(
        "content/blog/more/photo.jfif",
        b"\xff\xd8\xff\xc0\x00\x11\x08\x00\xc8\x01\x2c\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01",
    );
    site
}

#[test]
fn docsy_imgproc_shows_the_bundle_s_image_in_the_box_hugo_makes() {
    let site = imgproc_site("images-imgproc");
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/blog/post/index.html");
    let html = main_of(&page);
    // Resize 600x of 1500x1000, its caption as Markdown, the byline of `resources`.
    let resized = "<figure class=\"processed-image\" style=\"max-width: 600px\">\n\
        <img src=\"/blog/post/images/team.png\" alt=\"Our team\" width=\"600\" height=\"400\">\n<figcaption>\n\
        <p>The <em>whole</em> team</p>\n<p class=\"byline\"><small>Photo: Ops &lt;crew&gt;</small></p>\n</figcaption>\n</figure>";
    assert!(html.contains(resized), "{html}");
    // Fit keeps the shape inside the box; an empty content writes no caption.
    let fit = "<img src=\"/blog/post/images/team.png\" alt=\"Our team\" width=\"300\" height=\"200\" loading=\"lazy\">\n</figure>";
    assert!(html.contains(fit), "{html}");
    // Fill covers the box from its anchor; Crop keeps the image's own scale.
    assert!(
        html.contains(
            "width=\"400\" height=\"450\" style=\"aspect-ratio: 400 / 450; object-fit: cover; object-position: 0% 0%\""
        ),
        "{html}"
    );
    assert!(html.contains("<img src=\"/blog/post/rack.png\" alt=\"\" width=\"100\" height=\"100\" style=\"aspect-ratio: 100 / 100; object-fit: none; object-position: 50% 50%\""), "{html}");
    // What Hugo fails on is a placeholder with a warning at the call.
    for warned in [
        "finds no file of the page's own matching `**missing*` (Hugo looks among the files beside a folder's \
         `index.md` or `_index.md`); it is shown as a placeholder\n  --> content/blog/post/index.md:23:1",
        "`{{< imgproc rack Fit 600x >}}`: must provide Width and Height\n  --> content/blog/post/index.md:25:1",
        "`**rack*` (Hugo looks among the files beside a folder's `index.md` or `_index.md`); it is shown as a \
         placeholder\n --> content/blog/other.md:3:1",
    ] {
        assert!(run.stderr.contains(warned), "{warned}: {}", run.stderr);
    }
    assert_eq!(html.matches("class=\"unsupported unsupported-block\"").count(), 2, "{html}");
    // Docsy's and Hugo's other refusals, each at its call.
    for warned in [
        "invalid image processing command `fit`: must be one of Fit, Fill, Crop or Resize\n --> content/blog/more/index.md:3:1",
        "`notes.txt` is no image Hugo processes (PNG, JPEG, GIF, TIFF, BMP and WebP images whose size can be read); \
         it is shown as a placeholder\n --> content/blog/more/index.md:5:1",
        "`{{< imgproc >}}` names no image and processing; it is shown as a placeholder\n --> content/blog/more/index.md:7:1",
    ] {
        assert!(run.stderr.contains(warned), "{warned}: {}", run.stderr);
    }
    let more = site.read("public/blog/more/index.html");
    assert!(more.contains("<img src=\"/blog/more/photo.jfif\" alt=\"\" width=\"150\" height=\"100\""), "{more}");
    // A new image of another size, and an image added, are followed by a build from
    // the cache.
    site.write("content/blog/post/images/team.png", png(1000, 1000));
    site.write("content/blog/post/missing.png", png(300, 200));
    let run = site.build(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/blog/post/index.html");
    let html = main_of(&page);
    assert!(html.contains("alt=\"Our team\" width=\"600\" height=\"600\">"), "{html}");
    assert!(html.contains("<img src=\"/blog/post/missing.png\" alt=\"\" width=\"600\" height=\"400\""), "{html}");
}
