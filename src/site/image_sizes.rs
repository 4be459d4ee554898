//! The width and height of the handbook's images (kept in the model): read
//! once per model, the first time a page with an `<img>` asks, from the first bytes of
//! each image file the site copies (PNG, JPEG, GIF, WebP, BMP, ICO, AVIF/HEIF, TIFF),
//! with the `imagesize` crate. Each file is opened through `crate::fs` (a regular file
//! in the handbook, as the copy step opens it) and at most [`HEADER_BYTES`] of it read;
//! a file that cannot be read or measured has no size, and its images are left as the
//! page wrote them. An SVG is measured by the size its root element gives
//! ([`super::svg_size`]), read from the same first bytes.

use super::Site;
use crate::hash::FastHashMap;

/// How much of an image file is read: enough for the dimensions of every format above,
/// JPEG's included when metadata comes before its frame header.
pub(crate) const HEADER_BYTES: u64 = 256 << 10;

/// The extensions of the files measured (lower case); JPEG's are those of Hugo's media
/// type `image/jpeg`, so a bundle's `.jfif` has its size where Hugo processes it.
const MEASURED: &[&str] = &[
    "png", "jpg", "jpeg", "jpe", "jif", "jfif", "gif", "webp", "bmp", "ico", "avif", "heic", "heif", "tif", "tiff",
    "svg",
];

/// Each measured image's `(width, height)` in pixels, by its site path (`img/a.png`).
#[derive(Debug, Clone, Default)]
pub(crate) struct ImageSizes(FastHashMap<String, (u32, u32)>);

impl ImageSizes {
    /// Measures every image among the site's copied files, one after another: it runs
    /// inside a page's rendering, where a parallel loop could take up another page's
    /// work on this thread and ask for the sizes again before they are known.
    pub(crate) fn measure(site: &Site) -> ImageSizes {
        let measured = site.assets.iter().filter(|asset| is_measured(&asset.url)).filter_map(|asset| {
            let (disk, _) = site.config.locate_confined(&asset.source);
            let svg = asset.url.rsplit_once('.').is_some_and(|(_, extension)| extension.eq_ignore_ascii_case("svg"));
            let disk = disk.ok()?;
            Some((asset.url.clone(), if svg { svg_size_of(&disk)? } else { size_of(&disk)? }))
        });
        ImageSizes(measured.collect())
    }

    /// The size of the image at site path `path`, if it was measured.
    pub(crate) fn get(&self, path: &str) -> Option<(u32, u32)> {
        self.0.get(path).copied()
    }

    /// A hash of every size measured, whatever order they were measured in.
    pub(crate) fn fingerprint(&self) -> u128 {
        let mut sizes: Vec<(&String, &(u32, u32))> = self.0.iter().collect();
        sizes.sort_unstable();
        let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
        for (path, (width, height)) in sizes {
            hasher.update(&(path.len() as u64).to_le_bytes());
            hasher.update(path.as_bytes());
            hasher.update(&width.to_le_bytes());
            hasher.update(&height.to_le_bytes());
        }
        hasher.digest128()
    }

    /// A table of the given sizes, for the tests of what reads it.
    #[cfg(test)]
    pub(crate) fn of(sizes: &[(&str, (u32, u32))]) -> ImageSizes {
        ImageSizes(sizes.iter().map(|(path, size)| ((*path).to_string(), *size)).collect())
    }
}

/// Whether `path` names a file of a measured format.
fn is_measured(path: &str) -> bool {
    let extension = path.rsplit_once('.').map_or("", |(_, extension)| extension);
    MEASURED.iter().any(|known| extension.eq_ignore_ascii_case(known))
}

/// The size of the SVG file at `path`, read from its first [`HEADER_BYTES`].
fn svg_size_of(path: &crate::fs::Confined) -> Option<(u32, u32)> {
    use std::io::Read as _;
    let (file, _) = crate::fs::open_regular(path, crate::fs::FileKind::Asset).ok()?;
    let mut header = Vec::new();
    file.take(HEADER_BYTES).read_to_end(&mut header).ok()?;
    super::svg_size::svg_size(&header)
}

/// The size of the image file at `path`, read from its first 16 KiB, or its first
/// [`HEADER_BYTES`] when those do not hold it.
fn size_of(path: &crate::fs::Confined) -> Option<(u32, u32)> {
    use std::io::Read as _;
    let (file, _) = crate::fs::open_regular(path, crate::fs::FileKind::Asset).ok()?;
    let mut file = file.take(HEADER_BYTES);
    let mut header = Vec::new();
    (&mut file).take(16 << 10).read_to_end(&mut header).ok()?;
    let size = match imagesize::blob_size(&header) {
        Ok(size) => size,
        Err(_) => {
            file.read_to_end(&mut header).ok()?;
            imagesize::blob_size(&header).ok()?
        }
    };
    let (width, height) = (u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?);
    (width > 0 && height > 0).then_some((width, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG's signature and header chunk of `width` x `height`.
    /// A test file, not confined.
    fn at(path: &std::path::Path) -> crate::fs::Confined {
        crate::fs::Confined::named_on_command_line(path)
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    #[test]
    fn measures_a_png_and_refuses_what_is_no_image() {
        let dir = crate::test_support::temp_dir("image-sizes");
        std::fs::write(dir.join("a.png"), png(640, 360)).expect("write");
        std::fs::write(dir.join("b.png"), b"not an image").expect("write");
        std::fs::write(dir.join("c.png"), png(0, 10)).expect("write");
        assert_eq!(size_of(&at(&dir.join("a.png"))), Some((640, 360)));
        assert_eq!(size_of(&at(&dir.join("b.png"))), None);
        assert_eq!(size_of(&at(&dir.join("c.png"))), None, "an empty image has no size");
        assert_eq!(size_of(&at(&dir.join("missing.png"))), None);
        assert_eq!(size_of(&at(&dir)), None, "a folder is no image");
    }

    #[test]
    fn only_the_webs_image_formats_are_measured() {
        assert!(is_measured("img/a.PNG") && is_measured("a.jpeg") && is_measured("x/y.webp"));
        assert!(is_measured("a.svg") && !is_measured("a.pdf") && !is_measured("png"));
        assert!(is_measured("b.jfif") && is_measured("c.JPE") && is_measured("d.jif"));
    }
}
