//! The size an SVG image is drawn at, for [`super::image_sizes`]: read from the
//! attributes of its root `<svg>` element, found with `quick-xml` in the file's first
//! bytes (the caller bounds the read). In order:
//!
//! 1. `width` and `height` in pixels (`640`, `640px`, `640.5`), when both are;
//! 2. one of them and the `viewBox`, the other scaled by the box's proportions;
//! 3. the `viewBox`'s width and height, which is what a browser draws an `<img>` of
//!    such an SVG at when it has neither.
//!
//! A length in other units (`100%`, `10em`) counts as absent; a file whose first
//! element is no `<svg>`, that is not XML, or that holds no usable size has none.

use quick_xml::events::{BytesStart, Event};

/// The largest side given, in pixels: an SVG that claims more is not trusted.
const MAX_SIDE: f64 = 100_000.0;

/// The `(width, height)` of the SVG whose first bytes are `header`, if it gives one.
pub(crate) fn svg_size(header: &[u8]) -> Option<(u32, u32)> {
    let mut reader = quick_xml::Reader::from_reader(header);
    let mut buffer = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer).ok()? {
            Event::Start(element) | Event::Empty(element) => return size_of_root(&element),
            Event::Eof => return None,
            _ => buffer.clear(),
        }
    }
}

/// The size the root element `element` gives, when it is `<svg>` (see the steps).
fn size_of_root(element: &BytesStart<'_>) -> Option<(u32, u32)> {
    if element.local_name().as_ref() != b"svg" {
        return None;
    }
    let (mut width, mut height, mut view_box) = (None, None, None);
    for attribute in element.attributes().with_checks(false) {
        let attribute = attribute.ok()?;
        let value = std::str::from_utf8(&attribute.value).ok()?;
        match attribute.key.local_name().as_ref() {
            b"width" => width = pixels(value),
            b"height" => height = pixels(value),
            b"viewBox" => view_box = box_size(value),
            _ => {}
        }
    }
    let (width, height) = match (width, height, view_box) {
        (Some(width), Some(height), _) => (width, height),
        (Some(width), None, Some((w, h))) => (width, width * h / w),
        (None, Some(height), Some((w, h))) => (height * w / h, height),
        (None, None, Some(size)) => size,
        _ => return None,
    };
    Some((side(width)?, side(height)?))
}

/// A length in pixels: a number, with `px` or no unit.
fn pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let number = value.strip_suffix("px").unwrap_or(value).trim_end();
    number.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
}

/// The width and height of a `viewBox` (`min-x min-y width height`, separated by spaces
/// or commas), both positive.
fn box_size(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split([' ', ',', '\t', '\n', '\r'])
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [_, _, width, height] if width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0 => {
            Some((width, height))
        }
        _ => None,
    }
}

/// A side in whole pixels, at least 1 and at most [`MAX_SIDE`].
fn side(length: f64) -> Option<u32> {
    (length.is_finite() && length <= MAX_SIDE).then(|| length.round().max(1.0) as u32)
}

#[cfg(test)]
mod tests {
    use super::svg_size;

    #[test]
    fn reads_width_and_height_or_the_view_box() {
        let cases: &[(&str, Option<(u32, u32)>)] = &[
            (r#"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360"></svg>"#, Some((640, 360))),
            (r#"<?xml version="1.0"?><!-- a --><svg width="64px" height="32.4px"/>"#, Some((64, 32))),
            (r#"<svg viewBox="0 0 1200 600"><g/></svg>"#, Some((1200, 600))),
            (r#"<svg viewBox="0,0,100,50" width="300"/>"#, Some((300, 150))),
            (r#"<svg viewBox="0 0 100 50" height="25"/>"#, Some((50, 25))),
            (r#"<svg width="100%" height="100%" viewBox="0 0 40 30"/>"#, Some((40, 30))),
            (r#"<svg:svg xmlns:svg="http://www.w3.org/2000/svg" width="8" height="8"/>"#, Some((8, 8))),
        ];
        for (svg, size) in cases {
            assert_eq!(svg_size(svg.as_bytes()), *size, "{svg}");
        }
    }

    #[test]
    fn gives_no_size_for_what_holds_none() {
        let cases = [
            "",
            "not xml at all",
            "<html><svg width=\"1\" height=\"1\"/></html>",
            "<svg width=\"10em\" height=\"5\"/>",
            "<svg viewBox=\"0 0 0 10\"/>",
            "<svg viewBox=\"0 0 NaN 10\"/>",
            "<svg width=\"-5\" height=\"5\"/>",
            "<svg width=\"1e9\" height=\"5\"/>",
            "<svg width=\"5\" height=\"5",
            "<svg width='5' width='6' height=\"\u{0}\"/>",
        ];
        for svg in cases {
            assert_eq!(svg_size(svg.as_bytes()), None, "{svg:?}");
        }
    }
}
