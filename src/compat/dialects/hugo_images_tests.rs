use super::*;
use serde_json::json;

fn options(action: Action, width: u32, height: u32, anchor: (u8, u8)) -> ImageOptions {
    ImageOptions { action, width, height, anchor }
}

/// gohugoio/hugo `resources/images/config_test.go` `TestDecodeImageConfig` at
/// 7b5199fd: every case, less the quality, filter and colour the options also hold,
/// which change no size. `r180` is refused here (opsbook rotates nothing), so that
/// case is taken without it and its refusal tested below.
#[test]
fn decodes_options_as_hugo_s_config_tests_do() {
    let cases: [(&str, &str, Option<ImageOptions>); 15] = [
        ("resize", "300x400", Some(options(Action::Resize, 300, 400, (50, 50)))),
        ("resize", "300x400 #fff", Some(options(Action::Resize, 300, 400, (50, 50)))),
        ("resize", "100x200 bottomRight", Some(options(Action::Resize, 100, 200, (100, 100)))),
        ("resize", "10x20 topleft Lanczos", Some(options(Action::Resize, 10, 20, (0, 0)))),
        ("resize", "linear left 10x", Some(options(Action::Resize, 10, 0, (0, 50)))),
        ("resize", "x20 riGht Cosine q95", Some(options(Action::Resize, 0, 20, (100, 50)))),
        ("crop", "300x400", Some(options(Action::Crop, 300, 400, (50, 50)))),
        ("fill", "300x400", Some(options(Action::Fill, 300, 400, (50, 50)))),
        ("fit", "300x400", Some(options(Action::Fit, 300, 400, (50, 50)))),
        ("resize", "", None),
        ("resize", "foo", None),
        ("crop", "100x", None),
        ("fill", "100x", None),
        ("fit", "100x", None),
        ("foo", "100x", None),
    ];
    for (action, text, expected) in cases {
        assert_eq!(image_options(action, text).ok(), expected, "{action} {text}");
    }
}

#[test]
fn refuses_what_hugo_refuses_and_a_rotation() {
    let message = |action, text| image_options(action, text).unwrap_err();
    assert_eq!(message("Fit", "600x"), "must provide Width and Height");
    assert_eq!(message("Resize", "q80"), "must provide Width or Height");
    assert_eq!(message("Resize", "1x2x3"), "invalid image dimensions");
    assert_eq!(message("Resize", "600x q0"), "quality ranges from 1 to 100 inclusive");
    assert!(message("Resize", "axb").contains("invalid syntax"));
    assert!(message("Resize", "600x #ggg").contains("invalid color"));
    assert!(message("Resize", "600x r90").contains("rotation"));
    assert!(message("Resize", "-5x").contains("invalid image dimensions"));
    assert!(message("Rotate", "600x").contains("Resize, Fit, Fill or Crop"));
    assert!(image_options("RESIZE", "600X r360 webp Box #fffa").is_ok(), "a whole turn, a format, a filter, a colour");
    // The action comes first, and one among the options takes its place, as in Hugo.
    assert_eq!(image_options("Resize", "fill 100x100").unwrap().action, Action::Fill);
    assert_eq!(image_options("Fit", "RESIZE 100x").unwrap().action, Action::Resize);
}

/// disintegration/gift `resize_test.go` and `transform_test.go` at 575e249f: the sizes
/// of `TestResize` (a 10x20 image), `TestResizeToFit`, `TestResizeToFill` and
/// `TestCropToSize`.
#[test]
fn makes_the_sizes_gift_s_tests_make() {
    let resize = [
        ((10, 20), (10, 20)),
        ((20, 20), (20, 20)),
        ((10, 40), (10, 40)),
        ((20, 40), (20, 40)),
        ((5, 20), (5, 20)),
        ((10, 0), (10, 20)),
        ((0, 20), (10, 20)),
        ((20, 0), (20, 40)),
        ((0, 10), (5, 10)),
        ((0, 0), (0, 0)),
    ];
    for ((w, h), expected) in resize {
        assert_eq!(processed_size(&options(Action::Resize, w, h, (50, 50)), (10, 20)), expected, "{w}x{h}");
    }
    assert_eq!(processed_size(&options(Action::Resize, 1, 1, (50, 50)), (1, 2)), (1, 1));
    assert_eq!(processed_size(&options(Action::Resize, 1, 3, (50, 50)), (1, 2)), (1, 3));
    assert_eq!(processed_size(&options(Action::Resize, 2, 2, (50, 50)), (5, 2)), (2, 2));
    assert_eq!(processed_size(&options(Action::Resize, 2, 1, (50, 50)), (4, 2)), (2, 1));
    let fit = [((0, 0), (5, 5), (0, 0)), ((1, 1), (5, 5), (1, 1)), ((2, 3), (4, 2), (2, 1))];
    let fit = fit.into_iter().chain([((3, 2), (2, 4), (1, 2)), ((2, 4), (2, 4), (2, 4)), ((3, 10), (2, 4), (2, 4))]);
    for ((w, h), source, expected) in fit {
        assert_eq!(processed_size(&options(Action::Fit, w, h, (50, 50)), source), expected, "fit {w}x{h}");
    }
    let fill = [((0, 0), (4, 2), (0, 0)), ((4, 2), (4, 2), (4, 2)), ((4, 4), (4, 2), (4, 4))];
    let fill = fill.into_iter().chain([((4, 4), (2, 4), (4, 4)), ((2, 1), (6, 6), (2, 1))]);
    for ((w, h), source, expected) in fill {
        assert_eq!(processed_size(&options(Action::Fill, w, h, (50, 50)), source), expected, "fill {w}x{h}");
    }
    for (anchor, (w, h), expected) in
        [((50, 50), (0, 0), (0, 0)), ((0, 0), (3, 3), (3, 3)), ((50, 50), (100, 100), (5, 5))]
    {
        assert_eq!(processed_size(&options(Action::Crop, w, h, anchor), (5, 5)), expected, "crop {w}x{h}");
    }
    assert_eq!(processed_size(&options(Action::Crop, 600, 10, (0, 0)), (5, 5)), (5, 5));
}

#[test]
fn sizes_a_photo_as_hugo_s_docs_do() {
    // A 1500x1000 photo: `Resize "600x"`, `Fit "600x400"` (Hugo's image processing page).
    assert_eq!(processed_size(&image_options("Resize", "600x").unwrap(), (1500, 1000)), (600, 400));
    assert_eq!(processed_size(&image_options("Resize", "x600").unwrap(), (1500, 1000)), (900, 600));
    assert_eq!(processed_size(&image_options("Fit", "600x600").unwrap(), (1500, 1000)), (600, 400));
    assert_eq!(processed_size(&image_options("Fit", "2000x2000").unwrap(), (1500, 1000)), (1500, 1000));
    assert_eq!(processed_size(&image_options("Fill", "400x450").unwrap(), (1500, 1000)), (400, 450));
    assert_eq!(processed_size(&image_options("Resize", "800x").unwrap(), (500, 301)), (800, 482));
}

fn file(name: &str) -> PageFile {
    PageFile { name: name.into(), size: Some((10, 10)) }
}

#[test]
fn finds_a_resource_as_get_match_does() {
    let files = vec![file("b/spruce-tree.JPG"), file("spruce.pdf"), file("a-spruce.png"), file("notes.txt")];
    let list = resources(files, None).unwrap();
    let names: Vec<&str> = list.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["spruce.pdf", "a-spruce.png", "b/spruce-tree.JPG", "notes.txt"], "by type, then name");
    let found = |pattern: &str| get_match(&list, pattern).unwrap().map(|r| r.name.clone());
    assert_eq!(found("**spruce*").as_deref(), Some("spruce.pdf"));
    assert_eq!(found("**SPRUCE-tree*").as_deref(), Some("b/spruce-tree.JPG"), "without case, across folders");
    assert_eq!(found("*spruce-tree*"), None, "`*` stays in its folder");
    assert_eq!(found("**{tree,a-s}*").as_deref(), Some("a-spruce.png"));
    assert_eq!(found("**[!a]-spruce*"), None);
    assert_eq!(found("**not?s*").as_deref(), Some("notes.txt"));
    assert_eq!(found("**pine*"), None);
    assert!(get_match(&list, "**[spruce*").is_err());
    assert!(get_match(&list, "**{spruce*").is_err());
}

#[test]
fn names_resources_by_the_front_matter_as_hugo_does() {
    let files = vec![file("a.png"), file("b.png"), file("c.jpg"), file("d.pdf")];
    let meta = json!([
        {"src": "*.png", "name": "shot-:counter", "title": "Shot #:counter", "params": {"ByLine": "Ops", "x": 1}},
        {"src": "**.png", "name": "never", "params": {"byline": "second", "y": 2}},
        {"src": "C.jpg", "name": "/photo"},
    ]);
    let list = resources(files, Some(&meta)).unwrap();
    let named: Vec<(&str, Option<&str>)> = list.iter().map(|r| (r.name.as_str(), r.title.as_deref())).collect();
    assert_eq!(named, [("d.pdf", None), ("photo", None), ("shot-1", Some("Shot #1")), ("shot-2", Some("Shot #2"))]);
    let shot = get_match(&list, "**shot-2*").unwrap().unwrap();
    assert_eq!(shot.file.name, "b.png", "the file keeps its path");
    assert_eq!(shot.params.get("byline"), Some(&json!("second")), "a later entry's parameter wins");
    assert_eq!(shot.params.get("x"), Some(&json!(1)), "and the others are merged");
    // `GetMatch`'s second pass reads the file's own path, which a rename keeps.
    assert_eq!(get_match(&list, "**b.png*").unwrap().map(|r| r.name.as_str()), Some("shot-2"));
    // An entry Hugo cannot read ends the entries read; those before it hold.
    let broken = json!([{"src": "a.png", "name": "first"}, {"name": "x"}, {"src": "a.png", "title": "never"}]);
    let list = resources(vec![file("a.png")], Some(&broken)).unwrap();
    assert_eq!((list[0].name.as_str(), list[0].title.as_deref()), ("first", None));
    assert!(resources(vec![file("a.png")], Some(&json!("a.png"))).is_err());
}

#[test]
fn only_hugo_s_raster_formats_are_processed_and_types_order_as_hugo_s() {
    assert!(processable("a.JPG") && processable("x/b.webp") && processable("d.tiff"));
    assert!(!processable("a.svg") && !processable("b.ico") && !processable("c.heic") && !processable("c.avif"));
    assert!(!processable("png"));
    let files = vec![file("z.js"), file("a.xml"), file("b.woff2"), file("c.unknown"), file("d.png")];
    let names: Vec<String> = resources(files, None).unwrap().into_iter().map(|r| r.name).collect();
    assert_eq!(names, ["c.unknown", "a.xml", "b.woff2", "d.png", "z.js"]);
}

#[test]
fn a_hostile_glob_costs_linear_time() {
    let list = resources(vec![file(&"a".repeat(4000))], None).unwrap();
    let pattern = format!("{}b", "*".repeat(1000));
    assert_eq!(get_match(&list, &pattern).unwrap(), None);
    assert!(get_match(&list, &"*".repeat(2000)).unwrap_err().contains("longer than opsbook reads"));
    let pattern = format!("{}b", "**a".repeat(100));
    assert_eq!(get_match(&list, &pattern).unwrap(), None);
    let pattern = format!("{}a", "**a".repeat(100));
    assert!(get_match(&list, &pattern).unwrap().is_some());
}
